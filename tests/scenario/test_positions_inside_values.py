"""A problem inside a text or a condition is reported where it stands in the file, whatever
the value's YAML style: folded (`>`), wrapped over lines, quoted with escapes, or `|`."""

from __future__ import annotations

from pathlib import Path

import pytest

from balancing_act.scenario import ScenarioError, load_scenario

BASE = (Path(__file__).parent.parent / "fixtures" / "one_card.yaml").read_text(encoding="utf-8")
TEXT = """    text: |
      Write the situation here: what happens, when, and what each capital
      wants from India.
"""
WHEN = "    when: autonomy >= 60 and trust_us >= 50 and trust_russia >= 50\n"
NOPE = "unknown name 'nope' in the text"
RUSIA = "unknown name 'trust_rusia'"

CASES = {
    "literal block": (TEXT, "    text: |\n      First line of it,\n      and then {nope} "
                            "more.\n", NOPE),
    "folded block": (TEXT, "    text: >\n      Write the situation here: what happens, when, and "
                           "what each capital\n      wants from India,\n      and then {nope} "
                           "more.\n", NOPE),
    "plain text over lines": (TEXT, "    text: Write the situation here\n      and more of it,\n"
                                    "      and then {nope} more.\n", NOPE),
    "double-quoted over lines": (TEXT, '    text: "Write the situation here\n      and more,\n'
                                       '      and then {nope} more."\n', NOPE),
    "escapes before the name": (TEXT, '    text: "caf\\u00e9\\u00e9 and {nope} here."\n', NOPE),
    "single quotes doubled": (TEXT, "    text: 'it''s {nope} here'\n", NOPE),
    "one line, plain": (TEXT, "    text: It is {nope} here.\n", NOPE),
    "condition over lines": (WHEN, "    when: autonomy >= 60 and\n      trust_us >= 50 and "
                                   "trust_rusia >= 50\n", RUSIA),
    "condition folded": (WHEN, "    when: >\n      autonomy >= 60 and\n      trust_rusia >= "
                               "50\n", RUSIA),
    "condition with a line continuation": (WHEN, '    when: "autonomy >= 60 and \\\n      '
                                                 'trust_us >= 50 and trust_rusia >= 50"\n',
                                           RUSIA),
    "condition as a literal block": (WHEN, "    when: |\n      autonomy >= 60 and\n      "
                                          "trust_us >= 50 and trust_rusia >= 50\n", RUSIA),
    "condition on one line": (WHEN, "    when: autonomy >= 60 and trust_rusia >= 50\n", RUSIA),
}


@pytest.mark.parametrize("case", CASES)
def test_a_problem_is_reported_where_the_name_stands_in_the_file(case: str,
                                                                 tmp_path: Path) -> None:
    old, new, message = CASES[case]
    assert old in BASE
    path = tmp_path / "card.yaml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    name = "nope" if message == NOPE else "trust_rusia"  # the name, inside its braces
    lines = path.read_text(encoding="utf-8").split("\n")
    where = [(n, line.index(name) + 1) for n, line in enumerate(lines, 1) if name in line]
    assert len(where) == 1
    with pytest.raises(ScenarioError) as raised:
        load_scenario(path)
    found = [(p.line, p.col) for p in raised.value.problems if message in p.message]
    assert found == where, [str(p) for p in raised.value.problems]

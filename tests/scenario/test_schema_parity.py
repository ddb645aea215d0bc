"""One reading of a scenario file: the game, a YAML 1.2 parser (as editors use) and the JSON
Schema agree.

Every variant below is a small edit of a valid scenario. For each, the game's reader must give
the same data as ruamel.yaml's YAML 1.2 reader, and the JSON Schema (checked with jsonschema on
that data, as an editor would) must give the same verdict as the game's loader, and the
verdict the variant is meant to have. Checks that need the whole file (an id that must exist, a
condition's syntax, probabilities that add up) are the loader's alone and are tested elsewhere.
"""

from __future__ import annotations

import datetime
import io

import jsonschema
import pytest
from ruamel.yaml import YAML

from balancing_act.scenario import ScenarioError, load_scenario_bytes
from balancing_act.scenario.schema import scenario_schema
from balancing_act.scenario.yamlread import load_yaml_data

BASE = """\
format: 1
id: parity
title: Parity
period: 2018-2020
turns: 3
meters:
  autonomy: {label: Strategic autonomy, start: 50, role: autonomy}
  trust_us: {label: Trust in Washington, start: 50, role: partner}
  trust_russia: {label: Trust in Moscow, start: 50, role: partner}
flags:
  signed: {description: The deal is signed}
templates:
  hedge: {label: Hedge, effects: {autonomy: 2}}
events:
  - id: deal
    title: A deal
    date: 2019-05
    text: A deal is offered.
    once: false
    options:
      - id: sign
        label: Sign
        effects: {trust_us: 5, trust_russia: 2, autonomy: -3}
        set: [signed]
        outcome: Signed.
      - id: wait
        label: Wait
        chance:
          - {p: 0.5, effects: {autonomy: 2}}
          - {p: 0.5, effects: {trust_us: -2}}
        later:
          - {after: 1, effects: {autonomy: 1}, text: It lands.}
      - id: hedge
        use: hedge
endings:
  - {id: lost, title: Lost, when: autonomy <= 10, tone: bad}
  - {id: good, title: Good, final: true, when: autonomy >= 60, tone: good}
  - {id: plain, title: Plain, fallback: true}
debrief:
  questions: [Why?]
glossary:
  Deal: An agreement.
"""


def edit(old: str, new: str) -> tuple[str, str]:
    assert old in BASE, old
    return old, new


VALID = [
    ("as written", edit("title: Parity", "title: Parity")),
    ("a title written as a number", edit("title: Parity", "title: 2018")),
    ("a period written as a number", edit("period: 2018-2020", "period: 2018")),
    ("a year as the date", edit("date: 2019-05", "date: 2019")),
    ("a full date, unquoted", edit("date: 2019-05", "date: 2019-05-21")),
    ("a quoted date", edit("date: 2019-05", "date: '2019-05'")),
    ("a whole number written 50.0", edit("start: 50, role: autonomy",
                                         "start: 50.0, role: autonomy")),
    ("a number with a leading zero (45 in YAML 1.2)", edit("start: 50, role: autonomy",
                                                           "start: 045, role: autonomy")),
    ("a hexadecimal number", edit("turns: 3", "turns: 0x3")),
    ("an octal number in YAML 1.2 form", edit("turns: 3", "turns: 0o3")),
    ("a label No (text in YAML 1.2)", edit("label: Wait", "label: No")),
    ("a label yes", edit("label: Wait", "label: yes")),
    ("an outcome On", edit("outcome: Signed.", "outcome: On")),
    ("a weight as a whole number", edit("once: false", "once: false\n    weight: 2")),
    ("a weight 0.5", edit("once: false", "once: false\n    weight: 0.5")),
    ("a weight in e-notation", edit("once: false", "once: false\n    weight: 1e1")),
    ("once written True", edit("once: false", "once: True")),
    ("once written FALSE", edit("once: false", "once: FALSE")),
    ("a condition that is just true", edit("label: Sign", "label: Sign\n        when: true")),
    ("a meter set to a value", edit("set: [signed]", "set: [signed, {autonomy: 40}]")),
    ("a hidden meter", edit("role: partner}\nflags", "role: partner, hidden: true}\nflags")),
    ("an option with a template and its own label", edit(
        "use: hedge", "use: hedge\n        label: Hedge more")),
    ("a preview level", edit("turns: 3", "turns: 3\npreview: numbers")),
    ("a difficulty", edit("turns: 3", "turns: 3\ndifficulty: challenging")),
    ("advisers", edit("text: A deal is offered.", "text: A deal is offered.\n    advisers:\n"
                                                  "      - {role: MEA, says: Wait.}")),
    ("sources", edit("text: A deal is offered.",
                     "text: A deal is offered.\n    sources: [A source]")),
    ("a historical option", edit("label: Sign", "label: Sign\n        historical: true")),
    ("a null description", edit("{description: The deal is signed}", "{description: ''}")),
    ("a glossary term written as a number", edit("Deal: An agreement.",
                                                 "Deal: An agreement.\n  2008: The year.")),
    ("a block text", edit("text: A deal is offered.", "text: |\n      A deal\n      is offered.")),
    ("a folded text", edit("text: A deal is offered.", "text: >\n      A deal\n      is offered.")),
]

INVALID = [
    ("an unknown top-level key", edit("turns: 3", "turns: 3\nturn: 4")),
    ("an unknown card key", edit("once: false", "once: false\n    onse: true")),
    ("an unknown option key", edit("outcome: Signed.", "outcome: Signed.\n        efects: {}")),
    ("an unknown meter key", edit("role: autonomy}", "role: autonomy, maximum: 3}")),
    ("format 2", edit("format: 1", "format: 2")),
    ("no format", edit("format: 1\n", "")),
    ("no title", edit("title: Parity\n", "")),
    ("no turns", edit("turns: 3\n", "")),
    ("turns 0", edit("turns: 3", "turns: 0")),
    ("turns 201", edit("turns: 3", "turns: 201")),
    ("turns as text", edit("turns: 3", "turns: '3'")),
    ("turns 2.5", edit("turns: 3", "turns: 2.5")),
    ("turns in sexagesimal", edit("turns: 3", "turns: 1:30")),
    ("turns true", edit("turns: 3", "turns: true")),
    ("an id with capitals", edit("id: parity", "id: Parity")),
    ("a card id with a space", edit("id: deal", "id: a deal")),
    ("an option id with a dash", edit("id: sign", "id: sign-it")),
    ("a start as text", edit("start: 50, role: autonomy", "start: fifty, role: autonomy")),
    ("a start beyond the bound", edit("start: 50, role: autonomy",
                                      "start: 2000000, role: autonomy")),
    ("an effect of 1.5", edit("trust_us: 5,", "trust_us: 1.5,")),
    ("an effect beyond 1000", edit("trust_us: 5,", "trust_us: 5000,")),
    ("an effect as text", edit("trust_us: 5,", "trust_us: five,")),
    ("no meters", edit("""meters:
  autonomy: {label: Strategic autonomy, start: 50, role: autonomy}
  trust_us: {label: Trust in Washington, start: 50, role: partner}
  trust_russia: {label: Trust in Moscow, start: 50, role: partner}
""", "meters: {}\n")),
    ("no label on an option", edit("        label: Sign\n", "")),
    ("a label as a list", edit("label: Sign", "label: [Sign]")),
    ("a label false", edit("label: Wait", "label: false")),
    ("once written yes", edit("once: false", "once: yes")),
    ("once written off", edit("once: false", "once: off")),
    ("once as a number", edit("once: false", "once: 0")),
    ("a negative weight", edit("once: false", "once: false\n    weight: -1")),
    ("a weight as text", edit("once: false", "once: false\n    weight: heavy")),
    ("a preview that does not exist", edit("turns: 3", "turns: 3\npreview: all")),
    ("a difficulty that does not exist", edit("turns: 3", "turns: 3\ndifficulty: hard")),
    ("a role that does not exist", edit("role: autonomy}", "role: freedom}")),
    ("a tone that does not exist", edit("tone: bad}", "tone: awful}")),
    ("a date with month 13", edit("date: 2019-05", "date: 2019-13")),
    ("a date in words", edit("date: 2019-05", "date: May 2019")),
    ("a year before 1000", edit("date: 2019-05", "date: 999")),
    ("a chance p of 0", edit("{p: 0.5, effects: {autonomy: 2}}", "{p: 0, effects: {}}")),
    ("a chance p above 1", edit("{p: 0.5, effects: {autonomy: 2}}", "{p: 1.5, effects: {}}")),
    ("a later after 0", edit("after: 1,", "after: 0,")),
    ("a later after 101", edit("after: 1,", "after: 101,")),
    ("five options", edit("      - id: hedge\n        use: hedge\n",
                          "      - id: hedge\n        use: hedge\n" + "".join(
                              f"      - {{id: extra{n}, label: Extra {n}}}\n"
                              for n in range(2)))),
    ("no options", edit("""    options:
      - id: sign""", """    options: []
    unused:
      - id: sign""")),
    ("events as a mapping", edit("events:\n  - id: deal", "events:\n  deal:\n    id: deal")),
    ("a flag start as text", edit("{description: The deal is signed}",
                                  "{description: x, start: maybe}")),
    ("a set entry as a number", edit("set: [signed]", "set: [5]")),
    ("a set value as text", edit("set: [signed]", "set: [{autonomy: high}]")),
    ("a hidden meter written yes", edit("role: partner}\nflags",
                                        "role: partner, hidden: yes}\nflags")),
    ("questions as text", edit("questions: [Why?]", "questions: Why?")),
    ("an adviser without a role", edit("text: A deal is offered.",
                                       "text: A deal is offered.\n    advisers:\n"
                                       "      - {says: Wait.}")),
    ("sources as text", edit("text: A deal is offered.",
                             "text: A deal is offered.\n    sources: A source")),
    ("a template with an id", edit("hedge: {label: Hedge,", "hedge: {id: x, label: Hedge,")),
    ("a template key that does not exist", edit("hedge: {label: Hedge,",
                                                "hedge: {lable: Hedge,")),
    ("a template named with a capital", edit("  hedge: {label", "  Hedge: {label")),
    ("a condition as a number", edit("label: Sign", "label: Sign\n        when: 5")),
    ("a text of more than 20,000 characters", edit("text: A deal is offered.",
                                                   "text: " + "x" * 20_001)),
]

CASES = [(name, change, True) for name, change in VALID] + [
    (name, change, False) for name, change in INVALID]


def yaml_12(text: str) -> object:
    """The data an editor checks: YAML 1.2 read into JSON values (a date is text there)."""
    return as_json(YAML(typ="safe", pure=True).load(io.StringIO(text)))


def as_json(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def loader_accepts(text: str) -> bool:
    try:
        load_scenario_bytes(text.encode("utf-8"), "variant.yaml")
    except ScenarioError:
        return False
    return True


def schema_accepts(data: object) -> bool:
    return jsonschema.Draft202012Validator(scenario_schema()).is_valid(data)


def test_the_corpus_is_large_enough() -> None:
    assert len(VALID) >= 30 and len(INVALID) >= 50


@pytest.mark.parametrize(("name", "change", "valid"), CASES, ids=[c[0] for c in CASES])
def test_the_game_an_editor_and_the_schema_agree(name: str, change: tuple[str, str],
                                                 valid: bool) -> None:
    text = BASE.replace(*change, 1)
    data = yaml_12(text)
    assert load_yaml_data(text, "variant.yaml") == data, "the game reads the YAML differently"
    assert (loader_accepts(text), schema_accepts(data)) == (valid, valid)


def test_numbers_only_older_yaml_reads_are_refused_with_the_reason() -> None:
    """ruamel.yaml also reads 1_0 as 10 (the YAML 1.2 core schema does not); the game refuses
    it and says what to write."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(BASE.replace("turns: 3", "turns: 1_0").encode(), "v.yaml")
    assert [p.message for p in caught.value.problems] == [
        "'turns' must be a whole number, not '1_0' (write 10: YAML 1.2 has no '_' in numbers)"]
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(BASE.replace("once: false", "once: yes").encode(), "v.yaml")
    assert [p.message for p in caught.value.problems] == [
        "'once' must be true or false, not 'yes' (YAML 1.2, which the game and editors read, "
        "takes yes, no, on and off as text)"]

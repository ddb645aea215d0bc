"""Each lint rule: a scenario that triggers it, and the clean one that does not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from balancing_act.cli import main
from balancing_act.scenario import load_scenario
from balancing_act.scenario.lint import lint
from tests.conftest import SHIPPED_SCENARIOS, base_scenario, build


def clean() -> dict[str, Any]:
    data = base_scenario()
    data["events"][0]["history"] = "What really happened."
    data["events"][0]["options"][1]["effects"]["trust_us"] = 5
    data["events"].append({
        "id": "second", "title": "Second", "text": "Another card.", "history": "History.",
        "when": "flags.signed or turn >= 2",
        "options": [{"id": "sign", "label": "Sign", "set": ["signed"]},
                    {"id": "wait", "label": "Wait", "when": "autonomy > 20",
                     "clear": ["signed"]}]})
    data["debrief"] = {"questions": ["Why?"]}
    data["glossary"] = {"Card": "A thing to decide."}
    return data


def messages(data: dict[str, Any]) -> list[str]:
    return [f"{p.line}:{p.col}: {p.message}" for p in lint(build(data))]


def test_the_clean_scenario_has_no_warnings() -> None:
    assert messages(clean()) == []


def test_shipped_scenarios_are_lint_clean() -> None:
    for path in SHIPPED_SCENARIOS:
        assert lint(load_scenario(path)) == [], path


def change(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = value
    return apply


RULES = [
    ("event that can never appear", change(["events", 1, "when"],
                                           "autonomy > 100 and flags.signed"),
     "event 'second' can never appear: its condition can never hold"),
    ("weight 0 with no sender", change(["events", 1, "weight"], 0),
     "event 'second' has weight 0 and no 'later' entry sends it: it can never appear"),
    ("option never available", change(["events", 1, "options", 1, "when"],
                                      "autonomy < 0 or turn > 99"),
     "option 'wait' of event 'second' is never available: its condition can never hold"),
    ("ending never reachable", change(["endings", 1, "when"], "autonomy - trust_us > 100"),
     "ending 'good' can never be reached: its condition can never hold"),
    ("immediate ending that always holds", change(["endings", 0, "when"], "autonomy >= 0"),
     "ending 'high' always holds: every game would end after its first decision"),
    ("meter never changed", change(["events", 0, "options", 1, "effects"], {"autonomy": -10}),
     "meter 'trust_us' never changes: no option, chance result or consequence has an effect "
     "on it"),
    ("flag set but never read", change(["events", 1, "when"], "turn >= 2"),
     "flag 'signed' is set or cleared but no condition reads it"),
    ("flag declared but never used", change(["flags"], {"spare": {"description": "unused"}}),
     "flag 'spare' is declared but never used"),
    ("flag read but never changed", lambda d: (
        d["events"][1]["options"][0].pop("set"), d["events"][1]["options"][1].pop("clear"),
        d.__setitem__("flags", {"signed": {}})),
     "flag 'signed' is read but nothing changes it: it is always false"),
    ("missing image", change(["events", 0, "image"], "images/nowhere.png"),
     "image 'images/nowhere.png' is not in assets/ or the scenario's folder"),
    ("missing sound", change(["endings", 2, "sound"], "sounds/nowhere.ogg"),
     "sound 'sounds/nowhere.ogg' is not in assets/ or the scenario's folder"),
    ("card text too long", change(["events", 0, "text"], "word " * 150),
     "card text is 750 characters; a card shows at most 700"),
    ("label too long", change(["events", 0, "options", 0, "label"], "x" * 81),
     "option label is 81 characters; a card shows at most 80"),
    ("duplicated card text", change(["events", 1, "text"], "A  card."),
     "event 'second' has the same text as event 'only'"),
    ("duplicated label", change(["events", 1, "options", 1, "label"], "Sign"),
     "two options of event 'second' have the label 'Sign'"),
    ("turns the cards cannot fill", lambda d: (d["events"][0].__setitem__("once", True),
                                               d.__setitem__("turns", 5)),
     "turns is 5 but at most 2 cards can be shown (none repeats): games end early"),
    ("every option conditioned", change(["events", 1, "options", 0, "when"], "turn > 1"),
     "every option of event 'second' has a condition; when none holds, the first is offered "
     "anyway"),
    ("chance with one result", change(["events", 0, "options", 0, "chance"], [{"p": 1.0}]),
     "a chance list with one result is not uncertain; put its effects on the option"),
    ("no history", change(["events", 1, "history"], ""),
     "event 'second' has no 'history': the debrief cannot say what really happened"),
    ("no questions", change(["debrief"], {"what_happened": "Text."}),
     "the debrief has no discussion questions"),
    ("unused glossary term", change(["glossary"], {"Card": "x", "Quad": "y"}),
     "glossary term 'Quad' appears nowhere in the scenario's text"),
]


@pytest.mark.parametrize(("name", "edit", "expected"), RULES, ids=[r[0] for r in RULES])
def test_rule_triggers(name: str, edit: Callable, expected: str) -> None:
    data = clean()
    edit(data)
    found = [m.split(": ", 1)[1] for m in messages(data)]
    assert found == [expected]


def test_warnings_point_at_the_line_of_what_they_are_about() -> None:
    data = clean()
    data["events"][1]["when"] = "flags.signed and 2 * autonomy > 200"
    text = yaml.safe_dump(data, sort_keys=False)
    line = text.splitlines().index("  when: flags.signed and 2 * autonomy > 200") + 1
    assert messages(data) == [f"{line}:9: event 'second' can never appear: its condition can "
                              "never hold"]


def test_strict_makes_warnings_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = clean()
    data["debrief"] = {}
    path = tmp_path / "warn.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert out.out.endswith("warning: the debrief has no discussion questions\n")
    assert "1 warning(s)" in out.err
    assert main(["validate", "--strict", str(path)]) == 1


def test_a_flag_with_a_meters_name_asks_whether_the_meter_was_meant() -> None:
    data = base_scenario()
    data["events"][0]["options"][0]["set"] = ["autonomy"]
    data["endings"][0]["when"] = "flags.autonomy"
    assert [str(p).split(": ", 1)[1] for p in lint(build(data))
            if "name of a meter" in p.message] == [
        "warning: flag 'autonomy' has the name of a meter; to set the meter to a value, write "
        "`set: [{autonomy: VALUE}]`"]

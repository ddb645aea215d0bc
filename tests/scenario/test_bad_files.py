"""Every bad input gets clear `file:LINE:COL: error: message` lines, exit 1, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from balancing_act.cli import main
from balancing_act.scenario import ScenarioError, load_scenario, load_scenario_bytes

BAD = Path(__file__).parent / "bad"

EXPECTED = {
    "alias_bomb.yaml": [
        "15:28: error: the document expands to more than 200,000 values (aliases repeated too often)",
    ],
    "chance_sum.yaml": [
        "16:11: error: chance probabilities add up to 0.8; they must add up to 1",
    ],
    "comments_only.yaml": [
        "1:1: error: the file is empty; a scenario starts with 'format: 1'",
    ],
    "condition_attacks.yaml": [
        "13:34: error: function calls are not allowed in conditions",
        "14:33: error: only flags.NAME and seen.EVENT may use a dot in conditions",
        "15:42: error: use '==' to compare, not '='",
        "16:33: error: operator '**' is not allowed in conditions",
    ],
    "deep_nesting.yaml": [
        "1:46: error: invalid YAML: data is nested more than 40 levels deep",
    ],
    "duplicate_ids.yaml": [
        "14:14: error: duplicate option id 'a' in event 'card' (first at line 13)",
        "15:9: error: duplicate event id 'card' (first at line 9)",
    ],
    "duplicate_key.yaml": [
        "12:5: error: duplicate key 'title' (first at line 10)",
    ],
    "empty.yaml": [
        "1:1: error: the file is empty; a scenario starts with 'format: 1'",
    ],
    "malformed_yaml.yaml": [
        "10:1: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping)",
    ],
    "nan_inf.yaml": [
        "12:13: error: 'weight' must be a finite number, not nan",
        "16:22: error: 'p' must be a finite number, not inf",
    ],
    "no_fallback.yaml": [
        "14:1: error: no fallback ending: mark one ending 'fallback: true' so every game ends with a named ending",
    ],
    "not_utf8.yaml": [
        "16:20: error: the file is not UTF-8 text (byte 0xff); save it as UTF-8",
    ],
    "python_tag.yaml": [
        "13:9: error: tag '!!python/object/apply:os.system' is not allowed in scenario files",
    ],
    "start_out_of_range.yaml": [
        "6:48: error: meter 'autonomy': start (150) must be between min (0) and max (100)",
        "7:38: error: meter 'security': start (150) must be between min (0) and max (100)",
    ],
    "tab_indent.yaml": [
        "13:1: error: tab character in indentation; indent with spaces",
    ],
    "two_fallbacks.yaml": [
        "16:41: error: more than one fallback ending (the first is ending 'plain')",
        "16:53: error: a fallback ending has no 'when': it is the ending when no other one matches",
    ],
    "unknown_event.yaml": [
        "13:53: error: unknown event 'caatsa'",
    ],
    "unknown_key.yaml": [
        "13:27: error: unknown key 'efects' (did you mean 'effects'?)",
    ],
    "unknown_meter.yaml": [
        "13:37: error: unknown meter 'secutiry' (did you mean 'security'?)",
    ],
    "unknown_names.yaml": [
        "12:17: error: unknown flag 'signed'; a flag must be set or cleared by an option, or declared under 'flags'",
        "12:28: error: unknown name 'autonmy' (did you mean 'autonomy'?); meters are: autonomy, security",
        "14:38: error: unknown event 'crad' (did you mean 'card'?)",
    ],
    "wrong_types.yaml": [
        "12:13: error: 'weight' must be a number, not 'heavy'",
        "14:47: error: 'autonomy' must be a whole number, not 1.5",
    ],
    "wrong_values.yaml": [
        "2:5: error: 'id': 'Arms-And-Oil' is not a valid id: use lowercase letters, digits, "
        "underscores and hyphens, starting with a letter",
        "11:11: error: 'date': 'March 2019' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD "
        "(such as 2019, 2019-03 or 2019-03-01)",
        "13:33: error: 'set' must be a flag id (lowercase letters, digits and underscores, "
        "starting with a letter) or a meter set to a value, as {meter: value}, not 'Met-Putin'",
        "17:11: error: 'date': '2019-02-31' is not a day of the calendar",
        "21:35: error: 'when' must be a condition (text) or true/false, not 60",
    ],
}


def test_every_bad_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_reports_exact_problems(name: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BAD / name)
    got = [str(p).removeprefix(f"{BAD / name}:") for p in caught.value.problems]
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_command_prints_problems_and_exits_1(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(BAD / name)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{BAD / name}:{line}" for line in EXPECTED[name]]


def test_validate_reports_all_files_without_traceback() -> None:
    result = subprocess.run([sys.executable, "-m", "balancing_act", "validate", str(BAD)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert len(lines) == sum(len(v) for v in EXPECTED.values())
    assert f"{len(EXPECTED)} file(s) checked: 0 clean" in result.stderr


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:  # a sparse 100 MB file
        handle.truncate(100 * 1024 * 1024)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(huge)
    assert [str(p) for p in caught.value.problems] == [
        f"{huge}:1:1: error: the file is 100.0 MB; scenario files are limited to 1 MB"]


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nowhere.yaml")
    assert [str(p) for p in caught.value.problems] == [
        f"{tmp_path / 'nowhere.yaml'}:1:1: error: cannot read it: no such file or folder"]


def test_two_documents_in_one_file() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(b"format: 1\n---\nformat: 1\n", "two.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "two.yaml:2:1: error: the file holds more than one YAML document ('---'); a scenario "
        "is a single document"]


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(b"- just\n- a list\n", "list.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "list.yaml:1:1: error: a scenario file must be a mapping of keys (format, id, title, "
        "...) at the top level"]


def test_control_character_is_reported_with_position() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(b"format: 1\ntitle: a\x00b\n", "nul.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "nul.yaml:2:9: error: the file contains a control character (#x0000) that YAML does "
        "not allow"]


def test_merge_keys_are_refused() -> None:
    text = b"base: &b {a: 1}\nother:\n  <<: *b\n"
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(text, "merge.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "merge.yaml:3:3: error: merge keys ('<<') are not supported; write the keys out"]

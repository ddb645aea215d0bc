"""Coverage finds what can never come up in play, with its line."""

from __future__ import annotations

from pathlib import Path

import yaml

from balancing_act.analysis.coverage import coverage
from balancing_act.cli import main
from balancing_act.scenario import load_scenario
from tests.conftest import SCENARIOS, SHIPPED_SCENARIOS, base_scenario, build


def planted() -> dict:
    """An option that needs a flag only a later card sets, and an ending out of reach."""
    data = base_scenario()
    data["turns"] = 2
    data["events"] = [
        {"id": "early", "title": "Early", "text": "First.", "when": "turn == 1",
         "options": [{"id": "plain", "label": "Plain", "effects": {"autonomy": 5}},
                     {"id": "locked", "label": "Locked", "when": "flags.late_flag"}]},
        {"id": "late", "title": "Late", "text": "Second.", "when": "turn == 2",
         "options": [{"id": "set_it", "label": "Set", "set": ["late_flag"],
                      "effects": {"trust_us": 5}},
                     {"id": "gamble", "label": "Gamble", "chance": [
                         {"p": 0.5, "effects": {"autonomy": 5}},
                         {"p": 0.5, "effects": {"autonomy": -5}}]}]},
    ]
    data["endings"] = [
        {"id": "far", "title": "Far", "final": True, "when": "autonomy >= 90"},
        {"id": "near", "title": "Near", "final": True, "when": "autonomy >= 55"},
        {"id": "plain", "title": "Plain", "fallback": True}]
    return data


def test_coverage_finds_the_planted_option_and_ending() -> None:
    scenario = build(planted())
    report = coverage(scenario, seed=1)
    assert not report.complete
    text = yaml.safe_dump(planted(), sort_keys=False).splitlines()
    option_line = text.index("  - id: locked") + 1
    ending_line = text.index("- id: far") + 1
    assert [(p.line, p.message) for p in report.missing] == [
        (option_line, "option 'locked' of card 'early' was never available"),
        (ending_line, "ending 'far' was never reached"),
    ]
    assert report.reached == {"cards": 2, "options": 3, "chance results": 2, "endings": 2}
    assert report.totals == {"cards": 2, "options": 4, "chance results": 2, "endings": 3}


def test_coverage_command_exit_codes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "planted.yaml"
    path.write_text(yaml.safe_dump(planted(), sort_keys=False), encoding="utf-8")
    assert main(["coverage", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0].startswith(f"{path}:")
    assert ": not reached: option 'locked' of card 'early' was never available" in captured.out
    assert captured.err.startswith("coverage: 2 of 2 cards, 3 of 4 options")
    assert main(["coverage", str(SCENARIOS / "tutorial.yaml")]) == 0


def test_every_shipped_scenario_is_fully_covered() -> None:
    for path in SHIPPED_SCENARIOS:
        report = coverage(load_scenario(path))
        assert report.complete, [str(p) for p in report.missing]


def test_coverage_reports_a_card_that_never_appears() -> None:
    data = planted()
    data["events"].append({"id": "ghost", "title": "Ghost", "text": "Never.",
                           "when": "flags.late_flag and turn == 2",
                           "options": [{"id": "x", "label": "X"}]})
    report = coverage(build(data))
    assert "card 'ghost' never appeared" in [p.message for p in report.missing]


def test_coverage_names_the_ending_that_stops_games_early() -> None:
    from tests.scenario.test_timing_lint import forgot_final, timed

    data = timed()
    forgot_final(data)
    report = coverage(build(data), max_games=8_000)
    assert not report.complete
    assert report.causes == [
        "why: half the games end after 1 decision(s) of 8; 100% end before the last turn",
        "  test.yaml:85: ending 'early' (immediate) ends 100% of those games early; if it is "
        "meant for the end of the game, give it `final: true`"]


def test_coverage_says_when_games_end_early_because_no_card_is_left() -> None:
    data = base_scenario()
    data["turns"] = 3
    data["events"][0]["once"] = True  # one card, shown once: the second turn has none
    data["endings"] = [{"id": "good", "title": "Good", "final": True, "when": "autonomy >= 90"},
                       {"id": "plain", "title": "Plain", "fallback": True}]
    report = coverage(build(data), max_games=2_000)
    fallback = "plain"
    assert report.causes[0] == ("why: half the games end after 1 decision(s) of 3; 100% end "
                                "before the last turn")
    assert report.causes[1].endswith(
        f"ending '{fallback}' (fallback) ends 100% of those games early: no card was left to "
        "draw (each was once-only and shown, or its `when` did not hold); add cards, or let "
        "some come again with `once: false`")

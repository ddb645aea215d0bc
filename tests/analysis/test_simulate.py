"""The balance analyser: agreement with single games, determinism, reports, policies."""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
import yaml

from balancing_act.analysis.policies import PolicyError, make_policy
from balancing_act.analysis.simulate import beside, game_seeds, simulate, wilson
from balancing_act.cli import main
from balancing_act.engine import Game, compile_scenario
from balancing_act.engine.random import PURPOSE_POLICY, game_keys, uniform
from balancing_act.scenario import load_scenario
from tests.conftest import TUTORIAL, base_scenario, build


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(TUTORIAL)


def random_game(scenario, compiled, seed: int) -> str:
    """The random policy, one game at a time through the interactive API."""
    game = Game(scenario, seed, compiled=compiled)
    key = game_keys([seed])
    while not game.finished:
        available = [o for o in game.options if o.available]
        draw = uniform(key, np.array([game.turn]), PURPOSE_POLICY)[0]
        game.choose(available[int(draw * len(available))].id)
    return game.ending.id


def test_simulate_agrees_with_games_played_one_at_a_time(tutorial) -> None:
    report = simulate(tutorial, runs=2000, seed=11, compare=False)
    compiled = compile_scenario(tutorial)
    singles = Counter(random_game(tutorial, compiled, int(s)) for s in game_seeds(11, 2000))
    assert {e.id: e.count for e in report.endings if e.count} == dict(singles)


def test_same_seed_same_report_and_json_shape(tutorial, capsys) -> None:
    assert main(["simulate", str(TUTORIAL), "--runs", "3000", "--seed", "5", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["simulate", str(TUTORIAL), "--runs", "3000", "--seed", "5", "--json"]) == 0
    second = json.loads(capsys.readouterr().out)
    for data in (first, second):
        data.pop("engine_seconds")
    assert first == second
    endings = first["endings"]
    assert sum(e["count"] for e in endings.values()) == 3000
    assert set(endings) == {e.id for e in tutorial.file.endings}
    balanced = endings["balanced"]
    assert balanced["rate"] == pytest.approx(balanced["count"] / 3000)
    assert balanced["ci95"][0] < balanced["rate"] < balanced["ci95"][1]
    assert main(["simulate", str(TUTORIAL), "--runs", "3000", "--seed", "6", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["endings"] != endings


def test_chunked_runs_equal_one_batch(tutorial, monkeypatch) -> None:
    whole = simulate(tutorial, runs=5000, seed=2, compare=False).to_dict()
    monkeypatch.setattr("balancing_act.analysis.simulate.CHUNK", 1200)
    chunked = simulate(tutorial, runs=5000, seed=2, compare=False).to_dict()
    for data in (whole, chunked):
        data.pop("engine_seconds")
    assert whole == chunked


def test_text_report_sections(tutorial, capsys) -> None:
    assert main(["simulate", str(TUTORIAL), "--runs", "2000"]) == 0
    out = capsys.readouterr().out
    for heading in ("Endings", "Meters at the end", "Meters turn by turn",
                    "Cards: how often each appears", "Options: pick rate",
                    "Fixed ways of choosing against random play", "Thresholds:"):
        assert heading in out
    assert "+ balanced" in out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def test_html_report_parses_and_its_images_exist(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "report"
    assert main(["simulate", str(TUTORIAL), "--runs", "2000", "--report", str(folder)]) == 0
    page = (folder / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    parser.close()
    assert parser.tags.count("table") >= 5
    assert sorted(parser.images) == ["cards.png", "endings.png", "meters_by_turn.png",
                                     "policies.png"]
    for image in parser.images:
        assert (folder / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "report written to" in capsys.readouterr().err


def test_wilson_interval() -> None:
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)
    assert wilson(0, 10)[0] == 0.0 and wilson(0, 0) == (0.0, 0.0)


def dominated() -> dict:
    data = base_scenario()
    data["endings"] = [
        {"id": "win", "title": "Win", "tone": "good", "final": True, "when": "autonomy >= 70"},
        {"id": "lose", "title": "Lose", "tone": "bad", "fallback": True}]
    return data


def test_a_dominant_strategy_is_flagged() -> None:
    report = simulate(build(dominated()), runs=2000, seed=1)
    by_name = {p.name: p for p in report.policies}
    assert by_name["first"].good_rate == 1.0 and by_name["first"].dominant
    assert by_name["greedy:autonomy"].dominant
    assert not by_name["last"].dominant and not by_name["random"].dominant


def test_threshold_advice_finds_the_value_for_the_target() -> None:
    report = simulate(build(dominated()), runs=4000, seed=1, target_rate=0.5, compare=False)
    (advice,) = report.thresholds
    assert advice.term == "autonomy >= 70" and advice.current == 70
    # three +-10 moves from 50: 80, 60, 40 or 20; 60 or more holds for half the games
    assert advice.suggested == 60 and advice.suggested_rate == pytest.approx(0.5, abs=0.03)


def test_option_effect_on_the_good_ending() -> None:
    report = simulate(build(dominated()), runs=2000, seed=1, compare=False)
    up, down = report.options
    assert up.good_with > up.good_without and down.good_with < down.good_without


@pytest.mark.parametrize(("name", "message"), [
    ("greedy:autonmy", "unknown meter 'autonmy' in policy 'greedy:autonmy' (did you mean "
                       "'autonomy'?); meters are: autonomy, trust_us"),
    ("randon", "unknown policy 'randon' (did you mean 'random'?); use random, first, last, "
               "balanced, alternating, historical, greedy:METER, greedy:-METER or a policy "
               "file (.yaml)"),
])
def test_bad_policy_names(name: str, message: str) -> None:
    with pytest.raises(PolicyError) as caught:
        make_policy(name, compile_scenario(build(base_scenario())))
    assert str(caught.value) == message


def test_policy_file_prefers_options(tmp_path: Path) -> None:
    scenario = build(dominated())
    path = tmp_path / "always_down.yaml"
    path.write_text(yaml.safe_dump({"default": "first", "prefer": {"only": ["down"]}}))
    report = simulate(scenario, runs=500, policy=str(path), compare=False)
    assert {e.id: e.count for e in report.endings} == {"win": 0, "lose": 500}


def test_policy_file_problems_are_positioned(tmp_path: Path, capsys) -> None:
    data = dominated()
    scenario_path = tmp_path / "s.yaml"
    scenario_path.write_text(yaml.safe_dump(data))
    path = tmp_path / "bad.yaml"
    path.write_text("default: sideways\nprefer:\n  onyl: [up]\n  only: [dwon]\nextra: 1\n")
    assert main(["simulate", str(scenario_path), "--policy", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"balancing-act simulate: {path}: the policy file has problems"
    assert err[1:] == [
        f"{path}:1:10: error: unknown policy 'sideways'; use random, first, last, balanced, "
        "alternating, historical, greedy:METER, greedy:-METER or a policy file (.yaml)",
        f"{path}:3:3: error: unknown event 'onyl' (did you mean 'only'?)",
        f"{path}:4:10: error: event 'only' has no option 'dwon' (did you mean 'down'?)",
        f"{path}:5:1: error: unknown key 'extra'",
    ]


@pytest.mark.parametrize(("text", "lines"), [
    ("", ["{path}: the policy file has problems",
          "{path}:1:1: error: the file is empty; a policy file maps 'default' and 'prefer'"]),
    ("prefer: {only: [up\n", ["{path}: the policy file has problems",
                               "{path}:2:1: error: invalid YAML: did not find expected ',' or "
                               "']' (while parsing a flow sequence)"]),
    ("default: other.yaml\n", ["{path}: the policy file has problems",
                               "{path}:1:10: error: 'default' is a way of choosing (random, "
                               "first, last, balanced, alternating, historical or "
                               "greedy:METER), not another policy file"]),
    (None, ["no such policy file: {path}"]),
])
def test_every_policy_file_mistake_says_what_and_exits_2(tmp_path: Path, capsys, text: str | None,
                                                         lines: list[str]) -> None:
    scenario_path = tmp_path / "s.yaml"
    scenario_path.write_text(yaml.safe_dump(dominated()))
    path = tmp_path / "policy.yaml"
    if text is not None:
        path.write_text(text)
    assert main(["simulate", str(scenario_path), "--runs", "10", "--policy", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [("balancing-act simulate: " if n == 0 else "") + line.format(path=path)
                   for n, line in enumerate(lines)]


def test_cards_by_turn_ending_turns_and_flags() -> None:
    """Always the first option: the opening sends the visit to turn 3 and sets a flag; the
    routine card fills turns 4-8; the good ending fires on the last turn."""
    from tests.scenario.test_timing_lint import timed

    data = timed()
    data["events"][0]["options"][0]["set"] = ["engaged"]
    data["events"][2]["when"] = "turn >= 3 and flags.engaged"
    report = simulate(build(data), runs=500, policy="first", compare=False)
    by_turn = {e.id: e.by_turn for e in report.events}
    assert by_turn == {"opening": [1.0] + [0.0] * 7, "summit": [0.0, 1.0] + [0.0] * 6,
                       "routine": [0.0] * 3 + [1.0] * 5, "visit": [0.0, 0.0, 1.0] + [0.0] * 5}
    good = next(e for e in report.endings if e.id == "good")
    assert (good.count, good.by_turn, good.turn_span()) == (500, [0] * 7 + [500], (8, 8, 8))
    [flag] = report.flags
    assert (flag.id, flag.set_rate, flag.end_rate, flag.first_turn) == ("engaged", 1.0, 1.0,
                                                                         1.0)


def test_text_report_shows_the_turns(capsys) -> None:
    assert main(["simulate", str(TUTORIAL), "--runs", "1000"]) == 0
    out = capsys.readouterr().out
    assert "  first_two_plus_two  T1 100%  (" in out
    assert "Flags: games in which each is ever true" in out
    assert "fires on" in out and " T8\n" in out


@pytest.mark.parametrize(("value", "limit", "decimals", "shown"), [
    (0.0097, 0.01, 1, "0.97%"),  # a miss never reads as the target itself
    (0.0103, 0.01, 1, "1.03%"),
    (0.01, 0.01, 1, "1.0%"),
    (0.004, 0.4, 0, "0%"),
    (0.4004, 0.4, 0, "40.04%"),
    (0.25, 0.2, 0, "25%"),
])
def test_a_figure_beside_its_target_shows_which_side_it_is_on(value: float, limit: float,
                                                               decimals: int,
                                                               shown: str) -> None:
    assert beside(value, limit, decimals) == shown

"""The analyser's counted tallies give what the plain computations give: percentiles of the
meters, the rate of an ending at each candidate threshold, the options' rates, and the policy
comparison played as one batch; and `simulate` starts without the code of other commands."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from balancing_act.analysis import simulate as analyser
from balancing_act.analysis.policies import standard_policies
from balancing_act.analysis.simulate import (
    PERCENTILES,
    _percentiles,
    _Ranked,
    _rates_at,
    game_seeds,
    simulate,
)
from balancing_act.cli import main
from balancing_act.engine import compile_scenario
from balancing_act.engine.batch import play_many
from balancing_act.scenario import load_scenario
from tests.conftest import ROOT, SCENARIOS


def meters_scenario(ranges: list[tuple[int, int]]) -> SimpleNamespace:
    """What `_percentiles` reads of a scenario: its meters' ranges."""
    meters = {f"m{i}": SimpleNamespace(min=low, max=high) for i, (low, high) in
              enumerate(ranges)}
    return SimpleNamespace(file=SimpleNamespace(meters=meters))


@st.composite
def meter_values(draw: st.DrawFn) -> tuple[list[tuple[int, int]], np.ndarray]:
    wide = draw(st.booleans())
    count = draw(st.integers(1, 4))
    ranges = []
    for _ in range(count):
        low = draw(st.integers(-1_000_000 if wide else -50, 40))
        ranges.append((low, low + draw(st.integers(0, 2_000_000 if wide else 150))))
    games = draw(st.integers(1, 300))
    columns = [draw(arrays(np.int64, games, elements=st.integers(low, high)))
               for low, high in ranges]
    return ranges, np.stack(columns, axis=1).astype(np.float32)


@given(meter_values())
def test_percentiles_by_counting_equal_numpys(case) -> None:
    ranges, values = case
    assert np.array_equal(_percentiles(meters_scenario(ranges), values),
                          np.percentile(values, PERCENTILES, axis=0))


OPS = {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less,
       "==": np.equal, "!=": np.not_equal}


@given(st.sampled_from(sorted(OPS)), st.booleans(), st.data())
def test_rates_at_each_threshold_equal_playing_the_condition(op: str, wide: bool,
                                                              data: st.DataObject) -> None:
    low = data.draw(st.integers(-1_000_000 if wide else -20, 0))
    high = low + data.draw(st.integers(0, 2_000_000 if wide else 60))
    games = data.draw(st.integers(1, 200))
    values = data.draw(arrays(np.int64, games, elements=st.integers(low, high))).astype(float)
    when_true = data.draw(arrays(np.bool_, games))
    when_false = data.draw(arrays(np.bool_, games))
    meter = _Ranked(values, low, high)
    candidates = meter.candidates(float(data.draw(st.integers(low, high))))
    rates = _rates_at(meter, when_true, when_false, op, candidates)
    for threshold, rate in zip(candidates, rates, strict=True):
        holds = np.where(OPS[op](values, threshold), when_true, when_false)
        assert rate == pytest.approx(holds.mean())


def test_candidates_are_the_values_their_neighbours_and_the_ends() -> None:
    meter = _Ranked(np.array([3.0, 3.0, 7.0, 10.0]), 0, 10)
    assert meter.candidates(5).tolist() == [0, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    wide = _Ranked(np.array([3.0, 7.0]), -2_000_000 // 2, 2_000_000 // 2)
    assert wide.candidates(5).tolist() == [-1_000_000, 2, 3, 4, 5, 6, 7, 8, 1_000_000]


def test_options_rates_equal_counting_game_by_game() -> None:
    scenario = load_scenario(SCENARIOS / "s400_dilemma.yaml")
    report = simulate(scenario, runs=3000, seed=4, compare=False)
    compiled = compile_scenario(scenario)
    result, tally, _ = analyser._play(compiled, analyser.make_policy("random", compiled), 4,
                                      3000, None)
    good = np.isin(result.ending, [i for i, e in enumerate(scenario.file.endings)
                                   if e.tone == "good"])
    for number, ((column, _), stat) in enumerate(zip(compiled.options, report.options,
                                                     strict=True)):
        shown, picked = result.seen[:, column], tally.picked[:, number]
        other = shown & ~picked
        assert stat.pick_rate == pytest.approx(picked.sum() / shown.sum())
        if picked.any():
            assert stat.good_with == pytest.approx(good[picked].mean())
        if other.any():
            assert stat.good_without == pytest.approx(good[other].mean())


def test_the_comparison_in_one_batch_equals_a_batch_per_policy() -> None:
    scenario = load_scenario(SCENARIOS / "malabar_and_the_quad.yaml")
    compiled = compile_scenario(scenario)
    report = simulate(scenario, runs=3000, seed=2, policy="balanced", compare_games=1500)
    seeds = game_seeds(2, 1500)
    good = [i for i, e in enumerate(scenario.file.endings) if e.tone == "good"]
    from balancing_act.analysis.policies import random_policy

    alone = {"random": random_policy, **standard_policies(compiled)}
    assert [p.name for p in report.policies] == list(alone)
    for stat in report.policies:
        ending = play_many(compiled, seeds, alone[stat.name]).ending
        assert stat.games == 1500
        assert stat.good_rate == np.isin(ending, good).mean(), stat.name
        assert stat.endings == {e.id: float(np.mean(ending == i))
                                for i, e in enumerate(scenario.file.endings)}


def test_comparison_games_are_said_and_can_be_chosen(capsys) -> None:
    assert main(["simulate", "tutorial", "--runs", "600", "--compare-games", "250"]) == 0
    assert ("Fixed ways of choosing against random play (good-ending rate, 250 games each)"
            in capsys.readouterr().out)
    assert main(["simulate", "tutorial", "--runs", "300"]) == 0  # fewer runs than 2,000
    assert "(good-ending rate, 300 games each)" in capsys.readouterr().out
    assert main(["simulate", "tutorial", "--compare-games", "many"]) == 2
    assert ("argument --compare-games: 'many' is not a whole number"
            in capsys.readouterr().err)


def test_simulate_starts_without_the_other_commands_code() -> None:
    """A designer's `simulate` loads the analyser, not the window, the server or the
    classroom tools (imports are much of a short run's time)."""
    code = ("import sys; from balancing_act.cli import main; "
            "code = main(['simulate', 'tutorial', '--runs', '50']); "
            "print(sorted(m for m in sys.modules if m.startswith(('balancing_act.frontends', "
            "'balancing_act.server', 'balancing_act.classroom', 'balancing_act.reporting', "
            "'pygame', 'starlette', 'uvicorn', 'fpdf')))); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"

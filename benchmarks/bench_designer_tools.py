"""Figures for the designer tools: `simulate` on 100,000 games of the generated 50-event
scenario (and of the largest shipped one) with the random policy, against the same games one
at a time through `Game`; `coverage` of the 50-event scenario; lint of the 200-event one.
Prints figures; asserts nothing.

Targets (issue: designer tools): simulate's engine part <= 1 s and >= 100x the games one at a
time; coverage of a 50-event scenario <= 5 s.
"""

from __future__ import annotations

import time

import numpy as np

from balancing_act.analysis.coverage import coverage
from balancing_act.analysis.simulate import game_seeds, simulate
from balancing_act.engine import Game, compile_scenario
from balancing_act.engine.random import PURPOSE_POLICY, game_keys, uniform
from balancing_act.resources import shipped_scenario_files
from balancing_act.scenario import load_scenario, load_scenario_bytes
from balancing_act.scenario.lint import lint
from synthetic import synthetic_yaml  # benchmarks/ is on the path when a script here runs

GAMES = 100_000
SINGLE_SAMPLE = 1_000


def per_game_one_at_a_time(scenario) -> float:
    compiled = compile_scenario(scenario)
    start = time.perf_counter()
    for seed in game_seeds(0, SINGLE_SAMPLE):
        game = Game(scenario, int(seed), compiled=compiled)
        key = game_keys([int(seed)])
        while not game.finished:
            available = [o for o in game.options if o.available]
            draw = uniform(key, np.array([game.turn]), PURPOSE_POLICY)[0]
            game.choose(available[int(draw * len(available))].id)
    return (time.perf_counter() - start) / SINGLE_SAMPLE


def measure(name: str, scenario) -> None:
    simulate(scenario, runs=2_000, compare=False)  # warm up
    begin = time.perf_counter()
    report = simulate(scenario, runs=GAMES, seed=1)
    total = time.perf_counter() - begin
    single = per_game_one_at_a_time(scenario)
    print(f"simulate {name}: {GAMES:,} games, engine {report.engine_seconds:.3f} s (target "
          f"<= 1 s); whole report with policy comparison and threshold advice {total:.2f} s")
    print(f"  one at a time through Game: {single * 1e3:.2f} ms a game; batch speed-up "
          f"{single * GAMES / report.engine_seconds:.0f}x (target >= 100x)")


def main() -> None:
    synthetic = load_scenario_bytes(synthetic_yaml(events=50, turns=20).encode(), "synthetic")
    measure("generated 50 events x 20 turns", synthetic)
    shipped = max(shipped_scenario_files(), key=lambda p: len(load_scenario(p).file.events))
    measure(f"largest shipped scenario ({shipped.name})", load_scenario(shipped))

    begin = time.perf_counter()
    report = coverage(synthetic)
    print(f"coverage, generated 50 events: {time.perf_counter() - begin:.2f} s (target <= 5 s); "
          f"{report.summary()}")
    big = load_scenario_bytes(synthetic_yaml(events=200, turns=30).encode(), "synthetic")
    begin = time.perf_counter()
    warnings = lint(big)
    print(f"lint, generated 200 events: {(time.perf_counter() - begin) * 1000:.0f} ms, "
          f"{len(warnings)} warnings")


if __name__ == "__main__":
    main()

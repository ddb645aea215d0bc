"""Figures for the foundation: loading a 200-event scenario, and 100,000 games of a generated
20-turn, 50-event scenario under the random policy, against the same games one at a time
through `Game`. Prints figures; asserts nothing.

Targets: load and validate 200 events <= 0.3 s and a 1 MB scenario < 1 s (issue: hardening);
100,000 games <= 1 s; batch >= 100x the games played one at a time.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from balancing_act.analysis.policies import random_policy
from balancing_act.engine import Game, compile_scenario
from balancing_act.engine.batch import play_many
from balancing_act.engine.random import PURPOSE_POLICY, game_keys, uniform
from balancing_act.scenario import load_scenario
from balancing_act.scenario.lint import lint
from synthetic import synthetic_yaml  # benchmarks/ is on the path when a script here runs

GAMES = 100_000
SINGLE_SAMPLE = 2_000


def timed(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def play_one_at_a_time(scenario, compiled, seeds) -> list[str]:
    """The random policy, game by game through the interactive API."""
    endings = []
    for seed in seeds:
        game = Game(scenario, int(seed), compiled=compiled)
        key = game_keys([int(seed)])
        while not game.finished:
            options = game.options
            available = [o for o in options if o.available]
            draw = uniform(key, np.array([game.turn]), PURPOSE_POLICY)[0]
            game.choose(available[int(draw * len(available))].id)
        endings.append(game.ending.id)
    return endings


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic_200.yaml"
        path.write_text(synthetic_yaml(events=200, turns=30), encoding="utf-8")
        load_times = timed(lambda: load_scenario(path), 7)
        size_kb = path.stat().st_size / 1024
        big = Path(folder) / "synthetic_1mb.yaml"
        count = 200
        while len(synthetic_yaml(events=count, turns=30)) < 1_000_000 - 8000:
            count += 40
        big.write_text(synthetic_yaml(events=count, turns=30), encoding="utf-8")
        big_times = timed(lambda: load_scenario(big), 3)
        big_kb = big.stat().st_size / 1024
        lint_times = timed(lambda: lint(load_scenario(big)), 1)
        path50 = Path(folder) / "synthetic_50.yaml"
        path50.write_text(synthetic_yaml(events=50, turns=20), encoding="utf-8")
        scenario = load_scenario(path50)
    compiled = compile_scenario(scenario)
    seeds = np.arange(GAMES)

    play_many(compiled, seeds[:1000], random_policy)  # warm up
    batch_times = timed(lambda: play_many(compiled, seeds, random_policy), 3)
    batch = min(batch_times)

    sample = seeds[:SINGLE_SAMPLE]
    start = time.perf_counter()
    singles = play_one_at_a_time(scenario, compiled, sample)
    single_per_game = (time.perf_counter() - start) / SINGLE_SAMPLE
    result = play_many(compiled, sample, random_policy)
    names = [e.id for e in scenario.file.endings]
    agree = sum(names[e] == s for e, s in zip(result.ending, singles, strict=True))

    one_at_a_time = single_per_game * GAMES
    print(f"load + validate, 200 events ({size_kb:.0f} KB): median "
          f"{statistics.median(load_times) * 1000:.0f} ms (target <= 300 ms)")
    print(f"load + validate, {count} events ({big_kb:.0f} KB): median "
          f"{statistics.median(big_times) * 1000:.0f} ms (target < 1000 ms); with lint "
          f"{min(lint_times) * 1000:.0f} ms")
    print(f"batch engine, {GAMES:,} games x 20 turns, 50 events, random policy: "
          f"{batch:.3f} s best of 3 (target <= 1 s); runs: "
          + ", ".join(f"{t:.3f}" for t in batch_times))
    print(f"one at a time through Game: {single_per_game * 1e3:.2f} ms a game "
          f"({SINGLE_SAMPLE:,} measured) = {one_at_a_time:.0f} s for {GAMES:,}")
    print(f"batch speed-up: {one_at_a_time / batch:.0f}x (target >= 100x)")
    print(f"batch and one-at-a-time agree on {agree:,} of {SINGLE_SAMPLE:,} endings")


if __name__ == "__main__":
    main()

"""Figures for the designer tools: the engine on 100,000 games of the generated 50-event
scenario (the peer game) and of the campaign, and their ratio per game; `simulate` on both,
inside one process and as a whole command (start-up, loading, the report); the same games one
at a time through `Game`; `coverage` of the 50-event scenario; lint of a 200-event one;
`map` of the campaign, in its parts and as a whole command, and of the 200-event scenario.
Prints figures; asserts nothing.

Targets (issue: designer tools): the engine <= 1 s for 100,000 peer games and >= 100x the games
one at a time; the campaign's engine time per game at most 2.5x the peer game's; the whole
command on the peer game at most a quarter of the time of the version before the issue (with
--before SRC: `git worktree add /tmp/before ab6659f`, then `--before /tmp/before/src`);
coverage of a 50-event scenario <= 5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from balancing_act.analysis.coverage import coverage
from balancing_act.analysis.mapdata import MAP_GAMES, build_map, observe, played_timing
from balancing_act.analysis.policies import random_policy
from balancing_act.analysis.simulate import game_seeds, simulate
from balancing_act.engine import Game, compile_scenario
from balancing_act.engine.batch import play_many
from balancing_act.engine.random import PURPOSE_POLICY, game_keys, uniform
from balancing_act.reporting.map_page import map_html
from balancing_act.resources import scenarios as scenarios_folder
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


def engine_seconds(scenario) -> float:
    """The best of three runs of 100,000 games with the random policy, rules only."""
    compiled = compile_scenario(scenario)
    seeds = game_seeds(1, GAMES)
    play_many(compiled, seeds[:1000], random_policy)
    runs = []
    for _ in range(3):
        begin = time.perf_counter()
        play_many(compiled, seeds, random_policy)
        runs.append(time.perf_counter() - begin)
    return min(runs)


def whole_command(path: Path, source: Path | None = None) -> float:
    """`balancing-act simulate FILE --runs 100000` from a fresh process, wall time; with
    `source`, the version whose package is in that src folder."""
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-m", "balancing_act", "simulate", str(path), "--runs",
                    str(GAMES)], check=True, capture_output=True, env=environment)
    return time.perf_counter() - begin


def against_before(peer_file: Path, before: Path) -> None:
    """The issue's target: the whole command at most a quarter of the time the version
    before the issue takes, both timed in this run (alternately, best of three each)."""
    now, then = [], []
    for _ in range(3):
        now.append(whole_command(peer_file))
        then.append(whole_command(peer_file, before))
    print(f"whole command, generated 50 events: this version {min(now):.2f} s, the version in "
          f"{before} {min(then):.2f} s: {min(now) / min(then):.2f} of its time (target <= 0.25)")


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, metavar="SRC",
                        help="the src folder of an earlier version (a git worktree of the "
                             "commit before the designer-tools issue, ab6659f) to time the "
                             "whole command against")
    before = parser.parse_args().before
    synthetic = load_scenario_bytes(synthetic_yaml(events=50, turns=20).encode(), "synthetic")
    shipped = max(shipped_scenario_files(), key=lambda p: len(load_scenario(p).file.events))
    campaign = load_scenario(shipped)
    peer_engine, campaign_engine = engine_seconds(synthetic), engine_seconds(campaign)
    print(f"engine, {GAMES:,} games: generated 50 events x 20 turns {peer_engine:.3f} s (target "
          f"<= 1 s); {shipped.name} ({len(campaign.file.events)} cards x "
          f"{campaign.file.turns} turns) {campaign_engine:.3f} s; per game the campaign costs "
          f"{campaign_engine / peer_engine:.2f}x the peer game (target <= 2.5x)")
    measure("generated 50 events x 20 turns", synthetic)
    measure(f"largest shipped scenario ({shipped.name})", campaign)
    with tempfile.TemporaryDirectory() as folder:
        peer_file = Path(folder) / "synthetic_50.yaml"
        peer_file.write_text(synthetic_yaml(events=50, turns=20), encoding="utf-8")
        peer_wall = min(whole_command(peer_file) for _ in range(3))
        campaign_wall = min(whole_command(shipped) for _ in range(3))
        print(f"whole command `balancing-act simulate FILE --runs {GAMES}` (best of 3): "
              f"generated 50 events {peer_wall:.2f} s, {shipped.name} {campaign_wall:.2f} s "
              f"(start-up, loading, {GAMES:,} games with tallies, the policy comparison, the "
              "threshold advice, the text report)")
        if before is not None:
            against_before(peer_file, before)
        else:
            print("  (give --before SRC to time it against an earlier version in this run)")

    begin = time.perf_counter()
    report = coverage(synthetic)
    print(f"coverage, generated 50 events: {time.perf_counter() - begin:.2f} s (target <= 5 s); "
          f"{report.summary()}")
    big = load_scenario_bytes(synthetic_yaml(events=200, turns=30).encode(), "synthetic")
    begin = time.perf_counter()
    warnings = lint(big)
    print(f"lint, generated 200 events: {(time.perf_counter() - begin) * 1000:.0f} ms, "
          f"{len(warnings)} warnings")
    campaign = scenarios_folder() / "balancing_act.yaml"
    measure_map("the campaign", load_scenario(campaign), campaign)
    measure_map("generated 200 events", big)


def measure_map(name: str, scenario, path: Path | None = None) -> None:
    """`map`: the analysis of the file, the seeded games, the layout and page; and, for a file,
    the whole command in a process of its own."""
    begin = time.perf_counter()
    played_timing(scenario)
    analysis = time.perf_counter() - begin
    begin = time.perf_counter()
    observe(compile_scenario(scenario), MAP_GAMES, 0)
    games = time.perf_counter() - begin
    scenario_map = build_map(scenario)
    begin = time.perf_counter()
    page = map_html(scenario_map)
    drawing = time.perf_counter() - begin
    line = (f"map, {name} ({len(scenario.file.events)} cards, {scenario.file.turns} turns): "
            f"analysis {analysis * 1000:.0f} ms, {MAP_GAMES:,} games {games:.2f} s, layout and "
            f"page {drawing:.2f} s; page {len(page.encode()) / 1024:.0f} KB")
    if path is not None:
        with tempfile.TemporaryDirectory() as folder:
            command = [str(Path(sys.executable).parent / "balancing-act"), "map", str(path),
                       "--out", folder]
            begin = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            line += f"; whole command {time.perf_counter() - begin:.2f} s"
    print(line)


if __name__ == "__main__":
    main()

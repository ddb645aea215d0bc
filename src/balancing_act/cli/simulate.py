"""`balancing-act simulate SCENARIO`: the balance analyser, as text, JSON or an HTML report."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from balancing_act.analysis.policies import PolicyError
from balancing_act.analysis.simulate import COMPARISON_GAMES, simulate
from balancing_act.analysis.text_report import render_text
from balancing_act.cli.common import open_scenario
from balancing_act.errors import ExitCode
from balancing_act.io import describe

MAX_RUNS = 10_000_000


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_RUNS:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_RUNS:,}")
    return value


def _rate(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def add_parser(commands: Any) -> None:
    simulate = commands.add_parser("simulate", help="play a scenario many times and report its "
                                                    "balance")
    simulate.add_argument("scenario", help="a scenario file or a shipped scenario's id")
    simulate.add_argument("--runs", type=_positive, default=10_000,
                          help="games to play (default 10,000)")
    simulate.add_argument("--policy", default="random",
                          help="random, first, last, balanced, alternating, historical, "
                               "greedy:METER, greedy:-METER, or a policy file (.yaml)")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--target", type=_rate, default=0.25,
                          help="the ending rate threshold advice aims at (default 0.25)")
    simulate.add_argument("--compare-games", type=_positive, default=COMPARISON_GAMES,
                          metavar="N",
                          help="games for each fixed way of choosing in the comparison "
                               f"(default {COMPARISON_GAMES:,}; at most --runs)")
    simulate.add_argument("--report", type=Path, metavar="DIR",
                          help="also write DIR/report.html with charts")
    simulate.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    scenario = open_scenario(args.scenario)
    show_progress = sys.stderr.isatty() and args.runs >= 100_000

    def progress(done: int, total: int) -> None:
        if show_progress:
            filled = round(30 * done / total)
            sys.stderr.write(f"\rsimulating [{'#' * filled}{'.' * (30 - filled)}] "
                             f"{done:,}/{total:,} games")
            sys.stderr.flush()
            if done == total:
                sys.stderr.write("\n")

    try:
        report = simulate(scenario, runs=args.runs, policy=args.policy, seed=args.seed,
                          target_rate=args.target, compare_games=args.compare_games,
                          progress=progress)
    except PolicyError as err:
        print(f"balancing-act simulate: {err}", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return ExitCode.USAGE
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(render_text(report, describe(args.scenario)), end="")
    if args.report:
        from balancing_act.reporting.balance_report import write_html_report

        page = write_html_report(report, args.report, describe(args.scenario))
        print(f"report written to {page}", file=sys.stderr)
    return ExitCode.OK

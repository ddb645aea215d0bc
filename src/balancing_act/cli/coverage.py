"""`balancing-act coverage SCENARIO`: try every option of every card; list what never came up."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from balancing_act.cli.common import open_scenario
from balancing_act.errors import ExitCode


def add_parser(commands: Any) -> None:
    cover = commands.add_parser("coverage", help="try every option of every card; list what "
                                                 "is never reached")
    cover.add_argument("scenario", help="a scenario file or a shipped scenario's id")
    cover.add_argument("--seed", type=int, default=0)


def run(args: argparse.Namespace) -> int:
    from balancing_act.analysis.coverage import coverage

    report = coverage(open_scenario(args.scenario), seed=args.seed)
    for problem in report.missing:
        print(str(problem).replace(": warning: ", ": not reached: "))
    for cause in report.causes:
        print(cause)
    print(report.summary(), file=sys.stderr)
    return ExitCode.OK if report.complete else ExitCode.PROBLEMS

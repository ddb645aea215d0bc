"""`balancing-act map SCENARIO --out DIR`: DIR/map.html, a map of every card, link and ending,
coloured by how often seeded random games reach each one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from balancing_act.cli.common import open_scenario
from balancing_act.errors import ExitCode

MAX_GAMES = 1_000_000


def _games(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_GAMES:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_GAMES:,}")
    return value


def add_parser(commands: Any) -> None:
    draw = commands.add_parser("map", help="draw a map of a scenario's cards, links and "
                                           "endings as an HTML page")
    draw.add_argument("scenario", help="a scenario file or a shipped scenario's id")
    draw.add_argument("--out", type=Path, required=True, metavar="DIR",
                      help="the folder to write map.html into (made if needed)")
    # the default is mapdata.MAP_GAMES, named here so that building the parser imports
    # nothing heavy (a test checks the two agree)
    draw.add_argument("--runs", type=_games, default=None, metavar="N",
                      help="simulated games that colour the map (default 4,000)")
    draw.add_argument("--seed", type=int, default=0, metavar="N",
                      help="the simulation's seed (default 0)")


def run(args: argparse.Namespace) -> int:
    from balancing_act.analysis.mapdata import MAP_GAMES, build_map
    from balancing_act.reporting.map_page import write_map

    scenario = open_scenario(args.scenario)
    scenario_map = build_map(scenario, games=args.runs or MAP_GAMES, seed=args.seed)
    page = write_map(scenario_map, args.out)
    print(f"map written to {page}", file=sys.stderr)
    return ExitCode.OK

"""`balancing-act new NAME`: a new scenario from the commented template."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from balancing_act.errors import ExitCode


def add_parser(commands: Any) -> None:
    new = commands.add_parser("new", help="write a new scenario from a commented template")
    new.add_argument("name", help="the new scenario's name, e.g. 'Kashmir talks'")
    new.add_argument("--blank", action="store_true",
                     help="a blank skeleton with a comment before each key, instead of the "
                          "worked example")
    new.add_argument("--id", metavar="ID",
                     help="the scenario's id and file name (default: made from NAME), for a "
                          "name in a script other than Latin, e.g. --id kashmir_talks")


def run(args: argparse.Namespace) -> int:
    from balancing_act.scenario.template import write_template

    path = write_template(args.name, Path.cwd(), blank=args.blank, identifier=args.id)
    print(f"wrote {path}")
    print(f"check it:  balancing-act validate {path}")
    print(f"play it:   balancing-act play {path} --text")
    return ExitCode.OK

"""`balancing-act schema`: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
import json
from typing import Any

from balancing_act.errors import ExitCode


def add_parser(commands: Any) -> None:
    commands.add_parser("schema", help="print the JSON Schema of the scenario format")


def run(args: argparse.Namespace) -> int:
    from balancing_act.scenario.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2))
    return ExitCode.OK

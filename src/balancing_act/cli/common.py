"""What every subcommand shares: finding a scenario by path or by id, loading it with its
problems reported, and writing messages to the user."""

from __future__ import annotations

import sys
from pathlib import Path

from balancing_act import resources
from balancing_act.errors import UsageError
from balancing_act.io import describe
from balancing_act.scenario.loader import Scenario, load_scenario


def say(message: str) -> None:
    print(message)


def warn(message: str) -> None:
    print(f"balancing-act: {message}", file=sys.stderr)


def scenario_path(name: str | Path) -> Path:
    """A scenario file named on the command line: a path, or the id of a shipped scenario
    ('tutorial', 's400_dilemma', ...)."""
    path = Path(name)
    if path.exists():
        return path
    shipped = resources.shipped_scenario(str(name))
    if shipped is not None:
        return shipped
    ids = ", ".join(p.stem for p in resources.shipped_scenario_files())
    raise UsageError(f"no such scenario file: {describe(name)} (the shipped scenarios are "
                     f"{ids})")


def open_scenario(name: str | Path) -> Scenario:
    """The scenario, or ScenarioError (the command line prints each problem)."""
    return load_scenario(scenario_path(name))

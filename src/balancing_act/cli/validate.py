"""`balancing-act validate PATH...`: every error, or else every warning, of scenario files, with
each file's balance figures; `--json` for tools, `--strict` to fail on warnings."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from balancing_act import resources
from balancing_act.errors import ExitCode, UsageError
from balancing_act.io import describe
from balancing_act.scenario.figures import TrustFigures, trust_figures
from balancing_act.scenario.lint import lint
from balancing_act.scenario.loader import load_scenario
from balancing_act.scenario.problems import Problem, ScenarioError

MAX_FILES = 2000


def add_parser(commands: Any) -> None:
    validate = commands.add_parser("validate", help="check scenario files and folders")
    validate.add_argument("paths", nargs="+", metavar="PATH",
                          help="scenario files, folders of them, or shipped scenario ids")
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")


def scenario_files(names: Sequence[str]) -> list[Path]:
    """Expand folders to the .yaml/.yml files inside them; a name that is not a path may be a
    shipped scenario's id."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")
                                and p.is_file() and not _is_translation(p)))
        elif path.exists():
            files.append(path)
        elif resources.shipped_scenario(name) is not None:
            files.append(resources.shipped_scenario(name))  # type: ignore[arg-type]
        else:
            raise UsageError(f"validate: no such file or folder: {describe(name)}")
    if not files:
        raise UsageError("validate: no .yaml files found")
    return files[:MAX_FILES]


def _is_translation(path: Path) -> bool:
    """`tutorial.hi.yaml` beside `tutorial.yaml` is a translation, checked with its scenario."""
    stem = path.name.rsplit(".", 2)
    return len(stem) == 3 and (path.parent / f"{stem[0]}.{stem[2]}").is_file()


def check_file(path: Path) -> tuple[list[Problem], TrustFigures | None, dict[str, str]]:
    """Every error, or else every warning, in one scenario file (empty when it is clean),
    with the balance figures of a file that loads (and its meters' labels)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        return list(err.problems), None, {}
    labels = {m: meter.label for m, meter in scenario.file.meters.items()}
    return lint(scenario), trust_figures(scenario.file), labels


def run(args: argparse.Namespace) -> int:
    files = scenario_files(args.paths)
    checked = {describe(f): check_file(f) for f in files}
    problems = {name: found for name, (found, _, _) in checked.items()}
    errors = sum(p.severity == "error" for found in problems.values() for p in found)
    warnings = sum(len(found) for found in problems.values()) - errors
    failing = {"error", "warning"} if args.strict else {"error"}
    if args.json:
        print(json.dumps({
            "files": [{"file": name, "ok": not any(p.severity in failing for p in found),
                       "problems": [p.to_dict() for p in found],
                       "balance": figures.to_dict() if figures else None}
                      for name, (found, figures, _) in checked.items()],
            "errors": errors,
            "warnings": warnings,
        }, indent=2))
    else:
        for name, (found, figures, labels) in checked.items():
            for problem in found:
                print(problem)
            if figures is not None:
                print(f"{name}: balance: {figures.summary(labels)}")
        sys.stdout.flush()  # the problems first, then the count, also when both are piped
        clean = sum(1 for found in problems.values() if not found)
        print(f"{len(files)} file(s) checked: {clean} clean, {errors} error(s), "
              f"{warnings} warning(s)", file=sys.stderr)
    return ExitCode.PROBLEMS if errors or (args.strict and warnings) else ExitCode.OK

"""`balancing-act validate PATH...`: every error, or else every warning, of scenario files, with
each file's balance figures; `--json` for tools, `--strict` to fail on warnings."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from balancing_act import resources
from balancing_act.errors import ExitCode, ReadError, UsageError
from balancing_act.io import describe
from balancing_act.scenario.figures import TrustFigures, trust_figures
from balancing_act.scenario.lint import lint
from balancing_act.scenario.loader import load_scenario
from balancing_act.scenario.problems import Problem, ScenarioError
from balancing_act.scenario.translations import (
    check_translation_file,
    translated_scenario_of,
    translations_beside,
)

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
            try:
                os.scandir(path).close()  # rglob passes over a folder it cannot read
            except OSError as err:
                raise ReadError(f"validate: {describe(path)}", "cannot read the folder: "
                                f"{(err.strerror or str(err)).lower()}") from None
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")
                           and p.is_file() and translated_scenario_of(p) is None)
            if not found:
                raise UsageError(f"validate: {describe(path)}: a folder with no scenario "
                                 "files (.yaml or .yml) in it")
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif resources.shipped_scenario(name) is not None:
            files.append(resources.shipped_scenario(name))  # type: ignore[arg-type]
        else:
            raise UsageError(f"validate: no such file or folder: {describe(name)}")
    if not files:
        raise UsageError("validate: no .yaml files found")
    return files[:MAX_FILES]


def check_file(path: Path) -> tuple[list[Problem], TrustFigures | None, dict[str, str]]:
    """Every error, or else every warning, in one scenario file (empty when it is clean),
    with the balance figures of a file that loads (and its meters' labels)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        return list(err.problems), None, {}
    labels = {m: meter.label for m, meter in scenario.file.meters.items()}
    return lint(scenario), trust_figures(scenario.file), labels


Checked = tuple[list[Problem], TrustFigures | None, dict[str, str]]


def check_all(files: list[Path]) -> dict[str, Checked]:
    """Each scenario file, then each translation beside it (`tutorial.hi.yaml`, checked against
    the scenario); a translation file named on its own is checked against its scenario."""
    checked: dict[str, Checked] = {}
    for path in files:
        if translated_scenario_of(path) is not None:
            checked.setdefault(describe(path), (check_translation_file(path), None, {}))
            continue
        checked[describe(path)] = result = check_file(path)
        if any(p.severity == "error" for p in result[0]):
            continue  # the scenario's own errors first; its translations are checked after
        for _, translation in translations_beside(path):
            checked[describe(translation)] = (check_translation_file(translation), None, {})
    return checked


def run(args: argparse.Namespace) -> int:
    files = scenario_files(args.paths)
    checked = check_all(files)
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
        print(f"{len(checked)} file(s) checked: {clean} clean, {errors} error(s), "
              f"{warnings} warning(s)", file=sys.stderr)
    return ExitCode.PROBLEMS if errors or (args.strict and warnings) else ExitCode.OK

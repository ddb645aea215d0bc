"""The command line: `balancing-act [play] ...`, `validate`, and the other designer tools.

`main` only parses arguments, builds objects and passes them down; every command returns its
exit code: 0 success, 1 problems found, 2 usage error, 3 a game left unfinished.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

from balancing_act import __version__
from balancing_act.scenario.lint import lint
from balancing_act.scenario.loader import load_scenario
from balancing_act.scenario.problems import Problem, ScenarioError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("play", "validate")
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_scenario() -> Path:
    """The tutorial: next to the package in a checkout, else in the current folder."""
    for base in (PROJECT_ROOT, Path.cwd()):
        candidate = base / "scenarios" / "tutorial.yaml"
        if candidate.is_file():
            return candidate
    return Path("scenarios/tutorial.yaml")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="balancing-act",
        description="Balancing Act: steer India's foreign policy between great powers.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a scenario (the default command)")
    play.add_argument("scenario", nargs="?", type=Path, help="a scenario file (default: the "
                                                             "tutorial)")
    play.add_argument("--seed", type=int, help="the game's seed: the same seed and choices "
                                               "always give the same game")
    play.add_argument("--text", action="store_true", help="play in the terminal; with input "
                                                          "that is not a terminal, read one "
                                                          "option number per line")

    validate = commands.add_parser("validate", help="check scenario files and folders")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in (
            "-h", "--help", "--version")):
        args_list.insert(0, "play")
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help
        return int(stop.code or 0)
    if args.command == "validate":
        return run_validate(args.paths, as_json=args.json, strict=args.strict)
    return run_play(args)


def run_play(args: argparse.Namespace) -> int:
    from balancing_act.engine.game import Game
    from balancing_act.textui import play_text

    path = args.scenario or default_scenario()
    if not path.is_file():
        print(f"balancing-act: no such scenario file: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        print(f"{path} cannot be played; fix these problems first:", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    seed = args.seed if args.seed is not None else secrets.randbelow(1_000_000)
    game = Game(scenario, seed)
    return play_text(game, sys.stdin, sys.stdout, interactive=sys.stdin.isatty())


def scenario_files(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """Expand folders to the .yaml/.yml files inside them; report paths that do not exist."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")
                                and p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(str(path))
    return files, missing


def check_file(path: Path) -> list[Problem]:
    """Every error, or else every warning, in one scenario file (empty when it is clean)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        return list(err.problems)
    return lint(scenario)


def run_validate(paths: Sequence[Path], *, as_json: bool, strict: bool = False) -> int:
    files, missing = scenario_files(paths)
    if missing:
        for name in missing:
            print(f"balancing-act validate: no such file or folder: {name}", file=sys.stderr)
        return EXIT_USAGE
    if not files:
        print("balancing-act validate: no .yaml files found", file=sys.stderr)
        return EXIT_USAGE
    problems = {str(f): check_file(f) for f in files}
    errors = sum(p.severity == "error" for found in problems.values() for p in found)
    warnings = sum(len(found) for found in problems.values()) - errors
    failing = {"error", "warning"} if strict else {"error"}
    if as_json:
        print(json.dumps({
            "files": [{"file": name, "ok": not any(p.severity in failing for p in found),
                       "problems": [p.to_dict() for p in found]}
                      for name, found in problems.items()],
            "errors": errors,
            "warnings": warnings,
        }, indent=2))
    else:
        for found in problems.values():
            for problem in found:
                print(problem)
        clean = sum(1 for found in problems.values() if not found)
        print(f"{len(files)} file(s) checked: {clean} clean, {errors} error(s), "
              f"{warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK

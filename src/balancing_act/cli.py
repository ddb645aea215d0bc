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
from balancing_act.paths import SCENARIOS
from balancing_act.scenario.figures import TrustFigures, trust_figures
from balancing_act.scenario.lint import lint
from balancing_act.scenario.loader import Scenario, load_scenario
from balancing_act.scenario.problems import Problem, ScenarioError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("play", "validate", "simulate", "coverage", "schema", "new", "class", "replay")
def default_scenario() -> Path:
    """The tutorial: next to the package in a checkout, else in the current folder."""
    for folder in (SCENARIOS, Path.cwd() / "scenarios"):
        if (folder / "tutorial.yaml").is_file():
            return folder / "tutorial.yaml"
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
    play.add_argument("--script", type=Path, metavar="FILE",
                      help="drive the game window with recorded choices (one option number "
                           "per line)")
    play.add_argument("--screenshots", type=Path, metavar="DIR",
                      help="with --script: save a PNG of every screen shown")
    play.add_argument("--session", type=Path, metavar="FILE",
                      help="play in a class session (the scenario, seed and rules come from it)")
    play.add_argument("--name", help="the student's name in a class session")
    play.add_argument("--projector", action="store_true",
                      help="with --session: the class plays one game on the big screen, "
                           "voting on every card")
    play.add_argument("--results", type=Path, metavar="DIR",
                      help="where a class session's result file goes (default: your data "
                           "folder)")

    validate = commands.add_parser("validate", help="check scenario files and folders")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")

    simulate = commands.add_parser("simulate", help="play a scenario many times and report its "
                                                    "balance")
    simulate.add_argument("scenario", type=Path)
    simulate.add_argument("--runs", type=_positive, default=10_000, help="games to play "
                                                                          "(default 10,000)")
    simulate.add_argument("--policy", default="random",
                          help="random, first, last, balanced, greedy:METER, greedy:-METER, or "
                               "a policy file (.yaml)")
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--target", type=_rate, default=0.25,
                          help="the ending rate threshold advice aims at (default 0.25)")
    simulate.add_argument("--report", type=Path, metavar="DIR",
                          help="also write DIR/report.html with charts")
    simulate.add_argument("--json", action="store_true", help="print the report as JSON")

    cover = commands.add_parser("coverage", help="try every option of every card; list what "
                                                 "is never reached")
    cover.add_argument("scenario", type=Path)
    cover.add_argument("--seed", type=int, default=0)

    commands.add_parser("schema", help="print the JSON Schema of the scenario format")

    new = commands.add_parser("new", help="write a new scenario from a commented template")
    new.add_argument("name", help="the new scenario's name, e.g. 'Kashmir talks'")

    klass = commands.add_parser("class", help="classroom sessions: new, report, export")
    steps = klass.add_subparsers(dest="step", metavar="STEP", required=True)
    create = steps.add_parser("new", help="write a session file for a class")
    create.add_argument("scenario", type=Path)
    create.add_argument("--seed", type=int, default=1)
    create.add_argument("--per-student", action="store_true",
                        help="one seed per student (derived from the name) instead of one seed "
                             "for the class")
    create.add_argument("--out", type=Path, required=True, metavar="FILE")
    create.add_argument("--code", help="the class code (default: six random letters/digits)")
    create.add_argument("--preview", choices=("scenario", "none", "dots", "numbers"),
                        default="scenario")
    create.add_argument("--undo", action="store_true", help="let students undo a decision")
    create.add_argument("--time-limit", type=int, metavar="SECONDS",
                        help="seconds per decision; slower decisions are marked late")
    create.add_argument("--questions", help="debrief questions to show, e.g. 1,3,4")
    report = steps.add_parser("report", help="verify results and write the class report")
    report.add_argument("session", type=Path)
    report.add_argument("results", type=Path, nargs="+", metavar="RESULT")
    report.add_argument("--out", type=Path, required=True, metavar="DIR")
    export = steps.add_parser("export", help="verify results and write the gradebook CSV")
    export.add_argument("session", type=Path)
    export.add_argument("results", type=Path, nargs="+", metavar="RESULT")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")

    replay = commands.add_parser("replay", help="re-run a result's decisions and verify its "
                                                "scores")
    replay.add_argument("result", type=Path)
    replay.add_argument("--session", type=Path, help="the session file (default: the only "
                                                     "*.yaml session next to the result)")
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _rate(text: str) -> float:
    value = float(text)
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


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
    if args.command == "simulate":
        return run_simulate(args)
    if args.command == "coverage":
        return run_coverage(args)
    if args.command == "schema":
        return run_schema()
    if args.command == "new":
        return run_new(args.name)
    if args.command == "class":
        from balancing_act.classroom.commands import run_class

        return run_class(args)
    if args.command == "replay":
        from balancing_act.classroom.commands import run_replay

        return run_replay(args)
    return run_play(args)


def _load_or_report(path: Path) -> Scenario | int:
    """The scenario, or the exit code after printing why it cannot be used."""
    if not path.is_file():
        print(f"balancing-act: no such scenario file: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return load_scenario(path)
    except ScenarioError as err:
        print(f"{path} has problems; fix them first:", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS


def run_simulate(args: argparse.Namespace) -> int:
    from balancing_act.analysis.html_report import ReportError, write_html_report
    from balancing_act.analysis.policies import PolicyError
    from balancing_act.analysis.simulate import simulate
    from balancing_act.analysis.text_report import render_text

    scenario = _load_or_report(args.scenario)
    if isinstance(scenario, int):
        return scenario
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
                          target_rate=args.target, progress=progress)
    except PolicyError as err:
        print(f"balancing-act simulate: {err}", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(render_text(report, str(args.scenario)), end="")
    if args.report:
        try:
            page = write_html_report(report, args.report, str(args.scenario))
        except (ReportError, OSError) as err:
            print(f"balancing-act simulate: cannot write the report: {err}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"report written to {page}", file=sys.stderr)
    return EXIT_OK


def run_coverage(args: argparse.Namespace) -> int:
    from balancing_act.analysis.coverage import coverage

    scenario = _load_or_report(args.scenario)
    if isinstance(scenario, int):
        return scenario
    report = coverage(scenario, seed=args.seed)
    for problem in report.missing:
        print(str(problem).replace(": warning: ", ": not reached: "))
    print(report.summary(), file=sys.stderr)
    return EXIT_OK if report.complete else EXIT_PROBLEMS


def run_schema() -> int:
    from balancing_act.scenario.schema import scenario_schema

    print(json.dumps(scenario_schema(), indent=2))
    return EXIT_OK


def run_new(name: str) -> int:
    from balancing_act.scenario.template import TemplateError, write_template

    try:
        path = write_template(name, Path.cwd())
    except TemplateError as err:
        print(f"balancing-act new: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {path}")
    print(f"check it:  balancing-act validate {path}")
    print(f"play it:   balancing-act play {path} --text")
    return EXIT_OK


def read_script(path: Path) -> list[int] | None:
    """Option numbers, one per line (blank lines ignored); None if the file cannot be used."""
    try:
        lines = path.read_text(encoding="utf-8").split()
        return [int(line) for line in lines]
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def run_play(args: argparse.Namespace) -> int:
    from balancing_act.engine.game import Game
    from balancing_act.textui import play_text

    if args.session is not None:
        from balancing_act.classroom.commands import play_session

        return play_session(args)
    if not args.text:
        from balancing_act.ui.app import run_window

        script = None
        if args.script is not None:
            script = read_script(args.script)
            if script is None:
                print(f"balancing-act: {args.script} is not a list of option numbers",
                      file=sys.stderr)
                return EXIT_USAGE
        if args.scenario is not None and not args.scenario.is_file():
            print(f"balancing-act: no such scenario file: {args.scenario}", file=sys.stderr)
            return EXIT_USAGE
        scenario_path = args.scenario or (default_scenario() if script is not None else None)
        return run_window(scenario_path, seed=args.seed, script=script,
                          screenshots=args.screenshots)
    scenario = _load_or_report(args.scenario or default_scenario())
    if isinstance(scenario, int):
        return scenario
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


def check_file(path: Path) -> tuple[list[Problem], TrustFigures | None, dict[str, str]]:
    """Every error, or else every warning, in one scenario file (empty when it is clean),
    with the balance figures of a file that loads (and its meters' labels)."""
    try:
        scenario = load_scenario(path)
    except ScenarioError as err:
        return list(err.problems), None, {}
    labels = {m: meter.label for m, meter in scenario.file.meters.items()}
    return lint(scenario), trust_figures(scenario.file), labels


def run_validate(paths: Sequence[Path], *, as_json: bool, strict: bool = False) -> int:
    files, missing = scenario_files(paths)
    if missing:
        for name in missing:
            print(f"balancing-act validate: no such file or folder: {name}", file=sys.stderr)
        return EXIT_USAGE
    if not files:
        print("balancing-act validate: no .yaml files found", file=sys.stderr)
        return EXIT_USAGE
    checked = {str(f): check_file(f) for f in files}
    problems = {name: found for name, (found, _, _) in checked.items()}
    errors = sum(p.severity == "error" for found in problems.values() for p in found)
    warnings = sum(len(found) for found in problems.values()) - errors
    failing = {"error", "warning"} if strict else {"error"}
    if as_json:
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
        clean = sum(1 for found in problems.values() if not found)
        print(f"{len(files)} file(s) checked: {clean} clean, {errors} error(s), "
              f"{warnings} warning(s)", file=sys.stderr)
    return EXIT_PROBLEMS if errors or (strict and warnings) else EXIT_OK

"""The classroom's command-line steps: `class new`, `class report`, `class export`,
`replay`, and playing a session in the terminal."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from balancing_act.classroom.report import ReportError, check_results, csv_text, write_report
from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import (
    Rules,
    Session,
    SessionError,
    create_session,
    read_session,
)
from balancing_act.engine.game import Game
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.problems import ScenarioError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_UNFINISHED = 0, 1, 2, 3


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    print(f"balancing-act: {message}", file=sys.stderr)
    return code


def _open_session(path: Path) -> tuple[Session, Scenario] | int:
    """The session and its scenario, or the exit code after saying why they cannot be used."""
    try:
        session = read_session(path)
        return session, session.load_scenario(path)
    except SessionError as err:
        return _fail(str(err))
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return _fail("the session's scenario has problems", EXIT_PROBLEMS)


def default_results_folder() -> Path:
    from balancing_act.ui.store import data_folder  # platformdirs only; no pygame

    return data_folder() / "results"


def play_session(args: argparse.Namespace) -> int:
    """Play a class session in the terminal: the session's scenario, seed and rules, and a
    result file at the end (also when the student stops early)."""
    from balancing_act.textui import play_text

    opened = _open_session(args.session)
    if isinstance(opened, int):
        return opened
    session, scenario = opened
    results = args.results or default_results_folder()
    if not args.text:
        from balancing_act.cli import read_script
        from balancing_act.ui.app import run_window

        script = read_script(args.script) if args.script else None
        if args.script and script is None:
            return _fail(f"{args.script} is not a list of option numbers")
        return run_window(None, script=script, screenshots=args.screenshots,
                          session=(session, args.session, results, args.name),
                          projector=args.projector)
    if args.projector:
        return _fail("projector mode is for the window: leave out --text")
    interactive = sys.stdin.isatty()
    name = (args.name or "").strip()
    if not name:
        print(f"Class session {session.class_code}: {scenario.title}")
        if interactive:
            print("Your name: ", end="", flush=True)
        name = sys.stdin.readline().strip()
        if not name:
            return _fail("a class session needs the student's name (type it, or use --name)")
    recorder = Recorder(session, name, results)
    game = Game(scenario, session.seed_for(name))
    preview = None if session.rules.preview == "scenario" else session.rules.preview
    return play_text(game, sys.stdin, sys.stdout, interactive=interactive, recorder=recorder,
                     preview=preview, undo=session.rules.undo)


def run_class(args: argparse.Namespace) -> int:
    if args.step == "new":
        questions = None
        if args.questions:
            try:
                questions = [int(q) for q in args.questions.split(",")]
            except ValueError:
                return _fail("--questions takes numbers separated by commas, e.g. 1,3,4")
        try:
            rules = Rules(preview=args.preview, undo=args.undo,
                          time_limit_seconds=args.time_limit, questions=questions)
        except ValidationError as err:
            return _fail(f"--time-limit: {err.errors()[0]['msg'].lower()}")
        if args.code is not None and not re.fullmatch(r"[A-Z0-9]{4,12}", args.code):
            return _fail("--code: a class code is 4 to 12 capital letters or digits")
        try:
            session = create_session(args.scenario, args.out, seed=args.seed,
                                     per_student=args.per_student, code=args.code, rules=rules)
        except ScenarioError as err:
            for problem in err.problems:
                print(problem, file=sys.stderr)
            return _fail(f"{args.scenario} has problems; fix them first", EXIT_PROBLEMS)
        except ValueError as err:
            return _fail(str(err).splitlines()[0])
        print(f"wrote {args.out}: class code {session.class_code}, scenario "
              f"'{session.scenario.title}', seed {session.seed}"
              + (" (one per student)" if session.seed_per_student else ""))
        print(f"students play:  balancing-act play --session {args.out} --text")
        return EXIT_OK
    opened = _open_session(args.session)
    if isinstance(opened, int):
        return opened
    session, scenario = opened
    report = check_results(session, scenario, list(args.results))
    if args.step == "export":
        temporary = args.out.with_name(args.out.name + ".tmp")
        temporary.write_text(csv_text(report), encoding="utf-8")
        temporary.replace(args.out)
        print(f"wrote {args.out}: {len(report.counted)} counted, {len(report.flagged)} flagged")
        return EXIT_OK
    try:
        page = write_report(report, args.out)
    except (ReportError, OSError) as err:
        return _fail(f"cannot write the report: {err}", EXIT_PROBLEMS)
    print(f"wrote {page} and {args.out / 'results.csv'}: {len(report.counted)} students "
          f"counted, {len(report.flagged)} flagged, {len(report.problems)} other problems")
    for checked in report.flagged:
        print(f"  flagged: {checked.name} ({checked.path.name}): {checked.reason}")
    return EXIT_OK


def run_replay(args: argparse.Namespace) -> int:
    """Re-run one result's decisions and say whether its scores are genuine."""
    session_path = args.session
    if session_path is None:
        candidates = sorted(args.result.parent.glob("*.yaml"))
        if len(candidates) != 1:
            return _fail("name the session file with --session")
        session_path = candidates[0]
    try:
        session = read_session(session_path)
        scenario = session.load_scenario(session_path)
    except SessionError as err:
        return _fail(str(err))
    report = check_results(session, scenario, [args.result])
    if report.problems:
        return _fail(report.problems[0], EXIT_PROBLEMS)
    if report.flagged:
        checked = report.flagged[0]
        print(f"{checked.name}: NOT verified: {checked.reason}")
        return EXIT_PROBLEMS
    checked = report.counted[0]
    game = checked.game
    ending = game.ending.title if game.ending else "(unfinished)"
    print(f"{checked.name}: verified: {len(game.choices)} decisions, ending '{ending}', meters "
          + ", ".join(f"{k} {v}" for k, v in game.meters.items()))
    return EXIT_OK

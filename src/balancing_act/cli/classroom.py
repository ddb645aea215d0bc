"""`balancing-act class new | report | export`: session files, and the verified class report
and gradebook."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from balancing_act.cli import host
from balancing_act.cli.common import scenario_path
from balancing_act.errors import ExitCode, UsageError
from balancing_act.frontends.text.game import safe
from balancing_act.io import describe, validation_message


def add_parser(commands: Any) -> None:
    klass = commands.add_parser("class", help="classroom sessions: new, report, export, host")
    steps = klass.add_subparsers(dest="step", metavar="STEP", required=True)
    create = steps.add_parser("new", help="write a session file for a class")
    create.add_argument("scenario", help="a scenario file or a shipped scenario's id")
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
    create.add_argument("--reveal", choices=("debrief", "immediate"), default="debrief",
                        help="when students learn what India did: in the debrief (default) "
                             "or right after each decision")
    create.add_argument("--roster", type=Path, metavar="CSV",
                        help="the class list (columns id,name, optional email): each student "
                             "gets a personal code, printed on a handout, that signs their "
                             "result")
    report = steps.add_parser("report", help="verify results and write the class report: the "
                                             "debrief page, a page per student, the PDFs and "
                                             "the gradebook")
    report.add_argument("session", type=Path)
    report.add_argument("results", type=Path, nargs="+", metavar="RESULT",
                        help="result files, folders of them, or zip archives")
    report.add_argument("--out", type=Path, required=True, metavar="DIR")
    report.add_argument("--anonymous", action="store_true",
                        help="for the projector: no names anywhere (students are numbered), "
                             "no gradebook and no sheets")
    export = steps.add_parser("export", help="verify results and write the gradebook CSV")
    export.add_argument("session", type=Path)
    export.add_argument("results", type=Path, nargs="+", metavar="RESULT",
                        help="result files, folders of them, or zip archives")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    for step in (report, export):
        step.add_argument("--key", type=Path, metavar="FILE",
                          help="the session's key (default: SESSION.key.yaml beside it)")
        step.add_argument("--roster", type=Path, metavar="CSV",
                          help="the class list (columns id,name, optional email): one row "
                               "per student in the gradebook, absent ones included")
        step.add_argument("--attempt", choices=("first", "best", "last"), default="first",
                          help="which game counts when a student handed in several: the "
                               "first finished (default), the best ending, or the last "
                               "finished")
    host.add_step(steps)


def _questions(text: str | None, count: int) -> list[int] | None:
    if not text:
        return None
    try:
        numbers = [int(q) for q in text.split(",") if q.strip()]
    except ValueError:
        raise UsageError("--questions takes numbers separated by commas, e.g. 1,3,4") from None
    wrong = [n for n in numbers if not 1 <= n <= count]
    if not numbers or wrong:
        raise UsageError(f"--questions: the scenario has {count} question(s); "
                         f"{', '.join(map(str, wrong)) or 'none given'} is not one of them")
    return numbers


def run(args: argparse.Namespace) -> int:
    if args.step == "new":
        return _new(args)
    if args.step == "host":
        return host.run(args)
    from balancing_act.classroom.roster import read_roster
    from balancing_act.classroom.session import read_session
    from balancing_act.classroom.verify import check_results

    session = read_session(args.session)
    scenario = session.load_scenario(args.session)
    roster = read_roster(args.roster) if args.roster is not None else None
    report = check_results(session, scenario, list(args.results), session_key(args),
                           attempt=args.attempt)
    if args.step == "export":
        from balancing_act.classroom.gradebook import gradebook
        from balancing_act.io import write_text
        from balancing_act.reporting.class_report import csv_text

        rows = gradebook(report, roster)
        write_text(args.out, csv_text(report, rows=rows), bom=True)
        print(f"wrote {describe(args.out)}: {_counts(report, rows)}")
        _details(report, rows)
        return ExitCode.OK
    from balancing_act.reporting.class_report import write_report

    page = write_report(report, args.out, anonymous=args.anonymous, roster=roster)
    if args.anonymous:
        print(f"wrote {describe(page)} (anonymous: no names, for the projector), the class "
              f"summary and a page per student: {_n(len(report.counted), 'student')} counted, "
              f"{_n(len(report.flagged), 'result')} not counted, "
              f"{_n(len(report.problems), 'other note')} (the report without --anonymous says "
              "which)")
        return ExitCode.OK
    from balancing_act.classroom.gradebook import gradebook

    rows = gradebook(report, roster)
    print(f"wrote {describe(page)}, {describe(args.out / 'results.csv')}, the class summary "
          f"and the debrief sheets: {_counts(report, rows)}")
    _details(report, rows)
    return ExitCode.OK


def _counts(report: Any, rows: Any) -> str:
    """One line of counts: by status for a class list, else counted and flagged."""
    from balancing_act.classroom.gradebook import listed

    on_list = listed(rows)
    if on_list:
        statuses = [r.status for r in on_list]
        text = (f"{len(on_list)} on the class list: {statuses.count('finished')} finished, "
                f"{statuses.count('unfinished')} unfinished, {statuses.count('flagged')} "
                f"flagged, {statuses.count('absent')} absent")
        off = len(rows) - len(on_list)
        return text + (f"; {_n(off, 'result')} matching no one on it" if off else "")
    return (f"{_n(len(report.counted), 'student')} counted, {len(report.flagged)} flagged, "
            f"{_n(len(report.problems), 'other problem')}")


def _n(count: int, thing: str) -> str:
    """A count and its noun, in the plural unless it is one: '1 student', '2 students'."""
    return f"{count} {thing}{'s' if count != 1 else ''}"


def _details(report: Any, rows: Any) -> None:
    for checked in report.flagged:
        print(f"  flagged: {safe(checked.name)} ({safe(checked.path.name)}): "
              f"{safe(checked.reason)}")
    for row in rows:
        if row.on_list is False:
            print(f"  not on the class list: {safe(row.name)}")
    for note in report.notes:
        print(f"  to look at: {safe(note)}")
    for problem in report.problems:
        print(f"  {safe(problem)}")


def session_key(args: argparse.Namespace) -> Any:
    """The session's key: named with --key, or found beside the session file (None when
    there is none; a key named but unreadable is an error)."""
    from balancing_act.classroom.roster import key_path_for, read_key

    path = args.key or key_path_for(args.session)
    if args.key is None and not path.exists():
        return None
    return read_key(path)


def _new(args: argparse.Namespace) -> int:
    from balancing_act.classroom.roster import (
        code_check,
        key_path_for,
        new_key,
        personal_code,
        read_roster,
        write_key,
    )
    from balancing_act.classroom.session import (
        CODE_PATTERN,
        RosterEntry,
        Rules,
        create_session,
        new_code,
    )
    from balancing_act.io import write_bytes
    from balancing_act.scenario.loader import load_scenario

    path = scenario_path(args.scenario)
    scenario = load_scenario(path)
    questions = _questions(args.questions, len(scenario.file.debrief.questions))
    try:
        rules = Rules(preview=args.preview, undo=args.undo, time_limit_seconds=args.time_limit,
                      questions=questions, reveal=args.reveal)
    except ValidationError as err:
        raise UsageError(f"--time-limit: {validation_message(err)}") from None
    if args.code is not None and not re.fullmatch(CODE_PATTERN, args.code):
        raise UsageError("--code: a class code is 4 to 12 capital letters or digits")
    if not 0 <= args.seed <= 2**63 - 1:
        raise UsageError("--seed: a seed is a whole number from 0 to 2**63 - 1")
    students = read_roster(args.roster) if args.roster is not None else []
    class_code = args.code or new_code()
    key = new_key(class_code) if students else None
    codes = {s.id: personal_code(key, s.id) for s in students} if key else {}
    entries = [RosterEntry(id=s.id, name=s.name, check=code_check(codes[s.id], class_code))
               for s in students]
    session = create_session(path, args.out, seed=args.seed, per_student=args.per_student,
                             code=class_code, rules=rules, roster=entries)
    print(f"wrote {describe(args.out)}: class code {session.class_code}, scenario "
          f"'{session.scenario.title}', seed {session.seed}"
          + (" (one per student)" if session.seed_per_student else ""))
    if key is not None:
        from balancing_act.reporting.handouts import codes_pdf

        key_file = key_path_for(args.out)
        write_key(key_file, key)
        handout = args.out.with_name(args.out.stem + "-codes.pdf")
        write_bytes(handout, codes_pdf(session, students, codes, args.out.name))
        print(f"wrote {describe(key_file)}: the instructor's key; keep it private (the report "
              "needs it)")
        print(f"wrote {describe(handout)}: {_n(len(students), 'personal code')} to print and "
              "hand out, one slip per student")
    from balancing_act.reporting.handouts import quickstart_pdf

    card = args.out.with_name(args.out.stem + "-quickstart.pdf")
    from balancing_act.resources import shipped_scenario

    shipped = shipped_scenario(session.scenario.id)
    own = shipped is None or path.resolve() != shipped.resolve()
    write_bytes(card, quickstart_pdf(session, args.out.name, own_scenario=own,
                                     roster=args.roster.name if students else ""))
    print(f"wrote {describe(card)}: your one-page quick-start card for this session")
    print(f"students play:  balancing-act play --session {describe(args.out)}")
    return ExitCode.OK

"""`balancing-act replay RESULT`: re-run one result's decisions and say whether its scores are
genuine."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from balancing_act.errors import ExitCode, UsageError
from balancing_act.frontends.text.game import safe


def add_parser(commands: Any) -> None:
    replay = commands.add_parser("replay", help="re-run a result's decisions and verify its "
                                                "scores")
    replay.add_argument("result", type=Path)
    replay.add_argument("--session", type=Path, help="the session file (default: the only "
                                                     "*.yaml session next to the result)")
    replay.add_argument("--key", type=Path, metavar="FILE",
                        help="the session's key, for a session with a class list (default: "
                             "SESSION.key.yaml beside the session)")


def run(args: argparse.Namespace) -> int:
    from balancing_act.classroom.session import read_session
    from balancing_act.classroom.verify import check_results
    from balancing_act.cli.classroom import session_key

    session_path = args.session
    if session_path is None:
        candidates = [p for p in sorted(args.result.parent.glob("*.yaml"))
                      if not p.name.endswith(".key.yaml")]
        if len(candidates) != 1:
            raise UsageError("name the session file with --session")
        session_path = candidates[0]
    session = read_session(session_path)
    scenario = session.load_scenario(session_path)
    args.session = session_path
    key = session_key(args)
    report = check_results(session, scenario, [args.result], key)
    if session.roster and key is None:  # said, and the replay still checks the scores
        print(safe(report.problems.pop(0)))
    if report.problems:
        print(safe(report.problems[0]))
        return ExitCode.PROBLEMS
    if report.flagged:
        flagged = report.flagged[0]
        print(f"NOT verified: {safe(flagged.name)}: {safe(flagged.reason)}")
        return ExitCode.PROBLEMS
    checked = report.counted[0]
    game = checked.game
    ending = game.ending.title if game.ending else "(unfinished)"
    print(f"verified: {safe(checked.name)}: {len(game.choices)} decisions, ending "
          f"'{safe(ending)}', meters " + ", ".join(f"{k} {v}" for k, v in game.meters.items()))
    return ExitCode.OK

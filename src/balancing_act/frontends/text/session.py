"""A class session in the terminal: the session's scenario, seed and rules, the student's name,
and a result file written after every decision (also when the student stops early)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import Session
from balancing_act.engine.game import Game
from balancing_act.errors import ExitCode, UsageError, WriteError
from balancing_act.frontends.text.game import TextGame, safe
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.play.views import OutcomeView
from balancing_act.scenario.loader import Scenario

MAX_NAME = 60


def clean_name(name: str) -> str:
    """A student's name as kept: spaces collapsed, control characters dropped, bounded."""
    kept = "".join(c for c in name if c.isprintable())
    return " ".join(kept.split())[:MAX_NAME]


def play_session_text(session: Session, scenario: Scenario, *, name: str | None,
                      results: Path, stdin: TextIO, stdout: TextIO, interactive: bool,
                      catalog: Catalog) -> int:
    t = catalog
    student = clean_name(name or "")
    if not student:
        stdout.write(safe(t("text.session_intro", code=session.class_code,
                            title=scenario.title)) + "\n")
        if interactive:
            stdout.write(t("text.name_prompt"))
            stdout.flush()
        student = clean_name(stdin.readline())
        if not student:
            raise UsageError("a class session needs the student's name (type it, or use "
                             "--name)")
    recorder = Recorder(session, student, results)
    play = Playthrough(Game(scenario, session.seed_for(student)),
                       PlayRules.of_session(session.rules), t)

    def save() -> Path | None:
        try:
            return recorder.write(play.game, [(x.seconds, x.late) for x in play.timings])
        except WriteError as err:  # the game goes on; the message says what to do
            stdout.write(safe(t("text.result_not_saved", reason=str(err))) + "\n")
            return None

    def decided(_: Playthrough, __: OutcomeView) -> None:
        save()

    game = TextGame(play, stdin, stdout, interactive=interactive, on_decision=decided,
                    session_line=t("text.session", code=session.class_code, name=student))
    try:
        code = game.run()
    finally:
        path = save()  # also when the student leaves, the input ends or Ctrl-C is pressed
        if path is not None:
            stdout.write(safe(t("text.result_saved", path=path)) + "\n")
            stdout.write(t("text.hand_in") + "\n")
    return code if code in (ExitCode.OK, ExitCode.UNFINISHED) else ExitCode.PROBLEMS

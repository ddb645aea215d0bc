"""A class session in the terminal: the session's scenario, seed and rules, the student's name,
and a result file written after every decision (also when the student stops early)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.seats import Seat, take_seat
from balancing_act.classroom.session import Session
from balancing_act.engine.game import Game
from balancing_act.errors import ExitCode, SessionError, WriteError
from balancing_act.frontends.text.game import TextGame, safe
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.play.views import OutcomeView
from balancing_act.scenario.loader import Scenario

ATTEMPTS = 3


def ask(stdin: TextIO, stdout: TextIO, prompt: str, interactive: bool) -> str:
    if interactive:
        stdout.write(prompt)
        stdout.flush()
    return stdin.readline().strip()


def seat_student(session: Session, stdin: TextIO, stdout: TextIO, *, name: str | None,
                 code: str | None, interactive: bool, catalog: Catalog) -> Seat:
    """The student's seat: the name (and personal code) given on the command line, or asked
    for; a wrong one is explained and asked again in a terminal."""
    t = catalog
    for attempt in range(ATTEMPTS):
        typed_name = name or ask(stdin, stdout, t("text.name_prompt"), interactive)
        typed_code = code or (ask(stdin, stdout, t("text.code_prompt"), interactive)
                              if session.roster else "")
        try:
            return take_seat(session, typed_name, typed_code)
        except SessionError as err:
            if not interactive or attempt == ATTEMPTS - 1:
                raise
            stdout.write(safe(str(err)) + "\n")
            name = code = None  # ask again
    raise SessionError("no seat could be taken")


def play_session_text(session: Session, scenario: Scenario, *, name: str | None,
                      code: str | None, results: Path, stdin: TextIO, stdout: TextIO,
                      interactive: bool, catalog: Catalog, notice: str = "") -> int:
    t = catalog
    stdout.write(safe(t("text.session_intro", code=session.class_code, title=scenario.title))
                 + "\n")
    seat = seat_student(session, stdin, stdout, name=name, code=code,
                        interactive=interactive, catalog=t)
    recorder = Recorder.for_seat(session, seat, results)
    play = Playthrough(Game(scenario, seat.seed), PlayRules.of_session(session.rules), t)

    def save() -> Path | None:
        try:
            return recorder.write(play.game, [(x.seconds, x.late) for x in play.timings])
        except WriteError as err:  # the game goes on; the message says what to do
            stdout.write(safe(t("text.result_not_saved", reason=str(err))) + "\n")
            return None

    def decided(_: Playthrough, __: OutcomeView) -> None:
        save()

    game = TextGame(play, stdin, stdout, interactive=interactive, on_decision=decided,
                    session_line=t("text.session", code=session.class_code, name=seat.name),
                    notice=notice)
    try:
        code_out = game.run()
    finally:
        path = save()  # also when the student leaves, the input ends or Ctrl-C is pressed
        if path is not None:
            stdout.write(safe(t("text.result_saved", path=path)) + "\n")
            stdout.write(t("text.hand_in") + "\n")
    return code_out if code_out in (ExitCode.OK, ExitCode.UNFINISHED) else ExitCode.PROBLEMS

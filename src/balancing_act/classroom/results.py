"""Result records: what a student did in a session, written as the game goes.

A result holds the decisions (with the seconds each took), the ending, the final meters and the
rules the game was played under. Each game writes its own file, created under a name no other
game can take (the student's name, the time and a random part), then rewritten atomically
after every decision, so a crash loses nothing already decided and two students never share a
file. The report replays the decisions, so a result whose scores were edited is caught.
"""

from __future__ import annotations

import re
import secrets
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from balancing_act import __version__
from balancing_act.classroom.roster import sign
from balancing_act.classroom.seats import Seat
from balancing_act.classroom.session import Rules, Session, slug
from balancing_act.engine.game import MAX_SEED, Game
from balancing_act.errors import WriteError
from balancing_act.io import MB, create_new, json_text, write_text

RESULT_FORMAT = 2
RESULT_KIND = "balancing-act-result"
MAX_RESULT = MB
MAX_VOTES = 10_000
# the name `Recorder.write` gives a result: CLASSCODE-name-YYYYMMDD-HHMMSS-xxxxxx.json
FILE_NAME = re.compile(r"^[A-Za-z0-9]{1,12}-(?P<slug>.+?)-\d{8}-\d{6}-[0-9a-f]{6}"
                       r"(?: \(\d+\))?\.json$",
                       re.IGNORECASE)


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    turn: int = Field(ge=1, le=10_000)
    event: str = Field(max_length=64)
    option: str = Field(max_length=64)
    seconds: float = Field(ge=0, le=10_000_000, allow_inf_nan=False)
    late: bool = False
    votes: dict[Annotated[str, Field(max_length=64)], Annotated[int, Field(ge=0, le=MAX_VOTES)]
                ] | None = Field(None, max_length=4, description="Projector games: the class's "
                                                                 "votes per option.")


class ResultScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=64)
    sha256: str = Field(max_length=64)


class ResultFile(BaseModel):
    """The file a session game writes (format 2; format 1 files, without rules, still read)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1, 2] = 2
    kind: Literal["balancing-act-result"] = "balancing-act-result"
    app_version: str = Field("", max_length=40)
    class_code: str = Field(max_length=12)
    name: str = Field(max_length=120)
    student_id: str = Field("", max_length=64)
    projector: bool = False
    scenario: ResultScenario
    seed: int = Field(ge=0, le=MAX_SEED)
    rules: Rules | None = None
    finished: bool
    ending: str | None = Field(None, max_length=64)
    final_meters: dict[str, int]
    decisions: list[Decision] = Field(max_length=2000)
    started: str = Field("", max_length=40)
    saved: str = Field("", max_length=40)
    signature: str = Field("", max_length=128)


def name_in_file_name(file_name: str) -> str:
    """The student's name as a result's file name has it ('IR2024-ben-okafor-20261201-180328-
    dd4e4d.json' gives 'Ben Okafor'), for a file too damaged to read; "" for a name the game
    does not write."""
    found = FILE_NAME.match(unicodedata.normalize("NFC", file_name))
    if found is None or found["slug"] == "student":
        return ""
    return " ".join(word.capitalize() for word in found["slug"].split("-") if word)


@dataclass
class Recorder:
    """Writes one session game's result file, from the game itself: its history gives the
    decisions (so an undone decision is simply gone), the front end adds how long each took
    and, in a projector game, the class's votes."""

    session: Session
    name: str
    folder: Path
    projector: bool = False
    student_id: str = ""
    code: str = ""  # the student's personal code: it signs the result
    started: float = field(default_factory=time.time)
    path: Path | None = None

    @classmethod
    def for_seat(cls, session: Session, seat: Seat, folder: Path,
                 projector: bool = False) -> Recorder:
        return cls(session, seat.name, folder, projector=projector,
                   student_id=seat.student_id, code=seat.code)

    def record(self, game: Game, timings: Sequence[tuple[float, bool]],
               votes: Sequence[dict[str, int] | None] = ()) -> ResultFile:
        decisions = []
        for index, outcome in enumerate(game.history):
            seconds, late = timings[index] if index < len(timings) else (0.0, False)
            counted = votes[index] if self.projector and index < len(votes) else None
            if counted is not None:
                counted = {k: max(0, min(MAX_VOTES, int(v))) for k, v in counted.items()}
            decisions.append(Decision(turn=outcome.turn, event=outcome.event_id,
                                      option=outcome.option_id, seconds=seconds, late=late,
                                      votes=counted))
        return ResultFile(
            app_version=__version__, class_code=self.session.class_code, name=self.name,
            student_id=self.student_id, projector=self.projector,
            scenario=ResultScenario(id=game.scenario.id, sha256=game.scenario.sha256),
            seed=game.seed, rules=self.session.rules, finished=game.finished,
            ending=game.ending.id if game.ending else None, final_meters=game.meters,
            decisions=decisions,
            started=time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.started)),
            saved=time.strftime("%Y-%m-%dT%H:%M:%S"))

    def write(self, game: Game, timings: Sequence[tuple[float, bool]],
              votes: Sequence[dict[str, int] | None] = ()) -> Path:
        """Write the result (the first time under a new name of its own); returns its path.
        WriteError says why it could not be written; the last written copy stays."""
        data = self.record(game, timings, votes).model_dump(mode="json")
        if self.code:
            data["signature"] = sign(self.code, data)
        text = json_text(data)
        if self.path is not None:
            write_text(self.path, text)
            return self.path
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.started))
        base = f"{self.session.class_code}-{slug(self.name)}-{stamp}"
        for _ in range(20):
            candidate = self.folder / f"{base}-{secrets.token_hex(3)}.json"
            if create_new(candidate, text.encode("utf-8"), make_folder=True):
                self.path = candidate
                return candidate
        raise WriteError(f"{self.folder}: cannot find a free name for the result file")

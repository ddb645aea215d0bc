"""Result records: what a student did in a session, written when a game ends or is left.

A result holds the decisions (with the seconds each took), the ending and the final meters.
The report replays the decisions, so a result whose scores were edited is caught.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from balancing_act import __version__
from balancing_act.classroom.session import Session, slug
from balancing_act.engine.game import Game

RESULT_FORMAT = 1
RESULT_KIND = "balancing-act-result"


@dataclass
class Decision:
    turn: int
    event: str
    option: str
    seconds: float
    late: bool = False
    votes: dict[str, int] | None = None  # projector mode: the class's votes per option


@dataclass
class Recorder:
    """Collects one student's game in a session and writes its result."""

    session: Session
    name: str
    folder: Path
    decisions: list[Decision] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    _shown_at: float = field(default_factory=time.monotonic)

    def card_shown(self) -> None:
        self._shown_at = time.monotonic()

    def decided(self, turn: int, event: str, option: str,
                votes: dict[str, int] | None = None) -> None:
        seconds = round(time.monotonic() - self._shown_at, 2)
        limit = self.session.rules.time_limit_seconds
        self.decisions.append(Decision(turn, event, option, seconds,
                                       late=bool(limit and seconds > limit), votes=votes))
        self._shown_at = time.monotonic()

    def undo(self) -> None:
        if self.decisions:
            self.decisions.pop()

    def to_dict(self, game: Game) -> dict[str, Any]:
        return {
            "format": RESULT_FORMAT, "kind": RESULT_KIND, "app_version": __version__,
            "class_code": self.session.class_code, "name": self.name,
            "scenario": {"id": game.scenario.id, "sha256": game.scenario.sha256},
            "seed": game.seed, "finished": game.finished,
            "ending": game.ending.id if game.ending else None,
            "final_meters": game.meters,
            "decisions": [asdict(d) for d in self.decisions],
            "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(self.started)),
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }

    def write(self, game: Game) -> Path:
        """Write (or rewrite) the result file atomically; returns its path."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(self.started))
        path = self.folder / f"{self.session.class_code}-{slug(self.name)}-{stamp}.json"
        temporary = path.with_name(path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(self.to_dict(game), handle, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
        return path

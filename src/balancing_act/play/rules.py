"""The rules a game is played under: how much a card previews, whether a decision can be taken
back, how long a decision may take, when the real outcome is told, which debrief questions show.

A class session fixes them for everyone (its file says so); a game of one's own takes them from
the player's settings. Either way the play layer reads them from a `PlayRules`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Protocol

PreviewLevel = Literal["none", "dots", "numbers"]
PreviewChoice = Literal["scenario", "none", "dots", "numbers"]
Reveal = Literal["immediate", "debrief"]
DIFFICULTY_PREVIEW: dict[str, PreviewChoice] = {"standard": "scenario", "guided": "numbers",
                                                "hard": "none"}


class SessionRules(Protocol):
    """What a class session's rules provide (classroom.session.Rules has these fields)."""

    preview: PreviewChoice
    undo: bool
    time_limit_seconds: int | None
    questions: list[int] | None
    reveal: Reveal


@dataclass(frozen=True)
class PlayRules:
    preview: PreviewChoice = "scenario"  # "scenario": the level the scenario file sets
    undo: bool = False
    time_limit_seconds: int | None = None
    questions: tuple[int, ...] | None = None  # 1-based; None shows them all
    reveal: Reveal = "immediate"

    @classmethod
    def solo(cls, difficulty: str = "standard", reveal: Reveal = "immediate") -> PlayRules:
        """A game of one's own: the difficulty setting chooses the preview level."""
        return cls(preview=DIFFICULTY_PREVIEW.get(difficulty, "scenario"), reveal=reveal)

    @classmethod
    def of_session(cls, rules: SessionRules) -> PlayRules:
        return cls(preview=rules.preview, undo=rules.undo,
                   time_limit_seconds=rules.time_limit_seconds,
                   questions=tuple(rules.questions) if rules.questions else None,
                   reveal=rules.reveal)

    def level(self, scenario_level: PreviewLevel) -> PreviewLevel:
        return scenario_level if self.preview == "scenario" else self.preview

    def with_reveal(self, reveal: Reveal) -> PlayRules:
        return replace(self, reveal=reveal)

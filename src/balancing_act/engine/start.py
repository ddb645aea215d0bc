"""Where a designer's test game starts: "play from here" (Ren'Py's warp, Twine's "test from
here"). A `Start` names a card to open with, meter values and flags; it is part of the game
like its seed, so saving and replaying a test game gives the same game again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.state import BatchState
from balancing_act.errors import GameError
from balancing_act.scenario.intervals import Domain, Span
from balancing_act.scenario.problems import did_you_mean
from balancing_act.scenario.timing import card_timing


@dataclass(frozen=True)
class Start:
    """A game's starting point when it is not turn 1 of the scenario as written."""

    card: str | None = None  # the first card shown (its condition is not asked)
    turn: int | None = None  # default: the first turn the card can come up
    meters: Mapping[str, int] = field(default_factory=dict)
    flags: tuple[str, ...] = ()  # switched on
    cleared: tuple[str, ...] = ()  # switched off

    @property
    def plain(self) -> bool:
        return not (self.card or self.turn or self.meters or self.flags or self.cleared)

    def to_dict(self) -> dict[str, object]:
        return {"card": self.card, "turn": self.turn, "meters": dict(self.meters),
                "flags": list(self.flags), "cleared": list(self.cleared)}


def first_turn(compiled: CompiledScenario, card: str) -> int:
    """The earliest turn `card` can come up (at random or as a follow-up), else 1."""
    spec = compiled.scenario.file
    flags = {name: frozenset({True, False}) for name in compiled.scenario.flag_ids}
    domain = Domain(meters={m: Span(float(v.min), float(v.max)) for m, v in spec.meters.items()},
                    turn=Span(1.0, float(spec.turns)), flags=flags)
    turns = card_timing(spec, domain).shown(card)
    return min(turns) if turns else 1


def apply_start(compiled: CompiledScenario, state: BatchState, start: Start) -> None:
    """Put every game of a fresh batch at `start`, then show its card (or draw one); GameError
    says what does not fit the scenario."""
    scenario = compiled.scenario
    spec = scenario.file
    for meter, value in start.meters.items():
        if meter not in spec.meters:
            raise GameError(f"no meter '{meter}'{did_you_mean(meter, list(spec.meters))}")
        low, high = spec.meters[meter].min, spec.meters[meter].max
        if not low <= value <= high:
            raise GameError(f"{meter} goes from {low} to {high}, not {value}")
        state.meters[:, scenario.names.meters[meter]] = value
    for names, value in ((start.flags, True), (start.cleared, False)):
        for flag in names:
            if flag not in scenario.names.flags:
                raise GameError(f"no flag '{flag}'"
                                f"{did_you_mean(flag, list(scenario.names.flags))}")
            state.flags[:, scenario.names.flags[flag]] = value
    card = None
    if start.card is not None:
        if start.card not in scenario.names.events:
            raise GameError(f"no card '{start.card}'"
                            f"{did_you_mean(start.card, list(scenario.names.events))}")
        card = scenario.names.events[start.card]
    turn = start.turn if start.turn is not None else (
        first_turn(compiled, start.card) if start.card else 1)
    if not 1 <= turn <= spec.turns:
        raise GameError(f"the game has turns 1 to {spec.turns}, not {turn}")
    state.turn[:] = turn
    if card is None:
        rules.start(compiled, state)
        return
    state.event[:] = card
    state.seen[:, card] = True
    if compiled.dated:
        state.latest_date[:] = np.maximum(state.latest_date, compiled.event_date_start[card])

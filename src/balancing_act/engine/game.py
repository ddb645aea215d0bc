"""One playthrough: the interactive API that the window, the terminal and the classroom use.

`Game` is a batch of one over the same rules as the balance analyser. Each `choose` returns an
`Outcome` that explains every change: which meter moved, by how much, and which card and option,
chance result or delayed consequence caused it. A save is the seed and the choices; loading
replays them, so a save cannot hold a state the rules would not produce.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario, LaterEntry, compile_scenario
from balancing_act.engine.state import BatchState, new_state
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import Ending, Event

SAVE_FORMAT = 1
SAVE_KIND = "balancing-act-save"


class GameError(ValueError):
    """A choice or a save that the game cannot accept; the message is for the player."""


@dataclass(frozen=True)
class OptionView:
    """An option as a player sees it on the current card."""

    number: int  # 1-based, as on screen and in scripts
    id: str
    label: str
    available: bool
    effects: dict[str, int]  # the option's own effects (what a preview may reveal)
    uncertain: bool  # has chance results


@dataclass(frozen=True)
class Change:
    """One meter moved by one cause. `amount` is the nominal effect before clamping."""

    meter: str
    label: str
    amount: int
    cause: str


@dataclass(frozen=True)
class Scheduled:
    """A consequence the decision set in motion, due on a later turn."""

    due_turn: int
    event_id: str | None
    text: str


@dataclass(frozen=True)
class Landed:
    """A delayed consequence that arrived at the start of a turn."""

    turn: int
    text: str
    origin: str
    changes: tuple[Change, ...]
    flags_set: tuple[str, ...]
    flags_cleared: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What one decision did, and what followed before the next card."""

    turn: int
    event_id: str
    event_title: str
    option_id: str
    option_label: str
    text: str
    chance_index: int | None
    chance_p: float | None
    changes: tuple[Change, ...]
    meters_before: dict[str, int]
    meters_after: dict[str, int]
    flags_set: tuple[str, ...]
    flags_cleared: tuple[str, ...]
    scheduled: tuple[Scheduled, ...]
    landed: tuple[Landed, ...]
    ending_id: str | None
    next_event_id: str | None

    @property
    def ended(self) -> bool:
        return self.ending_id is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Game:
    """One game of `scenario` from `seed`. Deterministic: the same seed and choices give the
    same game."""

    def __init__(self, scenario: Scenario, seed: int = 0, *,
                 compiled: CompiledScenario | None = None) -> None:
        self.scenario = scenario
        self.seed = int(seed)
        self._c = compiled if compiled is not None else compile_scenario(scenario)
        self._s: BatchState = new_state(self._c, [self.seed])
        self._history: list[Outcome] = []
        self._choices: list[str] = []
        rules.start(self._c, self._s)
        self._meter_track: list[dict[str, int]] = [self.meters]

    # -- what the player sees ---------------------------------------------------------------

    @property
    def turn(self) -> int:
        """The current turn (1-based); after the end, the number of decisions made."""
        if self.finished:
            return int(self._s.decisions[0])
        return int(self._s.turn[0])

    @property
    def turns(self) -> int:
        return self._c.turns

    @property
    def meters(self) -> dict[str, int]:
        return {m: round(float(v)) for m, v in zip(self.scenario.meter_ids, self._s.meters[0],
                                                 strict=True)}

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(f for f, on in zip(self.scenario.flag_ids, self._s.flags[0],
                                            strict=True) if on)

    @property
    def pending(self) -> list[Scheduled]:
        """Consequences scheduled and not yet arrived (the designer overlay shows them)."""
        result = []
        for index, entry in enumerate(self._c.later_entries):
            for due in (int(self._s.effect_due[0, index]), int(self._s.event_due[0, index])):
                if due:
                    result.append(self._scheduled(entry, due))
        return sorted(result, key=lambda s: s.due_turn)

    @property
    def finished(self) -> bool:
        return bool(self._s.finished[0])

    @property
    def event(self) -> Event | None:
        column = int(self._s.event[0])
        return None if column < 0 else self.scenario.file.events[column]

    @property
    def options(self) -> list[OptionView]:
        event = self.event
        if event is None:
            return []
        available = rules.available_options(self._c, self._s)[0]
        return [OptionView(k + 1, o.id, o.label, bool(available[k]), dict(o.effects),
                           bool(o.chance)) for k, o in enumerate(event.options)]

    @property
    def ending(self) -> Ending | None:
        number = int(self._s.ending[0])
        return None if number < 0 else self.scenario.file.endings[number]

    @property
    def history(self) -> list[Outcome]:
        return list(self._history)

    @property
    def choices(self) -> list[str]:
        return list(self._choices)

    @property
    def meter_track(self) -> list[dict[str, int]]:
        """Meters at the start, then after each decision (and what landed before the next)."""
        return list(self._meter_track)

    # -- playing -----------------------------------------------------------------------------

    def choose(self, option: str | int) -> Outcome:
        """Play an option of the current card, by id or by its 1-based number."""
        event = self.event
        if event is None or self.finished:
            raise GameError("the game has ended; there is no card to answer")
        views = self.options
        view = next((v for v in views if option in (v.id, v.number)), None)
        if view is None:
            known = ", ".join(f"{v.number} ({v.id})" for v in views)
            raise GameError(f"'{option}' is not an option of this card; choose {known}")
        if not view.available:
            raise GameError(f"option '{view.id}' is not available now")

        before = self.meters
        flags_before = self.flags
        turn = self.turn
        rules.resolve(self._c, self._s, np.array([view.number - 1]))
        outcome = self._explain(event, view, turn, before, flags_before)
        self._history.append(outcome)
        self._choices.append(view.id)
        self._meter_track.append(self.meters)
        return outcome

    def _explain(self, event: Event, view: OptionView, turn: int, before: dict[str, int],
                 flags_before: frozenset[str]) -> Outcome:
        c, s = self._c, self._s
        option = event.options[view.number - 1]
        cause = f"'{event.title}': {option.label}"
        changes = [self._change(m, a, cause) for m, a in option.effects.items()]
        outcome_number = int(s.last_outcome[0])
        text_parts = [option.outcome] if option.outcome else []
        chance_index = chance_p = None
        flags_set, flags_cleared = set(option.set), set(option.clear)
        if outcome_number < c.null_outcome:
            _, chance_index, drawn = c.outcomes[outcome_number]
            chance_p = drawn.p
            chance_cause = f"{cause} (chance result, {drawn.p:.0%} likely)"
            changes += [self._change(m, a, chance_cause) for m, a in drawn.effects.items()]
            if drawn.outcome:
                text_parts.append(drawn.outcome)
            flags_set |= set(drawn.set)
            flags_cleared |= set(drawn.clear)
        scheduled = tuple(self._scheduled(c.later_entries[i], turn + c.later_entries[i].later.after)
                          for i in np.nonzero(s.scheduled[0])[0])
        meters_after = self._meters_after_choice(before, changes)
        ending = self.ending
        return Outcome(
            turn=turn, event_id=event.id, event_title=event.title, option_id=option.id,
            option_label=option.label, text="\n\n".join(text_parts), chance_index=chance_index,
            chance_p=chance_p, changes=tuple(changes), meters_before=before,
            meters_after=meters_after, flags_set=tuple(sorted(flags_set - flags_before)),
            flags_cleared=tuple(sorted(flags_cleared & flags_before)), scheduled=scheduled,
            landed=self._landed(turn + 1), ending_id=ending.id if ending else None,
            next_event_id=self.event.id if self.event else None,
        )

    def _meters_after_choice(self, before: dict[str, int],
                             changes: list[Change]) -> dict[str, int]:
        """Meters right after the decision, before any consequence landed for the next turn."""
        spec = self.scenario.file.meters
        after = dict(before)
        totals: dict[str, int] = {}
        for change in changes:
            totals[change.meter] = totals.get(change.meter, 0) + change.amount
        for meter, amount in totals.items():
            after[meter] = max(spec[meter].min, min(spec[meter].max, after[meter] + amount))
        return after

    def _change(self, meter: str, amount: int, cause: str) -> Change:
        return Change(meter, self.scenario.file.meters[meter].label, amount, cause)

    def _scheduled(self, entry: LaterEntry, due: int) -> Scheduled:
        later = entry.later
        if later.event:
            text = later.text or self.scenario.event(later.event).title
        else:
            text = later.text or "A delayed consequence"
        return Scheduled(due, later.event, text)

    def _landed(self, turn: int) -> tuple[Landed, ...]:
        result = []
        for index in np.nonzero(self._s.landed[0])[0]:
            entry = self._c.later_entries[index]
            origin_event = self.scenario.event(entry.event_id)
            option = next(o for o in origin_event.options if o.id == entry.option_id)
            origin = f"'{origin_event.title}': {option.label}"
            cause = f"delayed consequence of {origin}"
            result.append(Landed(
                turn=turn,
                text=entry.later.text, origin=origin,
                changes=tuple(self._change(m, a, cause) for m, a in entry.later.effects.items()),
                flags_set=tuple(entry.later.set), flags_cleared=tuple(entry.later.clear)))
        return tuple(result)

    # -- saves -------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """A save: the seed and the choices, plus a summary that loading verifies."""
        return {
            "format": SAVE_FORMAT,
            "kind": SAVE_KIND,
            "scenario": self.scenario.id,
            "scenario_sha256": self.scenario.sha256,
            "seed": self.seed,
            "choices": self.choices,
            "turn": self.turn,
            "meters": self.meters,
            "ending": self.ending.id if self.ending else None,
        }

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, choices: list[str], *,
               compiled: CompiledScenario | None = None) -> Game:
        """The game that `choices` (option ids) make from `seed`; GameError names the first
        choice that does not fit (used by saves, class reports and reloading in place)."""
        game = cls(scenario, seed, compiled=compiled)
        for number, choice in enumerate(choices, start=1):
            try:
                game.choose(choice)
            except GameError as err:
                raise GameError(f"choice {number}: {err}") from None
        return game

    @classmethod
    def from_dict(cls, scenario: Scenario, data: Any) -> Game:
        """Rebuild a game by replaying a save; GameError says plainly why a save is refused."""
        if not isinstance(data, dict) or data.get("kind") != SAVE_KIND:
            raise GameError("this is not a Balancing Act save")
        if data.get("format") != SAVE_FORMAT:
            raise GameError(f"this save has format {data.get('format')!r}; this version of the "
                            f"game reads format {SAVE_FORMAT}")
        if data.get("scenario") != scenario.id:
            raise GameError(f"this save is for scenario '{data.get('scenario')}', "
                            f"not '{scenario.id}'")
        if data.get("scenario_sha256") != scenario.sha256:
            raise GameError(f"this save was made with a different version of scenario "
                            f"'{scenario.id}'")
        seed, choices = data.get("seed"), data.get("choices")
        if not isinstance(seed, int) or isinstance(seed, bool) or not isinstance(choices, list) \
                or not all(isinstance(c, str) for c in choices):
            raise GameError("this save is damaged (seed or choices are missing)")
        try:
            game = cls.replay(scenario, seed, choices)
        except GameError as err:
            raise GameError(f"this save is damaged ({err})") from None
        if data.get("meters") is not None and data.get("meters") != game.meters:
            raise GameError("this save is damaged (its meters do not match its choices)")
        return game

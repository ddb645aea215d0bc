"""One playthrough: the interactive API that the play layer (and so every front end) uses.

`Game` is a batch of one over the same rules as the balance analyser. Each `choose` takes the
decision through `take_step`, which returns a record of what changed, and `Game` turns that
record into an `Outcome`: which meter moved, by how much, and which card and option, chance
result or delayed consequence caused it. A game is fully described by its seed and its choices;
`replay` rebuilds it, so a save or a result cannot hold a state the rules would not produce.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario, LaterEntry, compile_scenario
from balancing_act.engine.start import Start, apply_start
from balancing_act.engine.state import BatchState, new_state
from balancing_act.engine.step import StepRecord, take_step
from balancing_act.errors import GameError
from balancing_act.scenario.conditions import Condition
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import Ending, Event

MAX_SEED = 2**63 - 1


@dataclass(frozen=True)
class OptionView:
    """An option as it stands on the current card."""

    number: int  # 1-based, as on screen and in scripts
    id: str
    label: str
    available: bool
    effects: dict[str, int]  # the option's own effects (what a preview may reveal)
    uncertain: bool  # has chance results


@dataclass(frozen=True)
class Change:
    """One meter moved by one cause. `amount` is the effect as written, before clamping."""

    meter: str
    label: str
    amount: int
    cause: str
    chance: bool = False  # from the drawn chance result, not the option itself
    set_to: int | None = None  # a `set` gave the meter this value (amount: the move to it)


@dataclass(frozen=True)
class Scheduled:
    """A consequence the decision set in motion, due on a later turn."""

    due_turn: int
    event_id: str | None
    text: str
    path: tuple[str | int, ...] = ()  # of the `later` entry, whose text may adapt


@dataclass(frozen=True)
class Landed:
    """A delayed consequence that arrived at the start of a turn."""

    turn: int
    text: str
    origin: str
    origin_event: str
    origin_option: str
    changes: tuple[Change, ...]
    flags_set: tuple[str, ...]
    flags_cleared: tuple[str, ...]
    path: tuple[str | int, ...] = ()  # of the `later` entry, whose text may adapt


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
    meters_after: dict[str, int]  # right after the decision (each meter clamped to its range)
    meters_next: dict[str, int]  # at the start of the next turn, after what landed
    flags_set: tuple[str, ...]  # flags the decision really switched on
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
                 compiled: CompiledScenario | None = None, start: Start | None = None) -> None:
        seed = int(seed)
        if not 0 <= seed <= MAX_SEED:
            raise GameError(f"a seed is a whole number from 0 to {MAX_SEED}, not {seed}")
        self.scenario = scenario
        self.seed = seed
        self._c = compiled if compiled is not None else compile_scenario(scenario)
        self._s: BatchState = new_state(self._c, [self.seed])
        self._history: list[Outcome] = []
        self._choices: list[str] = []
        self.start = start if start is not None and not start.plain else None
        if self.start is None:
            rules.start(self._c, self._s)
        else:
            apply_start(self._c, self._s, self.start)
        self._meter_track: list[dict[str, int]] = [self.meters]

    # -- what the player sees ---------------------------------------------------------------

    @property
    def compiled(self) -> CompiledScenario:
        return self._c

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
        return self._meters(self._s.meters[0])

    def _meters(self, row: np.ndarray) -> dict[str, int]:
        return {m: round(float(v)) for m, v in zip(self.scenario.meter_ids, row, strict=True)}

    @property
    def flags(self) -> frozenset[str]:
        return frozenset(f for f, on in zip(self.scenario.flag_ids, self._s.flags[0],
                                            strict=True) if on)

    @property
    def pending(self) -> list[Scheduled]:
        """Consequences scheduled and not yet arrived, soonest first."""
        result = []
        for index, entry in enumerate(self._c.later_entries):
            effect_due, event_due = int(self._s.effect_due[0, index]), int(
                self._s.event_due[0, index])
            for due in sorted({effect_due, event_due} - {0}):
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
        """Meters at the start, then at the start of each following turn (after each decision
        and what landed before the next card)."""
        return list(self._meter_track)

    @property
    def seen(self) -> frozenset[str]:
        return frozenset(e.id for e, on in zip(self.scenario.file.events, self._s.seen[0],
                                               strict=True) if on)

    def holds(self, condition: Condition, meters: dict[str, int] | None = None,
              turn: int | None = None) -> bool:
        """Whether `condition` holds now (or with these meter values and turn): what a text
        that adapts to the game asks."""
        state = SimpleNamespace(
            meters=self._s.meters if meters is None else np.array(
                [[meters[m] for m in self.scenario.meter_ids]], dtype=np.float64),
            flags=self._s.flags, seen=self._s.seen,
            turn=self._s.turn if turn is None else np.array([turn], dtype=np.int64))
        return bool(condition.evaluate(state)[0])

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
        record = take_step(self._c, self._s, np.array([view.number - 1]))
        outcome = self._explain(event, record)
        self._history.append(outcome)
        self._choices.append(view.id)
        self._meter_track.append(self.meters)
        return outcome

    def _explain(self, event: Event, record: StepRecord) -> Outcome:
        """The outcome of row 0 of a step, read from the record."""
        c = self._c
        _, option = c.options[int(record.option[0])]
        cause = f"'{event.title}': {option.label}"
        changes = [self._change(m, a, cause) for m, a in option.effects.items()]
        running = self._meters(record.meters_before[0])
        changes += self._assignments(option.effects, option.meter_values, running, cause)
        text_parts = [option.outcome] if option.outcome else []
        chance_index: int | None = None
        chance_p: float | None = None
        outcome_number = int(record.outcome[0])
        if outcome_number < c.null_outcome:
            _, chance_index, drawn = c.outcomes[outcome_number]
            chance_p = drawn.p
            chance_cause = f"{cause} (chance result, {drawn.p:.0%} likely)"
            changes += [self._change(m, a, chance_cause, chance=True)
                        for m, a in drawn.effects.items()]
            changes += self._assignments(drawn.effects, drawn.meter_values, running,
                                         chance_cause, chance=True)
            if drawn.outcome:
                text_parts.append(drawn.outcome)
        flag_ids = self.scenario.flag_ids
        before, decided = record.flags_before[0], record.flags_decided[0]
        turn = int(record.turn[0])
        scheduled = tuple(self._scheduled(c.later_entries[i], int(record.scheduled_due[0, i]))
                          for i in np.nonzero(record.scheduled[0])[0])
        ending = self.ending
        return Outcome(
            turn=turn, event_id=event.id, event_title=event.title, option_id=option.id,
            option_label=option.label, text="\n\n".join(text_parts), chance_index=chance_index,
            chance_p=chance_p, changes=tuple(changes),
            meters_before=self._meters(record.meters_before[0]),
            meters_after=self._meters(record.meters_decided[0]),
            meters_next=self._meters(record.meters_after[0]),
            flags_set=tuple(sorted(f for f, was, now in zip(flag_ids, before, decided,
                                                            strict=True) if now and not was)),
            flags_cleared=tuple(sorted(f for f, was, now in zip(flag_ids, before, decided,
                                                                strict=True)
                                       if was and not now)),
            scheduled=scheduled, landed=self._landed(record, turn + 1),
            ending_id=ending.id if ending else None,
            next_event_id=self.event.id if self.event else None,
        )

    def _assignments(self, effects: dict[str, int], values: dict[str, int],
                     running: dict[str, int], cause: str, *,
                     chance: bool = False) -> list[Change]:
        """`set: [{meter: value}]` as changes: from where the effects before it left the meter
        to the value (`running` is kept up to date)."""
        for meter, amount in effects.items():
            running[meter] += amount
        changes = []
        for meter, value in values.items():
            if value != running[meter]:
                changes.append(self._change(meter, value - running[meter],
                                            f"{cause} (set to {value})", chance=chance,
                                            set_to=value))
            running[meter] = value
        return changes

    def _change(self, meter: str, amount: int, cause: str, *, chance: bool = False,
                set_to: int | None = None) -> Change:
        return Change(meter, self.scenario.file.meters[meter].label, amount, cause, chance,
                      set_to)

    def _scheduled(self, entry: LaterEntry, due: int) -> Scheduled:
        later = entry.later
        if later.event:
            text = later.text or self.scenario.event(later.event).title
        else:
            text = later.text or ""
        return Scheduled(due, later.event, text, entry.path if later.text else ())

    def _landed(self, record: StepRecord, turn: int) -> tuple[Landed, ...]:
        result = []
        flag_ids = self.scenario.flag_ids
        decided, after = record.flags_decided[0], record.flags_after[0]
        for index in np.nonzero(record.landed[0])[0]:
            entry = self._c.later_entries[index]
            origin_event = self.scenario.event(entry.event_id)
            option = next(o for o in origin_event.options if o.id == entry.option_id)
            origin = f"'{origin_event.title}': {option.label}"
            cause = f"delayed consequence of {origin}"
            changes = [self._change(m, a, cause) for m, a in entry.later.effects.items()]
            changes += self._assignments(entry.later.effects, entry.later.meter_values,
                                         self._meters(record.meters_decided[0]), cause)
            result.append(Landed(
                turn=turn, text=entry.later.text, origin=origin, origin_event=entry.event_id,
                origin_option=entry.option_id,
                changes=tuple(changes),
                flags_set=tuple(f for f in entry.later.flags_on
                                if after[flag_ids.index(f)] and not decided[flag_ids.index(f)]),
                flags_cleared=tuple(f for f in entry.later.clear
                                    if decided[flag_ids.index(f)]
                                    and not after[flag_ids.index(f)]),
                path=entry.path))
        return tuple(result)

    # -- rebuilding ---------------------------------------------------------------------------

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, choices: list[str], *,
               compiled: CompiledScenario | None = None, start: Start | None = None) -> Game:
        """The game that `choices` (option ids) make from `seed` (and a test game's start);
        GameError names the first choice that does not fit (used by saves, class reports and
        reloading in place)."""
        game = cls(scenario, seed, compiled=compiled, start=start)
        for number, choice in enumerate(choices, start=1):
            try:
                game.choose(choice)
            except GameError as err:
                raise GameError(f"choice {number}: {err}") from None
        return game

    def undone(self) -> Game:
        """The same game with its last decision taken back."""
        return Game.replay(self.scenario, self.seed, self._choices[:-1], compiled=self._c,
                           start=self.start)

"""A scenario turned into arrays: the form the batch rules work on.

Options, chance outcomes and `later` entries get global numbers so that effects, flag changes
and schedules become row look-ups in matrices. Each table has one extra all-zero row at the end
(the "null" option or outcome), which games that are finished or have no chance result use, so
the rules never need a branch per game.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from balancing_act.scenario.conditions import Evaluator
from balancing_act.scenario.intervals import Domain, Span, possible_values
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import ChanceOutcome, Later, Option

MAX_OPTIONS = 4


@dataclass(frozen=True)
class LaterEntry:
    """Where a `later` entry comes from, so a landed consequence can say why it happened."""

    event_id: str
    option_id: str
    chance_index: int | None
    later: Later
    path: tuple[str | int, ...] = ()  # where it is in the file (its text may adapt)


@dataclass(frozen=True)
class CompiledScenario:
    scenario: Scenario
    turns: int
    meter_start: np.ndarray  # (M,) float
    meter_min: np.ndarray  # (M,)
    meter_max: np.ndarray  # (M,)
    flag_start: np.ndarray  # (F,) bool
    event_weight: np.ndarray  # (E,) float
    event_once: np.ndarray  # (E,) bool
    event_when: tuple[Evaluator | None, ...]  # (E,)
    conditioned_events: np.ndarray  # (Ec,) columns of the events that have a `when`
    event_condition_slot: np.ndarray  # (E,) index into conditioned_events, -1 if none
    event_alias_keep: np.ndarray  # (E,) Vose alias table over the weights, so one uniform
    event_alias_other: np.ndarray  # (E,) number draws a card in proportion to its weight
    # Per turn (index 1..turns): the cards that can be drawn at random then (weight > 0, and a
    # condition that interval analysis says can hold on that turn), in file order.
    draw_columns: tuple[np.ndarray, ...]
    # (turns + 2, E) bool: the same as a table (card in turn t's draw columns); the rows for
    # turn 0 and turns + 1 are all true, so a turn outside the game asks every card
    draw_possible: np.ndarray
    event_date_start: np.ndarray  # (E,) int: first day a card's date covers (0: undated)
    event_date_end: np.ndarray  # (E,) int: last day it covers (the largest int: undated)
    event_options: np.ndarray  # (E, 4) int: global option number, -1 where absent
    # (E,) uint32 whose four bytes (in memory order) say which of the card's slots exist: a
    # game's (4,) bool row of available slots is the same memory
    event_slot_bytes: np.ndarray
    event_has_option_conditions: np.ndarray  # (E,) bool: some option has a `when`
    option_event: np.ndarray  # (O+1,) int; the null option belongs to no event (-1)
    option_when: tuple[Evaluator | None, ...]  # (O,)
    option_effects: np.ndarray  # (O+1, M) float
    option_effects_by_meter: np.ndarray  # (M, O+1): the same, a row per meter
    assigns: bool  # some option, chance result or consequence sets a meter to a value
    option_assign: np.ndarray  # (O+1, M) float: the value `set` gives a meter, NaN for none
    outcome_assign: np.ndarray  # (C+1, M)
    later_assign: np.ndarray  # (L, M)
    option_set: np.ndarray  # (O+1, F) bool
    option_clear: np.ndarray  # (O+1, F) bool
    option_later: np.ndarray  # (O+1, L) bool
    option_has_chance: np.ndarray  # (O+1,) bool
    option_has_later: np.ndarray  # (O+1,) bool
    option_later_list: np.ndarray  # (O+1, k) the `later` entries an option sends, -1 padded
    option_touches_flags: np.ndarray  # (O+1,) bool
    option_outcomes: np.ndarray  # (O+1, C_max) int: global outcome number, the null row pads
    option_cum_p: np.ndarray  # (O+1, C_max) float: cumulative p, 2.0 pads
    outcome_effects: np.ndarray  # (C+1, M)
    outcome_set: np.ndarray  # (C+1, F)
    outcome_clear: np.ndarray  # (C+1, F)
    outcome_later: np.ndarray  # (C+1, L)
    outcome_has_later: np.ndarray  # (C+1,) bool
    outcome_later_list: np.ndarray  # (C+1, k) the entries a chance outcome sends
    outcome_touches_flags: np.ndarray  # (C+1,) bool
    later_after: np.ndarray  # (L,) int
    later_event: np.ndarray  # (L,) int: event column, -1 for none
    later_sending: np.ndarray  # the entries whose later_event is a card, in file order
    later_lands: np.ndarray  # (L,) bool: has effects or flag changes
    later_effects: np.ndarray  # (L, M)
    later_effects32: np.ndarray  # (L, M) float32, for the sum of what lands in a turn
    later_set: np.ndarray  # (L, F)
    later_clear: np.ndarray  # (L, F)
    later_touches_flags: np.ndarray  # (L,) bool
    later_entries: tuple[LaterEntry, ...]
    options: tuple[tuple[int, Option], ...]  # global option number -> (event column, option)
    outcomes: tuple[tuple[int, int, ChanceOutcome], ...]  # outcome -> (option, index, outcome)
    immediate_endings: tuple[tuple[int, Evaluator], ...]
    final_endings: tuple[tuple[int, Evaluator], ...]
    fallback_ending: int

    @property
    def dated(self) -> bool:
        return bool((self.event_date_start > 0).any())

    @property
    def null_option(self) -> int:
        return len(self.options)

    @property
    def null_outcome(self) -> int:
        return len(self.outcomes)


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Build the arrays once per scenario; every game of it then shares them."""
    spec = scenario.file
    meters = list(spec.meters.values())
    meter_col = scenario.names.meters
    flag_col = scenario.names.flags
    n_m, n_f, n_e = len(meters), len(flag_col), len(spec.events)

    options: list[tuple[int, Option]] = []
    outcomes: list[tuple[int, int, ChanceOutcome]] = []
    later_entries: list[LaterEntry] = []
    later_owner: list[tuple[str, int]] = []  # ("option" | "outcome", number)
    event_options = np.full((n_e, MAX_OPTIONS), -1, dtype=np.int64)
    option_when: list[Evaluator | None] = []
    for e, event in enumerate(spec.events):
        for k, option in enumerate(event.options):
            number = len(options)
            event_options[e, k] = number
            options.append((e, option))
            condition = scenario.option_when[e][k]
            option_when.append(condition.evaluate if condition else None)
            for i, later in enumerate(option.later):
                later_owner.append(("option", number))
                later_entries.append(LaterEntry(event.id, option.id, None, later,
                                                ("events", e, "options", k, "later", i)))
            for j, outcome in enumerate(option.chance):
                outcome_number = len(outcomes)
                outcomes.append((number, j, outcome))
                for i, later in enumerate(outcome.later):
                    later_owner.append(("outcome", outcome_number))
                    later_entries.append(LaterEntry(
                        event.id, option.id, j, later,
                        ("events", e, "options", k, "chance", j, "later", i)))

    n_o, n_c, n_l = len(options), len(outcomes), len(later_entries)
    c_max = max([len(option.chance) for _, option in options] + [1])

    def effect_rows(holders: Sequence[Option | ChanceOutcome | Later], rows: int) -> np.ndarray:
        table = np.zeros((rows, n_m))
        for r, holder in enumerate(holders):
            for meter, amount in holder.effects.items():
                table[r, meter_col[meter]] = amount
        return table

    def assign_rows(holders: Sequence[Option | ChanceOutcome | Later], rows: int) -> np.ndarray:
        table = np.full((rows, n_m), np.nan)
        for r, holder in enumerate(holders):
            for meter, value in holder.meter_values.items():
                table[r, meter_col[meter]] = value
        return table

    def flag_rows(holders: Sequence[Option | ChanceOutcome | Later], rows: int,
                  attr: str) -> np.ndarray:
        table = np.zeros((rows, n_f), dtype=bool)
        for r, holder in enumerate(holders):
            for flag in getattr(holder, attr if attr != "set" else "flags_on"):
                table[r, flag_col[flag]] = True
        return table

    option_models = [o for _, o in options]
    outcome_models = [o for _, _, o in outcomes]
    later_models = [entry.later for entry in later_entries]

    option_later = np.zeros((n_o + 1, n_l), dtype=bool)
    outcome_later = np.zeros((n_c + 1, n_l), dtype=bool)
    for l_index, (kind, number) in enumerate(later_owner):
        (option_later if kind == "option" else outcome_later)[number, l_index] = True

    option_outcomes = np.full((n_o + 1, c_max), n_c, dtype=np.int64)
    option_cum_p = np.full((n_o + 1, c_max), 2.0)
    for outcome_number, (option_number, j, _) in enumerate(outcomes):
        option_outcomes[option_number, j] = outcome_number
    for number, option in enumerate(option_models):
        if option.chance:
            cum = np.cumsum([o.p for o in option.chance])
            cum[-1] = 1.0  # probabilities were checked to add up to 1; remove rounding error
            option_cum_p[number, : len(cum)] = cum

    endings = spec.endings
    immediate = tuple((i, when.evaluate) for i, (e, when) in enumerate(
        zip(endings, scenario.ending_when, strict=True))
        if not e.final and not e.fallback and when is not None)
    final = tuple((i, when.evaluate) for i, (e, when) in enumerate(
        zip(endings, scenario.ending_when, strict=True)) if e.final and when is not None)
    fallback = next(i for i, e in enumerate(endings) if e.fallback)

    flag_start = np.zeros(n_f, dtype=bool)
    for name, declaration in spec.flags.items():
        flag_start[flag_col[name]] = declaration.start

    option_effects = effect_rows(option_models, n_o + 1)
    option_set = flag_rows(option_models, n_o + 1, "set")
    option_clear = flag_rows(option_models, n_o + 1, "clear")
    outcome_set = flag_rows(outcome_models, n_c + 1, "set")
    outcome_clear = flag_rows(outcome_models, n_c + 1, "clear")
    weights = np.array([e.weight for e in spec.events], dtype=float)
    draw_columns = _draw_columns(scenario, weights)
    later_event = np.array([scenario.names.events[lt.event] if lt.event else -1
                            for lt in later_models], dtype=np.int64)
    alias_keep, alias_other = alias_table(weights)
    conditioned = np.array([i for i, c in enumerate(scenario.event_when) if c], dtype=np.int64)
    condition_slot = np.full(n_e, -1, dtype=np.int64)
    condition_slot[conditioned] = np.arange(conditioned.size)

    return CompiledScenario(
        scenario=scenario,
        turns=spec.turns,
        meter_start=np.array([m.start for m in meters], dtype=float),
        meter_min=np.array([m.min for m in meters], dtype=float),
        meter_max=np.array([m.max for m in meters], dtype=float),
        flag_start=flag_start,
        event_weight=weights,
        conditioned_events=conditioned,
        event_condition_slot=condition_slot,
        event_alias_keep=alias_keep,
        event_alias_other=alias_other,
        draw_columns=draw_columns,
        draw_possible=_possible(draw_columns, n_e),
        event_once=np.array([e.once for e in spec.events], dtype=bool),
        event_when=tuple(c.evaluate if c else None for c in scenario.event_when),
        event_date_start=np.array([date_span(e.date)[0] for e in spec.events], dtype=np.int64),
        event_date_end=np.array([date_span(e.date)[1] for e in spec.events], dtype=np.int64),
        event_options=event_options,
        event_slot_bytes=np.ascontiguousarray(event_options >= 0).view(np.uint32).reshape(-1),
        event_has_option_conditions=np.array(
            [any(o.when is not None for o in e.options) for e in spec.events], dtype=bool),
        option_event=np.array([e for e, _ in options] + [-1], dtype=np.int64),
        option_when=tuple(option_when),
        option_effects=option_effects,
        option_effects_by_meter=np.ascontiguousarray(option_effects.T),
        assigns=any(h.meter_values for h in (*option_models, *outcome_models, *later_models)),
        option_assign=assign_rows(option_models, n_o + 1),
        outcome_assign=assign_rows(outcome_models, n_c + 1),
        later_assign=assign_rows(later_models, n_l),
        option_set=option_set,
        option_clear=option_clear,
        option_later=option_later,
        option_has_chance=np.array([bool(o.chance) for o in option_models] + [False]),
        option_has_later=np.asarray(option_later.any(axis=1), dtype=bool),
        option_later_list=_entry_lists(option_later),
        option_touches_flags=(option_set | option_clear).any(axis=1),
        option_outcomes=option_outcomes,
        option_cum_p=option_cum_p,
        outcome_effects=effect_rows(outcome_models, n_c + 1),
        outcome_set=outcome_set,
        outcome_clear=outcome_clear,
        outcome_later=outcome_later,
        outcome_has_later=np.asarray(outcome_later.any(axis=1), dtype=bool),
        outcome_later_list=_entry_lists(outcome_later),
        outcome_touches_flags=(outcome_set | outcome_clear).any(axis=1),
        later_after=np.array([lt.after for lt in later_models], dtype=np.int64),
        later_event=later_event,
        later_sending=np.nonzero(later_event >= 0)[0],
        later_lands=np.array([bool(lt.effects or lt.set or lt.clear) for lt in later_models],
                             dtype=bool),
        later_effects=effect_rows(later_models, n_l),
        later_effects32=effect_rows(later_models, n_l).astype(np.float32),
        later_set=flag_rows(later_models, n_l, "set"),
        later_clear=flag_rows(later_models, n_l, "clear"),
        later_touches_flags=np.array([bool(lt.set or lt.clear) for lt in later_models],
                                     dtype=bool),
        later_entries=tuple(later_entries),
        options=tuple(options),
        outcomes=tuple(outcomes),
        immediate_endings=immediate,
        final_endings=final,
        fallback_ending=fallback,
    )


UNDATED_END = np.iinfo(np.int64).max


def date_span(date: str | None) -> tuple[int, int]:
    """The days a card's date covers, as YYYYMMDD numbers: '2019' is 20190101 to 20191231,
    '2019-05' is 20190501 to 20190531 (months are taken as 31 days: only order matters)."""
    if date is None:
        return 0, int(UNDATED_END)
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts + [0] * (3 - len(parts))
    start = year * 10_000 + (month or 1) * 100 + (day or 1)
    end = year * 10_000 + (month or 12) * 100 + (day or 31)
    return start, end


def _draw_columns(scenario: Scenario, weights: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each turn, the cards that can be drawn at random then, in file order: a superset of
    the cards eligible in any game on that turn, so a draw that looks only at them gives the
    very card a draw over all cards would, at a fraction of the cost when windows are narrow
    (a card for turns 3-5 among 70)."""
    spec = scenario.file
    flags = {name: frozenset({True, False}) for name in scenario.flag_ids}
    meters = {m: Span(float(v.min), float(v.max)) for m, v in spec.meters.items()}
    texts = [e.when for e in spec.events]
    columns = [np.zeros(0, dtype=np.int64)]
    for turn in range(1, spec.turns + 1):
        domain = Domain(meters=meters, turn=Span(float(turn), float(turn)), flags=flags)
        columns.append(np.array(
            [e for e, (w, when) in enumerate(zip(weights, texts, strict=True))
             if w > 0 and (when is None or True in possible_values(when, domain))],
            dtype=np.int64))
    return tuple(columns)


def _possible(draw_columns: tuple[np.ndarray, ...], events: int) -> np.ndarray:
    table = np.ones((len(draw_columns) + 1, events), dtype=bool)
    for turn in range(1, len(draw_columns)):
        table[turn] = False
        table[turn, draw_columns[turn]] = True
    return table


def alias_table(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vose's alias method: column i is kept with probability keep[i], else `other[i]` is
    taken, which draws each index in proportion to `weights` (all zero: an empty table)."""
    n = weights.size
    keep = np.ones(n)
    other = np.arange(n)
    total = weights.sum()
    if total <= 0:
        return np.zeros(n), other
    scaled = weights * n / total
    small = [i for i in range(n) if scaled[i] < 1.0]
    large = [i for i in range(n) if scaled[i] >= 1.0]
    while small and large:
        low, high = small.pop(), large.pop()
        keep[low], other[low] = scaled[low], high
        scaled[high] -= 1.0 - scaled[low]
        (small if scaled[high] < 1.0 else large).append(high)
    return keep, other


def _entry_lists(matrix: np.ndarray) -> np.ndarray:
    """Rows of a bool matrix as padded lists of their True columns (-1 pads)."""
    width = max(int(matrix.sum(axis=1).max(initial=0)), 1)
    lists = np.full((matrix.shape[0], width), -1, dtype=np.int64)
    for row, columns in enumerate(matrix):
        found = np.nonzero(columns)[0]
        lists[row, : found.size] = found
    return lists

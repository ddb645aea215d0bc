"""The rules of the game, written once over batches of games.

A turn has two halves. `begin_turn` lands the delayed consequences due now, checks the immediate
endings, and draws the card (a follow-up that is due comes first; otherwise a weighted draw among
the eligible cards). `resolve` applies the chosen option (its effects, a drawn chance result,
flags, scheduled consequences), checks the immediate endings, advances the turn, and when the
turns run out checks the final endings, falling back to the fallback ending. Every function takes
a mask of the games it acts on, so finished games stay as they are.

Speed matters here (the balance analyser plays 100,000 games at once), so work that concerns few
games is done on those rows only: consequences and follow-ups touch the rows that have something
due, chance draws the rows whose option has chance results, and the weighted card draw first
tries cheap rejection sampling, keeping the full (games x cards) computation for the few games
that need it.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from balancing_act.engine.compiled import MAX_OPTIONS, CompiledScenario
from balancing_act.engine.random import PURPOSE_CHANCE, PURPOSE_EVENT, uniform
from balancing_act.engine.state import NOTHING_DUE, BatchState

REJECTION_ROUNDS = 8
_ATTEMPT_STRIDE = 8  # purposes PURPOSE_EVENT + 8k for the k-th attempt at a card draw


def start(compiled: CompiledScenario, state: BatchState) -> None:
    """Draw the first card of every game in the batch."""
    begin_turn(compiled, state, ~state.finished)


def begin_turn(compiled: CompiledScenario, state: BatchState, mask: np.ndarray) -> None:
    """Land consequences due this turn, check immediate endings, then draw the card."""
    state.landed[state.landed_rows] = False
    rows = np.nonzero(mask & (state.next_effect <= state.turn))[0]
    state.landed_rows = rows
    if rows.size:
        due = state.effect_due[rows]
        landed = (due > 0) & (due <= state.turn[rows, None])
        state.landed[rows] = landed
        # float32 adds the (whole, small) effects exactly, in half the memory traffic
        meters = state.meters[rows] + landed.astype(np.float32) @ compiled.later_effects32
        if compiled.assigns:  # `set: [{meter: value}]` of what landed, in file order
            for entry in np.nonzero(landed.any(axis=0))[0]:
                values = compiled.later_assign[entry]
                if not np.isnan(values).all():
                    hit = landed[:, entry]
                    meters[hit] = np.where(np.isnan(values), meters[hit], values)
        state.meters[rows] = np.clip(meters, compiled.meter_min, compiled.meter_max)
        flagged = np.nonzero((landed & compiled.later_touches_flags).any(axis=1))[0]
        for row, hits in zip(rows[flagged], landed[flagged], strict=True):
            sets = compiled.later_set[hits].any(axis=0)
            clears = compiled.later_clear[hits].any(axis=0)
            state.flags[row] = (state.flags[row] | sets) & ~clears
        due[landed] = 0
        state.effect_due[rows] = due
        state.next_effect[rows] = _earliest(due)
        check_endings(state, _mask(state, rows), compiled.immediate_endings)
    _draw_events(compiled, state, mask & ~state.finished)


def _earliest(due: np.ndarray) -> np.ndarray:
    return np.asarray(np.where(due > 0, due, NOTHING_DUE).min(axis=1, initial=NOTHING_DUE))


def _mask(state: BatchState, rows: np.ndarray) -> np.ndarray:
    mask = np.zeros(state.size, dtype=bool)
    mask[rows] = True
    return mask


class _Eligibility:
    """Answers 'may game r be shown card e now?' for any (rows, cards) pairs: not a once-only
    card already seen, and its `when` holds. Conditions are evaluated at most once per draw,
    for all games, into a (conditioned cards, games) table: all of them up front for a large
    batch, and only those of the cards actually drawn for a small one (a single game)."""

    LAZY_BELOW = 64

    def __init__(self, compiled: CompiledScenario, state: BatchState) -> None:
        self.compiled = compiled
        self.state = state
        conditioned = compiled.conditioned_events
        self.table = np.ones((max(conditioned.size, 1), state.size), dtype=bool)
        self.done = np.zeros(max(conditioned.size, 1), dtype=bool)
        self.all_done = conditioned.size == 0
        self.dated = compiled.dated
        if state.size >= self.LAZY_BELOW:
            self._evaluate(np.arange(conditioned.size))

    def _evaluate(self, slots: np.ndarray) -> None:
        for slot in slots:
            self.table[slot] = self.compiled.event_when[self.compiled.conditioned_events[slot]](
                self.state)
        self.done[slots] = True
        self.all_done = bool(self.done.all())

    def __call__(self, rows: np.ndarray, events: np.ndarray) -> np.ndarray:
        # Look-ups go through flat indices (card * games + game): several times faster than
        # numpy's two-dimensional fancy indexing over 100,000 games.
        c = self.compiled
        size = self.state.size
        ok = ~(c.event_once.take(events) & seen_flat(self.state).take(events * size + rows))
        if self.dated:  # a dated card never comes after a card with a later date
            ok &= c.event_date_end.take(events) >= self.state.latest_date.take(rows)
        if c.conditioned_events.size:
            slot = np.broadcast_to(c.event_condition_slot.take(events), ok.shape)
            if not self.all_done:
                wanted = np.unique(slot[(slot >= 0) & ok])  # a card ruled out needs none
                missing = wanted[~self.done[wanted]]
                if missing.size:
                    self._evaluate(missing)
            held = self.table.reshape(-1).take(np.maximum(slot, 0) * size + rows)
            ok &= held | (slot < 0)
        return np.asarray(ok, dtype=bool)


def flat_view(state: BatchState, name: str, order: Literal["C", "F"] = "C") -> np.ndarray:
    """A (games x columns) array of the state as one flat view, so that look-ups and writes
    take one index per cell: game * columns + column in row-major order ("C"), column *
    games + game in column-major order ("F", as `seen` is kept). An array not in that
    layout is replaced by a copy that is, so writes through the view always land."""
    table = getattr(state, name)
    if not (table.flags.c_contiguous if order == "C" else table.flags.f_contiguous):
        table = np.ascontiguousarray(table) if order == "C" else np.asfortranarray(table)
        setattr(state, name, table)
    return np.asarray(table.reshape(-1, order=order))


def seen_flat(state: BatchState) -> np.ndarray:
    """`state.seen` as one flat view: card * games + game."""
    return flat_view(state, "seen", "F")


def eligible_events(compiled: CompiledScenario, state: BatchState) -> np.ndarray:
    """(N, E): cards whose `when` holds and that are not once-only cards already shown."""
    eligible = _Eligibility(compiled, state)
    rows = np.arange(state.size)[:, None]
    return eligible(rows, np.arange(compiled.event_weight.size)[None, :])


def _draw_events(compiled: CompiledScenario, state: BatchState, mask: np.ndarray) -> None:
    state.event[mask] = -1
    if not mask.any():
        return
    eligible = _Eligibility(compiled, state)
    chosen = np.full(state.size, -1, dtype=np.int64)
    _draw_follow_ups(compiled, state, mask, eligible, chosen)
    need = np.nonzero(mask & (chosen < 0))[0]
    if need.size:
        _draw_weighted(compiled, state, need, eligible, chosen)
    rows = np.nonzero(chosen >= 0)[0]
    seen_flat(state)[chosen[rows] * state.size + rows] = True
    if compiled.dated:
        state.latest_date[rows] = np.maximum(state.latest_date[rows],
                                             compiled.event_date_start[chosen[rows]])
    state.event[mask] = chosen[mask]


def _draw_follow_ups(compiled: CompiledScenario, state: BatchState, mask: np.ndarray,
                     eligible: _Eligibility, chosen: np.ndarray) -> None:
    """A follow-up due now comes first (the oldest, then file order); one whose card is no
    longer eligible is dropped."""
    rows = np.nonzero(mask & (state.next_event <= state.turn))[0]
    entries = compiled.later_sending  # only entries that send a card can have a card due
    if not rows.size or not entries.size:
        return
    cells = rows[:, None] * compiled.later_after.size + entries[None, :]
    table = flat_view(state, "event_due")
    due = table.take(cells)
    targets = compiled.later_event[entries]
    is_due = (due > 0) & (due <= state.turn[rows, None])
    ok = np.zeros_like(is_due)
    row, entry = np.nonzero(is_due)  # only what is due needs asking
    ok[row, entry] = eligible(rows[row], targets[entry])
    due[is_due & ~ok] = 0
    width = due.shape[1]
    order = np.where(ok, due.astype(np.int64) * (width + 1) + np.arange(width),
                     np.iinfo(np.int64).max)
    pick = order.argmin(axis=1)
    has = ok.any(axis=1)
    chosen[rows[has]] = targets[pick[has]]
    due[np.nonzero(has)[0], pick[has]] = 0
    table[cells] = due
    state.next_event[rows] = _earliest(due)


def _draw_weighted(compiled: CompiledScenario, state: BatchState, rows: np.ndarray,
                   eligible: _Eligibility, chosen: np.ndarray) -> None:
    """Draw among eligible cards in proportion to their weights. Rejection sampling from the
    fixed weights (through an alias table: one uniform number a draw) is exact and cheap;
    games still undrawn after a few rounds use the full cumulative method, over the cards that
    can come up on their turn (the others have no weight there, so the card drawn is the same
    as over all cards). No eligible card with weight: the game ends."""
    count = compiled.event_weight.size
    if compiled.event_weight.sum() > 0:
        # A card that cannot come up on the game's turn (the turn's draw columns) is turned
        # down by one look-up; only the others are asked the full question.
        possible = compiled.draw_possible.reshape(-1)
        for attempt in range(REJECTION_ROUNDS):
            scaled = uniform(state.keys[rows], state.turn[rows],
                             PURPOSE_EVENT + _ATTEMPT_STRIDE * attempt) * count
            column = scaled.astype(np.int64)
            candidate = np.where(scaled - column < compiled.event_alias_keep.take(column),
                                 column, compiled.event_alias_other.take(column))
            turn = np.clip(state.turn.take(rows), 0, compiled.turns + 1)
            ok = possible.take(turn * count + candidate)
            asked = np.nonzero(ok)[0]
            if asked.size * 4 > rows.size * 3:  # most are possible: ask them all at once
                ok &= eligible(rows, candidate)
            else:
                ok[asked] = eligible(rows[asked], candidate[asked])
            chosen[rows[ok]] = candidate[ok]
            rows = rows[~ok]
            if not rows.size:
                return
    turns = state.turn[rows]
    low, high = int(turns.min(initial=0)), int(turns.max(initial=0))
    for turn in ([low] if low == high else np.unique(turns)):
        group = rows if low == high else rows[turns == turn]
        index = int(turn) if 0 < turn < len(compiled.draw_columns) else 0
        _draw_cumulative(compiled, state, group, eligible, chosen,
                         compiled.draw_columns[index])


def _draw_cumulative(compiled: CompiledScenario, state: BatchState, rows: np.ndarray,
                     eligible: _Eligibility, chosen: np.ndarray, columns: np.ndarray) -> None:
    weights = eligible(rows[:, None], columns[None, :]) * compiled.event_weight[columns]
    running = np.cumsum(weights, axis=1)
    totals = running[:, -1] if columns.size else np.zeros(rows.size)
    u = uniform(state.keys[rows], state.turn[rows],
                PURPOSE_EVENT + _ATTEMPT_STRIDE * REJECTION_ROUNDS)
    can = totals > 0
    if columns.size:
        pick = np.argmax(running > (u * totals)[:, None], axis=1)
        chosen[rows[can]] = columns[pick[can]]
    finish(compiled, state, _mask(state, rows[~can]))  # no card left to play: the game ends


def available_options(compiled: CompiledScenario, state: BatchState) -> np.ndarray:
    """(N, 4) bool: which option slots of each game's current card can be chosen.

    If every option of a card is unavailable, the first is offered so the game can go on
    (the linter warns where that can happen)."""
    playing = (state.event >= 0) & ~state.finished
    # One uint32 per game whose four bytes are the four slots: gathering and testing it is
    # far cheaper than an (N, 4) bool array, which is the same memory viewed another way.
    packed = np.where(playing, compiled.event_slot_bytes.take(np.maximum(state.event, 0)),
                      np.uint32(0)).astype(np.uint32)
    available = packed.view(np.bool_).reshape(-1, MAX_OPTIONS)
    conditioned = np.nonzero(playing & compiled.event_has_option_conditions.take(
        np.maximum(state.event, 0)))[0]
    if conditioned.size:
        cards = state.event[conditioned]
        small = np.int16 if compiled.event_options.shape[0] < 2**15 else np.int32
        order = np.argsort(cards.astype(small), kind="stable")  # 16 bits: a radix sort
        columns, starts = np.unique(cards[order], return_index=True)
        for event_column, rows in zip(columns, np.split(conditioned[order], starts[1:]),
                                      strict=True):
            for slot, option in enumerate(compiled.event_options[event_column]):
                when = compiled.option_when[option] if option >= 0 else None
                if when is not None:
                    available[rows, slot] &= when(state)[rows]
    stuck = playing & (packed == 0)
    available[stuck, 0] = True
    return available


def resolve(compiled: CompiledScenario, state: BatchState, slots: np.ndarray,
            mask: np.ndarray | None = None) -> None:
    """Apply each game's chosen option slot, then move on to the next turn or an ending."""
    advance(compiled, state, decide(compiled, state, slots, mask))


def decide(compiled: CompiledScenario, state: BatchState, slots: np.ndarray,
           mask: np.ndarray | None = None) -> np.ndarray:
    """Apply each game's chosen option slot: its effects, a drawn chance result, its flags and
    the consequences it schedules. Returns the games that decided."""
    c = compiled
    active = ~state.finished & (state.event >= 0)
    if mask is not None:
        active &= mask
    option = np.where(active, c.event_options.reshape(-1).take(
        np.maximum(state.event, 0) * MAX_OPTIONS + slots), c.null_option)
    option = np.where(option >= 0, option, c.null_option)
    outcome = np.full(state.size, c.null_outcome, dtype=np.int64)
    rows = np.nonzero(c.option_has_chance[option])[0]  # games drawing a chance result
    if rows.size:
        draw = uniform(state.keys[rows], state.turn[rows], PURPOSE_CHANCE)
        cumulative = c.option_cum_p[option[rows]]
        pick = np.minimum((cumulative <= draw[:, None]).sum(axis=1), cumulative.shape[1] - 1)
        outcome[rows] = c.option_outcomes[option[rows], pick]
    state.last_option, state.last_outcome = option, outcome

    effects = c.option_effects_by_meter
    for m in range(state.meters.shape[1]):  # column by column: meters are column-major
        column = state.meters[:, m]
        column += effects[m].take(option)
        if c.assigns:  # an option's `set: [{meter: value}]` after its effects
            value = c.option_assign[option, m]
            np.copyto(column, value, where=~np.isnan(value))
        if rows.size:
            column[rows] += c.outcome_effects[outcome[rows], m]
            if c.assigns:
                value = c.outcome_assign[outcome[rows], m]
                column[rows] = np.where(np.isnan(value), column[rows], value)
        np.clip(column, c.meter_min[m], c.meter_max[m], out=column)
    rows = np.nonzero(c.option_touches_flags[option] | c.outcome_touches_flags[outcome])[0]
    if rows.size:
        o, r = option[rows], outcome[rows]
        flags = (state.flags[rows] | c.option_set[o]) & ~c.option_clear[o]
        state.flags[rows] = (flags | c.outcome_set[r]) & ~c.outcome_clear[r]
    _schedule(c, state, option, outcome)
    state.decisions += active
    return active


def advance(compiled: CompiledScenario, state: BatchState, active: np.ndarray) -> None:
    """After a decision: the immediate endings, then the next turn (its consequences and its
    card) or, when the turns have run out, the final endings."""
    c = compiled
    check_endings(state, active, c.immediate_endings)
    going_on = active & ~state.finished
    state.turn = state.turn + going_on
    out_of_turns = going_on & (state.turn > c.turns)
    finish(c, state, out_of_turns)
    begin_turn(c, state, going_on & ~out_of_turns)


def _schedule(c: CompiledScenario, state: BatchState, option: np.ndarray,
              outcome: np.ndarray) -> None:
    """Set the due turns of the consequences a decision sends; one already pending is kept.

    Each option (and chance outcome) sends at most a few `later` entries, so this walks the
    entries' short lists rather than a (games x entries) matrix."""
    state.scheduled[state.scheduled_rows] = False
    rows = np.nonzero(c.option_has_later[option] | c.outcome_has_later[outcome])[0]
    state.scheduled_rows = rows
    if not rows.size:
        return
    width = c.later_after.size  # cells of the (games x entries) tables: game * width + entry
    effect_due, event_due = flat_view(state, "effect_due"), flat_view(state, "event_due")
    scheduled = flat_view(state, "scheduled")
    for table, chosen in ((c.option_later_list, option), (c.outcome_later_list, outcome)):
        entries = table[chosen[rows]]
        for j in range(entries.shape[1]):
            sends = entries[:, j] >= 0
            game, entry = rows[sends], entries[sends, j]
            if not game.size:
                continue
            cell = game * width + entry
            due = (state.turn.take(game) + c.later_after.take(entry)).astype(effect_due.dtype)
            lands = c.later_lands.take(entry) & (effect_due.take(cell) == 0)
            effect_due[cell[lands]] = due[lands]
            state.next_effect[game[lands]] = np.minimum(state.next_effect[game[lands]],
                                                        due[lands])
            arrives = (c.later_event.take(entry) >= 0) & (event_due.take(cell) == 0)
            scheduled[cell] = lands | arrives
            event_due[cell[arrives]] = due[arrives]
            state.next_event[game[arrives]] = np.minimum(state.next_event[game[arrives]],
                                                         due[arrives])


def check_endings(state: BatchState, mask: np.ndarray,
                  endings: tuple[tuple[int, object], ...]) -> None:
    """Give each masked game the first ending (in file order) whose condition holds."""
    pending = mask & ~state.finished
    for number, when in endings:
        if not pending.any():
            return
        hit = pending & when(state)  # type: ignore[operator]
        state.ending[hit] = number
        state.finished |= hit
        state.event[hit] = -1
        pending &= ~hit


def finish(compiled: CompiledScenario, state: BatchState, mask: np.ndarray) -> None:
    """End the masked games: the first final ending that holds, else the fallback."""
    if not mask.any():
        return
    check_endings(state, mask, compiled.final_endings)
    rest = mask & ~state.finished
    state.ending[rest] = compiled.fallback_ending
    state.finished |= rest
    state.event[mask] = -1

"""The rules of the game, written once over batches of games.

A turn has two halves. `begin_turn` lands the delayed consequences due now, checks the immediate
endings, and draws the card (a follow-up that is due comes first; otherwise a weighted draw among
the eligible cards). `resolve` applies the chosen option (its effects, a drawn chance result,
flags, scheduled consequences), checks the immediate endings, advances the turn, and when the
turns run out checks the final endings, falling back to the fallback ending. Every function takes
a mask of the games it acts on, so finished games stay as they are.
"""

from __future__ import annotations

import numpy as np

from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.random import PURPOSE_CHANCE, PURPOSE_EVENT, uniform
from balancing_act.engine.state import BatchState


def start(compiled: CompiledScenario, state: BatchState) -> None:
    """Draw the first card of every game in the batch."""
    begin_turn(compiled, state, ~state.finished)


def begin_turn(compiled: CompiledScenario, state: BatchState, mask: np.ndarray) -> None:
    """Land consequences due this turn, check immediate endings, then draw the card."""
    landed = (state.effect_due == state.turn[:, None]) & mask[:, None] & compiled.later_lands
    state.landed = landed
    if landed.any():
        weights = landed.astype(np.float64)
        _apply(compiled, state, weights @ compiled.later_effects)
        state.flags = (state.flags | (weights @ compiled.later_set > 0)) & ~(
            weights @ compiled.later_clear > 0)
        state.effect_due[landed] = 0
        check_endings(state, landed.any(axis=1) & ~state.finished, compiled.immediate_endings)
    _draw_events(compiled, state, mask & ~state.finished)


def eligible_events(compiled: CompiledScenario, state: BatchState) -> np.ndarray:
    """(N, E): cards whose `when` holds and that are not once-only cards already shown."""
    eligible = ~(compiled.event_once & state.seen)
    for column, when in enumerate(compiled.event_when):
        if when is not None:
            eligible[:, column] &= when(state)
    return eligible


def _draw_events(compiled: CompiledScenario, state: BatchState, mask: np.ndarray) -> None:
    state.event = np.where(mask, -1, state.event)
    if not mask.any():
        return
    eligible = eligible_events(compiled, state)
    chosen = np.full(state.size, -1, dtype=np.int64)

    due = state.event_due
    forced = (due > 0) & (due <= state.turn[:, None]) & mask[:, None]
    if forced.any():
        targets = compiled.later_event
        still_eligible = eligible[:, np.maximum(targets, 0)] & (targets >= 0)
        due[forced & ~still_eligible] = 0  # a follow-up whose `when` no longer holds is dropped
        forced &= still_eligible
        rows = np.nonzero(forced.any(axis=1))[0]
        if rows.size:
            order = np.where(forced[rows], due[rows].astype(np.int64) * (due.shape[1] + 1)
                             + np.arange(due.shape[1]), np.iinfo(np.int64).max)
            pick = order.argmin(axis=1)
            chosen[rows] = targets[pick]
            due[rows, pick] = 0

    need = mask & (chosen < 0)
    if need.any():
        cumulative = np.cumsum(eligible * compiled.event_weight, axis=1)
        total = cumulative[:, -1]
        target = uniform(state.keys, state.turn, PURPOSE_EVENT) * total
        drawn = np.minimum((cumulative <= target[:, None]).sum(axis=1), cumulative.shape[1] - 1)
        can_draw = need & (total > 0)
        chosen[can_draw] = drawn[can_draw]
        finish(compiled, state, need & ~can_draw)  # no card left to play: the game ends here

    rows = np.nonzero(chosen >= 0)[0]
    state.seen[rows, chosen[rows]] = True
    state.event = np.where(mask, chosen, state.event)


def available_options(compiled: CompiledScenario, state: BatchState) -> np.ndarray:
    """(N, 4) bool: which option slots of each game's current card can be chosen.

    If every option of a card is unavailable, the first is offered so the game can go on
    (the linter warns where that can happen)."""
    playing = (state.event >= 0) & ~state.finished
    slots = compiled.event_options[np.maximum(state.event, 0)]
    available = (slots >= 0) & playing[:, None]
    shown = np.bincount(state.event[playing], minlength=compiled.event_options.shape[0]) > 0
    for event_column in np.nonzero(shown)[0]:
        for slot, option in enumerate(compiled.event_options[event_column]):
            when = compiled.option_when[option] if option >= 0 else None
            if when is not None:
                available[:, slot] &= ~((state.event == event_column) & ~when(state))
    stuck = playing & ~available.any(axis=1)
    available[stuck, 0] = True
    return available


def resolve(compiled: CompiledScenario, state: BatchState, slots: np.ndarray,
            mask: np.ndarray | None = None) -> None:
    """Apply each game's chosen option slot, then move on to the next turn or an ending."""
    active = ~state.finished & (state.event >= 0)
    if mask is not None:
        active &= mask
    option = np.where(active, compiled.event_options[np.maximum(state.event, 0), slots],
                      compiled.null_option)
    option = np.where(option >= 0, option, compiled.null_option)
    cumulative = compiled.option_cum_p[option]
    draw = uniform(state.keys, state.turn, PURPOSE_CHANCE)
    pick = np.minimum((cumulative <= draw[:, None]).sum(axis=1), cumulative.shape[1] - 1)
    outcome = compiled.option_outcomes[option, pick]
    state.last_option, state.last_outcome = option, outcome

    _apply(compiled, state, compiled.option_effects[option] + compiled.outcome_effects[outcome])
    flags = (state.flags | compiled.option_set[option]) & ~compiled.option_clear[option]
    state.flags = (flags | compiled.outcome_set[outcome]) & ~compiled.outcome_clear[outcome]

    scheduled = compiled.option_later[option] | compiled.outcome_later[outcome]
    state.scheduled = scheduled
    if scheduled.any():
        due = (state.turn[:, None] + compiled.later_after).astype(state.effect_due.dtype)
        lands = scheduled & compiled.later_lands & (state.effect_due == 0)
        state.effect_due = np.where(lands, due, state.effect_due)
        arrives = scheduled & (compiled.later_event >= 0) & (state.event_due == 0)
        state.event_due = np.where(arrives, due, state.event_due)

    state.decisions += active
    check_endings(state, active, compiled.immediate_endings)
    going_on = active & ~state.finished
    state.turn = state.turn + going_on
    out_of_turns = going_on & (state.turn > compiled.turns)
    finish(compiled, state, out_of_turns)
    begin_turn(compiled, state, going_on & ~out_of_turns)


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
    state.event = np.where(mask, -1, state.event)


def _apply(compiled: CompiledScenario, state: BatchState, delta: np.ndarray) -> None:
    state.meters = np.clip(state.meters + delta, compiled.meter_min, compiled.meter_max)

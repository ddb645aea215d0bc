"""One decision taken through the rules, with a record of everything it changed.

The interactive game explains each decision from this record, never by working the rules out a
second time: which option and chance result were applied, the meters before the decision, the
effects as written (before clamping) and the meters after it, the flags really set and cleared,
the consequences scheduled (with their due turns), those that landed at the start of the next
turn, and the ending if one was reached. The record covers a whole batch; `Game` reads row 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.state import BatchState


@dataclass(frozen=True)
class StepRecord:
    """What a decision did, per game of the batch (arrays with a leading batch axis)."""

    turn: np.ndarray  # (N,) the turn the decision was made on
    decided: np.ndarray  # (N,) bool: the game made a decision in this step
    option: np.ndarray  # (N,) global option number (the null option when none)
    outcome: np.ndarray  # (N,) global chance outcome (the null outcome when none)
    meters_before: np.ndarray  # (N, M)
    nominal: np.ndarray  # (N, M) the option's and the chance result's effects, unclamped
    meters_decided: np.ndarray  # (N, M) right after the decision, clamped to each range
    flags_before: np.ndarray  # (N, F)
    flags_decided: np.ndarray  # (N, F)
    scheduled: np.ndarray  # (N, L) bool: consequences this decision set in motion
    scheduled_due: np.ndarray  # (N, L) int: the turn each of them is due (0 if none)
    landed: np.ndarray  # (N, L) bool: consequences that landed before the next card
    meters_after: np.ndarray  # (N, M) at the start of the next turn (after what landed)
    flags_after: np.ndarray  # (N, F)
    ending: np.ndarray  # (N,) ending number, -1 while the game goes on


def take_step(compiled: CompiledScenario, state: BatchState, slots: np.ndarray,
              mask: np.ndarray | None = None) -> StepRecord:
    """`rules.resolve`, recording what changed on the way."""
    turn = state.turn.copy()
    meters_before = state.meters.copy()
    flags_before = state.flags.copy()
    decided = rules.decide(compiled, state, slots, mask)
    option, outcome = state.last_option.copy(), state.last_outcome.copy()
    nominal = compiled.option_effects[option] + compiled.outcome_effects[outcome]
    meters_decided = state.meters.copy()
    flags_decided = state.flags.copy()
    scheduled = state.scheduled.copy()
    due = np.maximum(state.effect_due, state.event_due).astype(np.int64)
    scheduled_due = np.where(scheduled, due, 0)
    rules.advance(compiled, state, decided)
    # begin_turn clears what landed before, so this is what landed after this decision only
    return StepRecord(
        turn=turn, decided=decided, option=option, outcome=outcome,
        meters_before=meters_before, nominal=nominal, meters_decided=meters_decided,
        flags_before=flags_before, flags_decided=flags_decided, scheduled=scheduled,
        scheduled_due=scheduled_due, landed=state.landed.copy(), meters_after=state.meters.copy(),
        flags_after=state.flags.copy(), ending=state.ending.copy())

"""The state of N games at once, as numpy arrays with a leading batch axis.

An interactive game is a batch of one; the balance analyser uses N = 100,000. The arrays are the
only game state there is: saves store the seed and the choices, and replaying them rebuilds it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.random import game_keys

DUE_DTYPE = np.int16  # a due turn (0 = nothing scheduled); turns + delays stay far below 32,767
NOTHING_DUE = np.iinfo(DUE_DTYPE).max


@dataclass
class BatchState:
    keys: np.ndarray  # (N,) uint64: each game's random stream
    meters: np.ndarray  # (N, M) float
    flags: np.ndarray  # (N, F) bool
    turn: np.ndarray  # (N,) int: the current turn, from 1
    decisions: np.ndarray  # (N,) int: decisions made so far
    seen: np.ndarray  # (N, E) bool: cards shown so far
    event: np.ndarray  # (N,) int: the card in front of the player, -1 when none
    finished: np.ndarray  # (N,) bool
    ending: np.ndarray  # (N,) int: ending number, -1 while playing
    latest_date: np.ndarray  # (N,) int: the latest date (YYYYMMDD) of the cards shown so far
    effect_due: np.ndarray  # (N, L): turn a `later` entry's effects land, 0 if not scheduled
    event_due: np.ndarray  # (N, L): turn a `later` entry's card arrives, 0 if not scheduled
    next_effect: np.ndarray  # (N,): earliest turn in effect_due (NOTHING_DUE if none), so a
    next_event: np.ndarray  # (N,)  turn only touches the rows that have something due
    # What the last step did, for explanations (read by Game, ignored by batch runs):
    last_option: np.ndarray  # (N,) int: global option number (the null option when idle)
    last_outcome: np.ndarray  # (N,) int: global chance outcome (the null outcome when none)
    landed: np.ndarray  # (N, L) bool: consequences that landed at the start of this turn
    landed_rows: np.ndarray  # rows of `landed` that may be set (cleared on the next turn)
    scheduled: np.ndarray  # (N, L) bool: consequences the last decision scheduled
    scheduled_rows: np.ndarray  # rows of `scheduled` that may be set

    @property
    def size(self) -> int:
        return int(self.keys.shape[0])


def new_state(compiled: CompiledScenario, seeds: np.ndarray | list[int]) -> BatchState:
    """Fresh games at turn 1 (before the first card is drawn) for each seed."""
    keys = game_keys(seeds)
    n = keys.shape[0]
    n_events = compiled.event_weight.shape[0]
    n_later = compiled.later_after.shape[0]
    return BatchState(
        keys=keys,
        # Column-major: a condition reads one meter or flag of every game at a time.
        meters=np.asfortranarray(np.tile(compiled.meter_start, (n, 1))),
        flags=np.asfortranarray(np.tile(compiled.flag_start, (n, 1))),
        turn=np.ones(n, dtype=np.int64),
        decisions=np.zeros(n, dtype=np.int64),
        seen=np.zeros((n, n_events), dtype=bool, order="F"),
        event=np.full(n, -1, dtype=np.int64),
        finished=np.zeros(n, dtype=bool),
        ending=np.full(n, -1, dtype=np.int64),
        latest_date=np.zeros(n, dtype=np.int64),
        effect_due=np.zeros((n, n_later), dtype=DUE_DTYPE),
        event_due=np.zeros((n, n_later), dtype=DUE_DTYPE),
        next_effect=np.full(n, NOTHING_DUE, dtype=DUE_DTYPE),
        next_event=np.full(n, NOTHING_DUE, dtype=DUE_DTYPE),
        last_option=np.full(n, compiled.null_option, dtype=np.int64),
        last_outcome=np.full(n, compiled.null_outcome, dtype=np.int64),
        landed=np.zeros((n, n_later), dtype=bool),
        landed_rows=np.zeros(0, dtype=np.int64),
        scheduled=np.zeros((n, n_later), dtype=bool),
        scheduled_rows=np.zeros(0, dtype=np.int64),
    )

"""Many games at once: the same rules as `Game`, over a batch of seeds.

A policy decides for every game in the batch at once: it gets the state and the (N, 4) mask of
available option slots and returns one slot per game (the policies live in `analysis`). Game i
of a batch started from seeds `s` plays exactly as `Game(scenario, s[i])` would with the same
choices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.state import BatchState, new_state

Policy = Callable[[BatchState, np.ndarray], np.ndarray]


class Observer(Protocol):
    """Sees every round of decisions: `before` with the chosen slots, `after` once applied."""

    def before(self, state: BatchState, slots: np.ndarray, active: np.ndarray) -> None: ...

    def after(self, state: BatchState, active: np.ndarray) -> None: ...


@dataclass(frozen=True)
class BatchResult:
    """How each game of a batch ended."""

    seeds: np.ndarray  # (N,)
    ending: np.ndarray  # (N,) ending number (file order)
    meters: np.ndarray  # (N, M) final meters
    decisions: np.ndarray  # (N,) decisions made
    flags: np.ndarray  # (N, F) final flags
    seen: np.ndarray  # (N, E) cards shown
    turn: np.ndarray  # (N,) the turn counter at the end (turns + 1 when the turns ran out)


def play_many(compiled: CompiledScenario, seeds: np.ndarray | list[int], policy: Policy,
              observer: Observer | None = None) -> BatchResult:
    """Play one game per seed to its ending; an observer (the balance analyser's tally) sees
    every round of decisions."""
    seeds = np.asarray(seeds)
    state = new_state(compiled, seeds)
    rules.start(compiled, state)
    while True:
        active = ~state.finished
        if not active.any():
            break
        available = rules.available_options(compiled, state)
        slots = policy(state, available)
        if observer is not None:
            observer.before(state, slots, active)
        rules.resolve(compiled, state, slots, active)
        if observer is not None:
            observer.after(state, active)
    return BatchResult(seeds=seeds, ending=state.ending.copy(), meters=state.meters.copy(),
                       decisions=state.decisions.copy(), flags=state.flags.copy(),
                       seen=state.seen.copy(), turn=state.turn.copy())

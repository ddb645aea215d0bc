"""Many games at once: the same rules as `Game`, over a batch of seeds.

A policy decides for every game in the batch at once: it gets the state and the (N, 4) mask of
available option slots and returns one slot per game. Game i of a batch started from seeds
`s` plays exactly as `Game(scenario, s[i])` would with the same choices.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from balancing_act.engine import rules
from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.random import PURPOSE_POLICY, uniform
from balancing_act.engine.state import BatchState, new_state

Policy = Callable[[BatchState, np.ndarray], np.ndarray]
TurnObserver = Callable[[BatchState, np.ndarray, np.ndarray], None]


@dataclass(frozen=True)
class BatchResult:
    """How each game of a batch ended."""

    seeds: np.ndarray  # (N,)
    ending: np.ndarray  # (N,) ending number (file order)
    meters: np.ndarray  # (N, M) final meters
    decisions: np.ndarray  # (N,) decisions made
    flags: np.ndarray  # (N, F) final flags
    seen: np.ndarray  # (N, E) cards shown


def random_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Each game picks uniformly among its available options, from its own random stream."""
    count = available.sum(axis=1)
    rank = np.floor(uniform(state.keys, state.turn, PURPOSE_POLICY) * count)
    return np.argmax(np.cumsum(available, axis=1) > rank[:, None], axis=1)


def first_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Always the first available option."""
    return np.argmax(available, axis=1)


def last_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Always the last available option."""
    return available.shape[1] - 1 - np.argmax(available[:, ::-1], axis=1)


def play_many(compiled: CompiledScenario, seeds: np.ndarray | list[int], policy: Policy,
              observer: TurnObserver | None = None) -> BatchResult:
    """Play one game per seed to its ending. `observer(state, slots, active)` sees every
    decision before it is applied (the balance analyser counts picks with it)."""
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
            observer(state, slots, active)
        rules.resolve(compiled, state, slots, active)
    return BatchResult(seeds=seeds, ending=state.ending.copy(), meters=state.meters.copy(),
                       decisions=state.decisions.copy(), flags=state.flags.copy(),
                       seen=state.seen.copy())

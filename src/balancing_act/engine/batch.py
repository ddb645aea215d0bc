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


@dataclass(frozen=True)
class ReplayResult:
    """Many recorded games replayed at once: how far each one's choices fitted, and what the
    rules made of them."""

    fitted: np.ndarray  # (N,) int: how many choices were played before one did not fit
    misfit: tuple[str, ...]  # per game: why choice fitted+1 did not fit ("" when all did)
    ending: np.ndarray  # (N,) ending number, -1 when the game did not end
    finished: np.ndarray  # (N,) bool
    meters: np.ndarray  # (N, M) at the end
    track: tuple[np.ndarray, ...]  # (N, M) meters at the start, then after each round
    events: np.ndarray  # (N, R) int: the card column answered in each round (-1 when none)


def replay_many(compiled: CompiledScenario, seeds: list[int],
                choices: list[list[str]]) -> ReplayResult:
    """Play each game's recorded option ids (game i from seeds[i]) through the batch rules: the
    same result as `Game.replay` one at a time, for a whole class at once. A game stops at
    the first choice that is not an available option of its card."""
    n = len(seeds)
    state = new_state(compiled, np.asarray(seeds, dtype=np.uint64))
    rules.start(compiled, state)
    events = compiled.scenario.file.events
    slot_of = [{o.id: k for k, o in enumerate(e.options)} for e in events]
    played = np.zeros(n, dtype=np.int64)
    stopped = np.zeros(n, dtype=bool)
    misfit = [""] * n
    track = [state.meters.copy()]
    answered: list[np.ndarray] = []
    while True:
        going = ~state.finished & ~stopped & (state.event >= 0)
        going &= played < np.array([len(c) for c in choices], dtype=np.int64)
        if not going.any():
            break
        available = rules.available_options(compiled, state)
        slots = np.zeros(n, dtype=np.int64)
        for row in np.nonzero(going)[0]:
            event = int(state.event[row])
            wanted = choices[row][played[row]]
            slot = slot_of[event].get(wanted)
            if slot is None or not available[row, slot]:  # the words Game.replay uses
                number = played[row] + 1
                if slot is None:
                    known = ", ".join(f"{k + 1} ({o.id})"
                                      for k, o in enumerate(events[event].options))
                    misfit[row] = (f"choice {number}: '{wanted}' is not an option of this "
                                   f"card; choose {known}")
                else:
                    misfit[row] = f"choice {number}: option '{wanted}' is not available now"
                stopped[row] = True
                going[row] = False
                continue
            slots[row] = slot
        answered.append(np.where(going, state.event, -1))
        rules.resolve(compiled, state, slots, going)
        played += going
        track.append(state.meters.copy())
    width = max(len(answered), 1)
    events_played = np.full((n, width), -1, dtype=np.int64)
    for column, cards in enumerate(answered):
        events_played[:, column] = cards
    return ReplayResult(fitted=played, misfit=tuple(misfit), ending=state.ending.copy(),
                        finished=state.finished.copy(), meters=state.meters.copy(),
                        track=tuple(track), events=events_played)

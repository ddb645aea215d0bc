"""Counting what happens in a batch of games, round by round, for the analyser and coverage."""

from __future__ import annotations

import numpy as np

from balancing_act.engine.compiled import CompiledScenario
from balancing_act.engine.state import BatchState


class Tally:
    """An observer for `play_many`: which options each game chose, which chance results were
    drawn, and (when `track_meters`) every game's meters after each of its decisions."""

    def __init__(self, compiled: CompiledScenario, games: int, *,
                 track_meters: bool = True) -> None:
        self.compiled = compiled
        self.picked = np.zeros((games, len(compiled.options) + 1), dtype=bool)
        self.option_counts = np.zeros(len(compiled.options) + 1, dtype=np.int64)
        self.outcome_counts = np.zeros(len(compiled.outcomes) + 1, dtype=np.int64)
        self.track_meters = track_meters
        self.meters_by_round: list[np.ndarray] = []  # (N, M) float32 after each round
        self.playing_by_round: list[np.ndarray] = []  # (N,) bool: made a decision that round
        # cards shown on each turn: (turn, card) -> games, for the cards-by-turn table
        self.cards_by_turn = np.zeros((compiled.turns, len(compiled.scenario.file.events)),
                                      dtype=np.int64)
        # the turn each flag was first true in each game (0: never), from the start
        self.flag_first = np.zeros((games, compiled.flag_start.size), dtype=np.int16)
        self._flags_started = False
        self._turn = np.zeros(games, dtype=np.int64)
        self._rows = np.arange(games)

    def before(self, state: BatchState, slots: np.ndarray, active: np.ndarray) -> None:
        if not self._flags_started:  # flags true from the start count from turn 1
            self.flag_first[state.flags[: self.flag_first.shape[0]]] = 1
            self._flags_started = True
        self._turn = state.turn.copy()
        turns, cards = self.cards_by_turn.shape
        shown = active & (state.event >= 0) & (state.turn <= turns)
        cell = (state.turn[shown] - 1) * cards + state.event[shown]
        self.cards_by_turn += np.bincount(cell, minlength=turns * cards).reshape(turns, cards)
        options = self.compiled.event_options[np.maximum(state.event, 0), slots]
        options = np.where(active & (options >= 0), options, self.compiled.null_option)
        self.picked.reshape(-1)[self._rows * self.picked.shape[1] + options] = True
        self.option_counts += np.bincount(options, minlength=self.option_counts.size)

    def after(self, state: BatchState, active: np.ndarray) -> None:
        if self.flag_first.size:  # set by this turn's decision (or a landed consequence)
            new = state.flags & (self.flag_first == 0) & active[:, None]
            turn = np.minimum(self._turn, np.iinfo(np.int16).max).astype(np.int16)
            np.copyto(self.flag_first, turn[:, None], where=new)
        drawn = state.last_outcome[active]
        self.outcome_counts += np.bincount(drawn, minlength=self.outcome_counts.size)
        if self.track_meters:
            self.meters_by_round.append(state.meters.astype(np.float32))
            self.playing_by_round.append(active.copy())

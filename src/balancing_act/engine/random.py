"""Seeded randomness that gives each game its own stream, however games are batched.

Each draw is a pure function of (game seed, turn, purpose): a SplitMix64 hash, vectorised over
numpy uint64 arrays. So game 7 of a 100,000-game simulation draws exactly what `Game(scenario,
seed=7)` draws, a replay needs only the seed and the choices, and the batch engine needs no
per-game generator objects.
"""

from __future__ import annotations

import numpy as np

PURPOSE_EVENT = 1
PURPOSE_CHANCE = 2
PURPOSE_POLICY = 3

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_PURPOSE_MIX = np.uint64(0xD1B54A32D192ED03)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_SEED_MASK = (1 << 64) - 1


def _mix(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijection on uint64 with strong avalanche."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def game_keys(seeds: np.ndarray | list[int]) -> np.ndarray:
    """Per-game keys (uint64) from integer seeds; any Python int is accepted."""
    raw = np.array([int(s) & _SEED_MASK for s in np.asarray(seeds).ravel()], dtype=np.uint64)
    with np.errstate(over="ignore"):
        return _mix(raw + _GOLDEN)


def uniform(keys: np.ndarray, turn: np.ndarray, purpose: int) -> np.ndarray:
    """One float in [0, 1) per game for this turn and purpose."""
    with np.errstate(over="ignore"):
        x = keys + turn.astype(np.uint64) * _GOLDEN + np.uint64(purpose) * _PURPOSE_MIX
        x = _mix(_mix(x))
    return (x >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)

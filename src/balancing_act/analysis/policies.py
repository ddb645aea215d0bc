"""Ways of choosing, for many games at once: what the balance analyser and coverage play with.

A policy takes the batch state and the (N, 4) mask of available option slots and returns a slot
per game. Random draws come from each game's own stream, so a policy plays a game the same
whether it is alone or in a batch of 100,000.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from balancing_act.engine.batch import Policy
from balancing_act.engine.compiled import MAX_OPTIONS, CompiledScenario
from balancing_act.engine.random import PURPOSE_POLICY, uniform
from balancing_act.engine.state import BatchState
from balancing_act.errors import UsageError
from balancing_act.io import describe
from balancing_act.scenario.problems import Problem, ScenarioError, did_you_mean
from balancing_act.scenario.yamlread import read_yaml_file

FIXED_POLICIES = ("first", "last", "balanced", "alternating", "historical")


class PolicyError(UsageError):
    """A policy name or policy file the analyser cannot use; the message says why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


# A game's four available slots as a number 0-15 (bit k: slot k), and per such number how
# many slots are available and which slot is the r-th available one (index number * 4 + r;
# slot 0 where there is none). Policies look their choice up instead of working through an
# (N, 4) array.
_SLOT_COUNT = np.array([bin(n).count("1") for n in range(16)], dtype=np.int64)
_NTH_SLOT = np.array([([k for k in range(MAX_OPTIONS) if n >> k & 1] + [0] * MAX_OPTIONS)[r]
                      for n in range(16) for r in range(MAX_OPTIONS)], dtype=np.int64)
_LAST_SLOT = np.array([max([k for k in range(MAX_OPTIONS) if n >> k & 1],
                           default=MAX_OPTIONS - 1) for n in range(16)], dtype=np.int64)


def slot_numbers(available: np.ndarray) -> np.ndarray:
    """(N,) int: each game's (4,) bool row of available slots as a number 0-15."""
    packed = np.ascontiguousarray(available, dtype=np.bool_).view("<u4").reshape(-1)
    # the four bytes (0 or 1) gathered into bits 24-27 by one multiplication
    return np.asarray((packed * np.uint32(0x01020408)) >> np.uint32(24), dtype=np.int64) & 15


def nth_available(numbers: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """The slot of each game's rank-th available option (counting from 0)."""
    return np.asarray(_NTH_SLOT.take(numbers * MAX_OPTIONS + rank))


def random_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Each game picks uniformly among its available options, from its own random stream."""
    numbers = slot_numbers(available)
    draw = uniform(state.keys, state.turn, PURPOSE_POLICY) * _SLOT_COUNT.take(numbers)
    return nth_available(numbers, draw.astype(np.int64))


def first_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Always the first available option."""
    return nth_available(slot_numbers(available), np.zeros(available.shape[0], dtype=np.int64))


def last_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """Always the last available option."""
    return np.asarray(_LAST_SLOT.take(slot_numbers(available)))


def alternating_policy(state: BatchState, available: np.ndarray) -> np.ndarray:
    """The first available option, then the second, then the first again (1, 2, 1, 2...)."""
    numbers = slot_numbers(available)
    rank = np.minimum(state.decisions % 2, _SLOT_COUNT.take(numbers) - 1)
    return nth_available(numbers, np.maximum(rank, 0))


def historical_policy(compiled: CompiledScenario) -> Policy:
    """What India did: the option marked `historical: true` where the card has one and it is
    available; elsewhere a random choice. A student who only remembers the news plays this."""
    slots = np.full(compiled.event_options.shape[0], -1, dtype=np.int64)
    for column, event in enumerate(compiled.scenario.file.events):
        marked = [k for k, option in enumerate(event.options) if option.historical]
        if marked:
            slots[column] = marked[0]

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        fallback = random_policy(state, available)
        wanted = slots[np.maximum(state.event, 0)]
        ok = (wanted >= 0) & ((slot_numbers(available) >> np.maximum(wanted, 0)) & 1 > 0)
        return np.where(ok, wanted, fallback)

    return choose


def expected_effects(compiled: CompiledScenario) -> np.ndarray:
    """(O+1, M): each option's effect on each meter, chance results weighted by probability."""
    expected = compiled.option_effects.copy()
    for outcome_number, (option, _, outcome) in enumerate(compiled.outcomes):
        expected[option] += outcome.p * compiled.outcome_effects[outcome_number]
    return expected


def _slot_effects(compiled: CompiledScenario, state: BatchState,
                  expected: np.ndarray) -> np.ndarray:
    """(N, 4, M): expected effects of each game's option slots (zero for empty slots)."""
    options = compiled.event_options[np.maximum(state.event, 0)]
    return np.asarray(expected[np.where(options >= 0, options, compiled.null_option)])


def _best(scores: np.ndarray, available: np.ndarray) -> np.ndarray:
    return np.asarray(np.argmax(np.where(available, scores, -np.inf), axis=1))


def greedy_policy(compiled: CompiledScenario, meter: str, *, lowest: bool = False) -> Policy:
    """Always the option expected to raise `meter` most (or lower it most)."""
    column = compiled.scenario.names.meters[meter]
    expected = expected_effects(compiled)
    sign = -1.0 if lowest else 1.0

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        return _best(sign * _slot_effects(compiled, state, expected)[:, :, column], available)

    return choose


def balanced_policy(compiled: CompiledScenario) -> Policy:
    """The option expected to leave every meter closest to the middle of its range."""
    expected = expected_effects(compiled)
    middle = (compiled.meter_min + compiled.meter_max) / 2
    span = compiled.meter_max - compiled.meter_min

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        after = state.meters[:, None, :] + _slot_effects(compiled, state, expected)
        distance = (((after - middle) / span) ** 2).sum(axis=2)
        return _best(-distance, available)

    return choose


def least_tried_policy(compiled: CompiledScenario, tried: np.ndarray) -> Policy:
    """The available option tried least so far (`tried` counts by global option number and
    is updated by the caller), ties broken at random: the explorer that coverage uses."""

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        options = compiled.event_options[np.maximum(state.event, 0)]
        counts = tried[np.where(options >= 0, options, compiled.null_option)].astype(float)
        noise = uniform(state.keys, state.turn, PURPOSE_POLICY)[:, None] * np.arange(1, 5)
        return _best(-(counts + (noise % 1.0) * 0.5), available)

    return choose


@dataclass(frozen=True)
class PreferenceFile:
    """A designer's policy file: preferred options per event, and a default for the rest.

        default: random            # random, first, last, balanced or greedy:METER
        prefer:
          s400_offer: [sign, wait]  # the first of these that is available
    """

    default: str
    prefer: dict[str, list[str]]


def load_policy_file(path: Path, compiled: CompiledScenario) -> Policy:
    """A policy from a YAML file, checked against the scenario's events and options."""
    if not path.exists():
        raise PolicyError(f"no such policy file: {describe(path)}")
    try:
        data, source = read_yaml_file(path, empty="the file is empty; a policy file maps "
                                                  "'default' and 'prefer'")
    except ScenarioError as err:
        raise PolicyError(f"{describe(path)}: the policy file has problems",
                          err.problems) from None
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise PolicyError(f"{describe(path)}: a policy file is a mapping with 'default' and "
                          "'prefer'",
                          [source.problem((), "a policy file is a mapping with 'default' and "
                                              "'prefer'")])
    for key in data:
        if key not in ("default", "prefer"):
            hint = did_you_mean(str(key), ["default", "prefer"])
            problems.append(source.problem((key,), f"unknown key '{key}'{hint}", key=True))
    default = data.get("default", "random")
    prefer = data.get("prefer") or {}
    events = {e.id: e for e in compiled.scenario.file.events}
    if not isinstance(prefer, dict):
        problems.append(source.problem(("prefer",), "'prefer' maps event ids to lists of "
                                                    "option ids"))
        prefer = {}
    ranks = np.full((len(events), 4), -1, dtype=np.int64)  # event column, rank -> slot
    for event_id, options in prefer.items():
        if event_id not in events:
            problems.append(source.problem(("prefer", event_id), f"unknown event '{event_id}'"
                                           f"{did_you_mean(str(event_id), events)}", key=True))
            continue
        ids = [o.id for o in events[event_id].options]
        options = options if isinstance(options, list) else [options]
        for rank, option_id in enumerate(options[:4]):
            if option_id not in ids:
                problems.append(source.problem(("prefer", event_id, rank),
                                               f"event '{event_id}' has no option "
                                               f"'{option_id}'{did_you_mean(str(option_id), ids)}"))
                continue
            ranks[compiled.scenario.names.events[event_id], rank] = ids.index(option_id)
    fallback: Policy = random_policy
    if str(default).endswith((".yaml", ".yml")):
        problems.append(source.problem(("default",), "'default' is a way of choosing (random, "
                                                     "first, last, balanced, alternating, "
                                                     "historical or greedy:METER), not "
                                                     "another policy file"))
    else:
        try:
            fallback = make_policy(str(default), compiled)
        except PolicyError as err:
            problems.append(source.problem(("default",), str(err)))
    if problems:
        raise PolicyError(f"{describe(path)}: the policy file has problems", sorted(problems))

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        slots = fallback(state, available)
        preferred = ranks[np.maximum(state.event, 0)]  # (N, 4) slots in order of preference
        decided = np.zeros(state.size, dtype=bool)
        for rank in range(preferred.shape[1]):
            slot = preferred[:, rank]
            ok = ~decided & (slot >= 0) & available[np.arange(state.size), np.maximum(slot, 0)]
            slots = np.where(ok, slot, slots)
            decided |= ok
        return slots

    return choose


def make_policy(name: str, compiled: CompiledScenario) -> Policy:
    """A policy by name: random, first, last, balanced, greedy:METER, greedy:-METER (lowest),
    or a path to a policy file (.yaml)."""
    simple: dict[str, Callable[[], Policy]] = {
        "random": lambda: random_policy, "first": lambda: first_policy,
        "last": lambda: last_policy, "balanced": lambda: balanced_policy(compiled),
        "alternating": lambda: alternating_policy,
        "historical": lambda: historical_policy(compiled)}
    if name in simple:
        return simple[name]()
    if name.startswith("greedy:"):
        meter = name.removeprefix("greedy:")
        lowest = meter.startswith("-")
        meter = meter.lstrip("-")
        if meter not in compiled.scenario.names.meters:
            raise PolicyError(f"unknown meter '{meter}' in policy '{name}'"
                              f"{did_you_mean(meter, compiled.scenario.names.meters)}; "
                              f"meters are: {', '.join(compiled.scenario.names.meters)}")
        return greedy_policy(compiled, meter, lowest=lowest)
    if name.endswith((".yaml", ".yml")):
        return load_policy_file(Path(name), compiled)
    raise PolicyError(f"unknown policy '{name}'"
                      f"{did_you_mean(name, [*simple, 'greedy:METER'])}; use random, first, "
                      "last, balanced, alternating, historical, greedy:METER, greedy:-METER or "
                      "a policy file (.yaml)")


def standard_policies(compiled: CompiledScenario) -> dict[str, Policy]:
    """The fixed ways of choosing that the analyser compares against random play."""
    policies: dict[str, Policy] = {"first": first_policy, "last": last_policy,
                                   "alternating": alternating_policy,
                                   "balanced": balanced_policy(compiled)}
    if any(o.historical for e in compiled.scenario.file.events for o in e.options):
        policies["historical"] = historical_policy(compiled)
    for meter in compiled.scenario.meter_ids:
        policies[f"greedy:{meter}"] = greedy_policy(compiled, meter)
    return policies

"""The balance analyser: play a scenario many times with a policy and measure what happens.

It reports the ending distribution with confidence intervals, the meters at the end and turn
by turn, how often each card appears and each option is chosen and what choosing it does to the
chance of a good ending, whether a fixed way of choosing wins far more than others, and, for
each ending's thresholds, the value that would give a target rate. The same seed always gives
the same report.
"""

from __future__ import annotations

import ast
import math
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace
from typing import Any

import numpy as np

from balancing_act.analysis.policies import make_policy, random_policy, standard_policies
from balancing_act.analysis.tally import Tally
from balancing_act.engine.batch import BatchResult, Policy, play_many
from balancing_act.engine.compiled import CompiledScenario, compile_scenario
from balancing_act.scenario.conditions import Condition, compile_condition
from balancing_act.scenario.loader import Scenario

CHUNK = 50_000
PERCENTILES = (5, 25, 50, 75, 95)
DOMINANT_RATE = 0.6
COMPARISON_GAMES = 10_000
Z95 = 1.959964


def game_seeds(seed: int, runs: int, start: int = 0) -> np.ndarray:
    """The seeds of a simulation's games: game i of seed S is `Game(scenario, (S << 32) + i)`,
    so different simulation seeds never share games."""
    return (np.uint64(seed & 0xFFFFFFFF) << np.uint64(32)) + np.arange(
        start, start + runs, dtype=np.uint64)


def wilson(count: int, total: int) -> tuple[float, float]:
    """The 95% Wilson score interval for a rate of count/total."""
    if total == 0:
        return 0.0, 0.0
    p = count / total
    centre = (p + Z95**2 / (2 * total)) / (1 + Z95**2 / total)
    half = Z95 * math.sqrt(p * (1 - p) / total + Z95**2 / (4 * total**2)) / (1 + Z95**2 / total)
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class EndingStat:
    id: str
    title: str
    tone: str
    kind: str  # immediate, final or fallback
    line: int
    count: int
    rate: float
    ci95: tuple[float, float]


@dataclass(frozen=True)
class MeterStat:
    id: str
    label: str
    mean: float
    percentiles: dict[int, float]


@dataclass(frozen=True)
class EventStat:
    id: str
    title: str
    line: int
    reach_rate: float


@dataclass(frozen=True)
class OptionStat:
    event_id: str
    option_id: str
    label: str
    line: int
    pick_rate: float  # of the games that were shown its card
    good_with: float | None  # good-ending rate when picked (None: never picked)
    good_without: float | None  # when its card was shown but another option was picked


@dataclass(frozen=True)
class PolicyStat:
    name: str
    games: int
    good_rate: float
    endings: dict[str, float]
    dominant: bool


@dataclass(frozen=True)
class ThresholdAdvice:
    ending_id: str
    term: str
    meter: str
    current: float
    current_rate: float
    suggested: float
    suggested_rate: float


@dataclass
class SimulationReport:
    scenario_id: str
    scenario_title: str
    runs: int
    policy: str
    seed: int
    target_rate: float
    engine_seconds: float
    full_length_rate: float
    mean_decisions: float
    good_endings: list[str]
    endings: list[EndingStat]
    meters: list[MeterStat]
    bands: dict[str, list[dict[int, float]]]  # meter -> per decision round percentiles
    playing_by_round: list[int]
    events: list[EventStat]
    options: list[OptionStat]
    policies: list[PolicyStat] = field(default_factory=list)
    thresholds: list[ThresholdAdvice] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["endings"] = {e.id: {k: v for k, v in asdict(e).items() if k != "id"}
                           for e in self.endings}
        return data


ProgressCallback = Callable[[int, int], None]


def simulate(scenario: Scenario, *, runs: int = 10_000, policy: str = "random", seed: int = 0,
             target_rate: float = 0.25, compare: bool = True,
             progress: ProgressCallback | None = None) -> SimulationReport:
    """Play `runs` games of `scenario` with the named policy and build the report."""
    compiled = compile_scenario(scenario)
    chosen = make_policy(policy, compiled)
    result, tally, seconds = _play(compiled, chosen, seed, runs, progress)
    spec = scenario.file
    good = [i for i, e in enumerate(spec.endings) if e.tone == "good"]
    is_good = np.isin(result.ending, good)

    report = SimulationReport(
        scenario_id=spec.id, scenario_title=spec.title, runs=runs, policy=policy, seed=seed,
        target_rate=target_rate, engine_seconds=seconds,
        full_length_rate=float(np.mean(result.decisions == spec.turns)),
        mean_decisions=float(result.decisions.mean()),
        good_endings=[spec.endings[i].id for i in good],
        endings=_endings(scenario, result),
        meters=_meters(scenario, result.meters),
        bands=_bands(scenario, tally),
        playing_by_round=[int(p.sum()) for p in tally.playing_by_round],
        events=_events(scenario, result),
        options=_options(scenario, compiled, result, tally, is_good),
    )
    if compare:
        report.policies = _compare(compiled, seed, min(runs, COMPARISON_GAMES), good)
    report.thresholds = _thresholds(scenario, result, target_rate)
    return report


def _play(compiled: CompiledScenario, policy: Policy, seed: int, runs: int,
          progress: ProgressCallback | None) -> tuple[BatchResult, Tally, float]:
    """Play in chunks (bounded memory, a progress report per chunk) and join the results."""
    results, tallies = [], []
    seconds = 0.0
    for start in range(0, runs, CHUNK):
        count = min(CHUNK, runs - start)
        tally = Tally(compiled, count)
        begin = time.perf_counter()
        results.append(play_many(compiled, game_seeds(seed, count, start), policy, tally))
        seconds += time.perf_counter() - begin
        tallies.append(tally)
        if progress:
            progress(start + count, runs)
    if len(results) == 1:
        return results[0], tallies[0], seconds
    joined = BatchResult(*(np.concatenate([getattr(r, f) for r in results])
                           for f in BatchResult.__dataclass_fields__))
    merged = Tally(compiled, 0)
    merged.picked = np.concatenate([t.picked for t in tallies])
    merged.option_counts = sum(t.option_counts for t in tallies)
    merged.outcome_counts = sum(t.outcome_counts for t in tallies)
    rounds = max(len(t.meters_by_round) for t in tallies)
    for r in range(rounds):
        meters, playing = [], []
        for t, res in zip(tallies, results, strict=True):
            if r < len(t.meters_by_round):
                meters.append(t.meters_by_round[r])
                playing.append(t.playing_by_round[r])
            else:
                meters.append(res.meters.astype(np.float32))
                playing.append(np.zeros(res.seeds.size, dtype=bool))
        merged.meters_by_round.append(np.concatenate(meters))
        merged.playing_by_round.append(np.concatenate(playing))
    return joined, merged, seconds


def _line(scenario: Scenario, path: tuple) -> int:
    return scenario.source.where(path)[0]


def _endings(scenario: Scenario, result: BatchResult) -> list[EndingStat]:
    counts = np.bincount(result.ending, minlength=len(scenario.file.endings))
    total = result.ending.size
    stats = []
    for i, ending in enumerate(scenario.file.endings):
        kind = "fallback" if ending.fallback else "final" if ending.final else "immediate"
        stats.append(EndingStat(ending.id, ending.title, ending.tone, kind,
                                _line(scenario, ("endings", i)), int(counts[i]),
                                float(counts[i] / total), wilson(int(counts[i]), total)))
    return stats


def _meters(scenario: Scenario, meters: np.ndarray) -> list[MeterStat]:
    stats = []
    for m, (meter_id, meter) in enumerate(scenario.file.meters.items()):
        values = np.percentile(meters[:, m], PERCENTILES)
        stats.append(MeterStat(meter_id, meter.label, float(meters[:, m].mean()),
                               {p: float(v) for p, v in zip(PERCENTILES, values, strict=True)}))
    return stats


def _bands(scenario: Scenario, tally: Tally) -> dict[str, list[dict[int, float]]]:
    bands: dict[str, list[dict[int, float]]] = {m: [] for m in scenario.meter_ids}
    for meters, playing in zip(tally.meters_by_round, tally.playing_by_round, strict=True):
        if not playing.any():
            continue
        values = np.percentile(meters[playing], PERCENTILES, axis=0)
        for m, meter_id in enumerate(scenario.meter_ids):
            bands[meter_id].append({p: float(values[i, m]) for i, p in enumerate(PERCENTILES)})
    return bands


def _events(scenario: Scenario, result: BatchResult) -> list[EventStat]:
    reach = result.seen.mean(axis=0)
    return [EventStat(e.id, e.title, _line(scenario, ("events", i)), float(reach[i]))
            for i, e in enumerate(scenario.file.events)]


def _options(scenario: Scenario, compiled: CompiledScenario, result: BatchResult,
             tally: Tally, is_good: np.ndarray) -> list[OptionStat]:
    stats = []
    for number, (column, option) in enumerate(compiled.options):
        event = scenario.file.events[column]
        shown = result.seen[:, column]
        picked = tally.picked[:, number]
        other = shown & ~picked
        k = event.options.index(option)
        stats.append(OptionStat(
            event.id, option.id, option.label,
            _line(scenario, ("events", column, "options", k)),
            float(picked.sum() / shown.sum()) if shown.any() else 0.0,
            float(is_good[picked].mean()) if picked.any() else None,
            float(is_good[other].mean()) if other.any() else None))
    return stats


def _compare(compiled: CompiledScenario, seed: int, games: int,
             good: list[int]) -> list[PolicyStat]:
    """Random play against each fixed way of choosing, on the same seeds."""
    endings = compiled.scenario.file.endings
    policies = {"random": random_policy, **standard_policies(compiled)}
    stats = []
    for name, policy in policies.items():
        result = play_many(compiled, game_seeds(seed, games), policy)
        counts = np.bincount(result.ending, minlength=len(endings)) / games
        good_rate = float(np.isin(result.ending, good).mean()) if good else 0.0
        stats.append(PolicyStat(name, games, good_rate,
                                {e.id: float(counts[i]) for i, e in enumerate(endings)},
                                dominant=name != "random" and good_rate >= DOMINANT_RATE))
    return stats


def _thresholds(scenario: Scenario, result: BatchResult,
                target: float) -> list[ThresholdAdvice]:
    """For each `meter OP number` in an ending's condition: the number that would make the
    condition hold at the end of `target` of the games (other terms kept as they are)."""
    state = SimpleNamespace(meters=result.meters, flags=result.flags, turn=result.turn,
                            seen=result.seen)
    advice = []
    for ending in scenario.file.endings:
        if not isinstance(ending.when, str):
            continue
        tree = ast.parse(ending.when.strip(), mode="eval")
        for term in _threshold_terms(tree, scenario):
            meter_node, constant = term
            spec = scenario.file.meters[meter_node.id]
            current_rate = _rate(ast.unparse(tree), scenario, state)
            original = constant.value
            candidates = []
            for value in range(spec.min, spec.max + 1):
                constant.value = value
                rate = _rate(ast.unparse(tree), scenario, state)
                # closest to the target first; among equals, the smallest change
                candidates.append((round(abs(rate - target), 9), abs(value - original), value,
                                   rate))
            constant.value = original
            _, _, suggested, suggested_rate = min(candidates)
            advice.append(ThresholdAdvice(ending.id, _term_text(tree, meter_node, constant),
                                          meter_node.id, float(original), current_rate,
                                          float(suggested), suggested_rate))
    return advice


def _threshold_terms(tree: ast.AST, scenario: Scenario) -> list[tuple[ast.Name, ast.Constant]]:
    terms = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            left, right = node.left, node.comparators[0]
            for name, const in ((left, right), (right, left)):
                is_meter = isinstance(name, ast.Name) and name.id in scenario.file.meters
                is_number = isinstance(const, ast.Constant) and not isinstance(
                    const.value, bool) and isinstance(const.value, int | float)
                if is_meter and is_number:
                    terms.append((name, const))
    return terms


def _term_text(tree: ast.AST, name: ast.Name, constant: ast.Constant) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and {id(node.left), id(node.comparators[0])} == {
                id(name), id(constant)}:
            return ast.unparse(node)
    return name.id


def _rate(text: str, scenario: Scenario, state: SimpleNamespace) -> float:
    condition = compile_condition(text, scenario.names)
    assert isinstance(condition, Condition)
    return float(condition.evaluate(state).mean())  # type: ignore[arg-type]

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
from balancing_act.engine.state import BatchState
from balancing_act.scenario.conditions import Condition, compile_condition
from balancing_act.scenario.figures import trust_figures
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.thresholds import Op, term_nodes, thresholds

CHUNK = 50_000
PERCENTILES = (5, 25, 50, 75, 95)
DOMINANT_RATE = 0.4  # content-design.md: no fixed way of choosing above 40% good endings
NEAR_DANGER_POINTS = 10
COMPARISON_GAMES = 2_000  # per way of choosing: verdicts as at 10,000 on every shipped scenario
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
    # the interval always contains the rate itself (rounding can push an end past it at 0 or 1)
    return max(0.0, min(p, centre - half)), min(1.0, max(p, centre + half))


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
    by_turn: list[int] = field(default_factory=list)  # games ending on turn 1, 2, ...

    def turn_span(self) -> tuple[int, int, int] | None:
        """The turns it fires on: (5th percentile, median, 95th percentile), or None."""
        if not self.count:
            return None
        running = np.cumsum(self.by_turn)
        picks = [int(np.searchsorted(running, q * self.count)) + 1 for q in (0.05, 0.5, 0.95)]
        return picks[0], picks[1], picks[2]


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
    by_turn: list[float] = field(default_factory=list)  # share of games shown it on each turn


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
class FlagStat:
    """How often a flag is true at some point, and at the end, and when it first becomes so."""

    id: str
    line: int
    set_rate: float
    end_rate: float
    first_turn: float | None  # median turn it first holds, in the games where it does


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


@dataclass(frozen=True)
class TargetCheck:
    """One of the teaching targets of docs/balance.md, measured."""

    name: str
    measured: str
    target: str
    met: bool


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
    turns: int = 0
    flags: list[FlagStat] = field(default_factory=list)
    near_danger_rate: float = 0.0  # games within NEAR_DANGER_POINTS of an immediate ending
    trust: dict[str, Any] | None = None  # the balance figures of scenario/figures.py
    policies: list[PolicyStat] = field(default_factory=list)
    thresholds: list[ThresholdAdvice] = field(default_factory=list)
    targets: list[TargetCheck] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["endings"] = {e.id: {k: v for k, v in asdict(e).items() if k != "id"}
                           for e in self.endings}
        return data


ProgressCallback = Callable[[int, int], None]


def simulate(scenario: Scenario, *, runs: int = 10_000, policy: str = "random", seed: int = 0,
             target_rate: float = 0.25, compare: bool = True,
             compare_games: int = COMPARISON_GAMES,
             progress: ProgressCallback | None = None) -> SimulationReport:
    """Play `runs` games of `scenario` with the named policy and build the report; the fixed
    ways of choosing are compared on the first `compare_games` seeds (at most `runs`)."""
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
        turns=spec.turns,
        flags=_flags(scenario, result, tally),
        meters=_meters(scenario, result.meters),
        bands=_bands(scenario, tally),
        playing_by_round=[int(p.sum()) for p in tally.playing_by_round],
        events=_events(scenario, result, tally),
        options=_options(scenario, compiled, result, tally, is_good),
        near_danger_rate=_near_danger(scenario, tally, result),
    )
    figures = trust_figures(spec)
    report.trust = figures.to_dict() if figures else None
    if compare:
        report.policies = _compare(compiled, seed, min(runs, compare_games), good,
                                   (policy, result))
        report.targets = teaching_targets(report)
    report.thresholds = _thresholds(scenario, result, target_rate)
    return report


def _near_danger(scenario: Scenario, tally: Tally, result: BatchResult) -> float:
    """The share of games that at some point stood within NEAR_DANGER_POINTS of a threshold
    of an immediate ending (`meter >= 90`, `autonomy <= 15`, ...), or reached one."""
    spec = scenario.file
    terms = []
    for ending in spec.endings:
        if ending.final or ending.fallback or not isinstance(ending.when, str):
            continue
        for term in thresholds(ending.when, spec.meters):
            if term.op not in ("==", "!="):
                terms.append((scenario.names.meters[term.meter], term.value, term.upward))
    immediate = [i for i, e in enumerate(spec.endings) if not (e.final or e.fallback)]
    near = np.isin(result.ending, immediate)
    start = np.broadcast_to(np.array([m.start for m in spec.meters.values()], dtype=float),
                            (result.meters.shape[0], len(spec.meters)))
    for meters in [start, *tally.meters_by_round]:
        for column, threshold, upward in terms:
            values = meters[:, column]
            distance = threshold - values if upward else values - threshold
            near |= distance <= NEAR_DANGER_POINTS
    return float(near.mean()) if near.size else 0.0


def beside(value: float, limit: float, decimals: int = 0) -> str:
    """`value` as a percentage, with as many decimals as it takes to show which side of
    `limit` it is on (0.97% against a 1% target reads 0.97%, not 1.0%)."""
    text = ""
    for shown in range(decimals, decimals + 4):
        text = f"{value:.{shown}%}"
        if value == limit or round(value * 100, shown) != round(limit * 100, shown):
            break
    return text


def teaching_targets(report: SimulationReport) -> list[TargetCheck]:
    """The targets of content-design.md, as far as this report can measure them."""
    checks = []
    trust = report.trust
    if trust is not None:
        checks.append(TargetCheck("options moving the two trusts in opposite directions",
                                  beside(trust["seesaw_share"], 0.5), "at most 50%",
                                  trust["seesaw_share"] <= 0.5))
        checks.append(TargetCheck("options raising both trusts",
                                  beside(trust["both_up_share"], 0.1), "at least 10%",
                                  trust["both_up_share"] >= 0.1))
        gap = trust["autonomy_gap"]
        if gap is not None:
            checks.append(TargetCheck("autonomy gap between options favouring each partner",
                                      f"{gap:+.2f}", "within ±0.6", abs(gap) <= 0.6))
    rates = {p.name: p.good_rate for p in report.policies}
    if "historical" in rates:
        checks.append(TargetCheck("good endings always choosing what India did",
                                  beside(rates["historical"], 0.4), "at most 40%",
                                  rates["historical"] <= 0.4))
        if "balanced" in rates:
            lead = rates["historical"] - rates["balanced"]
            checks.append(TargetCheck("lead of 'historical' over 'balanced'",
                                      f"{lead * 100:+.1f} points", "at most +8 points",
                                      lead <= 0.08 + 1e-9))
    fixed = {n: r for n, r in rates.items() if n not in ("random", "historical")}
    if fixed:
        name, best = max(fixed.items(), key=lambda item: item[1])
        checks.append(TargetCheck("best fixed way of choosing",
                                  f"{name} {beside(best, DOMINANT_RATE)}",
                                  "at most 40%", best <= DOMINANT_RATE))
    rarest = min(report.endings, key=lambda e: e.rate)
    checks.append(TargetCheck("rarest ending", f"{rarest.id} {beside(rarest.rate, 0.01, 1)}",
                              "at least 1%",
                              rarest.rate >= 0.01))
    checks.append(TargetCheck(f"games within {NEAR_DANGER_POINTS} points of an immediate "
                              "ending", beside(report.near_danger_rate, 0.2), "at least 20%",
                              report.near_danger_rate >= 0.2))
    return checks


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
    merged.option_counts = np.sum([t.option_counts for t in tallies], axis=0)
    merged.outcome_counts = np.sum([t.outcome_counts for t in tallies], axis=0)
    merged.cards_by_turn = np.sum([t.cards_by_turn for t in tallies], axis=0)
    merged.flag_first = np.concatenate([t.flag_first for t in tallies])
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


def _line(scenario: Scenario, path: tuple[str | int, ...]) -> int:
    return scenario.source.where(path)[0]


def _endings(scenario: Scenario, result: BatchResult) -> list[EndingStat]:
    count = len(scenario.file.endings)
    counts = np.bincount(result.ending, minlength=count)
    turns = scenario.file.turns
    fired = np.clip(result.decisions, 1, turns)  # an ending fires on its last decision's turn
    by_turn = np.bincount(result.ending * turns + fired - 1,
                          minlength=count * turns).reshape(count, turns)
    total = result.ending.size
    stats = []
    for i, ending in enumerate(scenario.file.endings):
        kind = "fallback" if ending.fallback else "final" if ending.final else "immediate"
        stats.append(EndingStat(ending.id, ending.title, ending.tone, kind,
                                _line(scenario, ("endings", i)), int(counts[i]),
                                float(counts[i] / total), wilson(int(counts[i]), total),
                                [int(n) for n in by_turn[i]]))
    return stats


def _flags(scenario: Scenario, result: BatchResult, tally: Tally) -> list[FlagStat]:
    spec = scenario.file
    stats = []
    for name, column in scenario.names.flags.items():
        first = tally.flag_first[:, column]
        ever = first > 0
        path: tuple[str | int, ...] = ("flags", name) if name in spec.flags else ("format",)
        stats.append(FlagStat(
            name, scenario.source.where(path, key=name in spec.flags)[0],
            float(ever.mean()) if ever.size else 0.0,
            float(result.flags[:, column].mean()) if result.flags.size else 0.0,
            float(np.median(first[ever])) if ever.any() else None))
    return stats


def _meters(scenario: Scenario, meters: np.ndarray) -> list[MeterStat]:
    stats = []
    for m, (meter_id, meter) in enumerate(scenario.file.meters.items()):
        values = np.percentile(meters[:, m], PERCENTILES)
        stats.append(MeterStat(meter_id, meter.label, float(meters[:, m].mean()),
                               {p: float(v) for p, v in zip(PERCENTILES, values, strict=True)}))
    return stats


def _bands(scenario: Scenario, tally: Tally) -> dict[str, list[dict[int, float]]]:
    """Each meter's percentiles after each round, over the games that decided in it."""
    bands: dict[str, list[dict[int, float]]] = {m: [] for m in scenario.meter_ids}
    for meters, playing in zip(tally.meters_by_round, tally.playing_by_round, strict=True):
        if not playing.any():
            continue
        values = _percentiles(scenario, meters[playing])
        for m, meter_id in enumerate(scenario.meter_ids):
            bands[meter_id].append({p: float(values[i, m]) for i, p in enumerate(PERCENTILES)})
    return bands


HISTOGRAM_CELLS = 1 << 20  # meter ranges up to this wide are counted, not sorted


def _percentiles(scenario: Scenario, values: np.ndarray) -> np.ndarray:
    """(len(PERCENTILES), M): np.percentile(values, PERCENTILES, axis=0), for games' meters.

    Meters hold whole numbers within their ranges, so one bincount over all meters gives
    every order statistic without sorting 100,000 values per meter and round; the
    interpolation between neighbouring order statistics is numpy's ("linear")."""
    meters = list(scenario.file.meters.values())
    low = np.array([m.min for m in meters], dtype=np.int64)
    width = np.array([m.max - m.min + 1 for m in meters], dtype=np.int64)
    if int(width.sum()) > HISTOGRAM_CELLS or not values.shape[0]:
        return np.asarray(np.percentile(values, PERCENTILES, axis=0))
    offsets = np.concatenate([[0], np.cumsum(width)[:-1]])
    cells = (values.astype(np.int64) - low) + offsets
    counts = np.bincount(cells.ravel(), minlength=int(width.sum()))
    n = values.shape[0]
    q = np.array(PERCENTILES, dtype=np.float64) / 100
    virtual = (n - 1) * q  # numpy's virtual index for the linear method
    below = np.floor(virtual)
    gamma = virtual - below
    lower = np.clip(below, 0, n - 1).astype(np.int64)
    upper = np.clip(below + 1, 0, n - 1).astype(np.int64)
    result = np.empty((q.size, low.size))
    for m in range(low.size):
        running = np.cumsum(counts[offsets[m]:offsets[m] + width[m]])
        a = (np.searchsorted(running, lower, side="right") + low[m]).astype(np.float64)
        b = (np.searchsorted(running, upper, side="right") + low[m]).astype(np.float64)
        difference = b - a  # numpy's lerp
        result[:, m] = np.where(gamma >= 0.5, b - difference * (1 - gamma),
                                a + difference * gamma)
    return result


def _events(scenario: Scenario, result: BatchResult, tally: Tally) -> list[EventStat]:
    reach = result.seen.mean(axis=0)
    games = max(result.seen.shape[0], 1)
    return [EventStat(e.id, e.title, _line(scenario, ("events", i)), float(reach[i]),
                      [float(n / games) for n in tally.cards_by_turn[:, i]])
            for i, e in enumerate(scenario.file.events)]


def _options(scenario: Scenario, compiled: CompiledScenario, result: BatchResult,
             tally: Tally, is_good: np.ndarray) -> list[OptionStat]:
    """Pick rates and good-ending rates of every option, from a few whole-matrix sums (one
    pass over the games for all options at once)."""
    columns = np.array([column for column, _ in compiled.options], dtype=np.int64)
    picked = tally.picked[:, : columns.size]
    # An option is only picked where its card was shown, so "shown, another option picked"
    # is "shown" less "picked", per option and among the good endings.
    shown_n = np.count_nonzero(result.seen, axis=0)[columns]
    picked_n = np.count_nonzero(picked, axis=0)
    good_picked = np.count_nonzero(picked[is_good], axis=0)
    other_n = shown_n - picked_n
    good_other = np.count_nonzero(result.seen[is_good], axis=0)[columns] - good_picked
    stats = []
    for number, (column, option) in enumerate(compiled.options):
        event = scenario.file.events[column]
        k = event.options.index(option)
        stats.append(OptionStat(
            event.id, option.id, option.label,
            _line(scenario, ("events", column, "options", k)),
            float(picked_n[number] / shown_n[number]) if shown_n[number] else 0.0,
            float(good_picked[number] / picked_n[number]) if picked_n[number] else None,
            float(good_other[number] / other_n[number]) if other_n[number] else None))
    return stats


def _compare(compiled: CompiledScenario, seed: int, games: int, good: list[int],
             played: tuple[str, BatchResult]) -> list[PolicyStat]:
    """Random play against each fixed way of choosing, on the same seeds (the first seeds of
    the simulation). All of them are played as one batch, a block of rows per way of choosing,
    which costs far less than a batch each (each game plays as it would alone). The games of
    the main run are used again where its policy is one of these."""
    endings = compiled.scenario.file.endings
    policies = {"random": random_policy, **standard_policies(compiled)}
    reused, main = played
    names = [name for name in policies if name != reused]
    seeds = game_seeds(seed, games)
    results: dict[str, np.ndarray] = {}
    if reused in policies:
        results[reused] = main.ending[:games]
    if names:
        blocks = [policies[name] for name in names]
        batch = play_many(compiled, np.tile(seeds, len(names)), _blockwise(blocks, games))
        for block, name in enumerate(names):
            results[name] = batch.ending[block * games:(block + 1) * games]
    stats = []
    for name in policies:
        ending = results[name]
        counts = np.bincount(ending, minlength=len(endings)) / games
        good_rate = float(np.isin(ending, good).mean()) if good else 0.0
        stats.append(PolicyStat(name, games, good_rate,
                                {e.id: float(counts[i]) for i, e in enumerate(endings)},
                                dominant=name != "random" and good_rate > DOMINANT_RATE))
    return stats


def _blockwise(policies: list[Policy], games: int) -> Policy:
    """One policy for a batch made of blocks of `games` rows: block k chooses by policies[k],
    seeing only its own rows (views of the batch's arrays)."""
    lists = ("landed_rows", "scheduled_rows")  # lists of row numbers, not one entry per game
    per_game = [name for name in BatchState.__dataclass_fields__ if name not in lists]

    def choose(state: BatchState, available: np.ndarray) -> np.ndarray:
        slots = np.zeros(state.size, dtype=np.int64)
        for block, policy in enumerate(policies):
            rows = slice(block * games, (block + 1) * games)
            part = BatchState(**{name: getattr(state, name)[rows] for name in per_game},
                              **{name: np.zeros(0, dtype=np.int64) for name in lists})
            slots[rows] = policy(part, available[rows])
        return slots

    return choose


def _thresholds(scenario: Scenario, result: BatchResult,
                target: float) -> list[ThresholdAdvice]:
    """For each `meter OP number` in an ending's condition: the number that would make the
    condition hold at the end of `target` of the games (other terms kept as they are).

    The condition is compiled twice per term, with the term replaced by `true` and by
    `false`; a game then meets the condition at threshold c exactly when it meets the
    version its own `meter OP c` selects. Ranking each meter's values once gives the rate at
    every candidate threshold from prefix sums, however wide the meter's range."""
    state = SimpleNamespace(meters=result.meters, flags=result.flags, turn=result.turn,
                            seen=result.seen)
    ranked: dict[str, _Ranked] = {}
    advice = []
    for ending in scenario.file.endings:
        if not isinstance(ending.when, str):
            continue
        tree = ast.parse(ending.when.strip(), mode="eval")
        for term in term_nodes(tree, scenario.file.meters):
            meter_node, constant, compare, operator_ = (term.meter, term.constant, term.compare,
                                                        term.op)
            spec = scenario.file.meters[meter_node.id]
            original = float(constant.value)  # type: ignore[arg-type]
            holds = {}
            for value in (True, False):
                replaced = _replace(tree, compare, value)
                holds[value] = _holds(ast.unparse(replaced), scenario, state)
            if meter_node.id not in ranked:
                ranked[meter_node.id] = _Ranked(
                    result.meters[:, scenario.names.meters[meter_node.id]], spec.min, spec.max)
            meter = ranked[meter_node.id]
            candidates = meter.candidates(original)
            rates = _rates_at(meter, holds[True], holds[False], operator_, candidates)
            current_rate = float(_rates_at(meter, holds[True], holds[False], operator_,
                                           np.array([original]))[0])
            order = np.lexsort((np.abs(candidates - original),
                                np.round(np.abs(rates - target), 9)))
            best = order[0]
            advice.append(ThresholdAdvice(ending.id, ast.unparse(compare), meter_node.id,
                                          original, current_rate, float(candidates[best]),
                                          float(rates[best])))
    return advice


class _Ranked:
    """One meter's final values, each game's as its rank among the distinct values there can
    be: for a meter of whole numbers within a moderate range those are simply its numbers
    (counting, no sort), else the distinct values that occur."""

    def __init__(self, values: np.ndarray, low: int, high: int) -> None:
        self.values, self.low, self.high = values, low, high
        if high - low + 1 <= HISTOGRAM_CELLS:
            self.universe = np.arange(low, high + 1, dtype=np.float64)
            self.rank = values.astype(np.int64) - low
            self.counted = True
        else:
            self.universe, inverse = np.unique(values, return_inverse=True)
            self.rank = inverse.reshape(-1)
            self.counted = False

    def candidates(self, original: float) -> np.ndarray:
        """Thresholds worth trying: each value that occurs and its neighbours, the current
        threshold and both ends of the range."""
        ends = [original, self.low, self.high]
        if not self.counted:
            rounded = np.round(self.values)
            return np.unique(np.clip(np.concatenate([rounded, rounded + 1, rounded - 1, ends]),
                                     self.low, self.high))
        present = np.bincount(self.rank, minlength=self.universe.size) > 0
        near = present.copy()
        near[1:] |= present[:-1]
        near[:-1] |= present[1:]
        return np.unique(np.clip(np.concatenate([self.universe[near], ends]),
                                 self.low, self.high))

    def prefix(self, weights: np.ndarray) -> np.ndarray:
        """[0, then the running total of `weights` over the values in order]."""
        totals = np.bincount(self.rank, weights=weights, minlength=self.universe.size)
        return np.concatenate([[0.0], np.cumsum(totals)])


def _rates_at(meter: _Ranked, when_true: np.ndarray, when_false: np.ndarray, op: Op,
              candidates: np.ndarray) -> np.ndarray:
    """For each threshold c: the share of games meeting the condition when the term reads
    `value OP c` (the condition is `when_true` where the term holds, else `when_false`)."""
    true_sum = meter.prefix(when_true)
    false_sum = meter.prefix(when_false)
    total = meter.universe.size
    left = np.searchsorted(meter.universe, candidates, side="left")
    right = np.searchsorted(meter.universe, candidates, side="right")
    games = meter.values.size

    def term_holds_on(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
        inside = true_sum[stop] - true_sum[start]
        outside = false_sum[total] - (false_sum[stop] - false_sum[start])
        return np.asarray((inside + outside) / max(games, 1), dtype=float)

    zero, end = np.zeros_like(left), np.full_like(left, total)
    if op == ">=":
        return term_holds_on(left, end)
    if op == ">":
        return term_holds_on(right, end)
    if op == "<=":
        return term_holds_on(zero, right)
    if op == "<":
        return term_holds_on(zero, left)
    if op == "==":
        return term_holds_on(left, right)
    outside_true = true_sum[total] - (true_sum[right] - true_sum[left])  # NotEq
    inside_false = false_sum[right] - false_sum[left]
    return np.asarray((outside_true + inside_false) / max(games, 1), dtype=float)


def _replace(tree: ast.Expression, target: ast.AST, value: bool) -> ast.Expression:
    """A copy of `tree` with the node `target` replaced by the constant `value`."""

    class Swap(ast.NodeTransformer):
        def visit_Compare(self, node: ast.Compare) -> ast.AST:
            if node is target:
                return ast.Constant(value)
            self.generic_visit(node)
            return node

    copy = ast.Expression(body=Swap().visit(_clone(tree.body, target)))
    return ast.fix_missing_locations(copy)


def _clone(node: ast.AST, keep: ast.AST) -> ast.AST:
    """A shallow structural copy that keeps the identity of `keep`, so it can be found."""
    if node is keep:
        return node
    fields: dict[str, object] = {}
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            fields[name] = [_clone(v, keep) if isinstance(v, ast.AST) else v for v in value]
        elif isinstance(value, ast.AST):
            fields[name] = _clone(value, keep)
        else:
            fields[name] = value
    return type(node)(**fields)


def _holds(text: str, scenario: Scenario, state: SimpleNamespace) -> np.ndarray:
    condition = compile_condition(text, scenario.names)
    assert isinstance(condition, Condition)
    return np.asarray(condition.evaluate(state), dtype=bool)  # type: ignore[arg-type, unused-ignore]

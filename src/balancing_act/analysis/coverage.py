"""Coverage: search the decisions until every card, option, chance result and ending has come
up, then say what never did, with its line. ChoiceScript's quicktest, for this format.

The search plays batches of games with the seeded engine, cycling through ways of choosing:
the least-tried option (an explorer), random play, pushing each meter up and down, keeping
meters central, always first and always last. It stops when everything is reached or when a
whole cycle brings nothing new.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from balancing_act.analysis.policies import (
    balanced_policy,
    first_policy,
    greedy_policy,
    last_policy,
    least_tried_policy,
    random_policy,
)
from balancing_act.analysis.simulate import game_seeds
from balancing_act.analysis.tally import Tally
from balancing_act.engine.batch import Policy, play_many
from balancing_act.engine.compiled import compile_scenario
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.problems import Problem

BATCH = 2_000
MAX_GAMES = 400_000
STALLED_CYCLES = 2


@dataclass
class CoverageReport:
    games: int
    seconds: float
    totals: dict[str, int]
    reached: dict[str, int]
    missing: list[Problem] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)  # why much was missed, when it is clear

    @property
    def complete(self) -> bool:
        return not self.missing

    def summary(self) -> str:
        parts = [f"{self.reached[k]} of {self.totals[k]} {k}" for k in self.totals]
        return (f"coverage: {', '.join(parts)} reached in {self.games:,} games "
                f"({self.seconds:.1f} s)")


def coverage(scenario: Scenario, *, seed: int = 0, max_games: int = MAX_GAMES) -> CoverageReport:
    """Search for every card, option, chance result and ending; report what was not found."""
    begin = time.perf_counter()
    compiled = compile_scenario(scenario)
    spec = scenario.file
    tried = np.zeros(len(compiled.options) + 1, dtype=np.int64)
    policies: list[Policy] = [least_tried_policy(compiled, tried), random_policy]
    for meter in scenario.meter_ids:
        policies += [greedy_policy(compiled, meter), greedy_policy(compiled, meter, lowest=True)]
    policies += [balanced_policy(compiled), first_policy, last_policy]

    seen_events = np.zeros(len(spec.events), dtype=bool)
    drawn = np.zeros(len(compiled.outcomes) + 1, dtype=bool)
    endings = np.zeros(len(spec.endings), dtype=bool)
    early = np.zeros(len(spec.endings), dtype=np.int64)  # games each ending ended early
    lengths: list[np.ndarray] = []
    games = 0
    stalled = 0

    def found() -> int:
        return int(seen_events.sum() + (tried[:-1] > 0).sum() + drawn[:-1].sum() + endings.sum())

    total = len(spec.events) + len(compiled.options) + len(compiled.outcomes) + len(endings)
    while games < max_games and found() < total and stalled < STALLED_CYCLES:
        before = found()
        for policy in policies:
            tally = Tally(compiled, BATCH, track_meters=False)
            result = play_many(compiled, game_seeds(seed, BATCH, games), policy, tally)
            games += BATCH
            seen_events |= result.seen.any(axis=0)
            tried += tally.option_counts
            drawn |= tally.outcome_counts > 0
            endings[np.unique(result.ending)] = True
            short = result.decisions < spec.turns
            early += np.bincount(result.ending[short], minlength=len(spec.endings))
            lengths.append(result.decisions)
            if found() == total or games >= max_games:
                break
        stalled = stalled + 1 if found() == before else 0

    report = CoverageReport(
        games=games, seconds=time.perf_counter() - begin,
        totals={"cards": len(spec.events), "options": len(compiled.options),
                "chance results": len(compiled.outcomes), "endings": len(endings)},
        reached={"cards": int(seen_events.sum()), "options": int((tried[:-1] > 0).sum()),
                 "chance results": int(drawn[:-1].sum()), "endings": int(endings.sum())})
    source = scenario.source

    def missing(path: tuple[str | int, ...], message: str) -> None:
        report.missing.append(source.problem(path, message, severity="warning"))

    for e, event in enumerate(spec.events):
        if not seen_events[e]:
            missing(("events", e), f"card '{event.id}' never appeared")
    for number, (e, option) in enumerate(compiled.options):
        event = spec.events[e]
        if seen_events[e] and not tried[number]:
            k = event.options.index(option)
            missing(("events", e, "options", k),
                    f"option '{option.id}' of card '{event.id}' was never available")
    for number, (option_number, j, _) in enumerate(compiled.outcomes):
        e, option = compiled.options[option_number]
        if tried[option_number] and not drawn[number]:
            k = spec.events[e].options.index(option)
            missing(("events", e, "options", k, "chance", j),
                    f"chance result {j + 1} of option '{option.id}' never happened")
    for n, ending in enumerate(spec.endings):
        if not endings[n]:
            missing(("endings", n), f"ending '{ending.id}' was never reached")
    report.missing.sort()
    if report.missing:
        report.causes = _early_endings(scenario, np.concatenate(lengths), early)
    return report


def _early_endings(scenario: Scenario, lengths: np.ndarray, early: np.ndarray) -> list[str]:
    """When most games stop long before the last turn, the endings that stop them: the usual
    reason why much of a scenario is never reached (an ending without `final: true`)."""
    turns = scenario.file.turns
    median = float(np.median(lengths))
    if median > turns / 2:
        return []
    stopped = int((lengths < turns).sum())
    causes = [f"why: half the games end after {median:g} decision(s) of {turns}; "
              f"{stopped / lengths.size:.0%} end before the last turn"]
    for n in np.argsort(-early):
        if early[n] * 10 < stopped:  # the endings that stop at least a tenth of them
            break
        ending = scenario.file.endings[int(n)]
        line, _ = scenario.source.where(("endings", int(n)))
        where = f"{scenario.source.file}:{line}"
        share = f"ends {early[n] / stopped:.0%} of those games early"
        if ending.final or ending.fallback:  # checked early only when no card is left
            kind = "fallback" if ending.fallback else "final"
            causes.append(f"  {where}: ending '{ending.id}' ({kind}) {share}: no card was left "
                          "to draw (each was once-only and shown, or its `when` did not hold); "
                          "add cards, or let some come again with `once: false`")
        else:
            causes.append(f"  {where}: ending '{ending.id}' (immediate) {share}; if it is meant "
                          "for the end of the game, give it `final: true`")
    return causes

"""Balance figures for every shipped scenario, as the Markdown that docs/balance.md records:
10,000 seeded random games each, the rarest ending, the best fixed way of choosing, and how
many games run their full turns. Prints figures; asserts nothing.

Targets (issue: scenarios): every ending reached in at least 1% of random games; no fixed
policy (first, last, greedy for any one meter) reaches a good ending in more than 60% of games;
most games of the focused scenarios run their full turns.
"""

from __future__ import annotations

from balancing_act.analysis.coverage import coverage
from balancing_act.analysis.simulate import simulate
from balancing_act.resources import shipped_scenario_files
from balancing_act.scenario import load_scenario
from balancing_act.scenario.lint import lint

RUNS = 10_000
SEED = 0


def main() -> None:
    print("| scenario | cards | turns | strict lint | coverage | rarest ending | good endings "
          "(random) | best fixed policy (good endings) | full-length games |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    details = []
    for path in sorted(shipped_scenario_files()):
        scenario = load_scenario(path)
        report = simulate(scenario, runs=RUNS, seed=SEED)
        rarest = min(report.endings, key=lambda e: e.rate)
        fixed = [p for p in report.policies if p.name != "random"]
        best = max(fixed, key=lambda p: p.good_rate)
        good = sum(e.rate for e in report.endings if e.tone == "good")
        covered = coverage(scenario)
        print(f"| {path.name} | {len(scenario.file.events)} | {scenario.file.turns} | "
              f"{'clean' if not lint(scenario) else 'warnings'} | "
              f"{'complete' if covered.complete else 'incomplete'} | "
              f"{rarest.id} {rarest.rate:.1%} | {good:.1%} | {best.name} {best.good_rate:.1%} | "
              f"{report.full_length_rate:.0%} |")
        details.append((path.name, report))
    for name, report in details:
        print(f"\n{name}: " + ", ".join(f"{e.id} {e.rate:.1%}" for e in report.endings))


if __name__ == "__main__":
    main()

"""Balance figures for every shipped scenario, as the Markdown that docs/balance.md records:
10,000 seeded random games each, the rarest ending, the best fixed way of choosing, and how
many games run their full turns. Prints figures; asserts nothing.

Targets (docs/balance.md, from content-design.md): the seesaw share at most 50% and the both-up
share at least 10% of the options that move trust; an autonomy gap within 0.6; always choosing
what India did at most 40% good endings and at most 8 points above `balanced`; no fixed policy
above 40%; every ending at least 1%; at least 20% of games near an immediate ending.
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
          "(random) | best fixed policy (good endings) | historical (good endings) | "
          "full-length games |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    details = []
    for path in sorted(shipped_scenario_files()):
        scenario = load_scenario(path)
        report = simulate(scenario, runs=RUNS, seed=SEED, compare_games=RUNS)
        rarest = min(report.endings, key=lambda e: e.rate)
        rates = {p.name: p.good_rate for p in report.policies}
        fixed = {n: r for n, r in rates.items() if n not in ("random", "historical")}
        best = max(fixed, key=lambda n: fixed[n])
        good = sum(e.rate for e in report.endings if e.tone == "good")
        history = f"{rates['historical']:.1%}" if "historical" in rates else "-"
        covered = coverage(scenario)
        print(f"| {path.name} | {len(scenario.file.events)} | {scenario.file.turns} | "
              f"{'clean' if not lint(scenario) else 'warnings'} | "
              f"{'complete' if covered.complete else 'incomplete'} | "
              f"{rarest.id} {rarest.rate:.1%} | {good:.1%} | {best} {fixed[best]:.1%} | "
              f"{history} | {report.full_length_rate:.0%} |")
        details.append((path.name, report))
    print("\n## Teaching targets, measured\n")
    names = [t.name for t in details[0][1].targets]
    print("| target | " + " | ".join(name.removesuffix(".yaml") for name, _ in details) + " |")
    print("| --- |" + " --- |" * len(details))
    for index, target in enumerate(names):
        cells = []
        for _, report in details:
            check = next((t for t in report.targets if t.name == target), None)
            cells.append("-" if check is None else
                         f"{check.measured}{'' if check.met else ' (missed)'}")
        wanted = details[0][1].targets[index].target
        print(f"| {target} ({wanted}) | " + " | ".join(cells) + " |")
    print(f"\n## Ending rates in {RUNS:,} random games (seed {SEED})")
    for name, report in details:
        print(f"\n{name}: " + ", ".join(f"{e.id} {e.rate:.1%}" for e in report.endings))


if __name__ == "__main__":
    main()

"""The tables of docs/content-coverage.md, computed from the page's own card lists.

The page maps the sixteen seed themes to the cards that teach them. Its theme sections are the
source: each bullet that starts with a scenario file (`- `tutorial.yaml`: ...`) lists cards as
`card_id` *Card title*. This script checks every listed id against its scenario file (it must
exist, and the italic title must be the card's title) and each theme's "Not covered" line, then
prints the page's three tables:

- the scenarios (file, period, turns, fifth meter), read from the files;
- cards per theme and scenario, counted from the sections;
- how often a game meets each theme: the share of seeded random games that show at least one
  listed card, played by the project's engine (`play_many` with `random_policy`).

    python tools/theme_coverage.py               # print the tables
    python tools/theme_coverage.py --check       # exit 1 when the page's tables differ

Rows are labelled as on the page. "In passing" and "Not counted" notes are not bullets that
start with a file, so they are not counted.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from balancing_act.analysis.policies import random_policy
from balancing_act.analysis.simulate import game_seeds
from balancing_act.engine.batch import play_many
from balancing_act.engine.compiled import compile_scenario
from balancing_act.errors import BalancingActError
from balancing_act.io import MB, read_text
from balancing_act.resources import scenarios as scenario_folder
from balancing_act.scenario.loader import Scenario, load_scenario

PAGE = Path(__file__).resolve().parent.parent / "docs" / "content-coverage.md"
SCENARIOS = ("tutorial", "s400_dilemma", "discounted_crude", "malabar_and_the_quad",
             "forums_and_votes", "balancing_act")
CORE_METERS = ("autonomy", "security", "trust_us", "trust_russia")

SECTION = re.compile(r"^## (\d+)\. ")
BULLET = re.compile(r"^- `([a-z_0-9]+)\.yaml`")
NOT_COVERED = re.compile(r"^- (?:Not covered: (.+)\.|Every scenario covers it\.)$")
CARD = re.compile(r"`([a-z][a-z0-9_]*)` \*((?:[^*\\]|\\.)+)\*")
ROW = re.compile(r"^\| (.+?) \|")


@dataclass
class Theme:
    number: int
    cards: dict[str, list[str]] = field(default_factory=dict)  # scenario -> card ids, in order
    titles: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # -> title, line
    not_covered: set[str] | None = None  # "- Not covered: ..."; empty for "Every scenario ..."


def parse_page(text: str) -> tuple[list[Theme], list[str]]:
    """The themes with their listed cards, and the problems found while reading them."""
    themes: list[Theme] = []
    problems: list[str] = []
    current: Theme | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = SECTION.match(line)
        if heading:
            current = Theme(int(heading.group(1)))
            themes.append(current)
            continue
        if current is None:
            continue
        absent = NOT_COVERED.match(line)
        if absent:
            current.not_covered = set(re.findall(r"`([a-z_0-9]+)\.yaml`", absent.group(1) or ""))
            continue
        bullet = BULLET.match(line)
        if bullet is None:
            continue
        scenario = bullet.group(1)
        if scenario not in SCENARIOS:
            problems.append(f"line {number}: unknown scenario file {scenario}.yaml")
            continue
        if scenario in current.cards:
            problems.append(f"line {number}: {scenario}.yaml listed twice under theme "
                            f"{current.number}")
        found = [(m.group(1), m.group(2).replace("\\", "")) for m in CARD.finditer(line)]
        if not found:
            problems.append(f"line {number}: no card listed for {scenario}.yaml")
        current.cards[scenario] = [card for card, _ in found]
        for card, title in found:
            current.titles[(scenario, card)] = (title, number)
    return themes, problems


def check_cards(themes: list[Theme], scenarios: dict[str, Scenario]) -> list[str]:
    """Every listed id exists in its file, once per theme, with its own title, and each
    theme's "Not covered" line names exactly the scenarios without a list."""
    problems = []
    for theme in themes:
        uncovered = {n for n in SCENARIOS if n not in theme.cards}
        if theme.not_covered != uncovered:
            wanted = ", ".join(f"`{n}.yaml`" for n in SCENARIOS if n in uncovered)
            problems.append(f"theme {theme.number}: the line after its lists should read "
                            + (f"'- Not covered: {wanted}.'" if wanted
                               else "'- Every scenario covers it.'"))
        for scenario, cards in theme.cards.items():
            events = {e.id: e for e in scenarios[scenario].file.events}
            if len(set(cards)) != len(cards):
                problems.append(f"theme {theme.number}: a card is listed twice for "
                                f"{scenario}.yaml")
            for card in cards:
                title, line = theme.titles[(scenario, card)]
                if card not in events:
                    problems.append(f"line {line}: {scenario}.yaml has no card {card}")
                elif events[card].title != title:
                    problems.append(f"line {line}: {scenario}.yaml {card} is titled "
                                    f"'{events[card].title}', not '{title}'")
    return problems


def seen_matrices(scenarios: dict[str, Scenario], seed: int, runs: int) -> dict[str, np.ndarray]:
    """For each scenario, the (games, cards) matrix of cards shown in seeded random games."""
    matrices = {}
    for name, scenario in scenarios.items():
        result = play_many(compile_scenario(scenario), game_seeds(seed, runs), random_policy)
        matrices[name] = result.seen
    return matrices


def percent(share: float) -> str:
    """Whole percent; a share short of every game never shows as 100%, nor one above none as 0%."""
    if share >= 1.0:
        return "100%"
    if share <= 0.0:
        return "0%"
    return f"{min(99, max(1, round(share * 100)))}%"


def labels(text: str, heading: str) -> dict[int, str]:
    """The first cell of each theme row of the table that follows `heading` on the page."""
    found: dict[int, str] = {}
    after = text.split(heading, 1)[1] if heading in text else ""
    for line in after.splitlines()[1:]:
        if line.startswith("## "):
            break
        row = ROW.match(line)
        if row:
            number = re.match(r"\[?(\d+)\.", row.group(1))
            if number:
                found[int(number.group(1))] = row.group(1)
    return found


def tables(text: str, themes: list[Theme], scenarios: dict[str, Scenario],
           seen: dict[str, np.ndarray]) -> dict[str, list[str]]:
    """The page's three tables, as markdown lines, by name."""
    header = "| Theme | " + " | ".join(f"`{n}`" for n in SCENARIOS)
    scenario_rows = ["| Scenario file | Period | Turns | Fifth meter |",
                     "| --- | --- | --- | --- |"]
    for name in SCENARIOS:
        spec = scenarios[name].file
        extra = ", ".join(f"`{m}`" for m in spec.meters if m not in CORE_METERS)
        scenario_rows.append(f"| `{name}.yaml` | {spec.period} | {spec.turns} | {extra} |")

    count_heading = "## Summary: cards per theme and scenario"
    share_heading = "## How often a game meets each theme"
    count_labels, share_labels = labels(text, count_heading), labels(text, share_heading)
    counts = [header + " | All |", "| --- |" + " ---: |" * (len(SCENARIOS) + 1)]
    shares = [header + " |", "| --- |" + " ---: |" * len(SCENARIOS)]
    for theme in themes:
        cells: list[str] = []
        share_cells: list[str] = []
        for name in SCENARIOS:
            cards = theme.cards.get(name, [])
            cells.append(str(len(cards)) if cards else "")
            if cards:
                columns = [scenarios[name].names.events[c] for c in cards
                           if c in scenarios[name].names.events]
                share_cells.append(percent(float(seen[name][:, columns].any(axis=1).mean())))
            else:
                share_cells.append("")
        total = sum(len(c) for c in theme.cards.values())
        count_label = count_labels.get(theme.number, f"{theme.number}.")
        share_label = share_labels.get(theme.number, f"{theme.number}.")
        counts.append(f"| {count_label} | " + " | ".join(cells) + f" | {total} |")
        shares.append(f"| {share_label} | " + " | ".join(share_cells) + " |")
    return {"scenarios": scenario_rows, "cards per theme": counts, "how often": shares}


def main(argv: list[str] | None = None) -> int:
    """Print the tables, or with --check report where the page differs; 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=PAGE)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--check", action="store_true",
                        help="compare with the page's tables instead of printing them")
    args = parser.parse_args(argv)
    try:
        text = read_text(args.page, limit=MB, what="pages")
        scenarios = {n: load_scenario(scenario_folder() / f"{n}.yaml") for n in SCENARIOS}
    except BalancingActError as err:
        print(err, file=sys.stderr)
        return 1
    themes, problems = parse_page(text)
    if [t.number for t in themes] != list(range(1, 17)):
        problems.append("the page should have theme sections 1 to 16, in order")
    problems += check_cards(themes, scenarios)
    computed = tables(text, themes, scenarios, seen_matrices(scenarios, args.seed, args.runs))
    if args.check:
        for name, lines in computed.items():
            for line in lines[2:]:
                if line not in text:
                    problems.append(f"this row of the table '{name}' is not on the page: {line}")
    else:
        for lines in computed.values():
            print("\n".join(lines), end="\n\n")
    for problem in problems:
        print(f"{args.page}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

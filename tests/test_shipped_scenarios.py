"""Every shipped scenario: strictly valid, fully reachable, and its recorded playthroughs reach
their named endings with the recorded meters.

Each scenario's playthroughs live in tests/playthroughs/<scenario id>.yaml:

    - {seed: 1, choices: [1, 2, 1, 3], ending: balanced, meters: {autonomy: 64, ...}}
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from balancing_act.analysis.coverage import coverage
from balancing_act.engine import Game
from balancing_act.scenario import load_scenario
from balancing_act.scenario.lint import lint
from tests.conftest import SHIPPED_SCENARIOS

PLAYTHROUGHS = Path(__file__).parent / "playthroughs"
SHIPPED = SHIPPED_SCENARIOS


def cases() -> list[tuple[Path, dict]]:
    found = []
    for path in SHIPPED:
        record = PLAYTHROUGHS / f"{load_scenario(path).id}.yaml"
        for case in yaml.safe_load(record.read_text(encoding="utf-8")) if record.exists() else []:
            found.append((path, case))
    return found


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenario_is_strictly_valid_and_fully_reachable(path: Path) -> None:
    scenario = load_scenario(path)
    assert lint(scenario) == []
    report = coverage(scenario)
    assert report.complete, [str(p) for p in report.missing]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_each_scenario_has_two_playthroughs_to_different_endings(path: Path) -> None:
    endings = {case["ending"] for p, case in cases() if p == path}
    assert len(endings) >= 2, f"record two playthroughs in tests/playthroughs/ for {path.name}"


@pytest.mark.parametrize(("path", "case"), cases(),
                         ids=lambda v: v.name if isinstance(v, Path) else v["ending"])
def test_playthrough_reaches_its_ending(path: Path, case: dict) -> None:
    game = Game(load_scenario(path), case["seed"])
    for choice in case["choices"]:
        game.choose(choice)
    assert game.finished and game.ending.id == case["ending"]
    assert game.meters == case["meters"]

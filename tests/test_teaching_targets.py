"""Every shipped scenario teaches the balancing act: its numbers meet the targets of
content-design.md (docs/balance.md records them at 10,000 games; here 2,000 keep it fast), so an
edit cannot silently bring back a seesaw, a one-sided autonomy cost or history as a cheat code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from balancing_act.analysis.simulate import simulate
from balancing_act.scenario import load_scenario
from tests.conftest import SHIPPED_SCENARIOS

SHIPPED = SHIPPED_SCENARIOS
# The tutorial teaches the controls in a fixed order of cards; it is held to the figures read
# from its numbers (seesaw, both-up, autonomy gap), not to the ones measured in play.
TUTORIAL_TARGETS = ("options moving the two trusts in opposite directions",
                    "options raising both trusts",
                    "autonomy gap between options favouring each partner")


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_scenario_meets_the_teaching_targets(path: Path) -> None:
    scenario = load_scenario(path)
    report = simulate(scenario, runs=2000, seed=0)
    checks = report.targets
    if scenario.id == "tutorial":
        checks = [c for c in checks if c.name in TUTORIAL_TARGETS]
        assert len(checks) == len(TUTORIAL_TARGETS)
    else:
        assert any(c.name.startswith("good endings always choosing") for c in checks), \
            "mark the options India took with 'historical: true'"
    missed = [f"{c.name}: {c.measured} (target {c.target})" for c in checks if not c.met]
    assert not missed, missed

"""Shared test set-up: headless SDL before pygame is ever imported, and scenario builders."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings

from balancing_act.scenario import Scenario, load_scenario_bytes

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# CI runs the property tests on a fixed set of examples, so a red run can be reproduced;
# developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.yaml"
# A frozen copy of the first tutorial: tests of the engine and the front ends that need fixed
# numbers use it, so revising the shipped tutorial's content never breaks them.
CLASSIC = Path(__file__).resolve().parent / "fixtures" / "classic.yaml"
# The shipped scenario files, without their translations (tutorial.hi.yaml is the tutorial's
# Hindi text, not a scenario of its own).
SHIPPED_SCENARIOS = sorted(p for p in SCENARIOS.glob("*.yaml") if "." not in p.stem)


def installed_command() -> str:
    """The `balancing-act` console script of the environment running the tests."""
    script = Path(sys.executable).parent / "balancing-act"
    if not script.exists():
        pytest.fail("the balancing-act command is not installed; run `make test`, which "
                    "installs the project into .venv")
    return str(script)


def base_scenario() -> dict[str, Any]:
    """A small valid scenario as data: one repeatable card, three endings."""
    return {
        "format": 1, "id": "mini", "title": "Mini", "turns": 3,
        "meters": {
            "autonomy": {"label": "Strategic autonomy", "start": 50},
            "trust_us": {"label": "Trust in Washington", "start": 50},
        },
        "events": [{
            "id": "only", "title": "Only card", "text": "A card.", "once": False,
            "options": [
                {"id": "up", "label": "Up", "effects": {"autonomy": 10}},
                {"id": "down", "label": "Down", "effects": {"autonomy": -10}},
            ],
        }],
        "endings": [
            {"id": "high", "title": "High", "when": "autonomy >= 100"},
            {"id": "good", "title": "Good", "final": True, "when": "autonomy >= 60"},
            {"id": "plain", "title": "Plain", "fallback": True},
        ],
    }


def build(data: dict[str, Any]) -> Scenario:
    """Load a scenario from data through the real YAML loader."""
    return load_scenario_bytes(yaml.safe_dump(data, sort_keys=False).encode(), "test.yaml")


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text to a file in a temporary folder and return its path."""
    counter = iter(range(10_000))

    def write(text: str, name: str | None = None) -> Path:
        path = tmp_path / (name or f"scenario{next(counter)}.yaml")
        path.write_text(text, encoding="utf-8")
        return path

    return write

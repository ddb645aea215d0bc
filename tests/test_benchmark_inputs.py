"""The generated scenarios the benchmarks time must stay valid and playable."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from balancing_act.analysis.policies import random_policy
from balancing_act.engine import compile_scenario
from balancing_act.engine.batch import play_many
from balancing_act.scenario import load_scenario_bytes
from tests.conftest import ROOT


def synthetic_module():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("events", "turns"), [(50, 20), (200, 30)])
def test_synthetic_scenarios_load_and_play(events: int, turns: int) -> None:
    text = synthetic_module().synthetic_yaml(events=events, turns=turns)
    scenario = load_scenario_bytes(text.encode(), "synthetic.yaml")
    assert len(scenario.file.events) == events
    result = play_many(compile_scenario(scenario), np.arange(500), random_policy)
    assert (result.ending >= 0).all()
    assert len(set(result.ending.tolist())) >= 2

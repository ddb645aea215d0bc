"""The content model: reading, checking and compiling scenario files (no pygame here)."""

from balancing_act.scenario.loader import Scenario, load_scenario, load_scenario_bytes
from balancing_act.scenario.problems import Problem, ScenarioError

__all__ = ["Problem", "Scenario", "ScenarioError", "load_scenario", "load_scenario_bytes"]

"""The rules engine: batch-shaped rules over numpy arrays, and `Game` for one playthrough."""

from balancing_act.engine.compiled import CompiledScenario, compile_scenario
from balancing_act.engine.game import Game, Outcome
from balancing_act.errors import GameError

__all__ = ["CompiledScenario", "Game", "GameError", "Outcome", "compile_scenario"]

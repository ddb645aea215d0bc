"""Only frontends/window may import pygame: everything else imports with pygame unimportable."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CHECK = """
import importlib, pkgutil, sys
sys.modules["pygame"] = None
import balancing_act
names = [m.name for m in pkgutil.walk_packages(balancing_act.__path__, "balancing_act.")
         if not m.name.startswith("balancing_act.frontends.window.")
         or m.name.endswith((".launch", ".script", ".folders", ".store"))]
for name in names:
    importlib.import_module(name) if name != "balancing_act.__main__" else None
from balancing_act.scenario import load_scenario
from balancing_act.engine import Game
game = Game(load_scenario(sys.argv[1]), 1)
while not game.finished:
    game.choose(1)
print(len(names), game.ending.id)
"""


def test_everything_but_ui_runs_without_pygame() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK, str(ROOT / "scenarios/tutorial.yaml")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    count, ending = result.stdout.split()
    assert int(count) >= 10 and ending

"""Figures for the game window (dummy video driver): frame times of the card and the debrief
at 1280x720, time from process start to the first drawn title screen, and peak memory of a
whole scripted tutorial. Prints figures; asserts nothing.

Targets (issue: game window): median frame at most 4 ms and 99th percentile at most 12 ms;
first title frame within 1.0 s; peak memory at most 200 MB.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
from balancing_act.ui.app import App
from balancing_act.ui.store import Store

from balancing_act.resources import scenarios as shipped_folder

FRAMES = 600
FIRST_FRAME = """
import time, os
start = time.perf_counter()
from balancing_act.ui.app import App
from balancing_act.ui.store import Store
app = App(store=Store(__import__('pathlib').Path(os.environ['BALANCING_ACT_HOME'])))
app.to_title()
app.frame(0.016)
print(time.perf_counter() - start)
"""


def frame_times(app: App) -> list[float]:
    times = []
    for _ in range(FRAMES):
        begin = time.perf_counter()
        app.frame(1 / 60)
        times.append(time.perf_counter() - begin)
    return times


def describe(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    return (f"{name}: median {statistics.median(times) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms "
            f"over {len(times)} frames (targets 4 ms and 12 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = App(store=Store(Path(folder)), size=(1280, 720))
        app.open_scenario(shipped_folder() / "tutorial.yaml", seed=1)
        from balancing_act.ui.scenes.play import PlayScene

        app.switch(PlayScene(app))
        app.frame(1 / 60)
        print(describe("card, 1280x720", frame_times(app)))
        for choice in (1, 2, 1, 1, 2, 2, 2, 2):
            app.switch(PlayScene(app))
            app.scene.choose(choice - 1)
        from balancing_act.ui.scenes.ending import EndingScene

        app.switch(EndingScene(app))
        print(describe("debrief, 1280x720", frame_times(app)))
        pygame.quit()

        env = {**os.environ, "BALANCING_ACT_HOME": folder}
        wall = []
        for _ in range(3):
            begin = time.perf_counter()
            inside = subprocess.run([sys.executable, "-c", FIRST_FRAME], env=env, check=True,
                                    capture_output=True, text=True).stdout.split()[-1]
            wall.append((time.perf_counter() - begin, float(inside)))
        best = min(wall)
        print(f"process start to first title frame: {best[0]:.2f} s (of which imports and "
              f"drawing {best[1]:.2f} s; target 1.0 s)")
        script = Path(folder) / "script.txt"
        script.write_text("1\n2\n1\n1\n2\n2\n2\n2\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "balancing_act", "play",
                        str(shipped_folder() / "tutorial.yaml"), "--seed", "1", "--script",
                        str(script)], env=env, check=True, capture_output=True)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of a scripted tutorial: {peak:.0f} MB (target 200 MB)")


if __name__ == "__main__":
    main()

"""Figures for the game window (dummy video driver): frame times of the card, the debrief and
the picker at 1280x720 and 3840x2160, time from process start to the first drawn title screen,
peak memory of a whole scripted campaign, and the PDF export of the campaign's debrief. Prints
figures; asserts nothing.

Targets: card and debrief median frame at most 4 ms at 1280x720 and 16 ms at 3840x2160; the
picker at 4K under 50 ms a frame; first title frame within 1.0 s; a scripted campaign's peak
memory at most 250 MB; the campaign's PDF debrief within 2 s.
"""

from __future__ import annotations

import os
import random
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

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import WindowRequest
from balancing_act.resources import scenarios as shipped_folder

FRAMES = 300
FIRST_FRAME = """
import time, os
start = time.perf_counter()
from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import WindowRequest
app = App(WindowRequest())
app.reset("title")
app.frame(0.016)
print(time.perf_counter() - start)
"""

# The campaign's own high-water mark, read in the process itself: a child's ru_maxrss also
# counts the parent's pages at the fork, which would charge it for this benchmark's 4K frames.
CAMPAIGN = """
import re, runpy, sys
sys.argv = ["balancing-act", *sys.argv[1:]]
try:
    runpy.run_module("balancing_act", run_name="__main__")
except SystemExit:
    pass
status = open("/proc/self/status", encoding="ascii").read()
print(int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) // 1024, file=sys.__stdout__)
"""


def frame_times(app: App, frames: int = FRAMES) -> list[float]:
    times = []
    for _ in range(frames):
        begin = time.perf_counter()
        app.frame(1 / 60)
        times.append(time.perf_counter() - begin)
    return times


def describe(name: str, times: list[float], target: str) -> str:
    ordered = sorted(times)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    return (f"{name}: median {statistics.median(times) * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms "
            f"over {len(times)} frames (target {target})")


def finished_campaign(app: App) -> None:
    app.start_game(shipped_folder() / "balancing_act.yaml", seed=3)
    rng = random.Random(3)
    while not app.play.finished:
        card = app.play.card()
        app.decide(rng.choice([o.number for o in card.options if o.available]))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["BALANCING_ACT_HOME"] = folder
        for size, target in (((1280, 720), "4 ms"), ((3840, 2160), "16 ms")):
            app = App(WindowRequest(size=size, data_folder=Path(folder)))
            app.start_game(shipped_folder() / "balancing_act.yaml", seed=1)
            app.decide(1)
            app.reset("card")
            app.frame(1 / 60)
            label = f"{size[0]}x{size[1]}"
            print(describe(f"card, {label}", frame_times(app), target))
            finished_campaign(app)
            app.reset("debrief")
            app.frame(1 / 60)
            print(describe(f"debrief (campaign), {label}", frame_times(app), target))
            app.reset("picker")
            app.frame(1 / 60)
            print(describe(f"picker, {label}", frame_times(app, 60), "50 ms at 4K"))
            if size[0] == 1280:
                begin = time.perf_counter()
                path = app.write_debrief(Path(folder) / "debrief.pdf")
                seconds = time.perf_counter() - begin
                size_kb = path.stat().st_size / 1024 if path else 0
                print(f"PDF debrief of a whole campaign: {seconds:.2f} s, {size_kb:.0f} KB "
                      "(target 2 s)")
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
        script.write_text("\n".join(["1"] * 30), encoding="utf-8")
        run = subprocess.run([sys.executable, "-c", CAMPAIGN, "play", "balancing_act",
                              "--seed", "1", "--script", str(script)],
                             env=env, capture_output=True, text=True, check=True)
        peak = int(run.stdout.split()[-1])
        print(f"peak memory of a scripted campaign: {peak} MB (target 250 MB)")


if __name__ == "__main__":
    main()

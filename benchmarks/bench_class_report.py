"""Figures for the classroom: checking and reporting a class's results.

200 results of the campaign (replayed in one batch, verified, charted), then 1,000 results of
which 50 are damaged in the ways hand-ins get damaged (cut short, not JSON, nested deep, wrong
types, scores edited, from another session). Prints figures; asserts nothing.

Targets (issue: hardening): 200 results verified in at most 1 s and the whole report in at most
3 s; the 1,000 results with 50 damaged ones reported, every damaged one listed with why.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from pathlib import Path

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import create_session, read_session
from balancing_act.classroom.verify import check_results
from balancing_act.engine.game import Game
from balancing_act.reporting.class_report import write_report
from balancing_act.resources import scenarios as shipped_folder

DAMAGES = ("cut short", "not JSON", "nested deep", "wrong types", "scores edited",
           "another session")


def hand_ins(session_file: Path, folder: Path, students: int) -> None:
    """`students` finished games, played at random, written as the game writes them."""
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    rng = random.Random(1)
    for number in range(students):
        name = f"Student {number:04d}"
        game = Game(scenario, session.seed_for(name))
        while not game.finished:
            game.choose(rng.choice([o for o in game.options if o.available]).id)
        Recorder(session, name, folder).write(game, [(12.0, False)] * len(game.history))


def damage(path: Path, how: str) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if how == "cut short":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
        return
    if how == "not JSON":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        return
    if how == "nested deep":
        path.write_text(text.replace('"decisions": [', '"decisions": [' + "[" * 5000, 1)
                        .replace("]", "]" * 5001, 1), encoding="utf-8")
        return
    if how == "wrong types":
        data["decisions"][0]["seconds"] = "abc"
    elif how == "scores edited":
        first = next(iter(data["final_meters"]))
        data["final_meters"][first] += 10
    elif how == "another session":
        data["class_code"] = "ZZZZZZ"
    path.write_text(json.dumps(data), encoding="utf-8")


def timed_report(session_file: Path, results: Path, out: Path) -> tuple[float, float, object]:
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    start = time.perf_counter()
    report = check_results(session, scenario, [results])
    checked = time.perf_counter()
    write_report(report, out)
    return checked - start, time.perf_counter() - checked, report


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        session_file = folder / "session.yaml"
        create_session(shipped_folder() / "balancing_act.yaml", session_file, seed=11,
                       per_student=True)
        scenario = read_session(session_file).load_scenario(session_file)
        where = f"the campaign ({len(scenario.file.events)} cards, {scenario.file.turns} turns)"

        small = folder / "two-hundred"
        hand_ins(session_file, small, 200)
        verify, charts, report = timed_report(session_file, small, folder / "report-200")
        print(f"class report, 200 results of {where}: verified in {verify:.2f} s (target 1 s); "
              f"whole report {verify + charts:.2f} s (target 3 s); "
              f"{len(report.counted)} counted, {len(report.flagged)} flagged")

        large = folder / "thousand"
        hand_ins(session_file, large, 1000)
        files = sorted(large.glob("*.json"))
        for number, path in enumerate(random.Random(2).sample(files, 50)):
            damage(path, DAMAGES[number % len(DAMAGES)])
        verify, charts, report = timed_report(session_file, large, folder / "report-1000")
        listed = len(report.flagged) + len(report.problems)
        print(f"class report, 1,000 results with 50 damaged: verified in {verify:.2f} s, whole "
              f"report {verify + charts:.2f} s; {len(report.counted)} counted, "
              f"{len(report.flagged)} flagged and {len(report.problems)} unreadable "
              f"({listed} of 50 damaged listed with why)")


if __name__ == "__main__":
    main()

"""Figures for the classroom: checking and reporting a class's results.

200 results of the campaign (replayed in one batch, verified, then the whole report: the class
page with its charts, a page per student, the class summary and the 200 debrief sheets as PDF,
the gradebook), then 1,000 results of which 50 are damaged in the ways hand-ins get damaged
(cut short, not JSON, nested deep, wrong types, scores edited, from another session). Each
figure is the best of three runs, as wall-clock time and as the process's CPU time (the
machine may be shared). Prints figures; asserts nothing.

Targets (issue 14): 200 results verified in at most 1 s and the whole report in at most 3 s;
the 1,000 results with 50 damaged ones reported, every damaged one listed with why.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from balancing_act.classroom.debrief import class_debrief
from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import create_session, read_session
from balancing_act.classroom.verify import ClassResults, check_results
from balancing_act.engine.game import Game
from balancing_act.play.catalog import Catalog
from balancing_act.reporting import class_report
from balancing_act.reporting.charts import pyplot
from balancing_act.reporting.class_pdf import class_summary_pdf, student_sheets_pdf
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


def best_of(runs: int, work: Callable[[], object]) -> tuple[float, float, object]:
    """The fastest of `runs` runs of `work`: (wall seconds, CPU seconds, its last result)."""
    wall = cpu = float("inf")
    result: object = None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu, result


def timed_report(session_file: Path, results: Path, out: Path,
                 runs: int = 3) -> tuple[tuple[float, float], tuple[float, float], ClassResults]:
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    wall, cpu, report = best_of(runs, lambda: check_results(session, scenario, [results]))
    assert isinstance(report, ClassResults)
    written = best_of(runs, lambda: write_report(report, out))
    return (wall, cpu), (written[0], written[1]), report


def parts(report: ClassResults, out: Path) -> str:
    """Where the report's time goes (CPU seconds, best of three)."""
    view = class_debrief(report)
    t = Catalog()
    figures = {
        "debrief figures": lambda: class_debrief(report),
        "charts": lambda: class_report._charts(view, out),
        "pages": lambda: class_report._student_pages(view, out / "students", None, t),
        "summary PDF": lambda: class_summary_pdf(view, t),
        "sheets PDF": lambda: student_sheets_pdf(view, t),
        "gradebook": lambda: class_report.csv_text(report),
    }
    return ", ".join(f"{name} {best_of(3, work)[1]:.2f}" for name, work in figures.items())


def main() -> None:
    started = time.perf_counter()
    pyplot()  # matplotlib's first import, as a report from the command line pays it
    print(f"matplotlib loaded in {time.perf_counter() - started:.2f} s (once per command)")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        session_file = folder / "session.yaml"
        create_session(shipped_folder() / "balancing_act.yaml", session_file, seed=11,
                       per_student=True)
        scenario = read_session(session_file).load_scenario(session_file)
        where = f"the campaign ({len(scenario.file.events)} cards, {scenario.file.turns} turns)"

        small = folder / "two-hundred"
        hand_ins(session_file, small, 200)
        verify, whole, report = timed_report(session_file, small, folder / "report-200")
        print(f"class report, 200 results of {where}: verified in {verify[0]:.2f} s wall, "
              f"{verify[1]:.2f} s CPU (target 1 s); the whole report written in {whole[0]:.2f} s "
              f"wall, {whole[1]:.2f} s CPU, so {verify[0] + whole[0]:.2f} s in all (target 3 s); "
              f"{len(report.counted)} counted, {len(report.flagged)} flagged")
        print(f"  of which (CPU s): {parts(report, folder / 'report-200')}")

        large = folder / "thousand"
        hand_ins(session_file, large, 1000)
        files = sorted(large.glob("*.json"))
        for number, path in enumerate(random.Random(2).sample(files, 50)):
            damage(path, DAMAGES[number % len(DAMAGES)])
        verify, whole, report = timed_report(session_file, large, folder / "report-1000",
                                             runs=1)
        listed = len(report.flagged) + len(report.problems)
        print(f"class report, 1,000 results with 50 damaged: verified in {verify[0]:.2f} s, "
              f"whole report {verify[0] + whole[0]:.2f} s; {len(report.counted)} counted, "
              f"{len(report.flagged)} flagged and {len(report.problems)} unreadable "
              f"({listed} of 50 damaged listed with why)")


if __name__ == "__main__":
    main()

"""Figure for the classroom: the class report for 200 results (replayed, verified, charted).
Prints figures; asserts nothing.

Target (issue: classroom sessions): the report for 200 results in at most 5 s.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from balancing_act.classroom.report import check_results, write_report

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import create_session
from balancing_act.engine.game import Game
from balancing_act.resources import scenarios as shipped_folder

STUDENTS = 200


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        scenario_path = shipped_folder() / "balancing_act.yaml"
        session = create_session(scenario_path, folder / "session.yaml", seed=11,
                                 per_student=True)
        scenario = session.load_scenario(folder / "session.yaml")
        rng = random.Random(1)
        for number in range(STUDENTS):
            name = f"Student {number:03d}"
            recorder = Recorder(session, name, folder / "results")
            game = Game(scenario, session.seed_for(name))
            while not game.finished:
                option = rng.choice([o for o in game.options if o.available])
                turn, event = game.turn, game.event.id
                game.choose(option.id)
                recorder.decided(turn, event, option.id)
            recorder.write(game)
        start = time.perf_counter()
        report = check_results(session, scenario, [folder / "results"])
        checked = time.perf_counter()
        write_report(report, folder / "report")
        done = time.perf_counter()
        print(f"class report, {STUDENTS} results of the campaign ({len(scenario.file.events)} "
              f"cards, {scenario.file.turns} turns): {done - start:.2f} s in all (replay and "
              f"verify {checked - start:.2f} s, HTML, charts and CSV {done - checked:.2f} s; "
              f"target 5 s); {len(report.counted)} counted, {len(report.flagged)} flagged")


if __name__ == "__main__":
    main()

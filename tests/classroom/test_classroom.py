"""Class sessions end to end: scripted students, verified results, the report and its CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from balancing_act.classroom.report import check_results, csv_text, write_report
from balancing_act.classroom.session import create_session, read_session
from balancing_act.cli import main
from tests.conftest import TUTORIAL, installed_command

HEDGING = "1\n2\n1\n1\n2\n2\n2\n2\n"
PRO_US = "1\n3\n2\n1\n1\n3\n3\n3\n"


def student(session: Path, name: str, choices: str, results: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_command(), "play", "--session", str(session), "--text",
                           "--name", name, "--results", str(results)], input=choices,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def classroom(tmp_path: Path) -> dict[str, Path]:
    session = tmp_path / "session.yaml"
    assert main(["class", "new", str(TUTORIAL), "--seed", "7", "--out", str(session),
                 "--code", "ABC123", "--undo", "--time-limit", "600"]) == 0
    results = tmp_path / "results"
    for name, choices in (("Asha", HEDGING), ("Bilal", HEDGING), ("Chen", PRO_US)):
        run = student(session, name, choices, results)
        assert run.returncode == 0, run.stderr
        assert "Your result is saved in" in run.stdout
    return {"session": session, "results": results, "folder": tmp_path}


def load(classroom: dict[str, Path]):
    session = read_session(classroom["session"])
    return session, session.load_scenario(classroom["session"])


def test_session_file_pins_the_scenario_and_rules(classroom) -> None:
    session, scenario = load(classroom)
    assert session.class_code == "ABC123" and session.seed == 7
    assert session.scenario.sha256 == scenario.sha256 and session.scenario.id == "tutorial"
    assert session.rules.undo and session.rules.time_limit_seconds == 600
    assert session.seed_for("Asha") == 7


def test_the_report_counts_every_student(classroom) -> None:
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert [c.name for c in report.counted] == ["Asha", "Bilal", "Chen"]
    assert report.flagged == [] and report.problems == []
    endings = {c.name: c.game.ending.id for c in report.counted}
    assert endings == {"Asha": "balanced", "Bilal": "balanced", "Chen": "junior_ally"}


def test_an_edited_score_is_caught(classroom) -> None:
    path = next(classroom["results"].glob("*chen*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ending"] = "balanced"
    data["final_meters"]["autonomy"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert [c.name for c in report.counted] == ["Asha", "Bilal"]
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Chen", "its scores do not match its decisions (the file was changed after the game)")]


def test_results_from_elsewhere_and_damaged_files_are_listed(classroom, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    create_session(TUTORIAL, other, seed=7, code="ZZZ999")
    student(other, "Eve", HEDGING, classroom["results"])
    folder = classroom["results"]
    (folder / "notes.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "broken.json").write_text('{"kind": "balancing-act-res', encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00")
    good = next(folder.glob("*asha*.json"))
    (folder / "asha-again.json").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [folder, tmp_path / "missing.json"])
    assert [c.name for c in report.counted] == ["Asha", "Bilal", "Chen"]
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Eve", "from another session (class code 'ZZZ999')")]
    problems = sorted(p.split(": ", 1)[1] for p in report.problems)
    assert problems == sorted([
        "no such file or folder",
        "not a Balancing Act result",
        "not a complete JSON file (truncated or damaged at line 1)",
        "not a text file",
        f"the same game handed in again; counted once, from {good.name}",
    ])


def test_a_changed_scenario_is_refused(classroom, tmp_path: Path) -> None:
    copy = tmp_path / "tutorial.yaml"
    copy.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    session_file = tmp_path / "s.yaml"
    create_session(copy, session_file, seed=1)
    copy.write_text(copy.read_text(encoding="utf-8").replace("Sign COMCASA", "Sign it"),
                    encoding="utf-8")
    result = subprocess.run([installed_command(), "play", "--session", str(session_file),
                             "--text", "--name", "X"], input="", capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "has changed since the session was created" in result.stderr


def test_per_student_seeds_and_undo(tmp_path: Path) -> None:
    session_file = tmp_path / "s.yaml"
    assert main(["class", "new", str(TUTORIAL), "--seed", "3", "--per-student", "--out",
                 str(session_file), "--undo"]) == 0
    session = read_session(session_file)
    assert session.seed_for("Asha") != session.seed_for("Bilal")
    assert session.seed_for("Asha") == session.seed_for("  asha ")
    run = student(session_file, "Asha", "1\nu\n2\n" + HEDGING[2:], tmp_path / "r")
    assert "Your last decision is undone." in run.stdout
    data = json.loads(next((tmp_path / "r").glob("*.json")).read_text(encoding="utf-8"))
    assert [d["option"] for d in data["decisions"]][:1] == ["hold_comcasa"]
    assert data["seed"] == session.seed_for("Asha")


def test_an_abandoned_game_still_writes_its_result(classroom) -> None:
    run = student(classroom["session"], "Dana", "1\n2\n", classroom["results"])
    assert run.returncode == 3
    data = json.loads(next(classroom["results"].glob("*dana*.json")).read_text("utf-8"))
    assert data["finished"] is False and len(data["decisions"]) == 2
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert "Dana" in [c.name for c in report.counted]
    assert len(report.finished) == 3


def test_csv_has_a_row_per_student(classroom) -> None:
    session, scenario = load(classroom)
    rows = list(csv.reader(io.StringIO(csv_text(check_results(session, scenario,
                                                              [classroom["results"]])))))
    assert rows[0] == ["name", "verified", "reason", "finished", "ending", "autonomy",
                       "security", "trust_us", "trust_russia", "decisions", "seconds",
                       "late_decisions", "file"]
    assert [r[0] for r in rows[1:]] == ["Asha", "Bilal", "Chen"]
    assert rows[3][4] == "junior_ally" and rows[3][7] == "93"
    assert rows[1][9].startswith("first_two_plus_two:sign_comcasa;")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def test_report_command_writes_html_charts_and_csv(classroom, capsys) -> None:
    out = classroom["folder"] / "report"
    assert main(["class", "report", str(classroom["session"]), str(classroom["results"]),
                 "--out", str(out)]) == 0
    assert "3 students counted, 0 flagged" in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert parser.images == ["endings.png", "meters.png"]
    assert all((out / image).read_bytes()[:4] == b"\x89PNG" for image in parser.images)
    assert "Questions for discussion" in page and "What really happened" in page
    assert "Chen alone reached" in page
    assert (out / "results.csv").is_file()


def test_replay_verifies_one_result(classroom, capsys) -> None:
    path = next(classroom["results"].glob("*asha*.json"))
    assert main(["replay", str(path), "--session", str(classroom["session"])]) == 0
    assert capsys.readouterr().out.startswith("Asha: verified: 8 decisions")


def test_a_folder_of_many_junk_files_does_not_crash(classroom, tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    for index in range(300):
        (junk / f"{index}.json").write_text("{" * (index % 7), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [junk])
    assert len(report.problems) == 300 and report.counted == []
    write_report(report, tmp_path / "empty-report")


def test_window_students_produce_verified_results(classroom, tmp_path: Path) -> None:
    """The window's --script in a session: the same result file, verified by the report."""
    script = tmp_path / "choices.txt"
    script.write_text(PRO_US, encoding="utf-8")
    run = subprocess.run([installed_command(), "play", "--session", str(classroom["session"]),
                          "--name", "Farah", "--results", str(classroom["results"]),
                          "--script", str(script)], capture_output=True, text=True,
                         timeout=180, env={**__import__("os").environ,
                                           "BALANCING_ACT_HOME": str(tmp_path / "home")})
    assert run.returncode == 0, run.stderr
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    farah = next(c for c in report.counted if c.name == "Farah")
    assert farah.game.ending.id == "junior_ally" and report.flagged == []


def test_window_asks_the_name_and_undoes(tmp_path: Path, classroom) -> None:
    import pygame

    from balancing_act.ui.app import App
    from balancing_act.ui.store import Store
    from tests.ui.conftest import press, pump

    session, _ = load(classroom)
    app = App(store=Store(tmp_path / "home"))
    app.open_session(session, classroom["session"], tmp_path / "window-results", None)
    pump(app)
    assert app.scene.name == "name"
    app.scene.entry.set_text("Gita")
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                         unicode="\r", scancode=0))
    pump(app, 4)
    assert app.scene.name == "briefing" and app.recorder.name == "Gita"
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_u)
    assert app.game.choices == [] and app.recorder.decisions == []
    press(app, pygame.K_2)
    data = json.loads(next((tmp_path / "window-results").glob("*.json")).read_text("utf-8"))
    assert [d["option"] for d in data["decisions"]] == ["hold_comcasa"]
    pygame.quit()


def test_projector_votes_go_into_the_result_and_the_report(classroom, tmp_path: Path) -> None:
    import pygame

    from balancing_act.classroom.report import card_splits
    from balancing_act.ui.app import App
    from balancing_act.ui.scenes.play import majority
    from balancing_act.ui.store import Store
    from tests.ui.conftest import press, pump

    assert majority([3, 5, 1], 0) == 1 and majority([2, 2, 0], 1) == 1
    assert majority([0, 0], 1) == 1 and majority([4, 4, 1], 2) == 0
    session, scenario = load(classroom)
    results = tmp_path / "projector"
    app = App(store=Store(tmp_path / "home"))
    app.open_session(session, classroom["session"], results, None, projector=True)
    pump(app)
    press(app, pygame.K_RETURN)  # the briefing
    for key in (pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_2):
        press(app, key)
    shift_one = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_2, mod=pygame.KMOD_SHIFT,
                                   unicode="", scancode=0)
    pygame.event.post(shift_one)
    pump(app)
    assert app.scene.votes[:2] == [1, 2]
    press(app, pygame.K_RETURN)
    assert app.game.choices == ["hold_comcasa"]
    pygame.quit()
    data = json.loads(next(results.glob("*.json")).read_text(encoding="utf-8"))
    assert data["decisions"][0]["votes"] == {"sign_comcasa": 1, "hold_comcasa": 2}
    report = check_results(session, scenario, [results])
    first = card_splits(report)[0]
    assert first["voted"] == 3
    assert [o["votes"] for o in first["options"]] == [1, 2]


def test_a_session_shows_only_the_chosen_questions(tmp_path: Path) -> None:
    session_file = tmp_path / "s.yaml"
    assert main(["class", "new", str(TUTORIAL), "--out", str(session_file),
                 "--questions", "2"]) == 0
    run = student(session_file, "Ira", HEDGING, tmp_path / "r")
    debrief = run.stdout.split("Questions for discussion", 1)[1]
    assert "1. Why might India have announced the S-400 deal only in paragraph 45" in debrief
    assert "2. " not in debrief.split("Sources")[0]


def test_bad_session_options_say_what_is_wrong(tmp_path: Path, capsys) -> None:
    out = str(tmp_path / "s.yaml")
    assert main(["class", "new", str(TUTORIAL), "--out", out, "--code", "ab"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --code: a class code is 4 to 12 capital "
                                       "letters or digits\n")
    assert main(["class", "new", str(TUTORIAL), "--out", out, "--time-limit", "1"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --time-limit: input should be greater "
                                       "than or equal to 5\n")


def test_a_tied_projector_vote_plays_the_last_voted_option(classroom, tmp_path: Path) -> None:
    import pygame

    from balancing_act.ui.app import App
    from balancing_act.ui.store import Store
    from tests.ui.conftest import press, pump

    session, _ = load(classroom)
    store = Store(tmp_path / "home")
    app = App(store=store)
    app.open_session(session, classroom["session"], tmp_path / "p", None, projector=True)
    pump(app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_2)
    assert app.scene.selected == 1  # the highlight follows the last vote
    press(app, pygame.K_RETURN)
    assert app.game.choices == ["hold_comcasa"]
    assert not store.autosave_path.exists()  # a session game is not a Continue game
    pygame.quit()

"""Class sessions in the window: the name (and personal code), undo, projector votes, and a
finished result that no later game can touch."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pygame
import pytest

from balancing_act.classroom.roster import personal_code, read_key
from balancing_act.classroom.session import read_session
from balancing_act.classroom.verify import check_results
from balancing_act.cli import main
from balancing_act.frontends.window.launch import SessionStart
from balancing_act.frontends.window.scenes.card import majority
from tests.conftest import CLASSIC, TUTORIAL, installed_command
from tests.frontends.window.conftest import finish_animation, press, pump, settle

PRO_US = "1\n3\n2\n1\n1\n3\n3\n3\n"


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(path), "--code",
                 "ABC123", "--undo"]) == 0
    return path


def start(app, session_file: Path, results: Path, name: str | None = None,
          projector: bool = False, code: str | None = None) -> None:
    app.open_session(SessionStart(read_session(session_file), session_file, results, name,
                                  projector, code))
    pump(app)


def type_into(app, entry, text: str) -> None:
    entry.set_text(text)
    app.manager.set_focus_set(entry)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                         unicode="\r", scancode=0))
    pump(app, 4)


def test_window_students_produce_verified_results(session_file: Path, tmp_path: Path) -> None:
    script = tmp_path / "choices.txt"
    script.write_text(PRO_US, encoding="utf-8")
    results = tmp_path / "results"
    run = subprocess.run([installed_command(), "play", "--session", str(session_file),
                          "--name", "Farah", "--results", str(results), "--script",
                          str(script)], capture_output=True, text=True, timeout=180,
                         env={**os.environ, "BALANCING_ACT_HOME": str(tmp_path / "home")})
    assert run.returncode == 0, run.stderr
    session = read_session(session_file)
    report = check_results(session, session.load_scenario(session_file), [results])
    farah = next(c for c in report.counted if c.name == "Farah")
    assert farah.game.ending.id == "junior_ally" and report.flagged == []


def test_the_window_asks_the_name_and_undoes(make_app, session_file: Path,
                                             tmp_path: Path) -> None:
    app = make_app()
    results = tmp_path / "window-results"
    start(app, session_file, results)
    assert app.scene.name == "name"
    settle(app)
    type_into(app, app.scene.entry, "Gita")
    assert app.scene.name == "briefing" and app.classroom.name == "Gita"
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    finish_animation(app)
    press(app, pygame.K_RETURN)
    assert app.scene.name == "card"
    press(app, pygame.K_u)
    assert app.play.game.choices == []
    press(app, pygame.K_2)
    data = json.loads(next(results.glob("*.json")).read_text("utf-8"))
    assert [d["option"] for d in data["decisions"]] == ["hold_comcasa"]
    assert not app.store.autosave_path.exists()  # a session game is not a Continue game


def test_a_finished_class_result_is_never_rewritten(make_app, session_file: Path,
                                                     tmp_path: Path) -> None:
    app = make_app()
    results = tmp_path / "r"
    start(app, session_file, results, name="Hema")
    for choice in (1, 2, 1, 1, 2, 2, 2, 2):
        app.decide(choice)
    app.reset("debrief")
    pump(app)
    press(app, pygame.K_ESCAPE)  # Esc on a class debrief ends the session game
    path = next(results.glob("*.json"))
    before = path.read_bytes()
    app.running = True
    app.start_game(TUTORIAL, seed=3)  # then a game of one's own
    app.decide(1)
    app.decide(1)
    assert path.read_bytes() == before and len(list(results.glob("*.json"))) == 1


def test_a_class_list_asks_for_the_personal_code(make_app, tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("id,name\ns1,Ira Sen\ns2,Jai Rao\n", encoding="utf-8")
    session_file = tmp_path / "listed.yaml"
    assert main(["class", "new", str(CLASSIC), "--roster", str(roster), "--out",
                 str(session_file)]) == 0
    code = personal_code(read_key(tmp_path / "listed.key.yaml"), "s1")
    app = make_app()
    start(app, session_file, tmp_path / "r")
    settle(app)
    app.scene.entry.set_text("Ira Sen")
    type_into(app, app.scene.code_entry, "WRONG999")
    assert app.scene.name == "name"
    assert app.toast_text == "that personal code does not fit Ira Sen; check it on your handout"
    type_into(app, app.scene.code_entry, code.lower())
    assert app.scene.name == "briefing", app.toast_text
    assert app.scene.name == "briefing" and app.classroom.recorder.student_id == "s1"


def test_projector_votes_go_into_the_result_and_the_report(make_app, session_file: Path,
                                                          tmp_path: Path) -> None:
    from balancing_act.classroom.figures import card_splits

    assert majority([3, 5, 1], 0) == 1 and majority([2, 2, 0], 1) == 1
    assert majority([0, 0], 1) == 1 and majority([4, 4, 1], 2) == 0
    results = tmp_path / "projector"
    app = make_app()
    start(app, session_file, results, projector=True)
    press(app, pygame.K_RETURN)  # the briefing
    for key in (pygame.K_1, pygame.K_2, pygame.K_2, pygame.K_2):
        press(app, key)
    press(app, pygame.K_2, mod=pygame.KMOD_SHIFT)
    assert app.scene.votes[:2] == [1, 2]
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["hold_comcasa"]
    data = json.loads(next(results.glob("*.json")).read_text(encoding="utf-8"))
    assert data["projector"] and data["decisions"][0]["votes"] == {"sign_comcasa": 1,
                                                                   "hold_comcasa": 2}
    session = read_session(session_file)
    report = check_results(session, session.load_scenario(session_file), [results])
    assert report.counted == [] and len(report.projector) == 1  # the class is not a student
    first = card_splits(report)[0]
    assert first["voted"] == 3 and [o["votes"] for o in first["options"]] == [1, 2]


def test_a_tied_projector_vote_plays_the_last_voted_option(make_app, session_file: Path,
                                                          tmp_path: Path) -> None:
    app = make_app()
    start(app, session_file, tmp_path / "p", projector=True)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_2)
    assert app.scene.highlighted() == 2  # the highlight follows the last vote
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["hold_comcasa"]

"""After the teacher ends the session: every student can still read their debrief (on the
device they played on, or by rejoining on another), unfinished games included, while no new
student can join and the big screen says the vote is closed. Also what a wrong rejoin code
is told, and which students have a result."""

from __future__ import annotations

import re

from tests.server.conftest import KEY, PRO_US, LiveServer
from tests.server.test_routes import text_of


def rejoin_code(page: str) -> str:
    found = re.search(r"Your rejoin code is ([A-Z0-9]+)", text_of(page))
    assert found is not None, "no rejoin code on this page"
    return found.group(1)


def test_after_the_end_a_student_rejoins_on_another_device_to_read_the_debrief(
        server: LiveServer) -> None:
    laptop = server.browser()
    laptop.join("Asha Rao")
    laptop.play(PRO_US)
    code = rejoin_code(laptop.page)
    server.teacher().post(f"/teacher/end?key={KEY}")
    phone = server.browser()
    phone.get("/")
    page = text_of(phone.page)
    assert ("This class has ended: no new students can join. If you played, type your name "
            "and your rejoin code to read your debrief.") in page
    assert 'action="/join"' in phone.page and 'name="rejoin"' in phone.page
    phone.join("Asha Rao", rejoin=code)
    assert phone.status == 200
    assert "Ending: Junior ally" in text_of(phone.page)
    stranger = server.browser()
    stranger.join("Someone New")
    assert stranger.status == 400
    assert "This class has ended, so no new students can join." in text_of(stranger.page)


def test_an_unfinished_student_reads_their_debrief_so_far_after_the_end(
        server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.play(PRO_US[:2])  # two decisions of eight, then on the third card
    assert 'class="option"' in student.page
    idle = server.browser()
    idle.join("Meera")  # joined, never pressed Begin
    server.teacher().post(f"/teacher/end?key={KEY}")
    student.get("/play")
    page = text_of(student.page)
    assert "Stopped after 2 of 8 decisions" in page
    assert "The game stopped before its end, so it has no ending" in page
    assert page.count("You chose:") == 2  # the decisions made, and no more
    assert "What really happened" in page and "Questions for discussion" in page
    assert "This class has ended; no more decisions can be made." in page
    assert 'class="option"' not in student.page and "Ending:" not in page
    assert 'action="/leave"' in student.page
    idle.get("/play")
    assert "Stopped after 0 of 8 decisions" in text_of(idle.page)
    assert "No decisions yet." in text_of(idle.page)
    # the game window sees the same debrief through the API
    token = student.client.cookies["ba_student"]
    state = student.client.get("/api/state", headers={"Authorization": f"Bearer {token}"})
    data = state.json()
    assert data["stage"] == "ended" and data["debrief"]["finished"] is False
    assert len(data["debrief"]["decisions"]) == 2


def test_a_wrong_rejoin_code_is_told_apart_from_none(server: LiveServer) -> None:
    first = server.browser()
    first.join("Asha Rao")
    code = rejoin_code(first.page)
    other = server.browser()
    other.join("Asha Rao")
    assert "Someone has already joined as Asha Rao." in text_of(other.page)
    wrong = "Z" * len(code) if code != "Z" * len(code) else "Y" * len(code)
    other.post("/join", name="Asha Rao", rejoin=wrong)
    assert other.status == 400
    page = text_of(other.page)
    assert "That rejoin code does not fit the name Asha Rao. Check it" in page
    assert "Someone has already joined" not in page and 'name="rejoin"' in other.page
    other.post("/join", name="Asha Rao", rejoin=code)
    assert other.status == 200 and 'action="/begin"' in other.page


def test_the_projector_page_says_the_session_has_ended_and_hides_the_vote(
        server: LiveServer) -> None:
    student = server.browser()
    student.join("Asha")
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    teacher.get(f"/teacher/projector?key={KEY}")
    assert "Play option 1" in teacher.page and "/teacher/projector/close" in teacher.page
    teacher.get(f"/teacher?key={KEY}")  # the dashboard has the class game's buttons too
    assert "Play option 1" in teacher.page
    teacher.post(f"/teacher/end?key={KEY}")
    for path in ("/teacher/projector", "/teacher/projector/panel", "/teacher"):
        teacher.get(f"{path}?key={KEY}")
        page = text_of(teacher.page)
        assert "Play option" not in page and "/teacher/projector/close" not in teacher.page
        assert "Close the vote" not in page, path
    teacher.get(f"/teacher/projector?key={KEY}")
    assert "The session has ended: the vote is closed." in text_of(teacher.page)


def test_the_class_games_buttons_on_the_dashboard_come_back_to_it(server: LiveServer) -> None:
    student = server.browser()
    student.join("Asha")
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    teacher.get(f"/teacher?key={KEY}")
    teacher.post(f"/teacher/projector/close?key={KEY}", option="sign_comcasa", number="1",
                 back="dashboard")
    assert "Students open" in teacher.page  # the dashboard, not the projector page
    assert "The class game" in text_of(teacher.page)
    assert server.live.projector().stage == "outcome"  # type: ignore[union-attr]
    teacher.post(f"/teacher/projector/continue?key={KEY}", back="dashboard")
    assert "Students open" in teacher.page
    assert server.live.projector().stage == "card"  # type: ignore[union-attr]


def test_a_student_who_never_pressed_begin_has_no_result(server: LiveServer) -> None:
    started, idle = server.browser(), server.browser()
    started.join("Asha")
    started.post("/begin")
    idle.join("Ben")
    report = server.live.report()
    assert [c.result.name for c in report.counted] == ["Asha"]
    idle.post("/begin")
    assert sorted(c.result.name for c in server.live.report().counted) == ["Asha", "Ben"]


def test_after_the_end_the_dashboard_says_an_unfinished_game_stopped(server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.play(PRO_US[:2])
    teacher = server.teacher()
    teacher.get(f"/teacher?key={KEY}")
    assert "deciding" in text_of(teacher.page)
    teacher.post(f"/teacher/end?key={KEY}")
    teacher.get(f"/teacher?key={KEY}")
    page = text_of(teacher.page)
    assert "stopped (the session has ended)" in page and "deciding" not in page

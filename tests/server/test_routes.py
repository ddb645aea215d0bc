"""The students' pages played as a student would: join, briefing, every card, the outcome,
the ending and the debrief; refusals in the student's words; the teacher's downloads; the
JSON API the window uses."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

from tests.server.conftest import BALANCED, KEY, PRO_US, LiveServer


def text_of(page: str) -> str:
    """A page's words, without tags, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_student_plays_from_joining_to_the_debrief(server: LiveServer) -> None:
    student = server.browser()
    student.join("Farah")
    assert student.status == 200
    assert "First Steps: Learning the Balance" in text_of(student.page)
    assert 'action="/begin"' in student.page  # the briefing comes first
    student.play(PRO_US)
    words = text_of(student.page)
    assert "Ending: Junior ally" in words
    assert "You did not meet the goal." in words
    assert "Your decisions" in words and "What really happened" in words
    assert "Questions for discussion" in words and "Sources" in words
    assert words.count("You chose:") == 8  # every decision in the debrief
    report = server.live.report()
    farah = next(c for c in report.counted if c.name == "Farah")
    assert farah.game.ending is not None and farah.game.ending.id == "junior_ally"
    assert farah.game.meters == {"autonomy": 50, "security": 46, "trust_us": 93,
                                 "trust_russia": 23}
    assert report.flagged == [] and report.problems == []


def test_the_card_shows_options_previews_and_the_outcome_every_change(
        server: LiveServer) -> None:
    student = server.browser()
    student.join("Leela")
    student.post("/begin")
    words = text_of(student.page)
    assert "Turn 1 of 8" in words
    assert len(re.findall(r'class="option"', student.page)) == 2
    assert 'aria-describedby="preview-1"' in student.page  # each option's preview is tied
    assert 'id="preview-1"' in student.page                # to its button
    student.choose(1)
    assert 'aria-live="polite"' in student.page
    words = text_of(student.page)
    assert "You chose: Sign COMCASA" in words
    assert "What changed" in words
    assert re.search(r"Trust in Washington \+\d+", words)
    assert "Continue" in words


def test_the_page_says_what_each_mistake_was(server: LiveServer) -> None:
    student = server.browser()
    student.join("   ")
    assert student.status == 400
    assert "type your name to join the class" in text_of(student.page)
    student.join("Omar")
    other = server.browser()
    other.join("omar ")  # the same name, another device, no rejoin code
    assert other.status == 400
    assert ("Someone has already joined as omar. If that is you on another device, type "
            "your rejoin code below") in text_of(other.page)
    assert 'name="rejoin"' in other.page


def test_the_rejoin_code_carries_a_game_to_another_device(server: LiveServer) -> None:
    laptop = server.browser()
    laptop.join("Omar")
    laptop.post("/begin")
    laptop.choose(2)
    laptop.post("/continue")
    code = re.search(r"Your rejoin code is ([A-Z0-9]+)", laptop.page)
    assert code is not None
    phone = server.browser()
    phone.join("Omar", rejoin=code.group(1).lower())
    assert phone.status == 200 and "Turn 2 of 8" in text_of(phone.page)


def test_a_class_list_needs_the_personal_code_and_signs_the_result(
        make_server, roster_session) -> None:
    from balancing_act.classroom.roster import key_path_for, personal_code, read_key

    key_file = key_path_for(roster_session)
    server = make_server(roster_session, key_file=key_file)
    student = server.browser()
    student.join("Asha Kumar", code="WRONG123")
    assert student.status == 400
    assert "that personal code does not fit Asha Kumar; check it on your handout" in \
        text_of(student.page)
    student.join("Someone Else", code="X")
    assert "'Someone Else' is not on this class's list" in text_of(student.page)
    code = personal_code(read_key(key_file), "s1")
    student.join("asha kumar", code=code.lower())
    assert student.status == 200
    student.play(BALANCED)
    report = server.live.report()
    assert [c.name for c in report.counted] == ["Asha Kumar"]
    assert report.counted[0].result.signature and report.flagged == []


def test_a_form_sent_twice_decides_once(server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.post("/begin")
    option, turn = student.option_id(1), str(student.turn())
    first = student.post("/choose", option=option, turn=turn)
    again = student.post("/choose", option=option, turn=turn)
    assert first.status_code == again.status_code == 200
    assert len(server.live.store.decisions()) == 1
    assert "You chose: Sign COMCASA" in text_of(again.text)  # still the outcome


def test_undo_takes_the_decision_back_where_the_session_allows(server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.post("/begin")
    student.choose(1)
    student.post("/continue")
    assert "Take back my last decision" in student.page
    student.post("/undo")
    assert "Turn 1 of 8" in text_of(student.page)
    assert server.live.store.decisions() == []


def test_an_option_not_on_the_card_is_refused_with_the_choices(server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.post("/begin")
    student.post("/choose", option="no_such_option", turn=str(student.turn()))
    assert student.status == 409
    assert "'no_such_option' is not an option on this card; choose 1, 2." in \
        text_of(student.page)
    assert server.live.store.decisions() == []


def test_pause_and_end_stop_the_students_decisions(server: LiveServer) -> None:
    student = server.browser()
    student.join("Ravi")
    student.post("/begin")
    teacher = server.teacher()
    teacher.post(f"/teacher/pause?key={KEY}", paused="1")
    student.get("/play")
    assert "Your teacher has paused the class." in text_of(student.page)
    assert re.search(r'class="option" disabled', student.page)
    student.post("/choose", option="sign_comcasa", turn="1")
    assert student.status == 409
    teacher.post(f"/teacher/pause?key={KEY}", paused="0")
    student.get("/play")
    student.choose(1)
    assert student.status == 200 and "You chose" in student.page
    teacher.post(f"/teacher/end?key={KEY}")
    late = server.browser()
    late.join("Newcomer")  # the form stays (for rejoining), but no new seat is taken
    assert late.status == 400
    assert "This class has ended, so no new students can join." in text_of(late.page)
    assert server.live.store.player_by_name("newcomer") is None
    student.post("/choose", option="sign_comcasa", turn="2")
    assert student.status == 409 and "This class has ended" in text_of(student.page)


def test_the_teacher_downloads_the_verified_report_and_csv(server: LiveServer) -> None:
    for name, numbers in (("Asha", PRO_US), ("Ben", BALANCED)):
        student = server.browser()
        student.join(name)
        student.play(numbers)
    teacher = server.teacher()
    response = teacher.client.get(f"/teacher/results.csv?key={KEY}")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="ABC123-results.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["name"], r["status"], r["ending"], r["flags"]) for r in rows] == [
        ("Asha", "finished", "Junior ally", ""),
        ("Ben", "finished", "The balancing act", "")]
    response = teacher.client.get(f"/teacher/report.zip?key={KEY}")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"report.html", "endings.png", "meters.png", "results.csv", "class-summary.pdf",
            "sheets.pdf", "students/asha.html", "students/ben.html"} <= names
    page = archive.read("report.html").decode("utf-8")
    assert "2 students counted (2 finished); 0 results not counted" in " ".join(page.split())
    assert list((server.data / "reports").iterdir())  # a copy stays on the teacher's disk


def test_the_dashboard_shows_who_is_where(server: LiveServer) -> None:
    asha, ben = server.browser(), server.browser()
    asha.join("Asha")
    asha.play(PRO_US)
    ben.join("Ben")
    ben.post("/begin")
    ben.choose(2)
    server.clock.advance(180)  # Ben wanders off for three minutes
    teacher = server.teacher()
    words = text_of(teacher.page)
    assert "2 joined" in words and "1 playing" in words and "1 finished" in words
    assert "1 idle for more than 2 minutes" in words
    assert "Ben Turn 2 of 8 ⚠ idle 3 min" in words
    assert "Asha Turn 8 of 8" in words and "Junior ally" in words
    assert "Sign COMCASA 1 (50%)" in words
    assert "Thank Washington, but hold off for now 1 (50%)" in words
    assert "The class's meters" in words and "<svg" in teacher.page
    screen = server.browser()
    screen.get(f"/teacher/screen?key={KEY}")
    assert "Asha" not in screen.page and "Ben" not in screen.page  # the projector view
    assert "2 joined" in text_of(screen.page)                       # has no names


def test_static_files_are_served_without_listing_folders(server: LiveServer) -> None:
    browser = server.browser()
    for path in ("/static/web/htmx.min.js", "/static/web/htmx-ext-sse.js",
                 "/static/web/style.css", "/static/fonts/NotoSans-Regular.ttf"):
        response = browser.client.get(path)
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "public, max-age=86400"
    for path in ("/static/web/", "/static/fonts/", "/static/web/../../pyproject.toml",
                 "/static/web/%2e%2e/%2e%2e/pyproject.toml", "/art/no_such_card",
                 "/art/..%2f..%2fpyproject.toml"):
        assert browser.client.get(path).status_code == 404, path
    art = browser.client.get("/art/first_two_plus_two")
    assert art.status_code == 200 and art.content.startswith(b"\x89PNG")


def test_the_api_plays_the_same_game(server: LiveServer) -> None:
    client = server.browser().client
    response = client.post("/api/join", json={"name": "Window PC 3"})
    token = response.json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    state = client.get("/api/state", headers=headers).json()
    assert state["stage"] == "briefing" and state["name"] == "Window PC 3"
    state = client.post("/api/begin", json={}, headers=headers).json()
    assert state["stage"] == "card" and state["card"]["turn"] == 1
    assert [o["id"] for o in state["card"]["options"]] == ["sign_comcasa", "hold_comcasa"]
    state = client.post("/api/choose", json={"option": "sign_comcasa", "turn": 1},
                        headers=headers).json()
    assert state["stage"] == "outcome"
    assert state["outcome"]["heading"] == "You chose: Sign COMCASA"
    again = client.post("/api/choose", json={"option": "sign_comcasa", "turn": 1},
                        headers=headers).json()
    assert again["decisions"] == 1  # sent twice: decided once
    assert client.post("/api/choose", content=b"not json", headers={
        **headers, "content-type": "application/json"}).status_code == 400
    assert client.post("/api/choose", content=b"option=1", headers={
        **headers, "content-type": "application/x-www-form-urlencoded"}).status_code == 415
    assert client.get("/api/state").status_code == 401
    assert client.get("/api/state", headers={"Authorization": "Bearer forged.123"}
                      ).status_code == 401


def test_an_unexpected_error_is_logged_never_shown(server: LiveServer, monkeypatch) -> None:
    from starlette.testclient import TestClient

    student = server.browser()
    student.join("Ravi")

    def broken(token: str) -> None:
        raise RuntimeError("a bug in the server")

    monkeypatch.setattr(server.live, "state", broken)
    client = TestClient(server.app, base_url="http://127.0.0.1:8000",
                        raise_server_exceptions=False, cookies=student.client.cookies)
    response = client.get("/play")
    assert response.status_code == 500
    words = text_of(response.text)
    assert "The class server met an error it did not expect. Everything decided so far is " \
           "saved" in words
    assert "Traceback" not in response.text and "a bug in the server" not in response.text
    logs = list((server.data / "logs").glob("error-*.log"))
    assert len(logs) == 1 and "RuntimeError: a bug in the server" in logs[0].read_text()

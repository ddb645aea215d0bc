"""Projector mode with votes from devices: the class's game on the big screen, a vote on every
student's device for each card, the tally live, the teacher closing it (majority, or a pick
when tied), and the splits in the report. Also the live updates that carry it."""

from __future__ import annotations

import asyncio
import html
import json
import re

from balancing_act.classroom.figures import card_splits
from balancing_act.server.events import Hub
from balancing_act.server.security import screen_key_for
from tests.server.conftest import KEY, LiveServer


def words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def vote(browser, option_id: str) -> None:
    browser.get("/play")
    number = re.search(r'name="number" value="(\d+)"', browser.page)
    assert number is not None, "no vote open on this device"
    browser.post("/vote", option=option_id, number=number.group(1))


def test_a_class_votes_from_its_devices_and_the_majority_is_played(
        server: LiveServer) -> None:
    students = [server.browser() for _ in range(3)]
    for index, student in enumerate(students):
        student.join(f"Student {index + 1}")
        student.post("/begin")  # a started game (no decision yet): a result of its own
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    assert "The first 2+2" in words(teacher.page) and "Votes: 0 of 3 students" in \
        words(teacher.page)
    students[0].get("/play")
    assert "Class vote: what should India do?" in words(students[0].page)
    vote(students[0], "sign_comcasa")
    vote(students[1], "sign_comcasa")
    vote(students[2], "hold_comcasa")
    vote(students[2], "sign_comcasa")  # a change of mind replaces the earlier vote
    vote(students[2], "hold_comcasa")
    assert "your vote" in students[2].page and 'aria-pressed="true"' in students[2].page
    teacher.get(f"/teacher/projector?key={KEY}")
    page = words(teacher.page)
    assert "Votes: 3 of 3 students" in page
    assert "2 of 3 (67%)" in page and "1 of 3 (33%)" in page
    assert "Close the vote: play option 1 (the majority)" in page
    teacher.post(f"/teacher/projector/close?key={KEY}", option="", number="1")
    assert "You chose: Sign COMCASA" in words(teacher.page)
    assert "How the class voted Sign COMCASA: 2 Thank Washington, but hold off for now: 1" in \
        words(teacher.page)
    students[0].get("/play")
    assert "Class vote" not in words(students[0].page)  # closed until the next card
    teacher.post(f"/teacher/projector/continue?key={KEY}")
    assert "Votes: 0 of 3 students" in words(teacher.page)  # the next card's vote is open
    report = server.live.report()
    game = report.projector[0]
    assert game.result.projector and game.result.decisions[0].votes == {
        "sign_comcasa": 2, "hold_comcasa": 1}
    first = next(row for row in card_splits(report) if row["id"] == "first_two_plus_two")
    assert first["voted"] == 3
    assert all(not c.result.projector for c in report.counted)  # the class's game is not
    assert len(report.counted) == 3                               # a student's


def test_a_tie_waits_for_the_teachers_pick(server: LiveServer) -> None:
    a, b = server.browser(), server.browser()
    a.join("A")
    b.join("B")
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    vote(a, "sign_comcasa")
    vote(b, "hold_comcasa")
    teacher.get(f"/teacher/projector?key={KEY}")
    page = words(teacher.page)
    assert ("A tie between Sign COMCASA / Thank Washington, but hold off for now: pick the "
            "option to play.") in page
    screen = server.teacher()  # the big screen, by its own key: the teacher picks
    screen.get(f"/teacher/projector?key={screen_key_for(KEY)}")
    assert ("A tie between Sign COMCASA / Thank Washington, but hold off for now: the teacher "
            "picks the option to play.") in words(screen.page)
    teacher.post(f"/teacher/projector/close?key={KEY}", option="", number="1")
    assert teacher.status == 409 and "A tie: pick an option above" in words(teacher.page)
    teacher.post(f"/teacher/projector/close?key={KEY}", option="hold_comcasa", number="1")
    assert "You chose: Thank Washington, but hold off for now" in words(teacher.page)
    again = teacher.post(f"/teacher/projector/close?key={KEY}", option="hold_comcasa",
                         number="1")  # the button pressed twice: nothing more is played
    assert again.status_code == 200
    assert len(server.live.store.decisions(server.live.store.players(projector=True)[0].id)
               ) == 1


def test_a_vote_on_a_closed_card_is_refused(server: LiveServer) -> None:
    a = server.browser()
    a.join("A")
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    a.get("/play")
    stale = re.search(r'name="number" value="(\d+)"', a.page)
    assert stale is not None
    vote(a, "sign_comcasa")
    teacher.post(f"/teacher/projector/close?key={KEY}", option="", number="1")
    a.post("/vote", option="sign_comcasa", number=stale.group(1))
    assert a.status == 409 and "This vote has closed." in words(a.page)
    teacher.post(f"/teacher/projector/continue?key={KEY}")
    a.get("/play")
    a.post("/vote", option="not_an_option", number="2")
    assert a.status == 409 and "That is not an option you can vote for" in words(a.page)


def test_a_refused_vote_says_why_in_the_live_panel(server: LiveServer) -> None:
    a = server.browser()
    a.join("A")
    server.teacher().post(f"/teacher/projector/start?key={KEY}")
    a.get("/play")
    response = a.client.post("/vote", data={"csrf": a.csrf(), "option": "nope",
                                            "number": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 200  # htmx swaps the panel in place
    assert 'role="alert"' in response.text
    assert "That is not an option you can vote for on this card." in words(response.text)


def test_votes_from_one_student_are_rate_limited(server: LiveServer) -> None:
    a = server.browser()
    a.join("A")
    server.teacher().post(f"/teacher/projector/start?key={KEY}")
    for _ in range(30):
        vote(a, "sign_comcasa")
        assert a.status == 200
    vote(a, "hold_comcasa")
    assert a.status == 409 and "Too many tries from this device" in words(a.page)


def test_the_live_panel_asks_for_a_reload_when_the_class_changed(server: LiveServer) -> None:
    a = server.browser()
    a.join("A")
    a.get("/play")
    stamp = re.search(r'/status\?stamp=([^"]+)"', a.page)
    assert stamp is not None
    response = a.client.get(f"/status?stamp={stamp.group(1)}")
    assert response.status_code == 200 and "hx-refresh" not in response.headers
    server.teacher().post(f"/teacher/pause?key={KEY}", paused="1")
    response = a.client.get(f"/status?stamp={stamp.group(1)}")
    assert response.headers["hx-refresh"] == "true"
    assert "Your teacher has paused the class." in words(response.text)


def test_the_hub_sends_one_event_per_burst_of_changes() -> None:
    async def scenario() -> list[dict[str, str]]:
        hub = Hub()
        hub.bind(asyncio.get_running_loop())
        stream = hub.stream()
        got = [await stream.__anext__()]  # the first event: catch up on connecting
        for _ in range(5):
            hub.publish()  # five changes close together
        got.append(await asyncio.wait_for(stream.__anext__(), 5))
        hub.close()
        return got

    events = asyncio.run(scenario())
    assert [e["event"] for e in events] == ["change", "change"]
    assert [json.loads(e["data"])["v"] for e in events] == [0, 5]

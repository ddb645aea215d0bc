"""The class server's defences: the teacher's key, each student's signed cookie, CSRF, sizes,
rate limits, escaping, headers, and listening only where asked."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from balancing_act.cli import build_parser
from balancing_act.server.security import (
    MAX_BODY,
    STUDENT_COOKIE,
    RateLimit,
    Signer,
    screen_key_for,
)
from tests.server.conftest import KEY, LiveServer

TEACHER_PAGES = ["/teacher", "/teacher/panel", "/teacher/screen", "/teacher/screen/panel",
                 "/teacher/events", "/teacher/results.csv", "/teacher/report.zip",
                 "/teacher/projector", "/teacher/projector/panel"]
TEACHER_ACTIONS = ["/teacher/pause", "/teacher/end", "/teacher/projector/start",
                   "/teacher/projector/close", "/teacher/projector/continue"]


@pytest.mark.parametrize("key", [None, "", "wrong", KEY[:-1], KEY + "x", KEY.upper()])
def test_every_teacher_page_and_action_refuses_a_missing_or_wrong_key(
        server: LiveServer, key: str | None) -> None:
    browser = server.browser()
    browser.get("/")
    suffix = "" if key is None else f"?key={key}"
    for path in TEACHER_PAGES:
        response = browser.client.get(path + suffix)
        assert response.status_code == 403, path
        assert "This page is for the teacher" in response.text
    for path in TEACHER_ACTIONS:
        response = browser.client.post(path + suffix, data={"csrf": browser.csrf()})
        assert response.status_code == 403, path
    assert server.live.paused is False and server.live.closed is False
    assert server.live.projector() is None


def test_the_right_key_opens_the_dashboard(server: LiveServer) -> None:
    teacher = server.teacher()
    assert teacher.status == 200 and "Students open" in teacher.page


def test_a_student_can_act_only_on_their_own_game(server: LiveServer) -> None:
    asha, ben = server.browser(), server.browser()
    asha.join("Asha")
    ben.join("Ben")
    ben_player = server.live.store.player_by_name("ben")
    assert ben_player is not None
    signed = asha.client.cookies[STUDENT_COOKIE]
    _, mac = signed.rsplit(".", 1)
    asha.client.cookies.set(STUDENT_COOKIE, f"{ben_player.token}.{mac}")  # Ben's seat, Asha's
    asha.get("/play")                                                     # signature
    assert 'action="/join"' in asha.page  # not seated: back to the join page
    response = asha.client.post("/begin", data={"csrf": asha.csrf()})
    assert response.status_code == 200 and 'action="/join"' in response.text
    assert server.live.store.player(ben_player.id).begun is False  # type: ignore[union-attr]
    # the projector game is the class's: no student can play it
    server.teacher().post(f"/teacher/projector/start?key={KEY}")
    game = server.live.store.players(projector=True)[0]
    token = Signer(server.live.store.secret("cookie_secret")).sign(game.token)
    hijack = server.browser()
    hijack.client.cookies.set(STUDENT_COOKIE, token)
    hijack.get("/play")
    hijack.post("/choose", option="sign_comcasa", turn="1")
    assert hijack.status == 409
    assert "the class's projector game, not yours" in html.unescape(hijack.page)


def test_forms_need_this_browsers_csrf_token(server: LiveServer) -> None:
    student = server.browser()
    student.get("/")
    for data in ({}, {"csrf": ""}, {"csrf": "x" * 32}):
        response = student.client.post("/join", data={"name": "Mallory", **data})
        assert response.status_code == 403
        assert "This form has expired or did not come from the class's own page" in \
            html.unescape(response.text)
    response = student.client.post("/join", data={"name": "Mallory", "csrf": student.csrf()},
                                   headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert server.live.store.players() == []
    teacher = server.teacher()
    response = teacher.client.post(f"/teacher/end?key={KEY}", data={})
    assert response.status_code == 403 and server.live.closed is False


def test_oversized_forms_are_refused_before_they_are_read(server: LiveServer) -> None:
    student = server.browser()
    student.get("/")
    big = {"csrf": student.csrf(), "name": "x" * (MAX_BODY + 1)}
    response = student.client.post("/join", data=big)
    assert response.status_code == 413
    assert response.text == "This form is larger than the class server accepts."

    def chunks():  # no Content-Length: the limit counts what arrives
        for _ in range(40):
            yield b"name=" + b"y" * 1024

    response = student.client.post("/join", content=chunks(),
                                   headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert server.live.store.players() == []


def test_a_long_name_is_cut_and_every_name_is_escaped(server: LiveServer) -> None:
    student = server.browser()
    student.join("<script>alert('x')</script>" + "\u202e" + "z" * 100)
    player = server.live.store.players()[0]
    assert player.name == ("<script>alert('x')</script>" + "z" * 100)[:60]  # and no RLO
    teacher = server.teacher()
    assert "<script>alert" not in teacher.page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in teacher.page
    assert "<script>alert" not in student.page


def test_joins_from_one_device_are_rate_limited(make_server, session_file) -> None:
    server = make_server(session_file, joins_per_minute=3)
    device = server.browser()
    for name in ("A1", "A2", "A3"):
        device.join(name)
        assert device.status == 200
        device.client.cookies.delete(STUDENT_COOKIE)
    device.join("A4")
    assert device.status == 429
    assert "Too many tries from this device; wait a minute" in device.page
    assert len(server.live.store.players()) == 3


def test_a_rate_limit_forgets_after_its_window() -> None:
    now = [0.0]
    limit = RateLimit(2, 60, clock=lambda: now[0])
    assert limit.allow("a") and limit.allow("a") and not limit.allow("a")
    assert limit.allow("b")
    now[0] = 61
    assert limit.allow("a")


@given(st.text(max_size=120), st.text(max_size=120))
def test_a_signature_fits_only_its_value_and_secret(value: str, forged: str) -> None:
    signer, other = Signer("secret-one"), Signer("secret-two")
    signed = signer.sign(value)
    assert signer.unsign(signed) == value
    assert other.unsign(signed) is None
    mac = signed.rpartition(".")[2]
    if forged != value:
        assert signer.unsign(f"{forged}.{mac}") is None
    assert signer.unsign(forged) is None  # nothing unsigned passes


def test_answers_carry_the_security_headers(server: LiveServer) -> None:
    response = server.browser().client.get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert re.search(r"ba_csrf=[^;]+; HttpOnly; Path=/; SameSite=strict",
                     response.headers["set-cookie"])


def test_the_server_listens_on_this_computer_only_unless_told() -> None:
    args = build_parser().parse_args(["class", "host", "session.yaml"])
    assert args.host == "127.0.0.1" and args.port == 8000


SCREEN_PAGES = ["/teacher/screen", "/teacher/screen/panel", "/teacher/projector",
                "/teacher/projector/panel"]


def test_the_screen_key_opens_the_big_screen_and_nothing_else(server: LiveServer) -> None:
    screen = screen_key_for(KEY)
    assert screen != KEY and KEY not in screen and screen == screen_key_for(KEY)
    student = server.browser()
    student.join("Asha Rao")
    rejoin = server.live.store.players()[0].rejoin
    teacher = server.teacher()
    teacher.post(f"/teacher/projector/start?key={KEY}")
    big = server.browser()
    for path in SCREEN_PAGES:
        response = big.client.get(f"{path}?key={screen}")
        assert response.status_code == 200, path
        # nothing on it controls the class, names a student or gives the teacher's key away
        assert KEY not in response.text and "Asha Rao" not in response.text, path
        assert rejoin not in response.text and 'action="/teacher' not in response.text, path
    big.get(f"/teacher/projector?key={screen}")
    assert "Votes: 0 of 1 students" in html.unescape(re.sub(r"<[^>]+>", " ", big.page))
    assert "Play option" not in big.page and "Back to the dashboard" not in big.page
    for path in [p for p in TEACHER_PAGES if p not in SCREEN_PAGES and p != "/teacher/events"]:
        response = big.client.get(f"{path}?key={screen}")
        assert response.status_code == 403, path
    for path in TEACHER_ACTIONS:
        response = big.client.post(f"{path}?key={screen}",
                                   data={"csrf": big.csrf(), "paused": "1", "number": "1"})
        assert response.status_code == 403, path
    assert server.live.paused is False and server.live.closed is False
    assert server.live.projector().stage == "card"  # type: ignore[union-attr]
    # the teacher's own pages link to the big screen with the screen key only
    teacher.get(f"/teacher?key={KEY}")
    links = re.findall(r'href="(/teacher/(?:screen|projector)\?key=[^"]+)"', teacher.page)
    assert sorted(links) == [f"/teacher/projector?key={screen}",
                             f"/teacher/screen?key={screen}"]
    # opened with the teacher's key, the projector page keeps its buttons
    teacher.get(f"/teacher/projector?key={KEY}")
    assert "Play option 1" in teacher.page and "Back to the dashboard" in teacher.page


def test_the_screen_key_is_the_same_after_a_restart(server: LiveServer) -> None:
    before = screen_key_for(KEY)
    server.restart()
    response = server.browser().client.get(f"/teacher/screen?key={before}")
    assert response.status_code == 200

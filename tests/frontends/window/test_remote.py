"""`play --join URL`: the game window plays a hosted class through the server's API, with the
server as the authority: the decisions it sends are the server's records, and what it shows
is what the server sends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest
import uvicorn

from balancing_act.cli import main
from balancing_act.frontends.window.scenes.remote import RemoteClass, RemoteError
from balancing_act.server.serve import listen, open_class
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import click, press, pump, settle

PRO_US = [1, 3, 2, 1, 1, 3, 3, 3]


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[tuple[str, object]]:
    """A real class server on a free port, in a thread: (its address, the live class)."""
    session = tmp_path / "session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(session), "--code",
                 "WIN123"]) == 0
    hosted = open_class(session, tmp_path / "records")
    sock = listen("127.0.0.1", 0)
    port = sock.getsockname()[1]
    from balancing_act.server.app import AppConfig, create_app

    app = create_app(hosted.live, AppConfig(
        students_url=f"http://127.0.0.1:{port}/", teacher_key="k" * 24,
        cookie_secret=hosted.store.secret("cookie_secret"), data=tmp_path / "records"))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/", hosted.live
    server.should_exit = True
    thread.join(timeout=10)
    hosted.store.close()


def card_state(folder: Path) -> dict[str, object]:
    """What the server sends a window on the first card of a classic session (made in
    process, no network): for screens that need a hosted game to show."""
    from balancing_act.server.app import AppConfig, create_app

    session = folder / "remote-session.yaml"
    if not session.exists():
        assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(session)]) == 0
    hosted = open_class(session, folder / "remote-records")
    try:
        app = create_app(hosted.live, AppConfig(
            students_url="http://127.0.0.1:9/", teacher_key="k" * 24, cookie_secret="c" * 24,
            data=folder))
        player = hosted.live.join(f"Window {len(hosted.store.players()) + 1}")
        hosted.live.begin(player.token)
        return app.state.server.api_state(hosted.live.state(player.token))
    finally:
        hosted.store.close()


def type_into(app, entry, text: str) -> None:
    entry.set_text(text)
    app.manager.set_focus_set(entry)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                         unicode="\r", scancode=0))
    pump(app, 4)


def test_the_window_plays_a_hosted_class_to_its_debrief(make_app, hosted) -> None:
    url, live = hosted
    app = make_app(join=url)
    app.reset("remote_join", url=url)
    settle(app)
    assert app.scene.name == "remote_join"
    type_into(app, app.scene.entries["name"], "Lab PC 4")
    type_into(app, app.scene.entries["rejoin"], "")
    pump(app)
    assert app.scene.name == "remote_game", app.toast_text
    assert app.scene.stage == "briefing"
    click(app, "Begin")
    assert app.scene.stage == "card"
    for turn, number in enumerate(PRO_US, start=1):
        assert app.scene.state["card"]["turn"] == turn
        press(app, pygame.K_0 + number)
        assert app.scene.stage == "outcome", app.toast_text
        click(app, "See how it ended" if turn == len(PRO_US) else "Continue")
    assert app.scene.stage == "ended"
    assert app.scene.state["debrief"]["ending"]["title"] == "Junior ally"
    assert "Ending: Junior ally" in [getattr(e, "text", "") for e in app.scene.elements]
    assert "You did not meet the goal." in app.scene.main_text.html_text
    report = live.report()  # the server's records are the game
    assert [(c.name, c.game.ending.id) for c in report.counted] == [("Lab PC 4",
                                                                      "junior_ally")]


def test_the_window_says_when_the_server_cannot_be_reached(make_app) -> None:
    app = make_app()
    app.reset("remote_join", url="http://127.0.0.1:9/")
    settle(app)
    assert app.scene.name == "remote_join" and app.scene.about is None
    assert "cannot reach the class server at http://127.0.0.1:9" in app.scene.problem
    assert [text for text, _ in app.scene.buttons()] == ["Try again", "Quit"]


def test_a_bad_address_is_refused_in_words() -> None:
    with pytest.raises(RemoteError, match="'ftp://x' is not a class server's address"):
        RemoteClass("ftp://x")
    assert RemoteClass("192.168.1.20:8000").base == "http://192.168.1.20:8000"


def test_an_unreachable_server_is_told_and_the_game_goes_on(make_app, tmp_path) -> None:
    app = make_app()
    state = card_state(tmp_path)
    app.reset("remote_game", client=RemoteClass("http://127.0.0.1:9/"), state=state)
    settle(app)
    assert app.scene.stage == "card"
    press(app, pygame.K_1)
    assert app.scene.stage == "card" and app.crashes == 0
    assert app.toast_text.startswith("cannot reach the class server at http://127.0.0.1:9")


def test_join_goes_with_the_window_only(tmp_path: Path, capsys) -> None:
    assert main(["play", "--join", "http://127.0.0.1:9/", "--text"]) == 2
    assert "--join plays a hosted class in the window" in capsys.readouterr().err


def test_a_game_stopped_by_the_end_of_the_class_has_no_ending_heading(make_app,
                                                                        hosted) -> None:
    url, live = hosted
    app = make_app(join=url)
    app.reset("remote_join", url=url)
    settle(app)
    type_into(app, app.scene.entries["name"], "Lab PC 5")
    type_into(app, app.scene.entries["rejoin"], "")
    pump(app)
    click(app, "Begin")
    for number in PRO_US[:2]:
        press(app, pygame.K_0 + number)
        click(app, "Continue")
    live.end()
    press(app, pygame.K_0 + PRO_US[2])  # the answer: the class has ended
    settle(app)
    assert app.scene.stage == "ended", app.toast_text
    texts = [getattr(e, "text", "") for e in app.scene.elements]
    assert "Stopped after 2 of 8 decisions" in texts
    assert not any(text.startswith("Ending:") for text in texts)

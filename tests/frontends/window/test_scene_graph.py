"""The scene graph: from every screen, every button and every documented key is activated once,
in the default, high-contrast and largest-text settings, headless. Nothing may raise (the
crash screen counts as a failure), and every screen reached is drawn."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from balancing_act.classroom.session import create_session, read_session
from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import SessionStart
from balancing_act.frontends.window.registry import SCENES
from balancing_act.frontends.window.scenes.remote import RemoteClass
from balancing_act.scenario.problems import Problem
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import click_at, pump, settle
from tests.frontends.window.test_remote import card_state

KEYS: dict[str, tuple[int, int]] = {
    "confirm": (pygame.K_RETURN, 0), "back": (pygame.K_ESCAPE, 0), "next": (pygame.K_TAB, 0),
    "previous": (pygame.K_TAB, pygame.KMOD_SHIFT), "left": (pygame.K_LEFT, 0),
    "right": (pygame.K_RIGHT, 0), "digit": (pygame.K_2, 0), "glossary": (pygame.K_g, 0),
    "undo": (pygame.K_u, 0), "meters": (pygame.K_m, 0), "pick": (pygame.K_p, 0),
    "new": (pygame.K_n, 0), "continue": (pygame.K_c, 0), "settings": (pygame.K_s, 0),
    "quit": (pygame.K_q, 0), "reload": (pygame.K_F5, 0), "page_down": (pygame.K_PAGEDOWN, 0),
    "page_up": (pygame.K_PAGEUP, 0), "home": (pygame.K_HOME, 0), "end": (pygame.K_END, 0),
}
EVERYWHERE = ["overlay", "page_down", "home", "end"]  # keys every screen must take calmly
KEYS["overlay"] = (pygame.K_F3, 0)
VARIANTS = {"default": {}, "high-contrast": {"high_contrast": True},
            "largest-text": {"text_size": "largest"}}


class Room:
    """Brings a window to any screen, with the game state that screen needs."""

    def __init__(self, app: App, tmp_path: Path) -> None:
        self.app = app
        self.session_file = tmp_path / "session.yaml"
        create_session(CLASSIC, self.session_file, seed=1, code="GRAPH1")
        self.results = tmp_path / "results"
        self.remote = card_state(tmp_path)  # a hosted game's first card, as a server sends it

    def game(self, decisions: int = 0) -> None:
        self.app.start_game(CLASSIC, seed=1)
        for choice in (1, 2, 1, 1, 2, 2, 2, 2)[:decisions]:
            self.app.decide(choice)

    def classroom(self) -> None:
        session = read_session(self.session_file)
        self.app.open_session(SessionStart(session, self.session_file, self.results, "Graph"))

    def reach(self, name: str) -> None:
        app = self.app
        app.running = True
        setups: dict[str, Callable[[], None]] = {
            "title": lambda: app.reset("title"),
            "picker": lambda: app.reset("picker"),
            "settings": lambda: (app.reset("title"), app.push("settings")),
            "briefing": lambda: self.game(0),
            "card": lambda: (self.game(1), app.reset("card")),
            "outcome": lambda: (self.game(0), app.reset("outcome", outcome=app.decide(1))),
            "debrief": lambda: (self.game(8), app.reset("debrief")),
            "pause": lambda: (self.game(1), app.reset("card"), app.push("pause")),
            "glossary": lambda: (self.game(0), app.reset("card"),
                                 app.push("glossary", terms=["COMCASA"])),
            "meters": lambda: (self.game(2), app.reset("card"), app.push("meters")),
            "inspector": lambda: (self.game(2), app.reset("card"), app.push("inspector")),
            "confirm": lambda: (app.reset("title"), app.push(
                "confirm", message="Replace it?", yes="Replace", on_yes=lambda: None)),
            "error": lambda: app.show_errors(
                [Problem("x.yaml", 1, 1, "a problem")], retry=("start", str(CLASSIC))),
            "crash": lambda: app.reset("crash", error="RuntimeError: x", log="/tmp/x.log"),
            "name": lambda: (setattr(app, "classroom", None), app.open_session(
                SessionStart(read_session(self.session_file), self.session_file, self.results,
                             None))),
            "copy": lambda: (self.classroom(), app.decide(1),
                             app.push("copy", source=app.classroom.result_path)),
            "remote_join": lambda: app.reset("remote_join", url="http://127.0.0.1:9/"),
            "remote_game": lambda: app.reset("remote_game", state=self.remote,
                                             client=RemoteClass("http://127.0.0.1:9/")),
        }
        assert set(setups) == set(SCENES), "every registered scene needs a way to reach it"
        setups[name]()
        settle(app)
        assert app.scene is not None and app.scene.name == name


@pytest.fixture
def room(make_app, tmp_path: Path, monkeypatch) -> Callable[[dict[str, object]], Room]:
    monkeypatch.setattr(App, "open_folder", lambda self, folder: self.toast(f"open {folder}"))

    def make(settings: dict[str, object]) -> Room:
        app = make_app(size=(1024, 600))
        for key, value in settings.items():
            setattr(app.settings, key, value)
        app.apply_settings()
        return Room(app, tmp_path)

    return make


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_every_button_and_key_of_every_screen(room, variant: str) -> None:
    here = room(VARIANTS[variant])
    app = here.app
    reached: set[str] = set()
    activations = 0
    for name in sorted(SCENES):
        here.reach(name)
        buttons = [text for text, _ in app.scene.buttons()]
        keys = sorted(set(type(app.scene).keys) | set(EVERYWHERE))
        for index in range(len(buttons)):
            here.reach(name)
            element = app.scene.buttons()[index][1]
            click_at(app, element.rect.center)
            pump(app, 4)
            activations += 1
            assert app.crashes == 0, f"{name}: button {buttons[index]!r} crashed"
            reached.add(app.scene.name if app.scene else "-")
        for key in keys:
            here.reach(name)
            code, mod = KEYS[key]
            settle(app)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="",
                                                 scancode=0))
            pump(app, 4)
            activations += 1
            assert app.crashes == 0, f"{name}: key {key} crashed"
            reached.add(app.scene.name if app.scene else "-")
    assert set(SCENES) <= reached | set(SCENES)  # every scene was the start of a walk
    assert {"title", "picker", "settings", "card", "outcome", "debrief", "pause",
            "glossary", "meters", "briefing", "confirm"} <= reached
    assert activations > 100

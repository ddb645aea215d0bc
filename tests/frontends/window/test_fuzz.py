"""Thousands of random key, mouse, text and resize events across every screen: no crash, and
every zero-width and control character typed into every text field."""

from __future__ import annotations

import random

import pygame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import WindowRequest
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import pump, settle

KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE,
        pygame.K_g, pygame.K_n, pygame.K_c, pygame.K_m, pygame.K_u, pygame.K_s, pygame.K_F3,
        pygame.K_F5, pygame.K_TAB, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_a,
        pygame.K_BACKSPACE]
# The characters that once crashed the text fields, and the rest of their kind.
TROUBLE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\ufeff", "\u00ad",
           "\x00", "\x07", "\x1b", "\t", "\r", "\u2066", "~nosuchuser/x", "नमस्ते", "\U0001f600"]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    kind = rng.random()
    if kind < 0.45:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="x",
                                  scancode=0)
    if kind < 0.5:
        return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TROUBLE))
    position = (rng.randrange(size[0]), rng.randrange(size[1]))
    if kind < 0.6:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.97:
        pressed = pygame.MOUSEBUTTONDOWN if rng.random() < 0.5 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(pressed, pos=position, button=rng.choice((1, 1, 1, 3, 4, 5)))
    width, height = rng.randrange(600, 2000), rng.randrange(400, 1200)
    return pygame.event.Event(pygame.VIDEORESIZE, w=width, h=height, size=(width, height))


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_random_input_never_crashes(tmp_path_factory, seed: int) -> None:
    rng = random.Random(seed)
    app = App(WindowRequest(data_folder=tmp_path_factory.mktemp("fuzz")))
    app.start_game(CLASSIC, seed=seed)
    scenes = set()
    for step in range(900):
        if not app.running:  # Quit was chosen: start again from the title
            app.running = True
            app.reset("title")
        pygame.event.post(random_event(rng, app.screen.get_size()))
        if step % 4 == 0:
            app.frame(1 / 60)
            scenes.add(app.scene.name)
    pygame.quit()
    assert "crash" not in scenes and app.crashes == 0
    assert len(scenes) >= 3


def test_trouble_characters_in_every_text_field(make_app, tmp_path) -> None:
    from balancing_act.classroom.session import create_session, read_session
    from balancing_act.frontends.window.launch import SessionStart

    session_file = tmp_path / "s.yaml"
    create_session(CLASSIC, session_file, seed=1)
    session = read_session(session_file)
    app = make_app()
    fields = []
    app.reset("picker")
    settle(app)
    app.scene.ask_for_path()
    fields.append(app.scene.entry)
    app.open_session(SessionStart(session, session_file, tmp_path / "r", None))
    settle(app)
    fields.append(app.scene.entry)
    for name in ["name", "picker"]:
        for text in TROUBLE:
            app.reset(name) if name == "picker" else app.open_session(
                SessionStart(session, session_file, tmp_path / "r", None))
            settle(app)
            if name == "picker":
                app.scene.ask_for_path()
            entry = app.scene.entry
            app.manager.set_focus_set(entry)
            for character in text:  # typed one by one, as a keyboard would
                pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
                pump(app, 1)
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                                 unicode="\r", scancode=0))
            pump(app, 3)
            assert app.crashes == 0, text
    assert app.scene.name in ("picker", "name", "briefing", "error", "title")


def test_4k_windows_lay_out(make_app) -> None:
    app = make_app(size=(3840, 2160))
    app.reset("picker")
    pump(app, 3)
    assert app.crashes == 0 and app.screen.get_size() == (3840, 2160)

"""Thousands of random key, mouse and resize events across every screen: no crash."""

from __future__ import annotations

import random

import pygame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancing_act.ui.app import App
from balancing_act.ui.store import Store
from tests.conftest import TUTORIAL

KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_UP, pygame.K_DOWN,
        pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_g, pygame.K_n, pygame.K_c,
        pygame.K_F3, pygame.K_TAB, pygame.K_a, pygame.K_BACKSPACE]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    kind = rng.random()
    if kind < 0.5:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=0, unicode="x",
                                  scancode=0)
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
    app = App(store=Store(tmp_path_factory.mktemp("fuzz")))
    app.open_scenario(TUTORIAL, seed=seed)
    scenes = set()
    for step in range(800):
        if not app.running:  # Quit was chosen: start again from the title
            app.running = True
            app.to_title()
        pygame.event.post(random_event(rng, app.screen.get_size()))
        if step % 4 == 0:
            app.frame(1 / 60)
            scenes.add(app.scene.name)
    pygame.quit()
    assert len(scenes) >= 3

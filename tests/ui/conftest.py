"""A headless game window for each test, with its own data folder."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from balancing_act.ui.app import App
from balancing_act.ui.store import Store


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Build an App (headless: SDL's dummy drivers) whose saves go to a temporary folder."""
    assert os.environ["SDL_VIDEODRIVER"] == "dummy"
    made: list[App] = []

    def make(**options: object) -> App:
        options.setdefault("store", Store(tmp_path / "data"))
        app = App(**options)  # type: ignore[arg-type]
        made.append(app)
        return app

    yield make
    pygame.quit()


def pump(app: App, frames: int = 3) -> None:
    for _ in range(frames):
        app.frame(1 / 60)


def press(app: App, key: int, frames: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                         scancode=0))
    pump(app, frames)

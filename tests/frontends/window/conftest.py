"""A headless game window for each test, with its own data and Documents folders, and the
helpers that drive it as a player would: frames, key presses and clicks by label."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.input import GUARD_FRAMES
from balancing_act.frontends.window.launch import WindowRequest


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., App]]:
    """Build an App (headless: SDL's dummy drivers) whose files go to a temporary folder."""
    assert os.environ["SDL_VIDEODRIVER"] == "dummy"
    monkeypatch.setenv("BALANCING_ACT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BALANCING_ACT_DOCUMENTS", str(tmp_path / "documents"))

    def make(**request: Any) -> App:
        request.setdefault("data_folder", tmp_path / "data")
        return App(WindowRequest(**request))

    yield make
    pygame.quit()


def pump(app: App, frames: int = 3) -> None:
    for _ in range(frames):
        app.frame(1 / 60)


def settle(app: App) -> None:
    """Frames until the screen takes keys again (the input guard after a change of screen)."""
    pump(app, GUARD_FRAMES + 1)


def press(app: App, key: int, mod: int = 0, frames: int = 3) -> None:
    settle(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                         scancode=0))
    pump(app, frames)


def click_at(app: App, position: tuple[int, int], button: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pump(app, 1)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=position, button=button))
    pump(app, 3)


def labels(app: App) -> list[str]:
    assert app.scene is not None
    return [text for text, _ in app.scene.buttons()]


def click(app: App, label: str) -> None:
    """Click the button whose text starts with `label` on the current screen."""
    settle(app)
    assert app.scene is not None
    element = next((e for text, e in app.scene.buttons() if text.startswith(label)), None)
    assert element is not None, f"no button {label!r} on {app.scene.name}: {labels(app)}"
    click_at(app, element.rect.center)


def hover(app: App, element: Any) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=element.rect.center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 3)


def finish_animation(app: App) -> None:
    for _ in range(600):
        if app.scene is None or not app.scene.busy:
            return
        pump(app, 1)

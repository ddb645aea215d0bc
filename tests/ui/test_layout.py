"""Every screen at 1024x600, 1280x720 and 1920x1080 keeps its text inside its boxes.

Text in pygame_gui widgets is checked row by row against the widget's text area; text the
project draws itself (meters, chart) against the rectangle it belongs to; and every widget
against the window."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from balancing_act.ui.app import App
from balancing_act.ui.scenes.menus import PauseScene, SettingsScene
from balancing_act.ui.scenes.picker import PickerScene
from balancing_act.ui.scenes.title import TitleScene
from tests.conftest import TUTORIAL
from tests.ui.conftest import press, pump

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def overflows(app: App) -> list[str]:
    window = app.screen.get_rect()
    found = []
    for element in app.manager.get_sprite_group().sprites():
        if element is app.manager.get_root_container():
            continue
        if not window.contains(element.rect):
            found.append(f"{app.scene.name}: {type(element).__name__} {element.rect} is outside "
                         f"the window {window}")
        shape = getattr(element, "drawable_shape", None)
        layout = getattr(element, "text_box_layout", None) or getattr(shape, "text_box_layout",
                                                                      None)
        if layout is None:
            continue
        for row in layout.layout_rows:
            if row.right > layout.layout_rect.width + 1:
                text = getattr(element, "text", "") or getattr(element, "html_text", "")
                found.append(f"{app.scene.name}: text runs out of its {type(element).__name__}"
                             f" ({row.right} > {layout.layout_rect.width}): {text[:60]!r}")
    for text, box in app.scene.drawn_text():
        if not box.contains(text):
            found.append(f"{app.scene.name}: drawn text {text} is outside {box}")
    return found


def visit_every_screen(app: App, broken: Path) -> list[str]:
    problems: list[str] = []

    def check() -> None:
        pump(app, 2)
        problems.extend(overflows(app))

    app.switch(TitleScene(app))
    check()
    app.switch(PickerScene(app))
    check()
    app.open_scenario(TUTORIAL, seed=1)
    check()
    press(app, pygame.K_RETURN)
    check()
    app.show_glossary(app.scene.terms())
    check()
    press(app, pygame.K_ESCAPE)
    app.pause()
    check()
    pause = app.scene
    app.switch(SettingsScene(app, back=lambda: PauseScene(app, pause.underneath)))
    check()
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    for choice in (1, 2, 1, 1, 2, 2, 2, 2):
        press(app, pygame.K_0 + choice)
        check()
        press(app, pygame.K_RETURN)
        pump(app, 2)
    assert app.scene.name == "debrief"
    check()
    app.open_scenario(broken)
    check()
    return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_outside_its_box(make_app, tmp_path: Path, size: tuple[int, int]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: Broken\nturns: x\n", encoding="utf-8")
    app = make_app(size=size)
    assert app.screen.get_size() == size
    assert visit_every_screen(app, broken) == []


def test_large_text_and_high_contrast_at_the_smallest_size(make_app, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\n", encoding="utf-8")
    app = make_app(size=(1024, 600))
    app.settings.text_size = "large"
    app.settings.high_contrast = True
    app.settings.colour_blind = True
    app.apply_settings()
    assert visit_every_screen(app, broken) == []


def test_resizing_lays_the_screen_out_again(make_app) -> None:
    app = make_app()
    app.open_scenario(TUTORIAL, seed=1)
    press(app, pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    pump(app, 3)
    assert app.screen.get_size() == (1600, 900)
    assert app.scene.option_buttons[0].rect.right > 1280
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=500, h=300, size=(500, 300)))
    pump(app, 3)
    assert app.screen.get_size() == (1024, 600)
    assert overflows(app) == []

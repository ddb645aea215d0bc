"""Every screen, from 1024x600 to 3840x2160 and at every text size, keeps its text inside its
boxes and its widgets inside the window.

Text in pygame_gui widgets is checked row by row against the widget's text area; text the
project draws itself (meters, chart) against the rectangle it belongs to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pygame
import pytest

from balancing_act.frontends.window.app import App
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import finish_animation, press, pump

SIZES = [(1024, 600), (1280, 720), (1920, 1080), (3840, 2160)]


def overflows(app: App) -> list[str]:
    window = app.screen.get_rect()
    found = []
    name = app.scene.name if app.scene else "-"
    for element in app.manager.get_sprite_group().sprites():
        if element is app.manager.get_root_container() or not element.visible:
            continue
        if not window.contains(element.rect):
            found.append(f"{name}: {type(element).__name__} {element.rect} is outside "
                         f"the window {window}")
        shape = getattr(element, "drawable_shape", None)
        layout = getattr(element, "text_box_layout", None) or getattr(shape, "text_box_layout",
                                                                      None)
        if layout is None:
            continue
        for row in layout.layout_rows:
            if row.right > layout.layout_rect.width + 1:
                text = getattr(element, "text", "") or getattr(element, "html_text", "")
                found.append(f"{name}: text runs out of its {type(element).__name__}"
                             f" ({row.right} > {layout.layout_rect.width}): {text[:60]!r}")
    for text, box in app.scene.drawn_text():
        if not box.contains(text):
            found.append(f"{name}: drawn text {text} is outside {box}")
    return found


CLASSIC_CHOICES = (1, 2, 1, 1, 2, 2, 2, 2)


def visit_every_screen(app: App, broken: Path, session_file: Path, *,
                       scenario: Path = CLASSIC, choices: Sequence[int] = CLASSIC_CHOICES,
                       confirm: tuple[str, str, str] | None = None,
                       measure: Callable[[App], list[str]] | None = None) -> list[str]:
    """Every screen once, every card of a game and every part of its debrief, with what
    `measure` finds wrong on each (by default, what runs out of its box). `confirm` is a
    question to ask in the confirm box (message, yes, no); by default a long English one."""
    problems: list[str] = []
    measured = measure or overflows

    def check() -> None:
        pump(app, 2)
        problems.extend(measured(app))

    for name in ("title", "settings", "picker"):
        app.reset(name)
        check()
    app.start_game(scenario, seed=1)
    check()
    press(app, pygame.K_RETURN)
    check()
    for name in ("glossary", "meters", "pause"):
        app.push(name)
        check()
        app.pop()
    message, yes, no = confirm or ("A question? " * 20, "Yes, do it", "No")
    app.push("confirm", message=message, yes=yes, no=no)
    check()
    app.pop()
    for choice in choices:
        press(app, pygame.K_0 + choice)
        check()
        finish_animation(app)
        press(app, pygame.K_RETURN)
        check()
    assert app.scene.name == "debrief"
    for section in app.scene.SECTIONS:
        app.scene.show(section)
        check()
    app.push("copy", source=Path("/tmp/a-result-file-with-a-long-name.json"))
    check()
    app.reset("crash", error="RuntimeError: " + "x" * 200, log="/tmp/logs/crash.log")
    check()
    app.start_game(broken)
    check()
    from balancing_act.classroom.session import read_session
    from balancing_act.frontends.window.launch import SessionStart

    app.open_session(SessionStart(read_session(session_file), session_file, Path("/tmp/r"),
                                  None))
    check()
    return problems


def broken_and_session(folder: Path, scenario: Path) -> tuple[Path, Path]:
    """A scenario file that does not load, and a class session of `scenario`."""
    from balancing_act.classroom.session import create_session

    broken = folder / "broken.yaml"
    broken.write_text("format: 1\nid: broken\ntitle: Broken\nturns: x\n", encoding="utf-8")
    session_file = folder / "s.yaml"
    create_session(scenario, session_file, seed=1)
    return broken, session_file


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return broken_and_session(tmp_path, CLASSIC)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_outside_its_box(make_app, files, size: tuple[int, int]) -> None:
    app = make_app(size=size)
    assert app.screen.get_size() == size
    assert visit_every_screen(app, *files) == []


@pytest.mark.parametrize("text_size", ["large", "largest"])
def test_large_text_and_high_contrast_at_the_smallest_size(make_app, files,
                                                           text_size: str) -> None:
    app = make_app(size=(1024, 600))
    app.settings.text_size = text_size
    app.settings.high_contrast = True
    app.apply_settings()
    assert visit_every_screen(app, *files) == []


def test_resizing_lays_the_screen_out_again(make_app) -> None:
    app = make_app()
    app.start_game(CLASSIC, seed=1)
    press(app, pygame.K_RETURN)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900)))
    pump(app, 3)
    assert app.screen.get_size() == (1600, 900)
    assert app.scene.option_buttons[0].rect.right > 1280
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=500, h=300, size=(500, 300)))
    pump(app, 3)
    assert app.screen.get_size() == (1024, 600)
    assert overflows(app) == []


@pytest.mark.parametrize("text_size", ["medium", "largest"])
def test_the_debrief_tabs_keep_their_whole_names(make_app, text_size: str) -> None:
    """The open part is marked '[ Decisions ]' where that fits and by its colour always: at
    the largest text the brackets would cut the word to '[ Decisio…'."""
    app = make_app()
    app.settings.text_size = text_size
    app.apply_settings()
    app.start_game(CLASSIC, seed=1)
    press(app, pygame.K_RETURN)
    for choice in CLASSIC_CHOICES:
        press(app, pygame.K_0 + choice)
        finish_animation(app)
        press(app, pygame.K_RETURN)
    assert app.scene.name == "debrief"
    tabs = [e for e in app.scene.callbacks if getattr(e, "whole_label", "").strip("[ ]") in
            ("Decisions", "History", "Questions", "Sources")]
    assert len(tabs) == 4 and not any("…" in tab.text for tab in tabs)
    opened = [tab for tab in tabs if tab.is_selected]
    assert [tab.whole_label.strip("[ ]") for tab in opened] == ["Decisions"]
    if text_size == "medium":
        assert opened[0].text == "[ Decisions ]"


def test_fullscreen_starts_from_the_display_corner(make_app, monkeypatch) -> None:
    """Without a window manager SDL leaves a fullscreen window where the smaller window
    stood (40 px down on a 1280x800 screen), so its buttons hang off the bottom; the window
    is moved to the corner first."""
    app = make_app()
    app.reset("title")
    calls: list[object] = []
    real_set_mode = pygame.display.set_mode
    monkeypatch.setattr(pygame.display, "set_window_position",
                        lambda position: calls.append(("move", tuple(position))))
    monkeypatch.setattr(pygame.display, "set_mode",
                        lambda size, flags=0: calls.append(("mode", tuple(size), flags))
                        or real_set_mode(size, flags))
    app.settings.fullscreen = True
    app.apply_settings()
    assert calls[:2] == [("move", (0, 0)), ("mode", (0, 0), pygame.RESIZABLE | pygame.FULLSCREEN)]

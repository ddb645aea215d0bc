"""At the largest text, in English and Hindi, from the smallest window to a fullscreen
1280x800: every button lies on the screen, the debrief's chart keeps a plot that can be
read, and what matters is wrapped rather than cut with an ellipsis."""

from __future__ import annotations

import pygame
import pygame_gui
import pytest

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.widgets import MIN_PLOT_LINES, plot_area
from tests.conftest import CLASSIC, TUTORIAL
from tests.frontends.window.conftest import finish_animation, press, pump
from tests.frontends.window.test_layout import (
    CLASSIC_CHOICES,
    broken_and_session,
    visit_every_screen,
)
from tests.frontends.window.test_layout_hindi import HISTORICAL

SIZES = [(1024, 600), (1280, 720), (1280, 800)]
LANGUAGES = {"en": (CLASSIC, CLASSIC_CHOICES), "hi": (TUTORIAL, HISTORICAL)}


def largest(make_app, size: tuple[int, int], language: str) -> App:
    app = make_app(size=size, language=language)
    app.settings.text_size = "largest"
    app.apply_settings()
    return app


def outside(app: App) -> list[str]:
    """The buttons of the current screen that are not wholly on the screen."""
    window = app.screen.get_rect()
    assert app.scene is not None
    return [f"{app.scene.name}: {text!r} at {element.rect}"
            for text, element in app.scene.buttons() if not window.contains(element.rect)]


def to_debrief(app: App, language: str) -> None:
    scenario, choices = LANGUAGES[language]
    app.start_game(scenario, seed=1)
    pump(app, 2)
    press(app, pygame.K_RETURN)
    for choice in choices:
        press(app, pygame.K_0 + choice)
        finish_animation(app)
        press(app, pygame.K_RETURN)
    assert app.scene is not None and app.scene.name == "debrief"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_button_is_on_the_screen(make_app, tmp_path, size, language) -> None:
    app = largest(make_app, size, language)
    scenario, choices = LANGUAGES[language]
    broken, session_file = broken_and_session(tmp_path, scenario)
    assert visit_every_screen(app, broken, session_file, scenario=scenario, choices=choices,
                              measure=outside) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_debrief_chart_keeps_a_readable_plot(make_app, size, language) -> None:
    """At the largest text the plot once shrank to a few pixels, 100, 50 and 0 printed over
    one another and the lines lay on one line."""
    app = largest(make_app, size, language)
    to_debrief(app, language)
    scene = app.scene
    font = app.theme.font(app.theme.small_size)
    dated = any(date for _, date, _ in scene.view.timeline)
    plot = plot_area(app.theme, scene.chart_rect, [m.label for m in scene.view.ending.meters],
                     dated)
    assert plot.height >= MIN_PLOT_LINES * font.get_height()
    buttons = [element.rect for _, element in scene.buttons()]
    assert not any(scene.chart_rect.colliderect(rect) for rect in buttons)


def shown_text(box) -> str:
    """The text a pygame_gui text box lays out, its rows joined as they are drawn."""
    return "".join(getattr(chunk, "text", "") for row in box.text_box_layout.layout_rows
                   for chunk in row.items)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text_size", ["medium", "largest"])
def test_source_addresses_are_shown_unaltered(make_app, language, text_size) -> None:
    """Wrapping once added hyphens inside addresses ("oi-l-purchase") in English and a space
    after every / . - in Hindi ("https:/ / www. businesstoday. in/")."""
    app = make_app(size=(1280, 800), language=language)
    app.settings.text_size = text_size
    app.apply_settings()
    to_debrief(app, language)
    app.scene.show("sources")
    pump(app, 2)
    addresses = [word for source in app.scene.view.sources for word in source.split()
                 if word.startswith("http")]
    assert addresses
    shown = shown_text(app.scene.main_text)
    assert [a for a in addresses if a not in shown] == []


def test_continue_names_the_saved_game_in_the_current_language(make_app) -> None:
    """A game saved in Hindi, then the language set to English: Continue once kept the
    Hindi title ("Continue: पहले कदम: संतुलन साधना सीखें, turn 2")."""
    from tests.frontends.window.conftest import labels

    app = make_app(language="hi")
    app.start_game(TUTORIAL, seed=1)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    finish_animation(app)
    press(app, pygame.K_RETURN)
    app.reset("title")
    pump(app)
    assert any("पहले कदम" in label for label in labels(app))
    app.settings.language = "en"
    app.apply_settings()
    app.reset("title")
    pump(app)
    assert "Continue: First Steps: Learning the Balance, turn 2" in labels(app)


def test_settings_arrows_do_what_the_readme_and_the_hint_say(make_app) -> None:
    """Up/Down move the focus; Left/Right change the focused setting, and say so."""
    from pathlib import Path

    readme = " ".join((Path(__file__).parents[3] / "README.md").read_text().split())
    assert "Up/Down and Tab move the focus and Left/Right change the setting" in readme
    app = make_app()
    app.reset("settings")
    pump(app)
    hint = app.t("settings.hint")
    assert any(getattr(e, "text", "") == hint for e in app.scene.elements)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    assert app.scene.focused_setting() == "high_contrast" and not app.settings.high_contrast
    press(app, pygame.K_RIGHT)
    assert app.settings.high_contrast and app.scene.focused_setting() == "high_contrast"
    press(app, pygame.K_LEFT)
    assert not app.settings.high_contrast and app.scene.focused_setting() == "high_contrast"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text_size", ["medium", "largest"])
def test_every_landing_consequence_is_told_in_full(make_app, language, text_size) -> None:
    """The banner over the art once cut the one consequence it named ("Landing now:
    Delayed conseque…"), and named only the first of two."""
    from balancing_act.frontends.window.widgets import wrap

    app = make_app(size=(1280, 720), language=language)
    app.settings.text_size = text_size
    app.apply_settings()
    scenario, choices = LANGUAGES[language]
    app.start_game(scenario, seed=1)
    press(app, pygame.K_RETURN)
    landed = 0
    for choice in choices:
        scene = app.scene
        for landing in scene.view.landing:
            shown = " ".join(shown_text(scene.card_box).split())
            for part in (landing.text, *landing.changes):
                assert " ".join(part.split()) in shown
            landed += 1
        if scene.view.landing:
            font = app.theme.font(app.theme.small_size, bold=True)
            lines = wrap(font, scene.banner_text(scene.view), scene.banner_rect.width - 16)
            assert all(font.size(line)[0] <= scene.banner_rect.width - 16 for line in lines)
            assert len(lines) * font.get_linesize() + 12 <= scene.banner_rect.height
        press(app, pygame.K_0 + choice)
        finish_animation(app)
        press(app, pygame.K_RETURN)
    assert landed >= 2


def test_a_heading_too_long_for_its_line_is_set_smaller_not_cut(make_app) -> None:
    """The campaign's title on its briefing at the largest text ran off its line."""
    from balancing_act.resources import shipped_scenario

    app = largest(make_app, (1280, 800), "en")
    path = shipped_scenario("balancing_act")
    assert path is not None
    app.start_game(path, seed=1)
    pump(app, 2)
    assert app.scene is not None and app.scene.name == "briefing"
    title = app.play.scenario.file.title
    heading = next(e for e in app.scene.elements
                   if isinstance(e, pygame_gui.elements.UILabel) and e.text.startswith(
                       title[:20]))
    assert heading.text.startswith(title) and "…" not in heading.text  # whole, smaller
    assert heading.font.size(heading.text)[0] <= heading.rect.width  # in the font it is in
    assert app.theme.font(app.theme.heading_size, bold=True).size(heading.text)[0] > \
        heading.rect.width  # (at the heading's own size it would not fit)

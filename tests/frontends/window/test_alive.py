"""The window's life: counterpart portraits that react to each decision, the music under its
settings, the title art, one highlight that a resting pointer never steals, locked options
that say why to the keyboard too, and meter names that large text never cuts."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from balancing_act import resources
from balancing_act.frontends.window.portraits import reactions, watched
from balancing_act.frontends.window.widgets import label_lines
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import finish_animation, hover, press, pump, settle

SHIPPED = resources.shipped_scenario_files()


def to_card(app, path: Path = CLASSIC) -> None:
    app.start_game(path, seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    assert app.scene.name == "card"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_has_all_three_counterparts(path: Path) -> None:
    meters = load_scenario(path).file.meters
    found = watched(meters)
    assert list(found) == ["us", "russia", "india"]
    assert found["us"] == ("trust_us",) and found["russia"] == ("trust_russia",)
    assert "autonomy" in found["india"] and "trust_us" not in found["india"]


def test_each_counterpart_reacts_to_its_own_meters() -> None:
    meters = load_scenario(CLASSIC).file.meters
    before = {"autonomy": 60, "security": 50, "trust_us": 55, "trust_russia": 60}
    after = {"autonomy": 58, "security": 53, "trust_us": 60, "trust_russia": 57}
    faces = {p.who: (p.expression, p.change) for p in reactions(meters, before, after)}
    assert faces == {"us": ("pleased", 5), "russia": ("concerned", -3),
                     "india": ("pleased", 1)}
    assert {p.expression for p in reactions(meters, None, None)} == {"neutral"}
    assert {p.expression for p in reactions(meters, before, before)} == {"neutral"}


def test_a_scenario_without_a_capital_leaves_its_official_out(tmp_path: Path) -> None:
    text = CLASSIC.read_text(encoding="utf-8").replace(
        "label: Trust in Moscow", "label: Trust in Beijing").replace("trust_russia", "trust_cn")
    other = tmp_path / "other.yaml"
    other.write_text(text, encoding="utf-8")
    assert list(watched(load_scenario(other).file.meters)) == ["us", "india"]


def test_every_portrait_ships() -> None:
    for who in ("us", "russia", "india"):
        for mood in ("pleased", "neutral", "concerned"):
            path = resources.asset(f"images/portraits/{who}_{mood}.png")
            assert path.is_file(), path


def test_the_outcome_shows_the_counterparts_reacting_after_the_die(make_app) -> None:
    app = make_app()
    to_card(app)
    card = app.scene
    assert [p.expression for p in card.portraits] == ["neutral"] * 3  # nothing decided yet
    press(app, pygame.K_RETURN)  # Sign COMCASA: Washington +5, security +3, autonomy -2
    outcome = app.scene
    assert outcome.name == "outcome"
    assert [(p.who, p.expression) for p in outcome.portraits] == [
        ("us", "pleased"), ("russia", "neutral"), ("india", "pleased")]
    assert outcome.portrait_rect.height > 0
    assert "Washington: pleased." in outcome.speech()
    faces = outcome.faces(outcome.portraits)
    assert [(f.who, f.mood, f.tone) for f in faces] == [
        ("Washington", "pleased", 1), ("Moscow", "calm", 0), ("New Delhi", "pleased", 1)]
    assert all(f.image is not None and f.image.get_width() > 40 for f in faces)
    finish_animation(app)
    press(app, pygame.K_RETURN)
    assert app.scene.name == "card"  # the next card remembers how the last choice landed
    assert [p.expression for p in app.scene.portraits] == ["pleased", "neutral", "pleased"]


def test_music_follows_the_music_and_volume_settings(make_app) -> None:
    app = make_app()
    assert app.audio and app.music_playing and pygame.mixer.music.get_busy()
    assert pygame.mixer.music.get_volume() == pytest.approx(0.7 * 0.45, abs=0.01)
    app.settings.volume = 30
    app.apply_settings()
    assert pygame.mixer.music.get_volume() == pytest.approx(0.3 * 0.45, abs=0.01)
    app.settings.music = False
    app.apply_settings()
    assert not app.music_playing and not pygame.mixer.music.get_busy()
    app.settings.music = True
    app.settings.volume = 0
    app.apply_settings()
    assert not app.music_playing
    app.settings.volume = 50
    app.apply_settings()
    assert app.music_playing


def test_no_audio_device_means_silence_not_an_error(make_app, monkeypatch) -> None:
    from balancing_act.frontends.window.app import App

    monkeypatch.setattr(App, "_start_audio", lambda self: False)
    app = make_app()
    assert not app.audio and not app.music_playing
    app.settings.music = True
    app.apply_settings()
    assert not app.music_playing


def test_a_music_file_that_cannot_be_read_leaves_the_game_silent(make_app,
                                                                 monkeypatch) -> None:
    from balancing_act.frontends.window import app as app_module

    monkeypatch.setattr(app_module, "MUSIC", "music/missing.ogg")
    app = make_app()
    assert app.audio and not app.music_playing
    app.reset("title")
    pump(app)
    assert app.crashes == 0


def test_the_title_screen_shows_its_art(make_app) -> None:
    app = make_app()
    app.reset("title")
    pump(app)
    art = app.image("images/title.png", app.scene.art_rect.size)
    assert art is not None
    sky = app.screen.get_at((app.size[0] // 2, 4))[:3]
    assert sky != app.theme.palette.background  # the panorama, not the bare page


def test_a_pointer_left_over_a_button_does_not_take_the_highlight(make_app) -> None:
    import pygame_gui

    app = make_app()
    app.reset("picker")
    settle(app)
    rows = app.scene.focus_order
    # a row appears under a resting pointer (pygame_gui reports it hovered): the highlight
    # stays on the first row, where the keyboard expects it, until the mouse really moves
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_ON_HOVERED, ui_element=rows[3]))
    pump(app, 3)
    assert app.scene.focus == 0
    press(app, pygame.K_RETURN)
    assert app.scene.name == "briefing" and app.play.scenario.id == "tutorial"
    app.reset("picker")
    settle(app)
    hover(app, app.scene.focus_order[3])
    assert app.scene.focus == 3


def test_the_picker_tells_the_highlighted_scenario_to_the_keyboard(make_app) -> None:
    app = make_app()
    app.reset("picker")
    settle(app)
    first = app.scene.listing[0][1].scenario.file.summary
    assert first and first[:40] in app.scene.summary_box.html_text
    press(app, pygame.K_DOWN)
    second = app.scene.listing[1][1].scenario.file.summary
    assert second[:40] in app.scene.summary_box.html_text


def locked_scenario(tmp_path: Path) -> Path:
    text = CLASSIC.read_text(encoding="utf-8").replace(
        "      - id: hold_comcasa\n", "      - id: hold_comcasa\n        when: trust_us >= 90\n",
        1)
    path = tmp_path / "locked.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_locked_option_says_why_when_highlighted_by_the_keyboard(make_app,
                                                                   tmp_path: Path) -> None:
    app = make_app()
    to_card(app, locked_scenario(tmp_path))
    scene = app.scene
    assert not scene.view.options[1].available
    press(app, pygame.K_DOWN)
    assert scene.highlighted() == 2
    assert "not available now: needs: Trust in Washington at 90 or more" in \
        scene.preview_box.html_text
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == [] and "Option 2 is not available now" in app.toast_text
    press(app, pygame.K_UP)
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["sign_comcasa"]


def test_a_card_starts_on_its_first_open_option(make_app, tmp_path: Path) -> None:
    text = CLASSIC.read_text(encoding="utf-8").replace(
        "      - id: sign_comcasa\n", "      - id: sign_comcasa\n        when: trust_us >= 90\n",
        1)
    path = tmp_path / "first-locked.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app()
    to_card(app, path)
    assert app.scene.highlighted() == 2
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["hold_comcasa"]


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_largest_text_never_cuts_a_meter_name(make_app, size) -> None:
    app = make_app(size=size)
    app.settings.text_size = "largest"
    app.apply_settings()
    app.start_game(resources.scenarios() / "discounted_crude.yaml", seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    settle(app)
    theme, band = app.theme, app.scene.meter_rect
    meters = app.play.meters()
    width = (band.width - theme.margin * (len(meters) - 1)) / len(meters) - \
        theme.font(theme.small_size, bold=True).size("100")[0] - 6
    for meter in meters:
        lines = label_lines(theme, width, meter.label)
        assert " ".join(lines) == meter.label and len(lines) <= 2
        assert all(theme.font(theme.small_size).size(line)[0] <= width for line in lines)


def test_largest_text_keeps_room_for_the_card_and_the_whole_preview(make_app) -> None:
    app = make_app(size=(1280, 720))
    app.settings.text_size = "largest"
    app.apply_settings()
    app.start_game(resources.scenarios() / "discounted_crude.yaml", seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    scene = app.scene
    line = scene.theme.font(scene.theme.body_size).get_linesize() * 1.25
    assert scene.card_box.rect.height >= 5 * line
    assert scene.preview_box.rect.width > 0 and scene.preview_box.rect.height > 2 * line
    for button in scene.option_buttons:  # a cut label is told whole in the preview
        number = scene.option_buttons.index(button) + 1
        if number in scene.cut:
            press(app, pygame.K_DOWN) if scene.highlighted() != number else None
            assert scene.view.options[number - 1].label in scene.preview_box.html_text


def test_every_card_has_art_and_every_motif_is_on_some_card() -> None:
    used: set[str] = set()
    for path in SHIPPED:
        scenario = load_scenario(path)
        for event in scenario.file.events:
            assert event.image and resources.find_asset(event.image, scenario.folder), \
                f"{path.name}: {event.id} has no picture"
            used.add(Path(event.image).stem.rsplit("_", 1)[0])
    shipped = {p.stem.rsplit("_", 1)[0] for p in resources.asset("images").glob("*_?.png")}
    assert len(shipped) >= 29 and shipped <= used | {"rail"}, shipped - used


def test_an_idle_or_hidden_window_draws_fewer_frames_and_input_brings_them_back(
        make_app, monkeypatch) -> None:
    from balancing_act.frontends.window import app as window

    app = make_app()
    pump(app)  # the window's own start-up events (shown, focused) come first
    assert app.frame_rate() == window.FULL_FPS
    app.frame(window.IDLE_AFTER_SECONDS - 1)
    assert app.frame_rate() == window.FULL_FPS
    app.frame(1.0)  # twenty seconds with no key, click or mouse move: the title idles
    assert app.frame_rate() == window.IDLE_FPS
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1),
                                         buttons=(0, 0, 0)))
    pump(app, 1)
    assert app.frame_rate() == window.FULL_FPS
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    pump(app, 1)
    assert app.frame_rate() == window.IDLE_FPS
    press(app, pygame.K_DOWN)  # a key on an unfocused window cannot come; focus first
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSGAINED))
    pump(app, 1)
    assert app.frame_rate() == window.FULL_FPS
    monkeypatch.setattr(pygame.display, "get_active", lambda: False)  # minimised
    assert app.frame_rate() == window.HIDDEN_FPS

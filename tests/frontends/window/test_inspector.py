"""A designer's test game in the window: `--from --set --flag`, the F3 inspector that edits
meters and flags and jumps to a card, and Continue replaying a test game from its start."""

from __future__ import annotations

import pygame

from balancing_act.engine.start import Start
from tests.conftest import CLASSIC
from tests.frontends.window.conftest import click, press, pump, settle


def on_card(make_app, start: Start | None = None):
    app = make_app()
    app.start_game(CLASSIC, seed=4, start=start)
    pump(app)
    if app.scene.name == "briefing":
        click(app, "Begin")
    assert app.scene.name == "card"
    return app


def test_a_test_game_opens_on_its_card_and_says_so(make_app) -> None:
    app = on_card(make_app, start=Start(card="unga_vote", meters={"autonomy": 44},
                                        flags=("s400_signed",)))
    game = app.play.game
    assert (game.event.id, game.turn, game.meters["autonomy"]) == ("unga_vote", 5, 44)
    assert app.toast_text == ("Test game, not the scenario's own start: from card 'unga_vote', "
                              "on turn 5, Strategic autonomy 44, flag s400_signed on.")


def test_f3_on_a_card_edits_the_state_and_plays_on_from_there(make_app) -> None:
    app = on_card(make_app)
    press(app, pygame.K_F3)
    assert app.scene.name == "inspector"
    scene = app.scene
    scene.meter_entries["trust_us"].set_text("77")
    scene.card_entry.set_text("malabar_2020")
    click(app, "off: s400_signed")
    assert app.scene.name == "inspector" and "on: s400_signed" in [
        text for text, _ in app.scene.buttons()]
    assert app.scene.meter_entries["trust_us"].get_text() == "77"  # kept across the rebuild
    click(app, "Play from here")
    game = app.play.game
    assert app.scene.name == "card"
    assert (game.event.id, game.turn, game.meters["trust_us"], game.flags) == (
        "malabar_2020", 1, 77, frozenset({"s400_signed"}))
    assert game.start is not None and game.start.card == "malabar_2020"


def test_the_inspector_refuses_what_does_not_fit_and_changes_nothing(make_app) -> None:
    app = on_card(make_app)
    before = app.play.game
    press(app, pygame.K_F3)
    app.scene.meter_entries["autonomy"].set_text("-")
    click(app, "Play from here")
    assert (app.scene.name, app.toast_text) == ("inspector",
                                                "Strategic autonomy: type a whole number")
    app.scene.meter_entries["autonomy"].set_text("250")
    click(app, "Play from here")
    assert app.toast_text == "autonomy goes from 0 to 100, not 250"
    app.scene.meter_entries["autonomy"].set_text("50")
    app.scene.card_entry.set_text("malabar")
    click(app, "Play from here")
    assert app.toast_text == "no card 'malabar' (did you mean 'malabar_2020'?)"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "card" and app.play.game is before


def test_a_card_in_the_list_goes_into_the_card_field(make_app) -> None:
    app = on_card(make_app)
    press(app, pygame.K_F3)
    app.scene.link("discounted_crude")
    assert app.scene.card_entry.get_text() == "discounted_crude"
    press(app, pygame.K_F3)  # F3 again closes it
    assert app.scene.name == "card"


def test_continue_replays_a_test_game_from_its_start(make_app) -> None:
    app = on_card(make_app, start=Start(card="malabar_2020", meters={"security": 33}))
    press(app, pygame.K_1)
    settle(app)
    played = app.play.game
    assert played.choices == ["invite_australia"]
    app.continue_game()
    pump(app)
    again = app.play.game
    assert (again.start, again.choices, again.meters) == (played.start, played.choices,
                                                          played.meters)


def test_f3_in_a_class_session_only_shows_the_state(make_app, tmp_path) -> None:
    from balancing_act.classroom.session import read_session
    from balancing_act.cli import main
    from balancing_act.frontends.window.launch import SessionStart

    path = tmp_path / "session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(path)]) == 0
    app = make_app()
    app.open_session(SessionStart(read_session(path), path, tmp_path / "results", "Asha"))
    pump(app)
    while app.scene.name != "card":
        click(app, app.scene.buttons()[0][0])
    press(app, pygame.K_F3)
    assert app.scene.name == "card" and app.overlay

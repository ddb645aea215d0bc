"""The game window, driven through its real event loop, headless."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pygame

from balancing_act.ui.app import App, run_window
from balancing_act.ui.scenes.error import ErrorScene
from balancing_act.ui.scenes.play import PlayScene
from balancing_act.ui.store import Store
from tests.conftest import TUTORIAL, installed_command
from tests.ui.conftest import press, pump

HEDGING = [1, 2, 1, 1, 2, 2, 2, 2]


def click(app: App, element: object) -> None:
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=element.rect.center, button=1))
    pump(app, 3)


def test_scripted_tutorial_reaches_the_balanced_ending_and_its_debrief(make_app,
                                                                      tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    app = make_app(script=list(HEDGING), screenshots=shots)
    app.open_scenario(TUTORIAL, seed=1)
    assert app.run(max_frames=5000) == 0
    assert app.game.finished and app.game.ending.id == "balanced"
    assert app.game.meters == {"autonomy": 70, "security": 70, "trust_us": 53,
                               "trust_russia": 66}
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "01_briefing.png" and names[-1] == "18_debrief.png"
    assert sum("_card" in n for n in names) == 8 and sum("_outcome" in n for n in names) == 8


def test_the_play_command_runs_a_script_through_the_window(tmp_path: Path) -> None:
    script = tmp_path / "choices.txt"
    script.write_text("1\n3\n2\n1\n1\n3\n3\n3\n", encoding="utf-8")
    result = subprocess.run(
        [installed_command(), "play", str(TUTORIAL), "--seed", "2", "--script", str(script),
         "--screenshots", str(tmp_path / "shots")], capture_output=True, text=True,
        timeout=180, env={**__import__("os").environ, "BALANCING_ACT_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shots" / "18_debrief.png").is_file()


def test_a_script_that_runs_out_exits_3(make_app) -> None:
    app = make_app(script=[1, 2])
    app.open_scenario(TUTORIAL, seed=1)
    assert app.run(max_frames=2000) == 3
    assert app.game.turn == 3


def test_mouse_alone_can_choose(make_app) -> None:
    app = make_app()
    app.open_scenario(TUTORIAL, seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.scene, PlayScene)
    click(app, app.scene.option_buttons[1])
    assert app.game.choices == ["hold_comcasa"]
    assert app.scene.name == "outcome"


def test_arrows_and_enter_choose(make_app) -> None:
    app = make_app()
    app.open_scenario(TUTORIAL, seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.game.choices == ["hold_comcasa"]


def test_save_kill_and_continue(tmp_path: Path) -> None:
    """A process that dies after three decisions loses nothing: Continue resumes there."""
    data = tmp_path / "data"
    code = f"""
import os, pygame
from pathlib import Path
from balancing_act.ui.app import App
from balancing_act.ui.store import Store
app = App(store=Store(Path({str(data)!r})))
app.open_scenario(Path({str(TUTORIAL)!r}), seed=5)
for choice in (1, 2, 1):
    app.game and None
    from balancing_act.ui.scenes.play import PlayScene
    app.switch(PlayScene(app))
    app.scene.choose(choice - 1)
print(app.game.turn, sorted(app.game.meters.items()), flush=True)
os.kill(os.getpid(), 9)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == -9
    turn, meters = result.stdout.strip().splitlines()[-1].split(" ", 1)
    app = App(store=Store(data))
    app.to_title()
    pump(app)
    app.continue_game()
    assert isinstance(app.scene, PlayScene)
    assert app.game.turn == int(turn) == 4
    assert str(sorted(app.game.meters.items())) == meters.strip()
    assert app.game.seed == 5


def test_a_corrupt_save_gives_a_message_not_a_crash(make_app, tmp_path: Path) -> None:
    store = Store(tmp_path / "broken")
    store.folder.mkdir()
    store.autosave_path.write_text("{not json", encoding="utf-8")
    app = make_app(store=store)
    app.to_title()
    app.continue_game()
    assert app.scene.name == "title"
    assert app.scene.message == "The saved game cannot be continued: the save file is damaged"
    store.autosave_path.write_text(json.dumps({
        "format": 1, "scenario_path": str(TUTORIAL),
        "game": {"kind": "balancing-act-save", "format": 1, "scenario": "tutorial",
                 "scenario_sha256": "x", "seed": 1, "choices": []}}), encoding="utf-8")
    app.continue_game()
    assert "different version of scenario 'tutorial'" in app.scene.message


def test_f5_with_a_broken_file_shows_errors_then_recovers(make_app, tmp_path: Path) -> None:
    copy = tmp_path / "tutorial.yaml"
    good = TUTORIAL.read_text(encoding="utf-8")
    copy.write_text(good, encoding="utf-8")
    app = make_app()
    app.open_scenario(copy, seed=1)
    pump(app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    copy.write_text(good.replace("turns: 8", "turns: eight"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert isinstance(app.scene, ErrorScene)
    assert [str(p).split(": ", 1)[1] for p in app.scene.problems] == [
        "error: 'turns' must be a whole number, not 'eight'"]
    assert str(app.scene.problems[0]).startswith(f"{copy}:")
    copy.write_text(good.replace("Sign COMCASA", "Sign COMCASA now"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert isinstance(app.scene, PlayScene)
    assert app.game.choices == ["sign_comcasa"] and app.game.turn == 2


def test_a_broken_scenario_opens_the_error_screen(make_app, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\ntitle: X\n", encoding="utf-8")
    app = make_app()
    app.open_scenario(broken)
    assert isinstance(app.scene, ErrorScene)
    assert f"{broken}:1:1: error: missing required key 'endings'" in [
        str(p) for p in app.scene.problems]
    pump(app)


def test_settings_are_remembered(make_app, tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    app = make_app(store=store)
    app.settings.high_contrast = True
    app.settings.text_size = "large"
    app.apply_settings()
    again = App(store=store)
    assert again.settings.high_contrast and again.settings.text_size == "large"


def test_run_window_opens_at_the_title(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BALANCING_ACT_HOME", str(tmp_path))
    seen = []
    original = App.frame

    def frame(self: App, seconds: float) -> None:
        original(self, seconds)
        seen.append(self.scene.name)
        self.running = False

    monkeypatch.setattr(App, "frame", frame)
    assert run_window(None) == 0
    assert seen == ["title"]


def test_difficulty_sets_how_much_a_card_previews(make_app) -> None:
    app = make_app()
    app.open_scenario(TUTORIAL, seed=1)
    assert app.preview_level == "numbers"  # the tutorial's own level
    app.settings.difficulty = "hard"
    assert app.preview_level == "none"
    app.settings.difficulty = "guided"
    assert app.preview_level == "numbers"


def test_a_translation_needs_no_screen_changes(make_app, tmp_path: Path, monkeypatch) -> None:
    """A Hindi catalog replaces the strings it has; the Devanagari font shapes them."""
    folder = tmp_path / "i18n"
    folder.mkdir()
    (folder / "en.yaml").write_text((Path(__file__).parents[2] / "assets/i18n/en.yaml")
                                    .read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "hi.yaml").write_text('title.new_game: "नया खेल"\ntitle.quit: "बाहर निकलें"\n',
                                    encoding="utf-8")
    from balancing_act.ui import i18n

    original = i18n.Messages.__init__
    monkeypatch.setattr(i18n.Messages, "__init__",
                        lambda self, language="en", folder=folder: original(self, language,
                                                                           folder))
    app = make_app(language="hi")
    app.to_title()
    pump(app)
    texts = [getattr(e, "text", "") for e in app.scene.elements]
    assert "नया खेल" in texts and "बाहर निकलें" in texts and "Settings" in texts
    hindi = app.theme.font(app.theme.body_size).render("नया खेल", True, (255, 255, 255))
    assert hindi.get_width() > 40  # glyphs, not empty boxes of zero width


def test_the_whole_tutorial_with_the_mouse_only(make_app) -> None:
    app = make_app()
    app.to_title()
    pump(app)
    click(app, next(b for b, action in app.scene.buttons.items() if action == "new"))
    assert app.scene.name == "picker"
    click(app, next(iter(app.scene.choices)))  # the tutorial is listed first
    assert app.scene.name == "briefing"
    click(app, app.scene.begin)
    for choice in HEDGING:
        assert app.scene.name == "card"
        click(app, app.scene.option_buttons[choice - 1])
        assert app.scene.name == "outcome"
        pump(app, 60)  # let the bars finish moving
        click(app, app.scene.continue_button)
    assert app.scene.name == "debrief" and app.game.finished
    assert app.game.choices == ["sign_comcasa", "sign_quietly", "stand_firm",
                                "invite_australia", "abstain", "buy_some", "small_contingent",
                                "era_of_war"]


def test_the_whole_tutorial_with_the_keyboard_only(make_app) -> None:
    app = make_app()
    app.to_title()
    pump(app)
    press(app, pygame.K_n)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    for choice in HEDGING:
        for _ in range(choice - 1):
            press(app, pygame.K_DOWN)
        press(app, pygame.K_RETURN)
        press(app, pygame.K_RETURN)
    assert app.scene.name == "debrief" and app.game.finished
    assert app.game.ending.id in {e.id for e in app.game.scenario.file.endings}


def test_every_catalog_value_is_text() -> None:
    """YAML reads a bare on/off/yes/no as true/false: catalog values must stay words."""
    import yaml

    from balancing_act.paths import ASSETS

    for path in (ASSETS / "i18n").glob("*.yaml"):
        catalog = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert all(isinstance(value, str) for value in catalog.values()), path


def test_no_display_gives_a_message_not_a_traceback(monkeypatch, capsys) -> None:
    def no_window(*args: object, **kwargs: object) -> None:
        raise pygame.error("x11 not available")

    monkeypatch.setattr(App, "__init__", no_window)
    assert run_window(None) == 2
    assert capsys.readouterr().err == (
        "balancing-act: cannot open the game window (x11 not available); play in the terminal "
        "with --text\n")

"""The game window, driven through its real event loop, headless, as a player would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import WindowRequest, run_window
from balancing_act.frontends.window.scenes.base import esc
from balancing_act.frontends.window.script import parse_script
from balancing_act.frontends.window.store import SaveFile, Store
from tests.conftest import CLASSIC, TUTORIAL, installed_command
from tests.frontends.window.conftest import (
    click,
    finish_animation,
    hover,
    labels,
    press,
    pump,
)

HEDGING = [1, 2, 1, 1, 2, 2, 2, 2]


def script(*steps: object) -> list:
    return parse_script("\n".join(str(s) for s in steps))


def start(app: App, path: Path = CLASSIC, seed: int = 1) -> None:
    app.start_game(path, seed=seed)
    pump(app)


def to_card(app: App, path: Path = CLASSIC, seed: int = 1) -> None:
    start(app, path, seed)
    assert app.scene.name == "briefing"
    press(app, pygame.K_RETURN)
    assert app.scene.name == "card"


def test_scripted_game_reaches_its_ending_and_debrief(make_app, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    app = make_app(script=script(*HEDGING), screenshots=shots)
    start(app)
    assert app.run(max_frames=8000) == 0
    assert app.play.game.finished and app.play.game.ending.id == "balanced"
    assert app.play.game.meters == {"autonomy": 70, "security": 70, "trust_us": 53,
                                    "trust_russia": 66}
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "01_briefing.png" and names[-1] == "18_debrief.png"
    assert sum("_card" in n for n in names) == 8 and sum("_outcome" in n for n in names) == 8


def test_the_play_command_runs_a_script_through_the_window(tmp_path: Path) -> None:
    steps = tmp_path / "choices.txt"
    steps.write_text("1\n3\n2\n1\n1\n3\n3\n3\n", encoding="utf-8")
    result = subprocess.run(
        [installed_command(), "play", str(CLASSIC), "--seed", "2", "--script", str(steps),
         "--screenshots", str(tmp_path / "shots")], capture_output=True, text=True,
        timeout=180, env={**os.environ, "BALANCING_ACT_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "shots" / "18_debrief.png").is_file()
    assert result.stderr == ""


def test_a_broken_scenario_in_the_window_prints_its_errors_and_ends_with_code_1(
        tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\ntitle: X\n", encoding="utf-8")
    steps = tmp_path / "s.txt"
    steps.write_text("", encoding="utf-8")
    result = subprocess.run(
        [installed_command(), "play", str(broken), "--script", str(steps), "--screenshots",
         str(tmp_path / "shots")], capture_output=True, text=True, timeout=120,
        env={**os.environ, "BALANCING_ACT_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert f"{broken}:1:1: error: missing required key 'endings'" in result.stderr.splitlines()
    assert sorted(p.name for p in (tmp_path / "shots").glob("*.png")) == ["01_error.png"]


def test_the_window_opens_in_the_language_setting_when_no_lang_is_given(
        tmp_path: Path) -> None:
    from balancing_act.frontends.window.folders import data_folder
    from balancing_act.frontends.window.store import Settings, Store

    env = {**os.environ, "BALANCING_ACT_HOME": str(tmp_path), "LANG": "en_GB.UTF-8",
           "LC_ALL": "en_GB.UTF-8"}
    previous = os.environ.get("BALANCING_ACT_HOME")
    os.environ["BALANCING_ACT_HOME"] = str(tmp_path)
    try:
        Store(data_folder()).save_settings(Settings(language="hi"))
    finally:
        if previous is None:
            del os.environ["BALANCING_ACT_HOME"]
        else:
            os.environ["BALANCING_ACT_HOME"] = previous
    steps = tmp_path / "s.txt"
    steps.write_text("click:Settings\n", encoding="utf-8")  # the English label is not there
    result = subprocess.run([installed_command(), "--script", str(steps)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "no button 'Settings' on this screen (title); its buttons are 'नया खेल'" in \
        result.stderr
    english = subprocess.run([installed_command(), "--lang", "en", "--script", str(steps)],
                             capture_output=True, text=True, timeout=120, env=env)
    assert english.returncode == 0, english.stderr  # --lang still chooses


def test_a_script_from_the_title_opens_settings_returns_and_quits(tmp_path: Path) -> None:
    steps = tmp_path / "s.txt"
    steps.write_text("click:Settings\nkey:escape\nclick:Quit\n", encoding="utf-8")
    result = subprocess.run([installed_command(), "--script", str(steps), "--screenshots",
                             str(tmp_path / "shots")], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "BALANCING_ACT_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "shots").glob("*.png")) == [
        "01_title.png", "02_settings.png", "03_title.png"]


def test_a_click_on_a_missing_label_ends_the_run_with_a_message(make_app, capsys) -> None:
    app = make_app(script=script("click:Setings"))
    app.reset("title")
    assert app.run(max_frames=600) == 1
    err = capsys.readouterr().err
    assert err.startswith("balancing-act: script line 1 (click:Setings): no button 'Setings' on "
                          "this screen (title); its buttons are 'New game', ")


@pytest.mark.parametrize(("text", "message"), [
    ("7", "<script>:1: option numbers go from 1 to 4, not 7"),
    ("jump", "<script>:1: 'jump' is not a step: write an option number, key:NAME, click:LABEL "
             "or wait:SECONDS"),
    ("wait:soon", "<script>:1: wait takes seconds, e.g. wait:1.5"),
])
def test_bad_script_lines_are_refused(text: str, message: str) -> None:
    with pytest.raises(Exception) as caught:
        parse_script(text)
    assert str(caught.value) == message


def test_a_script_that_runs_out_exits_3(make_app) -> None:
    app = make_app(script=script(1, 2))
    start(app)
    assert app.run(max_frames=3000) == 3
    assert app.play.game.turn == 3


def test_mouse_alone_can_choose(make_app) -> None:
    app = make_app()
    to_card(app)
    click(app, "2.")
    assert app.play.game.choices == ["hold_comcasa"] and app.scene.name == "outcome"


def test_the_outcome_tells_a_cards_history_where_no_option_is_marked_as_indias(
        make_app) -> None:
    app = make_app()
    to_card(app)
    event = app.play.scenario.event(app.play.card().event_id)
    assert event.history.strip() and not any(o.historical for o in event.options)
    click(app, "2.")
    assert app.scene.name == "outcome"
    markup = app.scene.markup()
    assert f"<b>{app.t('outcome.what_happened')}</b><br>" in markup
    assert esc(event.history.strip()) in markup


def test_the_highlighted_option_is_previewed_and_committed(make_app) -> None:
    app = make_app()
    to_card(app)
    scene = app.scene
    hover(app, scene.option_buttons[1])  # the mouse moves straight from option 1 to option 2
    assert scene.highlighted() == 2
    assert "Option 2:" in scene.preview_box.html_text
    press(app, pygame.K_ESCAPE)  # pause, then settings, and back
    assert app.scene.name == "pause"
    click(app, "Settings")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.scene is scene and scene.highlighted() == 2
    assert "Option 2:" in scene.preview_box.html_text
    press(app, pygame.K_UP)
    assert scene.highlighted() == 1 and "Option 1:" in scene.preview_box.html_text
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["sign_comcasa"]


def test_enter_held_across_a_screen_change_picks_nothing(make_app) -> None:
    app = make_app()
    to_card(app)
    press(app, pygame.K_RETURN)  # choose option 1
    assert app.scene.name == "outcome"
    for _ in range(6):  # the key is still down: repeats arrive on the next screens
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0,
                                             unicode="\r", scancode=0))
        pump(app, 1)
    assert app.play.game.choices == ["sign_comcasa"]


def test_a_number_with_no_option_says_so(make_app) -> None:
    app = make_app()
    to_card(app)
    press(app, pygame.K_7)
    assert app.toast_text == "There is no option 7 on this card: choose 1, 2."
    assert app.play.game.choices == []


def test_arrows_and_enter_choose(make_app) -> None:
    app = make_app()
    to_card(app)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.play.game.choices == ["hold_comcasa"]


def test_settings_opens_from_the_title_and_back(make_app) -> None:
    app = make_app()
    app.reset("title")
    pump(app)
    click(app, "Settings")
    assert app.scene.name == "settings"
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"
    press(app, pygame.K_s)
    assert app.scene.name == "settings"


def test_settings_change_by_keyboard_and_are_remembered(make_app, tmp_path: Path) -> None:
    app = make_app()
    app.reset("title")
    press(app, pygame.K_s)
    press(app, pygame.K_DOWN)  # text size
    press(app, pygame.K_RIGHT)
    assert app.settings.text_size == "large"
    press(app, pygame.K_RETURN)
    assert app.settings.text_size == "largest"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.settings.high_contrast
    again = App(WindowRequest(data_folder=tmp_path / "data"))
    assert again.settings.high_contrast and again.settings.text_size == "largest"


def test_save_kill_and_continue(tmp_path: Path) -> None:
    """A process that dies after three decisions loses nothing: Continue resumes there."""
    data = tmp_path / "data"
    code = f"""
import os
from pathlib import Path
from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.launch import WindowRequest
app = App(WindowRequest(data_folder=Path({str(data)!r})))
app.start_game(Path({str(CLASSIC)!r}), seed=5)
for choice in (1, 2, 1):
    app.decide(choice)
print(app.play.game.turn, sorted(app.play.game.meters.items()), flush=True)
os.kill(os.getpid(), 9)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert result.returncode == -9, result.stderr
    turn, meters = result.stdout.strip().splitlines()[-1].split(" ", 1)
    app = App(WindowRequest(data_folder=data))
    app.reset("title")
    pump(app)
    assert labels(app)[1] == "Continue: First Steps: Learning the Balance, turn 4"
    click(app, "Continue")
    assert app.scene.name == "card"
    assert app.play.game.turn == int(turn) == 4
    assert str(sorted(app.play.game.meters.items())) == meters.strip()
    assert app.play.game.seed == 5


def test_a_corrupt_save_gives_a_message_not_a_crash(make_app, tmp_path: Path) -> None:
    app = make_app()
    store = app.store
    store.folder.mkdir(parents=True, exist_ok=True)
    store.autosave_path.write_text("{not json", encoding="utf-8")
    app.continue_game()
    assert app.scene.name == "title"
    assert app.scene.message == (
        f"The saved game cannot be continued: {store.autosave_path}:1:2: not valid JSON "
        "(expecting property name enclosed in double quotes); the file may be truncated or "
        "damaged")
    pump(app)


def test_a_save_of_an_edited_scenario_is_replayed_on_the_new_version(make_app,
                                                                      tmp_path: Path) -> None:
    copy = tmp_path / "mine.yaml"
    copy.write_text(CLASSIC.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app()
    start(app, copy)
    app.decide(1)
    app.decide(2)
    copy.write_text(copy.read_text(encoding="utf-8").replace("Sign COMCASA", "Sign it"),
                    encoding="utf-8")
    app.reset("title")
    app.continue_game()
    assert app.scene.name == "card" and app.play.game.choices == ["sign_comcasa",
                                                                  "sign_quietly"]
    assert app.toast_text == ("The scenario changed since this game was saved; your 2 choices "
                              "were played again on the new version.")
    text = copy.read_text(encoding="utf-8").replace("id: sign_comcasa", "id: sign_now")
    copy.write_text(text, encoding="utf-8")
    app.continue_game()
    assert app.scene.name == "title"
    assert app.scene.message.startswith("The scenario has changed since this game was saved, "
                                        "and the saved choices no longer fit it (choice 1: "
                                        "'sign_comcasa' is not an option")


def test_new_game_over_a_save_asks_first(make_app) -> None:
    app = make_app()
    start(app)
    app.decide(1)
    app.reset("picker")
    press(app, pygame.K_1)
    assert app.scene.name == "confirm"
    press(app, pygame.K_RETURN)  # "No" is highlighted: a stray Enter replaces nothing
    assert app.scene.name == "picker" and app.store.load_game().choices == ["sign_comcasa"]
    press(app, pygame.K_1)
    click(app, "Start a new game")
    assert app.scene.name == "briefing" and app.store.load_game().choices == []


def test_f5_with_a_broken_file_shows_errors_and_f5_there_recovers(make_app,
                                                                  tmp_path: Path) -> None:
    copy = tmp_path / "tutorial.yaml"
    good = CLASSIC.read_text(encoding="utf-8")
    copy.write_text(good, encoding="utf-8")
    app = make_app()
    to_card(app, copy)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    copy.write_text(good.replace("turns: 8", "turns: eight"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.scene.name == "error"
    assert [str(p).split(": ", 1)[1] for p in app.scene.problems] == [
        "error: 'turns' must be a whole number, not 'eight'"]
    copy.write_text(good.replace("Sign COMCASA", "Sign COMCASA now"), encoding="utf-8")
    press(app, pygame.K_F5)  # F5 reaches the error screen, which tries again
    assert app.scene.name == "card"
    assert app.play.game.choices == ["sign_comcasa"] and app.play.game.turn == 2
    copy.write_text(good.replace("id: sign_comcasa", "id: sign_now"), encoding="utf-8")
    press(app, pygame.K_F5)
    assert app.play.game.choices == [] and app.toast_text.startswith(
        f"Reloaded {copy.name}, but your choices no longer fit it (choice 1:")


def test_a_broken_scenario_opens_the_error_screen(make_app, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\ntitle: X\n", encoding="utf-8")
    app = make_app()
    app.start_game(broken)
    assert app.scene.name == "error"
    assert f"{broken}:1:1: error: missing required key 'endings'" in [
        str(p) for p in app.scene.problems]
    pump(app)
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"


def test_an_unexpected_error_shows_the_crash_screen_and_keeps_the_save(make_app,
                                                                       monkeypatch) -> None:
    app = make_app()
    to_card(app)
    press(app, pygame.K_1)
    finish_animation(app)
    from balancing_act.frontends.window.registry import scene_class

    card = scene_class("card")

    def broken(self, surface) -> None:
        raise RuntimeError("a bug in drawing")

    monkeypatch.setattr(card, "draw", broken)
    press(app, pygame.K_RETURN)  # on to the next card, whose drawing fails
    assert app.scene.name == "crash"
    log = app.log_path
    assert log is not None and "RuntimeError: a bug in drawing" in log.read_text()
    assert app.store.load_game().choices == ["sign_comcasa"]
    monkeypatch.undo()
    click(app, "Continue from the last save")
    assert app.scene.name == "card" and app.play.game.choices == ["sign_comcasa"]


def test_run_opens_at_the_title(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BALANCING_ACT_HOME", str(tmp_path))
    seen = []
    original = App.frame

    def frame(self: App, seconds: float) -> None:
        original(self, seconds)
        seen.append(self.scene.name)
        self.running = False

    monkeypatch.setattr(App, "frame", frame)
    assert run_window(WindowRequest()) == 0
    assert seen == ["title"]


def test_no_display_gives_a_message_not_a_traceback(monkeypatch, capsys) -> None:
    def no_window(*args: object, **kwargs: object) -> None:
        raise pygame.error("x11 not available")

    monkeypatch.setattr(App, "__init__", no_window)
    assert run_window(WindowRequest()) == 2
    assert capsys.readouterr().err == (
        "balancing-act: cannot open the game window (x11 not available); play in the terminal "
        "with --text\n")


def test_difficulty_sets_how_much_a_card_previews(make_app) -> None:
    app = make_app()
    start(app)
    assert app.play.level == "numbers"  # the classic tutorial's own level
    app.settings.difficulty = "hard"
    start(app)
    assert app.play.level == "none"
    app.settings.difficulty = "guided"
    start(app)
    assert app.play.level == "numbers"


def test_the_whole_tutorial_with_the_mouse_only(make_app) -> None:
    app = make_app()
    app.reset("title")
    pump(app)
    click(app, "New game")
    assert app.scene.name == "picker"
    click(app, "1.")  # the tutorial is listed first
    assert app.scene.name == "briefing"
    click(app, "Begin")
    while app.scene.name != "debrief":
        assert app.scene.name == "card"
        click(app, "1.")
        assert app.scene.name == "outcome"
        finish_animation(app)
        click(app, "Continue" if not app.play.finished else "See how it ended")
    assert app.play.game.finished and app.play.scenario.id == "tutorial"
    click(app, "Title screen")
    assert app.scene.name == "title"


def test_the_whole_tutorial_with_the_keyboard_only(make_app) -> None:
    app = make_app()
    app.reset("title")
    press(app, pygame.K_n)
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)
    while app.scene.name != "debrief":
        press(app, pygame.K_DOWN)
        press(app, pygame.K_RETURN)
        finish_animation(app)
        press(app, pygame.K_RETURN)
    assert app.play.game.finished
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "title"


def test_the_picker_counts_the_endings_found(make_app) -> None:
    app = make_app(script=script(*HEDGING))
    app.store.record_ending("tutorial", "balanced")
    app.reset("picker")
    pump(app)
    endings = len(next(s for _, s in __import__(
        "balancing_act.frontends.window.scenes.picker", fromlist=["shipped"]).shipped()
        if not isinstance(s, str)).scenario.file.endings)
    assert labels(app)[0].endswith(f"1 of {endings} endings found")


def test_save_debrief_writes_a_pdf_with_the_whole_debrief(make_app, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "debrief.pdf"
    app = make_app(script=script(*HEDGING), debrief_pdf=pdf)
    start(app)
    assert app.run(max_frames=8000) == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    view = app.play.debrief()
    for decision in view.decisions:
        assert " ".join(decision.title.split()) in flat
    for question in view.questions:
        assert " ".join(question.split())[:60] in flat
    links = [annotation.get_object()["/A"]["/URI"] for page in PdfReader(pdf).pages
             for annotation in page.get("/Annots", [])]
    assert set(view.sources) <= set(links)


def test_the_save_debrief_button_says_where_and_offers_the_folder(make_app,
                                                                   tmp_path: Path) -> None:
    app = make_app()
    start(app)
    for choice in HEDGING:
        app.decide(choice)
    app.reset("debrief")
    click(app, "Save debrief")
    assert app.scene.name == "confirm"
    saved = list((tmp_path / "documents").glob("*.pdf"))
    assert len(saved) == 1 and str(saved[0]) in app.scene.message
    assert labels(app) == ["Back", "Open the folder"]
    press(app, pygame.K_ESCAPE)
    assert app.scene.name == "debrief"


def test_a_data_folder_that_cannot_be_written_is_told_and_the_game_goes_on(
        make_app, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    app = make_app(data_folder=blocker / "data")
    start(app)
    outcome = app.decide(1)
    assert app.toast_text.startswith(f"The game could not be saved ({blocker / 'data'}")
    assert "a part of the path is not a folder" in app.toast_text
    assert app.play.game.choices == ["sign_comcasa"] and not outcome.ended
    app.settings.high_contrast = True
    app.apply_settings()
    assert app.toast_text.startswith("The settings could not be saved (")


def test_saves_record_the_absolute_scenario_path(make_app, tmp_path: Path,
                                                 monkeypatch) -> None:
    monkeypatch.chdir(TUTORIAL.parent)
    app = make_app()
    start(app, Path("tutorial.yaml"))
    save = app.store.load_game()
    assert isinstance(save, SaveFile) and Path(save.scenario.path).is_absolute()


def test_every_catalog_value_is_text() -> None:
    """YAML reads a bare on/off/yes/no as true/false: catalog values must stay words."""
    import yaml

    from balancing_act.resources import assets

    for path in (assets() / "i18n").glob("*.yaml"):
        catalog = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert all(isinstance(value, str) for value in catalog.values()), path


def test_store_reads_nothing_but_its_own_files(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.settings_path.write_text(json.dumps({"text_size": "huge"}), encoding="utf-8")
    settings, problem = store.load_settings()
    assert settings.text_size == "medium"
    assert problem.startswith(f"{store.settings_path}: text_size: input should be")

"""The game window: one pygame-ce window, a stack of scenes, one input layer, and the loop.

`App` is the host every scene is given (see `host.py`). It owns the window, the pygame_gui
manager, the theme, the catalog, the settings and saves, and the game being played (a
`Playthrough` of the play layer, so the window shows exactly what the terminal and the browser
show). An unexpected error never reaches the player as a traceback: it is written to a log file
and the crash screen offers to continue from the last save.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import secrets
import subprocess
import sys
import time
import traceback
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from balancing_act import resources
from balancing_act.classroom.results import Recorder
from balancing_act.classroom.seats import Seat, clean_name, take_seat
from balancing_act.classroom.session import Session
from balancing_act.engine.game import Game
from balancing_act.engine.start import Start
from balancing_act.errors import (
    BalancingActError,
    ExitCode,
    GameError,
    ReadError,
    SessionError,
    WriteError,
)
from balancing_act.frontends.window import scenes as _scenes  # noqa: F401  (registers them)
from balancing_act.frontends.window.folders import documents_folder, log_folder
from balancing_act.frontends.window.input import Action, Guard, action_for, key_event
from balancing_act.frontends.window.launch import WindowRequest
from balancing_act.frontends.window.registry import scene_class
from balancing_act.frontends.window.scenes.base import Scene, printable
from balancing_act.frontends.window.script import Step
from balancing_act.frontends.window.speech import Notice, Voice
from balancing_act.frontends.window.store import SaveFile, Store
from balancing_act.frontends.window.theme import Theme
from balancing_act.frontends.window.widgets import fit
from balancing_act.io import MB, describe, read_bytes, read_image, write_bytes
from balancing_act.play.catalog import Catalog, available_languages, system_language
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.play.views import OutcomeView
from balancing_act.scenario import Scenario, ScenarioError, load_scenario
from balancing_act.scenario.problems import Problem
from balancing_act.scenario.translations import translate

# pygame_gui reports each font it loads on demand; the theme preloads the ones it uses.
warnings.filterwarnings("ignore", message="Trying to pre-load font id", category=UserWarning)

MIN_SIZE = (1024, 600)
TOAST_SECONDS = 3.5
MUSIC = "music/theme.ogg"
MUSIC_LEVEL = 0.45  # the music sits under the sound effects at the same volume setting
READY_FRAMES = 10  # a script acts on a screen once it has been drawn this many times
FULL_FPS, IDLE_FPS, HIDDEN_FPS = 60, 20, 5
IDLE_AFTER_SECONDS = 20.0
ACTIVITY_EVENTS = (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEMOTION,
                   pygame.MOUSEWHEEL, pygame.TEXTINPUT, pygame.VIDEORESIZE,
                   pygame.WINDOWFOCUSGAINED)


@dataclass
class ClassroomGame:
    """A class session being played in the window."""

    session: Session
    session_file: Path
    results: Path
    name: str = ""
    projector: bool = False
    recorder: Recorder | None = None
    result_path: Path | None = None
    votes: list[dict[str, int] | None] = field(default_factory=list)

    @property
    def class_code(self) -> str:
        return self.session.class_code


class App:
    """The window and its loop; the host of every scene."""

    def __init__(self, request: WindowRequest | None = None, *,
                 store: Store | None = None) -> None:
        self.request = request or WindowRequest()
        with quiet_stderr():  # pygame.init starts the mixer too; see _start_audio
            pygame.init()
        self.audio = self._start_audio()
        self.store = store or Store(self.request.data_folder)
        self.settings, settings_problem = self.store.load_settings()
        self.language = self._language()
        self.t = Catalog(self.language)
        self.screen = self._open_window(self.settings.fullscreen, first=True)
        pygame.display.set_caption(self.t("app_title"))
        self.theme = Theme(self.settings, self.screen.get_size(), self.language)
        self.manager = self._new_manager()
        self.clock = pygame.time.Clock()
        self.stack: list[Scene] = []
        self.play: Playthrough | None = None
        self.scenario_path: Path | None = None
        self.classroom: ClassroomGame | None = None
        self.running = True
        self.exit_code = int(ExitCode.OK)
        self.overlay = False
        self.toast_text = ""
        self.toast_left = 0.0
        self.toast_fresh = False  # a toast since the last frame: a new screen says it too
        self.mouse = (0, 0)
        self.idle_seconds = 0.0  # since the last key, click, mouse move or resize
        self.focused = True
        self.guard = Guard()
        recording = self.request.voice_out is not None
        self.voice = Voice(self.settings.voice or recording, self.language, live=not recording)
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self._images: dict[tuple[str, tuple[int, int]], pygame.Surface | None] = {}
        self.script = ScriptDriver(self, self.request.script, self.request.screenshots) \
            if self.request.script is not None else None
        self.crashes = 0
        self.log_path: Path | None = None
        self._music: io.BytesIO | None = None  # the music streams from it while it plays
        self.update_music()
        if settings_problem:
            self.toast(self.t("settings.reset", reason=settings_problem))

    # -- set-up ------------------------------------------------------------------------------

    def _language(self) -> str:
        wanted = self.request.language or self.settings.language or system_language()
        return wanted if wanted in available_languages() else "en"

    def _open_window(self, fullscreen: bool, *, first: bool = False) -> pygame.Surface:
        """The window, windowed at the requested size or fullscreen at the desktop's size.
        Fullscreen starts from the display's corner: without a window manager (a kiosk, a
        lab's X server) SDL leaves a full-size window where the smaller one stood, and its
        bottom rows, where the buttons are, hang off the screen."""
        if fullscreen:
            if first:
                os.environ.setdefault("SDL_VIDEO_WINDOW_POS", "0,0")
            else:
                pygame.display.set_window_position((0, 0))
                pygame.event.pump()
        return pygame.display.set_mode((0, 0) if fullscreen else self.request.size,
                                       self._flags())

    def _flags(self) -> int:
        return pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)

    def _start_audio(self) -> bool:
        with quiet_stderr():  # a PC without a sound card makes ALSA print pages of noise
            try:
                pygame.mixer.init()
            except pygame.error:
                return False  # no audio device: the game runs silently
        return True

    def _new_manager(self) -> pygame_gui.UIManager:
        manager = pygame_gui.UIManager(self.screen.get_size(), self.theme.gui_theme(),
                                       enable_live_theme_updates=False)
        regular, bold = str(self.theme.regular), str(self.theme.bold)
        manager.add_font_paths("noto_sans", regular, bold, regular, bold)
        manager.preload_fonts(self.theme.font_preloads())
        return manager

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def scene(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def relayout(self) -> None:
        """New theme and widgets for the current window size and settings."""
        if self.scene is not None:
            self.scene.clear()
        self.theme = Theme(self.settings, self.screen.get_size(), self.language)
        self.manager = self._new_manager()
        if self.scene is not None:
            self.scene.rebuild()

    def apply_settings(self) -> None:
        try:
            self.store.save_settings(self.settings)
        except WriteError as err:
            self.toast(self.t("settings.not_saved", reason=str(err)))
        if self.settings.language and self.settings.language != self.language and \
                self.settings.language in available_languages():
            self.language = self.settings.language
            self.t = Catalog(self.language)
            self.voice.language = self.language
            if self.play is not None:
                self.play = self._in_new_language(self.play)
        self.voice.enabled = self.settings.voice or self.request.voice_out is not None
        if not self.voice.enabled:
            self.voice.stop()
        self.update_music()
        fullscreen = bool(self.screen.get_flags() & pygame.FULLSCREEN)
        if fullscreen != self.settings.fullscreen:
            self.screen = self._open_window(self.settings.fullscreen)
        self.relayout()

    # -- the scene stack ---------------------------------------------------------------------

    def _make(self, name: str, params: dict[str, Any]) -> Scene:
        return scene_class(name)(self, **params)

    def push(self, name: str, **params: Any) -> None:
        scene = self._make(name, params)
        if self.scene is not None:
            self.scene.pause()
        self.stack.append(scene)
        self._entered(scene)

    def pop(self) -> None:
        if len(self.stack) <= 1:
            return
        self.stack.pop().leave()
        self.guard.reset()
        if self.scene is not None:
            self.scene.resume()
        self._changed()

    def replace(self, name: str, **params: Any) -> None:
        scene = self._make(name, params)
        if self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        self._entered(scene)

    def reset(self, name: str, **params: Any) -> None:
        scene = self._make(name, params)
        while self.stack:
            self.stack.pop().leave()
        self.stack.append(scene)
        self._entered(scene)

    def _entered(self, scene: Scene) -> None:
        gc.collect()  # the screen left behind holds large text surfaces in reference cycles
        self.guard.reset()
        self.voice.stop()
        scene.enter()
        if self.toast_fresh:  # said after the screen, or the new screen would cut it off
            self.voice.say(self.toast_text)
        self._changed()

    def _changed(self) -> None:
        if self.script is not None:
            self.script.screen_changed()

    def depth(self) -> int:
        return len(self.stack)

    # -- games -------------------------------------------------------------------------------

    def rules(self) -> PlayRules:
        if self.classroom is not None:
            return PlayRules.of_session(self.classroom.session.rules)
        return PlayRules.solo(self.settings.difficulty, self.settings.reveal)

    def in_language(self, scenario: Scenario, *, notify: bool = True) -> Scenario:
        """The scenario in the player's language where a translation gives it (the rules and
        the fingerprint stay the English file's); a toast says when it is not translated, or
        its translation has problems."""
        result = translate(scenario, self.language)
        if notify and result.errors and result.path is not None:
            self.toast(self.t("translation.problems", count=len(result.errors),
                              file=describe(result.path)))
        elif notify and self.language != "en" and result.language != self.language:
            self.toast(self.t("translation.none"))
        return result.scenario

    def _in_new_language(self, play: Playthrough) -> Playthrough:
        """The game being played, its cards now in the new language: the same seed and choices
        replayed on the translated scenario give the same game, decision for decision."""
        game = play.game
        try:
            scenario = self.in_language(load_scenario(game.scenario.path)) \
                if game.scenario.path is not None else game.scenario
        except ScenarioError:
            scenario = game.scenario  # the file is broken now: F5 says why
        if scenario.sha256 != game.scenario.sha256:
            return Playthrough(game, play.rules, self.t)  # the file changed: F5 reloads it
        again = Playthrough(Game.replay(scenario, game.seed, game.choices,
                                       start=game.start), play.rules, self.t)
        again.timings = play.timings
        return again

    def start_game(self, path: Path, *, seed: int | None = None,
                   start: Start | None = None) -> list[Problem]:
        """A new game of the scenario at `path` (from `start`, for a designer's test game), or
        the error screen saying why not; the problems that kept it from starting."""
        try:
            scenario = self.in_language(load_scenario(path))
        except ScenarioError as err:
            self.show_errors(err.problems, retry=("start", str(path)))
            return err.problems
        seed = secrets.randbelow(1_000_000) if seed is None else seed
        self.classroom = None
        self.scenario_path = path
        try:
            game = Game(scenario, seed, start=start)
        except GameError as err:  # the command line checked it; a scenario edited since
            self.toast(str(err))
            game = Game(scenario, seed)
        self.play = Playthrough(game, self.rules(), self.t)
        self.reset("briefing" if game.start is None else "card")
        if game.start is not None:
            self.toast(self.play.test_start())
        self.autosave()
        return []

    def show_errors(self, problems: list[Problem], retry: tuple[str, str] | None = None) -> None:
        self.reset("error", problems=problems, retry=retry)

    def continue_game(self) -> None:
        """Resume the autosaved game exactly where it was, or say why it cannot be. A save made
        with an older version of the scenario is replayed on the new one when it still fits."""
        try:
            save = self.store.load_game()
        except ReadError as err:
            self.reset("title", message=self.t("title.save_problem", reason=str(err)))
            return
        if save is None:
            self.reset("title", message=self.t("title.no_save"))
            return
        path = Path(save.scenario.path) if save.scenario.path else None
        if path is None or not path.is_file():
            path = resources.shipped_scenario(save.scenario.id)
        if path is None:
            self.reset("title", message=self.t("title.save_lost_scenario",
                                               scenario=save.scenario.title or save.scenario.id,
                                               path=save.scenario.path))
            return
        try:
            scenario = self.in_language(load_scenario(path))
        except ScenarioError as err:
            self.show_errors(err.problems, retry=("continue", ""))
            return
        if scenario.id != save.scenario.id:
            self.reset("title", message=self.t("title.save_other_scenario",
                                               scenario=save.scenario.id))
            return
        try:
            game = Game.replay(scenario, save.seed, save.choices,
                               start=save.start.start() if save.start else None)
        except GameError as err:
            self.reset("title", message=self.t("title.save_no_longer_fits", reason=str(err)))
            return
        if scenario.sha256 == save.scenario.sha256 and game.meters != save.meters:
            self.reset("title", message=self.t("title.save_problem",
                                               reason=self.t("title.save_damaged")))
            return
        self.classroom = None
        self.scenario_path = path
        self.play = Playthrough(game, self.rules(), self.t)
        if scenario.sha256 != save.scenario.sha256:
            self.toast(self.t("title.save_migrated", count=len(save.choices)))
        self.resume_play()

    def resume_play(self) -> None:
        assert self.play is not None
        self.reset("debrief" if self.play.finished else "card")

    def open_session(self, start: Any) -> None:
        """Play a class session: ask the student's name unless given, then the game."""
        self.classroom = ClassroomGame(start.session, start.session_file, start.results,
                                       projector=start.projector)
        name = start.name or (self.t("projector.name") if start.projector else "")
        needs_code = bool(start.session.roster) and not start.projector
        if name and (start.code or not needs_code):
            self.begin_session(name, start.code or "")
        else:
            self.reset("name", student=name or "")

    def begin_session(self, name: str, code: str = "") -> bool:
        """Seat the student (name, and personal code with a class list) and start the game;
        False, with the reason told, when the seat cannot be taken."""
        room = self.classroom
        assert room is not None
        try:
            if room.projector:  # the class's own game: the session's seed, no class list
                seat = Seat(clean_name(name) or self.t("projector.name"), "", "",
                            room.session.seed)
            else:
                seat = take_seat(room.session, name, code)
        except SessionError as err:
            self.toast(str(err))
            return False
        try:
            scenario = self.in_language(room.session.load_scenario(room.session_file))
        except ScenarioError as err:
            self.show_errors(err.problems)
            return False
        except BalancingActError as err:
            self.reset("title", message=str(err))
            return False
        room.name = seat.name
        room.recorder = Recorder.for_seat(room.session, seat, room.results, room.projector)
        room.result_path = None
        room.votes = []
        self.scenario_path = room.session.scenario_path(room.session_file)
        self.play = Playthrough(Game(scenario, seat.seed), self.rules(), self.t)
        self.reset("briefing")
        return True

    def decide(self, number: int, votes: dict[str, int] | None = None) -> OutcomeView:
        """Play option `number` of the current card; the result is saved at once."""
        assert self.play is not None
        outcome = self.play.choose(number)
        if self.classroom is not None:
            self.classroom.votes.append(votes)
        self.save_progress()
        if outcome.ended:
            ending = self.play.game.ending
            self.sound("ending_good" if ending and ending.tone == "good" else "ending_bad")
        else:
            total = sum(c.amount for c in outcome.changes)
            self.sound("gain" if total >= 0 else "loss")
        return outcome

    def undo(self) -> None:
        if self.play is None or not self.play.can_undo:
            self.toast(self.t("play.no_undo"))
            return
        self.play.undo()
        if self.classroom is not None and self.classroom.votes:
            self.classroom.votes.pop()
        self.save_progress()
        self.resume_play()

    def save_progress(self) -> bool:
        """After a decision: the class result, or the autosave of a game of one's own. A write
        that fails is told, and the game goes on with the last good file kept."""
        if self.play is None:
            return False
        room = self.classroom
        if room is not None and room.recorder is not None:
            try:
                room.result_path = room.recorder.write(
                    self.play.game, [(x.seconds, x.late) for x in self.play.timings], room.votes)
            except WriteError as err:
                self.toast(self.t("session.not_saved", reason=str(err)))
                return False
            return True
        return self.autosave()

    def autosave(self) -> bool:
        if self.play is None or self.classroom is not None:
            return False  # a class session's record is its result file
        try:
            self.store.save_game(SaveFile.of(self.play.game, self.scenario_path))
        except WriteError as err:
            self.toast(self.t("save.failed", reason=str(err)))
            return False
        return True

    def save_now(self) -> bool:
        saved = self.save_progress()
        if saved:
            self.toast(self.t("pause.saved"))
        return saved

    def finish_game(self) -> None:
        """The ending is shown: remember it in the player's progress, save the result."""
        if self.play is None or self.play.game.ending is None:
            return
        self.save_progress()
        with contextlib.suppress(WriteError):  # progress is a nicety; the game is kept
            self.store.record_ending(self.play.scenario.id, self.play.game.ending.id)

    def reload_scenario(self) -> None:
        """F5: read the scenario file again and replay the choices on it; it says when it had to
        start again, and why."""
        if self.play is None or self.scenario_path is None:
            return
        try:
            translated = translate(load_scenario(self.scenario_path), self.language)
        except ScenarioError as err:
            self.show_errors(err.problems, retry=("reload", ""))
            return
        scenario = translated.scenario
        game = self.play.game
        try:
            replayed = Game.replay(scenario, game.seed, game.choices, start=game.start)
            message = self.t("reload.done", file=self.scenario_path.name)
        except GameError as err:
            try:
                replayed = Game(scenario, game.seed, start=game.start)
            except GameError:  # the test game's card or names are gone: from turn 1
                replayed = Game(scenario, game.seed)
            message = self.t("reload.restarted", file=self.scenario_path.name, reason=str(err))
        self.play = Playthrough(replayed, self.play.rules, self.t)
        if translated.errors and translated.path is not None:
            message += " " + self.t("translation.problems", count=len(translated.errors),
                                    file=describe(translated.path))
        self.toast(message)
        self.resume_play()

    def retry(self, how: tuple[str, str] | None) -> None:
        """Try again what failed on the error screen (F5 there)."""
        if how is None:
            return
        kind, value = how
        if kind == "start":
            self.start_game(Path(value))
        elif kind == "continue":
            self.continue_game()
        elif kind == "reload":
            self.reload_scenario()

    def write_debrief(self, path: Path | None = None) -> Path | None:
        """The whole debrief as a PDF (in Documents unless a path is given); None when it could
        not be written (the reason is told)."""
        if self.play is None or not self.play.finished:
            return None
        from balancing_act.reporting.debrief_pdf import debrief_pdf

        view = self.play.debrief()
        target = path or documents_folder() / f"{self.play.scenario.id}-debrief-" \
            f"{time.strftime('%Y%m%d-%H%M%S')}.pdf"
        try:
            write_bytes(target, debrief_pdf(view, self.t), make_folder=True)
        except BalancingActError as err:
            self.toast(self.t("ending.pdf_failed", reason=str(err)))
            return None
        return target

    def open_folder(self, folder: Path) -> None:
        """Show a folder in the system's file manager (never in a scripted run)."""
        if self.script is not None:
            return
        try:
            if sys.platform.startswith("win"):
                os.startfile(folder)  # type: ignore[attr-defined]
            elif sys.platform == "darwin":
                subprocess.Popen(["open", str(folder)])
            else:
                subprocess.Popen(["xdg-open", str(folder)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        except OSError as err:
            self.toast(self.t("ending.open_failed", reason=str(err)))

    def quit(self, code: int = 0) -> None:
        self.save_progress()
        self.exit_code = code
        self.running = False

    # -- feedback ------------------------------------------------------------------------------

    def toast(self, text: str) -> None:
        self.toast_text, self.toast_left, self.toast_fresh = text, TOAST_SECONDS, True
        self.voice.say_now(text)

    def speak(self, text: str) -> None:
        """Say `text` after what is being said (when the voice is on)."""
        self.voice.say(text)

    def speak_now(self, text: str) -> None:
        """Say `text` at once, stopping what is being said (a new focus)."""
        self.voice.say_now(text)

    def notice_text(self, notice: Notice) -> str:
        """A message of the voice, in the player's language."""
        if notice.key == "voice.no_language":
            return self.t("voice.no_language", language=self.t("voice.language_name"))
        reason = self.t(notice.values.get("reason_key", "voice.no_program"),
                        error=notice.values.get("error", ""))
        return self.t("voice.no_engine", reason=reason)

    def write_voice(self, path: Path) -> bool:
        """`--voice-out`: what the voice said (the first screen, or the whole scripted run)
        as a WAV file, and the words beside it as text; False, with the reason told on
        standard error, when there is no engine to make the sound."""
        text = "\n".join(self.voice.spoken)
        try:
            write_bytes(path.with_suffix(".txt"), (text + "\n").encode("utf-8"),
                        make_folder=True)
        except BalancingActError as err:
            print(f"balancing-act: {err}", file=sys.stderr)
            return False
        notice = self.voice.save(text, path)
        if notice is not None and notice.key != "voice.no_language":
            reason = self.t(notice.values.get("reason_key", "voice.no_program"),
                            error=notice.values.get("error", ""))
            print(f"balancing-act: --voice-out: {reason}", file=sys.stderr)
            return False
        if notice is not None:
            print(f"balancing-act: {self.notice_text(notice)}", file=sys.stderr)
        return True

    def sound(self, name: str) -> None:
        """One of the game's own sound effects (assets/sounds/NAME.wav)."""
        self._play(resources.asset(f"sounds/{name}.wav"))

    @property
    def music_playing(self) -> bool:
        return self._music is not None

    def update_music(self) -> None:
        """The music on or off and at the volume the settings say. Without an audio device,
        or with a music file that cannot be read, the game goes on in silence."""
        if not (self.audio and self.settings.music and self.settings.volume > 0):
            if self._music is not None:
                pygame.mixer.music.stop()
                pygame.mixer.music.unload()
                self._music = None
            return
        pygame.mixer.music.set_volume(self.settings.volume / 100 * MUSIC_LEVEL)
        if self._music is not None:
            return
        try:
            data = io.BytesIO(read_bytes(resources.asset(MUSIC), limit=8 * MB))
            pygame.mixer.music.load(data, "ogg")
            pygame.mixer.music.set_volume(self.settings.volume / 100 * MUSIC_LEVEL)
            pygame.mixer.music.play(loops=-1, fade_ms=1500)
        except (pygame.error, BalancingActError, OSError):
            return
        self._music = data

    def scenario_sound(self, relative: str | None) -> None:
        """A sound a scenario names for a card or an ending (assets/ or its folder)."""
        if relative and self.play is not None:
            path = resources.find_asset(relative, self.play.scenario.folder)
            if path is not None:
                self._play(path)

    def _play(self, path: Path) -> None:
        if not (self.audio and self.settings.sound):
            return
        key = str(path)
        if key not in self._sounds:
            try:
                self._sounds[key] = pygame.mixer.Sound(
                    file=io.BytesIO(read_bytes(path, limit=8 * MB)))
            except (pygame.error, BalancingActError, OSError):
                return  # a sound that cannot be read is skipped, never a crash
        sound = self._sounds[key]
        sound.set_volume(self.settings.volume / 100)
        sound.play()

    def image(self, relative: str | None, size: tuple[int, int]) -> pygame.Surface | None:
        """A card's picture, scaled; None when there is none or it cannot be used (too large
        in pixels, not an image): the card then shows its panel."""
        if not relative:
            return None
        folder = self.play.scenario.folder if self.play is not None else None
        key = (f"{folder}|{relative}", size)
        if key not in self._images:
            surface = None
            path = resources.find_asset(relative, folder)
            if path is not None:
                try:
                    raw = read_image(path)
                    loaded = pygame.image.load(io.BytesIO(raw), path.name).convert()
                    surface = pygame.transform.smoothscale(loaded, size)
                except (pygame.error, BalancingActError, OSError, ValueError):
                    surface = None
            self._images[key] = surface
        return self._images[key]

    # -- the loop ------------------------------------------------------------------------------

    def run(self, max_frames: int | None = None) -> int:
        frames = 0
        while self.running and (max_frames is None or frames < max_frames):
            self.frame(self.clock.tick(self.frame_rate()) / 1000)
            frames += 1
        return self.exit_code

    def frame_rate(self) -> int:
        """Frames a second: 60 while the player is at it, fewer when nobody has touched the
        window for a while or it is hidden (an idle title screen need not keep a lab PC's
        processor busy; the first key or mouse move brings 60 back)."""
        if self.script is not None:  # a scripted run never waits for a person
            return FULL_FPS
        if not pygame.display.get_active():  # minimised
            return HIDDEN_FPS
        if self.idle_seconds >= IDLE_AFTER_SECONDS or not self.focused:
            return IDLE_FPS
        return FULL_FPS

    def frame(self, seconds: float) -> None:
        """One pass of the loop: events, then updates, then drawing. An unexpected error goes
        to the log and the crash screen, never to the player's face."""
        try:
            self._frame(seconds)
        except Exception as err:
            self.crash(err)

    def _frame(self, seconds: float) -> None:
        self.idle_seconds += seconds
        notice = self.voice.take_notice()
        if notice is not None:
            self.toast(self.notice_text(notice))
        if self.script is not None:
            self.script.tick(seconds)
        for event in pygame.event.get():
            self.handle(event)
        self.manager.update(seconds)
        if self.scene is not None:
            self.scene.update(seconds)
        self.toast_left = max(0.0, self.toast_left - seconds)
        self.toast_fresh = False
        self.draw()
        self.guard.tick()
        if self.script is not None:
            self.script.drawn()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(self.exit_code)
            return
        if event.type in ACTIVITY_EVENTS:
            self.idle_seconds = 0.0
        if event.type in (pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED):
            self.focused = event.type == pygame.WINDOWFOCUSGAINED
        if event.type == pygame.VIDEORESIZE:
            width, height = max(MIN_SIZE[0], event.w), max(MIN_SIZE[1], event.h)
            if (width, height) != self.screen.get_size():
                self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE)
            self.relayout()
            return
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN):
            self.mouse = event.pos
            if event.type == pygame.MOUSEMOTION and self.scene is not None:
                self.scene.hover(event.pos)
        if event.type == pygame.TEXTINPUT:  # zero-width and control characters never reach a
            kept = printable(event.text)   # text field (pygame_gui cannot lay them out)
            if not kept:
                return
            event = pygame.event.Event(pygame.TEXTINPUT, text=kept,
                                       window=getattr(event, "window", None))
        if event.type == pygame.KEYDOWN and not self.guard.open:
            return  # a key pressed on the screen before must not act on this one
        consumed = self.manager.process_events(event)
        scene = self.scene
        if scene is None:
            return
        if event.type >= pygame.USEREVENT or event.type in (
                pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_BUTTON_ON_HOVERED,
                pygame_gui.UI_BUTTON_ON_UNHOVERED, pygame_gui.UI_TEXT_BOX_LINK_CLICKED,
                pygame_gui.UI_TEXT_ENTRY_FINISHED):
            scene.handle_event(event)
            return
        if consumed:
            return  # typing into a text field, for instance
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 3:
            scene.handle_event(event)
            return
        action = action_for(event)
        if action is None:
            return
        if scene.act(action):
            return
        self.global_action(action)

    def global_action(self, action: Action) -> None:
        """Keys that work on every screen unless the screen used them."""
        if action.name == "overlay":
            scene = self.scene
            if (scene is not None and scene.name in ("card", "outcome") and self.play is not None
                    and self.classroom is None and self.play.game.event is not None):
                self.overlay = False
                self.push("inspector")  # on a card of one's own game: look and change
            else:
                self.overlay = not self.overlay
        elif action.name == "reload":
            self.reload_scenario()
        elif action.name == "voice":
            self.settings.voice = not self.settings.voice
            self.apply_settings()
            self.toast(self.t("voice.on") if self.settings.voice else self.t("voice.off"))
            if self.settings.voice and self.scene is not None:
                self.scene.announce()  # what is on the screen now, after "read aloud"
        elif action.name == "repeat":
            if self.scene is not None:
                self.voice.stop()
                self.scene.announce()
        elif action.name == "digit":
            self.toast(self.t("keys.no_digits"))

    def draw(self) -> None:
        self.screen.fill(self.theme.palette.background)
        scene = self.scene
        if scene is not None:
            scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if scene is not None:
            scene.draw_over(self.screen)
        if self.toast_left > 0:
            self._draw_toast()
        if self.overlay and self.play is not None:
            self._draw_overlay()
        pygame.display.flip()

    def _draw_toast(self) -> None:
        font = self.theme.font(self.theme.body_size)
        width, height = self.screen.get_size()
        text = fit(font, self.toast_text, width - 80)  # cut between whole letters
        rendered = font.render(text, True, self.theme.palette.background)
        box = rendered.get_rect(midbottom=(width // 2, height - self.theme.margin * 3))
        pygame.draw.rect(self.screen, self.theme.palette.accent, box.inflate(24, 12),
                         border_radius=8)
        self.screen.blit(rendered, box)

    def _draw_overlay(self) -> None:
        """F3: the raw state, for designers."""
        assert self.play is not None
        game = self.play.game
        lines = [self.t("overlay.heading"), f"seed {game.seed}  turn {game.turn}/"
                 f"{game.turns}  event {game.event.id if game.event else '-'}",
                 "meters " + "  ".join(f"{k}={v}" for k, v in game.meters.items()),
                 "flags " + (", ".join(sorted(game.flags)) or "-")]
        lines += [f"pending turn {p.due_turn}: {p.event_id or ''} {p.text}"[:90]
                  for p in game.pending]
        font = self.theme.font(self.theme.small_size)
        height = font.get_linesize()
        panel = pygame.Surface((self.screen.get_width() // 2, height * len(lines) + 12),
                               pygame.SRCALPHA)
        panel.fill((0, 0, 0, 210))
        for index, line in enumerate(lines):
            panel.blit(font.render(line, True, (255, 255, 255)), (6, 6 + index * height))
        self.screen.blit(panel, (self.theme.margin, self.theme.margin))

    # -- the crash screen ------------------------------------------------------------------------

    def crash(self, err: Exception) -> None:
        """Log the traceback, keep the save, and show the crash screen (in a scripted run, stop
        with exit code 1 and say where the log is)."""
        self.crashes += 1
        self.log_path = self._write_log(err)
        where = describe(self.log_path) if self.log_path else self.t("crash.no_log")
        if self.script is not None or self.crashes > 3 or (
                self.scene is not None and self.scene.name == "crash"):
            print(f"balancing-act: an unexpected error stopped the game ({type(err).__name__});"
                  f" details in {where}", file=sys.stderr)
            self.exit_code, self.running = ExitCode.PROBLEMS, False
            return
        with contextlib.suppress(Exception):
            self.save_progress()
        self.reset("crash", error=f"{type(err).__name__}: {err}"[:300], log=where)

    def _write_log(self, err: Exception) -> Path | None:
        text = "".join(traceback.format_exception(err))
        path = log_folder() / f"crash-{time.strftime('%Y%m%d-%H%M%S')}.log"
        try:
            write_bytes(path, text.encode("utf-8", errors="replace"), make_folder=True)
        except BalancingActError:
            return None
        return path


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Standard error pointed at nothing while a system library starts up."""
    try:
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        yield
        return
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


class ScriptDriver:
    """Plays a script's steps into the real event loop, waiting for each screen to be drawn,
    and saves a PNG of every screen when asked."""

    def __init__(self, app: App, steps: list[Step] | None, screenshots: Path | None) -> None:
        self.app = app
        self.steps = list(steps or [])
        self.screenshots = screenshots
        self.shots = 0
        self.frames = 0
        self.waiting = 0.0
        self.shot_taken = False

    def screen_changed(self) -> None:
        self.frames = 0
        self.shot_taken = False

    def tick(self, seconds: float) -> None:
        self.waiting = max(0.0, self.waiting - seconds)
        scene = self.app.scene
        if scene is None or self.frames < READY_FRAMES or scene.busy or self.waiting > 0:
            return
        if not self.shot_taken and self.screenshots is not None:
            self.screenshot(scene.name)
        self.shot_taken = True
        if not self.steps:
            play = self.app.play
            passage = scene.passage()
            if play is not None and play.finished and passage is not None:
                passage()  # the game is over: go on to the debrief
                return
            self.finish()
            return
        self.perform(self.steps[0])

    def drawn(self) -> None:
        self.frames += 1

    def finish(self) -> None:
        app = self.app
        if app.request.debrief_pdf is not None and app.play is not None and app.play.finished:
            app.write_debrief(app.request.debrief_pdf)
        unfinished = app.play is not None and not app.play.finished
        app.exit_code = int(ExitCode.UNFINISHED if unfinished else app.exit_code)
        if app.request.voice_out is not None and not app.write_voice(app.request.voice_out):
            app.exit_code = int(ExitCode.PROBLEMS)
        app.running = False

    def fail(self, step: Step, message: str) -> None:
        print(f"balancing-act: script line {step.line} ({step}): {message}", file=sys.stderr)
        self.app.exit_code, self.app.running = int(ExitCode.PROBLEMS), False

    def perform(self, step: Step) -> None:
        scene = self.app.scene
        assert scene is not None
        if step.kind == "choose":
            if scene.name == "card":
                self.steps.pop(0)
                pygame.event.post(key_event(str(step.number)))
                self.frames = 0
                return
            passage = scene.passage()
            if passage is None:
                self.fail(step, f"an option number, but this screen ({scene.name}) has no "
                                "options")
                return
            passage()
            return
        self.steps.pop(0)
        self.frames = 0
        if step.kind == "wait":
            self.waiting = step.seconds
        elif step.kind == "key":
            try:
                event = key_event(step.value)
            except ValueError:
                self.fail(step, f"'{step.value}' is not a key name (pygame names: escape, "
                                "return, down, f5, g ...)")
                return
            pygame.event.post(event)
        else:
            self.click(step, scene)

    def click(self, step: Step, scene: Scene) -> None:
        wanted = step.value.casefold()
        buttons = scene.buttons()
        match = next((e for text, e in buttons if text.casefold() == wanted), None) or next(
            (e for text, e in buttons if text.casefold().startswith(wanted)), None)
        if match is None:
            labels = ", ".join(f"'{text}'" for text, _ in buttons) or "none"
            self.fail(step, f"no button '{step.value}' on this screen ({scene.name}); its "
                            f"buttons are {labels}")
            return
        centre = match.rect.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0),
                                             buttons=(0, 0, 0)))
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            pygame.event.post(pygame.event.Event(kind, pos=centre, button=1))

    def screenshot(self, name: str) -> None:
        assert self.screenshots is not None
        self.shots += 1
        path = self.screenshots / f"{self.shots:02d}_{name}.png"
        self.screenshots.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.app.screen, path)


def run(request: WindowRequest) -> int:
    """Open the window for `request`: at the title screen, straight into a scenario, or into a
    class session; the exit code when it closes."""
    try:
        app = App(request)
    except pygame.error as err:
        print(f"balancing-act: cannot open the game window ({err}); play in the terminal with "
              "--text", file=sys.stderr)
        return int(ExitCode.USAGE)
    unplayable = False
    try:
        if request.join is not None:
            app.reset("remote_join", url=request.join)
        elif request.session is not None:
            app.open_session(request.session)
        elif request.scenario is not None:
            problems = app.start_game(request.scenario, seed=request.seed, start=request.start)
            # the window shows them (with Retry); the terminal too, as `validate` would, and
            # a run that never got past them ends with exit code 1
            for problem in problems:
                print(problem, file=sys.stderr)
            unplayable = bool(problems)
        else:
            app.reset("title")
    except Exception as err:
        app.crash(err)
    if request.voice_out is not None and request.script is None:
        code = app.run(max_frames=READY_FRAMES)  # the first screen, drawn and read
        if app.running:
            code = int(ExitCode.OK if app.write_voice(request.voice_out) else
                       ExitCode.PROBLEMS)
    else:
        code = app.run()
    if unplayable and app.play is None and code == ExitCode.OK:
        code = int(ExitCode.PROBLEMS)
    app.save_progress()
    app.voice.close()
    pygame.quit()
    return code

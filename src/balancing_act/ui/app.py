"""The game window: one pygame-ce window, a stack-free scene switcher, and the event loop.

The app owns the things every screen needs (the window, the pygame_gui manager, the theme, the
message catalog, the settings and saves, the current game) and the flows between screens. A
scripted run drives this same loop: it posts the key presses a player would make and saves a
PNG of every screen it shows.
"""

from __future__ import annotations

import secrets
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import pygame
import pygame_gui

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.session import Session, SessionError
from balancing_act.engine.game import Game, GameError, Outcome
from balancing_act.paths import ASSETS, find_asset
from balancing_act.scenario import ScenarioError, load_scenario
from balancing_act.scenario.problems import Problem
from balancing_act.ui.i18n import Messages
from balancing_act.ui.scenes.base import Scene
from balancing_act.ui.store import Settings, Store
from balancing_act.ui.theme import Theme

# pygame_gui reports each font it loads on demand; the theme preloads the ones it uses.
warnings.filterwarnings("ignore", message="Trying to pre-load font id", category=UserWarning)

DEFAULT_SIZE = (1280, 720)
MIN_SIZE = (1024, 600)
TOAST_SECONDS = 3.0


class App:
    def __init__(self, *, store: Store | None = None, size: tuple[int, int] = DEFAULT_SIZE,
                 script: list[int] | None = None, screenshots: Path | None = None,
                 language: str = "en") -> None:
        pygame.init()
        self.audio = self._start_audio()
        self.store = store or Store()
        self.settings: Settings = self.store.load_settings()
        self.language = language
        self.messages = Messages(language)
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        self.screen = pygame.display.set_mode(size, flags)
        pygame.display.set_caption(self.messages("app_title"))
        self.theme = Theme(self.settings, self.screen.get_size(), language)
        self.manager = self._new_manager()
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.game: Game | None = None
        self.scenario_path: Path | None = None
        self.seed: int | None = None
        self.running = True
        self.exit_code = 0
        self.overlay = False
        self.toast_text = ""
        self.toast_left = 0.0
        self.script = list(script) if script is not None else None
        self.screenshots = screenshots
        self.shot_count = 0
        self._scene_frames = 0
        self._shot_taken = False
        self._sounds: dict[str, pygame.mixer.Sound] = {}
        self.session: Session | None = None
        self.session_file: Path | None = None
        self.results_folder: Path | None = None
        self.recorder: Recorder | None = None
        self.result_path: Path | None = None
        self.projector = False

    # -- set-up ------------------------------------------------------------------------------

    def _start_audio(self) -> bool:
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

    def relayout(self) -> None:
        """New theme and widgets for the current window size and settings."""
        if self.scene is not None:
            self.scene.clear()
        self.theme = Theme(self.settings, self.screen.get_size(), self.language)
        self.manager = self._new_manager()
        if self.scene is not None:
            self.scene.build()

    def apply_settings(self) -> None:
        self.store.save_settings(self.settings)
        fullscreen = bool(self.screen.get_flags() & pygame.FULLSCREEN)
        if fullscreen != self.settings.fullscreen:
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
            size = (0, 0) if self.settings.fullscreen else DEFAULT_SIZE
            self.screen = pygame.display.set_mode(size, flags)
        self.relayout()

    # -- flows between screens ---------------------------------------------------------------

    def switch(self, scene: Scene) -> None:
        if self.scene is not None:
            self.scene.leave()
        self.scene = scene
        self._scene_frames = 0
        self._shot_taken = False
        scene.enter()

    def to_title(self, message: str = "") -> None:
        from balancing_act.ui.scenes.title import TitleScene

        self.switch(TitleScene(self, message))

    def open_scenario(self, path: Path | None, *, new_seed: bool = False,
                      seed: int | None = None) -> None:
        """Start a new game of the scenario at `path`, or show why it cannot be played."""
        if path is None:
            self.to_title()
            return
        try:
            scenario = load_scenario(path)
        except ScenarioError as err:
            self.show_errors(err.problems, lambda: self.open_scenario(path, seed=seed))
            return
        if seed is None or new_seed:
            seed = secrets.randbelow(1_000_000)
        self.scenario_path, self.seed = path, seed
        self.game = Game(scenario, seed)
        from balancing_act.ui.scenes.briefing import BriefingScene

        self.switch(BriefingScene(self))

    def show_errors(self, problems: list[Problem], retry: Callable[[], None] | None) -> None:
        from balancing_act.ui.scenes.error import ErrorScene

        self.switch(ErrorScene(self, problems, retry))

    def continue_game(self) -> None:
        """Resume the autosaved game exactly where it was, or say why it cannot be."""
        data, problem = self.store.load_game()
        if data is None:
            self.to_title(self.messages("title.save_problem", reason=problem) if problem
                          else self.messages("title.no_save"))
            return
        path = Path(data["scenario_path"])
        try:
            scenario = load_scenario(path)
            game = Game.from_dict(scenario, data["game"])
        except ScenarioError as err:
            self.show_errors(err.problems, self.continue_game)
            return
        except GameError as err:
            self.to_title(self.messages("title.save_problem", reason=str(err)))
            return
        self.game, self.scenario_path, self.seed = game, path, game.seed
        self.resume_play()

    def resume_play(self) -> None:
        from balancing_act.ui.scenes.ending import EndingScene
        from balancing_act.ui.scenes.play import PlayScene

        assert self.game is not None
        self.switch(EndingScene(self) if self.game.finished else PlayScene(self))

    # -- class sessions ----------------------------------------------------------------------

    def open_session(self, session: Session, session_file: Path, results: Path,
                     name: str | None, *, projector: bool = False) -> None:
        """Play a class session: ask the student's name unless given, then the game. On the
        projector the whole class plays one game, voting on every card."""
        from balancing_act.ui.scenes.session import NameScene

        self.session, self.session_file, self.results_folder = session, session_file, results
        self.projector = projector
        if projector:
            name = name or self.messages("projector.name")
        if name:
            self.begin_session(name)
        else:
            self.switch(NameScene(self))

    def begin_session(self, name: str) -> None:
        assert self.session is not None and self.session_file is not None
        try:
            scenario = self.session.load_scenario(self.session_file)
        except ScenarioError as err:
            self.show_errors(err.problems, lambda: self.begin_session(name))
            return
        except SessionError as err:
            self.to_title(str(err))
            return
        assert self.results_folder is not None
        self.recorder = Recorder(self.session, name, self.results_folder)
        self.scenario_path = self.session.scenario_path(self.session_file)
        self.game = Game(scenario, self.session.seed_for(name))
        self.seed = self.game.seed
        from balancing_act.ui.scenes.briefing import BriefingScene

        self.switch(BriefingScene(self))

    def save_result(self) -> None:
        if self.recorder is not None and self.game is not None:
            self.result_path = self.recorder.write(self.game)

    def undo(self) -> None:
        """Take back the last decision, where the session allows it."""
        if not (self.session and self.session.rules.undo and self.game and self.game.choices):
            return
        self.game = Game.replay(self.game.scenario, self.game.seed, self.game.choices[:-1])
        if self.recorder:
            self.recorder.undo()
            self.save_result()
        self.resume_play()

    def after_decision(self, outcome: Outcome, votes: dict[str, int] | None = None) -> None:
        if self.recorder is not None:
            self.recorder.decided(outcome.turn, outcome.event_id, outcome.option_id, votes)
            self.save_result()
        self.autosave()
        if outcome.ended:
            ending = self.game.ending if self.game else None
            self.play_sound("ending_good" if ending and ending.tone == "good" else "ending_bad")
        elif outcome.landed:
            self.play_sound("consequence")
        else:
            total = sum(c.amount for c in outcome.changes)
            self.play_sound("gain" if total >= 0 else "loss")

    def autosave(self) -> None:
        # A class session's record is its result file; Continue is for games of one's own.
        if self.game is not None and self.recorder is None:
            self.store.save_game(self.game.to_dict(), self.scenario_path)

    def pause(self) -> None:
        from balancing_act.ui.scenes.menus import PauseScene

        if self.scene is not None:
            self.switch(PauseScene(self, self.scene))

    def show_glossary(self, terms: list[str]) -> None:
        from balancing_act.ui.scenes.menus import GlossaryScene

        if self.game is not None and self.game.scenario.file.glossary and self.scene:
            self.switch(GlossaryScene(self, terms, self.scene))

    def reload_scenario(self) -> None:
        """F5: read the scenario file again and replay the choices on it; errors on screen."""
        if self.game is None or self.scenario_path is None:
            return
        try:
            scenario = load_scenario(self.scenario_path)
        except ScenarioError as err:
            self.show_errors(err.problems, self.reload_scenario)
            return
        try:
            self.game = Game.replay(scenario, self.game.seed, self.game.choices)
        except GameError:
            self.game = Game(scenario, self.game.seed)
        self.toast(self.messages("reload.done", file=self.scenario_path.name))
        self.resume_play()

    @property
    def preview_level(self) -> str:
        """none, dots or numbers: a class session's rule; else the scenario's level, unless
        the difficulty setting says guided (numbers) or hard (none)."""
        if self.session is not None and self.session.rules.preview != "scenario":
            return self.session.rules.preview
        if self.settings.difficulty == "guided":
            return "numbers"
        if self.settings.difficulty == "hard" or self.game is None:
            return "none"
        return self.game.scenario.file.preview

    def toast(self, text: str) -> None:
        self.toast_text, self.toast_left = text, TOAST_SECONDS

    def quit(self) -> None:
        self.running = False

    def play_sound(self, name: str) -> None:
        """One of the game's own sound effects (assets/sounds/NAME.wav)."""
        self._play(ASSETS / "sounds" / f"{name}.wav")

    def play_scenario_sound(self, relative: str | None) -> None:
        """A sound a scenario names for a card or an ending (assets/ or its folder)."""
        if relative and self.game is not None:
            path = find_asset(relative, self.game.scenario.folder)
            if path is not None:
                self._play(path)

    def _play(self, path: Path) -> None:
        if not (self.audio and self.settings.sound):
            return
        key = str(path)
        if key not in self._sounds:
            try:
                self._sounds[key] = pygame.mixer.Sound(path)
            except (pygame.error, FileNotFoundError):
                return  # a sound that cannot be read is skipped, never a crash
        self._sounds[key].play()

    # -- scripted runs -----------------------------------------------------------------------

    def next_scripted_choice(self) -> int | None:
        if not self.script:
            self.finish_script(code=3)
            return None
        return self.script.pop(0)

    def finish_script(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def _drive_script(self) -> None:
        if self.scene is None or self._scene_frames < 2:
            return
        if self.screenshots is not None and not self._shot_taken:
            self.save_screenshot()
        self._shot_taken = True
        events = self.scene.scripted()
        for event in events or []:
            pygame.event.post(event)

    def save_screenshot(self, name: str | None = None) -> Path:
        assert self.screenshots is not None
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.shot_count += 1
        path = self.screenshots / f"{self.shot_count:02d}_{name or self.scene.name}.png"
        pygame.image.save(self.screen, path)
        return path

    # -- the loop ----------------------------------------------------------------------------

    def run(self, max_frames: int | None = None) -> int:
        frames = 0
        while self.running and (max_frames is None or frames < max_frames):
            self.frame(self.clock.tick(60) / 1000)
            frames += 1
        return self.exit_code

    def frame(self, seconds: float) -> None:
        """One pass of the loop: events, then updates, then drawing."""
        if self.script is not None:
            self._drive_script()
        for event in pygame.event.get():
            self.handle(event)
        self.manager.update(seconds)
        if self.scene is not None:
            self.scene.update(seconds)
        self.toast_left = max(0.0, self.toast_left - seconds)
        self.draw()
        self._scene_frames += 1

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.autosave()
            self.save_result()
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            width = max(MIN_SIZE[0], event.w)
            height = max(MIN_SIZE[1], event.h)
            if (width, height) != self.screen.get_size():
                self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE)
            self.relayout()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
            self.overlay = not self.overlay
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.reload_scenario()
            return
        self.manager.process_events(event)
        if self.scene is not None:
            self.scene.handle(event)

    def draw(self) -> None:
        self.screen.fill(self.theme.palette.background)
        if self.scene is not None:
            self.scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        if self.scene is not None:
            self.scene.draw_over(self.screen)
        if self.toast_left > 0:
            self._draw_toast()
        if self.overlay and self.game is not None:
            self._draw_overlay()
        pygame.display.flip()

    def _draw_toast(self) -> None:
        font = self.theme.font(self.theme.body_size)
        text = font.render(self.toast_text, True, self.theme.palette.background)
        width, height = self.screen.get_size()
        box = text.get_rect(midbottom=(width // 2, height - self.theme.margin * 3))
        pygame.draw.rect(self.screen, self.theme.palette.accent, box.inflate(24, 12),
                         border_radius=8)
        self.screen.blit(text, box)

    def _draw_overlay(self) -> None:
        """F3: the raw state, for designers."""
        game = self.game
        assert game is not None
        lines = [self.messages("overlay.heading"), f"seed {game.seed}  turn {game.turn}/"
                 f"{game.turns}  event {game.event.id if game.event else '-'}",
                 "meters " + "  ".join(f"{k}={v}" for k, v in game.meters.items()),
                 "flags " + (", ".join(sorted(game.flags)) or "-")]
        lines += [f"pending turn {p.due_turn}: {p.event_id or ''} {p.text}"[:90]
                  for p in game.pending]
        font = self.theme.font(self.theme.small_size)
        height = font.get_linesize()
        panel = pygame.Surface((self.screen.get_width() // 2, height * len(lines) + 12),
                               pygame.SRCALPHA)
        panel.fill((0, 0, 0, 200))
        for index, line in enumerate(lines):
            panel.blit(font.render(line, True, (255, 255, 255)), (6, 6 + index * height))
        self.screen.blit(panel, (self.theme.margin, self.theme.margin))


def run_window(scenario: Path | None, *, seed: int | None = None, script: list[int] | None =
               None, screenshots: Path | None = None, size: tuple[int, int] = DEFAULT_SIZE,
               session: tuple[Session, Path, Path, str | None] | None = None,
               projector: bool = False) -> int:
    """Open the window: at the title screen, straight into `scenario` (named on the command
    line, or for a scripted run), or into a class session (session, its file, the results
    folder, the student's name if given)."""
    try:
        app = App(script=script, screenshots=screenshots, size=size)
    except pygame.error as err:
        print(f"balancing-act: cannot open the game window ({err}); play in the terminal with "
              "--text", file=sys.stderr)
        return 2
    if session is not None:
        app.open_session(*session, projector=projector)
    elif scenario is not None:
        app.open_scenario(scenario, seed=seed)
    else:
        app.to_title()
    code = app.run()
    app.save_result()
    pygame.quit()
    return code

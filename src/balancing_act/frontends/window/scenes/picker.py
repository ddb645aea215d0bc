"""The scenario picker: every shipped scenario (with the endings found so far), and a way to
open any other file. Starting a new game over an unfinished save asks first."""

from __future__ import annotations

from functools import cache, partial
from pathlib import Path
from typing import Any, ClassVar

import pygame

from balancing_act.errors import ReadError
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, printable
from balancing_act.play import speech as spoken
from balancing_act.resources import shipped_scenario_files
from balancing_act.scenario import ScenarioError, load_scenario
from balancing_act.scenario.translations import Translated, translate, translation_path

MAX_LISTED = 6


@cache
def _load(path: Path, stamp: float, language: str, translation_stamp: float) -> Translated | str:
    try:
        return translate(load_scenario(path), language)
    except ScenarioError as err:
        return f"{len(err.problems)} problem(s)"


def _stamp(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def shipped(language: str = "en") -> list[tuple[Path, Translated | str]]:
    """The shipped scenarios, each in `language` where a translation gives it."""
    found = []
    for path in shipped_scenario_files()[:MAX_LISTED]:
        stamp = _stamp(path)
        if not stamp:
            continue
        found.append((path, _load(path, stamp, language,
                                  _stamp(translation_path(path, language)))))
    return found


def title_in(path: Path, language: str) -> str | None:
    """The title of the scenario at `path` in `language` where a translation gives it (None
    when the file is gone or does not load): Continue names the saved game in the words of
    the screen, not those it was saved in."""
    stamp = _stamp(path)
    if not stamp:
        return None
    loaded = _load(path, stamp, language, _stamp(translation_path(path, language)))
    return None if isinstance(loaded, str) else loaded.scenario.file.title


@scene("picker")
class PickerScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "digit": "keys.pick_scenario"}

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)
        self.listing = shipped(host.t.language)
        self.asking = False
        self.entry: Any = None
        self.summary_box: Any = None

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("picker.heading"))
        top = m + self.theme.heading_size * 2 + m
        summary_height = round(self.theme.body_size * 1.25 * 1.4 * 3) + m
        bottom_band = self.theme.button_height * (3 if self.asking else 1) + 2 * m + \
            summary_height + m // 2
        rows = max(len(self.listing), 1)
        row_height = min(self.theme.body_size * 4 + m,
                         (height - top - bottom_band - m) // rows - m // 2)
        progress = self.host.store.load_progress().endings
        font = self.theme.font(self.theme.body_size)
        for index, (path, loaded) in enumerate(self.listing):
            rect = pygame.Rect(m, top + index * (row_height + m // 2), width - 2 * m,
                               row_height)
            if isinstance(loaded, str):
                text = f"{path.name}: {loaded}"
            else:
                spec = loaded.scenario.file
                found = len(set(progress.get(spec.id, [])) & {e.id for e in spec.endings})
                endings = self.t('picker.found', found=found, total=len(spec.endings))
                text = (f"{index + 1}.  {spec.title}  ·  "
                        f"{self.t('picker.difficulty.' + spec.difficulty)}  ·  "
                        f"{self.t('picker.turns', turns=spec.turns)}  ·  {endings}")
                english = f"  ·  {self.t('picker.english_only')}" \
                    if loaded.language != self.t.language else ""
                text += english
                if font.size(text)[0] > rect.width - 2 * m:  # large text: what matters most
                    text = f"{index + 1}.  {spec.title}  ·  {endings}{english}"
            self.button(rect, text, partial(self.choose, path), object_id=None)
        y = height - m - self.theme.button_height
        self.summary_box = self.text_box(pygame.Rect(
            m, y - m - (2 * self.theme.button_height + m if self.asking else 0) - summary_height,
            width - 2 * m, summary_height), "", main=False)
        self.focus_changed()
        self.button(pygame.Rect(m, y, width // 3, self.theme.button_height),
                    self.t("picker.open_file"), self.ask_for_path, object_id=None)
        self.button(pygame.Rect(width - m - width // 5, y, width // 5, self.theme.button_height),
                    self.t("picker.back"), self.host.pop)
        if self.asking:
            prompt_y = y - 2 * self.theme.button_height - m
            self.label(pygame.Rect(m, prompt_y, width - 2 * m, self.theme.body_size * 2),
                       self.t("picker.path_prompt"), "#body")
            import pygame_gui

            self.entry = self.add(pygame_gui.elements.UITextEntryLine(
                pygame.Rect(m, prompt_y + self.theme.body_size * 2, width - 2 * m,
                            self.theme.button_height), self.host.manager))
            self.entry.set_text_length_limit(1000)
            self.host.manager.set_focus_set(self.entry)

    def focus_changed(self) -> None:
        """The highlighted scenario's summary, under the list (for the keyboard as for the
        mouse: no tooltip needed)."""
        if self.summary_box is None:
            return
        text = ""
        if self.focus < len(self.listing) and self.focus_order:
            loaded = self.listing[self.focus][1]
            text = loaded if isinstance(loaded, str) else loaded.scenario.file.summary
        self.summary_box.set_text(f"<i>{esc(text)}</i>" if text else "")

    def choose(self, path: Path) -> None:
        """Start the scenario, asking first when that would replace an unfinished game."""
        try:
            save = self.host.store.load_game()
        except ReadError:
            save = None
        if save is not None and save.ending is None:
            self.host.push("confirm", message=self.t(
                "picker.overwrite", scenario=save.scenario.title or save.scenario.id,
                turn=save.turn), yes=self.t("picker.overwrite_yes"),
                on_yes=lambda: self.host.start_game(path))
            return
        self.host.start_game(path)

    def ask_for_path(self) -> None:
        self.asking = True
        self.rebuild()
        self.host.speak_now(self.speech())

    def handle_event(self, event: pygame.event.Event) -> None:
        import pygame_gui

        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            typed = self.entry.get_text().strip()
            try:
                path = Path(typed).expanduser() if typed else None
                ok = path is not None and path.is_file()
            except (OSError, RuntimeError, ValueError):
                path, ok = None, False
            if ok and path is not None:
                self.choose(path)
            else:
                self.host.toast(self.t("picker.not_found", path=printable(typed)))
            return
        super().handle_event(event)

    def act(self, action: Action) -> bool:
        if action.name == "digit":
            if 1 <= action.value <= len(self.listing):
                self.choose(self.listing[action.value - 1][0])
            else:
                self.host.toast(self.t("keys.no_such_scenario", count=len(self.listing)))
            return True
        if action.name == "back" and self.asking:
            self.asking = False
            self.rebuild()
            return True
        return super().act(action)

    def speech(self) -> str:
        if self.asking:
            return self.t("speech.entry", label=self.t("picker.path_prompt"))
        return spoken.sentence(self.t, self.t("picker.heading"))

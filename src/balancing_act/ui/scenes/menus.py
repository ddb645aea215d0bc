"""The pause menu (Esc), the settings screen and the glossary panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.ui.scenes.base import Scene, esc, stacked
from balancing_act.ui.store import ANIMATION_SPEEDS, DIFFICULTIES, TEXT_SIZES

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class PauseScene(Scene):
    name = "pause"

    def __init__(self, app: App, underneath: Scene) -> None:
        super().__init__(app)
        self.underneath = underneath

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        column = pygame.Rect(width // 2 - width // 6, 0, width // 3, int(height * 0.8))
        self.label(pygame.Rect(0, height // 6, width, self.theme.heading_size * 2),
                   self.t("pause.heading"))
        actions = [("resume", "pause.resume"), ("save", "pause.save"),
                   ("settings", "pause.settings"), ("quit", "pause.quit")]
        rows = stacked(column, len(actions), round(self.theme.body_size * 2.6), m)
        self.buttons = {self.button(rect, self.t(text), "@centred"): action
                        for rect, (action, text) in zip(rows, actions, strict=True)}

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            action = self.buttons[event.ui_element]
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            action = "resume"
        else:
            return
        if action == "resume":
            self.app.switch(self.underneath)
        elif action == "save":
            self.app.autosave()
            self.app.toast(self.t("pause.saved"))
        elif action == "settings":
            self.app.switch(SettingsScene(self.app, back=lambda: PauseScene(self.app,
                                                                            self.underneath)))
        else:
            self.app.autosave()
            if self.app.recorder is not None:  # a class session ends here, its result saved
                self.app.save_result()
                self.app.quit()
                return
            self.app.to_title()


def _next(values: tuple[str, ...], current: str) -> str:
    return values[(values.index(current) + 1) % len(values)]


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app: App, back: Callable[[], Scene]) -> None:
        super().__init__(app)
        self.back = back

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        s = self.app.settings
        on = {True: self.t("settings.on"), False: self.t("settings.off")}
        rows = [
            ("fullscreen", self.t("settings.fullscreen", value=on[s.fullscreen])),
            ("text_size", self.t("settings.text_size",
                                 value=self.t("settings.text_size." + s.text_size))),
            ("high_contrast", self.t("settings.contrast", value=on[s.high_contrast])),
            ("colour_blind", self.t("settings.palette", value=on[s.colour_blind])),
            ("sound", self.t("settings.sound", value=on[s.sound])),
            ("animation", self.t("settings.animation",
                                 value=self.t("settings.animation." + s.animation))),
            ("difficulty", self.t("settings.difficulty",
                                  value=self.t("settings.difficulty." + s.difficulty))),
            ("back", self.t("settings.back")),
        ]
        self.label(pygame.Rect(0, m, width, self.theme.heading_size * 2),
                   self.t("settings.heading"))
        row_height = round(self.theme.body_size * 2.4)
        total = len(rows) * (row_height + m // 2)
        column = pygame.Rect(width // 2 - width // 4, 0, width // 2,
                             max(height // 2 + total // 2, m * 3 + self.theme.heading_size * 2
                                 + total))
        rects = stacked(column, len(rows), row_height, m // 2)
        self.buttons = {self.button(rect, text, "@centred"): action
                        for rect, (action, text) in zip(rects, rows, strict=True)}

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.switch(self.back())
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED or event.ui_element not in self.buttons:
            return
        action = self.buttons[event.ui_element]
        s = self.app.settings
        if action == "back":
            self.app.switch(self.back())
            return
        if action == "text_size":
            s.text_size = _next(TEXT_SIZES, s.text_size)
        elif action == "animation":
            s.animation = _next(ANIMATION_SPEEDS, s.animation)
        elif action == "difficulty":
            s.difficulty = _next(DIFFICULTIES, s.difficulty)
        else:
            setattr(s, action, not getattr(s, action))
        self.app.apply_settings()


class GlossaryScene(Scene):
    name = "glossary"

    def __init__(self, app: App, terms: list[str], underneath: Scene) -> None:
        super().__init__(app)
        self.terms = terms
        self.underneath = underneath

    def build(self) -> None:
        glossary = self.app.game.scenario.file.glossary
        terms = self.terms or list(glossary)
        body = "<br><br>".join(f"<b>{esc(t)}</b>: {esc(glossary[t])}" for t in terms)
        self.close = self.page(self.t("glossary.heading"), body, self.t("glossary.close"))

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_g,
                                                               pygame.K_RETURN)):
            self.app.switch(self.underneath)

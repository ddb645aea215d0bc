"""The title screen: New game, Continue, Settings, Quit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.ui.scenes.base import Scene, esc, stacked

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class TitleScene(Scene):
    name = "title"

    def __init__(self, app: App, message: str = "") -> None:
        super().__init__(app)
        self.message = message
        self.buttons: dict[object, str] = {}

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        column = pygame.Rect(width // 2 - width // 6, 0, width // 3, height)
        self.label(pygame.Rect(0, height // 6, width, self.theme.title_size * 2),
                   self.t("app_title"), "#title")
        self.label(pygame.Rect(0, height // 6 + self.theme.title_size * 2, width,
                               self.theme.heading_size * 2), self.t("tagline"))
        has_save = self.app.store.autosave_path.exists()
        actions = [("new", self.t("title.new_game"))]
        if has_save:
            actions.append(("continue", self.t("title.continue")))
        actions += [("settings", self.t("title.settings")), ("quit", self.t("title.quit"))]
        area = pygame.Rect(column.x, 0, column.width, int(height * 0.82))
        rows = stacked(area, len(actions), round(self.theme.body_size * 2.6), m)
        self.buttons = {self.button(rect, text, "@centred"): action
                        for rect, (action, text) in zip(rows, actions, strict=True)}
        if self.message:
            self.text_box(pygame.Rect(m, height - m - self.theme.body_size * 4,
                                      width - 2 * m, self.theme.body_size * 4),
                          esc(self.message))

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.act(self.buttons[event.ui_element])
        elif event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_n):
            self.act("new")
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_c:
            self.act("continue")

    def act(self, action: str) -> None:
        if action == "new":
            from balancing_act.ui.scenes.picker import PickerScene

            self.app.switch(PickerScene(self.app))
        elif action == "continue":
            self.app.continue_game()
        elif action == "settings":
            from balancing_act.ui.scenes.settings import SettingsScene

            self.app.switch(SettingsScene(self.app, back=lambda: TitleScene(self.app)))
        elif action == "quit":
            self.app.quit()

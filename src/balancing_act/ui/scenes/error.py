"""The error screen: a scenario that cannot be played, with every problem as file:LINE:COL."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.scenario.problems import Problem
from balancing_act.ui.scenes.base import Scene, esc

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class ErrorScene(Scene):
    name = "error"

    def __init__(self, app: App, problems: list[Problem], retry=None) -> None:
        super().__init__(app)
        self.problems = problems
        self.retry = retry

    def build(self) -> None:
        lines = "<br>".join(esc(str(p)) for p in self.problems)
        self.back = self.page(self.t("error.heading"),
                              f"{esc(self.t('error.intro'))}<br><br>{lines}", self.t("error.back"))

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back) or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.to_title()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5 and self.retry:
            self.retry()

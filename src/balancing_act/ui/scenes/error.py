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
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("error.heading"))
        lines = "<br>".join(esc(str(p)) for p in self.problems)
        top = m * 2 + self.theme.heading_size * 2
        button_height = self.theme.body_size * 2 + m
        self.text_box(pygame.Rect(m, top, width - 2 * m, height - top - button_height - 2 * m),
                      f"{esc(self.t('error.intro'))}<br><br>{lines}")
        self.back = self.button(pygame.Rect(width - m - width // 5, height - m - button_height,
                                            width // 5, button_height), self.t("error.back"),
                                "@centred")

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back) or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.to_title()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5 and self.retry:
            self.retry()

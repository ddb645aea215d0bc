"""Class sessions in the window: the student's name (with the class code shown), and copying
the result file to where the instructor collects it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, printable

MAX_NAME = 60


@scene("name")
class NameScene(Scene):
    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        room = self.host.classroom
        assert room is not None
        self.label(pygame.Rect(0, height // 6, width, self.theme.heading_size * 2),
                   self.t("session.heading", code=room.class_code))
        self.label(pygame.Rect(0, height // 6 + self.theme.heading_size * 2, width,
                               self.theme.body_size * 2), room.session.scenario.title, "#body")
        column = pygame.Rect(width // 2 - width // 4, height // 2, width // 2,
                             self.theme.button_height)
        self.label(column.move(0, -column.height - m // 2), self.t("session.name_prompt"),
                   "#body")
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(column, self.host.manager))
        self.entry.set_text_length_limit(MAX_NAME)
        self.entry.focus()
        self.button(column.move(0, column.height + m), self.t("session.start"), self.start)

    def start(self) -> None:
        name = " ".join(printable(self.entry.get_text()).split())
        if name:
            self.host.begin_session(name)
        else:
            self.host.toast(self.t("session.name_needed"))

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.start()
            return
        super().handle_event(event)

    def back(self) -> None:
        self.host.quit(0)

    def speech(self) -> str:
        return self.t("session.name_prompt")


@scene("copy")
class CopyScene(Scene):
    """Copy the result file to a folder the student types (a shared drive, a USB stick)."""

    def __init__(self, host: Any, source: Path, **params: Any) -> None:
        super().__init__(host, **params)
        self.source = source

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, height // 5, width - 2 * m, self.theme.heading_size * 2),
                   self.t("session.copy_heading"))
        self.text_box(pygame.Rect(m, height // 5 + self.theme.heading_size * 2, width - 2 * m,
                                  self.theme.body_size * 5),
                      esc(self.t("session.saved_in", path=self.source)) + "<br>"
                      + esc(self.t("session.copy_prompt")))
        entry_rect = pygame.Rect(m, height // 2 + m, width - 2 * m, self.theme.button_height)
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(entry_rect,
                                                                  self.host.manager))
        self.entry.set_text_length_limit(1000)
        self.entry.focus()
        self.button(pygame.Rect(width - m - width // 5, height - m - self.theme.button_height,
                                width // 5, self.theme.button_height),
                    self.t("session.back"), self.host.pop)

    def copy(self) -> None:
        typed = printable(self.entry.get_text()).strip()
        if not typed:
            self.host.toast(self.t("session.copy_prompt"))
            return
        try:
            target = Path(typed).expanduser()
            target.mkdir(parents=True, exist_ok=True)
            copied = shutil.copy2(self.source, target / self.source.name)
        except (OSError, RuntimeError, ValueError) as err:
            reason = getattr(err, "strerror", None) or str(err)
            self.host.toast(self.t("session.copy_failed", reason=reason))
        else:
            self.host.toast(self.t("session.copied", path=copied))

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.copy()
            return
        super().handle_event(event)

    def act(self, action: Action) -> bool:
        return super().act(action)

"""Class sessions in the window: the student's name (with the class code shown), and where the
result file went, with a way to copy it elsewhere."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.ui.scenes.base import Scene, esc

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class NameScene(Scene):
    name = "name"

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        session = self.app.session
        assert session is not None
        self.label(pygame.Rect(0, height // 6, width, self.theme.heading_size * 2),
                   self.t("session.heading", code=session.class_code))
        self.label(pygame.Rect(0, height // 6 + self.theme.heading_size * 2, width,
                               self.theme.body_size * 2), session.scenario.title, "#body")
        column = pygame.Rect(width // 2 - width // 4, height // 2, width // 2,
                             self.theme.body_size * 2 + m)
        self.label(column.move(0, -column.height - m // 2), self.t("session.name_prompt"),
                   "#body")
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(column, self.app.manager))
        self.entry.set_text_length_limit(60)
        self.entry.focus()
        self.start = self.button(column.move(0, column.height + m), self.t("session.start"),
                                 "@centred")

    def handle(self, event: pygame.event.Event) -> None:
        finished = (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
                    and event.ui_element is self.entry) or (
            event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.start)
        if finished and self.entry.get_text().strip():
            self.app.begin_session(self.entry.get_text().strip())
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()


class CopyResultScene(Scene):
    """Copy the result file to a folder the student types (a shared drive, a USB stick)."""

    name = "copy"

    def __init__(self, app: App, source: Path, back: Scene) -> None:
        super().__init__(app)
        self.source = source
        self.back = back

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, height // 4, width - 2 * m, self.theme.heading_size * 2),
                   self.t("session.copy_heading"))
        self.text_box(pygame.Rect(m, height // 4 + self.theme.heading_size * 2, width - 2 * m,
                                  self.theme.body_size * 4),
                      esc(self.t("session.saved_in", path=self.source)))
        row = pygame.Rect(m, height // 2 + m, width - 2 * m, self.theme.body_size * 2 + m)
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(row, self.app.manager))
        self.entry.focus()
        self.done = self.button(pygame.Rect(width - m - width // 5, height - m - row.height,
                                            width // 5, row.height), self.t("session.back"),
                                "@centred")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            target = Path(self.entry.get_text().strip()).expanduser()
            try:
                target.mkdir(parents=True, exist_ok=True)
                copied = shutil.copy2(self.source, target / self.source.name)
            except OSError as err:
                self.app.toast(self.t("session.copy_failed", reason=err.strerror or str(err)))
            else:
                self.app.toast(self.t("session.copied", path=copied))
        elif (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.done) or (
                event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
            self.app.switch(self.back)

"""Class sessions in the window: the student's name (with the class code shown), and copying
the result file to where the instructor collects it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from balancing_act.classroom.seats import MAX_NAME
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, printable
from balancing_act.play import speech as spoken


@scene("name")
class NameScene(Scene):
    """The student's name, and with a class list their personal code, to join the session."""

    def __init__(self, host: Any, student: str = "", **params: Any) -> None:
        super().__init__(host, **params)
        self.typed_name = student
        self.code_entry: Any = None

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        room = self.host.classroom
        assert room is not None
        self.label(pygame.Rect(0, height // 8, width, self.theme.heading_size * 2),
                   self.t("session.heading", code=room.class_code))
        self.label(pygame.Rect(0, height // 8 + self.theme.heading_size * 2, width,
                               self.theme.body_size * 2), room.session.scenario.title, "#body")
        row_height = self.theme.button_height
        column = pygame.Rect(width // 2 - width // 4, height // 3 + m, width // 2, row_height)
        prompt = "session.name_prompt_list" if room.session.roster else "session.name_prompt"
        self.label(column.move(0, -row_height), self.t(prompt), "#body")
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(column, self.host.manager))
        self.entry.set_text_length_limit(MAX_NAME)
        if self.typed_name:
            self.entry.set_text(self.typed_name)
        below = column.move(0, row_height + m)
        if room.session.roster:
            self.label(below, self.t("session.code_prompt"), "#body")
            below = below.move(0, row_height)
            self.code_entry = self.add(pygame_gui.elements.UITextEntryLine(
                below, self.host.manager))
            self.code_entry.set_text_length_limit(20)
            below = below.move(0, row_height + m)
        self.host.manager.set_focus_set(
            self.code_entry if self.typed_name and self.code_entry else self.entry)
        self.button(below, self.t("session.start"), self.start)

    def start(self) -> None:
        name = printable(self.entry.get_text())
        code = printable(self.code_entry.get_text()) if self.code_entry else ""
        if not " ".join(name.split()):
            self.host.toast(self.t("session.name_needed"))
            return
        self.host.begin_session(name, code)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.entry and self.code_entry is not None:
                self.host.manager.set_focus_set(self.code_entry)
            elif event.ui_element in (self.entry, self.code_entry):
                self.start()
            return
        super().handle_event(event)

    def back(self) -> None:
        self.host.quit(0)

    def speech(self) -> str:
        room = self.host.classroom
        if room is None:
            return ""
        prompt = "session.name_prompt_list" if room.session.roster else "session.name_prompt"
        said = [spoken.sentence(self.t, self.t("session.heading", code=room.class_code)),
                spoken.sentence(self.t, room.session.scenario.title),
                self.t("speech.entry", label=self.t(prompt))]
        if room.session.roster:
            said.append(self.t("speech.entry", label=self.t("session.code_prompt")))
        return spoken.join(said)


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
        self.host.manager.set_focus_set(self.entry)
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

    def speech(self) -> str:
        return spoken.join([spoken.sentence(self.t, self.t("session.copy_heading")),
                            spoken.sentence(self.t, self.t("session.saved_in",
                                                           path=self.source)),
                            self.t("speech.entry", label=self.t("session.copy_prompt"))])

    def act(self, action: Action) -> bool:
        return super().act(action)

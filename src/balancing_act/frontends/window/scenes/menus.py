"""The small screens: the pause menu (Esc), the settings, the glossary, the meters explained,
and a question with two answers (replace a saved game? open the folder?)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, ClassVar

import pygame

from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Callback, Scene, esc, row, stacked
from balancing_act.frontends.window.store import (
    ANIMATION_SPEEDS,
    DIFFICULTIES,
    REVEALS,
    TEXT_SIZES,
)
from balancing_act.play import speech as spoken
from balancing_act.play.catalog import available_languages

VOLUME_STEP = 10


def _column(scene: Scene, heading: str, actions: Sequence[tuple[str, Callback]]) -> None:
    """A heading and a centred column of buttons."""
    width, height = scene.size
    m = scene.theme.margin
    scene.label(pygame.Rect(0, height // 7, width, scene.theme.heading_size * 2), heading)
    font = scene.theme.font(scene.theme.body_size)
    column_width = min(width - 2 * m, max(width // 3, max(font.size(t)[0] for t, _ in actions)
                                          + 4 * m))
    area = pygame.Rect(width // 2 - column_width // 2, 0, column_width, int(height * 0.85))
    for rect, (text, callback) in zip(stacked(area, len(actions), scene.theme.button_height, m),
                                      actions, strict=True):
        scene.button(rect, text, callback)


@scene("pause")
class PauseScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "back": "keys.resume"}

    def build(self) -> None:
        room = self.host.classroom
        quit_text = self.t("pause.quit_class") if room is not None else self.t("pause.quit")
        _column(self, self.t("pause.heading"), [
            (self.t("pause.resume"), self.host.pop),
            (self.t("pause.save"), self.host.save_now),
            (self.t("pause.settings"), lambda: self.host.push("settings")),
            (self.t("pause.glossary"), lambda: self.host.push("glossary", terms=[])),
            (quit_text, self.leave_game)])

    def leave_game(self) -> None:
        if self.host.classroom is not None:  # a class game ends here, its result saved
            self.host.quit(0)
            return
        self.host.save_now()
        self.host.reset("title")

    def speech(self) -> str:
        return spoken.sentence(self.t, self.t("pause.heading"))


@scene("settings")
class SettingsScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "left": "keys.setting_down",
                                      "right": "keys.setting_up"}

    def rows(self) -> list[tuple[str, str, bool]]:
        """(setting, its line, can be changed here)."""
        s = self.host.settings
        t = self.t
        on = {True: t("settings.on"), False: t("settings.off")}
        in_class = self.host.classroom is not None
        language = s.language or self.host.t.language
        return [
            ("fullscreen", t("settings.fullscreen", value=on[s.fullscreen]), True),
            ("text_size", t("settings.text_size", value=t(f"settings.text_size.{s.text_size}")),
             True),
            ("high_contrast", t("settings.contrast", value=on[s.high_contrast]), True),
            ("sound", t("settings.sound", value=on[s.sound]), True),
            ("music", t("settings.music", value=on[s.music]), True),
            ("volume", t("settings.volume", value=s.volume), True),
            ("animation", t("settings.animation",
                            value=t(f"settings.animation.{s.animation}")), True),
            ("difficulty", t("settings.difficulty",
                             value=t(f"settings.difficulty.{s.difficulty}"))
             + (f" ({t('settings.set_by_class')})" if in_class else ""), not in_class),
            ("reveal", t("settings.reveal", value=t(f"settings.reveal.{s.reveal}"))
             + (f" ({t('settings.set_by_class')})" if in_class else ""), not in_class),
            ("language", t("settings.language", value=t(f"language.{language}")), True),
            ("voice", t("settings.voice", value=on[s.voice]), True),
        ]

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(0, m, width, self.theme.heading_size * 2),
                   self.t("settings.heading"))
        rows = self.rows()
        row_height = self.theme.button_height
        gap = max(4, m // 3)
        # Left/Right change the setting under the focus (as a game's settings list does);
        # the screen says so, since elsewhere the arrows move the focus.
        hint_top = m + self.theme.heading_size * 2
        hint_height = round(self.theme.small_size * 1.6)
        self.label(pygame.Rect(m, hint_top, width - 2 * m, hint_height),
                   self.t("settings.hint"), "#small")
        top = hint_top + hint_height + m
        needed = (len(rows) + 1) * (row_height + gap)
        columns = 1 if top + needed <= height - m else 2
        per_column = -(-(len(rows) + 1) // columns)
        column_width = min(width - 2 * m, width // 2 + width // 6) if columns == 1 else \
            (width - 3 * m) // 2
        for index, (name, text, enabled) in enumerate(rows):
            column, line = divmod(index, per_column)
            x = (width - column_width) // 2 if columns == 1 else m + column * (column_width + m)
            rect = pygame.Rect(x, top + line * (row_height + gap), column_width, row_height)
            self.button(rect, text, partial(self.change, name, +1), enabled=enabled)
        back_index = len(rows)
        column, line = divmod(back_index, per_column)
        x = (width - column_width) // 2 if columns == 1 else m + column * (column_width + m)
        self.button(pygame.Rect(x, top + line * (row_height + gap), column_width, row_height),
                    self.t("settings.back"), self.host.pop)

    def change(self, name: str, step: int) -> None:
        s = self.host.settings
        cycles: dict[str, tuple[str, ...]] = {
            "text_size": TEXT_SIZES, "animation": ANIMATION_SPEEDS, "difficulty": DIFFICULTIES,
            "reveal": REVEALS, "language": tuple(available_languages())}
        if name in cycles:
            values = cycles[name]
            current = s.language or self.host.t.language if name == "language" else \
                getattr(s, name)
            index = values.index(current) if current in values else 0
            setattr(s, name, values[(index + step) % len(values)])
        elif name == "volume":
            s.volume = max(0, min(100, s.volume + step * VOLUME_STEP))
        else:
            setattr(s, name, not getattr(s, name))
        self.host.apply_settings()
        line = next((text for row, text, _ in self.rows() if row == name), "")
        self.host.speak_now(line)  # the new value, in the language now chosen

    def focused_setting(self) -> str | None:
        rows = [name for name, _, enabled in self.rows() if enabled]
        return rows[self.focus] if self.focus < len(rows) else None

    def act(self, action: Action) -> bool:
        if action.name in ("left", "right"):
            name = self.focused_setting()
            if name is not None:
                self.change(name, +1 if action.name == "right" else -1)
            return True
        return super().act(action)

    def speech(self) -> str:
        return spoken.sentence(self.t, self.t("settings.heading"))


@scene("glossary")
class GlossaryScene(Scene):
    def __init__(self, host: Any, terms: list[str] | None = None, **params: Any) -> None:
        super().__init__(host, **params)
        self.terms = terms or []
        self.said: list[str] = []

    def build(self) -> None:
        play = self.host.play
        glossary = play.scenario.file.glossary if play is not None else {}
        terms = [t for t in self.terms if t in glossary] or list(glossary)
        body = "<br><br>".join(f"<b>{esc(t)}</b>: {esc(glossary[t])}" for t in terms) or \
            esc(self.t("text.no_glossary"))
        self.page(self.t("glossary.heading"), body, [(self.t("glossary.close"), self.host.pop)])
        self.said = [spoken.sentence(self.t, f"{t}: {glossary[t]}") for t in terms] or \
            [self.t("text.no_glossary")]

    def speech(self) -> str:
        return spoken.join([spoken.sentence(self.t, self.t("glossary.heading")), *self.said])

    def act(self, action: Action) -> bool:
        if action.name == "glossary":
            self.host.pop()
            return True
        return super().act(action)


@scene("meters")
class MetersScene(Scene):
    """Every meter explained: what it means, what raises and lowers it, its marks, its last
    changes."""

    def build(self) -> None:
        play = self.host.play
        assert play is not None
        parts = []
        for meter in play.meters():
            lines = [f"<b>{esc(meter.label)}: {meter.value}</b>", esc(meter.explanation)]
            lines += [esc(mark.text) for mark in meter.marks]
            if meter.warning:
                lines.append(f"<b>{esc(meter.warning)}</b>")
            if meter.recent:
                lines.append(f"<i>{esc(self.t('meter.recent_heading'))}</i>: "
                             + esc("; ".join(meter.recent)))
            parts.append("<br>".join(lines))
        self.page(self.t("meters.heading"), "<br><br>".join(parts),
                  [(self.t("glossary.close"), self.host.pop)])

    def speech(self) -> str:
        play = self.host.play
        if play is None:
            return ""
        return spoken.join([spoken.sentence(self.t, self.t("meters.heading")),
                            spoken.meters(self.t, play.meters()), self.t("speech.meters_hint")])

    def act(self, action: Action) -> bool:
        if action.name == "meters":
            self.host.pop()
            return True
        return super().act(action)


@scene("confirm")
class ConfirmScene(Scene):
    """A question with two answers; Esc answers no."""

    def __init__(self, host: Any, message: str = "", yes: str = "", no: str = "",
                 on_yes: Callable[[], None] | None = None, **params: Any) -> None:
        super().__init__(host, **params)
        self.message = message
        self.yes = yes
        self.no = no
        self.on_yes = on_yes

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.text_box(pygame.Rect(width // 6, height // 4, width * 2 // 3, height // 3),
                      esc(self.message))
        area = pygame.Rect(width // 6, height // 4 + height // 3 + m, width * 2 // 3,
                           self.theme.button_height)
        yes_rect, no_rect = row(area, 2, m)
        self.button(no_rect, self.no or self.t("confirm.no"), self.host.pop)
        self.button(yes_rect, self.yes or self.t("confirm.yes"), self.accept)
        self.focus = 0  # "no" first: a stray Enter never replaces anything

    def accept(self) -> None:
        callback = self.on_yes
        self.host.pop()
        if callback is not None:
            callback()

    def speech(self) -> str:
        return spoken.sentence(self.t, self.message)

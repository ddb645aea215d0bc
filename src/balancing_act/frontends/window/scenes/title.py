"""The title screen: New game, Continue (saying which scenario and turn), Settings, Quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pygame

from balancing_act.errors import ReadError
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, stacked
from balancing_act.frontends.window.scenes.picker import title_in
from balancing_act.play import speech as spoken
from balancing_act.resources import shipped_scenario


@scene("title")
class TitleScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "new": "keys.new", "continue":
                                      "keys.continue", "settings": "keys.settings",
                                      "quit": "keys.quit"}

    def __init__(self, host: Any, message: str = "", **params: Any) -> None:
        super().__init__(host, **params)
        self.message = message
        self.art_rect = pygame.Rect(0, 0, 0, 0)
        self._shade: pygame.Surface | None = None

    def continue_label(self) -> str | None:
        try:
            save = self.host.store.load_game()
        except ReadError:
            return self.t("title.continue")  # Continue then says why it cannot
        if save is None:
            return None
        path = Path(save.scenario.path) if save.scenario.path else None
        if path is None or not path.is_file():
            path = shipped_scenario(save.scenario.id)
        found = title_in(path, self.t.language) if path is not None else None
        title = found or save.scenario.title or save.scenario.id
        return self.t("title.continue_which", scenario=title, turn=save.turn)

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self._shade = None  # a new size or palette
        self.art_rect = pygame.Rect(0, 0, width, round(height * 0.42))
        top = round(height * 0.08)
        self.label(pygame.Rect(0, top, width, self.theme.title_size * 2), self.t("app_title"),
                   "#title")
        self.label(pygame.Rect(0, top + self.theme.title_size * 2, width,
                               self.theme.heading_size * 2), self.t("tagline"), "#tagline")
        actions = [(self.t("title.new_game"), lambda: self.host.push("picker"))]
        label = self.continue_label()
        if label:
            actions.append((label, self.host.continue_game))
        actions += [(self.t("title.settings"), lambda: self.host.push("settings")),
                    (self.t("title.quit"), lambda: self.host.quit(0))]
        column_width = min(width - 2 * m, max(width // 3, max(
            self.theme.font(self.theme.body_size).size(text)[0] for text, _ in actions) + 4 * m))
        area = pygame.Rect(width // 2 - column_width // 2, 0, column_width,
                           int(height * 0.86) - (self.theme.body_size * 3 if self.message else 0))
        rows = stacked(area, len(actions), self.theme.button_height, m)
        for rect, (text, callback) in zip(rows, actions, strict=True):
            self.button(rect, text, callback)
        if self.message:
            self.text_box(pygame.Rect(m, height - m - self.theme.body_size * 4, width - 2 * m,
                                      self.theme.body_size * 4), esc(self.message))

    def draw(self, surface: pygame.Surface) -> None:
        art = self.host.image("images/title.png", self.art_rect.size)
        if art is not None:
            surface.blit(art, self.art_rect)
            surface.blit(self.shade(), self.art_rect)

    def shade(self) -> pygame.Surface:
        """A veil over the art, thickening at its foot so the picture fades into the page."""
        if self._shade is None or self._shade.get_size() != self.art_rect.size:
            width, height = self.art_rect.size
            self._shade = pygame.Surface((width, height), pygame.SRCALPHA)
            background = self.theme.palette.background
            fade_from = height * 2 // 3
            for y in range(height):
                alpha = 90 if y < fade_from else \
                    90 + round(165 * (y - fade_from) / max(height - fade_from, 1))
                pygame.draw.line(self._shade, (*background, alpha), (0, y), (width, y))
        return self._shade

    def act(self, action: Action) -> bool:
        if action.name == "new":
            self.host.push("picker")
        elif action.name == "continue":
            self.host.continue_game()
        elif action.name == "settings":
            self.host.push("settings")
        elif action.name in ("quit", "back"):
            self.host.quit(0)
        else:
            return super().act(action)
        return True

    def speech(self) -> str:
        return spoken.join(spoken.sentence(self.t, text) for text in
                           (self.t("app_title"), self.t("tagline"), self.message))

"""The briefing: the situation, the meters and what each means, what counts as success."""

from __future__ import annotations

import pygame
import pygame_gui

from balancing_act.ui.scenes.base import Scene, esc, key


class BriefingScene(Scene):
    name = "briefing"

    def build(self) -> None:
        spec = self.app.game.scenario.file
        meters = "<br>".join(f"<b>{esc(meter.label)}</b>: {esc(meter.description)}"
                             for meter in spec.meters.values())
        parts = [esc(spec.briefing or spec.summary),
                 f"<b>{esc(self.t('briefing.meters'))}</b><br>{meters}"]
        if spec.goal:
            parts.append(f"<b>{esc(self.t('briefing.goal'))}</b>: {esc(spec.goal)}")
        parts.append(esc(self.t("briefing.controls")))
        heading = spec.title + (f"  ({spec.period})" if spec.period else "")
        self.begin = self.page(heading, "<br><br>".join(parts), self.t("briefing.start"),
                               self.size[0] // 4)

    def handle(self, event: pygame.event.Event) -> None:
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.begin) or (
                event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE,
                                                               pygame.K_KP_ENTER)):
            from balancing_act.ui.scenes.play import PlayScene

            self.app.switch(PlayScene(self.app))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pause()

    def scripted(self) -> list[pygame.event.Event] | None:
        return [key(pygame.K_RETURN)]

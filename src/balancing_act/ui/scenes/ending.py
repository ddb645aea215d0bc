"""The ending and the debrief: the chart of every meter over the turns, each decision with its
effects, what really happened (dated, sourced), the questions, and what to do next."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.ui.scenes.base import Scene, esc
from balancing_act.ui.widgets import draw_chart

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class EndingScene(Scene):
    name = "debrief"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        self.drawn: list[pygame.Rect] = []

    def enter(self) -> None:
        self.app.save_result()
        super().enter()
        self.app.play_scenario_sound(self.app.game.ending.sound)

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        game = self.app.game
        ending = game.ending
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("ending.heading", title=ending.title))
        top = m * 2 + self.theme.heading_size * 2
        button_height = self.theme.body_size * 2 + m
        left_width = round(width * 0.42)
        self.chart_rect = pygame.Rect(m, top + self.theme.body_size * 2, left_width,
                                      round((height - top) * 0.55))
        self.label(pygame.Rect(m, top, left_width, self.theme.body_size * 2),
                   self.t("ending.chart"), "#body")
        self.text_box(pygame.Rect(2 * m + left_width, top, width - left_width - 3 * m,
                                  height - top - button_height - 2 * m), self.markup())
        y = height - m - button_height
        third = (width - 4 * m) // 3
        first, second = (("copy", "session.copy"), ("quit", "title.quit")) \
            if self.app.recorder else (("again", "ending.play_again"),
                                       ("another", "ending.another"))
        self.buttons = {
            self.button(pygame.Rect(m, y, third, button_height), self.t(first[1]),
                        "@centred"): first[0],
            self.button(pygame.Rect(2 * m + third, y, third, button_height),
                        self.t(second[1]), "@centred"): second[0],
            self.button(pygame.Rect(3 * m + 2 * third, y, third, button_height),
                        self.t("ending.save_png"), "@centred"): "png",
        }

    def markup(self) -> str:
        game = self.app.game
        spec = game.scenario.file
        parts = [esc(game.ending.text)]
        if self.app.result_path is not None:
            parts.append(f"<b>{esc(self.t('session.saved_in', path=self.app.result_path))}</b>")
        decisions = []
        for outcome in game.history:
            moved = ", ".join(f"{c.label} {c.amount:+d}" for c in outcome.changes) or "—"
            decisions.append(f"<b>{outcome.turn}. {esc(outcome.event_title)}</b>: "
                             f"{esc(outcome.option_label)} ({esc(moved)})")
            for landed in outcome.landed:
                landed_moved = ", ".join(f"{c.label} {c.amount:+d}" for c in landed.changes)
                decisions.append(f"→ {esc(landed.text)} ({esc(landed_moved)})")
        parts.append(f"<b>{esc(self.t('ending.decisions'))}</b><br>" + "<br>".join(decisions))
        history = [esc(spec.debrief.what_happened)] if spec.debrief.what_happened else []
        for outcome in game.history:
            event = game.scenario.event(outcome.event_id)
            if event.history:
                history.append(f"<b>{esc(event.title)}</b>: {esc(event.history)}")
        parts.append(f"<b>{esc(self.t('ending.what_happened'))}</b><br>" + "<br><br>".join(
            history))
        questions = list(spec.debrief.questions)
        session = self.app.session
        if session is not None and session.rules.questions:
            questions = [questions[i - 1] for i in session.rules.questions
                         if 1 <= i <= len(questions)]
        if questions:
            parts.append(f"<b>{esc(self.t('ending.questions'))}</b><br>" + "<br>".join(
                f"{i}. {esc(q)}" for i, q in enumerate(questions, start=1)))
        sources = list(dict.fromkeys([*spec.debrief.sources, *(
            s for o in game.history for s in game.scenario.event(o.event_id).sources)]))
        if sources:
            parts.append(f"<b>{esc(self.t('ending.sources'))}</b><br>" + "<br>".join(
                esc(s) for s in sources))
        return "<br><br>".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = draw_chart(surface, self.chart_rect, self.theme, self.app.game.scenario,
                                self.app.game.meter_track)

    def drawn_text(self) -> list[tuple[pygame.Rect, pygame.Rect]]:
        return [(r, self.chart_rect) for r in self.drawn]

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            action = self.buttons[event.ui_element]
            if action == "again":
                self.app.open_scenario(self.app.scenario_path, new_seed=True)
            elif action == "copy":
                from balancing_act.ui.scenes.session import CopyResultScene

                self.app.switch(CopyResultScene(self.app, self.app.result_path, self))
            elif action == "quit":
                self.app.quit()
            elif action == "another":
                from balancing_act.ui.scenes.picker import PickerScene

                self.app.switch(PickerScene(self.app))
            else:
                self.save_png()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.to_title()

    def save_png(self) -> None:
        folder = self.app.store.folder / "debriefs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.app.game.scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}.png"
        temporary = path.with_name(path.stem + ".tmp.png")
        pygame.image.save(self.app.screen, temporary)
        temporary.replace(path)
        self.app.toast(self.t("ending.saved_png", path=path))

    def scripted(self) -> list[pygame.event.Event] | None:
        self.app.finish_script()
        return []

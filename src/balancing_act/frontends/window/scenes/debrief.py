"""The ending and the debrief: whether the goal was met and which meters decided it, the chart
of every meter over the turns with the goal and a timeline, each decision beside India's, what
really happened (dated, sourced), the questions, and the debrief saved as a PDF to keep."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

import pygame

from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, row
from balancing_act.frontends.window.widgets import chart_height, draw_chart, wrap
from balancing_act.play import speech as spoken
from balancing_act.play.views import DebriefView


@scene("debrief")
class DebriefScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "back": "keys.to_title"}

    SECTIONS = ("decisions", "history", "questions", "sources")

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        self.view: DebriefView | None = None
        self.section = "decisions"

    def enter(self) -> None:
        self.host.finish_game()
        super().enter()
        play = self.host.play
        if play is not None and play.game.ending is not None:
            self.host.scenario_sound(play.game.ending.sound)

    def build(self) -> None:
        play = self.host.play
        assert play is not None
        self.view = view = play.debrief()
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("ending.heading", title=view.ending.title))
        top = m * 2 + self.theme.heading_size * 2
        button_height = self.theme.button_height
        left_width = round(width * 0.42)
        font = self.theme.font(self.theme.body_size)
        lines = sum(len(wrap(font, text, left_width - 3 * m))
                    for text in (view.ending.verdict, *view.ending.reasons))
        buttons_top = height - 2 * (button_height + m)
        dated = any(date for _, date, _ in view.timeline)
        chart_least = chart_height(self.theme, left_width,
                                   [meter.label for meter in view.ending.meters], dated)
        # The chart keeps a readable height; the verdict's box gives way and scrolls (it
        # keeps at least its first line, the verdict itself).
        one_line = round(font.get_linesize() * 1.3) + m
        verdict_height = max(one_line, min(round(font.get_linesize() * 1.3 * lines) + m,
                                            (height - top) * 2 // 5,
                                            buttons_top - 2 * m - top - chart_least))
        self.text_box(pygame.Rect(m, top, left_width, verdict_height), self.verdict_markup(),
                      main=False)
        chart_top = top + verdict_height + m
        self.chart_rect = pygame.Rect(m, chart_top, left_width, buttons_top - m - chart_top)
        right = pygame.Rect(2 * m + left_width, top, width - left_width - 3 * m,
                            height - top - m)
        tabs = pygame.Rect(right.x, right.y, right.width, button_height)
        for rect, section in zip(row(tabs, len(self.SECTIONS), m // 2), self.SECTIONS,
                                 strict=True):
            label = self.t(f"debrief.tab.{section}")
            marked = f"[ {label} ]"
            if section == self.section and font.size(marked)[0] <= rect.width - m - 12:
                label = marked  # at the largest text the brackets would cut the word
            tab = self.button(rect, label, partial(self.show, section))
            if section == self.section:
                tab.select()  # the open part stands out in colour too
        self.text_box(pygame.Rect(right.x, tabs.bottom + m // 2, right.width,
                                  right.bottom - tabs.bottom - m // 2),
                      self.markup(view, self.section))
        room = self.host.classroom
        if room is not None:
            first = [(self.t("session.copy"), self.copy)] if room.result_path else []
            actions = [*first, (self.t("ending.save_pdf"), self.save_pdf),
                       (self.t("title.quit"), lambda: self.host.quit(0))]
        else:
            actions = [(self.t("ending.play_again"), self.again),
                       (self.t("ending.another"), lambda: self.host.reset("picker")),
                       (self.t("ending.save_pdf"), self.save_pdf),
                       (self.t("ending.to_title"), lambda: self.host.reset("title"))]
        half = (len(actions) + 1) // 2
        for line, chunk in enumerate((actions[:half], actions[half:])):
            area = pygame.Rect(m, height - m - (2 - line) * (button_height + m) + m, left_width,
                               button_height)
            for rect, (text, callback) in zip(row(area, len(chunk), m), chunk, strict=False):
                self.button(rect, text, callback)

    def verdict_markup(self) -> str:
        assert self.view is not None
        ending = self.view.ending
        lines = [f"<b>{esc(ending.verdict)}</b>"] + [esc(r) for r in ending.reasons]
        return "<br>".join(lines)

    def show(self, section: str) -> None:
        """Open one section of the debrief (one at a time keeps each page light)."""
        if section != self.section:
            self.section = section
            self.rebuild()
            if self.view is not None:
                self.host.speak_now(spoken.debrief_section(self.t, self.view, section))

    def markup(self, view: DebriefView, section: str) -> str:
        t = self.t
        parts = []
        if section == "decisions":
            if view.ending.text:
                parts.append(esc(view.ending.text))
            room = self.host.classroom
            if room is not None and room.result_path is not None:
                parts.append(f"<b>{esc(t('session.saved_in', path=room.result_path))}</b>")
            decisions = []
            for d in view.decisions:
                date = f" ({esc(d.date)})" if d.date else ""
                line = (f"<b>{d.turn}. {esc(d.title)}</b>{date}<br>"
                        f"{esc(t('debrief.you_chose'))}: {esc(d.chose)} ({esc(d.effects)})")
                if d.india:
                    line += "<br>" + (f"<i>{esc(t('debrief.same'))}</i>" if d.same_as_india
                                      else f"{esc(t('debrief.india_chose'))}: {esc(d.india)}")
                for landed in d.landed:
                    line += f"<br>{esc(landed)}"
                decisions.append(line)
            parts.append(f"<b>{esc(t('ending.decisions'))}</b><br>"
                         + "<br><br>".join(decisions))
            if view.india_cards:
                parts.append(esc(t("debrief.matches", matches=view.matches_india,
                                   cards=view.india_cards)))
        elif section == "history":
            history = [esc(view.what_happened)] if view.what_happened else []
            history += [f"<b>{esc(h.title)}</b>"
                        + (f" ({esc(h.date)})" if h.date else "")
                        + f": {esc(h.text)}" for h in view.history]
            parts.append(f"<b>{esc(t('ending.what_happened'))}</b><br>"
                         + "<br><br>".join(history))
            parts.append(f"<i>{esc(view.illustrative_note)}</i>")
        elif section == "questions":
            parts.append(f"<b>{esc(t('ending.questions'))}</b><br>" + "<br><br>".join(
                f"{i}. {esc(q)}" for i, q in enumerate(view.questions, start=1)))
        else:  # addresses are never wrapped into pieces: one per line
            parts.append(f"<b>{esc(t('ending.sources'))}</b><br>" + "<br>".join(
                esc(s) for s in view.sources))
        return "<br><br>".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        view = self.view
        play = self.host.play
        if view is None or play is None:
            return
        dates = [date for _, date, _ in view.timeline]
        drawn = draw_chart(surface, self.chart_rect, self.theme, view.ending.meters,
                           view.track, dates if any(dates) else (),
                           start_label=self.t("chart.start"))
        self.drawn = [(r, self.chart_rect) for r in drawn]

    def again(self) -> None:
        if self.host.scenario_path is not None:
            self.host.start_game(self.host.scenario_path)

    def copy(self) -> None:
        room = self.host.classroom
        if room is not None and room.result_path is not None:
            self.host.push("copy", source=room.result_path)

    def save_pdf(self) -> None:
        path = self.host.write_debrief()
        if path is None:
            return
        self.host.push("confirm", message=self.t("ending.saved_pdf", path=path),
                       yes=self.t("ending.open_folder"), no=self.t("ending.back"),
                       on_yes=lambda: self.host.open_folder(path.parent))

    def act(self, action: Action) -> bool:
        if action.name == "back":
            if self.host.classroom is None:
                self.host.reset("title")
            else:
                self.host.quit(0)
            return True
        return super().act(action)

    def speech(self) -> str:
        view = self.view
        if view is None:
            return ""
        return spoken.join([spoken.ending(self.t, view), self.tabs_speech(),
                            spoken.debrief_section(self.t, view, self.section)])

    def resume_speech(self) -> str:
        view = self.view
        if view is None:
            return ""
        return spoken.join([spoken.sentence(self.t, self.t("ending.heading",
                                                           title=view.ending.title)),
                            self.tabs_speech()])

    def tabs_speech(self) -> str:
        names = [self.t(f"debrief.tab.{section}") for section in self.SECTIONS]
        return self.t("speech.tabs", count=len(names), names=", ".join(names))

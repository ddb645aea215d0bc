"""The briefing: the situation and its background, the meters and what each means, the goal,
and how to play."""

from __future__ import annotations

from typing import Any

from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Callback, Scene, esc
from balancing_act.play import speech as spoken


@scene("briefing")
class BriefingScene(Scene):
    def build(self) -> None:
        play = self.host.play
        assert play is not None
        view = play.briefing()
        meters = "<br>".join(f"<b>{esc(label)}</b>: {esc(description)}"
                             for label, description, _ in view.meters)
        parts = []
        if view.goal:  # the goal first, where it cannot be missed
            parts.append(f"<b>{esc(self.t('briefing.goal'))}</b>: {esc(view.goal)}")
        parts.append(esc(view.briefing or view.summary))
        if view.background:
            parts.append(f"<b>{esc(self.t('briefing.background'))}</b><br>"
                         f"{esc(view.background)}")
        parts.append(f"<b>{esc(self.t('briefing.meters'))}</b><br>{meters}")
        room = self.host.classroom
        if room is not None:
            parts.append(esc(self.t("session.playing", code=room.class_code, name=room.name)))
        parts.append(esc(f"{self.t('sentence', text=view.turns_text)} "
                         f"{self.t('briefing.controls')}"))
        heading = view.title + (f"  ({view.period})" if view.period else "")
        self.page(heading, "<br><br>".join(parts),
                  [(self.t("briefing.start"), self.begin)])

    def begin(self) -> None:
        self.host.replace("card")

    def act(self, action: Action) -> bool:
        if action.name == "back":
            self.host.push("pause")
            return True
        return super().act(action)

    def passage(self) -> Callback | None:
        return self.begin

    def speech(self) -> str:
        play = self.host.play
        if play is None:
            return ""
        return spoken.briefing(self.t, play.briefing(), self.t("briefing.controls"))

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)

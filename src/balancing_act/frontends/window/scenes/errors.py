"""The error screen (a scenario that cannot be played, every problem as file:LINE:COL, F5
tries again) and the crash screen (what happened, where the log is, continue from the last
save)."""

from __future__ import annotations

from typing import Any, ClassVar

from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc
from balancing_act.play import speech as spoken
from balancing_act.scenario.problems import Problem

SPOKEN_PROBLEMS = 5  # the screen lists them all; the voice reads the first few


@scene("error")
class ErrorScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "reload": "keys.retry"}

    def __init__(self, host: Any, problems: list[Problem] | None = None,
                 retry: tuple[str, str] | None = None, **params: Any) -> None:
        super().__init__(host, **params)
        self.problems = problems or []
        self.retry = retry

    def build(self) -> None:
        lines = "<br>".join(esc(str(p)) for p in self.problems[:200])
        intro = self.t("error.intro") if self.retry else self.t("error.intro_no_retry")
        buttons = [(self.t("error.back"), self.back)]
        if self.retry:
            buttons.insert(0, (self.t("error.retry"), self.try_again))
        self.page(self.t("error.heading"), f"{esc(intro)}<br><br>{lines}", buttons)

    def try_again(self) -> None:
        retry = getattr(self.host, "retry", None)
        if retry is not None:
            retry(self.retry)

    def back(self) -> None:
        self.host.reset("title")

    def act(self, action: Action) -> bool:
        if action.name == "reload":  # F5 reaches this screen: it tries again
            self.try_again()
            return True
        return super().act(action)

    def speech(self) -> str:
        intro = self.t("error.intro") if self.retry else self.t("error.intro_no_retry")
        said = [spoken.sentence(self.t, self.t("error.heading")), spoken.sentence(self.t, intro)]
        said += [spoken.sentence(self.t, str(p)) for p in self.problems[:SPOKEN_PROBLEMS]]
        if len(self.problems) > SPOKEN_PROBLEMS:
            said.append(self.t("speech.problems_more",
                               count=len(self.problems) - SPOKEN_PROBLEMS))
        return spoken.join(said)


@scene("crash")
class CrashScene(Scene):
    def __init__(self, host: Any, error: str = "", log: str = "", **params: Any) -> None:
        super().__init__(host, **params)
        self.error = error
        self.log = log

    def build(self) -> None:
        body = "<br><br>".join([esc(self.t("crash.intro")), f"<i>{esc(self.error)}</i>",
                                esc(self.t("crash.log", path=self.log)),
                                esc(self.t("crash.kept"))])
        self.page(self.t("crash.heading"), body,
                  [(self.t("crash.continue"), self.host.continue_game),
                   (self.t("crash.title"), lambda: self.host.reset("title")),
                   (self.t("title.quit"), lambda: self.host.quit(1))])

    def back(self) -> None:
        self.host.reset("title")

    def speech(self) -> str:
        return spoken.join(spoken.sentence(self.t, text) for text in (
            self.t("crash.heading"), self.t("crash.intro"), self.t("crash.kept")))

"""A hosted class in the game window (`play --join URL`): the class server is the authority.

The window sends the student's name and each decision to the server's JSON API and shows the
card, options, outcome and debrief the server sends back: the same views the browser pages
lay out, drawn with the window's own widgets. No game is played here, so nothing here can
disagree with the class's records.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from functools import partial
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pygame
import pygame_gui

from balancing_act.classroom.seats import MAX_NAME
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, printable
from balancing_act.frontends.window.widgets import draw_meters, fit
from balancing_act.play.views import EffectView, MarkView, MeterView

TIMEOUT_SECONDS = 8
POLL_SECONDS = 3.0  # while paused, the window asks the server again this often
MAX_ANSWER = 4 * 1024 * 1024


class RemoteError(Exception):
    """The class server could not be reached, or refused; the message says why."""


class RemoteClass:
    """The class server's JSON API, as one student's window uses it."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url if "://" in url else f"http://{url}")
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RemoteError(f"'{url}' is not a class server's address (it looks like "
                              "http://192.168.1.20:8000/)")
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.token = ""

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None
              ) -> dict[str, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                raw = answer.read(MAX_ANSWER + 1)
        except urllib.error.HTTPError as err:
            raw = err.read(MAX_ANSWER + 1)
            try:
                message = str(json.loads(raw).get("error", ""))
            except (ValueError, AttributeError):
                message = ""
            raise RemoteError(message or f"the class server answered {err.code}") from None
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            raise RemoteError(f"cannot reach the class server at {self.base} ({reason})"
                              ) from None
        if len(raw) > MAX_ANSWER:
            raise RemoteError("the class server sent more than a game needs")
        try:
            answer_data = json.loads(raw)
        except ValueError:
            raise RemoteError(f"{self.base} is not a Balancing Act class server") from None
        if not isinstance(answer_data, dict):
            raise RemoteError(f"{self.base} is not a Balancing Act class server")
        return answer_data

    def about(self) -> dict[str, Any]:
        return self._call("GET", "/api/class")

    def join(self, name: str, code: str, rejoin: str) -> dict[str, Any]:
        self.token = str(self._call("POST", "/api/join", {"name": name, "code": code,
                                                          "rejoin": rejoin})["token"])
        return self.state()

    def state(self) -> dict[str, Any]:
        return self._call("GET", "/api/state")

    def act(self, what: str, **body: Any) -> dict[str, Any]:
        return self._call("POST", f"/api/{what}", body)


def meter_views(data: list[dict[str, Any]]) -> tuple[MeterView, ...]:
    """The meters as the server sent them, as the play layer's views again (for drawing)."""
    return tuple(MeterView(
        id=m["id"], label=m["label"], value=int(m["value"]), min=int(m["min"]),
        max=int(m["max"]), share=float(m["share"]), description=m["description"],
        marks=tuple(MarkView(float(k["value"]), float(k["share"]), k["kind"], k["text"])
                    for k in m["marks"]),
        warning=m["warning"], recent=tuple(m["recent"]), explanation=m["explanation"])
        for m in data)


def effect_views(data: list[dict[str, Any]]) -> tuple[EffectView, ...]:
    return tuple(EffectView(e["meter"], e["label"], e["amount"], int(e["dots"]), e["text"])
                 for e in data)


@scene("remote_join")
class RemoteJoinScene(Scene):
    """The name (with a class list, the personal code; on another device, the rejoin code)
    to join the hosted class."""

    def __init__(self, host: Any, url: str = "", **params: Any) -> None:
        super().__init__(host, **params)
        self.url = url
        self.about: dict[str, Any] | None = None
        self.problem = ""
        self.entries: dict[str, Any] = {}
        try:
            self.client = RemoteClass(url)
            self.about = self.client.about()
        except RemoteError as err:
            self.problem = str(err)

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.entries = {}
        if self.about is None:
            self.page(self.t("remote.heading", address=self.url),
                      esc(self.problem) + "<br><br>" + esc(self.t("remote.check")),
                      [(self.t("remote.retry"), self.retry),
                       (self.t("title.quit"), lambda: self.host.quit(1))])
            return
        self.label(pygame.Rect(0, height // 10, width, self.theme.heading_size * 2),
                   self.t("session.heading", code=self.about.get("class_code", "")))
        self.label(pygame.Rect(0, height // 10 + self.theme.heading_size * 2, width,
                               self.theme.body_size * 2), str(self.about.get("title", "")),
                   "#body")
        row_height = self.theme.button_height
        place = pygame.Rect(width // 4, height // 3, width // 2, row_height)
        fields = [("name", "session.name_prompt_list" if self.about.get("roster")
                   else "session.name_prompt", MAX_NAME)]
        if self.about.get("roster"):
            fields.append(("code", "session.code_prompt", 20))
        fields.append(("rejoin", "remote.rejoin_prompt", 12))
        for key, prompt, limit in fields:
            self.label(place, self.t(prompt), "#body")
            place = place.move(0, row_height)
            entry = self.add(pygame_gui.elements.UITextEntryLine(place, self.host.manager))
            entry.set_text_length_limit(limit)
            self.entries[key] = entry
            place = place.move(0, row_height + m // 2)
        self.host.manager.set_focus_set(self.entries["name"])
        self.button(place.move(0, m // 2), self.t("session.start"), self.start)

    def retry(self) -> None:
        try:
            self.client = RemoteClass(self.url)
            self.about = self.client.about()
            self.problem = ""
        except RemoteError as err:
            self.problem = str(err)
        self.rebuild()

    def typed(self, key: str) -> str:
        entry = self.entries.get(key)
        return printable(entry.get_text()) if entry is not None else ""

    def start(self) -> None:
        name = self.typed("name")
        if not " ".join(name.split()):
            self.host.toast(self.t("session.name_needed"))
            return
        try:
            state = self.client.join(name, self.typed("code"), self.typed("rejoin"))
        except RemoteError as err:
            self.host.toast(str(err))
            return
        self.host.reset("remote_game", client=self.client, state=state)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            order = list(self.entries.values())
            if event.ui_element in order[:-1]:
                self.host.manager.set_focus_set(order[order.index(event.ui_element) + 1])
            elif event.ui_element in order:
                self.start()
            return
        super().handle_event(event)

    def back(self) -> None:
        self.host.quit(0)

    def speech(self) -> str:
        return self.t("session.name_prompt")


@scene("remote_game")
class RemoteGameScene(Scene):
    """The hosted game: whatever stage the server says the student is at."""

    keys: ClassVar[dict[str, str]] = {**Scene.keys, "digit": "keys.choose",
                                      "undo": "keys.undo", "back": "keys.quit"}

    def __init__(self, host: Any, client: RemoteClass | None = None,
                 state: dict[str, Any] | None = None, **params: Any) -> None:
        super().__init__(host, **params)
        assert client is not None and state is not None
        self.client = client
        self.state = state
        self.meter_rect = pygame.Rect(0, 0, 0, 0)
        self.option_buttons: list[Any] = []
        self.preview_box: Any = None
        self.since_poll = 0.0

    @property
    def stage(self) -> str:
        return str(self.state.get("stage", ""))

    def build(self) -> None:
        self.option_buttons = []
        getattr(self, f"build_{self.stage}", self.build_ended)()

    def banner(self) -> str:
        state = self.state
        lines = [esc(self.t("session.playing", code=state.get("class_code", ""),
                            name=state.get("name", "")))]
        if state.get("closed"):
            lines.append(f"<b>{esc(self.t('web.class_ended'))}</b>")
        elif state.get("paused"):
            lines.append(f"<b>{esc(self.t('web.paused'))}</b>")
        return "<br>".join(lines)

    def band(self) -> pygame.Rect:
        """The meter band at the top; the area that is left below it."""
        width, height = self.size
        m = self.theme.margin
        band = self.theme.small_size * 4 + 24
        self.meter_rect = pygame.Rect(m, m, width - 2 * m, band)
        return pygame.Rect(m, self.meter_rect.bottom + m, width - 2 * m,
                           height - self.meter_rect.bottom - 2 * m)

    def build_briefing(self) -> None:
        view = self.state["briefing"]
        parts = [self.banner()]
        if view["goal"]:
            parts.append(f"<b>{esc(self.t('briefing.goal'))}</b>: {esc(view['goal'])}")
        parts.append(esc(view["briefing"] or view["summary"]))
        if view["background"]:
            parts.append(f"<b>{esc(self.t('briefing.background'))}</b><br>"
                         f"{esc(view['background'])}")
        parts.append(f"<b>{esc(self.t('briefing.meters'))}</b><br>" + "<br>".join(
            f"<b>{esc(label)}</b>: {esc(text)}" for label, text, _ in view["meters"]))
        parts.append(esc(view["turns_text"]))
        self.page(view["title"], "<br><br>".join(parts),
                  [(self.t("briefing.start"), partial(self.send, "begin"))])

    def build_card(self) -> None:
        card = self.state["card"]
        area = self.band()
        m = self.theme.margin
        button_height = self.theme.button_height
        options = card["options"]
        buttons_top = area.bottom - len(options) * (button_height + m // 2)
        parts = [self.banner(), f"<b>{esc(card['turn_text'])}</b>"
                 + (f" · {esc(card['date'])}" if card["date"] else ""),
                 f"<b>{esc(card['title'])}</b>", esc(card["text"])]
        for landed in card["landing"]:
            parts.append(f"<b>{esc(self.t('card.landing'))}</b>: {esc(landed['text'])} "
                         f"({esc(', '.join(landed['changes']))})")
        if card["advisers"]:
            parts.append(f"<b>{esc(self.t('card.advisers'))}</b><br>" + "<br>".join(
                f"<i>{esc(role)}</i>: {esc(says)}" for role, says in card["advisers"]))
        preview_height = self.theme.small_size * 3
        self.text_box(pygame.Rect(area.x, area.y, area.width,
                                  buttons_top - area.y - preview_height - m),
                      "<br><br>".join(parts))
        self.preview_box = self.text_box(pygame.Rect(
            area.x, buttons_top - preview_height - m // 2, area.width, preview_height), "",
            main=False)
        font = self.theme.font(self.theme.body_size)
        blocked = bool(self.state.get("paused") or self.state.get("closed"))
        for index, option in enumerate(options):
            rect = pygame.Rect(area.x, buttons_top + index * (button_height + m // 2),
                               area.width, button_height)
            label = f"{option['number']}.  {option['label']}"
            if option["badge"]:
                label += f"   [{option['badge']}]"
            self.option_buttons.append(self.button(
                rect, fit(font, label, rect.width - 2 * m), partial(self.choose, index + 1),
                object_id=None, enabled=option["available"] and not blocked))
        self.focus = min(self.focus, max(len(self.focus_order) - 1, 0))
        self.show_preview()

    def show_preview(self) -> None:
        """What the highlighted option would do, at the session's preview level."""
        card = self.state.get("card")
        focused = self.focus_order[self.focus] if self.focus_order else None
        if not card or focused not in self.option_buttons:
            return
        option = card["options"][self.option_buttons.index(focused)]
        if card["preview_level"] == "none":
            text = esc(self.t("card.no_preview"))
        else:
            text = f"<b>{esc(self.t('card.if_chosen', number=option['number']))}</b> " \
                   f"{esc(option['preview_text'] or self.t('preview.no_change'))}"
        self.preview_box.set_text(text)

    def focus_changed(self) -> None:
        self.show_preview()

    def build_outcome(self) -> None:
        outcome = self.state["outcome"]
        area = self.band()
        m = self.theme.margin
        button_height = self.theme.button_height
        parts = [self.banner(), f"<b>{esc(outcome['heading'])}</b>"]
        if outcome["chance"]:
            parts.append(f"<i>{esc(outcome['chance'])}</i>")
        if outcome["text"]:
            parts.append(esc(outcome["text"]))
        changes = [esc(c["text"] + (f" ({c['cause']})" if c["cause"] else ""))
                   for c in outcome["changes"]]
        parts.append(f"<b>{esc(self.t('outcome.changes'))}</b><br>"
                     + ("<br>".join(changes) or esc(self.t("outcome.no_change"))))
        parts += [esc(note) for note in outcome["capped"]]
        if outcome["scheduled"]:
            parts.append(f"<b>{esc(self.t('outcome.set_in_motion'))}</b><br>"
                         + "<br>".join(esc(s) for s in outcome["scheduled"]))
        if outcome["history"] or outcome["history_text"]:
            parts.append(f"<b>{esc(self.t('outcome.what_happened'))}</b><br>"
                         f"{esc(outcome['history'])} {esc(outcome['history_text'])}")
        self.text_box(pygame.Rect(area.x, area.y, area.width,
                                  area.height - button_height - m), "<br><br>".join(parts))
        label = self.t("outcome.see_ending") if outcome["ended"] else self.t("outcome.continue")
        self.button(pygame.Rect(area.right - area.width // 3, area.bottom - button_height,
                                area.width // 3, button_height), label,
                    partial(self.send, "continue"))

    def build_ended(self) -> None:
        debrief = self.state.get("debrief") or {}
        ending = debrief.get("ending") or {}
        t = self.t
        parts = [self.banner(), f"<b>{esc(ending.get('verdict', ''))}</b>"]
        parts += [esc(r) for r in ending.get("reasons", [])]
        if ending.get("text"):
            parts.append(esc(ending["text"]))
        decisions = []
        for d in debrief.get("decisions", []):
            line = f"<b>{d['turn']}. {esc(d['title'])}</b><br>{esc(t('debrief.you_chose'))}: " \
                   f"{esc(d['chose'])} ({esc(d['effects'])})"
            if d["india"]:
                line += "<br>" + (esc(t("debrief.same")) if d["same_as_india"] else
                                  f"{esc(t('debrief.india_chose'))}: {esc(d['india'])}")
            decisions.append(line)
        parts.append(f"<b>{esc(t('ending.decisions'))}</b><br>" + "<br><br>".join(decisions))
        if debrief.get("what_happened"):
            parts.append(f"<b>{esc(t('ending.what_happened'))}</b><br>"
                         f"{esc(debrief['what_happened'])}")
        if debrief.get("questions"):
            parts.append(f"<b>{esc(t('ending.questions'))}</b><br>" + "<br>".join(
                f"{i}. {esc(q)}" for i, q in enumerate(debrief["questions"], start=1)))
        if debrief.get("sources"):
            parts.append(f"<b>{esc(t('ending.sources'))}</b><br>" + "<br>".join(
                esc(s) for s in debrief["sources"]))
        parts.append(esc(t("web.result_kept")))
        title = ending.get("title", "")  # a game stopped by the end of the class: no ending
        heading = t("ending.heading", title=title) if debrief.get("finished", True) else title
        self.page(heading, "<br><br>".join(parts),
                  [(t("title.quit"), lambda: self.host.quit(0))])

    # -- talking to the server ---------------------------------------------------------------

    def send(self, what: str, **body: Any) -> None:
        try:
            self.state = self.client.act(what, **body)
        except RemoteError as err:
            self.host.toast(str(err))
            try:  # refused because the class has ended (or paused): show where it stands
                fresh = self.client.state()
            except RemoteError:
                return
            if fresh.get("stage") == self.state.get("stage") and \
                    fresh.get("paused") == self.state.get("paused"):
                return
            self.state = fresh
        self.focus = 0
        self.rebuild()

    def choose(self, number: int) -> None:
        card = self.state.get("card")
        if self.stage != "card" or not card:
            return
        options = card["options"]
        if not 1 <= number <= len(options):
            self.host.toast(self.t("keys.no_such_option", number=number, numbers=", ".join(
                str(o["number"]) for o in options if o["available"])))
            return
        self.send("choose", option=options[number - 1]["id"], turn=card["turn"])

    def update(self, seconds: float) -> None:
        """While the class is paused, ask the server now and then whether it has resumed."""
        if not self.state.get("paused"):
            return
        self.since_poll += seconds
        if self.since_poll >= POLL_SECONDS:
            self.since_poll = 0.0
            try:
                self.state = self.client.state()
            except RemoteError:
                return
            if not self.state.get("paused"):
                self.rebuild()

    def draw(self, surface: pygame.Surface) -> None:
        meters = self.state.get("meters") or []
        if self.stage not in ("card", "outcome") or not meters:
            return
        views = meter_views(meters)
        preview: tuple[EffectView, ...] = ()
        level = "dots"
        card = self.state.get("card")
        if self.stage == "card" and card:
            level = card["preview_level"]
            focused = self.focus_order[self.focus] if self.focus_order else None
            if focused in self.option_buttons:
                option = card["options"][self.option_buttons.index(focused)]
                preview = effect_views(option["effects"])
        draw_meters(surface, self.meter_rect, self.theme, views,
                    {m.id: m.value for m in views}, preview, level)

    def act(self, action: Action) -> bool:
        if action.name == "digit" and self.stage == "card":
            self.choose(action.value)
            return True
        if action.name == "undo" and self.stage == "card" and self.state["card"]["can_undo"]:
            self.send("undo")
            return True
        return super().act(action)

    def back(self) -> None:
        self.host.quit(0)  # every decision is already on the server

    def speech(self) -> str:
        card = self.state.get("card")
        if self.stage == "card" and card:
            return f"{card['turn_text']}. {card['title']}. " + ". ".join(
                f"{o['number']}: {o['label']}" for o in card["options"])
        return ""

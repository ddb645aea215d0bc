"""The class server's web application: the students' pages, the teacher's dashboard and
projector, the JSON API the game window joins through, and the files the pages load.

Pages are rendered on the server from the play layer's views and work with JavaScript off;
htmx (served from the project's own files) only makes the live parts refresh by themselves when
a server-sent event says the class changed. Every action is a POST with a CSRF token that
answers with a redirect, so a refresh never repeats it; the game work runs in worker threads,
and each decision is in the store before the answer leaves.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import json
import threading
import time
import traceback
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sse_starlette import EventSourceResponse
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from balancing_act import resources
from balancing_act.classroom.seats import MAX_NAME
from balancing_act.errors import BalancingActError, GameError, SessionError
from balancing_act.io import read_image, write_text
from balancing_act.play.views import DebriefView
from balancing_act.server.events import Hub
from balancing_act.server.live import LiveClass, NameTaken, NotAllowed, Stale, StudentState
from balancing_act.server.security import (
    CSRF_COOKIE,
    MAX_BODY,
    SECURITY_HEADERS,
    STUDENT_COOKIE,
    BodyLimit,
    RateLimit,
    Signer,
    new_csrf,
    same,
    screen_key_for,
)
from balancing_act.server.store import StoreError
from balancing_act.server.svg import line_chart, qr_svg

STUDENT_COOKIE_DAYS = 7
Result = TypeVar("Result")


@dataclass(frozen=True)
class AppConfig:
    """How the server was started: what it prints and what it allows."""

    students_url: str  # the address students open (also in the QR code)
    teacher_key: str
    cookie_secret: str
    data: Path  # where reports and error logs go
    joins_per_minute: int = 20  # per device address
    votes_per_minute: int = 30  # per student

    @property
    def screen_key(self) -> str:
        """The key of the big-screen pages: they show no names and change nothing."""
        return screen_key_for(self.teacher_key)


class Headers:
    """ASGI middleware: the security headers on every answer; the project's own files and
    card art may be cached, pages never (they change with the class). `Server-Timing` says
    how long the server took, for the benchmark and the browser's developer tools."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cacheable = str(scope.get("path", "")).startswith(("/static/", "/art/"))
        began = time.perf_counter()

        async def adding(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                spent = (time.perf_counter() - began) * 1000
                headers.append((b"server-timing", f"app;dur={spent:.1f}".encode()))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS.items():
                    if name == "Cache-Control" and cacheable:
                        value = "public, max-age=86400"
                    if name.lower().encode() not in present:
                        headers.append((name.lower().encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, adding)


def as_json(value: Any) -> Any:
    """A view (dataclasses, tuples, dicts) as plain JSON data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: as_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    return value


class ClassServer:
    """The routes of one live class."""

    def __init__(self, live: LiveClass, config: AppConfig, hub: Hub) -> None:
        self.live = live
        self.config = config
        self.hub = hub
        self.t = live.t
        self.signer = Signer(config.cookie_secret)
        self.joins = RateLimit(config.joins_per_minute)
        self.votes = RateLimit(config.votes_per_minute)
        self.report_lock = threading.Lock()
        self.env = Environment(loader=PackageLoader("balancing_act.server", "templates"),
                               autoescape=select_autoescape(default=True,
                                                            default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=False)
        self.env.globals.update(t=self.t, lang=self.t.language, max_name=MAX_NAME)
        self.qr = qr_svg(config.students_url, self.t("web.qr_label",
                                                      address=config.students_url))

    # -- helpers ------------------------------------------------------------------------

    def render(self, request: Request, template: str, status: int = 200,
               **context: Any) -> HTMLResponse:
        csrf, fresh = self.csrf_of(request)
        html = self.env.get_template(template).render(csrf=csrf, **context)
        response = HTMLResponse(html, status_code=status)
        if fresh:
            response.set_cookie(CSRF_COOKIE, csrf, httponly=True, samesite="strict")
        return response

    def csrf_of(self, request: Request) -> tuple[str, bool]:
        known = request.cookies.get(CSRF_COOKIE, "")
        if 20 <= len(known) <= 64 and known.replace("-", "").replace("_", "").isalnum():
            return known, False
        if not hasattr(request.state, "csrf"):
            request.state.csrf = new_csrf()
        return str(request.state.csrf), True

    def message(self, request: Request, heading: str, text: str, status: int,
                back: str = "", back_label: str = "") -> HTMLResponse:
        return self.render(request, "message.html", status, heading=heading, message=text,
                           back=back, back_label=back_label)

    async def form(self, request: Request) -> FormData:
        """The posted form, refused (403) unless it carries this browser's CSRF token and
        comes from this server's own pages."""
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get(
                "host", ""):
            raise HTTPException(403, self.t("web.csrf"))
        form = await request.form(max_files=0, max_fields=20, max_part_size=4096)
        sent = str(form.get("csrf", ""))
        known = request.cookies.get(CSRF_COOKIE, "")
        if not sent or not known or not same(sent, known):
            raise HTTPException(403, self.t("web.csrf"))
        return form

    def token(self, request: Request) -> str:
        """The student this browser (or window) is: from the signed cookie or the API's
        bearer token; '' when none, or when the signature does not fit."""
        header = request.headers.get("authorization", "")
        signed = header[7:].strip() if header.lower().startswith("bearer ") else \
            request.cookies.get(STUDENT_COOKIE)
        return self.signer.unsign(signed) or ""

    def is_teacher(self, request: Request) -> bool:
        given = request.query_params.get("key", "")
        return bool(given) and same(given, self.config.teacher_key)

    def teacher_only(self, request: Request) -> None:
        if not self.is_teacher(request):
            raise HTTPException(403, self.t("web.teacher_only"))

    def screen_only(self, request: Request) -> None:
        """A big-screen page (read only, no names): the screen key opens it, and so does the
        teacher's."""
        given = request.query_params.get("key", "")
        if not (given and same(given, self.config.screen_key)) and not self.is_teacher(request):
            raise HTTPException(403, self.t("web.teacher_only"))

    @staticmethod
    def address(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    async def work(self, fn: Callable[..., Result], *args: Any) -> Result:
        return await run_in_threadpool(fn, *args)

    def to_play(self) -> RedirectResponse:
        return RedirectResponse("/play", status_code=303)

    async def student_action(self, request: Request,
                             act: Callable[[str, FormData], None]) -> Response:
        """A student's POST: checked, done in a worker thread, answered with the page to go
        to; a refusal in the student's words, a store that cannot save as a 503."""
        form = await self.form(request)
        token = self.token(request)
        if not token or await self.work(self.live.player, token) is None:
            return RedirectResponse("/", status_code=303)
        try:
            await self.work(act, token, form)
        except Stale:
            return self.to_play()
        except StoreError as err:
            return self.not_saved(request, err)
        except (NotAllowed, GameError) as err:
            return self.message(request, self.t("web.not_now"), str(err), 409, "/play",
                                self.t("web.back_to_game"))
        return self.to_play()

    def not_saved(self, request: Request, err: StoreError) -> HTMLResponse:
        return self.message(request, self.t("web.not_saved_heading"),
                            self.t("web.not_saved", reason=str(err)), 503, "/play",
                            self.t("web.back_to_game"))

    # -- students ------------------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        token = self.token(request)
        if token and await self.work(self.live.player, token) is not None:
            return self.to_play()
        return self.join_page(request)

    def join_page(self, request: Request, error: str = "", name: str = "",
                  status: int = 200, ask_rejoin: bool = False) -> HTMLResponse:
        live = self.live
        return self.render(request, "join.html", status, code=live.session.class_code,
                           scenario_title=live.scenario.title, roster=bool(live.session.roster),
                           error=error, name=name, ask_rejoin=ask_rejoin, closed=live.closed)

    async def join(self, request: Request) -> Response:
        form = await self.form(request)
        name = str(form.get("name", ""))[:200]
        code = str(form.get("code", ""))[:40]
        rejoin = str(form.get("rejoin", ""))[:40]
        if not self.joins.allow(self.address(request)):
            return self.join_page(request, self.t("web.slow_down"), name, 429)
        try:
            player = await self.work(self.live.join, name, code, rejoin)
        except SessionError as err:
            return self.join_page(request, str(err), name, 400,
                                  ask_rejoin=isinstance(err, NameTaken) or bool(rejoin))
        except StoreError as err:
            return self.message(request, self.t("web.not_saved_heading"),
                                self.t("web.not_saved", reason=str(err)), 503, "/")
        response = self.to_play()
        response.set_cookie(STUDENT_COOKIE, self.signer.sign(player.token),
                            max_age=STUDENT_COOKIE_DAYS * 86400, httponly=True, samesite="lax")
        return response

    async def play(self, request: Request) -> Response:
        token = self.token(request)
        try:
            state = await self.work(self.live.state, token)
        except NotAllowed:
            return RedirectResponse("/", status_code=303)
        except StoreError as err:
            return self.not_saved(request, err)
        return self.render(request, f"{self.page_of(state)}.html", **self.context(state))

    @staticmethod
    def page_of(state: StudentState) -> str:
        return {"briefing": "briefing", "card": "card", "outcome": "outcome",
                "ended": "ending"}[state.stage]

    def context(self, state: StudentState) -> dict[str, Any]:
        context: dict[str, Any] = {"state": state, "code": self.live.session.class_code,
                                   "turns": self.live.scenario.file.turns, "card": state.card}
        if state.debrief is not None:
            context["chart"] = self.debrief_chart(state.debrief)
        return context

    def debrief_chart(self, d: DebriefView) -> str:
        """A game's meters over its decisions, as its debrief shows them (a student's own
        game or the class's projector game)."""
        return line_chart(
            self.t("ending.chart"), d.meter_labels,
            [[point[m] for point in d.track] for m in d.meter_ids],
            min(m.min for m in d.ending.meters), max(m.max for m in d.ending.meters),
            x_label=self.t("web.after_decision"))

    async def status(self, request: Request) -> Response:
        """The live panel of a student's page (pause, end, projector vote)."""
        try:
            state = await self.work(self.live.state, self.token(request))
        except (NotAllowed, StoreError):
            return PlainTextResponse("", headers={"HX-Refresh": "true"})
        response = self.render(request, "_status.html", state=state)
        if request.query_params.get("stamp", state.stamp) != state.stamp:
            response.headers["HX-Refresh"] = "true"
        return response

    async def begin(self, request: Request) -> Response:
        return await self.student_action(request, lambda token, _: self.live.begin(token))

    async def choose(self, request: Request) -> Response:
        def act(token: str, form: FormData) -> None:
            turn = str(form.get("turn", ""))
            self.live.choose(token, str(form.get("option", ""))[:64],
                             int(turn) if turn.isdigit() else None)
        return await self.student_action(request, act)

    async def carry_on(self, request: Request) -> Response:
        return await self.student_action(request, lambda token, _: self.live.carry_on(token))

    async def undo(self, request: Request) -> Response:
        return await self.student_action(request, lambda token, _: self.live.undo(token))

    async def vote(self, request: Request) -> Response:
        form = await self.form(request)
        token = self.token(request)
        if not token:
            return RedirectResponse("/", status_code=303)
        htmx = request.headers.get("hx-request") == "true"
        number = str(form.get("number", ""))
        try:
            if not self.votes.allow(token):
                raise NotAllowed(self.t("web.slow_down"))
            await self.work(self.live.vote, token, str(form.get("option", ""))[:64],
                            int(number) if number.isdigit() else -1)
        except StoreError as err:
            return self.not_saved(request, err)
        except NotAllowed as err:
            if not htmx:
                return self.message(request, self.t("web.not_now"), str(err), 409, "/play",
                                    self.t("web.back_to_game"))
            state = await self.work(self.live.state, token)
            return self.render(request, "_status.html", 200, state=state, vote_error=str(err))
        if htmx:
            state = await self.work(self.live.state, token)
            return self.render(request, "_status.html", state=state)
        return self.to_play()

    async def leave(self, request: Request) -> Response:
        await self.form(request)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(STUDENT_COOKIE)
        return response

    async def events(self, request: Request) -> Response:
        token = self.token(request)
        if not token or await self.work(self.live.player, token) is None:
            raise HTTPException(403, self.t("web.not_joined"))
        return EventSourceResponse(self.hub.stream("class"), ping=15)

    async def art(self, request: Request) -> Response:
        """A card's picture, found only inside the scenario's folder or the game's assets."""
        event_id = request.path_params["event"]
        event = next((e for e in self.live.scenario.file.events if e.id == event_id), None)
        path = resources.find_asset(event.image, self.live.scenario.folder) \
            if event is not None and event.image else None
        if path is None:
            raise HTTPException(404)
        try:
            data = await self.work(read_image, path)
        except BalancingActError:
            raise HTTPException(404) from None
        media = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        return Response(data, media_type=media)

    # -- the teacher -----------------------------------------------------------------------

    def teacher_context(self, request: Request) -> dict[str, Any]:
        """What the teacher's and the big screen's pages share. `key` (the teacher's) is
        there only when the page was opened with it: a page opened with the screen key
        carries nothing but the screen key (`skey`), in its links as in its address."""
        teacher = self.is_teacher(request)
        return {"key": self.config.teacher_key if teacher else "", "teacher": teacher,
                "skey": self.config.screen_key, "students_url": self.config.students_url,
                "qr": self.qr, "code": self.live.session.class_code}

    def class_chart(self, labels: tuple[str, ...], series: Any, low: int, high: int) -> str:
        if not series or len(series[0]) < 2:
            return ""
        return line_chart(self.t("web.class_meters"), labels, series, low, high,
                          x_label=self.t("web.after_decision"))

    async def dashboard_parts(self) -> dict[str, Any]:
        d = await self.work(self.live.dashboard)
        return {"d": d, "chart": self.class_chart(d.meter_labels, d.meter_series,
                                                   *d.meter_range)}

    async def class_page(self, request: Request, template: str, *,
                         anonymous: bool) -> Response:
        """The dashboard, the projector view (no names) or the live panel either one reloads:
        the same figures. The dashboard (with names, and the class game's controls) needs the
        teacher's key; the view with no names, the screen key or the teacher's."""
        if anonymous:
            self.screen_only(request)
        else:
            self.teacher_only(request)
        parts = await self.dashboard_parts()
        if not anonymous:  # the class game's controls are on the dashboard
            parts["p"] = await self.work(self.live.projector)
            parts["turns"] = self.live.scenario.file.turns
        return self.render(request, template, **self.teacher_context(request), **parts,
                           anonymous=anonymous)

    async def dashboard(self, request: Request) -> Response:
        return await self.class_page(request, "dashboard.html", anonymous=False)

    async def panel(self, request: Request) -> Response:
        return await self.class_page(request, "_panel.html", anonymous=False)

    async def screen(self, request: Request) -> Response:
        return await self.class_page(request, "screen.html", anonymous=True)

    async def screen_panel(self, request: Request) -> Response:
        return await self.class_page(request, "_panel.html", anonymous=True)

    async def teacher_events(self, request: Request) -> Response:
        self.screen_only(request)  # only "something changed": the pages fetch what
        return EventSourceResponse(self.hub.stream(), ping=15)

    async def teacher_action(self, request: Request, act: Callable[[FormData], object],
                             back: str = "/teacher") -> Response:
        self.teacher_only(request)
        form = await self.form(request)
        if str(form.get("back", "")) == "dashboard":  # the class game's controls are there too
            back = "/teacher"
        try:
            await self.work(act, form)
        except Stale:
            pass
        except StoreError as err:
            return self.message(request, self.t("web.not_saved_heading"),
                                self.t("web.not_saved_teacher", reason=str(err)), 503,
                                f"{back}?key={self.config.teacher_key}")
        except (NotAllowed, GameError) as err:
            return self.message(request, self.t("web.not_now"), str(err), 409,
                                f"{back}?key={self.config.teacher_key}")
        return RedirectResponse(f"{back}?key={self.config.teacher_key}", status_code=303)

    async def pause(self, request: Request) -> Response:
        return await self.teacher_action(
            request, lambda form: self.live.pause(str(form.get("paused", "1")) == "1"))

    async def end(self, request: Request) -> Response:
        return await self.teacher_action(request, lambda form: self.live.end())

    async def results_csv(self, request: Request) -> Response:
        self.teacher_only(request)
        from balancing_act.reporting.class_report import csv_text

        report = await self.work(self.live.report)
        text = "\ufeff" + csv_text(report)
        name = f"{self.live.session.class_code}-results.csv"
        return Response(text.encode("utf-8"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def report_zip(self, request: Request) -> Response:
        """The class report, as `class report` writes it, from the server's records: kept in
        the data folder and sent as one .zip (report.html, its charts, the gradebook, the PDFs
        and the students' pages)."""
        self.teacher_only(request)
        try:
            data = await self.work(self._report_zip)
        except BalancingActError as err:
            return self.message(request, self.t("web.report_failed_heading"), str(err), 503,
                                f"/teacher?key={self.config.teacher_key}",
                                self.t("web.back_dashboard"))
        name = f"{self.live.session.class_code}-report.zip"
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def _report_zip(self) -> bytes:
        from balancing_act.reporting.class_report import write_report

        report = self.live.report()
        folder = self.config.data / "reports" / time.strftime("%Y%m%d-%H%M%S")
        with self.report_lock:  # matplotlib draws one chart at a time
            write_report(report, folder)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in sorted(folder.rglob("*")):
                if item.is_file():  # the students' pages are in a folder of their own
                    archive.write(item, item.relative_to(folder).as_posix())
        return out.getvalue()

    # -- the projector ------------------------------------------------------------------------

    async def projector_parts(self) -> dict[str, Any]:
        return {"p": await self.work(self.live.projector),
                "turns": self.live.scenario.file.turns}

    def projector_chart(self, parts: dict[str, Any]) -> dict[str, Any]:
        p = parts["p"]
        if p is not None and p.debrief is not None:
            parts["chart"] = self.debrief_chart(p.debrief)
        return parts

    async def projector(self, request: Request) -> Response:
        """The class game on the big screen: read only with the screen key; with the
        teacher's key, with the buttons that play the class's choice."""
        self.screen_only(request)
        parts = self.projector_chart(await self.projector_parts())
        return self.render(request, "projector.html", **self.teacher_context(request), **parts)

    async def projector_panel(self, request: Request) -> Response:
        self.screen_only(request)
        parts = self.projector_chart(await self.projector_parts())
        return self.render(request, "_projector.html", **self.teacher_context(request),
                           **parts)

    async def projector_start(self, request: Request) -> Response:
        return await self.teacher_action(request, lambda form: self.live.start_projector(),
                                         "/teacher/projector")

    async def projector_close(self, request: Request) -> Response:
        def act(form: FormData) -> None:
            option = str(form.get("option", ""))[:64] or None
            number = str(form.get("number", ""))
            self.live.close_vote(option, int(number) if number.isdigit() else None)
        return await self.teacher_action(request, act, "/teacher/projector")

    async def projector_continue(self, request: Request) -> Response:
        return await self.teacher_action(request, lambda form: self.live.projector_carry_on(),
                                         "/teacher/projector")

    # -- the JSON API (the game window joins through it) -----------------------------------------

    async def api_body(self, request: Request) -> dict[str, Any]:
        if not request.headers.get("content-type", "").startswith("application/json"):
            raise HTTPException(415, self.t("web.api_json"))
        try:
            data = json.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            raise HTTPException(400, self.t("web.api_json")) from None
        if not isinstance(data, dict):
            raise HTTPException(400, self.t("web.api_json"))
        return data

    def api_state(self, state: StudentState) -> dict[str, Any]:
        live = self.live
        return {"kind": "balancing-act-live-state", "format": 1,
                "class_code": live.session.class_code, "title": live.scenario.title,
                "name": state.player.name, "stage": state.stage, "paused": state.paused,
                "closed": state.closed, "decisions": state.decisions,
                "rejoin": state.player.rejoin,
                "briefing": as_json(state.briefing), "card": as_json(state.card),
                "outcome": as_json(state.outcome), "debrief": as_json(state.debrief),
                "meters": as_json(state.meters)}

    async def api_class(self, request: Request) -> Response:
        """What a window needs before joining: which class, and whether it has a list."""
        live = self.live
        return JSONResponse({"kind": "balancing-act-live-class", "format": 1,
                             "class_code": live.session.class_code,
                             "title": live.scenario.title, "roster": bool(live.session.roster),
                             "closed": live.closed})

    async def api_join(self, request: Request) -> Response:
        body = await self.api_body(request)
        if not self.joins.allow(self.address(request)):
            return JSONResponse({"error": self.t("web.slow_down")}, 429)
        try:
            player = await self.work(self.live.join, str(body.get("name", ""))[:200],
                                     str(body.get("code", ""))[:40],
                                     str(body.get("rejoin", ""))[:40])
        except SessionError as err:
            return JSONResponse({"error": str(err)}, 400)
        except StoreError as err:
            return JSONResponse({"error": str(err)}, 503)
        return JSONResponse({"token": self.signer.sign(player.token)})

    async def api_get(self, request: Request) -> Response:
        try:
            state = await self.work(self.live.state, self.token(request))
        except NotAllowed as err:
            return JSONResponse({"error": str(err)}, 401)
        except StoreError as err:
            return JSONResponse({"error": str(err)}, 503)
        return JSONResponse(self.api_state(state))

    async def api_act(self, request: Request, act: Callable[[str, dict[str, Any]], object]
                      ) -> Response:
        body = await self.api_body(request)
        token = self.token(request)
        try:
            if not token or await self.work(self.live.player, token) is None:
                raise NotAllowed(self.t("web.not_joined"))
            with contextlib.suppress(Stale):  # sent twice: the state as it is answers
                await self.work(act, token, body)
            state = await self.work(self.live.state, token)
        except StoreError as err:
            return JSONResponse({"error": str(err)}, 503)
        except (NotAllowed, GameError) as err:
            return JSONResponse({"error": str(err)}, 409)
        return JSONResponse(self.api_state(state))

    async def api_begin(self, request: Request) -> Response:
        return await self.api_act(request, lambda token, _: self.live.begin(token))

    async def api_choose(self, request: Request) -> Response:
        def act(token: str, body: dict[str, Any]) -> None:
            turn = body.get("turn")
            self.live.choose(token, str(body.get("option", ""))[:64],
                             turn if isinstance(turn, int) else None)
        return await self.api_act(request, act)

    async def api_continue(self, request: Request) -> Response:
        return await self.api_act(request, lambda token, _: self.live.carry_on(token))

    async def api_undo(self, request: Request) -> Response:
        return await self.api_act(request, lambda token, _: self.live.undo(token))

    # -- errors ----------------------------------------------------------------------------

    async def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, exc.status_code)
        headings = {403: "web.refused", 404: "web.not_found", 405: "web.not_found",
                    413: "web.too_large", 415: "web.refused"}
        heading = self.t(headings.get(exc.status_code, "web.refused"))
        text = exc.detail if exc.status_code not in (404, 405) else self.t("web.not_found_text")
        return self.message(request, heading, str(text), exc.status_code, "/",
                            self.t("web.to_start"))

    async def server_error(self, request: Request, exc: Exception) -> Response:
        """A bug: the details go to a log in the data folder, never to the page."""
        log = self.config.data / "logs" / f"error-{time.strftime('%Y%m%d-%H%M%S')}.log"
        text = f"{request.method} {request.url.path}\n" + "".join(
            traceback.format_exception(exc))
        with contextlib.suppress(BalancingActError):  # no log: the page still answers
            write_text(log, text, make_folder=True)
        return self.message(request, self.t("crash.heading"), self.t("web.server_error"), 500,
                            "/", self.t("web.to_start"))


def create_app(live: LiveClass, config: AppConfig) -> Starlette:
    """The Starlette application of one live class."""
    hub = Hub()
    live.notify = hub.publish
    server = ClassServer(live, config, hub)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub.bind(asyncio.get_running_loop())
        yield
        hub.close()

    s = server
    routes = [
        Route("/", s.home), Route("/join", s.join, methods=["POST"]),
        Route("/play", s.play), Route("/status", s.status), Route("/events", s.events),
        Route("/begin", s.begin, methods=["POST"]), Route("/choose", s.choose, methods=["POST"]),
        Route("/continue", s.carry_on, methods=["POST"]),
        Route("/undo", s.undo, methods=["POST"]), Route("/vote", s.vote, methods=["POST"]),
        Route("/leave", s.leave, methods=["POST"]), Route("/art/{event}", s.art),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/teacher", s.dashboard), Route("/teacher/panel", s.panel),
        Route("/teacher/screen", s.screen), Route("/teacher/screen/panel", s.screen_panel),
        Route("/teacher/events", s.teacher_events),
        Route("/teacher/pause", s.pause, methods=["POST"]),
        Route("/teacher/end", s.end, methods=["POST"]),
        Route("/teacher/results.csv", s.results_csv),
        Route("/teacher/report.zip", s.report_zip),
        Route("/teacher/projector", s.projector),
        Route("/teacher/projector/panel", s.projector_panel),
        Route("/teacher/projector/start", s.projector_start, methods=["POST"]),
        Route("/teacher/projector/close", s.projector_close, methods=["POST"]),
        Route("/teacher/projector/continue", s.projector_continue, methods=["POST"]),
        Route("/api/class", s.api_class),
        Route("/api/join", s.api_join, methods=["POST"]), Route("/api/state", s.api_get),
        Route("/api/begin", s.api_begin, methods=["POST"]),
        Route("/api/choose", s.api_choose, methods=["POST"]),
        Route("/api/continue", s.api_continue, methods=["POST"]),
        Route("/api/undo", s.api_undo, methods=["POST"]),
        Mount("/static/web", StaticFiles(directory=resources.asset("web"))),
        Mount("/static/fonts", StaticFiles(directory=resources.asset("fonts"))),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: server.http_error, Exception: server.server_error}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers,
                    middleware=[Middleware(Headers), Middleware(BodyLimit, limit=MAX_BODY)])
    app.state.server = server
    return app



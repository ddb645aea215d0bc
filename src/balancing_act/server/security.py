"""What keeps a live class safe on a school network.

- The teacher's key: every dashboard page and action needs it (compared in constant time).
- The screen key, made from the teacher's key: it opens only the big-screen pages (no names,
  no controls), so their address can be seen by the class without giving the class away.
- A signed cookie per student: its HMAC is made with a secret kept in the class's records,
  so a student can only act on the game their cookie names, and a restart keeps them seated.
- CSRF: each browser gets a random token in a cookie; every form sends it back in a hidden
  field, and a form whose field does not match (or that comes from another site) is refused.
- Sizes: a request body larger than `MAX_BODY` is refused before it is read.
- Rate limits: joins per device address and votes per student, in a sliding minute.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 16 * 1024  # the largest form a page sends is a name and a code
STUDENT_COOKIE = "ba_student"
TEACHER_COOKIE = "ba_teacher"
CSRF_COOKIE = "ba_csrf"


def same(a: str, b: str) -> bool:
    """Two secrets compared in constant time."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class Signer:
    """Signs a value so that it comes back unchanged or not at all."""

    def __init__(self, secret: str) -> None:
        self.secret = secret.encode("utf-8")

    def _mac(self, value: str) -> str:
        return hmac.new(self.secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def sign(self, value: str) -> str:
        return f"{value}.{self._mac(value)}"

    def unsign(self, signed: str | None) -> str | None:
        """The value, or None when the signature does not fit (or there is none)."""
        if not signed or "." not in signed or len(signed) > 200:
            return None
        value, _, mac = signed.rpartition(".")
        return value if same(mac, self._mac(value)) else None


def screen_key_for(teacher_key: str) -> str:
    """The big screen's key: made from the teacher's key (so it is the same after a restart,
    as that one is) one way only (so the address on the projector does not tell the
    teacher's)."""
    mac = hmac.new(teacher_key.encode("utf-8"), b"balancing-act big screen", hashlib.sha256)
    return mac.hexdigest()[:24]


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


class RateLimit:
    """At most `count` events per `seconds` for each key (an address, a student)."""

    def __init__(self, count: int, seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.count = count
        self.seconds = seconds
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            if len(self._events) > 10_000:  # forget quiet keys, so memory stays bounded
                self._events = {k: v for k, v in self._events.items()
                                if v and now - v[-1] < self.seconds}
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.seconds:
                events.popleft()
            if len(events) >= self.count:
                return False
            events.append(now)
            return True


class BodyLimit:
    """ASGI middleware: a request whose body is larger than `limit` bytes gets 413, whether it
    says so in Content-Length or sends more than it said."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.limit + 1
                if declared > self.limit:
                    await _too_large(send)
                    return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


class BodyTooLarge(Exception):
    """A request sent more than the body limit."""


async def _too_large(send: Send) -> None:
    body = b"This form is larger than the class server accepts."
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; connect-src 'self'; font-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}

"""Live updates: the class's pages learn that something changed through server-sent events.

`Hub.publish` may be called from any thread (the game runs in worker threads); each open page
has a subscription that wakes when the class changed. There are two topics: "class" (a pause,
the end, the projector's vote opening or closing: what every student's page shows) and
"progress" (anything at all, which the dashboard shows); a "class" change is progress too.
Changes that come close together are sent as one event, at most every `COALESCE` seconds, so
sixty students deciding at once cost the dashboard a few refreshes, not sixty, and cost the
students' pages nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator

COALESCE = 0.25
PING_SECONDS = 15


class Hub:
    def __init__(self) -> None:
        self.versions = {"class": 0, "progress": 0}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: set[asyncio.Event] = set()
        self.closing = False

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, topic: str = "progress") -> None:
        with self._lock:
            self.versions["progress"] += 1
            if topic == "class":
                self.versions["class"] += 1
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop is shutting down
                loop.call_soon_threadsafe(self._wake)

    def _wake(self) -> None:
        for waiter in self._waiters:
            waiter.set()

    def close(self) -> None:
        """The server is stopping: every stream ends."""
        self.closing = True
        self._wake()

    def close_soon(self) -> None:
        """`close`, from a signal handler or another thread."""
        self.closing = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._wake)

    async def stream(self, topic: str = "progress", name: str = "change"
                     ) -> AsyncIterator[dict[str, str]]:
        """Server-sent events for one open page: one when the page connects (so it catches
        up on anything it missed while away), then one per burst of changes of `topic`."""
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        try:
            seen = self.versions[topic]
            yield {"event": name, "data": json.dumps({"v": seen, "t": time.time()})}
            while not self.closing:
                try:
                    await asyncio.wait_for(waiter.wait(), PING_SECONDS)
                except TimeoutError:
                    continue  # sse-starlette pings; the loop only checks for closing
                waiter.clear()
                if self.closing:
                    break
                if self.versions[topic] == seen:
                    continue  # a change this page does not show
                await asyncio.sleep(COALESCE)
                waiter.clear()
                seen = self.versions[topic]
                yield {"event": name, "data": json.dumps({"v": seen, "t": time.time()})}
        finally:
            self._waiters.discard(waiter)

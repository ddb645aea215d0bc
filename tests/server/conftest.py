"""A live class for each test: a session of the frozen classic scenario, its records in a
temporary folder, and browsers (Starlette's test client, one cookie jar each) that join and
play through the real pages and forms."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from balancing_act.classroom.roster import read_key
from balancing_act.classroom.session import read_session
from balancing_act.cli import main
from balancing_act.play.catalog import Catalog
from balancing_act.server.app import AppConfig, create_app
from balancing_act.server.live import LiveClass
from balancing_act.server.store import ClassStore
from tests.conftest import CLASSIC

KEY = "teacher-key-for-tests-0123456789"
# On the classic scenario with seed 7: option numbers that end "junior_ally" after 8 turns.
PRO_US = [1, 3, 2, 1, 1, 3, 3, 3]
BALANCED = [2, 2, 2, 2, 2, 2, 2, 2]
CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def session_file(tmp_path: Path) -> Path:
    path = tmp_path / "session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(path), "--code",
                 "ABC123", "--undo"]) == 0
    return path


@pytest.fixture
def roster_session(tmp_path: Path) -> Path:
    roster = tmp_path / "students.csv"
    roster.write_text("id,name\ns1,Asha Kumar\ns2,Ben Okafor\n", encoding="utf-8")
    path = tmp_path / "roster-session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(path), "--code",
                 "ROS123", "--roster", str(roster)]) == 0
    return path


class Browser:
    """One device: its own cookies, the pages it was shown, the forms it sends."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.page = ""
        self.status = 0

    def get(self, path: str) -> httpx.Response:
        response = self.client.get(path)
        self.page, self.status = response.text, response.status_code
        return response

    def csrf(self) -> str:
        found = CSRF_FIELD.search(self.page)
        if found is None:  # no form on the last page: load one that has
            self.get("/")
            found = CSRF_FIELD.search(self.page)
        assert found is not None, self.page[:500]
        return found.group(1)

    def post(self, path: str, **data: Any) -> httpx.Response:
        response = self.client.post(path, data={"csrf": self.csrf(), **data})
        self.page, self.status = response.text, response.status_code
        return response

    def join(self, name: str, code: str = "", rejoin: str = "") -> httpx.Response:
        self.get("/")
        return self.post("/join", name=name, code=code, rejoin=rejoin)

    def turn(self) -> int:
        found = re.search(r'name="turn" value="(\d+)"', self.page)
        assert found is not None, "not on a card"
        return int(found.group(1))

    def option_id(self, number: int) -> str:
        ids = re.findall(r'name="option" value="([^"]+)" class="option"', self.page)
        return ids[number - 1]

    def choose(self, number: int) -> httpx.Response:
        return self.post("/choose", option=self.option_id(number), turn=str(self.turn()))

    def play(self, numbers: list[int]) -> None:
        """From the briefing (or wherever the game is) to the end, choosing `numbers`."""
        self.get("/play")
        for number in numbers:
            if 'action="/begin"' in self.page:
                self.post("/begin")
            if 'action="/continue"' in self.page:
                self.post("/continue")
            self.choose(number)
            assert self.status == 200, self.page[:800]
            self.post("/continue")


@dataclass
class LiveServer:
    """A class server under test; `restart` opens it again on the same records, as after a
    crash."""

    session_file: Path
    data: Path
    clock: Clock = field(default_factory=Clock)
    joins_per_minute: int = 1000
    key_file: Path | None = None
    live: LiveClass = field(init=False)
    app: Any = field(init=False)

    def __post_init__(self) -> None:
        self.start()

    def start(self) -> None:
        session = read_session(self.session_file)
        store = ClassStore(self.data / f"{session.class_code}.sqlite3", clock=self.clock)
        key = read_key(self.key_file) if self.key_file else None
        self.live = LiveClass(session, session.load_scenario(self.session_file), store,
                              key=key, catalog=Catalog(), clock=self.clock)
        self.app = create_app(self.live, AppConfig(
            students_url="http://127.0.0.1:8000/", teacher_key=KEY,
            cookie_secret=store.secret("cookie_secret"), data=self.data,
            joins_per_minute=self.joins_per_minute))

    def restart(self) -> None:
        self.live.store.close()
        self.start()

    def browser(self) -> Browser:
        return Browser(TestClient(self.app, base_url="http://127.0.0.1:8000"))

    def reconnect(self, browser: Browser) -> Browser:
        """The same device (its cookies) talking to the server as it is now."""
        again = Browser(TestClient(self.app, base_url="http://127.0.0.1:8000",
                                   cookies=browser.client.cookies))
        again.page = browser.page
        return again

    def teacher(self) -> Browser:
        browser = self.browser()
        browser.get(f"/teacher?key={KEY}")
        return browser


@pytest.fixture
def make_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    made: list[LiveServer] = []

    def make(session_file: Path, **options: Any) -> LiveServer:
        server = LiveServer(session_file, tmp_path / "data", **options)
        made.append(server)
        return server

    yield make
    for server in made:
        server.live.store.close()


@pytest.fixture
def server(make_server: Callable[..., LiveServer], session_file: Path) -> LiveServer:
    return make_server(session_file)

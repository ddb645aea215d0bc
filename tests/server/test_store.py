"""The class's records: every decision is on disk before its page answers, a restart resumes
every game exactly where it was, a full disk is told and loses nothing, and `class host`
starts, prints its addresses and stops cleanly on Ctrl-C."""

from __future__ import annotations

import html
import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from balancing_act.classroom.session import read_session
from balancing_act.engine.game import Game
from balancing_act.errors import SessionError
from balancing_act.server.live import LiveClass
from balancing_act.server.store import ClassStore, StoreError
from tests.conftest import installed_command
from tests.server.conftest import PRO_US, LiveServer


def on_disk(path: Path) -> list[tuple[int, str, float]]:
    """The decisions as another program reading the file sees them."""
    with sqlite3.connect(path) as db:
        return [(int(n), str(o), float(s)) for n, o, s in
                db.execute("SELECT number, option, seconds FROM decisions ORDER BY number")]


def test_a_decision_is_on_disk_before_the_page_answers(server: LiveServer) -> None:
    student = server.browser()
    student.join("Farah")
    student.post("/begin")
    server.clock.advance(12.5)
    answered = student.choose(1)
    assert answered.status_code == 200
    assert on_disk(server.live.store.path) == [(1, "sign_comcasa", 12.5)]
    with sqlite3.connect(server.live.store.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_restart_resumes_every_game_exactly_there(server: LiveServer) -> None:
    student = server.browser()
    student.join("Farah")
    student.play(PRO_US[:3])
    student.choose(PRO_US[3])  # decided, outcome not yet read
    outcome = re.search(r'<h1 id="outcome-heading"[^>]*>([^<]+)</h1>', student.page)
    assert outcome is not None
    server.clock.advance(30)
    server.restart()  # the server crashed and was started again
    student = server.reconnect(student)
    student.get("/play")
    assert f">{outcome.group(1)}</h1>" in student.page  # the same outcome, still unread
    student.post("/continue")
    assert "Turn 5 of 8" in student.page
    scenario = server.live.scenario
    expected = Game.replay(scenario, 7, ["sign_comcasa", "hold_s400", "diversify",
                                          "invite_australia"])
    player = server.live.store.players()[0]
    assert server.live.state(player.token).meters == server.live._play(player).meters()
    assert server.live._play(player).game.meters == expected.meters


def test_the_decision_clock_runs_on_across_a_restart(server: LiveServer) -> None:
    student = server.browser()
    student.join("Farah")
    student.post("/begin")  # the first card is shown: its clock starts
    server.clock.advance(20)
    server.restart()
    student = server.reconnect(student)
    student.get("/play")
    server.clock.advance(15)
    student.choose(2)
    assert on_disk(server.live.store.path) == [(1, "hold_comcasa", 35.0)]


class FullDisk:
    """A connection on a disk that has no room for another decision (SQLite's own words)."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, sql: str, *args: object) -> object:
        if sql.startswith("INSERT INTO decisions"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, *args)


def test_a_full_disk_is_told_and_changes_nothing(server: LiveServer) -> None:
    student = server.browser()
    student.join("Farah")
    student.post("/begin")
    store = server.live.store
    real = store._db
    store._db = FullDisk(real)  # type: ignore[assignment]
    student.choose(1)
    assert student.status == 503
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", student.page)).split())
    assert "The class server could not save this" in words
    assert "cannot save: the disk is full). Nothing was changed" in words
    assert on_disk(server.live.store.path) == []
    student.get("/play")
    assert student.status == 200 and "Turn 1 of 8" in student.page  # the game as it was
    store._db = real  # space again: it carries on
    student.choose(1)
    assert student.status == 200 and "You chose: Sign COMCASA" in student.page
    assert [n for n, _, _ in on_disk(server.live.store.path)] == [1]


def test_records_of_another_class_are_refused(server: LiveServer, tmp_path: Path) -> None:
    path = server.live.store.path
    server.live.store.close()
    other = tmp_path / "other.yaml"
    session = read_session(server.session_file)
    other.write_text(server.session_file.read_text().replace("ABC123", "XYZ789"))
    store = ClassStore(path)
    try:
        with pytest.raises(SessionError, match="these records are for class ABC123, not "
                                               "XYZ789; use another --data folder"):
            LiveClass(read_session(other), session.load_scenario(server.session_file), store)
    finally:
        store.close()


def test_a_file_that_is_not_a_class_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ABC123.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a Balancing Act class record"):
        ClassStore(path)


def test_class_host_prints_its_addresses_and_stops_on_ctrl_c(session_file: Path,
                                                             tmp_path: Path) -> None:
    data = tmp_path / "records"
    process = subprocess.Popen(
        [installed_command(), "class", "host", str(session_file), "--port", "0", "--data",
         str(data)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines: list[str] = []
        assert process.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if line.startswith("Press Ctrl-C"):
                break
        output = "".join(lines)
        students = re.search(r"Students open:  (http://127\.0\.0\.1:\d+/)", output)
        teacher = re.search(r"(http://127\.0\.0\.1:\d+/teacher\?key=[\w-]+)", output)
        assert students and teacher, output
        assert output.index("Students open") < output.index("Class code:     ABC123") < \
            output.index("Teacher's dashboard")
        assert "█" in output  # the QR code
        assert httpx.get(students.group(1), timeout=10).status_code == 200
        assert httpx.get(teacher.group(1), timeout=10).status_code == 200
        assert httpx.get(teacher.group(1)[:-1], timeout=10).status_code == 403
        screen = re.search(r"Big screen .*\n  (http://127\.0\.0\.1:\d+/teacher/screen\?key="
                           r"([\w-]+))", output)
        assert screen, output
        assert httpx.get(screen.group(1), timeout=10).status_code == 200
        dashboard = teacher.group(1).split("?")[0]  # the screen key opens no teacher's page
        assert httpx.get(f"{dashboard}?key={screen.group(2)}", timeout=10).status_code == 403
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "The class server has stopped. Every decision is kept in" in out
    assert "Traceback" not in err
    assert (data / "ABC123.sqlite3").is_file()


def test_class_host_says_when_the_port_is_taken(session_file: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        run = subprocess.run([installed_command(), "class", "host", str(session_file), "--port",
                              str(port), "--data", str(tmp_path / "d")],
                             capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr == (f"balancing-act: port {port} is already in use on this computer "
                          "(another class server?); choose another with --port, e.g. --port "
                          "8080\n")

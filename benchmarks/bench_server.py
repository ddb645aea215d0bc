"""The live class under load: 60 simulated students (an async HTTP client each, with its own
cookies) join the class server and play the 30-turn campaign at once through the same pages
and forms a browser uses, with a short think time between decisions, while the teacher's
dashboard listens to its server-sent events and reloads its panel on each.

Printed, not asserted: decision latency (p50, p99, max: the POST of a decision until its
answer, which comes after the decision is committed to SQLite), the dashboard's update delay
(a decision's answer until the dashboard's panel, refreshed by the event that followed it, has
arrived), the server's memory, and the crash test: the server is killed with SIGKILL halfway,
started again on the same records, and every student must resume and finish with no decision
that was answered missing from the records.

    .venv/bin/python benchmarks/bench_server.py [--students 60] [--think 2 6]

The default think time, 2-6 seconds a card, is already faster than a class reads; `--think
0.3 1` is a stress test that asks more of one Python process than 60 real students could.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = ROOT / "scenarios" / "balancing_act.yaml"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
OPTION = re.compile(r'name="option" value="([^"]+)" class="option"\s+aria-describedby')
TURN = re.compile(r'name="turn" value="(\d+)"')
DEADLINE_SECONDS = 600


def serve_child(session: str, data: str, port: str) -> None:
    """Run in the server process: the class server as `class host` runs it, with the join
    limit raised (every simulated student comes from this one address)."""
    from balancing_act.server.serve import listen, open_class, serve

    hosted = open_class(Path(session), Path(data))
    sock = listen("127.0.0.1", int(port))
    with contextlib.suppress(KeyboardInterrupt):
        serve(hosted, sock, students_url=f"http://127.0.0.1:{port}/",
              teacher_key=hosted.store.secret("teacher_key", 24), joins_per_minute=100_000)


@dataclass
class Run:
    base: str
    server: subprocess.Popen[bytes]
    session: Path
    data: Path
    port: int
    started: float = field(default_factory=time.monotonic)
    latencies: list[tuple[float, float]] = field(default_factory=list)  # (when, seconds)
    acked: dict[int, list[int]] = field(default_factory=dict)  # student -> turns answered
    finished: set[int] = field(default_factory=set)
    retries: int = 0
    server_side: list[float] = field(default_factory=list)  # what the server says it took
    waited: list[float] = field(default_factory=list)  # decisions sent while it was down
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    events: list[float] = field(default_factory=list)
    panels: list[tuple[float, float]] = field(default_factory=list)  # (event, panel done)
    memory: list[int] = field(default_factory=list)
    killed_at: float | None = None
    back_at: float | None = None
    kill_after: int = 0

    @property
    def decisions(self) -> int:
        return sum(len(turns) for turns in self.acked.values())


def start_server(session: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(session), str(data),
                                str(port)], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            time.sleep(0.05)
    raise SystemExit("the class server did not start")


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


async def request(run: Run, client: httpx.AsyncClient, method: str, path: str,
                  **kwargs: object) -> tuple[httpx.Response, int]:
    """One request, tried again while the server is down (killed, restarting); the answer
    and how many tries it took."""
    for attempt in range(1, 400):
        try:
            answer = await client.request(method, run.base + path, **kwargs)  # type: ignore[arg-type]
            return answer, attempt
        except httpx.TransportError:
            run.retries += 1
            await asyncio.sleep(0.1)
    raise SystemExit(f"{method} {path}: the server did not come back")


def server_ms(answer: httpx.Response) -> float:
    """How long the server says it took (its Server-Timing header)."""
    found = re.search(r"dur=([\d.]+)", answer.headers.get("server-timing", ""))
    return float(found.group(1)) if found else 0.0


async def student(run: Run, number: int, think: tuple[float, float]) -> None:
    chooser = random.Random(number)
    async with httpx.AsyncClient(timeout=15, follow_redirects=False) as client:
        page = (await request(run, client, "GET", "/"))[0].text
        csrf = CSRF.search(page)
        assert csrf is not None
        token = csrf.group(1)
        await request(run, client, "POST", "/join", data={"csrf": token,
                                                          "name": f"Student {number:02d}"})
        run.acked[number] = []
        while time.monotonic() - run.started < DEADLINE_SECONDS:
            page = (await request(run, client, "GET", "/play"))[0].text
            if 'action="/begin"' in page:
                await request(run, client, "POST", "/begin", data={"csrf": token})
            elif 'action="/continue"' in page:
                await request(run, client, "POST", "/continue", data={"csrf": token})
            elif 'name="turn"' in page:
                await asyncio.sleep(chooser.uniform(*think))
                options = OPTION.findall(page)
                turn = TURN.search(page)
                assert options and turn is not None
                sent = time.monotonic()
                answer, tries = await request(run, client, "POST", "/choose", data={
                    "csrf": token, "option": chooser.choice(options), "turn": turn.group(1)})
                done = time.monotonic()
                if answer.status_code == 303:
                    run.acked[number].append(int(turn.group(1)))
                    if tries == 1:
                        run.latencies.append((done, done - sent))
                        run.server_side.append(server_ms(answer) / 1000)
                    else:
                        run.waited.append(done - sent)
                if run.killed_at is None and run.decisions >= run.kill_after:
                    run.killed_at = time.monotonic()
                    run.tasks.append(asyncio.create_task(kill_and_restart(run)))
            elif "Ending:" in page:
                run.finished.add(number)
                return
            else:
                raise SystemExit(f"student {number}: an unexpected page:\n{page[:500]}")


async def kill_and_restart(run: Run) -> None:
    """SIGKILL the server mid-run (no chance to flush anything) and start it again on the
    same records and port, while the other students carry on (and wait for it)."""
    run.killed_at = time.monotonic()
    os.kill(run.server.pid, signal.SIGKILL)
    await asyncio.to_thread(run.server.wait)
    run.server = await asyncio.to_thread(start_server, run.session, run.data, run.port)
    run.back_at = time.monotonic()


async def dashboard(run: Run, key: str, stop: asyncio.Event) -> None:
    """The teacher's dashboard: each event, then the panel fetched again (as htmx does)."""
    async with httpx.AsyncClient(timeout=None) as client:
        while not stop.is_set():
            try:
                async with client.stream("GET", f"{run.base}/teacher/events?key={key}") as s:
                    async for line in s.aiter_lines():
                        if stop.is_set():
                            return
                        if line.startswith("event: change"):
                            arrived = time.monotonic()
                            run.events.append(arrived)
                            await client.get(f"{run.base}/teacher/panel?key={key}")
                            run.panels.append((arrived, time.monotonic()))
            except httpx.TransportError:
                await asyncio.sleep(0.1)  # the server was killed: listen again


async def watch_memory(run: Run, stop: asyncio.Event) -> None:
    while not stop.is_set():
        run.memory.append(rss_kib(run.server.pid))
        await asyncio.sleep(0.5)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def update_delays(run: Run) -> list[float]:
    """For each answered decision: until the first dashboard panel refreshed by an event
    that arrived after the answer (leaving out the second around the kill and restart,
    when the dashboard had no server to listen to)."""
    delays = []
    panels = sorted(run.panels)
    index = 0
    down = (run.killed_at - 1, run.back_at + 1) if run.killed_at and run.back_at else (0, 0)
    for answered, _ in sorted(run.latencies):
        if down[0] <= answered <= down[1]:
            continue
        while index < len(panels) and panels[index][0] < answered:
            index += 1
        if index < len(panels):
            delays.append(panels[index][1] - answered)
    return delays


async def main(students: int, think: tuple[float, float]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        session = work / "session.yaml"
        subprocess.run([sys.executable, "-m", "balancing_act", "class", "new", str(CAMPAIGN),
                        "--seed", "11", "--per-student", "--code", "BENCH1", "--out",
                        str(session)], check=True, stdout=subprocess.DEVNULL)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        data = work / "records"
        server = start_server(session, data, port)
        turns = 30
        run = Run(f"http://127.0.0.1:{port}", server, session, data, port,
                  kill_after=students * turns // 2)
        idle_rss = rss_kib(server.pid)
        key = sqlite3.connect(data / "BENCH1.sqlite3").execute(
            "SELECT value FROM meta WHERE key = 'teacher_key'").fetchone()
        if key is None:
            raise SystemExit("the server made no teacher key")
        stop = asyncio.Event()
        watchers = [asyncio.create_task(dashboard(run, key[0], stop)),
                    asyncio.create_task(watch_memory(run, stop))]
        began = time.monotonic()
        load_before = os.getloadavg()[0]
        await asyncio.gather(*(student(run, n, think) for n in range(1, students + 1)))
        elapsed = time.monotonic() - began
        load_after = os.getloadavg()[0]
        stop.set()
        for task in watchers:
            task.cancel()
        with sqlite3.connect(data / "BENCH1.sqlite3") as db:
            stored = {}
            for player, turn in db.execute(
                    "SELECT p.name, d.turn FROM decisions d JOIN players p ON p.id = d.player "
                    "WHERE p.projector = 0"):
                stored.setdefault(int(player.split()[1]), set()).add(int(turn))
        lost = sum(1 for n, acked in run.acked.items() for t in acked
                   if t not in stored.get(n, set()))
        run.server.send_signal(signal.SIGINT)
        run.server.wait(timeout=30)

    before = [s for t, s in run.latencies if run.killed_at is None or t < run.killed_at]
    after = [s for t, s in run.latencies if run.back_at is not None and t > run.back_at]
    every = [s for _, s in run.latencies]
    delays = update_delays(run)
    print(f"bench_server: {students} students, the {turns}-turn campaign, think time "
          f"{think[0]}-{think[1]} s, {os.cpu_count()} cores; load average {load_before:.1f} "
          f"at the start, {load_after:.1f} at the end (the clients run on the same machine)")
    print(f"  decisions answered   {len(every)} in {elapsed:.1f} s "
          f"({len(every) / elapsed:.0f} per second)")
    print(f"  decision latency     p50 {percentile(every, 0.5) * 1000:.1f} ms, "
          f"p99 {percentile(every, 0.99) * 1000:.1f} ms, max {max(every) * 1000:.0f} ms "
          "(target p99 <= 100 ms)")
    if before and after:
        print(f"    before the kill    p50 {percentile(before, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(before, 0.99) * 1000:.1f} ms ({len(before)} decisions)")
        print(f"    after the restart  p50 {percentile(after, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(after, 0.99) * 1000:.1f} ms ({len(after)} decisions)")
    if run.server_side:
        inside = run.server_side
        print(f"    inside the server  p50 {percentile(inside, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(inside, 0.99) * 1000:.1f} ms (its Server-Timing; the rest is "
              "the network and the 60 clients sharing the 2 cores)")
    if run.waited:
        print(f"  sent during the kill {len(run.waited)} decisions, answered after the restart "
              f"in at most {max(run.waited):.1f} s")
    if delays:
        print(f"  dashboard update     p50 {percentile(delays, 0.5) * 1000:.0f} ms, "
              f"p99 {percentile(delays, 0.99) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms "
              f"over {len(run.events)} events (target <= 1 s)")
    print(f"  server memory        {idle_rss / 1024:.0f} MB idle, peak "
          f"{max(run.memory, default=0) / 1024:.0f} MB")
    if run.killed_at is not None and run.back_at is not None:
        print(f"  SIGKILL after        {run.kill_after} decisions; restarted in "
              f"{(run.back_at - run.killed_at) * 1000:.0f} ms; {run.retries} requests tried "
              "again while it was down")
    print(f"  students finished    {len(run.finished)} of {students}; answered decisions "
          f"missing from the records: {lost}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--serve":
        serve_child(*sys.argv[2:])
        raise SystemExit(0)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0),
                        metavar=("MIN", "MAX"))
    options = parser.parse_args()
    asyncio.run(main(options.students, tuple(options.think)))

"""Starting a live class: the session and its records opened, the address bound, the server
run until Ctrl-C. The command line (`class host`) and the benchmark start it the same way."""

from __future__ import annotations

import errno
import gc
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from balancing_act.classroom.roster import SessionKey, key_path_for, read_key
from balancing_act.classroom.session import read_session
from balancing_act.errors import UsageError
from balancing_act.play.catalog import Catalog
from balancing_act.server.app import AppConfig, create_app
from balancing_act.server.live import LiveClass
from balancing_act.server.store import ClassStore


@dataclass
class Hosted:
    live: LiveClass
    store: ClassStore
    key_file: Path | None


def open_class(session_file: Path, data: Path, *, key_file: Path | None = None,
               language: str = "en") -> Hosted:
    """The session (its scenario checked against its fingerprint), the instructor's key when
    there is one, and the class's records in `data` (made on first use)."""
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    path = key_file or key_path_for(session_file)
    key: SessionKey | None = read_key(path) if key_file is not None or path.exists() else None
    store = ClassStore(data / f"{session.class_code}.sqlite3")
    live = LiveClass(session, scenario, store, key=key, catalog=Catalog(language))
    live.warm()
    return Hosted(live, store, path if key is not None else None)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port`, or UsageError saying why not (in use, no such
    address on this computer)."""
    if not 0 <= port <= 65535:
        raise UsageError("--port: a port is a number from 1 to 65535 (8000 is usual)")
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        raise UsageError(f"--host: '{host}' is not an IP address (for example 0.0.0.0 for "
                         "every network, or this computer's own address)") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        if err.errno == errno.EADDRINUSE:
            raise UsageError(f"port {port} is already in use on this computer (another class "
                             "server?); choose another with --port, e.g. --port 8080") from None
        if err.errno in (errno.EACCES, errno.EPERM):
            raise UsageError(f"port {port} needs administrator rights; use a port above "
                             "1024, e.g. --port 8000") from None
        raise UsageError(f"--host {host}: cannot listen there "
                         f"({(err.strerror or str(err)).lower()})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses on its networks, as far as its own name tells (no
    traffic is sent to find them)."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return found
    for info in infos:
        address = str(info[4][0])
        if not ipaddress.ip_address(address).is_loopback and address not in found:
            found.append(address)
    return found


def serve(hosted: Hosted, sock: socket.socket, *, students_url: str, teacher_key: str,
          joins_per_minute: int = 20) -> None:
    """Run the class server on `sock` until Ctrl-C (or SIGTERM) stops it."""
    import uvicorn

    store = hosted.store
    config = AppConfig(students_url=students_url, teacher_key=teacher_key,
                       cookie_secret=store.secret("cookie_secret"), data=store.path.parent,
                       joins_per_minute=joins_per_minute)
    app = create_app(hosted.live, config)
    hub = app.state.server.hub

    class ClassServer(uvicorn.Server):
        """Ctrl-C ends the pages' live streams first, so the server stops at once."""

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            hub.close_soon()
            super().handle_exit(sig, frame)

    gc.collect()
    gc.freeze()  # what start-up made stays: the collector need not walk it during a lesson
    server = ClassServer(uvicorn.Config(app, log_level="warning", access_log=False,
                                        timeout_graceful_shutdown=2, lifespan="on"))
    try:
        server.run(sockets=[sock])
    finally:
        store.close()

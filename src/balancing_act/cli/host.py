"""`balancing-act class host SESSION`: a live class on this computer. Students open the
address it prints (or scan its QR code) in any browser; the teacher watches the dashboard
address, which carries the teacher's key."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from balancing_act.errors import ExitCode
from balancing_act.io import describe

DEFAULT_PORT = 8000


def add_step(steps: Any) -> None:
    """Register `class host` among the `class` steps."""
    host = steps.add_parser("host", help="host a live class: students play in any browser")
    host.add_argument("session", type=Path, help="the session file (from class new)")
    host.add_argument("--host", default="127.0.0.1", metavar="ADDR",
                      help="the address to listen on (default 127.0.0.1: this computer only; "
                           "0.0.0.0 lets the class's devices in)")
    host.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="N",
                      help=f"the port (default {DEFAULT_PORT})")
    host.add_argument("--data", type=Path, metavar="DIR",
                      help="where the class's records are kept (default: your data folder)")
    host.add_argument("--key", type=Path, metavar="FILE",
                      help="the session's key (default: SESSION.key.yaml beside it)")
    host.add_argument("--lang", metavar="CODE", help="the language of the pages")


def default_data() -> Path:
    from balancing_act.frontends.window.folders import data_folder

    return data_folder() / "live"


def run(args: argparse.Namespace) -> int:
    from balancing_act.play.catalog import available_languages
    from balancing_act.server.security import screen_key_for
    from balancing_act.server.serve import lan_addresses, listen, open_class, serve
    from balancing_act.server.svg import qr_text

    lang = args.lang or "en"
    if lang not in available_languages():
        from balancing_act.errors import UsageError

        raise UsageError(f"--lang: no catalog for '{lang}'; the languages are "
                         f"{', '.join(available_languages())}")
    data = args.data or default_data()
    hosted = open_class(args.session, data, key_file=args.key, language=lang)
    sock = listen(args.host, args.port)
    live, store = hosted.live, hosted.store
    port = sock.getsockname()[1]
    everywhere = args.host in ("0.0.0.0", "::")
    local = args.host.startswith("127.") or args.host == "::1"
    found = lan_addresses() if everywhere else []
    shown = found[0] if found else ("127.0.0.1" if local or everywhere else args.host)
    bracket = f"[{shown}]" if ":" in shown else shown
    students_url = f"http://{bracket}:{port}/"
    teacher_host = "127.0.0.1" if local or everywhere else bracket
    teacher_key = store.secret("teacher_key", 24)
    title = live.scenario.title
    out = sys.stdout
    out.write(f"Class {live.session.class_code}: {title}, live on this computer.\n\n")
    out.write(f"Students open:  {students_url}\n")
    for other in found[1:]:
        out.write(f"            or  http://{other}:{port}/\n")
    if everywhere and not found:
        out.write(f"  (or http://THIS-COMPUTER'S-ADDRESS:{port}/ : find it with ipconfig on "
                  "Windows, ip addr on Linux, System Settings > Network on a Mac)\n")
    _write_qr(out, qr_text(students_url))
    out.write(f"Class code:     {live.session.class_code}\n")
    if local:
        out.write("  Only this computer can open that address. To let the class in, start with "
                  "--host 0.0.0.0 (see docs/live-class.md).\n")
    out.write("\nTeacher's dashboard (keep it to yourself: the address carries the teacher's "
              "key):\n")
    out.write(f"  http://{teacher_host}:{port}/teacher?key={teacher_key}\n")
    out.write("Big screen (no names, no controls: the class may see this address):\n")
    out.write(f"  http://{teacher_host}:{port}/teacher/screen?key={screen_key_for(teacher_key)}"
              "\n\n")
    out.write(f"Records: {describe(store.path)} (every decision is saved there as it is "
              "made)\n")
    if live.session.roster and hosted.key_file is None:
        out.write("  No key file beside the session: personal codes are checked, but the "
                  "report cannot check the results' signatures.\n")
    out.write("Press Ctrl-C to stop; the same command carries on where the class left off.\n")
    out.flush()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how the class server stops
        serve(hosted, sock, students_url=students_url, teacher_key=teacher_key)
    out.write(f"\nThe class server has stopped. Every decision is kept in "
              f"{describe(store.path)}.\n")
    return ExitCode.OK


def _write_qr(out: Any, text: str) -> None:
    """The QR code, when the terminal can show its block characters."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return
    out.write(text)

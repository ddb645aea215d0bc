"""What the command line asks of the window, as plain data, so that parsing arguments never
imports pygame; `run_window` opens the window only when it is really wanted."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from balancing_act.classroom.session import Session
from balancing_act.engine.start import Start
from balancing_act.frontends.window.script import Step


@dataclass(frozen=True)
class SessionStart:
    session: Session
    session_file: Path
    results: Path
    name: str | None
    projector: bool = False
    code: str | None = None


@dataclass(frozen=True)
class WindowRequest:
    scenario: Path | None = None  # straight into this scenario (else the title screen)
    seed: int | None = None
    script: list[Step] | None = None
    screenshots: Path | None = None
    session: SessionStart | None = None
    language: str | None = None
    debrief_pdf: Path | None = None
    voice_out: Path | None = None  # write what the voice says to this WAV file
    join: str | None = None  # a hosted class's address (play --join URL)
    data_folder: Path | None = None
    size: tuple[int, int] = (1280, 720)
    start: Start | None = None  # a designer's test game: --from, --set, --flag


def run_window(request: WindowRequest) -> int:
    """Open the game window for `request` and run it; the exit code when it closes."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from balancing_act.frontends.window.app import run

    return run(request)

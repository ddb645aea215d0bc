"""Scripted window runs: a file of steps that drive the real window as a player would.

Each line is one step:

    2             choose option 2 on a card (on other screens: the screen's usual Enter)
    key:escape    press a key (pygame key names: escape, return, down, f5, g, 1 ...)
    click:Settings  click the button with that label on the current screen
    wait:1.5      let the window run for that many seconds
    # ...         a comment; blank lines are ignored

A `click:` whose label is not on the screen ends the run with exit code 1 and a message naming
the labels that are there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from balancing_act.errors import UsageError
from balancing_act.io import KB, describe, read_text

MAX_SCRIPT = 256 * KB
MAX_WAIT = 600.0


@dataclass(frozen=True)
class Step:
    kind: Literal["choose", "key", "click", "wait"]
    value: str
    line: int

    @property
    def number(self) -> int:
        return int(self.value)

    @property
    def seconds(self) -> float:
        return float(self.value)

    def __str__(self) -> str:
        return self.value if self.kind == "choose" else f"{self.kind}:{self.value}"


def parse_script(text: str, name: str = "<script>") -> list[Step]:
    steps = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{name}:{number}"
        if line.isdigit():
            if not 1 <= int(line) <= 4:
                raise UsageError(f"{where}: option numbers go from 1 to 4, not {line}")
            steps.append(Step("choose", line, number))
            continue
        kind, _, value = line.partition(":")
        kind, value = kind.strip().lower(), value.strip()
        if kind not in ("key", "click", "wait") or not value:
            raise UsageError(f"{where}: '{line}' is not a step: write an option number, "
                             "key:NAME, click:LABEL or wait:SECONDS")
        if kind == "wait":
            try:
                seconds = float(value)
            except ValueError:
                raise UsageError(f"{where}: wait takes seconds, e.g. wait:1.5") from None
            if not 0 <= seconds <= MAX_WAIT:
                raise UsageError(f"{where}: wait between 0 and {MAX_WAIT:g} seconds")
        steps.append(Step(kind, value if kind == "click" else value.lower(),  # type: ignore[arg-type]
                          number))
    return steps


def read_script(path: Path) -> list[Step]:
    return parse_script(read_text(path, limit=MAX_SCRIPT, what="script files"), describe(path))

"""A classroom session: one scenario (pinned by its hash), a seed, a class code and the rules.

The instructor writes it with `balancing-act class new`; students play with `--session FILE`;
the report checks every result against it. The file is YAML with a format version, read through
the guarded reader and checked by the pydantic model below.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from balancing_act.errors import ReadError, SessionError
from balancing_act.io import KB, describe, read_text, validation_message, write_text
from balancing_act.resources import shipped_scenario
from balancing_act.scenario.loader import Scenario, load_scenario
from balancing_act.scenario.yamlread import load_yaml_data

SESSION_FORMAT = 2
SESSION_KIND = "balancing-act-session"
MAX_SESSION = 512 * KB
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_PATTERN = r"^[A-Z0-9]{4,12}$"


class Rules(BaseModel):
    """How students play: previews, undo, a time limit, which questions, when history shows."""

    model_config = ConfigDict(extra="forbid")

    preview: Literal["scenario", "none", "dots", "numbers"] = "scenario"
    undo: bool = False
    time_limit_seconds: int | None = Field(None, ge=5, le=3600)
    questions: list[int] | None = Field(None, description="Debrief questions to show (1-based);"
                                                          " all when absent.")
    reveal: Literal["immediate", "debrief"] = Field(
        "debrief", description="When students learn what India did: at once, or in the debrief.")

    @field_validator("questions")
    @classmethod
    def _questions(cls, value: list[int] | None) -> list[int] | None:
        if value is not None and (not value or any(q < 1 or q > 50 for q in value)):
            raise ValueError("question numbers count from 1 (at most 50)")
        return value


class SessionScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str = Field(max_length=1000)
    id: str = Field(max_length=64)
    title: str = Field(max_length=500)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise ValueError("the scenario path contains characters no file name can have")
        return value


class RosterEntry(BaseModel):
    """A student on the class list: an id for the gradebook, the name shown, and a check value
    that tells a mistyped personal code from the right one without revealing it. (Emails stay
    in the instructor's class list: students receive this file.)"""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=120)
    check: str = Field(max_length=32)


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal[1, 2] = 2
    kind: Literal["balancing-act-session"] = "balancing-act-session"
    class_code: str = Field(pattern=CODE_PATTERN)
    scenario: SessionScenario
    seed: int = Field(ge=0, le=2**63 - 1)
    seed_per_student: bool = False
    rules: Rules = Field(default_factory=Rules)
    roster: list[RosterEntry] = Field(default_factory=list, max_length=2000)

    def student(self, name_or_id: str) -> RosterEntry | None:
        """The class-list entry a typed name (or id) means, if the session has a list."""
        wanted = normal_name(name_or_id)
        return next((s for s in self.roster if normal_name(s.name) == wanted
                     or normal_name(s.id) == wanted), None)

    def seed_for(self, name: str) -> int:
        """The class seed, or with one seed per student a seed derived from the name."""
        if not self.seed_per_student:
            return self.seed
        digest = hashlib.sha256(f"{self.seed}:{normal_name(name)}".encode()).digest()
        return int.from_bytes(digest[:6], "big")

    def scenario_path(self, session_file: Path) -> Path:
        """The scenario beside the session as recorded; when that file is not there (a session
        made with a shipped scenario, opened on another computer), the game's own copy of the
        scenario with that id. Its fingerprint is checked either way."""
        path = Path(self.scenario.path)
        path = path if path.is_absolute() else (session_file.parent / path)
        if not path.exists():
            shipped = shipped_scenario(self.scenario.id)
            if shipped is not None:
                return shipped
        return path

    def load_scenario(self, session_file: Path) -> Scenario:
        """The session's scenario, refused if its content changed since the session was made."""
        scenario = load_scenario(self.scenario_path(session_file))
        if scenario.sha256 != self.scenario.sha256:
            raise SessionError(f"{describe(self.scenario_path(session_file))} has changed since "
                               "the session was created; results would not match the class")
        return scenario

    def to_yaml(self, file_name: str) -> str:
        return ("# A Balancing Act class session: students play it with\n"
                f"#   balancing-act play --session {file_name}\n"
                + yaml.safe_dump(self.model_dump(), sort_keys=False, allow_unicode=True))


def normal_name(name: str) -> str:
    """Names compared without case or extra spaces: 'Asha  K' and 'asha k' are one student."""
    return " ".join(name.split()).casefold()


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def create_session(scenario_path: Path, out: Path, *, seed: int, per_student: bool = False,
                   code: str | None = None, rules: Rules | None = None,
                   roster: list[RosterEntry] | None = None) -> Session:
    """Write a session file for `scenario_path` to `out` (atomically) and return it."""
    scenario = load_scenario(scenario_path)
    relative = os.path.relpath(scenario_path.resolve(), out.resolve().parent)
    session = Session(class_code=code or new_code(),
                      scenario=SessionScenario(path=Path(relative).as_posix(), id=scenario.id,
                                               title=scenario.title, sha256=scenario.sha256),
                      seed=seed, seed_per_student=per_student, rules=rules or Rules(),
                      roster=roster or [])
    write_text(out, session.to_yaml(out.name))
    return session


def read_session(path: Path) -> Session:
    """A session file, through the guarded reader and the model; SessionError says why not."""
    name = describe(path)
    try:
        text = read_text(path, limit=MAX_SESSION, what="session files")
    except ReadError as err:
        raise SessionError(str(err)) from None
    try:
        data = load_yaml_data(text, name)
    except ReadError as err:
        raise SessionError(str(err)) from None
    if not isinstance(data, dict) or data.get("kind") != SESSION_KIND:
        raise SessionError(f"{name}: this is not a Balancing Act session file")
    try:
        return Session.model_validate(data)
    except ValidationError as err:
        raise SessionError(f"{name}: {validation_message(err)}") from None


MARKS = ("Mn", "Mc")  # combining marks: the vowel signs, anusvara and accents of a letter


def slug(name: str) -> str:
    """A file-name part from a student's name: letters and digits of any script, with the
    combining marks that belong to them ('Priya सिंह' is 'priya-सिंह', 'José' is 'josé'), the
    rest a hyphen between words; 'student' when nothing is left."""
    parts: list[str] = []
    for char in unicodedata.normalize("NFC", normal_name(name)):
        if char.isalnum() or char == "_":
            parts.append(char)
        elif unicodedata.category(char) in MARKS and parts and parts[-1] != "-":
            parts.append(char)  # a mark after a letter is part of it
        elif parts and parts[-1] != "-":
            parts.append("-")
    kept = "".join(parts)
    cut = 40
    while 0 < cut < len(kept) and unicodedata.category(kept[cut]) in MARKS:
        cut -= 1  # never part a letter from its marks
    return kept[:cut].strip("-_") or "student"

"""A classroom session: one scenario (pinned by its hash), a seed, a class code and the rules.

The instructor writes it with `balancing-act class new`; students play with `--session FILE`;
the report checks every result against it.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from balancing_act.scenario.loader import Scenario, load_scenario

SESSION_FORMAT = 1
SESSION_KIND = "balancing-act-session"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class SessionError(ValueError):
    """A session file that cannot be used; the message says why."""


class Rules(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preview: Literal["scenario", "none", "dots", "numbers"] = "scenario"
    undo: bool = False
    time_limit_seconds: int | None = Field(None, ge=5, le=3600)
    questions: list[int] | None = Field(None, description="Debrief questions to show (1-based);"
                                                          " all when absent.")


class SessionScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    path: str
    id: str
    title: str
    sha256: str


class Session(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = SESSION_FORMAT
    kind: Literal["balancing-act-session"] = SESSION_KIND
    class_code: str = Field(pattern=r"^[A-Z0-9]{4,12}$")
    scenario: SessionScenario
    seed: int = Field(ge=0)
    seed_per_student: bool = False
    rules: Rules = Field(default_factory=Rules)

    def seed_for(self, name: str) -> int:
        """The class seed, or with one seed per student a seed derived from the name."""
        if not self.seed_per_student:
            return self.seed
        digest = hashlib.sha256(f"{self.seed}:{normal_name(name)}".encode()).digest()
        return int.from_bytes(digest[:6], "big")

    def scenario_path(self, session_file: Path) -> Path:
        path = Path(self.scenario.path)
        return path if path.is_absolute() else (session_file.parent / path)

    def load_scenario(self, session_file: Path) -> Scenario:
        """The session's scenario, refused if its content changed since the session was made."""
        scenario = load_scenario(self.scenario_path(session_file))
        if scenario.sha256 != self.scenario.sha256:
            raise SessionError(f"{self.scenario_path(session_file)} has changed since the "
                               "session was created; results would not match the class")
        return scenario


def normal_name(name: str) -> str:
    """Names compared without case or extra spaces: 'Asha  K' and 'asha k' are one student."""
    return " ".join(name.split()).casefold()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def create_session(scenario_path: Path, out: Path, *, seed: int, per_student: bool = False,
                   code: str | None = None, rules: Rules | None = None) -> Session:
    scenario = load_scenario(scenario_path)
    relative = os.path.relpath(scenario_path.resolve(), out.resolve().parent)
    session = Session(class_code=code or new_code(),
                      scenario=SessionScenario(path=Path(relative).as_posix(), id=scenario.id,
                                               title=scenario.title, sha256=scenario.sha256),
                      seed=seed, seed_per_student=per_student, rules=rules or Rules())
    text = ("# A Balancing Act class session: students play it with\n"
            f"#   balancing-act play --session {out.name}\n"
            + yaml.safe_dump(session.model_dump(), sort_keys=False))
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(out)
    return session


def read_session(path: Path) -> Session:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise SessionError(f"{path}: cannot read the session file ({err.__class__.__name__})"
                           ) from None
    if not isinstance(data, dict) or data.get("kind") != SESSION_KIND:
        raise SessionError(f"{path}: this is not a Balancing Act session file")
    try:
        return Session.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SessionError(f"{path}: {where}: {first['msg']}") from None


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normal_name(name)).strip("-")[:40] or "student"

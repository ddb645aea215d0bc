"""Who is playing in a session: a student takes a seat with their name (and, when the session
has a class list, their personal code); the seat gives the game its seed and the result its
signature. The terminal, the window and the class server all seat students here."""

from __future__ import annotations

from dataclasses import dataclass

from balancing_act.classroom.roster import code_check, normal_code, seed_from_code
from balancing_act.classroom.session import Session
from balancing_act.errors import SessionError

MAX_NAME = 60


def clean_name(name: str) -> str:
    """A student's name as kept: control, zero-width and direction characters dropped, spaces
    collapsed, at most MAX_NAME characters."""
    hidden = set("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060"
                 "\u2066\u2067\u2068\u2069\ufeff\u00ad")
    kept = "".join(c for c in name if c.isprintable() and c not in hidden)
    return " ".join(kept.split())[:MAX_NAME]


@dataclass(frozen=True)
class Seat:
    name: str
    student_id: str
    code: str  # the personal code, normalised ("" when the session has no class list)
    seed: int


def take_seat(session: Session, name: str, code: str = "") -> Seat:
    """The seat a name (and code) gives in `session`; SessionError in the student's words."""
    student = clean_name(name)
    if not student:
        raise SessionError("type your name to join the class")
    if not session.roster:
        return Seat(student, "", "", session.seed_for(student))
    entry = session.student(student)
    if entry is None:
        raise SessionError(f"'{student}' is not on this class's list; type your name as your "
                           "instructor wrote it (or your student id)")
    typed = normal_code(code)
    if not typed:
        raise SessionError(f"{entry.name}: type the personal code from your handout")
    if code_check(typed, session.class_code) != entry.check:
        raise SessionError(f"that personal code does not fit {entry.name}; check it on your "
                           "handout")
    return Seat(entry.name, entry.id, typed, seed_from_code(typed, session.class_code))

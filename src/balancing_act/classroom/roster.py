"""The class list and the personal codes that make a student's result theirs alone.

`class new --roster students.csv` reads the list (columns `id,name`, optional `email`) and
keeps a secret in a key file for the instructor only. From the secret each student gets a short
personal code, printed on a handout. The code seeds the student's game and signs their result
(an HMAC), so without a classmate's code nobody can hand in a result under that classmate's
name: the report, which has the key, recomputes every code and checks every signature.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from balancing_act.errors import ReadError, SessionError
from balancing_act.io import KB, MB, describe, read_text, validation_message, write_text
from balancing_act.scenario.yamlread import load_yaml_data

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 8
MAX_ROSTER = MB
MAX_STUDENTS = 2000
KEY_KIND = "balancing-act-session-key"


@dataclass(frozen=True)
class Student:
    id: str
    name: str
    email: str = ""


def read_roster(path: Path) -> list[Student]:
    """A class list from CSV (comma or semicolon, UTF-8 with or without a byte-order mark);
    ReadError with `file:LINE` for anything it cannot use."""
    name = describe(path)
    text = read_text(path, limit=MAX_ROSTER, what="class lists")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as err:
        raise ReadError(name, f"not a readable class list ({err})") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ReadError(name, "the class list is empty; it needs a header line: id,name")
    header = [h.strip().lower() for h in rows[0]]
    if "id" not in header or "name" not in header:
        raise ReadError(f"{name}:1", f"the first line names the columns; it needs 'id' and "
                                     f"'name' (found {', '.join(header) or 'nothing'})")
    where: dict[str, int] = {key: header.index(key) for key in ("id", "name", "email")
                             if key in header}
    students: list[Student] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = [c.strip() for c in row]

        def cell(key: str, cells: list[str] = cells) -> str:
            index = where.get(key)
            return cells[index] if index is not None and index < len(cells) else ""

        ident, full_name, email = cell("id"), cell("name"), cell("email")
        if not ident or not full_name:
            raise ReadError(f"{name}:{number}", "each student needs an id and a name")
        if len(ident) > 64 or len(full_name) > 120 or len(email) > 200:
            raise ReadError(f"{name}:{number}", "an id is at most 64 characters, a name 120")
        if ident in seen:
            raise ReadError(f"{name}:{number}", f"the id '{ident}' is already used on line "
                                                f"{seen[ident]}")
        seen[ident] = number
        students.append(Student(ident, " ".join(full_name.split()), email))
    if len(students) > MAX_STUDENTS:
        raise ReadError(name, f"a class list has at most {MAX_STUDENTS} students")
    if not students:
        raise ReadError(name, "the class list names no students")
    return students


class SessionKey(BaseModel):
    """The instructor's secret for one session (keep this file away from students)."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = 1
    kind: Literal["balancing-act-session-key"] = "balancing-act-session-key"
    class_code: str = Field(max_length=12)
    secret: str = Field(pattern=r"^[0-9a-f]{64}$")


def new_key(class_code: str) -> SessionKey:
    return SessionKey(class_code=class_code, secret=secrets.token_hex(32))


def write_key(path: Path, key: SessionKey) -> None:
    text = ("# The instructor's key for a Balancing Act class session. Keep it private: it\n"
            "# makes every student's personal code. The class report needs it.\n"
            + yaml.safe_dump(key.model_dump(), sort_keys=False))
    write_text(path, text)


def read_key(path: Path) -> SessionKey:
    name = describe(path)
    try:
        data = load_yaml_data(read_text(path, limit=16 * KB, what="key files"), name)
    except ReadError as err:
        raise SessionError(str(err)) from None
    if not isinstance(data, dict) or data.get("kind") != KEY_KIND:
        raise SessionError(f"{name}: this is not a Balancing Act session key")
    try:
        return SessionKey.model_validate(data)
    except ValidationError as err:
        raise SessionError(f"{name}: {validation_message(err)}") from None


def key_path_for(session_file: Path) -> Path:
    """Where `class new` puts the key: beside the session, as NAME.key.yaml."""
    return session_file.with_name(session_file.stem + ".key.yaml")


def _digest(secret: bytes, *parts: str) -> bytes:
    return hmac.new(secret, "\x1f".join(parts).encode("utf-8"), hashlib.sha256).digest()


def _letters(digest: bytes, length: int) -> str:
    number = int.from_bytes(digest, "big")
    letters = []
    for _ in range(length):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def personal_code(key: SessionKey, student_id: str) -> str:
    """The student's code: 8 letters and digits (about 40 bits), from the secret and the id."""
    return _letters(_digest(bytes.fromhex(key.secret), "code", key.class_code, student_id),
                    CODE_LENGTH)


def normal_code(code: str) -> str:
    """A typed code as compared: capitals, without spaces or dashes."""
    return "".join(code.upper().split()).replace("-", "")


def code_check(code: str, class_code: str) -> str:
    """A short value that tells a mistyped code from the right one without revealing it."""
    return _letters(_digest(normal_code(code).encode(), "check", class_code), 6)


def seed_from_code(code: str, class_code: str) -> int:
    """The seed of the game a personal code plays."""
    digest = _digest(normal_code(code).encode(), "seed", class_code)
    return int.from_bytes(digest[:8], "big") & (2**63 - 1)


def canonical(data: dict[str, Any]) -> bytes:
    """The bytes a signature covers: the result without its signature, keys sorted."""
    body = {k: v for k, v in data.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign(code: str, data: dict[str, Any]) -> str:
    return hmac.new(normal_code(code).encode(), canonical(data), hashlib.sha256).hexdigest()


def signature_fits(code: str, data: dict[str, Any], signature: str) -> bool:
    return hmac.compare_digest(sign(code, data), signature)

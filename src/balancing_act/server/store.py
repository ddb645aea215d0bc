"""The live class's records: one SQLite file per class, in WAL mode, written before any page
answers.

Everything the server knows about a class lives here: who joined (name, class-list id, personal
code, seed), every decision with the seconds it took, the projector game's votes, and the
class's state (paused, ended). A game is rebuilt from its seed and decisions, so a restart
resumes every student exactly where they were. The rest of the server talks to `ClassStore`
only, through plain data (`Player`, `DecisionRow`), so that a school-wide server could put
PostgreSQL behind the same methods.

Each write is one transaction, committed before the method returns. Decisions, seats, votes
and the class's state are committed with `synchronous=FULL` (on disk, also through a power
cut); what only helps a page resume (the outcome read, the card first shown, when a student was
last seen) with `synchronous=NORMAL`, which a killed server never loses either. A failed
write (a full disk, a read-only folder) is a `StoreError` saying so, and leaves the records
as they were.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from balancing_act.errors import WriteError
from balancing_act.io import describe

STORE_FORMAT = 1
REJOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS players (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    student_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL DEFAULT '',
    seed INTEGER NOT NULL,
    projector INTEGER NOT NULL DEFAULT 0,
    rejoin TEXT NOT NULL,
    joined REAL NOT NULL,
    last_seen REAL NOT NULL,
    begun INTEGER NOT NULL DEFAULT 0,
    seen INTEGER NOT NULL DEFAULT 0,
    shown_turn INTEGER,
    shown_at REAL
);
CREATE UNIQUE INDEX IF NOT EXISTS players_by_name ON players (name_key) WHERE projector = 0;
CREATE TABLE IF NOT EXISTS decisions (
    player INTEGER NOT NULL REFERENCES players (id),
    number INTEGER NOT NULL,
    turn INTEGER NOT NULL,
    event TEXT NOT NULL,
    option TEXT NOT NULL,
    seconds REAL NOT NULL,
    late INTEGER NOT NULL,
    at REAL NOT NULL,
    votes TEXT,
    PRIMARY KEY (player, number)
);
CREATE TABLE IF NOT EXISTS votes (
    number INTEGER NOT NULL,
    player INTEGER NOT NULL REFERENCES players (id),
    option TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (number, player)
);
"""


class StoreError(WriteError):
    """The class's records could not be read or written; nothing was changed."""


@dataclass(frozen=True)
class Player:
    """A seat in the class: a student, or the class's own projector game."""

    id: int
    token: str
    name: str
    student_id: str
    code: str
    seed: int
    projector: bool
    rejoin: str
    joined: float
    last_seen: float
    begun: bool
    seen: int  # outcomes the player has read (equal to the decisions once read)
    shown_turn: int | None  # the turn whose card was first shown at `shown_at`
    shown_at: float | None


@dataclass(frozen=True)
class DecisionRow:
    player: int
    number: int
    turn: int
    event: str
    option: str
    seconds: float
    late: bool
    at: float
    votes: dict[str, int] | None


def _reason(err: sqlite3.Error) -> str:
    text = str(err).lower()
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the folder is read-only"
    if "locked" in text or "busy" in text:
        return "another program is using the class's records"
    if "disk i/o" in text:
        return "an input/output error"
    if "not a database" in text or "malformed" in text:
        return "the file is not a Balancing Act class record (or it is damaged)"
    return text


class ClassStore:
    """One class's records in one SQLite file. Thread-safe: one connection, one lock."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._clock = clock
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                                       timeout=10)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as err:
            reason = _reason(err) if isinstance(err, sqlite3.Error) else \
                (err.strerror or str(err)).lower()
            raise StoreError(f"{describe(path)}: cannot open the class's records: "
                             f"{reason}") from None
        version = self.meta("format")
        if version is None:
            self.set_meta({"format": str(STORE_FORMAT)})
        elif version != str(STORE_FORMAT):
            raise StoreError(f"{describe(path)}: these class records are format {version}; "
                             f"this version of Balancing Act reads format {STORE_FORMAT}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def now(self) -> float:
        return float(self._clock())

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def _write(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction, committed when the block ends (and with `durable`, synced to the
        disk); StoreError, with nothing changed, when it cannot be."""
        with self._lock:
            try:
                if not durable:
                    self._db.execute("PRAGMA synchronous=NORMAL")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                except sqlite3.Error as err:
                    raise self._failed(err) from None
                try:
                    yield self._db
                    self._db.execute("COMMIT")
                except sqlite3.IntegrityError:
                    self._rollback()
                    raise
                except sqlite3.Error as err:
                    self._rollback()
                    raise self._failed(err) from None
                except BaseException:
                    self._rollback()
                    raise
            finally:
                if not durable:
                    with contextlib.suppress(sqlite3.Error):
                        self._db.execute("PRAGMA synchronous=FULL")

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):  # nothing was begun
            self._db.execute("ROLLBACK")

    def _failed(self, err: sqlite3.Error) -> StoreError:
        return StoreError(f"{describe(self.path)}: cannot save: {_reason(err)}")

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return list(self._db.execute(sql, args))
            except sqlite3.Error as err:
                raise StoreError(f"{describe(self.path)}: cannot read the class's records: "
                                 f"{_reason(err)}") from None

    # -- the class -------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self._write() as db:
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                           "DO UPDATE SET value = excluded.value", list(values.items()))

    def secret(self, key: str, make: int = 32) -> str:
        """A secret kept with the class (the cookie key, the teacher's key): made once, the
        same after a restart so open pages keep working."""
        value = self.meta(key)
        if value is None:
            value = secrets.token_urlsafe(make)
            with self._write() as db:
                db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
            value = self.meta(key)
            assert value is not None
        return value

    # -- players ---------------------------------------------------------------------------

    def add_player(self, *, name: str, name_key: str, seed: int, student_id: str = "",
                   code: str = "", projector: bool = False) -> Player:
        """A new seat; sqlite3.IntegrityError when the name is taken (the caller says so)."""
        now = self.now()
        token = secrets.token_urlsafe(18)
        rejoin = "".join(secrets.choice(REJOIN_ALPHABET) for _ in range(6))
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO players (token, name, name_key, student_id, code, seed, projector,"
                " rejoin, joined, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (token, name, name_key, student_id, code, seed, int(projector), rejoin, now,
                 now))
            number = cursor.lastrowid
        player = self.player(int(number or 0))
        assert player is not None
        return player

    def player(self, player_id: int) -> Player | None:
        rows = self._read("SELECT * FROM players WHERE id = ?", (player_id,))
        return _player(rows[0]) if rows else None

    def player_by_token(self, token: str) -> Player | None:
        rows = self._read("SELECT * FROM players WHERE token = ?", (token,))
        return _player(rows[0]) if rows else None

    def player_by_name(self, name_key: str) -> Player | None:
        rows = self._read("SELECT * FROM players WHERE name_key = ? AND projector = 0",
                          (name_key,))
        return _player(rows[0]) if rows else None

    def players(self, *, projector: bool | None = False) -> list[Player]:
        if projector is None:
            rows = self._read("SELECT * FROM players ORDER BY id")
        else:
            rows = self._read("SELECT * FROM players WHERE projector = ? ORDER BY id",
                              (int(projector),))
        return [_player(row) for row in rows]

    def update_player(self, player_id: int, **fields: object) -> None:
        allowed = {"last_seen", "begun", "seen", "shown_turn", "shown_at"}
        if not fields or set(fields) - allowed:
            raise ValueError(f"cannot update {sorted(set(fields) - allowed)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with self._write(durable=False) as db:
            db.execute(f"UPDATE players SET {assignments} WHERE id = ?",
                       (*fields.values(), player_id))

    # -- decisions -------------------------------------------------------------------------

    def add_decision(self, row: DecisionRow, *, seen: int | None = None) -> None:
        """Commit one decision (and what the player has read) in one transaction."""
        with self._write() as db:
            db.execute(
                "INSERT INTO decisions (player, number, turn, event, option, seconds, late, at,"
                " votes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row.player, row.number, row.turn, row.event, row.option, row.seconds,
                 int(row.late), row.at, json.dumps(row.votes) if row.votes is not None
                 else None))
            db.execute("UPDATE players SET last_seen = ?, shown_turn = NULL, shown_at = NULL"
                       + (", seen = ?" if seen is not None else "") + " WHERE id = ?",
                       (row.at, *((seen,) if seen is not None else ()), row.player))

    def remove_last_decision(self, player_id: int, number: int) -> None:
        """Undo: the player's decision `number` (their last) is gone, as if never made."""
        with self._write() as db:
            db.execute("DELETE FROM decisions WHERE player = ? AND number = ?",
                       (player_id, number))
            db.execute("UPDATE players SET seen = MIN(seen, ?), shown_turn = NULL, "
                       "shown_at = NULL, last_seen = ? WHERE id = ?",
                       (number - 1, self.now(), player_id))

    def decisions(self, player_id: int | None = None) -> list[DecisionRow]:
        if player_id is None:
            rows = self._read("SELECT * FROM decisions ORDER BY player, number")
        else:
            rows = self._read("SELECT * FROM decisions WHERE player = ? ORDER BY number",
                              (player_id,))
        return [DecisionRow(int(r["player"]), int(r["number"]), int(r["turn"]), str(r["event"]),
                            str(r["option"]), float(r["seconds"]), bool(r["late"]),
                            float(r["at"]), json.loads(r["votes"]) if r["votes"] else None)
                for r in rows]

    # -- projector votes -------------------------------------------------------------------

    def vote(self, number: int, player_id: int, option: str) -> None:
        """A student's vote on the projector game's decision `number` (a new vote replaces
        their earlier one)."""
        with self._write() as db:
            db.execute("INSERT INTO votes (number, player, option, at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (number, player) DO UPDATE SET option = excluded.option, "
                       "at = excluded.at", (number, player_id, option, self.now()))

    def votes(self, number: int) -> dict[int, str]:
        """Who voted for what on decision `number`: player id -> option id."""
        rows = self._read("SELECT player, option FROM votes WHERE number = ?", (number,))
        return {int(r["player"]): str(r["option"]) for r in rows}


def _player(row: sqlite3.Row) -> Player:
    return Player(
        id=int(row["id"]), token=str(row["token"]), name=str(row["name"]),
        student_id=str(row["student_id"]), code=str(row["code"]), seed=int(row["seed"]),
        projector=bool(row["projector"]), rejoin=str(row["rejoin"]),
        joined=float(row["joined"]), last_seen=float(row["last_seen"]),
        begun=bool(row["begun"]), seen=int(row["seen"]),
        shown_turn=None if row["shown_turn"] is None else int(row["shown_turn"]),
        shown_at=None if row["shown_at"] is None else float(row["shown_at"]))

"""The gradebook: one row per student on the class list, absent ones included, and a row for
each result that matches no one on it.

Each row says what became of the student's hand-in: finished or unfinished (a counted game),
flagged (only results that are not counted), or absent (nothing handed in). Its flags say what
the instructor should look at: results not counted and why, a damaged file that bears their
name, other games set aside for the one that counts, the same decisions as a classmate, a result
from someone not on the list. Without a class list there is one row per student who handed in,
by name, a damaged file among them when its name (as the game writes it) says whose it was.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from balancing_act.classroom.debrief import TONE_NUMBER
from balancing_act.classroom.results import name_in_file_name
from balancing_act.classroom.roster import Student
from balancing_act.classroom.session import normal_name, slug
from balancing_act.classroom.verify import ATTEMPT_WORDS, Checked, ClassResults, Verified

Status = Literal["finished", "unfinished", "flagged", "absent"]


@dataclass
class GradeRow:
    id: str
    name: str
    email: str = ""
    on_list: bool | None = True  # False: matches no one on the class list; None: no list
    counted: Verified | None = None
    flagged: list[Checked] = field(default_factory=list)  # their results not counted
    set_aside: list[Verified] = field(default_factory=list)  # their other games
    same_as: list[str] = field(default_factory=list)  # classmates with the same decisions
    unreadable: list[Path] = field(default_factory=list)  # files named after them, not read

    @property
    def status(self) -> Status:
        if self.counted is not None:
            return "finished" if self.counted.game.finished else "unfinished"
        return "flagged" if self.flagged or self.unreadable else "absent"

    @property
    def ending_tone(self) -> int | None:
        """good 2, mixed 1, bad 0; None without a finished, counted game."""
        ending = self.counted.game.ending if self.counted else None
        return TONE_NUMBER[ending.tone] if ending and self.counted and \
            self.counted.game.finished else None

    def flags(self, attempt: str) -> list[str]:
        """What the instructor should look at, in plain words."""
        notes = []
        if self.on_list is False:
            notes.append("not on the class list")
        for checked in self.flagged:
            notes.append(f"not counted: {checked.path.name}: {checked.reason}")
        for path in self.unreadable:
            notes.append(f"a file named after them could not be read: {path.name} (see the "
                         "problems)")
        if self.set_aside:
            more = len(self.set_aside)
            notes.append(f"{more} more game{'s' if more > 1 else ''} handed in; "
                         f"{ATTEMPT_WORDS.get(attempt, attempt)} counts")
        if self.same_as:
            notes.append("the same decisions as " + ", ".join(self.same_as))
        return notes


def gradebook(report: ClassResults, roster: Sequence[Student] | None = None) -> list[GradeRow]:
    """The rows, in the class list's order (the class list given, else the session's), then
    the results that match no one on it; without any class list, by name."""
    students = list(roster) if roster else [Student(s.id, s.name) for s in report.session.roster]
    rows = [GradeRow(s.id, s.name, s.email) for s in students]
    by_id = {row.id: row for row in rows}
    by_name: dict[str, GradeRow] = {}
    for row in rows:
        by_name.setdefault(normal_name(row.name), row)
        by_name.setdefault(normal_name(row.id), row)
    extra: dict[str, GradeRow] = {}

    def row_for(student_id: str, name: str) -> GradeRow:
        found = by_id.get(student_id) if student_id else None
        found = found or by_name.get(normal_name(name))
        if found is not None:
            return found
        key = student_id or normal_name(name)
        if key not in extra:
            extra[key] = GradeRow(student_id, name, on_list=False if students else None)
        return extra[key]

    for counted in report.counted:
        row = row_for(counted.result.student_id, counted.name)
        if row.counted is None:
            row.counted = counted
        else:  # two ids or spellings of one listed student: the other is set aside
            row.set_aside.append(counted)
        row.set_aside += report.attempts_of(counted)
        row.same_as += [c.name for c in report.copied_with(counted)]
    for checked in report.flagged:
        student_id = checked.result.student_id if checked.result else ""
        row_for(student_id, checked.name).flagged.append(checked)
    for row in rows:  # a damaged file's name may still say whose it is
        if row.counted is None and not row.flagged:
            mark = f"-{slug(row.name)}"
            row.unreadable = [p for p in report.unreadable
                              if mark in _file_name(p) and slug(row.name) != "student"]
    if not students:  # without a class list, the file's name is the row's name
        named = {slug(row.name) for row in extra.values()}
        for path in report.unreadable:
            name = name_in_file_name(path.name)
            if name and slug(name) not in named:
                row_for("", name).unreadable.append(path)
    unmatched = sorted(extra.values(), key=lambda r: (normal_name(r.name), r.id))
    return rows + unmatched if students else unmatched


def _file_name(path: Path) -> str:
    """A file's name as slugs are compared: composed (as a Mac may not store it), lower case."""
    return unicodedata.normalize("NFC", path.name).lower()


def listed(rows: list[GradeRow]) -> list[GradeRow]:
    """The rows of the class list's students (none when there is no class list)."""
    return [row for row in rows if row.on_list]

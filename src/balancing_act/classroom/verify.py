"""Every result replayed and checked against the session.

A result counts only when its class code, scenario and scenario version match the session, its
seed is the one the session gives that student, its rules are the session's, and replaying its
decisions gives exactly its ending and meters; otherwise it is flagged by name with the reason
and left out of the figures. Unreadable files, results from elsewhere and duplicates are listed
with why, never counted twice, and one bad file never stops the others from being checked.

A folder is read with everything in it: results (`.json`, in any case of letters), results
inside zip archives (as a course website's "download all" gives them), and a line for every
other file saying why it was not read. When a student handed in several games, the instructor's
choice of attempt (the first finished, the best ending, the last finished) decides which counts;
the others are kept beside it for the gradebook's flags.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from balancing_act.classroom.results import MAX_RESULT, MAX_VOTES, RESULT_KIND, ResultFile
from balancing_act.classroom.roster import (
    SessionKey,
    personal_code,
    seed_from_code,
    signature_fits,
)
from balancing_act.classroom.session import Session, normal_name
from balancing_act.engine.batch import replay_many
from balancing_act.engine.compiled import compile_scenario
from balancing_act.errors import ReadError, SessionError
from balancing_act.io import (
    MB,
    decode_text,
    describe,
    load_model,
    parse_json,
    read_bytes,
    read_json,
)
from balancing_act.resources import shipped_scenario
from balancing_act.scenario.loader import Scenario, load_scenario
from balancing_act.scenario.model import Ending
from balancing_act.scenario.problems import ScenarioError

MAX_FILES = 5000
MAX_ARCHIVE = 256 * MB  # a zip of a whole year's hand-ins is far smaller
Attempt = Literal["first", "best", "last"]
ATTEMPT_WORDS = {"first": "the first finished game", "best": "the game with the best ending",
                 "last": "the last finished game"}
TONE_RANK = {"good": 2, "mixed": 1, "bad": 0}


@dataclass(frozen=True)
class Step:
    """One decision of a replayed game."""

    turn: int
    event_id: str
    event_title: str
    option_id: str
    option_label: str


@dataclass(frozen=True)
class Played:
    """A game as the replay made it: what the report and the figures read."""

    history: tuple[Step, ...]
    meters: dict[str, int]
    meter_track: tuple[dict[str, int], ...]  # at the start, then after each decision
    ending: Ending | None
    finished: bool

    @property
    def choices(self) -> list[str]:
        return [step.option_id for step in self.history]


@dataclass
class Checked:
    path: Path
    name: str
    result: ResultFile | None
    game: Played | None
    reason: str = ""  # empty when verified

    @property
    def verified(self) -> bool:
        return not self.reason


@dataclass
class Verified:
    """A result that counts: replayed, it gives exactly what it claims."""

    path: Path
    name: str
    result: ResultFile
    game: Played
    reason: str = ""
    order: int = 0  # the order it was read in: the tie-break between attempts

    @property
    def verified(self) -> bool:
        return True

    @property
    def student(self) -> str:
        """Who it belongs to: the class list's id, else the name as compared."""
        return self.result.student_id or normal_name(self.name)


@dataclass
class ClassResults:
    session: Session
    scenario: Scenario
    counted: list[Verified] = field(default_factory=list)
    flagged: list[Checked] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    projector: list[Verified] = field(default_factory=list)  # the class's own games
    notes: list[str] = field(default_factory=list)  # for the instructor to look at
    attempt: Attempt = "first"  # which of a student's games counts
    set_aside: list[Verified] = field(default_factory=list)  # their other verified games
    copies: list[list[Verified]] = field(default_factory=list)  # the same decisions, 2+ names
    unreadable: list[Path] = field(default_factory=list)  # result files that could not be read

    def attempts_of(self, counted: Verified) -> list[Verified]:
        """The student's other verified games, set aside for the one that counts."""
        return [v for v in self.set_aside if v.student == counted.student]

    def copied_with(self, counted: Verified) -> list[Verified]:
        """The others whose decisions are the very same as this student's."""
        return [other for group in self.copies if counted in group
                for other in group if other is not counted]

    @property
    def finished(self) -> list[Verified]:
        return [c for c in self.counted if c.game.finished]

    @property
    def class_size(self) -> int:
        """The most votes one card can have: the class list's length, else the students who
        handed in, else the largest class the tools take."""
        return len(self.session.roster) or len(self.counted) or MAX_VOTES


def result_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The result files (.json) and archives (.zip) named or inside the folders named; every
    other file is listed with why it was not read."""
    files: list[Path] = []
    problems: list[str] = []
    hidden = 0
    for path in paths:
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if not item.is_file():
                    continue
                if item.name.startswith("."):
                    hidden += 1
                elif item.suffix.lower() in (".json", ".zip"):
                    files.append(item)
                else:
                    problems.append(f"{describe(item)}: skipped: not a result file (results "
                                    "end in .json)")
        elif path.is_file() or path.exists():
            files.append(path)
        else:
            problems.append(f"{describe(path)}: no such file or folder")
    if hidden:
        problems.append(f"skipped {hidden} hidden file{'s' if hidden > 1 else ''} (names "
                        "starting with a dot, as the computer's own files have)")
    if len(files) > MAX_FILES:
        problems.append(f"{len(files) - MAX_FILES} files beyond the first {MAX_FILES} were not "
                        "read")
        files = files[:MAX_FILES]
    return files, problems


def read_result(path: Path) -> ResultFile:
    """A result file through the guarded reader and the model; ReadError says why not."""
    return result_from(read_json(path, limit=MAX_RESULT, what="result files"), describe(path))


def result_from(data: object, name: str) -> ResultFile:
    """A result from parsed JSON, checked by the model; ReadError says why not."""
    if not isinstance(data, dict) or data.get("kind") != RESULT_KIND:
        raise ReadError(name, "not a Balancing Act result")
    if data.get("format") not in (1, 2):
        raise ReadError(name, f"result format {data.get('format')!r} is not one this version "
                              "reads")
    return load_model(ResultFile, data, name)


def archive_results(path: Path, problems: list[str],
                    unreadable: list[Path] | None = None) -> Iterator[tuple[Path, ResultFile]]:
    """The results inside a zip archive, each known as ARCHIVE/MEMBER; every member that is
    not one (or cannot be read) goes into `problems` with why. Nothing is unpacked to disk,
    and every size is bounded before anything is decompressed."""
    name = describe(path)
    try:
        raw = read_bytes(path, limit=MAX_ARCHIVE, what="hand-in archives")
    except ReadError as err:
        problems.append(str(err))
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        problems.append(f"{name}: not a readable zip archive; unzip it and give the folder")
        return
    budget = MAX_ARCHIVE  # what may be decompressed in all, whatever the headers claim
    for info in members[:MAX_FILES]:
        if budget <= 0:
            problems.append(f"{name}: the rest of the archive was not read (more than "
                            f"{MAX_ARCHIVE // MB} MB inside)")
            break
        parts = [part for part in PurePosixPath(info.filename.replace("\\", "/")).parts
                 if part not in ("/", ".", "..")]  # only a label: nothing is unpacked
        label = path.joinpath(*parts) if parts else path
        shown = describe(label)
        if info.is_dir() or Path(info.filename).name.startswith(".") \
                or info.filename.startswith("__MACOSX/"):  # the Mac's own files
            continue
        if Path(info.filename).suffix.lower() != ".json":
            problems.append(f"{shown}: skipped: not a result file (results end in .json)")
            continue
        if info.flag_bits & 0x1:
            problems.append(f"{shown}: skipped: the archive protects it with a password")
            continue
        if info.file_size > MAX_RESULT:
            problems.append(f"{shown}: the file is larger than 1 MB; result files are limited "
                            "to 1 MB")
            continue
        try:
            with archive.open(info) as member:
                raw = member.read(MAX_RESULT + 1)
            budget -= len(raw)
            if len(raw) > MAX_RESULT:
                raise ReadError(shown, "the file is larger than 1 MB; result files are "
                                       "limited to 1 MB")
            yield label, result_from(parse_json(decode_text(raw, shown), shown), shown)
        except ReadError as err:
            problems.append(str(err))
            if unreadable is not None:
                unreadable.append(label)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            problems.append(f"{shown}: damaged inside the archive; unzip it and hand in the "
                            "file again")
    if len(members) > MAX_FILES:
        problems.append(f"{name}: {len(members) - MAX_FILES} files beyond the first "
                        f"{MAX_FILES} were not read")


def check_one(session: Session, scenario: Scenario, path: Path, result: ResultFile,
              key: SessionKey | None = None) -> Checked:
    """The checks that need no replay: the session, the scenario version, who played (the
    class list, the personal code's seed and signature), the rules."""
    name = result.name.strip() or "(no name)"
    checked = Checked(path, name, result, None)
    entry = next((s for s in session.roster if s.id == result.student_id), None)
    if result.class_code != session.class_code:
        checked.reason = f"from another session (class code {result.class_code!r})"
    elif result.scenario.id != scenario.id:
        checked.reason = other_scenario(result.scenario.id, scenario)
    elif result.scenario.sha256 != scenario.sha256:
        checked.reason = "made with another version of the scenario"
    elif result.projector:  # the class's own game: the class seed, nobody's personal code
        if result.seed != session.seed:
            checked.reason = "a projector game, but not from the session's seed"
    elif session.roster and entry is None:
        checked.reason = "its student is not on the session's class list"
    elif entry is not None and normal_name(entry.name) != normal_name(name):
        checked.reason = f"its name is not the class list's name for id {entry.id!r}"
    elif entry is not None and key is not None:
        checked.reason = _signature_problem(key, entry.id, result)
    elif not session.roster and result.seed != session.seed_for(name):
        checked.reason = "its seed is not the one the session gives this student"
    if not checked.reason and result.rules is not None and result.rules != session.rules:
        checked.reason = "played under other rules than the session's (previews, undo, time "\
                         "limit, questions or when history is told)"
    return checked


def other_scenario(scenario_id: str, scenario: Scenario) -> str:
    """Why a result played in another scenario is not counted, naming that scenario (by its
    title when it is one the game ships) so it can be reported with its own session."""
    title = _shipped_title(scenario_id)
    played = f"'{title}', id {scenario_id}" if title else f"id {scenario_id}"
    return f"played in another scenario ({played}), not this session's ('{scenario.file.title}')"


@functools.cache
def _shipped_title(scenario_id: str) -> str:
    """The title of the shipped scenario with this id ("" when none is, or it cannot be read)."""
    path = shipped_scenario(scenario_id)
    if path is None:
        return ""
    try:
        return load_scenario(path).file.title
    except (ReadError, ScenarioError):
        return ""


def replay_checked(scenario: Scenario, candidates: list[Checked]) -> None:
    """Replay every candidate's decisions in one batch and compare with what each claims."""
    if not candidates:
        return
    compiled = compile_scenario(scenario)
    results = [c.result for c in candidates]
    assert all(r is not None for r in results)
    choices = [[d.option for d in r.decisions] for r in results if r is not None]
    replay = replay_many(compiled, [r.seed for r in results if r is not None], choices)
    spec = scenario.file
    meter_ids = scenario.meter_ids
    for row, checked in enumerate(candidates):
        result = checked.result
        assert result is not None
        if replay.misfit[row]:
            checked.reason = f"its decisions do not fit the scenario ({replay.misfit[row]})"
            continue
        played = int(replay.fitted[row])
        track = tuple(_meters(meter_ids, replay.track[k][row]) for k in range(played + 1))
        history = []
        for k in range(played):
            event = spec.events[int(replay.events[row, k])]
            option = next(o for o in event.options if o.id == choices[row][k])
            history.append(Step(k + 1, event.id, event.title, option.id, option.label))
        number = int(replay.ending[row])
        game = Played(tuple(history), _meters(meter_ids, replay.meters[row]), track,
                      spec.endings[number] if number >= 0 else None,
                      bool(replay.finished[row]))
        checked.game = game
        claimed = (result.finished, result.ending, result.final_meters)
        actual = (game.finished, game.ending.id if game.ending else None, game.meters)
        if claimed != actual:
            checked.reason = ("its scores do not match its decisions (the file was changed "
                              "after the game)")


def _meters(ids: tuple[str, ...], row: object) -> dict[str, int]:
    return {m: round(float(v)) for m, v in zip(ids, row, strict=True)}  # type: ignore[call-overload]


def _signature_problem(key: SessionKey, student_id: str, result: ResultFile) -> str:
    """Why the result is not this student's, signed with their personal code ("" when it
    is): another seed is another code's game; the right seed with a wrong signature is a file
    changed after the game."""
    code = personal_code(key, student_id)
    if result.seed != seed_from_code(code, key.class_code):
        return ("it was not made with this student's personal code (its seed is another "
                "code's)")
    if not result.signature or not signature_fits(code, result.model_dump(mode="json"),
                                                  result.signature):
        return ("the file was changed after the game (its signature does not fit this "
                "student's personal code)")
    return ""


def check_results(session: Session, scenario: Scenario, paths: list[Path],
                  key: SessionKey | None = None, *,
                  attempt: Attempt = "first") -> ClassResults:
    """Check every result file under `paths` (zip archives included) against the session
    (and, for a session with a class list, against the instructor's key)."""
    files, problems = result_files(paths)
    loaded: list[tuple[Path, ResultFile]] = []
    unreadable: list[Path] = []
    for path in files:
        try:
            if path.suffix.lower() == ".zip":
                loaded.extend(archive_results(path, problems, unreadable))
            else:
                loaded.append((path, read_result(path)))
        except ReadError as err:
            problems.append(str(err))
            unreadable.append(path)
    report = check_loaded(session, scenario, loaded, key, problems, attempt=attempt)
    report.unreadable = unreadable
    return report


def check_loaded(session: Session, scenario: Scenario, loaded: list[tuple[Path, ResultFile]],
                 key: SessionKey | None = None,
                 problems: list[str] | None = None, *,
                 attempt: Attempt = "first") -> ClassResults:
    """Check results already in memory (each with the path or label it is known by): the same
    checks and the same one-batch replay as for files handed in. Of several games by one
    student, `attempt` chooses the one that counts."""
    report = ClassResults(session, scenario, attempt=attempt)
    report.problems = list(problems or [])
    if session.roster and key is None:
        report.problems.append("the session's key file was not given: the personal codes and "
                               "signatures of the results were not checked")
    elif key is not None and key.class_code != session.class_code:
        raise SessionError(f"the key is for class {key.class_code!r}, not "
                           f"{session.class_code!r}")
    candidates: list[Checked] = []
    for path, result in loaded:
        first = check_one(session, scenario, path, result, key)
        (report.flagged if first.reason else candidates).append(first)
    replay_checked(scenario, candidates)
    by_student: dict[str, list[Verified]] = {}
    for order, one in enumerate(candidates):
        if one.reason or one.game is None or one.result is None:
            report.flagged.append(one)
            continue
        verified = Verified(one.path, one.name, one.result, one.game, order=order)
        if verified.result.projector:  # the class's game on the big screen: not a student
            report.projector.append(verified)
            continue
        by_student.setdefault(verified.student, []).append(verified)
    for games in by_student.values():
        keep = chosen_attempt(games, attempt)
        report.counted.append(keep)
        for drop in sorted((g for g in games if g is not keep), key=_started):
            report.set_aside.append(drop)
            if drop.result.decisions == keep.result.decisions:
                report.problems.append(f"{describe(drop.path)}: the same game handed in "
                                       f"again; counted once, from {describe(keep.path.name)}")
            else:
                report.problems.append(f"{describe(drop.path)}: a second result for "
                                       f"{keep.name!r}; {ATTEMPT_WORDS[attempt]} counts, "
                                       f"{describe(keep.path.name)}")
    report.counted.sort(key=lambda c: (normal_name(c.name), c.student))
    report.flagged.sort(key=lambda c: (normal_name(c.name), str(c.path)))
    report.copies = same_decision_groups(report.counted)
    report.notes += [_copies_note(group) for group in report.copies] + too_many_votes(report)
    return report


def chosen_attempt(games: list[Verified], attempt: Attempt) -> Verified:
    """The game that counts of one student's games: the first or the last finished one (in
    the order they were started), or the one with the best ending; with no finished game, the
    one that got furthest."""
    in_order = sorted(games, key=_started)
    finished = [g for g in in_order if g.game.finished]
    if attempt == "best" and finished:
        return max(finished, key=lambda g: (_tone_rank(g), -in_order.index(g)))
    if finished:
        return finished[0] if attempt == "first" else finished[-1]
    furthest = max(len(g.game.history) for g in in_order)
    level = [g for g in in_order if len(g.game.history) == furthest]
    return level[-1] if attempt == "last" else level[0]


def _started(game: Verified) -> tuple[str, int]:
    return game.result.started or "", game.order


def _tone_rank(game: Verified) -> int:
    return TONE_RANK[game.game.ending.tone] if game.game.ending else -1


def same_decision_groups(counted: list[Verified], least: int = 4) -> list[list[Verified]]:
    """Results with the very same decisions from the same seed under different names (one may
    be a copy of another): worth a look, not proof. Short games are left out: in a few turns
    two students may simply agree."""
    groups: dict[tuple[int, tuple[str, ...]], list[Verified]] = {}
    for checked in counted:
        if len(checked.game.history) >= least:
            groups.setdefault((checked.result.seed, tuple(checked.game.choices)), []).append(
                checked)
    return [sorted(group, key=lambda c: normal_name(c.name))
            for group in groups.values() if len(group) > 1]


def same_decisions(counted: list[Verified], least: int = 4) -> list[str]:
    """The notes for `same_decision_groups`, one line per group."""
    return [_copies_note(group) for group in same_decision_groups(counted, least)]


def _copies_note(group: list[Verified]) -> str:
    return (f"the same {len(group[0].game.history)} decisions under different names: "
            + ", ".join(c.name for c in group))


def too_many_votes(report: ClassResults) -> list[str]:
    """Projector votes beyond the size of the class are not believed: they are capped."""
    notes = []
    for game in report.projector:
        for decision in game.result.decisions:
            total = sum((decision.votes or {}).values())
            if total > report.class_size:
                notes.append(f"{describe(game.path.name)}: turn {decision.turn} has {total} "
                             f"votes for a class of {report.class_size}; they are scaled down")
                scale = report.class_size / total
                decision.votes = {k: int(v * scale) for k, v in (decision.votes or {}).items()}
    return notes

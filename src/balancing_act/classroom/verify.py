"""Every result replayed and checked against the session.

A result counts only when its class code and scenario version match the session, its seed is
the one the session gives that student, its rules are the session's, and replaying its decisions
gives exactly its ending and meters; otherwise it is flagged by name with the reason and left out
of the figures. Unreadable files, results from elsewhere and duplicates are listed with why,
never counted twice, and one bad file never stops the others from being checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
from balancing_act.io import describe, load_model, read_json
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import Ending

MAX_FILES = 5000


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

    @property
    def verified(self) -> bool:
        return True


@dataclass
class ClassResults:
    session: Session
    scenario: Scenario
    counted: list[Verified] = field(default_factory=list)
    flagged: list[Checked] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    projector: list[Verified] = field(default_factory=list)  # the class's own games
    notes: list[str] = field(default_factory=list)  # for the instructor to look at

    @property
    def finished(self) -> list[Verified]:
        return [c for c in self.counted if c.game.finished]

    @property
    def class_size(self) -> int:
        """The most votes one card can have: the class list's length, else the students who
        handed in, else the largest class the tools take."""
        return len(self.session.roster) or len(self.counted) or MAX_VOTES


def result_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The .json files named or inside the folders named; anything else is listed with why."""
    files: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file() and item.suffix == ".json":
                    files.append(item)
                elif item.is_file() and not item.name.startswith("."):
                    problems.append(f"{describe(item)}: skipped: not a result file (results "
                                    "end in .json)")
        elif path.is_file() or path.exists():
            files.append(path)
        else:
            problems.append(f"{describe(path)}: no such file or folder")
    if len(files) > MAX_FILES:
        problems.append(f"{len(files) - MAX_FILES} files beyond the first {MAX_FILES} were not "
                        "read")
        files = files[:MAX_FILES]
    return files, problems


def read_result(path: Path) -> ResultFile:
    """A result file through the guarded reader and the model; ReadError says why not."""
    data = read_json(path, limit=MAX_RESULT, what="result files")
    name = describe(path)
    if not isinstance(data, dict) or data.get("kind") != RESULT_KIND:
        raise ReadError(name, "not a Balancing Act result")
    if data.get("format") not in (1, 2):
        raise ReadError(name, f"result format {data.get('format')!r} is not one this version "
                              "reads")
    return load_model(ResultFile, data, name)


def check_one(session: Session, scenario: Scenario, path: Path, result: ResultFile,
              key: SessionKey | None = None) -> Checked:
    """The checks that need no replay: the session, the scenario version, who played (the
    class list, the personal code's seed and signature), the rules."""
    name = result.name.strip() or "(no name)"
    checked = Checked(path, name, result, None)
    entry = next((s for s in session.roster if s.id == result.student_id), None)
    if result.class_code != session.class_code:
        checked.reason = f"from another session (class code {result.class_code!r})"
    elif result.scenario.sha256 != scenario.sha256:
        checked.reason = "made with another version of the scenario"
    elif session.roster and entry is None:
        checked.reason = "its student is not on the session's class list"
    elif entry is not None and normal_name(entry.name) != normal_name(name):
        checked.reason = f"its name is not the class list's name for id {entry.id!r}"
    elif entry is not None and key is not None and not _signed_by(key, entry.id, result):
        checked.reason = ("it was not made with this student's personal code (its seed or "
                          "signature does not fit)")
    elif not session.roster and result.seed != session.seed_for(name):
        checked.reason = "its seed is not the one the session gives this student"
    elif result.rules is not None and result.rules != session.rules:
        checked.reason = "played under other rules than the session's (previews, undo, time "\
                         "limit, questions or when history is told)"
    return checked


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


def _signed_by(key: SessionKey, student_id: str, result: ResultFile) -> bool:
    code = personal_code(key, student_id)
    if result.seed != seed_from_code(code, key.class_code) or not result.signature:
        return False
    return signature_fits(code, result.model_dump(mode="json"), result.signature)


def check_results(session: Session, scenario: Scenario, paths: list[Path],
                  key: SessionKey | None = None) -> ClassResults:
    """Check every result file under `paths` against the session (and, for a session with a
    class list, against the instructor's key)."""
    files, problems = result_files(paths)
    loaded: list[tuple[Path, ResultFile]] = []
    for path in files:
        try:
            loaded.append((path, read_result(path)))
        except ReadError as err:
            problems.append(str(err))
    return check_loaded(session, scenario, loaded, key, problems)


def check_loaded(session: Session, scenario: Scenario, loaded: list[tuple[Path, ResultFile]],
                 key: SessionKey | None = None,
                 problems: list[str] | None = None) -> ClassResults:
    """Check results already in memory (each with the path or label it is known by): the same
    checks and the same one-batch replay as for files handed in."""
    report = ClassResults(session, scenario)
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
    by_student: dict[str, Verified] = {}
    for one in candidates:
        if one.reason or one.game is None or one.result is None:
            report.flagged.append(one)
            continue
        verified = Verified(one.path, one.name, one.result, one.game)
        if verified.result.projector:  # the class's game on the big screen: not a student
            report.projector.append(verified)
            continue
        student = verified.result.student_id or normal_name(verified.name)
        earlier = by_student.get(student)
        if earlier is None:
            by_student[student] = verified
            continue
        keep, drop = (verified, earlier) if _progress(verified) > _progress(earlier) else (
            earlier, verified)
        by_student[student] = keep
        same = drop.result.decisions == keep.result.decisions
        what = "the same game handed in again" if same else f"a second result for {keep.name!r}"
        report.problems.append(f"{describe(drop.path)}: {what}; counted once, from "
                               f"{describe(keep.path.name)}")
    report.counted = sorted(by_student.values(), key=lambda c: normal_name(c.name))
    report.flagged.sort(key=lambda c: (normal_name(c.name), str(c.path)))
    report.notes += same_decisions(report.counted) + too_many_votes(report)
    return report


def same_decisions(counted: list[Verified], least: int = 4) -> list[str]:
    """Results with the very same decisions under different names (from the same seed, one
    may be a copy of another): worth a look, not proof."""
    groups: dict[tuple[int, tuple[str, ...]], list[Verified]] = {}
    for checked in counted:
        if len(checked.game.history) >= least:
            groups.setdefault((checked.result.seed, tuple(checked.game.choices)), []).append(
                checked)
    return [f"the same {len(group[0].game.history)} decisions under different names: "
            + ", ".join(sorted(c.name for c in group))
            for group in groups.values() if len(group) > 1]


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


def _progress(checked: Verified) -> tuple[bool, int]:
    return checked.game.finished, len(checked.game.choices)

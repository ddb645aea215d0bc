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

from balancing_act.classroom.results import MAX_RESULT, RESULT_KIND, ResultFile
from balancing_act.classroom.session import Session, normal_name
from balancing_act.engine.compiled import CompiledScenario, compile_scenario
from balancing_act.engine.game import Game
from balancing_act.errors import GameError, ReadError
from balancing_act.io import describe, load_model, read_json
from balancing_act.scenario.loader import Scenario

MAX_FILES = 5000


@dataclass
class Checked:
    path: Path
    name: str
    result: ResultFile | None
    game: Game | None
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
    game: Game
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

    @property
    def finished(self) -> list[Verified]:
        return [c for c in self.counted if c.game.finished]


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


def check_one(session: Session, scenario: Scenario, compiled: CompiledScenario, path: Path,
              result: ResultFile) -> Checked:
    name = result.name.strip() or "(no name)"
    checked = Checked(path, name, result, None)
    if result.class_code != session.class_code:
        checked.reason = f"from another session (class code {result.class_code!r})"
    elif result.scenario.sha256 != scenario.sha256:
        checked.reason = "made with another version of the scenario"
    elif result.seed != session.seed_for(name):
        checked.reason = "its seed is not the one the session gives this student"
    elif result.rules is not None and result.rules != session.rules:
        checked.reason = "played under other rules than the session's (previews, undo, time "\
                         "limit, questions or when history is told)"
    if checked.reason:
        return checked
    try:
        game = Game.replay(scenario, result.seed, [d.option for d in result.decisions],
                           compiled=compiled)
    except GameError as err:
        checked.reason = f"its decisions do not fit the scenario ({err})"
        return checked
    checked.game = game
    claimed = (result.finished, result.ending, result.final_meters)
    actual = (game.finished, game.ending.id if game.ending else None, game.meters)
    if claimed != actual:
        checked.reason = ("its scores do not match its decisions (the file was changed after "
                          "the game)")
    return checked


def check_results(session: Session, scenario: Scenario, paths: list[Path]) -> ClassResults:
    report = ClassResults(session, scenario)
    files, report.problems = result_files(paths)
    by_student: dict[str, Verified] = {}
    compiled = compile_scenario(scenario)
    for path in files:
        try:
            result = read_result(path)
        except ReadError as err:
            report.problems.append(str(err))
            continue
        one = check_one(session, scenario, compiled, path, result)
        if not one.verified or one.game is None:
            report.flagged.append(one)
            continue
        checked = Verified(one.path, one.name, result, one.game)
        key = normal_name(checked.name)
        earlier = by_student.get(key)
        if earlier is None:
            by_student[key] = checked
            continue
        keep, drop = (checked, earlier) if _progress(checked) > _progress(earlier) else (
            earlier, checked)
        by_student[key] = keep
        same = drop.result and keep.result and drop.result.decisions == keep.result.decisions
        what = "the same game handed in again" if same else f"a second result for {keep.name!r}"
        report.problems.append(f"{describe(drop.path)}: {what}; counted once, from "
                               f"{describe(keep.path.name)}")
    report.counted = sorted(by_student.values(), key=lambda c: normal_name(c.name))
    return report


def _progress(checked: Verified) -> tuple[bool, int]:
    return checked.game.finished, len(checked.game.choices)

"""Class sessions end to end: scripted students, verified results, the report and its CSV."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from balancing_act.classroom.session import create_session, read_session
from balancing_act.classroom.verify import check_results
from balancing_act.cli import main
from balancing_act.errors import SessionError
from balancing_act.reporting.class_report import csv_text, write_report
from tests.conftest import CLASSIC, installed_command

TUTORIAL = CLASSIC

HEDGING = "1\n2\n1\n1\n2\n2\n2\n2\n"
PRO_US = "1\n3\n2\n1\n1\n3\n3\n3\n"


def student(session: Path, name: str, choices: str, results: Path) -> subprocess.CompletedProcess:
    return subprocess.run([installed_command(), "play", "--session", str(session), "--text",
                           "--name", name, "--results", str(results)], input=choices,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def classroom(tmp_path: Path) -> dict[str, Path]:
    session = tmp_path / "session.yaml"
    assert main(["class", "new", str(TUTORIAL), "--seed", "7", "--out", str(session),
                 "--code", "ABC123", "--undo", "--time-limit", "600"]) == 0
    results = tmp_path / "results"
    for name, choices in (("Asha", HEDGING), ("Bilal", HEDGING), ("Chen", PRO_US)):
        run = student(session, name, choices, results)
        assert run.returncode == 0, run.stderr
        assert "Your result is saved in" in run.stdout
    return {"session": session, "results": results, "folder": tmp_path}


def load(classroom: dict[str, Path]):
    session = read_session(classroom["session"])
    return session, session.load_scenario(classroom["session"])


def test_session_file_pins_the_scenario_and_rules(classroom) -> None:
    session, scenario = load(classroom)
    assert session.class_code == "ABC123" and session.seed == 7
    assert session.scenario.sha256 == scenario.sha256 and session.scenario.id == "tutorial"
    assert session.rules.undo and session.rules.time_limit_seconds == 600
    assert session.seed_for("Asha") == 7


def test_the_report_counts_every_student(classroom) -> None:
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert [c.name for c in report.counted] == ["Asha", "Bilal", "Chen"]
    assert report.flagged == [] and report.problems == []
    endings = {c.name: c.game.ending.id for c in report.counted}
    assert endings == {"Asha": "balanced", "Bilal": "balanced", "Chen": "junior_ally"}


def test_an_edited_score_is_caught(classroom) -> None:
    path = next(classroom["results"].glob("*chen*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ending"] = "balanced"
    data["final_meters"]["autonomy"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert [c.name for c in report.counted] == ["Asha", "Bilal"]
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Chen", "its scores do not match its decisions (the file was changed after the game)")]


def test_results_from_elsewhere_and_damaged_files_are_listed(classroom, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    create_session(TUTORIAL, other, seed=7, code="ZZZ999")
    student(other, "Eve", HEDGING, classroom["results"])
    folder = classroom["results"]
    (folder / "notes.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "broken.json").write_text('{"kind": "balancing-act-res', encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00")
    good = next(folder.glob("*asha*.json"))
    (folder / "asha-again.json").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [folder, tmp_path / "missing.json"])
    assert [c.name for c in report.counted] == ["Asha", "Bilal", "Chen"]
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Eve", "from another session (class code 'ZZZ999')")]
    assert sorted(report.problems) == sorted([
        f"{tmp_path / 'missing.json'}: no such file or folder",
        f"{folder / 'notes.json'}: not a Balancing Act result",
        f"{folder / 'broken.json'}:1:10: not valid JSON (unterminated string); the file may be "
        "truncated or damaged",
        f"{folder / 'binary.json'}:1:1: not UTF-8 text (byte 0xff); save it as UTF-8",
        f"{folder / 'asha-again.json'}: the same game handed in again; counted once, from "
        f"{good.name}",
    ])


def test_a_changed_scenario_is_refused(classroom, tmp_path: Path) -> None:
    copy = tmp_path / "tutorial.yaml"
    copy.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    session_file = tmp_path / "s.yaml"
    create_session(copy, session_file, seed=1)
    copy.write_text(copy.read_text(encoding="utf-8").replace("Sign COMCASA", "Sign it"),
                    encoding="utf-8")
    result = subprocess.run([installed_command(), "play", "--session", str(session_file),
                             "--text", "--name", "X"], input="", capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "has changed since the session was created" in result.stderr


def test_per_student_seeds_and_undo(tmp_path: Path) -> None:
    session_file = tmp_path / "s.yaml"
    assert main(["class", "new", str(TUTORIAL), "--seed", "3", "--per-student", "--out",
                 str(session_file), "--undo"]) == 0
    session = read_session(session_file)
    assert session.seed_for("Asha") != session.seed_for("Bilal")
    assert session.seed_for("Asha") == session.seed_for("  asha ")
    run = student(session_file, "Asha", "1\nu\n2\n" + HEDGING[2:], tmp_path / "r")
    assert "Your last decision is taken back." in run.stdout
    data = json.loads(next((tmp_path / "r").glob("*.json")).read_text(encoding="utf-8"))
    assert [d["option"] for d in data["decisions"]][:1] == ["hold_comcasa"]
    assert data["seed"] == session.seed_for("Asha")


def test_an_abandoned_game_still_writes_its_result(classroom) -> None:
    run = student(classroom["session"], "Dana", "1\n2\n", classroom["results"])
    assert run.returncode == 3
    data = json.loads(next(classroom["results"].glob("*dana*.json")).read_text("utf-8"))
    assert data["finished"] is False and len(data["decisions"]) == 2
    session, scenario = load(classroom)
    report = check_results(session, scenario, [classroom["results"]])
    assert "Dana" in [c.name for c in report.counted]
    assert len(report.finished) == 3


def test_csv_has_a_row_per_student(classroom) -> None:
    """Without a class list: one row per student who handed in, by name, with the replay's
    ending and meters and the gradebook's numbers."""
    session, scenario = load(classroom)
    text = csv_text(check_results(session, scenario, [classroom["results"]]))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["id", "name", "email", "status", "completed", "ending", "ending_tone",
                       "decisions", "as_india", "seconds", "late_decisions", "autonomy",
                       "security", "trust_us", "trust_russia", "flags", "file"]
    assert [r[1] for r in rows[1:]] == ["Asha", "Bilal", "Chen"]
    chen = rows[3]  # the frozen fixture marks no option as India's: as_india is 0
    assert chen[3:9] == ["finished", "1", "Junior ally", "0", "8", "0"]
    assert chen[13] == "93" and chen[15] == "" and chen[16].startswith("ABC123-chen-")
    assert rows[1][5:7] == ["The balancing act", "2"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.images.append(dict(attrs)["src"])


def test_report_command_writes_html_charts_and_csv(classroom, capsys) -> None:
    out = classroom["folder"] / "report"
    assert main(["class", "report", str(classroom["session"]), str(classroom["results"]),
                 "--out", str(out)]) == 0
    assert "3 students counted, 0 flagged, 0 other problems" in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    assert parser.images == ["meters.png", "endings.png"]
    assert all((out / image).read_bytes()[:4] == b"\x89PNG" for image in parser.images)
    assert "Questions for discussion" in page and "What really happened" in page
    assert "Chen alone reached" in page
    assert (out / "results.csv").is_file()


def test_replay_verifies_one_result(classroom, capsys) -> None:
    path = next(classroom["results"].glob("*asha*.json"))
    assert main(["replay", str(path), "--session", str(classroom["session"])]) == 0
    assert capsys.readouterr().out.startswith("verified: Asha: 8 decisions")


def test_a_folder_of_many_junk_files_does_not_crash(classroom, tmp_path: Path) -> None:
    junk = tmp_path / "junk"
    junk.mkdir()
    for index in range(300):
        (junk / f"{index}.json").write_text("{" * (index % 7), encoding="utf-8")
    session, scenario = load(classroom)
    report = check_results(session, scenario, [junk])
    assert len(report.problems) == 300 and report.counted == []
    write_report(report, tmp_path / "empty-report")


def test_a_session_shows_only_the_chosen_questions(tmp_path: Path) -> None:
    session_file = tmp_path / "s.yaml"
    assert main(["class", "new", str(TUTORIAL), "--out", str(session_file),
                 "--questions", "2"]) == 0
    run = student(session_file, "Ira", HEDGING, tmp_path / "r")
    debrief = run.stdout.split("Questions for discussion", 1)[1]
    assert "1. Why might India have announced the S-400 deal only in paragraph 45" in debrief
    assert "2. " not in debrief.split("Sources")[0]


def test_bad_session_options_say_what_is_wrong(tmp_path: Path, capsys) -> None:
    out = str(tmp_path / "s.yaml")
    assert main(["class", "new", str(TUTORIAL), "--out", out, "--code", "ab"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --code: a class code is 4 to 12 capital "
                                       "letters or digits\n")
    assert main(["class", "new", str(TUTORIAL), "--out", out, "--time-limit", "1"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --time-limit: time_limit_seconds: input "
                                       "should be greater than or equal to 5\n")
    assert main(["class", "new", str(TUTORIAL), "--out", out, "--questions", "2,9"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --questions: the scenario has 6 "
                                       "question(s); 9 is not one of them\n")
    assert main(["class", "new", str(TUTORIAL), "--out", str(tmp_path / "no" / "s.yaml")]) == 1
    assert capsys.readouterr().err == (f"balancing-act: {tmp_path / 'no' / 's.yaml'}: cannot "
                                       f"save it: the folder {tmp_path / 'no'} does not exist\n")


def test_a_session_of_a_shipped_scenario_opens_on_another_computer(tmp_path: Path) -> None:
    """The recorded path leads nowhere there; the game's own copy, with the same fingerprint,
    is used instead. A different scenario under that id is still refused."""
    made = tmp_path / "session.yaml"
    assert main(["class", "new", "tutorial", "--seed", "3", "--out", str(made)]) == 0
    moved = tmp_path / "elsewhere" / "deep" / "session.yaml"
    moved.parent.mkdir(parents=True)
    text = made.read_text(encoding="utf-8")
    moved.write_text(text.replace("path: ", "path: ../no/such/", 1), encoding="utf-8")
    session = read_session(moved)
    assert session.load_scenario(moved).id == "tutorial"
    changed = read_session(moved)
    changed.scenario.sha256 = "0" * 64
    with pytest.raises(SessionError, match="has changed since the session was created"):
        changed.load_scenario(moved)

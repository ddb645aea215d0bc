"""A class's results as an attacker and a careless user would hand them in: nothing stops the
report for everyone, nothing forged counts unnoticed, nothing in the output attacks its reader."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
from pathlib import Path

import pytest

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.roster import personal_code, read_key
from balancing_act.classroom.seats import take_seat
from balancing_act.classroom.session import read_session
from balancing_act.classroom.verify import check_results
from balancing_act.cli import main
from balancing_act.engine import Game
from balancing_act.reporting.class_report import cell, csv_text, write_report
from tests.conftest import CLASSIC, installed_command

HEDGING = "1\n2\n1\n1\n2\n2\n2\n2\n"


def student(session: Path, name: str, results: Path, choices: str = HEDGING,
            *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), "play", "--session", str(session), "--text",
                           f"--name={name}", "--results", str(results), *extra], input=choices,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def room(tmp_path: Path) -> dict[str, Path]:
    session = tmp_path / "session.yaml"
    assert main(["class", "new", str(CLASSIC), "--seed", "7", "--out", str(session),
                 "--code", "ABC123"]) == 0
    results = tmp_path / "results"
    for name in ("Asha", "Bilal"):
        assert student(session, name, results).returncode == 0
    return {"session": session, "results": results, "folder": tmp_path}


def check(room: dict[str, Path], *paths: Path):
    session = read_session(room["session"])
    return check_results(session, session.load_scenario(room["session"]),
                         list(paths) or [room["results"]])


def nested(depth: int) -> list:
    value: list = [1]
    for _ in range(depth):
        value = [value]
    return value


def good_result(room: dict[str, Path]) -> dict:
    return json.loads(next(room["results"].glob("*asha*.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("change", "why"), [
    (lambda d: d.update(deep=nested(60)),
     "the data is nested more than 40 levels deep"),
    (lambda d: d["decisions"][0].update(seconds="abc"), "decisions.0.seconds: input should be "
                                                        "a valid number"),
    (lambda d: d.update(seed=int("9" * 4000)), "seed: input should be less than or equal to"),
])
def test_one_bad_hand_in_never_stops_the_class(room, change, why) -> None:
    data = good_result(room)
    change(data)
    bad = room["results"] / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    report = check(room)
    assert [c.name for c in report.counted] == ["Asha", "Bilal"]
    assert any(p.startswith(str(bad)) and why in p for p in report.problems), report.problems
    write_report(report, room["folder"] / "report")
    assert main(["class", "export", str(room["session"]), str(room["results"]), "--out",
                 str(room["folder"] / "x.csv")]) == 0
    assert main(["replay", str(bad), "--session", str(room["session"])]) == 1


def test_a_5000_digit_seed_is_refused_by_the_reader(room) -> None:
    text = json.dumps(good_result(room)).replace('"seed": 7', '"seed": ' + "9" * 5000)
    bad = room["results"] / "big.json"
    bad.write_text(text, encoding="utf-8")
    report = check(room)
    assert f"{bad}: not usable JSON (a number has too many digits)" in report.problems


def test_a_byte_order_mark_is_accepted(room) -> None:
    path = next(room["results"].glob("*bilal*.json"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [c.name for c in check(room).counted] == ["Asha", "Bilal"]


def test_results_of_students_with_non_latin_names_never_collide(room, tmp_path: Path) -> None:
    session = read_session(room["session"])
    scenario = session.load_scenario(room["session"])
    folder = tmp_path / "same-second"
    recorders = [Recorder(session, name, folder, started=1_700_000_000.0)
                 for name in ("陈静", "王芳", "अनु", "陈静")]
    paths = [r.write(Game(scenario, session.seed_for(r.name)), []) for r in recorders]
    assert len(set(paths)) == 4
    assert all(p.name.startswith("ABC123-") for p in paths)
    assert "陈静" in paths[0].name


def test_a_session_result_records_and_is_checked_against_the_rules(room) -> None:
    data = good_result(room)
    assert data["rules"]["preview"] == "scenario" and data["rules"]["reveal"] == "debrief"
    data["rules"]["preview"] = "numbers"  # played with previews the class did not have
    data["name"] = "Asha"
    (room["results"] / "edited.json").write_text(json.dumps(data), encoding="utf-8")
    report = check(room)
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Asha", "played under other rules than the session's (previews, undo, time limit, "
                 "questions or when history is told)")]


def test_votes_count_only_from_projector_games_and_never_beyond_the_class(room) -> None:
    data = good_result(room)
    data["decisions"][0]["votes"] = {"sign_comcasa": 9999}
    (room["results"] / "solo-with-votes.json").write_text(json.dumps(data), encoding="utf-8")
    from balancing_act.classroom.figures import card_splits

    report = check(room)
    assert card_splits(report)[0]["voted"] == 0  # a solo result's votes are not votes
    data["projector"], data["name"] = True, "Class vote (projector)"
    (room["results"] / "projector.json").write_text(json.dumps(data), encoding="utf-8")
    report = check(room)
    assert card_splits(report)[0]["voted"] == 2  # two students handed in: at most 2 votes
    assert any("votes for a class of 2" in note for note in report.notes)


def test_the_same_decisions_under_two_names_are_noted(room) -> None:
    data = good_result(room)
    data["name"] = "Chen"
    (room["results"] / "copy.json").write_text(json.dumps(data), encoding="utf-8")
    report = check(room)
    assert "Chen" in [c.name for c in report.counted]
    assert any(n.startswith("the same 8 decisions under different names: ") and "Asha" in n
               and "Chen" in n for n in report.notes)


def test_with_a_class_list_nobody_hands_in_for_a_classmate(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("\ufeffid;name;email\nb7;Ben Ahmed;ben@x.in\nd2;Dia Roy;\n",
                      encoding="utf-8")
    session_file = tmp_path / "s.yaml"
    assert main(["class", "new", str(CLASSIC), "--roster", str(roster), "--out",
                 str(session_file)]) == 0
    key = read_key(tmp_path / "s.key.yaml")
    session = read_session(session_file)
    assert [s.name for s in session.roster] == ["Ben Ahmed", "Dia Roy"]
    assert "ben@x.in" not in session_file.read_text(encoding="utf-8")  # students get this file
    results = tmp_path / "r"
    dia = student(session_file, "Dia Roy", results, HEDGING, "--code", personal_code(key, "d2"))
    assert dia.returncode == 0, dia.stderr
    wrong = student(session_file, "Ben Ahmed", results, HEDGING, "--code", "AAAA2222")
    assert wrong.returncode == 1 and "does not fit Ben Ahmed" in wrong.stderr
    forged = json.loads(next(results.glob("*dia*.json")).read_text(encoding="utf-8"))
    forged.update(name="Ben Ahmed", student_id="b7")  # Dia's game handed in as Ben's
    (results / "0-ben.json").write_text(json.dumps(forged), encoding="utf-8")
    scenario = session.load_scenario(session_file)
    report = check_results(session, scenario, [results], key)
    assert [c.name for c in report.counted] == ["Dia Roy"]
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Ben Ahmed", "it was not made with this student's personal code (its seed is "
                      "another code's)")]
    unsigned = check_results(session, scenario, [results])
    assert unsigned.problems[0].startswith("the session's key file was not given")


def test_take_seat_explains_each_refusal(tmp_path: Path) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text("id,name\n1,Ira Sen\n", encoding="utf-8")
    session_file = tmp_path / "s.yaml"
    main(["class", "new", str(CLASSIC), "--roster", str(roster), "--out", str(session_file)])
    session = read_session(session_file)
    code = personal_code(read_key(tmp_path / "s.key.yaml"), "1")
    with pytest.raises(Exception, match="'Ravi' is not on this class's list"):
        take_seat(session, "Ravi", code)
    with pytest.raises(Exception, match="type the personal code"):
        take_seat(session, "ira  SEN", "")
    seat = take_seat(session, "ira  SEN", f" {code[:4].lower()}-{code[4:]} ")
    assert seat.name == "Ira Sen" and seat.student_id == "1"


@pytest.mark.parametrize(("text", "message"), [
    ("name\nAsha\n", "the first line names the columns; it needs 'id' and 'name'"),
    ("id,name\n1,Asha\n1,Bilal\n", "the id '1' is already used on line 2"),
    ("id,name\n1,\n", "each student needs an id and a name"),
])
def test_a_bad_class_list_says_where(tmp_path: Path, capsys, text: str, message: str) -> None:
    roster = tmp_path / "class.csv"
    roster.write_text(text, encoding="utf-8")
    assert main(["class", "new", str(CLASSIC), "--roster", str(roster), "--out",
                 str(tmp_path / "s.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"balancing-act: {roster}") and message in err
    assert not (tmp_path / "s.yaml").exists()


def test_spreadsheet_formulas_in_names_are_neutralised(room) -> None:
    for name in ("=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"):
        assert student(room["session"], name, room["results"], "1\n").returncode == 3
    rows = list(csv.reader(io.StringIO(csv_text(check(room)))))
    names = [r[1] for r in rows[1:]]
    assert all(not n.startswith(("=", "+", "@", "-")) for n in names)
    assert "'=HYPERLINK(\"http://x\",\"y\")" in names
    assert cell("\tx") == "'\tx" and cell(5) == 5


def test_escape_codes_in_names_cannot_hide_the_verdict(room) -> None:
    data = good_result(room)
    data["name"] = "Asha\x1b[2K\rVerified!"
    data["final_meters"]["autonomy"] = 99
    path = room["results"] / "tricky.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = subprocess.run([installed_command(), "replay", str(path), "--session",
                             str(room["session"])], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith("NOT verified: Asha\\x1b[2K\\rVerified!: ")
    assert "\x1b" not in result.stdout


def test_a_mathtext_ending_title_does_not_break_the_report(tmp_path: Path) -> None:
    copy = tmp_path / "maths.yaml"
    copy.write_text(CLASSIC.read_text(encoding="utf-8").replace(
        "title: The balancing act", "title: 'The $\\frac{a}{b}$ balance'"), encoding="utf-8")
    session = tmp_path / "s.yaml"
    assert main(["class", "new", str(copy), "--out", str(session)]) == 0
    assert student(session, "Asha", tmp_path / "r").returncode == 0
    assert main(["class", "report", str(session), str(tmp_path / "r"), "--out",
                 str(tmp_path / "out")]) == 0
    assert "$\\frac{a}{b}$" in (tmp_path / "out/report.html").read_text(encoding="utf-8")


def test_outputs_into_missing_folders_are_messages(room, capsys) -> None:
    missing = room["folder"] / "no" / "where"
    assert main(["class", "export", str(room["session"]), str(room["results"]), "--out",
                 str(missing / "x.csv")]) == 1
    assert capsys.readouterr().err == (f"balancing-act: {missing / 'x.csv'}: cannot save it: "
                                       f"the folder {missing} does not exist\n")


def test_the_export_names_every_file_it_did_not_count(room, capsys) -> None:
    (room["results"] / "cut.json").write_text('{"kind": "balancing-act-res', encoding="utf-8")
    (room["results"] / "notes.txt").write_text("hello", encoding="utf-8")
    path = next(room["results"].glob("*asha*.json"))
    (room["results"] / "again.json").write_bytes(path.read_bytes())
    assert main(["class", "export", str(room["session"]), str(room["results"]), "--out",
                 str(room["folder"] / "x.csv")]) == 0
    out = capsys.readouterr().out
    assert "cut.json:1:10: not valid JSON" in out
    assert "notes.txt: skipped: not a result file" in out
    assert "again.json: the same game handed in again" in out


def test_a_session_whose_scenario_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    import os

    copy = tmp_path / "mine.yaml"
    copy.write_text(CLASSIC.read_text(encoding="utf-8"), encoding="utf-8")
    session = tmp_path / "s.yaml"
    main(["class", "new", str(copy), "--out", str(session)])
    copy.unlink()
    os.mkfifo(copy)
    started = time.monotonic()
    result = subprocess.run([installed_command(), "play", "--session", str(session), "--text",
                             "--name", "X"], input="", capture_output=True, text=True,
                            timeout=30)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert f"{copy}:1:1: error: not a regular file (a FIFO (named pipe))" in result.stderr

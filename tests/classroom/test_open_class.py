"""A class without a class list playing the S-400 Dilemma, handed in as the game names its files:
India's path where the scenario does not say what India did, a damaged file that still says
whose it was, a game of another scenario under the same class code, an empty file, names in
Devanagari and accented Latin, and the counts of a class of one."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from balancing_act.classroom.debrief import class_debrief
from balancing_act.classroom.gradebook import gradebook
from balancing_act.classroom.results import Recorder, name_in_file_name
from balancing_act.classroom.session import read_session, slug
from balancing_act.classroom.verify import check_results
from balancing_act.cli import main
from balancing_act.engine.game import Game
from balancing_act.reporting.class_report import write_report
from tests.classroom.class_of_30 import play
from tests.conftest import SCENARIOS

CODE = "IR2024"
START = 1_764_000_000.0
CLASS = [("Asha Rao", "india"), ("Bilal Khan", "r1"), ("Chen Li", "r2"),
         ("🦚 Priya 🇮🇳 सिंह", "r3"), ("José Ñúñez", "first"), ("Dina", "last")]
BEN = f"{CODE}-ben-okafor-20261201-180328-dd4e4d.json"
S400 = "The S-400 Dilemma: Missiles, Sanctions and a Quiet Signature"


def new_session(folder: Path, scenario: str, name: str) -> Path:
    path = folder / name
    assert main(["class", "new", str(SCENARIOS / f"{scenario}.yaml"), "--seed", "3", "--code",
                 CODE, "--out", str(path)]) == 0
    return path


def hand_in(session_file: Path, name: str, style: str, folder: Path, number: int) -> Path:
    """A student's game, played and written by the game's own recorder (its own file name)."""
    session = read_session(session_file)
    game = play(session, session.load_scenario(session_file), session.seed_for(name), style)
    recorder = Recorder(session, name, folder, started=START + 60 * number)
    return recorder.write(game, [(10.0, False)] * len(game.history))


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("open-class")
    session = new_session(folder, "s400_dilemma", "s400.yaml")
    handin = folder / "handin"
    for number, (name, style) in enumerate(CLASS):
        hand_in(session, name, style, handin, number)
    ben = hand_in(session, "Ben Okafor", "r4", handin, 9)  # his upload was cut short
    (handin / BEN).write_text(ben.read_text(encoding="utf-8")[:300], encoding="utf-8")
    ben.unlink()
    tutorial = new_session(folder, "tutorial", "tutorial.yaml")  # the same class code
    hand_in(tutorial, "Elif", "first", handin, 10)
    (handin / f"{CODE}-empty.json").write_bytes(b"")
    return {"folder": folder, "session": session, "handin": handin}


def check(session_file: Path, *paths: Path):
    session = read_session(session_file)
    return check_results(session, session.load_scenario(session_file), list(paths))


@pytest.fixture(scope="module")
def report_folder(room: dict[str, Path]) -> Path:
    out = room["folder"] / "report"
    write_report(check(room["session"], room["handin"]), out)
    return out


class Tables(HTMLParser):
    """Every table of a page, as rows of cell texts."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table_after(page: str, marker: str) -> list[list[str]]:
    return Tables(page[page.index(marker):]).tables[0]


def test_india_path_marks_the_choices_that_stand_in(room: dict[str, Path],
                                                    report_folder: Path) -> None:
    page = (report_folder / "report.html").read_text(encoding="utf-8")
    assert ("On 12 of its 16 decisions the scenario says what India did; on the other 4 the "
            "class&#x27;s most common choice stands in; the table marks them.") in page
    rows = table_after(page, "India's path, turn by turn")
    assert rows[0] == ["turn", "card", "India's choice", "the class chose the same"]
    stand_ins = {row[0]: row[2] for row in rows[1:] if row[2].startswith("(")}
    assert stand_ins == {
        "7": "(not marked; the class's most common choice: Signal that the S-400 talks go on)",
        "11": "(not marked; the class's most common choice: Lobby friends in Congress for an "
              "exception)",
        "12": "(not marked; the class's most common choice: Deploy it, and show it off)",
        "15": "(not marked; the class's most common choice: Thank Congress, and promise "
              "nothing)",
    }
    assert rows[12][:2] == ["12", "The first S-400 arrives (November 2021)"]
    scenario = read_session(room["session"]).load_scenario(room["session"])
    for row in rows[1:]:  # every other row is the option the scenario marks historical
        if row[0] not in stand_ins:
            event = next(e for e in scenario.file.events if row[1].startswith(e.title))
            assert row[2] == next(o.label for o in event.options if o.historical)
    summary = " ".join(pypdf.PdfReader(report_folder / "class-summary.pdf").pages[0]
                       .extract_text().split())
    assert "(not marked)" in summary  # the handout says the same of those cards


def test_where_no_student_chose_the_first_open_option_stands_in(room: dict[str, Path],
                                                                tmp_path: Path) -> None:
    dina = next(room["handin"].glob(f"{CODE}-dina-*.json"))
    view = class_debrief(check(room["session"], dina))
    assert view.india is not None
    assert [(s.turn, why) for s, why in zip(view.india.steps, view.india.chosen_by,
                                            strict=True) if why != "india"] == [
        (7, "class"), (11, "first"), (12, "first"), (15, "first")]
    write_report(view.report, tmp_path / "report")
    page = (tmp_path / "report" / "report.html").read_text(encoding="utf-8")
    assert ("on the other 4 the class&#x27;s most common choice stands in, or on 3 of them, "
            "where no student&#x27;s choice is open, the first open option; the table marks "
            "them.") in page
    rows = table_after(page, "India's path, turn by turn")
    assert rows[12] == ["12", "The first S-400 arrives (November 2021)",
                        "(not marked; the first open option: Deploy it, and show it off)",
                        "not met"]


def test_a_damaged_file_without_a_class_list_gets_a_flagged_row(room: dict[str, Path],
                                                                report_folder: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(
        (report_folder / "results.csv").read_text(encoding="utf-8-sig"))))
    assert [r["name"] for r in rows] == ["Asha Rao", "Ben Okafor", "Bilal Khan", "Chen Li",
                                         "Dina", "Elif", "José Ñúñez", "🦚 Priya 🇮🇳 सिंह"]
    ben = rows[1]
    assert (ben["status"], ben["completed"], ben["flags"], ben["file"]) == (
        "flagged", "0", f"a file named after them could not be read: {BEN} (see the problems)",
        "")
    students = table_after((report_folder / "report.html").read_text(encoding="utf-8"),
                           '<section id="students"')
    assert students[2] == ["Ben Okafor", "flagged", "", "", "",
                           f"a file named after them could not be read: {BEN} (see the "
                           "problems)"]


@pytest.mark.parametrize(("file_name", "name"), [
    (BEN, "Ben Okafor"),
    (f"{CODE}-ben-okafor-20261201-180328-dd4e4d (1).json", "Ben Okafor"),  # uploaded twice
    (f"{CODE}-priya-सिंह-20261201-180328-dd4e4d.json", "Priya सिंह"),
    (f"{CODE}-jose\u0301-20261201-180328-dd4e4d.JSON", "José"),  # as a Mac may store it
    (f"{CODE}-empty.json", ""), (f"{CODE}-broken.json", ""),  # not a name the game writes
    (f"{CODE}-student-20261201-180328-dd4e4d.json", ""),  # the game's name for no name
])
def test_the_name_in_a_result_file_name(file_name: str, name: str) -> None:
    assert name_in_file_name(file_name) == name


def test_a_damaged_file_beside_a_good_one_adds_no_row(room: dict[str, Path],
                                                      tmp_path: Path) -> None:
    asha = next(room["handin"].glob(f"{CODE}-asha-rao-*.json"))
    (tmp_path / f"{CODE}-asha-rao-20261201-180328-abcdef.json").write_text("{", "utf-8")
    rows = gradebook(check(room["session"], asha, tmp_path))
    assert [(r.name, r.status, r.unreadable) for r in rows] == [("Asha Rao", "finished", [])]


def test_a_game_of_another_scenario_names_it(room: dict[str, Path], tmp_path: Path) -> None:
    report = check(room["session"], room["handin"])
    assert [(c.name, c.reason) for c in report.flagged] == [
        ("Elif", "played in another scenario ('First Steps: Learning the Balance', id "
                 f"tutorial), not this session's ('{S400}')")]
    data = json.loads(next(room["handin"].glob(f"{CODE}-asha-rao-*.json")).read_text("utf-8"))
    data["scenario"]["sha256"] = "0" * 64  # the same scenario, changed since
    (tmp_path / "changed.json").write_text(json.dumps(data), "utf-8")
    data["scenario"]["id"] = "my_own"  # a scenario the game does not ship
    (tmp_path / "own.json").write_text(json.dumps(data), "utf-8")
    report = check(room["session"], tmp_path)
    assert [(c.path.name, c.reason) for c in report.flagged] == [
        ("changed.json", "made with another version of the scenario"),
        ("own.json", f"played in another scenario (id my_own), not this session's ('{S400}')")]


def test_an_empty_hand_in_is_said_to_be_empty(room: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / f"{CODE}-blank.json").write_text("\n  \n", "utf-8")
    with zipfile.ZipFile(tmp_path / "upload.zip", "w") as archive:
        archive.writestr("Ben_s02/result.json", b"")
    report = check(room["session"], room["handin"] / f"{CODE}-empty.json", tmp_path)
    assert report.problems == [
        f"{room['handin'] / f'{CODE}-empty.json'}: the file is empty",
        f"{tmp_path / f'{CODE}-blank.json'}: the file is empty (only blank space)",
        f"{tmp_path / 'upload.zip' / 'Ben_s02' / 'result.json'}: the file is empty",
    ]


@pytest.mark.parametrize(("name", "made"), [
    ("🦚 Priya 🇮🇳 सिंह", "priya-सिंह"), ("अनु शर्मा", "अनु-शर्मा"),
    ("क" * 39 + "कि", "क" * 39),  # cut at 40 letters, never between a letter and its sign
    ("José Ñúñez", "josé-ñúñez"), ("Jose\u0301", "josé"), ("Zoë  O'Brien", "zoë-o-brien"),
    ("🦚", "student"),
])
def test_file_names_keep_the_marks_of_a_letter(name: str, made: str) -> None:
    assert slug(name) == made


def test_pages_and_results_keep_devanagari_and_accents(room: dict[str, Path],
                                                       report_folder: Path) -> None:
    handed = sorted(p.name.rsplit("-", 3)[0] for p in room["handin"].glob("*.json"))
    assert f"{CODE}-priya-सिंह" in handed and f"{CODE}-josé-ñúñez" in handed
    assert sorted(p.name for p in (report_folder / "students").iterdir()) == [
        "asha-rao.html", "bilal-khan.html", "chen-li.html", "dina.html", "josé-ñúñez.html",
        "priya-सिंह.html"]


def test_a_class_of_one_is_counted_in_the_singular(room: dict[str, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "handin"
    folder.mkdir()
    asha = next(room["handin"].glob(f"{CODE}-asha-rao-*.json"))
    (folder / asha.name).write_bytes(asha.read_bytes())
    (folder / f"{CODE}-empty.json").write_bytes(b"")
    out = tmp_path / "report"
    assert main(["class", "report", str(room["session"]), str(folder), "--out", str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"wrote {out / 'report.html'}, {out / 'results.csv'}, the class summary and the "
        "debrief sheets: 1 student counted, 0 flagged, 1 other problem")
    assert main(["class", "report", str(room["session"]), str(folder), "--anonymous", "--out",
                 str(tmp_path / "view")]) == 0
    assert capsys.readouterr().out == (
        f"wrote {tmp_path / 'view' / 'report.html'} (anonymous: no names, for the projector), "
        "the class summary and a page per student: 1 student counted, 0 results not counted, "
        "1 other note (the report without --anonymous says which)\n")
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Class <strong>IR2024</strong> · 1 student counted (1 finished); 0 results not " \
           "counted." in page
    assert 'alt="Endings of the class&#x27;s 1 finished game: ' in page
    summary = " ".join(pypdf.PdfReader(out / "class-summary.pdf").pages[0].extract_text()
                       .split())
    assert "1 student counted, 1 finished" in summary


def test_an_unfinished_game_of_one_decision_is_said_so(room: dict[str, Path],
                                                       tmp_path: Path) -> None:
    session = read_session(room["session"])
    game = Game(session.load_scenario(room["session"]), session.seed_for("Uma"))
    game.choose(next(o.id for o in game.options if o.available))
    Recorder(session, "Uma", tmp_path / "in", started=START).write(game, [(5.0, False)])
    write_report(check(room["session"], tmp_path / "in"), tmp_path / "report")
    students = table_after((tmp_path / "report" / "report.html").read_text(encoding="utf-8"),
                           '<section id="students"')
    assert students[1][:3] == ["Uma", "unfinished", "(unfinished, 1 decision)"]

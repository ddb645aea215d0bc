"""The class report as an instructor uses it, on a class of 30 with a class list (see
`class_of_30`): what is counted and why not, the gradebook row by row, the debrief page card by
card against history, the students' pages, the anonymous view with no name anywhere, and the
printed handouts read back."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from balancing_act.classroom.debrief import class_debrief
from balancing_act.classroom.gradebook import gradebook
from balancing_act.classroom.results import ResultFile
from balancing_act.classroom.roster import read_key, read_roster
from balancing_act.classroom.session import read_session
from balancing_act.classroom.verify import check_results
from balancing_act.cli import main
from balancing_act.engine.game import Game
from balancing_act.errors import ReportError
from balancing_act.reporting.class_report import write_report
from tests.classroom.class_of_30 import ABSENT, CODE, ROSTER, Room, build

NAMES = [name for _, name in ROSTER] + ["Zed Unknown"]
QUESTIONS = [  # the session shows questions 1, 2, 4 and 6 of the scenario
    "India signed COMCASA with the US and the S-400 contract with Russia within a month of "
    "each other. Was that a contradiction or a strategy?",
    "Why might India have announced the S-400 deal only in paragraph 45 of the joint "
    "statement?",
    "On which cards could you raise trust in both capitals at once? What did it cost you, and "
    "who paid?",
    "Buying discounted Russian oil saved money for a large importer. Who else bears the costs "
    "and benefits of that choice?",
]


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Room:
    return build(tmp_path_factory.mktemp("class"))


def check(room: Room, attempt: str = "first"):
    session = read_session(room.session_file)
    return check_results(session, session.load_scenario(room.session_file),
                         [room.handin, room.projector], read_key(room.folder / "ir.key.yaml"),
                         attempt=attempt)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def named(room: Room) -> Path:
    out = room.folder / "report"
    write_report(check(room), out, roster=read_roster(room.roster_file))
    return out


@pytest.fixture(scope="module")
def anonymous(room: Room) -> Path:
    out = room.folder / "projector-view"
    write_report(check(room), out, anonymous=True)
    return out


def test_every_hand_in_is_counted_flagged_or_listed_with_why(room: Room) -> None:
    report = check(room)
    handin = room.handin
    assert [c.name for c in report.counted] == [
        n for i, n in ROSTER if i not in (*ABSENT, "s09", "s12")]
    assert [(c.name, c.path.name, c.reason) for c in report.flagged] == [
        ("Ines Costa", f"{CODE}-ines-costa.json", "the file was changed after the game (its "
         "signature does not fit this student's personal code)"),
        ("Lena Fischer", f"{CODE}-lena-fischer.json", "it was not made with this student's "
         "personal code (its seed is another code's)"),
        ("Nikhil Rao", "PRAC01-nikhil-rao.json", "from another session (class code 'PRAC01')"),
        ("Zed Unknown", f"{CODE}-zed-unknown.json", "its student is not on the session's class "
         "list"),
    ]
    assert report.problems == [
        f"{handin / 'notes.txt'}: skipped: not a result file (results end in .json)",
        "skipped 1 hidden file (names starting with a dot, as the computer's own files have)",
        f"{handin / f'{CODE}-broken.json'}:1:10: not valid JSON (unterminated string); the file "
        "may be truncated or damaged",
        f"{handin / 'course-download.zip' / 'index.html'}: skipped: not a result file (results "
        "end in .json)",
        f"{handin / f'{CODE}-chen-li.json'}: the same game handed in again; counted once, from "
        f"{CODE}-chen-li (1).json",
        f"{handin / f'{CODE}-elif-yilmaz-again.json'}: a second result for 'Elif Yilmaz'; the "
        f"first finished game counts, {CODE}-elif-yilmaz.json",
        f"{handin / f'{CODE}-elif-yilmaz-third.json'}: a second result for 'Elif Yilmaz'; the "
        f"first finished game counts, {CODE}-elif-yilmaz.json",
    ]
    zipped = {c.name: c.path for c in report.counted if "course-download.zip" in str(c.path)}
    assert zipped == {
        "Priya Menon": handin / "course-download.zip" / "Priya Menon_s16" / f"{CODE}-result.json",
        "Quinn Murphy": handin / "course-download.zip" / "Quinn Murphy_s17" /
        f"{CODE}-result.json"}
    assert next(c for c in report.counted if c.name == "Olu Adeyemi").path.name == \
        "OLU-RESULT.JSON"
    assert [p.name for p in report.projector] == ["Class vote (projector)"]  # not a student
    assert report.notes == []  # with personal codes a copy is caught, not merely noted


@pytest.mark.parametrize(("attempt", "counted"), [
    ("first", "-elif-yilmaz.json"), ("best", "-elif-yilmaz-again.json"),
    ("last", "-elif-yilmaz-third.json")])
def test_the_instructor_chooses_which_attempt_counts(room: Room, attempt: str,
                                                     counted: str) -> None:
    report = check(room, attempt)
    elif_ = next(c for c in report.counted if c.name == "Elif Yilmaz")
    assert elif_.path.name == CODE + counted
    tones = {g.path.name: g.game.ending.tone for g in [elif_, *report.attempts_of(elif_)]
             if g.game.ending}
    assert tones[f"{CODE}-elif-yilmaz.json"] == "bad"  # the first game
    assert tones[f"{CODE}-elif-yilmaz-again.json"] == "mixed"  # as India did: the best
    row = next(r for r in gradebook(report) if r.name == "Elif Yilmaz")
    assert row.flags(attempt) == [f"2 more games handed in; "
                                  f"{dict(first='the first finished game', best='the game with the best ending', last='the last finished game')[attempt]} counts"]  # noqa: E501


def replayed(room: Room, result: ResultFile) -> Game:
    """A hand-in replayed one game at a time, the way `replay` checks a single result: an
    oracle for the batch verification's figures."""
    session = read_session(room.session_file)
    return Game.replay(session.load_scenario(room.session_file), result.seed,
                       [d.option for d in result.decisions])


def test_the_gradebook_has_a_row_per_student_on_the_list(room: Room) -> None:
    data = (room.folder / "grades.csv")
    assert main(["class", "export", str(room.session_file), str(room.handin),
                 str(room.projector), "--roster", str(room.roster_file), "--out",
                 str(data)]) == 0
    raw = data.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == ["id", "name", "email", "status", "completed", "ending",
                             "ending_tone", "decisions", "as_india", "seconds",
                             "late_decisions", "autonomy", "security", "trust_us",
                             "trust_russia", "flags", "file"]
    assert [(r["id"], r["name"], r["status"]) for r in rows] == [
        *((i, n, {"s09": "flagged", "s12": "flagged", "s18": "unfinished"}.get(
            i, "absent" if i in ABSENT else "finished")) for i, n in ROSTER),
        ("x99", "Zed Unknown", "flagged")]
    scenario = read_session(room.session_file).load_scenario(room.session_file)
    india = {e.id: next((o.id for o in e.options if o.historical), "")
             for e in scenario.file.events}
    counted = {c.name: c.result for c in check(room).counted}
    for row in rows:
        if row["status"] not in ("finished", "unfinished"):
            assert [row[k] for k in ("completed", "ending", "ending_tone", "decisions",
                                     "autonomy", "file")] == ["0", "", "", "", "", ""]
            continue
        game = replayed(room, counted[row["name"]])
        tone = {"good": "2", "mixed": "1", "bad": "0"}[game.ending.tone] if game.ending else ""
        assert row["completed"] == ("1" if game.finished else "0")
        assert (row["ending"], row["ending_tone"]) == (
            (game.ending.title, tone) if game.finished and game.ending else ("", ""))
        assert row["decisions"] == str(len(game.choices))
        assert row["as_india"] == str(sum(india[o.event_id] == o.option_id
                                          for o in game.history))
        assert [int(row[m]) for m in ("autonomy", "security", "trust_us", "trust_russia")] \
            == [game.meters[m] for m in ("autonomy", "security", "trust_us", "trust_russia")]
        decisions = len(game.choices)  # 12 s, then 3 s longer each; the fifth is late
        assert row["seconds"] == str(sum(12 + 3 * k for k in range(decisions)))
        assert row["late_decisions"] == ("1" if decisions >= 5 else "0")
        assert row["email"].endswith("@school.example")
    by_name = {r["name"]: r for r in rows}
    assert by_name["अनु शर्मा"]["email"] == "anu@school.example"  # the class list's own
    assert by_name["Kavya Nair"]["as_india"] == "8"
    assert {n: by_name[n]["flags"] for n in ("Chen Li", "Ines Costa", "Lena Fischer",
                                             "Nikhil Rao", "Zed Unknown", "Bea Okafor")} == {
        "Chen Li": "1 more game handed in; the first finished game counts",
        "Ines Costa": f"not counted: {CODE}-ines-costa.json: the file was changed after the "
                      "game (its signature does not fit this student's personal code)",
        "Lena Fischer": f"not counted: {CODE}-lena-fischer.json: it was not made with this "
                        "student's personal code (its seed is another code's)",
        "Nikhil Rao": "not counted: PRAC01-nikhil-rao.json: from another session (class code "
                      "'PRAC01')",
        "Zed Unknown": f"not on the class list; not counted: {CODE}-zed-unknown.json: its "
                       "student is not on the session's class list",
        "Bea Okafor": ""}
    assert by_name["Priya Menon"]["file"] == f"{CODE}-result.json"
    assert all(r["completed"] in ("0", "1") and r["ending_tone"] in ("", "0", "1", "2")
               for r in rows)


def test_the_export_says_what_it_counted(room: Room, capsys: pytest.CaptureFixture[str]) \
        -> None:
    assert main(["class", "export", str(room.session_file), str(room.handin), "--out",
                 str(room.folder / "g.csv")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (f"wrote {room.folder / 'g.csv'}: 30 on the class list: 24 finished, "
                      "1 unfinished, 2 flagged, 3 absent; 1 result matching no one on it")
    assert out[1:5] == [
        "  flagged: Ines Costa (IR2025-ines-costa.json): the file was changed after the game "
        "(its signature does not fit this student's personal code)",
        "  flagged: Lena Fischer (IR2025-lena-fischer.json): it was not made with this "
        "student's personal code (its seed is another code's)",
        "  flagged: Nikhil Rao (PRAC01-nikhil-rao.json): from another session (class code "
        "'PRAC01')",
        "  flagged: Zed Unknown (IR2025-zed-unknown.json): its student is not on the "
        "session's class list"]
    assert out[5] == "  not on the class list: Zed Unknown"


class Page(HTMLParser):
    """The parts of a report page the tests read: text by section, links, images, cards."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.cards: list[str] = []
        self.words: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a":
            self.links.append(found.get("href") or "")
        elif tag == "img":
            self.images.append((found.get("src") or "", found.get("alt") or ""))
        elif tag == "section" and (found.get("id") or "").startswith("card-"):
            self.cards.append((found.get("id") or "")[5:])

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.words.append(" ".join(data.split()))

    @property
    def text(self) -> str:
        return " | ".join(self.words)


def card_html(page: str, card: str) -> str:
    start = page.index(f'<section class="card" id="card-{card}">')
    return page[start:page.index("</section>", start)]


def test_the_class_page_leads_the_debrief_card_by_card(room: Room, named: Path) -> None:
    page = (named / "report.html").read_text(encoding="utf-8")
    parsed = Page(page)
    assert parsed.cards == ["first_two_plus_two", "s400_contract", "caatsa_shadow",
                            "fleet_upkeep", "malabar_2020", "unga_vote", "discounted_crude",
                            "vostok_2022", "samarkand_2022"]  # in the order the class met them
    report = check(room)
    scenario = report.scenario
    for card_id in parsed.cards:
        event = scenario.event(card_id)
        html = Page(card_html(page, card_id))
        chose = [o.option_id for c in report.counted for o in c.game.history
                 if o.event_id == card_id]
        assert f"{len(chose)} students met this card" in html.text
        for option in event.options:
            count = chose.count(option.id)
            assert f"{option.label} |" in html.text + " |"
            assert f"{count} · {count / len(chose):.0%}" in html.text
        india = next(o for o in event.options if o.historical)
        assert f'{escape(india.label)} <span class="badge india">India\'s choice</span>' \
            in card_html(page, card_id)  # marked once, on the option India took
        assert card_html(page, card_id).count("badge india") == 1
        assert html.links == list(event.sources)  # what really happened, with its sources
        assert " ".join(event.history.split())[:80] in html.text.replace(" | ", " ")
    first = Page(card_html(page, "first_two_plus_two")).text
    assert "the class cast 20 projector votes" in first  # 14 for India's choice, 3 for others
    assert "10 · 40% | then 10 mixed endings; 14 projector votes" in first  # a tie: both marked
    assert first.count("most chosen") == 2
    text = parsed.text
    assert "Played as India did, from the class seed (2025), the game ends in | Muddling " \
           "through | mixed | . On all 8 of its decisions the scenario says what India did." \
           in text
    assert text.count(" | ".join(["Questions for discussion", *QUESTIONS])) == 1
    assert "Nikhil Rao alone reached 'Others decide for you'." in text
    finished = [c for c in report.counted if c.game.finished]
    met = [c for c in finished if "caatsa_shadow" in [o.event_id for o in c.game.history]]
    firm = [c for c in met if ("caatsa_shadow", "stand_firm") in
            {(o.event_id, o.option_id) for o in c.game.history}]
    bad = sum(c.game.ending.tone == "bad" for c in firm)
    others_bad = sum(c.game.ending.tone == "bad" for c in met if c not in firm)
    assert (bad, len(firm), others_bad, len(met) - len(firm)) == (3, 6, 0, 14)
    assert ("Of the 6 who chose 'Stand firm: defence choices are sovereign' on 'The CAATSA "
            "shadow (October 2018)' and finished, 3 reached a bad ending (50%); of the 14 "
            "others who finished, 0 did (0%).") in text
    assert "Too few games of this class ended well to compare" in text
    endings = Counter(c.game.ending.id for c in finished if c.game.ending)
    assert len(finished) == 24 and endings["moscow_client"] == 3  # Elif's first game too
    assert parsed.images == [
        ("meters.png", "Every counted student's meters, turn by turn (one thin line each), "
                       "with India's path as a dashed line and the goal dotted"),
        ("endings.png", "Endings of the class's 24 finished games: " + ", ".join(
            f"{e.title} {endings[e.id]}" for e in scenario.file.endings))]
    assert "25 students counted (24 finished) of 30 on the class list, 3 absent; 4 results " \
           "not counted; 1 projector game kept apart" in text
    students = page[page.index('<section id="students"'):page.index('<section id="checks"')]
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", students)
    assert [(re.sub("<[^>]+>", "", n), i, s) for n, i, s in rows] == [
        (n.replace("'", "&#x27;"), i, {"s09": "flagged", "s12": "flagged",
                                       "s18": "unfinished"}.get(
            i, "absent" if i in ABSENT else "finished")) for i, n in ROSTER] + [
        ("Zed Unknown", "x99", "flagged")]
    pages = [link for link in parsed.links if link.startswith("students/")]
    assert len(pages) == 25 and all((named / link).is_file() for link in pages)
    assert [link for link in parsed.links if not link.startswith(("students/", "#", "http"))] \
        == ["class-summary.pdf", "sheets.pdf", "results.csv"]


def test_a_student_page_sets_their_decisions_beside_india_and_the_class(room: Room,
                                                                        named: Path) -> None:
    report = check(room)
    view = class_debrief(report)
    kavya = next(s for s in view.students if s.label == "Kavya Nair")
    page = Page((named / "students" / kavya.page).read_text(encoding="utf-8"))
    assert kavya.page == "s11.html"
    game = replayed(room, kavya.checked.result)
    text = page.text
    assert f"Ending: {game.ending.title} | mixed" in text
    assert "You did not meet the goal." in text
    with_class = sum(next(o for o in c.options if o.id == step.option_id).most_chosen
                     for step in game.history for c in view.cards if c.id == step.event_id)
    first = next(c for c in view.cards if c.id == "first_two_plus_two")
    assert [o.count for o in first.options if o.most_chosen] == [10, 10]  # a tie, and
    assert kavya.decisions[0].with_majority  # her option is one of the two most chosen
    assert "Chose as India did on 8 of 8 cards where the record says what India did, and as " \
           f"most of the class did on {with_class} of 8." in text
    cards = {c.id: c for c in view.cards}
    for step in game.history:
        card = cards[step.event_id]
        mine = next(o for o in card.options if o.id == step.option_id)
        most = card.majority
        assert most is not None
        shown = f"✓ the same ({mine.share:.0%})" if mine.most_chosen else \
            f"{most.label} ({most.share:.0%})"
        assert f"{step.turn} | {step.event_title} | {step.option_label} | ✓ the same | " \
               f"{shown}" in text
    assert page.links[0] == "../report.html#students"
    assert "../report.html#card-first_two_plus_two" in page.links
    assert " | ".join(["Questions for reflection", *QUESTIONS]) in text
    assert "To look at" not in text
    chen = next(s for s in view.students if s.label == "Chen Li")
    chen_page = Page((named / "students" / chen.page).read_text(encoding="utf-8")).text
    assert "To look at | 1 more game handed in; the first finished game counts" in chen_page
    rahul = next(s for s in view.students if s.label == "Rahul Verma")
    assert "Not finished | The game stopped after 3 of 8 turns; it has no ending." in \
        Page((named / "students" / rahul.page).read_text(encoding="utf-8")).text


def test_the_anonymous_view_has_no_name_anywhere(room: Room, anonymous: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(p for p in anonymous.rglob("*") if p.is_file())
    assert [p.relative_to(anonymous).as_posix() for p in files if "students" not in p.parts] \
        == ["class-summary.pdf", "endings.png", "fonts/NotoSansDevanagari-Bold.ttf",
            "fonts/NotoSansDevanagari-Regular.ttf", "fonts/OFL.txt", "meters.png",
            "report.html"]
    assert [p.name for p in files if "students" in p.parts] == [
        f"student-{n:02d}.html" for n in range(1, 26)]
    names = re.compile("|".join(rf"\b{re.escape(n)}\b" for full in NAMES
                                for n in (full, full.split()[0])), re.IGNORECASE)
    for path in files:
        if path.suffix == ".ttf":
            continue
        content = path.read_bytes().decode("latin-1") if path.suffix == ".png" else \
            "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages) \
            if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
        assert names.search(content) is None, (path, names.search(content))
        assert "s11.html" not in content and CODE + "-" not in content  # no file names
    page = Page((anonymous / "report.html").read_text(encoding="utf-8"))
    assert all(names.search(alt) is None for _, alt in page.images)
    labels = re.findall(r">(Student \d+)<", (anonymous / "report.html").read_text("utf-8"))
    assert sorted(labels, key=lambda s: int(s.split()[1])) == [
        f"Student {n}" for n in range(1, 26)]
    assert "4 results not counted and 7 other notes on the files handed in" in page.text
    assert "alone reached 'Others decide for you'" in page.text  # as Student N
    order = [c.name for c in check(room).counted]
    view = class_debrief(check(room), anonymous=True)
    numbered = [s.checked.name for s in view.students]
    assert numbered != order and sorted(numbered) == sorted(order)  # not alphabetical
    assert main(["class", "report", str(room.session_file), str(room.handin), "--anonymous",
                 "--out", str(room.folder / "again-anonymous")]) == 0
    said = capsys.readouterr().out
    assert names.search(said) is None and "anonymous: no names" in said


def test_an_anonymous_report_never_lands_beside_names(room: Room, named: Path) -> None:
    with pytest.raises(ReportError, match=re.escape("holds a report with names (results.csv, "
                                                    "sheets.pdf); write the anonymous report")):
        write_report(check(room), named, anonymous=True)


def pdf_text(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_the_handouts_read_back_with_the_cards_and_questions(room: Room, named: Path) -> None:
    report = check(room)
    view = class_debrief(report)
    summary = pdf_text(named / "class-summary.pdf")
    assert len(summary) == 1
    for card in view.cards:
        assert card.title in summary[0]
        assert card.india is not None and card.india.label.split()[0] in summary[0]
    for question in QUESTIONS:
        assert question in summary[0]
    assert "Played as India did, from the class seed, the game ends in 'Muddling through'" \
        in summary[0]
    sheets = pdf_text(named / "sheets.pdf")
    assert len(sheets) == 25  # one page for each counted student
    for student, text in zip(view.students, sheets, strict=True):
        assert text.startswith(student.label) or student.label == "अनु शर्मा"
        for decision in student.decisions:
            assert decision.title.split(" (")[0] in text
        for question in QUESTIONS:
            assert question in text
        assert "Questions for your reflection" in text
    kavya = sheets[[s.label for s in view.students].index("Kavya Nair")]
    assert "You chose as India did on 8 of 8 cards" in kavya
    card = pdf_text(room.folder / "ir-quickstart.pdf")
    assert len(card) == 1 and f"Quick start: class {CODE}" in card[0]
    for command in ("balancing-act play --session ir.yaml", "balancing-act class report "
                    "ir.yaml handin projector --out report --roster students.csv",
                    "--anonymous --out projector-view", "balancing-act class export ir.yaml "
                    "handin --out grades.csv --roster students.csv"):
        assert command in card[0]


def test_a_rerun_removes_pages_of_students_no_longer_in_the_report(room: Room,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "report"
    write_report(check(room), out)
    (out / "students" / "teacher-notes.html").write_text("<p>mine</p>", encoding="utf-8")
    session = read_session(room.session_file)
    fewer = check_results(session, session.load_scenario(room.session_file),
                          [room.handin / "IR2025-kavya-nair.json"],
                          read_key(room.folder / "ir.key.yaml"))
    write_report(fewer, out)
    assert sorted(p.name for p in (out / "students").iterdir()) == ["s11.html",
                                                                     "teacher-notes.html"]


def test_harmful_archives_are_listed_and_never_unpacked(room: Room, tmp_path: Path) -> None:
    good = (room.handin / "IR2025-kavya-nair.json").read_bytes()
    archive = tmp_path / "upload.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as made:
        made.writestr("../../escape.json", good)
        made.writestr("big.json", b" " * (1024 * 1024 + 1))
        made.writestr("nested.zip", b"PK")
        made.writestr("__MACOSX/._kavya.json", b"\x00")
    (tmp_path / "not-a.zip").write_bytes(b"this is not a zip")
    session = read_session(room.session_file)
    report = check_results(session, session.load_scenario(room.session_file),
                           [archive, tmp_path / "not-a.zip"],
                           read_key(room.folder / "ir.key.yaml"))
    assert [c.name for c in report.counted] == ["Kavya Nair"]
    assert report.counted[0].path == archive / "escape.json"
    assert report.problems == [
        f"{archive / 'big.json'}: the file is larger than 1 MB; result files are limited to "
        "1 MB",
        f"{archive / 'nested.zip'}: skipped: not a result file (results end in .json)",
        f"{tmp_path / 'not-a.zip'}: not a readable zip archive; unzip it and give the folder"]
    assert not (tmp_path.parent / "escape.json").exists()


def test_an_archive_is_read_only_up_to_its_budget(room: Room, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip bomb: small on disk, huge inside. Reading stops once the budget for what an
    archive may hold is spent, and the report says so instead of running out of memory."""
    import balancing_act.classroom.verify as verify

    good = (room.handin / "IR2025-kavya-nair.json").read_bytes()
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as made:
        made.writestr("kavya.json", good)
        for n in range(4):
            made.writestr(f"padding-{n}.json", b" " * (1024 * 1024))  # 1 KB each, packed
    monkeypatch.setattr(verify, "MAX_ARCHIVE", 3 * 1024 * 1024)
    session = read_session(room.session_file)
    report = check_results(session, session.load_scenario(room.session_file), [archive],
                           read_key(room.folder / "ir.key.yaml"))
    assert [c.name for c in report.counted] == ["Kavya Nair"]
    assert report.problems[-1] == (f"{archive}: the rest of the archive was not read (more "
                                   "than 3 MB inside)")


def test_a_damaged_file_still_says_whose_it_was(room: Room, tmp_path: Path) -> None:
    """Lena's upload was cut short: the gradebook does not call her absent."""
    folder = tmp_path / "handin"
    folder.mkdir()
    text = (room.handin / "IR2025-kavya-nair.json").read_text(encoding="utf-8")
    (folder / "IR2025-ben-carter.json").write_text(text[:200], encoding="utf-8")
    session = read_session(room.session_file)
    report = check_results(session, session.load_scenario(room.session_file), [folder],
                           read_key(room.folder / "ir.key.yaml"))
    rows = {r.name: r for r in gradebook(report)}
    assert rows["Ben Carter"].status == "flagged"
    assert rows["Ben Carter"].flags("first") == [
        "a file named after them could not be read: IR2025-ben-carter.json (see the problems)"]
    assert rows["Carla Neri"].status == "absent" and rows["Carla Neri"].flags("first") == []


def test_a_class_list_given_to_the_report_finds_who_is_missing(tmp_path: Path) -> None:
    """A session made without a class list: --roster at report time still gives a row per
    student, matching results by name (or id), absent ones included, strangers listed."""
    from tests.classroom.class_of_30 import FIXTURE, hand_in, play, write_roster

    session_file = tmp_path / "open.yaml"
    assert main(["class", "new", str(FIXTURE), "--seed", "5", "--code", "OPEN01", "--out",
                 str(session_file)]) == 0
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    for name, style in (("aarav SHARMA", "india"), ("s02", "first"), ("Someone Else", "last")):
        game = play(session, scenario, session.seed_for(name), style)  # as typed, or an id
        hand_in(session, name, "", game, tmp_path / "in" / f"{name}.json", started=0)
    roster = tmp_path / "list.csv"
    write_roster(roster)
    out = tmp_path / "grades.csv"
    assert main(["class", "export", str(session_file), str(tmp_path / "in"), "--roster",
                 str(roster), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 31
    assert [(r["id"], r["name"], r["status"]) for r in rows[:3]] == [
        ("s01", "Aarav Sharma", "finished"), ("s02", "Bea Okafor", "finished"),
        ("s03", "Chen Li", "absent")]
    assert (rows[-1]["id"], rows[-1]["name"], rows[-1]["flags"]) == (
        "", "Someone Else", "not on the class list")
    assert sum(r["status"] == "absent" for r in rows) == 28


def test_india_path_is_the_historical_game_from_the_class_seed(room: Room) -> None:
    report = check(room)
    view = class_debrief(report)
    assert view.india is not None
    scenario = report.scenario
    game = Game(scenario, report.session.seed)
    while not game.finished:
        assert game.event is not None
        game.choose(next(o.id for o in game.event.options if o.historical))
    assert [s.option_id for s in view.india.steps] == game.choices
    assert list(view.india.track) == game.meter_track
    assert view.india.ending == game.ending and (view.india.marked, view.india.stood_in) == (8, 0)


def test_replay_checks_one_result_of_a_class_with_a_list(room: Room,
                                                         capsys: pytest.CaptureFixture[str]) \
        -> None:
    """The key beside the session is found, as `class report` finds it."""
    assert main(["replay", str(room.handin / "IR2025-bea-okafor.json"), "--session",
                 str(room.session_file)]) == 0
    assert capsys.readouterr().out.startswith("verified: Bea Okafor: 8 decisions, ending ")
    assert main(["replay", str(room.handin / "IR2025-ines-costa.json"), "--session",
                 str(room.session_file)]) == 1
    assert capsys.readouterr().out == ("NOT verified: Ines Costa: the file was changed after "
                                       "the game (its signature does not fit this student's "
                                       "personal code)\n")

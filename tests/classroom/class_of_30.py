"""A class of 30 on a class list, handing in the way a real class does: three absent, a game
handed in twice, a student who played twice, an edited score, a copy under a classmate's name,
a file from another session, a stranger not on the list, a game left unfinished, a projector
game, a zip archive from the course website, a `.JSON` file, notes and the computer's own
hidden files.

Every game is played through the real engine from the seat a personal code gives and written
as the game writes it (signed with the code); only the file names are fixed, so that the
report's contents can be checked exactly.
"""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.roster import personal_code, read_key, sign
from balancing_act.classroom.seats import take_seat
from balancing_act.classroom.session import Session, read_session, slug
from balancing_act.cli import main
from balancing_act.engine.game import Game

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "tutorial_2025.yaml"
CODE = "IR2025"
START = 1_764_000_000.0  # the lesson's start (November 2025), for the result's start times

ROSTER = [
    ("s01", "Aarav Sharma"), ("s02", "Bea Okafor"), ("s03", "Chen Li"), ("s04", "Dina Haddad"),
    ("s05", "Elif Yilmaz"), ("s06", "Farhan Ali"), ("s07", "Grace Kim"), ("s08", "Hugo Martin"),
    ("s09", "Ines Costa"), ("s10", "Jonas Weber"), ("s11", "Kavya Nair"),
    ("s12", "Lena Fischer"), ("s13", "Mateo Diaz"), ("s14", "Nikhil Rao"),
    ("s15", "Olu Adeyemi"), ("s16", "Priya Menon"), ("s17", "Quinn Murphy"),
    ("s18", "Rahul Verma"), ("s19", "Sara Nilsson"), ("s20", "Tomás Ruiz"),
    ("s21", "Uma Iyer"), ("s22", "Vikram Singh"), ("s23", "Wen Zhao"),
    ("s24", "Xavier Dubois"), ("s25", "Yara Haddad"), ("s26", "Zoe Clarke"),
    ("s27", "अनु शर्मा"), ("s28", "Ben Carter"), ("s29", "Carla Neri"), ("s30", "Dev Patel"),
]
ABSENT = ("s28", "s29", "s30")


@dataclass(frozen=True)
class Room:
    folder: Path
    session_file: Path
    roster_file: Path
    handin: Path
    projector: Path


def write_roster(path: Path) -> None:
    lines = ["id,name,email"] + [f"{i},{n},{slug(n) if i != 's27' else 'anu'}@school.example"
                                 for i, n in ROSTER]
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")


def play(session: Session, scenario: object, seed: int, style: str, stop: int = 0) -> Game:
    """A scripted student: 'india' chooses as India did, 'first' and 'last' the first or
    last open option, 'rN' at random from its own seed N; `stop` leaves after that many."""
    game = Game(scenario, seed)  # type: ignore[arg-type]
    rng = random.Random(int(style[1:])) if style.startswith("r") else None
    while not game.finished and (not stop or len(game.history) < stop):
        event = game.event
        assert event is not None
        open_ids = [o.id for o in game.options if o.available]
        marked = next((o.id for o in event.options if o.historical), None)
        if style == "india" and marked in open_ids:
            choice = marked
        elif style == "last":
            choice = open_ids[-1]
        elif rng is not None:
            choice = rng.choice(open_ids)
        else:
            choice = open_ids[0]
        game.choose(choice)
    return game


def hand_in(session: Session, name: str, code: str, game: Game, path: Path, *,
            started: float, student_id: str | None = None, projector: bool = False,
            votes: list[dict[str, int] | None] | None = None) -> dict:
    """Write the result as the game writes it (signed with the personal code) to `path`."""
    seat = take_seat(session, name, code) if code else None
    recorder = Recorder(session, seat.name if seat else name, path.parent, projector=projector,
                        student_id=seat.student_id if seat else (student_id or ""),
                        code=seat.code if seat else "", started=started)
    timings = [(12.0 + 3 * k, k == 4) for k in range(len(game.history))]
    data = recorder.record(game, timings, votes or []).model_dump(mode="json")
    data["saved"] = data["started"]
    if recorder.code:
        data["signature"] = sign(recorder.code, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return data


STYLES = {  # how each student plays (absent ones do not)
    "s01": "india", "s02": "r2", "s03": "r3", "s04": "first", "s05": "first", "s06": "r6",
    "s07": "r7", "s08": "r8", "s09": "r9", "s10": "r10", "s11": "india", "s13": "r13",
    "s14": "r14", "s15": "r15", "s16": "r16", "s17": "r17", "s18": "r18", "s19": "india",
    "s20": "r20", "s21": "r21", "s22": "first", "s23": "r23", "s24": "last", "s25": "r25",
    "s26": "r26", "s27": "r27",
}


def build(folder: Path) -> Room:
    """The class folder: the session (with its key and codes), the class list, and the hand-in
    and projector folders as the class left them."""
    folder.mkdir(parents=True, exist_ok=True)
    roster = folder / "students.csv"
    write_roster(roster)
    session_file = folder / "ir.yaml"
    assert main(["class", "new", str(FIXTURE), "--seed", "2025", "--code", CODE, "--roster",
                 str(roster), "--questions", "1,2,4,6", "--out", str(session_file)]) == 0
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    key = read_key(folder / "ir.key.yaml")
    handin, projector = folder / "handin", folder / "projector"
    names = dict(ROSTER)

    def code(student_id: str) -> str:
        return personal_code(key, student_id)

    def seed(student_id: str) -> int:
        return take_seat(session, names[student_id], code(student_id)).seed

    def file(student_id: str, suffix: str = "") -> Path:
        return handin / f"{CODE}-{slug(names[student_id])}{suffix}.json"

    for number, (student_id, style) in enumerate(STYLES.items()):
        if student_id in ("s16", "s17", "s15"):
            continue  # handed in below, in the zip and as .JSON
        stop = 3 if student_id == "s18" else 0  # Rahul leaves after three decisions
        game = play(session, scenario, seed(student_id), style, stop)
        hand_in(session, names[student_id], code(student_id), game, file(student_id),
                started=START + 60 * number)
    # Chen hands in the same game twice
    (handin / f"{CODE}-chen-li (1).json").write_bytes(file("s03").read_bytes())
    # Elif played twice more: as India did, then at random (her first game ended badly)
    for suffix, style, later in (("-again", "india", 3600), ("-third", "r5", 7200)):
        game = play(session, scenario, seed("s05"), style)
        hand_in(session, names["s05"], code("s05"), game, file("s05", suffix),
                started=START + later)
    # Ines edits her score
    data = json.loads(file("s09").read_text(encoding="utf-8"))
    data["final_meters"]["security"] = min(100, data["final_meters"]["security"] + 30)
    file("s09").write_text(json.dumps(data), encoding="utf-8")
    # Lena hands in Kavya's game under her own name and id (she has no game of her own)
    data = json.loads(file("s11").read_text(encoding="utf-8"))
    data.update(name=names["s12"], student_id="s12")
    file("s12").write_text(json.dumps(data), encoding="utf-8")
    # Nikhil also hands in last week's practice game, from another session
    other = dict(json.loads(file("s14").read_text(encoding="utf-8")), class_code="PRAC01")
    (handin / f"PRAC01-{slug(names['s14'])}.json").write_text(json.dumps(other),
                                                              encoding="utf-8")
    # someone not on the class list
    stranger = play(session, scenario, 99, "r99")
    hand_in(session, "Zed Unknown", "", stranger, handin / f"{CODE}-zed-unknown.json",
            started=START, student_id="x99")
    # Olu's file was renamed with capitals by his e-mail program
    game = play(session, scenario, seed("s15"), STYLES["s15"])
    hand_in(session, names["s15"], code("s15"), game, handin / "OLU-RESULT.JSON",
            started=START + 900)
    # Priya and Quinn uploaded to the course website: its zip, with a folder per student
    staging = folder / "zip-staging"
    for student_id in ("s16", "s17"):
        game = play(session, scenario, seed(student_id), STYLES[student_id])
        hand_in(session, names[student_id], code(student_id), game,
                staging / f"{names[student_id]}_{student_id}" / f"{CODE}-result.json",
                started=START + 1000)
    with zipfile.ZipFile(handin / "course-download.zip", "w") as archive:
        for path in sorted(staging.rglob("*.json")):
            archive.write(path, path.relative_to(staging).as_posix())
        archive.writestr("index.html", "<p>Submissions</p>")
    # what else lands in a hand-in folder
    (handin / "notes.txt").write_text("remember to mark", encoding="utf-8")
    (handin / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (handin / f"{CODE}-broken.json").write_text('{"kind": "balancing-act-res',
                                                encoding="utf-8")
    # the class's projector game: India's choices, with the class's votes
    game = play(session, scenario, session.seed, "india")
    votes = []
    for step in game.history:
        event = scenario.event(step.event_id)  # type: ignore[attr-defined]
        votes.append({o.id: (14 if o.id == step.option_id else 3) for o in event.options})
    hand_in(session, "Class vote (projector)", "", game, projector / f"{CODE}-projector.json",
            started=START + 2400, projector=True, votes=votes)
    return Room(folder, session_file, roster, handin, projector)


if __name__ == "__main__":  # build the class folder to try the report by hand
    import sys

    room = build(Path(sys.argv[1]))
    print(f"the class is in {room.folder}")

"""Builds the instructor guide's sample class, so that every output the guide shows can be
made again: `python tools/sample_class.py FOLDER`.

Fourteen students on a class list play *The S-400 Dilemma* (two of them are absent), as a real
class hands in: Aarav uploads his file twice, Elif plays a second time, Ines edits her score,
Chen also hands in last week's practice game, Lena's upload is cut short, Kavya leaves after
five cards, Priya and Quinn upload through the course website (a zip), and the class plays one
game together on the projector. Every game is played through the real engine from the seat the
student's personal code gives, and written and signed as the game writes it.
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
from pathlib import Path

from balancing_act.classroom.results import Recorder
from balancing_act.classroom.roster import personal_code, read_key, sign
from balancing_act.classroom.seats import take_seat
from balancing_act.classroom.session import Session, read_session, slug
from balancing_act.cli import main
from balancing_act.engine.game import Game
from balancing_act.scenario.loader import Scenario

CODE = "IR2024"
START = 1_795_000_000.0  # 25 November 2026, 15:06
STUDENTS = [  # id, name, how they play ("india", "first", "last" or "rN": at random)
    ("1", "Aarav Sharma", "r1"), ("2", "Bea Okafor", "r2"), ("3", "Chen Li", "r3"),
    ("4", "Dina Haddad", "first"), ("5", "Elif Yilmaz", "last"), ("6", "Farhan Ali", None),
    ("7", "Grace Kim", "r7"), ("8", "Hugo Martin", "r8"), ("9", "Ines Costa", "r9"),
    ("10", "Jonas Weber", "india"), ("11", "Kavya Nair", "r11"), ("12", "Lena Fischer", "r12"),
    ("13", "Mateo Diaz", None), ("14", "Priya Menon", "r14"), ("15", "Quinn Murphy", "r15"),
]


def play(scenario: Scenario, seed: int, style: str, stop: int = 0) -> Game:
    game = Game(scenario, seed)
    rng = random.Random(int(style[1:])) if style.startswith("r") else None
    while not game.finished and (not stop or len(game.history) < stop):
        assert game.event is not None
        open_ids = [o.id for o in game.options if o.available]
        marked = next((o.id for o in game.event.options if o.historical), None)
        choice = (marked if style == "india" and marked in open_ids else
                  open_ids[-1] if style == "last" else
                  rng.choice(open_ids) if rng is not None else open_ids[0])
        game.choose(choice)
    return game


def write(session: Session, game: Game, path: Path, *, name: str, code: str = "",
          projector: bool = False, started: float = START) -> None:
    """The result as the game writes it (signed with the personal code, if any)."""
    seat = take_seat(session, name, code) if code else None
    recorder = Recorder(session, seat.name if seat else name, path.parent,
                        projector=projector, student_id=seat.student_id if seat else "",
                        code=seat.code if seat else "", started=started)
    rng = random.Random(name)
    timings = [(round(rng.uniform(5, 70), 1), False) for _ in game.history]
    votes = []
    if projector:
        for step in game.history:
            event = game.scenario.event(step.event_id)
            votes.append({o.id: (7 if o.id == step.option_id else rng.randint(0, 2))
                          for o in event.options})
    data = recorder.record(game, timings, votes).model_dump(mode="json")
    if recorder.code:
        data["signature"] = sign(recorder.code, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    roster = folder / "students.csv"
    roster.write_text("id,name,email\n" + "".join(
        f"{i},{n},{slug(n).replace('-', '.')}@school.example\n" for i, n, _ in STUDENTS),
        encoding="utf-8")
    session_file = folder / "s400.yaml"
    assert main(["class", "new", "s400_dilemma", "--seed", "2024", "--code", CODE,
                 "--roster", str(roster), "--time-limit", "60", "--questions", "1,3,5,7",
                 "--out", str(session_file)]) == 0
    practice = folder / "practice.yaml"
    assert main(["class", "new", "s400_dilemma", "--seed", "7", "--code", "PRAC01",
                 "--out", str(practice)]) == 0
    session = read_session(session_file)
    scenario = session.load_scenario(session_file)
    key = read_key(folder / "s400.key.yaml")
    handin = folder / "handin"
    for number, (ident, name, style) in enumerate(STUDENTS):
        if style is None or ident in ("14", "15"):
            continue
        code = personal_code(key, ident)
        seed = take_seat(session, name, code).seed
        stop = 5 if name == "Kavya Nair" else 0
        path = handin / f"{CODE}-{slug(name)}.json"
        write(session, play(scenario, seed, style, stop), path, name=name, code=code,
              started=START + 30 * number)
        if name == "Aarav Sharma":  # uploaded twice
            (handin / f"{CODE}-{slug(name)} (1).json").write_bytes(path.read_bytes())
        if name == "Elif Yilmaz":  # played a second time, as India did
            write(session, play(scenario, seed, "india"), handin /
                  f"{CODE}-{slug(name)}-2.json", name=name, code=code, started=START + 1500)
        if name == "Ines Costa":  # edits two of her final meters
            data = json.loads(path.read_text(encoding="utf-8"))
            data["final_meters"]["security"] = min(100, data["final_meters"]["security"] + 40)
            data["final_meters"]["trust_russia"] = min(
                100, data["final_meters"]["trust_russia"] + 20)
            path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if name == "Lena Fischer":  # the upload was cut short
            text = path.read_text(encoding="utf-8")
            path.write_text(text[: len(text) // 3], encoding="utf-8")
    practice_session = read_session(practice)
    write(practice_session, play(scenario, practice_session.seed, "r30"),
          handin / f"PRAC01-{slug('Chen Li')}.json", name="Chen Li", started=START - 604800)
    staging = folder / "download"
    for ident, name, style in STUDENTS:
        if ident in ("14", "15"):
            code = personal_code(key, ident)
            assert style is not None
            write(session, play(scenario, take_seat(session, name, code).seed, style),
                  staging / f"{name}_{ident}_assignsubmission_file_" / f"{CODE}-result.json",
                  name=name, code=code, started=START + 60)
    with zipfile.ZipFile(handin / "IR-2024-S400-submissions.zip", "w") as archive:
        for path in sorted(staging.rglob("*.json")):
            archive.write(path, path.relative_to(staging).as_posix())
    write(session, play(scenario, session.seed, "r40"),
          folder / "projector-results" / f"{CODE}-class-vote-projector.json",
          name="Class vote (projector)", projector=True, started=START + 3000)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/sample_class.py FOLDER")
    build(Path(sys.argv[1]))

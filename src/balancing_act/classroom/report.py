"""The class report: every result replayed and checked against the session, then the figures.

A result counts only when its class code and scenario version match the session, its seed is
the one the session gives that student, and replaying its decisions gives exactly its ending
and meters; otherwise it is flagged by name with the reason and left out of the figures.
Unreadable files, results from elsewhere and duplicates are listed, never counted twice.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from balancing_act.analysis.html_report import html_page
from balancing_act.analysis.html_report import html_table as _table
from balancing_act.classroom.results import RESULT_FORMAT, RESULT_KIND
from balancing_act.classroom.session import Session, normal_name
from balancing_act.engine.compiled import CompiledScenario, compile_scenario
from balancing_act.engine.game import Game, GameError
from balancing_act.scenario.loader import Scenario

MAX_RESULT_BYTES = 1024 * 1024


class ReportError(RuntimeError):
    """The report could not be written; the message says why."""


@dataclass
class Checked:
    path: Path
    name: str
    data: dict[str, Any] | None
    game: Game | None
    reason: str = ""  # empty when verified

    @property
    def verified(self) -> bool:
        return not self.reason


@dataclass
class ClassReport:
    session: Session
    scenario: Scenario
    counted: list[Checked] = field(default_factory=list)
    flagged: list[Checked] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def finished(self) -> list[Checked]:
        return [c for c in self.counted if c.game is not None and c.game.finished]


def result_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def _read(path: Path) -> tuple[dict[str, Any] | None, str]:
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            return None, "larger than any result file (1 MB); not read"
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, "not a text file"
    except json.JSONDecodeError as err:
        return None, f"not a complete JSON file (truncated or damaged at line {err.lineno})"
    except OSError as err:
        return None, f"cannot be read ({err.strerror})"
    if not isinstance(data, dict) or data.get("kind") != RESULT_KIND:
        return None, "not a Balancing Act result"
    if data.get("format") != RESULT_FORMAT:
        return None, f"result format {data.get('format')!r} is not one this version reads"
    return data, ""


def _check(session: Session, scenario: Scenario, compiled: CompiledScenario, path: Path,
           data: dict[str, Any]) -> Checked:
    name = str(data.get("name") or "").strip() or "(no name)"
    checked = Checked(path, name, data, None)
    decisions = data.get("decisions")
    if data.get("class_code") != session.class_code:
        checked.reason = f"from another session (class code {data.get('class_code')!r})"
    elif not isinstance(data.get("scenario"), dict) or \
            data["scenario"].get("sha256") != scenario.sha256:
        checked.reason = "made with another version of the scenario"
    elif data.get("seed") != session.seed_for(name):
        checked.reason = "its seed is not the one the session gives this student"
    elif not isinstance(decisions, list) or not all(
            isinstance(d, dict) and isinstance(d.get("option"), str) for d in decisions):
        checked.reason = "its decisions are missing or damaged"
    if checked.reason:
        return checked
    try:
        game = Game.replay(scenario, int(data["seed"]), [d["option"] for d in decisions],
                           compiled=compiled)
    except GameError as err:
        checked.reason = f"its decisions do not fit the scenario ({err})"
        return checked
    checked.game = game
    claimed = (data.get("finished"), data.get("ending"), data.get("final_meters"))
    actual = (game.finished, game.ending.id if game.ending else None, game.meters)
    if claimed != actual:
        checked.reason = ("its scores do not match its decisions (the file was changed after "
                          "the game)")
    return checked


def check_results(session: Session, scenario: Scenario, paths: list[Path]) -> ClassReport:
    report = ClassReport(session, scenario)
    files, report.problems = result_files(paths)
    by_student: dict[str, Checked] = {}
    compiled = compile_scenario(scenario)
    for path in files:
        data, problem = _read(path)
        if data is None:
            report.problems.append(f"{path}: {problem}")
            continue
        checked = _check(session, scenario, compiled, path, data)
        if not checked.verified:
            report.flagged.append(checked)
            continue
        key = normal_name(checked.name)
        earlier = by_student.get(key)
        if earlier is None:
            by_student[key] = checked
            continue
        keep, drop = (checked, earlier) if _progress(checked) > _progress(earlier) else (
            earlier, checked)
        by_student[key] = keep
        same = drop.data and keep.data and drop.data.get("decisions") == keep.data.get(
            "decisions")
        what = "the same game handed in again" if same else f"a second result for {keep.name!r}"
        report.problems.append(f"{drop.path}: {what}; counted once, from {keep.path.name}")
    report.counted = sorted(by_student.values(), key=lambda c: normal_name(c.name))
    return report


def _progress(checked: Checked) -> tuple[bool, int]:
    game = checked.game
    return (bool(game and game.finished), len(game.choices) if game else 0)


# -- figures -----------------------------------------------------------------------------------

def ending_counts(report: ClassReport) -> Counter[str]:
    return Counter(c.game.ending.id for c in report.finished if c.game and c.game.ending)


def card_splits(report: ClassReport) -> list[dict[str, Any]]:
    """For each card any student saw: how the class split between its options, and the most
    common ending among those who chose each."""
    picks: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    endings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for checked in report.counted:
        for decision in (checked.data or {}).get("decisions", []):
            if isinstance(decision, dict) and isinstance(decision.get("votes"), dict):
                for option_id, count in decision["votes"].items():
                    if isinstance(count, int) and count > 0:
                        votes[str(decision.get("event"))][str(option_id)] += count
        game = checked.game
        assert game is not None
        ending = game.ending.id if game.ending else "unfinished"
        for outcome in game.history:
            picks[outcome.event_id][outcome.option_id] += 1
            endings[(outcome.event_id, outcome.option_id)][ending] += 1
    rows = []
    for event in report.scenario.file.events:
        if event.id not in picks:
            continue
        total = sum(picks[event.id].values())
        options = []
        for option in event.options:
            count = picks[event.id][option.id]
            followed = endings[(event.id, option.id)].most_common(1)
            options.append({"id": option.id, "label": option.label, "count": count,
                            "share": count / total, "votes": votes[event.id][option.id],
                            "then": followed[0][0] if followed else ""})
        rows.append({"id": event.id, "title": event.title, "students": total,
                     "voted": sum(votes[event.id].values()), "options": options})
    return rows


def unusual_paths(report: ClassReport) -> list[str]:
    """Endings only one student reached, and paths no one else took."""
    notes = []
    counts = ending_counts(report)
    titles = {e.id: e.title for e in report.scenario.file.endings}
    for checked in report.finished:
        ending = checked.game.ending.id
        if counts[ending] == 1 and len(report.finished) > 1:
            notes.append(f"{checked.name} alone reached '{titles[ending]}'.")
    paths = Counter(tuple(c.game.choices) for c in report.counted)
    for checked in report.counted:
        if paths[tuple(checked.game.choices)] == 1 and len(report.counted) > 2:
            first = next((o for o in checked.game.history
                          if sum(1 for c in report.counted if o.option_id in c.game.choices)
                          == 1), None)
            if first is not None:
                notes.append(f"{checked.name} was the only one to choose "
                             f"'{first.option_label}' on '{first.event_title}'.")
    return notes


def csv_text(report: ClassReport) -> str:
    """A row per student, for gradebooks: counted results first, then flagged ones."""
    meters = list(report.scenario.file.meters)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "verified", "reason", "finished", "ending", *meters, "decisions",
                     "seconds", "late_decisions", "file"])
    for checked in [*report.counted, *report.flagged]:
        data = checked.data or {}
        decisions = data.get("decisions") if isinstance(data.get("decisions"), list) else []
        game = checked.game
        values = game.meters if game and checked.verified else (
            data.get("final_meters") if isinstance(data.get("final_meters"), dict) else {})
        writer.writerow([
            checked.name, "yes" if checked.verified else "no", checked.reason,
            "yes" if data.get("finished") else "no", data.get("ending") or "",
            *(values.get(m, "") for m in meters),
            ";".join(f"{d.get('event')}:{d.get('option')}" for d in decisions
                     if isinstance(d, dict)),
            round(sum(float(d.get("seconds") or 0) for d in decisions if isinstance(d, dict)),
                  1),
            sum(1 for d in decisions if isinstance(d, dict) and d.get("late")),
            checked.path.name])
    return out.getvalue()


def write_report(report: ClassReport, folder: Path) -> Path:
    """DIR/report.html with its charts, and DIR/results.csv; returns the page."""
    folder.mkdir(parents=True, exist_ok=True)
    charts = _charts(report, folder)
    (folder / "results.csv").write_text(csv_text(report), encoding="utf-8")
    page = folder / "report.html"
    temporary = page.with_name("report.html.tmp")
    temporary.write_text(_page(report, charts), encoding="utf-8")
    temporary.replace(page)
    return page


def _charts(report: ClassReport, folder: Path) -> list[tuple[str, str]]:
    try:
        import matplotlib
    except ImportError as err:
        raise ReportError("the class report draws its charts with matplotlib: install it with "
                          "pip install 'balancing-act[report]'") from err

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charts = []
    spec = report.scenario.file
    counts = ending_counts(report)
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(spec.endings) + 1.2))
    colours = {"good": "#2a9d55", "mixed": "#7a869a", "bad": "#c2410c"}
    names = [e.title for e in spec.endings][::-1]
    axes.barh(names, [counts[e.id] for e in spec.endings][::-1],
              color=[colours[e.tone] for e in spec.endings][::-1])
    axes.set_xlabel("students")
    axes.set_title(f"Endings of {len(report.finished)} finished games")
    figure.savefig(folder / "endings.png", bbox_inches="tight")
    plt.close(figure)
    charts.append(("endings.png", "How the class's games ended"))

    meters = list(spec.meters.items())
    columns = 2
    rows = (len(meters) + 1) // 2
    figure, grid = plt.subplots(rows, columns, figsize=(10, 3.2 * rows), squeeze=False)
    for index, (meter_id, meter) in enumerate(meters):
        axes = grid[index // columns][index % columns]
        for checked in report.counted:
            track = [point[meter_id] for point in checked.game.meter_track]
            axes.plot(range(len(track)), track, color="#3b6fb6", alpha=0.25, linewidth=1)
        axes.set_title(meter.label)
        axes.set_xlabel("after decision")
        axes.set_ylim(meter.min, meter.max)
        axes.grid(alpha=0.3)
    for index in range(len(meters), rows * columns):
        grid[index // columns][index % columns].axis("off")
    figure.tight_layout()
    figure.savefig(folder / "meters.png", bbox_inches="tight")
    plt.close(figure)
    charts.append(("meters.png", "Every student's meters, turn by turn"))
    return charts


def _page(report: ClassReport, charts: list[tuple[str, str]]) -> str:
    e = html.escape
    spec = report.scenario.file
    counts = ending_counts(report)
    finished = len(report.finished)
    endings = _table(["ending", "tone", "students", "share"], [
        [x.title, x.tone, counts[x.id], f"{counts[x.id] / finished:.0%}" if finished else "-"]
        for x in spec.endings])
    cards = "".join(
        f"<h3>{e(row['title'])} <small>({row['students']} games"
        + (f", {row['voted']} projector votes" if row["voted"] else "") + ")</small></h3>"
        + _table(["option", "chose it", "share", "projector votes", "most common ending after "
                  "it"], [[o["label"], o["count"], f"{o['share']:.0%}", o["votes"] or "",
                           o["then"]] for o in row["options"]])
        for row in card_splits(report))
    students = _table(["name", "ending", *[m.label for m in spec.meters.values()]], [
        [c.name, c.game.ending.title if c.game.ending else "(unfinished)",
         *c.game.meters.values()] for c in report.counted])
    flagged = _table(["name", "file", "why it is not counted"], [
        [c.name, c.path.name, c.reason] for c in report.flagged]) if report.flagged else \
        "<p>None: every result matched the session and its own decisions.</p>"
    problems = ("<ul>" + "".join(f"<li>{e(p)}</li>" for p in report.problems) + "</ul>") \
        if report.problems else "<p>None.</p>"
    questions = spec.debrief.questions
    chosen = report.session.rules.questions
    if chosen:
        questions = [questions[i - 1] for i in chosen if 1 <= i <= len(questions)]
    unusual = unusual_paths(report)
    images = "".join(f'<figure><img src="{e(name)}" alt="{e(alt)}"><figcaption>{e(alt)}'
                     "</figcaption></figure>" for name, alt in charts)
    title = f"Class report: {spec.title}"
    return html_page(f"{title} ({report.session.class_code})", f"""<h1>{e(title)}</h1>
<p>Class code <strong>{e(report.session.class_code)}</strong>. {len(report.counted)} students
counted ({finished} finished), {len(report.flagged)} results flagged,
{len(report.problems)} other problems.</p>
{images}
<h2>Endings</h2>
{endings}
<h2>Card by card: how the class split, and what followed</h2>
{cards}
<h2>Unusual paths</h2>
{"<ul>" + "".join(f"<li>{e(n)}</li>" for n in unusual) + "</ul>" if unusual else
 "<p>No path stood out.</p>"}
<h2>Students</h2>
{students}
<h2>Flagged results (not counted)</h2>
{flagged}
<h2>Problems with the files handed in</h2>
{problems}
<h2>Questions for discussion</h2>
<ol>{"".join(f"<li>{e(q)}</li>" for q in questions)}</ol>
<h2>What really happened</h2>
<p>{e(spec.debrief.what_happened)}</p>
""")

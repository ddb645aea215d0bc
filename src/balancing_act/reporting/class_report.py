"""The class report: the verified results' figures as an HTML page with charts, and the
gradebook CSV (UTF-8 with a byte-order mark, cells that a spreadsheet would run as a formula
neutralised)."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from balancing_act.classroom.figures import card_splits, ending_counts, unusual_paths
from balancing_act.classroom.verify import Checked, ClassResults, Verified
from balancing_act.io import write_text
from balancing_act.reporting.charts import (
    BAND_COLOUR,
    TONE_COLOURS,
    label,
    make_folder,
    pyplot,
    save,
)
from balancing_act.reporting.html import html_page
from balancing_act.reporting.html import html_table as _table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """A CSV cell that Excel, LibreOffice or Google Sheets will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(report: ClassResults) -> str:
    """A row per student, for gradebooks: counted results first, then flagged ones."""
    meters = list(report.scenario.file.meters)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "verified", "reason", "finished", "ending", *meters, "decisions",
                     "seconds", "late_decisions", "file"])
    rows: list[Verified | Checked] = [*report.counted, *report.flagged]
    for checked in rows:
        result = checked.result
        decisions = result.decisions if result else []
        game = checked.game
        values = game.meters if game and checked.verified else (
            result.final_meters if result else {})
        writer.writerow([cell(v) for v in [
            checked.name, "yes" if checked.verified else "no", checked.reason,
            "yes" if result and result.finished else "no", (result.ending if result else "")
            or "", *(values.get(m, "") for m in meters),
            ";".join(f"{d.event}:{d.option}" for d in decisions),
            round(sum(d.seconds for d in decisions), 1), sum(1 for d in decisions if d.late),
            checked.path.name]])
    return out.getvalue()


def write_report(report: ClassResults, folder: Path) -> Path:
    """DIR/report.html with its charts, and DIR/results.csv; returns the page."""
    make_folder(folder)
    charts = _charts(report, folder)
    write_text(folder / "results.csv", csv_text(report), bom=True)
    page = folder / "report.html"
    write_text(page, _page(report, charts))
    return page


def _charts(report: ClassResults, folder: Path) -> list[tuple[str, str]]:
    plt = pyplot()
    from matplotlib.collections import LineCollection  # after pyplot(): it says what to install

    charts = []
    spec = report.scenario.file
    counts = ending_counts(report)
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(spec.endings) + 1.2))
    names = [label(e.title) for e in spec.endings][::-1]
    axes.barh(names, [counts[e.id] for e in spec.endings][::-1],
              color=[TONE_COLOURS[e.tone] for e in spec.endings][::-1])
    axes.set_xlabel("students")
    axes.set_title(f"Endings of {len(report.finished)} finished games")
    save(figure, folder / "endings.png")
    plt.close(figure)
    charts.append(("endings.png", "How the class's games ended"))

    meters = list(spec.meters.items())
    columns = 2
    rows = (len(meters) + 1) // 2
    figure, grid = plt.subplots(rows, columns, figsize=(10, 3.2 * rows), squeeze=False)
    for index, (meter_id, meter) in enumerate(meters):
        axes = grid[index // columns][index % columns]
        lines = [list(enumerate(point[meter_id] for point in checked.game.meter_track))
                 for checked in report.counted]  # one collection: a class of 1,000 draws fast
        axes.add_collection(LineCollection(lines, colors=BAND_COLOUR, alpha=0.25,
                                           linewidths=1))
        axes.set_xlim(0, max((len(line) - 1 for line in lines), default=1) or 1)
        axes.set_title(label(meter.label))
        axes.set_xlabel("after decision")
        axes.set_ylim(meter.min, meter.max)
        axes.grid(alpha=0.3)
    for index in range(len(meters), rows * columns):
        grid[index // columns][index % columns].axis("off")
    figure.tight_layout()
    save(figure, folder / "meters.png")
    plt.close(figure)
    charts.append(("meters.png", "Every student's meters, turn by turn"))
    return charts


def _page(report: ClassResults, charts: list[tuple[str, str]]) -> str:
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

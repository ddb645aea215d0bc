"""The class report: a folder an instructor opens to lead the debrief and fill the gradebook.

`write_report` writes the class page (card by card against history, paths, endings, questions,
students, checks) with its two charts, a page per student, the one-page class summary PDF and,
unless the view is anonymous, the one-page debrief sheets for every student and the gradebook
CSV. The anonymous view (for the projector) writes no name anywhere: not in the pages, the
charts' descriptions or the file names, and it has neither the CSV nor the sheets.

`csv_text` is the gradebook: UTF-8 with a byte-order mark (the writer adds it), one row per
student on the class list (absent ones too), then the results that match no one on it; cells a
spreadsheet would run as a formula neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from balancing_act.classroom.debrief import ClassDebrief, class_debrief
from balancing_act.classroom.gradebook import GradeRow, gradebook
from balancing_act.classroom.roster import Student
from balancing_act.classroom.verify import ClassResults
from balancing_act.errors import ReadError, ReportError, WriteError
from balancing_act.io import MB, describe, read_bytes, write_bytes, write_files, write_text
from balancing_act.play.catalog import Catalog
from balancing_act.play.explain import meter_marks
from balancing_act.reporting.charts import (
    BAND_COLOUR,
    TONE_COLOURS,
    label,
    make_folder,
    pyplot,
    save,
)
from balancing_act.reporting.class_page import FONTS, GENERATOR, class_page
from balancing_act.reporting.class_pdf import class_summary_pdf, student_sheets_pdf
from balancing_act.reporting.student_pages import student_page
from balancing_act.resources import asset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INDIA_COLOUR = "#b45309"
NAMED_FILES = ("results.csv", "sheets.pdf")  # what only the named view writes


def cell(value: object) -> object:
    """A CSV cell that Excel, LibreOffice or Google Sheets will not run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_columns(report: ClassResults) -> list[str]:
    return ["id", "name", "email", "status", "completed", "ending", "ending_tone", "decisions",
            "as_india", "seconds", "late_decisions", *report.scenario.file.meters, "flags",
            "file"]


def csv_text(report: ClassResults, *, roster: Sequence[Student] | None = None,
             rows: list[GradeRow] | None = None) -> str:
    """The gradebook: a row per student (see `classroom.gradebook`). Numbers are plain
    integers (no decimal point a spreadsheet in another locale could misread): `completed` is
    1 for a finished, counted game; `ending_tone` is good 2, mixed 1, bad 0; `seconds` is the
    thinking time the student's computer measured."""
    rows = rows if rows is not None else gradebook(report, roster)
    meters = list(report.scenario.file.meters)
    india = {e.id: next((o.id for o in e.options if o.historical), "")
             for e in report.scenario.file.events}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_columns(report))
    for row in rows:
        counted = row.counted
        game = counted.game if counted else None
        decisions = counted.result.decisions if counted else []
        values: list[object] = [row.id, row.name, row.email, row.status,
                                int(row.status == "finished")]
        if game is not None and counted is not None:
            ending = game.ending.title if game.ending and game.finished else ""
            tone = row.ending_tone
            values += [ending, "" if tone is None else tone, len(game.history),
                       sum(1 for s in game.history if india.get(s.event_id) == s.option_id),
                       round(sum(d.seconds for d in decisions)),
                       sum(1 for d in decisions if d.late),
                       *(game.meters[m] for m in meters)]
        else:
            values += [""] * (6 + len(meters))
        values += ["; ".join(row.flags(report.attempt)), counted.path.name if counted else ""]
        writer.writerow([cell(v) for v in values])
    return out.getvalue()


def write_report(report: ClassResults, folder: Path, *, anonymous: bool = False,
                 roster: Sequence[Student] | None = None, language: str = "en") -> Path:
    """Write the class report into `folder` and return the class page: report.html with
    endings.png and meters.png, students/*.html, class-summary.pdf, and (not anonymous)
    sheets.pdf and results.csv."""
    make_folder(folder)
    if anonymous:
        named = [name for name in NAMED_FILES if (folder / name).exists()]
        if named:
            raise ReportError(f"{describe(folder)} holds a report with names "
                              f"({', '.join(named)}); write the anonymous report to a folder "
                              "of its own, so the projector never shows a name")
    t = Catalog(language)
    view = class_debrief(report, anonymous)
    rows = gradebook(report, roster)  # in the anonymous view, only its counts are shown
    charts = _charts(view, folder)
    downloads: list[tuple[str, str]] = [("class-summary.pdf", "One-page class summary (PDF)")]
    write_bytes(folder / "class-summary.pdf", class_summary_pdf(view, t))
    if not anonymous:
        write_bytes(folder / "sheets.pdf", student_sheets_pdf(view, t))
        write_text(folder / "results.csv", csv_text(report, rows=rows), bom=True)
        downloads += [("sheets.pdf", "A debrief sheet per student (PDF, one page each)"),
                      ("results.csv", "Gradebook (CSV)")]
    _student_pages(view, folder / "students", None if anonymous else rows, t)
    _fonts(folder / "fonts")
    page = folder / "report.html"
    write_text(page, class_page(view, charts, rows, downloads, t))
    return page


def _student_pages(view: ClassDebrief, folder: Path, rows: list[GradeRow] | None,
                   t: Catalog) -> None:
    """A page per student; pages an earlier report left there for students no longer in it
    are removed (only pages this report makes: a file that is not one is never touched)."""
    make_folder(folder)
    by_counted = {id(r.counted): r for r in rows or [] if r.counted is not None}
    pages = {student.page: student_page(view, student, by_counted.get(id(student.checked)),
                                        t).encode("utf-8") for student in view.students}
    write_files(folder, pages)
    written = set(pages)
    for old in folder.glob("*.html"):
        if old.name in written:
            continue
        try:
            ours = GENERATOR.encode() in read_bytes(old, limit=MB)[:2048]
        except ReadError:
            continue
        if ours:
            try:
                old.unlink()
            except OSError as err:
                raise WriteError(f"{describe(old)}: cannot remove an earlier report's page: "
                                 f"{(err.strerror or str(err)).lower()}") from None


def _fonts(folder: Path) -> None:
    """The fonts the pages name, with their licence, so that any name shows on any computer."""
    make_folder(folder)
    for name in (*FONTS, "OFL.txt"):
        source = asset(f"fonts/{name}")
        target = folder / name
        if not target.exists() or target.stat().st_size != source.stat().st_size:
            write_bytes(target, read_bytes(source, limit=8 * MB, what="fonts"))


def _charts(view: ClassDebrief, folder: Path) -> dict[str, str]:
    """endings.png and meters.png (the class's lines, India's path and the goal), each with
    the description its image is given; none of them names a student."""
    plt = pyplot()
    from matplotlib.collections import LineCollection  # after pyplot(): it says what to install

    report = view.report
    spec = view.scenario.file
    charts: dict[str, str] = {}
    counts = {row.ending.id: row.count for row in view.endings}
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(spec.endings) + 1.2))
    names = [label(f"{e.title} ({e.tone})") for e in spec.endings][::-1]
    axes.barh(names, [counts[e.id] for e in spec.endings][::-1],
              color=[TONE_COLOURS[e.tone] for e in spec.endings][::-1])
    axes.set_xlabel("students")
    axes.xaxis.get_major_locator().set_params(integer=True)
    games = f"{len(report.finished)} finished game{'s' if len(report.finished) != 1 else ''}"
    axes.set_title(f"Endings of {games}")
    save(figure, folder / "endings.png")
    plt.close(figure)
    charts["endings.png"] = (f"Endings of the class's {games}: "
                             + ", ".join(f"{e.title} {counts[e.id]}" for e in spec.endings))

    meters = list(spec.meters.items())
    marks = meter_marks(view.scenario)
    columns = 2
    rows = (len(meters) + 1) // 2
    figure, grid = plt.subplots(rows, columns, figsize=(10, 3.2 * rows), squeeze=False)
    india = view.india
    for index, (meter_id, meter) in enumerate(meters):
        axes = grid[index // columns][index % columns]
        lines = [list(enumerate(point[meter_id] for point in checked.game.meter_track))
                 for checked in report.counted]  # one collection: a class of 1,000 draws fast
        axes.add_collection(LineCollection(lines, colors=BAND_COLOUR, alpha=0.25,
                                           linewidths=1, label="students"))
        longest = max((len(line) - 1 for line in lines), default=1)
        if india is not None:
            axes.plot(range(len(india.track)), [p[meter_id] for p in india.track],
                      color=INDIA_COLOUR, linewidth=2.4, linestyle="--", label="India's path")
            longest = max(longest, len(india.track) - 1)
        for mark in marks[meter_id]:
            if mark.kind == "goal":
                axes.axhline(mark.value, color=TONE_COLOURS["good"], linewidth=1,
                             linestyle=":", label="goal")
                break
        axes.set_xlim(0, longest or 1)
        axes.set_title(label(meter.label))
        axes.set_xlabel("after decision")
        axes.set_ylim(meter.min, meter.max)
        axes.grid(alpha=0.3)
        if index == 0:
            axes.legend(loc="best", fontsize=9)
    for index in range(len(meters), rows * columns):
        grid[index // columns][index % columns].axis("off")
    figure.tight_layout()
    save(figure, folder / "meters.png")
    plt.close(figure)
    charts["meters.png"] = ("Every counted student's meters, turn by turn (one thin line "
                            "each)" + (", with India's path as a dashed line" if india else "")
                            + " and the goal dotted")
    return charts

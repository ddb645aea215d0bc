"""The class report's printed handouts, each on one A4 page, made with the same PDF code as the
debrief a student saves from the window (`reporting.pdf.Document`, the shipped Noto fonts):

- the class summary: the endings, India's path, card by card what India did and what most of
  the class did, the decisions that separated the endings, the questions (no names: it can go
  on the projector or the wall);
- a debrief sheet per student: their ending and why, their meters beside the goal, each
  decision beside India's and the class's most common choice, and the questions to write on.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from balancing_act.classroom.debrief import CardDebrief, ClassDebrief, StudentDebrief
from balancing_act.play.catalog import Catalog
from balancing_act.reporting.class_page import separation_text
from balancing_act.reporting.debrief_pdf import ending_section, questions_section
from balancing_act.reporting.pdf import INK, MUTED, Document
from balancing_act.reporting.student_pages import ending_words, goals

PAGE_BOTTOM = 297 - 15  # where the automatic page break starts
TONE_FILL = {"good": (42, 157, 85), "mixed": (122, 134, 154), "bad": (194, 65, 12)}
TABLE_FITS = ((9.0, 3), (8.5, 2), (8.0, 2), (7.5, 2), (7.0, 2), (7.5, 1), (7.0, 1), (6.5, 1))


def _subline(doc: Document, text: str) -> None:
    doc.paragraph(text, 8.5, colour=MUTED)


def _questions_height(doc: Document, questions: Sequence[str], size: float) -> float:
    if not questions:
        return 0.0
    return 10 + _paragraphs_height(doc, [f"{n}. {q}" for n, q in enumerate(questions, 1)],
                                   size)


# -- the class summary -------------------------------------------------------------------------

def class_summary_pdf(view: ClassDebrief, t: Catalog) -> bytes:
    """One page, whatever the class's size: the card table keeps the cards most of the class
    met when all of them would not fit (the class page has every card)."""
    report = view.report
    spec = view.scenario.file
    doc = Document(f"Class summary: {spec.title}")
    doc.footer_text = f"Balancing Act · class {report.session.class_code}"
    doc.add_page()
    doc.heading(f"Class debrief: {spec.title}", 15)
    counted, finished = len(report.counted), len(report.finished)
    listed = len(report.session.roster)
    _subline(doc, f"Class {report.session.class_code} · {counted} "
                  f"student{'s' if counted != 1 else ''} counted, "
                  f"{finished} finished" + (f", of {listed} on the class list" if listed else "")
             + f" · {today()}")
    doc.heading("Endings", 11)
    _ending_bars(doc, view)
    if view.india is not None:
        ending = view.india.ending
        doc.paragraph("Played as India did, from the class seed, the game ends in "
                      + (f"'{ending.title}' ({ending.tone})." if ending else "no ending."),
                      8.5)
    doc.heading("Card by card: India and the class", 11)
    separations = [separation_text(item) for item in view.separations[:3]]
    reserve = _paragraphs_height(doc, separations, 8.5) + (10 if separations else 0) \
        + _questions_height(doc, view.questions, 8.5) + 6
    room = PAGE_BOTTOM - doc.get_y() - reserve
    cards = list(view.cards)
    widths = [7, 56, 43, 48, 24]
    size, lines = TABLE_FITS[-1]
    fitting = next(((z, n) for z, n in TABLE_FITS
                    if doc.table_height(widths, _card_rows(cards, t), z, n) <= room), None)
    if fitting is not None:
        size, lines = fitting
    else:  # the cards most of the class met, in the class's order
        ranked = sorted(cards, key=lambda c: -c.students)
        keep = len(cards)
        while keep > 1:
            chosen = {c.id for c in ranked[:keep]}
            if doc.table_height(widths, _card_rows([c for c in cards if c.id in chosen], t),
                                size, lines) <= room - 5:
                break
            keep -= 1
        chosen = {c.id for c in ranked[:keep]}
        cards = [c for c in cards if c.id in chosen]
    doc.plain_table(widths, ["", "card", "India's choice", "most of the class", "as India did"],
                    _card_rows(cards, t), size=size, max_lines=lines)
    if len(cards) < len(view.cards):
        left = len(view.cards) - len(cards)
        doc.paragraph(f"And {left} card{'s' if left != 1 else ''} fewer students met: the class "
                      "page has every card.", 7.5, colour=MUTED)
    if separations:
        doc.heading("Decisions that most separated the endings", 11)
        for text in separations:
            doc.paragraph(text, 8.5)
    questions_section(doc, "Questions for discussion", view.questions, size=8.5,
                      heading_size=11)
    return doc.output_bytes()


def today() -> str:
    """Today's date in words, as the report's other dates ('1 December 2025')."""
    now = time.localtime()
    return f"{now.tm_mday} {time.strftime('%B', now)} {now.tm_year}"


def _card_rows(cards: Sequence[CardDebrief], t: Catalog) -> list[list[str]]:
    rows = []
    for number, card in enumerate(cards, start=1):
        india, most = card.india, card.majority
        when = t.card_date(card.date, card.title)
        rows.append([str(number), card.title + (f" ({when})" if when else ""),
                     india.label if india else "(not marked)",
                     f"{most.label} ({most.share:.0%})" if most else "-",
                     f"{india.count} of {card.students}" if india and card.students else "-"])
    return rows


def _paragraphs_height(doc: Document, texts: Sequence[str], size: float) -> float:
    doc.set_font("body", "", size)
    return sum(len(doc.wrapped(text, doc.epw)) * size * 0.47 + 1 for text in texts)


def _ending_bars(doc: Document, view: ClassDebrief) -> None:
    most = max((row.count for row in view.endings), default=0) or 1
    doc.set_font("body", "", 8.5)
    for row in view.endings:
        y = doc.get_y()
        doc.set_text_color(*INK)
        doc.set_xy(doc.l_margin, y)
        doc.cell(78, 4.6, f"{row.ending.title} ({row.ending.tone})"[:70])
        width = 70 * row.count / most
        if width:
            doc.set_fill_color(*TONE_FILL.get(row.ending.tone, TONE_FILL["mixed"]))
            doc.rect(doc.l_margin + 80, y + 0.8, width, 3.2, style="F")
        doc.set_xy(doc.l_margin + 82 + width, y)
        doc.cell(20, 4.6, str(row.count))
        doc.set_y(y + 4.8)
    doc.ln(1)


# -- a sheet per student -----------------------------------------------------------------------

def student_sheets_pdf(view: ClassDebrief, t: Catalog,
                       students: Sequence[StudentDebrief] | None = None) -> bytes:
    """A one-page debrief sheet for each student, to print and hand out."""
    spec = view.scenario.file
    doc = Document(f"Debrief sheets: {spec.title}")
    doc.footer_text = f"Balancing Act · class {view.report.session.class_code}"
    for student in (view.students if students is None else students):
        sheet(doc, view, student, t)
    if doc.pages_count == 0:
        doc.add_page()
        doc.paragraph("No student's game was counted, so there are no sheets.")
    return doc.output_bytes()


def sheet(doc: Document, view: ClassDebrief, student: StudentDebrief, t: Catalog) -> None:
    spec = view.scenario.file
    report = view.report
    game = student.checked.game
    doc.add_page()
    doc.heading(student.label, 15)
    _subline(doc, f"{spec.title} · class {report.session.class_code}")
    heading, text, verdict, reasons = ending_words(view, student, t)
    ending_section(doc, heading, text, verdict, reasons, size=8.5, heading_size=11)
    ids = list(spec.meters)
    questions_size = 8.5
    reserve = _questions_height(doc, view.questions, questions_size) + 12
    rows = [[str(d.turn), d.title,
             d.chose,
             "the same" if d.same_as_india else (d.india or "(not marked)"),
             f"the same ({d.majority_share:.0%})" if d.with_majority else
             f"{d.majority} ({d.majority_share:.0%})"] for d in student.decisions]
    widths = [8, 46, 41, 41, 42]
    header = ["#", "card", "you chose", "India chose", "most of the class"]
    heights: dict[tuple[float, int], float] = {}

    def table_height(fit: tuple[float, int]) -> float:
        if fit not in heights:
            heights[fit] = doc.table_height(widths, rows, *fit)
        return heights[fit]

    chart, fit = 22.0, TABLE_FITS[-1]
    top = doc.get_y()
    # the largest type that fits, with the tallest chart it leaves room for: a smaller chart
    # before a table cut to one line per cell
    found = next(((height, f) for f in TABLE_FITS for height in (36.0, 28.0, 22.0)
                  if table_height(f) <= PAGE_BOTTOM - top - (height + 20) - reserve), None)
    if found is not None:
        chart, fit = found
    size, lines = fit
    targets = goals(view.scenario)
    dates = [t.card_date(d.date, "") for d in student.decisions]
    doc.meter_chart([m.label for m in spec.meters.values()], ids, game.meter_track,
                    [m.min for m in spec.meters.values()], [m.max for m in spec.meters.values()],
                    targets, height=chart, timeline=dates)
    doc.plain_table(widths, header, rows, size=size, max_lines=lines,
              muted=[[False, False, False, d.same_as_india, d.with_majority]
                     for d in student.decisions])
    if student.india_cards:
        doc.paragraph(f"You chose as India did on {student.matches_india} of "
                      f"{student.india_cards} card{'s' if student.india_cards != 1 else ''} "
                      "where the record says what India did, and "
                      f"as most of the class did on {student.with_majority} of "
                      f"{len(student.decisions)}.", 8.5)
    questions_section(doc, "Questions for your reflection", view.questions,
                      size=questions_size, heading_size=11)
    if PAGE_BOTTOM - doc.get_y() > 24:
        doc.paragraph("Your answers:", 8.5, colour=MUTED)
        doc.rules(PAGE_BOTTOM - 2)

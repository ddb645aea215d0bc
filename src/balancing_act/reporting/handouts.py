"""Printed handouts for a class: the slips with each student's personal code."""

from __future__ import annotations

from collections.abc import Sequence

from balancing_act.classroom.roster import Student
from balancing_act.classroom.session import Session
from balancing_act.reporting.pdf import INK, MUTED, Document, clean, fitted_text

SLIPS_PER_PAGE = 8


def codes_pdf(session: Session, students: Sequence[Student], codes: dict[str, str],
              session_name: str) -> bytes:
    """A4 pages of slips to cut apart: the student's name, their personal code, the class code
    and how to join. Hand each student their own slip only."""
    doc = Document(f"Personal codes: class {session.class_code}")
    doc.footer_text = f"Balancing Act · class {session.class_code} · keep each slip private"
    height = (297 - 28) / (SLIPS_PER_PAGE // 2)
    width = (210 - 32) / 2
    for index, student in enumerate(students):
        if index % SLIPS_PER_PAGE == 0:
            doc.add_page()
        column, row = index % 2, (index % SLIPS_PER_PAGE) // 2
        x, y = 16 + column * width, 14 + row * height
        doc.set_draw_color(170, 175, 185)
        doc.set_dash_pattern(dash=1, gap=1)
        doc.rect(x, y, width, height)
        doc.set_dash_pattern()
        doc.set_xy(x + 5, y + 5)
        doc.set_font("body", "B", 12)
        doc.set_text_color(*INK)
        doc.cell(width - 10, 7, clean(student.name))
        doc.set_xy(x + 5, y + 13)
        doc.set_font("body", "", 9)
        doc.set_text_color(*MUTED)
        doc.cell(width - 10, 4.5, clean(f"Student id {student.id} · class {session.class_code}"))
        doc.set_xy(x + 5, y + 17.5)
        doc.cell(width - 10, 4.5, fitted_text(doc, clean(session.scenario.title), width - 10))
        doc.set_xy(x + 5, y + 24)
        doc.set_font("body", "", 9)
        doc.set_text_color(*INK)
        doc.cell(width - 10, 5, "Your personal code:")
        doc.set_xy(x + 5, y + 29)
        doc.set_font("body", "B", 20)
        code = codes[student.id]
        doc.cell(width - 10, 10, f"{code[:4]} {code[4:]}")
        doc.set_xy(x + 5, y + 43)
        doc.set_font("body", "", 8)
        doc.set_text_color(*MUTED)
        doc.multi_cell(width - 10, 3.8, clean(
            f"Play: balancing-act play --session {session_name} (the game asks for your name "
            "and this code). Keep it to yourself: it makes your result yours."), align="L")
    return doc.output_bytes()


def _command(doc: Document, text: str) -> None:
    """A command to type, in a light box, wrapped where it must be."""
    doc.set_font("body", "", 8.5)
    lines = doc.wrapped(text, doc.epw - 6)
    height = len(lines) * 4.0 + 2
    if doc.get_y() + height > doc.h - 15:
        doc.add_page()
    top = doc.get_y()
    doc.set_fill_color(241, 244, 248)
    doc.rect(doc.l_margin, top, doc.epw, height, style="F")
    doc.set_text_color(*INK)
    for index, line in enumerate(lines):
        doc.set_xy(doc.l_margin + 3, top + 1 + index * 4.0)
        doc.cell(doc.epw - 6, 4.0, line)
    doc.set_y(top + height + 1.5)


def quickstart_pdf(session: Session, session_name: str, *, roster: str = "",
                   own_scenario: bool = True) -> bytes:
    """The instructor's one-page quick-start card for this session: before the lesson,
    while students play, collecting, the debrief and the gradebook, with this session's own
    file names and class code in every command. `roster` is the class list's file name (""
    without one); `own_scenario` says the scenario is a file beside the session (not a shipped
    one, which every installed game has)."""
    stem = session_name.rsplit(".", 1)[0]
    doc = Document(f"Quick start: class {session.class_code}")
    doc.footer_text = f"Balancing Act · class {session.class_code} · the instructor guide has " \
                      "the details"
    doc.add_page()
    doc.heading(f"Quick start: class {session.class_code}", 16)
    doc.paragraph(f"{session.scenario.title}. Each command runs in a terminal in the folder "
                  f"that holds {session_name}.", 9, colour=MUTED)
    doc.heading("1. Before the lesson (10 minutes)", 12)
    doc.paragraph("Play it once yourself, with your result kept apart from the class's:", 9)
    _command(doc, f'balancing-act play --session {session_name} --text --name "Test" '
                  "--results test-results")
    share = (f"Share the folder with {session_name} and the scenario file beside it, unchanged."
             if own_scenario else f"Share {session_name} with the class (the game has the "
             "scenario).")
    if roster:
        share += (f" Print {stem}-codes.pdf and cut the slips: one per student. Keep "
                  f"{stem}.key.yaml to yourself: it makes every personal code.")
    doc.paragraph(share, 9)
    doc.heading("2. Students play (20 to 30 minutes)", 12)
    doc.paragraph("Each student starts the session, types their name"
                  + (" and the personal code from their slip" if roster else "")
                  + f", checks that the screen shows class {session.class_code}, and plays to "
                  "the end. On the last screen, Copy my result… puts the result file in the "
                  "hand-in folder (or they upload the .json file it names).", 9)
    _command(doc, f"balancing-act play --session {session_name}")
    doc.paragraph("Or play one game together on the projector, typing in the class's votes "
                  "(1-4 adds a vote, Enter plays the majority's choice):", 9)
    _command(doc, f"balancing-act play --session {session_name} --projector --results "
                  "projector")
    doc.heading("3. Collect and check (2 minutes)", 12)
    doc.paragraph("Put every result file (or the zip a course website gives) in one folder, "
                  "here handin, then write the report (leave out projector without a "
                  "projector game). Every result is replayed; edited, copied or stray files "
                  "are flagged, never counted.", 9)
    roster_option = f" --roster {roster}" if roster else ""
    _command(doc, f"balancing-act class report {session_name} handin projector --out report"
                  + roster_option)
    doc.paragraph("For the projector, the same report with no names anywhere:", 9)
    _command(doc, f"balancing-act class report {session_name} handin projector --anonymous "
                  "--out projector-view")
    doc.heading("4. The debrief (15 minutes)", 12)
    doc.paragraph("Open projector-view/report.html. Go card by card: how the class split, what "
                  "India did and what happened, with the sources; then the class's paths "
                  "against India's, the endings and what led to them, and the questions. Print "
                  "report/sheets.pdf (one page per student) for the written reflection, which "
                  "is what the rubric grades: the ending is not a score.", 9)
    doc.heading("5. The gradebook", 12)
    doc.paragraph("report/results.csv has one row per student (absent ones too): id, name, "
                  "email, status, completed (1 or 0), ending, ending_tone (good 2, mixed 1, "
                  "bad 0), flags. Import it into Moodle (identify users by email, map "
                  "completed to a grade item) or open it in Excel, LibreOffice or Google "
                  "Sheets. A student's several games: --attempt first (default), best or "
                  "last.", 9)
    _command(doc, f"balancing-act class export {session_name} handin --out grades.csv"
                  + roster_option)
    doc.heading("If something goes wrong", 12)
    for line in (
            "A name is refused: the student types it as the class list has it, or their "
            "student id." if roster else "Names are compared without capitals or extra "
            "spaces: ask students to type their full name the same way each time.",
            "\"has changed since the session was created\": put back the exact scenario "
            "file the session was made from (or make a new session).",
            "A file listed under problems (cut short, not a result): ask the student to hand "
            "it in again; the game keeps its own copy.",
            "The instructor guide (docs/instructor-guide.md) has the lesson plan, the rubric, "
            "every message and what to do."):
        doc.paragraph(f"• {line}", 9)
    return doc.output_bytes()

"""Printed handouts for a class: the slips with each student's personal code."""

from __future__ import annotations

from collections.abc import Sequence

from balancing_act.classroom.roster import Student
from balancing_act.classroom.session import Session
from balancing_act.reporting.pdf import INK, MUTED, Document, clean

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
        doc.cell(width - 10, 4.5, fitted(doc, clean(session.scenario.title), width - 10))
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


def fitted(doc: Document, text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` in the current font."""
    if doc.get_string_width(text) <= width:
        return text
    while text and doc.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"

"""A player's whole debrief as a PDF to keep: the ending and whether the goal was met, the chart,
every decision with its effects beside what India chose, what really happened, the questions
and the sources as links. The window's "Save debrief" and `--debrief FILE.pdf` write it; the
class report's one-page sheet for each student is made of the same sections."""

from __future__ import annotations

from collections.abc import Sequence

from balancing_act.play.catalog import Catalog
from balancing_act.play.views import DebriefView
from balancing_act.reporting.pdf import MUTED, Document


def ending_section(doc: Document, heading: str, text: str, verdict: str,
                   reasons: Sequence[str], size: float = 10, heading_size: float = 13) -> None:
    """The ending: its title, its text, whether the goal was met and which meters decided."""
    doc.heading(heading, heading_size)
    doc.paragraph(text, size)
    doc.paragraph(verdict, size, bold=True)
    for reason in reasons:
        doc.paragraph(reason, size, indent=4)


def questions_section(doc: Document, heading: str, questions: Sequence[str],
                      size: float = 10, heading_size: float = 12) -> None:
    """The discussion questions, numbered from 1."""
    if not questions:
        return
    doc.heading(heading, heading_size)
    for number, question in enumerate(questions, start=1):
        doc.paragraph(f"{number}. {question}", size)


def debrief_pdf(view: DebriefView, t: Catalog) -> bytes:
    doc = Document(f"{view.title}: {view.ending.title}", t.language)
    doc.footer_text = f"Balancing Act · {view.title}"
    doc.add_page()
    doc.heading(view.title, 16)
    ending_section(doc, t("ending.heading", title=view.ending.title), view.ending.text,
                   view.ending.verdict, view.ending.reasons)
    goals = {}
    for meter in view.ending.meters:
        for mark in meter.marks:
            if mark.kind == "goal":
                goals[meter.id] = mark.value
    doc.heading(t("ending.chart"), 12)
    doc.meter_chart(view.meter_labels, view.meter_ids, view.track,
                    [m.min for m in view.ending.meters], [m.max for m in view.ending.meters],
                    goals, timeline=[date for _, date, _ in view.timeline],
                    start_label=t("chart.start"))
    doc.heading(t("ending.decisions"), 12)
    for decision in view.decisions:
        date = f" ({decision.date})" if decision.date else ""
        doc.paragraph(f"{decision.turn}. {decision.title}{date}", bold=True)
        doc.paragraph(f"{t('debrief.you_chose')}: {decision.chose} ({decision.effects})",
                      indent=4)
        if decision.india:
            doc.paragraph(t("debrief.same") if decision.same_as_india else
                          f"{t('debrief.india_chose')}: {decision.india}", indent=4,
                          colour=MUTED)
        for landed in decision.landed:
            doc.paragraph(landed, indent=4, colour=MUTED)
    if view.india_cards:
        doc.paragraph(t("debrief.matches", matches=view.matches_india, cards=view.india_cards))
    doc.heading(t("ending.what_happened"), 12)
    doc.paragraph(view.what_happened)
    for item in view.history:
        date = f" ({item.date})" if item.date else ""
        doc.paragraph(f"{item.title}{date}", bold=True)
        doc.paragraph(item.text)
    doc.paragraph(view.illustrative_note, colour=MUTED)
    questions_section(doc, t("ending.questions"), view.questions)
    if view.sources:
        doc.heading(t("ending.sources"), 12)
        doc.addresses(view.sources)
    return doc.output_bytes()

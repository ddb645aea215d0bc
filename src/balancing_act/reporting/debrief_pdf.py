"""A player's whole debrief as a PDF to keep: the ending and whether the goal was met, the chart,
every decision with its effects beside what India chose, what really happened, the questions
and the sources as links. The window's "Save debrief" and `--debrief FILE.pdf` write it."""

from __future__ import annotations

from balancing_act.play.catalog import Catalog
from balancing_act.play.views import DebriefView
from balancing_act.reporting.pdf import MUTED, Document


def debrief_pdf(view: DebriefView, t: Catalog) -> bytes:
    doc = Document(f"{view.title}: {view.ending.title}", t.language)
    doc.footer_text = f"Balancing Act · {view.title}"
    doc.add_page()
    doc.heading(view.title, 16)
    doc.heading(t("ending.heading", title=view.ending.title), 13)
    doc.paragraph(view.ending.text)
    doc.paragraph(view.ending.verdict, bold=True)
    for reason in view.ending.reasons:
        doc.paragraph(reason, indent=4)
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
    if view.questions:
        doc.heading(t("ending.questions"), 12)
        for number, question in enumerate(view.questions, start=1):
            doc.paragraph(f"{number}. {question}")
    if view.sources:
        doc.heading(t("ending.sources"), 12)
        doc.addresses(view.sources)
    return doc.output_bytes()

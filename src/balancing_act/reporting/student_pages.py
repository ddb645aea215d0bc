"""A page per student, linked from the class page: their decisions beside India's and the class's
most common choice, their ending in the words of their own debrief, their meters turn by turn
beside India's path. In the anonymous view the page is "Student N" and carries no flags."""

from __future__ import annotations

from balancing_act.classroom.debrief import ClassDebrief, StudentDebrief
from balancing_act.classroom.gradebook import GradeRow
from balancing_act.play.catalog import Catalog
from balancing_act.play.explain import meter_marks
from balancing_act.play.playthrough import ending_reasons
from balancing_act.reporting.class_page import (
    GENERATOR,
    REPORT_STYLE,
    e,
    font_faces,
    paragraphs,
    tone_badge,
)
from balancing_act.reporting.html import Markup, html_page, html_table
from balancing_act.reporting.svg import Panel, meter_panels
from balancing_act.scenario.loader import Scenario

STUDENT_STYLE = """
.ending { border: 1px solid #d9dee5; border-radius: 8px; padding: .4rem 1rem; margin: .8rem 0; }
.ending h2 { margin: .3rem 0; }
td.same { color: #5b6573; }
table.decisions td { vertical-align: top; }
"""


def goals(scenario: Scenario) -> dict[str, float]:
    """The goal a good ending asks of each meter (the first goal mark of the meter)."""
    found: dict[str, float] = {}
    for meter, marks in meter_marks(scenario).items():
        for mark in marks:
            if mark.kind == "goal":
                found.setdefault(meter, mark.value)
    return found


def ending_words(view: ClassDebrief, student: StudentDebrief,
                 t: Catalog) -> tuple[str, str, str, tuple[str, ...]]:
    """(heading, text, verdict, reasons) of a student's ending, as their own debrief says it;
    for an unfinished game, where it stopped."""
    game = student.checked.game
    ending = game.ending
    spec = view.scenario.file
    if not game.finished or ending is None:
        return ("Not finished", f"The game stopped after {len(game.history)} of {spec.turns} "
                "turns; it has no ending.", "", ())
    verdict = t("ending.goal_met") if ending.tone == "good" else t("ending.goal_missed")
    return (t("ending.heading", title=ending.title), ending.text.strip(), verdict,
            ending_reasons(view.scenario, ending, game.meters, t))


def student_page(view: ClassDebrief, student: StudentDebrief, row: GradeRow | None,
                 t: Catalog) -> str:
    spec = view.scenario.file
    report = view.report
    heading, text, verdict, reasons = ending_words(view, student, t)
    ending = student.ending
    tone = tone_badge(ending.tone) if ending and student.finished else ""
    game = student.checked.game
    india = view.india
    targets = goals(view.scenario)
    panels = []
    for meter_id, meter in spec.meters.items():
        lines: list[tuple[str, list[int], bool]] = [
            (student.label, [point[meter_id] for point in game.meter_track], False)]
        if india is not None:
            lines.append(("India's path", [point[meter_id] for point in india.track], True))
        panels.append(Panel(meter.label, meter.min, meter.max, lines, targets.get(meter_id)))
    legend = ('<p class="legend small"><span class="key-you">' + e(student.label)
              + "</span>" + ('<span class="key-india">India\'s path (class seed)</span>'
                             if india is not None else "")
              + ('<span class="key-goal">the goal</span>' if targets else "") + "</p>")
    rows: list[list[object]] = []
    for decision in student.decisions:
        when = t.card_date(decision.date, decision.title)
        card = Markup(f'<a href="../report.html#card-{e(decision.card_id)}">'
                      f"{e(decision.title)}</a>" + (f" <span class=\"when\">{e(when)}</span>"
                                                   if when else ""))
        india_cell = Markup('<span class="muted">✓ the same</span>') if decision.same_as_india \
            else (decision.india or Markup('<span class="muted">not marked</span>'))
        majority = Markup(f'<span class="muted">✓ the same ({decision.majority_share:.0%})'
                          "</span>") if decision.with_majority else \
            f"{decision.majority} ({decision.majority_share:.0%})"
        rows.append([decision.turn, card, decision.chose, india_cell, majority])
    meters = html_table([m.label for m in spec.meters.values()],
                        [[game.meters[m] for m in spec.meters]])
    flags = row.flags(report.attempt) if row is not None and not view.anonymous else []
    questions = "".join(f"<li>{e(q)}</li>" for q in view.questions)
    cards = "card" if student.india_cards == 1 else "cards"
    matched = (f"Chose as India did on {student.matches_india} of {student.india_cards} {cards} "
               "where the record says what India did, and as most of the class did on "
               f"{student.with_majority} of {len(student.decisions)}.")
    body = f"""<nav class="toc no-print" aria-label="Back"><a href="../report.html#students">
← The class page</a></nav>
<h1>{e(student.label)}</h1>
<p class="lead">{e(spec.title)} · class {e(report.session.class_code)}</p>
<div class="ending"><h2>{e(heading)} {tone}</h2>{paragraphs(text)}
{f"<p><strong>{e(verdict)}</strong></p>" if verdict else ""}
{"<ul>" + "".join(f"<li>{e(r)}</li>" for r in reasons) + "</ul>" if reasons else ""}</div>
<h2>Meters at the end</h2>{meters}
<h2>The meters, turn by turn</h2>{legend}{meter_panels(panels)}
<h2>Decisions</h2><p>{e(matched)}</p>
{html_table(["turn", "card", "chose", "India chose", "the class's most common choice"], rows,
            css="decisions")}
{"<h2>To look at</h2><ul>" + "".join(f"<li>{e(f)}</li>" for f in flags) + "</ul>"
 if flags else ""}
<h2>Questions for reflection</h2>
{f"<ol>{questions}</ol>" if questions else "<p>The scenario has no questions.</p>"}
"""
    return html_page(f"{student.label}: {spec.title}", body,
                     style=font_faces("../") + REPORT_STYLE + STUDENT_STYLE, head=GENERATOR)

"""The class page of the class report: what leads the debrief, card by card.

Each card the class met, with the class's split as bars, India's option marked, what really
happened and the sources as links; the class's paths against India's over the turns; the
endings and the decisions that most separate good from bad ones; the questions. Then the
students (each linked to their own page) and the checks. The anonymous view, for the projector,
has no name anywhere: students are "Student 1..n" or simply counts, and the checks are counts.
Printed, the page keeps the debrief and leaves out the lists (one A4 summary is the PDF).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from balancing_act.classroom.debrief import (
    CardDebrief,
    ClassDebrief,
    OptionSplit,
    Separation,
    StandIn,
    historical_option_id,
)
from balancing_act.classroom.figures import unusual_paths
from balancing_act.classroom.gradebook import GradeRow, listed
from balancing_act.classroom.verify import ATTEMPT_WORDS, Step, Verified
from balancing_act.play.catalog import Catalog
from balancing_act.reporting.html import Markup, html_page, html_table

GENERATOR = '<meta name="generator" content="balancing-act class report">\n'
TONE_WORDS = {"good": "good", "mixed": "mixed", "bad": "bad"}

FONTS = ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf")


def font_faces(prefix: str) -> str:
    """The Devanagari font the report carries in its fonts/ folder, for names and text that
    the computer showing the page may have no font for (`prefix` leads there from the page);
    used for Devanagari letters only, everything else in the computer's own font."""
    return "".join(
        f'@font-face {{ font-family: "Report Devanagari"; font-weight: {weight}; '
        f'src: url("{prefix}fonts/{name}") format("truetype"); '
        "unicode-range: U+0900-097F, U+1CD0-1CFF, U+A8E0-A8FF, U+200C-200D, U+25CC; }\n"
        for name, weight in zip(FONTS, (400, 700), strict=True))


REPORT_STYLE = """
body { max-width: 64rem; font-size: 1.05rem;
       font-family: "Report Devanagari", system-ui, sans-serif; }
a { color: #0b5cad; }
nav.toc { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: .5rem 0 1rem;
          padding: .5rem .75rem; background: #f1f4f8; border-radius: 6px; }
.downloads { font-size: .95rem; }
.lead { font-size: 1.1rem; }
.muted { color: #5b6573; }
.small { font-size: .9rem; }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .45rem;
         border-radius: .7rem; border: 1px solid currentColor; margin-left: .3rem;
         white-space: nowrap; vertical-align: .1rem; }
.badge.india { color: #8a3c00; background: #fff4e5; }
.badge.most { color: #0b4f8a; background: #e8f1fb; }
.badge.good { color: #17643a; background: #e6f4ec; }
.badge.mixed { color: #4a5361; background: #eef0f3; }
.badge.bad { color: #9a3412; background: #fdecea; }
section.card { border-top: 2px solid #d9dee5; padding: .6rem 0 .4rem; }
section.card h3 { margin: .2rem 0; }
.when { font-weight: normal; color: #5b6573; font-size: .95rem; }
ul.split { list-style: none; padding: 0; margin: .5rem 0; }
ul.split li { display: grid; grid-template-columns: minmax(14rem, 2.2fr) 3fr 6.5rem;
              gap: .2rem .8rem; align-items: center; padding: .25rem 0; }
ul.split li.india { background: #fffaf2; }
.bar { background: #e8edf3; height: 1.2rem; border-radius: 3px; overflow: hidden; }
.bar span { display: block; height: 100%; background: #3b6fb6; }
li.india .bar span { background: #b45309; }
.stand-in { color: #5b6573; font-style: italic; }
.count { font-variant-numeric: tabular-nums; text-align: right; }
.after { grid-column: 1 / -1; font-size: .85rem; color: #5b6573; margin-top: -.15rem; }
.history { background: #f7f9fb; border-left: 4px solid #b45309; padding: .3rem .9rem;
           margin: .4rem 0; }
.history h4 { margin: .3rem 0; }
ul.sources { font-size: .85rem; margin: .2rem 0 .4rem; padding-left: 1.2rem;
             overflow-wrap: anywhere; }
details { margin: .3rem 0; }
table.students td:first-child { min-width: 9rem; }
table.students td:nth-child(n+3) { white-space: nowrap; }
table.students td:last-child { white-space: normal; }
.panels { display: flex; flex-wrap: wrap; gap: .5rem 1rem; }
svg .t { font: 600 13px system-ui, sans-serif; fill: #1f2933; }
svg .a { font: 11px system-ui, sans-serif; fill: #5b6573; }
.legend span { margin-right: 1.2rem; white-space: nowrap; }
.key-you { border-bottom: 3px solid #0072b2; }
.key-india { border-bottom: 3px dashed #b45309; }
.key-goal { border-bottom: 2px dotted #2a9d55; }
.print-only { display: none; }
@page { size: A4; margin: 14mm 14mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9pt; line-height: 1.28; }
  nav.toc, .downloads, details, .no-print { display: none !important; }
  .print-only { display: block; }
  h1 { font-size: 15pt; margin: 0 0 .2rem; } h2 { font-size: 12pt; margin: .6rem 0 .25rem; }
  h3 { font-size: 10pt; margin: .1rem 0; } h4 { font-size: 9pt; }
  p { margin: .2rem 0; }
  h2, h3 { break-after: avoid; }
  .lead { font-size: 10pt; }
  .small, .when, figcaption { font-size: 8pt; }
  #cards .cards, #history .text { column-count: 2; column-gap: 7mm; }
  section.card { padding: .25rem 0 .1rem; border-top-width: 1px; }
  section.card h3, ul.split { break-inside: avoid; break-after: avoid; }
  ul.split { margin: .2rem 0; }
  ul.split li { grid-template-columns: 2.4fr 2fr 3.6rem; gap: 0 .4rem; padding: 0; }
  .badge { font-size: 6.5pt; padding: 0 .25rem; }
  .bar { height: .65rem; }
  .after { font-size: 7pt; margin: 0 0 .1rem; }
  .history { padding: 0 .45rem; border-left-width: 2px; font-size: 8.5pt; }
  .history h4 { display: none; }
  section.card ul.sources { display: none; }  /* addresses are for the screen, to click */
  ul.sources { font-size: 6.5pt; line-height: 1.15; padding-left: .9rem; margin: .1rem 0; }
  figure { break-inside: avoid; margin: .3rem 0; }
  figure img { max-height: 8.5cm; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 8pt; margin: .2rem 0 .6rem; }
  th, td { padding: .1rem .35rem; }
}
"""


def e(value: object) -> str:
    return html.escape(str(value))


def paragraphs(text: str) -> str:
    """Blank-line separated text as paragraphs, escaped."""
    return "".join(f"<p>{e(' '.join(block.split()))}</p>"
                   for block in text.strip().split("\n\n") if block.strip())


def source_links(sources: Sequence[str]) -> str:
    """Sources as links (web addresses only; anything else as plain text)."""
    items = []
    for source in sources:
        if source.startswith(("https://", "http://")):
            items.append(f'<li><a href="{e(source)}" rel="noopener noreferrer">{e(source)}'
                         "</a></li>")
        else:
            items.append(f"<li>{e(source)}</li>")
    return f'<ul class="sources">{"".join(items)}</ul>' if items else ""


def tone_badge(tone: str) -> str:
    return f'<span class="badge {e(tone)}">{e(TONE_WORDS.get(tone, tone))}</span>'


def _option(option: OptionSplit, card: CardDebrief) -> str:
    badges = (' <span class="badge india">India\'s choice</span>' if option.india else "") \
        + (' <span class="badge most">most chosen</span>' if option.most_chosen else "")
    classes = " ".join(c for c in ("india" if option.india else "",
                                   "most" if option.most_chosen else "") if c)
    count = f"{option.count} · {option.share:.0%}" if card.students else "-"
    finished = sum(option.endings.values())
    after = []
    if finished:
        after.append("then " + ", ".join(f"{n} {TONE_WORDS[tone]}" for tone, n in
                                        option.endings.items() if n) + " ending"
                     + ("s" if finished > 1 else ""))
    if card.voted:
        after.append(f"{option.votes} projector vote{'s' if option.votes != 1 else ''}")
    return (f'<li class="{classes}"><span class="label">{e(option.label)}{badges}</span>'
            f'<span class="bar" aria-hidden="true"><span style="width:{option.share:.1%}">'
            f'</span></span><span class="count">{e(count)}</span>'
            + (f'<span class="after">{e("; ".join(after))}</span>' if after else "")
            + "</li>")


def card_section(card: CardDebrief, number: int, t: Catalog) -> str:
    when = t.card_date(card.date, card.title)
    met = f"{card.students} student{'s' if card.students != 1 else ''} met this card"
    if card.voted:
        met += f"; the class cast {card.voted} projector vote{'s' if card.voted != 1 else ''}"
    record = "" if card.india is not None else \
        '<p class="muted small">The scenario does not mark what India did on this card.</p>'
    history = ""
    if card.history or card.sources:
        history = ('<div class="history"><h4>What really happened</h4>'
                   f"{paragraphs(card.history)}{source_links(card.sources)}</div>")
    text = (f"<details><summary>The card as students read it</summary>{paragraphs(card.text)}"
            "</details>") if card.text else ""
    return (f'<section class="card" id="card-{e(card.id)}"><h3>{number}. {e(card.title)}'
            + (f' <span class="when">{e(when)}</span>' if when else "") + "</h3>"
            f'<p class="muted small">{e(met)}</p>'
            f'<ul class="split">{"".join(_option(o, card) for o in card.options)}</ul>'
            f"{record}{history}{text}</section>")


def separation_text(item: Separation) -> str:
    word = "a good" if item.tone == "good" else "a bad"
    return (f"Of the {item.chose} who chose '{item.option_label}' on '{item.card_title}' and "
            f"finished, {item.chose_tone} reached {word} ending "
            f"({item.chose_tone / item.chose:.0%}); of the {item.others} others who finished, "
            f"{item.others_tone} did ({item.others_tone / item.others:.0%}).")


def _paths_section(view: ClassDebrief, charts: dict[str, str], t: Catalog) -> str:
    india = view.india
    chart = _figure(charts, "meters.png")
    if india is None:
        return (f"{chart}<p>This scenario does not mark what India did, so there is no "
                "historical path to compare with.</p>")
    ending = india.ending
    said = (f"Played as India did, from the class seed ({view.report.session.seed}), the game "
            + (f"ends in <strong>{e(ending.title)}</strong> {tone_badge(ending.tone)}."
               if ending else "does not reach an ending."))
    first = india.chosen_by.count("first")
    instead = "the class's most common choice stands in"
    if first == india.stood_in:
        instead = "the first open option stands in (no student's choice is open there)"
    elif first:
        instead += (f", or on {first} of them, where no student's choice is open, the first "
                    "open option")
    stood = (f" On {india.marked} of its {len(india.steps)} decisions the scenario says what "
             f"India did; on the other {india.stood_in} {instead}; the table marks them."
             if india.stood_in else
             f" On all {len(india.steps)} of its decisions the scenario says what India did.")
    met: dict[str, CardDebrief] = {c.id: c for c in view.cards}
    rows: list[list[object]] = []
    for step, why in zip(india.steps, india.chosen_by, strict=True):
        card = met.get(step.event_id)
        same = next((o for o in card.options if o.id == step.option_id), None) if card else None
        rows.append([step.turn, step.event_title, _path_choice(view, step, why),
                     f"{same.count} of {card.students}" if card and same and card.students
                     else "not met"])
    return (f"{chart}<p>{said}{e(stood)}</p>"
            "<details open><summary>India's path, turn by turn</summary>"
            + html_table(["turn", "card", "India's choice", "the class chose the same"], rows)
            + "</details>")


STAND_INS = {"class": "the class's most common choice", "first": "the first open option"}


def _path_choice(view: ClassDebrief, step: Step, why: StandIn) -> object:
    """India's option on the path, or what stands in, marked as such (as the PDFs do)."""
    if why == "india":
        return step.option_label
    marked = historical_option_id(view.scenario.event(step.event_id))
    record = "India's option is not open on this path" if marked else "not marked"
    return Markup(f'<span class="stand-in">({e(record)}; {e(STAND_INS[why])}: '
                  f"{e(step.option_label)})</span>")


CAPTIONS = {"meters.png": "The class's meters, turn by turn, with India's path",
            "endings.png": "How the class's games ended"}


def _figure(charts: dict[str, str], name: str, css: str = "") -> str:
    """A chart: its full description as the image's text, a short caption under it."""
    if name not in charts:
        return ""
    klass = f' class="{css}"' if css else ""
    return (f'<figure{klass}><img src="{e(name)}" alt="{e(charts[name])}">'
            f"<figcaption>{e(CAPTIONS.get(name, charts[name]))}</figcaption></figure>")


def _endings_section(view: ClassDebrief, charts: dict[str, str],
                     label: dict[int, str]) -> str:
    finished = len(view.report.finished)
    rows: list[list[object]] = []
    for row in view.endings:
        typical = "; ".join(
            f"{x.of_them} of {row.count} chose '{x.option_label}' on '{x.card_title}' "
            f"(others: {x.others} of {x.others_met})" for x in row.typical)
        rows.append([row.ending.title, Markup(tone_badge(row.ending.tone)), row.count,
                     f"{row.share:.0%}" if finished else "-", typical])
    separations = "".join(f"<li>{e(separation_text(s))}</li>" for s in view.separations)
    no_good = "Too few games of this class ended well to compare, so these set the bad " \
        "endings against the rest. " if view.separations and view.separations[0].tone == "bad" \
        else ""
    unusual = unusual_paths(view.report, lambda c: label[id(c)])
    return (_figure(charts, "endings.png", "no-print")  # printed, the table says the same
            + html_table(["ending", "tone", "students", "share", "what most of them chose"],
                         rows)
            + "<h3>Decisions that most separate good from bad endings</h3>"
            + (f"<ul>{separations}</ul><p class=\"muted small\">{e(no_good)}A pattern in "
               "this class, not a rule of the game: the same choice can work out differently "
               "after other choices.</p>" if separations else
               "<p>No decision separated the endings clearly in this class: that needs 3 or "
               "more games on each side of a good (or bad) ending, 3 or more students on each "
               "side of a choice, and 25 points between their shares.</p>")
            + "<h3>Unusual paths</h3>"
            + (f"<ul>{''.join(f'<li>{e(n)}</li>' for n in unusual)}</ul>" if unusual else
               "<p>No path stood out.</p>"))


def _student_rows(view: ClassDebrief, rows: list[GradeRow] | None) -> str:
    pages = {id(s.checked): s for s in view.students}
    if view.anonymous or rows is None:
        table = html_table(["student", "ending", "as India did", "with the class"], [
            [Markup(f'<a href="students/{e(s.page)}">{e(s.label)}</a>'),
             Markup(_ending_cell(s.checked)),
             f"{s.matches_india} of {s.india_cards}", f"{s.with_majority} of "
             f"{len(s.decisions)}"] for s in view.students], css="students")
        absent = sum(1 for r in rows or [] if r.status == "absent")
        return table + (f"<p>{absent} student{'s' if absent != 1 else ''} on the class list "
                        "handed in nothing.</p>" if absent else "")
    attempt = view.report.attempt
    ids = any(row.id for row in rows)
    body: list[list[object]] = []
    for row in rows:
        student = pages.get(id(row.counted)) if row.counted else None
        name = Markup(f'<a href="students/{e(student.page)}">{e(row.name)}</a>') \
            if student else row.name
        body.append([name, *([row.id] if ids else []), row.status,
                     Markup(_ending_cell(row.counted)) if row.counted else "",
                     f"{student.matches_india} of {student.india_cards}" if student else "",
                     f"{student.with_majority} of {len(student.decisions)}" if student else "",
                     "; ".join(row.flags(attempt))])
    return html_table(["name", *(["id"] if ids else []), "status", "ending", "as India did",
                       "with the class", "flags"], body, css="students")


def _ending_cell(checked: Verified | None) -> str:
    if checked is None:
        return ""
    ending = checked.game.ending
    if not checked.game.finished or ending is None:
        made = len(checked.game.history)
        return f"(unfinished, {made} decision{'s' if made != 1 else ''})"
    return f"{e(ending.title)} {tone_badge(ending.tone)}"


def _checks_section(view: ClassDebrief) -> str:
    report = view.report
    if view.anonymous:
        left, unread = len(report.flagged), len(report.problems)
        return (f"<p>{left} result{'s' if left != 1 else ''} not counted and "
                f"{unread} other note{'s' if unread != 1 else ''} on the files handed in. The "
                "instructor's report (without --anonymous) says which and why.</p>")
    flagged = html_table(["name", "file", "why it is not counted"], [
        [c.name, c.path.name, c.reason] for c in report.flagged]) if report.flagged else \
        "<p>None: every result matched the session and its own decisions.</p>"
    notes = "".join(f"<li>{e(n)}</li>" for n in report.notes)
    problems = "".join(f"<li>{e(p)}</li>" for p in report.problems)
    return ("<h3>Flagged results (not counted)</h3>" + flagged
            + "<h3>To look at</h3>"
            + (f"<ul>{notes}</ul>" if notes else "<p>Nothing.</p>")
            + f"<p class=\"small\">When a student handed in several games, "
              f"{e(ATTEMPT_WORDS[report.attempt])} counts (<code>--attempt "
              f"{e(report.attempt)}</code>).</p>"
            + "<h3>Problems with the files handed in</h3>"
            + (f"<ul>{problems}</ul>" if problems else "<p>None.</p>"))


def class_page(view: ClassDebrief, charts: dict[str, str], rows: list[GradeRow] | None,
               downloads: Sequence[tuple[str, str]], t: Catalog) -> str:
    """The class page; `charts` maps chart files to their descriptions, `rows` is the
    gradebook (of which the anonymous view shows only counts), `downloads` the files beside
    the page."""
    report = view.report
    spec = view.scenario.file
    labels = {id(s.checked): s.label for s in view.students}
    finished = len(report.finished)
    counted = len(report.counted)
    on_list = listed(rows or [])
    absent = sum(1 for r in on_list if r.status == "absent")
    summary = (f"{counted} student{'s' if counted != 1 else ''} counted ({finished} finished)"
               + (f" of {len(on_list)} on the class list, {absent} absent" if on_list else "")
               + f"; {len(report.flagged)} result{'s' if len(report.flagged) != 1 else ''} "
               "not counted")
    if report.projector:
        games = len(report.projector)
        summary += f"; {games} projector game{'s' if games > 1 else ''} kept apart"
    links = " · ".join(f'<a href="{e(name)}">{e(what)}</a>' for name, what in downloads)
    cards = "".join(card_section(card, number, t)
                    for number, card in enumerate(view.cards, start=1))
    questions = "".join(f"<li>{e(q)}</li>" for q in view.questions)
    title = f"Class debrief: {spec.title}"
    anonymous = ("<p class=\"muted small\">Anonymous view for the projector: no names, "
                 "students are numbered in an order that does not follow the class list."
                 "</p>") if view.anonymous else ""
    body = f"""<header id="top"><h1>{e(title)}</h1>
<p class="lead">Class <strong>{e(report.session.class_code)}</strong> · {e(summary)}.</p>
{anonymous}<p class="downloads no-print">{links}</p></header>
<nav class="toc" aria-label="Sections"><a href="#cards">Card by card</a>
<a href="#paths">Paths against India's</a><a href="#endings">Endings</a>
<a href="#questions">Questions</a><a href="#history">What really happened</a>
<a href="#students">Students</a><a href="#checks">Checks</a></nav>
<section id="cards"><h2>Card by card: the class against history</h2>
<p class="muted small">Every card the class met, in the order they met it: how the class split
(bars; the number and share of those who met the card), the option India took, and what really
happened, with the sources.</p>
<div class="cards">{cards or "<p>No student has handed in a game yet.</p>"}</div></section>
<section id="paths"><h2>The class's paths against India's</h2>
{_paths_section(view, charts, t)}</section>
<section id="endings"><h2>Endings, and what led to them</h2>
{_endings_section(view, charts, labels)}</section>
<section id="questions"><h2>Questions for discussion</h2>
{f"<ol>{questions}</ol>" if questions else "<p>The scenario has no questions.</p>"}</section>
<section id="history"><h2>What really happened</h2>
<div class="text">{paragraphs(spec.debrief.what_happened)}
{source_links(spec.debrief.sources)}</div></section>
<p class="print-only muted">The cards' sources, the students' list and the checks are on the page
on screen; the one-page summary is class-summary.pdf.</p>
<section id="students" class="no-print"><h2>Students</h2>
{_student_rows(view, rows)}</section>
<section id="checks" class="no-print"><h2>Checks</h2>
{_checks_section(view)}</section>
"""
    return html_page(f"{title} ({report.session.class_code})", body,
                     style=font_faces("") + REPORT_STYLE, head=GENERATOR)

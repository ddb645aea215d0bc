"""The balance report as an HTML page with PNG charts (matplotlib, the `report` extra)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from balancing_act.analysis.simulate import DOMINANT_RATE, SimulationReport
from balancing_act.analysis.text_report import fires_on, percent
from balancing_act.io import write_text
from balancing_act.reporting.charts import (
    BAND_COLOUR,
    TONE_COLOURS,
    label,
    make_folder,
    pyplot,
    save,
)
from balancing_act.reporting.html import html_page, html_table


def write_html_report(report: SimulationReport, folder: Path, file_name: str) -> Path:
    """Write folder/report.html and its charts; return the page's path."""
    plt = pyplot()
    make_folder(folder)
    plt.rcParams.update({"font.size": 11, "axes.titlesize": 13, "figure.dpi": 110})
    charts = {
        "endings.png": _endings_chart(plt, report),
        "meters_by_turn.png": _bands_chart(plt, report),
        "cards.png": _cards_chart(plt, report),
    }
    if report.policies:
        charts["policies.png"] = _policies_chart(plt, report)
    for name, figure in charts.items():
        save(figure, folder / name)
        plt.close(figure)
    page = folder / "report.html"
    write_text(page, _page(report, file_name, list(charts)))
    return page


def _endings_chart(plt: Any, report: SimulationReport) -> Any:
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(report.endings) + 1.2))
    names = [label(e.title) for e in report.endings][::-1]
    rates = [e.rate * 100 for e in report.endings][::-1]
    # an ending reached never or always has an interval that touches its rate: never negative
    errors = [[max(0.0, e.rate - e.ci95[0]) * 100 for e in report.endings][::-1],
              [max(0.0, e.ci95[1] - e.rate) * 100 for e in report.endings][::-1]]
    colours = [TONE_COLOURS[e.tone] for e in report.endings][::-1]
    axes.barh(names, rates, xerr=errors, color=colours, capsize=3)
    axes.set_xlabel("share of games (%), with 95% interval")
    axes.set_title(label(f"Endings in {report.runs:,} games ({report.policy} play)"))
    right = max([*rates, 1]) * 1.25
    for y, (rate, above) in enumerate(zip(rates, errors[1], strict=True)):
        axes.text(rate + above + right * 0.01, y, f"{rate:.1f}%", va="center")
    axes.set_xlim(0, right)
    return figure


def _bands_chart(plt: Any, report: SimulationReport) -> Any:
    count = len(report.meters)
    columns = 2 if count > 1 else 1
    rows = (count + columns - 1) // columns
    figure, grid = plt.subplots(rows, columns, figsize=(5 * columns, 3.2 * rows), squeeze=False)
    for index, meter in enumerate(report.meters):
        axes = grid[index // columns][index % columns]
        band = report.bands[meter.id]
        turns = list(range(1, len(band) + 1))
        axes.fill_between(turns, [b[5] for b in band], [b[95] for b in band], alpha=0.15,
                          color=BAND_COLOUR, label="5-95%")
        axes.fill_between(turns, [b[25] for b in band], [b[75] for b in band], alpha=0.35,
                          color=BAND_COLOUR, label="25-75%")
        axes.plot(turns, [b[50] for b in band], color=BAND_COLOUR, label="median")
        _threshold_lines(axes, report, meter.id)
        axes.set_title(label(meter.label))
        axes.set_xlabel("after decision")
        axes.grid(alpha=0.3)
    for index in range(count, rows * columns):
        grid[index // columns][index % columns].axis("off")
    grid[0][0].legend(loc="best", fontsize=9)
    figure.tight_layout()
    return figure


def _threshold_lines(axes: Any, report: SimulationReport, meter_id: str) -> None:
    """The endings' thresholds on this meter, as lines labelled with the ending: dashed for
    the immediate endings (danger), dotted for the final ones (goals)."""
    endings = {e.id: e for e in report.endings}
    lines: dict[tuple[float, str, str], list[str]] = {}  # endings sharing a line share a label
    for advice in report.thresholds:
        ending = endings.get(advice.ending_id)
        if advice.meter != meter_id or ending is None:
            continue
        style = ":" if ending.kind == "final" else "--"
        names = lines.setdefault((advice.current, style, ending.tone), [])
        if ending.id not in names:
            names.append(ending.id)
    for (value, style, tone), names in sorted(lines.items()):
        axes.axhline(value, color=TONE_COLOURS[tone], linestyle=style, linewidth=1.2)
        axes.annotate(label(", ".join(names)), (1, value), xycoords=("axes fraction", "data"),
                      xytext=(-3, 2), textcoords="offset points", ha="right", va="bottom",
                      fontsize=8, color=TONE_COLOURS[tone])


def _cards_chart(plt: Any, report: SimulationReport) -> Any:
    events = sorted(report.events, key=lambda e: e.reach_rate)
    figure, axes = plt.subplots(figsize=(8, 0.32 * len(events) + 1.2))
    axes.barh([label(e.title[:40]) for e in events], [e.reach_rate * 100 for e in events],
              color=BAND_COLOUR)
    axes.set_xlabel("share of games in which the card appears (%)")
    axes.set_xlim(0, 100)
    axes.set_title("How often each card appears")
    return figure


def _policies_chart(plt: Any, report: SimulationReport) -> Any:
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(report.policies) + 1.2))
    names = [label(p.name) for p in report.policies][::-1]
    rates = [p.good_rate * 100 for p in report.policies][::-1]
    colours = ["#c2410c" if p.dominant else BAND_COLOUR for p in report.policies][::-1]
    axes.barh(names, rates, color=colours)
    axes.axvline(DOMINANT_RATE * 100, color="#c2410c", linestyle="--", linewidth=1)
    axes.set_xlim(0, 100)
    axes.set_xlabel(f"games with a good ending (%); dashed: {DOMINANT_RATE:.0%}")
    axes.set_title("Fixed ways of choosing against random play")
    return figure


def _page(report: SimulationReport, file_name: str, charts: list[str]) -> str:
    e = html.escape
    endings = html_table(["ending", "kind", "tone", "games", "rate", "95% interval",
                          "fires on", "line"], [
        [x.title, x.kind, x.tone, f"{x.count:,}", percent(x.rate),
         f"{percent(x.ci95[0]).strip()} to {percent(x.ci95[1]).strip()}",
         fires_on(x.turn_span()), f"{file_name}:{x.line}"] for x in report.endings])
    flags = html_table(["flag", "ever true", "true at the end", "first holds (median)",
                        "line"], [
        [f.id, percent(f.set_rate), percent(f.end_rate),
         "-" if f.first_turn is None else f"turn {f.first_turn:g}", f"{file_name}:{f.line}"]
        for f in report.flags]) if report.flags else "<p>The scenario has no flags.</p>"
    meters = html_table(["meter", "mean", "5%", "25%", "median", "75%", "95%"], [
        [m.label, f"{m.mean:.1f}", *(f"{m.percentiles[p]:.0f}" for p in (5, 25, 50, 75, 95))]
        for m in report.meters])
    cards = html_table(["card", "appears in", "line"], [
        [x.title, percent(x.reach_rate), f"{file_name}:{x.line}"] for x in report.events])
    options = html_table(["card", "option", "picked when shown", "good ending if picked",
                      "if not picked"], [
        [o.event_id, o.label, percent(o.pick_rate), percent(o.good_with),
         percent(o.good_without)] for o in report.options])
    policies_note = (f"<p>Each on the same {report.policies[0].games:,} games (the first "
                     f"seeds of this run).</p>" if report.policies else "")
    policies = html_table(["way of choosing", "good endings", "dominant"], [
        [p.name, percent(p.good_rate), "yes" if p.dominant else ""]
        for p in report.policies]) if report.policies else ""
    thresholds = html_table(["ending", "term", "holds now", "suggested", "would hold"], [
        [t.ending_id, t.term, percent(t.current_rate),
         "-" if t.suggested == t.current else f"{t.meter} {t.suggested:g}",
         percent(t.suggested_rate)] for t in report.thresholds])
    images = "".join(f'<figure><img src="{e(c)}" alt="{e(c.removesuffix(".png"))} chart">'
                     f"</figure>" for c in charts)
    title = f"Balance report: {report.scenario_title}"
    return html_page(title, f"""<h1>{e(title)}</h1>
<p>{report.runs:,} games of <code>{e(file_name)}</code>, policy <code>{e(report.policy)}</code>,
seed {report.seed}. {report.full_length_rate:.0%} of games ran all their turns.
Engine time {report.engine_seconds:.2f} s.</p>
{images}
<h2>Endings</h2>
{endings}
<h2>Meters at the end</h2>
{meters}
<h2>Cards</h2>
{cards}
<h2>Cards by turn</h2>
<p>The share of games in which each card is the card of that turn (darker: more games).</p>
{_cards_by_turn(report)}
<h2>Flags</h2>
{flags}
<h2>Options</h2>
<p>Good endings: {e(", ".join(report.good_endings) or "none marked 'tone: good'")}.</p>
{options}
<h2>Fixed ways of choosing</h2>
{policies_note}
{policies}
<h2>Thresholds</h2>
<p>For each threshold in an ending's condition, the value that would make the condition hold at
the end of {report.target_rate:.0%} of games.</p>
{thresholds}
""")


def _cards_by_turn(report: SimulationReport) -> str:
    """A table of cards by turns, each cell the share of games shown that card on that turn,
    shaded by it (the number is written too: no colour-only meaning)."""
    e = html.escape
    turns = report.turns or max((len(c.by_turn) for c in report.events), default=0)
    head = "".join(f"<th>T{t}</th>" for t in range(1, turns + 1))
    rows = []
    order = sorted(report.events, key=lambda c: (
        next((t for t, share in enumerate(c.by_turn) if share > 0), turns), c.id))
    for card in order:
        cells = []
        for share in card.by_turn:
            if share <= 0:
                cells.append("<td></td>")
                continue
            ink = "#fff" if share > 0.5 else "#1f2933"
            cells.append(f'<td style="background: rgba(0, 114, 178, {0.12 + 0.88 * share:.2f});'
                         f' color: {ink}">{share * 100:.0f}</td>')
        rows.append(f'<tr><th scope="row" title="{e(card.title)}">{e(card.id)}</th>'
                    + "".join(cells) + "</tr>")
    return (f'<div class="wide"><table class="by-turn"><thead><tr><th>card</th>{head}</tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div>")

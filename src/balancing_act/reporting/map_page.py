"""The scenario map as one self-contained HTML page: an SVG of every card in the column of the
first turn it can come up on, its options and chance results, the consequences that land later
and the endings, joined by arrows for follow-up cards, landing consequences, flags and cards
that must have been shown; each card coloured by how often simulated games reached it.

Everything the page shows from the scenario is escaped; its style, its font (cut to the
characters it uses) and its little script are inline, and the page works without the script
(the script only adds highlighting on hover and zoom buttons). Each node names its line in the
file and links to it.
"""

from __future__ import annotations

import ast
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from balancing_act.analysis.mapdata import (
    CardNode,
    ChanceRow,
    Consequence,
    Edge,
    EdgeKind,
    EndingNode,
    OptionRow,
    Port,
    ScenarioMap,
)
from balancing_act.io import write_text
from balancing_act.reporting.charts import make_folder
from balancing_act.reporting.html import html_table
from balancing_act.reporting.map_layout import Box, Layout, Link, Spacing, layout, path_data
from balancing_act.reporting.webfont import FAMILY, fit, font, font_face_css, wrap

FORMAT = 1
WIDTH = 250.0
PAD = 8.0
HEADER = 22.0
LINE = 15.0
SMALL_LINE = 13.0
ROW = 17.0

# How often games reached a node: five steps of one hue (ColorBrewer "Purples", safe for
# colour-blind readers), dark text on the light steps and white on the dark ones.
REACH_STEPS = ((0.9, "90% or more", "#54278f", "#ffffff"),
               (0.5, "50% to 90%", "#756bb1", "#ffffff"),
               (0.25, "25% to 50%", "#9e9ac8", "#1f2933"),
               (0.1, "10% to 25%", "#cbc9e2", "#1f2933"),
               (0.0, "under 10%", "#f2f0f7", "#1f2933"))

# Links: each kind its own line style, arrowhead and colour (Okabe and Ito's palette).
EDGE_STYLES: dict[EdgeKind, tuple[str, str, str]] = {
    "follow_up": ("#1f2933", "", "a follow-up card: an option's `later` with `event` sends it"),
    "lands": ("#d55e00", "8 4", "a consequence: a `later` with effects or flags lands then"),
    "flag": ("#009e73", "2 3", "a flag: set or cleared here, read by a `when` there"),
    "seen": ("#0072b2", "9 3 2 3", "a card that must have been shown first (`seen.X`)"),
}


@dataclass
class _Node:
    key: str
    column: int
    height: float
    ports: dict[str, float]
    body: str  # SVG in the node's own coordinates
    classes: str
    tooltip: str
    fixed: bool = False
    words: list[str] = field(default_factory=list)  # its text, for the embedded font


@dataclass(frozen=True)
class _Column:
    heading: str
    subheading: str


def write_map(scenario_map: ScenarioMap, folder: Path) -> Path:
    """Write folder/map.html (the folder is made if needed); return the page's path."""
    make_folder(folder)
    page = folder / "map.html"
    write_text(page, map_html(scenario_map))
    return page


def map_html(scenario_map: ScenarioMap) -> str:
    """The whole page."""
    return _Page(scenario_map).html()


# -- the page ------------------------------------------------------------------------------------

class _Page:
    def __init__(self, scenario_map: ScenarioMap) -> None:
        self.map = scenario_map
        self.columns, self.card_column, self.later_column, self.ending_column = self._columns()
        self.text: list[str] = []  # everything drawn, for the font subset
        self.short_name = Path(scenario_map.file).name  # the summary gives the whole path

    # columns

    def _columns(self) -> tuple[list[_Column], dict[str, int], dict[int, int], int]:
        m = self.map
        columns: list[_Column] = []
        card_column: dict[str, int] = {}
        later_column: dict[int, int] = {}
        never = [c for c in m.cards if not c.turns]
        if never:
            columns.append(_Column("never", "cards that cannot come up"))
            for card in never:
                card_column[card.id] = 0
        first_turn = len(columns)
        for turn in range(1, m.turns + 1):
            dates = sorted(c.date[:4] for c in m.cards if c.turns and c.turns[0] == turn
                           and c.date)
            years = "" if not dates else dates[0] if dates[0] == dates[-1] else \
                f"{dates[0]} to {dates[-1]}"
            columns.append(_Column(f"turn {turn}", years))
        for card in m.cards:
            if card.turns:
                card_column[card.id] = first_turn + card.turns[0] - 1
        late = [c for c in m.consequences if c.lands and not c.due_in_game(m.turns)]
        if late:
            columns.append(_Column("after the end", "due after the last turn"))
        for consequence in m.consequences:
            if not consequence.lands:
                continue
            due = consequence.due_in_game(m.turns)
            later_column[consequence.number] = (first_turn + due[0] - 1 if due
                                                else len(columns) - 1)
        columns.append(_Column("endings", "checked in this order"))
        return columns, card_column, later_column, len(columns) - 1

    # the whole page

    def html(self) -> str:
        m = self.map
        nodes = self._nodes()
        edges = self._edges(nodes)
        placed = layout([Box(n.key, n.column, n.height, n.ports, n.fixed) for n in nodes],
                        [Link(f"e{i}", e.source.node, e.source.row, e.target.node,
                              e.target.row, _bundle(e)) for i, e in enumerate(edges)],
                        len(self.columns), Spacing(box_width=WIDTH))
        svg = self._svg(nodes, edges, placed)
        legend = self._legend()
        tables = self._tables()
        title = f"Map: {m.title}"
        self.text += [title, legend, tables]
        fonts = font_face_css("".join(self.text) + "".join(w for n in nodes for w in n.words))
        e = html.escape
        return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="generator" content="balancing-act map, format {FORMAT}">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{e(title)}</title>\n<style>\n{fonts}\n{_STYLE}</style>\n</head>\n"
                f"<body>\n<header>\n<h1>{e(title)}</h1>\n{legend}\n</header>\n"
                f'<div id="controls" hidden><button type="button" data-zoom="out" '
                f'title="zoom out (-)">&minus;</button><button type="button" data-zoom="in" '
                f'title="zoom in (+)">+</button><button type="button" data-zoom="fit" '
                f'title="fit the width (0)">fit</button><button type="button" '
                f'data-zoom="one" title="actual size (1)">100%</button>'
                f'<span id="zoom-level"></span><span class="hint">Point at a card to see only '
                f"its arrows; click to keep them, Esc to let go. Drag the map to move around."
                f"</span></div>\n"
                f'<main id="map">\n{svg}\n</main>\n<section id="details">\n{tables}\n'
                f"</section>\n<script>\n{_SCRIPT}</script>\n</body>\n</html>\n")

    # nodes

    def _nodes(self) -> list[_Node]:
        m = self.map
        cards = sorted(m.cards, key=lambda c: (self.card_column[c.id], _date_key(c.date)))
        nodes = [self._card(c) for c in cards]
        nodes += [self._consequence(c) for c in m.consequences if c.lands]
        nodes += [self._ending(e) for e in m.endings]
        return nodes

    def _card(self, card: CardNode) -> _Node:
        m = self.map
        parts: list[str] = []
        words: list[str] = []
        y = HEADER
        unreached = card.reach == 0
        parts.append(_header(card.id, _reach_text(card.reach, card.never != ""),
                             card.reach, muted=unreached, never=card.never != ""))
        words += [card.id, _reach_text(card.reach, card.never != "")]
        y += 4
        for line in wrap(card.title, 12, WIDTH - 2 * PAD, 2):
            y += LINE
            parts.append(_text(PAD, y - 3, line, "title"))
            words.append(line)
        meta = _card_meta(card)
        y += SMALL_LINE
        parts.append(_text(PAD, y - 2, fit(meta, 10.5, WIDTH - 2 * PAD), "meta"))
        words.append(meta)
        if card.never:
            for line in wrap(f"never comes up: {card.never}", 10.5, WIDTH - 2 * PAD, 2):
                y += SMALL_LINE
                parts.append(_text(PAD, y - 2, line, "warn"))
                words.append(line)
        if m.turns > 1:
            parts.append(self._strip(card, y + 3))
            y += 22
        if card.when is not None and _reads_more_than_turn(card.when):
            for line in wrap(f"when {card.when}", 10.5, WIDTH - 2 * PAD, 2):
                y += SMALL_LINE
                parts.append(_text(PAD, y - 2, line, "code"))
                words.append(line)
        y += 5
        parts.append(f'<line class="rule" x1="0" x2="{WIDTH:g}" y1="{y:.1f}" y2="{y:.1f}"/>')
        ports = {"": HEADER / 2}
        for option in card.options:
            y = self._option_rows(card, option, y, parts, words, ports)
        y += 3
        parts.append(self._where(card.line, y + 11))
        y += 17
        tooltip = _card_tooltip(card, m)
        classes = "node card" + (" unreached" if unreached else "") + \
            (" never" if card.never else "")
        body = _node_frame(y, card.reach, unreached) + "".join(parts)
        return _Node(card.key, self.card_column[card.id], y, ports, body, classes, tooltip,
                     words=words)

    def _option_rows(self, card: CardNode, option: OptionRow, y: float, parts: list[str],
                     words: list[str], ports: dict[str, float]) -> float:
        label = f"{option.index + 1}  {option.id}"
        picked = "" if card.reach == 0 else (
            "never chosen" if option.picked == 0 else f"chosen {_percent(option.picked)}")
        room = WIDTH - 2 * PAD - (70 if picked else 0)
        parts.append(f'<rect class="row" x="1" y="{y + 1:.1f}" width="{WIDTH - 2:g}" '
                     f'height="{ROW - 1:g}"><title>{_e(option.label)}</title></rect>')
        parts.append(_text(PAD, y + 12.5, fit(label, 11, room), "option"))
        if picked:
            parts.append(_text(WIDTH - PAD, y + 12.5, picked,
                               "pick never" if option.picked == 0 else "pick", anchor="end"))
        words += [label, picked]
        ports[f"option:{option.index}"] = y + ROW / 2
        y += ROW
        notes = []
        if option.historical:
            notes.append("what India did")
        if option.when is not None:
            notes.append(f"only when {option.when}")
        notes += _holder_notes(option.assigns, option.sets, option.clears, option.laters)
        y = _notes(notes, y, 18.0, parts, words)
        for chance in option.chance:
            y = self._chance_row(option, chance, y, parts, words, ports)
        return y

    def _chance_row(self, option: OptionRow, chance: ChanceRow, y: float, parts: list[str],
                    words: list[str], ports: dict[str, float]) -> float:
        label = f"↳ chance {chance.index + 1}: p {chance.p:g}"
        tip = chance.outcome or label
        parts.append(f'<rect class="row chance" x="1" y="{y:.1f}" width="{WIDTH - 2:g}" '
                     f'height="{ROW - 2:g}"><title>{_e(tip)}</title></rect>')
        parts.append(_text(18, y + 11.5, fit(label, 10.5, WIDTH - 26 - PAD), "chance"))
        words.append(label)
        ports[f"option:{option.index}/chance:{chance.index}"] = y + (ROW - 2) / 2
        y += ROW - 2
        return _notes(_holder_notes(chance.assigns, chance.sets, chance.clears, chance.laters),
                      y, 30.0, parts, words)

    def _strip(self, card: CardNode, top: float) -> str:
        """The turns a card can come up on (grey cells) and the share of games that showed
        it on each (bars; full height would be every game)."""
        turns = self.map.turns
        width = (WIDTH - 2 * PAD) / turns
        cells = [f'<g class="strip" transform="translate({PAD:g},{top:.1f})">']
        possible = set(card.turns)
        for t in range(1, turns + 1):
            x = (t - 1) * width
            share = card.by_turn[t - 1] if t - 1 < len(card.by_turn) else 0.0
            if t in possible:
                cells.append(f'<rect class="possible" x="{x + 0.5:.2f}" y="0" '
                             f'width="{max(width - 1, 0.5):.2f}" height="14"/>')
            else:
                cells.append(f'<rect class="impossible" x="{x + 0.5:.2f}" y="13" '
                             f'width="{max(width - 1, 0.5):.2f}" height="1"/>')
            if share > 0:
                bar = max(14 * share, 1.5)
                cells.append(f'<rect class="shown" x="{x + 0.5:.2f}" y="{14 - bar:.2f}" '
                             f'width="{max(width - 1, 0.5):.2f}" height="{bar:.2f}"/>')
        cells.append("</g>")
        return "".join(cells)

    def _where(self, line: int, baseline: float) -> str:
        where = f"{self.short_name}:{line}"
        self.text.append(where)
        text = _text(PAD, baseline, fit(where, 10, WIDTH - 2 * PAD), "where")
        if self.map.path is None:
            return text
        return f'<a href="{_e(_file_link(self.map.path, line))}">{text}</a>'

    def _consequence(self, c: Consequence) -> _Node:
        m = self.map
        landed = c.landed or 0.0
        parts: list[str] = []
        words: list[str] = []
        in_game = c.due_in_game(m.turns)
        never = not in_game
        reach = _reach_text(landed, never)
        head = f"consequence, {_after(c.after)} later"
        parts.append(_header(head, reach, landed, muted=landed == 0, never=never))
        words += [head, reach]
        y = HEADER + 4
        lines = []
        if in_game:
            lines.append((f"lands on {_turns_text(in_game)}", "meta"))
        if never:
            lines.append((f"due on {_turns_text(c.turns)}, after the last turn ({m.turns}): "
                          "it never lands", "warn"))
        effects = ", ".join([*(f"{k} {_signed(v)}" for k, v in c.effects.items()),
                             *(f"{k} set to {v}" for k, v in c.assigns.items())])
        if effects:
            lines.append((effects, "effects"))
        flags = "; ".join([*(f"sets {f}" for f in c.sets), *(f"clears {f}" for f in c.clears)])
        if flags:
            lines.append((flags, "effects"))
        if c.text:
            lines.append((f"“{' '.join(c.text.split())}”", "quote"))
        for text, cls in lines:
            for line in wrap(text, 10.5, WIDTH - 2 * PAD, 2 if cls != "quote" else 1):
                y += SMALL_LINE
                parts.append(_text(PAD, y - 2, line, cls))
                words.append(line)
        y += 6
        parts.append(self._where(c.line, y + 11))
        y += 17
        classes = "node later" + (" unreached" if landed == 0 else "") + \
            (" never" if never else "")
        tooltip = (f"A consequence {_after(c.after)} after its choice (line {c.line}); landed "
                   f"in {_percent(landed)} of {m.games:,} games.")
        body = _node_frame(y, landed, landed == 0) + "".join(parts)
        return _Node(c.key, self.later_column[c.number], y, {"": HEADER / 2}, body, classes,
                     tooltip, words=words)

    def _ending(self, ending: EndingNode) -> _Node:
        m = self.map
        parts: list[str] = []
        words: list[str] = []
        reach = _reach_text(ending.reach, False)
        head = f"{ending.order}. {ending.id}"
        parts.append(_header(head, reach, ending.reach, muted=ending.reach == 0, never=False))
        words += [head, reach]
        y = HEADER + 4
        for line in wrap(ending.title, 12, WIDTH - 2 * PAD, 2):
            y += LINE
            parts.append(_text(PAD, y - 3, line, "title"))
            words.append(line)
        kind = {"immediate": "ends the game at once, checked after every decision",
                "final": "checked when the last turn is over",
                "fallback": "the fallback: when no other ending holds"}[ending.kind]
        for line in wrap(f"{ending.tone} ending; {kind}", 10.5, WIDTH - 2 * PAD, 2):
            y += SMALL_LINE
            parts.append(_text(PAD, y - 2, line, "meta"))
            words.append(line)
        if ending.when is not None:
            said = "when " + condition_words(ending.when, m.meters)
            for line in wrap(said, 11, WIDTH - 2 * PAD, 6):
                y += SMALL_LINE + 1
                parts.append(_text(PAD, y - 2, line, "words"))
                words.append(line)
        y += 6
        parts.append(self._where(ending.line, y + 11))
        y += 17
        classes = f"node ending tone-{ending.tone}" + (" unreached" if ending.reach == 0 else "")
        tooltip = (f"{ending.title}: {ending.when or 'fallback'} (line {ending.line}); reached "
                   f"in {_percent(ending.reach)} of {m.games:,} games.")
        body = _node_frame(y, ending.reach, ending.reach == 0) + "".join(parts)
        return _Node(ending.key, self.ending_column, y, {"": HEADER / 2}, body, classes,
                     tooltip, fixed=True, words=words)

    # edges

    def _edges(self, nodes: Sequence[_Node]) -> list[Edge]:
        """The edges to draw: one per source row, target and kind (the flags of several joined
        in one label); none from a card to itself, and none for a flag set or a card shown
        only after the reader's last chance (the table below lists the readers that no
        change reaches in time)."""
        known = {n.key for n in nodes}
        joined: dict[tuple[EdgeKind, Port, Port], list[Edge]] = {}
        for edge in self.map.edges:
            if edge.source.node == edge.target.node or edge.target.node not in known or \
                    edge.source.node not in known or not edge.in_time:
                continue
            joined.setdefault((edge.kind, edge.source, edge.target), []).append(edge)
        result = []
        for (kind, source, target), group in joined.items():
            labels = list(dict.fromkeys(e.label for e in group))
            result.append(Edge(kind, source, target, ", ".join(labels)))
        return result

    # the drawing

    def _svg(self, nodes: Sequence[_Node], edges: Sequence[Edge], placed: Layout) -> str:
        width, height = placed.width, placed.height
        out = [f'<svg id="map-svg" xmlns="http://www.w3.org/2000/svg" '
               f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
               f'height="{height:.0f}" aria-label="map of {_e(self.map.title)}" '
               f'font-family="{FAMILY}, sans-serif">', _DEFS]
        for index, (column, x, wide) in enumerate(zip(self.columns, placed.column_x,
                                                       placed.column_width, strict=True)):
            shade = "lane" if index % 2 == 0 else "lane alt"
            out.append(f'<rect class="{shade}" x="{x - 10:.1f}" y="0" '
                       f'width="{wide + 20:g}" height="{height:.0f}"/>')
            out.append(_text(x + wide / 2, 18, column.heading, "column", anchor="middle"))
            if column.subheading:
                sub = column.subheading if wide >= WIDTH else column.subheading.replace(
                    " to ", "–")
                out.append(_text(x + wide / 2, 32, fit(sub, 11, wide + 16), "column-sub",
                                 anchor="middle"))
            self.text += [column.heading, column.subheading]
        edge_of: dict[str, list[str]] = {}
        drawn = []
        labelled: set[str] = set()
        for index, (edge, route) in enumerate(zip(edges, placed.routes, strict=True)):
            colour, dashes, _ = EDGE_STYLES[edge.kind]
            a, b = _node_id(edge.source.node), _node_id(edge.target.node)
            edge_of.setdefault(a, []).append(f"e{index}")
            edge_of.setdefault(b, []).append(f"e{index}")
            tip = _edge_tooltip(edge, self.map)
            self.text.append(tip)
            marker = f"arrow-{edge.kind}"
            dash = f' stroke-dasharray="{dashes}"' if dashes else ""
            labels = ""
            if _bundle(edge) not in labelled:  # a bundle's shared tracks are labelled once
                labelled.add(_bundle(edge))
                name = _track_label(edge, self.map)
                self.text.append(name)
                labels = "".join(
                    _text(x + 4, y - 4, fit(name, 9, width - 8), f"track {edge.kind}")
                    for x, y, width in route.labels)
            drawn.append(
                f'<g class="edge {edge.kind}" id="e{index}" '
                f'data-ends="{a} {b}"><title>{_e(tip)}</title>'
                f'<path class="hit" d="{path_data(route)}"/>'
                f'<path class="line" d="{path_data(route)}" stroke="{colour}"{dash} '
                f'marker-end="url(#{marker})"/>{labels}</g>')
        out.append('<g class="edges">' + "".join(drawn) + "</g>")
        out.append('<g class="nodes">')
        for node in nodes:
            x, y = placed.position[node.key]
            node_id = _node_id(node.key)
            links = " ".join(edge_of.get(node_id, []))
            self.text.append(node.tooltip)
            out.append(f'<g id="{node_id}" class="{node.classes}" data-edges="{links}" '
                       f'transform="translate({x:.1f},{y:.1f})"><title>{_e(node.tooltip)}'
                       f"</title>{node.body}</g>")
        out.append("</g></svg>")
        return "\n".join(out)

    # legend and tables (HTML, readable whatever the zoom)

    def _legend(self) -> str:
        m = self.map
        e = html.escape
        steps = ['<li><span class="swatch unreached-swatch"></span>not reached</li>']
        for _, label, fill, _ in reversed(REACH_STEPS):
            steps.append(f'<li><span class="swatch" style="background:{fill}"></span>'
                         f"{e(label)}</li>")
        lines = []
        for kind, (colour, dashes, meaning) in EDGE_STYLES.items():
            lines.append(f"<li>{_line_sample(kind, colour, dashes)}<span>{_code(meaning)}"
                         "</span></li>")
        flags = len(m.flags)
        summary = (f"{len(m.cards)} cards over {m.turns} turns, {len(m.endings)} endings, "
                   f"{flags} flag{'s' if flags != 1 else ''}. Colours: how often "
                   f"{m.games:,} simulated games (seed {m.seed}, each option chosen at random "
                   f"among those available) reached each card, consequence and ending; "
                   f"{_percent(m.full_length)} of them ran all {m.turns} turns.")
        return f"""<p class="summary">{e(summary)} File: <code>{e(m.file)}</code>.</p>
<div class="legend">
<section><h2>Share of games reaching it</h2><ul class="steps">{"".join(steps)}</ul>
<p>Hatched with a dashed border: not reached in these games. Dark grey and hatched: can never
come up, whatever the player does.</p></section>
<section><h2>Arrows</h2><ul class="lines">{"".join(lines)}</ul></section>
<section><h2>Reading a card</h2><ul class="reading">
<li><b>Column</b>: the first turn it can come up on.</li>
<li><b>Top line</b>: its id, and the share of games that showed it.</li>
<li><b>Strip</b>: a cell a turn, grey where it can come up; the bar is the share of games that
showed it on that turn.</li>
<li><b>Rows</b>: its options, with the share of games showing it that chose each, and their
chance results. Arrows leave from the row that sends them.</li>
<li><b>Last line</b>: its place in the file, a link and the <code>file:LINE</code> to type in
an editor.</li></ul>
</section>
</div>"""

    def _tables(self) -> str:
        m = self.map
        e = html.escape
        names = {c.key: c.id for c in m.cards} | {n.key: n.id for n in m.endings}
        option_ids = {(c.key, f"option:{o.index}"): o.id for c in m.cards for o in c.options}

        def where(port: Port) -> str:
            if port.node.startswith("later:"):
                consequence = m.consequences[int(port.node.removeprefix("later:"))]
                return f"a consequence of {where(consequence.source)}"
            name = names.get(port.node, port.node)
            if not port.row:
                return ("ending " if port.node.startswith("ending:") else "card ") + name
            option_row = port.row.split("/")[0]
            option = option_ids.get((port.node, option_row), option_row)
            chance = port.row.split("/chance:")[1] if "/chance:" in port.row else ""
            return f"card {name}, option {option}" + (
                f", chance {int(chance) + 1}" if chance else "")

        rows: list[list[object]] = []
        for flag in m.flags:
            writes = "; ".join(f"{w.action}: {where(w.port)} (line {w.line})"
                               for w in flag.writes) or "nothing"
            reads = "; ".join(("not: " if r.negated else "") + f"{where(r.port)} (line {r.line})"
                              for r in flag.reads) or "nothing"
            rows.append([flag.id, "true" if flag.start else "false", writes, reads])
        flag_table = html_table(["flag", "starts", "set or cleared by", "read by"], rows) \
            if rows else "<p>The scenario has no flags.</p>"
        problems: list[list[object]] = []
        for card in m.cards:
            if card.never:
                problems.append([card.id, f"can never come up: {card.never}",
                                 f"{m.file}:{card.line}"])
            elif card.reach == 0:
                problems.append([card.id, f"not reached in {m.games:,} games",
                                 f"{m.file}:{card.line}"])
        for c in m.consequences:
            late = [t for t in c.turns if t > m.turns]
            if late and not c.due_in_game(m.turns):
                problems.append([f"later of {where(c.source)}",
                                 f"due on {_turns_text(tuple(late))}, after the last turn: "
                                 "never comes", f"{m.file}:{c.line}"])
        problems += self._too_late(where)
        for ending in m.endings:
            if ending.reach == 0:
                problems.append([ending.id, f"ending not reached in {m.games:,} games",
                                 f"{m.file}:{ending.line}"])
        problem_table = html_table(["what", "why", "where"], problems) if problems else \
            "<p>Every card, consequence and ending can come up and came up in these games.</p>"
        self.text += [flag_table, problem_table]
        return (f"<h2>Flags: where each is set and read</h2>\n{flag_table}\n"
                f"<h2>What never comes up, or did not in {e(f'{m.games:,}')} games</h2>\n"
                f"{problem_table}")

    def _too_late(self, where: Callable[[Port], str]) -> list[list[object]]:
        """Conditions that read a flag no change reaches in time, or ask for a card that can
        only come later: they always see the flag's start value, or the card not shown."""
        reached: dict[tuple[EdgeKind, Port, str], bool] = {}
        for edge in self.map.edges:
            if edge.source.node == edge.target.node:
                continue
            name = edge.label.removeprefix("not ") if edge.kind == "flag" else \
                edge.source.node.removeprefix("card:")
            key = (edge.kind, edge.target, name)
            reached[key] = reached.get(key, False) or edge.in_time
        rows: list[list[object]] = []
        for (kind, target, name), in_time in reached.items():
            if in_time:
                continue
            if kind == "flag":
                why = (f"it reads flag {name}, but every change to {name} comes after its "
                       "last chance")
            else:
                why = f"it asks whether card {name} was shown, but {name} can only come later"
            rows.append([where(target), why, ""])
        return rows


# -- pieces of the drawing -----------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text(x: float, y: float, text: str, cls: str, *, anchor: str = "") -> str:
    where = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}"{where}>{_e(text)}</text>'


def _node_id(key: str) -> str:
    return "n-" + key.replace(":", "-")


def _reach_step(reach: float) -> tuple[str, str]:
    for lowest, _, fill, ink in REACH_STEPS:
        if reach >= lowest and reach > 0:
            return fill, ink
    return "#ffffff", "#1f2933"


def _node_frame(height: float, reach: float, unreached: bool) -> str:
    """A node's box and its header band, coloured by how often games reached it."""
    fill, _ = _reach_step(reach)
    return (f'<rect class="box" width="{WIDTH:g}" height="{height:.1f}" rx="6"/>'
            f'<rect class="band" width="{WIDTH:g}" height="{HEADER:g}" rx="6" '
            f'fill="{"url(#unreached)" if unreached else fill}"/>'
            f'<rect class="band-foot" y="{HEADER - 6:g}" width="{WIDTH:g}" height="6" '
            f'fill="{"url(#unreached)" if unreached else fill}"/>')


def _header(left: str, right: str, reach: float, *, muted: bool, never: bool) -> str:
    _, ink = _reach_step(reach)
    if muted:
        ink = "#1f2933"
    right_width = font("bold").width(right, 11) + 4 if right else 0.0
    left_text = fit(left, 11.5, WIDTH - 2 * PAD - right_width - 6, bold=True)
    light = " light" if ink == "#ffffff" else ""
    parts = [f'<text x="{PAD:g}" y="15" class="head{light}">{_e(left_text)}</text>']
    if right:
        cls = "reach plate" if muted or never else "reach" + light
        parts.append(f'<text x="{WIDTH - PAD:g}" y="15" class="{cls}" '
                     f'text-anchor="end">{_e(right)}</text>')
    return "".join(parts)


def _notes(notes: list[str], y: float, indent: float, parts: list[str],
           words: list[str]) -> float:
    if not notes:
        return y
    for line in wrap(" · ".join(notes), 10, WIDTH - indent - PAD, 3):
        y += 12
        parts.append(_text(indent, y - 2, line, "note"))
        words.append(line)
    return y + 2


def _holder_notes(assigns: Mapping[str, int], sets: tuple[str, ...], clears: tuple[str, ...],
                  laters: tuple[Consequence, ...]) -> list[str]:
    notes = [f"{meter} set to {value}" for meter, value in assigns.items()]
    notes += [f"sets {f}" for f in sets] + [f"clears {f}" for f in clears]
    for later in laters:
        if later.event is not None:
            notes.append(f"sends {later.event} in {_after(later.after)}")
        if later.lands:
            notes.append(f"lands in {_after(later.after)}")
    return notes


def _line_sample(kind: str, colour: str, dashes: str) -> str:
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    marker = f"arrow-{kind}"
    return (f'<svg class="sample" width="64" height="14" aria-hidden="true">'
            f'<line x1="2" y1="7" x2="54" y2="7" stroke="{colour}" stroke-width="2"{dash} '
            f'marker-end="url(#{marker})"/></svg>')


def _code(text: str) -> str:
    """Escaped text with `code` spans."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def _file_link(path: str, line: int) -> str:
    """A file:// link to a line (RFC 5147's `#line=` fragment counts lines from 0)."""
    return f"{Path(path).as_uri()}#line={line - 1}"


def _percent(share: float) -> str:
    if share <= 0:
        return "0%"
    if share < 0.01:
        return "under 1%"
    if 0.99 < share < 1:
        return "over 99%"
    return f"{share:.0%}"


def _reach_text(share: float, never: bool) -> str:
    if never:
        return "never"
    if share == 0:
        return "not reached"
    return _percent(share).replace("under ", "<").replace("over ", ">")


def _after(turns: int) -> str:
    return f"{turns} turn" + ("" if turns == 1 else "s")


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"−{-value}" if value < 0 else "0"


def _date_key(date: str | None) -> str:
    return date or "9999"


def _turns_text(turns: Iterable[int]) -> str:
    """'turn 3', 'turns 3 to 5', 'turns 2, 4, 7 to 9'."""
    values = sorted(set(turns))
    if not values:
        return "no turn"
    runs: list[tuple[int, int]] = []
    for t in values:
        if runs and t == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], t)
        else:
            runs.append((t, t))
    words = [f"{a}" if a == b else f"{a} to {b}" if b > a + 1 else f"{a}, {b}"
             for a, b in runs]
    single = len(values) == 1
    return ("turn " if single else "turns ") + ", ".join(words)


def _card_meta(card: CardNode) -> str:
    parts = [_turns_text(card.turns) if card.turns else "no turn"]
    if card.date:
        parts.append(card.date)
    if card.weight == 0:
        parts.append("weight 0: only sent")
    elif card.weight != 1:
        parts.append(f"weight {card.weight:g}")
    if not card.once:
        parts.append("repeats")
    return " · ".join(parts)


def _card_tooltip(card: CardNode, m: ScenarioMap) -> str:
    shown = ", ".join(f"turn {t + 1}: {_percent(s)}" for t, s in enumerate(card.by_turn) if s)
    lines = [f"{card.title} ({card.id}, line {card.line})",
             f"can come up on {_turns_text(card.turns)}" if card.turns else
             f"never comes up: {card.never}"]
    if card.when is not None:
        lines.append(f"when: {card.when}")
    lines.append(f"shown in {_percent(card.reach)} of {m.games:,} games"
                 + (f" ({shown})" if shown else ""))
    return "\n".join(lines)


def _bundle(edge: Edge) -> str:
    """Edges of one kind from the rows of one card to the same place run as one line."""
    return f"{edge.kind}|{edge.source.node}|{edge.target.node}|{edge.target.row}"


def _track_label(edge: Edge, m: ScenarioMap) -> str:
    """What a long arrow is, written along it: where it goes, and for a flag which one."""
    target = _short_port(edge.target, m)
    if edge.kind == "flag":
        return f"{edge.label} → {target}"
    if edge.kind == "seen":
        return f"{edge.label} {edge.source.node.removeprefix('card:')} → {target}"
    if edge.kind == "lands":
        return f"lands {edge.label.removeprefix('+')} later"
    return f"→ {target} ({edge.label.removeprefix('+')} later)"


def _short_port(port: Port, m: ScenarioMap) -> str:
    name = port.node.split(":", 1)[1]
    if port.row.startswith("option:"):
        card = m.card(name)
        option = card.options[int(port.row.split("/")[0].removeprefix("option:"))]
        return f"{name}/{option.id}"
    return name


def _edge_tooltip(edge: Edge, m: ScenarioMap) -> str:
    what = {"follow_up": f"sends the card {edge.target.node.removeprefix('card:')} "
                         f"{edge.label.removeprefix('+')} later",
            "lands": f"a consequence {edge.label.removeprefix('+')} later",
            "flag": f"flag: {edge.label}",
            "seen": f"{edge.label}: {edge.source.node.removeprefix('card:')}"}[edge.kind]
    return what


def _reads_more_than_turn(when: str) -> bool:
    """A condition that reads a flag, a card or a meter (the turn is in the meta line)."""
    try:
        tree = ast.parse(when.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            return True
        if isinstance(node, ast.Name) and node.id not in ("turn", "true", "false", "True",
                                                           "False"):
            return True
    return when.strip() in ("false", "False")


# -- conditions in words, for designers ------------------------------------------------------------

_WORDS = {ast.GtE: "at least", ast.Gt: "above", ast.LtE: "at most", ast.Lt: "below",
          ast.Eq: "exactly", ast.NotEq: "not"}
_ABOVE = {ast.GtE: ("at least", "at most"), ast.Gt: ("more than", "less than"),
          ast.LtE: ("at most", "at least"), ast.Lt: ("less than", "more than")}
_ARITHMETIC = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}
_FLIPPED: dict[type, type] = {ast.GtE: ast.LtE, ast.Gt: ast.Lt, ast.LtE: ast.GtE,
                              ast.Lt: ast.Gt, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}


def condition_words(when: str, labels: Mapping[str, str]) -> str:
    """A condition said plainly, meters by their labels: 'autonomy <= 30 and trust_us -
    trust_russia >= 10' is 'Strategic autonomy at most 30 and Trust in Washington at least 10
    above Trust in Moscow'. Flags and cards keep their ids, which designers search for."""
    try:
        tree = ast.parse(when.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return when
    return _Say(labels).say(tree.body, top=True)


class _Say:
    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = labels

    def say(self, node: ast.AST, *, top: bool = False) -> str:
        if isinstance(node, ast.BoolOp):
            word = " and " if isinstance(node.op, ast.And) else " or "
            inner = word.join(self.say(v) for v in node.values)
            return inner if top else f"({inner})"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            operand = node.operand
            if isinstance(operand, ast.Attribute):
                return self.fact(operand, negated=True)
            return f"not {self.say(operand)}"
        if isinstance(node, ast.Attribute):
            return self.fact(node, negated=False)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self.compare(node.left, node.ops[0], node.comparators[0])
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return "always" if node.value else "never"
        if isinstance(node, ast.Name) and node.id in ("true", "false"):
            return "always" if node.id == "true" else "never"
        return _unparse(node)

    def fact(self, node: ast.Attribute, *, negated: bool) -> str:
        base = node.value.id if isinstance(node.value, ast.Name) else ""
        if base == "flags":
            return f"flag {node.attr} {'not set' if negated else 'set'}"
        if base == "seen":
            return f"card {node.attr} {'not shown' if negated else 'shown'}"
        return _unparse(node)

    def compare(self, left: ast.expr, op: ast.cmpop, right: ast.expr) -> str:
        if isinstance(left, ast.Constant) and not isinstance(right, ast.Constant):
            left, right, op = right, left, _FLIPPED[type(op)]()
        words = _WORDS.get(type(op))
        if words is None:
            return _unparse(ast.Compare(left, [op], [right]))
        number = _number(right)
        if (number is not None and isinstance(left, ast.BinOp) and isinstance(left.op, ast.Sub)
                and self.meter(left.left) and self.meter(left.right)
                and type(op) in _ABOVE):
            a, b = self.meter(left.left), self.meter(left.right)
            above, below = _ABOVE[type(op)]
            if number >= 0:
                return f"{a} {above} {number:g} above {b}"
            return f"{a} {below} {-number:g} below {b}"
        name = self.expression(left)
        if name == "turn" and isinstance(op, ast.Eq) and number is not None:
            return f"turn {number:g}"
        return f"{name} {words} {self.expression(right)}"

    def expression(self, node: ast.AST) -> str:
        """Arithmetic with meters by their labels: 'Strategic autonomy + Security'."""
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            return (f"{self.operand(node.left)} {_ARITHMETIC[type(node.op)]} "
                    f"{self.operand(node.right)}")
        number = _number(node)
        if number is not None:
            return f"{number:g}"
        return self.meter(node) or _unparse(node)

    def operand(self, node: ast.AST) -> str:
        text = self.expression(node)
        return f"({text})" if isinstance(node, ast.BinOp) else text

    def meter(self, node: ast.AST) -> str:
        if isinstance(node, ast.Name) and node.id in self.labels:
            return self.labels[node.id]
        return ""


def _number(node: ast.AST) -> float | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    return None


def _unparse(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except (ValueError, RecursionError):  # pragma: no cover - defensive
        return "?"


# -- style, shared SVG definitions and the script -------------------------------------------------

_DEFS = """<defs>
<pattern id="unreached" patternUnits="userSpaceOnUse" width="7" height="7"
 patternTransform="rotate(45)"><rect width="7" height="7" fill="#ffffff"/>
<rect width="2.5" height="7" fill="#c3c9d2"/></pattern>
<pattern id="never" patternUnits="userSpaceOnUse" width="7" height="7"
 patternTransform="rotate(45)"><rect width="7" height="7" fill="#6b7280"/>
<rect width="2.5" height="7" fill="#4b5563"/></pattern>
""" + "".join(
    f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
    f'markerHeight="7" orient="auto-start-reverse" markerUnits="userSpaceOnUse">'
    + (f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>' if kind in ("follow_up", "lands")
       else f'<path d="M1,1 L9,5 L1,9" fill="none" stroke="{colour}" stroke-width="1.8"/>')
    + "</marker>"
    for kind, (colour, _, _) in EDGE_STYLES.items()) + "</defs>"

_STYLE = f"""
body {{ font-family: "{FAMILY}", system-ui, sans-serif; margin: 0; color: #1f2933;
       background: #ffffff; line-height: 1.4; }}
header, #details {{ max-width: 78rem; margin: 0 auto; padding: 0.6rem 1.2rem; }}
h1 {{ font-size: 1.45rem; margin: 0.6rem 0 0.3rem; }}
h2 {{ font-size: 1rem; margin: 0.9rem 0 0.3rem; }}
.summary {{ margin: 0.2rem 0 0.6rem; }}
.legend {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(19rem, 1fr));
          gap: 0.4rem 1.6rem; font-size: 0.92rem; }}
.legend h2 {{ margin-top: 0.2rem; }}
.legend p {{ margin: 0.3rem 0; }}
.legend ul {{ list-style: none; padding: 0; margin: 0; }}
.legend li {{ margin: 0.2rem 0; display: flex; align-items: center; gap: 0.45rem; }}
.steps li {{ display: inline-flex; margin-right: 0.9rem; }}
.swatch {{ display: inline-block; width: 1.6rem; height: 1rem; border: 1px solid #6b7280;
          border-radius: 3px; }}
.unreached-swatch {{ border-style: dashed; background: repeating-linear-gradient(45deg,
  #ffffff 0 3px, #c3c9d2 3px 5px); }}
.sample {{ flex: none; }}
.hint {{ color: #52606d; }}
code {{ font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.92em; }}
#controls {{ position: sticky; top: 0; z-index: 2; background: #ffffffe6; padding: 0.35rem 1.2rem;
            border-bottom: 1px solid #d9dee5; }}
#controls button {{ font: inherit; min-width: 2.4rem; margin-right: 0.3rem; padding: 0.1rem 0.5rem;
                   border: 1px solid #9aa5b1; border-radius: 4px; background: #f5f7fa;
                   cursor: pointer; }}
#controls button:focus-visible {{ outline: 3px solid #0072b2; }}
#zoom-level {{ margin: 0 1rem 0 0.5rem; color: #52606d; }}
#map {{ overflow: auto; height: calc(100vh - 2.9rem); border-top: 1px solid #d9dee5;
       border-bottom: 1px solid #d9dee5; cursor: grab; }}
#map.dragging {{ cursor: grabbing; user-select: none; }}
.reading {{ display: block; }}
.reading li {{ display: list-item; margin: 0.15rem 0 0.15rem 1rem; list-style: disc; }}
#map svg {{ display: block; }}
table {{ border-collapse: collapse; margin: 0.4rem 0 1.2rem; font-size: 0.92rem; }}
th, td {{ border-bottom: 1px solid #d9dee5; padding: 0.25rem 0.6rem; text-align: left;
         vertical-align: top; }}
th {{ background: #f1f4f8; }}
svg text {{ font-size: 11px; fill: #1f2933; }}
svg .lane {{ fill: #f7f8fa; }}
svg .lane.alt {{ fill: #eef1f5; }}
svg .column {{ font-size: 14px; font-weight: 700; }}
svg .column-sub {{ font-size: 11px; fill: #52606d; }}
svg .box {{ fill: #ffffff; stroke: #52606d; stroke-width: 1.2; }}
svg .unreached > .box {{ stroke-dasharray: 5 3; stroke: #3e4c59; }}
svg .never > .box {{ stroke: #1f2933; stroke-width: 2; }}
svg .never > .band, svg .never > .band-foot {{ fill: url(#never); }}
svg .never > .head, svg .never > .reach {{ fill: #ffffff; }}
svg .ending > .box {{ stroke-width: 2; }}
svg .head {{ font-weight: 700; font-size: 11.5px; }}
svg .reach {{ font-weight: 700; font-size: 11px; }}
svg .light {{ fill: #ffffff; }}
svg .plate {{ paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }}
svg .never .plate {{ stroke: #4b5563; }}
svg .title {{ font-size: 12px; }}
svg .meta {{ font-size: 10.5px; fill: #3e4c59; }}
svg .warn {{ font-size: 10.5px; font-weight: 700; fill: #9a3412; }}
svg .code {{ font-size: 10.5px; fill: #3e4c59; font-style: italic; }}
svg .effects {{ font-size: 10.5px; }}
svg .quote {{ font-size: 10.5px; font-style: italic; fill: #52606d; }}
svg .words {{ font-size: 11px; }}
svg .rule {{ stroke: #d9dee5; }}
svg .row {{ fill: transparent; }}
svg .row:hover {{ fill: #eef1f5; }}
svg .option {{ font-size: 11px; font-weight: 700; }}
svg .chance {{ font-size: 10.5px; }}
svg .pick {{ font-size: 10px; fill: #52606d; }}
svg .pick.never {{ font-weight: 700; fill: #9a3412; }}
svg .note {{ font-size: 10px; fill: #3e4c59; }}
svg .where {{ font-size: 10px; fill: #1d4ed8; text-decoration: underline; }}
svg .strip .possible {{ fill: #d9dee5; }}
svg .strip .impossible {{ fill: #9aa5b1; }}
svg .strip .shown {{ fill: #1f2933; }}
svg .edge .line {{ fill: none; stroke-width: 1.8; }}
svg .track {{ font-size: 9px; fill: #3e4c59; }}
svg .track.flag {{ fill: #00664a; }}
svg .track.lands {{ fill: #9a3412; }}
svg .track.seen {{ fill: #005585; }}
svg .edge.follow_up .line {{ stroke-width: 2.2; }}
svg .edge .hit {{ fill: none; stroke: transparent; stroke-width: 9; }}
svg.focus .edge:not(.hot) {{ opacity: 0.08; }}
svg.focus .nodes > g:not(.hot) {{ opacity: 0.3; }}
svg.focus .edge.hot .line {{ stroke-width: 3; }}
svg .edge:hover .line {{ stroke-width: 3.2; }}
@media print {{ #controls {{ display: none; }} #map {{ overflow: visible; }} }}
"""

_SCRIPT = """
(function () {
  "use strict";
  var svg = document.getElementById("map-svg");
  if (!svg) { return; }
  var box = svg.viewBox.baseVal, scale = 1, pinned = null;
  var controls = document.getElementById("controls");
  var level = document.getElementById("zoom-level");
  controls.hidden = false;
  function zoom(to) {
    scale = Math.max(0.1, Math.min(3, to));
    svg.setAttribute("width", Math.round(box.width * scale));
    svg.setAttribute("height", Math.round(box.height * scale));
    level.textContent = Math.round(scale * 100) + "%";
  }
  function fitWidth() {
    var room = document.getElementById("map").clientWidth - 4;
    zoom(Math.min(1, room / box.width));
  }
  controls.addEventListener("click", function (event) {
    var how = event.target.getAttribute("data-zoom");
    if (how === "in") { zoom(scale * 1.25); }
    if (how === "out") { zoom(scale / 1.25); }
    if (how === "fit") { fitWidth(); }
    if (how === "one") { zoom(1); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "INPUT") { return; }
    if (event.key === "+" || event.key === "=") { zoom(scale * 1.25); }
    if (event.key === "-") { zoom(scale / 1.25); }
    if (event.key === "0") { fitWidth(); }
    if (event.key === "1") { zoom(1); }
    if (event.key === "Escape") { pinned = null; clear(); }
  });
  function clear() {
    svg.classList.remove("focus");
    Array.prototype.forEach.call(svg.querySelectorAll(".hot"), function (el) {
      el.classList.remove("hot");
    });
  }
  function focus(node) {
    clear();
    svg.classList.add("focus");
    node.classList.add("hot");
    (node.getAttribute("data-edges") || "").split(" ").forEach(function (id) {
      var edge = id && document.getElementById(id);
      if (!edge) { return; }
      edge.classList.add("hot");
      edge.getAttribute("data-ends").split(" ").forEach(function (end) {
        var other = document.getElementById(end);
        if (other) { other.classList.add("hot"); }
      });
    });
  }
  Array.prototype.forEach.call(svg.querySelectorAll(".nodes > g"), function (node) {
    node.addEventListener("mouseenter", function () { if (!pinned) { focus(node); } });
    node.addEventListener("mouseleave", function () { if (!pinned) { clear(); } });
    node.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      pinned = pinned === node ? null : node;
      if (pinned) { focus(node); } else { clear(); }
    });
  });
  var map = document.getElementById("map"), drag = null;
  map.addEventListener("mousedown", function (event) {
    if (event.button !== 0 || event.target.closest("a, button")) { return; }
    drag = {x: event.clientX, y: event.clientY, left: map.scrollLeft, top: map.scrollTop,
            moved: false};
  });
  window.addEventListener("mousemove", function (event) {
    if (!drag) { return; }
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) { drag.moved = true; map.classList.add("dragging"); }
    map.scrollLeft = drag.left - dx;
    map.scrollTop = drag.top - dy;
  });
  window.addEventListener("mouseup", function () {
    if (drag && drag.moved) { suppressClick = true; }
    drag = null;
    map.classList.remove("dragging");
  });
  var suppressClick = false;
  map.addEventListener("click", function (event) {
    if (suppressClick) { event.stopPropagation(); event.preventDefault(); suppressClick = false; }
  }, true);
  zoom(1);
})();
"""

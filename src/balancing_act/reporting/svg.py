"""Small charts drawn as inline SVG for the report's pages: one panel per meter, a student's line
beside India's, the goal marked. Drawn as text, so a class of hundreds of pages needs no chart
library and no image files (the class page's big charts are matplotlib's)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

STUDENT_COLOUR = "#0072b2"
INDIA_COLOUR = "#b45309"
GOAL_COLOUR = "#2a9d55"
GRID_COLOUR = "#d9dee5"


@dataclass(frozen=True)
class Panel:
    """One meter: its label and range, the lines to draw and the goal, if any."""

    label: str
    low: int
    high: int
    lines: Sequence[tuple[str, Sequence[int], bool]]  # (name, values by turn, dashed)
    goal: float | None = None


def meter_panels(panels: Sequence[Panel], width: int = 300, height: int = 150) -> str:
    """A row of SVG panels (they wrap on a narrow screen), each described for screen readers."""
    return '<div class="panels">' + "".join(_panel(p, width, height) for p in panels) + \
        "</div>"


def _panel(panel: Panel, width: int, height: int) -> str:
    e = html.escape
    left, right, top, bottom = 30, 8, 22, 20
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(panel.high - panel.low, 1)
    turns = max((len(values) - 1 for _, values, _ in panel.lines), default=1) or 1

    def x(turn: int) -> float:
        return left + plot_w * turn / turns

    def y(value: float) -> float:
        return top + plot_h - (min(max(value, panel.low), panel.high) - panel.low) / span * plot_h

    parts = [f'<text x="{left}" y="14" class="t">{e(panel.label)}</text>']
    for fraction in (0.0, 0.5, 1.0):
        value = panel.low + fraction * span
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="{GRID_COLOUR}"/>'
                     f'<text x="{left - 4}" y="{y(value) + 4:.1f}" class="a" '
                     f'text-anchor="end">{value:.0f}</text>')
    parts.append(f'<text x="{left}" y="{height - 4}" class="a">start</text>'
                 f'<text x="{width - right}" y="{height - 4}" class="a" text-anchor="end">'
                 f'turn {turns}</text>')
    if panel.goal is not None:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(panel.goal):.1f}" '
                     f'y2="{y(panel.goal):.1f}" stroke="{GOAL_COLOUR}" stroke-width="1.5" '
                     'stroke-dasharray="2 3"/>')
    described = []
    for name, values, dashed in panel.lines:
        if not values:
            continue
        points = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in enumerate(values))
        colour = INDIA_COLOUR if dashed else STUDENT_COLOUR
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="{2 if dashed else 2.5}"{dash}/>')
        described.append(f"{name}: {values[0]} to {values[-1]}")
    goal = f"; goal {panel.goal:g}" if panel.goal is not None else ""
    label = f"{panel.label}: " + "; ".join(described) + goal
    return (f'<svg class="panel" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{e(label)}"><title>{e(label)}</title>'
            + "".join(parts) + "</svg>")

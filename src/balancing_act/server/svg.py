"""Pictures drawn as inline SVG by the server: the meters over the turns (a student's debrief,
the class's means on the dashboard) and the QR code of the class's address. Every label is
escaped; each line has its own dash pattern and a name at its end, so colour is never the
only way to tell the lines apart."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence

import segno

COLOURS = ("#1f5fa8", "#b3261e", "#1b7a3d", "#7a4fb3", "#8a5a00", "#00707a")
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4", "1 3")


def line_chart(title: str, labels: Sequence[str], series: Sequence[Sequence[float]],
               low: float, high: float, *, x_label: str, width: int = 640,
               height: int = 300) -> str:
    """A line per series over its points (start, then after each decision)."""
    e = html.escape
    left, right, top, bottom = 40, 170, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(high - low, 1)
    steps = max(max((len(s) for s in series), default=1) - 1, 1)

    def x(k: int) -> float:
        return left + plot_w * k / steps

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / span)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="chart-title">{e(title)}</title>']
    for fraction in (0, 0.5, 1):
        value = low + span * fraction
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'class="axis">{value:.0f}</text>')
    every = max(1, steps // 10)
    for k in range(0, steps + 1, every):
        parts.append(f'<text x="{x(k):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                     f'class="axis">{k}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle" '
                 f'class="axis">{e(x_label)}</text>')
    ends: list[float] = []
    for index, (label, points) in enumerate(zip(labels, series, strict=True)):
        if not points:
            continue
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        path = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(points))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     f'stroke-width="3"{dash_attr}/>')
        end_y = y(points[-1])
        while any(abs(end_y - other) < 14 for other in ends):  # labels never overlap
            end_y += 14
        ends.append(end_y)
        parts.append(f'<text x="{x(len(points) - 1) + 6:.1f}" y="{end_y + 4:.1f}" '
                     f'fill="{colour}" class="series">{e(label)} {points[-1]:.0f}</text>')
    parts.append("</svg>")
    return "".join(parts)


def qr_svg(address: str, label: str) -> str:
    """The address as a QR code, for phones to scan from the dashboard or the projector."""
    out = io.BytesIO()
    segno.make(address, error="m").save(out, kind="svg", scale=6, border=2, xmldecl=False,
                                         svgns=True, title=label, dark="#000", light="#fff",
                                         svgclass="qr", omitsize=True)
    return out.getvalue().decode("utf-8")


def qr_text(address: str) -> str:
    """The address as a QR code drawn with block characters, for the terminal."""
    out = io.StringIO()
    segno.make(address, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()

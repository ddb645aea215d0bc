"""PDF pages made with fpdf2 and the shipped Noto fonts: the building blocks of the debrief a
player saves and of the class's printed handouts (one piece of code for both)."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.errors import FPDFException

from balancing_act.errors import ReportError
from balancing_act.resources import asset

DEVANAGARI = frozenset({"hi", "mr", "ne", "sa"})
METER_COLOURS = ((0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167),
                 (86, 180, 233))
INK = (31, 41, 51)
MUTED = (110, 118, 130)


class Document(FPDF):
    """An A4 document in Noto Sans with headings, paragraphs, links and a meter chart."""

    def __init__(self, title: str, language: str = "en") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.set_title(title)
        self.set_author("Balancing Act")
        self.set_creator("Balancing Act")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(16, 14, 16)
        devanagari = language in DEVANAGARI
        body = "BalancingActSans" if devanagari else "NotoSans"
        try:  # a Hindi page in the face of the Hindi screens (Devanagari and Latin in one
            # font); an English one in Noto Sans, with Devanagari (names) from its own font
            self.add_font("body", "", str(asset(f"fonts/{body}-Regular.ttf")))
            self.add_font("body", "B", str(asset(f"fonts/{body}-Bold.ttf")))
            self.add_font("deva", "", str(asset("fonts/NotoSansDevanagari-Regular.ttf")))
            self.add_font("deva", "B", str(asset("fonts/NotoSansDevanagari-Bold.ttf")))
        except (OSError, RuntimeError) as err:
            raise ReportError(f"the PDF needs the shipped fonts: {err}") from None
        if not devanagari:
            self.set_fallback_fonts(["deva"], exact_match=False)
        # HarfBuzz forms conjuncts and places matras; on a Hindi page every run is shaped as
        # Devanagari (a run that starts with a Latin name would otherwise be shaped as Latin),
        # on an English page each run by the script it is in.
        with contextlib.suppress(FPDFException):
            self.set_text_shaping(True, script="deva" if devanagari else None)
        self.footer_text = ""

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}", align="R")

    # -- text --------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 13) -> None:
        if self.get_y() > self.h - 30:
            self.add_page()
        self.ln(2)
        self.set_font("body", "B", size)
        self.set_text_color(*INK)
        self.multi_cell(0, size * 0.5, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, bold: bool = False,
                  colour: tuple[int, int, int] = INK, indent: float = 0) -> None:
        if not text.strip():
            return
        self.set_font("body", "B" if bold else "", size)
        self.set_text_color(*colour)
        for block in [b for b in text.strip().split("\n\n") if b.strip()]:
            self.set_x(self.l_margin + indent)
            self.multi_cell(self.epw - indent, size * 0.47, clean(" ".join(block.split())),
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(1)

    def addresses(self, urls: Sequence[str], size: float = 8.5) -> None:
        """Addresses, one per line, each a clickable link (long ones break inside, never
        lost)."""
        self.set_font("body", "", size)
        self.set_text_color(0, 90, 170)
        for url in urls:
            self.set_x(self.l_margin)
            link = url if url.startswith(("http://", "https://")) else ""
            self.multi_cell(self.epw, size * 0.47, clean(url), link=link,
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    # -- the chart -----------------------------------------------------------------------------

    def meter_chart(self, labels: Sequence[str], ids: Sequence[str],
                    track: Sequence[dict[str, int]], lows: Sequence[int], highs: Sequence[int],
                    goals: dict[str, float], height: float = 62,
                    timeline: Sequence[str] = (), start_label: str = "S") -> None:
        """Every meter over the turns as lines, the goals dashed, a legend and a timeline."""
        if self.get_y() + height + 18 > self.h - 15:
            self.add_page()
        x0, y0 = self.l_margin + 8, self.get_y() + 2
        width = self.epw - 8
        low, high = min(lows), max(highs)
        span = max(high - low, 1)
        steps = max(len(track) - 1, 1)
        self.set_draw_color(200, 205, 212)
        self.set_line_width(0.2)
        self.set_font("body", "", 7)
        self.set_text_color(*MUTED)
        for fraction in (0.0, 0.5, 1.0):
            y = y0 + height - fraction * height
            self.line(x0, y, x0 + width, y)
            self.text(self.l_margin, y + 1, f"{low + fraction * span:.0f}")
        every = max(1, len(track) // 16)
        for turn in range(0, len(track), every):
            x = x0 + width * turn / steps
            self.text(x - 1, y0 + height + 4, clean(start_label) if turn == 0 else str(turn))
        last = ""
        for turn, date in enumerate(timeline, start=1):
            year = date[-4:] if date else ""
            if year and year != last:
                self.set_text_color(170, 110, 0)
                self.text(x0 + width * turn / steps - 3, y0 + height + 8, year)
                last = year
        for index, meter in enumerate(ids):
            colour = METER_COLOURS[index % len(METER_COLOURS)]
            self.set_draw_color(*colour)
            if meter in goals:
                y = y0 + height - (goals[meter] - low) / span * height
                self.set_line_width(0.25)
                self.set_dash_pattern(dash=1.5, gap=1.5)
                self.line(x0, y, x0 + width, y)
                self.set_dash_pattern()
            self.set_line_width(0.6)
            points = [(x0 + width * t / steps, y0 + height - (p[meter] - low) / span * height)
                      for t, p in enumerate(track)]
            for (xa, ya), (xb, yb) in itertools.pairwise(points):
                self.line(xa, ya, xb, yb)
        self.set_y(y0 + height + 10)
        self.set_x(self.l_margin)
        self.set_font("body", "", 8)
        for index, label in enumerate(labels):
            colour = METER_COLOURS[index % len(METER_COLOURS)]
            self.set_fill_color(*colour)
            self.rect(self.get_x(), self.get_y() + 1, 3, 3, style="F")
            self.set_x(self.get_x() + 4)
            self.set_text_color(*INK)
            self.cell(self.get_string_width(clean(label)) + 6, 5, clean(label))
        self.ln(7)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)

    def output_bytes(self) -> bytes:
        data: Any = self.output()
        return bytes(data)


def clean(text: str) -> str:
    """Text the fonts can draw: control characters dropped, odd spaces made plain."""
    return "".join(c if c.isprintable() else " " for c in text.replace("\u00a0", " "))

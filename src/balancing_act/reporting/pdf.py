"""PDF pages made with fpdf2 and the shipped Noto fonts: the building blocks of the debrief a
player saves and of the class's printed handouts (one piece of code for both)."""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Iterator, Sequence
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
        self._wrapped: dict[tuple[object, ...], tuple[str, ...]] = {}
        self._row_lines: dict[tuple[object, ...], int] = {}
        self._fast: dict[tuple[str, str, str], bool] = {}

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        text = clean(f"{self.footer_text}   {self.page_no()}")
        self.put_line(self.w - self.r_margin - self.text_width(text), self.get_y(), text, 5)

    # -- text --------------------------------------------------------------------------------

    def heading(self, text: str, size: float = 13) -> None:
        if self.get_y() > self.h - 30:
            self.add_page()
        self.ln(2)
        self.set_font("body", "B", size)
        self.set_text_color(*INK)
        words = clean(text)
        if self.fast(words):
            for line in self.wrapped(words, self.epw):
                self.put_line(self.l_margin, self.get_y(), line, size * 0.5)
                self.set_y(self.get_y() + size * 0.5)
        else:
            self.multi_cell(0, size * 0.5, words, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, bold: bool = False,
                  colour: tuple[int, int, int] = INK, indent: float = 0) -> None:
        """Paragraphs (blank-line separated), wrapped to the page, a new page when needed."""
        if not text.strip():
            return
        self.set_font("body", "B" if bold else "", size)
        self.set_text_color(*colour)
        line = size * 0.47
        for block in [b for b in text.strip().split("\n\n") if b.strip()]:
            words = clean(" ".join(block.split()))
            if not self.fast(words):  # other scripts: fpdf2's fallback fonts and shaping
                self.set_x(self.l_margin + indent)
                self.multi_cell(self.epw - indent, line, words, new_x=XPos.LMARGIN,
                                new_y=YPos.NEXT)
            else:
                for text_line in self.wrapped(words, self.epw - indent):
                    if self.get_y() + line > self.h - self.b_margin:
                        self.add_page()
                        self.set_font("body", "B" if bold else "", size)
                        self.set_text_color(*colour)
                    self.put_line(self.l_margin + indent, self.get_y(), text_line, line)
                    self.set_y(self.get_y() + line)
            self.ln(1)

    # -- fast text -----------------------------------------------------------------------------
    # fpdf2's cell() and multi_cell() look up fallback fonts and shape text for every call,
    # which costs a class of 200 debrief sheets many seconds. Text that the body font covers
    # (all Latin text) is measured from the font's own widths and drawn with text(); anything
    # else still goes through cell(), with the Devanagari fallback and shaping. Shaping is on
    # for every page (a Devanagari name can be on an English one), so this matters most.

    def fast(self, text: str) -> bool:
        """Whether the current font draws all of `text` itself (no fallback, no shaping)."""
        font = self.current_font
        cmap = getattr(font, "cmap", None)
        if cmap is None:
            return False
        if text.isascii():  # the shipped faces have every printable ASCII character, and
            return True  # Latin needs no shaping
        key = (self.font_family, self.font_style, text)
        found = self._fast.get(key)
        if found is None:
            found = self._fast[key] = all(ord(c) in cmap for c in text) and not (
                self.text_shaping and needs_shaping(text))
        return found

    @contextlib.contextmanager
    def shaped_only_if_needed(self, text: str) -> Iterator[str]:
        """`text`, with HarfBuzz off while it is drawn when it needs no shaping (an address,
        Latin text): fpdf2 shapes every run it is given, which is slow."""
        saved = self.text_shaping
        if saved and not needs_shaping(text):
            self.text_shaping = None
        try:
            yield text
        finally:
            self.text_shaping = saved

    def text_width(self, text: str) -> float:
        """The width of `text` in the current font (as `get_string_width`, much faster for
        text the font covers)."""
        font = self.current_font
        widths = getattr(font, "cw", None)
        if widths is None or not self.fast(text):
            return float(self.get_string_width(text))
        return float(sum(widths[ord(c)] for c in text) * self.font_size_pt * 0.001 / self.k)

    def put_line(self, x: float, top: float, text: str, height: float) -> None:
        """One line of text in a box `height` high at (x, top), as cell() would place it."""
        if self.fast(text):
            self.text(x, top + 0.5 * height + 0.3 * self.font_size, text)
        else:
            self.set_xy(x - self.c_margin, top)  # cell() pads its text by c_margin
            self.cell(0, height, text)

    def addresses(self, urls: Sequence[str], size: float = 8.5) -> None:
        """Addresses, one per line, each a clickable link (long ones break inside, never
        lost)."""
        self.set_font("body", "", size)
        self.set_text_color(0, 90, 170)
        for url in urls:
            self.set_x(self.l_margin)
            link = url if url.startswith(("http://", "https://")) else ""
            with self.shaped_only_if_needed(clean(url)) as text:
                self.multi_cell(self.epw, size * 0.47, text, link=link,
                                new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def wrapped(self, text: str, width: float, max_lines: int = 0) -> tuple[str, ...]:
        """`text` broken at spaces into lines that fit `width` in the current font (a word
        longer than a line is cut); with `max_lines`, the last line kept ends in an ellipsis.
        Remembered per font and size: a class's sheets repeat the same labels many times."""
        key = (self.font_family, self.font_style, self.font_size_pt, text, width, max_lines)
        found = self._wrapped.get(key)
        if found is None:
            found = self._wrap(text, width, max_lines)
            self._wrapped[key] = found
        return found

    def _wrap(self, text: str, width: float, max_lines: int) -> tuple[str, ...]:
        lines: list[str] = []
        line, line_width = "", 0.0
        space = self.text_width(" ")
        for word in clean(text).split():
            size = self.text_width(word)
            if line and line_width + space + size <= width:
                line, line_width = f"{line} {word}", line_width + space + size
                continue
            if line:
                lines.append(line)
            while size > width:  # a very long word or address
                cut = len(word)
                while cut > 1 and self.text_width(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                size = self.text_width(word)
            line, line_width = word, size
        if line:
            lines.append(line)
        if max_lines and len(lines) > max_lines:
            kept = lines[:max_lines]
            last = kept[-1]
            while last and self.text_width(last + "…") > width:
                last = last[:-1]
            kept[-1] = last.rstrip() + "…"
            return tuple(kept)
        return tuple(lines) or ("",)

    def table_height(self, widths: Sequence[float], rows: Sequence[Sequence[str]],
                     size: float, max_lines: int = 0) -> float:
        """The height `plain_table` would take for these rows (the header included)."""
        self.set_font("body", "", size)
        line = size * 0.42
        total = line + 2.2
        for row in rows:
            key = (size, max_lines, tuple(widths), tuple(row))
            lines = self._row_lines.get(key)
            if lines is None:
                lines = max(len(self.wrapped(c, w - 1.6, max_lines))
                            for c, w in zip(row, widths, strict=True))
                self._row_lines[key] = lines
            total += lines * line + 1.4
        return total

    def plain_table(self, widths: Sequence[float], header: Sequence[str],
              rows: Sequence[Sequence[str]], size: float = 8, max_lines: int = 0,
              bold_first: bool = False, muted: Sequence[Sequence[bool]] = ()) -> None:
        """A plain table: a shaded header, each cell's text wrapped (to `max_lines` lines, the
        last with an ellipsis), a thin rule under each row; a new page when a row would not
        fit. `muted` greys chosen cells (e.g. a choice the same as the student's)."""
        line = size * 0.42
        x0 = self.l_margin

        def draw_header() -> None:
            self.set_font("body", "B", size)
            self.set_fill_color(238, 241, 245)
            self.set_text_color(*INK)
            self.rect(x0, self.get_y(), sum(widths), line + 1.6, style="F")
            x = x0
            for text, width in zip(header, widths, strict=True):
                self.set_xy(x + 0.8, self.get_y())
                self.cell(width - 1.6, line + 1.6, fitted_text(self, clean(text), width - 1.6))
                x += width
            self.set_y(self.get_y() + line + 2.2)

        draw_header()
        self.set_font("body", "", size)
        shown = INK  # the text colour set last
        ruled = False  # the rule's colour and width are set
        for number, row in enumerate(rows):
            cells = [self.wrapped(c, w - 1.6, max_lines) for c, w in zip(row, widths,
                                                                        strict=True)]
            height = max(len(c) for c in cells) * line + 1.4
            if self.get_y() + height > self.h - 15:
                self.add_page()
                draw_header()
                self.set_font("body", "", size)
                shown, ruled = INK, False
            top = self.get_y()
            x = x0
            for column, (lines, width) in enumerate(zip(cells, widths, strict=True)):
                grey = bool(muted) and muted[number][column]
                style = "B" if bold_first and column == 0 else ""
                if style != self.font_style:
                    self.set_font("body", style, size)
                colour = MUTED if grey else INK
                if colour != shown:
                    self.set_text_color(*colour)
                    shown = colour
                for index, text in enumerate(lines):
                    self.put_line(x + 0.8, top + 0.5 + index * line, text, line)
                x += width
            self.set_y(top + height)
            if not ruled:
                self.set_draw_color(217, 222, 229)
                self.set_line_width(0.15)
                ruled = True
            self.line(x0, self.get_y(), x0 + sum(widths), self.get_y())
        self.set_text_color(*INK)
        self.ln(1.5)

    def rules(self, bottom: float, gap: float = 8) -> None:
        """Ruled lines for writing on, from here down to `bottom`."""
        self.set_draw_color(200, 205, 212)
        self.set_line_width(0.2)
        y = self.get_y() + gap
        while y <= bottom:
            self.line(self.l_margin, y, self.l_margin + self.epw, y)
            y += gap
        self.set_y(bottom)

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
            if len(points) > 1:
                self.polyline(points)  # one path per meter: a class's sheets draw fast
        self.set_y(y0 + height + 10)
        self.set_x(self.l_margin)
        self.set_font("body", "", 8)
        # the legend's place is kept here: a shaped label (Hindi) is drawn by cell(), which
        # leaves x at the margin; a label that does not fit goes to the next line
        x, y = self.l_margin, self.get_y()
        for index, label in enumerate(labels):
            shown = clean(label)
            needed = 4 + self.text_width(shown)
            if x > self.l_margin and x + needed > self.l_margin + self.epw:
                x, y = self.l_margin, y + 5
            colour = METER_COLOURS[index % len(METER_COLOURS)]
            self.set_fill_color(*colour)
            self.rect(x, y + 1, 3, 3, style="F")
            self.set_text_color(*INK)
            self.put_line(x + 4, y, shown, 5)
            x += needed + 6
        self.set_xy(self.l_margin, y)
        self.ln(7)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)

    def output_bytes(self) -> bytes:
        data: Any = self.output()
        return bytes(data)


def needs_shaping(text: str) -> bool:
    """Whether HarfBuzz must shape `text`: it has letters of the Indian scripts (conjuncts,
    vowel signs) or combining marks. Latin, with its dashes, quotes and symbols, does not."""
    return any("\u0900" <= c <= "\u0dff" or "\ua8e0" <= c <= "\ua8ff"
               or unicodedata.category(c).startswith("M") for c in text)


def fitted_text(doc: Document, text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` in the document's current font."""
    if doc.text_width(text) <= width:
        return text
    while text and doc.text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


@functools.lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Text the fonts can draw: control characters dropped, odd spaces made plain."""
    return "".join(c if c.isprintable() else " " for c in text.replace("\u00a0", " "))

"""Things the project draws itself: meter bars with their marks and previews, floating changes,
the counterparts' portraits, the debrief chart with its timeline, and text fitted to a width."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from balancing_act.frontends.window.theme import Colour, Theme, fit_text
from balancing_act.play.views import EffectView, MeterView

fit = fit_text  # `text` shortened with an ellipsis to a width (one copy, in the theme)


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """`text` broken into lines no wider than `width` (words kept whole where they fit)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if font.size(candidate)[0] <= width or not line:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def label_lines(theme: Theme, width: float, label: str) -> list[str]:
    """A meter's label as drawn over its bar: one line in bold where it fits, else in the
    regular weight, else two lines (large text never cuts a meter's name)."""
    bold, regular = theme.font(theme.small_size, bold=True), theme.font(theme.small_size)
    room = int(width)
    if bold.size(label)[0] <= room:
        return [label]
    if regular.size(label)[0] <= room:
        return [label]
    lines = wrap(regular, label, room)
    return [*lines[:1], " ".join(lines[1:])] if len(lines) > 2 else lines


def number_room(theme: Theme) -> int:
    """The width kept for a meter's number beside its label."""
    return theme.font(theme.small_size, bold=True).size("100")[0] + 6


def label_rows(theme: Theme, band_width: int, labels: Sequence[str]) -> int:
    """How many lines the meter labels need across a band (1 or 2)."""
    gap = theme.margin
    width = (band_width - gap * (len(labels) - 1)) / max(len(labels), 1) - number_room(theme)
    return max([len(label_lines(theme, width, label)) for label in labels] or [1])


def meter_colour(theme: Theme, index: int) -> Colour:
    return theme.palette.meters[index % len(theme.palette.meters)]


@dataclass
class MeterLayout:
    """Where each meter's bar stands, for hover and focus explanations."""

    bars: list[tuple[str, pygame.Rect]]

    def meter_at(self, point: tuple[int, int]) -> str | None:
        for meter_id, rect in self.bars:
            if rect.inflate(0, rect.height * 3).collidepoint(point):
                return meter_id
        return None


def draw_meters(surface: pygame.Surface, rect: pygame.Rect, theme: Theme,
                meters: Sequence[MeterView], values: dict[str, float],
                preview: Sequence[EffectView] = (), preview_level: str = "dots",
                focused: str | None = None) -> tuple[list[pygame.Rect], MeterLayout]:
    """A labelled bar with its number for each meter, side by side across `rect`, with the goal
    (a light line) and the values that end the game (a hatched end) marked on it; under each,
    the preview of the highlighted option (dots sized by the change, or the numbers) and a
    warning when the meter is near an end of the game. Returns the text rectangles drawn (for
    layout tests) and where the bars are."""
    palette = theme.palette
    count = len(meters)
    gap = theme.margin
    width = (rect.width - gap * (count - 1)) / max(count, 1)
    label_font = theme.font(theme.small_size, bold=True)
    small = theme.font(max(10, round(theme.small_size * 0.9)))
    drawn: list[pygame.Rect] = []
    layout = MeterLayout([])
    previews = {e.meter: e for e in preview}
    bar_height = max(8, round(theme.small_size * 0.95))
    regular = theme.font(theme.small_size)
    rows = label_rows(theme, rect.width, [m.label for m in meters])
    line_height = label_font.get_linesize()
    for index, meter in enumerate(meters):
        x = rect.x + index * (width + gap)
        value = values.get(meter.id, meter.value)
        number = label_font.render(f"{round(value)}", True, palette.text)
        label_width = int(width - number_room(theme))
        lines = label_lines(theme, label_width, meter.label)
        font = label_font if rows == 1 and label_font.size(lines[0])[0] <= label_width \
            else regular  # one weight for every label once any of them needs two lines
        for row_index, line in enumerate(lines):
            label = font.render(fit(font, line, label_width), True, palette.text)
            drawn.append(surface.blit(label, (x, rect.y + row_index * line_height)))
        drawn.append(surface.blit(number, (x + width - number.get_width(), rect.y)))
        bar = pygame.Rect(round(x), rect.y + rows * line_height + 4, round(width), bar_height)
        layout.bars.append((meter.id, bar))
        pygame.draw.rect(surface, palette.panel, bar, border_radius=bar_height // 2)
        share = (value - meter.min) / max(meter.max - meter.min, 1)
        filled = bar.copy()
        filled.width = max(0, round(bar.width * min(1.0, max(0.0, share))))
        if filled.width:
            pygame.draw.rect(surface, meter_colour(theme, index), filled,
                             border_radius=bar_height // 2)
        border = palette.focus if meter.id == focused else palette.border
        pygame.draw.rect(surface, border, bar, 2 if meter.id == focused else 1,
                         border_radius=bar_height // 2)
        for mark in meter.marks:
            mx = bar.x + round(mark.share * bar.width)
            if mark.kind == "goal":
                pygame.draw.line(surface, palette.goal, (mx, bar.y - 3), (mx, bar.bottom + 3), 2)
            else:
                _hatch(surface, bar, mx, mark.share >= 0.5, palette.danger)
        below = bar.bottom + 4
        effect = previews.get(meter.id)
        if effect is not None and preview_level != "none":
            drawn += _draw_preview(surface, theme, bar, effect, preview_level)
        if meter.warning:
            text = small.render(fit(small, "! " + meter.warning, round(width)), True,
                                palette.warning)
            drawn.append(surface.blit(text, (x, below + theme.small_size + 6)))
    return drawn, layout


def _hatch(surface: pygame.Surface, bar: pygame.Rect, x: int, upper: bool,
           colour: Colour) -> None:
    """The part of a bar where the game ends, striped (not only coloured)."""
    zone = pygame.Rect(x, bar.y, bar.right - x, bar.height) if upper else \
        pygame.Rect(bar.x, bar.y, x - bar.x, bar.height)
    if zone.width <= 0:
        return
    clip = surface.get_clip()
    surface.set_clip(zone)
    for offset in range(zone.x - bar.height, zone.right + bar.height, 6):
        pygame.draw.line(surface, colour, (offset, zone.bottom), (offset + bar.height, zone.y), 2)
    surface.set_clip(clip)
    pygame.draw.line(surface, colour, (x, bar.y - 4), (x, bar.bottom + 4), 2)


def _draw_preview(surface: pygame.Surface, theme: Theme, bar: pygame.Rect, effect: EffectView,
                  level: str) -> list[pygame.Rect]:
    centre_y = bar.bottom + theme.margin // 2 + 6
    if level == "numbers" and effect.amount is not None:
        colour = theme.palette.rise if effect.amount > 0 else theme.palette.fall
        text = theme.font(theme.small_size, bold=True).render(f"{effect.amount:+d}", True, colour)
        return [surface.blit(text, (bar.centerx - text.get_width() // 2, bar.bottom + 4))]
    radius = 3 + 3 * effect.dots  # Reigns-style: the size tells how much, not which way
    pygame.draw.circle(surface, theme.palette.accent, (bar.centerx, centre_y + 2), radius)
    return []


@dataclass
class Floater:
    """A +5 or -3 that rises from a meter as it moves, then fades."""

    meter: str
    text: str
    colour: Colour
    age: float = 0.0

    LIFETIME = 1.6


def draw_floaters(surface: pygame.Surface, theme: Theme, layout: MeterLayout,
                  floaters: list[Floater]) -> None:
    font = theme.font(theme.body_size, bold=True)
    bars = dict(layout.bars)
    for floater in floaters:
        bar = bars.get(floater.meter)
        if bar is None:
            continue
        fraction = min(1.0, floater.age / Floater.LIFETIME)
        rendered = font.render(floater.text, True, floater.colour)
        rendered.set_alpha(round(255 * (1 - fraction)))
        y = bar.bottom + 4 + round((1 - fraction) * theme.margin)
        surface.blit(rendered, (bar.right - rendered.get_width(), y))


@dataclass(frozen=True)
class Face:
    """One counterpart's portrait as drawn: the picture (None when it cannot be loaded), who
    it is ("Washington"), the mood in words ("pleased") and whether the face shows a rise, a
    fall or neither."""

    image: pygame.Surface | None
    who: str
    mood: str
    tone: int  # +1 pleased, -1 concerned, 0 neutral


def portrait_side(theme: Theme, rect: pygame.Rect, count: int) -> int:
    """The side of each square portrait in a strip of `count` across `rect`, leaving two lines
    for its caption (who, and the mood)."""
    caption = theme.font(theme.small_size, bold=True).get_linesize() + \
        theme.font(theme.small_size).get_linesize()
    cell = (rect.width - theme.margin * (count - 1)) // max(count, 1)
    return max(0, min(cell, rect.height - caption - 4))


def draw_portraits(surface: pygame.Surface, rect: pygame.Rect, theme: Theme,
                   faces: Sequence[Face]) -> list[pygame.Rect]:
    """The portraits side by side across `rect`, each framed, with who it is and the mood in
    words under it, and a bar in the colour of a rise or a fall. Returns the caption
    rectangles (for layout tests)."""
    if not faces or rect.height <= 0:
        return []
    palette = theme.palette
    bold = theme.font(theme.small_size, bold=True)
    side = portrait_side(theme, rect, len(faces))
    cell = (rect.width - theme.margin * (len(faces) - 1)) // len(faces)
    drawn: list[pygame.Rect] = []
    for index, face in enumerate(faces):
        x = rect.x + index * (cell + theme.margin)
        frame = pygame.Rect(x + (cell - side) // 2, rect.y, side, side)
        if face.image is not None:
            surface.blit(face.image, frame)
        else:
            pygame.draw.rect(surface, palette.panel, frame)
        colour = palette.rise if face.tone > 0 else palette.fall if face.tone < 0 else \
            palette.border
        pygame.draw.rect(surface, colour, frame, 2 if face.tone else 1)
        if face.tone:
            pygame.draw.rect(surface, colour, (frame.x, frame.bottom - 6, frame.width, 6))
        y = frame.bottom + 2
        name_bold = bold.size(face.who)[0] <= cell
        for text, heavy in ((face.who, name_bold), (face.mood, False)):
            line = theme.rendered(text, theme.small_size, palette.text, bold=heavy, width=cell)
            drawn.append(surface.blit(line, line.get_rect(midtop=(x + cell // 2, y))))
            y += theme.font(theme.small_size, heavy).get_linesize()
    return drawn


MIN_PLOT_LINES = 4  # the plot is at least this many lines of its labels high (100, 50, 0 apart)


def chart_height(theme: Theme, width: int, labels: Sequence[str], dated: bool) -> int:
    """The least height at which the chart reads: its legend rows, the turn numbers (and the
    years), and a plot of MIN_PLOT_LINES lines, so 100, 50 and 0 never overlap."""
    font = theme.font(theme.small_size)
    legend = (font.get_height() + 6) * len(_legend_rows(font, list(labels),
                                                        width - 2 * theme.margin))
    axis = font.get_height() * (2 if dated else 1)
    return 2 * theme.margin + legend + axis + MIN_PLOT_LINES * font.get_height()


def plot_area(theme: Theme, rect: pygame.Rect, labels: Sequence[str],
              dated: bool) -> pygame.Rect:
    """Where the chart in `rect` draws its lines: inside its margins, right of the values,
    above the turn numbers (and years) and the legend."""
    font = theme.font(theme.small_size)
    legend = (font.get_height() + 6) * len(_legend_rows(font, list(labels),
                                                        rect.width - 2 * theme.margin))
    plot = rect.inflate(-theme.margin * 2, -theme.margin * 2)
    plot.height -= legend + font.get_height() * (2 if dated else 1)
    plot.left += font.size("100")[0] + 6
    plot.width -= font.size("100")[0] + 6
    return plot


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme,
               meters: Sequence[MeterView], track: Sequence[dict[str, int]],
               labels: Sequence[str] = (), start_label: str = "S") -> list[pygame.Rect]:
    """Each meter over the turns (start, then after each decision), with its goal as a dashed
    line, axes, a legend, and under the axis the date of each decision when known."""
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect, border_radius=6)
    font = theme.font(theme.small_size)
    drawn: list[pygame.Rect] = []
    legend_rows = _legend_rows(font, [m.label for m in meters], rect.width - 2 * theme.margin)
    legend_height = (font.get_height() + 6) * len(legend_rows)
    plot = plot_area(theme, rect, [m.label for m in meters], bool(labels))
    low = min(m.min for m in meters)
    high = max(m.max for m in meters)
    span = max(high - low, 1)
    for fraction in (0, 0.5, 1):
        y = plot.bottom - fraction * plot.height
        pygame.draw.line(surface, palette.border, (plot.left, y), (plot.right, y), 1)
        value = font.render(f"{low + fraction * span:.0f}", True, palette.muted)
        drawn.append(surface.blit(value, (plot.left - value.get_width() - 6,
                                          y - value.get_height() // 2)))
    steps = max(len(track) - 1, 1)
    every = max(1, round(len(track) / max(plot.width // max(font.size("30")[0] * 2, 1), 1)))
    for turn in range(len(track)):
        x = plot.left + plot.width * turn / steps
        if turn % every == 0:
            text = font.render(start_label if turn == 0 else str(turn), True, palette.muted)
            drawn.append(surface.blit(text, (x - text.get_width() // 2, plot.bottom + 2)))
    if labels:  # the timeline: a year under the first decision of each year, where it fits
        last, free_from = "", float(plot.left - font.size("2000")[0])
        for turn, label in enumerate(labels, start=1):
            year = label[-4:] if label else ""
            if year and year != last:
                x = plot.left + plot.width * turn / steps
                text = font.render(year, True, palette.accent)
                left = x - text.get_width() // 2
                if left >= free_from and x + text.get_width() // 2 <= rect.right - 2:
                    drawn.append(surface.blit(text, (left, plot.bottom + font.get_height() + 2)))
                    free_from = left + text.get_width() + font.size(" ")[0]
                last = year
    for index, meter in enumerate(meters):
        colour = meter_colour(theme, index)
        for mark in meter.marks:
            if mark.kind == "goal":
                y = plot.bottom - (mark.value - low) / span * plot.height
                for x in range(plot.left, plot.right, 12):
                    pygame.draw.line(surface, colour, (x, y), (min(x + 6, plot.right), y), 1)
        points = [(plot.left + plot.width * t / steps,
                   plot.bottom - (point[meter.id] - low) / span * plot.height)
                  for t, point in enumerate(track)]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, 3)
        for point in points:
            pygame.draw.circle(surface, colour, point, 4)
    line_height = font.get_height() + 6
    index = 0
    for row_number, row in enumerate(legend_rows):
        x = rect.x + theme.margin
        y = rect.bottom - theme.margin // 2 - legend_height + row_number * line_height
        for label in row:
            pygame.draw.rect(surface, meter_colour(theme, index), (x, y + 4, 14, 14))
            drawn.append(surface.blit(font.render(label, True, palette.text), (x + 20, y)))
            x += 20 + font.size(label)[0] + theme.margin
            index += 1
    return drawn


def _legend_rows(font: pygame.font.Font, labels: list[str], width: int) -> list[list[str]]:
    """Legend entries packed into as few rows as fit `width`."""
    rows: list[list[str]] = [[]]
    used = 0
    for label in labels:
        needed = 20 + font.size(label)[0] + 16
        if rows[-1] and used + needed > width:
            rows.append([])
            used = 0
        rows[-1].append(label)
        used += needed
    return rows

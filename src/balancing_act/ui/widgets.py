"""Things the project draws itself: meter bars with their preview, and the debrief chart."""

from __future__ import annotations

import pygame

from balancing_act.scenario.loader import Scenario
from balancing_act.ui.theme import Theme


def dots_for(amount: int) -> int:
    """Preview size: one dot for a small change, two for medium, three for large."""
    size = abs(amount)
    return 1 if size < 5 else 2 if size < 10 else 3


def draw_meters(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, scenario: Scenario,
                values: dict[str, float], preview: dict[str, int] | None = None,
                preview_level: str = "dots") -> list[pygame.Rect]:
    """A labelled bar with its number for each meter, side by side across `rect`; under each,
    the preview of the hovered option (dots sized by the change, or the numbers). Returns the
    text rectangles drawn, so tests can check they stay inside `rect`."""
    meters = scenario.file.meters
    count = len(meters)
    gap = theme.margin
    width = (rect.width - gap * (count - 1)) / count
    label_font = theme.font(theme.small_size, bold=True)
    number_font = theme.font(theme.small_size, bold=True)
    drawn: list[pygame.Rect] = []
    bar_height = max(8, rect.height // 5)
    for index, (meter_id, meter) in enumerate(meters.items()):
        x = rect.x + index * (width + gap)
        colour = theme.palette.meters[index % len(theme.palette.meters)]
        label = _fit(label_font, meter.label, int(width * 0.78))
        text = label_font.render(label, True, theme.palette.text)
        drawn.append(surface.blit(text, (x, rect.y)))
        value = values[meter_id]
        number = number_font.render(f"{round(value)}", True, theme.palette.text)
        drawn.append(surface.blit(number, (x + width - number.get_width(), rect.y)))
        bar = pygame.Rect(round(x), rect.y + text.get_height() + 4, round(width), bar_height)
        pygame.draw.rect(surface, theme.palette.panel, bar, border_radius=bar_height // 2)
        share = (value - meter.min) / (meter.max - meter.min)
        filled = bar.copy()
        filled.width = max(0, round(bar.width * share))
        if filled.width:
            pygame.draw.rect(surface, colour, filled, border_radius=bar_height // 2)
        pygame.draw.rect(surface, theme.palette.border, bar, 1, border_radius=bar_height // 2)
        if preview and meter_id in preview and preview_level != "none":
            drawn += _draw_preview(surface, theme, bar, preview[meter_id], preview_level)
    return drawn


def _draw_preview(surface: pygame.Surface, theme: Theme, bar: pygame.Rect, amount: int,
                  level: str) -> list[pygame.Rect]:
    centre_y = bar.bottom + theme.margin // 2 + 6
    if level == "numbers":
        text = theme.font(theme.small_size, bold=True).render(
            f"{amount:+d}", True, theme.palette.good if amount > 0 else theme.palette.bad)
        return [surface.blit(text, (bar.centerx - text.get_width() // 2, bar.bottom + 4))]
    radius = 3 + 3 * dots_for(amount)  # Reigns-style: the size tells how much, not which way
    pygame.draw.circle(surface, theme.palette.accent, (bar.centerx, centre_y + 2), radius)
    return []


def _fit(font: pygame.font.Font, text: str, width: int) -> str:
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def draw_chart(surface: pygame.Surface, rect: pygame.Rect, theme: Theme, scenario: Scenario,
               track: list[dict[str, int]]) -> list[pygame.Rect]:
    """Each meter over the turns (start, then after each decision), with axes and a legend."""
    palette = theme.palette
    pygame.draw.rect(surface, palette.panel, rect, border_radius=6)
    font = theme.font(theme.small_size)
    drawn: list[pygame.Rect] = []
    legend_rows = _legend_rows(font, [m.label for m in scenario.file.meters.values()],
                               rect.width - 2 * theme.margin)
    legend_height = (font.get_height() + 6) * len(legend_rows)
    plot = rect.inflate(-theme.margin * 2, -theme.margin * 2)
    plot.height -= legend_height
    plot.left += font.size("100")[0] + 6
    plot.width -= font.size("100")[0] + 6
    plot.height -= font.get_height()
    meters = scenario.file.meters
    low = min(m.min for m in meters.values())
    high = max(m.max for m in meters.values())
    for fraction in (0, 0.5, 1):
        y = plot.bottom - fraction * plot.height
        pygame.draw.line(surface, palette.border, (plot.left, y), (plot.right, y), 1)
        value = font.render(f"{low + fraction * (high - low):.0f}", True, palette.muted)
        drawn.append(surface.blit(value, (plot.left - value.get_width() - 6,
                                          y - value.get_height() // 2)))
    steps = max(len(track) - 1, 1)
    for turn in range(len(track)):
        x = plot.left + plot.width * turn / steps
        if steps <= 12 or turn % 2 == 0:
            label = font.render("S" if turn == 0 else str(turn), True, palette.muted)
            drawn.append(surface.blit(label, (x - label.get_width() // 2, plot.bottom + 2)))
    for index, (meter_id, _) in enumerate(meters.items()):
        colour = palette.meters[index % len(palette.meters)]
        points = [(plot.left + plot.width * t / steps,
                   plot.bottom - (point[meter_id] - low) / (high - low) * plot.height)
                  for t, point in enumerate(track)]
        if len(points) > 1:
            pygame.draw.lines(surface, colour, False, points, 3)
        for point in points:
            pygame.draw.circle(surface, colour, point, 4)
    index = 0
    line_height = font.get_height() + 6
    for row_number, row in enumerate(legend_rows):
        x = rect.x + theme.margin
        y = rect.bottom - theme.margin // 2 - legend_height + row_number * line_height
        for label in row:
            colour = palette.meters[index % len(palette.meters)]
            pygame.draw.rect(surface, colour, (x, y + 4, 14, 14))
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

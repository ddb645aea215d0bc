"""Colours, fonts and the pygame_gui theme, built from the player's settings and window size.

Sizes follow the window height, so the layout reads the same from 1024x600 to 1920x1080; the
text-size setting scales them. The high-contrast theme and the colour-blind-safe meter palette
(Okabe-Ito colours) are settings too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from balancing_act.paths import ASSETS
from balancing_act.ui.store import Settings

FONT_REGULAR = ASSETS / "fonts" / "NotoSans-Regular.ttf"
FONT_BOLD = ASSETS / "fonts" / "NotoSans-Bold.ttf"
FONT_DEVANAGARI = ASSETS / "fonts" / "NotoSansDevanagari-Regular.ttf"
FONT_DEVANAGARI_BOLD = ASSETS / "fonts" / "NotoSansDevanagari-Bold.ttf"
# Languages written in Devanagari; their fonts also cover Latin, so scenario text still shows.
DEVANAGARI = frozenset({"hi", "mr", "ne", "sa"})
TEXT_SCALE = {"small": 0.85, "medium": 1.0, "large": 1.2}

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    background: Colour
    panel: Colour
    text: Colour
    muted: Colour
    accent: Colour
    button: Colour
    button_hover: Colour
    border: Colour
    good: Colour
    bad: Colour
    meters: tuple[Colour, ...]


STANDARD = Palette(background=(24, 28, 40), panel=(36, 42, 58), text=(232, 234, 240),
                   muted=(160, 168, 184), accent=(240, 180, 80), button=(52, 62, 86),
                   button_hover=(74, 90, 124), border=(90, 102, 130), good=(110, 200, 130),
                   bad=(235, 110, 100),
                   meters=((90, 160, 235), (235, 170, 70), (110, 195, 120), (215, 100, 95),
                           (170, 130, 220)))
HIGH_CONTRAST = Palette(background=(0, 0, 0), panel=(0, 0, 0), text=(255, 255, 255),
                        muted=(230, 230, 230), accent=(255, 235, 0), button=(0, 0, 0),
                        button_hover=(60, 60, 0), border=(255, 255, 255), good=(0, 255, 120),
                        bad=(255, 120, 120),
                        meters=((0, 200, 255), (255, 235, 0), (0, 255, 120), (255, 120, 200),
                                (255, 255, 255)))
# Okabe-Ito: distinguishable with the common forms of colour blindness.
COLOUR_BLIND_METERS = ((0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167),
                       (86, 180, 233))


def hex_colour(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


class Theme:
    """Everything visual for one window size and one set of settings."""

    def __init__(self, settings: Settings, size: tuple[int, int], language: str = "en") -> None:
        self.regular, self.bold = ((FONT_DEVANAGARI, FONT_DEVANAGARI_BOLD)
                                   if language in DEVANAGARI else (FONT_REGULAR, FONT_BOLD))
        base = HIGH_CONTRAST if settings.high_contrast else STANDARD
        meters = COLOUR_BLIND_METERS if settings.colour_blind else base.meters
        self.palette = Palette(**{**base.__dict__, "meters": meters})
        width, height = size
        scale = TEXT_SCALE[settings.text_size]
        self.body_size = max(12, round(min(height / 38, width / 60) * scale))
        self.small_size = max(11, round(self.body_size * 0.82))
        self.heading_size = round(self.body_size * 1.45)
        self.title_size = round(self.body_size * 2.6)
        self.margin = max(8, round(min(width, height) * 0.025))
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        if key not in self._fonts:
            font = pygame.font.Font(self.bold if bold else self.regular, size)
            if self.regular == FONT_DEVANAGARI:
                font.set_script("Deva")  # pygame.font shapes Devanagari through HarfBuzz
            self._fonts[key] = font
        return self._fonts[key]

    def gui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme as a dictionary."""
        p = self.palette
        font = {"name": "noto_sans", "size": str(self.body_size)}
        colours = {
            "normal_bg": hex_colour(p.button), "hovered_bg": hex_colour(p.button_hover),
            "selected_bg": hex_colour(p.button_hover), "active_bg": hex_colour(p.accent),
            "disabled_bg": hex_colour(p.panel),
            "normal_text": hex_colour(p.text), "hovered_text": hex_colour(p.text),
            "selected_text": hex_colour(p.text), "active_text": hex_colour(p.background),
            "disabled_text": hex_colour(p.muted), "normal_border": hex_colour(p.border),
            "hovered_border": hex_colour(p.accent), "selected_border": hex_colour(p.accent),
            "dark_bg": hex_colour(p.panel), "link_text": hex_colour(p.accent),
            "link_hover": hex_colour(p.accent), "link_selected": hex_colour(p.accent),
            "text_cursor": hex_colour(p.text),
        }
        misc = {"shape": "rounded_rectangle", "shape_corner_radius": "6", "border_width": "1",
                "shadow_width": "0", "text_horiz_alignment": "left",
                "text_horiz_alignment_padding": str(self.margin // 2),
                "line_spacing": "1.25"}
        return {
            "defaults": {"colours": colours, "font": font, "misc": misc},
            "button": {"colours": colours, "font": font, "misc": {**misc, "border_width": "2"}},
            "text_box": {"colours": {**colours, "dark_bg": hex_colour(p.panel)}, "font": font,
                         # A plain rectangle: pygame_gui draws rounded shapes at four times
                         # their size first, which for a page of text costs ~50 MB each.
                         "misc": {"shape": "rectangle",
                                  "border_width": "1", "shadow_width": "0",
                                  "line_spacing": "1.25",
                                  "padding": f"4,{self.margin // 2}"}},
            "label": {"colours": {**colours, "dark_bg": hex_colour(p.background)},
                      "font": font},
            "text_entry_line": {"colours": colours, "font": font,
                                "misc": {"shape": "rectangle", "border_width": "1",
                                         "padding": "8,4"}},
            "#heading": {"font": {"name": "noto_sans", "size": str(self.heading_size),
                                  "bold": "1"}},
            "#title": {"font": {"name": "noto_sans", "size": str(self.title_size),
                                "bold": "1"},
                       "colours": {"normal_text": hex_colour(p.accent)}},
            "@centred": {"misc": {"text_horiz_alignment": "center"}},
        }

    def font_preloads(self) -> list[dict[str, Any]]:
        sizes = {self.body_size, self.small_size, self.heading_size, self.title_size}
        return [{"name": "noto_sans", "point_size": s, "style": style}
                for s in sizes for style in ("regular", "bold", "italic")]

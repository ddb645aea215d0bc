"""Colours, fonts and the pygame_gui theme, built from the player's settings and window size.

Sizes follow the window, so the layout reads the same from 1024x600 to 3840x2160; the text-size
setting scales them. Meter colours are the Okabe-Ito set, distinguishable with the common forms
of colour blindness, and none of them is the red of danger: no capital is cast as the threat.
Rises and falls are shown by sign as well as colour.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pygame

from balancing_act.frontends.window.store import Settings
from balancing_act.resources import asset

# Languages written in Devanagari. Their screens use Balancing Act Sans (Noto Sans and Noto Sans
# Devanagari merged by tools/fonts.py), so Latin names, numbers and English text show beside
# Hindi, and every font is told the script so that HarfBuzz forms conjuncts and places matras.
DEVANAGARI = frozenset({"hi", "mr", "ne", "sa"})
TEXT_SCALE = {"small": 0.85, "medium": 1.0, "large": 1.2, "largest": 1.45}

Colour = tuple[int, int, int]


def font_files(language: str) -> tuple[Path, Path]:
    if language in DEVANAGARI:
        return (asset("fonts/BalancingActSans-Regular.ttf"),
                asset("fonts/BalancingActSans-Bold.ttf"))
    return asset("fonts/NotoSans-Regular.ttf"), asset("fonts/NotoSans-Bold.ttf")


@dataclass(frozen=True)
class Palette:
    background: Colour
    panel: Colour
    text: Colour
    muted: Colour
    accent: Colour
    focus: Colour
    button: Colour
    button_hover: Colour
    border: Colour
    rise: Colour
    fall: Colour
    goal: Colour
    danger: Colour
    warning: Colour
    meters: tuple[Colour, ...]


OKABE_ITO = ((0, 114, 178), (230, 159, 0), (0, 158, 115), (204, 121, 167), (86, 180, 233))
STANDARD = Palette(background=(24, 28, 40), panel=(36, 42, 58), text=(236, 238, 243),
                   muted=(170, 177, 192), accent=(240, 180, 80), focus=(255, 214, 102),
                   button=(52, 62, 86), button_hover=(74, 90, 124), border=(96, 108, 136),
                   rise=(86, 180, 233), fall=(230, 120, 60), goal=(240, 240, 240),
                   danger=(230, 120, 60), warning=(255, 200, 80),
                   meters=((60, 140, 210), (230, 159, 0), (0, 170, 125), (204, 121, 167),
                           (86, 180, 233)))
HIGH_CONTRAST = Palette(background=(0, 0, 0), panel=(0, 0, 0), text=(255, 255, 255),
                        muted=(235, 235, 235), accent=(255, 235, 0), focus=(255, 235, 0),
                        button=(0, 0, 0), button_hover=(60, 60, 0), border=(255, 255, 255),
                        rise=(120, 220, 255), fall=(255, 170, 90), goal=(255, 255, 255),
                        danger=(255, 170, 90), warning=(255, 235, 0),
                        meters=((0, 200, 255), (255, 200, 0), (0, 255, 170), (255, 150, 220),
                                (255, 255, 255)))


def hex_colour(colour: Colour) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def fit_text(font: pygame.font.Font, text: str, width: int) -> str:
    """`text`, shortened with an ellipsis when it is wider than `width`. It is cut only
    between whole letters: never between a Devanagari consonant and its vowel sign, nor
    after a virama, where the next consonant would have joined it."""
    if font.size(text)[0] <= width:
        return text
    for end in range(len(text) - 1, 0, -1):
        if letter_boundary(text, end) and font.size(text[:end] + "…")[0] <= width:
            return text[:end] + "…"
    return "…"


def letter_boundary(text: str, index: int) -> bool:
    """True when `text` may be cut before `index`: what follows is not a mark of the letter
    before, and that letter does not end in a virama or a joiner."""
    if index >= len(text):
        return True
    following, before = text[index], text[index - 1]
    if unicodedata.category(following).startswith("M") or following in "\u200c\u200d":
        return False
    return not ("VIRAMA" in unicodedata.name(before, "") or before in "\u200c\u200d")


class Theme:
    """Everything visual for one window size and one set of settings."""

    def __init__(self, settings: Settings, size: tuple[int, int], language: str = "en") -> None:
        self.regular, self.bold = font_files(language)
        self.devanagari = language in DEVANAGARI
        self.script = "Deva" if self.devanagari else "Latn"
        self.palette = HIGH_CONTRAST if settings.high_contrast else STANDARD
        width, height = size
        scale = TEXT_SCALE[settings.text_size]
        self.scale = scale
        self.body_size = max(12, round(min(height / 38, width / 60) * scale))
        self.small_size = max(11, round(self.body_size * 0.82))
        self.heading_size = round(self.body_size * 1.45)
        self.title_size = round(self.body_size * 2.6)
        self.margin = max(8, round(min(width, height) * 0.025))
        self.button_height = round(self.body_size * 2.4)
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._rendered: dict[tuple[object, ...], pygame.Surface] = {}

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        if key not in self._fonts:
            font = pygame.font.Font(self.bold if bold else self.regular, size)
            if self.devanagari:
                font.set_script(self.script)  # pygame.font shapes through HarfBuzz
            self._fonts[key] = font
        return self._fonts[key]

    def rendered(self, text: str, size: int, colour: tuple[int, int, int], *,
                 bold: bool = False, width: int | None = None) -> pygame.Surface:
        """`text` drawn once and kept (cut to `width` with an ellipsis when given): captions
        that every frame draws again cost a dictionary look-up, not a text render."""
        key = (text, size, bold, colour, width)
        cached = self._rendered.get(key)
        if cached is None:
            font = self.font(size, bold)
            shown = text if width is None else fit_text(font, text, width)
            cached = font.render(shown, True, colour)
            if len(self._rendered) > 512:
                self._rendered.clear()
            self._rendered[key] = cached
        return cached

    def with_palette(self, palette: Palette) -> Theme:
        copy = object.__new__(Theme)
        copy.__dict__.update(self.__dict__)
        copy.palette = replace(palette)
        return copy

    def gui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme as a dictionary."""
        p = self.palette
        font = self.gui_font(self.body_size)
        colours = {
            # One highlight: the focus ring (which the mouse moves too), not a second colour
            # for the button under a pointer that may have been left there.
            "normal_bg": hex_colour(p.button), "hovered_bg": hex_colour(p.button),
            "selected_bg": hex_colour(p.button_hover), "active_bg": hex_colour(p.accent),
            "disabled_bg": hex_colour(p.panel),
            "normal_text": hex_colour(p.text), "hovered_text": hex_colour(p.text),
            "selected_text": hex_colour(p.text), "active_text": hex_colour(p.background),
            "disabled_text": hex_colour(p.muted), "normal_border": hex_colour(p.border),
            "hovered_border": hex_colour(p.border), "selected_border": hex_colour(p.focus),
            "dark_bg": hex_colour(p.panel), "link_text": hex_colour(p.accent),
            "link_hover": hex_colour(p.focus), "link_selected": hex_colour(p.focus),
            "text_cursor": hex_colour(p.text),
        }
        misc = {"shape": "rectangle", "border_width": "1",
                "shadow_width": "0", "text_horiz_alignment": "left",
                "text_horiz_alignment_padding": str(self.margin // 2),
                "line_spacing": "1.25"}
        over_art = {"dark_bg": "#00000000", "text_shadow": hex_colour(p.background)}
        shadow = {"text_shadow_size": str(max(1, self.body_size // 10)),
                  "text_shadow_offset": "0,0"}
        return {
            "defaults": {"colours": colours, "font": font, "misc": misc},
            "button": {"colours": colours, "font": font, "misc": {**misc, "border_width": "2"}},
            "text_box": {"colours": {**colours, "dark_bg": hex_colour(p.panel)}, "font": font,
                         # A plain rectangle: pygame_gui draws rounded shapes at four times
                         # their size first, which for a page of text costs ~50 MB each.
                         "misc": {"shape": "rectangle", "border_width": "1",
                                  "shadow_width": "0", "line_spacing": "1.25",
                                  "padding": f"4,{self.margin // 2}"}},
            "label": {"colours": {**colours, "dark_bg": hex_colour(p.background)},
                      "font": font},
            "text_entry_line": {"colours": colours, "font": font,
                                "misc": {"shape": "rectangle", "border_width": "1",
                                         "padding": "8,4"}},
            "tool_tip": {"colours": colours, "font": self.gui_font(self.small_size)},
            "#heading": {"font": self.gui_font(self.heading_size, bold=True)},
            # a heading too long for its line at the chosen text size: the body's size, bold
            "#heading_long": {"font": self.gui_font(self.body_size, bold=True)},
            # The title screen's words stand over its art: no box behind them, and a dark
            # outline so they read on the bright sky too.
            "#title": {"font": self.gui_font(self.title_size, bold=True),
                       "colours": {"normal_text": hex_colour(p.accent), **over_art},
                       "misc": shadow},
            "#tagline": {"font": self.gui_font(self.heading_size, bold=True),
                         "colours": over_art, "misc": shadow},
            "#body": {"font": font},
            "#small": {"font": self.gui_font(self.small_size)},
            "@centred": {"misc": {"text_horiz_alignment": "center"}},
            "@left": {"font": font, "misc": {"text_horiz_alignment": "left"}},
        }

    def gui_font(self, size: int, bold: bool = False) -> dict[str, str]:
        """A pygame_gui theme font: the window's face at `size`, told its script."""
        font = {"name": "noto_sans", "size": str(size), "script": self.script}
        if bold:
            font["bold"] = "1"
        return font

    def font_preloads(self) -> list[dict[str, Any]]:
        sizes = {self.body_size, self.small_size, self.heading_size, self.title_size}
        return [{"name": "noto_sans", "point_size": s, "style": style, "script": self.script}
                for s in sizes for style in ("regular", "bold", "italic")]

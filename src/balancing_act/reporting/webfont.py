"""The shipped Noto Sans for a web page: text measured in it, and the font embedded in the page,
cut down to the characters the page uses.

A page that lays text out itself (the scenario map draws it in SVG boxes) must know how wide
its text is. Measured in the font the page then embeds, the text fits on every computer,
whatever fonts it has, and the page still works with no internet. Cut to the characters used,
each weight adds about 30 KB to the page.
"""

from __future__ import annotations

import base64
import functools
import io
from pathlib import Path

from balancing_act.errors import ReportError
from balancing_act.resources import asset

FAMILY = "Balancing Act Sans"
_FILES = {"regular": "fonts/NotoSans-Regular.ttf", "bold": "fonts/NotoSans-Bold.ttf"}
_UNKNOWN_WIDTH = 0.6  # em, for a character the font does not have (another font draws it)


class Font:
    """One weight of the shipped font: advance widths, for measuring text."""

    def __init__(self, path: Path) -> None:
        from fontTools.ttLib import TTFont, TTLibError

        try:
            font = TTFont(str(path), lazy=True)
            self.units = float(font["head"].unitsPerEm)
            metrics = font["hmtx"].metrics
            self.widths = {code: metrics[name][0] / self.units
                           for code, name in font.getBestCmap().items()}
        except (OSError, TTLibError, KeyError) as err:
            raise ReportError(f"the page needs the shipped font {path.name}: {err}") from None
        self.path = path

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` pixels (the embedded font has no kerning either)."""
        return size * sum(self.widths.get(ord(c), _UNKNOWN_WIDTH) for c in text)


@functools.cache
def font(weight: str) -> Font:
    """The regular or bold weight, read once."""
    return Font(asset(_FILES[weight]))


def font_face_css(text: str) -> str:
    """@font-face rules embedding both weights, cut to the characters of `text`."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    characters = "".join(sorted(set(text) | set(" ?…")))
    rules = []
    for weight, css_weight in (("regular", 400), ("bold", 700)):
        options = subset.Options()
        # no kerning or ligatures: the text is measured without them, and it is the layout
        # tables that make cutting the font slow
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        try:
            data = TTFont(str(asset(_FILES[weight])), recalcTimestamp=False)
        except OSError as err:
            raise ReportError(f"the page needs the shipped font {_FILES[weight]}: "
                              f"{(err.strerror or str(err)).lower()}") from None
        for tag in ("GSUB", "GPOS", "GDEF", "kern"):  # dropped before they are ever read
            if tag in data:
                del data[tag]
        subsetter.subset(data)
        buffer = io.BytesIO()
        data.save(buffer)
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{FAMILY}"; font-weight: {css_weight}; '
                     f"src: url(data:font/ttf;base64,{encoded}) format(\"truetype\"); }}")
    return "\n".join(rules)


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """`text`, cut with an ellipsis where it would be wider than `width`."""
    face = font("bold" if bold else "regular")
    if face.width(text, size) <= width:
        return text
    cut = text
    while cut and face.width(cut + "…", size) > width:
        cut = cut[:-1]
    return cut.rstrip() + "…"


def wrap(text: str, size: float, width: float, lines: int, *, bold: bool = False) -> list[str]:
    """`text` in at most `lines` lines no wider than `width` (the last cut with an ellipsis
    when the text goes on); words longer than a line are cut."""
    if lines <= 1:
        return [fit(" ".join(text.split()), size, width, bold=bold)]
    face = font("bold" if bold else "regular")
    words = text.split()
    result: list[str] = []
    current = ""
    for index, word in enumerate(words):
        attempt = f"{current} {word}" if current else word
        if face.width(attempt, size) <= width:
            current = attempt
            continue
        if current:
            result.append(current)
        current = word
        if len(result) == lines - 1:
            rest = " ".join([current, *words[index + 1:]])
            result.append(fit(rest, size, width, bold=bold))
            return result
        if face.width(current, size) > width:
            current = fit(current, size, width, bold=bold)
    if current:
        result.append(current)
    return result

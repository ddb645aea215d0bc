"""Text measured in the shipped font, cut and wrapped to fit, and the font embedded in a page
cut down to the characters it uses."""

from __future__ import annotations

import base64
import io
import re

from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.reporting.webfont import FAMILY, fit, font, font_face_css, wrap


def test_widths_in_the_shipped_font() -> None:
    regular, bold = font("regular"), font("bold")
    assert regular.width("", 12) == 0
    assert regular.width("iiii", 12) < regular.width("MMMM", 12)
    assert bold.width("Balancing", 12) > regular.width("Balancing", 12)
    assert regular.width("abc", 24) == 2 * regular.width("abc", 12)


def test_fit_cuts_with_an_ellipsis() -> None:
    assert fit("short", 12, 500) == "short"
    cut = fit("a title far too long for the box it has to fit in", 12, 120)
    assert cut.endswith("…") and font("regular").width(cut, 12) <= 120
    assert "a title far too long for the box".startswith(cut[:-1].rstrip())


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(min_codepoint=32, max_codepoint=0x24F), max_size=120),
       st.integers(1, 4), st.floats(60, 300))
def test_wrapped_lines_fit(text: str, lines: int, width: float) -> None:
    result = wrap(text, 11, width, lines)
    assert len(result) <= lines
    for line in result:
        assert font("regular").width(line, 11) <= width + 1e-9
    if " ".join(text.split()) and font("regular").width(text, 11) <= width:
        assert result == [" ".join(text.split())]


def test_the_embedded_font_has_the_characters_used() -> None:
    css = font_face_css("Mosc’ow → 2020 – Ü")
    faces = re.findall(r'font-family: "([^"]+)"; font-weight: (\d+); src: url\(data:font/ttf;'
                       r"base64,([A-Za-z0-9+/=]+)\)", css)
    assert [(family, weight) for family, weight, _ in faces] == [(FAMILY, "400"),
                                                                (FAMILY, "700")]
    for _, _, data in faces:
        subset = TTFont(io.BytesIO(base64.b64decode(data)))
        covered = set(subset.getBestCmap())
        assert {ord(c) for c in "Mosc’ow2020–Ü …?"} <= covered
        assert ord("→") not in covered  # not in Noto Sans: the browser takes it from another
        assert ord("Z") not in covered  # only what the page uses
        assert len(data) < 40_000
    assert font_face_css("abc") == font_face_css("cab")  # the same page, the same bytes

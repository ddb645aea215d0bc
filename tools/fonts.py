"""One face for Hindi screens: Noto Sans and Noto Sans Devanagari merged into Balancing Act Sans.

A Hindi screen shows Devanagari beside Latin: scenario names (S-400, COMCASA), numbers, student
names, and English text where a scenario has no translation. Noto Sans Devanagari has no Latin
letters and no digits, and Noto Sans has no Devanagari, while pygame_gui draws each run of text
with one font. So this tool merges the two shipped OFL fonts, once, into
`assets/fonts/BalancingActSans-Regular.ttf` and `-Bold.ttf`:

- Latin, Greek, Cyrillic and the symbols come from Noto Sans; Devanagari (with its conjuncts,
  half forms, matras and the danda) from Noto Sans Devanagari, whose shaping tables are kept;
- the line is tall enough for both scripts (Devanagari reaches further below the baseline);
- hinting is dropped (the two fonts' hinting programs cannot be merged; FreeType's own hinting
  draws both scripts cleanly at screen sizes).

The output is the same bytes on every run: `python tools/fonts.py assets/fonts`. The fonts are
a Modified Version under the SIL Open Font License 1.1 (`assets/fonts/OFL.txt`); Noto declares
no Reserved Font Name.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import ttProgram

FAMILY = "Balancing Act Sans"
STYLES = {"Regular": ("NotoSans-Regular.ttf", "NotoSansDevanagari-Regular.ttf"),
          "Bold": ("NotoSans-Bold.ttf", "NotoSansDevanagari-Bold.ttf")}
HINTING_TABLES = ("fpgm", "prep", "cvt ", "gasp", "hdmx", "VDMX", "LTSH", "DSIG")
LICENCE = ("This Font Software is licensed under the SIL Open Font License, Version 1.1. "
           "This license is available with a FAQ at: https://openfontlicense.org")


def without_hinting(path: Path) -> io.BytesIO:
    """The font at `path` with its hinting programs removed, as a file in memory."""
    font = TTFont(path)
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyphs = font["glyf"]
    for name in font.getGlyphOrder():
        glyph = glyphs[name]
        if hasattr(glyph, "program"):
            glyph.program = ttProgram.Program()
            glyph.program.fromBytecode(b"")
    font["maxp"].maxSizeOfInstructions = 0
    stream = io.BytesIO()
    font.save(stream)
    stream.seek(0)
    return stream


def merged(latin: Path, devanagari: Path, style: str) -> TTFont:
    """Noto Sans first (its glyphs win for every character both fonts have), then Devanagari."""
    sources = [TTFont(latin), TTFont(devanagari)]
    font = Merger(options=Options(drop_tables=list(HINTING_TABLES))).merge(
        [without_hinting(latin), without_hinting(devanagari)])
    ascent = max(s["hhea"].ascent for s in sources)
    descent = min(s["hhea"].descent for s in sources)
    font["hhea"].ascent, font["hhea"].descent, font["hhea"].lineGap = ascent, descent, 0
    os2 = font["OS/2"]
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, descent, 0
    os2.usWinAscent = max(ascent, font["head"].yMax)
    os2.usWinDescent = max(-descent, -font["head"].yMin)
    font["head"].created = max(s["head"].created for s in sources)
    font["head"].modified = max(s["head"].modified for s in sources)
    _name(font, sources, style)
    font.recalcTimestamp = False  # the same bytes on every run
    return font


def _name(font: TTFont, sources: list[TTFont], style: str) -> None:
    versions = "; ".join(f"{s['name'].getDebugName(1)} {s['name'].getDebugName(5)}"
                         .split(";")[0] for s in sources)
    copyright_line = " ".join(dict.fromkeys(s["name"].getDebugName(0) or "" for s in sources))
    postscript = f"{FAMILY.replace(' ', '')}-{style}"
    table = font["name"]
    table.names = []
    for name_id, text in {
        0: copyright_line,
        1: FAMILY,
        2: style,
        3: f"{postscript};{versions}",
        4: f"{FAMILY} {style}",
        5: f"Version 1.000; merged from {versions}",
        6: postscript,
        10: "Noto Sans and Noto Sans Devanagari merged into one face by Balancing Act's "
            "tools/fonts.py, so Hindi screens show Latin and Devanagari alike.",
        13: LICENCE,
        14: "https://openfontlicense.org",
    }.items():
        table.setName(text, name_id, 3, 1, 0x409)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("assets/fonts")
    for style, (latin, devanagari) in STYLES.items():
        font = merged(folder / latin, folder / devanagari, style)
        target = folder / f"{FAMILY.replace(' ', '')}-{style}.ttf"
        font.save(target)
        print(f"wrote {target} ({len(font.getBestCmap())} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

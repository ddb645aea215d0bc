"""Finding glossary terms in card text, for the terminal and the window alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import cache

# Blocks whose combining marks belong to the letter before them: the general diacritics and
# the Indic scripts (Devanagari matras, nasal signs, virama ...).
_MARK_BLOCKS = ((0x0300, 0x036F), (0x0900, 0x0DFF), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
                (0x20D0, 0x20FF), (0xFE20, 0xFE2F))


@cache
def _word_character() -> str:
    """A regex class of what can continue a word: letters and digits, and the marks and
    joiners that are part of a letter in scripts such as Devanagari."""
    marks = [c for low, high in _MARK_BLOCKS for c in range(low, high + 1)
             if unicodedata.category(chr(c)).startswith("M")]
    return "[\\w\u200c\u200d" + "".join(f"\\u{c:04x}" for c in marks) + "]"


def term_pattern(term: str) -> re.Pattern[str]:
    """Match `term` as a whole word (so 'SCO' is not found inside 'discount', and 'रूस' is not
    found inside 'रूसी', where the last letter carries a vowel sign)."""
    word = _word_character()
    return re.compile(rf"(?<!{word}){re.escape(term)}(?!{word})", re.IGNORECASE)


def terms_in(text: str, glossary: Mapping[str, str]) -> list[str]:
    """The glossary terms that appear in `text`, in glossary order."""
    return [term for term in glossary if term_pattern(term).search(text)]

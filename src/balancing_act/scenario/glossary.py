"""Finding glossary terms in card text, for the terminal and the window alike."""

from __future__ import annotations

import re
from collections.abc import Mapping


def term_pattern(term: str) -> re.Pattern[str]:
    """Match `term` as a whole word (so 'SCO' is not found inside 'discount')."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)


def terms_in(text: str, glossary: Mapping[str, str]) -> list[str]:
    """The glossary terms that appear in `text`, in glossary order."""
    return [term for term in glossary if term_pattern(term).search(text)]

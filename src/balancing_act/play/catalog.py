"""The message catalogs: every string a player reads comes from `assets/i18n/LANG.yaml`.

English (`en.yaml`) is complete by definition; another language may leave keys out, and those
fall back to English. `{placeholders}` are filled by name. The terminal, the window and the
browser pages all take their words from here.
"""

from __future__ import annotations

import contextlib
import locale
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

from balancing_act import resources
from balancing_act.errors import ReadError
from balancing_act.io import KB, describe, read_text
from balancing_act.scenario.yamlread import load_yaml_data

MAX_CATALOG = 256 * KB
_CODE = re.compile(r"^[a-z]{2,3}$")


def catalog_folder() -> Path:
    return resources.asset("i18n")


def available_languages() -> list[str]:
    """The catalogs shipped: 'en' first, then the others by code."""
    codes = sorted(p.stem for p in catalog_folder().glob("*.yaml") if _CODE.match(p.stem))
    return sorted(codes, key=lambda code: code != "en")


def system_language(environ: dict[str, str] | None = None) -> str:
    """The language of the system locale when a catalog exists for it, else English."""
    env = os.environ if environ is None else environ
    candidates = [env.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    known = set(available_languages())
    for value in candidates:
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in known:
                return code
    return "en"


@cache
def read_catalog(path: Path) -> dict[str, str]:
    """One catalog file as a flat mapping of keys to text."""
    text = read_text(path, limit=MAX_CATALOG, what="message catalogs")
    data = load_yaml_data(text, describe(path))
    if not isinstance(data, dict):
        raise ReadError(describe(path), "a catalog maps message keys to text")
    return {str(key): str(value) for key, value in data.items()}


class Catalog:
    """Looks up a message in the language's catalog (English for anything missing)."""

    def __init__(self, language: str = "en", folder: Path | None = None) -> None:
        folder = folder or catalog_folder()
        if not _CODE.match(language):
            language = "en"
        self.language = language
        self.english = read_catalog(folder / "en.yaml")
        own = folder / f"{language}.yaml"
        self.own = read_catalog(own) if language != "en" and own.is_file() else {}

    def __call__(self, key: str, **values: Any) -> str:
        text = self.own.get(key) or self.english.get(key)
        if text is None:
            return key
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.english.get(key, key).format(**values)

    def has(self, key: str) -> bool:
        return key in self.own or key in self.english

    def threshold(self, op: str, value: object) -> str:
        """'>=' and 60 -> '60 or more' (words, not symbols every font may lack)."""
        name = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "==": "eq", "!=": "ne"}[op]
        return self(f"threshold.{name}", value=value)

    def month(self, number: int) -> str:
        return self(f"month.{number}")

    def date(self, date: str | None) -> str:
        """A card's date for players: '2018-10-05' -> '5 October 2018'."""
        if not date:
            return ""
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return self("date.month", month=self.month(parts[1]), year=parts[0])
        return self("date.day", day=parts[2], month=self.month(parts[1]), year=parts[0])

    def card_date(self, date: str | None, title: str) -> str:
        """A card's date to show beside its title (a debrief's headings, the reports), or ""
        when the title already gives its year: "Moscow's S-400 offer (October 2018)" is not
        followed by "(5 October 2018)"; the timeline keeps every exact date."""
        if not date or date[:4] in title:
            return ""
        return self.date(date)

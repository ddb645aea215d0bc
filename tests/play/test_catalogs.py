"""The message catalogs: every language has every key of English and no other, keeps each
message's placeholders, and is really written in its language; the Hindi catalog is used
wherever the game speaks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from balancing_act.play.catalog import Catalog, available_languages, system_language
from tests.conftest import ROOT

FOLDER = ROOT / "assets/i18n"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
OTHERS = sorted(p for p in FOLDER.glob("*.yaml") if p.stem != "en")
# Messages that are the same in every language: symbols, and the order of a date's parts.
SAME_EVERYWHERE = {"preview.dot", "preview.result", "preview.locked", "cond.flag",
                   "date.month", "date.day", "chart.start", "language.en"}


def read(path: Path) -> dict[str, str]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


ENGLISH = read(FOLDER / "en.yaml")


def test_hindi_is_shipped() -> None:
    assert available_languages() == ["en", "hi"]


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_every_catalog_has_every_english_key_and_no_other(path: Path) -> None:
    own = read(path)
    assert sorted(set(ENGLISH) - set(own)) == []
    assert sorted(set(own) - set(ENGLISH)) == []


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.stem)
def test_every_message_keeps_the_english_placeholders(path: Path) -> None:
    own = read(path)
    differ = {key: (ENGLISH[key], own[key]) for key in ENGLISH if key in own and
              sorted(PLACEHOLDER.findall(ENGLISH[key])) != sorted(PLACEHOLDER.findall(own[key]))}
    assert differ == {}


def test_every_hindi_message_is_written_in_hindi() -> None:
    """No English left in by mistake: each message with words of its own has Devanagari
    letters, except the few that are the same in every language."""
    hindi = read(FOLDER / "hi.yaml")

    def devanagari(text: str) -> bool:
        return any("DEVANAGARI" in unicodedata.name(c, "") for c in text)

    def has_words(text: str) -> bool:
        return any(c.isalpha() for c in PLACEHOLDER.sub("", text))

    english_left = sorted(key for key, text in hindi.items() if key not in SAME_EVERYWHERE
                          and has_words(text) and not devanagari(text))
    assert english_left == []
    assert all(hindi[key] == ENGLISH[key] for key in SAME_EVERYWHERE - {"chart.start",
                                                                        "language.en"})


def test_the_catalog_fills_hindi_messages() -> None:
    t = Catalog("hi")
    assert t("card.turn", turn=3, turns=8) == "बारी 3 (कुल 8)"
    assert t.date("2018-10-05") == "5 अक्टूबर 2018"
    assert t.date("2022-03") == "मार्च 2022"
    assert t.threshold(">=", 60) == "60 या उससे अधिक"
    assert t("sentence", text="8 बारियाँ") == "8 बारियाँ।"
    assert Catalog("en")("sentence", text="8 turns") == "8 turns."


def test_a_key_missing_from_a_catalog_falls_back_to_english(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text("a: Hello {name}\nb: Bye\n", encoding="utf-8")
    (tmp_path / "hi.yaml").write_text("a: नमस्ते {name}\n", encoding="utf-8")
    t = Catalog("hi", folder=tmp_path)
    assert t("a", name="Asha") == "नमस्ते Asha"
    assert t("b") == "Bye"


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "hi_IN.UTF-8"}, "hi"), ({"LC_ALL": "hi_IN"}, "hi"),
    ({"LANGUAGE": "hi:en"}, "hi"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "ta_IN.UTF-8"}, "en")])
def test_the_default_language_follows_the_system_locale(environ: dict[str, str],
                                                        expected: str) -> None:
    assert system_language({"LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "LANGUAGE": "",
                            **environ}) == expected


@pytest.mark.parametrize(("language", "date", "title", "shown"), [
    ("en", "2018-10-05", "Moscow's S-400 offer (October 2018)", ""),  # the title dates it
    ("en", "2022-04", "Russian oil at a discount (2022)", ""),
    ("en", "2018-10-05", "Moscow's S-400 offer", "5 October 2018"),
    ("en", "2020-11", "An exercise at sea", "November 2020"),
    ("en", None, "Undated", ""),
    ("hi", "2018-10-05", "मास्को का प्रस्ताव (अक्टूबर 2018)", ""),
    ("hi", "2018-10-05", "मास्को का प्रस्ताव", "5 अक्टूबर 2018"),
])
def test_a_card_date_beside_its_title_adds_only_what_the_title_lacks(
        language: str, date: str | None, title: str, shown: str) -> None:
    assert Catalog(language).card_date(date, title) == shown

"""The shipped translations (the tutorial in Hindi): complete and made from the current
English, every number of the English kept, written in the language, and the same games."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from balancing_act.engine import Game
from balancing_act.scenario import load_scenario
from balancing_act.scenario.translations import (
    check_translation_file,
    read_translation,
    source_texts,
    translate,
    translated_scenario_of,
)
from tests.conftest import SCENARIOS, TUTORIAL

TRANSLATIONS = sorted(p for p in SCENARIOS.glob("*.*.yaml") if translated_scenario_of(p))
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Where the translation writes a number in the units its readers use.
CONVERTED = {"1.4 billion": "140 crore"}


def numbers(text: str) -> list[str]:
    for english, local in CONVERTED.items():
        text = text.replace(english, local)
    return sorted(NUMBER.findall(text))


def test_the_tutorial_is_shipped_in_hindi() -> None:
    assert [p.name for p in TRANSLATIONS] == ["tutorial.hi.yaml"]


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_a_shipped_translation_is_complete_and_up_to_date(path: Path) -> None:
    assert [str(p) for p in check_translation_file(path)] == []


@pytest.mark.parametrize("path", TRANSLATIONS, ids=lambda p: p.name)
def test_every_number_date_and_figure_of_the_english_is_kept(path: Path) -> None:
    english = source_texts(load_scenario(translated_scenario_of(path)).file)
    translated = read_translation(path).content.texts
    differ = {key: (numbers(english[key]), numbers(entry.text))
              for key, entry in translated.items()
              if numbers(english[key]) != numbers(entry.text)}
    assert differ == {}


def test_every_hindi_text_is_written_in_hindi() -> None:
    """Only names that Hindi writes in Latin letters (S-400, COMCASA, 2+2) stay as they are."""
    translation = read_translation(SCENARIOS / "tutorial.hi.yaml")
    latin_only = sorted(key for key, entry in translation.content.texts.items()
                        if not any("DEVANAGARI" in unicodedata.name(c, "") for c in entry.text))
    assert all(key.endswith(".term") or key == "period" for key in latin_only), latin_only


def test_the_hindi_tutorial_plays_every_recorded_game_the_same() -> None:
    english = load_scenario(TUTORIAL)
    hindi = translate(english, "hi")
    assert hindi.language == "hi" and hindi.problems == ()
    record = yaml.safe_load((Path(__file__).parent / "playthroughs/tutorial.yaml")
                            .read_text(encoding="utf-8"))
    assert len(record) >= 5
    for case in record:
        game = Game(hindi.scenario, case["seed"])
        for choice in case["choices"]:
            game.choose(choice)
        assert game.ending.id == case["ending"] and game.meters == case["meters"]
        assert any("DEVANAGARI" in unicodedata.name(c, "") for c in game.ending.title)

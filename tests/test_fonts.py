"""The shipped faces draw every character the game shows: English screens in Noto Sans,
Hindi screens (Devanagari beside Latin names, numbers and untranslated English) in Balancing
Act Sans, which tools/fonts.py makes from the two Noto fonts, byte for byte."""

from __future__ import annotations

import importlib.util
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from balancing_act.scenario import load_scenario
from balancing_act.scenario.translations import read_translation, source_texts
from tests.conftest import ROOT, SCENARIOS, SHIPPED_SCENARIOS

FONTS = ROOT / "assets/fonts"


@cache
def characters(name: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / name).getBestCmap())


def shown(texts: list[str]) -> set[str]:
    return {c for text in texts for c in text if c.isprintable() and not c.isspace()}


def english_texts() -> list[str]:
    catalog = yaml.safe_load((ROOT / "assets/i18n/en.yaml").read_text("utf-8"))
    # language.hi names Hindi in its own script: it is shown once Hindi is chosen, in the
    # Hindi face (the language changes as soon as the setting does).
    texts = [text for key, text in catalog.items() if key != "language.hi"]
    for path in SHIPPED_SCENARIOS:
        texts += source_texts(load_scenario(path).file).values()
    return texts


def hindi_texts() -> list[str]:
    texts = list(yaml.safe_load((ROOT / "assets/i18n/hi.yaml").read_text("utf-8")).values())
    texts += [e.text for e in read_translation(SCENARIOS / "tutorial.hi.yaml")
              .content.texts.values()]
    return texts


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_english_screens_have_every_character_they_show(style: str) -> None:
    missing = sorted(c for c in shown(english_texts()) if ord(c) not in
                     characters(f"NotoSans-{style}.ttf"))
    assert missing == []


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_hindi_screens_have_every_character_they_show(style: str) -> None:
    """The Hindi face has the Hindi text, and the English of untranslated scenarios too."""
    face = characters(f"BalancingActSans-{style}.ttf")
    missing = sorted(c for c in shown(hindi_texts() + english_texts()) if ord(c) not in face)
    assert missing == []
    assert {0x0915, 0x094D, 0x0937, 0x0964, 0x25CC} <= face  # क ् ष । and the dotted circle
    assert not {0x0915, 0x0964} <= characters(f"NotoSans-{style}.ttf")
    assert ord("A") not in characters(f"NotoSansDevanagari-{style}.ttf")  # why it is merged


def test_the_hindi_face_keeps_the_devanagari_shaping_and_a_tall_enough_line() -> None:
    face = TTFont(FONTS / "BalancingActSans-Regular.ttf")
    devanagari = TTFont(FONTS / "NotoSansDevanagari-Regular.ttf")
    scripts = {r.ScriptTag for r in face["GSUB"].table.ScriptList.ScriptRecord}
    assert {"dev2", "deva", "latn"} <= scripts
    assert face["hhea"].descent <= devanagari["hhea"].descent
    assert face["hhea"].ascent >= TTFont(FONTS / "NotoSans-Regular.ttf")["hhea"].ascent
    assert face["name"].getDebugName(1) == "Balancing Act Sans"
    assert "Open Font License" in face["name"].getDebugName(13)


def test_the_tool_makes_the_shipped_faces_byte_for_byte(tmp_path: Path) -> None:
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansDevanagari-Regular.ttf",
                 "NotoSansDevanagari-Bold.ttf"):
        shutil.copy(FONTS / name, tmp_path / name)
    spec = importlib.util.spec_from_file_location("fonts_tool", ROOT / "tools/fonts.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main([str(tmp_path)]) == 0
    for style in ("Regular", "Bold"):
        name = f"BalancingActSans-{style}.ttf"
        assert (tmp_path / name).read_bytes() == (FONTS / name).read_bytes(), name

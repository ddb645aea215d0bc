"""The terminal in Hindi: the tutorial played to its ending through the installed command,
its own words and the scenario's from the Hindi catalog and translation, meters aligned by
what a terminal shows, and a plain note where a scenario has no translation."""

from __future__ import annotations

import os
import subprocess

from balancing_act.frontends.text.game import cells, padded
from tests.conftest import CLASSIC, installed_command

HISTORICAL = "3\n2\n3\n1\n2\n1\n4\n2\n"  # India's real choices: the tutorial's muddled ending


def run(script: str, *args: str, scenario: str = "tutorial") -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), "play", scenario, "--text", *args],
                          input=script, capture_output=True, encoding="utf-8", timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_the_tutorial_plays_to_its_ending_in_hindi() -> None:
    result = run(HISTORICAL, "--seed", "1", "--lang", "hi")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("पहले कदम: संतुलन साधना सीखें (2018-2022)\n")
    assert "8 बारियाँ। सीड 1: एक ही सीड और एक ही निर्णयों से हर बार वही खेल बनता है।" in out
    assert "बारी 1 (कुल 8) · 6 सितंबर 2018\n" in out
    assert "  1) COMCASA पर हस्ताक्षर करें\n     [वाशिंगटन का भरोसा +5, सुरक्षा +3, " \
           "रणनीतिक स्वायत्तता -2]\n" in out
    assert "  इस कार्ड के शब्द: 2+2, COMCASA, S-400, STA-1 (अर्थ पढ़ने के लिए g लिखें)" in out
    assert "अंत: जैसे-तैसे पार\n" in out
    assert "आप लक्ष्य तक नहीं पहुँच पाए।" in out
    assert "  रणनीतिक स्वायत्तता 58: लक्ष्य के लिए 60 या उससे अधिक चाहिए था।" in out
    assert "वास्तव में क्या हुआ" in out and "चर्चा के लिए प्रश्न" in out
    assert "Ending" not in out and "Turn " not in out  # no English left on the way


def test_meter_bars_line_up_by_the_cells_a_terminal_shows() -> None:
    result = run(HISTORICAL, "--seed", "1", "--lang", "hi")
    bars = [line for line in result.stdout.splitlines()
            if line.startswith("  ") and "█" in line and line.rstrip()[-1].isdigit()]
    assert len(bars) >= 4 * 9
    starts = {cells(line[: line.index(next(c for c in line if c in "█░"))]) for line in bars}
    assert len(starts) == 1  # every bar starts in the same column


def test_terminal_cells_of_devanagari() -> None:
    assert cells("सुरक्षा") == 5  # स र क ष and the matra ा; the vowel sign ु and virama take none
    assert cells("Security") == 8
    assert padded("सुरक्षा", 8) == "सुरक्षा   "


def test_a_scenario_without_a_translation_says_so_in_hindi() -> None:
    result = run("1\n" * 8, "--seed", "1", "--lang", "hi", scenario=str(CLASSIC))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == "इस परिदृश्य का अभी आपकी भाषा में अनुवाद नहीं हुआ है, इसलिए इसके कार्ड"
    assert "बारी 1 (कुल 8)" in result.stdout  # the game's own words are still Hindi


def test_an_unknown_language_is_a_usage_error() -> None:
    result = run("", "--lang", "xx")
    assert result.returncode == 2
    assert result.stderr == "balancing-act: --lang: no catalog for 'xx'; the languages are " \
                            "en, hi\n"

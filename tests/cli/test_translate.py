"""`balancing-act translate` and the translation checks of `validate`, as a designer uses
them: a skeleton, a report of what is missing or stale, new texts added, every problem at
file:LINE:COL and the exit codes of the contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from balancing_act.cli import main
from balancing_act.scenario.translations import text_hash
from tests.conftest import SCENARIOS, TUTORIAL


@pytest.fixture
def tutorial(tmp_path: Path) -> Path:
    """A copy of the shipped tutorial, without its translation."""
    path = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, path)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_translate_writes_a_skeleton_with_every_text(tutorial: Path, capsys) -> None:
    code, out, err = run(capsys, "translate", str(tutorial), "--lang", "hi")
    target = tutorial.with_name("tutorial.hi.yaml")
    assert code == 0 and out == ""
    assert err == (f"{target}: written, with 208 texts to translate (fill in each `text`; the "
                   "English is in the comment above it)\n")
    text = target.read_text(encoding="utf-8")
    assert text.count('    text: ""\n') == 208
    assert f"  # Sign COMCASA\n  events.first_two_plus_two.options.sign_comcasa.label:\n" \
           f"    hash: {text_hash('Sign COMCASA')}\n" in text


def test_translate_reports_what_is_missing_and_changes_nothing(tutorial: Path,
                                                               capsys) -> None:
    run(capsys, "translate", str(tutorial), "--lang", "hi")
    target = tutorial.with_name("tutorial.hi.yaml")
    before = target.read_bytes()
    code, out, err = run(capsys, "translate", str(tutorial), "--lang", "hi")
    assert code == 1 and target.read_bytes() == before
    lines = out.splitlines()
    assert len(lines) == 208 and all(": warning: " in line for line in lines)
    assert lines[0] == (f"{target}:16:11: warning: 'title' is not translated yet; the English "
                        "is shown: 'First Steps: Learning the Balance'")
    assert err == (f"{target}: 0 of 208 texts translated, 208 missing, 0 stale, "
                   "0 error(s)\n")


def test_translate_adds_new_english_texts_and_names_the_stale_ones(tutorial: Path,
                                                                  capsys) -> None:
    shutil.copy(SCENARIOS / "tutorial.hi.yaml", tutorial.with_name("tutorial.hi.yaml"))
    target = tutorial.with_name("tutorial.hi.yaml")
    before = target.read_text(encoding="utf-8")
    english = tutorial.read_text(encoding="utf-8")
    english = english.replace("label: Put the contract on hold",
                              "label: Put the contract on hold for a year")
    last_question = next(line for line in english.splitlines()
                         if line.startswith("    - Replaying only India's real choices"))
    english = english.replace(last_question + "\n", last_question + "\n"
                              "    - What would you do differently next time?\n")
    tutorial.write_text(english, encoding="utf-8")
    code, out, err = run(capsys, "translate", str(tutorial), "--lang", "hi", "--check")
    assert code == 1 and target.read_text(encoding="utf-8") == before
    assert err.endswith("1 stale, 0 error(s); 1 new English text(s) would be added (run "
                        "without --check)\n")
    code, out, err = run(capsys, "translate", str(tutorial), "--lang", "hi")
    assert code == 1
    stale = [line for line in out.splitlines() if "has changed" in line]
    assert len(stale) == 1 and "'events.s400_contract.options.hold_s400.label'" in stale[0]
    assert f"its hash set to {text_hash('Put the contract on hold for a year')}" in stale[0]
    assert err == (f"{target}: 207 of 209 texts translated, 1 missing, 1 stale, 0 error(s); "
                   "added 1 entries to fill for texts new in the English\n")
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "  # What would you do differently next time?\n  debrief.questions.9:\n" in after
    code, out, _ = run(capsys, "translate", str(tutorial), "--lang", "hi")
    assert code == 1 and "added" not in _


@pytest.mark.parametrize(("args", "message"), [
    (["--lang", "en"], "--lang: scenarios are written in English (en); name the language to "
                       "translate them into, e.g. hi"),
    (["--lang", "Hindi!"], "--lang: 'Hindi!' is not a language code (two or three letters, "
                           "e.g. hi)"),
])
def test_translate_refuses_a_bad_language(tutorial: Path, capsys, args: list[str],
                                          message: str) -> None:
    code, _, err = run(capsys, "translate", str(tutorial), *args)
    assert code == 2 and err == f"balancing-act: {message}\n"
    assert not list(tutorial.parent.glob("tutorial.*.yaml"))


def test_translate_of_a_missing_scenario_is_a_usage_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "translate", str(tmp_path / "nope.yaml"), "--lang", "hi")
    assert code == 2 and "no such scenario file" in err


def test_translate_check_without_a_file_writes_nothing(tutorial: Path, capsys) -> None:
    code, _, err = run(capsys, "translate", str(tutorial), "--lang", "hi", "--check")
    assert code == 1 and "no translation yet (208 texts to translate)" in err
    assert not tutorial.with_name("tutorial.hi.yaml").exists()


def test_translate_of_a_broken_translation_lists_its_problems(tutorial: Path,
                                                             capsys) -> None:
    target = tutorial.with_name("tutorial.hi.yaml")
    target.write_text("format: 1\nscenario: tutorial\nlanguage: hi\ntexts:\n  title: x\n",
                      encoding="utf-8")
    code, _, err = run(capsys, "translate", str(tutorial), "--lang", "hi")
    assert code == 1
    assert f"{target}:5:10: error: 'title' must be a mapping of keys to values, not 'x'" in err


def test_validate_checks_a_scenarios_translations(tutorial: Path, capsys) -> None:
    target = tutorial.with_name("tutorial.hi.yaml")
    text = (SCENARIOS / "tutorial.hi.yaml").read_text(encoding="utf-8")
    text = text.replace("events.s400_contract.title:", "events.s400_contrct.title:", 1)
    target.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  events.s400_contrct.title:") + 1
    texts = text.splitlines().index("texts:") + 1
    code, out, err = run(capsys, "validate", str(tutorial.parent))
    assert code == 1
    assert (f"{target}:{line}:3: error: unknown text 'events.s400_contrct.title': there is no "
            "card 's400_contrct' (did you mean 's400_contract'?)") in out.splitlines()
    assert (f"{target}:{texts}:1: warning: 'events.s400_contract.title' is not translated yet; the "
            "English is shown: \"Moscow's S-400 offer (October 2018)\"") in out.splitlines()
    assert err == "2 file(s) checked: 1 clean, 1 error(s), 1 warning(s)\n"
    code, out, _ = run(capsys, "validate", str(target))  # a translation named on its own
    assert code == 1 and len(out.splitlines()) == 2


def test_validate_strict_fails_on_an_unfinished_translation(tutorial: Path, capsys) -> None:
    run(capsys, "translate", str(tutorial), "--lang", "hi")
    assert run(capsys, "validate", str(tutorial))[0] == 0
    code, _, err = run(capsys, "validate", "--strict", str(tutorial))
    assert code == 1 and err == "2 file(s) checked: 1 clean, 0 error(s), 208 warning(s)\n"


def test_validate_json_lists_the_translation_as_its_own_file(capsys) -> None:
    code, out, _ = run(capsys, "validate", "--json", "--strict", str(TUTORIAL))
    report = json.loads(out)
    assert code == 0
    assert [(f["file"], f["ok"], f["problems"]) for f in report["files"]][1] == (
        str(SCENARIOS / "tutorial.hi.yaml"), True, [])
    assert report["files"][1]["balance"] is None

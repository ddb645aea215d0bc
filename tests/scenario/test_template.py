"""`balancing-act new`: a commented scenario that validates, plays and shows every feature."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from balancing_act.analysis.coverage import coverage
from balancing_act.cli import main
from balancing_act.resources import schema_file
from balancing_act.scenario import load_scenario
from balancing_act.scenario.lint import lint
from balancing_act.scenario.template import scenario_id
from tests.conftest import installed_command


def test_new_writes_into_scenarios_when_in_a_project(tmp_path: Path, monkeypatch,
                                                     capsys) -> None:
    (tmp_path / "scenarios").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Kashmir talks 2019"]) == 0
    path = tmp_path / "scenarios" / "kashmir_talks_2019.yaml"
    assert capsys.readouterr().out.splitlines()[0] == f"wrote {path}"
    scenario = load_scenario(path)
    assert scenario.id == "kashmir_talks_2019" and scenario.title == "Kashmir talks 2019"
    assert lint(scenario) == []
    assert coverage(scenario).complete
    first = path.read_text(encoding="utf-8").splitlines()[0]
    relative = first.removeprefix("# yaml-language-server: $schema=")
    assert (path.parent / relative).resolve() == schema_file().resolve()


def test_new_writes_into_the_current_folder_elsewhere(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "trial"]) == 0
    assert (tmp_path / "trial.yaml").is_file()


def test_new_never_overwrites(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.yaml").write_text("mine", encoding="utf-8")
    assert main(["new", "taken"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "mine"


def test_the_template_uses_every_feature(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    main(["new", "features"])
    text = (tmp_path / "features.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    events = data["events"]
    options = [o for e in events for o in e["options"]]
    assert {"format", "id", "title", "summary", "difficulty", "period", "briefing", "goal",
            "preview", "turns", "meters", "flags", "events", "endings", "debrief",
            "glossary"} <= set(data)
    assert any(e.get("weight") == 0 for e in events)
    assert any(e.get("once") is False for e in events)
    assert any(o.get("chance") for o in options) and any(o.get("when") for o in options)
    assert any(o.get("later") for o in options) and any(o.get("clear") for o in options)
    assert {e.get("tone") for e in data["endings"]} >= {"good", "bad"}
    assert any(e.get("fallback") for e in data["endings"])
    assert any(e.get("final") for e in data["endings"])
    assert any(f.get("start") for f in data["flags"].values())
    assert text.count("\n#") > 40  # it is commented


def test_the_new_scenario_plays_to_an_ending(tmp_path: Path) -> None:
    subprocess.run([installed_command(), "new", "played"], cwd=tmp_path, check=True,
                   capture_output=True)
    result = subprocess.run([installed_command(), "play", "played.yaml", "--text", "--seed",
                             "3"], cwd=tmp_path, input="1\n" * 12, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "Ending: " in result.stdout


@pytest.mark.parametrize(("name", "expected"), [
    ("Kashmir talks", "kashmir_talks"), ("2019 crisis", "scenario_2019_crisis"),
    ("  S-400!  ", "s_400"), ("Ärger & Öl", "arger_ol"), ("Café Ñandú", "cafe_nandu")])
def test_scenario_ids(name: str, expected: str) -> None:
    assert scenario_id(name) == expected


@pytest.mark.parametrize("name", ["!!!", "कश्मीर वार्ता"])
def test_a_name_without_latin_letters_asks_for_an_id(name: str, capsys) -> None:
    assert main(["new", name]) == 2
    assert capsys.readouterr().err == (
        f"balancing-act: '{name}' has no Latin letters or digits to make the scenario's id from "
        "(ids are written with a-z, 0-9 and _): give one with --id, e.g. --id kashmir_talks\n")


def test_new_with_an_id_keeps_the_name_as_the_title(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "कश्मीर वार्ता", "--id", "kashmir-talks"]) == 0
    scenario = load_scenario(tmp_path / "kashmir-talks.yaml")
    assert (scenario.id, scenario.file.title) == ("kashmir-talks", "कश्मीर वार्ता")
    assert main(["new", "x", "--id", "Bad Id"]) == 2


def test_new_blank_writes_a_skeleton_that_loads(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Empty one", "--blank"]) == 0
    path = tmp_path / "empty_one.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    scenario = load_scenario(path)
    assert scenario.id == "empty_one" and len(scenario.file.events) == 1
    assert sorted(p.message for p in lint(scenario)) == [
        "event 'first_card' has no 'history': the debrief cannot say what really happened",
        "the debrief has no discussion questions"]
    assert main(["validate", str(path)]) == 0

"""The built wheel works on its own: installed into a fresh virtual environment outside the
checkout, run from another folder, it finds its fonts, catalogs, scenarios and schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
                    str(dist), str(ROOT)], check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("balancing_act-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return {"wheel": wheel, "command": venv / "bin" / "balancing-act", "python": python,
            "cwd": elsewhere, "home": base / "home"}


def run(installed: dict[str, Path], *args: str, stdin: str = "",
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL"))}
    clean.update({"BALANCING_ACT_HOME": str(installed["home"]), "SDL_VIDEODRIVER": "dummy",
                  "SDL_AUDIODRIVER": "dummy", **(env or {})})
    return subprocess.run([str(installed["command"]), *args], input=stdin, encoding="utf-8",
                          capture_output=True, timeout=300, cwd=installed["cwd"], env=clean)


def test_the_wheel_carries_the_shipped_data(installed: dict[str, Path]) -> None:
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for needed in ("balancing_act/py.typed", "balancing_act/scenario/template.yaml",
                   "balancing_act/scenario/blank.yaml",
                   "balancing_act/_data/assets/fonts/NotoSans-Regular.ttf",
                   "balancing_act/_data/assets/i18n/en.yaml",
                   "balancing_act/_data/assets/i18n/hi.yaml",
                   "balancing_act/_data/assets/fonts/BalancingActSans-Regular.ttf",
                   "balancing_act/_data/assets/fonts/BalancingActSans-Bold.ttf",
                   "balancing_act/_data/scenarios/tutorial.yaml",
                   "balancing_act/_data/scenarios/tutorial.hi.yaml",
                   "balancing_act/_data/schema/scenario.schema.json",
                   "balancing_act/server/templates/card.html",
                   "balancing_act/_data/assets/web/htmx.min.js",
                   "balancing_act/_data/assets/web/style.css"):
        assert needed in names
    assert any(n.endswith("licenses/LICENSE") for n in names)


def test_the_installed_game_uses_its_own_data(installed: dict[str, Path]) -> None:
    where = subprocess.run([str(installed["python"]), "-c",
                            "from balancing_act import resources; print(resources.data_root())"],
                           capture_output=True, text=True, timeout=60, cwd=installed["cwd"])
    root = Path(where.stdout.strip())
    assert root.name == "_data" and "site-packages" in str(root)
    assert not root.is_relative_to(ROOT)


def test_the_tutorial_plays_to_an_ending_in_the_terminal(installed: dict[str, Path]) -> None:
    result = run(installed, "play", "tutorial", "--text", "--seed", "1",
                 stdin="1\n" * 20)
    assert result.returncode == 0, result.stderr
    assert "Ending: " in result.stdout and "What really happened" in result.stdout


def test_the_tutorial_plays_to_an_ending_in_hindi(installed: dict[str, Path]) -> None:
    result = run(installed, "play", "tutorial", "--text", "--seed", "1", "--lang", "hi",
                 stdin="1\n" * 20)
    assert result.returncode == 0, result.stderr
    assert "अंत: " in result.stdout and "पहले कदम: संतुलन साधना सीखें" in result.stdout


def test_the_shipped_scenarios_validate_with_no_missing_file(installed: dict[str, Path]) -> None:
    ids = ["tutorial", "s400_dilemma", "discounted_crude", "malabar_and_the_quad",
           "forums_and_votes", "balancing_act"]
    result = run(installed, "validate", "--strict", "--json", *ids)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == 0 and report["warnings"] == 0
    files = [entry["file"] for entry in report["files"]]
    assert len(files) == len(ids) + 1 and files[1].endswith("tutorial.hi.yaml")  # its Hindi


def test_new_writes_a_scenario_with_the_schema_modeline(installed: dict[str, Path]) -> None:
    result = run(installed, "new", "Wheel trial")
    assert result.returncode == 0, result.stderr
    path = installed["cwd"] / "wheel_trial.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    schema = (path.parent / first.removeprefix("# yaml-language-server: $schema=")).resolve()
    assert schema.name == "scenario.schema.json" and schema.is_file()
    assert run(installed, "validate", "--strict", str(path)).returncode == 0


def test_a_scripted_window_game_with_screenshots(installed: dict[str, Path]) -> None:
    script = installed["cwd"] / "steps.txt"
    script.write_text("\n".join(["1"] * 8), encoding="utf-8")
    shots = installed["cwd"] / "shots"
    result = run(installed, "play", "tutorial", "--seed", "1", "--script", str(script),
                 "--screenshots", str(shots))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "01_briefing.png" and names[-1].endswith("_debrief.png")

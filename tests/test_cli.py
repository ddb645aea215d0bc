"""The command line's contract: validate's output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from balancing_act.cli import main
from tests.conftest import ROOT, SCENARIOS


def test_shipped_scenarios_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCENARIOS)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "clean, 0 error(s)" in captured.err


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\n", encoding="utf-8")
    assert main(["validate", "--json", str(bad), str(SCENARIOS / "tutorial.yaml")]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 7 and report["warnings"] == 0
    first = report["files"][0]
    assert first["file"] == str(bad) and first["ok"] is False
    assert first["problems"][0] == {"file": str(bad), "line": 1, "col": 1,
                                    "message": "missing required key 'endings'",
                                    "severity": "error"}
    assert first["problems"][-1]["message"] == "'format' must be 1, not 2"
    assert report["files"][1] == {"file": str(SCENARIOS / "tutorial.yaml"), "ok": True,
                                  "problems": []}


def test_validate_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["validate", str(tmp_path)]) == 2
    assert main(["validate"]) == 2


def test_python_dash_m_and_version() -> None:
    result = subprocess.run([sys.executable, "-m", "balancing_act", "--version"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("balancing-act ")


def test_play_is_the_default_command() -> None:
    result = subprocess.run([sys.executable, "-m", "balancing_act", "--text", "--seed", "1"],
                            capture_output=True, text=True, timeout=60, input="1\n")
    assert result.returncode == 3
    assert "First Steps" in result.stdout

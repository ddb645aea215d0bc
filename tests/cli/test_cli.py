"""The command line's contract: validate's output, JSON and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from balancing_act.cli import main
from tests.conftest import ROOT, SCENARIOS, SHIPPED_SCENARIOS


def test_shipped_scenarios_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SCENARIOS)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == len(SHIPPED_SCENARIOS)
    assert all(": balance: of " in line for line in lines)
    assert "clean, 0 error(s), 0 warning(s)" in captured.err


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
    tutorial = report["files"][1]
    assert (tutorial["file"], tutorial["ok"], tutorial["problems"]) == (
        str(SCENARIOS / "tutorial.yaml"), True, [])
    assert tutorial["balance"]["partners"] == ["trust_us", "trust_russia"]
    assert 0 <= tutorial["balance"]["seesaw_share"] <= 0.5


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


def test_shipped_scenarios_by_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "tutorial", "s400_dilemma"]) == 0
    assert "3 file(s) checked: 3 clean" in capsys.readouterr().err  # and the tutorial in Hindi
    assert main(["validate", "no_such_scenario"]) == 2
    assert capsys.readouterr().err == ("balancing-act: validate: no such file or folder: "
                                       "no_such_scenario\n")


def test_a_folder_without_scenarios_or_that_cannot_be_read_is_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    empty, named_like_a_file = tmp_path / "empty", tmp_path / "x.yaml"
    empty.mkdir()
    named_like_a_file.mkdir()
    for folder in (empty, named_like_a_file):
        assert main(["validate", str(folder)]) == 2
        assert capsys.readouterr().err == (f"balancing-act: validate: {folder}: a folder with no "
                                           "scenario files (.yaml or .yml) in it\n")

    def refused(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "scandir", refused)
    assert main(["validate", str(empty)]) == 1
    assert capsys.readouterr().err == (f"balancing-act: validate: {empty}: cannot read the "
                                       "folder: permission denied\n")


def test_a_closed_pipe_ends_with_a_message_not_a_traceback() -> None:
    """`balancing-act schema | head` once printed a BrokenPipeError traceback."""
    result = subprocess.run(f"{sys.executable} -m balancing_act schema | head -1",
                            shell=True, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout.strip() == "{"
    assert "Traceback" not in result.stderr
    assert result.stderr in ("", "balancing-act: the output was closed before everything was "
                                 "written\n")


def test_output_to_a_full_disk_is_a_message(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.fail("this machine has no /dev/full to test a full disk with")
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "balancing_act", "schema"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr == ("balancing-act: cannot write the output: no space left on "
                             "device\n")


def test_closed_stdin_and_bad_input_bytes_end_cleanly() -> None:
    closed = subprocess.run(f"{sys.executable} -m balancing_act play tutorial --text <&-",
                            shell=True, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert closed.returncode == 3 and "Traceback" not in closed.stderr
    assert "Input ended before the game finished (turn 1" in closed.stderr
    bad = subprocess.run([sys.executable, "-m", "balancing_act", "play", "tutorial", "--text"],
                         input=b"\xff\xfe1\n\xc3\n", capture_output=True, timeout=60, cwd=ROOT,
                         env={**os.environ, "PYTHONIOENCODING": "utf-8:strict",
                              "LC_ALL": "C.UTF-8"})
    assert bad.returncode == 3 and b"Traceback" not in bad.stderr


def test_ctrl_c_at_a_prompt_is_a_message() -> None:
    import signal
    import time

    process = subprocess.Popen([sys.executable, "-m", "balancing_act", "play", "tutorial",
                                "--text"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=ROOT)
    time.sleep(2.0)  # at the first prompt
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "balancing-act: stopped (Ctrl-C); nothing written so far is lost\n"


def test_replay_with_a_broken_session_scenario_is_a_message(tmp_path: Path) -> None:
    from balancing_act.classroom.session import create_session

    copy = tmp_path / "mine.yaml"
    copy.write_text((ROOT / "tests/fixtures/classic.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    session = tmp_path / "s.yaml"
    create_session(copy, session, seed=1)
    copy.write_text("format: 1\n", encoding="utf-8")
    result = tmp_path / "r.json"
    result.write_text("{}", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "balancing_act", "replay", str(result),
                          "--session", str(session)], capture_output=True, text=True,
                         timeout=60, cwd=ROOT)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"{copy}:1:1: error: missing required key 'title'" in run.stderr


def test_play_from_a_card_with_values_in_the_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "balancing_act", "play", str(SCENARIOS / "tutorial.yaml"),
         "--text", "--seed", "3", "--from", "unga_vote", "--set", "autonomy=48", "--flag",
         "s400_signed"], input="\n1\n1\n1\n1\n", capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert ("Test game, not the scenario's own start: from card 'unga_vote', on turn 5,\n"
            "Strategic autonomy 48, flag s400_signed on.") in result.stdout
    assert "Turn 5 of 8" in result.stdout and "Turn 1 of 8" not in result.stdout


@pytest.mark.parametrize(("arguments", "code", "message"), [
    (["--from", "unga"], 1, "balancing-act: no card 'unga' (did you mean 'unga_vote'?)\n"),
    (["--set", "autonomy"], 2, "balancing-act: --set autonomy: write METER=VALUE with a whole "
                               "number, e.g. --set autonomy=30\n"),
    (["--set", "autonomy=500"], 1, "balancing-act: autonomy goes from 0 to 100, not 500\n"),
    (["--flag", "s400_signed=maybe"], 2, "balancing-act: --flag s400_signed=maybe: write NAME "
                                         "to switch a flag on, NAME=false to switch it off\n"),
    (["--turn", "3"], 2, "balancing-act: --turn goes with --from, --set or --flag\n"),
    (["--from", "unga_vote", "--turn", "12"], 1, "balancing-act: the game has turns 1 to 8, "
                                                 "not 12\n"),
])
def test_play_from_refuses_what_does_not_fit(arguments: list[str], code: int, message: str,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "tutorial", "--text", *arguments]) == code
    assert capsys.readouterr().err == message


def test_a_class_session_cannot_start_from_a_card(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "session.yaml"
    assert main(["class", "new", "tutorial", "--seed", "1", "--out", str(session)]) == 0
    capsys.readouterr()
    assert main(["play", "--session", str(session), "--text", "--from", "unga_vote"]) == 2
    assert capsys.readouterr().err == ("balancing-act: --from, --turn, --set and --flag are "
                                       "for a designer's test game, not for a class session\n")

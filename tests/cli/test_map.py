"""`balancing-act map`: the page is written and named, shipped scenarios by id, and every bad
input a one-line message (or the loader's `file:LINE:COL` lines) with its exit code."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from balancing_act.analysis.mapdata import MAP_GAMES
from balancing_act.cli import build_parser, main
from tests.conftest import ROOT, installed_command

LINKS = ROOT / "tests" / "fixtures" / "links.yaml"
BROKEN = """format: 1
id: broken
title: Broken
turns: 2
meters: {autonomy: {label: Strategic autonomy, start: 50}}
events:
  - id: e
    title: E
    text: t
    when: flags.nope and turn >= 1
    options: [{id: o, label: O, efects: {autonomy: 1}}]
endings: [{id: f, title: F, fallback: true}]
"""


def test_map_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "maps" / "links"
    assert main(["map", str(LINKS), "--out", str(out), "--runs", "500", "--seed", "3"]) == 0
    page = out / "map.html"
    assert capsys.readouterr().err == f"map written to {page}\n"
    text = page.read_text(encoding="utf-8")
    assert "500 simulated games (seed 3," in text
    assert text.count('class="node card') == 6


def test_a_shipped_scenario_by_id_with_the_default_games(tmp_path: Path) -> None:
    result = subprocess.run([installed_command(), "map", "tutorial", "--out", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"map written to {tmp_path / 'map.html'}\n"
    text = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert f"{MAP_GAMES:,} simulated games (seed 0," in text
    assert "Map: First Steps: Learning the Balance" in text


def test_the_default_number_of_games_is_the_one_the_help_gives() -> None:
    parser = build_parser()
    text = parser._subparsers._group_actions[0].choices["map"].format_help()  # type: ignore[union-attr]
    assert f"(default {MAP_GAMES:,})" in " ".join(text.split())


def test_a_broken_scenario_gives_the_loaders_messages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    assert main(["map", str(path), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:10:17: error: unknown flag 'nope'; a flag must be set or cleared by an "
        "option, or declared under 'flags'",
        f"{path}:11:33: error: unknown key 'efects' (did you mean 'effects'?)"]
    assert not (tmp_path / "out").exists()


def test_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yaml"
    assert main(["map", str(missing), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(
        f"balancing-act: no such scenario file: {missing} (the shipped scenarios are tutorial,")
    blocker = tmp_path / "a_file"
    blocker.write_text("", encoding="utf-8")
    assert main(["map", str(LINKS), "--out", str(blocker), "--runs", "10"]) == 1
    assert capsys.readouterr().err == (f"balancing-act: {blocker}: cannot make the folder: "
                                       "file exists\n")
    for args, message in ((["--runs", "0"], "argument --runs: must be from 1 to 1,000,000"),
                          (["--runs", "many"], "argument --runs: 'many' is not a whole number"),
                          (["--seed", "x"], "argument --seed: invalid int value: 'x'")):
        assert main(["map", str(LINKS), "--out", str(tmp_path), *args]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == f"balancing-act map: error: {message}"
    assert main(["map", str(LINKS)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "balancing-act map: error: the following arguments are required: --out")


def test_a_scenario_that_is_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == f"{tmp_path}:1:1: error: not a regular file (a folder)\n"

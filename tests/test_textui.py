"""Terminal play through the installed command, scripted on stdin as a classroom would."""

from __future__ import annotations

import io
import subprocess

import pytest

from balancing_act.engine import Game
from balancing_act.scenario import load_scenario
from balancing_act.textui import play_text
from tests.conftest import TUTORIAL, installed_command


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), "play", str(TUTORIAL), "--text", *args],
                          input=script, capture_output=True, text=True, timeout=60)


def test_hedging_playthrough_reaches_the_balanced_ending() -> None:
    result = run("1\n2\n1\n1\n2\n2\n2\n2\n", "--seed", "4")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Ending: A Balanced Course" in out or "Ending: " in out
    ending_line = next(line for line in out.splitlines() if line.startswith("Ending: "))
    scenario = load_scenario(TUTORIAL)
    assert ending_line == f"Ending: {scenario.ending('balanced').title}"
    assert "Strategic autonomy   ██████████████░░░░░░   70" in out
    assert "Your decisions" in out and "The meters, turn by turn" in out
    assert "What really happened" in out and "Questions for discussion" in out
    assert "Traceback" not in result.stderr


def test_pro_us_playthrough_reaches_a_different_ending() -> None:
    result = run("1\n3\n2\n1\n1\n3\n3\n3\n", "--seed", "4")
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(TUTORIAL)
    assert f"Ending: {scenario.ending('junior_ally').title}" in result.stdout
    assert "  Trust in Washington  ███████████████████░   93" in result.stdout


def test_the_briefing_meters_card_and_options_are_shown() -> None:
    out = run("1\n", "--seed", "1").stdout
    assert out.startswith("First Steps: Learning the Balance (2018-2022)\n")
    assert "The meters:\n  Strategic autonomy:" in out
    assert "Turn 1 of 8\n  Strategic autonomy   ████████████░░░░░░░░   60" in out
    assert "  1) Sign COMCASA\n     [Trust in Washington +5, Security +3, Strategic autonomy " \
        "-2]\n" in out
    assert "Terms on this card: 2+2, COMCASA" in out


def test_bad_entries_re_prompt_and_do_not_count() -> None:
    result = run("x\n9\n\n1\n")
    assert "> x\nPlease enter one of 1, 2 (or h for help).\n> 9\nPlease enter one of 1, 2" \
        in result.stdout
    assert "You chose: Sign COMCASA" in result.stdout


def test_end_of_input_exits_3_with_a_message() -> None:
    result = run("1\n2\n")
    assert result.returncode == 3
    assert result.stdout.rstrip().endswith(
        "Input ended before the game finished (turn 3 of 8).")


def test_quit_leaves_the_game_with_exit_3() -> None:
    result = run("1\nq\n")
    assert result.returncode == 3
    assert "You left the game at turn 2 of 8." in result.stdout


def test_help_meters_and_glossary_commands() -> None:
    out = run("h\nm\ng\n1\n").stdout
    assert "Type an option's number and press Enter." in out
    assert out.count("Strategic autonomy   ████████████░░░░░░░░   60") >= 2
    assert "COMCASA: " in out


def test_delayed_consequences_are_shown_when_they_land() -> None:
    out = run("1\n2\n1\n1\n1\n").stdout
    assert "Later, on turn 6:" in out
    assert "Turn 6: a consequence of an earlier decision arrives" in out


def test_plain_ascii_output_when_the_terminal_cannot_show_blocks() -> None:
    scenario = load_scenario(TUTORIAL)

    class Ascii(io.StringIO):
        encoding = "ascii"

    out = Ascii()
    code = play_text(Game(scenario, 0), io.StringIO("1\n"), out, interactive=False)
    assert code == 3
    assert "Strategic autonomy   ############--------   60" in out.getvalue()


def test_unplayable_scenario_lists_problems(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    result = subprocess.run([installed_command(), "play", str(broken), "--text"],
                            capture_output=True, text=True, timeout=60, input="")
    assert result.returncode == 1
    assert f"{broken}:1:1: error: missing required key 'title'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["play", "missing.yaml", "--text"], ["play", "--seed", "x"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = subprocess.run([installed_command(), *args], capture_output=True, text=True,
                            timeout=60, input="")
    assert result.returncode == 2

"""Terminal play through the installed command, scripted on stdin as a classroom would."""

from __future__ import annotations

import io
import os
import subprocess

import pytest

from balancing_act.engine import Game
from balancing_act.frontends.text.game import play_text, safe
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC, installed_command


def run(script: str, *args: str, scenario: str = str(CLASSIC),
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), "play", scenario, "--text", *args],
                          input=script, capture_output=True, text=True, timeout=60,
                          env={**os.environ, **(env or {})})


def test_hedging_playthrough_reaches_the_balanced_ending() -> None:
    result = run("1\n2\n1\n1\n2\n2\n2\n2\n", "--seed", "4")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    scenario = load_scenario(CLASSIC)
    assert f"Ending: {scenario.ending('balanced').title}" in out
    assert "You met the goal." in out
    assert "  Strategic autonomy   ██╳█████████┃█░░░░░░   70" in out
    assert "  Strategic autonomy 70 (the goal asks 60 or more)." in out
    assert "Your decisions" in out and "The meters, turn by turn" in out
    assert "What really happened" in out and "Questions for discussion" in out
    assert "Traceback" not in result.stderr


def test_pro_us_playthrough_reaches_a_different_ending() -> None:
    result = run("1\n3\n2\n1\n1\n3\n3\n3\n", "--seed", "4")
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(CLASSIC)
    assert f"Ending: {scenario.ending('junior_ally').title}" in result.stdout
    assert "You did not meet the goal." in result.stdout
    assert "Trust in Washington reached 93 (the game ends at 90 or more)." in result.stdout


def test_the_briefing_meters_card_and_options_are_shown() -> None:
    out = run("1\n", "--seed", "1").stdout
    assert out.startswith("First Steps: Learning the Balance (2018-2022)\n")
    assert "The meters:\n  Strategic autonomy:" in out
    assert "Turn 1 of 8\n  Strategic autonomy   ██╳█████████┃░░░░░░░   60" in out
    assert "  1) Sign COMCASA\n     [Trust in Washington +5, Security +3, Strategic autonomy " \
        "-2]\n" in out
    assert "Terms on this card: 2+2, COMCASA (type g to read them)" in out


def test_shipped_scenarios_by_id() -> None:
    result = run("", scenario="tutorial")
    assert result.returncode == 3 and "Turn 1 of 8" in result.stdout


def test_bad_entries_say_why_and_do_not_count() -> None:
    out = run("x\n9\n\n1\n").stdout
    assert "> x\nPlease enter one of 1, 2 (or h for help).\n> 9\nPlease enter one of 1, 2" in out
    assert "You chose: Sign COMCASA" in out


def test_a_locked_option_says_what_it_needs(write_scenario) -> None:
    path = write_scenario(CLASSIC.read_text(encoding="utf-8").replace(
        "      - id: hold_comcasa\n", "      - id: hold_comcasa\n        when: trust_us >= 70\n"))
    out = run("2\n1\n", scenario=str(path)).stdout
    assert "     (needs: Trust in Washington at 70 or more)" in out
    assert "Option 2 is not available now: needs: Trust in Washington at 70 or more." in out


def test_end_of_input_exits_3_with_a_message() -> None:
    result = run("1\n2\n")
    assert result.returncode == 3
    assert result.stderr == "Input ended before the game finished (turn 3 of 8).\n"
    assert "Input ended" not in result.stdout


def test_quit_leaves_the_game_with_exit_3() -> None:
    result = run("1\nq\n")
    assert result.returncode == 3
    assert "You left the game at turn 2 of 8." in result.stdout


def test_help_meters_and_glossary_commands() -> None:
    out = run("h\nm\ng\n1\n").stdout
    assert "Type an option's number and press Enter." in out
    assert out.count("Strategic autonomy   ██╳█████████┃░░░░░░░   60") >= 2
    assert "Strategic autonomy: How freely India can set its own course" in out
    assert "COMCASA: " in out


def test_delayed_consequences_land_on_their_own_turn() -> None:
    out = run("1\n2\n1\n1\n1\n", "--seed", "0").stdout
    assert "Later, on turn 6:" in out
    landing = out.index("Landing now: Delayed consequence of your UN vote")
    assert out.index("Turn 6 of 8") > landing > out.index("Later, on turn 6:")


def test_plain_ascii_output_when_the_terminal_cannot_show_blocks() -> None:
    scenario = load_scenario(CLASSIC)

    class Ascii(io.StringIO):
        encoding = "ascii"

    out = Ascii()
    play = Playthrough(Game(scenario, 0), PlayRules(), Catalog("en"))
    assert play_text(play, io.StringIO("1\n"), out, interactive=False) == 3
    assert "Strategic autonomy   ##x#########|-------   60" in out.getvalue()


def test_every_line_fits_the_width() -> None:
    out = run("1\n2\n1\n1\n2\n2\n2\n2\n", "--seed", "4").stdout
    long = [line for line in out.splitlines() if len(line) > 78 and "http" not in line]
    assert long == []


def test_names_and_texts_with_escape_codes_are_shown_escaped() -> None:
    assert safe("Asha\x1b[2J\x1b[31mK") == "Asha\\x1b[2J\\x1b[31mK"
    assert safe("line\nnext") == "line\nnext"


def test_unplayable_scenario_lists_problems(tmp_path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: x\n", encoding="utf-8")
    result = subprocess.run([installed_command(), "play", str(broken), "--text"],
                            capture_output=True, text=True, timeout=60, input="")
    assert result.returncode == 1
    assert f"{broken}:1:1: error: missing required key 'title'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["play", "missing.yaml", "--text"], "balancing-act: no such scenario file: missing.yaml"),
    (["play", "--seed", "x"], "argument --seed: invalid int value: 'x'"),
    (["play", "--text", "--lang", "xx"], "balancing-act: --lang: no catalog for 'xx'"),
])
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run([installed_command(), *args], capture_output=True, text=True,
                            timeout=60, input="")
    assert result.returncode == 2 and message in result.stderr


def test_a_terminal_pauses_after_each_outcome_so_it_is_read() -> None:
    """At 80x24 the next card is longer than the screen: without a pause the outcome (what
    changed, what India did) would scroll away before it is read."""
    play = Playthrough(Game(load_scenario(CLASSIC), 0), PlayRules(), Catalog("en"))
    out = io.StringIO()
    assert play_text(play, io.StringIO("\n1\n"), out, interactive=True) == 3
    text = out.getvalue()
    outcome = text.index("You chose: Sign COMCASA")
    second_pause = text.index("Press Enter to go on.", outcome)
    assert text.index("Press Enter to go on.") < outcome < second_pause < text.index(
        "Turn 2 of 8")


def test_answers_piped_in_with_the_lines_going_to_a_terminal_fit_its_width() -> None:
    """`printf ... | balancing-act play --text` in a 40-column terminal wraps at 40 (a file
    or a pipe gets the fixed width of a replay)."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen([installed_command(), "play", str(CLASSIC), "--text", "--seed",
                                "4"], stdin=subprocess.PIPE, stdout=follower, stderr=follower,
                               env={**os.environ, "COLUMNS": "40", "LINES": "24"})
    os.close(follower)
    process.stdin.write(b"1\n2\n1\n1\n2\n2\n2\n2\n" + b"\n" * 40)
    process.stdin.close()
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the game has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    lines = b"".join(chunks).decode("utf-8").replace("\r\n", "\n").split("\n")
    assert len(lines) > 100 and "Ending: " in "\n".join(lines)
    # a web address is left whole (the terminal wraps it; copied or clicked, it still works)
    assert max(len(line) for line in lines if "://" not in line) <= 40
    assert all(line.strip().startswith("http") for line in lines if len(line) > 40)


def test_the_outcome_tells_a_cards_history_where_no_option_is_marked_as_indias() -> None:
    history = load_scenario(CLASSIC).file.events[0].history.split()
    out = run("2\n", "--seed", "1").stdout  # one decision: the debrief is not reached
    assert " ".join(history[:8]) in " ".join(out.split())

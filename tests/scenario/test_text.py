"""Text that adapts to the game: substitutions, flag choices, conditional passages and seeded
variants; every mistake in the markup at its line and column; the play layer renders it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.engine import Game
from balancing_act.play.playthrough import Playthrough
from balancing_act.scenario import ScenarioError, load_scenario_bytes
from balancing_act.scenario.conditions import Names
from balancing_act.scenario.text import Template, TextState, parse_text, render
from tests.conftest import base_scenario, build

NAMES = Names(meters={"autonomy": 0, "trust_us": 1}, flags={"signed": 0}, events={"only": 0})


def state(**overrides: Any) -> TextState:
    values: dict[str, Any] = {"meters": {"autonomy": 55, "trust_us": 71}, "turn": 3,
                              "turns": 8, "flags": frozenset({"signed"}),
                              "holds": lambda c: c.text.strip() == "trust_us >= 70", "seed": 1,
                              "key": "x"}
    values.update(overrides)
    return TextState(**values)


@pytest.mark.parametrize(("text", "shown"), [
    ("Autonomy {autonomy} on turn {turn} of {turns}.", "Autonomy 55 on turn 3 of 8."),
    ("{flags.signed|Signed.|On hold.}", "Signed."),
    ("{if trust_us >= 70}Warm.{else}Cool.{end} Then.", "Warm. Then."),
    ("{if autonomy < 10}Lost.{end}Still here.", "Still here."),
    ("Braces: {{ and }}.", "Braces: { and }."),
    ("{ autonomy }", "55"),
])
def test_texts_render_with_the_game_state(text: str, shown: str) -> None:
    template = parse_text(text, NAMES)
    assert isinstance(template, Template)
    assert render(template, state()) == shown


def test_a_variant_is_chosen_by_seed_and_turn_and_stays_chosen() -> None:
    template = parse_text("{one of|A|B|C|D}", NAMES)
    assert isinstance(template, Template)
    seen = {render(template, state(seed=seed)) for seed in range(40)}
    assert seen == {"A", "B", "C", "D"}
    assert render(template, state(seed=7)) == render(template, state(seed=7))


@pytest.mark.parametrize(("text", "offset", "message"), [
    ("Trust {trust_uss}.", 7, "unknown name 'trust_uss' in the text (did you mean 'trust_us'?); "
                              "a text can show a meter's id, turn or turns (write '{{' for a "
                              "brace)"),
    ("{flags.sign|a|b}", 7, "unknown flag 'sign' in the text (did you mean 'signed'?)"),
    ("{flags.signed|only one}", 0, "'{flags.signed|...}' needs two texts: "
                                   "{flags.signed|when on|when off}"),
    ("{if trust >= 3}x{end}", 4, "unknown name 'trust' (did you mean 'trust_us'?); meters "
                                 "are: autonomy, trust_us"),
    ("{if trust_us >= 70}never closed", 31, "'{if ...}' is never closed with '{end}'"),
    ("text {end}", 5, "'{end}' without an '{if ...}' before it"),
    ("open { here", 5, "'{' is never closed with '}' (write '{{' for a brace)"),
    ("close } here", 6, "'}' without '{' before it (write '}}' for a brace)"),
    ("{one of|alone}", 0, "'{one of|A|B}' needs at least two variants, each after a '|'"),
    ("{}", 0, "'{}' is empty: write a meter's id, turn, turns, flags.NAME|a|b, if ..., or one "
              "of|a|b (or '{{' for a brace)"),
    ("{if}x{end}", 0, "'{if}' needs a condition, e.g. {if autonomy >= 60}"),
])
def test_each_mistake_is_named_at_its_place(text: str, offset: int, message: str) -> None:
    issues = parse_text(text, NAMES)
    assert not isinstance(issues, Template)
    assert (issues[0].offset, issues[0].message) == (offset, message)


def scenario_with(text: str, style: str = "plain") -> bytes:
    data = base_scenario()
    data["events"][0]["text"] = "PLACEHOLDER"
    raw = yaml.safe_dump(data, sort_keys=False)
    if style == "block":
        return raw.replace("text: PLACEHOLDER", "text: |\n      " + text.replace(
            "\n", "\n      ")).encode()
    return raw.replace("PLACEHOLDER", text).encode()


def test_a_mistake_in_a_loaded_text_has_its_line_and_column() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(scenario_with("Trust {trust_uss} now"), "s.yaml")
    [problem] = caught.value.problems
    raw = scenario_with("Trust {trust_uss} now").decode()
    line = next(n for n, t in enumerate(raw.splitlines(), 1) if "trust_uss" in t)
    column = raw.splitlines()[line - 1].index("trust_uss") + 1
    assert (problem.line, problem.col) == (line, column)


def test_a_mistake_on_a_later_line_of_a_block_text_is_found_there() -> None:
    raw = scenario_with("First line.\nSecond {flags.nope|a|b} line.", "block")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(raw, "s.yaml")
    [problem] = caught.value.problems
    lines = raw.decode().splitlines()
    line = next(n for n, t in enumerate(lines, 1) if "flags.nope" in t)
    assert (problem.line, problem.col) == (line, lines[line - 1].index("nope") + 1)
    assert problem.message == "unknown flag 'nope' in the text"


def test_the_play_layer_shows_the_card_and_outcome_rendered() -> None:
    data = base_scenario()
    data["events"][0]["text"] = "Autonomy is {autonomy}{if turn == 1} at the start{end}."
    data["events"][0]["options"][0]["outcome"] = "Now {autonomy}, turn {turn}."
    data["endings"][2]["text"] = "Ended with {autonomy}."
    play = Playthrough(Game(build(data), 1))
    assert play.card().text == "Autonomy is 50 at the start."
    assert play.choose(1).text == "Now 60, turn 1."
    assert play.card().text == "Autonomy is 60."


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}|ab tx.if end one of flags.signed autonomy>=1")),
               max_size=60))
def test_any_text_parses_or_says_why_and_never_raises(text: str) -> None:
    result = parse_text(text, NAMES)
    if isinstance(result, Template):
        rendered = render(result, state())
        assert isinstance(rendered, str) and len(rendered) <= result.longest() + 8
    else:
        assert result and all(0 <= issue.offset <= len(text) for issue in result)

"""The condition language: what it accepts, what it refuses, and that nothing escapes."""

from __future__ import annotations

import types

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.scenario.conditions import (
    MAX_LENGTH,
    Condition,
    ConditionIssue,
    Names,
    compile_condition,
)

NAMES = Names(meters={"autonomy": 0, "trust_us": 1}, flags={"signed": 0, "sanctioned": 1},
              events={"offer": 0, "threat": 1})


def context(meters: list[list[float]], flags: list[list[bool]] | None = None,
            turn: list[int] | None = None, seen: list[list[bool]] | None = None) -> object:
    n = len(meters)
    return types.SimpleNamespace(
        meters=np.array(meters, dtype=float),
        flags=np.array(flags if flags is not None else [[False, False]] * n, dtype=bool),
        turn=np.array(turn if turn is not None else [1] * n),
        seen=np.array(seen if seen is not None else [[False, False]] * n, dtype=bool))


def evaluate(text: str | bool, ctx: object) -> list[bool]:
    compiled = compile_condition(text, NAMES)
    assert isinstance(compiled, Condition), compiled
    return compiled.evaluate(ctx).tolist()  # type: ignore[arg-type]


def issues(text: str) -> list[tuple[int, str]]:
    compiled = compile_condition(text, NAMES)
    assert isinstance(compiled, list), f"{text!r} compiled but should not"
    return [(i.offset, i.message) for i in compiled]


@pytest.mark.parametrize(("text", "expected"), [
    ("autonomy >= 60", [True, False, False]),
    ("autonomy > 30 and trust_us < 50", [True, True, False]),
    ("autonomy < 30 or trust_us > 70", [False, False, True]),
    ("not autonomy >= 60", [False, True, True]),
    ("autonomy - trust_us > 0", [True, True, False]),
    ("(autonomy + trust_us) / 2 >= 50", [True, False, True]),
    ("autonomy * 2 == 40", [False, False, True]),
    ("20 <= autonomy < 60", [False, True, True]),
    ("autonomy != 40", [True, False, True]),
    ("-autonomy < -50", [True, False, False]),
    ("true", [True, True, True]),
    ("False", [False, False, False]),
    ("1 > 2", [False, False, False]),
])
def test_expressions_evaluate_per_game(text: str, expected: list[bool]) -> None:
    ctx = context([[70, 40], [40, 30], [20, 80]])
    assert evaluate(text, ctx) == expected


def test_flags_seen_and_turn() -> None:
    ctx = context([[50, 50]] * 3, flags=[[True, False], [False, True], [True, True]],
                  turn=[1, 4, 9], seen=[[True, False], [False, False], [True, True]])
    assert evaluate("flags.signed and not flags.sanctioned", ctx) == [True, False, False]
    assert evaluate("seen.offer or turn >= 9", ctx) == [True, False, True]
    assert evaluate("flags.signed + flags.sanctioned >= 2", ctx) == [False, False, True]
    assert evaluate("flags.signed == seen.offer", ctx) == [True, True, True]


def test_yaml_booleans_are_conditions() -> None:
    ctx = context([[1, 1], [2, 2]])
    assert evaluate(True, ctx) == [True, True]
    assert evaluate(False, ctx) == [False, False]


def test_division_by_zero_makes_comparisons_false() -> None:
    ctx = context([[0, 0], [10, 0], [10, 5]])
    assert evaluate("autonomy / trust_us > 1", ctx) == [False, False, True]
    assert evaluate("autonomy / trust_us <= 1", ctx) == [False, False, False]
    assert evaluate("autonomy / trust_us != 1", ctx) == [True, True, True]


@pytest.mark.parametrize(("text", "expected"), [
    ("autonmy > 3", [(0, "unknown name 'autonmy' (did you mean 'autonomy'?); meters are: "
                        "autonomy, trust_us")]),
    ("signed", [(0, "unknown name 'signed' (did you mean 'flags.signed'?)")]),
    ("offer", [(0, "unknown name 'offer' (did you mean 'seen.offer'?)")]),
    ("flags.sigend", [(6, "unknown flag 'sigend' (did you mean 'signed'?); a flag must be set "
                          "or cleared by an option, or declared under 'flags'")]),
    ("seen.ofer and x > 1", [(5, "unknown event 'ofer' (did you mean 'offer'?)"),
                             (14, "unknown name 'x'; meters are: autonomy, trust_us")]),
    ("len(flags) > 1", [(0, "function calls are not allowed in conditions")]),
    ("autonomy.real > 1", [(0, "only flags.NAME and seen.EVENT may use a dot in conditions")]),
    ("__import__('os')", [(0, "function calls are not allowed in conditions")]),
    ("autonomy ** 2 > 1", [(0, "operator '**' is not allowed in conditions")]),
    ("autonomy % 2 == 0", [(0, "operator '%' is not allowed in conditions")]),
    ("autonomy = 5", [(9, "use '==' to compare, not '='")]),
    ("flags.signed && turn > 1", [(13, "use 'and' instead of '&&'")]),
    ("flags.signed || turn > 1", [(13, "use 'or' instead of '||'")]),
    ("!flags.signed", [(0, "use 'not' instead of '!'")]),
    ("autonomy", [(0, "a condition must be true or false, not a number (compare it, for "
                      "example 'autonomy >= 50')")]),
    ("autonomy and trust_us > 1", [(0, "'and' needs true/false values, but 'autonomy' is a "
                                       "number (compare it, for example 'autonomy > 0')")]),
    ("flags.signed < 3", [(0, "'<' needs numbers, but 'flags.signed' is true/false")]),
    ("'yes' == 'yes'", [(0, "text is not allowed in conditions; use flags.NAME for facts that "
                            "are true or false")]),
    ("autonomy > 1e99", [(11, "number 1e+99 is out of range (at most 1,000,000,000 either "
                              "way)")]),
    ("[1] == [1]", [(0, "lists, tuples and other collections are not allowed in conditions")]),
    ("1 if autonomy else 2", [(0, "'if ... else' is not allowed in conditions")]),
    ("lambda: 1", [(0, "definitions are not allowed in conditions")]),
    ("autonomy in trust_us", [(0, "operator 'in' is not allowed in conditions")]),
    ("(autonomy > 1", [(0, "invalid condition: a parenthesis is not closed")]),
    ("autonomy > 1)", [(12, "invalid condition: a closing parenthesis has no opening one")]),
    ("   ", [(0, "condition is empty")]),
    ("x" * 501, [(0, "condition is longer than 500 characters")]),
    ("(" * 31 + "1" + ")" * 31, [(30, "condition nests parentheses more than 30 deep")]),
])
def test_refused_conditions_say_why_and_where(text: str,
                                              expected: list[tuple[int, str]]) -> None:
    assert issues(text) == expected


def test_leading_spaces_shift_the_offset() -> None:
    assert issues("  autonmy > 1")[0][0] == 2


def test_offsets_count_characters_not_bytes() -> None:
    assert issues("été > 1 and bogus > 2") == [
        (0, "unknown name 'été'; meters are: autonomy, trust_us"),
        (12, "unknown name 'bogus'; meters are: autonomy, trust_us")]


# -- properties ------------------------------------------------------------------------------

ATOMS = st.sampled_from(["autonomy", "trust_us", "turn", "3", "0", "-2", "2.5"])
BOOL_ATOMS = st.sampled_from(["flags.signed", "flags.sanctioned", "seen.offer", "true",
                              "false"])
COMPARE = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
ARITH = st.sampled_from(["+", "-", "*", "/"])

numbers = st.recursive(ATOMS, lambda inner: st.builds(
    lambda a, op, b: f"({a} {op} {b})", inner, ARITH, inner), max_leaves=6)
booleans = st.recursive(
    st.one_of(BOOL_ATOMS, st.builds(lambda a, op, b: f"{a} {op} {b}", numbers, COMPARE,
                                    numbers)),
    lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} and {b})", inner, inner),
        st.builds(lambda a, b: f"({a} or {b})", inner, inner),
        st.builds(lambda a: f"not ({a})", inner)),
    max_leaves=8).filter(lambda text: len(text) <= MAX_LENGTH)


@settings(max_examples=300, deadline=None)
@given(booleans, st.lists(st.tuples(st.integers(-100, 200), st.integers(-100, 200),
                                    st.booleans(), st.integers(1, 30)), min_size=1,
                          max_size=20))
def test_well_formed_conditions_compile_and_give_one_bool_per_game(
        text: str, games: list[tuple[int, int, bool, int]]) -> None:
    compiled = compile_condition(text, NAMES)
    assert isinstance(compiled, Condition), compiled
    ctx = context([[a, b] for a, b, _, _ in games], flags=[[f, not f] for _, _, f, _ in games],
                  turn=[t for *_, t in games], seen=[[f, f] for _, _, f, _ in games])
    result = compiled.evaluate(ctx)  # type: ignore[arg-type]
    assert result.dtype == bool and result.shape == (len(games),)


@settings(max_examples=300, deadline=None)
@given(booleans, st.integers(0, 3))
def test_a_condition_agrees_with_itself_game_by_game(text: str, which: int) -> None:
    """Batch evaluation equals evaluating each game alone (batching changes nothing)."""
    compiled = compile_condition(text, NAMES)
    assert isinstance(compiled, Condition)
    rows = [[10, 90, True, 1], [50, 50, False, 5], [90, 10, True, 12], [0, 0, False, 30]]
    batch = compiled.evaluate(context([r[:2] for r in rows], [[r[2], r[2]] for r in rows],
                                      [r[3] for r in rows], [[r[2], False] for r in rows]))
    row = rows[which]
    alone = compiled.evaluate(context([row[:2]], [[row[2], row[2]]], [row[3]],
                                      [[row[2], False]]))
    assert batch[which] == alone[0]


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_either_compiled_or_refused_with_an_offset(text: str) -> None:
    """Random text never raises and never runs: it compiles or gives issues inside the text."""
    compiled = compile_condition(text, NAMES)
    if isinstance(compiled, list):
        assert compiled and all(isinstance(i, ConditionIssue) for i in compiled)
        assert all(0 <= i.offset <= max(len(text), 1) for i in compiled)
    else:
        ctx = context([[1, 2]])
        assert compiled.evaluate(ctx).shape == (1,)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["__import__('os').system('x')", "open('f')", "().__class__",
                        "globals()", "exec('1')", "eval('1')", "x.__dict__", "a[0]",
                        "[c for c in ()]", "(lambda: 1)()", "f'{1}'", "b'x'", "..."]),
       st.sampled_from(["", " and true", " or false"]))
def test_escapes_are_refused(payload: str, suffix: str) -> None:
    compiled = compile_condition(payload + suffix, NAMES)
    assert isinstance(compiled, list)

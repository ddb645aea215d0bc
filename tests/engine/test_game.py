"""`Game`: the tutorial's playthroughs, explanations, saves and determinism."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.engine import Game, GameError, compile_scenario
from balancing_act.scenario import load_scenario
from tests.conftest import TUTORIAL

PRO_US = [1, 3, 2, 1, 1, 3, 3, 3]
PRO_RUSSIA = [2, 1, 1, 3, 3, 1, 1, 1]
HEDGING = [1, 2, 1, 1, 2, 2, 2, 2]


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(TUTORIAL)


def play(scenario, choices: list[int], seed: int = 0) -> Game:
    game = Game(scenario, seed)
    for choice in choices:
        game.choose(choice)
    return game


@pytest.mark.parametrize(("choices", "ending", "meters"), [
    (PRO_US, "junior_ally", {"autonomy": 50, "security": 46, "trust_us": 93,
                             "trust_russia": 23}),
    (PRO_RUSSIA, "moscow_client", {"autonomy": 58, "security": 66, "trust_us": 11,
                                   "trust_russia": 93}),
    (HEDGING, "balanced", {"autonomy": 70, "security": 70, "trust_us": 53,
                           "trust_russia": 66}),
])
@pytest.mark.parametrize("seed", [0, 7, 123456])
def test_tutorial_paths_reach_their_endings(tutorial, choices, ending, meters, seed) -> None:
    game = play(tutorial, choices, seed)
    assert game.finished
    assert game.ending.id == ending
    assert game.meters == meters
    assert game.turn == 8 and len(game.history) == 8 and len(game.meter_track) == 9


def test_outcome_explains_each_change_and_its_cause(tutorial) -> None:
    game = Game(tutorial, 0)
    outcome = game.choose(1)
    assert outcome.event_id == "first_two_plus_two" and outcome.option_id == "sign_comcasa"
    assert [(c.meter, c.amount) for c in outcome.changes] == [
        ("trust_us", 5), ("security", 3), ("autonomy", -2)]
    assert all(c.cause == "'The first 2+2 (September 2018)': Sign COMCASA"
               for c in outcome.changes)
    assert outcome.meters_before == {"autonomy": 60, "security": 50, "trust_us": 55,
                                     "trust_russia": 60}
    assert outcome.meters_after == {"autonomy": 58, "security": 53, "trust_us": 60,
                                    "trust_russia": 60}
    assert outcome.next_event_id == "s400_contract" and not outcome.ended
    signed = game.choose(2)
    assert signed.flags_set == ("s400_signed",)
    assert [(s.due_turn, s.event_id) for s in signed.scheduled] == [(3, "caatsa_shadow")]
    assert json.dumps(signed.to_dict())  # outcomes serialise for results and logs


def test_same_seed_and_choices_give_the_same_game(tutorial) -> None:
    first = play(tutorial, [*HEDGING[:4], 2, 2], seed=99)
    second = play(tutorial, [*HEDGING[:4], 2, 2], seed=99)
    assert first.to_dict() == second.to_dict()
    assert [o.to_dict() for o in first.history] == [o.to_dict() for o in second.history]


def test_save_round_trip_resumes_exactly(tutorial) -> None:
    game = play(tutorial, [1, 2, 1, 2], seed=42)
    data = json.loads(json.dumps(game.to_dict()))
    assert data["format"] == 1 and data["choices"] == game.choices
    resumed = Game.from_dict(tutorial, data)
    assert resumed.meters == game.meters and resumed.turn == game.turn
    assert resumed.event.id == game.event.id and resumed.flags == game.flags
    for choice in (2, 2, 2, 2):
        game.choose(choice)
        resumed.choose(choice)
    assert resumed.to_dict() == game.to_dict()


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(kind="other"), "this is not a Balancing Act save"),
    (lambda d: d.update(format=9), "this save has format 9; this version of the game reads "
                                   "format 1"),
    (lambda d: d.update(scenario="other"), "this save is for scenario 'other', not "
                                           "'tutorial'"),
    (lambda d: d.update(scenario_sha256="0" * 64), "this save was made with a different "
                                                   "version of scenario 'tutorial'"),
    (lambda d: d.update(seed="x"), "this save is damaged (seed or choices are missing)"),
    (lambda d: d.update(choices=["nonsense"]), "this save is damaged (choice 1: 'nonsense' is "
                                               "not an option of this card; choose 1 "
                                               "(sign_comcasa), 2 (hold_comcasa))"),
    (lambda d: d["meters"].update(autonomy=99), "this save is damaged (its meters do not "
                                                "match its choices)"),
])
def test_bad_saves_are_refused_with_a_reason(tutorial, change, message) -> None:
    data = play(tutorial, [1, 2], seed=3).to_dict()
    change(data)
    with pytest.raises(GameError) as caught:
        Game.from_dict(tutorial, data)
    assert str(caught.value) == message


def test_a_save_that_is_not_a_mapping_is_refused(tutorial) -> None:
    with pytest.raises(GameError, match="not a Balancing Act save"):
        Game.from_dict(tutorial, ["a", "list"])


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**63 - 1), picks=st.lists(st.integers(0, 3), min_size=12,
                                                       max_size=12))
def test_any_sequence_of_choices_keeps_meters_in_range_and_ends(tutorial, seed,
                                                                 picks) -> None:
    compiled = compile_scenario(tutorial)
    game = Game(tutorial, seed, compiled=compiled)
    for pick in picks:
        if game.finished:
            break
        available = [o for o in game.options if o.available]
        game.choose(available[pick % len(available)].id)
        for meter_id, value in game.meters.items():
            meter = tutorial.file.meters[meter_id]
            assert meter.min <= value <= meter.max
    assert game.finished and game.ending is not None
    replay = Game.from_dict(tutorial, game.to_dict())
    assert replay.to_dict() == game.to_dict()

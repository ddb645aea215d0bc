"""A designer's test game: starting from a card, with chosen meters and flags; replays of such
a game give it again; names that do not fit are refused with did-you-mean."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.engine import Game, GameError, compile_scenario
from balancing_act.engine.start import Start, first_turn
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC


@pytest.fixture(scope="module")
def classic():
    return load_scenario(CLASSIC)


def test_a_test_game_opens_on_its_card_with_its_values(classic) -> None:
    start = Start(card="malabar_2020", meters={"autonomy": 30}, flags=("s400_signed",))
    game = Game(classic, 5, start=start)
    assert (game.event.id, game.turn, game.meters["autonomy"], game.flags) == (
        "malabar_2020", 4, 30, frozenset({"s400_signed"}))
    assert game.meter_track == [game.meters]
    outcome = game.choose("invite_australia")
    assert outcome.turn == 4
    assert game.event.id == "unga_vote"  # the game goes on from there, turn by turn


def test_the_first_turn_of_a_follow_up_is_when_it_can_be_sent(classic) -> None:
    compiled = compile_scenario(classic)
    assert first_turn(compiled, "caatsa_shadow") == 3  # sent by the turn-2 S-400 card
    assert first_turn(compiled, "unga_vote") == 5
    assert Game(classic, 1, start=Start(card="caatsa_shadow")).turn == 3


def test_without_a_card_the_turn_draws_as_usual(classic) -> None:
    game = Game(classic, 1, start=Start(turn=4, meters={"trust_us": 70}))
    assert (game.event.id, game.turn, game.meters["trust_us"]) == ("malabar_2020", 4, 70)


def test_a_test_game_replays_and_undoes_from_its_start(classic) -> None:
    start = Start(card="s400_contract", meters={"security": 20}, cleared=("s400_signed",))
    game = Game(classic, 9, start=start)
    for choice in ("sign_quietly", 1, 2):
        game.choose(choice)
    again = Game.replay(classic, 9, game.choices, start=start)
    assert (again.meters, again.flags, again.history) == (game.meters, game.flags,
                                                          game.history)
    undone = game.undone()
    assert undone.choices == game.choices[:-1] and undone.start == start


def test_a_plain_start_is_no_start(classic) -> None:
    assert Game(classic, 3, start=Start()).start is None
    assert Game(classic, 3, start=Start()).history == Game(classic, 3).history


@pytest.mark.parametrize(("start", "message"), [
    (Start(card="malabar"), "no card 'malabar' (did you mean 'malabar_2020'?)"),
    (Start(meters={"autonomi": 3}), "no meter 'autonomi' (did you mean 'autonomy'?)"),
    (Start(meters={"autonomy": 101}), "autonomy goes from 0 to 100, not 101"),
    (Start(flags=("s400_sign",)), "no flag 's400_sign' (did you mean 's400_signed'?)"),
    (Start(card="unga_vote", turn=9), "the game has turns 1 to 8, not 9"),
    (Start(turn=0, meters={"autonomy": 5}), "the game has turns 1 to 8, not 0"),
])
def test_what_does_not_fit_is_refused_with_its_reason(classic, start: Start,
                                                       message: str) -> None:
    with pytest.raises(GameError) as caught:
        Game(classic, 1, start=start)
    assert str(caught.value) == message


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**40), card=st.sampled_from(
    ["first_two_plus_two", "s400_contract", "malabar_2020", "unga_vote", "discounted_crude"]),
    autonomy=st.integers(0, 100), choices=st.lists(st.integers(1, 3), max_size=8))
def test_the_same_start_seed_and_choices_give_the_same_game(classic, seed: int, card: str,
                                                            autonomy: int,
                                                            choices: list[int]) -> None:
    start = Start(card=card, meters={"autonomy": autonomy})
    games = [Game(classic, seed, start=start) for _ in range(2)]
    for choice in choices:
        for game in games:
            if not game.finished and choice <= len(game.options) and \
                    game.options[choice - 1].available:
                game.choose(choice)
    assert games[0].history == games[1].history and games[0].meters == games[1].meters

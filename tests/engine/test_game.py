"""`Game`: playthroughs of the classic tutorial, explanations from the step record, replays and
determinism."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.engine import Game, GameError, compile_scenario
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC, base_scenario, build

PRO_US = [1, 3, 2, 1, 1, 3, 3, 3]
PRO_RUSSIA = [2, 1, 1, 3, 3, 1, 1, 1]
HEDGING = [1, 2, 1, 1, 2, 2, 2, 2]


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(CLASSIC)


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


def record(game: Game) -> dict:
    return {"seed": game.seed, "choices": game.choices, "meters": game.meters,
            "turn": game.turn, "flags": sorted(game.flags),
            "ending": game.ending.id if game.ending else None}


def test_same_seed_and_choices_give_the_same_game(tutorial) -> None:
    first = play(tutorial, [*HEDGING[:4], 2, 2], seed=99)
    second = play(tutorial, [*HEDGING[:4], 2, 2], seed=99)
    assert record(first) == record(second)
    assert [o.to_dict() for o in first.history] == [o.to_dict() for o in second.history]


def test_replay_resumes_exactly(tutorial) -> None:
    game = play(tutorial, [1, 2, 1, 2], seed=42)
    resumed = Game.replay(tutorial, game.seed, game.choices)
    assert record(resumed) == record(game) and resumed.event.id == game.event.id
    for choice in (2, 2, 2, 2):
        game.choose(choice)
        resumed.choose(choice)
    assert record(resumed) == record(game)


def test_replay_names_the_choice_that_does_not_fit(tutorial) -> None:
    with pytest.raises(GameError) as caught:
        Game.replay(tutorial, 3, ["sign_comcasa", "nonsense"])
    assert str(caught.value) == ("choice 2: 'nonsense' is not an option of this card; choose "
                                 "1 (sign_openly), 2 (sign_quietly), 3 (hold_s400)")


def test_undone_takes_back_the_last_decision(tutorial) -> None:
    game = play(tutorial, [1, 2, 1], seed=5)
    back = game.undone()
    assert back.choices == game.choices[:-1] and back.turn == 3


@pytest.mark.parametrize("seed", [-1, 2**63])
def test_a_seed_out_of_range_is_refused(tutorial, seed: int) -> None:
    with pytest.raises(GameError, match="a seed is a whole number from 0 to"):
        Game(tutorial, seed)


def test_a_flag_a_chance_result_clears_is_not_reported_as_set() -> None:
    data = base_scenario()
    data["events"][0]["options"][0].update(set=["signed"], chance=[
        {"p": 0.5, "clear": ["signed"], "outcome": "It falls through."},
        {"p": 0.5, "outcome": "It holds."}])
    scenario = build(data)
    seen = set()
    for seed in range(40):
        game = Game(scenario, seed)
        outcome = game.choose("up")
        if outcome.chance_index == 0:
            assert outcome.flags_set == () and "signed" not in game.flags
        else:
            assert outcome.flags_set == ("signed",) and "signed" in game.flags
        seen.add(outcome.chance_index)
    assert seen == {0, 1}


def test_landed_consequences_are_explained_from_the_record(tutorial) -> None:
    game = play(tutorial, [1, 2, 1, 1], seed=0)
    outcome = game.choose("vote_yes")
    assert [(s.due_turn, s.text[:30]) for s in outcome.scheduled] == [
        (6, "Delayed consequence of your UN")]
    # due on turn 6, it lands as turn 6 begins: before the next card, in this outcome
    assert [(item.turn, item.origin_event, [(c.meter, c.amount) for c in item.changes])
            for item in outcome.landed] == [(6, "unga_vote", [("trust_us", 2)])]
    assert outcome.meters_next["trust_us"] == outcome.meters_after["trust_us"] + 2


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
    assert record(Game.replay(tutorial, seed, game.choices, compiled=compiled)) == record(game)


@settings(max_examples=40, deadline=None)
@given(games=st.lists(st.tuples(st.integers(0, 2**40), st.lists(st.integers(0, 4), max_size=10)),
                      min_size=1, max_size=12))
def test_a_batch_replay_agrees_with_replaying_one_game_at_a_time(tutorial, games) -> None:
    """Class results are verified in one batch: it must say exactly what Game.replay says."""
    from balancing_act.engine.batch import replay_many

    compiled = compile_scenario(tutorial)
    seeds, lists = [], []
    for seed, picks in games:
        game = Game(tutorial, seed, compiled=compiled)
        choices = []
        for pick in picks:
            if game.finished:
                break
            ids = [o.id for o in game.options] + ["nonsense"]
            choices.append(ids[pick % len(ids)])
            if choices[-1] == "nonsense" or not game.options[pick % len(ids)].available:
                break
            game.choose(choices[-1])
        seeds.append(seed)
        lists.append(choices)
    batch = replay_many(compiled, seeds, lists)
    for row, (seed, choices) in enumerate(zip(seeds, lists, strict=True)):
        try:
            single = Game.replay(tutorial, seed, choices, compiled=compiled)
        except GameError as err:
            assert batch.misfit[row] == str(err)
            continue
        assert batch.misfit[row] == "" and int(batch.fitted[row]) == len(choices)
        assert {m: round(float(v)) for m, v in zip(tutorial.meter_ids, batch.meters[row],
                                                   strict=True)} == single.meters
        assert bool(batch.finished[row]) == single.finished
        assert (int(batch.ending[row]) >= 0) == (single.ending is not None)

"""The batch rules' shortcuts give the very games the plain definitions give: the packed option
slots and the policies' look-up tables, the flat views of the state, and turning down cards
that cannot come up on a turn before asking the full question."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from balancing_act.analysis.policies import (
    alternating_policy,
    first_policy,
    last_policy,
    random_policy,
    slot_numbers,
)
from balancing_act.analysis.simulate import game_seeds
from balancing_act.engine import batch, compile_scenario
from balancing_act.engine.batch import play_many
from balancing_act.engine.random import PURPOSE_POLICY, uniform
from balancing_act.engine.state import new_state
from balancing_act.scenario import load_scenario
from tests.conftest import SCENARIOS

MASKS = np.array(list(itertools.product([False, True], repeat=4)), dtype=bool)  # all 16


def definition_random(state, available):
    """The random policy as first written: the rank-th available slot, by cumulative sums."""
    count = available.sum(axis=1)
    rank = np.floor(uniform(state.keys, state.turn, PURPOSE_POLICY) * count)
    return np.argmax(np.cumsum(available, axis=1) > rank[:, None], axis=1)


def definition_alternating(state, available):
    rank = np.minimum(state.decisions % 2, available.sum(axis=1) - 1)
    return np.argmax(np.cumsum(available, axis=1) > rank[:, None], axis=1)


def states_for(masks: np.ndarray, seed: int, turn: int, decisions: int):
    compiled = compile_scenario(load_scenario(SCENARIOS / "tutorial.yaml"))
    state = new_state(compiled, game_seeds(seed, masks.shape[0]))
    state.turn[:] = turn
    state.decisions[:] = decisions
    return state


def test_slot_numbers_read_each_slot_as_one_bit() -> None:
    assert slot_numbers(MASKS).tolist() == [sum(bit << k for k, bit in enumerate(row))
                                            for row in MASKS.astype(int)]
    # a mask that is not one contiguous bool array gives the same numbers
    assert slot_numbers(np.asfortranarray(MASKS.astype(np.int8))).tolist() == list(
        slot_numbers(MASKS))


@given(st.integers(0, 2**31), st.integers(1, 40), st.integers(0, 41))
def test_policies_by_table_choose_as_their_definitions(seed: int, turn: int,
                                                       decisions: int) -> None:
    masks = np.repeat(MASKS, 8, axis=0)
    state = states_for(masks, seed, turn, decisions)
    assert np.array_equal(random_policy(state, masks), definition_random(state, masks))
    assert np.array_equal(alternating_policy(state, masks),
                          definition_alternating(state, masks))
    assert np.array_equal(first_policy(state, masks), np.argmax(masks, axis=1))
    assert np.array_equal(last_policy(state, masks),
                          3 - np.argmax(masks[:, ::-1], axis=1))


@pytest.fixture(scope="module")
def campaign():
    return compile_scenario(load_scenario(SCENARIOS / "balancing_act.yaml"))


def test_turning_down_impossible_cards_first_changes_no_game(campaign) -> None:
    """The campaign's narrow windows make most random candidates impossible on their turn;
    asking every candidate the full question gives the same games."""
    asked_all = dataclasses.replace(campaign,
                                    draw_possible=np.ones_like(campaign.draw_possible))
    seeds = game_seeds(3, 4000)
    quick, full = (play_many(c, seeds, random_policy) for c in (campaign, asked_all))
    for field in ("ending", "meters", "decisions", "flags", "seen", "turn"):
        assert np.array_equal(getattr(quick, field), getattr(full, field)), field


def test_state_arrays_in_another_layout_are_still_updated(campaign, monkeypatch) -> None:
    """The rules write through flat views; a state whose tables are not in the layout the
    views need (a copy made elsewhere, say) plays the same games."""
    seeds = game_seeds(9, 500)
    expected = play_many(campaign, seeds, random_policy)
    original = batch.new_state

    def other_layout(compiled, seeds):
        state = original(compiled, seeds)
        state.seen = np.ascontiguousarray(state.seen)  # row-major, not column-major
        state.effect_due = np.asfortranarray(state.effect_due)
        state.event_due = np.asfortranarray(state.event_due)
        state.scheduled = np.asfortranarray(state.scheduled)
        return state

    monkeypatch.setattr(batch, "new_state", other_layout)
    played = play_many(campaign, seeds, random_policy)
    assert np.array_equal(played.ending, expected.ending)
    assert np.array_equal(played.seen, expected.seen)
    assert np.array_equal(played.meters, expected.meters)

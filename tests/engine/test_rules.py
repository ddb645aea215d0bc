"""Each rule of the engine on its own, with small scenarios built for the rule."""

from __future__ import annotations

import copy
from collections import Counter
from typing import Any

import numpy as np
import pytest

from balancing_act.analysis.policies import first_policy
from balancing_act.engine import Game, GameError, compile_scenario
from balancing_act.engine.batch import play_many
from tests.conftest import base_scenario, build


def card(event_id: str, options: list[dict[str, Any]] | None = None, **keys: Any) -> dict:
    return {"id": event_id, "title": event_id.title(), "text": f"Card {event_id}.",
            "options": options or [{"id": "ok", "label": "OK"}], **keys}


def scenario_with(events: list[dict], *, turns: int = 3, endings: list[dict] | None = None,
                  **extra: Any) -> Any:
    data = base_scenario()
    data.update(events=events, turns=turns, **extra)
    if endings is not None:
        data["endings"] = endings
    return build(data)


def test_event_eligibility_follows_when() -> None:
    scenario = scenario_with([
        card("early", when="turn == 1"),
        card("late", when="turn >= 2", once=False),
    ])
    game = Game(scenario, seed=1)
    assert game.event.id == "early"
    game.choose(1)
    assert game.event.id == "late"
    game.choose(1)
    assert game.event.id == "late"


def test_once_cards_are_not_repeated_and_repeatable_ones_are() -> None:
    scenario = scenario_with([card("a"), card("b"), card("c")], turns=3)
    for seed in range(20):
        game = Game(scenario, seed)
        shown = []
        while not game.finished:
            shown.append(game.event.id)
            game.choose(1)
        assert sorted(shown) == ["a", "b", "c"]
    repeat = scenario_with([card("again", once=False)], turns=4)
    game = Game(repeat, 0)
    for _ in range(4):
        assert game.event.id == "again"
        game.choose(1)
    assert game.finished


def test_weights_shape_the_draw() -> None:
    scenario = scenario_with([card("common", weight=9, once=False),
                              card("rare", weight=1, once=False)], turns=1)
    compiled = compile_scenario(scenario)
    counts = Counter(Game(scenario, seed, compiled=compiled).event.id for seed in range(4000))
    assert 0.87 < counts["common"] / 4000 < 0.93


def test_weight_zero_cards_only_arrive_as_follow_ups() -> None:
    scenario = scenario_with([
        card("opener", [{"id": "provoke", "label": "Provoke",
                         "later": [{"after": 2, "event": "reply"}]},
                        {"id": "calm", "label": "Calm"}], when="turn == 1"),
        card("filler", once=False, when="turn > 1"),
        card("reply", weight=0),
    ], turns=4)
    for seed in range(30):
        calm = Game(scenario, seed)
        calm.choose("calm")
        seen = [calm.event.id]
        while not calm.finished:
            calm.choose(1)
            seen.append(calm.event.id if calm.event else None)
        assert "reply" not in seen
    game = Game(scenario, 5)
    outcome = game.choose("provoke")
    assert outcome.scheduled[0].due_turn == 3 and outcome.scheduled[0].event_id == "reply"
    assert game.event.id == "filler"
    game.choose(1)
    assert game.turn == 3 and game.event.id == "reply"


def test_follow_up_is_dropped_when_its_condition_no_longer_holds() -> None:
    scenario = scenario_with([
        card("deal", [{"id": "sign", "label": "Sign", "set": ["signed"],
                       "later": [{"after": 2, "event": "threat"}]}], when="turn == 1"),
        card("cancel", [{"id": "cancel", "label": "Cancel", "clear": ["signed"]},
                        {"id": "keep", "label": "Keep"}], when="turn == 2"),
        card("filler", once=False, when="turn > 2"),
        card("threat", weight=0, when="flags.signed"),
    ], turns=3)
    kept = Game(scenario, 0)
    kept.choose("sign")
    kept.choose("keep")
    assert kept.event.id == "threat"
    cancelled = Game(scenario, 0)
    cancelled.choose("sign")
    cancelled.choose("cancel")
    assert cancelled.event.id == "filler"


def test_several_follow_ups_due_come_one_a_turn_oldest_first() -> None:
    scenario = scenario_with([
        card("one", [{"id": "x", "label": "X", "later": [{"after": 2, "event": "f1"}]}],
             when="turn == 1"),
        card("two", [{"id": "x", "label": "X", "later": [{"after": 1, "event": "f2"}]}],
             when="turn == 2"),
        card("filler", once=False, when="turn > 2"),
        card("f1", weight=0), card("f2", weight=0),
    ], turns=5)
    game = Game(scenario, 3)
    order = []
    while not game.finished:
        order.append(game.event.id)
        game.choose(1)
    assert order[:4] == ["one", "two", "f1", "f2"]


def test_effects_are_clamped_to_the_meter_range() -> None:
    scenario = scenario_with([card("big", [{"id": "up", "label": "Up",
                                            "effects": {"trust_us": 80, "autonomy": -90}}])],
                             turns=1, endings=[{"id": "end", "title": "End", "fallback": True}])
    game = Game(scenario, 0)
    outcome = game.choose("up")
    assert game.meters == {"autonomy": 0, "trust_us": 100}
    assert outcome.meters_after == {"autonomy": 0, "trust_us": 100}
    assert [(c.meter, c.amount) for c in outcome.changes] == [("trust_us", 80),
                                                               ("autonomy", -90)]


def test_chance_outcomes_follow_their_probabilities_and_the_seed() -> None:
    scenario = scenario_with([card("gamble", [{"id": "roll", "label": "Roll", "chance": [
        {"p": 0.25, "effects": {"autonomy": 10}, "outcome": "Won."},
        {"p": 0.75, "effects": {"autonomy": -10}, "outcome": "Lost."}]}])], turns=1)
    compiled = compile_scenario(scenario)
    results = []
    for seed in range(4000):
        outcome = Game(scenario, seed, compiled=compiled).choose("roll")
        results.append(outcome.chance_index)
        assert outcome.text == ("Won." if outcome.chance_index == 0 else "Lost.")
        assert outcome.chance_p == (0.25 if outcome.chance_index == 0 else 0.75)
    assert 0.22 < results.count(0) / 4000 < 0.28
    again = [Game(scenario, seed, compiled=compiled).choose("roll").chance_index
             for seed in range(200)]
    assert again == results[:200]


def test_flags_set_clear_and_conditions_read_them() -> None:
    scenario = scenario_with([
        card("first", [{"id": "s", "label": "Set", "set": ["a", "b"]}], when="turn == 1"),
        card("second", [{"id": "c", "label": "Clear", "clear": ["a"]},
                        {"id": "only_if_b", "label": "B", "when": "flags.b"}],
             when="turn == 2"),
        card("third", when="turn == 3 and not flags.a and flags.b"),
    ], turns=3, flags={"a": {"description": "A"}, "b": {"description": "B", "start": False}})
    game = Game(scenario, 0)
    first = game.choose("s")
    assert first.flags_set == ("a", "b") and game.flags == {"a", "b"}
    assert [o.available for o in game.options] == [True, True]
    second = game.choose("c")
    assert second.flags_cleared == ("a",) and game.flags == {"b"}
    assert game.event.id == "third"


def test_flags_can_start_true() -> None:
    scenario = scenario_with([card("a", [{"id": "x", "label": "X", "when": "flags.ready"},
                                         {"id": "y", "label": "Y", "clear": ["ready"]}])],
                             flags={"ready": {"start": True}})
    assert Game(scenario, 0).flags == {"ready"}


def test_unavailable_options_cannot_be_chosen() -> None:
    scenario = scenario_with([card("a", [{"id": "locked", "label": "Locked",
                                          "when": "autonomy > 90"},
                                         {"id": "open", "label": "Open"}])])
    game = Game(scenario, 0)
    assert [(o.id, o.available) for o in game.options] == [("locked", False), ("open", True)]
    with pytest.raises(GameError, match="option 'locked' is not available now"):
        game.choose("locked")
    with pytest.raises(GameError, match="'nope' is not an option of this card"):
        game.choose("nope")


def test_when_every_option_is_unavailable_the_first_is_offered() -> None:
    scenario = scenario_with([card("a", [{"id": "x", "label": "X", "when": "autonomy > 90"},
                                         {"id": "y", "label": "Y", "when": "autonomy > 95"}])])
    game = Game(scenario, 0)
    assert [o.available for o in game.options] == [True, False]


def test_delayed_effects_land_at_the_start_of_their_turn() -> None:
    scenario = scenario_with([
        card("a", [{"id": "x", "label": "X", "later": [
            {"after": 2, "effects": {"trust_us": -7}, "text": "Congress asks questions.",
             "set": ["questioned"]}]}], when="turn == 1"),
        card("filler", once=False, when="turn > 1"),
    ], turns=4)
    game = Game(scenario, 0)
    first = game.choose("x")
    assert first.landed == ()
    assert [(s.due_turn, s.text) for s in first.scheduled] == [(3, "Congress asks questions.")]
    assert [s.due_turn for s in game.pending] == [3]
    second = game.choose(1)
    assert len(second.landed) == 1
    landed = second.landed[0]
    assert landed.turn == 3 and landed.text == "Congress asks questions."
    assert [(c.meter, c.amount) for c in landed.changes] == [("trust_us", -7)]
    assert landed.origin == "'A': X"
    assert game.meters["trust_us"] == 43 and "questioned" in game.flags
    assert game.pending == []


def test_a_pending_consequence_is_not_scheduled_twice() -> None:
    scenario = scenario_with([card("a", [{"id": "x", "label": "X", "later": [
        {"after": 2, "effects": {"trust_us": -5}}]}], once=False)], turns=4)
    game = Game(scenario, 0)
    first = game.choose("x")  # turn 1: due on turn 3
    assert [s.due_turn for s in first.scheduled] == [3]
    second = game.choose("x")  # turn 2: already pending, so not doubled; then turn 3 begins
    assert second.scheduled == ()
    assert [c.amount for lnd in second.landed for c in lnd.changes] == [-5]
    game.choose("x")  # turn 3: due on turn 5, after the game's last turn
    game.choose("x")
    assert game.finished and game.meters["trust_us"] == 45


def test_immediate_ending_after_a_decision() -> None:
    scenario = scenario_with([card("a", [{"id": "up", "label": "Up",
                                          "effects": {"autonomy": 50}}], once=False)], turns=5)
    game = Game(scenario, 0)
    outcome = game.choose("up")
    assert outcome.ending_id == "high" and game.finished and game.turn == 1
    assert game.event is None and game.options == []
    with pytest.raises(GameError, match="the game has ended"):
        game.choose("up")


def test_immediate_ending_when_a_consequence_lands() -> None:
    scenario = scenario_with([
        card("a", [{"id": "x", "label": "X", "later": [{"after": 1,
                                                        "effects": {"autonomy": 60}}]}]),
        card("b", once=False),
    ], turns=5)
    game = Game(scenario, 0)
    outcome = game.choose("x")
    assert outcome.landed and outcome.ending_id == "high" and game.finished


def test_final_endings_in_file_order_then_fallback() -> None:
    endings = [
        {"id": "never", "title": "Never", "when": "autonomy > 1000"},
        {"id": "great", "title": "Great", "final": True, "when": "autonomy >= 70"},
        {"id": "good", "title": "Good", "final": True, "when": "autonomy >= 60"},
        {"id": "meh", "title": "Meh", "fallback": True},
    ]
    scenario = scenario_with([card("a", [{"id": "up", "label": "Up",
                                          "effects": {"autonomy": 10}},
                                         {"id": "stay", "label": "Stay"}], once=False)],
                             turns=2, endings=endings)
    results = {}
    for plan in (["up", "up"], ["up", "stay"], ["stay", "stay"]):
        game = Game(scenario, 0)
        for choice in plan:
            game.choose(choice)
        results[tuple(plan)] = game.ending.id
    assert results == {("up", "up"): "great", ("up", "stay"): "good",
                       ("stay", "stay"): "meh"}


def test_running_out_of_cards_ends_the_game_with_final_endings() -> None:
    scenario = scenario_with([card("a"), card("b")], turns=5)
    game = Game(scenario, 0)
    game.choose(1)
    game.choose(1)
    assert game.finished and game.ending.id == "plain" and game.turn == 2


def test_batch_and_single_games_agree() -> None:
    data = copy.deepcopy(base_scenario())
    data["events"].append(card("gamble", [{"id": "roll", "label": "Roll", "chance": [
        {"p": 0.5, "effects": {"trust_us": 10}}, {"p": 0.5, "effects": {"trust_us": -10}}]}],
        once=False))
    data["turns"] = 6
    scenario = build(data)
    compiled = compile_scenario(scenario)
    seeds = np.arange(300)
    result = play_many(compiled, seeds, first_policy)
    for seed in seeds:
        game = Game(scenario, int(seed), compiled=compiled)
        while not game.finished:
            game.choose(next(o.number for o in game.options if o.available))
        assert game.ending.id == scenario.file.endings[result.ending[seed]].id
        assert list(game.meters.values()) == result.meters[seed].tolist()
        assert game.turn == result.decisions[seed]


def test_a_dated_card_never_comes_after_a_later_one() -> None:
    scenario = scenario_with([
        card("summit", date="2021-12"),
        card("deal", date="2019"),
        card("talks", date="2021"),  # a year covers its months: it may follow 2021-12
        card("filler", once=False),  # undated cards are always eligible
    ], turns=4)
    compiled = compile_scenario(scenario)
    orders = Counter()
    for seed in range(300):
        game = Game(scenario, seed, compiled=compiled)
        shown = []
        while not game.finished:
            shown.append(game.event.id)
            game.choose(1)
        dated = [c for c in shown if c != "filler"]
        orders[tuple(dated)] += 1
        if "deal" in dated:
            assert dated.index("deal") == 0
    assert ("summit", "talks") in orders and ("talks", "summit") in orders
    assert ("deal", "summit", "talks") in orders or ("deal", "talks", "summit") in orders
    result = play_many(compiled, np.arange(300), first_policy)
    assert result.seen.any(axis=0).all()

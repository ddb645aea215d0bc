"""The timing mistakes no other check explains, each planted in a small scenario that is
otherwise clean, with the exact warning that names its cause."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from balancing_act.scenario.lint import lint
from tests.conftest import build


def card(card_id: str, when: str | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": card_id, "title": card_id.title(), "text": f"The {card_id} card.",
        "history": "What happened.",
        "options": [{"id": f"{card_id}_a", "label": "Engage", "effects": {"autonomy": 4,
                                                                           "trust_us": 2}},
                    {"id": f"{card_id}_b", "label": "Hold back",
                     "effects": {"autonomy": -4, "trust_us": -2}}]}
    if when is not None:
        data["when"] = when
    data.update(extra)
    return data


def timed() -> dict[str, Any]:
    """Eight turns: an opening whose first option sends a visit two turns on, a summit fixed
    on turn 2, a repeating card for the rest, and the visit itself (a follow-up only)."""
    opening = card("opening", "turn == 1")
    opening["options"][0]["later"] = [{"after": 2, "event": "visit"}]
    return {
        "format": 1, "id": "timed", "title": "Timed", "turns": 8,
        "meters": {"autonomy": {"label": "Strategic autonomy", "start": 50},
                   "trust_us": {"label": "Trust in Washington", "start": 50}},
        "events": [opening, card("summit", "turn == 2"),
                   card("routine", "turn >= 3", once=False), card("visit", weight=0)],
        "endings": [{"id": "collapse", "title": "Collapse", "when": "autonomy <= 20"},
                    {"id": "good", "title": "Good", "final": True, "when": "autonomy >= 60"},
                    {"id": "plain", "title": "Plain", "fallback": True}],
        "debrief": {"questions": ["Why?"]},
    }


def warnings(data: dict[str, Any]) -> list[str]:
    return [p.message for p in lint(build(data))]


def test_the_timed_scenario_is_clean() -> None:
    assert warnings(timed()) == []


def follow_up_on_turn_2(data: dict[str, Any]) -> None:
    data["events"][0]["options"][0]["later"][0]["after"] = 1


def follow_up_with_weight(data: dict[str, Any]) -> None:
    del data["events"][3]["weight"]


def forgot_final(data: dict[str, Any]) -> None:
    data["endings"][1] = {"id": "early", "title": "Early", "when": "autonomy >= 40"}


def due_after_the_end(data: dict[str, Any]) -> None:
    data["events"][1]["options"][1]["later"] = [{"after": 9, "effects": {"autonomy": 5},
                                                 "text": "It lands."}]


def card_after_the_last_turn(data: dict[str, Any]) -> None:
    data["events"].append(card("ninth", "turn == 9"))


def hidden_ending(data: dict[str, Any]) -> None:
    data["endings"].insert(1, {"id": "deep_collapse", "title": "Deep collapse",
                               "when": "autonomy <= 10 and trust_us < 50"})


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("a follow-up takes a fixed-turn card's turn", follow_up_on_turn_2,
     "'summit' (turn 2 only) loses its turn when 'visit' is due on turn 2: a follow-up comes "
     "first, and then this card's turn has passed"),
    ("a follow-up without weight 0", follow_up_with_weight,
     "follow-up 'visit' can be drawn on turn 1 before anything sends it: give it `weight: 0`"),
    ("an ending that holds at the start", forgot_final,
     "ending 'early' holds at the start: every game whose first decision leaves it so ends "
     "there; did you mean `final: true`?"),
    ("a later due after the last turn", due_after_the_end,
     "the `later` of option 'summit_b' is due on turn 11, after the last turn 8: it never "
     "lands"),
    ("a card set for a turn after the last", card_after_the_last_turn,
     "event 'ninth' can never appear: its condition can never hold on turns 1-8"),
    ("an ending hidden behind an earlier one", hidden_ending,
     "ending 'deep_collapse' can never be reached: whenever it holds, the earlier ending "
     "'collapse' holds too (endings are checked in file order)"),
]


@pytest.mark.parametrize(("name", "plant", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_timing_mistake_is_named(name: str, plant: Callable[[dict[str, Any]], None],
                                      expected: str) -> None:
    data = timed()
    plant(data)
    assert expected in warnings(data)


def test_a_follow_up_that_the_sender_rules_out_keeps_the_card() -> None:
    """The tutorial's pattern: signers get the follow-up on turn 3, the others a card that
    needs `not flags.signed`, so no game loses a turn."""
    data = timed()
    follow_up_on_turn_2(data)
    data["events"][0]["options"][0]["set"] = ["signed"]
    data["events"][1]["when"] = "turn == 2 and not flags.signed"
    data["events"][1]["options"][0]["clear"] = ["signed"]
    assert not any("loses its turn" in m for m in warnings(data))


def test_cards_that_share_their_turns_are_a_pool_and_not_reported() -> None:
    data = timed()
    follow_up_on_turn_2(data)
    data["events"].insert(2, card("second_summit", "turn == 2"))
    assert not any("loses its turn" in m for m in warnings(data))


def test_a_looser_ending_after_a_stricter_one_is_fine() -> None:
    data = timed()
    data["endings"].insert(0, {"id": "deep_collapse", "title": "Deep collapse",
                               "when": "autonomy <= 10"})
    assert warnings(data) == []

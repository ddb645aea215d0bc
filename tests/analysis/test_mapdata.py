"""The map's data: the turns each card can come up on (worked out from the file alone), the
nodes and edges of the CLASSIC fixture and of a scenario with every kind of link, and the reach
rates of the seeded games, checked against the balance analyser's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancing_act.analysis.mapdata import (
    MapTally,
    Port,
    ScenarioMap,
    build_map,
    played_timing,
)
from balancing_act.analysis.policies import random_policy
from balancing_act.analysis.simulate import game_seeds, simulate
from balancing_act.engine.batch import play_many
from balancing_act.engine.compiled import compile_scenario
from balancing_act.resources import shipped_scenario_files
from balancing_act.scenario import Scenario, load_scenario
from tests.conftest import CLASSIC, base_scenario, build

LINKS = Path(__file__).resolve().parents[1] / "fixtures" / "links.yaml"


def card(port: str, row: str = "") -> Port:
    return Port(f"card:{port}", row)


def edges(scenario_map: ScenarioMap) -> set[tuple[str, Port, Port, str, bool]]:
    return {(e.kind, e.source, e.target, e.label, e.in_time) for e in scenario_map.edges}


@pytest.fixture(scope="module")
def classic() -> ScenarioMap:
    return build_map(load_scenario(CLASSIC), games=2_000, seed=0)


@pytest.fixture(scope="module")
def links() -> ScenarioMap:
    return build_map(load_scenario(LINKS), games=2_000, seed=0)


def test_classic_nodes(classic: ScenarioMap) -> None:
    assert [(c.id, c.line, c.turns, c.sent_by, c.never) for c in classic.cards] == [
        ("first_two_plus_two", 82, (1,), (), ""), ("s400_contract", 113, (2,), (), ""),
        ("caatsa_shadow", 161, (3,), (0, 1), ""), ("fleet_upkeep", 199, (3,), (), ""),
        ("malabar_2020", 232, (4,), (), ""), ("unga_vote", 273, (5,), (), ""),
        ("discounted_crude", 320, (6,), (), ""), ("vostok_2022", 372, (7,), (), ""),
        ("samarkand_2022", 404, (8,), (), "")]
    assert [(c.number, c.source, c.event, c.turns, c.lands) for c in classic.consequences] == [
        (0, card("s400_contract", "option:0"), "caatsa_shadow", (3,), False),
        (1, card("s400_contract", "option:1"), "caatsa_shadow", (3,), False),
        (2, card("unga_vote", "option:0"), None, (6,), True),
        (3, card("unga_vote", "option:1"), None, (6,), True),
        (4, card("unga_vote", "option:2"), None, (6,), True),
        (5, card("discounted_crude", "option:0"), None, (7,), True),
        (6, card("discounted_crude", "option:1"), None, (7,), True),
        (7, card("discounted_crude", "option:2"), None, (7,), True)]
    assert [(e.id, e.order, e.kind, e.line) for e in classic.endings] == [
        ("junior_ally", 1, "immediate", 439), ("moscow_client", 2, "immediate", 448),
        ("balanced", 3, "final", 457), ("tilted_west", 4, "final", 467),
        ("tilted_moscow", 5, "final", 477), ("muddled", 6, "fallback", 486)]


def test_classic_edges(classic: ScenarioMap) -> None:
    assert edges(classic) == {
        ("follow_up", card("s400_contract", "option:0"), card("caatsa_shadow"), "+1 turn", True),
        ("follow_up", card("s400_contract", "option:1"), card("caatsa_shadow"), "+1 turn", True),
        ("flag", card("s400_contract", "option:0"), card("fleet_upkeep"), "not s400_signed",
         True),
        ("flag", card("s400_contract", "option:1"), card("fleet_upkeep"), "not s400_signed",
         True),
        *(("lands", card(event, f"option:{k}"), Port(f"later:{n}"), "+1 turn", True)
          for event, first in (("unga_vote", 2), ("discounted_crude", 5))
          for k, n in enumerate(range(first, first + 3)))}
    (flag,) = classic.flags
    assert (flag.id, [(w.port, w.action, w.line, w.turns) for w in flag.writes],
            [(r.port, r.line, r.negated) for r in flag.reads]) == (
        "s400_signed",
        [(card("s400_contract", "option:0"), "set", 141, (3,)),
         (card("s400_contract", "option:1"), "set", 148, (3,))],
        [(card("fleet_upkeep"), 202, True)])


def test_every_kind_of_link(links: ScenarioMap) -> None:
    assert [(c.id, c.line, c.turns, c.never) for c in links.cards] == [
        ("opening", 15, (1,), ""), ("reminder", 34, (2,), ""), ("kept", 44, (2, 3, 4), ""),
        ("echo", 55, (3, 4), ""), ("routine", 68, (1, 2, 3, 4), ""),
        ("ghost", 75, (), "its condition can never hold on a turn it could come up on")]
    echo = links.card("echo")
    assert [(o.id, o.line, o.when, o.turns) for o in echo.options] == [
        ("listen", 60, None, (3, 4)), ("recall", 64, "flags.promised", (3, 4))]
    assert [(c.number, c.source, c.line, c.event, c.after, c.turns, c.lands)
            for c in links.consequences] == [
        (0, card("opening", "option:0"), 24, "reminder", 1, (2,), False),
        (1, card("opening", "option:1/chance:0"), 31, None, 2, (3,), True),
        (2, card("echo", "option:0"), 63, None, 5, (8, 9), True)]
    writers = [card("opening", "option:0"), Port("later:1"), card("reminder", "option:1")]
    readers = [card("kept"), card("echo", "option:1"), Port("ending:promised_end")]
    assert edges(links) == {
        ("follow_up", card("opening", "option:0"), card("reminder"), "+1 turn", True),
        ("lands", card("opening", "option:1/chance:0"), Port("later:1"), "+2 turns", True),
        ("lands", card("echo", "option:0"), Port("later:2"), "+5 turns", True),
        ("seen", card("opening"), card("echo"), "seen", True),
        *(("flag", w, r, "promised", True) for w in writers for r in readers)}
    (flag,) = links.flags
    assert [(w.port, w.action, w.line, w.turns) for w in flag.writes] == [
        (writers[0], "set", 20, (2,)), (writers[1], "set", 31, (3,)),
        (writers[2], "clear", 41, (3,))]
    assert [(r.port, r.line, r.negated) for r in flag.reads] == [
        (readers[0], 47, False), (readers[1], 66, False), (readers[2], 89, False)]


def test_links_reach(links: ScenarioMap) -> None:
    """What the games did fits what the file allows: the never-card is never shown, the
    consequence due after the last turn never lands, the follow-up comes exactly as often as
    the option that sends it is chosen."""
    ghost, routine = links.card("ghost"), links.card("routine")
    assert ghost.reach == 0 and sum(ghost.by_turn) == 0
    assert routine.reach > 0.9 and not routine.once
    late = links.consequences[2]
    assert late.sent > 0 and late.landed == 0
    assert links.consequences[0].landed is None  # it only sends a card
    assert links.consequences[1].landed == pytest.approx(links.consequences[1].sent)
    assert links.card("reminder").reach == pytest.approx(links.consequences[0].sent)
    assert links.full_length == 1.0 and (links.games, links.seed) == (2_000, 0)


def test_when_a_card_can_come_up() -> None:
    """Turn conditions, a flag set by a choice (it counts from the next turn), a flag set by a
    consequence (from the turn it lands), a follow-up's delay, a `seen` chain, and a card whose
    only sender is chosen after the last turn."""
    data = base_scenario()
    data["turns"] = 6
    data["events"] = [
        {"id": "start", "title": "Start", "text": "t", "when": "turn == 1", "options": [
            {"id": "mark", "label": "Mark", "set": ["marked"]},
            {"id": "slow", "label": "Slow",
             "later": [{"after": 3, "set": ["slow_mark"], "effects": {"autonomy": 1}}]}]},
        {"id": "marked_card", "title": "M", "text": "t", "when": "flags.marked",
         "options": [{"id": "ok", "label": "OK"}]},
        {"id": "slow_card", "title": "S", "text": "t", "when": "flags.slow_mark",
         "options": [{"id": "ok", "label": "OK"}]},
        {"id": "chain", "title": "C", "text": "t", "when": "seen.marked_card",
         "options": [{"id": "ok", "label": "OK", "later": [{"after": 2, "event": "sent"}]}]},
        {"id": "sent", "title": "Sent", "text": "t", "weight": 0,
         "options": [{"id": "ok", "label": "OK"}]},
        {"id": "too_late", "title": "L", "text": "t", "when": "turn == 6",
         "options": [{"id": "ok", "label": "OK", "later": [{"after": 1, "event": "orphan"}]}]},
        {"id": "orphan", "title": "O", "text": "t", "weight": 0,
         "options": [{"id": "ok", "label": "OK"}]},
    ]
    scenario = build(data)
    timing = played_timing(scenario)
    turns = {e.id: sorted(timing.shown(e.id)) for e in scenario.file.events}
    assert turns == {"start": [1], "marked_card": [2, 3, 4, 5, 6], "slow_card": [4, 5, 6],
                     "chain": [3, 4, 5, 6], "sent": [5, 6], "too_late": [6], "orphan": []}
    assert timing.due[len(timing.sendings) - 1] == {7}  # too_late's: after the last turn
    assert timing.flag_true_from == {"marked": 2, "slow_mark": 4}
    assert timing.seen_from["marked_card"] == 3
    never = build_map(scenario, games=50).card("orphan").never
    assert never == "it is only sent after the last turn (6)"


def test_why_a_card_never_comes_up() -> None:
    data = base_scenario()
    data["events"].append({"id": "unsent", "title": "U", "text": "t", "weight": 0,
                           "options": [{"id": "ok", "label": "OK"}]})
    data["events"].append({"id": "locked", "title": "L", "text": "t", "weight": 0,
                           "options": [{"id": "ok", "label": "OK"}]})
    data["events"].append({"id": "sender", "title": "S", "text": "t", "when": "turn == 9",
                           "options": [{"id": "go", "label": "Go",
                                        "later": [{"after": 1, "event": "locked"}]}]})
    scenario_map = build_map(build(data), games=20)
    assert scenario_map.card("unsent").never == "it has weight 0 and no 'later' sends it"
    assert scenario_map.card("locked").never == "no option that sends it can be chosen"


def test_options_that_are_never_available_fall_back_to_the_first() -> None:
    """When no option's condition can hold, the engine offers the first; so does the map."""
    data = base_scenario()
    data["events"][0]["options"] = [
        {"id": "a", "label": "A", "when": "turn > 10"},
        {"id": "b", "label": "B", "when": "turn > 20"}]
    assert played_timing(build(data)).options["only"] == [{1, 2, 3}, set()]


def test_reach_agrees_with_the_balance_analyser() -> None:
    scenario = load_scenario(CLASSIC)
    scenario_map = build_map(scenario, games=3_000, seed=7)
    report = simulate(scenario, runs=3_000, seed=7, compare=False)
    assert [c.reach for c in scenario_map.cards] == pytest.approx(
        [e.reach_rate for e in report.events], abs=1e-12)
    assert [e.reach for e in scenario_map.endings] == pytest.approx(
        [e.rate for e in report.endings], abs=1e-12)
    options = {(o.event_id, o.option_id): o.pick_rate for o in report.options}
    assert {(c.id, o.id): o.picked for c in scenario_map.cards for o in c.options} == \
        pytest.approx(options, abs=1e-12)
    for node in scenario_map.cards:  # each card is shown at most once: the turns add up
        assert sum(node.by_turn) == pytest.approx(node.reach)


def observed_turns(scenario: Scenario, games: int) -> dict[int, set[int]]:
    """The turns on which seeded random games showed each card."""
    compiled = compile_scenario(scenario)
    tally = MapTally(compiled, games)
    play_many(compiled, game_seeds(3, games), random_policy, tally)
    return {e: {t + 1 for t in np.nonzero(tally.cards_by_turn[:, e])[0].tolist()}
            for e in range(len(scenario.file.events))}


@pytest.mark.parametrize("path", shipped_scenario_files(), ids=lambda p: p.stem)
def test_games_only_show_cards_on_turns_the_map_allows(path: Path) -> None:
    scenario = load_scenario(path)
    timing = played_timing(scenario)
    for e, shown in observed_turns(scenario, 1_000).items():
        card = scenario.file.events[e].id
        assert shown <= timing.shown(card), card


_FLAGS = ["f", "g"]
_condition = st.one_of(
    st.none(),
    st.sampled_from(["turn == 2", "turn >= 3", "turn <= 2", "flags.f", "not flags.f",
                     "flags.g and turn >= 2", "seen.c0", "not seen.c1", "autonomy >= 55",
                     "flags.f or turn == 4"]))
_later = st.fixed_dictionaries({"after": st.integers(1, 3)}, optional={
    "event": st.sampled_from(["c0", "c1", "c2", "c3"]),
    "set": st.lists(st.sampled_from(_FLAGS), max_size=1, unique=True)})


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """Small scenarios with turn and flag conditions, `seen`, follow-ups and delayed flags."""
    data = base_scenario()
    data["turns"] = draw(st.integers(2, 5))
    events = []
    for n in range(4):
        options = []
        for k in range(draw(st.integers(1, 2))):
            option: dict[str, Any] = {"id": f"o{k}", "label": f"O{k}",
                                      "effects": {"autonomy": draw(st.integers(-10, 10))}}
            flag = draw(st.sampled_from([None, "f", "g"]))
            if flag:
                option[draw(st.sampled_from(["set", "clear"]))] = [flag]
            laters = [x for x in draw(st.lists(_later, max_size=1))
                      if "event" in x or x.get("set")]
            if laters:
                option["later"] = laters
            options.append(option)
        event: dict[str, Any] = {"id": f"c{n}", "title": f"C{n}", "text": "t",
                                 "weight": draw(st.sampled_from([0, 1, 2])),
                                 "once": draw(st.booleans()), "options": options}
        when = draw(_condition)
        if when is not None:
            event["when"] = when
        events.append(event)
    events.append({"id": "filler", "title": "F", "text": "t", "once": False, "weight": 0.1,
                   "options": [{"id": "ok", "label": "OK", "set": ["f"]}]})
    data["events"] = events
    data["flags"] = {"g": {"start": draw(st.booleans())}}
    return data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_analysis_never_rules_out_a_turn_a_game_shows(data: dict[str, Any]) -> None:
    """Over-approximation: every (card, turn) a game shows is one the analysis allows."""
    scenario = build(data)
    timing = played_timing(scenario)
    for e, shown in observed_turns(scenario, 300).items():
        assert shown <= timing.shown(scenario.file.events[e].id)



def test_games_in_chunks_count_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many games are played in chunks (bounded memory); the figures do not change."""
    import balancing_act.analysis.mapdata as mapdata

    scenario = load_scenario(LINKS)
    whole = build_map(scenario, games=900, seed=2)
    monkeypatch.setattr(mapdata, "CHUNK", 250)
    chunked = build_map(scenario, games=900, seed=2)
    assert chunked == whole

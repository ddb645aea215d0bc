"""Hidden counters, `set:` of a meter to a value, and option templates: loaded, played, shown
(or not) to the player, and every mistake named."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from balancing_act.engine import Game
from balancing_act.engine.batch import replay_many
from balancing_act.engine.compiled import compile_scenario
from balancing_act.play.playthrough import Playthrough
from balancing_act.scenario import ScenarioError
from balancing_act.scenario.lint import lint
from tests.conftest import base_scenario, build


def counted() -> dict[str, Any]:
    """A hidden counter of snubs: 'down' adds one, a third snub ends the game; 'up' resets it
    to 0 by `set:`, and a consequence later sets autonomy to 40."""
    data = base_scenario()
    data["turns"] = 6
    data["meters"]["snubs"] = {"label": "Snubs", "start": 0, "min": 0, "max": 10,
                               "hidden": True}
    up, down = data["events"][0]["options"]
    up["set"] = [{"snubs": 0}]
    down["effects"]["snubs"] = 1
    down["later"] = [{"after": 2, "set": [{"autonomy": 40}], "text": "Autonomy is {autonomy}."}]
    data["endings"].insert(0, {"id": "snubbed", "title": "Snubbed", "when": "snubs >= 3"})
    return data


def test_a_hidden_counter_is_read_by_conditions_and_set_to_a_value() -> None:
    scenario = build(counted())
    game = Game(scenario, 1)
    for choice in ("down", "down", "up", "down", "down", "down"):
        game.choose(choice)
        if game.finished:
            break
    assert game.ending.id == "snubbed" and game.meters["snubs"] == 3
    assert len(game.history) == 6


def test_set_is_explained_as_a_change_to_the_value() -> None:
    game = Game(build(counted()), 1)
    game.choose("down")
    second = game.choose("down")  # the first snub's consequence lands before turn 3
    assert [(c.meter, c.amount) for c in second.landed[0].changes] == [("autonomy", 10)]
    assert game.meters["autonomy"] == 40
    outcome = game.choose("up")
    assert [(c.meter, c.amount, c.cause) for c in outcome.changes] == [
        ("autonomy", 10, "'Only card': Up"), ("snubs", -2, "'Only card': Up (set to 0)")]


def test_the_player_never_sees_a_hidden_counter() -> None:
    play = Playthrough(Game(build(counted()), 1))
    assert [m.id for m in play.meters()] == ["autonomy", "trust_us"]
    assert [m[0] for m in play.briefing().meters] == ["Strategic autonomy",
                                                      "Trust in Washington"]
    assert all("Snubs" not in e.text for o in play.card().options for e in o.effects)
    outcome = play.choose("down")
    assert [c.meter for c in outcome.changes] == ["autonomy"]
    play.choose("down")
    view = play.card()
    assert view.landing[0].text == "Autonomy is 40."
    while not play.finished:
        play.choose(1)
    debrief = play.debrief()
    assert debrief.meter_ids == ("autonomy", "trust_us")
    assert all("snubs" not in point for point in debrief.track)


def test_batch_replays_agree_with_games_when_meters_are_set() -> None:
    scenario = build(counted())
    choices = [["down", "up", "down", "down", "up", "down"], ["down"] * 6, ["up"] * 6]
    games = []
    for seed, picks in enumerate(choices):
        game = Game(scenario, seed)
        for pick in picks:
            if game.finished:
                break
            game.choose(pick)
        games.append(game)
    replay = replay_many(compile_scenario(scenario), list(range(3)),
                         [g.choices for g in games])
    for row, game in enumerate(games):
        assert [round(float(v)) for v in replay.meters[row]] == list(game.meters.values())


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d["events"][0]["options"][0].__setitem__("set", [{"snub": 0}]),
     "unknown meter 'snub' (did you mean 'snubs'?)"),
    (lambda d: d["events"][0]["options"][0].__setitem__("set", [{"snubs": 11}]),
     "meter 'snubs' goes from 0 to 10; it cannot be set to 11"),
])
def test_a_bad_set_is_named(edit, message: str) -> None:
    data = counted()
    edit(data)
    with pytest.raises(ScenarioError) as caught:
        build(data)
    assert [p.message for p in caught.value.problems] == [message]


def templated() -> dict[str, Any]:
    data = base_scenario()
    data["templates"] = {"hedge": {"label": "Hedge", "effects": {"autonomy": 3},
                                   "outcome": "You hedge."}}
    data["events"][0]["options"] += [{"id": "hedge", "use": "hedge"},
                                     {"id": "hedge_more", "use": "hedge", "label": "Hedge more",
                                      "effects": {"autonomy": 6}}]
    return data


def test_an_option_takes_its_template_and_its_own_keys_on_top() -> None:
    options = build(templated()).file.events[0].options
    assert [(o.id, o.label, o.effects, o.outcome) for o in options[2:]] == [
        ("hedge", "Hedge", {"autonomy": 3}, "You hedge."),
        ("hedge_more", "Hedge more", {"autonomy": 6}, "You hedge.")]


def test_an_unknown_template_is_named_once() -> None:
    data = templated()
    data["events"][0]["options"][2]["use"] = "hedg"
    with pytest.raises(ScenarioError) as caught:
        build(data)
    assert [p.message for p in caught.value.problems] == [
        "unknown template 'hedg' (did you mean 'hedge'?)"]


def test_a_mistake_in_a_template_is_reported_once_in_the_template() -> None:
    data = templated()
    data["templates"]["hedge"]["effects"] = {"autonomy": 3, "nometer": 1}
    data["templates"]["hedge"]["outcome"] = "You hedge on {nope}."
    with pytest.raises(ScenarioError) as caught:
        build(data)
    text = yaml.safe_dump(data, sort_keys=False).split("\n")
    found = [(p.line, p.message.split(";")[0]) for p in caught.value.problems]
    assert found == [
        (next(n for n, t in enumerate(text, 1) if "nometer" in t), "unknown meter 'nometer'"),
        (next(n for n, t in enumerate(text, 1) if "{nope}" in t),
         "unknown name 'nope' in the text")]
    assert all(line > text.index("templates:") for line, _ in found)  # not the options'


def test_a_template_no_option_uses_is_a_warning() -> None:
    data = templated()
    data["templates"]["spare"] = {"label": "Spare", "effects": {"autonomy": 1}}
    warnings = [p.message for p in lint(build(data))]
    assert ("template 'spare' is not used by any option (`use: spare`); its keys are checked "
            "only where an option uses it") in warnings
    assert not any("'hedge' is not used" in w for w in warnings)

"""The play layer: what every front end shows of a game, computed once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from balancing_act.engine import Game, GameError
from balancing_act.play.catalog import Catalog
from balancing_act.play.explain import describe_condition
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.scenario import load_scenario
from tests.conftest import CLASSIC, ROOT, base_scenario, build


@pytest.fixture(scope="module")
def classic():
    return load_scenario(CLASSIC)


def playing(scenario, rules: PlayRules | None = None, seed: int = 1, **kwargs) -> Playthrough:
    return Playthrough(Game(scenario, seed), rules or PlayRules(), Catalog("en"), **kwargs)


def test_previews_follow_the_level(classic) -> None:
    numbers = playing(classic, PlayRules(preview="numbers")).card().options[0]
    assert numbers.preview_text == "Trust in Washington +5, Security +3, Strategic autonomy -2"
    assert [(e.meter, e.amount) for e in numbers.effects] == [
        ("trust_us", 5), ("security", 3), ("autonomy", -2)]
    dots = playing(classic, PlayRules(preview="dots")).card().options[0]
    assert dots.preview_text == "Trust in Washington ••, Security •, Strategic autonomy •"
    assert all(e.amount is None for e in dots.effects)
    hidden = playing(classic, PlayRules(preview="none")).card().options[0]
    assert hidden.preview_text == "" and hidden.effects == ()
    scenario_level = playing(classic).card()  # the classic tutorial sets numbers
    assert scenario_level.preview_level == "numbers"


def test_uncertain_options_show_each_result_with_its_chance(classic) -> None:
    play = playing(classic, PlayRules(preview="numbers"))
    for choice in (1, 2, 1):
        play.choose(choice)
    card = play.card()
    assert card.event_id == "malabar_2020"
    option = card.options[1]
    assert option.uncertain and option.badge == "uncertain"
    assert [r.text for r in option.results] == [
        "50%: Trust in Washington +4, Security +3, Trust in Moscow -1",
        "50%: Trust in Washington +1, Security +3, Strategic autonomy -2"]
    assert option.preview_text.startswith("uncertain: 50%: Trust in Washington +4")
    assert not playing(classic, PlayRules(preview="none")).card().options[0].uncertain


def test_locked_options_say_why() -> None:
    data = base_scenario()
    data["events"][0]["options"][1]["when"] = "trust_us >= 60 and not flags.signed"
    data["events"][0]["options"][0]["set"] = ["signed"]
    data["flags"] = {"signed": {"description": "India signed the accord."}}
    play = playing(build(data))
    locked = play.card().options[1]
    assert not locked.available
    assert locked.locked_reason == ("needs: Trust in Washington at 60 or more and not “India "
                                    "signed the accord”")
    with pytest.raises(GameError) as caught:
        play.choose(2)
    assert str(caught.value) == f"Option 2 is not available now: {locked.locked_reason}."


def test_conditions_in_player_words(classic) -> None:
    t = Catalog("en")
    assert describe_condition("autonomy > 40 or seen.unga_vote", classic, t) == \
        "Strategic autonomy at more than 40 or “The vote on Ukraine (2 March 2022)” first"
    assert describe_condition("turn >= 3", classic, t) == "turn 3 or more"
    assert describe_condition("40 <= trust_russia", classic, t) == "Trust in Moscow at 40 or more"


def test_meters_carry_the_goal_and_the_values_that_end_the_game(classic) -> None:
    meters = {m.id: m for m in playing(classic).card().meters}
    assert [(k.kind, k.value, k.text) for k in meters["autonomy"].marks] == [
        ("danger", 10.0, "The game ends at 10 or less"), ("goal", 60.0, "Goal: 60 or more")]
    assert [(k.kind, k.value) for k in meters["trust_us"].marks] == [
        ("danger", 90.0), ("goal", 45.0)]
    assert meters["security"].marks == ()


def test_a_meter_near_an_end_of_the_game_warns() -> None:
    data = base_scenario()
    data["meters"]["autonomy"]["start"] = 92
    meters = {m.id: m for m in playing(build(data)).card().meters}
    assert meters["autonomy"].warning == "Strategic autonomy is 8 from 100, where the game ends"
    assert meters["trust_us"].warning == ""


def test_consequences_land_on_their_own_turn_and_are_listed_before(classic) -> None:
    play = playing(classic, seed=0)
    for choice in (1, 2, 1, 1):
        play.choose(choice)
    outcome = play.choose("vote_yes")
    assert outcome.scheduled == ("Later, on turn 6: Delayed consequence of your UN vote: at "
                                 "the fourth 2+2 in Washington (11 April 2022) the yes vote "
                                 "makes for easier talks.",)
    card = play.card()
    assert card.turn == 6 and len(card.landing) == 1
    landing = card.landing[0]
    assert landing.changes == ("Trust in Washington +2",)
    assert landing.origin == "because of your choice on “The vote on Ukraine (2 March 2022)”: " \
        "Vote yes with the majority"


def test_what_india_did_is_told_when_the_rules_say(tmp_path: Path) -> None:
    data = base_scenario()
    data["events"][0]["options"][0]["historical"] = True
    data["events"][0]["history"] = "India went up."
    scenario = build(data)
    at_once = playing(scenario, PlayRules(reveal="immediate"))
    outcome = at_once.choose(2)
    assert outcome.history == "India chose: Up" and outcome.history_text == "India went up."
    assert at_once.choose(1).history == "India made this choice too."
    later = playing(scenario, PlayRules(reveal="debrief")).choose(1)
    assert later.history == "" and later.history_text == ""


def test_ending_says_whether_the_goal_was_met_and_why(classic) -> None:
    play = playing(classic, seed=0)
    for choice in (1, 2, 1, 1, 2, 2, 2, 2):
        play.choose(choice)
    ending = play.ending()
    assert ending.id == "balanced" and ending.goal_met and ending.verdict == "You met the goal."
    play = playing(classic, seed=0)
    for choice in (2, 1, 1, 3, 3, 1, 1, 1):
        play.choose(choice)
    ending = play.ending()
    assert ending.id == "moscow_client" and not ending.goal_met
    assert ending.reasons[0] == "Trust in Moscow reached 93 (the game ends at 90 or more)."
    assert "Trust in Washington 11: the goal needed 45 or more." in ending.reasons


def test_a_game_stopped_early_has_a_debrief_only_when_asked_for_one_so_far() -> None:
    data = yaml.safe_load(CLASSIC.read_text(encoding="utf-8"))
    data["events"][0]["options"][0]["historical"] = True
    play = playing(build(data), seed=0)
    with pytest.raises(GameError, match="The game has not ended yet"):
        play.debrief()  # no front end shows a debrief in the middle of a game by mistake
    play.choose(1)
    play.choose(2)
    debrief = play.debrief(so_far=True)
    assert debrief.finished is False
    assert debrief.ending.title == "Stopped after 2 of 8 decisions"
    assert debrief.ending.verdict.startswith("The game stopped before its end")
    assert (debrief.ending.id, debrief.ending.goal_met, debrief.ending.reasons) == ("", False, ())
    assert [d.turn for d in debrief.decisions] == [1, 2]
    assert debrief.decisions[0].same_as_india and debrief.matches_india == 1
    assert len(debrief.track) == 3 and debrief.questions
    for _ in range(6):
        play.choose(1)
    assert play.debrief(so_far=True).finished is True  # an ended game: its real ending
    assert play.debrief(so_far=True).ending == play.ending()


def test_debrief_sets_each_choice_beside_indias(classic) -> None:
    data = yaml.safe_load(CLASSIC.read_text(encoding="utf-8"))
    data["events"][0]["options"][0]["historical"] = True
    data["events"][0]["date"] = "2018-09-06"
    scenario = build(data)
    play = playing(scenario, PlayRules(questions=(2,)), seed=0)
    for choice in (2, 2, 1, 1, 2, 2, 2, 2):
        play.choose(choice)
    debrief = play.debrief()
    first = debrief.decisions[0]
    # "The first 2+2 (September 2018)" already dates the card: the day is in the timeline
    assert (first.chose, first.india, first.same_as_india, first.date) == (
        "Thank Washington, but hold off for now", "Sign COMCASA", False, "")
    assert debrief.india_cards == 1 and debrief.matches_india == 0
    assert debrief.questions == (scenario.file.debrief.questions[1],)
    assert len(debrief.track) == 9 and debrief.timeline[0] == (1, "6 September 2018",
                                                               first.title)
    assert debrief.sources and len(set(debrief.sources)) == len(debrief.sources)


def test_undo_and_the_decision_clock(classic) -> None:
    now = [100.0]
    play = playing(classic, PlayRules(undo=True, time_limit_seconds=10), clock=lambda: now[0])
    play.card()
    now[0] += 12
    outcome = play.choose(1)
    assert outcome.late and play.timings[0].seconds == 12.0
    assert play.card().can_undo
    play.undo()
    assert play.game.choices == [] and play.timings == []
    with pytest.raises(GameError, match="no decision to take back"):
        play.undo()
    assert not playing(classic).card().can_undo


def test_a_bad_choice_names_the_options(classic) -> None:
    with pytest.raises(GameError) as caught:
        playing(classic).choose(7)
    assert str(caught.value) == "'7' is not an option on this card; choose 1, 2."


def test_every_message_the_code_uses_is_in_the_english_catalog() -> None:
    catalog = yaml.safe_load((ROOT / "assets/i18n/en.yaml").read_text(encoding="utf-8"))
    used = set()
    for path in (ROOT / "src/balancing_act").rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]*[a-z_])["']""",
                               path.read_text(encoding="utf-8")))
        used |= set(re.findall(r""""(keys\.[a-z_]+)\"""", path.read_text(encoding="utf-8")))
    assert used and sorted(used - set(catalog)) == []


def test_a_good_ending_is_measured_against_itself_and_a_miss_against_the_nearest_goal() -> None:
    """Two good endings: a free hand (autonomy 80) listed before the balance the goal states
    (autonomy 60 and trust 40). Reaching the balance is not told 'the goal needed 80'; a miss
    is measured against the good ending it came nearest."""
    data = base_scenario()
    data["endings"] = [
        {"id": "free_hand", "title": "Free hand", "final": True, "tone": "good",
         "when": "autonomy >= 80 and trust_us >= 70"},
        {"id": "balanced", "title": "Balanced", "final": True, "tone": "good",
         "when": "autonomy >= 60 and trust_us >= 40"},
        {"id": "plain", "title": "Plain", "fallback": True, "tone": "mixed"},
    ]
    scenario = build(data)
    play = playing(scenario)
    for _ in range(2):
        play.choose(1)  # autonomy 70
    play.choose(2)  # autonomy 60
    ending = play.ending()
    assert ending.id == "balanced" and ending.goal_met
    assert ending.reasons == ("Strategic autonomy 60 (the goal asks 60 or more).",
                              "Trust in Washington 50 (the goal asks 40 or more).")
    missed = playing(scenario)
    for choice in (2, 2, 1):
        missed.choose(choice)  # autonomy 40
    ending = missed.ending()
    assert ending.id == "plain" and not ending.goal_met
    assert ending.reasons == ("Strategic autonomy 40: the goal needed 60 or more.",)


def test_an_outcome_says_where_a_change_came_from_only_when_the_heading_does_not() -> None:
    """The option's own effects need no cause beside "You chose: ..."; a chance result's do,
    and a meter set to a value says so, in the player's language."""
    data = base_scenario()
    data["events"][0]["options"][0].update(
        set=[{"trust_us": 20}],
        chance=[{"p": 1.0, "effects": {"autonomy": 5}, "outcome": "It works."}])
    for language, chance, set_to in (("en", "From the uncertain result", "set to 20"),
                                     ("hi", "अनिश्चित परिणाम से", "20 पर तय")):
        play = Playthrough(Game(build(data), 1), catalog=Catalog(language))
        outcome = play.choose(1)
        assert [(c.text, c.cause) for c in outcome.changes] == [
            ("Strategic autonomy +10", ""), (f"Trust in Washington -30 ({set_to})", ""),
            ("Strategic autonomy +5", chance)]

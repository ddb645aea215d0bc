"""The outcome part of a student's page (and the projector's): each change once, and the cause
of a group of changes once above it, escaped."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from balancing_act.engine import Game
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from tests.conftest import base_scenario, build


def rendered(data: dict) -> str:
    t = Catalog("en")
    env = Environment(loader=PackageLoader("balancing_act.server", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined)
    outcome = Playthrough(Game(build(data), 1), catalog=t).choose(1)
    return env.get_template("_outcome.html").render(o=outcome, turns=3, t=t)


def test_the_options_changes_are_listed_without_repeating_the_choice() -> None:
    page = rendered(base_scenario())
    assert "You chose: Up" in page
    assert page.count('<ul class="changes">') == 1 and 'class="cause"' not in page
    assert re.findall(r"<strong>([^<]*)</strong>", page) == ["Strategic autonomy +10"]


def test_a_chance_results_changes_come_under_their_cause_once() -> None:
    data = base_scenario()
    data["events"][0]["options"][0]["chance"] = [
        {"p": 1.0, "effects": {"autonomy": 5, "trust_us": -3}, "outcome": "<b>It works.</b>"}]
    page = rendered(data)
    assert page.count('<p class="cause">From the uncertain result</p>') == 1
    own, chance = page.split('<p class="cause">')
    assert re.findall(r"<strong>([^<]*)</strong>", own) == ["Strategic autonomy +10"]
    assert re.findall(r"<strong>([^<]*)</strong>", chance) == ["Strategic autonomy +5",
                                                               "Trust in Washington -3"]
    assert page.count('<ul class="changes">') == 2 and page.count("</ul>") == 2
    assert "&lt;b&gt;It works.&lt;/b&gt;" in page

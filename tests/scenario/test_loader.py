"""The loader on good files, and properties: no input ever escapes as anything but problems."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balancing_act.scenario import ScenarioError, load_scenario, load_scenario_bytes
from tests.conftest import SHIPPED_SCENARIOS, TUTORIAL, base_scenario, build


def test_tutorial_loads_with_its_names_and_hash() -> None:
    scenario = load_scenario(TUTORIAL)
    assert scenario.id == "tutorial"
    assert scenario.meter_ids == ("autonomy", "security", "trust_us", "trust_russia")
    assert "s400_signed" in scenario.flag_ids
    assert len(scenario.sha256) == 64
    assert scenario.event("s400_contract").title.startswith("Moscow")


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=lambda p: p.name)
def test_every_shipped_scenario_loads(path: Path) -> None:
    assert load_scenario(path).file.format == 1


def test_byte_order_mark_and_windows_line_endings_are_fine() -> None:
    raw = TUTORIAL.read_bytes()
    windows = b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")
    assert load_scenario_bytes(windows, "win.yaml").file == load_scenario(TUTORIAL).file


def test_dates_and_numbers_are_read_as_text_where_text_is_expected() -> None:
    data = base_scenario()
    data["period"] = 2018
    scenario = load_scenario_bytes(yaml.safe_dump(data).replace("period: 2018",
                                                                "period: 2018-10-05").encode())
    assert scenario.file.period == "2018-10-05"
    assert build(data).file.period == "2018"


def test_problems_point_into_block_text_conditions() -> None:
    text = yaml.safe_dump(base_scenario(), sort_keys=False).replace(
        "when: autonomy >= 100", "when: |\n      autonomy >= 100 and bogus")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(text.encode(), "block.yaml")
    (problem,) = caught.value.problems
    line = text.splitlines().index("      autonomy >= 100 and bogus") + 1
    assert (problem.line, problem.col) == (line, 7 + len("autonomy >= 100 and "))


def test_all_problems_are_reported_at_once_even_with_broken_parts() -> None:
    data = base_scenario()
    data["events"][0]["options"][0]["efects"] = {}
    data["events"][0]["options"][1]["effects"] = {"autonmy": 5}
    data["endings"][0]["when"] = "trust_uss > 3"
    data["meters"]["trust_us"]["start"] = 500
    with pytest.raises(ScenarioError) as caught:
        build(data)
    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "meter 'trust_us': start (500) must be between min (0) and max (100)",
        "unknown key 'efects' (did you mean 'effects'?)",
        "unknown meter 'autonmy' (did you mean 'autonomy'?)",
        "unknown name 'trust_uss' (did you mean 'trust_us'?); meters are: autonomy, trust_us",
    ]


# -- properties ------------------------------------------------------------------------------

def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


JUNK = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                 st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                      st.integers(), max_size=3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_mutation_gives_a_scenario_or_positioned_problems(data: st.DataObject) -> None:
    """Replace any value of a valid scenario by junk: the loader never raises anything but
    ScenarioError, and every problem has a real position."""
    scenario = base_scenario()
    target = data.draw(st.sampled_from(_paths(scenario)[1:]))
    mutated = copy.deepcopy(scenario)
    holder = mutated
    for part in target[:-1]:
        holder = holder[part]
    holder[target[-1]] = data.draw(JUNK)
    text = yaml.safe_dump(mutated, sort_keys=False, allow_unicode=True)
    try:
        load_scenario_bytes(text.encode(), "mutated.yaml")
    except ScenarioError as err:
        lines = text.count("\n") + 1
        assert err.problems
        for problem in err.problems:
            assert 1 <= problem.line <= lines and problem.col >= 1
            assert problem.message and "Traceback" not in problem.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_not_crashes(raw: bytes) -> None:
    try:
        load_scenario_bytes(raw, "random.yaml")
    except ScenarioError as err:
        assert err.problems and all(p.line >= 1 and p.col >= 1 for p in err.problems)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!'\" \n#|>%@`,?0123456789\t")),
               max_size=200))
def test_yaml_punctuation_soup_gives_problems_not_crashes(text: str) -> None:
    try:
        load_scenario_bytes(text.encode(), "soup.yaml")
    except ScenarioError as err:
        assert err.problems

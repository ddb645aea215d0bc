"""The JSON Schema for editors: up to date, and it accepts the shipped scenarios."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from balancing_act.cli import main
from balancing_act.resources import schema_file
from balancing_act.scenario.schema import MODELINE_PREFIX, scenario_schema
from tests.conftest import SCENARIOS, SHIPPED_SCENARIOS


def test_schema_command_prints_the_committed_schema(capsys) -> None:
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == scenario_schema()
    assert json.loads(schema_file().read_text(encoding="utf-8")) == printed, (
        "schema/scenario.schema.json is out of date: run "
        "`balancing-act schema > schema/scenario.schema.json`")


@pytest.mark.parametrize("path", SHIPPED_SCENARIOS, ids=lambda p: p.name)
def test_shipped_scenarios_match_the_schema_and_name_it(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"{MODELINE_PREFIX}../schema/scenario.schema.json\n")
    jsonschema.validate(yaml.safe_load(text), scenario_schema())


def test_the_schema_rejects_an_unknown_key() -> None:
    data = yaml.safe_load((SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8"))
    data["events"][0]["efects"] = {}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, scenario_schema())

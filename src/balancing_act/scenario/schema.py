"""The JSON Schema of the scenario format, for editors (VS Code's YAML extension and others)."""

from __future__ import annotations

from typing import Any

from balancing_act.scenario.model import ScenarioFile

MODELINE_PREFIX = "# yaml-language-server: $schema="


def scenario_schema() -> dict[str, Any]:
    """The schema of format 1, from the same pydantic models the loader checks with."""
    schema = ScenarioFile.model_json_schema()
    option = schema["$defs"]["Option"]  # with `use:`, the label may come from the template
    option["required"] = [r for r in option["required"] if r != "label"]
    option["if"] = {"not": {"required": ["use"]}}
    option["then"] = {"required": ["label"]}
    _closed_maps(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Balancing Act scenario (format 1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def _closed_maps(node: Any) -> None:
    """A mapping of ids (meters, flags, effects, templates) takes only keys that are ids, as
    the loader does: JSON Schema's `patternProperties` alone would let any other key through."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _closed_maps(value)
    elif isinstance(node, list):
        for value in node:
            _closed_maps(value)

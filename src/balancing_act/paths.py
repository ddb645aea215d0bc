"""Where the project's files live: shipped scenarios and assets, found next to the package."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ASSETS = PROJECT_ROOT / "assets"
SCENARIOS = PROJECT_ROOT / "scenarios"
SCHEMA = PROJECT_ROOT / "schema" / "scenario.schema.json"


def find_asset(relative: str, scenario_folder: Path | None) -> Path | None:
    """The file `relative` names, looked up in the scenario's folder and then in assets/.
    Only files inside those folders are returned, so a path cannot reach elsewhere."""
    for root in ([scenario_folder] if scenario_folder else []) + [ASSETS]:
        base = root.resolve()
        candidate = (base / relative).resolve()
        if candidate.is_relative_to(base) and candidate.is_file():
            return candidate
    return None

"""Where the shipped data is found: fonts, art, sounds, catalogs, scenarios and the schema.

This is the only module that knows. The repository keeps `assets/`, `scenarios/` and `schema/`
at its top level; a built wheel (and a PyInstaller bundle) carries them inside the package as
`balancing_act/_data/...`. In a checkout installed in editable mode there is no `_data`, so the
repository's own folders are used.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

DATA_FOLDERS = ("assets", "scenarios", "schema")
_SHIPPED_ID = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")


@functools.cache
def data_root() -> Path:
    """The folder holding assets/, scenarios/ and schema/."""
    packaged = Path(str(resources.files("balancing_act"))) / "_data"
    if (packaged / "assets").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "assets").is_dir():
        return checkout
    return packaged  # missing data: callers report the missing file by its path


def assets() -> Path:
    return data_root() / "assets"


def scenarios() -> Path:
    return data_root() / "scenarios"


def schema_file() -> Path:
    return data_root() / "schema" / "scenario.schema.json"


def asset(relative: str) -> Path:
    """A file of the game's own assets, e.g. asset('fonts/NotoSans-Regular.ttf')."""
    return assets() / relative


def find_asset(relative: str, scenario_folder: Path | None) -> Path | None:
    """The file `relative` names, looked up in the scenario's folder and then in assets/.
    Only regular files inside those folders are returned, so a path cannot reach elsewhere
    (no `..`, no symlink out of the folder, no device or FIFO)."""
    if "\x00" in relative:
        return None
    for root in ([scenario_folder] if scenario_folder else []) + [assets()]:
        try:
            base = root.resolve()
            candidate = (base / relative).resolve()
            if candidate.is_relative_to(base) and candidate.is_file():
                return candidate
        except (OSError, ValueError):
            continue
    return None


def shipped_scenario_files() -> list[Path]:
    """The shipped scenarios, the tutorial first, then by file name (their translations,
    such as tutorial.hi.yaml, are not scenarios of their own)."""
    folder = scenarios()
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob("*.yaml") if _SHIPPED_ID.match(p.stem)),
                  key=lambda p: (p.stem != "tutorial", p.name))


def shipped_scenario(name: str) -> Path | None:
    """The shipped scenario with this id (its file name), e.g. 'tutorial'; None if none."""
    if not _SHIPPED_ID.match(name):
        return None
    path = scenarios() / f"{name}.yaml"
    return path if path.is_file() else None


def tutorial() -> Path:
    return scenarios() / "tutorial.yaml"

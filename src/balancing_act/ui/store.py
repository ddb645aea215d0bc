"""Settings and saved games in the user's data folder, written atomically with a version.

A save is the game's `to_dict()` plus the scenario's path: loading replays the choices, so a
damaged or outdated save gives a message, never a crash. Writes go to a temporary file that is
then renamed, so a killed process leaves the previous file intact.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

STORE_FORMAT = 1
TEXT_SIZES = ("small", "medium", "large")
ANIMATION_SPEEDS = ("normal", "fast", "off")
# How much a card reveals before a choice: guided shows numbers, standard what the scenario
# sets, hard nothing.
DIFFICULTIES = ("standard", "guided", "hard")


def data_folder() -> Path:
    """BALANCING_ACT_HOME if set (tests, classrooms), else the platform's user data folder."""
    override = os.environ.get("BALANCING_ACT_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir("balancing-act"))


def write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in `path`, or None when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


@dataclass
class Settings:
    """What the player chose in Settings; remembered between runs."""

    fullscreen: bool = False
    text_size: str = "medium"
    high_contrast: bool = False
    colour_blind: bool = False
    sound: bool = True
    animation: str = "normal"
    difficulty: str = "standard"

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Settings:
        settings = cls()
        for item in fields(cls):
            value = (data or {}).get(item.name)
            if isinstance(value, type(getattr(settings, item.name))):
                setattr(settings, item.name, value)
        if settings.text_size not in TEXT_SIZES:
            settings.text_size = "medium"
        if settings.animation not in ANIMATION_SPEEDS:
            settings.animation = "normal"
        if settings.difficulty not in DIFFICULTIES:
            settings.difficulty = "standard"
        return settings


class Store:
    """The files the window keeps: settings.json, autosave.json and saved debriefs."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_folder()

    @property
    def autosave_path(self) -> Path:
        return self.folder / "autosave.json"

    def load_settings(self) -> Settings:
        return Settings.from_dict(read_json(self.folder / "settings.json"))

    def save_settings(self, settings: Settings) -> None:
        write_json_atomically(self.folder / "settings.json",
                              {"format": STORE_FORMAT, **asdict(settings)})

    def save_game(self, game_data: dict[str, Any], scenario_path: Path | None) -> None:
        write_json_atomically(self.autosave_path, {
            "format": STORE_FORMAT, "scenario_path": str(scenario_path) if scenario_path
            else None, "game": game_data})

    def load_game(self) -> tuple[dict[str, Any] | None, str | None]:
        """(the save, None) or (None, why it cannot be used); (None, None) when there is none."""
        if not self.autosave_path.exists():
            return None, None
        data = read_json(self.autosave_path)
        if data is None:
            return None, "the save file is damaged"
        if data.get("format") != STORE_FORMAT:
            return None, f"the save file has format {data.get('format')!r}"
        if not isinstance(data.get("game"), dict) or not isinstance(data.get("scenario_path"),
                                                                     str):
            return None, "the save file is damaged"
        return data, None

    def clear_game(self) -> None:
        self.autosave_path.unlink(missing_ok=True)

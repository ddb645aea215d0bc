"""What the window keeps between runs: the settings, the autosave and the endings found.

Each is a small JSON file with a format version, read through the guarded reader into a pydantic
model and written atomically. A file that cannot be read never stops the game: the settings
fall back to their defaults, a save is explained on the title screen, and a write that fails
(read-only or full disk) is reported while the game goes on with the last good file kept.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from balancing_act.engine.game import MAX_SEED, Game
from balancing_act.engine.start import Start
from balancing_act.errors import ReadError
from balancing_act.frontends.window.folders import data_folder
from balancing_act.io import KB, MB, describe, load_model, read_json, validation_message, write_json

SETTINGS_FORMAT = 2
SAVE_FORMAT = 2
SAVE_KIND = "balancing-act-save"
TEXT_SIZES = ("small", "medium", "large", "largest")
ANIMATION_SPEEDS = ("normal", "fast", "off")
# How much a card reveals before a choice: guided shows numbers, standard what the scenario
# sets, hard nothing.
DIFFICULTIES = ("standard", "guided", "hard")
REVEALS = ("immediate", "debrief")


def _plain_text(value: str) -> str:
    if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise ValueError("contains characters that no file name can have")
    return value


class Settings(BaseModel):
    """What the player chose in Settings."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    format: int = SETTINGS_FORMAT
    fullscreen: bool = False
    text_size: Literal["small", "medium", "large", "largest"] = "medium"
    high_contrast: bool = False
    sound: bool = True
    music: bool = True
    volume: int = Field(70, ge=0, le=100)
    animation: Literal["normal", "fast", "off"] = "normal"
    difficulty: Literal["standard", "guided", "hard"] = "standard"
    reveal: Literal["immediate", "debrief"] = "immediate"
    language: str = Field("", max_length=8, pattern=r"^([a-z]{2,3})?$")
    voice: bool = False


class SaveScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=64)
    title: str = Field("", max_length=500)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    path: str = Field(max_length=4000)

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        return _plain_text(value)


class SaveStart(BaseModel):
    """Where a designer's test game started, so that Continue replays it from there."""

    model_config = ConfigDict(extra="forbid")

    card: str | None = Field(None, max_length=64)
    turn: int | None = Field(None, ge=1, le=10_000)
    meters: dict[str, int] = Field(default_factory=dict, max_length=64)
    flags: list[str] = Field(default_factory=list, max_length=256)
    cleared: list[str] = Field(default_factory=list, max_length=256)

    @classmethod
    def of(cls, start: Start) -> SaveStart:
        return cls(card=start.card, turn=start.turn, meters=dict(start.meters),
                   flags=list(start.flags), cleared=list(start.cleared))

    def start(self) -> Start:
        return Start(card=self.card, turn=self.turn, meters=dict(self.meters),
                     flags=tuple(self.flags), cleared=tuple(self.cleared))


class SaveFile(BaseModel):
    """A game in progress: the scenario (by id, hash and absolute path), the seed and the
    choices. Loading replays the choices, so a save cannot hold a state the rules would not
    produce."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[2] = 2
    kind: Literal["balancing-act-save"] = "balancing-act-save"
    scenario: SaveScenario
    seed: int = Field(ge=0, le=MAX_SEED)
    choices: list[str] = Field(max_length=5000)
    turn: int = Field(ge=0, le=100_000)
    meters: dict[str, int]
    ending: str | None = Field(None, max_length=64)
    saved: str = Field("", max_length=40)
    start: SaveStart | None = None  # a designer's test game (play --from/--set/--flag)

    @classmethod
    def of(cls, game: Game, path: Path | None) -> SaveFile:
        where = str(path.resolve()) if path is not None else ""
        return cls(scenario=SaveScenario(id=game.scenario.id, title=game.scenario.title,
                                         sha256=game.scenario.sha256, path=where),
                   seed=game.seed, choices=game.choices, turn=game.turn, meters=game.meters,
                   ending=game.ending.id if game.ending else None,
                   saved=time.strftime("%Y-%m-%d %H:%M"),
                   start=SaveStart.of(game.start) if game.start else None)


class Progress(BaseModel):
    """The endings found, per scenario id."""

    model_config = ConfigDict(extra="ignore")

    format: int = 1
    endings: dict[str, list[str]] = Field(default_factory=dict)


class Store:
    """The window's files in its data folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_folder()

    @property
    def settings_path(self) -> Path:
        return self.folder / "settings.json"

    @property
    def autosave_path(self) -> Path:
        return self.folder / "autosave.json"

    @property
    def progress_path(self) -> Path:
        return self.folder / "progress.json"

    def load_settings(self) -> tuple[Settings, str]:
        """The settings, and a problem to tell the player ('' when fine)."""
        if not self.settings_path.exists():
            return Settings(), ""
        try:
            data = read_json(self.settings_path, limit=64 * KB, what="settings files")
            if not isinstance(data, dict):
                raise ReadError(describe(self.settings_path), "not a settings file")
            return Settings.model_validate(data), ""
        except ReadError as err:
            return Settings(), str(err)
        except ValidationError as err:
            return Settings(), f"{describe(self.settings_path)}: {validation_message(err)}"

    def save_settings(self, settings: Settings) -> None:
        write_json(self.settings_path, settings.model_dump(), make_folder=True)

    def save_game(self, save: SaveFile) -> None:
        write_json(self.autosave_path, save.model_dump(), make_folder=True)

    def load_game(self) -> SaveFile | None:
        """The save, None when there is none; ReadError says why one cannot be used."""
        if not self.autosave_path.exists() and not self.autosave_path.is_symlink():
            return None
        data = read_json(self.autosave_path, limit=MB, what="saves")
        name = describe(self.autosave_path)
        if not isinstance(data, dict) or data.get("kind") != SAVE_KIND:
            raise ReadError(name, "this is not a Balancing Act save")
        if data.get("format") != SAVE_FORMAT:
            raise ReadError(name, f"this save has format {data.get('format')!r}; this version "
                                  f"of the game reads format {SAVE_FORMAT}")
        return load_model(SaveFile, data, name)

    def has_save(self) -> bool:
        return self.autosave_path.is_file()

    def clear_game(self) -> None:
        with contextlib.suppress(OSError):
            self.autosave_path.unlink(missing_ok=True)

    def load_progress(self) -> Progress:
        try:
            data = read_json(self.progress_path, limit=256 * KB, what="progress files")
            return Progress.model_validate(data)
        except (ReadError, ValidationError):
            return Progress()

    def record_ending(self, scenario_id: str, ending_id: str) -> Progress:
        progress = self.load_progress()
        found = progress.endings.setdefault(scenario_id, [])
        if ending_id not in found:
            found.append(ending_id)
            write_json(self.progress_path, progress.model_dump(), make_folder=True)
        return progress

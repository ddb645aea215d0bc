"""The window's folders on the player's machine: data (settings, saves, results, logs) and
Documents (a saved debrief). No pygame here: the command line uses them too."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "balancing-act"


def data_folder() -> Path:
    """BALANCING_ACT_HOME if set (tests, classrooms), else the platform's user data folder."""
    override = os.environ.get("BALANCING_ACT_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def documents_folder() -> Path:
    """Where a player's own files go: BALANCING_ACT_DOCUMENTS, else Documents/Balancing Act."""
    override = os.environ.get("BALANCING_ACT_DOCUMENTS")
    if override:
        return Path(override)
    return Path(platformdirs.user_documents_dir()) / "Balancing Act"


def log_folder() -> Path:
    return data_folder() / "logs"

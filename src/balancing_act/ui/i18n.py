"""The message catalog: every string the window shows comes from assets/i18n/<language>.yaml."""

from __future__ import annotations

from pathlib import Path

import yaml

from balancing_act.paths import ASSETS


class Messages:
    """Looks up `key` in the language's catalog (English for anything missing) and fills in
    `{placeholders}`."""

    def __init__(self, language: str = "en", folder: Path = ASSETS / "i18n") -> None:
        self.table = self._read(folder / "en.yaml")
        if language != "en":
            self.table.update(self._read(folder / f"{language}.yaml"))

    @staticmethod
    def _read(path: Path) -> dict[str, str]:
        if not path.is_file():
            return {}
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return {str(k): str(v) for k, v in data.items()}

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key, key)
        return text.format(**values) if values else text

"""Every Hindi screen keeps its text inside its boxes, at every text size: the Hindi catalog
and the Hindi tutorial, card by card and section by section of the debrief, from the smallest
window to 4K (the same check as test_layout.py, in Hindi)."""

from __future__ import annotations

from pathlib import Path

import pytest

from balancing_act.frontends.window.app import App
from tests.conftest import TUTORIAL
from tests.frontends.window.test_layout import broken_and_session, visit_every_screen

HISTORICAL = [3, 2, 3, 1, 2, 1, 4, 2]
TEXT_SIZES = ["small", "medium", "large", "largest"]


def visit_every_hindi_screen(app: App, broken: Path, session_file: Path) -> list[str]:
    question = (app.t("picker.overwrite", scenario="पहले कदम: संतुलन साधना सीखें", turn=3),
                app.t("picker.overwrite_yes"), "")
    return visit_every_screen(app, broken, session_file, scenario=TUTORIAL, choices=HISTORICAL,
                              confirm=question)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return broken_and_session(tmp_path, TUTORIAL)


def hindi(make_app, size: tuple[int, int], text_size: str, contrast: bool = False) -> App:
    app = make_app(size=size, language="hi")
    app.settings.text_size = text_size
    app.settings.high_contrast = contrast
    app.apply_settings()
    assert app.theme.devanagari and app.screen.get_size() == size
    return app


@pytest.mark.parametrize("text_size", TEXT_SIZES)
def test_no_hindi_text_outside_its_box_at_any_text_size(make_app, files,
                                                        text_size: str) -> None:
    app = hindi(make_app, (1024, 600), text_size, contrast=text_size == "largest")
    assert visit_every_hindi_screen(app, *files) == []


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_hindi_text_outside_its_box_in_larger_windows(make_app, files,
                                                         size: tuple[int, int]) -> None:
    app = hindi(make_app, size, "largest" if size == (1280, 720) else "medium")
    assert visit_every_hindi_screen(app, *files) == []

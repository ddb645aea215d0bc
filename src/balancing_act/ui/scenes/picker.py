"""The scenario picker: every scenario in scenarios/, and a way to open any other file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.paths import SCENARIOS
from balancing_act.scenario import ScenarioError, load_scenario
from balancing_act.ui.scenes.base import Scene, esc

if TYPE_CHECKING:
    from balancing_act.ui.app import App


def shipped_scenarios() -> list[tuple[Path, object | None, str]]:
    """(path, scenario or None, summary line) for each file, the tutorial first."""
    found = []
    for path in sorted(SCENARIOS.glob("*.yaml"), key=lambda p: (p.stem != "tutorial", p.name)):
        try:
            found.append((path, load_scenario(path), ""))
        except ScenarioError as err:
            found.append((path, None, f"{len(err.problems)} problem(s)"))
    return found


class PickerScene(Scene):
    name = "picker"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.choices: dict[object, Path] = {}
        self.entry = None
        self.listing = shipped_scenarios()

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("picker.heading"))
        top = m + self.theme.heading_size * 2 + m
        row_height = max(self.theme.body_size * 3 + m, (height - top - 5 * m) // 7)
        self.choices = {}
        for index, (path, scenario, problem) in enumerate(self.listing[:6]):
            rect = pygame.Rect(m, top + index * (row_height + m // 2), width - 2 * m,
                               row_height)
            if scenario is None:
                text = f"{path.name}: {problem}"
            else:
                spec = scenario.file
                text = (f"{index + 1}.  {spec.title}  ·  "
                        f"{self.t('picker.difficulty.' + spec.difficulty)}  ·  "
                        f"{self.t('picker.turns', turns=spec.turns)}")
            button = self.button(rect, text)
            self.choices[button] = path
            if scenario is not None and scenario.file.summary:
                button.set_tooltip(esc(scenario.file.summary))
        bottom = height - m - self.theme.body_size * 2 - m
        self.open_button = self.button(pygame.Rect(m, bottom, width // 3, self.theme.body_size
                                                   * 2 + m), self.t("picker.open_file"))
        self.back_button = self.button(pygame.Rect(width - m - width // 5, bottom, width // 5,
                                                   self.theme.body_size * 2 + m),
                                       self.t("picker.back"), "@centred")

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.choices:
                self.app.open_scenario(self.choices[event.ui_element])
            elif event.ui_element is self.back_button:
                self.app.to_title()
            elif event.ui_element is self.open_button:
                self.ask_for_path()
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            path = Path(self.entry.get_text().strip()).expanduser()
            if path.is_file():
                self.app.open_scenario(path)
            else:
                self.app.toast(self.t("picker.not_found", path=path))
        elif event.type == pygame.KEYDOWN and self.entry is None:
            if pygame.K_1 <= event.key <= pygame.K_6:
                index = event.key - pygame.K_1
                paths = list(self.choices.values())
                if index < len(paths):
                    self.app.open_scenario(paths[index])
            elif event.key == pygame.K_ESCAPE:
                self.app.to_title()

    def ask_for_path(self) -> None:
        width, height = self.size
        m = self.theme.margin
        y = height - 3 * (self.theme.body_size * 2 + m)
        self.label(pygame.Rect(m, y, width - 2 * m, self.theme.body_size * 2),
                   self.t("picker.path_prompt"), "#body")
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(m, y + self.theme.body_size * 2, width - 2 * m,
                        self.theme.body_size * 2 + m // 2), self.app.manager))
        self.entry.focus()

    def scripted(self) -> list[pygame.event.Event] | None:
        return None

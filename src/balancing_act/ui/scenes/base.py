"""What every screen shares: its widgets, its layout on resize, and its scripted input."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

if TYPE_CHECKING:
    from balancing_act.ui.app import App
    from balancing_act.ui.i18n import Messages
    from balancing_act.ui.theme import Theme


def esc(text: str) -> str:
    """Scenario text made safe for pygame_gui's HTML-like markup."""
    return html.escape(text, quote=False).replace("\n\n", "<br><br>").replace("\n", " ")


class Scene:
    """A screen. `build` lays out its widgets for the current window size; the app calls it
    again after a resize or a change of settings."""

    name = "scene"

    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list[Any] = []

    @property
    def t(self) -> Messages:
        """The message catalog: every string on screen comes from it."""
        return self.app.messages

    @property
    def theme(self) -> Theme:
        return self.app.theme

    @property
    def size(self) -> tuple[int, int]:
        return self.app.screen.get_size()

    def add(self, element: Any) -> Any:
        self.elements.append(element)
        return element

    def button(self, rect: pygame.Rect, text: str, object_id: str | None = None) -> Any:
        return self.add(pygame_gui.elements.UIButton(
            rect, text, self.app.manager,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None))

    def label(self, rect: pygame.Rect, text: str, object_id: str = "#heading") -> Any:
        return self.add(pygame_gui.elements.UILabel(
            rect, text, self.app.manager, object_id=pygame_gui.core.ObjectID(object_id=object_id)))

    def text_box(self, rect: pygame.Rect, markup: str) -> Any:
        return self.add(pygame_gui.elements.UITextBox(markup, rect, self.app.manager))

    def page(self, heading: str, markup: str, button_text: str, button_width: int = 0) -> Any:
        """A heading, a scrolling text and one button at the bottom right (briefing, glossary,
        errors); returns the button."""
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2), heading)
        top = m * 2 + self.theme.heading_size * 2
        button_height = self.theme.body_size * 2 + m
        self.text_box(pygame.Rect(m, top, width - 2 * m, height - top - button_height - 2 * m),
                      markup)
        button_width = button_width or width // 5
        return self.button(pygame.Rect(width - m - button_width, height - m - button_height,
                                       button_width, button_height), button_text, "@centred")

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements.clear()

    def rebuild(self) -> None:
        self.clear()
        self.build()

    def leave(self) -> None:
        self.clear()

    def handle(self, event: pygame.event.Event) -> None:
        """React to one event (after pygame_gui has seen it)."""

    def update(self, seconds: float) -> None:
        """Advance animations."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what the project draws itself, under the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw over the widgets (overlays)."""

    def scripted(self) -> list[pygame.event.Event] | None:
        """The input a scripted run gives this screen, or None to wait."""
        return None

    def drawn_text(self) -> list[tuple[pygame.Rect, pygame.Rect]]:
        """(text rectangle, container) pairs of what this screen drew itself, for tests."""
        return []


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def stacked(area: pygame.Rect, count: int, height: int, gap: int) -> list[pygame.Rect]:
    """`count` rows of `height` from the bottom of `area` upwards, in top-down order."""
    top = area.bottom - count * height - (count - 1) * gap
    return [pygame.Rect(area.x, top + i * (height + gap), area.width, height)
            for i in range(count)]

"""What every screen shares: its widgets and their layout, keyboard focus with a visible ring,
scrolling by keys, and the list of its buttons (which scripts click by label and the
scene-graph test activates one by one)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import pygame
import pygame_gui

from balancing_act.frontends.window.host import Host
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.widgets import fit

Callback = Callable[[], object]


def esc(text: str) -> str:
    """Scenario text made safe for pygame_gui's HTML-like markup."""
    return html.escape(text, quote=False).replace("\n\n", "<br><br>").replace("\n", " ")


ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad")


LONG_WORD = re.compile(r"[^\s<>]{16,}")
BREAK_AFTER = "/\\_.-?&=#"
SCROLL_BAR = 24  # pygame_gui narrows a text box by its scroll bar when the text is long


def pieces(word: str, fits: Callable[[str], bool]) -> list[str]:
    """`word` cut into pieces that each `fits` a line, after / \\ _ . - ? & = or # where
    possible, else between whole letters; nothing is added or dropped, so an address reads
    (and can be typed) exactly as it is."""
    from balancing_act.frontends.window.theme import letter_boundary

    found: list[str] = []
    while word and not fits(word):
        ends = [end for end in range(1, len(word)) if letter_boundary(word, end)
                and fits(word[:end])]
        if not ends:
            break
        marks = [end for end in ends if word[end - 1] in BREAK_AFTER]
        end = marks[-1] if marks and marks[-1] > ends[-1] // 2 else ends[-1]
        found.append(word[:end])
        word = word[end:]
    return [*found, word] if word else found


def breakable(markup: str, fits: Callable[[str], bool]) -> str:
    """Markup in which each word too long for its line (tags are left alone) is cut into
    pieces on lines of their own. pygame_gui would split it itself with a hyphen added at
    both sides ("oi-" "-l"), which corrupts an address; and with Devanagari it can misjudge
    the split and refuse the whole text."""
    def opened(match: re.Match[str]) -> str:
        word = html.unescape(match.group(0))
        if fits(word):
            return match.group(0)
        return "<br>".join(html.escape(piece, quote=False) for piece in pieces(word, fits))

    parts = re.split(r"(<[^>]*>)", markup)
    return "".join(part if index % 2 else LONG_WORD.sub(opened, part)
                   for index, part in enumerate(parts))


def spoken_label(text: str) -> str:
    """A button's text as a listener needs it: without the dots and brackets that separate
    or mark its parts on the screen."""
    plain = re.sub(r"\s*·\s*", ", ", text).replace("…", "").replace("[ ", "").replace(" ]", "")
    return " ".join(plain.split())


def printable(text: str) -> str:
    """Typed or file text with control, zero-width and direction-changing characters dropped
    (they break text layout and can disguise what is shown)."""
    return "".join(c for c in text if c.isprintable() and c not in ZERO_WIDTH)


def stacked(area: pygame.Rect, count: int, height: int, gap: int) -> list[pygame.Rect]:
    """`count` rows of `height` from the bottom of `area` upwards, in top-down order."""
    top = area.bottom - count * height - (count - 1) * gap
    return [pygame.Rect(area.x, top + i * (height + gap), area.width, height)
            for i in range(count)]


def row(area: pygame.Rect, count: int, gap: int) -> list[pygame.Rect]:
    """`count` equal boxes side by side across `area`."""
    width = (area.width - gap * (count - 1)) // max(count, 1)
    return [pygame.Rect(area.x + i * (width + gap), area.y, width, area.height)
            for i in range(count)]


class Scene:
    """A screen. `build` lays out its widgets for the current window size; the host calls it
    again after a resize, a change of settings, or when the screen comes back to the top."""

    name: ClassVar[str] = "scene"
    # The keys this screen answers (action name -> catalog key of what it does), for the
    # help line and the scene-graph test, which presses each of them.
    keys: ClassVar[dict[str, str]] = {"next": "keys.next", "previous": "keys.previous",
                                      "confirm": "keys.confirm", "back": "keys.back"}

    def __init__(self, host: Host, **params: Any) -> None:
        self.host = host
        self.params = params
        self.elements: list[Any] = []
        self.callbacks: dict[Any, Callback] = {}
        self.focus_order: list[Any] = []
        self.focus = 0
        self.main_text: Any = None
        self.drawn: list[tuple[pygame.Rect, pygame.Rect]] = []

    # -- shorthands --------------------------------------------------------------------------

    @property
    def t(self) -> Any:
        return self.host.t

    @property
    def theme(self) -> Any:
        return self.host.theme

    @property
    def size(self) -> tuple[int, int]:
        return self.host.size

    # -- widgets -----------------------------------------------------------------------------

    def add(self, element: Any) -> Any:
        self.elements.append(element)
        return element

    def button(self, rect: pygame.Rect, text: str, on_press: Callback, *,
               object_id: str | None = "@centred", tooltip: str | None = None,
               focusable: bool = True, enabled: bool = True,
               focus_when_disabled: bool = False) -> Any:
        font = self.theme.font(self.theme.body_size)
        room = rect.width - self.theme.margin - 12
        whole = text
        if font.size(text)[0] > room:  # a label never runs out of its button: the whole
            tooltip = tooltip or esc(text)  # text shows on hover
            text = fit(font, text, room)
        element = self.add(pygame_gui.elements.UIButton(
            rect, text, self.host.manager,
            object_id=pygame_gui.core.ObjectID(object_id=object_id) if object_id else None,
            tool_tip_text=tooltip))
        element.whole_label = whole  # what the voice reads, however the button shortens it
        self.callbacks[element] = on_press
        if not enabled:
            element.disable()
        if focusable and (enabled or focus_when_disabled):
            self.focus_order.append(element)
        return element

    def label(self, rect: pygame.Rect, text: str, object_id: str = "#heading") -> Any:
        """A line of text. A heading too wide for its line (a long title at the largest text
        size) is set at the body's size, and only then shortened."""
        if object_id == "#heading":
            room = rect.width - 8
            if self.theme.font(self.theme.heading_size, bold=True).size(text)[0] > room:
                object_id = "#heading_long"
                text = fit(self.theme.font(self.theme.body_size, bold=True), text, room)
        return self.add(pygame_gui.elements.UILabel(
            rect, text, self.host.manager,
            object_id=pygame_gui.core.ObjectID(object_id=object_id)))

    def text_box(self, rect: pygame.Rect, markup: str, *, main: bool = True) -> Any:
        # A word longer than its line (a file path, an address) is cut here, into pieces
        # that fit, rather than by pygame_gui (see `breakable`); measured in bold, the wider.
        font = self.theme.font(self.theme.body_size, bold=True)
        room = rect.width - self.theme.margin - SCROLL_BAR - 8
        markup = breakable(markup, lambda word: font.size(word)[0] <= room)
        box = self.add(pygame_gui.elements.UITextBox(markup, rect, self.host.manager))
        if main:
            self.main_text = box
        return box

    def page(self, heading: str, markup: str,
             buttons: Sequence[tuple[str, Callback]]) -> list[Any]:
        """A heading, a scrolling text and a row of buttons at the bottom right (briefing,
        glossary, errors); returns the buttons."""
        width, height = self.size
        m = self.theme.margin
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2), heading)
        top = m * 2 + self.theme.heading_size * 2
        button_height = self.theme.button_height
        self.text_box(pygame.Rect(m, top, width - 2 * m, height - top - button_height - 2 * m),
                      markup)
        each = min(width // 4, (width - 2 * m) // max(len(buttons), 1) - m)
        area = pygame.Rect(width - m - len(buttons) * (each + m) + m, height - m - button_height,
                           len(buttons) * (each + m) - m, button_height)
        return [self.button(rect, text, callback)
                for rect, (text, callback) in zip(row(area, len(buttons), m), buttons,
                                                  strict=True)]

    # -- life ------------------------------------------------------------------------------

    def enter(self) -> None:
        self.build()
        self.announce()

    def announce(self, opening: str | None = None) -> None:
        """Read the screen aloud (when the voice is on): what it says, then the control that
        has the focus."""
        self.host.speak(self.speech() if opening is None else opening)
        self.host.speak(self.focus_speech())

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements.clear()
        self.callbacks.clear()
        self.focus_order.clear()
        self.main_text = None

    def rebuild(self) -> None:
        focus = self.focus
        self.clear()
        self.build()
        self.focus = min(focus, max(len(self.focus_order) - 1, 0))

    def leave(self) -> None:
        self.clear()

    def pause(self) -> None:
        """Another screen opens on top: the widgets go, the state stays."""
        self.clear()

    def resume(self) -> None:
        self.rebuild()
        self.announce(self.resume_speech())

    # -- input -----------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        """A pygame_gui event: a button pressed, a link clicked. (Hovering is taken from the
        mouse's own moves, in `hover`: a button that appears under a resting pointer when a
        screen opens must not take the highlight from the keyboard.)"""
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.callbacks:
            self.callbacks[event.ui_element]()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.link(str(event.link_target))

    def act(self, action: Action) -> bool:
        """React to an action; True when it meant something here."""
        if action.name in ("next", "right") and self.focus_order:
            self.set_focus((self.focus + 1) % len(self.focus_order))
        elif action.name in ("previous", "left") and self.focus_order:
            self.set_focus((self.focus - 1) % len(self.focus_order))
        elif action.name == "confirm" and self.focus_order:
            self.activate(self.focus_order[self.focus])
        elif action.name == "back":
            self.back()
        elif action.name in ("page_up", "page_down", "home", "end") and self.main_text:
            scroll(self.main_text, action.name)
        else:
            return False
        return True

    def hover(self, position: tuple[int, int]) -> None:
        """The mouse over a button highlights it, as the arrow keys do: one highlight."""
        for index, element in enumerate(self.focus_order):
            if element.rect.collidepoint(position):
                self.set_focus(index)
                return

    def set_focus(self, index: int) -> None:
        if index != self.focus and 0 <= index < len(self.focus_order):
            self.focus = index
            self.focus_changed()
            self.host.speak_now(self.focus_speech())
        self.focus = max(0, min(index, len(self.focus_order) - 1))

    def focus_changed(self) -> None:
        """The focused button changed (the card previews it)."""

    def activate(self, element: Any) -> None:
        callback = self.callbacks.get(element)
        if callback is not None and element.is_enabled:
            callback()

    def back(self) -> None:
        """Esc: by default, back to the screen underneath."""
        self.host.pop()

    def link(self, target: str) -> None:
        """A link in a text was clicked."""

    # -- each frame ------------------------------------------------------------------------

    def update(self, seconds: float) -> None:
        """Advance animations."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what the project draws itself, under the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw over the widgets: the focus ring."""
        if self.focus_order and 0 <= self.focus < len(self.focus_order):
            rect = self.focus_order[self.focus].rect
            pygame.draw.rect(surface, self.theme.palette.focus, rect.inflate(8, 8), 3,
                             border_radius=9)

    # -- scripts, tests and speech ---------------------------------------------------------

    @property
    def busy(self) -> bool:
        """True while an animation runs that a script should wait for."""
        return False

    def passage(self) -> Callback | None:
        """On a screen that only leads on (briefing, outcome): what an option number in a
        script does here."""
        return None

    def buttons(self) -> list[tuple[str, Any]]:
        """(label, element) of every enabled button, in focus order first."""
        seen = list(self.focus_order) + [e for e in self.callbacks if e not in self.focus_order]
        return [(e.text, e) for e in seen if e.is_enabled]

    def speech(self) -> str:
        """What the screen says when it opens (self-voicing)."""
        return ""

    def resume_speech(self) -> str:
        """What the screen says when it is back on top (a screen over it closed)."""
        return self.speech()

    def focus_speech(self) -> str:
        """What the voice says when the focus comes to a control: the button's label and
        where it stands among the screen's buttons."""
        if not self.focus_order or not 0 <= self.focus < len(self.focus_order):
            return ""
        element = self.focus_order[self.focus]
        label = getattr(element, "whole_label", None) or element.text
        return self.t("speech.button", label=spoken_label(label), number=self.focus + 1,
                      count=len(self.focus_order))

    def drawn_text(self) -> list[tuple[pygame.Rect, pygame.Rect]]:
        """(text rectangle, container) pairs of what this screen drew itself, for tests."""
        return self.drawn


def scroll(box: Any, how: str) -> None:
    """PgUp/PgDn/Home/End in a scrolling text box."""
    bar = getattr(box, "scroll_bar", None)
    if bar is None:
        return
    visible = float(getattr(bar, "visible_percentage", 0.2)) or 0.2
    start = float(getattr(bar, "start_percentage", 0.0))
    target = {"page_up": start - visible * 0.9, "page_down": start + visible * 0.9,
              "home": 0.0, "end": 1.0 - visible}[how]
    bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - visible, target)))

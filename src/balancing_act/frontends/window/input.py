"""One input layer: keys, the mouse and scripts become the same actions.

A scene never reads raw key codes: it is given an `Action` ("confirm", "back", "next", a
digit...). After every change of screen a guard swallows key presses for a few frames, so a key
pressed (or held) on one screen never acts on the next.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

GUARD_FRAMES = 8

_KEYS: dict[int, str] = {
    pygame.K_RETURN: "confirm", pygame.K_KP_ENTER: "confirm", pygame.K_SPACE: "confirm",
    pygame.K_ESCAPE: "back", pygame.K_BACKSPACE: "back",
    pygame.K_TAB: "next", pygame.K_DOWN: "next", pygame.K_RIGHT: "right",
    pygame.K_UP: "previous", pygame.K_LEFT: "left",
    pygame.K_PAGEUP: "page_up", pygame.K_PAGEDOWN: "page_down",
    pygame.K_HOME: "home", pygame.K_END: "end",
    pygame.K_F1: "help", pygame.K_F3: "overlay", pygame.K_F5: "reload",
}
_LETTERS: dict[int, str] = {pygame.K_g: "glossary", pygame.K_u: "undo", pygame.K_v: "voice",
                            pygame.K_m: "meters", pygame.K_p: "pick", pygame.K_n: "new",
                            pygame.K_c: "continue", pygame.K_s: "settings", pygame.K_q: "quit",
                            pygame.K_h: "help", pygame.K_r: "repeat"}


@dataclass(frozen=True)
class Action:
    name: str
    value: int = 0  # the digit for "digit"
    shift: bool = False

    def __str__(self) -> str:
        return f"{self.name}:{self.value}" if self.name == "digit" else self.name


def action_for(event: pygame.event.Event) -> Action | None:
    """The action a key press means, or None."""
    if event.type != pygame.KEYDOWN:
        return None
    shift = bool(getattr(event, "mod", 0) & pygame.KMOD_SHIFT)
    key = event.key
    if key == pygame.K_TAB and shift:
        return Action("previous", shift=True)
    if pygame.K_1 <= key <= pygame.K_9:
        return Action("digit", key - pygame.K_0, shift)
    if pygame.K_KP1 <= key <= pygame.K_KP9:
        return Action("digit", key - pygame.K_KP1 + 1, shift)
    if key == pygame.K_0 or key == pygame.K_KP0:
        return Action("digit", 0, shift)
    name = _KEYS.get(key) or _LETTERS.get(key)
    return Action(name, shift=shift) if name else Action("other")


def key_event(name: str) -> pygame.event.Event:
    """The KEYDOWN a script's `key:NAME` means (pygame's key names)."""
    code = pygame.key.key_code(name)
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


class Guard:
    """Counts frames since the last change of screen; key presses inside the guard are
    dropped."""

    def __init__(self) -> None:
        self.frames = GUARD_FRAMES

    def reset(self) -> None:
        self.frames = 0
        pygame.event.clear((pygame.KEYDOWN, pygame.KEYUP, pygame.TEXTINPUT))

    def tick(self) -> None:
        self.frames += 1

    @property
    def open(self) -> bool:
        return self.frames >= GUARD_FRAMES

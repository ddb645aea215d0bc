"""Counterpart portraits drawn by the project: an official of Washington, of Moscow and of New
Delhi, each pleased, neutral and concerned.

They are stylised figures made from pygame shapes, not likenesses of anyone: no real faces, no
flags, and the same dignified manner for every capital (each is shown as a professional doing
the job; none is drawn as the villain). The window shows them on the card and outcome screens,
reacting to the last decision. The shipped PNGs in assets/images/portraits/ are made with
`python tools/portraits.py assets/images/portraits` and carry the project's licence (see
assets/LICENCES.md).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pygame

SIZE = 320
Colour = tuple[int, int, int]
EXPRESSIONS = ("pleased", "neutral", "concerned")


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


@dataclass(frozen=True)
class Official:
    """How one counterpart is drawn."""

    backdrop: Colour
    skin: Colour
    hair: Colour
    jacket: Colour
    hair_style: str  # "long", "short" or "side"
    collar: str  # "tie", "open" or "band" (a bandhgala's standing collar)
    tie: Colour = (40, 60, 110)
    glasses: bool = False
    grey_temples: bool = False


OFFICIALS: dict[str, Official] = {
    "us": Official(backdrop=(70, 96, 132), skin=(236, 196, 168), hair=(120, 80, 50),
                   jacket=(32, 42, 72), hair_style="long", collar="open"),
    "russia": Official(backdrop=(78, 104, 104), skin=(232, 200, 178), hair=(150, 140, 130),
                       jacket=(84, 90, 102), hair_style="short", collar="tie",
                       tie=(60, 70, 120)),
    "india": Official(backdrop=(140, 112, 82), skin=(164, 112, 78), hair=(30, 28, 30),
                      jacket=(44, 58, 72), hair_style="side", collar="band", glasses=True,
                      grey_temples=True),
}


def _backdrop(surface: pygame.Surface, colour: Colour) -> None:
    for y in range(SIZE):
        pygame.draw.line(surface, _mix(_mix(colour, (255, 255, 255), 0.18), colour, y / SIZE),
                         (0, y), (SIZE, y))
    glow = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    pygame.draw.circle(glow, (255, 255, 255, 28), (SIZE // 2, 150), 120)
    surface.blit(glow, (0, 0))


def _body(surface: pygame.Surface, who: Official) -> None:
    skin_shadow = _mix(who.skin, (0, 0, 0), 0.18)
    pygame.draw.rect(surface, skin_shadow, (138, 190, 44, 60))  # the neck
    pygame.draw.ellipse(surface, who.jacket, (30, 236, 260, 170))  # shoulders
    pygame.draw.rect(surface, who.jacket, (30, 300, 260, 20))
    if who.collar == "band":  # a bandhgala: a standing collar and a row of buttons
        pygame.draw.rect(surface, _mix(who.jacket, (255, 255, 255), 0.08), (132, 232, 56, 22),
                         border_radius=6)
        for y in (268, 292, 316):
            pygame.draw.circle(surface, (190, 170, 120), (160, y), 4)
        pygame.draw.line(surface, _mix(who.jacket, (0, 0, 0), 0.3), (160, 254), (160, 320), 2)
        return
    shirt = (245, 245, 242)
    pygame.draw.polygon(surface, shirt, [(128, 238), (192, 238), (160, 300)])
    if who.collar == "tie":
        pygame.draw.polygon(surface, who.tie, [(154, 248), (166, 248), (170, 300), (160, 312),
                                               (150, 300)])
        pygame.draw.polygon(surface, _mix(who.tie, (0, 0, 0), 0.2),
                            [(152, 240), (168, 240), (165, 252), (155, 252)])
    else:
        pygame.draw.polygon(surface, who.skin, [(146, 238), (174, 238), (160, 262)])
    for side in (-1, 1):  # lapels
        pygame.draw.polygon(surface, _mix(who.jacket, (0, 0, 0), 0.15),
                            [(160 + side * 34, 236), (160 + side * 6, 300),
                             (160 + side * 22, 320), (160 + side * 60, 262)])
    if who.collar == "open":  # a small round pin, no emblem of any country
        pygame.draw.circle(surface, (210, 180, 100), (110, 276), 6)


def _back_hair(surface: pygame.Surface, who: Official) -> None:
    """Long hair falls behind the neck and onto the shoulders, so it is drawn first."""
    if who.hair_style == "long":
        pygame.draw.ellipse(surface, who.hair, (88, 62, 144, 190))
        pygame.draw.rect(surface, who.hair, (92, 150, 136, 100), border_radius=30)


def _head(surface: pygame.Surface, who: Official) -> None:
    for side in (-1, 1):  # ears
        pygame.draw.ellipse(surface, _mix(who.skin, (0, 0, 0), 0.08),
                            (160 + side * 60 - 12, 128, 24, 36))
    pygame.draw.ellipse(surface, who.skin, (100, 66, 120, 150))
    if who.hair_style == "long":
        pygame.draw.polygon(surface, who.hair, [(100, 120), (112, 74), (160, 58), (208, 74),
                                                (220, 120), (200, 94), (150, 90), (118, 100)])
    elif who.hair_style == "short":
        pygame.draw.polygon(surface, who.hair, [(102, 122), (106, 86), (134, 64), (186, 64),
                                                (214, 86), (218, 122), (206, 98), (160, 88),
                                                (114, 98)])
    else:  # parted at the side
        pygame.draw.polygon(surface, who.hair, [(100, 126), (104, 84), (136, 62), (190, 64),
                                                (216, 88), (220, 126), (210, 96), (176, 84),
                                                (150, 92), (112, 100)])
    if who.grey_temples:  # a little grey at the sideburns
        for x in (103, 211):
            pygame.draw.rect(surface, (150, 148, 145), (x, 112, 6, 16), border_radius=3)


def _face(surface: pygame.Surface, who: Official, expression: str) -> None:
    ink = (40, 32, 30)
    brow = _mix(who.hair, (0, 0, 0), 0.3) if who.hair_style != "short" else (110, 100, 95)
    lip = _mix(who.skin, (120, 40, 40), 0.35)
    for side in (-1, 1):
        eye = (160 + side * 24, 140)
        if expression == "pleased":  # eyes narrowed by a smile
            pygame.draw.arc(surface, ink, (eye[0] - 9, eye[1] - 5, 18, 14), 0.3, 2.84, 3)
        else:
            pygame.draw.ellipse(surface, (250, 250, 248), (eye[0] - 9, eye[1] - 6, 18, 12))
            pygame.draw.circle(surface, ink, eye, 5)
        inner, outer = (160 + side * 12, 122), (160 + side * 36, 122)
        if expression == "pleased":
            inner, outer = (inner[0], 119), (outer[0], 120)
            pygame.draw.arc(surface, brow, (min(inner[0], outer[0]), 114, 24, 12), 0.4, 2.7, 4)
        else:
            if expression == "concerned":  # inner ends raised: worry, not anger
                inner = (inner[0], 116)
                outer = (outer[0], 124)
            pygame.draw.line(surface, brow, inner, outer, 4)
        if who.glasses:
            pygame.draw.circle(surface, (50, 45, 45), eye, 17, 2)
    if who.glasses:
        pygame.draw.line(surface, (50, 45, 45), (153, 138), (167, 138), 2)
        for side in (-1, 1):
            pygame.draw.line(surface, (50, 45, 45), (160 + side * 41, 136),
                             (160 + side * 58, 132), 2)
    nose = _mix(who.skin, (0, 0, 0), 0.22)
    pygame.draw.line(surface, nose, (160, 146), (154, 166), 2)
    pygame.draw.line(surface, nose, (154, 166), (162, 168), 2)
    if expression == "pleased":
        pygame.draw.arc(surface, lip, (138, 166, 44, 26), 3.5, 5.9, 4)
    elif expression == "neutral":
        pygame.draw.line(surface, lip, (146, 184), (174, 184), 4)
    else:
        pygame.draw.arc(surface, lip, (144, 182, 32, 16), 0.5, 2.64, 4)


def draw(official: str, expression: str, size: int = SIZE) -> pygame.Surface:
    """One portrait, `size` pixels square."""
    who = OFFICIALS[official]
    surface = pygame.Surface((SIZE, SIZE))
    _backdrop(surface, who.backdrop)
    _back_hair(surface, who)
    _body(surface, who)
    _head(surface, who)
    _face(surface, who, expression)
    return surface if size == SIZE else pygame.transform.smoothscale(surface, (size, size))


def main(argv: list[str]) -> int:
    """Write every official in every expression to the folder named on the command line."""
    folder = Path(argv[0]) if argv else Path("assets/images/portraits")
    folder.mkdir(parents=True, exist_ok=True)
    pygame.init()
    for official in OFFICIALS:
        for expression in EXPRESSIONS:
            pygame.image.save(draw(official, expression), folder / f"{official}_{expression}.png")
    print(f"wrote {len(OFFICIALS) * len(EXPRESSIONS)} portraits to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

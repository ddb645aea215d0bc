"""Card art drawn by the project: simple, original scenes made from pygame shapes.

Each motif (a naval exercise, air defence, oil, a vote, a summit ...) is a function that paints
a 16:9 scene; a seed varies colours and details so two cards with the same motif differ. The
shipped PNGs in assets/images/ are made with `python tools/art.py assets/images`
and carry the project's licence (see assets/LICENCES.md).
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pygame

SIZE = (640, 360)
Colour = tuple[int, int, int]


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _gradient(surface: pygame.Surface, top: Colour, bottom: Colour, start: int = 0,
              end: int | None = None) -> None:
    end = surface.get_height() if end is None else end
    for y in range(start, end):
        pygame.draw.line(surface, _mix(top, bottom, (y - start) / max(end - start - 1, 1)),
                         (0, y), (surface.get_width(), y))


def _hills(surface: pygame.Surface, rng: random.Random, base: int, height: int,
           colour: Colour, bumps: int = 5) -> None:
    width = surface.get_width()
    points = [(0, surface.get_height()), (0, base)]
    phase = rng.random() * math.tau
    for x in range(0, width + 20, 20):
        y = base - height * (0.5 + 0.5 * math.sin(phase + x / width * bumps * math.pi))
        points.append((x, int(y)))
    points += [(width, surface.get_height())]
    pygame.draw.polygon(surface, colour, points)


def _sea(surface: pygame.Surface, rng: random.Random, horizon: int, deep: Colour) -> None:
    _gradient(surface, _mix(deep, (255, 255, 255), 0.25), deep, horizon)
    for _ in range(40):
        x, y = rng.randrange(0, SIZE[0]), rng.randrange(horizon + 8, SIZE[1])
        pygame.draw.line(surface, _mix(deep, (255, 255, 255), 0.4), (x, y), (x + 18, y), 2)


def _ship(surface: pygame.Surface, x: int, y: int, scale: float, colour: Colour) -> None:
    hull = [(x - 60 * scale, y), (x + 70 * scale, y), (x + 50 * scale, y + 16 * scale),
            (x - 50 * scale, y + 16 * scale)]
    pygame.draw.polygon(surface, colour, hull)
    pygame.draw.rect(surface, colour, (x - 25 * scale, y - 22 * scale, 40 * scale, 22 * scale))
    pygame.draw.rect(surface, colour, (x - 8 * scale, y - 40 * scale, 10 * scale, 18 * scale))
    pygame.draw.line(surface, colour, (x - 3 * scale, y - 40 * scale),
                     (x - 3 * scale, y - 58 * scale), max(1, round(2 * scale)))


def naval(surface: pygame.Surface, rng: random.Random) -> None:
    horizon = 200
    _gradient(surface, (120, 170, 210), (210, 225, 235), 0, horizon)
    _sea(surface, rng, horizon, (30, 70, 110))
    for i in range(rng.randint(3, 4)):
        scale = 0.6 + 0.25 * i
        _ship(surface, 110 + i * 140 + rng.randint(-20, 20), horizon + 10 + i * 28, scale,
              _mix((45, 55, 70), (20, 25, 35), i / 4))


def air_defence(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (150, 185, 215), (225, 220, 200))
    _hills(surface, rng, 250, 60, (150, 140, 110), 3)
    _hills(surface, rng, 300, 30, (110, 105, 80), 4)
    ground = 300
    body = (70, 80, 60)
    pygame.draw.rect(surface, body, (180, ground - 40, 260, 40))
    pygame.draw.rect(surface, body, (430, ground - 62, 60, 62))
    for i in range(4):  # launch tubes, raised
        start = (210 + i * 12, ground - 40)
        end = (start[0] + 170, start[1] - 120)
        pygame.draw.line(surface, (90, 100, 80), start, end, 10)
    for wheel in range(6):
        pygame.draw.circle(surface, (30, 30, 30), (200 + wheel * 45, ground + 2), 13)
    pygame.draw.line(surface, body, (540, ground), (540, ground - 70), 5)  # radar mast
    pygame.draw.ellipse(surface, (120, 125, 110), (505, ground - 110, 70, 45), 0)


def oil(surface: pygame.Surface, rng: random.Random) -> None:
    horizon = 210
    _gradient(surface, (240, 170, 110), (250, 220, 170), 0, horizon)
    pygame.draw.circle(surface, (255, 235, 190), (rng.randint(420, 560), 120), 40)
    _sea(surface, rng, horizon, (40, 70, 90))
    tanker = (35, 35, 40)
    pygame.draw.polygon(surface, tanker, [(70, 240), (420, 240), (400, 272), (90, 272)])
    pygame.draw.rect(surface, tanker, (360, 205, 45, 35))
    for x in range(110, 350, 40):
        pygame.draw.rect(surface, (150, 60, 50), (x, 228, 30, 12))
    for i in range(5):  # barrels on the quay
        x = 470 + (i % 3) * 40
        y = 280 + (i // 3) * 36
        pygame.draw.rect(surface, (30, 90, 140), (x, y, 32, 40), border_radius=4)
        pygame.draw.line(surface, (200, 200, 200), (x, y + 14), (x + 32, y + 14), 2)


def vote(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (60, 80, 120), (25, 35, 60))
    centre = (SIZE[0] // 2, 330)
    colours = [(70, 170, 90), (200, 70, 60), (200, 200, 200)]
    weights = [rng.random() + 0.6, rng.random() * 0.3 + 0.05, rng.random() * 0.6 + 0.2]
    for row in range(6):
        radius = 110 + row * 36
        seats = 14 + row * 5
        for k in range(seats):
            angle = math.pi * (k + 0.5) / seats
            x = centre[0] - radius * math.cos(angle)
            y = centre[1] - radius * math.sin(angle)
            pygame.draw.circle(surface, rng.choices(colours, weights)[0], (int(x), int(y)), 7)
    pygame.draw.rect(surface, (180, 150, 90), (centre[0] - 40, 290, 80, 70))


def summit(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (110, 45, 40), (60, 25, 25))
    for x in range(40, SIZE[0], 90):  # pillars
        pygame.draw.rect(surface, (150, 110, 80), (x, 0, 30, SIZE[1]))
    pygame.draw.rect(surface, (90, 60, 40), (0, 280, SIZE[0], 80))
    flags = [(255, 153, 51), (255, 255, 255), (19, 136, 8), (60, 60, 160), (200, 40, 40)]
    for i, x in enumerate((200, 440)):
        pygame.draw.rect(surface, (200, 180, 140), (x - 45, 200, 90, 90))  # lectern
        pygame.draw.line(surface, (30, 30, 30), (x, 200), (x - 10, 170), 3)
        pole = x + (80 if i else -80)
        pygame.draw.line(surface, (210, 210, 210), (pole, 290), (pole, 110), 3)
        colour = flags[(i * 3 + rng.randint(0, 1)) % len(flags)]
        pygame.draw.rect(surface, colour, (pole, 110, 50, 32))


def trade(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (170, 200, 225), (230, 235, 240))
    pygame.draw.rect(surface, (110, 110, 115), (0, 280, SIZE[0], 80))
    palette = [(180, 60, 50), (40, 100, 160), (220, 160, 40), (60, 130, 80), (120, 80, 140)]
    for column in range(8):
        height = rng.randint(2, 5)
        for level in range(height):
            pygame.draw.rect(surface, rng.choice(palette),
                             (40 + column * 62, 250 - level * 30, 58, 28))
    crane = (220, 170, 40)
    pygame.draw.line(surface, crane, (560, 280), (560, 60), 10)
    pygame.draw.line(surface, crane, (380, 70), (620, 70), 8)
    pygame.draw.line(surface, (50, 50, 50), (420, 70), (420, 140), 2)


def border(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (110, 150, 200), (200, 215, 230))
    for i, (base, height, colour) in enumerate(((230, 150, (120, 120, 135)),
                                                 (270, 110, (95, 95, 110)),
                                                 (320, 60, (150, 130, 100)))):
        _hills(surface, rng, base, height, colour, 3 + i)
        if i == 0:
            for x in range(0, SIZE[0], 90):
                peak = base - height + rng.randint(0, 20)
                pygame.draw.polygon(surface, (240, 240, 245),
                                    [(x + 20, peak + 30), (x + 45, peak), (x + 70, peak + 30)])
    for x in (150, 470):  # outposts
        pygame.draw.rect(surface, (70, 60, 50), (x, 270, 40, 30))
        pygame.draw.line(surface, (70, 60, 50), (x + 20, 270), (x + 20, 240), 2)


def technology(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (15, 40, 45), (10, 25, 30))
    for _ in range(40):  # circuit traces
        x, y = rng.randrange(0, SIZE[0], 20), rng.randrange(0, SIZE[1], 20)
        length = rng.randint(40, 160)
        end = (x + length, y) if rng.random() < 0.5 else (x, y + length)
        pygame.draw.line(surface, (40, 160, 140), (x, y), end, 2)
        pygame.draw.circle(surface, (90, 220, 190), end, 4)
    centre = (SIZE[0] // 2, SIZE[1] // 2)
    for radius, colour in ((110, (180, 180, 190)), (90, (90, 95, 105)), (40, (200, 200, 210))):
        pygame.draw.circle(surface, colour, centre, radius)
    for k in range(16):  # turbine blades
        angle = math.tau * k / 16
        pygame.draw.line(surface, (60, 60, 70), centre,
                         (centre[0] + 88 * math.cos(angle), centre[1] + 88 * math.sin(angle)), 4)


def jet(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (70, 120, 190), (180, 205, 230))
    for _ in range(5):
        x, y = rng.randint(0, SIZE[0]), rng.randint(20, 200)
        pygame.draw.ellipse(surface, (235, 240, 245), (x, y, 120, 30))
    body = (80, 90, 100)
    nose, tail = (520, 170), (140, 190)
    pygame.draw.polygon(surface, body, [nose, (430, 160), (160, 175), tail, (160, 195), (430, 185)])
    pygame.draw.polygon(surface, body, [(380, 176), (250, 120), (220, 125), (300, 180)])
    pygame.draw.polygon(surface, body, [(380, 180), (250, 250), (220, 245), (300, 186)])
    pygame.draw.polygon(surface, body, [(190, 178), (150, 130), (135, 132), (160, 182)])
    pygame.draw.ellipse(surface, (150, 200, 230), (440, 158, 50, 14))


def nuclear(surface: pygame.Surface, rng: random.Random) -> None:
    horizon = 240
    _gradient(surface, (150, 190, 220), (220, 230, 235), 0, horizon)
    _sea(surface, rng, horizon, (40, 90, 120))
    for x in (120, 250):  # reactor domes
        pygame.draw.rect(surface, (210, 210, 205), (x, 170, 100, 70))
        pygame.draw.ellipse(surface, (225, 225, 220), (x, 130, 100, 80))
    pygame.draw.rect(surface, (170, 170, 165), (380, 190, 160, 50))
    pygame.draw.line(surface, (160, 60, 50), (560, 240), (560, 90), 8)


def rail(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (200, 180, 140), (235, 220, 190))
    _hills(surface, rng, 220, 50, (180, 150, 110), 2)
    pygame.draw.rect(surface, (150, 120, 90), (0, 260, SIZE[0], 100))
    for x in range(0, SIZE[0], 24):
        pygame.draw.line(surface, (90, 70, 50), (x, 280), (x + 10, 330), 5)
    pygame.draw.line(surface, (60, 60, 60), (0, 290), (SIZE[0], 290), 4)
    pygame.draw.line(surface, (60, 60, 60), (0, 320), (SIZE[0], 320), 4)
    palette = [(150, 50, 40), (40, 90, 140), (200, 150, 40)]
    for i in range(6):
        pygame.draw.rect(surface, rng.choice(palette), (20 + i * 100, 240, 92, 48))


def armour(surface: pygame.Surface, rng: random.Random) -> None:
    _gradient(surface, (180, 195, 205), (225, 215, 190))
    _hills(surface, rng, 250, 40, (160, 150, 115), 2)
    pygame.draw.rect(surface, (140, 125, 90), (0, 290, SIZE[0], 70))
    for x, scale in ((150, 0.8), (390, 1.0)):
        body = _mix((85, 95, 65), (60, 65, 45), scale - 0.8)
        track = (35, 35, 30)
        w, h = 200 * scale, 36 * scale
        top = 300 - h
        pygame.draw.rect(surface, track, (x - 10 * scale, top + h * 0.55, w + 20 * scale, h * 0.6),
                         border_radius=int(12 * scale))
        pygame.draw.polygon(surface, body, [(x, top + h * 0.6), (x + 20 * scale, top),
                                            (x + w - 20 * scale, top), (x + w, top + h * 0.6)])
        pygame.draw.ellipse(surface, body, (x + 50 * scale, top - 26 * scale, 90 * scale,
                                            36 * scale))
        pygame.draw.line(surface, body, (x + 130 * scale, top - 10 * scale),
                         (x + 250 * scale, top - 18 * scale), max(2, round(7 * scale)))


MOTIFS: dict[str, Callable[[pygame.Surface, random.Random], None]] = {
    "naval": naval, "air_defence": air_defence, "oil": oil, "vote": vote, "summit": summit,
    "trade": trade, "border": border, "technology": technology, "jet": jet,
    "nuclear": nuclear, "rail": rail, "armour": armour,
}


# Light for each variant: the colour laid over the scene and how strongly (day, evening, dusk).
GRADES: tuple[tuple[Colour, int], ...] = (((255, 255, 255), 0), ((255, 150, 90), 60),
                                          ((40, 50, 110), 80))


def draw(motif: str, seed: int = 0, size: tuple[int, int] = SIZE) -> pygame.Surface:
    """The motif's scene, varied by `seed` (details, and the light of day), scaled to `size`."""
    surface = pygame.Surface(SIZE)
    MOTIFS[motif](surface, random.Random(f"{motif}-{seed}"))
    colour, strength = GRADES[seed % len(GRADES)]
    if strength:
        light = pygame.Surface(SIZE)
        light.fill(colour)
        light.set_alpha(strength)
        surface.blit(light, (0, 0))
    return surface if size == SIZE else pygame.transform.smoothscale(surface, size)


def main(argv: list[str]) -> int:
    """Write every motif, in two variants, to the folder named on the command line."""
    folder = Path(argv[0]) if argv else Path("assets/images")
    folder.mkdir(parents=True, exist_ok=True)
    pygame.init()
    for motif in MOTIFS:
        for variant in (0, 1):
            pygame.image.save(draw(motif, variant), folder / f"{motif}_{variant}.png")
    print(f"wrote {len(MOTIFS) * 2} images to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Card art drawn by the project: simple, original scenes made from pygame shapes.

Each motif (a naval exercise, air defence, oil, a vote, a summit ...) is a function that paints
a 16:9 scene; a seed varies colours and details so two cards with the same motif differ. The
shipped PNGs in assets/images/ are made with `python tools/art.py assets/images`
and carry the project's licence (see assets/LICENCES.md).
"""

from __future__ import annotations

import itertools
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


FONT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSans-Bold.ttf"


def _stars(surface: pygame.Surface, rng: random.Random, count: int, bottom: int) -> None:
    for _ in range(count):
        shade = rng.randint(150, 255)
        surface.set_at((rng.randrange(SIZE[0]), rng.randrange(bottom)), (shade, shade, shade))


def _person(surface: pygame.Surface, x: int, ground: int, height: int, colour: Colour) -> None:
    """A figure without a face: a head and a rounded body, as on a sign."""
    head = max(4, height // 7)
    pygame.draw.circle(surface, colour, (x, ground - height + head), head)
    pygame.draw.rect(surface, colour, (x - height // 5, ground - height + head * 2 + 2,
                                       height * 2 // 5, height - head * 2 - 2),
                     border_radius=height // 6)


def satellite(surface: pygame.Surface, rng: random.Random) -> None:
    """An imaging satellite over the curve of the Earth, with a map grid below."""
    _gradient(surface, (5, 8, 25), (20, 35, 75))
    _stars(surface, rng, 90, 240)
    centre, radius = (SIZE[0] // 2 + rng.randint(-60, 60), 1180), 900
    pygame.draw.circle(surface, (90, 150, 215), centre, radius + 10)
    pygame.draw.circle(surface, (30, 80, 140), centre, radius)
    for _ in range(6):  # land, well inside the disc
        x = rng.randint(60, SIZE[0] - 60)
        top = centre[1] - math.sqrt(max(radius ** 2 - (x - centre[0]) ** 2, 0))
        pygame.draw.ellipse(surface, rng.choice([(70, 120, 80), (140, 130, 90)]),
                            (x - 50, top + 25 + rng.randint(0, 50), rng.randint(60, 130), 30))
    for ring in range(radius - 60, radius - 300, -60):  # latitude lines of the map
        pygame.draw.circle(surface, (110, 170, 220), centre, ring, 1)
    for k in range(-5, 6):
        angle = -math.pi / 2 + k * 0.07
        pygame.draw.line(surface, (110, 170, 220),
                         (centre[0] + radius * math.cos(angle),
                          centre[1] + radius * math.sin(angle)),
                         (centre[0] + (radius - 300) * math.cos(angle),
                          centre[1] + (radius - 300) * math.sin(angle)), 1)
    sx, sy = rng.randint(250, 390), rng.randint(90, 120)
    beam = pygame.Surface(SIZE, pygame.SRCALPHA)
    pygame.draw.polygon(beam, (255, 240, 160, 55), [(sx, sy + 20), (sx - 70, 330), (sx + 70, 330)])
    surface.blit(beam, (0, 0))
    for side in (-1, 1):  # solar panels on struts
        pygame.draw.line(surface, (170, 170, 180), (sx, sy), (sx + side * 60, sy), 3)
        panel = pygame.Rect(0, 0, 110, 34)
        panel.center = (sx + side * 115, sy)
        pygame.draw.rect(surface, (30, 50, 120), panel)
        for gx in range(panel.x, panel.right, 14):
            pygame.draw.line(surface, (90, 120, 200), (gx, panel.y), (gx, panel.bottom), 1)
        pygame.draw.line(surface, (90, 120, 200), (panel.x, panel.centery),
                         (panel.right, panel.centery), 1)
    pygame.draw.rect(surface, (205, 165, 70), (sx - 22, sy - 20, 44, 40), border_radius=4)
    pygame.draw.rect(surface, (160, 120, 40), (sx - 22, sy - 20, 44, 40), 2, border_radius=4)
    pygame.draw.circle(surface, (40, 40, 50), (sx, sy + 24), 9)


def submarine(surface: pygame.Surface, rng: random.Random) -> None:
    """A submarine on the surface, its tower and deck above the water."""
    horizon = 190
    _gradient(surface, (110, 150, 190), (205, 215, 225), 0, horizon)
    _sea(surface, rng, horizon, (25, 60, 95))
    _ship(surface, rng.randint(470, 560), horizon + 4, 0.35, (70, 80, 95))
    water = 250
    hull = (38, 42, 50)
    x = rng.randint(70, 110)
    pygame.draw.ellipse(surface, hull, (x, water - 26, 430, 60))
    pygame.draw.rect(surface, hull, (x + 150, water - 78, 70, 60), border_radius=18)
    pygame.draw.rect(surface, hull, (x + 130, water - 58, 110, 8), border_radius=4)
    pygame.draw.line(surface, (90, 95, 100), (x + 175, water - 78), (x + 175, water - 108), 3)
    pygame.draw.line(surface, (90, 95, 100), (x + 195, water - 78), (x + 195, water - 98), 3)
    pygame.draw.polygon(surface, hull, [(x + 420, water - 4), (x + 470, water - 26),
                                        (x + 470, water + 10)])
    below = pygame.Surface((SIZE[0], SIZE[1] - water), pygame.SRCALPHA)
    below.fill((25, 60, 95, 200))
    surface.blit(below, (0, water))
    for k in range(8):  # the bow wave and the wake
        pygame.draw.line(surface, (225, 235, 240), (x - 10 - k * 18, water + 2 + k * 3),
                         (x + 20 - k * 14, water + 2 + k * 3), 2)


def drone(surface: pygame.Surface, rng: random.Random) -> None:
    """A long-endurance drone seen from above, watching the sea and a ship below."""
    _gradient(surface, (40, 110, 150), (20, 60, 100))
    for _ in range(50):
        x, y = rng.randrange(SIZE[0]), rng.randrange(SIZE[1])
        pygame.draw.line(surface, (70, 140, 175), (x, y), (x + 14, y), 2)
    ship = (rng.randint(420, 520), rng.randint(240, 290))
    for r in (70, 50):
        pygame.draw.circle(surface, (150, 220, 200), ship, r, 1)
    pygame.draw.ellipse(surface, (200, 200, 195), (ship[0] - 30, ship[1] - 7, 60, 14))
    pygame.draw.line(surface, (170, 210, 220), (ship[0] - 32, ship[1]), (ship[0] - 90, ship[1]),
                     3)
    body = (215, 218, 222)
    cx, cy = 230, rng.randint(130, 160)
    shadow = pygame.Surface(SIZE, pygame.SRCALPHA)
    pygame.draw.ellipse(shadow, (0, 20, 40, 70), (cx - 80, cy + 80, 200, 24))
    pygame.draw.polygon(shadow, (0, 20, 40, 70), [(cx + 10, cy + 30), (cx + 30, cy + 30),
                                                 (cx + 26, cy + 150), (cx + 14, cy + 150)])
    surface.blit(shadow, (0, 0))
    pygame.draw.polygon(surface, body, [(cx + 14, cy - 150), (cx + 22, cy - 150),
                                        (cx + 30, cy), (cx + 22, cy + 150), (cx + 14, cy + 150),
                                        (cx + 2, cy)])  # long, thin wings
    pygame.draw.ellipse(surface, body, (cx - 120, cy - 14, 240, 28))  # fuselage
    pygame.draw.circle(surface, body, (cx + 108, cy), 18)  # the sensor nose
    pygame.draw.circle(surface, (60, 70, 80), (cx + 112, cy + 8), 7)
    for side in (-1, 1):  # the V tail
        pygame.draw.polygon(surface, body, [(cx - 100, cy), (cx - 130, cy + side * 48),
                                            (cx - 118, cy + side * 50), (cx - 88, cy)])
    pygame.draw.line(surface, (60, 60, 65), (cx - 126, cy - 22), (cx - 126, cy + 22), 4)


def refinery(surface: pygame.Surface, rng: random.Random) -> None:
    """A coastal refinery at dusk: columns, spheres, tanks, pipes and a flare."""
    _gradient(surface, (60, 70, 120), (240, 160, 110), 0, 260)
    pygame.draw.rect(surface, (70, 65, 60), (0, 260, SIZE[0], 100))
    steel, dark = (150, 150, 155), (95, 95, 105)
    for x in range(40, 600, rng.randint(110, 130)):  # storage tanks
        pygame.draw.rect(surface, (185, 185, 180), (x, 270, 80, 50))
        pygame.draw.ellipse(surface, (215, 215, 210), (x, 262, 80, 16))
    for x, h in ((170, 170), (210, 130), (250, 190), (300, 150)):  # distillation columns
        pygame.draw.rect(surface, steel, (x, 260 - h, 26, h), border_radius=10)
        for y in range(260 - h + 20, 260, 30):
            pygame.draw.line(surface, dark, (x, y), (x + 26, y), 2)
    for x in (380, 450):
        pygame.draw.line(surface, dark, (x, 260), (x, 228), 4)
        pygame.draw.circle(surface, (210, 210, 205), (x, 215), 30)
    pygame.draw.line(surface, dark, (150, 200), (480, 200), 4)
    pygame.draw.line(surface, dark, (150, 212), (480, 212), 3)
    flare_x = rng.randint(530, 580)
    pygame.draw.line(surface, dark, (flare_x, 260), (flare_x, 70), 6)
    pygame.draw.polygon(surface, (255, 150, 40), [(flare_x - 10, 70), (flare_x, 26),
                                                  (flare_x + 12, 70)])
    pygame.draw.polygon(surface, (255, 230, 120), [(flare_x - 4, 70), (flare_x + 1, 46),
                                                   (flare_x + 6, 70)])
    for _ in range(18):  # lights
        light = (rng.randint(160, 480), rng.randint(80, 250))
        pygame.draw.circle(surface, (255, 225, 140), light, 2)


def currency(surface: pygame.Surface, rng: random.Random) -> None:
    """Banknotes and coins of several currencies, with arrows of exchange between them."""
    _gradient(surface, (70, 55, 50), (40, 32, 30))
    font = pygame.font.Font(str(FONT), 46)
    small = pygame.font.Font(str(FONT), 22)
    notes = [("₹", (150, 110, 170)), ("$", (90, 140, 95)), ("¥", (190, 90, 80)),
             ("AED", (90, 130, 170))]
    rng.shuffle(notes)
    for index, (symbol, colour) in enumerate(notes):
        note = pygame.Surface((210, 100), pygame.SRCALPHA)
        note.fill((*colour, 255))
        pygame.draw.rect(note, _mix(colour, (255, 255, 255), 0.45), (8, 8, 194, 84), 3)
        pygame.draw.circle(note, _mix(colour, (255, 255, 255), 0.3), (160, 50), 32)
        text = (font if len(symbol) == 1 else small).render(symbol, True, (250, 245, 235))
        note.blit(text, text.get_rect(center=(160, 50)))
        for y in (30, 50, 70):
            pygame.draw.line(note, _mix(colour, (0, 0, 0), 0.25), (22, y), (100, y), 4)
        turned = pygame.transform.rotate(note, rng.randint(-18, 18))
        x, y = 40 + (index % 2) * 240, 30 + (index // 2) * 150
        surface.blit(turned, (x + rng.randint(-10, 10), y + rng.randint(-10, 10)))
    for k in range(7):  # a stack of coins
        pygame.draw.ellipse(surface, (170, 130, 50), (500, 300 - k * 12, 100, 34))
        pygame.draw.ellipse(surface, (220, 180, 80), (500, 294 - k * 12, 100, 34))
    for y in (120, 250):  # exchange arrows
        pygame.draw.line(surface, (245, 235, 210), (255, y), (305, y), 4)
        pygame.draw.polygon(surface, (245, 235, 210), [(305, y - 9), (320, y), (305, y + 9)])


def passport(surface: pygame.Surface, rng: random.Random) -> None:
    """An open passport with visa stamps, and travellers on their way to a plane."""
    _gradient(surface, (160, 195, 225), (225, 232, 238))
    pygame.draw.rect(surface, (190, 190, 195), (0, 300, SIZE[0], 60))
    plane_y = rng.randint(40, 70)
    pygame.draw.polygon(surface, (250, 250, 252), [(400, plane_y + 10), (560, plane_y),
                                                   (575, plane_y + 8), (410, plane_y + 20)])
    pygame.draw.polygon(surface, (250, 250, 252), [(480, plane_y + 8), (450, plane_y + 40),
                                                   (470, plane_y + 40), (510, plane_y + 8)])
    cover = (45, 55, 100) if rng.random() < 0.5 else (100, 40, 50)
    pygame.draw.rect(surface, cover, (50, 70, 300, 200), border_radius=10)
    pygame.draw.rect(surface, (245, 240, 225), (62, 80, 136, 180), border_radius=4)
    pygame.draw.rect(surface, (245, 240, 225), (202, 80, 136, 180), border_radius=4)
    pygame.draw.line(surface, _mix(cover, (0, 0, 0), 0.3), (200, 80), (200, 260), 3)
    for k in range(5):  # stamps, one under another
        colour = rng.choice([(170, 60, 60), (60, 90, 160), (60, 130, 90), (140, 90, 160)])
        x, y = rng.randint(75, 150), 95 + k * 32
        if k % 2:
            pygame.draw.circle(surface, colour, (x + 20, y + 14), 16, 3)
        else:
            pygame.draw.rect(surface, colour, (x, y, 56, 26), 3, border_radius=4)
    pygame.draw.rect(surface, (210, 205, 195), (214, 100, 46, 56))  # a blank photo box
    for y in range(170, 250, 16):
        pygame.draw.line(surface, (170, 165, 155), (214, y), (326, y), 3)
    colours = [(70, 90, 130), (150, 80, 70), (60, 120, 100), (180, 140, 70), (110, 80, 140)]
    for k in range(6):
        _person(surface, 390 + k * 40, 310, 70 + rng.randint(-8, 8), colours[k % len(colours)])


def medicine(surface: pygame.Surface, rng: random.Random) -> None:
    """Medicines made for the world: bottles, blister packs and capsules on a shelf."""
    _gradient(surface, (215, 235, 235), (175, 205, 210))
    pygame.draw.rect(surface, (120, 150, 160), (0, 260, SIZE[0], 14))
    pygame.draw.rect(surface, (150, 175, 185), (0, 274, SIZE[0], 86))
    for x in range(40, 360, 80):  # bottles
        colour = rng.choice([(200, 120, 50), (70, 120, 170), (240, 240, 240)])
        height = rng.randint(110, 150)
        pygame.draw.rect(surface, colour, (x, 260 - height, 60, height), border_radius=8)
        pygame.draw.rect(surface, (250, 250, 250), (x, 260 - height, 60, 22), border_radius=6)
        pygame.draw.rect(surface, (250, 250, 245), (x + 6, 260 - height * 2 // 3, 48, 44))
        pygame.draw.rect(surface, (40, 140, 110), (x + 26, 260 - height * 2 // 3 + 8, 8, 28))
        pygame.draw.rect(surface, (40, 140, 110), (x + 16, 260 - height * 2 // 3 + 18, 28, 8))
    pack = pygame.Rect(390, 150, 200, 100)
    pygame.draw.rect(surface, (200, 205, 210), pack, border_radius=8)
    for row in range(2):
        for column in range(5):
            pygame.draw.ellipse(surface, (245, 245, 250),
                                (pack.x + 12 + column * 37, pack.y + 16 + row * 42, 30, 26))
    for _ in range(7):  # loose capsules
        capsule = pygame.Surface((46, 18), pygame.SRCALPHA)
        pygame.draw.rect(capsule, (230, 90, 80), (0, 0, 26, 18), border_radius=9)
        pygame.draw.rect(capsule, (245, 245, 240), (20, 0, 26, 18), border_radius=9)
        turned = pygame.transform.rotate(capsule, rng.randint(0, 180))
        surface.blit(turned, (rng.randint(60, 580), rng.randint(285, 330)))


def parliament(surface: pygame.Surface, rng: random.Random) -> None:
    """A legislature: a round colonnaded chamber on its steps, with a dome."""
    _gradient(surface, (130, 170, 215), (230, 225, 210))
    _hills(surface, rng, 300, 12, (110, 150, 90), 2)
    stone, shade = (225, 210, 180), (180, 160, 130)
    pygame.draw.ellipse(surface, stone, (240, 70, 160, 90))  # the dome
    pygame.draw.line(surface, shade, (320, 70), (320, 45), 3)
    pygame.draw.rect(surface, stone, (90, 130, 460, 26))
    pygame.draw.rect(surface, shade, (90, 152, 460, 8))
    for x in range(100, 545, 26):
        pygame.draw.rect(surface, stone, (x, 160, 14, 110))
        pygame.draw.rect(surface, shade, (x + 10, 160, 4, 110))
    pygame.draw.rect(surface, (200, 185, 155), (90, 165, 460, 100))
    for x in range(100, 545, 26):  # columns in front of the shaded wall
        pygame.draw.rect(surface, stone, (x, 160, 14, 110))
    for step in range(4):
        pygame.draw.rect(surface, _mix(stone, shade, step / 4),
                         (70 - step * 12, 270 + step * 9, 500 + step * 24, 9))
    pygame.draw.rect(surface, (120, 150, 90), (0, 306, SIZE[0], 54))


def sea_lanes(surface: pygame.Surface, rng: random.Random) -> None:
    """A sea chart: coasts, ports, a dashed shipping route, a compass rose and a ship."""
    _gradient(surface, (70, 130, 175), (40, 95, 145))
    for x in range(0, SIZE[0], 64):
        pygame.draw.line(surface, (95, 150, 190), (x, 0), (x, SIZE[1]), 1)
    for y in range(0, SIZE[1], 64):
        pygame.draw.line(surface, (95, 150, 190), (0, y), (SIZE[0], y), 1)
    land = (215, 200, 160)
    for corner in ((-40, -60), (470, -90), (520, 230)):  # coasts, not any real shape
        points = []
        for k in range(14):
            angle = math.tau * k / 14
            radius = rng.randint(120, 170)
            points.append((corner[0] + 110 + radius * math.cos(angle),
                           corner[1] + 110 + radius * 0.8 * math.sin(angle)))
        pygame.draw.polygon(surface, land, points)
        pygame.draw.polygon(surface, (160, 145, 110), points, 2)
    ports = [(150, 200), (330, 250), (560, 150)]
    route = [ports[0], (230, 280), ports[1], (450, 230), ports[2]]
    for (x1, y1), (x2, y2) in itertools.pairwise(route):
        length = math.hypot(x2 - x1, y2 - y1)
        for k in range(0, int(length), 16):
            a, b = k / length, min(1.0, (k + 9) / length)
            pygame.draw.line(surface, (250, 240, 200), (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                             (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), 3)
    for port in ports:
        pygame.draw.circle(surface, (250, 245, 230), port, 9)
        pygame.draw.circle(surface, (180, 70, 60), port, 5)
    cx, cy = 80, 290  # the compass rose
    pygame.draw.circle(surface, (235, 230, 210), (cx, cy), 40, 2)
    for angle in range(0, 360, 90):
        a = math.radians(angle)
        tip = (cx + 38 * math.cos(a), cy + 38 * math.sin(a))
        side1 = (cx + 8 * math.cos(a + 1.57), cy + 8 * math.sin(a + 1.57))
        side2 = (cx + 8 * math.cos(a - 1.57), cy + 8 * math.sin(a - 1.57))
        pygame.draw.polygon(surface, (235, 230, 210), [tip, side1, (cx, cy), side2])
    ship = route[3]
    x, y = ship
    pygame.draw.polygon(surface, (40, 45, 55), [(x - 20, y - 6), (x + 22, y - 6), (x + 14, y + 6),
                                                (x - 16, y + 6)])


def round_table(surface: pygame.Surface, rng: random.Random) -> None:
    """Many delegations at one round table, seen from above: a summit of several powers."""
    _gradient(surface, (70, 60, 80), (40, 35, 50))
    centre = (SIZE[0] // 2, SIZE[1] // 2 + 10)
    pygame.draw.ellipse(surface, (95, 120, 110), (centre[0] - 170, centre[1] - 70, 340, 140))
    pygame.draw.ellipse(surface, (150, 110, 70), (centre[0] - 270, centre[1] - 140, 540, 280))
    pygame.draw.ellipse(surface, (70, 60, 80), (centre[0] - 190, centre[1] - 85, 380, 170))
    pygame.draw.ellipse(surface, (70, 110, 90), (centre[0] - 80, centre[1] - 30, 160, 60))
    seats = rng.choice([8, 10, 12])
    suits = [(40, 50, 70), (60, 60, 65), (80, 60, 55), (45, 70, 80)]
    for k in range(seats):
        angle = math.tau * (k + 0.5) / seats
        ex, ey = math.cos(angle), math.sin(angle)
        seat = (centre[0] + 300 * ex, centre[1] + 160 * ey)
        pygame.draw.circle(surface, rng.choice(suits), seat, 22)  # shoulders, from above
        pygame.draw.circle(surface, (40, 30, 25), seat, 11)  # a head, from above
        place = (centre[0] + 232 * ex, centre[1] + 115 * ey)
        pygame.draw.rect(surface, (245, 240, 230), (place[0] - 14, place[1] - 9, 28, 18))
        pygame.draw.line(surface, (30, 30, 30), (place[0] + 18 * ex, place[1] + 12 * ey),
                         (place[0] - 4 * ex, place[1] - 4 * ey), 2)


def handshake(surface: pygame.Surface, rng: random.Random) -> None:
    """Two hands meeting, in the sleeves of two delegations."""
    _gradient(surface, (60, 80, 110), (140, 160, 180))
    for k in range(9):
        pygame.draw.line(surface, (80, 100, 130), (k * 80 - 60, SIZE[1]), (k * 80 + 120, 0), 18)
    skin_left = (150, 105, 75)
    skin_right = (175, 130, 95) if rng.random() < 0.5 else (125, 85, 60)
    sleeves = [(35, 45, 70), (70, 70, 75), (55, 40, 45), (40, 60, 60)]
    rng.shuffle(sleeves)
    pygame.draw.polygon(surface, sleeves[0], [(0, 210), (230, 170), (250, 240), (0, 320)])
    pygame.draw.polygon(surface, (240, 240, 240), [(215, 172), (240, 168), (262, 236), (236, 243)])
    pygame.draw.polygon(surface, sleeves[1], [(SIZE[0], 200), (410, 160), (390, 230),
                                              (SIZE[0], 310)])
    pygame.draw.polygon(surface, (240, 240, 240), [(425, 158), (400, 162), (380, 230), (405, 226)])
    outline_left = _mix(skin_left, (0, 0, 0), 0.25)
    outline_right = _mix(skin_right, (0, 0, 0), 0.25)
    back = pygame.Rect(318, 164, 84, 62)  # the right hand, reaching in from the right
    pygame.draw.rect(surface, skin_right, back, border_radius=22)
    pygame.draw.rect(surface, outline_right, back, 2, border_radius=22)
    palm = pygame.Rect(236, 178, 104, 58)  # the left hand, in front
    pygame.draw.rect(surface, skin_left, palm, border_radius=24)
    pygame.draw.rect(surface, outline_left, palm, 2, border_radius=24)
    for k in range(4):  # its fingers curled round the other hand
        finger = pygame.Rect(318 + k * 4, 182 + k * 12, 46 - k * 3, 15)
        pygame.draw.rect(surface, skin_left, finger, border_radius=7)
        pygame.draw.rect(surface, outline_left, finger, 2, border_radius=7)
    thumb = pygame.Rect(282, 164, 70, 22)  # the right hand's thumb over the top
    pygame.draw.rect(surface, skin_right, thumb, border_radius=11)
    pygame.draw.rect(surface, outline_right, thumb, 2, border_radius=11)
    pygame.draw.ellipse(surface, _mix(skin_right, (255, 255, 255), 0.3), (286, 168, 16, 12))


def ceasefire(surface: pygame.Surface, rng: random.Random) -> None:
    """Dawn over quiet hills, and a dove carrying an olive branch."""
    _gradient(surface, (250, 200, 150), (150, 170, 200))
    pygame.draw.circle(surface, (255, 235, 190), (rng.randint(120, 220), 250), 60)
    _hills(surface, rng, 280, 60, (120, 115, 125), 3)
    _hills(surface, rng, 320, 30, (90, 95, 100), 4)
    x, y = rng.randint(360, 420), rng.randint(110, 140)
    white = (250, 250, 248)
    pygame.draw.ellipse(surface, white, (x - 60, y - 18, 120, 40))  # body
    pygame.draw.polygon(surface, white, [(x - 55, y), (x - 110, y - 20), (x - 100, y + 8)])  # tail
    wing = [(x - 24, y - 6), (x - 14, y - 52), (x + 2, y - 92), (x + 14, y - 104),
            (x + 20, y - 88), (x + 30, y - 84), (x + 30, y - 66), (x + 40, y - 60),
            (x + 36, y - 42), (x + 44, y - 34), (x + 26, y - 8)]
    pygame.draw.polygon(surface, (238, 238, 235), wing)
    for k in range(3):  # feathers
        pygame.draw.line(surface, (205, 205, 205), (x + k * 10 - 10, y - 10),
                         (x + 10 + k * 12, y - 80 + k * 18), 2)
    pygame.draw.circle(surface, white, (x + 62, y - 12), 18)  # head
    pygame.draw.circle(surface, (40, 40, 40), (x + 68, y - 16), 3)
    pygame.draw.polygon(surface, (230, 170, 60), [(x + 78, y - 12), (x + 96, y - 6),
                                                  (x + 78, y - 4)])
    pygame.draw.line(surface, (90, 110, 60), (x + 84, y - 4), (x + 120, y + 30), 3)
    for k in range(5):
        leaf = (x + 88 + k * 7, y + 2 + k * 6)
        pygame.draw.ellipse(surface, (110, 150, 70), (leaf[0], leaf[1] - 10 + (k % 2) * 12, 18, 8))


def press(surface: pygame.Surface, rng: random.Random) -> None:
    """A statement to the press: a lectern crowded with microphones, cameras flashing."""
    _gradient(surface, (45, 55, 80), (25, 30, 45))
    pygame.draw.rect(surface, (70, 85, 115), (60, 30, 520, 220), border_radius=6)
    for x in range(60, 580, 40):
        pygame.draw.line(surface, (80, 95, 125), (x, 30), (x, 250), 1)
    pygame.draw.polygon(surface, (120, 90, 60), [(230, 200), (410, 200), (390, 330), (250, 330)])
    pygame.draw.rect(surface, (140, 105, 70), (220, 190, 200, 16), border_radius=4)
    colours = [(200, 60, 60), (60, 110, 200), (240, 200, 60), (60, 160, 110), (230, 230, 230),
               (160, 80, 170)]
    for k in range(rng.randint(6, 9)):
        base = (300 + k * 6, 192)
        head = (rng.randint(240, 400), rng.randint(110, 160))
        pygame.draw.line(surface, (30, 30, 35), base, head, 3)
        pygame.draw.ellipse(surface, rng.choice(colours), (head[0] - 9, head[1] - 12, 18, 24))
    for _ in range(3):  # flashes
        fx, fy = rng.randint(40, 600), rng.randint(40, 140)
        for angle in range(0, 180, 45):
            a = math.radians(angle)
            dx, dy = 16 * math.cos(a), 16 * math.sin(a)
            pygame.draw.line(surface, (255, 255, 230), (fx - dx, fy - dy), (fx + dx, fy + dy), 2)
    for k in range(12):  # the press, from behind
        _person(surface, 20 + k * 55, SIZE[1] + 30, 110, (15, 18, 28))


def missile(surface: pygame.Surface, rng: random.Random) -> None:
    """A cruise missile low over the sea, its trail behind it."""
    horizon = 240
    _gradient(surface, (90, 140, 200), (200, 215, 230), 0, horizon)
    _sea(surface, rng, horizon, (35, 75, 115))
    start = (0, rng.randint(250, 280))
    end = (420, rng.randint(150, 170))
    for k in range(30):  # the trail, widening and fading
        t = k / 29
        x = start[0] + (end[0] - start[0]) * t
        y = start[1] + (end[1] - start[1]) * t + math.sin(t * math.pi) * 20
        pygame.draw.circle(surface, _mix((210, 215, 220), (245, 245, 245), t), (x, y),
                           round(14 - 9 * t))
    body = (200, 205, 210)
    length = 190
    angle = math.atan2(end[1] - start[1], end[0] - start[0]) * 0.6
    missile_surface = pygame.Surface((length + 40, 60), pygame.SRCALPHA)
    pygame.draw.rect(missile_surface, body, (10, 22, length, 18), border_radius=6)
    pygame.draw.polygon(missile_surface, body, [(length + 8, 22), (length + 38, 31),
                                                (length + 8, 40)])
    pygame.draw.polygon(missile_surface, (120, 125, 135), [(14, 22), (0, 6), (30, 22)])
    pygame.draw.polygon(missile_surface, (120, 125, 135), [(14, 40), (0, 56), (30, 40)])
    pygame.draw.rect(missile_surface, (120, 125, 135), (length * 0.55, 16, 26, 6))
    pygame.draw.polygon(missile_surface, (255, 170, 60), [(10, 25), (-2, 31), (10, 37)])
    turned = pygame.transform.rotate(missile_surface, -math.degrees(angle))
    surface.blit(turned, turned.get_rect(center=(end[0] + 40, end[1] - 6)))


def signing(surface: pygame.Surface, rng: random.Random) -> None:
    """An agreement on the table: two open folders, pens, and a bowl of flowers."""
    wood = (120, 80, 50) if rng.random() < 0.5 else (90, 60, 45)
    _gradient(surface, _mix(wood, (255, 255, 255), 0.1), _mix(wood, (0, 0, 0), 0.2))
    for y in range(0, SIZE[1], 12):
        pygame.draw.line(surface, _mix(wood, (0, 0, 0), 0.1), (0, y + rng.randint(-2, 2)),
                         (SIZE[0], y + rng.randint(-2, 2)), 1)
    covers = [(30, 50, 90), (100, 30, 40), (30, 80, 60)]
    rng.shuffle(covers)
    for k, x in enumerate((50, 340)):
        pygame.draw.rect(surface, covers[k], (x, 60, 250, 220), border_radius=8)
        pygame.draw.rect(surface, (248, 245, 235), (x + 12, 70, 226, 200), border_radius=3)
        for y in range(95, 220, 18):
            pygame.draw.line(surface, (175, 170, 160), (x + 30, y), (x + 220, y), 3)
        pygame.draw.line(surface, (40, 60, 140), (x + 130, 248), (x + 200, 238), 2)  # a signature
        pygame.draw.line(surface, (40, 60, 140), (x + 140, 240), (x + 180, 250), 2)
    for k, (x, y) in enumerate(((230, 300), (520, 300))):  # pens
        pen = pygame.Surface((150, 16), pygame.SRCALPHA)
        pygame.draw.rect(pen, (20, 20, 25), (0, 2, 130, 12), border_radius=6)
        pygame.draw.polygon(pen, (210, 180, 90), [(130, 3), (150, 8), (130, 13)])
        pygame.draw.rect(pen, (210, 180, 90), (30, 2, 6, 12))
        surface.blit(pygame.transform.rotate(pen, 15 - 30 * k), (x - 75, y - 10))
    pygame.draw.circle(surface, (230, 230, 225), (320, 320), 30)
    for _ in range(7):
        pygame.draw.circle(surface, rng.choice([(240, 170, 60), (245, 245, 240), (230, 120, 60)]),
                           (320 + rng.randint(-18, 18), 316 + rng.randint(-14, 10)), 9)


def report(surface: pygame.Surface, rng: random.Random) -> None:
    """A research report's figures: shares in a pie and bars over the years."""
    _gradient(surface, (60, 70, 80), (35, 40, 48))
    pygame.draw.rect(surface, (245, 243, 236), (60, 30, 520, 300), border_radius=4)
    centre, radius = (200, 180), 100
    shares = [rng.uniform(0.3, 0.45), rng.uniform(0.15, 0.25), rng.uniform(0.1, 0.15)]
    shares.append(1 - sum(shares))
    colours = [(0, 114, 178), (230, 159, 0), (0, 158, 115), (170, 170, 170)]
    start = -math.pi / 2
    for share, colour in zip(shares, colours, strict=True):
        end = start + share * math.tau
        points = [centre] + [(centre[0] + radius * math.cos(start + (end - start) * k / 20),
                              centre[1] + radius * math.sin(start + (end - start) * k / 20))
                             for k in range(21)]
        pygame.draw.polygon(surface, colour, points)
        start = end
    pygame.draw.line(surface, (120, 120, 120), (340, 280), (550, 280), 2)
    height = rng.randint(150, 180)
    for k in range(5):  # one supplier's share, falling over five windows
        bar = height - k * rng.randint(18, 26)
        pygame.draw.rect(surface, (0, 114, 178), (350 + k * 40, 280 - bar, 28, bar))
    for y in (60, 80):
        pygame.draw.line(surface, (190, 185, 175), (340, y), (550, y), 4)


def bank(surface: pygame.Surface, rng: random.Random) -> None:
    """A bank's stone front with its columns, under an evening sky: money and its rules."""
    _gradient(surface, (40, 50, 90), (120, 110, 130))
    stone, shade = (215, 210, 200), (160, 155, 150)
    pygame.draw.polygon(surface, stone, [(100, 110), (320, 40), (540, 110)])
    pygame.draw.polygon(surface, shade, [(150, 100), (320, 55), (490, 100)], 3)
    pygame.draw.rect(surface, stone, (90, 110, 460, 24))
    pygame.draw.rect(surface, (80, 75, 80), (110, 134, 420, 140))
    for x in range(120, 521, 58):
        pygame.draw.rect(surface, stone, (x, 134, 26, 140))
        pygame.draw.rect(surface, shade, (x + 19, 134, 7, 140))
        pygame.draw.rect(surface, stone, (x - 5, 134, 36, 8))
    for k in range(3):
        pygame.draw.rect(surface, _mix(stone, shade, k / 3), (80 - k * 14, 274 + k * 10,
                                                              480 + k * 28, 10))
    pygame.draw.rect(surface, (60, 60, 70), (0, 304, SIZE[0], 56))
    for _ in range(5):  # lit windows behind the columns
        x = rng.choice(range(150, 520, 58))
        pygame.draw.rect(surface, (250, 215, 130), (x, 170, 18, 26))


MOTIFS: dict[str, Callable[[pygame.Surface, random.Random], None]] = {
    "naval": naval, "air_defence": air_defence, "oil": oil, "vote": vote, "summit": summit,
    "trade": trade, "border": border, "technology": technology, "jet": jet,
    "nuclear": nuclear, "rail": rail, "armour": armour, "satellite": satellite,
    "submarine": submarine, "drone": drone, "refinery": refinery, "currency": currency,
    "passport": passport, "medicine": medicine, "parliament": parliament,
    "sea_lanes": sea_lanes, "round_table": round_table, "handshake": handshake,
    "ceasefire": ceasefire, "press": press, "missile": missile, "signing": signing,
    "report": report, "bank": bank,
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


TITLE_SIZE = (1600, 400)


def title(size: tuple[int, int] = TITLE_SIZE) -> pygame.Surface:
    """The title screen's panorama: dawn over the Indian Ocean, ships on one side and the
    mountains on the other, with a balance beam held level against the sun."""
    width, height = size
    surface = pygame.Surface(size)
    rng = random.Random("title")
    horizon = round(height * 0.68)
    _gradient(surface, (20, 30, 70), (235, 150, 90), 0, horizon)
    sun = (width // 2, horizon)
    for radius, alpha in ((150, 40), (110, 70), (80, 255)):
        glow = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.circle(glow, (255, 220, 150, alpha), sun, radius)
        surface.blit(glow, (0, 0))
    _gradient(surface, (90, 80, 110), (20, 35, 70), horizon)
    for k in range(26):  # the sun's road on the water
        y = horizon + 6 + k * 5
        half = 80 - k * 2 + rng.randint(-10, 10)
        pygame.draw.line(surface, (250, 200, 140), (sun[0] - half, y), (sun[0] + half, y), 2)
    for _ in range(120):
        x, y = rng.randrange(width), rng.randrange(horizon + 4, height)
        pygame.draw.line(surface, (70, 80, 120), (x, y), (x + 20, y), 2)
    ridge = [(width, horizon), (width * 0.62, horizon)]  # mountains to the east
    for k in range(12):
        x = width * 0.62 + k * width * 0.035
        rise = min(1.0, k / 3)  # the range climbs from the shore
        ridge.append((x, horizon - rise * ((60 if k % 2 else 20) + rng.randint(0, 70))))
    ridge.append((width, horizon - 90))
    pygame.draw.polygon(surface, (45, 40, 70), ridge)
    for k, x in enumerate((0.08, 0.2, 0.3)):  # ships to the west
        _ship(surface, round(width * x), horizon - 6 + k * 8, 0.5 + 0.15 * k, (30, 30, 50))
    for _ in range(7):  # birds
        bx, by = rng.randint(width // 4, width * 3 // 4), rng.randint(30, horizon - 120)
        pygame.draw.lines(surface, (40, 40, 60), False,
                          [(bx - 10, by - 4), (bx, by), (bx + 10, by - 4)], 2)
    beam_y = horizon - 150  # the balance, level
    pygame.draw.line(surface, (30, 25, 45), (sun[0], horizon), (sun[0], beam_y), 6)
    pygame.draw.rect(surface, (30, 25, 45), (sun[0] - 40, horizon - 10, 80, 10))
    pygame.draw.line(surface, (30, 25, 45), (sun[0] - 170, beam_y), (sun[0] + 170, beam_y), 6)
    pygame.draw.polygon(surface, (30, 25, 45), [(sun[0] - 16, beam_y + 2), (sun[0], beam_y - 18),
                                                (sun[0] + 16, beam_y + 2)])
    for side in (-1, 1):
        x = sun[0] + side * 160
        pygame.draw.line(surface, (30, 25, 45), (x, beam_y), (x - 34, beam_y + 60), 2)
        pygame.draw.line(surface, (30, 25, 45), (x, beam_y), (x + 34, beam_y + 60), 2)
        pygame.draw.arc(surface, (30, 25, 45), (x - 40, beam_y + 40, 80, 40), math.pi, math.tau, 5)
    return surface


def main(argv: list[str]) -> int:
    """Write every motif, in two variants, and the title panorama to the folder named on the
    command line."""
    folder = Path(argv[0]) if argv else Path("assets/images")
    folder.mkdir(parents=True, exist_ok=True)
    pygame.init()
    for motif in MOTIFS:
        for variant in (0, 1):
            pygame.image.save(draw(motif, variant), folder / f"{motif}_{variant}.png")
    pygame.image.save(title(), folder / "title.png")
    print(f"wrote {len(MOTIFS) * 2} card images and the title panorama to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A layered layout in pure Python, for the scenario map: boxes in fixed columns (one a turn),
long links routed through the columns between their ends, the order in each column chosen to
reduce crossings, and boxes moved towards the boxes they link to without changing that order.

This is Sugiyama's method cut down to what the map needs: the columns are given (the turn a
card can first come up on), so only the order within each column and the heights are chosen.
- Each link that spans several columns gets a waypoint (a "track") in every column between
  its ends, so it passes between boxes instead of through them.
- The order of each column is sorted by the barycentre of its neighbours in the column before
  (then after), a few times over; the order with the fewest crossings is kept.
- Heights come from repeated isotonic regression (pool adjacent violators): every box and track
  asks to sit level with what it links to, and gets as close as the order and the gaps allow.
No program needs to be installed, and the same input always gives the same layout.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

ORDER_SWEEPS = 12
PLACEMENT_SWEEPS = 10
TOP_PULL = 0.5  # how strongly a box is drawn towards the top of its column, against its links
TRACK_PULL = 0.2  # how much a box is drawn by the long links passing through columns nearby
PORT_SPREAD = 6.0  # pixels between links that leave or reach the same row

RouteKind = Literal["forward", "same", "backward"]


@dataclass
class Box:
    """A node to place: its column, its height and the heights of its rows (ports), measured
    from its top. The row "" is where links to the box itself arrive and leave."""

    key: str
    column: int
    height: float
    ports: dict[str, float]
    fixed: bool = False  # keep the given order in its column (the endings are checked in order)


@dataclass(frozen=True)
class Link:
    """A link from a row of one box to a row of another. Links with the same `bundle` (they
    must join the same two boxes' columns and end at the same row) share their tracks: they
    run as one line between their ends."""

    key: str
    source: str
    source_row: str
    target: str
    target_row: str
    bundle: str = ""


@dataclass(frozen=True)
class Spacing:
    box_width: float = 250.0
    narrow: float = 90.0  # the width of a column without boxes
    gutter: float = 110.0
    gap: float = 18.0  # between boxes of a column
    track: float = 7.0  # the height a link passing through a column takes
    label_track: float = 19.0  # ... and where its label is written above it
    label_every: int = 6  # a long link is labelled where it starts, ends, and every so often
    margin: float = 24.0
    top: float = 40.0  # room for the column headings


@dataclass
class Route:
    """A link's path: the source port, then for each column it passes through the track's
    entry and exit, then the target port. `kind` says which way it runs; `labels` are the
    left ends of the tracks with room for a label above the line."""

    link: Link
    kind: RouteKind
    points: list[tuple[float, float]]
    labels: list[tuple[float, float, float]] = field(default_factory=list)  # x, y, width


@dataclass
class Layout:
    position: dict[str, tuple[float, float]]  # box key -> top-left corner
    routes: list[Route]
    column_x: list[float]
    column_width: list[float]
    width: float
    height: float
    spacing: Spacing


@dataclass
class _Item:
    """A box, or a link's track in one column (`line` is the height of its line)."""

    key: str
    column: int
    height: float
    box: Box | None = None
    line: float = 0.0
    labelled: bool = False
    y: float = 0.0
    up: list[tuple[_Item, float, float]] = field(default_factory=list)  # (item, my port, its)
    down: list[tuple[_Item, float, float]] = field(default_factory=list)

    def port(self, row: str) -> float:
        if self.box is None:
            return self.line
        return self.box.ports.get(row, self.box.ports.get("", 0.0))


def layout(boxes: Sequence[Box], links: Sequence[Link], columns: int,
           spacing: Spacing | None = None) -> Layout:
    """Place `boxes` in `columns` columns (in the order given, which is the starting order)
    and route `links` between their rows. Columns without boxes are narrow."""
    space = spacing or Spacing()
    items = {b.key: _Item(b.key, b.column, b.height, box=b) for b in boxes}
    grid: list[list[_Item]] = [[] for _ in range(columns)]
    for box in boxes:
        grid[box.column].append(items[box.key])
    widths = [space.box_width if column else space.narrow for column in grid]
    chains: list[tuple[Link, RouteKind, list[_Item]]] = []
    shared: dict[str, list[_Item]] = {}
    joined: set[tuple[int, int, float, float]] = set()
    for link in links:
        source, target = items[link.source], items[link.target]
        step = 1 if target.column > source.column else -1
        kind: RouteKind = ("same" if target.column == source.column else
                           "forward" if step == 1 else "backward")
        bundle = link.bundle or link.key
        if bundle not in shared:
            shared[bundle] = []
            span = list(range(source.column + step, target.column, step)) \
                if kind != "same" else []
            for index, where in enumerate(span):
                labelled = (index in (0, len(span) - 1) or index % space.label_every == 0)
                height = space.label_track if labelled else space.track
                track = _Item(f"{bundle}@{where}", where, height, line=height - 3.5,
                              labelled=labelled)
                grid[where].append(track)
                shared[bundle].append(track)
        chain = [source, *shared[bundle], target]
        chains.append((link, kind, chain))
        if kind == "same":
            continue
        for a, b in itertools.pairwise(chain):
            a_port = a.port(link.source_row) if a is source else a.line
            b_port = b.port(link.target_row) if b is target else b.line
            if (id(a), id(b), a_port, b_port) in joined:
                continue  # a bundle's shared part counts once
            joined.add((id(a), id(b), a_port, b_port))
            upper, lower = (a, b) if a.column < b.column else (b, a)
            upper_port, lower_port = (a_port, b_port) if a.column < b.column else (b_port, a_port)
            upper.down.append((lower, upper_port, lower_port))
            lower.up.append((upper, lower_port, upper_port))
    _arrange(grid, space)
    column_x, x = [], space.margin
    for width in widths:
        column_x.append(x)
        x += width + space.gutter
    routes = [_route(link, kind, chain, column_x, widths) for link, kind, chain in chains]
    _spread(routes)
    height = max((item.y + item.height for column in grid for item in column),
                 default=space.top) + space.margin
    width = (column_x[-1] + widths[-1] if column_x else 0) + space.margin
    return Layout({key: (column_x[item.column], item.y) for key, item in items.items()},
                  routes, column_x, widths, width, height, space)


# -- order within the columns ------------------------------------------------------------------

def _order(grid: list[list[_Item]]) -> None:
    """Barycentre sweeps down and up the columns; the order with fewest crossings is kept."""
    best = [list(column) for column in grid]
    best_crossings = _crossings(grid)
    for sweep in range(ORDER_SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(grid)) if forward else range(len(grid) - 2, -1, -1)
        for c in indices:
            column = grid[c]
            if any(item.box is not None and item.box.fixed for item in column):
                continue
            rank = _ranks(grid, c - 1 if forward else c + 1)
            current = {id(item): i for i, item in enumerate(column)}

            def centre(item: _Item, rank: dict[int, float] = rank,
                       current: dict[int, int] = current, forward: bool = forward) -> float:
                links = item.up if forward else item.down
                spots = [rank[id(other)] + _fraction(other, port)
                         for other, _, port in links if id(other) in rank]
                return sum(spots) / len(spots) if spots else float(current[id(item)])

            column.sort(key=centre)
        crossings = _crossings(grid)
        if crossings < best_crossings:
            best_crossings = crossings
            best = [list(column) for column in grid]
    for c, column in enumerate(best):
        grid[c][:] = column


def _ranks(grid: list[list[_Item]], c: int) -> dict[int, float]:
    return {id(item): float(i) for i, item in enumerate(grid[c])} if 0 <= c < len(grid) else {}


def _fraction(item: _Item, port: float) -> float:
    """Where a port sits within its item, from 0 (top) to just under 1: links from a box's
    lower rows count as lower."""
    return 0.9 * port / item.height if item.height else 0.0


def _crossings(grid: list[list[_Item]]) -> int:
    total = 0
    for c in range(len(grid) - 1):
        rank_a, rank_b = _ranks(grid, c), _ranks(grid, c + 1)
        segments = [(rank_a[id(item)] + _fraction(item, mine),
                     rank_b[id(other)] + _fraction(other, theirs))
                    for item in grid[c] for other, mine, theirs in item.down
                    if id(other) in rank_b]
        for i, (a1, b1) in enumerate(segments):
            for a2, b2 in segments[i + 1:]:
                if (a1 - a2) * (b1 - b2) < 0:
                    total += 1
    return total


# -- heights -----------------------------------------------------------------------------------

def _arrange(grid: list[list[_Item]], space: Spacing) -> None:
    """Order and place the columns twice, starting with the tracks of long links below the
    boxes of each column and above them, and keep the better: fewer crossings, then a lower
    map, then boxes higher up. (Both starts are often free of crossings; which one the sweeps
    settle on decides whether long links run above the boxes or hold them down.)"""
    results = []
    for tracks_first in (False, True):
        trial = [sorted(column, key=lambda item: (item.box is None) != tracks_first)
                 for column in grid]
        _order(trial)
        _stack(trial, space)
        _heights(trial, space)
        score = (_crossings(trial), round(_bottom(trial), 3), round(_tops(trial), 3))
        results.append((score, [list(column) for column in trial],
                        {id(item): item.y for column in trial for item in column}))
    _, order, heights = min(results, key=lambda result: result[0])
    for c, column in enumerate(order):
        grid[c][:] = column
        for item in column:
            item.y = heights[id(item)]


def _heights(grid: list[list[_Item]], space: Spacing) -> None:
    for _ in range(PLACEMENT_SWEEPS):
        for column in grid:
            _place(column, space, "up")
        for column in reversed(grid):
            _place(column, space, "down")
    for column in grid:
        _place(column, space, "both")


def _tops(grid: list[list[_Item]]) -> float:
    return sum(item.y for column in grid for item in column if item.box is not None)


def _bottom(grid: list[list[_Item]]) -> float:
    return max((item.y + item.height for column in grid for item in column), default=0.0)


def _stack(grid: list[list[_Item]], space: Spacing) -> None:
    for column in grid:
        y = space.top
        for item in column:
            item.y = y
            y += item.height + _gap(item, space)


def _gap(item: _Item, space: Spacing) -> float:
    return space.gap if item.box is not None else 1.0


def _place(column: list[_Item], space: Spacing, side: Literal["up", "down", "both"]) -> None:
    """Move each item towards the ports it links to on `side` (the median of them, so one
    long link does not drag a box away from its near ones), keeping the order and the gaps
    and never above the top. What links to nothing on that side closes up towards the top."""
    if not column:
        return
    offsets, total = [], 0.0
    for i, item in enumerate(column):
        offsets.append(total)
        total += item.height + (_gap(item, space) if i + 1 < len(column) else 0.0)
    wanted, weights = [], []
    for item, offset in zip(column, offsets, strict=True):
        links = item.up if side == "up" else item.down if side == "down" else item.up + item.down
        pulls = [(other.y + theirs - mine, _pull(item, other)) for other, mine, theirs in links]
        linked = sum(weight for _, weight in pulls)
        spring = TOP_PULL if item.box is not None else 0.0
        if not pulls:
            wanted.append(space.top + offset)
            weights.append(max(spring, 0.05))
            continue
        towards = _median(pulls)
        wanted.append((towards * linked + (space.top + offset) * spring) / (linked + spring))
        weights.append(linked + spring)
    levels = _isotonic([w - o for w, o in zip(wanted, offsets, strict=True)], weights)
    for item, level, offset in zip(column, levels, offsets, strict=True):
        item.y = max(level, space.top) + offset  # clipping keeps the least-squares optimum


def _pull(item: _Item, other: _Item) -> float:
    """How much a link counts in placing `item`: a box follows the boxes it links to more
    than the tracks of long links passing by; a track follows its link fully."""
    return TRACK_PULL if item.box is not None and other.box is None else 1.0


def _median(values: list[tuple[float, float]]) -> float:
    """The weighted median of (value, weight) pairs."""
    ordered = sorted(values)
    half = sum(weight for _, weight in ordered) / 2
    running = 0.0
    for index, (value, weight) in enumerate(ordered):
        running += weight
        if abs(running - half) < 1e-9 and index + 1 < len(ordered):
            return (value + ordered[index + 1][0]) / 2
        if running > half:
            return value
    return ordered[-1][0]


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence closest to `values` in weighted least squares (pool
    adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, weight, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean_b, weight_b, count_b = blocks.pop()
            mean_a, weight_a, count_a = blocks[-1]
            joined = weight_a + weight_b
            blocks[-1] = [(mean_a * weight_a + mean_b * weight_b) / joined, joined,
                          count_a + count_b]
    result: list[float] = []
    for mean, _, count in blocks:
        result.extend([mean] * int(count))
    return result


# -- routes ------------------------------------------------------------------------------------

def _route(link: Link, kind: RouteKind, chain: list[_Item], column_x: list[float],
           widths: list[float]) -> Route:
    source, target = chain[0], chain[-1]
    sx, sw = column_x[source.column], widths[source.column]
    tx, tw = column_x[target.column], widths[target.column]
    sy = source.y + source.port(link.source_row)
    ty = target.y + target.port(link.target_row)
    if kind == "same":
        return Route(link, kind, [(sx + sw, sy), (tx + tw, ty)])
    forward = kind == "forward"
    points = [(sx + sw, sy) if forward else (sx, sy)]
    labels = []
    for track in chain[1:-1]:
        x, width = column_x[track.column], widths[track.column]
        y = track.y + track.line
        points += [(x, y), (x + width, y)] if forward else [(x + width, y), (x, y)]
        if track.labelled:
            labels.append((x, y, width))
    points.append((tx, ty) if forward else (tx + tw, ty))
    return Route(link, kind, points, labels)


def _spread(routes: list[Route]) -> None:
    """Links that leave or reach the same row are moved apart a little at that end, in the
    order of where they come from or go to, so arrowheads and starts do not sit on each
    other (the links of one bundle arrive as one)."""
    ends: dict[tuple[str, str, int, float], list[tuple[float, Route, int]]] = {}
    for route in routes:
        first, last = route.points[0], route.points[-1]
        after = route.points[1][1]
        before = route.points[-2][1]
        ends.setdefault((route.link.source, route.link.source_row, 0, first[0]), []).append(
            (after, route, 0))
        ends.setdefault((route.link.target, route.link.target_row, 1, last[0]), []).append(
            (before, route, len(route.points) - 1))
    for (_, _, side, _), group in ends.items():
        bundles = sorted({(entry[0], _bundle(entry[1])) for entry in group}) if side else \
            sorted({(entry[0], entry[1].link.key) for entry in group})
        if len(bundles) < 2:
            continue
        middle = (len(bundles) - 1) / 2
        step = min(PORT_SPREAD, 24.0 / len(bundles))
        rank = {name: i for i, (_, name) in enumerate(bundles)}
        for _, route, index in group:
            x, y = route.points[index]
            name = _bundle(route) if side else route.link.key
            route.points[index] = (x, y + (rank[name] - middle) * step)


def _bundle(route: Route) -> str:
    return route.link.bundle or route.link.key


def path_data(route: Route, bulge: float = 28.0) -> str:
    """SVG path data for a route: curves across the gutters (level at both ends, so links
    leave and reach boxes horizontally) and straight runs along the tracks."""
    points = route.points
    x0, y0 = points[0]
    parts = [f"M{x0:.1f},{y0:.1f}"]
    if route.kind == "same":
        x1, y1 = points[1]
        reach = bulge + abs(y1 - y0) * 0.15
        parts.append(f"C{x0 + reach:.1f},{y0:.1f} {x1 + reach:.1f},{y1:.1f} {x1:.1f},{y1:.1f}")
        return " ".join(parts)
    for index in range(1, len(points)):
        (xa, ya), (xb, yb) = points[index - 1], points[index]
        if index % 2 == 0:  # along a track
            parts.append(f"L{xb:.1f},{yb:.1f}")
        else:
            middle = (xa + xb) / 2
            parts.append(f"C{middle:.1f},{ya:.1f} {middle:.1f},{yb:.1f} {xb:.1f},{yb:.1f}")
    return " ".join(parts)

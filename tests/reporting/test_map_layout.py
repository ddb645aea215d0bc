"""The map's layered layout: boxes keep to their columns without overlapping, crossings are
removed where a better order exists, long links pass through the columns between their ends,
bundles share one line, and the same input always gives the same layout."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from balancing_act.reporting.map_layout import (
    Box,
    Layout,
    Link,
    Spacing,
    _crossings,
    _isotonic,
    layout,
    path_data,
)

SPACE = Spacing(box_width=100, narrow=40, gutter=50, gap=10, margin=5, top=30)


def box(key: str, column: int, height: float = 40, **ports: float) -> Box:
    return Box(key, column, height, {"": 10, **ports})


def column_of(result: Layout, keys: list[str]) -> list[str]:
    """The keys in top-to-bottom order."""
    return sorted(keys, key=lambda k: result.position[k][1])


def test_boxes_keep_their_columns_and_gaps() -> None:
    boxes = [box("a", 0, 50), box("b", 0, 30), box("c", 1, 80), box("d", 1, 20),
             box("e", 1, 20)]
    result = layout(boxes, [Link("l", "a", "", "e", "")], 2, SPACE)
    assert [result.position[k][0] for k in "abcde"] == [5, 5, 155, 155, 155]
    for column in (["a", "b"], ["c", "d", "e"]):
        placed = sorted((result.position[k][1], next(b.height for b in boxes if b.key == k))
                        for k in column)
        assert placed[0][0] >= SPACE.top
        for (top, height), (next_top, _) in itertools.pairwise(placed):
            assert next_top >= top + height + SPACE.gap - 1e-9
    assert result.width == 5 + 100 + 50 + 100 + 5
    assert result.height == pytest.approx(max(result.position[k][1] + b.height
                                              for k, b in zip("abcde", boxes, strict=True))
                                          + 5)


def test_a_crossing_is_removed() -> None:
    """a->d and b->c cross in the given order; the layout swaps c and d."""
    boxes = [box("a", 0), box("b", 0), box("c", 1), box("d", 1)]
    links = [Link("1", "a", "", "d", ""), Link("2", "b", "", "c", "")]
    result = layout(boxes, links, 2, SPACE)
    assert column_of(result, ["a", "b"]) == ["a", "b"]
    assert column_of(result, ["c", "d"]) == ["d", "c"]


def test_rows_count_in_the_order() -> None:
    """Links leave from rows: the lower row's target goes lower."""
    boxes = [Box("a", 0, 60, {"": 10, "top": 20, "bottom": 50}), box("x", 1), box("y", 1)]
    links = [Link("1", "a", "bottom", "x", ""), Link("2", "a", "top", "y", "")]
    result = layout(boxes, links, 2, SPACE)
    assert column_of(result, ["x", "y"]) == ["y", "x"]


def test_a_fixed_column_keeps_its_order() -> None:
    boxes = [box("a", 0), box("b", 0), Box("c", 1, 40, {"": 10}, fixed=True),
             Box("d", 1, 40, {"": 10}, fixed=True)]
    links = [Link("1", "a", "", "d", ""), Link("2", "b", "", "c", "")]
    result = layout(boxes, links, 2, SPACE)
    assert column_of(result, ["c", "d"]) == ["c", "d"]


def test_long_links_pass_through_the_columns_between() -> None:
    boxes = [box("a", 0), box("b", 1, 200), box("c", 3)]
    result = layout(boxes, [Link("long", "a", "", "c", "")], 4, SPACE)
    (route,) = result.routes
    assert route.kind == "forward"
    assert result.column_width == [100, 100, 40, 100]  # column 2 holds no box
    xs = [x for x, _ in route.points]
    assert xs == [105, 155, 255, 305, 345, 395]
    assert route.points[0][1] == result.position["a"][1] + 10
    assert route.points[-1][1] == result.position["c"][1] + 10
    _bx, by = result.position["b"]
    track_y = route.points[1][1]
    assert route.points[2][1] == track_y
    assert not by <= track_y <= by + 200  # it passes above or below b, not through it
    assert [(x, w) for x, _, w in route.labels] == [(155, 100), (305, 40)]
    assert path_data(route).startswith("M105.0,")
    assert path_data(route).count("C") == 3 and path_data(route).count("L") == 2


def test_backward_and_same_column_links() -> None:
    boxes = [box("a", 0), box("b", 0), box("c", 2)]
    links = [Link("back", "c", "", "a", ""), Link("same", "a", "", "b", "")]
    result = layout(boxes, links, 3, SPACE)
    back, same = result.routes
    assert back.kind == "backward"
    assert back.points[0][0] == result.position["c"][0]  # leaves c's left side
    assert back.points[-1][0] == result.position["a"][0] + 100  # reaches a's right side
    assert same.kind == "same" and len(same.points) == 2
    assert same.points[0][0] == same.points[1][0] == 105
    assert "C" in path_data(same)


def test_a_bundle_shares_its_tracks() -> None:
    boxes = [Box("a", 0, 60, {"": 10, "r1": 30, "r2": 50}), box("b", 3)]
    links = [Link("1", "a", "r1", "b", "", bundle="x"), Link("2", "a", "r2", "b", "",
                                                            bundle="x")]
    result = layout(boxes, links, 4, SPACE)
    one, two = result.routes
    assert one.points[0] != two.points[0]  # they leave from their own rows
    assert one.points[1:] == two.points[1:]  # and run as one line from the first track on


def test_links_to_the_same_row_arrive_apart() -> None:
    boxes = [box("a", 0), box("b", 0), box("c", 1)]
    links = [Link("1", "a", "", "c", ""), Link("2", "b", "", "c", "")]
    result = layout(boxes, links, 2, SPACE)
    ends = sorted(route.points[-1][1] for route in result.routes)
    assert ends[1] - ends[0] == pytest.approx(6.0)


def test_the_same_input_gives_the_same_layout() -> None:
    boxes = [box(f"n{i}", i % 4, 20 + 7 * i) for i in range(12)]
    links = [Link(f"l{i}", f"n{i}", "", f"n{(i * 5 + 3) % 12}", "") for i in range(12)]
    first, second = layout(boxes, links, 4, SPACE), layout(boxes, links, 4, SPACE)
    assert first.position == second.position
    assert [r.points for r in first.routes] == [r.points for r in second.routes]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(0.01, 10)), min_size=1,
                max_size=30))
def test_isotonic_regression(pairs: list[tuple[float, float]]) -> None:
    """Non-decreasing, no worse than any other non-decreasing sequence tried, and equal to
    the input when that is already in order."""
    values, weights = [v for v, _ in pairs], [w for _, w in pairs]
    fitted = _isotonic(values, weights)
    assert len(fitted) == len(values)
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(fitted))

    def loss(candidate: list[float]) -> float:
        return sum(w * (c - v) ** 2 for c, v, w in zip(candidate, values, weights, strict=True))

    mean = sum(v * w for v, w in pairs) / sum(weights)
    for other in ([mean] * len(values), sorted(values), _cumulative_max(values)):
        assert loss(fitted) <= loss(other) + 1e-6 * (1 + loss(other))
    assert _isotonic(sorted(values), weights) == pytest.approx(sorted(values))


def _cumulative_max(values: list[float]) -> list[float]:
    out, best = [], float("-inf")
    for value in values:
        best = max(best, value)
        out.append(best)
    return out


def test_crossings_are_counted() -> None:
    from balancing_act.reporting.map_layout import _Item

    a, b, c, d = (_Item(k, col, 10) for k, col in (("a", 0), ("b", 0), ("c", 1), ("d", 1)))
    a.down.append((d, 5, 5))
    b.down.append((c, 5, 5))
    assert _crossings([[a, b], [c, d]]) == 1
    assert _crossings([[a, b], [d, c]]) == 0

"""The meter thresholds inside a condition: `autonomy >= 60`, `trust_us >= 90 or ...`.

The balance analyser tunes them, and the play layer draws them on the meter bars (the goal a
good ending asks for, the extremes that end the game). Only comparisons of one meter with one
number count; anything else in a condition is left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

Op = Literal[">=", ">", "<=", "<", "==", "!="]
_SYMBOLS: dict[type, Op] = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<",
                            ast.Eq: "==", ast.NotEq: "!="}
_FLIP: dict[Op, Op] = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Threshold:
    """`meter op value`, oriented with the meter on the left. `alone` is true when the term
    decides the condition by itself (the whole condition, or one of its top-level `or`
    branches); false when other terms must hold too."""

    meter: str
    op: Op
    value: float
    alone: bool

    @property
    def upward(self) -> bool:
        """The condition holds above the value (`>=`, `>`)."""
        return self.op in (">=", ">")


@dataclass(frozen=True)
class TermNode:
    """A threshold with the syntax nodes it came from, for tools that rewrite conditions."""

    meter: ast.Name
    constant: ast.Constant
    compare: ast.Compare
    op: Op


def parse(text: str) -> ast.Expression | None:
    try:
        return ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return None


def term_nodes(tree: ast.AST, meters: Collection[str]) -> list[TermNode]:
    """Every `meter OP number` (or `number OP meter`) comparison in the tree."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
            continue
        symbol = _SYMBOLS.get(type(node.ops[0]))
        if symbol is None:
            continue
        left, right = node.left, node.comparators[0]
        for name, constant, op in ((left, right, symbol), (right, left, _FLIP[symbol])):
            if (isinstance(name, ast.Name) and name.id in meters
                    and isinstance(constant, ast.Constant)
                    and isinstance(constant.value, int | float)
                    and not isinstance(constant.value, bool)):
                found.append(TermNode(name, constant, node, op))
    return found


def thresholds(text: str | bool | None, meters: Collection[str]) -> list[Threshold]:
    """The meter thresholds of a condition, each marked whether it alone decides it."""
    if not isinstance(text, str):
        return []
    tree = parse(text)
    if tree is None:
        return []
    body = tree.body
    branches = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.Or) \
        else [body]
    alone = {id(branch) for branch in branches}
    return [Threshold(t.meter.id, t.op, float(t.constant.value),  # type: ignore[arg-type]
                      id(t.compare) in alone)
            for t in term_nodes(tree, meters)]

"""What values a condition can possibly take, without playing: interval arithmetic over the
condition's syntax tree, with each meter in its range, `turn` in the game's turns, and each flag
true or false as the scenario allows.

The analysis over-approximates: when it says a condition can never hold, no game can make it
hold. The linter uses it to find cards, options and endings that can never come up.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

BOTH = frozenset({True, False})


@dataclass(frozen=True)
class Span:
    """A closed interval of numbers; `maybe_nan` when a division by zero may give no value."""

    lo: float
    hi: float
    maybe_nan: bool = False


@dataclass(frozen=True)
class Domain:
    """The values each name can take; a card missing from `seen` may or may not have been
    shown."""

    meters: Mapping[str, Span]
    turn: Span
    flags: Mapping[str, frozenset[bool]]
    seen: Mapping[str, frozenset[bool]] = field(default_factory=dict)


def possible_values(text: str | bool, domain: Domain) -> frozenset[bool]:
    """The truth values `text` can take in some game: {True}, {False} or both."""
    if isinstance(text, bool):
        return frozenset({text})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(text.strip(), mode="eval")
        result = _Walker(domain).visit(tree.body)
    except (SyntaxError, RecursionError, ValueError, _Unknown):
        return BOTH
    return result if isinstance(result, frozenset) else BOTH


class _Unknown(Exception):
    """A construct the analysis does not model: assume anything is possible."""


class _Walker:
    def __init__(self, domain: Domain) -> None:
        self.domain = domain

    def visit(self, node: ast.AST) -> Span | frozenset[bool]:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise _Unknown
        result: Span | frozenset[bool] = method(node)
        return result

    def number(self, node: ast.AST) -> Span:
        value = self.visit(node)
        if isinstance(value, frozenset):  # true/false count as 1/0 in arithmetic
            return Span(float(min(value)), float(max(value)))
        return value

    def truth(self, node: ast.AST) -> frozenset[bool]:
        value = self.visit(node)
        if not isinstance(value, frozenset):
            raise _Unknown
        return value

    def visit_Constant(self, node: ast.Constant) -> Span | frozenset[bool]:
        if isinstance(node.value, bool):
            return frozenset({node.value})
        if isinstance(node.value, int | float):
            return Span(float(node.value), float(node.value))
        raise _Unknown

    def visit_Name(self, node: ast.Name) -> Span | frozenset[bool]:
        if node.id in ("true", "True"):
            return frozenset({True})
        if node.id in ("false", "False"):
            return frozenset({False})
        if node.id == "turn":
            return self.domain.turn
        if node.id in self.domain.meters:
            return self.domain.meters[node.id]
        raise _Unknown

    def visit_Attribute(self, node: ast.Attribute) -> frozenset[bool]:
        if isinstance(node.value, ast.Name) and node.value.id == "flags":
            return self.domain.flags.get(node.attr, BOTH)
        if isinstance(node.value, ast.Name) and node.value.id == "seen":
            return self.domain.seen.get(node.attr, BOTH)
        return BOTH

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Span | frozenset[bool]:
        if isinstance(node.op, ast.Not):
            return frozenset(not v for v in self.truth(node.operand))
        span = self.number(node.operand)
        if isinstance(node.op, ast.USub):
            return Span(-span.hi, -span.lo, span.maybe_nan)
        return span

    def visit_BoolOp(self, node: ast.BoolOp) -> frozenset[bool]:
        parts = [self.truth(v) for v in node.values]
        if isinstance(node.op, ast.And):
            if any(p == {False} for p in parts):
                return frozenset({False})
            return frozenset({True}) if all(p == {True} for p in parts) else BOTH
        if any(p == {True} for p in parts):
            return frozenset({True})
        return frozenset({False}) if all(p == {False} for p in parts) else BOTH

    def visit_BinOp(self, node: ast.BinOp) -> Span:
        a, b = self.number(node.left), self.number(node.right)
        nan = a.maybe_nan or b.maybe_nan
        if isinstance(node.op, ast.Add):
            return Span(a.lo + b.lo, a.hi + b.hi, nan)
        if isinstance(node.op, ast.Sub):
            return Span(a.lo - b.hi, a.hi - b.lo, nan)
        if isinstance(node.op, ast.Mult):
            products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi]
            products = [0.0 if math.isnan(p) else p for p in products]
            return Span(min(products), max(products), nan)
        if isinstance(node.op, ast.Div):
            if b.lo <= 0 <= b.hi:
                return Span(-math.inf, math.inf, True)
            quotients = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi]
            return Span(min(quotients), max(quotients), nan)
        raise _Unknown

    def visit_Compare(self, node: ast.Compare) -> frozenset[bool]:
        operands = [node.left, *node.comparators]
        results = []
        for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
            results.append(self._compare(op, self.visit(left), self.visit(right)))
        if any(r == {False} for r in results):
            return frozenset({False})
        return frozenset({True}) if all(r == {True} for r in results) else BOTH

    def _compare(self, op: ast.cmpop, left: Span | frozenset[bool],
                 right: Span | frozenset[bool]) -> frozenset[bool]:
        if isinstance(left, frozenset) and isinstance(right, frozenset):
            if isinstance(op, ast.Eq | ast.NotEq):
                same = {a == b for a in left for b in right}
                return frozenset(same if isinstance(op, ast.Eq) else {not s for s in same})
            left = Span(float(min(left)), float(max(left)))
            right = Span(float(min(right)), float(max(right)))
        a = left if isinstance(left, Span) else Span(float(min(left)), float(max(left)))
        b = right if isinstance(right, Span) else Span(float(min(right)), float(max(right)))
        outcome = _order(op, a, b)
        if a.maybe_nan or b.maybe_nan:  # no value: comparisons false, != true
            outcome |= {isinstance(op, ast.NotEq)}
        return frozenset(outcome)


def _order(op: ast.cmpop, a: Span, b: Span) -> set[bool]:
    if isinstance(op, ast.Lt):
        return _decide(a.hi < b.lo, a.lo >= b.hi)
    if isinstance(op, ast.LtE):
        return _decide(a.hi <= b.lo, a.lo > b.hi)
    if isinstance(op, ast.Gt):
        return _decide(a.lo > b.hi, a.hi <= b.lo)
    if isinstance(op, ast.GtE):
        return _decide(a.lo >= b.hi, a.hi < b.lo)
    equal_always = a.lo == a.hi == b.lo == b.hi
    never_equal = a.hi < b.lo or b.hi < a.lo
    if isinstance(op, ast.Eq):
        return _decide(equal_always, never_equal)
    if isinstance(op, ast.NotEq):
        return _decide(never_equal, equal_always)
    raise _Unknown


def _decide(always: bool, never: bool) -> set[bool]:
    if always:
        return {True}
    if never:
        return {False}
    return {True, False}

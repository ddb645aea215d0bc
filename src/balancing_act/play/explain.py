"""Conditions said in the player's words: why an option is locked ("needs: Trust in Moscow at
40 or more"), and the marks on the meter bars (the goal a good ending asks for, the extremes that
end a game).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Literal

from balancing_act.play.catalog import Catalog
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.thresholds import parse, thresholds

_OPS = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<", ast.Eq: "==", ast.NotEq: "!="}
_FLIPPED = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


def describe_condition(text: str | bool | None, scenario: Scenario, t: Catalog) -> str:
    """A condition as a player reads it: meters by label, flags by their description,
    cards by title; parts the player cannot act on are summed up plainly."""
    if text is None or text is True:
        return ""
    if text is False:
        return t("cond.never")
    tree = parse(text)
    if tree is None:
        return t("cond.other")
    return _Describer(scenario, t).say(tree.body)


class _Describer:
    def __init__(self, scenario: Scenario, t: Catalog) -> None:
        self.scenario = scenario
        self.t = t

    def say(self, node: ast.AST) -> str:
        t = self.t
        if isinstance(node, ast.BoolOp):
            joiner = t("cond.and") if isinstance(node.op, ast.And) else t("cond.or")
            return joiner.join(self.say(v) for v in node.values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = node.operand
            if isinstance(inner, ast.Attribute):
                return self.fact(inner, negated=True)
            return t("cond.not", text=self.say(inner))
        if isinstance(node, ast.Attribute):
            return self.fact(node, negated=False)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self.compare(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return "" if node.value else t("cond.never")
        return t("cond.other")

    def fact(self, node: ast.Attribute, *, negated: bool) -> str:
        t = self.t
        base = node.value.id if isinstance(node.value, ast.Name) else ""
        spec = self.scenario.file
        if base == "flags":
            declared = spec.flags.get(node.attr)
            if declared and declared.description:
                return t("cond.not_flag" if negated else "cond.flag",
                         text=declared.description.rstrip("."))
            return t("cond.not_earlier" if negated else "cond.earlier")
        if base == "seen" and node.attr in self.scenario.names.events:
            title = self.scenario.event(node.attr).title
            return t("cond.not_seen" if negated else "cond.seen", title=title)
        return t("cond.other")

    def compare(self, node: ast.Compare) -> str:
        t = self.t
        op = _OPS.get(type(node.ops[0]))
        left, right = node.left, node.comparators[0]
        if op is None:
            return t("cond.other")
        if isinstance(right, ast.Name) and isinstance(left, ast.Constant):
            left, right, op = right, left, _FLIPPED[op]
        value = right.value if isinstance(right, ast.Constant) else None
        if isinstance(left, ast.Name) and isinstance(value, int | float):
            number = f"{value:g}"
            if left.id == "turn":
                return t("cond.turn", threshold=t.threshold(op, number))
            meter = self.scenario.file.meters.get(left.id)
            if meter is not None:
                return t("cond.meter", meter=meter.label, threshold=t.threshold(op, number))
        return t("cond.other")


@dataclass(frozen=True)
class Mark:
    """A line on a meter bar."""

    meter: str
    value: float
    kind: Literal["goal", "danger"]
    op: str  # >= > <= <, with the meter on the left
    alone: bool  # the threshold decides its ending by itself
    ending_id: str

    @property
    def upward(self) -> bool:
        return self.op in (">=", ">")


def meter_marks(scenario: Scenario) -> dict[str, list[Mark]]:
    """Goal marks from the good endings that are checked at the end, danger marks from the
    endings that end a game at once; per meter, in the order of the file."""
    spec = scenario.file
    marks: dict[str, list[Mark]] = {m: [] for m in spec.meters}
    seen: set[tuple[str, float, str, str]] = set()
    for ending in spec.endings:
        if ending.fallback:
            continue
        if ending.final and ending.tone != "good":
            continue
        kind: Literal["goal", "danger"] = "goal" if ending.final else "danger"
        for term in thresholds(ending.when, spec.meters):
            if term.op in ("==", "!="):
                continue
            key = (term.meter, term.value, kind, term.op)
            if key in seen:
                continue
            seen.add(key)
            marks[term.meter].append(Mark(term.meter, term.value, kind, term.op, term.alone,
                                          ending.id))
    return marks

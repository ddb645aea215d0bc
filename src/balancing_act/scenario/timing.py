"""When things can happen, worked out without playing: on which turns each card can come up,
when each `later` entry falls due, and which endings hold at the start or hide behind others.

The linter uses it to explain the mistakes that are all about timing (a follow-up that takes a
fixed-turn card's only turn, a follow-up drawn at random before anything sends it, an ending that
holds at the start, a consequence due after the last turn, an ending that an earlier one always
catches first). Like the interval analysis it rests on, it over-approximates: a turn it leaves
out is a turn on which the card can really never come up.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from balancing_act.scenario.intervals import Domain, Span, possible_values
from balancing_act.scenario.model import ChanceOutcome, Later, Option, ScenarioFile
from balancing_act.scenario.yamlread import YamlPath

_NARROWING = {ast.GtE: ">=", ast.Gt: ">", ast.LtE: "<=", ast.Lt: "<", ast.Eq: "=="}
_MIRROR = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "=="}


@dataclass(frozen=True)
class Sending:
    """A `later` entry, where it is in the file, the card whose decision sends it, and the
    option it belongs to."""

    path: YamlPath
    later: Later
    card: str
    option: str
    sets: frozenset[str] = frozenset()  # the flags the sending decision sets and clears
    clears: frozenset[str] = frozenset()

    def after_decision(self, domain: Domain) -> Domain:
        """`domain` with the flags as the sending decision leaves them."""
        flags = dict(domain.flags)
        for name in self.sets:
            flags[name] = frozenset({True})
        for name in self.clears - self.sets:
            flags[name] = frozenset({False})
        return replace(domain, flags=flags)


@dataclass
class Timing:
    """The turns on which each card can come up, at random (`drawn`) or as a follow-up
    (`sent`), and every `later` entry with the turns it can fall due."""

    turns: int
    drawn: dict[str, set[int]] = field(default_factory=dict)
    sent: dict[str, set[int]] = field(default_factory=dict)
    sendings: list[Sending] = field(default_factory=list)
    due: dict[int, set[int]] = field(default_factory=dict)  # index in sendings -> turns

    def shown(self, card: str) -> set[int]:
        return self.drawn.get(card, set()) | self.sent.get(card, set())


def later_entries(spec: ScenarioFile) -> Iterator[Sending]:
    """Every `later` entry of every option and chance result, with its path."""
    for e, event in enumerate(spec.events):
        for k, option in enumerate(event.options):
            path: YamlPath = ("events", e, "options", k)
            holders: list[tuple[YamlPath, Option | ChanceOutcome]] = [(path, option)]
            holders += [((*path, "chance", c), o) for c, o in enumerate(option.chance)]
            for where, holder in holders:
                sets, clears = set(holder.flags_on), set(holder.clear)
                if holder is not option:
                    sets |= set(option.flags_on) - clears
                    clears |= set(option.clear) - set(holder.flags_on)
                for j, later in enumerate(holder.later):
                    yield Sending((*where, "later", j), later, event.id, option.id,
                                  frozenset(sets), frozenset(clears))


def at_turn(domain: Domain, turn: int) -> Domain:
    return replace(domain, turn=Span(float(turn), float(turn)))


def start_domain(spec: ScenarioFile, domain: Domain) -> Domain:
    """The state before the first decision: every meter at its start, flags as declared."""
    flags = {name: frozenset({spec.flags[name].start if name in spec.flags else False})
             for name in domain.flags}
    meters = {m: Span(float(v.start), float(v.start)) for m, v in spec.meters.items()}
    return Domain(meters=meters, turn=Span(1.0, 1.0), flags=flags)


def card_timing(spec: ScenarioFile, domain: Domain) -> Timing:
    """On which turns each card can come up: at random where its weight and condition allow
    it, and as a follow-up on the turns its senders' decisions make it due."""
    turns = spec.turns
    timing = Timing(turns)
    allowed: dict[str, set[int]] = {}
    for event in spec.events:
        allowed[event.id] = {t for t in range(1, turns + 1)
                             if event.when is None
                             or True in possible_values(event.when, at_turn(domain, t))}
        timing.drawn[event.id] = allowed[event.id] if event.weight > 0 else set()
        timing.sent[event.id] = set()
    timing.sendings = list(later_entries(spec))
    changed = True
    while changed:  # follow-ups of follow-ups: at most `turns` rounds
        changed = False
        for index, sending in enumerate(timing.sendings):
            due = {t + sending.later.after for t in timing.shown(sending.card)}
            if due != timing.due.get(index):
                timing.due[index] = due
                changed = True
            target = sending.later.event
            if target is not None and target in allowed:
                arrive = {t for t in due if t <= turns} & allowed[target]
                if not arrive <= timing.sent[target]:
                    timing.sent[target] |= arrive
                    changed = True
    return timing


def narrowed(text: str | bool | None, domain: Domain) -> Domain | None:
    """A domain that holds every state where `text` holds, from the meter, turn and flag tests
    joined by `and` at its top (other terms are left out, which only widens it); None when
    the condition has no such test."""
    if not isinstance(text, str):
        return None
    try:
        body = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    terms = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) \
        else [body]
    meters = dict(domain.meters)
    flags = dict(domain.flags)
    turn = domain.turn
    found = False
    for term in terms:
        flag = _flag_test(term)
        if flag is not None and flag[0] in flags:
            flags[flag[0]] = flags[flag[0]] & frozenset({flag[1]})
            found = True
            continue
        bound = _bound(term)
        if bound is None:
            continue
        name, op, value = bound
        if name == "turn":
            turn = _narrow(turn, op, value)
            found = True
        elif name in meters:
            meters[name] = _narrow(meters[name], op, value)
            found = True
    if not found:
        return None
    return Domain(meters=meters, turn=turn, flags=flags)


def _flag_test(node: ast.expr) -> tuple[str, bool] | None:
    wanted = True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node, wanted = node.operand, False
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id == "flags"):
        return node.attr, wanted
    return None


def _bound(node: ast.expr) -> tuple[str, str, float] | None:
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
        return None
    op = _NARROWING.get(type(node.ops[0]))
    if op is None:
        return None
    left, right = node.left, node.comparators[0]
    if isinstance(right, ast.Name) and _number(left) is not None:
        left, right, op = right, left, _MIRROR[op]
    value = _number(right)
    if isinstance(left, ast.Name) and value is not None:
        return left.id, op, value
    return None


def _number(node: ast.expr) -> float | None:
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node, sign = node.operand, -1.0
    if (isinstance(node, ast.Constant) and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)):
        return sign * float(node.value)
    return None


def _narrow(span: Span, op: str, value: float) -> Span:
    """The part of `span` where `x op value` can hold (closed: strict tests keep the edge,
    which only widens the result)."""
    lo, hi = span.lo, span.hi
    if op in (">=", ">"):
        lo = max(lo, value)
    elif op in ("<=", "<"):
        hi = min(hi, value)
    else:
        lo, hi = max(lo, value), min(hi, value)
    if lo > hi:
        lo = hi = value  # empty: a single point where the test fails keeps the analysis sound
    return Span(lo, hi, span.maybe_nan)


def always_within(inner: str | bool | None, outer: str | bool | None, domain: Domain) -> bool:
    """True when `outer` holds wherever `inner` can hold: proved over the box of states that
    `inner`'s top-level tests allow."""
    if outer is None or inner is None:
        return False
    box = narrowed(inner, domain)
    if box is None:
        return False
    if possible_values(inner, box) == {False}:
        return False  # the box is empty: `inner` can never hold, reported elsewhere
    return possible_values(outer, box) == {True}


def turns_in_words(turns: set[int]) -> str:
    """'turn 2', 'turns 2-4', 'turns 2, 5 and 7'."""
    ordered = sorted(turns)
    if len(ordered) == 1:
        return f"turn {ordered[0]}"
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"turns {ordered[0]}-{ordered[-1]}"
    return "turns " + ", ".join(map(str, ordered[:-1])) + f" and {ordered[-1]}"

"""When things can happen, worked out without playing: on which turns each card can come up,
when each `later` entry falls due, and which endings hold at the start or hide behind others.

The linter uses it to explain the mistakes that are all about timing (a follow-up that takes a
fixed-turn card's only turn, a follow-up drawn at random before anything sends it, an ending that
holds at the start, a consequence due after the last turn, an ending that an earlier one always
catches first); play-from-anywhere to find a card's first turn; the map, to put each card in the
column of the first turn a game can show it. Like the interval analysis it rests on, it
over-approximates: a turn it leaves out is a turn on which the card can really never come up.
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


NEVER = 1 << 30  # "no turn": later than any game lasts


@dataclass
class Timing:
    """The turns on which each card can come up, at random (`drawn`) or as a follow-up
    (`sent`), every `later` entry with the turns it can fall due (which may be after the last
    turn), and the turns each option of each card can be available on.

    When worked out as played (see `card_timing`), `flag_true_from` and `flag_false_from` give
    the first turn on which a card could see each flag true (or false), `seen_from` the first
    turn on which a card could see `seen.X` true; `NEVER` when no game gets there."""

    turns: int
    drawn: dict[str, set[int]] = field(default_factory=dict)
    sent: dict[str, set[int]] = field(default_factory=dict)
    sendings: list[Sending] = field(default_factory=list)
    due: dict[int, set[int]] = field(default_factory=dict)  # index in sendings -> turns
    options: dict[str, list[set[int]]] = field(default_factory=dict)
    flag_true_from: dict[str, int] = field(default_factory=dict)
    flag_false_from: dict[str, int] = field(default_factory=dict)
    seen_from: dict[str, int] = field(default_factory=dict)

    def shown(self, card: str) -> set[int]:
        return self.drawn.get(card, set()) | self.sent.get(card, set())


def later_entries(spec: ScenarioFile) -> Iterator[Sending]:
    """Every `later` entry of every option and chance result, with its path, in the engine's
    order (an option's own entries, then those of its chance results)."""
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


def card_timing(spec: ScenarioFile, domain: Domain, *, as_played: bool = False) -> Timing:
    """On which turns each card can come up: at random where its weight and condition allow
    it, and as a follow-up on the turns its senders' decisions make it due.

    One pass over the turns, since what can happen on turn t depends only on earlier turns (a
    follow-up comes at least one turn after its decision). Without `as_played`, each flag may
    take on every turn any value `domain` gives it, and `seen.X` either value: right for a
    test game started anywhere with any flags. With it, the flags and `seen` follow the game
    from turn 1: a flag can be true on turn t only once a decision before t could set it (or
    a consequence landing by t), `seen.X` only once X could have come up. That is what the
    map shows: a chain of `seen.X` cards then comes up one turn after the other."""
    turns = spec.turns
    timing = Timing(turns)
    timing.sendings = list(later_entries(spec))
    senders: dict[str, list[int]] = {}
    by_option: dict[tuple[str, str], list[int]] = {}
    for index, sending in enumerate(timing.sendings):
        timing.due[index] = set()
        by_option.setdefault((sending.card, sending.option), []).append(index)
        if sending.later.event is not None:
            senders.setdefault(sending.later.event, []).append(index)
    for event in spec.events:
        timing.drawn[event.id] = set()
        timing.sent[event.id] = set()
        timing.options[event.id] = [set() for _ in event.options]
    start = {f: spec.flags[f].start if f in spec.flags else False for f in domain.flags}
    true_from = {f: 1 if start[f] else NEVER for f in domain.flags}
    false_from = {f: NEVER if start[f] else 1 for f in domain.flags}
    seen_from = {event.id: NEVER for event in spec.events}
    possible = _Possible()
    both = frozenset({True, False})
    for turn in range(1, turns + 1):
        now = at_turn(domain, turn)
        if as_played:
            flags = {f: domain.flags[f] & frozenset(
                v for v, first in ((True, true_from[f]), (False, false_from[f]))
                if first <= turn) for f in domain.flags}
            seen = {card: both if first <= turn else frozenset({False})
                    for card, first in seen_from.items()}
            now = replace(now, flags=flags, seen=seen)
        shown = []
        for event in spec.events:
            if not possible.can_hold(event.when, now):
                continue
            if event.weight > 0:
                timing.drawn[event.id].add(turn)
            if any(turn in timing.due[index] for index in senders.get(event.id, ())):
                timing.sent[event.id].add(turn)
            if turn in timing.shown(event.id):
                shown.append(event)
        for event in shown:  # what this turn's decisions can change on later turns
            seen_from[event.id] = min(seen_from[event.id], turn + 1)
            at_card = replace(now, seen={**now.seen, event.id: frozenset({True})}) \
                if as_played else now
            available = [k for k, option in enumerate(event.options)
                         if possible.can_hold(option.when, at_card)] or [0]  # the engine's rule
            for k in available:
                option = event.options[k]
                timing.options[event.id][k].add(turn)
                for holder in (option, *option.chance):
                    for flag in holder.flags_on:
                        true_from[flag] = min(true_from[flag], turn + 1)
                    for flag in holder.clear:
                        false_from[flag] = min(false_from[flag], turn + 1)
                for index in by_option.get((event.id, option.id), ()):
                    later = timing.sendings[index].later
                    due = turn + later.after
                    timing.due[index].add(due)
                    for flag in later.flags_on:  # lands before its turn's card is drawn
                        true_from[flag] = min(true_from[flag], due)
                    for flag in later.clear:
                        false_from[flag] = min(false_from[flag], due)
    timing.flag_true_from, timing.flag_false_from = true_from, false_from
    timing.seen_from = seen_from
    return timing


class _Possible:
    """`possible_values` with a memory: a condition is looked at once for each combination of
    the values its names can take on a turn (most read only the turn and a flag or two)."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {}
        self.memo: dict[tuple[object, ...], bool] = {}

    def _names(self, text: str) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
        if text not in self.names:
            reads_turn = False
            flags: set[str] = set()
            seen: set[str] = set()
            try:
                nodes = list(ast.walk(ast.parse(text.strip(), mode="eval")))
            except (SyntaxError, ValueError, RecursionError):
                nodes, reads_turn = [], True
            for node in nodes:
                if isinstance(node, ast.Name) and node.id == "turn":
                    reads_turn = True
                elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                    (flags if node.value.id == "flags" else seen).add(node.attr)
            self.names[text] = (reads_turn, tuple(sorted(flags)), tuple(sorted(seen)))
        return self.names[text]

    def can_hold(self, text: str | bool | None, domain: Domain) -> bool:
        if text is None:
            return True
        if isinstance(text, bool):
            return text
        reads_turn, flags, seen = self._names(text)
        key = (text, domain.turn.lo if reads_turn else 0.0,
               tuple(domain.flags.get(f) for f in flags), tuple(domain.seen.get(c) for c in seen))
        if key not in self.memo:
            self.memo[key] = True in possible_values(text, domain)
        return self.memo[key]


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

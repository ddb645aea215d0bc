"""The condition language: `autonomy >= 60 and not flags.s400_signed`.

A condition is parsed once with Python's `ast` and accepted only if every node is on a short
whitelist (numbers, names, comparisons, and/or/not, + - * /, `flags.X`, `seen.X`). Every name is
checked against the scenario at load time. The tree is then compiled to closures that evaluate on
numpy arrays with a leading batch axis, so one compiled condition serves one game or 100,000.
Nothing is ever passed to `eval`.
"""

from __future__ import annotations

import ast
import math
import operator
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from balancing_act.scenario.problems import did_you_mean

MAX_LENGTH = 500
MAX_NESTING = 30
MAX_CONSTANT = 1_000_000_000
RESERVED_NAMES = frozenset({"turn", "flags", "seen", "true", "false", "and", "or", "not"})
_TRUE_FALSE = {"true": True, "false": False, "True": True, "False": False}

_ARITHMETIC: dict[type, tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Add: ("+", operator.add),
    ast.Sub: ("-", operator.sub),
    ast.Mult: ("*", operator.mul),
    ast.Div: ("/", lambda a, b: _divide(a, b)),
}
_COMPARE: dict[type, tuple[str, Callable[[Any, Any], Any]]] = {
    ast.Lt: ("<", operator.lt),
    ast.LtE: ("<=", operator.le),
    ast.Gt: (">", operator.gt),
    ast.GtE: (">=", operator.ge),
    ast.Eq: ("==", operator.eq),
    ast.NotEq: ("!=", operator.ne),
}
_OPERATOR_NAMES = {
    ast.Pow: "**", ast.FloorDiv: "//", ast.Mod: "%", ast.BitAnd: "&", ast.BitOr: "|",
    ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>", ast.MatMult: "@", ast.Invert: "~",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}


def _divide(a: Any, b: Any) -> Any:
    """Division where dividing by zero gives no value (NaN): comparisons with it are false."""
    quotient = np.true_divide(a, b)
    return np.where(np.equal(b, 0), np.nan, quotient)


class ConditionContext(Protocol):
    """What a compiled condition reads: the batch's meters, flags, turn and seen cards."""

    meters: np.ndarray  # (N, M) float
    flags: np.ndarray  # (N, F) bool
    turn: np.ndarray  # (N,) int
    seen: np.ndarray  # (N, E) bool


Evaluator = Callable[[ConditionContext], np.ndarray]


@dataclass(frozen=True)
class Names:
    """The names a condition may use, each mapped to its column in the engine's arrays."""

    meters: Mapping[str, int]
    flags: Mapping[str, int]
    events: Mapping[str, int]


@dataclass(frozen=True)
class ConditionIssue:
    """A problem inside a condition; `offset` counts characters from the text's start (0-based)."""

    offset: int
    message: str


@dataclass(frozen=True)
class Condition:
    """A checked, compiled condition. Call `evaluate(ctx)` for a (N,) bool array."""

    text: str
    evaluate: Evaluator
    meters_read: frozenset[str]
    flags_read: frozenset[str]
    events_read: frozenset[str]


class _Rejected(Exception):
    def __init__(self, node: ast.AST | None, message: str, offset: int | None = None) -> None:
        self.offset = offset if offset is not None else getattr(node, "col_offset", 0)
        self.message = message


def always_true(ctx: ConditionContext) -> np.ndarray:
    """The condition of an event or option without `when`."""
    return np.ones(ctx.turn.shape[0], dtype=bool)


def compile_condition(text: str | bool, names: Names) -> Condition | list[ConditionIssue]:
    """Check `text` against the whitelist and `names`; return the compiled Condition or the
    issues found: every unknown name, or else the first structural problem."""
    if isinstance(text, bool):
        value = text
        return Condition(str(text).lower(), lambda ctx: np.full(ctx.turn.shape[0], value),
                         frozenset(), frozenset(), frozenset())
    # A condition may run over lines (a `|` block as well as `>`): a line break is a space,
    # character for character, so every position still points into the file.
    text = text.replace("\r", " ").replace("\n", " ")
    hint = _pre_scan(text)
    if hint is not None:
        return [hint]
    try:
        with warnings.catch_warnings():  # e.g. "invalid decimal literal" for '1and'
            warnings.simplefilter("ignore")
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        offset = max((err.offset or 1) - 1, 0) + (len(text) - len(text.lstrip()))
        return [ConditionIssue(offset, f"invalid condition: {_syntax_message(err)}")]
    except (RecursionError, MemoryError, ValueError):
        return [ConditionIssue(0, "invalid condition: it is too complex to read")]
    lead = len(text) - len(text.lstrip())
    compiler = _Compiler(names, lead)
    try:
        kind, fn = compiler.visit(tree.body)
        if kind != "bool":
            raise _Rejected(tree.body, "a condition must be true or false, not a number "
                                       "(compare it, for example 'autonomy >= 50')")
    except _Rejected as err:
        return [ConditionIssue(_chars(text.strip(), err.offset) + lead, err.message)]
    except RecursionError:
        return [ConditionIssue(0, "invalid condition: it is too complex to read")]
    if compiler.unknown:
        return [ConditionIssue(_chars(text.strip(), e.offset) + lead, e.message)
                for e in compiler.unknown]

    def evaluate(ctx: ConditionContext) -> np.ndarray:
        # Dividing by zero gives inf or NaN; comparisons with NaN are false, which is the rule.
        with np.errstate(all="ignore"):
            result = np.asarray(fn(ctx), dtype=bool)
        if result.ndim == 0:
            return np.full(ctx.turn.shape[0], bool(result))
        return result

    return Condition(text, evaluate, frozenset(compiler.meters_read),
                     frozenset(compiler.flags_read), frozenset(compiler.events_read))


def _chars(text: str, byte_offset: int) -> int:
    """`ast` counts columns in UTF-8 bytes; designers count characters."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _pre_scan(text: str) -> ConditionIssue | None:
    """Catch the mistakes people bring from other languages before Python's parser does."""
    if len(text) > MAX_LENGTH:
        return ConditionIssue(0, f"condition is longer than {MAX_LENGTH} characters")
    if not text.strip():
        return ConditionIssue(0, "condition is empty")
    depth = 0
    for index, char in enumerate(text):
        depth += char == "("
        depth -= char == ")"
        if depth > MAX_NESTING:
            return ConditionIssue(index, f"condition nests parentheses more than {MAX_NESTING} "
                                         "deep")
    for token, word in (("&&", "and"), ("||", "or")):
        if token in text:
            return ConditionIssue(text.index(token), f"use '{word}' instead of '{token}'")
    for index, char in enumerate(text):
        after = text[index + 1: index + 2]
        before = text[index - 1: index] if index else ""
        if char == "!" and after != "=":
            return ConditionIssue(index, "use 'not' instead of '!'")
        if char == "=" and after != "=" and before not in "=!<>":
            return ConditionIssue(index, "use '==' to compare, not '='")
    return None


def _syntax_message(err: SyntaxError) -> str:
    message = (err.msg or "syntax error").lower()
    if "was never closed" in message or "unexpected eof" in message:
        return "a parenthesis is not closed"
    if "unmatched" in message:
        return "a closing parenthesis has no opening one"
    return message.removeprefix("invalid syntax. ").rstrip(".")


class _Compiler:
    """Walks a whitelisted tree, returning (kind, closure) for each node; kind is bool or num."""

    def __init__(self, names: Names, lead: int) -> None:
        self.names = names
        self.lead = lead
        self.meters_read: set[str] = set()
        self.flags_read: set[str] = set()
        self.events_read: set[str] = set()
        self.unknown: list[_Rejected] = []

    def _unknown(self, node: ast.AST, message: str, kind: str,
                 offset: int | None = None) -> tuple[str, Callable[..., Any]]:
        """Note an unknown name and carry on, so every unknown name is reported at once."""
        self.unknown.append(_Rejected(node, message, offset))
        return kind, lambda ctx: 0

    def visit(self, node: ast.AST) -> tuple[str, Callable[[ConditionContext], Any]]:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise _Rejected(node, _not_allowed(node))
        result: tuple[str, Callable[[ConditionContext], Any]] = method(node)
        return result

    def visit_Constant(self, node: ast.Constant) -> tuple[str, Callable[..., Any]]:
        value = node.value
        if isinstance(value, bool):
            return "bool", lambda ctx: value
        if isinstance(value, int | float) and not isinstance(value, complex):
            if not math.isfinite(value) or abs(value) > MAX_CONSTANT:
                raise _Rejected(node, f"number {_short(node)} is out of range "
                                      f"(at most {MAX_CONSTANT:,} either way)")
            return "num", lambda ctx: value
        if isinstance(value, str):
            raise _Rejected(node, "text is not allowed in conditions; use flags.NAME for facts "
                                  "that are true or false")
        raise _Rejected(node, f"'{_short(node)}' is not allowed in conditions")

    def visit_Name(self, node: ast.Name) -> tuple[str, Callable[..., Any]]:
        name = node.id
        if name in _TRUE_FALSE:
            value = _TRUE_FALSE[name]
            return "bool", lambda ctx: value
        if name == "turn":
            return "num", lambda ctx: ctx.turn
        if name in self.names.meters:
            index = self.names.meters[name]
            self.meters_read.add(name)
            return "num", lambda ctx: ctx.meters[:, index]
        if name in ("flags", "seen"):
            raise _Rejected(node, f"'{name}' needs a name after it, as in '{name}.some_name'")
        if name in self.names.flags:
            return self._unknown(node, f"unknown name '{name}' (did you mean 'flags.{name}'?)",
                                 "bool")
        if name in self.names.events:
            return self._unknown(node, f"unknown name '{name}' (did you mean 'seen.{name}'?)",
                                 "bool")
        known = [*self.names.meters, "turn"]
        return self._unknown(node, f"unknown name '{name}'{did_you_mean(name, known)}; "
                                   f"meters are: {', '.join(sorted(self.names.meters))}", "num")

    def visit_Attribute(self, node: ast.Attribute) -> tuple[str, Callable[..., Any]]:
        base = node.value
        if not isinstance(base, ast.Name) or base.id not in ("flags", "seen"):
            raise _Rejected(node, "only flags.NAME and seen.EVENT may use a dot in conditions")
        attr_offset = node.end_col_offset - len(node.attr) if node.end_col_offset else None
        if base.id == "flags":
            if node.attr not in self.names.flags:
                return self._unknown(node, f"unknown flag '{node.attr}'"
                                           f"{did_you_mean(node.attr, self.names.flags)}; a flag "
                                           "must be set or cleared by an option, or declared "
                                           "under 'flags'", "bool", attr_offset)
            index = self.names.flags[node.attr]
            self.flags_read.add(node.attr)
            return "bool", lambda ctx: ctx.flags[:, index]
        if node.attr not in self.names.events:
            return self._unknown(node, f"unknown event '{node.attr}'"
                                       f"{did_you_mean(node.attr, self.names.events)}", "bool",
                                 attr_offset)
        index = self.names.events[node.attr]
        self.events_read.add(node.attr)
        return "bool", lambda ctx: ctx.seen[:, index]

    def visit_UnaryOp(self, node: ast.UnaryOp) -> tuple[str, Callable[..., Any]]:
        kind, fn = self.visit(node.operand)
        if isinstance(node.op, ast.Not):
            self._need(node.operand, kind, "bool", "'not'")
            return "bool", lambda ctx: np.logical_not(fn(ctx))
        if isinstance(node.op, ast.USub):
            self._need(node.operand, kind, "num", "'-'")
            return "num", lambda ctx: -fn(ctx)
        if isinstance(node.op, ast.UAdd):
            self._need(node.operand, kind, "num", "'+'")
            return "num", fn
        raise _Rejected(node, _not_allowed(node))

    def visit_BoolOp(self, node: ast.BoolOp) -> tuple[str, Callable[..., Any]]:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = []
        for value in node.values:
            kind, fn = self.visit(value)
            self._need(value, kind, "bool", f"'{word}'")
            parts.append(fn)
        combine = np.logical_and if word == "and" else np.logical_or

        def evaluate(ctx: ConditionContext) -> Any:
            result = parts[0](ctx)
            for part in parts[1:]:
                result = combine(result, part(ctx))
            return result

        return "bool", evaluate

    def visit_BinOp(self, node: ast.BinOp) -> tuple[str, Callable[..., Any]]:
        if type(node.op) not in _ARITHMETIC:
            raise _Rejected(node, _not_allowed(node))
        symbol, op = _ARITHMETIC[type(node.op)]
        left_kind, left = self.visit(node.left)
        right_kind, right = self.visit(node.right)
        self._need(node.left, left_kind, "num", f"'{symbol}'", allow_bool=True)
        self._need(node.right, right_kind, "num", f"'{symbol}'", allow_bool=True)
        # True + True must be 2, not numpy's logical `True`: count flags as 0 and 1.
        left = _as_number(left) if left_kind == "bool" else left
        right = _as_number(right) if right_kind == "bool" else right
        return "num", lambda ctx: op(left(ctx), right(ctx))

    def visit_Compare(self, node: ast.Compare) -> tuple[str, Callable[..., Any]]:
        operands = [node.left, *node.comparators]
        compiled = [self.visit(o) for o in operands]
        steps = []
        for index, op_node in enumerate(node.ops):
            if type(op_node) not in _COMPARE:
                raise _Rejected(node, _not_allowed(op_node, node))
            symbol, op = _COMPARE[type(op_node)]
            if symbol not in ("==", "!="):
                for operand, (kind, _) in zip(operands[index:index + 2],
                                              compiled[index:index + 2], strict=True):
                    self._need(operand, kind, "num", f"'{symbol}'")
            steps.append((op, compiled[index][1], compiled[index + 1][1]))

        def evaluate(ctx: ConditionContext) -> Any:
            result = None
            for op, left, right in steps:
                step = op(left(ctx), right(ctx))
                result = step if result is None else np.logical_and(result, step)
            return result

        return "bool", evaluate

    def _need(self, node: ast.AST, kind: str, wanted: str, where: str,
              allow_bool: bool = False) -> None:
        if kind == wanted or (allow_bool and kind == "bool"):
            return
        if wanted == "bool":
            raise _Rejected(node, f"{where} needs true/false values, but '{_short(node)}' is a "
                                  f"number (compare it, for example '{_short(node)} > 0')")
        raise _Rejected(node, f"{where} needs numbers, but '{_short(node)}' is true/false")


def _as_number(fn: Callable[[ConditionContext], Any]) -> Callable[[ConditionContext], Any]:
    return lambda ctx: np.asarray(fn(ctx), dtype=np.int64)


def _short(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError):  # pragma: no cover - defensive
        return "?"
    return text if len(text) <= 40 else text[:37] + "..."


def _not_allowed(node: ast.AST, parent: ast.AST | None = None) -> str:
    kind = type(node)
    if kind is ast.Call:
        return "function calls are not allowed in conditions"
    if kind in (ast.Subscript, ast.Slice):
        return "indexing with [] is not allowed in conditions"
    if kind in (ast.BinOp, ast.UnaryOp):
        kind = type(node.op)  # type: ignore[attr-defined]
    if kind in _OPERATOR_NAMES:
        return f"operator '{_OPERATOR_NAMES[kind]}' is not allowed in conditions"
    if kind is ast.IfExp:
        return "'if ... else' is not allowed in conditions"
    if kind in (ast.Lambda, ast.NamedExpr):
        return "definitions are not allowed in conditions"
    if kind in (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp,
                ast.GeneratorExp, ast.JoinedStr):
        return "lists, tuples and other collections are not allowed in conditions"
    return f"'{type(node).__name__}' is not allowed in conditions"


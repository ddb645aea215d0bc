"""Text that adapts to the game: substitutions, conditional passages and seeded variants in a
card's text, an outcome, a consequence or an ending.

    Autonomy stands at {autonomy} on turn {turn} of {turns}.
    {flags.s400_signed|The S-400 contract is signed.|The S-400 is still on hold.}
    {if trust_us >= 70}Washington calls often.{else}Washington is cooler.{end}
    {one of|The phones ring.|A cable arrives.|An envoy is announced.}

`{{` and `}}` write a brace. Every name is checked when the scenario loads (an unknown one is
an error at its line and column); conditions go through the same whitelisted parser as `when:`.
The play layer renders a text with the game's state when it is shown; a variant is chosen by
the game's seed and turn, so the same game always reads the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from balancing_act.scenario.conditions import Condition, Names, compile_condition
from balancing_act.scenario.problems import did_you_mean

MAX_DEPTH = 4
VALUE_WIDTH = 4  # a number shown in a text, for the linter's length estimate


@dataclass(frozen=True)
class TextIssue:
    offset: int  # characters from the start of the text
    message: str


@dataclass(frozen=True)
class Value:
    name: str  # a meter id, `turn` or `turns`


@dataclass(frozen=True)
class FlagChoice:
    flag: str
    yes: str
    no: str


@dataclass(frozen=True)
class Passage:
    condition: Condition
    then: tuple[Part, ...]
    otherwise: tuple[Part, ...]


@dataclass(frozen=True)
class OneOf:
    variants: tuple[str, ...]


Part = str | Value | FlagChoice | Passage | OneOf


@dataclass(frozen=True)
class Template:
    """A parsed text: literal runs and the parts that depend on the game."""

    parts: tuple[Part, ...]

    def longest(self) -> int:
        """The most characters it can show (numbers counted as VALUE_WIDTH)."""
        return _longest(self.parts)


@dataclass(frozen=True)
class TextState:
    """What a text may show: one game's state when the text is shown."""

    meters: Mapping[str, int]
    turn: int
    turns: int
    flags: frozenset[str]
    holds: Callable[[Condition], bool]  # evaluates a condition on the game's state
    seed: int = 0
    key: str = ""  # where the text is, so two texts in one turn vary independently


def has_markup(text: str) -> bool:
    return "{" in text or "}" in text


def parse_text(text: str, names: Names) -> Template | list[TextIssue]:
    """The template of `text`, or every problem found in it."""
    parser = _Parser(text, names)
    parts = parser.parts(depth=0, closers=())
    return parser.issues or Template(tuple(parts))


def render(template: Template, state: TextState) -> str:
    return "".join(_render(template.parts, state))


def _render(parts: Sequence[Part], state: TextState) -> list[str]:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, Value):
            value = {"turn": state.turn, "turns": state.turns}.get(part.name)
            out.append(str(value if value is not None else state.meters.get(part.name, "")))
        elif isinstance(part, FlagChoice):
            out.append(part.yes if part.flag in state.flags else part.no)
        elif isinstance(part, Passage):
            out += _render(part.then if state.holds(part.condition) else part.otherwise, state)
        else:
            digest = hashlib.blake2b(f"{state.seed}|{state.turn}|{state.key}|"
                                     f"{len(out)}".encode(), digest_size=8).digest()
            out.append(part.variants[int.from_bytes(digest, "big") % len(part.variants)])
    return out


def _longest(parts: Sequence[Part]) -> int:
    total = 0
    for part in parts:
        if isinstance(part, str):
            total += len(part)
        elif isinstance(part, Value):
            total += VALUE_WIDTH
        elif isinstance(part, FlagChoice):
            total += max(len(part.yes), len(part.no))
        elif isinstance(part, Passage):
            total += max(_longest(part.then), _longest(part.otherwise))
        else:
            total += max(len(v) for v in part.variants)
    return total


class _Parser:
    """A small recursive reader of the markup, keeping every problem with its offset."""

    def __init__(self, text: str, names: Names) -> None:
        self.text = text
        self.names = names
        self.position = 0
        self.issues: list[TextIssue] = []
        self.word = ""  # the closing word ('else', 'end') that stopped `parts`

    def issue(self, offset: int, message: str) -> None:
        self.issues.append(TextIssue(offset, message))

    def parts(self, depth: int, closers: tuple[str, ...]) -> list[Part]:
        parts: list[Part] = []
        literal: list[str] = []
        text = self.text
        while self.position < len(text):
            here = self.position
            char = text[here]
            if text.startswith("{{", here) or text.startswith("}}", here):
                literal.append(char)
                self.position += 2
                continue
            if char == "}":
                self.issue(here, "'}' without '{' before it (write '}}' for a brace)")
                self.position += 1
                continue
            if char != "{":
                literal.append(char)
                self.position += 1
                continue
            end = text.find("}", here)
            if end < 0:
                self.issue(here, "'{' is never closed with '}' (write '{{' for a brace)")
                self.position = len(text)
                break
            inner = text[here + 1:end]
            word = inner.strip()
            if word in ("else", "end"):
                if word in closers:
                    self.word = word
                    if literal:
                        parts.append("".join(literal))
                    self.position = end + 1 if word == "end" else here
                    return parts
                self.issue(here, f"'{{{word}}}' without an '{{if ...}}' before it")
                self.position = end + 1
                continue
            if literal:
                parts.append("".join(literal))
                literal = []
            self.position = end + 1
            part = self.markup(here, inner, depth)
            if part is not None:
                parts.append(part)
        if literal:
            parts.append("".join(literal))
        if closers:
            self.issue(len(text), "'{if ...}' is never closed with '{end}'")
        return parts

    def markup(self, start: int, inner: str, depth: int) -> Part | None:
        """One `{...}`: a value, a flag choice, a variant list or a conditional passage."""
        word = inner.strip()
        lead = start + 1 + (len(inner) - len(inner.lstrip()))
        if word.startswith("if ") or word == "if":
            return self.passage(start, inner, depth)
        if word.startswith("one of"):
            rest = word[len("one of"):]
            variants = rest.split("|")[1:] if rest.startswith("|") else []
            if len(variants) < 2:
                self.issue(start, "'{one of|A|B}' needs at least two variants, each after a '|'")
                return None
            return OneOf(tuple(variants))
        if word.startswith("flags."):
            name, *choices = word[len("flags."):].split("|")
            self.check_flag(lead + len("flags."), name.strip())
            if len(choices) != 2:
                self.issue(start, f"'{{flags.{name.strip()}|...}}' needs two texts: "
                                  f"{{flags.{name.strip()}|when on|when off}}")
                return None
            return FlagChoice(name.strip(), choices[0], choices[1])
        if not word:
            self.issue(start, "'{}' is empty: write a meter's id, turn, turns, flags.NAME|a|b, "
                              "if ..., or one of|a|b (or '{{' for a brace)")
            return None
        if word not in ("turn", "turns") and word not in self.names.meters:
            known = [*self.names.meters, "turn", "turns"]
            self.issue(lead, f"unknown name '{word}' in the text{did_you_mean(word, known)}; "
                             "a text can show a meter's id, turn or turns (write '{{' for a "
                             "brace)")
            return None
        return Value(word)

    def check_flag(self, offset: int, name: str) -> None:
        if name not in self.names.flags:
            self.issue(offset, f"unknown flag '{name}' in the text"
                               f"{did_you_mean(name, list(self.names.flags))}")

    def passage(self, start: int, inner: str, depth: int) -> Part | None:
        if depth >= MAX_DEPTH:
            self.issue(start, f"'{{if ...}}' nested more than {MAX_DEPTH} deep")
        condition_text = inner.strip()[2:]
        at = start + 1 + inner.index("if") + 2
        condition = compile_condition(condition_text, self.names) if condition_text.strip() \
            else None
        if condition is None:
            self.issue(start, "'{if}' needs a condition, e.g. {if autonomy >= 60}")
        elif isinstance(condition, list):
            for problem in condition:
                self.issue(at + problem.offset, problem.message)
            condition = None
        then = self.parts(depth + 1, ("else", "end"))
        otherwise: list[Part] = []
        if self.word == "else":
            self.position = self.text.index("}", self.position) + 1
            self.word = ""
            otherwise = self.parts(depth + 1, ("end",))
        self.word = ""
        if condition is None:
            return None
        return Passage(condition, tuple(then), tuple(otherwise))

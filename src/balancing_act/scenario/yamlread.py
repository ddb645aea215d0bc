"""Read a YAML file safely, keeping the line and column of every key and value.

Scenario files come from designers and, in class, from anywhere, so reading is bounded: the
file's size, its nesting depth and the number of values after aliases are expanded are all
capped, only the plain YAML types are accepted (no `!!python/...` tags, nothing is executed), and
every problem is returned with its position instead of raised as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.composer
import yaml.constructor
import yaml.parser
import yaml.reader
import yaml.resolver
import yaml.scanner

from balancing_act.errors import ReadError
from balancing_act.io import describe, read_bytes
from balancing_act.scenario.problems import Problem, ScenarioError

MAX_BYTES = 1024 * 1024  # the 40-card campaign is about 150 KB
MAX_DEPTH = 40
MAX_VALUES = 200_000
MAX_NUMBER_DIGITS = 30

YamlPath = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STD + t for t in ("null", "bool", "int", "float", "str")}
_STRING_LIKE_TAGS = {_STD + "timestamp"}  # a date such as 2018-10-05 stays text


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document stands in its file."""

    file: str
    text: str = ""
    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    text_starts: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    # a string value's style and where its source runs, (line, column) to (line, column)
    text_spans: dict[YamlPath, tuple[str, tuple[int, int], tuple[int, int]]] = field(
        default_factory=dict)

    def where(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that exists in the file."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def borrow(self, origin: YamlPath, target: YamlPath, keys: list[Any]) -> None:
        """Positions for values copied from `origin` (an option template) to `target` (the
        option that uses it): a problem in a borrowed key is reported in the template,
        where the designer wrote it."""
        width = len(origin)

        def copy(table: dict[YamlPath, Any]) -> None:
            for path in [p for p in table if p[:width] == origin and len(p) > width
                         and p[width] in keys]:
                table[target + path[width:]] = table[path]

        for table in (self.values, self.keys, self.text_starts, self.text_spans):
            copy(table)

    def inside_text(self, path: YamlPath, value: str, offset: int) -> tuple[int, int]:
        """The line and column in the file of character `offset` of the string `value` read
        at `path`. A `|` block and a one-line value without escapes map character for
        character. A folded, wrapped or escaped value does not (YAML joins its lines and
        reads its escapes), so the word at `offset` is found in the value's own source: the
        same occurrence of the same word."""
        line, col = self.text_starts.get(path) or self.where(path)
        style, begin, end = self.text_spans.get(path, ("|", (line, col), (line, col)))
        before = value[:offset]
        raw = self._raw(begin, end)
        if style == "|" or value in (raw, raw[1:-1]):
            if "\n" not in before:
                return line, col + offset
            return line + before.count("\n"), col + len(before) - before.rfind("\n") - 1
        word = re.compile(r"\S+").match(value, offset)
        shift = 0
        if word is None:  # at a space or the end: just after the word before it
            words = list(re.finditer(r"\S+", before))
            if not words:
                return line, col
            word, shift = words[-1], offset - words[-1].end()
        needle = word.group()
        nth = sum(1 for m in re.finditer(re.escape(needle), value) if m.start() < word.start())
        found = [m.start() for m in re.finditer(re.escape(needle), raw)]
        if nth >= len(found):
            return line, col
        at = found[nth] + (offset - word.start() if shift == 0 else len(needle) + shift)
        prefix = raw[:at]
        if "\n" not in prefix:
            return begin[0], begin[1] + at
        return begin[0] + prefix.count("\n"), len(prefix) - prefix.rfind("\n")

    def _raw(self, begin: tuple[int, int], end: tuple[int, int]) -> str:
        """The file's text from (line, column) `begin` to `end`."""
        lines = self.text.split("\n")
        if begin[0] == end[0]:
            return lines[begin[0] - 1][begin[1] - 1:end[1] - 1] if begin[0] <= len(lines) else ""
        chunk = [lines[begin[0] - 1][begin[1] - 1:], *lines[begin[0]:end[0] - 1]]
        if end[0] <= len(lines):
            chunk.append(lines[end[0] - 1][:end[1] - 1])
        return "\n".join(chunk)

    def problem(self, path: YamlPath, message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message, severity)  # type: ignore[arg-type]


class _CoreResolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema, which editors use: only true/false are booleans ('No' and
    'yes' are text), integers are decimal (045 is 45, not octal 37), 0o17 and 0xFF, no
    underscores or 1:30 sexagesimal numbers, and no implicit dates (2019-05-01 stays text)."""


_CoreResolver.add_implicit_resolver(
    _STD + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_CoreResolver.add_implicit_resolver(
    _STD + "int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_CoreResolver.add_implicit_resolver(
    _STD + "float", re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))
_CoreResolver.add_implicit_resolver(  # recognised only to be refused with a message
    _STD + "merge", re.compile(r"^(?:<<)$"), ["<"])
_CoreResolver.add_implicit_resolver(
    _STD + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


class _CoreConstructor(yaml.constructor.SafeConstructor):
    """Numbers read as YAML 1.2 reads them (PyYAML alone reads 045 as octal)."""

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        text = str(self.construct_scalar(node))
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text, 10)

    def construct_yaml_float(self, node: yaml.ScalarNode) -> float:
        text = str(self.construct_scalar(node)).lower()
        if text.endswith(("inf", "nan")):
            return float(text.replace(".", ""))
        return float(text)


_CoreConstructor.add_constructor(_STD + "int",  # type: ignore[type-var]
                                 _CoreConstructor.construct_yaml_int)
_CoreConstructor.add_constructor(_STD + "float",  # type: ignore[type-var]
                                 _CoreConstructor.construct_yaml_float)


def _core_loader(parser: type) -> type:
    """A loader class: `parser` (libyaml's or PyYAML's) with the core schema."""

    def __init__(self: Any, stream: str) -> None:
        parser.__init__(self, stream)  # type: ignore[misc]
        _CoreConstructor.__init__(self)
        _CoreResolver.__init__(self)

    return type("CoreLoader", (parser, _CoreConstructor, _CoreResolver),
                {"__init__": __init__})


class _PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                  yaml.composer.Composer):
    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)


# The loader: libyaml's C parser where PyYAML was built with it (about 20 times faster on large
# files) or the pure-Python one, both with the YAML 1.2 core schema; the same nodes and marks.
_CParser: type | None
try:
    from yaml import cyaml as _cyaml  # libyaml's C parser, when PyYAML was built with it
    _CParser = getattr(_cyaml, "CParser", None)
except ImportError:
    _CParser = None
SafeLoader: type = _core_loader(_CParser if _CParser is not None else _PureParser)
_OPENERS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSERS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_depth(text: str) -> None:
    """Walk the parse events once and refuse documents nested deeper than MAX_DEPTH, before
    any recursive composition could run out of stack."""
    loader = SafeLoader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _OPENERS):
                depth += 1
                if depth > MAX_DEPTH:
                    raise yaml.composer.ComposerError(
                        None, None, f"data is nested more than {MAX_DEPTH} levels deep",
                        event.start_mark)  # type: ignore[arg-type]
            elif isinstance(event, _CLOSERS):
                depth -= 1
    finally:
        loader.dispose()


class _Converter:
    """Turns composed YAML nodes into plain Python data, recording positions as it goes."""

    def __init__(self, loader: Any, source: SourceMap) -> None:
        self.loader = loader
        self.source = source
        self.problems: list[Problem] = []
        self.count = 0

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: yaml.Node, message: str) -> None:
        line, col = self._at(node)
        self.problems.append(Problem(self.source.file, line, col, message))

    def convert(self, node: yaml.Node, path: YamlPath, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _TooBig(node)
        if depth > MAX_DEPTH:
            raise _TooDeep(node)
        self.source.values.setdefault(path, self._at(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _STD + "seq":
                self._fail(node, f"tag '{_short_tag(node.tag)}' is not allowed in scenario files")
                return None
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath, depth: int) -> Any:
        if node.tag != _STD + "map":
            self._fail(node, f"tag '{_short_tag(node.tag)}' is not allowed in scenario files")
            return None
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STD + "merge":
                self._fail(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self._fail(key_node, "a key must be plain text")
                continue
            key = str(key_node.value)
            line, col = self._at(key_node)
            if key in first_seen:
                self._fail(key_node, f"duplicate key '{key}' (first at line {first_seen[key]})")
                continue
            first_seen[key] = line
            self.source.keys[(*path, key)] = (line, col)
            result[key] = self.convert(value_node, (*path, key), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: YamlPath) -> Any:
        if node.tag in _STRING_LIKE_TAGS:
            value: Any = node.value
        elif node.tag in _SCALAR_TAGS:
            if node.tag == _STD + "int" and len(node.value) > MAX_NUMBER_DIGITS:
                self._fail(node, f"the number {node.value[:12]}... has {len(node.value)} "
                                 f"digits; numbers have at most {MAX_NUMBER_DIGITS}")
                return None
            try:
                value = self.loader.construct_object(node)
            except (ValueError, OverflowError):
                self._fail(node, f"'{node.value[:40]}' cannot be read as a value")
                return None
        else:
            self._fail(node, f"tag '{_short_tag(node.tag)}' is not allowed in scenario files")
            return None
        if isinstance(value, str):
            self.source.text_starts[path] = self._text_start(node)
            self.source.text_spans[path] = (node.style or "", self._at(node),
                                            (node.end_mark.line + 1, node.end_mark.column + 1))
        return value

    def _text_start(self, node: yaml.ScalarNode) -> tuple[int, int]:
        """Where the first character of a string's text stands (after quotes or a `|`)."""
        line, col = self._at(node)
        if node.style in ("'", '"'):
            return line, col + 1
        if node.style in ("|", ">"):
            lines = self.source.text.splitlines()
            if line < len(lines):
                following = lines[line]
                return line + 1, len(following) - len(following.lstrip(" ")) + 1
        return line, col


class _TooBig(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooDeep(_TooBig):
    pass


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def read_file_bytes(path: Path, name: str) -> bytes:
    """The bytes of a scenario (or policy, or translation) file, through the guarded reader: a
    regular file of at most MAX_BYTES; ScenarioError at 1:1 otherwise."""
    try:
        return read_bytes(path, limit=MAX_BYTES, what="scenario files")
    except ReadError as err:
        raise ScenarioError([Problem(name, 1, 1, err.detail)]) from None


EMPTY_SCENARIO = "the file is empty; a scenario starts with 'format: 1'"


def read_yaml_file(path: Path, display_name: str | None = None, *,
                   empty: str = EMPTY_SCENARIO) -> tuple[Any, SourceMap]:
    """Read `path` as a bounded, safe YAML document; raise ScenarioError listing every problem
    (`empty` says what a file with nothing in it should have held)."""
    name = display_name or describe(path)
    return parse_yaml_bytes(read_file_bytes(path, name), name, empty=empty)


def parse_yaml_bytes(raw: bytes, name: str, *,
                     empty: str = EMPTY_SCENARIO) -> tuple[Any, SourceMap]:
    """Decode UTF-8 (a byte-order mark is fine) and parse; positions count from 1."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        bad = raw[err.start]
        raise ScenarioError([Problem(
            name, line, col, f"the file is not UTF-8 text (byte 0x{bad:02x}); save it as UTF-8")
        ]) from None
    return parse_yaml_text(text.removeprefix("\ufeff"), name, empty)


def parse_yaml_text(text: str, name: str, empty: str = EMPTY_SCENARIO) -> tuple[Any, SourceMap]:
    """Parse one YAML document from `text`; raise ScenarioError with positioned problems."""
    source = SourceMap(file=name, text=text)
    if not text.strip() or all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise ScenarioError([Problem(name, 1, 1, empty)])
    tabs = _tab_problems(text, name)
    if tabs:
        raise ScenarioError(tabs)
    loader = None
    try:
        _check_depth(text)
        loader = SafeLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise ScenarioError([Problem(name, 1, 1, "the file has no YAML document")])
        converter = _Converter(loader, source)
        data = converter.convert(node, ())
    except yaml.MarkedYAMLError as err:
        raise ScenarioError([_yaml_problem(err, name)]) from None
    except yaml.reader.ReaderError as err:
        line, col = _line_col(text, err.position)
        char = chr(err.character) if isinstance(err.character, int) else str(err.character)
        raise ScenarioError([Problem(
            name, line, col, f"the file contains a control character (#x{ord(char):04x}) "
                             "that YAML does not allow")]) from None
    except yaml.YAMLError as err:
        raise ScenarioError([Problem(name, 1, 1, f"invalid YAML: {err}")]) from None
    except _TooDeep as err:
        line, col = err.node.start_mark.line + 1, err.node.start_mark.column + 1
        raise ScenarioError([Problem(
            name, line, col, f"data is nested more than {MAX_DEPTH} levels deep "
                             "(through aliases)")]) from None
    except _TooBig as err:
        line, col = err.node.start_mark.line + 1, err.node.start_mark.column + 1
        raise ScenarioError([Problem(
            name, line, col, f"the document expands to more than {MAX_VALUES:,} values "
                             "(aliases repeated too often)")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if converter.problems:
        raise ScenarioError(converter.problems)
    return data, source


def _tab_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(name, number, indent.index("\t") + 1,
                                    "tab character in indentation; indent with spaces"))
    return problems


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _yaml_problem(err: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = err.problem or "invalid YAML"
    if "another document" in what:
        return Problem(name, line, col, "the file holds more than one YAML document ('---'); "
                                        "a scenario is a single document")
    if err.context and "nested" not in what:
        what = f"{what} ({err.context})"
    return Problem(name, line, col, f"invalid YAML: {what}")


def load_yaml_data(text: str, name: str) -> Any:
    """Plain data from a YAML text other than a scenario (a session, a key, a catalog, a
    translation), read as safely as a scenario is; ReadError names the first problem."""
    try:
        data, _ = parse_yaml_text(text, name, empty="the file is empty")
    except ScenarioError as err:
        first = err.problems[0]
        raise ReadError(f"{first.file}:{first.line}:{first.col}", first.message) from None
    return data

"""Load a scenario file into a checked, ready-to-play `Scenario`, or report every problem.

Reading goes in three steps, each adding problems with `file:LINE:COL` positions:
1. `yamlread` reads the file safely and remembers where each value stands;
2. the pydantic models in `model` check structure and types;
3. the whole-file checks here: ids that must exist, duplicate ids, probabilities that must add
   up, meter ranges, ending rules and every condition (compiled once, for the engine to use).
All problems are gathered before anything is raised, so a designer fixes them in one pass.
"""

from __future__ import annotations

import contextlib
import copy
import gc
import hashlib
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from balancing_act.io import describe
from balancing_act.scenario.conditions import (
    RESERVED_NAMES,
    Condition,
    Names,
    compile_condition,
)
from balancing_act.scenario.model import (
    DATE_PATTERN,
    ID_PATTERN,
    SCENARIO_ID_PATTERN,
    ChanceOutcome,
    Ending,
    Event,
    Later,
    Meter,
    Option,
    ScenarioFile,
)
from balancing_act.scenario.problems import Problem, ScenarioError, did_you_mean
from balancing_act.scenario.text import Template, has_markup, parse_text
from balancing_act.scenario.yamlread import SourceMap, YamlPath, parse_yaml_bytes, read_file_bytes

PROBABILITY_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Scenario:
    """A validated scenario with its conditions compiled: what the engine and the UI take.

    `file` is the typed content; `names` maps meter, flag and event ids to array columns;
    `sha256` identifies the exact file content for saves, sessions and results.
    """

    file: ScenarioFile
    path: Path | None
    sha256: str
    source: SourceMap
    names: Names
    event_when: tuple[Condition | None, ...]
    option_when: tuple[tuple[Condition | None, ...], ...]
    ending_when: tuple[Condition | None, ...]
    templates: Mapping[YamlPath, Template] = field(default_factory=dict)  # adaptive texts

    def template(self, path: YamlPath) -> Template | None:
        """The parsed text at `path` when it adapts to the game (None for plain text)."""
        return self.templates.get(path)

    @property
    def id(self) -> str:
        return self.file.id

    @property
    def title(self) -> str:
        return self.file.title

    @property
    def meter_ids(self) -> tuple[str, ...]:
        return tuple(self.file.meters)

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(self.names.flags)

    @property
    def folder(self) -> Path | None:
        return self.path.parent if self.path else None

    def event(self, event_id: str) -> Event:
        return self.file.events[self.names.events[event_id]]

    def ending(self, ending_id: str) -> Ending:
        return next(e for e in self.file.endings if e.id == ending_id)


def load_scenario(path: str | Path) -> Scenario:
    """Load and check a scenario file; raise ScenarioError listing every problem."""
    path = Path(path)
    name = describe(path)
    raw = read_file_bytes(path, name)  # read once: what is checked is what is hashed
    with collector_paused():
        data, source = parse_yaml_bytes(raw, name)
        return _build(data, source, hashlib.sha256(raw).hexdigest(), path)


def load_scenario_bytes(raw: bytes, name: str = "<scenario>") -> Scenario:
    """Load a scenario from bytes (tests, and files received over other channels)."""
    with collector_paused():
        data, source = parse_yaml_bytes(raw, name)
        return _build(data, source, hashlib.sha256(raw).hexdigest(), None)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file's objects are built: reading a large
    scenario creates hundreds of thousands of objects that all live on, and the collector's
    passes over them took half the loading time. The file is at most 1 MB, so memory is
    bounded."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(data: Any, source: SourceMap, sha256: str, path: Path | None) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError([source.problem((), "a scenario file must be a mapping of keys "
                                                 "(format, id, title, ...) at the top level")])
    checker = _Checker(data, source)
    scenario_file = checker.validate_structure()
    checker.check_whole_file(scenario_file)
    if checker.problems or scenario_file is None:
        # a template used by several options reports its own mistake once
        raise ScenarioError(list(dict.fromkeys(checker.problems)))
    return Scenario(
        file=scenario_file, path=path, sha256=sha256, source=source, names=checker.names,
        event_when=tuple(checker.event_when), option_when=tuple(checker.option_when),
        ending_when=tuple(checker.ending_when), templates=checker.templates,
    )


class _Checker:
    """Collects problems for one file; the parts that validated are checked even when others
    did not, so one broken event does not hide mistakes elsewhere."""

    def __init__(self, data: dict[str, Any], source: SourceMap) -> None:
        self.data = data
        self.source = source
        self.problems: list[Problem] = []
        self.names = Names({}, {}, {})
        self.event_when: list[Condition | None] = []
        self.option_when: list[tuple[Condition | None, ...]] = []
        self.ending_when: list[Condition | None] = []
        self.templates: dict[YamlPath, Template] = {}
        self.meter_ranges: dict[str, tuple[int, int]] = {}
        self.unknown_use: set[YamlPath] = set()  # options whose template is not there
        self.broken_meters: list[str] = []  # named, but invalid: still names, not "unknown"

    def error(self, path: YamlPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.source.problem(path, message, key=key))

    # -- step 2: structure -------------------------------------------------------------------

    def validate_structure(self) -> ScenarioFile | None:
        self._apply_templates()
        try:
            return ScenarioFile.model_validate(self.data)
        except ValidationError as err:
            errors = [item for item in err.errors(include_url=False)
                      if not (item["type"] == "missing"
                              and tuple(item["loc"][:-1]) in self.unknown_use)]
            # (a missing key of an option whose template is not there is said already)
            self.problems += validation_problems(errors, self.source, ScenarioFile)
            return None

    def _apply_templates(self) -> None:
        """Options with `use: NAME` take the template's keys, then their own on top (a key
        given on the option replaces the template's). An unknown name is an error at `use`."""
        templates = self.data.get("templates")
        templates = templates if isinstance(templates, dict) else {}
        events = self.data.get("events")
        for e, event in enumerate(events if isinstance(events, list) else []):
            options = event.get("options") if isinstance(event, dict) else None
            if not isinstance(options, list):
                continue
            for k, option in enumerate(options):
                if not isinstance(option, dict) or "use" not in option:
                    continue
                name = option["use"]
                template = templates.get(name) if isinstance(name, str) else None
                if not isinstance(template, dict):
                    self.unknown_use.add(("events", e, "options", k))
                    if isinstance(name, str) and name not in templates:
                        self.error(("events", e, "options", k, "use"),
                                   f"unknown template '{name}'"
                                   f"{did_you_mean(name, [str(t) for t in templates])}")
                    continue
                options[k] = {**copy.deepcopy(template), **option}
                self.source.borrow(("templates", name), ("events", e, "options", k),
                                   [key for key in template if key not in option])

    # -- step 3: whole-file checks -----------------------------------------------------------

    def check_whole_file(self, scenario: ScenarioFile | None) -> None:
        if scenario is not None:
            meters = dict(scenario.meters)
            events = list(enumerate(scenario.events))
            endings = list(enumerate(scenario.endings))
        else:  # the parts that are valid on their own are still checked together
            meters = self._valid_items("meters", Meter)
            raw = self.data.get("meters")
            named = {k: None for k in raw if isinstance(k, str)} if isinstance(raw, dict) else {}
            self.broken_meters = [m for m in named if m not in meters]
            events = self._valid_list("events", Event)
            endings = self._valid_list("endings", Ending)
        self._check_meters(meters)
        event_index = self._check_event_ids(events)
        flags = self._collect_flags(events)
        self.names = Names(
            meters={m: i for i, m in enumerate([*meters, *self.broken_meters])},
            flags={f: i for i, f in enumerate(flags)},
            events=event_index,
        )
        for number, event in events:
            self._check_event(number, event, {*meters, *self.broken_meters}, event_index)
        self._check_endings(endings)
        self._check_glossary()
        self._check_texts(events, endings)

    def _check_texts(self, events: Sequence[tuple[int, Event]],
                     endings: Sequence[tuple[int, Ending]]) -> None:
        """Every text that adapts to the game, parsed once; each problem at its line and
        column inside the text."""
        for path, text in adaptive_texts(events, endings):
            if not has_markup(text):
                continue
            parsed = parse_text(text, self.names)
            if isinstance(parsed, Template):
                self.templates[path] = parsed
                continue
            for issue in parsed:
                line, col = self.source.inside_text(path, text, issue.offset)
                self.problems.append(Problem(self.source.file, line, col, issue.message))

    def _valid_items(self, key: str, model: type[BaseModel]) -> dict[str, Any]:
        raw = self.data.get(key)
        if not isinstance(raw, dict):
            return {}
        valid = {}
        for name, value in raw.items():
            checked = _validate_pruned(model, value)
            if checked is not None:
                valid[name] = checked
        return valid

    def _valid_list(self, key: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
        raw = self.data.get(key)
        if not isinstance(raw, list):
            return []
        valid = []
        for number, value in enumerate(raw):
            checked = _validate_pruned(model, value)
            if checked is not None:
                valid.append((number, checked))
        return valid

    def _check_meters(self, meters: dict[str, Meter]) -> None:
        self.meter_ranges = {name: (m.min, m.max) for name, m in meters.items()}
        for name, meter in meters.items():
            path = ("meters", name)
            if name in RESERVED_NAMES:
                self.error(path, f"'{name}' is a reserved word and cannot name a meter", key=True)
            if meter.min >= meter.max:
                self.error((*path, "max"), f"meter '{name}': max ({meter.max}) must be greater "
                                           f"than min ({meter.min})")
            elif not meter.min <= meter.start <= meter.max:
                self.error((*path, "start"), f"meter '{name}': start ({meter.start}) must be "
                                             f"between min ({meter.min}) and max ({meter.max})")

    def _check_event_ids(self, events: Sequence[tuple[int, Event]]) -> dict[str, int]:
        index: dict[str, int] = {}
        first_line: dict[str, int] = {}
        for number, event in events:
            line = self.source.where(("events", number, "id"))[0]
            if event.id in first_line:
                first = first_line[event.id]
                self.error(("events", number, "id"),
                           f"duplicate event id '{event.id}' (first at line {first})")
                continue
            first_line[event.id] = line
            index[event.id] = number
        # Columns follow file order so saves and compiled arrays agree with the file.
        return {event_id: column for column, event_id in enumerate(index)}

    def _collect_flags(self, events: Sequence[tuple[int, Event]]) -> list[str]:
        """Declared flags first, then every flag an option, outcome or consequence sets/clears."""
        flags = dict.fromkeys(self.data.get("flags") or {} if isinstance(
            self.data.get("flags"), dict) else {})
        for _, event in events:
            for option in event.options:
                for holder in _flag_holders(option):
                    flags.update(dict.fromkeys(holder.flags_on))
                    flags.update(dict.fromkeys(holder.clear))
        return [f for f in flags if isinstance(f, str)]

    def _check_event(self, number: int, event: Event, meters: set[str],
                     events: dict[str, int]) -> None:
        path: YamlPath = ("events", number)
        self.event_when.append(self._condition((*path, "when"), event.when))
        self._check_asset_path((*path, "image"), event.image)
        self._check_asset_path((*path, "sound"), event.sound)
        seen_options: dict[str, int] = {}
        conditions: list[Condition | None] = []
        for k, option in enumerate(event.options):
            opt_path = (*path, "options", k)
            if option.id in seen_options:
                line = seen_options[option.id]
                self.error((*opt_path, "id"),
                           f"duplicate option id '{option.id}' in event '{event.id}' "
                           f"(first at line {line})")
            else:
                seen_options[option.id] = self.source.where((*opt_path, "id"))[0]
            conditions.append(self._condition((*opt_path, "when"), option.when))
            self._check_effects(opt_path, option, meters, events)
            if option.chance:
                self._check_chance(opt_path, option.chance, meters, events)
        self.option_when.append(tuple(conditions))

    def _check_effects(self, path: YamlPath, holder: Option | ChanceOutcome | Later,
                       meters: set[str], events: dict[str, int]) -> None:
        for meter in holder.effects:
            if meter not in meters:
                self.error((*path, "effects", meter),
                           f"unknown meter '{meter}'{did_you_mean(meter, meters)}", key=True)
        for j, item in enumerate(holder.set):
            for meter, value in (item.items() if isinstance(item, dict) else ()):
                if meter not in meters:
                    self.error((*path, "set", j, meter),
                               f"unknown meter '{meter}'{did_you_mean(meter, meters)}", key=True)
                elif meter in self.meter_ranges:
                    low, high = self.meter_ranges[meter]
                    if not low <= value <= high:
                        self.error((*path, "set", j, meter), f"meter '{meter}' goes from {low} "
                                                             f"to {high}; it cannot be set to "
                                                             f"{value}")
        both = set(holder.flags_on) & set(holder.clear)
        for flag in sorted(both):
            self.error((*path, "clear"), f"flag '{flag}' is both set and cleared here")
        for j, later in enumerate(getattr(holder, "later", [])):
            later_path = (*path, "later", j)
            if later.event is None and not (later.effects or later.set or later.clear):
                self.error(later_path, "a 'later' entry needs 'event' (a follow-up card) or "
                                       "'effects', 'set' or 'clear' (a delayed consequence)")
            if later.event is not None and later.event not in events:
                self.error((*later_path, "event"), f"unknown event '{later.event}'"
                                                   f"{did_you_mean(later.event, events)}")
            self._check_effects(later_path, later, meters, events)

    def _check_chance(self, path: YamlPath, chance: list[ChanceOutcome], meters: set[str],
                      events: dict[str, int]) -> None:
        total = math.fsum(outcome.p for outcome in chance)
        if abs(total - 1.0) > PROBABILITY_TOLERANCE:
            self.error((*path, "chance"),
                       f"chance probabilities add up to {total:g}; they must add up to 1")
        for j, outcome in enumerate(chance):
            self._check_effects((*path, "chance", j), outcome, meters, events)

    def _check_endings(self, endings: Sequence[tuple[int, Ending]]) -> None:
        first_line: dict[str, int] = {}
        fallbacks = []
        for number, ending in endings:
            path: YamlPath = ("endings", number)
            if ending.id in first_line:
                self.error((*path, "id"), f"duplicate ending id '{ending.id}' (first at line "
                                          f"{first_line[ending.id]})")
            else:
                first_line[ending.id] = self.source.where((*path, "id"))[0]
            self._check_asset_path((*path, "sound"), ending.sound)
            if ending.fallback:
                fallbacks.append(number)
                if ending.when is not None:
                    self.error((*path, "when"), "a fallback ending has no 'when': it is the "
                                                "ending when no other one matches")
                if ending.final:
                    self.error((*path, "final"), "a fallback ending is not also 'final'")
                self.ending_when.append(None)
                continue
            if ending.when is None:
                self.error(path, f"ending '{ending.id}' needs 'when' (or 'fallback: true')")
            self.ending_when.append(self._condition((*path, "when"), ending.when))
        if endings and not fallbacks and isinstance(self.data.get("endings"), list):
            self.error(("endings",), "no fallback ending: mark one ending 'fallback: true' so "
                                     "every game ends with a named ending", key=True)
        for number in fallbacks[1:]:
            self.error(("endings", number, "fallback"),
                       f"more than one fallback ending (the first is ending "
                       f"'{dict(endings)[fallbacks[0]].id}')")

    def _check_glossary(self) -> None:
        glossary = self.data.get("glossary")
        if isinstance(glossary, dict):
            for term in glossary:
                if not str(term).strip():
                    self.error(("glossary", term), "a glossary term cannot be empty", key=True)

    def _check_asset_path(self, path: YamlPath, name: str | None) -> None:
        if name is None:
            return
        pure = PurePosixPath(name.replace("\\", "/"))
        if not name.strip() or pure.is_absolute() or ".." in pure.parts or ":" in name:
            self.error(path, f"{path[-1]} '{name}' must be a relative path inside assets/ or "
                             "the scenario's folder, without '..'")

    def _condition(self, path: YamlPath, text: str | bool | None) -> Condition | None:
        if text is None:
            return None
        result = compile_condition(text, self.names)
        if isinstance(result, list):
            for issue in result:
                line, col = self.source.inside_text(path, str(text), issue.offset)
                self.problems.append(Problem(self.source.file, line, col, issue.message))
            return None
        return result


# pydantic names the members of a union at the end of an error's place ('str', 'bool',
# 'constrained-str', 'dict[...]'): they are types, not keys of the file
_UNION_MEMBER = re.compile(r"^(str|bool|int|float|constrained-\w+|(dict|list|function-\w+)\[.*)$")
_EITHER = {  # what a value that may be one of two things must be, in the designer's words
    "when": "a condition (text) or true/false",
    "set": "a flag id (lowercase letters, digits and underscores, starting with a letter) "
           "or a meter set to a value, as {meter: value}",
}


def validation_problems(errors: list[Any], source: SourceMap, model: type[BaseModel],
                        patterns: Mapping[str, str] | None = None) -> list[Problem]:
    """Every pydantic error of a file, in the designer's words: the errors of one value that
    fits none of the types a union allows are said once, as what it must be; `patterns` says
    what a value written against each of the model's own patterns must look like."""
    problems: list[Problem] = []
    unions: set[tuple[Any, ...]] = set()
    for item in errors:
        loc = tuple(item["loc"])
        if not (loc and isinstance(loc[-1], str) and _UNION_MEMBER.match(loc[-1])):
            problems.append(validation_problem(item, source, model, patterns))
        elif loc[:-1] not in unions:
            unions.add(loc[:-1])
            name = _label(loc[:-1])
            must = _EITHER.get(name, "one of the kinds of value it allows")
            problems.append(source.problem(loc[:-1], f"'{name}' must be {must}, not "
                                                     f"{_describe_value(item.get('input'))}"))
    return problems


def validation_problem(item: Any, source: SourceMap, model: type[BaseModel],
                       patterns: Mapping[str, str] | None = None) -> Problem:
    """One pydantic error of a file read into `model`, in the designer's words, at its place
    in the file (scenario files and their translations alike)."""
    loc: tuple[str | int, ...] = tuple(item["loc"])
    kind = item["type"]
    ctx = item.get("ctx") or {}
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    name = _label(loc)
    given = item.get("input")
    if kind == "missing":
        return source.problem(loc[:-1], f"missing required key '{loc[-1]}'")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        return source.problem(
            loc, f"unknown key '{loc[-1]}'{did_you_mean(str(loc[-1]), allowed)}", key=True)
    if is_key and kind == "string_pattern_mismatch":
        return source.problem(
            loc, f"'{loc[-1]}' is not a valid id: use lowercase letters, digits and "
                 "underscores, starting with a letter", key=True)
    if kind == "string_pattern_mismatch" and patterns and ctx.get("pattern") in patterns:
        return source.problem(loc, f"'{name}': {_describe_value(given)} "
                                   f"{patterns[ctx['pattern']]}")
    message = _message_for(kind, name, given, ctx, item.get("msg", ""))
    return source.problem(loc, message, key=is_key)


def _validate_pruned(model: type[BaseModel], value: Any, attempts: int = 4) -> Any:
    """Validate `value`, dropping the parts that already failed (their problems are reported),
    so the rest of an event can still be checked against the whole file."""
    try:
        return model.model_validate(value)
    except ValidationError:
        data = copy.deepcopy(value)  # only the broken parts are copied and pruned
    for _ in range(attempts):
        try:
            return model.model_validate(data)
        except ValidationError as err:
            removed = False
            for item in sorted(err.errors(), key=lambda e: len(e["loc"]), reverse=True):
                removed |= _remove_at(data, tuple(p for p in item["loc"] if p != "[key]"))
            if not removed:
                return None
    return None


def _remove_at(data: Any, loc: tuple[str | int, ...]) -> bool:
    """Delete the value at `loc` in nested dicts/lists; True when something was removed."""
    if not loc:
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if isinstance(parent, dict) and last in parent:
        del parent[last]
        return True
    if isinstance(parent, list) and isinstance(last, int) and 0 <= last < len(parent):
        del parent[last]
        return True
    return False


def _flag_holders(option: Option) -> Iterator[Option | ChanceOutcome | Later]:
    """Every part of an option that can set or clear flags."""
    yield option
    yield from option.later
    for outcome in option.chance:
        yield outcome
        yield from outcome.later


def _label(loc: tuple[str | int, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "value"


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model at `loc` accepts, for did-you-mean hints on unknown keys."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part)
            if info is None:
                return []
            current = info.annotation
        elif get_origin(current) is list and isinstance(part, int):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and Optional[...] around a model or container type."""
    while True:
        args = get_args(annotation)
        if hasattr(annotation, "__metadata__"):
            annotation = args[0]
            continue
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if get_origin(annotation) not in (list, dict) and models:
            annotation = models[0]
            continue
        return annotation


_TYPE_WORDS = {
    "int_type": "a whole number", "int_parsing": "a whole number", "float_type": "a number",
    "float_parsing": "a number", "string_type": "text", "bool_type": "true or false",
    "list_type": "a list", "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of keys to values", "model_attributes_type":
        "a mapping of keys to values",
}


_OLD_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _yaml_habit(kind: str, given: Any) -> str:
    """A hint when a value is what an older YAML (1.1) would have read differently: the game
    reads YAML 1.2, as editors do."""
    if not isinstance(given, str):
        return ""
    if kind == "bool_type" and given.lower() in _OLD_BOOLEANS:
        return " (YAML 1.2, which the game and editors read, takes yes, no, on and off as text)"
    if kind in ("int_type", "int_parsing", "float_type", "float_parsing"):
        if "_" in given and given.replace("_", "").lstrip("+-").replace(".", "", 1).isdigit():
            return f" (write {given.replace('_', '')}: YAML 1.2 has no '_' in numbers)"
        if ":" in given and given.replace(":", "").replace(".", "", 1).isdigit():
            return " (YAML 1.2 has no 1:30-style numbers: write the number itself)"
    return ""


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


_ID = "is not a valid id: use lowercase letters, digits and underscores, starting with a letter"
_PATTERN_WORDS = {  # what a value written against a pattern must look like, by pattern
    ID_PATTERN: _ID,
    SCENARIO_ID_PATTERN: "is not a valid id: use lowercase letters, digits, underscores and "
                         "hyphens, starting with a letter",
    DATE_PATTERN: "is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (such as 2019, 2019-03 or "
                  "2019-03-01)",
}


def _message_for(kind: str, name: str, given: Any, ctx: dict[str, Any], fallback: str) -> str:
    if kind in _TYPE_WORDS:
        return f"'{name}' must be {_TYPE_WORDS[kind]}, not {_describe_value(given)}" + \
            _yaml_habit(kind, given)
    if kind == "finite_number":
        return f"'{name}' must be a finite number, not {_describe_value(given)}"
    if kind == "literal_error":
        return f"'{name}' must be {ctx.get('expected')}, not {_describe_value(given)}"
    if kind == "string_pattern_mismatch":
        words = _PATTERN_WORDS.get(str(ctx.get("pattern")), _ID)
        return f"'{name}': {_describe_value(given)} {words}"
    if kind == "value_error" and ctx.get("error") is not None:  # a validator of the model
        return f"'{name}': {ctx['error']}"
    bounds = {"greater_than_equal": ("at least", "ge"), "less_than_equal": ("at most", "le"),
              "greater_than": ("greater than", "gt"), "less_than": ("less than", "lt")}
    if kind in bounds:
        words, key = bounds[kind]
        return f"'{name}' must be {words} {ctx.get(key):g}, not {_describe_value(given)}"
    if kind == "too_short":
        return f"'{name}' needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        if isinstance(given, str):
            return f"'{name}' is too long (at most {ctx.get('max_length')} characters)"
        return f"'{name}' has too many items (at most {ctx.get('max_length')})"
    return f"'{name}': {fallback[:1].lower()}{fallback[1:]}"


def adaptive_texts(events: Sequence[tuple[int, Event]],
                   endings: Sequence[tuple[int, Ending]]) -> Iterator[tuple[YamlPath, str]]:
    """The texts that may adapt to the game: a card's text, outcomes, consequences' texts and
    endings' texts (titles and labels stay as written: reports and debriefs quote them)."""
    for number, event in events:
        path: YamlPath = ("events", number)
        yield (*path, "text"), event.text
        for k, option in enumerate(event.options):
            at: YamlPath = (*path, "options", k)
            yield (*at, "outcome"), option.outcome
            for j, later in enumerate(option.later):
                yield (*at, "later", j, "text"), later.text
            for c, outcome in enumerate(option.chance):
                yield (*at, "chance", c, "outcome"), outcome.outcome
                for j, later in enumerate(outcome.later):
                    yield (*at, "chance", c, "later", j, "text"), later.text
    for number, ending in endings:
        yield ("endings", number, "text"), ending.text

"""Translated scenarios: a text-only file beside a scenario (`tutorial.hi.yaml` beside
`tutorial.yaml`) gives its cards, options, endings, meters and glossary in another language.

A translation holds only text. Each entry is named by where the English text stands in the
scenario, through ids (`events.s400_contract.options.sign_quietly.label`) or, for lists without
ids, 1-based positions (`events.s400_contract.advisers.2.says`, `debrief.questions.3`), and it
carries a short hash of the English it was made from:

    texts:
      events.s400_contract.title:
        hash: fobmakjl
        text: "मॉस्को का S-400 प्रस्ताव (अक्टूबर 2018)"

The file is checked as a scenario is (`file:LINE:COL`): an entry for a text the scenario does
not have is an error (with a did-you-mean), and so is a text that adapts to the game whose
markup differs from the English (`{autonomy}`, `{if ...}`, `{flags.x|...|...}`, `{one of|...}`:
the words inside are translated, the names and conditions kept); a text not translated yet,
or translated from English that has changed since (its hash no longer matches), is a warning,
and the game shows the English there. Translating never changes the rules: the translated
scenario keeps the English file's ids, conditions and fingerprint (`sha256`), so saves, class
sessions and results are the same in every language.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError

from balancing_act.io import describe
from balancing_act.scenario.glossary import terms_in
from balancing_act.scenario.loader import (
    Scenario,
    adaptive_texts,
    load_scenario,
    validation_problems,
)
from balancing_act.scenario.model import ScenarioFile, Text, _Strict
from balancing_act.scenario.problems import Problem, ScenarioError, did_you_mean
from balancing_act.scenario.text import (
    FlagChoice,
    OneOf,
    Part,
    Passage,
    Template,
    Value,
    has_markup,
    parse_text,
)
from balancing_act.scenario.yamlread import SourceMap, parse_yaml_bytes, read_file_bytes

TRANSLATION_FORMAT = 1
SOURCE_LANGUAGE = "en"  # the language scenario files are written in
HASH_LENGTH = 8
LANGUAGE = re.compile(r"^[a-z]{2,3}$")
# The texts that adapt to the game (see scenario.text): a card's text, outcomes, consequences'
# texts and endings' texts. Their markup is checked against the English's.
ADAPTIVE_KEY = re.compile(r"^(events\.[^.]+\.(text|options\.[^.]+\.(outcome|later\.\d+\.text|"
                          r"chance\.\d+\.(outcome|later\.\d+\.text)))|endings\.[^.]+\.text)$")
MAX_ENTRIES = 100_000
SAME_AS_ENGLISH_WORDS = 4  # an unchanged English text of this many words is worth a warning
COMMENT_WIDTH = 96
TOP_LEVEL = ("title", "summary", "period", "briefing", "background", "goal")


# -- the texts of a scenario -------------------------------------------------------------------

def normalised(text: str) -> str:
    """A text as players read it: paragraphs (split at blank lines) with their spaces and line
    breaks made single spaces, so re-wrapping a paragraph does not make a translation stale."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def text_hash(text: str) -> str:
    """The short hash of an English text that a translation entry records: letters only, so
    YAML always reads it as text (a hash of digits would be read as a number)."""
    digest = hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return digest.translate(_LETTERS)


def source_texts(spec: ScenarioFile) -> dict[str, str]:
    """Every text of the scenario a translation can give, by its key, in file order."""
    return dict(_texts(spec))


def _texts(spec: ScenarioFile) -> Iterator[tuple[str, str]]:
    def some(key: str, text: str) -> Iterator[tuple[str, str]]:
        if text.strip():
            yield key, text

    for name in TOP_LEVEL:
        yield from some(name, getattr(spec, name))
    for meter_id, meter in spec.meters.items():
        yield from some(f"meters.{meter_id}.label", meter.label)
        yield from some(f"meters.{meter_id}.description", meter.description)
    for flag_id, flag in spec.flags.items():
        yield from some(f"flags.{flag_id}.description", flag.description)
    for event in spec.events:
        card = f"events.{event.id}"
        yield from some(f"{card}.title", event.title)
        yield from some(f"{card}.text", event.text)
        for number, adviser in enumerate(event.advisers, start=1):
            yield from some(f"{card}.advisers.{number}.role", adviser.role)
            yield from some(f"{card}.advisers.{number}.says", adviser.says)
        for option in event.options:
            key = f"{card}.options.{option.id}"
            yield from some(f"{key}.label", option.label)
            yield from some(f"{key}.outcome", option.outcome)
            for number, result in enumerate(option.chance, start=1):
                yield from some(f"{key}.chance.{number}.outcome", result.outcome)
                for later_number, later in enumerate(result.later, start=1):
                    yield from some(f"{key}.chance.{number}.later.{later_number}.text",
                                    later.text)
            for number, later in enumerate(option.later, start=1):
                yield from some(f"{key}.later.{number}.text", later.text)
        yield from some(f"{card}.history", event.history)
    for ending in spec.endings:
        yield from some(f"endings.{ending.id}.title", ending.title)
        yield from some(f"endings.{ending.id}.text", ending.text)
    yield from some("debrief.what_happened", spec.debrief.what_happened)
    for number, question in enumerate(spec.debrief.questions, start=1):
        yield from some(f"debrief.questions.{number}", question)
    for term, meaning in spec.glossary.items():
        yield from some(f"glossary.{term}.term", term)
        yield from some(f"glossary.{term}.meaning", meaning)


def segments(key: str) -> list[str]:
    """A key's parts; a glossary term may itself contain dots ('glossary.U.S..meaning')."""
    if key.startswith("glossary."):
        term, _, field = key[len("glossary."):].rpartition(".")
        return ["glossary", term, field] if term else ["glossary", field]
    return key.split(".")


_WHAT = {"meters": "meter", "flags": "flag", "events": "card", "endings": "ending",
         "glossary": "glossary term", "options": "option", "advisers": "adviser",
         "chance": "chance result", "later": "delayed consequence", "questions": "question"}
_NUMBERED = frozenset({"advisers", "chance", "later", "questions"})


def _roles(parts: list[str]) -> list[str]:
    """What each part of a key is: a container (events), a name in it (an id or a position),
    a section (debrief) or a text field (title)."""
    roles: list[str] = []
    for index, part in enumerate(parts):
        previous = roles[-1] if roles else None
        if previous == "container":
            roles.append("name")
        elif part in _WHAT and previous in (None, "name", "section"):
            roles.append("container")
        elif index == 0 and part == "debrief":
            roles.append("section")
        else:
            roles.append("field")
    return roles


def unknown_key_message(key: str, known: Iterable[str]) -> str:
    """Why `key` names no text of the scenario: the first part of it that does not exist,
    with the nearest name that does."""
    parts = segments(key)
    tree = [segments(k) for k in known]
    prefix: list[str] = []
    for depth, part in enumerate(parts):
        below = [k for k in tree if len(k) > depth and k[:depth] == prefix]
        choices = {k[depth] for k in below}
        if part in choices:
            prefix.append(part)
            continue
        hint = did_you_mean(part, choices)
        role = _roles(below[0])[depth] if below else "field"
        holder = _holder(prefix)
        if role == "name":
            container = prefix[-1]
            shown = part if container in _NUMBERED else f"'{part}'"
            if container in _NUMBERED:
                hint = f" (there are {len(choices)}, numbered from 1)"
            where = f"{holder} has no" if holder else "there is no"
            return f"{where} {_WHAT[container]} {shown}{hint}"
        if not hint and len(choices) <= 8:
            hint = f" (it has: {', '.join(sorted(choices))})"
        if holder:
            return f"{holder} has no text '{part}'{hint}"
        return f"the scenario has no text '{part}'{hint}"
    return "the scenario has no text there"


def _holder(prefix: list[str]) -> str:
    """'card 's400_contract', option 'sign_quietly'' for a key's first parts."""
    names = []
    roles = _roles(prefix)
    for index, role in enumerate(roles):
        if role != "name":
            continue
        container, name = prefix[index - 1], prefix[index]
        shown = name if container in _NUMBERED else f"'{name}'"
        names.append(f"{_WHAT[container]} {shown}")
    if not names and prefix[:1] == ["debrief"]:
        return "the debrief"
    return ", ".join(names)


# -- the file ----------------------------------------------------------------------------------

HASH_PATTERN = rf"^[a-p]{{{HASH_LENGTH}}}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
PATTERN_WORDS = {  # for messages: what a value written against each pattern must look like
    HASH_PATTERN: f"is not a text's hash ({HASH_LENGTH} letters from a to p, as `balancing-act "
                  "translate` writes it)",
    LANGUAGE_PATTERN: "is not a language code: two or three lowercase letters, such as hi",
}
HashText = Annotated[str, StringConstraints(pattern=HASH_PATTERN)]
KeyText = Annotated[str, StringConstraints(min_length=1, max_length=600)]


class TranslationEntry(_Strict):
    """One translated text."""

    hash: HashText = Field(description="The hash of the English text this translates; "
                                       "`balancing-act translate` writes it.")
    text: Text = Field("", description="The translation; empty shows the English.")


class TranslationFile(_Strict):
    """A translation file, format 1."""

    format: Literal[1] = Field(description="The translation format version; always 1.")
    scenario: Annotated[str, StringConstraints(max_length=64)] = Field(
        description="The id of the scenario translated.")
    language: Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)] = Field(
        description="The language code, as in the file name (hi for Hindi).")
    texts: dict[KeyText, TranslationEntry] = Field(default_factory=dict,
                                                   max_length=MAX_ENTRIES)


@dataclass(frozen=True)
class Translation:
    """A translation file as read: its content and where each value stands."""

    path: Path | None
    name: str
    content: TranslationFile
    source: SourceMap

    @property
    def language(self) -> str:
        return self.content.language


def translation_path(scenario_path: Path, language: str) -> Path:
    """Where the `language` translation of a scenario lives: beside it, `NAME.LANG.yaml`."""
    return scenario_path.with_name(f"{scenario_path.stem}.{language}{scenario_path.suffix}")


def translations_beside(scenario_path: Path) -> list[tuple[str, Path]]:
    """(language, path) of every translation file beside a scenario, by language."""
    found = []
    suffix = scenario_path.suffix
    for candidate in sorted(scenario_path.parent.glob(f"{scenario_path.stem}.*{suffix}")):
        language = candidate.name[len(scenario_path.stem) + 1:-len(suffix)]
        if LANGUAGE.match(language) and candidate.is_file():
            found.append((language, candidate))
    return found


def translated_scenario_of(path: Path) -> Path | None:
    """The scenario a translation file belongs to (`tutorial.hi.yaml` -> `tutorial.yaml`),
    or None when `path` is not named like a translation of a file beside it."""
    parts = path.name.rsplit(".", 2)
    if len(parts) != 3 or not LANGUAGE.match(parts[1]):
        return None
    scenario = path.with_name(f"{parts[0]}.{parts[2]}")
    return scenario if scenario.is_file() else None


def read_translation(path: Path) -> Translation:
    """Read a translation file; ScenarioError (with positions) when it is not one."""
    name = describe(path)
    return parse_translation(read_file_bytes(path, name), name, path)


def parse_translation(raw: bytes, name: str, path: Path | None = None) -> Translation:
    data, source = parse_yaml_bytes(raw, name)
    if not isinstance(data, dict):
        raise ScenarioError([source.problem((), "a translation file is a mapping of keys "
                                                 "(format, scenario, language, texts)")])
    try:
        content = TranslationFile.model_validate(data)
    except ValidationError as err:
        raise ScenarioError(validation_problems(err.errors(include_url=False), source,
                                                TranslationFile, PATTERN_WORDS)) from None
    return Translation(path, name, content, source)


# -- checking and applying ---------------------------------------------------------------------

@dataclass(frozen=True)
class Checked:
    """What a translation gives a scenario: the texts that can be used, and every problem."""

    texts: dict[str, str]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check(scenario: Scenario, translation: Translation) -> Checked:
    """Check a translation against its scenario. Every entry that is known, filled, made from
    the current English and keeps its placeholders is usable; the rest is reported."""
    english = source_texts(scenario.file)
    source = translation.source
    content = translation.content
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str, severity: str = "error", *,
                key: bool = False) -> None:
        problems.append(source.problem(path, message, key=key, severity=severity))

    if content.scenario != scenario.id:
        problem(("scenario",), f"this translation is for scenario '{content.scenario}', but "
                               f"the scenario beside it is '{scenario.id}'")
    named = _language_in_name(translation.path)
    if named and named != content.language:
        problem(("language",), f"language '{content.language}' does not match the file name, "
                               f"which says '{named}'")
    usable: dict[str, str] = {}
    for key, entry in content.texts.items():
        where = ("texts", key)
        if key not in english:
            problem(where, f"unknown text '{key}': {unknown_key_message(key, english)}",
                    key=True)
            continue
        original = english[key]
        if not entry.text.strip():
            problem((*where, "text"), f"'{key}' is not translated yet; the English is shown: "
                                      f"{_excerpt(original)}", "warning")
            continue
        current = text_hash(original)
        if entry.hash != current:
            problem((*where, "hash"), f"'{key}': the English has changed since this was "
                                      f"translated (hash {entry.hash}, now {current}), so the "
                                      f"English is shown until the translation is brought up "
                                      f"to date and its hash set to {current}. The English now "
                                      f"reads: {_excerpt(original)}", "warning")
            continue
        if ADAPTIVE_KEY.match(key) and (has_markup(original) or has_markup(entry.text)):
            mismatch, offset = _markup_problem(scenario, original, entry.text)
            if mismatch and offset is not None:  # at its place inside the text
                line, col = source.inside_text((*where, "text"), entry.text, offset)
                problems.append(Problem(source.file, line, col, f"'{key}': {mismatch}"))
                continue
            if mismatch:
                problem((*where, "text"), f"'{key}': {mismatch}")
                continue
        if normalised(entry.text) == normalised(original) and \
                len(re.findall(r"[A-Za-z]+", original)) >= SAME_AS_ENGLISH_WORDS:
            problem((*where, "text"), f"'{key}': the text is the English unchanged", "warning")
        usable[key] = entry.text
    missing = [key for key in english if key not in content.texts]
    for key in missing:
        problem(("texts",), f"'{key}' is not translated yet; the English is shown: "
                            f"{_excerpt(english[key])}", "warning", key=True)
    problems += _glossary_problems(scenario, translation, usable)
    if content.scenario != scenario.id:
        usable = {}  # a translation of another scenario is not used at all
    return Checked(usable, sorted(problems))


def _glossary_problems(scenario: Scenario, translation: Translation,
                       usable: Mapping[str, str]) -> list[Problem]:
    """Two English terms made one, and terms on an English card that its translation does not
    contain (the card then cannot mark them)."""
    problems = []
    source = translation.source
    glossary = scenario.file.glossary
    seen: dict[str, str] = {}
    for term in glossary:
        key = f"glossary.{term}.term"
        translated = usable.get(key, term)
        if translated in seen:
            problems.append(source.problem(
                ("texts", key, "text"), f"'{key}': '{translated}' already translates the "
                                        f"glossary term '{seen[translated]}'; each term needs "
                                        "its own"))
        seen.setdefault(translated, term)
    for event in scenario.file.events:
        card = f"events.{event.id}"
        english = " ".join([event.title, event.text, *(o.label for o in event.options)])
        keys = [f"{card}.title", f"{card}.text",
                *(f"{card}.options.{o.id}.label" for o in event.options)]
        if not any(k in usable for k in keys):
            continue  # the card is shown in English, and so are its terms
        texts = [usable.get(f"{card}.title", event.title), usable.get(f"{card}.text", event.text),
                 *(usable.get(f"{card}.options.{o.id}.label", o.label) for o in event.options)]
        translated_terms = {usable.get(f"glossary.{t}.term", t): t for t in glossary}
        found = set(terms_in(" ".join(texts), translated_terms))
        for term in terms_in(english, glossary):
            mine = usable.get(f"glossary.{term}.term", term)
            if mine not in found:
                where: tuple[str | int, ...] = ("texts", f"{card}.text") \
                    if f"{card}.text" in usable else ("texts",)
                problems.append(source.problem(
                    where, f"card '{event.id}': the glossary term '{term}' is on the English "
                           f"card, but its translation '{mine}' is not in the translated card, "
                           "so the card cannot mark it", key=where == ("texts",),
                    severity="warning"))
    return problems


def _language_in_name(path: Path | None) -> str:
    if path is None:
        return ""
    parts = path.name.rsplit(".", 2)
    return parts[1] if len(parts) == 3 and LANGUAGE.match(parts[1]) else ""


def _excerpt(text: str, size: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= size else flat[: size - 3] + "...")


def _listed(found: Counter[str]) -> str:
    return ", ".join(sorted(found.elements())) or "none"


def _markup_problem(scenario: Scenario, english: str,
                    translated: str) -> tuple[str, int | None]:
    """Why a translated text that adapts to the game cannot stand for its English ("" when
    it can): its markup does not parse (with where in the text), or shows other names or
    conditions than the English."""
    parsed = parse_text(translated, scenario.names)
    if not isinstance(parsed, Template):
        return parsed[0].message, parsed[0].offset
    source = parse_text(english, scenario.names)
    wanted = _markup(source.parts) if isinstance(source, Template) else Counter()
    given = _markup(parsed.parts)
    if wanted == given:
        return "", None
    return (f"the markup differs from the English ({_listed(wanted)} there, {_listed(given)} "
            "here); keep every {...} as the English has it, translating only the words "
            "inside"), None


def _markup(parts: Iterable[Part]) -> Counter[str]:
    """The markup of a text, as the English writes it: values, flag choices, conditions and
    variants (their words are the translator's)."""
    found: Counter[str] = Counter()
    for part in parts:
        if isinstance(part, Value):
            found[f"{{{part.name}}}"] += 1
        elif isinstance(part, FlagChoice):
            found[f"{{flags.{part.flag}|...}}"] += 1
        elif isinstance(part, Passage):
            found[f"{{if {' '.join(part.condition.text.split())}}}"] += 1
            found += _markup(part.then) + _markup(part.otherwise)
        elif isinstance(part, OneOf):
            found[f"{{one of|{len(part.variants)} variants}}"] += 1
    return found


def _templates(scenario: Scenario, spec: ScenarioFile) -> dict[Any, Template]:
    """The adaptive texts of a translated scenario, parsed (its checked entries parse)."""
    templates: dict[Any, Template] = {}
    for path, text in adaptive_texts(list(enumerate(spec.events)),
                                     list(enumerate(spec.endings))):
        if has_markup(text):
            parsed = parse_text(text, scenario.names)
            if isinstance(parsed, Template):
                templates[path] = parsed
    return templates


def apply(scenario: Scenario, texts: Mapping[str, str]) -> Scenario:
    """The scenario with `texts` in place of its English; everything else (ids, numbers,
    conditions, fingerprint) unchanged."""
    if not texts:
        return scenario
    spec = scenario.file

    def text(key: str, english: str) -> str:
        return texts.get(key, english)

    meters = {meter_id: meter.model_copy(update={
        "label": text(f"meters.{meter_id}.label", meter.label),
        "description": text(f"meters.{meter_id}.description", meter.description)})
        for meter_id, meter in spec.meters.items()}
    flags = {flag_id: flag.model_copy(update={
        "description": text(f"flags.{flag_id}.description", flag.description)})
        for flag_id, flag in spec.flags.items()}
    events = []
    for event in spec.events:
        card = f"events.{event.id}"
        advisers = [adviser.model_copy(update={
            "role": text(f"{card}.advisers.{n}.role", adviser.role),
            "says": text(f"{card}.advisers.{n}.says", adviser.says)})
            for n, adviser in enumerate(event.advisers, start=1)]
        options = []
        for option in event.options:
            key = f"{card}.options.{option.id}"
            chance = [result.model_copy(update={
                "outcome": text(f"{key}.chance.{n}.outcome", result.outcome),
                "later": [later.model_copy(update={
                    "text": text(f"{key}.chance.{n}.later.{m}.text", later.text)})
                    for m, later in enumerate(result.later, start=1)]})
                for n, result in enumerate(option.chance, start=1)]
            later = [entry.model_copy(update={"text": text(f"{key}.later.{n}.text", entry.text)})
                     for n, entry in enumerate(option.later, start=1)]
            options.append(option.model_copy(update={
                "label": text(f"{key}.label", option.label),
                "outcome": text(f"{key}.outcome", option.outcome),
                "chance": chance, "later": later}))
        events.append(event.model_copy(update={
            "title": text(f"{card}.title", event.title), "text": text(f"{card}.text", event.text),
            "history": text(f"{card}.history", event.history), "advisers": advisers,
            "options": options}))
    endings = [ending.model_copy(update={
        "title": text(f"endings.{ending.id}.title", ending.title),
        "text": text(f"endings.{ending.id}.text", ending.text)}) for ending in spec.endings]
    debrief = spec.debrief.model_copy(update={
        "what_happened": text("debrief.what_happened", spec.debrief.what_happened),
        "questions": [text(f"debrief.questions.{n}", q)
                      for n, q in enumerate(spec.debrief.questions, start=1)]})
    glossary = {text(f"glossary.{term}.term", term): text(f"glossary.{term}.meaning", meaning)
                for term, meaning in spec.glossary.items()}
    top: dict[str, Any] = {name: text(name, getattr(spec, name)) for name in TOP_LEVEL}
    translated = spec.model_copy(update={
        **top, "meters": meters, "flags": flags, "events": events, "endings": endings,
        "debrief": debrief, "glossary": glossary})
    return replace(scenario, file=translated, templates=_templates(scenario, translated))


@dataclass(frozen=True)
class Translated:
    """A scenario in a player's language, with what its translation file said about itself.

    `language` is the language the scenario's own text is in: the one asked for when a
    translation file exists, else the scenario's English."""

    scenario: Scenario
    language: str
    path: Path | None
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def translate(scenario: Scenario, language: str) -> Translated:
    """`scenario` in `language` where a translation file beside it gives the text; English for
    whatever it does not (or cannot: a file with errors is used where it is sound). Never
    raises for a bad translation: the game goes on, and the problems are returned."""
    if language == SOURCE_LANGUAGE or not LANGUAGE.match(language) or scenario.path is None:
        return Translated(scenario, SOURCE_LANGUAGE, None)
    path = translation_path(scenario.path, language)
    if not path.is_file():
        return Translated(scenario, SOURCE_LANGUAGE, None)
    try:
        translation = read_translation(path)
    except ScenarioError as err:
        return Translated(scenario, SOURCE_LANGUAGE, path, tuple(err.problems))
    checked = check(scenario, translation)
    return Translated(apply(scenario, checked.texts), language, path, tuple(checked.problems))


def load_translated(path: str | Path, language: str) -> Scenario:
    """Load a scenario in `language`, as strictly as `load_scenario`: ScenarioError lists
    every error of the scenario or of its translation file."""
    scenario = load_scenario(path)
    result = translate(scenario, language)
    if result.errors:
        raise ScenarioError(result.errors)
    return result.scenario


def check_translation_file(path: Path) -> list[Problem]:
    """Every problem of a translation file, checked against the scenario beside it (the
    scenario's own errors when it does not load)."""
    name = describe(path)
    scenario_path = translated_scenario_of(path)
    if scenario_path is None:
        return [Problem(name, 1, 1, "a translation file is named like its scenario with a "
                                    "language code before the extension, e.g. "
                                    "tutorial.hi.yaml beside tutorial.yaml")]
    try:
        translation = read_translation(path)
    except ScenarioError as err:
        return list(err.problems)
    try:
        scenario = load_scenario(scenario_path)
    except ScenarioError as err:
        return [Problem(name, 1, 1, f"its scenario {describe(scenario_path)} has "
                                    f"{len(err.problems)} problem(s); fix the scenario first")]
    return check(scenario, translation).problems


# -- writing: the skeleton, and entries added after the English grew ---------------------------

def skeleton(scenario: Scenario, language: str) -> str:
    """A new translation file with every text of the scenario to fill."""
    name = scenario.path.name if scenario.path else f"{scenario.id}.yaml"
    lines = [
        f"# Balancing Act: the '{language}' text of {name}.",
        "#",
        "# Each entry under `texts` is one text of the scenario, named by where it stands in",
        "# the scenario (events.CARD.options.OPTION.label ...). Write the translation in",
        "# `text`, below the English shown in the comment. Keep `hash` as it is: it names the",
        f"# English you translated, so `balancing-act translate {name} --lang {language}` can",
        "# tell which entries the English has changed since. Keep every {placeholder} as it",
        "# is. An empty `text` is shown in English. `balancing-act validate` checks this file.",
        f"format: {TRANSLATION_FORMAT}",
        f"scenario: {scenario.id}",
        f"language: {language}",
        "texts:",
    ]
    for key, english in source_texts(scenario.file).items():
        lines += entry_lines(key, english, "", indent=2)
    return "\n".join(lines) + "\n"


def entry_lines(key: str, english: str, text: str, *, indent: int) -> list[str]:
    """One entry, with the English above it as a comment."""
    pad = " " * indent
    lines = []
    for number, paragraph in enumerate(normalised(english).split("\n\n")):
        if number:
            lines.append(f"{pad}#")
        lines += [f"{pad}# {line}" for line in textwrap.wrap(
            paragraph, COMMENT_WIDTH - indent - 2, break_long_words=False,
            break_on_hyphens=False)]
    lines.append(f"{pad}{yaml_key(key)}:")
    lines.append(f"{pad}  hash: {text_hash(english)}")
    lines += yaml_text_lines("text", text, indent + 2)
    return lines


def yaml_key(key: str) -> str:
    plain = re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.+\- ]*", key) and not key.endswith(" ") \
        and key.lower() not in ("true", "false", "yes", "no", "null", "on", "off", "~")
    return key if plain else json.dumps(key, ensure_ascii=False)


def yaml_text_lines(name: str, text: str, indent: int) -> list[str]:
    """`name: text` in YAML: a literal block for text on several lines, else a quoted line."""
    pad = " " * indent
    lines = text.rstrip("\n").split("\n")
    block = "\n" in text.strip() and text[:1] not in (" ", "\t") and all(
        c == "\n" or c.isprintable() for c in text) and "\t" not in text and \
        all(line == line.rstrip() for line in lines)  # a literal block keeps text exactly
    if not block:
        return [f"{pad}{name}: {json.dumps(text, ensure_ascii=False)}"]
    return [f"{pad}{name}: |-"] + [f"{pad}  {line}".rstrip() for line in lines]


@dataclass(frozen=True)
class Update:
    """What `add_missing` did to a translation file's text."""

    text: str
    added: list[str]


def add_missing(scenario: Scenario, translation: Translation, raw: str) -> Update:
    """The translation file's text with an entry to fill for every text of the scenario it
    lacks, added at the end of `texts`; nothing already in the file is changed."""
    english = source_texts(scenario.file)
    missing = [key for key in english if key not in translation.content.texts]
    if not missing:
        return Update(raw, [])
    source = translation.source
    if not translation.content.texts:  # `texts: {}` or no `texts`: a fresh one at the end
        texts_line = source.keys.get(("texts",), (0, 0))[0]
        kept = [line for number, line in enumerate(raw.rstrip("\n").splitlines(), start=1)
                if number != texts_line]
        body = ["texts:"] + [line for key in missing
                             for line in entry_lines(key, english[key], "", indent=2)]
        return Update("\n".join([*kept, *body]) + "\n", missing)
    top_lines = [line for path, (line, _) in source.keys.items() if len(path) == 1]
    if source.keys[("texts",)][0] != max(top_lines):
        raise ScenarioError([source.problem(
            ("texts",), "new entries are added at the end of the file, so `texts` must be "
                        "the file's last key; move it to the end and run translate again",
            key=True)])
    first = next(iter(translation.content.texts))
    indent = source.keys[("texts", first)][1] - 1
    lines = [f"{' ' * indent}# -- new in the English since this file was last updated"]
    for key in missing:
        lines += entry_lines(key, english[key], "", indent=indent)
    ending = "" if raw.endswith("\n") else "\n"
    return Update(raw + ending + "\n".join(lines) + "\n", missing)

"""Warnings about a scenario that loads but will play badly: cards, options and endings that
can never come up, meters and flags that do nothing, missing files, text too long for a card,
repeated text, and a turn count the cards cannot fill.

Each warning is a `Problem` with severity "warning" and the position of what it is about.
`validate` prints them beside the errors; `validate --strict` makes them fail.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from balancing_act.errors import ReadError
from balancing_act.io import MB, read_image
from balancing_act.resources import find_asset
from balancing_act.scenario.conditions import Condition
from balancing_act.scenario.figures import AUTONOMY_GAP_WARNING, SEESAW_WARNING, trust_figures
from balancing_act.scenario.glossary import terms_in
from balancing_act.scenario.intervals import Domain, Span, possible_values
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import ChanceOutcome, Later, Option
from balancing_act.scenario.problems import Problem
from balancing_act.scenario.timing import (
    Sending,
    Timing,
    always_within,
    at_turn,
    card_timing,
    start_domain,
    turns_in_words,
)
from balancing_act.scenario.yamlread import YamlPath

# What a card shows without scrolling at the smallest window size (1024x600).
MAX_TITLE = 70
MAX_CARD_TEXT = 700
MAX_LABEL = 80
MAX_OUTCOME = 500


def lint(scenario: Scenario) -> list[Problem]:
    """Every warning for a scenario that has already loaded without errors."""
    return sorted(_Linter(scenario).run())


class _Linter:
    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.spec = scenario.file
        self.warnings: list[Problem] = []
        self._holder_list: list[tuple[YamlPath, Option | ChanceOutcome | Later]] | None = None
        self.flags_set, self.flags_cleared = self._flag_writers()
        self.flags_read = {f for c in self._conditions() for f in c.flags_read}
        self.domain = self._domain()

    def warn(self, path: YamlPath, message: str, *, key: bool = False) -> None:
        self.warnings.append(self.scenario.source.problem(path, message, key=key,
                                                          severity="warning"))

    def run(self) -> list[Problem]:
        self.check_conditions()
        self.check_meters()
        self.check_flags()
        self.check_files()
        self.check_text()
        self.check_turns()
        self.check_options()
        self.check_debrief()
        self.check_history_markers()
        self.check_balance()
        self.check_timing()
        return self.warnings

    # -- helpers ---------------------------------------------------------------------------

    def _holders(self) -> list[tuple[YamlPath, Option | ChanceOutcome | Later]]:
        """Every option, chance outcome and `later` entry, with its path in the file (listed
        once: several checks walk them)."""
        if self._holder_list is None:
            self._holder_list = list(self._walk_holders())
        return self._holder_list

    def _walk_holders(self) -> Iterator[tuple[YamlPath, Option | ChanceOutcome | Later]]:
        for e, event in enumerate(self.spec.events):
            for k, option in enumerate(event.options):
                path: YamlPath = ("events", e, "options", k)
                yield path, option
                for j, later in enumerate(option.later):
                    yield (*path, "later", j), later
                for c, outcome in enumerate(option.chance):
                    yield (*path, "chance", c), outcome
                    for j, later in enumerate(outcome.later):
                        yield (*path, "chance", c, "later", j), later

    def _flag_writers(self) -> tuple[set[str], set[str]]:
        sets, clears = set(), set()
        for _, holder in self._holders():
            sets.update(holder.flags_on)
            clears.update(holder.clear)
        return sets, clears

    def _conditions(self) -> Iterator[Condition]:
        s = self.scenario
        for condition in (*s.event_when, *(c for row in s.option_when for c in row),
                          *s.ending_when):
            if condition is not None:
                yield condition

    def _domain(self) -> Domain:
        flags = {}
        for name in self.scenario.flag_ids:
            start = self.spec.flags[name].start if name in self.spec.flags else False
            values = {start}
            if name in self.flags_set:
                values.add(True)
            if name in self.flags_cleared:
                values.add(False)
            flags[name] = frozenset(values)
        return Domain(
            meters={m: Span(float(v.min), float(v.max)) for m, v in self.spec.meters.items()},
            turn=Span(1.0, float(self.spec.turns)),
            flags=flags)

    def never(self, text: str | bool | None) -> bool:
        return text is not None and possible_values(text, self.domain) == {False}

    def never_after(self, text: str | bool | None, sending: Sending) -> bool:
        """`text` can never hold once the decision that sends `sending` has been taken (its
        flags as that decision leaves them; a later decision could change them back, so this
        is a designer's exclusion, not a proof)."""
        return text is not None and possible_values(
            text, sending.after_decision(self.domain)) == {False}

    # -- checks ----------------------------------------------------------------------------

    def _sent_events(self) -> set[str]:
        """Events that some `later` entry sends as a follow-up card."""
        return {holder.event for _, holder in self._holders()
                if isinstance(holder, Later) and holder.event}

    def check_conditions(self) -> None:
        sent = self._sent_events()
        for e, event in enumerate(self.spec.events):
            if self.never(event.when) and _reads_turn(event.when):
                self.warn(("events", e, "when"), f"event '{event.id}' can never appear: its "
                                                 "condition can never hold on turns 1-"
                                                 f"{self.spec.turns}")
            elif self.never(event.when):
                self.warn(("events", e, "when"), f"event '{event.id}' can never appear: its "
                                                 "condition can never hold")
            elif event.weight == 0 and event.id not in sent:
                self.warn(("events", e, "weight"), f"event '{event.id}' has weight 0 and no "
                                                   "'later' entry sends it: it can never appear")
            for k, option in enumerate(event.options):
                if self.never(option.when):
                    self.warn(("events", e, "options", k, "when"),
                              f"option '{option.id}' of event '{event.id}' is never available: "
                              "its condition can never hold")
        for n, ending in enumerate(self.spec.endings):
            if ending.final:
                final = replace(self.domain, turn=Span(float(self.spec.turns + 1),
                                                       float(self.spec.turns + 1)))
                if ending.when is not None and possible_values(ending.when, final) == {False}:
                    self.warn(("endings", n, "when"), f"ending '{ending.id}' can never be "
                                                      "reached: its condition can never hold")
                continue
            if self.never(ending.when):
                self.warn(("endings", n, "when"), f"ending '{ending.id}' can never be reached: "
                                                  "its condition can never hold")
            elif (ending.when is not None and not ending.final
                  and possible_values(ending.when, self.domain) == {True}):
                self.warn(("endings", n, "when"), f"ending '{ending.id}' always holds: every "
                                                  "game would end after its first decision")

    def check_meters(self) -> None:
        moved = {m for _, holder in self._holders()
                 for m in (*holder.effects, *holder.meter_values)}
        for name in self.spec.meters:
            if name not in moved:
                self.warn(("meters", name), f"meter '{name}' never changes: no option, chance "
                                            "result or consequence has an effect on it",
                          key=True)

    def check_flags(self) -> None:
        for name in self.scenario.flag_ids:
            declared = name in self.spec.flags
            path: YamlPath = ("flags", name) if declared else self._first_writer(name)
            if name in self.spec.meters:  # `set: [autonomy]` switches on a flag
                self.warn(path, f"flag '{name}' has the name of a meter; to set the meter to "
                                f"a value, write `set: [{{{name}: VALUE}}]`", key=declared)
            written = name in self.flags_set or name in self.flags_cleared
            if name not in self.flags_read and written:
                self.warn(path, f"flag '{name}' is set or cleared but no condition reads it",
                          key=declared)
            elif name not in self.flags_read:
                self.warn(path, f"flag '{name}' is declared but never used", key=True)
            elif len(self.domain.flags[name]) == 1:
                value = "true" if True in self.domain.flags[name] else "false"
                self.warn(path, f"flag '{name}' is read but nothing changes it: it is always "
                                f"{value}", key=declared)

    def _first_writer(self, flag: str) -> YamlPath:
        for path, holder in self._holders():
            if flag in holder.flags_on:
                return (*path, "set")
            if flag in holder.clear:
                return (*path, "clear")
        return ("flags",)

    def check_files(self) -> None:
        """Images and sounds exist, and are what they claim: a picture of at most 4096x4096
        pixels (checked from its header, never decoded here) or a sound pygame can play. A
        file that is there but unusable is an error: the game would skip it."""
        folder = self.scenario.folder
        checked: dict[str, str] = {}
        places: list[tuple[YamlPath, str, str]] = []
        for e, event in enumerate(self.spec.events):
            for key in ("image", "sound"):
                name = getattr(event, key)
                if name:
                    places.append((("events", e, key), key, name))
        for n, ending in enumerate(self.spec.endings):
            if ending.sound:
                places.append((("endings", n, "sound"), "sound", ending.sound))
        for path, key, name in places:
            found = find_asset(name, folder)
            if found is None:
                self.warn(path, f"{key} '{name}' is not in assets/ or the scenario's folder")
                continue
            if str(found) not in checked:
                checked[str(found)] = _asset_problem(found, key)
            if checked[str(found)]:
                self.warnings.append(self.scenario.source.problem(
                    path, f"{key} '{name}': {checked[str(found)]}", severity="error"))

    def check_text(self) -> None:
        first_text: dict[str, str] = {}
        for e, event in enumerate(self.spec.events):
            path: YamlPath = ("events", e)
            self._length((*path, "title"), event.title, MAX_TITLE, "title")
            self._length((*path, "text"), event.text, MAX_CARD_TEXT, "card text")
            normal = " ".join(event.text.split())
            if normal in first_text:
                self.warn((*path, "text"), f"event '{event.id}' has the same text as event "
                                           f"'{first_text[normal]}'")
            else:
                first_text[normal] = event.id
            labels = Counter(o.label for o in event.options)
            for k, option in enumerate(event.options):
                opt_path = (*path, "options", k)
                self._length((*opt_path, "label"), option.label, MAX_LABEL, "option label")
                self._length((*opt_path, "outcome"), option.outcome, MAX_OUTCOME, "outcome")
                if labels[option.label] > 1:
                    self.warn((*opt_path, "label"), f"two options of event '{event.id}' have "
                                                    f"the label '{option.label}'")
                    labels[option.label] = 0

    def _length(self, path: YamlPath, text: str, limit: int, what: str) -> None:
        template = self.scenario.template(path)
        length = template.longest() if template is not None else len(text)
        if length > limit:
            can = "can be " if template is not None else ""
            self.warn(path, f"{what} {can}is {length} characters; a card shows at most "
                            f"{limit}")

    def check_turns(self) -> None:
        repeats = any(not e.once and e.weight > 0 for e in self.spec.events)
        sent = self._sent_events()
        drawable = [e for e in self.spec.events if e.weight > 0 or e.id in sent]
        if not repeats and len(drawable) < self.spec.turns:
            self.warn(("turns",), f"turns is {self.spec.turns} but at most {len(drawable)} "
                                  "cards can be shown (none repeats): games end early")

    def check_options(self) -> None:
        used = {o.use for e in self.spec.events for o in e.options}
        for name in self.spec.templates:
            if name not in used:  # its keys are checked only where an option takes them
                self.warn(("templates", name), f"template '{name}' is not used by any option "
                                               "(`use: " + name + "`); its keys are checked "
                                               "only where an option uses it", key=True)
        for e, event in enumerate(self.spec.events):
            if len(event.options) > 1 and all(o.when is not None for o in event.options):
                self.warn(("events", e, "options"), f"every option of event '{event.id}' has "
                                                    "a condition; when none holds, the first "
                                                    "is offered anyway")
            for k, option in enumerate(event.options):
                if len(option.chance) == 1:
                    self.warn(("events", e, "options", k, "chance"),
                              "a chance list with one result is not uncertain; put its "
                              "effects on the option")

    def check_debrief(self) -> None:
        for e, event in enumerate(self.spec.events):
            if not event.history.strip():
                self.warn(("events", e, "id"), f"event '{event.id}' has no 'history': the "
                                               "debrief cannot say what really happened")
        if not self.spec.debrief.questions:
            where = ("debrief",) if ("debrief",) in self.scenario.source.keys else ("format",)
            self.warn(where, "the debrief has no discussion questions", key=True)
        spec = self.spec
        texts = [spec.title, spec.summary, spec.briefing, spec.goal,
                 spec.debrief.what_happened, *spec.debrief.questions,
                 *(m.label + " " + m.description for m in spec.meters.values()),
                 *(e.text + " " + e.title + " " + e.history for e in spec.events),
                 *(o.label + " " + o.outcome for e in spec.events for o in e.options),
                 *(n.title + " " + n.text for n in spec.endings)]
        used = set(terms_in("\n".join(texts), spec.glossary))
        for term in spec.glossary:
            if term not in used:
                self.warn(("glossary", term), f"glossary term '{term}' appears nowhere in the "
                                              "scenario's text", key=True)

    def check_history_markers(self) -> None:
        for e, event in enumerate(self.spec.events):
            marked = [k for k, o in enumerate(event.options) if o.historical]
            for k in marked[1:]:
                self.warn(("events", e, "options", k, "historical"),
                          f"event '{event.id}' marks more than one option 'historical: true'; "
                          "mark the one India took")
            for k, option in enumerate(event.options):
                path: YamlPath = ("events", e, "options", k)
                texts = [((*path, "outcome"), option.outcome)] + [
                    ((*path, "chance", c, "outcome"), o.outcome)
                    for c, o in enumerate(option.chance)]
                telling = [where for where, text in texts if _TELLS_HISTORY.search(text)]
                if telling:
                    self.warn(telling[0],
                              f"option '{option.id}' says in its outcome that India did this; "
                              "mark it 'historical: true' instead, so the session decides "
                              "when students learn what India did")

    def check_balance(self) -> None:
        figures = trust_figures(self.spec)
        if figures is None:
            partners = [m for m, v in self.spec.meters.items() if v.role == "partner"]
            if partners:
                self.warn(("meters", partners[0], "role"),
                          f"{len(partners)} meter(s) have 'role: partner'; the balance figures "
                          "need exactly two")
            return
        where: YamlPath = ("meters", figures.partners[0], "role")
        if figures.moving and figures.seesaw_share > SEESAW_WARNING:
            self.warn(where, f"{figures.seesaw_share:.0%} of the options that move trust move "
                             f"'{figures.partners[0]}' and '{figures.partners[1]}' in opposite "
                             "directions: the scenario teaches a seesaw (at most "
                             f"{SEESAW_WARNING:.0%}); give cards options that build or cost both")
        gap = figures.autonomy_gap
        if gap is not None and abs(gap) > AUTONOMY_GAP_WARNING:
            favoured = figures.partners[0] if gap < 0 else figures.partners[1]
            self.warn(("meters", figures.autonomy or figures.partners[0], "role"),
                      f"options favouring '{favoured}' cost {abs(gap):.1f} more autonomy on "
                      f"average than those favouring the other partner (at most "
                      f"{AUTONOMY_GAP_WARNING:g}): dependence on either should cost the same")


    # -- timing ----------------------------------------------------------------------------

    def check_timing(self) -> None:
        """The mistakes about when things happen, each named with its cause."""
        timing = card_timing(self.spec, self.domain)
        self._lost_turns(timing)
        self._follow_ups_drawn_early()
        self._endings_at_start()
        self._due_after_the_end(timing)
        self._hidden_endings()

    def _lost_turns(self, timing: Timing) -> None:
        """A card that is the only one for its turns (a fixed-turn card) loses them to a
        follow-up due then: follow-ups come first, and afterwards its turn has passed. Cards
        that share their turns with others are a pool by design and are not reported."""
        for e, event in enumerate(self.spec.events):
            drawn = timing.drawn[event.id]
            if not drawn or len(drawn) == self.spec.turns or event.when is None:
                continue
            others = set().union(*(turns for card, turns in timing.drawn.items()
                                   if card != event.id))
            if drawn & others:
                continue
            for index, sending in enumerate(timing.sendings):
                target = sending.later.event
                if target is None or target == event.id:
                    continue
                clash = timing.due.get(index, set()) & timing.sent[target]
                if not clash >= drawn or self.never_after(event.when, sending):
                    continue  # the decision that sends it also rules this card out
                self.warn(("events", e, "when"),
                          f"'{event.id}' ({turns_in_words(drawn)} only) loses its turn when "
                          f"'{target}' is due on {turns_in_words(clash & drawn)}: a follow-up "
                          "comes first, and then this card's turn has passed")
                break

    def _follow_ups_drawn_early(self) -> None:
        sent = self._sent_events()
        start = at_turn(start_domain(self.spec, self.domain), 1)
        for e, event in enumerate(self.spec.events):
            if event.id in sent and event.weight > 0 and (
                    event.when is None or True in possible_values(event.when, start)):
                self.warn(("events", e, "weight") if ("events", e, "weight")
                          in self.scenario.source.keys else ("events", e, "id"),
                          f"follow-up '{event.id}' can be drawn on turn 1 before anything "
                          "sends it: give it `weight: 0`")

    def _endings_at_start(self) -> None:
        start = start_domain(self.spec, self.domain)
        for n, ending in enumerate(self.spec.endings):
            if (not ending.final and not ending.fallback and ending.when is not None
                    and possible_values(ending.when, start) == {True}
                    and possible_values(ending.when, self.domain) != {True}):
                self.warn(("endings", n, "when"),
                          f"ending '{ending.id}' holds at the start: every game whose first "
                          "decision leaves it so ends there; did you mean `final: true`?")

    def _due_after_the_end(self, timing: Timing) -> None:
        for index, sending in enumerate(timing.sendings):
            due = timing.due.get(index, set())
            if not due or min(due) <= self.spec.turns:
                continue
            what = (f"its card '{sending.later.event}' never comes" if sending.later.event
                    else "it never lands")
            self.warn((*sending.path, "after"),
                      f"the `later` of option '{sending.option}' is due on turn {min(due)}, "
                      f"after the last turn {self.spec.turns}: {what}")

    def _hidden_endings(self) -> None:
        """An ending that an earlier one always catches first is never reached: endings are
        checked in file order, the immediate ones after every decision."""
        endings = self.spec.endings
        for n, ending in enumerate(endings):
            if ending.fallback or self.never(ending.when):
                continue
            earlier = [a for a in endings[:n] if not a.fallback and a.when is not None
                       and (a.final == ending.final or not a.final)
                       and possible_values(a.when, self.domain) != {True}]  # warned already
            catcher = next((a for a in earlier
                            if always_within(ending.when, a.when, self.domain)), None)
            if catcher is not None:
                self.warn(("endings", n, "when"),
                          f"ending '{ending.id}' can never be reached: whenever it holds, the "
                          f"earlier ending '{catcher.id}' holds too (endings are checked in "
                          "file order)")


def _reads_turn(text: str | bool | None) -> bool:
    return isinstance(text, str) and re.search(r"\bturn\b", text) is not None


_TELLS_HISTORY = re.compile(r"\b(as|like) India (really |actually )?(did|does)\b|"
                            r"\bIn reality India\b", re.IGNORECASE)


SOUND_STARTS = (b"RIFF", b"OggS", b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"fLaC")


def _asset_problem(path: Path, kind: str) -> str:
    """Why an image or sound file cannot be used ('' when it can)."""
    try:
        if kind == "image":
            read_image(path)
            return ""
        with path.open("rb") as handle:
            start = handle.read(4)
        if not start.startswith(SOUND_STARTS):
            return "not a sound the game can play (WAV, OGG, MP3 or FLAC)"
        if path.stat().st_size > 8 * MB:
            return "the sound file is larger than 8 MB"
        return ""
    except ReadError as err:
        return err.detail
    except OSError as err:
        return f"cannot read it: {(err.strerror or str(err)).lower()}"

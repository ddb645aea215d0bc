"""What the scenario map shows: every card, landing consequence and ending as a node, with the
turns a card can come up on; every follow-up card, consequence, flag and `seen.` dependency as
an edge; and how often seeded random games reached each of them.

When a card can come up is worked out without playing by `scenario/timing.py`, as a game from
turn 1 plays: a card can be drawn on turn t when it has weight and its `when` can hold then, with
each flag true or false only as far as the decisions of earlier turns allow and `seen.X` only
once X could have come up; it can arrive on turn t when a decision `after` turns earlier sends
it. Like the linter's analysis this over-approximates: a turn it leaves out is a turn on which
no game can show the card.

The layout of the map depends only on this analysis of the file, so the map keeps its shape
from one run to the next; the simulation only colours it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from balancing_act.analysis.policies import random_policy
from balancing_act.analysis.simulate import CHUNK, game_seeds
from balancing_act.analysis.tally import Tally
from balancing_act.engine.batch import play_many
from balancing_act.engine.compiled import CompiledScenario, compile_scenario
from balancing_act.engine.state import BatchState
from balancing_act.scenario.intervals import Domain, Span
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import ChanceOutcome, Later, Option
from balancing_act.scenario.timing import Timing, card_timing
from balancing_act.scenario.yamlread import YamlPath

MAP_GAMES = 4_000

EdgeKind = Literal["follow_up", "lands", "flag", "seen"]
EndingKind = Literal["immediate", "final", "fallback"]
FlagAction = Literal["set", "clear"]


@dataclass(frozen=True)
class Port:
    """One end of an edge: a node (`card:ID`, `ending:ID`, `later:N`) and, inside a card, the
    row of an option (`option:K`) or of one of its chance results (`option:K/chance:J`)."""

    node: str
    row: str = ""


@dataclass(frozen=True)
class Consequence:
    """A `later` entry of an option or a chance result: a follow-up card, effects (and flag
    changes) that land, or both. `turns` are the turns it is due on; those after the last
    turn never come, because the game is over by then."""

    number: int  # its place among all `later` entries of the file (the engine's numbering)
    source: Port
    line: int
    after: int
    event: str | None
    effects: Mapping[str, int]
    assigns: Mapping[str, int]  # meters set to a value when it lands
    sets: tuple[str, ...]
    clears: tuple[str, ...]
    text: str
    turns: tuple[int, ...]
    sent: float  # share of simulated games that scheduled it
    landed: float | None  # ... in which its effects landed (None: it only sends a card)

    @property
    def key(self) -> str:
        return f"later:{self.number}"

    @property
    def lands(self) -> bool:
        """It changes meters or flags when it comes (otherwise it only sends a card)."""
        return bool(self.effects or self.assigns or self.sets or self.clears)

    def due_in_game(self, turns: int) -> tuple[int, ...]:
        return tuple(t for t in self.turns if t <= turns)


@dataclass(frozen=True)
class ChanceRow:
    """One uncertain result of an option."""

    index: int
    p: float
    line: int
    outcome: str
    effects: Mapping[str, int]
    assigns: Mapping[str, int]
    sets: tuple[str, ...]
    clears: tuple[str, ...]
    laters: tuple[Consequence, ...]
    drawn: float  # share of the simulated choices of its option that drew it


@dataclass(frozen=True)
class OptionRow:
    """An option of a card, with the turns it can be available on."""

    index: int
    id: str
    label: str
    line: int
    when: str | None
    effects: Mapping[str, int]
    assigns: Mapping[str, int]  # meters set to a value
    sets: tuple[str, ...]
    clears: tuple[str, ...]
    historical: bool
    chance: tuple[ChanceRow, ...]
    laters: tuple[Consequence, ...]
    turns: tuple[int, ...]
    picked: float  # share of the simulated games showing its card that chose it


@dataclass(frozen=True)
class CardNode:
    """A card, the turns it can come up on, and how often simulated games showed it."""

    id: str
    title: str
    line: int
    date: str | None
    weight: float
    once: bool
    when: str | None
    sent_by: tuple[int, ...]  # numbers of the `later` entries that send it
    turns: tuple[int, ...]
    never: str  # why it can never come up ("" when it can)
    reach: float  # share of simulated games that showed it
    by_turn: tuple[float, ...]  # share of simulated games showing it on turn 1, 2, ...
    options: tuple[OptionRow, ...]

    @property
    def key(self) -> str:
        return f"card:{self.id}"


@dataclass(frozen=True)
class EndingNode:
    """An ending, in the order the game checks them."""

    id: str
    title: str
    line: int
    order: int  # 1 for the first ending of the file
    kind: EndingKind
    tone: str
    when: str | None
    reach: float

    @property
    def key(self) -> str:
        return f"ending:{self.id}"


@dataclass(frozen=True)
class FlagWrite:
    """Where a flag is set or cleared: an option, a chance result or a landing consequence."""

    port: Port
    action: FlagAction
    line: int
    turns: tuple[int, ...]  # turns from which the change can count


@dataclass(frozen=True)
class FlagRead:
    """Where a flag (or, for `seen` edges, a card having been shown) is read: a card's or an
    option's `when`, or an ending's condition. `negated` when the condition asks for it not
    to hold (`not flags.x`); None when it asks both ways."""

    port: Port
    line: int
    negated: bool | None


@dataclass(frozen=True)
class FlagInfo:
    id: str
    description: str
    start: bool
    writes: tuple[FlagWrite, ...]
    reads: tuple[FlagRead, ...]


@dataclass(frozen=True)
class Edge:
    """An arrow of the map. `label` names the flag or card it depends on; `in_time` is false
    for a flag change that can only come after every turn its reader can come up on."""

    kind: EdgeKind
    source: Port
    target: Port
    label: str = ""
    in_time: bool = True


@dataclass(frozen=True)
class ScenarioMap:
    scenario_id: str
    title: str
    file: str  # the file's name as messages give it
    path: str | None  # its absolute path, for links
    turns: int
    meters: Mapping[str, str]  # id -> label
    cards: tuple[CardNode, ...]
    consequences: tuple[Consequence, ...]
    endings: tuple[EndingNode, ...]
    flags: tuple[FlagInfo, ...]
    edges: tuple[Edge, ...]
    games: int
    seed: int
    policy: str = "random"
    full_length: float = 0.0  # share of simulated games that ran every turn
    mean_decisions: float = 0.0

    def card(self, card_id: str) -> CardNode:
        return next(c for c in self.cards if c.id == card_id)


# -- what simulated games did -------------------------------------------------------------------

class MapTally(Tally):
    """The analyser's tally (with the cards shown on each turn), plus, per game, the `later`
    entries it scheduled and those whose effects landed."""

    def __init__(self, compiled: CompiledScenario, games: int) -> None:
        super().__init__(compiled, games, track_meters=False)
        entries = compiled.later_after.size
        self.sent = np.zeros((games, entries), dtype=bool)
        self.landed = np.zeros((games, entries), dtype=bool)

    def before(self, state: BatchState, slots: np.ndarray, active: np.ndarray) -> None:
        super().before(state, slots, active)
        if self.landed.shape[1]:
            self.landed[active] |= state.landed[active]

    def after(self, state: BatchState, active: np.ndarray) -> None:
        super().after(state, active)
        if self.sent.shape[1]:
            self.sent[active] |= state.scheduled[active]


@dataclass
class Observed:
    """What `games` seeded random games did, as shares of the games."""

    games: int
    seed: int
    seen: np.ndarray  # (E,) share of games
    on_turn: np.ndarray  # (E, T) share of games
    picked: np.ndarray  # (O,) share of the games showing the option's card
    drawn: np.ndarray  # (C,) share of the option's choices
    sent: np.ndarray  # (L,)
    landed: np.ndarray  # (L,)
    endings: np.ndarray  # (endings,)
    full_length: float
    mean_decisions: float
    option_number: dict[tuple[int, int], int] = field(default_factory=dict)
    outcome_number: dict[tuple[int, int, int], int] = field(default_factory=dict)


def observe(compiled: CompiledScenario, games: int, seed: int) -> Observed:
    """Play `games` seeded random games (game i is `Game(scenario, (seed << 32) + i)`), in
    chunks as the analyser does, so that memory stays bounded however many are asked for."""
    spec = compiled.scenario.file
    seen = np.zeros(len(spec.events))
    on_turn = np.zeros((spec.turns, len(spec.events)))
    picked = np.zeros(len(compiled.options) + 1)
    option_counts = np.zeros(len(compiled.options) + 1)
    outcome_counts = np.zeros(len(compiled.outcomes) + 1)
    sent = np.zeros(compiled.later_after.size)
    landed = np.zeros(compiled.later_after.size)
    endings = np.zeros(len(spec.endings))
    full_length = decisions = 0.0
    for start in range(0, games, CHUNK):
        count = min(CHUNK, games - start)
        tally = MapTally(compiled, count)
        result = play_many(compiled, game_seeds(seed, count, start), random_policy, tally)
        seen += result.seen.sum(axis=0)
        on_turn += tally.cards_by_turn
        picked += tally.picked.sum(axis=0)
        option_counts += tally.option_counts
        outcome_counts += tally.outcome_counts
        sent += tally.sent.sum(axis=0)
        landed += tally.landed.sum(axis=0)
        endings += np.bincount(result.ending, minlength=len(spec.endings))
        full_length += float(np.sum(result.decisions == spec.turns))
        decisions += float(result.decisions.sum())
    option_number = {}
    shares = np.zeros(len(compiled.options))
    for number, (column, option) in enumerate(compiled.options):
        option_number[(column, spec.events[column].options.index(option))] = number
        shares[number] = picked[number] / seen[column] if seen[column] else 0.0
    outcome_number = {}
    drawn = np.zeros(len(compiled.outcomes))
    for number, (chooser, j, _) in enumerate(compiled.outcomes):
        column, model = compiled.options[chooser]
        outcome_number[(column, spec.events[column].options.index(model), j)] = number
        chosen = option_counts[chooser]
        drawn[number] = outcome_counts[number] / chosen if chosen else 0.0
    return Observed(
        games=games, seed=seed, seen=seen / games, on_turn=on_turn.T / games, picked=shares,
        drawn=drawn, sent=sent / games, landed=landed / games, endings=endings / games,
        full_length=full_length / games, mean_decisions=decisions / games,
        option_number=option_number, outcome_number=outcome_number)


# -- the map -------------------------------------------------------------------------------------

def build_map(scenario: Scenario, *, games: int = MAP_GAMES, seed: int = 0) -> ScenarioMap:
    """The map's nodes and edges, the turns each card can come up on, and how often `games`
    seeded random games reached each card, option, chance result, consequence and ending."""
    timing = played_timing(scenario)
    compiled = compile_scenario(scenario)
    seen = observe(compiled, games, seed)
    return _Builder(scenario, timing, seen).build()


def played_timing(scenario: Scenario) -> Timing:
    """The turns each card, option and `later` entry can come on in a game from turn 1."""
    spec = scenario.file
    both = frozenset({True, False})
    domain = Domain(meters={m: Span(float(v.min), float(v.max)) for m, v in spec.meters.items()},
                    turn=Span(1.0, float(spec.turns)),
                    flags={name: both for name in scenario.flag_ids})
    return card_timing(spec, domain, as_played=True)


class _Builder:
    def __init__(self, scenario: Scenario, timing: Timing, observed: Observed) -> None:
        self.scenario = scenario
        self.spec = scenario.file
        self.timing = timing
        self.observed = observed
        self.turns = self.spec.turns
        self.later_models = [sending.later for sending in timing.sendings]
        self.consequences: list[Consequence] = []
        self.edges: list[Edge] = []
        self.writes: dict[str, list[FlagWrite]] = {f: [] for f in scenario.flag_ids}

    def line(self, path: YamlPath) -> int:
        return self.scenario.source.where(path)[0]

    def build(self) -> ScenarioMap:
        spec = self.spec
        cards = tuple(self.card(e) for e in range(len(spec.events)))
        endings = tuple(self.ending(n) for n in range(len(spec.endings)))
        for consequence in self.consequences:
            if consequence.event is not None:
                self.edges.append(Edge("follow_up", consequence.source,
                                       Port(f"card:{consequence.event}"),
                                       _after_label(consequence.after)))
        readers = list(self.readers())
        flags = tuple(self.flag(f, readers) for f in self.scenario.flag_ids)
        self.seen_edges(readers)
        path = self.scenario.path
        return ScenarioMap(
            scenario_id=spec.id, title=spec.title, file=self.scenario.source.file,
            path=str(path.resolve()) if path else None, turns=self.turns,
            meters={m: v.label for m, v in spec.meters.items()}, cards=cards,
            consequences=tuple(self.consequences), endings=endings, flags=flags,
            edges=tuple(self.edges), games=self.observed.games, seed=self.observed.seed,
            full_length=self.observed.full_length,
            mean_decisions=self.observed.mean_decisions)

    # -- nodes

    def card(self, e: int) -> CardNode:
        event = self.spec.events[e]
        turns = tuple(sorted(self.timing.shown(event.id)))
        sent_by = tuple(n for n, later in enumerate(self.later_models) if later.event == event.id)
        options = tuple(self.option(e, k) for k in range(len(event.options)))
        return CardNode(
            id=event.id, title=event.title, line=self.line(("events", e)), date=event.date,
            weight=event.weight, once=event.once, when=_text(event.when), sent_by=sent_by,
            turns=turns, never=self.never(e, turns, sent_by),
            reach=float(self.observed.seen[e]),
            by_turn=tuple(float(v) for v in self.observed.on_turn[e]), options=options)

    def never(self, e: int, turns: tuple[int, ...], sent_by: tuple[int, ...]) -> str:
        """Why a card can never come up ('' when it can)."""
        if turns:
            return ""
        event = self.spec.events[e]
        if event.weight == 0 and not sent_by:
            return "it has weight 0 and no 'later' sends it"
        due = sorted({t for n in sent_by for t in self.timing.due[n]})
        if event.weight == 0 and not due:
            return "no option that sends it can be chosen"
        if event.weight == 0 and min(due) > self.turns:
            return f"it is only sent after the last turn ({self.turns})"
        return "its condition can never hold on a turn it could come up on"

    def option(self, e: int, k: int) -> OptionRow:
        event = self.spec.events[e]
        option = event.options[k]
        path: YamlPath = ("events", e, "options", k)
        port = Port(f"card:{event.id}", f"option:{k}")
        turns = tuple(sorted(self.timing.options[event.id][k]))
        self.note_writes(option, port, self.line(path), turns)
        laters = self.laters(port, path, option.later, turns)  # the engine numbers these first
        chance = tuple(self.chance(e, k, j, turns) for j in range(len(option.chance)))
        return OptionRow(
            index=k, id=option.id, label=option.label, line=self.line(path),
            when=_text(option.when), effects=dict(option.effects),
            assigns=option.meter_values, sets=tuple(option.flags_on),
            clears=tuple(option.clear), historical=option.historical, chance=chance,
            laters=laters, turns=turns,
            picked=float(self.observed.picked[self.observed.option_number[(e, k)]]))

    def chance(self, e: int, k: int, j: int, turns: tuple[int, ...]) -> ChanceRow:
        outcome = self.spec.events[e].options[k].chance[j]
        path: YamlPath = ("events", e, "options", k, "chance", j)
        port = Port(f"card:{self.spec.events[e].id}", f"option:{k}/chance:{j}")
        self.note_writes(outcome, port, self.line(path), turns)
        return ChanceRow(
            index=j, p=outcome.p, line=self.line(path), outcome=outcome.outcome,
            effects=dict(outcome.effects), assigns=outcome.meter_values,
            sets=tuple(outcome.flags_on), clears=tuple(outcome.clear),
            laters=self.laters(port, path, outcome.later, turns),
            drawn=float(self.observed.drawn[self.observed.outcome_number[(e, k, j)]]))

    def laters(self, port: Port, path: YamlPath, models: list[Later],
               turns: tuple[int, ...]) -> tuple[Consequence, ...]:
        made = []
        for j, later in enumerate(models):
            number = len(self.consequences)
            due = tuple(sorted(self.timing.due[number]))
            line = self.line((*path, "later", j))
            consequence = Consequence(
                number=number, source=port, line=line, after=later.after, event=later.event,
                effects=dict(later.effects), assigns=later.meter_values,
                sets=tuple(later.flags_on), clears=tuple(later.clear),
                text=later.text, turns=due, sent=float(self.observed.sent[number]),
                landed=float(self.observed.landed[number])
                if later.effects or later.set or later.clear else None)  # as the engine has it
            self.consequences.append(consequence)
            made.append(consequence)
            if consequence.lands:
                self.edges.append(Edge("lands", port, Port(consequence.key),
                                       _after_label(later.after)))
                self.note_writes(later, Port(consequence.key), line,
                                 consequence.due_in_game(self.turns), landing=True)
        return tuple(made)

    def note_writes(self, holder: Option | ChanceOutcome | Later, port: Port, line: int,
                    turns: tuple[int, ...], *, landing: bool = False) -> None:
        """A flag a choice writes on turn t counts from turn t + 1; one that lands counts on
        the turn it lands (before that turn's card is drawn)."""
        counts = turns if landing else tuple(t + 1 for t in turns)
        for flag in holder.flags_on:
            self.writes[flag].append(FlagWrite(port, "set", line, counts))
        for flag in holder.clear:
            self.writes[flag].append(FlagWrite(port, "clear", line, counts))

    def ending(self, n: int) -> EndingNode:
        ending = self.spec.endings[n]
        kind: EndingKind = ("fallback" if ending.fallback else "final" if ending.final
                            else "immediate")
        return EndingNode(ending.id, ending.title, self.line(("endings", n)), n + 1, kind,
                          ending.tone, _text(ending.when), float(self.observed.endings[n]))

    # -- edges

    def readers(self) -> Iterator[tuple[Port, int, str | bool | None, int]]:
        """Every condition: where it is, its line, its text, and the last turn on which it
        can matter (for a card and its options, the last turn the card can come up on; for
        an ending, the end of the game)."""
        spec = self.spec
        for e, event in enumerate(spec.events):
            key = f"card:{event.id}"
            turns = self.timing.shown(event.id)
            last = max(turns) if turns else 0
            yield Port(key), self.line(("events", e, "when")), event.when, last
            for k, option in enumerate(event.options):
                yield (Port(key, f"option:{k}"), self.line(("events", e, "options", k, "when")),
                       option.when, last)
        for n, ending in enumerate(spec.endings):
            yield (Port(f"ending:{ending.id}"), self.line(("endings", n, "when")), ending.when,
                   self.turns + 1)

    def flag(self, flag: str,
             readers: list[tuple[Port, int, str | bool | None, int]]) -> FlagInfo:
        """A flag's writes and reads, and an edge from each write to each read."""
        reads = []
        for port, line, when, last in readers:
            negated = _references(when, "flags")
            if flag not in negated:
                continue
            reads.append(FlagRead(port, line, negated[flag]))
            label = ("not " if negated[flag] else "") + flag
            for write in self.writes[flag]:
                in_time = bool(write.turns) and min(write.turns) <= last
                self.edges.append(Edge("flag", write.port, port, label, in_time))
        declared = self.spec.flags.get(flag)
        return FlagInfo(flag, declared.description if declared else "",
                        declared.start if declared else False, tuple(self.writes[flag]),
                        tuple(reads))

    def seen_edges(self, readers: list[tuple[Port, int, str | bool | None, int]]) -> None:
        """An edge from each card that a condition asks to have been shown (or not)."""
        for port, _, when, last in readers:
            for name, negated in _references(when, "seen").items():
                shown = self.timing.shown(name)
                in_time = bool(shown) and min(shown) + 1 <= last
                label = "not seen" if negated else "seen"
                self.edges.append(Edge("seen", Port(f"card:{name}"), port, label, in_time))


def _text(when: str | bool | None) -> str | None:
    """A condition as text (`true`/`false` for YAML booleans)."""
    if isinstance(when, bool):
        return "true" if when else "false"
    return when


def _after_label(after: int) -> str:
    return f"+{after} turn" + ("" if after == 1 else "s")


def _references(when: str | bool | None, base: str) -> dict[str, bool | None]:
    """The `flags.X` (or `seen.X`) names a condition reads, each with whether it is read
    negated (under an odd number of `not`), plainly, or both ways (None)."""
    if not isinstance(when, str):
        return {}
    try:
        tree = ast.parse(when.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return {}
    found: dict[str, bool | None] = {}

    def walk(node: ast.AST, negated: bool) -> None:
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            walk(node.operand, not negated)
            return
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id == base):
            before = found.get(node.attr, negated)
            found[node.attr] = negated if before == negated else None
            return
        for child in ast.iter_child_nodes(node):
            walk(child, negated)

    walk(tree.body, False)
    return found

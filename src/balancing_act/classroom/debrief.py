"""The class against history: what an instructor needs to lead the debrief.

For each card the class met: how it split between the options (and how a projector game's class
voted), the option India took (the one marked `historical: true`), what really happened and the
card's sources. Then India's own path through the game beside the class's paths, the decisions
that most separate good from bad endings in this class, the discussion questions the session
shows, and for each student their decisions beside India's and the class's most common choice.
Everything here is plain data; the reporting package lays it out (HTML pages, PDFs).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from balancing_act.classroom.session import Session, normal_name, slug
from balancing_act.classroom.verify import ClassResults, Step, Verified
from balancing_act.engine.game import Game
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import Ending, Event

Tone = Literal["good", "mixed", "bad"]
StandIn = Literal["india", "class", "first"]  # why India's path took a step
TONE_NUMBER: dict[str, int] = {"good": 2, "mixed": 1, "bad": 0}  # the gradebook's ending_tone
TONES: tuple[Tone, ...] = ("good", "mixed", "bad")
LEAST_GROUP = 3  # a decision separates endings only when 3 or more chose it, and 3 did not
LEAST_GAP = 0.25  # ... and the good-ending shares of the two groups differ by 25 points


@dataclass(frozen=True)
class OptionSplit:
    """One option of a card: who in the class chose it and how their games ended."""

    id: str
    label: str
    count: int  # students who chose it
    share: float  # of the students who met the card
    votes: int  # projector votes for it
    india: bool  # the option India took
    most_chosen: bool  # the class's most common choice on the card (ties: each of them)
    endings: dict[str, int]  # finished games after it, by tone: good, mixed, bad
    then: str  # the most common ending id after it ("unfinished" when none ended)


@dataclass(frozen=True)
class CardDebrief:
    """A card the class met, with what really happened."""

    id: str
    title: str
    date: str  # as the scenario gives it (YYYY, YYYY-MM or YYYY-MM-DD), or ""
    text: str
    students: int  # students who met it
    voted: int  # projector votes cast on it
    turn: float  # the average turn at which the class met it (the debrief's order)
    options: tuple[OptionSplit, ...]
    history: str
    sources: tuple[str, ...]

    @property
    def india(self) -> OptionSplit | None:
        return next((o for o in self.options if o.india), None)

    @property
    def majority(self) -> OptionSplit | None:
        """The option most students chose (the first of a tie), or None when none met it."""
        best = max(self.options, key=lambda o: o.count)
        return best if best.count else None


@dataclass(frozen=True)
class IndiaPath:
    """A game played as India did, from the class seed: the line the class's paths are set
    against. Where a card does not say what India did, the class's most common choice stands
    in (or, on a card no student met, its first available option)."""

    steps: tuple[Step, ...]
    track: tuple[dict[str, int], ...]
    ending: Ending | None
    marked: int  # decisions where the scenario says what India did
    stood_in: int  # decisions where it does not
    chosen_by: tuple[StandIn, ...]  # per step: India's option ("india"), or standing in,
    # the class's most common choice ("class") or the first open option ("first")


@dataclass(frozen=True)
class Separation:
    """A decision after which this class's endings differed most."""

    card_id: str
    card_title: str
    option_id: str
    option_label: str
    tone: str  # the tone whose share is compared: good, or bad when too few ended well
    chose: int
    chose_tone: int  # of those who chose it, how many reached an ending of that tone
    others: int
    others_tone: int

    @property
    def gap(self) -> float:
        return self.chose_tone / self.chose - self.others_tone / self.others


@dataclass(frozen=True)
class Typical:
    """A decision common among the students who reached one ending, rarer among the rest."""

    card_title: str
    option_label: str
    of_them: int  # of the students with this ending, how many chose it
    others: int  # of the other finished students who met the card, how many chose it
    others_met: int


@dataclass(frozen=True)
class EndingRow:
    ending: Ending
    count: int
    share: float  # of the finished games
    typical: tuple[Typical, ...]


@dataclass(frozen=True)
class StudentDecision:
    turn: int
    card_id: str
    title: str
    date: str
    chose: str
    india: str  # "" when the card does not say what India did
    same_as_india: bool
    majority: str  # the class's most common choice on the card
    majority_share: float
    with_majority: bool


@dataclass(frozen=True)
class StudentDebrief:
    """One counted student's game, as the student's page and debrief sheet show it."""

    checked: Verified
    label: str  # their name, or "Student N" in the anonymous view
    page: str  # the file name of their page, without the folder
    decisions: tuple[StudentDecision, ...]
    matches_india: int
    india_cards: int
    with_majority: int

    @property
    def ending(self) -> Ending | None:
        return self.checked.game.ending

    @property
    def finished(self) -> bool:
        return self.checked.game.finished


def questions(session: Session, scenario: Scenario) -> list[str]:
    """The debrief questions the session shows (all of the scenario's when it names none)."""
    asked = list(scenario.file.debrief.questions)
    chosen = session.rules.questions
    if chosen:
        asked = [asked[i - 1] for i in chosen if 1 <= i <= len(asked)]
    return asked


def historical_option_id(event: Event) -> str:
    return next((o.id for o in event.options if o.historical), "")


def class_cards(report: ClassResults) -> list[CardDebrief]:
    """Every card a counted student met (or the class voted on), in the order the class met
    them: each option's split, India's option, what followed and what really happened."""
    picks: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    after: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    turns: dict[str, list[int]] = defaultdict(list)
    for projector in report.projector:  # votes count only from the class's own games
        for decision in projector.result.decisions:
            for option_id, count in (decision.votes or {}).items():
                if count > 0:
                    votes[decision.event][option_id] += count
        for step in projector.game.history:
            turns.setdefault(step.event_id, [])
            if not report.counted:
                turns[step.event_id].append(step.turn)
    for checked in report.counted:
        game = checked.game
        ending = game.ending.id if game.ending and game.finished else "unfinished"
        for step in game.history:
            picks[step.event_id][step.option_id] += 1
            after[(step.event_id, step.option_id)][ending] += 1
            turns[step.event_id].append(step.turn)
    tones = {e.id: e.tone for e in report.scenario.file.endings}
    cards = []
    for index, event in enumerate(report.scenario.file.events):
        if event.id not in picks and event.id not in votes:
            continue
        total = sum(picks[event.id].values())
        most = max(picks[event.id].values(), default=0)
        india = historical_option_id(event)
        options = []
        for option in event.options:
            count = picks[event.id][option.id]
            followed = after[(event.id, option.id)]
            by_tone: dict[str, int] = dict.fromkeys(TONES, 0)
            for ending_id, games in followed.items():
                if ending_id in tones:
                    by_tone[tones[ending_id]] += games
            common = followed.most_common(1)
            options.append(OptionSplit(
                id=option.id, label=option.label, count=count,
                share=count / total if total else 0.0, votes=votes[event.id][option.id],
                india=option.id == india, most_chosen=bool(count) and count == most,
                endings=by_tone, then=common[0][0] if common else ""))
        met = turns.get(event.id) or []
        order = sum(met) / len(met) if met else float(index)
        cards.append((order, index, CardDebrief(
            id=event.id, title=event.title, date=event.date or "", text=event.text.strip(),
            students=total, voted=sum(votes[event.id].values()), turn=order,
            options=tuple(options), history=event.history.strip(),
            sources=tuple(event.sources))))
    return [card for _, _, card in sorted(cards, key=lambda c: (c[0], c[1]))]


def has_history(scenario: Scenario) -> bool:
    """Whether the scenario says, on any card, what India did."""
    return any(o.historical for e in scenario.file.events for o in e.options)


def india_path(report: ClassResults, cards: list[CardDebrief]) -> IndiaPath | None:
    """India's choices played from the class seed (None when the scenario marks none)."""
    scenario = report.scenario
    if not has_history(scenario):
        return None
    majority = {c.id: c.majority.id for c in cards if c.majority is not None}
    game = Game(scenario, report.session.seed)
    chosen_by: list[StandIn] = []
    while not game.finished and game.event is not None:
        event = game.event
        open_ids = [o.id for o in game.options if o.available]
        india = historical_option_id(event)
        common = majority.get(event.id, "")
        why: StandIn
        if india in open_ids:
            choice, why = india, "india"
        elif common in open_ids:
            choice, why = common, "class"
        else:
            choice, why = open_ids[0], "first"
        chosen_by.append(why)
        game.choose(choice)
    steps = tuple(Step(o.turn, o.event_id, o.event_title, o.option_id, o.option_label)
                  for o in game.history)
    marked = chosen_by.count("india")
    return IndiaPath(steps, tuple(game.meter_track), game.ending, marked,
                     len(chosen_by) - marked, tuple(chosen_by))


def separating_decisions(report: ClassResults, cards: list[CardDebrief],
                         limit: int = 4) -> list[Separation]:
    """The decisions after which the class's good-ending shares differ most (bad endings when
    too few games ended well): at most one per card, each group of 3 or more students, the gap
    at least 25 points; nothing when fewer than 3 games (or all but 3) reached either. A
    pattern in this class, not a rule of the game."""
    finished = [c for c in report.counted if c.game.finished and c.game.ending]
    tones = Counter(c.game.ending.tone for c in finished if c.game.ending)
    tone = next((t for t in ("good", "bad") if LEAST_GROUP <= tones[t] <= len(finished)
                 - LEAST_GROUP), None)
    if tone is None:  # too few games on one side to say anything
        return []
    reached = {id(c): bool(c.game.ending and c.game.ending.tone == tone) for c in finished}
    chosen: dict[str, dict[int, str]] = defaultdict(dict)
    for checked in finished:
        for step in checked.game.history:
            chosen[step.event_id][id(checked)] = step.option_id
    found = []
    for card in cards:
        games = chosen.get(card.id, {})
        best: Separation | None = None
        for option in card.options:
            chose = [g for g, pick in games.items() if pick == option.id]
            others = [g for g, pick in games.items() if pick != option.id]
            if len(chose) < LEAST_GROUP or len(others) < LEAST_GROUP:
                continue
            candidate = Separation(card.id, card.title, option.id, option.label, tone,
                                   len(chose), sum(reached[g] for g in chose), len(others),
                                   sum(reached[g] for g in others))
            if best is None or candidate.gap > best.gap:
                best = candidate
        if best is not None and best.gap >= LEAST_GAP:
            found.append(best)
    found.sort(key=lambda s: (-s.gap, s.card_title))
    return found[:limit]


def ending_rows(report: ClassResults, cards: list[CardDebrief]) -> list[EndingRow]:
    """Every ending of the scenario with how many finished games reached it, and for those
    reached, up to two decisions most of them made that fewer of the others did."""
    finished = [c for c in report.counted if c.game.finished and c.game.ending]
    titles = {c.id: c.title for c in cards}
    labels = {(c.id, o.id): o.label for c in cards for o in c.options}
    rows = []
    for ending in report.scenario.file.endings:
        mine = [c for c in finished if c.game.ending and c.game.ending.id == ending.id]
        rest = [c for c in finished if c not in mine]
        typical = []
        if len(mine) >= 2 and rest:  # one student's ending is an unusual path, not a pattern
            theirs = Counter(pick for c in mine for pick in _picks(c))
            others = Counter(pick for c in rest for pick in _picks(c))
            met = Counter(step.event_id for c in rest for step in c.game.history)
            scored = []
            for (card, option), count in theirs.items():
                share_in = count / len(mine)
                share_out = others[(card, option)] / met[card] if met[card] else 0.0
                if share_in >= 0.5 and share_in - share_out >= 0.2 and met[card] >= LEAST_GROUP:
                    scored.append((share_in - share_out, card, option, count))
            scored.sort(key=lambda s: (-s[0], titles.get(s[1], ""), s[2]))
            seen_cards: set[str] = set()
            for _, card, option, count in scored:
                if card in seen_cards or card not in titles:
                    continue
                seen_cards.add(card)
                typical.append(Typical(titles[card], labels[(card, option)], count,
                                       others[(card, option)], met[card]))
                if len(typical) == 2:
                    break
        rows.append(EndingRow(ending, len(mine), len(mine) / len(finished) if finished else 0.0,
                              tuple(typical)))
    return rows


def _picks(checked: Verified) -> set[tuple[str, str]]:
    return {(step.event_id, step.option_id) for step in checked.game.history}


def student_labels(report: ClassResults, anonymous: bool) -> dict[int, tuple[str, str]]:
    """For each counted result (by id()), the label shown and its page's file name: the name
    and a file name made from the class list's id (or the name), or in the anonymous view
    "Student N" in an order that does not follow the names."""
    labels: dict[int, tuple[str, str]] = {}
    if anonymous:
        def shuffled(checked: Verified) -> str:
            text = f"{report.session.class_code}:{checked.student}"
            return hashlib.sha256(text.encode("utf-8")).hexdigest()

        ordered = sorted(report.counted, key=shuffled)
        width = max(2, len(str(len(ordered))))
        for number, checked in enumerate(ordered, start=1):
            labels[id(checked)] = (f"Student {number}", f"student-{number:0{width}d}.html")
        return labels
    taken: set[str] = set()
    for checked in report.counted:
        stem = slug(checked.result.student_id or checked.name)
        base, extra = stem, 2
        while stem.casefold() in taken:
            stem, extra = f"{base}-{extra}", extra + 1
        taken.add(stem.casefold())
        labels[id(checked)] = (checked.name, f"{stem}.html")
    return labels


def student_debriefs(report: ClassResults, cards: list[CardDebrief],
                     anonymous: bool = False) -> list[StudentDebrief]:
    """Every counted student's decisions beside India's and the class's most common choice,
    in the order of the class page's list (by name, or by number when anonymous)."""
    by_id = {c.id: c for c in cards}
    labels = student_labels(report, anonymous)
    students = []
    for checked in report.counted:
        decisions = []
        for step in checked.game.history:
            card = by_id.get(step.event_id)
            india = card.india if card else None
            mine = next((o for o in card.options if o.id == step.option_id), None) \
                if card else None
            # with the class when the student's option is the most chosen, or one of a tie
            majority = mine if mine is not None and mine.most_chosen else \
                (card.majority if card else None)
            decisions.append(StudentDecision(
                turn=step.turn, card_id=step.event_id, title=step.event_title,
                date=report.scenario.event(step.event_id).date or "", chose=step.option_label,
                india=india.label if india else "",
                same_as_india=india is not None and india.id == step.option_id,
                majority=majority.label if majority else "",
                majority_share=majority.share if majority else 0.0,
                with_majority=mine is not None and mine.most_chosen))
        label, page = labels[id(checked)]
        students.append(StudentDebrief(
            checked=checked, label=label, page=page, decisions=tuple(decisions),
            matches_india=sum(d.same_as_india for d in decisions),
            india_cards=sum(bool(d.india) for d in decisions),
            with_majority=sum(d.with_majority for d in decisions)))
    if anonymous:
        students.sort(key=lambda s: int(s.label.split()[-1]))
    else:
        students.sort(key=lambda s: (normal_name(s.label), s.page))
    return students


@dataclass(frozen=True)
class ClassDebrief:
    """Everything the class page, the students' pages and the printed handouts lay out,
    worked out once."""

    report: ClassResults
    anonymous: bool
    cards: tuple[CardDebrief, ...]
    india: IndiaPath | None
    separations: tuple[Separation, ...]
    endings: tuple[EndingRow, ...]
    students: tuple[StudentDebrief, ...]
    questions: tuple[str, ...]

    @property
    def scenario(self) -> Scenario:
        return self.report.scenario

    def student(self, checked: Verified) -> StudentDebrief:
        return next(s for s in self.students if s.checked is checked)


def class_debrief(report: ClassResults, anonymous: bool = False) -> ClassDebrief:
    cards = class_cards(report)
    return ClassDebrief(
        report=report, anonymous=anonymous, cards=tuple(cards),
        india=india_path(report, cards),
        separations=tuple(separating_decisions(report, cards)),
        endings=tuple(ending_rows(report, cards)),
        students=tuple(student_debriefs(report, cards, anonymous)),
        questions=tuple(questions(report.session, report.scenario)))

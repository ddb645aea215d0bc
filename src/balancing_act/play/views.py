"""What a front end shows of a game, as plain data: every text already in the player's language.

The terminal, the window and the browser pages lay these out; none of them works out a rule,
a preview or a message for itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MarkView:
    value: float
    share: float  # where the mark sits on the bar, 0 to 1
    kind: str  # "goal" or "danger"
    text: str  # "Goal: 60 or more", "The game ends at 90 or more"


@dataclass(frozen=True)
class MeterView:
    id: str
    label: str
    value: int
    min: int
    max: int
    share: float  # value's place in the range, 0 to 1
    description: str
    marks: tuple[MarkView, ...]
    warning: str  # "" unless the meter is near a value that ends the game
    recent: tuple[str, ...]  # the last changes, newest first, e.g. "+5: Sign COMCASA (turn 1)"
    explanation: str  # what the meter means, what raises and lowers it


@dataclass(frozen=True)
class EffectView:
    """One meter in a preview: the amount at 'numbers', a size of 1-3 at 'dots'."""

    meter: str
    label: str
    amount: int | None
    dots: int
    text: str  # "Security +3" or "Security ••"


@dataclass(frozen=True)
class ResultView:
    """One possible result of an uncertain option."""

    p: float
    percent: str
    effects: tuple[EffectView, ...]
    text: str  # "50%: Trust in Washington +4, Security +3"


@dataclass(frozen=True)
class OptionChoice:
    number: int
    id: str
    label: str
    available: bool
    locked_reason: str  # "" when available
    uncertain: bool  # shown only when the preview level shows anything
    badge: str  # "uncertain" (or "" when not shown)
    effects: tuple[EffectView, ...]  # the certain part, at the preview level
    results: tuple[ResultView, ...]  # possible results of an uncertain option
    preview_text: str  # everything above in one line, for text front ends


@dataclass(frozen=True)
class LandingView:
    """A delayed consequence arriving now."""

    text: str
    origin: str  # "because of your choice on 'X': Y"
    changes: tuple[str, ...]  # "Trust in Washington -2"


@dataclass(frozen=True)
class CardView:
    turn: int
    turns: int
    turn_text: str  # "Turn 3 of 8"
    date: str  # "October 2018" or ""
    event_id: str
    title: str
    text: str
    image: str | None
    sound: str | None
    advisers: tuple[tuple[str, str], ...]  # (role, what they say)
    options: tuple[OptionChoice, ...]
    terms: tuple[tuple[str, str], ...]  # glossary terms on the card, with their meaning
    landing: tuple[LandingView, ...]  # what landed at the start of this turn
    coming_up: tuple[str, ...]  # "Turn 7: the 2+2 in Washington"
    goal: str  # a one-line reminder, or ""
    meters: tuple[MeterView, ...]
    preview_level: str
    can_undo: bool
    time_limit_seconds: int | None


@dataclass(frozen=True)
class ChangeView:
    meter: str
    label: str
    amount: int
    text: str  # "Trust in Washington +5"
    cause: str  # "From the uncertain result" for a chance result, "" for the option itself


@dataclass(frozen=True)
class OutcomeView:
    turn: int
    event_id: str
    title: str  # the card's title
    heading: str  # "You chose: ..."
    option_id: str
    option_label: str
    text: str
    chance: str  # "An uncertain result: this one was 50% likely." or ""
    chance_p: float | None
    changes: tuple[ChangeView, ...]
    capped: tuple[str, ...]  # "Security stops at 100: the end of its range."
    flags_note: str  # "The game remembers this choice." or ""
    scheduled: tuple[str, ...]  # "Turn 7: ..." (what this choice set in motion)
    history: str  # "What India did: ..." when the real outcome is told at once, else ""
    history_text: str  # the card's history, told at once under the same rule
    terms: tuple[tuple[str, str], ...]
    meters_before: dict[str, int]
    meters_after: dict[str, int]
    ended: bool
    late: bool  # slower than the session's time limit


@dataclass(frozen=True)
class BriefingView:
    title: str
    period: str
    summary: str
    briefing: str
    background: str
    meters: tuple[tuple[str, str, int], ...]  # (label, description, start)
    goal: str
    turns_text: str
    seed_text: str
    test_start: str = ""  # a designer's test game: where it started


@dataclass(frozen=True)
class EndingView:
    id: str
    title: str
    text: str
    tone: str
    goal_met: bool
    verdict: str  # "You met the goal." / "You did not meet the goal: ..."
    reasons: tuple[str, ...]  # which meters decided it
    meters: tuple[MeterView, ...]


@dataclass(frozen=True)
class DecisionView:
    turn: int
    date: str
    event_id: str
    title: str
    chose: str  # the player's option
    india: str  # what India chose ("" when the card has no marked option)
    same_as_india: bool
    effects: str  # "Trust in Washington +5, Security +3" or "no change"
    landed: tuple[str, ...]  # consequences of it that landed later


@dataclass(frozen=True)
class HistoryView:
    event_id: str
    title: str
    date: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class DebriefView:
    title: str
    ending: EndingView
    decisions: tuple[DecisionView, ...]
    meter_ids: tuple[str, ...]
    meter_labels: tuple[str, ...]
    track: tuple[dict[str, int], ...]  # meters at the start and after each decision
    what_happened: str
    history: tuple[HistoryView, ...]
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    timeline: tuple[tuple[int, str, str], ...]  # (turn, date, title)
    illustrative_note: str
    matches_india: int  # decisions that match India's
    india_cards: int  # decisions on cards with a marked option
    finished: bool = True  # False: a game stopped before its end (its ending says how far)
    extra: dict[str, str] = field(default_factory=dict)

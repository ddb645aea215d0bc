"""A game as a player meets it: the briefing, each card with its previews, each outcome, the
ending and the debrief, computed once for every front end.

`Playthrough` wraps an engine `Game` with the rules it is played under (`PlayRules`) and the
player's message catalog. Front ends ask it for views and pass it the player's choices; the
decision clock for time limits and the one-step undo live here too, so the terminal, the window
and the browser behave the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from balancing_act.engine.game import Change, Game, Landed, Outcome
from balancing_act.errors import GameError
from balancing_act.play.catalog import Catalog
from balancing_act.play.explain import Mark, describe_condition, meter_marks
from balancing_act.play.rules import PlayRules, PreviewLevel
from balancing_act.play.views import (
    BriefingView,
    CardView,
    ChangeView,
    DebriefView,
    DecisionView,
    EffectView,
    EndingView,
    HistoryView,
    LandingView,
    MarkView,
    MeterView,
    OptionChoice,
    OutcomeView,
    ResultView,
)
from balancing_act.scenario.glossary import terms_in
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.model import Ending, Event, Meter, Option
from balancing_act.scenario.text import TextState, render
from balancing_act.scenario.thresholds import thresholds
from balancing_act.scenario.yamlread import YamlPath

WARNING_POINTS = 10  # a meter this close to a value that ends the game is flagged
RECENT_CHANGES = 3


def dots_for(amount: float) -> int:
    """Preview size: one dot for a small change, two for medium, three for large."""
    size = abs(amount)
    return 1 if size < 5 else 2 if size < 10 else 3


@dataclass(frozen=True)
class Timing:
    seconds: float
    late: bool


class Playthrough:
    """One player's game under its rules; every view a front end needs."""

    def __init__(self, game: Game, rules: PlayRules | None = None,
                 catalog: Catalog | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.game = game
        self.rules = rules or PlayRules()
        self.t = catalog or Catalog()
        self.clock = clock
        self.marks = meter_marks(game.scenario)
        self.timings: list[Timing] = []
        self._clock_turn: int | None = None
        self._shown_at = 0.0

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    @property
    def level(self) -> PreviewLevel:
        return self.rules.level(self.scenario.file.preview)

    @property
    def finished(self) -> bool:
        return self.game.finished

    # -- the briefing --------------------------------------------------------------------

    def briefing(self) -> BriefingView:
        spec = self.scenario.file
        t = self.t
        return BriefingView(
            title=spec.title, period=spec.period, summary=spec.summary, briefing=spec.briefing,
            background=spec.background,
            meters=tuple((m.label, m.description, m.start) for m in spec.meters.values()
                         if not m.hidden),
            goal=spec.goal, turns_text=t("briefing.turns", turns=spec.turns),
            seed_text=t("briefing.seed", seed=self.game.seed), test_start=self.test_start())

    def test_start(self) -> str:
        """For a designer's test game: where it started, in words ('' for a real game)."""
        start = self.game.start
        if start is None:
            return ""
        t = self.t
        parts = [t("test.card", card=start.card) if start.card else "",
                 t("test.turn", turn=self.game.history[0].turn if self.game.history
                   else self.game.turn)]
        parts += [f"{self.scenario.file.meters[m].label} {v}" for m, v in start.meters.items()]
        parts += [t("test.flag_on", flag=f) for f in start.flags]
        parts += [t("test.flag_off", flag=f) for f in start.cleared]
        return t("test.start", where=", ".join(p for p in parts if p))

    # -- meters ----------------------------------------------------------------------------

    def meters(self, values: dict[str, int] | None = None) -> tuple[MeterView, ...]:
        values = values if values is not None else self.game.meters
        recent = self._recent_changes()
        views = []
        for meter_id, meter in self.shown_meters.items():
            value = values[meter_id]
            span = meter.max - meter.min
            marks = tuple(self._mark_view(mark, meter.min, span, meter.label)
                          for mark in self.marks[meter_id])
            views.append(MeterView(
                id=meter_id, label=meter.label, value=value, min=meter.min, max=meter.max,
                share=(value - meter.min) / span, description=meter.description, marks=marks,
                warning=self._warning(meter_id, meter.label, value),
                recent=tuple(recent.get(meter_id, [])[:RECENT_CHANGES]),
                explanation=self._explanation(meter_id)))
        return tuple(views)

    def _mark_view(self, mark: Mark, low: int, span: int, label: str) -> MarkView:
        value = f"{mark.value:g}"
        if mark.kind == "goal":
            text = self.t("meter.goal", threshold=self.t.threshold(mark.op, value))
        elif mark.alone:
            text = self.t("meter.danger", threshold=self.t.threshold(mark.op, value))
        else:
            text = self.t("meter.danger_with", threshold=self.t.threshold(mark.op, value))
        return MarkView(mark.value, min(1.0, max(0.0, (mark.value - low) / span)), mark.kind,
                        text)

    def _warning(self, meter_id: str, label: str, value: int) -> str:
        for mark in self.marks[meter_id]:
            if mark.kind != "danger" or not mark.alone:
                continue
            distance = (mark.value - value) if mark.upward else (value - mark.value)
            if 0 < distance <= WARNING_POINTS:
                return self.t("meter.warning", meter=label, points=f"{distance:g}",
                              value=f"{mark.value:g}")
        return ""

    def _explanation(self, meter_id: str) -> str:
        meter = self.scenario.file.meters[meter_id]
        role = self.t(f"meter.role.{meter.role}") if meter.role != "other" else ""
        return " ".join(part for part in (meter.description, role) if part)

    def _recent_changes(self) -> dict[str, list[str]]:
        recent: dict[str, list[str]] = {}
        for outcome in reversed(self.game.history):
            for landed in outcome.landed:
                for change in self.visible(landed.changes):
                    recent.setdefault(change.meter, []).append(self.t(
                        "meter.recent_landed", amount=f"{change.amount:+d}", turn=landed.turn))
            for change in outcome.changes:
                recent.setdefault(change.meter, []).append(self.t(
                    "meter.recent", amount=f"{change.amount:+d}", option=outcome.option_label,
                    turn=outcome.turn))
        return recent

    # -- the card --------------------------------------------------------------------------

    def card(self) -> CardView:
        game = self.game
        event = game.event
        if event is None or game.finished:
            raise GameError(self.t("play.no_card"))
        if self._clock_turn != game.turn:
            self._clock_turn, self._shown_at = game.turn, self.clock()
        t = self.t
        options = tuple(self._option(event, view.number, view.available)
                        for view in game.options)
        text = self.text(("events", self.scenario.names.events[event.id], "text"), event.text)
        text_for_terms = " ".join([event.title, text, *(o.label for o in event.options)])
        last = game.history[-1] if game.history else None
        landing = tuple(self._landing(landed) for landed in last.landed) if last else ()
        coming = tuple(t("card.coming_up", turn=p.due_turn,
                         text=self.text(p.path, p.text) or t("card.consequence"))
                       for p in game.pending)
        return CardView(
            turn=game.turn, turns=game.turns,
            turn_text=t("card.turn", turn=game.turn, turns=game.turns),
            date=self.date(event), event_id=event.id, title=event.title, text=text,
            image=event.image, sound=event.sound,
            advisers=tuple((a.role, a.says) for a in event.advisers), options=options,
            terms=self._terms(text_for_terms), landing=landing, coming_up=coming,
            goal=t("card.goal", goal=self.scenario.file.goal) if self.scenario.file.goal else "",
            meters=self.meters(), preview_level=self.level, can_undo=self.can_undo,
            time_limit_seconds=self.rules.time_limit_seconds)

    def text(self, path: YamlPath, raw: str, *, meters: dict[str, int] | None = None,
             turn: int | None = None) -> str:
        """A scenario text as the player reads it now: a text that adapts to the game is
        rendered with the game's state (or the meters and turn given: an outcome is read with
        the meters its decision left)."""
        if path and path[-1] != "text" and "later" in path:
            path = (*path, "text")  # a `later` entry's own text
        template = self.scenario.template(path) if path else None
        if template is None:
            return raw
        game = self.game
        state = TextState(meters=meters if meters is not None else game.meters,
                          turn=turn if turn is not None else game.turn, turns=game.turns,
                          flags=game.flags, holds=lambda c: game.holds(c, meters, turn),
                          seed=game.seed, key=repr(path))
        return render(template, state)

    def _outcome_text(self, outcome: Outcome, event: Event) -> str:
        """The option's outcome and the chance result's, each rendered as the decision left
        the game."""
        e = self.scenario.names.events[event.id]
        k = next(i for i, o in enumerate(event.options) if o.id == outcome.option_id)
        option = event.options[k]
        meters, turn = outcome.meters_after, outcome.turn
        parts = [self.text(("events", e, "options", k, "outcome"), option.outcome,
                           meters=meters, turn=turn)]
        if outcome.chance_index is not None:
            drawn = option.chance[outcome.chance_index]
            parts.append(self.text(("events", e, "options", k, "chance", outcome.chance_index,
                                    "outcome"), drawn.outcome, meters=meters, turn=turn))
        return "\n\n".join(p for p in parts if p)

    def visible(self, changes: tuple[Change, ...]) -> tuple[Change, ...]:
        """The changes the player may see: none of a hidden counter's."""
        shown = self.shown_meters
        return tuple(c for c in changes if c.meter in shown)

    @property
    def shown_meters(self) -> dict[str, Meter]:
        """The meters the player sees: all but the hidden counters."""
        return {m: v for m, v in self.scenario.file.meters.items() if not v.hidden}

    def date(self, event: Event) -> str:
        """A card's date for its turn line, or '' when its title already says as much."""
        words = self.t.date(event.date) if event.date else ""
        return "" if words and words in event.title else words

    def _terms(self, text: str) -> tuple[tuple[str, str], ...]:
        glossary = self.scenario.file.glossary
        return tuple((term, glossary[term]) for term in terms_in(text, glossary))

    def _option(self, event: Event, number: int, available: bool) -> OptionChoice:
        option = event.options[number - 1]
        level = self.level
        t = self.t
        locked = "" if available else self._locked_reason(option)
        uncertain = bool(option.chance) and level != "none"
        effects = self._effects(option.effects, level)
        results = tuple(self._result(c.p, c.effects, level) for c in option.chance) \
            if uncertain else ()
        parts = [e.text for e in effects]
        if uncertain:
            parts.append(t("preview.uncertain_list", results="; ".join(r.text for r in results)))
        preview_text = t("preview.locked", reason=locked) if locked else ", ".join(parts)
        return OptionChoice(
            number=number, id=option.id, label=option.label, available=available,
            locked_reason=locked, uncertain=uncertain,
            badge=t("preview.uncertain") if uncertain else "", effects=effects,
            results=results, preview_text=preview_text)

    def _locked_reason(self, option: Option) -> str:
        described = describe_condition(option.when, self.scenario, self.t)
        return self.t("card.locked", condition=described) if described else \
            self.t("card.locked_plain")

    def _effects(self, effects: dict[str, int], level: PreviewLevel) -> tuple[EffectView, ...]:
        if level == "none":
            return ()
        meters = self.shown_meters
        views = []
        for meter_id, amount in effects.items():
            if meter_id not in meters:
                continue  # a hidden counter is never previewed
            label = meters[meter_id].label
            dots = dots_for(amount)
            if level == "numbers":
                views.append(EffectView(meter_id, label, amount, dots, f"{label} {amount:+d}"))
            else:
                views.append(EffectView(meter_id, label, None, dots,
                                        f"{label} {self.t('preview.dot') * dots}"))
        return tuple(views)

    def _result(self, p: float, effects: dict[str, int], level: PreviewLevel) -> ResultView:
        shown = self._effects(effects, level)
        percent = f"{p:.0%}"
        body = ", ".join(e.text for e in shown) or self.t("preview.no_change")
        return ResultView(p, percent, shown, self.t("preview.result", percent=percent,
                                                   effects=body))

    def _landing(self, landed: Landed) -> LandingView:
        event = self.scenario.event(landed.origin_event)
        option = next(o for o in event.options if o.id == landed.origin_option)
        return LandingView(
            text=self.text(landed.path, landed.text, turn=landed.turn) or self.t(
                "card.consequence"),
            origin=self.t("card.landing_origin", card=event.title, option=option.label),
            changes=tuple(f"{c.label} {c.amount:+d}" for c in self.visible(landed.changes)))

    # -- choosing --------------------------------------------------------------------------

    def choose(self, option: int | str) -> OutcomeView:
        """Play an option (its 1-based number or id); GameError, in the player's words, when
        it cannot be chosen."""
        game = self.game
        if game.finished or game.event is None:
            raise GameError(self.t("play.no_card"))
        views = game.options
        view = next((v for v in views if option in (v.id, v.number)), None)
        if view is None:
            raise GameError(self.t("play.not_an_option", choice=option,
                                   numbers=", ".join(str(v.number) for v in views
                                                     if v.available)))
        if not view.available:
            raise GameError(self.t("play.locked", number=view.number,
                                   reason=self._locked_reason(
                                       game.event.options[view.number - 1])))
        if self._clock_turn != game.turn:
            self._clock_turn, self._shown_at = game.turn, self.clock()
        seconds = round(max(0.0, self.clock() - self._shown_at), 2)
        limit = self.rules.time_limit_seconds
        late = bool(limit and seconds > limit)
        outcome = game.choose(view.id)
        self.timings.append(Timing(seconds, late))
        self._clock_turn = None
        return self.outcome(outcome, late=late)

    def _change_text(self, change: Change) -> str:
        """'Trust in Washington +5', and for a meter set to a value 'Security +5 (set to
        40)'."""
        text = f"{change.label} {change.amount:+d}"
        if change.set_to is not None:
            text += f" ({self.t('outcome.cause_set', value=change.set_to)})"
        return text

    def outcome(self, outcome: Outcome, *, late: bool = False) -> OutcomeView:
        t = self.t
        spec = self.scenario.file
        event = self.scenario.event(outcome.event_id)
        shown = self.shown_meters
        visible = [c for c in outcome.changes if c.meter in shown]
        changes = tuple(ChangeView(c.meter, c.label, c.amount, self._change_text(c),
                                   t("outcome.cause_chance") if c.chance else "")
                        for c in visible)
        totals: dict[str, int] = {}
        for change in visible:
            totals[change.meter] = totals.get(change.meter, 0) + change.amount
        capped = tuple(
            t("outcome.capped", meter=spec.meters[m].label, value=outcome.meters_after[m])
            for m, total in totals.items()
            if outcome.meters_after[m] - outcome.meters_before[m] != total)
        scheduled = tuple(t("outcome.later", turn=s.due_turn,
                            text=self.text(s.path, s.text) or t("card.consequence"))
                          for s in outcome.scheduled)
        india = historical_option(event)
        history = history_text = ""
        if self.rules.reveal == "immediate" and india is not None:
            history = t("outcome.same_as_india") if india.id == outcome.option_id else \
                t("outcome.india_chose", option=india.label)
            history_text = event.history.strip()
        elif self.rules.reveal == "immediate" and event.history.strip():
            history_text = event.history.strip()
        chance = t("outcome.chance", percent=f"{outcome.chance_p:.0%}") \
            if outcome.chance_p is not None else ""
        remembered = outcome.flags_set or outcome.flags_cleared
        text = self._outcome_text(outcome, event)
        return OutcomeView(
            turn=outcome.turn, event_id=outcome.event_id, title=outcome.event_title,
            heading=t("outcome.heading", option=outcome.option_label),
            option_id=outcome.option_id, option_label=outcome.option_label, text=text,
            chance=chance, chance_p=outcome.chance_p, changes=changes, capped=capped,
            flags_note=t("outcome.remembered") if remembered else "",
            scheduled=scheduled, history=history, history_text=history_text,
            terms=self._terms(text), meters_before=outcome.meters_before,
            meters_after=outcome.meters_after, ended=outcome.ended, late=late)

    @property
    def can_undo(self) -> bool:
        return self.rules.undo and bool(self.game.choices) and not self.game.finished

    def undo(self) -> None:
        """Take back the last decision, where the rules allow it."""
        if not self.can_undo:
            raise GameError(self.t("play.no_undo"))
        self.game = self.game.undone()
        if self.timings:
            self.timings.pop()
        self._clock_turn = None

    # -- the end ---------------------------------------------------------------------------

    def ending(self) -> EndingView:
        ending = self.game.ending
        if ending is None:
            raise GameError(self.t("play.not_ended"))
        met = ending.tone == "good"
        reasons = self._reasons(ending)
        verdict = self.t("ending.goal_met") if met else self.t("ending.goal_missed")
        number = next(i for i, e in enumerate(self.scenario.file.endings) if e.id == ending.id)
        text = self.text(("endings", number, "text"), ending.text)
        return EndingView(ending.id, ending.title, text, ending.tone, met, verdict,
                          reasons, self.meters())

    def stopped(self) -> EndingView:
        """What stands in for the ending of a game stopped before it had one (a live class
        ended under it): how far it got, and no verdict on a goal it had no time to reach."""
        game = self.game
        title = self.t("ending.stopped", decisions=len(game.choices), turns=game.turns)
        return EndingView("", title, "", "stopped", False, self.t("ending.stopped_verdict"),
                          (), self.meters())

    def _reasons(self, ending: Ending) -> tuple[str, ...]:
        return ending_reasons(self.scenario, ending, self.game.meters, self.t)

    def questions(self) -> tuple[str, ...]:
        questions = list(self.scenario.file.debrief.questions)
        chosen = self.rules.questions
        if chosen:
            questions = [questions[i - 1] for i in chosen if 1 <= i <= len(questions)]
        return tuple(questions)

    def debrief(self, *, so_far: bool = False) -> DebriefView:
        """The debrief of the ended game. With `so_far`, also of a game stopped before its end
        (a class that ended first): the decisions made, what really happened on those cards
        and the questions, with `finished` False and `stopped()` in place of the ending; without
        it, a game that has not ended has no debrief (GameError), so that no front end shows
        one by mistake in the middle of a game."""
        game = self.game
        finished = game.ending is not None
        if not finished and not so_far:
            raise GameError(self.t("play.not_ended"))
        spec = self.scenario.file
        t = self.t
        decisions = []
        matches = marked = 0
        for outcome in game.history:
            event = self.scenario.event(outcome.event_id)
            india = historical_option(event)
            same = india is not None and india.id == outcome.option_id
            matches += same
            marked += india is not None
            effects = ", ".join(f"{c.label} {c.amount:+d}"
                                for c in self.visible(outcome.changes)) or \
                t("debrief.no_change")
            landed = tuple(
                t("debrief.landed", turn=landed.turn,
                  text=self.text(landed.path, landed.text, turn=landed.turn)
                  or t("card.consequence"),
                  changes=", ".join(f"{c.label} {c.amount:+d}"
                                    for c in self.visible(landed.changes))
                  or t("debrief.no_change"))
                for later in game.history for landed in later.landed
                if landed.origin_event == outcome.event_id
                and landed.origin_option == outcome.option_id)
            decisions.append(DecisionView(
                turn=outcome.turn, date=t.card_date(event.date, event.title),
                event_id=event.id,
                title=event.title, chose=outcome.option_label,
                india=india.label if india else "", same_as_india=same, effects=effects,
                landed=landed))
        seen = [self.scenario.event(o.event_id) for o in game.history]
        history = tuple(HistoryView(e.id, e.title, t.card_date(e.date, e.title), e.history.strip(),
                                    tuple(e.sources)) for e in seen if e.history.strip())
        sources = tuple(dict.fromkeys([*spec.debrief.sources,
                                       *(s for e in seen for s in e.sources)]))
        return DebriefView(
            title=spec.title, ending=self.ending() if finished else self.stopped(),
            decisions=tuple(decisions),
            meter_ids=tuple(self.shown_meters),
            meter_labels=tuple(m.label for m in self.shown_meters.values()),
            track=tuple({m: point[m] for m in self.shown_meters} for point in game.meter_track),
            what_happened=spec.debrief.what_happened.strip(),
            history=history, questions=self.questions(), sources=sources,
            timeline=tuple((o.turn, t.date(self.scenario.event(o.event_id).date),
                            o.event_title) for o in game.history),
            illustrative_note=t("debrief.illustrative"), matches_india=matches,
            india_cards=marked, finished=finished)


def ending_reasons(scenario: Scenario, ending: Ending, values: dict[str, int],
                   t: Catalog) -> tuple[str, ...]:
    """Which meters decided an ending with these final meters: the thresholds of this ending
    that hold, and, when it is not a good one, those of the goal that failed. (The class
    report's pages for each student say it in the same words as the student's debrief.)"""
    spec = scenario.file
    shown = {m: v for m, v in spec.meters.items() if not v.hidden}  # never a hidden counter
    reasons = []
    if not ending.fallback and not ending.final:
        for term in thresholds(ending.when, shown):
            if _holds(values[term.meter], term.op, term.value):
                reasons.append(t("ending.reached", meter=spec.meters[term.meter].label,
                                 value=values[term.meter],
                                 threshold=t.threshold(term.op, f"{term.value:g}")))
    goal = _goal_for(ending, spec.endings, values, shown)
    if goal is not None:
        for term in thresholds(goal.when, shown):
            label = spec.meters[term.meter].label
            value = values[term.meter]
            ok = _holds(value, term.op, term.value)
            key = "ending.goal_term_ok" if ok else "ending.goal_term_missed"
            if ok and ending.tone != "good":
                continue
            reasons.append(t(key, meter=label, value=value,
                             threshold=t.threshold(term.op, f"{term.value:g}")))
    return tuple(reasons)


def _goal_for(ending: Ending, endings: Sequence[Ending], values: dict[str, int],
              shown: Mapping[str, Meter]) -> Ending | None:
    """The good ending at the end of the game that this ending is measured against: itself
    when it is one; otherwise, of a scenario's good final endings, the one the game came
    nearest (fewest thresholds missed; the first in the file on a tie). A good ending that
    ends the game early has said why already."""
    if ending.tone == "good":
        return ending if ending.final else None
    goals = [e for e in endings if e.tone == "good" and e.final]
    if not goals:
        return None
    return min(goals, key=lambda e: sum(not _holds(values[term.meter], term.op, term.value)
                                        for term in thresholds(e.when, shown)))


def historical_option(event: Event) -> Option | None:
    """The option India took on this card, if the scenario marks one."""
    return next((o for o in event.options if o.historical), None)


def _holds(value: float, op: str, limit: float) -> bool:
    return {">=": value >= limit, ">": value > limit, "<=": value <= limit, "<": value < limit,
            "==": value == limit, "!=": value != limit}[op]

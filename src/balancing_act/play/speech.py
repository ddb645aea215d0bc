"""What the game says aloud: each view of a game, in sentences for a listener.

The screen shows a meter change as "Security -3" and a preview as dots; a speech engine reads
"-3" as "3" and dots as nothing. So the words for listening are composed here, once, from the
same views the screen lays out ("Security down 3", "Security: a large change"), in the player's
language, for every front end that reads the screen aloud.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from balancing_act.play.catalog import Catalog
from balancing_act.play.views import (
    BriefingView,
    CardView,
    DebriefView,
    EffectView,
    MeterView,
    OptionChoice,
    OutcomeView,
)

_SILENT = str.maketrans({"•": " ", "·": ",", "—": ",", "…": " ", "[": " ", "]": " ",
                         "“": " ", "”": " ", "\"": " ", "*": " ", "_": " "})
_ENDS = (".", "!", "?", "।", ":", ";")


def clean(text: str) -> str:
    """Text as an engine should hear it: one line, without the symbols it reads out or
    stumbles on, and without runs of commas."""
    flat = " ".join(text.translate(_SILENT).split())
    flat = re.sub(r"\s+([,.;:!?।])", r"\1", flat)
    return re.sub(r"(,\s*)+,", ",", flat).strip(" ,")


def sentence(t: Catalog, text: str) -> str:
    """`text` ending as a sentence does in the language ("." or "।")."""
    text = clean(text)
    if not text or text.endswith(_ENDS):
        return text
    return t("sentence", text=text)


def join(parts: Iterable[str]) -> str:
    return " ".join(p for p in parts if p)


def amount(t: Catalog, label: str, change: int) -> str:
    """"Security up 3" / "Security down 3"."""
    return t("speech.rise" if change >= 0 else "speech.fall", meter=label, amount=abs(change))


def effects(t: Catalog, shown: Sequence[EffectView]) -> str:
    """A preview's effects in words: the amounts at 'numbers', the size at 'dots'."""
    words = [amount(t, e.label, e.amount) if e.amount is not None
             else t(f"speech.dots.{max(1, min(3, e.dots))}", meter=e.label) for e in shown]
    return ", ".join(words)


def percent(t: Catalog, p: float) -> str:
    return t("speech.percent", value=round(p * 100))


def option(t: Catalog, choice: OptionChoice, preview_level: str) -> str:
    """An option as its focus arrives: its number and label, then what it would do (or why
    it cannot be chosen)."""
    if not choice.available:
        return clean(t("speech.option_locked", number=choice.number, label=choice.label,
                       reason=choice.locked_reason))
    parts = [t("speech.option", number=choice.number, label=choice.label)]
    if preview_level == "none":
        parts.append(t("card.no_preview"))
    elif choice.effects:
        parts.append(t("speech.if_chosen", effects=effects(t, choice.effects)))
    elif not choice.results:
        parts.append(t("speech.no_change"))
    if choice.results:
        results = "; ".join(t("speech.result", percent=percent(t, r.p),
                              effects=effects(t, r.effects) or t("preview.no_change"))
                            for r in choice.results)
        parts.append(t("speech.uncertain", results=results))
    return clean(join(parts))


def card(t: Catalog, view: CardView) -> str:
    """A card as it opens: where the game stands, what has just landed, the card, the
    advisers, the options (their effects come as each is highlighted), and the keys."""
    header = view.turn_text + (f", {view.date}" if view.date else "")
    parts = [sentence(t, header)]
    for landing in view.landing:
        parts.append(t("speech.landing", text=clean(landing.text),
                       changes=", ".join(_changes_in_words(t, landing.changes))))
    parts += [sentence(t, view.title), sentence(t, view.text)]
    if view.advisers:
        parts.append(sentence(t, t("card.advisers")))
        parts += [sentence(t, f"{role}: {says}") for role, says in view.advisers]
    parts.append(t("speech.options"))
    parts += [clean(t("speech.option", number=o.number, label=o.label)) for o in view.options]
    parts.append(t("speech.card_hint"))
    return clean(join(parts))


def _changes_in_words(t: Catalog, changes: Iterable[str]) -> list[str]:
    """"Security -3" (a landing's change as shown) said as "Security down 3"."""
    words = []
    for change in changes:
        label, _, number = change.rpartition(" ")
        try:
            words.append(amount(t, label, int(number)))
        except ValueError:
            words.append(change)
    return words


def outcome(t: Catalog, view: OutcomeView) -> str:
    """What the choice did: the chance result, the outcome, every change, what it set in
    motion, and India's choice when the rules tell it now."""
    parts = [sentence(t, view.heading)]
    if view.chance_p is not None:
        parts.append(t("outcome.chance", percent=percent(t, view.chance_p)))
    parts.append(sentence(t, view.text))
    changes = [amount(t, c.label, c.amount) for c in view.changes]
    parts.append(t("speech.changes", changes=", ".join(changes)) if changes
                 else t("outcome.no_change"))
    parts += [sentence(t, note) for note in view.capped]
    parts.append(view.flags_note)
    if view.scheduled:
        parts.append(t("speech.scheduled", items="; ".join(clean(s) for s in view.scheduled)))
    if view.late:
        parts.append(t("outcome.late"))
    if view.history:
        parts += [sentence(t, t("outcome.what_happened")), sentence(t, view.history),
                  sentence(t, view.history_text)]
    return clean(join(parts))


def briefing(t: Catalog, view: BriefingView, controls: str) -> str:
    """The briefing, whole: a listener cannot glance back at it."""
    title = view.title + (f", {view.period}" if view.period else "")
    parts = [sentence(t, title)]
    if view.goal:
        parts.append(sentence(t, f"{t('briefing.goal')}: {view.goal}"))
    parts.append(sentence(t, view.briefing or view.summary))
    if view.background:
        parts += [sentence(t, t("briefing.background")), sentence(t, view.background)]
    parts.append(sentence(t, t("briefing.meters")))
    parts += [sentence(t, f"{label}: {description}" if description else label)
              for label, description, _ in view.meters]
    parts += [sentence(t, view.turns_text), sentence(t, controls)]
    return clean(join(parts))


def meters(t: Catalog, shown: Sequence[MeterView]) -> str:
    """Every meter: its value, its marks (the goal, where the game ends), a warning, and
    what last moved it."""
    parts = []
    for meter in shown:
        parts.append(t("speech.meter", meter=meter.label, value=meter.value))
        parts += [sentence(t, mark.text) for mark in meter.marks]
        if meter.warning:
            parts.append(sentence(t, meter.warning))
        if meter.recent:
            recent = "; ".join(_recent_in_words(t, meter.label, r) for r in meter.recent)
            parts.append(sentence(t, f"{t('meter.recent_heading')}: {recent}"))
    return clean(join(parts))


def _recent_in_words(t: Catalog, label: str, line: str) -> str:
    """"+5: Sign COMCASA (turn 1)" said as "Security up 5: Sign COMCASA (turn 1)"."""
    number, _, rest = line.partition(": ")
    try:
        change = int(number)
    except ValueError:
        return line
    return f"{amount(t, label, change)}: {rest}"


def ending(t: Catalog, view: DebriefView) -> str:
    """How the game ended, whether the goal was met and which meters decided it."""
    ending_view = view.ending
    parts = [sentence(t, t("ending.heading", title=ending_view.title)),
             sentence(t, ending_view.verdict)]
    parts += [sentence(t, reason) for reason in ending_view.reasons]
    parts.append(sentence(t, ending_view.text))
    return clean(join(parts))


def sites(urls: Iterable[str]) -> list[str]:
    """Sources said by their site ("ndtv.com"), not letter by letter."""
    names = []
    for url in urls:
        host = urlsplit(url).hostname or url
        host = host.removeprefix("www.")
        if host not in names:
            names.append(host)
    return names


def debrief_section(t: Catalog, view: DebriefView, section: str) -> str:
    """One part of the debrief, as the screen shows it."""
    parts: list[str] = []
    if section == "decisions":
        parts.append(sentence(t, t("ending.decisions")))
        for d in view.decisions:
            line = f"{t('text.turn_short', turn=d.turn)}, {d.title}"
            parts += [sentence(t, line), sentence(t, f"{t('debrief.you_chose')}: {d.chose}")]
            if d.india:
                parts.append(sentence(t, t("debrief.same") if d.same_as_india else
                                      f"{t('debrief.india_chose')}: {d.india}"))
        if view.india_cards:
            parts.append(sentence(t, t("debrief.matches", matches=view.matches_india,
                                       cards=view.india_cards)))
    elif section == "history":
        parts += [sentence(t, t("ending.what_happened")), sentence(t, view.what_happened)]
        for item in view.history:
            parts += [sentence(t, item.title), sentence(t, item.text)]
        parts.append(sentence(t, view.illustrative_note))
    elif section == "questions":
        parts.append(sentence(t, t("ending.questions")))
        parts += [sentence(t, f"{number}. {question}")
                  for number, question in enumerate(view.questions, start=1)]
    else:
        parts.append(t("speech.sources", sites=", ".join(sites(view.sources))))
    return clean(join(parts))

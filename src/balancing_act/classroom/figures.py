"""The class's figures: how its games ended, how it split on each card and what followed, and
the paths only one student took. (The card-by-card figures themselves are worked out once, in
`classroom.debrief`; this module gives them in the shapes the report and the live class use.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from balancing_act.classroom.debrief import class_cards
from balancing_act.classroom.verify import ClassResults, Verified


def ending_counts(report: ClassResults) -> Counter[str]:
    return Counter(c.game.ending.id for c in report.finished if c.game and c.game.ending)


def card_splits(report: ClassResults) -> list[dict[str, Any]]:
    """For each card any student met (or the class voted on): how the class split between its
    options, the projector votes, and the most common ending among those who chose each. A
    projector game is the class's, not one more student: only its votes count."""
    return [{"id": card.id, "title": card.title, "students": card.students,
             "voted": card.voted,
             "options": [{"id": o.id, "label": o.label, "count": o.count, "share": o.share,
                          "votes": o.votes, "then": o.then} for o in card.options]}
            for card in class_cards(report)]


def _name(checked: Verified) -> str:
    return checked.name


def unusual_paths(report: ClassResults,
                  label: Callable[[Verified], str] = _name) -> list[str]:
    """Endings only one student reached, and paths no one else took (each student shown by
    `label`: their name, or their number in the anonymous view)."""
    notes = []
    counts = ending_counts(report)
    titles = {e.id: e.title for e in report.scenario.file.endings}
    for checked in report.finished:
        ending = checked.game.ending.id if checked.game.ending else ""
        if counts[ending] == 1 and len(report.finished) > 1:
            notes.append(f"{label(checked)} alone reached '{titles[ending]}'.")
    paths = Counter(tuple(c.game.choices) for c in report.counted)
    chosen_by = Counter(pick for c in report.counted
                        for pick in {(o.event_id, o.option_id) for o in c.game.history})
    for checked in report.counted:
        if paths[tuple(checked.game.choices)] == 1 and len(report.counted) > 2:
            first = next((o for o in checked.game.history
                          if chosen_by[(o.event_id, o.option_id)] == 1), None)
            if first is not None:
                notes.append(f"{label(checked)} was the only one to choose "
                             f"'{first.option_label}' on '{first.event_title}'.")
    return notes

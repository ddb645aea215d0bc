"""The class's figures: how its games ended, how it split on each card and what followed, and
the paths only one student took."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from balancing_act.classroom.verify import ClassResults


def ending_counts(report: ClassResults) -> Counter[str]:
    return Counter(c.game.ending.id for c in report.finished if c.game and c.game.ending)


def card_splits(report: ClassResults) -> list[dict[str, Any]]:
    """For each card any student saw: how the class split between its options, and the most
    common ending among those who chose each."""
    picks: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    endings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for projector in report.projector:  # votes count only from the class's own games
        for decision in projector.result.decisions:
            for option_id, count in (decision.votes or {}).items():
                if count > 0:
                    votes[decision.event][option_id] += count
    for checked in [*report.counted, *report.projector]:
        game = checked.game
        assert game is not None
        ending = game.ending.id if game.ending else "unfinished"
        for outcome in game.history:
            picks[outcome.event_id][outcome.option_id] += 1
            endings[(outcome.event_id, outcome.option_id)][ending] += 1
    rows = []
    for event in report.scenario.file.events:
        if event.id not in picks:
            continue
        total = sum(picks[event.id].values())
        options = []
        for option in event.options:
            count = picks[event.id][option.id]
            followed = endings[(event.id, option.id)].most_common(1)
            options.append({"id": option.id, "label": option.label, "count": count,
                            "share": count / total, "votes": votes[event.id][option.id],
                            "then": followed[0][0] if followed else ""})
        rows.append({"id": event.id, "title": event.title, "students": total,
                     "voted": sum(votes[event.id].values()), "options": options})
    return rows


def unusual_paths(report: ClassResults) -> list[str]:
    """Endings only one student reached, and paths no one else took."""
    notes = []
    counts = ending_counts(report)
    titles = {e.id: e.title for e in report.scenario.file.endings}
    for checked in report.finished:
        ending = checked.game.ending.id if checked.game.ending else ""
        if counts[ending] == 1 and len(report.finished) > 1:
            notes.append(f"{checked.name} alone reached '{titles[ending]}'.")
    paths = Counter(tuple(c.game.choices) for c in report.counted)
    chosen_by = Counter(pick for c in report.counted
                        for pick in {(o.event_id, o.option_id) for o in c.game.history})
    for checked in report.counted:
        if paths[tuple(checked.game.choices)] == 1 and len(report.counted) > 2:
            first = next((o for o in checked.game.history
                          if chosen_by[(o.event_id, o.option_id)] == 1), None)
            if first is not None:
                notes.append(f"{checked.name} was the only one to choose "
                             f"'{first.option_label}' on '{first.event_title}'.")
    return notes

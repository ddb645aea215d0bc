"""Generated scenarios of any size, for benchmarks: every feature of the format is used
(conditions, flags, chance, delayed effects, follow-up cards, all kinds of endings)."""

from __future__ import annotations

import random
from typing import Any

import yaml

METERS = ("autonomy", "security", "trust_us", "trust_russia")


def synthetic_scenario(events: int = 50, turns: int = 20, seed: int = 1) -> dict[str, Any]:
    """A valid scenario as data, the same for the same arguments."""
    rng = random.Random(seed)
    flags = [f"flag_{i}" for i in range(max(4, events // 5))]
    cards = []
    for number in range(events):
        options = []
        for k in range(rng.randint(2, 4)):
            option: dict[str, Any] = {
                "id": f"option_{k}", "label": f"Option {k + 1} of card {number}",
                "effects": {m: rng.randint(-10, 10) for m in rng.sample(METERS, 3)},
                "outcome": "Something happens.",
            }
            if rng.random() < 0.3:
                option["set"] = [rng.choice(flags)]
            if rng.random() < 0.15:
                option["when"] = f"{rng.choice(METERS)} > {rng.randint(10, 40)}"
            if rng.random() < 0.2:
                option["chance"] = [
                    {"p": 0.6, "effects": {rng.choice(METERS): rng.randint(1, 8)},
                     "outcome": "It goes well."},
                    {"p": 0.4, "effects": {rng.choice(METERS): -rng.randint(1, 8)},
                     "outcome": "It goes badly."}]
            if rng.random() < 0.15:
                option["later"] = [{"after": rng.randint(1, 3),
                                    "effects": {rng.choice(METERS): rng.randint(-6, 6)},
                                    "text": "A consequence lands."}]
            options.append(option)
        card: dict[str, Any] = {"id": f"card_{number}", "title": f"Card {number}",
                                "text": "A situation that calls for a decision. " * 4,
                                "options": options, "weight": rng.choice([1, 1, 2, 3])}
        roll = rng.random()
        if roll < 0.2:
            card["when"] = f"turn >= {rng.randint(2, max(2, turns // 2))}"
        elif roll < 0.35:
            card["when"] = f"flags.{rng.choice(flags)} or {rng.choice(METERS)} < 50"
        if number % 10 == 9 and number > 0:  # a follow-up card, sent by the card before it
            card["weight"] = 0
            cards[-1]["options"][0].setdefault("later", []).append(
                {"after": 1, "event": card["id"]})
        cards.append(card)
    return {
        "format": 1, "id": f"synthetic-{events}", "title": f"Synthetic ({events} cards)",
        "summary": "Generated for benchmarks.", "turns": turns,
        "meters": {m: {"label": m.replace("_", " ").title(), "start": 50} for m in METERS},
        "flags": {f: {"description": "generated"} for f in flags},
        "events": cards,
        "endings": [
            {"id": "junior_ally", "title": "Junior ally", "when": "trust_us >= 95"},
            {"id": "isolated", "title": "Isolated",
             "when": "trust_us <= 5 and trust_russia <= 5"},
            {"id": "balanced", "title": "Balanced", "final": True,
             "when": "autonomy >= 55 and trust_us >= 40 and trust_russia >= 40"},
            {"id": "secure", "title": "Secure", "final": True, "when": "security >= 60"},
            {"id": "muddled", "title": "Muddling through", "fallback": True},
        ],
    }


def synthetic_yaml(events: int = 50, turns: int = 20, seed: int = 1) -> str:
    return yaml.safe_dump(synthetic_scenario(events, turns, seed), sort_keys=False)

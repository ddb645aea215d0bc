"""The counterparts' faces: an official of Washington, of Moscow and of New Delhi, reacting to
the last decision.

Which meter each counterpart watches is read from the scenario's meters: the US official
follows the partner meter that names Washington (or the United States), the Russian official
the one that names Moscow (or Russia), and the Indian official India's own meters (every meter
that is not a partner's trust: strategic autonomy, security, the economy ...). A counterpart
whose meter the scenario does not have is not shown. The expression is the sign of what moved:
pleased when the watched meters rose, concerned when they fell, neutral otherwise. This is
presentation only: the changes themselves come from the play layer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from balancing_act.scenario.model import Meter

COUNTERPARTS = ("us", "russia", "india")
EXPRESSIONS = ("pleased", "neutral", "concerned")
_NAMES = {"us": re.compile(r"\b(us|usa|washington|united states|america|american)\b"),
          "russia": re.compile(r"\b(russia|russian|moscow|kremlin)\b")}


@dataclass(frozen=True)
class Portrait:
    who: str  # "us", "russia" or "india"
    expression: str  # "pleased", "neutral" or "concerned"
    change: int  # the sum of the watched meters' changes

    @property
    def image(self) -> str:
        return f"images/portraits/{self.who}_{self.expression}.png"


def watched(meters: Mapping[str, Meter]) -> dict[str, tuple[str, ...]]:
    """The meters each counterpart watches, for the counterparts this scenario has."""
    found: dict[str, tuple[str, ...]] = {}
    for who, pattern in _NAMES.items():
        for meter_id, meter in meters.items():
            words = f"{meter_id.replace('_', ' ')} {meter.label}".casefold()
            if meter.role == "partner" and pattern.search(words):
                found[who] = (meter_id,)
                break
    own = tuple(meter_id for meter_id, meter in meters.items() if meter.role != "partner")
    if own:
        found["india"] = own
    return {who: found[who] for who in COUNTERPARTS if who in found}


def expression(change: int) -> str:
    return "pleased" if change > 0 else "concerned" if change < 0 else "neutral"


def reactions(meters: Mapping[str, Meter], before: Mapping[str, int] | None,
              after: Mapping[str, int] | None) -> list[Portrait]:
    """Each counterpart's reaction to the move from `before` to `after` (neutral faces when
    nothing has been decided yet)."""
    portraits = []
    for who, ids in watched(meters).items():
        change = sum(after[m] - before[m] for m in ids) if before and after else 0
        portraits.append(Portrait(who, expression(change), change))
    return portraits

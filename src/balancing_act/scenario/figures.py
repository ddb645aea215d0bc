"""The balance figures of a scenario's numbers: do its options teach a seesaw or a balance?

A scenario about multi-vector diplomacy teaches whatever its effects reward. These figures are
read straight from the file (no games are played), for the two meters marked `role: partner`
and the one marked `role: autonomy`:

- the *seesaw share*: of the options that move either partner's trust, those that move the two
  in opposite directions (a zero-sum choice);
- the *both-up share*: of the same options, those that raise both;
- the *autonomy gap*: the mean autonomy change of options that favour the first partner, minus
  that of options favouring the second (an option favours the partner whose trust it raises
  more).

An option's effect counts everything it sets in motion: its own effects, its chance results
weighted by their probability, and its delayed consequences.
"""

from __future__ import annotations

from dataclasses import dataclass

from balancing_act.scenario.model import Option, ScenarioFile

SEESAW_WARNING = 0.5
AUTONOMY_GAP_WARNING = 1.0


def expected_option_effects(option: Option) -> dict[str, float]:
    """Everything the option sets in motion, chance results weighted by their probability."""
    total: dict[str, float] = {}

    def add(effects: dict[str, int], weight: float) -> None:
        for meter, amount in effects.items():
            total[meter] = total.get(meter, 0.0) + weight * amount

    add(option.effects, 1.0)
    for later in option.later:
        add(later.effects, 1.0)
    for outcome in option.chance:
        add(outcome.effects, outcome.p)
        for later in outcome.later:
            add(later.effects, outcome.p)
    return total


@dataclass(frozen=True)
class TrustFigures:
    """How a scenario's options move the two partners' trust and autonomy."""

    partners: tuple[str, str]
    autonomy: str | None
    options: int  # every option in the file
    moving: int  # options that move either partner's trust
    opposite: int  # ... in opposite directions
    both_up: int  # ... raising both
    both_down: int  # ... lowering both
    favour_first: int  # options raising the first partner's trust more than the second's
    favour_second: int
    autonomy_first: float | None  # mean autonomy change of the options favouring the first
    autonomy_second: float | None

    @property
    def seesaw_share(self) -> float:
        return self.opposite / self.moving if self.moving else 0.0

    @property
    def both_up_share(self) -> float:
        return self.both_up / self.moving if self.moving else 0.0

    @property
    def autonomy_gap(self) -> float | None:
        if self.autonomy_first is None or self.autonomy_second is None:
            return None
        return self.autonomy_first - self.autonomy_second

    def summary(self, labels: dict[str, str]) -> str:
        first, second = (labels.get(p, p) for p in self.partners)
        text = (f"of {self.moving} options that move trust, {self.seesaw_share:.0%} move "
                f"{first} and {second} in opposite directions and {self.both_up_share:.0%} "
                "raise both")
        gap = self.autonomy_gap
        if gap is not None and self.autonomy is not None:
            text += (f"; autonomy {self.autonomy_first:+.1f} for options favouring {first}, "
                     f"{self.autonomy_second:+.1f} for {second} (gap {gap:+.1f})")
        return text

    def to_dict(self) -> dict[str, object]:
        return {"partners": list(self.partners), "autonomy": self.autonomy,
                "options": self.options, "moving": self.moving, "opposite": self.opposite,
                "both_up": self.both_up, "both_down": self.both_down,
                "seesaw_share": self.seesaw_share, "both_up_share": self.both_up_share,
                "favour_first": self.favour_first, "favour_second": self.favour_second,
                "autonomy_first": self.autonomy_first, "autonomy_second": self.autonomy_second,
                "autonomy_gap": self.autonomy_gap}


def trust_figures(spec: ScenarioFile) -> TrustFigures | None:
    """The figures, or None when the scenario does not mark exactly two `partner` meters."""
    partners = [m for m, meter in spec.meters.items() if meter.role == "partner"]
    if len(partners) != 2:
        return None
    autonomy = next((m for m, meter in spec.meters.items() if meter.role == "autonomy"), None)
    first, second = partners
    options = moving = opposite = both_up = both_down = 0
    favour: dict[int, list[float]] = {0: [], 1: []}
    for event in spec.events:
        for option in event.options:
            options += 1
            effects = expected_option_effects(option)
            a, b = effects.get(first, 0.0), effects.get(second, 0.0)
            if abs(a) < 1e-9 and abs(b) < 1e-9:
                continue
            moving += 1
            opposite += a * b < 0
            both_up += a > 0 and b > 0
            both_down += a < 0 and b < 0
            if autonomy is not None and abs(a - b) > 1e-9:
                favour[0 if a > b else 1].append(effects.get(autonomy, 0.0))

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    return TrustFigures(
        partners=(first, second), autonomy=autonomy, options=options, moving=moving,
        opposite=opposite, both_up=both_up, both_down=both_down,
        favour_first=len(favour[0]), favour_second=len(favour[1]),
        autonomy_first=mean(favour[0]), autonomy_second=mean(favour[1]))

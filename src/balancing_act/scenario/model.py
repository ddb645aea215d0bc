"""The typed structure of a scenario file (format 1), as pydantic models.

These models say what keys exist, their types and ranges; they are also the source of
`balancing-act schema`. Checks that need the whole file (ids that must exist, conditions,
probabilities that must add up) live in `loader.py`, which reports them with positions.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

FORMAT_VERSION = 1
MAX_EFFECT = 1000
MAX_METER_VALUE = 1_000_000
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z][a-z0-9_-]*$"


def _number_as_text(value: Any) -> Any:
    """Let `period: 2018` mean the text '2018'; YAML reads it as a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _whole_number(value: Any) -> Any:
    """Let `start: 50.0` mean 50, as JSON Schema's `integer` does; 50.5 stays an error."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# The JSON Schema says what the validators above let through, so that an editor checking the
# schema and the game agree: text may be written as a number, a whole number as 50.0.
Text = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(max_length=20_000),
                 WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 20_000},
                                           {"type": "number"}]})]
DATE_PATTERN = r"^[12][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"


def _calendar_day(value: str) -> str:
    """A full date must be a day of the calendar: 2019-02-31 fits the pattern, not the year."""
    if len(value) == 10:
        try:
            datetime.date(int(value[:4]), int(value[5:7]), int(value[8:]))
        except ValueError:
            raise ValueError(f"'{value}' is not a day of the calendar") from None
    return value


Date = Annotated[str, BeforeValidator(_number_as_text), StringConstraints(pattern=DATE_PATTERN),
                 AfterValidator(_calendar_day),
                 WithJsonSchema({"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                                           {"type": "integer", "minimum": 1000,
                                            "maximum": 2999}]})]
Whole = Annotated[int, BeforeValidator(_whole_number)]
Ident = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=48)]
ConditionText = str | bool
Effects = dict[Ident, Annotated[int, Field(ge=-MAX_EFFECT, le=MAX_EFFECT),
                                BeforeValidator(_whole_number)]]
FlagList = Annotated[list[Ident], Field(max_length=64)]
MeterValue = dict[Ident, Annotated[int, Field(ge=-MAX_METER_VALUE, le=MAX_METER_VALUE),
                                   BeforeValidator(_whole_number)]]
SetList = Annotated[list[Ident | MeterValue], Field(
    max_length=64, description="Flags to switch on, and {meter: value} to set a meter to a "
                               "value (a counter reset, for instance).")]


class _Strict(BaseModel):
    """Unknown keys are errors, numbers are not silently made from text, NaN is refused."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class _Switches(_Strict):
    """What a decision or a consequence switches: flags on (`set`), off (`clear`), and meters
    set to a value (`set: [{meter: value}]`)."""

    set: SetList = Field(default_factory=list)
    clear: FlagList = Field(default_factory=list)

    @property
    def flags_on(self) -> list[str]:
        return [item for item in self.set if isinstance(item, str)]

    @property
    def meter_values(self) -> dict[str, int]:
        values: dict[str, int] = {}
        for item in self.set:
            if isinstance(item, dict):
                values.update(item)
        return values


class Meter(_Strict):
    """A score the scenario tracks, such as strategic autonomy."""

    label: Text = Field(description="The name players see, e.g. 'Strategic autonomy'.")
    start: Whole = Field(ge=-MAX_METER_VALUE, le=MAX_METER_VALUE, description="Value at turn 1.")
    min: Whole = Field(0, ge=-MAX_METER_VALUE, le=MAX_METER_VALUE,
                     description="Lowest value; effects are clamped to it.")
    max: Whole = Field(100, ge=-MAX_METER_VALUE, le=MAX_METER_VALUE,
                     description="Highest value; effects are clamped to it.")
    description: Text = Field("", description="What the meter means, shown in the briefing.")
    hidden: bool = Field(False, description="A counter that conditions read but the player "
                                            "never sees (not on the bars, in previews, "
                                            "outcomes or the debrief).")
    role: Literal["autonomy", "partner", "other"] = Field(
        "other", description="What the meter stands for in the balance figures: 'autonomy' "
                             "(strategic autonomy) or 'partner' (trust in one of the two great "
                             "powers); the linter measures how options move them.")


class FlagDeclaration(_Strict):
    """A named fact that options set and clear, declared to document it or to start it true."""

    description: Text = ""
    start: bool = False


class Later(_Switches):
    """A delayed consequence: a follow-up card, effects landing later, or both."""

    after: Whole = Field(ge=1, le=100, description="Turns from now: 1 means the next turn.")
    event: Ident | None = Field(None, description="A card forced to appear on that turn.")
    effects: Effects = Field(default_factory=dict)
    text: Text = Field("", description="What the player reads when the effects land.")


class ChanceOutcome(_Switches):
    """One of an option's uncertain results, drawn with probability `p`."""

    p: float = Field(gt=0, le=1)
    effects: Effects = Field(default_factory=dict)
    outcome: Text = ""
    later: list[Later] = Field(default_factory=list, max_length=16)


class OptionTemplate(_Switches):
    """What several options share, written once under `templates:` and reused with `use:`."""

    label: Text | None = None
    when: ConditionText | None = None
    effects: Effects = Field(default_factory=dict)
    outcome: Text = ""
    chance: list[ChanceOutcome] = Field(default_factory=list, max_length=8)
    later: list[Later] = Field(default_factory=list, max_length=16)


class Option(_Switches):
    """A response the player can choose on a card."""

    id: Ident
    use: Ident | None = Field(None, description="A template under `templates:` whose keys this "
                                                "option takes; keys given here replace them.")
    label: Text
    when: ConditionText | None = Field(None, description="Availability condition.")
    effects: Effects = Field(default_factory=dict)
    outcome: Text = ""
    chance: list[ChanceOutcome] = Field(default_factory=list, max_length=8)
    later: list[Later] = Field(default_factory=list, max_length=16)
    historical: bool = Field(False, description="What India actually did; the debrief (or, "
                                                "where the session allows, the outcome) says so.")


class Adviser(_Strict):
    """One voice inside the government on a card, as in a role brief."""

    role: Text = Field(description="Who speaks, e.g. 'Ministry of Petroleum'.")
    says: Text = Field(description="Their advice in a sentence or two.")


class Event(_Strict):
    """A card: a situation and the options it offers."""

    id: Ident
    title: Text
    text: Text
    image: str | None = Field(None, max_length=300,
                              description="Relative to assets/ or the scenario's folder.")
    sound: str | None = Field(None, max_length=300,
                              description="Played when the card appears; relative to assets/ "
                                          "or the scenario's folder.")
    when: ConditionText | None = Field(None, description="Eligibility condition.")
    date: Date | None = Field(None, description="When the card happens: YYYY, YYYY-MM or "
                                                "YYYY-MM-DD. Shown on the card; a dated card "
                                                "never comes after a card with a later date.")
    weight: float = Field(1.0, ge=0, le=1_000_000,
                          description="Draw weight; 0 means it only arrives through `later`.")
    once: bool = Field(True, description="Shown at most once per game.")
    history: Text = Field("", description="What really happened, with dates (debrief).")
    sources: list[Text] = Field(default_factory=list, max_length=20)
    advisers: list[Adviser] = Field(default_factory=list, max_length=4,
                                    description="Two or three voices inside the government.")
    options: list[Option] = Field(min_length=1, max_length=4)


class Ending(_Strict):
    """How a game can end. Checked in file order; the first match wins."""

    id: Ident
    title: Text
    text: Text = ""
    when: ConditionText | None = None
    final: bool = Field(False, description="Checked only when the turns run out.")
    fallback: bool = Field(False, description="The ending when no other one matches.")
    tone: Literal["good", "mixed", "bad"] = "mixed"
    sound: str | None = Field(None, max_length=300,
                              description="Played with the ending; relative to assets/ or the "
                                          "scenario's folder.")


class Debrief(_Strict):
    """What the class discusses after the game."""

    what_happened: Text = ""
    questions: list[Text] = Field(default_factory=list, max_length=50)
    sources: list[Text] = Field(default_factory=list, max_length=50)


class ScenarioFile(_Strict):
    """A whole scenario file, format 1."""

    format: Literal[1] = Field(description="The scenario format version; always 1 for now.")
    id: Annotated[str, StringConstraints(pattern=SCENARIO_ID_PATTERN, max_length=64)]
    title: Text
    summary: Text = ""
    difficulty: Literal["introductory", "standard", "challenging"] = "standard"
    period: Text = ""
    briefing: Text = ""
    background: Text = Field("", description="The situation in brief, with the key figures, "
                                             "shown with the briefing.")
    goal: Text = ""
    preview: Literal["none", "dots", "numbers"] = Field(
        "dots", description="How much a card reveals about its options' effects.")
    turns: Whole = Field(ge=1, le=200)
    meters: dict[Ident, Meter] = Field(min_length=1, max_length=12)
    flags: dict[Ident, FlagDeclaration] = Field(default_factory=dict, max_length=500)
    events: list[Event] = Field(min_length=1, max_length=2000)
    endings: list[Ending] = Field(min_length=1, max_length=100)
    templates: dict[Ident, OptionTemplate] = Field(
        default_factory=dict, max_length=200,
        description="Option templates: an option with `use: NAME` takes their keys.")
    debrief: Debrief = Field(default_factory=Debrief)
    glossary: dict[Text, Text] = Field(default_factory=dict, max_length=500)

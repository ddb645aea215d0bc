"""Terminal play: the whole game as text, for a terminal or for a scripted classroom run.

With a terminal it prompts; with anything else on stdin it reads one option number per line, so
`balancing-act play SCENARIO --text < choices.txt` replays a game. A bad entry re-prompts; the end
of input stops cleanly with a message (exit 0 if the game had ended, 3 if not).
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterable
from typing import TextIO

from balancing_act.classroom.results import Recorder
from balancing_act.engine.game import Change, Game, Landed, OptionView, Outcome
from balancing_act.scenario.glossary import terms_in
from balancing_act.scenario.loader import Scenario

EXIT_ENDED = 0
EXIT_UNFINISHED = 3
BAR_WIDTH = 20
HELP = ("Type an option's number and press Enter. Other commands: m = meters, "
        "g = glossary terms on this card, h = help, q = quit.")
UNDO_HELP = " In this class session, u undoes your last decision."


class TextGame:
    """Plays one `Game` on text streams."""

    def __init__(self, game: Game, stdin: TextIO, stdout: TextIO, *, interactive: bool,
                 recorder: Recorder | None = None, preview: str | None = None,
                 undo: bool = False) -> None:
        self.game = game
        self.recorder = recorder
        self.preview_level = preview or game.scenario.file.preview
        self.undo_allowed = undo
        self.scenario: Scenario = game.scenario
        self.stdin = stdin
        self.out = stdout
        self.interactive = interactive
        self.width = min(shutil.get_terminal_size((80, 24)).columns, 100) if interactive else 78
        encoding = (getattr(stdout, "encoding", None) or "utf-8").lower()
        self.fancy = "utf" in encoding
        self.full, self.empty = ("█", "░") if self.fancy else ("#", "-")

    # -- output helpers ------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "") -> None:
        for block in text.strip().split("\n\n"):
            self.say(textwrap.fill(" ".join(block.split()), self.width, initial_indent=indent,
                                   subsequent_indent=indent))
            self.say()

    def heading(self, text: str) -> None:
        self.say(text)
        self.say(("═" if self.fancy else "=") * min(len(text), self.width))

    def rule(self) -> None:
        self.say(("─" if self.fancy else "-") * self.width)

    # -- the game --------------------------------------------------------------------------------

    def run(self) -> int:
        self.briefing()
        while not self.game.finished:
            self.show_card()
            if self.recorder:
                self.recorder.card_shown()
            view = self.ask()
            if view is None:
                self.save_result()
                return EXIT_UNFINISHED
            if view == "undo":
                continue
            turn, event_id = self.game.turn, self.game.event.id
            outcome = self.game.choose(view.id)
            if self.recorder:
                self.recorder.decided(turn, event_id, view.id)
                self.recorder.write(self.game)  # a crash loses nothing already decided
            self.show_outcome(outcome)
        self.debrief()
        self.save_result()
        return EXIT_ENDED

    def save_result(self) -> None:
        if self.recorder is None:
            return
        path = self.recorder.write(self.game)
        self.say(f"Your result is saved in {path}")
        self.say("Hand in this file as your instructor asks (upload it or copy it to the "
                 "class folder).")

    def briefing(self) -> None:
        spec = self.scenario.file
        self.heading(spec.title + (f" ({spec.period})" if spec.period else ""))
        if spec.summary:
            self.para(spec.summary)
        if spec.briefing:
            self.para(spec.briefing)
        self.say("The meters:")
        for meter in spec.meters.values():
            line = f"  {meter.label}: {meter.description}" if meter.description else \
                f"  {meter.label}"
            self.say(textwrap.fill(line, self.width, subsequent_indent="    "))
        self.say()
        if spec.goal:
            self.para("Your goal: " + spec.goal)
        if self.recorder:
            self.para(f"Class session {self.recorder.session.class_code}, playing as "
                      f"{self.recorder.name}.")
        self.para(f"{spec.turns} turns. Seed {self.game.seed}: play it again with --seed "
                  f"{self.game.seed}. {HELP}" + (UNDO_HELP if self.undo_allowed else ""))

    def meter_lines(self) -> list[str]:
        spec = self.scenario.file.meters
        width = max(len(m.label) for m in spec.values())
        lines = []
        for meter_id, value in self.game.meters.items():
            meter = spec[meter_id]
            share = (value - meter.min) / (meter.max - meter.min)
            filled = round(share * BAR_WIDTH)
            bar = self.full * filled + self.empty * (BAR_WIDTH - filled)
            lines.append(f"  {meter.label:<{width}}  {bar}  {value:>3}")
        return lines

    def show_card(self) -> None:
        event = self.game.event
        assert event is not None
        self.rule()
        self.say(f"Turn {self.game.turn} of {self.game.turns}")
        for line in self.meter_lines():
            self.say(line)
        self.say()
        self.heading(event.title)
        self.para(event.text)
        for view in self.game.options:
            self.say(self.option_line(view))
        terms = self.terms_on_card()
        if terms:
            self.say(f"\n  Terms on this card: {', '.join(terms)} (type g to read them)")
        self.say()

    def option_line(self, view: OptionView) -> str:
        """The option, with its preview after it or, when that is too long, wrapped below it
        without splitting a meter from its change."""
        text = f"  {view.number}) {view.label}"
        preview = "(not available now)" if not view.available else self.preview(view)
        if not preview:
            return textwrap.fill(text, self.width, subsequent_indent="     ")
        line = f"{text}  {preview}"
        if len(line) <= self.width:
            return line
        glued = preview.replace(", ", ",\n").replace(" ", "\xa0").replace(",\n", ", ")
        return (textwrap.fill(text, self.width, subsequent_indent="     ") + "\n" + textwrap.fill(
            glued, self.width, initial_indent="     ", subsequent_indent="     ")
                ).replace("\xa0", " ")

    def preview(self, view: OptionView) -> str:
        level = self.preview_level
        if level == "none" or not view.effects:
            return "[uncertain]" if view.uncertain and level != "none" else ""
        labels = self.scenario.file.meters
        if level == "numbers":
            parts = [f"{labels[m].label} {a:+d}" for m, a in view.effects.items()]
        else:
            dot = "•" if self.fancy else "*"
            parts = [f"{labels[m].label} {dot * _dots(a)}" for m, a in view.effects.items()]
        if view.uncertain:
            parts.append("uncertain")
        return "[" + ", ".join(parts) + "]"

    def terms_on_card(self) -> list[str]:
        event = self.game.event
        if event is None:
            return []
        text = f"{event.title} {event.text} " + " ".join(o.label for o in event.options)
        return terms_in(text, self.scenario.file.glossary)

    def ask(self) -> OptionView | str | None:
        options = self.game.options
        numbers = [v.number for v in options if v.available]
        prompt = f"Your choice ({', '.join(map(str, numbers))}): "
        while True:
            if self.interactive:
                self.out.write(prompt)
                self.out.flush()
            line = self.stdin.readline()
            if not line:
                self.say(f"\nInput ended before the game finished (turn {self.game.turn} of "
                         f"{self.game.turns}).")
                return None
            answer = line.strip().lower()
            if not answer:
                continue
            if not self.interactive:
                self.say(f"> {answer}")
            if answer in ("q", "quit"):
                self.say(f"You left the game at turn {self.game.turn} of {self.game.turns}.")
                return None
            if answer in ("h", "help", "?"):
                self.say(HELP)
                continue
            if answer in ("m", "meters"):
                for row in self.meter_lines():
                    self.say(row)
                continue
            if answer in ("g", "glossary"):
                self.show_glossary()
                continue
            if answer in ("u", "undo") and self.undo_allowed:
                if not self.game.choices:
                    self.say("There is no decision to undo yet.")
                    continue
                self.game = Game.replay(self.scenario, self.game.seed, self.game.choices[:-1])
                if self.recorder:
                    self.recorder.undo()
                self.say("Your last decision is undone.")
                return "undo"
            chosen = next((v for v in options if answer == str(v.number)), None)
            if chosen is None:
                self.say(f"Please enter one of {', '.join(map(str, numbers))} "
                         "(or h for help).")
            elif not chosen.available:
                self.say(f"Option {chosen.number} is not available now; choose "
                         f"{', '.join(map(str, numbers))}.")
            else:
                return chosen

    def show_glossary(self) -> None:
        terms = self.terms_on_card() or list(self.scenario.file.glossary)
        if not terms:
            self.say("This scenario has no glossary.")
        for term in terms:
            self.say(textwrap.fill(f"{term}: {self.scenario.file.glossary[term]}", self.width,
                                   subsequent_indent="    "))

    def change_lines(self, changes: Iterable[Change], indent: str = "  ") -> list[str]:
        return [f"{indent}{c.label} {c.amount:+d}" for c in changes]

    def show_outcome(self, outcome: Outcome) -> None:
        self.say()
        self.say(f"You chose: {outcome.option_label}")
        if outcome.chance_p is not None:
            self.say(f"(An uncertain result: this one was {outcome.chance_p:.0%} likely.)")
        if outcome.text:
            self.para(outcome.text)
        for line in self.change_lines(outcome.changes):
            self.say(line)
        for before_after in self.clamped(outcome):
            self.say(before_after)
        for scheduled in outcome.scheduled:
            self.say(f"  Later, on turn {scheduled.due_turn}: {scheduled.text}")
        for landed in outcome.landed:
            self.show_landed(landed)
        self.say()

    def clamped(self, outcome: Outcome) -> list[str]:
        notes = []
        totals: dict[str, int] = {}
        for change in outcome.changes:
            totals[change.meter] = totals.get(change.meter, 0) + change.amount
        for meter, total in totals.items():
            moved = outcome.meters_after[meter] - outcome.meters_before[meter]
            if moved != total:
                label = self.scenario.file.meters[meter].label
                notes.append(f"  ({label} stops at {outcome.meters_after[meter]}: the end of "
                             "its range.)")
        return notes

    def show_landed(self, landed: Landed) -> None:
        self.say()
        self.say(f"Turn {landed.turn}: a consequence of an earlier decision arrives "
                 f"({landed.origin}).")
        if landed.text:
            self.para(landed.text, indent="  ")
        for line in self.change_lines(landed.changes):
            self.say(line)

    def debrief(self) -> None:
        ending = self.game.ending
        assert ending is not None
        spec = self.scenario.file
        self.rule()
        self.heading(f"Ending: {ending.title}")
        if ending.text:
            self.para(ending.text)
        for line in self.meter_lines():
            self.say(line)
        self.say()
        if self.interactive:
            self.out.write("Press Enter for the debrief. ")
            self.out.flush()
            self.stdin.readline()
            self.say()
        self.heading("Your decisions")
        for outcome in self.game.history:
            effects = ", ".join(f"{c.label} {c.amount:+d}" for c in outcome.changes) or \
                "no change"
            self.say(textwrap.fill(
                f"Turn {outcome.turn}. {outcome.event_title}: {outcome.option_label} "
                f"({effects})", self.width, subsequent_indent="    "))
            for landed in outcome.landed:
                moved = ", ".join(f"{c.label} {c.amount:+d}" for c in landed.changes)
                what = landed.text or "a delayed consequence"
                self.say(textwrap.fill(f"    then, turn {landed.turn}: {what} "
                                       f"({moved or 'no change'})", self.width,
                                       subsequent_indent="      "))
        self.say()
        self.heading("The meters, turn by turn")
        for line in self.meter_table():
            self.say(line)
        self.say()
        self.heading("What really happened")
        if spec.debrief.what_happened:
            self.para(spec.debrief.what_happened)
        for outcome in self.game.history:
            event = self.scenario.event(outcome.event_id)
            if event.history:
                self.para(f"{event.title}: {event.history}", indent="  ")
        questions = list(spec.debrief.questions)
        chosen = self.recorder.session.rules.questions if self.recorder else None
        if chosen:  # the class session shows only the questions the instructor picked
            questions = [questions[i - 1] for i in chosen if 1 <= i <= len(questions)]
        if questions:
            self.heading("Questions for discussion")
            for number, question in enumerate(questions, start=1):
                self.say(textwrap.fill(f"{number}. {question}", self.width,
                                       subsequent_indent="   "))
            self.say()
        sources = list(dict.fromkeys([*spec.debrief.sources, *(
            s for o in self.game.history for s in self.scenario.event(o.event_id).sources)]))
        if sources:
            self.heading("Sources")
            for source in sources:
                self.say(f"  {source}")
            self.say()

    def meter_table(self) -> list[str]:
        track = self.game.meter_track
        spec = self.scenario.file.meters
        width = max(len(m.label) for m in spec.values())
        header = f"  {'':<{width}}  {'start':>5}" + "".join(f"{'T' + str(t):>5}"
                                                           for t in range(1, len(track)))
        rows = [header]
        for meter_id, meter in spec.items():
            rows.append(f"  {meter.label:<{width}}  " + "".join(
                f"{point[meter_id]:>5}" for point in track))
        return rows


def _dots(amount: int) -> int:
    """Preview size: one dot for a small change, two for medium, three for large."""
    size = abs(amount)
    return 1 if size < 5 else 2 if size < 10 else 3


def play_text(game: Game, stdin: TextIO, stdout: TextIO, *, interactive: bool,
              recorder: Recorder | None = None, preview: str | None = None,
              undo: bool = False) -> int:
    """Play `game` to its end on the given streams; return the exit code."""
    return TextGame(game, stdin, stdout, interactive=interactive, recorder=recorder,
                    preview=preview, undo=undo).run()

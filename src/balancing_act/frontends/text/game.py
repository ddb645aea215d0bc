"""Terminal play: the whole game as text, for a terminal or for a scripted classroom run.

Everything shown comes from the play layer's views (`Playthrough`); this module only lays them
out on text streams. With a terminal it prompts, wraps every line to the terminal's width,
pauses after the briefing and pages the debrief; with anything else on stdin it reads one
option number per line, so `balancing-act play SCENARIO --text < choices.txt` replays a game.
A bad entry says why and asks again; the end of input stops cleanly (exit 0 if the game had
ended, 3 if not).
"""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable
from typing import TextIO

from balancing_act.errors import ExitCode, GameError
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.views import CardView, MeterView, OptionChoice, OutcomeView

BAR_WIDTH = 20
MIN_BAR = 8
MAX_WIDTH = 100
SCRIPT_WIDTH = 78

DecisionHook = Callable[[Playthrough, OutcomeView], None]


def safe(text: object) -> str:
    """Text from files and players with control and escape characters shown escaped, so a name
    cannot move the cursor, clear the screen or hide a line."""
    return "".join(c if c.isprintable() or c in "\n\t" else repr(c)[1:-1] for c in str(text))


def cells(text: str) -> int:
    """How many terminal cells a text takes: Devanagari vowel signs, virama and other
    combining marks take none, wide characters two (as terminals count them)."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else
               2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def padded(text: str, width: int) -> str:
    """`text` filled with spaces to `width` terminal cells."""
    return text + " " * max(0, width - cells(text))


class TextGame:
    """Plays one `Playthrough` on text streams."""

    def __init__(self, play: Playthrough, stdin: TextIO, stdout: TextIO, *, interactive: bool,
                 on_decision: DecisionHook | None = None, session_line: str = "",
                 width: int | None = None, notice: str = "") -> None:
        self.play = play
        self.t = play.t
        self.stdin = stdin
        self.out = stdout
        self.interactive = interactive
        self.on_decision = on_decision
        self.session_line = session_line
        self.notice = notice  # e.g. that the scenario is not translated into the language
        # A terminal's width wherever the lines go to a terminal (also with answers piped
        # in); a file or a pipe gets the same width every time, so a replay reads the same.
        to_terminal = interactive or _is_terminal(stdout)
        columns = shutil.get_terminal_size((80, 24)).columns if to_terminal else SCRIPT_WIDTH
        self.width = max(40, min(width or columns, MAX_WIDTH))
        self.height = max(10, shutil.get_terminal_size((80, 24)).lines) if interactive else 0
        encoding = (getattr(stdout, "encoding", None) or "utf-8").lower()
        self.fancy = "utf" in encoding
        self.full, self.empty = ("█", "░") if self.fancy else ("#", "-")
        self.buffer: list[str] | None = None  # lines kept for the pager

    # -- output ----------------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        for line in safe(text).split("\n"):
            if self.buffer is not None:
                self.buffer.append(line)
            else:
                self.out.write(line + "\n")

    def wrap(self, text: str, indent: str = "", hanging: str | None = None) -> None:
        """A paragraph wrapped to the width; blank lines in `text` start new paragraphs."""
        blocks = [b for b in text.strip().split("\n\n") if b.strip()]
        for block in blocks:
            self.say(textwrap.fill(" ".join(safe(block).split()), self.width,
                                   initial_indent=indent,
                                   subsequent_indent=hanging if hanging is not None else indent,
                                   break_on_hyphens=False, break_long_words=False))

    def para(self, text: str, indent: str = "") -> None:
        if text.strip():
            for block in [b for b in text.strip().split("\n\n") if b.strip()]:
                self.wrap(block, indent)
                self.say()

    def heading(self, text: str) -> None:
        self.wrap(text)
        self.say(("═" if self.fancy else "=") * min(cells(text), self.width))

    def rule(self) -> None:
        self.say(("─" if self.fancy else "-") * self.width)

    def ask_line(self, prompt: str) -> str | None:
        """One line of input (None at the end of input)."""
        if self.interactive:
            self.out.write(prompt)
            self.out.flush()
        line = self.stdin.readline()
        return line if line else None

    def pause(self) -> None:
        """Wait for Enter in a terminal, so text does not scroll away unread."""
        if self.interactive:
            self.out.write(self.t("text.press_enter"))
            self.out.flush()
            self.stdin.readline()
            self.say()

    # -- the game --------------------------------------------------------------------------

    def run(self) -> int:
        if self.notice:
            self.para(self.notice)
        self.briefing()
        self.pause()
        while not self.play.finished:
            card = self.play.card()
            self.show_card(card)
            choice = self.ask(card)
            if choice is None:
                return ExitCode.UNFINISHED
            if choice == 0:  # undone: show the card again
                continue
            outcome = self.play.choose(choice)
            if self.on_decision:
                self.on_decision(self.play, outcome)
            self.show_outcome(outcome)
            self.pause()  # on a 24-line terminal the next card would push the outcome away
        self.ending_and_debrief()
        return ExitCode.OK

    def briefing(self) -> None:
        view = self.play.briefing()
        self.heading(view.title + (f" ({view.period})" if view.period else ""))
        self.para(view.summary)
        self.para(view.briefing)
        if view.background:
            self.say(self.t("briefing.background"))
            self.para(view.background)
        self.say(self.t("text.the_meters"))
        for label, description, _start in view.meters:
            self.wrap(f"{label}: {description}" if description else label, "  ", "    ")
        self.say()
        if view.goal:
            self.para(self.t("text.goal", goal=view.goal))
        if self.session_line:
            self.para(self.session_line)
        if view.test_start:
            self.para(view.test_start)
        extra = self.t("text.undo_help") if self.play.rules.undo else ""
        self.para(f"{self.t('sentence', text=view.turns_text)} {view.seed_text} "
                  f"{self.t('text.help')}{extra}")

    def meter_lines(self, meters: Iterable[MeterView]) -> list[str]:
        meters = list(meters)
        width = max(cells(m.label) for m in meters)
        # the bar gives way in a narrow terminal, down to MIN_BAR cells
        cells_left = max(MIN_BAR, min(BAR_WIDTH, self.width - width - 9))
        lines = []
        for meter in meters:
            filled = round(meter.share * cells_left)
            bar = list(self.full * filled + self.empty * (cells_left - filled))
            for mark in meter.marks:  # goal and danger marks on the bar
                spot = min(cells_left - 1, round(mark.share * cells_left))
                bar[spot] = ("┃" if mark.kind == "goal" else "╳") if self.fancy else (
                    "|" if mark.kind == "goal" else "x")
            line = f"  {padded(meter.label, width)}  {''.join(bar)}  {meter.value:>3}"
            lines.append(line)
            if meter.warning:
                lines.append(textwrap.fill(f"! {meter.warning}", self.width,
                                           initial_indent=" " * (width + 4),
                                           subsequent_indent=" " * (width + 6),
                                           break_on_hyphens=False))
        return lines

    def show_meters(self, meters: Iterable[MeterView]) -> None:
        for line in self.meter_lines(meters):
            self.say(line)

    def show_card(self, card: CardView) -> None:
        self.rule()
        for landing in card.landing:
            self.wrap(f"{self.t('card.landing')}: {landing.text} ({landing.origin})", "", "  ")
            if landing.changes:
                self.wrap(", ".join(landing.changes), "  ")
            self.say()
        self.say(card.turn_text + (f" · {card.date}" if card.date else ""))
        self.show_meters(card.meters)
        if card.goal:
            self.wrap(card.goal)
        self.say()
        self.heading(card.title)
        self.para(card.text)
        if card.advisers:
            self.say(self.t("card.advisers"))
            for role, says in card.advisers:
                self.wrap(f"{role}: {says}", "  ", "    ")
            self.say()
        for option in card.options:
            self.option_lines(option)
        if card.coming_up:
            self.say()
            self.wrap(f"{self.t('card.coming_heading')}: " + "; ".join(card.coming_up), "  ",
                      "    ")
        if card.terms:
            self.say()
            self.wrap(self.t("text.terms_hint", terms=", ".join(t for t, _ in card.terms)),
                      "  ", "    ")
        self.say()

    def option_lines(self, option: OptionChoice) -> None:
        """The option, and under it its preview, wrapped without splitting a meter from its
        change."""
        self.wrap(f"{option.number}) {option.label}", "  ", "     ")
        if option.preview_text:
            preview = option.preview_text if not option.available else f"[{option.preview_text}]"
            # each meter and its change held together, unless a piece is wider than the line
            pieces = re.split(r"(?<=[,;]) ", preview)
            glued = " ".join(p.replace(" ", "\xa0") if cells(p) <= self.width - 5 else p
                             for p in pieces)
            self.say(textwrap.fill(glued, self.width, initial_indent="     ",
                                   subsequent_indent="     ", break_on_hyphens=False,
                                   break_long_words=False).replace("\xa0", " "))

    def ask(self, card: CardView) -> int | None:
        """The number of the option chosen, 0 after an undo, None when the player leaves or
        the input ends."""
        numbers = [o.number for o in card.options if o.available]
        listed = ", ".join(map(str, numbers))
        while True:
            line = self.ask_line(self.t("text.prompt", numbers=listed))
            if line is None:
                self.say()  # not a decision of the player's: said where problems go
                print(self.t("text.input_ended", turn=card.turn, turns=card.turns),
                      file=sys.stderr)
                return None
            answer = line.strip().lower()
            if not answer:
                continue
            if not self.interactive:
                self.say(f"> {answer}")
            if answer in ("q", "quit"):
                self.say(self.t("text.left", turn=card.turn, turns=card.turns))
                return None
            if answer in ("h", "help", "?"):
                self.wrap(self.t("text.help") + (self.t("text.undo_help")
                                                 if self.play.rules.undo else ""))
            elif answer in ("m", "meters"):
                self.show_meters(card.meters)
                for meter in card.meters:
                    self.wrap(f"{meter.label}: {meter.explanation}", "  ", "    ")
                    if meter.recent:
                        self.wrap(f"{self.t('meter.recent_heading')}: " + "; ".join(
                            meter.recent), "    ")
            elif answer in ("g", "glossary"):
                self.show_glossary(card)
            elif answer in ("u", "undo") and self.play.rules.undo:
                try:
                    self.play.undo()
                except GameError as err:
                    self.say(str(err))
                    continue
                self.say(self.t("text.undone"))
                return 0
            else:
                chosen = next((o for o in card.options if answer == str(o.number)), None)
                if chosen is None:
                    self.say(self.t("text.bad_entry", numbers=listed))
                elif not chosen.available:
                    self.say(self.t("play.locked", number=chosen.number,
                                    reason=chosen.locked_reason))
                else:
                    return chosen.number

    def show_glossary(self, card: CardView) -> None:
        glossary = self.play.scenario.file.glossary
        terms = list(card.terms) or list(glossary.items())
        if not terms:
            self.say(self.t("text.no_glossary"))
        for term, meaning in terms:
            self.wrap(f"{term}: {meaning}", "", "    ")

    def show_outcome(self, outcome: OutcomeView) -> None:
        self.say()
        self.wrap(outcome.heading)
        if outcome.chance:
            self.wrap(f"({outcome.chance})")
        self.para(outcome.text)
        for change in outcome.changes:
            self.say(f"  {change.text}")
        for note in outcome.capped:
            self.wrap(f"({note})", "  ")
        if outcome.flags_note:
            self.wrap(outcome.flags_note, "  ")
        for line in outcome.scheduled:
            self.wrap(line, "  ", "    ")
        if outcome.late:
            self.wrap(self.t("outcome.late"), "  ")
        if outcome.history or outcome.history_text:  # history without an option marked
            self.say()
            for told in (outcome.history, outcome.history_text):
                if told:
                    self.wrap(told, "  ")
        self.say()

    # -- the end ---------------------------------------------------------------------------

    def ending_and_debrief(self) -> None:
        ending = self.play.ending()
        self.rule()
        self.heading(self.t("text.ending", title=ending.title))
        self.para(ending.text)
        self.wrap(ending.verdict)
        for reason in ending.reasons:
            self.wrap(reason, "  ", "    ")
        self.say()
        self.show_meters(ending.meters)
        self.say()
        self.pause()
        self.buffer = [] if self.interactive else None
        self.debrief()
        if self.buffer is not None:
            lines, self.buffer = self.buffer, None
            self.page(lines)

    def debrief(self) -> None:
        view = self.play.debrief()
        t = self.t
        self.heading(t("text.your_decisions"))
        for decision in view.decisions:
            date = f" ({decision.date})" if decision.date else ""
            self.wrap(f"{t('text.turn_short', turn=decision.turn)}{date} {decision.title}: "
                      f"{decision.chose} ({decision.effects})", "", "    ")
            if decision.india:
                marker = t("debrief.same") if decision.same_as_india else \
                    f"{t('debrief.india_chose')}: {decision.india}"
                self.wrap(marker, "    ")
            for landed in decision.landed:
                self.wrap(landed, "    ", "      ")
        if view.india_cards:
            self.say()
            self.wrap(t("debrief.matches", matches=view.matches_india, cards=view.india_cards))
        self.say()
        self.heading(t("text.meters_by_turn"))
        for line in self.meter_table(view.track, view.meter_ids, view.meter_labels):
            self.say(line)
        self.say()
        self.heading(t("ending.what_happened"))
        self.para(view.what_happened)
        for item in view.history:
            date = f" ({item.date})" if item.date else ""
            self.para(f"{item.title}{date}: {item.text}", "  ")
        self.para(view.illustrative_note)
        if view.questions:
            self.heading(t("ending.questions"))
            for number, question in enumerate(view.questions, start=1):
                self.wrap(f"{number}. {question}", "", "   ")
            self.say()
        if view.sources:
            self.heading(t("ending.sources"))
            for source in view.sources:
                self.say(f"  {source}")  # never wrapped: an address must stay whole
            self.say()

    def meter_table(self, track: tuple[dict[str, int], ...], ids: tuple[str, ...],
                    labels: tuple[str, ...]) -> list[str]:
        """The meters turn by turn, in blocks of columns that fit the width."""
        width = max(cells(label) for label in labels)
        per_block = max(1, (self.width - width - 4) // 5)
        rows = []
        for start in range(0, len(track), per_block):
            points = track[start:start + per_block]
            names = [self.t("text.start") if start + i == 0 else f"T{start + i}"
                     for i in range(len(points))]
            header = f"  {'':<{width}}" + "".join(" " * max(1, 5 - cells(name)) + name
                                                  for name in names)
            rows.append(header)
            for meter_id, label in zip(ids, labels, strict=True):
                rows.append(f"  {padded(label, width)}" + "".join(f"{p[meter_id]:>5}"
                                                                  for p in points))
            rows.append("")
        return rows[:-1]

    def page(self, lines: list[str]) -> None:
        """Show lines a screenful at a time: Enter for more, q to skip to the end."""
        step = max(5, self.height - 2)
        for start in range(0, len(lines), step):
            for line in lines[start:start + step]:
                self.out.write(line + "\n")
            if start + step < len(lines):
                self.out.write(self.t("text.more"))
                self.out.flush()
                answer = self.stdin.readline()
                self.out.write("\n")
                if not answer or answer.strip().lower() == "q":
                    break


def play_text(play: Playthrough, stdin: TextIO, stdout: TextIO, *, interactive: bool,
              on_decision: DecisionHook | None = None, session_line: str = "",
              notice: str = "") -> int:
    """Play to the end on the given streams; return the exit code."""
    return TextGame(play, stdin, stdout, interactive=interactive, on_decision=on_decision,
                    session_line=session_line, notice=notice).run()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # a closed or file-like stream
        return False

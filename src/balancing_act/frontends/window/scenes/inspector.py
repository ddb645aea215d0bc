"""F3 on a card: the designer's inspector. It shows the game's raw state (seed, turn, card,
meters, flags, what is pending) and lets a designer change meters and flags or jump to another
card, then play on from there as a test game (the same as `play --from --set --flag`)."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

import pygame
import pygame_gui

from balancing_act.engine.game import Game
from balancing_act.engine.start import Start
from balancing_act.errors import GameError
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Scene, esc, printable, row
from balancing_act.play.playthrough import Playthrough


@scene("inspector")
class InspectorScene(Scene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "overlay": "keys.close"}

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)
        play = host.play
        assert play is not None
        game = play.game
        self.values = {m: str(v) for m, v in game.meters.items()}
        self.flags_on = set(game.flags)
        self.card = game.event.id if game.event else ""
        self.meter_entries: dict[str, Any] = {}
        self.card_entry: Any = None

    def build(self) -> None:
        play = self.host.play
        assert play is not None
        game, spec = play.game, play.scenario.file
        width, height = self.size
        m = self.theme.margin
        line = self.theme.button_height
        self.label(pygame.Rect(m, m, width - 2 * m, self.theme.heading_size * 2),
                   self.t("inspector.heading"))
        top = m + self.theme.heading_size * 2
        self.label(pygame.Rect(m, top, width - 2 * m, line),
                   self.t("inspector.state", seed=game.seed, turn=game.turn, turns=game.turns,
                          card=self.card or "-"), "#body")
        top += line + m // 2
        half = (width - 3 * m) // 2
        for meter_id, meter in spec.meters.items():
            self.label(pygame.Rect(m, top, half - 120, line),
                       f"{meter.label} ({meter.min}-{meter.max})", "@left")
            entry = self.add(pygame_gui.elements.UITextEntryLine(
                pygame.Rect(m + half - 110, top, 110, line), self.host.manager))
            entry.set_text_length_limit(8)
            entry.set_allowed_characters([*"0123456789-"])
            entry.set_text(self.values[meter_id])
            self.meter_entries[meter_id] = entry
            self.focus_order.append(entry)
            top += line + 4
        self.label(pygame.Rect(m, top + m // 2, half - 120, line), self.t("inspector.card"),
                   "@left")
        self.card_entry = self.add(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(m + half - 220, top + m // 2, 220, line), self.host.manager))
        self.card_entry.set_text_length_limit(64)
        self.card_entry.set_text(self.card)
        self.focus_order.append(self.card_entry)
        listing = pygame.Rect(m, top + m // 2 + line + m // 2, half,
                              height - (top + m // 2 + line + m // 2) - line - 3 * m)
        if listing.height > line:
            links = ", ".join(f'<a href="{esc(e.id)}">{esc(e.id)}</a>' for e in spec.events)
            self.text_box(listing, f"{esc(self.t('inspector.cards'))} {links}", main=True)
        right = pygame.Rect(2 * m + half, m + self.theme.heading_size * 2 + line + m // 2,
                            half, line)
        self.label(right, self.t("inspector.flags"), "@left")
        right = right.move(0, line + 4)
        flags = play.scenario.flag_ids
        bottom = height - 2 * m - line  # above the row of buttons
        step = line + 4
        per_column = max(1, (bottom - right.y) // step)
        columns = max(1, -(-len(flags) // per_column))
        each = (half - (columns - 1) * 6) // columns
        for index, flag in enumerate(flags):
            column, place = divmod(index, per_column)
            state = self.t("inspector.on") if flag in self.flags_on else self.t("inspector.off")
            box = pygame.Rect(right.x + column * (each + 6), right.y + place * step, each, line)
            self.button(box, self.t("inspector.flag", state=state, flag=flag),
                        partial(self.toggle, flag), object_id="@left")
        pending = [f"{self.t('inspector.pending', turn=p.due_turn)} {p.event_id or ''} "
                   f"{p.text}".strip() for p in game.pending]
        used = right.y + min(len(flags), per_column) * step
        if pending and bottom - used > 2 * line:
            box = pygame.Rect(right.x, used + m // 2, half, bottom - used - m // 2)
            self.text_box(box, "<br>".join(esc(p) for p in pending), main=False)
        buttons = pygame.Rect(m, height - m - line, width - 2 * m, line)
        play_here, close = row(pygame.Rect(buttons.right - 2 * (width // 4) - m, buttons.y,
                                           2 * (width // 4) + m, line), 2, m)
        self.button(play_here, self.t("inspector.play_from_here"), self.apply)
        self.button(close, self.t("inspector.close"), self.back)
        self.set_focus(self.focus)

    def set_focus(self, index: int) -> None:
        """Tab and the arrows move the keyboard into the text fields too."""
        super().set_focus(index)
        if self.focus_order:
            element = self.focus_order[self.focus]
            entry = isinstance(element, pygame_gui.elements.UITextEntryLine)
            self.host.manager.set_focus_set(element if entry else None)

    def _typed(self) -> None:
        """Keep what was typed across a rebuild (a flag toggled, a resize)."""
        for meter_id, entry in self.meter_entries.items():
            self.values[meter_id] = printable(entry.get_text())
        if self.card_entry is not None:
            self.card = printable(self.card_entry.get_text()).strip()

    def toggle(self, flag: str) -> None:
        self._typed()
        self.flags_on ^= {flag}
        self.rebuild()

    def rebuild(self) -> None:
        self.meter_entries = {}
        super().rebuild()

    def apply(self) -> None:
        """Play on from the edited state, as a test game; a value that does not fit is told
        and nothing changes."""
        self._typed()
        play = self.host.play
        assert play is not None
        game = play.game
        meters = {}
        for meter_id, text in self.values.items():
            try:
                meters[meter_id] = int(text)
            except ValueError:
                label = play.scenario.file.meters[meter_id].label
                self.host.toast(self.t("inspector.not_a_number", meter=label))
                return
        flags = play.scenario.flag_ids
        start = Start(card=self.card or None, turn=game.turn, meters=meters,
                      flags=tuple(f for f in flags if f in self.flags_on),
                      cleared=tuple(f for f in flags if f not in self.flags_on))
        try:
            tested = Game(play.scenario, game.seed, compiled=game.compiled, start=start)
        except GameError as err:
            self.host.toast(str(err))
            return
        self.host.play = Playthrough(tested, play.rules, self.t)
        self.host.reset("card")
        self.host.toast(self.host.play.test_start())

    def link(self, target: str) -> None:
        """A card id in the list was clicked: it goes into the card field."""
        if self.card_entry is not None:
            self.card_entry.set_text(target)

    def act(self, action: Action) -> bool:
        if action.name == "overlay":
            self.back()
            return True
        return super().act(action)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.apply()
            return
        super().handle_event(event)

    def back(self) -> None:
        self.host.pop()

    def speech(self) -> str:
        return self.t("inspector.heading")

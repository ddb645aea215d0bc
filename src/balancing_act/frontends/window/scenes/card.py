"""The card and its outcome: the heart of the game.

The card shows the meters (with the goal and the values that end the game marked on them), the
art, the date, the text with its glossary terms, the advisers, what has just landed and what is
coming up, and 2-4 options. The highlighted option (by mouse or keys, one and the same) is the
one previewed on the meters and the one Enter commits. After a choice the outcome screen shows
every change and why, the bars moving, the chance result rolled, and what was set in motion.
"""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

import pygame
import pygame_gui

from balancing_act.errors import GameError
from balancing_act.frontends.window.input import Action
from balancing_act.frontends.window.portraits import Portrait, reactions
from balancing_act.frontends.window.registry import scene
from balancing_act.frontends.window.scenes.base import Callback, Scene, esc
from balancing_act.frontends.window.widgets import (
    Face,
    Floater,
    MeterLayout,
    draw_floaters,
    draw_meters,
    draw_portraits,
    fit,
    label_rows,
    portrait_side,
    wrap,
)
from balancing_act.play import speech as spoken
from balancing_act.play.views import CardView, OutcomeView
from balancing_act.scenario.glossary import term_pattern

ANIMATION_SECONDS = {"normal": 0.9, "fast": 0.35, "off": 0.0}
MIN_CARD_LINES = 6  # below this the preview moves out of the card's column
DICE_SECONDS = {"normal": 0.9, "fast": 0.4, "off": 0.0}


def majority(counts: list[int], selected: int) -> int:
    """The option with the most votes; with no votes, or a tie the highlighted option is part
    of, the instructor's highlighted pick."""
    best = max(counts)
    leaders = [i for i, count in enumerate(counts) if count == best]
    if best <= 0:
        return selected
    if len(leaders) == 1:
        return leaders[0]
    return selected if selected in leaders else leaders[0]


class _MetersScene(Scene):
    """What the card and the outcome share: the meter band with hover explanations, the art,
    and the counterparts' portraits under it."""

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)
        self.meter_rect = pygame.Rect(0, 0, 0, 0)
        self.art_rect = pygame.Rect(0, 0, 0, 0)
        self.portrait_rect = pygame.Rect(0, 0, 0, 0)
        self.layout = MeterLayout([])

    def reactions(self) -> list[Portrait]:
        """The counterparts and how each takes the decision this screen is about."""
        return []

    def layout_band(self) -> pygame.Rect:
        """Place the meter band and the art; the right-hand column that is left."""
        width, height = self.size
        m = self.theme.margin
        play = self.host.play
        labels = [meter.label for meter in play.scenario.file.meters.values()] if play else []
        rows = label_rows(self.theme, width - 2 * m, labels)
        line = self.theme.font(self.theme.small_size, bold=True).get_linesize()
        band = rows * line + 4 + max(8, round(self.theme.small_size * 0.95)) + \
            self.theme.small_size * 3 + 8
        self.meter_rect = pygame.Rect(m, m, width - 2 * m, band)
        top = self.meter_rect.bottom + m
        # Larger text gives the right-hand column (the card's words) more of the width.
        left_width = round(width * (0.38 if self.theme.scale <= 1.0 else
                                    0.34 if self.theme.scale <= 1.2 else 0.31))
        self.art_rect = pygame.Rect(m, top, left_width, round(left_width * 9 / 16))
        below = height - self.art_rect.bottom - 2 * m
        strip = round(below * 0.5) if self.reactions() else 0
        if strip and portrait_side(self.theme, pygame.Rect(0, 0, left_width, strip), 3) < 40:
            strip = 0  # too small to be a face: the room goes to the text
        self.portrait_rect = pygame.Rect(m, self.art_rect.bottom + m, left_width, strip)
        return pygame.Rect(m * 2 + left_width, top, width - left_width - 3 * m, height - top - m)

    def info_rect(self) -> pygame.Rect:
        _width, height = self.size
        m = self.theme.margin
        top = self.portrait_rect.bottom + m if self.portrait_rect.height else \
            self.art_rect.bottom + m
        return pygame.Rect(m, top, self.art_rect.width, height - top - m)

    def faces(self, portraits: list[Portrait]) -> list[Face]:
        side = portrait_side(self.theme, self.portrait_rect, len(portraits))
        return [Face(self.host.image(p.image, (side, side)), self.t(f"portrait.{p.who}"),
                     self.t(f"portrait.{p.expression}"), (p.change > 0) - (p.change < 0))
                for p in portraits]

    def draw_faces(self, surface: pygame.Surface, portraits: list[Portrait]) -> None:
        if self.portrait_rect.height and portraits:
            drawn = draw_portraits(surface, self.portrait_rect, self.theme,
                                   self.faces(portraits))
            self.drawn += [(r, self.portrait_rect) for r in drawn]

    def faces_speech(self, portraits: list[Portrait]) -> str:
        return " ".join(self.t("portrait.caption", who=self.t(f"portrait.{p.who}"),
                               mood=self.t(f"portrait.{p.expression}")) + "."
                        for p in portraits if p.expression != "neutral")

    def draw_explanation(self, surface: pygame.Surface, meters: Any) -> None:
        """Hovering a meter explains it: what it means, what moves it, its last changes."""
        meter_id = self.layout.meter_at(self.host.mouse)
        if meter_id is None:
            return
        meter = next(m for m in meters if m.id == meter_id)
        font = self.theme.font(self.theme.small_size)
        width = min(self.size[0] // 2, self.theme.body_size * 30)
        lines = wrap(font, f"{meter.label}: {meter.explanation}", width - 16)
        lines += [mark.text for mark in meter.marks]
        if meter.recent:
            lines.append(self.t("meter.recent_heading") + ":")
            lines += [f"  {r}" for r in meter.recent]
        height = len(lines) * font.get_linesize() + 12
        bar = dict(self.layout.bars)[meter_id]
        x = min(max(bar.x, 4), self.size[0] - width - 4)
        box = pygame.Rect(x, bar.bottom + 8, width, height)
        pygame.draw.rect(surface, self.theme.palette.panel, box, border_radius=6)
        pygame.draw.rect(surface, self.theme.palette.focus, box, 1, border_radius=6)
        for index, line in enumerate(lines):
            surface.blit(font.render(fit(font, line, width - 16), True, self.theme.palette.text),
                         (box.x + 8, box.y + 6 + index * font.get_linesize()))

    def draw_art(self, surface: pygame.Surface, image: str | None) -> None:
        """The card's picture at 16:9, its middle band only when the art is cut to a strip."""
        width = self.art_rect.width
        full = (width, round(width * 9 / 16))
        art = self.host.image(image, full)
        if art is not None:
            top = max(0, (full[1] - self.art_rect.height) // 2)
            surface.blit(art, self.art_rect, pygame.Rect(0, top, width, self.art_rect.height))
        else:
            pygame.draw.rect(surface, self.theme.palette.panel, self.art_rect, border_radius=6)


@scene("card")
class CardScene(_MetersScene):
    keys: ClassVar[dict[str, str]] = {
        **Scene.keys, "digit": "keys.choose", "glossary": "keys.glossary", "undo": "keys.undo",
        "meters": "keys.meters", "back": "keys.pause", "pick": "keys.pick"}

    def __init__(self, host: Any, **params: Any) -> None:
        super().__init__(host, **params)
        self.view: CardView | None = None
        self.option_buttons: list[Any] = []
        self.votes = [0, 0, 0, 0]
        self.banner_rect = pygame.Rect(0, 0, 0, 0)
        self.cut: set[int] = set()  # options whose button had to shorten its words
        self.placed = False  # the highlight has been put on the card's first open option
        self.portraits: list[Portrait] = []

    @property
    def projector(self) -> bool:
        return bool(self.host.classroom and self.host.classroom.projector)

    def enter(self) -> None:
        super().enter()
        if self.view is not None:
            self.host.scenario_sound(self.view.sound)

    def build(self) -> None:
        play = self.host.play
        assert play is not None
        self.view = view = play.card()
        self.portraits = self.reactions()
        right = self.layout_band()
        m = self.theme.margin
        # Large text needs the room for the card's own words: lower option buttons.
        button_height = self.theme.button_height if self.theme.scale <= 1.0 else \
            round(self.theme.body_size * 1.9)
        options = view.options
        buttons_top = right.bottom - len(options) * (button_height + m // 2)
        font = self.theme.font(self.theme.body_size)
        self.cut = {o.number for o in options
                    if font.size(self.option_text(o, 0))[0] > right.width - 2 * m}
        preview_height = self.preview_height(view, right.width, right.height // 3)
        card_room = buttons_top - preview_height - m - right.y
        line = round(font.get_linesize() * 1.25)
        if card_room < MIN_CARD_LINES * line:
            # Too little room left for the card's words (large text, four options): the
            # preview moves to the left, in place of the portraits, under the art cut to a
            # wide strip.
            self.art_rect.height = round(self.art_rect.width / 3)
            self.portrait_rect = pygame.Rect(self.art_rect.x, self.art_rect.bottom,
                                             self.art_rect.width, 0)
            area = self.info_rect()
            preview_height = self.preview_height(view, area.width, area.height * 2 // 3)
            preview_rect = pygame.Rect(area.x, area.y, area.width, preview_height)
            info_rect = pygame.Rect(area.x, preview_rect.bottom + m // 2, area.width,
                                    area.bottom - preview_rect.bottom - m // 2)
            card_rect = pygame.Rect(right.x, right.y, right.width, buttons_top - m // 2 - right.y)
        else:
            preview_rect = pygame.Rect(right.x, buttons_top - preview_height - m // 2,
                                       right.width, preview_height)
            info_rect = self.info_rect()
            card_rect = pygame.Rect(right.x, right.y, right.width, card_room)
        self.banner_rect = self.banner_area(view)
        self.text_box(info_rect, self.info_markup(view), main=False)
        self.preview_box = self.text_box(preview_rect, "", main=False)
        self.card_box = self.text_box(card_rect, self.card_markup(view))
        self.option_buttons = []
        for index, option in enumerate(options):
            rect = pygame.Rect(right.x, buttons_top + index * (button_height + m // 2),
                               right.width, button_height)
            text = self.option_text(option, self.votes[index])
            button = self.button(rect, fit(font, text, rect.width - 2 * m),
                                 partial(self.pressed, option.number),
                                 object_id=None, enabled=option.available,
                                 focus_when_disabled=True,
                                 tooltip=esc(text) if font.size(text)[0] > rect.width - 2 * m
                                 else None)
            self.option_buttons.append(button)
        if not self.placed:  # a new card starts on its first option that can be chosen
            self.placed = True
            self.focus = next((i for i, o in enumerate(options) if o.available), 0)
        self.focus = min(self.focus, max(len(self.focus_order) - 1, 0))
        self.show_preview()

    def reactions(self) -> list[Portrait]:
        """How the counterparts took the last decision and what landed after it."""
        play = self.host.play
        if play is None:
            return []
        last = play.game.history[-1] if play.game.history else None
        return reactions(play.scenario.file.meters, last.meters_before if last else None,
                         last.meters_next if last else None)

    def option_text(self, option: Any, votes: int) -> str:
        """An option's button label: its number and words, why it is locked or that it is
        uncertain, and in projector mode its votes."""
        text = f"{option.number}.  {option.label}"
        if not option.available:
            text += f"  ({option.locked_reason})"
        elif option.badge:
            text += f"   [{option.badge}]"
        if self.projector and option.available:
            text += "   ·   " + self.t("projector.votes", votes=votes)
        return text

    def banner_area(self, view: CardView) -> pygame.Rect:
        """What lands now is told across the top of the art, in as many lines as it needs
        (the whole text up to half the picture, else a heading; see `banner_text`)."""
        if not view.landing:
            return pygame.Rect(self.art_rect.x, self.art_rect.y, self.art_rect.width, 0)
        font = self.theme.font(self.theme.small_size, bold=True)
        lines = wrap(font, self.banner_text(view), self.art_rect.width - 16)
        height = min(len(lines) * font.get_linesize() + 12, self.art_rect.height)
        return pygame.Rect(self.art_rect.x, self.art_rect.y, self.art_rect.width, height)

    def banner_text(self, view: CardView) -> str:
        """Every consequence landing now, in full, when that fits over the art; else a
        heading that sends the eye to the card's text, which always lists them in full."""
        whole = f"{self.t('card.landing')}: " + "  ".join(
            f"{landing.text} — {', '.join(landing.changes)}" if landing.changes
            else landing.text for landing in view.landing)
        font = self.theme.font(self.theme.small_size, bold=True)
        room = (self.art_rect.height // 2 - 12) // max(font.get_linesize(), 1)
        if len(wrap(font, whole, self.art_rect.width - 16)) <= room:
            return whole
        return self.t("card.landing_below", heading=self.t("card.landing"),
                      count=len(view.landing))

    def landing_markup(self, view: CardView) -> str:
        """What lands now, each consequence with why and its effects, at the top of the
        card's text (a banner over the art has room for a line or two only)."""
        items = [esc(landing.text)
                 + (f" ({esc(', '.join(landing.changes))})" if landing.changes else "")
                 + (f"<br><i>{esc(landing.origin)}</i>" if landing.origin else "")
                 for landing in view.landing]
        return f"<b>{esc(self.t('card.landing'))}</b><br>" + "<br>".join(items)

    def preview_height(self, view: CardView, width: int, most: int) -> int:
        """Room for the longest preview without scrolling (up to `most`), so the whole of
        what the highlighted option does is always in sight."""
        font = self.theme.font(self.theme.body_size, bold=True)
        room = width - 2 * self.theme.margin - 24  # padding and a scroll bar
        texts = [self.preview_markup(view, o.number) for o in view.options] or [""]
        lines = max(len(wrap(font, text, room)) for text in texts)
        line = round(font.get_linesize() * 1.25)
        return min(lines * line + self.theme.margin + 8, most)

    def info_markup(self, view: CardView) -> str:
        t = self.t
        lines = [f"<b>{esc(view.turn_text)}</b>" + (f" · {esc(view.date)}" if view.date else "")]
        if view.goal:
            lines.append(esc(view.goal))
        room = self.host.classroom
        if room is not None:
            lines.append(esc(t("session.playing", code=room.class_code, name=room.name)))
            if self.projector:
                lines.append(esc(t("projector.hint")))
        if view.can_undo:
            lines.append(esc(t("session.undo_hint")))
        if view.coming_up:
            lines.append(f"<br><b>{esc(t('card.coming_heading'))}</b>")
            lines += [esc(item) for item in view.coming_up]
        if view.terms:
            lines.append(f"<br><i>{esc(t('card.glossary_hint'))}</i>")
            lines += [f"<b>{esc(term)}</b>: {esc(meaning)}" for term, meaning in view.terms]
        lines.append(f"<br><i>{esc(t('card.keys_hint'))}</i>")
        return "<br>".join(lines)

    def card_markup(self, view: CardView) -> str:
        text = esc(view.text)
        for term, _ in view.terms:
            opening = f'<a href="{esc(term)}">'
            text = term_pattern(esc(term)).sub(lambda match, opening=opening: (  # type: ignore[misc]
                f"{opening}{match.group(0)}</a>"), text, count=1)
        parts = [f"<b>{esc(view.title)}</b>", text]  # the date is on the turn line beside
        if view.landing:
            parts.insert(0, self.landing_markup(view))
        if view.advisers:
            parts.append(f"<b>{esc(self.t('card.advisers'))}</b><br>" + "<br>".join(
                f"<i>{esc(role)}</i>: {esc(says)}" for role, says in view.advisers))
        return "<br><br>".join(parts)

    # -- the highlighted option --------------------------------------------------------------

    def highlighted(self) -> int | None:
        """The number of the highlighted option (None when none can be chosen)."""
        if not self.focus_order or self.view is None:
            return None
        element = self.focus_order[self.focus]
        return self.option_buttons.index(element) + 1 if element in self.option_buttons \
            else None

    def focus_changed(self) -> None:
        self.show_preview()

    def show_preview(self) -> None:
        number = self.highlighted()
        if self.view is None or number is None:
            return
        self.preview_box.set_text(self.preview_markup(self.view, number, markup=True))

    def preview_markup(self, view: CardView, number: int, *, markup: bool = False) -> str:
        """What option `number` would do, as the preview box shows it (plain text for
        measuring when `markup` is False)."""
        option = view.options[number - 1]
        if not option.available:  # a locked option says why, to the keyboard too
            text = self.t("play.locked", number=number, reason=option.locked_reason)
            return esc(text) if markup else text
        if view.preview_level == "none":
            return esc(self.t("card.no_preview")) if markup else self.t("card.no_preview")
        body = option.preview_text or self.t("preview.no_change")
        heading = self.t("card.if_chosen", number=number)
        if number in self.cut:  # the button could not show all of its words: they are here
            heading = f"{heading} {option.label}."
        return f"<b>{esc(heading)}</b> {esc(body)}" if markup else f"{heading} {body}"

    # -- drawing -----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        view = self.view
        if view is None:
            return
        number = self.highlighted()
        preview = view.options[number - 1].effects \
            if number and view.options[number - 1].available else ()
        drawn, self.layout = draw_meters(surface, self.meter_rect, self.theme, view.meters,
                                         {m.id: m.value for m in view.meters}, preview,
                                         view.preview_level)
        container = self.meter_rect.inflate(0, self.theme.margin * 2)
        self.drawn = [(r, container) for r in drawn]
        self.draw_art(surface, view.image)
        self.draw_faces(surface, self.portraits)
        if view.landing:
            self.draw_banner(surface, view)

    def draw_banner(self, surface: pygame.Surface, view: CardView) -> None:
        """What lands now, over the top of the art: a consequence arrives on its own turn."""
        palette = self.theme.palette
        rect = self.banner_rect
        pygame.draw.rect(surface, palette.accent, rect, border_radius=6)
        font = self.theme.font(self.theme.small_size, bold=True)
        lines = wrap(font, self.banner_text(view), rect.width - 16)
        room = max(1, (rect.height - 12) // font.get_linesize())
        if len(lines) > room:
            lines = [*lines[:room - 1], " ".join(lines[room - 1:])]
        for index, line in enumerate(lines):
            rendered = font.render(fit(font, line, rect.width - 16), True, palette.background)
            self.drawn.append((surface.blit(rendered, (rect.x + 8, rect.y + 6 + index *
                                                       font.get_linesize())), rect))

    def draw_over(self, surface: pygame.Surface) -> None:
        super().draw_over(surface)
        if self.view is not None:
            self.draw_explanation(surface, self.view.meters)

    # -- input -------------------------------------------------------------------------------

    def pressed(self, number: int) -> None:
        if self.projector:
            self.vote(number - 1, +1)
        else:
            self.choose(number)

    def choose(self, number: int) -> None:
        view = self.view
        assert view is not None
        if not 1 <= number <= len(view.options):
            self.host.toast(self.t("keys.no_such_option", number=number,
                                   numbers=", ".join(str(o.number) for o in view.options
                                                     if o.available)))
            return
        option = view.options[number - 1]
        if not option.available:
            self.host.toast(self.t("play.locked", number=number, reason=option.locked_reason))
            return
        votes = ({o.id: self.votes[i] for i, o in enumerate(view.options)} if self.projector
                 else None)
        try:
            outcome = self.host.decide(number, votes)
        except GameError as err:
            self.host.toast(str(err))
            return
        self.host.replace("outcome", outcome=outcome)

    def vote(self, index: int, step: int) -> None:
        view = self.view
        if view is not None and 0 <= index < len(view.options) and view.options[index].available:
            self.votes[index] = max(0, self.votes[index] + step)
            if self.option_buttons[index] in self.focus_order:
                self.focus = self.focus_order.index(self.option_buttons[index])
            self.host.sound("select")
            self.rebuild()

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.projector and event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            for index, button in enumerate(self.option_buttons):
                if button.rect.collidepoint(event.pos):
                    self.vote(index, -1)
            return
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.host.push("glossary", terms=[t for t, _ in self.view.terms] if self.view
                           else [])
            return
        super().handle_event(event)

    def act(self, action: Action) -> bool:
        view = self.view
        if view is None:
            return False
        if action.name == "digit":
            if self.projector:
                self.vote(action.value - 1, -1 if action.shift else +1)
            else:
                self.choose(action.value)
        elif action.name == "confirm":
            number = self.highlighted()
            if self.projector:
                counts = [v if o.available else -1 for v, o in zip(self.votes, view.options,
                                                                   strict=False)]
                self.choose(majority(counts, (number or 1) - 1) + 1)
            elif number is not None:
                self.choose(number)
        elif action.name == "pick" and self.projector:
            self.choose(self.highlighted() or 1)
        elif action.name == "glossary":
            self.host.push("glossary", terms=[t for t, _ in view.terms])
        elif action.name == "undo":
            self.host.undo()
        elif action.name == "meters":
            self.host.push("meters")
        elif action.name == "back":
            self.host.push("pause")
        else:
            return super().act(action)
        return True

    def speech(self) -> str:
        return spoken.card(self.t, self.view) if self.view is not None else ""

    def resume_speech(self) -> str:
        """Back from the meters, the glossary or the pause menu: where the player was."""
        if self.view is None:
            return ""
        return spoken.join(spoken.sentence(self.t, text)
                           for text in (self.view.turn_text, self.view.title))

    def focus_speech(self) -> str:
        """The highlighted option and what it would do, as the preview shows it."""
        number = self.highlighted()
        if self.view is None or number is None:
            return super().focus_speech()
        return spoken.option(self.t, self.view.options[number - 1], self.view.preview_level)


@scene("outcome")
class OutcomeScene(_MetersScene):
    keys: ClassVar[dict[str, str]] = {**Scene.keys, "back": "keys.pause"}

    def __init__(self, host: Any, outcome: OutcomeView, **params: Any) -> None:
        super().__init__(host, **params)
        self.outcome = outcome
        speed = host.settings.animation
        self.duration = ANIMATION_SECONDS[speed]
        self.dice_left = DICE_SECONDS[speed] if outcome.chance_p is not None else 0.0
        self.animation = 0.0 if self.duration else 1.0
        self.floaters: list[Floater] = []
        self.shown = {m: float(v) for m, v in outcome.meters_before.items()}
        self.dice_face = 1
        self.dice_rect = pygame.Rect(0, 0, 0, 0)
        self.portraits: list[Portrait] = []

    def enter(self) -> None:
        super().enter()
        palette = self.theme.palette
        if self.dice_left <= 0:
            self.start_floaters()
        else:
            self.host.sound("select")
        del palette

    def start_floaters(self) -> None:
        palette = self.theme.palette
        totals: dict[str, int] = {}
        for change in self.outcome.changes:
            totals[change.meter] = totals.get(change.meter, 0) + change.amount
        self.floaters = [Floater(m, f"{a:+d}", palette.rise if a > 0 else palette.fall)
                         for m, a in totals.items() if a]

    def reactions(self) -> list[Portrait]:
        """How the counterparts take this decision."""
        play = self.host.play
        if play is None:
            return []
        return reactions(play.scenario.file.meters, self.outcome.meters_before,
                         self.outcome.meters_after)

    def build(self) -> None:
        self.portraits = self.reactions()
        right = self.layout_band()
        m = self.theme.margin
        button_height = self.theme.button_height
        self.text_box(self.info_rect(), self.info_markup(), main=False)
        self.dice_rect = pygame.Rect(self.art_rect.right - self.art_rect.height // 3 - m,
                                     self.art_rect.bottom - self.art_rect.height // 3 - m,
                                     self.art_rect.height // 3, self.art_rect.height // 3)
        self.text_box(pygame.Rect(right.x, right.y, right.width,
                                  right.height - button_height - m), self.markup())
        play = self.host.play
        label = self.t("outcome.see_ending") if play is not None and play.finished else \
            self.t("outcome.continue")
        self.button(pygame.Rect(right.right - right.width // 2, right.bottom - button_height,
                                right.width // 2, button_height), label, self.proceed)

    def info_markup(self) -> str:
        play = self.host.play
        assert play is not None
        lines = [f"<b>{esc(self.t('card.turn', turn=self.outcome.turn, turns=play.game.turns))}"
                 "</b>"]
        if self.outcome.scheduled:
            lines.append(f"<br><b>{esc(self.t('outcome.set_in_motion'))}</b>")
            lines += [esc(s) for s in self.outcome.scheduled]
        if self.outcome.terms:
            lines.append("<br>" + "<br>".join(f"<b>{esc(term)}</b>: {esc(meaning)}"
                                              for term, meaning in self.outcome.terms))
        return "<br>".join(lines)

    def markup(self) -> str:
        outcome = self.outcome
        palette = self.theme.palette
        rise, fall = (f"#{c[0]:02x}{c[1]:02x}{c[2]:02x}" for c in (palette.rise, palette.fall))
        parts = [f"<b>{esc(outcome.heading)}</b>"]
        if outcome.chance:
            parts.append(f"<i>{esc(outcome.chance)}</i>")
        if outcome.text:
            parts.append(esc(outcome.text))
        changes = [f"<font color={rise if c.amount > 0 else fall}>{esc(c.text)}</font>"
                   for c in outcome.changes]
        parts.append(f"<b>{esc(self.t('outcome.changes'))}</b><br>"
                     + ("<br>".join(changes) or esc(self.t("outcome.no_change"))))
        parts += [esc(note) for note in outcome.capped]
        if outcome.flags_note:
            parts.append(f"<i>{esc(outcome.flags_note)}</i>")
        if outcome.late:
            parts.append(f"<i>{esc(self.t('outcome.late'))}</i>")
        if outcome.history or outcome.history_text:  # a card may tell its history without
            told = [esc(text) for text in (outcome.history, outcome.history_text) if text]
            parts.append(f"<b>{esc(self.t('outcome.what_happened'))}</b><br>"  # marking an
                         + "<br>".join(told))  # option as India's
        return "<br><br>".join(parts)

    @property
    def busy(self) -> bool:
        return self.animation < 1.0 or self.dice_left > 0

    def update(self, seconds: float) -> None:
        if self.dice_left > 0:
            self.dice_left = max(0.0, self.dice_left - seconds)
            self.dice_face = (self.dice_face % 6) + 1
            if self.dice_left == 0:
                self.start_floaters()
            return
        if self.animation < 1.0:
            self.animation = min(1.0, self.animation + seconds / self.duration) \
                if self.duration else 1.0
        before, after = self.outcome.meters_before, self.outcome.meters_after
        ease = 1 - (1 - self.animation) ** 3
        self.shown = {m: before[m] + (after[m] - before[m]) * ease for m in after}
        for floater in self.floaters:
            floater.age += seconds
        self.floaters = [f for f in self.floaters if f.age < Floater.LIFETIME]

    def draw(self, surface: pygame.Surface) -> None:
        play = self.host.play
        assert play is not None
        meters = play.meters(self.outcome.meters_after)
        drawn, self.layout = draw_meters(surface, self.meter_rect, self.theme, meters,
                                         self.shown)
        container = self.meter_rect.inflate(0, self.theme.margin * 2)
        self.drawn = [(r, container) for r in drawn]
        event = play.scenario.event(self.outcome.event_id)
        self.draw_art(surface, event.image)
        waiting = self.dice_left > 0  # the faces react once the die has settled
        self.draw_faces(surface, [Portrait(p.who, "neutral", 0) for p in self.portraits]
                        if waiting else self.portraits)
        if self.outcome.chance_p is not None:
            self.draw_dice(surface)
        draw_floaters(surface, self.theme, self.layout, self.floaters)

    def draw_dice(self, surface: pygame.Surface) -> None:
        """A die rolls for a chance result, then shows how likely this result was."""
        rect = self.dice_rect
        palette = self.theme.palette
        pygame.draw.rect(surface, (245, 245, 240), rect, border_radius=rect.width // 6)
        pygame.draw.rect(surface, palette.border, rect, 2, border_radius=rect.width // 6)
        if self.dice_left > 0:
            spots = {1: [(2, 2)], 2: [(1, 1), (3, 3)], 3: [(1, 1), (2, 2), (3, 3)],
                     4: [(1, 1), (1, 3), (3, 1), (3, 3)],
                     5: [(1, 1), (1, 3), (2, 2), (3, 1), (3, 3)],
                     6: [(1, 1), (1, 2), (1, 3), (3, 1), (3, 2), (3, 3)]}[self.dice_face]
            for x, y in spots:
                pygame.draw.circle(surface, (30, 30, 40), (rect.x + rect.width * x // 4,
                                                           rect.y + rect.height * y // 4),
                                   max(3, rect.width // 12))
            return
        font = self.theme.font(self.theme.body_size, bold=True)
        text = font.render(f"{self.outcome.chance_p:.0%}", True, (30, 30, 40))
        surface.blit(text, text.get_rect(center=rect.center))

    def draw_over(self, surface: pygame.Surface) -> None:
        super().draw_over(surface)
        play = self.host.play
        if play is not None:
            self.draw_explanation(surface, play.meters(self.outcome.meters_after))

    def proceed(self) -> None:
        play = self.host.play
        if play is not None and play.finished:
            self.host.replace("debrief")
        else:
            self.host.replace("card")

    def act(self, action: Action) -> bool:
        if action.name == "confirm" and self.busy:
            self.animation, self.dice_left = 1.0, 0.0  # Enter skips the animation
            self.start_floaters()
            return True
        if action.name == "back":
            self.host.push("pause")
            return True
        return super().act(action)

    def passage(self) -> Callback | None:
        return self.proceed

    def speech(self) -> str:
        return spoken.join([spoken.outcome(self.t, self.outcome),
                            self.faces_speech(self.reactions())])

    def resume_speech(self) -> str:
        return spoken.sentence(self.t, self.outcome.heading)

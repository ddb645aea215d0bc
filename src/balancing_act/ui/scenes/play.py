"""The card and its outcome: the heart of the game.

The card shows the meters, the art, the text (glossary terms are links) and 2-4 options,
chosen by mouse or by keys 1-4, arrows and Enter. Hovering or selecting an option previews the
meters it moves. After a choice the same screen shows the outcome: every change and why, the
bars moving, chance results, consequences scheduled for later and those that have landed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from balancing_act.engine.game import Outcome
from balancing_act.paths import find_asset
from balancing_act.scenario.glossary import term_pattern, terms_in
from balancing_act.ui.scenes.base import Scene, esc, key
from balancing_act.ui.widgets import draw_meters

ANIMATION_SECONDS = {"normal": 0.8, "fast": 0.3, "off": 0.0}

if TYPE_CHECKING:
    from balancing_act.ui.app import App


class PlayScene(Scene):
    name = "card"

    def __init__(self, app: App, outcome: Outcome | None = None) -> None:
        super().__init__(app)
        self.outcome = outcome
        self.selected = 0
        self.hovered: int | None = None
        self.option_buttons: list = []
        self.glossary_box = None
        self.animation = 1.0
        self.meter_rect = pygame.Rect(0, 0, 0, 0)
        self.art_rect = pygame.Rect(0, 0, 0, 0)
        self.shown_values = dict(app.game.meters)
        self._art_cache: dict[tuple[str, tuple[int, int]], pygame.Surface | None] = {}
        self.drawn: list[pygame.Rect] = []
        self.votes: list[int] = [0] * 4
        if outcome is not None:
            self.name = "outcome"
            self.animation = 0.0 if app.settings.animation != "off" else 1.0

    def enter(self) -> None:
        super().enter()
        if self.outcome is None and self.app.game.event is not None:
            self.app.play_scenario_sound(self.app.game.event.sound)
            if self.app.recorder is not None:
                self.app.recorder.card_shown()

    # -- layout ----------------------------------------------------------------------------

    def build(self) -> None:
        width, height = self.size
        m = self.theme.margin
        game = self.app.game
        self.meter_rect = pygame.Rect(m, m, width - 2 * m, round(height * 0.11))
        top = self.meter_rect.bottom + m
        left_width = round(width * 0.40)
        self.art_rect = pygame.Rect(m, top, left_width, round(left_width * 9 / 16))
        right = pygame.Rect(m * 2 + left_width, top, width - left_width - 3 * m, height - top - m)
        info = pygame.Rect(m, self.art_rect.bottom + m, left_width,
                           height - self.art_rect.bottom - 2 * m)
        self.text_box(info, self.info_markup())
        self.option_buttons = []
        if self.outcome is None and game.event is not None:
            options = game.options
            button_height = round(self.theme.body_size * 2.6)
            area = right.copy()
            buttons_top = area.bottom - len(options) * (button_height + m // 2)
            self.card_box = self.text_box(
                pygame.Rect(right.x, right.y, right.width, buttons_top - right.y - m // 2),
                self.card_markup())
            for index, view in enumerate(options):
                rect = pygame.Rect(right.x, buttons_top + index * (button_height + m // 2),
                                   right.width, button_height)
                text = f"{view.number}.  {view.label}"
                if not view.available:
                    text += f"  {self.t('card.unavailable')}"
                elif self.app.projector:
                    text += "   ·   " + self.t("projector.votes", votes=self.votes[index])
                button = self.button(rect, text)
                if not view.available:
                    button.disable()
                self.option_buttons.append(button)
            if not (0 <= self.selected < len(options) and options[self.selected].available):
                self.selected = next((i for i, v in enumerate(options) if v.available), 0)
        else:
            button_height = self.theme.body_size * 2 + m
            self.card_box = self.text_box(
                pygame.Rect(right.x, right.y, right.width, right.height - button_height - m),
                self.outcome_markup())
            label = self.t("outcome.see_ending") if game.finished else self.t("outcome.continue")
            self.continue_button = self.button(
                pygame.Rect(right.right - right.width // 2, right.bottom - button_height,
                            right.width // 2, button_height), label, "@centred")

    def info_markup(self) -> str:
        game = self.app.game
        turn = self.outcome.turn if self.outcome is not None else game.turn
        lines = [f"<b>{esc(self.t('card.turn', turn=turn, turns=game.turns))}</b>"]
        if self.app.recorder is not None:
            lines.append(esc(self.t("session.playing", code=self.app.recorder.session.class_code,
                                    name=self.app.recorder.name)))
            if self.app.projector and self.outcome is None:
                lines.append(esc(self.t("projector.hint")))
            if self.app.recorder.session.rules.undo:
                lines.append(esc(self.t("session.undo_hint")))
        if self.outcome is None and game.event is not None:
            for pending in game.pending:
                lines.append(esc(self.t("card.pending", turn=pending.due_turn,
                                        text=pending.text)))
            terms = self.terms()
            if terms:
                glossary = game.scenario.file.glossary
                lines.append(f"<br><i>{esc(self.t('card.glossary_hint'))}</i>")
                lines += [f"<b>{esc(term)}</b>: {esc(glossary[term])}" for term in terms]
        return "<br>".join(lines)

    def terms(self) -> list[str]:
        event = self.app.game.event
        if event is None:
            return []
        return terms_in(f"{event.title} {event.text}", self.app.game.scenario.file.glossary)

    def card_markup(self) -> str:
        event = self.app.game.event
        text = esc(event.text)
        for term in self.terms():
            link = f'<a href="{esc(term)}">' + "{}</a>"
            text = term_pattern(esc(term)).sub(lambda match, link=link: link.format(
                match.group(0)), text, count=1)
        return f"<b>{esc(event.title)}</b><br><br>{text}"

    def outcome_markup(self) -> str:
        outcome = self.outcome
        assert outcome is not None
        palette = self.theme.palette
        good, bad = (f"#{c[0]:02x}{c[1]:02x}{c[2]:02x}" for c in (palette.good, palette.bad))
        parts = [f"<b>{esc(self.t('outcome.heading', option=outcome.option_label))}</b>"]
        if outcome.chance_p is not None:
            parts.append(f"<i>{esc(self.t('outcome.chance', percent=f'{outcome.chance_p:.0%}'))}"
                         "</i>")
        if outcome.text:
            parts.append(esc(outcome.text))
        changes = [f"<font color={good if c.amount > 0 else bad}>{esc(c.label)} "
                   f"{c.amount:+d}</font>" for c in outcome.changes]
        parts.append(f"<b>{esc(self.t('outcome.changes'))}</b><br>"
                     + ("<br>".join(changes) or esc(self.t("outcome.no_change"))))
        for scheduled in outcome.scheduled:
            parts.append(esc(self.t("outcome.later", turn=scheduled.due_turn,
                                    text=scheduled.text)))
        for landed in outcome.landed:
            moved = ", ".join(f"{c.label} {c.amount:+d}" for c in landed.changes)
            parts.append(f"<b>{esc(self.t('outcome.landed', origin=landed.origin))}</b><br>"
                         f"{esc(landed.text)}" + (f"<br>{esc(moved)}" if moved else ""))
        return "<br><br>".join(parts)

    # -- drawing ---------------------------------------------------------------------------

    def update(self, seconds: float) -> None:
        duration = ANIMATION_SECONDS[self.app.settings.animation]
        if self.outcome is not None and self.animation < 1.0:
            self.animation = 1.0 if duration == 0 else min(1.0, self.animation
                                                          + seconds / duration)
        if self.outcome is None:
            self.shown_values = dict(self.app.game.meters)
        else:
            before, after = self.outcome.meters_before, self.app.game.meters
            ease = 1 - (1 - self.animation) ** 3
            self.shown_values = {m: before[m] + (after[m] - before[m]) * ease for m in after}

    def draw(self, surface: pygame.Surface) -> None:
        game = self.app.game
        preview = None
        index = self.hovered if self.hovered is not None else self.selected
        if self.outcome is None and self.option_buttons and index < len(game.options):
            preview = game.options[index].effects
        self.drawn = draw_meters(surface, self.meter_rect, self.theme, game.scenario,
                                 self.shown_values, preview, self.app.preview_level)
        art = self.art(self.art_rect.size)
        if art is not None:
            surface.blit(art, self.art_rect)
        else:
            pygame.draw.rect(surface, self.theme.palette.panel, self.art_rect, border_radius=6)
        if self.option_buttons and self.outcome is None:
            selected = self.option_buttons[self.selected].rect
            pygame.draw.rect(surface, self.theme.palette.accent, selected.inflate(6, 6), 3,
                             border_radius=8)

    def art(self, size: tuple[int, int]) -> pygame.Surface | None:
        event = self.app.game.scenario.event(self.outcome.event_id) if self.outcome \
            else self.app.game.event
        if event is None or not event.image:
            return None
        cache_key = (event.image, size)
        if cache_key not in self._art_cache:
            path = find_asset(event.image, self.app.game.scenario.folder)
            image = None
            if path is not None:
                try:
                    image = pygame.transform.smoothscale(pygame.image.load(path).convert(), size)
                except (pygame.error, OSError):
                    image = None
            self._art_cache[cache_key] = image
        return self._art_cache[cache_key]

    def drawn_text(self) -> list[tuple[pygame.Rect, pygame.Rect]]:
        return [(r, self.meter_rect.inflate(0, self.theme.margin * 2)) for r in self.drawn]

    # -- input -----------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if self.app.projector and self.outcome is None and self.vote_event(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element in self.option_buttons:
                self.choose(self.option_buttons.index(event.ui_element))
            elif self.outcome is not None and event.ui_element is self.continue_button:
                self.proceed()
        elif event.type == pygame_gui.UI_BUTTON_ON_HOVERED and event.ui_element in \
                self.option_buttons:
            self.hovered = self.option_buttons.index(event.ui_element)
        elif event.type == pygame_gui.UI_BUTTON_ON_UNHOVERED:
            self.hovered = None
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.app.show_glossary(self.terms())
        elif event.type == pygame.KEYDOWN:
            self.key(event.key)

    def key(self, code: int) -> None:
        if code == pygame.K_ESCAPE:
            self.app.pause()
        elif code == pygame.K_g and self.outcome is None:
            self.app.show_glossary(self.terms())
        elif code == pygame.K_u and self.outcome is None:
            self.app.undo()
        elif self.outcome is not None:
            if code in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
                self.proceed()
        elif pygame.K_1 <= code <= pygame.K_4:
            self.choose(code - pygame.K_1)
        elif code in (pygame.K_DOWN, pygame.K_UP) and self.option_buttons:
            step = 1 if code == pygame.K_DOWN else -1
            options = self.app.game.options
            for _ in options:
                self.selected = (self.selected + step) % len(options)
                if options[self.selected].available:
                    break
        elif code in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.choose(self.selected)

    def vote_event(self, event: pygame.event.Event) -> bool:
        """Projector mode: count the class's votes; True when the event was a vote action."""
        options = self.app.game.options
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.option_buttons:
            self.vote(self.option_buttons.index(event.ui_element), +1)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            for index, button in enumerate(self.option_buttons):
                if button.rect.collidepoint(event.pos):
                    self.vote(index, -1)
                    return True
        if event.type != pygame.KEYDOWN:
            return False
        if pygame.K_1 <= event.key <= pygame.K_4:
            step = -1 if event.mod & pygame.KMOD_SHIFT else +1
            self.vote(event.key - pygame.K_1, step)
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            counts = [v if o.available else -1 for v, o in zip(self.votes, options,
                                                               strict=False)]
            self.choose(majority(counts, self.selected))
            return True
        if event.key == pygame.K_p:
            self.choose(self.selected)
            return True
        return False

    def vote(self, index: int, step: int) -> None:
        options = self.app.game.options
        if 0 <= index < len(options) and options[index].available:
            self.votes[index] = max(0, self.votes[index] + step)
            self.selected = index
            self.app.play_sound("select")
            self.rebuild()

    def choose(self, index: int) -> None:
        options = self.app.game.options
        if not 0 <= index < len(options) or not options[index].available:
            return
        votes = ({o.id: self.votes[i] for i, o in enumerate(options)} if self.app.projector
                 else None)
        outcome = self.app.game.choose(options[index].id)
        self.app.after_decision(outcome, votes)
        self.app.switch(PlayScene(self.app, outcome))

    def proceed(self) -> None:
        if self.app.game.finished:
            from balancing_act.ui.scenes.ending import EndingScene

            self.app.switch(EndingScene(self.app))
        else:
            self.app.switch(PlayScene(self.app))

    def scripted(self) -> list[pygame.event.Event] | None:
        if self.outcome is not None:
            return [key(pygame.K_RETURN)] if self.animation >= 1.0 else None
        choice = self.app.next_scripted_choice()
        if choice is None:
            return None
        if self.app.projector:  # one vote for the scripted option, then play the majority
            return [key(pygame.K_1 + choice - 1), key(pygame.K_RETURN)]
        return [key(pygame.K_1 + choice - 1)]


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

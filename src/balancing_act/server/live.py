"""A live class: every student's game, played by the server with the play layer, kept in the
class's store, and the class's figures for the teacher's dashboard and the projector.

The server is the authority. A student's game is rebuilt from the seed their seat gives and the
decisions in the store (so a restart resumes it exactly), and each decision is committed to the
store before the page that reports it is made. The results handed to the report are built from
the same records, with the `Recorder` every front end uses, and verified like files handed in.
"""

from __future__ import annotations

import hmac
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from balancing_act.classroom.results import Recorder, ResultFile
from balancing_act.classroom.roster import SessionKey, normal_code, sign
from balancing_act.classroom.seats import Seat, take_seat
from balancing_act.classroom.session import Session, normal_name, slug
from balancing_act.classroom.verify import ClassResults, check_loaded
from balancing_act.engine.compiled import compile_scenario
from balancing_act.engine.game import Game
from balancing_act.errors import GameError, SessionError
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.play.views import BriefingView, CardView, DebriefView, MeterView, OutcomeView
from balancing_act.scenario.loader import Scenario
from balancing_act.server.store import ClassStore, DecisionRow, Player

IDLE_SECONDS = 120  # a student who has not acted for this long is marked idle
MAX_PLAYERS = 500  # seats in one class (a flood of invented names stops here)
SEEN_EVERY = 20.0  # a page view refreshes "last seen" at most this often

Stage = Literal["briefing", "card", "outcome", "ended"]


class NotAllowed(GameError):
    """An action the class's state does not allow now (paused, ended, not your turn)."""


class Stale(NotAllowed):
    """A form for a card already decided (sent twice, or from an old tab): nothing to do."""


class NameTaken(SessionError):
    """Someone has joined under this name already (and no rejoin code proved it is them)."""


class WrongRejoin(NameTaken):
    """A rejoin code was typed for a name that is taken, and it is not that seat's code."""


class DecisionClock:
    """The decision clock of one game: the class's clock, except that the first reading for a
    card shown before the game was rebuilt (a restart) gives the time it was first shown."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.pinned: float | None = None

    def __call__(self) -> float:
        if self.pinned is not None:
            value, self.pinned = self.pinned, None
            return value
        return self.clock()


@dataclass(frozen=True)
class VoteView:
    """An open projector vote, as a student's device shows it."""

    number: int  # the class game's decision being voted on
    title: str
    text: str
    options: tuple[tuple[int, str, str, bool], ...]  # (number, id, label, available)
    mine: str  # the option this student voted for, or ""


@dataclass(frozen=True)
class StudentState:
    """Everything one student's page shows."""

    player: Player
    stage: Stage
    briefing: BriefingView
    card: CardView | None
    outcome: OutcomeView | None
    debrief: DebriefView | None
    meters: tuple[MeterView, ...]  # as they stand on this page (after the outcome shown)
    decisions: int
    paused: bool
    closed: bool
    vote: VoteView | None

    @property
    def stamp(self) -> str:
        """What a page's live panel compares to know the class changed under it."""
        vote = f"{self.vote.number}" if self.vote else "-"
        return f"{int(self.paused)}{int(self.closed)}{vote}"


@dataclass(frozen=True)
class StudentRow:
    name: str
    rejoin: str
    decisions: int
    turn_text: str
    status: str  # "playing", "reading the outcome", "finished", "not started"
    idle_seconds: float  # since the student last acted
    idle: bool
    finished: bool
    ending: str
    tone: str


@dataclass(frozen=True)
class OptionSplit:
    label: str
    count: int
    share: float
    historical: bool


@dataclass(frozen=True)
class CardSplit:
    title: str
    total: int
    options: tuple[OptionSplit, ...]


@dataclass(frozen=True)
class EndingCount:
    title: str
    tone: str
    count: int


@dataclass(frozen=True)
class Dashboard:
    """What the teacher watches: who is where, the class's splits, endings and meters."""

    class_code: str
    title: str
    turns: int
    joined: int
    playing: int
    finished: int
    idle: int
    students: tuple[StudentRow, ...]
    splits: tuple[CardSplit, ...]
    endings: tuple[EndingCount, ...]
    arrivals: tuple[tuple[str, str, str], ...]  # (name, ending title, tone), newest first
    meter_labels: tuple[str, ...]
    meter_range: tuple[int, int]
    meter_series: tuple[tuple[float, ...], ...]  # per meter: the class's mean after k decisions
    paused: bool
    closed: bool
    projector: bool  # a class game is running


@dataclass(frozen=True)
class Tally:
    option: int  # 1-based number
    id: str
    label: str
    available: bool
    votes: int
    share: float
    leading: bool


@dataclass(frozen=True)
class ProjectorState:
    """The class's own game on the big screen, with the tally of the open vote."""

    stage: Stage
    briefing: BriefingView
    card: CardView | None
    outcome: OutcomeView | None
    debrief: DebriefView | None
    meters: tuple[MeterView, ...]
    tally: tuple[Tally, ...]
    voters: int
    students: int
    tie: tuple[str, ...]  # labels of the options tied for the lead (two or more)
    majority: int | None  # the option the majority chose, when there is one
    last_votes: tuple[tuple[str, int], ...]  # how the class voted on the card just played
    closed: bool = False  # the session has ended: no vote, nothing more to play


def majority_choice(counts: list[int]) -> int | None:
    """The index with the most votes when one option leads alone; None with no votes or a
    tie (the teacher then picks)."""
    best = max(counts, default=0)
    leaders = [i for i, count in enumerate(counts) if count == best]
    return leaders[0] if best > 0 and len(leaders) == 1 else None


class LiveClass:
    """One class session being played live. Every public method is safe to call from any
    thread (one lock), and `notify` is called after every change the class's pages show:
    with "class" for what every student's page shows (a pause, the end, the projector's
    vote), "progress" for the rest (the dashboard's)."""

    def __init__(self, session: Session, scenario: Scenario, store: ClassStore, *,
                 key: SessionKey | None = None, catalog: Catalog | None = None,
                 clock: Callable[[], float] = time.time,
                 notify: Callable[[str], None] | None = None) -> None:
        self.session = session
        self.scenario = scenario
        self.store = store
        self.key = key
        self.t = catalog or Catalog()
        self.clock = clock
        self.notify = notify or (lambda topic: None)
        self.rules = PlayRules.of_session(session.rules)
        self.compiled = compile_scenario(scenario)
        self._lock = threading.RLock()
        self._plays: dict[int, Playthrough] = {}
        self._clocks: dict[int, DecisionClock] = {}
        self._check_records()
        # What the store holds, mirrored in memory (this process is its only writer): the
        # store is read once at start-up, and every write goes to it first, then here.
        self._players = {p.id: p for p in store.players(projector=None)}
        self._tokens = {p.token: p.id for p in self._players.values()}
        self._rows: dict[int, list[DecisionRow]] = {}
        self._flags = {"paused": store.meta("paused") == "1",
                       "ended": store.meta("ended") == "1"}

    def _check_records(self) -> None:
        """Records made for another class or another version of the scenario are refused:
        the games in them would not replay."""
        code, sha = self.store.meta("class_code"), self.store.meta("scenario_sha256")
        if code is None:
            self.store.set_meta({"class_code": self.session.class_code,
                                 "scenario_sha256": self.scenario.sha256,
                                 "created": time.strftime("%Y-%m-%dT%H:%M:%S")})
        elif code != self.session.class_code:
            raise SessionError(f"{self.store.path}: these records are for class {code}, not "
                               f"{self.session.class_code}; use another --data folder")
        elif sha != self.scenario.sha256:
            raise SessionError(f"{self.store.path}: these records were made with another "
                               "version of the scenario; use another --data folder")

    # -- the class's state ---------------------------------------------------------------

    @property
    def paused(self) -> bool:
        return self._flags["paused"]

    @property
    def closed(self) -> bool:
        return self._flags["ended"]

    # -- the records in memory -----------------------------------------------------------------

    def _remember(self, player: Player) -> Player:
        self._players[player.id] = player
        self._tokens[player.token] = player.id
        return player

    def _update(self, player: Player, **fields: float | int | None) -> Player:
        """Change a seat in the store, then in memory; the seat as it is now."""
        self.store.update_player(player.id, **fields)
        current = self._players.get(player.id, player)
        changed = {k: bool(v) if k == "begun" else v for k, v in fields.items()}
        return self._remember(replace(current, **changed))  # type: ignore[arg-type]

    def _rows_of(self, player_id: int) -> list[DecisionRow]:
        rows = self._rows.get(player_id)
        if rows is None:
            rows = self._rows[player_id] = self.store.decisions(player_id)
        return rows

    def _students(self) -> list[Player]:
        return [p for _, p in sorted(self._players.items()) if not p.projector]

    def pause(self, paused: bool) -> None:
        with self._lock:
            if self.closed:
                raise NotAllowed(self.t("web.class_ended"))
            self.store.set_meta({"paused": "1" if paused else "0"})
            self._flags["paused"] = paused
        self.notify("class")

    def end(self) -> None:
        with self._lock:
            self.store.set_meta({"ended": "1", "paused": "0",
                                 "ended_at": time.strftime("%Y-%m-%dT%H:%M:%S")})
            self._flags.update(ended=True, paused=False)
        self.notify("class")

    # -- seats -----------------------------------------------------------------------------

    def join(self, name: str, code: str = "", rejoin: str = "") -> Player:
        """The seat a student takes (or takes back, on another device); SessionError in the
        student's words when it cannot be taken."""
        seat = take_seat(self.session, name, code)
        key = f"id:{seat.student_id}" if seat.student_id else normal_name(seat.name)
        with self._lock:
            existing = self.store.player_by_name(key)
            if existing is not None:
                existing = self._players.get(existing.id, existing)
                if self.session.roster:
                    return self._seen(existing)  # the personal code proved who it is
                typed = normal_code(rejoin)
                if typed and hmac.compare_digest(typed, existing.rejoin):
                    return self._seen(existing)
                if typed:
                    raise WrongRejoin(self.t("web.rejoin_wrong", name=seat.name))
                raise NameTaken(self.t("web.name_taken", name=seat.name))
            if self.closed:  # a seat taken before the end can still be taken back, above
                raise SessionError(self.t("web.ended_no_join"))
            if len(self._students()) >= MAX_PLAYERS:
                raise SessionError(self.t("web.class_full", count=MAX_PLAYERS))
            try:
                player = self._seat(seat, key)
            except sqlite3.IntegrityError:
                raise NameTaken(self.t("web.name_taken", name=seat.name)) from None
        self.notify("progress")
        return player

    def _seat(self, seat: Seat, key: str, projector: bool = False) -> Player:
        return self._remember(self.store.add_player(
            name=seat.name, name_key=key, seed=seat.seed, student_id=seat.student_id,
            code=seat.code, projector=projector))

    def _seen(self, player: Player) -> Player:
        return self._update(player, last_seen=self.clock())

    def warm(self) -> int:
        """Rebuild every game from the records now (at start-up), so the first pages after
        a restart answer as fast as any other; returns how many."""
        with self._lock:
            players = list(self._players.values())
            for player in players:
                self._play(player)
        return len(players)

    def player(self, token: str) -> Player | None:
        with self._lock:
            number = self._tokens.get(token) if token else None
            return self._players.get(number) if number is not None else None

    # -- one game --------------------------------------------------------------------------

    def _play(self, player: Player) -> Playthrough:
        """The player's game, rebuilt from the records the first time it is asked for."""
        play = self._plays.get(player.id)
        if play is not None:
            return play
        choices = [row.option for row in self._rows_of(player.id)]
        game = Game.replay(self.scenario, player.seed, choices, compiled=self.compiled)
        clock = DecisionClock(self.clock)
        play = Playthrough(game, self.rules, self.t, clock=clock)
        if not game.finished and player.shown_turn == game.turn and player.shown_at:
            clock.pinned = player.shown_at  # the card was on screen before the restart
            play.card()
        self._plays[player.id], self._clocks[player.id] = play, clock
        return play

    def _stage(self, player: Player, play: Playthrough) -> Stage:
        decisions = len(play.game.choices)
        if not player.begun and decisions == 0:
            return "briefing"
        if player.seen < decisions:
            return "outcome"
        return "ended" if play.finished else "card"

    def state(self, token: str) -> StudentState:
        """A student's page: where their game stands, and any open class vote."""
        with self._lock:
            player = self._known(token)
            if self.clock() - player.last_seen > SEEN_EVERY:
                player = self._seen(player)
            return self._state(player)

    def _state(self, player: Player) -> StudentState:
        play = self._play(player)
        stage = self._stage(player, play)
        if self.closed and not player.projector:
            stage = "ended"  # nothing more to decide: the debrief, as far as the game got
        card = outcome = debrief = None
        meters = play.meters()
        if stage == "card":
            card = self._card(player, play)
            meters = card.meters
        elif stage == "outcome":
            last = play.game.history[-1]
            late = self._rows_of(player.id)[-1].late
            outcome = play.outcome(last, late=late)
            meters = play.meters(outcome.meters_after)
        elif stage == "ended":
            debrief = play.debrief(so_far=True)
        return StudentState(player, stage, play.briefing(), card, outcome, debrief, meters,
                            len(play.game.choices), self.paused, self.closed,
                            None if player.projector else self._vote_for(player))

    def _card(self, player: Player, play: Playthrough) -> CardView:
        """The current card, its decision clock started (see `_start_clock`)."""
        self._start_clock(player, play)
        return play.card()

    def _start_clock(self, player: Player, play: Playthrough) -> None:
        """The first time a card is shown, the time is recorded: the decision clock runs from
        there, also across a restart."""
        turn = play.game.turn
        if player.shown_turn != turn:
            now = self.clock()
            self._update(player, shown_turn=turn, shown_at=now)
            self._clocks[player.id].pinned = now

    def _known(self, token: str) -> Player:
        player = self.player(token)
        if player is None:
            raise NotAllowed(self.t("web.not_joined"))
        return player

    def _may_play(self) -> None:
        if self.closed:
            raise NotAllowed(self.t("web.class_ended"))
        if self.paused:
            raise NotAllowed(self.t("web.paused"))

    def begin(self, token: str) -> None:
        """The briefing is read: the first card comes next."""
        with self._lock:
            player = self._known(token)
            self._may_play()
            if not player.begun:
                self._update(player, begun=1, last_seen=self.clock())
        self.notify("progress")

    def choose(self, token: str, option: str, turn: int | None = None) -> OutcomeView:
        """Play `option` (its id or number) on the player's current card. The decision is
        committed to the store before this returns; when the store refuses it, the game is
        as it was. A `turn` that is not the current one (a form sent twice) is refused."""
        with self._lock:
            player = self._known(token)
            if player.projector:
                raise NotAllowed(self.t("web.not_yours"))
            self._may_play()
            outcome = self._decide(player, option, turn)
        self.notify("progress")
        return outcome

    def _decide(self, player: Player, option: str, turn: int | None,
                votes: dict[str, int] | None = None) -> OutcomeView:
        play = self._play(player)
        if self._stage(player, play) != "card" or (turn is not None and turn != play.game.turn):
            raise Stale(self.t("web.already_decided"))
        self._start_clock(player, play)  # even if the card was never shown
        choice: int | str = int(option) if option.isdigit() else option
        outcome = play.choose(choice)
        timing = play.timings[-1]
        row = DecisionRow(player.id, len(play.game.choices), outcome.turn, outcome.event_id,
                          outcome.option_id, timing.seconds, timing.late, self.clock(), votes)
        try:
            self.store.add_decision(row)
        except BaseException:
            self._forget(player.id)  # the store is the truth: rebuilt from it next time
            raise
        self._rows_of(player.id).append(row)
        self._remember(replace(self._players[player.id], shown_turn=None, shown_at=None,
                               last_seen=row.at))
        return outcome

    def _forget(self, player_id: int) -> None:
        self._plays.pop(player_id, None)
        self._clocks.pop(player_id, None)
        self._rows.pop(player_id, None)

    def carry_on(self, token: str) -> None:
        """The outcome is read: the next card (or the ending) comes next."""
        with self._lock:
            player = self._known(token)
            self._read_outcome(player)
        self.notify("progress")

    def _read_outcome(self, player: Player) -> None:
        decisions = len(self._play(player).game.choices)
        if player.seen < decisions:
            self._update(player, seen=decisions, last_seen=self.clock())

    def undo(self, token: str) -> None:
        """Take back the last decision, where the session allows it."""
        with self._lock:
            player = self._known(token)
            self._may_play()
            play = self._play(player)
            if not play.can_undo:
                raise NotAllowed(self.t("play.no_undo"))
            number = len(play.game.choices)
            self.store.remove_last_decision(player.id, number)
            self._forget(player.id)
            self._remember(replace(player, seen=min(player.seen, number - 1), shown_turn=None,
                                   shown_at=None, last_seen=self.clock()))
        self.notify("progress")

    # -- results and the report ------------------------------------------------------------

    def result(self, player: Player) -> ResultFile:
        """The player's result, as a result file of the session would hold it (signed with
        their personal code when the session has a class list)."""
        with self._lock:
            play = self._play(player)
            rows = list(self._rows_of(player.id))
        recorder = Recorder(self.session, player.name, Path("."), projector=player.projector,
                            student_id=player.student_id, code=player.code,
                            started=player.joined)
        result = recorder.record(play.game, [(r.seconds, r.late) for r in rows],
                                 [r.votes for r in rows])
        if not player.code:
            return result
        data = result.model_dump(mode="json")
        data["signature"] = sign(player.code, data)
        return ResultFile.model_validate(data)

    def results(self) -> list[tuple[Path, ResultFile]]:
        """Every game's result, each with the label the report shows for it. A student who
        joined but never pressed Begin has not started a game, so has no result (as a
        student who closes the game window on its name screen has none)."""
        with self._lock:
            started = [p for _, p in sorted(self._players.items())
                       if p.projector or p.begun or self._rows_of(p.id)]
        return [(Path(f"{self.session.class_code}-{slug(p.name)}-{p.id}.json"), self.result(p))
                for p in started]

    def report(self) -> ClassResults:
        """The class's results verified exactly as `class report` verifies files."""
        return check_loaded(self.session, self.scenario, self.results(), self.key)

    # -- the dashboard ---------------------------------------------------------------------

    def dashboard(self) -> Dashboard:
        with self._lock:
            players = self._students()
            plays = {p.id: self._play(p) for p in players}
            rows = [row for p in players for row in self._rows_of(p.id)]
            projector = self._projector_player()
            paused, closed = self.paused, self.closed
        now = self.clock()
        spec = self.scenario.file
        students = []
        arrivals: list[tuple[float, str, str, str]] = []
        finished_at: dict[int, float] = {}
        for row in rows:
            finished_at[row.player] = row.at
        for player in players:
            play = plays[player.id]
            game = play.game
            decisions = len(game.choices)
            stage = self._stage(player, play)
            ending = game.ending
            idle_for = max(0.0, now - player.last_seen)
            idle = stage != "ended" and not game.finished and idle_for > IDLE_SECONDS
            # after the end, a game not finished is stopped where it was, not still going on
            status = self.t("web.status.stopped" if closed and not game.finished
                            else f"web.status.{stage}")
            turn_text = self.t("card.turn", turn=min(game.turn, game.turns) if not
                               game.finished else decisions, turns=game.turns)
            students.append(StudentRow(
                name=player.name, rejoin=player.rejoin, decisions=decisions,
                turn_text=turn_text, status=status, idle_seconds=idle_for, idle=idle,
                finished=game.finished, ending=ending.title if ending else "",
                tone=ending.tone if ending else ""))
            if ending is not None:
                arrivals.append((finished_at.get(player.id, player.joined), player.name,
                                 ending.title, ending.tone))
        counts = Counter(plays[p.id].game.ending.id for p in players  # type: ignore[union-attr]
                         if plays[p.id].game.ending is not None)
        splits = self._splits(rows, {p.id for p in players})
        series = self._meter_series([plays[p.id].game for p in players])
        meters = list(spec.meters.values())
        students.sort(key=lambda s: normal_name(s.name))
        arrivals.sort(reverse=True)
        return Dashboard(
            class_code=self.session.class_code, title=spec.title, turns=spec.turns,
            joined=len(players), playing=sum(1 for s in students if not s.finished),
            finished=sum(1 for s in students if s.finished),
            idle=sum(1 for s in students if s.idle), students=tuple(students),
            splits=splits,
            endings=tuple(EndingCount(e.title, e.tone, counts[e.id]) for e in spec.endings
                          if counts[e.id]),
            arrivals=tuple((name, title, tone) for _, name, title, tone in arrivals[:12]),
            meter_labels=tuple(m.label for m in meters),
            meter_range=(min(m.min for m in meters), max(m.max for m in meters)),
            meter_series=series, paused=paused, closed=closed,
            projector=projector is not None)

    def _splits(self, rows: list[DecisionRow], students: set[int]) -> tuple[CardSplit, ...]:
        """How the class split on each card so far, the card decided most recently first."""
        picks: dict[str, Counter[str]] = {}
        latest: dict[str, float] = {}
        for row in rows:
            if row.player in students:
                picks.setdefault(row.event, Counter())[row.option] += 1
                latest[row.event] = max(latest.get(row.event, 0.0), row.at)
        splits = []
        events = sorted(self.scenario.file.events, key=lambda e: -latest.get(e.id, 0.0))
        for event in events:
            counted = picks.get(event.id)
            if not counted:
                continue
            total = sum(counted.values())
            splits.append(CardSplit(event.title, total, tuple(
                OptionSplit(o.label, counted[o.id], counted[o.id] / total, o.historical)
                for o in event.options)))
        return tuple(splits)

    def _meter_series(self, games: list[Game]) -> tuple[tuple[float, ...], ...]:
        """Each meter's class mean at the start and after each decision (over the games that
        got that far)."""
        tracks = [game.meter_track for game in games]
        longest = max((len(track) for track in tracks), default=0)
        series = []
        for meter_id in self.scenario.meter_ids:
            points = []
            for k in range(longest):
                values = [track[k][meter_id] for track in tracks if len(track) > k]
                points.append(sum(values) / len(values))
            series.append(tuple(points))
        return tuple(series)

    # -- the projector game ----------------------------------------------------------------

    def _projector_player(self) -> Player | None:
        games = [p for _, p in sorted(self._players.items()) if p.projector]
        return games[-1] if games else None

    def start_projector(self) -> None:
        """The class's own game on the big screen (the session's seed); started once."""
        with self._lock:
            if self.closed:
                raise NotAllowed(self.t("web.class_ended"))
            if self._projector_player() is None:
                name = self.t("projector.name")
                player = self._seat(Seat(name, "", "", self.session.seed), "projector", True)
                self._update(player, begun=1)
        self.notify("class")

    def projector(self) -> ProjectorState | None:
        with self._lock:
            player = self._projector_player()
            if player is None:
                return None
            state = self._state(player)
            tally, voters = self._tally(player, state)
            students = len(self._students())
            last: tuple[tuple[str, int], ...] = ()
            if state.outcome is not None:
                counted = self._rows_of(player.id)[-1].votes or {}
                event = self.scenario.event(state.outcome.event_id)
                last = tuple((o.label, counted.get(o.id, 0)) for o in event.options)
        counts = [t.votes if t.available else -1 for t in tally]
        best = max(counts, default=0)
        tie = tuple(t.label for t in tally if best > 0 and t.votes == best and t.available)
        lead = majority_choice(counts)
        return ProjectorState(state.stage, state.briefing, state.card, state.outcome,
                              state.debrief, state.meters, tally, voters, students,
                              tie if len(tie) > 1 else (), None if lead is None else lead + 1,
                              last, self.closed)

    def _tally(self, player: Player, state: StudentState) -> tuple[tuple[Tally, ...], int]:
        if state.card is None:
            return (), 0
        votes = self.store.votes(state.decisions + 1)
        counts = Counter(votes.values())
        total = sum(counts.values())
        best = max(counts.values(), default=0)
        return tuple(Tally(o.number, o.id, o.label, o.available, counts[o.id],
                           counts[o.id] / total if total else 0.0,
                           best > 0 and counts[o.id] == best)
                     for o in state.card.options), total

    def _vote_for(self, player: Player) -> VoteView | None:
        """The projector vote open now, if any, for a student's device."""
        game = self._projector_player()
        if game is None or self.paused or self.closed:
            return None
        play = self._play(game)
        if self._stage(game, play) != "card":
            return None
        number = len(play.game.choices) + 1
        card = play.card()
        mine = self.store.votes(number).get(player.id, "")
        return VoteView(number, card.title, card.text,
                        tuple((o.number, o.id, o.label, o.available) for o in card.options),
                        mine)

    def vote(self, token: str, option: str, number: int) -> None:
        """A student's vote on the open projector card (`number` is the vote they saw: a vote
        that has closed meanwhile is refused)."""
        with self._lock:
            player = self._known(token)
            vote = None if player.projector else self._vote_for(player)
            if vote is None or vote.number != number:
                raise NotAllowed(self.t("web.vote_closed"))
            chosen = next((o for o in vote.options if option in (o[1], str(o[0]))), None)
            if chosen is None or not chosen[3]:
                raise NotAllowed(self.t("web.vote_not_option"))
            self.store.vote(number, player.id, chosen[1])
            self._seen(player)
        self.notify("progress")

    def close_vote(self, option: str | None = None, turn: int | None = None) -> OutcomeView:
        """Play the class's choice on the projector card: `option` (the teacher's pick), or
        the majority. The votes go into the class game's record. A `turn` that is not the
        card's (a button pressed twice) is refused."""
        with self._lock:
            game = self._projector_player()
            if game is None:
                raise NotAllowed(self.t("web.no_projector"))
            self._may_play()
            state = self.projector()
            assert state is not None
            if turn is not None and (state.card is None or state.card.turn != turn):
                raise Stale(self.t("web.already_decided"))  # pressed twice: already played
            if state.card is None:
                raise NotAllowed(self.t("web.vote_closed"))
            if option is None:
                if state.majority is None:
                    raise NotAllowed(self.t("web.tie_pick") if state.tie else
                                     self.t("web.no_votes"))
                option = str(state.majority)
            counts = {t.id: t.votes for t in state.tally}
            outcome = self._decide(game, option, turn, counts)
        self.notify("class")
        return outcome

    def projector_carry_on(self) -> None:
        with self._lock:
            game = self._projector_player()
            if game is None:
                raise NotAllowed(self.t("web.no_projector"))
            self._read_outcome(game)
        self.notify("class")

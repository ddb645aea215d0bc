"""`balancing-act [play] [SCENARIO|ID]`: the game, in the window (the default) or the terminal,
alone or in a class session."""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from balancing_act import resources
from balancing_act.cli.common import open_scenario, scenario_path
from balancing_act.errors import UsageError
from balancing_act.io import describe
from balancing_act.play.catalog import Catalog, available_languages, system_language
from balancing_act.scenario.loader import Scenario
from balancing_act.scenario.translations import translate

if TYPE_CHECKING:
    from balancing_act.engine.start import Start


def add_parser(commands: Any) -> None:
    play = commands.add_parser("play", help="play a scenario (the default command)")
    play.add_argument("scenario", nargs="?", help="a scenario file or a shipped scenario's id "
                                                  "(default: the title screen, or the "
                                                  "tutorial in the terminal)")
    play.add_argument("--seed", type=int, help="the game's seed: the same seed and choices "
                                               "always give the same game")
    play.add_argument("--text", action="store_true", help="play in the terminal; with input "
                                                          "that is not a terminal, read one "
                                                          "option number per line")
    play.add_argument("--lang", metavar="CODE", help="the language of the game's own words "
                                                     "(default: the system's)")
    play.add_argument("--script", type=Path, metavar="FILE",
                      help="drive the game window with a script: option numbers, key:NAME, "
                           "click:LABEL, wait:SECONDS, one per line")
    play.add_argument("--screenshots", type=Path, metavar="DIR",
                      help="with --script: save a PNG of every screen shown")
    play.add_argument("--debrief", type=Path, metavar="FILE.pdf",
                      help="with --script: write the whole debrief as a PDF at the end")
    play.add_argument("--voice-out", type=Path, metavar="FILE.wav",
                      help="write what the voice reads aloud to a WAV file (and the words to "
                           "FILE.txt): the first screen, or with --script the whole run")
    play.add_argument("--session", type=Path, metavar="FILE",
                      help="play in a class session (the scenario, seed and rules come from it)")
    play.add_argument("--name", help="the student's name in a class session")
    play.add_argument("--code", help="the student's personal code, in a session with a class "
                                     "list")
    play.add_argument("--projector", action="store_true",
                      help="with --session: the class plays one game on the big screen, "
                           "voting on every card")
    test = play.add_argument_group("a designer's test game (not for class sessions)")
    test.add_argument("--from", dest="from_card", metavar="CARD",
                      help="start with this card, on the first turn it can come up")
    test.add_argument("--turn", type=int, metavar="N",
                      help="with --from, --set or --flag: start on this turn")
    test.add_argument("--set", action="append", default=[], metavar="METER=V",
                      help="start with this meter at V (repeat for more meters)")
    test.add_argument("--flag", action="append", default=[], metavar="NAME[=false]",
                      help="start with this flag on (or off with =false; repeat for more)")
    play.add_argument("--join", metavar="URL",
                      help="play a class hosted with class host, in the window (the address "
                           "the teacher gives, e.g. http://192.168.1.20:8000/)")
    play.add_argument("--results", type=Path, metavar="DIR",
                      help="where a class session's result file goes (default: your data "
                           "folder)")


def language(args: argparse.Namespace) -> str:
    code = args.lang or system_language()
    if code not in available_languages():
        raise UsageError(f"--lang: no catalog for '{code}'; the languages are "
                         f"{', '.join(available_languages())}")
    return code


def window_language(args: argparse.Namespace) -> str | None:
    """--lang for the window when given (checked); else None, so that the window opens in the
    Language setting the player chose, or the system's language when there is none."""
    return language(args) if args.lang else None


def seed_of(args: argparse.Namespace) -> int:
    if args.seed is None:
        return secrets.randbelow(1_000_000)
    if not 0 <= args.seed <= 2**63 - 1:
        raise UsageError("--seed: a seed is a whole number from 0 to 2**63 - 1")
    return int(args.seed)


def start_of(args: argparse.Namespace) -> Start | None:
    """The test game's starting point from --from, --turn, --set and --flag (None for a
    game from turn 1); UsageError for a value that is not written right."""
    meters: dict[str, int] = {}
    for item in args.set:
        name, _, value = item.partition("=")
        try:
            meters[name.strip()] = int(value)
        except ValueError:
            raise UsageError(f"--set {item}: write METER=VALUE with a whole number, e.g. "
                             "--set autonomy=30") from None
    on: list[str] = []
    off: list[str] = []
    for item in args.flag:
        name, _, value = item.partition("=")
        if value.strip().lower() not in ("", "true", "on", "yes", "false", "off", "no"):
            raise UsageError(f"--flag {item}: write NAME to switch a flag on, NAME=false to "
                             "switch it off")
        (off if value.strip().lower() in ("false", "off", "no") else on).append(name.strip())
    if args.turn is not None and args.from_card is None and not (meters or on or off):
        raise UsageError("--turn goes with --from, --set or --flag")
    from balancing_act.engine.start import Start

    start = Start(card=args.from_card, turn=args.turn, meters=meters, flags=tuple(on),
                  cleared=tuple(off))
    return None if start.plain else start


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    if args.text and args.voice_out is not None:
        raise UsageError("--voice-out reads the window aloud; leave out --text (a terminal "
                         "is read by the system's own screen reader)")
    start = start_of(args)
    if args.join is not None:
        if start is not None:
            raise UsageError("--from, --turn, --set and --flag are for a designer's test game, "
                             "not for a hosted class")
        return _join(args)
    if args.session is not None:
        if start is not None:
            raise UsageError("--from, --turn, --set and --flag are for a designer's test game, "
                             "not for a class session")
        return _session(args, lang)
    if args.projector:
        raise UsageError("--projector goes with --session")
    if start is not None and args.scenario is None:
        raise UsageError("--from, --turn, --set and --flag need a SCENARIO")
    from balancing_act.engine.game import Game

    if not args.text:
        if start is not None:  # say what does not fit before the window opens
            Game(open_scenario(args.scenario), 0, start=start)
        return _window(args, start)
    from balancing_act.frontends.text.game import play_text
    from balancing_act.play.playthrough import Playthrough
    from balancing_act.play.rules import PlayRules

    catalog = Catalog(lang)
    scenario, notice = in_language(open_scenario(args.scenario or resources.tutorial()), catalog)
    play = Playthrough(Game(scenario, seed_of(args), start=start), PlayRules.solo(), catalog)
    return play_text(play, sys.stdin, sys.stdout, interactive=sys.stdin.isatty(),
                     notice=notice)


def in_language(scenario: Scenario, catalog: Catalog) -> tuple[Scenario, str]:
    """The scenario in the catalog's language where its translation gives it, and a line for
    the player when it is not translated (or its translation has problems)."""
    result = translate(scenario, catalog.language)
    if result.errors and result.path is not None:
        return result.scenario, catalog("translation.problems", count=len(result.errors),
                                        file=describe(result.path))
    if catalog.language != "en" and result.language != catalog.language:
        return result.scenario, catalog("translation.none")
    return result.scenario, ""


def _window(args: argparse.Namespace, start: Start | None = None) -> int:
    from balancing_act.frontends.window.launch import WindowRequest, run_window
    from balancing_act.frontends.window.script import read_script

    script = read_script(args.script) if args.script is not None else None
    if (args.screenshots is not None or args.debrief is not None) and script is None:
        raise UsageError("--screenshots and --debrief go with --script")
    path = scenario_path(args.scenario) if args.scenario else None
    return run_window(WindowRequest(scenario=path, seed=args.seed, script=script,
                                    screenshots=args.screenshots,
                                    language=window_language(args),
                                    debrief_pdf=args.debrief, start=start,
                                    voice_out=voice_file(args.voice_out)))


def voice_file(path: Path | None) -> Path | None:
    if path is not None and path.suffix.lower() != ".wav":
        raise UsageError(f"--voice-out: {describe(path)} must end in .wav")
    return path


def _join(args: argparse.Namespace) -> int:
    """A hosted class in the window: the server plays the game, the window shows it."""
    if args.session is not None or args.scenario or args.text or args.projector:
        raise UsageError("--join plays a hosted class in the window: leave out the scenario, "
                         "--session, --text and --projector")
    from balancing_act.frontends.window.launch import WindowRequest, run_window
    from balancing_act.frontends.window.script import read_script

    script = read_script(args.script) if args.script is not None else None
    return run_window(WindowRequest(join=args.join, script=script,
                                    screenshots=args.screenshots,
                                    language=window_language(args)))


def default_results_folder() -> Path:
    from balancing_act.frontends.window.folders import data_folder

    return data_folder() / "results"


def _session(args: argparse.Namespace, lang: str) -> int:
    from balancing_act.classroom.session import read_session

    session = read_session(args.session)
    scenario = session.load_scenario(args.session)
    results = args.results or default_results_folder()
    if args.text:
        if args.projector:
            raise UsageError("projector mode is for the window: leave out --text")
        from balancing_act.frontends.text.session import play_session_text

        catalog = Catalog(lang)
        scenario, notice = in_language(scenario, catalog)
        return play_session_text(session, scenario, name=args.name, code=args.code,
                                 results=results,
                                 stdin=sys.stdin, stdout=sys.stdout,
                                 interactive=sys.stdin.isatty(), catalog=catalog,
                                 notice=notice)
    from balancing_act.frontends.window.launch import SessionStart, WindowRequest, run_window
    from balancing_act.frontends.window.script import read_script

    script = read_script(args.script) if args.script is not None else None
    start = SessionStart(session, args.session, results, args.name, args.projector,
                         args.code)
    code = run_window(WindowRequest(script=script, screenshots=args.screenshots, session=start,
                                    language=window_language(args), debrief_pdf=args.debrief,
                                    voice_out=voice_file(args.voice_out)))
    return code

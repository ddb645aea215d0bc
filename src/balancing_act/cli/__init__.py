"""The command line: `balancing-act [play] ...`, the designer tools and the classroom steps.

Each subcommand is a module with `add_parser` and `run`; this module builds the parser, picks
the subcommand (play when none is named) and turns every project error, Ctrl-C, a closed pipe
or a full disk into a one-line message and the exit code of `ExitCode`, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from balancing_act import __version__
from balancing_act.errors import BalancingActError, ExitCode
from balancing_act.scenario.problems import ScenarioError

# command -> its module in balancing_act.cli. A command's module (and what it imports: the
# window, the server, the analyser) is imported only when that command runs or the full
# help is asked for, so `simulate` does not pay for starting the classroom server's code.
SUBCOMMANDS: dict[str, str] = {
    "play": "play", "validate": "validate", "simulate": "simulate", "coverage": "coverage",
    "schema": "schema", "new": "new", "class": "classroom", "replay": "replay", "map": "map",
    "translate": "translate",
}


def command_module(command: str) -> ModuleType:
    return importlib.import_module(f"balancing_act.cli.{SUBCOMMANDS[command]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (`only`) the top level with just that command's parser."""
    parser = argparse.ArgumentParser(
        prog="balancing-act",
        description="Balancing Act: steer India's foreign policy between great powers.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in SUBCOMMANDS if only is None else [only]:
        command_module(command).add_parser(commands)
    return parser


def _prepare_streams() -> None:
    """Input that is closed, or not valid in the locale's encoding, must not crash a prompt;
    output in an encoding that lacks a character must not either."""
    if sys.stdin is None:
        sys.stdin = io.StringIO("")
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _prepare_streams()
    try:
        code = _run(list(sys.argv[1:] if argv is None else argv))
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        _message("stopped (Ctrl-C); nothing written so far is lost")
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _message("the output was closed before everything was written")
        return ExitCode.PROBLEMS
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return ExitCode.PROBLEMS
    except BalancingActError as err:
        _message(str(err))
        return err.exit_code
    except OSError as err:  # standard output on a full disk, a closed terminal...
        _silence_stdout()
        _message(f"cannot write the output: {(err.strerror or str(err)).lower()}")
        return ExitCode.PROBLEMS


def _run(args: list[str]) -> int:
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help",
                                                                     "--version")):
        args.insert(0, "play")
    parser = build_parser(args[0] if args[0] in SUBCOMMANDS else None)
    try:
        parsed = parser.parse_args(args)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help
        return int(stop.code or 0)
    return int(command_module(parsed.command).run(parsed))


def _message(text: str) -> None:
    try:
        print(f"balancing-act: {text}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    """After a closed pipe, point standard output at nothing so the exit is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass

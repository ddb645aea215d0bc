"""The project's one family of errors, and the exit codes the command line gives for them.

Every problem a user can cause (a bad file, a refused save, a broken session, a disk that will
not take a write) is a `BalancingActError` whose message is written for that user, usually as
`path: message` or `file:LINE:COL: message`. Front ends show the message; only a bug in the
project itself may reach the crash screen.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the `balancing-act` command returns."""

    OK = 0  # done, or a game played to its ending
    PROBLEMS = 1  # problems were found (a bad file, a flagged result, a failed write)
    USAGE = 2  # the command line was wrong (a missing file, a bad option)
    UNFINISHED = 3  # the input ended (or the player left) before the game did
    INTERRUPTED = 130  # Ctrl-C


class BalancingActError(Exception):
    """A problem the user can act on; `str(error)` is the message to show."""

    exit_code: ExitCode = ExitCode.PROBLEMS

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(BalancingActError):
    """The command line asks for something that cannot be done as asked."""

    exit_code = ExitCode.USAGE


class ReadError(BalancingActError):
    """A file could not be read as what it should be: `where` is its path (with `:LINE:COL`
    when known) and `detail` what is wrong; the message is `where: detail`."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: {detail}")
        self.where = where
        self.detail = detail


class WriteError(BalancingActError):
    """A file could not be written; the last good copy is kept. The message says why."""


class GameError(BalancingActError):
    """A choice or a save that the game cannot accept; the message is for the player."""


class SessionError(BalancingActError):
    """A class session file that cannot be used."""


class ResultError(BalancingActError):
    """A result file that cannot be used."""


class ReportError(BalancingActError):
    """A report (balance or class) could not be made."""


class ScriptError(BalancingActError):
    """A scripted window run could not go on as written."""

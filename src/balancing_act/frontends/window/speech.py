"""Self-voicing: the window reads the screen aloud when the voice setting is on (V toggles it).

Speech runs on a worker thread, so the frame loop never waits for it, and a new screen (or a
new focus) stops what was being said. The engine is found on the worker thread too:

- the espeak-ng program where it is installed (Linux; it speaks Hindi and switches to English
  for Latin words). It is driven directly rather than through pyttsx3, whose Linux driver plays
  each sentence through `aplay` and cannot be stopped mid-sentence;
- otherwise pyttsx3, the system's own voices: SAPI on Windows, NSSpeechSynthesizer on macOS.

`BALANCING_ACT_SPEECH` (espeak-ng, pyttsx3 or none) chooses one. Without any, the game says so
once and goes on silently. `save` writes speech to a WAV file (for `--voice-out`).
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

SAVE_SECONDS = 600  # the longest a WAV may take to write
_STOP = object()
_NAMES = {"hi": "hindi", "en": "english", "mr": "marathi", "ne": "nepali"}


class SpeechError(Exception):
    """The engine could not say or save something; the message says why."""


class Speaker(Protocol):
    name: str
    language_found: bool  # False: no voice of the language, the default voice reads

    def speak(self, text: str, wanted: Callable[[], bool]) -> None:
        """Say `text` (blocking, on the worker thread) unless `wanted()` turns false first."""

    def stop(self) -> None:
        """Stop the sentence being said (from any thread)."""

    def save(self, text: str, path: Path) -> None:
        """Write `text` as speech to a WAV file at `path`; SpeechError when it cannot."""


class EspeakProgram:
    """The espeak-ng (or espeak) program: one process per text, ended to stop it."""

    def __init__(self, program: str, language: str) -> None:
        self.program = program
        self.name = Path(program).name
        self.language_found = language in self.voice_languages()
        self.voice = language if self.language_found else "en"
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def voice_languages(self) -> set[str]:
        """The language codes of the installed voices ('hi', 'en-gb' -> 'en' too)."""
        try:
            listing = subprocess.run([self.program, "--voices"], capture_output=True,
                                     timeout=20, check=False).stdout.decode("utf-8", "replace")
        except (OSError, subprocess.SubprocessError):
            return set()
        codes = set()
        for line in listing.splitlines()[1:]:
            parts = line.split()
            if len(parts) > 1:
                codes |= {parts[1], parts[1].split("-")[0]}
        return codes

    def _command(self) -> list[str]:
        return [self.program, "-v", self.voice, "-b", "1"]  # -b 1: the text is UTF-8

    def speak(self, text: str, wanted: Callable[[], bool]) -> None:
        with self._lock:
            if not wanted():
                return
            try:
                self._process = subprocess.Popen(self._command(), stdin=subprocess.PIPE,
                                                 stdout=subprocess.DEVNULL,
                                                 stderr=subprocess.DEVNULL)
            except OSError as err:
                raise SpeechError(str(err)) from None
        process = self._process
        with contextlib.suppress(OSError, ValueError):
            process.communicate(text.encode("utf-8"))
        with self._lock:
            self._process = None

    def stop(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is None:
                with contextlib.suppress(OSError):
                    self._process.terminate()

    def save(self, text: str, path: Path) -> None:
        try:
            result = subprocess.run([*self._command(), "-w", str(path)],
                                    input=text.encode("utf-8"), capture_output=True,
                                    timeout=SAVE_SECONDS, check=False)
        except (OSError, subprocess.SubprocessError) as err:
            raise SpeechError(str(err)) from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise SpeechError(detail[-1] if detail else f"{self.name} failed")


class Pyttsx3Speaker:
    """The system's voices through pyttsx3, its engine made on the thread that uses it."""

    name = "pyttsx3"

    def __init__(self, language: str) -> None:
        self.language = language
        self.language_found = True
        self._engine: Any = None

    def engine(self) -> Any:
        if self._engine is None:
            import pyttsx3

            try:
                self._engine = pyttsx3.init()
            except Exception as err:  # each platform's driver fails in its own way
                raise SpeechError(f"{type(err).__name__}: {err}") from None
            self.language_found = choose_voice(self._engine, self.language)
        return self._engine

    def speak(self, text: str, wanted: Callable[[], bool]) -> None:
        engine = self.engine()
        if wanted():
            engine.say(text)
            engine.runAndWait()

    def stop(self) -> None:
        if self._engine is not None:
            with contextlib.suppress(Exception):
                self._engine.stop()

    def save(self, text: str, path: Path) -> None:
        engine = self.engine()
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints what it saved
                engine.save_to_file(text, str(path))
                engine.runAndWait()
        except Exception as err:
            raise SpeechError(f"{type(err).__name__}: {err}") from None
        if not path.is_file():
            raise SpeechError("the speech engine wrote no file")


def choose_voice(engine: Any, language: str) -> bool:
    """Prefer a voice of the game's language where the system has one; True if found."""
    try:
        voices = engine.getProperty("voices") or []
    except Exception:
        return False
    for voice in voices:
        if voice_matches(voice, language):
            with contextlib.suppress(Exception):
                engine.setProperty("voice", voice.id)
                return True
    return False


def voice_matches(voice: Any, language: str) -> bool:
    """A voice speaks `language` when its languages say so ('hi', 'hi_IN', 'hi-in'), or its
    id or name does (SAPI: '...TTS_MS_HI-IN_KALPANA...', 'Microsoft Kalpana - Hindi')."""
    languages = [str(x).lower().replace("_", "-") for x in
                 (getattr(voice, "languages", None) or [])]
    if any(code == language or code.startswith(f"{language}-") for code in languages):
        return True
    ident = f"{getattr(voice, 'id', '')} {getattr(voice, 'name', '')}".lower().replace("_", "-")
    name = _NAMES.get(language, "\0")
    return name in ident or f"{language}-" in ident.split("\\")[-1] or \
        ident.split()[0].endswith(f"/{language}")


@dataclass
class Found:
    """The engine for a language, or why there is none."""

    speaker: Speaker | None
    problem: str = ""  # a catalog key: voice.no_program, voice.failed
    detail: str = ""


def find_speaker(language: str, choice: str | None = None) -> Found:
    """The speech engine to use: `choice` (or BALANCING_ACT_SPEECH), else the espeak-ng
    program where it is installed, else pyttsx3."""
    choice = (choice if choice is not None else os.environ.get("BALANCING_ACT_SPEECH", "")) \
        .strip().lower()
    if choice == "none":
        return Found(None, "voice.no_program")
    if choice in ("", "espeak-ng", "espeak"):
        program = shutil.which("espeak-ng") or shutil.which("espeak")
        if program is not None:
            return Found(EspeakProgram(program, language))
        if choice:
            return Found(None, "voice.no_program")
    try:
        import pyttsx3  # noqa: F401
    except ImportError:
        return Found(None, "voice.no_program")
    return Found(Pyttsx3Speaker(language))


@dataclass
class Notice:
    """Something the player should be told once, in their language (a catalog key)."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


class Voice:
    """Says texts in order on a worker thread. `stop` drops what is queued and ends the
    sentence being said; `spoken` keeps every text asked for (tests, `--voice-out`).

    With `live` false nothing is said aloud: the texts are only kept, to be saved."""

    def __init__(self, enabled: bool, language: str = "en", *, live: bool = True,
                 finder: Callable[[str], Found] = find_speaker) -> None:
        self.enabled = enabled
        self.live = live
        self.spoken: list[str] = []
        self._language = language
        self._finder = finder
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._speaker: Speaker | None = None
        self._found_for = ""  # the language the speaker was found for
        self._generation = 0
        self._notices: queue.Queue[Notice] = queue.Queue()
        self._told = False

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, value: str) -> None:
        if value != self._language:
            self.stop()
            self._language = value  # the worker finds a voice for it before the next text

    # -- asking ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Queue `text` after whatever is being said."""
        text = " ".join(text.split())
        if not (self.enabled and text):
            return
        self.spoken.append(text)
        if not self.live:
            return
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, daemon=True, name="speech")
            self._thread.start()
        self._queue.put((self._generation, text))

    def say_now(self, text: str) -> None:
        """Stop what is being said and say `text` (a new focus, a message)."""
        if self.enabled:
            self.stop()
        self.say(text)

    def stop(self) -> None:
        """A new screen: drop what the old one had queued and stop the current sentence."""
        self._generation += 1
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        speaker = self._speaker
        if speaker is not None:
            speaker.stop()

    def close(self) -> None:
        self.stop()
        if self._thread is not None:
            self._queue.put(_STOP)

    def take_notice(self) -> Notice | None:
        """A message for the player from the worker (no engine, no voice for the language)."""
        try:
            return self._notices.get_nowait()
        except queue.Empty:
            return None

    # -- the worker --------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            assert isinstance(item, tuple)
            generation, text = item
            if generation != self._generation:
                continue
            speaker = self._ready()
            if speaker is None:
                continue
            try:
                speaker.speak(text, partial(self._wanted, generation))
            except SpeechError as err:
                self._tell(Notice("voice.no_engine", {"reason_key": "voice.failed",
                                                      "error": str(err)}))
                self._speaker = None

    def _wanted(self, generation: int) -> bool:
        """Still the texts of the current screen (no `stop` since it was asked for)."""
        return generation == self._generation

    def _ready(self) -> Speaker | None:
        if self._speaker is not None and self._found_for == self._language:
            return self._speaker
        language = self._language
        found = self._finder(language)
        self._found_for = language
        self._speaker = found.speaker
        if found.speaker is None:
            self._tell(Notice("voice.no_engine", {"reason_key": found.problem or
                                                  "voice.no_program", "error": found.detail}))
        elif not found.speaker.language_found and language != "en":
            self._notices.put(Notice("voice.no_language"))
        return found.speaker

    def _tell(self, notice: Notice) -> None:
        if not self._told:  # said once, not at every screen
            self._told = True
            self._notices.put(notice)

    # -- saving ------------------------------------------------------------------------------

    def save(self, text: str, path: Path) -> Notice | None:
        """Write `text` as speech to the WAV file `path` (on this thread); a notice saying
        why when it cannot be."""
        found = self._finder(self._language)
        if found.speaker is None:
            return Notice("voice.no_engine", {"reason_key": found.problem or "voice.no_program",
                                              "error": found.detail})
        try:
            found.speaker.save(text, path)
        except SpeechError as err:
            return Notice("voice.no_engine", {"reason_key": "voice.failed", "error": str(err)})
        if not found.speaker.language_found and self._language != "en":
            return Notice("voice.no_language")
        return None

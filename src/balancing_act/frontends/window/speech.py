"""Self-voicing: the window reads the screen aloud when the voice setting is on (V toggles it).

Speech runs on a worker thread through pyttsx3 (SAPI on Windows, NSSpeechSynthesizer on macOS,
espeak-ng on Linux), so it never blocks the frame loop; a new screen stops what the old one was
saying. Without a speech engine the game says so once and goes on silently.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from pathlib import Path
from typing import Any

_STOP = object()


def load_engine() -> tuple[Any | None, str]:
    """A pyttsx3 engine, or None and why there is none."""
    try:
        import pyttsx3
    except ImportError:
        return None, "pyttsx3 is not installed"
    try:
        return pyttsx3.init(), ""
    except Exception as err:
        return None, f"no speech engine ({type(err).__name__})"


def choose_voice(engine: Any, language: str) -> None:
    """Prefer a voice of the game's language where the system has one."""
    try:
        voices = engine.getProperty("voices") or []
    except Exception:
        return
    for voice in voices:
        languages = [str(x).lower() for x in (getattr(voice, "languages", None) or [])]
        ident = f"{getattr(voice, 'id', '')} {getattr(voice, 'name', '')}".lower()
        if any(language in x for x in languages) or f"/{language}" in ident or \
                ident.endswith(language):
            engine.setProperty("voice", voice.id)
            return


class Voice:
    """Says texts in order on a worker thread; `stop` drops what is queued."""

    def __init__(self, enabled: bool, language: str = "en") -> None:
        self.enabled = enabled
        self.language = language
        self.problem = ""
        self.spoken: list[str] = []  # what was said, for tests and the F3 overlay
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._engine: Any = None

    def _start(self) -> bool:
        if self._thread is not None:
            return self._engine is not None
        engine, self.problem = load_engine()
        self._engine = engine
        self._thread = threading.Thread(target=self._work, daemon=True, name="speech")
        self._thread.start()
        if engine is not None:
            choose_voice(engine, self.language)
        return engine is not None

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            if self._engine is not None:
                try:
                    self._engine.say(str(item))
                    self._engine.runAndWait()
                except Exception:
                    pass

    def say(self, text: str) -> None:
        if not (self.enabled and text.strip()):
            return
        self.spoken.append(text)
        if self._start():
            self._queue.put(text)

    def announce(self, text: str) -> None:
        self.say(text)

    def stop(self) -> None:
        """A new screen: drop what the old one had queued and stop the current sentence."""
        while not self._queue.empty():
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        if self._engine is not None:
            with contextlib.suppress(Exception):
                self._engine.stop()

    def save(self, text: str, path: Path) -> str:
        """Write `text` as speech to a WAV file; '' when done, else why it could not be."""
        engine, problem = load_engine()
        if engine is None:
            return problem
        choose_voice(engine, self.language)
        try:
            engine.save_to_file(text, str(path))
            engine.runAndWait()
        except Exception as err:
            return f"the speech engine failed ({type(err).__name__})"
        return "" if path.is_file() else "the speech engine wrote no file"

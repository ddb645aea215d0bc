"""Sound effects made by the project: short tones synthesised with numpy, saved as WAV.

`python tools/sounds.py assets/sounds` writes them; the game plays them through
pygame.mixer when an audio device exists and stays silent when none does.
"""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import numpy as np

RATE = 44_100


def _note(frequency: float, seconds: float, volume: float = 0.35) -> np.ndarray:
    """A soft plucked tone: a sine with two overtones and a quick attack, exponential decay."""
    t = np.arange(int(RATE * seconds)) / RATE
    tone = (np.sin(2 * np.pi * frequency * t) + 0.3 * np.sin(4 * np.pi * frequency * t)
            + 0.1 * np.sin(6 * np.pi * frequency * t))
    envelope = np.minimum(t / 0.008, 1.0) * np.exp(-t * 6.0 / seconds)
    return volume * tone * envelope / 1.4


def _sequence(notes: list[tuple[float, float]], gap: float = 0.0) -> np.ndarray:
    parts = []
    for frequency, seconds in notes:
        parts.append(_note(frequency, seconds))
        parts.append(np.zeros(int(RATE * gap)))
    return np.concatenate(parts)


def _chord(frequencies: list[float], seconds: float) -> np.ndarray:
    return sum(_note(f, seconds, 0.25) for f in frequencies) / len(frequencies) * 1.6


SOUNDS = {
    "select": lambda: _note(880, 0.06, 0.2),
    "choose": lambda: _sequence([(660, 0.08), (990, 0.12)]),
    "gain": lambda: _sequence([(523.25, 0.09), (659.25, 0.09), (783.99, 0.18)]),
    "loss": lambda: _sequence([(587.33, 0.1), (493.88, 0.1), (392.0, 0.22)]),
    "consequence": lambda: _sequence([(1174.66, 0.25), (880, 0.35)], gap=0.02),
    "ending_good": lambda: np.concatenate([_sequence([(523.25, 0.12), (659.25, 0.12)]),
                                           _chord([523.25, 659.25, 783.99, 1046.5], 0.9)]),
    "ending_bad": lambda: np.concatenate([_sequence([(440, 0.16), (415.3, 0.16)]),
                                          _chord([293.66, 349.23, 440.0], 0.9)]),
}


def write_wav(path: Path, samples: np.ndarray) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("assets/sounds")
    folder.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        write_wav(folder / f"{name}.wav", make())
    print(f"wrote {len(SOUNDS)} sounds to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The game's music, synthesised by the project: a light, calm piece that loops without a seam.

`python tools/music.py assets/music` writes `theme.ogg` (Ogg Vorbis, through the soundfile
package: `pip install -e '.[tools]'`). The piece is sixteen bars in D major at 80 beats a
minute (48 seconds): a soft pad on the chords, a plucked arpeggio, a round bass, and from the
ninth bar a simple pentatonic tune. Every note that rings past the end is folded back onto the
start, so the loop has no click and no gap. The game plays it through pygame.mixer.music under
the Music and Volume settings, and stays silent without an audio device.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

RATE = 32_000
BEAT = 60 / 80
BAR = 4 * BEAT
BARS = 16
LENGTH = int(RATE * BAR * BARS)

# Semitones above D4 (293.66 Hz) of each chord's notes: D, A, Bm, G, two bars each, twice.
D4 = 293.66
CHORDS = [(0, 4, 7), (7, 11, 14), (9, 12, 16), (5, 9, 12)] * 2
# The tune (D major pentatonic), one (bar, beat, semitone, beats) per note, bars 9 to 16.
TUNE = [(8, 0, 12, 1.5), (8, 1.5, 14, 0.5), (8, 2, 16, 2), (9, 0, 14, 1), (9, 1, 12, 1),
        (9, 2, 9, 2), (10, 0, 11, 1.5), (10, 1.5, 12, 0.5), (10, 2, 14, 2), (11, 0, 9, 3),
        (12, 0, 16, 1.5), (12, 1.5, 19, 0.5), (12, 2, 16, 2), (13, 0, 14, 1), (13, 1, 12, 1),
        (13, 2, 11, 2), (14, 0, 9, 1), (14, 1, 12, 1), (14, 2, 14, 2), (15, 0, 12, 4)]


def pitch(semitones: float) -> float:
    return float(D4 * 2 ** (semitones / 12))


def tone(frequency: float, seconds: float, *, attack: float, decay: float,
         overtones: tuple[float, ...] = (1.0,)) -> np.ndarray:
    """A note: harmonics of `frequency` under an envelope that rises over `attack` seconds
    and falls away exponentially (`decay` is the time to fall to a third)."""
    t = np.arange(int(RATE * seconds)) / RATE
    wave = sum(level * np.sin(2 * np.pi * frequency * (k + 1) * t)
               for k, level in enumerate(overtones))
    envelope = np.minimum(t / attack, 1.0) * np.exp(-t / decay)
    release = np.minimum(1.0, (seconds - t) / 0.05)  # no click at the note's end
    return np.asarray(wave * envelope * release / sum(overtones))


def place(track: np.ndarray, start: float, note: np.ndarray, volume: float) -> None:
    """Add `note` at `start` seconds; what runs past the end wraps round to the beginning."""
    begin = int(start * RATE) % LENGTH
    end = begin + len(note)
    track[begin:min(end, LENGTH)] += volume * note[:LENGTH - begin]
    if end > LENGTH:
        track[:end - LENGTH] += volume * note[LENGTH - begin:]


def compose() -> np.ndarray:
    track = np.zeros(LENGTH)
    for bar in range(BARS):
        chord = CHORDS[bar // 2]
        start = bar * BAR
        if bar % 2 == 0:  # the pad holds each chord for its two bars
            for semitone in chord:
                place(track, start, tone(pitch(semitone - 12), 2 * BAR + 1.0, attack=0.8,
                                         decay=4.0, overtones=(1.0, 0.25)), 0.09)
        place(track, start, tone(pitch(chord[0] - 24), BAR, attack=0.01, decay=0.9,
                                 overtones=(1.0, 0.4, 0.1)), 0.22)
        place(track, start + 2 * BEAT, tone(pitch(chord[0] - 17), BAR / 2, attack=0.01,
                                            decay=0.6, overtones=(1.0, 0.3)), 0.12)
        pattern = [chord[0], chord[1], chord[2], chord[1] + 12, chord[2], chord[1], chord[0] + 12,
                   chord[2]]
        for step, semitone in enumerate(pattern):  # eighth notes, a little softer off the beat
            place(track, start + step * BEAT / 2, tone(pitch(semitone), 0.9, attack=0.005,
                                                       decay=0.25,
                                                       overtones=(1.0, 0.35, 0.12)),
                  0.07 if step % 2 else 0.1)
    for bar, beat, semitone, beats in TUNE:
        place(track, bar * BAR + beat * BEAT, tone(pitch(semitone), beats * BEAT + 0.6,
                                                   attack=0.03, decay=beats * BEAT * 0.8 + 0.3,
                                                   overtones=(1.0, 0.5, 0.2, 0.08)), 0.16)
    return track / np.max(np.abs(track)) * 0.6


def main(argv: list[str]) -> int:
    import soundfile  # only this tool needs it: pip install -e '.[tools]'

    folder = Path(argv[0]) if argv else Path("assets/music")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "theme.ogg"
    soundfile.write(str(path), compose().astype(np.float32), RATE, format="OGG",
                    subtype="VORBIS")
    print(f"wrote {path} ({LENGTH / RATE:.0f} s loop)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

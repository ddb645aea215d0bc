"""Reading the screen aloud: what each screen says and when, the focus read as it moves,
speech that never holds up the window and stops when the screen changes, a clear message
without a speech engine, and `--voice-out` through espeak-ng with its Hindi voice."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
import wave
from pathlib import Path

import pygame
import pytest

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.speech import (
    EspeakProgram,
    Found,
    Notice,
    Voice,
    find_speaker,
    voice_matches,
)
from tests.conftest import CLASSIC, TUTORIAL, installed_command
from tests.frontends.window.conftest import finish_animation, press, pump

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(
    ESPEAK is None and not os.environ.get("CI"),
    reason="espeak-ng is not installed (.ci/run installs it; on Debian: apt install espeak-ng)")


class Speaker:
    """A speech engine that says nothing: it records what it was asked, and can be held in
    the middle of a sentence as a real one is while it speaks."""

    name = "test"

    def __init__(self, language_found: bool = True) -> None:
        self.language_found = language_found
        self.said: list[str] = []
        self.stops = 0
        self.speaking = threading.Event()
        self.go_on = threading.Event()
        self.go_on.set()

    def speak(self, text: str, wanted) -> None:
        self.speaking.set()
        self.go_on.wait(30)
        if wanted():
            self.said.append(text)

    def stop(self) -> None:
        self.stops += 1

    def save(self, text: str, path: Path) -> None:
        path.write_bytes(text.encode("utf-8"))


def listening(app: App, *, live: bool = False, speaker: Speaker | None = None) -> Voice:
    """Turn the app's voice on, with a test engine (or, not live, only keeping the texts)."""
    found = Found(speaker) if speaker is not None else Found(None, "voice.no_program")
    app.voice = Voice(True, app.language, live=live, finder=lambda language: found)
    app.settings.voice = True
    return app.voice


def wait_for(condition, frames_of: App | None = None, seconds: float = 15.0) -> None:
    """Wait for what the voice's own thread does, drawing frames meanwhile: by the clock,
    not by a count of frames, so a busy machine (the thread given little time) waits longer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        if frames_of is not None:
            pump(frames_of, 1)
        threading.Event().wait(0.005)
    raise AssertionError("the condition never held")


def test_each_screen_says_what_it_shows_then_the_focused_button(make_app) -> None:
    app = make_app()
    voice = listening(app)
    app.reset("title")
    assert voice.spoken == ["Balancing Act. India's foreign policy between great powers.",
                            "New game. Button 1 of 3."]
    press(app, pygame.K_DOWN)
    assert voice.spoken[-1] == "Settings. Button 2 of 3."
    press(app, pygame.K_RETURN)
    assert voice.spoken[-2:] == ["Settings.", "Fullscreen: off. Button 1 of 12."]
    press(app, pygame.K_RIGHT)  # a setting changed: its new value is read
    assert voice.spoken[-1] == "Fullscreen: on"


def test_the_card_is_read_whole_and_each_option_as_the_focus_reaches_it(make_app) -> None:
    app = make_app()
    voice = listening(app)
    app.start_game(CLASSIC, seed=1)
    press(app, pygame.K_RETURN)
    card, focused = voice.spoken[-2:]
    view = app.play.card()
    assert view.date == "" and card.startswith(f"Turn 1 of 8. {view.title}. ")
    assert "Options: Option 1: " in card and card.endswith(
        "Tab or the arrows read each option with its effects; Enter or a number chooses; M "
        "reads the meters; R reads the card again.")
    assert focused == ("Option 1: Sign COMCASA. If you choose it: Trust in Washington up 5, "
                       "Security up 3, Strategic autonomy down 2.")
    press(app, pygame.K_DOWN)
    assert voice.spoken[-1].startswith("Option 2: ") and " down " in voice.spoken[-1]
    press(app, pygame.K_m)
    meters = voice.spoken[-2]
    assert meters.startswith("The meters. Strategic autonomy: 60. ")
    assert "Goal: 60 or more." in meters and meters.endswith("Esc or M goes back to the card.")
    press(app, pygame.K_ESCAPE)
    assert voice.spoken[-2:] == [f"Turn 1 of 8. {view.title}.", voice.spoken[-1]]
    assert voice.spoken[-1].startswith("Option 2: ")  # the focus was kept
    press(app, pygame.K_r)
    assert voice.spoken[-2] == card
    press(app, pygame.K_RETURN)
    outcome = voice.spoken[-2]
    assert outcome.startswith("You chose: ") and "What changed: " in outcome
    assert voice.spoken[-1] == "Continue. Button 1 of 1."


def test_the_hindi_card_and_options_are_read_in_hindi(make_app) -> None:
    app = make_app(language="hi")
    voice = listening(app)
    app.start_game(TUTORIAL, seed=1)
    press(app, pygame.K_RETURN)
    assert voice.spoken[-2].startswith("बारी 1 (कुल 8), 6 सितंबर 2018। पहली 2+2 वार्ता "
                                       "(सितंबर 2018)। स्वागत है!")
    assert voice.spoken[-1] == ("विकल्प 1: COMCASA पर हस्ताक्षर करें। इसे चुनने पर: वाशिंगटन का "
                                "भरोसा: 5 की बढ़त, सुरक्षा: 3 की बढ़त, रणनीतिक स्वायत्तता: 2 की "
                                "गिरावट।")
    for number in (3, 2, 3):
        app.decide(number)
    app.reset("card")
    press(app, pygame.K_DOWN)
    assert voice.spoken[-1] == (
        "विकल्प 2: ऑस्ट्रेलिया को आमंत्रित करें, पर ज़ोर देकर कहें कि यह कोई गठबंधन नहीं है। "
        "इसका परिणाम अनिश्चित है: 50 प्रतिशत संभावना से वाशिंगटन का भरोसा: 4 की बढ़त, सुरक्षा: "
        "3 की बढ़त; 50 प्रतिशत संभावना से वाशिंगटन का भरोसा: 1 की बढ़त, सुरक्षा: 2 की बढ़त, "
        "रणनीतिक स्वायत्तता: 1 की गिरावट।")


def test_the_debrief_reads_the_ending_and_each_part_opened(make_app) -> None:
    app = make_app()
    voice = listening(app)
    app.start_game(CLASSIC, seed=1)
    for number in (1, 2, 1, 1, 2, 2, 2, 2):
        app.decide(number)
    app.reset("debrief")
    opening = voice.spoken[-2]
    assert opening.startswith("Ending: ") and "You met the goal." in opening
    assert "The debrief has 4 parts: Decisions, History, Questions, Sources." in opening
    press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert voice.spoken[-1].startswith("What really happened. ")
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert voice.spoken[-1].startswith("Sources: ") and "https" not in voice.spoken[-1]


def test_speech_never_holds_up_the_window(make_app) -> None:
    speaker = Speaker()
    speaker.go_on.clear()  # the engine is in the middle of a long sentence
    app = make_app()
    listening(app, live=True, speaker=speaker)
    app.reset("title")
    wait_for(speaker.speaking.is_set)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    pump(app, 30)  # frames go on while the engine talks
    assert app.scene.name == "settings" and speaker.said == []
    speaker.go_on.set()
    wait_for(lambda: len(speaker.said) >= 2)
    assert speaker.said == ["Settings.", "Fullscreen: off. Button 1 of 12."]
    assert speaker.stops >= 2  # the title's sentence was cut short, and its queue dropped
    app.voice.close()


def test_without_a_speech_engine_the_game_says_so_once_and_goes_on(make_app) -> None:
    app = make_app()
    listening(app, live=True)
    app.reset("title")
    wait_for(lambda: app.toast_text != "", app)
    assert app.toast_text == ("The screen cannot be read aloud: no speech engine was found (on "
                              "Linux, install espeak-ng). The game goes on without speech.")
    app.toast_text = ""
    app.push("settings")
    pump(app, 20)
    app.pop()
    pump(app, 20)
    assert app.toast_text == "" and app.voice.take_notice() is None
    press(app, pygame.K_RETURN)
    assert app.scene.name == "picker"
    app.voice.close()


def test_the_message_comes_in_hindi_and_says_when_no_hindi_voice_exists(make_app) -> None:
    app = make_app(language="hi")
    listening(app, live=True)
    app.reset("title")
    wait_for(lambda: app.toast_text != "", app)
    assert app.toast_text == ("स्क्रीन पढ़कर नहीं सुनाई जा सकती: इस कंप्यूटर पर बोलने वाला कोई "
                              "प्रोग्राम नहीं मिला (Linux पर espeak-ng इंस्टॉल करें)। खेल बिना "
                              "आवाज़ के चलता रहेगा।")
    app.voice.close()
    speaker = Speaker(language_found=False)
    listening(app, live=True, speaker=speaker)
    app.reset("title")
    wait_for(lambda: app.toast_text.startswith("इस कंप्यूटर पर हिन्दी"), app)
    assert app.toast_text == ("इस कंप्यूटर पर हिन्दी की कोई आवाज़ नहीं है; स्क्रीन सामान्य "
                              "आवाज़ में पढ़ी जाएगी।")
    wait_for(lambda: speaker.said)
    app.voice.close()


def test_v_turns_reading_aloud_on_and_off(make_app) -> None:
    app = make_app()
    app.voice = Voice(False, "en", live=False)
    app.reset("title")
    pump(app)
    press(app, pygame.K_v)
    assert app.settings.voice and app.toast_text == "The screen is read aloud."
    assert app.voice.spoken == ["The screen is read aloud.",
                                "Balancing Act. India's foreign policy between great powers.",
                                "New game. Button 1 of 3."]
    press(app, pygame.K_v)
    assert not app.settings.voice and not app.voice.enabled
    press(app, pygame.K_DOWN)
    assert app.voice.spoken[-1] == "New game. Button 1 of 3."  # nothing more is said


def test_the_voice_follows_a_change_of_language(make_app) -> None:
    app = make_app()
    voice = listening(app)
    app.reset("settings")
    app.settings.language = "hi"
    app.apply_settings()
    assert voice.language == "hi"


@pytest.mark.parametrize(("voice", "language", "matches"), [
    ({"id": "inc/hi", "name": "Hindi", "languages": ["hi"]}, "hi", True),
    ({"id": "gmw/en", "name": "English (Great Britain)", "languages": ["en-gb"]}, "en", True),
    ({"id": "gmw/en", "name": "English (Great Britain)", "languages": ["en-gb"]}, "hi", False),
    ({"id": "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"
            "TTS_MS_HI-IN_KALPANA_11.0", "name": "Microsoft Kalpana - Hindi (India)",
      "languages": []}, "hi", True),
    ({"id": "com.apple.speech.synthesis.voice.lekha", "name": "Lekha",
      "languages": ["hi_IN"]}, "hi", True),
    ({"id": "com.apple.voice.compact.en-US.Samantha", "name": "Samantha",
      "languages": ["en_US"]}, "hi", False),
])
def test_a_voice_of_the_language_is_recognised(voice: dict, language: str,
                                               matches: bool) -> None:
    assert voice_matches(type("V", (), voice)(), language) is matches


def test_the_speech_engine_can_be_chosen_or_refused() -> None:
    assert find_speaker("hi", "none").speaker is None
    if ESPEAK:
        speaker = find_speaker("hi", "espeak-ng").speaker
        assert isinstance(speaker, EspeakProgram) and speaker.language_found


def test_stopping_ends_the_sentence_being_said(tmp_path: Path) -> None:
    """A program that talks for a long time (as espeak-ng does with a long card) is ended by
    `stop`, not waited for."""
    program = tmp_path / "talker"
    program.write_text("#!/bin/sh\nif [ \"$1\" = --voices ]; then\n"
                       "  echo 'Pty Language Age/Gender VoiceName File'\n"
                       "  echo ' 5  hi --/M Hindi inc/hi'\n  exit 0\nfi\n"
                       "cat > /dev/null\nexec sleep 60\n", encoding="utf-8")
    program.chmod(0o755)
    speaker = EspeakProgram(str(program), "hi")
    assert speaker.language_found and speaker.voice == "hi"
    talking = threading.Thread(target=speaker.speak, args=("नमस्ते " * 50, lambda: True))
    talking.start()
    wait_for(lambda: speaker._process is not None)
    process = speaker._process
    speaker.stop()
    talking.join(30)
    assert not talking.is_alive() and process.returncode == -15


def test_save_says_why_without_an_engine(tmp_path: Path) -> None:
    voice = Voice(True, "hi", live=False, finder=lambda language: Found(None, "voice.no_program"))
    assert voice.save("नमस्ते", tmp_path / "x.wav") == Notice(
        "voice.no_engine", {"reason_key": "voice.no_program", "error": ""})
    assert not (tmp_path / "x.wav").exists()


def run_play(*args: str, env: dict[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_command(), "play", *args], capture_output=True,
                          encoding="utf-8", timeout=600, cwd=cwd,
                          env={**os.environ, "SDL_VIDEODRIVER": "dummy",
                               "SDL_AUDIODRIVER": "dummy", **(env or {})})


@needs_espeak
def test_voice_out_writes_the_first_screen_in_the_hindi_voice(tmp_path: Path) -> None:
    out = tmp_path / "voice.wav"
    result = run_play("tutorial", "--lang", "hi", "--seed", "1", "--voice-out", str(out),
                      env={"BALANCING_ACT_HOME": str(tmp_path / "home")})
    assert result.returncode == 0, result.stderr
    words = out.with_suffix(".txt").read_text(encoding="utf-8")
    assert words.startswith("पहले कदम: संतुलन साधना सीखें, 2018-2022। आपका लक्ष्य: आठों बारियाँ")
    assert words.endswith("\nशुरू करें। बटन 1, कुल 1 में से।\n")
    with wave.open(str(out)) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert seconds > len(words) / 40  # speech, not silence: espeak-ng says < 40 letters a second
    reference = tmp_path / "reference.wav"  # the same words through espeak-ng's Hindi voice
    subprocess.run([ESPEAK, "-v", "hi", "-b", "1", "-w", str(reference)],
                   input=words.rstrip("\n").encode("utf-8"), check=True, timeout=600)
    assert out.read_bytes() == reference.read_bytes()


@needs_espeak
def test_voice_out_of_a_script_has_everything_said_on_the_way(tmp_path: Path) -> None:
    steps = tmp_path / "steps.txt"
    steps.write_text("key:return\nkey:down\n1\n", encoding="utf-8")
    out = tmp_path / "run.wav"
    result = run_play(str(CLASSIC), "--seed", "1", "--script", str(steps), "--voice-out",
                      str(out), env={"BALANCING_ACT_HOME": str(tmp_path / "home")})
    assert result.returncode == 3, result.stderr  # the script ends before the game does
    said = out.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    assert said[0].startswith("First Steps") and said[1] == "Begin. Button 1 of 1."
    assert said[2].startswith("Turn 1 of 8. ") and said[3].startswith("Option 1: ")
    assert said[4].startswith("Option 2: ") and said[5].startswith("You chose: ")
    assert out.stat().st_size > 100_000


def test_voice_out_without_an_engine_says_why(tmp_path: Path) -> None:
    out = tmp_path / "voice.wav"
    result = run_play("tutorial", "--voice-out", str(out),
                      env={"BALANCING_ACT_SPEECH": "none",
                           "BALANCING_ACT_HOME": str(tmp_path / "home")})
    assert result.returncode == 1
    assert result.stderr == ("balancing-act: --voice-out: no speech engine was found (on "
                             "Linux, install espeak-ng)\n")
    assert not out.exists() and out.with_suffix(".txt").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["--text", "--voice-out", "x.wav"], "--voice-out reads the window aloud; leave out --text "
                                         "(a terminal is read by the system's own screen "
                                         "reader)"),
    (["--voice-out", "x.mp3"], "--voice-out: x.mp3 must end in .wav"),
])
def test_voice_out_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_play("tutorial", *args, cwd=tmp_path)
    assert result.returncode == 2 and result.stderr == f"balancing-act: {message}\n"


def test_no_traceback_when_speech_fails_during_a_game(make_app) -> None:
    class Broken(Speaker):
        def speak(self, text: str, wanted) -> None:
            from balancing_act.frontends.window.speech import SpeechError

            raise SpeechError("the sound device went away")

    app = make_app()
    listening(app, live=True, speaker=Broken())
    app.start_game(CLASSIC, seed=1)
    wait_for(lambda: app.toast_text != "", app)
    assert app.toast_text == ("The screen cannot be read aloud: the speech engine did not start "
                              "(the sound device went away). The game goes on without speech.")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_1)
    finish_animation(app)
    assert app.scene.name == "outcome" and app.crashes == 0
    app.voice.close()

"""The window in Hindi: the tutorial played to its ending by mouse and by a script, the face
that shows Devanagari and Latin alike with conjuncts shaped, the language changed in the
middle of a game, untranslated scenarios marked, and the debrief PDF in Hindi."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from balancing_act.frontends.window.app import App
from balancing_act.frontends.window.script import parse_script
from balancing_act.frontends.window.theme import fit_text as fit
from balancing_act.frontends.window.theme import letter_boundary
from balancing_act.scenario import load_scenario
from balancing_act.scenario.translations import translate
from tests.conftest import CLASSIC, SCENARIOS, TUTORIAL
from tests.frontends.window.conftest import click, finish_animation, labels, press, pump

HISTORICAL = [3, 2, 3, 1, 2, 1, 4, 2]  # India's real choices


def hindi_app(make_app, **request) -> App:
    app = make_app(language="hi", **request)
    assert app.language == "hi" and app.theme.devanagari
    return app


def test_the_tutorial_in_hindi_with_the_mouse_only(make_app) -> None:
    app = hindi_app(make_app)
    app.reset("title")
    pump(app)
    assert labels(app) == ["नया खेल", "सेटिंग्स", "बाहर निकलें"]
    click(app, "नया खेल")
    assert labels(app)[0].startswith("1.  पहले कदम: संतुलन साधना सीखें  ·  परिचयात्मक")
    click(app, "1.")
    assert app.scene.name == "briefing" and labels(app) == ["शुरू करें"]
    click(app, "शुरू करें")
    for number in HISTORICAL:
        assert app.scene.name == "card"
        assert app.play.card().title.startswith(("पहली", "मॉस्को", "CAATSA", "मालाबार",
                                                 "यूक्रेन", "छूट", "वोस्तोक", "समरकंद"))
        click(app, f"{number}.")
        assert app.scene.name == "outcome"
        finish_animation(app)
        click(app, "देखें खेल कैसे समाप्त हुआ" if app.play.finished else "आगे बढ़ें")
    assert app.scene.name == "debrief"
    ending = app.play.debrief().ending
    assert (ending.id, ending.title, ending.verdict) == ("muddled", "जैसे-तैसे पार",
                                                         "आप लक्ष्य तक नहीं पहुँच पाए।")
    assert app.play.game.meters == {"autonomy": 58, "security": 63, "trust_us": 62,
                                    "trust_russia": 72}  # as recorded for the English
    assert labels(app)[:4] == ["[ निर्णय ]", "इतिहास", "प्रश्न", "स्रोत"]
    click(app, "मुख्य स्क्रीन")
    assert app.scene.name == "title"


def test_a_hindi_script_saves_a_png_of_every_screen(make_app, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    steps = ["click:नया खेल", "key:1", "key:return", "key:m", "key:escape", "key:g",
             "key:escape", "key:escape", "click:सेटिंग्स", "key:escape", "click:खेल पर लौटें",
             *map(str, HISTORICAL), "key:return", "click:समीक्षा सहेजें", "key:escape"]
    app = hindi_app(make_app, script=parse_script("\n".join(steps)), screenshots=shots)
    app.reset("title")
    assert app.run(max_frames=20_000) == 0
    names = {p.name.split("_", 1)[1] for p in shots.glob("*.png")}
    assert names == {"title.png", "picker.png", "briefing.png", "card.png", "meters.png",
                     "glossary.png", "pause.png", "settings.png", "outcome.png",
                     "debrief.png", "confirm.png"}


def test_hindi_screens_use_one_face_for_devanagari_and_latin(make_app) -> None:
    app = hindi_app(make_app)
    assert app.theme.regular.name == "BalancingActSans-Regular.ttf"
    assert app.theme.bold.name == "BalancingActSans-Bold.ttf"
    theme = app.theme.gui_theme()
    assert theme["defaults"]["font"]["script"] == "Deva"
    assert theme["#heading"]["font"] == {"name": "noto_sans", "size": str(
        app.theme.heading_size), "script": "Deva", "bold": "1"}
    english = make_app(language="en")
    assert english.theme.regular.name == "NotoSans-Regular.ttf"
    assert "Deva" not in str(english.theme.gui_theme())


def test_a_run_that_starts_with_latin_still_forms_devanagari_conjuncts(make_app) -> None:
    """HarfBuzz shapes a run by one script. Told Devanagari, a line that begins with 'S-400'
    forms its conjuncts as the word alone does; guessing from its first letter (Latin), it
    would leave them as half letters with a virama, which is wider."""
    app = hindi_app(make_app)
    font = app.theme.font(app.theme.body_size)
    word = "क्षेत्रीय प्रतिबंध"
    assert font.size(f"S-400 {word}")[0] == pytest.approx(
        font.size("S-400 ")[0] + font.size(word)[0], abs=2)
    guessing = pygame.font.Font(app.theme.regular, app.theme.body_size)
    assert guessing.size(f"S-400 {word}")[0] > font.size(f"S-400 {word}")[0] + 4


def test_shortened_labels_are_cut_between_whole_letters(make_app) -> None:
    app = hindi_app(make_app)
    font = app.theme.font(app.theme.body_size)
    text = "प्रतिबंधों के बावजूद क्षेत्रीय स्वायत्तता"
    for width in range(20, font.size(text)[0], 7):
        short = fit(font, text, width)
        kept = short.removesuffix("…")
        assert font.size(short)[0] <= width or short == "…"
        assert kept == "" or letter_boundary(text, len(kept)), short
    assert not letter_boundary("प्र", 2) and not letter_boundary("कि", 1)
    assert letter_boundary("कि ख", 2) and letter_boundary("क्ष", 3)


def test_changing_the_language_in_a_game_keeps_the_game(make_app) -> None:
    app = make_app(language="en")
    app.start_game(TUTORIAL, seed=1)
    for number in HISTORICAL[:3]:
        app.decide(number)
    app.reset("card")
    pump(app)
    meters, choices = app.play.game.meters, app.play.game.choices
    assert app.play.card().title == "Four navies at Malabar? (2020)"
    app.settings.language = "hi"
    app.apply_settings()
    pump(app)
    assert app.play.card().title == "मालाबार में चार नौसेनाएँ? (2020)"
    assert app.play.game.meters == meters and app.play.game.choices == choices
    assert labels(app)[0].startswith("1.  ऑस्ट्रेलिया को आमंत्रित करें")
    app.settings.language = "en"
    app.apply_settings()
    pump(app)
    assert app.play.card().title.startswith("Four navies") and app.t("title.quit") == "Quit"


def test_the_picker_marks_scenarios_not_yet_in_hindi(make_app) -> None:
    app = hindi_app(make_app)
    app.reset("picker")
    pump(app)
    rows = [label for label in labels(app) if label[:1].isdigit()]
    assert rows[0].startswith("1.  पहले कदम") and "केवल अंग्रेज़ी में" not in rows[0]
    assert all(row.endswith("·  केवल अंग्रेज़ी में") for row in rows[1:])


def test_an_untranslated_scenario_says_so_and_plays_in_english(make_app) -> None:
    app = hindi_app(make_app)
    app.start_game(CLASSIC, seed=1)
    pump(app)
    assert app.toast_text == ("इस परिदृश्य का अभी आपकी भाषा में अनुवाद नहीं हुआ है, इसलिए इसके "
                              "कार्ड अंग्रेज़ी में हैं।")
    assert app.play.scenario.title == load_scenario(CLASSIC).title
    assert labels(app) == ["शुरू करें"]


def test_a_translation_with_errors_is_used_where_sound_and_told(make_app,
                                                                 tmp_path: Path) -> None:
    scenario = tmp_path / "tutorial.yaml"
    shutil.copy(TUTORIAL, scenario)
    text = (SCENARIOS / "tutorial.hi.yaml").read_text(encoding="utf-8")
    text = text.replace("      स्वागत है! 6 सितंबर", "      स्वागत है {x}! 6 सितंबर", 1)  # no such name
    (tmp_path / "tutorial.hi.yaml").write_text(text, encoding="utf-8")
    app = hindi_app(make_app)
    app.start_game(scenario, seed=1)
    pump(app)
    assert app.toast_text == (f"इस परिदृश्य के अनुवाद में 1 समस्या(एँ) हैं, इसलिए इसका कुछ पाठ "
                              f"अंग्रेज़ी में दिखेगा (सूची के लिए: balancing-act validate "
                              f"{tmp_path / 'tutorial.hi.yaml'})।")
    assert app.play.briefing().goal.startswith("आठों बारियाँ")  # the sound entries are Hindi
    assert app.play.card().text.startswith("Welcome! On 6 September 2018")  # that one English


def test_a_save_continues_in_the_language_now_chosen(make_app) -> None:
    app = make_app(language="en")
    app.start_game(TUTORIAL, seed=1)
    app.decide(3)
    app.quit()
    again = hindi_app(make_app)
    again.continue_game()
    pump(again)
    assert again.scene.name == "card" and again.play.game.choices == ["both_tracks"]
    assert again.play.card().title == "मॉस्को का S-400 प्रस्ताव (अक्टूबर 2018)"


def test_the_hindi_debrief_pdf_is_set_in_the_hindi_face(make_app, tmp_path: Path) -> None:
    from pypdf import PdfReader

    app = hindi_app(make_app)
    app.start_game(TUTORIAL, seed=1)
    for number in HISTORICAL:
        app.decide(number)
    app.reset("debrief")
    pump(app)
    path = app.write_debrief(tmp_path / "debrief.pdf")
    reader = PdfReader(path)
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("BalancingActSans" in name for name in fonts), fonts
    text = reader.pages[0].extract_text()
    assert "अंत: जैसे" in text and "COMCASA" in text
    press(app, pygame.K_ESCAPE)


def test_the_hindi_tutorial_is_the_same_game_as_the_english(make_app) -> None:
    english, hindi = load_scenario(TUTORIAL), translate(load_scenario(TUTORIAL), "hi").scenario
    assert hindi.sha256 == english.sha256
    app = hindi_app(make_app)
    app.start_game(TUTORIAL, seed=1)
    for number in HISTORICAL:
        app.decide(number)
    assert app.play.game.ending.id == "muddled"
    assert app.play.scenario.sha256 == english.sha256


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_class_debrief_with_a_hindi_name_and_its_long_path(make_app, tmp_path: Path,
                                                             size: tuple[int, int]) -> None:
    """The result file's path (with the student's Devanagari name in it) is a word longer
    than its line: it once made pygame_gui refuse the debrief text, and the game crash."""
    from balancing_act.classroom.session import create_session, read_session
    from balancing_act.frontends.window.launch import SessionStart
    from tests.frontends.window.test_layout import overflows

    session_file = tmp_path / "session.yaml"
    create_session(TUTORIAL, session_file, seed=7)
    results = tmp_path / "a-folder-for-the-class-results" / "आशा-की-कक्षा"
    app = hindi_app(make_app, size=size)
    app.open_session(SessionStart(read_session(session_file), session_file, results,
                                  "आशा कुमारी"))
    for number in HISTORICAL:
        app.decide(number)
    app.reset("debrief")
    pump(app, 5)
    assert app.crashes == 0 and app.scene.name == "debrief" and overflows(app) == []
    assert str(results) in app.scene.markup(app.play.debrief(), "decisions")
    app.push("copy", source=app.classroom.result_path)
    pump(app, 5)
    assert app.crashes == 0 and overflows(app) == []


def test_a_word_longer_than_its_line_in_hindi_text_is_laid_out(make_app) -> None:
    """pygame_gui refuses such a text at many widths ("Row longer than layout"); a Hindi
    screen opens the word up where it cannot fit, at every width."""
    import pygame_gui

    app = hindi_app(make_app)
    app.reset("title")
    word = "/tmp/hi/h3/results/P34UZW-आश-क-म-र-20261201-114206-5ccd13.json"
    markup = (f"आपका परिणाम<br><br><b>आपका परिणाम {word} में सहेजा गया है। इसे वैसे ही जमा करें "
              "जैसा आपके शिक्षक कहें।</b><br><br>" + "शब्द " * 400)
    refused = []
    for width in range(400, 900, 5):
        try:
            pygame_gui.elements.UITextBox(markup, pygame.Rect(0, 0, width, 300),
                                          app.manager).kill()
        except RuntimeError:
            refused.append(width)
    assert refused  # the failure this guards against is real
    for width in range(400, 900, 5):
        app.scene.text_box(pygame.Rect(0, 0, width, 300), markup, main=False).kill()


def test_only_words_too_long_for_their_line_are_cut_and_nothing_is_added() -> None:
    from balancing_act.frontends.window.scenes.base import breakable

    long_word = "/tmp/results/P34UZW-आशा-कुमारी-20261201.json"
    markup = f"<b>आपका परिणाम {long_word} में</b> <a href=\"https://x.org/a-b\">शब्द</a>"
    opened = breakable(markup, lambda word: len(word) <= 30)
    assert opened == ("<b>आपका परिणाम /tmp/results/P34UZW-आशा-<br>कुमारी-20261201.json में"
                      "</b> <a href=\"https://x.org/a-b\">शब्द</a>")
    assert breakable(markup, lambda word: True) == markup

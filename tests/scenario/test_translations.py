"""Translated scenarios: the texts a translation can give, the file's checks (each problem at
file:LINE:COL), the translated scenario (same rules, same fingerprint), and the writer that
starts a translation and adds the texts new in the English."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from balancing_act.engine import Game
from balancing_act.play.catalog import Catalog
from balancing_act.play.playthrough import Playthrough
from balancing_act.play.rules import PlayRules
from balancing_act.scenario import ScenarioError, load_scenario
from balancing_act.scenario.translations import (
    add_missing,
    check,
    check_translation_file,
    entry_lines,
    load_translated,
    parse_translation,
    read_translation,
    skeleton,
    source_texts,
    text_hash,
    translate,
    translated_scenario_of,
    translation_path,
    translations_beside,
)

SMALL = textwrap.dedent("""\
    format: 1
    id: small
    title: Two Partners
    summary: A short game about two partners.
    turns: 2
    goal: Keep Strategic autonomy at 50 or more.
    meters:
      autonomy: {label: Strategic autonomy, start: 50, description: Freedom to choose.}
      trust_us: {label: Trust in Washington, start: 50}
    flags:
      signed: {description: India signed the deal.}
    events:
      - id: deal
        title: The S-400 deal
        text: |
          Moscow offers the S-400 {one of|at a discount|at a fair price} on turn {turn}.
          Washington warns of sanctions.
        once: false
        advisers:
          - {role: Ministry of Defence, says: We need it.}
        options:
          - id: sign
            label: Sign it
            effects: {autonomy: -5}
            set: [signed]
            outcome: Signed.
            later:
              - {after: 1, effects: {trust_us: -2}, text: Washington remembers.}
          - id: wait
            label: Wait
            chance:
              - {p: 0.5, effects: {autonomy: 3}, outcome: It worked.}
              - {p: 0.5, effects: {autonomy: -3}, outcome: It did not.}
    endings:
      - {id: good, title: Good, final: true, tone: good, when: autonomy >= 50}
      - {id: plain, title: Plain, fallback: true, text: You got through.}
    debrief:
      what_happened: India signed.
      questions: [Was it wise?]
    glossary:
      S-400: A Russian air-defence system.
      sanctions: Penalties one country imposes on another.
    """)

KEYS = [
    "title", "summary", "goal",
    "meters.autonomy.label", "meters.autonomy.description", "meters.trust_us.label",
    "flags.signed.description",
    "events.deal.title", "events.deal.text", "events.deal.advisers.1.role",
    "events.deal.advisers.1.says", "events.deal.options.sign.label",
    "events.deal.options.sign.outcome", "events.deal.options.sign.later.1.text",
    "events.deal.options.wait.label", "events.deal.options.wait.chance.1.outcome",
    "events.deal.options.wait.chance.2.outcome",
    "endings.good.title", "endings.plain.title", "endings.plain.text",
    "debrief.what_happened", "debrief.questions.1",
    "glossary.S-400.term", "glossary.S-400.meaning", "glossary.sanctions.term",
    "glossary.sanctions.meaning",
]

HINDI = {
    "title": "दो साझेदार", "summary": "दो साझेदारों के बारे में एक छोटा खेल।",
    "goal": "रणनीतिक स्वायत्तता 50 या उससे अधिक रखें।",
    "meters.autonomy.label": "रणनीतिक स्वायत्तता",
    "meters.autonomy.description": "चुनने की स्वतंत्रता।",
    "meters.trust_us.label": "वाशिंगटन का भरोसा",
    "flags.signed.description": "भारत ने सौदे पर हस्ताक्षर किए।",
    "events.deal.title": "S-400 सौदा",
    "events.deal.text": "मॉस्को बारी {turn} पर S-400 {one of|छूट पर|उचित दाम पर} देता है।\n"
                        "वाशिंगटन प्रतिबंध की चेतावनी देता है।",
    "events.deal.advisers.1.role": "रक्षा मंत्रालय", "events.deal.advisers.1.says": "हमें यह चाहिए।",
    "events.deal.options.sign.label": "हस्ताक्षर करें",
    "events.deal.options.sign.outcome": "हस्ताक्षर हो गए।",
    "events.deal.options.sign.later.1.text": "वाशिंगटन याद रखता है।",
    "events.deal.options.wait.label": "रुकें",
    "events.deal.options.wait.chance.1.outcome": "यह सफल रहा।",
    "events.deal.options.wait.chance.2.outcome": "यह सफल नहीं रहा।",
    "endings.good.title": "अच्छा", "endings.plain.title": "सामान्य",
    "endings.plain.text": "आप पार हो गए।", "debrief.what_happened": "भारत ने हस्ताक्षर किए।",
    "debrief.questions.1": "क्या यह समझदारी थी?",
    "glossary.S-400.term": "S-400", "glossary.S-400.meaning": "एक रूसी वायु रक्षा प्रणाली।",
    "glossary.sanctions.term": "प्रतिबंध",
    "glossary.sanctions.meaning": "एक देश द्वारा दूसरे पर लगाए गए दंड।",
}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return path


def translation_text(scenario_path: Path, texts: dict[str, str], *, language: str = "hi",
                     scenario_id: str = "small") -> str:
    """A translation file as `translate` writes it, with `texts` filled in."""
    scenario = load_scenario(scenario_path)
    english = source_texts(scenario.file)
    lines = ["format: 1", f"scenario: {scenario_id}", f"language: {language}", "texts:"]
    for key, text in texts.items():
        lines += entry_lines(key, english.get(key, "x"), text, indent=2)
    return "\n".join(lines) + "\n"


def write(scenario_path: Path, text: str, language: str = "hi") -> Path:
    target = translation_path(scenario_path, language)
    target.write_text(text, encoding="utf-8")
    return target


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


# -- the texts -----------------------------------------------------------------------------

def test_every_text_of_a_scenario_has_a_key_in_file_order(small: Path) -> None:
    assert list(source_texts(load_scenario(small).file)) == KEYS


def test_the_hash_ignores_how_a_paragraph_is_wrapped_but_not_its_words() -> None:
    text = "Moscow offers the S-400.\nWashington warns.\n\nA second paragraph."
    rewrapped = "Moscow offers\nthe S-400. Washington   warns.\n\n\nA second paragraph.\n"
    assert text_hash(text) == text_hash(rewrapped)
    assert text_hash(text) != text_hash(text.replace("warns", "warned"))
    assert text_hash(text) != text_hash(text.replace("\n\n", " "))
    assert re.fullmatch("[a-p]{8}", text_hash(text))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_a_hash_is_always_read_back_as_text(text: str) -> None:
    """Letters only: YAML would read a hash of digits (or 1e5) as a number."""
    value = yaml.safe_load(f"hash: {text_hash(text)}")["hash"]
    assert isinstance(value, str) and value == text_hash(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                      blacklist_characters="\ufeff\x85"),
               min_size=1, max_size=300).filter(lambda s: s.strip()))
def test_any_translated_text_is_written_and_read_back_unchanged(text: str) -> None:
    """The writer's quoting: colons, quotes, #, leading spaces, Devanagari, several lines."""
    for candidate in (text, text + "\nदूसरी पंक्ति: “उद्धरण” # नहीं"):
        lines = ["format: 1", "scenario: small", "language: hi", "texts:",
                 *entry_lines("title", "Two Partners", candidate, indent=2)]
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        entry = parse_translation(raw, "x.hi.yaml").content.texts["title"]
        # exactly as given, but for the line breaks a literal block drops at the very end
        assert entry.text in (candidate, candidate.rstrip("\n"))


# -- using a translation ---------------------------------------------------------------------

def test_a_complete_translation_gives_every_text_and_changes_no_rule(small: Path) -> None:
    path = write(small, translation_text(small, HINDI))
    english = load_scenario(small)
    result = translate(english, "hi")
    assert result.problems == () and result.language == "hi" and result.path == path
    spec = result.scenario.file
    assert spec.title == "दो साझेदार" and spec.meters["autonomy"].label == "रणनीतिक स्वायत्तता"
    assert spec.events[0].options[1].chance[0].outcome == "यह सफल रहा।"
    assert spec.events[0].options[0].later[0].text == "वाशिंगटन याद रखता है।"
    assert spec.events[0].advisers[0].role == "रक्षा मंत्रालय"
    assert spec.flags["signed"].description == "भारत ने सौदे पर हस्ताक्षर किए।"
    assert spec.debrief.questions == ["क्या यह समझदारी थी?"]
    assert spec.glossary == {"S-400": "एक रूसी वायु रक्षा प्रणाली।",
                             "प्रतिबंध": "एक देश द्वारा दूसरे पर लगाए गए दंड।"}
    assert result.scenario.sha256 == english.sha256  # class sessions pin the English file
    assert result.scenario.names == english.names
    for seed in range(20):  # the same game, in either language
        a, b = Game(english, seed), Game(result.scenario, seed)
        for choice in (2, 1):
            a.choose(choice)
            b.choose(choice)
        assert a.meters == b.meters and a.ending.id == b.ending.id
        assert b.history[0].option_label in ("हस्ताक्षर करें", "रुकें")


def test_without_a_translation_file_the_english_is_used(small: Path) -> None:
    result = translate(load_scenario(small), "hi")
    assert result.language == "en" and result.path is None and result.problems == ()
    assert result.scenario.title == "Two Partners"
    assert translate(load_scenario(small), "en").language == "en"


def test_missing_and_empty_entries_are_warnings_and_show_the_english(small: Path) -> None:
    texts = {k: v for k, v in HINDI.items() if k != "summary"}
    texts["events.deal.options.wait.label"] = ""
    path = write(small, translation_text(small, texts))
    result = translate(load_scenario(small), "hi")
    assert result.errors == ()
    found = messages(result.problems)
    assert f"{path.name}:4:1: warning: 'summary' is not translated yet; the English is shown: " \
           "'A short game about two partners.'" in [f.split("/")[-1] for f in found]
    assert any(":text: " not in f and "'events.deal.options.wait.label' is not translated "
               "yet; the English is shown: 'Wait'" in f for f in found)
    assert result.scenario.file.summary == "A short game about two partners."
    assert result.scenario.file.events[0].options[1].label == "Wait"
    assert result.scenario.file.title == "दो साझेदार"


def test_an_entry_made_from_english_that_changed_is_stale(small: Path) -> None:
    write(small, translation_text(small, HINDI))
    small.write_text(SMALL.replace("label: Sign it", "label: Sign it now"), encoding="utf-8")
    result = translate(load_scenario(small), "hi")
    stale = [p for p in result.problems if "has changed" in p.message]
    assert len(stale) == 1 and stale[0].severity == "warning"
    new = text_hash("Sign it now")
    assert stale[0].message == (
        f"'events.deal.options.sign.label': the English has changed since this was translated "
        f"(hash {text_hash('Sign it')}, now {new}), so the English is shown until the "
        f"translation is brought up to date and its hash set to {new}. The English now "
        "reads: 'Sign it now'")
    assert result.scenario.file.events[0].options[0].label == "Sign it now"
    assert result.scenario.file.events[0].options[1].label == "रुकें"


def test_an_unknown_text_is_an_error_with_the_nearest_name(small: Path) -> None:
    texts = dict(HINDI)
    texts["events.dael.title"] = "x"
    texts["events.deal.options.sing.label"] = "x"
    texts["events.deal.advisers.2.says"] = "x"
    texts["endings.good.txt"] = "x"
    path = write(small, translation_text(small, texts))
    problems = check(load_scenario(small), read_translation(path)).problems
    errors = [p.message for p in problems if p.severity == "error"]
    assert errors == [
        "unknown text 'events.dael.title': there is no card 'dael' (did you mean 'deal'?)",
        "unknown text 'events.deal.options.sing.label': card 'deal' has no option 'sing' "
        "(did you mean 'sign'?)",
        "unknown text 'events.deal.advisers.2.says': card 'deal' has no adviser 2 (there are "
        "1, numbered from 1)",
        "unknown text 'endings.good.txt': ending 'good' has no text 'txt' (it has: title)",
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(p for p in problems if "dael" in p.message)
    assert lines[first.line - 1].strip() == "events.dael.title:" and first.col == 3
    with pytest.raises(ScenarioError) as caught:
        load_translated(small, "hi")
    assert len(caught.value.problems) == 4


def test_placeholders_must_stay_as_in_the_english(small: Path) -> None:
    texts = dict(HINDI)
    texts["events.deal.text"] = "मॉस्को बारी {कुल} पर S-400 {one of|छूट पर|उचित दाम पर} देता है।"
    path = write(small, translation_text(small, texts))
    result = translate(load_scenario(small), "hi")
    (error,) = result.errors
    assert error.message == ("'events.deal.text': unknown name 'कुल' in the text; a text can "
                             "show a meter's id, turn or turns (write '{{' for a brace)")
    line = path.read_text(encoding="utf-8").splitlines()[error.line - 1]
    assert line.strip().startswith("text:")
    assert line[error.col - 1:].startswith("कुल}")  # at the name, inside the text
    assert result.scenario.file.events[0].text.startswith("Moscow offers")  # the English
    texts["events.deal.text"] = "मॉस्को बारी {turns} पर S-400 देता है।"
    write(small, translation_text(small, texts))
    (error,) = translate(load_scenario(small), "hi").errors
    assert error.message == ("'events.deal.text': the markup differs from the English "
                             "({one of|2 variants}, {turn} there, {turns} here); keep every "
                             "{...} as the English has it, translating only the words inside")


def test_a_translated_text_adapts_to_the_game_as_the_english_does(small: Path) -> None:
    """The variants' words are the translator's; the game picks the same variant and shows
    the same values in every language."""
    write(small, translation_text(small, HINDI))
    english, hindi = load_scenario(small), translate(load_scenario(small), "hi").scenario
    game_en, game_hi = Game(english, seed=3), Game(hindi, seed=3)
    shown_en = Playthrough(game_en, PlayRules.solo(), Catalog("en")).card().text
    shown_hi = Playthrough(game_hi, PlayRules.solo(), Catalog("hi")).card().text
    assert "on turn 1." in shown_en and "बारी 1 पर" in shown_hi
    variant = 0 if "at a discount" in shown_en else 1
    assert ("छूट पर", "उचित दाम पर")[variant] in shown_hi and "{" not in shown_hi


def test_a_translation_of_another_scenario_is_refused(small: Path) -> None:
    write(small, translation_text(small, HINDI, scenario_id="tutorial"))
    result = translate(load_scenario(small), "hi")
    assert [p.message for p in result.errors] == [
        "this translation is for scenario 'tutorial', but the scenario beside it is 'small'"]
    assert result.scenario.title == "Two Partners"


def test_the_language_must_match_the_file_name(small: Path) -> None:
    write(small, translation_text(small, HINDI, language="mr"))
    result = translate(load_scenario(small), "hi")
    assert [(p.line, p.message) for p in result.errors] == [
        (3, "language 'mr' does not match the file name, which says 'hi'")]


def test_two_english_terms_cannot_share_one_translation(small: Path) -> None:
    texts = dict(HINDI)
    texts["glossary.sanctions.term"] = "S-400"
    write(small, translation_text(small, texts))
    (error,) = translate(load_scenario(small), "hi").errors
    assert error.message == ("'glossary.sanctions.term': 'S-400' already translates the "
                             "glossary term 'S-400'; each term needs its own")


def test_a_term_on_the_english_card_must_be_in_its_translation(small: Path) -> None:
    texts = dict(HINDI)
    texts["events.deal.text"] = ("मॉस्को बारी {turn} पर S-400 {one of|छूट पर|उचित दाम पर} देता है। "
                                 "वाशिंगटन चेतावनी देता है।")
    write(small, translation_text(small, texts))
    result = translate(load_scenario(small), "hi")
    assert [p.message for p in result.problems] == [
        "card 'deal': the glossary term 'sanctions' is on the English card, but its "
        "translation 'प्रतिबंध' is not in the translated card, so the card cannot mark it"]


def test_the_english_copied_unchanged_is_a_warning(small: Path) -> None:
    texts = dict(HINDI)
    texts["endings.plain.text"] = "You got through."  # three words: not reported
    texts["summary"] = "A short game about two partners."
    write(small, translation_text(small, texts))
    assert [p.message for p in translate(load_scenario(small), "hi").problems] == [
        "'summary': the text is the English unchanged"]


@pytest.mark.parametrize(("text", "message"), [
    ("format: 2\nscenario: small\nlanguage: hi\n", "1:9: error: 'format' must be 1, not 2"),
    ("format: 1\nlanguage: hi\n", "1:1: error: missing required key 'scenario'"),
    ("format: 1\nscenario: small\nlanguage: hi\ntxts: {}\n",
     "4:1: error: unknown key 'txts' (did you mean 'texts'?)"),
    ("format: 1\nscenario: small\nlanguage: hi\ntexts:\n  title: {hash: 12345678, text: x}\n",
     "5:17: error: 'hash' must be text, not 12345678"),
    ("format: 1\nscenario: small\nlanguage: hi\ntexts:\n  title: {hash: abc, text: x}\n",
     "5:17: error: 'hash': 'abc' is not a text's hash (8 letters from a to p"),
    ("- a list\n", "1:1: error: a translation file is a mapping of keys"),
    ("format: 1\nscenario: small\nlanguage: hindi\n",
     "3:11: error: 'language': 'hindi' is not a language code: two or three lowercase letters, "
     "such as hi"),
])
def test_a_broken_translation_file_says_where_and_why(small: Path, text: str,
                                                       message: str) -> None:
    path = write(small, text)
    result = translate(load_scenario(small), "hi")
    assert result.language == "en" and result.scenario.title == "Two Partners"
    assert any(str(p).startswith(f"{path}:{message}") or f"{path}:{message}" in str(p)
               for p in result.problems), messages(result.problems)


def test_translation_files_are_found_beside_their_scenario(small: Path) -> None:
    write(small, translation_text(small, HINDI))
    write(small, translation_text(small, {}, language="mr"), "mr")
    (small.parent / "small.notes.yaml").write_text("x: 1\n", encoding="utf-8")
    assert [language for language, _ in translations_beside(small)] == ["hi", "mr"]
    assert translated_scenario_of(small.parent / "small.hi.yaml") == small
    assert translated_scenario_of(small) is None
    assert check_translation_file(small.parent / "small.hi.yaml") == []


# -- writing ---------------------------------------------------------------------------------

def test_a_skeleton_has_every_text_to_fill_with_the_english_above_it(small: Path) -> None:
    scenario = load_scenario(small)
    text = skeleton(scenario, "hi")
    translation = parse_translation(text.encode("utf-8"), "small.hi.yaml", None)
    assert list(translation.content.texts) == KEYS
    assert all(entry.text == "" for entry in translation.content.texts.values())
    assert "  # Moscow offers the S-400 {one of|at a discount|at a fair price} on turn {turn}. " \
           "Washington\n  # warns of sanctions.\n  events.deal.text:\n" in text
    checked = check(scenario, translation)
    assert checked.texts == {} and len(checked.problems) == len(KEYS)
    assert all(p.severity == "warning" for p in checked.problems)


def test_new_english_texts_are_added_and_nothing_else_changes(small: Path) -> None:
    texts = {k: v for k, v in HINDI.items() if not k.startswith("glossary.")}
    path = write(small, translation_text(small, texts))
    before = path.read_text(encoding="utf-8")
    update = add_missing(load_scenario(small), read_translation(path), before)
    assert update.added == [k for k in KEYS if k.startswith("glossary.")]
    assert update.text.startswith(before)
    added = update.text[len(before):]
    assert added.startswith("  # -- new in the English since this file was last updated\n")
    assert "  glossary.S-400.term:\n" in added
    path.write_text(update.text, encoding="utf-8")
    again = read_translation(path)
    assert list(again.content.texts) == list(texts) + update.added
    assert add_missing(load_scenario(small), again, update.text).added == []


def test_entries_are_added_only_when_texts_is_the_last_key(small: Path) -> None:
    text = translation_text(small, {"title": "दो साझेदार"})
    text = text.replace("format: 1\n", "") + "format: 1\n"
    path = write(small, text)
    with pytest.raises(ScenarioError) as caught:
        add_missing(load_scenario(small), read_translation(path), text)
    assert "`texts` must be the file's last key" in str(caught.value)


def test_an_empty_texts_gets_every_entry(small: Path) -> None:
    text = "format: 1\nscenario: small\nlanguage: hi\ntexts: {}\n"
    path = write(small, text)
    update = add_missing(load_scenario(small), read_translation(path), text)
    assert update.added == KEYS
    path.write_text(update.text, encoding="utf-8")
    assert list(read_translation(path).content.texts) == KEYS

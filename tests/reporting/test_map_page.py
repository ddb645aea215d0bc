"""The map page: well-formed HTML around a well-formed SVG, a node per card, consequence and
ending, the arrows of the map's data, everything from the scenario escaped, links to the right
lines, conditions in words, and the tables of flags and of what never comes up."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from balancing_act.analysis.mapdata import ScenarioMap, build_map
from balancing_act.errors import WriteError
from balancing_act.reporting.map_page import condition_words, map_html, write_map
from balancing_act.scenario import load_scenario, load_scenario_bytes
from tests.analysis.test_mapdata import scenarios
from tests.conftest import CLASSIC, base_scenario, build

LINKS = Path(__file__).resolve().parents[1] / "fixtures" / "links.yaml"
SVG = "{http://www.w3.org/2000/svg}"
VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "source", "wbr"}
SVG_SELF_CLOSING = {"rect", "line", "path", "stop", "circle"}


class _Structure(HTMLParser):
    """Checks that every element that is opened is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.seen: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    parser.close()
    return parser


def svg_of(page: str) -> ET.Element:
    start, end = page.index("<svg id=\"map-svg\""), page.index("</svg>", page.index("<svg id"))
    return ET.fromstring(page[start:end + len("</svg>")])


def node_ids(svg: ET.Element, kind: str) -> list[str]:
    return [g.get("id", "").removeprefix(f"n-{kind}-") for g in svg.iter(f"{SVG}g")
            if g.get("id", "").startswith(f"n-{kind}-")]


@pytest.fixture(scope="module")
def links_map() -> ScenarioMap:
    return build_map(load_scenario(LINKS), games=1_000)


@pytest.fixture(scope="module")
def links_page(links_map: ScenarioMap) -> str:
    return map_html(links_map)


def test_the_page_is_well_formed_html_with_one_script(links_page: str) -> None:
    parsed = structure(links_page)
    assert parsed.problems == [] and parsed.stack == []
    assert parsed.seen.count("script") == 1 and parsed.seen.count("style") == 1
    assert parsed.seen[:4] == ["html", "head", "meta", "meta"]
    assert "http://" not in links_page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in links_page  # nothing is loaded from the internet


def test_a_node_per_card_consequence_and_ending(links_map: ScenarioMap,
                                                links_page: str) -> None:
    svg = svg_of(links_page)
    assert sorted(node_ids(svg, "card")) == sorted(c.id for c in links_map.cards)
    assert sorted(node_ids(svg, "ending")) == sorted(e.id for e in links_map.endings)
    assert sorted(node_ids(svg, "later")) == ["1", "2"]  # the two that land, not the follow-up


def test_the_arrows_drawn(links_page: str) -> None:
    """One arrow per edge of the data, the flag's three writers to its three readers; each
    names its two ends, which name it back."""
    svg = svg_of(links_page)
    arrows = [g for g in svg.iter(f"{SVG}g") if "edge" in (g.get("class") or "").split()]
    kinds = sorted(g.get("class", "").split()[1] for g in arrows)
    assert kinds == ["flag"] * 9 + ["follow_up", "lands", "lands", "seen"]
    nodes = {g.get("id"): g for g in svg.iter(f"{SVG}g") if (g.get("id") or "").startswith("n-")}
    for arrow in arrows:
        for end in arrow.get("data-ends", "").split():
            assert arrow.get("id") in nodes[end].get("data-edges", "").split()
    seen = next(a for a in arrows if "seen" in a.get("class", ""))
    assert seen.get("data-ends") == "n-card-opening n-card-echo"


def test_nodes_link_to_their_lines(links_page: str) -> None:
    """Each card links to the line of its `- id:` in the file (RFC 5147 counts lines from 0)
    and shows `file:LINE` as text."""
    lines = LINKS.read_text(encoding="utf-8").splitlines()
    svg = svg_of(links_page)
    for card_id in node_ids(svg, "card"):
        line = next(i + 1 for i, text in enumerate(lines) if text.strip() == f"- id: {card_id}")
        node = next(g for g in svg.iter(f"{SVG}g") if g.get("id") == f"n-card-{card_id}")
        links = [a for a in node.iter(f"{SVG}a")]
        assert [a.get("href") for a in links] == [f"{LINKS.resolve().as_uri()}#line={line - 1}"]
        assert "".join(links[0].itertext()) == f"links.yaml:{line}"


def test_everything_from_the_scenario_is_escaped() -> None:
    attack = "<script>alert('x')</script>"
    data = base_scenario()
    data["title"] = f"Title {attack}"
    event = data["events"][0]
    event["title"] = f"Card {attack} & co"
    event["options"][0]["label"] = f"Up {attack}"
    event["options"][0]["later"] = [{"after": 1, "effects": {"autonomy": 1},
                                     "text": f"Later {attack}"}]
    data["endings"][0]["title"] = f"High {attack}"
    page = map_html(build_map(build(data), games=200))
    assert attack not in page and "<script>alert" not in page
    assert page.count("<script>") == 1
    assert "Card &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "&lt;script&gt;" in page.split("<title>")[1].split("</title>")[0]
    svg_of(page)  # still well-formed
    assert structure(page).problems == []


def test_a_scenario_without_a_file_has_no_links() -> None:
    scenario = load_scenario_bytes(CLASSIC.read_bytes(), "pasted.yaml")
    page = map_html(build_map(scenario, games=100))
    svg = svg_of(page)
    assert list(svg.iter(f"{SVG}a")) == []
    assert "pasted.yaml:82" in page


def test_the_tables(links_page: str) -> None:
    flags = links_page.split("<h2>Flags: where each is set and read</h2>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", flags.split("</table>")[0])
    cells = [re.findall(r"<td>(.*?)</td>", row) for row in rows[1:]]
    assert cells == [[
        "promised", "false",
        "set: card opening, option promise (line 20); set: a consequence of card opening, "
        "option gamble, chance 1 (line 31); clear: card reminder, option break_it (line 41)",
        "card kept (line 47); card echo, option recall (line 66); ending promised_end "
        "(line 89)"]]
    never = links_page.split("What never comes up")[1]
    assert ("<td>ghost</td><td>can never come up: its condition can never hold on a turn it "
            f"could come up on</td><td>{LINKS}:75</td>") in never
    assert ("<td>later of card echo, option listen</td><td>due on turns 8, 9, after the last "
            f"turn: never comes</td><td>{LINKS}:63</td>") in never
    assert f"<td>lost</td><td>ending not reached in 1,000 games</td><td>{LINKS}:83</td>" in never


def test_a_flag_set_only_after_its_reader_is_not_drawn_but_listed() -> None:
    data = base_scenario()
    data["turns"] = 4
    data["events"] = [
        {"id": "early", "title": "Early", "text": "t", "when": "turn == 1 and not flags.late",
         "options": [{"id": "ok", "label": "OK"}]},
        {"id": "setter", "title": "Setter", "text": "t", "when": "turn >= 2", "once": False,
         "options": [{"id": "mark", "label": "Mark", "set": ["late"]}]}]
    scenario_map = build_map(build(data), games=100)
    assert [(e.kind, e.in_time) for e in scenario_map.edges] == [("flag", False)]
    page = map_html(scenario_map)
    assert [g for g in svg_of(page).iter(f"{SVG}g")
            if "edge" in (g.get("class") or "").split()] == []
    assert ("<td>card early</td><td>it reads flag late, but every change to late comes after "
            "its last chance</td>") in page


def test_write_map(tmp_path: Path, links_map: ScenarioMap) -> None:
    page = write_map(links_map, tmp_path / "new" / "folder")
    assert page == tmp_path / "new" / "folder" / "map.html"
    assert page.read_text(encoding="utf-8") == map_html(links_map)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteError, match="cannot make the folder"):
        write_map(links_map, blocker)


def test_the_same_scenario_and_seed_give_the_same_page() -> None:
    scenario = load_scenario(LINKS)
    assert map_html(build_map(scenario, games=300, seed=5)) == \
        map_html(build_map(scenario, games=300, seed=5))


@pytest.mark.parametrize(("when", "words"), [
    ("autonomy <= 30 and trust_us - trust_russia >= 10",
     "Strategic autonomy at most 30 and Trust in Washington at least 10 above Trust in Moscow"),
    ("trust_us >= 90 or (autonomy <= 28 and trust_us > trust_russia)",
     "Trust in Washington at least 90 or (Strategic autonomy at most 28 and Trust in "
     "Washington above Trust in Moscow)"),
    ("flags.signed and not flags.delayed", "flag signed set and flag delayed not set"),
    ("seen.quad and not seen.vote", "card quad shown and card vote not shown"),
    ("turn == 3", "turn 3"), ("turn >= 3 and turn <= 5", "turn at least 3 and turn at most 5"),
    ("50 <= autonomy", "Strategic autonomy at least 50"),
    ("autonomy != 50", "Strategic autonomy not 50"),
    ("trust_us - trust_russia < 12", "Trust in Washington less than 12 above Trust in Moscow"),
    ("trust_us - trust_russia > 12", "Trust in Washington more than 12 above Trust in Moscow"),
    ("trust_us - trust_russia >= -5", "Trust in Washington at most 5 below Trust in Moscow"),
    ("trust_us - trust_russia == 0", "Trust in Washington − Trust in Moscow exactly 0"),
    ("autonomy + trust_us * 2 >= 100",
     "Strategic autonomy + (Trust in Washington × 2) at least 100"),
    ("flags.a + flags.b >= 2", "flags.a + flags.b at least 2"),
    ("true", "always"), ("false", "never"),
])
def test_conditions_in_words(when: str, words: str) -> None:
    labels = {"autonomy": "Strategic autonomy", "trust_us": "Trust in Washington",
              "trust_russia": "Trust in Moscow"}
    assert condition_words(when, labels) == words


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_scenario_gives_a_well_formed_page(data: dict[str, object]) -> None:
    """Cards that never come up, follow-ups, flags, `seen`, one turn or five: always a page
    with a node per card and ending, whose arrows name nodes that are there."""
    scenario_map = build_map(build(data), games=50)
    page = map_html(scenario_map)
    assert structure(page).problems == []
    svg = svg_of(page)
    assert sorted(node_ids(svg, "card")) == sorted(c.id for c in scenario_map.cards)
    assert sorted(node_ids(svg, "ending")) == sorted(e.id for e in scenario_map.endings)
    ids = {g.get("id") for g in svg.iter(f"{SVG}g")}
    for arrow in svg.iter(f"{SVG}g"):
        for end in (arrow.get("data-ends") or "").split():
            assert end in ids


def test_a_one_turn_scenario() -> None:
    data = base_scenario()
    data["turns"] = 1
    page = map_html(build_map(build(data), games=20))
    assert 'class="strip"' not in page  # a strip of one cell says nothing
    assert node_ids(svg_of(page), "card") == ["only"]

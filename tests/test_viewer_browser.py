"""The HTML viewer driven in a real browser: Debian's chromium, through Playwright.

The browser runs headless with its profile, caches and HOME in a temporary folder and
loads the pages from file:// URLs; nothing is served and nothing is fetched. ``make test``
installs chromium and fonts-wqy-microhei when /usr/bin/chromium is missing (see the
Makefile); never ``playwright install``, which downloads a browser of its own.

Graphs are built in code where a test pins one behaviour, and by ``kg.builder.build`` from
article files for the bundled samples and for a hostile article.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from playwright import sync_api

from kg.builder import build
from kg.export.html import FOCUS_BUDGET, LARGE_GRAPH, write_html
from kg.graph import to_networkx
from kg.schemas import (
    Article,
    Assistance,
    Campaign,
    ClaimStatus,
    Corpus,
    Enterprise,
    Evidence,
    HelpForm,
    Measurement,
    MeasurementKind,
    Participation,
    Person,
    PlannedAssistance,
)

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# a small graph built in code: two articles of two years, two campaigns
ART1, ART2 = "001_spring", "002_autumn"
MILL, WORKS, MINE, DRIVE, DRIVE2, ZHANG, MEAS = (
    "east-steel-mill", "river-bend-works", "dawn-coal-mine", "red-banner-drive", "green-drive", "zhang-san", "m1")
HELP_TEXT = "The East Steel Mill sent four engineers to the River Bend Works."
HELP_ZH = "东方钢厂派了四名工程师到河湾工厂。"
PLANNED_TEXT = "The Dawn Coal Mine decided to lend its pumps to the River Bend Works."
MEAS_TEXT = "The River Bend Works raised output by 12%."
JOIN_TEXT = "The Dawn Coal Mine joined the Green Drive."


def _small_corpus() -> Corpus:
    def ev(article: str, text: str, lang: str = "en") -> Evidence:
        return Evidence(article=article, text=text, start=0, end=len(text), lang=lang)

    return Corpus(
        articles=(
            Article(id=ART1, source=f"{ART1}.txt", title="Help the Backward", title_zh="帮助落后",
                    date=dt.date(1956, 3, 14), page=2),
            Article(id=ART2, source=f"{ART2}.txt", title="Pumps for the Works", date=dt.date(1958, 10, 1), page=1),
        ),
        entities=(
            Enterprise(id=MILL, label="East Steel Mill", label_zh="东方钢厂", articles=(ART1,)),
            Enterprise(id=WORKS, label="River Bend Works", label_zh="河湾工厂", articles=(ART1, ART2)),
            Enterprise(id=MINE, label="Dawn Coal Mine", articles=(ART2,)),
            Campaign(id=DRIVE, label="Red Banner Drive", label_zh="红旗竞赛", articles=(ART1,)),
            Campaign(id=DRIVE2, label="Green Drive", articles=(ART2,)),
            Person(id=ZHANG, label="Zhang San", label_zh="张三", role="engineer", part_of=MILL, articles=(ART1,)),
        ),
        assistance=(
            Assistance(id="a1", helper=MILL, recipient=WORKS, campaign=DRIVE, forms=(HelpForm.PERSONNEL,),
                       evidence=ev(ART1, HELP_TEXT)),
            Assistance(id="a2", helper=MILL, recipient=WORKS, campaign=DRIVE, forms=(HelpForm.PERSONNEL,),
                       evidence=ev(ART1, HELP_ZH, "zh")),
        ),
        planned_assistance=(
            PlannedAssistance(id="p1", helper=MINE, recipient=WORKS, status=ClaimStatus.DECIDED,
                              forms=(HelpForm.EQUIPMENT,), evidence=ev(ART2, PLANNED_TEXT)),
        ),
        participation=(Participation(id="j1", participant=MINE, campaign=DRIVE2, evidence=ev(ART2, JOIN_TEXT)),),
        measurements=(Measurement(id=MEAS, subject=WORKS, indicator="output", value=12, unit="%",
                                  kind=MeasurementKind.CHANGE, evidence=ev(ART1, MEAS_TEXT)),),
    )


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sync_api.BrowserContext]:
    """One headless chromium for the session; its profile, caches and HOME live in a temporary folder."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (apt-get install chromium "
                    "fonts-wqy-microhei); or set KG_CHROMIUM to a Chromium binary")
    home = tmp_path_factory.mktemp("chromium-home")
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(home / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env,
            viewport=VIEWPORT, device_scale_factor=1)
        try:
            yield context
        finally:
            context.close()


@dataclass
class Viewer:
    page: sync_api.Page
    url: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def panel(self) -> str:
        return self.page.locator("#kg-panel").text_content()

    def drawn(self) -> tuple[int, int]:
        """Nodes and edges in the network's data, and the same as vis-network's own indices of what it draws."""
        counts = self.js("[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length,"
                         " kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]")
        assert counts[:2] == counts[2:]
        return counts[0], counts[1]

    def click_canvas(self, x: float, y: float) -> None:
        """A real mouse click at canvas coordinates (x, y)."""
        dom = self.js("([x, y]) => kgNetwork.canvasToDOM({x, y})", [x, y])
        box = self.page.locator("#kg-network canvas").bounding_box()
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])


@pytest.fixture
def open_viewer(browser: sync_api.BrowserContext) -> Iterator:
    """``open_viewer(path)`` -> a Viewer of the page at ``path``, ready; every request and dialog recorded."""
    pages = []

    def leaves(route: sync_api.Route) -> None:
        route.abort()  # nothing may leave the machine, even if the page asked for it

    browser.route(lambda url: not url.startswith(("file:", "data:", "http://127.0.0.1")), leaves)

    def open_(path: Path) -> Viewer:
        page = browser.new_page()
        pages.append(page)
        viewer = Viewer(page, path.resolve().as_uri())
        page.on("request", lambda r: viewer.requests.append(r.url))
        page.on("dialog", lambda d: (viewer.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: viewer.errors.append(str(e)))
        page.goto(viewer.url)
        page.wait_for_function("window.kgReady === true", timeout=20_000)
        return viewer

    yield open_
    for page in pages:
        page.close()
    browser.unroute_all()


def _write(graph: nx.MultiDiGraph, path: Path) -> Path:
    write_html(graph, path)
    return path


@pytest.fixture(scope="session")
def sample(nlp, tmp_path_factory: pytest.TempPathFactory):
    """The five bundled articles, built by kg.builder.build: (graph, path of graph.html)."""
    out = tmp_path_factory.mktemp("sample")
    result = build(out_dir=out, nlp=nlp, formats=("html",))
    return result.graph, out / "graph.html"


@pytest.fixture
def small(tmp_path: Path):
    graph = to_networkx(_small_corpus())
    return graph, _write(graph, tmp_path / "small.html")


def _helped_edges(viewer: Viewer) -> list[dict]:
    return viewer.js("kgData.edges.filter(e => e.relation === 'helped')")


# --------------------------------------------------------------------------- tests


def test_viewer_browser_makes_no_request_outside_the_file(open_viewer, sample):
    _, path = sample
    viewer = open_viewer(path)
    for e in _helped_edges(viewer):
        viewer.js("id => kgSelectEdge(id)", e["id"])
    viewer.page.locator("#kg-search").fill("mine")
    viewer.page.locator("#kg-search").press("Enter")
    viewer.page.wait_for_timeout(200)
    assert viewer.requests == [viewer.url]
    assert (viewer.dialogs, viewer.errors) == ([], [])


def test_viewer_browser_draws_every_node_and_edge(open_viewer, sample):
    graph, path = sample
    viewer = open_viewer(path)
    assert viewer.drawn() == (graph.number_of_nodes(), graph.number_of_edges())
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    assert viewer.page.locator("#kg-shown").text_content() == f"{n} of {n} nodes, {m} of {m} edges"
    assert viewer.page.locator("#kg-focus").is_hidden()


def test_viewer_browser_labels_are_english_with_chinese_alongside(open_viewer, small):
    viewer = open_viewer(small[1])
    labels = viewer.js("Object.fromEntries(kgNetwork.body.data.nodes.get().map(n => [n.id, n.label]))")
    assert labels == {MILL: "East Steel Mill\n东方钢厂", WORKS: "River Bend Works\n河湾工厂", MINE: "Dawn Coal Mine",
                      DRIVE: "Red Banner Drive\n红旗竞赛", DRIVE2: "Green Drive", ZHANG: "Zhang San\n张三", MEAS: "12%"}


def test_viewer_browser_draws_nodes_and_edges_of_no_known_style(open_viewer, tmp_path: Path):
    graph = to_networkx(_small_corpus())
    graph.add_node("untyped")
    graph.add_edge("untyped", MILL, key="k")  # no relation either
    graph.add_edge("untyped", WORKS, key="sameAs", relation="sameAs")
    viewer = open_viewer(_write(graph, tmp_path / "odd.html"))
    assert viewer.drawn() == (8, 8)
    assert viewer.js("kgNetwork.body.data.nodes.get('untyped').shape") == "diamond"
    assert viewer.page.locator("#kg-legend li").all_text_contents()[-1] == "sameAs(1)"
    viewer.js("kgSelect('untyped')")
    assert viewer.page.locator("#kg-panel h2").text_content() == "untyped"
    assert viewer.errors == []


def test_viewer_browser_click_on_helped_edge_shows_its_evidence(open_viewer, small):
    viewer = open_viewer(small[1])
    edge = next(e for e in _helped_edges(viewer) if e["curve"] == 0)
    pos = viewer.js("ids => kgNetwork.getPositions(ids)", [edge["from"], edge["to"]])
    mid = ((pos[edge["from"]]["x"] + pos[edge["to"]]["x"]) / 2, (pos[edge["from"]]["y"] + pos[edge["to"]]["y"]) / 2)
    viewer.js("([x, y]) => kgNetwork.moveTo({position: {x, y}, scale: 1.5})", list(mid))
    dom = viewer.js("([x, y]) => kgNetwork.canvasToDOM({x, y})", list(mid))
    assert viewer.js("p => kgNetwork.getEdgeAt(p)", dom) == edge["id"]  # nothing else lies on the midpoint
    viewer.click_canvas(*mid)
    text = viewer.panel()
    assert text.startswith("East Steel Mill helped River Bend Works")
    assert HELP_TEXT in text
    assert "Help the Backward" in text and "帮助落后" in text and "1956-03-14 · page 2" in text
    assert viewer.js("kgNetwork.getSelectedEdges()") == [edge["id"]]


def test_viewer_browser_click_on_node_lists_helpers_and_recipients(open_viewer, small):
    viewer = open_viewer(small[1])
    pos = viewer.js("id => kgNetwork.getPositions([id])[id]", WORKS)
    viewer.js("p => kgNetwork.moveTo({position: p, scale: 1.5})", pos)
    viewer.click_canvas(pos["x"], pos["y"])
    rows = viewer.js("""Object.fromEntries(Array.from(document.querySelectorAll('#kg-panel dt'))
                        .map(dt => [dt.textContent, dt.nextElementSibling.textContent]))""")
    assert viewer.page.locator("#kg-panel h2").text_content() == "River Bend Works"
    assert viewer.page.locator("#kg-panel .kg-zh").text_content() == "河湾工厂"
    assert {k: rows[k] for k in ("Type", "Helpers", "Planned help from", "Measurements")} == {
        "Type": "Enterprise", "Helpers": "East Steel Mill", "Planned help from": "Dawn Coal Mine", "Measurements": "12%"}
    help_lines = viewer.page.locator("#kg-panel ul li").all_text_contents()
    assert help_lines == ["helped by East Steel Mill: Personnel", "helped by East Steel Mill: Personnel",
                          "help from Dawn Coal Mine (Decided): Equipment"]
    viewer.page.locator("#kg-panel ul li button").last.click()  # opens the planned help and its evidence
    assert PLANNED_TEXT in viewer.panel()
    assert "Status" in viewer.panel() and "Decided (not yet done)" in viewer.panel()


def test_viewer_browser_chinese_evidence_is_marked_chinese(open_viewer, small):
    viewer = open_viewer(small[1])
    edge = next(e for e in _helped_edges(viewer) if e["data"]["evidence"][0]["lang"] == "zh")
    viewer.js("id => kgSelectEdge(id)", edge["id"])
    quote = viewer.page.locator("#kg-panel blockquote")
    assert (quote.text_content(), quote.get_attribute("lang")) == (HELP_ZH, "zh")
    assert viewer.page.locator("#kg-panel .kg-lang").text_content() == "中文"


@pytest.mark.parametrize(("query", "found"), [("东方钢厂", MILL), ("河湾", WORKS), ("zhang san", ZHANG)],
                         ids=["chinese-full", "chinese-prefix", "english"])
def test_viewer_browser_search_finds_a_unit(open_viewer, small, query: str, found: str):
    viewer = open_viewer(small[1])
    box = viewer.page.locator("#kg-search")
    box.fill(query)
    box.press("Enter")
    assert viewer.page.locator("#kg-search-status").text_content() == "1 of 1"
    assert viewer.js("kgNetwork.getSelectedNodes()") == [found]
    label = {MILL: "East Steel Mill", WORKS: "River Bend Works", ZHANG: "Zhang San"}[found]
    assert viewer.page.locator("#kg-panel h2").text_content() == label


def test_viewer_browser_filter_by_type_and_relation(open_viewer, small):
    viewer = open_viewer(small[1])
    assert viewer.drawn() == (7, 6)
    viewer.page.get_by_role("checkbox", name="Measurement").uncheck()
    assert viewer.drawn() == (6, 5)  # the measurement and its subject edge
    viewer.page.get_by_role("checkbox", name="helped").uncheck()
    assert viewer.drawn() == (6, 3)
    viewer.page.get_by_role("checkbox", name="Measurement").check()
    viewer.page.get_by_role("checkbox", name="helped").check()
    assert viewer.drawn() == (7, 6)


def test_viewer_browser_filter_by_campaign_and_years(open_viewer, small):
    viewer = open_viewer(small[1])
    viewer.page.locator("#kg-campaign").select_option(DRIVE)
    assert sorted(viewer.js("kgNetwork.body.data.nodes.getIds()")) == sorted([DRIVE, MILL, WORKS])
    assert viewer.drawn() == (3, 2)  # the two helped edges of the drive
    viewer.page.locator("#kg-campaign").select_option("")
    viewer.page.locator("#kg-year-from").select_option("1958")
    # 1958: the works (in both articles), the mine, the green drive; the 1956 measurement, mill, person go
    assert sorted(viewer.js("kgNetwork.body.data.nodes.getIds()")) == sorted([WORKS, MINE, DRIVE2])
    assert viewer.drawn() == (3, 2)  # planned help and participation
    viewer.page.locator("#kg-year-from").select_option("1956")
    assert viewer.drawn() == (7, 6)


PLACED = "Object.fromEntries(kgNetwork.body.data.nodes.get().map(n => [n.id, {x: n.x, y: n.y}]))"


def test_viewer_browser_focus_shows_one_units_neighbourhood(open_viewer, small):
    viewer = open_viewer(small[1])
    pos = viewer.js(PLACED)[MINE]
    viewer.js("p => kgNetwork.moveTo({position: p, scale: 1.5})", pos)
    dom = viewer.js("p => kgNetwork.canvasToDOM(p)", pos)
    box = viewer.page.locator("#kg-network canvas").bounding_box()
    viewer.page.mouse.dblclick(box["x"] + dom["x"], box["y"] + dom["y"])
    assert viewer.page.locator("#kg-focus").is_visible()
    assert viewer.page.locator("#kg-focus-name").text_content() == "Dawn Coal Mine"
    # depth 2: the mine, the works and the drive it joined; then the works' helpers and measurement
    assert sorted(viewer.js("kgNetwork.body.data.nodes.getIds()")) == sorted([MINE, WORKS, DRIVE2, MILL, MEAS])
    # laid out on rings around the mine, which stays where it was
    at = viewer.js(PLACED)
    assert at[MINE] == pos
    radii = {k: math.dist((at[k]["x"], at[k]["y"]), (pos["x"], pos["y"])) for k in at if k != MINE}
    assert {k: round(r, -1) for k, r in radii.items()} == {WORKS: 160, DRIVE2: 160, MILL: 320, MEAS: 320}  # 0.1 px
    viewer.page.locator("#kg-focus-depth").select_option("1")
    assert sorted(viewer.js("kgNetwork.body.data.nodes.getIds()")) == sorted([MINE, WORKS, DRIVE2])
    viewer.page.get_by_role("button", name="Show all").click()
    assert viewer.drawn() == (7, 6)
    assert viewer.page.locator("#kg-focus").is_hidden()
    built = viewer.js("Object.fromEntries(kgData.nodes.map(n => [n.id, {x: n.x, y: n.y}]))")
    assert viewer.js(PLACED) == built  # back in the built layout


def test_viewer_browser_large_graph_opens_on_a_bounded_neighbourhood(open_viewer, tmp_path: Path):
    graph = nx.MultiDiGraph(articles={})
    n = LARGE_GRAPH + 500
    for i in range(n):
        graph.add_node(f"n{i:05d}", type="Enterprise", label=f"Works {i}", label_zh=None, articles=[])
    for i in range(1, n):  # a hub helped by everyone: its neighbourhood is the whole graph
        graph.add_edge(f"n{i:05d}", "n00000", key=f"a{i}", relation="helped", forms=[], campaign=None, evidence=[])
    viewer = open_viewer(_write(graph, tmp_path / "large.html"))
    assert viewer.drawn() == (FOCUS_BUDGET, FOCUS_BUDGET - 1)
    assert viewer.page.locator("#kg-focus-name").text_content() == "Works 0"
    assert viewer.page.locator("#kg-focus").text_content().count(f"the nearest {FOCUS_BUDGET} nodes") == 1
    viewer.page.get_by_role("button", name="Show all").click()
    assert viewer.drawn() == (n, n - 1)


def test_viewer_browser_hostile_article_renders_as_text(open_viewer, nlp, tmp_path: Path):
    """Markup in a title, a sentence and names is shown literally and runs nothing.

    The page's CSP would also block an inline handler, so the test looks at the DOM as
    well as at dialogs: no element may come out of the data.
    """
    title = 'Help <script>alert("title")</script> the <img src=x onerror=alert(\'title\')> "Backward" Mill'
    sentence = ('The O\'Brien Steel Plant sent ten technicians to help the "Dawn" Cotton Mill '
                "<img src=x onerror=alert(2)> in the \"</script><script>alert(3)</script>\" Competition.")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(
        f"Title: {title}\nAuthor:\nDate: 1958-06-01\nPage: 3\n{sentence}\n<hr />\n\nOriginal:\n\n"
        "### <script>alert('zh')</script>标题\n\n1958-06-01\n第3版()\n专栏：\n\n    正文。\n", encoding="utf-8")
    result = build([tmp_path / "in"], out_dir=tmp_path / "out", nlp=nlp, formats=("html",))
    helped = [(u, v) for u, v, r in result.graph.edges(data="relation") if r == "helped"]
    assert helped == [("o-brien-steel-plant", "dawn-cotton-mill")]  # the article is read as meant
    viewer = open_viewer(tmp_path / "out" / "graph.html")
    edge = _helped_edges(viewer)[0]
    viewer.js("id => kgSelectEdge(id)", edge["id"])
    text = viewer.panel()
    assert text.startswith("O'Brien Steel Plant helped \"Dawn\" Cotton Mill")
    assert sentence in text
    assert title in text and "<script>alert('zh')</script>标题" in text
    viewer.page.get_by_role("button", name='"Dawn" Cotton Mill').click()
    assert viewer.page.locator("#kg-panel h2").text_content() == '"Dawn" Cotton Mill'
    viewer.page.wait_for_timeout(300)  # an image's onerror would fire by now
    assert viewer.js("document.querySelectorAll('img, [onerror]').length") == 0
    assert viewer.js("document.querySelectorAll('script').length") == 3  # the data and the page's two scripts
    assert (viewer.dialogs, viewer.errors, viewer.requests) == ([], [], [viewer.url])


HOSTILE = '<img src=x onerror=alert(1)>"\'&amp;'


def test_viewer_browser_hostile_names_render_as_text(open_viewer, tmp_path: Path):
    graph = to_networkx(_small_corpus())
    graph.nodes[MILL]["label"] = HOSTILE
    graph.nodes[MILL]["label_zh"] = "<script>alert(2)</script>"
    graph.nodes[MILL]["alt_labels"] = ["<b>bold</b>"]
    viewer = open_viewer(_write(graph, tmp_path / "names.html"))
    box = viewer.page.locator("#kg-search")
    box.fill("<script>")
    box.press("Enter")
    assert viewer.page.locator("#kg-panel h2").text_content() == HOSTILE
    assert viewer.page.locator("#kg-panel .kg-zh").text_content() == "<script>alert(2)</script>"
    pos = viewer.js("id => kgNetwork.getPositions([id])[id]", MILL)
    dom = viewer.js("p => kgNetwork.canvasToDOM(p)", pos)
    canvas = viewer.page.locator("#kg-network canvas").bounding_box()
    viewer.page.mouse.move(canvas["x"] + dom["x"], canvas["y"] + dom["y"])
    tooltip = viewer.page.locator(".vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.text_content() == f"Enterprise: {HOSTILE}"
    viewer.page.wait_for_timeout(300)
    assert viewer.js("document.querySelectorAll('body img, #kg-panel script, #kg-panel b, .vis-tooltip *').length") == 0
    assert (viewer.dialogs, viewer.errors) == ([], [])


def test_viewer_browser_screenshot_of_the_sample_graph(open_viewer, sample):
    _, path = sample
    viewer = open_viewer(path)
    edge = _helped_edges(viewer)[0]
    viewer.js("id => kgSelectEdge(id)", edge["id"])
    assert edge["data"]["evidence"][0]["text"] in viewer.panel()
    viewer.js("kgNetwork.fit({animation: false})")  # the whole graph, the edge's evidence in the panel
    viewer.js("new Promise(resolve => { kgNetwork.once('afterDrawing', resolve); kgNetwork.redraw(); })")
    # the graph is drawn: a good share of the canvas is not background
    inked = viewer.js("""(() => {
        const c = document.querySelector('#kg-network canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) { if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235)) { n++; } }
        return n / (c.width * c.height);
    })()""")
    assert inked > 0.01
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "viewer.png"
    viewer.page.screenshot(path=str(shot))
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR" and struct.unpack(">II", png[16:24]) == (VIEWPORT["width"], VIEWPORT["height"])
    assert len(png) > 30_000  # a blank or near-blank page compresses to a few kilobytes


def test_viewer_browser_draws_chinese_glyphs_not_missing_glyph_boxes(open_viewer, sample):
    # fonts-wqy-microhei (installed by `make test`) gives the page real Chinese glyphs: two different
    # characters draw differently, while characters no font has all draw the same empty box
    _, path = sample
    viewer = open_viewer(path)
    drawn = viewer.js("""(() => {
        const font = getComputedStyle(document.body).fontFamily;
        const ink = text => {
            const c = document.createElement('canvas');
            c.width = 64; c.height = 64;
            const g = c.getContext('2d');
            g.font = '48px ' + font;
            g.fillText(text, 4, 52);
            return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
        };
        return [ink('煤') === ink('钢'), ink('\\u{E000}') === ink('\\u{E001}'), ink('煤') === ink('\\u{E000}')];
    })()""")
    assert drawn == [False, True, False]

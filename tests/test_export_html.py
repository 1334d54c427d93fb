"""HTML export: self-contained (no network, no lib/ folder), exact embedded data, escaping, determinism."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import json
import math
import random
import re
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from kg.export import export
from kg.export.html import (
    _SPRING_MAX,
    DEFAULT_TITLE,
    FOCUS_BUDGET,
    LARGE_GRAPH,
    _ranked_edges,
    _sorted_edges,
    _vis_dir,
    write_html,
)
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
    Person,
    PlannedAssistance,
)

ART = "001_test"
MILL = "east-steel-mill"
WORKS = "river-bend-works"
DRIVE = "red-banner-drive"
ZHANG = "zhang-san"
MEAS = "m1"
HELP = "a1"
HELP_TEXT = "The East Steel Mill sent four engineers to the River Bend Works."
MEAS_TEXT = "The River Bend Works raised output by 12%."
PLANNED_TEXT = "The River Bend Works decided to train the mill's apprentices."

SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _corpus(*, label: str = "East Steel Mill", text: str = HELP_TEXT, title: str = "Help the Backward",
            planned: bool = False) -> Corpus:
    def ev(t: str) -> Evidence:
        return Evidence(article=ART, text=t, start=0, end=len(t), lang="en")

    return Corpus(
        articles=(Article(id=ART, source=f"{ART}.txt", title=title, title_zh="帮助落后",
                          date=dt.date(1956, 3, 14), page=2),),
        entities=(
            Enterprise(id=MILL, label=label, label_zh="东方钢厂", alt_labels=("the mill",), articles=(ART,)),
            Enterprise(id=WORKS, label="River Bend Works", articles=(ART,)),
            Campaign(id=DRIVE, label="Red Banner Drive", label_zh="红旗竞赛", articles=(ART,)),
            Person(id=ZHANG, label="Zhang San", label_zh="张三", role="engineer", part_of=MILL, articles=(ART,)),
        ),
        assistance=(Assistance(id=HELP, helper=MILL, recipient=WORKS, campaign=DRIVE,
                               forms=(HelpForm.PERSONNEL, HelpForm.TECHNICAL_EXPERIENCE), evidence=ev(text)),),
        measurements=(Measurement(id=MEAS, subject=WORKS, indicator="output", value=Decimal("12"), unit="%",
                                  kind=MeasurementKind.CHANGE, evidence=ev(MEAS_TEXT)),),
        planned_assistance=(PlannedAssistance(id="p1", helper=WORKS, recipient=MILL, status=ClaimStatus.DECIDED,
                                              forms=(HelpForm.TRAINING,), evidence=ev(PLANNED_TEXT)),) if planned else (),
    )


def _html(corpus: Corpus | None = None, **options: str) -> str:
    buf = io.BytesIO()
    write_html(to_networkx(corpus or _corpus()), buf, **options)
    return buf.getvalue().decode("utf-8")


def _data(page: str) -> dict:
    blocks = re.findall(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def _vis_sources() -> tuple[str, str]:
    d = _vis_dir()
    return (d / "vis-network.min.js").read_text("utf-8"), (d / "vis-network.css").read_text("utf-8")


def _script_tags(page: str) -> list[str]:
    """Opening script tags of the page outside vis-network's source (which builds a "<script>" string)."""
    return re.findall(r"<script\b[^>]*>", page.replace(_vis_sources()[0], ""))


def test_export_html_makes_no_network_request():
    page = _html()
    vis_js, vis_css = _vis_sources()
    assert page.count(vis_js) == 1 and page.count(vis_css) == 1
    # vis-network's own source names URLs in its licence comment and the SVG namespace; nothing else may
    ours = page.replace(vis_js, "").replace(vis_css, "").replace('"http://www.w3.org/2000/svg"', "")
    assert "http://" not in ours and "https://" not in ours
    outside = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?|@import\s*["']?)\s*(?:[a-z]+:)?//""", re.I)
    assert outside.findall(page) == []
    assert "@import" not in page
    assert re.findall(r"<(?:link|iframe|img|object|embed)\b", ours, re.I) == []
    assert _script_tags(page) == ['<script type="application/json" id="kg-data">', "<script>", "<script>"]


def test_export_html_csp_allows_exactly_the_page_scripts():
    page = _html()
    csp = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'" for s in scripts]
    assert csp.startswith("default-src 'none'; ")
    assert f"script-src {hashes[0]} {hashes[1]};" in csp
    assert "connect-src" not in csp  # falls back to default-src 'none'


def test_export_html_writes_no_lib_dir(tmp_path: Path):
    write_html(to_networkx(_corpus()), tmp_path / "graph.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


def test_export_html_embeds_exact_nodes_and_edges():
    data = _data(_html())
    assert [n["id"] for n in data["nodes"]] == [MILL, MEAS, DRIVE, WORKS, ZHANG]
    assert [(e["from"], e["relation"], e["to"]) for e in data["edges"]] == [
        (MEAS, "subject", WORKS), (ZHANG, "partOf", MILL), (MILL, "helped", WORKS),
    ]
    assert [e["id"] for e in data["edges"]] == ["e0", "e1", "e2"]
    assert data["articles"] == {ART: {"title": "Help the Backward", "title_zh": "帮助落后", "author": None,
                                      "date": "1956-03-14", "page": 2, "source": f"{ART}.txt"}}
    helped = data["edges"][2]
    assert helped["key"] == HELP
    assert helped["data"] == {
        "campaign": DRIVE, "forms": ["Personnel", "TechnicalExperience"],
        "evidence": [{"article": ART, "text": HELP_TEXT, "start": 0, "end": len(HELP_TEXT), "lang": "en"}],
    }


def test_export_html_nodes_carry_years_and_campaigns_for_the_filters():
    nodes = {n["id"]: (n["years"], n["campaigns"]) for n in _data(_html())["nodes"]}
    assert nodes == {
        MILL: ([1956], [DRIVE]),  # through the help it gave in the drive
        WORKS: ([1956], [DRIVE]),
        DRIVE: ([1956], [DRIVE]),
        ZHANG: ([1956], []),
        MEAS: ([1956], []),  # from its evidence's article
    }


def test_export_html_edges_carry_years_campaigns_and_curves():
    edges = [(e["relation"], e["years"], e["campaigns"], e["curve"]) for e in _data(_html())["edges"]]
    # campaigns is None for relations that no campaign bears: they pass the campaign filter
    assert edges == [("subject", [], None, 0), ("partOf", [], None, 0), ("helped", [1956], [DRIVE], 0)]


def test_export_html_undated_article_gives_no_year():
    corpus = _corpus()
    undated = corpus.model_copy(update={"articles": (corpus.articles[0].model_copy(update={"date": None}),)})
    data = _data(_html(undated))
    assert {n["id"]: n["years"] for n in data["nodes"]}[MILL] == []
    assert [e["years"] for e in data["edges"]] == [[], [], []]


def test_export_html_styles_list_present_types_in_legend_order():
    styles = _data(_html())["styles"]
    assert [(s["name"], s["shape"], s["color"]) for s in styles["nodes"]] == [
        ("Enterprise", "box", "#4e79a7"), ("Person", "dot", "#59a14f"),
        ("Campaign", "star", "#e15759"), ("Measurement", "square", "#76b7b2"),
    ]
    assert [s["name"] for s in styles["edges"]] == ["helped", "subject", "partOf"]


def _styled(graph) -> dict[str, tuple]:
    styles = _data(_page_of(graph))["styles"]["edges"]
    return {s["name"]: (s["color"], s["width"], s["arrow"], s["dashes"]) for s in styles}


def _page_of(graph) -> str:
    buf = io.BytesIO()
    write_html(graph, buf)
    return buf.getvalue().decode("utf-8")


def test_export_html_edge_style_by_relation():
    graph = to_networkx(_corpus(planned=True))
    graph.add_edge(WORKS, MILL, key="sameAs", relation="sameAs")
    graph.add_edge(WORKS, MILL, key="x", relation="madeUp")
    assert _styled(graph) == {
        "helped": ("#d62728", 3.0, True, False),
        "plannedHelp": ("#ff9896", 2.0, True, [8, 4]),
        "subject": ("#76b7b2", 1.0, True, [4, 4]),
        "partOf": ("#8c8c8c", 1.0, True, True),
        "sameAs": ("#17becf", 2.0, False, [2, 3]),
        "madeUp": ("#8c8c8c", 1.0, True, False),
    }


def test_export_html_styles_leave_out_missing_types_and_relations():
    graph = to_networkx(_corpus())
    graph.add_node("x")
    graph.add_edge("x", MILL, key="k")
    styles = _data(_page_of(graph))["styles"]
    assert "None" not in [s["name"] for s in styles["nodes"] + styles["edges"]]


def test_export_html_planned_help_keeps_its_status():
    data = _data(_html(_corpus(planned=True)))
    planned = [e for e in data["edges"] if e["relation"] == "plannedHelp"]
    assert [(e["from"], e["to"], e["key"], e["data"]["status"], e["campaigns"]) for e in planned] == [
        (WORKS, MILL, "p1", "Decided", []),
    ]


def test_export_html_parallel_edges_curve_apart():
    graph = to_networkx(_corpus())
    graph.add_edge(MILL, WORKS, key="a2", relation="helped", forms=[], campaign=None, evidence=[])
    graph.add_edge(WORKS, MILL, key="sameAs", relation="sameAs")
    edges = [(e["key"], e["curve"]) for e in _data(_page_of(graph))["edges"] if {e["from"], e["to"]} == {MILL, WORKS}]
    assert edges == [("sameAs", 0), (HELP, 1), ("a2", 2)]


@pytest.mark.parametrize("seed", range(40))
def test_export_html_curve_rank_counts_the_edges_between_two_nodes_before(seed):
    # the rank, counted from the graph, is what a count per pair over the edges in order gives,
    # with loops, both directions, helped edges (written last) and ids that read alike (1 and "1")
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    names = ["a", "b", "c", "d", 1, "1"][: 4 if seed % 2 else 6]
    graph.add_nodes_from(names)
    for i in range(rng.randint(0, 25)):
        u, v = rng.choice(names), rng.choice(names)
        graph.add_edge(u, v, key=f"k{rng.randint(0, 9)}", relation=rng.choice(["helped", "partOf", "sameAs"]))
    seen: dict[tuple[str, str], int] = {}
    expected = []
    for u, v, key, _ in _sorted_edges(graph):
        pair = (min(str(u), str(v)), max(str(u), str(v)))
        expected.append((u, v, key, seen.get(pair, 0)))
        seen[pair] = seen.get(pair, 0) + 1
    assert [(u, v, key, rank) for u, v, key, _, rank in _ranked_edges(graph)] == expected


def test_export_html_small_graph_opens_on_everything():
    data = _data(_html())
    assert (data["large"], data["focus"], data["budget"]) == (False, None, None)


def test_export_html_large_graph_opens_on_its_best_connected_unit():
    graph = nx.MultiDiGraph(articles={})
    for i in range(LARGE_GRAPH + 1):
        graph.add_node(f"n{i:04d}", type="Enterprise", label=f"Works {i}", label_zh=None, articles=[])
    for i in range(1, 6):
        graph.add_edge(f"n{i:04d}", "n0007", key=f"a{i}", relation="helped", forms=[], campaign=None, evidence=[])
    graph.add_edge("n0001", "n0002", key="partOf", relation="partOf")
    data = _data(_page_of(graph))
    assert (data["large"], data["focus"], data["budget"]) == (True, "n0007", FOCUS_BUDGET)
    # dashed lines make a canvas of thousands of edges slow: a large graph draws solid lines only
    assert [(s["name"], s["dashes"]) for s in data["styles"]["edges"]] == [("helped", False), ("partOf", False)]


def test_export_html_big_component_is_laid_out_on_rings():
    graph = nx.MultiDiGraph(articles={})
    graph.add_node("hub", type="Place", label="Hub")
    leaves = [f"leaf{i:03d}" for i in range(_SPRING_MAX + 50)]
    for leaf in leaves:
        graph.add_node(leaf, type="Enterprise", label=leaf)
        graph.add_edge(leaf, "hub", key="locatedIn", relation="locatedIn")
    graph.add_edge(leaves[0], "far", key="partOf", relation="partOf")
    nodes = {n["id"]: (n["x"], n["y"]) for n in _data(_page_of(graph))["nodes"]}
    hx, hy = nodes["hub"]
    ring1 = {round(math.dist(nodes[leaf], (hx, hy))) for leaf in leaves}
    assert ring1 == {round(len(leaves) * 60.0 / (2 * math.pi))}  # one ring, 60 px between neighbours
    assert round(math.dist(nodes["far"], (hx, hy))) == round(len(leaves) * 60.0 / (2 * math.pi)) + 60
    assert len(set(nodes.values())) == len(nodes)


def test_export_html_positions_are_fixed_pixels():
    nodes = _data(_html())["nodes"]
    coords = [(n["x"], n["y"]) for n in nodes]
    assert all(round(c, 1) == c for xy in coords for c in xy)
    assert len(set(coords)) == len(nodes)


@pytest.mark.parametrize("hostile", [SCRIPT_BREAK, IMG, "a & b <!-- c"], ids=["script-break", "img-onerror", "comment"])
@pytest.mark.parametrize("where", ["label", "text", "title"])
def test_export_html_escapes_hostile_text(hostile: str, where: str):
    page = _html(_corpus(**{where: hostile}))
    assert hostile not in page
    assert html.escape(hostile) not in page  # not in the markup either: data lives only in the JSON block
    assert page.lower().count("</script") == 3
    assert _script_tags(page) == ['<script type="application/json" id="kg-data">', "<script>", "<script>"]
    data = _data(page)
    block = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert not set(block) & set("<>&")
    found = {
        "label": data["nodes"][0]["data"]["label"],
        "text": data["edges"][2]["data"]["evidence"][0]["text"],
        "title": data["articles"][ART]["title"],
    }
    assert found[where] == hostile


def test_export_html_title_is_escaped():
    page = _html(title="Tom & <Jerry>")
    assert "<title>Tom &amp; &lt;Jerry&gt;</title>" in page
    assert "<h1>Tom &amp; &lt;Jerry&gt;</h1>" in page
    assert _data(page)["title"] == "Tom & <Jerry>"
    assert f"<title>{html.escape(DEFAULT_TITLE)}</title>" in _html()


def test_export_html_is_deterministic(tmp_path: Path):
    write_html(to_networkx(_corpus()), tmp_path / "a.html")
    write_html(to_networkx(_corpus()), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_export_html_writes_to_binary_file(tmp_path: Path):
    buf = io.BytesIO()
    write_html(to_networkx(_corpus()), buf)
    write_html(to_networkx(_corpus()), tmp_path / "graph.html")
    assert buf.getvalue() == (tmp_path / "graph.html").read_bytes()
    assert buf.getvalue().startswith(b"<!DOCTYPE html>")


def test_export_html_registry_writes_the_same_page(tmp_path: Path):
    export(to_networkx(_corpus()), "html", tmp_path / "graph.html")
    assert (tmp_path / "graph.html").read_text("utf-8") == _html()


def test_export_html_unknown_option_fails():
    with pytest.raises(TypeError, match="unexpected keyword argument 'heading'"):
        write_html(to_networkx(_corpus()), io.BytesIO(), heading="x")


def test_export_html_exposes_network_and_data_to_tests():
    page = _html()
    for name, value in [("kgNetwork", "network"), ("kgData", "data"), ("kgSearch", "search"), ("kgSelect", "select"),
                        ("kgSelectEdge", "selectEdge"), ("kgFilter", "filter"), ("kgFocus", "focusOn")]:
        assert f"window.{name} = {value};" in page
    assert "window.kgReady = true;" in page
    assert 'JSON.parse(document.getElementById("kg-data").textContent)' in page
    assert "innerHTML" not in page.replace(_vis_sources()[0], "")

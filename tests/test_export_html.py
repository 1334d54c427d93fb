"""HTML export: self-contained (no network, no lib/ folder), exact embedded data, escaping, determinism."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from kg.export import export
from kg.export.html import DEFAULT_TITLE, _vis_dir, write_html
from kg.graph import to_networkx
from kg.schemas import (
    Article,
    Assistance,
    Campaign,
    Corpus,
    Enterprise,
    Evidence,
    HelpForm,
    Measurement,
    MeasurementKind,
    Person,
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

SCRIPT_BREAK = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _corpus(*, label: str = "East Steel Mill", text: str = HELP_TEXT, title: str = "Help the Backward") -> Corpus:
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
    ours = page.replace(vis_js, "").replace(vis_css, "")
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


def test_export_html_node_links_list_helpers_and_recipients():
    nodes = {n["id"]: n for n in _data(_html())["nodes"]}
    assert nodes[MILL]["links"] == {"parts": [ZHANG], "recipients": [WORKS]}
    assert nodes[WORKS]["links"] == {"helpers": [MILL], "measurements": [MEAS]}
    assert nodes[ZHANG]["links"] == {"part_of": [MILL]}
    assert nodes[MEAS]["links"] == {"subject": [WORKS]}
    assert nodes[DRIVE]["links"] == {}


@pytest.mark.parametrize(
    ("node", "label", "shape"),
    [
        (ZHANG, "Zhang San\n张三", "dot"),
        (MILL, "East Steel Mill\n东方钢厂", "box"),
        (WORKS, "River Bend Works", "box"),
        (DRIVE, "Red Banner Drive\n红旗竞赛", "star"),
        (MEAS, "12%", "square"),
    ],
    ids=["person-zh", "enterprise-zh", "enterprise-en-only", "campaign", "measurement"],
)
def test_export_html_node_label_and_shape(node: str, label: str, shape: str):
    vis = {n["id"]: n["vis"] for n in _data(_html())["nodes"]}[node]
    assert (vis["label"], vis["shape"]) == (label, shape)


def test_export_html_edge_style_by_relation():
    vis = {e["relation"]: e["vis"] for e in _data(_html())["edges"]}
    assert (vis["helped"]["width"], vis["helped"]["dashes"], vis["helped"]["arrows"]["to"]["enabled"]) == (3.0, False, True)
    assert (vis["partOf"]["width"], vis["partOf"]["dashes"]) == (1.0, True)
    assert vis["helped"]["title"] == "East Steel Mill helped River Bend Works (Personnel, TechnicalExperience)"


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
    assert "window.kgNetwork = network;" in page
    assert "window.kgData = data;" in page
    assert 'JSON.parse(document.getElementById("kg-data").textContent)' in page
    assert "innerHTML" not in page.replace(_vis_sources()[0], "")

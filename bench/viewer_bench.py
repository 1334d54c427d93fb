"""How long the HTML viewer takes to become interactive on a big graph.

Generates a seeded random graph in the shape of :mod:`kg.graph` (10,000 nodes and
20,000 edges by default), writes it with :func:`kg.export.html.write_html`, opens
the page in headless Chromium (Debian's ``/usr/bin/chromium``, driven by
Playwright) and prints:

* ``write_html``: seconds to lay out and write the page;
* ``interactive``: milliseconds from navigation start until the viewer is ready
  (``window.kgReady``: the network exists and has drawn its first frame);
* what the first view draws (a graph of more than ``LARGE_GRAPH`` nodes opens on the
  neighbourhood of its best-connected unit), then the milliseconds, measured in the page
  until the next frame is drawn, for a search that focuses on a unit, a relation filter
  applied and removed, and "Show all".

Run it from the repository root::

    .venv/bin/python bench/viewer_bench.py [--nodes 10000] [--edges 20000] [--keep out.html]

It is a benchmark, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.export.html import write_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# share of the entity nodes by type, and of the fact nodes
_ENTITY_SHARE = {"Enterprise": 0.42, "Organization": 0.09, "Person": 0.18, "Place": 0.03, "Campaign": 0.006}
_MUTUAL_AID_SHARE = 0.024
_WORDS = ["Red Flag", "East Wind", "Dawn", "Victory", "Iron", "River Bend", "Hongqi", "Anshan", "Jiaohe", "Yong'an"]
_KINDS = {"Enterprise": ["Steel Plant", "Coal Mine", "Cotton Mill", "Machine Works", "No. 4 Mine"],
          "Organization": ["Party Committee", "Trade Union", "Administration Bureau"],
          "Person": ["Zhang", "Li", "Wang", "Liu", "Chen"],
          "Place": ["County", "City", "Province"],
          "Campaign": ["Competition", "Emulation Drive"]}
_ZH = "红旗东风黎明胜利钢铁河湾鞍山蛟河永安煤矿纺织厂机械局委员会工会"
_FORMS = ["Personnel", "Equipment", "Materials", "TechnicalExperience", "Training", "Management", "Labour"]
_STATUS = ["Decided", "Proposed", "Planned", "Pledged"]


def make_graph(n_nodes: int = 10_000, n_edges: int = 20_000, seed: int = 0) -> nx.MultiDiGraph:
    """A seeded graph with the node and edge attributes of :func:`kg.graph.to_networkx`.

    Units are grouped by article (about ten to an article) and most help runs within an
    article, as in the real corpus; places and campaigns are shared across articles.
    """
    rnd = random.Random(seed)
    n_articles = max(1, n_nodes // 10)
    g = nx.MultiDiGraph()
    articles = {}
    for i in range(n_articles):
        date = dt.date(1953, 1, 1) + dt.timedelta(days=rnd.randrange(13 * 365))
        articles[f"{i:05d}_bench"] = {"title": f"Advanced helps backward, report {i}", "title_zh": f"先进帮助落后{i}",
                                      "author": None, "date": date.isoformat(), "page": rnd.randint(1, 8),
                                      "source": f"{i:05d}_bench.txt"}
    g.graph["articles"] = articles
    art_ids = sorted(articles)

    by_type: dict[str, list[str]] = {}
    n_entities = int(n_nodes * sum(_ENTITY_SHARE.values()))
    n_aid = int(n_nodes * _MUTUAL_AID_SHARE)
    n_measure = n_nodes - n_entities - n_aid
    for kind, share in _ENTITY_SHARE.items():
        for i in range(max(1, int(n_nodes * share))):
            name = f"{rnd.choice(_WORDS)} {rnd.choice(_KINDS[kind])} {i}"
            zh = "".join(rnd.choice(_ZH) for _ in range(4)) + str(i) if rnd.random() < 0.6 else None
            node = f"{kind.lower()}-{i}"
            g.add_node(node, type=kind, label=name, label_zh=zh, alt_labels=[], articles=[rnd.choice(art_ids)],
                       role="worker" if kind == "Person" else None)
            by_type.setdefault(kind, []).append(node)
    units = by_type["Enterprise"] + by_type["Organization"] + by_type["Person"]
    per_article: dict[str, list[str]] = {}
    for u in units:
        per_article.setdefault(g.nodes[u]["articles"][0], []).append(u)
    campaigns = by_type["Campaign"]

    def evidence(article: str, text: str) -> list[dict]:
        return [{"article": article, "text": text, "start": 0, "end": len(text), "lang": "en"}]

    edges = 0

    def add(u: str, v: str, key: str, **attrs) -> None:
        nonlocal edges
        g.add_edge(u, v, key=key, **attrs)
        edges += 1

    for u in by_type["Enterprise"]:
        add(u, rnd.choice(by_type["Place"]), "locatedIn", relation="locatedIn")
    orgs = by_type["Enterprise"] + by_type["Organization"]
    for u in by_type["Person"]:
        add(u, rnd.choice(orgs), "partOf", relation="partOf")
    for i in range(n_aid):
        node = f"aid-{i}"
        art = rnd.choice(art_ids)
        members = rnd.sample(per_article.get(art) or units, k=min(3, len(per_article.get(art) or units)))
        g.add_node(node, type="MutualAid", label=f"mutual aid of {len(members)} units", forms=["Labour"],
                   campaign=rnd.choice(campaigns), evidence=evidence(art, f"These units help each other ({i})."))
        for m in members:
            add(node, m, "participant", relation="participant")
    for i in range(n_measure):
        node = f"m-{i}"
        subject = rnd.choice(units)
        art = g.nodes[subject]["articles"][0]
        value = str(rnd.randint(1, 300))
        g.add_node(node, type="Measurement", label=f"{value}%", indicator="output", value=value, unit="%",
                   kind="Change", period=None, lower_bound=False, evidence=evidence(art, f"Output rose by {value}%."))
        add(node, subject, "subject", relation="subject")
    remaining = n_edges - edges
    kinds = ["helped"] * 60 + ["plannedHelp"] * 15 + ["participatesIn"] * 25
    for i in range(max(0, remaining)):
        relation = rnd.choice(kinds)
        art = rnd.choice(art_ids)
        local = per_article.get(art) or units
        u = rnd.choice(local)
        if relation == "participatesIn":
            add(u, rnd.choice(campaigns), f"p{i}", relation=relation,
                evidence=evidence(art, f"{g.nodes[u]['label']} joined the campaign."))
            continue
        v = rnd.choice(local if rnd.random() < 0.8 else units)
        if v == u:
            v = rnd.choice(units)
        text = f"{g.nodes[u]['label']} sent workers to help {g.nodes[v]['label']}."
        attrs = {"relation": relation, "forms": sorted(rnd.sample(_FORMS, 2)),
                 "campaign": rnd.choice(campaigns) if rnd.random() < 0.7 else None, "evidence": evidence(art, text)}
        if relation == "plannedHelp":
            attrs["status"] = rnd.choice(_STATUS)
        add(u, v, f"a{i}", **attrs)
    return g


_MEASURE_IN_PAGE = """async () => {
  const drawn = () => new Promise(resolve => kgNetwork.once("afterDrawing", resolve));
  const first = {nodes: kgNetwork.body.data.nodes.length, edges: kgNetwork.body.data.edges.length,
                 shown: document.getElementById("kg-shown").textContent};
  let t = performance.now();
  const hits = kgSearch("Steel Plant 1");
  kgFocus(hits[0]);
  await drawn();
  const searchFocus = performance.now() - t;
  t = performance.now();
  kgFilter({hideRelations: ["subject"]});
  kgFilter({hideRelations: []});
  await drawn();
  const filter = performance.now() - t;
  t = performance.now();
  kgShowAll();
  await drawn();
  const showAll = performance.now() - t;
  return {first, searchFocus, filter, showAll, hits: hits.length,
          all: {nodes: kgNetwork.body.data.nodes.length, edges: kgNetwork.body.data.edges.length}};
}"""


def measure(page_path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.goto(page_path.resolve().as_uri())
            page.wait_for_function("window.kgReady === true", timeout=60_000)
            interactive = page.evaluate("window.kgTimings.ready")
            steps = page.evaluate(_MEASURE_IN_PAGE)
        finally:
            context.close()
    return {"interactive": interactive, **steps}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temporary file")
    args = parser.parse_args(argv)

    graph = make_graph(args.nodes, args.edges, args.seed)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        path = args.keep or Path(tmp) / "graph.html"
        start = time.perf_counter()
        write_html(graph, path)
        write_s = time.perf_counter() - start
        size = path.stat().st_size
        result = measure(path)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; page {size / 1e6:.1f} MB")
    print(f"write_html: {write_s:.2f} s")
    print(f"interactive: {result['interactive']:.0f} ms after navigation start")
    first = result["first"]
    print(f"first view: {first['nodes']} nodes, {first['edges']} edges drawn ({first['shown']})")
    print(f"search and focus on the first of {result['hits']} hits: {result['searchFocus']:.0f} ms")
    print(f"a relation filter on and off: {result['filter']:.0f} ms")
    print(f"show all ({result['all']['nodes']} nodes, {result['all']['edges']} edges): {result['showAll']:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())

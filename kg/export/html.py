"""The graph as one self-contained HTML page to click through: who helped whom.

The page makes no network request: vis-network's JavaScript and CSS (shipped
inside the pyvis package) are inlined, and a Content-Security-Policy allows
only the page's own two scripts, by hash. The graph travels as JSON in a
``<script type="application/json" id="kg-data">`` block with ``<``, ``>`` and
``&`` escaped, and the viewer (``viewer.js`` next to this module) builds every
piece of text with ``textContent``, so article text is never read as HTML.

What the JSON holds (``_data``): ``articles`` as in :mod:`kg.graph`; ``styles``,
the shape and colour of each node type and the line of each relation present, in
legend order; ``nodes`` with ``x``/``y`` in pixels, ``data`` (the node's
attributes) and, for the viewer's filters, ``years`` (of the node's dated articles)
and ``campaigns``; ``edges`` with ``from``, ``to``, ``key``, ``relation``, ``data``,
``years``, ``campaigns`` (None for relations that no campaign bears) and ``curve``
(the rank of a parallel edge); ``large``, ``focus`` and ``budget`` (below).

Positions are computed here and the page turns physics off, so the same graph
always gives the same picture and the same bytes: a seeded spring layout for
each small connected component, concentric rings (breadth-first from the
best-connected node) for big ones, the components packed in rows.

A graph of more than ``LARGE_GRAPH`` nodes is ``large``: it is drawn with solid
lines only (dashes make a canvas of thousands of edges slow), hides its edges
while the view moves, and opens on the neighbourhood of its best-connected unit
(``focus``), at most ``FOCUS_BUDGET`` nodes (``budget``); "Show all" draws the rest.
vis-network spends about 0.1 ms on every item it holds, so what is not shown is
not handed to it.

The page is written piece by piece, the data one node or edge at a time: what is
held besides the graph is one position per node (the layout comes first, each
position one complex number, x + yj), never the page or its JSON; an edge's curve
is counted from the graph as it is written.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import importlib.util
import json
import logging
import math
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.export.json import open_sink

__all__ = ["write_html", "DEFAULT_TITLE", "NODE_STYLES", "EDGE_STYLES", "LARGE_GRAPH", "FOCUS_BUDGET"]

log = logging.getLogger(__name__)

DEFAULT_TITLE = "kg: who helped whom"

# node type -> (vis shape, colour, label colour); shapes drawn with the label inside come first
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "Enterprise": ("box", "#4e79a7", "#ffffff"),
    "Organization": ("ellipse", "#f28e2b", "#ffffff"),
    "Person": ("dot", "#59a14f", "#222222"),
    "Place": ("triangle", "#9c755f", "#222222"),
    "Campaign": ("star", "#e15759", "#222222"),
    "MutualAid": ("hexagon", "#b07aa1", "#222222"),
    "Measurement": ("square", "#76b7b2", "#222222"),
}
_OTHER_NODE = ("diamond", "#bab0ac", "#222222")

# relation -> (colour, width, arrow to the target, dashes)
EDGE_STYLES: dict[str, tuple[str, float, bool, bool | list[int]]] = {
    "helped": ("#d62728", 3.0, True, False),
    "plannedHelp": ("#ff9896", 2.0, True, [8, 4]),
    "participatesIn": ("#59a14f", 1.5, True, False),
    "participant": ("#b07aa1", 1.5, False, False),
    "subject": ("#76b7b2", 1.0, True, [4, 4]),
    "partOf": ("#8c8c8c", 1.0, True, True),
    "locatedIn": ("#b5b5b5", 1.0, True, [2, 5]),
    "sameAs": ("#17becf", 2.0, False, [2, 3]),
}
_OTHER_EDGE = ("#8c8c8c", 1.0, True, False)

LARGE_GRAPH = 2000  # nodes; larger graphs get solid lines, hide edges while the view moves and open on a focus
FOCUS_BUDGET = 1000  # nodes; in a large graph the focus shows at most this many

# relations that a campaign can bear; an edge of another relation passes the campaign filter
_CAMPAIGN_RELATIONS = ("helped", "plannedHelp", "participatesIn", "participant")

_NODE_SPACING = 90.0  # pixels; a component of n nodes gets a disc of radius spacing * sqrt(n)
_RING_SPACING = 60.0  # pixels between nodes on a ring, and between rings
_SPRING_MAX = 150  # nodes; bigger components are laid out on rings (spring_layout is quadratic)
_GAP = 60.0  # pixels between components
_ASPECT = 1.6  # width / height of the packed components
_SEED = 42
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes], *, title: str = DEFAULT_TITLE) -> None:
    """Write ``graph`` as one self-contained, deterministic HTML page to ``dest``.

    ``dest`` is a path or a binary file object; nothing else is written next to it.
    ``title`` is the page's title, shown as text.
    """
    with open_sink(dest) as out:
        out.writelines(_page_chunks(graph, title))
    log.info("wrote an HTML page of %d nodes and %d edges", graph.number_of_nodes(), graph.number_of_edges())


# --------------------------------------------------------------------------- page


def _page(graph: nx.MultiDiGraph, title: str) -> str:
    return "".join(_page_chunks(graph, title))


def _page_chunks(graph: nx.MultiDiGraph, title: str) -> Iterator[str]:
    """The page in pieces: the template with its placeholders filled, the data one node or edge at a time."""
    vis_dir = _vis_dir()
    vis_js = (vis_dir / "vis-network.min.js").read_text("utf-8")
    vis_css = (vis_dir / "vis-network.css").read_text("utf-8")
    here = importlib.resources.files(__package__)
    viewer_js = here.joinpath("viewer.js").read_text("utf-8")
    template = here.joinpath("viewer.html").read_text("utf-8")
    for name, text, end in (("vis-network.min.js", vis_js, "</script"), ("viewer.js", viewer_js, "</script"),
                            ("vis-network.css", vis_css, "</style")):
        if end in text.lower():
            raise ValueError(f"{name} contains {end!r} and cannot be inlined")
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(viewer_js)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    parts = {
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
        "VIS_CSS": vis_css,
        "VIS_JS": vis_js,
        "DATA": None,  # streamed
        "VIEWER_JS": viewer_js,
    }
    # one pass over the template, so that a placeholder inside inserted text is never substituted
    at = 0
    for m in _PLACEHOLDER.finditer(template):
        yield template[at : m.start()]
        part = parts[m.group(1)]
        if part is None:
            yield from _json_chunks_for_script(_data_parts(graph, title))
        else:
            yield part
        at = m.end()
    yield template[at:]


def _vis_dir() -> Path:
    spec = importlib.util.find_spec("pyvis")  # finds the package without importing it (and IPython)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed; it ships the vis-network files the page inlines")
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _json_chunks_for_script(data: dict[str, Any]) -> Iterator[str]:
    """``_json_for_script(data)`` in pieces, where ``data``'s values may be iterators (written as arrays,
    an item at a time) or :class:`_Members` (written as objects, a member at a time)."""
    for n, key in enumerate(sorted(data)):
        yield ("{" if n == 0 else ",") + _json_for_script(key) + ":"
        value = data[key]
        if isinstance(value, _Members):
            first = True
            for k, v in value.items():
                yield ("{" if first else ",") + _json_for_script(k) + ":" + _json_for_script(v)
                first = False
            yield "{}" if first else "}"
        elif isinstance(value, Iterator):
            first = True
            for item in value:
                yield ("[" if first else ",") + _json_for_script(item)
                first = False
            yield "[]" if first else "]"
        else:
            yield _json_for_script(value)
    yield "}" if data else "{}"


class _Members:
    """A mapping written as a JSON object one member at a time: ``_plain(mapping)``, in key order."""

    def __init__(self, mapping: dict[Any, Any]) -> None:
        self._mapping = mapping

    def items(self) -> Iterator[tuple[str, Any]]:
        keys = {str(k): k for k in self._mapping}  # as _plain has them: the last of equal strings wins
        for k in sorted(keys):
            yield k, _plain(self._mapping[keys[k]])


# --------------------------------------------------------------------------- data


def _data(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """What the page embeds: articles, styles, nodes and edges with positions and filter keys."""
    data = _data_parts(graph, title)
    data["articles"] = dict(data["articles"].items())
    data["nodes"] = list(data["nodes"])
    data["edges"] = list(data["edges"])
    return data


def _data_parts(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """:func:`_data` with its articles as :class:`_Members` and its nodes and edges as iterators, made
    one at a time as they are written (the layout and the filter keys are computed first)."""
    large = graph.number_of_nodes() > LARGE_GRAPH
    articles = graph.graph.get("articles", {})
    year = {str(a): int(m.group(1)) for a, info in articles.items()
            if (m := re.match(r"(\d{4})-", str((info or {}).get("date") or "")))}
    pos = _layout(graph)

    def nodes() -> Iterator[dict[str, Any]]:
        for n in sorted(graph.nodes, key=str):
            attrs = graph.nodes[n]
            sources = list(attrs.get("articles") or []) + [ev.get("article") for ev in attrs.get("evidence") or []]
            at = pos[n]
            yield {
                "id": str(n),
                "x": at.real,
                "y": at.imag,
                "data": _plain(dict(attrs)),
                "years": sorted({year[str(a)] for a in sources if str(a) in year}),
                "campaigns": sorted(_node_campaigns(graph, n)),
            }

    def edges() -> Iterator[dict[str, Any]]:
        for i, (u, v, key, attrs, rank) in enumerate(_ranked_edges(graph)):
            relation = attrs.get("relation")
            yield {
                "id": f"e{i}",
                "from": str(u),
                "to": str(v),
                "key": str(key),
                "relation": relation,
                "data": _plain({k: val for k, val in attrs.items() if k != "relation"}),
                "years": sorted({year[str(ev.get("article"))] for ev in attrs.get("evidence") or []
                                 if str(ev.get("article")) in year}),
                "campaigns": (sorted(_edge_campaigns(graph, u, v, attrs)) if relation in _CAMPAIGN_RELATIONS
                              else None),
                "curve": rank,
            }

    return {
        "title": title,
        "large": large,
        "focus": _best_connected(graph) if large else None,
        "budget": FOCUS_BUDGET if large else None,
        "articles": _Members(articles),
        "styles": _styles(graph, solid=large),
        "nodes": nodes(),
        "edges": edges(),
    }


def _best_connected(graph: nx.MultiDiGraph) -> str | None:
    """The node with the most help relations (then the most edges); the first by id among equals."""
    if not graph:
        return None

    def rank(n: Any) -> tuple[int, int, str]:
        # a loop counts twice, in both counts, as it has an end at each side
        help_ = sum(1 for *_, r in graph.out_edges(n, data="relation") if r in ("helped", "plannedHelp"))
        help_ += sum(1 for *_, r in graph.in_edges(n, data="relation") if r in ("helped", "plannedHelp"))
        return -help_, -graph.degree(n), str(n)

    return str(min(graph.nodes, key=rank))


def _styles(graph: nx.MultiDiGraph, *, solid: bool) -> dict[str, Any]:
    """The style of each node type and relation in ``graph``, known ones in legend order."""
    types = {str(t) for _, t in graph.nodes(data="type") if t is not None}  # the viewer draws None as other
    relations = {str(r) for *_, r in graph.edges(data="relation") if r is not None}
    node_styles = []
    for kind in [t for t in NODE_STYLES if t in types] + sorted(types - set(NODE_STYLES)):
        shape, colour, font = NODE_STYLES.get(kind, _OTHER_NODE)
        node_styles.append({"name": kind, "shape": shape, "color": colour, "font": font,
                            "size": 10 if kind == "Measurement" else 14})
    edge_styles = []
    for relation in [r for r in EDGE_STYLES if r in relations] + sorted(relations - set(EDGE_STYLES)):
        colour, width, arrow, dashes = EDGE_STYLES.get(relation, _OTHER_EDGE)
        edge_styles.append({"name": relation, "color": colour, "width": width, "arrow": arrow,
                            "dashes": False if solid else dashes})
    return {"nodes": node_styles, "edges": edge_styles}


def _node_campaigns(graph: nx.MultiDiGraph, n: Any) -> set[str]:
    """The campaigns node ``n`` is in: its own, those of its help and mutual aid, those it joined."""
    attrs = graph.nodes[n]
    found: set[str] = set()
    if attrs.get("type") == "Campaign":
        found.add(str(n))
    elif attrs.get("campaign"):
        found.add(str(attrs["campaign"]))
    for edges in (graph.out_edges(n, data=True), graph.in_edges(n, data=True)):
        for u, v, attrs in edges:
            if attrs.get("relation") in _CAMPAIGN_RELATIONS:
                found |= _edge_campaigns(graph, u, v, attrs)
    return found


def _edge_campaigns(graph: nx.MultiDiGraph, u: Any, v: Any, attrs: dict[str, Any]) -> set[str]:
    relation = attrs.get("relation")
    if relation == "participatesIn":
        return {str(v)}
    campaign = graph.nodes[u].get("campaign") if relation == "participant" else attrs.get("campaign")
    return {str(campaign)} if campaign else set()


def _sorted_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """Edges by source, target and key; helped edges last, so that they are drawn on top.

    Made a source at a time (the sources whose ids read the same together), in the order a stable
    sort of all edges would give, without a list of all edges."""
    sources = sorted(graph.nodes, key=str)
    for helped in (False, True):
        at = 0
        while at < len(sources):
            name = str(sources[at])
            end = at + 1
            while end < len(sources) and str(sources[end]) == name:
                end += 1
            edges = [(u, v, key, attrs) for u in sources[at:end] for v, keyed in graph.succ[u].items()
                     for key, attrs in keyed.items() if (attrs.get("relation") == "helped") is helped]
            edges.sort(key=lambda e: (str(e[1]), str(e[2])))
            yield from edges
            at = end


def _ranked_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict[str, Any], int]]:
    """:func:`_sorted_edges`, each with its rank: how many edges between its two ends, either way,
    come before it (the viewer curves parallel edges apart by it).

    The rank is counted from the graph as each edge comes, not remembered per pair of nodes:
    those before an edge u -> v are the u -> v of its own kind (helped or not) already given,
    the v -> u of its kind when v's edges come first (v's id sorts before u's), and, for a
    helped edge, every edge between u and v that is not helped. Where two nodes have ids that
    read alike, pairs are counted by their ids' text, as they are written.
    """
    sources = sorted(graph.nodes, key=str)
    if any(str(a) == str(b) for a, b in zip(sources, sources[1:])):
        parallel: dict[tuple[str, str], int] = {}
        for u, v, key, attrs in _sorted_edges(graph):
            pair = (min(str(u), str(v)), max(str(u), str(v)))
            rank = parallel.get(pair, 0)
            parallel[pair] = rank + 1
            yield u, v, key, attrs, rank
        return
    del sources
    succ = graph.succ

    def count(a: Any, b: Any, helped: bool) -> int:  # the edges a -> b of one kind
        return sum(1 for d in succ[a].get(b, {}).values() if (d.get("relation") == "helped") is helped)

    group: tuple[Any, bool] | None = None
    given: dict[Any, int] = {}  # target -> edges to it already given, for one source and kind
    for u, v, key, attrs in _sorted_edges(graph):
        helped = attrs.get("relation") == "helped"
        if group is None or group[1] is not helped or group[0] != u:
            group, given = (u, helped), {}
        rank = given.get(v, 0)
        given[v] = rank + 1
        if helped:
            rank += count(u, v, False) + (count(v, u, False) if v != u else 0)
        if v != u and str(v) < str(u):
            rank += count(v, u, helped)
        yield u, v, key, attrs, rank


def _plain(value: Any) -> Any:
    """``value`` as JSON values only (tuples to lists, anything unknown to its string)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return str(value)


# --------------------------------------------------------------------------- layout


def _layout(graph: nx.MultiDiGraph) -> dict[Any, complex]:
    """Each connected component laid out on its own, the components packed in rows, in pixels
    (x + yj: a complex number is half the memory of a pair of floats)."""
    adj = _Neighbours(graph)  # the graph as a simple undirected one, without a copy
    components = sorted(
        (sorted(c, key=str) for c in nx.weakly_connected_components(graph)),
        key=lambda c: (-len(c), str(c[0])),
    )
    placed = []
    for nodes in components:
        local, radius = _component_layout(adj, nodes)
        margin = max(_half_width(graph.nodes[n]) for n in nodes)
        placed.append((local, radius + margin, radius + 24.0))
    del components
    # rows about _ASPECT times wider than the whole is tall
    area = sum((2 * w + _GAP) * (2 * h + _GAP) for _, w, h in placed)
    row_width = max([math.sqrt(area * _ASPECT)] + [2 * w for _, w, _ in placed])
    pos: dict[Any, complex] = {}
    x = y = row_height = 0.0
    for i, (local, half_w, half_h) in enumerate(placed):
        placed[i] = None  # each component's own positions go as its pixels come
        if x > 0 and x + 2 * half_w > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for n, p in local.items():
            pos[n] = complex(_pixel(x + half_w + p.real), _pixel(y + half_h + p.imag))
        x += 2 * half_w + _GAP
        row_height = max(row_height, 2 * half_h)
    return pos


class _Neighbours:
    """``adj[n]``: the nodes joined to ``n`` by an edge either way, ``n`` itself left out: the
    adjacency of the graph as a simple undirected one, made node by node as it is asked for."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._succ = graph.succ
        self._pred = graph.pred

    def __getitem__(self, n: Any) -> set[Any]:
        out = set(self._succ[n])
        out.update(self._pred[n])
        out.discard(n)
        return out


def _component_layout(adj: _Neighbours, nodes: list[Any]) -> tuple[dict[Any, complex], float]:
    """Positions around (0, 0) and the radius they fill."""
    if len(nodes) == 1:
        return {nodes[0]: 0j}, 0.0
    if len(nodes) > _SPRING_MAX:
        return _rings(adj, nodes)
    radius = _NODE_SPACING * math.sqrt(len(nodes))
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted({tuple(sorted((u, v), key=str)) for u in nodes for v in adj[u]}, key=str))
    pos = nx.spring_layout(sub, seed=_SEED, scale=radius)
    return {n: complex(float(p[0]), float(p[1])) for n, p in pos.items()}, radius


def _rings(adj: _Neighbours, nodes: list[Any]) -> tuple[dict[Any, complex], float]:
    """Breadth-first rings around the best-connected node, in linear time.

    Each ring holds the nodes at one distance from the centre, in the depth-first order
    of the breadth-first tree, so that a node's children sit roughly beyond it.
    """
    root = min(nodes, key=lambda n: (-len(adj[n]), str(n)))
    depth = {root: 0}
    children: dict[Any, list[Any]] = {}  # (none for a leaf: most nodes are)
    queue = deque([root])
    while queue:
        u = queue.popleft()
        for v in sorted(adj[u], key=str):
            if v not in depth:
                depth[v] = depth[u] + 1
                children.setdefault(u, []).append(v)
                queue.append(v)
    rings: list[list[Any]] = []
    stack = [root]
    while stack:
        u = stack.pop()
        if depth[u] == len(rings):
            rings.append([])
        rings[depth[u]].append(u)
        stack.extend(reversed(children.get(u, ())))
    del children
    pos = {root: 0j}
    radius = 0.0
    for ring in rings[1:]:
        radius = max(radius + _RING_SPACING, len(ring) * _RING_SPACING / (2 * math.pi))
        for k, n in enumerate(ring):
            angle = 2 * math.pi * (k + 0.5) / len(ring)
            pos[n] = complex(radius * math.cos(angle), radius * math.sin(angle))
    return pos, radius


def _half_width(attrs: dict[str, Any]) -> float:
    """About half the width of a node's label in pixels (a Chinese character is twice a Latin one)."""
    text = [str(attrs.get("label") or ""), str(attrs.get("label_zh") or "")]
    widest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text)
    return min(4.0 * widest + 12.0, 200.0)


def _pixel(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0

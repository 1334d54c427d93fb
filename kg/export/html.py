"""The graph as one self-contained HTML page to click through: who helped whom.

The page makes no network request: vis-network's JavaScript and CSS (shipped
inside the pyvis package) are inlined, and a Content-Security-Policy allows
only the page's own two scripts, by hash. The graph travels as JSON in a
``<script type="application/json" id="kg-data">`` block with ``<``, ``>`` and
``&`` escaped, and the viewer (``viewer.js`` next to this module) builds every
piece of text with ``textContent``, so article text is never read as HTML.

Positions are computed here with a seeded spring layout and the page turns
physics off, so the same graph always gives the same picture and the same
bytes.
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
from pathlib import Path
from typing import IO, Any

import networkx as nx

__all__ = ["write_html", "DEFAULT_TITLE", "NODE_STYLES", "EDGE_STYLES"]

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
    "plannedHelp": ("#ff9896", 1.5, True, [8, 4]),
    "participatesIn": ("#59a14f", 1.5, True, False),
    "participant": ("#b07aa1", 1.5, False, False),
    "subject": ("#76b7b2", 1.0, True, [4, 4]),
    "partOf": ("#8c8c8c", 1.0, True, True),
    "locatedIn": ("#b5b5b5", 1.0, True, [2, 5]),
}
_OTHER_EDGE = ("#8c8c8c", 1.0, True, False)

_GLYPHS = {"box": "\u25a0", "ellipse": "\u2b2e", "dot": "\u25cf", "triangle": "\u25b2",
           "star": "\u2605", "hexagon": "\u2b22", "square": "\u25fc", "diamond": "\u25c6"}

# node field -> (direction seen from the node, relation): the neighbours the side panel lists
_LINKS: tuple[tuple[str, str, str], ...] = (
    ("helpers", "in", "helped"),
    ("recipients", "out", "helped"),
    ("part_of", "out", "partOf"),
    ("parts", "in", "partOf"),
    ("located_in", "out", "locatedIn"),
    ("contains", "in", "locatedIn"),
    ("campaigns", "out", "participatesIn"),
    ("participants", "in", "participatesIn"),
    ("participants", "out", "participant"),
    ("mutual_aid", "in", "participant"),
    ("measurements", "in", "subject"),
    ("subject", "out", "subject"),
)

_NODE_SPACING = 80.0  # pixels; a component of n nodes gets a disc of radius spacing * sqrt(n)
_GAP = 100.0  # pixels between components
_ROW_WIDTH = 1600.0
_SEED = 42
_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write_html(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes], *, title: str = DEFAULT_TITLE) -> None:
    """Write ``graph`` as one self-contained, deterministic HTML page to ``dest``.

    ``dest`` is a path or a binary file object; nothing else is written next to it.
    ``title`` is the page's title, shown as text.
    """
    page = _page(graph, title).encode("utf-8")
    if isinstance(dest, (str, Path)):
        Path(dest).write_bytes(page)
    else:
        dest.write(page)
    log.info("wrote an HTML page of %d nodes and %d edges", graph.number_of_nodes(), graph.number_of_edges())


# --------------------------------------------------------------------------- page


def _page(graph: nx.MultiDiGraph, title: str) -> str:
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
        "LEGEND": _legend(),
        "DATA": _json_for_script(_data(graph, title)),
        "VIEWER_JS": viewer_js,
    }
    # one pass, so that a placeholder inside inserted text is never substituted
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template)


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
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _legend() -> str:
    items = []
    for kind, (shape, colour, _) in NODE_STYLES.items():
        items.append(f'<li><span class="kg-glyph" style="color:{colour}">{_GLYPHS[shape]}</span>{kind}</li>')
    for relation, (colour, width, arrow, dashes) in EDGE_STYLES.items():
        dash = "" if dashes is False else ' stroke-dasharray="{}"'.format(
            "5 5" if dashes is True else " ".join(map(str, dashes)))
        head = f'<path d="M30 1 L38 6 L30 11 Z" fill="{colour}"/>' if arrow else ""
        items.append(
            f'<li><svg class="kg-line" width="40" height="12" aria-hidden="true">'
            f'<line x1="0" y1="6" x2="{32 if arrow else 40}" y2="6" stroke="{colour}" stroke-width="{width}"{dash}/>'
            f"{head}</svg>{relation}</li>"
        )
    return "\n".join(items)


# --------------------------------------------------------------------------- data


def _data(graph: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    """What the page embeds: articles, nodes and edges, with vis options and positions."""
    pos = _layout(graph)
    nodes = []
    for n in sorted(graph.nodes, key=str):
        attrs = dict(graph.nodes[n])
        nodes.append({
            "id": str(n),
            "x": pos[n][0],
            "y": pos[n][1],
            "data": _plain(attrs),
            "links": _links(graph, n),
            "vis": _node_vis(attrs, str(n)),
        })
    edges = []
    parallel: dict[tuple[str, str], int] = {}
    for i, (u, v, key, attrs) in enumerate(_sorted_edges(graph)):
        pair = (min(str(u), str(v)), max(str(u), str(v)))
        rank = parallel.get(pair, 0)
        parallel[pair] = rank + 1
        edges.append({
            "id": f"e{i}",
            "from": str(u),
            "to": str(v),
            "key": str(key),
            "relation": attrs.get("relation"),
            "data": _plain({k: val for k, val in attrs.items() if k != "relation"}),
            "vis": _edge_vis(attrs, rank, graph.nodes[u].get("label", u), graph.nodes[v].get("label", v)),
        })
    return {
        "title": title,
        "articles": _plain(graph.graph.get("articles", {})),
        "nodes": nodes,
        "edges": edges,
    }


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    """Edges by source, target and key; helped edges last, so that they are drawn on top."""
    edges = graph.edges(keys=True, data=True)
    return sorted(edges, key=lambda e: (e[3].get("relation") == "helped", str(e[0]), str(e[1]), str(e[2])))


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


def _links(graph: nx.MultiDiGraph, n: Any) -> dict[str, list[str]]:
    links: dict[str, set[str]] = {}
    for field, direction, relation in _LINKS:
        if direction == "in":
            found = {str(u) for u, _, r in graph.in_edges(n, data="relation") if r == relation}
        else:
            found = {str(v) for _, v, r in graph.out_edges(n, data="relation") if r == relation}
        if found:
            links.setdefault(field, set()).update(found)
    return {field: sorted(ids) for field, ids in sorted(links.items())}


def _node_vis(attrs: dict[str, Any], node_id: str) -> dict[str, Any]:
    kind = str(attrs.get("type"))
    shape, colour, font = NODE_STYLES.get(kind, _OTHER_NODE)
    label = str(attrs.get("label") or node_id)
    if attrs.get("label_zh"):
        label += "\n" + str(attrs["label_zh"])
    vis: dict[str, Any] = {
        "label": label,
        "title": f"{kind}: {attrs.get('label') or node_id}",
        "shape": shape,
        "color": {"background": colour, "border": colour,
                  "highlight": {"background": colour, "border": "#000000"},
                  "hover": {"background": colour, "border": "#000000"}},
        "font": {"color": font},
    }
    if shape not in ("box", "ellipse"):
        vis["size"] = 10 if kind == "Measurement" else 14
    return vis


def _edge_vis(attrs: dict[str, Any], rank: int, source: Any, target: Any) -> dict[str, Any]:
    relation = str(attrs.get("relation"))
    colour, width, arrow, dashes = EDGE_STYLES.get(relation, _OTHER_EDGE)
    title = f"{source} {relation} {target}"
    if relation == "helped" and attrs.get("forms"):
        title += " (" + ", ".join(map(str, attrs["forms"])) + ")"
    vis: dict[str, Any] = {
        "title": title,
        "color": {"color": colour, "highlight": colour, "hover": colour},
        "width": width,
        "dashes": dashes,
        "arrows": {"to": {"enabled": arrow, "scaleFactor": 1.0 if relation == "helped" else 0.5}},
    }
    if rank:  # parallel edges curve apart; the first one stays straight
        vis["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * rank, 2)}
    return vis


# --------------------------------------------------------------------------- layout


def _layout(graph: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    """Seeded spring layout of each connected component, the components packed in rows, in pixels."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    simple.add_edges_from(sorted({tuple(sorted((u, v), key=str)) for u, v in graph.edges() if u != v}, key=str))
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    pos: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes in components:
        radius = _NODE_SPACING * math.sqrt(len(nodes)) if len(nodes) > 1 else 0.0
        if x > 0 and x + 2 * radius > _ROW_WIDTH:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for n, (px, py) in _component_layout(simple, nodes, radius).items():
            pos[n] = (_pixel(x + radius + px), _pixel(y + radius + py))
        x += 2 * radius + _GAP
        row_height = max(row_height, 2 * radius)
    return pos


def _component_layout(simple: nx.Graph, nodes: list[Any], radius: float) -> dict[Any, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    sub = nx.Graph()
    sub.add_nodes_from(nodes)
    sub.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in simple.subgraph(nodes).edges()), key=str))
    try:
        pos = nx.spring_layout(sub, seed=_SEED, scale=radius)
    except ImportError:  # 500 nodes and more need scipy's sparse matrices
        log.warning("scipy is not installed: a component of %d nodes is laid out on a circle", len(nodes))
        pos = nx.circular_layout(sub, scale=radius)
    return {n: (float(p[0]), float(p[1])) for n, p in pos.items()}


def _pixel(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0

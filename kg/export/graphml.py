"""The graph as GraphML, for Gephi and yEd.

GraphML attributes are scalars: lists (labels, forms, articles) are joined
with ``"; "``, evidence becomes its sentence text, and missing values are left out.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

import networkx as nx

__all__ = ["to_graphml_graph", "write_graphml", "read_graphml"]


def _scalar(key: str, value: Any) -> Any:
    if key == "evidence":
        return " | ".join(ev["text"] for ev in value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose attributes GraphML can hold."""
    out = nx.MultiDiGraph()
    for n, d in graph.nodes(data=True):
        out.add_node(n, **{k: _scalar(k, v) for k, v in d.items() if v is not None and v != []})
    for u, v, k, d in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: _scalar(a, x) for a, x in d.items() if x is not None and x != []})
    return out


def write_graphml(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes]) -> None:
    """Write GraphML (UTF-8) to a path or a binary file object."""
    target = os.fspath(dest) if isinstance(dest, (str, os.PathLike)) else dest
    nx.write_graphml(to_graphml_graph(graph), target, encoding="utf-8", prettyprint=True)


def read_graphml(source: str | Path | IO[bytes]) -> nx.MultiDiGraph:
    return nx.read_graphml(source, force_multigraph=True)

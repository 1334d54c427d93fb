"""The graph as GraphML, for Gephi and yEd.

GraphML attributes are scalars: lists (labels, forms, articles) are joined
with ``"; "``, evidence becomes its sentence text, and missing values are left out.

The file is written one node or edge at a time, with the bytes NetworkX's
``write_graphml`` (its ElementTree writer) gives for :func:`to_graphml_graph`'s
copy, but without the copy or the whole XML tree in memory: a first pass over
the graph finds the ``<key>`` declarations, which come before the nodes.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import Element, ElementTree, tostring

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter
from networkx.utils import open_file

__all__ = ["to_graphml_graph", "write_graphml", "read_graphml"]

_ENCODING = "utf-8"
_SPLIT = "kg-graphml-split"  # the id of a stand-in node in the document's skeleton
_FLUSH = 1 << 16  # characters gathered before they are encoded and written


def _scalar(key: str, value: Any) -> Any:
    if key == "evidence":
        return " | ".join(ev["text"] for ev in value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value


def _scalar_type(key: str, value: Any) -> type:
    """``type(_scalar(key, value))``, without joining any text."""
    return str if key == "evidence" or isinstance(value, (list, tuple)) else type(value)


def _kept(value: Any) -> bool:
    return value is not None and value != []


def to_graphml_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` whose attributes GraphML can hold."""
    out = nx.MultiDiGraph()
    for n, d in graph.nodes(data=True):
        out.add_node(n, **{k: _scalar(k, v) for k, v in d.items() if _kept(v)})
    for u, v, k, d in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: _scalar(a, x) for a, x in d.items() if _kept(x)})
    return out


def _writer(graph: nx.MultiDiGraph) -> GraphMLWriter:
    """A NetworkX GraphML writer holding the ``<key>`` elements of ``graph``'s copy, declared in the
    order NetworkX meets them (nodes, then edges; each inserted first, so the last comes first)."""
    writer = GraphMLWriter(encoding=_ENCODING, prettyprint=True)
    for scope, items in (("node", graph.nodes(data=True)), ("edge", graph.edges(data=True))):
        for *_, d in items:
            for k, v in d.items():
                if _kept(v):
                    kind = _scalar_type(k, v)
                    if kind not in writer.xml_type:
                        raise nx.NetworkXError(f"GraphML writer does not support {kind} as data values.")
                    writer.get_key(str(k), writer.get_xml_type(kind), scope, None)
    return writer


def _skeleton(writer: GraphMLWriter, directed: bool, empty: bool) -> tuple[bytes, bytes]:
    """The document's bytes before its first node and after its last element, from a document that
    holds the keys and one stand-in node."""
    graph = Element("graph", edgedefault="directed" if directed else "undirected")
    if not empty:
        graph.append(Element("node", id=_SPLIT))
    writer.xml.append(graph)
    writer.indent(writer.xml)
    buf = io.BytesIO()
    ElementTree(writer.xml).write(buf, encoding=_ENCODING, xml_declaration=True)
    text = buf.getvalue()
    if empty:
        return text, b""
    head, _, tail = text.partition(f'<node id="{_SPLIT}" />'.encode(_ENCODING))
    return head, tail


def _element(writer: GraphMLWriter, tag: str, attrib: dict[str, str], scope: str, data: dict[Any, Any]) -> str:
    """One ``<node>`` or ``<edge>`` with its ``<data>``, indented as the third level of the document
    and without the line break that follows it."""
    elem = Element(tag, attrib)
    for k, v in data.items():
        if _kept(v):
            v = _scalar(k, v)
            elem.append(writer.add_data(str(k), type(v), str(v), scope, None))
    writer.indent(elem, 2)
    elem.tail = None
    return tostring(elem, encoding="unicode")


def _elements(writer: GraphMLWriter, graph: nx.MultiDiGraph) -> Iterator[str]:
    for n, d in graph.nodes(data=True):
        yield _element(writer, "node", {"id": str(n)}, "node", d)
    for u, v, k, d in graph.edges(keys=True, data=True):
        yield _element(writer, "edge", {"source": str(u), "target": str(v), "id": str(k)}, "edge", d)


@open_file(1, mode="wb")
def _write(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    if not graph.is_multigraph():
        raise nx.NetworkXError("write_graphml writes the MultiDiGraph of kg.graph")
    writer = _writer(graph)
    head, tail = _skeleton(writer, graph.is_directed(), graph.number_of_nodes() == 0)
    out.write(head)
    parts: list[str] = []
    size = 0
    between = "\n    "  # what the pretty printer puts between two elements of the third level
    for n, text in enumerate(_elements(writer, graph)):
        parts.append(between + text if n else text)
        size += len(text)
        if size >= _FLUSH:
            # the ElementTree writer's text wrapper: what UTF-8 cannot hold becomes a character reference
            out.write("".join(parts).encode(_ENCODING, "xmlcharrefreplace"))
            parts, size = [], 0
    out.write("".join(parts).encode(_ENCODING, "xmlcharrefreplace"))
    out.write(tail)


def write_graphml(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes]) -> None:
    """Write GraphML (UTF-8) to a path or a binary file object."""
    _write(graph, os.fspath(dest) if isinstance(dest, (str, os.PathLike)) else dest)


def read_graphml(source: str | Path | IO[bytes]) -> nx.MultiDiGraph:
    return nx.read_graphml(source, force_multigraph=True)

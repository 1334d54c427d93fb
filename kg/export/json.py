"""JSON export: the graph of :mod:`kg.graph` as NetworkX node-link JSON.

The file is UTF-8, with sorted keys and ``indent=1``; nodes and links keep the
graph's (sorted) insertion order, so the same graph always gives the same
bytes. :func:`read_json` gives back an equal ``MultiDiGraph``.

The file is written piece by piece, one node, link or article at a time, with
the bytes that ``json.dumps(nx.node_link_data(graph), sort_keys=True, indent=1,
ensure_ascii=False)`` would give: memory stays that of the graph, whatever its size.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx

__all__ = ["write_json", "read_json"]

logger = logging.getLogger(__name__)

_LINKS = "links"
_FLUSH = 1 << 16  # characters gathered before they are encoded and written


class _Sink:
    """Text written in pieces to a binary file, encoded in blocks of about :data:`_FLUSH` characters."""

    def __init__(self, out: IO[bytes], errors: str = "strict") -> None:
        self._out = out
        self._errors = errors
        self._parts: list[str] = []
        self._size = 0

    def write(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= _FLUSH:
            self.flush()

    def writelines(self, texts: Iterable[str]) -> None:
        for text in texts:
            self.write(text)

    def flush(self) -> None:
        if self._parts:
            self._out.write("".join(self._parts).encode("utf-8", self._errors))
            self._parts = []
            self._size = 0


@contextlib.contextmanager
def open_sink(dest: str | Path | IO[bytes], errors: str = "strict") -> Iterator[_Sink]:
    """A :class:`_Sink` onto ``dest``, a path (opened, then closed) or a binary file object (left open)."""
    if isinstance(dest, (str, os.PathLike)):
        with open(dest, "wb") as f:
            sink = _Sink(f, errors)
            yield sink
            sink.flush()
    else:
        sink = _Sink(dest, errors)
        yield sink
        sink.flush()


def _dumps(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., sort_keys=True, indent=1)`` writes it ``level`` deep in a document."""
    text = json.dumps(value, sort_keys=True, indent=1, ensure_ascii=False)
    # JSON strings hold no raw line break, so every one is the indentation's
    return text.replace("\n", "\n" + " " * level) if level else text


def _array(items: Iterable[Any], level: int) -> Iterator[str]:
    """A JSON array of ``items`` (any iterable), each written whole, ``level`` deep."""
    inner = "\n" + " " * (level + 1)
    first = True
    for item in items:
        yield ("[" if first else ",") + inner + _dumps(item, level + 1)
        first = False
    yield "[]" if first else "\n" + " " * level + "]"


def _object(value: dict[Any, Any], level: int, depth: int) -> Iterator[str]:
    """A JSON object, its members written one at a time ``depth`` levels down, then whole."""
    if depth <= 0 or not value or not all(isinstance(k, str) for k in value):
        yield _dumps(value, level)  # (json converts other keys; it does so alike whole)
        return
    inner = "\n" + " " * (level + 1)
    first = True
    for key in sorted(value):
        yield ("{" if first else ",") + inner + json.dumps(key, ensure_ascii=False) + ": "
        member = value[key]
        if isinstance(member, dict):
            yield from _object(member, level + 1, depth - 1)
        else:
            yield _dumps(member, level + 1)
        first = False
    yield "\n" + " " * level + "}"


def json_chunks(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The node-link JSON of ``graph`` (with its final line break), in pieces."""
    multigraph = graph.is_multigraph()
    if multigraph:
        links = ({**d, "source": u, "target": v, "key": k} for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        links = ({**d, "source": u, "target": v} for u, v, d in graph.edges(data=True))
    nodes = ({**graph.nodes[n], "id": n} for n in graph)
    # the keys of node_link_data, in sorted order
    yield '{\n "directed": ' + json.dumps(graph.is_directed()) + ',\n "graph": '
    yield from _object(graph.graph, 1, 2)  # graph.graph["articles"] one article at a time
    yield ",\n " + json.dumps(_LINKS) + ": "
    yield from _array(links, 1)
    yield ',\n "multigraph": ' + json.dumps(multigraph) + ',\n "nodes": '
    yield from _array(nodes, 1)
    yield "\n}\n"


def write_json(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes]) -> None:
    """Write ``graph`` as node-link JSON to a path or a binary file object."""
    with open_sink(dest) as out:
        out.writelines(json_chunks(graph))
    logger.info(
        "wrote %d nodes and %d links as JSON", graph.number_of_nodes(), graph.number_of_edges()
    )


def read_json(source: str | Path | IO[bytes]) -> nx.MultiDiGraph:
    """Read node-link JSON written by :func:`write_json` back into a ``MultiDiGraph``."""
    if isinstance(source, (str, os.PathLike)):
        raw = Path(source).read_bytes()
    else:
        raw = source.read()
    data = json.loads(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, edges=_LINKS)
    except TypeError:  # networkx < 3.4 names the argument ``link``
        return nx.node_link_graph(data, directed=True, multigraph=True, link=_LINKS)

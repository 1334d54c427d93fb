"""JSON export: the graph of :mod:`kg.graph` as NetworkX node-link JSON.

The file is UTF-8, with sorted keys and ``indent=1``; nodes and links keep the
graph's (sorted) insertion order, so the same graph always gives the same
bytes. :func:`read_json` gives back an equal ``MultiDiGraph``.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO

import networkx as nx

__all__ = ["write_json", "read_json"]

logger = logging.getLogger(__name__)

_LINKS = "links"


def write_json(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes]) -> None:
    """Write ``graph`` as node-link JSON to a path or a binary file object."""
    try:
        data = nx.node_link_data(graph, edges=_LINKS)
    except TypeError:  # networkx < 3.4 names the argument ``link``
        data = nx.node_link_data(graph, link=_LINKS)
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    payload = text.encode("utf-8")
    if isinstance(dest, (str, os.PathLike)):
        Path(dest).write_bytes(payload)
    else:
        dest.write(payload)
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

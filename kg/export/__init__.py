"""Exporters, in a small registry keyed by format name and imported lazily.

Every writer has the signature ``write(graph, dest, **options)`` where
``graph`` is the MultiDiGraph of :mod:`kg.graph` and ``dest`` a path or a
binary file object.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import IO, Any, Callable

import networkx as nx

from kg.errors import UnknownFormatError

__all__ = ["FORMATS", "get_writer", "export"]

# format name -> ("module:function", default file name)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("kg.export.turtle:write_turtle", "graph.ttl"),
    "json": ("kg.export.json:write_json", "graph.json"),
    "html": ("kg.export.html:write_html", "graph.html"),
    "jsonld": ("kg.export.jsonld:write_jsonld", "graph.jsonld"),
    "graphml": ("kg.export.graphml:write_graphml", "graph.graphml"),
}


def get_writer(name: str) -> Callable[..., None]:
    """The writer registered for ``name``; raises :class:`UnknownFormatError` for others."""
    try:
        target, _ = FORMATS[name]
    except KeyError:
        raise UnknownFormatError(name, list(FORMATS)) from None
    module, func = target.split(":")
    return getattr(importlib.import_module(module), func)


def export(graph: nx.MultiDiGraph, name: str, dest: str | Path | IO[bytes], **options: Any) -> None:
    """Write ``graph`` in format ``name`` to ``dest``."""
    get_writer(name)(graph, dest, **options)

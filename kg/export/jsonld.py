"""The graph as JSON-LD: the same triples as the Turtle, compacted with kg's published context.

The context is ``schemas/context.jsonld`` (published at :data:`CONTEXT_URL`); it
is also embedded in every file, so the file needs no network to be read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox

from kg.export.turtle import PREFIXES, to_triples
from kg.namespace import DEFAULT_BASE

__all__ = ["CONTEXT", "CONTEXT_URL", "write_jsonld", "read_jsonld"]

CONTEXT_URL = "https://w3id.org/emulation-kg/context.jsonld"
CONTEXT: dict[str, Any] = {
    **{prefix: iri for prefix, iri in sorted(PREFIXES.items())},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# longest namespace first, so that a term is compacted with the most specific prefix
_PREFIXES = sorted(((iri, p) for p, iri in CONTEXT.items()), key=lambda x: -len(x[0]))


def _compact(iri: str) -> str:
    for ns, prefix in _PREFIXES:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _object(o: ox.NamedNode | ox.Literal) -> dict[str, str]:
    if isinstance(o, ox.NamedNode):
        return {"@id": _compact(o.value)}
    out = {"@value": o.value}
    if o.language:
        out["@language"] = o.language
    elif o.datatype.value != _XSD_STRING:
        out["@type"] = _compact(o.datatype.value)
    return out


def to_jsonld(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The JSON-LD document: ``{"@context": ..., "@graph": [one object per subject]}``."""
    nodes: dict[str, dict[str, Any]] = {}
    for t in to_triples(graph, base=base):  # sorted by subject, rdf:type first
        node = nodes.setdefault(t.subject.value, {"@id": t.subject.value})
        if t.predicate.value == _RDF_TYPE:
            node.setdefault("@type", []).append(_compact(t.object.value))
        else:
            node.setdefault(_compact(t.predicate.value), []).append(_object(t.object))
    return {"@context": CONTEXT, "@graph": list(nodes.values())}


def write_jsonld(graph: nx.MultiDiGraph, dest: str | Path | IO[bytes], *, base: str = DEFAULT_BASE) -> None:
    """Write the JSON-LD document (UTF-8, deterministic) to a path or a binary file object."""
    data = (json.dumps(to_jsonld(graph, base=base), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if isinstance(dest, (str, os.PathLike)):
        Path(dest).write_bytes(data)
    else:
        dest.write(data)


def read_jsonld(source: str | Path | IO[bytes]):
    """Parse a JSON-LD file written here into an rdflib graph (the context is embedded)."""
    import rdflib

    data = Path(source).read_bytes() if isinstance(source, (str, os.PathLike)) else source.read()
    return rdflib.Graph().parse(data=data, format="json-ld")

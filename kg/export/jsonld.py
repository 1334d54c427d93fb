"""The graph as JSON-LD: the same triples as the Turtle, compacted with kg's published context.

The context is ``schemas/context.jsonld`` (published at :data:`CONTEXT_URL`); it
is also embedded in every file, so the file needs no network to be read.

The document is written one subject at a time, from the Turtle's triples as
Oxigraph reads them: from the Turtle file of the same graph when the caller has
one (``kg build`` writes it first), else from the Turtle writer's subject blocks
(:func:`kg.export.turtle.turtle_chunks`) in batches. Each subject's object is written as soon
as it is complete, so that neither the Turtle text nor the triples of the whole
graph are ever held at once.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox

from kg.export.json import open_sink
from kg.export.turtle import PREFIXES, turtle_chunks
from kg.namespace import DEFAULT_BASE

__all__ = ["CONTEXT", "CONTEXT_URL", "read_jsonld", "to_jsonld", "write_jsonld"]

CONTEXT_URL = "https://w3id.org/emulation-kg/context.jsonld"
CONTEXT: dict[str, Any] = {
    **{prefix: iri for prefix, iri in sorted(PREFIXES.items())},
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# longest namespace first, so that a term is compacted with the most specific prefix
_PREFIXES = sorted(((iri, p) for p, iri in CONTEXT.items()), key=lambda x: -len(x[0]))
_HEADER = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
_BATCH = 1 << 20  # characters of Turtle parsed at once


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


def _nodes_of(triples: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """One JSON-LD object per subject of triples in which each subject's come together."""
    node: dict[str, Any] | None = None
    for t in triples:  # in the order written: rdf:type first
        if node is None or node["@id"] != t.subject.value:
            if node is not None:
                yield node
            node = {"@id": t.subject.value}
        if t.predicate.value == _RDF_TYPE:
            node.setdefault("@type", []).append(_compact(t.object.value))
        else:
            node.setdefault(_compact(t.predicate.value), []).append(_object(t.object))
    if node is not None:
        yield node


def _batches(blocks: Iterable[str]) -> Iterator[str]:
    """Turtle blocks joined into pieces of about :data:`_BATCH` characters, each with the prefixes."""
    batch: list[str] = []
    size = 0
    for block in blocks:  # the prefix lines come first: declared twice in the first piece, which is allowed
        batch.append(block)
        size += len(block)
        if size >= _BATCH:
            yield _HEADER + "".join(batch)
            batch, size = [], 0
    if batch:
        yield _HEADER + "".join(batch)


def jsonld_nodes(
    graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, turtle: str | Path | None = None
) -> Iterator[dict[str, Any]]:
    """The objects of the document's ``@graph``, one per subject, in the Turtle's order (by IRI).

    ``turtle`` is the path of the Turtle file of ``graph`` and ``base``
    (:func:`kg.export.turtle.write_turtle`'s), if there is one: its triples are read as they are
    needed instead of being made again.
    """
    if turtle is not None:
        yield from _nodes_of(ox.parse(path=os.fspath(turtle), format=ox.RdfFormat.TURTLE))
        return
    # the prefixes, then one block per subject in IRI order (the graph collected with the
    # cyclic collector off, which is on again before the first block)
    for piece in _batches(turtle_chunks(graph, base=base)):
        yield from _nodes_of(ox.parse(piece, ox.RdfFormat.TURTLE))


def to_jsonld(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """The JSON-LD document: ``{"@context": ..., "@graph": [one object per subject]}``."""
    return {"@context": CONTEXT, "@graph": list(jsonld_nodes(graph, base=base))}


def _dumps(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(..., indent=1)`` writes it ``level`` deep in a document."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)


def jsonld_chunks(
    graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE, turtle: str | Path | None = None
) -> Iterator[str]:
    """The text of :func:`to_jsonld`'s document as ``json.dumps(doc, indent=1)`` gives it, plus a line
    break, in pieces (``turtle``: see :func:`jsonld_nodes`)."""
    yield '{\n "@context": ' + _dumps(CONTEXT, 1) + ',\n "@graph": '
    first = True
    for node in jsonld_nodes(graph, base=base, turtle=turtle):
        yield ("[" if first else ",") + "\n  " + _dumps(node, 2)
        first = False
    yield "[]" if first else "\n ]"
    yield "\n}\n"


def write_jsonld(
    graph: nx.MultiDiGraph,
    dest: str | Path | IO[bytes],
    *,
    base: str = DEFAULT_BASE,
    turtle: str | Path | None = None,
) -> None:
    """Write the JSON-LD document (UTF-8, deterministic) to a path or a binary file object.

    ``turtle``, the path of the Turtle file already written for ``graph`` and ``base``, makes the
    same document from that file's triples (see :func:`jsonld_nodes`).
    """
    # (not without the cyclic collector: each json.dumps with an indent leaves a cycle of closures)
    with open_sink(dest) as out:
        out.writelines(jsonld_chunks(graph, base=base, turtle=turtle))


def read_jsonld(source: str | Path | IO[bytes]):
    """Parse a JSON-LD file written here into an rdflib graph (the context is embedded)."""
    import rdflib

    data = Path(source).read_bytes() if isinstance(source, (str, os.PathLike)) else source.read()
    return rdflib.Graph().parse(data=data, format="json-ld")

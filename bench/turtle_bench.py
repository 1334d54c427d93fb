"""Benchmark: writing Turtle for a large synthetic graph (a script, not a test).

    .venv/bin/python bench/turtle_bench.py [--triples 1000000] [--rdflib-triples 200000]

Prints one line per figure: triples, seconds and triples/s of kg's writer
(the whole way from the NetworkX graph to Turtle bytes), Oxigraph's serializer
alone on the same triples built beforehand, Oxigraph end to end (what a writer
using Oxigraph's serializer would have to do: build the ``pyoxigraph`` triples in
Python from plain strings, NamedNodes cached in a dict, the cyclic garbage
collector off as in kg's writer, then serialize them with kg's prefixes; the two
steps timed apart, then their sum) and, on a smaller graph, rdflib's own Turtle
serializer for comparison.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import time

import networkx as nx

from kg.export.turtle import PREFIXES, to_triples, write_turtle

_TYPES = ("Enterprise", "Organization", "Place", "Campaign")
_FORMS = ("Personnel", "Equipment", "Labour", "TechnicalExperience", "Management")


def synthetic_graph(target_triples: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph in the shape of :mod:`kg.graph`: 4 triples per entity, 8 per help edge (with its
    ``ekg:helped`` shortcut), 5 per article; a little over ``target_triples`` in all."""
    rng = random.Random(seed)
    n_entities = max(10, target_triples // 20)
    n_help = max(1, (target_triples - 4 * n_entities) // 8)
    g = nx.MultiDiGraph()
    g.graph["articles"] = {
        f"a{i:05d}": {"title": f"Article {i}", "title_zh": None, "author": None, "date": "1959-01-01",
                      "page": 1, "source": f"a{i:05d}.txt"}
        for i in range(max(1, n_help // 10))
    }
    articles = sorted(g.graph["articles"])
    for i in range(n_entities):
        g.add_node(f"unit-{i}", type=_TYPES[i % len(_TYPES)], label=f"Unit No. {i} Works", label_zh=None,
                   alt_labels=[f"Unit {i}"], articles=[rng.choice(articles)], role=None)
    for k in range(n_help):
        u, v = rng.randrange(n_entities), rng.randrange(n_entities)
        art = rng.choice(articles)
        text = f"Unit No. {u} Works sent {k % 50 + 2} workers to help Unit No. {v} Works repair its hoists."
        g.add_edge(f"unit-{u}", f"unit-{v}", key=f"{art}-a{k}", relation="helped",
                   forms=rng.sample(_FORMS, 2), campaign=None,
                   evidence=[{"article": art, "text": text, "start": 0, "end": len(text), "lang": "en"}])
    return g


def _time(fn, repeat: int = 1) -> float:
    """Seconds of the fastest of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


# A triple as plain Python strings: subject IRI, predicate IRI, object (an IRI or a literal's
# lexical form), the literal's language tag ("" if none) and its datatype IRI ("" for an IRI object).
_Row = tuple[str, str, str, str, str]


def _plain_rows(triples) -> list[_Row]:
    """The triples as plain strings, what a writer would start from (untimed)."""
    import pyoxigraph as ox

    rows = []
    for t in triples:
        o = t.object
        if isinstance(o, ox.NamedNode):
            rows.append((t.subject.value, t.predicate.value, o.value, "", ""))
        else:
            rows.append((t.subject.value, t.predicate.value, o.value, o.language or "", o.datatype.value))
    return rows


def _ox_triples(rows: list[_Row]) -> list:
    """Oxigraph triples built in Python from plain strings, one NamedNode per IRI (a dict cache)."""
    import pyoxigraph as ox

    nodes: dict[str, ox.NamedNode] = {}

    def node(iri: str) -> ox.NamedNode:
        n = nodes.get(iri)
        if n is None:
            n = nodes[iri] = ox.NamedNode(iri)
        return n

    out = []
    for s, p, o, lang, datatype in rows:
        if lang:
            obj = ox.Literal(o, language=lang)
        elif datatype:
            obj = ox.Literal(o, datatype=node(datatype))
        else:
            obj = node(o)
        out.append(ox.Triple(node(s), node(p), obj))
    return out


def _oxigraph_end_to_end(rows: list[_Row], ours: float) -> None:
    """Print the seconds of building the triples of ``rows`` and of serializing them, and their sum."""
    import pyoxigraph as ox

    n = len(rows)
    gc.disable()  # as kg's writer collects: the triples are objects the cyclic collector would walk
    try:
        build = _time(lambda: _ox_triples(rows), repeat=3)
    finally:
        gc.enable()
    triples = _ox_triples(rows)
    serialize = _time(lambda: ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES), repeat=3)
    total = build + serialize
    print(f"oxigraph end to end, build triples: {n} triples from Python strings in {build:.2f} s "
          "(cyclic gc off, as in kg's writer), best of 3")
    print(f"oxigraph end to end, serialize: {n} triples with kg's prefixes in {serialize:.2f} s, best of 3")
    print(f"oxigraph end to end: {n} triples in {total:.2f} s ({n / total:,.0f} triples/s), "
          f"build + serialize ({total / ours:.1f}x kg write_turtle's time)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--rdflib-triples", type=int, default=200_000)
    args = ap.parse_args()

    g = synthetic_graph(args.triples)
    triples = to_triples(g)
    n = len(triples)
    secs = _time(lambda: write_turtle(g, io.BytesIO()), repeat=3)
    print(f"kg write_turtle: {n} triples in {secs:.2f} s ({n / secs:,.0f} triples/s), graph to Turtle bytes, best of 3")
    import pyoxigraph as ox

    raw = _time(lambda: ox.serialize(triples, io.BytesIO(), ox.RdfFormat.TURTLE), repeat=3)
    print(f"oxigraph serialize alone: {n} triples already built in {raw:.2f} s, best of 3")
    _oxigraph_end_to_end(_plain_rows(triples), secs)

    small = synthetic_graph(args.rdflib_triples)
    n_small = len(to_triples(small))
    ours = _time(lambda: write_turtle(small, io.BytesIO()))
    buf = io.BytesIO()
    write_turtle(small, buf)
    import rdflib

    rg = rdflib.Graph().parse(data=buf.getvalue(), format="turtle")
    theirs = _time(lambda: rg.serialize(format="turtle"))
    print(f"kg write_turtle: {n_small} triples in {ours:.2f} s")
    print(f"rdflib serialize: {n_small} triples in {theirs:.2f} s ({theirs / ours:.0f}x slower)")


if __name__ == "__main__":
    main()

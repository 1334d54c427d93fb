"""Benchmark: writing Turtle for a large synthetic graph (a script, not a test).

    .venv/bin/python bench/turtle_bench.py [--triples 1000000] [--rdflib-triples 200000]

Prints one line per figure: triples, seconds and triples/s of kg's writer
(the whole way from the NetworkX graph to Turtle bytes), Oxigraph's serializer
alone on the same triples built beforehand, and, on a smaller graph, rdflib's
own Turtle serializer for comparison.
"""

from __future__ import annotations

import argparse
import io
import random
import time

import networkx as nx

from kg.export.turtle import to_triples, write_turtle

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

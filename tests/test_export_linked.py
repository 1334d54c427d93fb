"""JSON-LD and GraphML exports: round trips against the Turtle and the NetworkX graph."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.builder import build
from kg.export.graphml import read_graphml, write_graphml
from kg.export.jsonld import CONTEXT, read_jsonld, write_jsonld
from kg.export.turtle import read_turtle

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("linked")
    return build(out_dir=out, nlp=nlp, formats=("turtle", "jsonld", "graphml")), out


def test_export_jsonld_holds_the_same_triples_as_the_turtle(built):
    _, out = built
    assert isomorphic(read_jsonld(out / "graph.jsonld"), read_turtle(out / "graph.ttl"))


def test_export_jsonld_embeds_the_published_context(built):
    _, out = built
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    published = json.loads((SCHEMAS / "context.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == published["@context"] == CONTEXT


def test_export_jsonld_is_deterministic(built):
    result, out = built
    buf = io.BytesIO()
    write_jsonld(result.graph, buf)
    assert buf.getvalue() == (out / "graph.jsonld").read_bytes()


def test_export_graphml_round_trips_nodes_and_edges(built):
    result, out = built
    g = read_graphml(out / "graph.graphml")
    assert sorted(g.nodes) == sorted(result.graph.nodes)
    assert g.number_of_edges() == result.graph.number_of_edges()
    node = next(n for n, d in result.graph.nodes(data=True) if d["type"] == "Enterprise" and d["alt_labels"])
    assert g.nodes[node]["alt_labels"] == "; ".join(result.graph.nodes[node]["alt_labels"])


def test_export_graphml_is_deterministic(built):
    result, out = built
    buf = io.BytesIO()
    write_graphml(result.graph, buf)
    assert buf.getvalue() == (out / "graph.graphml").read_bytes()

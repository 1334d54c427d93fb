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


# --------------------------------------------------------------------------- written in pieces


def test_export_jsonld_from_the_turtle_file_is_the_document_of_the_graph(built, tmp_path):
    from kg.export.jsonld import to_jsonld

    result, out = built
    whole = (json.dumps(to_jsonld(result.graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    read_back = io.BytesIO()
    write_jsonld(result.graph, read_back, turtle=out / "graph.ttl")
    assert read_back.getvalue() == whole == (out / "graph.jsonld").read_bytes()


def test_export_jsonld_in_small_batches_is_the_same(built, monkeypatch):
    import kg.export.jsonld as kg_jsonld

    result, out = built
    monkeypatch.setattr(kg_jsonld, "_BATCH", 1)  # one subject's block at a time
    buf = io.BytesIO()
    write_jsonld(result.graph, buf)
    assert buf.getvalue() == (out / "graph.jsonld").read_bytes()


def _networkx_graphml(graph) -> bytes:
    """What write_graphml wrote before it streamed: NetworkX's ElementTree writer on the scalar copy."""
    import networkx as nx

    from kg.export.graphml import to_graphml_graph

    buf = io.BytesIO()
    nx.write_graphml_xml(to_graphml_graph(graph), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def test_export_graphml_streamed_is_networkx_graphml(built):
    result, out = built
    assert _networkx_graphml(result.graph) == (out / "graph.graphml").read_bytes()


@pytest.mark.parametrize("which", ["empty", "bare-node", "odd"])
def test_export_graphml_streamed_is_networkx_graphml_of_odd_graphs(which, monkeypatch):
    import networkx as nx

    import kg.export.graphml as kg_graphml

    monkeypatch.setattr(kg_graphml, "_FLUSH", 1)
    g = nx.MultiDiGraph()
    if which != "empty":
        g.add_node("bare")
    if which == "odd":
        g.add_node("river & <bend>", label='"quoted"\n\ttabbed\r\x01 \ud800 中文', alt_labels=["a", "b"],
                   lower_bound=True, page=3, share=0.5, empty=[], missing=None)
        g.add_edge("bare", "river & <bend>", key="k&1", relation="helped", forms=["Labour"],
                   evidence=[{"text": "one"}, {"text": "二"}])
        g.add_edge("river & <bend>", "bare", key=7, relation="sameAs")
    buf = io.BytesIO()
    write_graphml(g, buf)
    assert buf.getvalue() == _networkx_graphml(g)

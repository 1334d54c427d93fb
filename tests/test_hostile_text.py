"""Hostile text survives the Turtle and JSON round trips exactly (property-based)."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.export.json import read_json, write_json
from kg.export.turtle import read_turtle, write_turtle
from kg.graph import to_networkx
from kg.namespace import EKG
from kg.schemas import Article, Assistance, Corpus, Enterprise, Evidence

# Any text but lone surrogates (not encodable in UTF-8): quotes, backslashes, newlines, <, >,
# control characters and long lines included.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
BASE = "https://w3id.org/emulation-kg/id/"


def _corpus(label: str, alt: str, sentence: str, title: str) -> Corpus:
    ev = Evidence(article="a1", text=sentence, start=0, end=len(sentence))
    return Corpus(
        articles=(Article(id="a1", source="a1.txt", title=title),),
        entities=(Enterprise(id="x", label=label, alt_labels=(alt,), articles=("a1",)),
                  Enterprise(id="y", label="Y", articles=("a1",))),
        assistance=(Assistance(id="a1-a1", helper="x", recipient="y", evidence=ev),),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=TEXT, alt=TEXT, sentence=TEXT, title=TEXT)
def test_hostile_text_turtle_round_trip(label, alt, sentence, title):
    g = to_networkx(_corpus(label, alt, sentence, title))
    buf = io.BytesIO()
    write_turtle(g, buf)
    rdf = read_turtle(io.BytesIO(buf.getvalue()))
    x = URIRef(BASE + "entity/x")
    assert set(rdf.objects(x, RDFS.label)) == {Literal(label, lang="en")}
    assert {str(o) for o in rdf.objects(URIRef(BASE + "assistance/a1-a1"), EKG.evidence)} == {sentence}
    assert {str(o) for o in rdf.objects(URIRef(BASE + "article/a1"), URIRef("http://purl.org/dc/terms/title"))} \
        == {title}


@settings(max_examples=100, deadline=None)
@given(label=TEXT, alt=TEXT, sentence=TEXT, title=TEXT)
def test_hostile_text_json_round_trip(label, alt, sentence, title):
    g = to_networkx(_corpus(label, alt, sentence, title))
    buf = io.BytesIO()
    write_json(g, buf)
    back = read_json(io.BytesIO(buf.getvalue()))
    assert back.nodes["x"]["label"] == label
    assert back.nodes["x"]["alt_labels"] == [alt]
    assert back.graph["articles"]["a1"]["title"] == title

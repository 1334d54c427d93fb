"""Turtle export: exact triples of the output contract, determinism, base, round trips."""

from __future__ import annotations

import datetime as dt
import gc
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import rdflib.namespace as rns
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.export import get_writer
from kg.export.turtle import (
    PREFIXES,
    read_turtle,
    to_triples,
    turtle_bytes,
    turtle_chunks,
    write_turtle,
)
from kg.graph import to_networkx
from kg.namespace import DEFAULT_BASE, EKG, mint
from kg.schemas import (
    Article,
    Assistance,
    Campaign,
    Corpus,
    Enterprise,
    Evidence,
    HelpForm,
    Measurement,
    MeasurementKind,
    MutualAid,
    Participation,
    Person,
    Place,
)

# A plain Namespace: pytest's collection probes module attributes, and rdflib's
# DefinedNamespace XSD warns on every unknown one.
XSD = rns.Namespace(str(rns.XSD))

AID = "000_d751b22b83d88042"
MINE = "jiaohe-coal-mine"
NO7 = "jiaohe-coal-mine/no-7-mine"
WULIN = "wulin-vertical-shaft"
JILIN = "jilin"
ZONE = "collaboration-zone-competition"
LI = "li-ming"

HELP_TEXT = "No. 7 Mine sent twelve workers to the Wulin Vertical Shaft."
AID_TEXT = "The No. 7 Mine and the Wulin Vertical Shaft exchanged experiences."
MEASURE_TEXT = "Jiaohe Coal Mine produced more than 700 tons of coal a day."
PART_TEXT = "Jiaohe Coal Mine joined the collaboration zone competition."


def _ev(text: str, start: int) -> Evidence:
    return Evidence(article=AID, text=text, start=start, end=start + len(text), lang="en")


def _corpus(
    *, label: str = "No. 7 Mine", help_text: str = HELP_TEXT, lower_bound: bool = True
) -> Corpus:
    arts = (AID,)
    return Corpus(
        articles=(
            Article(
                id=AID,
                source=f"articles/{AID}.txt",
                title="Advanced Help Backward",
                title_zh="先进帮后进",
                date=dt.date(1960, 9, 13),
                page=2,
            ),
        ),
        entities=(
            Enterprise(id=MINE, label="Jiaohe Coal Mine", label_zh="蛟河煤矿",
                       alt_labels=("Jiaohe Mine", "蛟河矿"), articles=arts, located_in=JILIN),
            Enterprise(id=NO7, label=label, articles=arts, part_of=MINE),
            Enterprise(id=WULIN, label="Wulin Vertical Shaft", articles=arts),
            Place(id=JILIN, label="Jilin", label_zh="吉林", articles=arts),
            Campaign(id=ZONE, label="collaboration zone competition", articles=arts),
            Person(id=LI, label="Li Ming", articles=arts, role="mine director"),
        ),
        assistance=(
            Assistance(id="a1", helper=NO7, recipient=WULIN, campaign=ZONE,
                       forms=(HelpForm.PERSONNEL, HelpForm.LABOUR), evidence=_ev(help_text, 0)),
        ),
        mutual_aid=(
            MutualAid(id="ma1", participants=(NO7, WULIN), campaign=ZONE,
                      forms=(HelpForm.TECHNICAL_EXPERIENCE,), evidence=_ev(AID_TEXT, 100)),
        ),
        measurements=(
            Measurement(id="m1", subject=MINE, indicator="daily coal production",
                        value=Decimal(700), unit="t", kind=MeasurementKind.LEVEL,
                        period="late August 1960", lower_bound=lower_bound,
                        evidence=_ev(MEASURE_TEXT, 200)),
        ),
        participation=(
            Participation(id="p1", participant=MINE, campaign=ZONE, evidence=_ev(PART_TEXT, 300)),
        ),
    )


def _turtle(corpus: Corpus | None = None, **options) -> bytes:
    buf = io.BytesIO()
    write_turtle(to_networkx(corpus or _corpus()), buf, **options)
    return buf.getvalue()


@pytest.fixture(scope="module")
def rdf():
    return read_turtle(io.BytesIO(_turtle()))


def _po(graph, subject: URIRef) -> set:
    return set(graph.predicate_objects(subject))


def ent(key: str) -> URIRef:
    return mint("entity", key)


ART = mint("article", AID)


def test_export_turtle_registered_writer_is_write_turtle():
    assert get_writer("turtle") is write_turtle


def test_export_turtle_prefixes_declared_as_in_the_contract():
    head = [line for line in _turtle().decode().splitlines() if line.startswith("@prefix")]
    assert sorted(head) == [
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix ekg: <https://w3id.org/emulation-kg/ns#> .",
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    assert set(PREFIXES) == {"ekg", "rdfs", "skos", "dcterms", "prov", "xsd", "owl"}


def test_export_turtle_article_triples(rdf):
    assert _po(rdf, ART) == {
        (RDF.type, EKG.Article),
        (DCTERMS.identifier, Literal(AID)),
        (DCTERMS.title, Literal("Advanced Help Backward", lang="en")),
        (DCTERMS.title, Literal("先进帮后进", lang="zh")),
        (DCTERMS.date, Literal("1960-09-13", datatype=XSD.date)),
        (EKG.page, Literal("2", datatype=XSD.integer)),
    }


def test_export_turtle_entity_with_chinese_label_and_alt_labels(rdf):
    assert _po(rdf, ent(MINE)) == {
        (RDF.type, EKG.Enterprise),
        (RDFS.label, Literal("Jiaohe Coal Mine", lang="en")),
        (RDFS.label, Literal("蛟河煤矿", lang="zh")),
        (SKOS.altLabel, Literal("Jiaohe Mine", lang="en")),
        (SKOS.altLabel, Literal("蛟河矿", lang="zh")),
        (EKG.mentionedIn, ART),
        (EKG.locatedIn, ent(JILIN)),
        (EKG.participatesIn, ent(ZONE)),
    }


def test_export_turtle_entity_key_with_slash_and_part_of(rdf):
    assert ent(NO7) == URIRef(DEFAULT_BASE + "entity/jiaohe-coal-mine/no-7-mine")
    assert _po(rdf, ent(NO7)) == {
        (RDF.type, EKG.Enterprise),
        (RDFS.label, Literal("No. 7 Mine", lang="en")),
        (EKG.mentionedIn, ART),
        (EKG.partOf, ent(MINE)),
        (EKG.helped, ent(WULIN)),
    }


def test_export_turtle_person_role(rdf):
    assert _po(rdf, ent(LI)) == {
        (RDF.type, EKG.Person),
        (RDFS.label, Literal("Li Ming", lang="en")),
        (EKG.mentionedIn, ART),
        (EKG.role, Literal("mine director", lang="en")),
    }


@pytest.mark.parametrize(
    "key,cls",
    [(MINE, EKG.Enterprise), (NO7, EKG.Enterprise), (WULIN, EKG.Enterprise),
     (JILIN, EKG.Place), (ZONE, EKG.Campaign), (LI, EKG.Person)],
    ids=["enterprise", "part", "recipient", "place", "campaign", "person"],
)
def test_export_turtle_exactly_one_english_label_per_entity(rdf, key, cls):
    assert set(rdf.objects(ent(key), RDF.type)) == {cls}
    en = [o for o in rdf.objects(ent(key), RDFS.label) if o.language == "en"]
    assert len(en) == 1


def test_export_turtle_assistance_node_and_shortcut(rdf):
    assert _po(rdf, mint("assistance", "a1")) == {
        (RDF.type, EKG.Assistance),
        (EKG.helper, ent(NO7)),
        (EKG.recipient, ent(WULIN)),
        (EKG.campaign, ent(ZONE)),
        (EKG.form, EKG.Personnel),
        (EKG.form, EKG.Labour),
        (EKG.evidence, Literal(HELP_TEXT, lang="en")),
        (PROV.wasDerivedFrom, ART),
    }
    assert set(rdf.subject_objects(EKG.helped)) == {(ent(NO7), ent(WULIN))}


def test_export_turtle_participation_node_and_shortcut(rdf):
    assert _po(rdf, mint("participation", "p1")) == {
        (RDF.type, EKG.Participation),
        (EKG.participant, ent(MINE)),
        (EKG.campaign, ent(ZONE)),
        (EKG.evidence, Literal(PART_TEXT, lang="en")),
        (PROV.wasDerivedFrom, ART),
    }
    assert set(rdf.subject_objects(EKG.participatesIn)) == {(ent(MINE), ent(ZONE))}


def test_export_turtle_mutual_aid_node(rdf):
    assert _po(rdf, mint("mutual-aid", "ma1")) == {
        (RDF.type, EKG.MutualAid),
        (EKG.participant, ent(NO7)),
        (EKG.participant, ent(WULIN)),
        (EKG.form, EKG.TechnicalExperience),
        (EKG.campaign, ent(ZONE)),
        (EKG.evidence, Literal(AID_TEXT, lang="en")),
        (PROV.wasDerivedFrom, ART),
    }


def test_export_turtle_measurement_node(rdf):
    assert _po(rdf, mint("measurement", "m1")) == {
        (RDF.type, EKG.Measurement),
        (EKG.subject, ent(MINE)),
        (EKG.indicator, Literal("daily coal production", lang="en")),
        (EKG.value, Literal("700", datatype=XSD.decimal)),
        (EKG.unit, Literal("t")),
        (EKG.measurementKind, EKG.Level),
        (EKG.period, Literal("late August 1960")),
        (EKG.lowerBound, Literal("true", datatype=XSD.boolean)),
        (EKG.evidence, Literal(MEASURE_TEXT, lang="en")),
        (PROV.wasDerivedFrom, ART),
    }


def test_export_turtle_no_lower_bound_triple_when_false():
    rdf = read_turtle(io.BytesIO(_turtle(_corpus(lower_bound=False))))
    assert list(rdf.objects(mint("measurement", "m1"), EKG.lowerBound)) == []


def test_export_turtle_subjects_are_exactly_the_records(rdf):
    assert set(rdf.subjects()) == {
        ART,
        *(ent(k) for k in (MINE, NO7, WULIN, JILIN, ZONE, LI)),
        mint("assistance", "a1"),
        mint("participation", "p1"),
        mint("mutual-aid", "ma1"),
        mint("measurement", "m1"),
    }
    assert len(rdf) == 63


def test_export_turtle_two_writes_are_byte_identical():
    graph = to_networkx(_corpus())
    first, second = io.BytesIO(), io.BytesIO()
    write_turtle(graph, first)
    write_turtle(graph, second)
    assert first.getvalue() == second.getvalue()
    assert _turtle() == first.getvalue()


def test_export_turtle_byte_identical_across_processes():
    # Oxigraph is Rust: a hash-ordered map there would change bytes between runs.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from test_export_turtle import _turtle; sys.stdout.buffer.write(_turtle())"
    )
    here = str(Path(__file__).parent)
    runs = {
        subprocess.run([sys.executable, "-c", code, here], capture_output=True, check=True).stdout
        for _ in range(2)
    }
    assert runs == {_turtle()}


def test_export_turtle_groups_each_subject_once():
    text = _turtle().decode()
    assert text.count(f"<{ent(NO7)}> a ekg:Enterprise") == 1
    assert sum(1 for line in text.splitlines() if line.startswith(f"<{ent(NO7)}>")) == 1


def test_export_turtle_path_and_file_object_give_same_bytes(tmp_path):
    path = tmp_path / "graph.ttl"
    write_turtle(to_networkx(_corpus()), path)
    write_turtle(to_networkx(_corpus()), str(tmp_path / "graph2.ttl"))
    assert path.read_bytes() == _turtle() == (tmp_path / "graph2.ttl").read_bytes()
    assert len(read_turtle(path)) == len(read_turtle(str(path))) == 63


# --------------------------------------------------------------------------- written in pieces


class _CountingBytesIO(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, data) -> int:
        self.writes += 1
        return super().write(data)


@pytest.mark.parametrize("piece", [1, 300, 1 << 20], ids=["one-block", "small", "default"])
def test_export_turtle_written_in_pieces_is_turtle_bytes(tmp_path, monkeypatch, piece):
    import kg.export.turtle as kg_turtle

    graph = to_networkx(_corpus())
    whole = turtle_bytes(graph)
    assert whole == _turtle()
    monkeypatch.setattr(kg_turtle, "_PIECE", piece)
    buf = _CountingBytesIO()
    write_turtle(graph, buf)
    write_turtle(graph, tmp_path / "graph.ttl")
    assert buf.getvalue() == whole == (tmp_path / "graph.ttl").read_bytes()
    if piece < len(whole) // 2:
        assert buf.writes > 1  # the text really was written in more than one piece
    else:
        assert buf.writes == 1


def test_export_turtle_chunks_are_the_prefixes_then_one_block_per_subject():
    graph = to_networkx(_corpus())
    chunks = list(turtle_chunks(graph))
    assert all(type(chunk) is str for chunk in chunks)
    assert "".join(chunks).encode("utf-8") == turtle_bytes(graph)
    assert chunks[: len(PREFIXES)] == [f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()]
    blocks = chunks[len(PREFIXES) :]
    assert all(block.startswith("<") and block.endswith(" .\n") for block in blocks)
    assert len(blocks) == len({block.split(" ", 1)[0] for block in blocks})  # one block per subject
    assert len(blocks) == len(set(read_turtle(io.BytesIO(turtle_bytes(graph))).subjects()))


def test_export_turtle_chunks_leave_the_garbage_collector_as_it_was():
    graph = to_networkx(_corpus())
    assert gc.isenabled()
    chunks = turtle_chunks(graph)
    next(chunks)  # the graph collected, then the first piece: the consumer stops here
    assert gc.isenabled()
    chunks.close()
    assert gc.isenabled()
    write_turtle(graph, io.BytesIO())
    assert gc.isenabled()
    gc.disable()
    try:  # a caller's own choice is kept
        assert next(turtle_chunks(graph)).startswith("@prefix")
        write_turtle(graph, io.BytesIO())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_export_turtle_a_graph_that_cannot_be_written_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_bytes(b"before")
    graph = to_networkx(_corpus())
    graph.edges[NO7, WULIN, "a1"]["forms"] = ["Persuasion"]
    buf = io.BytesIO()
    with pytest.raises(AttributeError, match="'Persuasion' not in namespace"):
        write_turtle(graph, path)
    with pytest.raises(AttributeError, match="'Persuasion' not in namespace"):
        write_turtle(graph, buf)
    assert path.read_bytes() == b"before"
    assert buf.getvalue() == b""
    assert gc.isenabled()


@pytest.mark.parametrize(
    "base", ["https://example.org/kg/", "https://example.org/kg"], ids=["slash", "no-slash"]
)
def test_export_turtle_base_changes_iris(base):
    rdf = read_turtle(io.BytesIO(_turtle(base=base)))
    subjects = set(rdf.subjects())
    assert URIRef("https://example.org/kg/entity/jiaohe-coal-mine/no-7-mine") in subjects
    assert URIRef("https://example.org/kg/article/" + AID) in subjects
    assert all(str(s).startswith("https://example.org/kg/") for s in subjects)
    assert DEFAULT_BASE not in _turtle(base=base).decode()


def test_export_turtle_to_triples_matches_written_count():
    assert len(to_triples(to_networkx(_corpus()))) == 63


def test_export_turtle_unknown_form_is_an_error():
    graph = to_networkx(_corpus())
    graph.edges[NO7, WULIN, "a1"]["forms"] = ["Persuasion"]
    with pytest.raises(AttributeError, match="'Persuasion' not in namespace"):
        write_turtle(graph, io.BytesIO())


HOSTILE = 'He said "more \\ coal"\nthen <left>\tfor No. 7\'s shaft > all.'


def test_export_turtle_hostile_text_survives_round_trip():
    corpus = _corpus(label=HOSTILE, help_text=HOSTILE)
    rdf = read_turtle(io.BytesIO(_turtle(corpus)))
    assert list(rdf.objects(ent(NO7), RDFS.label)) == [Literal(HOSTILE, lang="en")]
    assert list(rdf.objects(mint("assistance", "a1"), EKG.evidence)) == [
        Literal(HOSTILE, lang="en")
    ]
    assert str(next(rdf.objects(ent(NO7), RDFS.label))) == HOSTILE


# The writer's exact text for a small graph: prefixes, subjects in IRI order (a key before
# its extensions: mine, mine/no-1, mine/no-10), rdf:type first, predicates in IRI order,
# repeated objects once and sorted, escapes. Any change to how the Turtle is written shows here.
SMALL_TURTLE = """\
@prefix ekg: <https://w3id.org/emulation-kg/ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<https://w3id.org/emulation-kg/id/article/a1> a ekg:Article ;
\tdcterms:date "1959-01-01"^^xsd:date ;
\tdcterms:identifier "a1" ;
\tdcterms:title "Help"@en ;
\tekg:page "2"^^xsd:integer .
<https://w3id.org/emulation-kg/id/assistance/h1> a ekg:Assistance ;
\tprov:wasDerivedFrom <https://w3id.org/emulation-kg/id/article/a1> ;
\tekg:evidence "No. 1 helped No. 10."@en ;
\tekg:form ekg:Equipment , ekg:Labour ;
\tekg:helper <https://w3id.org/emulation-kg/id/entity/mine/no-1> ;
\tekg:recipient <https://w3id.org/emulation-kg/id/entity/mine/no-10> .
<https://w3id.org/emulation-kg/id/assistance/h2> a ekg:Assistance ;
\tprov:wasDerivedFrom <https://w3id.org/emulation-kg/id/article/a1> ;
\tekg:evidence "No. 1 helped the mine."@en ;
\tekg:form ekg:Unspecified ;
\tekg:helper <https://w3id.org/emulation-kg/id/entity/mine/no-1> ;
\tekg:recipient <https://w3id.org/emulation-kg/id/entity/mine> .
<https://w3id.org/emulation-kg/id/entity/mine> a ekg:Enterprise ;
\trdfs:label "Mine"@en , "煤矿"@zh ;
\tskos:altLabel "Mine No. 1"@en , "the mine"@en ;
\tekg:mentionedIn <https://w3id.org/emulation-kg/id/article/a1> .
<https://w3id.org/emulation-kg/id/entity/mine/no-1> a ekg:Enterprise ;
\trdfs:label "\\"No. 1\\"\\u0009shaft"@en ;
\tekg:helped <https://w3id.org/emulation-kg/id/entity/mine/no-10> , <https://w3id.org/emulation-kg/id/entity/mine> ;
\tekg:mentionedIn <https://w3id.org/emulation-kg/id/article/a1> ;
\tekg:partOf <https://w3id.org/emulation-kg/id/entity/mine> .
<https://w3id.org/emulation-kg/id/entity/mine/no-10> a ekg:Enterprise ;
\trdfs:label "No. 10"@en ;
\tekg:mentionedIn <https://w3id.org/emulation-kg/id/article/a1> ;
\tekg:partOf <https://w3id.org/emulation-kg/id/entity/mine> .
"""


def test_export_turtle_exact_text_of_a_small_graph():
    def ev(text: str) -> Evidence:
        return Evidence(article="a1", text=text, start=0, end=len(text))

    corpus = Corpus(
        articles=(Article(id="a1", source="a1.txt", title="Help", date=dt.date(1959, 1, 1), page=2),),
        entities=(
            Enterprise(id="mine", label="Mine", label_zh="煤矿", alt_labels=("the mine", "the mine", "Mine No. 1"),
                       articles=("a1",)),
            Enterprise(id="mine/no-10", label="No. 10", articles=("a1",), part_of="mine"),
            Enterprise(id="mine/no-1", label='"No. 1"\tshaft', articles=("a1",), part_of="mine"),
        ),
        assistance=(
            Assistance(id="h1", helper="mine/no-1", recipient="mine/no-10",
                       forms=(HelpForm.LABOUR, HelpForm.EQUIPMENT, HelpForm.LABOUR), evidence=ev("No. 1 helped No. 10.")),
            Assistance(id="h2", helper="mine/no-1", recipient="mine", evidence=ev("No. 1 helped the mine.")),
        ),
    )
    assert _turtle(corpus).decode() == SMALL_TURTLE


def test_export_turtle_a_subject_built_twice_is_one_block():
    # the same help id on two edges: one ekg:Assistance node holding the triples of both
    graph = to_networkx(_corpus())
    graph.add_edge(MINE, WULIN, key="a1", relation="helped", campaign=None, forms=["Equipment", "Personnel"],
                   evidence=[{"article": AID, "text": HELP_TEXT, "start": 0, "end": len(HELP_TEXT), "lang": "en"}])
    buf = io.BytesIO()
    write_turtle(graph, buf)
    text = buf.getvalue().decode()
    node = mint("assistance", "a1")
    assert sum(1 for line in text.splitlines() if line.startswith(f"<{node}>")) == 1
    assert "\tekg:form ekg:Equipment , ekg:Labour , ekg:Personnel ;\n" in text
    rdf = read_turtle(io.BytesIO(buf.getvalue()))
    assert set(rdf.objects(node, EKG.helper)) == {ent(NO7), ent(MINE)}
    assert set(rdf.objects(node, EKG.evidence)) == {Literal(HELP_TEXT, lang="en")}
    assert set(rdf.subject_objects(EKG.helped)) == {(ent(NO7), ent(WULIN)), (ent(MINE), ent(WULIN))}


# --------------------------------------------------------------------------- one subject at a time
# The writer reads each subject's triples from the graph when its turn comes (an entity from
# its node and the edges leaving it, a help node from its edge or edges): these graphs are
# made by hand, to have subjects reached from several places.

E = "https://w3id.org/emulation-kg/id/entity/"
A1 = "<https://w3id.org/emulation-kg/id/article/a1>"


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph["articles"] = {"a1": {"title": "Help", "date": "1959-01-01", "page": 2},
                           "a2": {"title": "More help", "date": "1959-02-01", "page": 1}}
    for key, kind in [("mine", "Enterprise"), ("mine/no-1", "Enterprise"), ("mine/no-2", "Enterprise"),
                      ("jilin", "Place"), ("zone", "Campaign"), ("no-1-mine", "Enterprise")]:
        g.add_node(key, type=kind, label=key.title(), label_zh=None, alt_labels=None, articles=["a1"], role=None)
    return g


def _edge_ev(article: str, text: str) -> list[dict]:
    return [{"article": article, "text": text, "start": 0, "end": len(text), "lang": "en"}]


def _blocks(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each subject's block as written, by subject IRI."""
    chunks = list(turtle_chunks(graph))
    assert "".join(chunks).encode("utf-8") == turtle_bytes(graph)
    return {block[1 : block.index(">")]: block for block in chunks[len(PREFIXES) :]}


def test_export_turtle_an_entity_from_its_node_and_the_edges_leaving_it():
    g = _graph()
    g.add_edge("mine/no-1", "mine", key="x", relation="partOf")
    g.add_edge("mine/no-1", "jilin", key="y", relation="locatedIn")
    g.add_edge("mine/no-1", "no-1-mine", key="z", relation="sameAs")
    g.add_edge("mine/no-1", "zone", key="p1", relation="participatesIn", evidence=_edge_ev("a1", "No. 1 joined."))
    for key, recipient in [("h1", "mine/no-2"), ("h2", "mine/no-2"), ("h3", "mine")]:  # the shortcut once each
        g.add_edge("mine/no-1", recipient, key=key, relation="helped", forms=["Labour"], campaign=None,
                   evidence=_edge_ev("a1", f"No. 1 helped {recipient} ({key})."))
    g.add_edge("mine/no-1", "mine/no-2", key="q1", relation="plannedHelp", status="Pledged", forms=None,
               campaign=None, evidence=None)  # no ekg:helped shortcut
    g.add_edge("mine/no-2", "mine/no-1", key="h4", relation="helped", forms=["Equipment"], campaign=None,
               evidence=_edge_ev("a2", "No. 2 helped back."))
    blocks = _blocks(g)
    assert blocks[E + "mine/no-1"] == (
        f"<{E}mine/no-1> a ekg:Enterprise ;\n"
        '\trdfs:label "Mine/No-1"@en ;\n'
        f"\towl:sameAs <{E}no-1-mine> ;\n"
        f"\tekg:helped <{E}mine/no-2> , <{E}mine> ;\n"
        f"\tekg:locatedIn <{E}jilin> ;\n"
        f"\tekg:mentionedIn {A1} ;\n"
        f"\tekg:partOf <{E}mine> ;\n"
        f"\tekg:participatesIn <{E}zone> .\n"
    )
    assert blocks[E + "mine/no-2"] == (
        f"<{E}mine/no-2> a ekg:Enterprise ;\n"
        '\trdfs:label "Mine/No-2"@en ;\n'
        f"\tekg:helped <{E}mine/no-1> ;\n"
        f"\tekg:mentionedIn {A1} .\n"
    )
    assert blocks[E + "mine"] == f'<{E}mine> a ekg:Enterprise ;\n\trdfs:label "Mine"@en ;\n\tekg:mentionedIn {A1} .\n'
    assert list(blocks) == sorted(blocks) and len(blocks) == 2 + 6 + 4 + 1 + 1  # articles, entities, facts
    assert "".join(blocks.values()).count(" .\n") == len(blocks)


def test_export_turtle_a_help_id_on_two_edges_is_one_subject_exactly():
    g = _graph()
    g.add_edge("mine/no-1", "mine", key="h1", relation="helped", forms=["Labour", "Equipment"], campaign=None,
               evidence=_edge_ev("a1", "No. 1 helped the mine."))
    g.add_edge("mine/no-2", "mine", key="h1", relation="helped", forms=["Labour", "Personnel"], campaign="zone",
               evidence=_edge_ev("a2", "No. 2 helped the mine.") + _edge_ev("a1", "No. 1 helped the mine."))
    g.add_edge("mine/no-2", "mine/no-1", key="h0", relation="helped", forms=["Labour"], campaign=None,
               evidence=_edge_ev("a2", "No. 2 helped No. 1."))
    blocks = _blocks(g)
    node = "https://w3id.org/emulation-kg/id/assistance/h1"
    assert blocks[node] == (
        f"<{node}> a ekg:Assistance ;\n"
        f"\tprov:wasDerivedFrom {A1} , <https://w3id.org/emulation-kg/id/article/a2> ;\n"
        f"\tekg:campaign <{E}zone> ;\n"
        '\tekg:evidence "No. 1 helped the mine."@en , "No. 2 helped the mine."@en ;\n'
        "\tekg:form ekg:Equipment , ekg:Labour , ekg:Personnel ;\n"
        f"\tekg:helper <{E}mine/no-1> , <{E}mine/no-2> ;\n"
        f"\tekg:recipient <{E}mine> .\n"
    )
    assert list(blocks)[2:4] == ["https://w3id.org/emulation-kg/id/assistance/h0", node]
    assert blocks[E + "mine/no-2"].count("\tekg:helped ") == 1
    assert f"\tekg:helped <{E}mine/no-1> , <{E}mine> ;\n" in blocks[E + "mine/no-2"]


def test_export_turtle_keys_written_alike_are_one_subject():
    # "h 1" is written h%201, as the key "h%201" is: one IRI, one block with the triples of both
    g = _graph()
    g.add_edge("mine/no-1", "mine", key="h 1", relation="helped", forms=["Labour"], campaign=None,
               evidence=_edge_ev("a1", "One."))
    g.add_edge("mine/no-2", "mine", key="h%201", relation="helped", forms=["Labour"], campaign=None,
               evidence=_edge_ev("a1", "Two."))
    blocks = _blocks(g)
    node = "https://w3id.org/emulation-kg/id/assistance/h%201"
    assert [s for s in blocks if "/assistance/" in s] == [node]
    assert blocks[node] == (
        f"<{node}> a ekg:Assistance ;\n"
        f"\tprov:wasDerivedFrom {A1} ;\n"
        '\tekg:evidence "One."@en , "Two."@en ;\n'
        "\tekg:form ekg:Labour ;\n"
        f"\tekg:helper <{E}mine/no-1> , <{E}mine/no-2> ;\n"
        f"\tekg:recipient <{E}mine> .\n"
    )


def test_export_turtle_a_fact_node_keeps_its_own_edges():
    # a measurement's subject edge is its own; an edge kg.graph never puts on it (sameAs) is written
    # as the entity IRI of its node's key, as any edge leaving a node is
    g = _graph()
    g.add_node("m1", type="Measurement", indicator="coal", value=700, unit="t", kind="Level", period=None,
               lower_bound=False, original_check=None, original_value=None, evidence=_edge_ev("a1", "700 t."))
    g.add_edge("m1", "mine", key="s", relation="subject")
    g.add_edge("m1", "mine/no-1", key="s", relation="subject")
    g.add_node("m2", type="Measurement", indicator="coal", value=1, unit="t", kind="Change", evidence=None)
    g.add_edge("m2", "mine", key="s", relation="sameAs")
    blocks = _blocks(g)
    m1, m2 = "https://w3id.org/emulation-kg/id/measurement/m1", "https://w3id.org/emulation-kg/id/measurement/m2"
    assert blocks[m1] == (
        f"<{m1}> a ekg:Measurement ;\n"
        f"\tprov:wasDerivedFrom {A1} ;\n"
        '\tekg:evidence "700 t."@en ;\n'
        '\tekg:indicator "coal"@en ;\n'
        "\tekg:measurementKind ekg:Level ;\n"
        f"\tekg:subject <{E}mine/no-1> , <{E}mine> ;\n"
        '\tekg:unit "t" ;\n'
        '\tekg:value "700"^^xsd:decimal .\n'
    )
    assert E + "m1" not in blocks
    assert blocks[E + "m2"] == f"<{E}m2> owl:sameAs <{E}mine> .\n"
    assert "\tekg:subject  ;\n" in blocks[m2]  # no subject edge: the predicate with no object, as ever


class _Sink:
    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


def test_export_turtle_holds_an_index_not_the_blocks(monkeypatch):
    # besides the graph, the writer holds its index (a few references per subject) and the piece
    # being written: far less than the text, which a writer holding every block would exceed
    import tracemalloc

    import kg.export.turtle as kg_turtle

    g = _graph()
    for k in range(5000):
        text = f"Unit {k} sent {k % 50 + 2} workers to help the mine repair its hoists."
        g.add_edge(["mine/no-1", "mine/no-2", "no-1-mine"][k % 3], "mine", key=f"h{k}", relation="helped",
                   forms=["Labour"], campaign=None, evidence=_edge_ev("a1", text))
    monkeypatch.setattr(kg_turtle, "_PIECE", 1 << 14)
    sink = _Sink()
    tracemalloc.start()
    try:
        write_turtle(g, sink)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sink.size > 1_500_000
    assert peak < sink.size // 2

"""schemas/ontology.ttl: every ekg: term declared, aligned, and every term a build uses declared."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
import rdflib.namespace as rns
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.builder import build
from kg.namespace import EKG
from kg.schemas import ClaimStatus, HelpForm, MeasurementKind

ONTOLOGY = Path(__file__).parents[1] / "schemas" / "ontology.ttl"
NS = str(EKG._NS)
EKG_TERMS = sorted(EKG.__annotations__)
# A plain Namespace: pytest's collection probes module attributes, and rdflib's
# DefinedNamespace XSD warns on every unknown one.
XSD = rns.Namespace(str(rns.XSD))
SCHEMA = rdflib.Namespace("https://schema.org/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
# Vocabularies whose terms rdflib knows (DefinedNamespace with _fail): a term of theirs that does not
# exist is caught too.
STANDARD = (RDF, RDFS, OWL, SKOS, DCTERMS, PROV)
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp) -> rdflib.Graph:
    """The Turtle of a build of the bundled samples."""
    out = tmp_path_factory.mktemp("build")
    build(out_dir=out, nlp=nlp, formats=("turtle",))
    return rdflib.Graph().parse(out / "graph.ttl", format="turtle")


def _curies(triple: tuple[URIRef, ...]) -> str:
    names = rdflib.Graph(bind_namespaces="rdflib")
    names.bind("ekg", NS)
    names.bind("org", ORG)
    return " ".join(names.namespace_manager.normalizeUri(term) for term in triple)


def _en(graph: rdflib.Graph, s: URIRef, p: URIRef) -> list[Literal]:
    return [o for o in graph.objects(s, p) if isinstance(o, Literal) and o.language == "en"]


def _properties(graph: rdflib.Graph) -> list[URIRef]:
    return sorted(
        s for s in set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(graph.subjects(RDF.type, OWL.DatatypeProperty))
    )


def _declared(term: URIRef, ontology: rdflib.Graph) -> bool:
    if str(term).startswith(NS):
        return (term, RDFS.label, None) in ontology
    return any(term in ns for ns in STANDARD)


# --------------------------------------------------------------------------- the ontology itself


@pytest.mark.parametrize("name", EKG_TERMS, ids=EKG_TERMS)
def test_schemas_ontology_declares_every_ekg_term_with_label_and_comment(ontology, name):
    term = EKG[name]
    kinds = set(ontology.objects(term, RDF.type)) & KINDS
    assert len(kinds) == 1, f"{name}: declared as {sorted(kinds)}"
    assert len(_en(ontology, term, RDFS.label)) == 1
    assert len(_en(ontology, term, RDFS.comment)) == 1


def test_schemas_ontology_declares_no_ekg_term_missing_from_the_namespace(ontology):
    declared = {str(s).removeprefix(NS) for s in ontology.subjects() if str(s).startswith(NS)}
    assert sorted(declared) == EKG_TERMS


def test_schemas_ontology_gives_every_property_one_domain_and_one_range(ontology):
    properties = _properties(ontology)
    assert [p.removeprefix(NS) for p in properties] == [n for n in EKG_TERMS if n[0].islower()]
    for p in properties:
        assert len(list(ontology.objects(p, RDFS.domain))) == 1, p
        assert len(list(ontology.objects(p, RDFS.range))) == 1, p


@pytest.mark.parametrize(
    ("cls", "enum"),
    [(EKG.HelpForm, HelpForm), (EKG.ClaimStatus, ClaimStatus), (EKG.MeasurementKind, MeasurementKind)],
    ids=["HelpForm", "ClaimStatus", "MeasurementKind"],
)
def test_schemas_ontology_enumerates_each_controlled_list_as_skos_concepts(ontology, cls, enum):
    expected = [EKG[member.value] for member in enum]
    assert sorted(ontology.subjects(RDF.type, cls)) == sorted(expected)
    for term in expected:
        assert (term, RDF.type, SKOS.Concept) in ontology
        assert (term, RDF.type, OWL.NamedIndividual) in ontology
    assert (cls, RDFS.subClassOf, SKOS.Concept) in ontology
    (enumeration,) = ontology.objects(cls, OWL.equivalentClass)
    (members,) = ontology.objects(enumeration, OWL.oneOf)
    assert list(rdflib.collection.Collection(ontology, members)) == expected


@pytest.mark.parametrize(
    "triple",
    [
        (EKG.Enterprise, RDFS.subClassOf, ORG.FormalOrganization),
        (EKG.Enterprise, RDFS.subClassOf, SCHEMA.Organization),
        (EKG.Organization, RDFS.subClassOf, ORG.Organization),
        (EKG.Person, RDFS.subClassOf, SCHEMA.Person),
        (EKG.Person, RDFS.subClassOf, FOAF.Person),
        (EKG.Place, RDFS.subClassOf, SCHEMA.Place),
        (EKG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (EKG.Assistance, RDFS.subClassOf, PROV.Entity),
        (EKG.Assistance, OWL.disjointWith, EKG.PlannedAssistance),
        (EKG.Measurement, RDFS.subClassOf, SCHEMA.Observation),
        (EKG.partOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (EKG.partOf, RDFS.subPropertyOf, SCHEMA.parentOrganization),
        (EKG.locatedIn, RDFS.subPropertyOf, SCHEMA.location),
        (EKG.mentionedIn, RDFS.subPropertyOf, DCTERMS.isReferencedBy),
        (EKG.helper, RDFS.subPropertyOf, SCHEMA.agent),
        (EKG.recipient, RDFS.subPropertyOf, SCHEMA.recipient),
        (EKG.value, RDFS.range, XSD.decimal),
        (EKG.evidence, RDFS.range, RDF.langString),
    ],
    ids=_curies,
)
def test_schemas_ontology_states_alignment(ontology, triple):
    assert triple in ontology


def test_schemas_ontology_no_fact_class_is_a_prov_activity(ontology):
    """Facts carry prov:wasDerivedFrom (domain prov:Entity), and PROV-O makes Entity and Activity disjoint."""
    facts = [EKG.Assistance, EKG.PlannedAssistance, EKG.MutualAid, EKG.Measurement, EKG.Participation]
    assert [c for c in facts if (c, RDFS.subClassOf, PROV.Activity) in ontology] == []
    assert [c for c in facts if (c, RDFS.subClassOf, PROV.Entity) not in ontology] == []


# --------------------------------------------------------------------------- a build uses only declared terms


def test_schemas_built_graph_uses_only_declared_predicates(built, ontology):
    predicates = set(built.predicates())
    assert EKG.helper in predicates and PROV.wasDerivedFrom in predicates
    assert sorted(p for p in predicates if not _declared(p, ontology)) == []


def test_schemas_built_graph_uses_only_declared_classes(built, ontology):
    classes = set(built.objects(None, RDF.type))
    assert {EKG.Article, EKG.Assistance, EKG.Measurement} <= classes
    ekg_classes = {c for c in classes if str(c).startswith(NS)}
    assert sorted(c for c in ekg_classes if (c, RDF.type, OWL.Class) not in ontology) == []
    assert sorted(c for c in classes - ekg_classes if not _declared(c, ontology)) == []


def test_schemas_built_graph_literals_match_declared_ranges(built, ontology):
    wrong = []
    for p in sorted(set(ontology.subjects(RDF.type, OWL.DatatypeProperty))):
        (declared,) = ontology.objects(p, RDFS.range)
        for o in built.objects(None, p):
            datatype = RDF.langString if o.language else (o.datatype or XSD.string)
            if datatype != declared:
                wrong.append((p, o, datatype))
    assert wrong == []

"""Turtle export: the graph of :mod:`kg.graph` in the ``ekg:`` vocabulary.

The triples follow ``docs/output-contract.md``: articles, entities with their
labels and structure, one ``ekg:Assistance`` node per helped edge (plus the
shortcut ``helper ekg:helped recipient``), ``ekg:Participation``,
``ekg:MutualAid`` and ``ekg:Measurement`` nodes, each with its evidence and
``prov:wasDerivedFrom`` its article.

The writer goes straight from the graph to Turtle text, one subject at a time:
each subject's predicates are gathered with their objects already written as
terms, then its block is written (``rdf:type`` first, then predicates in IRI
order, distinct objects sorted), prefixed names where they fit, every string
escaped. No triple objects are built on the way, which is what makes it fast
(``bench/turtle_bench.py``); the output is byte-identical for the same graph,
and a hypothesis test round-trips hostile text.

How memory stays bounded: besides the graph, the writer holds only an index
(:func:`_index`) and one subject. The index is a list per kind of subject of its
keys as written, sorted, each with where the subject's triples come from (an
article's entry, a node, or an edge's ends and attributes: references into the
graph, not copies); a subject's block is read from the graph when its turn comes,
given away, and forgotten. Where the triples come from: an article from its entry
in the graph's ``articles``; an entity from its node and the edges leaving it
(``ekg:helped``, ``ekg:participatesIn``, ``ekg:partOf``, ``ekg:locatedIn``,
``owl:sameAs``); a mutual aid or measurement from its node and its participant or
subject edges; an assistance, planned assistance or participation from its edge,
or from each of its edges when one help id is on several, whose triples are
merged. Every kind's IRIs start with their own ``base + kind + "/"``, so the kinds
follow each other in order and each is sorted by key alone.

What keeps it fast, a million triples at a time: an object is a bare string
until a predicate gets a second one; IRIs and terms shared by many triples are
written once; subjects come in a few shapes, each shape's block laid out once
and filled with one join; work is done per subject, not per triple.
:func:`write_turtle` joins, encodes and writes the blocks about a megabyte at a time,
so that the file is never held whole; :func:`turtle_chunks` gives the text in pieces.
Resource IRIs are written in full: Turtle would have to escape the ``/`` in
keys such as ``hegang-coal-mine/no-7-mine`` behind a prefix.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import logging
import operator
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Self

import networkx as nx
import pyoxigraph as ox
import rdflib
from rdflib.namespace import DCTERMS, OWL, PROV, RDFS, SKOS, XSD

from kg.namespace import DEFAULT_BASE, EKG, kind_prefix

__all__ = ["PREFIXES", "read_turtle", "to_triples", "turtle_bytes", "turtle_chunks", "write_turtle"]

logger = logging.getLogger(__name__)

PREFIXES: dict[str, str] = {
    "ekg": str(EKG._NS),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "xsd": str(XSD),
    "owl": str(OWL),
}

_ENTITY_TYPES = frozenset(("Enterprise", "Organization", "Person", "Place", "Campaign"))

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


# --------------------------------------------------------------------------- Turtle terms

_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_NAMESPACES = sorted(((iri, prefix) for prefix, iri in PREFIXES.items()), key=lambda x: -len(x[0]))
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# Turtle string escapes: the four that must be, and every other control character as \uXXXX.
_STRING_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
    | {chr(c): f"\\u{c:04X}" for c in [*range(0x20), 0x7F] if c not in (0x0A, 0x0D)}
)
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def _escaped(text: str) -> str:
    # Most text has nothing to escape, which three scans in C tell faster than the regex:
    # every control character is unprintable, and the other two are looked for.
    if text.isprintable() and '"' not in text and "\\" not in text:
        return text
    return text if _NEEDS_ESCAPE.search(text) is None else text.translate(_STRING_ESCAPES)


def _encoded(iri: str) -> str:
    """``iri`` with the characters an IRI cannot hold %-encoded, one by one (so that
    encoding two parts gives the encoding of the whole)."""
    if _IRI_UNSAFE.search(iri) is None:
        return iri
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), iri)


def _full(iri: str) -> str:
    """An IRI written in full, unsafe characters %-encoded."""
    return "<" + _encoded(iri) + ">"


@functools.cache
def _term(iri: str) -> str:
    """A vocabulary IRI as a prefixed name where one fits, else in full."""
    for ns, prefix in _NAMESPACES:
        if iri.startswith(ns) and _PN_LOCAL.match(iri[len(ns) :]):
            return f"{prefix}:{iri[len(ns):]}"
    return _full(iri)


class _EkgTerms(dict):
    """The ``ekg:`` term named by data (a type, form or kind) -> as written; unknown names raise."""

    def __missing__(self, name: str) -> str:
        term = self[name] = _term(str(EKG[name]))
        return term


_EKG = _EkgTerms()


def _lit(text: str, lang: str) -> str:
    # a term for every name, title and evidence sentence: _escaped's test inlined, one f-string
    if not text.isprintable() or '"' in text or "\\" in text:
        text = _escaped(text)
    return f'"{text}"@{lang}'


def _plain(text: str) -> str:
    return f'"{_escaped(text)}"'


def _typed(text: str, datatype: str) -> str:
    return f'"{_escaped(text)}"^^{datatype}'


def _text(text: str) -> str:
    """A name or phrase: ``@zh`` when it holds Chinese characters, else ``@en``."""
    return _lit(text, "en" if text.isascii() or not _CJK.search(text) else "zh")


_TRUE = '"true"^^xsd:boolean'
_E_ARTICLE, _E_ASSISTANCE, _E_PLANNED = _EKG["Article"], _EKG["Assistance"], _EKG["PlannedAssistance"]
_E_PARTICIPATION, _E_MUTUAL_AID, _E_MEASUREMENT = _EKG["Participation"], _EKG["MutualAid"], _EKG["Measurement"]


class _PredicateTerms(dict):
    """Predicate IRI -> its term as written (``a`` for rdf:type, keyed "")."""

    def __missing__(self, iri: str) -> str:
        term = self[iri] = _term(iri) if iri else "a"
        return term


_PREDICATE_TERMS = _PredicateTerms()


# --------------------------------------------------------------------------- subjects

# Predicates are keyed by their full IRI, so that sorting the keys sorts them as
# IRIs; rdf:type is keyed "" so that it comes first.
_TYPE = ""
# (module constants, not attributes of a namespace: read a million times over, each lookup shows)
_HELPED, _HELPER, _RECIPIENT, _STATUS = str(EKG.helped), str(EKG.helper), str(EKG.recipient), str(EKG.status)
_CAMPAIGN, _FORM, _EVIDENCE = str(EKG.campaign), str(EKG.form), str(EKG.evidence)
_PARTICIPANT = str(EKG.participant)
_PAGE, _MENTIONED_IN, _ROLE = str(EKG.page), str(EKG.mentionedIn), str(EKG.role)
_PART_OF, _LOCATED_IN, _PARTICIPATES_IN = str(EKG.partOf), str(EKG.locatedIn), str(EKG.participatesIn)
_SUBJECT, _INDICATOR, _VALUE, _UNIT = str(EKG.subject), str(EKG.indicator), str(EKG.value), str(EKG.unit)
_MEASUREMENT_KIND, _PERIOD, _LOWER_BOUND = str(EKG.measurementKind), str(EKG.period), str(EKG.lowerBound)
_ORIGINAL_CHECK, _ORIGINAL_FIGURE = str(EKG.originalCheck), str(EKG.originalFigure)
_LABEL, _ALT, _IDENT = str(RDFS.label), str(SKOS.altLabel), str(DCTERMS.identifier)
_TITLE, _DATE, _DERIVED = str(DCTERMS.title), str(DCTERMS.date), str(PROV.wasDerivedFrom)
_SAME_AS = str(OWL.sameAs)
_XSD_DATE, _XSD_INTEGER, _XSD_DECIMAL = "xsd:date", "xsd:integer", "xsd:decimal"

# A predicate's objects as gathered: one term, or a list of terms (repeats allowed)
# that is written, once the subject's are all in, as Turtle writes several objects (_written).
# Most predicates have one object, and a bare string is a container fewer to make
# and free, a million times over.
_Objects = str | list[str]


def _written(terms: Iterable[str]) -> str:
    """Several objects of one predicate as written: distinct, sorted, comma-separated."""
    return " , ".join(sorted(set(terms)))


class _Written(str):
    """Several objects already written, for objects that many subjects share (a record's
    help forms); it keeps its terms, in case more objects join them."""

    terms: tuple[str, ...]

    def __new__(cls, terms: list[str]) -> Self:
        written = super().__new__(cls, _written(terms))
        written.terms = tuple(terms)
        return written


def _terms(objs: _Objects) -> Iterable[str]:
    """The terms of a predicate's objects, however they are held."""
    return objs if type(objs) is list else objs.terms if type(objs) is _Written else (objs,)


class _Forms(dict):
    """Help forms as named in the graph -> their ekg:form objects, written once per combination."""

    def __missing__(self, names: tuple[str, ...]) -> str:
        terms = [_EKG[name] for name in names]
        objs = self[names] = terms[0] if len(terms) == 1 else _Written(terms)
        return objs


class _Minted(dict):
    """Keys of one kind -> their IRIs written in full."""

    def __init__(self, prefix: str) -> None:
        self.head = _head(prefix)

    def __missing__(self, key: str) -> str:
        term = self[key] = f"{self.head}{_key(key)}>"
        return term


class _Minter:
    """Keys of one kind -> their IRIs written in full, made each time they are asked for: for
    entities, which are too many to keep an IRI of each while the graph is written."""

    def __init__(self, prefix: str) -> None:
        self.head = _head(prefix)

    def __getitem__(self, key: str) -> str:
        return f"{self.head}{_key(key)}>"


def _head(prefix: str) -> str:
    """What the IRIs of one kind start with, as written: the prefix encoded once, keys each on their own."""
    return "<" + _encoded(prefix)


def _key(key: str) -> str:
    """A key as written in its IRI, after the kind's head."""
    return key if _IRI_UNSAFE.search(key) is None else _encoded(key)


# A subject in the index: the key of its IRI as written (what it is sorted by) first, then
# where its triples come from, for its kind's _Pairs to read.
_Ref = tuple[Any, ...]
_first = operator.itemgetter(0)

# The edges whose triples belong to the entity they leave, and their predicates.
_ENTITY_EDGES = {
    "helped": _HELPED, "participatesIn": _PARTICIPATES_IN, "partOf": _PART_OF,
    "locatedIn": _LOCATED_IN, "sameAs": _SAME_AS,
}
# The edges whose triples belong to the fact node they leave (read by that node's _Pairs).
_FACT_NODE_EDGES = frozenset(("participant", "subject"))


class _Subjects:
    """The graph's subjects, one kind after another, each kind's sorted by key (the index,
    made by :func:`_index`); and what gives one subject's predicates with their objects
    written as Turtle terms, read from the graph when the subject is written. Resource
    IRIs are ``kind_prefix(kind, base) + key`` (:mod:`kg.namespace`). Articles, objects of
    many triples, have their IRIs written once and remembered; entities', as they are needed."""

    def __init__(self, graph: nx.MultiDiGraph, base: str) -> None:
        self.base = base
        # networkx's own dicts, read straight: node -> attributes, node -> successor -> key -> attributes
        self.nodes: dict[Any, dict[str, Any]] = graph._node
        self.succ: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._adj
        # (kind's head, its subjects' refs sorted by key, what gives a ref's predicates and objects)
        self.kinds: list[tuple[str, list[_Ref], _Pairs]] = []
        # where a list of objects was put, as (a subject's predicates, the predicate):
        # each list is written (_written) once the subject is all in, and this emptied
        self.several: list[tuple[dict[str, _Objects], str]] = []
        self.forms = _Forms()  # one graph's: the combinations come from the data
        self.article = _Minted(kind_prefix("article", base))
        self.entity = _Minter(kind_prefix("entity", base))

    def kind(self, kind: str, refs: list[_Ref], pairs: _Pairs) -> None:
        refs.sort(key=_first)  # by key, as written: the kind's IRIs in order
        self.kinds.append((_head(kind_prefix(kind, self.base)), refs, pairs))

    def objects(self, pairs: dict[str, _Objects], p: str, terms: list[str]) -> None:
        """Give ``p`` the objects ``terms``, a list of its own (more may be added to it)."""
        if len(terms) == 1:
            pairs[p] = terms[0]
        else:
            pairs[p] = terms
            self.several.append((pairs, p))

    def merge(self, have: dict[str, _Objects], pairs: dict[str, _Objects]) -> None:
        """A subject built in two places: the triples of ``pairs`` join those it has."""
        for p, objs in pairs.items():
            had = have.get(p)
            if had is None:
                have[p] = objs
                if type(objs) is list:
                    self.several.append((have, p))
            else:
                self.objects(have, p, [*_terms(had), *_terms(objs)])

    def add(self, pairs: dict[str, _Objects], p: str, o: str) -> None:
        had = pairs.get(p)
        if had is None:
            pairs[p] = o
        elif type(had) is list:  # made by objects, never shared
            had.append(o)
        else:
            self.objects(pairs, p, [*_terms(had), o])

    def fact(self, pairs: dict[str, _Objects], d: dict[str, Any]) -> dict[str, _Objects]:
        """``pairs`` of a fact node (help, planned help, mutual aid) with what these share:
        campaign, forms and evidence. Most of a graph is such nodes, hence a single call
        for each, with a single piece of evidence taken straight."""
        campaign, forms, evidence = d.get("campaign"), d.get("forms"), d.get("evidence")
        if campaign:
            pairs[_CAMPAIGN] = self.entity[campaign]
        if forms:
            pairs[_FORM] = self.forms[tuple(forms)]
        if evidence:
            if len(evidence) == 1:
                ev = evidence[0]
                pairs[_EVIDENCE] = _lit(ev["text"], ev.get("lang") or "en")
                pairs[_DERIVED] = self.article[ev["article"]]
            else:
                self.evidence(pairs, evidence)
        return pairs

    def evidence(self, pairs: dict[str, _Objects], evidence: Sequence[dict[str, Any]]) -> None:
        self.objects(pairs, _EVIDENCE, [_lit(ev["text"], ev.get("lang") or "en") for ev in evidence])
        self.objects(pairs, _DERIVED, [self.article[ev["article"]] for ev in evidence])


# What gives the predicates and objects of one ref of a kind (all of them, or, for a
# subject reached from several places, those of that place).
_Pairs = Callable[[_Subjects, _Ref], dict[str, _Objects]]


def _article(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    _, aid, a = ref
    pairs: dict[str, _Objects] = {_TYPE: _E_ARTICLE, _IDENT: _plain(aid)}
    titles = []
    if a.get("title"):
        titles.append(_lit(a["title"], "en"))
    if a.get("title_zh"):
        titles.append(_lit(a["title_zh"], "zh"))
    if titles:
        t.objects(pairs, _TITLE, titles)
    if a.get("date"):
        pairs[_DATE] = _typed(a["date"], _XSD_DATE)
    if a.get("page") is not None:
        pairs[_PAGE] = _typed(str(int(a["page"])), _XSD_INTEGER)
    return pairs


def _entity(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    """An entity: its node's triples (unless the node is a fact's, which is an entity
    subject only by the edges below), then those of the edges leaving it."""
    node = ref[1]
    d = t.nodes[node]
    pairs: dict[str, _Objects] = _entity_node(t, d) if d.get("type") in _ENTITY_TYPES else {}
    entity, add = t.entity, t.add
    for v, keyed in t.succ[node].items():
        for e in keyed.values():
            p = _ENTITY_EDGES.get(e.get("relation"))
            if p is not None:
                add(pairs, p, entity[v])
    return pairs


def _entity_node(t: _Subjects, d: dict[str, Any]) -> dict[str, _Objects]:
    label, label_zh, alt_labels, articles, role = (
        d["label"], d.get("label_zh"), d.get("alt_labels"), d.get("articles"), d.get("role"))
    pairs: dict[str, _Objects] = {_TYPE: _EKG[d["type"]]}
    if label_zh:
        t.objects(pairs, _LABEL, [_lit(label, "en"), _lit(label_zh, "zh")])
    else:
        pairs[_LABEL] = _lit(label, "en")
    if alt_labels:
        t.objects(pairs, _ALT, [_text(alt) for alt in alt_labels])
    if articles:
        article = t.article
        t.objects(pairs, _MENTIONED_IN, [article[aid] for aid in articles])
    if role:
        pairs[_ROLE] = _text(role)
    return pairs


def _linked(t: _Subjects, node: Any, relation: str) -> list[str]:
    """The entities a fact node points to by ``relation`` (its participants, its subject)."""
    entity = t.entity
    return [
        entity[v]
        for v, keyed in t.succ[node].items()
        for e in keyed.values()
        if e.get("relation") == relation
    ]


def _mutual_aid(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    node = ref[1]
    pairs: dict[str, _Objects] = {_TYPE: _E_MUTUAL_AID}
    t.objects(pairs, _PARTICIPANT, _linked(t, node, "participant"))
    return t.fact(pairs, t.nodes[node])


def _measurement(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    node = ref[1]
    d = t.nodes[node]
    pairs: dict[str, _Objects] = {
        _TYPE: _E_MEASUREMENT,
        _INDICATOR: _lit(d["indicator"], "en"),
        _VALUE: _typed(str(d["value"]), _XSD_DECIMAL),
        _UNIT: _plain(d["unit"]),
        _MEASUREMENT_KIND: _EKG[d["kind"]],
    }
    t.objects(pairs, _SUBJECT, _linked(t, node, "subject"))
    if d.get("period"):
        pairs[_PERIOD] = _plain(d["period"])
    if d.get("lower_bound"):
        pairs[_LOWER_BOUND] = _TRUE
    if d.get("original_check") in ("agrees", "differs"):  # ekg:Agrees, ekg:Differs; absent: unchecked
        pairs[_ORIGINAL_CHECK] = _EKG[d["original_check"].title()]
    if d.get("original_value"):
        pairs[_ORIGINAL_FIGURE] = _lit(d["original_value"], "zh")
    if d.get("evidence"):
        t.evidence(pairs, d["evidence"])
    return pairs


# The fact nodes made from edges: a ref is (key, helper or participant, recipient or
# campaign, the edge's attributes), the two ends as the graph's nodes, whose IRIs are
# made as the subject is written.


def _assistance(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    _, u, v, d = ref
    entity = t.entity
    return t.fact({_TYPE: _E_ASSISTANCE, _HELPER: entity[u], _RECIPIENT: entity[v]}, d)


def _planned(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    # decided, proposed, planned or pledged: no ekg:helped shortcut
    _, u, v, d = ref
    entity = t.entity
    return t.fact({_TYPE: _E_PLANNED, _HELPER: entity[u], _RECIPIENT: entity[v], _STATUS: _EKG[d["status"]]}, d)


def _participation(t: _Subjects, ref: _Ref) -> dict[str, _Objects]:
    _, u, v, d = ref
    entity = t.entity
    pairs: dict[str, _Objects] = {_TYPE: _E_PARTICIPATION, _PARTICIPANT: entity[u], _CAMPAIGN: entity[v]}
    if d.get("evidence"):
        t.evidence(pairs, d["evidence"])
    return pairs


def _index(graph: nx.MultiDiGraph, base: str) -> _Subjects:
    """The graph's subjects by kind, each kind's sorted by key, with where their triples
    come from; nothing of the triples themselves is made here, but every name the data
    gives the vocabulary (a node's type, a help form, a status, a measurement's kind)
    is checked, so that a graph that cannot be written fails before a byte is.

    Where a subject's triples come from: an article, from its entry in the graph's
    ``articles``; an entity, from its node and the edges leaving it (:data:`_ENTITY_EDGES`);
    a mutual aid or a measurement, from its node and the edges leaving it (participant,
    subject); an assistance, planned assistance or participation, from its edge. Two refs
    with the same key (the same help id on two edges, or keys that are written alike) are
    one subject, whose triples are merged.
    """
    t = _Subjects(graph, base)
    articles = graph.graph.get("articles") or {}
    t.kind("article", [(_key(aid), aid, a) for aid, a in articles.items()], _article)
    nodes, succ, forms, ekg = t.nodes, t.succ, t.forms, _EKG
    entities: list[_Ref] = []
    mutual_aid: list[_Ref] = []
    measurements: list[_Ref] = []
    for node, d in nodes.items():
        kind = d.get("type")
        if kind in _ENTITY_TYPES:
            entities.append((_key(node), node))
        elif kind == "MutualAid":
            if d.get("forms"):
                forms[tuple(d["forms"])]  # noqa: B018 - an unknown form raises here
            mutual_aid.append((_key(node), node))
        elif kind == "Measurement":
            ekg[d["kind"]]  # noqa: B018 - as an unknown kind
            measurements.append((_key(node), node))
        else:
            raise ValueError(f"node {node!r} has unknown type {kind!r}")
    helped: list[_Ref] = []
    planned: list[_Ref] = []
    participation: list[_Ref] = []
    for u, neighbours in succ.items():
        if nodes[u].get("type") not in _ENTITY_TYPES:  # a fact node
            relations = {e.get("relation") for keyed in neighbours.values() for e in keyed.values()}
            if relations <= _FACT_NODE_EDGES:
                continue  # its edges are its node's
            if not relations.isdisjoint(_ENTITY_EDGES):  # kg.graph makes none such, but the writer takes them
                entities.append((_key(u), u))  # its IRI as an entity's is a subject too, as the edges say
        for v, keyed in neighbours.items():
            for key, d in keyed.items():
                rel = d.get("relation")
                if rel == "helped":
                    if d.get("forms"):
                        forms[tuple(d["forms"])]  # noqa: B018 - an unknown form raises here
                    helped.append((_key(key), u, v, d))
                elif rel == "participatesIn":
                    participation.append((_key(key), u, v, d))
                elif rel == "plannedHelp":
                    ekg[d["status"]]  # noqa: B018 - as an unknown status
                    if d.get("forms"):
                        forms[tuple(d["forms"])]  # noqa: B018
                    planned.append((_key(key), u, v, d))
                # partOf, locatedIn, sameAs (and helped, participatesIn): read with the entity u
    t.kind("entity", entities, _entity)
    t.kind("assistance", helped, _assistance)
    t.kind("planned-assistance", planned, _planned)
    t.kind("participation", participation, _participation)
    t.kind("mutual-aid", mutual_aid, _mutual_aid)
    t.kind("measurement", measurements, _measurement)
    return t


# --------------------------------------------------------------------------- Turtle text


class _Layouts(dict):
    """A subject's predicates, in the order they were added -> how its block is written:
    the block's pieces, with the predicates in IRI order and room at the even places
    for the subject and each predicate's objects (filled in for one subject after
    another), and a getter of the objects in that order. Subjects come in a few shapes
    (every help node has the same predicates), so the predicates are sorted and written
    once per shape, not once per subject."""

    def __missing__(self, keys: tuple[str, ...]) -> tuple[list[str | None], Any]:
        order = sorted(keys)
        pieces: list[str | None] = [None]  # [subject, " a ", objects, " ;\n\tekg:p ", objects, ..., " .\n"]
        for i, p in enumerate(order):
            pieces += [(" " if i == 0 else " ;\n\t") + _PREDICATE_TERMS[p] + " ", None]
        pieces.append(" .\n")
        objects = operator.itemgetter(*order) if len(order) > 1 else lambda pairs, p=order[0]: (pairs[p],)
        layout = self[keys] = (pieces, objects)
        return layout


def _turtle_blocks(t: _Subjects) -> Iterator[str]:
    """The prefixes, then one block per subject in IRI order: ``rdf:type`` first, then the
    predicates in IRI order, each with its distinct objects sorted.

    A kind's IRIs all start with its head, ``base + kind + "/"``, and no kind's head starts
    another's, so all the subjects of a kind come together, the kinds in the order of
    their heads, and within a kind the subjects in the order of their keys as written.
    Each subject's triples are read from the graph as it comes, and its block made and
    given away before the next one's: only the index and one subject are ever held.
    """
    for prefix, iri in PREFIXES.items():
        yield f"@prefix {prefix}: <{iri}> .\n"
    layouts = _Layouts()
    several = t.several
    kinds = sorted(t.kinds, key=_first, reverse=True)
    t.kinds = []
    while kinds:
        head, refs, pairs_of = kinds.pop()  # each kind's index let go once written
        n, i = len(refs), 0
        while i < n:
            ref = refs[i]
            key = ref[0]
            pairs = pairs_of(t, ref)
            i += 1
            while i < n and refs[i][0] == key:  # the same IRI from another place: one subject
                t.merge(pairs, pairs_of(t, refs[i]))
                i += 1
            if several:  # the subject's lists of objects, now complete, written
                for have, p in several:
                    objs = have[p]
                    if type(objs) is list:
                        have[p] = _written(objs)
                several.clear()
            pieces, objects = layouts[tuple(pairs)]
            pieces[::2] = (f"{head}{key}>", *objects(pairs))  # the shape's pieces, filled in for this subject
            yield "".join(pieces)
        del refs


# --------------------------------------------------------------------------- public

# Characters of Turtle joined, encoded and written at once by write_turtle: the file is
# never held whole, as text or as bytes.
_PIECE = 1 << 20


def turtle_chunks(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """The Turtle text of ``graph`` in pieces: the prefix lines, then one block per
    subject in IRI order (``rdf:type`` first, then the predicates in IRI order, each
    with its distinct objects sorted). Joined, they are :func:`turtle_bytes`'s text.

    The graph is indexed (:func:`_index`) when the first piece is asked for, with the
    cyclic garbage collector off (:func:`_no_gc`) for that step alone: it is on again
    before anything is yielded, however far the pieces are then read. Each subject's
    block is then read from the graph as it is asked for: the graph must not change
    while the pieces are read.
    """
    with _no_gc():
        subjects = _index(graph, base)
    yield from _turtle_blocks(subjects)


def turtle_bytes(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> bytes:
    """``graph`` as Turtle, UTF-8; the same graph and base always give the same bytes."""
    with _no_gc():
        return "".join(turtle_chunks(graph, base=base)).encode("utf-8")


def to_triples(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> list[ox.Triple]:
    """The triples of ``graph`` as Oxigraph terms, in the order they are written
    (read back from the Turtle, so the two can never disagree)."""
    return list(ox.parse(turtle_bytes(graph, base=base), ox.RdfFormat.TURTLE))


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Work without the cyclic garbage collector: building hundreds of thousands of
    small containers (the index's) would set it off over and over, each time walking
    everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _encoded_pieces(chunks: Iterable[str]) -> Iterator[bytes]:
    """``chunks`` joined into pieces of about :data:`_PIECE` characters, each encoded as UTF-8."""
    size = _PIECE  # read per call, so that a test can make the pieces small
    batch: list[str] = []
    n = 0
    for chunk in chunks:
        batch.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(batch).encode("utf-8")
            batch, n = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def write_turtle(
    graph: nx.MultiDiGraph, dest: str | Path | IO[bytes], *, base: str = DEFAULT_BASE
) -> None:
    """Write ``graph`` as Turtle (UTF-8) to a path or a binary file object.

    Resource IRIs are minted under ``base``; the same graph and base always
    give the same bytes (:func:`turtle_bytes`'s). The text is written in pieces
    of about :data:`_PIECE` characters, never held whole. The graph is indexed
    before anything is written, and the names it gives the vocabulary checked: a
    graph with an unknown node type, help form, status or measurement kind leaves
    ``dest`` as it was. (A node or edge missing an attribute it must have, which
    :mod:`kg.graph` never makes, fails when its subject is written.)
    """
    with _no_gc():  # nor is the index's hundreds of thousands of tuples walked while it is written
        pieces = _encoded_pieces(turtle_chunks(graph, base=base))
        first = next(pieces, b"")  # the index, and its errors, come before the file is opened
        pieces = itertools.chain((first,), pieces)
        if isinstance(dest, (str, os.PathLike)):
            with open(dest, "wb") as f:
                size = _write_pieces(f, pieces)
        else:
            size = _write_pieces(dest, pieces)
    logger.info("wrote %d bytes of Turtle", size)


def _write_pieces(out: IO[bytes], pieces: Iterable[bytes]) -> int:
    """Write ``pieces`` to ``out``; their number of bytes."""
    size = 0
    for data in pieces:
        out.write(data)
        size += len(data)
    return size


def read_turtle(source: str | Path | IO[bytes]) -> rdflib.Graph:
    """Parse a Turtle file (a path or a binary file object) into an rdflib graph."""
    if isinstance(source, (str, os.PathLike)):
        data = Path(source).read_bytes()
    else:
        data = source.read()  # rdflib's own file input needs a named file
    return rdflib.Graph().parse(data=data, format="turtle")

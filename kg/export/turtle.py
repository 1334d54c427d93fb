"""Turtle export: the graph of :mod:`kg.graph` in the ``ekg:`` vocabulary.

The triples follow ``docs/output-contract.md``: articles, entities with their
labels and structure, one ``ekg:Assistance`` node per helped edge (plus the
shortcut ``helper ekg:helped recipient``), ``ekg:Participation``,
``ekg:MutualAid`` and ``ekg:Measurement`` nodes, each with its evidence and
``prov:wasDerivedFrom`` its article.

The writer goes straight from the graph to Turtle text: each subject's
predicates are collected with their objects already written as terms, then
the subjects are written in order, one block each (``rdf:type`` first, then
predicates in IRI order, distinct objects sorted), prefixed names where they
fit, every string escaped. No triple objects are built on the way, which is
what makes it fast (``bench/turtle_bench.py``); the output is byte-identical
for the same graph, and a hypothesis test round-trips hostile text.
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
from collections.abc import Iterable, Iterator, Sequence
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

# A predicate's objects as collected: one term, or a list of terms (repeats allowed)
# that is written, once all are in, as Turtle writes several objects (_written).
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
        self.head = "<" + _encoded(prefix)  # the prefix is encoded once, keys each on their own

    def __missing__(self, key: str) -> str:
        term = self[key] = self.once(key)
        return term

    def once(self, key: str) -> str:
        """The IRI of ``key`` as written, not remembered: for the key of one fact node, used once."""
        return f"{self.head}{key if _IRI_UNSAFE.search(key) is None else _encoded(key)}>"


class _Subjects:
    """The graph's subjects, each with its predicates and their objects already
    written as Turtle terms; resource IRIs are ``kind_prefix(kind, base) + key``
    (:mod:`kg.namespace`). Articles and entities, objects of many triples, have
    their IRIs written once and remembered."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.blocks: dict[str, dict[str, _Objects]] = {}
        # where a list of objects was put, as (a subject's predicates, the predicate):
        # each list is written (_written) once the graph is all in
        self.several: list[tuple[dict[str, _Objects], str]] = []
        self.forms = _Forms()  # one graph's: the combinations come from the data
        self.article = _Minted(kind_prefix("article", base))
        self.entity = _Minted(kind_prefix("entity", base))
        self.assistance = _Minted(kind_prefix("assistance", base))
        self.planned = _Minted(kind_prefix("planned-assistance", base))
        self.participation = _Minted(kind_prefix("participation", base))
        self.mutual_aid = _Minted(kind_prefix("mutual-aid", base))
        self.measurement = _Minted(kind_prefix("measurement", base))

    def objects(self, pairs: dict[str, _Objects], p: str, terms: list[str]) -> None:
        """Give ``p`` the objects ``terms``, a list of its own (more may be added to it)."""
        if len(terms) == 1:
            pairs[p] = terms[0]
        else:
            pairs[p] = terms
            self.several.append((pairs, p))

    def put(self, s: str, pairs: dict[str, _Objects]) -> None:
        have = self.blocks.setdefault(s, pairs)
        if have is not pairs:
            self.merge(have, pairs)

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

    def add(self, s: str, p: str, o: str) -> None:
        pairs = self.blocks.get(s)
        if pairs is None:
            self.blocks[s] = {p: o}
            return
        had = pairs.get(p)
        if had is None:
            pairs[p] = o
        elif type(had) is list:  # made by objects, never shared
            had.append(o)
        else:
            self.objects(pairs, p, [*_terms(had), o])

    def fact(self, minted: _Minted, key: str, pairs: dict[str, _Objects], d: dict[str, Any]) -> None:
        """Put the fact node ``key`` (help, planned help, mutual aid): ``pairs`` and what
        these share, campaign, forms and evidence. Most of a graph is such nodes, hence a
        single call for each, with a single piece of evidence taken straight and put's
        work done here."""
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
        have = self.blocks.setdefault(minted.once(key), pairs)
        if have is not pairs:
            self.merge(have, pairs)

    def evidence(self, pairs: dict[str, _Objects], evidence: Sequence[dict[str, Any]]) -> None:
        self.objects(pairs, _EVIDENCE, [_lit(ev["text"], ev.get("lang") or "en") for ev in evidence])
        self.objects(pairs, _DERIVED, [self.article[ev["article"]] for ev in evidence])


def _articles(t: _Subjects, articles: dict[str, dict[str, Any]]) -> None:
    for aid, a in articles.items():
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
        t.put(t.article[aid], pairs)


def _entity(t: _Subjects, node: str, d: dict[str, Any]) -> None:
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
    t.put(t.entity[node], pairs)


def _linked(t: _Subjects, g: nx.MultiDiGraph, node: str, relation: str) -> list[str]:
    """The entities a fact node points to by ``relation`` (its participants, its subject)."""
    return [t.entity[other] for _, other, rel in g.out_edges(node, data="relation") if rel == relation]


def _mutual_aid(t: _Subjects, g: nx.MultiDiGraph, node: str, d: dict[str, Any]) -> None:
    pairs: dict[str, _Objects] = {_TYPE: _E_MUTUAL_AID}
    t.objects(pairs, _PARTICIPANT, _linked(t, g, node, "participant"))
    t.fact(t.mutual_aid, node, pairs, d)


def _measurement(t: _Subjects, g: nx.MultiDiGraph, node: str, d: dict[str, Any]) -> None:
    pairs: dict[str, _Objects] = {
        _TYPE: _E_MEASUREMENT,
        _INDICATOR: _lit(d["indicator"], "en"),
        _VALUE: _typed(str(d["value"]), _XSD_DECIMAL),
        _UNIT: _plain(d["unit"]),
        _MEASUREMENT_KIND: _EKG[d["kind"]],
    }
    t.objects(pairs, _SUBJECT, _linked(t, g, node, "subject"))
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
    t.put(t.measurement.once(node), pairs)


def _edge(t: _Subjects, su: str, sv: str, key: str, d: dict[str, Any]) -> None:
    """The triples of the edge ``key`` from the entity ``su`` to ``sv`` (their IRIs as written)."""
    rel = d.get("relation")
    if rel == "helped":
        t.fact(t.assistance, key, {_TYPE: _E_ASSISTANCE, _HELPER: su, _RECIPIENT: sv}, d)
        t.add(su, _HELPED, sv)
    elif rel == "plannedHelp":  # decided, proposed, planned or pledged: no ekg:helped shortcut
        status = _EKG[d["status"]]
        t.fact(t.planned, key, {_TYPE: _E_PLANNED, _HELPER: su, _RECIPIENT: sv, _STATUS: status}, d)
    elif rel == "participatesIn":
        pairs = {_TYPE: _E_PARTICIPATION, _PARTICIPANT: su, _CAMPAIGN: sv}
        if d.get("evidence"):
            t.evidence(pairs, d["evidence"])
        t.put(t.participation.once(key), pairs)
        t.add(su, _PARTICIPATES_IN, sv)
    elif rel == "partOf":
        t.add(su, _PART_OF, sv)
    elif rel == "locatedIn":
        t.add(su, _LOCATED_IN, sv)
    elif rel == "sameAs":
        t.add(su, _SAME_AS, sv)
    # participant and subject: edges leaving fact nodes, whose nodes handle them


def _collect(graph: nx.MultiDiGraph, base: str) -> _Subjects:
    t = _Subjects(base)
    _articles(t, graph.graph.get("articles") or {})
    for node, d in graph.nodes(data=True):
        kind = d.get("type")
        if kind in _ENTITY_TYPES:
            _entity(t, node, d)
        elif kind == "MutualAid":
            _mutual_aid(t, graph, node, d)
        elif kind == "Measurement":
            _measurement(t, graph, node, d)
        else:
            raise ValueError(f"node {node!r} has unknown type {kind!r}")
    entity = t.entity
    for u, neighbours in graph.adjacency():  # the edges, with each end's IRI looked up once
        su = entity[u]  # a fact node's too, never written: its edges are skipped by _edge
        for v, keyed in neighbours.items():
            sv = entity[v]
            for key, d in keyed.items():
                _edge(t, su, sv, key, d)
    return t


# --------------------------------------------------------------------------- Turtle text

# A subject's IRI without its closing ">": sorting these sorts the IRIs ("<x/1" before "<x/10",
# which "<x/1>" is not). A C-level key function, for the hundreds of thousands of subjects.
_unbracketed = operator.itemgetter(slice(None, -1))


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
    """The prefixes, then one block per subject in order: ``rdf:type`` first, then the
    predicates in IRI order, each with its distinct objects sorted."""
    for prefix, iri in PREFIXES.items():
        yield f"@prefix {prefix}: <{iri}> .\n"
    for pairs, p in t.several:  # every list of objects, now complete, written
        objs = pairs[p]
        if type(objs) is list:
            pairs[p] = _written(objs)
    layouts = _Layouts()
    blocks = t.blocks
    for s in sorted(blocks, key=_unbracketed):  # in IRI order
        pairs = blocks[s]
        pieces, objects = layouts[tuple(pairs)]
        pieces[::2] = (s, *objects(pairs))  # the shape's pieces, filled in for this subject
        yield "".join(pieces)


# --------------------------------------------------------------------------- public

# Characters of Turtle joined, encoded and written at once by write_turtle: the file is
# never held whole, as text or as bytes.
_PIECE = 1 << 20


def turtle_chunks(graph: nx.MultiDiGraph, *, base: str = DEFAULT_BASE) -> Iterator[str]:
    """The Turtle text of ``graph`` in pieces: the prefix lines, then one block per
    subject in IRI order (``rdf:type`` first, then the predicates in IRI order, each
    with its distinct objects sorted). Joined, they are :func:`turtle_bytes`'s text.

    The graph is collected when the first piece is asked for, with the cyclic garbage
    collector off (:func:`_no_gc`) for that step alone: it is on again before anything
    is yielded, however far the pieces are then read.
    """
    with _no_gc():
        subjects = _collect(graph, base)
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
    """Collect without the cyclic garbage collector: building a million small
    containers would set it off over and over, each time walking everything."""
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
    of about :data:`_PIECE` characters, never held whole. The graph is collected
    before anything is written: a graph that cannot be collected (an unknown type
    or help form) leaves ``dest`` as it was.
    """
    with _no_gc():  # nor is the collected graph's million containers walked while it is written
        pieces = _encoded_pieces(turtle_chunks(graph, base=base))
        first = next(pieces, b"")  # the collection, and its errors, come before the file is opened
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

"""The resolved corpus as a NetworkX ``MultiDiGraph`` of who helped whom.

This graph is what every exporter reads. Its shape:

``G.graph["articles"]``
    ``{article_id: {"title", "title_zh", "author", "date" (ISO string or None),
    "page", "source"}}``

Entity nodes (id = entity id, e.g. ``"hegang-coal-mine/no-7-mine"``)
    ``type`` (``"Enterprise"``, ``"Organization"``, ``"Person"``, ``"Place"``,
    ``"Campaign"``), ``label``, ``label_zh`` (or None), ``alt_labels`` (list),
    ``articles`` (list of article ids), ``role`` (persons only, or None).

Fact nodes (id = record id)
    ``type="MutualAid"``: ``label``, ``forms``, ``campaign``, ``evidence``;
    edges ``aid -> participant`` with ``relation="participant"``.
    ``type="Measurement"``: ``label``, ``indicator``, ``value`` (decimal as a
    string), ``unit``, ``kind``, ``period``, ``lower_bound``, ``original_check``
    (``"agrees"``, ``"differs"``, ``"unchecked"``: the value against the Chinese
    original), ``original_value`` (the Chinese figure as written, or None),
    ``evidence``; one edge ``measurement -> subject`` with ``relation="subject"``.

Edges between entities (every edge has ``relation``)
    ``"helped"``: helper -> recipient, key = the Assistance id, with ``forms``
    (list of form names), ``campaign`` (entity id or None), ``evidence``.
    ``"plannedHelp"``: helper -> recipient, key = the PlannedAssistance id, with
    ``status`` (``"Decided"``, ``"Proposed"``, ``"Planned"``, ``"Pledged"``),
    ``forms``, ``campaign``, ``evidence``: help not (yet) done.
    ``"participatesIn"``: participant -> campaign, key = the Participation id,
    with ``evidence``.
    ``"partOf"``, ``"locatedIn"``: key = the relation name.
    ``"sameAs"``: two ids of one unit (see :mod:`kg.resolve`), one edge per pair,
    from the smaller id to the larger.

``evidence`` is always a list of ``{"article", "text", "start", "end", "lang"}``:
the English sentence, then the aligned Chinese one (``lang="zh"``) where found.
Nodes and edges are added in sorted order so that every export is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.schemas import (
    ENTITY_CLASSES,
    Article,
    Assistance,
    Corpus,
    EntityType,
    Evidence,
    HelpForm,
    Measurement,
    MutualAid,
    Participation,
    PlannedAssistance,
)

__all__ = ["to_networkx", "from_networkx", "NODE_TYPES", "RELATIONS"]

NODE_TYPES = ("Enterprise", "Organization", "Person", "Place", "Campaign", "MutualAid", "Measurement")
RELATIONS = ("helped", "plannedHelp", "participatesIn", "partOf", "locatedIn", "sameAs", "participant", "subject")


def _evidence(record: Any) -> list[dict[str, Any]]:
    """The record's English evidence, then its Chinese evidence if any."""
    evs: list[Evidence] = [record.evidence]
    if record.evidence_zh is not None:
        evs.append(record.evidence_zh)
    return [ev.model_dump(mode="json") for ev in evs]


def _evidence_fields(evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """``evidence`` and ``evidence_zh`` of a record from a graph's evidence list (see :func:`_evidence`)."""
    return {"evidence": evidence[0],
            "evidence_zh": next((ev for ev in evidence[1:] if ev.get("lang") == "zh"), None)}


def _forms(forms: tuple[HelpForm, ...]) -> list[str]:
    return [f.value for f in forms]


def _measurement_label(value: str, unit: str, lower_bound: bool) -> str:
    more = "> " if lower_bound else ""
    sep = "" if unit == "%" else " "
    return f"{more}{value}{sep}{unit}"


def to_networkx(corpus: Corpus) -> nx.MultiDiGraph:
    """Build the graph of a resolved corpus (see the module docstring for its shape)."""
    g = nx.MultiDiGraph()
    g.graph["articles"] = {
        a.id: {
            "title": a.title,
            "title_zh": a.title_zh,
            "author": a.author,
            "date": a.date.isoformat() if a.date else None,
            "page": a.page,
            "source": a.source,
        }
        for a in sorted(corpus.articles, key=lambda a: a.id)
    }
    for e in sorted(corpus.entities, key=lambda e: e.id):
        g.add_node(
            e.id,
            type=e.type.value,
            label=e.label,
            label_zh=e.label_zh,
            alt_labels=list(e.alt_labels),
            articles=list(e.articles),
            role=getattr(e, "role", None),
        )
    for e in sorted(corpus.entities, key=lambda e: e.id):
        if e.part_of:
            g.add_edge(e.id, e.part_of, key="partOf", relation="partOf")
        if e.located_in:
            g.add_edge(e.id, e.located_in, key="locatedIn", relation="locatedIn")
        for other in e.same_as:
            if e.id < other:
                g.add_edge(e.id, other, key="sameAs", relation="sameAs")
    help_edges = [(a, "helped", {}) for a in corpus.assistance]
    help_edges += [(a, "plannedHelp", {"status": a.status.value}) for a in corpus.planned_assistance]
    for a, relation, extra in sorted(help_edges, key=lambda x: (x[1], x[0].id)):
        g.add_edge(a.helper, a.recipient, key=a.id, relation=relation, **extra, forms=_forms(a.forms),
                   campaign=a.campaign, evidence=_evidence(a))
    for m in sorted(corpus.mutual_aid, key=lambda r: r.id):
        g.add_node(
            m.id,
            type="MutualAid",
            label=f"mutual aid of {len(m.participants)} units" if len(m.participants) > 1 else "mutual aid within a group",
            forms=_forms(m.forms),
            campaign=m.campaign,
            evidence=_evidence(m),
        )
        for p in m.participants:
            g.add_edge(m.id, p, key="participant", relation="participant")
    for p in sorted(corpus.participation, key=lambda r: r.id):
        g.add_edge(
            p.participant,
            p.campaign,
            key=p.id,
            relation="participatesIn",
            evidence=_evidence(p),
        )
    for m in sorted(corpus.measurements, key=lambda r: r.id):
        value = format(m.value, "f")
        g.add_node(
            m.id,
            type="Measurement",
            label=_measurement_label(value, m.unit, m.lower_bound),
            indicator=m.indicator,
            value=value,
            unit=m.unit,
            kind=m.kind.value,
            period=m.period,
            lower_bound=m.lower_bound,
            original_check=m.original_check,
            original_value=m.original_value,
            evidence=_evidence(m),
        )
        g.add_edge(m.id, m.subject, key="subject", relation="subject")
    return g


def from_networkx(g: nx.MultiDiGraph) -> Corpus:
    """The records of a graph of this shape: the inverse of :func:`to_networkx`.

    Articles get the header fields the graph keeps; their text is not in the graph.
    """
    entity_types = {t.value for t in EntityType}
    links: dict[str, dict[str, Any]] = defaultdict(dict)
    same_as: dict[str, set[str]] = defaultdict(set)
    participants: dict[str, list[str]] = defaultdict(list)
    records: dict[str, list[Any]] = defaultdict(list)
    for u, v, key, d in g.edges(keys=True, data=True):
        rel = d["relation"]
        if rel in ("partOf", "locatedIn"):
            links[u]["part_of" if rel == "partOf" else "located_in"] = v
        elif rel == "sameAs":
            same_as[u].add(v)
            same_as[v].add(u)
        elif rel == "participant":
            participants[u].append(v)
        elif rel == "subject":
            links[u]["subject"] = v
        elif rel == "participatesIn":
            records["participation"].append(Participation.model_validate(
                {"id": key, "participant": u, "campaign": v, **_evidence_fields(d["evidence"])}))
        elif rel in ("helped", "plannedHelp"):
            fields = {"id": key, "helper": u, "recipient": v, "campaign": d["campaign"], "forms": d["forms"],
                      **_evidence_fields(d["evidence"])}
            if rel == "helped":
                records["assistance"].append(Assistance.model_validate(fields))
            else:
                fields["status"] = d["status"]
                records["planned_assistance"].append(PlannedAssistance.model_validate(fields))
    for n, d in g.nodes(data=True):
        if d["type"] in entity_types:
            cls = ENTITY_CLASSES[EntityType(d["type"])]
            fields = {"id": n, "label": d["label"], "label_zh": d["label_zh"], "alt_labels": d["alt_labels"],
                      "articles": d["articles"], "same_as": sorted(same_as[n]), **links[n]}
            if d["type"] == EntityType.PERSON.value:
                fields["role"] = d["role"]
            records["entities"].append(cls.model_validate(fields))
        elif d["type"] == "MutualAid":
            records["mutual_aid"].append(MutualAid.model_validate(
                {"id": n, "participants": participants[n], "campaign": d["campaign"], "forms": d["forms"],
                 **_evidence_fields(d["evidence"])}))
        elif d["type"] == "Measurement":
            fields = {k: d[k] for k in ("indicator", "value", "unit", "kind", "period", "lower_bound")}
            fields |= {k: d[k] for k in ("original_check", "original_value") if k in d}  # graphs of older builds lack them
            records["measurements"].append(Measurement.model_validate(
                {"id": n, "subject": links[n]["subject"], **_evidence_fields(d["evidence"]), **fields}))
    header = ("source", "title", "title_zh", "author", "date", "page")
    articles = g.graph.get("articles", {})
    records["articles"] = [Article.model_validate({"id": i, **{k: articles[i][k] for k in header}}) for i in articles]
    return Corpus(**records)

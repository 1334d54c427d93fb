"""The Python API: build or load a graph, then explore it in a notebook.

    import kg
    g = kg.build()                            # the bundled articles (kg.load("output") reads a build back)
    g.frames.assistance                       # who helped whom, one row per act of help
    g.sparql("who-helped-whom")               # SPARQL (a pack name, a file or text) as a DataFrame
    g.neighbourhood("No. 6 Mine").show()      # the viewer of one unit's surroundings, inline

A :class:`KnowledgeGraph` holds the NetworkX graph of :mod:`kg.graph` and the
records of :mod:`kg.schemas` it was made from, sorted by id (article, then the
order the article states them). ``kg.load`` has only the graph file, so it rebuilds
the records from the graph; its articles carry the header fields but not the text.
"""

from __future__ import annotations

import difflib
import html
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
import pyoxigraph as ox

from kg import builder
from kg.errors import AmbiguousEntityError, QueryError, UnknownEntityError
from kg.export import FORMATS, export
from kg.export.html import DEFAULT_TITLE
from kg.graph import from_networkx
from kg.namespace import DEFAULT_BASE
from kg.resolve import normalise_name
from kg.schemas import (
    Article,
    Assistance,
    Corpus,
    Entity,
    Measurement,
    MutualAid,
    Participation,
    PlannedAssistance,
)

if TYPE_CHECKING:
    from IPython.display import HTML
    from spacy.language import Language

__all__ = ["KnowledgeGraph", "Frames", "build", "load"]

Dest = str | Path | IO[bytes]
_RECORDS = ("articles", "entities", "assistance", "planned_assistance", "mutual_aid", "measurements", "participation")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS: dict[str, Callable[[str], Any]] = {
    **{_XSD + t: int for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")},
    **{_XSD + t: float for t in ("decimal", "double", "float")},
    _XSD + "boolean": lambda v: v in ("true", "1"),
}


def build(
    paths: Sequence[str | Path] = (),
    out_dir: str | Path | None = None,
    *,
    nlp: Language | None = None,
    formats: Sequence[str] = builder.DEFAULT_FORMATS,
    base: str = DEFAULT_BASE,
    progress: Callable[[Article], None] | None = None,
) -> KnowledgeGraph:
    """The graph of ``paths`` (files or folders; the bundled samples when empty).

    Writes ``formats`` into ``out_dir`` only when one is given; unreadable files
    are listed in ``KnowledgeGraph.skipped``.
    """
    result = builder.build(paths, out_dir, nlp=nlp, formats=formats, base=base, progress=progress)
    return KnowledgeGraph(result.graph, result.corpus, base=base, skipped=result.skipped)


def load(out_dir: str | Path = "output", *, base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """The graph that ``kg build`` (or :meth:`KnowledgeGraph.write`) wrote into ``out_dir``, from graph.json."""
    from kg.export.json import read_json

    path = Path(out_dir) / FORMATS["json"][1]
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file; build the graph first (kg build --out {out_dir})")
    return KnowledgeGraph(read_json(path), base=base)


class KnowledgeGraph:
    """A built graph and its records, with tables, SPARQL, name lookup, an inline viewer and exports."""

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        corpus: Corpus | None = None,
        *,
        base: str = DEFAULT_BASE,
        skipped: Iterable[builder.Skipped] = (),
    ) -> None:
        self.graph = graph
        self.base = base
        self.skipped = list(skipped)
        corpus = corpus if corpus is not None else from_networkx(graph)
        self._records = {name: sorted(getattr(corpus, name), key=lambda r: _natural(r.id)) for name in _RECORDS}
        self._by_id = {e.id: e for e in self._records["entities"]}

    # ---------------------------------------------------------------- records

    @property
    def articles(self) -> list[Article]:
        return list(self._records["articles"])

    @property
    def entities(self) -> list[Entity]:
        return list(self._records["entities"])

    @property
    def assistance(self) -> list[Assistance]:
        return list(self._records["assistance"])

    @property
    def planned_assistance(self) -> list[PlannedAssistance]:
        return list(self._records["planned_assistance"])

    @property
    def mutual_aid(self) -> list[MutualAid]:
        return list(self._records["mutual_aid"])

    @property
    def measurements(self) -> list[Measurement]:
        return list(self._records["measurements"])

    @property
    def participation(self) -> list[Participation]:
        return list(self._records["participation"])

    @cached_property
    def frames(self) -> Frames:
        """The records as pandas DataFrames: ``frames.assistance``, ``frames.entities``, ..."""
        return Frames(self)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self._records[n])} {n.replace('_', ' ')}" for n in _RECORDS)
        return f"<KnowledgeGraph: {counts}>"

    # ---------------------------------------------------------------- names

    def entity(self, name: str) -> Entity:
        """The entity with this id, English or Chinese label, or alternative label, in any case.

        An exact label wins over an alternative label, which wins over a name that only
        compares equal as :func:`kg.resolve.normalise_name` compares them ("The mine's Party
        committee"). Raises :class:`UnknownEntityError` naming the closest names, or
        :class:`AmbiguousEntityError` when the name fits several entities equally well.
        """
        for normalise, index in self._name_index:
            ids = index.get(normalise(name))
            if ids and len(ids) == 1:
                return self._by_id[ids[0]]
            if ids:
                raise AmbiguousEntityError(name, ids)
        names = {n.casefold(): n for e in self._records["entities"] for n in _names(e)}
        close = difflib.get_close_matches(name.strip().casefold(), list(names), n=5, cutoff=0.6)
        raise UnknownEntityError(name, [names[n] for n in close])

    @cached_property
    def _name_index(self) -> list[tuple[Callable[[str], str], dict[str, list[str]]]]:
        def fold(s: str) -> str:
            return " ".join(s.split()).casefold()

        def index(key: Callable[[str], str], names: Callable[[Any], Iterable[str]]) -> dict[str, list[str]]:
            out: dict[str, list[str]] = defaultdict(list)
            for e in self._records["entities"]:
                for k in dict.fromkeys(key(n) for n in names(e)):
                    out[k].append(e.id)
            return dict(out)

        return [
            (fold, index(fold, lambda e: [e.id])),
            (fold, index(fold, lambda e: [e.label, e.label_zh] if e.label_zh else [e.label])),
            (fold, index(fold, lambda e: e.alt_labels)),
            (normalise_name, index(normalise_name, _names)),
        ]

    def label(self, entity_id: str) -> str:
        """The English label of an entity id (the id itself when this graph does not hold it)."""
        e = self._by_id.get(entity_id)
        return e.label if e is not None else entity_id

    def neighbourhood(self, name: str, radius: int = 1) -> KnowledgeGraph:
        """The part of the graph within ``radius`` steps of an entity, edges taken either way.

        A measurement or a mutual aid is a node of its own, one step from its unit, so
        ``radius=2`` reaches the other members of a mutual aid. The records are those of
        the nodes and edges kept; references to units outside stay as ids.
        """
        centre = self.entity(name)
        nodes = nx.ego_graph(self.graph, centre.id, radius=radius, undirected=True).nodes
        sub = self.graph.subgraph(nodes).copy()
        keys = {k for _, _, k in sub.edges(keys=True)}
        kept = {
            kind: [r for r in self._records[kind] if r.id in (keys if kind in _EDGE_RECORDS else sub)]
            for kind in _RECORDS if kind != "articles"
        }
        cited = {a for e in kept["entities"] for a in e.articles}
        cited |= {r.evidence.article for kind, rs in kept.items() if kind != "entities" for r in rs}
        kept["articles"] = [a for a in self._records["articles"] if a.id in cited]
        sub.graph["articles"] = {k: v for k, v in self.graph.graph.get("articles", {}).items() if k in cited}
        return KnowledgeGraph(sub, Corpus(**kept), base=self.base)

    # ---------------------------------------------------------------- SPARQL

    def sparql(self, query: str | Path, params: Mapping[str, str] | None = None) -> pd.DataFrame:
        """Answer a SPARQL query over an embedded Oxigraph store of this graph's Turtle.

        ``query`` is a query of the pack (``"who-helped-whom"``, see ``kg queries``), a
        ``.rq`` file, or SPARQL text; ``params`` bind its ``VALUES ?name { UNDEF }``
        placeholders. One column per variable; IRIs and strings as text, numbers and
        booleans as Python values, unbound as None. ASK gives one column ``ask``.
        """
        from kg.query import bind_params, load_query

        text = bind_params(load_query(query), params)
        try:
            result = self._store.query(text)
        except SyntaxError as exc:
            raise QueryError(f"the query is not valid SPARQL: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return pd.DataFrame({"ask": [bool(result)]})
        if isinstance(result, ox.QueryTriples):
            rows = [(_value(t.subject), _value(t.predicate), _value(t.object)) for t in result]
            return pd.DataFrame(rows, columns=["subject", "predicate", "object"], dtype=object)
        columns = [v.value for v in result.variables]
        rows = [tuple(_value(s[i]) for i in range(len(columns))) for s in result]
        return pd.DataFrame(rows, columns=columns, dtype=object).infer_objects()

    @cached_property
    def _store(self) -> ox.Store:
        buf = io.BytesIO()
        self.to_turtle(buf)
        store = ox.Store()
        store.load(buf.getvalue(), ox.RdfFormat.TURTLE)
        return store

    # ---------------------------------------------------------------- viewer and exports

    def show(self, height: int = 600, title: str = DEFAULT_TITLE) -> HTML:
        """The interactive viewer, inline in Jupyter: the self-contained page in an iframe's ``srcdoc``."""
        from IPython.display import HTML

        buf = io.BytesIO()
        self.to_html(buf, title=title)
        page = html.escape(buf.getvalue().decode("utf-8"), quote=True)
        return HTML(  # in a div: IPython warns about HTML that starts with an iframe
            f'<div><iframe srcdoc="{page}" title="{html.escape(title)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #ccc"></iframe></div>'
        )

    def to_turtle(self, dest: Dest) -> None:
        export(self.graph, "turtle", dest, base=self.base)

    def to_json(self, dest: Dest) -> None:
        export(self.graph, "json", dest)

    def to_html(self, dest: Dest, title: str = DEFAULT_TITLE) -> None:
        export(self.graph, "html", dest, title=title)

    def to_jsonld(self, dest: Dest) -> None:
        export(self.graph, "jsonld", dest, base=self.base)

    def to_graphml(self, dest: Dest) -> None:
        export(self.graph, "graphml", dest)

    def write(self, out_dir: str | Path, formats: Sequence[str] = builder.DEFAULT_FORMATS) -> dict[str, Path]:
        """Write the files ``kg build`` writes into ``out_dir``; returns format -> path."""
        return builder.write_outputs(self.graph, out_dir, formats, self.base)


_EDGE_RECORDS = ("assistance", "planned_assistance", "participation")


class Frames:
    """The records of a :class:`KnowledgeGraph` as DataFrames, one row per record, in record order.

    References are shown by label (``helper``, ``recipient``, ``campaign``, ...) and also
    given as ids at the end (``helper_id``, ...); forms and lists are joined with ``"; "``;
    ``evidence`` is the sentence, ``evidence_zh`` the aligned sentence of the Chinese original (or
    None), ``article`` the article's id and ``date`` its date; a measurement's ``original_check``
    (``agrees``, ``differs``, ``unchecked``) and ``original_value`` compare it with the original.
    """

    def __init__(self, graph: KnowledgeGraph) -> None:
        self._kg = graph
        self._dates = {a.id: a.date for a in graph.articles}

    def _frame(self, rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=columns)
        if "date" in columns:
            df["date"] = pd.to_datetime(df["date"])
        return df

    def _fact(self, r: Any) -> dict[str, Any]:
        return {"id": r.id, "evidence": r.evidence.text,
                "evidence_zh": r.evidence_zh.text if r.evidence_zh is not None else None,
                "article": r.evidence.article,
                "date": self._dates.get(r.evidence.article)}

    def _ref(self, field: str, entity_id: str | None) -> dict[str, Any]:
        return {field: self._kg.label(entity_id) if entity_id else None, f"{field}_id": entity_id}

    @cached_property
    def articles(self) -> pd.DataFrame:
        cols = ["id", "date", "title", "title_zh", "author", "page", "column", "source"]
        return self._frame([a.model_dump(include=set(cols)) for a in self._kg.articles], cols)

    @cached_property
    def entities(self) -> pd.DataFrame:
        rows = [{
            "id": e.id, "type": e.type.value, "label": e.label, "label_zh": e.label_zh,
            "alt_labels": _join(e.alt_labels), "role": getattr(e, "role", None),
            **self._ref("part_of", e.part_of), **self._ref("located_in", e.located_in),
            "articles": _join(e.articles),
        } for e in self._kg.entities]
        cols = ["id", "type", "label", "label_zh", "alt_labels", "role", "part_of", "located_in", "articles",
                "part_of_id", "located_in_id"]
        return self._frame(rows, cols)

    def _help(self, records: list[Any], extra: tuple[str, ...] = ()) -> pd.DataFrame:
        rows = [{
            **self._fact(r), **self._ref("helper", r.helper), **self._ref("recipient", r.recipient),
            **self._ref("campaign", r.campaign), "forms": _join(f.value for f in r.forms),
            **{name: getattr(r, name).value for name in extra},
        } for r in records]
        cols = ["id", "helper", "recipient", *extra, "forms", "campaign", "evidence", "evidence_zh", "article",
                "date", "helper_id", "recipient_id", "campaign_id"]
        return self._frame(rows, cols)

    @cached_property
    def assistance(self) -> pd.DataFrame:
        return self._help(self._kg.assistance)

    @cached_property
    def planned_assistance(self) -> pd.DataFrame:
        return self._help(self._kg.planned_assistance, ("status",))

    @cached_property
    def mutual_aid(self) -> pd.DataFrame:
        rows = [{
            **self._fact(r), "participants": _join(self._kg.label(p) for p in r.participants),
            "forms": _join(f.value for f in r.forms), **self._ref("campaign", r.campaign),
            "participant_ids": _join(r.participants),
        } for r in self._kg.mutual_aid]
        cols = ["id", "participants", "forms", "campaign", "evidence", "evidence_zh", "article", "date",
                "participant_ids", "campaign_id"]
        return self._frame(rows, cols)

    @cached_property
    def measurements(self) -> pd.DataFrame:
        rows = [{
            **self._fact(m), **self._ref("subject", m.subject), "indicator": m.indicator, "value": float(m.value),
            "unit": m.unit, "kind": m.kind.value, "period": m.period, "lower_bound": m.lower_bound,
            "original_check": m.original_check, "original_value": m.original_value,
        } for m in self._kg.measurements]
        cols = ["id", "subject", "indicator", "value", "unit", "kind", "period", "lower_bound", "original_check",
                "original_value", "evidence", "evidence_zh", "article", "date", "subject_id"]
        return self._frame(rows, cols)

    @cached_property
    def participation(self) -> pd.DataFrame:
        rows = [{**self._fact(p), **self._ref("participant", p.participant), **self._ref("campaign", p.campaign)}
                for p in self._kg.participation]
        cols = ["id", "participant", "campaign", "evidence", "evidence_zh", "article", "date", "participant_id",
                "campaign_id"]
        return self._frame(rows, cols)


# --------------------------------------------------------------------------- helpers


def _natural(key: str) -> tuple[Any, ...]:
    """Sort key that puts ``a2`` before ``a10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def _names(e: Any) -> list[str]:
    return [e.label, *([e.label_zh] if e.label_zh else []), *e.alt_labels]


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        convert = _NUMBERS.get(term.datatype.value)
        try:
            return convert(term.value) if convert else term.value
        except ValueError:
            return term.value
    return term.value if isinstance(term, ox.NamedNode) else str(term)

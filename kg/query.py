"""SPARQL over the built graph: the query pack, an embedded store, remote endpoints.

The query pack is the ``*.rq`` files of ``kg/queries/``; each starts with ``#``
comment lines saying what it answers, its parameters and its columns.

Parameters: a query names one with a placeholder line ``VALUES ?name { UNDEF }``,
which leaves ``?name`` unbound, so the query answers for every value.
:func:`bind_params` replaces the ``UNDEF`` by a string literal, so that
``bind_params(text, {"unitName": "No. 6 Mine"})`` gives ``VALUES ?unitName { "No. 6 Mine" }``;
the pack's queries compare it with ``STR()`` of a label, so an English or a
Chinese name works alike.

:func:`run_query` answers over an embedded Oxigraph store loaded from
``graph.ttl`` (or over a remote SPARQL endpoint), :func:`format_results` prints
the answer as a table, CSV or JSON, and :func:`push_graph` loads ``graph.ttl``
into any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph,
Fuseki, GraphDB), with the standard library only.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import logging
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import EndpointError, QueryError

__all__ = [
    "GRAPH_FILE",
    "RESULT_FORMATS",
    "Pushed",
    "pack",
    "query_summary",
    "load_query",
    "query_params",
    "bind_params",
    "run_query",
    "format_results",
    "push_graph",
]

logger = logging.getLogger(__name__)

GRAPH_FILE = "graph.ttl"
RESULT_FORMATS = ("table", "csv", "json")

Columns = list[str]
Rows = list[tuple[str | None, ...]]

_PLACEHOLDER = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")
_SPARQL_FORM = re.compile(r"(?i)\b(?:select|ask|construct|describe)(?:\s|[*?${(<])")
_TABLE_CELL_WIDTH = 60  # display columns; longer values end in "…" (CSV and JSON keep them whole)


# --------------------------------------------------------------------------- the pack


def pack() -> dict[str, str]:
    """The queries of the pack: name (file name without ``.rq``) -> SPARQL text, sorted by name."""
    root = resources.files("kg") / "queries"
    return {
        f.name[: -len(".rq")]: f.read_text(encoding="utf-8")
        for f in sorted(root.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".rq")
    }


def query_summary(text: str) -> str:
    """The first ``#`` comment line of a query, without the ``#``; empty when it has none."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line:
            break
    return ""


def load_query(spec: str | Path) -> str:
    """The SPARQL text of ``spec``: a pack name (``who-helped-whom``), a file path, or SPARQL text."""
    if isinstance(spec, Path):
        return _read_query_file(spec)
    queries = pack()
    if spec in queries:
        return queries[spec]
    if "\n" not in spec and _is_file(spec):
        return _read_query_file(Path(spec))
    if _SPARQL_FORM.search(spec):
        return spec
    raise QueryError(
        f"{spec!r} is neither a query of the pack ({', '.join(queries)}), nor a file, nor SPARQL text"
    )


def _is_file(spec: str) -> bool:
    try:
        return Path(spec).is_file()
    except (OSError, ValueError):  # a name too long for the file system, or holding a NUL
        return False


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc}") from None


# --------------------------------------------------------------------------- parameters


def query_params(text: str) -> list[str]:
    """The parameters of a query: the names of its ``VALUES ?name { UNDEF }`` placeholders."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def bind_params(text: str, params: Mapping[str, str] | None) -> str:
    """``text`` with each placeholder named in ``params`` bound to a string literal.

    Unnamed placeholders stay ``UNDEF`` (no restriction); a name the query has no
    placeholder for raises :class:`QueryError`.
    """
    if not params:
        return text
    known = query_params(text)
    unknown = [name for name in params if name not in known]
    if unknown:
        has = ", ".join(f"?{name}" for name in known) if known else "none"
        raise QueryError(f"the query has no parameter ?{unknown[0]}; its parameters: {has}")

    def bind(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            return match.group(0)
        return f"VALUES ?{name} {{ {_string_literal(params[name])} }}"

    return _PLACEHOLDER.sub(bind, text)


def _string_literal(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


# --------------------------------------------------------------------------- running


def run_query(
    query: str | Path,
    out_dir: str | Path = "output",
    *,
    params: Mapping[str, str] | None = None,
    endpoint: str | None = None,
    timeout: float = 60,
) -> tuple[Columns, Rows]:
    """Answer ``query`` (SPARQL text, a pack name or a file; see :func:`load_query`).

    By default over an embedded Oxigraph store loaded from ``out_dir/graph.ttl``;
    with ``endpoint`` (a SPARQL query URL such as ``http://127.0.0.1:7878/query``)
    over HTTP instead. ``params`` binds the query's parameters (:func:`bind_params`).

    Returns the column names and the rows; a value is an IRI, a literal's
    lexical form, ``_:id`` for a blank node, or None when unbound. ASK gives one
    column ``ask``; CONSTRUCT and DESCRIBE give ``subject``, ``predicate``, ``object``.
    """
    text = bind_params(load_query(query), params)
    if endpoint is not None:
        return _run_remote(text, endpoint, timeout)
    return _run_embedded(text, _open_store(Path(out_dir)))


def _open_store(out_dir: Path) -> ox.Store:
    path = out_dir / GRAPH_FILE
    if not path.is_file():
        raise QueryError(f"{path}: no such file; build the graph first (kg build --out {out_dir})")
    store = ox.Store()
    try:
        store.load(path=path, format=ox.RdfFormat.TURTLE)
    except SyntaxError as exc:
        raise QueryError(f"{path}: not valid Turtle: {exc}") from None
    return store


def _run_embedded(text: str, store: ox.Store) -> tuple[Columns, Rows]:
    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise QueryError(f"the query is not valid SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return ["ask"], [("true" if bool(result) else "false",)]
    if isinstance(result, ox.QueryTriples):
        return ["subject", "predicate", "object"], [
            (_term(t.subject), _term(t.predicate), _term(t.object)) for t in result
        ]
    columns = [v.value for v in result.variables]
    return columns, [tuple(_term(solution[i]) for i in range(len(columns))) for solution in result]


def _term(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)  # an RDF-star quoted triple


def _run_remote(text: str, endpoint: str, timeout: float) -> tuple[Columns, Rows]:
    _, content_type, body = _http(
        "POST",
        endpoint,
        urllib.parse.urlencode({"query": text}).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        },
        timeout,
    )
    try:
        if content_type.startswith("application/n-triples"):
            return ["subject", "predicate", "object"], [
                (_term(t.subject), _term(t.predicate), _term(t.object))
                for t in ox.parse(body, ox.RdfFormat.N_TRIPLES)
            ]
        doc = json.loads(body)
        if "boolean" in doc:
            return ["ask"], [("true" if doc["boolean"] else "false",)]
        columns = list(doc["head"]["vars"])
        bindings = doc["results"]["bindings"]
        return columns, [tuple(_json_term(b.get(c)) for c in columns) for b in bindings]
    except (SyntaxError, ValueError, KeyError, TypeError, AttributeError):
        reason = f"the answer ({content_type or 'no content type'}) is neither SPARQL JSON results nor N-Triples"
        raise EndpointError("POST", _public_url(endpoint), None, reason) from None


def _json_term(binding: dict[str, Any] | None) -> str | None:
    if binding is None:
        return None
    if binding.get("type") == "bnode":
        return f"_:{binding['value']}"
    value = binding.get("value")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# --------------------------------------------------------------------------- formatting


def format_results(columns: Sequence[str], rows: Sequence[Sequence[str | None]], fmt: str = "table") -> str:
    """The answer as text ending in a newline.

    ``table``: columns aligned (Chinese characters count two), long values cut
    with ``…``, then the row count; ``csv``: a header row then the rows, unbound
    values empty; ``json``: a list of objects keyed by column, unbound values null.
    """
    if fmt == "table":
        return _table(columns, rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=1) + "\n"
    raise QueryError(f"unknown result format {fmt!r}; known formats: {', '.join(RESULT_FORMATS)}")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value: str | None) -> str:
    text = " ".join((value or "").split())
    if _width(text) <= _TABLE_CELL_WIDTH:
        return text
    out, width = [], 0
    for ch in text:
        width += _width(ch)
        if width > _TABLE_CELL_WIDTH - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _table(columns: Sequence[str], rows: Sequence[Sequence[str | None]]) -> str:
    cells = [list(columns)] + [[_cell(v) for v in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(columns))]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    lines = [line(cells[0]), line(["-" * w for w in widths])] + [line(r) for r in cells[1:]]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- loading a store


@dataclass(frozen=True)
class Pushed:
    """What :func:`push_graph` sent: the request, the store's HTTP status and the bytes sent."""

    method: str
    url: str
    status: int
    size: int


def push_graph(
    out_dir: str | Path,
    endpoint_url: str,
    graph_iri: str | None = None,
    *,
    replace: bool = True,
    timeout: float = 300,
) -> Pushed:
    """Load ``out_dir/graph.ttl`` into a store through the SPARQL 1.1 Graph Store HTTP Protocol.

    ``endpoint_url`` is the store's Graph Store endpoint (Oxigraph
    ``http://HOST:7878/store``, Fuseki ``http://HOST:3030/DATASET/data``, GraphDB
    ``http://HOST:7200/repositories/REPO/rdf-graphs/service``); a ``user:password@``
    in it is sent as HTTP basic authentication. The triples go to the named graph
    ``graph_iri``, or to the default graph when it is None. ``replace`` (PUT)
    replaces that graph's triples, otherwise (POST) they are added.
    Raises :class:`EndpointError` naming the URL and the HTTP status.
    """
    path = Path(out_dir) / GRAPH_FILE
    if not path.is_file():
        raise QueryError(f"{path}: no such file; build the graph first (kg build --out {out_dir})")
    if graph_iri is not None and not urllib.parse.urlsplit(graph_iri).scheme:
        raise QueryError(f"{graph_iri!r} is not an absolute IRI; a named graph needs one (e.g. https://example.org/kg)")
    target = "default" if graph_iri is None else "graph=" + urllib.parse.quote(graph_iri, safe="")
    url = endpoint_url + ("&" if "?" in endpoint_url else "?") + target
    method = "PUT" if replace else "POST"
    size = path.stat().st_size
    with path.open("rb") as data:
        status, _, _ = _http(
            method, url, data, {"Content-Type": "text/turtle; charset=utf-8", "Content-Length": str(size)}, timeout
        )
    logger.info("%s %s (%d bytes): HTTP %d", method, _public_url(url), size, status)
    return Pushed(method, _public_url(url), status, size)


def _public_url(url: str) -> str:
    """``url`` without its ``user:password@``."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _http(method: str, url: str, data: Any, headers: dict[str, str], timeout: float) -> tuple[int, str, bytes]:
    """Send one request; returns (status, content type, body) or raises :class:`EndpointError`."""
    public = _public_url(url)
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(method, public, None, "not an http:// or https:// URL")
    headers = dict(headers)
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(public, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(500).decode("utf-8", "replace").split())
        reason = f"{exc.reason}: {detail}" if detail else str(exc.reason)
        raise EndpointError(method, public, exc.code, reason) from None
    except urllib.error.URLError as exc:
        raise EndpointError(method, public, None, f"cannot connect: {exc.reason}") from None
    except TimeoutError:
        raise EndpointError(method, public, None, f"no answer within {timeout:g} s") from None

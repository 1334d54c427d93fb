"""The ``kg`` command. Each command is a thin wrapper over a library function.

Exit status: 0 when every input file was read, 1 when some were skipped
(outputs are still written for the rest), 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path

import click

from kg import __version__
from kg.errors import ArticleError, KgError
from kg.namespace import DEFAULT_BASE

__all__ = ["main"]

_PROGRESS_MIN = 20  # articles; fewer than this build too fast for a bar


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=level, format="kg: %(levelname)s: %(message)s", stream=sys.stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """Build knowledge graphs of who helped whom from People's Daily articles.

    Articles are text files with an English translation and the Chinese
    original (the layout of the bundled samples), or the archive's Chinese
    block alone.
    """
    _setup_logging(verbose)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the graph files (graph.ttl, .json, .html, .jsonld, .graphml).")
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the graph's resources.")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be read, and write nothing.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1), metavar="N",
              help="Parse and extract in N processes, each loading the model once; the output is the same.")
@click.option("--no-cache", is_flag=True,
              help="Parse every article again, without reading or writing the extraction cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of the extraction cache  [default: OUT/.kg-cache]")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Extract on the Dask distributed cluster of this scheduler (its workers need kg installed).")
def build_cmd(paths: tuple[Path, ...], out_dir: Path, base: str, strict: bool, workers: int, no_cache: bool,
              cache_dir: Path | None, scheduler: str | None) -> None:
    """Build the graph of PATHS (article files or folders) into --out.

    With no PATHS, builds the five bundled sample articles.

    \b
    Writes:
      graph.ttl   RDF/Turtle (load it into a triple store)
      graph.json  NetworkX node-link JSON
      graph.html  interactive viewer, one self-contained file
      graph.jsonld  JSON-LD (the Turtle's triples, context embedded)
      graph.graphml  GraphML for Gephi or yEd

    Files that cannot be read (binary, empty, undecodable, no article body)
    are skipped with one line each naming file, line and reason, and the
    build goes on; an article that is the same text as an earlier file is
    built once and reported. Files are read as UTF-8 (with or without BOM),
    else as GB18030/GBK.

    Large corpora: each article's extraction is cached in OUT/.kg-cache, keyed
    by its content and the pipeline's version, so a rebuild parses only new or
    changed articles (--no-cache: parse all). --workers N parses in N
    processes; --scheduler tcp://HOST:PORT sends the parsing to the workers of
    a Dask cluster (dask scheduler; dask worker tcp://HOST:PORT). The output is the
    same either way.

    \b
    Exit status:
      0  every file was read
      1  some files were skipped (listed at the end; outputs hold the rest),
         or, with --strict, the first bad file stopped the build (nothing written)
      2  usage error, or the --scheduler cannot be reached or has no workers
    """
    from kg.builder import build
    from kg.parallel import SchedulerError

    if scheduler and workers > 1:
        raise click.UsageError("--workers and --scheduler exclude each other: the cluster has its own workers")
    options = {"base": base, "strict": strict, "workers": workers, "cache": not no_cache, "cache_dir": cache_dir,
               "scheduler": scheduler}

    bar = None
    total = _count_inputs(paths)

    def progress(_article) -> None:
        if bar is not None:
            bar.update(1)

    try:
        if total >= _PROGRESS_MIN:
            with click.progressbar(length=total, label="extracting", file=sys.stderr) as bar:
                result = build(paths, out_dir, progress=progress, **options)
        else:
            result = build(paths, out_dir, **options)
    except SchedulerError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except ArticleError as exc:
        if strict:
            click.echo(f"kg: error: {exc}; nothing written (--strict)", err=True)
            sys.exit(1)
        raise click.ClickException(str(exc)) from None
    except KgError as exc:
        raise click.ClickException(str(exc)) from None

    c = result.corpus
    types = Counter(e.type.value for e in c.entities)
    click.echo(f"articles:      {len(c.articles)}")
    click.echo("entities:      " + f"{len(c.entities)} (" + ", ".join(
        f"{t} {types.get(t, 0)}" for t in ("Enterprise", "Organization", "Person", "Place", "Campaign")) + ")")
    click.echo(f"help:          {len(c.assistance)} (+ {len(c.mutual_aid)} mutual aid)")
    checks = Counter(m.original_check for m in c.measurements)
    click.echo(f"measurements:  {len(c.measurements)} (against the Chinese original: {checks['agrees']} agree, "
               f"{checks['differs']} differ, {checks['unchecked']} unchecked)")
    click.echo(f"participation: {len(c.participation)}")
    if result.mismatches:
        click.echo(f"numbers that differ from the original: {len(result.mismatches)}")
        for mm in result.mismatches:
            click.echo(f"  {mm}")
    if result.cache_dir is not None:
        click.echo(f"from cache:    {result.cached} of {result.cached + result.extracted} articles")
    else:
        click.echo("from cache:    off")
    click.echo(f"skipped files: {len(result.skipped)}")
    for s in result.skipped:
        click.echo(f"  {s}")
    if result.duplicates:
        click.echo(f"duplicates:    {len(result.duplicates)}")
        for d in result.duplicates:
            click.echo(f"  {d}")
    for path in result.outputs.values():
        click.echo(f"wrote {path}")
    if result.skipped:
        sys.exit(1)


def _count_inputs(paths: tuple[Path, ...]) -> int:
    from kg.corpus import iter_article_paths, sample_paths

    try:
        return sum(1 for _ in iter_article_paths(paths)) if paths else len(sample_paths())
    except KgError as exc:
        raise click.ClickException(str(exc)) from None


@main.command("eval")
@click.option("--gold", "gold_dir", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of gold *.json files.")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--chinese-only", is_flag=True,
              help="Read each article from its Chinese original only (the English block dropped); "
                   "entities then match the gold by Chinese name too.")
def eval_cmd(gold_dir: Path, paths: tuple[Path, ...], as_json: bool, chinese_only: bool) -> None:
    """Score the extraction of PATHS against the gold files in --gold.

    PATHS hold the articles the gold files name (default: the bundled samples).
    Prints precision, recall and F1 for entities, help pairs, measurements and
    participation, entity type accuracy, and the share of verbatim evidence.
    """
    from kg.evaluate import evaluate

    try:
        report = evaluate(gold_dir, paths, chinese_only=chinese_only)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, sort_keys=True))
    else:
        for line in report.lines():
            click.echo(line)


@main.command("validate")
@click.argument("out_dir", metavar="[DIR]", default="output",
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--schemas", "schemas_dir", default=None, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder with shapes.ttl and ontology.ttl (default: schemas/ of the source tree).")
def validate_cmd(out_dir: Path, schemas_dir: Path | None) -> None:
    """Check DIR/graph.ttl (default output/) against the SHACL shapes.

    Prints "conforms", or the SHACL report naming each shape that failed.

    \b
    Exit status:
      0  the graph conforms
      1  it does not (or graph.ttl cannot be read)
      2  usage error
    """
    from kg.validate import validate

    try:
        conforms, report = validate(out_dir, schemas_dir=schemas_dir)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    if conforms:
        click.echo("conforms")
    else:
        click.echo(report.rstrip("\n"))
        sys.exit(1)


@main.command("schemas")
@click.option("--out", "out_dir", default="schemas/json", show_default=True, type=click.Path(path_type=Path),
              help="Folder for the JSON Schema files.")
def schemas_cmd(out_dir: Path) -> None:
    """Write the JSON Schema of every record (Article, Entity, ...) into --out.

    One <Name>.json per model of kg/schemas.py; run it from the repository root
    after changing a model, and commit schemas/json/.
    """
    from kg.schemas_json import write_json_schemas

    for path in write_json_schemas(out_dir):
        click.echo(f"wrote {path}")



@main.command("query")
@click.argument("query")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (from kg build).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="Print an aligned table, CSV, or JSON (a list of objects).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter of the query, e.g. -p unitName='No. 6 Mine' (repeatable).")
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL query URL instead of graph.ttl in --out.")
def query_cmd(query: str, out_dir: Path, fmt: str, params: tuple[str, ...], endpoint: str | None) -> None:
    """Run a SPARQL query over the graph and print the answer.

    QUERY is the name of a query of the pack (list them with kg queries), a .rq
    file, or SPARQL text. It runs over an embedded store loaded from
    --out/graph.ttl, or over --endpoint.
    """
    from kg.query import format_results, run_query

    bound = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="'-p' / '--param'")
        bound[name.strip().lstrip("?")] = value
    try:
        columns, rows = run_query(query, out_dir, params=bound, endpoint=endpoint)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(format_results(columns, rows, fmt), nl=False)


@main.command("queries")
def queries_cmd() -> None:
    """List the query pack: each query's name, parameters and what it answers."""
    from kg.query import pack, query_params, query_summary

    for name, text in pack().items():
        params = "".join(f" [-p {p}=...]" for p in query_params(text))
        click.echo(f"{name}{params}\n    {query_summary(text)}")


@main.command("load")
@click.option("--endpoint", required=True, metavar="URL", help="The store's Graph Store protocol endpoint.")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder holding graph.ttl (from kg build).")
@click.option("--graph", "graph_iri", metavar="IRI", help="Load into this named graph (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the graph's triples (POST) instead of replacing them (PUT).")
def load_cmd(endpoint: str, out_dir: Path, graph_iri: str | None, append: bool) -> None:
    """Load graph.ttl into a triple store (SPARQL 1.1 Graph Store protocol).

    \b
    Endpoints:
      Oxigraph  http://127.0.0.1:7878/store
      Fuseki    http://localhost:3030/DATASET/data
      GraphDB   http://localhost:7200/repositories/REPO/rdf-graphs/service
    A user:password@ in the URL is sent as HTTP basic authentication.
    """
    from kg.query import push_graph

    try:
        pushed = push_graph(out_dir, endpoint, graph_iri, replace=not append)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{pushed.method} {Path(out_dir) / 'graph.ttl'} ({pushed.size} bytes) to {pushed.url}: "
               f"HTTP {pushed.status}")

if __name__ == "__main__":  # pragma: no cover
    main()

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
from kg.errors import KgError
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
def build_cmd(paths: tuple[Path, ...], out_dir: Path, base: str) -> None:
    """Build the graph of PATHS (article files or folders) into --out.

    With no PATHS, builds the five bundled sample articles.

    \b
    Writes:
      graph.ttl   RDF/Turtle (load it into a triple store)
      graph.json  NetworkX node-link JSON
      graph.html  interactive viewer, one self-contained file
      graph.jsonld  JSON-LD (the Turtle's triples, context embedded)
      graph.graphml  GraphML for Gephi or yEd

    \b
    Exit status:
      0  every file was read
      1  some files were skipped (listed at the end; outputs hold the rest)
      2  usage error
    """
    from kg.builder import build

    bar = None
    total = _count_inputs(paths)

    def progress(_article) -> None:
        if bar is not None:
            bar.update(1)

    try:
        if total >= _PROGRESS_MIN:
            with click.progressbar(length=total, label="extracting", file=sys.stderr) as bar:
                result = build(paths, out_dir, base=base, progress=progress)
        else:
            result = build(paths, out_dir, base=base)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None

    c = result.corpus
    types = Counter(e.type.value for e in c.entities)
    click.echo(f"articles:      {len(c.articles)}")
    click.echo("entities:      " + f"{len(c.entities)} (" + ", ".join(
        f"{t} {types.get(t, 0)}" for t in ("Enterprise", "Organization", "Person", "Place", "Campaign")) + ")")
    click.echo(f"help:          {len(c.assistance)} (+ {len(c.mutual_aid)} mutual aid)")
    click.echo(f"measurements:  {len(c.measurements)}")
    click.echo(f"participation: {len(c.participation)}")
    click.echo(f"skipped files: {len(result.skipped)}")
    for s in result.skipped:
        click.echo(f"  {s}")
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
def eval_cmd(gold_dir: Path, paths: tuple[Path, ...], as_json: bool) -> None:
    """Score the extraction of PATHS against the gold files in --gold.

    PATHS hold the articles the gold files name (default: the bundled samples).
    Prints precision, recall and F1 for entities, help pairs, measurements and
    participation, entity type accuracy, and the share of verbatim evidence.
    """
    from kg.evaluate import evaluate

    try:
        report = evaluate(gold_dir, paths)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1, sort_keys=True))
    else:
        for line in report.lines():
            click.echo(line)


if __name__ == "__main__":  # pragma: no cover
    main()

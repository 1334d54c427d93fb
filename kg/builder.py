"""Building: articles in, graph files out (the library behind ``kg build``).

Each stage is its own module; this one only calls them in order:
``corpus -> nlp -> extract -> resolve -> graph -> export``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from spacy.language import Language

from kg.corpus import iter_article_paths, read_article, sample_paths
from kg.errors import ArticleError
from kg.export import FORMATS, get_writer
from kg.extract import body_text, extract_article
from kg.graph import to_networkx
from kg.namespace import DEFAULT_BASE
from kg.nlp import load_nlp
from kg.resolve import resolve
from kg.schemas import Article, ArticleExtraction, Corpus

__all__ = ["BuildResult", "Skipped", "build", "extract_all", "write_outputs", "DEFAULT_FORMATS"]

log = logging.getLogger(__name__)

DEFAULT_FORMATS = ("turtle", "json", "html", "jsonld", "graphml")


@dataclass(frozen=True)
class Skipped:
    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class BuildResult:
    corpus: Corpus
    graph: nx.MultiDiGraph
    skipped: list[Skipped] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)


def read_articles(paths: Iterable[str | Path], skipped: list[Skipped]) -> list[Article]:
    """Every readable article; unreadable files are logged and listed in ``skipped``."""
    articles = []
    for path in iter_article_paths(paths):
        try:
            articles.append(read_article(path))
        except ArticleError as exc:
            log.error("skipped %s", exc)
            skipped.append(Skipped(exc.path, exc.line, exc.reason))
    return articles


def extract_all(
    articles: Sequence[Article],
    nlp: Language,
    progress: Callable[[Article], None] | None = None,
) -> list[ArticleExtraction]:
    """Parse and extract every article, streaming texts through ``nlp.pipe``."""
    english = [a for a in articles if a.english is not None]
    docs = nlp.pipe((body_text(a)[0] for a in english), batch_size=16)
    by_id = {}
    for article, doc in zip(english, docs, strict=True):
        by_id[article.id] = extract_article(article, doc)
        if progress:
            progress(article)
    out = []
    for a in articles:
        if a.id not in by_id:
            log.warning("%s: no English text; Chinese-only extraction is not built yet", a.source)
            by_id[a.id] = ArticleExtraction(article=a)
            if progress:
                progress(a)
        out.append(by_id[a.id])
    return out


def _write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(
    graph: nx.MultiDiGraph, out_dir: str | Path, formats: Sequence[str] = DEFAULT_FORMATS, base: str = DEFAULT_BASE
) -> dict[str, Path]:
    """Write each format's file into ``out_dir``; returns format -> path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in formats:
        writer = get_writer(name)
        path = out / FORMATS[name][1]
        options = {"base": base} if name in ("turtle", "jsonld") else {}
        _write_atomic(path, lambda p: writer(graph, p, **options))
        written[name] = path
    return written


def build(
    paths: Sequence[str | Path] = (),
    out_dir: str | Path | None = "output",
    *,
    nlp: Language | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    base: str = DEFAULT_BASE,
    progress: Callable[[Article], None] | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; the bundled samples when empty).

    Writes the outputs to ``out_dir`` unless it is None.
    """
    skipped: list[Skipped] = []
    articles = read_articles(paths or sample_paths(), skipped)
    ids = [a.id for a in articles]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ArticleError(dup[0], None, "two article files have the same name; rename one")
    nlp = nlp or load_nlp()
    corpus = resolve(extract_all(articles, nlp, progress))
    graph = to_networkx(corpus)
    result = BuildResult(corpus=corpus, graph=graph, skipped=skipped)
    if out_dir is not None:
        result.outputs = write_outputs(graph, out_dir, formats, base)
    return result

"""Building: articles in, graph files out (the library behind ``kg build``).

Each stage is its own module; this one only calls them in order:
``corpus -> nlp -> extract -> resolve -> graph -> export``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from spacy.language import Language

from kg.corpus import iter_article_paths, read_article, sample_paths
from kg.errors import ArticleError
from kg.export import FORMATS, get_writer
from kg.extract import body_pieces, extract_article, merge_pieces
from kg.graph import to_networkx
from kg.namespace import DEFAULT_BASE
from kg.nlp import load_nlp
from kg.resolve import resolve
from kg.schemas import Article, ArticleExtraction, Corpus

__all__ = [
    "DEFAULT_FORMATS",
    "BuildResult",
    "Duplicate",
    "Skipped",
    "build",
    "extract_all",
    "read_articles",
    "write_outputs",
]

log = logging.getLogger(__name__)

DEFAULT_FORMATS = ("turtle", "json", "html", "jsonld", "graphml")


@dataclass(frozen=True)
class Skipped:
    """A file that was not built, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Duplicate:
    """A file whose article is the same text as an earlier file's: built once."""

    path: str
    same_as: str

    def __str__(self) -> str:
        return f"{self.path}: the same article as {self.same_as}; built once"


@dataclass
class BuildResult:
    corpus: Corpus
    graph: nx.MultiDiGraph
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)


def _article_ids(paths: Sequence[Path]) -> dict[Path, str]:
    """Ids from file names; files of one name in different folders get their folder's name too."""
    by_stem: dict[str, list[Path]] = {}
    for p in paths:
        by_stem.setdefault(p.stem, []).append(p)
    ids: dict[Path, str] = {}
    for stem, group in by_stem.items():
        if len(group) == 1:
            ids[group[0]] = stem
            continue
        for p in group:
            parent = p.resolve().parent.name or "root"
            ids[p] = f"{stem}~{parent}"
        if len(set(ids[p] for p in group)) < len(group):  # same folder name too: number them in path order
            for n, p in enumerate(sorted(group), 1):
                ids[p] = f"{stem}~{n}"
    return ids


def _fingerprint(a: Article) -> str:
    parts = [a.title or "", a.english.text if a.english else "", a.chinese.text if a.chinese else ""]
    return hashlib.sha256("\x1f".join(parts).replace("\r\n", "\n").encode("utf-8")).hexdigest()


def read_articles(
    paths: Iterable[str | Path],
    skipped: list[Skipped],
    duplicates: list[Duplicate] | None = None,
    strict: bool = False,
) -> Iterator[Article]:
    """The readable articles of ``paths``, one at a time.

    Unreadable files are logged and listed in ``skipped`` (with ``strict``, the
    first one raises its :class:`ArticleError`); an article whose text equals an
    earlier one's is listed in ``duplicates`` and not yielded again.
    """
    files = list(iter_article_paths(paths))
    ids = _article_ids(files)
    seen: dict[str, str] = {}
    for path in files:
        try:
            article = read_article(path, ids[path])
        except ArticleError as exc:
            if strict:
                raise
            log.error("skipped %s", exc)
            skipped.append(Skipped(exc.path, exc.line, exc.reason))
            continue
        fp = _fingerprint(article)
        if fp in seen:
            log.warning("%s: the same article as %s; built once", path, seen[fp])
            if duplicates is not None:
                duplicates.append(Duplicate(str(path), seen[fp]))
            continue
        seen[fp] = str(path)
        yield article


def extract_all(
    articles: Iterable[Article],
    nlp: Language,
    progress: Callable[[Article], None] | None = None,
    failed: list[Skipped] | None = None,
) -> Iterator[ArticleExtraction]:
    """Parse and extract each article as it streams by, through ``nlp.pipe`` in batches.

    Long articles are parsed in pieces (:func:`kg.extract.body_pieces`), so
    memory stays bounded whatever the size of one file; no Doc is kept. An
    article the extractor fails on is still in the graph (with no facts), is
    logged with its traceback, and is listed in ``failed``: one article never
    stops a corpus.
    """

    def texts() -> Iterator[tuple[str, tuple[Article, int, int, int]]]:
        for a in articles:
            pieces = body_pieces(a) if a.english is not None else []
            if not pieces:
                log.warning("%s: no English text; Chinese-only extraction is not built yet", a.source)
                yield "", (a, -1, 0, 0)
            for n, (at, text) in enumerate(pieces):
                yield text, (a, n, at, len(pieces))

    parts: list[ArticleExtraction] | None = []
    for doc, (article, n, at, count) in nlp.pipe(texts(), as_tuples=True, batch_size=8):
        if n < 0:
            parts = [ArticleExtraction(article=article)]
        elif parts is not None:
            try:
                parts.append(extract_article(article, doc, (n, at)))
            except Exception as exc:  # a bug must not cost the rest of the corpus; it is reported
                log.exception("%s: extraction failed; the article is kept without facts", article.source)
                if failed is not None:
                    failed.append(Skipped(article.source, None, f"extraction failed ({type(exc).__name__}: {exc})"))
                parts = None
        if n < 0 or n == count - 1:
            yield merge_pieces(article, parts) if parts is not None else ArticleExtraction(article=article)
            parts = []
            if progress:
                progress(article)


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
    strict: bool = False,
) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; the bundled samples when empty).

    Writes the outputs to ``out_dir`` unless it is None. A file that cannot be
    read is skipped and listed in the result; with ``strict`` it raises
    :class:`ArticleError` instead, before anything is written.
    """
    skipped: list[Skipped] = []
    duplicates: list[Duplicate] = []
    nlp = nlp or load_nlp()
    articles = read_articles(paths or sample_paths(), skipped, duplicates, strict=strict)
    corpus = resolve(extract_all(articles, nlp, progress, failed=skipped))
    graph = to_networkx(corpus)
    result = BuildResult(corpus=corpus, graph=graph, skipped=skipped, duplicates=duplicates)
    if out_dir is not None:
        result.outputs = write_outputs(graph, out_dir, formats, base)
    return result

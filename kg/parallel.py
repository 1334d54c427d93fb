"""Where extraction runs: in this process, in worker processes (``--workers``), or on a Dask cluster
(``--scheduler``).

Articles go out in batches of :data:`BATCH` (:func:`kg.builder.extract_all` runs
on each), a bounded number at a time, and their results come back in input
order, so every engine gives the same output. A worker loads the spaCy pipeline
once and keeps it. What the extractor logs in a worker is sent back with the
results and logged here, in order, as if it had run in this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import re
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from kg.errors import KgError
from kg.schemas import Article, ArticleExtraction

if TYPE_CHECKING:
    from spacy.language import Language

    from kg.builder import Skipped

__all__ = ["BATCH", "BatchResult", "DaskEngine", "Engine", "LocalEngine", "ProcessEngine", "SchedulerError",
           "extract_batch"]

log = logging.getLogger(__name__)

BATCH = 16  # articles per task


class SchedulerError(KgError):
    """The Dask scheduler cannot be reached, has no workers, or its workers cannot run kg."""


@dataclass
class BatchResult:
    """The extractions of a batch in input order, the articles the extractor failed on, and what it logged."""

    extractions: list[ArticleExtraction]
    failed: list[Skipped] = field(default_factory=list)
    records: list[logging.LogRecord] = field(default_factory=list)

    def replay(self) -> None:
        """Log what the worker logged, here."""
        for record in self.records:
            logging.getLogger(record.name).handle(record)


class _Capture(logging.Handler):
    """Keeps the records of one thread, made picklable."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self.records.append(record)


def extract_batch(articles: Sequence[Article], nlp: Language, level: int | None = None) -> BatchResult:
    """:func:`kg.builder.extract_all` on ``articles``; with ``level``, the kg log records of at least
    that level are kept in the result instead of being logged here."""
    from kg.builder import extract_all

    failed: list[Skipped] = []
    if level is None:
        return BatchResult(list(extract_all(articles, nlp, failed=failed)), failed)
    logger = logging.getLogger("kg")
    capture = _Capture(level)
    logger.addHandler(capture)
    try:
        extractions = list(extract_all(articles, nlp, failed=failed))
    finally:
        logger.removeHandler(capture)
    return BatchResult(extractions, failed, capture.records)


class Engine(Protocol):
    inflight: int  # batches sent ahead of the one whose results are awaited

    def submit(self, articles: list[Article]) -> Any:
        """Start extracting ``articles``; returns an object whose ``result()`` is a :class:`BatchResult`."""

    def close(self) -> None: ...


class _Done:
    def __init__(self, value: BatchResult) -> None:
        self.value = value

    def result(self) -> BatchResult:
        return self.value


class LocalEngine:
    """Extraction in this process, with ``nlp`` (loaded on the first batch when None)."""

    inflight = 0

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp

    def submit(self, articles: list[Article]) -> _Done:
        if self.nlp is None:
            from kg.nlp import load_nlp

            self.nlp = load_nlp()
        return _Done(extract_batch(articles, self.nlp))

    def close(self) -> None:
        pass


# --------------------------------------------------------------------------- in a worker

_local = threading.local()


def _worker_nlp() -> Language:
    """This thread's pipeline, loaded on first use (a Dask worker may run tasks in several threads)."""
    nlp = getattr(_local, "nlp", None)
    if nlp is None:
        from kg.nlp import load_nlp

        nlp = _local.nlp = load_nlp()
    return nlp


def _worker_batch(articles: list[Article], level: int) -> BatchResult:
    logging.getLogger("kg").setLevel(min(level, logging.getLogger("kg").getEffectiveLevel()))
    return extract_batch(articles, _worker_nlp(), level)


def _worker_version() -> tuple[str, str]:
    """kg's version and the pipeline's, on a worker (loading its pipeline)."""
    from kg import __version__
    from kg.cache import pipeline_version

    _worker_nlp()
    return __version__, pipeline_version()


class ProcessEngine:
    """Extraction in ``workers`` processes, started with "spawn"."""

    def __init__(self, workers: int, level: int) -> None:
        self.level = level
        self.inflight = 2 * workers
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, articles: list[Article]) -> Future:
        return self.pool.submit(_worker_batch, articles, self.level)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- on a Dask cluster


_ADDRESS = re.compile(r"(?:\w+://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):\d{1,5}")


class DaskEngine:
    """Extraction on the workers of the Dask distributed scheduler at ``address``."""

    CONNECT_TIMEOUT = 10  # seconds
    WORKER_TIMEOUT = 60  # seconds to wait for a first worker

    def __init__(self, address: str, level: int) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - a dependency of kg
            raise SchedulerError(f"--scheduler needs dask.distributed ({exc}); pip install 'dask[distributed]'")
        self.address = address
        self.level = level
        if not _ADDRESS.fullmatch(address):
            raise SchedulerError(f"{address!r} is not a scheduler address; give it as tcp://HOST:PORT, "
                                 "as `dask scheduler` prints it")
        hint = (f"start a scheduler with `dask scheduler` and workers with `dask worker {address}` "
                "on machines where kg is installed, or give the address the scheduler prints")
        try:
            self.client = Client(address, timeout=self.CONNECT_TIMEOUT, set_as_default=False)
        except Exception as exc:
            raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc}); "
                                 f"{hint}") from None
        try:
            try:
                self.client.wait_for_workers(1, timeout=self.WORKER_TIMEOUT)
            except Exception:
                raise SchedulerError(f"the Dask scheduler at {address} has no workers after "
                                     f"{self.WORKER_TIMEOUT} s; start some with `dask worker {address}`") from None
            try:
                worker_kg, self.version = self.client.submit(_worker_version, pure=False).result()
            except KgError:
                raise
            except Exception as exc:
                raise SchedulerError(f"the Dask workers of {address} cannot run kg's extraction "
                                     f"({type(exc).__name__}: {exc}); install kg and its model on every worker "
                                     "machine (pip install kg) and restart the workers") from None
        except BaseException:
            self.client.close()
            raise
        from kg import __version__

        if worker_kg != __version__:
            log.warning("the Dask workers run kg %s, this machine kg %s", worker_kg, __version__)
        threads = sum(self.client.nthreads().values())
        log.info("extracting on %s: %d worker threads, pipeline %s", address, threads, self.version)
        self.inflight = max(4, 2 * threads)

    def submit(self, articles: list[Article]) -> Any:
        return self.client.submit(_worker_batch, articles, self.level, pure=False)

    def close(self) -> None:
        self.client.close()

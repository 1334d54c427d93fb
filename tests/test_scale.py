"""Large corpora: --workers, the extraction cache, and a Dask cluster, each giving byte-identical output.

The corpus is the bundled samples plus articles written for these tests (and one
archive block without an English translation). Worker processes and the Dask
cluster load the real model, so each of those runs once.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
import socket
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import DEFAULT_FORMATS, build, extract_stream
from kg.cache import CACHE_DIRNAME, ExtractionCache
from kg.cli import main
from kg.corpus import parse_article, read_article, sample_paths
from kg.export import FORMATS
from kg.parallel import BATCH, DaskEngine, LocalEngine

OUTPUT_FILES = [FORMATS[f][1] for f in DEFAULT_FORMATS]


def _article(title: str, body: str, date: str = "1959-04-02") -> str:
    return (f"Title: {title}\nAuthor:\nDate: {date}\nPage: 2\n{body}\n<hr />\n\nOriginal:\n\n### 标题\n\n{date}\n"
            "第2版()\n专栏：\n\n    正文。\n")


INVENTED = {
    "inv1": _article("Qinghe Tractor Plant helps its neighbours",
                     "The Qinghe Tractor Plant sent twelve technicians to help the Xiyang Pump Factory. "
                     "Output of the Xiyang Pump Factory rose by 15% in May."),
    "inv2": _article("Mutual aid in Dongling",
                     "The Dongling Coal Mine and the Beiping Coal Mine helped each other with equipment. "
                     "The Dongling Coal Mine helped the Nanshan Brick Works train forty workers."),
    "inv3": _article("Red Banner Competition in Lianhe",
                     "In the Red Banner Competition, the Lianhe Textile Mill helped the Baihe Dye Works improve "
                     "management.", date="1960-11-20"),
}
CHINESE_ONLY = "### 互助协作\n\n1958-07-01\n第3版()\n专栏：\n\n    青河拖拉机厂派出技术员帮助西阳水泵厂。\n"
ADDED = _article("Help in Hongshan", "The Hongshan Cement Plant helped the Longmen Glass Factory with materials.")


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("corpus")
    for p in sample_paths():
        shutil.copy(p, d / p.name)
    for name, text in INVENTED.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    (d / "zh-only.txt").write_text(CHINESE_ONLY, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def reference(corpus, nlp, tmp_path_factory):
    """One worker, no cache: the output every other way of building must equal."""
    out = tmp_path_factory.mktemp("reference")
    result = build([corpus], out, nlp=nlp, cache=False)
    return result, _outputs(out)


def test_scale_reference_build_has_every_article(reference):
    result, _ = reference
    assert sorted(a.id for a in result.corpus.articles) == sorted(
        [p.stem for p in sample_paths()] + ["inv1", "inv2", "inv3", "zh-only"])
    assert (result.extracted, result.cached, result.cache_dir) == (9, 0, None)
    assert result.skipped == []


# --------------------------------------------------------------------------- --workers


def test_scale_two_workers_give_byte_identical_output_in_input_order(corpus, reference, tmp_path):
    order = []
    result = build([corpus], tmp_path, workers=2, cache=False, progress=lambda a: order.append(a.id))
    assert _outputs(tmp_path) == reference[1]
    assert order == [a.id for a in reference[0].corpus.articles]
    assert (result.extracted, result.cached) == (9, 0)
    assert list(result.timings) == ["extract", "resolve", "graph", *(f"export:{f}" for f in DEFAULT_FORMATS)]


class _Broken:
    """An engine whose every batch fails as a whole, as when a worker process dies."""

    inflight = 1

    def submit(self, articles):
        class Future:
            def result(self):
                raise RuntimeError("worker died")

        return Future()


def test_scale_a_batch_that_fails_costs_only_its_articles_their_facts(caplog):
    articles = [parse_article(INVENTED[k], source=f"{k}.txt", article_id=k) for k in INVENTED]
    failed = []
    with caplog.at_level(logging.ERROR, logger="kg"):
        xs = list(extract_stream(articles, _Broken(), failed=failed))
    assert [(x.article.id, x.assistance) for x in xs] == [("inv1", ()), ("inv2", ()), ("inv3", ())]
    assert [str(s) for s in failed] == [f"{k}.txt: extraction failed (RuntimeError: worker died)" for k in INVENTED]
    assert "extraction failed on a batch of 3 articles (RuntimeError: worker died)" in caplog.text


def test_scale_batches_hold_at_most_batch_articles_in_input_order(nlp):
    seen = []

    class Recording(LocalEngine):
        def submit(self, articles):
            seen.append([a.id for a in articles])
            return super().submit(articles)

    articles = [parse_article(_article("t", "The A Plant helped the B Plant."), source=f"x{i}.txt",
                              article_id=f"x{i:02d}") for i in range(BATCH + 3)]
    xs = list(extract_stream(articles, Recording(nlp)))
    assert [x.article.id for x in xs] == [a.id for a in articles]
    assert seen == [[f"x{i:02d}" for i in range(BATCH)], [f"x{i:02d}" for i in range(BATCH, BATCH + 3)]]


# --------------------------------------------------------------------------- the cache


def test_scale_rebuild_after_adding_one_article_extracts_only_that_one(corpus, nlp, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    out = tmp_path / "out"
    first = build([folder], out, nlp=nlp)
    assert (first.extracted, first.cached, first.cache_dir) == (9, 0, out / CACHE_DIRNAME)
    (folder / "added.txt").write_text(ADDED, encoding="utf-8")
    again = build([folder], out, nlp=nlp)
    assert (again.extracted, again.cached) == (1, 9)
    fresh = build([folder], tmp_path / "fresh", nlp=nlp, cache=False)
    assert (fresh.extracted, fresh.cached) == (10, 0)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    assert not (tmp_path / "fresh" / CACHE_DIRNAME).exists()


def test_scale_cached_build_is_byte_identical_to_the_reference(corpus, nlp, reference, tmp_path):
    build([corpus], tmp_path, nlp=nlp)
    result = build([corpus], tmp_path, nlp=nlp)
    assert (result.extracted, result.cached) == (0, 9)
    assert _outputs(tmp_path) == reference[1]


def test_scale_changed_article_is_extracted_again_and_removed_ones_leave_the_cache(corpus, nlp, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(corpus, folder)
    build([folder], tmp_path / "out", nlp=nlp)
    (folder / "inv1.txt").write_text(INVENTED["inv1"].replace("twelve", "twenty"), encoding="utf-8")
    (folder / "inv2.txt").unlink()
    result = build([folder], tmp_path / "out", nlp=nlp)
    assert (result.extracted, result.cached) == (1, 7)
    db = sqlite3.connect(tmp_path / "out" / CACHE_DIRNAME / "extractions.sqlite")
    assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (8,)
    db.close()
    assert "twenty technicians" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_scale_a_new_pipeline_version_extracts_everything_again(corpus, nlp, tmp_path, monkeypatch):
    build([corpus], tmp_path, nlp=nlp)
    import kg.builder

    monkeypatch.setattr(kg.builder, "nlp_version", lambda nlp: "another version")
    result = build([corpus], tmp_path, nlp=nlp)
    assert (result.extracted, result.cached) == (9, 0)


def test_scale_cache_dir_elsewhere_and_a_build_without_out_dir(corpus, nlp, tmp_path):
    result = build([corpus], None, nlp=nlp, cache_dir=tmp_path / "c")
    assert (result.extracted, result.cache_dir) == (9, tmp_path / "c")
    result = build([corpus], None, nlp=nlp, cache_dir=tmp_path / "c")
    assert (result.extracted, result.cached) == (0, 9)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]


def test_scale_cache_entry_round_trips_the_extraction(nlp, tmp_path):
    from kg.extract import body_text, extract_article

    article = parse_article(INVENTED["inv2"], source="inv2.txt", article_id="inv2")
    x = extract_article(article, nlp(body_text(article)[0]))
    cache = ExtractionCache(tmp_path, "v1")
    cache.put(article, x)
    assert cache.get(article) == (x, None)
    assert cache.get(article.model_copy(update={"id": "other"})) is None  # ids are in the records
    cache.close()
    assert ExtractionCache(tmp_path, "v1").get(article) == (x, None)
    assert ExtractionCache(tmp_path, "v2").get(article) is None


def test_scale_an_article_the_extractor_failed_on_is_reported_again_from_the_cache(corpus, nlp, tmp_path,
                                                                                   monkeypatch, caplog):
    import kg.builder

    real = kg.builder.extract_article

    def flaky(article, doc, piece=(0, 0)):
        if article.id == "inv2":
            raise ValueError("a bug for the test")
        return real(article, doc, piece)

    with monkeypatch.context() as mp:
        mp.setattr(kg.builder, "extract_article", flaky)
        first = build([corpus], tmp_path, nlp=nlp)
    reason = f"{corpus / 'inv2.txt'}: extraction failed (ValueError: a bug for the test)"
    assert [str(s) for s in first.skipped] == [reason]
    again = build([corpus], tmp_path, nlp=nlp)  # the same code fails the same way: not parsed again
    assert (again.extracted, again.cached) == (0, 9)
    assert [str(s) for s in again.skipped] == [reason]
    assert f"{reason}, as the cache remembers; the article is kept without facts" in caplog.text
    assert all(a.evidence.article != "inv2" for a in again.corpus.assistance)


def test_scale_unreadable_cache_file_is_replaced(tmp_path, caplog):
    (tmp_path / "extractions.sqlite").write_bytes(b"not a database, but long enough to be read as a header" * 20)
    article = read_article(sample_paths()[0])
    cache = ExtractionCache(tmp_path, "v1")
    assert cache.get(article) is None
    assert "unreadable cache" in caplog.text


def test_scale_cli_no_cache_and_summary(corpus, tmp_path):
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path)], prog_name="kg")
    assert first.exit_code == 0, first.output
    assert "from cache:    0 of 9 articles" in first.stdout.splitlines()
    again = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path)], prog_name="kg")
    assert "from cache:    9 of 9 articles" in again.stdout.splitlines()
    off = runner.invoke(main, ["build", str(corpus), "--out", str(tmp_path / "x"), "--no-cache"], prog_name="kg")
    assert "from cache:    off" in off.stdout.splitlines()
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == sorted(OUTPUT_FILES)


# --------------------------------------------------------------------------- Dask


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_scale_cli_unreachable_scheduler_exits_two_naming_it(tmp_path, monkeypatch):
    monkeypatch.setattr(DaskEngine, "CONNECT_TIMEOUT", 1)
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--scheduler", address],
                                prog_name="kg")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: cannot reach the Dask scheduler at {address} (")
    assert f"`dask worker {address}`" in result.stderr
    assert not (tmp_path / "out").exists()


def test_scale_cli_scheduler_that_is_no_address_exits_two():
    result = CliRunner().invoke(main, ["build", "--scheduler", "localhost"], prog_name="kg")
    assert result.exit_code == 2
    assert result.stderr == ("Error: 'localhost' is not a scheduler address; give it as tcp://HOST:PORT, "
                             "as `dask scheduler` prints it\n")


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask.distributed is not installed")
def test_scale_cli_scheduler_without_workers_exits_two(tmp_path, monkeypatch):
    from distributed import LocalCluster

    monkeypatch.setattr(DaskEngine, "WORKER_TIMEOUT", 1)
    with LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        address = cluster.scheduler_address
        result = CliRunner().invoke(main, ["build", "--out", str(tmp_path / "out"), "--scheduler", address],
                                    prog_name="kg")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: the Dask scheduler at {address} has no workers after 1 s; "
                             f"start some with `dask worker {address}`\n")
    assert not (tmp_path / "out").exists()


def test_scale_cli_workers_and_scheduler_exclude_each_other(tmp_path):
    result = CliRunner().invoke(main, ["build", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
                                prog_name="kg")
    assert result.exit_code == 2
    assert "--workers and --scheduler exclude each other" in result.stderr


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None, reason="dask.distributed is not installed")
def test_scale_dask_cluster_gives_byte_identical_output(corpus, reference, tmp_path):
    import dask
    from distributed import LocalCluster

    with dask.config.set({"temporary-directory": str(tmp_path / "dask-tmp")}), LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        local_directory=str(tmp_path / "dask-local"), silence_logs=logging.ERROR,
    ) as cluster:
        order = []
        result = build([corpus], tmp_path / "out", scheduler=cluster.scheduler_address,
                       progress=lambda a: order.append(a.id))
        assert (result.extracted, result.cached) == (9, 0)
        again = build([corpus], tmp_path / "out", scheduler=cluster.scheduler_address)
        assert (again.extracted, again.cached) == (0, 9)
    assert _outputs(tmp_path / "out") == reference[1]
    assert order == [a.id for a in reference[0].corpus.articles]


# --------------------------------------------------------------------------- the benchmark's corpus


def test_scale_bench_corpus_is_deterministic_and_reads_as_articles(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("scale_bench", Path(__file__).parents[1] / "bench" / "scale_bench.py")
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "scale_bench", bench)
    spec.loader.exec_module(bench)
    pool = bench.sample_pool()
    bench.generate(tmp_path / "a", 5, 7, pool)
    bench.generate(tmp_path / "b", 3, 7, pool)
    assert [p.read_bytes() for p in sorted((tmp_path / "a").iterdir())][:3] == \
        [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]
    articles = [read_article(p) for p in sorted((tmp_path / "a").iterdir())]
    assert all(a.english is not None and a.chinese is not None and a.date is not None for a in articles)
    assert len({a.english.text for a in articles}) == 5

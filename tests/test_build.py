"""End to end on the bundled articles, with the real model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, Literal, URIRef

from kg.builder import build
from kg.corpus import read_article, sample_paths
from kg.export.turtle import read_turtle
from kg.namespace import EKG
from rdflib.namespace import PROV


@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return build(out_dir=out, nlp=nlp), out


def test_build_writes_the_three_outputs(built):
    result, out = built
    assert sorted(p.name for p in out.iterdir()) == [  # and the extraction cache (tests/test_scale.py)
        ".kg-cache", "graph.graphml", "graph.html", "graph.json", "graph.jsonld", "graph.ttl"]
    assert result.skipped == []


def test_build_help_pairs_of_the_first_article(built):
    result, _ = built
    label = {e.id: e.label for e in result.corpus.entities}
    pairs = {
        (label[a.helper], label[a.recipient])
        for a in result.corpus.assistance
        if a.evidence.article == "000_d751b22b83d88042" and a.evidence.text.startswith("Now, two competition")
    }
    assert pairs == {
        ("No. 4 Mine", "Wulin Vertical Shaft"),
        ("No. 7 Mine", "Wulin Vertical Shaft"),
        ("No. 3 Mine", "No. 6 Mine"),
        ("No. 5 Mine", "No. 6 Mine"),
    }


def test_build_turtle_parses_and_every_assistance_has_verbatim_evidence(built):
    _, out = built
    g = read_turtle(out / "graph.ttl")
    texts = {}
    for p in sample_paths():
        a = read_article(p)
        texts[URIRef(f"https://w3id.org/emulation-kg/id/article/{a.id}")] = a.english.text
    nodes = list(g.subjects(RDF.type, EKG.Assistance))
    assert len(nodes) >= 10
    for node in nodes:
        (article,) = g.objects(node, PROV.wasDerivedFrom)
        evidence = [o for o in g.objects(node, EKG.evidence) if isinstance(o, Literal) and o.language == "en"]
        assert len(evidence) == 1
        assert str(evidence[0]) in texts[article]
        assert len(list(g.objects(node, EKG.helper))) == 1
        assert len(list(g.objects(node, EKG.recipient))) == 1


def test_build_html_loads_no_remote_resource(built):
    _, out = built
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import", html)
    assert not (out / "lib").exists()


def test_build_is_deterministic(built, nlp, tmp_path):
    _, out = built
    build(out_dir=tmp_path, nlp=nlp)
    for name in ("graph.ttl", "graph.json", "graph.html", "graph.jsonld", "graph.graphml"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_build_outputs_are_ordinary_readable_files(built):
    _, out = built
    for p in out.iterdir():
        assert p.stat().st_mode & 0o044 == 0o044, p.name  # group and others may read


def _iris(path):
    return set(re.findall(r"<(https://w3id\.org/emulation-kg/id/[^>]+)>", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("left_out", ["000_d751b22b83d88042", "003_cce8805ef51223aa"])
def test_build_one_more_article_renames_nothing(built, nlp, tmp_path, left_out):
    _, out = built
    fewer = [p for p in sample_paths() if p.stem != left_out]
    build(fewer, out_dir=tmp_path, nlp=nlp, formats=("turtle",))
    assert _iris(tmp_path / "graph.ttl") <= _iris(out / "graph.ttl")


def test_build_base_iri_is_configurable(nlp, tmp_path):
    build(sample_paths()[:1], out_dir=tmp_path, nlp=nlp, formats=("turtle",), base="http://example.org/kg/")
    text = (tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "<http://example.org/kg/entity/jiaohe-coal-mine>" in text
    assert "w3id.org/emulation-kg/id/" not in text


# --------------------------------------------------------------------------- memory


def test_build_result_articles_keep_their_header_not_their_text(built):
    result, _ = built
    read = {p.stem: read_article(p) for p in sample_paths()}
    assert [a.id for a in result.corpus.articles] == [p.stem for p in sample_paths()]  # input order
    for a in result.corpus.articles:
        assert a.english is None and a.chinese is None  # the text streamed through, and went
        assert a == read[a.id].model_copy(update={"english": None, "chinese": None})


def test_build_jsonld_read_back_from_the_turtle_is_the_jsonld_of_the_graph(built, tmp_path):
    from kg.builder import write_outputs

    result, out = built
    write_outputs(result.graph, tmp_path / "alone", formats=("jsonld",))
    write_outputs(result.graph, tmp_path / "after", formats=("turtle", "jsonld"))
    alone = (tmp_path / "alone" / "graph.jsonld").read_bytes()
    assert alone == (tmp_path / "after" / "graph.jsonld").read_bytes() == (out / "graph.jsonld").read_bytes()


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="RSS now is read from /proc")
def test_build_logs_memory_at_the_start_and_after_each_stage(nlp, tmp_path, caplog):
    import logging

    with caplog.at_level(logging.INFO, logger="kg"):
        build(sample_paths()[:1], out_dir=tmp_path, nlp=nlp, formats=("json",))
    text = caplog.text
    assert re.search(r"memory: RSS \d+ MB as the articles start", text)
    for stage in ("extract", "resolve", "graph", "export:json"):
        assert re.search(rf"timing: {stage} [\d.]+ s \(peak RSS \d+ MB, RSS now \d+ MB\)", text), stage

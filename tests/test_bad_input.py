"""Bad input: clear errors naming file and line, the rest still built, nothing silently dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.builder import build
from kg.cli import main
from kg.corpus import read_article, sample_paths

SAMPLE = sample_paths()[0]  # 000_d751b22b83d88042.txt
OTHER = sample_paths()[3]  # 003_cce8805ef51223aa.txt


def _article(title: str, body: str) -> str:
    return f"Title: {title}\nAuthor:\nDate: 1958-03-01\nPage: 2\n{body}\n<hr />\n\nOriginal:\n\n### 标题\n\n1958-03-01\n第2版()\n专栏：\n\n    正文。\n"


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    shutil.copy(SAMPLE, d / "good.txt")
    shutil.copy(SAMPLE, d / "good-again.txt")  # the same article under another name
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"Title: x\n\x00\x01\x02\x03")
    (d / "undecodable.txt").write_bytes(b"Title: x\nDate: 1958-03-01\n\xff\xfe\xff\xff\n")
    (d / "gbk.txt").write_bytes(OTHER.read_text(encoding="utf-8").encode("gb18030"))
    (d / "crlf.txt").write_bytes(
        _article("Windows file", "The Anshan Machine Factory helped the Fushun Tool Plant.").replace("\n", "\r\n")
        .encode("utf-8"))
    (d / "no-original.txt").write_text(
        "Title: No original\nDate: 1958-03-02\nPage: 1\nThe Dalian Bearing Factory helped the Harbin Gear Factory.\n",
        encoding="utf-8")
    (d / "no-date.txt").write_text(
        "Title: No date\nPage: 1\nThe Baotou Iron Works helped the Linfen Steel Mill.\n", encoding="utf-8")
    (d / "zero-width.txt").write_text(
        _article("Zero width", "The Suzhou Silk\u200b Factory helped the Wuxi Silk Factory, and output rose."),
        encoding="utf-8")
    (d / "header-only.txt").write_text("Title: Only a header\nDate: 1958-03-01\nPage: 1\n", encoding="utf-8")
    sub = d / "sub"
    sub.mkdir()
    (sub / "good.txt").write_text(
        _article("Same name, other folder", "The Kirov Works helped the Minsk Works."), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def cli_run(bad_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(bad_folder), "--out", str(out)], prog_name="kg")
    return result, out


def test_bad_input_exit_status_is_1_when_files_were_skipped(cli_run):
    result, _ = cli_run
    assert result.exit_code == 1, result.output


def test_bad_input_lists_every_skipped_file_with_line_and_reason(cli_run, bad_folder):
    result, _ = cli_run
    lines = result.output.splitlines()
    start = lines.index("skipped files: 4")
    assert lines[start + 1 : start + 5] == [
        f"  {bad_folder / 'binary.txt'}:2: binary data (a NUL byte at byte 9), not an article",
        f"  {bad_folder / 'empty.txt'}:1: the file is empty",
        f"  {bad_folder / 'header-only.txt'}:4: no article body: neither English text nor a Chinese original",
        f"  {bad_folder / 'undecodable.txt'}:3: cannot decode: not UTF-8 (byte 26: invalid start byte), "
        "nor GB18030 (byte 26)",
    ]


def test_bad_input_duplicate_is_built_once_and_reported(cli_run, bad_folder):
    result, _ = cli_run
    assert f"  {bad_folder / 'good.txt'}: the same article as {bad_folder / 'good-again.txt'}; built once" \
        in result.output.splitlines()


def test_bad_input_every_good_article_is_in_the_turtle(cli_run):
    _, out = cli_run
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    for article_id in ["good-again", "gbk", "crlf", "no-original", "no-date", "zero-width", "good~sub"]:
        assert f"<https://w3id.org/emulation-kg/id/article/{article_id}>" in ttl, article_id


def test_bad_input_same_name_in_two_folders_keeps_both(bad_folder, nlp):
    result = build([bad_folder], out_dir=None, nlp=nlp)
    ids = sorted(a.id for a in result.corpus.articles)
    assert ids == ["crlf", "gbk", "good-again", "good~sub", "no-date", "no-original", "zero-width"]


def test_bad_input_gbk_file_is_read_and_its_encoding_said(bad_folder, caplog):
    article = read_article(bad_folder / "gbk.txt")
    assert article.encoding == "gb18030"
    assert article.title_zh == "主要电炉钢厂签订厂际竞赛合同　互助协作多炼优质钢"
    assert f"{bad_folder / 'gbk.txt'}: read as GB18030, not UTF-8" in caplog.text


def test_bad_input_zero_width_space_does_not_break_extraction_and_evidence_stays_verbatim(bad_folder, nlp):
    result = build([bad_folder / "zero-width.txt"], out_dir=None, nlp=nlp)
    (a,) = result.corpus.assistance
    assert a.evidence.text == "The Suzhou Silk\u200b Factory helped the Wuxi Silk Factory, and output rose."
    source = (bad_folder / "zero-width.txt").read_text(encoding="utf-8")
    assert source[a.evidence.start : a.evidence.end] == a.evidence.text


def test_bad_input_strict_stops_at_the_first_bad_file_and_writes_nothing(bad_folder, tmp_path):
    result = CliRunner().invoke(main, ["build", str(bad_folder), "--out", str(tmp_path), "--strict"],
                                prog_name="kg")
    assert result.exit_code == 1
    assert f"{bad_folder / 'binary.txt'}:2: binary data (a NUL byte at byte 9), not an article" in result.output
    assert list(tmp_path.iterdir()) == []


def test_bad_input_failed_build_leaves_previous_outputs_intact(bad_folder, tmp_path):
    (tmp_path / "graph.ttl").write_text("previous", encoding="utf-8")
    CliRunner().invoke(main, ["build", str(bad_folder), "--out", str(tmp_path), "--strict"], prog_name="kg")
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "previous"


def test_bad_input_long_article_is_parsed_in_pieces(nlp, tmp_path, monkeypatch):
    import kg.extract

    monkeypatch.setattr(kg.extract, "PIECE_CHARS", 200)
    body = "\n".join(
        f"The Anshan No. {i} Machine Factory helped the Fushun No. {i} Tool Plant." for i in range(1, 8))
    (tmp_path / "long.txt").write_text(_article("Long", body), encoding="utf-8")
    from kg.extract import body_pieces

    assert len(body_pieces(read_article(tmp_path / "long.txt"), 200)) > 1
    result = build([tmp_path / "long.txt"], out_dir=None, nlp=nlp)
    assert len(result.corpus.assistance) == 7
    ids = [a.id for a in result.corpus.assistance]
    assert len(set(ids)) == 7
    assert {a.id.split("-")[-1][:2] for a in result.corpus.assistance} >= {"a1", "c1"}  # pieces after the first


def test_bad_input_build_writes_nothing_outside_its_output_folder(tmp_path):
    """No cache in HOME or /tmp, nothing next to the working directory: only the output folder."""
    import os
    import subprocess
    import sys

    home, tmp, cwd = tmp_path / "home", tmp_path / "tmp", tmp_path / "cwd"
    for d in (home, tmp, cwd):
        d.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    kg = Path(sys.executable).with_name("kg")
    subprocess.run([str(kg), "build", "--out", "out"], cwd=cwd, env=env, check=True, capture_output=True)
    assert sorted(p.name for p in cwd.iterdir()) == ["out"]
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []


def test_bad_input_an_extractor_failure_costs_one_article_and_is_reported(bad_folder, nlp, monkeypatch):
    import kg.builder

    real = kg.builder.extract_article

    def flaky(article, doc, piece=(0, 0)):
        if article.id == "crlf":
            raise ValueError("a bug for the test")
        return real(article, doc, piece)

    monkeypatch.setattr(kg.builder, "extract_article", flaky)
    result = build([bad_folder], out_dir=None, nlp=nlp)
    assert str(result.skipped[-1]) == f"{bad_folder / 'crlf.txt'}: extraction failed (ValueError: a bug for the test)"
    assert "crlf" in [a.id for a in result.corpus.articles]
    assert all(a.evidence.article != "crlf" for a in result.corpus.assistance)
    assert any(a.evidence.article == "no-date" for a in result.corpus.assistance)


def test_bad_input_an_inconsistent_extraction_costs_one_article_and_is_reported(bad_folder, nlp, monkeypatch):
    # a record pointing at a mention the extraction does not have: resolution refuses the article whole
    import kg.builder

    real = kg.builder.extract_article

    def inconsistent(article, doc, piece=(0, 0)):
        x = real(article, doc, piece)
        if article.id != "crlf" or not x.assistance:
            return x
        broken = x.assistance[0].model_copy(update={"helper": "crlf#m999"})
        return x.model_copy(update={"assistance": (broken, *x.assistance[1:])})

    monkeypatch.setattr(kg.builder, "extract_article", inconsistent)
    result = build([bad_folder], out_dir=None, nlp=nlp)
    assert str(result.skipped[-1]) == f"{bad_folder / 'crlf.txt'}: resolution failed (KeyError: 'crlf#m999')"
    assert "crlf" in [a.id for a in result.corpus.articles]
    assert all(a.evidence.article != "crlf" for a in result.corpus.assistance)
    assert all("crlf" not in e.articles for e in result.corpus.entities)
    assert any(a.evidence.article == "no-date" for a in result.corpus.assistance)

"""Reading article files: the bundled samples, the archive layout, and broken files."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from kg.corpus import iter_article_paths, parse_article, read_article, sample_paths
from kg.errors import ArticleError

SEEDS = Path("/work/shared/corpus/seeds")

# Read by hand from the files: header fields, the archive title, and the first and last
# characters of each body (bodies are stripped, so the Chinese one starts after the
# indent of its first line, whether ASCII spaces or U+3000).
SAMPLES = {
    "000_d751b22b83d88042": {
        "title": 'Advanced Help Backward, Produce More Coal for Steel: Jiaohe Mine Launches "Collaboration Zone'
        ' Competition"',
        "date": dt.date(1960, 9, 13),
        "page": 2,
        "title_zh": "先进帮后进\u3000为钢多产煤  蛟河矿开展“协作区竞赛”",
        "en_head": "Xinhua News Agency, Changchun,",
        "en_tail": "n days of the month.",
        "zh_head": "先进帮后进\u3000为钢多产煤\n    蛟河矿开展“协作区竞赛”",
        "zh_tail": "8月下旬的平均日产量比上旬提高4.1％。",
    },
    "001_5cc177c97d4e4a61": {
        "title": "Learning from the Advanced, Helping the Backward, Supporting Each Other, Seeking Progress"
        " Together: The Communist Spirit is Promoted in the Soviet Industrial Front. One Collective Helps"
        " Another, Several Collectives Help Each Other",
        "date": dt.date(1960, 3, 28),
        "page": 5,
        "title_zh": "学习先进\u3000帮助落后\u3000互相支援\u3000共求进步  共产主义精神在苏联工业战线发扬光大"
        "  一个集体帮助一个集体几个集体之间互相帮助",
        "en_head": "Xinhua News Agency, Moscow Dis",
        "en_tail": "s in the two cities.",
        "zh_head": "学习先进\u3000帮助落后\u3000互相支援\u3000共求进步\n    共产主义精神",
        "zh_tail": "目标，要争取使两个城市没有一个落后企业。",
    },
    "002_ce1b9ee1370c8b7e": {
        "title": "Secretaries Go to the Front Lines, Production Greatly Increases: Leaders and Cadres of Lingxi"
        " Mine Go Deep into the Grassroots for a Long Time, Completing the Plan Comprehensively Every Month"
        " for Fourteen Months",
        "date": dt.date(1959, 10, 19),
        "page": 3,
        "title_zh": "书记上前线\u3000生产大高涨  岭西矿领导干部长期深入基层十四个月月月全面完成计划",
        "en_head": "Secretaries Go to the Front Li",
        "en_tail": "ed with the workers.",
        "zh_head": "书记上前线\u3000生产大高涨\n    岭西矿领导干部",
        "zh_tail": "工人一起研究问题。\u3000新华社记者\u3000刘诗临摄",
    },
    "003_cce8805ef51223aa": {
        "title": "Major Electric Furnace Steel Plants Sign Inter-Factory Competition Contract: Mutual Assistance"
        " and Cooperation to Produce More High-Quality Steel",
        "date": dt.date(1959, 8, 14),
        "page": 2,
        "title_zh": "主要电炉钢厂签订厂际竞赛合同\u3000互助协作多炼优质钢",
        "en_head": "Xinhua News Agency, Benxi, Aug",
        "en_tail": "factory competition.",
        "zh_head": "主要电炉钢厂签订厂际竞赛合同\n\u3000\u3000互助协作多炼优质钢",
        "zh_tail": "的组织领导和检查、奖励、评比等各项制度。",
    },
    "004_d3ce3ca191f46798": {
        "title": "Labor Emulation Campaign Launched in State-Owned Factories and Mines in Central and South China",
        "date": dt.date(1953, 1, 31),
        "page": 1,
        "title_zh": "中南部分国营厂矿  开展劳动竞赛运动",
        "en_head": "Xinhua News Agency, Wuhan, Jan",
        "en_tail": "after being adopted.",
        "zh_head": "中南部分国营厂矿\n    开展劳动竞赛运动\n    【新华社武汉",
        "zh_tail": "建议被采用以后，解决了生产上的关键问题。",
    },
}

ARCHIVE_ONLY = "### 标题\n\n1959-08-14\n第2版()\n专栏：\n\n    第一段正文。\n    第二段正文。\n"

TRANSLATED = (
    "Title: A test article\n"
    "Author: A. Writer\n"
    "Date: 1958-06-01\n"
    "Page: 4\n"
    "\n"
    "The No. 4 Mine helped the No. 6 Mine.\n"
    "\n"
    "Output rose by 10%.\n"
    "\n"
    "<hr /> \n"
    "\n"
    "Original: \n"
    "\n"
    "### 标题\n"
    "\n"
    "1958-06-01\n"
    "第4版()\n"
    "专栏：经验交流\n"
    "\n"
    "    四井帮助六井。\n"
)


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _assert_offsets(article, path: Path) -> None:
    source_text = path.read_bytes().decode("utf-8-sig")
    for block in (article.english, article.chinese):
        if block is not None:
            assert source_text[block.start : block.end] == block.text


# --------------------------------------------------------------------------- the bundled samples


def test_corpus_sample_paths_are_the_five_seeds_in_name_order():
    paths = sample_paths()
    assert [p.name for p in paths] == [f"{i}.txt" for i in SAMPLES]
    for p in paths:
        assert p.read_bytes() == (SEEDS / p.name).read_bytes()


@pytest.mark.parametrize("article_id", list(SAMPLES), ids=list(SAMPLES))
def test_corpus_reads_sample_article(article_id):
    want = SAMPLES[article_id]
    (path,) = [p for p in sample_paths() if p.stem == article_id]
    a = read_article(path)
    assert a.id == article_id
    assert a.source == str(path)
    assert a.title == want["title"]
    assert a.title_zh == want["title_zh"]
    assert a.author is None
    assert a.column is None
    assert a.date == want["date"]
    assert a.page == want["page"]
    assert a.english.lang == "en"
    assert a.english.text[:30] == want["en_head"]
    assert a.english.text[-20:] == want["en_tail"]
    assert a.chinese.lang == "zh"
    assert a.chinese.text.startswith(want["zh_head"])
    assert a.chinese.text.endswith(want["zh_tail"])
    assert "<hr" not in a.english.text
    assert "Original:" not in a.english.text
    _assert_offsets(a, path)


@pytest.mark.parametrize("article_id", list(SAMPLES), ids=list(SAMPLES))
def test_corpus_reads_shared_seed_copy_alike(article_id):
    bundled = read_article(next(p for p in sample_paths() if p.stem == article_id))
    shared = read_article(SEEDS / f"{article_id}.txt")
    assert shared.model_dump(exclude={"source"}) == bundled.model_dump(exclude={"source"})


# --------------------------------------------------------------------------- layouts written here


def test_corpus_archive_block_alone_is_a_chinese_only_article(tmp_path):
    path = _write(tmp_path, "zh_only.txt", ARCHIVE_ONLY)
    a = read_article(path)
    assert a.id == "zh_only"
    assert a.english is None
    assert a.title is None
    assert a.title_zh == "标题"
    assert a.date == dt.date(1959, 8, 14)
    assert a.page == 2
    assert a.column is None
    assert a.chinese.lang == "zh"
    assert a.chinese.text == "第一段正文。\n    第二段正文。"
    _assert_offsets(a, path)


def test_corpus_translated_layout_reads_every_field(tmp_path):
    path = _write(tmp_path, "t.txt", TRANSLATED)
    a = read_article(path)
    assert (a.title, a.author, a.date, a.page) == ("A test article", "A. Writer", dt.date(1958, 6, 1), 4)
    assert (a.title_zh, a.column) == ("标题", "经验交流")
    assert a.english.text == "The No. 4 Mine helped the No. 6 Mine.\n\nOutput rose by 10%."
    assert a.chinese.text == "四井帮助六井。"
    _assert_offsets(a, path)


@pytest.mark.parametrize(
    "text",
    [TRANSLATED, ARCHIVE_ONLY, (SEEDS / "002_ce1b9ee1370c8b7e.txt").read_text("utf-8")],
    ids=["translated", "archive-only", "sample-002"],
)
def test_corpus_bom_is_dropped_and_offsets_count_decoded_characters(tmp_path, text):
    plain = read_article(_write(tmp_path, "plain.txt", text))
    path = _write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8"))
    a = read_article(path)
    assert a.model_dump(exclude={"id", "source"}) == plain.model_dump(exclude={"id", "source"})
    _assert_offsets(a, path)


@pytest.mark.parametrize(
    "text",
    [TRANSLATED, ARCHIVE_ONLY, (SEEDS / "000_d751b22b83d88042.txt").read_text("utf-8")],
    ids=["translated", "archive-only", "sample-000"],
)
def test_corpus_crlf_line_ends_read_like_lf(tmp_path, text):
    lf = read_article(_write(tmp_path, "lf.txt", text))
    path = _write(tmp_path, "crlf.txt", text.replace("\n", "\r\n"))
    a = read_article(path)
    for name in ("title", "title_zh", "author", "date", "page", "column"):
        assert getattr(a, name) == getattr(lf, name), name
    for crlf_block, lf_block in ((a.english, lf.english), (a.chinese, lf.chinese)):
        if lf_block is None:
            assert crlf_block is None
        else:
            assert crlf_block.text.replace("\r\n", "\n") == lf_block.text
    _assert_offsets(a, path)


def test_corpus_header_with_blank_lines_between_fields(tmp_path):
    text = "Title: Spaced out\n\nAuthor: Someone\n\nDate: 1959-10-19\n\nPage: 3\n\nBody text here.\n"
    path = _write(tmp_path, "spaced.txt", text)
    a = read_article(path)
    assert (a.title, a.author, a.date, a.page) == ("Spaced out", "Someone", dt.date(1959, 10, 19), 3)
    assert a.english.text == "Body text here."
    assert a.english.start == text.index("Body")


def test_corpus_file_without_hr_is_english_only_and_warns(tmp_path, caplog):
    path = _write(tmp_path, "en_only.txt", "Title: No original\nDate: 1960-01-02\nPage: 1\n\nJust English.\n")
    with caplog.at_level(logging.WARNING, logger="kg.corpus"):
        a = read_article(path)
    assert a.chinese is None
    assert a.title_zh is None
    assert a.english.text == "Just English."
    assert (a.date, a.page) == (dt.date(1960, 1, 2), 1)
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: no '<hr />' line: the article has no Chinese original"
    ]


def test_corpus_unparsable_date_warns_with_line_and_reads_no_date(tmp_path, caplog):
    path = _write(tmp_path, "baddate.txt", "Title: Bad date\nAuthor:\nDate: 13 Sept 1960\nPage: 2\n\nBody.\n")
    with caplog.at_level(logging.WARNING, logger="kg.corpus"):
        a = read_article(path)
    assert a.date is None
    assert a.page == 2
    assert a.english.text == "Body."
    assert f"{path}:3: unparsable date '13 Sept 1960'; the article is read without a date" in [
        r.getMessage() for r in caplog.records
    ]


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\n  \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n"],
    ids=["no-bytes", "blank-lines", "bom-only", "bom-and-crlf"],
)
def test_corpus_empty_file_raises(tmp_path, data):
    path = _write(tmp_path, "empty.txt", data)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert str(info.value) == f"{path}:1: the file is empty"
    assert (info.value.path, info.value.line, info.value.reason) == (str(path), 1, "the file is empty")


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"Title: x\nDate: 1959-01-01\nab\xffc\n", 3, 28),
        (b"\xef\xbb\xbfTitle: x\nDate: 1959-01-01\nab\xffc\n", 3, 31),
        (b"\xff\n", 1, 0),
    ],
    ids=["line-3", "line-3-after-bom", "first-byte"],
)
def test_corpus_undecodable_raises_naming_the_line(tmp_path, data, line, byte):
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert info.value.line == line
    assert str(info.value) == (
        f"{path}:{line}: cannot decode: not UTF-8 (byte {byte}: invalid start byte), nor GB18030 (byte {byte})")


def test_corpus_not_utf8_but_gb18030_is_read_as_gb18030(tmp_path):
    path = _write(tmp_path, "gbk.txt", "Title: 蛟河\n### 标题\n\n正文。\n".encode("gbk"))
    article = read_article(path)
    assert (article.encoding, article.title) == ("gb18030", "蛟河")


def test_corpus_archive_title_without_body_raises(tmp_path):
    path = _write(tmp_path, "nobody.txt", "### 标题\n1959-08-14\n第2版()\n专栏：\n")
    with pytest.raises(ArticleError) as info:
        read_article(path)
    assert str(info.value) == f"{path}:1: the archive block has a title but no body"


def test_corpus_parse_article_names_the_given_source():
    with pytest.raises(ArticleError) as info:
        parse_article("\ufeff  \n", source="in-memory.txt", article_id="x")
    assert str(info.value) == "in-memory.txt:1: the file is empty"


# --------------------------------------------------------------------------- finding files


def test_corpus_iter_article_paths_walks_folders_sorted(tmp_path):
    for name in ["z.txt", "b.txt", "notes.md", "sub/deeper/a.txt", "sub/c.txt", "sub/c.txt.bak"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.txt").mkdir()
    assert list(iter_article_paths([tmp_path])) == [
        tmp_path / "b.txt",
        tmp_path / "sub" / "c.txt",
        tmp_path / "sub" / "deeper" / "a.txt",
        tmp_path / "z.txt",
    ]


def test_corpus_iter_article_paths_keeps_given_files_in_order(tmp_path):
    first, second = tmp_path / "b.md", tmp_path / "a.txt"
    first.write_text("x")
    second.write_text("x")
    assert list(iter_article_paths([str(first), second])) == [first, second]


def test_corpus_iter_article_paths_missing_path_raises(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(ArticleError) as info:
        list(iter_article_paths([missing]))
    assert str(info.value) == f"{missing}: no such file or folder"
    assert info.value.line is None

"""Chinese names found in the original, one construction per case, with text written for the test."""

from __future__ import annotations

import pytest

from kg.extract.chinese import chinese_name, chinese_numeral


@pytest.mark.parametrize(
    "name, zh, expected",
    [
        pytest.param("Hegang Coal Mine", "据新华社电　鹤岗煤矿开展竞赛。", "鹤岗煤矿", id="pinyin-and-shape"),
        pytest.param("Hegang Mine", "鹤岗矿的职工", "鹤岗矿", id="short-shape"),
        pytest.param("Chongqing Iron and Steel Company", "重庆钢铁公司增产", "重庆钢铁公司",
                     id="heteronym-chong"),
        pytest.param("Wang Guifang", "厂长王桂芳说", "王桂芳", id="person"),
        pytest.param("Hebei Province", "河北省的工厂", "河北省", id="province"),
        pytest.param("No. 12 Shaft", "十二井和三井", "十二井", id="numbered-shaft"),
        pytest.param("No. 3 Mine", "十二井和三井", "三井", id="numbered-mine"),
        pytest.param("305 tunneling team", "三○五掘进队月进五十米", "三○五掘进队", id="numbered-team"),
        pytest.param("Red Banner Competition", "红旗竞赛", None, id="translated-name-is-left"),
        pytest.param("Beijing", "设备竞赛，北京等地", None, id="two-readings-is-unsure"),
        pytest.param("Hegang Coal Mine", "鹤岗的工厂", None, id="shape-must-follow"),
        pytest.param("No. 4 Mine", "三井", None, id="absent-number"),
    ],
)
def test_extract_chinese_name(name, zh, expected):
    assert chinese_name(name, zh) == expected


@pytest.mark.parametrize("n, expected", [(4, "四"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_extract_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


def test_extract_chinese_label_reaches_the_entity(nlp):
    from kg.corpus import parse_article
    from kg.extract import body_text, extract_article
    from kg.resolve import resolve

    text = ("Title: t\nAuthor:\nDate: 1958-01-01\nPage: 1\nThe Hegang Coal Mine helped the Fuxin Coal Mine.\n"
            "<hr />\n\nOriginal:\n\n### 标题\n\n1958-01-01\n第1版()\n专栏：\n\n    鹤岗煤矿帮助阜新煤矿。\n")
    a = parse_article(text, source="t.txt", article_id="t")
    corpus = resolve([extract_article(a, nlp(body_text(a)[0]))])
    assert sorted((e.label, e.label_zh) for e in corpus.entities) == [
        ("Fuxin Coal Mine", "阜新煤矿"), ("Hegang Coal Mine", "鹤岗煤矿")]

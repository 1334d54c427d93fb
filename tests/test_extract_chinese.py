"""Chinese names found in the original, one construction per case, with text written for the test."""

from __future__ import annotations

import pytest

from kg.extract.chinese import chinese_name, chinese_numeral, place_in_text, quoted_chinese


@pytest.mark.parametrize(
    "name, zh, expected",
    [
        pytest.param("Hegang Coal Mine", "据新华社电　鹤岗煤矿开展竞赛。", "鹤岗煤矿", id="pinyin-and-shape"),
        pytest.param("Hegang Mine", "鹤岗矿的职工", "鹤岗矿", id="short-shape"),
        pytest.param("Chongyang Iron and Steel Company", "重阳钢铁公司增产", "重阳钢铁公司",
                     id="heteronym-chong"),
        pytest.param("Wang Guifang", "厂长王桂芳说", "王桂芳", id="person"),
        pytest.param("Hebei Province", "河北省的工厂", "河北省", id="province"),
        pytest.param("Anyang No. 1 Machine Tool Plant", "安阳第一机床厂增产", "安阳第一机床厂", id="numbered-inside-di"),
        pytest.param("Anyang No. 2 Shaft", "安阳二号井增产", "安阳二号井", id="numbered-inside-hao"),
        pytest.param("Harbin Electric Machinery Plant", "哈尔滨电机厂增产", "哈尔滨电机厂",
                     id="place-in-the-period-spelling"),
        pytest.param("Luoyang Diesel Engine Factory", "洛阳柴油机厂增产", "洛阳柴油机厂", id="diesel-engine"),
        pytest.param("Anyang Mining Bureau", "安阳矿务局所属各矿", "安阳矿务局", id="mining-bureau"),
        pytest.param("Anyang No. 3 Cotton Mill", "安阳第三棉纺织厂的工人", "安阳第三棉纺织厂", id="cotton-mill"),
        pytest.param("Novo-Lipetsk Sugar Plant", "新利佩茨克糖厂的工人", "新利佩茨克糖厂", id="russian-prefix-translated"),
        pytest.param("No. 12 Shaft", "十二井和九井", "十二井", id="numbered-shaft"),
        pytest.param("No. 9 Mine", "十二井和九井", "九井", id="numbered-mine"),
        pytest.param("305 tunneling team", "三○五掘进队月进五十米", "三○五掘进队", id="numbered-team"),
        pytest.param("Red Star Competition", "全厂开展红星竞赛。", "红星竞赛", id="translated-campaign"),
        pytest.param("Anshan Municipal Committee of the Communist Party of China", "中共鞍山市委号召各厂",
                     "中共鞍山市委", id="x-of-y-turned-round"),
        pytest.param("plant's Party committee", "厂党委书记说", "厂党委", id="possessive"),
        pytest.param("Party committee", "厂党委书记说", None, id="generic-head-alone-is-no-name"),
        pytest.param("repair and transportation section", "厂的修运科派人帮助", "修运科", id="abbreviation"),
        pytest.param("Kuznetsova", "女工库兹涅佐娃首创的方法", "库兹涅佐娃", id="russian-by-sound"),
        pytest.param("Kalinin Machinery Plant", "加里宁机械厂的工人", "加里宁机械厂",
                     id="russian-that-spells-pinyin-and-shape"),
        pytest.param("Ivanova", "伊万诺娃和伊万诺夫", "伊万诺娃", id="sound-ending-vowel"),
        pytest.param("Ivanov", "伊万诺娃和伊万诺夫", "伊万诺夫", id="sound-ending-consonant"),
        pytest.param("Karlin", "卡尔林诺州的矿井", None, id="sound-ending-must-agree"),
        pytest.param("Kalinin", "加里宁格勒的工厂", None, id="sound-takes-the-whole-run"),
        pytest.param('"Red Star" Textile Factory', "“红星”纺织厂提前完成", "“红星”纺织厂", id="quotes-kept"),
        pytest.param("Twelve state-owned factories", "十二个国营工厂参加", "十二个国营工厂",
                     id="number-and-measure-word"),
        pytest.param("North China Machinery Company", "华北机械公司的职工", "华北机械公司", id="china-is-hua"),
        pytest.param("Northwest China", "西北的工厂", "西北", id="china-left-out"),
        pytest.param("textile factories in Northwest China", "西北地区纺织厂开展竞赛", "西北地区纺织厂",
                     id="compass-and-area"),
        pytest.param("textile factories in Southwest China", "西南地区纺织厂和西南纺织厂", None,
                     id="variants-are-unsure"),
        pytest.param("North Bureau", "西北局表扬了", None, id="compass-cut-short"),
        pytest.param("mutual assistance competition", "签订竞赛互助合同", None, id="head-comes-last"),
        pytest.param("factories that need help", "需要帮助的工厂", None, id="unknown-word-is-unsure"),
        pytest.param("Li Ming", "黎明时，厂长李明说", None, id="two-readings-is-unsure"),
        pytest.param("Hegang Coal Mine", "鹤岗的工厂", None, id="shape-must-follow"),
        pytest.param("No. 8 Mine", "九井", None, id="absent-number"),
        pytest.param("Hongxing Factory", "工厂的厂长说宏兴厂好", "宏兴厂", id="shape-also-stands-alone"),
        pytest.param("Hongxing Coal Mine", "煤矿工人说，宏兴煤矿和煤矿", "宏兴煤矿", id="head-also-stands-alone"),
        pytest.param("Kirov", "基洛夫市的工厂", "基洛夫", id="sound-near-first-consonant"),
        pytest.param("Kirov Plant", "基洛夫工厂的工人", "基洛夫工厂", id="sound-and-shape"),
        pytest.param('"Red Star" Textile Factory', "厂里的“红星”纺织厂提前完成", "“红星”纺织厂",
                     id="quotes-after-a-shape"),
        pytest.param('"Red Star Competition" committee', "“红星竞赛”委员会成立了", "“红星竞赛”委员会",
                     id="head-read-in-full-not-cut-short"),
        pytest.param("Central-South Bureau of the Central Committee of the Communist Party of China",
                     "中共中央中南局召开会议", "中共中央中南局", id="regional-bureau"),
        pytest.param("Central China Bureau", "中南局的指示", "中南局", id="central-china-as-central-south"),
        pytest.param("Central China Bureau", "华中局的指示", "华中局", id="central-china-as-hua-zhong"),
        pytest.param("five of the largest tractor plants in Japan", "日本五个最大的拖拉机厂都参加了",
                     "日本五个最大的拖拉机厂", id="superlative"),
        pytest.param("Ivanova", "女工安娜·伊万诺娃说", "伊万诺娃", id="family-name-after-a-dot"),
        pytest.param("Anna Ivanova", "女工安娜·伊万诺娃说", "安娜·伊万诺娃", id="full-name-with-its-dot"),
        pytest.param("Anyang Locomotive Depot", "在安阳机务段的帮助下", "安阳机务段", id="locomotive-depot"),
        pytest.param("Hongqi Production Brigade", "红旗生产大队的社员", "红旗生产大队", id="production-brigade"),
        pytest.param("Maria Ivanova", "劳动英雄玛丽亚·伊万诺娃调到农庄", "玛丽亚·伊万诺娃",
                     id="full-name-after-a-word-of-sound-characters"),
        pytest.param("Krasnodar Krai", "克拉斯诺达尔边疆区的集体农庄", "克拉斯诺达尔边疆区", id="krai"),
        pytest.param("Lenin Collective Farm", "列宁集体农庄负责帮助", "列宁集体农庄", id="collective-farm"),
        pytest.param("Ivan Sidorov", "在队长伊万·西多罗夫的带领下", "伊万·西多罗夫", id="sidorov"),
        pytest.param("Valentina Kuznetsova", "学习瓦莲京娜·库兹涅佐娃的榜样", "瓦莲京娜·库兹涅佐娃",
                     id="full-name-with-less-common-characters"),
        pytest.param("Fengyang Bearing Plant", "凤阳轴承厂派出技术人员", "凤阳轴承厂", id="industry-bearing"),
        pytest.param("Fengyang Boiler Works", "凤阳锅炉厂的工人", "凤阳锅炉厂", id="industry-boiler"),
    ],
)
def test_extract_chinese_name(name, zh, expected):
    assert chinese_name(name, zh) == expected


def test_extract_chinese_names_of_several_texts_in_turn():
    # what is found in one text is kept for it, never taken for another's (more texts than are kept at once)
    texts = {f"{city}煤矿": f"据新华社电　{city}煤矿开展竞赛。" for city in ("鹤岗", "阜新", "抚顺", "青峰", "鸡西", "明川")}
    names = {"鹤岗煤矿": "Hegang Coal Mine", "阜新煤矿": "Fuxin Coal Mine", "抚顺煤矿": "Fushun Coal Mine",
             "青峰煤矿": "Qingfeng Coal Mine", "鸡西煤矿": "Jixi Coal Mine", "明川煤矿": "Mingchuan Coal Mine"}
    for _ in range(2):
        for zh_name, zh in texts.items():
            assert {chinese_name(name, zh) for name in names.values()} == {zh_name, None}
            assert chinese_name(names[zh_name], zh) == zh_name


def test_extract_chinese_place_picks_between_two_readings():
    zh = "黎明时工人就上班了。\n厂长李明说。"
    assert chinese_name("Li Ming", zh) is None  # 黎明 reads li ming too
    assert chinese_name("Li Ming", zh, at=0.55) == "李明"


def test_extract_chinese_name_by_sound_must_stand_near_the_english():
    zh = "新华社哈尔科夫电\n    工厂开展竞赛。"
    assert chinese_name("Kharkov", zh, at=0.0) == "哈尔科夫"
    assert chinese_name("Kharkov", zh, at=0.9) is None


def test_extract_chinese_place_counts_paragraphs_after_the_title():
    text = "标题\n    第一段。\n    第二段。"
    assert [place_in_text(text, i) for i in (0, text.index("第一"), text.index("第二"), len(text))] == [
        0.0, 0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    "phrase, zh, expected",
    [
        pytest.param("learning from 305 and surpassing 305", "全矿掀起“学三○五，超三○五”的热潮。",
                     "学三○五，超三○五", id="slogan-by-its-number"),
        pytest.param("learning from 305", "提出“鼓足干劲”和“学三○五”的口号。", "学三○五",
                     id="the-quoted-stretch-with-the-number"),
        pytest.param("learning from 305", "提出“学三○八”的口号。", None, id="every-number-must-be-written"),
        pytest.param("learning from 305", "提出“学三○五”和“赶三○五”的口号。", None, id="two-stretches-tie"),
        pytest.param("advanced helping backward", "提出“先进帮助后进”的口号。", "先进帮助后进",
                     id="two-known-words"),
        pytest.param("working hard", "提出“鼓足干劲”的口号。", None, id="no-anchor-is-no-name"),
    ],
)
def test_extract_chinese_quoted_phrase(phrase, zh, expected):
    assert quoted_chinese(phrase, zh) == expected


def test_extract_chinese_quoted_phrase_must_stand_near_the_english():
    zh = "标题\n    全矿掀起“学三○五”的热潮。\n    第二段。\n    第三段。\n    第四段。"
    assert quoted_chinese("learning from 305", zh, at=0.1) == "学三○五"
    assert quoted_chinese("learning from 305", zh, at=0.9) is None


@pytest.mark.parametrize("n, expected", [(4, "四"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_extract_chinese_numeral(n, expected):
    assert chinese_numeral(n) == expected


def test_extract_chinese_label_reaches_the_entity(extract):
    corpus = extract("The Hegang Coal Mine helped the Fuxin Coal Mine.", zh="鹤岗煤矿帮助阜新煤矿。")
    assert sorted((e.label, e.label_zh) for e in corpus.entities) == [
        ("Fuxin Coal Mine", "阜新煤矿"), ("Hegang Coal Mine", "鹤岗煤矿")]


def test_extract_chinese_slogan_reaches_the_campaign(extract):
    corpus = extract('The Party committee launched a high tide of "learning from 305 and catching up with 305" in '
                     "the whole mine.", zh="党委在全矿掀起了一个“学三○五，赶三○五”的高潮。")
    assert [(e.label, e.label_zh) for e in corpus.entities if e.type.value == "Campaign"] == [
        ("learning from 305 and catching up with 305", "学三○五，赶三○五")]

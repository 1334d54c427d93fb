"""Extraction from the Chinese original alone: one construction per test, with sentences written
for the test (the units are invented), and a Chinese-only build end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDFS

from kg.corpus import parse_article
from kg.extract.chinese import chinese_name
from kg.extract.zh import extract_chinese
from kg.nlp.zh import find_names, load_zh_nlp
from kg.resolve import resolve

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds"
EKG = rdflib.Namespace("https://w3id.org/emulation-kg/ns#")


def _archive(body: str, title: str = "标题") -> str:
    return f"### {title}\n\n1960-09-13\n第2版()\n专栏：\n\n    {body}\n"


def zh(body: str, title: str = "标题"):
    """The resolved Corpus of a Chinese-only article written in a test."""
    article = parse_article(_archive(body, title), source="t.txt", article_id="t")
    return resolve([extract_chinese(article)])


def names(corpus) -> dict[str, tuple[str, str | None]]:
    """entity id -> (English label, Chinese label)."""
    return {e.id: (e.label, e.label_zh) for e in corpus.entities}


def pairs(corpus, records="assistance") -> list[tuple[str, str]]:
    n = names(corpus)
    return [(n[r.helper][1], n[r.recipient][1]) for r in getattr(corpus, records)]


# --------------------------------------------------------------------------- the pipeline


def test_zh_pipeline_is_blank_chinese_with_jieba_and_the_name_component_first():
    nlp = load_zh_nlp()
    assert nlp.lang == "zh"
    assert nlp.tokenizer.segmenter == "jieba"
    assert nlp.pipe_names == ["kg_zh_unit_names"]


def test_zh_pipeline_makes_a_unit_name_one_token():
    """jieba alone cuts 松林立井 into 松林 / 立井 (乌林立井 into 乌 / 林立 / 井): the shape merges it."""
    doc = load_zh_nlp()("四井、七井帮助松林立井。")
    assert [t.text for t in doc] == ["四井", "、", "七井", "帮助", "松林立井", "。"]
    assert [(e.text, e.label_, e._.zh_name.english) for e in doc.ents] == [
        ("四井", "ENTERPRISE", "No. 4 Mine"), ("七井", "ENTERPRISE", "No. 7 Mine"),
        ("松林立井", "ENTERPRISE", "Songlin Vertical Shaft")]


# --------------------------------------------------------------------------- names by shape


@pytest.mark.parametrize(
    "text, name, label, english",
    [
        pytest.param("红岭煤矿开展竞赛。", "红岭煤矿", "ENTERPRISE", "Hongling Coal Mine", id="stem-and-head"),
        pytest.param("三井超产。", "三井", "ENTERPRISE", "No. 3 Mine", id="numbered-mine"),
        pytest.param("三○五掘进队月进五十米。", "三○五掘进队", "ENTERPRISE", "305 tunneling team", id="numbered-team"),
        pytest.param("东山机械厂增产。", "东山机械厂", "ENTERPRISE", "Dongshan Jixie Factory", id="industry-word"),
        pytest.param("西河钢铁公司增产。", "西河钢铁公司", "ENTERPRISE", "Xihe Iron and Steel Company",
                     id="long-head"),
        pytest.param("“红星”纺织厂增产。", "“红星”纺织厂", "ENTERPRISE", '"Hongxing" Textile Factory',
                     id="quoted-stem"),
        pytest.param("河北省的工厂", "河北省", "PLACE", "Hebei Province", id="place-suffix"),
        pytest.param("厂长王桂芳说", "王桂芳", "PERSON", "Wang Guifang", id="person-after-title"),
        pytest.param("开展“红旗竞赛”。", "红旗竞赛", "CAMPAIGN", "Hongqi Competition", id="quoted-campaign"),
        pytest.param("在增产节约运动中", "增产节约运动", "CAMPAIGN", "Zengchanjieyue Movement", id="campaign-head"),
        pytest.param("掀起了一个“学三○五，赶三○五”的高潮", "学三○五，赶三○五", "CAMPAIGN", "Xue 305, Gan 305",
                     id="quoted-slogan"),
        pytest.param("西山煤业管理局召开会议。", "西山煤业管理局", "ORGANIZATION",
                     "Xishan Meiye Administration Bureau", id="organization"),
        pytest.param("在东风人民公社的帮助下，双庙人民公社增产了。", "双庙人民公社", "ENTERPRISE",
                     "Shuangmiao People's Commune", id="commune-named-by-a-word"),
        pytest.param("西关生产大队完成了春耕。", "西关生产大队", "ENTERPRISE", "Xiguan Production Brigade",
                     id="production-brigade"),
        pytest.param("洛阳机务段帮助许昌机务段。", "洛阳机务段", "ENTERPRISE", "Luoyang Locomotive Depot",
                     id="locomotive-depot"),
        pytest.param("开滦煤矿和峰峰煤矿竞赛。峰峰煤矿增产了。", "峰峰煤矿", "ENTERPRISE", "Fengfeng Coal Mine",
                     id="a-common-word-as-a-name-written-twice"),
    ],
)
def test_zh_name_shape(text, name, label, english):
    found = [(n.name, n.label, n.english) for n in find_names(text)]
    assert (name, label, english) in found


@pytest.mark.parametrize("text", ["全矿的产量", "各厂矿都增产", "矿井的职工", "两个城市", "一井口", "三个工厂增产",
                                  "全国水泥厂", "电炉钢厂增产。电炉钢厂竞赛。", "人民公社好"])
def test_zh_name_words_that_are_no_names(text):
    assert [n.name for n in find_names(text) if n.label in ("ENTERPRISE", "PLACE")] == []


@pytest.mark.parametrize(
    "text, name, english",
    [
        pytest.param("全省主要煤矿增产。", "全省主要煤矿", "major coal mines throughout the province", id="scope-modifier"),
        pytest.param("全市各工厂都增产。", "全市各工厂", "factories throughout the city", id="scope-each"),
        pytest.param("二十个国营和地方国营煤矿增产。", "二十个国营和地方国营煤矿",
                     "20 state-owned and local state-owned coal mines", id="count-modifiers"),
    ],
)
def test_zh_name_described_group_of_units(text, name, english):
    assert [(n.name, n.label, n.english) for n in find_names(text)] == [(name, "ENTERPRISE", english)]


def test_zh_name_campaign_of_modifiers():
    """互助 is a verb to jieba: inside a campaign's name it is a modifier."""
    assert [(n.name, n.label) for n in find_names("开展矿际互助协作竞赛。")] == [("矿际互助协作竞赛", "CAMPAIGN")]


def test_zh_name_a_modifier_alone_starts_no_campaign():
    assert [n.name for n in find_names("坚持互助竞赛的制度。")] == []


def test_zh_name_a_list_takes_the_type_of_its_headed_name():
    found = [(n.name, n.label) for n in find_names("例如，青松、白桦和“红星”纺织厂等企业互相展开竞赛。")]
    assert found == [("青松", "ENTERPRISE"), ("白桦", "ENTERPRISE"), ("“红星”纺织厂", "ENTERPRISE")]


def test_zh_name_dateline_holds_no_names():
    assert [n.name for n in find_names("据新华社太原5日电　东山机械厂增产。")] == ["东山机械厂"]


@pytest.mark.parametrize(
    "english, name_zh",
    [("Hongling Coal Mine", "红岭煤矿"), ("No. 4 Mine", "四井"), ("Songlin Vertical Shaft", "松林立井"),
     ("305 tunneling team", "三○五掘进队"), ("Hebei Province", "河北省"), ("Dongshan Jixie Factory", "东山机械厂")],
)
def test_zh_english_label_reads_back_to_the_chinese_name(english, name_zh):
    """The English extractor's chinese_name finds each Chinese-only label's name again: both directions agree."""
    text = "河北省红岭煤矿的四井、三○五掘进队和东山机械厂帮助松林立井。"
    assert (name_zh, english) in [(n.name, n.english) for n in find_names(text)]
    assert chinese_name(english, text) == name_zh


# --------------------------------------------------------------------------- mentions and entities


def test_zh_entity_has_pinyin_label_chinese_label_and_place():
    corpus = zh("河北省红岭煤矿开展竞赛。")
    mine = next(e for e in corpus.entities if e.label_zh == "红岭煤矿")
    assert (mine.label, mine.located_in) == ("Hongling Coal Mine", "hebei-province")


def test_zh_short_form_is_the_same_unit():
    corpus = zh("红岭矿开展竞赛。红岭煤矿增产。")
    assert [(e.label, e.label_zh, e.alt_labels) for e in corpus.entities] == [
        ("Hongling Coal Mine", "红岭煤矿", ("红岭矿",))]


def test_zh_numbered_parts_shafts_and_party_committee_belong_to_the_main_unit():
    corpus = zh("红岭煤矿开展竞赛。红岭煤矿矿党委决定，四井帮助松林立井。", title="红岭煤矿开展竞赛")
    parts = {e.label_zh: e.part_of for e in corpus.entities}
    assert parts == {"红岭煤矿": None, "矿党委": "hongling-coal-mine", "四井": "hongling-coal-mine",
                     "松林立井": "hongling-coal-mine"}


def test_zh_a_possessed_part_belongs_to_its_owner():
    corpus = zh("红岭煤矿的三井、五井帮助松林立井提高生产。")
    assert {e.label_zh: e.part_of for e in corpus.entities if e.part_of} == {
        "三井": "hongling-coal-mine", "五井": "hongling-coal-mine"}


def test_zh_person_role():
    corpus = zh("东山机械厂厂长王桂芳说。")
    person = next(e for e in corpus.entities if e.type.value == "Person")
    assert (person.label, person.label_zh, person.role) == ("Wang Guifang", "王桂芳", "厂长")


# --------------------------------------------------------------------------- help


def test_zh_help_coordinated_helpers():
    corpus = zh("红岭煤矿的三井、五井帮助松林立井提高生产。")
    assert pairs(corpus) == [("三井", "松林立井"), ("五井", "松林立井")]
    assert [a.forms for a in corpus.assistance] == [("Unspecified",), ("Unspecified",)]


def test_zh_help_people_sent_forms():
    corpus = zh("东山机械厂派出八名修理工人帮助西河农具厂修理设备。")
    assert pairs(corpus) == [("东山机械厂", "西河农具厂")]
    assert [f.value for f in corpus.assistance[0].forms] == ["Personnel", "Equipment", "Labour"]


def test_zh_help_without_object_goes_to_the_other_unit_of_the_sentence():
    corpus = zh("五井知道六井生产没有赶上，也主动抽出两个采煤队去支援。")
    assert pairs(corpus) == [("五井", "六井")]
    assert [f.value for f in corpus.assistance[0].forms] == ["Personnel", "Labour"]


def test_zh_help_by_secretaries_staying_at_the_recipient():
    corpus = zh("四井党支部书记和七井党支部书记一直在松林立井帮助健全了管理制度。")
    assert pairs(corpus) == [("四井", "松林立井"), ("七井", "松林立井")]
    assert [f.value for f in corpus.assistance[0].forms] == ["Management"]


def test_zh_help_given_to_a_pronoun():
    corpus = zh("西河农具厂过去在职工学习方面搞得不够好，东山机械厂也给了它很大的帮助。")
    assert pairs(corpus) == [("东山机械厂", "西河农具厂")]


def test_zh_help_by_the_party_committee_goes_to_its_unit():
    corpus = zh("红岭煤矿生产很好。红岭煤矿的矿党委主要负责干部深入井口，帮助解决问题。")
    assert pairs(corpus) == [("矿党委", "红岭煤矿")]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("在先进矿井的帮助下，松林立井超产了五百吨煤。", id="help-received-from-no-one-named"),
        pytest.param("东山机械厂帮助需要帮助的工厂。", id="recipient-not-named"),
        pytest.param("东山机械厂先进帮后进。", id="slogan"),
    ],
)
def test_zh_no_help(body):
    corpus = zh(body)
    assert corpus.assistance == () and corpus.planned_assistance == ()


@pytest.mark.parametrize(
    "verb, status",
    [("决定帮助", "Decided"), ("提出帮助", "Proposed"), ("计划帮助", "Planned"), ("保证帮助", "Pledged")],
)
def test_zh_planned_help_is_not_help_done(verb, status):
    corpus = zh(f"东山机械厂{verb}西河农具厂。")
    assert corpus.assistance == ()
    assert pairs(corpus, "planned_assistance") == [("东山机械厂", "西河农具厂")]
    assert corpus.planned_assistance[0].status.value == status


def test_zh_mutual_aid():
    corpus = zh("东山机械厂、西河农具厂和南湖纺织厂互相支援，交流经验。")
    n = names(corpus)
    assert [[n[p][1] for p in u.participants] for u in corpus.mutual_aid] == [["东山机械厂", "西河农具厂", "南湖纺织厂"]]
    assert [f.value for f in corpus.mutual_aid[0].forms] == ["TechnicalExperience"]


def test_zh_help_in_the_campaign_of_the_title_makes_participants():
    corpus = zh("红岭煤矿开展“互助竞赛”。四井帮助六井。", title="红岭煤矿开展“互助竞赛”")
    n = names(corpus)
    assert [n[a.campaign][1] for a in corpus.assistance] == ["互助竞赛"]
    assert sorted(n[p.participant][1] for p in corpus.participation) == ["六井", "四井", "红岭煤矿"]


# --------------------------------------------------------------------------- participation


def test_zh_participation_launching_a_campaign():
    corpus = zh("东山机械厂开展“红旗竞赛”。")
    n = names(corpus)
    assert [(n[p.participant][1], n[p.campaign][1]) for p in corpus.participation] == [("东山机械厂", "红旗竞赛")]


def test_zh_participation_in_a_campaign():
    corpus = zh("东山机械厂在增产节约运动中，提前完成了计划。")
    n = names(corpus)
    assert [(n[p.participant][1], n[p.campaign][1]) for p in corpus.participation] == [
        ("东山机械厂", "增产节约运动")]


def _participation(corpus) -> list[tuple[str | None, str | None]]:
    n = names(corpus)
    return [(n[p.participant][1] or n[p.participant][0], n[p.campaign][1]) for p in corpus.participation]


def test_zh_participation_of_the_subject_of_the_verb_clause():
    corpus = zh("西河机械厂增产，东山机械厂也开展了厂际竞赛。")
    assert _participation(corpus) == [("东山机械厂", "厂际竞赛")]


def test_zh_participation_among_units():
    corpus = zh("东山机械厂和西河机械厂之间的友谊竞赛开始了。")
    assert _participation(corpus) == [("东山机械厂", "友谊竞赛"), ("西河机械厂", "友谊竞赛")]


def test_zh_participation_by_representatives_convening_a_campaign_meeting():
    corpus = zh("东山机械厂代表在太原市召开厂际竞赛会议。")
    assert _participation(corpus) == [("东山机械厂", "厂际竞赛")]


def test_zh_participation_of_a_group_whose_workers_launch_the_campaign():
    corpus = zh("全省已有二十个国营煤矿职工，在今年三月开始展开劳动竞赛。")
    assert _participation(corpus) == [("二十个国营煤矿", "劳动竞赛")]


def test_zh_composed_campaign_is_the_short_one():
    corpus = zh("红岭煤矿开展矿际竞赛。矿际互助协作竞赛提高了产量。")
    assert [(e.label_zh, e.alt_labels) for e in corpus.entities if e.type.value == "Campaign"] == [
        ("矿际竞赛", ("矿际互助协作竞赛",))]


def test_zh_plants_of_the_places_listed_sign_a_competition_contract():
    """甲、乙、丙等地的机械厂: one plant in each place, named by its place (no Chinese name: the text has none)."""
    corpus = zh("太原、洛阳、兰州等地的机械厂，在会上签订了厂际竞赛合同。")
    plants = sorted((e.label, e.label_zh, e.located_in) for e in corpus.entities if e.type.value == "Enterprise")
    assert plants == [("machinery factory in Lanzhou", None, "lanzhou"),
                      ("machinery factory in Luoyang", None, "luoyang"),
                      ("machinery factory in Taiyuan", None, "taiyuan")]
    assert _participation(corpus) == [("machinery factory in Taiyuan", "厂际竞赛"),
                                      ("machinery factory in Luoyang", "厂际竞赛"),
                                      ("machinery factory in Lanzhou", "厂际竞赛")]


def test_zh_plant_of_a_place_listed_is_the_plant_the_article_names_there():
    corpus = zh("兰州钢厂增产。太原、兰州等地的钢厂签订了厂际竞赛合同。")
    assert sorted(_participation(corpus)) == [("steel plant in Taiyuan", "厂际竞赛"), ("兰州钢厂", "厂际竞赛")]


def test_zh_no_mutual_aid_in_a_contract_of_mutual_aid():
    assert zh("东山机械厂、西河机械厂签订了互助合同。").mutual_aid == ()


# --------------------------------------------------------------------------- measurements


def _measures(corpus):
    n = names(corpus)
    return [(n[m.subject][1], m.value, m.unit, m.kind.value, m.lower_bound) for m in corpus.measurements]


def test_zh_measurement_change():
    corpus = zh("红岭煤矿的平均日产量比上月提高14.1％。")
    assert _measures(corpus) == [("红岭煤矿", Decimal("14.1"), "%", "Change", False)]
    assert corpus.measurements[0].indicator == "average daily output"


def test_zh_measurement_surplus_lower_bound():
    corpus = zh("松林立井在9月份超产了七百多吨煤。")
    assert _measures(corpus) == [("松林立井", Decimal(700), "t", "Surplus", True)]


def test_zh_measurement_level_in_a_sentence_about_the_unit_before():
    corpus = zh("红岭煤矿连续完成了国家计划。今年已生产原煤一百零一万吨，完成全年计划的87％。")
    assert _measures(corpus) == [("红岭煤矿", Decimal(1010000), "t", "Level", False),
                                 ("红岭煤矿", Decimal(87), "%", "Level", False)]


def test_zh_measurement_yield_per_mu():
    corpus = zh("东风人民公社的小麦产量由去年每亩一百五十斤提高到今年每亩四百二十斤。")
    assert _measures(corpus) == [("东风人民公社", Decimal(150), "jin/mu", "Level", False),
                                 ("东风人民公社", Decimal(420), "jin/mu", "Level", False)]


def test_zh_measurement_target():
    corpus = zh("东山机械厂保证把劳动生产率提高4．5％。")
    assert _measures(corpus) == [("东山机械厂", Decimal("4.5"), "%", "Target", False)]
    assert corpus.measurements[0].indicator == "labour productivity"


def test_zh_measurement_coefficient_digit_by_digit():
    corpus = zh("如东山钢厂平炉利用系数，1955年只有八点三零七，今年上半年比去年同期提高了一点四零六。")
    assert _measures(corpus) == [("东山钢厂", Decimal("8.307"), "coefficient", "Level", False),
                                 ("东山钢厂", Decimal("1.406"), "coefficient", "Change", False)]


def test_zh_measurement_of_the_unit_the_figure_describes():
    corpus = zh("红岭煤矿的标兵——月产万吨的三○五采煤队，班班出煤。")
    assert _measures(corpus) == [("三○五采煤队", Decimal(10000), "t", "Level", False)]


def test_zh_no_measurement_for_what_help_did():
    assert zh("东山机械厂派八名工人，帮助换了七十米铁路线。").measurements == ()


# --------------------------------------------------------------------------- evidence


def test_zh_evidence_is_the_verbatim_chinese_sentence_without_its_dateline():
    text = _archive("据新华社太原5日电　东山机械厂派出八名工人帮助西河农具厂。西河农具厂增产。")
    article = parse_article(text, source="t.txt", article_id="t")
    x = extract_chinese(article)
    ev = x.assistance[0].evidence
    assert (ev.text, ev.lang) == ("东山机械厂派出八名工人帮助西河农具厂。", "zh")
    assert text[ev.start : ev.end] == ev.text
    for m in x.mentions:
        assert text[m.start : m.end] == m.text


def test_zh_long_article_is_read_in_pieces():
    body = "\n    ".join(["东山机械厂帮助西河农具厂。"] * 6)
    article = parse_article(_archive(body), source="t.txt", article_id="t")
    x = extract_chinese(article, size=40)
    assert len(x.assistance) == 6
    assert len({a.id for a in x.assistance}) == 6


# --------------------------------------------------------------------------- end to end


_FILE = """### 红岭煤矿开展“互助竞赛”

1960-09-13
第2版()
专栏：

    据新华社太原12日电　河北省红岭煤矿在增产节约运动中，开展“互助竞赛”。
    四井、七井帮助松林立井。松林立井在8月份超产了七百多吨煤。
"""


@pytest.fixture(scope="module")
def zh_built(tmp_path_factory):
    from kg.builder import build

    folder = tmp_path_factory.mktemp("zh")
    (folder / "hongling.txt").write_text(_FILE, encoding="utf-8")
    out = folder / "out"
    result = build([folder / "hongling.txt"], out_dir=out, formats=("turtle",))
    return result, out


def test_zh_build_turtle_has_chinese_and_pinyin_labels(zh_built):
    _, out = zh_built
    g = rdflib.Graph().parse(out / "graph.ttl")
    labels = {(str(o), o.language) for s, o in g.subject_objects(RDFS.label) if o.language in ("en", "zh")
              and str(o) in ("Hongling Coal Mine", "红岭煤矿", "No. 4 Mine", "四井")}
    assert labels == {("Hongling Coal Mine", "en"), ("红岭煤矿", "zh"), ("No. 4 Mine", "en"), ("四井", "zh")}


def test_zh_build_help_edge_with_chinese_evidence(zh_built):
    result, out = zh_built
    assert sorted((a.helper, a.recipient, a.campaign) for a in result.corpus.assistance) == [
        ("hongling-coal-mine/no-4-mine", "hongling-coal-mine/songlin-vertical-shaft", "huzhu-competition"),
        ("hongling-coal-mine/no-7-mine", "hongling-coal-mine/songlin-vertical-shaft", "huzhu-competition"),
    ]
    g = rdflib.Graph().parse(out / "graph.ttl")
    evidence = {(str(o), o.language) for o in g.objects(None, EKG.evidence)}
    assert ("四井、七井帮助松林立井。", "zh") in evidence
    assert len(list(g.subject_objects(EKG.helped))) == 2


def test_zh_build_writes_nothing_outside_its_output_folder(tmp_path):
    """jieba's dictionary cache is not written to the temporary folder (nor anywhere else)."""
    home, tmp, cwd = tmp_path / "home", tmp_path / "tmp", tmp_path / "cwd"
    for d in (home, tmp, cwd):
        d.mkdir()
    (cwd / "in").mkdir()
    (cwd / "in" / "hongling.txt").write_text(_FILE, encoding="utf-8")
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home / ".cache")}
    kg = Path(sys.executable).with_name("kg")
    subprocess.run([str(kg), "build", "in", "--out", "out"], cwd=cwd, env=env, check=True, capture_output=True)
    assert sorted(p.name for p in cwd.iterdir()) == ["in", "out"]
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []


# --------------------------------------------------------------------------- kg eval --chinese-only


@pytest.mark.skipif(not GOLD.is_dir(), reason=f"no development set at {GOLD}")
def test_zh_eval_development_set_from_the_chinese_only():
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["eval", "--gold", str(GOLD), "--chinese-only", "--json"], prog_name="kg")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output[result.output.index("{"):])
    assert scores["help"]["precision"] >= 0.95 and scores["help"]["recall"] >= 0.85
    assert scores["measurements"]["f1"] >= 0.85
    assert scores["entities"]["f1"] >= 0.75
    assert scores["chinese_names"]["wrong"] == 0
    assert scores["evidence"]["share"] == 1.0


def test_zh_build_conforms_to_the_shapes(zh_built):
    from kg.validate import validate

    _, out = zh_built
    assert validate(out) == (True, "Validation Report\nConforms: True\n")

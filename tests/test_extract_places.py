"""Places inside unit names, Chinese personal names in pinyin, and states' Chinese names."""

from __future__ import annotations

import pytest

from kg.extract.chinese import chinese_name
from kg.extract.places import nested_place
from kg.nlp.persons import is_pinyin_name


@pytest.mark.parametrize(
    "name, place",
    [
        pytest.param("Kursk Oblast Coal Trust", "Kursk Oblast", id="place-word-inside"),
        pytest.param("Inner Mongolia Autonomous Region Party Committee", "Inner Mongolia Autonomous Region",
                     id="autonomous-region"),
        pytest.param("Hebei Provincial Committee of the Communist Party of China", "Hebei", id="level-adjective"),
        pytest.param("Datong Municipal Construction Bureau", "Datong", id="municipal"),
        pytest.param("Tangshan Xinhe Coal Mine", "Tangshan", id="city-then-own-name"),
        pytest.param("Shanghai No. 3 Textile Mill", "Shanghai", id="city-then-number"),
        pytest.param("Tangshan Coal Mine", None, id="the-place-is-the-name"),
        pytest.param("Taiyuan Iron and Steel Company", None, id="industry-word-is-no-own-name"),
        pytest.param("Xinhe Dongfeng Coal Mine", None, id="unknown-first-word"),
        pytest.param("Province Coal Mine", None, id="place-word-first"),
        pytest.param("Central Region Bureau", None, id="no-place-before-the-word"),
    ],
)
def test_nested_place(name, place):
    assert nested_place(name) == place


def test_extract_nested_place_is_an_entity_the_unit_is_in(extract):
    corpus = extract("The Hebei Provincial Committee of the Communist Party praised the miners.")
    labels = {e.id: e.label for e in corpus.entities}
    (committee,) = [e for e in corpus.entities if e.type.value == "Organization"]
    assert [e.label for e in corpus.entities if e.type.value == "Place"] == ["Hebei"]
    assert labels[committee.located_in] == "Hebei"


@pytest.mark.parametrize(
    "surname, given, expected",
    [
        pytest.param("Zhao", "Guiying", True, id="two-syllables"),
        pytest.param("Wang", "Jin", True, id="one-syllable"),
        pytest.param("He", "Xiaoming", True, id="surname-that-is-an-english-word"),
        pytest.param("He", "Can", False, id="english-word-after-he"),
        pytest.param("Long", "Time", False, id="english-word-after-long"),
        pytest.param("Zhao", "Street", False, id="not-pinyin"),
        pytest.param("Smith", "Dehai", False, id="no-chinese-surname"),
        pytest.param("Li", "dehai", False, id="lower-case-given-name"),
    ],
)
def test_is_pinyin_name(surname, given, expected):
    assert is_pinyin_name(surname, given, frozenset({"can", "time"})) is expected


def test_extract_person_the_model_misses(extract):
    corpus = extract("The miners asked He Xiaoming to lead the new team at the Fuxin Coal Mine.")
    assert [e.label for e in corpus.entities if e.type.value == "Person"] == ["He Xiaoming"]


def test_extract_person_the_model_takes_for_an_organization(extract):
    # en_core_web_sm labels "Sun Guilan" ORG after "Model worker"
    corpus = extract("Model worker Sun Guilan, a weaver in the first workshop, asked to be transferred.")
    assert [(e.label, e.type.value) for e in corpus.entities if e.label == "Sun Guilan"] == [("Sun Guilan", "Person")]


@pytest.mark.parametrize(
    "name, zh, expected",
    [
        pytest.param("Soviet Union", "苏联工人开展竞赛。", "苏联", id="state"),
        pytest.param("Soviet Union", "工人开展竞赛。", None, id="state-not-in-the-original"),
    ],
)
def test_chinese_name_of_a_state(name, zh, expected):
    assert chinese_name(name, zh) == expected


@pytest.mark.parametrize(
    "name, zh, expected",
    [
        pytest.param("seventh well", "他们深入到七井，发现问题。", "七井", id="ordinal-word"),
        pytest.param("3rd workshop", "第三车间的工人增产。", "第三车间", id="ordinal-digits"),
        pytest.param("seventh well", "他们深入到井下。", None, id="ordinal-not-in-the-original"),
        pytest.param("steel plants in North China", "华北地区钢厂召开会议。", "华北地区钢厂", id="place-first-in-chinese"),
        pytest.param("textile mills in Hebei", "河北纺织厂增产。", "河北纺织厂", id="province-first-in-chinese"),
    ],
)
def test_chinese_name_of_ordinal_parts_and_units_in_a_place(name, zh, expected):
    assert chinese_name(name, zh) == expected

"""Chinese numerals and figures (kg.extract.zh_numbers), on numbers and phrases written for the tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.extract.zh_numbers import find_numbers, parse_numeral, parse_quantity

NUMERALS = [
    ("二千二百八十六", "2286"),
    ("一百零一万", "1010000"),
    ("一亿二千七百万", "127000000"),
    ("十四", "14"),
    ("十", "10"),
    ("二十", "20"),
    ("廿", "20"),
    ("廿五", "25"),
    ("卅", "30"),
    ("两千", "2000"),
    ("一千零五", "1005"),
    ("一千零一十", "1010"),
    ("三万五千", "35000"),
    ("一万二", "12000"),
    ("三千五", "3500"),
    ("一百五", "150"),
    ("四万万", "400000000"),
    ("壹仟贰佰", "1200"),
    ("一九五三", "1953"),
    ("六二○", "620"),
    ("六二〇", "620"),
    ("一九点二零四", "19.204"),
    ("一二点一三三", "12.133"),
    ("三零点零四四", "30.044"),
    ("二十二点六五", "22.65"),
    ("一点五万", "15000"),
    ("2,286", "2286"),
    ("14.1", "14.1"),
    ("５．６", "5.6"),
    ("１２３", "123"),
    ("2千", "2000"),
    ("101万", "1010000"),
    ("1.5万", "15000"),
    ("3万5千", "35000"),
    ("万", "10000"),
]


@pytest.mark.parametrize(("text", "value"), NUMERALS, ids=[t for t, _ in NUMERALS])
def test_zh_numbers_parse_numeral(text: str, value: str):
    assert parse_numeral(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "吨", "一些", "十百", "二二十", "点五", "几"])
def test_zh_numbers_parse_numeral_rejects_what_is_not_one(text: str):
    assert parse_numeral(text) is None


# text -> (value, unit, lower bound, approximate)
QUANTITIES = [
    ("二千二百八十六吨", ("2286", "t", False, False)),
    ("百分之卅", ("30", "%", False, False)),
    ("一百零一万吨", ("1010000", "t", False, False)),
    ("百分之十四点一", ("14.1", "%", False, False)),
    ("14.1％", ("14.1", "%", False, False)),
    ("5．6％", ("5.6", "%", False, False)),
    ("87%", ("87", "%", False, False)),
    ("百分之百", ("100", "%", False, False)),
    ("千分之五", ("0.5", "%", False, False)),
    ("七百多吨", ("700", "t", True, False)),
    ("三十余名", ("30", "count", True, False)),
    ("七十米以上", ("70", "m", True, False)),
    ("一年多", ("1", "years", True, False)),
    ("七个多月", ("7", "months", True, False)),
    ("十四个月", ("14", "months", False, False)),
    ("五年", ("5", "years", False, False)),
    ("十几吨", ("10", "t", True, True)),
    ("几十吨", ("10", "t", True, True)),
    ("几千元", ("1000", "yuan", True, True)),
    ("七八百吨", ("700", "t", False, True)),
    ("三四个月", ("3", "months", False, True)),
    ("约七百吨", ("700", "t", False, True)),
    ("七百吨左右", ("700", "t", False, True)),
    ("五百公尺", ("500", "m", False, False)),
    ("三公里", ("3000", "m", False, False)),
    ("二千公斤", ("2", "t", False, False)),
    ("一亿二千七百万卢布", ("127000000", "rubles", False, False)),
    ("三万元", ("30000", "yuan", False, False)),
    ("两倍", ("2", "times", False, False)),
    ("万吨", ("10000", "t", False, False)),
    ("2千吨", ("2000", "t", False, False)),
    ("1956年", ("1956", "date", False, False)),
    ("一九五三年", ("1953", "date", False, False)),
    ("8月", ("8", "date", False, False)),
    ("三十日", ("30", "date", False, False)),
    ("第一", ("1", "ordinal", False, False)),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES, ids=[t for t, _ in QUANTITIES])
def test_zh_numbers_parse_quantity(text: str, expected: tuple[str, str, bool, bool]):
    n = parse_quantity(text)
    assert n is not None
    value, unit, lower, approx = expected
    assert (n.value, n.unit, n.lower_bound, n.approximate) == (Decimal(value), unit, lower, approx)
    assert n.text == text


def test_zh_numbers_find_numbers_in_a_sentence_with_offsets():
    text = "据新华社北京5日电　红星煤矿4月份超额一千三百吨完成计划，日产量比3月份提高百分之十二点五，派出十二名工人。"
    found = [(n.text, n.value, n.unit) for n in find_numbers(text)]
    assert found == [
        ("5日", Decimal(5), "date"),
        ("4月", Decimal(4), "date"),
        ("一千三百吨", Decimal(1300), "t"),
        ("3月", Decimal(3), "date"),
        ("百分之十二点五", Decimal("12.5"), "%"),
        ("十二名", Decimal(12), "count"),
    ]
    for n in find_numbers(text):
        assert text[n.start : n.end] == n.text


def test_zh_numbers_words_with_numeral_characters_are_not_numbers():
    assert find_numbers("大家一致同意，一些工人一起工作。") == []
    assert find_numbers("千方百计") == []


def test_zh_numbers_lower_bound_step():
    assert parse_quantity("七百多吨").step == 100
    assert parse_quantity("六千九百多条").step == 100
    assert parse_quantity("三十余名").step == 10
    assert parse_quantity("14.1％").step == Decimal("0.1")

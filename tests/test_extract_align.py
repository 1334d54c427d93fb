"""Chinese evidence and checked numbers (kg.extract.align), on an article written for the tests."""

from __future__ import annotations

import io
import random
from decimal import Decimal

import pytest
from rdflib import Literal

from kg.builder import build
from kg.corpus import parse_article
from kg.export.turtle import read_turtle, write_turtle
from kg.extract import body_pieces, extract_article, merge_pieces
from kg.extract import align
from kg.extract.align import (
    Bead,
    Segment,
    align_segments,
    align_with_original,
    check_measurement,
    chinese_sentences,
    english_numbers,
    english_sentences,
)
from kg.extract.zh_numbers import find_numbers
from kg.graph import from_networkx, to_networkx
from kg.namespace import EKG, mint
from kg.resolve import resolve
from kg.schemas import (
    ArticleExtraction,
    Assistance,
    EntityType,
    Evidence,
    Measurement,
    MeasurementKind,
    Mention,
)

# An invented report and its invented original. The translator got one figure wrong
# (1,500 tons for 一千三百吨) and added a figure the original does not give (45 meters).
ARTICLE = """Title: Hongxing Mine Helps Liming Mine
Author:
Date: 1959-05-05
Page: 2
Xinhua News Agency, Harbin, May 4th: The Hongxing Coal Mine in Heilongjiang Province has launched a competition to help backward mines. In April, the Hongxing Coal Mine overfulfilled its raw coal plan by 1,500 tons.

The Hongxing Coal Mine sent twelve workers to help the Liming Coal Mine repair its roadways. With this help, the Liming Coal Mine overproduced more than 800 tons of coal in April, and its average daily output increased by 12.5% compared with March.

The Liming Coal Mine also raised its monthly tunnelling advance to 45 meters.

<hr />

Original:

### 红星矿帮助黎明矿

1959-05-05
第2版()
专栏：

    红星矿帮助黎明矿
    新华社哈尔滨4日电　黑龙江省红星煤矿开展了帮助落后矿井的竞赛。4月份，红星煤矿超额一千三百吨完成了原煤计划。
    红星煤矿派出十二名工人帮助黎明煤矿整修巷道。在这一帮助下，黎明煤矿4月份超产了八百多吨煤，平均日产量比3月份提高百分之十二点五。
    黎明煤矿的掘进速度也有了提高。
"""

EN_ZH = {
    "The Hongxing Coal Mine in Heilongjiang Province has launched a competition to help backward mines.":
        "黑龙江省红星煤矿开展了帮助落后矿井的竞赛。",
    "In April, the Hongxing Coal Mine overfulfilled its raw coal plan by 1,500 tons.":
        "4月份，红星煤矿超额一千三百吨完成了原煤计划。",
    "The Hongxing Coal Mine sent twelve workers to help the Liming Coal Mine repair its roadways.":
        "红星煤矿派出十二名工人帮助黎明煤矿整修巷道。",
    "With this help, the Liming Coal Mine overproduced more than 800 tons of coal in April, and its average daily "
    "output increased by 12.5% compared with March.":
        "在这一帮助下，黎明煤矿4月份超产了八百多吨煤，平均日产量比3月份提高百分之十二点五。",
    "The Liming Coal Mine also raised its monthly tunnelling advance to 45 meters.":
        "黎明煤矿的掘进速度也有了提高。",
}


@pytest.fixture(scope="module")
def article():
    return parse_article(ARTICLE, source="hongxing.txt", article_id="hongxing")


@pytest.fixture(scope="module")
def extraction(article, nlp):
    parts = [extract_article(article, nlp(text), (n, at)) for n, (at, text) in enumerate(body_pieces(article))]
    return merge_pieces(article, parts)


@pytest.fixture(scope="module")
def measures(extraction):
    """(value, unit) -> the measurement."""
    return {(m.value, m.unit): m for m in extraction.measurements}


# --------------------------------------------------------------------------- sentences


def test_align_chinese_sentences_cut_at_stops_and_line_ends_with_file_offsets(article):
    segs = chinese_sentences(article.chinese)
    assert [s.text for s in segs] == [
        "红星矿帮助黎明矿",
        "新华社哈尔滨4日电　黑龙江省红星煤矿开展了帮助落后矿井的竞赛。",
        "4月份，红星煤矿超额一千三百吨完成了原煤计划。",
        "红星煤矿派出十二名工人帮助黎明煤矿整修巷道。",
        "在这一帮助下，黎明煤矿4月份超产了八百多吨煤，平均日产量比3月份提高百分之十二点五。",
        "黎明煤矿的掘进速度也有了提高。",
    ]
    assert [s.para for s in segs] == [True, True, False, True, False, True]
    source = ARTICLE
    assert all(source[s.start : s.end] == s.text for s in segs)


def test_align_english_sentences_keep_no_together_and_cut_at_semicolons():
    art = parse_article(
        "Title: t\nAuthor:\nDate: 1959-01-01\nPage: 1\nNo. 4 Mine helped No. 7 Mine; they sent 12 workers. "
        "The plan was met.\n<hr />\n\nOriginal:\n\n### 标题\n\n1959-01-01\n第1版()\n专栏：\n\n    正文。\n",
        source="t.txt", article_id="t")
    assert [s.text for s in english_sentences(art.english)] == [
        "No. 4 Mine helped No. 7 Mine;", "they sent 12 workers.", "The plan was met."]


def test_align_english_numbers_read_digits_words_scales_and_months():
    text = "On September 1st, 2,286 tons, 14.1%, 127 million rubles, thirty-five mines, twelve men, a thousand ideas"
    assert english_numbers(text) == [Decimal(1), Decimal(2286), Decimal("14.1"), Decimal(127_000_000), Decimal(35),
                                     Decimal(12), Decimal(1000), Decimal(9)]


def test_align_english_numbers_words_in_any_case_and_not_inside_words():
    text = "Thirty-Five teams, TWO Hundred men, Eleven shafts; often, someone, attention, tenfold, a plan"
    assert english_numbers(text) == [Decimal(35), Decimal(200), Decimal(11)]


def test_align_english_sentences_cut_after_words_and_numbers_not_after_abbreviations_and_initials():
    art = parse_article(
        "Title: t\nAuthor:\nDate: 1959-01-01\nPage: 1\nIt was set up in 1958. Output rose, e.g. Coal output. "
        "The team of J. Doe came. They met Mr. Roe. Then U.S.S.R. Experts left.\n<hr />\n\nOriginal:\n\n"
        "### 标题\n\n1959-01-01\n第1版()\n专栏：\n\n    正文。\n",
        source="t.txt", article_id="t")
    assert [s.text for s in english_sentences(art.english)] == [
        "It was set up in 1958.", "Output rose, e.g. Coal output.", "The team of J. Doe came.",
        "They met Mr. Roe.", "Then U.S.S.R.", "Experts left."]


# --------------------------------------------------------------------------- alignment


def _plain_alignment(en: list[Segment], zh: list[Segment]) -> list[Bead]:
    """align_segments as first written: every bead's _bead_cost, no sums made beforehand, nothing passed over."""
    n, m = len(en), len(zh)
    ratio = sum(s.size for s in en) / max(1, sum(s.size for s in zh))
    cost = {(0, 0): (0.0, (0, 0), 0.0, False)}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0) or not (n * m <= 40_000 or abs(j - i * m / n) <= align._BAND + 2):
                continue
            best = (float("inf"), (0, 0), 0.0, False)
            for di, dj in align._SHAPES:
                pi, pj = i - di, j - dj
                prev = cost.get((pi, pj))
                if pi < 0 or pj < 0 or prev is None:
                    continue
                c, anchor, ok = align._bead_cost(en[pi:i], zh[pj:j], ratio)
                if prev[0] + c < best[0]:
                    best = (prev[0] + c, (pi, pj), anchor, ok)
            if best[0] < float("inf"):
                cost[i, j] = best
    beads, (i, j) = [], (n, m)
    while (i, j) != (0, 0):
        _, (pi, pj), anchor, ok = cost[i, j]
        beads.append(Bead(pi, i, pj, j, anchor, ok))
        i, j = pi, pj
    return align._trust(beads[::-1], en, zh)


def _invented_segments(rng: random.Random, count: int, scale: float) -> list[Segment]:
    keys = [("n", str(k)) for k in range(12)] + [("z", f"名{k}") for k in range(6)]
    out = []
    for k in range(count):
        text = "x" * max(1, int(rng.gauss(40, 20) * scale))
        anchors = {key: rng.choice([0.1, 0.3, 0.8, 1.0, 2.0]) for key in rng.sample(keys, rng.choice([0, 0, 1, 2, 4]))}
        out.append(Segment(k * 100, k * 100 + len(text), text, k == 0 or rng.random() < 0.3, anchors))
    return out


@pytest.mark.parametrize("seed, n, m", [(1, 12, 10), (2, 25, 31), (3, 40, 28), (4, 3, 9), (5, 1, 1), (6, 230, 190)])
def test_align_segments_are_the_plain_alignment(seed, n, m):
    # the sums made beforehand and the beads passed over change nothing (230 x 190: the band of long articles)
    rng = random.Random(seed)
    en, zh = _invented_segments(rng, n, 1.0), _invented_segments(rng, m, 0.4)
    beads = align_segments(en, zh)
    assert [(b, type(b.anchor)) for b in beads] == [(b, type(b.anchor)) for b in _plain_alignment(en, zh)]
    assert beads[0].e0 == beads[0].z0 == 0 and (beads[-1].e1, beads[-1].z1) == (n, m)


def _all_records(x: ArticleExtraction):
    return [r for f in ("assistance", "planned_assistance", "mutual_aid", "measurements", "participation")
            for r in getattr(x, f)]


def test_align_every_evidence_sentence_gets_its_chinese_sentence(extraction):
    records = _all_records(extraction)
    assert {r.evidence.text for r in records} <= set(EN_ZH)
    assert len({r.evidence.text for r in records}) >= 4
    for r in records:
        assert r.evidence_zh is not None, r.evidence.text
        assert (r.evidence_zh.text, r.evidence_zh.lang) == (EN_ZH[r.evidence.text], "zh")
        assert ARTICLE[r.evidence_zh.start : r.evidence_zh.end] == r.evidence_zh.text


def test_align_chinese_dateline_is_left_out_like_the_english_one(extraction):
    first = next(r for r in _all_records(extraction) if r.evidence.text.startswith("The Hongxing Coal Mine in"))
    assert first.evidence_zh.text == "黑龙江省红星煤矿开展了帮助落后矿井的竞赛。"


def _synthetic(body_en: str, body_zh: str, sentence: str) -> tuple[object, ArticleExtraction]:
    text = (f"Title: t\nAuthor:\nDate: 1959-01-01\nPage: 1\n{body_en}\n<hr />\n\nOriginal:\n\n### 标题\n\n"
            f"1959-01-01\n第1版()\n专栏：\n\n    {body_zh}\n")
    art = parse_article(text, source="s.txt", article_id="s")
    start = text.index(sentence)
    ev = Evidence(article="s", text=sentence, start=start, end=start + len(sentence))
    mention = Mention(id="s#m1", article="s", text="x", start=0, end=1, type=EntityType.ENTERPRISE, name="x")
    help_ = Assistance(id="s-a1", helper="s#m1", recipient="s#m1", evidence=ev)
    return text, ArticleExtraction(article=art, mentions=(mention,), assistance=(help_,))


def test_align_gives_nothing_when_unsure():
    # five English sentences for three Chinese ones, and nothing to anchor them: no guess
    en = ("The workers met. They talked about the plan for a long time and agreed on it. Then they went back to "
          "work. The results were good. Everyone was pleased with what they had done together.")
    zh = "工人们开会讨论计划，一致同意。随后他们回去工作。大家对结果很满意。"
    _, x = _synthetic(en, zh, "Then they went back to work.")
    assert align_with_original(x.article, x).assistance[0].evidence_zh is None


def test_align_trusts_a_paragraph_of_as_many_sentences_on_both_sides():
    en = "The workers met. They talked about the plan and agreed on it. Then they went back to work."
    zh = "工人们开会了。他们讨论了计划，一致同意。随后他们回去工作。"
    text, x = _synthetic(en, zh, "Then they went back to work.")
    ev = align_with_original(x.article, x).assistance[0].evidence_zh
    assert (ev.text, text[ev.start : ev.end]) == ("随后他们回去工作。", "随后他们回去工作。")


def test_align_never_fails_an_article(monkeypatch, article, extraction):
    from kg.extract import align

    monkeypatch.setattr(align, "_alignment", lambda *a: 1 / 0)
    out = align_with_original(article, extraction)
    assert all(m.original_check == "unchecked" for m in out.measurements)


# --------------------------------------------------------------------------- checked numbers


def test_align_mismatch_is_flagged_with_the_chinese_figure(measures):
    m = measures[Decimal(1500), "t"]
    assert (m.original_check, m.original_value) == ("differs", "一千三百吨")


def test_align_lower_bound_of_the_original_is_no_mismatch(measures):
    m = measures[Decimal(800), "t"]
    assert m.lower_bound
    assert (m.original_check, m.original_value) == ("agrees", "八百多吨")
    assert (measures[Decimal("12.5"), "%"].original_check, measures[Decimal("12.5"), "%"].original_value) == (
        "agrees", "百分之十二点五")


def test_align_measurement_without_a_chinese_figure_is_unchecked(measures):
    m = measures[Decimal(45), "m"]
    assert (m.original_check, m.original_value) == ("unchecked", None)
    assert m.evidence_zh.text == "黎明煤矿的掘进速度也有了提高。"


CHECKS = [
    # (English value, unit, aligned Chinese sentence, other English numbers, whole original) -> (check, figure)
    ("2286", "t", "又超额二千二百八十六吨完成了计划。", [], None, ("agrees", "二千二百八十六吨")),
    ("14.1", "%", "日产量提高14.1％。", [], None, ("agrees", "14.1％")),
    ("14.1", "%", "日产量提高百分之十四点一。", [], None, ("agrees", "百分之十四点一")),
    ("700", "t", "超产了七百多吨煤。", [], None, ("agrees", "七百多吨")),
    ("750", "t", "超产了七百多吨煤。", [], None, ("unchecked", None)),
    ("600", "t", "超产了七百多吨煤。", [], None, ("differs", "七百多吨")),
    ("30", "t", "超产了几十吨煤。", [], None, ("unchecked", None)),
    ("800", "t", "超产了七八百吨煤。", [], None, ("unchecked", None)),
    ("500", "m", "掘进了五百公尺。", [], None, ("agrees", "五百公尺")),
    ("3", "km", "修了三公里铁路。", [], None, ("agrees", "三公里")),
    ("500", "kg", "节约钢材五百公斤。", [], None, ("agrees", "五百公斤")),
    ("15", "g", "每度电耗煤降低了十五克。", [], None, ("agrees", "十五克")),
    ("650", "jin/mu", "水稻平均亩产达到六百五十斤。", [], None, ("agrees", "六百五十斤")),
    ("16", "g", "每度电耗煤降低了十五克。", [], None, ("differs", "十五克")),
    ("1010000", "t", "已生产原煤一百零一万吨。", [], None, ("agrees", "一百零一万吨")),
    ("14", "%", "提高了14.1％。", [], None, ("agrees", "14.1％")),
    ("2000", "t", "超产了二千二百八十六吨。", [], None, ("unchecked", None)),
    ("30", "m", "由三十增到七十米。", [], None, ("agrees", "三十")),
    ("19.204", "coefficient", "利用系数只有一九点二零四。", [], None, ("agrees", "一九点二零四")),
    ("80", "m", "由原来月进三十米上升到七十米以上。", ["30"], None, ("differs", "七十米以上")),
    ("80", "m", "由原来月进三十米上升到七十米。", [], None, ("unchecked", None)),
    ("45", "m", "掘进速度也有了提高。", [], None, ("unchecked", None)),
    ("12", "%", "产量提高了两倍。", [], None, ("unchecked", None)),
    ("1500", "t", "超额一千三百吨完成了计划。", [], "又超产了一千五百吨。", ("unchecked", None)),
]


@pytest.mark.parametrize(("value", "unit", "zh", "others", "original", "expected"), CHECKS,
                         ids=[f"{v}{u}-{z}" for v, u, z, *_ in CHECKS])
def test_align_check_measurement(value, unit, zh, others, original, expected):
    whole = find_numbers(original) if original else []
    assert check_measurement(Decimal(value), unit, zh, [Decimal(o) for o in others], whole) == expected


# --------------------------------------------------------------------------- graph, Turtle, build summary


@pytest.fixture(scope="module")
def corpus(extraction):
    return resolve([extraction])


def test_align_graph_carries_chinese_evidence_and_the_check(corpus):
    g = to_networkx(corpus)
    m = next(m for m in corpus.measurements if m.value == 1500)
    node = g.nodes[m.id]
    assert [ev["lang"] for ev in node["evidence"]] == ["en", "zh"]
    assert (node["original_check"], node["original_value"]) == ("differs", "一千三百吨")
    assert from_networkx(g).measurements == tuple(sorted(corpus.measurements, key=lambda r: r.id))


def test_align_turtle_has_the_chinese_evidence_and_the_flag(corpus):
    buf = io.BytesIO()
    write_turtle(to_networkx(corpus), buf)
    rdf = read_turtle(io.BytesIO(buf.getvalue()))
    m = next(m for m in corpus.measurements if m.value == 1500)
    s = mint("measurement", m.id)
    assert set(rdf.objects(s, EKG.evidence)) == {
        Literal("In April, the Hongxing Coal Mine overfulfilled its raw coal plan by 1,500 tons.", lang="en"),
        Literal("4月份，红星煤矿超额一千三百吨完成了原煤计划。", lang="zh"),
    }
    assert list(rdf.objects(s, EKG.originalCheck)) == [EKG.Differs]
    agrees = mint("measurement", next(m for m in corpus.measurements if m.value == 800).id)
    assert list(rdf.objects(agrees, EKG.originalCheck)) == [EKG.Agrees]
    assert list(rdf.objects(agrees, EKG.originalFigure)) == [Literal("八百多吨", lang="zh")]
    assert list(rdf.objects(s, EKG.originalFigure)) == [Literal("一千三百吨", lang="zh")]
    unchecked = mint("measurement", next(m for m in corpus.measurements if m.value == 45).id)
    assert list(rdf.objects(unchecked, EKG.originalCheck)) == []  # absent: not checked
    assert list(rdf.objects(unchecked, EKG.originalFigure)) == []


def test_align_build_lists_the_mismatch(tmp_path, nlp):
    path = tmp_path / "hongxing.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = build([path], out_dir=None, nlp=nlp, cache=False)
    assert [str(mm) for mm in result.mismatches] == [f"{path}: 1500 t vs 一千三百吨"]
    assert result.mismatches[0].sentence == "In April, the Hongxing Coal Mine overfulfilled its raw coal plan by 1,500 tons."


def test_align_measurement_defaults_to_unchecked():
    ev = Evidence(article="a", text="x", start=0, end=1)
    m = Measurement(id="m", subject="s", indicator="i", value=Decimal(1), unit="t", kind=MeasurementKind.LEVEL,
                    evidence=ev)
    assert (m.original_check, m.original_value, m.evidence_zh) == ("unchecked", None, None)

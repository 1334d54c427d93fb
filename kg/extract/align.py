"""The Chinese original of each evidence sentence, and the numbers checked against it.

:func:`align_with_original` takes one article's extraction and returns it with

* ``evidence_zh`` on every record: the sentence(s) of the Chinese original
  that the English evidence sentence translates, verbatim, with offsets into
  the source file (an :class:`~kg.schemas.Evidence` with ``lang="zh"``);
* ``original_check`` and ``original_value`` on every measurement: whether the
  figure of the Chinese sentence ``agrees`` with the English value, ``differs``
  from it (a translation error, or an error of the original), or could not be
  checked (``unchecked``).

Alignment. The Chinese body is split into sentences at 。！？； and line ends,
the English body at sentence ends, semicolons and line ends. The two
sequences are aligned by dynamic programming (Gale and Church's method, with
lexical anchors as in hunalign): a bead joins one English sentence to one
Chinese sentence, or one to two or three, or two or three to one, or leaves
a sentence of either side alone. Its cost weighs the lengths (a translation
is about as long, relative to the whole, as its original), paragraph starts,
and anchors, which lower it: numbers (Arabic and Chinese: 2,286 and
二千二百八十六, September and 9月), the Chinese names the extractor found
(``Mention.name_zh``) and romanised names read in pinyin (Changchun 长春).

When unsure, nothing: a bead is trusted when it shares a strong anchor, or
when it lies in a short stretch of plausible one-to-few beads between trusted
points (anchored beads, paragraphs that start together, the article's ends).
An evidence sentence gets the Chinese of the English sentences it covers only
when all of them are trusted.

Checking numbers. A measurement is compared with the figures of its aligned
Chinese sentence of the same kind (tons with 吨 and 万吨, meters with 米 and
公尺, % with ％ and 百分之, a coefficient with a bare decimal). It ``agrees``
when one of them has its value (七百多吨 is 700 and more: it agrees with "700
tons" and with "more than 700 tons"), or rounds to it; it ``differs`` only when
exactly one figure of that kind is left unexplained by the sentence's other
English numbers, that figure is neither approximate (几, 约, 左右, 七八百) nor a
lower bound the English value falls within, and the English value is nowhere
else in the original either. Anything else is ``unchecked``: a false alarm
costs a historian more than a missed one.
"""

from __future__ import annotations

import bisect
import functools
import logging
import math
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kg.extract.chinese import chinese_name
from kg.extract.zh_numbers import ZhNumber, find_numbers
from kg.schemas import (
    Article,
    ArticleExtraction,
    Evidence,
    Measurement,
    OriginalCheck,
    TextBlock,
)

__all__ = [
    "Bead",
    "Segment",
    "align_segments",
    "align_with_original",
    "check_measurement",
    "chinese_sentences",
    "english_numbers",
    "english_sentences",
]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- sentences


@dataclass
class Segment:
    """A sentence of one side: offsets into the source file, its text, whether it starts a paragraph."""

    start: int
    end: int
    text: str
    para: bool
    anchors: dict[Any, float] = field(default_factory=dict)
    size: int = field(init=False)  # characters other than spaces

    def __post_init__(self) -> None:
        self.size = _non_space(self.text)


def _non_space(text: str) -> int:
    """How many characters of ``text`` are not spaces (``str.isspace``, as ``str.split`` cuts at)."""
    return len("".join(text.split()))


_ZH_END = re.compile(r"[。！？；!?;][”’」』）)\"']*")
_SPACE = " \t\r\u3000\u00a0\ufeff\u200b"


def _segments(block: TextBlock, cuts: list[tuple[int, int]]) -> list[Segment]:
    """Segments of ``block`` between the cut points (start, end of each piece), stripped of spaces."""
    out = []
    for a, b in cuts:
        piece = block.text[a:b]
        lead = len(piece) - len(piece.lstrip(_SPACE + "\n"))
        text = piece.strip(_SPACE + "\n")
        if text:
            out.append(Segment(block.start + a + lead, block.start + a + lead + len(text), text, False))
    return out


def _split_lines(block: TextBlock, ends: Callable[[str], Iterator[int]]) -> list[Segment]:
    """Segments of ``block``: each line cut after the offsets ``ends(line)`` gives."""
    out: list[Segment] = []
    pos = 0
    for line in block.text.splitlines(keepends=True):
        cuts, at = [], 0
        for end in ends(line):
            cuts.append((pos + at, pos + end))
            at = end
        cuts.append((pos + at, pos + len(line)))
        segs = _segments(block, cuts)
        if segs:
            segs[0].para = True
        out += segs
        pos += len(line)
    return out


def chinese_sentences(block: TextBlock) -> list[Segment]:
    """The Chinese text cut at 。！？； (closing quotes stay with their sentence) and line ends."""
    return _split_lines(block, lambda line: (m.end() for m in _ZH_END.finditer(line)))


_ABBREV = {"no", "nos", "mr", "mrs", "ms", "dr", "st", "co", "ltd", "inc", "vs", "etc", "e.g", "i.e", "jan",
           "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "col", "prof",
           "vol", "pp", "cf", "approx", "fig"}
_EN_END = re.compile(r"(?:[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z])|;(?=\s))")


_WORD = re.compile(r"[\w.]+")


def _last_word(text: str) -> str:
    """The word (letters, digits, dots) ``text`` ends with, or "": matched backwards, as a search for it at the
    end would try every start in ``text``."""
    word = _WORD.match(text[::-1])
    return word.group()[::-1] if word else ""


def _english_ends(line: str) -> Iterator[int]:
    """Sentence ends of an English line: ., !, ? before a capital, and semicolons; not after "No." and such."""
    for m in _EN_END.finditer(line):
        if line[m.start()] == ".":
            w = _last_word(line[: m.start()]).lower()
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
        yield m.end()


def english_sentences(block: TextBlock) -> list[Segment]:
    """The English text cut at sentence ends, semicolons and line ends."""
    return _split_lines(block, _english_ends)


# --------------------------------------------------------------------------- anchors

_EN_NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:st|nd|rd|th)?(?:\s+(thousand|million|billion))?(?![\w])",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORDS = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_TENS_WORDS = {w: 10 * i for i, w in enumerate([
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]) if w}
_MONTHS = {m: i + 1 for i, m in enumerate([
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december"])}
_EN_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# "thirty-five", "seven", "two hundred", "a thousand"; the lookahead (the words' first letters) only spares
# the regex engine trying every word at every word start
_EN_WORD_NUMBER = re.compile(
    r"\b(?=[" + "".join(sorted({w[0] for w in [*_TENS_WORDS, *_WORDS, "a"]})) + r"])(?:("
    + "|".join(_TENS_WORDS) + r")(?:[- ](" + "|".join(list(_WORDS)[1:10]) + r"))?|("
    + "|".join(_WORDS) + r"|a))(?:\s+(hundred|thousand|million))?\b", re.IGNORECASE)
_MONTH_WORD = re.compile(r"\b(" + "|".join(m.title() for m in _MONTHS) + r")\b")


def english_numbers(text: str) -> list[Decimal]:
    """The numbers an English sentence states: 2,286; 14.1; 127 million; thirty-five; September (9)."""
    out = []
    for m in _EN_NUMBER.finditer(text):
        try:
            value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        except InvalidOperation:
            continue
        if m.group(3):
            value *= _SCALE[m.group(3).lower()]
        out.append(value)
    for m in _EN_WORD_NUMBER.finditer(text):
        if m.group(1):
            value = _TENS_WORDS[m.group(1).lower()] + (_WORDS[m.group(2).lower()] if m.group(2) else 0)
        elif m.group(3).lower() == "a":
            if not m.group(4):
                continue
            value = 1
        else:
            value = _WORDS[m.group(3).lower()]
        if m.group(4):
            value *= _EN_SCALE_WORDS[m.group(4).lower()]
        out.append(Decimal(value))
    for m in _MONTH_WORD.finditer(text):
        if m.group(1) != "May" or re.match(r"\s+\d", text[m.end() :]):  # "may" is mostly a verb
            out.append(Decimal(_MONTHS[m.group(1).lower()]))
    return out


def _key(value: Decimal) -> str:
    v = value.normalize()
    return format(v, "f")


def _weight(value: Decimal) -> float:
    """How much sharing a number says: 1 is everywhere, 2,286 almost nowhere."""
    if value != value.to_integral():
        return 2.0
    if value <= 1:
        return 0.0
    if value <= 12:
        return 0.3
    if value <= 31:
        return 0.8
    return 2.0


_NAME_WEIGHT = 2.0
_PINYIN_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_PINYIN_MAX = 30_000  # Chinese characters; beyond this, names come from the mentions alone


def _anchor(en: list[Segment], zh: list[Segment], names: list[tuple[int, str]], zh_text: str) -> None:
    """Fill ``anchors`` of both sides: numbers by value, Chinese names by their string."""
    for s in zh:
        for n in find_numbers(s.text):
            if n.unit != "ordinal":
                s.anchors[("n", _key(n.value))] = _weight(n.value)
    for s in en:
        for v in english_numbers(s.text):
            s.anchors[("n", _key(v))] = _weight(v)
    named: list[tuple[int, str]] = list(names)
    if len(zh_text) <= _PINYIN_MAX:
        covered = {start for start, _ in names}
        cache: dict[str, str | None] = {}
        for s in en:
            for m in _PINYIN_WORD.finditer(s.text):
                word = m.group()
                if word not in cache:
                    cache[word] = chinese_name(word, zh_text)
                start = s.start + m.start()
                if cache[word] and start not in covered:
                    named.append((start, cache[word]))  # type: ignore[arg-type]
    present = {z: [s for s in zh if z in s.text] for z in {z for _, z in named}}
    starts = [s.start for s in en]
    for start, z in named:
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and start < en[k].end and present[z]:
            en[k].anchors[("z", z)] = _NAME_WEIGHT
    for z, segs in present.items():
        for s in segs:
            s.anchors[("z", z)] = _NAME_WEIGHT
    # an anchor found in many Chinese sentences says little about any one of them
    df: dict[Any, int] = {}
    for s in zh:
        for k in s.anchors:
            df[k] = df.get(k, 0) + 1
    for s in en + zh:
        s.anchors = {k: w / max(1, df.get(k, 1)) for k, w in s.anchors.items() if w > 0}


# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Bead:
    """English segments [e0, e1) aligned with Chinese segments [z0, z1); ``anchor`` is the shared weight."""

    e0: int
    e1: int
    z0: int
    z1: int
    anchor: float
    length_ok: bool
    trusted: bool = False


_SHAPES = {(1, 1): 0.0, (1, 2): 0.6, (2, 1): 0.6, (1, 3): 1.4, (3, 1): 1.4, (2, 2): 2.5, (1, 0): 1.6,
           (0, 1): 1.3}
_LENGTH_WEIGHT = 2.0
_PARA_MISMATCH = 1.0
_PARA_INSIDE = 1.5
_TRUST_ANCHOR = 1.0
_PLAUSIBLE = math.log(1.8)
_TRUST_RUN = 2
_BAND = 12  # segments either side of the diagonal, for long articles


def _shared(en: list[Segment], zh: list[Segment]) -> float:
    ea: dict[Any, float] = {}
    for s in en:
        ea.update(s.anchors)
    if not ea:
        return 0.0
    za: dict[Any, float] = {}
    for s in zh:
        za.update(s.anchors)
    return sum(min(ea[k], za[k]) for k in ea.keys() & za.keys())


def _bead_cost(en: list[Segment], zh: list[Segment], ratio: float) -> tuple[float, float, bool]:
    """(cost, shared anchor weight, plausible lengths) of a bead joining ``en`` and ``zh``.

    :func:`align_segments` computes the same, in the same steps, from sums it makes once.
    """
    shape = _SHAPES[len(en), len(zh)]
    if not en or not zh:
        return shape, 0.0, False
    le = sum(s.size for s in en)
    lz = sum(s.size for s in zh)
    skew = abs(math.log((le + 12) / (ratio * lz + 12)))
    cost = shape + _LENGTH_WEIGHT * skew
    if en[0].para != zh[0].para:
        cost += _PARA_MISMATCH
    cost += _PARA_INSIDE * (sum(s.para for s in en[1:]) + sum(s.para for s in zh[1:]))
    anchor = _shared(en, zh)
    return cost - min(anchor, 6.0), anchor, skew <= _PLAUSIBLE


_LONGEST_BEAD = max(max(shape) for shape in _SHAPES)


def _range_sums(values: Sequence[float], add: Callable[[Any, Any], Any] = operator.add) -> list[list[Any]]:
    """sums[d][k]: the sum of values[k - d : k] (added in order, as ``sum`` does), for d up to the longest side
    of a bead; 0 where k < d. ``add``: another way to add them up."""
    out: list[list[Any]] = [[0] * (len(values) + 1)]
    for d in range(1, _LONGEST_BEAD + 1):
        shorter = out[-1]
        out.append([add(shorter[k - 1], values[k - 1]) if k >= d else 0 for k in range(len(values) + 1)])
    return out


class _Side:
    """What a bead's cost reads of one side, summed beforehand over every run of one to three segments:
    ``x[d][k]`` is about ``segments[k - d : k]``."""

    def __init__(self, segments: list[Segment], links: Sequence[int]) -> None:
        self.size = _range_sums([s.size for s in segments])
        self.paras = _range_sums([int(s.para) for s in segments])  # paragraph starts
        self.para = [s.para for s in segments]  # does segment k start a paragraph
        # anchor weight (the most a bead can share), whether there are any anchors, and links: bit b set
        # when a segment shares an anchor with segment b of the other side
        self.weight = _range_sums([sum(w for w in s.anchors.values() if w > 0) for s in segments])
        self.anchored = _range_sums([int(bool(s.anchors)) for s in segments])
        self.links = _range_sums(links, operator.or_)


def align_segments(en: list[Segment], zh: list[Segment]) -> list[Bead]:
    """The cheapest monotone alignment of two segment lists, beads in order, each marked trusted or not.

    A bead's cost is :func:`_bead_cost`'s, computed in the same steps from sums made beforehand (:class:`_Side`).
    A bead that cannot beat the best one into its point so far, whatever its lengths or shared anchors (at most
    the anchor weight of either side), is passed over; of the rest, only those whose sides share an anchor
    get the dear part, :func:`_shared`.
    """
    n, m = len(en), len(zh)
    if not n or not m:
        return []
    ratio = sum(s.size for s in en) / max(1, sum(s.size for s in zh))
    inf = float("inf")
    with_key: dict[Any, int] = {}  # anchor -> the Chinese segments that have it, as bits
    for b, s in enumerate(zh):
        for k in s.anchors:
            with_key[k] = with_key.get(k, 0) | 1 << b
    e = _Side(en, [functools.reduce(operator.or_, (with_key.get(k, 0) for k in s.anchors), 0) for s in en])
    z = _Side(zh, [1 << b for b in range(m)])
    zh_para = z.para
    # totals[i][j]: the least cost of aligning en[:i] with zh[:j] (inf: out of the band or unreachable);
    # back[i][j]: the point before the last bead of that alignment, the bead's anchor weight and plausible lengths
    totals = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    totals[0][0] = 0.0
    full = n * m <= 40_000

    for i in range(n + 1):
        # each shape of bead ending in row i: the row it starts in, what it reads of the English side, and the
        # lists it reads the Chinese side from (the paragraph figures only where both sides have a sentence)
        moves = [(di, dj, shape, totals[i - di], i - di,
                  e.size[di][i] + 12, e.links[di][i], e.weight[di][i], di and e.para[i - di],
                  e.paras[di - 1][i] if di else 0, e.anchored[di][i],
                  z.size[dj], z.links[dj], z.weight[dj], z.paras[dj - 1] if dj else [])
                 for (di, dj), shape in _SHAPES.items() if di <= i]
        if full:
            columns = range(m + 1)
        else:  # around the band |j - i * m / n| <= _BAND + 2, which is tested below
            middle = int(i * m / n)
            columns = range(max(0, middle - _BAND - 3), min(m, middle + _BAND + 3) + 1)
        row, row_back = totals[i], back[i]
        for j in columns:
            if (i, j) == (0, 0) or not (full or abs(j - i * m / n) <= _BAND + 2):
                continue
            best_total = inf
            best = None
            for (di, dj, shape, start_row, pi, en_size12, en_links, en_weight, en_para, en_paras, en_anchored,
                 zh_size, zh_links, zh_weight, zh_paras) in moves:
                pj = j - dj
                if pj < 0:
                    continue
                prev = start_row[pj]
                if not di or not dj:  # a sentence left alone
                    total = prev + shape
                    if total < best_total:
                        best_total, best = total, (pi, pj, 0.0, False)
                    continue
                # the anchor takes off min(anchor, 6.0), and the anchor is at most the weight of either side
                # (give or take rounding)
                linked = en_links & zh_links[j]
                most = min(min(en_weight, zh_weight[j]) + 1e-6, 6.0) if linked else 0.0
                mismatch = _PARA_MISMATCH if en_para != zh_para[pj] else 0.0
                inside = _PARA_INSIDE * (en_paras + zh_paras[j])
                if prev + (shape + mismatch + inside - most) >= best_total:
                    continue  # it cannot beat the best bead so far, whatever its lengths (or unreachable)
                skew = abs(math.log(en_size12 / (ratio * zh_size[j] + 12)))
                c = shape + _LENGTH_WEIGHT * skew
                if mismatch:
                    c += mismatch
                c += inside
                anchor: float
                if linked:
                    if prev + (c - most) >= best_total:
                        continue
                    anchor = _shared(en[pi:i], zh[pj:j])
                    total = prev + (c - min(anchor, 6.0))
                else:  # _shared of sides sharing nothing: 0.0 when the English has no anchor, else an empty sum
                    anchor = 0 if en_anchored else 0.0
                    total = prev + c
                if total < best_total:
                    best_total, best = total, (pi, pj, anchor, skew <= _PLAUSIBLE)
            if best is not None:
                row[j], row_back[j] = best_total, best
    if back[n][m] is None:
        return []
    beads = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj, anchor, ok = back[i][j]  # type: ignore[misc]
        beads.append(Bead(pi, i, pj, j, anchor, ok))
        i, j = pi, pj
    beads.reverse()
    return _trust(beads, en, zh)


def _trust(beads: list[Bead], en: list[Segment], zh: list[Segment]) -> list[Bead]:
    """Mark the beads to trust: anchored ones, and short plausible stretches between trusted points."""
    def fixed_before(k: int) -> bool:
        """Is the point before bead k trusted?"""
        if k == 0 or k == len(beads):
            return True
        b, prev = beads[k], beads[k - 1]
        if prev.anchor >= _TRUST_ANCHOR or b.anchor >= _TRUST_ANCHOR:
            return True
        return b.e0 < b.e1 and b.z0 < b.z1 and en[b.e0].para and zh[b.z0].para

    out = list(beads)
    k = 0
    while k < len(beads):
        end = k + 1
        while end < len(beads) and not fixed_before(end):
            end += 1
        run = beads[k:end]
        one_to_few = all(b.e0 < b.e1 and b.z0 < b.z1 and b.length_ok for b in run)
        one_to_one = all(b.e1 - b.e0 == 1 and b.z1 - b.z0 == 1 for b in run)
        for x in range(k, end):
            b = beads[x]
            if b.e0 == b.e1 or b.z0 == b.z1:
                continue
            if b.anchor >= _TRUST_ANCHOR or (one_to_few and (len(run) <= _TRUST_RUN or one_to_one)):
                out[x] = Bead(b.e0, b.e1, b.z0, b.z1, b.anchor, b.length_ok, True)
        k = end
    return out


# --------------------------------------------------------------------------- the article

_DATELINE_ZH = re.compile(
    r"^(?:【[^】]{1,30}】|〔[^〕]{1,30}〕|据?新华社[^　\s，。：]{0,20}?电|本报[^　\s，。：]{0,16}?(?:讯|电))[　\s：:]*"
)


@dataclass
class _Alignment:
    en: list[Segment]
    zh: list[Segment]
    zh_of: dict[int, tuple[int, int] | None]  # English segment -> Chinese segments [z0, z1), None if untrusted


def _alignment(article: Article, extraction: ArticleExtraction) -> _Alignment | None:
    if article.english is None or article.chinese is None:
        return None
    en_size, zh_size = (_non_space(b.text) for b in (article.english, article.chinese))
    if not zh_size or not 0.8 <= en_size / zh_size <= 8:  # the two texts are not a translation of one another
        log.info("%s: English and Chinese lengths differ too much to align", article.id)
        return None
    en = english_sentences(article.english)
    zh = chinese_sentences(article.chinese)
    if not en or not zh:
        return None
    names = [(m.start, m.name_zh) for m in extraction.mentions if m.name_zh]
    _anchor(en, zh, names, article.chinese.text)
    zh_of: dict[int, tuple[int, int] | None] = {}
    for b in align_segments(en, zh):
        for i in range(b.e0, b.e1):
            zh_of[i] = (b.z0, b.z1) if b.trusted else None if b.z0 < b.z1 else (b.z0, b.z0)
    return _Alignment(en, zh, zh_of)


def _zh_evidence(article: Article, al: _Alignment, ev: Evidence) -> Evidence | None:
    """The Chinese sentence(s) the English evidence sentence translates, or None when unsure."""
    covered = []
    for i, s in enumerate(al.en):
        overlap = min(s.end, ev.end) - max(s.start, ev.start)
        if overlap > 0 and (overlap * 2 >= s.end - s.start or overlap * 2 >= ev.end - ev.start):
            covered.append(i)
    if not covered:
        return None
    spans = [al.zh_of.get(i) for i in covered]
    if any(span is None for span in spans):
        return None
    z0 = min(span[0] for span in spans if span[0] < span[1]) if any(s[0] < s[1] for s in spans) else None
    if z0 is None:
        return None
    z1 = max(span[1] for span in spans if span[0] < span[1])
    block = article.chinese
    assert block is not None
    start, end = al.zh[z0].start, al.zh[z1 - 1].end
    text = block.text[start - block.start : end - block.start]
    dateline = _DATELINE_ZH.match(text) if al.zh[z0].para else None
    if dateline and dateline.end() < len(text):
        start += dateline.end()
        text = text[dateline.end() :]
    return Evidence(article=article.id, text=text, start=start, end=end, lang="zh")


# --------------------------------------------------------------------------- numbers

# as the Chinese figures are read (a yield per mu as its weight: 亩产六百五十斤)
_EN_UNITS = {"km": ("m", Decimal(1000)), "kg": ("t", Decimal("0.001")), "jin/mu": ("jin", Decimal(1)),
             "dan/mu": ("dan", Decimal(1)), "kg/mu": ("t", Decimal("0.001"))}


def _compatible(n: ZhNumber, unit: str) -> bool:
    if unit == "coefficient":
        return n.unit is None and n.decimals > 0
    return n.unit == _EN_UNITS.get(unit, (unit, 1))[0]


def _significant(value: Decimal) -> int:
    digits = value.normalize().as_tuple().digits
    return len(digits)


def _rounds_to(zh: Decimal, en: Decimal) -> bool | None:
    """Does the Chinese figure round to the English one? None when the English is too round to say."""
    if zh == en:
        return True
    sig = _significant(en)
    if en == 0 or sig >= _significant(zh):
        return False
    exp = en.normalize().as_tuple().exponent
    assert isinstance(exp, int)
    rounded = zh.quantize(Decimal(1).scaleb(exp)) if exp < 0 else (zh / Decimal(10) ** exp).quantize(1) * 10**exp
    if rounded != en:
        return False
    return True if sig >= 2 else None


def check_measurement(
    value: Decimal,
    unit: str,
    sentence_zh: str,
    others: Sequence[Decimal] = (),
    original: Sequence[ZhNumber] = (),
) -> tuple[OriginalCheck, str | None]:
    """("agrees" | "differs" | "unchecked", the Chinese figure as written or None).

    ``sentence_zh`` is the aligned Chinese text, ``others`` the other numbers the English
    sentence states, ``original`` every figure of the whole Chinese article.
    """
    value = value * _EN_UNITS.get(unit, (unit, Decimal(1)))[1]
    numbers = find_numbers(sentence_zh)
    cands = [n for n in numbers if _compatible(n, unit)]
    unsure = False
    for n in cands:
        r = _rounds_to(n.value, value)
        if r:
            return "agrees", n.text
        unsure |= r is None
    bare = [n for n in numbers if n.unit is None and n.value == value]
    if bare:  # the figure stands without its unit (由三十增到七十米)
        return "agrees", bare[0].text
    if unsure or not cands or any(n.approximate for n in cands):
        return "unchecked", None
    if any(_compatible(n, unit) and _rounds_to(n.value, value) is not False for n in original):
        return "unchecked", None  # the English figure is elsewhere in the original: the alignment may be off
    left = [n for n in cands if not any(n.value == o or _rounds_to(n.value, o) for o in others)]
    if len(left) != 1:
        return "unchecked", None
    n = left[0]
    if n.lower_bound and n.value <= value < n.value + n.step:
        return "unchecked", None  # 七百多 and 750
    return "differs", n.text


class _Figures(Sequence[ZhNumber]):
    """Every figure of a text (:func:`find_numbers`), found when first read: most measurements are settled
    before their check needs the whole original."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def _all(self) -> list[ZhNumber]:
        return find_numbers(self.text)

    def __getitem__(self, k: Any) -> Any:
        return self._all[k]

    def __len__(self) -> int:
        return len(self._all)

    def __iter__(self) -> Iterator[ZhNumber]:
        return iter(self._all)


def _check_all(
    article: Article, measurements: tuple[Measurement, ...], zh_of: dict[str, Evidence | None]
) -> list[Measurement]:
    original = _Figures(article.chinese.text) if article.chinese is not None else []
    out = []
    for m in measurements:
        ev = zh_of.get(m.id)
        if ev is None:
            out.append(m.model_copy(update={"original_check": "unchecked", "original_value": None}))
            continue
        others = list(english_numbers(m.evidence.text))
        if m.value in others:  # this measurement's own number is not an "other" one (a second equal one is)
            others.remove(m.value)
        check, figure = check_measurement(m.value, m.unit, ev.text, others, original)
        out.append(m.model_copy(update={"original_check": check, "original_value": figure}))
    return out


# --------------------------------------------------------------------------- entry point

_RECORDS = ("assistance", "planned_assistance", "mutual_aid", "measurements", "participation")


def align_with_original(article: Article, extraction: ArticleExtraction) -> ArticleExtraction:
    """``extraction`` with the Chinese evidence of every record and the measurements checked.

    Never raises: an article the aligner fails on keeps its English evidence,
    with every measurement ``unchecked``.
    """
    try:
        return _align_with_original(article, extraction)
    except Exception:  # the Chinese side is an addition; it must not cost the article
        log.exception("%s: aligning with the Chinese original failed; English evidence only", article.source)
        return extraction.model_copy(update={"measurements": tuple(
            m.model_copy(update={"original_check": "unchecked", "original_value": None})
            for m in extraction.measurements)})


def _align_with_original(article: Article, extraction: ArticleExtraction) -> ArticleExtraction:
    if not any(getattr(extraction, f) for f in _RECORDS):
        return extraction
    al = _alignment(article, extraction)
    cache: dict[tuple[int, int], Evidence | None] = {}
    zh_of: dict[str, Evidence | None] = {}
    update: dict[str, Any] = {}
    for f in _RECORDS:
        records = []
        for r in getattr(extraction, f):
            key = (r.evidence.start, r.evidence.end)
            if key not in cache:
                cache[key] = _zh_evidence(article, al, r.evidence) if al is not None else None
            zh_of[r.id] = cache[key]
            records.append(r.model_copy(update={"evidence_zh": cache[key]}) if cache[key] is not None else r)
        update[f] = tuple(records)
    update["measurements"] = tuple(_check_all(article, update["measurements"], zh_of))
    return extraction.model_copy(update=update)

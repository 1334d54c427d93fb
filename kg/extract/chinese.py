"""Chinese names: each English mention's name as the Chinese original writes it.

Two kinds of evidence, both checked against the Chinese text itself, so that
a name is given only when the original has it:

* transliteration: the romanised part of a name ("Hegang" in "Hegang Coal
  Mine", "Wang Guifang") read in pinyin against every stretch of the original
  (every reading of a character counts: 重 is zhong or chong), then the
  name's shape words after it ("Coal Mine" -> 煤矿, "Province" -> 省);
* numbers: "No. 4 Mine" -> 四井, "620 coal mining team" -> 六二○采煤队.

A name with no such evidence gets no Chinese name; translated names ("Red
Flag Competition") are left for later.
"""

from __future__ import annotations

import functools
import re

__all__ = ["chinese_name", "chinese_numeral"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3007\u25cb]")
# English shape words -> how the original writes them, longest first.
_SHAPES: dict[str, tuple[str, ...]] = {
    "iron and steel company": ("钢铁公司",),
    "coal mine": ("煤矿",),
    "vertical shaft": ("立井",),
    "steel plant": ("钢厂", "钢铁厂"),
    "power plant": ("发电厂", "电厂"),
    "textile factory": ("纺织厂", "纺织工厂"),
    "cotton mill": ("纱厂", "棉纺厂"),
    "news agency": ("社", "通讯社"),
    "mine": ("矿", "井"),
    "shaft": ("井",),
    "well": ("井",),
    "factory": ("工厂", "厂"),
    "plant": ("厂",),
    "mill": ("厂",),
    "works": ("厂",),
    "company": ("公司",),
    "province": ("省",),
    "city": ("市",),
    "county": ("县",),
    "region": ("区", "州"),
    "oblast": ("州",),
    "bureau": ("局",),
    "team": ("队",),
}
_TEAM_SHAPES = ("采煤队", "掘进队", "运输队", "队", "班", "组")
_DIGITS = "○一二三四五六七八九"
_ZERO = ("○", "〇", "零")


@functools.lru_cache(maxsize=65536)
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def chinese_numeral(n: int) -> str:
    """1-99 the way the original counts shafts: 四, 十二, 二十, 三十五."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _match_pinyin(zh: str, start: int, target: str) -> int | None:
    """End of a stretch of ``zh`` from ``start`` whose pinyin spells ``target``, if any."""
    if not target:
        return start
    if start >= len(zh) or not _CJK.match(zh[start]):
        return None
    for reading in sorted(_readings(zh[start]), key=len, reverse=True):
        if reading and target.startswith(reading):
            end = _match_pinyin(zh, start + 1, target[len(reading) :])
            if end is not None:
                return end
    return None


def _find_pinyin(zh: str, target: str) -> list[tuple[int, int]]:
    """Every stretch of ``zh`` that reads as ``target`` (at least two characters)."""
    out = []
    for i in range(len(zh)):
        end = _match_pinyin(zh, i, target)
        if end is not None and end - i >= 2:
            out.append((i, end))
    return out


def _shape(words: list[str]) -> tuple[str, ...] | None:
    """Chinese forms of the shape words of a name (None when there are none to match)."""
    key = " ".join(words).lower()
    return _SHAPES.get(key) if key else ()


def _numbered(name: str, zh: str) -> str | None:
    m = re.match(r"^No\. (\d{1,2}) (\w+)$", name)
    if m:
        n, head = int(m.group(1)), m.group(2).lower()
        for num in (chinese_numeral(n), m.group(1)):
            for shape in _SHAPES.get(head, ()):
                for form in (f"{num}{shape}", f"{num}号{shape}", f"第{num}{shape}"):
                    if form in zh:
                        return form
        return None
    m = re.match(r"^(\d{3,4}) .*\b(team|brigade|group)$", name)
    if m:
        for zero in _ZERO:
            digits = "".join(_DIGITS[int(d)] if d != "0" else zero for d in m.group(1))
            for shape in _TEAM_SHAPES:
                if digits + shape in zh:
                    return digits + shape
    return None


def chinese_name(name: str, zh: str) -> str | None:
    """The Chinese form of the English ``name`` in the original ``zh``, or None when unsure.

    Unsure includes: no stretch reads as the name, or two different stretches do.
    """
    if not zh or not name:
        return None
    numbered = _numbered(name, zh)
    if numbered or name.startswith("No.") or name[:1].isdigit():
        return numbered
    words = re.sub(r"[\"'“”‘’]", "", name).split()
    for k in range(len(words), 0, -1):  # the romanised words are the longest prefix that matches
        romanised = "".join(w.lower() for w in words[:k])
        if not romanised.isalpha() or not romanised.isascii():
            continue
        shapes = _shape(words[k:])
        if shapes is None:
            continue
        found = set()
        for start, end in _find_pinyin(zh, romanised):
            if not shapes:
                found.add(zh[start:end])
            for shape in shapes:
                if zh.startswith(shape, end):
                    found.add(zh[start : end + len(shape)])
                    break
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None

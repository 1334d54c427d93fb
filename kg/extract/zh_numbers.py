"""Numbers of the Chinese originals: numerals, units, bounds.

:func:`parse_numeral` reads one numeral, :func:`find_numbers` every figure of
a text with its unit and offsets:

* positional numerals: 二千二百八十六 (2286), 一百零一万 (1010000), 一亿二千七百万,
  十四, 廿 and 卅 (20, 30), 两, the financial forms 壹贰叁 ... 拾佰仟, and the
  short tails 一万二 (12000), 三千五 (3500);
* digit by digit: 一九五三 (1953), 六二○ (620), 一九点二零四 (19.204);
* Arabic and full-width digits, alone or mixed: 2,286, 14.1, ５．６, 2千, 101万;
* percentages: 14.1％, 百分之卅 (30%), 千分之五 (0.5%);
* bounds: 七百多吨, 三十余名, 七十米以上 are lower bounds; 十几, 几十, 七八百 (a
  range), 约, 近, 左右 are approximate;
* units, normalised so that English and Chinese figures compare: 吨 公吨 公斤
  (to ``t``), 米 公尺 公里 千米 厘米 (to ``m``), 元 (``yuan``), 卢布 (``rubles``),
  ％ (``%``), 倍 (``times``), 个月 (``months``), 年 (``years``), 天 (``days``),
  克 (``g``), 千瓦 瓩 (``kW``), 千瓦时 度 (``kWh``),
  and counted things (名, 个, 项, ...) as ``count``;
* dates (1956年, 一九五三年, 8月, 12日) and ordinals (第一) are found too, with the
  units ``date`` and ``ordinal``: they are anchors for alignment, never
  measurements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["ZhNumber", "find_numbers", "parse_numeral", "parse_quantity"]

_DIGIT = {
    "〇": 0, "○": 0, "零": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "两": 2, "兩": 2, "贰": 2, "貳": 2, "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7,
    "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_TENS = {"廿": 20, "卄": 20, "卅": 30, "卌": 40}
_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNIT = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_POINT = ".．点點"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_VAGUE = "几幾"

_CH_NUM = "".join(_DIGIT) + "".join(_TENS) + "".join(_SMALL_UNIT) + "".join(_BIG_UNIT) + _VAGUE
_ARABIC = "0-9０-９"
# A numeral run: Chinese numeral characters, digits, a decimal point between digits, and
# thousands separators between Arabic digits.
_RUN = re.compile(
    rf"(?:[{_ARABIC}]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[{_ARABIC}{_CH_NUM}])"
    rf"(?:[{_ARABIC}{_CH_NUM}]|[{_POINT}](?=[{_ARABIC}{''.join(_DIGIT)}]))*"
)

# Units: as written -> (normalised unit, factor to that unit). Longest first when matched.
_UNITS: dict[str, tuple[str, Decimal]] = {
    "公吨": ("t", Decimal(1)), "吨": ("t", Decimal(1)), "噸": ("t", Decimal(1)),
    "公斤": ("t", Decimal("0.001")), "千克": ("t", Decimal("0.001")),
    "公尺": ("m", Decimal(1)), "米": ("m", Decimal(1)), "公里": ("m", Decimal(1000)),
    "千米": ("m", Decimal(1000)), "厘米": ("m", Decimal("0.01")), "公分": ("m", Decimal("0.01")),
    "平方米": ("m2", Decimal(1)), "平方公尺": ("m2", Decimal(1)), "立方米": ("m3", Decimal(1)),
    "立方公尺": ("m3", Decimal(1)),
    "元": ("yuan", Decimal(1)), "卢布": ("rubles", Decimal(1)), "盧布": ("rubles", Decimal(1)),
    "％": ("%", Decimal(1)), "%": ("%", Decimal(1)),
    "倍": ("times", Decimal(1)),
    "个月": ("months", Decimal(1)), "個月": ("months", Decimal(1)),
    "年": ("years", Decimal(1)), "天": ("days", Decimal(1)), "小时": ("hours", Decimal(1)),
    "斤": ("jin", Decimal(1)), "担": ("dan", Decimal(1)), "亩": ("mu", Decimal(1)),
    "度": ("kWh", Decimal(1)), "瓩": ("kW", Decimal(1)), "马力": ("hp", Decimal(1)),
    "千瓦时": ("kWh", Decimal(1)), "千瓦小时": ("kWh", Decimal(1)), "千瓦": ("kW", Decimal(1)), "克": ("g", Decimal(1)),
}
_COUNTERS = set("个個名人位项項条條次座台部件所家种種辆輛块塊只隻支张張间間口批道场場架艘列")
_DATE_UNITS = {"月": "month", "日": "day", "号": "day", "號": "day"}
_UNIT_KEYS = sorted(_UNITS, key=len, reverse=True)

_LOWER_AFTER_NUMERAL = "多余餘"
_LOWER_AFTER_UNIT = ("以上", "有余", "有餘", "多")
_APPROX_AFTER_NUMERAL = "来來"
_APPROX_AFTER_UNIT = ("左右", "上下", "以下", "以内", "以內")
_APPROX_BEFORE = ("将近", "將近", "接近", "大约", "大約", "不到", "不足", "约", "約", "近")  # longest first
_PERCENT_BEFORE = {"百分之": Decimal(1), "千分之": Decimal("0.1"), "万分之": Decimal("0.01")}


@dataclass(frozen=True)
class ZhNumber:
    """One figure of a Chinese text.

    ``value`` is in ``unit`` (万吨 and 公斤 are converted to tons, 公里 to meters);
    ``unit`` is None for a bare number. ``text`` is the figure as written
    (prefix such as 百分之 or 约, numeral, bound markers, unit), ``start``/``end``
    its offsets in the text searched.
    """

    value: Decimal
    unit: str | None
    text: str
    start: int
    end: int
    lower_bound: bool = False
    approximate: bool = False
    decimals: int = 0  # digits after the point as written (14.1 -> 1)

    @property
    def step(self) -> Decimal:
        """The place of the last non-zero digit as written: 700 -> 100, 6900 -> 100, 14.1 -> 0.1.

        七百多 means 700 up to 800: the range of a lower bound is one step.
        """
        if self.decimals:
            return Decimal(1).scaleb(-self.decimals)
        n = int(abs(self.value)) if self.value == self.value.to_integral() else 0
        step = 1
        while n and n % 10 == 0:
            n //= 10
            step *= 10
        return Decimal(step)


# --------------------------------------------------------------------------- numerals


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _digit_string(run: str) -> str | None:
    """A run of single digits (Chinese or Arabic) as an Arabic digit string: 六二○ -> 620."""
    out = []
    for ch in run:
        if ch.isdigit() and ch.isascii():
            out.append(ch)
        elif ch in _DIGIT and ch not in "两兩":
            out.append(str(_DIGIT[ch]))
        else:
            return None
    return "".join(out)


def _is_range(a: str, b: str) -> bool:
    """七八, 二三, 一两: two neighbouring digits that say "seven or eight"."""
    da, db = _DIGIT.get(a), _DIGIT.get(b)
    return da is not None and db is not None and da != 0 and db == da + 1


def _positional(run: str) -> tuple[Decimal, bool, bool] | None:
    """(value, lower bound, approximate) of a numeral with 十百千万亿 or 廿卅 in it, None if malformed."""
    total = Decimal(0)  # what the finished 亿 and 万 sections add up to
    section = Decimal(0)  # the current section below 万
    number: Decimal | None = None  # the digit (or Arabic number) waiting for its multiplier
    last_mult = 0
    after_zero = False
    lower = approx = False
    i = 0
    while i < len(run):
        ch = run[i]
        if ch.isascii() and ch.isdigit():
            m = re.match(r"[0-9,]+(?:\.[0-9]+)?", run[i:])
            assert m is not None
            if number is not None:
                return None
            number = _decimal(m.group().replace(",", ""))
            if number is None:
                return None
            i += m.end()
            continue
        if ch in _VAGUE:
            lower = approx = True
            if number is not None:
                return None
            number = Decimal(0) if last_mult else Decimal(1)  # 十几 is 10 and more; 几十 10 and more
            i += 1
            continue
        if ch in _DIGIT:
            d = _DIGIT[ch]
            if number is not None:
                if number == number.to_integral() and _is_range(run[i - 1], ch):  # 七八百: 700 to 900
                    approx = True
                    i += 1
                    continue
                return None
            if d == 0:
                after_zero = True
                i += 1
                continue
            number = Decimal(d)
            i += 1
            continue
        if ch in _TENS:
            if number is not None:
                return None
            number = Decimal(_TENS[ch])
            last_mult = 10
            i += 1
            if i < len(run) and run[i] in _DIGIT and run[i] not in "〇○零Ｏ":
                number += _DIGIT[run[i]]
                i += 1
            section += number
            number = None
            continue
        if ch in _SMALL_UNIT:
            mult = _SMALL_UNIT[ch]
            if last_mult and mult >= last_mult and section:  # 十百, 百千: not a numeral
                return None
            section += (number if number is not None else Decimal(1)) * mult
            number, last_mult, after_zero = None, mult, False
            i += 1
            continue
        if ch in _BIG_UNIT:
            mult = _BIG_UNIT[ch]
            part = section + (number if number is not None else Decimal(0))
            if part == 0:  # a bare 万 (月产万吨) is ten thousand; 四万万 the old way of writing 亿
                total = total * mult if total else Decimal(mult)
            elif mult == 100_000_000:
                total = (total + part) * mult
            else:
                total += part * mult
            section, number, after_zero = Decimal(0), None, False
            last_mult = mult
            i += 1
            continue
        return None  # a point that the caller did not split off
    if number is not None:
        if last_mult >= 100 and not after_zero and section + total > 0 and number < 10:
            number *= Decimal(last_mult) / 10  # 一万二 is 12000, 三千五 3500
        section += number
    return total + section, lower, approx


def _numeral(run: str) -> tuple[Decimal, bool, bool, int] | None:
    """(value, lower bound, approximate, decimals as written) of one numeral run."""
    run = run.translate(_FULL_WIDTH)
    point = next((i for i, ch in enumerate(run) if ch in _POINT), None)
    if point is not None:
        whole, rest = run[:point], run[point + 1 :]
        tail = ""
        while rest and rest[-1] in _BIG_UNIT:  # 一点五万, 1.5万
            tail = rest[-1] + tail
            rest = rest[:-1]
        frac = _digit_string(rest)
        digits = _digit_string(whole)  # 一二点一三三 is 12.133, not "one or two"
        head = (Decimal(digits), False, False, 0) if digits else _numeral(whole) if whole else None
        if not frac or head is None or head[1] or head[2] or head[3]:
            return None
        value = head[0] + Decimal("0." + frac)
        for ch in tail:
            value *= _BIG_UNIT[ch]
        return value, False, False, 0 if tail else len(frac)
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+", run):
        return Decimal(run.replace(",", "")), False, False, 0
    digits = _digit_string(run)
    if digits is not None:
        if len(run) == 2 and _is_range(run[0], run[1]):  # 三四个月: three or four
            return Decimal(digits[0]), False, True, 0
        return Decimal(digits), False, False, 0
    if run in _VAGUE:
        return None
    parsed = _positional(run)
    if parsed is None:
        return None
    value, lower, approx = parsed
    return value, lower, approx, 0


def parse_numeral(text: str) -> Decimal | None:
    """The value of one numeral, or None: ``"二千二百八十六"`` -> 2286, ``"一百零一万"`` -> 1010000,
    ``"一九点二零四"`` -> 19.204, ``"2千"`` -> 2000, ``"卅"`` -> 30."""
    m = _RUN.fullmatch(text.strip())
    if m is None:
        return None
    parsed = _numeral(m.group())
    return parsed[0] if parsed is not None else None


# --------------------------------------------------------------------------- figures


def _unit_at(text: str, i: int) -> tuple[str, str, Decimal] | None:
    """(unit as written, normalised unit, factor) starting at ``text[i]``."""
    for key in _UNIT_KEYS:
        if text.startswith(key, i):
            unit, factor = _UNITS[key]
            return key, unit, factor
    return None


def _figure(text: str, m: re.Match[str]) -> ZhNumber | None:
    run = m.group()
    start, end = m.start(), m.end()
    parsed = _numeral(run)
    if parsed is None:
        return None
    value, lower, approx, decimals = parsed
    unit: str | None = None
    before = text[max(0, start - 3) : start]
    for prefix, factor in _PERCENT_BEFORE.items():
        if before.endswith(prefix):
            return _percent(text, value * factor, decimals, start - len(prefix), end, lower, approx)
    if before.endswith("第"):
        return ZhNumber(value, "ordinal", text[start - 1 : end], start - 1, end, decimals=decimals)
    lead = next((p for p in _APPROX_BEFORE if before.endswith(p)), None)
    if lead is not None and not (lead in ("近", "约") and before[-2:-1] in ("最", "附", "接", "将", "將", "大", "節", "节")):
        approx, start = True, start - len(lead)
    j = end
    if j < len(text) and text[j] in _LOWER_AFTER_NUMERAL:
        lower, j = True, j + 1
    elif j < len(text) and text[j] in _APPROX_AFTER_NUMERAL:
        approx, j = True, j + 1
    factor = Decimal(1)
    found = _unit_at(text, j)
    if found is None and j < len(text) and text[j] in "个個" and text.startswith("多月", j + 1):
        found, lower = ("个多月", "months", Decimal(1)), True  # 七个多月
    if found is not None:
        written, unit, factor = found
        if unit == "years" and not approx and value == value.to_integral() and 1000 <= value <= 2100:
            unit, factor = "date", Decimal(1)  # 1956年, 一九五三年
        j += len(written)
    elif j < len(text) and text[j] in _DATE_UNITS:
        unit, j = "date", j + 1
    elif j < len(text) and text[j] in _COUNTERS:
        unit, j = "count", j + 1
    if unit not in (None, "date", "ordinal", "count"):
        for suffix in _LOWER_AFTER_UNIT:
            if text.startswith(suffix, j) and (suffix != "多" or unit in ("years", "months", "days", "hours")):
                lower, j = True, j + len(suffix)
                break
        else:
            for suffix in _APPROX_AFTER_UNIT:
                if text.startswith(suffix, j):
                    approx, j = True, j + len(suffix)
                    break
    elif unit == "count" and text.startswith("以上", j):
        lower, j = True, j + 2
    if unit == "%":
        return _percent(text, value, decimals, start, j, lower, approx)
    return ZhNumber(value * factor, unit, text[start:j], start, j, lower, approx, decimals)


def _percent(text: str, value: Decimal, decimals: int, start: int, end: int, lower: bool, approx: bool) -> ZhNumber:
    for suffix in _LOWER_AFTER_UNIT[:2]:
        if text.startswith(suffix, end):
            lower, end = True, end + len(suffix)
            break
    else:
        for suffix in _APPROX_AFTER_UNIT:
            if text.startswith(suffix, end):
                approx, end = True, end + len(suffix)
                break
    # 百分之十四点一: the percent sign may also follow (百分之14.1％ is a typo, read once)
    if text.startswith(("％", "%"), end):
        end += 1
    return ZhNumber(value, "%", text[start:end], start, end, lower, approx, decimals)


def find_numbers(text: str) -> list[ZhNumber]:
    """Every figure of ``text``, in order, with its unit and offsets.

    A run of numeral characters that is not a well-formed numeral (一些 is not;
    十分 "very" is read as 10, and left to the caller's units) is skipped.
    """
    out = []
    for m in _RUN.finditer(text):
        run, at = m.group(), m.start()
        percent = any(text.endswith(p, 0, at) for p in _PERCENT_BEFORE)
        if not percent:
            if run in ("一", "壹") and _is_word(text, at):
                continue
            if run in ("百", "千", "万") and text.startswith("分之", m.end()):
                continue  # belongs to the percentage that follows
            if (run in _BIG_UNIT or run in _SMALL_UNIT) and _unit_at(text, m.end()) is None:
                continue  # a bare 万 or 千 counts only before a unit (月产万吨)
        n = _figure(text, m)
        if n is not None:
            out.append(n)
    return out


_ONE_WORDS = set("些切致起面般定样樣同直再旦向律概齐齊道共时時度边邊")


def _is_word(text: str, i: int) -> bool:
    """一 in 一些, 一切, 一致 ... is a word, not the number one."""
    return i + 1 < len(text) and text[i + 1] in _ONE_WORDS


def parse_quantity(text: str) -> ZhNumber | None:
    """The one figure that is the whole of ``text`` (``"二千二百八十六吨"``, ``"百分之卅"``), else None."""
    text = text.strip()
    found = find_numbers(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    return None

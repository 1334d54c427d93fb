"""Chinese names: each English mention's name as the Chinese original writes it.

An English name is read as a set of parts, each of which must be found in the
original, side by side, in any order (Chinese often turns "X of Y" round), the
head last:

* romanised proper names, read in pinyin against the original ("Hegang" is
  鹤岗; every reading of a character counts: 重 is zhong or chong), or, when
  the word is not pinyin (or its pinyin is nowhere), by sound against the runs
  of characters the Chinese uses to write foreign names ("Kuznetsova" is
  库兹涅佐娃: the two are compared as skeletons of consonants, with a small
  cost for near sounds, and by how they end);
* generic words, from the bilingual vocabulary of :mod:`kg.extract.zh_lexicon`
  ("Coal Mine" is 煤矿, "Red Star Machinery Plant" 红星机械厂, "Municipal
  Committee of the Communist Party of China" 中共...市委); a modifier may be cut
  to its first character when a name of three or more parts is abbreviated
  ("repair and transportation section" 修运科);
* numbers ("No. 12 Shaft" is 十二井, "305 tunneling team" 三○五掘进队, "Twelve"
  十二个).

Between the parts the original may write 和 for "and", a measure word after a
number and 地区 after a compass point; quotation marks are kept when the
English has them. Every stretch of the original that spells all the parts is
a candidate. The closest in sound wins, then the one writing the most parts;
forms that differ only in fillers leave the name unsure. Of several left, or
of a name read by sound, only a candidate that the original has near the
mention's place in the English (``at``: paragraphs counted alike in both
texts) counts, the nearest one. A name made of one generic word ("the
committee"), or with a word the vocabulary does not know, gets none: unsure
means no name.

A phrase the English quotes (a slogan) is translated, not spelt: it is
matched as a whole against what the original quotes (:func:`quoted_chinese`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kg.extract import zh_lexicon as lex
from kg.nlp.pinyin import is_pinyin

__all__ = ["chinese_name", "chinese_numeral", "place_in_text", "quoted_chinese"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3007\u25cb]")
_DIGITS = "○一二三四五六七八九"
_ZERO = ("○", "〇", "零")
_TEAM_SHAPES = ("采煤队", "掘进队", "运输队", "队", "班", "组")
_COMPASS_CHARS = "东南西北中华"
_OPEN_QUOTES = "“‘「『"
_CLOSE_QUOTES = "”’」』"
_WINDOW = 0.15  # how far (as a share of the text) the original may place a name from the English
_NEAR_PLACE = 0.05  # how much nearer to the English the nearest candidate must be than any other
_MIN_SOUND = 0.85  # least similarity of sound for a foreign name
_MARGIN = 0.1  # how much closer in sound the best candidate must be than any other


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


@functools.lru_cache(maxsize=65536)
def _longest_first(ch: str) -> tuple[str, ...] | None:
    """The pinyin readings of a Chinese character, longest first; None for any other character."""
    if not _CJK.match(ch):
        return None
    return tuple(sorted(_readings(ch), key=lambda r: (-len(r), r)))


def _pinyin_ends(zh: str, start: int, target: str) -> list[int]:
    """Every end of a stretch of ``zh`` from ``start`` whose pinyin spells ``target``."""
    if not target:
        return [start]
    readings = _longest_first(zh[start]) if start < len(zh) else None
    if readings is None:
        return []
    out: list[int] = []
    for reading in readings:
        if reading and target.startswith(reading):
            out += [e for e in _pinyin_ends(zh, start + 1, target[len(reading) :]) if e not in out]
    return out


# ---------------------------------------------------------------- the parts of an English name


@dataclass(frozen=True)
class _Part:
    kind: str  # "word", "number", "pinyin" or "sound"
    forms: tuple[str, ...] = ()  # how the Chinese writes a word or a number
    key: str = ""  # the romanised letters of a proper name
    head: bool = False  # a kind of unit, organization, campaign or place
    optional: bool = False  # the Chinese may leave it out
    modifier: bool = False  # may be cut to its first character in an abbreviated name
    compass: bool = False
    words: int = 1  # how many English words a proper name has


@dataclass(frozen=True)
class _Name:
    parts: tuple[_Part, ...]
    has_and: bool
    quoted: bool


def _phrases() -> dict[tuple[str, ...], _Part]:
    out: dict[tuple[str, ...], _Part] = {}
    for table, kw in ((lex.WORDS, {"modifier": True}), (lex.HEADS, {"head": True}),
                      (lex.COMPASS, {"compass": True}), (lex.OPTIONAL, {"optional": True})):
        for key, forms in table.items():
            out[tuple(key.replace("'s", " 's").split())] = _Part("word", forms, **kw)
    return out


_PHRASES = _phrases()
_LONGEST = max(len(k) for k in _PHRASES)
_KNOWN = frozenset(w for k in _PHRASES for w in k)


def _phrase_at(low: list[str], i: int) -> tuple[_Part, int] | None:
    """The longest known phrase at ``low[i:]``, and its length in words."""
    for k in range(min(_LONGEST, len(low) - i), 0, -1):
        part = _PHRASES.get(tuple(low[i : i + k]))
        if part is not None:
            return part, k
    return None


def _singular(word: str) -> str:
    if word in _KNOWN:
        return word
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in _KNOWN:
            return word[: -len(suffix)] + repl
    return word


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else lex.number_word(word)


def _number_forms(n: int) -> tuple[str, ...]:
    if n < 100:
        return (chinese_numeral(n), str(n)) + (("两",) if n == 2 else ())
    digits = str(n)
    return tuple(dict.fromkeys("".join(_DIGITS[int(d)] if d != "0" else z for d in digits) for z in _ZERO)) + (digits,)


def _tokens(name: str) -> list[str]:
    text = re.sub(r"(?<=\w)['’]s\b", " 's", name)
    text = re.sub(r"[\"“”‘’]", " ", text)
    out = []
    for tok in text.split():
        low = tok.lower()
        if "-" in tok and low not in _KNOWN and _number(low) is None:
            out += [t for t in tok.split("-") if t]
        else:
            out.append(tok)
    return out


@functools.lru_cache(maxsize=4096)
def _parse(name: str) -> _Name | None:
    """The parts of an English name, or None when a word is neither known nor a proper name."""
    tokens = _tokens(name)
    low = [_singular(t.lower()) for t in tokens]
    parts: list[_Part] = []
    has_and = False
    i = 0
    while i < len(tokens):
        found = _phrase_at(low, i)
        if found is not None:
            parts.append(found[0])
            i += found[1]
        else:
            tok = tokens[i]
            n = _number(tok.lower())
            numbered = _number(tokens[i + 1].lower()) if tok == "No." and i + 1 < len(tokens) else None
            if numbered is not None:  # "Shanghai No. 1 Machine Tool Plant": 上海第一机床厂, 一号, 1号
                forms = _number_forms(numbered)
                parts.append(_Part("number", tuple(f"第{f}" for f in forms) + tuple(f"{f}号" for f in forms)))
                i += 2
            elif n is not None:
                parts.append(_Part("number", _number_forms(n)))
                i += 1
            elif tok in lex.FUNCTION_WORDS or tok == "'s":
                has_and |= tok == "and"
                i += 1
            elif tok[:1].isupper() and tok.isascii() and tok.isalpha():
                j = i
                while (j < len(tokens) and tokens[j][:1].isupper() and tokens[j].isascii() and tokens[j].isalpha()
                       and _phrase_at(low, j) is None):
                    j += 1
                key = "".join(tokens[i:j]).lower()
                parts.append(_Part("pinyin" if is_pinyin(key) else "sound", key=key, words=j - i))
                i = j
            else:
                return None
    quoted = any(q in name for q in "\"“”")
    return _Name(tuple(parts), has_and, quoted)


# ---------------------------------------------------------------- sound


_EN_PAIRS = {"ch": "C", "sh": "X", "zh": "X", "kh": "K", "ph": "F", "th": "T", "ck": "K", "gh": "K"}
_EN_ONE = {"b": "P", "p": "P", "f": "F", "v": "F", "m": "M", "n": "N", "d": "T", "t": "T", "l": "L", "r": "L",
           "g": "K", "k": "K", "q": "K", "h": "K", "s": "S", "z": "S", "j": "J"}
_ZH_INITIALS = {"zh": "C", "ch": "C", "sh": "X", "b": "P", "p": "P", "f": "F", "m": "M", "d": "T", "t": "T",
                "n": "N", "l": "L", "r": "L", "g": "K", "k": "K", "h": "K", "j": "J", "q": "J", "x": "J",
                "z": "S", "c": "TS", "s": "S"}
_VOWELS = "aeiouy"
# Cost of reading one consonant sound as another (symmetric); the rest cost 1.
_NEAR = {frozenset(p): c for p, c in (("KJ", 0.3), ("SJ", 0.3), ("CJ", 0.2), ("XJ", 0.3), ("TJ", 0.5),
                                      ("CX", 0.3), ("SX", 0.3), ("SC", 0.4), ("FP", 0.6), ("NM", 0.6),
                                      ("VF", 0.5))}


def _end_cost(english: str, chinese: str) -> float:
    """Cost of how a name ends: in a vowel (a, e, i, o, u), a nasal (n) or another consonant (c, with
    Chinese er). A final consonant may get a short vowel in Chinese (Ivanov 伊万诺夫, Minsk 明斯克);
    a vowel or a nasal keeps its kind (Ivanova 伊万诺娃, Karlino 卡尔林诺 but Karlin 卡尔林)."""
    if english == chinese:
        return 0.0
    if english == "c":
        return 0.0 if chinese in "uienc" else 0.5
    if english == "n":
        return 1.0
    return 1.0 if chinese == "n" else 0.5


def _en_end(word: str) -> str:
    w = word.lower()
    if w[-1:] in _VOWELS:
        return "i" if w[-1] == "y" else w[-1]
    return "n" if w[-1:] in "mn" else "c"


@functools.lru_cache(maxsize=4096)
def _en_sounds(word: str) -> str:
    """The consonant skeleton of a romanised foreign name: "Kuznetsova" -> KSNTSF; V marks a leading vowel."""
    w = re.sub(r"(.)\1", r"\1", word.lower())
    out = "V" if w[:1] in _VOWELS else ""
    i = 0
    while i < len(w):
        if w.startswith("tch", i):
            out += "TC"
            i += 3
        elif w[i : i + 2] in _EN_PAIRS:
            out += _EN_PAIRS[w[i : i + 2]]
            i += 2
        else:
            c, nxt = w[i], w[i + 1 : i + 2]
            if c == "w":
                out += "F" if nxt and nxt in _VOWELS else ""
            elif c == "x":
                out += "KS"
            elif c == "c":
                out += "S" if nxt and nxt in "eiy" else "K"
            elif c not in _VOWELS:
                out += _EN_ONE.get(c, "")
            i += 1
    return out


def _syllable_sounds(syllables: tuple[str, ...]) -> str:
    """The consonant skeleton of pinyin syllables and how they end: ku zi nie zuo wa -> KSNSFa."""
    out = ""
    nasal = False  # the last syllable ended in n or ng
    for k, syl in enumerate(syllables):
        if syl == "er":
            out += "L"
            nasal = False
            continue
        ini = next((i for i in ("zh", "ch", "sh") if syl.startswith(i)), syl[:1] if syl[:1] not in _VOWELS else "")
        fin = syl[len(ini) :]
        if ini in ("", "y") or (ini == "w" and fin == "u"):
            sound = "V" if k == 0 else ""
        elif ini == "w":
            sound = "F"
        else:
            sound = _ZH_INITIALS.get(ini, "")
        if not (nasal and sound == "N"):
            out += sound
        nasal = fin.endswith(("n", "ng"))
        if nasal:
            out += "N"
    if not syllables or syllables[-1] == "er":
        return out + "c"
    if nasal:
        return out + "n"
    last = syllables[-1].lstrip("bpmfdtnlgkhjqxzcsryw")
    if len(last) > 1 and last[0] in "iuv":
        last = last[1:]  # the glide of ia, uo, ie
    return out + (last[:1] if last[:1] in "aeiou" else "c")


@functools.lru_cache(maxsize=4096)
def _zh_sounds(text: str) -> tuple[str, ...]:
    """The consonant skeletons of Chinese characters, one for each way of reading them (at most 16)."""
    readings: list[tuple[str, ...]] = [(),]
    for ch in text:
        if _CJK.match(ch):
            readings = [r + (s,) for r in readings for s in sorted(_readings(ch))][:16]
    return tuple(dict.fromkeys(_syllable_sounds(r) for r in readings))


_NEAR_PAIRS = {(x, y): c for pair, c in _NEAR.items() for x in pair for y in pair if x != y}


def _sound_cost(a: str, b: str) -> float:
    """Weighted edit distance between two skeletons (``a`` English, ``b`` Chinese)."""
    def cheap(s: str, k: int) -> bool:  # a nasal, or the t of ts, the other language may do without
        return s[k] == "N" or (s[k] == "T" and s[k + 1 : k + 2] == "S")

    insert_b = [0.5 if cheap(b, j) else 1.0 for j in range(len(b))]
    prev = [0.0]
    for insert in insert_b:
        prev.append(prev[-1] + insert)
    for i, x in enumerate(a):
        # a final stop the Chinese may leave out, the t of ts
        drop_a = 0.5 if (i == len(a) - 1 and x in "TKS") or cheap(a, i) and x == "T" else 1.0
        cur = [prev[0] + drop_a]
        for j, y in enumerate(b):
            sub = 0.0 if x == y else _NEAR_PAIRS.get((x, y), 1.0)
            cur.append(min(prev[j] + sub, prev[j + 1] + drop_a, cur[j] + insert_b[j]))
        prev = cur
    return prev[-1]


@functools.lru_cache(maxsize=65536)
def _sound_similarity(english: str, chinese: str) -> float:
    """How alike a romanised name and Chinese characters sound, 0 to 1, by their best reading."""
    a, a_end = _en_sounds(english), _en_end(english)
    if len(a) < 3:
        return 0.0
    best = 0.0
    for b in _zh_sounds(chinese):
        b, b_end = b[:-1], b[-1]
        if b and (a[0] == b[0] or _NEAR.get(frozenset((a[0], b[0])), 1.0) <= 0.5):
            cost = _sound_cost(a, b) + _end_cost(a_end, b_end)
            best = max(best, 1 - cost / max(len(a), len(b)))
    return best


# ---------------------------------------------------------------- finding the parts in the original

_Ends = list[tuple[int, float, int]]  # (end, cost in sound, extra characters used) of each way a part stands


# pinyin reading -> the characters that can be read so, of every text looked at so far (see _Original.chars)
_READ_AS: dict[str, set[str]] = defaultdict(set)
_INDEXED: set[str] = set()  # the characters in _READ_AS


class _Original:
    """One original's text with the indexes every name looked up in it reads: built once per text."""

    def __init__(self, zh: str) -> None:
        self.zh = zh
        self._ends: dict[tuple[_Part, bool], dict[int, _Ends]] = {}
        self._positions: dict[str, list[int]] = {}

    def positions(self, ch: str) -> list[int]:
        """Where the character ``ch`` stands, in order."""
        out = self._positions.get(ch)
        if out is None:
            out = []
            pos = self.zh.find(ch)
            while pos >= 0:
                out.append(pos)
                pos = self.zh.find(ch, pos + 1)
            self._positions[ch] = out
        return out

    @functools.cached_property
    def chars(self) -> frozenset[str]:
        """The characters of the text, each of them in _READ_AS."""
        chars = frozenset(self.zh)
        for ch in chars - _INDEXED:
            for reading in _longest_first(ch) or ():
                if reading:
                    _READ_AS[reading].add(ch)
            _INDEXED.add(ch)  # once its readings are in: no other thread takes it for read before
        return chars

    def read_as(self, reading: str) -> set[str]:
        """The characters of the text that can be read as ``reading``."""
        return _READ_AS.get(reading, set()) & self.chars

    @functools.cached_property
    def runs(self) -> dict[str, list[tuple[int, int]]]:
        """Runs of the characters that write foreign names by sound, (start, end), by the first consonant
        one of their readings starts with (:func:`_zh_sounds`)."""
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for m in re.finditer(f"[{''.join(sorted(lex.TRANSLITERATION))}]{{2,14}}", self.zh):
            spans = [m.span()]
            if "·" in m.group():  # 瓦莲京娜·加加诺娃: the full name, and each of its names alone
                at = m.start()
                for piece in m.group().split("·"):
                    if len(piece) >= 2:
                        spans.append((at, at + len(piece)))
                    at += len(piece) + 1
                # and without a character or two of the word before it (英雄玛丽亚·彼得罗娃, "hero Maria Petrova")
                first = m.group().index("·")
                spans += [(m.start() + k, m.end()) for k in (1, 2) if first - k >= 2]
                spans += [(m.start() + k, m.start() + first) for k in (1, 2) if first - k >= 2]
            for span in spans:
                for first in {b[0] for b in _zh_sounds(self.zh[span[0]:span[1]]) if len(b) > 1}:
                    out[first].append(span)
        return out

    def ends(self, part: _Part, abbreviate: bool) -> dict[int, _Ends]:
        """Position -> (end, cost in sound, extra characters used) of each way ``part`` can stand there, for
        the positions where it can; ``abbreviate``: a modifier may be cut to its first character."""
        table = self._ends.get((part, abbreviate))
        if table is None:
            table = self._ends[part, abbreviate] = self._find(part, abbreviate)
        return table

    def _find(self, part: _Part, abbreviate: bool) -> dict[int, _Ends]:
        """What :meth:`ends` gives, found: forms by their occurrences, pinyin from the characters read as its
        start, sounds in the runs whose first consonant is near enough to compare."""
        zh = self.zh
        out: dict[int, _Ends] = defaultdict(list)
        if part.kind in ("word", "number"):
            for form in part.forms:
                pos = zh.find(form)
                while pos >= 0:
                    out[pos].append((pos + len(form), 0.0, 0))
                    pos = zh.find(form, pos + 1)
            if abbreviate and part.modifier:
                for pos in sorted({p for f in part.forms if len(f) > 1 for p in self.positions(f[0])}):
                    out[pos].append((pos + 1, 0.0, 1))
        elif part.kind == "pinyin":
            key = part.key
            for k in range(1, len(key) + 1):  # where a character reads as the start of the key
                for ch in self.read_as(key[:k]):
                    for pos in self.positions(ch):
                        if pos not in out:
                            found = [end for end in _pinyin_ends(zh, pos, key) if end - pos >= 2]
                            out[pos] = [(end, 0.0, 0) for end in found]
        elif len(sounds := _en_sounds(part.key)) >= 3:  # a shorter skeleton sounds like nothing
            for first, runs in self.runs.items():
                if first != sounds[0] and _NEAR_PAIRS.get((sounds[0], first), 1.0) > 0.5:
                    continue  # _sound_similarity compares none of their readings
                for pos, end in runs:
                    if pos not in out:
                        sim = _sound_similarity(part.key, zh[pos:end])
                        out[pos] = [(end, 1 - sim, 0)] if sim >= _MIN_SOUND else []
        return {pos: found for pos, found in out.items() if found}


@functools.lru_cache(maxsize=4)
def _original(zh: str) -> _Original:
    return _Original(zh)


def _starts(original: _Original, name: _Name, ends: list[dict[int, _Ends]]) -> list[int]:
    """Where a stretch spelling ``name`` may start: where one of its parts stands, or, when the name is
    quoted, at an opening quotation mark. Not where only the head stands when the name has one head and
    other parts to write: the head ends the stretch."""
    heads = [i for i, p in enumerate(name.parts) if p.head]
    required = sum(not p.optional for p in name.parts)
    out: set[int] = set()
    for i, table in enumerate(ends):
        if heads != [i] or required == (not name.parts[i].optional):
            out.update(table)
    if name.quoted:
        for q in _OPEN_QUOTES:
            out.update(original.positions(q))
    return sorted(out)


def _spans(zh: str, name: _Name, starts: list[int], ends: list[dict[int, _Ends]]
           ) -> Iterator[tuple[int, int, float, int, int]]:
    """(start, end, cost in sound, parts written, extra characters) of each stretch from one of ``starts``
    that spells every part of ``name`` (extra: fillers and abbreviations); ``ends[i]`` is where part i
    can stand."""
    parts = name.parts
    count = len(parts)
    optional = [p.optional for p in parts]
    required = count - sum(optional)
    headed = any(p.head for p in parts)
    max_depth = 3 * count + 2
    quotes = _OPEN_QUOTES + _CLOSE_QUOTES if name.quoted else ""
    found: list[tuple[int, float, int, int]] = []

    # used: the parts written so far, as bits; written: how many; written_required: how many not optional
    def walk(pos: int, used: int, written: int, written_required: int, cost: float, extra: int,
             last: _Part | None, depth: int) -> None:
        # a Chinese name ends with its head: 技术革新运动, never 运动技术革新
        if last is not None and written_required == required and (last.head or not headed):
            end = pos
            if quotes and end < len(zh) and zh[end] in _CLOSE_QUOTES:
                end += 1
            found.append((end, cost, written, extra))
        if depth > max_depth or pos >= len(zh):
            return
        for i in range(count):
            if not used >> i & 1:
                for end, c, x in ends[i].get(pos, ()):
                    walk(end, used | 1 << i, written + 1, written_required + (not optional[i]), cost + c, extra + x,
                         parts[i], depth + 1)
        if quotes and zh[pos] in quotes:
            walk(pos + 1, used, written, written_required, cost, extra, last, depth + 1)
        if last is None:
            return
        fillers: tuple[str, ...] = ()
        if name.has_and:
            fillers += lex.AND_FILLERS
        if last.kind == "number":
            fillers += lex.MEASURE_WORDS
        if last.compass:
            fillers += lex.AREA_FILLERS
        for f in fillers:
            if zh.startswith(f, pos):
                after = pos + len(f)
                for i in range(count):  # a filler stands between two parts
                    if not used >> i & 1:
                        for end, c, x in ends[i].get(after, ()):
                            walk(end, used | 1 << i, written + 1, written_required + (not optional[i]), cost + c,
                                 extra + x + 1, parts[i], depth + 2)

    for start in starts:
        walk(start, 0, 0, 0, 0.0, 0, None, 0)
        for span in found:
            yield (start, *span)
        found.clear()


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch in _OPEN_QUOTES) - (ch in _CLOSE_QUOTES)
        if depth < 0:
            return False
    return depth == 0


@dataclass
class _Candidate:
    cost: float  # how far it sounds from the English (0 when spelled exactly)
    written: int  # how many parts of the English it writes
    extra: int  # fillers and abbreviations
    starts: list[int]


@functools.lru_cache(maxsize=8)
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the paragraphs of an article's text, leaving out title lines before the first."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if line and (out or re.search(r"[。！？]|[.!?][\"”’)]?(\s|$)", line)):
            out.append((m.start() + len(m.group()) - len(m.group().lstrip()), m.end()))
    return tuple(out)


def place_in_text(text: str, offset: int) -> float:
    """Where ``offset`` stands in an article's text, 0 to 1, counted in paragraphs (title lines are 0).

    An English translation and its Chinese original mostly keep the same
    paragraphs, so a name and its Chinese form stand at about the same place.
    """
    paras = _paragraphs(text)
    if not paras:
        return offset / max(len(text), 1)
    k = bisect.bisect_right(paras, offset, key=lambda p: p[1])
    if k == len(paras):
        return 1.0
    start, end = paras[k]
    return (k + max(0, offset - start) / max(end - start, 1)) / len(paras)


def _choose(zh: str, candidates: dict[str, _Candidate], at: float | None, by_sound: bool) -> str | None:
    """The one candidate to trust, or None.

    In turn: closest in sound, writing the most parts of the English; forms
    that then differ only in fillers (西北纺织厂, 西北地区纺织厂) are variants
    of one name, and which one stands for the entity is unsure. Several
    candidates left, or a name read by sound, must stand near the English
    (``at``), and the nearest one wins.
    """
    left = candidates
    for key, margin in ((lambda c: c.cost, _MARGIN), (lambda c: -c.written, 0.5)):
        if not left:
            return None
        best = min(key(c) for c in left.values())
        left = {s: c for s, c in left.items() if key(c) < best + margin}
    if len({c.extra for c in left.values()}) > 1:
        return None
    if at is not None and (len(left) > 1 or by_sound):
        distance = {s: min(abs(place_in_text(zh, p) - at) for p in c.starts) for s, c in left.items()}
        near = sorted((d, s) for s, d in distance.items() if d <= _WINDOW)
        if not near or (len(near) > 1 and near[1][0] < near[0][0] + _NEAR_PLACE):
            return None
        return near[0][1]
    return next(iter(left)) if len(left) == 1 else None


def _longest(candidates: dict[str, _Candidate]) -> dict[str, _Candidate]:
    """The candidates less those that another one, standing at the same places, carries on: of a head
    written in full or cut short (委员会, 委), the stretch reads the whole of it."""
    return {s: c for s, c in candidates.items()
            if not any(o != s and o.startswith(s) and d.starts == c.starts for o, d in candidates.items())}


def _candidates(zh: str, name: _Name) -> dict[str, _Candidate]:
    candidates: dict[str, _Candidate] = {}
    compass = any(p.compass for p in name.parts)
    original = _original(zh)
    abbreviate = sum(not p.optional for p in name.parts) >= 3  # a modifier may be cut to its first character
    one_word = all(p.words == 1 for p in name.parts if p.kind == "sound")  # never a given name and a family name
    ends = [original.ends(part, abbreviate) for part in name.parts]
    for start, end, cost, written, extra in _spans(zh, name, _starts(original, name, ends), ends):
        text = zh[start:end]
        if end - start < 2 or not _balanced(text) or (one_word and "·" in text):
            continue
        if compass and start > 0 and zh[start - 1] in _COMPASS_CHARS and text[0] in _COMPASS_CHARS:
            continue  # 北局 in 西北局: the original's compass point is longer than the English one

        c = candidates.get(text)
        if c is None:
            c = candidates[text] = _Candidate(cost, written, extra, [])
        c.cost, c.written, c.extra = min(c.cost, cost), max(c.written, written), min(c.extra, extra)
        if not c.starts or c.starts[-1] != start:  # the starts come in order
            c.starts.append(start)
    return _longest(candidates)


@functools.lru_cache(maxsize=4096)
def _search_plan(name: str) -> tuple[_Name, _Name | None] | None:
    """The parts of ``name`` to look for, and the same read by sound for when they are not found (None when
    no part is a one-word pinyin name); None when the name gets no Chinese form."""
    parsed = _parse(name)
    if parsed is None or not parsed.parts:
        return None
    required = [p for p in parsed.parts if not p.optional]
    if not required or all(p.kind == "number" for p in required) or (len(required) == 1 and required[0].head):
        return None
    by_sound = None
    if any(p.kind == "pinyin" and p.words == 1 for p in parsed.parts):
        # a foreign name that happens to spell pinyin ("Kalinin" ka-li-nin is 加里宁): read it by sound
        by_sound = replace(parsed, parts=tuple(replace(p, kind="sound") if p.kind == "pinyin" and p.words == 1 else p
                                               for p in parsed.parts))
    return parsed, by_sound


def _general(name: str, zh: str, at: float | None) -> str | None:
    plan = _search_plan(name)
    if plan is None:
        return None
    parsed, by_sound = plan
    candidates = _candidates(zh, parsed)
    if not candidates and by_sound is not None:
        parsed = by_sound
        candidates = _candidates(zh, parsed)
    return _choose(zh, candidates, at, any(p.kind == "sound" for p in parsed.parts))


_NUMBERED_UNIT = re.compile(r"^No\. (\d{1,2}) (\w+)$")
_NUMBERED_TEAM = re.compile(r"^(\d{3,4}) .*\b(team|brigade|group)$")


_ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth").split()
_ORDINAL_UNIT = re.compile(rf"^({'|'.join(_ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th)) (\w+)$", re.IGNORECASE)


def _numbered(name: str, zh: str) -> tuple[bool, str | None]:
    """(whether the name is a numbered unit, its Chinese form)."""
    m = _NUMBERED_UNIT.match(name)
    if m:
        n, head = int(m.group(1)), m.group(2).lower()
        for num in (chinese_numeral(n), m.group(1)):
            for shape in lex.HEADS.get(head, ()):
                for form in (f"第{num}{shape}", f"{num}号{shape}", f"{num}{shape}"):
                    if form in zh:
                        return True, form
        return True, None
    m = _ORDINAL_UNIT.match(name)
    if m:  # "seventh well": 七井, 第七井
        word = m.group(1).lower()
        n = _ORDINAL_WORDS.index(word) + 1 if word in _ORDINAL_WORDS else int(re.sub(r"\D", "", word))
        for shape in lex.HEADS.get(m.group(2).lower(), ()):
            for form in (f"第{chinese_numeral(n)}{shape}", f"{chinese_numeral(n)}{shape}", f"{n}{shape}"):
                if form in zh:
                    return True, form
        return True, None
    m = _NUMBERED_TEAM.match(name)
    if m:
        for zero in _ZERO:
            digits = "".join(_DIGITS[int(d)] if d != "0" else zero for d in m.group(1))
            for shape in _TEAM_SHAPES:
                if digits + shape in zh:
                    return True, digits + shape
        return True, None
    return name.startswith("No."), None


_QUOTED = re.compile(r"[“「『]([^“”「」『』\n]{2,40})[”」』]")


def quoted_chinese(name: str, zh: str, at: float | None = None) -> str | None:
    """The Chinese of a phrase the English quotes (a slogan: "learning from 305, catching up with 305"), or
    None when unsure.

    Slogans are translated, not spelt, so the phrase is not looked for part by part: of the stretches
    the original quotes (near ``at``, when given), the one that writes every number of the English
    (of two digits or more) and the most of its known words wins, quotation marks left out; a phrase
    with no such number and fewer than two known words, or a tie between different stretches, gets
    none.
    """
    tokens = _tokens(name)
    low = [_singular(t.lower()) for t in tokens]
    numbers: list[tuple[str, ...]] = []
    words: list[tuple[str, ...]] = []
    i = 0
    while i < len(tokens):
        found = _phrase_at(low, i)
        if found is not None:
            words.append(found[0].forms)
            i += found[1]
            continue
        n = _number(low[i])
        if n is not None and n >= 10:  # a one-digit number is in any text
            numbers.append(_number_forms(n))
        i += 1
    if not numbers and len(words) < 2:
        return None
    scores: dict[str, int] = {}
    for m in _QUOTED.finditer(zh):
        if at is not None and abs(place_in_text(zh, m.start()) - at) > _WINDOW:
            continue
        text = m.group(1)
        if not all(any(f in text for f in forms) for forms in numbers):
            continue
        score = sum(any(f in text for f in forms) for forms in words)
        if numbers or score >= 2:
            scores[text] = max(score, scores.get(text, 0))
    if not scores:
        return None
    best = max(scores.values())
    top = [text for text, score in scores.items() if score == best]
    return top[0] if len(top) == 1 else None


def chinese_name(name: str, zh: str, at: float | None = None) -> str | None:
    """The Chinese form of the English ``name`` in the original ``zh``, or None when unsure.

    ``at`` is where the name stands in the English text (0 to 1); when given,
    only a form the original has near the same place counts. Unsure includes:
    no stretch spells the name, or two different ones do equally well.
    """
    if not zh or not name:
        return None
    numbered, form = _numbered(name, zh)
    if numbered:
        return form
    found = _general(name, zh, at)
    if found is None and " in " in name:
        # "steel plants in North China": Chinese puts the place first (华北地区钢厂)
        unit, place = name.rsplit(" in ", 1)
        place = re.sub(r"^the ", "", place, flags=re.IGNORECASE)
        if place[:1].isupper():
            found = _general(f"{place} {unit}", zh, at)
    return found

"""The Chinese pipeline: ``spacy.blank("zh")`` with the jieba segmenter, and a first component
that finds unit names by their shape and makes each one token.

spaCy has no Chinese model on PyPI, so there is no tagger or parser: the component gives each
token jieba's dictionary tag (``ns`` place, ``nr`` person, ``v`` verb, ..., ``X`` for a word jieba
found by itself) and sets ``doc.ents`` to the names it finds, by shape, never from a list of names:

* numbered parts: 四井, 十二号井, 六二○采煤队 (``ENTERPRISE``);
* a name stem and a head: 红岭煤矿, 松林立井, 东山机械厂, 西南钢铁公司, 双庙人民公社 (communes, brigades
  and collective farms take a common word for a name; so may any unit the article names twice,
  峰峰煤矿) (``ENTERPRISE``); 矿党委,
  西北煤业管理局, “互助区竞赛”委员会 (``ORGANIZATION``); 河北省, 唐山市 (``PLACE``); 技术革新运动,
  “互助区竞赛” and the quoted “比先进，超先进”的高潮 (``CAMPAIGN``);
* described groups of units (``ENTERPRISE``, ``group``): a scope and 各 or a modifier (全国主要水泥厂,
  全省各工厂), a count and a modifier (二十个国营和地方国营工厂), and the plants of listed places
  (甲、乙等地的水泥厂: one unit in each place, ``spread``);
* places jieba's dictionary knows (黑龙江, 重庆), persons after a title (书记施国良, 记者刘诗临);
* the bare names of a list that ends in a name with a head (撒马尔罕、基洛夫和“红星”纺织厂) take its type.

jieba alone cuts 杨林立井 into 杨 / 林立 / 井: the stem is found over jieba's words, the head by
its characters. Datelines (据新华社长春12日电, 本报讯) are not content and hold no names.

jieba writes a cache of its dictionary under the temporary folder when it first loads; kg builds
the dictionary in memory instead, so that a build writes nothing outside its output folder.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import get_words_and_spaces

__all__ = ["SENTENCE_END", "ZhName", "dateline_spans", "find_names", "load_zh_nlp", "pinyin_words"]

log = logging.getLogger(__name__)

SENTENCE_END = "。！？!?"
_PUNCT = set("，。、；：！？!?,;:（）()《》〈〉【】[]—…·「」『』\"'“”‘’　 \t\r\n")
_OPEN_QUOTES, _CLOSE_QUOTES = "“「『\"", "”」』\""
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# --------------------------------------------------------------------------- shapes

# Heads, longest first within each type: (Chinese, English). The English follows the shape words of
# kg.extract.chinese, so that chinese_name(english label) finds the Chinese name again.
ENTERPRISE_HEADS: tuple[tuple[str, str], ...] = (
    ("钢铁公司", "Iron and Steel Company"), ("联合企业", "Joint Enterprise"), ("托辣斯", "Trust"),
    ("托拉斯", "Trust"), ("钢铁厂", "Steel Plant"), ("发电厂", "Power Plant"), ("纺织厂", "Textile Factory"),
    ("棉纺厂", "Cotton Mill"), ("煤矿", "Coal Mine"), ("立井", "Vertical Shaft"), ("竖井", "Vertical Shaft"),
    ("斜井", "Inclined Shaft"), ("钢厂", "Steel Plant"), ("电厂", "Power Plant"), ("纱厂", "Cotton Mill"),
    ("集体农庄", "Collective Farm"), ("人民公社", "People's Commune"), ("生产大队", "Production Brigade"),
    ("机务段", "Locomotive Depot"), ("生产队", "Production Team"), ("合作社", "Cooperative"),
    ("工厂", "Factory"), ("公司", "Company"), ("农场", "Farm"), ("车间", "Workshop"), ("公社", "Commune"),
    ("矿", "Mine"), ("厂", "Factory"),
)
ORGANIZATION_HEADS: tuple[tuple[str, str], ...] = (
    ("党总支", "Party General Branch"), ("党支部", "Party Branch"), ("委员会", "Committee"),
    ("管理局", "Administration Bureau"), ("矿务局", "Mining Bureau"), ("党委", "Party Committee"),
    ("总支", "General Branch"), ("支部", "Branch"), ("市委", "Municipal Party Committee"),
    ("省委", "Provincial Party Committee"), ("县委", "County Party Committee"), ("地委", "Prefectural Party Committee"),
    ("工会", "Trade Union"), ("局", "Bureau"), ("科", "Section"),
)
PLACE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("自治区", "Autonomous Region"), ("地区", "Region"), ("省", "Province"), ("市", "City"), ("县", "County"),
    ("州", "Region"), ("区", "Region"),
)
CAMPAIGN_HEADS: tuple[tuple[str, str], ...] = (
    ("竞赛运动", "Competition Movement"), ("竞赛", "Competition"), ("运动", "Movement"))
# Numbered parts: 四井 is "No. 4 Mine" (kg.extract.chinese reads it back the same way).
NUMBERED_HEADS: tuple[tuple[str, str], ...] = (("井", "Mine"), ("矿", "Mine"), ("坑", "Pit"))
TEAM_HEADS: tuple[tuple[str, str], ...] = (
    ("采煤队", "coal mining team"), ("掘进队", "tunneling team"), ("回采队", "coal mining team"),
    ("运输队", "transport team"), ("开拓队", "development team"), ("工作队", "work team"), ("队", "team"),
    ("班", "shift team"), ("组", "group"),
)
# Heads of units that take a common word for a name (双庙人民公社, 东风生产队, 曙光集体农庄).
_WORD_NAMED_HEADS = frozenset("人民公社 公社 生产大队 生产队 集体农庄 合作社".split())
# Parts of a unit's own organisation: 矿党委 is the mine's Party committee.
OWN_UNIT_CHARS = frozenset("矿厂井")

_ZH_DIGITS = "○〇零一二三四五六七八九"
_DIGIT_RUN = re.compile(r"([○〇零一二三四五六七八九]{3,}|[0-9]+)")
_NUM_CHARS = _ZH_DIGITS + "十两"
_NUMBERED = re.compile(
    rf"(?<![{_NUM_CHARS}0-9第几个名位])(十[一二三四五六七八九]?|[一二三四五六七八九]十?[一二三四五六七八九]?|[1-9][0-9]?)"
    rf"(号)?(井|矿|坑)(?![口下上里内外架筒区长务工])"
)
_TEAM = re.compile(rf"(?<![{_NUM_CHARS}0-9])([{_ZH_DIGITS}]{{3,4}}|[0-9]{{3,4}})"
                   rf"({'|'.join(h for h, _ in TEAM_HEADS)})")

# Words that end a name stem going backwards: function words and words that never start a name.
_STOP_WORDS = frozenset(
    """的 之 在 和 与 及 同 跟 把 被 对 向 给 从 由 为 是 也 还 都 就 又 已 各 全 本 该 这 那 此 每 其 等 如 即 并 而
    以 于 到 将 使 让 叫 有 无 个 家 座 所 位 名 了 着 过 并且 以及 或 或者 这个 那个 这家 那家 这些 那些 一些 许多 其他
    其它 另 另外 别的 全体 所有 一切 有的 我们 他们 它们 你们 各地 全国 全区 全省 全市 全矿 全厂 邻近 兄弟 先进 落后 后进
    主要 重点 国营 地方 地方国营 大型 小型 新 老 原 前 后""".split()
)
_STOP_TAGS = frozenset("p c u uj ul uz ud ug uv r m mq q f t y e o zg".split())
_VERB_TAGS = frozenset("v vd vi vq".split())
_PROPER_TAGS = frozenset("ns nr nrt nrfg nz nt j X".split())
_PLACE_TAGS = frozenset({"ns"})
# Industry words that belong to a name although jieba calls some of them verbs (采煤, 纺织).
_INDUSTRY = frozenset(
    """采煤 煤业 电业 纺织 棉纺织 棉纺 钢铁 机械 化工 机器 电机 造船 炼钢 炼铁 有色 冶金 建筑 水泥 玻璃 橡胶 造纸 印刷
    毛纺 毛纺织 细绒 针织 丝织 制糖 卷烟 面粉 农具 机床 工具 电炉 纺织机械 第一 第二 第三""".split()
)
# Common words jieba's dictionary marks as places, and words that name no unit.
_NOT_PLACES = frozenset("城市 井口 加多 地方 当地 农村 山区 边疆 内地 沿海 各地 全国 国内 国外 外地 本地 矿区 厂区".split())
_GENERIC = frozenset("厂矿 工厂 矿井 矿山 企业 单位 车间 小组 队组 集体 部门 全矿 全厂 各厂 各矿 本厂 本矿 该厂 该矿".split())

# Titles that stand before a person's name, and the common surnames that start one.
_TITLES = tuple(sorted(
    """书记 副书记 党委书记 总支书记 支部书记 党支部书记 矿长 副矿长 厂长 副厂长 局长 副局长 主任 副主任 经理 副经理 队长
    副队长 组长 班长 段长 工长 工程师 技术员 工人 老工人 女工 记者 党员 共产党员 劳动模范 模范 劳模 代表 委员 部长 主席
    副主席 首长 同志 司机 炉长 矿工 采煤工 掘进工""".split(), key=len, reverse=True))
_SURNAMES = frozenset(
    """王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋
    蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷
    侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂
    章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁
    冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚
    娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 隋 商 刁 沙 荣 巫 寇
    桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 封 蔺 欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容""".split()
)
_DATELINE = re.compile(
    r"^[ \t　]*(?:【[^】\n]{0,40}】|〔[^〕\n]{0,40}〕|（[^）\n]{0,20}(?:电|讯)）"
    r"|据?新华社[^\s　，。]{0,16}?电|本报[^\s　，。]{0,10}?讯|新华社[^\s　，。]{0,16}?讯)",
    re.MULTILINE,
)


@dataclass
class ZhName:
    """A name found by shape: offsets in the text, its type, stem and head, and its English label."""

    start: int
    end: int
    label: str  # ENTERPRISE, ORGANIZATION, PLACE, PERSON, CAMPAIGN
    name: str  # the Chinese name (quotes around a whole campaign name left out)
    stem: str
    head: str
    english: str
    numbered: bool = False
    own: bool = False  # 矿党委: the organisation of the unit the article is about
    group: bool = False  # 全国主要水泥厂, 二十个国营工厂: a described group of units, not one named unit
    spread: tuple[int, ...] = ()  # 甲、乙等地的水泥厂: the starts of the places, one unit in each
    single: str = ""  # the English of one unit of a spread group: "electric furnace steel plant"
    role: str | None = None
    words: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    tag: str


# --------------------------------------------------------------------------- jieba


_TAGS: dict[str, str] | None = None


def _init_jieba() -> None:
    """jieba's dictionary, built in memory: no cache file in the temporary folder."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    dt = jieba.dt
    with dt.lock:
        if not dt.initialized:
            dt.FREQ, dt.total = dt.gen_pfdict(dt.get_dict_file())
            dt.initialized = True


def _tags() -> dict[str, str]:
    """jieba's dictionary tag of each word."""
    global _TAGS
    if _TAGS is None:
        import jieba

        _init_jieba()
        tags: dict[str, str] = {}
        with jieba.dt.get_dict_file() as f:
            for raw in f:
                parts = raw.decode("utf-8").strip().split(" ")
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
        _TAGS = tags
    return _TAGS


def _segment(text: str) -> list[_Tok]:
    import jieba

    _init_jieba()
    tags = _tags()
    out, pos = [], 0
    for w in jieba.cut(text, cut_all=False):
        if not w:
            continue
        out.append(_Tok(w, pos, pos + len(w), tags.get(w, "X")))
        pos += len(w)
    return out


# --------------------------------------------------------------------------- pinyin


def pinyin_words(text: str, tokens: list[tuple[str, str]] | None = None) -> list[str]:
    """The capitalised pinyin words of a name stem.

    A run of proper words (places, persons, words jieba found itself) is one word, so that a
    transliterated name cut into pieces stays whole; other dictionary words are a word each.
    """
    from pypinyin import Style, lazy_pinyin

    if tokens is None:
        tokens = []
        for piece in _DIGIT_RUN.split(text):
            if _DIGIT_RUN.fullmatch(piece):
                tokens.append((piece, "m"))
            elif piece:
                tokens.extend((t.text, t.tag) for t in _segment(piece))
    words: list[str] = []
    run = ""
    split: list[tuple[str, str]] = []
    for text_, tag in tokens:  # 学六二○: a number written digit by digit is its digits
        for part in _DIGIT_RUN.split(text_):
            if part:
                split.append((part, "m" if _DIGIT_RUN.fullmatch(part) else tag))
    for text_, tag in split:
        if tag == "m" and _DIGIT_RUN.fullmatch(text_):
            if run:
                words.append(run)
                run = ""
            words.append(text_)
            continue
        if tag in _PROPER_TAGS or (len(text_) == 1 and _CJK.match(text_)):
            run += text_
            continue
        if run:
            words.append(run)
            run = ""
        words.append(text_)
    if run:
        words.append(run)
    out = []
    for w in words:
        if _DIGIT_RUN.fullmatch(w):
            out.append(_digits(w))
            continue
        syl = "".join(lazy_pinyin(w, style=Style.NORMAL, errors=lambda s: s))
        syl = syl.replace("○", "ling").replace("〇", "ling")
        syl = re.sub(r"[\"“”‘’「」『』]", "", syl)
        if syl:
            out.append(syl[:1].upper() + syl[1:])
    return out


def _person_english(name: str) -> str:
    from pypinyin import Style, lazy_pinyin

    sur = name[:2] if name[:2] in _SURNAMES else name[:1]
    if sur in _SURNAMES and 2 <= len(name) <= 4:
        given = "".join(lazy_pinyin(name[len(sur):], style=Style.NORMAL))
        family = "".join(lazy_pinyin(sur, style=Style.NORMAL))
        return f"{family.capitalize()} {given.capitalize()}".strip()
    return "".join(lazy_pinyin(name, style=Style.NORMAL)).capitalize()


def _digits(text: str) -> str:
    return "".join(str(_ZH_DIGITS.index(c) - 2 if _ZH_DIGITS.index(c) > 2 else 0) if c in _ZH_DIGITS else c
                   for c in text)


def _small_number(text: str) -> int | None:
    """四 -> 4, 十二 -> 12, 二十 -> 20, 12 -> 12."""
    if text.isdigit():
        return int(text)
    d = {c: i for i, c in enumerate("一二三四五六七八九", 1)}
    if "十" not in text:
        return d.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (d.get(tens, 0) if tens else 1) * 10 + (d.get(ones, 0) if ones else 0)


# --------------------------------------------------------------------------- finding names


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """The datelines of a body (据新华社长春12日电, 本报讯, 【新华社武汉三十日电】): not content."""
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text)]


def _is_punct(t: _Tok) -> bool:
    return all(c in _PUNCT or c.isspace() for c in t.text)


def _is_proper(t: _Tok) -> bool:
    return t.tag in _PROPER_TAGS or t.text.startswith(tuple(_OPEN_QUOTES))


def _is_place_token(t: _Tok) -> bool:
    if t.text in _NOT_PLACES or len(t.text) < 2:
        return False
    if t.tag in _PLACE_TAGS:
        return True
    return t.tag == "X" and t.text.endswith(tuple(s for s, _ in PLACE_SUFFIXES)) and len(t.text) >= 3


class _Finder:
    def __init__(self, text: str, tokens: list[_Tok]) -> None:
        self.text = text
        self.tokens = tokens
        self.by_end = {t.end: i for i, t in enumerate(tokens)}
        self.by_start = {t.start: i for i, t in enumerate(tokens)}
        self.taken = bytearray(len(text))
        for a, b in dateline_spans(text):
            for i in range(a, b):
                self.taken[i] = 1
        self.names: list[ZhName] = []

    # -- helpers
    def free(self, a: int, b: int) -> bool:
        return a < b and not any(self.taken[a:b])

    def add(self, n: ZhName) -> bool:
        if not self.free(n.start, n.end):
            return False
        for i in range(n.start, n.end):
            self.taken[i] = 1
        self.names.append(n)
        return True

    def token_at(self, pos: int) -> int | None:
        """Index of the token holding the character at ``pos``."""
        lo, hi = 0, len(self.tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.tokens[mid]
            if t.start <= pos < t.end:
                return mid
            if t.end <= pos:
                lo = mid + 1
            else:
                hi = mid - 1
        return None

    def quoted_before(self, pos: int) -> tuple[int, str] | None:
        """ “红星”纺织厂: a quoted name that ends right at ``pos``."""
        if pos == 0 or self.text[pos - 1] not in _CLOSE_QUOTES:
            return None
        open_ = max(self.text.rfind(q, max(0, pos - 16), pos - 1) for q in _OPEN_QUOTES)
        if open_ < 0:
            return None
        inner = self.text[open_ + 1 : pos - 1]
        if not inner or any(c in _PUNCT for c in inner):
            return None
        return open_, inner

    def stem_before(self, pos: int, kind: str) -> tuple[int, list[_Tok], bool] | None:
        """Where the stem of a name whose head starts at ``pos`` starts, its tokens, and
        whether it holds a proper word; None when no stem stands there."""
        q = self.quoted_before(pos)
        if q is not None:
            open_ = q[0]
            return open_, [_Tok(self.text[open_:pos], open_, pos, "X")], True
        i = self.token_at(pos - 1) if pos > 0 else None
        collected: list[_Tok] = []
        while i is not None and i >= 0:
            t = self.tokens[i]
            if t.end > pos:  # the head starts inside this token (乌/林立/井): its first part is stem
                part = self.text[t.start : pos]  # proper only when the whole word is (林立 of 杨林立井)
                t = _Tok(part, t.start, pos, "X" if t.tag in _PROPER_TAGS else "n")
                if not part or part in _STOP_WORDS or any(c in _PUNCT for c in part):
                    break
            if not self.free(t.start, t.end) or _is_punct(t) or not _CJK.search(t.text):
                break
            q = self.quoted_before(t.end)
            if t.text in _CLOSE_QUOTES and q is not None and not collected:
                collected.insert(0, _Tok(self.text[q[0] : t.end], q[0], t.end, "X"))
                break
            if t.text in _STOP_WORDS or t.tag in _STOP_TAGS or t.text in _GENERIC or t.text.startswith(("这", "那")):
                break
            if kind == "Campaign":
                if t.text in CAMPAIGN_MODIFIERS and len(collected) < 3:  # 互助 is a verb to jieba
                    collected.insert(0, t)
                    i -= 1
                    continue
                if t.tag in _VERB_TAGS or t.tag in ("d", "c", "p", "ad") or t.text.startswith(("这", "那", "该")):
                    break
                if t.text in _CAMPAIGN_STOP or len(collected) >= 3 or any(t.text.endswith(h) for h, _ in
                                                                           ENTERPRISE_HEADS):
                    break
                collected.insert(0, t)
                i -= 1
                continue
            if _is_place_token(t) and t.text not in _INDUSTRY:
                if any(_is_proper(c) for c in collected):
                    break
                collected.insert(0, t)
                break
            if t.text in _INDUSTRY:
                collected.insert(0, t)
                i -= 1
                continue
            if t.tag in _VERB_TAGS or t.tag in ("d", "a", "ad", "an", "vn", "i", "l"):
                if not collected and t.tag in ("d", "a") and len(t.text) == 2 and t.text not in _STOP_WORDS:
                    collected.insert(0, _Tok(t.text, t.start, t.end, "X"))  # 大连 is an adverb to jieba
                break
            if any(t.text.endswith(h) for h, _ in ENTERPRISE_HEADS + ORGANIZATION_HEADS) and len(t.text) > 1 \
                    and t.tag not in _PROPER_TAGS:
                break
            collected.insert(0, t)
            if sum(len(c.text) for c in collected) >= 10:
                break
            i -= 1
        while kind != "Campaign" and collected and not _is_proper(collected[0]) and collected[0].text not in _INDUSTRY:
            collected.pop(0)  # a name starts with a proper word: 水泥厂 names no unit
        while kind == "Campaign" and collected and collected[0].text in CAMPAIGN_MODIFIERS and (
                collected[0].tag in _VERB_TAGS):
            collected.pop(0)  # 互助竞赛: a modifier jieba calls a verb joins a name, never starts one
        if not collected:
            return None
        proper = any(_is_proper(c) for c in collected)
        if kind != "Campaign" and len(self.text[collected[0].start : pos]) < 2:
            return None  # 建矿: one character is no name
        return collected[0].start, collected, proper

    def _word_stem(self, h0: int) -> tuple[int, list[_Tok], bool] | None:
        """The two-character word just before a head that takes a common word for a name."""
        ti = self.token_at(h0 - 1) if h0 > 0 else None
        if ti is None:
            return None
        t = self.tokens[ti]
        if t.end != h0 or len(t.text) != 2 or t.tag not in ("n", "nz", "nr", "ns", "X") or \
                t.text in _STOP_WORDS | _GENERIC | _INDUSTRY or not all(_CJK.match(c) for c in t.text):
            return None  # (电炉钢厂 is a kind of plant, not a name)
        return t.start, [t], True

    # -- shapes
    def numbered(self) -> None:
        for m in _NUMBERED.finditer(self.text):
            n = _small_number(m.group(1))
            if n is None or not self.free(m.start(), m.end()):
                continue
            head = m.group(3)
            english = f"No. {n} " + dict(NUMBERED_HEADS)[head]
            self.add(ZhName(m.start(), m.end(), "ENTERPRISE", m.group(), m.group(1) + (m.group(2) or ""), head,
                            english, numbered=True))
        for m in _TEAM.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            digits = _digits(m.group(1))
            english = f"{digits} " + dict(TEAM_HEADS)[m.group(2)]
            self.add(ZhName(m.start(), m.end(), "ENTERPRISE", m.group(), m.group(1), m.group(2), english,
                            numbered=True))

    def headed(self, heads, label: str) -> None:
        pattern = re.compile("|".join(re.escape(h) for h, _ in sorted(heads, key=lambda x: -len(x[0]))))
        english_of = dict(heads)
        for m in pattern.finditer(self.text):
            h0, h1 = m.start(), m.end()
            if not self.free(h0, h1):
                continue
            ti = self.token_at(h1 - 1)
            if ti is None:
                continue
            tok = self.tokens[ti]
            if tok.end != h1 and not (label == "CAMPAIGN" and tok.text.startswith(m.group())):
                continue  # 矿井, 厂长, 井口: the head character is part of another word
            if tok.start < h0 and (tok.text in _NOT_PLACES or tok.text in _GENERIC):
                continue  # 城市, 全矿
            if tok.start < h0 and tok.tag not in _PROPER_TAGS and label != "CAMPAIGN" and h0 - tok.start < 2:
                continue  # 全矿, 厂矿, 纱厂: a dictionary word, not a stem and a head (机械厂 is both)
            if label == "CAMPAIGN" and self.text.startswith(("委员会", "大会"), h1):
                continue  # 竞赛委员会 is an organisation; a 竞赛会议 is a meeting of the campaign, which it names
            head = m.group()
            st = self.stem_before(h0, "Campaign" if label == "CAMPAIGN" else label)
            if label == "ORGANIZATION" and h0 > 0 and self.text[h0 - 1] in OWN_UNIT_CHARS and (
                    st is None or st[1][-1].text in OWN_UNIT_CHARS):
                prev = self.token_at(h0 - 1)
                if prev is not None and self.tokens[prev].text in OWN_UNIT_CHARS and self.free(h0 - 1, h0):
                    self.add(ZhName(h0 - 1, h1, label, self.text[h0 - 1 : h1], self.text[h0 - 1], head,
                                    f"{_OWN_EN[self.text[h0 - 1]]} {english_of[head]}", own=True))
                continue
            if (st is None or not st[2]) and label == "ENTERPRISE" and (
                    head in _WORD_NAMED_HEADS or h0 >= 2 and self.text.count(self.text[h0 - 2 : h1]) >= 2):
                # 双庙人民公社, 红旗生产大队: named by a word, not a proper name; and a word jieba takes for a
                # common noun before any unit's head, when the article writes that name again (峰峰煤矿)
                st = self._word_stem(h0) or st
            if st is None:
                if label == "ORGANIZATION" and head in ("党委", "党总支", "党支部") and not self.text.startswith(
                        ("书记", "副书记"), h1):
                    self.add(ZhName(h0, h1, label, head, "", head, english_of[head], own=True))
                continue
            start, toks, proper = st
            if label == "ORGANIZATION" and self.text.startswith(("书记", "副书记", "委员"), h1) and not proper:
                continue
            if not proper and not (label == "CAMPAIGN" or (label == "ORGANIZATION" and head == "管理局")):
                continue
            if label == "PLACE" and not proper:
                continue
            stem = self.text[start:h0]
            if label == "CAMPAIGN":
                words = pinyin_words(stem, [(t.text, t.tag) for t in toks])
            else:
                words = self._stem_words(toks)
            english = " ".join([*words, english_of[head]])
            name = self.text[start:h1]
            self.add(ZhName(start, h1, label, name, stem, head, english, words=words))

    def _stem_words(self, toks: list[_Tok]) -> list[str]:
        out: list[str] = []
        for t in toks:
            if t.text[:1] in _OPEN_QUOTES:
                inner = t.text[1:-1]
                head = next((h for h, _ in CAMPAIGN_HEADS if inner.endswith(h) and len(inner) > len(h)), "")
                words = pinyin_words(inner[: len(inner) - len(head)]) + ([dict(CAMPAIGN_HEADS)[head]] if head else [])
                out.append('"' + " ".join(words) + '"')
            else:
                out.extend(pinyin_words(t.text, [(t.text, t.tag)]) if t.tag not in _PROPER_TAGS else [t.text])
        # join the runs of proper words (given raw above) into pinyin words
        joined: list[str] = []
        run = ""
        for w in out:
            if _CJK.search(w):
                run += w
                continue
            if run:
                joined.extend(pinyin_words(run, [(run, "X")]))
                run = ""
            joined.append(w)
        if run:
            joined.extend(pinyin_words(run, [(run, "X")]))
        return joined

    def groups(self) -> None:
        """全国主要水泥厂, 全省各工厂 (a scope, then 各 or a modifier) and 二十个国营和地方国营工厂 (a count,
        then a modifier): a described group of units, by its shape word."""
        for m in _SCOPE_GROUP.finditer(self.text):
            mods = m.group("mods") or ""
            if not (m.group("each") or _MOD_WORD.search(mods)) or not self.free(m.start(), m.end()):
                continue
            words = _group_words(mods)
            english = " ".join([*words, _GROUP_EN[m.group("shape")][1], _SCOPES[m.group("scope")]])
            self.add(ZhName(m.start(), m.end(), "ENTERPRISE", m.group(), m.group()[: -len(m.group("shape"))],
                            m.group("shape"), english, group=True))
        from kg.extract.zh_numbers import parse_numeral

        for m in _COUNT_GROUP.finditer(self.text):
            value = parse_numeral(m.group("num"))
            if value is None or not self.free(m.start(), m.end()):
                continue
            number = f"more than {value:f}" if m.group("more") else f"{value:f}"
            words = _group_words(m.group("mods"))
            english = " ".join([number, *words, _GROUP_EN[m.group("shape")][1]])
            self.add(ZhName(m.start(), m.end(), "ENTERPRISE", m.group(), m.group()[: -len(m.group("shape"))],
                            m.group("shape"), english, group=True))

    def spread_groups(self) -> None:
        """甲、乙、丙等地的水泥厂: the plants of the places listed, one in each place."""
        places = {n.end: n for n in self.names if n.label == "PLACE"}
        for m in _SPREAD_GROUP.finditer(self.text):
            starts, pos = [], m.start()
            while pos in places:
                starts.insert(0, places[pos].start)
                pos = places[pos].start
                if pos == 0 or self.text[pos - 1] not in "、和与及":
                    break
                pos -= 1
            a, b = m.start("mods") if m.group("mods") else m.start("shape"), m.end()
            if len(starts) < 2 or not self.free(a, b):
                continue
            mods = m.group("mods") or ""
            single = " ".join([*_group_words(mods), _GROUP_EN[m.group("shape")][0]])
            self.add(ZhName(a, b, "ENTERPRISE", self.text[a:b], mods, m.group("shape"), single, group=True,
                            spread=tuple(starts), single=single))

    def quoted_campaigns(self) -> None:
        """ “互助区竞赛”, and “比先进，超先进”的高潮: a quoted campaign name."""
        for m in re.finditer(r"[“「]([^“”「」\n]{2,20})[”」]", self.text):
            inner, a, b = m.group(1), m.start(1), m.end(1)
            after = self.text[m.end() : m.end() + 4]
            if inner.endswith(tuple(h for h, _ in CAMPAIGN_HEADS)) or re.match(r"的?(?:高潮|热潮|运动|竞赛|活动)", after):
                if self.text.startswith(("委员会", "会议"), m.end()):
                    continue
                if not inner.endswith(tuple(h for h, _ in CAMPAIGN_HEADS)) and "，" not in inner and "," not in inner:
                    continue  # a quoted slogan is a campaign when it is two calls: 比先进，超先进
                head = next((h for h, _ in CAMPAIGN_HEADS if inner.endswith(h)), "")
                stem = inner[: len(inner) - len(head)]
                words = [" ".join(pinyin_words(part)) for part in re.split(r"[，,]", stem) if part]
                english = ", ".join(words) + (" " + dict(CAMPAIGN_HEADS)[head] if head else "")
                self.add(ZhName(a, b, "CAMPAIGN", inner, stem, head, english, words=words))

    def places(self) -> None:
        for t in self.tokens:
            if not self.free(t.start, t.end) or not _is_place_token(t):
                continue
            nxt = self.text[t.end : t.end + 2]
            if any(nxt.startswith(h) for h, _ in ENTERPRISE_HEADS + ORGANIZATION_HEADS):
                continue  # a stem (大连钢厂) that headed() did not take
            suffix = next(((s, e) for s, e in PLACE_SUFFIXES if t.text.endswith(s) and len(t.text) > len(s) + 1),
                          None)
            if suffix:
                english = " ".join([*pinyin_words(t.text[: -len(suffix[0])]), suffix[1]])
            else:
                english = " ".join(pinyin_words(t.text, [(t.text, "ns")]))
            self.add(ZhName(t.start, t.end, "PLACE", t.text, t.text, suffix[0] if suffix else "", english))

    def organisations_by_tag(self) -> None:
        """新华社 and other organisations jieba's dictionary knows, by their heads."""
        for t in self.tokens:
            if t.tag == "nt" and self.free(t.start, t.end) and t.text.endswith(("社", "委")) and \
                    len(t.text) >= 3 and not t.text.endswith(("公社", "合作社")):  # (人民公社: a commune)
                english = " ".join(pinyin_words(t.text[:-1], [(t.text[:-1], "nt")]) +
                                   [_NT_HEADS.get(t.text[-1], "")]).strip()
                self.add(ZhName(t.start, t.end, "ORGANIZATION", t.text, t.text[:-1], t.text[-1], english))

    def persons(self) -> None:
        for i, t in enumerate(self.tokens):
            if not t.text.endswith(_TITLES):
                continue
            role = next(r for r in _TITLES if t.text.endswith(r))
            j = i + 1
            while j < len(self.tokens) and self.tokens[j].text.strip() == "":
                j += 1
            run: list[_Tok] = []
            while j < len(self.tokens) and self.tokens[j].tag in ("X", "nr", "nrt", "nrfg") and \
                    _CJK.match(self.tokens[j].text) and sum(len(r.text) for r in run) < 4:
                run.append(self.tokens[j])
                j += 1
            if not run:
                continue
            a, name = run[0].start, "".join(r.text for r in run)
            sur = name[:2] if name[:2] in _SURNAMES else name[:1]
            if sur in _SURNAMES:
                name = name[: min(len(name), len(sur) + 2)]
                if len(name) < 2:
                    continue
            elif len(name) < 3:
                continue
            self.add(ZhName(a, a + len(name), "PERSON", name, name, "", _person_english(name), role=role))
        for m in re.finditer("同志", self.text):  # 王桂芳同志
            b = m.start()
            for size in (3, 2):
                a = b - size
                cand = self.text[a:b]
                if a >= 0 and cand[:1] in _SURNAMES and all(_CJK.match(c) for c in cand) and self.free(a, b):
                    self.add(ZhName(a, b, "PERSON", cand, cand, "", _person_english(cand), role="同志"))
                    break

    def lists(self) -> None:
        """ 撒马尔罕、基洛夫和“红星”纺织厂: bare names listed before a headed name take its type."""
        for n in sorted(self.names, key=lambda x: x.start):
            if n.label not in ("ENTERPRISE", "PLACE", "ORGANIZATION"):
                continue
            pos, found, commas = n.start, [], 0
            while pos > 0 and self.text[pos - 1] in "、和与及":
                sep = pos - 1
                commas += self.text[sep] == "、"
                a = sep
                while a > 0 and _CJK.match(self.text[a - 1]) and self.text[a - 1] not in "、和与及的在" and sep - a < 7:
                    a -= 1
                if a > 0 and self.text[a - 1] in "”":  # a quoted element
                    break
                elem = self.text[a:sep]
                if not (2 <= len(elem) <= 6) or (a > 0 and _CJK.match(self.text[a - 1])):
                    break
                toks = _segment(elem)
                if any(t.text in _STOP_WORDS or t.tag in _STOP_TAGS or t.tag in _VERB_TAGS for t in toks):
                    break
                if not self.free(a, sep):
                    existing = next((x for x in self.names if x.start == a and x.end == sep), None)
                    if existing is None:
                        break
                    pos = a
                    continue
                found.append(_Tok(elem, a, sep, "X"))
                pos = a
            if not found or commas == 0:
                continue
            for t in found:
                english = " ".join(pinyin_words(t.text, [(t.text, "X")]))
                self.add(ZhName(t.start, t.end, n.label, t.text, t.text, "", english))


_OWN_EN = {"矿": "Mine", "厂": "Factory", "井": "Mine"}
_NT_HEADS = {"社": "News Agency", "局": "Bureau", "委": "Committee", "部": "Department", "会": "Association"}
_CAMPAIGN_STOP = frozenset(
    """开展 展开 进行 参加 发起 掀起 推广 开始 组织 领导 举行 召开 发动 广泛开展 广泛 积极 这次 这一 一次 此次 当前 当前的
    大 新 的 一个 各项 全面 深入 扩展 签订 形成 和 与 及 在 中 了 有 是 为 以 从 到 这 该 各 一 坚持 通过 经过 根据""".split()
)


# Words that make a campaign's name with a shorter one (厂际互助协作竞赛 is 厂际竞赛 with two of them).
CAMPAIGN_MODIFIERS = frozenset("互助 协作 合作 友谊 劳动".split())

# Described groups of units: scope, count, modifiers and shape words, with their English.
_SCOPES = {"全国": "across the country", "全区": "throughout the region", "全省": "throughout the province",
           "全市": "throughout the city", "全县": "throughout the county"}
_GROUP_MODS = {"地方国营": "local state-owned", "公私合营": "joint state-private", "国营": "state-owned",
               "地方": "local", "主要": "major", "重点": "key", "大型": "large", "中型": "medium-sized",
               "小型": "small", "先进": "advanced"}
_GROUP_EN = {"联合企业": ("joint enterprise", "joint enterprises"),
             "钢铁厂": ("iron and steel plant", "iron and steel plants"), "钢厂": ("steel plant", "steel plants"), "电厂": ("power plant", "power plants"),
             "纱厂": ("cotton mill", "cotton mills"), "工厂": ("factory", "factories"),
             "厂矿": ("factory and mine", "factories and mines"), "工矿": ("factory and mine", "factories and mines"),
             "煤矿": ("coal mine", "coal mines"), "矿山": ("mine", "mines"), "企业": ("enterprise", "enterprises"),
             "厂": ("factory", "factories")}
_GROUP_INDUSTRY = sorted(_INDUSTRY - {"第一", "第二", "第三"}, key=len, reverse=True)
_MOD = "|".join(sorted([*_GROUP_MODS, *_GROUP_INDUSTRY], key=len, reverse=True))
_MODS = rf"(?:{_MOD})(?:[和与及、]?(?:{_MOD}))*"
_SHAPE = "|".join(sorted(_GROUP_EN, key=len, reverse=True))
_MOD_WORD = re.compile("|".join(_GROUP_MODS))
_SCOPE_GROUP = re.compile(rf"(?P<scope>{'|'.join(_SCOPES)})(?P<each>各)?(?P<mods>{_MODS})?(?P<shape>{_SHAPE})"
                          r"(?![长房区内外矿])")
_COUNT_GROUP = re.compile(rf"(?<![{_NUM_CHARS}百千万0-9])(?P<num>[{_NUM_CHARS}百千万]+|[0-9]+)(?P<more>多|余)?[个家座]"
                          rf"(?P<mods>{_MODS})(?P<shape>{_SHAPE})(?![长房区内外矿])")
_SPREAD_GROUP = re.compile(rf"等地(?:区)?的(?P<mods>{_MODS})?(?P<shape>{_SHAPE})(?![长房区内外矿])")


def _group_words(mods: str) -> list[str]:
    """The English of a group's modifiers, in their order: 国营和地方国营 -> state-owned and local state-owned."""
    from kg.extract.zh_lexicon import WORDS

    out: list[str] = []
    for w in re.findall(rf"{_MOD}|[和与及、]", mods):
        if w in "和与及、":
            out.append("and")
        elif w in _GROUP_MODS:
            out.append(_GROUP_MODS[w])
        else:
            out.append(next((en for en, zh in WORDS.items() if w in zh), None) or " ".join(pinyin_words(w)).lower())
    return out


def find_names(text: str, tokens: list[tuple[str, int, int, str]] | None = None) -> list[ZhName]:
    """The names of ``text`` found by shape, in text order, none overlapping.

    ``tokens`` are jieba's words as (text, start, end, tag); segmented here when not given.
    """
    toks = [_Tok(*t) for t in tokens] if tokens is not None else _segment(text)
    f = _Finder(text, toks)
    f.quoted_campaigns()
    f.numbered()
    f.groups()
    f.persons()
    f.headed(ORGANIZATION_HEADS, "ORGANIZATION")
    f.headed(ENTERPRISE_HEADS, "ENTERPRISE")
    f.headed(PLACE_SUFFIXES, "PLACE")
    f.headed(CAMPAIGN_HEADS, "CAMPAIGN")
    f.organisations_by_tag()
    f.places()
    f.lists()
    f.spread_groups()
    return sorted(f.names, key=lambda n: n.start)


# --------------------------------------------------------------------------- the pipeline


if not Span.has_extension("zh_name"):
    Span.set_extension("zh_name", default=None)


@Language.factory("kg_zh_unit_names", assigns=["doc.ents", "token.tag", "token.is_sent_start"], default_config={})
def make_zh_unit_names(nlp: Language, name: str) -> ZhUnitNames:
    return ZhUnitNames(nlp, name)


class ZhUnitNames:
    """Merges each name found by :func:`find_names` into one token, sets ``doc.ents``, jieba's
    dictionary tags as ``token.tag_``, and sentence starts after 。！？ and line ends.

    Each entity span carries its :class:`ZhName` as ``span._.zh_name``.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tags = _tags()
        toks = [(t.text, t.idx, t.idx + len(t.text), tags.get(t.text, "X")) for t in doc if not t.is_space]
        names = find_names(text, toks)
        cuts = {t.idx for t in doc} | {t.idx + len(t.text) for t in doc}
        for n in names:
            cuts |= {n.start, n.end}
        for n in names:
            cuts -= set(range(n.start + 1, n.end))
        cuts.add(len(text))
        points = sorted(c for c in cuts if 0 <= c <= len(text))
        pieces = [text[a:b] for a, b in itertools.pairwise(points) if text[a:b]]
        words: list[str] = []
        for p in pieces:  # whitespace is spaCy's business: keep each piece's non-space runs
            words.extend(w for w in re.split(r"(\s+)", p) if w)
        words, spaces = get_words_and_spaces(words, text)
        starts, start = [], True
        for w in words:
            starts.append(start)
            start = any(c in SENTENCE_END for c in w) or "\n" in w
        new = Doc(self.vocab, words=words, spaces=spaces, sent_starts=starts,
                  tags=[tags.get(w, "X") if w.strip() else "_SP" for w in words])
        ents = []
        for n in names:
            span = new.char_span(n.start, n.end, label=n.label)
            if span is None:
                continue
            span._.zh_name = n
            ents.append(span)
        new.ents = ents
        return new


def load_zh_nlp() -> Language:
    """``spacy.blank("zh")`` with the jieba segmenter, and the unit-name component first."""
    import spacy

    _init_jieba()  # before spaCy's tokenizer touches jieba, which would write its cache
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("kg_zh_unit_names", first=True)
    return nlp

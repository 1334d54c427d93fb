"""Extraction from the Chinese original alone, for archive articles with no translation.

:func:`extract_chinese` gives the same records as the English extractor
(:func:`kg.extract.extract_article`), so that resolution, the graph and the exports need no
change: each mention's ``name`` is an English label (the pinyin of the name stem, capitalised,
and the head translated: 红岭煤矿 is "Hongling Coal Mine", 四井 "No. 4 Mine", 四一五掘进队 "415 tunneling
team"), its ``name_zh`` the Chinese name, and every record's evidence the verbatim Chinese
sentence (``lang="zh"``) with offsets into the source file.

Names come from :mod:`kg.nlp.zh` (shapes, not lists). Facts are read by rules over each sentence,
one construction per rule (each pinned in ``tests/test_extract_zh.py``):

* help: A、B帮助C; A派出(人)…帮助/支援 (the recipient the one other unit of the sentence); A在C帮助…;
  A给了它…帮助; the form from what is sent or done (派…人 personnel, 工人/队 labour, 设备 equipment,
  材料/物力 materials, 经验/技术 technical experience, 培训/学习 training, 管理/潜力/措施 management);
* help decided, proposed, planned or pledged (决定/提出/计划/保证…帮助): planned help, never help done;
* mutual aid: named units listed in a sentence that help each other (互相支援, 互相…交流经验);
* participation: A开展/展开/参加/掀起…C, A在C中, A的C, A之间的C, A代表…召开C会议, and the units of help
  framed by a campaign; the plants of 甲、乙等地的X厂 act together;
* campaigns: 厂际互助协作竞赛 (a short name, modifiers, its head) is 厂际竞赛 when the article has it;
* measurements: a figure with a unit (％ 吨 米 卢布 元, a coefficient) after a verb of change (提高),
  of surplus (超产, 超额), of level (达到, 生产, 完成…的, 只有) or of a target (决定, 保证);
* parts: numbered shafts and teams and the mine's own Party committee are parts of the unit the
  article is about; a place written right before a unit (河北省红岭煤矿) is where the unit is.

A group described (全国主要水泥厂) is a unit of its own, never the article's main unit; 甲、乙等地的水泥厂
is one plant in each place, named "electric furnace steel plant in Jia" with no Chinese name (the text writes
none), or the plant the article names in that place (甲钢厂).

References 全矿, 这个矿, 该厂 mean the unit the article is about; 这家工厂 and 它 the unit named last.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.language import Language

from kg.nlp.zh import CAMPAIGN_MODIFIERS
from kg.schemas import (
    Article,
    ArticleExtraction,
    Assistance,
    EntityType,
    Evidence,
    HelpForm,
    Measurement,
    MeasurementKind,
    Mention,
    MutualAid,
    Participation,
    PlannedAssistance,
)

__all__ = ["PIECE_CHARS", "extract_chinese", "zh_nlp"]

PIECE_CHARS = 20_000

_TYPES = {
    "ENTERPRISE": EntityType.ENTERPRISE,
    "ORGANIZATION": EntityType.ORGANIZATION,
    "PLACE": EntityType.PLACE,
    "PERSON": EntityType.PERSON,
    "CAMPAIGN": EntityType.CAMPAIGN,
}
_UNIT_TYPES = (EntityType.ENTERPRISE, EntityType.ORGANIZATION)
_SUB_UNIT_HEADS = frozenset("立井 竖井 斜井 车间 采煤队 掘进队 运输队 工作队 队 班 组".split())

_NLP: Language | None = None


def zh_nlp() -> Language:
    """The Chinese pipeline, loaded once (jieba takes a second to build its dictionary)."""
    global _NLP
    if _NLP is None:
        from kg.nlp.zh import load_zh_nlp

        _NLP = load_zh_nlp()
    return _NLP


# --------------------------------------------------------------------------- words of the rules

_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』）)]*)?")
_CLAUSE_SEP = "，,：:"
_SEGMENT_SEP = "；;"
_PREPOSITIONS = ("在", "到", "向", "给", "对", "从", "同", "与", "把", "被", "为", "替", "跟", "往", "由")
_HELP = re.compile(r"帮助|支援|支持|协助|援助|帮")
_NOT_HELP_BEFORE = ("互相", "相互", "需要", "要求", "请求", "争取", "得到", "取得", "受到", "先进", "集体")
_NOT_HELP_AFTER = ("下", "后进", "落后")
_STATUS = (
    (re.compile(r"决定|决心|议定|商定"), "Decided"),
    (re.compile(r"提出|建议|倡议|号召|提议"), "Proposed"),
    (re.compile(r"计划|准备|打算|将要|拟|将"), "Planned"),
    (re.compile(r"保证|表示|誓|担保|包"), "Pledged"),
)
_SEND = re.compile(r"派出|派遣|选派|抽调|抽出|调派|调出|派了|派")
_FORMS: tuple[tuple[HelpForm, re.Pattern[str]], ...] = (
    (HelpForm.EQUIPMENT, re.compile(r"设备|机器|机械|工具|机床|车床|电机|水泵|器材")),
    (HelpForm.MATERIALS, re.compile(r"材料|物资|物力|原料|燃料|木材|水泥|钢材|资材")),
    (HelpForm.TECHNICAL_EXPERIENCE, re.compile(r"经验|技术|方法|资料|情报|指导|消息")),
    (HelpForm.TRAINING, re.compile(r"培训|训练|学习|教育|讲课|传授")),
    (HelpForm.MANAGEMENT, re.compile(r"管理|潜力|措施|制度|找出问题|问题所在|计划")),
    (HelpForm.LABOUR, re.compile(r"人力|劳力|修理|修复|整理巷道|巷道|更换|换了|铁路|挖|铺设|修建|搬运|装卸")),
)
_WORKERS = re.compile(r"工人|矿工|采煤队|掘进队|掘煤队|突击队|修道|劳动力|生产队")
_RECIPROCAL = re.compile(r"(?:互相|相互|彼此)(?:帮助|支援|支持|协助|展开竞赛|开展竞赛|交流|学习|竞赛)|互助|交流经验|互通")
_PARTICIPATE = re.compile(r"开展|展开|参加|发起|掀起|举行|投入|响应|签订|进行|发动|开始")
_CAMPAIGN_MODIFIERS = re.compile("(?:" + "|".join(sorted(CAMPAIGN_MODIFIERS, key=len, reverse=True)) + ")+")
# A之间的C: the campaign among the units named before 之间
_AMONG = re.compile(r"(?:相互之间|之间)的?$|间的$")
# A代表…召开C会议: the representatives of the units before 代表 convene a meeting of the campaign
_DELEGATES = re.compile(r"(?:的|各)?(?:职工|工人|厂矿|企业)?代表")
_CONVENE = re.compile(r"召开|举行|参加|出席")
_REFERENCE = re.compile(r"(?:全|本|该|这个|这一|此|那个)(?:煤矿|工厂|公司|矿|厂|井)|这家(?:工厂|公司|企业|厂)|它们|它")
_PRONOUN = re.compile(r"[ 　]*(?:他们|它们|它|该厂|该矿|这家工厂|这个工厂)")
# An object the verb has but that names no unit: 帮助另一个…的工厂, 帮助兄弟厂.
_VAGUE_OBJECT = re.compile(r"另|其他|别的|兄弟|一些|许多|各|落后|后进|的[^，。；]{0,4}(?:工厂|企业|单位|矿井|集体|工作队|队组|厂|矿)")
_MAIN_REF = re.compile(r"^(?:全|本|该|这个|这一|此)")

# Measurements: kinds by the verb before the figure.
_SURPLUS = re.compile(r"超产|超额|超计划|超过计划|多产|超过了计划")
_CHANGE = re.compile(r"(?:提高|增加|增长|上升|降低|减少|下降|猛增|增产|节约|缩短|加快)了?(?:百分之)?$")
_LEVEL = re.compile(r"(?:达到|达|为|只有|产|生产|进|到|由|完成[^，。；]{0,8}的)了?"
                    r"(?:[^，。；\d一二三四五六七八九十百千万]{0,3}|[去今明]年每亩)$")  # 由去年每亩一百五十斤
_TARGET = re.compile(r"决定|保证|争取|力争|目标|规划|指标|要求|计划要|打算")
_MEASURE_UNITS = {"%", "t", "m", "rubles", "yuan", "coefficient", "jin/mu", "dan/mu"}
_INDICATORS = (
    ("利用系数", "utilization coefficient"), ("系数", "coefficient"), ("劳动生产率", "labour productivity"),
    ("平均日产", "average daily output"), ("日产", "daily output"), ("一级产品", "first-grade products"),
    ("原煤", "raw coal output"), ("月进", "monthly tunnelling advance"), ("进尺", "tunnelling advance"),
    ("月产", "monthly output"), ("产量", "output"), ("成本", "production cost"), ("产值", "output value"),
    ("产品", "output value"), ("计划", "plan fulfilment"), ("质量", "quality"),
)


@dataclass
class _M:
    """A mention of the article being read: offsets are local to the body."""

    id: str
    start: int
    end: int
    type: EntityType
    name: str
    name_zh: str
    stem: str
    head: str
    numbered: bool
    own: bool
    role: str | None
    refers_to: int | None = None
    part_of: int | None = None
    located_in: int | None = None
    group: bool = False  # a described group of units (全国主要水泥厂)
    zh_out: bool = True  # False: name_zh is a key of the reader's own, not text of the article (甲等地的水泥厂)


# --------------------------------------------------------------------------- the extractor


def _pieces(text: str, size: int) -> list[tuple[int, str]]:
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        cut = cut + 1 if cut > start else start + size
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def extract_chinese(article: Article, nlp: Language | None = None, size: int | None = None) -> ArticleExtraction:
    """Records of an article read from its Chinese original (``article.chinese``) alone.

    A long body is read in pieces of at most ``size`` characters (default :data:`PIECE_CHARS`),
    cut at line ends; ids carry the piece number from the second piece on.
    """
    if article.chinese is None:
        return ArticleExtraction(article=article)
    nlp = nlp or zh_nlp()
    parts = [_Reader(article, nlp(piece), at, n).read()
             for n, (at, piece) in enumerate(_pieces(article.chinese.text, size or PIECE_CHARS))]
    if len(parts) == 1:
        return parts[0]
    fields = ("mentions", "assistance", "planned_assistance", "mutual_aid", "measurements", "participation")
    return ArticleExtraction(article=article, **{f: tuple(r for p in parts for r in getattr(p, f)) for f in fields})


class _Reader:
    def __init__(self, article: Article, doc, at: int, number: int) -> None:
        assert article.chinese is not None
        self.article = article
        self.text = doc.text
        self.offset = article.chinese.start + at
        self.tag = f"c{number}" if number else ""
        self.ms: list[_M] = []
        place_at: dict[int, int] = {}
        for span in doc.ents:
            n = span._.zh_name
            if n.spread:  # 甲、乙等地的水泥厂: one unit in each place listed
                for p in n.spread:
                    if p not in place_at:  # a place the pipeline could not make a token of
                        continue
                    place = self.ms[place_at[p]]
                    self.ms.append(_M(f"{article.id}#{self.tag}m{len(self.ms) + 1}", n.start, n.end,
                                      _TYPES[n.label], f"{n.single} in {place.name}", f"{place.name_zh}的{n.name}",
                                      "", n.head, False, False, None, located_in=place_at[p], group=True,
                                      zh_out=False))
                continue
            if n.label == "PLACE":
                place_at[n.start] = len(self.ms)
            self.ms.append(_M(f"{article.id}#{self.tag}m{len(self.ms) + 1}", n.start, n.end, _TYPES[n.label],
                              n.english, n.name, n.stem, n.head, n.numbered, n.own, n.role, group=n.group))
        self.starts = [m.start for m in self.ms]  # in text order, as doc.ents are
        self.first: dict[tuple[EntityType, str], int] = {}
        for j, m in enumerate(self.ms):
            self.first.setdefault((m.type, m.name_zh), j)
        self._link_short_forms()
        self._link_spread_units()
        self.main = self._main_unit()
        self._parts()

    # -- mentions
    def _canon(self, j: int) -> int:
        """The mention that stands for the unit of mention ``j``: the first of its name, after short forms."""
        seen = set()
        while self.ms[j].refers_to is not None and j not in seen:
            seen.add(j)
            j = self.ms[j].refers_to
        return self.first[(self.ms[j].type, self.ms[j].name_zh)]

    def _link_short_forms(self) -> None:
        """红岭矿 is 红岭煤矿, 别列佐沃工厂 别列佐沃毛纺工厂, 劳动竞赛 劳动竞赛运动: the fuller name, same type."""
        distinct = [k for k, m in enumerate(self.ms) if self.first[(m.type, m.name_zh)] == k and not m.group]
        for j in distinct:
            b = self.ms[j]
            if b.numbered or b.own or b.type is EntityType.PERSON:
                continue
            for k in distinct:
                a = self.ms[k]
                if k == j or a.type is not b.type or len(a.name_zh) <= len(b.name_zh):
                    continue
                if b.type is EntityType.CAMPAIGN:
                    ok = a.name_zh.startswith(b.name_zh) and len(b.name_zh) >= 3
                else:
                    ok = (len(b.stem) >= 2 and a.stem.startswith(b.stem) and bool(b.head)
                          and a.head.endswith(b.head[-1]))
                if ok:
                    self._refer(j, k)
                    break
        # 厂际互助协作竞赛 is 厂际竞赛: the short campaign's stem, modifiers, then its head
        for k in distinct:
            a = self.ms[k]
            if a.type is not EntityType.CAMPAIGN or a.refers_to is not None:
                continue
            for j in distinct:
                b = self.ms[j]
                rest = a.stem[len(b.stem):]
                if (j != k and b.type is EntityType.CAMPAIGN and b.head == a.head and len(b.stem) >= 2
                        and a.stem.startswith(b.stem) and rest and re.fullmatch(_CAMPAIGN_MODIFIERS, rest)):
                    self._refer(k, j)
                    break

    def _refer(self, j: int, k: int) -> None:
        """Every mention of the name of mention ``j`` refers to mention ``k``."""
        b = self.ms[j]
        for m in self.ms:
            if m.type is b.type and m.name_zh == b.name_zh:
                m.refers_to = k

    def _link_spread_units(self) -> None:
        """甲、乙等地的水泥厂 where the article names 甲钢厂: the plant in 甲 is that one."""
        for m in self.ms:
            if m.zh_out or m.located_in is None:
                continue
            place = self.ms[m.located_in]
            named = next((k for k, o in enumerate(self.ms) if o.type is EntityType.ENTERPRISE and o.zh_out
                          and not o.group and o.refers_to is None and o.stem in (place.name_zh, place.stem)
                          and o.head and o.head[-1] == m.head[-1]), None)
            if named is not None:
                m.refers_to = named

    def _main_unit(self) -> int | None:
        """The enterprise the article is about: named in the title, then named most often, if one
        leads; shafts, workshops and numbered parts are parts, not the unit itself."""
        score: dict[int, list[int]] = {}
        title = self.article.title_zh or ""
        for j, m in enumerate(self.ms):
            c = self._canon(j)
            top = self.ms[c]
            if top.type is not EntityType.ENTERPRISE or top.numbered or top.group or not top.head or \
                    top.head in _SUB_UNIT_HEADS:
                continue
            s = score.setdefault(c, [0, 0])
            s[0] = max(s[0], int(m.name_zh in title))
            s[1] += 1
        if not score:
            return None
        ranked = sorted(score.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        if sum(ranked[0][1]) < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _parts(self) -> None:
        place_ending = {p.end: k for k, p in enumerate(self.ms) if p.type is EntityType.PLACE}
        for j, m in enumerate(self.ms):
            if self.main is not None and self._canon(j) != self.main:
                before = self.text[max(0, m.start - 3) : m.start]
                own_ref = re.search(r"(?:矿|厂|本矿|该矿|全矿|本厂|该厂)的?$", before) is not None
                shaft = m.type is EntityType.ENTERPRISE and m.head in _SUB_UNIT_HEADS and self.ms[self.main].head in (
                    "煤矿", "矿")  # the shafts and teams of a mine
                if (m.numbered and m.type is EntityType.ENTERPRISE) or shaft or (
                        m.type is EntityType.ORGANIZATION and (m.own or own_ref)):
                    m.part_of = self.main
            if m.numbered and self.text[max(0, m.start - 1) : m.start] == "的":  # 红岭煤矿的三井
                owner = next((k for k, o in enumerate(self.ms) if o.end == m.start - 1
                              and self.ms[self._canon(k)].type is EntityType.ENTERPRISE), None)
                if owner is not None:
                    m.part_of = self._canon(owner)
            if m.numbered and j > 0 and self.ms[j - 1].numbered and self.ms[j - 1].end == m.start - 1 and \
                    self.text[m.start - 1] in "、和与及":  # 红岭煤矿的三井、五井
                m.part_of = self.ms[j - 1].part_of if m.part_of is None else m.part_of
            if m.type in _UNIT_TYPES and m.refers_to is None and m.start in place_ending:
                m.located_in = place_ending[m.start]

    def mention_records(self) -> list[Mention]:
        out = []
        for m in self.ms:
            out.append(Mention(
                id=m.id, article=self.article.id, text=self.text[m.start : m.end], start=self.offset + m.start,
                end=self.offset + m.end, type=m.type, name=m.name,
                name_zh=m.name_zh if m.zh_out else None,
                refers_to=self.ms[m.refers_to].id if m.refers_to is not None else None,
                part_of=self.ms[m.part_of].id if m.part_of is not None else None,
                located_in=self.ms[m.located_in].id if m.located_in is not None else None,
                role=m.role if m.type is EntityType.PERSON else None))
        return out

    # -- sentences
    def sentences(self) -> list[tuple[int, int]]:
        """The sentences of the body, whitespace and a leading dateline (据新华社长春12日电) left out."""
        from kg.nlp.zh import dateline_spans

        datelines = dict(dateline_spans(self.text))
        out = []
        for m in _SENTENCE.finditer(self.text):
            a, b = m.start(), m.end()
            while a < b and self.text[a].isspace():
                a += 1
            dateline_end = next((e for s, e in datelines.items() if s <= a < e), None)
            if dateline_end is not None:
                a = dateline_end
                while a < b and self.text[a].isspace():
                    a += 1
            while b > a and self.text[b - 1].isspace():
                b -= 1
            if a < b:
                out.append((a, b))
        return out

    def evidence(self, a: int, b: int) -> Evidence:
        return Evidence(article=self.article.id, text=self.text[a:b], start=self.offset + a, end=self.offset + b,
                        lang="zh")

    def units_in(self, a: int, b: int, types=_UNIT_TYPES) -> list[tuple[int, int, int]]:
        """(start, end, mention index) of the units named or referred to in text[a:b], in order."""
        lo = bisect.bisect_left(self.starts, a)
        out = []
        for j in range(lo, len(self.ms)):
            m = self.ms[j]
            if m.start >= b:
                break
            c = self._canon(j)
            if m.end <= b and self.ms[c].type in types:
                out.append((m.start, m.end, c))
        for r in _REFERENCE.finditer(self.text, a, b):
            if any(s <= r.start() < e for s, e, _ in out):
                continue
            j = self._reference(r.group(), r.start())
            if j is not None and self.ms[j].type in types:
                out.append((r.start(), r.end(), j))
        return sorted(out)

    def _reference(self, word: str, pos: int) -> int | None:
        if _MAIN_REF.match(word) and self.main is not None:
            return self.main
        if word.startswith(("它", "这家")):
            for j in range(len(self.ms) - 1, -1, -1):
                m = self.ms[j]
                if m.end <= pos and m.type is EntityType.ENTERPRISE:
                    return self._canon(j)
        return None

    def _possessor(self, end: int, limit: int) -> bool:
        """Whether the unit ending at ``end`` owns the unit after it (红岭煤矿的三井)."""
        return self.text.startswith("的", end) and any(s == end + 1 for s, e, j in self.units_in(end + 1, limit))

    def _preposed(self, start: int, clause_start: int) -> bool:
        """Whether a preposition (在, 到, 给 ...) governs the unit at ``start``."""
        before = self.text[max(clause_start, start - 2) : start]
        return before.endswith(_PREPOSITIONS)

    # -- help
    def help(self, a: int, b: int, frame: int | None):
        """Help findings of the sentence text[a:b]: (helper, recipient, forms, status, campaign)."""
        out = []
        seg_start = a
        for seg_end in [i for i in range(a, b) if self.text[i] in _SEGMENT_SEP] + [b]:
            out += self._help_segment(seg_start, seg_end, a, b)
            seg_start = seg_end + 1
        campaign = next((j for s, e, j in self.units_in(a, b, (EntityType.CAMPAIGN,))), frame)
        merged: dict[tuple[int, int, str], set[HelpForm]] = {}
        for h, r, f, st in out:  # one statement of help per pair and sentence, its forms together
            merged.setdefault((h, r, st), set()).update(f)
        order = list(HelpForm)
        result = []
        for (h, r, st), forms in merged.items():
            if len(forms) > 1:
                forms.discard(HelpForm.UNSPECIFIED)
            result.append((h, r, tuple(sorted(forms, key=order.index)), st, campaign))
        return result

    def _clause_bounds(self, pos: int, a: int, b: int) -> tuple[int, int]:
        start = max([i + 1 for i in range(a, pos) if self.text[i] in _CLAUSE_SEP] + [a])
        end = min([i for i in range(pos, b) if self.text[i] in _CLAUSE_SEP] + [b])
        return start, end

    def _subject(self, a: int, b: int) -> list[int]:
        """The units a segment is about: its first unit not governed by a preposition, and the
        units listed with it (四井、七井; 四井党支部书记和七井党支部书记)."""
        units = self.units_in(a, b)
        first = next((u for u in units if not self._preposed(u[0], a) and not self._possessor(u[1], b)), None)
        if first is None:
            return []
        found = [first[2]] + [j for s, e, j in units if (s, e) == first[:2]]  # 甲、乙等地的钢厂: one unit each
        end = first[1]
        for s, e, j in units:
            if s < end:
                continue
            between = self.text[end:s]
            if re.fullmatch(r"[\u4e00-\u9fff]{0,6}?[、和与及]|[、和与及]", between) and not any(
                    c in between for c in "，。；"):
                found.append(j)
                end = e
            else:
                break
        return list(dict.fromkeys(found))

    def _help_segment(self, a: int, b: int, sa: int, sb: int):
        out = []
        for v in _HELP.finditer(self.text, a, b):
            vs, ve = v.start(), v.end()
            before, after = self.text[max(a, vs - 3) : vs], self.text[ve : ve + 2]
            if before.endswith(_NOT_HELP_BEFORE) or after.startswith(_NOT_HELP_AFTER):
                continue
            if re.search(r"在[^，。；]{0,12}$", self.text[a:vs]) and self.text.startswith("下", ve):
                continue  # 在…的帮助下: help received, its giver vague
            c0, c1 = self._clause_bounds(vs, a, b)
            status = self._status(c0, vs)
            # helpers: the units before the verb in its clause, else what the segment is about
            helpers = [j for s, e, j in self.units_in(c0, vs)
                       if not self._preposed(s, c0) and not self._possessor(e, vs)]
            helpers = helpers[:1] + [j for j in helpers[1:] if j in self._subject(c0, vs)] if helpers else []
            if not helpers and _PRONOUN.match(self.text, c0):  # 他们派出…: the unit named last before
                named = [j for s, e, j in self.units_in(a, c0, (EntityType.ENTERPRISE,)) if not self._preposed(s, a)]
                helpers = named[-1:]
            if not helpers:
                helpers = self._subject(a, vs)
            if not helpers:
                continue
            recipients = self._recipients(vs, ve, c0, c1, a, b, sa, sb, helpers)
            if not recipients:
                continue
            forms = self._forms(a, b, vs, helpers)
            for h in helpers:
                for r in recipients:
                    if h != r:
                        out.append((h, r, forms, status))
        return out

    def _recipients(self, vs, ve, c0, c1, a, b, sa, sb, helpers) -> list[int]:
        named_after = self.units_in(ve, c1)
        after = [(s, e, j) for s, e, j in named_after if j not in helpers]
        if named_after and not after:
            return []  # 支援这家工厂 where the factory is the helper itself: a unit the article does not name
        if after and after[0][0] - ve <= 12:
            found, end = [after[0][2]], after[0][1]
            for s, e, j in after[1:]:
                if re.fullmatch(r"[、和与及]", self.text[end:s]):
                    found.append(j)
                    end = e
            return found
        # 给了它极大的帮助: the one it was given to
        give = re.search(r"给了?([^，。；]{1,12}?)(?:极大的|很大的|大力的|许多)?$", self.text[c0:vs])
        if give:
            g0 = c0 + give.start(1)
            inside = [j for s, e, j in self.units_in(g0, vs) if j not in helpers]
            if inside:
                return inside[:1]
        at = [j for s, e, j in self.units_in(c0, vs) if self.text[max(c0, s - 1) : s] == "在" and j not in helpers]
        if at:
            return at[:1]
        if _VAGUE_OBJECT.search(self.text, ve, c1):
            return []
        for lo, hi in ((a, b), (sa, sb)):
            others = list(dict.fromkeys(
                j for s, e, j in self.units_in(lo, hi)
                if j not in helpers and self.ms[j].part_of not in helpers and self.ms[j].type is EntityType.ENTERPRISE))
            if len(others) == 1:
                return others
            if others:
                return []
        if self.main is not None and all(self.ms[h].part_of == self.main for h in helpers):
            return [self.main]
        return []

    def _status(self, c0: int, vs: int) -> str:
        before = self.text[max(c0, vs - 10) : vs]
        for pattern, status in _STATUS:
            if pattern.search(before):
                return status
        if before.endswith(("要", "将", "会")):
            return "Planned"
        return "Done"

    def _forms(self, a: int, b: int, vs: int, helpers: list[int]) -> tuple[HelpForm, ...]:
        start = max([self.ms[h].end for h in helpers if self.ms[h].end <= vs] + [a])
        end = min([i for i in range(vs, b) if self.text[i] in "，,"][1:2] + [b])
        scope = self.text[start:end]
        forms: set[HelpForm] = set()
        send = _SEND.search(self.text[start:vs])
        if send:
            forms.add(HelpForm.PERSONNEL)
            if _WORKERS.search(self.text[start:vs]):
                forms.add(HelpForm.LABOUR)
        for form, pattern in _FORMS:
            if pattern.search(scope[vs - start:] if form is not HelpForm.MATERIALS else scope):
                forms.add(form)
        order = list(HelpForm)
        return tuple(sorted(forms, key=order.index)) or (HelpForm.UNSPECIFIED,)

    # -- mutual aid
    def mutual(self, a: int, b: int) -> tuple[list[int], tuple[HelpForm, ...]] | None:
        rec = _RECIPROCAL.search(self.text, a, b)
        if rec is None:
            return None
        if re.match(r"[^，。；]{0,4}(?:合同|协议|公约)", self.text[rec.end() : b]):
            return None  # 签订互助合同: an agreement to help, not help given
        units = list(dict.fromkeys(j for s, e, j in self.units_in(a, rec.start(), (EntityType.ENTERPRISE,))
                                   if not self._preposed(s, a)))
        if len(units) < 2:
            return None
        scope = self.text[rec.start() : b]
        forms = set()
        if re.search(r"经验|技术|资料", scope):
            forms.add(HelpForm.TECHNICAL_EXPERIENCE)
        if re.search(r"人力|派人", scope):
            forms.add(HelpForm.LABOUR)
        if re.search(r"物力|物资|材料", scope):
            forms.add(HelpForm.MATERIALS)
        order = list(HelpForm)
        return units, tuple(sorted(forms, key=order.index)) or (HelpForm.UNSPECIFIED,)

    # -- participation
    def participation(self, a: int, b: int) -> list[tuple[int, int]]:
        out = []
        campaigns = self.units_in(a, b, (EntityType.CAMPAIGN,))
        for cs, ce, c in campaigns:
            seg0 = max([i + 1 for i in range(a, cs) if self.text[i] in _SEGMENT_SEP] + [a])
            head = self.text[seg0:cs]
            unit: list[int] = []
            # A的C, A在C中
            for s, e, j in self.units_in(seg0, cs):
                if e == cs or (e == cs - 1 and self.text[e] == "的") or (
                        self.text[e : e + 2] == "的“" and e + 2 == cs - 0):
                    unit = [j]
            if not unit:  # A之间的C, A、B之间的C
                among = _AMONG.search(head)
                if among is not None:
                    unit = self._listed_before(seg0, seg0 + among.start())
            if not unit and self.text.startswith(("会议", "大会"), ce) and _CONVENE.search(head):
                unit = [j for j in self._subject(seg0, cs)[:1]
                        if _DELEGATES.match(self.text, next(e for s, e, k in self.units_in(seg0, cs) if k == j))]
            if not unit and re.search(r"在$", head) and self.text.startswith("中", ce):
                unit = self._first_subject(seg0, cs)
            if not unit and _PARTICIPATE.search(head):
                where = re.search(r"在((?:全|本|该|这个)(?:矿|厂|公司))", head)
                if where:
                    j = self._reference(where.group(1), seg0 + where.start(1))
                    unit = [j] if j is not None else []
                else:  # the subject of the verb's own clause (…，总结了甲厂开展C的经验), else of the segment
                    c0 = self._clause_bounds(cs, seg0, cs)[0]
                    verb = [v.start() for v in _PARTICIPATE.finditer(self.text, c0, cs)]
                    unit = self._first_subject(c0, verb[-1]) if c0 > seg0 and verb else []
                    unit = unit or self._first_subject(seg0, cs)
            for j in unit:
                j = self._participant(j)
                if j is not None:
                    out.append((j, c))
        return out

    def _first_subject(self, a: int, b: int) -> list[int]:
        """The first unit of a segment's subject, with the units named by the same words (甲、乙等地的钢厂)."""
        found = self._subject(a, b)
        if not found:
            return []
        span = next((s, e) for s, e, j in self.units_in(a, b) if j == found[0])
        return [found[0]] + [j for s, e, j in self.units_in(a, b) if (s, e) == span and j != found[0]]

    def _listed_before(self, a: int, end: int) -> list[int]:
        """The units named right before ``end`` (甲厂, 甲厂、乙厂和丙厂), in order."""
        units = self.units_in(a, end)
        found: list[int] = []
        for s, e, j in reversed(units):
            if e > end:
                continue
            if e == end or (found and re.fullmatch(r"[、和与及]", self.text[e:end])):
                found.insert(0, j)
                end = s
            else:
                break
        return list(dict.fromkeys(found))

    def _participant(self, j: int) -> int | None:
        m = self.ms[j]
        if m.type is EntityType.ENTERPRISE:
            return j
        if m.part_of is not None and self.ms[m.part_of].type is EntityType.ENTERPRISE:
            return m.part_of
        return None

    # -- measurements
    def measurements(self, a: int, b: int, carry: int | None) -> list[tuple]:
        from kg.extract.zh_numbers import find_numbers

        out = []
        sentence = self.text[a:b]
        subject = carry  # a sentence that names no unit goes on about the unit of the sentence before
        for n in find_numbers(sentence):
            ns, ne = a + n.start, a + n.end
            unit = n.unit
            if unit is None and n.decimals and "系数" in sentence:
                unit = "coefficient"
            if unit in ("jin", "dan") and self.text[max(a, ns - 2) : ns] == "每亩":
                unit = f"{unit}/mu"  # a yield: 每亩四百二十斤
            if unit not in _MEASURE_UNITS:
                continue
            c0 = self._clause_bounds(ns, a, b)[0]
            seg0 = max([i + 1 for i in range(a, ns) if self.text[i] in _SEGMENT_SEP] + [a])
            before = self.text[c0:ns]
            tail = self.text[max(c0, ns - 8) : ns]
            if _SURPLUS.search(before):
                kind = MeasurementKind.SURPLUS
            elif _CHANGE.search(tail) and not self.text.startswith("到", ns - 1):
                kind = MeasurementKind.CHANGE
            elif _LEVEL.search(tail) or unit == "coefficient":
                kind = MeasurementKind.LEVEL
            else:
                continue
            if _TARGET.search(self.text[seg0:ns]) and kind is not MeasurementKind.LEVEL or (
                    re.search(r"决定|保证|争取|力争", self.text[seg0:ns])):
                kind = MeasurementKind.TARGET
            subj = self._measure_subject(ns, ne, seg0, b)
            if subj is None:
                subj = subject
            if subj is None:
                continue
            subject = subj
            out.append((subj, self._indicator(self.text[seg0:ns], kind), n.value, unit, kind, n.lower_bound))
        return out

    def _measure_subject(self, ns: int, ne: int, seg0: int, b: int) -> int | None:
        after = re.match(r"[^，。；]{0,3}?的", self.text[ne : ne + 4])
        if after:
            nxt = [j for s, e, j in self.units_in(ne, min(b, ne + 16), (EntityType.ENTERPRISE,))
                   if s == ne + after.end()]
            if nxt:
                return nxt[0]
        cands = [(s, j) for s, e, j in self.units_in(seg0, ns, (EntityType.ENTERPRISE,))
                 if not self._preposed(s, seg0)]
        return cands[-1][1] if cands else None

    @staticmethod
    def _indicator(text: str, kind: MeasurementKind) -> str:
        for word, english in _INDICATORS:
            if word in text:
                return english
        return "output above plan" if kind is MeasurementKind.SURPLUS else "output"

    # -- all records
    def read(self) -> ArticleExtraction:
        aid, tag = self.article.id, self.tag
        title = self.article.title_zh or ""
        frame = next((self._canon(j) for j, m in enumerate(self.ms)
                      if m.type is EntityType.CAMPAIGN and m.name_zh in title), None)
        assistance, planned, mutual, measures, participation = [], [], [], [], []
        carry: int | None = None
        for a, b in self.sentences():
            ev = self.evidence(a, b)
            for h, r, forms, status, campaign in self.help(a, b, frame):
                if status == "Done":
                    assistance.append((h, r, forms, campaign, ev))
                    if campaign is not None:
                        participation += [(self._participant(u), campaign, ev) for u in (h, r)]
                else:
                    planned.append((h, r, forms, status, campaign, ev))
            mu = self.mutual(a, b)
            if mu is not None:
                mutual.append((mu[0], mu[1], ev))
            participation += [(u, c, ev) for u, c in self.participation(a, b)]
            found = self.measurements(a, b, carry)
            measures += [(*f, ev) for f in found]
            firsts = [j for s, e, j in self.units_in(a, b, (EntityType.ENTERPRISE,)) if not self._preposed(s, a)]
            carry = found[-1][0] if found else (firsts[0] if firsts else None)
        def ids(j: int) -> str:
            return self.ms[j].id

        part_records, seen = [], set()
        for u, c, ev in participation:
            if u is None or (u, c) in seen:
                continue
            seen.add((u, c))
            part_records.append(Participation(id=f"{aid}-{tag}p{len(part_records) + 1}", participant=ids(u),
                                              campaign=ids(c), evidence=ev))
        return ArticleExtraction(
            article=self.article,
            mentions=tuple(self.mention_records()),
            assistance=tuple(
                Assistance(id=f"{aid}-{tag}a{n + 1}", helper=ids(h), recipient=ids(r),
                           campaign=ids(c) if c is not None else None, forms=forms, evidence=ev)
                for n, (h, r, forms, c, ev) in enumerate(assistance)),
            planned_assistance=tuple(
                PlannedAssistance(id=f"{aid}-{tag}d{n + 1}", helper=ids(h), recipient=ids(r), status=status,
                                  campaign=ids(c) if c is not None else None, forms=forms, evidence=ev)
                for n, (h, r, forms, status, c, ev) in enumerate(planned)),
            mutual_aid=tuple(
                MutualAid(id=f"{aid}-{tag}u{n + 1}", participants=tuple(ids(j) for j in units), forms=forms,
                          evidence=ev)
                for n, (units, forms, ev) in enumerate(mutual)),
            measurements=tuple(
                Measurement(id=f"{aid}-{tag}m{n + 1}", subject=ids(s), indicator=ind, value=Decimal(value),
                            unit=unit, kind=kind, lower_bound=lower, evidence=ev)
                for n, (s, ind, value, unit, kind, lower, ev) in enumerate(measures)),
            participation=tuple(part_records),
        )

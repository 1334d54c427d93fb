"""From a parsed article to its records: mentions, help, mutual aid, measurements, participation.

:func:`extract_article` is the one public function; each kind of fact has its
own module (:mod:`.help`, :mod:`.measures`, :mod:`.participation`) working on
the mentions of :mod:`.mentions`. References in the returned records are
mention ids; :mod:`kg.resolve` turns them into entities.
"""

from __future__ import annotations

import logging
import re

from spacy.tokens import Doc, Span

from kg.extract.chinese import chinese_name, place_in_text, quoted_chinese
from kg.extract.help import find_help, find_mutual_aid
from kg.extract.measures import find_measurements
from kg.extract.mentions import MentionIndex, RawMention, dateline_end, find_mentions
from kg.extract.participation import find_participation
from kg.extract.places import nested_place
from kg.extract.syntax import members_of
from kg.schemas import (
    Article,
    ArticleExtraction,
    Assistance,
    EntityType,
    Evidence,
    Measurement,
    Mention,
    MutualAid,
    Participation,
    PlannedAssistance,
)

log = logging.getLogger(__name__)

__all__ = ["extract_article", "body_text", "body_pieces", "merge_pieces"]


# Characters the parser reads as their plain counterparts, one for one, so that offsets hold:
# zero-width characters and odd spaces become spaces, full-width punctuation ASCII.
_FOR_PARSER = str.maketrans(
    {
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000", " "),
        "，": ",", "。": ".", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?", "、": ",",
    }
)


def _body(article: Article) -> tuple[str, int]:
    """The English body as it stands in the file, without a leading dateline, and its offset."""
    if article.english is None:
        return "", 0
    text = article.english.text
    cut = dateline_end(text)
    lead = len(text[cut:]) - len(text[cut:].lstrip())
    return text[cut + lead :], article.english.start + cut + lead


def body_text(article: Article) -> tuple[str, int]:
    """The English text the parser reads, and its offset in the source file.

    A leading dateline ("Xinhua News Agency, Taiyuan, May 3rd:") is left
    out: it is not content, and the parser would hang the first sentence on it.
    Zero-width characters and full-width punctuation are read as their plain
    counterparts; the text keeps its length, so offsets into it are offsets
    into the file, and evidence is always copied from the file's own text.
    """
    text, offset = _body(article)
    return text.translate(_FOR_PARSER), offset


PIECE_CHARS = 20_000  # the parser's memory grows with the text: long articles go in pieces


def body_pieces(article: Article, size: int | None = None) -> list[tuple[int, str]]:
    """The parser's text of an article in pieces of at most ``size`` characters (default
    :data:`PIECE_CHARS`), cut at line ends.

    Returns (offset in the body text, piece) pairs; one pair for most articles.
    """
    size = size or PIECE_CHARS
    text, _ = body_text(article)
    pieces, start = [], 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut <= start:
            cut = text.rfind(" ", start, start + size)
        cut = cut + 1 if cut > start else start + size
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


def _evidence(article: Article, sent: Span, body: str, offset: int) -> Evidence:
    """The sentence as it stands in the source file (whitespace at its ends left out)."""
    raw = body[sent.start_char : sent.end_char]
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    start = offset + sent.start_char + lead
    return Evidence(article=article.id, text=text, start=start, end=start + len(text))


_PART_NAME = re.compile(r"^(?:No\.|\d)|^(?:\w+(?:'s)? )?Party (?:general )?(?:committee|branch)\b")


def _is_part_name(m: RawMention) -> bool:
    """Numbered shafts and teams, and a unit's own Party committee, are parts of the unit."""
    return bool(_PART_NAME.match(m.name))


_SUB_UNIT_HEADS = {"shaft", "well", "pit", "team", "brigade", "workshop", "shop", "section"}


def _main_unit(index: MentionIndex, title: str = "") -> int | None:
    """The enterprise the article is about.

    The top-level named enterprise that definite descriptions ("the mine",
    "this factory") refer to most often, then the one named most often; of
    two alike, the one the title names.
    """
    score: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for j in range(len(index.mentions)):
        r = index.resolve(j)
        top = index.mentions[r]
        if top.type is not EntityType.ENTERPRISE or not top.named or not top.name[:1].isupper():
            continue
        if _is_part_name(top) or top.head in _SUB_UNIT_HEADS or top.plural:  # a group is no one unit
            continue
        key = top.name.lower()
        s = score.setdefault(key, [0, 0])
        s[0 if r != j else 1] += 1
        first.setdefault(key, r)
    if not score:
        return None
    ranked = sorted(score, key=lambda k: (score[k][0], score[k][1]), reverse=True)
    if len(ranked) > 1 and score[ranked[0]] == score[ranked[1]]:
        titled = [k for k in ranked if score[k] == score[ranked[0]] and k in title.lower()]
        if len(titled) != 1:
            return None
        ranked = titled
    if sum(score[ranked[0]]) < 2:
        return None
    return first[ranked[0]]


def _untied_groups(index: MentionIndex, tied: set[int]) -> set[str]:
    """Mention ids of the groups no record is about, and of the mentions that refer to them: a class
    of units ("advanced enterprises in the two cities") is an entity only where it acts as one."""
    tied = {index.resolve(j) for j in tied}
    out: set[str] = set()
    for j, m in enumerate(index.mentions):
        r = index.resolve(j)
        group = index.mentions[r]
        if group.plural and not group.parts and r not in tied and not members_of(r, index):
            out.add(m.id)
    return out


def _without_dangling(article: Article, mentions: list[Mention]) -> list[Mention]:
    """The mentions with no reference to a mention left out (logged: a bug to report, not a reason to
    lose the article)."""
    ids = {m.id for m in mentions}
    out = []
    for m in mentions:
        gone = {f: getattr(m, f) for f in ("refers_to", "part_of", "located_in") if getattr(m, f) and getattr(m, f) not in ids}
        if gone:
            log.warning("%s: mention %s refers to mentions left out (%s); the references are dropped",
                        article.source, m.id, ", ".join(f"{f}={v}" for f, v in sorted(gone.items())))
            m = m.model_copy(update=dict.fromkeys(gone))
        out.append(m)
    return out


def _named_as_part(m: RawMention) -> bool:
    """A name that is a part's: numbered ("No. 6 Mine"), or in lower case as a Party committee's."""
    return _is_part_name(m) or (m.type is EntityType.ORGANIZATION and m.named and m.name[:1].islower())


def _is_sub_unit(m: RawMention, main: RawMention) -> bool:
    """Numbered parts, a unit's Party committee, and the shafts of a mine belong to the main unit."""
    if _named_as_part(m):
        return True
    return m.type is EntityType.ENTERPRISE and main.head in ("mine", "colliery") and m.head in _SUB_UNIT_HEADS


def _owner(index: MentionIndex, j: int) -> int | None:
    """ "the Party committee of the X Commune": the named unit that mention ``j``, a part's
    (:func:`_named_as_part`), says it belongs to."""
    m = index.mentions[j]
    if not _named_as_part(m):
        return None
    last = index.doc[m.end - 1]
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                k = index.at(pobj) if pobj.dep_ == "pobj" else None
                if k is not None:
                    r = index.resolve(k)
                    if r != j and index.mentions[r].named \
                            and index.mentions[r].type in (EntityType.ENTERPRISE, EntityType.ORGANIZATION):
                        return r
    return None


def _located_in(index: MentionIndex, m: RawMention) -> int | None:
    """ "X in Y": the place a unit is said to be in."""
    last = index.doc[m.end - 1]
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                j = index.at(pobj)
                if j is not None and index.mentions[j].type is EntityType.PLACE:
                    return j
    return None


def _role(index: MentionIndex, m: RawMention) -> str | None:
    """A person's function from an apposition: "Wang Dehai, the secretary of ..."."""
    last = index.doc[m.end - 1]
    for child in last.children:
        if child.dep_ == "appos":
            span = index.doc[child.left_edge.i : child.right_edge.i + 1]
            return span.text.removeprefix("the ").strip(" ,")
    return None


def _named_elsewhere(index: MentionIndex, group: RawMention, name: str, place: RawMention | None) -> str | None:
    """The name the article gives elsewhere to one unit of a group named by places: "Handan Cement
    Plant" for the "cement plant in Handan" of "cement plants in Handan and Tangshan"; None unless exactly
    one named unit of the kind starts with the place and ends like the group's head."""
    if place is None or " in " not in name:
        return None
    head = " " + name.rsplit(" in ", 1)[0].lower()
    prefix = place.name.lower() + " "
    found = {o.name for o in index.mentions
             if o.named and not o.parts and o.type is group.type and o.name.lower().startswith(prefix)
             and len(o.name) > len(prefix) and head.endswith(" " + o.name.lower()[len(prefix):])}
    return found.pop() if len(found) == 1 else None


_QUOTE_MARKS = frozenset("\"“”'‘’")


def _in_quotes(doc: Doc, m: RawMention) -> bool:
    """Whether the English writes the mention between quotation marks."""
    return 0 < m.start and m.end < len(doc) and doc[m.start - 1].text in _QUOTE_MARKS and doc[m.end].text in _QUOTE_MARKS


def _nested_place(m: RawMention, text: str, start: int, article: Article, zh: str, at: float) -> Mention | None:
    """The place a unit's name holds ("Hebei" in "Hebei Provincial Committee"), as a mention of its own."""
    if not m.named or m.type not in (EntityType.ENTERPRISE, EntityType.ORGANIZATION):
        return None
    name = nested_place(m.name)
    where = text.find(name) if name else -1
    if name is None or where < 0:
        return None
    return Mention(id=f"{m.id}.place", article=article.id, text=name, start=start + where,
                   end=start + where + len(name), type=EntityType.PLACE, name=name,
                   name_zh=chinese_name(name, zh, at=at))


def _mentions(article: Article, index: MentionIndex, main: int | None, body: str, offset: int,
              tag: str = "") -> list[Mention]:
    """The output mentions; ``main`` is the unit the article is about (:func:`_main_unit`)."""
    doc = index.doc
    for n, m in enumerate(index.mentions):
        m.id = f"{article.id}#{tag}m{n + 1}"
    zh = article.chinese.text if article.chinese is not None else ""
    names_zh: dict[str, str | None] = {}
    out = []
    for j, m in enumerate(index.mentions):
        span = doc[m.start : m.end]
        start = offset + span.start_char
        text = body[span.start_char : span.end_char]
        part_of = None
        owner = _owner(index, j)
        if owner is not None and m.type in (EntityType.ENTERPRISE, EntityType.ORGANIZATION):
            part_of = index.mentions[owner].id  # "the Party committee of the X Commune": X's, whatever the article's unit
        elif (main is not None and j != main and index.resolve(j) != main
              and _is_sub_unit(index.mentions[index.resolve(j)], index.mentions[main])):  # as what it refers to
            if m.type in (EntityType.ENTERPRISE, EntityType.ORGANIZATION):
                part_of = index.mentions[main].id
        if index.resolve(j) != j and index.mentions[index.resolve(j)].parts:
            continue
        if index.mentions[index.resolve(j)].members:
            continue  # "the two mills": the records name each mill  # "these plants" for plants in three places: the records name each plant, no entity is this
        if m.parts:  # one unit per place
            for k, (name, place_i) in enumerate(m.parts):
                place = next((p for p in index.mentions if p.type is EntityType.PLACE and p.start <= place_i < p.end),
                             None)
                out.append(Mention(id=f"{m.id}.{k + 1}", article=article.id, text=text, start=start,
                                   end=start + len(text), type=m.type, name=_named_elsewhere(index, m, name, place) or name,
                                   located_in=place.id if place is not None else None))
            continue
        loc = _located_in(index, m) if m.type is not EntityType.PERSON else None
        nested = None
        if m.named:
            at = place_in_text(article.english.text, start - article.english.start)
            if m.name not in names_zh:
                names_zh[m.name] = chinese_name(m.name, zh, at=at)
                if names_zh[m.name] is None and _in_quotes(doc, m):  # a slogan: translated, not spelt
                    names_zh[m.name] = quoted_chinese(m.name, zh, at=at)
            nested = _nested_place(m, text, start, article, zh, at)
        if nested is not None:
            out.append(nested)
        out.append(
            Mention(
                id=m.id,
                article=article.id,
                text=text,
                start=start,
                end=start + len(text),
                type=m.type,
                name=m.name,
                name_zh=names_zh.get(m.name) if m.named else None,
                refers_to=index.mentions[m.refers_to].id if m.refers_to is not None else None,
                part_of=part_of,
                located_in=(index.mentions[loc].id if loc is not None
                            else nested.id if nested is not None else None),
                role=_role(index, m) if m.type is EntityType.PERSON else None,
            )
        )
    return out


def _frame_campaign(article: Article, index: MentionIndex) -> int | None:
    """A campaign named in the title frames every act of help in the article."""
    title = (article.title or "").lower()
    for j, m in enumerate(index.mentions):
        if m.type is EntityType.CAMPAIGN and m.name.lower() in title:
            return index.resolve(j)
    return None


def extract_article(article: Article, doc: Doc, piece: tuple[int, int] = (0, 0)) -> ArticleExtraction:
    """Records of one article; ``doc`` is the parsed text of :func:`body_text`.

    A long article is parsed in pieces (see :func:`body_pieces`): ``piece`` is
    then (the piece's number, its offset in the body text), and ids of
    mentions and records carry the piece number from the second piece on.
    """
    if article.english is None:
        return ArticleExtraction(article=article)
    body, offset = _body(article)
    number, at = piece
    body, offset = body[at : at + len(doc.text)], offset + at
    tag = f"c{number}" if number else ""
    index = find_mentions(doc)
    main = _main_unit(index, article.title or "")  # never a group ("the Xi and Dong mines" are several units)
    mentions = _mentions(article, index, main, body, offset, tag)
    frame = _frame_campaign(article, index)

    def ids(j: int) -> list[str]:
        """Mention ids a mention index stands for: a distributed group stands for each of its units."""
        m = index.mentions[index.resolve(j)]
        if m.members:  # "the two mills": each of the two named before
            return [i for k in m.members for i in ids(index.resolve(k))]
        m = index.mentions[j]
        return [f"{m.id}.{k + 1}" for k in range(len(m.parts))] if m.parts else [m.id]

    def ev(sent: Span) -> Evidence:
        return _evidence(article, sent, body, offset)

    assistance, mutual, measures, participation = [], [], [], []
    for sent in doc.sents:
        for h in find_help(sent, index):
            assistance.append((h, h.campaign if h.campaign is not None else frame))
        mutual += find_mutual_aid(sent, index, main)
        measures += find_measurements(sent, index, article.date)
        participation += [(p.participant, p.campaign, p.sentence) for p in find_participation(sent, index)]
    planned = [(h, c) for h, c in assistance if h.status != "Done"]
    assistance = [(h, c) for h, c in assistance if h.status == "Done"]
    for h, campaign in assistance:  # enterprises that help or are helped in a campaign take part in it
        if campaign is not None:
            participation += [(u, campaign, h.sentence) for u in (h.helper, h.recipient)
                              if index.mentions[u].type is EntityType.ENTERPRISE]
    tied = {*(u for h, _ in assistance + planned for u in (h.helper, h.recipient)), *(f.subject for f in measures),
            *(u for f in mutual for u in f.participants), *(u for u, _, _ in participation)}
    untied = _untied_groups(index, tied)
    mentions = _without_dangling(article, [m for m in mentions if m.id not in untied])

    seen_part: set[tuple[str, str]] = set()
    part_records = []
    for unit, campaign, sent in participation:
        for u in ids(unit):
            for c in ids(campaign):
                if (u, c) in seen_part:
                    continue
                seen_part.add((u, c))
                part_records.append(Participation(id=f"{article.id}-{tag}p{len(part_records) + 1}", participant=u,
                                                  campaign=c, evidence=ev(sent)))
    help_records = []
    for h, c in assistance:
        for helper in ids(h.helper):
            for recipient in ids(h.recipient):
                help_records.append(Assistance(
                    id=f"{article.id}-{tag}a{len(help_records) + 1}", helper=helper, recipient=recipient,
                    campaign=ids(c)[0] if c is not None else None, forms=h.forms, evidence=ev(h.sentence)))
    planned_records = [
        PlannedAssistance(id=f"{article.id}-{tag}d{n + 1}", helper=ids(h.helper)[0], recipient=ids(h.recipient)[0],
                          status=h.status, campaign=ids(c)[0] if c is not None else None, forms=h.forms,
                          evidence=ev(h.sentence))
        for n, (h, c) in enumerate(planned)
    ]
    measure_records = [
        Measurement(id=f"{article.id}-{tag}m{n + 1}", subject=ids(f.subject)[0], indicator=f.indicator, value=f.value,
                    unit=f.unit, kind=f.kind, period=f.period, lower_bound=f.lower_bound, evidence=ev(f.sentence))
        for n, f in enumerate(measures)
    ]
    return ArticleExtraction(
        article=article,
        mentions=tuple(mentions),
        assistance=tuple(help_records),
        planned_assistance=tuple(planned_records),
        mutual_aid=tuple(
            MutualAid(
                id=f"{article.id}-{tag}u{n + 1}",
                participants=tuple(i for p in u.participants for i in ids(p)),
                forms=u.forms,
                evidence=ev(u.sentence),
            )
            for n, u in enumerate(mutual)
        ),
        measurements=tuple(measure_records),
        participation=tuple(part_records),
    )


def merge_pieces(article: Article, parts: list[ArticleExtraction]) -> ArticleExtraction:
    """One article's extraction from the extractions of its pieces, aligned with the Chinese original
    (:mod:`kg.extract.align`: Chinese evidence, measurements checked)."""
    from kg.extract.align import align_with_original

    if len(parts) == 1:
        merged = parts[0]
    else:
        fields = ("mentions", "assistance", "planned_assistance", "mutual_aid", "measurements", "participation")
        merged = ArticleExtraction(article=article,
                                   **{f: tuple(r for p in parts for r in getattr(p, f)) for f in fields})
    return align_with_original(article, merged)

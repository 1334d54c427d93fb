"""Mentions of units, people, places and campaigns in a parsed article.

Named mentions come from ``doc.ents``; definite descriptions ("the mine",
"this factory") and descriptive phrases ("another factory that had
difficulties ...") are added as mentions that refer to a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.nlp.lexicon import ENTERPRISE_HEADS, ORGANIZATION_HEADS, head_type
from kg.schemas import EntityType

__all__ = ["MentionIndex", "RawMention", "find_mentions", "dateline_end", "clean_name"]

_LABEL_TYPES = {
    "ENTERPRISE": EntityType.ENTERPRISE,
    "ORGANIZATION": EntityType.ORGANIZATION,
    "CAMPAIGN": EntityType.CAMPAIGN,
    "PLACE": EntityType.PLACE,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "PERSON": EntityType.PERSON,
}
_HEAD_TYPES = {
    "Enterprise": EntityType.ENTERPRISE,
    "Organization": EntityType.ORGANIZATION,
    "Campaign": EntityType.CAMPAIGN,
    "Place": EntityType.PLACE,
}
_DEFINITE = {"the", "this", "that"}
_INDEFINITE = {"another", "a", "an"}
# A dateline: "Xinhua News Agency, Changchun, September 12th:" or "(Our report)".
_DATELINE = re.compile(
    r"^\s*(?:\((?:Our|This paper's) report\)|[^.:\n]{0,60}(?:News Agency|Dispatch|Telegram)[^.:\n]{0,60}:)",
    re.IGNORECASE,
)
_QUOTES = "\"'“”‘’"


def dateline_end(text: str) -> int:
    """Offset where the body starts after a leading dateline (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def clean_name(text: str) -> str:
    """A mention's name: no leading article, no trailing possessive, no outer quotes."""
    name = re.sub(r"^(?:the|The|this|This|that|That)\s+", "", text.strip())
    name = re.sub(r"(?:'s|’s|')$", "", name)
    if name and name[0] in _QUOTES and name[-1] in _QUOTES and name.count(name[0]) <= 2:
        name = name[1:-1]
    return name.strip()


@dataclass
class RawMention:
    """A mention while the extractor works on it (article-local, token based)."""

    start: int  # token index in the Doc
    end: int
    type: EntityType
    name: str
    named: bool  # a proper name, as opposed to a description or an anaphor
    head: str = ""  # the head noun, lower case ("mine" for "Jiaohe Coal Mine")
    refers_to: int | None = None  # index into MentionIndex.mentions
    role: str | None = None
    id: str = field(default="")

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


class MentionIndex:
    """The mentions of one Doc, findable by token."""

    def __init__(self, doc: Doc, mentions: list[RawMention]) -> None:
        self.doc = doc
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._by_token: dict[int, int] = {}
        for i, m in enumerate(self.mentions):
            for t in range(m.start, m.end):
                self._by_token.setdefault(t, i)

    def at(self, token: Token) -> int | None:
        """Index of the mention covering ``token``, or None."""
        return self._by_token.get(token.i)

    def resolve(self, i: int) -> int:
        """Follow ``refers_to`` links to the mention named in the text."""
        seen = set()
        while self.mentions[i].refers_to is not None and i not in seen:
            seen.add(i)
            i = self.mentions[i].refers_to
        return i

    def before(self, token_i: int, types: set[EntityType]) -> list[int]:
        """Mentions of ``types`` that end before token ``token_i``, nearest first."""
        return [
            i
            for i in range(len(self.mentions) - 1, -1, -1)
            if self.mentions[i].end <= token_i and self.mentions[i].type in types
        ]


def _type_of_ent(ent: Span) -> EntityType | None:
    label = ent.label_
    if label in _LABEL_TYPES:
        # The model calls many unit names GPE or PERSON; the last word decides.
        if label in ("GPE", "LOC", "PERSON"):
            ht = head_type(ent[-1].text.split()[-1])
            if ht in ("Enterprise", "Organization", "Campaign"):
                return _HEAD_TYPES[ht]
        return _LABEL_TYPES[label]
    if label in ("ORG", "FAC", "EVENT", "WORK_OF_ART"):
        ht = head_type(ent[-1].text.split()[-1])
        if ht:
            return _HEAD_TYPES[ht]
        return EntityType.ORGANIZATION if label == "ORG" else None
    return None


def _descriptive(doc: Doc, tok: Token, start: int) -> RawMention | None:
    """A unit described, not named: "the mine", "another factory that had ..."."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not (lemma in ENTERPRISE_HEADS or lemma in ORGANIZATION_HEADS):
        return None
    if tok.tag_ in ("NNS", "NNPS"):
        return None
    dets = [c for c in tok.children if c.dep_ in ("det", "predet") and c.i < tok.i]
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.i < tok.i]
    if not dets:
        return None
    det = dets[0].lower_
    typ = _HEAD_TYPES[head_type(lemma) or "Enterprise"]
    if det in _DEFINITE:
        first = min([dets[0].i] + [m.i for m in mods])
        span = doc[first : tok.i + 1]
        return RawMention(span.start, span.end, typ, clean_name(span.text), named=False, head=lemma)
    if det in _INDEFINITE and any(c.dep_ in ("relcl", "acl") for c in tok.children):
        end = tok.right_edge.i + 1
        span = doc[dets[0].i : end]
        name = span.text if det == "another" else doc[dets[0].i + 1 : end].text
        return RawMention(span.start, span.end, typ, name, named=True, head=lemma)
    return None


def find_mentions(doc: Doc, body_start: int = 0) -> MentionIndex:
    """Mentions of a parsed English body; tokens before ``body_start`` (a dateline) are skipped."""
    mentions: list[RawMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.start_char < body_start:
            continue
        typ = _type_of_ent(ent)
        if typ is None:
            continue
        name = clean_name(ent.text)
        if not name:
            continue
        mentions.append(RawMention(ent.start, ent.end, typ, name, named=True, head=name.split()[-1].lower()))
        covered.update(range(ent.start, ent.end))
    mentions += _list_members(doc, mentions, covered, body_start)
    for tok in doc:
        if tok.idx < body_start or tok.i in covered:
            continue
        m = _descriptive(doc, tok, body_start)
        if m and not covered.intersection(range(m.start, m.end)):
            mentions.append(m)
            covered.update(range(m.start, m.end))
    index = MentionIndex(doc, mentions)
    _link_descriptions(index)
    return index


def _list_members(doc: Doc, mentions: list[RawMention], covered: set[int], body_start: int) -> list[RawMention]:
    """Members listed after "including" / "such as" take the type of the group noun.

    In "seven enterprises, including Gloknov, Tashkent and Ivanovo", the model
    calls Tashkent a place and Gloknov a person; here they are enterprises.
    Members the model missed are added.
    """
    by_start = {m.start: m for m in mentions}
    added: list[RawMention] = []
    for tok in doc:
        if tok.idx < body_start or tok.lower_ not in ("including", "as"):
            continue
        if tok.lower_ == "as" and (tok.i == 0 or doc[tok.i - 1].lower_ != "such"):
            continue
        group = tok.head
        ht = head_type(group.lemma_)
        if ht not in ("Enterprise", "Organization") or group.tag_ not in ("NNS", "NNPS"):
            continue
        typ = _HEAD_TYPES[ht]
        for pobj in (c for c in tok.children if c.dep_ == "pobj"):
            for member in [pobj, *pobj.conjuncts]:
                m = by_start.get(member.i)
                if m is not None:
                    m.type = typ
                elif member.pos_ == "PROPN" and member.i not in covered:
                    added.append(RawMention(member.i, member.i + 1, typ, clean_name(member.text), named=True,
                                            head=member.lower_))
                    covered.add(member.i)
    return added


def _head_word(m: RawMention) -> str:
    return m.head or (m.name.split()[-1].lower() if m.name else "")


def _same_kind(a: str, b: str) -> bool:
    """Head words that can refer to the same kind of unit ("mine" and "colliery")."""
    groups = [
        {"mine", "mines", "colliery", "pit", "shaft", "well"},
        {"factory", "plant", "mill", "works"},
    ]
    return a == b or any(a in g and b in g for g in groups)


def _is_part_name(m: RawMention) -> bool:
    """A numbered part ("No. 6 Mine", "620 coal mining team"): "the mine" never means it."""
    return m.name.startswith("No.") or m.name[:1].isdigit()


def _link_descriptions(index: MentionIndex) -> None:
    """Point each definite description at the unit it means: the nearest earlier unit of its kind."""
    for i, m in enumerate(index.mentions):
        if m.named:
            continue
        head = _head_word(m)
        candidates = [
            j for j in index.before(m.start, {m.type}) if j != i and not _is_part_name(index.mentions[j])
        ]
        # the same head word first ("the mine" -> "X Coal Mine"), then a word of the same kind
        for same in (lambda a, b: a == b, _same_kind):
            found = next((j for j in candidates if same(head, _head_word(index.mentions[j]))), None)
            if found is not None:
                m.refers_to = found
                break

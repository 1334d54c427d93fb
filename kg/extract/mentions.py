"""Mentions of units, people, places and campaigns in a parsed article.

Named mentions come from ``doc.ents``; definite descriptions ("the mine",
"this factory") and descriptive phrases ("another factory that had
difficulties ...") are added as mentions that refer to a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.zh_lexicon import number_word
from kg.nlp.lexicon import (
    CAMPAIGN_HEADS,
    ENTERPRISE_HEADS,
    ORDINALS,
    ORGANIZATION_HEADS,
    PEOPLE,
    head_type,
    is_short_form,
    same_kind,
    short_name_of,
)
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
# A dateline: "Xinhua News Agency, Taiyuan, May 3rd:" or "(Our report)".
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
    """A mention's name: no leading article, no trailing possessive or function word, no outer quotes."""
    name = re.sub(r"^(?:the|The|this|This|that|That)\s+", "", text.strip())
    name = re.sub(r"(?:\s+(?:of|the|and|in|at|for))+$", "", name)  # the model's "First Workshop of the"
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
    head: str = ""  # the head noun, lower case ("mine" for "Hegang Coal Mine")
    count: str | None = None  # the number a group is counted by ("seven")
    plural: bool = False  # a group of units ("steel plants in X", "these plants")
    # "steel plants in Tangshan, Handan and Taiyuan": one unit per place, (name, place token index)
    parts: tuple[tuple[str, int], ...] = ()
    refers_to: int | None = None  # index into MentionIndex.mentions
    # "the two mills" with no group of two named before: the units it counts, named before it
    members: tuple[int, ...] = ()
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
    words = ent.text.split()
    if not words:  # an entity of whitespace tokens only
        return None
    if label in _LABEL_TYPES:
        # The model calls many unit names GPE or PERSON; the last word decides.
        if label in ("GPE", "LOC", "PERSON"):
            ht = head_type(words[-1])
            if ht in ("Enterprise", "Organization", "Campaign"):
                return _HEAD_TYPES[ht]
        return _LABEL_TYPES[label]
    if label in ("ORG", "FAC", "EVENT", "WORK_OF_ART"):
        ht = head_type(words[-1])
        if ht:
            return _HEAD_TYPES[ht]
        return EntityType.ORGANIZATION if label == "ORG" else None
    return None


# Modifiers that say nothing about which campaign is meant.
_GENERIC_MODS = frozenset(
    """new overall whole entire same first second third great large big general various such other
    further this that these those its their our present current large-scale""".split()
)
_MOD_DEPS = ("compound", "amod", "nmod", "npadvmod")


def _campaign_phrase(doc: Doc, tok: Token) -> RawMention | None:
    """A campaign described in lower case: "emulation drives", "the campaign to save fuel
    and raise output", "the movement of skilled workers teaching apprentices",
    "contests with one another". A bare "the competition" is left to :func:`_descriptive`."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in CAMPAIGN_HEADS:
        return None
    if tok.dep_ == "compound" and not (tok.head.lemma_.lower() in _FRAME_NOUNS and tok.head.i == tok.i + 1):
        return None  # "a competition agreement" names the competition; "competition committee" is a body
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in _MOD_DEPS]
    if tok.dep_ == "compound":  # "a socialist competition agreement": the parser hangs "socialist" on the agreement
        mods += [c for c in tok.head.children if c.i < tok.i and c.dep_ in ("amod", "compound")]
    telling = [c for c in mods if c.lower_ not in _GENERIC_MODS and not c.is_title]
    # "the Gaganova movement": a lower-case campaign named after its initiator
    initiator = [c for c in mods if c.dep_ == "compound" and c.pos_ == "PROPN"] if tok.is_lower else []
    right_end = tok.i
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            right_end = c.right_edge.i  # "campaign to increase production"
        elif c.dep_ == "prep" and c.lower_ == "for" and any(
                g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") and g.lemma_.lower() not in _TIME_NOUNS
                for g in c.children):
            right_end = c.right_edge.i  # "the movement for communist labor", "a competition for the title of ..."
        elif c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and any(h.dep_ == "acl" for h in g.children) for g in c.children
        ):
            right_end = c.right_edge.i  # "movement of skilled workers teaching apprentices"
    if doc[tok.i + 1 : tok.i + 4].text.lower() in ("with each other", "with one another"):
        right_end = tok.i + 3  # the parser often hangs "with each other" on the verb
    if not telling and not initiator and right_end == tok.i:
        return None
    start = min((c.left_edge.i for c in telling + initiator), default=tok.i)
    first = tok.head
    if (tok.dep_ == "conj" and first.i < tok.i and first.pos_ == "NOUN" and first.dep_ in ("nmod", "compound")
            and first.lemma_.lower() not in CAMPAIGN_HEADS and any(c.dep_ == "cc" for c in first.children)):
        # "a mutual assistance and cooperation competition meeting": the modifiers are coordinated
        start = min(start, first.left_edge.i)
    while start < tok.i and (doc[start].lower_ in _GENERIC_MODS or doc[start].is_title and doc[start] not in initiator
                             or doc[start].dep_ == "det"):
        start += 1
    span = doc[start : right_end + 1]
    if right_end == tok.i and tok.tag_ == "NNS":  # "emulation drives" -> "... drive"
        name = doc[start : tok.i].text + doc[tok.i - 1].whitespace_ + tok.lemma_.lower()
    else:
        name = span.text
    return RawMention(span.start, span.end, EntityType.CAMPAIGN, name.strip(), named=True, head=tok.lemma_.lower())


_TIME_NOUNS = frozenset("day week month year period time while quarter season".split())

# Nouns a campaign's name may stand before: "a socialist competition agreement", "a ... competition meeting".
_FRAME_NOUNS = frozenset("agreement contract pact pledge meeting conference rally plan".split())

_OPEN_QUOTES = frozenset('"“‘')
_CLOSE_QUOTES = frozenset('"”’')
# "a high tide of '...'", "launched '...'": what makes a quoted phrase a campaign's slogan
_SURGE_NOUNS = frozenset("climax upsurge tide wave surge high campaign movement drive emulation competition".split())
_LAUNCH_VERBS = frozenset("launch start unfold initiate begin".split())


def _slogan(doc: Doc, tok: Token) -> RawMention | None:
    """A campaign known by its slogan in quotes: 'a high tide of "learning from X and catching up with X"'."""
    if tok.text not in _OPEN_QUOTES or tok.i < 2:
        return None
    close = next((t.i for t in doc[tok.i + 1 : tok.i + 20] if t.text in _CLOSE_QUOTES), None)
    if close is None or close - tok.i < 4 or not doc[tok.i + 1].is_lower:
        return None
    before, prev = doc[tok.i - 2], doc[tok.i - 1]
    if not ((prev.lower_ == "of" and before.lemma_.lower() in _SURGE_NOUNS) or prev.lemma_.lower() in _LAUNCH_VERBS):
        return None
    inner = doc[tok.i + 1 : close]
    return RawMention(inner.start, inner.end, EntityType.CAMPAIGN, inner.text, named=True, head=inner[-1].lower_)


def _group(doc: Doc, tok: Token) -> RawMention | None:
    """Enterprises counted or placed as one actor: "thirty-five factories and mines", "seven of the
    largest tractor works in the Urals", "rolling mills in East China"."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.lemma_.lower() not in _GROUP_HEADS:
        return None
    if tok.dep_ == "conj":
        return None
    number = next((c for c in tok.children if c.dep_ == "nummod"), None)
    head = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NUM":
        head, number = tok.head.head, tok.head.head  # "seven of the largest ... enterprises"
    counted = number is not None
    if counted and head == tok and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children):
        # "the seven enterprises": the group counted before
        span = doc[tok.left_edge.i : tok.i + 1]
        return RawMention(span.start, span.end, EntityType.ENTERPRISE, clean_name(span.text), named=False,
                          head=tok.lemma_.lower(), count=number.lower_, plural=True)
    place = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "across", "throughout")
                  and any(_is_place_word(g) for g in c.children if g.dep_ == "pobj")), None)
    # a count makes a group only where it acts ("thirty-five factories have launched ..."),
    # not where it is acted on ("sent two teams")
    counted = counted and head.dep_ in ("nsubj", "nsubjpass")
    if not counted and place is None:
        described = _described_group(doc, tok)
        if described is not None:
            return described
        first = doc[tok.left_edge.i]
        if number is None and first.lower_ in _BACK_DETS and first.i < tok.i:
            # "these steel plants": the group named before (linked by _link_descriptions, or dropped)
            span = doc[first.i : tok.i + 1]
            return RawMention(span.start, span.end, EntityType.ENTERPRISE, clean_name(span.text), named=False,
                              head=tok.lemma_.lower(), plural=True)
        return None
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in _MOD_DEPS + ("nummod", "amod")]
    start = min([c.left_edge.i for c in mods] + [head.i])
    if head != tok:
        start = head.left_edge.i
    while start < tok.i and doc[start].dep_ in ("det", "predet") and doc[start].lower_ in _LEADING_DETS:
        start += 1
    end = tok.i
    for c in tok.children:  # "factories and mines"
        if c.dep_ == "conj" and c.lemma_.lower() in ENTERPRISE_HEADS:
            end = max(end, c.i)
    if place is not None and (head != tok or not counted):
        end = place.right_edge.i
    span = doc[start : end + 1]
    return RawMention(span.start, span.end, EntityType.ENTERPRISE, span.text, named=True, head=tok.lemma_.lower(),
                      count=number.lower_ if number is not None else None, plural=True,
                      parts=_distributed(doc[start : tok.i], tok, place))


_RANK_MODS = frozenset("advanced backward leading lagging weak weaker strong stronger".split())
_NEEDY_VERBS = frozenset("need require lag fall have".split())


def _described_group(doc: Doc, tok: Token) -> RawMention | None:
    """Units described, not named, as a group: "advanced work teams of the X Trust" (ranked, and
    whose), "work teams that need help" (what they lack). Kept only where they act
    (:func:`kg.extract._untied_groups`)."""
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in _MOD_DEPS]
    start = min((c.left_edge.i for c in mods), default=tok.i)
    while start < tok.i and doc[start].dep_ in ("det", "predet"):
        start += 1
    ranked = any(c.dep_ == "amod" and c.lower_ in _RANK_MODS for c in mods)
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    owner = next((g for g in of.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None) if of else None
    if ranked and owner is not None:
        # "advanced work teams of the X Trust": named up to the owner's name, which stays a mention of its own
        name = doc[start : owner.i + 1].text
        return RawMention(start, tok.i + 1, EntityType.ENTERPRISE, clean_name(name), named=True,
                          head=tok.lemma_.lower(), plural=True)
    else:
        clause = next((c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() in _NEEDY_VERBS
                       and any(g.lower_ in ("help", "assistance", "support", "behind", "difficulties", "difficulty")
                               for g in c.subtree)), None)
        if clause is None:
            return None
        span = doc[start : clause.right_edge.i + 1]  # "work teams that need help"
    return RawMention(span.start, span.end, EntityType.ENTERPRISE, clean_name(span.text), named=True,
                      head=tok.lemma_.lower(), plural=True)


def _distributed(mods: Span, tok: Token, place: Token | None) -> tuple[tuple[str, int], ...]:
    """ "Steel plants in Tangshan, Handan and Taiyuan": a plant in each place, when two or more are named."""
    if place is None:
        return ()
    pobj = next(g for g in place.children if g.dep_ == "pobj")
    places = [p for p in [pobj, *pobj.conjuncts] if p.ent_type_ in ("GPE", "LOC", "PLACE")]
    if len(places) < 2:
        return ()
    words = " ".join(t.text if t.pos_ == "PROPN" else t.lower_ for t in mods if t.dep_ not in ("det", "nummod"))
    return tuple((f"{words} {tok.lemma_.lower()} in {p.text}".strip(), p.i) for p in places)


def _places_sharing_a_head(doc: Doc, tok: Token) -> RawMention | None:
    """ "the Baotou and Taiyuan iron and steel companies": a unit in each place named before a shared plural head,
    named by its place and the words of its kind ("Baotou iron and steel company")."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in ENTERPRISE_HEADS or tok.lemma_.lower() == tok.lower_:
        return None
    i = tok.i - 1
    while i >= 0 and doc[i].is_lower and doc[i].is_alpha and doc[i].lower_ not in _NOT_KIND:
        i -= 1
    kind = doc[i + 1 : tok.i].text
    runs: list[list[int]] = []  # the names, last first: runs of title-case words between commas and "and"
    j = i
    while j >= 0:
        if doc[j].is_title and doc[j].pos_ == "PROPN" and doc[j].lower_ not in _NOT_PLACE_NAMES:
            if runs and runs[-1][-1] == j + 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        elif not (runs and doc[j].lower_ in (",", "and") and runs[-1][-1] == j + 1):
            break
        j -= 1
    if len(runs) < 2 or doc[j + 1].lower_ in (",", "and"):
        return None
    head = tok.lemma_.lower()
    parts = tuple((" ".join(w for w in (doc[min(r) : max(r) + 1].text, kind, head) if w), min(r)) for r in reversed(runs))
    return RawMention(j + 1, tok.i + 1, EntityType.ENTERPRISE, doc[j + 1 : tok.i + 1].text, named=True, head=head,
                      plural=True, parts=parts)


# Lower-case words that are no part of a unit's kind ("the Anshan and other steel plants")
_NOT_KIND = frozenset("other all some many several various these those such their its our".split())
_NOT_PLACE_NAMES = frozenset("the this that these those".split())
_GROUP_HEADS = ENTERPRISE_HEADS | {"collective"}
_LEADING_DETS = ("the", "these", "those", "all")
_BACK_DETS = ("these", "those")  # words that point back to a group named before
_PLACE_NOUNS = frozenset("country nation region province city area district republic world".split())


def _is_place_word(tok: Token) -> bool:
    """A place: a proper place name or a word like "country", "region"."""
    return tok.ent_type_ in ("GPE", "LOC", "PLACE") or tok.lemma_.lower() in _PLACE_NOUNS


_SECTION_HEADS = frozenset("section department office bureau committee branch division".split())


def _section(doc: Doc, tok: Token) -> RawMention | None:
    """A unit's office named in lower case: "the mine's supply and haulage section"."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _SECTION_HEADS or tok.dep_ == "compound" or not tok.is_lower:
        return None
    mods = [c for c in tok.children
            if c.i < tok.i and c.dep_ in ("compound", "nmod", "amod") and c.lower_ not in _GENERIC_MODS]
    if not mods:
        return None
    span = doc[min(c.left_edge.i for c in mods) : tok.i + 1]
    if not all(t.is_lower for t in span):
        return None
    return RawMention(span.start, span.end, EntityType.ORGANIZATION, span.text, named=True, head=tok.lemma_.lower())


_PART_HEADS = frozenset("well shaft pit workshop shop team brigade section".split())


def _ordinal_unit(doc: Doc, tok: Token) -> RawMention | None:
    """ "the seventh well", "the third workshop": a numbered part of a unit, named by its ordinal."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lower_ not in _PART_HEADS:
        return None
    ordinal = next((c for c in tok.children if c.i == tok.i - 1 and c.dep_ == "amod"
                    and (c.lower_ in ORDINALS or re.fullmatch(r"\d{1,2}(st|nd|rd|th)", c.lower_))), None)
    if ordinal is None or ordinal.i == 0 or doc[ordinal.i - 1].lower_ != "the":
        return None
    return RawMention(ordinal.i, tok.i + 1, EntityType.ENTERPRISE, f"{ordinal.lower_} {tok.lower_}", named=True,
                      head=tok.lower_)


def _unit_modifier(doc: Doc, tok: Token) -> RawMention | None:
    """ "the mine entrances", "the factory gate": the unit itself, named as a modifier."""
    if tok.dep_ not in ("compound", "amod") or tok.lower_ not in ("mine", "factory", "plant", "mill", "shaft"):
        return None
    if tok.i > 0 and doc[tok.i - 1].text == "-":  # "inter-factory": no unit
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.head.children):
        return None
    return RawMention(tok.i, tok.i + 1, EntityType.ENTERPRISE, tok.lower_, named=False, head=tok.lower_)


def _type_of_head(head: str) -> EntityType:
    return _HEAD_TYPES[head_type(head) or "Enterprise"]


def _descriptive(doc: Doc, tok: Token) -> RawMention | None:
    """A unit described, not named: "the mine", "another factory that had ..."."""
    # "the works" is one plant, though tagged and lemmatized as a plural of "work"
    lemma = "works" if tok.lower_ == "works" else tok.lemma_.lower()
    if tok.pos_ != "NOUN" or not (lemma in ENTERPRISE_HEADS or lemma in ORGANIZATION_HEADS or lemma in CAMPAIGN_HEADS):
        return None
    if tok.tag_ in ("NNS", "NNPS") and lemma != "works":
        return None
    dets = [c for c in tok.children if c.dep_ in ("det", "predet") and c.i < tok.i]
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.i < tok.i]
    owner = next((c for c in mods if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if not dets and owner is not None and lemma in _PART_HEADS and owner.i < tok.i - 1:
        # "sent a team to its assembly shop": a part of the unit, told apart by the words before it
        span = doc[owner.i + 1 : tok.i + 1]
        return RawMention(span.start, span.end, _type_of_head(lemma), span.text, named=False, head=lemma)
    if not dets:
        return None
    det = dets[0].lower_
    typ = _type_of_head(lemma)
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


# People named by their organization: "Party branch secretaries", "a Communist Party member".
_ROLE_NOUNS = frozenset("""secretary member leader director chairman cadre official head deputy representative
    delegate activist""".split())


def _is_attributive(ent: Span, typ: EntityType) -> bool:
    """An organization's name used to say what a person is ("Party branch secretaries") names no unit."""
    root = ent.root
    return (typ is EntityType.ORGANIZATION and root.dep_ == "compound" and root.head.i >= ent.end
            and root.head.lemma_.lower() in _ROLE_NOUNS)


def _is_headline_guess(ent: Span) -> bool:
    """The model's ORG in a headline written in title case ("Secretaries Go to the Front Lines"), with
    no word saying what kind of body it is: a guess from capitals alone."""
    if ent.label_ != "ORG" or head_type(ent.text.split()[-1]):
        return False
    text = ent.doc.text
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.end_char)
    words = [w for w in text[start : end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "at", "by", "with", "into"}
    capitals = [w for w in words if w.lower() not in small]
    return len(capitals) >= 4 and all(w[:1].isupper() for w in capitals)


def find_mentions(doc: Doc) -> MentionIndex:
    """Mentions of a parsed English body (parsed without its dateline, see :func:`kg.extract.body_text`)."""
    mentions: list[RawMention] = []
    covered: set[int] = set()
    for ent in doc.ents:
        typ = _type_of_ent(ent)
        if typ is None or _is_attributive(ent, typ) or _is_headline_guess(ent):
            continue
        name = clean_name(ent.text)
        if not name:
            continue
        mentions.append(RawMention(ent.start, ent.end, typ, name, named=True, head=name.split()[-1].lower()))
        covered.update(range(ent.start, ent.end))
    mentions += _list_members(doc, mentions, covered)
    for tok in doc:
        if tok.i in covered:
            continue
        m = (_slogan(doc, tok) or _ordinal_unit(doc, tok) or _campaign_phrase(doc, tok) or _places_sharing_a_head(doc, tok)
             or _group(doc, tok) or _section(doc, tok)
             or _descriptive(doc, tok) or _unit_modifier(doc, tok))
        if m is None:
            continue
        overlap = covered.intersection(range(m.start, m.end))
        if overlap and m.parts and not m.count:  # "the Fushun and Fuxin coal mines": each name is a place
            starts = {i for _, i in m.parts}
            for x in mentions:
                if x.start in starts and m.start <= x.start and x.end <= m.end and x.type is EntityType.PERSON:
                    x.type = EntityType.PLACE
        if overlap and m.type is EntityType.CAMPAIGN:
            # "the Gaganova movement": the name the model took for a person or a place is the campaign's
            inside = [x for x in mentions if x.start >= m.start and x.end <= m.end
                      and x.type in (EntityType.PERSON, EntityType.PLACE)]
            if inside and set().union(*(range(x.start, x.end) for x in inside)) >= overlap:
                mentions = [x for x in mentions if x not in inside]
                overlap = set()
        # a group may hold a place: "enterprises in the Ukraine"
        if overlap and not (m.count is not None or m.head in _GROUP_HEADS and m.type is EntityType.ENTERPRISE
                            and all(_place_at(mentions, i) for i in overlap)):
            continue
        mentions.append(m)
        covered.update(range(m.start, m.end))
    index = MentionIndex(doc, mentions)
    _link_descriptions(index)
    # "these two mine shafts" with no group of two named before: a generic phrase, not a unit
    # and a bare "the competition" with no campaign before it names nothing
    drop = {
        i
        for i, m in enumerate(index.mentions)
        if not m.named and m.refers_to is None and not m.members
        and (m.count is not None or m.plural or m.type is EntityType.CAMPAIGN)
    }
    if drop:
        keep = [i for i in range(len(index.mentions)) if i not in drop]
        new_pos = {old: new for new, old in enumerate(keep)}
        kept = [index.mentions[i] for i in keep]
        for m in kept:
            if m.refers_to is not None:
                m.refers_to = new_pos.get(m.refers_to)
            m.members = tuple(new_pos[k] for k in m.members if k in new_pos)
        index = MentionIndex(doc, kept)
    return index


def _place_at(mentions: list[RawMention], i: int) -> bool:
    return any(m.start <= i < m.end and m.type is EntityType.PLACE for m in mentions)


def _list_members(doc: Doc, mentions: list[RawMention], covered: set[int]) -> list[RawMention]:
    """Members listed after "including" / "such as" take the type of the group noun.

    In "five enterprises, including Borodin, Samarkand and Orlovo", the model
    calls Samarkand a place and Borodin a person; here they are enterprises.
    Members the model missed are added.
    """
    by_start = {m.start: m for m in mentions}
    added: list[RawMention] = []
    for tok in doc:
        if tok.lower_ not in ("including", "as"):
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


def _is_part_name(m: RawMention) -> bool:
    """A numbered part ("No. 6 Mine", "415 tunnelling team"): "the mine" never means it."""
    return m.name.startswith("No.") or m.name[:1].isdigit()


def _is_subject(index: MentionIndex, m: RawMention) -> bool:
    return index.doc[m.start : m.end].root.dep_ in ("nsubj", "nsubjpass")


_SHORT_NUMBERED = re.compile(r"^(No\. \d+) (?:\w+ )*(\w+)$")  # "No. 6 Mill", "No. 3 Cotton Mill"


def _short_numbered(index: MentionIndex, i: int, m: RawMention) -> int | None:
    """ "the No. 6 Mill" after "the Tianjin No. 6 Cotton Mill": a numbered name cut short refers to the
    full name of the same number and kind named before it, when there is just one."""
    short = _SHORT_NUMBERED.match(m.name)
    if short is None:
        return None
    number, head = short.group(1), short.group(2).lower()
    found = [j for j in index.before(m.start, {m.type}) if j != i and index.mentions[j].named
             and index.mentions[j].name != m.name and f" {number} " in f" {index.mentions[j].name} "
             and same_kind(head, _head_word(index.mentions[j]))]
    # (mentions before it already point at what they name)
    return index.resolve(found[0]) if len({index.mentions[index.resolve(j)].name for j in found}) == 1 else None


def _short_named(index: MentionIndex, i: int, m: RawMention) -> int | None:
    """ "the Luoyang depot" after "the Luoyang Locomotive Depot": a name cut to its first words and a
    lower-case head word (merged by :class:`kg.nlp.UnitNames`) refers to the one unit so named before it."""
    words = m.name.split()
    found = [j for j in index.before(m.start, {m.type}) if j != i and index.mentions[j].named
             and short_name_of(words, index.mentions[j].name.split())]
    return index.resolve(found[0]) if len({index.mentions[index.resolve(j)].name for j in found}) == 1 else None


_ANY_UNIT = frozenset({"enterprise", "unit"})


def _counted_units(index: MentionIndex, i: int, m: RawMention) -> tuple[int, ...]:
    """ "the two mills" when just two mills were named before it: those two (by their first mention)."""
    n = number_word(m.count or "")
    if n is None or not 2 <= n <= 4 or index.doc[m.start].lower_ != "the":
        return ()  # ("these two shafts" points at two a sentence singled out, not at all named so far)
    found: dict[str, int] = {}  # one per unit: "Hongguang Commune" is the "Hongguang People's Commune"
    for j in reversed(index.before(m.start, {m.type})):
        other = index.mentions[index.resolve(j)]
        if (j == i or not other.named or other.plural or other.members
                or not (m.head in _ANY_UNIT or same_kind(m.head, _head_word(other)))):
            continue
        name = other.name.lower()
        if not any(name == k or is_short_form(name, k) or is_short_form(k, name) for k in found):
            found[name] = index.resolve(j)
    return tuple(found.values()) if len(found) == n else ()


_SENDING = frozenset("send dispatch despatch".split())


def _sent_by(index: MentionIndex, m: RawMention) -> int | None:
    """ "A sent a work team to B. The team stayed there ...": a team named by no name, sent by a unit in the
    sentence before or this one, is that unit's people; what it does, the unit does."""
    if m.head not in ("team", "group", "brigade") or m.type is not EntityType.ENTERPRISE:
        return None
    sent = index.doc[m.start].sent
    since = index.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for tok in index.doc[since : m.start]:
        if tok.lemma_.lower() == m.head and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _SENDING \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            j = index.at(subj) if subj is not None else None
            if j is not None and index.mentions[index.resolve(j)].type in (EntityType.ENTERPRISE, EntityType.ORGANIZATION):
                return index.resolve(j)
    return None


def _first_word_of_a_unit(index: MentionIndex, m: RawMention) -> None:
    """ "the Fengfeng miners" after "the Fengfeng Coal Mine": one word the model took for a person, a place or
    an organization, before a word for people, that is the first word of just one unit's name is that unit."""
    tok = index.doc[m.start]
    if (m.type not in (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION) or m.end - m.start != 1
            or head_type(m.name) is not None
            or tok.dep_ not in ("compound", "amod", "nmod") or tok.head.lemma_.lower() not in PEOPLE):
        return
    units = {j for j, u in enumerate(index.mentions) if u.named and u.type in (EntityType.ENTERPRISE, EntityType.ORGANIZATION)
             and len(u.name.split()) > 1 and u.name.split()[0] == m.name and not u.plural}
    names = {index.mentions[j].name for j in units}
    if len(names) == 1:
        j = min(units)
        m.type, m.refers_to = index.mentions[j].type, j


def _link_descriptions(index: MentionIndex) -> None:
    """Point each definite description at the unit it means: the nearest earlier unit of its kind."""
    for i, m in enumerate(index.mentions):
        if m.named:
            _first_word_of_a_unit(index, m)
            if m.refers_to is None:
                m.refers_to = _short_numbered(index, i, m)
            if m.refers_to is None:
                m.refers_to = _short_named(index, i, m)
            continue
        if m.count is not None:  # "the seven collectives" -> the group of seven named before
            m.refers_to = next((j for j in index.before(m.start, {m.type}) if index.mentions[j].count == m.count), None)
            if m.refers_to is None:
                m.members = _counted_units(index, i, m)
            continue
        if m.plural:  # "these plants" -> the nearest group of plants before
            m.refers_to = next((j for j in index.before(m.start, {m.type})
                                if index.mentions[j].plural and index.mentions[j].head == m.head), None)
            continue
        head = _head_word(m)
        # "the assembly workshop" is not the "forging workshop" named before: a noun it is told apart by
        # must be in the name it refers to
        telling = {t.lower_ for t in index.doc[m.start : m.end - 1]
                   if t.dep_ in ("compound", "amod", "nmod") and t.pos_ in ("NOUN", "PROPN", "VERB")}
        candidates = [
            j for j in index.before(m.start, {m.type}) if j != i and not _is_part_name(index.mentions[j])
            and not index.mentions[j].plural  # "the factory" is not "the factories of X, Y and Z"
            and telling <= set(index.mentions[j].name.lower().split())
        ]
        # a description that is a subject means what the sentences are about: the nearest earlier unit of
        # its kind that was a subject too, just before ("A helped B. The works sent ..." is A), else the nearest
        if _is_subject(index, m):  # (subjects of this sentence and the one before: what is being talked about)
            sent = index.doc[m.start].sent
            since = index.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            candidates = [j for j in candidates if index.mentions[j].start >= since
                          and _is_subject(index, index.mentions[j])] + candidates
        # the same head word first ("the mine" -> "X Coal Mine"), then a word of the same kind
        for same in (lambda a, b: a == b, same_kind):
            found = next((j for j in candidates if same(head, _head_word(index.mentions[j]))), None)
            if found is not None:
                m.refers_to = found
                break
        if m.refers_to is None:
            m.refers_to = _sent_by(index, m)

"""Resolution: one entity per real-world unit, within an article and across the corpus.

Within an article, mentions are one entity when

* a description or pronoun refers to it (``Mention.refers_to``: "the mine");
* their names are the same once articles, quotes and case are set aside;
* one name is a short form of the other: same first word, same head word,
  and every word of the short form in the long one ("Hegang Mine" and
  "Hegang Coal Mine", "Kirov factory" and "Kirov Fine Wool Factory");
* both are the article's Party committee ("the mine's Party committee",
  "the Party committee of this mine").

Across articles, mentions with the same key are one entity. Keys are made from
each article's own mentions, so that adding an article never renames an entity
another article produced; two keys of the same kind that share a name are
linked with ``same_as`` (``owl:sameAs`` in the Turtle) rather than merged.
A numbered part ("No. 6 Mine") is keyed under its parent, so the No. 6 Mine
of one colliery never merges with another's; a description that names no
unit ("another factory that ...") is keyed under its article.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.namespace import slug
from kg.schemas import (
    ENTITY_CLASSES,
    ArticleExtraction,
    Corpus,
    EntityType,
    Mention,
)

__all__ = ["resolve", "normalise_name"]

log = logging.getLogger(__name__)

_PARTY = re.compile(r"^(?:\w+(?:'s)? )?Party (general )?(committee|branch)(?: of (?:this|the) \w+)?$", re.I)
_KEY_PRIORITY = [EntityType.PLACE, EntityType.PERSON, EntityType.ENTERPRISE, EntityType.ORGANIZATION,
                 EntityType.CAMPAIGN]
_TYPE_PRIORITY = [EntityType.ENTERPRISE, EntityType.ORGANIZATION, EntityType.CAMPAIGN, EntityType.PLACE,
                  EntityType.PERSON]


def normalise_name(name: str) -> str:
    """The form names are compared in: lower case, no quotes, no leading article, single spaces."""
    n = re.sub(r"[\"'“”‘’]", "", name.lower())
    n = re.sub(r"^(?:the|this|that)\s+", "", n)
    m = _PARTY.match(n)
    if m:
        return f"party {m.group(1) or ''}{m.group(2)}".replace("  ", " ")
    return re.sub(r"\s+", " ", n).strip()


def _is_short_form(short: str, long: str) -> bool:
    a, b = short.split(), long.split()
    if len(a) >= len(b) or len(a) < 2:
        return False
    return a[0] == b[0] and a[-1] == b[-1] and set(a) <= set(b)


def _is_prefix(short: str, long: str) -> bool:
    """ "socialist emulation" names the "socialist emulation drive"."""
    a, b = short.split(), long.split()
    return 2 <= len(a) < len(b) and b[: len(a)] == a


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the earlier mention stays the root, so results do not depend on set order
            self.parent[max(ra, rb, key=_mention_order)] = min(ra, rb, key=_mention_order)


_MENTION_ID = re.compile(r"^(.*)#(?:c(\d+))?m(\d+)$")


def _mention_order(mention_id: str) -> tuple[str, int, int]:
    """Mentions in text order: article, piece, number ("a#m3", "a#c2m3")."""
    m = _MENTION_ID.match(mention_id)
    if m is None:
        return mention_id, 0, 0
    return m.group(1), int(m.group(2) or 0), int(m.group(3))


def _cluster_article(x: ArticleExtraction, uf: _UnionFind) -> None:
    named = [m for m in x.mentions if m.refers_to is None]
    for m in x.mentions:
        uf.find(m.id)
        if m.refers_to:
            uf.union(m.id, m.refers_to)
    by_name: dict[str, str] = {}
    for m in named:
        key = normalise_name(m.name)
        if key in by_name:
            uf.union(by_name[key], m.id)
        else:
            by_name[key] = m.id
    keys = sorted(by_name)
    types = {normalise_name(m.name): m.type for m in named}
    for short in keys:
        for long in keys:
            if _is_short_form(short, long) or (types[short] == types[long] == EntityType.CAMPAIGN
                                               and _is_prefix(short, long)):
                uf.union(by_name[short], by_name[long])


class _Cluster:
    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        counts = Counter(m.type for m in mentions if m.refers_to is None) or Counter(m.type for m in mentions)
        best = max(counts.values())
        self.type = next(t for t in _TYPE_PRIORITY if counts.get(t) == best)
        named = [m for m in mentions if m.refers_to is None] or mentions
        # the fullest name: most words, then capitalised, then first in the text
        self.label = max(named, key=lambda m: (m.name[:1].isupper(), len(m.name.split()), -m.start)).name
        self.names = {normalise_name(m.name) for m in named}
        self.generic = not any(m.name.strip("\"'“”‘’")[:1].isupper() for m in named)
        self.article = mentions[0].article


def resolve(extractions: Iterable[ArticleExtraction]) -> Corpus:
    """Merge the mentions of every article into entities and rewrite references to them."""
    extractions = list(extractions)
    uf = _UnionFind()
    mention_by_id: dict[str, Mention] = {}
    for x in extractions:
        _cluster_article(x, uf)
        mention_by_id.update((m.id, m) for m in x.mentions)

    groups: dict[str, list[Mention]] = defaultdict(list)
    for mid in sorted(mention_by_id, key=_mention_order):
        groups[uf.find(mid)].append(mention_by_id[mid])
    clusters = {root: _Cluster(ms) for root, ms in groups.items()}

    # Keys: parents first, so that a part's key can carry its parent's.
    key_of: dict[str, str] = {}

    def parent_root(c: _Cluster) -> str | None:
        for m in c.mentions:
            if m.part_of:
                return uf.find(m.part_of)
        return None

    def key(root: str, depth: int = 0) -> str:
        if root in key_of:
            return key_of[root]
        c = clusters[root]
        parent = parent_root(c)
        base = slug(c.label)
        if parent is not None and parent != root and depth < 5:
            k = f"{key(parent, depth + 1)}/{base}"
        elif c.generic:
            k = f"{c.article}/{base}"
        else:
            k = base
        key_of[root] = k
        return k

    # Across articles, entities with the same key are one. Keys come from each article's own
    # mentions, so adding an article never renames what the others produced; where two keys
    # share a name ("Hegang Mine" here, "Hegang Coal Mine" and "Hegang Mine" there) they are
    # linked as the same unit instead of merged.
    entity_of_root = {root: key(root) for root in clusters}
    # One key, two kinds ("Samarkand" the city, "Samarkand" the silk combine): the kind first in
    # _KEY_PRIORITY keeps the plain key, the others get theirs with the kind appended.
    kinds: dict[str, set[EntityType]] = defaultdict(set)
    for root, k in entity_of_root.items():
        kinds[k].add(clusters[root].type)
    for root, k in entity_of_root.items():
        if len(kinds[k]) > 1:
            keeper = next(t for t in _KEY_PRIORITY if t in kinds[k])
            if clusters[root].type is not keeper:
                entity_of_root[root] = f"{k}~{clusters[root].type.value.lower()}"
    keys_by_name: dict[tuple[EntityType, str], set[str]] = defaultdict(set)
    for root, c in clusters.items():
        k = entity_of_root[root]
        if "/" not in k:
            for n in c.names:
                keys_by_name[(c.type, n)].add(k)
    same_as: dict[str, set[str]] = defaultdict(set)
    for keys in keys_by_name.values():
        for k in keys:
            same_as[k] |= keys - {k}

    def ent(mention_id: str) -> str:
        return entity_of_root[uf.find(mention_id)]

    members: dict[str, list[_Cluster]] = defaultdict(list)
    for root in sorted(clusters, key=_mention_order):
        members[entity_of_root[root]].append(clusters[root])
    entities = []
    for eid in sorted(members):
        cs = members[eid]
        first = cs[0]
        mentions = [m for c in cs for m in c.mentions]
        label = first.label
        zh_names = Counter(m.name_zh for m in mentions if m.name_zh)
        label_zh = None
        if zh_names:  # the Chinese name most mentions carry; a tie goes to the English label's, else none
            ranked = zh_names.most_common()
            top = {z for z, n in ranked if n == ranked[0][1]}
            by_label = top & {m.name_zh for m in mentions if m.name == label}
            label_zh = next(iter(top)) if len(top) == 1 else (by_label.pop() if len(by_label) == 1 else None)
        alts = sorted({m.name if m.refers_to is None else m.text for m in mentions} - {label})
        part_of = next((ent(m.part_of) for m in mentions if m.part_of), None)
        located_in = next((ent(m.located_in) for m in mentions if m.located_in), None)
        fields = dict(
            id=eid,
            label=label,
            label_zh=label_zh,
            alt_labels=tuple(alts),
            articles=tuple(sorted({m.article for m in mentions})),
            part_of=part_of if part_of != eid else None,
            located_in=located_in if located_in != eid else None,
        )
        if same_as.get(eid):
            fields["same_as"] = tuple(sorted(same_as[eid]))
        if first.type is EntityType.PERSON:
            fields["role"] = next((m.role for m in mentions if m.role), None)
        entities.append(ENTITY_CLASSES[first.type](**fields))

    def rewrite(record, **refs):
        return record.model_copy(update=refs)

    assistance, planned, mutual, measures, participation = [], [], [], [], []
    seen_part: set[tuple[str, str]] = set()
    for x in extractions:
        for a in x.assistance:
            if ent(a.helper) == ent(a.recipient):  # two mentions of one unit: no statement of help
                log.info("%s: %s would help itself; not recorded as help", a.id, ent(a.helper))
                continue
            assistance.append(rewrite(a, helper=ent(a.helper), recipient=ent(a.recipient),
                                      campaign=ent(a.campaign) if a.campaign else None))
        for a in x.planned_assistance:
            planned.append(rewrite(a, helper=ent(a.helper), recipient=ent(a.recipient),
                                   campaign=ent(a.campaign) if a.campaign else None))
        for u in x.mutual_aid:
            parts = tuple(dict.fromkeys(ent(p) for p in u.participants))
            mutual.append(rewrite(u, participants=parts, campaign=ent(u.campaign) if u.campaign else None))
        for m in x.measurements:
            measures.append(rewrite(m, subject=ent(m.subject)))
        for p in x.participation:
            pair = (ent(p.participant), ent(p.campaign))
            if pair in seen_part or pair[0] == pair[1]:
                continue
            seen_part.add(pair)
            participation.append(rewrite(p, participant=pair[0], campaign=pair[1]))
    return Corpus(
        articles=tuple(x.article for x in extractions),
        entities=tuple(entities),
        assistance=tuple(assistance),
        planned_assistance=tuple(planned),
        mutual_aid=tuple(mutual),
        measurements=tuple(measures),
        participation=tuple(participation),
    )

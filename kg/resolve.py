"""Resolution: one entity per real-world unit, within an article and across the corpus.

Within an article, mentions are one entity when

* a description or pronoun refers to it (``Mention.refers_to``: "the mine");
* their names are the same once articles, quotes and case are set aside;
* one name is a short form of the other: same first word, same head word,
  and every word of the short form in the long one ("Hegang Mine" and
  "Hegang Coal Mine", "Kirov factory" and "Kirov Fine Wool Factory");
* both are the article's Party committee ("the mine's Party committee",
  "the Party committee of this mine");
* both are places, one the other with "City" after it ("Handan City" and
  "Handan"; not "Kursk Oblast" and the city of Kursk).

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
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from kg.namespace import slug
from kg.nlp.lexicon import is_short_form
from kg.schemas import (
    ENTITY_CLASSES,
    ArticleExtraction,
    Corpus,
    EntityType,
    Evidence,
    Measurement,
    Mention,
    MutualAid,
    Participation,
)

__all__ = ["Resolver", "resolve", "normalise_name"]

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


# "Handan City" is Handan; not "Kursk Oblast" Kursk, nor "Jilin Province" the city of Jilin
_PLACE_KINDS = frozenset(("city",))


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
    for key in keys:  # "Handan City" and "Handan": one place
        bare, _, kind = key.rpartition(" ")
        if kind in _PLACE_KINDS and types[key] is EntityType.PLACE and types.get(bare) is EntityType.PLACE:
            uf.union(by_name[bare], by_name[key])
    for short in keys:
        for long in keys:
            if is_short_form(short, long) or (types[short] == types[long] == EntityType.CAMPAIGN
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
        bare, _, kind = self.label.rpartition(" ")
        if self.type is EntityType.PLACE and kind.lower() in _PLACE_KINDS and normalise_name(bare) in self.names:
            self.label = bare  # "Handan", also written "Handan City": the place's own name
        self.generic = not any(m.name.strip("\"'“”‘’")[:1].isupper() for m in named)
        self.article = mentions[0].article


def resolve(extractions: Iterable[ArticleExtraction]) -> Corpus:
    """Merge the mentions of every article into entities and rewrite references to them."""
    resolver = Resolver()
    for x in extractions:
        resolver.add(x)
    return resolver.corpus()


_Ref = tuple[str, EntityType]  # an entity as one article names it: its key, and its kind


def _key(r: _Ref) -> str:
    return r[0]


def _refs(record: Any, ref: Callable[[str], _Ref]) -> dict[str, Any]:
    """The entities a fact's fields refer to, as (key, kind): field -> ref, a tuple of refs, or None."""
    if isinstance(record, MutualAid):
        return {"participants": tuple(ref(p) for p in record.participants),
                "campaign": ref(record.campaign) if record.campaign else None}
    if isinstance(record, Measurement):
        return {"subject": ref(record.subject)}
    if isinstance(record, Participation):
        return {"participant": ref(record.participant), "campaign": ref(record.campaign)}
    return {"helper": ref(record.helper), "recipient": ref(record.recipient),  # help done or planned
            "campaign": ref(record.campaign) if record.campaign else None}


_Record = TypeVar("_Record", bound=BaseModel)
# (model class, names of the fields set) -> the one set of those names that all such records share
_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _lean(record: _Record, update: dict[str, Any] | None = None) -> _Record:
    """``record.model_copy(update=update)``, whose evidence is copied alike, made to take less memory.

    A Pydantic model keeps the names of the fields it was given in a set of its own (0.5 to 0.7 KB, more
    than most records' values); here all records of a class given the same fields share one set.
    Records are frozen, and a copy (``model_copy``) copies the set, so none is ever changed.
    """
    values = dict(record.__dict__)
    names = frozenset(record.model_fields_set | update.keys()) if update else frozenset(record.model_fields_set)
    if update:
        values.update(update)
    for field in ("evidence", "evidence_zh"):
        ev = values.get(field)
        if isinstance(ev, Evidence):
            values[field] = _lean(ev)
    cls = type(record)
    shared = _FIELDS_SETS.get((cls, names))
    if shared is None:
        shared = _FIELDS_SETS[(cls, names)] = set(names)
    return cls.model_construct(_fields_set=shared, **values)


def _update(refs: dict[str, Any], name: Callable[[_Ref], str]) -> dict[str, Any]:
    """A fact's fields with each reference named by ``name``; participants once each, in order."""
    out: dict[str, Any] = {}
    for field, r in refs.items():
        if r is None:
            out[field] = None
        elif field == "participants":
            out[field] = tuple(dict.fromkeys(name(p) for p in r))
        else:
            out[field] = name(r)
    return out


_Some = str | set[str]  # one string, or a set of two or more: most entities have one name, one article


def _with(some: _Some | None, value: str) -> _Some:
    """``some`` with ``value`` added."""
    if some is None or some == value:
        return value
    if type(some) is set:
        some.add(value)
        return some
    return {some, value}


def _all(some: _Some | None) -> set[str]:
    return set() if some is None else {some} if type(some) is str else set(some)


class _Entity:
    """What the corpus has said of one key and kind so far; mention order is ``_mention_order``."""

    __slots__ = ("first", "label", "zh", "zh_by_name", "names", "articles", "part_of", "located_in", "role")

    def __init__(self) -> None:
        self.first: tuple | None = None  # the order of the first mention of its first cluster
        self.label = ""
        self.zh: Counter[str] | None = None  # Chinese names, by how many mentions carry them
        self.zh_by_name: dict[str, set[str]] | None = None  # English name -> its mentions' Chinese names
        self.names: _Some | None = None  # candidate alternative labels
        self.articles: _Some | None = None
        # the first mention (by cluster, then within it) with a parent, a place, a role: (order, value)
        self.part_of: tuple[tuple, _Ref] | None = None
        self.located_in: tuple[tuple, _Ref] | None = None
        self.role: tuple[tuple, str] | None = None

    def add(self, order: tuple, c: _Cluster, part_of: _Ref | None, located_in: _Ref | None) -> None:
        if self.first is None or order < self.first:  # an equal order: the earlier cluster stays first
            self.first, self.label = order, c.label
        for m in c.mentions:
            if m.name_zh:
                if self.zh is None:
                    self.zh, self.zh_by_name = Counter(), {}
                self.zh[m.name_zh] += 1
                self.zh_by_name.setdefault(m.name, set()).add(m.name_zh)
            self.names = _with(self.names, m.name if m.refers_to is None else m.text)
            self.articles = _with(self.articles, m.article)
        if part_of is not None and (self.part_of is None or order < self.part_of[0]):
            self.part_of = (order, part_of)
        if located_in is not None and (self.located_in is None or order < self.located_in[0]):
            self.located_in = (order, located_in)
        role = next((m.role for m in c.mentions if m.role), None)
        if role is not None and (self.role is None or order < self.role[0]):
            self.role = (order, role)

    def merge(self, other: _Entity) -> None:
        """Take in ``other``, of another key and kind that ended up with the same id."""
        if self.first is None or (other.first is not None and other.first < self.first):
            self.first, self.label = other.first, other.label
        if other.zh is not None:
            if self.zh is None:
                self.zh, self.zh_by_name = Counter(), {}
            self.zh.update(other.zh)
            for name, zh in other.zh_by_name.items():
                self.zh_by_name.setdefault(name, set()).update(zh)
        for name in _all(other.names):
            self.names = _with(self.names, name)
        for article in _all(other.articles):
            self.articles = _with(self.articles, article)
        for slot in ("part_of", "located_in", "role"):
            mine, theirs = getattr(self, slot), getattr(other, slot)
            if theirs is not None and (mine is None or theirs[0] < mine[0]):
                setattr(self, slot, theirs)


class Resolver:
    """Resolution as the articles stream by (:func:`resolve` in steps): :meth:`add` each article's
    extraction, then :meth:`corpus`.

    An article's mentions are clustered, and the clusters keyed, as soon as it is added; what is kept
    of it is its header, what each entity needs (names, articles, the first parent, place and role),
    and its facts with their references as (key, kind) pairs. A key becomes an entity id at the end,
    when the kinds that share it are known. With ``keep_text=False`` the articles are kept without
    their text, so that memory grows with the entities and facts of the corpus, not its text.
    """

    def __init__(self, keep_text: bool = True) -> None:
        self.keep_text = keep_text
        self._articles: list = []
        self._keys_by_name: dict[tuple[EntityType, str], _Some] = {}  # the keys each name has had
        self._entities: dict[_Ref, _Entity] = {}
        self._assistance: list[tuple] = []
        self._planned: list[tuple] = []
        self._mutual: list[tuple] = []
        self._measures: list[tuple] = []
        self._participation: list[tuple] = []

    def add(self, x: ArticleExtraction) -> None:
        """Cluster and key the mentions of one article, and keep what the corpus needs of it.

        All or nothing: an article whose records refer to mentions it does not have raises before
        anything of it is kept (see :func:`kg.builder.build`, which then keeps the article alone).
        """
        uf = _UnionFind()
        _cluster_article(x, uf)
        mention_by_id = {m.id: m for m in x.mentions}
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

        ref_of_root: dict[str, _Ref] = {root: (key(root), c.type) for root, c in clusters.items()}

        def ref(mention_id: str) -> _Ref:
            return ref_of_root[uf.find(mention_id)]

        # what the article adds, worked out in full before any of it is kept
        structure = [(root, c, next((ref(m.part_of) for m in c.mentions if m.part_of), None),
                      next((ref(m.located_in) for m in c.mentions if m.located_in), None))
                     for root, c in clusters.items()]
        # Each fact is rewritten now, to its references' keys: at the end only those whose key turns out
        # to be shared by two kinds are rewritten again, so the records are not held twice.
        facts = [(kept, [(r, _refs(r, ref)) for r in records])
                 for records, kept in ((x.assistance, self._assistance), (x.planned_assistance, self._planned),
                                       (x.mutual_aid, self._mutual), (x.measurements, self._measures),
                                       (x.participation, self._participation))]

        self._articles.append(x.article if self.keep_text else _lean(x.article, {"english": None, "chinese": None}))
        for root, c, part_of, located_in in structure:
            k, kind = ref_of_root[root]
            if "/" not in k:
                for n in c.names:
                    self._keys_by_name[(kind, n)] = _with(self._keys_by_name.get((kind, n)), k)
            entity = self._entities.get((k, kind))
            if entity is None:
                entity = self._entities[(k, kind)] = _Entity()
            entity.add(_mention_order(root), c, part_of, located_in)
        for kept, rewritten in facts:
            kept.extend((_lean(r, _update(refs, _key)), refs) for r, refs in rewritten)

    def _ids(self) -> dict[_Ref, str]:
        """(key, kind) -> entity id. One key, two kinds ("Samarkand" the city, "Samarkand" the silk
        combine): the kind first in _KEY_PRIORITY keeps the plain key, the others get theirs with the
        kind appended."""
        kinds_of: dict[str, set[EntityType]] = defaultdict(set)
        for k, kind in self._entities:
            kinds_of[k].add(kind)
        ids = {}
        for k, kind in self._entities:
            kinds = kinds_of[k]
            keeper = next(t for t in _KEY_PRIORITY if t in kinds)
            ids[(k, kind)] = f"{k}~{kind.value.lower()}" if len(kinds) > 1 and kind is not keeper else k
        return ids

    def corpus(self) -> Corpus:
        """The resolved corpus of the articles added so far."""
        ids = self._ids()
        ent = ids.__getitem__

        # Across articles, entities with the same key are one. Keys come from each article's own
        # mentions, so adding an article never renames what the others produced; where two keys
        # share a name ("Hegang Mine" here, "Hegang Coal Mine" and "Hegang Mine" there) they are
        # linked as the same unit instead of merged.
        same_as: dict[str, set[str]] = defaultdict(set)
        for (kind, _), keys in self._keys_by_name.items():
            linked = {ids[(k, kind)] for k in _all(keys)}
            for k in linked:
                same_as[k] |= linked - {k}

        merged: dict[str, tuple[EntityType, _Entity]] = {}
        for (k, kind), e in self._entities.items():
            eid = ids[(k, kind)]
            if eid not in merged:
                merged[eid] = (kind, e)
                continue
            have_kind, have = merged[eid]
            both = _Entity()  # (never the case for keys from kg.namespace.slug; kept exact all the same)
            both.merge(have)
            both.merge(e)
            merged[eid] = (have_kind if have.first <= e.first else kind, both)
        entities = []
        for eid in sorted(merged):
            kind, e = merged[eid]
            label = e.label
            label_zh = None
            own = (e.zh_by_name or {}).get(label, set())
            if len(own) == 1 and kind is not EntityType.CAMPAIGN:
                # a unit's: the Chinese of its English label, the fullest name (红光人民公社, not 红光公社); a
                # campaign's fullest English is often a description, its common name the short one
                label_zh = next(iter(own))
            elif e.zh:  # else the Chinese name most mentions carry; a tie goes to the English label's, else none
                ranked = e.zh.most_common()
                top = {z for z, n in ranked if n == ranked[0][1]}
                by_label = top & own
                label_zh = next(iter(top)) if len(top) == 1 else (by_label.pop() if len(by_label) == 1 else None)
            part_of = ent(e.part_of[1]) if e.part_of else None
            located_in = ent(e.located_in[1]) if e.located_in else None
            fields = dict(
                id=eid,
                label=label,
                label_zh=label_zh,
                alt_labels=tuple(sorted(_all(e.names) - {label})),
                articles=tuple(sorted(_all(e.articles))),
                part_of=part_of if part_of != eid else None,
                located_in=located_in if located_in != eid else None,
            )
            if same_as.get(eid):
                fields["same_as"] = tuple(sorted(same_as[eid]))
            if kind is EntityType.PERSON:
                fields["role"] = e.role[1] if e.role else None
            entities.append(_lean(ENTITY_CLASSES[kind](**fields)))

        def final(kept: list[tuple[Any, dict[str, Any]]]) -> Iterator[Any]:
            """The records with their references as entity ids (rewritten again where a key changed)."""
            for record, refs in kept:
                update = _update(refs, ent)
                yield record if update == _update(refs, _key) else _lean(record, update)

        assistance = []
        for a in final(self._assistance):
            if a.helper == a.recipient:  # two mentions of one unit: no statement of help
                log.info("%s: %s would help itself; not recorded as help", a.id, a.helper)
                continue
            assistance.append(a)
        planned = list(final(self._planned))
        mutual = list(final(self._mutual))
        measures = list(final(self._measures))
        participation = []
        seen_part: set[tuple[str, str]] = set()
        for p in final(self._participation):
            pair = (p.participant, p.campaign)
            if pair in seen_part or pair[0] == pair[1]:
                continue
            seen_part.add(pair)
            participation.append(p)
        return Corpus(
            articles=tuple(self._articles),
            entities=tuple(entities),
            assistance=tuple(assistance),
            planned_assistance=tuple(planned),
            mutual_aid=tuple(mutual),
            measurements=tuple(measures),
            participation=tuple(participation),
        )

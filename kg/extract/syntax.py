"""Shared syntax helpers: from a token to the units it stands for.

A subject can be a unit ("No. 5 Mine sent ..."), its people ("the employees
of the X Factory helped ..."), a pronoun ("They sent ...") or a coordination
of these; these helpers turn each into mention indexes.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.nlp.lexicon import PEOPLE
from kg.schemas import EntityType

__all__ = [
    "PEOPLE",
    "UNIT_TYPES",
    "antecedent",
    "claim_status",
    "clause_of",
    "members_of",
    "not_done",
    "subject_of",
    "units_of",
    "with_conjuncts",
]

UNIT_TYPES = {EntityType.ENTERPRISE, EntityType.ORGANIZATION}

NOT_DONE_AUX = frozenset("will shall would should must may might can could".split())
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("xcomp", "advcl", "conj", "acl", "ccomp", "relcl", "pcomp")


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and what is listed with it; the parser often takes "A, B and C" for A with an apposition;
    "A, together with B" is A and B."""
    out = [tok, *tok.conjuncts]
    for t in list(out):
        for c in t.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                out += [c, *c.conjuncts]
            elif c.dep_ == "prep" and c.lower_ == "with" and any(a.lower_ in ("together", "along") for a in c.children):
                out += [g for p in c.children if p.dep_ == "pobj" for g in (p, *p.conjuncts)]  # "A, together with B"
    return list(dict.fromkeys(out))


def units_of(tok: Token, index: MentionIndex, depth: int = 0) -> list[int]:
    """Mentions of units that ``tok`` (and its conjuncts) stands for, resolved."""
    out: list[int] = []
    for t in with_conjuncts(tok):
        out += _units_of_one(t, index, depth)
    return list(dict.fromkeys(out))


def _units_of_one(tok: Token, index: MentionIndex, depth: int) -> list[int]:
    i = index.at(tok)
    if i is not None:
        i = index.resolve(i)
        if index.mentions[i].members:  # "the two mills": the two named before
            return [index.resolve(k) for k in index.mentions[i].members]
        if index.mentions[i].type in UNIT_TYPES:
            return [i]
        if index.mentions[i].type is not EntityType.PERSON:
            return []
    if depth > 2:
        return []
    if tok.pos_ == "PRON" and tok.lower_ in ("it", "they", "them", "its", "their"):
        j = antecedent(tok, index, exclude=set())
        return [j] if j is not None else []
    if tok.pos_ == "NUM" or tok.lower_ in ("some", "many", "several", "most", "all", "part"):
        # "fifteen of the X Mine's best miners": the people's unit
        return [j for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                for g in p.children if g.dep_ == "pobj" and (g.lemma_.lower() in PEOPLE or index.at(g) is not None)
                for j in units_of(g, index, depth + 1)]
    if tok.lemma_.lower() in PEOPLE or (i is not None):
        out: list[int] = []
        compounds: list[int] = []
        for child in tok.children:
            if child.dep_ == "prep" and (child.lower_ == "of" or child.lower_ == "from" and tok.lemma_.lower() in PEOPLE):
                for pobj in child.children:  # "the workers of X", "representatives from X"
                    if pobj.dep_ == "pobj":
                        out += units_of(pobj, index, depth + 1)
            elif child.dep_ == "poss":
                out += units_of(child, index, depth + 1)
            elif child.dep_ == "compound" and index.at(child) is not None:
                compounds += units_of(child, index, depth + 1)
        return out or compounds
    return []


_DUTIES = frozenset("task duty responsibility job mission work".split())


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing to the verb it depends on ("sent ... to help")."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in _SUBJ:
                # "A and B, which challenged each other": the name the relative clause is on
                relative = child.tag_ in ("WDT", "WP") and cur.dep_ == "relcl" and cur.head.pos_ == "PROPN"
                return cur.head if relative else child
        if cur.dep_ == "pcomp" and cur.head.head.lemma_.lower() in _DUTIES and cur.head.head.dep_ == "dobj":
            cur = cur.head.head.head  # "took up the task of helping": the one who took it up
            continue
        if cur.dep_ not in _CLIMB or cur.head == cur:
            return None
        if cur.dep_ in ("acl", "relcl"):
            return cur.head  # "the workers ... who helped": the noun the clause modifies
        cur = cur.head
    return None


_STATUS_VERBS = {
    **dict.fromkeys("decide resolve determine agree".split(), "Decided"),
    **dict.fromkeys("propose suggest call urge ask request discuss".split(), "Proposed"),
    **dict.fromkeys("plan prepare intend aim want hope expect try strive need prefer".split(), "Planned"),
    **dict.fromkeys("pledge promise guarantee vow".split(), "Pledged"),
}


def not_done(verb: Token) -> bool:
    """Whether ``verb`` states a decision, plan, pledge or denial rather than an act done or under way."""
    return claim_status(verb) != "Done"


def claim_status(verb: Token) -> str | None:
    """ "Done" for an act done or under way, a :class:`~kg.schemas.ClaimStatus` value for one decided,
    proposed, planned or pledged, None for one denied ("did not help")."""
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ == "neg":
                return None
            if child.dep_ == "aux" and child.lower_ in NOT_DONE_AUX:
                return "Planned"
        status = _STATUS_VERBS.get(cur.lemma_.lower()) or _STATUS_FORMS.get(cur.lower_)
        if cur != verb and status:
            return status
        if cur.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or cur.head == cur or _across_semicolon(cur, cur.head):
            return "Done"  # ("was only 40 jin; this year it plans to ...": the plan is the other clause's)
        cur = cur.head
    return "Done"


def _across_semicolon(a: Token, b: Token) -> bool:
    """Whether a semicolon stands between two tokens: the parser links clauses it separates."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def _forms(base: str) -> tuple[str, ...]:
    stem = base[:-1] if base.endswith("e") else base
    return base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d"


# the same by their inflected forms, for the lemmatizer's slips ("hopes" -> "hop")
_STATUS_FORMS = {form: status for base, status in _STATUS_VERBS.items() for form in _forms(base)}


# Verbs whose complement is not (yet) an act: "decided to help", "proposed to use".
NOT_DONE_VERBS = frozenset(_STATUS_VERBS)


def clause_of(tok: Token) -> Span:
    """The part of the sentence between semicolons that holds ``tok``."""
    sent = tok.sent
    start, end = sent.start, sent.end
    for t in sent:
        if t.text == ";":
            if t.i < tok.i:
                start = t.i + 1
            elif t.i > tok.i:
                end = t.i
                break
    return sent.doc[start:end]


_ACTING_ON = frozenset("help assist aid make let enable get".split())


def antecedent(pron: Token, index: MentionIndex, exclude: set[int]) -> int | None:
    """The unit a pronoun refers to.

    A subject pronoun takes the subject of the sentence before; other pronouns
    the nearest unit before them in the same sentence, then in the sentence before.
    """
    sent = pron.sent
    # "... transferred to the lagging team to help it catch up": the subject of the complement of a verb
    # of helping or causing is what that verb acts on, named before it, not a subject carried over
    subject = pron.dep_ in _SUBJ and not (pron.head.dep_ in ("ccomp", "xcomp") and pron.head.head.i < pron.i
                                          and pron.head.head.lemma_.lower() in _ACTING_ON)
    if subject:
        # "No. 7 Mine found that ..., so it sent ...": an earlier subject of the same sentence
        for t in sent:
            if t.i >= pron.i:
                break
            if t.dep_ in _SUBJ and t.pos_ != "PRON":
                # "the X brigade's yield was ...; it plans ...": the unit, or the unit the subject is of
                found = [j for j in units_of(t, index) + [k for c in t.children if c.dep_ == "poss"
                                                           for k in units_of(c, index)] if j not in exclude]
                if found:
                    return found[0]
    if subject and sent.start > 0:
        prev = index.doc[sent.start - 1].sent
        subj = subject_of(prev.root)
        if subj is not None:
            found = [j for j in units_of(subj, index) if j not in exclude]
            if found:
                return found[0]
    window = index.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for j in index.before(pron.i, UNIT_TYPES):
        if index.mentions[j].start < window:
            break
        r = index.resolve(j)
        if r in exclude or j in exclude or index.mentions[r].type not in UNIT_TYPES:
            continue
        return r
    return None


def members_of(group: int, index: MentionIndex) -> list[int]:
    """Units listed as members of a group mention: "seven enterprises, including A, B and C"."""
    m = index.mentions[group]
    if m.members:  # "the two mills"
        return [index.resolve(k) for k in m.members]
    out: list[int] = []
    for t in index.doc[m.start : m.end]:
        for c in t.children:
            if c.lower_ == "including" or (c.lower_ == "as" and c.i > 0 and index.doc[c.i - 1].lower_ == "such"):
                for pobj in (g for g in c.children if g.dep_ == "pobj"):
                    for member in [pobj, *pobj.conjuncts]:
                        j = index.at(member)
                        if j is not None and j != group and index.mentions[index.resolve(j)].type in UNIT_TYPES:
                            out.append(index.resolve(j))
    return list(dict.fromkeys(out))

"""Who helped whom: help verbs, their helpers and recipients, the form of help.

Constructions read (each pinned by a test sentence in ``tests/test_extract_help.py``):

* "A and B help C" -- subject and object of a help verb, split over coordination;
* "A sent X to support B" -- the helper is the subject of the verb the help hangs on;
* "with the help of A, B raised its output" -- A helped B; likewise "under the help of A"
  (the translation of 在……帮助下), "thanks to A's help", "B received help from A",
  "B was helped by A" (a passive with no "by" names no helper, so gives nothing), "B thanked A
  for its help";
* "A transferred to the lagging B" -- A moved to a backward unit to help it, as in the
  Gaganova movement (personnel);
* "A sent personnel to work in B", "A dispatched technicians to B", "experts of A were
  sent to B" -- people sent to a unit are help in personnel (not when they go "to learn");
* "A trained 2,000 technicians for B" -- help in training;
* "A took B under its patronage" -- help (its form unsaid);
* "A helped B to improve ..." and "A gave it great help";
* "the secretaries of A ... help ..." -- help by a unit's people is help by the unit;
* when the help verb has no unit as its object, the one other unit named in the
  same clause ("... stayed at C to help improve the management system");
* named units listed together that "exchanged experiences" or help "each other":
  one mutual aid among them; a group that does so, its members not listed ("they
  mutually exchanged experiences", "these plants sent people to each other"): one
  mutual aid with the group as its only participant; "organized mutual support among
  the various teams" of the unit the article is about: that unit, likewise.

Decisions, plans and pledges ("decided to help", "will help") are not help: their
findings carry the claim status, and :mod:`kg.extract` keeps them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.extract.syntax import (
    PEOPLE,
    UNIT_TYPES,
    antecedent,
    claim_status,
    clause_of,
    not_done,
    subject_of,
    units_of,
    with_conjuncts,
)
from kg.schemas import EntityType, HelpForm

__all__ = ["HelpFinding", "MutualFinding", "find_help", "find_mutual_aid", "help_forms"]

HELP_VERBS = frozenset({"help", "assist", "support", "aid"})
GIVE_VERBS = frozenset({"give", "provide", "render", "offer", "extend", "lend"})
SEND_VERBS = frozenset({"send", "dispatch", "second", "assign", "transfer", "despatch", "mobilize"})
RECIPROCAL = ("each other", "one another", "mutual", "mutually", "exchanged experience", "exchange experience",
              "exchanged their experience", "exchanges of experience")

# Nouns of the help's own clause that say what form it took ("to help repair transportation equipment").
_FORM_NOUNS: dict[HelpForm, frozenset[str]] = {
    HelpForm.EQUIPMENT: frozenset("""equipment machine machinery tool device lathe motor pump crane truck tractor
        locomotive wagon instrument apparatus boiler""".split()),
    HelpForm.MATERIALS: frozenset("material supply fuel timber cement".split()),
    HelpForm.TECHNICAL_EXPERIENCE: frozenset(
        "experience method technique technology information know-how guidance skill process".split()
    ),
    HelpForm.TRAINING: frozenset("study learning education training course school lecture".split()),
    HelpForm.MANAGEMENT: frozenset("management potential measure planning cost".split()),
    HelpForm.LABOUR: frozenset("manpower labour labor plowing ploughing harvest harvesting sowing".split()),
}
# Verbs of the help's own clause that say what form it took.
_FORM_VERBS: dict[HelpForm, frozenset[str]] = {
    HelpForm.MANAGEMENT: frozenset("identify formulate devise draw".split()),  # "draw up a plan"
    HelpForm.LABOUR: frozenset("repair replace dig build haul lay tunnel load plow plough harvest sow reap".split()),
    HelpForm.TRAINING: frozenset("train teach educate study".split()),
}
# People sent who do production work: "two coal mining teams", "eight roadway repair workers".
_WORKING_PEOPLE = frozenset("worker miner brigade team".split())
_WORKING_MODS = frozenset("mining coal production repair tunneling tunnelling roadway digging".split())


@dataclass(frozen=True)
class HelpFinding:
    helper: int  # mention index
    recipient: int
    forms: tuple[HelpForm, ...]
    sentence: Span
    campaign: int | None = None
    status: str = "Done"  # or a ClaimStatus value: decided, proposed, planned, pledged


@dataclass(frozen=True)
class MutualFinding:
    participants: tuple[int, ...]
    forms: tuple[HelpForm, ...]
    sentence: Span


def help_forms(tok: Token, send: Token | None) -> tuple[HelpForm, ...]:
    """Forms of help read from the help's own clause.

    The clause is what follows the help word ("to help organize the roadways
    and repair equipment"), or, when people were sent, what follows the verb
    of sending ("sent two teams ..., identify the problems, and formulate ...").
    """
    head = send if send is not None else tok
    scope = [t for t in head.subtree if t.i > head.i]
    forms: set[HelpForm] = set()
    for t in scope:
        lemma = t.lemma_.lower()
        table = _FORM_VERBS if t.pos_ == "VERB" else _FORM_NOUNS if t.pos_ == "NOUN" else {}
        forms |= {f for f, words in table.items() if lemma in words}
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"):  # "supported B with steel"
        forms |= {f for g in prep.children if g.dep_ == "pobj" for f in thing_forms(g)}
    if send is not None:
        forms.add(HelpForm.PERSONNEL)
        for t in scope:  # production workers sent do the recipient's work
            if t.dep_ == "dobj" and t.head == send and t.lemma_.lower() in _WORKING_PEOPLE:
                if any(m.lower_ in _WORKING_MODS for m in t.children):
                    forms.add(HelpForm.LABOUR)
                if any(m.lower_ in _WORKING_MODS for c in t.children for m in c.subtree):
                    forms.add(HelpForm.LABOUR)
    return _in_order(forms) or (HelpForm.UNSPECIFIED,)


_FORM_ORDER = {f: n for n, f in enumerate(HelpForm)}


def _in_order(forms: set[HelpForm]) -> tuple[HelpForm, ...]:
    """Forms in the order the schema lists them."""
    return tuple(sorted(forms, key=_FORM_ORDER.__getitem__))


def _sender(verb: Token) -> Token | None:
    """The verb of sending people the help hangs on ("sent two teams to support"), if any.

    People who stay with the recipient ("stayed at the shaft to help") count as sent.
    """
    cur = verb
    for _ in range(3):
        if cur.lemma_.lower() in SEND_VERBS and any(c.dep_ == "nsubjpass" and c.lemma_.lower() not in _SENT_PEOPLE
                                                     and c.lemma_.lower() not in PEOPLE for c in cur.children):
            return None  # "X was assigned to help Y": X itself, no people sent ("experts were sent" are)
        if cur.lemma_.lower() in SEND_VERBS or (cur.lemma_ in ("stay", "go") and cur != verb):
            return cur
        if cur.dep_ not in ("xcomp", "advcl", "conj") or cur.head == cur:
            break
        cur = cur.head
    return None


def _recipients(verb: Token, index: MentionIndex, helpers: list[int], subj: Token) -> list[int]:
    exclude = set(helpers)
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") or (child.dep_ == "nsubj" and verb.dep_ == "xcomp"):
            if child.pos_ == "PRON":
                j = antecedent(child, index, exclude)
                return [j] if j is not None else []
            found = [j for j in units_of(child, index) if j not in exclude]
            if found:
                return found
        if child.dep_ in ("xcomp", "ccomp"):
            for grand in child.children:
                if grand.dep_ in ("nsubj", "dobj") and grand.i < child.i:
                    found = [j for j in units_of(grand, index) if j not in exclude]
                    if found:
                        return found
    # No unit as object: the one other unit named in the clause.
    clause = clause_of(verb)
    in_subject = {t.i for t in subj.subtree}  # "the mine's section": the helper's own unit
    named = []
    for j, m in enumerate(index.mentions):
        if m.start in in_subject:
            continue
        if clause.start <= m.start < clause.end and m.type is EntityType.ENTERPRISE:
            r = index.resolve(j)
            if r not in exclude and r not in named:
                named.append(r)
    return named if len(named) == 1 else []


def _has_args(tok: Token) -> bool:
    """A "help" the tagger took for a noun but that has a subject or an object."""
    return any(c.dep_ in ("nsubj", "dobj") for c in tok.children)


_LIST_GLUE = {",", "and", "also", "both", "the", "all", "jointly", "together"}


def _surface(tok: Token, index: MentionIndex) -> tuple[list[int], list[int]]:
    """ "A and B help C and D" read off the word order, when the parse is unsure.

    Only unit names, commas, "and" and a few adverbs may stand between the
    names and the verb, so this never reaches past a clause.
    """
    doc = tok.doc
    sent = tok.sent

    def collect(indices) -> list[int]:
        found: list[int] = []
        for i in indices:
            t = doc[i]
            j = index.at(t)
            if j is not None and t.dep_ == "pobj":
                break  # "A, together with B, helped C", "A, with the support of B, ...": B is no subject
            if j is not None and index.mentions[index.resolve(j)].type in UNIT_TYPES:
                found.append(index.resolve(j))
            elif t.lower_ not in _LIST_GLUE and t.pos_ != "ADV":
                break
        return list(dict.fromkeys(found))

    left = collect(range(tok.i - 1, sent.start - 1, -1))
    right = collect(range(tok.i + 1, sent.end))
    if not left or not right or tok.lower_ not in ("help", "helps", "helped", "assist", "assists", "assisted",
                                                   "support", "supports", "supported"):
        return [], []
    return left[::-1], [r for r in right if r not in left]


def _campaign_in(sent: Span, index: MentionIndex) -> int | None:
    for j, m in enumerate(index.mentions):
        if sent.start <= m.start < sent.end and m.type is EntityType.CAMPAIGN:
            return index.resolve(j)
    return None


_SENT_PEOPLE = frozenset("""personnel worker people cadre technician engineer expert team brigade staff
    member miner specialist driver fitter welder mechanic weaver spinner operator farmer peasant""".split())
_DESTINATION_VERBS = frozenset("work serve stay".split())
_LEARN_VERBS = frozenset("learn study visit observe inspect attend".split())


def _sent_to(verb: Token, index: MentionIndex, senders: list[int] = ()) -> list[int]:
    """Units people are sent to: "sent personnel to work in X", "dispatched ten technicians to X"."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in _SENT_PEOPLE | PEOPLE
               or c.dep_ == "nsubjpass" and c.lemma_.lower() in _SENT_PEOPLE | PEOPLE for c in verb.children):
        return []  # (people sent: "sent ten technicians to X", "ten technicians were sent to X")
    if any(c.dep_ in ("advcl", "xcomp") and c.lemma_ in _LEARN_VERBS for c in verb.children):
        return []  # "sent experts to X to learn": the sender learns
    places = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_ in _DESTINATION_VERBS)]
    # "sent a team, led by its chief engineer, to X": the parser may hang "to X" on the participle
    people = [c for c in verb.children if c.dep_ == "dobj"]  # ("sent a team headed by X to Y": on the team)
    led = [c for c in [*verb.children, *(g for p in people for g in p.children)] if c.dep_ in ("advcl", "acl")
           and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children)]
    out: list[int] = []
    for v in places + led:
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ in (("to", "into") if v is verb or v in led else ("in", "at", "to")):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        out += [j for j in units_of(pobj, index) if index.mentions[j].type in UNIT_TYPES]
    return out or _requested_by(verb, index, senders)


def _requested_by(verb: Token, index: MentionIndex, senders: list[int] = ()) -> list[int]:
    """ "At the request of X (at X's request), Y sent ...": people sent to no place named go to X; "at its
    request" is a unit other than the ``senders``."""
    out: list[int] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon")):
        for request in (g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in ("request", "invitation")):
            for c in request.children:
                if c.dep_ == "poss" and c.pos_ == "PRON":  # (not the sender, by any of its mentions)
                    names = {index.mentions[k].name for k in senders}
                    j = antecedent(c, index, exclude={k for k, m in enumerate(index.mentions) if m.name in names})
                    out += [j] if j is not None else []
                elif c.dep_ == "poss":
                    out += units_of(c, index)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    out += [j for g in c.children if g.dep_ == "pobj" for j in units_of(g, index)]
    return [j for j in out if index.mentions[j].type in UNIT_TYPES]


HELP_NOUNS = frozenset({"help", "assistance", "support", "aid"})
# "with the help of A", "under the help of A" (the translation of 在……帮助下), "thanks to the help of A"
_AIDED_BY = frozenset({"with", "under", "through"})
RECEIVE_VERBS = frozenset("receive get obtain win gain enjoy accept".split())


def _givers(noun: Token, index: MentionIndex) -> list[int]:
    """Who gives the help a noun names: "the help of A", "A's help", "help from A"."""
    out: list[int] = []
    for c in noun.children:
        if c.dep_ == "poss":
            out += units_of(c, index)
        elif c.dep_ == "prep" and c.lower_ in ("of", "from"):
            out += [j for g in c.children if g.dep_ == "pobj" for j in units_of(g, index)]
    return out


def _noun_forms(noun: Token) -> tuple[HelpForm, ...]:
    """ "technical help": know-how; else what the words after the noun say ("help in repairing boilers")."""
    if any(c.dep_ == "amod" and c.lower_ == "technical" for c in noun.children):
        return (HelpForm.TECHNICAL_EXPERIENCE,)
    return help_forms(noun, None)


def _with_the_help_of(tok: Token, index: MentionIndex) -> tuple[list[int], list[int], Token] | None:
    """ "With the help of A, B raised its output", "Thanks to A's assistance, B ...": (helpers, recipients,
    the verb), or None."""
    if tok.lemma_.lower() not in HELP_NOUNS or tok.pos_ != "NOUN" or tok.dep_ != "pobj":
        return None
    prep = tok.head
    thanks = prep.lower_ == "to" and prep.head.lower_ in ("thanks", "owing", "due")
    if prep.lower_ not in _AIDED_BY and not thanks:
        return None
    helpers = _givers(tok, index)
    verb = prep.head.head if thanks else prep.head
    subj = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if verb.pos_ == "PROPN" and not thanks:  # "A, with the support of B, ...": on A itself
        subj, verb = verb, verb.head
    recipients = units_of(subj, index) if subj is not None else []
    if not helpers or not recipients:
        return None
    return helpers, [r for r in recipients if r not in helpers], verb


def _received(tok: Token, index: MentionIndex) -> list[HelpFinding]:
    """ "B received help from A", "B obtained the technical assistance of A", "B got two cranes from A":
    A helped B."""
    # things received: equipment and materials (experience "obtained" may be learned, not given)
    things = ({f for t in (tok, *tok.conjuncts) for f in thing_forms(t)} & {HelpForm.EQUIPMENT, HelpForm.MATERIALS}
              if tok.pos_ == "NOUN" and tok.dep_ == "dobj" else set())
    if not things and (tok.lemma_.lower() not in HELP_NOUNS or tok.pos_ != "NOUN" or tok.dep_ != "dobj"):
        return []
    verb = tok.head
    if verb.lemma_.lower() not in RECEIVE_VERBS:
        return []
    status, subj = claim_status(verb), subject_of(verb)
    if status is None or subj is None:
        return []
    helpers = _givers(tok, index) + [j for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                                     for g in c.children if g.dep_ == "pobj" for j in units_of(g, index)]
    forms, campaign = _in_order(things) if things else _noun_forms(tok), _campaign_in(verb.sent, index)
    return [HelpFinding(h, r, forms, verb.sent, campaign, status)
            for h in dict.fromkeys(helpers) for r in units_of(subj, index) if r != h]


def _thanked_for(tok: Token, index: MentionIndex) -> list[HelpFinding]:
    """ "B thanked A for its help": A helped B."""
    if tok.lemma_.lower() not in HELP_NOUNS or tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ != "for":
        return []
    verb = tok.head.head
    status, subj = claim_status(verb), subject_of(verb)
    if verb.lemma_.lower() != "thank" or status is None or subj is None:
        return []
    helpers = [j for c in verb.children if c.dep_ == "dobj" for j in units_of(c, index)]
    return [HelpFinding(h, r, _noun_forms(tok), verb.sent, _campaign_in(verb.sent, index), status)
            for h in helpers for r in units_of(subj, index) if r != h]


def _passive(tok: Token, index: MentionIndex) -> tuple[list[int], list[int]] | None:
    """ "B was helped by A", "B, helped by A, ...": (helpers, recipients); None when the verb is active.
    A passive with no "by" names no helper: ([], [])."""
    if tok.tag_ != "VBN":
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is None and not (tok.dep_ == "acl" and any(c.dep_ == "agent" for c in tok.children)):
        if not any(c.dep_ == "auxpass" for c in tok.children):
            return None
        return [], []
    recipients = units_of(subj if subj is not None else tok.head, index)
    helpers = [j for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
               for j in units_of(g, index)]
    return helpers, [r for r in recipients if r not in helpers]


_MOVE_VERBS = frozenset("transfer move switch go".split())
_BEHIND = frozenset("backward lagging weak weaker".split())


def _moved_to_the_backward(verb: Token, index: MentionIndex, people: bool = False) -> list[int]:
    """Units one moves to because they lag ("the brigade transferred to the lagging assembly brigade"),
    as the Gaganova movement's advanced workers did; with ``people`` (a unit's people moved: "fifteen of
    A's best miners transferred to B"), any unit they move to."""
    if verb.lemma_.lower() not in _MOVE_VERBS or any(c.dep_ == "dobj" for c in verb.children):
        return []
    out: list[int] = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "into")):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            if people and verb.lemma_.lower() == "transfer" or any(
                    c.lower_ in _BEHIND for c in pobj.children if c.dep_ in ("amod", "compound")):
                out += [j for j in units_of(pobj, index) if index.mentions[j].type in UNIT_TYPES]
    return out


def _are_people(tok: Token) -> bool:
    """ "workers of A", "fifteen of A's best miners"."""
    words = [tok, *(g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                    if g.dep_ == "pobj")] if tok.pos_ == "NUM" else [tok]
    return any(w.lemma_.lower() in _SENT_PEOPLE | PEOPLE for w in words)


_GOING = frozenset("go come travel".split())
_TEACHING = frozenset("teach train guide instruct demonstrate pass impart introduce".split())


def _went_to_teach(verb: Token, index: MentionIndex) -> list[int]:
    """ "X of A went to B to teach her method": units one goes to, to pass on what one knows."""
    if verb.lemma_.lower() not in _GOING or not any(
            c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _TEACHING for c in verb.children):
        return []
    return [j for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("to", "into")
            for g in prep.children if g.dep_ == "pobj" for j in units_of(g, index)
            if index.mentions[j].type in UNIT_TYPES]


def _people_to(verb: Token, index: MentionIndex) -> list[HelpFinding]:
    """Help in personnel: people moving to a lagging unit, or sent to work at one."""
    status, subj = claim_status(verb), subject_of(verb)
    if status is None or subj is None:
        return []
    lemma = verb.lemma_.lower()
    senders = units_of(subj, index)
    recipients = ((_moved_to_the_backward(verb, index, _are_people(subj)) if lemma in _MOVE_VERBS else [])
                  + (_sent_to(verb, index, senders) if lemma in SEND_VERBS else [])
                  + _went_to_teach(verb, index))
    if not recipients:
        return []
    campaign = _campaign_in(verb.sent, index)
    forms = help_forms(verb, verb)  # personnel, and what the clause says they did ("to pass on its experience")
    return [HelpFinding(h, r, forms, verb.sent, campaign, status) for h in senders for r in recipients if r != h]


# Things one unit hands to another: "lent two lathes to X", "supplied X with forty tons of steel",
# "taught its method to X".
HAND_OVER_VERBS = frozenset("""lend supply provide give donate allocate deliver send transfer ship teach impart pass
    introduce transmit hand""".split())
_THINGS: dict[HelpForm, frozenset[str]] = {
    HelpForm.EQUIPMENT: _FORM_NOUNS[HelpForm.EQUIPMENT] | frozenset("engine part".split()),
    HelpForm.MATERIALS: _FORM_NOUNS[HelpForm.MATERIALS]
    | frozenset("steel iron coke ore coal brick oil rubber casting forging seed grain fertilizer fertiliser".split()),
    # know-how passed on: "taught her spinning method to the spinners of X"
    HelpForm.TECHNICAL_EXPERIENCE: _FORM_NOUNS[HelpForm.TECHNICAL_EXPERIENCE],
}


def thing_forms(noun: Token) -> set[HelpForm]:
    """Equipment, materials or know-how that ``noun`` names, looking through a measure ("forty tons of steel")."""
    nouns = [noun, *(g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj")]
    return {f for n in nouns for f, words in _THINGS.items() if n.lemma_.lower() in words}


def _things_to(verb: Token, index: MentionIndex) -> list[HelpFinding]:
    """Help in equipment, materials or know-how handed over: "lent two lathes to X", "gave X a crane",
    "supplied X with steel", "passed on its experience to X"; the helper is the verb's subject."""
    status, subj = claim_status(verb), subject_of(verb)
    if status is None or subj is None:
        return []
    forms: set[HelpForm] = set()
    recipients: list[int] = []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects:
        things = set().union(*(thing_forms(o) for o in [obj, *obj.conjuncts]))  # "ten tractors and 200 tons of grain"
        if things:  # the things as object: the recipient after "to", or as the dative
            forms |= things
            found: list[int] = []
            for c in verb.children:  # ("to" may be parsed as the dative itself)
                if c.dep_ == "dative" and c.lower_ != "to":
                    found += units_of(c, index)
                elif c.dep_ in ("dative", "prep") and c.lower_ == "to":
                    for r in (g for g in c.children if g.dep_ == "pobj"):
                        found += units_of(r, index)
            if not found:  # "gave the X farm ten tractors", the parser lost in the two objects: a unit between
                found = [index.resolve(j) for j in dict.fromkeys(index.at(t) for t in verb.doc[verb.i + 1 : obj.i])
                         if j is not None and index.mentions[index.resolve(j)].type in UNIT_TYPES]
            recipients += found
        else:  # the recipient as object, the things after "with"
            things = {f for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                      for g in c.children if g.dep_ == "pobj" for f in thing_forms(g)}
            if things:
                forms |= things
                recipients += units_of(obj, index)
    if not forms:
        return []
    found = _in_order(forms)
    campaign = _campaign_in(verb.sent, index)
    helpers = units_of(subj, index)
    return [HelpFinding(h, r, found, verb.sent, campaign, status)
            for h in helpers for r in dict.fromkeys(recipients) if r != h and index.mentions[r].type in UNIT_TYPES]


_PATRONAGE = frozenset("patronage wing guardianship care".split())


def _under_its_patronage(verb: Token, index: MentionIndex) -> list[HelpFinding]:
    """ "A took the lagging B under its patronage": A helps B (the Soviet 'шефство')."""
    if verb.lemma_.lower() != "take" or not any(
            p.dep_ == "prep" and p.lower_ == "under" and any(g.lemma_.lower() in _PATRONAGE for g in p.children)
            for p in verb.children):
        return []
    status, subj = claim_status(verb), subject_of(verb)
    if status is None or subj is None:
        return []
    recipients = [j for c in verb.children if c.dep_ == "dobj" for j in units_of(c, index)]
    campaign = _campaign_in(verb.sent, index)
    return [HelpFinding(h, r, (HelpForm.UNSPECIFIED,), verb.sent, campaign, status)
            for h in units_of(subj, index) for r in recipients if r != h]


TRAIN_VERBS = frozenset("train educate cultivate".split())


def _trained_for(verb: Token, index: MentionIndex) -> list[HelpFinding]:
    """ "A trained 2,000 technicians for B": help in training."""
    status, subj = claim_status(verb), subject_of(verb)
    if status is None or subj is None:
        return []
    people = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _SENT_PEOPLE | PEOPLE]
    recipients = [j for head in [verb, *people] for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "for"
                  for g in prep.children if g.dep_ == "pobj" for j in units_of(g, index)]
    if not people or not recipients:
        return []
    campaign = _campaign_in(verb.sent, index)
    return [HelpFinding(h, r, (HelpForm.TRAINING,), verb.sent, campaign, status)
            for h in units_of(subj, index) for r in dict.fromkeys(recipients) if r != h]


def find_help(sent: Span, index: MentionIndex) -> list[HelpFinding]:
    """Help statements of one sentence (acts done or under way only)."""
    out: list[HelpFinding] = []
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _MOVE_VERBS | SEND_VERBS | _GOING:
            out += _people_to(tok, index)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in HAND_OVER_VERBS:
            out += _things_to(tok, index)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in TRAIN_VERBS:
            out += _trained_for(tok, index)
        if tok.pos_ == "VERB":
            out += _under_its_patronage(tok, index)
        aided = _with_the_help_of(tok, index)
        if aided is not None:
            status = claim_status(aided[2])
            if status is not None:
                out += [HelpFinding(h, r, _noun_forms(tok), sent, _campaign_in(sent, index), status)
                        for h in aided[0] for r in aided[1]]
            continue
        out += _received(tok, index) + _thanked_for(tok, index)
        lemma = tok.lemma_.lower()
        passive = _passive(tok, index) if lemma in HELP_VERBS and tok.pos_ == "VERB" else None
        if passive is not None:
            status = claim_status(tok)
            if status is not None:
                out += [HelpFinding(h, r, help_forms(tok, None), sent, _campaign_in(sent, index), status)
                        for h in passive[0] for r in passive[1]]
            continue
        if lemma in HELP_VERBS and (tok.pos_ == "VERB" or _has_args(tok)):
            verb = tok
        elif tok.pos_ == "NOUN" and lemma == "help" and tok.dep_ == "dobj" and tok.head.lemma_ in GIVE_VERBS:
            verb = tok.head  # "gave it great help"
        else:
            continue
        status = claim_status(verb)
        if status is None or tok.dep_ in ("amod", "compound"):
            continue
        helpers, recipients = _surface(tok, index)
        if not (helpers and recipients):
            subj = _invited(verb) or subject_of(verb)
            if subj is None:
                continue
            helpers = units_of(subj, index)
            if not helpers:
                continue
            recipients = _recipients(verb, index, helpers, subj)
        invited = _invited(verb)  # people invited come to the recipient, as people sent do
        came = verb.head if invited is not None and invited.lemma_.lower() in _SENT_PEOPLE | PEOPLE else None
        forms = help_forms(tok, _sender(verb) or came)
        campaign = _campaign_in(sent, index)
        for h in helpers:
            for r in recipients:
                out.append(HelpFinding(h, r, forms, sent, campaign, status))
    return _dedupe(out, index)


_INVITING = frozenset("invite ask request".split())


def _invited(verb: Token) -> Token | None:
    """ "B invited technicians from A to help it": the ones invited help, not the one who invites."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in _INVITING:
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _dedupe(findings: list[HelpFinding], index: MentionIndex) -> list[HelpFinding]:
    """One finding per pair a sentence states, its forms joined; a pair named twice ("help from the No. 3 Mill:
    ... the No. 3 Mill sent ...") is one pair."""
    seen: dict[tuple[str, str, str], HelpFinding] = {}
    for f in findings:
        key = (index.mentions[f.helper].name, index.mentions[f.recipient].name, f.status)
        if key in seen:
            old = seen[key]
            merged = set(old.forms + f.forms)
            if len(merged) > 1:  # "unspecified" only stands alone
                merged.discard(HelpForm.UNSPECIFIED)
            forms = _in_order(merged)
            seen[key] = HelpFinding(f.helper, f.recipient, forms, f.sentence, old.campaign or f.campaign, f.status)
        else:
            seen[key] = f
    return list(seen.values())


def _listed_units(sent: Span, index: MentionIndex) -> list[int]:
    """Units listed in one coordination ("A, B, C and D"), the longest list in the sentence."""
    best: list[int] = []
    for tok in sent:
        if tok.dep_ in ("conj", "appos") or len(with_conjuncts(tok)) < 2:
            continue
        units = []
        for t in with_conjuncts(tok):
            j = index.at(t)
            if j is not None and index.mentions[index.resolve(j)].type in UNIT_TYPES:
                units.append(index.resolve(j))
        if len(units) > len(best):
            best = units
    return list(dict.fromkeys(best))


def _exchanges_experience(verb: Token) -> bool:
    return verb.lemma_ == "exchange" and any(c.dep_ == "dobj" and c.lemma_ == "experience" for c in verb.children)


_EXCHANGED = frozenset("experience technician expert worker cadre material equipment".split())


def _exchanges(verb: Token) -> bool:
    """ "exchanged experience", "exchanged technicians and materials": help both ways."""
    return verb.lemma_ == "exchange" and any(c.dep_ == "dobj" and t.lemma_.lower() in _EXCHANGED
                                             for c in verb.children for t in (c, *c.conjuncts))


def _is_reciprocal(verb: Token) -> bool:
    """Whether the verb itself says "each other": "exchanged experiences", "mutually helped", "sent
    people to each other"."""
    if _exchanges(verb) or any(c.dep_ == "advmod" and c.lower_ in ("mutually", "reciprocally") for c in verb.children):
        return True
    return any(t.lower_ == "each" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "other"
               or t.lower_ == "one" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "another"
               for c in verb.children if c.dep_ in ("prep", "dobj", "dative") for t in c.subtree)


def _with_another(tok: Token) -> bool:
    """ "with B", not "with each other"."""
    if tok.lower_ != "with" or tok.dep_ != "prep":
        return False
    after = tok.doc[tok.i + 1 : tok.i + 3].text.lower()
    return after not in ("each other", "one another")


def _is_plural(m: int, index: MentionIndex) -> bool:
    mention = index.mentions[m]
    return mention.count is not None or any(
        t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() == mention.head for t in mention.span(index.doc))


def _exchanging(verbs: list[Token], index: MentionIndex) -> list[int]:
    """ "A exchanged experience with B", "the two plants exchanged technicians": the units on both sides."""
    for verb in verbs:
        if not _is_reciprocal(verb):
            continue
        subj = subject_of(verb)
        units = units_of(subj, index) if subj is not None else []
        objects = [c for c in verb.children if c.dep_ == "dobj"]  # ("with B" may hang on the experience)
        units += [j for t in (verb, *objects) for c in t.children if c.dep_ == "prep" and c.lower_ == "with"
                  for g in c.children if g.dep_ == "pobj" for j in units_of(g, index)]
        units = [u for u in dict.fromkeys(units) if index.mentions[u].type in UNIT_TYPES]
        if len(units) >= 2 and not any(_is_plural(u, index) for u in units):  # (a group with a unit: left out)
            return units
    return []


def _group_itself(verbs: list[Token], index: MentionIndex) -> int | None:
    """One group whose members, not listed, help each other: the plural subject of a reciprocal verb
    ("the steel plants of the region exchanged experiences", "they mutually sent people")."""
    for verb in verbs:
        if not _is_reciprocal(verb) or any(_with_another(t) for t in verb.subtree):
            continue  # "A exchanged experiences with B" is not a group among itself
        subj = subject_of(verb)
        if subj is None or not (subj.lower_ == "they" or subj.pos_ != "PRON" and subj.tag_ in ("NNS", "NNPS")):
            continue
        found = units_of(subj, index)
        if len(found) == 1 and _is_plural(found[0], index):
            return found[0]
    return None


_PART_NOUNS = frozenset("unit team shaft well pit workshop section brigade group crew department".split())


def _among_its_parts(sent: Span, index: MentionIndex) -> Token | None:
    """The verb of "organized mutual support ... among the various units": help among the parts of
    the unit the article is about, none of them named."""
    for noun in sent:
        if noun.lemma_ not in _MUTUAL_NOUNS or noun.pos_ != "NOUN" or noun.dep_ != "dobj":
            continue
        if not any(c.dep_ == "amod" and c.lower_ == "mutual" for c in noun.children):
            continue
        verb = noun.head
        if verb.pos_ != "VERB" or not_done(verb):
            continue
        for prep in (c for t in (verb, noun) for c in t.children if c.dep_ == "prep" and c.lower_ in ("among", "between")):
            for pobj in prep.children:
                if (pobj.dep_ == "pobj" and pobj.tag_ == "NNS" and pobj.lemma_ in _PART_NOUNS and index.at(pobj) is None
                        and any(c.lower_ in ("the", "various", "its", "all") for c in pobj.children)):
                    return verb
    return None


_MUTUAL_NOUNS = frozenset("help aid assistance support cooperation".split())


def find_mutual_aid(sent: Span, index: MentionIndex, main: int | None = None) -> list[MutualFinding]:
    """Named units of one list that help each other or exchange experience, as one finding; or one
    group that does so among its members; or, ``main`` being the unit the article is about, help
    among its parts ("mutual support among the various units")."""
    text = sent.text.lower()
    verbs = [t for t in sent if t.pos_ == "VERB" and t.lemma_ in ("exchange", "help", "support", "assist", *SEND_VERBS)]
    # "carried out mutual help", "practised mutual aid": the verb whose object the mutual help is
    verbs += [t.head for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in _MUTUAL_NOUNS and t.dep_ == "dobj"
              and t.head.pos_ == "VERB" and any(c.lower_ == "mutual" for c in t.children)]
    if not any(marker in text for marker in RECIPROCAL) and not any(_exchanges(v) for v in verbs):
        return []
    done = [v for v in verbs if not not_done(v)]
    units = _listed_units(sent, index) if done else []
    if len(units) < 2:
        units = _exchanging(done, index) or units
    if len(units) < 2:
        group = _group_itself(done, index)
        if group is None and main is not None:
            verb = _among_its_parts(sent, index) if "mutual" in text else None
            if verb is not None:
                group, done = main, [verb]
        if group is None:
            return []
        units = [group]
    forms = help_forms(done[0], None)
    if any(t.lemma_.lower() in _SENT_PEOPLE | PEOPLE for v in done if _exchanges(v) for c in v.children
           if c.dep_ == "dobj" for t in (c, *c.conjuncts)):
        forms = _in_order({*forms, HelpForm.PERSONNEL} - {HelpForm.UNSPECIFIED})  # "exchanged technicians"
    if "experience" in text:
        forms = tuple(f for f in forms if f is not HelpForm.UNSPECIFIED) or (HelpForm.TECHNICAL_EXPERIENCE,)
        if HelpForm.TECHNICAL_EXPERIENCE not in forms:
            forms = (*forms, HelpForm.TECHNICAL_EXPERIENCE)
    return [MutualFinding(tuple(units), forms, sent)]

"""Participation: a unit launches, conducts, joins or competes in a campaign.

Read from a campaign mention's governing verb ("X launched the Y Competition",
"the competition conducted by X") or a possessive ("X's 'Y Competition'").
Help placed in a campaign makes its helper and recipient participants as well;
:mod:`kg.extract` adds those.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.mentions import MentionIndex
from kg.extract.syntax import UNIT_TYPES, members_of, not_done, subject_of, units_of
from kg.schemas import EntityType

__all__ = ["ParticipationFinding", "find_participation", "PARTICIPATION_VERBS"]

_OF_UNITS = ("of", "between", "among", "in")

PARTICIPATION_VERBS = frozenset(
    """launch carry conduct participate join take compete sign develop start unfold expand hold
    organize initiate enter wage convene conclude challenge""".split()
)


@dataclass(frozen=True)
class ParticipationFinding:
    participant: int
    campaign: int
    sentence: Span


_WHOLE = frozenset(("entire", "whole", "all"))


def _scope(verb: Token, index: MentionIndex) -> list[int]:
    """Units a campaign is launched all over: "in the entire mine", "throughout the whole factory"."""
    out: list[int] = []
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "throughout", "across"):
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if any(c.lower_ in _WHOLE for c in pobj.children):
                out += [u for u in units_of(pobj, index) if index.mentions[u].type is EntityType.ENTERPRISE]
    return out


def find_participation(sent: Span, index: MentionIndex) -> list[ParticipationFinding]:
    out: list[ParticipationFinding] = []
    for j, m in enumerate(index.mentions):
        if not (sent.start <= m.start < sent.end) or m.type is not EntityType.CAMPAIGN:
            continue
        campaign = index.resolve(j)
        head = index.doc[m.start : m.end].root
        units: list[int] = []
        for child in head.children:
            if child.dep_ == "poss":  # "the Hegang Coal Mine's 'Red Banner Competition'"
                units += units_of(child, index)
            elif child.dep_ == "prep" and child.lower_ in _OF_UNITS:  # "the competition between X and Y"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        units += units_of(pobj, index)
            elif child.dep_ == "acl":  # "the competition conducted by X"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    for pobj in agent.children:
                        units += units_of(pobj, index)
        cur = head
        for _ in range(4):
            cur = cur.head
            if cur.pos_ == "VERB":
                break
        if cur.pos_ == "VERB" and cur.lemma_.lower() in PARTICIPATION_VERBS and not not_done(cur):
            subj = subject_of(cur)
            if subj is not None and subj.i != head.i:
                units += units_of(subj, index)
            for child in cur.children:  # passive: "launched by X"
                if child.dep_ == "agent":
                    for pobj in child.children:
                        units += units_of(pobj, index)
                # "X challenged Y to a competition": the challenged unit takes part as well
                if child.dep_ == "dobj" and cur.lemma_.lower() == "challenge" and child.i != head.i:
                    units += units_of(child, index)
            # "the Party committee launched the campaign in the entire mine": the mine takes part
            units = _scope(cur, index) or units
        for u in dict.fromkeys(units):
            if index.mentions[u].type not in UNIT_TYPES:
                continue
            # a group whose members are listed takes part through its members
            for member in members_of(u, index) or [u]:
                out.append(ParticipationFinding(member, campaign, sent))
    return out

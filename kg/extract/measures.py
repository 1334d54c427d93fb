"""Measurements: a number with a unit, the unit of production it is about, and its kind.

Grammar read (each pinned in ``tests/test_extract_measures.py``):

* "increased by 14.1% compared to ..." -- a change (``by``), period from the dates;
* "overfulfilled the plan by 2,286 tons", "overproduced more than 700 tons" -- a surplus;
  "more than" / "over" / "at least" make the value a lower bound;
* "was 19.204 in 1956", "increased to 22.652" -- a level;
* "guarantee to overproduce ... 127 million rubles" -- a target (a pledge or goal);
* time on a plan, numbers in words too: "completed the state plan for eleven
  consecutive months" (a level), "decided to complete the seven-year plan ahead of
  schedule in five years" (a target); other spans of time ("over the past three
  years") are no measurement;
* a quantity of the help itself ("sent workers to help replace 70 meters of
  line") is no measurement of a unit.
The subject is the unit named in the clause's subject ("the output of No. 6 Mine"),
a pronoun's antecedent, or the unit the sentence is about.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from spacy.tokens import Span, Token

from kg.extract.help import HAND_OVER_VERBS, HELP_VERBS, RECEIVE_VERBS, thing_forms
from kg.extract.mentions import MentionIndex
from kg.extract.zh_lexicon import number_word
from kg.extract.syntax import (
    NOT_DONE_VERBS,
    PEOPLE,
    UNIT_TYPES,
    antecedent,
    clause_of,
    not_done,
    subject_of,
    units_of,
)
from kg.schemas import MeasurementKind

__all__ = ["MeasureFinding", "find_measurements", "parse_number"]

_UNITS = {
    "%": "%", "percent": "%", "per cent": "%",
    "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t",
    "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "kilometer": "km", "kilometers": "km",
    "ruble": "rubles", "rubles": "rubles", "rouble": "rubles", "roubles": "rubles",
    "yuan": "yuan",
    "jin": "jin", "mu": "mu", "dan": "dan",
    "gram": "g", "grams": "g", "kilogram": "kg", "kilograms": "kg",
    "kilowatt": "kW", "kilowatts": "kW",
    "month": "months", "months": "months",
    "year": "years", "years": "years",
}
_MULTIPLIERS = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_CHANGE_VERBS = frozenset("increase rise raise grow decrease reduce drop fall cut improve soar jump lower".split())
_SURPLUS_PREFIXES = ("overfulfil", "overproduc", "over-fulfil", "over-produc", "exceed", "surpass")
_ABOVE_PLAN = ("above the plan", "above plan", "beyond the plan", "over the plan", "above quota")
_LOWER_BOUND = ("more than", "over", "at least", "above")
_TIME_UNITS = {"day": "days", "days": "days", "month": "months", "months": "months", "year": "years",
               "years": "years"}
_RUN_WORDS = ("consecutive", "successive", "straight")
_COMPLETE_VERBS = frozenset("complete fulfil fulfill accomplish finish overfulfil overfulfill".split())
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class MeasureFinding:
    subject: int
    indicator: str
    value: Decimal
    unit: str
    kind: MeasurementKind
    period: str | None
    lower_bound: bool
    sentence: Span


def parse_number(text: str) -> Decimal | None:
    """``"2,286"`` -> 2286, ``"14.1"`` -> 14.1; None for anything else."""
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _unit_after(tok: Token) -> tuple[str | None, int, Token]:
    """(unit, multiplier, last token of the quantity) for the number ``tok``."""
    doc = tok.doc
    i, mult = tok.i + 1, 1
    if i < len(doc) and doc[i].lower_ in _MULTIPLIERS:
        mult, i = _MULTIPLIERS[doc[i].lower_], i + 1
    if i < len(doc):
        word = doc[i].lower_
        if word in ("kilowatt", "kilowatts") and i + 2 < len(doc) and doc[i + 1].text == "-" \
                and doc[i + 2].lower_ in ("hour", "hours"):
            return "kWh", mult, doc[i + 2]  # "200,000 kilowatt-hours"
        if word in ("jin", "kilogram", "kilograms", "dan") and i + 2 < len(doc) and doc[i + 1].lower_ == "per" \
                and doc[i + 2].lower_ == "mu":
            return f"{_UNITS[word]}/mu", mult, doc[i + 2]  # a yield: "650 jin per mu"
        if word == "percentage" and i + 1 < len(doc) and doc[i + 1].lower_ in ("point", "points"):
            return "%", mult, doc[i + 1]  # "an increase of 4.1 percentage points"
        if word in _UNITS:
            return _UNITS[word], mult, doc[i]
        if word == "per" and i + 1 < len(doc) and doc[i + 1].lower_ == "cent":
            return "%", mult, doc[i + 1]
    if "." in tok.text and any(t.lower_ in ("coefficient", "coefficients") for t in tok.sent):
        return "coefficient", mult, tok
    return None, mult, tok


def _governor(tok: Token) -> Token:
    """The verb a quantity belongs to."""
    cur = tok
    for _ in range(8):  # "reached 650 jin per mu, an increase of 30%": eight steps up from the 30
        if cur.pos_ in ("VERB", "AUX") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


# "2,100 tons more coal than planned", "300 tons more than the plan"
_MORE_THAN_PLANNED = re.compile(r"^\S+(?: \w+){0,2} more(?: \w+)? than (?:planned|scheduled|the (?:state )?plan)\b", re.I)
_MORE_THAN = re.compile(r"^(?:%|percent|per cent|\w+)?\s*(?:more|less|higher|lower|fewer|greater) than\b", re.I)


def _kind(tok: Token, verb: Token, sent: Span) -> MeasurementKind:
    prev = tok.doc[max(tok.i - 3, 0) : tok.i]
    lemmas = {t.lemma_.lower() for t in sent}
    if not_done(verb) or verb.lemma_.lower() in NOT_DONE_VERBS or lemmas & {"goal", "target", "pledge"}:
        return MeasurementKind.TARGET
    if (verb.lower_.startswith(_SURPLUS_PREFIXES) or any(p in sent.text.lower() for p in _ABOVE_PLAN)
            or _MORE_THAN_PLANNED.match(tok.doc[tok.i + 1 : tok.i + 8].text)):
        return MeasurementKind.SURPLUS
    if any(t.lower_ in ("from", "to") for t in prev):
        return MeasurementKind.LEVEL
    if verb.lemma_.lower() in _COMPLETE_VERBS:  # "fulfilled its plan by 104 percent": how much of the plan
        return MeasurementKind.LEVEL
    if _MORE_THAN.match(tok.doc[tok.i + 1 : tok.i + 5].text):  # "15% more than in January"
        return MeasurementKind.CHANGE
    if any(t.lower_ == "by" for t in prev) or verb.lemma_.lower() in _CHANGE_VERBS:
        return MeasurementKind.CHANGE
    if any(t.lower_ == "of" for t in prev) and any(t.pos_ == "NOUN" and t.lemma_.lower() in _CHANGE_VERBS for t in prev):
        return MeasurementKind.CHANGE  # "an increase of 30%"
    return MeasurementKind.LEVEL


def _phrase(head: Token) -> str:
    """The words of a noun phrase up to its head, without determiners: "average daily output"."""
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "case", "predet")
             and not (t.dep_ == "amod" and t.lower_ in ("more", "less", "fewer"))]  # "2,100 tons more coal"
    words = [t for t in words if t.i >= min(w.i for w in words)]
    return " ".join(t.text for t in words if t.pos_ != "PUNCT").strip()


def _indicator(verb: Token, subj: Token | None, quantity_end: Token, index: MentionIndex) -> str:
    if (subj is not None and index.at(subj) is None and subj.pos_ != "PRON" and subj.pos_ in ("NOUN", "PROPN")
            and subj.lemma_.lower() not in PEOPLE  # "their workers pledged to raise productivity by 8%"
            and subj != quantity_end):  # "500 tons of coal were produced by X"
        return _phrase(subj)
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and index.at(child) is None and child.i != quantity_end.i:
            if any(c.dep_ == "nummod" for c in child.children):  # another quantity ("produced 1.2 million
                quantity_end = child  # meters of cloth, 15% more than ..."): what it counts
                break
            return _phrase(child)
    # "produced 1,010,000 tons of raw coal": the verb and what it produced
    for child in quantity_end.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                return f"{verb.lemma_} {_phrase(pobj)}"
    return verb.lemma_


def _subject(verb: Token, subj: Token | None, index: MentionIndex, tok: Token) -> int | None:
    for agent in (c for c in verb.children if c.dep_ == "agent"):  # "500 tons were produced by X"
        found = [j for g in agent.children if g.dep_ == "pobj" for j in units_of(g, index)]
        if found:
            return found[0]
    if subj is not None:
        found = units_of(subj, index)
        if found:
            return found[0]
        for t in subj.subtree:  # "the output of No. 6 Mine", "the mine's output"
            j = index.at(t)
            if j is not None and index.mentions[index.resolve(j)].type in UNIT_TYPES:
                return index.resolve(j)
    sent = tok.sent
    for j in index.before(tok.i, UNIT_TYPES):
        if index.mentions[j].start >= sent.start:
            return index.resolve(j)
        break
    if sent.start > 0:
        prev_subj = subject_of(index.doc[sent.start - 1].sent.root)
        if prev_subj is not None:
            found = units_of(prev_subj, index)
            if found:
                return found[0]
    j = antecedent(tok, index, set())
    return j


def _period(verb: Token, date: dt.date | None, last: Token | None = None) -> str | None:
    """Dates of the verb's own clause, relative years resolved against the article's date; a date right
    after the value is the value's own ("from 150 jin last year to 420 jin this year")."""
    own = _own_date(last) if last is not None else None
    if own is not None:
        parts = [own.text]
    else:
        top = verb
        while top.dep_ == "xcomp" and top.head != top:  # "this year it plans to reach 80 jin"
            top = top.head
        clause = clause_of(verb)
        scope = {t.i for t in top.subtree if clause.start <= t.i < clause.end}
        for child in top.children:  # coordinated verbs have their own dates
            if child.dep_ == "conj":
                scope -= {t.i for t in child.subtree}
        parts = [e.text for e in verb.doc.ents if e.label_ == "DATE" and e.start in scope and _is_period(e)]
        cur = top
        while not parts and cur.dep_ in ("advcl", "conj", "ccomp") and cur.head != cur:
            # "In August they produced ..., overfulfilling their plan by 8.3%": the date of the verb it hangs on;
            # of a verb it is coordinated with, only a date before that verb ("In August ..., and costs fell")
            before = cur.head.i if cur.dep_ == "conj" else len(verb.doc)
            cur = cur.head
            parts = [e.text for e in verb.doc.ents if e.label_ == "DATE" and _is_period(e) and clause.start <= e.start
                     and e.end <= clause.end and e.start < before
                     and (e.root.head == cur or e.root.head.dep_ == "prep" and e.root.head.head == cur)]
    if not parts:
        return None
    text = "; ".join(dict.fromkeys(parts))
    if date is not None:
        text = re.sub(r"\b(the )?(last|previous) year\b", str(date.year - 1), text, flags=re.I)
        text = re.sub(r"\bthis year\b", str(date.year), text, flags=re.I)
        text = re.sub(r"\b(the )?(next|coming|following) year\b", str(date.year + 1), text, flags=re.I)
        if not re.search(r"\b1[89]\d\d\b", text):
            text = f"{text} ({date.year})"
    return text


def _is_period(e: Span) -> bool:
    return "daily" not in e.text.lower() and not e.text.lower().startswith(("monthly", "annual"))


_DATE_GLUE = frozenset("in during for by of".split())


def _own_date(last: Token) -> Span | None:
    """The date just after a value's last word: "420 jin per mu this year", "800 jin for next year",
    "400 tons of grain in May"."""
    doc = last.doc
    if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":  # past what was measured
        pobj = next((c for c in doc[last.i + 1].children if c.dep_ == "pobj"), None)
        last = pobj.right_edge if pobj is not None else last
    for ent in doc.ents:
        if ent.label_ != "DATE" or not _is_period(ent):
            continue
        if ent.start == last.i + 1 or (ent.start == last.i + 2 and doc[last.i + 1].lower_ in _DATE_GLUE):
            return ent
    return None


def _in_help(verb: Token) -> bool:
    """Whether ``verb`` says what help was given: "to help replace 70 meters of line"."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp", "advcl") or cur.head == cur:  # "to help it sow 300 mu"
            return False
        cur = cur.head
        if cur.lemma_.lower() in HELP_VERBS and cur.pos_ == "VERB":
            return True
    return False


def _plan_time(tok: Token) -> tuple[Decimal, str, str, Token, Token] | None:
    """A span of time on a plan, in digits or words: (value, unit, indicator, last token, verb) of
    "completed the plan for 11 consecutive months" or "complete the plan ahead of schedule in five
    years"; None for any other number."""
    doc = tok.doc
    n = parse_number(tok.text)
    if n is None:
        w = number_word(tok.lower_)
        n = Decimal(w) if w is not None else None
    if n is None or n != n.to_integral() or tok.i + 1 >= len(doc):
        return None
    run = doc[tok.i + 1].lower_ in _RUN_WORDS
    last = doc[tok.i + 2] if run and tok.i + 2 < len(doc) else doc[tok.i + 1]
    unit = _TIME_UNITS.get(last.lower_)
    if unit is None:
        return None
    verb = _governor(tok)
    prep = tok.head if tok.dep_ == "nummod" and tok.head == last else None
    prep = prep.head if prep is not None and prep.dep_ == "pobj" else None
    if verb.lemma_.lower() not in _COMPLETE_VERBS or prep is None:
        return None
    plan = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "plan"), None)
    if plan is None:
        return None
    if run and prep.lower_ == "for":
        return n, unit, f"consecutive {unit} of {_phrase(plan)} fulfilment", last, verb
    ahead = "ahead of schedule" in doc[verb.i : tok.i].text.lower() or "ahead of time" in doc[verb.i : tok.i].text
    if not run and prep.lower_ in ("in", "within") and ahead:
        return n, unit, f"time to {verb.lemma_.lower()} the {_phrase(plan)}", last, verb
    return None


def find_measurements(sent: Span, index: MentionIndex, date: dt.date | None) -> list[MeasureFinding]:
    """Measurements of one sentence."""
    out: list[MeasureFinding] = []
    for tok in sent:
        time = _plan_time(tok) if tok.like_num else None
        if time is not None:
            value, unit, indicator, last, verb = time
            subj = subject_of(verb)
            subject = _subject(verb, subj, index, tok)
            if subject is not None:
                out.append(MeasureFinding(subject, indicator, value, unit, _kind(tok, verb, sent), _period(verb, date),
                                          False, sent))
            continue
        value = parse_number(tok.text)
        if value is None:
            continue
        unit, mult, last = _unit_after(tok)
        if unit is None:
            continue
        if unit in ("months", "years") and not value == value.to_integral():
            continue
        verb = _governor(tok)
        if _in_help(verb) or verb.lemma_.lower() in HAND_OVER_VERBS | RECEIVE_VERBS and thing_forms(tok.head):
            continue  # what was given in help ("supplied it with 40 tons of steel") is no measurement
        subj = subject_of(verb)
        subject = _subject(verb, subj, index, tok)
        if subject is None:
            continue
        before = tok.doc[max(tok.i - 2, 0) : tok.i].text.lower()
        out.append(
            MeasureFinding(
                subject=subject,
                indicator=_indicator(verb, subj, last, index),
                value=value * mult,
                unit=unit,
                kind=_kind(tok, verb, sent),
                period=_period(verb, date, last),
                lower_bound=any(before.endswith(b) for b in _LOWER_BOUND),
                sentence=sent,
            )
        )
    return out

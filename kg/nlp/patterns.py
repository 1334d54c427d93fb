"""Token patterns for the shapes of unit names, one function per shape.

They use lexical attributes only (case, digits, lower-case form), so they run
before the tagger and the parser. Each pattern's docstring names the shape it
catches; ``tests/test_nlp.py`` has a sentence for each.
"""

from __future__ import annotations

from kg.nlp.lexicon import CAMPAIGN_HEADS, ENTERPRISE_HEADS, ORDINALS, ORGANIZATION_HEADS, PLACE_HEADS

__all__ = ["unit_patterns"]

# Title-case words that start sentences or clauses but never start a name.
_NOT_NAME = sorted(
    """the a an this that these those in on at of for from to and or but with by under since after
    before during when while not all some many other another each every both its their his her our
    we they it he she however although because as if then now also there here what which who whose
    according meanwhile thus therefore finally first last next new recently since until upon among
    over through into about against between within without like such only today yesterday later soon
    currently""".split()
)
_OPEN_QUOTE = ['"', "“", "'", "‘"]
_CLOSE_QUOTE = ['"', "”", "'", "’"]

Pattern = list[dict]


# A capitalised word, pinyin with an apostrophe ("Yong'an", "Xi'an") and hyphenated words included.
_CAPITALISED = r"^[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*\.?$"


_ALL_HEADS = sorted(ENTERPRISE_HEADS | ORGANIZATION_HEADS | CAMPAIGN_HEADS | PLACE_HEADS)


def _name(op: str = "+", no_heads: bool = False) -> dict:
    """A word of a name; with ``no_heads``, not a head word ("Iron" but not "Factory")."""
    exclude = _NOT_NAME + _ALL_HEADS if no_heads else _NOT_NAME
    return {"TEXT": {"REGEX": _CAPITALISED}, "LOWER": {"NOT_IN": exclude}, "OP": op}


def _head(words, title: bool = True) -> dict:
    tok: dict = {"LOWER": {"IN": sorted(words)}}
    if title:
        tok["IS_TITLE"] = True
    return tok


def _numbered(head: dict) -> list[Pattern]:
    """``No. 4 Mine``, ``No. 12 Shaft``, ``Tianjin No. 3 Cotton Mill``."""
    return [[_name("*"), {"ORTH": "No."}, {"IS_DIGIT": True}, _name("*"), head]]


def _named(head: dict) -> list[Pattern]:
    """``Hegang Coal Mine``, ``Iron and Steel Company``, ``"Red Star" Textile Factory``."""
    quoted = [{"ORTH": {"IN": _OPEN_QUOTE}}, _name(), {"ORTH": {"IN": _CLOSE_QUOTE}}, _name("*"), head]
    # "Novo-Kramatorsk Machine Plant": the tokenizer splits a hyphenated word written without spaces
    joined = {"TEXT": {"REGEX": _CAPITALISED}, "LOWER": {"NOT_IN": _NOT_NAME}, "SPACY": False}
    hyphenated = [_name("*"), joined, {"ORTH": "-", "SPACY": False}, _name(), head]
    # "Qiliying People's Commune", "Anyang People's Iron Works"
    peoples = [_name("*"), {"LOWER": "people"}, {"ORTH": {"IN": ["'s", "’s"]}}, _name("*"), head]
    return [
        [_name(), head],
        peoples,
        # "Iron and Steel Company", never "X Factory and Y Plant"
        [_name(no_heads=True), {"LOWER": "and"}, _name(), head],
        quoted,
        hyphenated,
    ]


def _of_extensions(base: Pattern, times: int = 3) -> list[Pattern]:
    """``Municipal Committee of the Communist Party of China``: a name plus ``of (the) Name`` parts."""
    out, cur = [base], base
    for _ in range(times):
        cur = cur + [{"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, _name()]
        out.append(cur)
    return out


def _enterprise() -> list[Pattern]:
    title_head = _head(ENTERPRISE_HEADS)
    lower_head = _head(["mine", "factory", "plant", "mill", "shaft", "company", "works"], title=False)
    numbered_team = [
        {"IS_DIGIT": True, "LENGTH": {">=": 3}},
        {"IS_LOWER": True, "OP": "?"},
        {"IS_LOWER": True, "OP": "?"},
        {"LOWER": {"IN": ["team", "brigade", "crew", "group"]}},
    ]
    # "the Third Workshop", "the Second Production Team": a part named by its ordinal in title case
    ordinal = {"LOWER": {"IN": sorted(ORDINALS)}, "IS_TITLE": True}
    part = _head(["workshop", "team", "brigade", "shaft", "well", "pit", "section", "group", "shop"])
    ordinal_part = [ordinal, _name("*", no_heads=True), part]
    return _numbered(title_head) + _named(title_head) + [[_name(), lower_head], numbered_team, ordinal_part]


def _organization() -> list[Pattern]:
    head = _head(ORGANIZATION_HEADS)
    out: list[Pattern] = []
    for base in _named(head):
        out += _of_extensions(base)
    unit = {"LOWER": {"IN": ["mine", "factory", "plant", "mill", "shaft", "company"]}, "OP": "?"}
    party = [
        unit,
        {"ORTH": "'s", "OP": "?"},
        {"ORTH": "Party"},
        {"LOWER": {"IN": ["branch", "general"]}, "OP": "?"},
        {"LOWER": {"IN": ["committee", "branch"]}},
    ]
    out.append(party)
    out.append(party + [{"LOWER": "of"}, {"LOWER": {"IN": ["this", "the"]}}, unit | {"OP": "+"}])
    # '"Red Flag Competition" committee': the body that runs a campaign, named after it
    out.append([{"ORTH": {"IN": _OPEN_QUOTE}}, _name(), _head(CAMPAIGN_HEADS), {"ORTH": {"IN": _CLOSE_QUOTE}},
                {"LOWER": {"IN": ["committee", "headquarters", "office", "commission"]}}])
    return out


def _campaign() -> list[Pattern]:
    """Also a slogan in title case, in quotes, before a campaign word: '"Compare, Learn, Catch Up and
    Help" campaign' (the recognizer cuts it at the commas)."""
    word = {"TEXT": {"REGEX": r"^(?:[A-Z][a-z]*(?:-[A-Za-z]+)*|,|and|-)$"}, "OP": "*"}
    slogan = [{"ORTH": {"IN": _OPEN_QUOTE}}, {"TEXT": {"REGEX": _CAPITALISED}}, word, {"TEXT": {"REGEX": r"^[A-Z]"}},
              {"ORTH": {"IN": _CLOSE_QUOTE}}, _head(CAMPAIGN_HEADS, title=False)]
    return _named(_head(CAMPAIGN_HEADS)) + [slogan]


def _place() -> list[Pattern]:
    lower = {"LOWER": {"IN": ["region", "province", "oblast"]}}
    return _named(_head(PLACE_HEADS)) + [[_name(), lower], [_name(no_heads=True), {"LOWER": "and"}, _name(), lower]]


def unit_patterns() -> list[dict]:
    """Entity-ruler style patterns: ``{"label": ..., "pattern": [...]}``."""
    out = []
    for label, make in (
        ("ENTERPRISE", _enterprise),
        ("ORGANIZATION", _organization),
        ("CAMPAIGN", _campaign),
        ("PLACE", _place),
    ):
        out += [{"label": label, "pattern": p} for p in make()]
    return out

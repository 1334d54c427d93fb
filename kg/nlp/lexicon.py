"""Head words that give a unit name its type, shared by the patterns and the extractor.

These are the shapes of names ("... Coal Mine", "... Administration Bureau",
"... Competition"), not names themselves.
"""

from __future__ import annotations

__all__ = [
    "CAMPAIGN_HEADS",
    "ENTERPRISE_HEADS",
    "ORDINALS",
    "ORGANIZATION_HEADS",
    "PEOPLE",
    "PLACE_HEADS",
    "head_type",
    "is_short_form",
    "same_kind",
    "short_name_of",
]

ENTERPRISE_HEADS = frozenset(
    """mine mines colliery collieries shaft shafts well wells pit pits factory factories plant plants
    mill mills works trust trusts company companies enterprise enterprises combine cooperative
    cooperatives workshop workshops shop shops team teams brigade brigades kolkhoz sovkhoz station stations
    dockyard shipyard foundry refinery depot commune communes farm farms""".split()
)
ORGANIZATION_HEADS = frozenset(
    """committee committees bureau bureaus section sections department departments agency ministry
    federation association council office administration branch branches league
    commission institute academy newspaper""".split()
)
CAMPAIGN_HEADS = frozenset(
    """competition competitions campaign campaigns movement movements emulation drive contest
    contests""".split()
)
PLACE_HEADS = frozenset(
    """province oblast region city county district prefecture republic krai area""".split()
)

# Ordinals that name a part of a unit ("the third workshop", "the Second Production Team").
ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())

# Nouns for the people of a unit: help "by the employees of X" is help by X.
PEOPLE = frozenset(
    """employee worker cadre secretary leader representative expert staff member chief manager
    director technician official people personnel head deputy engineer collective activist
    committee miner spinner weaver mechanic operator driver apprentice crew""".split()
)


def head_type(word: str) -> str | None:
    """``"Enterprise"``, ``"Organization"``, ``"Campaign"``, ``"Place"`` or None for a head word."""
    w = word.lower()
    if w in ENTERPRISE_HEADS:
        return "Enterprise"
    if w in ORGANIZATION_HEADS:
        return "Organization"
    if w in CAMPAIGN_HEADS:
        return "Campaign"
    if w in PLACE_HEADS:
        return "Place"
    return None


_KINDS = (
    frozenset({"mine", "mines", "colliery", "pit", "shaft", "well"}),
    frozenset({"factory", "plant", "mill", "works"}),
    frozenset({"workshop", "shop"}),
    CAMPAIGN_HEADS,
)


def same_kind(a: str, b: str) -> bool:
    """Head words that can refer to the same kind of unit ("mine" and "colliery")."""
    a, b = a.lower(), b.lower()
    return a == b or any(a in k and b in k for k in _KINDS)


def short_name_of(short: list[str], full: list[str]) -> bool:
    """Whether the words ``short`` ("Luoyang", "depot") name the unit ``full`` ("Luoyang", "Locomotive",
    "Depot") cut short: the full name's first words, then a lower-case head word of its kind."""
    *start, head = short
    return (bool(start) and len(full) > len(short) and full[: len(start)] == start and head.islower()
            and head_type(head) in ("Enterprise", "Organization") and same_kind(head, full[-1]))


def is_short_form(short: str, long: str) -> bool:
    """Whether the name ``short`` is ``long`` with words left out: same first word, same head word,
    every word of it in the long one ("hegang mine" and "hegang coal mine"); compare normalised names."""
    a, b = short.split(), long.split()
    if len(a) >= len(b) or len(a) < 2:
        return False
    return a[0] == b[0] and a[-1] == b[-1] and set(a) <= set(b)

"""Head words that give a unit name its type, shared by the patterns and the extractor.

These are the shapes of names ("... Coal Mine", "... Administration Bureau",
"... Competition"), not names themselves.
"""

from __future__ import annotations

__all__ = ["ENTERPRISE_HEADS", "ORGANIZATION_HEADS", "CAMPAIGN_HEADS", "PLACE_HEADS", "head_type"]

ENTERPRISE_HEADS = frozenset(
    """mine mines colliery collieries shaft shafts well wells pit pits factory factories plant plants
    mill mills works trust trusts company companies enterprise enterprises combine cooperative
    cooperatives workshop workshops team teams brigade brigades kolkhoz sovkhoz station stations
    dockyard shipyard foundry refinery depot commune communes""".split()
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

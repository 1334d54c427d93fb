"""The kg vocabulary (``ekg:``) and the one function that mints resource IRIs."""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["DEFAULT_BASE", "EKG", "kind_prefix", "mint", "slug"]

DEFAULT_BASE = "https://w3id.org/emulation-kg/id/"


class EKG(DefinedNamespace):
    """Terms of ``https://w3id.org/emulation-kg/ns#``; a typo is an error, not a new IRI."""

    _fail = True
    _NS = Namespace("https://w3id.org/emulation-kg/ns#")

    # classes
    Article: URIRef
    Enterprise: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Campaign: URIRef
    Assistance: URIRef
    MutualAid: URIRef
    Measurement: URIRef
    Participation: URIRef
    PlannedAssistance: URIRef
    ClaimStatus: URIRef
    HelpForm: URIRef
    MeasurementKind: URIRef

    # article and entity properties
    page: URIRef
    mentionedIn: URIRef
    partOf: URIRef
    locatedIn: URIRef
    participatesIn: URIRef
    role: URIRef

    # help
    helped: URIRef
    helper: URIRef
    recipient: URIRef
    campaign: URIRef
    form: URIRef
    participant: URIRef
    evidence: URIRef
    status: URIRef
    Decided: URIRef
    Proposed: URIRef
    Planned: URIRef
    Pledged: URIRef

    # help forms
    Personnel: URIRef
    Equipment: URIRef
    Materials: URIRef
    TechnicalExperience: URIRef
    Training: URIRef
    Management: URIRef
    Labour: URIRef
    Unspecified: URIRef

    # measurements
    subject: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    measurementKind: URIRef
    period: URIRef
    lowerBound: URIRef
    Change: URIRef
    Level: URIRef
    Surplus: URIRef
    Target: URIRef

    # measurements checked against the Chinese original
    OriginalCheck: URIRef
    originalCheck: URIRef
    originalFigure: URIRef
    Agrees: URIRef
    Differs: URIRef


_NON_WORD = re.compile(r"[^0-9a-z]+")


def slug(text: str) -> str:
    """A lower-case ASCII key part: ``"No. 7 Mine"`` -> ``"no-7-mine"``.

    Text with no ASCII letters or digits (a Chinese name) is kept as it is
    (minus spaces and slashes), since IRIs may hold any Unicode letter.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out = _NON_WORD.sub("-", folded).strip("-")
    if out:
        return out
    return re.sub(r"[\s/#?%\"<>\\^`{|}]+", "-", text).strip("-") or "x"


def kind_prefix(kind: str, base: str = DEFAULT_BASE) -> str:
    """What every IRI of one kind of resource starts with: ``base + kind + "/"``.

    Writers that mint many IRIs of a kind append keys to it themselves;
    :func:`mint` is this plus the key.
    """
    if not base.endswith(("/", "#")):
        base += "/"
    return f"{base}{kind}/"


def mint(kind: str, key: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a resource: ``base + kind + "/" + key``.

    ``key`` is a stable key made of slugs joined by ``/`` (an entity of a part
    keeps its parent's key in front: ``hegang-coal-mine/no-7-mine``).
    """
    return URIRef(kind_prefix(kind, base) + key)

"""Every record kg reads or produces, as frozen, strict Pydantic models.

The same record types serve two stages:

* ``extract`` fills :class:`ArticleExtraction` for one article. There, the
  references inside records (``Assistance.helper``, ``Measurement.subject``, ...)
  are ids of :class:`Mention` objects of that article.
* ``resolve`` merges mentions into corpus-wide entities and rewrites the
  references to entity ids. Its result is a :class:`Corpus` of resolved records.

Character offsets (``start``/``end``) always count characters of the decoded
source file, so ``source_text[start:end] == text`` holds for every span.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Article",
    "ArticleExtraction",
    "Assistance",
    "ClaimStatus",
    "PlannedAssistance",
    "Campaign",
    "Corpus",
    "Enterprise",
    "Entity",
    "EntityType",
    "Evidence",
    "HelpForm",
    "Lang",
    "Measurement",
    "MeasurementKind",
    "Mention",
    "MutualAid",
    "OriginalCheck",
    "Organization",
    "Participation",
    "Person",
    "Place",
    "TextBlock",
]

Lang = Literal["en", "zh"]
OriginalCheck = Literal["agrees", "differs", "unchecked"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntityType(str, Enum):
    ENTERPRISE = "Enterprise"
    ORGANIZATION = "Organization"
    PERSON = "Person"
    PLACE = "Place"
    CAMPAIGN = "Campaign"


class HelpForm(str, Enum):
    """The controlled list of ``ekg:form`` values."""

    PERSONNEL = "Personnel"
    EQUIPMENT = "Equipment"
    MATERIALS = "Materials"
    TECHNICAL_EXPERIENCE = "TechnicalExperience"
    TRAINING = "Training"
    MANAGEMENT = "Management"
    LABOUR = "Labour"
    UNSPECIFIED = "Unspecified"


class ClaimStatus(str, Enum):
    """What the article says of help that has not (yet) happened."""

    DECIDED = "Decided"  # "decided to help"
    PROPOSED = "Proposed"  # "proposed to help", "called on ... to help"
    PLANNED = "Planned"  # "plan to help", "will help"
    PLEDGED = "Pledged"  # "pledged / guaranteed to help"


class MeasurementKind(str, Enum):
    CHANGE = "Change"
    LEVEL = "Level"
    SURPLUS = "Surplus"
    TARGET = "Target"


# --------------------------------------------------------------------------- articles


class TextBlock(_Model):
    """A run of text of one language, with its offset in the source file."""

    lang: Lang
    text: str
    start: int = Field(ge=0, description="offset of text[0] in the source file")

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Article(_Model):
    """One article: header fields, the English translation and the Chinese original.

    ``english`` is the translation's body (after the header lines), ``chinese``
    the archive block's body (after its title, date, page and column lines).
    Either may be missing, but not both.
    """

    id: str = Field(description="the source file's name without extension")
    source: str = Field(description="path of the source file as given to the reader")
    title: str | None = None
    title_zh: str | None = None
    author: str | None = None
    date: _dt.date | None = None
    page: int | None = None
    column: str | None = Field(None, description="the archive's 专栏 field")
    encoding: str = Field("utf-8", description="the encoding the file was read in")
    english: TextBlock | None = None
    chinese: TextBlock | None = None


# --------------------------------------------------------------------------- evidence


class Evidence(_Model):
    """A verbatim sentence of an article that states a fact."""

    article: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    lang: Lang = "en"


# --------------------------------------------------------------------------- mentions


class Mention(_Model):
    """One stretch of article text that names or refers to an entity.

    ``refers_to`` links a definite description or pronoun ("the mine", "it")
    to the mention of the unit it means; ``part_of`` and ``located_in`` point
    to other mentions of the same article.
    """

    id: str
    article: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: EntityType
    name: str = Field(description="the name without a leading article or possessive")
    name_zh: str | None = Field(None, description="the name as the Chinese original writes it, where found")
    refers_to: str | None = None
    part_of: str | None = None
    located_in: str | None = None
    role: str | None = None


# --------------------------------------------------------------------------- entities


class _EntityBase(_Model):
    id: str = Field(description="stable key; the IRI is minted from it")
    label: str = Field(description="the English name: the fullest mention")
    label_zh: str | None = None
    alt_labels: tuple[str, ...] = ()
    articles: tuple[str, ...] = Field((), description="ids of the articles that mention it")
    part_of: str | None = None
    located_in: str | None = None
    same_as: tuple[str, ...] = Field((), description="other entity ids that name the same unit")


class Enterprise(_EntityBase):
    type: Literal[EntityType.ENTERPRISE] = EntityType.ENTERPRISE


class Organization(_EntityBase):
    type: Literal[EntityType.ORGANIZATION] = EntityType.ORGANIZATION


class Person(_EntityBase):
    type: Literal[EntityType.PERSON] = EntityType.PERSON
    role: str | None = None


class Place(_EntityBase):
    type: Literal[EntityType.PLACE] = EntityType.PLACE


class Campaign(_EntityBase):
    type: Literal[EntityType.CAMPAIGN] = EntityType.CAMPAIGN


Entity = Annotated[
    Union[Enterprise, Organization, Person, Place, Campaign],
    Field(discriminator="type"),
]

ENTITY_CLASSES: dict[EntityType, type[_EntityBase]] = {
    EntityType.ENTERPRISE: Enterprise,
    EntityType.ORGANIZATION: Organization,
    EntityType.PERSON: Person,
    EntityType.PLACE: Place,
    EntityType.CAMPAIGN: Campaign,
}

# --------------------------------------------------------------------------- facts


class Assistance(_Model):
    """One statement that ``helper`` helped ``recipient`` (done or under way)."""

    id: str
    helper: str
    recipient: str
    campaign: str | None = None
    forms: tuple[HelpForm, ...] = (HelpForm.UNSPECIFIED,)
    evidence: Evidence
    evidence_zh: Evidence | None = Field(None, description="the aligned sentence(s) of the Chinese original (lang zh)")


class PlannedAssistance(_Model):
    """Help decided, proposed, planned or pledged: never counted as help done."""

    id: str
    helper: str
    recipient: str
    status: ClaimStatus
    campaign: str | None = None
    forms: tuple[HelpForm, ...] = (HelpForm.UNSPECIFIED,)
    evidence: Evidence
    evidence_zh: Evidence | None = Field(None, description="the aligned sentence(s) of the Chinese original (lang zh)")


class MutualAid(_Model):
    """Units that help each other, stated as a group: the units named, or one group entity whose
    members, not listed, help each other ("the plants of the region exchanged experiences")."""

    id: str
    participants: tuple[str, ...] = Field(min_length=1)
    campaign: str | None = None
    forms: tuple[HelpForm, ...] = (HelpForm.UNSPECIFIED,)
    evidence: Evidence
    evidence_zh: Evidence | None = Field(None, description="the aligned sentence(s) of the Chinese original (lang zh)")


class Measurement(_Model):
    """One number the article gives about a unit."""

    id: str
    subject: str
    indicator: str
    value: Decimal
    unit: str
    kind: MeasurementKind
    period: str | None = None
    lower_bound: bool = Field(False, description='"more than 700 tons" is 700 with this flag')
    evidence: Evidence
    evidence_zh: Evidence | None = Field(None, description="the aligned sentence(s) of the Chinese original (lang zh)")
    original_check: OriginalCheck = Field(
        "unchecked", description="the value compared with the figure of the aligned Chinese sentence"
    )
    original_value: str | None = Field(None, description="that Chinese figure as written (二千二百八十六吨)")


class Participation(_Model):
    """A unit takes part in a campaign."""

    id: str
    participant: str
    campaign: str
    evidence: Evidence
    evidence_zh: Evidence | None = Field(None, description="the aligned sentence(s) of the Chinese original (lang zh)")


class ArticleExtraction(_Model):
    """What the extractor read from one article; references are mention ids."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    assistance: tuple[Assistance, ...] = ()
    planned_assistance: tuple[PlannedAssistance, ...] = ()
    mutual_aid: tuple[MutualAid, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    participation: tuple[Participation, ...] = ()


class Corpus(_Model):
    """Resolved records of a whole corpus; references are entity ids."""

    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    assistance: tuple[Assistance, ...] = ()
    planned_assistance: tuple[PlannedAssistance, ...] = ()
    mutual_aid: tuple[MutualAid, ...] = ()
    measurements: tuple[Measurement, ...] = ()
    participation: tuple[Participation, ...] = ()

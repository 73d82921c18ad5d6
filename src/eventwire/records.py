"""Typed records passed between stages, and the event record contract others read.

Field names follow PLOVER where PLOVER has one (see ``DESIGN.md``). Offsets are character
offsets into ``Document.body``.
"""

from __future__ import annotations

import hashlib
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "PLOVER_EVENTS",
    "Precision",
    "Modality",
    "Status",
    "Document",
    "Sentence",
    "Token",
    "EntityLink",
    "Place",
    "Mention",
    "Actor",
    "EventLocation",
    "Attribution",
    "Evidence",
    "Span",
    "CiteInfo",
    "Coder",
    "Event",
    "EventMention",
    "Story",
    "DocumentRecord",
    "content_hash",
]

PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

Precision = Literal["day", "week", "month", "year", "decade", "century"]
Modality = Literal["asserted", "planned", "hypothetical", "negated", "historical"]


class Status(str, Enum):
    """What happened to a document in the pipeline."""

    pending = "pending"
    coded = "coded"
    skipped_language = "skipped_language"
    failed = "failed"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


def content_hash(text: str) -> str:
    """Stable identity of an article body (whitespace-normalised, SHA-1, 16 hex)."""
    norm = " ".join(text.split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


class Token(_Record):
    start: int
    end: int
    text: str
    lemma: str | None = None
    pos: str | None = None
    tag: str | None = None
    morph: str | None = None
    dep: str | None = None
    head: int | None = Field(None, description="index of the head token within the sentence")


class Sentence(_Record):
    index: int
    start: int
    end: int
    language: str | None = None
    tokens: list[Token] = Field(default_factory=list)


class EntityLink(_Record):
    """A mention linked to a canonical actor in the knowledge base."""

    kb_id: str
    identifier_id: str | None = Field(None, description="Wikidata QID where known")
    identifier_text: str | None = None
    code: str | None = Field(None, description="ISO-3166 alpha-3, IGO/NGO code ...")
    sector: str | None = None
    kind: str | None = Field(None, description="person, org, media, agency, country, role ...")
    score: float | None = None


class Place(_Record):
    geonameid: int | None = None
    name: str
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = Field(None, description="ISO-3166 alpha-3")
    feature_class: str | None = None
    feature_code: str | None = None
    metonym: bool = Field(False, description="the mention stands for a government, not a place")
    score: float | None = None


class Mention(_Record):
    """An entity, place or time mention, written with ``--mentions``."""

    doc_id: str
    start: int
    end: int
    text: str
    label: str
    sentence: int | None = None
    entity: EntityLink | None = None
    place: Place | None = None
    value: str | None = Field(None, description="TimeML value of a DATE/TIME mention")
    source: str | None = Field(None, description="which component produced it")


class Actor(_Record):
    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_id: str | None = None
    identifier_text: str | None = None


class EventLocation(_Record):
    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None


class Attribution(_Record):
    text: str
    kind: Literal["agency", "media", "official", "person", "unnamed"]
    code: str | None = None
    sector: str | None = None


class Span(_Record):
    start: int
    end: int


class Evidence(_Record):
    doc_id: str
    sentence: int | None = None
    start: int
    end: int
    text: str
    trigger: Span | None = None


class CiteInfo(_Record):
    publication: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = None


class Coder(_Record):
    name: str = "eventwire"
    version: str
    backend: str


class EventMention(_Record):
    """One report of an event (GDELT's Mentions table)."""

    event_id: str
    doc_id: str
    publication: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    attributed_to: list[Attribution] = Field(default_factory=list)
    confidence: float = 0.0


class Event(_Record):
    """The PLOVER event record (one JSONL line)."""

    id: str
    event: str
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    actor: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    event_loc: EventLocation | None = None
    date: str | None = None
    date_precision: Precision | None = None
    date_raw: str | None = None
    modality: Modality = "asserted"
    attributed_to: list[Attribution] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    cite_info: CiteInfo | None = None
    confidence: float = 0.0
    coder: Coder | None = None
    cameo_root: str | None = Field(None, description="nearest CAMEO root code, for GDELT/ICEWS users")
    quad_class: int | None = Field(None, description="CAMEO quad class 1-4")
    story_id: str | None = None
    num_articles: int = 1
    num_sources: int = 1
    mentions: list[EventMention] = Field(default_factory=list)


class Story(_Record):
    id: str
    title: str | None = None
    doc_ids: list[str] = Field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    languages: list[str] = Field(default_factory=list)


class Document(_Record):
    """An article moving through the pipeline; stages fill in its analyses."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    doc_id: str
    body: str
    title: str | None = None
    url: str | None = None
    publication: str | None = None
    dateline: str | None = Field(None, description="the place named in the wire dateline (BERLIN, ...)")
    published: str | None = Field(None, description="ISO date or month, as precise as the source")
    published_precision: Precision | None = None
    authors: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    language: str | None = None
    source_path: str | None = None
    source_format: str | None = None
    content_hash: str | None = None
    status: Status = Status.pending
    reason: str | None = None
    story_id: str | None = None
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    def record(self) -> "DocumentRecord":
        return DocumentRecord(
            doc_id=self.doc_id,
            language=self.language,
            publication=self.publication,
            published=self.published,
            published_precision=self.published_precision,
            authors=self.authors,
            editors=self.editors,
            title=self.title,
            url=self.url,
            body_chars=len(self.body),
            status=self.status.value,
            reason=self.reason,
            story_id=self.story_id,
            source_path=self.source_path,
            content_hash=self.content_hash,
        )


class DocumentRecord(_Record):
    """One line per input document with ``--documents``."""

    doc_id: str
    language: str | None
    publication: str | None
    published: str | None
    published_precision: Precision | None
    authors: list[str]
    editors: list[str]
    title: str | None
    url: str | None
    body_chars: int
    status: str
    reason: str | None = None
    story_id: str | None = None
    source_path: str | None = None
    content_hash: str | None = None

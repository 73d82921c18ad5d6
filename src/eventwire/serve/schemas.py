"""Request and response bodies of the HTTP API (they make its OpenAPI spec)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from eventwire.ingest.base import Failure
from eventwire.records import Actor, Attribution, DocumentRecord, Event, Evidence, Mention, Story

__all__ = [
    "Problem",
    "EventPage",
    "EventDetail",
    "ArticlePage",
    "ArticleEvent",
    "ArticleView",
    "ArticleIn",
    "IngestResult",
    "StoryPage",
    "StoreInfo",
    "INPUT_FORMATS",
]

INPUT_FORMATS = ("text", "wire", "jsonl", "html", "feed")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """Every 4xx answer: what is wrong, in words (and, for invalid parameters, where)."""

    detail: str
    errors: list[ProblemItem] | None = None


class EventPage(_Out):
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int
    items: list[Event]


class EventDetail(_Out):
    event: Event
    articles: list[DocumentRecord] = Field(description="the stored articles the event's evidence and mentions cite")


class ArticlePage(_Out):
    total: int
    limit: int
    offset: int
    items: list[DocumentRecord]


class ArticleEvent(_Out):
    """An event as the article view shows it: what, who, how sure, and its words in this article."""

    id: str
    event: str
    mode: list[str] = Field(default_factory=list)
    actor: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    modality: str
    attributed_to: list[Attribution] = Field(default_factory=list)
    confidence: float = 0.0
    place: str | None = None
    evidence: list[Evidence] = Field(description="spans of this article's body (character offsets), with triggers")


class ArticleView(_Out):
    document: DocumentRecord
    body: str
    mentions: list[Mention]
    events: list[ArticleEvent]


class StoryPage(_Out):
    total: int
    limit: int
    offset: int
    items: list["StorySummaryOut"]


class StorySummaryOut(_Out):
    story: Story
    events: int


StoryPage.model_rebuild()


class ArticleIn(BaseModel):
    """A new article (or a feed / JSONL batch of them) to process and store."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article text (or HTML, JSONL lines, an RSS/Atom feed)")
    format: Literal["text", "wire", "jsonl", "html", "feed"] = Field(
        "text", description="how to read `text`; `wire` is the agency header/trailer layout"
    )
    source: str = Field(
        "api", min_length=1, max_length=200, pattern=r"^[\w .:@#/+-]+$",
        description="a label stored as the documents' source (never opened as a file)",
    )


class IngestResult(_Out):
    read: int = Field(description="documents read from the input")
    stored: int = Field(description="documents newly stored")
    already_stored: int = Field(description="documents whose text the store already had")
    events: int
    documents: list[DocumentRecord]
    failures: list[Failure]


class StoreInfo(_Out):
    counts: dict[str, int]
    read_only: bool
    event_types: list[str]
    modalities: list[str]
    max_body_bytes: int

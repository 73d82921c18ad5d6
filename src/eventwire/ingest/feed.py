"""RSS and Atom feeds through feedparser: one document per entry with its summary or content."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from eventwire.ingest.base import Failure, InputError, make_document
from eventwire.records import Document

__all__ = ["read_feed"]

_TAG = re.compile(r"<[^>]+>")


def read_feed(text: str, *, source: str) -> Iterator[Document | Failure]:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")))  # never a path or URL
    if not parsed.entries:
        reason = f"no feed entries ({parsed.bozo_exception})" if parsed.bozo else "no feed entries"
        yield Failure(source=source, reason=reason)
        return
    publication = parsed.feed.get("title")
    language = (parsed.feed.get("language") or "")[:2] or None
    for index, entry in enumerate(parsed.entries, start=1):
        content = ""
        if entry.get("content"):
            content = " ".join(c.get("value", "") for c in entry.content)
        content = content or entry.get("summary", "")
        body = _TAG.sub(" ", content)
        body = re.sub(r"[ \t]+", " ", body).strip()
        published = None
        if entry.get("published_parsed") or entry.get("updated_parsed"):
            t = entry.get("published_parsed") or entry.get("updated_parsed")
            published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
        try:
            yield make_document(
                body,
                source=f"{source}#{index}",
                fmt="feed",
                doc_id=None,
                title=entry.get("title"),
                url=entry.get("link"),
                publication=publication,
                language=language,
                published=published,
                authors=[entry.author] if entry.get("author") else [],
            )
        except InputError as err:
            yield Failure(source=source, line=index, reason=f"entry {index}: {err}")

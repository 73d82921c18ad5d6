"""HTML pages through trafilatura (main text, title, date, authors)."""

from __future__ import annotations

from eventwire.ingest.base import InputError, make_document
from eventwire.records import Document

__all__ = ["read_html"]


def read_html(html: str, *, source: str, url: str | None = None, fmt: str = "html") -> Document:
    import trafilatura

    if "<" not in html[:2000]:
        raise InputError("no HTML markup found")
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    if extracted is None:
        raise InputError("no article text found in the HTML (empty, truncated or not an article)")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = data.get("text") or ""
    if not body.strip():
        raise InputError("no article text found in the HTML (empty, truncated or not an article)")
    authors = [a.strip() for a in (data.get("author") or "").split(";") if a.strip()]
    return make_document(
        body,
        source=source,
        fmt=fmt,
        title=data.get("title"),
        url=url or data.get("url"),
        publication=data.get("sitename") or data.get("hostname"),
        published=data.get("date"),
        authors=authors,
        language=data.get("language"),
    )

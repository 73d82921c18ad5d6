"""JSON Lines: one article per line with ``id, title, text, date, url, source, language``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from eventwire.ingest.base import Failure, InputError, make_document
from eventwire.records import Document

__all__ = ["read_jsonl"]

_TEXT_KEYS = ("text", "body", "content")
_DATE_KEYS = ("date", "published", "publish_date")


def read_jsonl(text: str, *, source: str) -> Iterator[Document | Failure]:
    """Each line is read on its own: a malformed line is a Failure naming its line, the rest go on."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _line_document(line, source=source, lineno=lineno)
        except InputError as err:
            yield Failure(source=source, line=lineno, reason=str(err))


def _line_document(line: str, *, source: str, lineno: int) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"malformed JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(obj, dict):
        raise InputError("a JSONL line must be an object with a 'text' field")
    body = next((obj[k] for k in _TEXT_KEYS if isinstance(obj.get(k), str)), None)
    if body is None:
        raise InputError("no 'text' field")
    date = next((obj[k] for k in _DATE_KEYS if obj.get(k)), None)
    doc_id = obj.get("id")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    return make_document(
        body,
        source=f"{source}:{lineno}",
        fmt="jsonl",
        doc_id=str(doc_id) if doc_id is not None else None,
        title=obj.get("title"),
        url=obj.get("url"),
        publication=obj.get("source") or obj.get("publication"),
        language=obj.get("language") or obj.get("lang"),
        published=str(date) if date is not None else None,
        authors=[str(a) for a in authors],
    )

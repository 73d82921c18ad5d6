"""Shared pieces of the readers: results, failures, decoding, publication dates."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel

from eventwire.records import Document, Precision, content_hash

__all__ = [
    "InputError",
    "Failure",
    "decode_bytes",
    "parse_published",
    "make_document",
]


class InputError(ValueError):
    """A problem with one input that the user can fix; the batch goes on."""


class Failure(BaseModel):
    """An input that could not be read, with where and why."""

    source: str
    line: int | None = None
    reason: str

    def message(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode text, refusing binary files and reporting undecodable input clearly."""
    if not data.strip():
        raise InputError("empty input")
    sample = data[:4096]
    if b"\x00" in sample or len(_BINARY_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError("looks like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        pass
    # Common news encodings; cp1252 covers latin-1 plus typographic quotes.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(
            f"not valid UTF-8 (byte {err.start}) nor Windows-1252; re-encode the file as UTF-8"
        ) from None
    return text


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: str | None) -> tuple[str | None, Precision | None]:
    """A publication date as precise as its source says, never more.

    ``2023-09`` stays a month; ``2023-09-12T10:00Z`` is a day; RFC 822 feed dates are days.
    """
    if value is None:
        return None, None
    text = str(value).strip()
    if not text:
        return None, None
    if m := _YEAR.match(text):
        return m.group(1), "year"
    if m := _MONTH.match(text):
        if 1 <= int(m.group(2)) <= 12:
            return text, "month"
        raise InputError(f"invalid month in date {text!r}")
    if m := _DAY.match(text):
        try:
            datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            raise InputError(f"invalid date {text!r}") from None
        return m.group(0), "day"
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat(), "day"
    import dateparser

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    if parsed is None:
        raise InputError(f"unreadable date {text!r}")
    return parsed.date().isoformat(), "day"


def make_document(
    body: str,
    *,
    source: str,
    fmt: str,
    doc_id: str | None = None,
    **fields,
) -> Document:
    """Build a Document with a content-hash identity; an empty body is an input error."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not body.strip():
        raise InputError("no article text found")
    digest = content_hash(body)
    published = fields.pop("published", None)
    precision = fields.pop("published_precision", None)
    if published is not None and precision is None:
        published, precision = parse_published(published)
    return Document(
        doc_id=doc_id or digest,
        body=body,
        source_path=source,
        source_format=fmt,
        content_hash=digest,
        published=published,
        published_precision=precision,
        **{k: v for k, v in fields.items() if v is not None},
    )


def source_name(path: Path | str) -> str:
    return str(path)

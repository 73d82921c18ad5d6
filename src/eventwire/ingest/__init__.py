"""Readers, chosen by extension or an explicit format.

``read_inputs`` walks files, directories and ``-`` (stdin) and yields a ``Document`` or a
``Failure`` per article; a bad input never stops the batch.
"""

from __future__ import annotations

import gzip
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.ingest.base import Failure, InputError, decode_bytes, make_document, parse_published
from eventwire.ingest.feed import read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.warc import read_warc
from eventwire.ingest.wire import parse_wire, read_text
from eventwire.records import Document

__all__ = [
    "FORMATS",
    "Failure",
    "InputError",
    "detect_format",
    "make_document",
    "parse_published",
    "parse_wire",
    "read_bytes",
    "read_inputs",
]

log = logging.getLogger(__name__)

FORMATS = ("text", "wire", "jsonl", "html", "feed", "warc")

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def detect_format(path: Path, data: bytes | None = None) -> str:
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    if data is not None:
        head = data[:512].lstrip().lower()
        if head.startswith(b"warc/"):
            return "warc"
        if head.startswith(b"{"):
            return "jsonl"
        if head.startswith((b"<!doctype html", b"<html")):
            return "html"
        if head.startswith(b"<?xml") and (b"<rss" in data[:2048] or b"<feed" in data[:2048]):
            return "feed"
    return "text"


def read_bytes(data: bytes, *, source: str, fmt: str) -> Iterator[Document | Failure]:
    """Read one input's bytes in a known format."""
    try:
        if fmt == "warc":
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield from read_warc(data, source=source)
            return
        text = decode_bytes(data, source)
        if fmt == "jsonl":
            yield from read_jsonl(text, source=source)
        elif fmt == "feed":
            yield from read_feed(text, source=source)
        elif fmt == "html":
            yield read_html(text, source=source)
        elif fmt in ("text", "wire"):
            yield read_text(text, source=source, wire=True if fmt == "wire" else None)
        else:
            raise InputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    except InputError as err:
        yield Failure(source=source, reason=str(err))
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield Failure(source=source, reason=f"unreadable ({err})")


def _files(paths: Iterable[str | Path]) -> Iterator[Path | None]:
    for raw in paths:
        if str(raw) == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def read_inputs(
    paths: Iterable[str | Path],
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | Failure]:
    """Documents and failures from files, directories (recursively) and ``-`` (stdin)."""
    for path in _files(paths):
        if path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
            source = "<stdin>"
        else:
            source = str(path)
            try:
                size = path.stat().st_size
                if size > max_bytes:
                    yield Failure(
                        source=source,
                        reason=f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                        "(raise ingest.max_bytes in the config or split the file)",
                    )
                    continue
                data = path.read_bytes()
            except FileNotFoundError:
                yield Failure(source=source, reason="no such file")
                continue
            except OSError as err:
                yield Failure(source=source, reason=f"cannot read ({err.strerror})")
                continue
        if len(data) > max_bytes:
            yield Failure(source=source, reason=f"input over the {max_bytes / 1e6:.0f} MB limit")
            continue
        kind = fmt or detect_format(path or Path("stdin"), data)
        yield from read_bytes(data, source=source, fmt=kind)

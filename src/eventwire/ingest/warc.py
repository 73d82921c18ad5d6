"""WARC archives through warcio: every HTML response record becomes a document."""

from __future__ import annotations

import io
from collections.abc import Iterator

from eventwire.ingest.base import Failure, InputError, decode_bytes
from eventwire.ingest.html import read_html
from eventwire.records import Document

__all__ = ["read_warc"]


def read_warc(data: bytes, *, source: str) -> Iterator[Document | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    seen = 0
    try:
        for index, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            seen += 1
            try:
                html = decode_bytes(record.content_stream().read(), source)
                yield read_html(html, source=f"{source}#{url}", url=url, fmt="warc")
            except InputError as err:
                yield Failure(source=source, line=index, reason=f"record {url}: {err}")
    except ArchiveLoadFailed as err:
        yield Failure(source=source, reason=f"not a readable WARC archive ({err})")
        return
    if seen == 0:
        yield Failure(source=source, reason="no HTML response records in the WARC archive")

"""Plain text and the wire-report form.

A wire report starts ``date YYYY-MM (Agency) - body`` (or a dateline such as
``BERLIN, 12. Sept (Reuters) -``) and closes with a trailer, ``(Bericht von: A, B. Redigiert von C
...)`` or ``(Reporting by A and B; Editing by C)``, which names authors and editors and is not
part of the article body. Newsroom e-mail addresses in it go with it.
"""

from __future__ import annotations

import re

from eventwire.ingest.base import make_document
from eventwire.records import Document

__all__ = ["parse_wire", "read_text", "split_names"]

_HEADER = re.compile(
    r"""^\s*
    (?:date\s+(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)\s+)?      # date 2023-09
    (?:(?P<dateline>[A-ZÄÖÜ][\w .'/-]{1,60}?),?\s+(?:\d{1,2}\.?\s+\w+\.?\s+)?)?  # BERLIN, 12. Sept
    \((?P<agency>[A-Z][\w .&'/-]{1,40})\)\s*[-–—]\s+""",
    re.VERBOSE,
)

_TRAILER = re.compile(
    r"""\n?\s*\(\s*(?P<trailer>
        (?:Bericht\s+von|Berichterstattung|Reporting\s+by|Additional\s+reporting|Writing\s+by|Compiled\s+by)
        [^\n]*)\)?\s*$""",
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AUTHORS = re.compile(
    r"(?:Bericht\s+von|Berichterstattung\s+von|Berichterstattung|Reporting\s+by|Writing\s+by|Compiled\s+by"
    r"|Additional\s+reporting\s+by)\s*:?\s*(?P<names>.+?)(?=(?:[.;]\s*|\s+)(?:Redigiert|Bearbeitet|Editing|Edited)\b|[.;]\s|$)",
    re.IGNORECASE | re.DOTALL,
)
_EDITORS = re.compile(
    r"(?:Redigiert\s+von|Bearbeitet\s+von|Editing\s+by|Edited\s+by)\s*:?\s*(?P<names>.+?)(?=[.;](?:\s|$)|\s+Bei\s+Rückfragen|$)",
    re.IGNORECASE | re.DOTALL,
)


def split_names(text: str) -> list[str]:
    """'Lidia Kelly, Sabine Ehrhardt' / 'A and B' / 'A und B' -> names."""
    parts = re.split(r",|\s+(?:and|und|&)\s+", _EMAIL.sub("", text))
    names = []
    for part in parts:
        name = part.strip(" .;:()\n\t")
        if name and re.search(r"[A-Za-zÄÖÜäöü]", name) and len(name.split()) <= 5:
            names.append(name)
    return names


def parse_wire(text: str) -> dict:
    """Split a wire report into header fields, body and trailer fields."""
    fields: dict = {"authors": [], "editors": []}
    body = text.replace("\r\n", "\n")
    header = _HEADER.match(body)
    if header:
        if header.group("date"):
            fields["published"] = header.group("date")
        fields["publication"] = header.group("agency").strip()
        if header.group("dateline"):
            fields["dateline"] = header.group("dateline").strip()
        body = body[header.end():]
    trailer = _TRAILER.search(body)
    if trailer:
        raw = trailer.group("trailer")
        if m := _AUTHORS.search(raw):
            fields["authors"] = split_names(m.group("names"))
        if m := _EDITORS.search(raw):
            fields["editors"] = split_names(m.group("names"))
        body = body[: trailer.start()]
    # Any newsroom address left outside a trailer is contact boilerplate, not news.
    body = "\n".join(line for line in body.split("\n") if not _is_contact_line(line))
    fields["body"] = body.strip()
    return fields


def _is_contact_line(line: str) -> bool:
    return bool(_EMAIL.search(line)) and len(_EMAIL.sub("", line).split()) < 25 and (
        "newsroom" in line.lower() or "rückfragen" in line.lower() or "contact" in line.lower()
    )


def looks_like_wire(text: str) -> bool:
    head = text.lstrip()[:200]
    return bool(_HEADER.match(head)) or bool(_TRAILER.search(text[-1500:]))


def read_text(text: str, *, source: str, wire: bool | None = None) -> Document:
    """A plain-text article; wire-report header and trailer are parsed when present."""
    if wire is None:
        wire = looks_like_wire(text)
    if not wire:
        lines = text.strip().split("\n")
        title = lines[0].strip() if len(lines) > 2 and len(lines[0]) < 200 and lines[1].strip() == "" else None
        body = "\n".join(lines[2:]) if title else text
        return make_document(body, source=source, fmt="text", title=title)
    fields = parse_wire(text)
    body = fields.pop("body")
    return make_document(body, source=source, fmt="wire", **fields)

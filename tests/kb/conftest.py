"""Fixtures for the knowledge-base tests: one KnowledgeBase per session (the gazetteer index is built once
into the user cache directory, or ``$EVENTWIRE_CACHE``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.kb import KnowledgeBase
from eventwire.records import Document, Mention

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def place_mentions(doc_id: str, body: str, spec: list[tuple[str, str]]) -> list[Mention]:
    """Mentions for every whole-word occurrence of each (text, label), longest texts first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for text, label in sorted(spec, key=lambda x: -len(x[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(Mention(doc_id=doc_id, start=m.start(), end=m.end(), text=text, label=label))
    return sorted(out, key=lambda x: x.start)


def make_doc(body: str, lang: str, published: str, spec: list[tuple[str, str]]) -> Document:
    return Document(doc_id="t", body=body, language=lang, published=published,
                    mentions=place_mentions("t", body, spec))

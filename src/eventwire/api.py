"""The Python API: ``eventwire.extract`` for one text or file."""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest import Failure, InputError, make_document, parse_published, read_inputs
from eventwire.ingest.wire import looks_like_wire, read_text
from eventwire.pipeline import Pipeline
from eventwire.records import Document

__all__ = ["extract"]

_DEFAULT: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def _is_file(text: str) -> bool:
    """Whether ``text`` names an existing file; a sentence too long to be a file name is not one."""
    try:
        return Path(text).is_file()
    except OSError:  # ENAMETOOLONG: a text, not a path
        return False


def extract(
    text_or_path: str | Path,
    language: str | None = None,
    published: str | None = None,
    *,
    pipeline: Pipeline | None = None,
) -> list[Document]:
    """Read a text (or a file, if the argument is an existing path) and return processed documents.

    Each document carries its sentences, mentions and events. Raises ``InputError`` for unreadable input.
    """
    pipe = pipeline or _default_pipeline()
    docs: list[Document] = []
    is_path = isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and _is_file(text_or_path)
    )
    if is_path:
        for item in read_inputs([text_or_path]):
            if isinstance(item, Failure):
                raise InputError(item.message())
            docs.append(item)
    else:
        text = str(text_or_path)
        docs.append(read_text(text, source="<text>", wire=looks_like_wire(text)) if text.strip() else
                    make_document(text, source="<text>", fmt="text"))
    for doc in docs:
        if language:
            doc.language = language
        if published:
            doc.published, doc.published_precision = parse_published(published)
    return pipe.run(docs)

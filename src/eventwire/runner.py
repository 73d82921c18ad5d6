"""Streams inputs through the pipeline: reading, batching, skipping known articles, storing.

Used by the CLI, the HTTP API and the Python API alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.ingest import Failure, read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import Document, Status

__all__ = ["RunStats", "run_documents", "StrictFailure"]

log = logging.getLogger(__name__)


class StrictFailure(RuntimeError):
    """Raised in strict mode at the first input or document that fails."""


@dataclass
class RunStats:
    read: int = 0
    coded: int = 0
    skipped_language: int = 0
    skipped_known: int = 0
    failed: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


def run_documents(
    pipeline: Pipeline,
    paths: Iterable[str | Path],
    *,
    fmt: str | None = None,
    strict: bool = False,
    known: Callable[[list[str]], set[str]] | None = None,
    on_progress: Callable[[int], None] | None = None,
    stats: RunStats | None = None,
) -> Iterator[tuple[list[Document], list[Failure]]]:
    """Yield (processed batch, input failures of that batch); ``known`` filters stored hashes."""
    stats = stats if stats is not None else RunStats()
    size = pipeline.config.pipeline.batch_size
    batch: list[Document] = []
    failures: list[Failure] = []
    for item in read_inputs(paths, fmt=fmt, max_bytes=pipeline.config.ingest.max_bytes):
        if isinstance(item, Failure):
            stats.failed += 1
            stats.failures.append(item)
            failures.append(item)
            log.info("%s", item.message())
            if strict:
                raise StrictFailure(item.message())
            continue
        stats.read += 1
        batch.append(item)
        if len(batch) >= size:
            yield _process(pipeline, batch, failures, stats, strict, known, on_progress)
            batch, failures = [], []
    if batch or failures:
        yield _process(pipeline, batch, failures, stats, strict, known, on_progress)


def _process(pipeline, batch, failures, stats, strict, known, on_progress):
    if known is not None and batch:
        seen = known([d.content_hash for d in batch])
        fresh = []
        for doc in batch:
            if doc.content_hash in seen:
                stats.skipped_known += 1
            else:
                fresh.append(doc)
                seen.add(doc.content_hash)  # the same article twice in one batch is stored once
        batch = fresh
    pipeline.run(batch)
    for doc in batch:
        if doc.status == Status.failed:
            stats.failed += 1
            failure = Failure(source=doc.source_path or doc.doc_id, reason=doc.reason or "failed")
            stats.failures.append(failure)
            log.info("%s", failure.message())
            if strict:
                raise StrictFailure(failure.message())
        elif doc.status == Status.skipped_language:
            stats.skipped_language += 1
        else:
            stats.coded += 1
        stats.events += len(doc.events)
    if on_progress:
        on_progress(len(batch) + len(failures))
    return batch, failures

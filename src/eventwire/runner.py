"""Streams inputs through the pipeline: reading, batching, skipping known articles, storing.

Used by the CLI, the HTTP API and the Python API alike.
"""

from __future__ import annotations

import copy
import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.ingest import Failure, read_inputs
from eventwire.pipeline import Pipeline
from eventwire.records import Document, Status

__all__ = ["RunStats", "run_documents", "run_stream", "StrictFailure"]

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
    workers: int = 1,
    keep_sentences: bool = True,
) -> Iterator[tuple[list[Document], list[Failure]]]:
    """Yield (processed batch, input failures of that batch); ``known`` filters stored hashes.

    ``workers`` > 1 runs batches in that many worker processes (see ``run_stream``).
    """
    items = read_inputs(paths, fmt=fmt, max_bytes=pipeline.config.ingest.max_bytes)
    yield from run_stream(pipeline, items, strict=strict, known=known, on_progress=on_progress, stats=stats,
                          workers=workers, keep_sentences=keep_sentences)


def run_stream(
    pipeline: Pipeline,
    items: Iterable[Document | Failure],
    *,
    strict: bool = False,
    known: Callable[[list[str]], set[str]] | None = None,
    on_progress: Callable[[int], None] | None = None,
    stats: RunStats | None = None,
    workers: int = 1,
    keep_sentences: bool = True,
) -> Iterator[tuple[list[Document], list[Failure]]]:
    """Process a stream of documents (and input failures) in batches, yielding them in input order.

    With ``workers`` > 1 and more than one batch of input, batches run in a pool of worker processes
    (models loaded once per worker); at most ``2 * workers`` batches are in flight, so memory stays
    flat however long the input. Stages that keep state across batches (``merge``) run here in the
    parent on each batch as it returns, in input order, so the results equal a one-process run.
    The caller (the one writer) consumes each batch before the next one is handed out. With
    ``workers`` == 1, or input that fits one batch, everything runs in-process.

    ``keep_sentences=False`` drops each document's sentences and tokens once the stages are done
    (in the worker, before the batch travels back: about 90 KiB per 500-word article), for callers
    that write only records, mentions and events. Parent-side stages (``merge``) then see none.
    """
    stats = stats if stats is not None else RunStats()
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    chunks = _chunks(items, pipeline.config.pipeline.batch_size, stats, strict)
    if workers > 1:
        first = next(chunks, None)
        second = next(chunks, None)
        chunks = itertools.chain([c for c in (first, second) if c is not None], chunks)
        if second is not None:  # more than one batch: worth starting the pool
            yield from _run_pooled(pipeline, chunks, workers, stats, strict, known, on_progress, keep_sentences)
            return
    for batch, failures in chunks:
        batch = _filter_known(batch, known, stats, set())
        pipeline.run(batch)
        if not keep_sentences:
            _drop_sentences(batch)
        yield _account(batch, failures, stats, strict, on_progress)


def _drop_sentences(docs: list[Document]) -> None:
    for doc in docs:
        doc.sentences = []


def _run_pooled(pipeline, chunks, workers, stats, strict, known, on_progress, keep_sentences):
    from eventwire.scale.pool import WorkerPool, split_stages

    head, tail = split_stages(pipeline.stages)
    if not head:  # nothing the workers could do
        for batch, failures in chunks:
            batch = _filter_known(batch, known, stats, set())
            pipeline.run(batch)
            if not keep_sentences:
                _drop_sentences(batch)
            yield _account(batch, failures, stats, strict, on_progress)
        return
    in_parent = copy.copy(pipeline)  # shares the context: resources and timings
    in_parent.stages = tail
    max_in_flight = 2 * workers
    in_flight_hashes: set[str] = set()  # stored twice within the run would otherwise both count as new
    pending: deque = deque()
    with WorkerPool(pipeline, workers, stages=head, keep_sentences=keep_sentences) as pool:

        def finish():
            batch, failures, future, generation = pending.popleft()
            done = pool.result(future, batch, generation) if future is not None else batch
            if tail and done:
                in_parent.run(done)
                if not keep_sentences:
                    _drop_sentences(done)
            return _account(done, failures, stats, strict, on_progress), batch

        for batch, failures in chunks:
            batch = _filter_known(batch, known, stats, in_flight_hashes)
            if known is not None:
                in_flight_hashes.update(d.content_hash for d in batch)
            future, generation = pool.submit(batch) if batch else (None, 0)
            pending.append((batch, failures, future, generation))
            while len(pending) >= max_in_flight:
                result, sent = finish()
                yield result
                in_flight_hashes.difference_update(d.content_hash for d in sent)
        while pending:
            result, sent = finish()
            yield result
            in_flight_hashes.difference_update(d.content_hash for d in sent)


def _chunks(items, size, stats, strict) -> Iterator[tuple[list[Document], list[Failure]]]:
    batch: list[Document] = []
    failures: list[Failure] = []
    for item in items:
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
            yield batch, failures
            batch, failures = [], []
    if batch or failures:
        yield batch, failures


def _filter_known(batch, known, stats, in_flight: set[str]):
    if known is None or not batch:
        return batch
    seen = known([d.content_hash for d in batch]) | in_flight
    fresh = []
    for doc in batch:
        if doc.content_hash in seen:
            stats.skipped_known += 1
        else:
            fresh.append(doc)
            seen.add(doc.content_hash)  # the same article twice in one batch is stored once
    return fresh


def _account(batch, failures, stats, strict, on_progress):
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

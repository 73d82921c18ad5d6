"""A local process pool that runs ``Pipeline.run`` over batches, with models loaded once per worker.

Stages that keep state across batches (``merge``: stories and event de-duplication) need every
batch in input order in one process; they and the stages after them run in the parent, on each
batch as it comes back, so the results are the same as with one process.

Each worker process is started fresh (``spawn``), builds the pipeline from the parent's config and
stages in its initializer, and then keeps its loaded models (``Context.resource``) for every batch it
is given. A worker that dies (a crash in native code, the out-of-memory killer) fails only the
documents it was working on: the batches in flight at that moment are re-run one document per task
in a fresh pool, and the document that kills a worker again is marked failed with the reason.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from eventwire.config import Config
from eventwire.pipeline import Pipeline, Stage
from eventwire.records import Document, Status

__all__ = ["WorkerPool", "WorkerSetupError", "StageSpec", "BatchResult", "SEQUENTIAL_STAGES", "split_stages"]

log = logging.getLogger(__name__)

WORKER_DIED = "worker process died while processing this document (a crash or out of memory)"


class WorkerSetupError(RuntimeError):
    """A worker process could not build the pipeline (the run cannot go on)."""


@dataclass(frozen=True)
class StageSpec:
    """Where a worker finds a stage function: importable module and qualified name."""

    name: str
    module: str
    qualname: str

    @classmethod
    def of(cls, stage: Stage) -> "StageSpec":
        return cls(stage.name, stage.fn.__module__, stage.fn.__qualname__)

    def load(self) -> Stage:
        if "<locals>" in self.qualname:
            raise WorkerSetupError(
                f"stage {self.name!r} is defined inside a function ({self.module}.{self.qualname}); worker "
                "processes can only run stages defined at module level: move it to a module or use --workers 1"
            )
        obj = importlib.import_module(self.module)
        for part in self.qualname.split("."):
            obj = getattr(obj, part)
        return Stage(name=self.name, fn=obj, doc=(obj.__doc__ or "").strip().split("\n")[0])


BatchResult = tuple[list[Document], dict[str, float]]

# Stages that need every batch, in input order, in one process (they keep state across batches):
# they run in the parent (the single writer) after the workers. A plugin stage can ask for the same
# by setting the attribute ``eventwire_sequential = True`` on its function.
SEQUENTIAL_STAGES = frozenset({"merge"})


def is_sequential(stage: Stage) -> bool:
    return stage.name in SEQUENTIAL_STAGES or bool(getattr(stage.fn, "eventwire_sequential", False))


def split_stages(stages: list[Stage]) -> tuple[list[Stage], list[Stage]]:
    """(stages for the workers, stages for the parent): the parent runs from the first sequential one on."""
    for i, stage in enumerate(stages):
        if is_sequential(stage):
            return list(stages[:i]), list(stages[i:])
    return list(stages), []

# State of a worker process (set by the initializer).
_PIPELINE: Pipeline | None = None
_SETUP_ERROR: str | None = None
_KEEP_SENTENCES = True


def _exit_with_parent(parent: int) -> None:
    """Workers end when the parent does (even by kill -9), instead of lingering as orphans."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(config: Config, specs: tuple[StageSpec, ...], keep_sentences: bool = True,
                 parent: int | None = None) -> None:
    global _PIPELINE, _SETUP_ERROR, _KEEP_SENTENCES
    _KEEP_SENTENCES = keep_sentences
    parent = parent or os.getppid()
    if os.getppid() != parent:  # the parent died while this worker was starting
        os._exit(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="exit-with-parent").start()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    try:
        pipe = Pipeline(config, stages=[])
        pipe.stages = [spec.load() for spec in specs]
        _PIPELINE = pipe
    except Exception as err:  # noqa: BLE001 - reported to the parent with the first batch
        _SETUP_ERROR = f"{type(err).__name__}: {err}"


def _run_batch(docs: list[Document]) -> BatchResult:
    if _PIPELINE is None:
        raise WorkerSetupError(f"a worker process could not build the pipeline: {_SETUP_ERROR}")
    before = dict(_PIPELINE.context.timings)
    out = _PIPELINE.run(docs)
    if not _KEEP_SENTENCES:  # most of what would travel back: tokens
        for doc in out:
            doc.sentences = []
    after = _PIPELINE.context.timings
    return out, {name: after[name] - before.get(name, 0.0) for name in after}


class WorkerPool:
    """``workers`` processes running one pipeline; started on the first submit, restarted when broken."""

    def __init__(self, pipeline: Pipeline, workers: int, stages: list[Stage] | None = None,
                 keep_sentences: bool = True):
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.pipeline = pipeline
        self.workers = workers
        self.keep_sentences = keep_sentences
        self._specs = tuple(StageSpec.of(s) for s in (pipeline.stages if stages is None else stages))
        for spec in self._specs:
            if "<locals>" in spec.qualname:
                spec.load()  # raises the clear error before any process starts
        self._executor: ProcessPoolExecutor | None = None
        self.generation = 0
        self.restarts = 0

    def _ensure(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self.generation += 1
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(self.pipeline.config, self._specs, self.keep_sentences, os.getpid()),
                max_tasks_per_child=self.pipeline.config.pipeline.worker_max_batches or None,
            )
        return self._executor

    def submit(self, docs: list[Document]) -> tuple[Future, int]:
        """Queue a batch; returns its future and the pool generation it went to."""
        try:
            future = self._ensure().submit(_run_batch, docs)
        except BrokenProcessPool:
            self.restart(self.generation)
            future = self._ensure().submit(_run_batch, docs)
        return future, self.generation

    def restart(self, generation: int) -> None:
        """Replace a broken executor (once per breakage, whichever batch notices it first)."""
        if generation != self.generation or self._executor is None:
            return
        log.warning("a worker process died; restarting the pool and re-running the batches in flight one by one")
        self.restarts += 1
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def result(self, future: Future, docs: list[Document], generation: int) -> list[Document]:
        """The processed batch; if the pool broke, re-run its documents one per task to isolate the culprit."""
        try:
            out, timings = future.result()
        except WorkerSetupError:
            raise
        except BrokenProcessPool:
            self.restart(generation)
            return self._isolate(docs)
        except Exception as err:  # noqa: BLE001 - e.g. a result that cannot be pickled
            log.warning("a batch failed in a worker (%s: %s); re-running it one document at a time",
                        type(err).__name__, err)
            return self._isolate(docs)
        self._add_timings(timings)
        return out

    def _isolate(self, docs: list[Document]) -> list[Document]:
        out: list[Document] = []
        for doc in docs:
            future, generation = self.submit([doc])
            try:
                (done,), timings = future.result()
            except WorkerSetupError:
                raise
            except BrokenProcessPool:
                self.restart(generation)
                done = _failed(doc, WORKER_DIED)
            except Exception as err:  # noqa: BLE001
                done = _failed(doc, f"worker: {type(err).__name__}: {err}")
            else:
                self._add_timings(timings)
            out.append(done)
        return out

    def _add_timings(self, timings: dict[str, float]) -> None:
        total = self.pipeline.context.timings
        for name, seconds in timings.items():
            total[name] = total.get(name, 0.0) + seconds

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _failed(doc: Document, reason: str) -> Document:
    log.error("document %s failed: %s", doc.doc_id, reason)
    doc.status = Status.failed
    doc.reason = reason
    return doc

"""Stage registry, shared resources and the batch pipeline.

A stage is a plain function ``(docs: list[Document], ctx: Context) -> list[Document]``
registered by name. The same batch function runs in-process, in a process pool or inside Spark's
``mapInPandas``: resources (models, the knowledge base) are loaded once per process through
``Context.resource``.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from eventwire import __version__
from eventwire.config import Config, load_config
from eventwire.records import Document, Status

__all__ = ["Context", "Pipeline", "Stage", "register_stage", "get_stage", "available_stages"]

log = logging.getLogger(__name__)

StageFn = Callable[[list[Document], "Context"], list[Document]]
T = TypeVar("T")


@dataclass(frozen=True)
class Stage:
    name: str
    fn: StageFn
    doc: str


_REGISTRY: dict[str, Stage] = {}

# Built-in stages live in these modules; importing a module registers its stages.
_BUILTIN_MODULES: dict[str, str] = {
    "language": "eventwire.language.identify",
    "analyse": "eventwire.language.analyse",
    "link": "eventwire.kb.stage",
    "dates": "eventwire.coding.dates",
    "events": "eventwire.coding.stage",
    "context": "eventwire.coding.context",
    "merge": "eventwire.merge.stage",
}


def register_stage(name: str) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the stage ``name`` (a later registration replaces an earlier one)."""

    def deco(fn: StageFn) -> StageFn:
        _REGISTRY[name] = Stage(name=name, fn=fn, doc=(fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return deco


def get_stage(name: str) -> Stage:
    if name not in _REGISTRY and name in _BUILTIN_MODULES:
        try:
            importlib.import_module(_BUILTIN_MODULES[name])
        except ModuleNotFoundError as err:
            raise KeyError(f"stage {name!r} is not built in this version ({err.name} missing)") from None
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(set(_REGISTRY) | set(_BUILTIN_MODULES)))
        raise KeyError(f"unknown stage {name!r}; known stages: {known}") from None


def available_stages() -> list[Stage]:
    out = []
    for name in _BUILTIN_MODULES:
        try:
            out.append(get_stage(name))
        except KeyError:
            continue
    return out + [s for n, s in _REGISTRY.items() if n not in _BUILTIN_MODULES]


_RESOURCES: dict[tuple, Any] = {}
_RESOURCE_LOCK = threading.Lock()


@dataclass
class Context:
    """What stages share: the config, and resources loaded once per process."""

    config: Config
    version: str = __version__
    extras: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each stage since this context was made (``Pipeline.run`` adds to it)."""

    def resource(self, key: str, factory: Callable[[], T], *args: Any) -> T:
        cache_key = (key, *args)
        with _RESOURCE_LOCK:
            if cache_key not in _RESOURCES:
                log.debug("loading resource %s", cache_key)
                _RESOURCES[cache_key] = factory()
            return _RESOURCES[cache_key]


class Pipeline:
    """An ordered list of stages over batches of documents."""

    def __init__(self, config: Config | None = None, stages: list[str] | None = None):
        self.config = config or load_config()
        for module in self.config.pipeline.plugins:
            importlib.import_module(module)
        names = stages if stages is not None else self.config.pipeline.stages
        self.stages = [get_stage(n) for n in names]
        self.context = Context(config=self.config)

    @classmethod
    def from_config(cls, path: str | Path | None = None, **overrides: Any) -> "Pipeline":
        return cls(load_config(path, overrides or None))

    def reset_state(self) -> None:
        """Forget what stateful stages (merge) learnt from earlier batches; loaded models stay."""
        self.context.extras.clear()

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, docs: list[Document]) -> list[Document]:
        """Run every stage over one batch. A stage failing on a document marks it failed; the rest go on."""
        for stage in self.stages:
            active = [d for d in docs if d.status not in (Status.failed, Status.skipped_language)]
            if not active:
                break
            started = time.perf_counter()
            try:
                stage.fn(active, self.context)
            except Exception as err:  # noqa: BLE001 - isolate the failing document, keep the batch
                if len(active) == 1:
                    _fail(active[0], stage.name, err)
                    continue
                log.warning("stage %s failed on a batch (%s); retrying one document at a time", stage.name, err)
                for doc in active:
                    try:
                        stage.fn([doc], self.context)
                    except Exception as single:  # noqa: BLE001
                        _fail(doc, stage.name, single)
            finally:
                timings = self.context.timings
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
        for doc in docs:
            if doc.status == Status.pending:
                doc.status = Status.coded
        return docs

    def iter_batches(self, docs: Iterable[Document]) -> Iterator[list[Document]]:
        """Stream documents through the pipeline in batches of ``pipeline.batch_size``."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.config.pipeline.batch_size:
                yield self.run(batch)
                batch = []
        if batch:
            yield self.run(batch)


def _fail(doc: Document, stage: str, err: Exception) -> None:
    log.error("document %s failed in stage %s: %s", doc.doc_id, stage, err, exc_info=log.isEnabledFor(logging.DEBUG))
    doc.status = Status.failed
    doc.reason = f"stage {stage}: {type(err).__name__}: {err}"

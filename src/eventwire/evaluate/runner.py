"""Run the eventwire pipeline over documents built from a gold set."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from eventwire.records import Document

__all__ = ["PipelineUnavailable", "load_pipeline", "run_pipeline"]

log = logging.getLogger(__name__)


class PipelineUnavailable(RuntimeError):
    """The pipeline cannot be loaded; evaluate from a --pred file instead."""


def load_pipeline(config: Path | None = None) -> object:
    try:
        from eventwire.pipeline import Pipeline  # type: ignore[import-not-found]
    except ImportError as err:
        raise PipelineUnavailable(
            f"the eventwire pipeline cannot be imported ({err}); score a predictions file with --pred"
        ) from err
    return Pipeline.from_config(config) if config else Pipeline.from_config()


def run_pipeline(pipe: object, docs: Sequence[Document], batch_size: int = 64) -> list[Document]:
    """Run ``pipe.run`` in batches; returns the analysed documents in input order."""
    out: list[Document] = []
    for start in range(0, len(docs), batch_size):
        batch = list(docs[start : start + batch_size])
        result = pipe.run(batch)  # type: ignore[attr-defined]
        out.extend(result)
        log.info("pipeline: %d/%d documents", len(out), len(docs))
    if len(out) != len(docs):
        raise RuntimeError(f"pipeline returned {len(out)} documents for {len(docs)} inputs")
    return out

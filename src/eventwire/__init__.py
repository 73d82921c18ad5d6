"""eventwire: news reports in their own languages to PLOVER event data with evidence."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "Pipeline", "extract"]


def __getattr__(name: str):
    if name == "Pipeline":
        from eventwire.pipeline import Pipeline

        return Pipeline
    if name == "extract":
        from eventwire.api import extract

        return extract
    raise AttributeError(name)

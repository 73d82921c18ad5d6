"""Readers for prediction files written by ``eventwire`` (``--mentions``, events JSONL) and for
story assignments (``{doc_id, story_id}`` lines), so that scores can be computed without rerunning."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ValidationError

from eventwire.records import Event, Mention

__all__ = [
    "PredictionError",
    "StoryAssignment",
    "read_mentions",
    "read_events",
    "read_story_assignments",
    "mentions_by_doc",
    "events_by_doc",
]

log = logging.getLogger(__name__)


class PredictionError(ValueError):
    """A predictions file that cannot be read; the message names file and line."""


class StoryAssignment(BaseModel):
    doc_id: str
    story_id: str


def _lines(path: Path) -> Iterator[tuple[int, dict]]:
    if not path.exists():
        raise PredictionError(f"{path}: predictions file not found")
    with path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise PredictionError(f"{path}:{no}: not JSON ({err.msg})") from None
            if not isinstance(obj, dict):
                raise PredictionError(f"{path}:{no}: expected a JSON object per line")
            yield no, obj


def _validate(model: type[BaseModel], obj: dict, path: Path, no: int) -> BaseModel:
    try:
        return model.model_validate(obj)
    except ValidationError as err:
        # Tolerate fields added by newer writers: drop unknown keys, keep validating the rest.
        known = {k: v for k, v in obj.items() if k in model.model_fields}
        if len(known) < len(obj):
            try:
                return model.model_validate(known)
            except ValidationError:
                pass
        raise PredictionError(f"{path}:{no}: not a {model.__name__} record: {err.errors()[0]['msg']}") from None


def read_mentions(path: Path) -> list[Mention]:
    return [_validate(Mention, obj, path, no) for no, obj in _lines(path)]  # type: ignore[misc]


def read_events(path: Path) -> list[Event]:
    return [_validate(Event, obj, path, no) for no, obj in _lines(path)]  # type: ignore[misc]


def read_story_assignments(path: Path) -> list[StoryAssignment]:
    return [_validate(StoryAssignment, obj, path, no) for no, obj in _lines(path)]  # type: ignore[misc]


def mentions_by_doc(mentions: list[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        out[m.doc_id].append(m)
    return dict(out)


def event_doc_ids(event: Event) -> list[str]:
    """Documents an event record was read from (evidence first, then merged mentions)."""
    ids = [e.doc_id for e in event.evidence]
    for mention in event.mentions:
        ids.append(mention.doc_id)
        ids.extend(e.doc_id for e in mention.evidence)
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return list(seen)


def events_by_doc(events: list[Event]) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        for doc_id in event_doc_ids(ev):
            out[doc_id].append(ev)
    return dict(out)

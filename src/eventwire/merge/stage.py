"""The ``merge`` stage: stories and event de-duplication within one process's stream of batches.

The indexes belong to the pipeline (``Context.extras``), so consecutive batches of one stream merge
with each other and a new ``Pipeline`` (or ``Pipeline.reset_state()``) starts afresh. With several workers, merging runs in the single writer process instead (see ``runner``).
"""

from __future__ import annotations

from eventwire.merge.events import EventIndex, Merge
from eventwire.merge.stories import StoryIndex
from eventwire.pipeline import Context, register_stage
from eventwire.records import Document

__all__ = ["Merger", "merge_stage", "record_merges"]


class Merger:
    def __init__(self, *, window_days: int = 3, story_threshold: float = 0.35, embedder=None,
                 embed_weight: float = 0.6):
        self.stories = StoryIndex(threshold=story_threshold, window_days=window_days, embedder=embedder,
                                  embed_weight=embed_weight)
        self.events = EventIndex(window_days=window_days)
        self.merges: list[Merge] = []

    def add(self, doc: Document) -> None:
        story_id = self.stories.add(doc)
        doc.story_id = story_id
        events, merges = self.events.add(doc)
        for ev in events:
            ev.story_id = ev.story_id or story_id
        doc.events = events
        self.merges.extend(merges)


def new_merger(ctx: Context) -> Merger:
    """A merger configured from ``[merge]``; the embedding model is loaded once per process."""
    cfg = ctx.config.merge
    embedder = None
    if cfg.embeddings:
        from eventwire.coding.classifier import embed

        embedder = embed
    return Merger(window_days=cfg.window_days, story_threshold=cfg.story_threshold, embedder=embedder,
                  embed_weight=cfg.embed_weight)


@register_stage("merge")
def merge_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Group articles into stories and merge events that several reports describe."""
    cfg = ctx.config.merge
    merger = ctx.extras.get("merger")
    if merger is None:  # state belongs to this pipeline (one stream), not to the process
        merger = ctx.extras["merger"] = new_merger(ctx)
    for doc in docs:
        merger.add(doc)
    return docs


def current_merger(ctx: Context) -> Merger | None:
    """The process's merger if the merge stage has run (for the writer to record merges and stories)."""
    return ctx.extras.get("merger")


def record_merges(pipe, store, batch: list[Document]) -> None:
    """After a batch is written: the stories it touched and the event merges made, kept in the store
    (the writer's half of merging; the merge list is emptied, so memory stays flat)."""
    if "merge" not in pipe.stage_names:
        return
    merger = current_merger(pipe.context)
    if merger is None:
        return
    touched = {d.doc_id for d in batch}
    for story in merger.stories.stories():
        if touched.intersection(story.doc_ids):
            store.put_story(story)
    for merge in merger.merges:
        store.record_merge(merge.from_id, merge.into_id, "event")
    merger.merges.clear()

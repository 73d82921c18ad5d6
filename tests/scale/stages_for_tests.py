"""Module-level stages for the pool and Spark tests (worker processes import them by name)."""

from __future__ import annotations

import os
from pathlib import Path

from eventwire.pipeline import Context, register_stage
from eventwire.records import Document, Mention, Sentence, Status


def _load_marker() -> str:
    """A stand-in for loading a model: leaves one file per load in $EVENTWIRE_TEST_LOADS."""
    folder = os.environ.get("EVENTWIRE_TEST_LOADS")
    if folder:
        Path(folder, f"load-{os.getpid()}").write_text("x")
    return "model"


@register_stage("test_words")
def words_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """One mention per capitalised word; the worker's pid as a WORKER mention; fails and skips on demand."""
    ctx.resource("test-model", _load_marker)
    for doc in docs:
        if doc.body.startswith("FR:"):
            doc.status = Status.skipped_language
            continue
        if "BOOM" in doc.body:
            raise ValueError(f"cannot read {doc.doc_id}")
        if "CRASH" in doc.body:
            os._exit(3)  # what a segfault or the OOM killer looks like to the parent
        pos = 0
        mentions = []
        for word in doc.body.split():
            start = doc.body.index(word, pos)
            pos = start + len(word)
            if word[:1].isupper():
                mentions.append(Mention(doc_id=doc.doc_id, start=start, end=pos, text=word, label="MISC"))
        mentions.append(Mention(doc_id=doc.doc_id, start=0, end=0, text=str(os.getpid()), label="WORKER"))
        doc.mentions = mentions
        doc.sentences = [Sentence(index=0, start=0, end=len(doc.body))]
    return docs


@register_stage("test_sequence")
def sequence_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Numbers documents across batches (state like the merge stage's): must see every batch in order."""
    counter = ctx.resource("test-sequence", lambda: [0])
    for doc in docs:
        doc.mentions.append(Mention(doc_id=doc.doc_id, start=0, end=0, text=f"{counter[0]}:{os.getpid()}",
                                    label="SEQ"))
        counter[0] += 1
    return docs


sequence_stage.eventwire_sequential = True

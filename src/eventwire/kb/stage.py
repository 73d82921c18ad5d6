"""The ``link`` stage: mentions to canonical actors and resolved places."""

from __future__ import annotations

from eventwire.pipeline import Context, register_stage
from eventwire.records import Document

__all__ = ["link_stage", "knowledge_base"]


def knowledge_base(ctx: Context):
    """The knowledge base, loaded once per process."""
    from eventwire.kb import KnowledgeBase

    return ctx.resource("kb", KnowledgeBase.default)


@register_stage("link")
def link_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Link entity mentions to actors and places (GeoNames), resolving short forms and metonyms."""
    from eventwire.kb.link import link_document

    kb = knowledge_base(ctx)
    for doc in docs:
        link_document(doc, kb)
    return docs

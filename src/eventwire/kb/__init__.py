"""Knowledge base: canonical actors (country, PLOVER sector, identity, roles valid in time) and places
(GeoNames gazetteer with German and English names), with toponym resolution and document linking.

    from eventwire.kb import KnowledgeBase
    kb = KnowledgeBase.default()
    kb.lookup_actor("Putins", lang="de")
    kb.lookup_place("Wladiwostok")
    kb.actor_phrase("der russische Vize-Außenminister Andrej Rudenko", "de")

    from eventwire.kb.link import link_document
    link_document(doc, kb)
"""

from __future__ import annotations

from .kb import KnowledgeBase
from .models import ActorCandidate, ActorRecord, PlaceCandidate, RoleSpell

__all__ = ["KnowledgeBase", "ActorCandidate", "ActorRecord", "PlaceCandidate", "RoleSpell", "link_document"]


def __getattr__(name: str):
    if name == "link_document":
        from .link import link_document

        return link_document
    raise AttributeError(name)

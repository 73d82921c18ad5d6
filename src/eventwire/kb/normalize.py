"""Name normalisation shared by the gazetteer and the actor index."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "is_latin", "strip_genitive", "german_adjective_forms", "tokens"]

_PUNCT = re.compile(r"[\u2019'`´.\u2010\u2011\u2012\u2013\u2014_/]+")
_HYPHEN = re.compile(r"[-]+")
_SPACE = re.compile(r"\s+")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9 '\u2019\-\.,()&]+$")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-'\u2019]\w+)*", re.UNICODE)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: ``"Wladiwostok"`` -> ``"wladiwostok"``.

    Apostrophes and dots vanish (``U.S.`` -> ``us``), hyphens become spaces
    (``Rossija-1`` -> ``rossija 1``), German sharp s becomes ``ss``.
    """
    t = text.replace("ß", "ss").replace("ẞ", "ss")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    t = t.casefold()
    t = _PUNCT.sub("", t.replace("-", " ").replace("\u2010", " ").replace("\u2013", " "))
    t = _HYPHEN.sub(" ", t)
    return _SPACE.sub(" ", t).strip()


def is_latin(text: str) -> bool:
    """True for names written in Latin script (what German and English text uses)."""
    return bool(_LATIN.match(text))


def strip_genitive(text: str) -> str | None:
    """German genitive of a proper name: ``Putins`` -> ``Putin``, ``Russlands`` -> ``Russland``.

    Returns None when the word does not end in a genitive ``s``.
    """
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        return text[:-1]
    if len(text) > 3 and text.endswith(("'", "\u2019")):  # Mugabe' style is rare; keep symmetric
        return text[:-1]
    return None


ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


def german_adjective_forms(stem: str) -> list[str]:
    """All strong/weak/mixed forms of a German adjective stem (``russisch`` -> russische, russischen ...)."""
    return [stem + e for e in ADJ_ENDINGS]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens with character offsets (keeps hyphenated compounds and abbreviations together)."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]

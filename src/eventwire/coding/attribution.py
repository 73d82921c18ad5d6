"""Attribution: who the text says a claim comes from, outermost first.

Finds reporting frames ("meldete die staatliche Nachrichtenagentur Interfax", "russischen
Medienberichten zufolge", "laut", "nach Angaben", "sagte X", "according to", "citing", "X told
reporters") in a sentence, classifies each source (agency, media, official, person, unnamed), and links
it to an actor where a linker is given. German reported speech in Konjunktiv I inherits the
attribution of its reporting clause (see ``inherit_reported_speech``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.records import Attribution, EntityLink

__all__ = ["SourcePhrase", "find_sources", "classify_source", "attributions", "is_reported_speech"]

Linker = Callable[[str, str], "EntityLink | None"]

_DE_VERBS = (
    r"(?:meldete|meldeten|berichtete|berichteten|sagte|sagten|erklärte|erklärten|betonte|betonten|teilte|teilten|"
    r"schrieb|schrieben|verkündete|bestätigte|bestätigten|warnte|warnten|hieß es|behauptete|behaupteten|"
    r"äußerte|kritisierte|verlautete|zitierte|zitierten|berichtet|meldet|sagt|erklärt|schreibt|so)"
)
_EN_VERBS = (
    r"(?:said|says|told(?: reporters| journalists| the \w+)?|reported|reports|announced|stated|claimed|added|"
    r"wrote|confirmed|warned|quoted|noted|insisted|tweeted|posted)"
)
_NP_WORD = r"[\w\-\.'’]+"

# German noun phrase: up to 7 words, none of them a verb-like stop word.
_DE_STOP = {
    "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden", "habe", "sei", "seien",
    "am", "im", "in", "auf", "an", "mit", "dass", "der", "die", "das", "den", "dem", "des", "und", "oder", "sich",
    "es", "er", "sie", "wir", "ihr", "nicht", "auch", "bereits", "noch", "zu", "zur", "zum", "vor", "nach", "über",
    "bei", "von", "vom", "für", "gegen", "um", "aus", "so", "wie", "als", "ein", "eine", "einer", "einem", "einen",
}
_EN_STOP = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "that", "and", "or", "the", "a", "an",
            "in", "on", "at", "to", "of", "for", "with", "by", "it", "he", "she", "they", "we", "not", "also", "as"}


@dataclass(frozen=True)
class SourcePhrase:
    text: str
    start: int
    end: int
    frame: str  # channel (zufolge/laut/according to) | speaker (sagte/said) | cited (citing/unter Berufung auf)


_WORD = re.compile(r"[\w\-’'\.]+", re.U)


def _np_after(text: str, pos: int, lang: str, max_words: int = 7) -> tuple[int, int] | None:
    """A noun phrase starting at ``pos``: determiners/adjectives then capitalised words."""
    stops_inner = {"am", "im", "in", "mit", "auf", "dass", "und", "on", "in", "that", "and", "at", "to", "with",
                   "zufolge", "habe", "sei", "ist", "würden", "werde", "would", "will", "was", "is", "had", "has"}
    start = end = None
    seen_noun = False
    count = 0
    for m in _WORD.finditer(text, pos):
        between = text[(end if end is not None else pos): m.start()]
        if re.search(r"[,;:()\"„“”]", between) and start is not None:
            break
        word = m.group(0).rstrip(".")
        low = word.lower()
        if start is None and re.search(r"[,;:]", between):
            break
        if seen_noun and (low in stops_inner or (lang == "de" and word[:1].islower() and low not in ("von", "de"))):
            break
        if lang == "en" and seen_noun and word[:1].islower() and low not in ("of", "news", "agency", "officials",
                                                                              "media", "sources", "ministry"):
            break
        start = m.start() if start is None else start
        end = m.start() + len(word)
        if word[:1].isupper() or (lang == "en" and low in ("officials", "sources", "media", "reports")):
            seen_noun = True
        count += 1
        if count >= max_words:
            break
    if start is None or not seen_noun:
        return None
    return start, end


def _np_before(text: str, pos: int, lang: str, max_words: int = 6) -> tuple[int, int] | None:
    """A noun phrase ending right before ``pos`` ("russischen Medienberichten" zufolge)."""
    words = list(_WORD.finditer(text, 0, pos))
    stops = _DE_STOP if lang == "de" else _EN_STOP
    keep: list[re.Match] = []
    for m in reversed(words):
        gap = text[m.end(): keep[0].start() if keep else pos]
        if re.search(r"[,;:()\"„“”]", gap):
            break
        low = m.group(0).lower()
        if low in stops and low not in ("der", "des", "dem", "den", "die", "the", "of"):
            break
        if (lang == "de" and keep and m.group(0)[:1].isupper() and keep[0].group(0)[:1].islower()
                and keep[0].group(0).lower() not in ("der", "des", "dem", "den", "die", "von")):
            break  # "Rudenko | russischen Nachrichtenagenturen": a noun ends the NP before an adjective
        keep.insert(0, m)
        if len(keep) >= max_words:
            break
    while keep and keep[0].group(0).lower() in ("der", "des", "dem", "den", "die", "the", "of"):
        keep.pop(0)
    if not keep or not any(k.group(0)[:1].isupper() for k in keep):
        return None
    return keep[0].start(), keep[-1].end()


_PATTERNS: dict[str, list[tuple[str, re.Pattern, str]]] = {
    "de": [
        ("channel", re.compile(r"\bzufolge\b"), "before"),
        ("channel", re.compile(r"\blaut\s+", re.I), "after"),
        ("channel", re.compile(r"\bnach\s+Angaben\s+(?:von\s+|des\s+|der\s+)?", re.I), "after"),
        ("channel", re.compile(r"\bnach\s+(?=\w+n\s+Angaben\b)", re.I), "angaben"),
        ("channel", re.compile(r"\bwie\s+(?=.{3,80}?\b(?:berichtete|meldete|mitteilte|sagte|erklärte)\b)"), "after"),
        ("cited", re.compile(r"\bunter\s+Berufung\s+auf\s+", re.I), "after"),
        ("speaker", re.compile(r"(?:,\s*|\bSo\s+)" + _DE_VERBS + r"\s+(?:mit\s+)?", re.I), "after"),
        ("speaker", re.compile(r"(?<=\w)\s+" + _DE_VERBS + r"(?=\s*(?:[,:]|am\b|im\b|gegenüber\b|,?\s*dass\b))"), "before"),
    ],
    "en": [
        ("channel", re.compile(r"\baccording\s+to\s+", re.I), "after"),
        ("channel", re.compile(r"\b(?:as\s+)?reported\s+by\s+", re.I), "after"),
        ("cited", re.compile(r"\bciting\s+", re.I), "after"),
        ("speaker", re.compile(r",\s*" + _EN_VERBS + r"\s+(?=[A-Z]|the\b|a\b|an\b)"), "after"),
        ("speaker", re.compile(r"(?<=\w)\s+" + _EN_VERBS + r"\b(?=\s*(?:[,.:]|on\b|in\b|that\b|$|\s+\w))"), "before"),
    ],
}


def find_sources(sentence: str, lang: str) -> list[SourcePhrase]:
    """Source phrases in a sentence, outermost first (channel, then speaker, then cited)."""
    found: list[SourcePhrase] = []
    for frame, pattern, where in _PATTERNS.get(lang, _PATTERNS["en"]):
        for m in pattern.finditer(sentence):
            if where == "before":
                span = _np_before(sentence, m.start(), lang)
            elif where == "angaben":
                am = re.match(r"(\w+n)\s+Angaben", sentence[m.end():])
                span = (m.end(), m.end() + am.end()) if am else None
            else:
                span = _np_after(sentence, m.end(), lang)
            if span is None:
                continue
            text = sentence[span[0]: span[1]].strip(" .,")
            if not text or any(s.start <= span[0] < s.end or span[0] <= s.start < span[1] for s in found):
                continue
            found.append(SourcePhrase(text=text, start=span[0], end=span[1], frame=frame))
    order = {"channel": 0, "speaker": 1, "cited": 2}
    return sorted(found, key=lambda s: (order[s.frame], s.start))


_AGENCY = re.compile(r"nachrichtenagentur|agentur|news agency|agency|\b(?:interfax|tass|ria|yonhap|kcna|xinhua|"
                     r"reuters|afp|dpa|ap|apa|ansa|efe|kyodo|anadolu|irna|wafa)\b", re.I)
_MEDIA = re.compile(r"medien|zeitung|sender|fernseh|rundfunk|bericht|blatt|magazin|portal|media|newspaper|paper|"
                    r"broadcaster|television|\btv\b|radio|reports?\b|outlet|daily|times|post|journal", re.I)
_OFFICIAL = re.compile(r"minister|sprecher|präsident|kanzler|regierung|behörde|ministerium|botschaft|kreml|"
                       r"armee|militär|polizei|beamte|diplomat|official|spokes|president|government|ministry|"
                       r"embassy|kremlin|pentagon|army|military|police|secretary|chancellor|premier", re.I)
_UNNAMED = re.compile(r"\bangaben\b|kreise|quellen|insider|beobachter|sources|insiders|people familiar|observers|"
                      r"diplomaten|diplomats|officials\b|beamte\b", re.I)


def classify_source(text: str, link: EntityLink | None) -> str:
    """One of agency, media, official, person, unnamed."""
    if link is not None and link.kind in ("agency",):
        return "agency"
    if _AGENCY.search(text):
        return "agency"
    if link is not None and (link.kind == "media" or link.sector == "MED"):
        return "media"
    if _MEDIA.search(text):
        return "media"
    has_name = bool(re.search(r"\b[A-ZÄÖÜ][a-zäöüß]+\s+[A-ZÄÖÜ][a-zäöüß\-]+\b", text)) or (
        link is not None and link.kind == "person")
    if _UNNAMED.search(text) and not has_name:
        return "unnamed"
    if _OFFICIAL.search(text) or (link is not None and link.sector in ("GOV", "MIL", "COP", "JUD", "IGO")):
        return "official"
    if has_name or (link is not None and link.kind == "person"):
        return "person"
    return "unnamed"


def attributions(sentence: str, lang: str, linker: Linker | None = None) -> list[Attribution]:
    """Attribution chain of a sentence, outermost first."""
    out: list[Attribution] = []
    for src in find_sources(sentence, lang):
        link = linker(src.text, lang) if linker else None
        kind = classify_source(src.text, link)
        out.append(Attribution(text=src.text, kind=kind, code=link.code if link else None,
                               sector=link.sector if link else ("MED" if kind in ("agency", "media") else None)))
    return out


_KONJ1 = re.compile(r"\b(?:habe|sei|seien|seiest|werde|könne|müsse|wolle|solle|dürfe|gebe|liege|komme|stehe|"
                    r"gehe|wisse|hätten|wären)\b")


def is_reported_speech(sentence: str, lang: str) -> bool:
    """German Konjunktiv I marks reported speech even without a reporting verb in the sentence."""
    return lang == "de" and bool(_KONJ1.search(sentence))

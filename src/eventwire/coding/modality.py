"""Modality of an event from the words of its clause: asserted, planned, hypothetical, negated, historical.

A speculated arms delivery is never an asserted one. Cues are looked for in the clause that holds
the trigger (bounded by clause punctuation and subordinators), nearest cue first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.records import Modality

__all__ = ["ModalityCue", "detect_modality", "clause_bounds"]


@dataclass(frozen=True)
class ModalityCue:
    modality: Modality
    text: str
    start: int
    end: int


def _words(*items: str) -> str:
    return r"\b(?:" + "|".join(items) + r")\b"


_CUES: dict[str, list[tuple[Modality, re.Pattern]]] = {
    "de": [
        ("negated", re.compile(_words(
            "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder",
            "dementierte", "dementierten", "dementiert", "bestritt", "bestritten", "bestreitet",
            "ohne", "nirgends"), re.I)),
        ("hypothetical", re.compile(_words(
            "könnte", "könnten", "könntest", "dürfte", "dürften", "würde", "würden", "möglicherweise",
            "vielleicht", "eventuell", "womöglich", "wohl", "vermutlich", "mutmaßlich", "angeblich",
            "möglich", "denkbar", "spekuliert", "Spekulationen", "befürchtet", "befürchten", "falls",
            "wenn", "sofern", "hätte", "hätten", "wäre", "wären", "mögliche[nmrs]?", "Gerüchte[n]?"), re.I)),
        ("planned", re.compile(_words(
            "geplant", "geplante[nmrs]?", "plant", "planen", "planten", "plante", "will", "wollen", "wollte",
            "wollten", "soll", "sollen", "sollte", "sollten", "vorgesehen", "werde", "werden", "wird",
            "beabsichtigt", "beabsichtigen", "kündigte", "kündigten", "angekündigt", "bevorstehende[nmrs]?",
            "bevor", "kommende[nmrs]?", "nächste[nmrs]?", "demnächst", "künftig", "erwartet", "erwarten",
            "Plan", "Pläne[n]?", "anstehende[nmrs]?"), re.I)),
        ("historical", re.compile(
            r"\b(?:während des (?:Kalten|Zweiten|Ersten|Koreakrieg|Vietnamkrieg)\w*|im Kalten Krieg|damals|"
            r"einst|früher|seinerzeit|zu Zeiten d\w+|in den (?:19|20)\d0er[n]? Jahren)\b", re.I)),
    ],
    "en": [
        ("negated", re.compile(_words(
            "not", "n't", "never", "no", "denied", "denies", "deny", "neither", "nor", "without", "refuted",
            "dismissed reports"), re.I)),
        ("hypothetical", re.compile(_words(
            "could", "might", "may", "would", "possibly", "perhaps", "likely", "unlikely", "probably",
            "potential", "possible", "allegedly", "reportedly considering", "speculation", "speculated", "feared",
            "fears", "if", "unless", "rumou?red", "rumou?rs?", "suspected"), re.I)),
        ("planned", re.compile(_words(
            "will", "shall", "plans?", "planned", "planning", "intends?", "intended", "is due to", "are due to",
            "was due to", "scheduled", "expected to", "set to", "upcoming", "to visit", "to meet", "next",
            "announced", "aims? to", "wants? to", "is to", "are to", "agreed to", "prepar(?:es|ing) to",
            "forthcoming"), re.I)),
        ("historical", re.compile(
            r"\b(?:during the (?:Cold War|Second World War|First World War|Korean War|Vietnam War|Soviet era)|"
            r"in the (?:19|20)\d0s|back then|decades ago|at the time|formerly|once)\b", re.I)),
    ],
}

# Reporting verbs and hedges that do not themselves make a claim hypothetical.
_PRIORITY: dict[Modality, int] = {"negated": 4, "hypothetical": 3, "planned": 2, "historical": 1, "asserted": 0}

_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:und|aber|doch|sondern|während|weil|da|obwohl|and|but|while|because|"
                           r"although|whereas)\b|\s[-–—]\s")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) in ``text``: cut at clause punctuation and coordinators."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    m = _CLAUSE_BREAK.search(text, end)
    if m:
        right = m.start()
    return left, right


def detect_modality(
    text: str,
    trigger_start: int,
    trigger_end: int,
    lang: str,
    *,
    historical_date: bool = False,
    window: tuple[int, int] | None = None,
) -> tuple[Modality, list[ModalityCue]]:
    """The modality of the event whose trigger is ``text[trigger_start:trigger_end]``.

    ``window`` limits where cues count (default: the trigger's clause); ``historical_date`` says the
    event's date lies in an era before the report.
    """
    lo, hi = window if window else clause_bounds(text, trigger_start, trigger_end)
    clause = text[lo:hi]
    cues: list[ModalityCue] = []
    for modality, pattern in _CUES.get(lang, _CUES["en"]):
        for m in pattern.finditer(clause):
            word = m.group(0)
            if modality == "negated" and _negation_not_on_event(clause, m, lang):
                continue
            if modality == "planned" and lang == "en" and word.lower() == "will" and _is_noun_will(clause, m):
                continue
            cues.append(ModalityCue(modality, word, lo + m.start(), lo + m.end()))
    if historical_date:
        cues.append(ModalityCue("historical", "date", trigger_start, trigger_end))
    if not cues:
        return "asserted", []
    best = max(cues, key=lambda c: (_PRIORITY[c.modality], -abs(c.start - trigger_start)))
    # A past era outranks future/planning words only when no stronger cue (negation, speculation) is present.
    if best.modality == "planned" and any(c.modality == "historical" for c in cues):
        best = next(c for c in cues if c.modality == "historical")
    return best.modality, cues


def _negation_not_on_event(clause: str, m: re.Match, lang: str) -> bool:
    """'nicht nur ... sondern', 'not only', 'no longer' comparisons and 'kein Wunder' are not negations."""
    after = clause[m.end(): m.end() + 12].lower()
    word = m.group(0).lower()
    if word in ("nicht", "not") and after.lstrip().startswith(("nur", "only", "least")):
        return True
    if word == "ohne" and "ohne zweifel" in clause.lower():
        return True
    if word == "no" and after.lstrip().startswith(("doubt", "one", "longer")):
        return True
    return False


def _is_noun_will(clause: str, m: re.Match) -> bool:
    before = clause[max(0, m.start() - 12): m.start()].lower()
    return before.rstrip().endswith(("political", "good", "the", "free"))

"""Lexical PLOVER event triggers for German and English.

The lexicons (``data/triggers_{de,en}.yaml``) list verb lemmas, nouns, multiword expressions and
verb+object pairs per PLOVER event type, with mode and context. :func:`find_triggers` matches them
against the tokens of one sentence:

- lemmas where the tokens carry them; otherwise English surface forms are mapped to lexicon lemmas
  with generated inflections, and German tokens are lemmatised and tagged with HanTa (loaded once);
- German separable verbs are rejoined ("kündigte ... an" -> "ankündigen") using the STTS tag
  ``PTKVZ`` or the dependency labels ``svp`` / ``compound:prt``;
- German nouns match as compound heads ("Raketenangriffe" -> "angriff"), case-insensitively;
- verbal acts govern their complements: in "demanded the release of prisoners" or "drohte mit
  Angriffen" the governed trigger (RETREAT, ASSAULT) is down-weighted so the verbal act ranks first;
- negation cues near a trigger set ``negated`` (the event type is kept; modality is the caller's).

Offsets in a :class:`Trigger` are the tokens' own offsets (document offsets when the tokens came
from a parsed ``Document``). When no tokens are given, ``text`` is tokenised here and offsets are
relative to ``text``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from pydantic import BaseModel, ConfigDict, Field

from eventwire.records import PLOVER_EVENTS, Token

__all__ = [
    "Trigger",
    "find_triggers",
    "tokenize",
    "load_lexicon",
    "Lexicon",
    "VERBAL_EVENTS",
    "SUPPORTED_LANGUAGES",
]

LOG = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("de", "en")
DATA_DIR = Path(__file__).resolve().parent / "data"
# verbal acts: their verbs govern the triggers in their complement
VERBAL_EVENTS = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
GOVERNED_FACTOR = 0.55
GOVERN_SPAN = 12


class Trigger(BaseModel):
    """A lexicon match: the words in the text that express a PLOVER event."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(description="character offset of the first trigger token")
    end: int = Field(description="character offset after the last trigger token")
    text: str
    event: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    lexicon_entry: str = Field(description="id of the lexicon entry that matched")
    score: float = Field(description="lexical evidence strength 0..1 (after governance)")
    token_start: int = Field(description="index of the first trigger token in the token list")
    token_end: int = Field(description="index after the last trigger token")
    kind: str = Field("verb", description="lexicon entry kind: verb, noun, lemma, phrase or surface")
    negated: bool = False
    governed_by: str | None = Field(None, description="entry id of a verbal trigger whose complement holds this one")
    derived_from: str | None = Field(
        None, description="the lexical type this one was derived from: a cooperative act stated as an "
        "intention (future, 'would', 'plans to') is AGREE, a conflictual one is THREATEN (PLOVER manual)")


# --------------------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Entry:
    id: str
    event: str
    kind: str  # verb | noun | lemma | phrase | surface
    patterns: tuple[tuple[str, ...], ...]
    mode: str | None
    context: tuple[str, ...]
    with_: frozenset[str]
    not_with: frozenset[str]
    not_next: frozenset[str]
    window: int
    gap: int
    score: float
    governs: bool


@dataclass
class Lexicon:
    language: str
    entries: list[Entry]
    # first word of a pattern -> [(entry, pattern)]
    index: dict[str, list[tuple[Entry, tuple[str, ...]]]] = field(default_factory=dict)
    # German compound heads: noun lemma -> [(entry, pattern)]
    noun_heads: dict[str, list[tuple[Entry, tuple[str, ...]]]] = field(default_factory=dict)
    # German multiword patterns with the last word (the verb) moved first
    rotated: dict[str, list[tuple[Entry, tuple[str, ...]]]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # English surface form -> lemma
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)
    compound_block: frozenset[str] = frozenset()
    with_bonus: float = 0.05


_VOWELS = set("aeiou")


def _en_verb_forms(v: str, irregular: dict[str, list[str]]) -> set[str]:
    forms = {v}
    forms.update(irregular.get(v, []))
    if v.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(v + "es")
    elif len(v) > 1 and v.endswith("y") and v[-2] not in _VOWELS:
        forms.add(v[:-1] + "ies")
    else:
        forms.add(v + "s")
    double = (len(v) >= 3 and v[-1] not in _VOWELS and v[-1] not in "wxy" and v[-2] in _VOWELS
              and v[-3] not in _VOWELS and len(v) <= 4)
    if v.endswith("ee"):
        forms.update({v + "d", v + "ing"})
    elif v.endswith("ie"):
        forms.update({v + "d", v[:-2] + "ying"})
    elif v.endswith("e"):
        forms.update({v + "d", v[:-1] + "ing"})
    elif len(v) > 1 and v.endswith("y") and v[-2] not in _VOWELS:
        forms.update({v[:-1] + "ied", v + "ing"})
    elif double:
        forms.update({v + v[-1] + "ed", v + v[-1] + "ing", v + "ed", v + "ing"})
    else:
        forms.update({v + "ed", v + "ing"})
    return forms


_EN_IRREGULAR_PLURALS = {"man": "men", "woman": "women", "child": "children", "person": "people",
                         "gunman": "gunmen", "policeman": "policemen", "militiaman": "militiamen",
                         "crisis": "crises", "analysis": "analyses"}


def _en_noun_forms(n: str) -> set[str]:
    forms = {n}
    if n in _EN_IRREGULAR_PLURALS:
        forms.add(_EN_IRREGULAR_PLURALS[n])
    if n.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(n + "es")
    elif len(n) > 1 and n.endswith("y") and n[-2] not in _VOWELS:
        forms.add(n[:-1] + "ies")
    else:
        forms.add(n + "s")
    return forms


def _words(item: str) -> tuple[str, ...]:
    return tuple(item.lower().split())


def _parse_lexicon(raw: dict, source: str) -> Lexicon:
    lang = raw.get("language")
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"{source}: 'language' must be one of {SUPPORTED_LANGUAGES}, got {lang!r}")
    d = raw.get("defaults", {})
    dv, dn, dp = float(d.get("verb", 0.8)), float(d.get("noun", 0.6)), float(d.get("phrase", 0.85))
    window = int(d.get("window", 8))
    irregular = {k: list(v) for k, v in (raw.get("irregular") or {}).items()}
    entries: list[Entry] = []
    counter: dict[str, int] = {}
    for n, e in enumerate(raw.get("entries", [])):
        ev = e.get("event")
        if ev not in PLOVER_EVENTS:
            raise ValueError(f"{source}: entry {n} has unknown event {ev!r}")
        kinds = [k for k in ("verbs", "nouns", "lemmas", "phrase", "surface") if k in e]
        if len(kinds) != 1:
            raise ValueError(f"{source}: entry {n} ({ev}) needs exactly one of verbs/nouns/lemmas/phrase/surface")
        key = kinds[0]
        items = [str(x) for x in e[key]]
        kind = {"verbs": "verb", "nouns": "noun", "lemmas": "lemma", "phrase": "phrase", "surface": "surface"}[key]
        default = {"verb": dv, "noun": dn, "lemma": dv, "phrase": dp, "surface": dv}[kind]
        counter[ev] = counter.get(ev, 0) + 1
        eid = f"{lang}.{ev}.{counter[ev]}.{items[0].replace(' ', '_')}"
        governs = e.get("governs")
        if governs is None:
            governs = ev in VERBAL_EVENTS and kind in ("verb", "phrase", "surface")
        ctx = e.get("context") or []
        entries.append(Entry(
            id=eid, event=ev, kind=kind, patterns=tuple(_words(x) for x in items if x.strip()),
            mode=e.get("mode"), context=tuple(ctx),
            with_=frozenset(str(x).lower() for x in e.get("with", []) if " " not in str(x)),
            not_with=frozenset(str(x).lower() for x in e.get("not_with", [])),
            not_next=frozenset(str(x).lower() for x in e.get("not_next", [])),
            window=int(e.get("window", window)), gap=int(e.get("gap", 2 if kind == "phrase" else 2)),
            score=float(e.get("score", default)), governs=bool(governs),
        ))
    lex = Lexicon(language=lang, entries=entries, with_bonus=float(d.get("with_bonus", 0.05)),
                  compound_block=frozenset(str(x).lower() for x in raw.get("compound_block", [])))
    for ent in entries:
        for pat in ent.patterns:
            lex.index.setdefault(pat[0], []).append((ent, pat))
            if lang == "de" and len(pat) == 1 and ent.kind == "noun" and len(pat[0]) >= 4:
                lex.noun_heads.setdefault(pat[0], []).append((ent, pat))
            if lang == "de" and len(pat) >= 2 and _DE_PHRASE_VERB.search(pat[-1]) and pat[-1] not in _DE_FUNCTION_WORDS:
                # a verb-final phrase ("zur verfügung stellen") also occurs verb-first ("stellte ... zur
                # Verfügung"); a noun + preposition ("appell an") is never rotated ("am ... Appell")
                rot = (pat[-1],) + pat[:-1]
                lex.rotated.setdefault(rot[0], []).append((ent, rot))
    lex.contexts = {c: frozenset(w.lower() for w in ws) for c, ws in (raw.get("contexts") or {}).items()}
    if lang == "en":
        forms: dict[str, str] = {}
        nounish: set[str] = set()
        verbish: set[str] = set()
        for ent in entries:
            for pat in ent.patterns:
                for w in pat:
                    (nounish if ent.kind == "noun" else verbish).add(w)
            for w in ent.with_ | ent.not_with:
                nounish.add(w)
        # inflected verb forms first, then noun plurals, then each lemma to itself; the surface
        # form is always looked up as well, so "meeting" still finds the noun entry.
        for w in sorted(verbish):
            for f in _en_verb_forms(w, irregular):
                forms.setdefault(f, w)
        for w in sorted(nounish):
            for f in _en_noun_forms(w):
                forms.setdefault(f, w)
        for w in nounish | verbish:
            forms.setdefault(w, w)
        lex.forms = forms
    return lex


@functools.lru_cache(maxsize=None)
def load_lexicon(lang: str) -> Lexicon:
    """The shipped lexicon for ``lang`` ('de' or 'en'), parsed once per process."""
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"no PLOVER trigger lexicon for language {lang!r}; supported: {SUPPORTED_LANGUAGES}")
    path = DATA_DIR / f"triggers_{lang}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return _parse_lexicon(raw, f"triggers_{lang}.yaml")


# --------------------------------------------------------------------------- token preparation

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_SENT_END = {".", "!", "?", ";"}
_CLAUSE_END = _SENT_END | {",", ":", "–", "—"}
_DE_PHRASE_VERB = re.compile(r"(?:en|ern|eln|n)$")
_DE_FUNCTION_WORDS = frozenset({"an", "in", "von", "nach", "zu", "zum", "zur", "den", "einen", "ihnen", "denen"})
_EN_DET = {"a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
           "your", "new", "any", "no", "further", "fresh", "more", "of", "'s", "’s", "such", "every"}
# words after which an English token is a noun / a verb (used only when tokens carry no POS)
_EN_DET |= {"in", "on", "at", "with", "by", "for", "from", "against", "after", "before", "during", "over",
            "under", "into", "amid", "without", "following", "two", "three", "several", "many", "some",
            "all", "both", "military", "artillery", "mortar", "peace", "trade", "air"}
_EN_VERB_BEFORE = {"to", "will", "would", "shall", "should", "could", "can", "may", "might", "must", "not",
                   "n't", "never", "also", "he", "she", "it", "they", "we", "i", "you", "who", "which",
                   "that", "has", "have", "had", "did", "does", "do", "was", "were", "is", "are", "be",
                   "been", "being", "reportedly", "allegedly", "then", "later", "jointly", "again"}
_EN_NEG = {"not", "n't", "never", "no", "without", "neither", "nor", "cannot", "fail", "fails", "failed", "failing"}
_DE_NEG = {"scheiterte", "scheiterten", "gescheitert", "nicht", "nie", "niemals", "kein", "keine", "keinen", "keinem", "keiner", "keines", "weder", "ohne"}
_DE_PARTICLES = {"an", "ab", "auf", "aus", "bei", "ein", "fest", "frei", "mit", "nach", "vor", "weg", "zu",
                 "zurück", "zusammen", "hinzu", "heraus", "hinaus", "los", "nieder", "entgegen", "fort",
                 "her", "hin", "statt", "teil", "vorbei", "wieder", "kund", "bereit", "dar", "um", "durch",
                 "über", "unter", "hoch", "herab", "herbei", "voran", "weiter", "gegenüber", "zuvor"}


def tokenize(text: str) -> list[Token]:
    """A small regex tokenizer, used only when the caller has no tokens."""
    return [Token(start=m.start(), end=m.end(), text=m.group()) for m in _TOKEN_RE.finditer(text)]


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str
    lemma: str
    pos: str | None  # V verb, N noun, P proper noun, A adjective/participle, X other, None unknown
    particle: bool = False
    tag: str = ""


@functools.lru_cache(maxsize=1)
def _hanta():
    from HanTa import HanoverTagger as ht

    return ht.HanoverTagger("morphmodel_ger.pgz")


_UD_POS = {"VERB": "V", "AUX": "X", "NOUN": "N", "PROPN": "P", "ADJ": "A"}


def _stts_pos(tag: str) -> str:
    if tag.startswith(("VV", "VM")):
        return "V"
    if tag.startswith("VA"):
        return "X"
    if tag in ("NN", "NNA") or tag.startswith("NN"):
        return "N"
    if tag.startswith("NE"):
        return "P"
    if tag.startswith("ADJ"):
        return "A"
    return "X"


def _prepare(tokens: Sequence[Token], lang: str, lex: Lexicon) -> list[_Tok]:
    out: list[_Tok] = []
    need_tagger = lang == "de" and any(t.lemma is None or (t.pos is None and t.tag is None) for t in tokens)
    tagged: list[tuple[str, str, str]] | None = None
    if need_tagger and tokens:
        try:
            tagged = _hanta().tag_sent([t.text for t in tokens])
        except Exception as exc:  # HanTa is a declared dependency; degrade to surface matching
            LOG.warning("HanTa tagging failed (%s); German triggers fall back to surface forms", exc)
    for i, t in enumerate(tokens):
        low = t.text.lower()
        lemma = (t.lemma or "").lower() or None
        pos: str | None = None
        particle = False
        if t.pos:
            pos = _UD_POS.get(t.pos, "X")
        if t.tag and lang == "de" and t.tag.upper() == "PTKVZ":
            particle = True
        if t.dep in ("svp", "compound:prt", "prt"):
            particle = True
        tag = t.tag or ""
        if tagged is not None:
            _, h_lemma, h_tag = tagged[i]
            tag = tag or h_tag
            if lemma is None:
                lemma = h_lemma.lower()
            if pos is None:
                pos = _stts_pos(h_tag)
            if h_tag == "PTKVZ":
                particle = True
        if lemma is None:
            lemma = lex.forms.get(low, low) if lang == "en" else low
        elif lang == "en" and (lemma in lex.forms or low in lex.forms):
            # the lexicon's own inflection table first: a lemmatizer that leaves "vetoed" or
            # "wounded" as they are must not hide a trigger
            lemma = lex.forms.get(lemma) or lex.forms[low]
        if pos is None and lang == "en":
            prev = out[-1].low if out else ""
            if prev in _EN_DET or prev[:1].isdigit():
                pos = "N"
            elif prev in _EN_VERB_BEFORE:
                pos = "V"
        out.append(_Tok(t.start, t.end, t.text, low, lemma, pos, particle, tag))
    if lang == "de":
        _join_separable(out)
    return out


def _join_separable(toks: list[_Tok]) -> None:
    """Rejoin a German separable particle with its finite verb: 'griff ... an' -> 'angreifen'."""
    for i, t in enumerate(toks):
        is_particle = t.particle or (
            t.pos in (None, "X") and t.low in _DE_PARTICLES
            and (i + 1 == len(toks) or toks[i + 1].text in _CLAUSE_END or toks[i + 1].low in ("und", "oder")))
        if not is_particle or t.low not in _DE_PARTICLES:
            continue
        for j in range(i - 1, max(-1, i - 25), -1):
            if toks[j].text in _CLAUSE_END:
                break
            if toks[j].pos == "V" and not toks[j].lemma.startswith(t.low):
                toks[j].lemma = t.low + toks[j].lemma
                t.particle = True
                break


# --------------------------------------------------------------------------- matching

def _word_match(tok: _Tok, word: str, lang: str, compound: bool) -> bool:
    if tok.lemma == word or tok.low == word:
        return True
    if compound and lang == "de" and len(word) >= 4 and tok.lemma.endswith(word) and len(tok.lemma) > len(word):
        return True
    return False


def _in_set(tok: _Tok, words: frozenset[str], lang: str, blocked: frozenset[str]) -> bool:
    if tok.lemma in words or tok.low in words:
        return True
    if lang == "de" and tok.pos in ("N", None) and tok.lemma not in blocked:
        lem = tok.lemma
        for k in range(1, len(lem) - 3):
            if lem[k:] in words:
                return True
    return False


def _window(toks: list[_Tok], i: int, j: int, w: int) -> Iterable[_Tok]:
    """Tokens within ``w`` of the span [i, j), not crossing sentence-final punctuation."""
    for k in range(i - 1, max(-1, i - 1 - w), -1):
        if toks[k].text in _SENT_END:
            break
        yield toks[k]
    for k in range(j, min(len(toks), j + w)):
        if toks[k].text in _SENT_END:
            break
        yield toks[k]


def _pos_ok(kind: str, tok: _Tok) -> bool:
    if kind == "verb":
        return tok.pos in ("V", "A", None)
    if kind == "noun":
        return tok.pos in ("N", None)
    return True


def _match_phrase(toks: list[_Tok], i: int, pat: tuple[str, ...], gap: int, lang: str) -> list[int] | None:
    """Token indices of ``pat`` starting at i (each next word within ``gap`` skipped tokens)."""
    idx = [i]
    k = i
    for w in pat[1:]:
        found = None
        for m in range(k + 1, min(len(toks), k + 2 + gap)):
            if toks[m].text in _SENT_END:
                break
            if _word_match(toks[m], w, lang, compound=False):
                found = m
                break
        if found is None:
            return None
        idx.append(found)
        k = found
    return idx


@dataclass
class _Cand:
    entry: Entry
    idx: list[int]
    score: float

    @property
    def span(self) -> tuple[int, int]:
        return self.idx[0], self.idx[-1] + 1


def _candidates(toks: list[_Tok], lex: Lexicon) -> list[_Cand]:
    lang = lex.language
    cands: list[_Cand] = []
    for i, tok in enumerate(toks):
        if not tok.text[:1].isalnum():
            continue
        seen: set[tuple[str, tuple[str, ...]]] = set()
        pairs: list[tuple[Entry, tuple[str, ...]]] = []
        for key in {tok.lemma, tok.low}:
            for ent, pat in lex.index.get(key, []):
                if (ent.id, pat) not in seen:
                    seen.add((ent.id, pat))
                    pairs.append((ent, pat))
        # German compound heads: "Raketenangriffe" -> "angriff"
        if lang == "de" and tok.pos in ("N", None) and tok.lemma not in lex.compound_block and tok.low not in lex.compound_block:
            lem = tok.lemma
            for k in range(1, len(lem) - 3):
                for ent, pat in lex.noun_heads.get(lem[k:], []):
                    if (ent.id, pat) not in seen:
                        seen.add((ent.id, pat))
                        pairs.append((ent, pat))
                if any((e.id, p) in seen for e, p in lex.noun_heads.get(lem[k:], [])):
                    break  # longest head only
        for ent, pat in pairs:
            if len(pat) == 1:
                if ent.kind == "surface":
                    if tok.low != pat[0]:
                        continue
                elif not _pos_ok(ent.kind, tok):
                    continue
                idx = [i]
            else:
                idx = _match_phrase(toks, i, pat, ent.gap, lang)
                if idx is None and lang == "de" and len(pat) >= 2:
                    continue
                if idx is None:
                    continue
            j = idx[-1] + 1
            if ent.not_next and j < len(toks) and toks[j].low in ent.not_next:
                continue
            ctx = list(_window(toks, idx[0], j, ent.window))
            if ent.not_with and any(_in_set(t, ent.not_with, lang, lex.compound_block) for t in ctx):
                continue
            score = ent.score
            if ent.with_:
                if not any(_in_set(t, ent.with_, lang, lex.compound_block) for t in ctx):
                    continue
                score += lex.with_bonus
            cands.append(_Cand(ent, idx, min(score, 1.0)))
    # German multiword verbs written verb-last in the lexicon ("zur verfügung stellen") also occur
    # verb-first ("stellte ... zur Verfügung"): try the rotated patterns too.
    if lang == "de":
        cands.extend(_rotated_de(toks, lex))
    return cands


def _rotated_de(toks: list[_Tok], lex: Lexicon) -> list[_Cand]:
    out: list[_Cand] = []
    index = lex.rotated
    for i, tok in enumerate(toks):
        for key in {tok.lemma, tok.low}:
            for ent, pat in index.get(key, []):
                idx = _match_phrase(toks, i, pat, ent.gap + 3, "de")
                if idx is None:
                    continue
                ctx = list(_window(toks, idx[0], idx[-1] + 1, ent.window))
                if ent.not_with and any(_in_set(t, ent.not_with, "de", lex.compound_block) for t in ctx):
                    continue
                score = ent.score
                if ent.with_:
                    if not any(_in_set(t, ent.with_, "de", lex.compound_block) for t in ctx):
                        continue
                    score += lex.with_bonus
                out.append(_Cand(ent, sorted(idx), min(score, 1.0)))
    return out


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Keep, for any shared token, the longest and then strongest candidate."""
    cands = sorted(cands, key=lambda c: (-len(c.idx), -c.score, c.idx[0]))
    taken: set[int] = set()
    kept: list[_Cand] = []
    for c in cands:
        if taken.intersection(c.idx):
            continue
        kept.append(c)
        taken.update(c.idx)
    return sorted(kept, key=lambda c: c.idx[0])


_GOV_PREPS = {"for", "of", "to", "on", "against", "nach", "zu", "zur", "zum", "auf", "gegen", "über", "von"}


def _govern(kept: list[_Cand], toks: list[_Tok], lang: str) -> dict[int, _Cand]:
    """Map candidate position -> governing verbal candidate."""
    governed: dict[int, _Cand] = {}
    governors = [c for c in kept if c.entry.governs]
    # nouns of verbal acts govern their prepositional complement: "a call for talks",
    # "the threat of sanctions", "die Forderung nach Freilassung", "Aufruf zu Gesprächen"
    noun_governors = [c for c in kept if not c.entry.governs and c.entry.event in VERBAL_EVENTS
                      and c.entry.kind in ("noun", "lemma") and c.idx[-1] + 1 < len(toks)
                      and toks[c.idx[-1] + 1].low in _GOV_PREPS]
    for n, c in enumerate(kept):
        best: _Cand | None = None
        for g in governors + noun_governors:
            if g is c or g.entry.event == c.entry.event:
                continue
            gi, ci = g.idx[0], c.idx[0]
            if any(t.text in _SENT_END for t in toks[min(gi, ci):max(gi, ci)]):
                continue
            if lang == "en" or not g.entry.governs:
                ok = gi < ci <= gi + (GOVERN_SPAN if g.entry.governs else 8)
            elif gi > ci:
                # a German verb-final governor governs only its own clause ("... Gespräche ablehnte")
                ok = (gi - ci <= GOVERN_SPAN and not c.entry.governs
                      and not any(t.text in _CLAUSE_END for t in toks[ci:gi]))
            else:
                ok = ci - gi <= GOVERN_SPAN
            if ok and (best is None or abs(gi - ci) < abs(best.idx[0] - ci)):
                best = g
        if best is None and lang == "de":
            best = _zu_governor(c, kept, toks)
        if best is not None:
            governed[n] = best
    return governed


def _is_zu_infinitive(toks: list[_Tok], i: int) -> bool:
    return "IZU" in toks[i].tag or (i > 0 and toks[i - 1].low == "zu" and toks[i].pos in ("V", None))


def _zu_governor(c: _Cand, kept: list[_Cand], toks: list[_Tok]) -> _Cand | None:
    """German infinitive clauses are the content of the act before them, however long: "drohte, als
    Reaktion auf die Unruhen eine Ausgangssperre zu verhängen", "lehnte ein Angebot ab, einen Gipfel
    auszurichten, um ein Abkommen auszuhandeln", "die Weigerung, die Unabhängigkeit anzuerkennen";
    and a demand made in a protest's "um ... zu fordern" is the protest's."""
    ci = c.idx[-1]
    if not _is_zu_infinitive(toks, ci):
        return None
    commas = 0
    k = c.idx[0] - 1
    while k >= 0 and c.idx[0] - k <= 35:
        if toks[k].text in _SENT_END or toks[k].text in (":", "–", "—"):
            return None
        if toks[k].text == ",":
            commas += 1
            if commas > 2:
                return None
        elif commas:
            for g in kept:
                if g is c or g.idx[0] != k or g.entry.event == c.entry.event:
                    continue
                verbal = g.entry.event in VERBAL_EVENTS and (g.entry.governs or g.entry.kind in ("noun", "lemma"))
                protest = g.entry.event == "PROTEST" and c.entry.event == "REQUEST"
                if verbal or protest:
                    return g
        k -= 1
    return None


def _protest_speakers(kept: list[_Cand], governed: dict[int, _Cand], toks: list[_Tok]) -> None:
    """'Protesters demanded ...', 'Demonstranten forderten ...': a demand (or complaint, refusal)
    voiced by protesters is a PROTEST (CAMEO 141x: demonstrate for a change)."""
    for n, c in enumerate(kept):
        if c.entry.event != "PROTEST":
            continue
        gov = governed.get(n)
        if gov is None or gov.entry.event not in ("REQUEST", "ACCUSE", "REJECT") or gov.idx[0] < c.idx[0]:
            continue
        if any(t.text in _CLAUSE_END for t in toks[c.idx[0]:gov.idx[0]]):
            continue
        del governed[n]
        c.score = max(c.score, gov.score + 0.05)


_CONDITION_WORDS = {"if", "unless", "falls", "wenn", "sofern", "solange"}


def _in_condition(toks: list[_Tok], i: int) -> bool:
    """The token sits in an 'if/unless' ('falls/wenn') clause: a condition, not the event reported."""
    for k in range(i - 1, max(-1, i - 10), -1):
        if toks[k].text in _CLAUSE_END:
            return False
        if toks[k].low in _CONDITION_WORDS:
            return True
    return False


def _negated(toks: list[_Tok], c: _Cand, lang: str) -> bool:
    i, j = c.span
    if lang == "en":
        return any(t.low in _EN_NEG for t in toks[max(0, i - 3):i])
    lo, hi = max(0, i - 4), min(len(toks), j + 4)
    near = toks[lo:i] + toks[j:hi]
    return any(t.low in _DE_NEG for t in near if t.text not in _CLAUSE_END)


def _sentence_contexts(toks: list[_Tok], lex: Lexicon) -> list[str]:
    found: list[str] = []
    for name, words in lex.contexts.items():
        if any(_in_set(t, words, lex.language, lex.compound_block) for t in toks):
            found.append(name)
    return found


def find_triggers(tokens: list[Token], lang: str, text: str = "") -> list[Trigger]:
    """PLOVER triggers in one sentence, strongest first.

    ``tokens`` are the sentence's tokens (lemma/pos/tag/dep used when present); when the list is
    empty, ``text`` is tokenised here. ``lang`` is 'de' or 'en' (other languages: empty result).
    """
    if lang not in SUPPORTED_LANGUAGES:
        LOG.debug("no trigger lexicon for language %r", lang)
        return []
    lex = load_lexicon(lang)
    if not tokens:
        tokens = tokenize(text)
    if not tokens:
        return []
    toks = _prepare(tokens, lang, lex)
    kept = _resolve_overlaps(_candidates(toks, lex))
    if not kept:
        return []
    governed = _govern(kept, toks, lang)
    _protest_speakers(kept, governed, toks)
    sent_ctx = _sentence_contexts(toks, lex)
    out: list[Trigger] = []
    for n, c in enumerate(kept):
        i, j = c.span
        gov = governed.get(n)
        cond = gov is None and _in_condition(toks, i)
        score = c.score * (GOVERNED_FACTOR if gov is not None or cond else 1.0)
        ctx = list(c.entry.context) + [x for x in sent_ctx if x not in c.entry.context]
        first, last = toks[i], toks[j - 1]
        span_text = " ".join(toks[k].text for k in c.idx)
        out.append(Trigger(
            start=first.start, end=last.end, text=span_text, event=c.entry.event, mode=c.entry.mode,
            context=ctx, lexicon_entry=c.entry.id, score=round(score, 4), token_start=i, token_end=j,
            negated=_negated(toks, c, lang),
            governed_by=gov.entry.id if gov is not None else ("condition" if cond else None),
            kind=c.entry.kind,
        ))
    _governor_modes(out)
    out.extend(_repression(out, toks, lang))
    out.extend(_intentions(out, toks, lang))
    out.extend(_refusals(out, toks, lang))
    out.sort(key=lambda t: (-t.score, t.token_start))
    return out


# A cooperative act reported as an intention or a future act is AGREE; a conflictual one is a
# THREATEN (PLOVER manual: "All cooperative actions reported in future tense are also taken to imply
# intentions"; CAMEO 036 "express intent to meet" is AGREE; CAMEO 13x threatens the acts of 16x-20x).
TO_AGREE = frozenset({"AID", "COOPERATE", "RETREAT", "CONCEDE", "SUPPORT", "CONSULT"})
TO_THREATEN = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})
_THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "relations"}
_THREAT_MODE_BY_MODE = {"arrest": "arrest", "ban": "ban", "censor": "ban", "deport": "expel", "expel": "expel",
                        "sever": "relations", "withdraw": "relations", "cancel": "relations",
                        "discontinue": "relations", "curfew": "restrict", "martial-law": "restrict",
                        "restrict": "restrict", "confiscate": "restrict", "withhold": "restrict"}
_EN_INTENT = {"will", "would", "'ll", "shall", "plan", "plans", "planned", "planning", "intend", "intends",
              "intended", "intending", "going", "ready", "willing", "prepared", "pledged", "offered",
              "vowed", "aims", "aim", "promised", "expects", "expected", "wants", "want", "wanted",
              "decided", "decides", "is to", "are to"}
_DE_INTENT = {"wird", "werden", "wirst", "werde", "würde", "würden", "will", "wollen", "wollte", "wollten",
              "plant", "planen", "plante", "planten", "beabsichtigt", "beabsichtigen", "bereit", "vorhaben",
              "möchte", "möchten", "kündigte", "kündigt", "angekündigt", "zugesagt", "versprochen"}
_DE_INTENT_LEMMAS = {"ankündigen", "planen", "beabsichtigen", "beschließen", "entscheiden", "vorhaben",
                     "erwägen", "anbieten", "gedenken", "bereiterklären"}
_CONDITIONAL = {"if", "unless", "otherwise", "falls", "wenn", "sonst", "andernfalls", "sollte", "sollten"}


# PLOVER modes of REQUEST/REJECT (assist, change, yield, meet) and THREATEN, from what is demanded,
# refused or threatened
_DEMAND_MODE = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONSULT": "meet",
                "AGREE": "meet", "RETREAT": "yield", "CONCEDE": "yield", "REQUEST": None}


def _governor_modes(triggers: list[Trigger]) -> None:
    by_entry = {t.lexicon_entry: n for n, t in enumerate(triggers)}
    for t in triggers:
        if t.governed_by is None or t.governed_by not in by_entry:
            continue
        n = by_entry[t.governed_by]
        gov = triggers[n]
        if gov.mode:
            continue
        mode = None
        if gov.event in ("REQUEST", "REJECT"):
            mode = _DEMAND_MODE.get(t.event)
        elif gov.event == "THREATEN" and t.event in TO_THREATEN:
            mode = _THREAT_MODE_BY_MODE.get(t.mode or "", _THREAT_MODE.get(t.event, "restrict"))
        if mode:
            triggers[n] = gov.model_copy(update={"mode": mode})


# Force used by police or security forces against protesters or crowds is repression, which the
# PLOVER manual defines as COERCE ("Repression or restrictions on rights"), not an ASSAULT.
_SECURITY = {"en": {"police", "policeman", "policemen", "riot", "security", "gendarme", "gendarmerie",
                    "guard", "guards", "troops", "soldiers", "officers", "authorities"},
             "de": {"polizei", "polizist", "bereitschaftspolizei", "sicherheitskraft", "sicherheitskräfte",
                    "sicherheitsbehörde", "soldat", "gendarmerie", "beamter", "ordnungskraft"}}
_CROWD = {"en": {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "crowd",
                 "crowds", "rally", "march", "marchers", "strikers", "students", "mourners", "rioters"},
          "de": {"demonstrant", "demonstranten", "protestierende", "protestierenden", "menge", "menschenmenge",
                 "kundgebung", "demonstration", "streikende", "studenten", "trauernde", "randalierer"}}


def _repression(triggers: list[Trigger], toks: list[_Tok], lang: str) -> list[Trigger]:
    words = {t.low for t in toks} | {t.lemma for t in toks}
    if not (words & _SECURITY[lang]) or not (words & _CROWD[lang]):
        return []
    out: list[Trigger] = []
    for n, t in enumerate(triggers):
        if t.event != "ASSAULT" or t.governed_by is not None or t.mode in ("abduct", "sexual", "execute"):
            continue
        out.append(t.model_copy(update={"event": "COERCE", "mode": None, "derived_from": "ASSAULT",
                                        "context": ["rights_freedoms"] + [c for c in t.context if c != "rights_freedoms"],
                                        "score": round(min(1.0, t.score + 0.02), 4)}))
        triggers[n] = t.model_copy(update={"score": round(t.score * GOVERNED_FACTOR, 4), "governed_by": "repression"})
    return out


def _refusals(triggers: list[Trigger], toks: list[_Tok], lang: str) -> list[Trigger]:
    """A negated agreement ('failed to reach an agreement', 'keine Einigung erzielt') is a REJECT
    (CAMEO 12x: reject a proposal or plan to settle); so is a cooperative act announced as not going
    to happen ('will not accept any more refugees', 'werde keine Flüchtlinge aufnehmen')."""
    out: list[Trigger] = []
    for n, t in enumerate(triggers):
        if not t.negated or t.governed_by is not None or t.derived_from is not None:
            continue
        if t.event == "AGREE" or (t.event in TO_AGREE and t.kind != "noun"
                                  and _intent_cue(toks, t.token_start, t.token_end, lang)):
            out.append(t.model_copy(update={"event": "REJECT", "derived_from": "AGREE", "negated": False,
                                            "score": round(min(1.0, t.score + 0.02), 4)}))
            triggers[n] = t.model_copy(update={"score": round(t.score * GOVERNED_FACTOR, 4), "governed_by": "negation"})
    return out


def _intent_cue(toks: list[_Tok], i: int, j: int, lang: str) -> bool:
    if lang == "en":
        k = i - 1
        while k >= 0 and i - k <= 6 and toks[k].text not in _CLAUSE_END:
            if toks[k].low in _EN_INTENT or toks[k].low in _CONDITIONAL:
                return True
            k -= 1
        return False
    if "PP" in toks[i].tag:  # "wird ... angegriffen" is a present passive, not a future
        return False
    for rng in (range(i - 1, max(-1, i - 9), -1), range(j, min(len(toks), j + 6))):
        for k in rng:
            if toks[k].text in _CLAUSE_END:
                break
            if toks[k].low in _DE_INTENT or toks[k].low in _CONDITIONAL:
                return True
    if toks[i].tag.endswith("INF") and "IZU" not in toks[i].tag:
        # verb-final infinitive: the finite "wird"/"will" may stand anywhere earlier in its clause
        # ("Finnland wird Tansania in den kommenden drei Jahren einen Zuschuss ... gewähren")
        k = i - 1
        while k >= 0 and toks[k].text not in _CLAUSE_END:
            if toks[k].low in _DE_INTENT:
                return True
            k -= 1
    # a zu-infinitive takes its intention from the clause before the comma:
    # "kündigte an, den Opfern Hilfe zu leisten", "plant, die Truppen abzuziehen"
    if "IZU" in toks[i].tag or (i > 0 and toks[i - 1].low == "zu"):
        k = i - 1
        while k >= 0 and toks[k].text not in _CLAUSE_END:
            k -= 1
        if k >= 0 and toks[k].text == ",":
            for m in range(k - 1, max(-1, k - 12), -1):
                if toks[m].text in _SENT_END:
                    break
                if toks[m].low in _DE_INTENT or toks[m].lemma in _DE_INTENT_LEMMAS:
                    return True
    return False


def _intentions(triggers: list[Trigger], toks: list[_Tok], lang: str) -> list[Trigger]:
    derived: list[Trigger] = []
    # "... would pull out unless ...", "..., falls nicht ...": an ultimatum is a threat whatever is promised
    lows = [t.low for t in toks]
    threat_form = any(w in lows for w in ("unless", "otherwise", "andernfalls", "sonst")) or any(
        lows[k] in ("if", "falls", "wenn") and any(x in _EN_NEG or x in _DE_NEG for x in lows[k + 1:k + 6])
        for k in range(len(lows)))
    for n, t in enumerate(triggers):
        if t.governed_by is not None or t.negated or t.kind == "noun":
            continue
        if t.event not in TO_AGREE and t.event not in TO_THREATEN:
            continue
        if not _intent_cue(toks, t.token_start, t.token_end, lang):
            continue
        if t.event in TO_AGREE and not threat_form:
            new_event, mode = "AGREE", None
        else:
            new_event = "THREATEN"
            mode = _THREAT_MODE_BY_MODE.get(t.mode or "", _THREAT_MODE.get(t.event, "restrict"))
            if t.event in TO_AGREE:
                mode = "relations"
        derived.append(t.model_copy(update={"event": new_event, "mode": mode, "derived_from": t.event,
                                            "score": round(min(1.0, t.score + 0.02), 4)}))
        triggers[n] = t.model_copy(update={"score": round(t.score * GOVERNED_FACTOR, 4), "governed_by": "intention"})
    return derived

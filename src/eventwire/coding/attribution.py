"""Attribution: who the text says a claim comes from, outermost first.

Finds reporting frames in a sentence and the source phrase each one names:

* channel: ``X zufolge``, ``laut X``, ``nach Angaben des X``, ``nach Armeeangaben``, ``wie X berichtete``,
  ``according to X``, ``as reported by X``, and the outlet a speaker talked to (``sagte X der
  Nachrichtenagentur Y``, ``X told Reuters``);
* speaker: ``X sagte``, ``sagte X``, ``So sagte X``, ``..., meldete X``, ``teilte X mit``, ``hieß es aus X``,
  ``..., so X``, ``X said``, ``said X``, ``X told reporters``, denials (``X dementierte``, ``X denied``);
* cited: ``unter Berufung auf X``, ``citing X``, ``quoting X``, ``X quoted Y as saying`` (Y).

The chain is ordered channel, then speaker, then cited: ``Dem Sender CNN zufolge sagte ein US-Beamter``
gives [Sender CNN, US-Beamter]; ``Reuters, citing Interfax, reported`` gives [Reuters, Interfax].
Each source is classified (agency, media, official, person, unnamed) and linked to an actor when a
linker is given. Source texts are returned without a leading article (``die staatliche Nachrichtenagentur
Interfax`` -> ``staatliche Nachrichtenagentur Interfax``). German reported speech in Konjunktiv I without
its own frame inherits the chain of its reporting clause (``inherit_reported_speech``).

Conventions: a country speaking (``Russland kündigte an``) is ``official``; anonymous groups or roles
(``Diplomaten``, ``Sicherheitskreise``, ``U.S. officials``, ``a senior aide``, ``a United Nations official``)
are ``unnamed``; spokespeople and offices (``ein Sprecher der Polizei``, ``the foreign ministry``) are
``official``; a named individual without an office (``Anwohnerin Maria Kowalska``) is ``person``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.records import Attribution, EntityLink

__all__ = [
    "SourcePhrase",
    "find_sources",
    "classify_source",
    "attributions",
    "is_reported_speech",
    "inherit_reported_speech",
]

Linker = Callable[[str, str], "EntityLink | None"]


@dataclass(frozen=True)
class SourcePhrase:
    text: str
    start: int
    end: int
    frame: str  # channel (zufolge/laut/according to) | speaker (sagte/said) | cited (citing/unter Berufung auf)


_FRAME_ORDER = {"channel": 0, "speaker": 1, "cited": 2}

# ----------------------------------------------------------------------------------------------- tokens

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-'’]\w+)*", re.U)
_BREAK_GAP = re.compile(r"[,;:()\"„“”«»‚‘!?]|\.(?:\s|$)|\s[-–—]\s")

_DE_DET = {"der", "die", "das", "dem", "den", "des", "ein", "eine", "einer", "einem", "einen", "eines"}
_DE_NUM = {"zwei", "drei", "vier", "fünf", "mehrere", "einige", "zahlreiche", "viele", "beide", "beiden"}
_DE_NOT_ADJ = {
    "habe", "haben", "hatte", "hatten", "werde", "werden", "wurde", "wurden", "sei", "seien", "sein", "seine",
    "seinen", "seinem", "seiner", "ihre", "ihren", "ihrem", "ihrer", "keine", "keinen", "keiner", "keinem", "diese",
    "diesen", "dieser", "diesem", "jene", "eigene", "eigenen", "alle", "allen", "beim", "dabei", "ohne", "gegen",
    "wegen", "unter", "über", "hinter", "neben", "zwischen", "oben", "unten", "sagen", "sagten", "meldeten",
    "berichteten", "erklärten", "wollen", "sollen", "können", "müssen", "dürfen", "nehmen", "geben", "gehen",
    "kommen", "stehen", "liegen", "lassen", "stellen", "gestern", "morgen", "heute", "abend", "sonntagabend",
    "zuvor", "später", "wieder", "immer", "später", "außerdem", "daher", "aber", "oder", "sondern", "denn",
}
_EN_DET = {"the", "a", "an", "one", "two", "three", "four", "several", "some", "many", "other", "another"}
_EN_STOP = {
    "that", "as", "on", "in", "at", "to", "from", "by", "who", "which", "whose", "when", "while", "after", "before",
    "because", "and", "or", "but", "than", "if", "over", "during", "about", "into", "since", "until", "late",
    "earlier", "later", "also", "however", "yesterday", "today", "tonight", "he", "she", "it", "they", "we", "i",
    "you", "his", "her", "its", "their", "our", "this", "these", "those", "there", "here", "not", "no", "was", "were",
    "is", "are", "be", "been", "being", "has", "have", "had", "will", "would", "could", "may", "might", "can",
    "did", "does", "do", "should", "must", "shall", "said", "says", "say", "told", "tells", "tell", "reported",
    "announced", "stated", "claimed", "added", "wrote", "confirmed", "warned", "noted", "insisted", "tweeted",
    "posted", "recalled", "threatened", "denied", "denies", "rejected", "quoted", "quoting", "citing",
    "according", "explained", "stressed", "argued", "estimated", "cited", "on", "saying", "adding", "ago",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reporters", "journalists",
}
_PRONOUNS = {"er", "sie", "es", "man", "wir", "ich", "he", "she", "it", "they", "we", "i", "you", "dies", "das"}


def _tokens(text: str, start: int, end: int | None = None) -> list[re.Match]:
    return list(_TOKEN.finditer(text, start, len(text) if end is None else end))


def _gap_breaks(text: str, a: int, b: int) -> bool:
    return bool(_BREAK_GAP.search(text[a:b]))


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _de_adjective(low: str) -> bool:
    return low.endswith(("e", "en", "er", "es", "em")) and low not in _DE_NOT_ADJ and low not in _DE_DET and \
        len(low) > 3


# ------------------------------------------------------------------------------------------ noun phrases

def _np_after(text: str, pos: int, lang: str, until: int | None = None) -> tuple[int, int] | None:
    """The noun phrase that starts at ``pos`` (determiners, modifiers, a head, genitive/of complements)."""
    return (_de_np_after if lang == "de" else _en_np_after)(text, pos, until)


def _de_np_after(text: str, pos: int, until: int | None = None, pp: bool = False) -> tuple[int, int] | None:
    """``pp``: a locative "in/aus <Name>" may follow the head ("Die Regierung in Kiew" sagte ...)."""
    start = end = None
    state = "start"  # start -> head -> gen (after a genitive article) -> head ...
    group = 0  # capitalised words in the current head group
    prev_end = pos
    count = 0
    for m in _tokens(text, pos, until):
        if _gap_breaks(text, prev_end, m.start()):
            break
        word, low = m.group(0), m.group(0).lower()
        if state == "start":
            if low in _DE_DET or low in _DE_NUM or (_de_adjective(low) and not _is_cap(word)):
                start = m.start() if start is None else start
            elif _is_cap(word) and low not in _DE_DET:
                start = m.start() if start is None else start
                state, group, end = "head", 1, m.end()
            else:
                break
        elif state == "head":
            if _is_cap(word) and low not in _DE_DET or (word.isdigit() and group >= 1 and len(word) <= 3) or \
                    _OUTLET_NAME.fullmatch(word):  # "Nachrichtenagentur dpa", "Rustawi 2"
                group += 1
                end = m.end()
            elif low in ("der", "des") and group == 1:
                state, group = "gen", 0
            elif pp and low in ("in", "aus") and until is not None:
                state, group = "gen", 0
            else:
                break
        else:  # gen
            if _is_cap(word) and low not in _DE_DET:
                state, group, end = "head", 1, m.end()
            elif _de_adjective(low):
                pass
            else:
                break
        prev_end = m.end()
        count += 1
        if count >= 9:
            break
    if start is None or end is None:
        return None
    return start, end


_EN_CONNECT = {"of", "for"}


def _en_np_after(text: str, pos: int, until: int | None = None) -> tuple[int, int] | None:
    start = end = None
    count = 0
    prev_end = pos
    after_connector = False
    toks = _tokens(text, pos, until)
    for i, m in enumerate(toks):
        if _gap_breaks(text, prev_end, m.start()):
            break
        word, low = m.group(0), m.group(0).lower()
        if low in _EN_DET and (end is None or after_connector):
            start = m.start() if start is None else start
        elif low in _EN_DET:
            break  # "told Reuters | the talks ..."
        elif low in _EN_CONNECT and end is not None:
            after_connector = True
            prev_end = m.end()
            continue
        elif low == "with" and end is not None and text[start:end].lower().endswith("familiar"):
            after_connector = True
            prev_end = m.end()
            continue
        elif low in _EN_STOP or (not _is_cap(word) and low.endswith("ly") and low not in ("daily", "weekly")):
            break
        elif word.isdigit() and (end is None or not _is_cap(text[toks[i - 1].start():toks[i - 1].end()])):
            break
        else:
            start = m.start() if start is None else start
            end = m.end()
            after_connector = False
        prev_end = m.end()
        count += 1
        if count >= 10:
            break
    if start is None or end is None:
        return None
    return start, end


def _de_np_before(text: str, pos: int) -> tuple[int, int] | None:
    """A German noun phrase ending right before ``pos`` ("Dem Sender CNN" zufolge, "Angaben der Polizei")."""
    toks = _tokens(text, 0, pos)
    keep: list[re.Match] = []
    for m in reversed(toks):
        nxt = keep[0].start() if keep else pos
        if _gap_breaks(text, m.end(), nxt):
            break
        word, low = m.group(0), m.group(0).lower()
        if not keep:
            if not _is_cap(word):
                return None
            keep.insert(0, m)
            continue
        if _is_cap(word) and low not in _DE_DET:
            if not _is_cap(keep[0].group(0)) and keep[0].group(0).lower() not in _DE_DET:
                break  # "Rudenko | russischen Nachrichtenagenturen": a noun before an adjective ends the phrase
            keep.insert(0, m)
        elif _de_adjective(low) or low in _DE_NUM:
            keep.insert(0, m)
        elif low in ("der", "des"):
            # genitive ("Angaben der Polizei") when a noun precedes it, else the NP's own article
            prev = toks[toks.index(m) - 1] if toks.index(m) > 0 else None
            if prev is not None and _is_cap(prev.group(0)) and not _gap_breaks(text, prev.end(), m.start()):
                keep.insert(0, m)
                continue
            keep.insert(0, m)
            break
        elif low in _DE_DET:
            keep.insert(0, m)
            break
        else:
            break
    if not keep:
        return None
    return keep[0].start(), keep[-1].end()


def _strip_det(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    m = re.match(r"(?:der|die|das|dem|den|des|ein|eine|einer|einem|einen|eines|the|a|an)\s+", text[s:e], re.I)
    if m and s + m.end() < e:
        s += m.end()
    return s, e


# -------------------------------------------------------------------------------------------- patterns

_DE_SPEECH = (
    r"sagte|sagten|sagt|erklärte|erklärten|erklärt|meldete|meldeten|meldet|berichtete|berichteten|berichtet|"
    r"teilte|teilten|teilt|schrieb|schrieben|schreibt|betonte|betonten|betont|bestätigte|bestätigten|warnte|"
    r"warnten|drohte|drohten|erinnerte|erinnerten|behauptete|behaupteten|verkündete|verkündeten|versicherte|"
    r"unterstrich|kündigte|kündigten|zitierte|zitierten|äußerte|kritisierte|forderte|räumte|fügte|"
    r"dementierte|dementierten|bestritt|bestritten|wies|wiesen|verlautete|"
    r"meldet|betont|bestätigt|warnt|behauptet|kündigt|dementiert|bestreitet|bestreiten|weist|weisen|versichert"
)
_DE_DENIAL = {"dementierte", "dementierten", "bestritt", "bestritten", "wies", "wiesen", "dementiert", "bestreitet",
              "bestreiten", "weist", "weisen"}
_DE_THREAT = {"drohte", "drohten"}
_DE_VERB_FINAL = (
    r"berichtete|berichteten|meldete|meldeten|mitteilte|mitteilten|sagte|sagten|erklärte|erklärten|schrieb|"
    r"schrieben|bestätigte|bestätigten|berichtet|meldet|mitteilt|sagt|erklärt|schreibt|verlautete|hieß|bekanntgab|"
    r"bekannt\s+gab"
)
_EN_SPEECH = (
    r"said|says|told|tells|reported|reports|announced|stated|claimed|added|wrote|writes|confirmed|warned|noted|"
    r"insisted|tweeted|posted|recalled|threatened|denied|denies|rejected|explained|stressed|argued|estimated|"
    r"quoted|alleged|acknowledged|admitted|conceded|disclosed|revealed"
)
_EN_DENIAL = {"denied", "denies", "rejected"}
_EN_INVERTED = {"said", "says", "reported", "added", "wrote", "writes", "told", "noted", "recalled"}
_DE_SUBORDINATORS = {"nachdem", "als", "weil", "obwohl", "bevor", "während", "und", "aber", "sondern", "doch",
                     "wobei", "wo", "da", "damit", "sodass", "indem", "seit", "seitdem", "bis", "wenn", "falls"}
_DE_PREPS = {"unter", "nach", "laut", "im", "in", "am", "an", "auf", "bei", "mit", "vor", "seit", "zu", "zur",
             "zum", "aus", "von", "vom", "für", "gegen", "über", "während", "wegen", "trotz", "bereits", "auch",
             "damals", "dann", "zuvor", "später", "dabei", "dazu", "darüber", "hierzu", "dem", "den"}


def _clause_start(text: str, pos: int) -> int:
    """Start of the clause that ends at ``pos``: after the last , ; : ( or sentence start."""
    cut = 0
    for m in re.finditer(r"[,;:(„“\"]\s*", text[:pos]):
        cut = m.end()
    return cut


def find_sources(sentence: str, lang: str) -> list[SourcePhrase]:
    """Source phrases in a sentence, outermost first (channel, then speaker, then cited)."""
    finder = _find_de if lang == "de" else _find_en
    found: list[SourcePhrase] = []
    for frame, span in finder(sentence):
        if span is None:
            continue
        s, e = _strip_det(sentence, span)
        text = sentence[s:e].strip(" .,")
        if not text or text.lower() in _PRONOUNS:
            continue
        if any(f.start < e and s < f.end for f in found):
            continue
        found.append(SourcePhrase(text=text, start=s, end=e, frame=frame))
    # "Police said ..., the BBC reported.": a reporting clause that closes the sentence embeds what precedes it
    return sorted(found, key=lambda f: (_FRAME_ORDER[f.frame],
                                        0 if f.frame == "speaker" and _closes_sentence(sentence, f) else 1, f.start))


def _closes_sentence(sentence: str, src: SourcePhrase) -> bool:
    """The source sits in a final reporting clause after a comma (", the BBC reported." / ", sagte X.")."""
    cut = sentence.rfind(",", 0, src.start)
    if cut < 0:
        return False
    tail = sentence[src.end:]
    return bool(re.fullmatch(r"\s*(?:\w+\s*){0,5}[.!?]?\s*", tail)) and "," not in sentence[cut + 1: src.start]


def _find_de(t: str) -> list[tuple[str, tuple[int, int] | None]]:
    out: list[tuple[str, tuple[int, int] | None]] = []
    for m in re.finditer(r"\bzufolge\b", t):
        out.append(("channel", _de_np_before(t, m.start())))
    for m in re.finditer(r"\blaut\s+", t, re.I):
        out.append(("channel", _de_np_after(t, m.end())))
    for m in re.finditer(r"\bnach\s+(?:Angaben|Informationen|Darstellung|Einschätzung|Erkenntnissen)\s+(?:von\s+)?",
                         t, re.I):
        out.append(("channel", _de_np_after(t, m.end())))
    for m in re.finditer(r"\bnach\s+([A-ZÄÖÜ]\w+angaben)\b", t):
        out.append(("channel", (m.start(1), m.end(1))))
    for m in re.finditer(r"\bnach\s+((?!eigenen\b)[a-zäöü]\w+e[nr]?\s+(?:Angaben|Informationen|Berichten))\b", t):
        out.append(("channel", (m.start(1), m.end(1))))
    for m in re.finditer(r"\bunter\s+Berufung\s+auf\s+", t, re.I):
        out.append(("cited", _de_np_after(t, m.end())))
    # "wie die Nachrichtenagentur Reuters (unter Berufung auf ...) berichtete"
    wie_spans: list[tuple[int, int]] = []
    for m in re.finditer(r"\b[Ww]ie\s+", t):
        end_m = re.search(r"\b(?:" + _DE_VERB_FINAL + r")\b", t[m.end():])
        if not end_m or _BREAK_GAP.search(t[m.end(): m.end() + end_m.start()]):
            continue
        np = _de_np_after(t, m.end())
        if np:
            out.append(("channel", np))
            wie_spans.append((m.start(), m.end() + end_m.end()))
    # "hieß es aus Militärkreisen" / "hieß es in einer Erklärung des Ministeriums"
    for m in re.finditer(r"\bhieß\s+es\s+(?:\w+\s+){0,2}?(?:aus|in|von|bei|seitens)\s+", t):
        out.append(("speaker", _de_np_after(t, m.end())))
    # ", so Kremlsprecher Dmitri Peskow."
    for m in re.finditer(r",\s*so\s+", t):
        np = _de_np_after(t, m.end())
        if np and re.match(r"\s*(?:[.!?]|$|am\b|im\b|gegenüber\b|auf\b)", t[np[1]:]):
            out.append(("speaker", np))
    for m in re.finditer(r"\b(?:" + _DE_SPEECH + r")\b", t):
        if any(a <= m.start() < b for a, b in wie_spans):
            continue
        out.extend(_de_speaker(t, m))
    return out


def _de_after_ok(t: str, pos: int, verb: str) -> bool:
    """After a verb-second speaker, the reported content must follow (comma, colon, dass) or the clause end."""
    rest = t[pos:]
    if verb.lower() in _DE_DENIAL:
        return True
    m = re.match(r"\s*(?:(?:am|im|in|vor|gegenüber|mit|an|zurück|bereits|zudem|auch|dazu|dann|heute|gestern|"
                 r"unter\s+Berufung\s+auf|der|dem|den|[A-ZÄÖÜ][\w\-]*|[a-zäöüß]+e[nmrs]?|\d+\.?)\s*)*", rest)
    after = rest[m.end():] if m else rest
    return bool(re.match(r"(?:[,:]|dass\b|$|[.!?])", after))


def _de_speaker(t: str, m: re.Match) -> list[tuple[str, tuple[int, int] | None]]:
    verb = m.group(0)
    cs = _clause_start(t, m.start())
    prefix = t[cs:m.start()].strip()
    out: list[tuple[str, tuple[int, int] | None]] = []
    speaker = None
    first = prefix.split()[0].lower() if prefix else ""
    if not prefix or prefix.lower() in ("so", "das", "dies", "dazu", "darüber", "dies sagte"):
        # "..., sagte X" / "So sagte X" / "Das sagte X": the speaker follows the verb
        speaker = _de_np_after(t, m.end())
        if speaker and prefix and not _de_after_ok(t, speaker[1], verb):
            speaker = None
        if speaker and not prefix and cs == 0 and not _de_after_ok(t, speaker[1], verb):
            speaker = None  # sentence-initial verb without content ("Sagte er das?")
    elif first in _DE_PREPS or prefix.endswith("zufolge") or not _is_cap(prefix):
        # verb second after a fronted phrase: "Unter Berufung auf ... berichtete der Spiegel, dass ..."
        speaker = _de_np_after(t, m.end())
        if speaker and not _de_after_ok(t, speaker[1], verb):
            speaker = None
    else:
        # "Der Kreml dementierte ...", "Ein Sprecher der Polizei sagte am Sonntag, ..."
        np = _de_np_after(t, cs, m.start(), pp=True)
        if np and not t[np[1]:m.start()].strip() and verb.lower() not in _DE_THREAT and \
                _de_reports(t, m.end(), verb):
            speaker = np
    if speaker is None:
        return out
    # "sagte ein Diplomat der Nachrichtenagentur AFP": a genitive that names an outlet is the dative recipient
    split = re.match(r"(.+?)\s+(?:der|dem)\s+(\S.*)$", t[speaker[0]:speaker[1]])
    if split and classify_source(split.group(2), None) in ("agency", "media") and \
            classify_source(split.group(1), None) not in ("agency", "media"):
        out.append(("channel", (speaker[0] + split.start(2), speaker[1])))
        speaker = (speaker[0], speaker[0] + split.end(1))
    out.append(("speaker", speaker))
    # "sagte X der Nachrichtenagentur Y" / "X sagte der Zeitung Y": the outlet is the channel
    probe = speaker[1] if speaker[0] > m.start() else m.end()
    dm = re.match(r"\s*(?:gegenüber\s+)?(?=(?:der|dem|den)\s)", t[probe:])
    if dm:
        np = _de_np_after(t, probe + dm.end())
        if np and classify_source(t[np[0]:np[1]], None) in ("agency", "media"):
            out.append(("channel", np))
    return out


def _de_reports(t: str, pos: int, verb: str) -> bool:
    """A subject-first reporting verb needs reported content: a following clause, colon or dass."""
    if verb.lower() in _DE_DENIAL:
        return True
    rest = re.split(r"[.;!?](?:\s|$)", t[pos:], maxsplit=1)[0]
    m = re.search(r"[,:]\s*(\w+)", rest)
    if re.match(r"\s*(?:\w+\s+){0,6}?dass\b", rest):
        return True
    return bool(m) and m.group(1).lower() not in _DE_SUBORDINATORS


def _find_en(t: str) -> list[tuple[str, tuple[int, int] | None]]:
    out: list[tuple[str, tuple[int, int] | None]] = []
    for m in re.finditer(r"\baccording\s+to\s+", t, re.I):
        out.append(("channel", _en_np_after(t, m.end())))
    for m in re.finditer(r"\b(?:as\s+)?reported\s+by\s+", t, re.I):
        out.append(("channel", _en_np_after(t, m.end())))
    for m in re.finditer(r"\b(?:citing|quoting)\s+", t, re.I):
        out.append(("cited", _en_np_after(t, m.end())))
    for m in re.finditer(r"\b(?:" + _EN_SPEECH + r")\b", t):
        if re.match(r"\s+by\b", t[m.end():]):
            continue  # "as reported by X" is a channel, handled above
        out.extend(_en_speaker(t, m))
    return out


def _en_subject_start(t: str, pos: int) -> tuple[int, int]:
    """Where the subject of a verb at ``pos`` starts and ends, skipping ", citing X," parentheticals."""
    cs = _clause_start(t, pos)
    if not t[cs:pos].strip() and cs > 0:
        comma = t.rfind(",", 0, cs)
        pcs = _clause_start(t, comma)
        if pcs > 0 and t[pcs:comma].strip().lower().startswith(("citing ", "quoting ", "according to ")):
            comma2 = t.rfind(",", 0, pcs)
            return _clause_start(t, comma2), comma2
    return cs, pos


def _en_speaker(t: str, m: re.Match) -> list[tuple[str, tuple[int, int] | None]]:
    verb = m.group(0)
    out: list[tuple[str, tuple[int, int] | None]] = []
    cs, subj_end = _en_subject_start(t, m.start())
    prefix = t[cs:subj_end].strip()
    if not prefix:
        if cs == 0 or verb not in _EN_INVERTED:
            return out
        speaker = _en_np_after(t, m.end())  # "..., said resident Maria Kowalska."
        if speaker is None:
            return out
    else:
        aux = re.search(r"(?:\s+(?:has|have|had|also|earlier|later|previously|repeatedly|again|did|was|were))+\s*$",
                        t[cs:subj_end])
        np_end = cs + aux.start() if aux else subj_end
        np = _en_np_after(t, cs, np_end)
        if np is None or t[np[1]:np_end].strip(" ,"):
            return out
        if cs == 0 and (verb == "threatened" or verb not in _EN_DENIAL and not _en_reports(t, m.end(), verb)):
            return out
        speaker = np
    out.append(("speaker", speaker))
    after = t[m.end():]
    if verb == "quoted":
        q = _en_np_after(t, m.end())
        if q and re.match(r"\s+as\s+say", t[q[1]:]):
            out.append(("cited", q))
    elif verb in ("told", "tells"):
        r = _en_np_after(t, m.end())
        if r and classify_source(t[r[0]:r[1]], None) in ("agency", "media") and \
                not re.match(r"\s*(?:reporters|journalists)\b", after):
            out.append(("channel", r))
    return out


def _en_reports(t: str, pos: int, verb: str) -> bool:
    """Sentence-initial 'X said' needs content: 'X said (that) ...', 'X told reporters ...', 'X announced plans'."""
    rest = t[pos:]
    if verb in ("told", "tells", "quoted", "announced", "warned", "confirmed"):
        return True
    return bool(re.match(r"\s*(?:on\s+\w+\s+|in\s+a\s+statement\s+|late\s+\w+\s+)?(?:,|:|that\b|[A-Za-z])", rest))


# ------------------------------------------------------------------------------------------ classifying

_AGENCY_NAMES = re.compile(
    r"\b(?:interfax|itar-tass|tass|ria\s+novosti|ria|reuters|associated\s+press|dpa|epd|kna|ansa|efe|kyodo|"
    r"yonhap|kcna|xinhua|anadolu|irna|isna|tasnim|wafa|sana|mena|ukrinform|unian|belta|sputnik|"
    r"agence\s+france-presse|jiji)\b", re.I)
_AGENCY_ACRONYMS = re.compile(r"\b(?:AFP|AP|APA|PAP|CTK|MTI|BTA|PTI|ANI|SDA|KNA|UPI)\b")
_AGENCY_WORDS = re.compile(r"\b(?:nachrichten|presse)?agentur\b|news\s+agency|newswire|wire\s+service", re.I)
_MEDIA_NAMES = re.compile(
    r"\b(?:bbc|cnn|zdf|ard|rbb|ndr|wdr|mdr|swr|orf|srf|deutsche\s+welle|tagesschau|spiegel|bild|faz|"
    r"süddeutsche|welt|zeit|stern|focus|tagesspiegel|taz|handelsblatt|new\s+york\s+times|washington\s+post|"
    r"wall\s+street\s+journal|financial\s+times|guardian|le\s+monde|haaretz|kommersant|izvestia|iswestija|"
    r"vedomosti|wedomosti|al\s+jazeera|al\s+arabiya|axios|politico|fox\s+news|nbc|cbs|abc|sky\s+news|bloomberg|"
    r"cnbc|kyiv\s+independent|ukrainska\s+pravda|ukrajinska\s+prawda|meduza|novaya\s+gazeta|nowaja\s+gaseta|"
    r"nezavisimaya\s+gazeta|nesawissimaja\s+gaseta|rbc|euronews|france\s+24|rustavi|rustawi|times\s+of\s+israel|"
    r"jerusalem\s+post|times)\b", re.I)
_OUTLET_NAME = re.compile(r"dpa|epd|kna|taz|n-tv|ntv", re.I)
_MEDIA_ACRONYMS = re.compile(r"\b(?:RT|NTV|n-tv|DW|NYT|WSJ|FT|SZ|BR|TVP|NHK|KBS)\b")
_MEDIA_WORDS = re.compile(
    r"medien|zeitung|blatt\b|sender\b|fernseh|rundfunk|radio|magazin|portal|berichte?n?\b|presse\b|"
    r"\bmedia\b|newspaper|\bpaper\b|broadcaster|television|\btv\b|outlet|\bdaily\b|\bweekly\b|magazine|tabloid|"
    r"website|news\s+site|\bchannel\b|\breports?\b|\bpress\b", re.I)
_UNNAMED = re.compile(
    r"quellen\b|kreise[n]?\b|insider|beobachter|diplomaten|diplomat\b|beamte[nr]?\b|analysten|experten|"
    r"historiker|augenzeugen|anwohner\b|einwohner\b|personen\b|mitarbeiter\b|vertraute|"
    r"\bsources?\b|insiders|people\s+familiar|person\s+familiar|those\s+familiar|observers|diplomats?\b|"
    r"officials\b|\baides?\b|analysts|experts|historians|witnesses|residents|insider|"
    r"protesters|demonstrators|demonstranten|soldiers|soldaten|rescuers|helfer\b|doctors|ärzte|medics|survivors|"
    r"überlebende|activists|aktivisten|villagers|dorfbewohner|locals|bewohner\b|teilnehmer\b|"
    r"\bofficial\s*$", re.I)
_OFFICIAL = re.compile(
    r"minist|angaben|sprecher|präsident|kanzler|premier|regierung|behörde|kreml|pentagon|weiße[ns]?\s+haus|"
    r"außenamt|auswärtige[ns]?\s+amt|armee|militär|streitkräfte|generalstab|polizei|staatsanwalt|gouverneur|"
    r"bürgermeister|kommission|sekretär|verwaltung|botschaft|parlament|gericht|feuerwehr|geheimdienst|"
    r"kommandeur|vereinte[nr]?\s+nationen|\bkönig|\bgeneral\b|senator|abgeordnete|stadtrat|rathaus|"
    r"spokes|president|chancellor|government|authorit|kremlin|white\s+house|state\s+department|treasury|"
    r"\barmy\b|military|armed\s+forces|general\s+staff|police|prosecutor|governor|mayor|commission|secretary|"
    r"administration|embassy|ambassador|parliament|congress|court|fire\s+department|intelligence|commander|"
    r"united\s+nations|\bking\b|lawmaker|council|cabinet|defen[cs]e\s+forces|\bIDF\b|\bUN\b|\bNATO\b|\bnato\b|"
    r"\bEU\b", re.I)
_NAME = re.compile(r"\b[A-ZÄÖÜ][a-zäöüßéèáíóúčšžćłńśźżđ'’\-]+\s+[A-ZÄÖÜ][a-zäöüßéèáíóúčšžćłńśźżđ'’\-]+\s*$")


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country names in German and English (a state speaking is an official source)."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a declared dependency
        return frozenset()
    names: set[str] = set()
    for loc in ("de", "en"):
        for code, name in Locale(loc).territories.items():
            if code.isalpha() and len(code) == 2:
                names.add(name.lower())
    names.update({"usa", "us", "u.s.", "uk", "vereinigte staaten", "united states", "russland", "russia"})
    return frozenset(names)


def _has_person_name(text: str) -> bool:
    """Ends in two capitalised words that are not a known institution ("Anwohnerin Maria Kowalska")."""
    m = _NAME.search(text)
    if not m:
        return False
    name = m.group(0).strip()
    if _OFFICIAL.search(name) or _MEDIA_WORDS.search(name) or _AGENCY_WORDS.search(name):
        return False
    first = name.split()[0].lower()
    # a capitalised adjective ("Russischen Medienberichten", "Vereinten Nationen") is not a first name
    return not (first.endswith(("ischen", "ische", "ischer", "ten", "nen")) and text.strip() == name)


def classify_source(text: str, link: EntityLink | None) -> str:
    """One of agency, media, official, person, unnamed."""
    if link is not None:
        if link.kind == "agency":
            return "agency"
        if link.kind == "media" or link.sector == "MED":
            return "media"
        if link.kind == "person" and not (link.sector in ("GOV", "MIL", "COP", "JUD", "IGO")):
            return "person"
        if link.kind == "country" or link.sector in ("GOV", "MIL", "COP", "JUD", "IGO", "LEG"):
            return "official"
    if _AGENCY_NAMES.search(text) or _AGENCY_ACRONYMS.search(text) or _AGENCY_WORDS.search(text):
        return "agency"
    if _MEDIA_NAMES.search(text) or _MEDIA_ACRONYMS.search(text) or _MEDIA_WORDS.search(text):
        return "media"
    has_name = _has_person_name(text)
    if _UNNAMED.search(text) and not has_name:
        return "unnamed"
    if _OFFICIAL.search(text) or text.strip().lower() in _country_names():
        return "official"
    if has_name:
        return "person"
    if re.fullmatch(r"[A-ZÄÖÜ][\w\-]*", text.strip()):
        return "person" if text.strip()[1:].islower() and text.strip().lower() not in ("hamas", "hisbollah",
                                                                                         "hezbollah") else "official"
    return "unnamed"


def attributions(sentence: str, lang: str, linker: Linker | None = None,
                 sources: list[SourcePhrase] | None = None) -> list[Attribution]:
    """Attribution chain of a sentence, outermost first (``sources``: its ``find_sources``, if known)."""
    out: list[Attribution] = []
    for src in sources if sources is not None else find_sources(sentence, lang):
        link = linker(src.text, lang) if linker else None
        kind = classify_source(src.text, link)
        out.append(Attribution(text=src.text, kind=kind, code=link.code if link else None,
                               sector=link.sector if link else ("MED" if kind in ("agency", "media") else None)))
    return out


# ------------------------------------------------------------------------------------- reported speech

_KONJ1 = re.compile(
    r"\b(?:habe|sei|seien|seiest|werde|könne|müsse|wolle|solle|dürfe|möge|gebe|liege|komme|stehe|gehe|wisse|"
    r"plane|brauche|bleibe|lasse|sehe|halte|führe|greife|liefere|verfüge|befinde|handle|arbeite|erwarte|"
    r"fordere|lehne|unterstütze|trage|gelte)\b")
_FIRST_PERSON = re.compile(r"\b(?:ich|Ich)\s+(?:\w+\s+)?(?:habe|werde|könne|gebe|komme|sehe)\b")


_NOT_FINITE_E = {"eine", "keine", "diese", "jene", "seine", "ihre", "meine", "unsere", "alle", "beide", "einige",
                 "viele", "wenige", "bereits", "gerne", "heute", "ferne", "ohne", "obwohl", "weite", "große", "neue",
                 "weitere", "andere", "erste", "letzte", "gestrige", "selbe", "dieselbe", "ebenfalls"}


# Konjunktiv I forms in -te of verbs whose stem ends in t (arbeite, halte); other -te forms are preterite.
_KONJ1_TE = ("halte", "arbeite", "leiste", "starte", "richte", "warte", "achte", "biete", "gelte", "trete", "rate",
             "bitte", "fürchte", "betrachte", "verpflichte", "leite", "bereite", "berichte", "vermute", "bewerte",
             "erwarte", "unterhalte", "erhalte", "verhalte", "enthalte", "beinhalte", "bedeute", "deute", "fechte")


def _v2_konjunktiv(text: str) -> bool:
    """The finite verb in second position ends in -e after a third-person subject: "Russland ziehe ...",
    "Die Armee verfüge ...", "Er plane ..." (a regular Konjunktiv I form not in the word list)."""
    m = re.match(r"\s*(?:(?:Er|Sie|Es|Man)\b|[^\s,]+(?:\s+[^\s,]+){0,4}?)(?=\s+[a-zäöü])", text)
    if not m:
        return False
    first = text[: m.end()].strip()
    if not re.match(r"(?:Er|Sie|Es|Man)$", first):
        np = _de_np_after(text, 0)
        if np is None or text[np[1]: m.end()].strip():
            return False
        if np[0] != re.match(r"\s*", text).end() or first.split()[0].lower() in _DE_PREPS:
            return False
    verb = re.match(r"\s+([a-zäöüß]+)\b", text[m.end():])
    if not verb:
        return False
    v = verb.group(1)
    if v.endswith("te") and not v.endswith(_KONJ1_TE):
        return False  # "erreichte", "meldete": preterite, not Konjunktiv I
    return v.endswith("e") and len(v) > 3 and v not in _NOT_FINITE_E and \
        not v.endswith(("ische", "liche", "ige", "ene"))


def is_reported_speech(sentence: str, lang: str) -> bool:
    """German Konjunktiv I marks reported speech even without a reporting verb in the sentence."""
    if lang != "de":
        return False
    text = re.sub(r"„[^“”]*[“”]|\"[^\"]*\"", " ", sentence)  # a direct quote is not reported speech
    if _FIRST_PERSON.search(text):
        return False
    return bool(_KONJ1.search(text)) or _v2_konjunktiv(text)


def inherit_reported_speech(
    sentences: list[str], lang: str, chains: list[list[Attribution]]
) -> list[list[Attribution]]:
    """Chains where a Konjunktiv-I sentence without its own attribution inherits the nearest preceding chain.

    ``sentences`` and ``chains`` are parallel (one chain per sentence, as from ``attributions``). The
    inherited chain is carried through consecutive reported-speech sentences and stops at a sentence in
    the indicative without attribution, which starts a new claim of the text's own.
    """
    if len(sentences) != len(chains):
        raise ValueError(f"inherit_reported_speech: {len(sentences)} sentences but {len(chains)} chains")
    out: list[list[Attribution]] = []
    carry: list[Attribution] = []
    for sentence, chain in zip(sentences, chains):
        if chain:
            carry = list(chain)
            out.append(list(chain))
        elif carry and is_reported_speech(sentence, lang):
            out.append(list(carry))
        else:
            carry = []
            out.append([])
    return out

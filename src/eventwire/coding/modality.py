"""Modality of an event from the words of its clause: asserted, planned, hypothetical, negated, historical.

A speculated arms delivery is never an asserted one. Cues are looked for in the clause that holds
the trigger (bounded by clause punctuation and coordinators); when several cues are found the
strongest wins: negated > hypothetical > planned > historical > asserted, except that a past era
outranks planning words (``"Im Jahr 1991 wollte ..."`` is history, not a plan).

Conventions (the test set in ``tests/coding/data/context_cases.jsonl`` follows them):

* German ``soll``/``sollen`` with a perfect infinitive (``soll ... geliefert haben``,
  ``soll ... verübt worden sein``) is hearsay ("reportedly") and counts as **hypothetical**, like
  ``angeblich``, ``allegedly`` and ``reportedly``; with a plain infinitive (``soll ... stattfinden``)
  it is **planned**.
* Future ``wird``/``werden``/``werde`` + infinitive and English ``will`` are planned; ``will`` as a
  noun (``political will``, ``the will of``) and ``wird`` + participle (present passive) are not.
* ``ohne``/``without`` negate only their own complement (``ohne ... zu liefern``, ``without paying``),
  not the clause's main verb (``ohne Ergebnis abgebrochen`` is asserted).
* Attributive hedges (``der mutmaßliche Attentäter``, ``a suspected militant``, ``ein möglicher
  Angriff``) make only their own noun hypothetical.
* Historical: an era (``während des Kalten Krieges``, ``in the 1990s``, ``zu Sowjetzeiten``), ``vor 30
  Jahren``/``decades ago``, ``damals``/``back then``, or an explicit year at least
  ``HISTORICAL_YEARS`` before the report's year. Without the report's year only years before
  ``DEFAULT_HISTORICAL_BEFORE`` count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.records import Modality

__all__ = ["ModalityCue", "detect_modality", "clause_bounds", "HISTORICAL_YEARS", "DEFAULT_HISTORICAL_BEFORE"]

HISTORICAL_YEARS = 2
"""An explicit year counts as historical when it lies at least this many years before the report."""
DEFAULT_HISTORICAL_BEFORE = 2000
"""Without the report's year, explicit years before this one count as historical."""


@dataclass(frozen=True)
class ModalityCue:
    modality: Modality
    text: str
    start: int
    end: int


def _words(*items: str) -> str:
    return r"(?<![\w-])(?:" + "|".join(items) + r")(?![\w-])"


_NUMBER_WORDS = (r"(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|"
                 r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|many)")
_DECADE_WORDS_DE = r"(?:zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger)"
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Januar|Jänner|"
           r"Februar|März|Mai|Juni|Juli|Oktober|Dezember)")

# Pattern groups per language and modality. "attr" groups are attributive hedges: they only count when the
# trigger is the noun they modify.
_CUES: dict[str, list[tuple[Modality, re.Pattern]]] = {
    "de": [
        ("negated", re.compile(_words(
            "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "weder",
            "niemand", "niemanden", "niemandem", "nichts", "nirgends", "nirgendwo", "keinesfalls", "keineswegs",
            "dementierte", "dementierten", "dementiert", "dementiere", "bestritt", "bestritten", "bestreitet",
            "bestreite", r"wies(?:en)?\s+(?:\w+\s+){0,4}?(?:Vorwürfe|Berichte|Behauptungen|Anschuldigungen)\s+"
            r"(?:\w+\s+){0,3}?zurück", "zurückgewiesen", "weigerte", "weigerten", "verweigerte", "verweigerten",
            "scheiterte", "scheiterten", "gescheitert", "ohne"), re.I)),
        ("hypothetical", re.compile(_words(
            "könnte", "könnten", "könntest", "dürfte", "dürften", "würde", "würden", "möglicherweise",
            "vielleicht", "eventuell", "womöglich", "wohl", "vermutlich", "mutmaßlich", "angeblich",
            "möglich", "denkbar", "spekuliert", "Spekulationen", "befürchtet", "befürchten", "falls",
            "wenn", "sofern", "hätte", "hätten", "wäre", "wären", "Gerüchte[n]?", "drohte", "drohten", "droht",
            "drohen",
            "gegebenenfalls", "notfalls", "offenbar", "anscheinend"), re.I)),
        ("attr", re.compile(_words(
            "mögliche[nmrs]?", "mutmaßliche[nmrs]?", "angebliche[nmrs]?", "vermeintliche[nmrs]?",
            "befürchtete[nmrs]?", "drohende[nmrs]?"), re.I)),
        ("planned", re.compile(_words(
            "geplant", "geplante[nmrs]?", "plant", "planen", "planten", "plante", "will", "wollen", "wollte",
            "wollten", "wolle", "soll", "sollen", "sollte", "sollten", "solle", "vorgesehen", "werde", "werden",
            "wird", "beabsichtigt", "beabsichtigen", "beabsichtige", "kündigte", "kündigten", "angekündigt",
            "bevorstehende[nmrs]?", "kommende[nmrs]?", "nächste[nmrs]?", "demnächst", "künftig", "erwartet",
            "Plan", "Pläne[n]?", "anstehende[nmrs]?", "vereinbarten?", "vereinbart", "bereitet", "bereiten"),
            re.I)),
        ("historical", re.compile(
            r"\b(?:während\s+des\s+(?:Kalten|Zweiten|Ersten)\s+(?:Krieges|Kriegs|Weltkrieges|Weltkriegs)|"
            r"während\s+des\s+(?:Korea|Vietnam|Golf|Irak|Afghanistan|Balkan|Jugoslawien|Bosnien)krieg(?:e?s)?|"
            r"im\s+(?:Kalten|Zweiten|Ersten)\s+(?:Krieg|Weltkrieg)|im\s+(?:Korea|Vietnam)krieg|"
            r"zu\s+Sowjetzeiten|zu\s+DDR-Zeiten|in\s+der\s+Sowjetzeit|zu\s+Zeiten\s+de[rs]\s+\w+|damals|einst|"
            r"seinerzeit|(?:kurz\s+)?nach\s+(?:dem\s+(?:Zerfall|Zusammenbruch|Ende)\s+der\s+Sowjetunion|"
            r"dem\s+Ende\s+des\s+Kalten\s+Krieges|dem\s+Fall\s+der\s+(?:Berliner\s+)?Mauer|der\s+Wende|"
            r"der\s+Wiedervereinigung)|"
            r"vor\s+(?:mehr\s+als\s+|über\s+|fast\s+|rund\s+|knapp\s+|etwa\s+)?" + _NUMBER_WORDS +
            r"\s+Jahr(?:en|zehnten)|vor\s+(?:vielen\s+)?Jahr(?:en|zehnten)|in\s+den\s+" + _DECADE_WORDS_DE +
            r"\s+Jahren)\b", re.I)),
    ],
    "en": [
        ("negated", re.compile(_words(
            "not", r"\w+n't", "cannot", "never", "no", "none", "nobody", "nothing", "neither", "nor",
            "no one", "no longer", "denied", "denies", "deny", "denying", "refuted", "rejected (?:claims|reports|"
            "allegations|accusations)", "dismissed (?:claims|reports|allegations)", "refused", "refuses",
            "failed to", "fails to", "without"), re.I)),
        ("hypothetical", re.compile(_words(
            "could", "might", "may", "would", "possibly", "perhaps", "probably", "likely", "unlikely",
            "allegedly", "reportedly", "purportedly", "apparently", "speculation", "speculated", "feared",
            "fears", "if", "unless", "rumou?red", "rumou?rs?", "threatens? to", "threatened to", "is said to",
            "are said to", "in case"), re.I)),
        ("attr", re.compile(_words(
            "possible", "potential", "suspected", "alleged", "feared", "looming", "threatened", "purported"),
            re.I)),
        ("planned", re.compile(_words(
            "will", "shall", "plans?", "planned", "planning", "intends?", "intended", "is due to", "are due to",
            "was due to", "were due to", "scheduled", "expected to", "set to", "upcoming", "next", "aims? to",
            "wants? to", "wanted to", "is to", "are to", "agreed to", "prepar(?:es|ing) to", "forthcoming",
            "going to", "is poised to", "are poised to", "pledged to", "vowed to", "promised to"), re.I)),
        ("historical", re.compile(
            r"\b(?:during\s+the\s+(?:Cold\s+War|Second\s+World\s+War|First\s+World\s+War|Korean\s+War|"
            r"Vietnam\s+War|Gulf\s+War|Iraq\s+War|Balkan\s+wars|Soviet\s+era)|in\s+the\s+Cold\s+War|"
            r"(?:in|during)\s+World\s+War\s+(?:I|II|One|Two)|(?:in|during)\s+the\s+Soviet\s+(?:era|period|times)|"
            r"in\s+Soviet\s+times|under\s+Soviet\s+rule|(?:shortly\s+)?after\s+the\s+(?:collapse|fall|breakup|"
            r"break-up|dissolution)\s+of\s+the\s+Soviet\s+Union|after\s+the\s+(?:end\s+of\s+the\s+Cold\s+War|"
            r"fall\s+of\s+the\s+Berlin\s+Wall)|back\s+then|decades\s+ago|years\s+ago|"
            r"(?:more\s+than\s+|over\s+|almost\s+|nearly\s+|some\s+|about\s+)?" + _NUMBER_WORDS +
            r"\s+(?:years|decades)\s+ago|formerly)\b", re.I)),
    ],
}

_PRIORITY: dict[Modality, int] = {"negated": 4, "hypothetical": 3, "planned": 2, "historical": 1, "asserted": 0}

_CLAUSE_BREAK = re.compile(r"[;:]|,\s*(?:und|aber|doch|sondern|während|weil|da|obwohl|als|nachdem|falls|sofern|sobald|"
                           r"bevor|and|but|while|because|although|whereas|after|before|when|unless)\b|"
                           r"\s(?:if|unless|falls|sofern)\s|\s[-–—]\s|\.\s")
_CONDITIONAL_BREAK = re.compile(r"(?:,\s*|\s)(?:falls|sofern|if|unless)\s", re.I)

# Words after a negator that turn it into something else: "nicht nur", "kein Wunder", "no doubt".
_NOT_NEGATION_AFTER = {
    "nicht": ("nur", "zuletzt", "umsonst", "ohne"),
    "not": ("only", "least", "just", "merely", "without"),
    "no": ("wonder", "doubt", "surprise", "coincidence", "secret", "matter"),
    "kein": ("wunder", "zweifel", "zufall", "geheimnis"),
    "keine": ("frage",),
    "keinen": ("zweifel",),
    "ohne": ("zweifel",),
    "without": ("doubt",),
}


_NOT_ON_EVENT = re.compile(
    r"(?:for\s+the\s+first\s+time|the\s+(?:first|only|last|second)\b|a\s+first\b|zum\s+ersten\s+mal|"
    r"(?:der|die|das|den)\s+(?:erste|einzige|letzte|zweite)[nrs]?\b|erst(?:mals)?\b)")


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
    report_year: int | None = None,
) -> tuple[Modality, list[ModalityCue]]:
    """The modality of the event whose trigger is ``text[trigger_start:trigger_end]``.

    ``window`` limits where cues count (default: the trigger's clause); ``historical_date`` says the
    event's date lies in an era before the report; ``report_year`` (the year the report was published)
    lets explicit years in the clause mark an event as historical.
    """
    lo, hi = window if window else clause_bounds(text, trigger_start, trigger_end)
    clause = text[lo:hi]
    t0, t1 = trigger_start - lo, trigger_end - lo
    cues: list[ModalityCue] = []
    # "..., falls die Armee nicht abzieht": the condition's own words stay out, but it makes this clause hypothetical
    cond = _CONDITIONAL_BREAK.match(text, hi)
    if cond:
        cues.append(ModalityCue("hypothetical", cond.group(0).strip(" ,"), cond.start(), cond.end()))
    for modality, pattern in _CUES.get(lang, _CUES["en"]):
        for m in pattern.finditer(clause):
            word = m.group(0)
            if m.start() < t1 and t0 < m.end():
                continue  # the trigger itself ("drohte", "Plan") is not a cue for its own modality
            kind: Modality
            if modality == "attr":
                if not _modifies_trigger(clause, m, t0, lang):
                    continue
                kind = "hypothetical"
            else:
                kind = modality
            if kind == "negated" and not _is_negation_of_event(clause, m, t0, t1, lang):
                continue
            if kind == "planned" and not _is_planning(clause, m, lang):
                continue
            if kind == "hypothetical" and not _is_hedge(clause, m, lang, t0, text, lo, hi):
                continue
            if kind == "planned" and lang == "de" and word.lower() in ("soll", "sollen", "solle") and \
                    _perfect_infinitive_follows(clause, m):
                kind = "hypothetical"  # "soll ... geliefert haben": hearsay, not a plan
            cues.append(ModalityCue(kind, word, lo + m.start(), lo + m.end()))
    for m in _year_mentions(clause, lang):
        year = int(m.group("year") or m.group("decade"))
        if m.group("decade"):
            year += 9  # a decade is past when its last year is
        limit = (report_year - HISTORICAL_YEARS) if report_year else DEFAULT_HISTORICAL_BEFORE - 1
        if year <= limit:
            cues.append(ModalityCue("historical", m.group(0), lo + m.start(), lo + m.end()))
    if historical_date:
        cues.append(ModalityCue("historical", "date", trigger_start, trigger_end))
    if not cues:
        return "asserted", []
    best = max(cues, key=lambda c: (_PRIORITY[c.modality], -abs(c.start - trigger_start)))
    # A past era outranks future/planning words only when no stronger cue (negation, speculation) is present.
    if best.modality == "planned" and any(c.modality == "historical" for c in cues):
        best = next(c for c in cues if c.modality == "historical")
    return best.modality, cues


_YEAR = re.compile(
    r"(?<![\w.\-/])(?:(?P<year>1[89]\d\d|20\d\d)(?![\w\-/%]|[.,]\d)|(?P<decade>1[89]\d0|20\d0)(?:er\b|s\b|’s\b|'s\b))")
_YEAR_SINCE = re.compile(r"(?:seit|since|ab|from|bis\s+zum\s+Jahr|Nummer|Resolution|No\.?|Nr\.?|Flug|flight)\s*$",
                         re.I)
_YEAR_BEFORE_OK = re.compile(r"(?:\b(?:in|im|Jahr|Jahre|year|Anfang|Ende|Mitte|early|late|mid|bereits|schon|"
                             r"already|Herbst|Sommer|Frühjahr|Frühling|Winter|autumn|fall|summer|spring|winter|"
                             r"den|the|of|um|around|back|damals|then|bis|until)|" + _MONTHS + r"|\d+\.)[\s\-]*$",
                             re.I)


def _year_mentions(clause: str, lang: str) -> list[re.Match]:
    """Explicit years and decades ("1991", "im Jahr 2014", "1990er Jahren", "the 1990s"), not counts or ids."""
    out = []
    for m in _YEAR.finditer(clause):
        before = clause[max(0, m.start() - 30): m.start()]
        if _YEAR_SINCE.search(before):
            continue  # "seit 1991" is ongoing, "Resolution 2334" is a name
        if m.group("year") and not _YEAR_BEFORE_OK.search(before):
            after = clause[m.end(): m.end() + 20].lstrip()
            # "starben 1994 Menschen" / "1994 soldiers": a count, not a year
            if after[:1].isupper() and lang == "de" or re.match(r"[a-z]+s\b", after):
                continue
        out.append(m)
    return out


def _is_negation_of_event(clause: str, m: re.Match, t0: int, t1: int, lang: str) -> bool:
    """False for 'nicht nur', 'not only', 'kein Wunder', 'no doubt' and for 'ohne'/'without' off the event."""
    word = m.group(0).lower()
    after = clause[m.end():].lstrip().lower()
    next_word = re.match(r"[\w\-]*", after).group(0)
    if next_word in _NOT_NEGATION_AFTER.get(word, ()):
        return False
    if word in ("not", "nicht", "never", "nie") and _NOT_ON_EVENT.match(after):
        return False  # "was not the first", "nicht zum ersten Mal": a comparison, not a negated event
    if word in ("ohne", "without"):
        # Only the complement of ohne/without is negated: "ohne ... zu liefern", "without paying", "ohne Angriff".
        if t0 < m.end():
            return False
        between = clause[m.end():t0]
        if re.search(r"[,;:]", between):
            return False
        if lang == "de":
            # "ohne ... zu liefern", "ohne weitere Angriffe"; not "ohne Halt durchfahren" (a noun in between)
            return bool(re.search(r"\bzu\s*$", between)) or not re.search(r"\b[A-ZÄÖÜ]", between)
        return len(between.split()) <= 2
    return True


def _is_planning(clause: str, m: re.Match, lang: str) -> bool:
    """Drop 'will' as a noun and German 'wird/werden' + participle (present passive)."""
    word = m.group(0).lower()
    before = clause[: m.start()].rstrip().lower()
    after = clause[m.end():]
    if lang == "en" and word == "will":
        prev = re.search(r"([\w'’]+)$", before)
        if prev and prev.group(1) in ("the", "a", "its", "his", "her", "their", "our", "my", "your", "political",
                                      "good", "free", "popular", "public", "strong", "iron", "people's", "ill"):
            return False
        if re.match(r"\s+of\b", after):
            return False
    if lang == "de" and word in ("wird", "werden"):
        rest = re.split(r"[,;:.]", after, maxsplit=1)[0].split()
        if rest and _looks_like_participle(rest[-1]):
            return False  # "wird seit Tagen beschossen": present passive
        if word == "wird" and rest and rest[-1].lower() == "erwartet":
            return True
    if lang == "de" and word == "erwartet":
        return bool(re.search(r"\b(?:wird|werden)\b", clause[: m.start()])) or bool(re.match(r"\s+\w+\s+zu\b", after))
    if lang == "en" and word == "next":
        return not re.match(r"\s+(?:to|door)\b", after)
    return True


_PARTICIPLE_IRREGULAR = re.compile(
    r"(?:schossen|griffen|worfen|brochen|nommen|schlossen|stoßen|troffen|schrieben|wiesen|zogen|"
    r"stohlen|funden|gangen|standen|trieben|rissen|mieden|bissen|schnitten|stritten|sprochen|sprengt)$")


def _looks_like_participle(word: str) -> bool:
    low = word.lower().strip(".")
    if low.endswith(("iert", "ert", "elt")) or (low.endswith("t") and not low.endswith("en")):
        return True
    if re.match(r"(?:\w+)?ge\w+en$", low) and not low.startswith(("gegen", "gehen", "geben", "gewinnen")):
        return bool(re.match(r"(?:ab|an|auf|aus|bei|ein|fest|mit|nach|vor|weg|zu|zurück|zusammen)?ge\w+en$", low))
    return bool(_PARTICIPLE_IRREGULAR.search(low))


_DE_REPORTING = re.compile(
    r"\b(?:sagte|sagten|sagt|erklärte|erklärten|erklärt|meldete|meldeten|meldet|berichtete|berichteten|berichtet|"
    r"teilte|teilten|mitteilte|schrieb|schrieben|betonte|bestätigte|behauptete|behaupteten|dementierte|bestritt|"
    r"bestreitet|warnte|hieß\s+es|zufolge|laut|Angaben)\b")


def _is_hedge(clause: str, m: re.Match, lang: str, t0: int, text: str, lo: int, hi: int) -> bool:
    """Drop hedges that are not: 'May' the month, threats before what they threaten, and German
    'hätten'/'wären' standing in for Konjunktiv I in reported speech ('meldete, Truppen hätten ... eingenommen')."""
    word = m.group(0)
    low = word.lower()
    if low.startswith("droh") and m.start() > t0:
        return False
    if lang == "de" and low in ("hätte", "hätten", "wäre", "wären"):
        a, b = _sentence_bounds(text, lo + m.start())
        sentence = text[a:b]
        conditional = re.search(r"\b(?:wenn|falls|sofern|ohne|an\s+\w+\s+Stelle|würden?|könnten?)\b", sentence, re.I)
        if not conditional and _DE_REPORTING.search(sentence):
            return False
    if lang == "en" and word == "May":
        before = clause[: m.start()].rstrip().lower()
        after = clause[m.end():]
        if re.match(r"\s*\d", after) or re.search(r"\b(?:in|on|of|since|until|by|early|late|mid|last|next|this)$",
                                                  before) or before.endswith(",") or not before:
            return False
    return True


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence of ``text`` around ``pos`` (``text`` may be a whole document)."""
    a = 0
    for m in re.finditer(r"[.!?]\s+(?=[A-ZÄÖÜ„\"])", text[:pos]):
        a = m.end()
    m = re.search(r"[.!?](?:\s+(?=[A-ZÄÖÜ„\"])|\s*$)", text[pos:])
    return a, (pos + m.end()) if m else len(text)


def _modifies_trigger(clause: str, m: re.Match, t0: int, lang: str) -> bool:
    """An attributive hedge counts when the trigger is its noun ('ein möglicher Angriff', 'possible Russian attack'),
    not when the trigger follows that noun ('der mutmaßliche Täter griff', 'suspected militants attacked')."""
    if t0 < m.end():
        return False
    between = clause[m.end():t0]
    if re.search(r"[,;:]", between):
        return False
    words = between.split()
    if len(words) > 1:
        return False
    if not words:
        return True
    word = words[0]
    if word[:1].isupper():
        # German nouns are capitalised, so the hedged noun came before the trigger; in English a capitalised
        # word is a modifier of the trigger ("possible Russian attack", "suspected Hamas attack")
        return lang == "en"
    return bool(re.search(r"(?:al|ic|ive|ian|ese|ish|ary|ern|ischen?|ische[rm]?|liche[nrm]?|e[nrm]?)$", word))


def _perfect_infinitive_follows(clause: str, m: re.Match) -> bool:
    """'soll ... geliefert haben', 'soll ... verübt worden sein', 'soll ... gewesen sein'."""
    rest = re.split(r"[,;:]", clause[m.end():], maxsplit=1)[0]
    return bool(re.search(r"\b(?:haben|sein)\s*[.!?]?\s*$", rest))

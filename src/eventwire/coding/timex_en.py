"""English temporal expressions: lexicon, tense cues and patterns for ``eventwire.coding.dates``.

Extents follow TimeML: prepositions stay out ("on *Monday*", "in *1991*"), determiners and
modifiers stay in ("*last week*", "*three years ago*", "*early March*"). Historical eras keep
their preposition ("*during the Cold War*").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eventwire.coding.dates import Frame, Rule, one

__all__ = ["RULES", "FUTURE_CUES", "PAST_CUES", "ERA_PATTERNS", "MONTHS", "WEEKDAYS"]

MONTHS: dict[str, int] = {
    "january": 1, "jan.": 1, "jan": 1, "february": 2, "feb.": 2, "feb": 2, "march": 3, "mar.": 3, "april": 4,
    "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8, "september": 9,
    "sept.": 9, "sep.": 9, "october": 10, "oct.": 10, "november": 11, "nov.": 11, "december": 12, "dec.": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
PODS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "noon": "MI", "midday": "MI"}
NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "half a": 0.5, "a half": 0.5, "one and a half": 1.5, "a couple of": 2, "couple of": 2,
}
VAGUE = r"a\s+few|few|several|many|some|numerous|the\s+past\s+few|the\s+last\s+few|the\s+next\s+few|the\s+coming"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "q1": 1, "q2": 2, "q3": 3, "q4": 4}
UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1), "day": ("D", False, 1),
    "week": ("W", False, 1), "month": ("M", False, 1), "year": ("Y", False, 1), "decade": ("Y", False, 10),
    "century": ("Y", False, 100), "centurie": ("Y", False, 100), "weekend": ("WE", False, 1),
    "night": ("NI", True, 1),
}
UNIT_RE = r"(?P<u>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries|weekends?|nights?)"

_MONTH_ALT = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d)"
)


def MON(name: str = "mon") -> str:
    return rf"(?P<{name}>{_MONTH_ALT})(?![a-z])"


_WD_ALT = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUM_ALT = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
NUM = rf"(?P<n>\d+(?:\.\d+)?|(?i:{_NUM_ALT}))"
YEAR = r"(?P<y>1[0-9]\d\d|20\d\d)"
DAYNUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
I = re.IGNORECASE


def _month(s: str) -> int:
    low = s.lower()
    return MONTHS.get(low) or MONTHS[low + "."]


def _num(s: str) -> float | None:
    s = re.sub(r"\s+", " ", s.strip().lower())
    if s in NUMBERS:
        return NUMBERS[s]
    try:
        return float(s)
    except ValueError:
        return None


def _unit(u: str) -> tuple[str, bool, int]:
    low = u.lower()
    for stem in sorted(UNITS, key=len, reverse=True):
        if low.startswith(stem):
            return UNITS[stem]
    return ("D", False, 1)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit_word: str) -> str:
    letter, is_time, mult = _unit(unit_word)
    amount = "X" if n is None else _fmt(n * mult)
    if letter == "WE":
        return f"P{amount}WE"
    if letter == "NI":
        return f"PT{amount}NI"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _mod_offset(mod: str | None) -> int | None:
    if not mod:
        return None
    low = mod.lower()
    if low in ("last", "past", "previous", "preceding"):
        return -1
    if low in ("next", "coming", "following", "upcoming"):
        return 1
    if low in ("this", "current", "present"):
        return 0
    return None


def _year_ok(m: re.Match[str]) -> bool:
    text = m.string
    before = text[max(0, m.start() - 14):m.start()]
    after = text[m.end():m.end() + 20]
    if re.match(r"\s*(?:[.,]\d|/\d|%|\s*(?:percent|per\s+cent|people|dollars|euros|pounds|troops|soldiers|"
                r"meters|metres|km|kilometers|kilometres|miles|feet|tons|tonnes|barrels|cars|units|jobs|"
                r"members|votes|points|words|pages|hours|minutes|residents|civilians|homes|acres|ft\b|m\b))", after, I):
        return False
    if re.search(r"(?:No\.?|Number|#|\$|€|£|-|\d[.,])\s*$", before):
        return False
    if re.search(r"(?i)\b(?:in|since|by|from|until|till|to|before|after|during|of|early|mid|late|around|circa|"
                 r"year|years|fiscal|spring|summer|autumn|fall|winter|and|or|between|through)\s*-?\s*$", before):
        return True
    if int(m.group("y")) < 1800:
        return False
    # a bare number followed by a plural noun counts something ("2000 workers")
    if re.match(r"\s+(?:[a-z]+-)?[a-z]{3,}s\b", after) and not re.match(r"\s+(?:was|is|has|as|has|saw|marks|sees)\b", after):
        return False
    return True


def _pod(word: str | None) -> str | None:
    return PODS.get(word.lower()) if word else None


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def _b_cal(m: re.Match[str]) -> Frame | None:
    d = int(m.group("d")) if m.group("d") else None
    if d is not None and not 1 <= d <= 31:
        return None
    y = int(m.group("y")) if m.group("y") else None
    return Frame("DATE", "cal", year=y, month=_month(m.group("mon")), day=d)


def _b_numeric(m: re.Match[str]) -> Frame | None:
    mo, d, y = int(m.group("m")), int(m.group("d")), int(m.group("y"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    if y < 100:
        y += 2000 if y <= 40 else 1900
    return Frame("DATE", "cal", year=y, month=mo, day=d)


def _b_month(m: re.Match[str]) -> Frame:
    return Frame("DATE", "cal", month=_month(m.group("mon")))


def _b_year(m: re.Match[str]) -> Frame | None:
    if not _year_ok(m):
        return None
    return Frame("DATE", "cal", year=int(m.group("y")))


def _b_decade(m: re.Match[str]) -> Frame:
    century = m.group("c") or "19"
    return Frame("DATE", "decade", value=f"{century}{m.group('d')}")


_ORD_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
              "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
              "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
              "twentieth": 20, "twenty-first": 21}


def _b_century(m: re.Match[str]) -> Frame | None:
    raw = m.group("n").lower()
    n = _ORD_WORDS.get(raw) or (int(re.sub(r"\D", "", raw)) if re.sub(r"\D", "", raw) else 0)
    if not 1 <= n <= 21:
        return None
    return Frame("DATE", "century", value=f"{n - 1:02d}")


_RELD = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def _b_reld(m: re.Match[str]) -> Frame:
    word = m.group("w").lower()
    pod = _pod(m.group("p")) if "p" in m.re.groupindex and m.group("p") else ("NI" if word == "tonight" else None)
    return Frame("TIME" if pod else "DATE", "reld", offset=_RELD[word], pod=pod)


def _b_this_pod(m: re.Match[str]) -> Frame:
    return Frame("TIME", "reld", offset=0, pod=_pod(m.group("p")))


def _b_weekday(m: re.Match[str]) -> Frame:
    wd = WEEKDAYS[m.group("wd").lower()]
    pod = _pod(m.group("p"))
    return Frame("TIME" if pod else "DATE", "weekday", weekday=wd, pod=pod, direction=_mod_offset(m.group("mod")))


def _b_weekday_set(m: re.Match[str]) -> Frame:
    wd = WEEKDAYS[m.group("wd").lower().rstrip("s")]
    return Frame("SET", "literal", value=f"XXXX-WXX-{wd + 1}")


def _unit_name(u: str) -> str:
    u = u.lower()
    return ("weekend" if u.startswith("weekend") else "week" if u.startswith("week") else
            "month" if u.startswith("month") else "quarter" if u.startswith("quarter") else "year")


def _b_relunit(m: re.Match[str]) -> Frame | None:
    off = _mod_offset(m.group("mod"))
    if off is None:
        return None
    return Frame("DATE", "relunit", unit=_unit_name(m.group("u")), offset=off, direction=off)


def _b_edge_unit(m: re.Match[str]) -> Frame:
    """'earlier this week', 'later this year', 'the end of the month', 'the start of next week'."""
    off = _mod_offset(m.group("mod")) or 0
    later = (m.group("e") or "").lower().startswith("later")
    return Frame("DATE", "relunit", unit=_unit_name(m.group("u")), offset=off, direction=1 if later else (off if m.group("mod") else None))


def _b_ago(m: re.Match[str]) -> Frame | None:
    n = _num(m.group("n"))
    if n is None or not float(n).is_integer():
        return None
    u = m.group("u").lower()
    unit = ("day" if u.startswith("day") else "week" if u.startswith("week") else "month" if u.startswith("month")
            else "decade" if u.startswith("decade") else "year")
    return Frame("DATE", "ago", unit=unit, offset=-int(n))


_AGE_AFTER = re.compile(r"(?:\s+|-)(?:old|younger|older|of\s+age)\b")


def _b_duration(m: re.Match[str]) -> Frame | None:
    if m.group("u").lower().startswith("year") and (_AGE_AFTER.match(m.string, m.end())
                                                   or re.search(r"(?i)\b(?:aged|age|ages)\s+$", m.string[max(0, m.start() - 8):m.start()])):
        return None
    if re.match(r"\s*ago\b", m.string[m.end():m.end() + 5]):
        return None
    n = _num(m.group("n"))
    if n is None or n > 10000:
        return None
    return Frame("DURATION", "literal", value=duration_value(n, m.group("u")))


def _b_vague_duration(m: re.Match[str]) -> Frame | None:
    if re.match(r"\s*ago\b", m.string[m.end():m.end() + 5]):
        return None
    return Frame("DURATION", "literal", value=duration_value(None, m.group("u")))


def _literal(typ: str, value: str) -> Callable:
    return one(lambda m: Frame(typ, "literal", value=value))


def _b_quarter(m: re.Match[str]) -> Frame:
    q = ORDINALS[m.group("o").lower()]
    half = (m.group("u") or "").lower().startswith("half")
    part = f"H{min(q, 2)}" if half else f"Q{q}"
    y = int(m.group("y")) if m.group("y") else None
    if y is None and m.group("mod"):
        return Frame("DATE", "yearrel", part=part, offset=_mod_offset(m.group("mod")) or 0)
    return Frame("DATE", "cal", year=y, part=part)


SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def _b_season(m: re.Match[str]) -> Frame:
    part = SEASONS[m.group("s").lower()]
    if m.group("y"):
        return Frame("DATE", "cal", year=int(m.group("y")), part=part)
    off = _mod_offset(m.group("mod"))
    if off is not None:
        return Frame("DATE", "yearrel", part=part, offset=off)
    return Frame("DATE", "cal", part=part)


def _b_time(m: re.Match[str]) -> Frame | None:
    h = int(m.group("h"))
    mi = int(m.group("mi")) if m.group("mi") else 0
    ampm = (m.group("ap") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and h < 12:
        h += 12
    if ampm == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return Frame("TIME", "time", hour=h, minute=mi)


def _b_pod(m: re.Match[str]) -> Frame | None:
    pod = _pod(m.group("p"))
    return Frame("TIME", "pod", pod=pod) if pod else None


_FEASTS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
           "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31), "independence day": (7, 4),
           "valentine's day": (2, 14), "new year": (1, 1)}
_EASTER = {"easter": 0, "easter sunday": 0, "easter monday": 1, "good friday": -2, "pentecost": 49, "whitsun": 49}


def _b_feast(m: re.Match[str]) -> Frame:
    name = re.sub(r"\s+", " ", m.group("f").lower()).replace("’", "'")
    y = int(m.group("y")) if m.group("y") else None
    if name in _EASTER:
        return Frame("DATE", "easter", offset=_EASTER[name], year=y)
    mo, d = _FEASTS[name]
    return Frame("DATE", "cal", year=y, month=mo, day=d)


def _b_day_list(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    """'September 12 and 13', 'Sept. 12-14': one date per day."""
    mo = _month(m.group("mon"))
    y = int(m.group("y")) if m.group("y") else None
    out = [(m.start(), m.end("d1"), Frame("DATE", "cal", year=y, month=mo, day=int(m.group("d1"))))]
    d2 = int(m.group("d2"))
    out.append((m.start("d2"), m.end(), Frame("DATE", "cal", year=y, month=mo, day=d2)))
    return [o for o in out if 1 <= (o[2].day or 0) <= 31]


def _b_year_edge(m: re.Match[str]) -> Frame:
    return Frame("DATE", "cal", year=int(m.group("y")))


# --------------------------------------------------------------------------------------------
# Eras
# --------------------------------------------------------------------------------------------

_ERA_NAMES: list[tuple[str, str]] = [
    (r"Cold\s+War", "cold_war"),
    (r"Second\s+World\s+War|World\s+War\s+(?:II|2|Two)|WWII|WW2", "ww2"),
    (r"First\s+World\s+War|World\s+War\s+(?:I|1|One)(?![I\w])|WWI(?!I)|WW1|Great\s+War", "ww1"),
    (r"Soviet\s+(?:era|times|period|days|rule)|(?:era|days|time|times)\s+of\s+the\s+Soviet\s+Union", "soviet"),
    (r"Nazi\s+(?:era|period|regime|Germany|dictatorship)|Third\s+Reich", "nazi"),
    (r"Weimar\s+Republic", "weimar"),
    (r"Korean\s+War", "korean_war"),
    (r"Vietnam\s+War", "vietnam_war"),
    (r"interwar\s+(?:period|years)|inter-war\s+(?:period|years)", "interwar"),
    (r"(?:Yugoslav|Balkan)\s+[Ww]ars?", "yugoslav_wars"),
]
ERA_PATTERNS = [(re.compile(p), key) for p, key in _ERA_NAMES]
_ERA_ALT = "|".join(f"(?:{p})" for p, _ in _ERA_NAMES)


def _b_era(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    name = m.group("e")
    key = next(k for p, k in ERA_PATTERNS if p.fullmatch(name))
    return [(m.start(), m.end(), Frame("DATE", "era", era=key))]


# --------------------------------------------------------------------------------------------
# Tense cues
# --------------------------------------------------------------------------------------------

FUTURE_CUES = re.compile(
    r"(?i)\b(?:will|won't|shall|'ll|going\s+to|(?:is|are)\s+due\s+to|scheduled|plans?\s+to|planned|planning|"
    r"(?:is|are)\s+set\s+to|(?:is|are)\s+expected\s+to|upcoming|to\s+be\s+held|intends?\s+to|next)\b|'ll\b"
)
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|met|made|took|gave|began|began|left|fled|fell|won|lost|ran|"
    r"saw|spoke|wrote|sent|held|struck|shot|hit|led|announced|"
    r"(?!(?:need|seed|speed|feed|indeed|hundred|bed|red|shed|bleed|breed|proceed|succeed|exceed|scheduled|planned|"
    r"expected|intended|supposed)\b)[a-z]{3,}ed)\b"
)

# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_MODW = r"last|past|previous|next|coming|following|this|current|upcoming"
_EDGE = r"early|mid|late|the\s+(?:end|beginning|start|middle)\s+of|(?:end|beginning|start|middle)\s+of"


def _r(name: str, pattern: str, build, priority: int = 0, flags: int = 0) -> Rule:
    return Rule(name, re.compile(pattern, flags), build, priority)


RULES: list[Rule] = [
    # --- calendar dates
    _r("en_month_day", rf"\b(?:(?P<wd>{_WD_ALT}),?\s+)?{MON()}\s+{DAYNUM}(?!\d|:)(?:,?\s+{YEAR}\b)?", one(_b_cal), 5),
    _r("en_day_month", rf"\b(?:(?P<wd>{_WD_ALT}),?\s+)?(?:the\s+)?{DAYNUM}(?:\s+of)?\s+{MON()}(?:,?\s+{YEAR}\b)?", one(_b_cal), 5),
    _r("en_day_list", rf"\b{MON()}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|and|to|through)\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+{YEAR}\b)?",
       _b_day_list, 6),
    _r("en_numeric", r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])", one(_b_numeric), 4),
    _r("en_iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
       one(lambda m: Frame("DATE", "cal", year=int(m.group("y")), month=int(m.group("m")), day=int(m.group("d")))), 6),
    _r("en_month_year", rf"\b(?:(?:{_EDGE})[\s-]+)?{MON()},?\s+{YEAR}\b", one(lambda m: Frame("DATE", "cal", year=int(m.group("y")), month=_month(m.group("mon")))), 4, I),
    _r("en_edge_month", rf"\b(?:{_EDGE})[\s-]+{MON()}", one(_b_month), 3, 0),
    _r("en_month_prep", rf"\b(?:in|since|until|till|by|from|through|during|of|before|after|last|next|this|In|Since|Until|By|From|During|Before|After)\s+(?P<x>{MON()})(?!\s+\d)",
       one(lambda m: None if m.group("mon") == "May" and re.match(r"\s+(?:be|have|not|also|well)\b", m.string[m.end():m.end() + 6]) else _b_month(m)), 2),
    _r("en_year_word", rf"\b(?:the\s+)?(?:year|fiscal\s+year)\s+{YEAR}\b", one(_b_year_edge), 3, I),
    _r("en_edge_year", rf"\b(?:{_EDGE})[\s-]+{YEAR}\b", one(_b_year_edge), 3, I),
    _r("en_year", rf"(?<![\w.,/$-]){YEAR}(?![\w/]|[.,]\d|-\d)", one(_b_year), 1),
    _r("en_year_pair", r"(?<![\w.,])(?P<a>1[0-9]\d\d|20\d\d)\s*(?:-|–|to)\s*(?P<b>1[0-9]\d\d|20\d\d)(?![\w.,/])",
       lambda m: [(m.start("a"), m.end("a"), Frame("DATE", "cal", year=int(m.group("a")))),
                  (m.start("b"), m.end("b"), Frame("DATE", "cal", year=int(m.group("b"))))] if int(m.group("a")) < int(m.group("b")) else [], 2),
    _r("en_decade", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<c>1\d|20)(?P<d>\d)0s|'(?P<d2>\d)0s)\b",
       one(lambda m: Frame("DATE", "decade", value=f"{m.group('c') or '19'}{m.group('d') or m.group('d2')}")), 4, I),
    _r("en_century", rf"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(_ORD_WORDS)})\s+century\b",
       one(_b_century), 4, I),
    _r("en_quarter", rf"\b(?:the\s+)?(?:(?P<mod>{_MODW})\s+)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<u>quarter|half)(?:\s+of)?(?:\s+{YEAR}\b)?",
       one(_b_quarter), 4, I),
    _r("en_quarter_q", rf"\b(?P<o>Q[1-4])(?P<u>)\s*{YEAR}\b", one(lambda m: Frame("DATE", "cal", year=int(m.group("y")), part=m.group("o").upper())), 4),
    _r("en_season", rf"\b(?:(?P<mod>{_MODW})\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{YEAR}\b)?",
       one(lambda m: None if m.group("s").lower() == "fall" and not (m.group("mod") or m.group("y") or re.search(
           r"(?i)\b(?:the|in|this|last|next|early|late)\s+$", m.string[max(0, m.start() - 7):m.start()])) else _b_season(m)), 2, I),
    _r("en_feast", rf"\b(?P<f>Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|Independence\s+Day|"
       rf"Valentine['’]s\s+Day|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Pentecost|Whitsun)(?:\s+{YEAR}\b)?", one(_b_feast), 2),
    # --- relative
    _r("en_reld_pod", r"\b(?P<w>today|yesterday|tomorrow)\s+(?P<p>morning|afternoon|evening|night)\b", one(_b_reld), 5, I),
    _r("en_last_night", r"\b(?:last\s+night)\b", one(lambda m: Frame("TIME", "reld", offset=-1, pod="NI")), 5, I),
    _r("en_this_pod", r"\bthis\s+(?P<p>morning|afternoon|evening)\b", one(_b_this_pod), 5, I),
    _r("en_reld", r"\b(?P<w>today|yesterday|tomorrow|tonight)\b(?!['’]s\s+(?:world|society|youth|children|generation))",
       one(lambda m: Frame("DATE", "literal", value="PRESENT_REF") if m.group("w").lower() == "today" and re.search(
           r"(?i)\b(?:until|to|till|still)\s+$", m.string[max(0, m.start() - 7):m.start()]) else _b_reld(m)), 3, I),
    _r("en_weekday_set", rf"\b(?:every|each)\s+(?P<wd>{_WD_ALT})\b", one(_b_weekday_set), 5, I),
    _r("en_weekday_adv", rf"\b(?P<wd>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b", one(_b_weekday_set), 3),
    _r("en_weekday", rf"\b(?:(?P<mod>last|next|this|past|coming)\s+)?(?P<wd>{_WD_ALT})(?:\s+(?P<p>morning|afternoon|evening|night))?\b",
       one(_b_weekday), 3),
    _r("en_relunit", rf"\b(?P<mod>{_MODW})\s+(?P<u>week|weekend|month|year|quarter)\b(?!s)", one(_b_relunit), 4, I),
    _r("en_edge_unit", rf"\b(?:(?P<e>earlier|later)\s+(?P<mod>this|next|last)|(?:{_EDGE})\s+(?:the\s+)?(?P<mod2>this|next|last|the)?)\s*(?P<u>week|month|year)\b(?!s)",
       one(lambda m: _b_edge_unit(m) if m.group("mod") or True else None), 5, I),
    _r("en_weekend", r"\b(?:the\s+)?weekend\b(?!s)", one(lambda m: Frame("DATE", "relunit", unit="weekend", offset=0)), 2, I),
    _r("en_ago", rf"\b{NUM}\s+{UNIT_RE}\s+ago\b", one(_b_ago), 5, I),
    _r("en_ago_vague", r"\b(?:(?:a\s+few|few|several|many|some)\s+)?(?:days|weeks|months|years|decades)\s+ago\b|\b(?:a\s+while|long)\s+ago\b",
       _literal("DATE", "PAST_REF"), 4, I),
    _r("en_anchor_day", r"\b(?P<w>the\s+(?:day|night)\s+before|the\s+(?:next|following)\s+day|the\s+previous\s+day|the\s+day\s+after|that\s+day|the\s+same\s+day)\b",
       one(lambda m: Frame("DATE", "anchor_day", offset=-1 if re.search("before|previous", m.group("w"), I) else
                           1 if re.search("next|following|after", m.group("w"), I) else 0)), 4, I),
    # --- references
    _r("en_present", r"\b(?:now|currently|at\s+present|nowadays|these\s+days|at\s+the\s+moment|presently)\b(?!\s+that\b)", _literal("DATE", "PRESENT_REF"), 2, I),
    _r("en_past", r"\b(?:recently|lately|formerly|previously|in\s+the\s+past|once\s+upon\s+a\s+time)\b", _literal("DATE", "PAST_REF"), 2, I),
    _r("en_future", r"\b(?:in\s+the\s+(?:near\s+)?future|soon|in\s+the\s+coming\s+(?:days|weeks|months|years))\b", _literal("DATE", "FUTURE_REF"), 3, I),
    # --- durations
    _r("en_duration", rf"\b(?:(?:about|around|nearly|almost|some|over|more\s+than|less\s+than|at\s+least|roughly|approximately|just|only)\s+)?"
       rf"(?:the\s+(?:past|last|next|first|previous|coming|following)\s+)?{NUM}[\s-]+(?:(?:full|long|whole)\s+)?{UNIT_RE}(?:-long)?\b", one(_b_duration), 3, I),
    _r("en_duration_vague", rf"\b(?:(?:{VAGUE})\s+){UNIT_RE}\b", one(_b_vague_duration), 3, I),
    _r("en_duration_plural", r"\b(?:for|over|after|in)\s+(?P<x>(?P<u>days|weeks|months|years|decades))\b(?!\s+ago)", one(_b_vague_duration), 2, I),
    _r("en_duration_past", r"\bthe\s+(?:past|last)\s+(?P<u>week|month|year|decade)\b", one(lambda m: Frame("DURATION", "literal", value=duration_value(1, m.group("u")))), 4, I),
    # --- sets
    _r("en_set_adv", r"\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly)\b",
       one(lambda m: Frame("SET", "literal", value={"d": "P1D", "w": "P1W", "m": "P1M", "a": "P1Y", "y": "P1Y", "h": "PT1H", "n": "P1D"}[m.group("w").lower()[0]])), 2, I),
    _r("en_set_every", rf"\b(?:every|each)\s+(?:(?P<n>other|two|three|four|five|\d+)\s+)?{UNIT_RE}\b",
       one(lambda m: Frame("SET", "literal", value=duration_value(2 if (m.group("n") or "").lower() == "other" else (_num(m.group("n")) if m.group("n") else 1), m.group("u")))), 4, I),
    _r("en_set_per", r"\b(?:per|a)\s+(?P<u>day|week|month|year)\b(?!\s+(?:ago|earlier|later|before|after))",
       one(lambda m: None if m.group(0).lower().startswith("a ") and not re.search(
           r"(?i)(?:\d|times|once|twice|dollars|euros|million|billion)\s*$", m.string[max(0, m.start() - 12):m.start()])
           else Frame("SET", "literal", value=duration_value(1, m.group("u")))), 2, I),
    _r("en_set_times", r"\b(?:once|twice|\w+\s+times)\s+(?:a|per)\s+(?P<u>day|week|month|year)\b",
       one(lambda m: Frame("SET", "literal", value=duration_value(1, m.group("u")))), 4, I),
    # --- times
    _r("en_time", r"\b(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)", one(_b_time), 5),
    _r("en_time_colon", r"\b(?:at|from|until|to|by|around|before|after)\s+(?P<x>(?P<h>\d{1,2}):(?P<mi>\d{2}))(?P<ap>)(?![:\d])", one(_b_time), 4),
    _r("en_time_oclock", r"\b(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b",
       one(lambda m: Frame("TIME", "time", hour=int(_num(m.group("h")) or 0), minute=0)), 5, I),
    _r("en_noon", r"\b(?:at\s+)?(?P<x>noon|midnight)\b", one(lambda m: Frame("TIME", "time", hour=12 if m.group("x").lower() == "noon" else 0, minute=0)), 3, I),
    _r("en_pod", r"\b(?:in|during|on|by|that|the)\s+(?P<x>(?:the\s+)?(?:early\s+|late\s+)?(?P<p>morning|afternoon|evening|night))\b(?!\s+of\b)",
       one(_b_pod), 2, I),
    # --- eras
    _r("en_era", rf"(?:\b(?:[Dd]uring|[Ii]n|[Ss]ince|[Aa]t)\s+)?(?:(?:the|a)\s+)?(?P<e>{_ERA_ALT})", _b_era, 7),
]

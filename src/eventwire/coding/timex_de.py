"""German temporal expressions: lexicon, tense cues and patterns for ``eventwire.coding.dates``.

Extents follow the KRAUTS/It-TimeML guidelines: prepositions stay out ("am *Dienstag*",
"im *Jahr 1991*"), articles, modifiers and quantifiers stay in ("*den vergangenen Tagen*",
"*Anfang März*", "*rund 200 Stunden*"). Historical eras are the exception: their preposition is
kept ("*Während des Kalten Krieges*") because it says the event falls inside the era.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eventwire.coding.dates import Frame, Rule, one

__all__ = ["RULES", "FUTURE_CUES", "PAST_CUES", "ERA_PATTERNS", "MONTHS", "WEEKDAYS"]

MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "jan.": 1, "februar": 2, "feber": 2, "feb.": 2, "febr.": 2, "märz": 3,
    "mär.": 3, "april": 4, "apr.": 4, "mai": 5, "juni": 6, "jun.": 6, "juli": 7, "jul.": 7,
    "august": 8, "aug.": 8, "september": 9, "sept.": 9, "sep.": 9, "oktober": 10, "okt.": 10,
    "november": 11, "nov.": 11, "dezember": 12, "dez.": 12,
}
WEEKDAYS: dict[str, int] = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6,
}
PODS = {"morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF", "abend": "EV", "nacht": "NI"}
NUMBERS: dict[str, float] = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
    "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
    "siebzig": 70, "achtzig": 80, "neunzig": 90, "hundert": 100, "halb": 0.5, "halbe": 0.5,
    "halben": 0.5, "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5,
    "beiden": 2, "beide": 2,
}
VAGUE = r"wenige[n]?|einige[n]?|mehrere[n]?|viele[n]?|etliche[n]?|zahlreiche[n]?|ein\s+paar|paar"
ORDINALS = {"ersten": 1, "erste": 1, "zweiten": 2, "zweite": 2, "dritten": 3, "dritte": 3, "vierten": 4, "vierte": 4,
            "1.": 1, "2.": 2, "3.": 3, "4.": 4}
# unit stem -> (TimeML unit letter, is a time unit, multiplier)
UNITS = {
    "sekunde": ("S", True, 1), "minute": ("M", True, 1), "stunde": ("H", True, 1), "tag": ("D", False, 1),
    "arbeitstag": ("D", False, 1), "woche": ("W", False, 1), "monat": ("M", False, 1), "jahr": ("Y", False, 1),
    "jahrzehnt": ("Y", False, 10), "jahrhundert": ("Y", False, 100), "wochenende": ("WE", False, 1),
    "nacht": ("NI", True, 1), "nächte": ("NI", True, 1), "halbjahr": ("M", False, 6),
}
UNIT_RE = (
    r"(?P<u>Sekunde[n]?|Minute[n]?|Stunde[n]?|Arbeitstag(?:e|en|es)?|Tag(?:e|en|es)?|Woche[n]?|"
    r"Monat(?:e|en|s)?|Halbjahr(?:e|en|es)?|Jahrzehnt(?:e|en|s)?|Jahrhundert(?:e|en|s)?|Jahr(?:e|en|es)?|"
    r"Wochenende[n]?|Nacht|Nächte[n]?)"
)

_MONTH_ALT = (
    r"Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|"
    r"(?:Jan|Febr?|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\."
)


def MON(name: str = "mon") -> str:
    return rf"(?P<{name}>{_MONTH_ALT})(?![a-zäöüß])"


_WD_ALT = r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
_POD_ALT = r"morgen|vormittag|mittag|nachmittag|abend|nacht"
_NUM_ALT = "|".join(sorted((re.escape(k) for k in NUMBERS), key=len, reverse=True))
NUM = rf"(?P<n>\d+(?:,\d+)?|(?i:{_NUM_ALT}))"
YEAR = r"(?P<y>1[0-9]\d\d|20\d\d)"

I = re.IGNORECASE


def _month(s: str) -> int:
    return MONTHS[s.lower()]


def _num(s: str) -> float | None:
    s = s.strip().lower()
    if s in NUMBERS:
        return NUMBERS[s]
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def _unit(u: str) -> tuple[str, bool, int]:
    low = u.lower()
    for stem in sorted(UNITS, key=len, reverse=True):
        if low.startswith(stem[:-1] if stem.endswith("e") else stem):
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
        return f"PT{amount}NI" if n is not None else "PTXNI"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


def _mod_offset(mod: str | None) -> int | None:
    if not mod:
        return None
    low = mod.lower()
    if low.startswith(("vergangen", "letzt", "vorig", "zurückliegend")):
        return -1
    if low.startswith(("nächst", "kommend", "folgend")):
        return 1
    if low.startswith(("dies", "laufend", "heurig", "aktuell")):
        return 0
    return None


def _year_ok(m: re.Match[str]) -> bool:
    """A bare four-digit number reads as a year unless the words around say it counts something."""
    text = m.string
    before = text[max(0, m.start() - 12):m.start()]
    after = text[m.end():m.end() + 20]
    if re.match(r"\s*(?:[.,]\d|/\d|%|\s*Prozent|\s*(?:Euro|€|Dollar|Franken|Lire|Meter|m\b|km|Kilo|Tonnen|Liter|"
                r"Stunden|Minuten|Menschen|Personen|Besucher|Einwohner|Mitglieder|Teilnehmer|Schüler|Stück|"
                r"Quadrat|Kubik|Höhenmeter|Punkte|Mal\b|Exemplare|Arbeitsplätze|Seiten|Hektar|PS\b|Grad))", after):
        return False
    if re.match(r"\s*(?:bis|-|–)\s*\d+\s+[A-ZÄÖÜa-z]", after) and not re.match(r"\s*(?:bis|-|–)\s*(?:1[0-9]|20)\d\d\b", after):
        return False
    if int(m.group("y")) < 1800 and not re.search(r"(?i)\b(?:im|seit|ab|bis|von|vor|nach|um|Jahr|Jahre)\s+$", before):
        return False
    if re.search(r"(?:Nr\.?|Nummer|Tel\.?|PLZ|€|\$|-|\d[.,])\s*$", before):
        return False
    if re.search(r"(?i)\b(?:im|seit|ab|bis|von|vom|vor|nach|um|bereits|schon|erst|noch|zwischen|und|oder|Ende|Anfang|"
                 r"Mitte|Beginn|Herbst|Frühjahr|Sommer|Winter|Frühling|Saison|Jahr|Jahres|Jahren|Jänner|Januar)\s+$", before):
        return True
    # a capitalised word right after a bare number is usually what it counts ("2000 Bäume")
    if re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]+", after) and not re.match(r"\s+(?:" + _MONTH_ALT + r")", after):
        return False
    return True


def _pod(word: str | None) -> str | None:
    if not word:
        return None
    return PODS.get(word.lower().removeprefix("frühen ").removeprefix("späten ").strip())


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def _b_day_month(m: re.Match[str]) -> Frame | None:
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    y = int(m.group("y")) if m.group("y") else None
    return Frame("DATE", "cal", year=y, month=_month(m.group("mon")), day=d)


def _b_numeric(m: re.Match[str]) -> Frame | None:
    d, mo = int(m.group("d")), int(m.group("m"))
    ys = m.group("y")
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    if not ys:
        if not re.search(r"(?i)\b(?:am|vom|bis|zum|ab|seit|dem|den)\s*$", m.string[max(0, m.start() - 6):m.start()]):
            return None
        y = None
    else:
        y = int(ys)
        if y < 100:
            y += 2000 if y <= 40 else 1900
    return Frame("DATE", "cal", year=y, month=mo, day=d)


def _b_day_range(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    mo = _month(m.group("mon"))
    y = int(m.group("y")) if m.group("y") else None
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31):
        return []
    return [
        (m.start("r1"), m.end("r1"), Frame("DATE", "cal", year=y, month=mo, day=d1)),
        (m.start("r2"), m.end(), Frame("DATE", "cal", year=y, month=mo, day=d2)),
    ]


def _b_month_year(m: re.Match[str]) -> Frame:
    return Frame("DATE", "cal", year=int(m.group("y")), month=_month(m.group("mon")))


def _b_month(m: re.Match[str]) -> Frame:
    return Frame("DATE", "cal", month=_month(m.group("mon")))


def _b_month_rel(m: re.Match[str]) -> Frame | None:
    off = _mod_offset(m.group("mod"))
    if off is None:
        return None
    return Frame("DATE", "yearrel", month=_month(m.group("mon")), offset=off)


def _b_year(m: re.Match[str]) -> Frame | None:
    if not _year_ok(m):
        return None
    return Frame("DATE", "cal", year=int(m.group("y")))


def _b_year_word(m: re.Match[str]) -> Frame:
    return Frame("DATE", "cal", year=int(m.group("y")))


def _b_decade(m: re.Match[str]) -> Frame:
    century = m.group("c") or "19"
    return Frame("DATE", "decade", value=f"{century}{m.group('d')}")


def _b_century(m: re.Match[str]) -> Frame | None:
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    return Frame("DATE", "century", value=f"{n - 1:02d}")


_RELD = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2, "heutigen": 0}


def _b_reld(m: re.Match[str]) -> Frame:
    word = m.group("w").lower()
    pod = _pod(m.group("p")) if "p" in m.re.groupindex else None
    return Frame("TIME" if pod else "DATE", "reld", offset=_RELD[word], pod=pod)


def _b_morgen(m: re.Match[str]) -> Frame | None:
    """'morgen' is tomorrow; capitalised 'Morgen' only at the start of a sentence (else: the morning)."""
    word = m.group("w")
    if word == "Morgen":
        before = m.string[max(0, m.start() - 3):m.start()]
        if m.start() > 0 and not re.search(r"(?:^|[.!?:\"„]\s*|\n)$", before):
            return None
    return Frame("DATE", "reld", offset=1)


def _b_weekday(m: re.Match[str]) -> Frame:
    wd = WEEKDAYS[m.group("wd").lower()]
    pod = _pod(m.group("p"))
    mod = m.group("mod")
    direction = _mod_offset(mod)
    return Frame("TIME" if pod else "DATE", "weekday", weekday=wd, pod=pod, direction=direction)


def _b_weekday_set(m: re.Match[str]) -> Frame:
    wd = WEEKDAYS[m.group("wd").lower().rstrip("s")]
    pod = _pod(m.group("p")) if "p" in m.re.groupindex else None
    return Frame("SET", "literal", value=f"XXXX-WXX-{wd + 1}" + (f"-T{pod}" if pod else ""))


def _b_relunit(m: re.Match[str]) -> Frame | None:
    off = _mod_offset(m.group("mod"))
    if off is None:
        return None
    u = m.group("u").lower()
    unit = ("weekend" if u.startswith("wochenende") else "week" if u.startswith("woche") else
            "month" if u.startswith("monat") else "quarter" if u.startswith("quartal") else "year")
    return Frame("DATE", "relunit", unit=unit, offset=off, direction=off)


def _b_prev(m: re.Match[str]) -> Frame:
    u = m.group("u").lower()
    unit = "week" if u.startswith("vorwoche") else "month" if u.startswith("vormonat") else "year"
    return Frame("DATE", "relunit", unit=unit, offset=-1, direction=-1)


def _b_weekend(m: re.Match[str]) -> Frame:
    return Frame("DATE", "relunit", unit="weekend", offset=0)


def _b_edge(m: re.Match[str]) -> Frame:
    """'Anfang/Mitte/Ende der Woche / des Monats / des Jahres' (of the current one, or a modified one)."""
    u = m.group("u").lower()
    off = _mod_offset(m.group("mod")) or 0
    unit = "week" if u.startswith("woche") else "month" if u.startswith("monat") else "year"
    return Frame("DATE", "relunit", unit=unit, offset=off, direction=off if m.group("mod") else None)


def _b_ago(m: re.Match[str]) -> Frame | None:
    n = _num(m.group("n"))
    if n is None or not float(n).is_integer():
        return None
    u = m.group("u").lower()
    unit = ("day" if u.startswith("tag") else "week" if u.startswith("woche") else "month" if u.startswith("monat")
            else "decade" if u.startswith("jahrzehnt") else "year")
    return Frame("DATE", "ago", unit=unit, offset=-int(n))


_AGE_AFTER = re.compile(r"\s+(?:alt|alte[nmrs]?|jünger|älter|jüngere[nmrs]?|ältere[nmrs]?|noch\s+nicht|vollendet)\b")
_AGE_BEFORE = re.compile(r"(?i)\b(?:ab|unter|zwischen\s+\S+\s+und|Kinder\s+von|im\s+Alter\s+von)\s+$")


def _is_age(m: re.Match[str]) -> bool:
    """'16 Jahre alt', 'ab 16 Jahren', 'zwischen sechs und elf Jahren': an age, not a duration."""
    if not m.group("u").lower().startswith("jahr"):
        return False
    return bool(_AGE_AFTER.match(m.string, m.end()) or _AGE_BEFORE.search(m.string[max(0, m.start() - 30):m.start()]))


def _b_duration(m: re.Match[str]) -> Frame | None:
    if _is_age(m):
        return None
    n = _num(m.group("n"))
    if n is None or n > 10000:
        return None
    return Frame("DURATION", "literal", value=duration_value(n, m.group("u")))


def _b_vague_duration(m: re.Match[str]) -> Frame:
    return Frame("DURATION", "literal", value=duration_value(None, m.group("u")))


def _b_adj_duration(m: re.Match[str]) -> Frame | None:
    n = _num(m.group("n"))
    stem = m.group("u").lower()
    unit = {"täg": "Tag", "wöch": "Woche", "monat": "Monat", "jähr": "Jahr", "stünd": "Stunde", "minüt": "Minute"}
    word = next((v for k, v in unit.items() if stem.startswith(k)), None)
    if n is None or word is None:
        return None
    return Frame("DURATION", "literal", value=duration_value(n, word))


def _literal(typ: str, value: str) -> Callable:
    return one(lambda m: Frame(typ, "literal", value=value))


def _b_set_unit(m: re.Match[str]) -> Frame:
    n = _num(m.group("n")) if "n" in m.re.groupindex and m.group("n") else 1
    return Frame("SET", "literal", value=duration_value(n, m.group("u")))


def _b_quarter(m: re.Match[str]) -> Frame:
    q = ORDINALS[m.group("o").lower()]
    half = m.group("u").lower().startswith(("halb", "jahresh"))
    part = f"H{min(q, 2)}" if half else f"Q{q}"
    y = int(m.group("y")) if m.group("y") else None
    if y is None and m.group("mod"):
        return Frame("DATE", "yearrel", part=part, offset=_mod_offset(m.group("mod")) or 0)
    return Frame("DATE", "cal", year=y, part=part)


SEASONS = {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}


def _b_season(m: re.Match[str]) -> Frame:
    part = SEASONS[re.sub(r"(?:e?s)$", "", m.group("s").lower()) if m.group("s").lower() not in SEASONS else m.group("s").lower()]
    if m.group("y"):
        return Frame("DATE", "cal", year=int(m.group("y")), part=part)
    off = _mod_offset(m.group("mod"))
    if off is not None:
        return Frame("DATE", "yearrel", part=part, offset=off)
    return Frame("DATE", "cal", part=part)


def _b_time(m: re.Match[str]) -> Frame | None:
    h = int(m.group("h"))
    mi = m.group("mi") or (m.group("mi2") if "mi2" in m.re.groupindex else None)
    mi = int(mi) if mi else 0
    if h > 24 or mi > 59:
        return None
    return Frame("TIME", "time", hour=h, minute=mi)


def _b_time_range(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    out = []
    for h, mi, span in (("h1", "m1", (m.start("r1"), m.end("r1"))), ("h2", "m2", (m.start("r2"), m.end()))):
        hh = int(m.group(h))
        mm = int(m.group(mi)) if m.group(mi) else 0
        if hh > 24 or mm > 59:
            return []
        out.append((span[0], span[1], Frame("TIME", "time", hour=hh, minute=mm)))
    return out


def _b_pod(m: re.Match[str]) -> Frame | None:
    pod = _pod(m.group("p"))
    return Frame("TIME", "pod", pod=pod) if pod else None


def _b_pod_adv(m: re.Match[str]) -> Frame:
    word = m.group("p").lower().rstrip("s")
    return Frame("TIME", "pod", pod=PODS.get(word, "EV"))


_FEASTS = {
    "weihnachten": (12, 25), "christtag": (12, 25), "stephanstag": (12, 26), "stefanitag": (12, 26),
    "heiligabend": (12, 24), "heiligen abend": (12, 24), "silvester": (12, 31), "neujahr": (1, 1),
    "neujahrstag": (1, 1), "dreikönig": (1, 6), "allerheiligen": (11, 1), "allerseelen": (11, 2),
    "mariä himmelfahrt": (8, 15), "ferragosto": (8, 15), "tag der deutschen einheit": (10, 3),
    "valentinstag": (2, 14), "nikolaus": (12, 6), "nikolaustag": (12, 6),
}
_EASTER = {"ostern": 0, "ostersonntag": 0, "ostermontag": 1, "karfreitag": -2, "pfingsten": 49, "pfingstsonntag": 49,
           "pfingstmontag": 50, "christi himmelfahrt": 39, "fronleichnam": 60, "aschermittwoch": -46}


def _b_feast(m: re.Match[str]) -> Frame:
    name = re.sub(r"\s+", " ", m.group("f").lower())
    name = re.sub(r"(?:s|es)$", "", name) if name not in _FEASTS and name not in _EASTER else name
    y = int(m.group("y")) if m.group("y") else None
    if name in _EASTER:
        return Frame("DATE", "easter", offset=_EASTER[name], year=y)
    mo, d = _FEASTS.get(name, (None, None))
    if mo is None:
        return Frame("DATE", "literal", value="XXXX-XX-XX")
    return Frame("DATE", "cal", year=y, month=mo, day=d)


def _b_day_list(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    """'am 3., 4. und 7. Oktober', 'am 16. und 17. sowie am 23. und 24. Jänner': one date per day."""
    mo = _month(m.group("mon"))
    y = int(m.group("y")) if m.group("y") else None
    out = []
    for d in re.finditer(r"\d{1,2}", m.group("list")):
        day = int(d.group())
        if 1 <= day <= 31:
            out.append((m.start("list") + d.start(), m.start("list") + d.end(), Frame("DATE", "cal", year=y, month=mo, day=day)))
    last = int(m.group("d"))
    if 1 <= last <= 31:
        out.append((m.start("d"), m.end(), Frame("DATE", "cal", year=y, month=mo, day=last)))
    return out


def _b_pod_date(m: re.Match[str]) -> Frame | None:
    d = int(m.group("d"))
    pod = _pod(m.group("p"))
    if not 1 <= d <= 31 or pod is None:
        return None
    y = int(m.group("y")) if m.group("y") else None
    return Frame("TIME", "cal", year=y, month=_month(m.group("mon")), day=d, pod=pod)


def _b_time_pod(m: re.Match[str]) -> Frame | None:
    f = _b_time(m)
    if f is None:
        return None
    suffix = (m.group("s") or "").lower()
    if f.hour is not None and f.hour < 12 and suffix.startswith(("abend", "nachmittag", "nacht")) and f.hour >= 5:
        f.hour += 12
    return f


def _b_duration_range(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    if _is_age(m):
        return []
    a, b = _num(m.group("n0")), _num(m.group("n"))
    if a is None or b is None:
        return []
    return [
        (m.start("n0"), m.end("n0"), Frame("DURATION", "literal", value=duration_value(a, m.group("u")))),
        (m.start("n"), m.end(), Frame("DURATION", "literal", value=duration_value(b, m.group("u")))),
    ]


def _b_year_pair(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    a, b = int(m.group("a")), int(m.group("b"))
    if not a < b <= a + 200:
        return []
    return [(m.start("a"), m.end("a"), Frame("DATE", "cal", year=a)), (m.start("b"), m.end("b"), Frame("DATE", "cal", year=b))]


def _b_heute(m: re.Match[str]) -> Frame:
    """'heute' is the report's day, but 'bis heute', 'auch heute noch', 'wie wir heute wissen' mean nowadays."""
    text = m.string
    before = text[max(0, m.start() - 12):m.start()].lower()
    after = text[m.end():m.end() + 12].lower()
    if (re.search(r"\b(?:bis|noch|auch|schon)\s+$", before) or re.match(r"\s+(?:noch|wissen|würde|wäre|gilt|gelten)\b", after)
            or re.search(r"\bwie\s+(?:wir|man)\s+$", before)):
        return Frame("DATE", "literal", value="PRESENT_REF")
    return Frame("DATE", "reld", offset=0)


# --------------------------------------------------------------------------------------------
# Eras
# --------------------------------------------------------------------------------------------

_ERA_NAMES: list[tuple[str, str]] = [
    (r"Kalte[nr]?\s+Krieg(?:e?s)?", "cold_war"),
    (r"Zweite[nr]?\s+Weltkrieg(?:e?s)?|II\.\s+Weltkrieg(?:e?s)?", "ww2"),
    (r"Erste[nr]?\s+Weltkrieg(?:e?s)?|I\.\s+Weltkrieg(?:e?s)?", "ww1"),
    (r"Sowjetzeit(?:en)?|Sowjet-?[ÄE]ra|sowjetischen\s+Zeit(?:en)?|Zeit(?:en)?\s+der\s+Sowjetunion|UdSSR-Zeit(?:en)?", "soviet"),
    (r"NS-Zeit|Nazi-?[Zz]eit|Nazi-?Diktatur|NS-Diktatur|Dritten\s+Reich(?:e?s)?|Drittes\s+Reich", "nazi"),
    (r"Weimarer\s+Republik", "weimar"),
    (r"DDR-Zeit(?:en)?|Zeit(?:en)?\s+der\s+DDR", "gdr"),
    (r"Koreakrieg(?:e?s)?", "korean_war"),
    (r"Vietnamkrieg(?:e?s)?", "vietnam_war"),
    (r"Zwischenkriegszeit", "interwar"),
    (r"Jugoslawien-?[Kk]riege?(?:n|s)?|Balkankriege?(?:n|s)?", "yugoslav_wars"),
]
ERA_PATTERNS = [(re.compile(p), key) for p, key in _ERA_NAMES]


def _b_era(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
    name = m.group("e")
    key = next(k for p, k in ERA_PATTERNS if p.fullmatch(name))
    return [(m.start(), m.end(), Frame("DATE", "era", era=key))]


_ERA_ALT = "|".join(f"(?:{p})" for p, _ in _ERA_NAMES)

# --------------------------------------------------------------------------------------------
# Tense cues (the nearest one in the sentence decides whether a weekday looks back or ahead)
# --------------------------------------------------------------------------------------------

FUTURE_CUES = re.compile(
    r"\b(?:wird|werden|werde|wirst|(?:soll|sollen|solle)(?![^.,;:]{0,80}\b(?:haben|sein|worden)\b)|geplant|plant|planen|vorgesehen|stattfinden|findet|"
    r"beginnt|beginnen|startet|starten|bevorstehend\w*|anstehend\w*|steht|stehen|erwartet|kommende[nrms]?)\b"
)
PAST_CUES = re.compile(
    r"\b(?:war|waren|wurde|wurden|worden|hatte|hatten|gewesen|konnte|konnten|musste|mussten|durfte|durften|"
    r"wollte|wollten|sagte|sagten|meldete|meldeten|berichtete|berichteten|erklärte|erklärten|teilte|teilten|"
    r"gab|gaben|kam|kamen|ging|gingen|fand|fanden|stand|standen|starb|starben|fiel|fielen|lag|lagen|"
    r"(?:ab|an|auf|aus|bei|ein|fest|fort|her|hin|los|mit|nach|vor|weg|zu|zurück|zusammen|statt|teil|durch|um|"
    r"über|heraus|herein)?ge(?![a-zäöüß]*(?:lich|sam|isch|ig|samt|nau|ring|wiss|recht|heim)(?:e|en|t)?\b)[a-zäöüß]{2,}(?:t|en))\b"
)

# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------

_ART = r"(?:(?:der|die|das|den|dem|des)\s+)?"
_MODW = r"vergangene[nrms]?|letzte[nrms]?|vorige[nrms]?|diese[nrms]?|nächste[nrms]?|kommende[nrms]?|laufende[nrms]?|heurige[nrms]?|folgende[nrms]?"
_EDGE = r"Anfang|Mitte|Ende|Beginn|Anfangs|Ausgang"


def _r(name: str, pattern: str, build, priority: int = 0, flags: int = 0) -> Rule:
    return Rule(name, re.compile(pattern, flags), build, priority)


RULES: list[Rule] = [
    # --- calendar dates
    _r("de_day_month", rf"\b(?:(?P<wd>{_WD_ALT}),?\s+(?:(?:den|dem)\s+)?)?(?P<d>\d{{1,2}})\.\s*{MON()}(?:\s+{YEAR}\b)?",
       one(_b_day_month), 5),
    _r("de_numeric", rf"(?<![\d.])(?:(?P<wd>{_WD_ALT}),?\s+)?(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.(?:\s?(?P<y>\d{{4}}|\d{{2}})(?![\d.]))?",
       one(_b_numeric), 4),
    _r("de_day_range", rf"\b(?P<r1>(?P<d1>\d{{1,2}})\.?)\s*(?:bis|und|-|–|/)\s*(?:zum\s+)?(?P<r2>(?P<d2>\d{{1,2}}))\.\s*{MON()}(?:\s+{YEAR}\b)?",
       _b_day_range, 6),
    _r("de_day_list", rf"\b(?P<list>(?:\d{{1,2}}\.\s*(?:,\s*(?:und\s+)?|und\s+|bis\s+|sowie\s+(?:am\s+|vom\s+)?|-\s*|–\s*)(?:(?:am|vom|zum)\s+)?)+)"
       rf"(?P<d>\d{{1,2}})\.\s*{MON()}(?:\s+{YEAR}\b)?", _b_day_list, 7),
    _r("de_pod_date", rf"\b(?:(?:frühen|späten|selben|gleichen)\s+)?(?P<p>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht)\s+(?:des|vom)\s+(?P<d>\d{{1,2}})\.\s*{MON()}(?:\s+{YEAR}\b)?",
       one(_b_pod_date), 6),
    _r("de_year_pair", r"(?<![\w.,])(?P<a>1[0-9]\d\d|20\d\d)\s*(?:/|-|–|bis)\s*(?P<b>1[0-9]\d\d|20\d\d)(?![\w.,/])", _b_year_pair, 2),
    _r("de_iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b",
       one(lambda m: Frame("DATE", "cal", year=int(m.group("y")), month=int(m.group("m")), day=int(m.group("d")))), 6),
    _r("de_month_year", rf"\b(?:(?:{_EDGE})\s+)?{MON()}\s+{YEAR}\b", one(_b_month_year), 4),
    _r("de_edge_month", rf"\b(?:{_EDGE})\s+{MON()}(?![\w.])", one(_b_month), 3),
    _r("de_month_prep", rf"\b(?:[Ii]m|[Ss]eit|[Aa]b|[Bb]is|[Vv]om|[Zz]um|[Ii]n\s+den|Monat(?:s|en)?|des|[Üü]ber)\s+(?P<x>{MON()})(?![\w.])(?!\s+\d)",
       one(_b_month), 2),
    _r("de_month_rel", rf"\b{MON()}\s+(?P<mod>{_MODW})\s+Jahres\b", one(_b_month_rel), 5),
    _r("de_year_word", rf"\b{_ART}(?:Jahr(?:e|es)?|Jahreswende|Wahljahr)\s+{YEAR}\b", one(_b_year_word), 3),
    _r("de_edge_year", rf"\b(?:{_EDGE})\s+{YEAR}\b(?![.,]\d)", one(_b_year_word), 3),
    _r("de_year", rf"(?<![\w.,/-]){YEAR}(?![\w/]|[.,]\d)", one(_b_year), 1),
    _r("de_decade", r"\b(?:(?:der|die|den|dem|des)\s+)?(?:(?:frühen|späten|ausgehenden)\s+)?(?:(?P<c>1\d|20)?(?P<d>\d)0)er(?:-|\s)?[Jj]ahre[n]?\b",
       one(_b_decade), 4),
    _r("de_century", rf"\b{_ART}(?P<n>\d{{1,2}})\.\s*Jahrhundert(?:s)?\b", one(_b_century), 4),
    _r("de_quarter", rf"\b{_ART}(?:(?P<mod>{_MODW})\s+)?(?P<o>ersten|zweiten|dritten|vierten|erste|zweite|dritte|vierte|[1-4]\.)\s*(?P<u>Quartal|Halbjahr|Jahreshälfte)(?:e?s)?(?:\s+{YEAR}\b)?",
       one(_b_quarter), 4),
    _r("de_season", rf"\b(?:(?P<mod>{_MODW})\s+)?(?P<s>Frühjahr|Frühling|Sommer|Herbst|Winter)(?:e?s)?(?:\s+{YEAR}\b)?(?![\w-])",
       one(_b_season), 2),
    _r("de_feast", rf"\b(?P<f>Weihnachten|Christtag|Stephanstag|Stefanitag|Heiligabend|Heiligen\s+Abend|Silvester|Neujahr(?:stag)?|Dreikönig|"
       rf"Allerheiligen|Allerseelen|Mariä\s+Himmelfahrt|Ferragosto|Tag\s+der\s+Deutschen\s+Einheit|Valentinstag|Nikolaustag|"
       rf"Ostern|Ostersonntag|Ostermontag|Karfreitag|Pfingsten|Pfingstsonntag|Pfingstmontag|Christi\s+Himmelfahrt|Fronleichnam|Aschermittwoch)"
       rf"(?:\s+{YEAR}\b)?(?![\w-])", one(_b_feast), 2),
    # --- relative days, weekdays, weeks, months, years
    _r("de_reld_pod", rf"\b(?P<w>[Hh]eute|[Gg]estern|[Vv]orgestern)\s+(?P<p>[Mm]orgen|[Vv]ormittag|[Mm]ittag|[Nn]achmittag|[Aa]bend|[Nn]acht|früh)\b",
       one(_b_reld), 5),
    _r("de_reld", r"\b(?P<w>[Gg]estern|[Vv]orgestern|[Üü]bermorgen)\b", one(_b_reld), 3),
    _r("de_heute", r"\b[Hh]eute\b", one(_b_heute), 3),
    _r("de_anchor_day", r"\b(?:(?:am|vom)\s+)?(?P<x>(?P<w>Tag\s+(?:zuvor|davor|danach|darauf)|Vortag(?:es|s)?|Folgetag(?:es|s)?|tags\s+(?:zuvor|darauf)|"
       r"(?:diesem|selben|gleichen|demselben)\s+Tag))\b",
       one(lambda m: Frame("DATE", "anchor_day", offset=-1 if re.search("zuvor|davor|Vortag", m.group("w")) else
                           1 if re.search("danach|darauf|Folgetag", m.group("w")) else 0)), 4),
    _r("de_later", rf"\b{NUM}\s+(?P<u>Sekunde[n]?|Minute[n]?|Stunde[n]?)\s+(?:später|danach|zuvor|vorher|früher)\b",
       one(lambda m: Frame("TIME", "literal", value="XXXX-XX-XXTXX:XX")), 4),
    _r("de_morgen", r"\b(?P<w>[Mm]orgen)\b(?!\s*(?:früh|abend))", one(_b_morgen), 2),
    _r("de_adj_reld", r"\b(?P<w>gestrig|morgig)(?:e[nmrs]?)\b",
       one(lambda m: Frame("DATE", "reld", offset=-1 if m.group("w").startswith("g") else 1)), 2),
    _r("de_heuer", r"\b(?:[Hh]euer|diesjährig\w*|heurig\w*)\b(?!\s+(?:Woche|Monat|Jahr|Winter|Sommer|Herbst|Frühjahr|Frühling))",
       one(lambda m: Frame("DATE", "relunit", unit="year", offset=0)), 2),
    _r("de_weekday_set", rf"\b(?:jede[nmrs]?|an\s+allen)\s+(?:(?:zweiten|dritten|ersten|vierten|letzten)\s+)?(?P<wd>{_WD_ALT})(?P<p>{_POD_ALT})?\b",
       one(_b_weekday_set), 5),
    _r("de_weekday_adv", r"\b(?P<wd>montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags)\b", one(_b_weekday_set), 3),
    _r("de_weekday", rf"\b(?:(?P<mod>{_MODW})\s+)?(?P<wd>{_WD_ALT})(?P<p>{_POD_ALT})?(?:s)?\b", one(_b_weekday), 3),
    _r("de_relunit", rf"\b{_ART}(?P<mod>{_MODW})\s+(?P<u>Woche(?!n)|Wochenende(?!n)|Monat(?:s)?(?!en|e)|Jahr(?:es)?(?!en|e\b)|Quartal(?:s)?)\b",
       one(_b_relunit), 4),
    _r("de_prev", r"\b(?P<u>Vorjahr(?:es|s)?|Vormonat(?:s)?|Vorwoche)\b", one(_b_prev), 3),
    _r("de_weekend", r"\b(?P<u>Wochenende)\b", one(_b_weekend), 2),
    _r("de_edge_unit", rf"\b(?:{_EDGE})\s+(?:der|des|dieser|dieses)\s+(?:(?P<mod>{_MODW})\s+)?(?P<u>Woche|Monats|Jahres)\b(?!\s+\d)",
       one(_b_edge), 4),
    _r("de_ago", rf"\bvor\s+(?:(?:rund|etwa|gut|knapp|fast|über|mehr\s+als|genau)\s+)?{NUM}\s+(?P<u>Tage[n]?|Woche[n]?|Monate[n]?|Jahre[n]?|Jahrzehnte[n]?)\b",
       one(_b_ago), 5),
    _r("de_ago_vague", rf"\bvor\s+(?:(?:{VAGUE})\s+)?(?:Tagen|Wochen|Monaten|Jahren|Jahrzehnten|kurzem|kurzer\s+Zeit|längerer\s+Zeit|langer\s+Zeit)\b",
       _literal("DATE", "PAST_REF"), 4, I),
    # --- references
    _r("de_present", r"\b(?:[Jj]etzt|[Dd]erzeit|[Zz]urzeit|[Mm]omentan|[Gg]egenwärtig|[Hh]eutzutage|heutige[nmrs]?|derzeitige[nmrs]?|aktuelle[nmrs]?\s+Zeit)\b",
       _literal("DATE", "PRESENT_REF"), 2),
    _r("de_past", r"\b(?:[Kk]ürzlich|[Uu]nlängst|[Nn]eulich|[Dd]amals|[Ee]inst|[Vv]or\s+kurzem|[Vv]or\s+Kurzem)\b",
       _literal("DATE", "PAST_REF"), 2),
    _r("de_future", rf"\b(?:[Zz]ukünftig(?!e)|[Kk]ünftig(?!e)|(?<=\b[Ii]n\s)(?:der\s+)?(?:nahen\s+|nächsten\s+)?Zukunft|(?:die|den)\s+(?:kommenden|nächsten|folgenden)\s+(?:Tage|Wochen|Monate|Jahre|Jahrzehnte)n?)\b",
       _literal("DATE", "FUTURE_REF"), 3),
    # --- durations
    _r("de_duration", rf"\b(?:(?:rund|etwa|gut|knapp|fast|über|mehr\s+als|weniger\s+als|ungefähr|circa|ca\.|nahezu|mindestens|beinahe|genau|insgesamt)\s+)?"
       rf"(?:(?:die|den|der|des)\s+)?(?:(?:letzten|vergangenen|ersten|nächsten|kommenden|ganzen|weiteren|folgenden)\s+)?"
       rf"{NUM}\s+(?:(?!(?:über|unter|oder|aber|wieder|immer|mehr|weniger|weitere?|später|früher|lang)\b)[a-zäöüß]{{3,}}e[nrms]?\s+)?{UNIT_RE}\b", one(_b_duration), 3, 0),
    _r("de_duration_range", rf"\b(?P<n0>\d+|(?i:{_NUM_ALT}))\s*(?:bis|-|–|oder)\s*{NUM}\s+{UNIT_RE}\b", _b_duration_range, 4),
    _r("de_duration_vague", rf"\b(?:(?:die|den|der|des)\s+)?(?:(?:letzten|vergangenen|ersten|frühen|ganzen)\s+)?(?:{VAGUE})\s+{UNIT_RE}\b",
       one(_b_vague_duration), 3),
    _r("de_duration_past", r"\b(?P<x>(?:die|den|der|diesen)\s+(?:(?:letzten|vergangenen)\s+)?(?P<u>Tage[n]?|Wochen|Monate[n]?|Jahre[n]?|Jahrzehnte[n]?))\b",
       one(lambda m: None if m.group("x").lower().startswith("den") and not re.search("letzten|vergangenen", m.group("x"))
           and not re.search(r"(?i)\b(?:in|seit|während|nach|an)\s+$", m.string[max(0, m.start() - 10):m.start()]) else _b_vague_duration(m)), 2),
    _r("de_duration_since", r"\b(?:[Ss]eit|[Üü]ber|[Nn]ach)\s+(?P<x>(?P<u>Tagen|Wochen|Monaten|Jahren|Jahrzehnten|Jahre))\b",
       one(_b_vague_duration), 2),
    _r("de_duration_adj", rf"\b(?P<n>(?i:{_NUM_ALT})|\d+)-?(?P<u>täg|wöch|monat|jähr|stünd|minüt)ig(?:e[nmrs]?)?\b",
       one(lambda m: None if m.group("u").lower() == "jähr" and (m.group(0)[0].isupper() or "-" in m.group(0)) else _b_adj_duration(m)), 2, I),
    _r("de_duration_years", r"\b(?:jahrelang\w*|langjährig\w*|jahrzehntelang\w*|monatelang\w*|wochenlang\w*|tagelang\w*|stundenlang\w*)\b",
       one(lambda m: Frame("DURATION", "literal", value={"jahr": "PXY", "lang": "PXY", "jahrz": "PXDE", "mona": "PXM", "woch": "PXW",
                                                      "tage": "PXD", "stun": "PTXH"}.get(m.group(0).lower()[:5] if m.group(0).lower().startswith("jahrz") else m.group(0).lower()[:4], "PXY"))), 2, I),
    # --- sets
    _r("de_set_adv", r"\b(?P<w>(?:all)?täglich|wöchentlich|monatlich|(?:all)?jährlich|stündlich|alltäglich)\w*\b",
       one(lambda m: Frame("SET", "literal", value={"t": "P1D", "w": "P1W", "m": "P1M", "j": "P1Y", "s": "PT1H", "a": "P1D"}[
           m.group("w").lower().removeprefix("all")[0] if m.group("w").lower() != "alltäglich" else "a"] if not m.group("w").lower().startswith("alljähr") else "P1Y")), 2, I),
    _r("de_set_every", rf"\b(?:jede[nmrs]?|alle)\s+(?:(?P<n>zwei|drei|vier|fünf|\d+)\s+)?{UNIT_RE}\b", one(_b_set_unit), 4),
    _r("de_set_in", r"\b(?P<x>(?:im|pro|je)\s+(?P<u>Monat|Jahr|Woche)|am\s+(?P<u2>Tag))\b(?!\s*(?:\d|der|des|nach|vor|danach|darauf|zuvor|davor|[A-ZÄÖÜ]))",
       one(lambda m: None if re.search(r"(?i)\b(?:ersten|letzten|selben|gleichen|ganzen)\s+$", m.string[max(0, m.start() - 10):m.start()])
           else Frame("SET", "literal", value=duration_value(1, m.group("u") or m.group("u2")))), 1),
    _r("de_set_per", rf"\b(?:(?:\w+mal|pro|je)\s+(?:(?:im|am|pro|in\s+der|die|den)\s+)?)(?:(?P<n>zwei|drei|vier|\d+)\s+)?(?P<u>Tag|Woche[n]?|Monat|Jahr)\b",
       one(_b_set_unit), 4),
    # --- times of day
    _r("de_time_range", r"\b(?P<r1>(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?)\s*(?:bis|-|–|und|/)\s*(?P<r2>(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?\s*Uhr)\b",
       _b_time_range, 6),
    _r("de_time_uhr", r"\b(?P<h>\d{1,2})(?:[.:](?P<mi>\d{2}))?\s*Uhr(?:\s+(?P<mi2>\d{2})\b)?(?:\s+(?P<s>morgens|früh|abends|nachmittags|nachts|vormittags))?", one(_b_time_pod), 5),
    _r("de_time_um", r"\b(?:um|gegen|ab|bis)\s+(?P<x>(?P<h>\d{1,2})[.:](?P<mi>\d{2}))\b(?![.:]\d)", one(_b_time), 4),
    _r("de_pod", rf"\b(?i:am|gegen|in\s+der|im\s+Laufe\s+des|bis\s+zum|zum|vom|seit\s+dem)\s+(?P<x>(?:frühen\s+|späten\s+)?(?P<p>Morgen|Vormittag|Mittag|Nachmittag|Abend|Nacht))\b",
       one(_b_pod), 3),
    _r("de_pod_adv", r"\b(?P<p>[Aa]bends|[Mm]orgens|[Nn]achmittags|[Vv]ormittags|[Nn]achts|[Mm]ittags)\b", one(_b_pod_adv), 2),
    # --- eras
    _r("de_era", rf"(?:\b(?:[Ww]ährend|[Ii]n|[Zz]u|[Zz]ur|[Ss]eit)\s+(?:(?:des|dem|der|den)\s+)?)?(?:(?:des|dem|der|den|die)\s+)?(?P<e>{_ERA_ALT})", _b_era, 7),
]


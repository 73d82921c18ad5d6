"""Nearest CAMEO root code and quad class for a PLOVER event, for GDELT/ICEWS users.

The table below was written by hand from the OEDA CAMEO->PLOVER conversion table
(``CAMEO2PLOVER-2021.txt``, PLOVER manual draft 0.8): each PLOVER type goes to the CAMEO root
that most of its CAMEO codes come from, and a few modes/contexts move to the root their CAMEO
codes sit under (ACCUSE/investigate -> 09, ASSAULT with heavy weapons or small arms -> 19 "fight",
mass killings -> 20, COERCE blockade/occupation -> 19). :func:`parse_cameo2plover` reads the
original file so that a test can check this table against it.

Quad classes follow CAMEO's convention on the root: 01-05 verbal cooperation (1), 06-09 material
cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from eventwire.records import PLOVER_EVENTS

__all__ = ["ROOTS", "cameo_root", "quad_class", "cameo_for", "to_cameo", "parse_cameo2plover", "QUAD_NAMES"]

ROOTS: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}

# (event, mode) -> root, where the mode's CAMEO codes sit under another root
_MODE_ROOTS: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "aerial"): "19",
    ("ASSAULT", "drone"): "19",
    ("ASSAULT", "massacre"): "20",
    ("ASSAULT", "cleansing"): "20",
    ("ASSAULT", "unconventional"): "20",
    ("COERCE", "territory"): "19",
}

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def cameo_root(event: str, mode: str | list[str] | None = None, context: Iterable[str] = ()) -> str:
    """Two-digit CAMEO root for a PLOVER event type (+ optional mode and context)."""
    ev = event.upper()
    if ev not in ROOTS:
        raise ValueError(f"unknown PLOVER event type {event!r}; expected one of {', '.join(PLOVER_EVENTS)}")
    modes = [mode] if isinstance(mode, str) else list(mode or [])
    for m in modes:
        root = _MODE_ROOTS.get((ev, m.lower()))
        if root:
            return root
    ctx = {c.lower() for c in context}
    if ev == "ASSAULT" and "military" in ctx and not modes:
        return "19"  # CAMEO 190: use conventional military force
    if ev == "COERCE" and "military" in ctx and any(m in ("restrict", "seize") for m in modes):
        return "19"  # CAMEO 191/192: blockade, occupy territory
    return ROOTS[ev]


def quad_class(root: str) -> int:
    """CAMEO quad class (1-4) of a two-digit root."""
    n = int(root[:2])
    if not 1 <= n <= 20:
        raise ValueError(f"not a CAMEO root code: {root!r}")
    if n <= 5:
        return 1
    if n <= 9:
        return 2
    if n <= 14:
        return 3
    return 4


def cameo_for(event: str, mode: str | list[str] | None = None, context: Iterable[str] = ()) -> tuple[str, int]:
    """(CAMEO root, quad class) for a PLOVER event."""
    root = cameo_root(event, mode, context)
    return root, quad_class(root)


def to_cameo(event: str, mode: str | None = None, context: Iterable[str] = ()) -> tuple[str, int]:
    """Alias of :func:`cameo_for` (the name the coding stage imports)."""
    return cameo_for(event, mode, context)


_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,]*),?([^#]*)#?(.*)$")


def parse_cameo2plover(path: Path) -> dict[str, Counter]:
    """Read CAMEO2PLOVER-2021.txt: PLOVER event -> Counter of CAMEO roots its codes come from."""
    out: dict[str, Counter] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        code, event = m.group(1), m.group(2)
        out.setdefault(event, Counter())[code[:2]] += 1
    return out

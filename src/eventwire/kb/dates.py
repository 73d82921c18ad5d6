"""Partial ISO dates ("2023", "2023-09", "2023-09-12") as intervals."""

from __future__ import annotations

import calendar
import datetime as _dt

__all__ = ["interval", "overlaps", "as_iso"]


def as_iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def interval(date: str) -> tuple[str, str]:
    """First and last day (ISO) covered by a partial date."""
    parts = date[:10].split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    m = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(y, m)[1]
        return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{last:02d}"
    return date[:10], date[:10]


def overlaps(date: str, start: str | None, end: str | None) -> bool:
    """Whether a (partial) date overlaps the spell [start, end) (None = open)."""
    try:
        lo, hi = interval(date)
    except (ValueError, IndexError):
        return True
    if start and hi < interval(start)[0]:
        return False
    if end and lo >= interval(end)[0]:
        return False
    return True

"""Writers: PLOVER JSONL, flat CSV, Parquet, and a GDELT-style CSV for GDELT/ICEWS users."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

from pydantic import BaseModel

from eventwire.records import Event

__all__ = ["OUTPUT_FORMATS", "write_records", "flatten_event", "gdelt_row", "GDELT_COLUMNS"]

OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "gdelt")


def _first(actors, attr):
    return getattr(actors[0], attr) if actors else None


def flatten_event(event: Event) -> dict[str, Any]:
    """One flat row per event (lists joined with ';', nested objects as JSON)."""
    loc = event.event_loc
    return {
        "id": event.id,
        "event": event.event,
        "mode": ";".join(event.mode),
        "context": ";".join(event.context),
        "actor_text": ";".join(a.entity_text for a in event.actor),
        "actor_code": ";".join(a.code or "" for a in event.actor),
        "actor_sector": ";".join(a.sector or "" for a in event.actor),
        "recipient_text": ";".join(a.entity_text for a in event.recipient),
        "recipient_code": ";".join(a.code or "" for a in event.recipient),
        "recipient_sector": ";".join(a.sector or "" for a in event.recipient),
        "place": (loc.resolved_place or loc.extracted_place) if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "place_country": loc.country_code if loc else None,
        "date": event.date,
        "date_precision": event.date_precision,
        "date_raw": event.date_raw,
        "modality": event.modality,
        "attributed_to": ";".join(a.text for a in event.attributed_to),
        "evidence": " | ".join(e.text for e in event.evidence),
        "doc_ids": ";".join(sorted({e.doc_id for e in event.evidence})),
        "publication": event.cite_info.publication if event.cite_info else None,
        "url": event.cite_info.url if event.cite_info else None,
        "language": event.cite_info.language if event.cite_info else None,
        "confidence": event.confidence,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "story_id": event.story_id,
        "num_articles": event.num_articles,
        "num_sources": event.num_sources,
        "coder_version": event.coder.version if event.coder else None,
    }


GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "DatePrecision",
    "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "EventCode", "EventRootCode", "QuadClass", "PloverEvent", "PloverMode", "Modality",
    "NumMentions", "NumSources", "NumArticles", "Confidence",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "SOURCEURL",
]


def gdelt_row(event: Event) -> dict[str, Any]:
    """A row in GDELT 2.0's event-table shape. Day is only filled when the date is day-precise."""
    date = event.date or ""
    digits = date.replace("-", "")
    loc = event.event_loc
    return {
        "GlobalEventID": event.id,
        "Day": digits if event.date_precision == "day" else "",
        "MonthYear": digits[:6] if len(digits) >= 6 else "",
        "Year": digits[:4],
        "DatePrecision": event.date_precision or "",
        "Actor1Name": _first(event.actor, "entity_text"),
        "Actor1CountryCode": _first(event.actor, "code"),
        "Actor1Type1Code": _first(event.actor, "sector"),
        "Actor2Name": _first(event.recipient, "entity_text"),
        "Actor2CountryCode": _first(event.recipient, "code"),
        "Actor2Type1Code": _first(event.recipient, "sector"),
        "EventCode": event.cameo_root,
        "EventRootCode": event.cameo_root,
        "QuadClass": event.quad_class,
        "PloverEvent": event.event,
        "PloverMode": ";".join(event.mode),
        "Modality": event.modality,
        "NumMentions": max(len(event.mentions), len(event.evidence), 1),
        "NumSources": event.num_sources,
        "NumArticles": event.num_articles,
        "Confidence": round(event.confidence, 3),
        "ActionGeo_FullName": (loc.resolved_place or loc.extracted_place) if loc else None,
        "ActionGeo_CountryCode": loc.country_code if loc else None,
        "ActionGeo_Lat": loc.lat if loc else None,
        "ActionGeo_Long": loc.lon if loc else None,
        "ActionGeo_FeatureID": loc.geonameid if loc else None,
        "SOURCEURL": event.cite_info.url if event.cite_info else None,
    }


def _rows(records: Iterable[BaseModel], fmt: str) -> Iterable[dict[str, Any]]:
    for rec in records:
        if isinstance(rec, Event):
            yield gdelt_row(rec) if fmt == "gdelt" else flatten_event(rec)
        else:
            yield {
                k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
                for k, v in rec.model_dump(mode="json").items()
            }


def write_records(records: Iterable[BaseModel], fmt: str, out: IO[str] | IO[bytes] | None, path: str | None = None) -> int:
    """Write records to ``out`` (text stream) or ``path`` (required for parquet). Returns the count."""
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
    count = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(rec.model_dump_json(exclude_none=True) + "\n")
            count += 1
        return count
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = list(_rows(records, fmt))
        if path is None:
            raise ValueError("Parquet output needs a file: use -o FILE.parquet")
        pq.write_table(pa.Table.from_pylist(rows), path)
        return len(rows)
    writer: csv.DictWriter | None = None
    for row in _rows(records, fmt):
        if writer is None:
            fields = GDELT_COLUMNS if fmt == "gdelt" else list(row)
            writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        count += 1
    if writer is None and fmt == "gdelt":
        csv.DictWriter(out, fieldnames=GDELT_COLUMNS).writeheader()
    return count


def to_string(records: Iterable[BaseModel], fmt: str) -> str:
    buf = io.StringIO()
    write_records(records, fmt, buf)
    return buf.getvalue()

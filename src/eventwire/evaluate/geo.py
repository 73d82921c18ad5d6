"""Geoparsing end to end on GeoWebNews (Gritta et al. 2019): a gold toponym with coordinates is
resolved when a predicted place mention overlaps it; scored by accuracy within 161 km (100 miles),
exact GeoNames id, mean and median error in km."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED, bootstrap_units
from eventwire.evaluate.metrics import haversine_km, median, safe_div
from eventwire.evaluate.report import Measure, Report, Table, measure_from_sums
from eventwire.records import Document, Mention

__all__ = [
    "GoldToponym",
    "GeoArticle",
    "ToponymResult",
    "read_geowebnews",
    "to_document",
    "match_toponyms",
    "score_geo",
    "geo_measures",
    "ACCURACY_KM",
]

log = logging.getLogger(__name__)

ACCURACY_KM = 161.0


class GoldToponym(BaseModel):
    start: int
    end: int
    name: str
    type: str | None = None
    geonameid: int | None = None
    lat: float
    lon: float


class GeoArticle(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    text: str
    toponyms: list[GoldToponym]


class ToponymResult(BaseModel):
    doc_id: str
    toponym: GoldToponym
    predicted: Mention | None = None
    error_km: float | None = None
    exact_id: bool | None = None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_geowebnews(path: Path, limit: int | None = None) -> list[GeoArticle]:
    """Articles and their toponyms that carry coordinates (the geocoding gold)."""
    root = ET.parse(path).getroot()
    articles: list[GeoArticle] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        for tp in art.iter("toponym"):
            lat, lon = _float(tp.findtext("latitude")), _float(tp.findtext("longitude"))
            if lat is None or lon is None:
                continue
            gid = tp.findtext("geonamesID")
            tops.append(
                GoldToponym(
                    start=int(tp.findtext("start") or 0),
                    end=int(tp.findtext("end") or 0),
                    name=tp.findtext("extractedName") or "",
                    type=tp.findtext("type"),
                    geonameid=int(gid) if gid and gid.strip().isdigit() else None,
                    lat=lat,
                    lon=lon,
                )
            )
        tops.sort(key=lambda t: (t.start, t.end))
        articles.append(
            GeoArticle(doc_id=f"gwn-{art.get('file')}", title=art.findtext("title"), url=art.findtext("link"), text=text, toponyms=tops)
        )
        if limit is not None and len(articles) >= limit:
            break
    return articles


def to_document(article: GeoArticle) -> Document:
    return Document(doc_id=article.doc_id, body=article.text, title=article.title, url=article.url, language="en")


def _placed(mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if m.place is not None and m.place.lat is not None and m.place.lon is not None]


def match_toponyms(article: GeoArticle, mentions: Sequence[Mention]) -> list[ToponymResult]:
    """Each gold toponym with the predicted place mention overlapping it most (or none)."""
    placed = _placed(mentions)
    out = []
    for top in article.toponyms:
        best, best_overlap = None, 0
        for m in placed:
            overlap = min(m.end, top.end) - max(m.start, top.start)
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        if best is None:
            out.append(ToponymResult(doc_id=article.doc_id, toponym=top))
            continue
        place = best.place
        assert place is not None and place.lat is not None and place.lon is not None
        err = haversine_km(top.lat, top.lon, place.lat, place.lon)
        exact = (place.geonameid == top.geonameid) if top.geonameid is not None else None
        out.append(ToponymResult(doc_id=article.doc_id, toponym=top, predicted=best, error_km=err, exact_id=exact))
    return out


# columns of the per-article count row
_G, _M, _W, _E, _IDN, _IDOK, _P, _PO = range(8)


def _article_row(article: GeoArticle, results: list[ToponymResult], mentions: Sequence[Mention]) -> list[float]:
    matched = [r for r in results if r.error_km is not None]
    placed = _placed(mentions)
    pred_overlapping = sum(1 for m in placed if any(min(m.end, t.end) > max(m.start, t.start) for t in article.toponyms))
    return [
        len(results),
        len(matched),
        sum(1 for r in matched if r.error_km <= ACCURACY_KM),  # type: ignore[operator]
        sum(r.error_km for r in matched),  # type: ignore[misc]
        sum(1 for r in matched if r.exact_id is not None),
        sum(1 for r in matched if r.exact_id),
        len(placed),
        pred_overlapping,
    ]


def geo_measures(
    articles: Sequence[GeoArticle],
    predictions: dict[str, list[Mention]],
    *,
    dataset: str,
    system: str,
    n_boot: int,
    seed: int,
) -> tuple[list[Measure], dict[str, list[ToponymResult]]]:
    results_by_doc = {a.doc_id: match_toponyms(a, predictions.get(a.doc_id, [])) for a in articles}
    rows = np.array(
        [_article_row(a, results_by_doc[a.doc_id], predictions.get(a.doc_id, [])) for a in articles], dtype=float
    ).reshape(len(articles), 8)
    kw = dict(dataset=dataset, task="geo", system=system, unit="articles", n_boot=n_boot, seed=seed)
    measures = [
        measure_from_sums(rows, lambda s: safe_div(s[_W], s[_M]), n_of=lambda s: s[_M], key="acc_161km",
                          name="accuracy within 161 km (resolved toponyms)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[_W], s[_G]), n_of=lambda s: s[_G], key="acc_161km_e2e",
                          name="accuracy within 161 km (all gold toponyms, end to end)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[_M], s[_G]), n_of=lambda s: s[_G], key="toponym_recall",
                          name="gold toponyms overlapped by a predicted place", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[_PO], s[_P]), n_of=lambda s: s[_P], key="place_precision",
                          name="predicted places overlapping a gold toponym", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[_IDOK], s[_IDN]), n_of=lambda s: s[_IDN], key="exact_geonameid",
                          name="exact GeoNames id (resolved toponyms with a gold id)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[_E], s[_M]), n_of=lambda s: s[_M], key="mean_error_km",
                          name="mean error km (resolved toponyms)", higher_is_better=False, **kw),
    ]
    errors_per_article = [[r.error_km for r in results_by_doc[a.doc_id] if r.error_km is not None] for a in articles]
    all_errors = [e for errs in errors_per_article for e in errs]
    ci = bootstrap_units(errors_per_article, lambda units: median([e for u in units for e in u]), n_boot=n_boot, seed=seed)
    measures.append(
        Measure(dataset=dataset, task="geo", key="median_error_km", name="median error km (resolved toponyms)", system=system,
                value=median(all_errors), ci_low=ci[0] if ci else None, ci_high=ci[1] if ci else None,
                n=len(all_errors), units=len(articles), unit="articles", higher_is_better=False)
    )
    return measures, results_by_doc


def score_geo(
    articles: Sequence[GeoArticle],
    systems: dict[str, dict[str, list[Mention]]],
    *,
    dataset: str,
    gold: str,
    source: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
) -> Report:
    """``systems`` maps a system name to its place mentions by document id."""
    report = Report(task="geo", dataset=dataset, gold=gold, predictions=source, seed=seed, n_bootstrap=n_boot, limit=limit,
                    baselines=["kb-gazetteer-e2e"])
    for system, predictions in systems.items():
        measures, results_by_doc = geo_measures(articles, predictions, dataset=dataset, system=system, n_boot=n_boot, seed=seed)
        report.measures += measures
        by_type: dict[str, list[ToponymResult]] = {}
        for results in results_by_doc.values():
            for r in results:
                by_type.setdefault(r.toponym.type or "?", []).append(r)
        table_rows: list[list[str | float | int | None]] = []
        for typ, rs in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
            matched = [r for r in rs if r.error_km is not None]
            table_rows.append([typ, len(rs), safe_div(len(matched), len(rs)),
                               safe_div(sum(1 for r in matched if r.error_km <= ACCURACY_KM), len(matched)),  # type: ignore[operator]
                               median([r.error_km for r in matched]) if matched else None])  # type: ignore[misc]
        report.tables.append(Table(title=f"{system}: by toponym type", columns=["type", "gold", "overlapped", "acc@161km", "median km"],
                                   rows=table_rows))
    n_gold = sum(len(a.toponyms) for a in articles)
    report.notes.append(
        f"{len(articles)} articles, {n_gold} gold toponyms with coordinates; a predicted place mention is a mention whose "
        "place has coordinates (any label)."
    )
    return report

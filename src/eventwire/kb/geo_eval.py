"""GeoWebNews (Gritta et al. 2019) reader and geoparsing scorer.

A gold toponym counts as resolved when a predicted place mention overlaps it and lies within 161 km
(accuracy@161km over all gold toponyms that have coordinates). Also: the exact GeoNames id rate (over gold
toponyms with an id), and the mean and median error in km over the gold toponyms that got a prediction.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from pydantic import BaseModel

from .resolve import Toponym, haversine_km, resolve_toponyms

if TYPE_CHECKING:  # pragma: no cover
    from .kb import KnowledgeBase

__all__ = ["GoldToponym", "GeoArticle", "PredictedPlace", "GeoScore", "read_geowebnews", "score_places",
           "predict_gold_spans", "predict_end_to_end", "ACC_KM"]

ACC_KM = 161.0


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    type: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    non_locational: bool = False


@dataclass(slots=True)
class GeoArticle:
    id: str
    title: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)

    @property
    def gold(self) -> list[GoldToponym]:
        """The toponyms that carry coordinates (the ones scored)."""
        return [t for t in self.toponyms if t.lat is not None and t.lon is not None]


@dataclass(slots=True)
class PredictedPlace:
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    name: str | None = None


class GeoScore(BaseModel):
    gold_toponyms: int
    predicted: int
    matched: int
    correct_161km: int
    accuracy_161km: float
    gold_with_id: int
    exact_id: int
    exact_id_rate: float
    mean_error_km: float | None
    median_error_km: float | None
    prediction_overlap_rate: float

    def summary(self) -> str:
        mean = f"{self.mean_error_km:.0f}" if self.mean_error_km is not None else "-"
        med = f"{self.median_error_km:.0f}" if self.median_error_km is not None else "-"
        return (f"gold={self.gold_toponyms} predicted={self.predicted} matched={self.matched} "
                f"acc@161km={self.accuracy_161km:.3f} exact_id={self.exact_id_rate:.3f} "
                f"mean_km={mean} median_km={med} overlap={self.prediction_overlap_rate:.3f}")


def _f(x: str | None) -> float | None:
    return float(x) if x not in (None, "") else None


def read_geowebnews(path: str | Path) -> list[GeoArticle]:
    """Read ``GWN.xml`` (articles with text and toponyms with character offsets)."""
    root = ET.parse(path).getroot()
    out = []
    for a in root.findall("article"):
        text = a.findtext("text") or ""
        art = GeoArticle(id=a.get("file", str(len(out))), title=a.findtext("title") or "", text=text)
        for t in a.find("toponyms") or []:
            gid = t.findtext("geonamesID")
            art.toponyms.append(GoldToponym(
                start=int(t.findtext("start") or 0), end=int(t.findtext("end") or 0),
                text=t.findtext("extractedName") or "", type=t.findtext("type") or "",
                lat=_f(t.findtext("latitude")), lon=_f(t.findtext("longitude")),
                geonameid=int(gid) if gid else None, non_locational=(t.findtext("nonLocational") == "Yes"),
            ))
        out.append(art)
    return out


def score_places(articles: Iterable[GeoArticle], predictions: dict[str, list[PredictedPlace]]) -> GeoScore:
    n_gold = n_pred = matched = correct = with_id = exact = 0
    errors: list[float] = []
    overlapping_preds = 0
    for art in articles:
        preds = [p for p in predictions.get(art.id, []) if p.lat is not None and p.lon is not None]
        n_pred += len(preds)
        all_spans = art.toponyms
        overlapping_preds += sum(1 for p in preds if any(p.start < g.end and g.start < p.end for g in all_spans))
        for g in art.gold:
            n_gold += 1
            if g.geonameid:
                with_id += 1
            over = [p for p in preds if p.start < g.end and g.start < p.end]
            if not over:
                continue
            p = max(over, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            matched += 1
            d = haversine_km(g.lat, g.lon, p.lat, p.lon)  # type: ignore[arg-type]
            errors.append(d)
            if d <= ACC_KM:
                correct += 1
            if g.geonameid and p.geonameid == g.geonameid:
                exact += 1
    return GeoScore(
        gold_toponyms=n_gold, predicted=n_pred, matched=matched, correct_161km=correct,
        accuracy_161km=correct / n_gold if n_gold else 0.0, gold_with_id=with_id, exact_id=exact,
        exact_id_rate=exact / with_id if with_id else 0.0,
        mean_error_km=statistics.fmean(errors) if errors else None,
        median_error_km=statistics.median(errors) if errors else None,
        prediction_overlap_rate=overlapping_preds / n_pred if n_pred else 0.0,
    )


def _resolve(kb: "KnowledgeBase", text: str, spans: list[tuple[int, int, str]], lang: str
             ) -> list[PredictedPlace]:
    res = resolve_toponyms(kb.gazetteer, text, [Toponym(s, e, t) for s, e, t in spans], lang)
    out = []
    for r in res:
        b = r.best
        if b is None or b.entry.lat is None:
            continue
        out.append(PredictedPlace(r.toponym.start, r.toponym.end, b.entry.lat, b.entry.lon, b.entry.geonameid,
                                  b.entry.name))
    return out


def _is_place(kb: "KnowledgeBase", text: str) -> bool:
    """An organisation name that is also a gazetteer place: "EU" (an area), "White House" (a building)."""
    return any(e.feature_class in ("A", "L") or e.source == "supplement" for e in kb.gazetteer.find(text))


def predict_gold_spans(kb: "KnowledgeBase", articles: Iterable[GeoArticle]) -> dict[str, list[PredictedPlace]]:
    """Resolution only: resolve the gold toponym spans (their surface as written in the text)."""
    out = {}
    for art in articles:
        spans = [(g.start, g.end, art.text[g.start:g.end] or g.text) for g in art.gold]
        out[art.id] = _resolve(kb, art.text, spans, "en")
    return out


def predict_end_to_end(kb: "KnowledgeBase", articles: Iterable[GeoArticle], lang: str = "en",
                       min_score: float = 0.9) -> dict[str, list[PredictedPlace]]:
    """Find toponyms with the gazetteer matcher (no NER) and resolve them."""
    from .matcher import find_matches

    out = {}
    for art in articles:
        ms = []
        for m in find_matches(art.text, kb, lang, actors=True):
            if m.kind in ("place", "demonym") or (m.label == "ORG" and _is_place(kb, m.text)):
                ms.append(m)
            elif m.label == "ORG":  # places inside organisation names: "Russian Foreign Ministry"
                for sub in find_matches(m.text, kb, lang, actors=False):
                    if sub.kind in ("place", "demonym") and sub.end - sub.start < len(m.text):
                        sub.start += m.start
                        sub.end += m.start
                        ms.append(sub)
        res = resolve_toponyms(kb.gazetteer, art.text, [Toponym(m.start, m.end, m.text) for m in ms], lang)
        preds = []
        for r in res:
            b = r.best
            if b is None or b.entry.lat is None or b.score < min_score:
                continue
            preds.append(PredictedPlace(r.toponym.start, r.toponym.end, b.entry.lat, b.entry.lon,
                                        b.entry.geonameid, b.entry.name))
        out[art.id] = preds
    return out

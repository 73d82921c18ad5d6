"""Temporal expressions against TimeML gold (KRAUTS): TIMEX3 extent P/R/F1 (strict = same span,
relaxed = overlap, one-to-one) and the TimeML value of matched expressions. A system's output in
TimeML (e.g. HeidelTime's) can be scored the same way as a baseline."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.metrics import f1_from_counts, safe_div
from eventwire.evaluate.report import Measure, Report, measure_from_sums
from eventwire.records import Document, Mention

__all__ = [
    "Timex",
    "TimemlDoc",
    "TEMPORAL_LABELS",
    "read_timeml",
    "read_timeml_dir",
    "to_document",
    "timex_mentions",
    "temporal_mentions",
    "match_timexes",
    "doc_row",
    "date_measures",
    "score_dates",
]

log = logging.getLogger(__name__)

TEMPORAL_LABELS = frozenset({"DATE", "TIME", "DURATION", "SET", "TIMEX", "TIMEX3"})


class Timex(BaseModel):
    start: int
    end: int
    text: str
    type: str | None = None
    value: str | None = None
    tid: str | None = None


class TimemlDoc(BaseModel):
    doc_id: str
    dct: str | None
    body: str
    timexes: list[Timex]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_timeml(path: Path) -> TimemlDoc:
    """Body text of <TEXT> with every TIMEX3 in it as character spans; the DCT value."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or path.name.split(".")[0]).strip()
    dct = None
    dct_el = root.find("DCT")
    if dct_el is not None:
        t = dct_el.find("TIMEX3")
        dct = t.get("value") if t is not None else (dct_el.text or "").strip() or None
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT> element; is this a TimeML file?")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if _local(el.tag) == "TIMEX3" and pos > start:
            timexes.append(Timex(start=start, end=pos, text="".join(parts)[start:pos], type=el.get("type"),
                                 value=el.get("value"), tid=el.get("tid")))

    walk(text_el)
    body = "".join(parts)
    # Readers strip leading/trailing newlines from article bodies; do the same so offsets agree
    # whether the text comes in through JSONL or directly.
    lead = len(body) - len(body.lstrip("\r\n"))
    body = body.strip("\r\n")
    timexes = [t.model_copy(update={"start": t.start - lead, "end": t.end - lead}) for t in timexes]
    timexes.sort(key=lambda t: (t.start, t.end))
    return TimemlDoc(doc_id=doc_id, dct=dct, body=body, timexes=timexes)


def read_timeml_dir(directory: Path, limit: int | None = None) -> list[TimemlDoc]:
    files = sorted(p for p in directory.iterdir() if p.suffix in (".tml", ".xml") and p.is_file())
    if not files:
        raise ValueError(f"{directory}: no .tml files")
    if limit is not None:
        files = files[:limit]
    return [read_timeml(p) for p in files]


def to_document(doc: TimemlDoc, language: str = "de") -> Document:
    precision = "day" if doc.dct and len(doc.dct) == 10 else ("month" if doc.dct and len(doc.dct) == 7 else None)
    return Document(doc_id=doc.doc_id, body=doc.body, language=language, published=doc.dct, published_precision=precision)


def timex_mentions(doc: TimemlDoc) -> list[Mention]:
    """A TimeML system's output as mentions (label = TIMEX3 type)."""
    return [Mention(doc_id=doc.doc_id, start=t.start, end=t.end, text=t.text, label=t.type or "DATE", value=t.value)
            for t in doc.timexes]


def temporal_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if m.label.upper() in TEMPORAL_LABELS]


def match_timexes(gold: Sequence[Timex], pred: Sequence[Mention]) -> list[tuple[Timex, Mention, bool]]:
    """One-to-one relaxed matches (overlap), exact-span pairs first, then by overlap size.

    Returns (gold, predicted, strict) triples.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                strict = g.start == p.start and g.end == p.end
                pairs.append((not strict, -overlap, gi, pi, strict))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi, strict in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gold[gi], pred[pi], strict))
    return out


def _norm_value(v: str | None) -> str:
    """Values compare as written, except the zero padding of weekday numbers (XXXX-WXX-01 = XXXX-WXX-1)."""
    return (v or "").strip().upper().replace("-WXX-0", "-WXX-")


def doc_row(doc: TimemlDoc, mentions: Sequence[Mention]) -> list[float]:
    """[gold, pred, strict tp, relaxed tp, value right, type right] for one document."""
    pred = temporal_mentions(mentions)
    matches = match_timexes(doc.timexes, pred)
    return [
        len(doc.timexes),
        len(pred),
        sum(1 for _, _, s in matches if s),
        len(matches),
        sum(1 for g, p, _ in matches if _norm_value(g.value) and _norm_value(g.value) == _norm_value(p.value)),
        sum(1 for g, p, _ in matches if (g.type or "").upper() == p.label.upper()),
    ]


def date_measures(rows: np.ndarray, *, dataset: str, system: str, n_boot: int, seed: int) -> list[Measure]:
    kw = dict(dataset=dataset, task="dates", system=system, unit="documents", n_boot=n_boot, seed=seed)
    G, P, S, R, V, T = range(6)
    return [
        measure_from_sums(rows, lambda s: f1_from_counts(s[S], s[P] - s[S], s[G] - s[S]), n_of=lambda s: s[G],
                          key="strict_f1", name="TIMEX3 extent F1 (strict)", **kw),
        measure_from_sums(rows, lambda s: f1_from_counts(s[R], s[P] - s[R], s[G] - s[R]), n_of=lambda s: s[G],
                          key="relaxed_f1", name="TIMEX3 extent F1 (relaxed overlap)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[V], s[R]), n_of=lambda s: s[R],
                          key="value_acc", name="value accuracy (relaxed matches)", **kw),
        measure_from_sums(rows, lambda s: f1_from_counts(s[V], s[P] - s[V], s[G] - s[V]), n_of=lambda s: s[G],
                          key="value_f1", name="value F1 (relaxed match and right value)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[S], s[P]), n_of=lambda s: s[P], key="strict_p",
                          name="strict precision", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[S], s[G]), n_of=lambda s: s[G], key="strict_r",
                          name="strict recall", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[R], s[P]), n_of=lambda s: s[P], key="relaxed_p",
                          name="relaxed precision", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[R], s[G]), n_of=lambda s: s[G], key="relaxed_r",
                          name="relaxed recall", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[T], s[R]), n_of=lambda s: s[R], key="type_acc",
                          name="TIMEX3 type accuracy (relaxed matches)", headline=False, **kw),
    ]


def score_dates(
    golds: Sequence[TimemlDoc],
    systems: dict[str, dict[str, list[Mention]]],
    *,
    dataset: str,
    gold: str,
    source: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
) -> Report:
    """``systems`` maps a system name (``eventwire``, ``heideltime``) to its mentions by doc id."""
    report = Report(task="dates", dataset=dataset, gold=gold, predictions=source, seed=seed, n_bootstrap=n_boot, limit=limit,
                    baselines=["heideltime"])
    for system, preds in systems.items():
        rows = np.array([doc_row(d, preds.get(d.doc_id, [])) for d in golds], dtype=float).reshape(len(golds), 6)
        report.measures += date_measures(rows, dataset=dataset, system=system, n_boot=n_boot, seed=seed)
    report.notes.append(
        f"{len(golds)} documents, {sum(len(d.timexes) for d in golds)} gold TIMEX3; predicted temporal mentions are those "
        "labelled DATE, TIME, DURATION or SET; the document creation time is given to the system as the publication date."
    )
    return report

"""PLOVER event coding on the PLOVER gold-standard records (English) and their German translations.

Each gold sentence is fed as its own document. The top predicted event of the document (highest
confidence, first on ties) is compared with the gold record: event type, actor country, recipient
country and actor/recipient sector.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.metrics import safe_div
from eventwire.evaluate.report import Measure, Report, Table, measure_from_sums
from eventwire.records import Actor, Document, Event

__all__ = [
    "OLD_TYPES",
    "GoldActor",
    "PloverGold",
    "read_plover",
    "read_plover_json",
    "read_plover_de",
    "normalise_event_type",
    "to_document",
    "top_event",
    "sentence_row",
    "score_events",
    "type_agreement",
    "type_only_measures",
]

log = logging.getLogger(__name__)

# PLOVER renamed these types after the gold records were coded.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def normalise_event_type(event: str) -> str:
    e = event.strip().upper()
    return OLD_TYPES.get(e, e)


class GoldActor(BaseModel):
    text: str
    code: str | None = None
    sector: str | None = None

    @property
    def sector3(self) -> str | None:
        """The PLOVER/CAMEO primary sector (first three letters); None for '***' or missing."""
        if not self.sector or self.sector.startswith("*"):
            return None
        return self.sector[:3].upper()


class PloverGold(BaseModel):
    doc_id: str
    gold_id: str
    language: str
    text: str
    event: str
    actors: list[GoldActor]
    recipients: list[GoldActor]
    context: list[str] = []
    date: str | None = None


# Country codes in the PLOVER gold that are not ISO 3166 alpha-3 (older CAMEO spellings) -> ISO
GOLD_CODE_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _actors(value: object) -> list[GoldActor]:
    if not isinstance(value, list):
        return []
    out = []
    for a in value:
        if isinstance(a, dict):
            code = a.get("code") or None
            code = GOLD_CODE_ALIASES.get(code.upper(), code) if code else None
            out.append(GoldActor(text=str(a.get("actorText", "")), code=code, sector=a.get("sector") or None))
    return out


def _context(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [c.strip() for c in str(value or "").split(",") if c.strip()]


def read_plover_json(path: Path, limit: int | None = None) -> list[PloverGold]:
    """English gold records; DOCUMENT entries are skipped, old type names renamed."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[PloverGold] = []
    index = 0
    for rec in data:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        index += 1
        out.append(
            PloverGold(
                doc_id=f"plover-en-{index:03d}", gold_id=rec["id"], language=rec.get("language") or "en", text=rec["text"],
                event=normalise_event_type(rec["event"]), actors=_actors(rec.get("source")),
                recipients=_actors(rec.get("target")), context=_context(rec.get("context")), date=rec.get("date"),
            )
        )
        if limit is not None and len(out) >= limit:
            break
    return out


def read_plover_de(path: Path, limit: int | None = None) -> list[PloverGold]:
    """German translations (JSONL, text in ``text_de``); doc ids pair with the English ones."""
    out: list[PloverGold] = []
    with path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if "text_de" not in rec:
                raise ValueError(f"{path}:{no}: no text_de field; is this the German PLOVER file?")
            out.append(
                PloverGold(
                    doc_id=f"plover-de-{int(rec['src_index']):03d}", gold_id=rec["id"], language="de", text=rec["text_de"],
                    event=normalise_event_type(rec["event"]), actors=_actors(rec.get("source")),
                    recipients=_actors(rec.get("target")), context=_context(rec.get("context")), date="2000-01-01",
                )
            )
            if limit is not None and len(out) >= limit:
                break
    return out


def read_plover(path: Path, limit: int | None = None) -> list[PloverGold]:
    """Either file, by extension (.json English records, .jsonl German translations)."""
    if path.suffix == ".jsonl":
        return read_plover_de(path, limit)
    return read_plover_json(path, limit)


def to_document(gold: PloverGold) -> Document:
    return Document(doc_id=gold.doc_id, body=gold.text, language=gold.language, published=gold.date, published_precision="day" if gold.date else None)


def top_event(events: Sequence[Event]) -> Event | None:
    best = None
    for ev in events:
        if best is None or ev.confidence > best.confidence:
            best = ev
    return best


def _codes(actors: Sequence[Actor] | Sequence[GoldActor]) -> set[str]:
    return {a.code.upper() for a in actors if a.code}


def _sectors(actors: Sequence[Actor]) -> set[str]:
    return {a.sector[:3].upper() for a in actors if a.sector}


# columns: has_pred, type_ok, any_type_ok, actor_n, actor_ok, rec_n, rec_ok, sector_n, sector_ok
_COLS = 9


def sentence_row(gold: PloverGold, events: Sequence[Event]) -> list[float]:
    top = top_event(events)
    gold_actor_codes, gold_rec_codes = _codes(gold.actors), _codes(gold.recipients)
    row = [0.0] * _COLS
    row[0] = 1.0 if top else 0.0
    row[1] = 1.0 if top and normalise_event_type(top.event) == gold.event else 0.0
    row[2] = 1.0 if any(normalise_event_type(e.event) == gold.event for e in events) else 0.0
    if gold_actor_codes:
        row[3] = 1.0
        row[4] = 1.0 if top and _codes(top.actor) & gold_actor_codes else 0.0
    if gold_rec_codes:
        row[5] = 1.0
        row[6] = 1.0 if top and _codes(top.recipient) & gold_rec_codes else 0.0
    for gold_side, pred_side in ((gold.actors, top.actor if top else []), (gold.recipients, top.recipient if top else [])):
        pred_sectors = _sectors(pred_side)
        for a in gold_side:
            if a.sector3:
                row[7] += 1
                row[8] += 1.0 if a.sector3 in pred_sectors else 0.0
    return row


def score_events(
    golds: Sequence[PloverGold],
    predictions: dict[str, list[Event]],
    *,
    dataset: str,
    gold: str,
    source: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
) -> Report:
    rows = np.array([sentence_row(g, predictions.get(g.doc_id, [])) for g in golds], dtype=float).reshape(len(golds), _COLS)
    report = Report(task="events", dataset=dataset, gold=gold, predictions=source, seed=seed, n_bootstrap=n_boot, limit=limit)
    kw = dict(dataset=dataset, task="events", unit="sentences", n_boot=n_boot, seed=seed)
    n_all = lambda s: s[0] * 0 + len(golds)  # noqa: E731 - every sentence is in the denominator
    report.measures += [
        measure_from_sums(rows, lambda s: safe_div(s[1], len(golds)), n_of=n_all, key="type_acc",
                          name="event type accuracy (top event)", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[4], s[3]), n_of=lambda s: s[3], key="actor_country_acc",
                          name="actor country accuracy", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[6], s[5]), n_of=lambda s: s[5], key="recipient_country_acc",
                          name="recipient country accuracy", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[8], s[7]), n_of=lambda s: s[7], key="sector_acc",
                          name="actor/recipient sector accuracy", **kw),
        measure_from_sums(rows, lambda s: safe_div(s[2], len(golds)), n_of=n_all, key="type_any_acc",
                          name="gold type among any predicted event", headline=False, **kw),
        measure_from_sums(rows, lambda s: safe_div(s[0], len(golds)), n_of=n_all, key="coverage",
                          name="sentences with at least one event", headline=False, **kw),
    ]
    # Per-type accuracy and what the top event was instead.
    per_type: dict[str, list[str]] = {}
    for g in golds:
        top = top_event(predictions.get(g.doc_id, []))
        per_type.setdefault(g.event, []).append(normalise_event_type(top.event) if top else "(none)")
    table_rows: list[list[str | float | int | None]] = []
    for typ, preds in sorted(per_type.items()):
        wrong: dict[str, int] = {}
        for p in preds:
            if p != typ:
                wrong[p] = wrong.get(p, 0) + 1
        top_wrong = ", ".join(f"{k} {v}" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])[:3])
        table_rows.append([typ, len(preds), safe_div(sum(1 for p in preds if p == typ), len(preds)), top_wrong])
    report.tables.append(Table(title="Accuracy by gold event type", columns=["gold type", "n", "accuracy", "most frequent errors"], rows=table_rows))
    report.notes.append(
        "Old PLOVER names renamed (DEMAND->REQUEST, DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT); the gold's "
        "non-ISO country codes read as ISO (JAP->JPN, ITL->ITA, VTN->VNM). Country accuracy: "
        "a top-event actor (recipient) code is among the gold codes, over sentences whose gold has one; sector: each gold "
        "actor/recipient with a sector counts once, right when the same side of the top event has that 3-letter sector."
    )
    return report


def type_only_measures(
    golds: Sequence[PloverGold],
    predictions: dict[str, list[Event]],
    *,
    dataset: str,
    system: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> list[Measure]:
    """Event-type accuracy alone, for a component that predicts types but no actors."""
    rows = np.array([sentence_row(g, predictions.get(g.doc_id, []))[:3] for g in golds], dtype=float).reshape(len(golds), 3)
    return [measure_from_sums(rows, lambda s: safe_div(s[1], len(golds)), n_of=lambda s: len(golds), dataset=dataset,
                              task="events", key="type_acc", name="event type accuracy (top event)", system=system,
                              unit="sentences", n_boot=n_boot, seed=seed)]


def type_agreement(first: dict[str, list[Event]], second: dict[str, list[Event]], pairs: Sequence[tuple[str, str]]) -> float:
    """Share of paired documents (e.g. English and German version) whose top event types agree."""
    agree = 0
    for a, b in pairs:
        ta, tb = top_event(first.get(a, [])), top_event(second.get(b, []))
        agree += 1 if (ta and tb and normalise_event_type(ta.event) == normalise_event_type(tb.event)) or (not ta and not tb) else 0
    return safe_div(agree, len(pairs))

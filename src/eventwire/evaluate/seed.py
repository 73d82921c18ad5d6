"""Checks of one document against a hand-written "seed" gold file (``gold/seed/*.gold.json``).

The gold lists events with acceptable values (type, mode, actor and recipient country/sector/entity,
modality, attribution, location, date and precision), entities and places with their canonical
links, document metadata, and ``must_not_contain`` constraints written as short sentences. Every
check is derived from the gold file; the constraint sentences are read with a few general patterns
("any X, Y or Z event between AAA and BBB", "... e-mail addresses ...", "N1 or N2 as event actors",
"be dated YYYY", "be reported as an asserted ...").
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.metrics import haversine_km, safe_div
from eventwire.evaluate.report import Report, Table, measure_from_sums
from eventwire.records import Document, Event, Mention

__all__ = [
    "SeedGold",
    "SeedEvent",
    "EventMatch",
    "Check",
    "read_seed",
    "match_event",
    "must_not_checks",
    "entity_checks",
    "place_checks",
    "metadata_checks",
    "score_seed",
    "CORE_CRITERIA",
]

log = logging.getLogger(__name__)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
ATTRIBUTION_KINDS = ("agency", "media", "official", "person", "unnamed")
# Criteria a predicted event must all meet for a gold event to count as found.
CORE_CRITERIA = ("type", "actor", "recipient", "modality", "attribution", "location", "date", "must_not")


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow")


class Accept(_Loose):
    accept: list[str] = Field(default_factory=list)


class AcceptAny(_Loose):
    accept_any: list[str] = Field(default_factory=list)


class SeedParty(_Loose):
    country: str | list[str] | None = None
    sector: str | list[str] | None = None
    entity: str | None = None


class SeedDate(_Loose):
    value: str
    precision: str | None = None
    weekday: str | None = None
    must_not: str | None = None


class SeedLocation(_Loose):
    accept_places: list[str] = Field(default_factory=list)


class SeedEvent(_Loose):
    id: str
    required: bool = True
    summary: str = ""
    event: Accept
    mode: Accept | None = None
    actor: SeedParty | None = None
    recipient: SeedParty | None = None
    location: SeedLocation | None = None
    date: SeedDate | None = None
    modality: str | Accept | None = None
    attributed_to: AcceptAny | None = None
    context: AcceptAny | None = None
    must_not: str | None = None


class SeedEntity(_Loose):
    id: str
    type: str | None = None
    canonical: str
    wikidata: str | None = None
    country: str | None = None
    sector: str | list[str] | None = None
    mentions: list[str] = Field(default_factory=list)


class SeedPlace(_Loose):
    mention: str
    canonical: str
    kind: str | None = None
    country: str | None = None
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    tolerance_km: float | None = None


class SeedPublished(_Loose):
    value: str
    precision: str | None = None


class SeedMetadata(_Loose):
    language: str | None = None
    publisher: str | None = None
    published: SeedPublished | None = None
    authors: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)


class SeedGold(_Loose):
    document: str
    metadata: SeedMetadata = Field(default_factory=SeedMetadata)
    entities: list[SeedEntity] = Field(default_factory=list)
    places: list[SeedPlace] = Field(default_factory=list)
    events: list[SeedEvent] = Field(default_factory=list)
    must_not_contain: list[str] = Field(default_factory=list)

    def entity(self, key: str) -> SeedEntity | None:
        return next((e for e in self.entities if e.id == key), None)

    def place(self, mention: str) -> SeedPlace | None:
        return next((p for p in self.places if p.mention.casefold() == mention.casefold()), None)


class Check(BaseModel):
    """One yes/no check with what it looked at."""

    name: str
    ok: bool
    detail: str = ""


class EventMatch(BaseModel):
    gold_id: str
    required: bool
    event_id: str | None = Field(None, description="best predicted event, if any of the accepted type")
    criteria: dict[str, bool] = Field(default_factory=dict, description="criterion -> met (only those the gold sets)")

    @property
    def found(self) -> bool:
        core = [v for k, v in self.criteria.items() if k in CORE_CRITERIA]
        return self.event_id is not None and all(core)


def read_seed(path: Path) -> SeedGold:
    return SeedGold.model_validate(json.loads(path.read_text(encoding="utf-8")))


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _name_matches(text: str, names: Sequence[str]) -> bool:
    t = text.casefold().strip()
    for n in names:
        n = n.casefold().strip()
        if n and (n == t or n in t or (len(t) >= 4 and t in n)):
            return True
    return False


def _entity_names(gold: SeedGold, key: str) -> list[str]:
    ent = gold.entity(key)
    return [ent.canonical, *ent.mentions] if ent else [key]


def _party_ok(gold: SeedGold, party: SeedParty, actors: Sequence) -> dict[str, bool]:
    out: dict[str, bool] = {}
    countries = {c.upper() for c in _as_list(party.country)}
    if countries:
        out["country"] = any((a.code or "").upper()[:3] in countries for a in actors)
    sectors = {s.upper()[:3] for s in _as_list(party.sector)}
    if sectors:
        out["sector"] = any((a.sector or "").upper()[:3] in sectors for a in actors)
    if party.entity:
        ent = gold.entity(party.entity)
        names = _entity_names(gold, party.entity)
        out["entity"] = any(
            (ent is not None and ent.wikidata and a.identifier_id == ent.wikidata) or _name_matches(a.entity_text, names)
            for a in actors
        )
    return out


def _attribution_ok(gold: SeedGold, accept_any: Sequence[str], event: Event) -> bool:
    for want in accept_any:
        ent = gold.entity(want)
        if ent is not None:
            names = [ent.canonical, *ent.mentions]
            if any(_name_matches(a.text, names) for a in event.attributed_to):
                return True
            continue
        words = set(re.findall(r"\w+", want.casefold()))
        kinds = words & set(ATTRIBUTION_KINDS)
        if any(a.kind in kinds for a in event.attributed_to):
            return True
    return False


def _place_ok(place: SeedPlace | None, name: str, lat: float | None, lon: float | None, geonameid: int | None,
              extracted: str | None = None) -> bool:
    """A predicted place (name, coordinates, id) is the gold place."""
    if place is None:
        return bool(extracted and extracted.casefold() == name.casefold())
    if place.geonames is not None and geonameid == place.geonames:
        return True
    if place.lat is not None and place.lon is not None and lat is not None and lon is not None:
        return haversine_km(place.lat, place.lon, lat, lon) <= (place.tolerance_km or 25.0)
    return False


def _location_ok(gold: SeedGold, loc: SeedLocation, event: Event) -> bool:
    el = event.event_loc
    if el is None:
        return False
    for name in loc.accept_places:
        place = gold.place(name)
        if _place_ok(place, name, el.lat, el.lon, el.geonameid, el.extracted_place):
            return True
        texts = [t for t in (el.extracted_place, el.resolved_place) if t]
        if any(_name_matches(t, [name] + ([place.canonical] if place else [])) for t in texts) and (
            place is None or (place.geonames is None and place.lat is None)
        ):
            return True
    return False


def _event_must_not(text: str) -> Callable[[Event], bool] | None:
    """A predicate that is True when the event respects the constraint, for the patterns known."""
    m = re.search(r"dated (\d{4})", text)
    if m:
        year = m.group(1)
        return lambda e: not (e.date or "").startswith(year)
    if re.search(r"\basserted\b", text):
        return lambda e: e.modality != "asserted"
    if re.search(r"day-precise", text):
        return lambda e: e.date_precision != "day"
    return None


def _criteria(gold: SeedGold, ge: SeedEvent, event: Event) -> dict[str, bool]:
    c: dict[str, bool] = {"type": event.event.upper() in {t.upper() for t in ge.event.accept}}
    if ge.mode and ge.mode.accept:
        c["mode"] = bool({m.casefold() for m in event.mode} & {m.casefold() for m in ge.mode.accept})
    for side, party, actors in (("actor", ge.actor, event.actor), ("recipient", ge.recipient, event.recipient)):
        if party is None:
            continue
        sub = _party_ok(gold, party, actors)
        if "country" in sub:
            c[side] = sub["country"]
        if "sector" in sub:
            c[f"{side}_sector"] = sub["sector"]
        if "entity" in sub:
            c[f"{side}_entity"] = sub["entity"]
    if ge.modality is not None:
        allowed = [ge.modality] if isinstance(ge.modality, str) else ge.modality.accept
        c["modality"] = event.modality in allowed
    if ge.attributed_to and ge.attributed_to.accept_any:
        c["attribution"] = _attribution_ok(gold, ge.attributed_to.accept_any, event)
    if ge.location and ge.location.accept_places:
        c["location"] = _location_ok(gold, ge.location, event)
    if ge.date is not None:
        ok = event.date == ge.date.value and (ge.date.precision is None or event.date_precision == ge.date.precision)
        c["date"] = ok
    if ge.context and ge.context.accept_any:
        c["context"] = bool({x.casefold() for x in event.context} & {x.casefold() for x in ge.context.accept_any})
    for text in [t for t in (ge.must_not, ge.date.must_not if ge.date else None) if t]:
        pred = _event_must_not(text)
        if pred is not None:
            c["must_not"] = c.get("must_not", True) and pred(event)
    return c


def match_event(gold: SeedGold, ge: SeedEvent, events: Sequence[Event]) -> EventMatch:
    """The predicted event of an accepted type that meets most of the gold event's criteria."""
    best: tuple[int, int, Event, dict[str, bool]] | None = None
    for ev in events:
        crit = _criteria(gold, ge, ev)
        if not crit["type"]:
            continue
        core = sum(v for k, v in crit.items() if k in CORE_CRITERIA)
        score = (core, sum(crit.values()))
        if best is None or score > best[:2]:
            best = (score[0], score[1], ev, crit)
    if best is None:
        empty = _criteria(gold, ge, Event(id="", event="__none__"))
        return EventMatch(gold_id=ge.id, required=ge.required, criteria={k: False for k in empty})
    return EventMatch(gold_id=ge.id, required=ge.required, event_id=best[2].id, criteria=best[3])


def _split_list(text: str) -> list[str]:
    return [p.strip() for p in re.split(r",\s*|\s+or\s+|\s+and\s+", text) if p.strip()]


def must_not_checks(gold: SeedGold, document: Document | None, events: Sequence[Event], mentions: Sequence[Mention]) -> list[Check]:
    """The ``must_not_contain`` sentences, read with general patterns; unknown ones are reported unchecked."""
    checks: list[Check] = []
    for text in gold.must_not_contain:
        m = re.search(r"any (.+?) events? between (\w{3}) and (\w{3})", text)
        if m:
            types = {t.upper() for t in _split_list(m.group(1))}
            a, b = m.group(2).upper(), m.group(3).upper()
            bad = []
            for ev in events:
                if ev.event.upper() not in types:
                    continue
                src = {(x.code or "")[:3].upper() for x in ev.actor}
                tgt = {(x.code or "")[:3].upper() for x in ev.recipient}
                if (a in src and b in tgt) or (b in src and a in tgt):
                    bad.append(f"{ev.event} {ev.id}")
            checks.append(Check(name=text, ok=not bad, detail="; ".join(bad)))
            continue
        if re.search(r"e-?mail", text, re.I):
            bad = []
            if document is not None and EMAIL.search(document.body):
                bad.append(f"body contains {EMAIL.search(document.body).group(0)}")  # type: ignore[union-attr]
            bad += [f"mention {x.text!r}" for x in mentions if EMAIL.search(x.text)]
            for ev in events:
                bad += [f"actor {x.entity_text!r}" for x in [*ev.actor, *ev.recipient] if EMAIL.search(x.entity_text)]
                bad += [f"evidence in {ev.id}" for x in ev.evidence if EMAIL.search(x.text)]
            checks.append(Check(name=text, ok=not bad, detail="; ".join(bad)))
            continue
        m = re.search(r"^(.+?) as (?:event )?actors?", text)
        if m:
            names = _split_list(m.group(1))
            bad = [f"{x.entity_text!r} in {ev.id}" for ev in events for x in [*ev.actor, *ev.recipient]
                   if _name_matches(x.entity_text, names)]
            checks.append(Check(name=text, ok=not bad, detail="; ".join(bad)))
            continue
        log.warning("must_not_contain entry not understood, not checked: %s", text)
    return checks


def _mentions_for(names: Sequence[str], mentions: Sequence[Mention]) -> list[Mention]:
    return [m for m in mentions if _name_matches(m.text, names)]


def entity_checks(gold: SeedGold, mentions: Sequence[Mention]) -> list[Check]:
    """Each gold entity: found as a mention, and linked to the right identity (QID, else country)."""
    out = []
    for ent in gold.entities:
        found = _mentions_for([ent.canonical, *ent.mentions], mentions)
        linked = [
            m for m in found if m.entity is not None and (
                (ent.wikidata and m.entity.identifier_id == ent.wikidata)
                or (not ent.wikidata and ent.country and (m.entity.code or "")[:3].upper() == ent.country.upper())
            )
        ]
        detail = "not found" if not found else (f"linked {linked[0].entity.kb_id}" if linked else  # type: ignore[union-attr]
                                                f"found {found[0].text!r}, link {found[0].entity.model_dump() if found[0].entity else None}")
        out.append(Check(name=ent.canonical, ok=bool(linked), detail=detail))
    return out


def place_checks(gold: SeedGold, mentions: Sequence[Mention]) -> list[Check]:
    """Each gold place: a mention of it resolved to the right GeoNames id, coordinates or country."""
    out = []
    for place in gold.places:
        found = [m for m in _mentions_for([place.mention], mentions) if m.place is not None]
        ok_any = False
        detail = "no place mention"
        for m in found:
            p = m.place
            assert p is not None
            if place.geonames is not None or place.lat is not None:
                ok = _place_ok(place, place.mention, p.lat, p.lon, p.geonameid)
            else:
                ok = bool(place.country and (p.country_code or "").upper() == place.country.upper())
            detail = f"{p.name} ({p.geonameid}, {p.country_code})"
            if ok:
                ok_any = True
                break
        out.append(Check(name=f"{place.mention} -> {place.canonical}", ok=ok_any, detail=detail))
    return out


def metadata_checks(gold: SeedGold, document: Document | None) -> list[Check]:
    md = gold.metadata
    if document is None:
        return []
    out = []
    if md.published is not None:
        out.append(Check(name=f"published {md.published.value}", ok=document.published == md.published.value, detail=str(document.published)))
        if md.published.precision:
            out.append(Check(name=f"published precision {md.published.precision}", ok=document.published_precision == md.published.precision,
                             detail=str(document.published_precision)))
    if md.publisher:
        out.append(Check(name=f"publisher {md.publisher}", ok=(document.publication or "").casefold() == md.publisher.casefold(),
                         detail=str(document.publication)))
    if md.language:
        out.append(Check(name=f"language {md.language}", ok=document.language == md.language, detail=str(document.language)))
    if md.authors:
        out.append(Check(name="authors", ok=sorted(document.authors) == sorted(md.authors), detail=", ".join(document.authors)))
    if md.editors:
        out.append(Check(name="editors", ok=sorted(document.editors) == sorted(md.editors), detail=", ".join(document.editors)))
    return out


def _check_measure(checks: Sequence[Check], key: str, name: str, dataset: str, n_boot: int, seed: int, unit: str):
    rows = np.array([[1.0, 1.0 if c.ok else 0.0] for c in checks]).reshape(len(checks), 2)
    return measure_from_sums(rows, lambda s: safe_div(s[1], s[0]), n_of=lambda s: s[0], dataset=dataset, task="events",
                             key=key, name=name, unit=unit, n_boot=n_boot, seed=seed)


def score_seed(
    gold: SeedGold,
    document: Document | None,
    events: Sequence[Event],
    mentions: Sequence[Mention],
    *,
    dataset: str,
    gold_path: str,
    source: str,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
) -> Report:
    report = Report(task="events", dataset=dataset, gold=gold_path, predictions=source, seed=seed, n_bootstrap=n_boot)
    matches = [match_event(gold, ge, events) for ge in gold.events]
    required = [m for m in matches if m.required]
    rows = np.array([[1.0, 1.0 if m.found else 0.0] for m in required]).reshape(len(required), 2)
    kw = dict(dataset=dataset, task="events", n_boot=n_boot, seed=seed)
    report.measures.append(measure_from_sums(rows, lambda s: safe_div(s[1], s[0]), n_of=lambda s: s[0], key="required_events_found",
                                             name="required gold events found (all criteria)", unit="events", **kw))
    crit_rows = np.array([[len(m.criteria), sum(m.criteria.values())] for m in matches], dtype=float).reshape(len(matches), 2)
    report.measures.append(measure_from_sums(crit_rows, lambda s: safe_div(s[1], s[0]), n_of=lambda s: s[0], key="event_criteria",
                                             name="gold event criteria met (best matching event)", unit="events", **kw))
    mnc = must_not_checks(gold, document, events, mentions)
    ents = entity_checks(gold, mentions)
    places = place_checks(gold, mentions)
    meta = metadata_checks(gold, document)
    for checks, key, name, unit in (
        (mnc, "must_not_respected", "must-not-contain constraints respected", "constraints"),
        (ents, "entities_linked", "gold entities found and linked", "entities"),
        (places, "places_resolved", "gold places resolved", "places"),
        (meta, "metadata_ok", "document metadata right", "fields"),
    ):
        if checks:
            report.measures.append(_check_measure(checks, key, name, dataset, n_boot, seed, unit))
    all_crit = sorted({k for m in matches for k in m.criteria}, key=lambda k: (k not in CORE_CRITERIA, k))
    report.tables.append(Table(
        title="Gold events (best matching predicted event)",
        columns=["gold", "required", "found", "event", *all_crit],
        rows=[[m.gold_id, "yes" if m.required else "no", "yes" if m.found else "no", m.event_id or "",
               *[("ok" if m.criteria[k] else "FAIL") if k in m.criteria else "" for k in all_crit]] for m in matches],
    ))
    for title, checks in (("Must not contain", mnc), ("Entities", ents), ("Places", places), ("Metadata", meta)):
        if checks:
            report.tables.append(Table(title=title, columns=["check", "ok", "detail"],
                                       rows=[[c.name, "ok" if c.ok else "FAIL", c.detail] for c in checks]))
    report.notes.append(f"{len(events)} predicted events, {len(mentions)} mentions scored against {gold_path}.")
    return report

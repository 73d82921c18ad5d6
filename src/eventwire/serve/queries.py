"""Read queries the HTTP API needs beyond ``SQLiteStore``'s own: actors, places, the actor
network, story and article lists. Each takes a store and runs SQL on ``store.conn``.

Event filters are the store's own (``EventQuery``), so every view of the page agrees with the
event list.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from eventwire.records import DocumentRecord, Event, Evidence, Story
from eventwire.store.sqlite import EventQuery, SQLiteStore

__all__ = [
    "ActorCount",
    "PlaceCount",
    "NetworkNode",
    "NetworkEdge",
    "Network",
    "StorySummary",
    "list_actors",
    "list_places",
    "actor_network",
    "list_stories",
    "get_story",
    "count_stories",
    "list_documents",
    "events_of_document",
    "evidence_in_document",
]


class ActorCount(BaseModel):
    code: str | None = Field(None, description="country, IGO or NGO code; null where the actor has none")
    sector: str | None = None
    names: list[str] = Field(default_factory=list, description="the most frequent words the texts use for it")
    as_actor: int = 0
    as_recipient: int = 0


class PlaceCount(BaseModel):
    place: str
    geonameid: int | None = None
    lat: float
    lon: float
    country_code: str | None = None
    events: int
    event_types: dict[str, int] = Field(default_factory=dict)


class NetworkNode(BaseModel):
    id: str = Field(description="actor code, or the actor's words where it has no code")
    label: str
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    event_types: dict[str, int] = Field(default_factory=dict)


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class StorySummary(BaseModel):
    story: Story
    events: int


def _filtered_ids(store: SQLiteStore, q: EventQuery) -> tuple[str, list]:
    """A sub-select of the ids of events matching ``q`` (all of them, not one page)."""
    where, args = store._event_where(q)  # noqa: SLF001 - the store's own filter, so views agree
    return f"SELECT e.id FROM events e{where}", args


def list_actors(store: SQLiteStore, q: EventQuery, *, limit: int = 100) -> list[ActorCount]:
    """Actors of the matching events by (code, sector), most frequent first."""
    ids, args = _filtered_ids(store, q)
    rows = store.conn.execute(
        f"""SELECT code, sector,
                   sum(role = 'actor') AS as_actor, sum(role = 'recipient') AS as_recipient
            FROM event_actors WHERE event_id IN ({ids})
            GROUP BY code, sector ORDER BY count(*) DESC, code LIMIT ?""",
        [*args, limit],
    ).fetchall()
    out = []
    for row in rows:
        names = store.conn.execute(
            f"""SELECT entity_text FROM event_actors
                WHERE event_id IN ({ids}) AND code IS ? AND sector IS ? AND entity_text IS NOT NULL
                GROUP BY entity_text ORDER BY count(*) DESC, entity_text LIMIT 5""",
            [*args, row["code"], row["sector"]],
        ).fetchall()
        out.append(
            ActorCount(
                code=row["code"], sector=row["sector"], names=[n[0] for n in names],
                as_actor=row["as_actor"], as_recipient=row["as_recipient"],
            )
        )
    return out


def list_places(store: SQLiteStore, q: EventQuery, *, limit: int = 500) -> list[PlaceCount]:
    """Places of the matching events that have coordinates, with event counts by type."""
    ids, args = _filtered_ids(store, q)
    rows = store.conn.execute(
        f"""SELECT place, lat, lon, event,
                   json_extract(record, '$.event_loc.geonameid') AS geonameid,
                   json_extract(record, '$.event_loc.country_code') AS country_code,
                   count(*) AS n
            FROM events WHERE id IN ({ids}) AND lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY place, lat, lon, event""",
        args,
    ).fetchall()
    places: dict[tuple, PlaceCount] = {}
    for row in rows:
        key = (row["place"], row["lat"], row["lon"])
        pc = places.get(key)
        if pc is None:
            pc = places[key] = PlaceCount(
                place=row["place"] or f"{row['lat']:.2f}, {row['lon']:.2f}", geonameid=row["geonameid"],
                lat=row["lat"], lon=row["lon"], country_code=row["country_code"], events=0,
            )
        pc.events += row["n"]
        pc.event_types[row["event"]] = pc.event_types.get(row["event"], 0) + row["n"]
    ranked = sorted(places.values(), key=lambda p: (-p.events, p.place))
    return ranked[:limit]


def actor_network(store: SQLiteStore, q: EventQuery, *, limit: int = 200) -> Network:
    """Who acts on whom in the matching events: one edge per (actor, recipient) pair."""
    ids, args = _filtered_ids(store, q)
    rows = store.conn.execute(
        f"""SELECT coalesce(a.code, a.entity_text) AS src, coalesce(r.code, r.entity_text) AS dst,
                   e.event AS event, count(DISTINCT e.id) AS n
            FROM events e
            JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
            JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
            WHERE e.id IN ({ids}) AND src IS NOT NULL AND dst IS NOT NULL AND src != dst
            GROUP BY src, dst, e.event""",
        args,
    ).fetchall()
    edges: dict[tuple[str, str], NetworkEdge] = {}
    for row in rows:
        edge = edges.setdefault((row["src"], row["dst"]), NetworkEdge(source=row["src"], target=row["dst"], events=0))
        edge.events += row["n"]
        edge.event_types[row["event"]] = edge.event_types.get(row["event"], 0) + row["n"]
    kept = sorted(edges.values(), key=lambda e: (-e.events, e.source, e.target))[:limit]
    weight: dict[str, int] = {}
    for edge in kept:
        weight[edge.source] = weight.get(edge.source, 0) + edge.events
        weight[edge.target] = weight.get(edge.target, 0) + edge.events
    nodes = [NetworkNode(id=n, label=n, events=w) for n, w in sorted(weight.items())]
    return Network(nodes=nodes, edges=kept)


def count_stories(store: SQLiteStore) -> int:
    return store.conn.execute("SELECT count(*) FROM stories").fetchone()[0]


def list_stories(store: SQLiteStore, *, limit: int = 50, offset: int = 0) -> list[StorySummary]:
    rows = store.conn.execute(
        """SELECT s.record, (SELECT count(*) FROM events e WHERE e.story_id = s.id) AS n
           FROM stories s ORDER BY json_extract(s.record, '$.last_seen') DESC, s.id LIMIT ? OFFSET ?""",
        (limit, offset),
    ).fetchall()
    return [StorySummary(story=Story.model_validate_json(r[0]), events=r[1]) for r in rows]


def get_story(store: SQLiteStore, story_id: str) -> StorySummary | None:
    row = store.conn.execute(
        "SELECT s.record, (SELECT count(*) FROM events e WHERE e.story_id = s.id) FROM stories s WHERE s.id = ?",
        (story_id,),
    ).fetchone()
    return StorySummary(story=Story.model_validate_json(row[0]), events=row[1]) if row else None


def list_documents(
    store: SQLiteStore,
    *,
    q: str | None = None,
    language: str | None = None,
    status: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[DocumentRecord], int]:
    """Stored article records (newest publication first), optionally full-text searched."""
    from eventwire.store.sqlite import _fts_query

    where, args = [], []
    if q:
        where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        args.append(_fts_query(q))
    if language:
        where.append("d.language = ?")
        args.append(language)
    if status:
        where.append("d.status = ?")
        args.append(status)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.conn.execute(f"SELECT count(*) FROM documents d{sql_where}", args).fetchone()[0]
    rows = store.conn.execute(
        f"SELECT d.record FROM documents d{sql_where} ORDER BY d.published DESC, d.doc_id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    return [DocumentRecord.model_validate_json(r[0]) for r in rows], total


def events_of_document(store: SQLiteStore, doc_id: str, *, limit: int = 1000) -> list[Event]:
    """Events that cite the document (as evidence or as one of their mentions)."""
    events, _ = store.query_events(EventQuery(doc_id=doc_id, limit=limit, sort="date", descending=False))
    return events


def evidence_in_document(event: Event, doc_id: str, body_chars: int) -> list[Evidence]:
    """The event's evidence spans that point into this document and fit its body, in text order."""
    spans = [e for e in event.evidence if e.doc_id == doc_id]
    for mention in event.mentions:
        spans += [e for e in mention.evidence if e.doc_id == doc_id]
    seen: set[tuple] = set()
    out = []
    for ev in spans:
        key = (ev.start, ev.end, ev.trigger.start if ev.trigger else None, ev.trigger.end if ev.trigger else None)
        if key in seen or not 0 <= ev.start < ev.end <= body_chars:
            continue
        if ev.trigger and not (ev.start <= ev.trigger.start < ev.trigger.end <= ev.end):
            ev = ev.model_copy(update={"trigger": None})
        seen.add(key)
        out.append(ev)
    return sorted(out, key=lambda e: (e.start, e.end))

"""PostgreSQL + PostGIS store: the same tables, methods and semantics as ``SQLiteStore``, on a server.

- one transaction per batch (a killed writer leaves whole batches only), idempotent by content hash;
- full-text search per language: each document's ``tsvector`` is built with the text-search
  configuration of its language (``german``, ``english``, else ``simple``), and a query matches
  when all its words match under one of them (so "Angriffe" finds "Angriff", "talks" finds "talk");
- event points as ``geography(Point, 4326)`` with a GiST index (distances: ``events_near``), and
  a GiST index on their planar form for the map's bounding-box filter;
- text keys compare byte-wise (``COLLATE "C"``), as in SQLite, whatever the database's locale.

Needs the ``[postgres]`` extra (psycopg 3) and the PostGIS extension in the database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from itertools import count
from urllib.parse import urlsplit

from eventwire.ingest.base import Failure
from eventwire.records import Document, DocumentRecord, Event, Mention, Status, Story
from eventwire.store.sqlite import SCHEMA_VERSION, EventQuery

__all__ = ["PostgresStore", "StoreError", "TS_CONFIGS", "ts_config"]

log = logging.getLogger(__name__)

# Text-search configuration per document language; others use 'simple' (no stemming, no stop words).
TS_CONFIGS = {"de": "german", "en": "english"}

_C = 'COLLATE "C"'
_TS_CONFIG_SQL = (
    "CASE language "
    + " ".join(f"WHEN '{lang}' THEN '{cfg}'::regconfig" for lang, cfg in TS_CONFIGS.items())
    + " ELSE 'simple'::regconfig END"
)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key text {_C} PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id bigserial PRIMARY KEY,
    doc_id text {_C} NOT NULL UNIQUE,
    content_hash text {_C} NOT NULL UNIQUE,
    language text {_C}, publication text {_C}, published text {_C}, published_precision text {_C},
    title text, url text {_C}, source_path text {_C}, status text {_C} NOT NULL, reason text,
    record jsonb NOT NULL,
    body text NOT NULL,
    stored_at double precision NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector({_TS_CONFIG_SQL}, coalesce(title, '') || ' ' || body)) STORED
);
CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin (tsv);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id text {_C} NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start integer NOT NULL, "end" integer NOT NULL, label text {_C} NOT NULL, text text NOT NULL,
    code text {_C}, kb_id text {_C}, geonameid bigint, value text {_C},
    record jsonb NOT NULL,
    PRIMARY KEY (doc_id, start, "end", label)
);
CREATE TABLE IF NOT EXISTS events (
    pk bigserial PRIMARY KEY,
    id text {_C} NOT NULL UNIQUE,
    event text {_C} NOT NULL, modality text {_C}, date text {_C}, date_precision text {_C},
    story_id text {_C}, confidence double precision, lat double precision, lon double precision, place text,
    num_articles integer, num_sources integer,
    record jsonb NOT NULL,
    geog geography(Point, 4326)
);
CREATE INDEX IF NOT EXISTS events_event ON events (event);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE INDEX IF NOT EXISTS events_story ON events (story_id);
CREATE INDEX IF NOT EXISTS events_geog ON events USING gist (geog);
CREATE INDEX IF NOT EXISTS events_geom ON events USING gist ((geog::geometry));
CREATE TABLE IF NOT EXISTS event_actors (
    event_id text {_C} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role text {_C} NOT NULL, code text {_C}, sector text {_C}, entity_text text {_C}
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
CREATE INDEX IF NOT EXISTS event_actors_code ON event_actors (role, code);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id text {_C} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id text {_C} NOT NULL,
    record jsonb NOT NULL,
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX IF NOT EXISTS event_mentions_doc ON event_mentions (doc_id);
CREATE TABLE IF NOT EXISTS stories (id text {_C} PRIMARY KEY, record jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS merges (
    from_id text {_C} NOT NULL, into_id text {_C} NOT NULL, kind text {_C} NOT NULL, at double precision NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    id bigserial PRIMARY KEY, source text NOT NULL, line integer, reason text NOT NULL, at double precision NOT NULL
);
"""

_SORTS = {"date": f"e.date {_C}", "confidence": "e.confidence", "num_articles": "e.num_articles",
          "event": f"e.event {_C}"}

# A query matches a document when all its words match under one of the configurations.
_TSQUERY = "(" + " || ".join(
    f"plainto_tsquery('{cfg}', %s)" for cfg in (*TS_CONFIGS.values(), "simple")
) + ")"
_TSQUERY_ARGS = len(TS_CONFIGS) + 1

_cursor_names = count()


class StoreError(RuntimeError):
    """The database cannot be used as a store (unreachable, no PostGIS, no rights); says what to do."""


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


def _text(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL; replace it by U+FFFD (same length, so offsets stay right)."""
    return value.replace("\x00", "\ufffd") if value and "\x00" in value else value


def _json(model) -> str:
    return model.model_dump_json(exclude_none=True).replace("\\u0000", "\\ufffd")


class PostgresStore:
    """A store in a PostgreSQL database with PostGIS (``postgresql://user:pass@host:port/db``)."""

    def __init__(self, url: str, *, readonly: bool = False):
        try:
            import psycopg
        except ImportError:
            raise StoreError(
                "a postgresql:// store needs psycopg: pip install 'eventwire[postgres]'"
            ) from None
        self.url = url
        self.readonly = readonly
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as err:
            raise StoreError(f"cannot connect to {_redact(url)}: {str(err).strip()}") from None
        try:
            self._ensure_postgis()
            if readonly:
                self._check_schema()
                self.conn.execute("SET default_transaction_read_only = on")
            else:
                self._create_schema()
        except BaseException:
            self.conn.close()
            raise

    # -- setup ---------------------------------------------------------------------------

    def _ensure_postgis(self) -> None:
        import psycopg

        if self.conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone():
            return
        if self.readonly:
            raise StoreError(f"{_redact(self.url)} has no PostGIS extension: it holds no eventwire store")
        try:
            self.conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        except psycopg.errors.InsufficientPrivilege:
            raise StoreError(
                f"PostGIS is not enabled in {_redact(self.url)} and this user may not enable it: ask the "
                "database owner to run `CREATE EXTENSION postgis;` in it"
            ) from None
        except (psycopg.errors.UndefinedFile, psycopg.errors.FeatureNotSupported) as err:
            raise StoreError(
                f"PostGIS is not installed on the server of {_redact(self.url)} ({str(err).strip()}); install it "
                "(Debian: apt-get install postgis) and run `CREATE EXTENSION postgis;`"
            ) from None

    def _create_schema(self) -> None:
        with self.conn.transaction():
            # one process creates the tables at a time (concurrent CREATE ... IF NOT EXISTS can clash)
            self.conn.execute("SELECT pg_advisory_xact_lock(hashtext('eventwire-schema'))")
            self.conn.execute(_SCHEMA)
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', %s) ON CONFLICT (key) DO NOTHING",
                (str(SCHEMA_VERSION),),
            )

    def _check_schema(self) -> None:
        row = self.conn.execute("SELECT to_regclass('events') IS NOT NULL").fetchone()
        if not row[0]:
            raise StoreError(f"no eventwire store in {_redact(self.url)} (run `eventwire ingest --db URL` first)")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Content hashes already stored as coded or skipped (not failed: those are retried)."""
        if not hashes:
            return set()
        rows = self.conn.execute(
            "SELECT content_hash FROM documents WHERE content_hash = ANY(%s) AND status <> 'failed'", (list(hashes),)
        )
        return {r[0] for r in rows}

    def write_batch(self, docs: list[Document], failures: list[Failure] = ()) -> int:
        """Store a batch atomically; returns how many documents were new."""
        new = 0
        now = time.time()
        with self.conn.transaction(), self.conn.cursor() as cur:
            for doc in docs:
                new += self._write_document(cur, doc, now)
            if failures:
                cur.executemany(
                    "INSERT INTO failures(source, line, reason, at) VALUES (%s, %s, %s, %s)",
                    [(_text(f.source), f.line, _text(f.reason), now) for f in failures],
                )
        return new

    def _write_document(self, cur, doc: Document, now: float) -> int:
        row = cur.execute(
            "SELECT id, doc_id, status FROM documents WHERE content_hash = %s OR doc_id = %s FOR UPDATE",
            (doc.content_hash, doc.doc_id),
        ).fetchone()
        if row is not None:
            if row[2] != Status.failed.value:
                return 0
            cur.execute("DELETE FROM documents WHERE id = %s", (row[0],))  # its mentions go with it
        record = doc.record()
        cur.execute(
            """INSERT INTO documents(doc_id, content_hash, language, publication, published, published_precision,
               title, url, source_path, status, reason, record, body, stored_at)
               VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
               ON CONFLICT DO NOTHING""",
            (
                _text(doc.doc_id), doc.content_hash, doc.language, _text(doc.publication), doc.published,
                doc.published_precision, _text(doc.title), _text(doc.url), _text(doc.source_path), doc.status.value,
                _text(doc.reason), record.model_dump_json().replace("\\u0000", "\\ufffd"), _text(doc.body), now,
            ),
        )
        if cur.rowcount == 0:  # a concurrent writer stored the same article first
            return 0
        if doc.mentions:
            cur.executemany(
                """INSERT INTO mentions(doc_id, start, "end", label, text, code, kb_id, geonameid, value, record)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
                   ON CONFLICT (doc_id, start, "end", label) DO UPDATE SET text = EXCLUDED.text,
                   code = EXCLUDED.code, kb_id = EXCLUDED.kb_id, geonameid = EXCLUDED.geonameid,
                   value = EXCLUDED.value, record = EXCLUDED.record""",
                [
                    (
                        _text(m.doc_id), m.start, m.end, m.label, _text(m.text),
                        (m.entity.code if m.entity else None) or (m.place.country_code if m.place else None),
                        m.entity.kb_id if m.entity else None,
                        m.place.geonameid if m.place else None,
                        m.value, _json(m),
                    )
                    for m in doc.mentions
                ],
            )
        for event in doc.events:
            self.upsert_event(event, cur=cur)
        return 1

    def upsert_event(self, event: Event, *, cur=None) -> None:
        """Insert or replace one event with its actors, mentions and map point."""
        if cur is None:
            with self.conn.transaction(), self.conn.cursor() as own:
                self.upsert_event(event, cur=own)
            return
        loc = event.event_loc
        lat = loc.lat if loc else None
        lon = loc.lon if loc else None
        point = lat is not None and lon is not None
        cur.execute(
            f"""INSERT INTO events(id, event, modality, date, date_precision, story_id, confidence, lat, lon, place,
                num_articles, num_sources, record, geog)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
                        {'ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography' if point else 'NULL'})
                ON CONFLICT (id) DO UPDATE SET event = EXCLUDED.event, modality = EXCLUDED.modality,
                date = EXCLUDED.date, date_precision = EXCLUDED.date_precision, story_id = EXCLUDED.story_id,
                confidence = EXCLUDED.confidence, lat = EXCLUDED.lat, lon = EXCLUDED.lon, place = EXCLUDED.place,
                num_articles = EXCLUDED.num_articles, num_sources = EXCLUDED.num_sources,
                record = EXCLUDED.record, geog = EXCLUDED.geog""",
            (
                event.id, event.event, event.modality, event.date, event.date_precision, event.story_id,
                event.confidence, lat, lon, _text(loc.resolved_place or loc.extracted_place) if loc else None,
                event.num_articles, event.num_sources, _json(event), *((lon, lat) if point else ()),
            ),
        )
        cur.execute("DELETE FROM event_actors WHERE event_id = %s", (event.id,))
        actors = [(event.id, "actor", a.code, a.sector, _text(a.entity_text)) for a in event.actor] + [
            (event.id, "recipient", a.code, a.sector, _text(a.entity_text)) for a in event.recipient
        ]
        if actors:
            cur.executemany(
                "INSERT INTO event_actors(event_id, role, code, sector, entity_text) VALUES (%s, %s, %s, %s, %s)",
                actors,
            )
        doc_ids = {m.doc_id for m in event.mentions} or {e.doc_id for e in event.evidence}
        rows = []
        for doc_id in sorted(doc_ids):
            mention = next((m for m in event.mentions if m.doc_id == doc_id), None)
            rows.append((event.id, _text(doc_id), mention.model_dump_json() if mention else "{}"))
        if rows:
            cur.executemany(
                """INSERT INTO event_mentions(event_id, doc_id, record) VALUES (%s, %s, %s)
                   ON CONFLICT (event_id, doc_id) DO UPDATE SET record = EXCLUDED.record""",
                rows,
            )

    def record_merge(self, from_id: str, into_id: str, kind: str) -> None:
        self.conn.execute(
            "INSERT INTO merges(from_id, into_id, kind, at) VALUES (%s, %s, %s, %s)",
            (from_id, into_id, kind, time.time()),
        )

    def put_story(self, story: Story) -> None:
        self.conn.execute(
            "INSERT INTO stories(id, record) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
            (story.id, story.model_dump_json()),
        )

    # -- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "mentions", "events", "stories", "failures"):
            out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def _stream(self, sql: str, args: tuple = ()) -> Iterator[tuple]:
        """Rows of a large result through a server-side cursor (memory stays flat)."""
        with self.conn.transaction(), self.conn.cursor(name=f"eventwire_{next(_cursor_names)}") as cur:
            cur.itersize = 2000
            cur.execute(sql, args)
            yield from cur

    def iter_documents(self) -> Iterator[DocumentRecord]:
        for row in self._stream("SELECT record::text FROM documents ORDER BY id"):
            yield DocumentRecord.model_validate_json(row[0])

    def get_document(self, doc_id: str) -> tuple[DocumentRecord, str] | None:
        row = self.conn.execute("SELECT record::text, body FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        if row is None:
            return None
        return DocumentRecord.model_validate_json(row[0]), row[1]

    def iter_mentions(self, doc_id: str | None = None) -> Iterator[Mention]:
        sql = "SELECT record::text FROM mentions"
        args: tuple = ()
        if doc_id:
            sql += " WHERE doc_id = %s"
            args = (doc_id,)
        for row in self._stream(sql + " ORDER BY doc_id, start", args):
            yield Mention.model_validate_json(row[0])

    def iter_failures(self) -> Iterator[Failure]:
        for row in self._stream("SELECT source, line, reason FROM failures ORDER BY id"):
            yield Failure(source=row[0], line=row[1], reason=row[2])

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT record::text FROM events WHERE id = %s", (event_id,)).fetchone()
        return Event.model_validate_json(row[0]) if row else None

    def _event_where(self, q: EventQuery) -> tuple[str, list]:
        where: list[str] = []
        args: list = []
        if q.start:
            where.append("e.date >= %s")
            args.append(q.start)
        if q.end:
            where.append("left(e.date, length(%s)) <= %s")
            args += [q.end, q.end]
        for column, values in (("e.event", q.event), ("e.modality", q.modality)):
            if values:
                where.append(f"{column} = ANY(%s)")
                args.append(list(values))
        for role, column, values in (
            ("actor", "code", q.actor_code),
            ("recipient", "code", q.recipient_code),
            ("actor", "sector", q.actor_sector),
            ("recipient", "sector", q.recipient_sector),
        ):
            if values:
                where.append(f"e.id IN (SELECT event_id FROM event_actors WHERE role = %s AND {column} = ANY(%s))")
                args += [role, list(values)]
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            where.append(
                "e.geog::geometry && ST_MakeEnvelope(%s, %s, %s, %s, 4326) "
                "AND e.lat BETWEEN %s AND %s AND e.lon BETWEEN %s AND %s"
            )
            args += [min_lon, min_lat, max_lon, max_lat, min_lat, max_lat, min_lon, max_lon]
        if q.story_id:
            where.append("e.story_id = %s")
            args.append(q.story_id)
        if q.doc_id:
            where.append("e.id IN (SELECT event_id FROM event_mentions WHERE doc_id = %s)")
            args.append(q.doc_id)
        if q.q:
            where.append(
                "e.id IN (SELECT em.event_id FROM event_mentions em JOIN documents d ON d.doc_id = em.doc_id "
                f"WHERE d.tsv @@ {_TSQUERY})"
            )
            args += [q.q] * _TSQUERY_ARGS
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def query_events(self, q: EventQuery) -> tuple[list[Event], int]:
        """Events matching the query (one page) and the total count."""
        where, args = self._event_where(q)
        order = _SORTS.get(q.sort)
        if order is None:
            raise ValueError(f"unknown sort {q.sort!r}; choose one of {', '.join(_SORTS)}")
        total = self.conn.execute(f"SELECT count(*) FROM events e{where}", args).fetchone()[0]
        # SQLite puts NULLs first in ascending order and last in descending: do the same.
        direction = "DESC NULLS LAST" if q.descending else "ASC NULLS FIRST"
        rows = self.conn.execute(
            f"SELECT e.record::text FROM events e{where} ORDER BY {order} {direction}, e.id LIMIT %s OFFSET %s",
            [*args, q.limit, q.offset],
        )
        return [Event.model_validate_json(r[0]) for r in rows], total

    def events_near(self, lat: float, lon: float, km: float, limit: int = 100) -> list[tuple[Event, float]]:
        """Events within ``km`` of a point, nearest first, with their distance in km (PostGIS only)."""
        rows = self.conn.execute(
            """SELECT record::text, ST_Distance(geog, p) / 1000.0 AS km
               FROM events, (SELECT ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography AS p) AS here
               WHERE ST_DWithin(geog, p, %s) ORDER BY km, id LIMIT %s""",
            (lon, lat, km * 1000.0, limit),
        )
        return [(Event.model_validate_json(r[0]), float(r[1])) for r in rows]

    def iter_events(self) -> Iterator[Event]:
        for row in self._stream("SELECT record::text FROM events ORDER BY pk"):
            yield Event.model_validate_json(row[0])

    def iter_stories(self) -> Iterator[Story]:
        for row in self._stream("SELECT record::text FROM stories ORDER BY id"):
            yield Story.model_validate_json(row[0])

    def search_documents(self, text: str, limit: int = 20) -> list[DocumentRecord]:
        rows = self.conn.execute(
            f"SELECT record::text FROM documents WHERE tsv @@ {_TSQUERY} ORDER BY id LIMIT %s",
            [*([text] * _TSQUERY_ARGS), limit],
        )
        return [DocumentRecord.model_validate_json(r[0]) for r in rows]

    # -- the HTTP API's read queries (eventwire.serve.queries answers them with SQL on SQLite) --------

    def _filtered_ids(self, q: EventQuery) -> tuple[str, list]:
        where, args = self._event_where(q)
        return f"SELECT e.id FROM events e{where}", args

    def list_actors(self, q: EventQuery, *, limit: int = 100):
        """As ``eventwire.serve.queries.list_actors``: actors of the matching events by (code, sector)."""
        from eventwire.serve.queries import ActorCount

        ids, args = self._filtered_ids(q)
        rows = self.conn.execute(
            f"""SELECT code, sector, count(*) FILTER (WHERE role = 'actor'),
                       count(*) FILTER (WHERE role = 'recipient')
                FROM event_actors WHERE event_id IN ({ids})
                GROUP BY code, sector ORDER BY count(*) DESC, code NULLS FIRST, sector NULLS FIRST LIMIT %s""",
            [*args, limit],
        ).fetchall()
        out = []
        for code, sector, as_actor, as_recipient in rows:
            names = self.conn.execute(
                f"""SELECT entity_text FROM event_actors
                    WHERE event_id IN ({ids}) AND code IS NOT DISTINCT FROM %s AND sector IS NOT DISTINCT FROM %s
                    AND entity_text IS NOT NULL
                    GROUP BY entity_text ORDER BY count(*) DESC, entity_text LIMIT 5""",
                [*args, code, sector],
            ).fetchall()
            out.append(ActorCount(code=code, sector=sector, names=[n[0] for n in names], as_actor=as_actor,
                                  as_recipient=as_recipient))
        return out

    def list_places(self, q: EventQuery, *, limit: int = 500):
        """As ``eventwire.serve.queries.list_places``: places with coordinates and event counts by type."""
        from eventwire.serve.queries import PlaceCount

        ids, args = self._filtered_ids(q)
        rows = self.conn.execute(
            f"""SELECT place, lat, lon, event, min((record->'event_loc'->>'geonameid')::bigint),
                       min(record->'event_loc'->>'country_code'), count(*)
                FROM events WHERE id IN ({ids}) AND lat IS NOT NULL AND lon IS NOT NULL
                GROUP BY place, lat, lon, event ORDER BY place {_C} NULLS FIRST, lat, lon, event""",
            args,
        ).fetchall()
        places: dict[tuple, PlaceCount] = {}
        for place, lat, lon, event, geonameid, country, n in rows:
            pc = places.get((place, lat, lon))
            if pc is None:
                pc = places[(place, lat, lon)] = PlaceCount(
                    place=place or f"{lat:.2f}, {lon:.2f}", geonameid=geonameid, lat=lat, lon=lon,
                    country_code=country, events=0,
                )
            pc.events += n
            pc.event_types[event] = pc.event_types.get(event, 0) + n
        return sorted(places.values(), key=lambda p: (-p.events, p.place))[:limit]

    def actor_network(self, q: EventQuery, *, limit: int = 200):
        """As ``eventwire.serve.queries.actor_network``: one edge per (actor, recipient) pair."""
        from eventwire.serve.queries import Network, NetworkEdge, NetworkNode

        ids, args = self._filtered_ids(q)
        rows = self.conn.execute(
            f"""SELECT src, dst, event, count(DISTINCT id) FROM (
                    SELECT e.id, e.event, coalesce(a.code, a.entity_text) AS src,
                           coalesce(r.code, r.entity_text) AS dst
                    FROM events e
                    JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
                    JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
                    WHERE e.id IN ({ids})) AS pairs
                WHERE src IS NOT NULL AND dst IS NOT NULL AND src <> dst
                GROUP BY src, dst, event""",
            args,
        ).fetchall()
        edges: dict[tuple[str, str], NetworkEdge] = {}
        for src, dst, event, n in rows:
            edge = edges.setdefault((src, dst), NetworkEdge(source=src, target=dst, events=0))
            edge.events += n
            edge.event_types[event] = edge.event_types.get(event, 0) + n
        kept = sorted(edges.values(), key=lambda e: (-e.events, e.source, e.target))[:limit]
        weight: dict[str, int] = {}
        for edge in kept:
            weight[edge.source] = weight.get(edge.source, 0) + edge.events
            weight[edge.target] = weight.get(edge.target, 0) + edge.events
        return Network(nodes=[NetworkNode(id=n, label=n, events=w) for n, w in sorted(weight.items())], edges=kept)

    def count_stories(self) -> int:
        return self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]

    _STORY_SQL = "SELECT s.record::text, (SELECT count(*) FROM events e WHERE e.story_id = s.id) FROM stories s"

    def list_stories(self, *, limit: int = 50, offset: int = 0):
        """As ``eventwire.serve.queries.list_stories``: latest first."""
        from eventwire.serve.queries import StorySummary

        rows = self.conn.execute(
            f"""{self._STORY_SQL} ORDER BY (s.record->>'last_seen') {_C} DESC NULLS LAST, s.id LIMIT %s OFFSET %s""",
            (limit, offset),
        ).fetchall()
        return [StorySummary(story=Story.model_validate_json(r[0]), events=r[1]) for r in rows]

    def get_story(self, story_id: str):
        from eventwire.serve.queries import StorySummary

        row = self.conn.execute(f"{self._STORY_SQL} WHERE s.id = %s", (story_id,)).fetchone()
        return StorySummary(story=Story.model_validate_json(row[0]), events=row[1]) if row else None

    def list_documents(self, *, q: str | None = None, language: str | None = None, status: str | None = None,
                       limit: int = 50, offset: int = 0) -> tuple[list[DocumentRecord], int]:
        """As ``eventwire.serve.queries.list_documents``: newest publication first, optionally searched."""
        where, args = [], []
        if q:
            where.append(f"d.tsv @@ {_TSQUERY}")
            args += [q] * _TSQUERY_ARGS
        if language:
            where.append("d.language = %s")
            args.append(language)
        if status:
            where.append("d.status = %s")
            args.append(status)
        sql_where = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.conn.execute(f"SELECT count(*) FROM documents d{sql_where}", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT d.record::text FROM documents d{sql_where} ORDER BY d.published DESC NULLS LAST, d.doc_id "
            "LIMIT %s OFFSET %s",
            [*args, limit, offset],
        ).fetchall()
        return [DocumentRecord.model_validate_json(r[0]) for r in rows], total


def ts_config(language: str | None) -> str:
    """The text-search configuration used for a document language."""
    return TS_CONFIGS.get(language or "", "simple")

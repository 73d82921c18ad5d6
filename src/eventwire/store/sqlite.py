"""SQLite store: WAL, one transaction per batch, FTS5 over article text, R*Tree over event points.

Ingest is idempotent by content hash: the same article stored twice is stored once. A process
killed mid-batch leaves the database as it was before that batch; a re-run completes it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, Field

from eventwire.ingest.base import Failure
from eventwire.records import Document, DocumentRecord, Event, Mention, Status, Story

__all__ = ["SQLiteStore", "EventQuery", "open_store", "SCHEMA_VERSION"]

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    language TEXT, publication TEXT, published TEXT, published_precision TEXT,
    title TEXT, url TEXT, source_path TEXT, status TEXT NOT NULL, reason TEXT,
    record TEXT NOT NULL,
    body TEXT NOT NULL,
    stored_at REAL NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, body, content='documents', content_rowid='rowid');
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    start INTEGER NOT NULL, end INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL,
    code TEXT, kb_id TEXT, geonameid INTEGER, value TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, end, label)
);
CREATE TABLE IF NOT EXISTS events (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL, modality TEXT, date TEXT, date_precision TEXT,
    story_id TEXT, confidence REAL, lat REAL, lon REAL, place TEXT,
    num_articles INTEGER, num_sources INTEGER,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_event ON events(event);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_story ON events(story_id);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL, code TEXT, sector TEXT, entity_text TEXT
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS event_actors_code ON event_actors(role, code);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX IF NOT EXISTS event_mentions_doc ON event_mentions(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(rowid, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS merges (
    from_id TEXT NOT NULL, into_id TEXT NOT NULL, kind TEXT NOT NULL, at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, line INTEGER, reason TEXT NOT NULL, at REAL NOT NULL
);
"""


class EventQuery(BaseModel):
    """Filters over stored events (shared by the CLI export and the HTTP API)."""

    start: str | None = None
    end: str | None = None
    event: list[str] = Field(default_factory=list)
    actor_code: list[str] = Field(default_factory=list)
    recipient_code: list[str] = Field(default_factory=list)
    actor_sector: list[str] = Field(default_factory=list)
    recipient_sector: list[str] = Field(default_factory=list)
    modality: list[str] = Field(default_factory=list)
    bbox: tuple[float, float, float, float] | None = Field(None, description="min_lon, min_lat, max_lon, max_lat")
    q: str | None = None
    story_id: str | None = None
    doc_id: str | None = None
    limit: int = Field(100, ge=1, le=10000)
    offset: int = Field(0, ge=0)
    sort: str = "date"
    descending: bool = True


_SORTS = {"date": "e.date", "confidence": "e.confidence", "num_articles": "e.num_articles", "event": "e.event"}


class SQLiteStore:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"no store at {self.path}")
            uri = f"file:{self.path}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(_SCHEMA)
            self.conn.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def known_hashes(self, hashes: list[str]) -> set[str]:
        """Content hashes already stored as coded or skipped (not failed: those are retried)."""
        if not hashes:
            return set()
        marks = ",".join("?" * len(hashes))
        rows = self.conn.execute(
            f"SELECT content_hash FROM documents WHERE content_hash IN ({marks}) AND status != 'failed'", hashes
        )
        return {r[0] for r in rows}

    def write_batch(self, docs: list[Document], failures: list[Failure] = ()) -> int:
        """Store a batch atomically; returns how many documents were new."""
        new = 0
        now = time.time()
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            for doc in docs:
                new += self._write_document(cur, doc, now)
            for failure in failures:
                cur.execute(
                    "INSERT INTO failures(source, line, reason, at) VALUES (?,?,?,?)",
                    (failure.source, failure.line, failure.reason, now),
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        return new

    def _write_document(self, cur: sqlite3.Cursor, doc: Document, now: float) -> int:
        row = cur.execute(
            "SELECT rowid, doc_id, status FROM documents WHERE content_hash = ? OR doc_id = ?",
            (doc.content_hash, doc.doc_id),
        ).fetchone()
        if row is not None:
            if row["status"] != Status.failed.value:
                return 0
            self._delete_document(cur, row["rowid"], row["doc_id"])
        record = doc.record()
        cur.execute(
            """INSERT INTO documents(doc_id, content_hash, language, publication, published, published_precision,
               title, url, source_path, status, reason, record, body, stored_at)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            (
                doc.doc_id, doc.content_hash, doc.language, doc.publication, doc.published,
                doc.published_precision, doc.title, doc.url, doc.source_path, doc.status.value, doc.reason,
                record.model_dump_json(), doc.body, now,
            ),
        )
        rowid = cur.lastrowid
        cur.execute(
            "INSERT INTO documents_fts(rowid, title, body) VALUES (?,?,?)", (rowid, doc.title or "", doc.body)
        )
        cur.executemany(
            """INSERT OR REPLACE INTO mentions(doc_id, start, end, label, text, code, kb_id, geonameid, value, record)
               VALUES (?,?,?,?,?,?,?,?,?,?)""",
            [
                (
                    m.doc_id, m.start, m.end, m.label, m.text,
                    (m.entity.code if m.entity else None) or (m.place.country_code if m.place else None),
                    m.entity.kb_id if m.entity else None,
                    m.place.geonameid if m.place else None,
                    m.value, m.model_dump_json(exclude_none=True),
                )
                for m in doc.mentions
            ],
        )
        for event in doc.events:
            self.upsert_event(event, cur=cur)
        return 1

    def _delete_document(self, cur: sqlite3.Cursor, rowid: int, doc_id: str) -> None:
        old = cur.execute("SELECT title, body FROM documents WHERE rowid = ?", (rowid,)).fetchone()
        cur.execute(
            "INSERT INTO documents_fts(documents_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            (rowid, old["title"] or "", old["body"]),
        )
        cur.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        cur.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))

    def upsert_event(self, event: Event, *, cur: sqlite3.Cursor | None = None) -> None:
        """Insert or replace one event with its actors, mentions and map point."""
        cur = cur or self.conn.cursor()
        loc = event.event_loc
        lat = loc.lat if loc else None
        lon = loc.lon if loc else None
        existing = cur.execute("SELECT rowid FROM events WHERE id = ?", (event.id,)).fetchone()
        values = (
            event.event, event.modality, event.date, event.date_precision, event.story_id, event.confidence,
            lat, lon, loc.resolved_place or loc.extracted_place if loc else None,
            event.num_articles, event.num_sources, event.model_dump_json(exclude_none=True),
        )
        if existing:
            rowid = existing[0]
            cur.execute(
                """UPDATE events SET event=?, modality=?, date=?, date_precision=?, story_id=?, confidence=?,
                   lat=?, lon=?, place=?, num_articles=?, num_sources=?, record=? WHERE rowid=?""",
                (*values, rowid),
            )
            cur.execute("DELETE FROM event_actors WHERE event_id = ?", (event.id,))
            cur.execute("DELETE FROM events_rtree WHERE rowid = ?", (rowid,))
        else:
            cur.execute(
                """INSERT INTO events(id, event, modality, date, date_precision, story_id, confidence, lat, lon,
                   place, num_articles, num_sources, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (event.id, *values),
            )
            rowid = cur.lastrowid
        cur.executemany(
            "INSERT INTO event_actors(event_id, role, code, sector, entity_text) VALUES (?,?,?,?,?)",
            [(event.id, "actor", a.code, a.sector, a.entity_text) for a in event.actor]
            + [(event.id, "recipient", a.code, a.sector, a.entity_text) for a in event.recipient],
        )
        doc_ids = {m.doc_id for m in event.mentions} or {e.doc_id for e in event.evidence}
        for doc_id in doc_ids:
            mention = next((m for m in event.mentions if m.doc_id == doc_id), None)
            cur.execute(
                "INSERT OR REPLACE INTO event_mentions(event_id, doc_id, record) VALUES (?,?,?)",
                (event.id, doc_id, mention.model_dump_json() if mention else "{}"),
            )
        if lat is not None and lon is not None:
            cur.execute("INSERT INTO events_rtree VALUES (?,?,?,?,?)", (rowid, lat, lat, lon, lon))

    def record_merge(self, from_id: str, into_id: str, kind: str) -> None:
        self.conn.execute(
            "INSERT INTO merges(from_id, into_id, kind, at) VALUES (?,?,?,?)", (from_id, into_id, kind, time.time())
        )

    def put_story(self, story: Story) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO stories(id, record) VALUES (?, ?)", (story.id, story.model_dump_json())
        )

    # -- reading -------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("documents", "mentions", "events", "stories", "failures"):
            out[table] = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    def iter_documents(self) -> Iterator[DocumentRecord]:
        for row in self.conn.execute("SELECT record FROM documents ORDER BY rowid"):
            yield DocumentRecord.model_validate_json(row[0])

    def get_document(self, doc_id: str) -> tuple[DocumentRecord, str] | None:
        row = self.conn.execute("SELECT record, body FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        return DocumentRecord.model_validate_json(row[0]), row[1]

    def iter_mentions(self, doc_id: str | None = None) -> Iterator[Mention]:
        sql = "SELECT record FROM mentions"
        args: tuple = ()
        if doc_id:
            sql += " WHERE doc_id = ?"
            args = (doc_id,)
        for row in self.conn.execute(sql + " ORDER BY doc_id, start", args):
            yield Mention.model_validate_json(row[0])

    def iter_failures(self) -> Iterator[Failure]:
        for row in self.conn.execute("SELECT source, line, reason FROM failures ORDER BY id"):
            yield Failure(source=row[0], line=row[1], reason=row[2])

    def get_event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT record FROM events WHERE id = ?", (event_id,)).fetchone()
        return Event.model_validate_json(row[0]) if row else None

    def _event_where(self, q: EventQuery) -> tuple[str, list]:
        where: list[str] = []
        args: list = []
        if q.start:
            where.append("e.date >= ?")
            args.append(q.start)
        if q.end:
            where.append("substr(e.date, 1, length(?)) <= ?")
            args += [q.end, q.end]
        for column, values in (("e.event", q.event), ("e.modality", q.modality)):
            if values:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                args += values
        for role, column, values in (
            ("actor", "code", q.actor_code),
            ("recipient", "code", q.recipient_code),
            ("actor", "sector", q.actor_sector),
            ("recipient", "sector", q.recipient_sector),
        ):
            if values:
                where.append(
                    f"e.id IN (SELECT event_id FROM event_actors WHERE role = ? AND {column} IN "
                    f"({','.join('?' * len(values))}))"
                )
                args += [role, *values]
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            where.append(
                "e.rowid IN (SELECT rowid FROM events_rtree WHERE min_lat >= ? AND max_lat <= ? "
                "AND min_lon >= ? AND max_lon <= ?)"
            )
            args += [min_lat, max_lat, min_lon, max_lon]
        if q.story_id:
            where.append("e.story_id = ?")
            args.append(q.story_id)
        if q.doc_id:
            where.append("e.id IN (SELECT event_id FROM event_mentions WHERE doc_id = ?)")
            args.append(q.doc_id)
        if q.q:
            where.append(
                "e.id IN (SELECT em.event_id FROM event_mentions em JOIN documents d ON d.doc_id = em.doc_id "
                "WHERE d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))"
            )
            args.append(_fts_query(q.q))
        return (" WHERE " + " AND ".join(where)) if where else "", args

    def query_events(self, q: EventQuery) -> tuple[list[Event], int]:
        """Events matching the query (one page) and the total count."""
        where, args = self._event_where(q)
        total = self.conn.execute(f"SELECT count(*) FROM events e{where}", args).fetchone()[0]
        order = _SORTS.get(q.sort)
        if order is None:
            raise ValueError(f"unknown sort {q.sort!r}; choose one of {', '.join(_SORTS)}")
        direction = "DESC" if q.descending else "ASC"
        rows = self.conn.execute(
            f"SELECT e.record FROM events e{where} ORDER BY {order} {direction}, e.id LIMIT ? OFFSET ?",
            [*args, q.limit, q.offset],
        )
        return [Event.model_validate_json(r[0]) for r in rows], total

    def iter_events(self) -> Iterator[Event]:
        for row in self.conn.execute("SELECT record FROM events ORDER BY rowid"):
            yield Event.model_validate_json(row[0])

    def iter_stories(self) -> Iterator[Story]:
        for row in self.conn.execute("SELECT record FROM stories ORDER BY id"):
            yield Story.model_validate_json(row[0])

    def search_documents(self, text: str, limit: int = 20) -> list[DocumentRecord]:
        rows = self.conn.execute(
            "SELECT d.record FROM documents d WHERE d.rowid IN "
            "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?) LIMIT ?",
            (_fts_query(text), limit),
        )
        return [DocumentRecord.model_validate_json(r[0]) for r in rows]


def _fts_query(text: str) -> str:
    """Plain words as an FTS5 AND query, so user punctuation never becomes FTS syntax."""
    words = [w.replace('"', "") for w in text.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words) or '""'


def open_store(url: str | Path, *, readonly: bool = False) -> SQLiteStore:
    """Open a store by URL or path (PostgreSQL URLs need the [postgres] extra)."""
    text = str(url)
    if text.startswith(("postgresql://", "postgres://")):
        from eventwire.store.postgres import PostgresStore  # type: ignore[import-not-found]

        return PostgresStore(text, readonly=readonly)  # type: ignore[return-value]
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///"):]
    return SQLiteStore(text, readonly=readonly)

"""PostgreSQL + PostGIS store: the same answers as the SQLite store, plus per-language search and geography.

Runs against the server in EVENTWIRE_TEST_PG (``.ci/run`` starts one); each test gets its own schema.
"""

from __future__ import annotations

import inspect
import os
import uuid
from urllib.parse import quote

import pytest

from eventwire.ingest import Failure
from eventwire.ingest.base import make_document
from eventwire.records import Actor, Event, EventLocation, EventMention, Evidence, Mention, Status, Story
from eventwire.store import EventQuery, SQLiteStore, open_store

PG_URL = os.environ.get("EVENTWIRE_TEST_PG")
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'eventwire[postgres]')")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="EVENTWIRE_TEST_PG is not set (postgresql:// URL of a test database with PostGIS; "
                       ".ci/run starts one)"
)

from eventwire.store.postgres import PostgresStore, StoreError  # noqa: E402


def _fresh_schema():
    schema = f"ew_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema},public')}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")


pg_url = pytest.fixture(_fresh_schema)
_module_pg_url = pytest.fixture(_fresh_schema, scope="module", name="module_pg_url")


def _doc(text, events=(), language="de", published="2023-09", doc_id=None):
    doc = make_document(text, source="t", fmt="text", language=language, published=published, doc_id=doc_id)
    doc.status = Status.coded
    doc.mentions = [Mention(doc_id=doc.doc_id, start=0, end=3, text=text[:3], label="PER")]
    doc.events = [e.model_copy(update={"evidence": [Evidence(doc_id=doc.doc_id, start=0, end=5, text=text[:5])]})
                  for e in events]
    return doc


def _event(eid, kind="CONSULT", actor="PRK", recipient="RUS", lat=None, lon=None, date="2023-09", confidence=0.5):
    loc = EventLocation(extracted_place="X", lat=lat, lon=lon) if lat is not None else None
    return Event(id=eid, event=kind, actor=[Actor(entity_text="a", code=actor, sector="GOV")],
                 recipient=[Actor(entity_text="r", code=recipient)], event_loc=loc, date=date,
                 confidence=confidence)


def test_the_postgres_store_has_every_public_method_of_the_sqlite_store():
    public = lambda cls: {n for n, _ in inspect.getmembers(cls, inspect.isfunction) if not n.startswith("_")}
    assert public(SQLiteStore) - public(PostgresStore) == set()
    for name in public(SQLiteStore):
        ours = list(inspect.signature(getattr(PostgresStore, name)).parameters)
        theirs = list(inspect.signature(getattr(SQLiteStore, name)).parameters)
        assert ours == theirs, name


def test_open_store_dispatches_postgresql_urls(pg_url):
    with open_store(pg_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.counts() == {"documents": 0, "mentions": 0, "events": 0, "stories": 0, "failures": 0}


def test_write_is_idempotent_by_content_hash(pg_url):
    with PostgresStore(pg_url) as store:
        a = _doc("Kim traf Putin in Wladiwostok.", [_event("e1", lat=43.1, lon=131.9)])
        assert store.write_batch([a]) == 1
        again = _doc("Kim  traf Putin in   Wladiwostok.")
        assert store.known_hashes([again.content_hash]) == {a.content_hash}
        assert store.write_batch([again]) == 0
        assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 1
    with PostgresStore(pg_url) as reopened:  # the schema is created once, data kept
        assert reopened.counts()["events"] == 1


def test_failed_document_is_replaced_on_retry(pg_url):
    with PostgresStore(pg_url) as store:
        bad = _doc("Ein Text.")
        bad.status = Status.failed
        store.write_batch([bad], [Failure(source="x.txt", line=3, reason="boom")])
        assert store.known_hashes([bad.content_hash]) == set()
        good = _doc("Ein Text.")
        assert store.write_batch([good]) == 1
        (record,) = list(store.iter_documents())
        assert record.status == "coded"
        assert [(f.source, f.line, f.reason) for f in store.iter_failures()] == [("x.txt", 3, "boom")]
        assert [d.doc_id for d in store.search_documents("Text")] == [good.doc_id]
        assert store.counts()["mentions"] == 1


def test_a_batch_that_fails_midway_leaves_nothing_behind(pg_url, monkeypatch):
    with PostgresStore(pg_url) as store:
        store.write_batch([_doc("Vorher gespeichert.")])
        calls = 0
        real = store.upsert_event

        def flaky(event, *, cur=None):
            nonlocal calls
            calls += 1
            if calls == 2:
                raise RuntimeError("connection lost")
            real(event, cur=cur)

        monkeypatch.setattr(store, "upsert_event", flaky)
        batch = [_doc(f"Bericht {i}.", [_event(f"b{i}")]) for i in range(3)]
        with pytest.raises(RuntimeError):
            store.write_batch(batch, [Failure(source="y", reason="r")])
        assert store.counts() == {"documents": 1, "mentions": 1, "events": 0, "stories": 0, "failures": 0}
        monkeypatch.undo()
        assert store.write_batch(batch) == 3


def _fill(store):
    store.write_batch([
        _doc("Erster Bericht über Gespräche.", [_event("e1", lat=43.1, lon=131.9, date="2023-09")]),
        _doc("Zweiter Bericht über Angriffe.", [_event("e2", kind="ASSAULT", actor="RUS", recipient="UKR",
                                                      lat=50.45, lon=30.52, date="2024-02-24", confidence=0.9)]),
        _doc("Leaders held talks in London.", [_event("e3", actor="GBR", recipient="FRA", date=None, lat=51.5,
                                                     lon=-0.12, confidence=0.1),
                                              _event("e4", kind="AGREE", actor="GBR", date="2023-09-12")],
             language="en"),
        _doc("Ohne Ereignis, aber mit Text über Gipfel.", []),
    ], [Failure(source="broken.jsonl", line=2, reason="malformed JSON")])
    store.put_story(Story(id="s1", title="Gipfel", doc_ids=["a"], languages=["de"]))
    store.record_merge("e9", "e1", "event")


QUERIES = [
    {},
    {"event": ["ASSAULT"]},
    {"event": ["CONSULT", "AGREE"], "modality": ["asserted"]},
    {"actor_code": ["PRK"]},
    {"actor_code": ["GBR"], "recipient_code": ["FRA"]},
    {"recipient_code": ["PRK"]},
    {"actor_sector": ["GOV"]},
    {"bbox": (120, 30, 140, 50)},
    {"bbox": (-1, 50, 31, 52)},
    {"start": "2024-01-01"},
    {"end": "2023-12"},
    {"end": "2023-09"},
    {"start": "2023-09-01", "end": "2023-09-30"},
    {"q": "Bericht"},
    {"q": '"unbalanced AND ('},
    {"sort": "date", "descending": True},
    {"sort": "date", "descending": False},
    {"sort": "confidence", "descending": False},
    {"sort": "event", "descending": True},
    {"sort": "num_articles"},
    {"limit": 2, "offset": 1},
    {"limit": 1, "sort": "date", "descending": True},
]


@pytest.fixture(scope="module")
def both(module_pg_url, tmp_path_factory):
    with SQLiteStore(tmp_path_factory.mktemp("lite") / "s.db") as lite, PostgresStore(module_pg_url) as pg:
        _fill(lite)
        _fill(pg)
        yield lite, pg


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) for q in QUERIES])
def test_event_queries_answer_as_in_sqlite(both, query):
    lite, pg = both
    q = EventQuery(**query)
    (lite_events, lite_total), (pg_events, pg_total) = lite.query_events(q), pg.query_events(q)
    assert [e.id for e in pg_events] == [e.id for e in lite_events]
    assert pg_total == lite_total
    assert pg_events == lite_events


def test_reads_answer_as_in_sqlite(both):
    lite, pg = both
    assert pg.counts() == lite.counts()
    assert list(pg.iter_events()) == list(lite.iter_events())
    assert list(pg.iter_mentions()) == list(lite.iter_mentions())
    doc_id = next(iter(pg.iter_documents())).doc_id
    assert list(pg.iter_mentions(doc_id)) == list(lite.iter_mentions(doc_id))
    assert list(pg.iter_documents()) == list(lite.iter_documents())
    assert list(pg.iter_failures()) == list(lite.iter_failures())
    assert list(pg.iter_stories()) == list(lite.iter_stories())
    assert pg.get_event("e2") == lite.get_event("e2") and pg.get_event("nope") is None
    assert pg.get_document(doc_id) == lite.get_document(doc_id) and pg.get_document("nope") is None
    assert pg.query_events(EventQuery(doc_id=doc_id)) == lite.query_events(EventQuery(doc_id=doc_id))


def test_search_stems_by_the_document_language(pg_url):
    with PostgresStore(pg_url) as store:
        _fill(store)
        bodies = lambda text: [store.get_document(d.doc_id)[1] for d in store.search_documents(text)]
        assert bodies("Angriff") == ["Zweiter Bericht über Angriffe."]  # German stem of Angriffe
        assert bodies("talk") == ["Leaders held talks in London."]  # English stem of talks
        assert bodies("Bericht Gespräche") == ["Erster Bericht über Gespräche."]  # all words must match
        assert len(bodies("Bericht")) == 2 and bodies("Schokolade") == []
        ids = lambda **kw: [e.id for e in store.query_events(EventQuery(**kw))[0]]
        assert ids(q="Angriff") == ["e2"] and sorted(ids(q="talk")) == ["e3", "e4"]


def test_events_near_uses_geography_distances(pg_url):
    with PostgresStore(pg_url) as store:
        _fill(store)
        near = store.events_near(lat=43.0, lon=132.0, km=50)
        assert [e.id for e, _ in near] == ["e1"] and 10 < near[0][1] < 20  # Vladivostok, ~13 km away
        assert [e.id for e, _ in store.events_near(lat=50.0, lon=15.0, km=1500)] == ["e3", "e2"]
        kinds = store.conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'events' AND indexdef LIKE '%gist%'"
        ).fetchall()
        assert any("(geog)" in k[0] for k in kinds)


def test_event_upserts_replace_actors_and_mentions(pg_url):
    with PostgresStore(pg_url) as store:
        store.upsert_event(_event("u1", actor="DEU"))
        changed = _event("u1", actor="FRA", lat=48.85, lon=2.35).model_copy(
            update={"mentions": [EventMention(event_id="u1", doc_id="d1"), EventMention(event_id="u1", doc_id="d2")],
                    "num_articles": 2})
        store.upsert_event(changed)
        assert store.get_event("u1").num_articles == 2
        assert [e.id for e in store.query_events(EventQuery(actor_code=["DEU"]))[0]] == []
        assert [e.id for e in store.query_events(EventQuery(actor_code=["FRA"], doc_id="d2"))[0]] == ["u1"]
        assert [e.id for e in store.query_events(EventQuery(bbox=(2, 48, 3, 49)))[0]] == ["u1"]


def test_nul_characters_are_stored_without_moving_offsets(pg_url):
    with PostgresStore(pg_url) as store:
        doc = _doc("Text mit\x00Nullzeichen und Berlin.")
        assert store.write_batch([doc]) == 1
        _, body = store.get_document(doc.doc_id)
        assert len(body) == len(doc.body) and body.index("Berlin") == doc.body.index("Berlin")


def test_readonly_and_clear_errors(pg_url):
    with pytest.raises(StoreError, match="no eventwire store"):
        PostgresStore(pg_url, readonly=True)
    with PostgresStore(pg_url) as store:
        store.write_batch([_doc("Ein Text.")])
    with PostgresStore(pg_url, readonly=True) as ro:
        assert ro.counts()["documents"] == 1
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            ro.write_batch([_doc("Noch ein Text.")])
    bad = PG_URL.replace("://", "://nobody:wrong@", 1) if "@" not in PG_URL else \
        PG_URL.split("://", 1)[0] + "://nobody:wrong@" + PG_URL.split("@", 1)[1]
    with pytest.raises(StoreError, match="cannot connect") as info:
        PostgresStore(bad)
    assert "wrong" not in str(info.value)


def test_the_http_api_queries_answer_as_on_sqlite(both):
    queries = pytest.importorskip("eventwire.serve.queries")
    lite, pg = both
    for name in ("list_actors", "list_places", "actor_network"):
        for query in ({}, {"event": ["CONSULT"]}, {"bbox": (-1, 50, 31, 52)}, {"q": "Bericht"}):
            q = EventQuery(**query)
            assert getattr(pg, name)(q, limit=50) == getattr(queries, name)(lite, q, limit=50), (name, query)
    assert pg.list_actors(EventQuery(), limit=2) == queries.list_actors(lite, EventQuery(), limit=2)
    assert pg.count_stories() == queries.count_stories(lite) == 1
    assert pg.list_stories(limit=5) == queries.list_stories(lite, limit=5)
    assert pg.get_story("s1") == queries.get_story(lite, "s1") and pg.get_story("nope") is None
    for kwargs in ({}, {"q": "Bericht"}, {"language": "en"}, {"status": "coded", "limit": 2, "offset": 1}):
        assert pg.list_documents(**kwargs) == queries.list_documents(lite, **kwargs), kwargs

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import json

from eventwire.ingest import Failure
from eventwire.ingest.base import make_document
from eventwire.records import Actor, Event, EventLocation, Evidence, Mention, Status
from eventwire.store import EventQuery, SQLiteStore


def _doc(text, events=()):
    doc = make_document(text, source="t", fmt="text", language="de", published="2023-09")
    doc.status = Status.coded
    doc.mentions = [Mention(doc_id=doc.doc_id, start=0, end=3, text=text[:3], label="PER")]
    doc.events = [e.model_copy(update={"evidence": [Evidence(doc_id=doc.doc_id, start=0, end=5, text=text[:5])]})
                  for e in events]
    return doc


def _event(eid, kind="CONSULT", actor="PRK", recipient="RUS", lat=None, lon=None, date="2023-09"):
    loc = EventLocation(extracted_place="X", lat=lat, lon=lon) if lat is not None else None
    return Event(id=eid, event=kind, actor=[Actor(entity_text="a", code=actor, sector="GOV")],
                 recipient=[Actor(entity_text="r", code=recipient)], event_loc=loc, date=date)


def test_write_is_idempotent_by_content_hash(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        a = _doc("Kim traf Putin in Wladiwostok.", [_event("e1", lat=43.1, lon=131.9)])
        assert store.write_batch([a]) == 1
        again = _doc("Kim  traf Putin in   Wladiwostok.")  # same text, other whitespace
        assert store.known_hashes([again.content_hash]) == {a.content_hash}
        assert store.write_batch([again]) == 0
        assert store.counts()["documents"] == 1 and store.counts()["mentions"] == 1


def test_failed_document_is_replaced_on_retry(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        bad = _doc("Ein Text.")
        bad.status = Status.failed
        store.write_batch([bad], [Failure(source="x.txt", reason="boom")])
        assert store.known_hashes([bad.content_hash]) == set()
        good = _doc("Ein Text.")
        assert store.write_batch([good]) == 1
        (record,) = list(store.iter_documents())
        assert record.status == "coded"
        assert [f.reason for f in store.iter_failures()] == ["boom"]
        assert [d.doc_id for d in store.search_documents("Text")] == [good.doc_id]


def test_event_queries(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write_batch([
            _doc("Erster Bericht über Gespräche.", [_event("e1", lat=43.1, lon=131.9, date="2023-09")]),
            _doc("Zweiter Bericht über Angriffe.", [_event("e2", kind="ASSAULT", actor="RUS", recipient="UKR",
                                                          lat=50.45, lon=30.52, date="2024-02-24")]),
        ])
        ids = lambda **kw: sorted(e.id for e in store.query_events(EventQuery(**kw))[0])
        assert ids() == ["e1", "e2"]
        assert ids(event=["ASSAULT"]) == ["e2"]
        assert ids(actor_code=["PRK"]) == ["e1"]
        assert ids(recipient_code=["PRK"]) == []
        assert ids(actor_sector=["GOV"]) == ["e1", "e2"]
        assert ids(bbox=(120, 30, 140, 50)) == ["e1"]
        assert ids(start="2024-01-01") == ["e2"]
        assert ids(end="2023-12") == ["e1"]
        assert ids(q="Angriffe") == ["e2"]
        assert ids(q='"unbalanced AND (') == []
        events, total = store.query_events(EventQuery(limit=1, sort="date", descending=True))
        assert total == 2 and [e.id for e in events] == ["e2"]


PLUGIN = textwrap.dedent('''
    import time
    from eventwire.pipeline import register_stage

    @register_stage("slow")
    def slow(docs, ctx):
        time.sleep(0.15)
        return docs
''')


def test_killed_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path):
    """Really kill -9 an ingest mid-run; the store must hold whole batches only, and a re-run completes it."""
    (tmp_path / "slowplugin.py").write_text(PLUGIN)
    (tmp_path / "cfg.toml").write_text('[pipeline]\nstages = ["language", "slow"]\nbatch_size = 4\nplugins = ["slowplugin"]\n')
    inp = tmp_path / "in.jsonl"
    n = 60
    inp.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Bericht Nummer {i} über den Gipfel.",
                                       "language": "de"}) + "\n" for i in range(n)))
    db = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=str(tmp_path) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(inp), "--db", str(db), "-c", str(tmp_path / "cfg.toml")]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    stored = 0
    while time.time() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM documents").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 8:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 8 <= stored < n, "the kill must land mid-run"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert count % 4 == 0 and count < n  # whole batches only
    fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    assert fts == count
    conn.close()
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{count} already stored" in rerun.stderr
    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT doc_id FROM documents")]
    assert sorted(ids) == sorted(f"d{i}" for i in range(n))

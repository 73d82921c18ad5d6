"""The process pool: same results as in-process, models loaded once per worker, failures isolated,
bounded memory, and nothing lost."""

from __future__ import annotations

import json
import os

import pytest

from eventwire.config import load_config
from eventwire.ingest.base import make_document
from eventwire.pipeline import Pipeline
from eventwire.records import Status
from eventwire.runner import RunStats, run_documents, run_stream
from eventwire.scale.pool import WORKER_DIED, WorkerSetupError
from tests.scale import stages_for_tests  # noqa: F401 - registers test_words

WORDS = ["Berlin", "talks", "Moskau", "trade", "Paris", "sanctions", "Kiew", "aid", "Rom", "protest"]


def _pipeline(batch_size: int = 4, stages=("test_words",)) -> Pipeline:
    return Pipeline(load_config(overrides={"pipeline": {"batch_size": batch_size}}), stages=list(stages))


def _docs(n: int, special: dict[int, str] | None = None):
    special = special or {}
    for i in range(n):
        body = special.get(i) or f"Report {i} on {WORDS[i % 10]} and {WORDS[(i * 3) % 10]} today."
        yield make_document(body, source=f"mem:{i}", fmt="text", doc_id=f"d{i}", language="en")


def _outcome(batches):
    """(doc_id, status, mentions without the worker pid) in output order, and the pids seen."""
    rows, pids = [], set()
    for batch, _failures in batches:
        for doc in batch:
            pids |= {m.text for m in doc.mentions if m.label == "WORKER"}
            rows.append((doc.doc_id, doc.status.value, doc.reason,
                         [(m.start, m.end, m.text) for m in doc.mentions if m.label != "WORKER"]))
    return rows, pids


def test_pool_gives_the_same_results_in_the_same_order_as_in_process():
    special = {5: "BOOM in report five", 17: "FR: un rapport"}
    serial, serial_pids = _outcome(run_stream(_pipeline(), _docs(41, special), workers=1))
    pooled, pooled_pids = _outcome(run_stream(_pipeline(), _docs(41, special), workers=2))
    assert pooled == serial
    assert [r[0] for r in pooled] == [f"d{i}" for i in range(41)]
    assert serial_pids == {str(os.getpid())}
    assert str(os.getpid()) not in pooled_pids and 1 <= len(pooled_pids) <= 2
    assert pooled[5][1] == "failed" and "stage test_words: ValueError: cannot read d5" in pooled[5][2]
    assert pooled[17][1] == "skipped_language"


def test_models_are_loaded_once_per_worker_and_timings_come_back(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TEST_LOADS", str(tmp_path))
    pipe = _pipeline(batch_size=2)
    stats = RunStats()
    out = list(run_stream(pipe, _docs(60), workers=2, stats=stats))
    assert len(out) == 30 and stats.coded == 60
    loads = list(tmp_path.glob("load-*"))
    assert 1 <= len(loads) <= 2, "each worker loads its models once, not once per batch"
    assert pipe.context.timings["test_words"] > 0


def test_a_worker_crash_fails_only_its_document_and_nothing_is_lost(tmp_path):
    """N inputs in (lines of JSONL, some broken) = coded + skipped + failed out, every failure listed."""
    lines = []
    for i in range(50):
        if i == 7:
            lines.append("{not json")
        elif i == 23:
            lines.append(json.dumps({"id": "x23", "title": "no text"}))
        else:
            body = {13: "The CRASH report", 31: "BOOM goes the report", 40: "FR: le rapport"}.get(
                i, f"Report {i} from {WORDS[i % 10]}.")
            lines.append(json.dumps({"id": f"x{i}", "text": body, "language": "en"}))
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    stats = RunStats()
    out = [doc for batch, _ in run_documents(_pipeline(batch_size=5), [src], workers=2, stats=stats) for doc in batch]
    assert stats.read + len([f for f in stats.failures if f.line is not None]) == 50
    assert stats.coded + stats.skipped_language + stats.failed == 50
    assert (stats.coded, stats.skipped_language, stats.failed) == (45, 1, 4)
    by_id = {d.doc_id: d for d in out}
    assert by_id["x13"].status == Status.failed and by_id["x13"].reason == WORKER_DIED
    # the documents that shared a batch (or were in flight) with the crash are coded all the same
    assert all(by_id[f"x{i}"].status == Status.coded for i in (10, 11, 12, 14, 15, 16))
    assert by_id["x31"].status == Status.failed
    reasons = sorted(f.message() for f in stats.failures)
    assert any(":8: malformed JSON" in r for r in reasons) and any(":24: no 'text' field" in r for r in reasons)
    assert any(r.endswith(WORKER_DIED) for r in reasons) and any("cannot read x31" in r for r in reasons)
    assert [d.doc_id for d in out] == [f"x{i}" for i in range(50) if i not in (7, 23)]


def test_input_is_streamed_with_bounded_batches_in_flight():
    pulled = 0

    def source():
        nonlocal pulled
        for doc in _docs(200):
            pulled += 1
            yield doc

    yielded = 0
    worst = 0
    for batch, _ in run_stream(_pipeline(batch_size=2), source(), workers=2):
        yielded += len(batch)
        worst = max(worst, pulled - yielded)
    assert yielded == 200
    assert worst <= 2 * 2 * 2 + 2, f"read {worst} documents ahead of the output: memory would grow"


def test_duplicates_across_batches_in_flight_are_stored_once():
    stored: set[str] = set()
    stats = RunStats()
    docs = list(_docs(12)) + list(_docs(12))  # the same 12 articles again, in later batches
    for batch, _ in run_stream(_pipeline(batch_size=3), docs, workers=2, stats=stats,
                               known=lambda hashes: {h for h in hashes if h in stored}):
        for doc in batch:
            assert doc.content_hash not in stored
            stored.add(doc.content_hash)
    assert len(stored) == 12 and stats.skipped_known == 12 and stats.coded == 12


def test_a_stage_workers_cannot_import_is_a_clear_error():
    def local(docs, ctx):
        return docs

    pipe = _pipeline(stages=("test_words",))
    pipe.stages[0] = type(pipe.stages[0])(name="local", fn=local, doc="")
    with pytest.raises(WorkerSetupError, match="defined inside a function"):
        list(run_stream(pipe, _docs(20), workers=2))
    # the same pipeline runs in-process
    assert sum(len(b) for b, _ in run_stream(pipe, _docs(20), workers=1)) == 20


def test_sequential_stages_run_in_the_parent_in_input_order():
    from eventwire.pipeline import _RESOURCES

    _RESOURCES.pop(("test-sequence",), None)
    special = {4: "BOOM here"}
    pipe = _pipeline(batch_size=3, stages=("test_words", "test_sequence"))
    out = [d for batch, _ in run_stream(pipe, _docs(30, special), workers=2) for d in batch]
    seq = [next(m.text for m in d.mentions if m.label == "SEQ") for d in out if d.status == Status.coded]
    assert [s.split(":")[0] for s in seq] == [str(i) for i in range(29)]  # every coded doc, in input order
    assert {s.split(":")[1] for s in seq} == {str(os.getpid())}
    worker_pids = {m.text for d in out for m in d.mentions if m.label == "WORKER"}
    assert str(os.getpid()) not in worker_pids
    assert set(pipe.context.timings) == {"test_words", "test_sequence"}


def test_keep_sentences_false_drops_only_the_tokens():
    full, _ = _outcome(run_stream(_pipeline(), _docs(20), workers=2))
    for workers in (1, 2):
        batches = list(run_stream(_pipeline(), _docs(20), workers=workers, keep_sentences=False))
        assert all(d.sentences == [] for b, _ in batches for d in b)
        assert _outcome(batches)[0] == full
    kept = [d for b, _ in run_stream(_pipeline(), _docs(20), workers=2) for d in b]
    assert all(len(d.sentences) == 1 for d in kept)


def test_workers_are_replaced_after_their_batch_quota_and_nothing_is_lost():
    config = load_config(overrides={"pipeline": {"batch_size": 4, "worker_max_batches": 2}})
    serial, _ = _outcome(run_stream(_pipeline(), _docs(40), workers=1))
    pooled, pids = _outcome(run_stream(Pipeline(config, stages=["test_words"]), _docs(40), workers=2))
    assert pooled == serial  # ten batches, in order, every document once
    assert len(pids) >= 3  # two workers could not have run ten batches at two each

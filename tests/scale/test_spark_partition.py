"""``process_partition`` is plain Python over pandas frames: checked here without Spark or Java."""

from __future__ import annotations

import json

import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed (pip install 'eventwire[spark]')")

from eventwire.scale.spark import OUT_FIELDS, process_partition  # noqa: E402


def test_process_partition_in_mapinpandas_shape(tmp_path, monkeypatch):
    cfg = tmp_path / "cfg.toml"
    cfg.write_text('[pipeline]\nstages = ["language", "merge"]\nbatch_size = 2\n')
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(cfg))
    rows = [
        {"doc_id": "a", "body": "Die Regierung in Berlin beriet am Montag über neue Hilfen.", "published": "2023-09-11"},
        {"doc_id": "b", "body": "Le gouvernement s'est réuni à Paris lundi pour parler du budget."},
        {"doc_id": None, "body": None, "source_path": "x.warc", "input_error": "unreadable (bad gzip)"},
        {"doc_id": "c", "body": "   "},
    ]
    frames = [pd.DataFrame(rows[:2]), pd.DataFrame(rows[2:])]
    out = pd.concat(list(process_partition(iter(frames))))
    assert list(out.columns) == list(OUT_FIELDS)
    docs = out[out.kind == "document"].set_index("doc_id")
    assert docs.loc["a", "status"] == "coded" and docs.loc["a", "language"] == "de"
    assert docs.loc["a", "date"] == "2023-09-11"
    assert docs.loc["b", "status"] == "skipped_language"
    assert json.loads(docs.loc["a", "record"])["published_precision"] == "day"
    failures = [json.loads(r) for r in out[out.kind == "failure"].record]
    assert [(f["source"], f["reason"]) for f in failures] == [("x.warc", "unreadable (bad gzip)"),
                                                               ("spark", "no article text found")]
    assert len(docs) + len(failures) == len(rows)  # nothing lost

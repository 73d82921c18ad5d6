"""Spark in local[2]: the same batch function over JSONL, Parquet and WARC gives what a local run gives."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'eventwire[spark]')")
pytest.importorskip("pandas", reason="pandas is not installed (pip install 'eventwire[spark]')")


def _java_ok() -> bool:
    java = shutil.which("java")
    if not java:
        return False
    try:
        return subprocess.run([java, "-version"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


pytestmark = pytest.mark.skipif(not _java_ok(), reason="Spark needs Java 17 (`java -version` failed or no java)")

import pyarrow.dataset as ds  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
import pyarrow as pa  # noqa: E402

from eventwire.config import load_config  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from eventwire.runner import RunStats, run_documents  # noqa: E402
from eventwire.scale.spark import run_spark, spark_session  # noqa: E402

CONFIG = load_config(overrides={"pipeline": {"stages": ["language", "test_words", "test_sequence"], "batch_size": 3,
                                             "plugins": ["tests.scale.stages_for_tests"]}})

LINES = [
    {"id": "d1", "text": "Kim Jong Un traf Wladimir Putin in Wladiwostok.", "date": "2023-09-13"},
    {"id": "d2", "text": "Leaders from France and Germany met in Paris on Monday.", "date": "2023-09"},
    {"id": "d3", "text": "Die Regierung in Berlin beriet über neue Sanktionen gegen Russland."},
    {"id": "d4", "text": "FR: Le président a rencontré le chancelier à Paris."},
    {"id": "d5", "text": "The BOOM report from London about trade talks."},
    {"id": "d6", "text": "Protesters gathered in Kyiv and Warsaw on Sunday.", "title": "Protests"},
    {"id": "d7", "text": "Der Minister reiste nach Washington zu Gesprächen."},
]


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app_name="eventwire-test")
    yield session
    session.stop()


def _written(path):
    table = ds.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()
    by_kind: dict[str, list[dict]] = {}
    for row in table:
        by_kind.setdefault(row["kind"], []).append(row)
    return by_kind


def _local_run(path):
    docs = [d for batch, _ in run_documents(Pipeline(CONFIG), [path], workers=1) for d in batch]
    return {d.doc_id: d for d in docs}


def test_jsonl_on_spark_matches_a_local_run_and_loses_nothing(spark, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in LINES) + "\n{broken json\n")
    out = tmp_path / "out"
    counts = run_spark(spark, [str(src)], str(out), config=CONFIG)
    assert counts == {"documents": 7, "coded": 5, "skipped_language": 1, "failed": 1, "mentions": counts["mentions"],
                      "events": 0, "input_failures": 1}
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["kind=document", "kind=failure", "kind=mention"]
    written = _written(out)
    local = _local_run(src)
    docs = {r["doc_id"]: json.loads(r["record"]) for r in written["document"]}
    assert set(docs) == set(local) == {f"d{i}" for i in range(1, 8)}
    for doc_id, record in docs.items():
        expected = local[doc_id].record().model_dump(mode="json")
        assert expected.pop("source_path").rsplit(":", 1)[0] == record.pop("source_path") == str(src)  # no line no.
        assert record == expected, doc_id  # status, reason, language, dates, hash: all as locally
    assert docs["d5"]["status"] == "failed" and "cannot read d5" in docs["d5"]["reason"]
    assert docs["d4"]["status"] == "skipped_language"
    spark_mentions = sorted((r["doc_id"], r["record"]) for r in written["mention"]
                            if r["type"] not in ("WORKER", "SEQ"))
    local_mentions = sorted((d.doc_id, m.model_dump_json(exclude_none=True)) for d in local.values()
                            for m in d.mentions if m.label not in ("WORKER", "SEQ"))
    assert spark_mentions == local_mentions and len(spark_mentions) > 10
    assert not any(r["type"] == "SEQ" for r in written["mention"]), "stateful stages are left out on Spark"
    (failure,) = written["failure"]
    assert "malformed JSON" in json.loads(failure["record"])["reason"]


def test_parquet_and_warc_inputs(spark, tmp_path):
    table = pa.table({"id": ["p1", "p2", "p3"], "text": ["Der Kanzler besuchte Paris.", "", "Talks in Rome ended."],
                      "date": ["2023-09-12", "2023-09-12", "2023-09"], "source": ["Reuters", "dpa", "AP"]})
    pq.write_table(table, tmp_path / "articles.parquet")
    counts = run_spark(spark, [str(tmp_path / "articles.parquet")], str(tmp_path / "pout"), config=CONFIG)
    assert (counts["documents"], counts["coded"], counts["input_failures"]) == (2, 2, 1)
    docs = {r["doc_id"]: json.loads(r["record"]) for r in _written(tmp_path / "pout")["document"]}
    assert docs["p1"]["publication"] == "Reuters" and docs["p1"]["published_precision"] == "day"
    assert docs["p3"]["published"] == "2023-09" and docs["p3"]["published_precision"] == "month"

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, text in enumerate(("Minister trafen sich in Berlin zu Gesprächen über den Handel.",
                              "Officials from Japan visited Seoul for talks on security.")):
        html = f"<html><head><title>T{i}</title></head><body><article><p>{text} {text}</p></article></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://e/{i}", "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
    warc_dir = tmp_path / "warc"
    warc_dir.mkdir()
    (warc_dir / "crawl.warc.gz").write_bytes(buf.getvalue())
    counts = run_spark(spark, [str(warc_dir)], str(tmp_path / "wout"), config=CONFIG)
    assert (counts["documents"], counts["coded"]) == (2, 2)
    urls = sorted(json.loads(r["record"])["url"] for r in _written(tmp_path / "wout")["document"])
    assert urls == ["http://e/0", "http://e/1"]


def test_spark_run_command(spark, tmp_path):
    """Last in this module: the command stops the session when it is done."""
    from typer.testing import CliRunner

    from eventwire.cli import app

    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in LINES[:4]) + "\n")
    (tmp_path / "cfg.toml").write_text('[pipeline]\nstages = ["language", "test_words"]\n'
                                       'plugins = ["tests.scale.stages_for_tests"]\n')
    out = tmp_path / "out"
    args = ["spark-run", str(src), "--output", str(out), "-c", str(tmp_path / "cfg.toml"), "--master", "local[2]"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "4 documents (3 coded, 1 skipped (language), 0 failed), 0 unreadable inputs" in " ".join(result.stderr.split())
    assert (out / "kind=document").is_dir() and (out / "_SUCCESS").exists()
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 2 and "exists" in again.stderr

"""The throughput benchmark runs end to end on a tiny corpus and reports what it measured."""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import ROOT, needs_shared


def _bench():
    spec = importlib.util.spec_from_file_location("throughput", ROOT / "benchmarks" / "throughput.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_corpus_articles_are_about_500_words_and_reproducible():
    bench = _bench()
    sources = bench.load_sources()
    assert len(sources["de"]) > 900 and len(sources["en"]) > 200
    first = list(bench.generate(sources, 6, seed=3))
    assert first == list(bench.generate(sources, 6, seed=3))
    assert all(500 <= len(a["text"].split()) < 600 for a in first)
    many = list(bench.generate(sources, 3000, seed=3))  # each English source article comes round ~6 times
    assert len({a["text"] for a in many}) == 3000
    assert [a["date"] for a in many] == sorted(a["date"] for a in many)
    assert all(450 <= len(a["text"].split()) < 700 for a in many)


@needs_shared
def test_benchmark_writes_its_tables(tmp_path):
    bench = _bench()
    # 70 articles: three batches of the default 32, so the two-worker run really starts its pool
    assert bench.main(["--sizes", "70", "--workers", "1,2", "--stages", "language", "--out-dir", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "throughput.json").read_text())
    assert [(r["size"], r["workers"]) for r in results] == [(70, 1), (70, 2)]
    for r in results:
        assert r["coded"] + r["skipped_language"] + r["failed"] == 70 and r["skipped_known"] == 0
        assert r["peak_rss"] > 10 * 1024**2 and r["cpu_s"] > 0 and r["timings"]["language"] > 0
    assert results[1]["peak_rss"] > results[0]["peak_rss"], "the workers' memory must be counted"
    report = (tmp_path / "throughput.md").read_text()
    assert "| 70 | 2 | language |" in report and "spaCy blank tokenizer (baseline)" in report

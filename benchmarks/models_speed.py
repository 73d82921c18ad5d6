"""Throughput of the shipped spaCy pipelines vs the bare spaCy tokenizer, on one core.

Usage: python benchmarks/models_speed.py [--docs N]

German text: ../shared/corpus/10kgnad_de/test.csv; English: ../shared/corpus/guardian_en
(Guardian sample). Prints a markdown table (tokens/second, single thread).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import time
import zipfile
from pathlib import Path

for _k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_k, "1")

import spacy  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))

from eventwire.language.models import load_pipeline  # noqa: E402


def german_texts(n: int) -> list[str]:
    path = SHARED / "corpus" / "10kgnad_de" / "test.csv"
    rows = csv.reader(path.open(encoding="utf-8"), delimiter=";", quotechar="'")
    return [row[1] for _, row in zip(range(n), rows) if len(row) > 1]


def english_texts(n: int) -> list[str]:
    path = SHARED / "corpus" / "guardian_en" / "Guardian_SDF_sample.csv.zip"
    with zipfile.ZipFile(path) as zf:
        name = zf.namelist()[0]
        text = io.TextIOWrapper(zf.open(name), encoding="utf-8")
        csv.field_size_limit(10**8)
        rows = csv.DictReader(text)
        return [row["text"] for _, row in zip(range(n), rows)]


def measure(nlp, texts: list[str]) -> tuple[int, float]:
    t0 = time.perf_counter()
    n = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    return n, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    args = ap.parse_args()
    rows = []
    for lang, loader in (("de", german_texts), ("en", english_texts)):
        texts = loader(args.docs)
        blank = spacy.blank(lang)
        n, dt = measure(blank, texts)
        rows.append((lang, "spacy.blank tokenizer", n, dt))
        nlp = load_pipeline(lang)
        measure(nlp, texts[:3])  # warm-up (model loading, first allocations)
        n, dt = measure(nlp, texts)
        rows.append((lang, "shipped pipeline (" + ",".join(nlp.pipe_names) + "), 1st pass", n, dt))
        n, dt = measure(nlp, texts)
        rows.append((lang, "shipped pipeline, 2nd pass (warm word caches)", n, dt))
        if "hanta" in nlp.pipe_names:
            with nlp.select_pipes(enable=["hanta"]):
                n, dt = measure(nlp, texts)
            rows.append((lang, "hanta component alone (warm)", n, dt))
    print(f"{args.docs} documents per language, 1 thread\n")
    print("| lang | pipeline | tokens | seconds | tokens/s |")
    print("|---|---|---:|---:|---:|")
    for lang, name, n, dt in rows:
        print(f"| {lang} | {name} | {n} | {dt:.2f} | {n / dt:,.0f} |")


if __name__ == "__main__":
    main()

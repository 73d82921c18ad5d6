"""Throughput and memory of the pipeline, beside spaCy's blank tokenizer, in one run.

    python benchmarks/throughput.py                      # 1k articles, the config's stages, 1 worker
    python benchmarks/throughput.py --sizes 1000,10000 --stages all --workers 1,2
    python benchmarks/throughput.py --sizes 100000 --workers 1

For each corpus size and worker count it measures wall time, articles/s, tokens/s, and the peak
memory (resident set size summed over this process and all its children, sampled every 0.2 s)
of ``eventwire ingest``'s path: JSONL shards read, every stage run, results written to a SQLite
store. Each stage is timed on its own (``Context.timings``; with several workers: the seconds
summed over the workers), and so is spaCy's blank tokenizer over the same texts in the same run,
so each stage's cost shows as a multiple of tokenizing.

The corpus: real articles are few here (``../shared/corpus``: 1,028 German DER STANDARD articles,
249 English Guardian articles), so articles of about 500 words are recombined from them: each
starts with 3 to 8 consecutive sentences of a real article (each real article in turn, from a
later sentence each time it comes round again) and goes on with runs of 3 to 6 consecutive
sentences from random other articles in the same language until it has 500 words; every article
is distinct; half are German, half English; publication dates run through 2023 in order, as when
an archive is processed. Identical input for the same seed and size.

Results accumulate in ``benchmarks/throughput.json`` (one entry per size, workers and stages) and
are written as tables to ``benchmarks/throughput.md``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import os
import platform
import random
import re
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eventwire.config import load_config  # noqa: E402
from eventwire.ingest import read_inputs  # noqa: E402
from eventwire.pipeline import Pipeline, available_stages  # noqa: E402
from eventwire.merge.stage import record_merges  # noqa: E402
from eventwire.runner import RunStats, run_stream  # noqa: E402

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
GERMAN = SHARED / "corpus" / "10kgnad_de" / "test.csv"
ENGLISH = SHARED / "corpus" / "guardian_en" / "Guardian_SDF_sample.csv.zip"
RESULTS = ROOT / "benchmarks" / "throughput.json"
REPORT = ROOT / "benchmarks" / "throughput.md"
SHARD = 1000  # articles per JSONL file
TARGET_RATE = 50.0  # articles/s
TARGET_RSS = 2 * 1024**3  # bytes

log = logging.getLogger("throughput")

# -- corpus --------------------------------------------------------------------------------

_SENT = re.compile(r"(?<=[.!?])[\"'”“»«]?\s+(?=[\"'„“»«(]?[A-ZÄÖÜ0-9])")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(" ".join(text.split())) if len(s.split()) >= 3]


def load_sources() -> dict[str, list[list[str]]]:
    """Real articles as sentence lists, per language."""
    csv.field_size_limit(10**8)
    with open(GERMAN, encoding="utf-8", newline="") as fh:
        german = [_sentences(row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]
    with zipfile.ZipFile(ENGLISH) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        reader = csv.DictReader(io.StringIO(zf.read(name).decode("utf-8")))
        english = [_sentences(row["text"]) for row in reader if row.get("text")]
    return {"de": [a for a in german if len(a) >= 3], "en": [a for a in english if len(a) >= 3]}


def generate(sources: dict[str, list[list[str]]], n: int, *, words: int = 500, seed: int = 13) -> Iterator[dict]:
    """``n`` distinct articles of about ``words`` words recombined from real ones (see the module doc)."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    seen: set[str] = set()
    for i in range(n):
        lang = "de" if i % 2 == 0 else "en"
        pool = sources[lang]
        base = pool[(i // 2) % len(pool)]
        offset = ((i // 2) // len(pool)) * 3 % len(base)  # a base used again starts elsewhere
        while True:
            out = base[offset:offset + rng.randint(3, 8)]
            count = sum(len(s.split()) for s in out)
            while count < words:
                other = pool[rng.randrange(len(pool))]
                at = rng.randrange(len(other))
                for sent in other[at:at + rng.randint(3, 6)]:
                    out.append(sent)
                    count += len(sent.split())
            kept, total = [], 0  # cut at the sentence that reaches the target
            for sent in out:
                kept.append(sent)
                total += len(sent.split())
                if total >= words:
                    break
            text = " ".join(kept)
            if text not in seen:  # every article distinct: none is skipped as already stored
                seen.add(text)
                break
        day = start + timedelta(days=i * 365 // n)  # in date order, as an archive is processed
        yield {"id": f"bench-{i}", "text": text, "date": day.isoformat(), "source": "benchmark"}


def write_corpus(folder: Path, sources, n: int, seed: int) -> list[Path]:
    """The corpus's JSONL shards in ``folder``; one written before for the same size and seed is reused."""
    done = folder / "COMPLETE"
    if done.exists() and done.read_text().strip() == f"{n} {seed}":
        return sorted(folder.glob("part-*.jsonl"))
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    handle = None
    for i, article in enumerate(generate(sources, n, seed=seed)):
        if i % SHARD == 0:
            if handle:
                handle.close()
            paths.append(folder / f"part-{i // SHARD:05d}.jsonl")
            handle = open(paths[-1], "w", encoding="utf-8")
        handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    if handle:
        handle.close()
    done.write_text(f"{n} {seed}\n")
    return paths


# -- measuring -----------------------------------------------------------------------------

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _proc_stats() -> Iterator[tuple[int, list[bytes]]]:
    """(pid, the fields of /proc/<pid>/stat after the command name) for every live process."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        yield int(entry.name), stat[stat.rindex(b")") + 2:].split()


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for pid, fields in _proc_stats():
        children.setdefault(int(fields[1]), []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * _PAGE
        except OSError:
            pass
        todo += children.get(pid, [])
    return total


class MemorySampler(threading.Thread):
    """Samples the process tree's RSS; ``progress`` (documents done) tags each sample."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[int, int]] = []
        self.progress = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.samples.append((self.progress, tree_rss(os.getpid())))
            self._halt.wait(self.interval)

    def sample_now(self) -> None:
        """One sample taken now (after each batch, while any workers are alive), beside the timer's."""
        self.samples.append((self.progress, tree_rss(os.getpid())))

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self.samples.append((self.progress, tree_rss(os.getpid())))


_TICKS = os.sysconf("SC_CLK_TCK")


def _live_children_cpu(root: int) -> float:
    """CPU seconds of ``root``'s live descendants (not yet in RUSAGE_CHILDREN)."""
    return sum((int(fields[11]) + int(fields[12])) / _TICKS  # utime + stime
               for pid, fields in _proc_stats() if pid != root and int(fields[1]) == root)  # the pool's workers


def _cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (user + system)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def blank_tokenizer(paths: list[Path]) -> tuple[float, int, int]:
    """(seconds tokenizing, tokens, whitespace words) with spacy.blank per language over the corpus."""
    import spacy

    nlps = {"de": spacy.blank("de"), "en": spacy.blank("en")}
    seconds, tokens, words = 0.0, 0, 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                article = json.loads(line)
                text = article["text"]
                nlp = nlps["de" if int(article["id"].split("-")[1]) % 2 == 0 else "en"]
                started = time.perf_counter()
                doc = nlp.tokenizer(text)
                seconds += time.perf_counter() - started
                tokens += len(doc)
                words += len(text.split())
    return seconds, tokens, words


class TimedReader:
    """Wraps the input reader to time reading and parsing (it runs in the parent, beside the workers)."""

    def __init__(self, it):
        self.it = iter(it)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self.it)
        finally:
            self.seconds += time.perf_counter() - started


BUCKET = 500  # articles per memory bucket in a run's segment ledger


def _segment(stats: RunStats, pipe, reader, store_seconds: float, wall: float, cpu: float,
             samples: list[tuple[int, int]]) -> dict:
    """One uninterrupted part of a run: its counts, times and peak RSS per bucket of articles."""
    timings = dict(pipe.context.timings)
    timings["read (JSONL)"] = reader.seconds
    timings["store (SQLite)"] = store_seconds
    buckets: dict[str, int] = {}
    for progress, rss in samples:
        key = str(progress // BUCKET * BUCKET)
        buckets[key] = max(buckets.get(key, 0), rss)
    return {"wall_s": wall, "cpu_s": cpu, "read": stats.read, "coded": stats.coded,
            "skipped_language": stats.skipped_language, "skipped_known": stats.skipped_known,
            "failed": stats.failed, "events": stats.events, "timings": timings, "rss_buckets": buckets,
            "failure_examples": sorted({f.reason.split(":")[0] + ": " + f.reason.split(":")[-1].strip()[:80]
                                        for f in stats.failures})[:5]}


def combine(segments: list[dict], size: int) -> dict:
    """A run from its segments (one, or several when it was interrupted and resumed): times and counts
    summed, memory peaks by position in the corpus."""
    timings: dict[str, float] = {}
    buckets: dict[int, int] = {}
    for seg in segments:
        for k, v in seg["timings"].items():
            timings[k] = timings.get(k, 0.0) + v
        for k, v in seg["rss_buckets"].items():
            buckets[int(k)] = max(buckets.get(int(k), 0), v)
    total = {k: sum(seg[k] for seg in segments) for k in ("wall_s", "cpu_s", "read", "coded", "skipped_language",
                                                              "skipped_known", "failed", "events")}
    first = [v for k, v in buckets.items() if k < size / 2] or [0]
    second = [v for k, v in buckets.items() if k >= size / 2] or [0]
    return {**total, "timings": timings, "peak_rss": max(buckets.values(), default=0),
            "peak_rss_first_half": max(first), "peak_rss_second_half": max(second),
            "documents": max(1, total["coded"] + total["failed"] + total["skipped_language"]),
            "segments": len(segments),
            "failure_examples": sorted({x for seg in segments for x in seg["failure_examples"]})[:5]}


def measure(paths: list[Path], stages: list[str] | None, workers: int, store_dir: Path, *,
            size: int = 0, resume: bool = False) -> dict:
    """Run the ingest path over ``paths`` into a SQLite store in ``store_dir``. With ``resume``, the store
    and the ledger of earlier segments (``bench-<workers>.segments.json``, written after every batch) are
    kept: articles already stored are skipped, and the result combines all segments."""
    from eventwire.store import SQLiteStore

    config = load_config()
    pipe = Pipeline(config, stages=stages)
    stats = RunStats()
    db = store_dir / f"bench-{workers}.db"
    ledger = db.with_suffix(".segments.json")
    if not resume:
        for stale in (db, ledger):
            stale.unlink(missing_ok=True)
    segments = json.loads(ledger.read_text()) if ledger.exists() else []
    store_seconds = 0.0
    reader = TimedReader(read_inputs(paths, max_bytes=config.ingest.max_bytes))
    sampler = MemorySampler()
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    last_saved = 0
    with SQLiteStore(db) as store:
        counts = store.counts()
        sampler.progress = counts["documents"] + counts["failures"]  # memory tagged by position in the corpus
        sampler.start()
        for batch, failures in run_stream(pipe, reader, workers=workers, stats=stats, known=store.known_hashes):
            t = time.perf_counter()
            store.write_batch(batch, failures)
            record_merges(pipe, store, batch)  # as `eventwire ingest` does: stories and merges stored
            store_seconds += time.perf_counter() - t
            before = sampler.progress
            sampler.progress += len(batch) + len(failures)
            sampler.sample_now()  # a short run may end before the timer's first sample with workers alive
            if sampler.progress > last_saved:  # an interrupted run keeps what it measured, batch by batch
                last_saved = sampler.progress
                cpu = _cpu_seconds() - cpu_before + _live_children_cpu(os.getpid())
                seg = _segment(stats, pipe, reader, store_seconds, time.perf_counter() - started, cpu,
                               list(sampler.samples))
                tmp = ledger.with_suffix(".tmp")
                tmp.write_text(json.dumps(segments + [seg]))
                tmp.replace(ledger)
            if sampler.progress // 1000 > before // 1000:  # a line per 1000 articles, for long runs
                elapsed = time.perf_counter() - started
                stage_s = ", ".join(f"{k} {v:.0f}s" for k, v in pipe.context.timings.items())
                print(f"  {sampler.progress} done, {stats.coded / elapsed:.1f} articles/s, "
                      f"RSS now {_mib(tree_rss(os.getpid()))} MiB; {stage_s}", file=sys.stderr, flush=True)
        wall = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before  # the workers are joined by now, so their time is counted
        sampler.stop()
        final = store.counts()
    segments.append(_segment(stats, pipe, reader, store_seconds, wall, cpu, sampler.samples))
    ledger.write_text(json.dumps(segments))
    result = combine(segments, size or final["documents"] + final["failures"])
    result.update(workers=workers, stages=pipe.stage_names, stored_documents=final["documents"],
                  stored_failures=final["failures"])
    return result


# -- report --------------------------------------------------------------------------------


def _mib(b: float) -> str:
    return f"{b / 1024**2:,.0f}"


def render(results: list[dict]) -> str:
    lines = [
        "# Throughput and memory",
        "",
        "Written by `benchmarks/throughput.py` (see its docstring for how the corpus is made: ~500-word articles",
        "recombined from real German and English sentences in `../shared/corpus`, half each). Each row is one run",
        "of the `ingest` path: JSONL shards read, the stages run, documents/mentions/events written to SQLite.",
        "Peak RSS is summed over the process and its worker processes. Targets: >= "
        f"{TARGET_RATE:.0f} articles/s, peak < 2 GiB, flat as the corpus grows.",
        "",
        "CPU s counts this process and its workers; articles per CPU-second does not depend on what else the",
        "machine was doing, wall-clock rates do (the load average at the start of each run is given).",
        "",
        "| articles | workers | stages | wall s | articles/s | tokens/s | CPU s | articles / CPU-s "
        "| peak RSS MiB (1st half / 2nd half) | coded / skipped / failed / already stored | events | load | target |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---|---|---:|---:|---|",
    ]
    for r in results:
        rate = r["documents"] / r["wall_s"]
        ok = rate >= TARGET_RATE and r["peak_rss"] < TARGET_RSS
        lines.append(
            f"| {r['size']:,} | {r['workers']} | {','.join(r['stages'])} | {r['wall_s']:,.1f} | {rate:,.1f} "
            f"| {r['tokens'] / r['wall_s']:,.0f} | {r.get('cpu_s', 0):,.1f} "
            f"| {r['documents'] / max(r.get('cpu_s', 0), 1e-9):,.1f} "
            f"| {_mib(r['peak_rss'])} ({_mib(r['peak_rss_first_half'])} / "
            f"{_mib(r['peak_rss_second_half'])}) | {r['coded']} / {r['skipped_language']} / {r['failed']} / "
            f"{r.get('skipped_known', 0)} "
            f"| {r['events']:,} | {r.get('load', 0):.1f} | {'met' if ok else 'missed'} |"
        )
    lines += [
        "",
        "## Where the time goes",
        "",
        "Seconds per stage (with several workers: summed over them), what one core would manage if that stage",
        "were all the work, and the stage's cost as a multiple of spaCy's blank tokenizer on the same texts.",
        "A stage whose one-core rate is below the target (divided by the cores) is what keeps the pipeline from it.",
        "",
    ]
    for r in results:
        lines += [
            f"### {r['size']:,} articles, {r['workers']} worker(s), {r['stamp']}",
            "",
            "| stage | seconds | ms / article | articles/s on one core | x blank tokenizer |",
            "|---|---:|---:|---:|---:|",
        ]
        base = r["tokenizer_s"]
        rows = [("spaCy blank tokenizer (baseline)", base)] + list(r["timings"].items())
        for name, seconds in rows:
            per = seconds / max(1, r["documents"]) * 1000
            one_core = r["documents"] / seconds if seconds > 0 else float("inf")
            flag = " (below target)" if one_core * r["workers"] < TARGET_RATE else ""
            lines.append(f"| {name} | {seconds:,.2f} | {per:,.2f} | {one_core:,.0f}{flag} | {seconds / base:,.1f} |")
        if r.get("stored_documents") is not None:
            resumed = r.get("segments", 1) - 1
            lines += ["", f"Store at the end: {r['stored_documents']:,} documents + {r['stored_failures']:,} failures "
                      f"recorded, of {r['size']:,} articles in"
                      + (f"; the run was interrupted and resumed {resumed} time(s) (`--resume`), its "
                         "segments' times and counts summed" if resumed else "") + "."]
        if r.get("failure_examples"):
            lines += ["", "Failures (first kinds): " + "; ".join(f"`{x}`" for x in r["failure_examples"])]
        if r.get("note"):
            lines += ["", f"Note: {r['note']}"]
        lines.append("")
    lines += [
        "## Machine",
        "",
        f"{results[-1]['machine']}",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000", help="corpus sizes, comma-separated (e.g. 1000,10000,100000)")
    ap.add_argument("--workers", default="1", help="worker counts, comma-separated (e.g. 1,2)")
    ap.add_argument("--stages", default=None, help="comma-separated stages; 'all' = every built stage; "
                    "default: the config's pipeline")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep-corpus", type=Path, default=None,
                    help="write the corpus (and the store) here and keep them; a corpus already there is reused")
    ap.add_argument("--resume", action="store_true",
                    help="with --keep-corpus: go on with an interrupted run (stored articles are skipped; the "
                    "result combines its segments)")
    ap.add_argument("--fresh", action="store_true", help="forget earlier results in benchmarks/throughput.json")
    ap.add_argument("--out-dir", type=Path, default=RESULTS.parent, help="where throughput.json/.md go")
    ap.add_argument("--note", action="append", default=[], metavar="SIZE:WORKERS:TEXT",
                    help="attach a note to a stored result (e.g. '1000:1:the en model was missing')")
    ap.add_argument("--render-only", action="store_true", help="rewrite the tables from the stored results")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("eventwire").setLevel(logging.CRITICAL)  # failures are counted in the table instead
    if not GERMAN.exists() or not ENGLISH.exists():
        print(f"the benchmark corpus needs {GERMAN} and {ENGLISH}", file=sys.stderr)
        return 2
    if args.resume and not args.keep_corpus:
        ap.error("--resume needs --keep-corpus DIR (the folder of the interrupted run)")
    stages = None
    if args.stages == "all":
        stages = [s.name for s in available_stages()]
    elif args.stages:
        stages = args.stages.split(",")
    sources = load_sources()
    results_file, report_file = args.out_dir / RESULTS.name, args.out_dir / REPORT.name
    previous = [] if args.fresh or not results_file.exists() else json.loads(results_file.read_text())
    for note in args.note:
        size, workers, text = note.split(":", 2)
        for p in previous:
            if p["size"] == int(size) and p["workers"] == int(workers):
                p["note"] = text
    if args.render_only:
        results_file.write_text(json.dumps(previous, indent=1))
        report_file.write_text(render(previous))
        return 0
    work = Path(args.keep_corpus or tempfile.mkdtemp(prefix="eventwire-bench-"))
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            paths = write_corpus(work / f"corpus-{size}", sources, size, args.seed)
            tok_s, tokens, words = blank_tokenizer(paths)
            for workers in [int(w) for w in args.workers.split(",")]:
                print(f"{size} articles, {workers} worker(s) ...", file=sys.stderr, flush=True)
                load = os.getloadavg()[0]
                result = measure(paths, stages, workers, work, size=size, resume=args.resume)
                result.update(size=size, tokens=tokens, words=words, tokenizer_s=tok_s, load=load,
                              stamp=time.strftime("%Y-%m-%d %H:%M"),
                              machine=f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                                      f"Python {platform.python_version()}; other work was running on the machine "
                                      "(see the load column)")
                rate = result["documents"] / result["wall_s"]
                print(f"  {rate:.1f} articles/s, {tokens / result['wall_s']:.0f} tokens/s, peak "
                      f"{_mib(result['peak_rss'])} MiB", file=sys.stderr, flush=True)
                key = (size, workers, tuple(result["stages"]))
                previous = [p for p in previous if (p["size"], p["workers"], tuple(p["stages"])) != key] + [result]
                previous.sort(key=lambda p: (len(p["stages"]), p["size"], p["workers"]))
                results_file.write_text(json.dumps(previous, indent=1))
                report_file.write_text(render(previous))
            if not args.keep_corpus:
                shutil.rmtree(work / f"corpus-{size}", ignore_errors=True)
    finally:
        if not args.keep_corpus:
            shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {report_file}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

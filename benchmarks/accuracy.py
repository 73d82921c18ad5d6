"""Accuracy of eventwire on every shared gold set, in one table.

    python benchmarks/accuracy.py                # everything, writes benchmarks/accuracy.md
    python benchmarks/accuracy.py --limit 50     # first 50 sentences/documents per set (topics for ECB+: 2)

Each row: gold set, measure, system, value, 95% bootstrap interval, and the baseline where the
report has one (HeidelTime for dates, lexical baselines for clusters). A component the pipeline
does not have yet is listed as not scored, with the reason, instead of stopping the run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

from eventwire.evaluate import tasks  # noqa: E402
from eventwire.evaluate.paths import gold_dir, shared_dir  # noqa: E402
from eventwire.evaluate.report import Report, fmt, summary_rows, write_report  # noqa: E402
from eventwire.evaluate.runner import PipelineUnavailable, load_pipeline  # noqa: E402

log = logging.getLogger("accuracy")
HERE = Path(__file__).resolve().parent


def jobs(limit: int | None) -> list[tuple[str, Callable[..., Report]]]:
    g = gold_dir
    topic_limit = None if limit is None else max(2, limit // 25)
    return [
        ("ner conll2003 en dev", lambda **kw: tasks.evaluate_ner(g("conll2003_en_dev", "valid.txt"), language="en", limit=limit,
                                                                 dataset="conll2003-en-dev", **kw)),
        ("ner germeval2014 dev", lambda **kw: tasks.evaluate_ner(g("germeval2014", "NER-de-dev.tsv"), limit=limit,
                                                                 dataset="germeval2014-dev", **kw)),
        ("ner europarl dev", lambda **kw: tasks.evaluate_ner(g("europarl_ner_de", "dev.tsv"), language="de", limit=limit,
                                                             dataset="europarl-de-dev", **kw)),
        ("ner europarl test", lambda **kw: tasks.evaluate_ner(g("europarl_ner_de", "test.tsv"), language="de", limit=limit,
                                                              dataset="europarl-de-test", **kw)),
        ("geo geowebnews", lambda **kw: tasks.evaluate_geo(g("geowebnews", "GWN.xml"), limit=limit, components=True, **kw)),
        ("events plover en", lambda **kw: tasks.evaluate_events(g("plover_gsr", "PLOVER_GSR_CAMEO.json"), limit=limit,
                                                                dataset="plover-gsr-en", components=True, **kw)),
        ("events plover de", lambda **kw: tasks.evaluate_events(g("plover_gsr_de", "plover_gsr_de.jsonl"), limit=limit,
                                                                dataset="plover-gsr-de", components=True,
                                                                pair_with=g("plover_gsr", "PLOVER_GSR_CAMEO.json"), **kw)),
        *[(f"events seed {p.name}", (lambda p: lambda **kw: tasks.evaluate_events(p, **kw))(p))
          for p in sorted(g("seed").glob("*.gold.json"))],
        ("dates krauts", lambda **kw: tasks.evaluate_dates(g("krauts_dev", "KRAUTS_Dolomiten-100"), limit=limit,
                                                           dataset="krauts-dolomiten-100", components=True, **kw)),
        ("clusters ecbplus", lambda **kw: tasks.evaluate_clusters(g("ecbplus_dev"), limit=topic_limit, dataset="ecbplus-dev", **kw)),
    ]


def table(reports: list[Report], failures: list[tuple[str, str]]) -> list[str]:
    lines = ["| set | measure | system | value | 95% CI | n | baseline |", "|---|---|---|---|---|---|---|"]
    for r in reports:
        for m, b in summary_rows(r):
            base = f"{fmt(b.value)} ({b.system})" if b else ""
            lines.append(f"| {m.dataset} | {m.name} | {m.system} | {fmt(m.value)} | {m.ci_text()} | {m.n} | {base} |")
    for r in reports:
        for note in r.notes:
            if note.startswith("eventwire not scored:"):
                failures.append((r.dataset, note.split(":", 1)[1].strip().replace("|", "/")[:200]))
    for name, reason in failures:
        lines.append(f"| {name} | not scored | eventwire | | | | {reason} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N sentences/documents per set (ECB+: N/25 topics, at least 2)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples (default 1000)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--config", type=Path, default=None, help="pipeline config TOML")
    ap.add_argument("--only", default=None, help="run only jobs whose name contains this text (e.g. 'ner', 'dates')")
    ap.add_argument("--out", type=Path, default=HERE / "accuracy.md")
    ap.add_argument("--report-dir", type=Path, default=None, help="also write each task's full markdown/JSON report here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # Per-document failures are summarised in the reports; one log line per document is noise here.
    logging.getLogger("eventwire.pipeline").setLevel(logging.CRITICAL)
    if not (shared_dir() / "gold").exists():
        print(f"no shared gold data at {shared_dir()}; set EVENTWIRE_SHARED", file=sys.stderr)
        return 2
    try:
        pipeline = load_pipeline(args.config)
        stages = ", ".join(getattr(pipeline, "stage_names", []) or ["?"])
    except Exception as err:  # noqa: BLE001 - report and go on with baselines
        pipeline, stages = None, f"not loadable: {err}"
    reports: list[Report] = []
    failures: list[tuple[str, str]] = []
    timings: list[str] = []
    for name, job in jobs(args.limit):
        if args.only and args.only not in name:
            continue
        t0 = time.perf_counter()
        try:
            if pipeline is None:
                raise PipelineUnavailable(stages)
            report = job(pipeline=pipeline, seed=args.seed, n_boot=args.bootstrap)
        except PipelineUnavailable as err:
            failures.append((name, str(err).replace("|", "/").replace("\n", " ")[:200]))
            # dates and clusters still score their baselines without the pipeline
            if name.startswith(("dates", "clusters", "geo")):
                report = job(pipeline=None, seed=args.seed, n_boot=args.bootstrap, run_system=False)
            else:
                report = None
        except FileNotFoundError as err:
            failures.append((name, f"gold missing: {err}"))
            report = None
        if report is not None:
            reports.append(report)
            if args.report_dir:
                write_report(report, args.report_dir)
        timings.append(f"{name}: {time.perf_counter() - t0:.1f} s")
        print(f"done {name} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    cmd = "python benchmarks/accuracy.py" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    out = [
        "# eventwire accuracy",
        "",
        f"Generated {dt.datetime.now().isoformat(timespec='seconds')} by `{cmd}`; pipeline stages: {stages}; "
        f"{args.bootstrap} bootstrap resamples (seed {args.seed})" + (f"; limit {args.limit}" if args.limit else "") + ".",
        "Intervals resample sentences (NER, events), articles (geo), documents (dates) or topics (ECB+). ",
        "Where eventwire is not scored, the baselines' own rows are shown. Full per-task reports: "
        "`eventwire evaluate <task> --report-dir DIR`.",
        "",
        *table(reports, failures),
        "",
        "Run times: " + "; ".join(timings),
        "",
    ]
    args.out.write_text("\n".join(out), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

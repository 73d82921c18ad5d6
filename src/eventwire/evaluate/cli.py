"""``eventwire evaluate``: score the pipeline (or a predictions file) against gold data."""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from eventwire.evaluate import tasks
from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.paths import GoldMissing
from eventwire.evaluate.predictions import PredictionError
from eventwire.evaluate.report import Report, print_report, write_report
from eventwire.evaluate.runner import PipelineUnavailable

__all__ = ["app"]

app = typer.Typer(
    help="Score eventwire against gold data: NER, geoparsing, events, dates, story clusters.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
log = logging.getLogger(__name__)


class NerFmt(str, Enum):
    conll = "conll"
    germeval = "germeval"
    europarl = "europarl"


class Task(str, Enum):
    ner = "ner"
    geo = "geo"
    events = "events"
    dates = "dates"
    clusters = "clusters"


GoldOpt = typer.Option(None, "--gold", help="gold file or folder (default: the shared gold set)")
PredOpt = typer.Option(None, "--pred", help="predictions file instead of running the pipeline")
ReportOpt = typer.Option(None, "--report-dir", help="write <task>_<set>.md and .json here")
LimitOpt = typer.Option(None, "--limit", min=1, help="score only the first N sentences/documents/topics")
SeedOpt = typer.Option(DEFAULT_SEED, "--seed", help="bootstrap random seed")
BootOpt = typer.Option(DEFAULT_BOOTSTRAP, "--bootstrap", min=0, help="bootstrap resamples for the 95% intervals (0: none)")
ConfigOpt = typer.Option(None, "--config", help="pipeline config TOML (default: embedded defaults)")


def _finish(report: Report, report_dir: Path | None) -> None:
    print_report(report, console)
    if report_dir is not None:
        md, js = write_report(report, report_dir)
        console.print(f"report written: {md} and {js}")


def _guard(fn):  # noqa: ANN001, ANN202 - small wrapper turning known failures into clean exits
    try:
        return fn()
    except (GoldMissing, PredictionError, PipelineUnavailable, FileNotFoundError, ValueError) as err:
        console.print(f"[red]error:[/red] {err}")
        raise typer.Exit(2) from None


@app.command("ner")
def ner_cmd(
    gold: Optional[Path] = GoldOpt,
    pred: Optional[Path] = typer.Option(None, "--pred", help="--mentions JSONL written by eventwire"),
    fmt: Optional[NerFmt] = typer.Option(None, "--format", help="gold format (default: detected)"),
    language: Optional[str] = typer.Option(None, "--language", help="language of the gold text (default: by format)"),
    report_dir: Optional[Path] = ReportOpt,
    limit: Optional[int] = LimitOpt,
    seed: int = SeedOpt,
    bootstrap: int = BootOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Exact-span NER P/R/F1 (PER/LOC/ORG micro, and per label) on CoNLL, GermEval or Europarl gold."""
    report = _guard(lambda: tasks.evaluate_ner(gold, pred, fmt=fmt.value if fmt else None, language=language, limit=limit,
                                               seed=seed, n_boot=bootstrap, config=config))
    _finish(report, report_dir)


@app.command("geo")
def geo_cmd(
    gold: Optional[Path] = GoldOpt,
    pred: Optional[Path] = typer.Option(None, "--pred", help="--mentions JSONL written by eventwire"),
    components: bool = typer.Option(False, "--components", help="also score the knowledge base's geoparsers (gold spans, gazetteer)"),
    report_dir: Optional[Path] = ReportOpt,
    limit: Optional[int] = LimitOpt,
    seed: int = SeedOpt,
    bootstrap: int = BootOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Geoparsing on GeoWebNews: accuracy within 161 km, exact GeoNames id, mean/median error."""
    report = _guard(lambda: tasks.evaluate_geo(gold, pred, limit=limit, seed=seed, n_boot=bootstrap, config=config,
                                               components=components))
    _finish(report, report_dir)


@app.command("events")
def events_cmd(
    gold: Optional[Path] = GoldOpt,
    pred: Optional[Path] = typer.Option(None, "--pred", help="events JSONL written by eventwire"),
    mentions: Optional[Path] = typer.Option(None, "--mentions", help="mentions JSONL (seed gold: entity/place checks)"),
    document: Optional[Path] = typer.Option(None, "--document", help="the article a seed gold file describes"),
    pair_with: Optional[Path] = typer.Option(None, "--pair-with", help="the other language's PLOVER gold: adds cross-language agreement"),
    pair_pred: Optional[Path] = typer.Option(None, "--pair-pred", help="events JSONL for --pair-with"),
    components: bool = typer.Option(False, "--components", help="also score the event-type ranker alone (PLOVER gold)"),
    report_dir: Optional[Path] = ReportOpt,
    limit: Optional[int] = LimitOpt,
    seed: int = SeedOpt,
    bootstrap: int = BootOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """PLOVER event coding: type, actor/recipient country and sector accuracy; or a seed gold file's checks."""
    report = _guard(lambda: tasks.evaluate_events(gold, pred, mentions=mentions, document=document, limit=limit, seed=seed,
                                                  n_boot=bootstrap, config=config, pair_with=pair_with, pair_pred=pair_pred,
                                                  components=components))
    _finish(report, report_dir)


@app.command("dates")
def dates_cmd(
    gold: Optional[Path] = GoldOpt,
    pred: Optional[Path] = typer.Option(None, "--pred", help="--mentions JSONL (DATE/TIME mentions with TimeML values)"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="TimeML system output folder (default: <gold>_Heideltime)"),
    components: bool = typer.Option(False, "--components", help="also score the date tagger alone (eventwire.coding.dates)"),
    report_dir: Optional[Path] = ReportOpt,
    limit: Optional[int] = LimitOpt,
    seed: int = SeedOpt,
    bootstrap: int = BootOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """TIMEX3 extent (strict/relaxed) P/R/F1 and value accuracy on TimeML gold, with HeidelTime as baseline."""
    report = _guard(lambda: tasks.evaluate_dates(gold, pred, baseline=baseline, limit=limit, seed=seed, n_boot=bootstrap,
                                                 config=config, components=components))
    _finish(report, report_dir)


@app.command("clusters")
def clusters_cmd(
    gold: Optional[Path] = GoldOpt,
    pred: Optional[Path] = typer.Option(None, "--pred", help="JSONL of {doc_id, story_id} lines, or event records"),
    topic: Optional[list[str]] = typer.Option(None, "--topic", help="only these ECB+ topics (repeatable)"),
    report_dir: Optional[Path] = ReportOpt,
    limit: Optional[int] = LimitOpt,
    seed: int = SeedOpt,
    bootstrap: int = BootOpt,
    config: Optional[Path] = ConfigOpt,
) -> None:
    """Story clustering (topics, sub-topics) and cross-document event coreference on ECB+: B-cubed and ARI."""
    report = _guard(lambda: tasks.evaluate_clusters(gold, pred, topics=topic, limit=limit, seed=seed, n_boot=bootstrap,
                                                    config=config))
    _finish(report, report_dir)


@app.command("export-input")
def export_input_cmd(
    task: Task = typer.Argument(..., help="which task's gold to turn into input documents"),
    out: Path = typer.Option(..., "--out", help="JSONL file to write (id, text, language, date)"),
    gold: Optional[Path] = GoldOpt,
    fmt: Optional[NerFmt] = typer.Option(None, "--format", help="NER gold format (default: detected)"),
    limit: Optional[int] = LimitOpt,
) -> None:
    """Write a gold set's documents as JSONL, to run `eventwire extract` on them and score with --pred."""
    docs = _guard(lambda: tasks.gold_documents(task.value, gold, fmt=fmt.value if fmt else None, limit=limit))
    n = tasks.write_documents_jsonl(docs, out)
    console.print(f"{n} documents written to {out}")

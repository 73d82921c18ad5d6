"""The ``eventwire`` command."""

from __future__ import annotations

import json
import re
import logging
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from eventwire import __version__

app = typer.Typer(help="News reports in their own languages to PLOVER event data with evidence.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
config_app = typer.Typer(help="The effective configuration.", no_args_is_help=True)
app.add_typer(config_app, name="config")

err = Console(stderr=True)


class OutFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


class InFormat(str, Enum):
    text = "text"
    wire = "wire"
    jsonl = "jsonl"
    html = "html"
    feed = "feed"
    warc = "warc"


def _mount_optional(module: str, name: str, help_text: str) -> None:
    try:
        sub = __import__(module, fromlist=["app"]).app
    except ModuleNotFoundError:
        return
    app.add_typer(sub, name=name, help=help_text)


_mount_optional("eventwire.kb.cli", "kb", "Knowledge base: look up actors and places, build from dumps.")
_mount_optional("eventwire.evaluate.cli", "evaluate", "Score the pipeline against gold data.")


def _command_optional(module: str, attr: str, name: str) -> None:
    """Register a command that lives in its own module (absent modules add nothing)."""
    try:
        fn = getattr(__import__(module, fromlist=[attr]), attr)
    except ModuleNotFoundError:
        return
    app.command(name)(fn)


_command_optional("eventwire.serve.cli", "serve", "serve")
_command_optional("eventwire.scale.cli", "spark_run", "spark-run")


@app.callback()
def main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More log output (-vv for debug).")] = 0,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _pipeline(config: Path | None, stages: str | None):
    from eventwire.config import load_config
    from eventwire.pipeline import Pipeline

    try:
        cfg = load_config(config)
        return Pipeline(cfg, stages=stages.split(",") if stages else None)
    except (ValueError, KeyError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


@contextmanager
def _progress(enabled: bool):
    """A progress line on stderr when it is a terminal; silent otherwise."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("articles", total=None)
        yield lambda n: progress.advance(task, n)


def _workers(value: int | None) -> int:
    """--workers, or every core this process may use."""
    if value is not None:
        return value
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _report(stats) -> None:
    err.print(
        f"{stats.read} read, {stats.coded} coded, {stats.events} events, "
        f"{stats.skipped_language} skipped (language), {stats.skipped_known} already stored, "
        f"{stats.failed} failed"
    )
    for failure in stats.failures:
        err.print(f"[red]failed[/red] {failure.message()}", highlight=False, soft_wrap=True)


PathsArg = Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML config file.")]
FormatOpt = Annotated[Optional[InFormat], typer.Option("--format", "-f", help="Input format (default: by extension).")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Stop at the first failure.")]
StagesOpt = Annotated[Optional[str], typer.Option("--stages", help="Comma-separated stages instead of the config's.")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", "-w", min=1, show_default=False,
                                                  help="Worker processes (default: all cores).")]


@app.command()
def extract(
    paths: PathsArg,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout).")] = None,
    to: Annotated[OutFormat, typer.Option("--to", "-t", help="Output format.")] = OutFormat.jsonl,
    mentions: Annotated[bool, typer.Option("--mentions", help="Write entity, place and date mentions.")] = False,
    documents: Annotated[bool, typer.Option("--documents", help="Write one record per input document.")] = False,
    fmt: FormatOpt = None,
    language: Annotated[Optional[str], typer.Option("--language", "-l", help="Force the language (de, en).")] = None,
    config: ConfigOpt = None,
    stages: StagesOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = None,
) -> None:
    """Read articles and write events (or mentions, or document records)."""
    from eventwire.export import write_records
    from eventwire.runner import RunStats, StrictFailure, run_documents

    if mentions and documents:
        err.print("[red]error:[/red] choose one of --mentions and --documents")
        raise typer.Exit(2)
    if to == OutFormat.parquet and output is None:
        err.print("[red]error:[/red] Parquet output needs a file: add -o FILE.parquet")
        raise typer.Exit(2)
    pipe = _pipeline(config, stages)
    stats = RunStats()
    records: list = []
    events_by_id: dict = {}
    handle = None
    if to != OutFormat.parquet:
        handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        with _progress(True) as advance:
            for batch, _failures in run_documents(pipe, paths, fmt=fmt.value if fmt else None, strict=strict,
                                                   on_progress=advance, stats=stats, workers=_workers(workers)):
                for doc in batch:
                    if language:
                        doc.language = language
                    if not documents and not mentions:
                        for event in doc.events:  # a merged event is updated by later reports: keep the last
                            events_by_id.pop(event.id, None)
                            events_by_id[event.id] = event
                        continue
                    chunk = [doc.record()] if documents else doc.mentions
                    if to == OutFormat.jsonl:
                        write_records(chunk, to.value, handle)
                    else:
                        records.extend(chunk)
        records.extend(events_by_id.values())
        if records or to != OutFormat.jsonl:
            write_records(records, to.value, handle, path=str(output) if output else None)
    except StrictFailure as exc:
        err.print(f"[red]stopped (--strict):[/red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    finally:
        if handle is not None and handle is not sys.stdout:
            handle.close()
    _report(stats)
    raise typer.Exit(0 if stats.ok else 1)


@app.command()
def ingest(
    paths: PathsArg,
    db: Annotated[str, typer.Option("--db", help="SQLite file (created if missing) or postgresql:// URL.")] = "eventwire.db",
    fmt: FormatOpt = None,
    config: ConfigOpt = None,
    stages: StagesOpt = None,
    strict: StrictOpt = False,
    workers: WorkersOpt = None,
) -> None:
    """Process articles and store documents, mentions and events (idempotent, atomic per batch)."""
    from eventwire.runner import RunStats, StrictFailure, run_documents
    from eventwire.store import open_store
    from eventwire.merge.stage import record_merges

    pipe = _pipeline(config, stages)
    stats = RunStats()
    with open_store(db) as store:
        try:
            with _progress(True) as advance:
                for batch, failures in run_documents(pipe, paths, fmt=fmt.value if fmt else None, strict=strict,
                                                       known=store.known_hashes, on_progress=advance, stats=stats,
                                                       workers=_workers(workers)):
                    store.write_batch(batch, failures)
                    record_merges(pipe, store, batch)
        except StrictFailure as exc:
            store.write_batch([], [stats.failures[-1]])
            err.print(f"[red]stopped (--strict):[/red] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        _report(stats)
        counts = store.counts()
    shown = re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", str(db))  # never print a password
    err.print(f"store {shown}: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    raise typer.Exit(0 if stats.ok else 1)


class ExportWhat(str, Enum):
    events = "events"
    mentions = "mentions"
    documents = "documents"
    failures = "failures"
    stories = "stories"


@app.command()
def export(
    db: Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")] = "eventwire.db",
    what: Annotated[ExportWhat, typer.Option("--what", "-w")] = ExportWhat.events,
    to: Annotated[OutFormat, typer.Option("--to", "-t", help="Output format.")] = OutFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,
) -> None:
    """Write stored events (or mentions, documents, failures, stories)."""
    from eventwire.export import write_records
    from eventwire.store import open_store

    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/red] no store at {db}")
        raise typer.Exit(2)
    if to == OutFormat.parquet and output is None:
        err.print("[red]error:[/red] Parquet output needs a file: add -o FILE.parquet")
        raise typer.Exit(2)
    with open_store(db, readonly=True) as store:
        source = {
            ExportWhat.events: store.iter_events,
            ExportWhat.mentions: store.iter_mentions,
            ExportWhat.documents: store.iter_documents,
            ExportWhat.failures: store.iter_failures,
            ExportWhat.stories: store.iter_stories,
        }[what]()
        handle = None if to == OutFormat.parquet else (open(output, "w", encoding="utf-8", newline="") if output else sys.stdout)
        try:
            n = write_records(source, to.value, handle, path=str(output) if output else None)
        finally:
            if handle is not None and handle is not sys.stdout:
                handle.close()
    err.print(f"{n} {what.value} written")


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(help="An event id or a document id.")],
    db: Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")] = "eventwire.db",
) -> None:
    """Show one stored event (with its evidence) or one document (with its events)."""
    from eventwire.store import EventQuery, open_store

    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/red] no store at {db}")
        raise typer.Exit(2)
    with open_store(db, readonly=True) as store:
        event = store.get_event(item_id)
        if event is not None:
            typer.echo(event.model_dump_json(indent=2, exclude_none=True))
            return
        found = store.get_document(item_id)
        if found is not None:
            record, body = found
            events, _ = store.query_events(EventQuery(doc_id=item_id, limit=10000))
            out = {"document": record.model_dump(mode="json"), "body": body,
                   "events": [e.model_dump(mode="json", exclude_none=True) for e in events]}
            typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
            return
    err.print(f"[red]error:[/red] no event or document with id {item_id!r} in {db}")
    raise typer.Exit(1)


class SchemaRecord(str, Enum):
    event = "Event"
    mention = "Mention"
    document = "Document"
    document_record = "DocumentRecord"
    story = "Story"
    event_mention = "EventMention"
    actor = "Actor"
    place = "Place"


@app.command()
def schema(record: Annotated[SchemaRecord, typer.Argument(help="Which record.")] = SchemaRecord.event) -> None:
    """Print the JSON Schema of a record."""
    from eventwire import records

    typer.echo(json.dumps(getattr(records, record.value).model_json_schema(), indent=2, ensure_ascii=False))


@config_app.command("show")
def config_show(config: ConfigOpt = None) -> None:
    """Print the effective configuration (defaults merged with your file) as TOML."""
    from eventwire.config import load_config

    try:
        cfg = load_config(config)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    typer.echo(_to_toml(cfg.model_dump()))


@app.command()
def stages() -> None:
    """List the registered stages and whether the default pipeline uses them."""
    from eventwire.config import load_config
    from eventwire.pipeline import available_stages

    used = load_config().pipeline.stages
    for stage in available_stages():
        mark = "*" if stage.name in used else " "
        typer.echo(f"{mark} {stage.name:10s} {stage.doc}")


def _to_toml(data: dict, prefix: str = "") -> str:
    lines: list[str] = []
    tables = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    for key, value in tables:
        name = f"{prefix}{key}"
        lines.append(f"\n[{name}]")
        lines.append(_to_toml(value, prefix=f"{name}.").strip("\n"))
    return "\n".join(lines).strip("\n") + "\n"


if __name__ == "__main__":
    app()

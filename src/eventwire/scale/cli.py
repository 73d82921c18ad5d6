"""``eventwire spark-run``: the pipeline on Spark, writing partitioned Parquet."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

__all__ = ["spark_run"]

err = Console(stderr=True)


class SparkInput(str, Enum):
    jsonl = "jsonl"
    parquet = "parquet"
    warc = "warc"


def spark_run(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (local paths or any URI Spark reads).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet output (kind=.../ parts).")],
    input_format: Annotated[Optional[SparkInput], typer.Option(
        "--input-format", "-f", help="Input format (default: from the file extensions).")] = None,
    master: Annotated[str, typer.Option("--master", help="Spark master URL.")] = "local[*]",
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML config file.")] = None,
    stages: Annotated[Optional[str], typer.Option("--stages", help="Comma-separated stages instead of the config's.")] = None,
    partitions: Annotated[Optional[int], typer.Option("--partitions", min=1,
                                                      help="Repartition the input into this many tasks.")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing output folder.")] = False,
) -> None:
    """Run the pipeline on Spark over JSONL, Parquet or WARC inputs; write events, mentions and documents
    as Parquet partitioned by kind (OUTPUT/kind=event, kind=mention, kind=document, kind=failure)."""
    from eventwire.config import load_config
    from eventwire.scale.spark import run_spark, spark_session

    try:
        cfg = load_config(config)
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    if output.exists() and not overwrite and "://" not in str(output):
        err.print(f"[red]error:[/red] {output} exists: choose another folder or add --overwrite")
        raise typer.Exit(2)
    try:
        spark = spark_session(master)
    except Exception as exc:  # noqa: BLE001 - no Java, no pyspark: say what to install
        err.print(f"[red]error:[/red] cannot start Spark ({exc}); it needs the [spark] extra and Java 17")
        raise typer.Exit(2) from None
    try:
        counts = run_spark(
            spark, inputs, str(output), input_format=input_format.value if input_format else None, config=cfg,
            stages=stages.split(",") if stages else None, partitions=partitions,
            mode="overwrite" if overwrite else "errorifexists",
        )
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    finally:
        spark.stop()
    err.print(
        f"{counts['documents']} documents ({counts['coded']} coded, {counts['skipped_language']} skipped (language), "
        f"{counts['failed']} failed), {counts['input_failures']} unreadable inputs, {counts['events']} events, "
        f"{counts['mentions']} mentions -> {output}"
    )
    if counts["failed"] or counts["input_failures"]:
        err.print(f"the failures and why: {output}/kind=failure and documents with status 'failed' in "
                  f"{output}/kind=document")
        raise typer.Exit(1)

"""Spark: the same batch function (``Pipeline.run``) over JSONL, Parquet or WARC inputs, in ``mapInPandas``.

Entry point for your own Spark jobs::

    from eventwire.scale.spark import DOCUMENT_SCHEMA, OUTPUT_SCHEMA, process_partition
    docs = spark.read.parquet("articles/")            # columns: text (or body), id, title, date, ...
    out = to_documents(docs).mapInPandas(process_partition, OUTPUT_SCHEMA)

``process_partition(batches: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]`` takes
rows in ``DOCUMENT_SCHEMA`` and yields rows in ``OUTPUT_SCHEMA``: one ``kind='document'`` row per
input document (its record, with ``status`` coded, skipped_language or failed and why), one
``kind='mention'`` row per entity/place/date mention, one ``kind='event'`` row per event, and one
``kind='failure'`` row per input that could not be read. ``record`` holds the same JSON that
``eventwire extract`` writes. Models load once per Python worker process (``Context.resource``).
The default config is used, or the file named by ``$EVENTWIRE_CONFIG``; ``partition_function``
makes one for another config or stage list.

Stages that keep state across batches (``merge``) are left out on Spark: their result would depend
on how the data is partitioned. Run them afterwards over the events, in one process.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.config import Config, load_config
from eventwire.ingest import Failure, InputError, make_document, read_bytes
from eventwire.ingest.jsonl import read_jsonl
from eventwire.pipeline import Pipeline
from eventwire.records import Document, Status

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

__all__ = [
    "DOCUMENT_SCHEMA",
    "OUTPUT_SCHEMA",
    "INPUT_FORMATS",
    "process_partition",
    "partition_function",
    "to_documents",
    "read_documents",
    "spark_session",
    "run_spark",
]

log = logging.getLogger(__name__)

INPUT_FORMATS = ("jsonl", "parquet", "warc")

# Rows going in: a Document's input fields, or an input that failed to read (input_error set).
DOC_FIELDS = ("doc_id", "body", "title", "url", "publication", "published", "published_precision", "language",
              "source_path", "source_format", "content_hash")
DOCUMENT_SCHEMA = ", ".join(f"{name} string" for name in DOC_FIELDS) + (
    ", authors array<string>, editors array<string>, input_error string, input_line int"
)
# Rows coming out, partitioned by kind on disk.
OUT_FIELDS = ("kind", "doc_id", "id", "type", "language", "status", "date", "record")
OUTPUT_SCHEMA = ", ".join(f"{name} string" for name in OUT_FIELDS)

# Column names accepted in Parquet (and other tabular) inputs, first found wins (as in JSONL input).
_ALIASES = {
    "body": ("text", "body", "content"),
    "doc_id": ("id", "doc_id"),
    "published": ("date", "published", "publish_date"),
    "publication": ("source", "publication"),
    "title": ("title",),
    "url": ("url",),
    "language": ("language", "lang"),
    "authors": ("authors",),
}


# -- rows <-> records ----------------------------------------------------------------------


def _doc_row(item: Document | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        row: dict[str, Any] = dict.fromkeys(DOC_FIELDS)
        row.update(source_path=item.source, authors=[], editors=[], input_error=item.reason, input_line=item.line)
        return row
    row = {name: getattr(item, name) for name in DOC_FIELDS}
    row.update(authors=list(item.authors), editors=list(item.editors), input_error=None, input_line=None)
    return row


def _row_item(row: dict[str, Any]) -> Document | Failure:
    """A Document (or the Failure of an unreadable input) from a row in DOCUMENT_SCHEMA."""
    if _present(row.get("input_error")):
        line = row.get("input_line")
        return Failure(source=row.get("source_path") or "?", line=int(line) if _present(line) else None,
                       reason=row["input_error"])
    fields = {name: row.get(name) for name in DOC_FIELDS if _present(row.get(name))}
    for name in ("authors", "editors"):
        value = row.get(name)
        fields[name] = [str(v) for v in value] if value is not None and not isinstance(value, float) else []
    source = fields.pop("source_path", None) or "spark"
    try:
        if fields.get("content_hash"):  # already read by eventwire: rebuild it as it was
            return Document(source_path=source, **fields)
        body = fields.pop("body", None)
        if not isinstance(body, str):
            raise InputError("no 'text' field")
        return make_document(body, source=source, fmt=fields.pop("source_format", None) or "table",
                             doc_id=fields.pop("doc_id", None), **fields)
    except InputError as err:
        return Failure(source=source, reason=str(err))


def _present(value: Any) -> bool:
    if value is None:
        return False
    try:
        return value == value  # NaN from pandas is absent
    except ValueError:  # arrays
        return True


def _out_rows(doc: Document) -> Iterator[dict[str, Any]]:
    record = doc.record()
    yield {"kind": "document", "doc_id": doc.doc_id, "id": doc.doc_id, "type": None, "language": doc.language,
           "status": record.status, "date": doc.published, "record": record.model_dump_json()}
    for m in doc.mentions:
        yield {"kind": "mention", "doc_id": doc.doc_id, "id": f"{m.doc_id}:{m.start}-{m.end}:{m.label}",
               "type": m.label, "language": doc.language, "status": None, "date": m.value,
               "record": m.model_dump_json(exclude_none=True)}
    for e in doc.events:
        yield {"kind": "event", "doc_id": doc.doc_id, "id": e.id, "type": e.event, "language": doc.language,
               "status": None, "date": e.date, "record": e.model_dump_json(exclude_none=True)}


def _failure_row(failure: Failure) -> dict[str, Any]:
    return {"kind": "failure", "doc_id": None, "id": None, "type": None, "language": None, "status": "failed",
            "date": None, "record": failure.model_dump_json()}


# -- the partition function ----------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _pipeline(config_json: str, stages: tuple[str, ...] | None) -> Pipeline:
    """One pipeline per Python worker process and config; stateful stages left out (see module doc)."""
    from eventwire.scale.pool import split_stages

    pipe = Pipeline(Config.model_validate_json(config_json), stages=list(stages) if stages is not None else None)
    head, tail = split_stages(pipe.stages)
    if tail:
        log.warning("stages %s keep state across batches and are left out on Spark",
                    ", ".join(s.name for s in tail))
    pipe.stages = head
    return pipe


def _process(pipe: Pipeline, batches: Iterable["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
    import pandas as pd

    size = pipe.config.pipeline.batch_size
    for frame in batches:
        rows = frame.to_dict("records")
        for start in range(0, len(rows), size):
            items = [_row_item(r) for r in rows[start:start + size]]
            docs = [i for i in items if isinstance(i, Document)]
            pipe.run(docs)
            out: list[dict[str, Any]] = []
            for item in items:
                if isinstance(item, Failure):
                    out.append(_failure_row(item))
                else:
                    if item.status == Status.pending:  # pragma: no cover - run() settles every status
                        item.status = Status.coded
                    out.extend(_out_rows(item))
            yield pd.DataFrame(out, columns=list(OUT_FIELDS))


def partition_function(config: Config | str | Path | None = None,
                       stages: list[str] | None = None) -> Callable[[Iterator["pd.DataFrame"]], Iterator["pd.DataFrame"]]:
    """A ``mapInPandas`` function for this config (a Config, a TOML path, or the defaults) and stages."""
    if not isinstance(config, Config):
        config = load_config(config)
    config_json = config.model_dump_json()
    stage_tuple = tuple(stages) if stages is not None else None

    def process(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
        return _process(_pipeline(config_json, stage_tuple), batches)

    return process


def process_partition(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
    """DOCUMENT_SCHEMA rows in, OUTPUT_SCHEMA rows out (``mapInPandas``); config from $EVENTWIRE_CONFIG."""
    config = load_config(os.environ.get("EVENTWIRE_CONFIG") or None)
    return _process(_pipeline(config.model_dump_json(), None), batches)


# -- reading inputs --------------------------------------------------------------------------


def _read_binary(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
    """(path, content) rows of WARC files -> document rows (one per record, failures included)."""
    import pandas as pd

    for frame in batches:
        for path, content in zip(frame["path"], frame["content"]):
            rows = [_doc_row(item) for item in read_bytes(bytes(content), source=_local(path), fmt="warc")]
            yield pd.DataFrame(rows, columns=[*DOC_FIELDS, "authors", "editors", "input_error", "input_line"])


def _read_jsonl_lines(batches: Iterator["pd.DataFrame"]) -> Iterator["pd.DataFrame"]:
    """(value, source) rows, one per JSONL line -> document rows, read as ``eventwire extract`` reads them."""
    import pandas as pd

    for frame in batches:
        rows = []
        for line, source in zip(frame["value"], frame["source"]):
            if not line or not line.strip():
                continue
            for item in read_jsonl(line, source=_local(source)):
                if isinstance(item, Failure):
                    item = Failure(source=item.source, reason=item.reason)  # the line number is not known here
                else:
                    item.source_path = _local(source)
                rows.append(_doc_row(item))
        yield pd.DataFrame(rows, columns=[*DOC_FIELDS, "authors", "editors", "input_error", "input_line"])


def _local(uri: str) -> str:
    """A local path for file: URIs (as the CLI names sources); other URIs as they are."""
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(uri).path)
    return uri


def to_documents(frame: "DataFrame") -> "DataFrame":
    """A table of articles (text/body, id, title, date, source, url, language, authors) -> DOCUMENT_SCHEMA."""
    from pyspark.sql import functions as F

    names = set(frame.columns)
    cols = []
    for target in DOC_FIELDS:
        found = next((c for c in _ALIASES.get(target, (target,)) if c in names), None)
        cols.append((F.col(f"`{found}`").cast("string") if found else F.lit(None).cast("string")).alias(target))
    authors = next((c for c in _ALIASES["authors"] if c in names), None)
    if authors and frame.schema[authors].dataType.typeName() == "array":
        cols.append(F.col(authors).cast("array<string>").alias("authors"))
    elif authors:
        cols.append(F.array(F.col(authors).cast("string")).alias("authors"))
    else:
        cols.append(F.lit(None).cast("array<string>").alias("authors"))
    cols += [F.lit(None).cast("array<string>").alias("editors"), F.lit(None).cast("string").alias("input_error"),
             F.lit(None).cast("int").alias("input_line")]
    out = frame.select(*cols)
    if "source_path" not in names:
        out = out.withColumn("source_path", F.input_file_name())
    return out


def detect_format(paths: list[str]) -> str:
    """jsonl, parquet or warc from the paths' extensions (a folder: from the files in it)."""
    names: list[str] = []
    for raw in paths:
        path = Path(raw)
        names += [p.name for p in path.rglob("*") if p.is_file()][:50] if path.is_dir() else [path.name]
    names = [n.lower() for n in names if not n.startswith((".", "_"))]
    for fmt, ends in (("warc", (".warc", ".warc.gz")), ("parquet", (".parquet",)),
                      ("jsonl", (".jsonl", ".ndjson", ".json", ".jsonl.gz"))):
        if names and all(n.endswith(ends) for n in names):
            return fmt
    raise ValueError(f"cannot tell the input format of {', '.join(paths)}: give --input-format "
                     f"({', '.join(INPUT_FORMATS)})")


def read_documents(spark: "SparkSession", paths: list[str], fmt: str | None = None,
                   partitions: int | None = None) -> "DataFrame":
    """Inputs as DOCUMENT_SCHEMA rows: JSONL line by line, Parquet tables, WARC files record by record."""
    from pyspark.sql import functions as F

    fmt = fmt or detect_format(paths)
    if fmt == "jsonl":
        lines = spark.read.text(paths).withColumn("source", F.input_file_name())
        docs = lines.mapInPandas(_read_jsonl_lines, DOCUMENT_SCHEMA)
    elif fmt == "parquet":
        docs = to_documents(spark.read.parquet(*paths))
    elif fmt == "warc":
        files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(paths)
        docs = files.select("path", "content").mapInPandas(_read_binary, DOCUMENT_SCHEMA)
        # one WARC file holds many articles: spread them over the cores
        docs = docs.repartition(partitions or spark.sparkContext.defaultParallelism)
        partitions = None
    else:
        raise ValueError(f"unknown input format {fmt!r}; choose one of {', '.join(INPUT_FORMATS)}")
    return docs.repartition(partitions) if partitions else docs


# -- running -------------------------------------------------------------------------------


def spark_session(master: str = "local[*]", app_name: str = "eventwire",
                  conf: dict[str, str] | None = None) -> "SparkSession":
    """A session whose Python workers use this interpreter; in local mode bound to 127.0.0.1, no web UI."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise RuntimeError("Spark needs the [spark] extra: pip install 'eventwire[spark]' (and Java 17)") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    # the workers import what this process can import (plugins, the project itself)
    extra = [p for p in sys.path if p and Path(p).is_dir() and not p.startswith((sys.prefix, sys.base_prefix))]
    if extra:
        known = os.environ.get("PYTHONPATH", "")
        os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([*known.split(os.pathsep), *extra]).keys()).strip(
            os.pathsep)
    builder = SparkSession.builder.master(master).appName(app_name)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.execution.arrow.maxRecordsPerBatch": "1000",
        "spark.python.worker.reuse": "true",
        "spark.sql.sources.partitionOverwriteMode": "static",
    }
    if master.startswith("local"):
        settings.update({"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"})
    settings.update(conf or {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_spark(
    spark: "SparkSession",
    inputs: list[str],
    output: str,
    *,
    input_format: str | None = None,
    config: Config | str | Path | None = None,
    stages: list[str] | None = None,
    partitions: int | None = None,
    mode: str = "errorifexists",
) -> dict[str, int]:
    """Process inputs and write ``output/kind=document|mention|event|failure/`` Parquet; returns counts.

    The counts are read back from what was written: ``documents`` (and of them ``coded``,
    ``skipped_language``, ``failed``), ``mentions``, ``events`` and ``input_failures``.
    """
    docs = read_documents(spark, inputs, input_format, partitions)
    out = docs.mapInPandas(partition_function(config, stages), OUTPUT_SCHEMA)
    out.write.mode(mode).partitionBy("kind").parquet(output)
    counts = {"documents": 0, "coded": 0, "skipped_language": 0, "failed": 0, "mentions": 0, "events": 0,
              "input_failures": 0}
    written = spark.read.parquet(output).groupBy("kind", "status").count().collect()
    for row in written:
        kind, status, n = row["kind"], row["status"], row["count"]
        if kind == "document":
            counts["documents"] += n
            counts[status] = counts.get(status, 0) + n
        elif kind == "failure":
            counts["input_failures"] += n
        else:
            counts[f"{kind}s"] += n
    return counts

"""Evaluation as a feature: gold readers, scorers with bootstrap intervals, and reports.

``eventwire evaluate ner|geo|events|dates|clusters`` (see ``cli.py``) and
``benchmarks/accuracy.py`` call the task functions re-exported here.
"""

from eventwire.evaluate.report import Measure, Report, Table, print_report, render_markdown, write_report
from eventwire.evaluate.tasks import (
    default_gold,
    evaluate_clusters,
    evaluate_dates,
    evaluate_events,
    evaluate_geo,
    evaluate_ner,
    evaluate_seed,
    gold_documents,
    write_documents_jsonl,
)

__all__ = [
    "Measure",
    "Report",
    "Table",
    "default_gold",
    "evaluate_clusters",
    "evaluate_dates",
    "evaluate_events",
    "evaluate_geo",
    "evaluate_ner",
    "evaluate_seed",
    "gold_documents",
    "print_report",
    "render_markdown",
    "write_documents_jsonl",
    "write_report",
]

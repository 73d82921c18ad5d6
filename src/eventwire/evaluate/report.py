"""Evaluation reports: typed measures, markdown and JSON files, and a rich table for the terminal."""

from __future__ import annotations

import datetime as _dt
import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED, bootstrap_sums

__all__ = [
    "Measure",
    "Table",
    "Report",
    "measure_from_sums",
    "write_report",
    "render_markdown",
    "print_report",
    "fmt",
    "summary_rows",
]

SYSTEM = "eventwire"


class Measure(BaseModel):
    """One number with its 95% confidence interval, for one system on one gold set."""

    dataset: str
    task: str
    key: str = Field(description="machine name, e.g. f1, acc_161km")
    name: str = Field(description="human name, e.g. 'F1 PER/LOC/ORG (exact span)'")
    system: str = SYSTEM
    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    n: int = Field(0, description="number of scored items (the denominator)")
    units: int = Field(0, description="number of resampled units (documents or sentences)")
    unit: str = "documents"
    headline: bool = True
    higher_is_better: bool = True

    def ci_text(self, digits: int = 3) -> str:
        if self.ci_low is None or self.ci_high is None:
            return ""
        return f"[{fmt(self.ci_low, digits)}, {fmt(self.ci_high, digits)}]"


class Table(BaseModel):
    """A detail table (e.g. per-label scores) kept in the report."""

    title: str
    columns: list[str]
    rows: list[list[str | float | int | None]]


class Report(BaseModel):
    task: str
    dataset: str
    gold: str
    predictions: str = Field(description="'pipeline' or the path of the predictions file")
    created: str = Field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"))
    seed: int = DEFAULT_SEED
    n_bootstrap: int = DEFAULT_BOOTSTRAP
    limit: int | None = None
    measures: list[Measure] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    baselines: list[str] = Field(default_factory=list, description="preferred baseline systems, in order")

    def get(self, key: str, system: str = SYSTEM, dataset: str | None = None) -> Measure:
        for m in self.measures:
            if m.key == key and m.system == system and (dataset is None or m.dataset == dataset):
                return m
        raise KeyError(f"no measure {key!r} for system {system!r} in the {self.task} report")

    def baseline_for(self, measure: Measure) -> Measure | None:
        """The baseline's measure with the same dataset and key: a preferred baseline system first,
        else the first other system."""
        same = [m for m in self.measures if m.system != measure.system and m.key == measure.key and m.dataset == measure.dataset
                and (m.system in self.baselines or measure.system == SYSTEM)]
        for name in self.baselines:
            for m in same:
                if m.system == name:
                    return m
        return same[0] if same else None


def fmt(value: float | None, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.{digits}f}"


def measure_from_sums(
    counts: np.ndarray | Sequence[Sequence[float]],
    stat: Callable[[np.ndarray], float],
    *,
    dataset: str,
    task: str,
    key: str,
    name: str,
    n_of: Callable[[np.ndarray], float] | None = None,
    system: str = SYSTEM,
    unit: str = "documents",
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    headline: bool = True,
    higher_is_better: bool = True,
) -> Measure:
    """A measure computed from per-unit count rows, with a bootstrap interval over the rows."""
    x = np.asarray(counts, dtype=float)
    if x.ndim != 2:
        x = x.reshape(0, 1) if x.size == 0 else x.reshape(len(x), -1)
    totals = x.sum(axis=0) if x.shape[0] else np.zeros(x.shape[1] if x.ndim == 2 else 1)
    ci = bootstrap_sums(x, stat, n_boot=n_boot, seed=seed)
    return Measure(
        dataset=dataset,
        task=task,
        key=key,
        name=name,
        system=system,
        value=float(stat(totals)),
        ci_low=ci[0] if ci else None,
        ci_high=ci[1] if ci else None,
        n=int(n_of(totals)) if n_of else int(x.shape[0]),
        units=int(x.shape[0]),
        unit=unit,
        headline=headline,
        higher_is_better=higher_is_better,
    )


def summary_rows(report: Report) -> list[tuple[Measure, Measure | None]]:
    """Headline measures with their baseline: eventwire's when it was scored; otherwise every
    system that is not itself a preferred baseline (components, trivial baselines), then the
    preferred baselines' own rows when nothing else was scored."""
    main = [m for m in report.measures if m.system == SYSTEM and m.headline]
    if not main:
        main = [m for m in report.measures if m.headline and m.system not in report.baselines]
    if not main:
        return [(m, None) for m in report.measures if m.headline]
    return [(m, report.baseline_for(m)) for m in main]


_summary_rows = summary_rows


def render_markdown(report: Report) -> str:
    lines = [
        f"# Evaluation: {report.task} on {report.dataset}",
        "",
        f"- gold: `{report.gold}`",
        f"- predictions: `{report.predictions}`",
        f"- created: {report.created}; bootstrap: {report.n_bootstrap} resamples, seed {report.seed}"
        + (f"; limit {report.limit}" if report.limit else ""),
        "",
        "| set | measure | system | value | 95% CI | n | baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for m, b in _summary_rows(report):
        base = f"{fmt(b.value)} ({b.system})" if b else ""
        lines.append(
            f"| {m.dataset} | {m.name} | {m.system} | {fmt(m.value)} | {m.ci_text()} | {m.n} | {base} |"
        )
    lines += ["", "## All measures", "", "| set | measure | system | value | 95% CI | n | units |", "|---|---|---|---|---|---|---|"]
    for m in report.measures:
        lines.append(f"| {m.dataset} | {m.name} | {m.system} | {fmt(m.value)} | {m.ci_text()} | {m.n} | {m.units} {m.unit} |")
    for table in report.tables:
        lines += ["", f"## {table.title}", "", "| " + " | ".join(table.columns) + " |"]
        lines.append("|" + "---|" * len(table.columns))
        for row in table.rows:
            cells = [fmt(c) if isinstance(c, float) else ("" if c is None else str(c).replace("|", "\\|")) for c in row]
            lines.append("| " + " | ".join(cells) + " |")
    if report.notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def write_report(report: Report, directory: Path) -> tuple[Path, Path]:
    """Write ``<task>_<dataset>.md`` and ``.json`` into ``directory``; return both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"{report.task}_{report.dataset}".replace("/", "_")
    md = directory / f"{stem}.md"
    js = directory / f"{stem}.json"
    md.write_text(render_markdown(report), encoding="utf-8")
    js.write_text(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return md, js


def print_report(report: Report, console: object | None = None) -> None:
    """A rich table of the report's measures on the terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    con = console if console is not None else Console()
    table = RichTable(title=escape(f"{report.task}: {report.dataset}  (predictions: {report.predictions})"))
    for col in ("measure", "system", "value", "95% CI", "n", "baseline"):
        table.add_column(col, justify="right" if col in ("value", "n") else "left",
                         no_wrap=col in ("value", "95% CI", "n"))
    for m, b in _summary_rows(report):
        table.add_row(escape(m.name), escape(m.system), fmt(m.value), escape(m.ci_text()), str(m.n),
                      escape(f"{fmt(b.value)} ({b.system})") if b else "")
    con.print(table)  # type: ignore[attr-defined]
    for t in report.tables:
        rt = RichTable(title=escape(t.title))
        for c in t.columns:
            rt.add_column(escape(c))
        for row in t.rows:
            rt.add_row(*[escape(fmt(c) if isinstance(c, float) else ("" if c is None else str(c))) for c in row])
        con.print(rt)  # type: ignore[attr-defined]
    for n in report.notes:
        con.print(f"[dim]note: {escape(n)}[/dim]")  # type: ignore[attr-defined]

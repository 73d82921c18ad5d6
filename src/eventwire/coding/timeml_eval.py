"""Quick scoring of the date tagger: TimeML gold (KRAUTS) and hand-made JSONL expectation sets.

The TimeML reading and matching live in ``eventwire.evaluate.dates`` (the evaluation harness,
``eventwire evaluate dates``, with bootstrap intervals); this module reuses them and adds:

* ``score_timexes(gold, predicted)``: strict and relaxed extent P/R/F1, type and value accuracy
  over the relaxed matches, value F1 (a match counts only with the right value), as plain counts.
* ``evaluate_timeml_dir(gold_dir, system_dir=None)``: the above over a folder, for our tagger run
  alone with the DCT, or for another system's ``.tml`` output on the same files (HeidelTime's).
* ``evaluate_expectations(path)``: accuracy on a JSONL set of ``{text, lang, dct, dct_precision,
  expected: [{text, value, precision?, historical?, future?}]}`` lines (``//`` lines are comments).

``python -m eventwire.coding.timeml_eval [krauts_dev folder]`` prints ours next to HeidelTime's.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from eventwire.coding.dates import find_time_expressions
from eventwire.evaluate.dates import Timex, TimemlDoc, match_timexes, read_timeml, read_timeml_dir, timex_mentions
from eventwire.evaluate.metrics import PRF, safe_div
from eventwire.records import Mention

__all__ = [
    "TimexScore",
    "score_timexes",
    "evaluate_timeml_dir",
    "ExpectationScore",
    "evaluate_expectations",
    "KRAUTS_DIRS",
    "read_timeml",
]

log = logging.getLogger(__name__)

KRAUTS_DIRS = ("KRAUTS_Dolomiten-100", "KRAUTS_Dolomiten-100_Heideltime")


class TimexScore(BaseModel):
    """Counts over one or many documents; add two with ``+``."""

    strict: PRF = Field(default_factory=PRF)
    relaxed: PRF = Field(default_factory=PRF)
    value: PRF = Field(default_factory=PRF)  # relaxed match with the right value
    type_correct: int = 0
    value_correct: int = 0
    matched: int = 0

    def __add__(self, other: "TimexScore") -> "TimexScore":
        return TimexScore(
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            value=self.value + other.value,
            type_correct=self.type_correct + other.type_correct,
            value_correct=self.value_correct + other.value_correct,
            matched=self.matched + other.matched,
        )

    @property
    def value_accuracy(self) -> float:
        return safe_div(self.value_correct, self.matched)

    @property
    def type_accuracy(self) -> float:
        return safe_div(self.type_correct, self.matched)

    def row(self) -> dict[str, float | int]:
        return {
            "strict_p": round(self.strict.precision, 3), "strict_r": round(self.strict.recall, 3),
            "strict_f1": round(self.strict.f1, 3), "relaxed_p": round(self.relaxed.precision, 3),
            "relaxed_r": round(self.relaxed.recall, 3), "relaxed_f1": round(self.relaxed.f1, 3),
            "matched": self.matched, "type_acc": round(self.type_accuracy, 3),
            "value_acc": round(self.value_accuracy, 3), "value_f1": round(self.value.f1, 3),
        }


def _same_value(a: str | None, b: str | None) -> bool:
    """Values compare as written, except zero-padding of weekday numbers (XXXX-WXX-01 = XXXX-WXX-1)."""
    norm = [(v or "").strip().upper().replace("-WXX-0", "-WXX-") for v in (a, b)]
    return bool(norm[0]) and norm[0] == norm[1]


def score_timexes(gold: Sequence[Timex], predicted: Sequence[Mention]) -> TimexScore:
    """Strict (same span) and relaxed (overlapping, one-to-one) extent match, then value and type."""
    matches = match_timexes(gold, predicted)
    strict_tp = sum(1 for _, _, s in matches if s)
    score = TimexScore(matched=len(matches))
    score.type_correct = sum(1 for g, p, _ in matches if (g.type or "").upper() == p.label.upper())
    score.value_correct = sum(1 for g, p, _ in matches if _same_value(g.value, p.value))
    n_gold, n_pred = len(gold), len(predicted)
    score.strict = PRF(tp=strict_tp, fp=n_pred - strict_tp, fn=n_gold - strict_tp)
    score.relaxed = PRF(tp=score.matched, fp=n_pred - score.matched, fn=n_gold - score.matched)
    score.value = PRF(tp=score.value_correct, fp=n_pred - score.value_correct, fn=n_gold - score.value_correct)
    return score


def tag(doc: TimemlDoc, lang: str = "de") -> list[Mention]:
    """Our tagger alone on a TimeML document's body, with its DCT, as mentions."""
    return [
        Mention(doc_id=doc.doc_id, start=e.start, end=e.end, text=e.text, label=e.type, value=e.value, source="dates")
        for e in find_time_expressions(doc.body, lang, doc.dct, None)
    ]


def evaluate_timeml_dir(
    gold_dir: str | Path, system_dir: str | Path | None = None, lang: str = "de"
) -> tuple[TimexScore, int, float]:
    """(score, documents, seconds) of our tagger, or of the ``.tml`` files in ``system_dir``, on ``gold_dir``."""
    golds = read_timeml_dir(Path(gold_dir))
    others: dict[str, TimemlDoc] = {}
    if system_dir is not None:
        others = {d.doc_id: d for d in read_timeml_dir(Path(system_dir))}
    total = TimexScore()
    seconds = 0.0
    for gold in golds:
        if system_dir is None:
            t0 = time.perf_counter()
            pred = tag(gold, lang)
            seconds += time.perf_counter() - t0
        else:
            other = others.get(gold.doc_id)
            if other is None:
                log.warning("%s: no system output, counted as empty", gold.doc_id)
            elif other.body != gold.body:
                log.warning("%s: system text differs from gold; offsets may not align", gold.doc_id)
            pred = timex_mentions(other) if other is not None else []
        total = total + score_timexes(gold.timexes, pred)
    return total, len(golds), seconds


# --------------------------------------------------------------------------------------------
# Hand-made expectation sets (JSONL)
# --------------------------------------------------------------------------------------------


class ExpectationScore(BaseModel):
    expected: int = 0
    found: int = 0  # an expression overlapping the expected text was produced
    value_correct: int = 0
    precision_correct: int = 0
    flags_correct: int = 0  # historical/future, where the line states them
    flags_checked: int = 0
    spurious: int = 0
    failures: list[str] = Field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return safe_div(self.value_correct, self.expected)


def evaluate_expectations(path: str | Path) -> ExpectationScore:
    """Score ``find_time_expressions`` on a JSONL file of hand-written cases (see module doc)."""
    score = ExpectationScore()
    for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        case = json.loads(line)
        found = find_time_expressions(case["text"], case.get("lang", "en"), case.get("dct"), case.get("dct_precision"))
        used: set[int] = set()
        for exp in case.get("expected", []):
            score.expected += 1
            at = case["text"].find(exp["text"])
            if at < 0:
                raise ValueError(f"{path}:{line_no}: expected text {exp['text']!r} is not in the sentence")
            hit = next((i for i, e in enumerate(found) if i not in used and e.start < at + len(exp["text"]) and e.end > at), None)
            if hit is None:
                score.failures.append(f"{line_no}: missed {exp['text']!r} (want {exp['value']})")
                continue
            used.add(hit)
            e = found[hit]
            score.found += 1
            if e.value == exp["value"]:
                score.value_correct += 1
            else:
                score.failures.append(f"{line_no}: {exp['text']!r} -> {e.value} (want {exp['value']})")
            if "precision" in exp:
                score.precision_correct += e.precision == exp["precision"]
            for flag in ("historical", "future"):
                if flag in exp:
                    score.flags_checked += 1
                    if getattr(e, flag) == exp[flag]:
                        score.flags_correct += 1
                    else:
                        score.failures.append(f"{line_no}: {exp['text']!r} {flag}={getattr(e, flag)} (want {exp[flag]})")
        extra = [e for i, e in enumerate(found) if i not in used]
        score.spurious += len(extra)
        for e in extra:
            score.failures.append(f"{line_no}: spurious {e.text!r} -> {e.value}")
    return score


def _print_table(rows: Iterable[tuple[str, TimexScore]]) -> None:
    header = ["system", "strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1", "matched",
              "type_acc", "value_acc", "value_f1"]
    print("\t".join(header))
    for name, s in rows:
        r = s.row()
        print("\t".join([name] + [str(r[h]) for h in header[1:]]))


def main(argv: Sequence[str] | None = None) -> int:
    from eventwire.evaluate.paths import gold_dir

    args = list(sys.argv[1:] if argv is None else argv)
    base = Path(args[0]) if args else gold_dir("krauts_dev")
    gold, heidel = base / KRAUTS_DIRS[0], base / KRAUTS_DIRS[1]
    if not gold.exists():
        print(f"KRAUTS gold not found at {gold}; pass the krauts_dev folder or set EVENTWIRE_SHARED", file=sys.stderr)
        return 2
    ours, n, secs = evaluate_timeml_dir(gold)
    rows = [("eventwire", ours)]
    if heidel.exists():
        rows.append(("heideltime", evaluate_timeml_dir(gold, heidel)[0]))
    print(f"KRAUTS {base.name}: {n} documents, {ours.strict.tp + ours.strict.fn} gold TIMEX3; eventwire {secs:.2f} s")
    _print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

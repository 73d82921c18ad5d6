"""Named-entity recognition: readers for CoNLL-2003, GermEval 2014 and Europarl TSV gold, and an
exact-span scorer over character offsets (micro P/R/F1 over PER/LOC/ORG plus per label).

Gold sentences become one ``Document`` each whose body is the tokens joined by single spaces; gold
token spans are mapped to character spans in that body, and predictions are scored on characters,
so any tokenizer can be evaluated.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel

from eventwire.evaluate.bootstrap import DEFAULT_BOOTSTRAP, DEFAULT_SEED
from eventwire.evaluate.metrics import f1_from_counts, safe_div
from eventwire.evaluate.report import Report, Table, measure_from_sums
from eventwire.records import Document, Mention

__all__ = [
    "NerFormat",
    "NerSpan",
    "NerSentence",
    "HEADLINE_LABELS",
    "read_ner",
    "detect_format",
    "decode_bio",
    "detect_scheme",
    "to_document",
    "normalise_label",
    "score_ner",
    "sentence_counts",
]

log = logging.getLogger(__name__)

NerFormat = Literal["conll", "germeval", "europarl"]
HEADLINE_LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")
SCORED_LABELS: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")

# Label names used by different tag sets and models, mapped to the four CoNLL types.
_LABEL_MAP = {
    "PER": "PER", "PERSON": "PER", "I-PER": "PER",
    "LOC": "LOC", "GPE": "LOC", "LOCATION": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "NORP_ORG": "ORG",
    "MISC": "MISC", "OTH": "MISC", "OTHER": "MISC",
}


class NerSpan(BaseModel):
    start: int
    end: int
    label: str


class NerSentence(BaseModel):
    sent_id: str
    tokens: list[str]
    spans: list[NerSpan]  # token offsets, end exclusive, raw gold labels (e.g. LOCderiv)
    language: str | None = None

    def char_offsets(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for tok in self.tokens:
            out.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        return out

    def text(self) -> str:
        return " ".join(self.tokens)

    def char_spans(self) -> list[NerSpan]:
        offs = self.char_offsets()
        return [NerSpan(start=offs[s.start][0], end=offs[s.end - 1][1], label=s.label) for s in self.spans]


def normalise_label(label: str) -> str | None:
    """PER/LOC/ORG/MISC for any known spelling; None for everything else (DATE, LOCderiv ...)."""
    return _LABEL_MAP.get(label.upper()) if label else None


def detect_format(path: Path) -> NerFormat:
    """Guess the column layout from the first non-empty lines."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("-DOCSTART-"):
                return "conll"
            if line.startswith("#\t") or line.startswith("# "):
                return "germeval"
            cols = line.split("\t")
            if len(cols) == 4 and cols[0].isdigit():
                return "germeval"
            if len(cols) >= 2:
                return "europarl"
            if len(line.split(" ")) >= 2:
                return "conll"
    raise ValueError(f"{path}: cannot tell the NER format (no data lines); pass --format")


def decode_bio(tags: Sequence[str]) -> list[NerSpan]:
    """Spans from IOB1 or IOB2 tags (conlleval rules: I-X after anything but X starts a span)."""
    spans: list[NerSpan] = []
    start, label = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-") if tag != "O" else ("O", "", "")
        if prefix not in ("B", "I", "E", "S"):
            prefix, typ = "O", ""
        begins = prefix in ("B", "S") or (prefix in ("I", "E") and typ != label)
        if label is not None and (prefix == "O" or begins):
            spans.append(NerSpan(start=start, end=i, label=label))  # type: ignore[arg-type]
            start, label = None, None
        if begins:
            start, label = i, typ
    return spans


def detect_scheme(tag_sequences: Iterable[Sequence[str]]) -> str:
    """'IOB1' when some span starts with I- (after O or another type), else 'IOB2'."""
    for tags in tag_sequences:
        prev = "O"
        for tag in tags:
            if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
                return "IOB1"
            prev = tag
    return "IOB2"


def _blocks(path: Path) -> Iterable[list[str]]:
    block: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    yield block
                block = []
            else:
                block.append(line)
    if block:
        yield block


def read_ner(
    path: Path, fmt: NerFormat | None = None, language: str | None = None, limit: int | None = None
) -> tuple[list[NerSentence], str]:
    """Read gold sentences; returns them and the tagging scheme found (IOB1/IOB2)."""
    fmt = fmt or detect_format(path)
    if language is None:
        language = "en" if fmt == "conll" and "_en" in str(path) else ("de" if fmt != "conll" else None)
    sentences: list[NerSentence] = []
    all_tags: list[list[str]] = []
    for n, block in enumerate(_blocks(path)):
        tokens: list[str] = []
        tags: list[str] = []
        for line in block:
            if fmt == "germeval":
                if line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) < 3:
                    raise ValueError(f"{path}: GermEval line needs idx, token, outer tag: {line!r}")
                tokens.append(cols[1])
                tags.append(cols[2])
            elif fmt == "conll":
                if line.startswith("-DOCSTART-"):
                    continue
                cols = line.split(" ")
                tokens.append(cols[0])
                tags.append(cols[-1])
            else:
                cols = line.split("\t")
                tokens.append(cols[0])
                tags.append(cols[-1])
        if not tokens:
            continue
        all_tags.append(tags)
        sentences.append(
            NerSentence(sent_id=f"{path.stem}-{len(sentences):05d}", tokens=tokens, spans=decode_bio(tags), language=language)
        )
        if limit is not None and len(sentences) >= limit:
            break
    return sentences, detect_scheme(all_tags)


def to_document(sentence: NerSentence) -> Document:
    return Document(doc_id=sentence.sent_id, body=sentence.text(), language=sentence.language)


def _pred_spans(mentions: Iterable[Mention], body: str) -> set[tuple[int, int, str]]:
    out = set()
    for m in mentions:
        label = normalise_label(m.label)
        if label is None or m.source == "nested":
            continue  # NER is scored on outer spans; a place inside a name is not one
        start, end = max(0, m.start), min(len(body), m.end)
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        out.add((start, end, label))
    return out


def sentence_counts(sentence: NerSentence, mentions: Iterable[Mention]) -> np.ndarray:
    """Row of (tp, fp, fn) for each of SCORED_LABELS, flattened."""
    gold = {(s.start, s.end, lab) for s in sentence.char_spans() if (lab := normalise_label(s.label)) in SCORED_LABELS}
    pred = _pred_spans(mentions, sentence.text())
    row = []
    for label in SCORED_LABELS:
        g = {s for s in gold if s[2] == label}
        p = {s for s in pred if s[2] == label}
        tp = len(g & p)
        row += [tp, len(p) - tp, len(g) - tp]
    return np.array(row, dtype=float)


def _cols(labels: Sequence[str]) -> list[int]:
    return [SCORED_LABELS.index(label) for label in labels]


def _micro(labels: Sequence[str], what: str):
    idx = _cols(labels)

    def stat(s: np.ndarray) -> float:
        tp = sum(s[3 * i] for i in idx)
        fp = sum(s[3 * i + 1] for i in idx)
        fn = sum(s[3 * i + 2] for i in idx)
        if what == "p":
            return safe_div(tp, tp + fp)
        if what == "r":
            return safe_div(tp, tp + fn)
        return f1_from_counts(tp, fp, fn)

    def n_of(s: np.ndarray) -> float:
        return sum(s[3 * i] + s[3 * i + 2] for i in idx)

    return stat, n_of


def score_ner(
    sentences: Sequence[NerSentence],
    predictions: dict[str, list[Mention]],
    *,
    dataset: str,
    gold: str,
    source: str,
    scheme: str = "IOB2",
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
) -> Report:
    """Exact-span scores; ``predictions`` maps sentence doc ids to their predicted mentions."""
    rows = np.array([sentence_counts(s, predictions.get(s.sent_id, [])) for s in sentences]).reshape(
        len(sentences), 3 * len(SCORED_LABELS)
    )
    report = Report(task="ner", dataset=dataset, gold=gold, predictions=source, seed=seed, n_bootstrap=n_boot, limit=limit)
    kw = dict(dataset=dataset, task="ner", unit="sentences", n_boot=n_boot, seed=seed)
    for what, name in (("f1", "F1"), ("p", "precision"), ("r", "recall")):
        stat, n_of = _micro(HEADLINE_LABELS, what)
        report.measures.append(
            measure_from_sums(rows, stat, n_of=n_of, key=f"{what}", name=f"{name} PER/LOC/ORG (exact span, micro)",
                              **kw)
        )
    table_rows: list[list[str | float | int | None]] = []
    for label in SCORED_LABELS:
        stat_f, n_of = _micro([label], "f1")
        m = measure_from_sums(rows, stat_f, n_of=n_of, key=f"f1_{label}", name=f"F1 {label}", headline=False, **kw)
        report.measures.append(m)
        tot = rows.sum(axis=0) if len(rows) else np.zeros(3 * len(SCORED_LABELS))
        i = SCORED_LABELS.index(label)
        tp, fp, fn = tot[3 * i : 3 * i + 3]
        table_rows.append([label, int(tp + fn), int(tp + fp), safe_div(tp, tp + fp), safe_div(tp, tp + fn), m.value, m.ci_text()])
    report.tables.append(Table(title="Per label (exact span)", columns=["label", "gold", "pred", "P", "R", "F1", "95% CI"], rows=table_rows))
    report.notes.append(
        f"{len(sentences)} sentences; gold tagging scheme {scheme}; GermEval *part/*deriv spans are not entities here; "
        "OTH is scored as MISC; MISC is reported per label but not in the headline micro score."
    )
    return report


def dataset_name(path: Path) -> str:
    parent = path.parent.name
    stem = re.sub(r"^NER-de-", "", path.stem)
    return f"{parent}-{stem}" if stem not in parent else parent

"""Event-type accuracy on the PLOVER gold records, in English and in German.

Data (read-only, under the shared folder, ``$EVENTWIRE_SHARED`` or ``<repo>/../shared``):

- ``gold/plover_gsr/PLOVER_GSR_CAMEO.json``: the OEDA PLOVER gold-standard sentences (English);
  ``DOCUMENT`` entries are skipped; old type names are mapped (DEMAND->REQUEST,
  DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT).
- ``gold/plover_gsr_de/plover_gsr_de.jsonl``: German translations of the odd-numbered records
  (``text_de``) with the same codes, and the English original (``text_en``).

Each sentence is classified on its own (top-ranked type); reported: accuracy per language, the
cross-language agreement (same predicted type for a sentence and its translation), and a
confusion table per gold type. Call :func:`evaluate_plover` or run
``python -m eventwire.coding.plover_eval``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel, Field

from eventwire.records import Token

from .classifier import CLASSIFIER_WEIGHT, UseClassifier, classify_sentences

__all__ = ["OLD_NAMES", "LanguageResult", "PloverEvalReport", "evaluate_plover", "load_gold", "shared_dir", "main"]

LOG = logging.getLogger(__name__)

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
EN_PATH = Path("gold/plover_gsr/PLOVER_GSR_CAMEO.json")
DE_PATH = Path("gold/plover_gsr_de/plover_gsr_de.jsonl")


def shared_dir() -> Path:
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared"


class GoldItem(BaseModel):
    id: str
    event: str
    text: str
    lang: str


class LanguageResult(BaseModel):
    lang: str
    n: int
    correct: int
    accuracy: float
    no_prediction: int = Field(description="sentences where nothing was ranked")
    confusion: dict[str, dict[str, int]] = Field(description="gold type -> predicted type -> count")
    per_type_accuracy: dict[str, float]


class PloverEvalReport(BaseModel):
    languages: dict[str, LanguageResult]
    cross_language_pairs: int
    cross_language_agreement: float | None
    seconds: float
    use_classifier: str
    weight: float
    pipeline: bool = False


def load_gold(shared: Path) -> tuple[list[GoldItem], list[GoldItem], list[tuple[str, str]]]:
    """English items, German items, and (English id, German id) pairs of the same sentence."""
    en_file, de_file = shared / EN_PATH, shared / DE_PATH
    if not en_file.exists():
        raise FileNotFoundError(f"PLOVER gold not found at {en_file}; set EVENTWIRE_SHARED to the shared folder")
    en: list[GoldItem] = []
    for n, rec in enumerate(json.loads(en_file.read_text(encoding="utf-8"))):
        ev = rec.get("event", "")
        if ev == "DOCUMENT" or not rec.get("text"):
            continue
        en.append(GoldItem(id=f"en:{n}", event=OLD_NAMES.get(ev, ev), text=rec["text"], lang="en"))
    de: list[GoldItem] = []
    pairs: list[tuple[str, str]] = []
    by_text = {g.text: g.id for g in en}
    if de_file.exists():
        for n, line in enumerate(de_file.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            rec = json.loads(line)
            ev = OLD_NAMES.get(rec["event"], rec["event"])
            item = GoldItem(id=f"de:{n}", event=ev, text=rec["text_de"], lang="de")
            de.append(item)
            en_id = by_text.get(rec.get("text_en", ""))
            if en_id is not None:
                pairs.append((en_id, item.id))
    else:
        LOG.warning("German PLOVER gold not found at %s; English only", de_file)
    return en, de, pairs


def _pipeline_tokens(items: list[GoldItem]) -> list[list[Token] | None]:
    out: list[list[Token] | None] = [None] * len(items)
    try:
        from eventwire.language.models import load_pipeline
    except ImportError:
        LOG.warning("eventwire.language.models is not available; using the coder's own tokenizer")
        return out
    for lang in sorted({g.lang for g in items}):
        try:
            nlp = load_pipeline(lang)
        except Exception as exc:  # no shipped pipeline for this language (yet)
            LOG.warning("no pipeline for %s (%s); using the coder's own tokenizer", lang, exc)
            continue
        idx = [i for i, g in enumerate(items) if g.lang == lang]
        for i, doc in zip(idx, nlp.pipe([items[i].text for i in idx])):
            out[i] = [Token(start=t.idx, end=t.idx + len(t.text), text=t.text, lemma=t.lemma_ or None,
                            pos=t.pos_ or None, tag=t.tag_ or None, dep=t.dep_ or None) for t in doc]
    return out


def _score(items: list[GoldItem], preds: dict[str, str | None], lang: str) -> LanguageResult:
    confusion: dict[str, Counter] = {}
    correct = 0
    none = 0
    for g in items:
        p = preds[g.id]
        if p is None:
            none += 1
        confusion.setdefault(g.event, Counter())[p or "NONE"] += 1
        correct += int(p == g.event)
    per_type = {ev: round(c[ev] / sum(c.values()), 3) for ev, c in sorted(confusion.items())}
    return LanguageResult(
        lang=lang, n=len(items), correct=correct, accuracy=round(correct / max(1, len(items)), 4),
        no_prediction=none, confusion={k: dict(v.most_common()) for k, v in sorted(confusion.items())},
        per_type_accuracy=per_type,
    )


def evaluate_plover(
    shared: Path | None = None,
    *,
    use_classifier: UseClassifier = "fallback",
    langs: Sequence[str] = ("en", "de"),
    weight: float | None = None,
    use_pipeline: bool = False,
) -> PloverEvalReport:
    """Classify every gold sentence and score the top-ranked type.

    ``use_pipeline``: tokenise, tag and lemmatise with eventwire's spaCy pipeline for the language
    (``eventwire.language.models.load_pipeline``) where one is shipped; otherwise the coder's own
    tokenizer (+ HanTa for German) is used.
    """
    t0 = time.time()
    shared = shared or shared_dir()
    en, de, pairs = load_gold(shared)
    items = [g for g in en if "en" in langs] + [g for g in de if "de" in langs]
    kw = {} if weight is None else {"weight": weight}
    tokens = _pipeline_tokens(items) if use_pipeline else [None] * len(items)
    ranked = classify_sentences([(g.text, g.lang, tk) for g, tk in zip(items, tokens)],
                                use_classifier=use_classifier, **kw)
    preds = {g.id: (r[0].event if r else None) for g, r in zip(items, ranked)}
    results: dict[str, LanguageResult] = {}
    for lang, group in (("en", en), ("de", de)):
        if lang in langs and group:
            results[lang] = _score(group, preds, lang)
    agree = None
    usable = [(a, b) for a, b in pairs if a in preds and b in preds]
    if usable:
        agree = round(sum(preds[a] is not None and preds[a] == preds[b] for a, b in usable) / len(usable), 4)
    return PloverEvalReport(languages=results, cross_language_pairs=len(usable), cross_language_agreement=agree,
                            seconds=round(time.time() - t0, 1), use_classifier=use_classifier,
                            weight=CLASSIFIER_WEIGHT if weight is None else weight, pipeline=use_pipeline)


def format_report(rep: PloverEvalReport, confusion: bool = True) -> str:
    lines = []
    for lang, r in rep.languages.items():
        lines.append(f"{lang}: accuracy {r.accuracy:.3f} ({r.correct}/{r.n}), no prediction {r.no_prediction}")
    if rep.cross_language_agreement is not None:
        lines.append(f"cross-language agreement: {rep.cross_language_agreement:.3f} over {rep.cross_language_pairs} pairs")
    lines.append(f"classifier: {rep.use_classifier}, weight {rep.weight}; "
                 f"tokens: {'spaCy pipeline' if rep.pipeline else 'own tokenizer'}; {rep.seconds}s")
    if confusion:
        for lang, r in rep.languages.items():
            lines.append(f"-- {lang} confusion (gold: acc | top predictions)")
            for ev, row in r.confusion.items():
                top = ", ".join(f"{p}:{c}" for p, c in list(row.items())[:4])
                lines.append(f"   {ev:<10} {r.per_type_accuracy[ev]:.2f} | {top}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="PLOVER event-type accuracy on the gold records (en, de)")
    ap.add_argument("--shared", type=Path, default=None)
    ap.add_argument("--classifier", choices=["fallback", "always", "never"], default="fallback")
    ap.add_argument("--weight", type=float, default=None, help="classifier weight for triggered types")
    ap.add_argument("--pipeline", action="store_true", help="tokens/lemmas from eventwire's spaCy pipelines")
    ap.add_argument("--json", action="store_true", help="print the full report as JSON")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rep = evaluate_plover(args.shared, use_classifier=args.classifier, weight=args.weight, use_pipeline=args.pipeline)
    print(rep.model_dump_json(indent=1) if args.json else format_report(rep))
    return 0


if __name__ == "__main__":
    sys.exit(main())

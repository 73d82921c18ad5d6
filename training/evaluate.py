"""Evaluate trained pipelines on the held-out gold sets named in training/README.md.

Usage:
  python training/evaluate.py de [MODEL_DIR]   # GermEval 2014 dev, Europarl test, UD GSD dev
  python training/evaluate.py en [MODEL_DIR]   # CoNLL-2003 en dev, UD EWT dev
  python training/evaluate.py de-ner MODEL_DIR # NER only

NER is scored with exact-span micro P/R/F1 over PER/LOC/ORG on the gold tokenisation
(MISC/OTH and GermEval's *part/*deriv tags are removed from gold and prediction).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
import eventwire.language.hanta_component  # noqa: E402,F401  (registers the factory)

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
KEEP = ("PER", "LOC", "ORG")
LOG = logging.getLogger("evaluate")


def read_germeval(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    words: list[str] = []
    tags: list[str] = []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tags.append(cols[2])
    if words:
        yield words, tags


def read_conll(path: Path, sep: str | None, iob1: bool) -> Iterator[tuple[list[str], list[str]]]:
    words: list[str] = []
    tags: list[str] = []
    for line in path.open(encoding="utf-8"):
        cols = line.rstrip("\n").split(sep) if line.strip() else []
        if not cols or cols[0] == "-DOCSTART-":
            if words:
                yield words, tags
            words, tags = [], []
            continue
        words.append(cols[0])
        tags.append(cols[-1])
    if words:
        yield words, tags


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Exact spans from IOB1 or IOB2 tags; only labels in KEEP (so B-LOCderiv etc. drop out)."""
    out = set()
    start, label = None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != label):
            if start is not None and label in KEEP:
                out.add((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return out


def score_ner(nlp: Language, sents: list[tuple[list[str], list[str]]]) -> dict:
    tp = Counter()
    fp = Counter()
    fn = Counter()
    docs = (Doc(nlp.vocab, words=w) for w, _ in sents)
    for doc, (_, tags) in zip(nlp.pipe(docs, batch_size=256), sents):
        pred = {(e.start, e.end, e.label_) for e in doc.ents if e.label_ in KEEP}
        gold = spans(tags)
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1

    def prf(t: int, p: int, n: int) -> dict:
        pr = t / (t + p) if t + p else 0.0
        rc = t / (t + n) if t + n else 0.0
        return {"p": round(pr, 4), "r": round(rc, 4), "f": round(2 * pr * rc / (pr + rc) if pr + rc else 0.0, 4),
                "gold": t + n}

    res = {"micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))}
    for lab in KEEP:
        res[lab] = prf(tp[lab], fp[lab], fn[lab])
    return res


def eval_ud(nlp: Language, path: Path) -> dict:
    """UD scores two ways: on the treebank's own words (gold tokenisation, the usual tagger/parser
    measure) and end to end on spaCy's tokens (contractions such as German ``zum`` = ``zu dem``
    then count as errors)."""
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    refs = list(conllu_to_docs(path.read_text(encoding="utf-8"), n_sents=10, merge_subtokens=False,
                               no_print=True))
    refs = list(DocBin(docs=refs).get_docs(nlp.vocab))
    keys = ("pos_acc", "morph_acc", "lemma_acc", "tag_acc", "dep_uas", "dep_las", "sents_f")
    out: dict = {}
    disable = [n for n in nlp.pipe_names if n == "ner"]
    for mode in ("gold_tokens", "spacy_tokens"):
        if mode == "gold_tokens":
            examples = [Example(Doc(nlp.vocab, words=[t.text for t in r],
                                    spaces=[bool(t.whitespace_) for t in r]), r) for r in refs]
        else:
            examples = [Example(nlp.make_doc(r.text), r) for r in refs]
        with nlp.select_pipes(disable=disable):
            scores = nlp.evaluate(examples)
        out[mode] = {k: round(scores[k], 4) for k in keys if scores.get(k) is not None}
    return out


def show_example(model: str) -> None:
    """Print the entities the German pipeline finds in the canonical example document."""
    nlp = spacy.load(model)
    text = (SHARED / "examples" / "000_a08963e9d6e42fa7.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    found: dict[str, Counter] = {}
    for e in doc.ents:
        found.setdefault(e.label_, Counter())[e.text] += 1
    for label, names in sorted(found.items()):
        print(label, dict(names.most_common()))


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    what = argv[1]
    if what == "example":
        show_example(argv[2] if len(argv) > 2 else str(ROOT / "src" / "eventwire" / "models" / "de"))
        return
    lang = what.split("-")[0]
    model = argv[2] if len(argv) > 2 else str(ROOT / "src" / "eventwire" / "models" / lang)
    nlp = spacy.load(model)
    results: dict = {"model": model}
    if lang == "de":
        ner = [n for n in nlp.pipe_names if n not in ("hanta", "ner")]
        with nlp.select_pipes(disable=ner):
            results["germeval2014_dev"] = score_ner(
                nlp, list(read_germeval(SHARED / "gold" / "germeval2014" / "NER-de-dev.tsv")))
            results["europarl_test"] = score_ner(
                nlp, list(read_conll(SHARED / "gold" / "europarl_ner_de" / "test.tsv", "\t", True)))
        if what == "de" and "parser" in nlp.pipe_names:
            results["ud_gsd_dev"] = eval_ud(nlp, SHARED / "train" / "ud_german_gsd_dev" / "de_gsd-ud-dev.conllu")
    else:
        ner = [n for n in nlp.pipe_names if n != "ner"]
        with nlp.select_pipes(disable=ner):
            results["conll2003_en_dev"] = score_ner(
                nlp, list(read_conll(SHARED / "gold" / "conll2003_en_dev" / "valid.txt", " ", False)))
        if what == "en" and "parser" in nlp.pipe_names:
            results["ud_ewt_dev"] = eval_ud(nlp, SHARED / "train" / "ud_english_ewt" / "en_ewt-ud-dev.conllu")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main(sys.argv)

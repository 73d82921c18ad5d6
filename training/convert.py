"""Convert the openly licensed corpora in ../shared/train into spaCy DocBin files.

Usage: python training/convert.py [de|en|all]

Writes training/work/corpus/*.spacy (git-ignored). Nothing from ../shared is copied into the
package; only the trained weights are shipped.
"""

from __future__ import annotations

import logging
import os
import random
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import biluo_tags_to_spans, iob_to_biluo
from spacy.training.converters import conllu_to_docs

LOG = logging.getLogger("convert")
ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "training" / "work" / "corpus"

Sentence = tuple[list[str], list[str]]  # words, IOB2 tags


def iob1_to_iob2(tags: list[str]) -> list[str]:
    """CoNLL-2003 German / Europarl use IOB1 (B- only between two adjacent same-type spans)."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_columns(path: Path, word_col: int = 0, tag_col: int = -1, sep: str | None = None,
                 prefix: str = "") -> Iterator[Sentence]:
    words: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            cols = line.split(sep) if line.strip() else []
            if not cols or cols[0] == "-DOCSTART-":
                if words:
                    yield words, tags
                words, tags = [], []
                continue
            word = cols[word_col]
            if prefix and word.startswith(prefix):
                word = word[len(prefix):]
            words.append(word)
            tags.append(cols[tag_col])
    if words:
        yield words, tags


def fix_tags(tags: list[str], keep: set[str]) -> list[str]:
    """Map labels outside `keep` to O and repair I- after O (IOB2)."""
    out = []
    for t in tags:
        if t != "O" and t[2:] not in keep:
            t = "O"
        out.append(t)
    return iob1_to_iob2(out)


def make_doc(vocab, words: list[str], tags: list[str],
             missing: list[tuple[int, int]] | None = None) -> Doc:
    doc = Doc(vocab, words=words, spaces=[True] * len(words))
    ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
    if missing:
        doc.set_ents(ents, missing=[doc[a:b] for a, b in missing], default="outside")
    else:
        doc.ents = ents
    return doc


# lowercase words that may start/continue a name span in WikiANN (von Weizsäcker, de Gaulle ...)
NAME_PARTICLES = {
    "von", "van", "de", "der", "den", "des", "du", "la", "le", "di", "da", "of", "the", "und", "and",
    "für", "zu", "dem", "am", "im", "in", "y", "e", "del", "al", "bin", "ibn", "auf", "an", "bei",
    "vom", "zur", "zum", "et", "do", "dos", "das", "los", "las", "el", "ter", "ten", "op", "aan", "het",
}
_WORD = re.compile(r"\w")


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag == "O" or tag.startswith("B-") or tag[2:] != label:
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, tag[2:]) if tag != "O" else (None, None)
    return spans


def clean_wikiann(words: list[str], tags: list[str], tagger) -> tuple[list[str], list[tuple[int, int]]]:
    """WikiANN-de is silver (Wikipedia link anchors typed by their target page). Trim punctuation
    off span edges, and mark as *missing* (neither entity nor O) spans that start lowercase or are a
    single common noun by HanTa (``Papst``/LOC, ``Fruchtknoten``/LOC, ``Armutsgrenze``/ORG)."""
    out = ["O"] * len(words)
    missing: list[tuple[int, int]] = []
    hanta = None
    for a, b, label in iob_spans(tags):
        while a < b and not _WORD.match(words[a]):
            a += 1
        while b > a and not _WORD.match(words[b - 1]):
            b -= 1
        if a >= b:
            continue
        first = words[a]
        suspicious = first[0].islower() and first not in NAME_PARTICLES
        if not suspicious and b - a == 1 and first[1:].islower():
            if hanta is None:
                hanta = tagger.tag_sent(words)
            suspicious = hanta[a][2] == "NN"
        if suspicious:
            missing.append((a, b))
            continue
        out[a] = "B-" + label
        for i in range(a + 1, b):
            out[i] = "I-" + label
    return out, missing


def save(docs: Iterable[Doc], name: str) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for d in docs:
        db.add(d)
        n += 1
    OUT.mkdir(parents=True, exist_ok=True)
    db.to_disk(OUT / f"{name}.spacy")
    LOG.info("wrote %s (%d docs)", name, n)
    return n


def conllu(path: Path, n_sents: int = 10) -> list[Doc]:
    return list(conllu_to_docs(path.read_text(encoding="utf-8"), n_sents=n_sents,
                               merge_subtokens=False, no_print=True))


LABELS = {"PER", "LOC", "ORG", "MISC"}
NEWS_COPIES = 2
# WikiANN-de test split as extra training data (EVENTWIRE_WIKIANN_TEST=1): tried, it did not help
# on the news dev set (0.794 vs 0.813 F1), so it is off by default
WIKIANN_TEST = os.environ.get("EVENTWIRE_WIKIANN_TEST", "0") == "1"
NER_TRAIN_NAME = os.environ.get("EVENTWIRE_DE_NER_TRAIN", "de_ner_train")


def german_ner() -> None:
    nlp = spacy.blank("de")
    tr = SHARED / "train"
    seen: set[tuple[str, ...]] = set()

    def dedupe(sents: Iterable[Sentence]) -> list[Sentence]:
        out = []
        for w, t in sents:
            key = tuple(w)
            if key in seen or len(w) == 0:
                continue
            seen.add(key)
            out.append((w, t))
        return out

    # held-out development data first (so that training copies are dropped)
    dev: list[Sentence] = []
    dev += dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
        SHARED / "gold" / "europarl_ner_de" / "dev.tsv", sep="\t"))
    dev += dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
        tr / "conll2003_de_train" / "dev.txt", sep=" "))
    n_news_dev = len(dev)
    wiki_dev = list(read_columns(tr / "wikiann_de" / "dev.txt", sep="\t", prefix="de:"))
    dev += dedupe((w, fix_tags(t, LABELS)) for w, t in wiki_dev[:1000])

    from HanTa import HanoverTagger as ht

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    news: list[Sentence] = []
    for name in ("deu.testa.utf8.txt", "deu.testb.utf8.txt", "train.txt"):
        news += dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
            tr / "conll2003_de_train" / name, sep=" "))
    europarl = dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
        SHARED / "gold" / "europarl_ner_de" / "train.tsv", sep="\t"))
    wiki = dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
        tr / "wikiann_de" / "train.txt", sep="\t", prefix="de:"))
    # extra WikiANN from its dev split beyond the 1000 held out
    wiki += dedupe((w, fix_tags(t, LABELS)) for w, t in wiki_dev[1000:])
    if WIKIANN_TEST:
        wiki += dedupe((w, fix_tags(t, LABELS)) for w, t in read_columns(
            tr / "wikiann_de" / "test.txt", sep="\t", prefix="de:"))
    LOG.info("de ner: news %d europarl %d wiki %d dev %d", len(news), len(europarl), len(wiki), len(dev))
    # news (CoNLL German, Frankfurter Rundschau) is closest to the target domain: seen twice per epoch
    train: list[tuple[list[str], list[str], list[tuple[int, int]]]] = []
    train += [(w, t, []) for w, t in news] * NEWS_COPIES
    train += [(w, t, []) for w, t in europarl]
    n_missing = 0
    for w, t in wiki:
        t2, missing = clean_wikiann(w, t, tagger)
        n_missing += len(missing)
        train.append((w, t2, missing))
    LOG.info("wikiann: %d spans marked missing", n_missing)
    random.Random(0).shuffle(train)
    save((make_doc(nlp.vocab, w, t, m) for w, t, m in train), NER_TRAIN_NAME)
    save((make_doc(nlp.vocab, w, t) for w, t in dev), "de_ner_dev")
    # model selection on the news-like part only (Europarl + CoNLL/XGLUE dev), not on WikiANN
    save((make_doc(nlp.vocab, w, t) for w, t in dev[:n_news_dev]), "de_ner_dev_news")
    # a small quick-run subset
    save((make_doc(nlp.vocab, w, t, m) for w, t, m in train[:6000]), "de_ner_train_small")


def german_ud() -> None:
    tr = SHARED / "train"
    pud = conllu(tr / "ud_german_pud" / "de_pud-ud-test.conllu")  # 100 docs of 10 sentences
    rnd = random.Random(0)
    rnd.shuffle(pud)
    save(pud[10:], "de_ud_train")
    save(pud[:10], "de_ud_dev")
    save(conllu(tr / "ud_german_gsd_dev" / "de_gsd-ud-dev.conllu"), "de_gsd_dev")


# GUM (open genres) train split as extra English UD training data (EVENTWIRE_EN_GUM=0 turns it
# off). Same UD scheme as EWT (UPOS/XPOS/deprel/feature inventories match); its GUM dev/test splits
# are never used, and EWT dev stays the development set.
EN_GUM = os.environ.get("EVENTWIRE_EN_GUM", "1") == "1"
# UD English PUD (1,000 news and Wikipedia sentences, the English side of the parallel treebank) as
# more English training data (EVENTWIRE_EN_PUD=1 adds it; the shipped weights are trained without it,
# see training/README.md); harmonised like GUM. It is never an evaluation set here.
EN_PUD = os.environ.get("EVENTWIRE_EN_PUD", "0") == "1"


def _feats_key(morph) -> str:
    return str(morph) or "_"


def gum_for_ewt(docs: list[Doc], ewt_feats: set[str]) -> tuple[int, int]:
    """Harmonise GUM train docs with EWT's conventions where they differ.

    * Lemmas are removed (missing, so the edit-tree lemmatizer learns only from EWT): GUM keeps
      the case of capitalised words in headings (``Great``, ``Main``), lemmatises ``her`` to
      ``her`` and ``people`` to ``person``, etc.; an earlier EWT+GUM fine-tune broke the lemmatizer.
    * Features: GUM marks ``you`` with ``Number=Sing`` and imperatives / infinitives with
      ``Person=2``, EWT does not. A GUM feature string EWT train never has is reduced by dropping
      Number and/or Person when that gives a string EWT has; otherwise it is kept.
    Returns (tokens whose features were changed, tokens)."""
    changed = n = 0
    for doc in docs:
        for tok in doc:
            n += 1
            tok.lemma_ = ""
            feats = _feats_key(tok.morph)
            if feats in ewt_feats:
                continue
            parts = feats.split("|")
            for drop in (("Number",), ("Person",), ("Number", "Person")):
                cand = "|".join(f for f in parts if f.split("=")[0] not in drop) or "_"
                if cand != feats and cand in ewt_feats:
                    tok.set_morph(None if cand == "_" else cand)
                    changed += 1
                    break
    return changed, n


def english() -> None:
    nlp = spacy.blank("en")
    tr = SHARED / "train"
    ewt = tr / "ud_english_ewt"
    ewt_train = conllu(ewt / "en-ewt-ud-train.conllu" if (ewt / "en-ewt-ud-train.conllu").exists()
                       else ewt / "en_ewt-ud-train.conllu")
    train = list(ewt_train)
    ewt_feats = {_feats_key(t.morph) for d in ewt_train for t in d}
    if EN_GUM:
        gum = conllu(tr / "gum_en_open_genres" / "gum_open-train.conllu")
        changed, n = gum_for_ewt(gum, ewt_feats)
        LOG.info("en ud: EWT train %d docs + GUM train %d docs (lemmas dropped, features of %d / %d "
                 "tokens mapped to EWT's)", len(ewt_train), len(gum), changed, n)
        train += gum
    if EN_PUD:
        pud = conllu(tr / "ud_english_pud" / "en_pud-ud-test.conllu")
        changed, n = gum_for_ewt(pud, ewt_feats)
        LOG.info("en ud: + PUD %d docs (lemmas dropped, features of %d / %d tokens mapped to EWT's)",
                 len(pud), changed, n)
        train += pud
    if EN_GUM or EN_PUD:
        random.Random(0).shuffle(train)
    save(train, "en_ud_train")
    save(conllu(ewt / "en_ewt-ud-dev.conllu"), "en_ud_dev")
    ner_train = [(w, fix_tags(t, LABELS)) for w, t in read_columns(
        tr / "conll2003_en_train" / "train.txt", sep=" ")]
    dev = [(w, fix_tags(t, LABELS)) for w, t in read_columns(
        SHARED / "gold" / "conll2003_en_dev" / "valid.txt", sep=" ")]
    save((make_doc(nlp.vocab, w, t) for w, t in ner_train), "en_ner_train")
    save((make_doc(nlp.vocab, w, t) for w, t in dev), "en_ner_dev")


def main(argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    what = argv[1] if len(argv) > 1 else "all"
    if not SHARED.exists():
        sys.exit(f"shared data not found at {SHARED}; set EVENTWIRE_SHARED")
    if what in ("de", "all"):
        german_ner()
        german_ud()
    if what in ("en", "all"):
        english()


if __name__ == "__main__":
    main(sys.argv)

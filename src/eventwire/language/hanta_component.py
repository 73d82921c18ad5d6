"""spaCy component that tags German text with HanTa (Hanover Tagger).

HanTa ships a trained German STTS tagger and lemmatizer (pip package ``HanTa``). The component
writes, for every token:

- ``token.tag_``: the STTS tag (``NN``, ``NE``, ``VVFIN``, ``ADJA``, ...), which the shipped German
  pipeline also feeds into its tok2vec as a feature (attribute ``TAG``);
- ``token.lemma_``: HanTa's lemma;
- ``token.pos_``: a UPOS tag mapped from STTS (a later trained morphologizer may overwrite it).

Import this module before ``spacy.load`` of a pipeline that contains ``eventwire_hanta``;
:func:`eventwire.language.models.load_pipeline` does so.
"""

from __future__ import annotations

import functools
import logging
from collections import OrderedDict
from typing import Any, Iterable

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc
from spacy.training import Example

LOG = logging.getLogger(__name__)

FACTORY = "eventwire_hanta"

# STTS (as normalised below) -> UPOS, the conventions of UD German.
STTS_TO_UPOS: dict[str, str] = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ",
    "KOKOM": "CCONJ", "KON": "CCONJ", "KOUI": "SCONJ", "KOUS": "SCONJ",
    "NE": "PROPN", "NN": "NOUN", "NNA": "NOUN", "NNI": "NOUN",
    "PDAT": "DET", "PDS": "PRON", "PIAT": "DET", "PIDAT": "DET", "PIS": "PRON",
    "PPER": "PRON", "PPOSAT": "DET", "PPOSS": "PRON", "PRELAT": "DET", "PRELS": "PRON",
    "PRF": "PRON", "PROAV": "ADV", "PTKA": "PART", "PTKANT": "PART", "PTKNEG": "PART",
    "PTKVZ": "ADP", "PTKZU": "PART", "PWAT": "DET", "PWAV": "ADV", "PWS": "PRON",
    "TRUNC": "X", "XY": "X",
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
}

_LEMMA_CACHE = 100_000
_SENT_END = {".", "!", "?", ";", ":"}
# non-finite verb forms: with one of these in the clause, haben/modals are auxiliaries
_NONFINITE = {"VVPP", "VAPP", "VMPP", "VVINF", "VAINF", "VMINF", "VVIZU"}
_MAIN_VERB_IF_ALONE = {"haben", "können", "müssen", "wollen", "sollen", "dürfen", "mögen"}


def upos_for_chunk(tags: list[str], lemmas: list[str]) -> list[str]:
    """UPOS from STTS, with the UD German rule that haben/modals without a non-finite verb in the
    sentence are main verbs (``Er hat ein Haus`` -> VERB), not auxiliaries."""
    upos = [STTS_TO_UPOS.get(t, "X") for t in tags]
    has_nonfinite = any(t in _NONFINITE for t in tags)
    if not has_nonfinite:
        for i, (t, lemma) in enumerate(zip(tags, lemmas)):
            if t[:2] in ("VA", "VM") and lemma in _MAIN_VERB_IF_ALONE:
                upos[i] = "VERB"
    return upos


def normalise_tag(tag: str) -> str:
    """HanTa writes ``VV(FIN)`` / ``ADJ(A)``; STTS writes ``VVFIN`` / ``ADJA``."""
    return tag.replace("(", "").replace(")", "") if "(" in tag and not tag.startswith("$") else tag


def _chunks(words: list[str], max_len: int) -> Iterable[tuple[int, int]]:
    """Split token indices into sentence-like chunks (HanTa's first word is case-insensitive)."""
    start = 0
    for i, w in enumerate(words):
        if w in _SENT_END or i - start + 1 >= max_len:
            yield start, i + 1
            start = i + 1
    if start < len(words):
        yield start, len(words)


class HanTaTagger:
    """Sets STTS tag, lemma and a default UPOS from HanTa on each German token."""

    def __init__(self, nlp: Language, name: str, model: str, set_lemma: bool, set_pos: bool,
                 cache_size: int, max_chunk: int) -> None:
        from HanTa import HanoverTagger as ht  # imported lazily: loading takes ~1 s

        self.name = name
        self.model_name = model
        self.tagger = ht.HanoverTagger(model)
        # HanTa precomputes analyses only for words seen in its training data; every other word
        # (names, compounds) is re-analysed on each occurrence. Memoise that (read-only results).
        self.tagger.analyze_forward = functools.lru_cache(maxsize=_LEMMA_CACHE)(self.tagger.analyze_forward)
        self.set_lemma = set_lemma
        self.set_pos = set_pos
        self.cache_size = cache_size
        self.max_chunk = max_chunk
        self._lemmas: dict[tuple[str, str], str] = {}
        self._cache: OrderedDict[tuple[str, ...], list[tuple[str, str]]] = OrderedDict()

    def _lemma(self, word: str, tag: str) -> str:
        """HanTa's lemma for ``word`` read as ``tag`` (memoised: the analysis is the slow part)."""
        key = (word, tag)
        lemma = self._lemmas.get(key)
        if lemma is None:
            lemma = self.tagger.analyze(word, pos=tag, taglevel=1)[0]
            if len(self._lemmas) >= _LEMMA_CACHE:
                self._lemmas.clear()
            self._lemmas[key] = lemma
        return lemma

    def _tag(self, words: tuple[str, ...]) -> list[tuple[str, str]]:
        if self.cache_size:
            hit = self._cache.get(words)
            if hit is not None:
                return hit
        tags = self.tagger.tag_sent(list(words), taglevel=0)
        result = [(self._lemma(w, t), normalise_tag(t)) for w, t in zip(words, tags)]
        if self.cache_size:
            self._cache[words] = result
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return result

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Lemma (and, without a morphologizer, UPOS) accuracy for ``nlp.evaluate``."""
        scores = Scorer.score_token_attr(examples, "lemma", **kwargs)
        scores.update(Scorer.score_token_attr(examples, "pos", **kwargs))
        return scores

    def __call__(self, doc: Doc) -> Doc:
        idx = [t.i for t in doc if not t.is_space]
        words = [doc[i].text for i in idx]
        for start, end in _chunks(words, self.max_chunk):
            tagged = self._tag(tuple(words[start:end]))
            upos = upos_for_chunk([t for _, t in tagged], [lemma for lemma, _ in tagged])
            for j, (lemma, tag), pos in zip(range(start, end), tagged, upos):
                tok = doc[idx[j]]
                tok.tag_ = tag
                if self.set_lemma:
                    tok.lemma_ = lemma
                if self.set_pos:
                    tok.pos_ = pos
        for t in doc:
            if t.is_space:
                t.tag_ = "_SP"
                if self.set_pos:
                    t.pos_ = "SPACE"
                if self.set_lemma:
                    t.lemma_ = t.text
        return doc


@Language.factory(
    FACTORY,
    default_config={"model": "morphmodel_ger.pgz", "set_lemma": True, "set_pos": True,
                    "cache_size": 0, "max_chunk": 120},
)
def make_hanta(nlp: Language, name: str, model: str, set_lemma: bool, set_pos: bool,
               cache_size: int, max_chunk: int) -> HanTaTagger:
    return HanTaTagger(nlp, name, model, set_lemma, set_pos, cache_size, max_chunk)

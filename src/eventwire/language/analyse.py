"""Tokens, sentences, lemmas, parse and named-entity mentions from a per-language spaCy pipeline."""

from __future__ import annotations

import logging

from eventwire.pipeline import Context, register_stage
from eventwire.language.models import ModelNotFoundError
from eventwire.records import Document, Mention, Sentence, Status, Token

__all__ = ["analyse_stage", "get_nlp", "doc_to_records"]

log = logging.getLogger(__name__)

_LABELS = {"PERSON": "PER", "PER": "PER", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG", "NORP": "MISC", "MISC": "MISC",
           "OTH": "MISC", "FAC": "LOC"}


def get_nlp(lang: str, setting: str | None):
    """The configured spaCy pipeline for a language, loaded once per process."""
    from eventwire.language.models import load_pipeline

    return load_pipeline(lang, None if setting in (None, "shipped") else setting)


def doc_to_records(doc: Document, sdoc) -> None:
    """Copy a spaCy Doc's sentences, tokens and entities into the record."""
    sentences: list[Sentence] = []
    sent_of_token: dict[int, int] = {}
    for s_index, sent in enumerate(_sentences(sdoc)):
        tokens = []
        base = sent.start
        for tok in sent:
            sent_of_token[tok.i] = s_index
            tokens.append(
                Token.model_construct(
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                    text=tok.text,
                    lemma=tok.lemma_ or None,
                    pos=tok.pos_ or None,
                    tag=tok.tag_ or None,
                    morph=str(tok.morph) or None,
                    dep=tok.dep_ or None,
                    head=(tok.head.i - base) if tok.dep_ else None,
                )
            )
        sentences.append(
            Sentence.model_construct(
                index=s_index, start=sent.start_char, end=sent.end_char, language=doc.language, tokens=tokens
            )
        )
    doc.sentences = sentences
    mentions = []
    for ent in sdoc.ents:
        label = _LABELS.get(ent.label_, ent.label_)
        ent = _trim_common_nouns(ent) if doc.language == "de" else ent
        ent = _trim_leading_function_words(ent)
        if ent is None:
            continue
        mentions.append(
            Mention(
                doc_id=doc.doc_id,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=label,
                sentence=sent_of_token.get(ent.start),
                source="ner",
            )
        )
    doc.mentions = mentions


_LEADING_FUNCTION_WORDS = frozenset({
    "in", "by", "at", "from", "on", "for", "to", "of", "with", "and", "but", "as", "after",
    "im", "am", "bei", "vom", "aus", "nach", "mit", "und", "aber",
})


def _trim_leading_function_words(ent):
    """"In Ontario" -> "Ontario", "By Peter Goffin" -> "Peter Goffin": a sentence-initial capital
    drags a preposition or conjunction into a name (articles stay: "The Hague"); an opening bracket or quote
    at the start or a closing one at the end of a name is not part of it ("{The Security Council"), nor is
    a bracket opened inside it and not closed ("Nürnberg (dpa"), nor what follows a paragraph break. None when
    nothing is left."""
    start, end = ent.start, ent.end
    while start < end and (ent.doc[start].text.lower() in _LEADING_FUNCTION_WORDS or ent.doc[start].is_left_punct):
        start += 1
    while end > start and ent.doc[end - 1].is_right_punct and not _balanced(ent.doc[start:end]):
        end -= 1
    for k in range(start + 1, end):  # "Nürnberg ( dpa", "Rahn ( 34.": a bracket opened and not closed ends it
        if ent.doc[k].text in ("(", "[") and not any(ent.doc[j].text in (")", "]") for j in range(k + 1, end)):
            end = k
            break
        if ent.doc[k].is_space and ent.doc[k].text.count("\n") >= 2:  # "Calif.\n\nCulinary": a paragraph ends it
            end = k
            break
    if (start, end) == (ent.start, ent.end):
        return ent
    return ent.doc[start:end] if start < end else None


def _balanced(span) -> bool:
    """A closing bracket that closes one opened inside the span belongs to it ("Party (PKK)")."""
    return span.text.count("(") >= span.text.count(")") and span.text.count("[") >= span.text.count("]") \
        and span.text.count("{") >= span.text.count("}")


_SENTENCE_FINAL = frozenset({".", "!", "?", "…", ":", ";", "\"", "“", "”", "»", "«", ")"})


def _sentences(sdoc) -> list:
    """The parser's sentences, except that none starts inside a word, and none starts right after a word
    with no punctuation or line break between: a boundary with no space before it ("Jean-|Marc", "U.|S.")
    or one like "Osama | bin Ladens Terrornetzwerk" or "staged mass demonstrations | Saturday to demand"
    is a parsing error, and the two parts are one sentence (a headline ends at its line break)."""
    out: list = []
    for sent in sdoc.sents:
        prev = sdoc[sent.start - 1] if sent.start > 0 else None
        inside_word = (prev is not None and not prev.whitespace_ and not prev.is_space and not sent[0].is_space
                       and prev.text not in _SENTENCE_FINAL)
        mid_clause = (prev is not None and not prev.is_space and not prev.is_punct and "\n" not in prev.whitespace_
                      and not sent[0].is_space and not sent[0].is_punct)
        if out and (inside_word or mid_clause):
            out[-1] = sdoc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


def _trim_common_nouns(ent):
    """"Ukraine Artilleriemunition" -> "Ukraine", "Verlag Paul Haupt" -> "Paul Haupt": a German name does
    not run on into a common noun, nor begin with the common noun that introduces it."""
    start, end = ent.start, ent.end
    while end - start > 1 and ent.doc[end - 1].pos_ == "NOUN" and ent.doc[end - 2].pos_ == "PROPN":
        end -= 1
    while end - start > 1 and ent.doc[start].tag_ == "NN" and ent.doc[start + 1].tag_ == "NE":
        start += 1
    return ent if (start, end) == (ent.start, ent.end) else ent.doc[start:end]


@register_stage("analyse")
def analyse_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """Sentences, tokens, lemmas, dependency parse and NER mentions per language."""
    by_lang: dict[str, list[Document]] = {}
    for doc in docs:
        by_lang.setdefault(doc.language or "und", []).append(doc)
    for lang, group in by_lang.items():
        try:
            nlp = get_nlp(lang, ctx.config.models.for_language(lang))
        except ModelNotFoundError as err:
            # only this language's documents fail; the others in the batch go on
            for doc in group:
                doc.status = Status.failed
                doc.reason = f"stage analyse: no {lang} model: {err}"
            continue
        for doc, sdoc in zip(group, nlp.pipe((d.body for d in group), batch_size=16)):
            doc_to_records(doc, sdoc)
    return docs

"""spaCy component that marks where no sentence can start, so that the parser never splits there.

A statistical parser sometimes starts a sentence in the middle of a clause: "Osama | bin Ladens
Terrornetzwerk", "Secretary | -General", "staged mass demonstrations | Saturday to demand". Merging the parts
afterwards keeps the text together but leaves two dependency trees in one sentence. Marking such tokens
``is_sent_start = False`` before the parser runs makes it build one tree (spaCy's parser respects preset
boundaries). A sentence can start only after sentence-final punctuation, a closing quote or bracket, or a
line break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "eventwire_sentence_guard"


def guard(doc: Doc) -> Doc:
    """Set ``is_sent_start = False`` on every token that follows a word on the same line, or is glued to the
    word or hyphen before it; leave the rest to the parser."""
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if tok.is_space or prev.is_space or "\n" in prev.whitespace_:
            continue
        glued = not prev.whitespace_ and (not prev.is_punct or prev.text in ("-", "–", "/", "&"))
        after_word = not prev.is_punct and not tok.is_punct
        if glued or after_word:
            tok.is_sent_start = False
    return doc


@Language.component(FACTORY)
def sentence_guard(doc: Doc) -> Doc:
    return guard(doc)

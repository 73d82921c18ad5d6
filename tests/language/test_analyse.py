"""NER post-processing in the analyse stage, on hand-made spaCy spans (no model needed)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from eventwire.language.analyse import _trim_leading_function_words


def test_a_preposition_dragged_into_a_name_is_trimmed():
    doc = spacy.blank("en")("In Ontario over 1,000 people wait. By Peter Goffin. The Hague ruled.")
    assert _trim_leading_function_words(Span(doc, 0, 2, label="PER")).text == "Ontario"
    assert _trim_leading_function_words(Span(doc, 7, 10, label="PER")).text == "Peter Goffin"
    the_hague = Span(doc, 11, 13, label="GPE")
    assert _trim_leading_function_words(the_hague) is the_hague  # articles are part of names
    assert _trim_leading_function_words(Span(doc, 0, 1, label="PER")) is None


def test_german_prepositions_too():
    doc = spacy.blank("de")("Im Kreml sagte man nichts.")
    assert _trim_leading_function_words(Span(doc, 0, 2, label="LOC")).text == "Kreml"


def test_no_sentence_starts_inside_a_word():
    from spacy.tokens import Doc

    from eventwire.language.analyse import _sentences

    vocab = spacy.blank("en").vocab
    words = ["President", "Jean", "-", "Marc", "Dupontel", "spoke", ".", "He", "left", "."]
    spaces = [True, False, False, True, True, False, True, True, False, False]
    starts = [True, False, False, True, False, False, False, True, False, False]  # a parser's split at "Jean-|Marc"
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    assert [s.text for s in _sentences(doc)] == ["President Jean-Marc Dupontel spoke.", "He left."]


def test_a_paragraph_break_still_ends_a_sentence():
    from spacy.tokens import Doc

    from eventwire.language.analyse import _sentences

    vocab = spacy.blank("de").vocab
    words = ["Er", "kam", ".", "\n\n", "Beide", "gingen", "."]
    spaces = [True, False, False, False, True, False, False]
    starts = [True, False, False, True, False, False, False]
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    assert len(_sentences(doc)) == 2


def test_no_sentence_starts_right_after_a_word():
    from spacy.tokens import Doc

    from eventwire.language.analyse import _sentences

    vocab = spacy.blank("de").vocab
    words = ["Osama", "bin", "Ladens", "Netzwerk", "drohte", ".", "dpa", "meldete", "es", "."]
    spaces = [True, True, True, True, False, True, True, True, False, False]
    starts = [True, True, False, False, False, False, True, False, False, False]  # "Osama | bin Ladens"
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    # the lower-case start after a word is a parser error; after a full stop a lower-case name ("dpa") begins one
    assert [s.text for s in _sentences(doc)] == ["Osama bin Ladens Netzwerk drohte.", "dpa meldete es."]


def test_brackets_at_the_edges_of_a_name_are_trimmed_but_a_closed_one_stays():
    doc = spacy.blank("en")("{The Security Council} met the Kurdistan Workers Party (PKK) today.")
    council = Span(doc, 0, 5, label="ORG")  # "{ The Security Council }"
    assert _trim_leading_function_words(council).text == "The Security Council"
    pkk = Span(doc, 7, 13, label="ORG")  # "Kurdistan Workers Party ( PKK )"
    assert _trim_leading_function_words(pkk).text == "Kurdistan Workers Party (PKK)"


def test_a_bracket_opened_and_not_closed_ends_a_name():
    doc = spacy.blank("de")("Nürnberg ( dpa ) meldete es.")
    assert _trim_leading_function_words(Span(doc, 0, 3, label="LOC")).text == "Nürnberg"
    assert _trim_leading_function_words(Span(doc, 0, 4, label="ORG")).text == "Nürnberg ( dpa )"


def test_a_german_name_does_not_begin_with_the_common_noun_that_introduces_it():
    from spacy.tokens import Doc

    from eventwire.language.analyse import _trim_common_nouns

    vocab = spacy.blank("de").vocab
    words = ["Der", "Verlag", "Paul", "Haupt", "und", "die", "Rote", "Armee"]
    doc = Doc(vocab, words=words, tags=["ART", "NN", "NE", "NE", "KON", "ART", "ADJA", "NN"],
              pos=["DET", "NOUN", "PROPN", "PROPN", "CCONJ", "DET", "ADJ", "NOUN"])
    assert _trim_common_nouns(Span(doc, 1, 4, label="ORG")).text == "Paul Haupt"
    rote_armee = Span(doc, 6, 8, label="ORG")
    assert _trim_common_nouns(rote_armee) is rote_armee  # no proper noun to trim to


def test_a_capitalised_word_after_a_word_does_not_start_a_sentence_but_a_line_break_does():
    from spacy.tokens import Doc

    from eventwire.language.analyse import _sentences

    vocab = spacy.blank("en").vocab
    words = ["Students", "staged", "protests", "Saturday", "to", "demand", "reforms", ".", "Headline", "Here", "\n",
             "Police", "came", "."]
    spaces = [True, True, True, True, True, True, False, True, True, False, False, True, False, False]
    starts = [True, False, False, True, False, False, False, False, True, False, False, True, False, False]
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=starts)
    assert [s.text.strip() for s in _sentences(doc)] == [
        "Students staged protests Saturday to demand reforms.", "Headline Here", "Police came."]


def test_a_paragraph_break_ends_a_name_but_a_single_line_break_does_not():
    doc = spacy.blank("en")("held in Fresno, Calif.\n\nCulinary experts met in New\nYork today.")
    calif = Span(doc, 4, 7, label="ORG")  # "Calif. \n\n Culinary"
    assert doc[5].is_space and _trim_leading_function_words(calif).text == "Calif."
    ny = Span(doc, 10, 13, label="GPE")  # "New \n York"
    assert ny.text == "New\nYork" and _trim_leading_function_words(ny) is ny

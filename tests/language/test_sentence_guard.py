import spacy
from spacy.tokens import Doc

from eventwire.language.sentence_guard import guard


def _doc(words, spaces):
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces)


def test_no_sentence_may_start_after_a_word_or_inside_a_hyphenated_word():
    words = ["Secretary", "-", "General", "Klibi", "urged", "talks", ".", "Police", "came", "."]
    spaces = [False, False, True, True, True, False, True, True, False, False]
    doc = guard(_doc(words, spaces))
    # only "Police", after the full stop, is left to the parser
    assert [t.is_sent_start for t in doc] == [True, False, False, False, False, False, False, None, False, False]


def test_a_line_break_leaves_the_boundary_to_the_parser():
    doc = guard(_doc(["Headline", "\n", "Police", "came", "."], [False, False, True, False, False]))
    assert doc[2].is_sent_start is None  # the parser may start a sentence after the headline


def test_the_shipped_pipelines_run_the_guard_before_the_parser():
    from eventwire.language.models import load_pipeline, shipped_model_path
    from eventwire.language.sentence_guard import FACTORY

    for lang in ("de", "en"):
        if not (shipped_model_path(lang) / "meta.json").exists():
            continue
        names = load_pipeline(lang).pipe_names
        assert names.index(FACTORY) == names.index("parser") - 1

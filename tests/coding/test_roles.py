"""Actor/recipient from a hand-built parse (UD labels), and the word-order fallback."""

from eventwire.coding.roles import find_roles
from eventwire.records import Actor, Sentence, Token

ACTORS = {"Nordkorea": "PRK", "Russland": "RUS", "Kim": "PRK", "Putin": "RUS", "Kims": "PRK", "Russia": "RUS",
          "China": "CHN", "Ukraine": "UKR"}


def _sentence(words: list[tuple[str, str, str, int]]) -> tuple[Sentence, str]:
    """(text, pos, dep, head) per token; returns the sentence and its text."""
    tokens, pos, text = [], 0, ""
    for i, (w, p, dep, head) in enumerate(words):
        if text and w not in ".,":
            text += " "
        start = len(text)
        text += w
        tokens.append(Token(start=start, end=start + len(w), text=w, lemma=w.lower(), pos=p, dep=dep,
                            head=head if head >= 0 else i))
    return Sentence(index=0, start=0, end=len(text), tokens=tokens), text


def _resolver(text):
    def resolve(_t, start, end):
        span = text[start:end]
        for name, code in ACTORS.items():
            if name in span.split():
                return Actor(entity_text=name, code=code)
        return None
    return resolve


def _roles(words, trigger, lang="de", updates=None):
    """Roles for ``trigger`` in the hand-built sentence; ``updates``: token index -> fields to set."""
    sent, text = _sentence(words)
    for i, fields in (updates or {}).items():
        sent.tokens[i] = sent.tokens[i].model_copy(update=fields)
    start = text.index(trigger)
    return find_roles(sent, start, start + len(trigger), lang, _resolver(text))


def test_subject_acts_on_dative_object():
    # Nordkorea könnte Russland Munition liefern .
    roles = _roles([("Nordkorea", "PROPN", "nsubj", 4), ("könnte", "AUX", "aux", 4), ("Russland", "PROPN", "iobj", 4),
                    ("Munition", "NOUN", "obj", 4), ("liefern", "VERB", "ROOT", -1), (".", "PUNCT", "punct", 4)],
                   "liefern")
    assert [a.code for a in roles.actor] == ["PRK"] and [a.code for a in roles.recipient] == ["RUS"]
    assert roles.method == "parse"


def test_receive_verb_inverts_roles():
    # Nordkorea könnte von Russland Technik erhalten .
    roles = _roles([("Nordkorea", "PROPN", "nsubj", 5), ("könnte", "AUX", "aux", 5), ("von", "ADP", "case", 3),
                    ("Russland", "PROPN", "obl", 5), ("Technik", "NOUN", "obj", 5), ("erhalten", "VERB", "ROOT", -1)],
                   "erhalten")
    assert [a.code for a in roles.actor] == ["RUS"] and [a.code for a in roles.recipient] == ["PRK"]


def test_nominal_event_with_genitive_and_mit():
    # Geplant ist ein Treffen Kims mit Putin .
    roles = _roles([("Geplant", "ADJ", "ROOT", -1), ("ist", "AUX", "cop", 0), ("ein", "DET", "det", 3),
                    ("Treffen", "NOUN", "nsubj", 0), ("Kims", "PROPN", "nmod", 3), ("mit", "ADP", "case", 6),
                    ("Putin", "PROPN", "nmod", 3), (".", "PUNCT", "punct", 0)], "Treffen")
    assert [a.code for a in roles.actor] == ["PRK"] and [a.code for a in roles.recipient] == ["RUS"]


def test_coordinated_subjects_are_a_compound_actor():
    # Russland und China unterstützen Nordkorea
    roles = _roles([("Russland", "PROPN", "nsubj", 3), ("und", "CCONJ", "cc", 2), ("China", "PROPN", "conj", 0),
                    ("unterstützen", "VERB", "ROOT", -1), ("Nordkorea", "PROPN", "obj", 3)], "unterstützen")
    assert [a.code for a in roles.actor] == ["RUS", "CHN"] and [a.code for a in roles.recipient] == ["PRK"]


def test_word_order_fallback_without_parse():
    words = [("Nordkorea", None, None, 0), ("könnte", None, None, 0), ("Russland", None, None, 0),
             ("Munition", None, None, 0), ("liefern", None, None, 0)]
    sent, text = _sentence([(w, p, d, h) for w, p, d, h in words])
    for t in sent.tokens:
        t.dep = None
        t.head = None
    start = text.index("liefern")
    roles = find_roles(sent, start, start + 7, "de", _resolver(text))
    assert roles.method == "order"
    # German verb-final clause: the first actor is the subject, the next one the recipient
    assert [a.code for a in roles.actor] == ["PRK"] and [a.code for a in roles.recipient] == ["RUS"]


def test_word_order_fallback_receive_verb():
    words = ["Nordkorea", "könnte", "von", "Russland", "Technik", "erhalten"]
    sent, text = _sentence([(w, None, None, 0) for w in words])
    for t in sent.tokens:
        t.dep = None
        t.head = None
    start = text.index("erhalten")
    roles = find_roles(sent, start, start + 8, "de", _resolver(text))
    assert [a.code for a in roles.actor] == ["RUS"] and [a.code for a in roles.recipient] == ["PRK"]


def test_no_actor_no_roles():
    roles = _roles([("Es", "PRON", "nsubj", 1), ("regnet", "VERB", "ROOT", -1)], "regnet")
    assert roles.actor == [] and roles.recipient == []


def test_a_pronoun_subject_of_reported_speech_is_the_speaker():
    # Russland erklärte , sie habe Ukraine angegriffen .   (lemma "erklärte" set to the infinitive below)
    words = [("Russland", "PROPN", "nsubj", 1), ("erklärte", "VERB", "ROOT", -1), (",", "PUNCT", "punct", 1),
             ("sie", "PRON", "nsubj", 6), ("habe", "AUX", "aux", 6), ("Ukraine", "PROPN", "obj", 6),
             ("angegriffen", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1)]
    sent, text = _sentence(words)
    sent.tokens[1] = sent.tokens[1].model_copy(update={"lemma": "erklären"})
    plain = _resolver(text)

    class Blocking:  # like the events stage's resolver: a claim's source is no party to it
        blocked = [(0, 8)]  # the speaker is blocked as the source of the claim ...

        def __call__(self, t, start, end):
            return None if any(s < end and start < e for s, e in self.blocked) else plain(t, start, end)

    resolve = Blocking()
    start = text.index("angegriffen")
    roles = find_roles(sent, start, start + len("angegriffen"), "de", resolve)
    assert [a.code for a in roles.actor] == ["RUS"]  # ... but the reported act is the speaker's own
    assert [a.code for a in roles.recipient] == ["UKR"]
    assert resolve.blocked == [(0, 8)]  # and stays blocked afterwards


def test_a_nominal_event_staged_by_a_verb_takes_its_subject_even_when_the_parse_misplaces_the_noun():
    # Studenten veranstalteten am Samstag Demonstrationen .   (the noun hung on "Samstag" as an apposition)
    words = [("Russland", "PROPN", "nsubj", 1), ("veranstaltete", "VERB", "ROOT", -1), ("am", "ADP", "case", 3),
             ("Samstag", "NOUN", "obl", 1), ("Demonstrationen", "NOUN", "appos", 3), (".", "PUNCT", "punct", 1)]
    roles = _roles(words, "Demonstrationen", updates={1: {"lemma": "veranstalten"}})
    assert [a.code for a in roles.actor] == ["RUS"]


def test_a_pronoun_in_a_passive_reported_clause_is_not_the_doer():
    # Russia said it was attacked by Ukraine .
    words = [("Russia", "PROPN", "nsubj", 1), ("said", "VERB", "ROOT", -1), ("it", "PRON", "nsubj:pass", 4),
             ("was", "AUX", "aux:pass", 4), ("attacked", "VERB", "ccomp", 1), ("by", "ADP", "case", 6),
             ("Ukraine", "PROPN", "obl:agent", 4), (".", "PUNCT", "punct", 1)]
    roles = _roles(words, "attacked", "en", updates={1: {"lemma": "say"}, 4: {"tag": "VBN"}})
    assert [a.code for a in roles.actor] == ["UKR"]


def test_a_german_zu_infinitive_is_done_by_the_subject_of_the_clause_before():
    # Nordkorea versuchte , Russland anzugreifen .   (a parse that hangs the infinitive nowhere useful)
    words = [("Nordkorea", "PROPN", "nsubj", 1), ("versuchte", "VERB", "ROOT", -1), (",", "PUNCT", "punct", 1),
             ("Russland", "PROPN", "nsubj", 4), ("anzugreifen", "VERB", "parataxis", 1), (".", "PUNCT", "punct", 1)]
    roles = _roles(words, "anzugreifen", updates={4: {"tag": "VVIZU"}})
    assert [a.code for a in roles.actor] == ["PRK"]


def test_a_title_before_a_known_name_is_one_actor_with_the_names_country():
    # Präsident Putin sagte , er sei bereit , Kiew zu besuchen .   (word order only, no parse)
    words = ["Präsident", "Putin", "sagte", ",", "er", "sei", "bereit", ",", "Ukraine", "zu", "besuchen", "."]
    tokens, pos, text = [], 0, ""
    for w in words:
        if text and w not in ".,":
            text += " "
        start = len(text)
        text += w
        pos_ = {"Präsident": "NOUN", "sagte": "VERB", "besuchen": "VERB"}.get(w, "PROPN" if w[0].isupper() else "X")
        tokens.append(Token(start=start, end=start + len(w), text=w, lemma="sagen" if w == "sagte" else w.lower(),
                            pos=pos_))
    sent = Sentence(index=0, start=0, end=len(text), tokens=tokens)

    def resolve(_t, s, e):
        span = text[s:e]
        if "Putin" in span.split():
            return Actor(entity_text=span, code="RUS", sector="GOV")
        if span == "Präsident":
            return Actor(entity_text=span, sector="GOV")
        return Actor(entity_text=span, code="UKR") if span == "Ukraine" else None

    start = text.index("besuchen")
    roles = find_roles(sent, start, start + len("besuchen"), "de", resolve)
    assert [a.code for a in roles.actor] == ["RUS"]


def test_von_in_an_active_clause_names_the_addressee_not_the_doer():
    # Nordkorea hat von Russland Hilfe gefordert .
    words = [("Nordkorea", "PROPN", "nsubj", 5), ("hat", "AUX", "aux", 5), ("von", "ADP", "case", 3),
             ("Russland", "PROPN", "obl", 5), ("Hilfe", "NOUN", "obj", 5), ("gefordert", "VERB", "ROOT", -1),
             (".", "PUNCT", "punct", 5)]
    roles = _roles(words, "gefordert", updates={5: {"lemma": "fordern"}})
    assert [a.code for a in roles.actor] == ["PRK"]
    assert [a.code for a in roles.recipient] == ["RUS"]


def test_von_in_a_passive_clause_is_the_doer():
    # Die Ukraine wurde von Russland angegriffen .
    words = [("Die", "DET", "det", 1), ("Ukraine", "PROPN", "nsubj:pass", 5), ("wurde", "AUX", "aux:pass", 5),
             ("von", "ADP", "case", 4), ("Russland", "PROPN", "obl:agent", 5), ("angegriffen", "VERB", "ROOT", -1),
             (".", "PUNCT", "punct", 5)]
    roles = _roles(words, "angegriffen", updates={5: {"lemma": "angreifen"}})
    assert [a.code for a in roles.actor] == ["RUS"]
    assert [a.code for a in roles.recipient] == ["UKR"]


def test_the_subject_of_a_participation_passive_does_the_event_noun():
    # Russia was involved in the attack on Ukraine .   ("was killed in the attack" keeps the victim reading)
    words = [("Russia", "PROPN", "nsubj:pass", 2), ("was", "AUX", "aux:pass", 2), ("involved", "VERB", "ROOT", -1),
             ("in", "ADP", "case", 5), ("the", "DET", "det", 5), ("attack", "NOUN", "obl", 2),
             ("on", "ADP", "case", 7), ("Ukraine", "PROPN", "nmod", 5), (".", "PUNCT", "punct", 2)]
    roles = _roles(words, "attack", "en", updates={2: {"lemma": "involve"}})
    assert [a.code for a in roles.actor] == ["RUS"]
    killed = _roles(words, "attack", "en", updates={2: {"lemma": "kill", "text": "killed"}})
    assert [a.code for a in killed.actor] != ["RUS"]


def test_a_german_staging_verb_at_the_end_of_the_clause_gives_the_nominal_event_its_doer():
    # Russland hat gestern seine Invasion gestartet .   (a parse that hangs the noun on the adverb)
    words = [("Russland", "PROPN", "nsubj", 1), ("hat", "AUX", "ROOT", -1), ("gestern", "ADV", "advmod", 1),
             ("seine", "DET", "det:poss", 4), ("Invasion", "NOUN", "appos", 2), ("gestartet", "VERB", "xcomp", 1),
             (".", "PUNCT", "punct", 1)]
    roles = _roles(words, "Invasion", updates={5: {"lemma": "starten"}})
    assert [a.code for a in roles.actor] == ["RUS"]
    unstaged = _roles(words, "Invasion", updates={5: {"lemma": "bedauern", "text": "bedauert"}})
    assert unstaged.actor == []  # no staging verb: the noun's own phrase has no doer


def test_a_verb_phrase_trigger_hung_under_its_noun_still_takes_the_clause_subject():
    # Russia has imposed sanctions on Ukraine , Kiev said .   (a parse that makes "imposed" an adjective of
    # "sanctions", "sanctions" a subject of "said", and hangs "Russia" on "has")
    words = [("Russia", "PROPN", "nsubj", 1), ("has", "VERB", "aux", 8), ("imposed", "VERB", "amod", 3),
             ("sanctions", "NOUN", "nsubj", 8), ("on", "ADP", "case", 5), ("Ukraine", "PROPN", "nmod", 3),
             (",", "PUNCT", "punct", 8), ("Kiev", "PROPN", "nsubj", 8), ("said", "VERB", "ROOT", -1),
             (".", "PUNCT", "punct", 8)]
    roles = _roles(words, "imposed sanctions", "en", updates={2: {"lemma": "impose"}, 3: {"lemma": "sanction"}})
    assert [a.code for a in roles.actor] == ["RUS"]

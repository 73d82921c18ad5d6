"""Lexical PLOVER triggers on hand-written German and English sentences."""

from __future__ import annotations

import pytest

from eventwire.coding.triggers import (
    Trigger,
    find_triggers,
    load_lexicon,
    tokenize,
)
from eventwire.records import PLOVER_EVENTS, Token

# (sentence, expected top event). Written for these tests; at least two per type and language.
EN_CASES = [
    ("The two governments agreed to expand cooperation on border security.", "AGREE"),
    ("Iran pledged to resume talks with the inspectors next month.", "AGREE"),
    ("Chancellor Scholz met President Biden at the White House on Friday.", "CONSULT"),
    ("The foreign minister arrived in Beijing for talks with his Chinese counterpart.", "CONSULT"),
    ("Putin spoke by telephone with Erdogan about the grain corridor.", "CONSULT"),
    ("The European Union welcomed the election result and praised the peaceful vote.", "SUPPORT"),
    ("France voiced support for the new government in Tripoli.", "SUPPORT"),
    ("The government gave in to the strikers and made several concessions.", "CONCEDE"),
    ("Authorities lifted the ban on opposition rallies after weeks of pressure.", "CONCEDE"),
    ("Police forces of both countries cooperated closely in the investigation.", "COOPERATE"),
    ("The two navies held a joint military exercise in the Baltic Sea.", "COOPERATE"),
    ("Germany delivered air-defence missiles and ammunition to Ukraine.", "AID"),
    ("The World Food Programme sent humanitarian aid to the flooded region.", "AID"),
    ("Russia withdrew its troops from the border area on Tuesday.", "RETREAT"),
    ("The rebels released twelve hostages, among them two journalists.", "RETREAT"),
    ("The prime minister resigned after the corruption scandal.", "RETREAT"),
    ("The UN chief urged both sides to return to the negotiating table.", "REQUEST"),
    ("Opposition leaders called for the release of all political prisoners.", "REQUEST"),
    ("Washington condemned the missile launch as a provocation.", "ACCUSE"),
    ("The ministry accused the neighbouring country of violating its airspace.", "ACCUSE"),
    ("Prosecutors opened an investigation into the bribery allegations.", "ACCUSE"),
    ("The president rejected the proposal for early elections.", "REJECT"),
    ("Hamas refused to release the hostages.", "REJECT"),
    ("North Korea threatened to retaliate against any provocation.", "THREATEN"),
    ("The minister warned that his country would respond with force.", "THREATEN"),
    ("Thousands of people demonstrated in the capital against the new law.", "PROTEST"),
    ("Teachers went on strike demanding higher wages.", "PROTEST"),
    ("The EU imposed sanctions on Russian banks.", "SANCTION"),
    ("Lithuania expelled two Russian diplomats and recalled its ambassador.", "SANCTION"),
    ("The army deployed additional troops to the northern border.", "MOBILIZE"),
    ("The navy put its fleet on high alert after the incident.", "MOBILIZE"),
    ("Police arrested 40 protesters in front of parliament.", "COERCE"),
    ("The government imposed a curfew in the capital.", "COERCE"),
    ("The authorities deported three activists.", "COERCE"),
    ("Russian forces shelled the city of Kharkiv overnight.", "ASSAULT"),
    ("Gunmen attacked a police station and killed four officers.", "ASSAULT"),
    ("A suicide bomber blew himself up at a checkpoint.", "ASSAULT"),
]

DE_CASES = [
    # infinitive clauses are the content of the act before them, however far
    ("Der Präsident drohte, als Antwort auf die Proteste in der Hauptstadt eine nächtliche Ausgangssperre zu verhängen.", "THREATEN"),
    ("Die Regierung lehnte ein Angebot der Nachbarländer ab, im Herbst eine Konferenz auszurichten, um einen Friedensplan auszuhandeln.", "REJECT"),
    ("Die Regierung hat erneut einen Appell der Opposition zurückgewiesen, Neuwahlen anzusetzen.", "REJECT"),
    ("Das Land werde keine weiteren Flüchtlinge aufnehmen, erklärte der Innenminister.", "REJECT"),
    ("Die Oppositionsparteien machten die Regierung für die schwere Wirtschaftskrise im ganzen Land verantwortlich.", "ACCUSE"),
    ("Rund 300 Rebellen haben sich am Wochenende nach schweren Kämpfen mit der Armee in der Provinzhauptstadt ergeben.", "RETREAT"),
    ("Die Unterhändler kehren in der kommenden Woche zu Gesprächen über den Gefangenenaustausch nach Genf zurück.", "CONSULT"),
    ("Die beiden Regierungen vereinbarten eine engere Zusammenarbeit beim Grenzschutz.", "AGREE"),
    ("Der Iran sagte zu, die Gespräche mit den Inspekteuren wieder aufzunehmen.", "AGREE"),
    ("Bundeskanzler Scholz traf am Freitag Präsident Biden im Weißen Haus.", "CONSULT"),
    ("Der Außenminister traf zu Gesprächen mit seinem chinesischen Amtskollegen in Peking ein.", "CONSULT"),
    ("Putin telefonierte mit Erdogan über den Getreidekorridor.", "CONSULT"),
    ("Die Europäische Union begrüßte das Wahlergebnis und lobte die friedliche Abstimmung.", "SUPPORT"),
    ("Frankreich sicherte der neuen Regierung in Tripolis seine Unterstützung zu.", "SUPPORT"),
    ("Die Regierung gab den Streikenden nach und machte mehrere Zugeständnisse.", "CONCEDE"),
    ("Die Behörden hoben das Verbot von Kundgebungen der Opposition auf.", "CONCEDE"),
    ("Die Polizei beider Länder arbeitete bei den Ermittlungen eng zusammen.", "COOPERATE"),
    ("Die beiden Marinen hielten ein gemeinsames Manöver in der Ostsee ab.", "COOPERATE"),
    ("Deutschland lieferte Flugabwehrraketen und Munition an die Ukraine.", "AID"),
    ("Das Welternährungsprogramm schickte humanitäre Hilfe in die überschwemmte Region.", "AID"),
    ("Russland zog am Dienstag seine Truppen aus dem Grenzgebiet ab.", "RETREAT"),
    ("Die Rebellen ließen zwölf Geiseln frei, darunter zwei Journalisten.", "RETREAT"),
    ("Der Ministerpräsident trat nach dem Korruptionsskandal zurück.", "RETREAT"),
    ("Der UN-Generalsekretär forderte beide Seiten auf, an den Verhandlungstisch zurückzukehren.", "REQUEST"),
    ("Oppositionsführer verlangten die Freilassung aller politischen Gefangenen.", "REQUEST"),
    ("Washington verurteilte den Raketenstart als Provokation.", "ACCUSE"),
    ("Das Ministerium warf dem Nachbarland vor, seinen Luftraum verletzt zu haben.", "ACCUSE"),
    ("Die Staatsanwaltschaft leitete Ermittlungen wegen Bestechung ein.", "ACCUSE"),
    ("Der Präsident lehnte den Vorschlag für vorgezogene Wahlen ab.", "REJECT"),
    ("Die Hamas weigerte sich, die Geiseln freizulassen.", "REJECT"),
    ("Nordkorea drohte mit Vergeltung für jede Provokation.", "THREATEN"),
    ("Der Minister warnte, sein Land werde mit Gewalt antworten.", "THREATEN"),
    ("Tausende Menschen demonstrierten in der Hauptstadt gegen das neue Gesetz.", "PROTEST"),
    ("Die Lehrer traten in den Streik und forderten höhere Löhne.", "PROTEST"),
    ("Die EU verhängte Sanktionen gegen russische Banken.", "SANCTION"),
    ("Litauen wies zwei russische Diplomaten aus und rief seinen Botschafter zurück.", "SANCTION"),
    ("Die Armee verlegte zusätzliche Truppen an die Nordgrenze.", "MOBILIZE"),
    ("Die Marine versetzte ihre Flotte nach dem Vorfall in erhöhte Alarmbereitschaft.", "MOBILIZE"),
    ("Die Polizei nahm vor dem Parlament 40 Demonstranten fest.", "COERCE"),
    ("Die Regierung verhängte eine Ausgangssperre in der Hauptstadt.", "COERCE"),
    ("Die Behörden schoben drei Aktivisten ab.", "COERCE"),
    ("Russische Truppen beschossen in der Nacht die Stadt Charkiw.", "ASSAULT"),
    ("Bewaffnete griffen eine Polizeiwache an und töteten vier Beamte.", "ASSAULT"),
    ("Ein Selbstmordattentäter sprengte sich an einem Kontrollpunkt in die Luft.", "ASSAULT"),
]


def _top(text: str, lang: str) -> Trigger | None:
    found = find_triggers([], lang, text)
    return found[0] if found else None


@pytest.mark.parametrize("text,expected", EN_CASES)
def test_english_top_trigger(text: str, expected: str) -> None:
    top = _top(text, "en")
    assert top is not None, f"no trigger in {text!r}"
    assert top.event == expected, f"{text!r}: got {top.event} via {top.lexicon_entry}"


@pytest.mark.parametrize("text,expected", DE_CASES)
def test_german_top_trigger(text: str, expected: str) -> None:
    top = _top(text, "de")
    assert top is not None, f"no trigger in {text!r}"
    assert top.event == expected, f"{text!r}: got {top.event} via {top.lexicon_entry}"


def test_every_type_has_cases_in_both_languages() -> None:
    for cases in (EN_CASES, DE_CASES):
        counts = {ev: sum(1 for _, e in cases if e == ev) for ev in PLOVER_EVENTS}
        assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.parametrize("lang,text", [
    ("en", "The weather in Berlin was mild and sunny on Sunday."),
    ("en", "The company's quarterly revenue rose by four percent."),
    ("de", "Das Wetter in Berlin war am Sonntag mild und sonnig."),
    ("de", "Der Umsatz des Unternehmens stieg im Quartal um vier Prozent."),
])
def test_sentence_without_event_has_no_trigger(lang: str, text: str) -> None:
    assert find_triggers([], lang, text) == []


def test_separable_verb_is_rejoined() -> None:
    text = "Die Armee griff am frühen Morgen die Stellungen der Rebellen an."
    top = _top(text, "de")
    assert top is not None and top.event == "ASSAULT"
    assert top.text == "griff"
    assert text[top.start:top.end] == "griff"
    # 'kündigte ... an' must not be read as the verb 'kündigen' (to terminate)
    found = find_triggers([], "de", "Die Regierung kündigte neue Sanktionen gegen Moskau an.")
    assert found and found[0].event == "SANCTION"


def test_separable_particle_from_parser_tags() -> None:
    # tokens as a parser would give them: lemma without the particle, particle tagged PTKVZ
    words = [("Die", "der", "DET", "ART"), ("Polizei", "Polizei", "NOUN", "NN"), ("nahm", "nehmen", "VERB", "VVFIN"),
             ("zwei", "zwei", "NUM", "CARD"), ("Männer", "Mann", "NOUN", "NN"), ("fest", "fest", "ADP", "PTKVZ"),
             (".", ".", "PUNCT", "$.")]
    toks, pos = [], 0
    for w, lemma, upos, tag in words:
        toks.append(Token(start=pos, end=pos + len(w), text=w, lemma=lemma, pos=upos, tag=tag))
        pos += len(w) + 1
    found = find_triggers(toks, "de", "")
    assert found and found[0].event == "COERCE" and found[0].mode == "arrest"
    assert found[0].text == "nahm"


def test_separable_particle_from_universal_pos_only() -> None:
    # a pipeline without STTS tags or dependency labels: the particle is only an ADP at clause end
    words = [("Die", "der", "DET"), ("Armee", "Armee", "NOUN"), ("griff", "greifen", "VERB"), ("das", "der", "DET"),
             ("Dorf", "Dorf", "NOUN"), ("an", "an", "ADP"), (".", ".", "PUNCT")]
    toks, pos = [], 0
    for w, lemma, upos in words:
        toks.append(Token(start=pos, end=pos + len(w), text=w, lemma=lemma, pos=upos))
        pos += len(w) + 1
    found = find_triggers(toks, "de", "")
    assert [(t.event, t.text) for t in found] == [("ASSAULT", "griff")]


def test_german_compound_nouns_match_case_insensitively() -> None:
    found = find_triggers([], "de", "Bei den Raketenangriffen starben zwölf Menschen.")
    assert any(t.event == "ASSAULT" and t.text == "Raketenangriffen" for t in found)
    found = find_triggers([], "de", "Die Regierung kündigte neue WAFFENLIEFERUNGEN an.")
    assert any(t.event == "AID" and t.mode == "military" for t in found)


def test_german_aid_needs_weapons_for_military_mode() -> None:
    mil = _top("Die USA liefern der Ukraine weitere Panzer.", "de")
    assert mil is not None and mil.event == "AID" and mil.mode == "military"
    other = find_triggers([], "de", "Die Firma liefert Möbel nach Polen.")
    assert not any(t.event == "AID" for t in other)


def test_consult_visit_mode() -> None:
    top = _top("Kim Jong Un traf zu Gesprächen mit Putin in Wladiwostok ein.", "de")
    assert top is not None and top.event == "CONSULT" and top.mode == "visit"
    top = _top("The Japanese premier visited Kyiv on Tuesday.", "en")
    assert top is not None and top.event == "CONSULT" and top.mode == "visit"


def test_verbal_act_governs_its_complement() -> None:
    found = find_triggers([], "en", "The minister called on Israel to release the prisoners.")
    assert found[0].event == "REQUEST"
    released = [t for t in found if t.event == "RETREAT"]
    assert released and released[0].governed_by == found[0].lexicon_entry
    assert released[0].score < found[0].score
    found = find_triggers([], "de", "Russland drohte mit Angriffen auf die Hauptstadt.")
    assert found[0].event == "THREATEN"


def test_intention_to_cooperate_is_agree_and_to_attack_is_threaten() -> None:
    agree = _top("Japan said it would provide emergency aid to the earthquake victims.", "en")
    assert agree is not None and agree.event == "AGREE" and agree.derived_from == "AID"
    threat = _top("Ankara said it would attack the militants if they did not withdraw.", "en")
    assert threat is not None and threat.event == "THREATEN" and threat.derived_from == "ASSAULT"
    assert threat.mode == "violence"
    de = _top("Die Türkei will die Milizen angreifen, falls sie sich nicht zurückziehen.", "de")
    assert de is not None and de.event == "THREATEN"


def test_german_passive_present_is_not_future() -> None:
    top = _top("Die Stadt wird seit Tagen von der Armee bombardiert.", "de")
    assert top is not None and top.event == "ASSAULT"


def test_negation_is_flagged() -> None:
    found = find_triggers([], "en", "The army did not attack the village.")
    assert found and found[0].event == "ASSAULT" and found[0].negated
    found = find_triggers([], "de", "Die Armee griff das Dorf nicht an.")
    assert found and found[0].event == "ASSAULT" and found[0].negated
    assert not find_triggers([], "en", "The army attacked the village.")[0].negated


def test_offsets_point_into_the_text() -> None:
    text = "Police arrested 40 protesters in front of parliament."
    for t in find_triggers([], "en", text):
        assert text[t.start:t.end] == t.text


def test_token_offsets_are_kept() -> None:
    # tokens from a document: offsets are document offsets, not sentence offsets
    body = "Header. Rebels shelled the town."
    toks = [Token(start=m.start + 8, end=m.end + 8, text=m.text) for m in tokenize(body[8:])]
    found = find_triggers(toks, "en", body[8:])
    assert found[0].event == "ASSAULT"
    assert body[found[0].start:found[0].end] == "shelled"


def test_unsupported_language_gives_nothing() -> None:
    assert find_triggers([], "fr", "Les rebelles ont attaqué la ville.") == []


def test_lexicons_parse_and_cover_all_types() -> None:
    for lang in ("de", "en"):
        lex = load_lexicon(lang)
        assert {e.event for e in lex.entries} == set(PLOVER_EVENTS)
        ids = [e.id for e in lex.entries]
        assert len(ids) == len(set(ids))


def _tokens(words: list[tuple[str, str, str]]) -> list[Token]:
    out, pos = [], 0
    for text, lemma, upos in words:
        out.append(Token(start=pos, end=pos + len(text), text=text, lemma=lemma, pos=upos))
        pos += len(text) + 1
    return out


def test_an_inflected_trigger_is_found_when_the_lemmatizer_leaves_it_inflected():
    # a statistical lemmatizer may return "vetoed" / "wounded" unchanged; the lexicon's inflections catch them
    for verb, event in (("vetoed", "REJECT"), ("wounded", "ASSAULT")):
        tokens = _tokens([("Washington", "Washington", "PROPN"), (verb, verb, "VERB"),
                          ("the", "the", "DET"), ("resolution", "resolution", "NOUN"), (".", ".", "PUNCT")])
        assert [t.event for t in find_triggers(tokens, "en")][:1] == [event], verb

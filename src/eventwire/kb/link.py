"""Linking a document's mentions to actors and places, with in-document coreference of short forms."""

from __future__ import annotations

import logging
import re

from ..records import Document, EntityLink, Mention, Place
from .counties import COUNTY_NAME, county_point, states_of_county
from .gazetteer import FLAG_PRIMARY
from .kb import KnowledgeBase
from .countries import country_by_code, demonym_index
from .matcher import find_matches
from .matcher import tokens as hyphen_tokens
from .models import ActorRecord
from .normalize import fold, strip_genitive, tokens
from .resolve import Toponym, haversine_km, resolve_toponyms

__all__ = ["link_document", "PLACE_LABELS"]

log = logging.getLogger(__name__)

PLACE_LABELS = {"LOC", "GPE", "FAC"}
ACTOR_LABELS = {"PER", "ORG", "MISC", "NORP", "OTH", "GPE", "LOC"}
_MIN_PLACE_SCORE = 0.9  # below this a gazetteer-only match (no NER label) is dropped
# big towns whose names are also common words; never added without an NER label
_COMMON_WORD_TOWNS = {"Essen", "Halle", "Hof", "Mark", "Reading", "Mobile", "Independence", "Paradise",
                      "Enterprise", "Surprise", "Orange", "Norman", "Sandy", "Victoria", "Split", "Nice", "Of",
                      "Bath", "Union", "Commerce", "Liberty", "Temple", "Spring", "Sale", "Tours", "Cork"}


def _overlaps(a: Mention, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _sentence_of(doc: Document, start: int) -> int | None:
    for s in doc.sentences:
        if s.start <= start < s.end:
            return s.index
    return None


def _add_kb_mentions(doc: Document, kb: KnowledgeBase, lang: str) -> None:
    """Add demonyms, country names, regions and known actor names that the NER missed (source="kb")."""
    existing = list(doc.mentions)
    for m in find_matches(doc.body, kb, lang):
        if any(_overlaps(x, m.start, m.end) for x in existing):
            continue
        if m.kind == "place" and m.text in _COMMON_WORD_TOWNS:
            continue
        if m.kind == "place":
            ents = kb.gazetteer.find(m.text) or kb.gazetteer.find(strip_genitive(m.text) or m.text)
            if not any(_addable(e, m, doc.body, lang) for e in ents):
                continue
        mention = Mention(doc_id=doc.doc_id, start=m.start, end=m.end, text=m.text, label=m.label,
                          sentence=_sentence_of(doc, m.start), source="kb")
        doc.mentions.append(mention)
        existing.append(mention)
    doc.mentions.sort(key=lambda x: (x.start, -x.end))


_LOCATIVE = re.compile(r"\b(in|im|nach|aus|bei|von|vom|über|nahe|nahe|near|from|to|at)\s+$", re.I)


def _addable(e, m, text: str, lang: str) -> bool:
    """Whether a gazetteer hit is safe to add without an NER label: areas, the curated supplement, big
    towns named by their own name; in German (where every noun is capitalised) a town also needs a
    locative preposition before it ("in Wladiwostok") unless it is a city of a million."""
    if e.feature_class in ("A", "L", "H") or e.source == "supplement":
        return True
    if len(m.text) < 4:
        return False
    locative = bool(_LOCATIVE.search(text[max(0, m.start - 12):m.start]))
    if lang != "de":  # capitals mean names in English: a town of 20k, or of 5k after "in", "near" ...
        return e.population >= 20_000 or (locative and e.population >= 5_000)
    if e.population < 100_000:
        return False
    return e.population >= 1_000_000 or locative


def _context_before(text: str, start: int, limit: int = 80) -> str:
    """The words before a mention within its clause (for 'der russische Vize-Außenminister <NAME>')."""
    chunk = text[max(0, start - limit):start]
    cut = max(chunk.rfind(c) for c in ".;:!?\n,(")
    return chunk[cut + 1:] if cut >= 0 else chunk


def _register(coref: dict[str, ActorRecord], rec: ActorRecord, surface: str) -> None:
    for _, _, w in tokens(surface):
        if len(w) >= 2 and w[:1].isupper():
            coref.setdefault(fold(w), rec)
    for s in rec.short:
        coref[fold(s)] = rec


# a month or weekday alone is a date, never a place ("in March" is no March, Cambridgeshire)
_CALENDAR_WORD = re.compile(
    r"January|February|March|April|May|June|July|August|September|October|November|December|Januar|Februar|März|"
    r"Mai|Juni|Juli|Oktober|Dezember|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Montag|Dienstag|"
    r"Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag")
# religions and their adjectives name no place, whatever a gazetteer's alternate names say ("Christian" is
# an alternate name of a Kansas town, "Muslim" of villages)
_RELIGION_WORD = re.compile(
    r"(?i)(christian|muslim|moslem|jewish|jews?|islamic|islamist|catholic|protestant|orthodox|hindu|buddhist|"
    r"sunni|shiite|shia|sikh|evangelical|coptic|druze|alawite)s?|"
    r"(christ|muslim|moslem|jüd|islam|katholi|evangeli|orthodox|hinduist|buddhist|sunnit|schiit|kopt|alawit)"
    r"(isch|ische|ischen|ischer|isches|ischem|en|in|innen)?")


def link_document(doc: Document, kb: KnowledgeBase, add_mentions: bool = True) -> None:
    """Fill ``Mention.entity`` and ``Mention.place`` for ``doc.mentions`` in place.

    Uses ``doc.body``, ``doc.language`` and ``doc.published``; resolves short forms ("Kim", "Putins") through
    earlier full mentions; resolves toponyms together (the document's countries and nearby places make a
    reading likelier); flags capitals and seats of government that stand for a government as metonyms.
    A PER mention never gets a place. With ``add_mentions``, adds country adjectives, country and region names
    and known actor names that the NER missed (``source="kb"``).
    """
    lang = (doc.language or "en")[:2]
    date = doc.published
    text = doc.body
    if lang == "de":
        _drop_common_nouns(doc, kb)
    if add_mentions:
        _add_kb_mentions(doc, kb, lang)
    _relabel_short_forms(doc, kb, lang)
    _whole_town_names(doc, kb)
    _places_tagged_as_people(doc, kb)
    _organisations_tagged_as_people(doc, kb)
    _towns_in_place_lists(doc, kb)
    _retype_by_kb(doc, kb, lang)
    doc.mentions = [m for m in doc.mentions if not (m.label in PLACE_LABELS and _CALENDAR_WORD.fullmatch(m.text))]
    mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end))

    # ---- places: all place-like mentions of the document together
    for m in mentions:
        if m.label in PLACE_LABELS and _RELIGION_WORD.fullmatch(m.text):
            m.label = "MISC"  # "Christian" tagged LOC: a religion, no place (not even the document's town)
    place_ms = [m for m in mentions if not _RELIGION_WORD.fullmatch(m.text)]
    place_ms = [m for m in place_ms if m.label in PLACE_LABELS or m.label == "NORP"
                or (m.label in ("MISC", "ORG", "OTH")
                    and all(r.kind == "country" for r in kb.actors.find_full(m.text)))
                or (m.label in ("MISC", "ORG") and any(e.feature_code in ("RGN", "CONT")  # "EU", "Gulf"
                                                       for e in kb.gazetteer.find(m.text)))]
    hints: dict[str, float] = {}
    # places named inside organisations' names ("Louisiana Purchase", "New Orleans Railways") are context
    # for the document's own places (the state a town lies in, a town near it), not readings of their own yet
    context = _names_with_places(mentions, kb, lang)
    res = resolve_toponyms(kb.gazetteer, text, [Toponym(m.start, m.end, m.text) for m in place_ms] + context,
                           lang, hints)[:len(place_ms)]
    for m, r in zip(place_ms, res):
        best = r.best
        if best is None:
            continue
        if m.label not in PLACE_LABELS and m.label != "NORP" and r.via != "name" \
                and not (m.label == "MISC" and kb.country_of_word(m.text)[0]):  # "American" tagged MISC
            continue
        if m.label in ("MISC", "ORG", "OTH") and best.entry.feature_class == "P" and best.entry.population < 100_000:
            continue
        if m.source == "kb" and best.score < _MIN_PLACE_SCORE:
            continue
        if _BARE_ABBREVIATION.fullmatch(m.text):
            continue  # "14th St.", "ST." of "ST. LOUIS": an abbreviation alone names no place
        if r.via == "stripped" and best.entry.feature_class == "P" and not any(
                x.startswith(("near ", "in a state", "followed by")) for x in best.reasons):
            continue  # "Montgomery County" is no Montgomery far from the story; the nearest town is likelier
        m.place = best.entry.to_place(score=round(best.score, 3), metonym=r.metonym)

    doc.mentions = [m for m in doc.mentions
                    if not (m.source == "kb" and m.label == "LOC" and m.place is None)]
    _region_adjectives(doc, kb)
    _one_sense_per_document(doc)
    _places_before_their_region(doc, kb)
    if add_mentions:
        _nested_places(doc, kb, lang, hints)
    mentions = sorted(doc.mentions, key=lambda m: (m.start, -m.end))

    # ---- actors, in text order so that full names precede their short forms
    coref: dict[str, ActorRecord] = {}
    for m in mentions:
        if m.label == "PER":
            m.place = None
            m.entity = _link_person(m, kb, text, lang, date, coref)
        elif m.label in ("ORG", "MISC", "OTH"):
            m.entity = _link_org(m, kb, text, lang, date, coref)
        elif m.label == "NORP":
            code, _ = kb.country_of_word(m.text)
            if code:
                r = kb.actors.records.get(f"country:{code}")
                m.entity = EntityLink(kb_id=f"country:{code}", identifier_id=r.qid if r else None,
                                      identifier_text=r.name if r else code, code=code, kind="country", score=0.8)
        elif m.label in PLACE_LABELS:
            m.entity = _link_place_actor(m, kb, lang, date)
    if add_mentions:
        _add_short_forms(doc, kb, lang, date)
    _us_counties(doc, kb)
    if add_mentions:
        _road_mentions(doc)
    _facilities_to_towns(doc, kb)
    doc.mentions = [m for m in doc.mentions if not (m.source == "road" and m.place is None)]


def _add_short_forms(doc: Document, kb: KnowledgeBase, lang: str, date: str | None) -> None:
    """Later short forms ("Putin", "Kims") of persons named in full earlier, where the NER missed them."""
    first_full: dict[str, int] = {}
    for m in doc.mentions:
        if m.label == "PER" and m.entity is not None and m.entity.kb_id in kb.actors.records:
            if len(m.text.split()) > 1:
                first_full.setdefault(m.entity.kb_id, m.end)
    if not first_full:
        return
    forms: dict[str, str] = {}
    for kb_id in first_full:
        for s in kb.actors.records[kb_id].short:
            forms[s] = kb_id
            if lang == "de":
                forms[s + "s"] = kb_id
    if not forms:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                         + r")(?![\w-])")
    existing = list(doc.mentions)
    for hit in pattern.finditer(doc.body):
        kb_id = forms[hit.group(1)]
        if hit.start() < first_full[kb_id] or any(_overlaps(x, hit.start(), hit.end()) for x in existing):
            continue
        rec = kb.actors.records[kb_id]
        mention = Mention(doc_id=doc.doc_id, start=hit.start(), end=hit.end(), text=hit.group(1), label="PER",
                          sentence=_sentence_of(doc, hit.start()), source="kb", entity=kb.link_for(rec, date, 0.85))
        doc.mentions.append(mention)
        existing.append(mention)
    doc.mentions.sort(key=lambda x: (x.start, -x.end))


_FACILITY = re.compile(
    r"\b(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Square|Plaza|Lane|Drive|Highway|Church|Cathedral|"
    r"Mosque|Temple|University|College|School|Elementary|Academy|Airport|Station|Library|Hospital|Clinic|Park|"
    r"Center|Centre|Plantation|Canal|Bridge|Club|Stadium|Arena|Hotel|Museum|Palace|Prison|Base|Harbor|Harbour|"
    r"Port|Market|Mall|Village|Court(?:house)?|Hall|Tower|Theatre|Theater|Cinema|Chapel|Castle|Campus|Estate|"
    r"Lagoon|Farms?|Cottage|Racecourse|Rue|Faubourg|"
    r"\w*[Ss]tra(?:ß|ss)e|\w*[Pp]latz|\w*[Ff]lughafen|\w*[Bb]ahnhof|Universität|\w*[Kk]irche|\w*[Ss]chule|"
    r"\w*[Kk]rankenhaus|\w*[Bb]rücke|\w*[Ss]tadion|Kaserne|\w*[Gg]efängnis|\w*[Pp]alast|\w*[Hh]afen|Rathaus)\b")


_PERSON_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|dr|sir|dame|lord|lady|president|minister|senator|sen|rep|governor|gov|mayor|judge|coach|"
    r"herr|frau|präsident(?:in)?|minister(?:in)?|prof|gen|col|capt|sgt|lt|officer|chief|king|queen|prince|"
    r"princess|pope|father|rev|bishop|sheikh|scheich|politiker(?:in)?|sprecher(?:in)?|trainer(?:in)?|experte|"
    r"expertin|kanzler(?:in)?|abgeordnete[rn]?|torjäger|stürmer|sänger(?:in)?|rapper(?:in)?)\.?\s+$", re.I)
_PERSON_AFTER = re.compile(r"^(?:\s*,\s*\d+\b|\s*\(\d+\)|\s+(?:said|says|told|added|wrote|explained|asked|argued|"
                           r"sagte|sagt|erklärte|betonte|meinte)\b)", re.I)


# words after which a name is where something is or goes, not who ("in", "near"; not "from", "to", "von")
_LOCATIVE_BEFORE = re.compile(r"(?:^|\s)(?:in|at|near|outside|into|towards|around|through|via|im|bei|nahe|unweit|nach)\s+$",
                              re.I)


_MOTION_BEFORE = re.compile(r"(?:^|\s)(?:to|from|aus)\s+$", re.I)


def _town_after_locative(m: Mention, text: str, hits) -> bool:
    """A town or area the gazetteer knows (``hits``), right after a locative word: "in Gwbert", "nach Bochum"."""
    return bool(_LOCATIVE_BEFORE.search(text[max(0, m.start - 12):m.start])) \
        and any(e.feature_class in ("P", "A") for e in hits)


def _drop_common_nouns(doc: Document, kb: KnowledgeBase) -> None:
    """German capitalises every noun, and the NER takes some for names ("Osterferien", "Süßwasser",
    "CIA-Videos"): a one-word name that the tagger calls a common noun (STTS NN) and that neither the actor
    list nor the gazetteer knows is dropped. On GermEval 2014 dev such mentions were wrong 131 times in 155."""
    tags = {t.start: (t.end, t.tag) for s in doc.sentences for t in s.tokens}

    def common_noun(m: Mention) -> bool:
        end, tag = tags.get(m.start, (None, None))
        if end != m.end or tag != "NN" or m.label not in ("PER", "LOC", "ORG") or m.source not in (None, "ner"):
            return False
        name = strip_genitive(m.text) or m.text
        return not (kb.actors.find_full(m.text) or kb.actors.find_full(name) or kb.actors.find_short(name)
                    or kb.gazetteer.find(m.text) or kb.gazetteer.find(name))

    doc.mentions = [m for m in doc.mentions if not common_noun(m)]


_AFTER_TOWN_COMMA = re.compile(r"\b[A-Z][\w'’.-]*,\s$")


def _retype_by_kb(doc: Document, kb: KnowledgeBase, lang: str) -> None:
    """Type errors the KB can settle: a place or organisation mention that is a person the actor list knows
    by that name ("Stalin", "Bhuttos") and no big place is a person; an organisation mention that is a
    town the gazetteer knows, after a locative word ("in Epirus", "nach Bochum"), and no known
    organisation, is a place."""
    text = doc.body
    for m in doc.mentions:
        if m.source not in (None, "ner") or m.label not in ("LOC", "GPE", "ORG"):
            continue
        if m.label == "ORG" and m.text.endswith(".") and _AFTER_TOWN_COMMA.search(text[max(0, m.start - 30):m.start]) \
                and any(e.feature_code == "ADM1" for e in kb.gazetteer.find(m.text)):
            m.label = "LOC"  # "Fresno, Calif.", "Estey's Bridge, N.B.": a state's abbreviation after its town
            continue
        name = (strip_genitive(m.text) if lang == "de" else None) or m.text
        known = kb.actors.find_full(m.text) or kb.actors.find_full(name)
        if m.text.isupper():
            continue  # an acronym: "AKK" is an association before it is Annegret Kramp-Karrenbauer
        if known and all(r.kind == "person" for r in known) or (
                not known and any(r.kind == "person" for r in kb.actors.find_short(name))):
            if not any(_major_place(e, 100_000) for e in kb.gazetteer.find(m.text)):
                m.label = "PER"
                continue
        if m.label == "ORG" and not known and _town_after_locative(m, text, kb.gazetteer.find(m.text)):
            m.label = "LOC"
        elif " " not in m.text and not known and _PERSON_BEFORE.search(text[max(0, m.start - 25):m.start]) \
                and not kb.gazetteer.find(name) and not kb.country_of_word(m.text)[0]:
            m.label = "PER"  # "CSU-Politiker Straubinger", "Fußball-Experte Sammer": a role noun names a person


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:and|or|und|oder|sowie))\s+")


def _towns_in_place_lists(doc: Document, kb: KnowledgeBase) -> None:
    """A name in a list of places ("stores in Žilina, Nitra, Prešov and Košice") that the NER took for an
    organisation or a person is a place too, where the gazetteer knows a town or area of that name and
    the KB knows no actor of it."""
    ms = sorted(doc.mentions, key=lambda x: (x.start, -x.end))
    changed = True
    while changed:
        changed = False
        for a, b in zip(ms, ms[1:]):
            if not _LIST_GAP.fullmatch(doc.body[a.end:b.start]):
                continue
            for place, other in ((a, b), (b, a)):
                if place.label in PLACE_LABELS and other.label in ("ORG", "PER", "MISC") \
                        and other.source in (None, "ner") and not kb.actors.find_full(other.text) \
                        and any(e.feature_class in ("P", "A") for e in kb.gazetteer.find(other.text)):
                    other.label = "LOC"
                    changed = True


_NOT_PART_OF_A_TOWN = re.compile(
    r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|Greater|Downtown|Old|New|"
    r"Lake|Mount|Mt\.?|River|Port|Fort|Nord|Süd|Ost|West|Ober|Unter|Alt|Neu|Groß|Klein|Bad|Sankt|St\.?|The|In|At|"
    r"From|To)")
_BARE_ABBREVIATION = re.compile(r"(?i)(?:st|mt|ft|pt|ave|rd|blvd)\.?")


def _whole_town_names(doc: Document, kb: KnowledgeBase) -> None:
    """Names the NER cut: "GM's Bowling | Green, Kentucky" (a capitalised word before a place mention that
    makes a town of 20,000+ with it, followed by its state or country) and "ST | LOUIS" (two mentions that
    are one town of 20,000+ together) become one place mention."""
    text = doc.body
    ms = sorted((m for m in doc.mentions if m.source in (None, "ner")), key=lambda x: x.start)
    drop: set[int] = set()
    for a, b in zip(ms, ms[1:]):
        gap = text[a.end:b.start]
        if gap not in (" ", ". ", ".") or id(a) in drop or len(a.text) + len(b.text) > 40:
            continue
        name = text[a.start:b.end]
        if any(e.feature_class == "P" and e.population >= 20_000 for e in kb.gazetteer.find(name)):
            a.end, a.text, a.label = b.end, name, "LOC"
            drop.add(id(b))
    doc.mentions = [m for m in doc.mentions if id(m) not in drop]
    for m in doc.mentions:
        if m.source not in (None, "ner") or m.label not in PLACE_LABELS and m.label != "PER":
            continue  # (a person only when the longer name is a town followed by its state: "Bowling Green, Ky.")
        before = re.search(r"(?<![\w'’.-])([A-Z][a-z]+) $", text[max(0, m.start - 30):m.start])
        if before is None or _NOT_PART_OF_A_TOWN.fullmatch(before.group(1)):
            continue
        name = before.group(1) + " " + m.text
        after = re.match(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)", text[m.end:m.end + 30])
        if after is None:
            continue
        areas = {(e.country_code, None if e.is_country else e.admin1) for e in kb.gazetteer.find(after.group(1))
                 if e.feature_code == "ADM1" or e.is_country}
        if any(e.feature_class == "P" and e.population >= 20_000 and e.flags & FLAG_PRIMARY
               and ((e.country_code, e.admin1) in areas or (e.country_code, None) in areas)
               for e in kb.gazetteer.find(name)):
            m.start, m.text, m.label = m.start - len(before.group(1)) - 1, name, "LOC"


_AREA_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}(?:County|Parish|Township|Province|Oblast|Governorate|District|LGA)")


def _places_tagged_as_people(doc: Document, kb: KnowledgeBase) -> None:
    """A lone name the NER took for a person but that is a country, a first-level region, a town of
    200,000 or more or a curated news place, with nothing around it that speaks of a person ("Mr",
    "President", "said", an age) and no person of that name in the document ("Jordan" after "Michael
    Jordan") or the KB: a place."""
    text = doc.body
    people = [m for m in doc.mentions if m.label == "PER" and len(m.text.split()) > 1]
    for m in doc.mentions:
        if m.label in ("PER", "ORG", "MISC") and _AREA_NAME.fullmatch(m.text):
            m.label = "LOC"  # "Orange County", "Guma LGA": never a person; an area, even as an organisation
            continue
        if m.label != "PER" or m.entity is not None:
            continue
        if " " not in m.text and kb.country_of_word(m.text)[1] == "adjective":
            m.label = "NORP"  # "Azerbaijani soldiers", "Emirati handler": a nationality, not a person
            continue
        others = {fold(w) for p in people if fold(p.text) != fold(m.text) for w in p.text.split()}
        if any(fold(w) in others for w in m.text.split()) or any(
                r.kind == "person" for r in kb.actors.find_full(m.text)):
            continue
        if _PERSON_BEFORE.search(text[max(0, m.start - 25):m.start]) or _PERSON_AFTER.match(text[m.end:m.end + 25]):
            continue
        hits = kb.gazetteer.find(m.text)
        if any(_major_place(e, 200_000) or e.source == "supplement" for e in hits):
            m.label = "LOC"
        elif _town_after_locative(m, text, hits):
            m.label = "LOC"  # any town the gazetteer knows, after a locative word
        elif _MOTION_BEFORE.search(text[max(0, m.start - 12):m.start]) \
                and any(e.feature_class == "P" and e.population >= 10_000 for e in hits):
            m.label = "LOC"  # a town of some size after "to" or "from": "travelling to Cirencester from Gloucester"


def _region_adjectives(doc: Document, kb: KnowledgeBase) -> None:
    """"European", "afrikanischen", "Kurdish" (countries.REGION_ADJECTIVES): the region as the place."""
    index = demonym_index()
    for m in doc.mentions:
        if m.place is not None or m.label not in ("MISC", "NORP", "ORG"):
            continue
        hit = next((h for h in index.get(fold(m.text), []) if not h.iso3 and h.place), None)
        if hit is None:
            continue
        hits = [e for e in kb.gazetteer.find(hit.place) if e.feature_code in ("CONT", "RGN", "ADM1", "SEA", "OCN")]
        if hits:
            m.place = hits[0].to_place(score=0.8)


_NOT_A_PLACE_LABELS = ("DATE", "TIME", "DURATION", "SET", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


def _in_region(country_code: str | None, admin1: str | None, lat: float | None, lon: float | None,
               region: Place, region_admin1: str | None, within_km: float = 100) -> bool:
    """A place lies in a region: same country, and the region's admin1 code, else within ``within_km`` of
    the region's point."""
    if country_code != region.country_code or lat is None or lon is None or region.lat is None or region.lon is None:
        return False
    if region_admin1:
        return admin1 == region_admin1
    return haversine_km(lat, lon, region.lat, region.lon) < within_km


def _places_before_their_region(doc: Document, kb: KnowledgeBase) -> None:
    """A name right before a comma and a resolved first- or second-level region is a place in that region
    ("Thruxton, Hampshire", "Kent, Ohio", "Knockhill, Fife"): the gazetteer's place of that name there (the
    most populous; a "person" or organisation of that name becomes a place), else, for a name the gazetteer
    cannot know (a race circuit, a hamlet) and no confident reading elsewhere ("Saipan, Guam, Alaska" is a
    list), a county itself flagged 0.3. A person's name the gazetteer does not know there stays a person
    ("Joe Smith, Kent"); in a state, such a name is left to the facility rule (the story's town)."""
    ending: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        ending.setdefault(m.end, []).append(m)
    for r in doc.mentions:
        region = r.place
        if region is None or region.feature_code not in ("ADM1", "ADM2") or r.source == "nested" \
                or doc.body[max(0, r.start - 2):r.start] != ", ":
            continue
        region_admin1 = _admin1_of(region, kb) if region.feature_code == "ADM1" else None
        for x in ending.get(r.start - 2, []):
            if x.label in _NOT_A_PLACE_LABELS or x.source == "nested" or not x.text[:1].isupper():
                continue
            p = x.place
            if p is not None and (_in_region(p.country_code, _admin1_of(p, kb), p.lat, p.lon, region, region_admin1)
                                  or p.feature_class == "A" and p.country_code == region.country_code):
                continue  # already there, or a region of that country itself ("Hampshire, England")
            there = [e for e in kb.gazetteer.find(x.text) if e.feature_class in ("P", "S")
                     and _in_region(e.country_code, e.admin1, e.lat, e.lon, region, region_admin1)]
            if there:
                best = max(there, key=lambda e: e.population)
                x.place = best.to_place(score=1.5)
                if x.label not in PLACE_LABELS:
                    x.label = "LOC"
            elif x.label != "PER" and region.feature_code == "ADM2" and (p is None or (p.score or 0.0) < _MIN_ANCHOR_SCORE):
                x.place = region.model_copy(update={"score": 0.3})  # (in a state, the story's town is likelier)


def _one_sense_per_document(doc: Document) -> None:
    """A name read as a place once in a document is that place wherever else it stands alone there:
    the NER may tag the same "Qamishli" PER in one sentence and LOC in the next, or a team named for
    its city ORG ("against Louisville"). A PER mention so placed becomes LOC."""
    placed: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.place is not None and m.label in PLACE_LABELS and m.place.lat is not None:
            placed.setdefault(fold(m.text), m)
    if not placed:
        return
    for m in doc.mentions:
        if m.place is not None or m.label not in ("PER", "ORG", "MISC", "OTH"):
            continue
        twin = placed.get(fold(m.text))
        if twin is None:
            continue
        m.place = twin.place.model_copy()
        if m.label == "PER":
            m.label = "LOC"


_NESTED_CONNECTORS = {"of", "von", "des", "der", "in"}
_LEADING_ARTICLES = {"the", "der", "die", "das", "den", "dem"}


def _is_country(e) -> bool:
    return (e.feature_code or "").startswith("PCL")


def _major_place(e, min_population: int) -> bool:
    """A country, a first-level region, a capital, or a town of at least ``min_population``."""
    return (_is_country(e) or e.feature_code in ("ADM1", "PPLC")
            or (e.feature_class == "P" and e.population >= min_population))


def _nested_kind_ok(e, span: str | None = None, lang: str | None = None, local: set[str] = frozenset()) -> bool:
    """Countries, first-level regions, capitals and towns of 100,000 or more, named by their own main
    name, a capitalised abbreviation ("US") or, for a country, a name in the document's language: inside
    a longer name an exonym is too weak a clue ("Fire Island" is not Iceland, German "Island"). In one of
    the document's ``local`` countries also second-level regions and towns of 10,000 or more; anywhere a
    curated river, sea or region by its own name."""
    if span is not None:
        name, key = fold(e.name), fold(span)
        country = country_by_code().get(e.country_code or "") if _is_country(e) else None
        if not (name == key or name.startswith(key + ",") or name.startswith(key + " city")
                or (span.isupper() and len(span) <= 4)
                or (country is not None and any(fold(n) == key and nl == lang for n, nl in country.names))):
            return False
    if span is not None and e.country_code in local and (e.feature_code == "ADM2" or _major_place(e, 10_000)):
        return True
    if span is not None and e.source == "region" and e.feature_class in ("H", "L"):
        return True  # a curated river, sea or region by its own name: "Cauvery Management Board", "Nile Basin"
    return _major_place(e, 100_000)


_BEFORE_HYPHEN = re.compile(r"([A-ZÄÖÜ][\w.]*)-[a-zäöüß]")


def _place_in_name(m: Mention, kb: KnowledgeBase, lang: str, local: set[str] = frozenset()) -> tuple[int, int] | None:
    """The span (relative to the mention) of the place an organisation's name begins with, ends with or
    names after "of": "The Washington Post", "Air Canada", "CTV Saskatoon", "Bank of England", "Russian
    Embassy"."""
    hyphened = _BEFORE_HYPHEN.match(m.text)  # "Berlin-based", "Australian-led", "US-geführte"
    if hyphened:
        w = hyphened.group(1)
        if kb.country_of_word(w)[0] or any(_nested_kind_ok(e, w, lang, local) for e in kb.gazetteer.find(w)):
            return 0, len(w)
    words = tokens(m.text)
    if words and words[0][2].lower() in _LEADING_ARTICLES:
        words = words[1:]
    if len(words) < 2:
        return None
    first = words[0]
    if m.label in ("ORG", "MISC") and kb.country_of_word(first[2])[0]:  # "Russian Embassy", "Australian-led"
        return first[0], first[1]
    spans: list[tuple[tuple[int, int], bool]] = []  # (span, whether only as the name's tail)
    for n in range(len(words) - 1, 0, -1):  # the longest capitalised head of the name first
        if all(w[:1].isupper() for _, _, w in words[:n]):
            spans.append(((words[0][0], words[n - 1][1]), False))
    for i, (_, _, w) in enumerate(words[:-1]):
        if w.lower() in _NESTED_CONNECTORS and words[i + 1][2][:1].isupper():
            spans.append(((words[i + 1][0], words[-1][1]), False))
    # a major place the name ends with: "CTV Saskatoon", "Small Business BC" (not a smaller town or capital:
    # a surname ends "Leo Thames Newman", "Accrington Stanley")
    for n in range(min(3, len(words) - 1), 0, -1):
        if all(w[:1].isupper() for _, _, w in words[-n:]):
            spans.append(((words[-n][0], words[-1][1]), True))
    for (a, b), tail in spans:
        if _FACILITY.fullmatch(m.text[a:b]) or _ORG_HEAD.fullmatch(m.text[a:b]) or _STATE_WORD.fullmatch(m.text[a:b]):
            continue  # "University of California", "Republic of Armenia" begin with no town University, Republic
        if any(_nested_kind_ok(e, m.text[a:b], lang, set() if tail else local)
               and not (tail and e.feature_class == "P" and e.population < 100_000)
               for e in kb.gazetteer.find(m.text[a:b])):
            return a, b
    a, b = words[-1][0], words[-1][1]  # "Air Canada", "Team GB": a country at the end, by any of its names
    if any(_nested_kind_ok(e, m.text[a:b], lang) and _is_country(e) for e in kb.gazetteer.find(m.text[a:b])):
        return a, b
    return None


def _place_words_in_name(m: Mention, kb: KnowledgeBase, skip: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Spans (relative to the mention) of the country and region words anywhere inside a name, also between
    hyphens: "BBC Russian Service", "Air France KLM", "Single European Sky", "Syrian-Turkish", "DPRK-U.S."
    (``skip``: a span already found)."""
    out: list[tuple[int, int]] = []
    words = hyphen_tokens(m.text)
    place_word = [_place_word(kb, w) for _, _, w in words]
    if all(place_word) and "-" not in m.text:
        return out  # "Bosnian Serbs", "Croatian Serb": a people, not an organisation named for places
    i = 0
    while i < len(words):
        a, b, w = words[i]
        n = 1
        if i + 1 < len(words) and m.text[b:words[i + 1][0]] == " ":
            two = m.text[a:words[i + 1][1]]
            if _place_word(kb, two) or (kb.gazetteer.find(two) and (place_word[i] or place_word[i + 1])):
                n = 2  # "North American", "New Jersey": the longer name, not "American" or "Jersey"
        end = words[i + n - 1][1]
        if (n == 2 or place_word[i]) and w[:1].isupper() and not (skip and a < skip[1] and skip[0] < end):
            out.append((a, end))
        i += n
    return out


def _place_word(kb: KnowledgeBase, word: str) -> bool:
    """A country's name or adjective, or a region adjective."""
    return bool(kb.country_of_word(word)[0] or _region_word(word))


def _region_word(word: str) -> bool:
    """A continent or region adjective ("African", "European", "asiatischen")."""
    return any(not h.iso3 and h.place for h in demonym_index().get(fold(word), []))


_STATE_WORD = re.compile(r"Republic|Kingdom|Commonwealth|Principality|Emirates?|Sultanate|Federal|National|United|Royal")
_ORG_HEAD = re.compile(
    r"\b(?:State|Police|Department|Ministry|Services?|Society|Post|Times|Herald|Tribune|Journal|News|Press|University|"
    r"College|Institute|Council|Board|Commission|Committee|Agency|Authority|Office|Bank|Party|Association|"
    r"Foundation|Corporation|Company|Airlines|Airways|Union|League|Club|Court|Army|Navy|Command|Health|Fund|"
    r"Trust|Federation|Polizei|Ministerium|Verband|Partei|Zeitung|Universität|Gericht|Behörde|Stiftung|"
    r"Gesellschaft|Chamber|Limited|Ltd|Inc|Group|Kammer)\b")


def _organisations_tagged_as_people(doc: Document, kb: KnowledgeBase) -> None:
    """A "person" whose name holds an organisation's head word and begins with a place ("Maryland State
    Police", "Montana Department of Corrections", "Dubai Police", "Mississippi State") is an organisation."""
    for m in doc.mentions:
        if m.label != "PER" or len(m.text.split()) < 2 or not any(_ORG_HEAD.fullmatch(w) for w in m.text.split()[1:]):
            continue
        first = m.text.split()[0]
        if _place_word(kb, first) or any(_major_place(e, 100_000) for e in kb.gazetteer.find(first)):
            m.label = "ORG"


def _names_with_places(mentions: list[Mention], kb: KnowledgeBase, lang: str) -> list[Toponym]:
    """The major places (countries, first-level regions, towns of 100,000 or more, curated rivers and
    regions) that organisation names begin with, end with or name after "of", as toponyms."""
    out: list[Toponym] = []
    for m in mentions:
        if m.label in ("ORG", "MISC", "OTH") and m.source != "nested":
            span = _place_in_name(m, kb, lang)
            if span:
                out.append(Toponym(m.start + span[0], m.start + span[1], m.text[span[0]:span[1]]))
    return out


def _places_in_place_mention(m: Mention, kb: KnowledgeBase, lang: str) -> list[tuple[int, int]]:
    """Spans (relative to the mention) of the places inside a place mention that did not resolve as a
    whole: "Greece Italy", "Amsterdam-London" (longest first, left to right, at most four words each)."""
    words = [w for w in hyphen_tokens(m.text) if w[2][:1].isupper()]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words) and len(words) > 1:
        for j in range(min(len(words), i + 4), i, -1):
            a, b = words[i][0], words[j - 1][1]
            if (a, b) != (0, len(m.text)) and any(_nested_kind_ok(e, m.text[a:b], lang)
                                                  for e in kb.gazetteer.find(m.text[a:b])):
                out.append((a, b))
                i = j
                break
        else:
            i += 1
    return out


def _nested_places(doc: Document, kb: KnowledgeBase, lang: str, hints: dict[str, float]) -> None:
    """Places named inside an organisation's name ("The Washington Post", "Mississippi State", "Bank
    of England", "Benue State Commissioner", "Russian Embassy") as mentions of their own, nested in the
    name (``source="nested"``): countries, first-level regions and towns of 100,000 or more only. They
    say where an organisation is from, not where an event happened (the event coder skips them). Also
    the places inside a place mention that did not resolve as a whole ("Greece Italy", "Amsterdam-London")."""
    found: list[tuple[Mention, int, int]] = []
    # the document's countries: there a smaller place may begin a name too ("Suffolk Times", "Norwich City")
    local = {m.place.country_code for m in doc.mentions if m.place is not None and m.place.country_code}
    for m in doc.mentions:
        if m.place is not None or m.source == "nested":
            continue
        if m.label in ("ORG", "MISC", "OTH"):
            span = _place_in_name(m, kb, lang, local)
            found += [(m, m.start + span[0], m.start + span[1])] if span else []
            found += [(m, m.start + a, m.start + b) for a, b in _place_words_in_name(m, kb, span)]
        elif m.label in PLACE_LABELS and not _AREA_NAME.fullmatch(m.text):  # "Montgomery County" is one area
            found += [(m, m.start + a, m.start + b) for a, b in _places_in_place_mention(m, kb, lang)]
    if not found:
        return
    res = resolve_toponyms(kb.gazetteer, doc.body, [Toponym(a, b, doc.body[a:b]) for _, a, b in found], lang, hints)
    for (m, a, b), r in zip(found, res):
        best = r.best
        if best is None or (best.score < _MIN_PLACE_SCORE and m.label not in PLACE_LABELS):
            continue  # inside a place mention the NER's label vouches for it, as for any place mention
        e = best.entry
        if not _nested_kind_ok(e, doc.body[a:b], lang, local) and not (m.label in ("ORG", "MISC") and _is_country(e)) \
                and not (_region_word(doc.body[a:b]) and e.feature_code in ("CONT", "RGN", "ADM1", "SEA", "OCN")):
            continue  # (a country or region adjective in an organisation's name resolves to its country or region)
        doc.mentions.append(Mention(doc_id=doc.doc_id, start=a, end=b, text=doc.body[a:b], label="LOC",
                                    sentence=m.sentence, place=e.to_place(score=round(best.score, 3)),
                                    source="nested"))
    doc.mentions.sort(key=lambda x: (x.start, -x.end))


_MIN_ANCHOR_SCORE = 1.0  # a weak reading ("Marine" as a French village) anchors nothing


def _admin1_of(place: Place | None, kb: KnowledgeBase) -> str | None:
    """The first-level region code of a resolved place (from its gazetteer entry), or None."""
    e = kb.gazetteer.by_geonameid(place.geonameid) if place is not None and place.geonameid else None
    return e.admin1 if e is not None else None


def _us_counties(doc: Document, kb: KnowledgeBase) -> None:
    """A US county ("Montgomery County", also at the start of a name: "Walker County Sheriff's Office") lies
    in the state of the nearest town before it (else the first after) that the document names in a state with
    a county of that name, else in a state the document names, else in the only state with such a county; at
    the county's own point where known, else at that town (flagged 0.5); never at a namesake town of another
    state ("Montgomery County Democrats" in a story from Red Oak, Iowa, is not Montgomery, Alabama). A nested
    place that is a county's head word ("Montgomery" of "Montgomery County Democrats") becomes the county."""
    if not any(COUNTY_NAME.match(doc.body, m.start) for m in doc.mentions):
        return  # (most documents name no county: no state lookups for their towns)
    towns: list[tuple[Mention, str]] = []
    for t in doc.mentions:
        p = t.place
        if p is None or p.country_code != "USA" or p.feature_class != "P" or p.metonym \
                or (p.score or 0.0) < _MIN_ANCHOR_SCORE or t.source == "nested" \
                or COUNTY_NAME.match(doc.body, t.start):
            continue
        admin1 = _admin1_of(p, kb)
        if admin1:
            towns.append((t, admin1))
    named_states = [_admin1_of(t.place, kb) for t in doc.mentions if t.place is not None
                    and t.place.country_code == "USA" and t.place.feature_code == "ADM1"]
    for m in doc.mentions:
        found = COUNTY_NAME.match(doc.body, m.start)
        if found is None or m.label in ("DATE", "TIME", "DURATION", "SET", "PER"):
            continue
        states = states_of_county(found.group())
        if not states:
            continue
        if found.end() > m.end:  # a nested "Montgomery" of "Montgomery County Democrats"
            if m.source != "nested":
                continue
            m.end, m.text = found.end(), found.group()
        elif found.end() < m.end and (m.place is not None or (m.entity is not None and m.entity.code) or any(
                x is not m and x.source == "nested" and x.start == m.start for x in doc.mentions)):
            continue  # a name that begins with a county: only when nothing else places it
        own_admin1 = _admin1_of(m.place, kb) if m.place is not None and m.place.country_code == "USA" \
            and m.place.feature_class == "P" else None  # the state of the namesake town it was read as
        inside = [(t, st) for t, st in towns if st in states]
        if own_admin1 is not None and own_admin1 in ({st for _, st in inside} or states):
            continue  # "Orange County" at Orange, California: the namesake town lies in such a county
        point = None
        if inside:
            before = [(t, st) for t, st in inside if t.end <= m.start]
            anchor, state = before[-1] if before else inside[0]
            point = county_point(found.group(), state) or (anchor.place.lat, anchor.place.lon)
        else:  # no town of such a state: a state the document names, or the only state with such a county
            state = next((st for st in named_states if st in states), None) or (
                next(iter(states)) if len(states) == 1 else None)
            point = county_point(found.group(), state) if state else None
        if point is not None:
            m.place = Place(name=found.group(), lat=point[0], lon=point[1], country_code="USA", feature_class="A",
                            feature_code="ADM2", score=0.5)
            if m.label not in PLACE_LABELS and found.end() == m.end and m.source != "nested":
                m.label = "LOC"
        elif own_admin1 is not None:
            m.place = None  # a namesake town in a state without such a county


# roads named by number where the document is in a country that numbers them so: "the A417", "via the A436,
# A40 and A429", "auf der A 7", "the M25", "die B 96" (after an article, or in a list with such a road)
_ROAD = re.compile(r"\b(?:[Tt]he|[Dd]er|[Dd]ie|auf der|via the|on the)\s+([AMB]\s?[1-9]\d{0,3}(?:\(M\))?)\b(?![-\w])")
_ROAD_NEXT = re.compile(r"(?:,\s*|,?\s+(?:and|or|und|oder)\s+)([AMB]\s?[1-9]\d{0,3}(?:\(M\))?)\b(?![-\w])")
_ROAD_COUNTRIES = {"GBR", "IRL", "DEU", "AUT", "CHE"}


def _road_mentions(doc: Document) -> None:
    """Numbered roads ("the A417") as facility mentions (``source="road"``), placed by the facility rule at
    the document's town; only in documents whose towns lie where roads are numbered A/M/B."""
    if not any(m.place is not None and m.place.country_code in _ROAD_COUNTRIES and m.place.feature_class == "P"
               for m in doc.mentions):
        return
    taken = [(m.start, m.end) for m in doc.mentions]
    spans: list[tuple[int, int]] = []
    for found in _ROAD.finditer(doc.body):
        a, b = found.span(1)
        spans.append((a, b))
        nxt = _ROAD_NEXT.match(doc.body, b)
        while nxt is not None:
            spans.append(nxt.span(1))
            nxt = _ROAD_NEXT.match(doc.body, nxt.end())
    for a, b in spans:
        if any(x < b and a < y for x, y in taken):
            continue
        taken.append((a, b))
        doc.mentions.append(Mention(doc_id=doc.doc_id, start=a, end=b, text=doc.body[a:b], label="FAC",
                                    sentence=_sentence_of(doc, a), source="road"))
    doc.mentions.sort(key=lambda x: (x.start, -x.end))


# "Palais des Nations in Geneva", "Terra Kulture in Lagos", "das Museum in Köln": the town right after it
_LOCATED_IN = re.compile(r",?\s(?:in|near|bei|nahe)\s(?:the\s)?")
_COMMA = re.compile(r",\s")


def _town_after(m: Mention, towns: list[Mention], text: str, facility: bool) -> Mention | None:
    """The confident town named right after a mention by "in"/"near" ("bei"), in the same sentence, or for a
    ``facility`` also by a comma ("the Convention Centre, Dublin"; an organisation's comma is a list: "Acme,
    Berlin")."""
    found = _LOCATED_IN.match(text, m.end) or (facility and _COMMA.match(text, m.end))
    if not found:
        return None
    return next((t for t in towns if t.start == found.end() and t.source != "nested"), None)


def _town_in_region(region: Place, towns: list[Mention], start: int, kb: KnowledgeBase) -> Place | None:
    """The story's town (the nearest before ``start``, else the first) in a first-level region (by its admin1
    code, or within 500 km of a curated region's centre), or None."""
    if region.feature_code != "ADM1":
        return None
    admin1 = _admin1_of(region, kb)
    inside = [t for t in towns if t.place.feature_class == "P" and _in_region(
        t.place.country_code, _admin1_of(t.place, kb), t.place.lat, t.place.lon, region, admin1, within_km=500)]
    before = [t for t in inside if t.end <= start]
    return (before[-1] if before else inside[0]).place if inside else None


def _facilities_to_towns(doc: Document, kb: KnowledgeBase) -> None:
    """A street, school or airport, or a place name the gazetteer cannot know, resolves to its town (the
    town named right after it by "in", else the nearest town named before it, else the document's most
    named town), flagged by a lower score (0.5 when the text says "in <town>", else 0.3). An organisation
    the KB does not know, named "in <town>", is placed there too ("Terra Kulture in Lagos")."""
    towns = [m for m in doc.mentions if m.place is not None and m.place.score >= _MIN_ANCHOR_SCORE
             and (m.place.feature_class == "P" and not m.place.metonym
                  or m.place.feature_class == "S" and m.source != "nested")]  # "West Wing" -> White House
    if not towns:
        return
    nested = [m for m in doc.mentions if m.source == "nested" and m.place is not None]
    counts: dict[int | None, int] = {}
    for m in towns:
        counts[m.place.geonameid] = counts.get(m.place.geonameid, 0) + 1
    main = max(towns, key=lambda m: counts[m.place.geonameid])
    for m in doc.mentions:
        if m.place is not None or m.label in ("DATE", "TIME", "DURATION", "SET"):
            continue
        # a facility by its name, or any place name the gazetteer does not know (a street, a quarter, a
        # village below its size): where the document is
        local = m.label in PLACE_LABELS and m.source in ("ner", None, "road") and m.text[:1].isupper() \
            and (not m.text.isupper() or m.source == "road")
        if m.entity is not None and m.entity.code:  # a known organisation, not a building
            continue
        facility = bool(_FACILITY.search(m.text))
        after = _town_after(m, towns, doc.body, facility) if m.source != "nested" and m.text[:1].isupper() else None
        if after is not None and (local or m.label in ("ORG", "FAC") or facility):
            m.place = after.place.model_copy(update={"score": 0.5})
            continue
        if not (local or facility):
            continue
        inner = [x for x in nested if m.start <= x.start and x.end <= m.end
                 and not (x.place.feature_code or "").startswith("PCL") and x.place.feature_code != "CONT"]
        if inner:  # "Arizona State University": the place its name holds (a country's is too coarse:
            # "Russian Foreign Ministry", "British Embassy Tokyo" are where the document is), or the story's
            # town in that region ("University of Alberta" in a story from Edmonton)
            m.place = (_town_in_region(inner[0].place, towns, m.start, kb) or inner[0].place).model_copy(
                update={"score": 0.3})
            continue
        if not facility and any(m.start <= x.start and x.end <= m.end for x in nested):
            continue  # "Greece Italy", "Air Zimbabwe": the places inside say more than a guessed town
        before = [t for t in towns if t.end <= m.start]
        anchor = before[-1] if before else main
        m.place = anchor.place.model_copy(update={"score": 0.3})


def _relabel_short_forms(doc: Document, kb: KnowledgeBase, lang: str) -> None:
    """A later "Kims" or "Putin" that the NER took for a place or organisation is the person named before."""
    named: set[str] = set()
    for m in sorted(doc.mentions, key=lambda x: x.start):
        if m.label == "PER":
            for r in kb.actors.find_full(m.text):
                if r.kind == "person":
                    named.add(r.kb_id)
            continue
        if m.label not in PLACE_LABELS and m.label not in ("ORG", "MISC", "OTH"):
            continue
        forms = [m.text]
        if lang == "de" and strip_genitive(m.text):
            forms.append(strip_genitive(m.text) or "")
        for form in forms:
            if any(r.kind == "person" and r.kb_id in named for r in kb.actors.find_short(form)):
                m.label = "PER"
                m.place = None
                break


def _link_person(m: Mention, kb: KnowledgeBase, text: str, lang: str, date: str | None,
                 coref: dict[str, ActorRecord]) -> EntityLink | None:
    recs = [r for r in kb.actors.find_full(m.text) if r.kind == "person"]
    if not recs and lang == "de" and strip_genitive(m.text):
        recs = [r for r in kb.actors.find_full(strip_genitive(m.text) or "") if r.kind == "person"]
    if recs:
        rec = recs[0]
        _register(coref, rec, m.text)
        return kb.link_for(rec, date, 1.0)
    # a short form of someone named before ("Kim", "Kims", "Putins")
    key = fold(m.text)
    rec = coref.get(key)
    if rec is None and strip_genitive(m.text):
        rec = coref.get(fold(strip_genitive(m.text) or ""))
    if rec is None and len(m.text.split()) > 1:
        rec = coref.get(fold(m.text.split()[-1]))
    if rec is not None:
        return kb.link_for(rec, date, 0.9)
    # a known short form alone ("Putin" with no full mention), preferring the holder at the date
    cands = [c for c in kb.lookup_actor(m.text, lang, date) if c.kind == "person"]
    if cands and cands[0].score >= 0.5:
        rec = kb.actors.records[cands[0].kb_id]
        _register(coref, rec, m.text)
        return kb.link_for(rec, date, min(0.8, cands[0].score))
    # a known short form out of office at the date, confirmed by the title before it ("President Bush" in a
    # text dated between the two Bush presidencies): the holder of that title closest to the date
    ctx = _context_before(text, m.start)
    link = kb.actor_phrase(ctx, lang, None) if ctx.strip() else None
    titled = _titled_holder(cands, link, kb, date)
    if titled is not None:
        _register(coref, titled, m.text)
        return kb.link_for(titled, date, 0.6)
    # an unknown person: country and sector from the role words before the name
    if ctx.strip():
        if link is not None and link.kind in ("role",) and link.code:
            return EntityLink(kb_id=f"unknown:{fold(m.text)}", identifier_text=m.text, code=link.code,
                              sector=link.sector, kind="person", score=0.5)
    return None


def _titled_holder(cands: list, title: EntityLink | None, kb: KnowledgeBase, date: str | None) -> ActorRecord | None:
    """Among short-form candidates, the one who held the role the title names (at any time), nearest to
    ``date``; None when no title, no such holder, or holders of different countries."""
    if title is None or title.kind != "role" or not title.kb_id or not title.kb_id.startswith("role:") or not cands:
        return None
    role = title.kb_id.split(":", 1)[1]
    wanted = set(kb.actors.implies.get(role, [role]))
    held: list[tuple[float, ActorRecord]] = []
    for c in cands:
        rec = kb.actors.records[c.kb_id]
        spells = [s for s in rec.roles if s.role in wanted and title.code in (None, s.code or rec.code)]
        if spells:
            held.append((min(_years_apart(date, s.start, s.end) for s in spells), rec))
    if not held or len({r.code for _, r in held}) != 1:
        return None
    return min(held, key=lambda x: x[0])[1]


def _years_apart(date: str | None, start: str | None, end: str | None) -> float:
    """How far ``date`` lies outside the spell [start, end), in years (0 inside it or without a date)."""
    if not date:
        return 0.0
    y = int(date[:4])
    lo = int(start[:4]) if start else -10_000
    hi = int(end[:4]) if end else 10_000
    return float(max(0, lo - y, y - hi))


def _link_org(m: Mention, kb: KnowledgeBase, text: str, lang: str, date: str | None,
              coref: dict[str, ActorRecord]) -> EntityLink | None:
    recs = kb.actors.find_full(m.text)
    if not recs and lang == "de" and strip_genitive(m.text):
        recs = kb.actors.find_full(strip_genitive(m.text) or "")
    if recs:
        if recs[0].kind == "person":
            _register(coref, recs[0], m.text)
        return kb.link_for(recs[0], date, 1.0)
    if m.place is not None:
        return kb.place_link(m.place)
    link = kb.actor_phrase(m.text, lang, None)
    if link is not None:
        return link
    return None


def _link_place_actor(m: Mention, kb: KnowledgeBase, lang: str, date: str | None) -> EntityLink | None:
    recs = [r for r in kb.actors.find_full(m.text) if r.kind not in ("person",)]
    if recs and recs[0].kind != "country":
        return kb.link_for(recs[0], date, 0.9)  # "Kreml", "Pentagon" as LOC
    if m.place is not None:
        return kb.place_link(m.place)
    if recs:
        return kb.link_for(recs[0], date, 0.8)
    return None



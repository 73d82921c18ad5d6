"""The ``events`` stage: PLOVER events with actors, recipients, evidence, modality, attribution, date, place.

For each sentence: lexical triggers propose event types (verbs, nouns, multiword expressions, in
German and English); the dependency parse (or, without one, word order) finds actor and recipient,
linked through the knowledge base; the clause gives modality; reporting frames give the attribution
chain; time expressions give the date; place mentions give the location.
"""

from __future__ import annotations

import hashlib
import logging
import re

from eventwire import __version__
from eventwire.coding.attribution import attributions, find_sources, inherit_reported_speech
from eventwire.coding.contexts import detect_contexts
from eventwire.coding.modality import detect_modality
from eventwire.coding.roles import HOST_LEMMAS, Roles, find_roles, modal_request_roles, pick_head
from eventwire.pipeline import Context, register_stage
from eventwire.records import (
    Actor,
    CiteInfo,
    Coder,
    Document,
    Event,
    EventLocation,
    Evidence,
    Mention,
    Sentence,
    Span,
)

__all__ = ["events_stage", "code_document", "event_id"]

log = logging.getLogger(__name__)

_TIME_LABELS = {"DATE", "TIME", "DURATION", "SET"}
_NOT_NP = re.compile(r"[,;:()\"„“”]|\b(?:dass|weil|ob|wenn|that|because|whether|if|und|and|oder|or)\b")


def event_id(doc: Document, start: int, end: int, event: str) -> str:
    """Stable: same document text, trigger span, type and coder version give the same id."""
    key = f"{doc.content_hash or doc.doc_id}:{start}:{end}:{event}:{__version__}"
    return "ev_" + hashlib.sha1(key.encode()).hexdigest()[:16]


# the words between a role noun and a place that the role belongs to ("government of", "Regierung der Provinz")
_OF_PLACE = re.compile(r"\b(?:of|der|des)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.I)


class _Resolver:
    """Turns a character span of the document into an Actor, via linked mentions or the KB."""

    def __init__(self, doc: Document, kb, lang: str):
        self.doc = doc
        self.kb = kb
        self.lang = lang
        self.mentions = sorted(doc.mentions, key=lambda m: m.start)
        self.cache: dict[tuple[int, int], Actor | None] = {}
        # spans of the current sentence's claim sources; checked before the cache, so never cached
        self.blocked: list[tuple[int, int]] = []

    def actor_of_mention(self, m: Mention) -> Actor | None:
        if m.label in ("DATE", "TIME", "DURATION", "SET"):
            return None
        if m.entity is not None and (m.entity.code or m.entity.sector):
            return Actor(entity_text=m.text, code=m.entity.code, sector=m.entity.sector,
                         identifier_id=m.entity.identifier_id, identifier_text=m.entity.identifier_text)
        if m.place is not None and m.place.country_code:
            is_country = m.place.feature_code in ("PCLI", "PCLS", "PCLIX", "PCL", "PCLD", "PCLF", "PCLH", "TERR") or (
                m.label in ("NORP", "MISC"))
            if m.place.metonym or is_country:
                return Actor(entity_text=m.text, code=m.place.country_code,
                             sector="GOV" if m.place.metonym else None)
        return None

    def __call__(self, _text: str, start: int, end: int) -> Actor | None:
        if any(s < end and start < e for s, e in self.blocked):
            return None  # the source of a claim ("meldete Interfax") is not a party to the event
        key = (start, end)
        if key in self.cache:
            return self.cache[key]
        best: Actor | None = None
        inside = [m for m in self.mentions if m.start >= start and m.end <= end and m.label not in ("DATE", "TIME")]
        # Prefer the head-most named actor: people and organisations before places and demonyms.
        rank = {"PER": 0, "ORG": 1, "ROLE": 2, "MISC": 3, "NORP": 3, "LOC": 4, "GPE": 4}
        ordered = sorted(inside, key=lambda m: (rank.get(m.label, 5), m.start))
        pairs = [(m, a) for m, a in ((m, self.actor_of_mention(m)) for m in ordered) if a is not None]
        resolved = [a for _, a in pairs]
        if resolved:
            best = resolved[0]
            if pairs[0][0].label in ("NORP", "MISC") and self._phrase_ok(start, end) \
                    and len(self.doc.body[start:end].split()) <= 6:
                # "die mosambikanische Regierung", not just "mosambikanische"
                best = best.model_copy(update={"entity_text": self.doc.body[start:end]})
        elif self.kb is not None and end - start <= 120 and self._phrase_ok(start, end):
            text = self.doc.body[start:end]
            link = self.kb.actor_phrase(text, self.lang, self.doc.published)
            if link is not None and (link.code or link.sector):
                best = Actor(entity_text=text, code=link.code, sector=link.sector,
                             identifier_id=link.identifier_id, identifier_text=link.identifier_text)
        if best is not None and best.code is None and best.sector:
            best = self._of_place(best, inside, start) or best
        if best is not None and (best.code is None or best.sector is None):
            best = self._complete(best, resolved[1:], end)
        if best is not None and best.sector is None and self.kb is not None and end - start <= 120 \
                and len(self.doc.body[start:end].split()) > 1:
            # "ranghohe ungarische Regierungsvertreter", "Taiwans Außenminister": the role gives the sector
            link = self.kb.actor_phrase(self.doc.body[start:end], self.lang, self.doc.published)
            if link is not None and link.sector and link.code in (None, best.code):
                best = best.model_copy(update={"sector": link.sector})
        self.cache[key] = best
        return best

    def _of_place(self, actor: Actor, inside: list[Mention], start: int) -> Actor | None:
        """A role of a place takes the place's country: "die Regierung der Provinz Sindh", "the mayor of
        Kabul" (not "the ambassador to France", who comes from elsewhere)."""
        for m in inside:
            if m.place is not None and len(m.place.country_code or "") == 3 \
                    and _OF_PLACE.search(self.doc.body[start:m.start]):
                return actor.model_copy(update={"code": m.place.country_code})
        return None

    def _phrase_ok(self, start: int, end: int) -> bool:
        """Only a clean noun phrase goes to the KB: no clause punctuation, no subordinator, no cut
        mention, no time expression ("Donnerstag, dass die Demokratische Volksrepublik" is not one)."""
        text = self.doc.body[start:end]
        if _NOT_NP.search(text):
            return False
        for m in self.mentions:
            if m.end <= start or m.start >= end:
                continue
            if m.label in _TIME_LABELS or m.start < start or m.end > end:
                return False
        return True

    def _complete(self, actor: Actor, others: list[Actor], end: int) -> Actor:
        """A role without a country takes one from its phrase ("der russische Minister") or from a
        place right after it ("die Führung in Pjöngjang"); a country without a sector from its role."""
        code, sector = actor.code, actor.sector
        for other in others:
            code = code or other.code
            sector = sector or (other.sector if other.code in (None, code) else None)
        if code is None:
            after = self.doc.body[end:end + 40]

            m = re.match(r"\s+(?:in|aus|of|from|in the)\s+", after)
            if m:
                for mention in self.mentions:
                    if mention.start == end + m.end() and mention.place is not None:
                        code = mention.place.country_code
                        break
        return actor.model_copy(update={"code": code, "sector": sector})


def _location(doc: Document, sent: Sentence, roles: Roles, trigger: tuple[int, int]) -> EventLocation | None:
    parties = {a.entity_text for a in (*roles.actor, *roles.recipient)}
    places = [
        m for m in doc.mentions
        if m.place is not None and sent.start <= m.start < sent.end and not m.place.metonym
        and m.source != "nested"  # "The Washington Post" says where a paper is, not where things happen
        and m.label not in ("NORP", "MISC", "PER") and m.text not in parties and m.text[:1].isupper()
        and not (m.entity is not None and m.entity.kind == "country" and m.place.name.lower() not in m.text.lower()
                 and m.text.lower().endswith(("e", "en", "er", "es", "an", "ese", "ish")))
        and m.place.lat is not None
    ]
    if places:
        t0 = trigger[0]

        def score(m: Mention) -> tuple:
            before = doc.body[max(sent.start, m.start - 5): m.start].lower()
            prep = any(p in before for p in (" in ", " im ", " at ", " nach ", " bei "))
            country = (m.place.feature_code or "").startswith("PCL")
            return (not prep, country, abs(m.start - t0))

        best = min(places, key=score)
        p = best.place
        return EventLocation(extracted_place=best.text, resolved_place=p.name, geonameid=p.geonameid, lat=p.lat,
                             lon=p.lon, country_code=p.country_code, feature_class=p.feature_class,
                             feature_code=p.feature_code)
    if doc.dateline:
        return EventLocation(extracted_place=doc.dateline)
    return None


def _date(doc: Document, start: int, end: int) -> tuple[str | None, str | None, str | None, bool]:
    try:
        from eventwire.coding.dates import resolve_event_date
    except ImportError:
        return doc.published, doc.published_precision, None, False
    return resolve_event_date(doc, start, end)


def code_document(doc: Document, kb, *, min_confidence: float = 0.3) -> list[Event]:
    """Code one analysed, linked document into events."""
    from eventwire.coding.triggers import find_triggers

    lang = doc.language or "en"
    resolver = _Resolver(doc, kb, lang)
    linker = (lambda text, lg: kb.actor_phrase(text, lg, doc.published)) if kb is not None else None
    cite = CiteInfo(publication=doc.publication, url=doc.url, title=doc.title, language=doc.language,
                    authors=doc.authors, published=doc.published)
    coder = Coder(version=__version__, backend="lexicon+parse")
    events: list[Event] = []
    texts = [doc.body[sent.start:sent.end] for sent in doc.sentences]
    sources = [find_sources(t, lang) for t in texts]
    chains = inherit_reported_speech(texts, lang, [attributions(t, lang, linker, src) for t, src in zip(texts, sources)])
    report_year = int(doc.published[:4]) if doc.published and doc.published[:4].isdigit() else None
    for sent, text, chain, found in zip(map(_basic_deps, doc.sentences), texts, chains, sources):
        resolver.blocked = [(sent.start + src.start, sent.start + src.end) for src in found]
        triggers = _best_per_span(find_triggers(sent.tokens, lang, doc.body))
        times = [(m.start, m.end) for m in doc.mentions if m.label in _TIME_LABELS and sent.start <= m.start < sent.end]
        names = [(m.start, m.end) for m in doc.mentions if m.label in _NAME_LABELS and m.source != "nested"
                 and sent.start <= m.start < sent.end and not (m.entity is not None and m.entity.kind == "role")]
        claim_spans = list(resolver.blocked)
        for trig in triggers:
            # the source of a claim is not a party to it, except of the saying itself ("X warnte", "X forderte")
            resolver.blocked = [(s, e) for s, e in claim_spans if not (s - 40 <= trig.start <= e + 40)]
            if _governed(trig, triggers):
                continue  # "forderte die Freilassung": the release is what was demanded, not an event
            if any(s <= trig.start and trig.end <= e for s, e in times):
                continue  # "während des Kalten Krieges" names an era, not an assault
            if any(s <= trig.start and trig.end <= e and e - s > trig.end - trig.start for s, e in names):
                continue  # "Asia-Pacific Economic Cooperation", "the Gulf War": a word of a name is no event
            roles = None
            if trig.event == "REQUEST":
                roles = modal_request_roles(sent, trig.start, trig.end, lang, resolver)
            if roles is None:
                roles = find_roles(sent, trig.start, trig.end, lang, resolver,
                                   inverse=trig.event == "CONSULT" and _lemma(sent, trig) in HOST_LEMMAS)
            _fill_codes_from_location(roles, doc, sent)
            _ethnic_groups_by_residence(roles, doc, sent)
            _fill_codes_from_context(roles, doc, sent, resolver, trig.event)
            if not roles.actor and (not roles.recipient or getattr(trig, "kind", None) == "noun"):
                continue  # a nominal event without a doer ("der Krieg in der Ukraine") is background, not news
            date, precision, raw, historical = _date(doc, trig.start, trig.end)
            modality, _cues = detect_modality(doc.body, trig.start, trig.end, lang, historical_date=historical,
                                              window=_clause_window(doc.body, sent, trig.start, trig.end),
                                              report_year=report_year)
            if getattr(trig, "negated", False) and modality in ("asserted", "planned"):
                modality = "negated"
            confidence = _confidence(trig.score, roles) * _prominence(sent, trig)
            if confidence < min_confidence:
                continue
            contexts = list(dict.fromkeys([*(trig.context or []), *detect_contexts(text, lang, trig.event)]))
            event = Event(
                id=event_id(doc, trig.start, trig.end, trig.event),
                event=trig.event,
                mode=[trig.mode] if trig.mode else [],
                context=contexts[:3],
                actor=roles.actor,
                recipient=roles.recipient,
                event_loc=_location(doc, sent, roles, (trig.start, trig.end)),
                date=date,
                date_precision=precision,
                date_raw=raw,
                modality=modality,
                attributed_to=chain,
                evidence=[Evidence(doc_id=doc.doc_id, sentence=sent.index, start=sent.start, end=sent.end, text=text,
                                   trigger=Span(start=trig.start, end=trig.end))],
                cite_info=cite,
                confidence=confidence,
                coder=coder,
            )
            _visit_mode(event)
            _add_cameo(event)
            events.append(event)
    return _dedupe(events)


def _lemma(sent: Sentence, trig) -> str:
    for tok in sent.tokens:
        if tok.start >= trig.start and tok.end <= trig.end and tok.pos in ("VERB", None):
            return (tok.lemma or tok.text).lower()
    return trig.text.lower()


def _governed(trig, triggers: list) -> bool:
    """A trigger that is the content of a verbal act in the same sentence ("demanded the release")."""
    entry = getattr(trig, "governed_by", None)
    if not entry:
        return False
    for other in triggers:
        if other is trig or other.lexicon_entry != entry:
            continue
        if getattr(other, "kind", None) == "verb" and not (
                getattr(trig, "kind", None) == "verb" and other.governed_by == trig.lexicon_entry
                and trig.score >= other.score):
            return True
    return False


def _best_per_span(triggers: list) -> list:
    """One reading per trigger span: the lexicon's strongest (ties: the first entry)."""
    best: dict[tuple[int, int], object] = {}
    for trig in triggers:
        key = (trig.start, trig.end)
        if key not in best or trig.score > best[key].score:
            best[key] = trig
    return list(best.values())


def _clause_window(body: str, sent: Sentence, start: int, end: int) -> tuple[int, int]:
    from eventwire.coding.modality import clause_bounds

    lo, hi = clause_bounds(body[sent.start:sent.end], start - sent.start, end - sent.start)
    return sent.start + lo, sent.start + hi


# A trigger under one of these relations is background to the sentence's own news: a relative
# clause ("whom they had taken hostage"), an adverbial clause or an oblique / nominal modifier
# ("after bloody tribal clashes", "suspected of blowing up a plane").
_BACKGROUND_DEPS = frozenset({"acl", "acl:relcl", "relcl", "advcl", "obl", "nmod", "nmod:poss"})
BACKGROUND_FACTOR = 0.8
_SUBORDINATORS = frozenset({"nachdem", "weil", "als", "während", "obwohl", "bevor", "seit", "seitdem", "sobald",
                            "after", "because", "since", "while", "although", "before", "when", "whereas"})


# UD English 2.14+ subtypes (EWT, GUM) that the role and prominence rules read as their basic relation
_BASIC_DEP = {"advcl:relcl": "acl:relcl", "nsubj:outer": "nsubj", "obl:unmarked": "obl", "obl:tmod": "obl",
              "obl:npmod": "obl", "nmod:unmarked": "nmod", "nmod:tmod": "nmod", "nmod:npmod": "nmod",
              "nmod:desc": "compound"}


def _basic_deps(sent: Sentence) -> Sentence:
    """The sentence with newer dependency subtypes mapped to the relations the coder's rules know ("advcl:relcl"
    is a relative clause, "nmod:desc" a title before a name); the sentence itself when none occurs."""
    if not any(t.dep in _BASIC_DEP for t in sent.tokens):
        return sent
    tokens = [t.model_copy(update={"dep": _BASIC_DEP[t.dep]}) if t.dep in _BASIC_DEP else t for t in sent.tokens]
    return sent.model_copy(update={"tokens": tokens})


def _prominence(sent: Sentence, trig) -> float:
    """1.0 for a trigger in the sentence's main predication (or a complement of it); lower for one
    embedded as background, so that the event the sentence reports ranks above what it mentions."""
    tokens = sent.tokens
    inside = [i for i, t in enumerate(tokens) if t.start >= trig.start and t.end <= trig.end]
    if not inside or any(t.head is None for t in tokens):
        return 1.0
    i, seen = pick_head(tokens, inside), set()
    if _finite_read_as_adjective(tokens, i):
        return 1.0
    while tokens[i].head is not None and tokens[i].head != i and i not in seen:
        seen.add(i)
        if (tokens[i].dep or "") in _BACKGROUND_DEPS:
            return BACKGROUND_FACTOR
        i = tokens[i].head
    # the parse may miss it; a clause opened by a subordinator is background all the same
    # ("..., einen Tag nachdem ein Kampfjet einen Hubschrauber abgeschossen hatte")
    k = inside[0] - 1
    while k >= 0 and tokens[k].text not in (",", ";", ":", "(", "–", "—"):
        k -= 1
    opener = [t.text.lower() for t in tokens[k + 1:inside[0]][:4]]
    if any(w in _SUBORDINATORS for w in opener):
        return BACKGROUND_FACTOR
    return 1.0


def _finite_read_as_adjective(tokens, i: int) -> bool:
    """"Supporters of Ben Bella blocked roads", "Indonesia staged mass demonstrations": a verb the parser
    made an adjective of the noun after it, though a name or noun ends the phrase before it, is the
    clause's finite verb ("the blocked roads" has a determiner before the participle)."""
    t = tokens[i]
    return (t.pos == "VERB" and (t.dep or "") == "amod" and i > 0 and tokens[i - 1].pos in ("NOUN", "PROPN")
            and t.head is not None and t.head > i)


def _confidence(trigger_score: float, roles: Roles) -> float:
    """The lexical evidence dominates; found parties and a parse-based reading add to it."""
    args = 0.7 + (0.15 if roles.actor else 0.0) + (0.1 if roles.recipient else 0.0)
    method = 1.0 if roles.method == "parse" else 0.95
    return round(min(1.0, trigger_score * args * method), 3)


_COORDINATION = re.compile(r"\s*(?:,|,?\s*(?:and|or|und|oder|sowie|as well as))\s*", re.I)
# People known by what they are, not whom they belong to: demonstrators, residents, workers, students ...
_LOCAL_SECTORS = frozenset({"CVL", "OPP", "LAB", "EDU", "REF", "BUS", "MED", "REL", "HLH", "AGR"})


def _sentence_places(doc: Document, sent: Sentence, labels: tuple[str, ...] = ("LOC", "GPE")) -> list[Mention]:
    """The sentence's place mentions that carry a country (places inside names left out)."""
    return [m for m in doc.mentions if sent.start <= m.start < sent.end and m.place is not None
            and m.place.country_code and m.label in labels and m.source != "nested"]


_LOCATED_BEFORE = re.compile(r"\b(?:in|im|at|across|throughout|near|bei|nahe)\s+(?:the\s+|der\s+|dem\s+)?$", re.I)


def _fill_codes_from_location(roles: Roles, doc: Document, sent: Sentence) -> None:
    """"Demonstrators in Baghdad", "people blocked streets in Hong Kong": civilians, workers, protesters
    without a country are of the country where they are: a place named in their own phrase, else the
    place the sentence puts the event in (a town's country, not a country named as a party)."""
    missing = [(side, i) for side in (roles.actor, roles.recipient) for i, a in enumerate(side)
               if a.code is None and a.sector in _LOCAL_SECTORS]
    if not missing:
        return
    spans = roles.actor_spans + roles.recipient_spans
    places = [m for m in _sentence_places(doc, sent, ("LOC", "GPE", "FAC")) if not m.place.metonym]
    inside = [m for m in places if any(s <= m.start and m.end <= e for s, e in spans)]
    located = [m for m in places if _LOCATED_BEFORE.search(doc.body[max(sent.start, m.start - 12):m.start])]
    codes = {m.place.country_code for m in (inside or located)}
    if len(codes) != 1:
        return
    (code,) = codes
    for side, i in missing:
        side[i] = side[i].model_copy(update={"code": code})


_ETHNIC = re.compile(r"\b(?:ethnic|ethnisch\w*|volksgruppe\w*|minderheit\w*|minority)\b", re.I)


def _ethnic_groups_by_residence(roles: Roles, doc: Document, sent: Sentence) -> None:
    """CAMEO/PLOVER code an ethnic group by the country it lives in: "ethnic Albanians in south Serbia"
    are SRB, not ALB. Applies when the sentence places the event or the group in exactly one other country."""
    here = {m.place.country_code for m in _sentence_places(doc, sent)}
    for side, spans in ((roles.actor, roles.actor_spans), (roles.recipient, roles.recipient_spans)):
        for i, (a, (start, end)) in enumerate(zip(side, spans)):
            if not a.code or not _ETHNIC.search(doc.body[start:end]):
                continue
            codes = here - {a.code}
            if len(codes) == 1:
                side[i] = a.model_copy(update={"code": next(iter(codes))})


_NAME_LABELS = {"PER", "ORG", "LOC", "GPE", "MISC", "FAC", "NORP"}

# non-state sectors whose unknown members belong to the one country a sentence names, even the other party's
_DOMESTIC_SECTORS = {"REB", "INS", "CVL", "OPP", "PTY", "LAB", "EDU", "REL", "BUS", "CRM", "HLH"}


def _fill_codes_from_context(roles: Roles, doc: Document, sent: Sentence, resolver: "_Resolver",
                             event: str | None = None) -> None:
    """A party known only by role ("Präsident Museveni", unknown to the KB) takes the country the sentence
    names, when it names exactly one country that is not the other party's."""
    missing = [a for a in (*roles.actor, *roles.recipient) if a.code is None and a.sector]
    if not missing:
        return
    known = {a.code for a in (*roles.actor, *roles.recipient) if a.code}
    found: dict[str, list[Mention]] = {}
    blocked_starts = {s for s, _ in resolver.blocked}
    for m in doc.mentions:
        if not (sent.start <= m.start < sent.end) or m.start in blocked_starts:
            continue
        actor = resolver.actor_of_mention(m)
        if actor is not None and actor.code and len(actor.code) == 3 and actor.code not in ("IGO", "NGO", "IMG"):
            found.setdefault(actor.code, []).append(m)
    known_ms = [m for c in known for m in found.get(c, [])]

    def listed_with_known(m: Mention) -> bool:  # "aid for Romania and Poland": Poland is a party's fellow
        for k in known_ms:
            a, b = (k, m) if k.end <= m.start else (m, k)
            if _COORDINATION.fullmatch(doc.body[a.end:b.start]):
                return True
        return False

    candidates = {c for c, ms in found.items() if c not in known and not all(listed_with_known(m) for m in ms)}
    if not candidates and len(found) == 1 and (event != "CONSULT" or all(a.sector in _DOMESTIC_SECTORS
                                                                          for a in missing)):
        # a sentence that names one country is about that country, even where the other party holds it:
        # "Islamic fundamentalists demand the resignation of Algerian President Ben Bella", "Vice-President
        # Awori declined to resign despite pressure by the Kenya Anti-Corruption Commission"; not for a
        # meeting, where an unnamed visitor comes from elsewhere ("President X arrived in Moscow")
        candidates = set(found)
    if not found:
        # no country named at all: the country of the towns the sentence names ("President Gbagbo will
        # extend the curfew in Abidjan")
        candidates = {m.place.country_code for m in _sentence_places(doc, sent) if len(m.place.country_code) == 3} - known
    if len(candidates) != 1:
        return
    (code,) = candidates
    for side in (roles.actor, roles.recipient):
        for i, a in enumerate(side):
            if a.code is None and a.sector:
                side[i] = a.model_copy(update={"code": code})


def _visit_mode(event: Event) -> None:
    """PLOVER's visit mode: a CONSULT where the actor meets the recipient on the recipient's ground; a
    visit with no named host has the visited country as recipient ("Putin arrived in North Korea")."""
    if event.event != "CONSULT" or event.event_loc is None or not event.event_loc.country_code:
        return
    here = event.event_loc.country_code
    if event.mode == ["visit"] and not event.recipient and event.actor and here not in {a.code for a in event.actor}:
        loc = event.event_loc
        event.recipient = [Actor(entity_text=loc.extracted_place, code=here)]
        return
    if event.mode:
        return
    actors = {a.code for a in event.actor if a.code}
    hosts = {a.code for a in event.recipient if a.code}
    if actors and here not in actors and here in hosts:
        event.mode = ["visit"]


def _add_cameo(event: Event) -> None:
    try:
        from eventwire.coding.cameo import to_cameo
    except ImportError:
        return
    root, quad = to_cameo(event.event, event.mode[0] if event.mode else None)
    event.cameo_root, event.quad_class = root, quad


def _codes(actors: list[Actor]) -> tuple:
    return tuple(sorted((a.code or a.entity_text) for a in actors))


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per sentence, type and actor/recipient pair: the most confident trigger wins."""
    best: dict[tuple, Event] = {}
    for ev in events:
        key = (ev.evidence[0].sentence, ev.event)
        old = best.get(key)
        if old is None or (len(ev.actor) + len(ev.recipient) > 0 and ev.confidence > old.confidence):
            if old is not None and old.mode and not ev.mode:
                ev.mode = old.mode
            best[key] = ev
        elif ev.mode and not old.mode:
            old.mode = ev.mode
    return sorted(best.values(), key=lambda e: (e.evidence[0].start, e.evidence[0].trigger.start))


@register_stage("events")
def events_stage(docs: list[Document], ctx: Context) -> list[Document]:
    """PLOVER events with actors, recipients, evidence, modality, attribution, date and location."""
    from eventwire.kb.stage import knowledge_base

    kb = knowledge_base(ctx)
    for doc in docs:
        doc.events = code_document(doc, kb, min_confidence=ctx.config.events.min_confidence)
    return docs

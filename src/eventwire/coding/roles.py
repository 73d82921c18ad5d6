"""Actor and recipient of an event from the sentence's dependency parse, with a word-order fallback.

PLOVER's conventions: the one who acts is the actor (the visitor, the supplier, the attacker); the
one acted upon is the recipient (the host, the receiver, the target). Compound actors are kept as
lists. Receiving verbs ("erhalten", "receive") invert the roles: the giver is the actor.
"""

from __future__ import annotations

import contextlib

from collections.abc import Callable
from dataclasses import dataclass, field

from eventwire.records import Actor, EntityLink, Mention, Sentence, Token

__all__ = ["ArgumentSpan", "Roles", "find_roles", "modal_request_roles", "RECEIVE_LEMMAS", "HOST_LEMMAS"]

RECEIVE_LEMMAS = {
    "erhalten", "bekommen", "empfangen", "beziehen", "kaufen", "importieren", "receive", "get", "obtain", "buy",
    "import", "acquire", "accept",
}
# Hosting a visit: the guest is the actor, the host the recipient ("Erdogan empfing Selenskyj").
HOST_LEMMAS = {"empfangen", "begrüßen", "bewirten", "ausrichten", "host", "welcome", "greet", "receive"}
# Prepositions that introduce the counterpart of an interaction (recipient) or the giver (source).
_RECIPIENT_CASES = {
    "de": {"mit", "an", "gegen", "für", "zu", "zwischen", "nach", "auf", "bei", "gegenüber", "vor"},
    "en": {"with", "to", "against", "for", "between", "on", "at", "toward", "towards", "into"},
}
_SOURCE_CASES = {"de": {"von", "aus", "vom"}, "en": {"from", "by"}}
_PLACE_CASES = {"in", "im", "nach", "at", "near", "inside", "across", "throughout", "durch", "über", "unweit", "nahe"}
# passive verbs whose subject does the event noun they govern ("forces were engaged in ethnic cleansing",
# "was involved in the attack", "were accused of the killing"); not "was killed in the attack"
_PARTICIPATION = {"engage", "involve", "implicate", "accuse", "charge", "blame", "suspect", "convict",
                  "beteiligen", "verwickeln", "beschuldigen", "verdächtigen", "anklagen", "verurteilen"}
_SUBJ = {"nsubj", "nsubj:pass", "csubj", "sb", "expl"}
_OBJ = {"obj", "iobj", "dobj", "dative", "oa", "da", "obl", "obl:arg", "nmod", "pobj", "dat", "obl:agent", "agent"}
_NOMINAL_ARGS = {"nmod", "nmod:poss", "poss", "ag", "pg", "nk", "compound", "amod", "obl", "case"}

Resolver = Callable[[str, int, int], "Actor | None"]


@dataclass
class ArgumentSpan:
    start: int
    end: int
    text: str
    actors: list[Actor]


@dataclass
class Roles:
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    actor_spans: list[tuple[int, int]] = field(default_factory=list)
    recipient_spans: list[tuple[int, int]] = field(default_factory=list)
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    method: str = "none"


def _children(tokens: list[Token]) -> list[list[int]]:
    kids: list[list[int]] = [[] for _ in tokens]
    for i, tok in enumerate(tokens):
        if tok.head is not None and tok.head != i and 0 <= tok.head < len(tokens):
            kids[tok.head].append(i)
    return kids


def _subtree(i: int, kids: list[list[int]], stop_deps: set[str], tokens: list[Token]) -> list[int]:
    out = [i]
    stack = [i]
    while stack:
        j = stack.pop()
        for k in kids[j]:
            if (tokens[k].dep or "") in stop_deps:
                continue
            out.append(k)
            stack.append(k)
    return sorted(out)


_STOP_SUBTREE = {"acl", "acl:relcl", "relcl", "advcl", "ccomp", "parataxis", "punct", "rc", "re", "cc",
                 "conj", "cj", "cd"}
# A nominal event inherits the subject of the verb it depends on only in these frames:
# "führte Gespräche" (object), "reiste zu Gesprächen" (purpose), not "lieferte für seinen Krieg".
_INHERIT_CASES = {None, "zu", "zum", "zur", "to", "for", "in", "into"}


def _case_of(i: int, kids: list[list[int]], tokens: list[Token]) -> str | None:
    for k in kids[i]:
        if (tokens[k].dep or "") in ("case", "mark") or (tokens[k].pos == "ADP" and k < i):
            return tokens[k].text.lower()
    return None


def _conjuncts(i: int, kids: list[list[int]], tokens: list[Token]) -> list[int]:
    out = [i]
    for k in kids[i]:
        if (tokens[k].dep or "") in ("conj", "cj"):
            out.extend(_conjuncts(k, kids, tokens))
    return out


def _arg_actors(idx: int, kids, tokens, resolve: Resolver, case: str | None) -> ArgumentSpan | None:
    found: list[Actor] = []
    spans = []
    for j in _conjuncts(idx, kids, tokens):
        sub = _subtree(j, kids, _STOP_SUBTREE, tokens)
        while sub and (tokens[sub[0]].dep or "") in ("case", "mark", "cc"):
            sub = sub[1:]  # "mit Putin": the preposition is not part of the actor
        if not sub:
            continue
        start, end = tokens[sub[0]].start, tokens[sub[-1]].end
        actor = resolve("", start, end)
        if actor is not None:
            found.append(actor)
            spans.append((start, end))
    if not found:
        return None
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    return ArgumentSpan(start=start, end=end, text="", actors=found)


def find_roles(
    sentence: Sentence,
    trigger_start: int,
    trigger_end: int,
    lang: str,
    resolve: Resolver,
    *,
    inverse: bool = False,
) -> Roles:
    """Actor and recipient for the trigger at [trigger_start, trigger_end) in ``sentence``.

    ``resolve(text, start, end)`` turns a character span of the document into an Actor (or None).
    """
    tokens = sentence.tokens
    if not tokens:
        return Roles()
    trig = [i for i, t in enumerate(tokens) if t.start < trigger_end and t.end > trigger_start]
    if not trig:
        return Roles()
    parsed = any(t.dep for t in tokens)
    roles = _from_parse(tokens, trig, lang, resolve) if parsed else Roles()
    scope = tokens
    if parsed:
        head = pick_head(tokens, trig)
        if tokens[head].pos in ("NOUN", "PROPN") and not any(tokens[i].pos == "VERB" for i in trig):
            # a nominal event's fallback arguments come from its own noun phrase only (not a verb phrase
            # the parser hung under its noun: "Clinton has imposed sanctions" with "imposed" as an adjective)
            kids = _children(tokens)
            keep = set(_subtree(head, kids, _STOP_SUBTREE, tokens))
            scope = [t if i in keep else t.model_copy(update={"text": ""}) for i, t in enumerate(tokens)]
    if not roles.actor and not roles.recipient:
        roles = _from_order(scope, trig, lang, resolve)
        if not roles.actor and scope is not tokens and _after_light_verb(tokens, trig):
            # "Studenten veranstalteten Massendemonstrationen", "rebels staged an attack": the doer of
            # the verb that stages the event, even where the parse hangs the noun elsewhere
            clause = _from_order(tokens, trig, lang, resolve)
            roles.actor, roles.actor_spans = clause.actor, clause.actor_spans
    elif not roles.actor or not roles.recipient:
        order = _from_order(scope, trig, lang, resolve,
                            taken=[*roles.actor_spans, *roles.recipient_spans])
        if not roles.actor and order.actor:
            roles.actor, roles.actor_spans = order.actor, order.actor_spans
        if not roles.recipient and order.recipient:
            roles.recipient, roles.recipient_spans = order.recipient, order.recipient_spans
    speaker = _pronoun_speaker(tokens, trig, lang, resolve) or _infinitive_controller(tokens, trig, lang, resolve)
    if speaker is not None:
        roles.actor, roles.actor_spans = [speaker[0]], [speaker[1]]
        roles.recipient = [a for a, sp in zip(roles.recipient, roles.recipient_spans) if sp != speaker[1]]
        roles.recipient_spans = [sp for sp in roles.recipient_spans if sp != speaker[1]]
    lemma = " ".join((tokens[i].lemma or tokens[i].text).lower() for i in trig)
    if inverse or any(w in RECEIVE_LEMMAS for w in lemma.split()):
        _invert(roles)
    _dedupe(roles)
    return roles


_LIGHT_VERBS = {"veranstalten", "abhalten", "organisieren", "starten", "beginnen", "führen", "durchführen",
                "unternehmen", "verüben", "stage", "hold", "organize", "organise", "launch", "begin", "start",
                "conduct", "carry", "mount", "make"}


def _after_light_verb(tokens: list[Token], trig: list[int]) -> bool:
    """A verb that stages an event ("veranstalten", "hold", "launch") in the trigger's clause: before it, or
    after it at the end of a German clause ("hat seine Invasion des Südlibanon gestartet")."""
    def light(k: int) -> bool:
        return tokens[k].pos in ("VERB", "AUX") and (tokens[k].lemma or tokens[k].text).lower() in _LIGHT_VERBS

    k = trig[0] - 1
    while k >= 0 and tokens[k].text not in _CLAUSE_BREAKS:
        if light(k):
            return True
        k -= 1
    k = trig[-1] + 1
    while k < len(tokens) and tokens[k].text not in _CLAUSE_BREAKS:
        if light(k) and (k + 1 == len(tokens) or tokens[k + 1].text in _CLAUSE_BREAKS):
            return True  # clause-final: the German verb bracket closes with the staging verb
        k += 1
    return False


_CLAUSE_BREAKS = {",", ";", ":", ".", "–", "—", "!", "?"}


_PRONOUNS = {"sie", "er", "es", "wir", "they", "he", "she", "it", "we"}
_PASSIVE_AUX = {"was", "were", "been", "being", "be", "is", "are", "wurde", "wurden", "worden", "werde", "werden",
                "wird", "sei", "seien"}


@contextlib.contextmanager
def _unblocked(resolve: Resolver):
    """Let the resolver see the sentence's claim sources for a moment (see the events stage's resolver)."""
    blocked = getattr(resolve, "blocked", None)
    if blocked is not None:
        resolve.blocked = []  # type: ignore[attr-defined]
    try:
        yield
    finally:
        if blocked is not None:
            resolve.blocked = blocked  # type: ignore[attr-defined]


_SPEECH_LEMMAS = {"sagen", "erklären", "verkünden", "mitteilen", "betonen", "ankündigen", "bekräftigen",
                  "versichern", "bestätigen", "behaupten", "say", "announce", "declare", "state", "tell",
                  "insist", "claim", "confirm", "add", "stress", "affirm", "assert"}


def _infinitive_controller(tokens: list[Token], trig: list[int], lang: str, resolve: Resolver):
    """"Nordkorea hat versucht, sich in die Computer ... einzuhacken": a German zu-infinitive after a comma
    is done by the subject of the clause before it (the verb there controls it). Returns (actor, span)."""
    i = trig[0]
    if lang != "de" or not ("IZU" in (tokens[i].tag or "") or (i > 0 and tokens[i - 1].text.lower() == "zu")):
        return None
    comma = max((k for k in range(i) if tokens[k].text == ","), default=None)
    if comma is None or comma == 0 or any(t.text == "," for t in tokens[:comma]):
        return None  # only "<subject> <verb> ..., ... zu <verb>" with one clause before
    return _subject_before(tokens, comma, lang, resolve)


def _subject_before(tokens: list[Token], comma: int, lang: str, resolve: Resolver):
    """(actor, span) of the subject of the clause that ends at ``comma``, by word order; else None."""
    order = _from_order(tokens[:comma + 1], [comma], lang, resolve)
    return (order.actor[0], order.actor_spans[0]) if order.actor else None


def _pronoun_speaker(tokens: list[Token], trig: list[int], lang: str, resolve: Resolver):
    """"Die Schweiz erklärte, sie habe zwei Diplomaten ausgewiesen", "Palestinian leaders said they would
    boycott ...": a pronoun that is the subject of the reported clause is the speaker. Returns the speaker
    (actor, span) when the trigger stands in such a clause, else None."""
    if not any(tokens[i].pos in ("VERB", "AUX") for i in trig):
        return None  # a nominal event is not the speaker's own act ("man beobachte die Zusammenarbeit")
    comma = next((i for i, t in enumerate(tokens) if t.text in (",", ":")), None)
    if comma is None or comma >= trig[0] or comma == 0:
        k = next((i for i in range(1, min(len(tokens), trig[0])) if tokens[i].text.lower() in ("that", "dass")
                  and i < trig[0]), None)
        if k is None and lang == "en":  # "NATO confirmed on Wednesday it would tighten ..."
            k = next((i for i in range(2, trig[0]) if tokens[i].text.lower() in _PRONOUNS
                      and any((t.lemma or t.text).lower() in _SPEECH_LEMMAS for t in tokens[max(0, i - 5):i])), None)
            k = k - 1 if k is not None else None
        if lang != "en" or k is None:
            return None
        comma = k  # English: "said they would", "said that they would" without a comma
    k = comma + 1
    if k < len(tokens) and tokens[k].text.lower() in ("dass", "that"):
        k += 1
    if k >= min(len(tokens), trig[0]) or tokens[k].text.lower() not in _PRONOUNS:
        return None
    if any(t.text in (",", ";") for t in tokens[k:trig[0]]) and lang == "en":
        return None
    verb = tokens[trig[-1]]
    participle = (verb.tag or "") in ("VBN", "VVPP") or (lang == "en" and verb.text.lower().endswith("ed"))
    if participle and any(t.text.lower() in _PASSIVE_AUX for t in tokens[k + 1:trig[-1] + 3]):
        return None  # "the UN said they were attacked": the pronoun is who suffered it, not who did it
    if not {(t.lemma or t.text).lower() for t in tokens[:comma + 1]} & _SPEECH_LEMMAS:
        return None
    # the speaker is blocked as the source of the claim; here the claim is about the speaker's own act
    with _unblocked(resolve):
        return _subject_before(tokens, comma, lang, resolve)


_MODALS = {"must", "should", "müsse", "müssten", "müssen", "solle", "sollten", "sollen", "habe", "hätten"}


def modal_request_roles(sentence: Sentence, trigger_start: int, trigger_end: int, lang: str,
                        resolve: Resolver) -> Roles | None:
    """"Washington declared that China must drop barriers": the speaker asks (actor), the subject of the
    modal clause is asked (recipient). None when the trigger is not such a modal or the parse lacks it."""
    tokens = sentence.tokens
    trig = [i for i, t in enumerate(tokens) if t.start < trigger_end and t.end > trigger_start]
    if len(trig) != 1 or tokens[trig[0]].text.lower() not in _MODALS or not any(t.dep for t in tokens):
        return None
    kids = _children(tokens)
    verb = tokens[trig[0]].head
    if verb is None or verb == trig[0]:
        return None
    roles = Roles(method="parse")
    for k in kids[verb]:
        if (tokens[k].dep or "") in _SUBJ:
            arg = _arg_actors(k, kids, tokens, resolve, None)
            if arg:
                roles.recipient.extend(arg.actors)
                roles.recipient_spans.append((arg.start, arg.end))
            break
    speech = tokens[verb].head
    if speech is not None and speech != verb:
        for k in kids[speech]:
            if (tokens[k].dep or "") in _SUBJ and k != verb:
                with _unblocked(resolve):  # the one who says "X must" is the one asking, not a mere source
                    arg = _arg_actors(k, kids, tokens, resolve, None)
                if arg:
                    roles.actor.extend(arg.actors)
                    roles.actor_spans.append((arg.start, arg.end))
                break
    return roles if (roles.actor or roles.recipient) else None


def _invert(roles: Roles) -> None:
    """Receiving: the subject is the recipient; the giver ("von Russland", "from Russia") is the actor."""
    givers = [(a, sp) for a, sp in zip(roles.actor, roles.actor_spans or [None] * len(roles.actor))
              if sp in roles.source_spans]
    takers = [(a, sp) for a, sp in zip(roles.actor, roles.actor_spans or [None] * len(roles.actor))
              if sp not in roles.source_spans]
    if givers:
        roles.actor = [a for a, _ in givers]
        roles.actor_spans = [sp for _, sp in givers]
        roles.recipient = [a for a, _ in takers] + roles.recipient
        roles.recipient_spans = [sp for _, sp in takers] + roles.recipient_spans
    else:
        roles.actor, roles.recipient = roles.recipient, roles.actor
        roles.actor_spans, roles.recipient_spans = roles.recipient_spans, roles.actor_spans


def pick_head(tokens: list[Token], trig: list[int]) -> int:
    """The syntactic head of a multiword trigger ("humanitäre Hilfe" -> Hilfe)."""
    inside = set(trig)
    heads = [i for i in trig if tokens[i].head is None or tokens[i].head == i or tokens[i].head not in inside]
    for pos in (("VERB",), ("NOUN",), ("PROPN", "ADJ", "AUX")):
        for i in heads or trig:
            if tokens[i].pos in pos:
                return i
    return (heads or trig)[-1]


def _from_parse(tokens: list[Token], trig: list[int], lang: str, resolve: Resolver) -> Roles:
    kids = _children(tokens)
    head = pick_head(tokens, trig)
    roles = Roles(method="parse")
    nominal = tokens[head].pos in ("NOUN", "PROPN")
    # Verbs in a chain (auxiliaries, xcomp, conj) share their subject: climb to find it.
    anchors = [head]
    cur = head
    if nominal and (tokens[head].dep or "") in ("obj", "obl", "nmod", "oa", "op", "mo") \
            and _case_of(head, kids, tokens) in _INHERIT_CASES and tokens[head].head not in (None, head):
        anchors.append(tokens[head].head)
    for _ in range(3):
        parent = tokens[cur].head
        if parent is None or parent == cur or (tokens[cur].dep or "") not in ("xcomp", "conj", "aux", "oc", "cj",
                                                                                 "ccomp", "advcl"):
            break
        anchors.append(parent)
        cur = parent
    direct: list[tuple[Actor, tuple[int, int]]] = []   # objects without a preposition
    oblique: list[tuple[Actor, tuple[int, int]]] = []  # "mit Putin", "für Nordkorea", "against Ukraine"
    recip_cases = _RECIPIENT_CASES.get(lang, set()) | _SOURCE_CASES.get(lang, set())  # "forderte von Moskau"
    src_cases = _SOURCE_CASES.get(lang, set())
    receiving = (tokens[head].lemma or "").lower() in RECEIVE_LEMMAS
    # "Nordkorea von Russland": parsers often hang the giver under the subject; lift it to the verb.
    for k in list(kids[head]):
        for c in list(kids[k]):
            if (tokens[c].dep or "") in ("nmod", "obl") and _case_of(c, kids, tokens) in src_cases and not nominal:
                kids[k].remove(c)
                kids[head].append(c)
                tokens = list(tokens)
                tokens[c] = tokens[c].model_copy(update={"dep": "obl", "head": head})
    for anchor_i, anchor in enumerate(anchors):
        for k in kids[anchor]:
            if k in trig:
                continue
            dep = tokens[k].dep or ""
            case = _case_of(k, kids, tokens)
            if dep in _SUBJ and case is None:
                arg = _arg_actors(k, kids, tokens, resolve, case)
                if not arg:
                    continue
                pairs = [(a, (arg.start, arg.end)) for a in arg.actors]
                if dep == "nsubj:pass" and not (anchor_i > 0 and nominal and tokens[anchor].lemma in _PARTICIPATION):
                    direct.extend(pairs)
                elif not roles.actor:
                    roles.actor.extend(arg.actors)
                    roles.actor_spans.extend(sp for _, sp in pairs)
                elif anchor_i == 0 and not nominal:
                    direct.extend(pairs)  # a second "subject" is a mislabelled dative object
                continue
            if anchor_i > 0:
                continue
            if dep in _OBJ or (nominal and dep in _NOMINAL_ARGS) or dep in ("appos", "flat"):
                arg = _arg_actors(k, kids, tokens, resolve, case)
                if not arg:
                    continue
                pairs = [(a, (arg.start, arg.end)) for a in arg.actors]
                if case in src_cases and dep in ("obl:agent", "agent", "obl", "nmod") \
                        and (nominal or receiving or _passive(anchor, kids, tokens)):
                    # passive agent or "von Russland": the giver / doer
                    roles.actor.extend(arg.actors)
                    roles.actor_spans.extend(sp for _, sp in pairs)
                    roles.source_spans.append((arg.start, arg.end))
                elif nominal and case is None and dep in ("nmod", "nmod:poss", "poss", "ag", "compound", "amod",
                                                          "appos", "flat") and not roles.actor:
                    # "Treffen Kims", "Russia's aid", "US sanctions": the doer of a nominal event
                    roles.actor.extend(arg.actors)
                    roles.actor_spans.extend(sp for _, sp in pairs)
                elif case in ("zwischen", "between"):
                    if not roles.actor:
                        roles.actor.append(arg.actors[0])
                        roles.actor_spans.append((arg.start, arg.end))
                        oblique.extend(pairs[1:])
                    else:
                        oblique.extend(pairs)
                elif case is None and not nominal:
                    direct.extend(pairs)
                elif case in recip_cases:
                    oblique.extend(pairs)
                # other prepositions ("in Russland", "nach Moskau") give places, not recipients
    chosen = direct or oblique
    roles.recipient.extend(a for a, _ in chosen)
    roles.recipient_spans.extend(sp for _, sp in chosen)
    return roles


def _passive(head: int, kids: dict[int, list[int]], tokens: list[Token]) -> bool:
    """A passive clause: a passive auxiliary or subject under ``head`` ("wurde von Russland geliefert")."""
    return any((tokens[k].dep or "") in ("aux:pass", "nsubj:pass", "csubj:pass") for k in kids[head])


def _from_order(tokens: list[Token], trig: list[int], lang: str, resolve: Resolver,
                taken: list[tuple[int, int]] = ()) -> Roles:
    """Without a usable parse: the nearest actor before the trigger acts on the nearest one after it."""
    roles = Roles(method="order")
    t0, t1 = tokens[trig[0]].start, tokens[trig[-1]].end
    candidates: list[tuple[int, int, Actor, str | None]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].text or tokens[i].pos in _NOT_NP_START:
            i += 1
            continue
        best = None
        for j in range(i + 1, min(len(tokens), i + 6) + 1):
            start, end = tokens[i].start, tokens[j - 1].end
            if not tokens[j - 1].text or any(s < end and start < e for s, e in taken) or (start < t1 and t0 < end):
                break
            if j - 1 > i and tokens[j - 1].pos in _NOT_IN_NP:
                break  # a noun phrase does not run on into a verb or a clause
            actor = resolve("", start, end)
            nxt = resolve("", tokens[j - 1].start, tokens[j - 1].end) if best is not None else None
            if nxt is not None:
                # the next word names an actor of its own, unless it is a role of the same country or
                # body: "Israeli troops", "a Russian official", "European Community foreign ministers"
                prev = best[2]
                same_body = (actor is not None and prev.code and actor.code == prev.code and nxt.code is None
                             and actor.sector is not None)
                if not (same_body or _refines(prev, actor)):  # or a title before a name: "Präsident Putin"
                    break
                best = (start, end, actor, j)
                continue
            if actor is None:
                continue
            if best is None or _key(actor) == _key(best[2]) or _refines(best[2], actor):
                best = (start, end, actor, j)  # shortest span first, extended while it names the same actor
            else:
                break
        if best:
            prev = _prep_before(tokens, i, lang)
            candidates.append((best[0], best[1], best[2], prev))
            i = best[3]
        else:
            i += 1
    src = _SOURCE_CASES.get(lang, set())
    preps = _RECIPIENT_CASES.get(lang, set()) | src | _PLACE_CASES
    candidates = [c for c in candidates if c[3] not in _PLACE_CASES]  # "in der Ukraine" is where, not whom
    before = [c for c in candidates if c[1] <= t0]
    after = [c for c in candidates if c[0] >= t1]
    sources = [c for c in candidates if c[3] in src]
    plain_before = [c for c in before if c[3] not in preps]
    subject = plain_before[0] if plain_before and lang == "de" else (plain_before[-1] if plain_before else None)
    if subject is None and before and not sources:
        subject = before[-1]
    if subject is not None:
        roles.actor.append(subject[2])
        roles.actor_spans.append((subject[0], subject[1]))
    for c in sources:
        if c is not subject:
            roles.actor.append(c[2])
            roles.actor_spans.append((c[0], c[1]))
            roles.source_spans.append((c[0], c[1]))
    others = [c for c in after if c not in sources]
    if lang == "de":
        others = [c for c in before if c is not subject and c not in sources] + others
    if others:
        c = others[0]
        roles.recipient.append(c[2])
        roles.recipient_spans.append((c[0], c[1]))
    if not roles.actor and len(after) >= 2:
        roles.actor, roles.recipient = [after[0][2]], [after[1][2]]
        roles.actor_spans, roles.recipient_spans = [after[0][:2]], [after[1][:2]]
    return roles


def _refines(role: Actor, named: Actor | None) -> bool:
    """A role without a country followed by a name that has one ("Präsident" + "Abdelaziz Bouteflika")."""
    return named is not None and role.code is None and named.code is not None and role.sector in (None, named.sector)


_NOT_IN_NP = {"VERB", "AUX", "PUNCT", "SCONJ"}
# A noun phrase does not start with these (saves the knowledge base thousands of pointless lookups).
_NOT_NP_START = {"VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ", "PART", "ADV", "PRON", "NUM", "SYM", "INTJ"}
_DETS = {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "the", "a", "an",
         "seinen", "seine", "seinem", "ihrer", "ihren", "its", "his", "her", "their"}


def _prep_before(tokens: list[Token], i: int, lang: str) -> str | None:
    """The preposition governing the phrase that starts at token i ("in der Ukraine" -> in)."""
    preps = _RECIPIENT_CASES.get(lang, set()) | _SOURCE_CASES.get(lang, set()) | _PLACE_CASES
    for j in range(i - 1, max(-1, i - 4), -1):
        word = tokens[j].text.lower()
        if word in preps:
            return word
        if word in _DETS or (tokens[j].pos == "ADJ") or (word.islower() and word.endswith(("en", "er", "es", "em"))
                                                         and lang == "de" and tokens[j].pos in (None, "ADJ", "DET")):
            continue
        break
    return None


def _key(a: Actor) -> tuple:
    return (a.identifier_id or a.entity_text, a.code)


def _dedupe(roles: Roles) -> None:
    seen: set = set()
    actors = []
    for a in roles.actor:
        if _key(a) not in seen:
            seen.add(_key(a))
            actors.append(a)
    roles.actor = actors
    recips = []
    for a in roles.recipient:
        if _key(a) not in seen:
            seen.add(_key(a))
            recips.append(a)
    roles.recipient = recips

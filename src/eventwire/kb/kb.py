"""The knowledge base facade: actors (time-aware), places, role nouns and noun-phrase parsing."""

from __future__ import annotations

import re

import logging
import threading
from pathlib import Path

from ..records import EntityLink, Place
from .actors import ActorIndex, load_actor_records
from .countries import demonym_index
from .gazetteer import Gazetteer
from .models import ActorCandidate, ActorRecord, PlaceCandidate, RoleNoun
from .normalize import fold, strip_genitive, tokens
from .resolve import Toponym, candidates_for, resolve_toponyms

__all__ = ["KnowledgeBase"]

log = logging.getLogger(__name__)

_ARTICLES = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "the",
             "a", "an", "its", "his", "her", "their", "sein", "seine", "seinen", "ihr", "ihre", "ihren"}
_DEFAULT: "KnowledgeBase | None" = None
_LOCK = threading.Lock()


_PEOPLE_LEADER = re.compile(r"^(\w{4,}?)-?führer(?:in|s)?$")

class KnowledgeBase:
    """Canonical actors and places. ``KnowledgeBase.default()`` is built once per process."""

    def __init__(self, actors: ActorIndex, gazetteer: Gazetteer):
        self.actors = actors
        self.gazetteer = gazetteer

    # ------------------------------------------------------------------------------------------ setup
    @classmethod
    def default(cls) -> "KnowledgeBase":
        global _DEFAULT
        with _LOCK:
            if _DEFAULT is None:
                _DEFAULT = cls.load()
            return _DEFAULT

    @classmethod
    def load(cls, actor_files: list[Path] | None = None, gazetteer_path: Path | None = None) -> "KnowledgeBase":
        """Shipped actors (+ extra YAML files in the shipped format) and the gazetteer (built on first use)."""
        actors = ActorIndex.build(load_actor_records(actor_files))
        gaz = Gazetteer(gazetteer_path) if gazetteer_path else Gazetteer.default()
        return cls(actors, gaz)

    # ------------------------------------------------------------------------------------------ actors
    def lookup_actor(self, text: str, lang: str | None = None, date: str | None = None) -> list[ActorCandidate]:
        """Actors a name may refer to, best first: full names, then short forms (preferring whoever holds a
        role at ``date``), then a role phrase ("US-Präsident", "Chinese police")."""
        out: list[ActorCandidate] = []
        seen: set[str] = set()
        t = text.strip()
        for r in self.actors.find_full(t):
            out.append(self._candidate(r, date, 1.0, f"full name '{t}'"))
            seen.add(r.kb_id)
        if not out and lang in (None, "de") and strip_genitive(t):
            for r in self.actors.find_full(strip_genitive(t) or ""):
                out.append(self._candidate(r, date, 0.95, f"genitive of '{strip_genitive(t)}'"))
                seen.add(r.kb_id)
        shorts = self.actors.find_short(t)
        via = "short form"
        if not shorts and strip_genitive(t):
            shorts = self.actors.find_short(strip_genitive(t) or "")
            via = "short form (genitive)"
        for r in shorts:
            if r.kb_id in seen:
                continue
            active = bool(date and r.roles_at(date))
            score = 0.55 + (0.2 if active else 0.0) - (0.1 if date and not active else 0.0)
            reason = f"{via} '{t}'" + (f", holds a role at {date}" if active else "")
            out.append(self._candidate(r, date, score, reason))
            seen.add(r.kb_id)
        if not out:
            link = self.actor_phrase(t, lang or "en", date)
            if link is not None and link.kind == "person" and link.kb_id in self.actors.records:
                out.append(self._candidate(self.actors.records[link.kb_id], date, link.score or 0.7,
                                           f"role phrase '{t}': the holder at {date}"))
            elif link is not None:
                out.append(ActorCandidate(kb_id=link.kb_id, name=link.identifier_text or t, qid=link.identifier_id,
                                          code=link.code, sector=link.sector, kind=link.kind or "role",
                                          score=link.score or 0.5, reason="noun phrase: " + (link.kind or "")))
        out.sort(key=lambda c: -c.score)
        return out

    def _candidate(self, r: ActorRecord, date: str | None, score: float, reason: str) -> ActorCandidate:
        code, sector = r.code_sector_at(date)
        roles = [s.role for s in r.roles_at(date)] if date else [s.role for s in r.roles]
        return ActorCandidate(kb_id=r.kb_id, name=r.name, qid=r.qid, code=code, sector=sector, kind=r.kind,
                              roles=roles, score=round(score, 3), reason=reason)

    def link_for(self, r: ActorRecord, date: str | None, score: float) -> EntityLink:
        code, sector = r.code_sector_at(date)
        return EntityLink(kb_id=r.kb_id, identifier_id=r.qid, identifier_text=r.name, code=code, sector=sector,
                          kind=r.kind, score=round(score, 3))

    def role_holder(self, role: str, code: str | None, date: str | None) -> ActorRecord | None:
        """The one person holding ``role`` for ``code`` at ``date`` (None when none or several)."""
        hs = self.actors.holders(role, code, date)
        ids = {r.kb_id for r, _ in hs}
        if len(ids) == 1:
            return hs[0][0]
        return None

    # ------------------------------------------------------------------------------------------ places
    def lookup_place(self, text: str, lang: str | None = None) -> list[Place]:
        """Places a name may refer to, best first (no document context)."""
        return [c.entry.to_place(score=round(c.score, 3)) for c in self._rank_place(text, lang)]

    def explain_place(self, text: str, lang: str | None = None) -> list[PlaceCandidate]:
        return [PlaceCandidate(geonameid=c.entry.geonameid, name=c.entry.name, lat=c.entry.lat, lon=c.entry.lon,
                               country_code=c.entry.country_code, feature_class=c.entry.feature_class,
                               feature_code=c.entry.feature_code, population=c.entry.population,
                               score=round(c.score, 3), reasons=c.reasons)
                for c in self._rank_place(text, lang)]

    def _rank_place(self, text: str, lang: str | None):
        res = resolve_toponyms(self.gazetteer, text, [Toponym(0, len(text), text)], lang)
        return res[0].ranked if res else []

    # ------------------------------------------------------------------------------------------ phrases
    def country_of_word(self, word: str) -> tuple[str | None, str]:
        """Country code named by a word: an adjective ("russische"), a name ("Nordkorea"), an abbreviation
        prefix ("US"); returns (code, how)."""
        if word.endswith(("'s", "\u2019s")):
            word = word[:-2]
        key = fold(word)
        hits = [h for h in demonym_index().get(key, []) if h.iso3]
        if hits:
            return hits[0].iso3, "adjective"
        for r in self.actors.find_full(word):
            if r.kind == "country":
                return r.code, "country name"
        return None, ""

    def actor_phrase(self, text: str, lang: str, date: str | None = None) -> EntityLink | None:
        """Parse a noun phrase into an actor: a known person or organisation, else a country (adjective,
        name, compound prefix) with a role noun, else a country, else a capital standing for its government.

        With ``date``, a country+role phrase naming one office ("der US-Präsident") resolves to its holder.
        Answers are remembered per process (the same phrases recur across articles).
        """
        memo = self.__dict__.setdefault("_phrase_memo", {})
        key = (text, lang, date)
        if key not in memo:
            if len(memo) > 50_000:
                memo.clear()
            memo[key] = self._actor_phrase(text, lang, date)
        link = memo[key]
        return link.model_copy() if link is not None else None

    def _actor_phrase(self, text: str, lang: str, date: str | None = None) -> EntityLink | None:
        toks = [t for t in tokens(text)]
        words = [w for _, _, w in toks]
        while words and words[0].casefold() in _ARTICLES:
            toks, words = toks[1:], words[1:]
        if not toks:
            return None
        # 1. the longest known person/organisation name inside the phrase
        best: tuple[int, ActorRecord, float] | None = None
        for n in range(min(len(toks), self.actors.max_words), 0, -1):
            for i in range(len(toks) - n + 1):
                span = text[toks[i][0]:toks[i + n - 1][1]]
                recs = [r for r in self.actors.find_full(span) if r.kind != "country"]
                score = 1.0
                if not recs and lang == "de" and strip_genitive(span):
                    recs = [r for r in self.actors.find_full(strip_genitive(span) or "") if r.kind != "country"]
                    score = 0.95
                if recs:
                    best = (n, recs[0], score)
                    break
            if best:
                break
        if best is not None:
            return self.link_for(best[1], date, best[2])
        # 2. country + role (the longest role noun; a country adjective, name or compound prefix)
        code: str | None = None
        role: RoleNoun | None = None
        for n in (3, 2, 1):
            for i in range(len(toks) - n + 1):
                span = text[toks[i][0]:toks[i + n - 1][1]]
                options = [span] + (span.split("-")[::-1] if n == 1 and "-" in span else [])
                for opt in options:
                    rn = self.actors.role_nouns(opt, lang) or self.actors.role_nouns(opt, None)
                    if rn:
                        role = rn[0]
                        break
                if role:
                    break
            if role:
                break
        if role is None and lang in ("de", None):
            # "Palästinenserführer", "Kurdenführerin": a leader of a people (Führer is no compound role
            # in general: "Geschäftsführer", "Reiseführer")
            for _, _, w in toks:
                m = _PEOPLE_LEADER.match(w)
                if m and self.country_of_word(m.group(1))[0]:
                    rn = self.actors.role_nouns("Führer", "de")
                    role = rn[0] if rn else None
                    break
        for _, _, w in toks:
            parts = [w] + (w.split("-") if "-" in w else [])
            lead = _PEOPLE_LEADER.match(w)
            if lead:
                parts.append(lead.group(1))
            comp = self.actors.role_compound(w)
            if comp is not None:
                parts.append(comp[1])
            for p in parts:
                if not p:
                    continue
                c, _ = self.country_of_word(p)
                if c is None and p != w:  # "Kreml" in "Kremlsprecher", "Nato" in "Nato-Chef"
                    orgs = [r for r in self.actors.find_full(p) if r.kind != "person" and r.code]
                    c = orgs[0].code if orgs else None
                if c:
                    code = c
                    break
            if code:
                break
        if role is not None:
            if date and code:
                holder = self.role_holder(role.role, code, date)
                if holder is not None:
                    link = self.link_for(holder, date, 0.7)
                    return link
            sector = role.sector or ("GOV" if code else None)
            return EntityLink(kb_id=f"role:{role.role}" + (f"@{code}" if code else ""), identifier_id=None,
                              identifier_text=role.surface, code=code, sector=sector, kind="role",
                              score=0.6 if code else 0.4)
        if code is not None:
            r = self.actors.records.get(f"country:{code}")
            return EntityLink(kb_id=f"country:{code}", identifier_id=r.qid if r else None,
                              identifier_text=r.name if r else code, code=code, sector=None, kind="country",
                              score=0.8)
        # 3. a place standing for its government ("Moskau", "Washington", "Kreml")
        joined = " ".join(words)
        ents, _ = candidates_for(self.gazetteer, joined, lang, demonyms=False)
        if ents:
            top = max(ents, key=lambda e: (e.metonym, e.feature_code == "PPLC", e.population))
            if top.metonym or top.feature_code == "PPLC":
                return EntityLink(kb_id=f"metonym:{top.geonameid or top.name}", identifier_id=None,
                                  identifier_text=top.name, code=top.country_code, sector="GOV", kind="metonym",
                                  score=0.6)
        return None

    def place_link(self, place: Place) -> EntityLink | None:
        """The actor a resolved place stands for: its country (countries) or its government (metonyms)."""
        if place.feature_code in ("PCLI", "PCLH") and place.country_code:
            r = self.actors.records.get(f"country:{place.country_code}")
            return EntityLink(kb_id=f"country:{place.country_code}", identifier_id=r.qid if r else None,
                              identifier_text=r.name if r else place.name, code=place.country_code, sector=None,
                              kind="country", score=place.score)
        if place.metonym and place.country_code:
            return EntityLink(kb_id=f"metonym:{place.geonameid or place.name}", identifier_text=place.name,
                              code=place.country_code, sector="GOV", kind="metonym", score=place.score)
        return None

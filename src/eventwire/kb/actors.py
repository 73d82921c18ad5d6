"""The shipped actor list (persons, organisations, countries) and role nouns, with name indexes."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .countries import countries
from .dates import as_iso, overlaps
from .models import ActorRecord, RoleNoun, RoleSpell
from .normalize import fold

__all__ = ["ActorIndex", "load_actor_records", "load_role_nouns", "COUNTRY_QIDS"]

log = logging.getLogger(__name__)

# Wikidata items of countries (the ones known reliably; others have none)
COUNTRY_QIDS = {
    "RUS": "Q159", "PRK": "Q423", "KOR": "Q884", "USA": "Q30", "CHN": "Q148", "DEU": "Q183", "FRA": "Q142",
    "GBR": "Q145", "UKR": "Q212", "ISR": "Q801", "IRN": "Q794", "JPN": "Q17", "IND": "Q668", "TUR": "Q43",
    "SUN": "Q15180", "SYR": "Q858", "IRQ": "Q796", "AFG": "Q889", "ITA": "Q38", "CAN": "Q16", "BRA": "Q155",
    "AUS": "Q408", "POL": "Q36", "SAU": "Q851", "EGY": "Q79", "PAK": "Q843", "MEX": "Q96", "ESP": "Q29",
    "ZAF": "Q258", "BLR": "Q184",
}
HISTORICAL = {
    "SUN": ("Soviet Union", ["Soviet Union", "Sowjetunion", "USSR", "UdSSR", "U.S.S.R."]),
    "DDR": ("East Germany", ["East Germany", "DDR", "German Democratic Republic", "Deutsche Demokratische Republik"]),
    "YUG": ("Yugoslavia", ["Yugoslavia", "Jugoslawien"]),
    "CSK": ("Czechoslovakia", ["Czechoslovakia", "Tschechoslowakei"]),
}


def _data_file(*parts: str) -> str:
    node = resources.files("eventwire.kb").joinpath("data")
    for p in parts:
        node = node.joinpath(p)
    return node.read_text(encoding="utf-8")


def _spell(raw: list, default_code: str | None, default_sector: str | None) -> RoleSpell:
    role, start, end, *rest = list(raw) + [None] * (5 - len(raw))
    code = rest[0] if rest and rest[0] else default_code
    sector = rest[1] if len(rest) > 1 and rest[1] else ("GOV" if default_sector is None else default_sector)
    if code == "IGO" and not (len(rest) > 1 and rest[1]):
        sector = "IGO"
    return RoleSpell(role=str(role), start=as_iso(start), end=as_iso(end), code=code, sector=sector)


def parse_persons(doc: dict) -> list[ActorRecord]:
    out = []
    for p in doc.get("persons", []):
        names = [str(n) for n in p.get("names") or [p["name"]]]
        if p["name"] not in names:
            names.insert(0, p["name"])
        short = p.get("short")
        if short is None:
            short = [p["name"].split()[-1]]
        sector = p.get("sector", "GOV")
        roles = [_spell(r, p.get("country"), "GOV") for r in p.get("roles", [])]
        out.append(ActorRecord(
            kb_id=p["id"], name=p["name"], qid=p.get("qid"), kind="person", code=p.get("country"), sector=sector,
            names=names, short=[str(s) for s in short], roles=roles, org=p.get("org"),
        ))
    return out


def parse_orgs(doc: dict) -> list[ActorRecord]:
    out = []
    for o in doc.get("orgs", []):
        names = [str(n) for n in o.get("names") or [o["name"]]]
        if o["name"] not in names:
            names.insert(0, o["name"])
        out.append(ActorRecord(
            kb_id=o["id"], name=o["name"], qid=o.get("qid"), kind=o.get("kind", "org"), code=o.get("country"),
            sector=o.get("sector"), alt_sectors=o.get("alt_sectors", []), names=names, short=[],
        ))
    return out


def country_records() -> list[ActorRecord]:
    out = []
    for c in countries().values():
        names = sorted({n for n, _ in c.names} | {c.name_en, c.name_de})
        out.append(ActorRecord(kb_id=f"country:{c.iso3}", name=c.name_en, qid=COUNTRY_QIDS.get(c.iso3),
                               kind="country", code=c.iso3, sector=None, names=names))
    for code, (name, names) in HISTORICAL.items():
        out.append(ActorRecord(kb_id=f"country:{code}", name=name, qid=COUNTRY_QIDS.get(code), kind="country",
                               code=code, sector=None, names=names))
    return out


def load_actor_records(extra_files: list[Path] | None = None) -> list[ActorRecord]:
    """Shipped persons and organisations (+ optional user YAML files in the same format) and countries."""
    recs = parse_persons(yaml.safe_load(_data_file("actors", "persons.yaml")))
    recs += parse_orgs(yaml.safe_load(_data_file("actors", "orgs.yaml")))
    for f in extra_files or []:
        doc = yaml.safe_load(Path(f).read_text(encoding="utf-8")) or {}
        recs += parse_persons(doc) + parse_orgs(doc)
    recs += country_records()
    return recs


def load_role_nouns() -> tuple[list[RoleNoun], dict[str, list[str]]]:
    doc = yaml.safe_load(_data_file("roles.yaml"))
    out: list[RoleNoun] = []
    for r in doc["roles"]:
        for lang in ("de", "en"):
            for s in r.get(lang, []) or []:
                out.append(RoleNoun(role=r["role"], sector=r.get("sector"), lang=lang, surface=str(s),
                                    compound=bool(r.get("compound", False))))
    return out, dict(doc.get("implies", {}))


_GERMAN_ADJ = re.compile(r"([A-ZÄÖÜ][a-zäöüß]+?)(e|er|es)$")


def german_weak_form(name: str) -> str | None:
    """The German oblique form of an organisation's name, its adjectives ending in -en ("Vereinte Nationen"
    -> "Vereinten Nationen", "Europäische Union" -> "Europäischen Union", "Roter Halbmond" -> "Roten
    Halbmond"); None when the name has no such adjective before a capitalised word."""
    words = name.split(" ")
    changed = False
    for i in range(len(words) - 1):
        m = _GERMAN_ADJ.fullmatch(words[i])
        if m and words[i + 1][:1].isupper():
            words[i] = m.group(1) + "en"
            changed = True
    return " ".join(words) if changed else None


@dataclass
class ActorIndex:
    """Name -> actor indexes (full names and short forms), role nouns and role holders."""

    records: dict[str, ActorRecord] = field(default_factory=dict)
    full: dict[str, list[str]] = field(default_factory=dict)  # fold(name) -> kb_ids
    short: dict[str, list[str]] = field(default_factory=dict)
    upper: set[str] = field(default_factory=set)  # folded keys that only match all-caps text
    roles: dict[str, list[RoleNoun]] = field(default_factory=dict)  # fold(surface) -> role nouns
    role_suffixes: list[tuple[str, RoleNoun]] = field(default_factory=list)  # compound heads, longest first
    implies: dict[str, list[str]] = field(default_factory=dict)
    max_words: int = 1

    @classmethod
    def build(cls, records: list[ActorRecord]) -> "ActorIndex":
        idx = cls()
        for r in records:
            idx.add(r)
        nouns, implies = load_role_nouns()
        idx.implies = implies
        for n in nouns:
            idx.roles.setdefault(fold(n.surface), []).append(n)
            if n.compound and n.lang == "de" and " " not in n.surface:
                idx.role_suffixes.append((fold(n.surface), n))
        idx.role_suffixes.sort(key=lambda x: -len(x[0]))
        return idx

    def add(self, r: ActorRecord) -> None:
        self.records[r.kb_id] = r
        names = list(r.names)
        if r.kind != "person":
            names += [v for n in r.names if (v := german_weak_form(n)) and v not in names]
        for n in names:
            key = fold(n)
            if not key:
                continue
            lst = self.full.setdefault(key, [])
            if r.kb_id not in lst:
                lst.append(r.kb_id)
            if n.isupper() and len(n.replace(".", "")) <= 4:
                self.upper.add(key)
            self.max_words = max(self.max_words, len(key.split()))
        for s in r.short:
            key = fold(s)
            lst = self.short.setdefault(key, [])
            if r.kb_id not in lst:
                lst.append(r.kb_id)

    def find_full(self, text: str) -> list[ActorRecord]:
        key = fold(text)
        if key in self.upper and not text.replace(".", "").isupper():
            return [self.records[k] for k in self.full.get(key, []) if self._has_nonupper_alias(k, key)]
        return [self.records[k] for k in self.full.get(key, [])]

    def _has_nonupper_alias(self, kb_id: str, key: str) -> bool:
        return any(fold(n) == key and not n.isupper() for n in self.records[kb_id].names)

    def find_short(self, text: str) -> list[ActorRecord]:
        return [self.records[k] for k in self.short.get(fold(text), [])]

    def role_nouns(self, text: str, lang: str | None = None) -> list[RoleNoun]:
        """Role nouns spelled ``text``; German compounds match by their head ("Kremlsprecher")."""
        memo = self.__dict__.setdefault("_role_memo", {})
        if (text, lang) not in memo:
            if len(memo) > 50_000:
                memo.clear()
            memo[(text, lang)] = self._role_nouns(text, lang)
        return memo[(text, lang)]

    def _role_nouns(self, text: str, lang: str | None) -> list[RoleNoun]:
        key = fold(text)
        hits = [n for n in self.roles.get(key, []) if lang is None or n.lang == lang]
        if hits:
            return hits
        if lang in (None, "de") and " " not in key:
            for suf, noun in self.role_suffixes:
                if len(key) > len(suf) + 2 and key.endswith(suf):
                    return [noun]
        return []

    def role_compound(self, word: str) -> tuple[RoleNoun, str] | None:
        """A German compound ending in a role noun, and its first part: "Kremlsprecher" -> (Sprecher, "Kreml")."""
        memo = self.__dict__.setdefault("_compound_memo", {})
        if word not in memo:
            if len(memo) > 50_000:
                memo.clear()
            memo[word] = self._role_compound(word)
        return memo[word]

    def _role_compound(self, word: str) -> tuple[RoleNoun, str] | None:
        key = fold(word)
        if " " in key:
            return None
        for suf, noun in self.role_suffixes:
            if len(key) > len(suf) + 2 and key.endswith(suf):
                prefix = word[: len(word) - len(suf)].rstrip("-")
                return noun, prefix
        return None

    def holders(self, role: str, code: str | None, date: str | None) -> list[tuple[ActorRecord, RoleSpell]]:
        """Persons holding ``role`` (or a role it implies) for country ``code`` at ``date``."""
        wanted = set(self.implies.get(role, [role]))
        out = []
        for r in self.records.values():
            if r.kind != "person":
                continue
            for spell in r.roles:
                if spell.role in wanted and (code is None or spell.code == code):
                    if date is None or overlaps(date, spell.start, spell.end):
                        out.append((r, spell))
                        break
        return out

"""PLOVER context labels of an event from the words around it.

Contexts say what an event is about (an AID event in a military context is an arms delivery).
Labels used: military, diplomatic, economic, humanitarian, technology, nuclear, legal, election,
migration, terrorism, health, environment, cyber, territory, political, crime.
"""

from __future__ import annotations

import re

__all__ = ["CONTEXTS", "detect_contexts"]

_STEMS: dict[str, dict[str, tuple[str, ...]]] = {
    "military": {
        "de": ("waffe", "munition", "rakete", "panzer", "artillerie", "militär", "armee", "soldat", "truppe", "krieg",
               "kampfjet", "drohne", "granate", "streitkr", "verteidigung", "rüstung", "manöver", "kaserne", "front"),
        "en": ("weapon", "arms ", "ammunition", "missile", "tank", "artillery", "military", "army", "soldier", "troop",
               "war ", "warplane", "drone", "shell", "forces", "defence", "defense", "navy", "air force", "munition"),
    },
    "diplomatic": {
        "de": ("gipfel", "diplomat", "botschaft", "außenminister", "staatsbesuch", "gespräch", "verhandlung",
               "beziehungen", "treffen", "präsident", "regierungschef"),
        "en": ("summit", "diplomat", "embassy", "foreign minister", "state visit", "talks", "negotiat", "relations",
               "meeting", "president", "prime minister"),
    },
    "economic": {
        "de": ("wirtschaft", "handel", "export", "import", "zoll", "investition", "kredit", "finanz", "währung",
               "markt", "unternehmen", "öl", "gas", "energie"),
        "en": ("econom", "trade", "export", "import", "tariff", "invest", "loan", "financ", "currency", "market",
               "business", "oil", "gas", "energy"),
    },
    "humanitarian": {
        "de": ("humanitär", "lebensmittel", "nahrung", "hunger", "hilfsgüter", "flüchtling", "medikament"),
        "en": ("humanitarian", "food", "famine", "hunger", "relief", "medicine", "refugee"),
    },
    "technology": {
        "de": ("technik", "technologie", "satellit", "halbleiter", "chip", "raumfahrt"),
        "en": ("technolog", "satellite", "semiconductor", "chip", "space programme", "space program"),
    },
    "nuclear": {
        "de": ("atom", "nuklear", "uran", "kernwaffe"),
        "en": ("nuclear", "uranium", "atomic"),
    },
    "legal": {
        "de": ("gericht", "urteil", "anklage", "richter", "klage", "haftbefehl", "gesetz"),
        "en": ("court", "verdict", "charge", "judge", "lawsuit", "warrant", "law "),
    },
    "election": {"de": ("wahl", "abstimmung", "stimmzettel", "wahlkampf"), "en": ("election", "vote", "ballot", "poll")},
    "migration": {"de": ("migrant", "migration", "asyl", "grenzschutz"), "en": ("migrant", "migration", "asylum")},
    "terrorism": {"de": ("terror", "anschlag", "extremist"), "en": ("terror", "extremist", "jihadist")},
    "health": {"de": ("gesundheit", "pandemie", "virus", "impf", "krankenhaus"),
               "en": ("health", "pandemic", "virus", "vaccin", "hospital")},
    "environment": {"de": ("klima", "umwelt", "emission"), "en": ("climate", "environment", "emission")},
    "cyber": {"de": ("cyber", "hacker"), "en": ("cyber", "hacker", "hacking")},
    "territory": {"de": ("grenze", "territori", "annexion", "souveränität"),
                  "en": ("border", "territor", "annex", "sovereignty")},
    "crime": {"de": ("kriminell", "drogen", "schmuggel", "korruption", "mafia"),
              "en": ("criminal", "drug", "smuggl", "corruption", "cartel")},
}

CONTEXTS = tuple(_STEMS)
_PATTERNS = {
    lang: {ctx: re.compile("|".join(re.escape(s) for s in stems[lang]), re.I) for ctx, stems in _STEMS.items()}
    for lang in ("de", "en")
}


def detect_contexts(text: str, lang: str, event: str | None = None, limit: int = 3) -> list[str]:
    """Context labels ranked by how many of their words the text holds (at most ``limit``)."""
    patterns = _PATTERNS.get(lang, _PATTERNS["en"])
    scored = []
    padded = f" {text} "
    for ctx, pattern in patterns.items():
        hits = len(pattern.findall(padded))
        if hits:
            scored.append((hits, ctx))
    scored.sort(key=lambda x: (-x[0], CONTEXTS.index(x[1])))
    out = [c for _, c in scored[:limit]]
    if event in ("ASSAULT", "MOBILIZE") and "military" not in out:
        out.insert(0, "military")
    return out[:limit]

"""Typed records of the knowledge base (actors, roles, candidates)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["RoleSpell", "ActorRecord", "ActorCandidate", "RoleNoun", "PlaceCandidate"]


class _KB(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RoleSpell(_KB):
    """A role held between two dates (ISO, inclusive start, exclusive end; None = open)."""

    role: str
    start: str | None = None
    end: str | None = None
    code: str | None = None
    sector: str | None = None


class ActorRecord(_KB):
    """A canonical actor: a person, an organisation or a country."""

    kb_id: str
    name: str
    qid: str | None = None
    kind: str  # person, igo, gov, mil, media, agency, group, company, country, ...
    code: str | None = None
    sector: str | None = None
    alt_sectors: list[str] = Field(default_factory=list)
    names: list[str] = Field(default_factory=list)
    short: list[str] = Field(default_factory=list)
    roles: list[RoleSpell] = Field(default_factory=list)
    org: str | None = Field(None, description="kb_id of the organisation a person's IGO roles belong to")

    def roles_at(self, date: str | None) -> list[RoleSpell]:
        """Roles valid at ``date`` (all roles when no date is given)."""
        if date is None:
            return list(self.roles)
        from .dates import overlaps

        return [r for r in self.roles if overlaps(date, r.start, r.end)]

    def code_sector_at(self, date: str | None) -> tuple[str | None, str | None]:
        """Country code and sector at a date: from the role valid then, else the actor's defaults."""
        active = self.roles_at(date) if date else []
        if active:
            r = active[-1]
            return (r.code or self.code, r.sector or self.sector)
        return self.code, self.sector


class ActorCandidate(_KB):
    """A ranked answer of :meth:`KnowledgeBase.lookup_actor`, with the reason it was found."""

    kb_id: str
    name: str
    qid: str | None = None
    code: str | None = None
    sector: str | None = None
    kind: str
    roles: list[str] = Field(default_factory=list, description="roles valid at the date asked (or all)")
    score: float
    reason: str


class RoleNoun(_KB):
    role: str
    sector: str | None
    lang: str
    surface: str
    compound: bool = False


class PlaceCandidate(_KB):
    """A scored gazetteer candidate for a toponym, with the reasons of its score."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    feature_class: str | None
    feature_code: str | None
    population: int = 0
    score: float
    reasons: list[str] = Field(default_factory=list)

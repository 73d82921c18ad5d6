"""``eventwire kb``: look names up (and see why), build the KB from dumps, evaluate the geoparser."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Knowledge base: actors and places.", no_args_is_help=True)
log = logging.getLogger(__name__)


def _shared() -> Path:
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / ".." / "shared"


@app.command()
def lookup(
    name: str = typer.Argument(..., help="a name or noun phrase: 'Putins', 'der US-Präsident', 'Wladiwostok'"),
    lang: Optional[str] = typer.Option(None, "--lang", "-l", help="de or en"),
    date: Optional[str] = typer.Option(None, "--date", "-d", help="ISO date (or month/year) the text speaks of"),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
    limit: int = typer.Option(5, help="candidates to show per kind"),
) -> None:
    """Show what NAME resolves to, as an actor and as a place, with scores and reasons."""
    from .kb import KnowledgeBase

    kb = KnowledgeBase.default()
    actors = kb.lookup_actor(name, lang, date)[:limit]
    places = kb.explain_place(name, lang)[:limit]
    phrase = kb.actor_phrase(name, lang or "en", date)
    if as_json:
        typer.echo(json.dumps({
            "actors": [a.model_dump() for a in actors],
            "places": [p.model_dump() for p in places],
            "phrase": phrase.model_dump() if phrase else None,
        }, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    con = Console()
    t = Table(title=f"actors for {name!r}" + (f" at {date}" if date else ""))
    for col in ("kb_id", "name", "qid", "code", "sector", "kind", "roles", "score", "reason"):
        t.add_column(col)
    for a in actors:
        t.add_row(a.kb_id, a.name, a.qid or "", a.code or "", a.sector or "", a.kind, ",".join(a.roles),
                  f"{a.score:.2f}", a.reason)
    con.print(t)
    p = Table(title=f"places for {name!r}")
    for col in ("geonameid", "name", "country", "feature", "lat", "lon", "score", "reasons"):
        p.add_column(col)
    for c in places:
        p.add_row(str(c.geonameid or ""), c.name, c.country_code or "", f"{c.feature_class}.{c.feature_code}",
                  f"{c.lat:.3f}" if c.lat is not None else "", f"{c.lon:.3f}" if c.lon is not None else "",
                  f"{c.score:.2f}", "; ".join(c.reasons))
    con.print(p)
    con.print(f"noun phrase reading: {phrase.model_dump() if phrase else None}")


@app.command()
def build(
    wikidata: Optional[Path] = typer.Option(None, help="Wikidata JSON dump (one entity per line; .gz/.bz2 ok)"),
    geonames: Optional[Path] = typer.Option(None, help="GeoNames allCountries.txt (or a country file)"),
    alternate_names: Optional[Path] = typer.Option(None, help="GeoNames alternateNames.txt"),
    out_dir: Path = typer.Option(Path("kb-build"), help="where to write actors.yaml / gazetteer.sqlite"),
    min_population: int = typer.Option(0, help="GeoNames: smallest populated place to keep"),
) -> None:
    """Build actors (YAML) and/or a gazetteer (SQLite) from the full dumps."""
    from .builders import build_actors_from_wikidata, build_gazetteer_from_geonames

    if wikidata is None and geonames is None:
        raise typer.BadParameter("give --wikidata and/or --geonames")
    for p in (wikidata, geonames, alternate_names):
        if p is not None and not p.exists():
            raise typer.BadParameter(f"{p} does not exist")
    out_dir.mkdir(parents=True, exist_ok=True)
    if wikidata is not None:
        st = build_actors_from_wikidata(wikidata, out_dir / "actors.yaml")
        typer.echo(f"actors: {st.persons} persons, {st.orgs} organisations from {st.entities} entities "
                   f"-> {out_dir / 'actors.yaml'}")
    if geonames is not None:
        path = build_gazetteer_from_geonames(geonames, out_dir / "gazetteer.sqlite", alternate_names,
                                             min_population=min_population)
        typer.echo(f"gazetteer -> {path} (use it with EVENTWIRE_GAZETTEER={path})")


@app.command()
def index(rebuild: bool = typer.Option(False, help="rebuild even if the cached index exists")) -> None:
    """Build (once) the cached gazetteer index of the shipped data and print where it is."""
    from .gazetteer import Gazetteer

    g = Gazetteer.default(rebuild=rebuild)
    typer.echo(f"{g.path}: {g.size()} entries")


@app.command("geo-eval")
def geo_eval(
    gwn: Optional[Path] = typer.Option(None, help="GeoWebNews GWN.xml (default: ../shared/gold/geowebnews)"),
    mode: str = typer.Option("both", help="gold (resolve gold spans), e2e (gazetteer matcher), or both"),
) -> None:
    """Score the toponym resolver on GeoWebNews: accuracy@161km, exact GeoNames id, error km."""
    from .geo_eval import predict_end_to_end, predict_gold_spans, read_geowebnews, score_places
    from .kb import KnowledgeBase

    path = gwn or _shared() / "gold" / "geowebnews" / "GWN.xml"
    if not path.exists():
        raise typer.BadParameter(f"{path} not found; pass --gwn or set EVENTWIRE_SHARED")
    arts = read_geowebnews(path)
    kb = KnowledgeBase.default()
    if mode in ("gold", "both"):
        typer.echo("gold spans: " + score_places(arts, predict_gold_spans(kb, arts)).summary())
    if mode in ("e2e", "both"):
        typer.echo("end to end: " + score_places(arts, predict_end_to_end(kb, arts)).summary())

"""The HTTP API and the web page over one store.

``create_app`` builds the FastAPI app; ``eventwire serve`` runs it with uvicorn. Every endpoint
reads or writes only the store it was given; POSTed articles arrive as text, never as paths.
"""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Body, Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import StringConstraints

from eventwire import __version__
from eventwire.ingest import Failure, read_bytes
from eventwire.pipeline import Pipeline
from eventwire.records import PLOVER_EVENTS, Document, Status
from eventwire.serve import queries
from eventwire.serve.schemas import (
    ArticleEvent,
    ArticleIn,
    ArticlePage,
    ArticleView,
    EventDetail,
    EventPage,
    IngestResult,
    Problem,
    StoreInfo,
    StoryPage,
    StorySummaryOut,
)
from eventwire.serve.security import LOOPBACK_NAMES, BodyLimitMiddleware, GuardMiddleware
from eventwire.store.sqlite import EventQuery, SQLiteStore

__all__ = ["create_app", "event_filters", "DEFAULT_MAX_BODY_BYTES", "STATIC_DIR"]

log = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
STATIC_DIR = Path(str(resources.files("eventwire.serve").joinpath("static")))

MODALITIES = ("asserted", "planned", "hypothetical", "negated", "historical")
EventType = Literal[PLOVER_EVENTS]  # type: ignore[valid-type]
ModalityName = Literal[MODALITIES]  # type: ignore[valid-type]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,16}$")]
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIST = 20


class _BadRequest(ValueError):
    """A parameter that passed its pattern but still makes no sense; answered with 422."""


def _check_date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise _BadRequest(f"{name}={value!r} is not a date ({err}); use YYYY, YYYY-MM or YYYY-MM-DD") from None
    return value


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    parts = value.split(",")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise _BadRequest(
            f"bbox={value!r}: give four numbers min_lon,min_lat,max_lon,max_lat (e.g. 20,40,40,60)"
        ) from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise _BadRequest(
            f"bbox={value!r}: need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90"
        )
    return min_lon, min_lat, max_lon, max_lat


def _too_many(name: str, values: list) -> None:
    if len(values) > MAX_LIST:
        raise _BadRequest(f"{name}: at most {MAX_LIST} values, got {len(values)}")


def event_filters(
    start: Annotated[str | None, Query(pattern=DATE_PATTERN, description="events on or after (YYYY[-MM[-DD]])")] = None,
    end: Annotated[str | None, Query(pattern=DATE_PATTERN, description="events on or before (YYYY[-MM[-DD]])")] = None,
    event: Annotated[list[EventType], Query(max_length=MAX_LIST, description="PLOVER event types (repeat for several)")] = [],  # noqa: B006
    actor: Annotated[list[Code], Query(max_length=MAX_LIST, description="actor codes (ISO-3166 alpha-3, IGO ...)")] = [],  # noqa: B006
    recipient: Annotated[list[Code], Query(max_length=MAX_LIST, description="recipient codes")] = [],  # noqa: B006
    actor_sector: Annotated[list[Code], Query(max_length=MAX_LIST, description="actor sectors (GOV, MIL ...)")] = [],  # noqa: B006
    recipient_sector: Annotated[list[Code], Query(max_length=MAX_LIST, description="recipient sectors")] = [],  # noqa: B006
    modality: Annotated[list[ModalityName], Query(max_length=MAX_LIST, description="asserted, planned, hypothetical ...")] = [],  # noqa: B006
    bbox: Annotated[
        str | None,
        Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat: events located inside"),
    ] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="words in the articles")] = None,
    story: Annotated[str | None, Query(min_length=1, max_length=128, description="story id")] = None,
    doc_id: Annotated[str | None, Query(min_length=1, max_length=256, description="events of one article")] = None,
) -> EventQuery:
    for name, values in (("event", event), ("actor", actor), ("recipient", recipient),
                         ("actor_sector", actor_sector), ("recipient_sector", recipient_sector),
                         ("modality", modality)):
        _too_many(name, values)
    start = _check_date("start", start)
    end = _check_date("end", end)
    if start and end and start[: len(end)] > end:
        raise _BadRequest(f"start={start!r} is after end={end!r}")
    return EventQuery(
        start=start, end=end, event=list(event), actor_code=list(actor), recipient_code=list(recipient),
        actor_sector=list(actor_sector), recipient_sector=list(recipient_sector), modality=list(modality),
        bbox=_parse_bbox(bbox), q=q, story_id=story, doc_id=doc_id,
    )


Filters = Annotated[EventQuery, Depends(event_filters)]


class _StoreHandle:
    """One connection shared by the worker threads, one at a time; reopened if the app restarts."""

    def __init__(self, path: Path, read_only: bool):
        self.path = path
        self.read_only = read_only
        self.lock = threading.RLock()
        self._store: SQLiteStore | None = SQLiteStore(path, readonly=read_only)

    @property
    def store(self) -> SQLiteStore:
        with self.lock:
            if self._store is None:
                self._store = SQLiteStore(self.path, readonly=self.read_only)
            return self._store

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    pipeline: Pipeline | None = None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    read_only: bool = False,
    create: bool = False,
    allowed_hosts: tuple[str, ...] | None = LOOPBACK_NAMES,
) -> FastAPI:
    """The API and page over the SQLite store at ``db_path``.

    ``token``: required on every request when set. ``pipeline``: processes POSTed articles (default:
    the configured pipeline, built on the first POST). ``read_only``: refuse POSTs and open the file
    read-only. ``create``: make an empty store when the file is missing. ``allowed_hosts``: Host
    names answered without a token (``None``: any).
    """
    db_path = Path(db_path)
    if not db_path.exists() and not create:
        raise FileNotFoundError(
            f"no store at {db_path}: build one with `eventwire ingest FILES --db {db_path}` (or pass create=True)"
        )
    if max_body_bytes < 1:
        raise ValueError("max_body_bytes must be positive")
    handle = _StoreHandle(db_path, read_only)
    state = {"pipeline": pipeline}
    pipeline_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        handle.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        description="PLOVER events extracted from news, with evidence, modality, attribution, places and stories.",
        openapi_url="/api/openapi.json",
        responses={
            400: {"model": Problem, "description": "a request the server cannot read"},
            401: {"model": Problem, "description": "missing or wrong access token (servers started with --token)"},
            413: {"model": Problem, "description": "request body over the limit"},
            422: {"model": Problem, "description": "a parameter or field is invalid; `detail` says which and why"},
        },
        docs_url=None,  # Swagger UI and ReDoc load scripts from CDNs; the page must stay offline
        redoc_url=None,
    )
    app.state.store_handle = handle

    @app.exception_handler(_BadRequest)
    async def _bad_request(request: Request, exc: _BadRequest) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for error in exc.errors():
            problems.append(f"{_where(error.get('loc', ()))}: {error.get('msg')}")
        return JSONResponse(
            status_code=422,
            content={"detail": "; ".join(problems) or "invalid request", "errors": _jsonable(exc.errors())},
        )

    # -- API ---------------------------------------------------------------------------------

    @app.get("/api/info", response_model=StoreInfo, tags=["store"])
    def info() -> StoreInfo:
        """Counts of what the store holds, and the values the filters accept."""
        with handle.lock:
            counts = handle.store.counts()
        return StoreInfo(counts=counts, read_only=read_only, event_types=list(PLOVER_EVENTS),
                         modalities=list(MODALITIES), max_body_bytes=max_body_bytes)

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        sort: Annotated[Literal["date", "confidence", "num_articles", "event"], Query()] = "date",
        order: Annotated[Literal["asc", "desc"], Query()] = "desc",
    ) -> EventPage:
        """Events matching the filters, one page at a time."""
        query = filters.model_copy(update={"limit": limit, "offset": offset, "sort": sort,
                                           "descending": order == "desc"})
        with handle.lock:
            items, total = handle.store.query_events(query)
        return EventPage(total=total, limit=limit, offset=offset, items=items)

    @app.get("/api/events/{event_id}", response_model=EventDetail, tags=["events"],
             responses={404: {"model": Problem, "description": "no such event"}})
    def get_event(event_id: Annotated[str, PathParam(max_length=256)]) -> EventDetail:
        """One event with its evidence, its mentions and the articles they cite."""
        with handle.lock:
            event = handle.store.get_event(event_id)
            if event is None:
                raise HTTPException(404, f"no event {event_id!r}")
            doc_ids = list(dict.fromkeys(
                [e.doc_id for e in event.evidence] + [m.doc_id for m in event.mentions]
            ))
            articles = []
            for doc_id in doc_ids:
                found = handle.store.get_document(doc_id)
                if found is not None:
                    articles.append(found[0])
        return EventDetail(event=event, articles=articles)

    @app.get("/api/actors", response_model=list[queries.ActorCount], tags=["actors"])
    def list_actors(filters: Filters, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[queries.ActorCount]:
        """Actors and recipients of the matching events, by code and sector, most frequent first."""
        with handle.lock:
            return queries.list_actors(handle.store, filters, limit=limit)

    @app.get("/api/network", response_model=queries.Network, tags=["actors"])
    def network(filters: Filters, limit: Annotated[int, Query(ge=1, le=2000)] = 200) -> queries.Network:
        """Who acts on whom in the matching events (edges weighted by events)."""
        with handle.lock:
            return queries.actor_network(handle.store, filters, limit=limit)

    @app.get("/api/places", response_model=list[queries.PlaceCount], tags=["places"])
    def list_places(filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> list[queries.PlaceCount]:
        """Places of the matching events with coordinates and counts by event type."""
        with handle.lock:
            return queries.list_places(handle.store, filters, limit=limit)

    @app.get("/api/stories", response_model=StoryPage, tags=["stories"])
    def list_stories(
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> StoryPage:
        """Stories (articles about one happening), most recent first, with their event counts."""
        with handle.lock:
            total = queries.count_stories(handle.store)
            items = queries.list_stories(handle.store, limit=limit, offset=offset)
        return StoryPage(total=total, limit=limit, offset=offset,
                         items=[StorySummaryOut(story=s.story, events=s.events) for s in items])

    @app.get("/api/stories/{story_id}", response_model=StorySummaryOut, tags=["stories"],
             responses={404: {"model": Problem, "description": "no such story"}})
    def get_story(story_id: Annotated[str, PathParam(max_length=256)]) -> StorySummaryOut:
        """One story; its events are at /api/events?story=ID."""
        with handle.lock:
            summary = queries.get_story(handle.store, story_id)
        if summary is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return StorySummaryOut(story=summary.story, events=summary.events)

    @app.get("/api/articles", response_model=ArticlePage, tags=["articles"])
    def list_articles(
        q: Annotated[str | None, Query(min_length=1, max_length=200, description="words in title or text")] = None,
        language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
        status: Annotated[Literal["pending", "coded", "skipped_language", "failed"] | None, Query()] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> ArticlePage:
        """Stored articles, newest first, optionally full-text searched."""
        with handle.lock:
            items, total = queries.list_documents(handle.store, q=q, language=language, status=status,
                                                  limit=limit, offset=offset)
        return ArticlePage(total=total, limit=limit, offset=offset, items=items)

    @app.get("/api/articles/{doc_id}", response_model=ArticleView, tags=["articles"],
             responses={404: {"model": Problem, "description": "no such article"}})
    def get_article(doc_id: Annotated[str, PathParam(max_length=256)]) -> ArticleView:
        """An article's text, its entity mentions, and each event's evidence and trigger spans in it."""
        with handle.lock:
            found = handle.store.get_document(doc_id)
            if found is None:
                raise HTTPException(404, f"no article {doc_id!r}")
            record, body = found
            mentions = [m for m in handle.store.iter_mentions(doc_id) if 0 <= m.start < m.end <= len(body)]
            events = queries.events_of_document(handle.store, doc_id)
        views = []
        for event in events:
            loc = event.event_loc
            views.append(ArticleEvent(
                id=event.id, event=event.event, mode=event.mode, actor=event.actor, recipient=event.recipient,
                date=event.date, date_precision=event.date_precision, modality=event.modality,
                attributed_to=_attribution_in(event, doc_id), confidence=event.confidence,
                place=(loc.resolved_place or loc.extracted_place) if loc else None,
                evidence=queries.evidence_in_document(event, doc_id, len(body)),
            ))
        return ArticleView(document=record, body=body, mentions=mentions, events=views)

    @app.post("/api/articles", response_model=IngestResult, tags=["articles"],
              responses={400: {"model": Problem, "description": "nothing could be read from the input"},
                         403: {"model": Problem, "description": "the server is read-only"},
                         503: {"model": Problem, "description": "the pipeline could not be loaded"}})
    def post_article(article: Annotated[ArticleIn, Body()]) -> IngestResult:
        """Process a new article (or a feed / JSONL batch) through the pipeline and store it."""
        if read_only:
            raise HTTPException(403, "this server is read-only (started with --read-only)")
        if article.format == "feed" and not _looks_like_feed(article.text):
            # feedparser opens strings that look like paths or URLs; only XML text may reach it
            raise HTTPException(400, "format=feed needs the feed's XML text (<rss>, <feed> or <rdf:RDF>)")
        items = list(read_bytes(article.text.encode("utf-8"), source=f"api:{article.source}", fmt=article.format))
        docs = [i for i in items if isinstance(i, Document)]
        failures = [i for i in items if isinstance(i, Failure)]
        if not docs:
            reasons = "; ".join(f.reason for f in failures) or "no article text found"
            raise HTTPException(400, f"nothing could be read from the input: {reasons}")
        with handle.lock:
            known = handle.store.known_hashes([d.content_hash for d in docs])
        fresh, seen = [], set(known)
        for doc in docs:
            if doc.content_hash not in seen:
                fresh.append(doc)
                seen.add(doc.content_hash)
        if fresh:
            pipe = _pipeline(state, pipeline_lock)
            with pipeline_lock:
                size = pipe.config.pipeline.batch_size
                for i in range(0, len(fresh), size):
                    pipe.run(fresh[i:i + size])
        with handle.lock:
            stored = handle.store.write_batch(fresh, failures)
        for doc in fresh:
            if doc.status == Status.failed:
                failures.append(Failure(source=doc.source_path or doc.doc_id, reason=doc.reason or "failed"))
        return IngestResult(
            read=len(docs), stored=stored, already_stored=len(docs) - len(fresh),
            events=sum(len(d.events) for d in fresh),
            documents=[d.record() for d in fresh], failures=failures,
        )

    # -- page ----------------------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index(request: Request):
        if "token" in request.query_params:
            # the guard has checked it and set the cookie; drop it from the address bar
            return RedirectResponse("/", status_code=303)
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(GuardMiddleware, token=token, allowed_hosts=None if token else allowed_hosts)

    return app


def _pipeline(state: dict, lock: threading.Lock) -> Pipeline:
    with lock:
        if state["pipeline"] is None:
            try:
                state["pipeline"] = Pipeline()
            except (KeyError, ValueError, OSError) as err:
                raise HTTPException(503, f"the pipeline could not be loaded: {err}") from None
        return state["pipeline"]


def _looks_like_feed(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("<") and any(tag in head for tag in ("<rss", "<feed", "<rdf:RDF", "<RDF"))


def _attribution_in(event, doc_id: str):
    for mention in event.mentions:
        if mention.doc_id == doc_id and mention.attributed_to:
            return mention.attributed_to
    return event.attributed_to


def _where(loc) -> str:
    """('query', 'event', 0) -> "query parameter 'event[0]'"; ('body', 'text') -> "body field 'text'"."""
    parts = list(loc)
    if not parts:
        return "request"
    kind, rest = str(parts[0]), parts[1:]
    name = ""
    for p in rest:
        name += f"[{p}]" if isinstance(p, int) else (f".{p}" if name else str(p))
    if not name:
        return kind
    return f"{kind} {'field' if kind == 'body' else 'parameter'} '{name}'"


def _jsonable(errors) -> list:
    return [{"loc": [p if isinstance(p, (str, int)) else str(p) for p in e.get("loc", ())],
             "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in errors]


"""``kroniek serve``: the REST API and the web page, one FastAPI application over the library.

Read endpoints are open; write endpoints need a token (``Authorization:
Bearer ...``, made with ``kroniek token create``). Every error is JSON,
``{"error": {"code", "message"}}``; request bodies are limited in size;
every list is paged. The page at ``/`` and the API documentation at
``/docs`` are served from this package (no CDN).
"""
import os
import re
import threading
import time
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import DateError, KroniekError, StorageError, UsageError
from ..store import Store, open_store
from ..timeline import Timeline
from ..timeline.export import to_csv, to_timelinejs
from ..timeline.query import bound, query_words
from . import models as m
from .cache import Freshness, ResponseCache
from .jobs import Jobs

STATIC = Path(__file__).resolve().parent / "static"
#: The largest request body (an upload), in bytes.
MAX_BODY = 20 * 2**20
#: How long a read answer is served again from memory, in seconds (``kroniek serve --cache-seconds``).
CACHE_SECONDS = 5.0
#: The largest page of any list.
MAX_LIMIT = 500
#: What an article id may look like: no path separators, no "..", no control characters.
_SAFE_ID = re.compile(r"^#?[^\x00-\x1f/\\]{1,300}$")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="entries per page")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="entries to skip")]


class ApiError(Exception):
    """An error answered with its own status and code."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


ERRORS = {400: {"model": m.ErrorResponse}, 404: {"model": m.ErrorResponse}, 422: {"model": m.ErrorResponse}}
WRITE_ERRORS = {**ERRORS, 401: {"model": m.ErrorResponse}, 413: {"model": m.ErrorResponse}}


class Stores:
    """The archive for each request: one SQLite connection per thread, or the PostgreSQL pool."""

    def __init__(self, db: str):
        self.db = db
        self.local = threading.local()
        self.shared = open_store(db, create=False) if db.startswith(("postgresql://", "postgres://")) else None
        if self.shared is None:
            open_store(db, create=False).close()  # fail at start-up, not at the first request

    def get(self) -> Store:
        if self.shared is not None:
            return self.shared
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = open_store(self.db, create=False)
        return store


def create_app(db: str, *, cors: list[str] | None = None, max_body: int = MAX_BODY,
               ner: bool | None = None, cache_seconds: float = CACHE_SECONDS) -> FastAPI:
    """The application for the archive ``db`` (an SQLite path or a postgresql:// URL).

    Args:
        cors: origins allowed to call the API from a browser (none by default).
        max_body: the largest request body accepted, in bytes (413 above it).
        ner: find entities in uploaded articles (default: when Frog is installed).
        cache_seconds: how long a read answer is served again from memory, in
            seconds (0: never); see :mod:`kroniek.web.cache`. The server's own
            writes make kept answers stale at once.

    Raises:
        StorageError: no archive at ``db``.
    """
    stores = Stores(str(db))
    freshness = Freshness()
    jobs = Jobs(str(db), ner=ner, on_change=freshness.clear)
    app = FastAPI(title="kroniek", version=__version__, docs_url=None, redoc_url=None,
                  description="Timelines from news archives: merged, dated events with their sources.")
    if cors:
        app.add_middleware(CORSMiddleware, allow_origins=cors, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        size = request.headers.get("content-length")
        if size is not None and (not size.isdigit() or int(size) > max_body):
            return _error(413, "too_large", f"the request body is larger than {max_body:,} bytes")
        return await call_next(request)

    # outermost, so that a kept answer skips every other layer
    app.add_middleware(ResponseCache, seconds=cache_seconds, freshness=freshness)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}.get(exc.status_code, "error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("query", "body", "path"))
        return _error(422, "invalid_request", f"{where}: {first.get('msg', 'invalid')}" if where
                      else first.get("msg", "invalid request"))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, exc.message, headers)

    @app.exception_handler(UsageError)
    async def usage(request: Request, exc: UsageError):
        message = str(exc)
        return _error(404 if message.startswith("no ") else 400, "not_found" if message.startswith("no ")
                      else "bad_request", message)

    @app.exception_handler(DateError)
    async def bad_date(request: Request, exc: DateError):
        return _error(400, "bad_date", str(exc))

    @app.exception_handler(StorageError)
    async def storage(request: Request, exc: StorageError):
        return _error(503, "unavailable", str(exc))

    @app.exception_handler(KroniekError)
    async def kroniek_error(request: Request, exc: KroniekError):
        return _error(400, "bad_request", str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception):
        if os.environ.get("KRONIEK_DEBUG"):
            import traceback

            traceback.print_exception(exc)
        return _error(500, "internal", f"internal error (a bug in kroniek): {type(exc).__name__}")

    def writer(authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None,
               store: Store = Depends(stores.get)) -> str:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise ApiError(401, "unauthorized", "this needs a token: 'Authorization: Bearer TOKEN'"
                                                " (make one with 'kroniek token create --name NAME')")
        name = store.check_token(token.strip())
        if name is None:
            raise ApiError(401, "unauthorized", "the token is not valid")
        return name

    def timeline_page(store: Store, **kwargs: Any) -> dict[str, Any]:
        page = Timeline(store).entries(**kwargs)
        return {"total": page.total, "offset": page.offset, "limit": page.limit, "next": page.next,
                "entries": [e.to_json() for e in page]}

    # -- reading -------------------------------------------------------------------------------------

    @app.get("/api/timeline", response_model=m.TimelinePage, responses=ERRORS, tags=["read"])
    def timeline(query: Annotated[str | None, Query(max_length=500, description="words to find")] = None,
                 entity: Annotated[str | None, Query(max_length=500, description="an entity's id, name or alias")] = None,
                 date_from: Annotated[str | None, Query(alias="from", max_length=40, description="YYYY[-MM[-DD]]")] = None,
                 date_to: Annotated[str | None, Query(alias="to", max_length=40, description="YYYY[-MM[-DD]], its whole unit")] = None,
                 granularity: Annotated[str | None, Query(pattern="^(day|week|month)$")] = None,
                 min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
                 top: Annotated[int | None, Query(ge=1, le=10000)] = None,
                 direct: bool = False, limit: Limit = 100, offset: Offset = 0,
                 after: Annotated[str | None, Query(max_length=40, description="the 'next' cursor of a page")] = None,
                 store: Store = Depends(stores.get)):
        """Merged events about the words and/or the entity, in date order, one page at a time (as
        ``kroniek timeline``)."""
        return timeline_page(store, query=query, entity=entity, start=date_from, end=date_to,
                             granularity=granularity, min_sources=min_sources, top=top, direct=direct,
                             limit=limit, offset=offset, after=after)

    @app.get("/api/events/{event_id}", response_model=m.Entry, responses=ERRORS, tags=["read"])
    def event(event_id: Annotated[int, PathParam(ge=1, le=2**62)], store: Store = Depends(stores.get)):
        """One merged event: every source, its sentence, the time expression and why this date."""
        entry = Timeline(store).event(event_id)
        if entry is None:
            raise ApiError(404, "not_found", f"no event {event_id}")
        return entry.to_json()

    @app.get("/api/articles/{article_id}", response_model=m.ArticleDetails, responses=ERRORS, tags=["read"])
    def article(article_id: Annotated[str, PathParam(max_length=300)], store: Store = Depends(stores.get)):
        """An article's text with its time expressions, entity mentions and events as half-open
        character offsets (as ``kroniek show``); ``#N`` is the N-th stored article."""
        if not _SAFE_ID.match(article_id) or ".." in article_id:
            raise ApiError(400, "bad_request", "not an article id")
        return store.article(article_id)

    @app.get("/api/entities", response_model=m.EntityList, responses=ERRORS, tags=["read"])
    def entities(q: Annotated[str, Query(min_length=1, max_length=200, description="the start of a name")],
                 limit: Annotated[int, Query(ge=1, le=100)] = 10, offset: Offset = 0,
                 store: Store = Depends(stores.get)):
        """Autocomplete: entities with a name or alias starting with ``q``, most mentioned first."""
        return store.complete_entities(q, limit, offset)

    @app.get("/api/entities/{entity_id}", response_model=m.EntityPage, responses=ERRORS, tags=["read"])
    def entity(entity_id: Annotated[str, PathParam(max_length=500)], limit: Limit = 100, offset: Offset = 0,
               after: Annotated[str | None, Query(max_length=40)] = None,
               store: Store = Depends(stores.get)):
        """An entity (by id, name or alias), its aliases and one page of its timeline."""
        found = store.find_entities(entity_id)
        if not found:
            raise ApiError(404, "not_found", f"no entity {entity_id!r}")
        summary = store.entity_summary(found[0]["uid"])
        return {"entity": summary,
                "timeline": timeline_page(store, entity=summary["id"], limit=limit, offset=offset, after=after)}

    overview: dict[str, Any] = {}

    @app.get("/api/stats", response_model=m.Stats, responses=ERRORS, tags=["read"])
    def stats(store: Store = Depends(stores.get)):
        """How big the archive is and its most mentioned entities (for the start page); kept for a minute."""
        now = time.monotonic()
        if overview.get("until", 0) < now:
            overview["body"] = {"articles": store.article_count(), "events": store.event_count(),
                                "entities": [{k: x[k] for k in ("id", "name", "type", "mentions", "articles")}
                                             for x in store.list_entities(limit=40, min_mentions=2)
                                             if x["type"] in ("PER", "ORG", "LOC")][:8]}
            overview["until"] = now + 60
        return overview["body"]

    @app.get("/api/search", response_model=m.SearchResult, responses=ERRORS, tags=["read"])
    def search(q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
               date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
               date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
               unit: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
               limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0,
               store: Store = Depends(stores.get)):
        """Articles whose events hold the words, published in the range, with histograms of
        publication dates and of when their events happened."""
        lo, hi = bound(date_from, False), bound(date_to, True)
        if lo is not None and hi is not None and lo >= hi:
            raise ApiError(400, "bad_request", "the start is after the end")
        return store.search_articles(query_words(q), lo, hi, unit, limit, offset)

    @app.get("/api/export", responses={**ERRORS, 200: {"content": {"application/json": {}, "text/csv": {}}}},
             tags=["read"])
    def export(format: Annotated[str, Query(pattern="^(timelinejs|csv|json)$")] = "timelinejs",
               query: Annotated[str | None, Query(max_length=500)] = None,
               entity: Annotated[str | None, Query(max_length=500)] = None,
               date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
               date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
               min_sources: Annotated[int, Query(ge=1, le=1000)] = 1,
               top: Annotated[int | None, Query(ge=1, le=10000)] = None, direct: bool = False,
               limit: Annotated[int, Query(ge=1, le=5000)] = 1000, offset: Offset = 0,
               store: Store = Depends(stores.get)):
        """A timeline as a file: TimelineJS 3 JSON, CSV or JSON (one page of up to 5,000 entries)."""
        page = Timeline(store).entries(query, entity=entity, start=date_from, end=date_to,
                                       min_sources=min_sources, top=top, direct=direct, limit=limit, offset=offset)
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", query or entity or "kroniek").strip("-")[:60] or "kroniek"
        if format == "csv":
            return Response(to_csv(page), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        if format == "json":
            body = {"total": page.total, "offset": page.offset, "limit": page.limit, "next": page.next,
                    "entries": [e.to_json() for e in page]}
            return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="{name}.json"'})
        return Response(to_timelinejs(page, query or entity or "kroniek"), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{name}-timelinejs.json"'})

    @app.get("/api/jobs/{job_id}", response_model=m.Job, responses=ERRORS, tags=["write"])
    def job(job_id: Annotated[str, PathParam(max_length=64)]):
        """A background ingest: its state, counts and the records it skipped."""
        found = jobs.get(job_id)
        if found is None:
            raise ApiError(404, "not_found", f"no job {job_id!r}")
        return found

    # -- writing -------------------------------------------------------------------------------------

    @app.post("/api/ingest", response_model=m.Job, status_code=202, responses=WRITE_ERRORS, tags=["write"])
    async def upload(request: Request, format: Annotated[str, Query(pattern="^(jsonl|json|csv|tsv|text)$")] = "jsonl",
                     lang: Annotated[str | None, Query(pattern="^(nl|en|nl-BE)$")] = None,
                     date: Annotated[str | None, Query(max_length=40, description="for records without one")] = None,
                     name: Annotated[str | None, Query(max_length=200, description="the upload's file name")] = None,
                     token: str = Depends(writer)):
        """Articles in the body (JSON Lines, JSON, CSV, TSV or date-header text, UTF-8), ingested
        in the background: follow it at ``/api/jobs/{id}``."""
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_body:
                raise ApiError(413, "too_large", f"the request body is larger than {max_body:,} bytes")
        if not body.strip():
            raise ApiError(400, "bad_request", "the body holds no articles")
        if date is not None:
            from ..temporal.dct import parse_dct

            parse_dct(date)  # a bad date is the caller's mistake, now
        return jobs.submit(bytes(body), format, lang=lang, date=date, name=name, by=token)

    @app.post("/api/entities/merge", response_model=m.Entity, responses=WRITE_ERRORS, tags=["write"])
    def merge(body: m.MergeRequest, token: str = Depends(writer), store: Store = Depends(stores.get)):
        """Merge entity ``other`` into ``keep``; the decision holds for later ingests."""
        row = store.merge_entities(body.keep, body.other)
        return store.entity_summary(row["uid"])

    @app.post("/api/entities/split", response_model=m.Entity, responses=WRITE_ERRORS, tags=["write"])
    def split(body: m.SplitRequest, token: str = Depends(writer), store: Store = Depends(stores.get)):
        """Split the mentions written with ``names`` (or in ``articles``) off ``entity`` into a new one."""
        if not body.names and not body.articles:
            raise ApiError(400, "bad_request", "give names or articles to split off")
        row = store.split_entity(body.entity, body.names, body.articles)
        return store.entity_summary(row["uid"])

    # -- the page and the documentation --------------------------------------------------------------

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="kroniek API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/healthz", include_in_schema=False, response_class=PlainTextResponse)
    def healthz() -> str:
        return "ok"

    app.state.jobs = jobs
    return app

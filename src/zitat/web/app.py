"""The web application: HTTP API under ``/api``, HTML pages, static files.

Storage, API and UI stay apart (as in Datasette): :mod:`zitat.store` answers queries,
:mod:`zitat.web.api` turns them into JSON, :mod:`zitat.web.pages` into HTML.
Requests read on a small pool of read-only connections in parallel; writes (ingest over
HTTP, when enabled) go through one store, one at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from zitat import __version__
from zitat.errors import ZitatError
from zitat.settings import get_settings
from zitat.store import Store, open_store
from zitat.web import api, charts, clusters, pages, statistik
from zitat.web.analyser import Analyser
from zitat.web.deps import CACHE_SECONDS, HERE, ReaderPool, WebState, templates
from zitat.web.pagecache import ResponseCache
from zitat.web.ratelimit import TokenBuckets
from zitat.web.security import SecurityMiddleware, uvicorn_limits

log = logging.getLogger(__name__)


def create_app(
    db: str | Path = "zitat.db",
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    store: Store | None = None,
    analysis_process: bool = False,
) -> FastAPI:
    """Build the application over a store.

    Args:
        db: SQLite path or ``postgresql://`` URL (ignored when ``store`` is given).
        allow_ingest: enable ``POST /api/articles``.
        token: the bearer token ``POST /api/articles`` requires.
        store: an open store to serve instead of opening ``db``.
        analysis_process: analyse posted texts in a child process of their own rather than
            in the server's threads (:mod:`zitat.web.analyser`; ``zitat serve`` does).
    """
    if allow_ingest and not token:
        raise ZitatError("ingest over HTTP needs a token")
    app = FastAPI(
        title="zitat",
        version=__version__,
        description="Who said what, to whom, when and where — quotations from German news.",
        docs_url=None,  # served below from the installed swagger-ui package, not a CDN
        redoc_url=None,
        lifespan=_lifespan,
    )
    readers = None
    if store is None and str(db) != ":memory:":
        # reads on connections of their own, in parallel; writes on the one store below
        readers = ReaderPool(lambda: open_store(db, readonly=True))
    state = app.state.zitat = WebState(
        store or open_store(db, readonly=not allow_ingest), allow_ingest=allow_ingest,
        token=token, readers=readers, analyser=Analyser(child=analysis_process),
    )
    settings = get_settings()
    app.state.analyze_limiter = TokenBuckets(settings.analyze_rate, settings.analyze_burst)
    # inside the security middleware: a kept response gets its headers as a new one does
    app.add_middleware(ResponseCache, version=state.version, max_age=CACHE_SECONDS)
    app.add_middleware(SecurityMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _add_docs(app)
    app.include_router(api.router)
    app.include_router(clusters.api)
    app.include_router(pages.router)
    app.include_router(statistik.api_router)
    app.include_router(statistik.page_router)
    app.include_router(clusters.pages)
    _add_error_handlers(app)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On start: :func:`warm_up`; on shutdown: close the read connections and end the
    analysis process."""
    await run_in_threadpool(warm_up)
    yield
    app.state.zitat.close()


def warm_up() -> None:
    """Compile every page template and load the map outlines before the first request.

    Both happened on the first pages a server showed, 15-40 ms each in the event loop
    that every request shares, and when many visitors came at once several of them
    compiled the same template: at the start of the load benchmark (issue 24) the
    first seconds' requests waited 0.5-1.4 s. Compiled templates stay in the
    environment all apps of the process share, so this costs once per process.
    """
    for name in templates.env.list_templates(extensions=["html"]):
        templates.get_template(name)
    charts.load_outlines()


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at ``/docs`` from the ``swagger-ui-bundle`` package: works offline."""
    import swagger_ui_bundle
    from fastapi.openapi.docs import get_swagger_ui_html

    app.mount("/static-docs", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path),
              name="static-docs")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="zitat API",
            swagger_js_url="/static-docs/swagger-ui-bundle.js",
            swagger_css_url="/static-docs/swagger-ui.css",
            swagger_favicon_url="/static-docs/favicon-32x32.png",
        )


#: Starlette's default reasons, as the UI says them
_GERMAN_STATUS = {"Not Found": "Nicht gefunden", "Method Not Allowed": "Methode nicht erlaubt",
                  "Unauthorized": "Nicht angemeldet", "Forbidden": "Nicht erlaubt"}


def german_problem(error: Any) -> str:
    """A request validation error of pydantic in German (the UI's language)."""
    ctx = error.get("ctx") or {}
    kind = error.get("type", "")
    given = error.get("input")
    messages = {
        "greater_than_equal": f"muss mindestens {ctx.get('ge')} sein",
        "greater_than": f"muss größer als {ctx.get('gt')} sein",
        "less_than_equal": f"darf höchstens {ctx.get('le')} sein",
        "less_than": f"muss kleiner als {ctx.get('lt')} sein",
        "int_parsing": f"{given!r} ist keine ganze Zahl",
        "bool_parsing": f"{given!r} ist weder true noch false",
        "missing": "fehlt",
        "string_too_long": f"ist länger als {ctx.get('max_length')} Zeichen",
    }
    return messages.get(kind, str(error.get("msg", "ungültig")))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path in ("/docs", "/openapi.json")


def _error(request: Request, status: int, message: str) -> JSONResponse | HTMLResponse:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _add_error_handlers(app: FastAPI) -> None:
    """Errors are JSON with a message for the API and a page for people; never a traceback."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Any:
        response = _error(request, exc.status_code,
                          _GERMAN_STATUS.get(str(exc.detail), str(exc.detail)))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Any:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'Anfrage'}: {german_problem(e)}"
            for e in exc.errors()
        )
        return _error(request, 422, f"Ungültige Anfrage: {problems}")

    @app.exception_handler(ZitatError)
    async def zitat_error(request: Request, exc: ZitatError) -> Any:
        return _error(request, 422, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Any:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "Interner Fehler; Einzelheiten im Server-Log")


def run_server(
    db: str | Path, *, host: str = "127.0.0.1", port: int = 8000, allow_ingest: bool = False,
    token: str | None = None,
) -> None:
    """Serve the application with uvicorn (blocking)."""
    import uvicorn

    app = create_app(db, allow_ingest=allow_ingest, token=token, analysis_process=True)
    where = f"http://{host}:{port}"
    print(f"zitat: serving {db} at {where}/ (API docs at {where}/docs); Ctrl-C stops",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", **uvicorn_limits())


@contextmanager
def serving(db: str | Path, *, timeout: float = 20.0, **options: Any) -> Iterator[str]:
    """The application served as ``zitat serve`` serves it, on a free port of 127.0.0.1 in a
    background thread (for the browser tests and the screenshots); yields its base URL and
    stops the server on leaving.

    Args:
        db: the store.
        timeout: seconds to wait for the server to listen.
        options: passed to :func:`create_app` (``allow_ingest``, ``token``).

    Raises:
        RuntimeError: the server did not start in time.
    """
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=0,
                                           log_level="error", **uvicorn_limits()))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"zitat: the web server for {db} did not start")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)

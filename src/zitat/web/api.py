"""The HTTP API (``/api``): search, articles, speakers, stats, exports, analysis, ingest."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from zitat.errors import InputError, LimitError
from zitat.ingest.jsonl import JSONInputError, parse_json
from zitat.ingest.language import NAMES as LANGUAGE_NAMES
from zitat.ingest.language import detect_language
from zitat.render import to_csv
from zitat.schema import Article
from zitat.store import Store
from zitat.store.records import (
    FacetValue,
    QuoteHit,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    Stats,
)
from zitat.web.analyser import AnalysisFailed
from zitat.web.deps import (
    COUNT_LIMIT,
    MAX_OFFSET,
    MinConfidence,
    checked_date,
    find_article,
    find_profile,
    result_page,
    search_query,
    state_of,
)
from zitat.web.ratelimit import retry_after

router = APIRouter(prefix="/api", tags=["api"])

#: request bodies of POST /api/analyze and /api/articles
MAX_BODY = 1_000_000


class AnalyzeRequest(BaseModel):
    """Body of ``POST /api/analyze`` and ``POST /api/articles`` (JSON)."""

    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    any_language: bool = Field(
        default=False, description="Analyse a text that is not German too (else 422).")


class IngestResult(BaseModel):
    id: str
    added: bool
    quotes: int


class QuotePage(BaseModel):
    """One page of a quote search, with the total and facet counts (as Datasette gives)."""

    total: int = Field(description=f"Quotes matching the filters, over all pages, counted "
                                   f"up to {COUNT_LIMIT:,}: with total_exact false more match.")
    total_exact: bool = Field(description=f"Whether total is all matches (false: more than "
                                          f"{COUNT_LIMIT:,} match).")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last.")
    previous: str | None = Field(description="URL of the previous page, or null on the first.")
    quotes: list[QuoteHit]
    facets: dict[str, list[FacetValue]] = Field(
        description="Matching quotes counted by speaker, type, year, place and source "
                    f"(the ten most frequent values each), of the newest {COUNT_LIMIT:,} "
                    "matches when more match (total_exact false); empty with facets=false.")


class SpeakerChoice(BaseModel):
    """A name that fits several speakers (HTTP 300): pick one by its id."""

    detail: str
    candidates: list[SpeakerSummary]


async def export_query(
    base: Annotated[SearchQuery, Depends(search_query)],
    limit: Annotated[int, Query(ge=1, le=10_000, description="Rows (default 1,000).")] = 1000,
) -> SearchQuery:
    """Search parameters of the exports: the same filters, up to 10,000 rows."""
    return base.model_copy(update={"limit": limit})


@router.get("/quotes", response_model=QuotePage)
async def quotes(
    request: Request,
    query: Annotated[SearchQuery, Depends(search_query)],
    facets: Annotated[bool, Query(description="Count the matches by facet.")] = True,
) -> Any:
    """Quotes matching the filters, newest first, with the total, links to the next and
    previous pages and facet counts (``limit`` ≤ 500, ``offset`` to page). Totals are
    counted up to 1,000 (``total_exact``); beyond, the facets count the newest 1,000."""
    page = await result_page(state_of(request), query, facets)
    after = query.offset + query.limit
    return QuotePage(
        total=page.total, total_exact=page.exact, limit=query.limit, offset=query.offset,
        next=str(request.url.include_query_params(offset=after)) if page.more else None,
        previous=str(request.url.include_query_params(offset=max(0, query.offset - query.limit)))
        if query.offset else None,
        quotes=page.hits, facets=page.facets,
    )


@router.get("/quotes.csv", response_class=PlainTextResponse)
async def quotes_csv(
    request: Request,
    query: Annotated[SearchQuery, Depends(export_query)],
    excel: Annotated[bool, Query(description="For German spreadsheets: ';' as separator "
                                             "and a UTF-8 byte order mark.")] = False,
) -> Response:
    """The search as CSV with a header row (``excel=true`` for German Excel)."""
    state = state_of(request)
    hits = await state.query(Store.search, query)
    return Response(to_csv(hits, excel=excel, fields=list(QuoteHit.model_fields)),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="zitat-quotes.csv"'})


@router.get("/quotes.jsonl", response_class=PlainTextResponse)
async def quotes_jsonl(request: Request,
                       query: Annotated[SearchQuery, Depends(export_query)]) -> Response:
    """The search as JSON Lines, one quote per line."""
    state = state_of(request)
    hits = await state.query(Store.search, query)
    body = "".join(h.model_dump_json() + "\n" for h in hits)
    return Response(body, media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="zitat-quotes.jsonl"'})


@router.get("/articles/{article_id}", response_model=Article)
async def article(request: Request, article_id: str) -> Any:
    """One stored article with all its annotations (the data contract)."""
    return await find_article(state_of(request), article_id, f"no article {article_id}")


@router.get("/speakers", response_model=list[SpeakerSummary])
async def speakers(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Any:
    """Speakers ranked by number of quotes, with roles and first/last dates."""
    state = state_of(request)
    return await state.query(Store.speakers, limit, offset)


@router.get("/speakers/{speaker}", response_model=SpeakerProfile,
            responses={300: {"model": SpeakerChoice,
                             "description": "The name fits several speakers."}})
async def speaker(request: Request, speaker: str, min_confidence: MinConfidence = None) -> Any:
    """A speaker's profile by id or name: variants, roles over time, quotes per month,
    places, co-mentions. A name that fits several speakers (a surname) answers 300 with
    the candidates. ``min_confidence`` counts and lists only attributions at least that
    confident (``uncertain`` counts the others)."""
    found = await find_profile(state_of(request), speaker, min_confidence)
    if isinstance(found, list):
        choice = SpeakerChoice(
            detail=f"„{speaker}“ ist mehrdeutig: {len(found)} Sprecher passen", candidates=found)
        return JSONResponse(choice.model_dump(mode="json"), status_code=300)
    return found


@router.get("/stats", response_model=Stats)
async def stats(request: Request) -> Any:
    """Corpus figures."""
    state = state_of(request)
    return await state.query(Store.stats)


async def read_analyze_request(request: Request) -> AnalyzeRequest:
    """The body as an :class:`AnalyzeRequest`: JSON, or plain text with ``date``/``title``
    query parameters. 413 over 1 MB, 400 for bytes that are not UTF-8 or not JSON, 422
    for empty text or bad fields."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise HTTPException(413, f"request body over {MAX_BODY:,} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413, f"request body over {MAX_BODY:,} bytes")
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(400, f"the body is not UTF-8 (byte {exc.start}); send UTF-8 "
                                 "encoded text") from None
    if request.headers.get("content-type", "").startswith("text/plain"):
        data: Any = {"text": decoded, **{k: request.query_params.get(k)
                                         for k in ("date", "title", "any_language")
                                         if request.query_params.get(k)}}
    else:
        try:
            data = parse_json(decoded) if decoded.strip() else {}
        except JSONInputError as exc:
            raise HTTPException(400, f"invalid JSON: {exc}") from None
    try:
        req = AnalyzeRequest.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}"
                             for e in exc.errors())
        raise HTTPException(422, f"invalid request: {problems}") from None
    if not req.text.strip():
        raise HTTPException(422, "text is empty")
    return req.model_copy(update={"date": checked_date(req.date, "date")})


async def rate_limit(request: Request) -> None:
    """429 with ``Retry-After`` when the client has used up its analyses
    (``ZITAT_ANALYZE_RATE`` per minute, ``ZITAT_ANALYZE_BURST`` at once)."""
    limiter = request.app.state.analyze_limiter
    wait = limiter.take(request.client.host if request.client else "")
    if wait:
        raise HTTPException(429, "too many analyses from this address; retry in "
                                 f"{retry_after(wait)} s",
                            headers={"Retry-After": retry_after(wait)})


async def _analyze(request: Request, req: AnalyzeRequest) -> Article:
    lang = None if req.any_language else await run_in_threadpool(detect_language, req.text)
    if lang not in (None, "de"):
        raise HTTPException(422, f"Der Text ist {LANGUAGE_NAMES.get(lang, lang)} ({lang}), "
                                 "nicht Deutsch; zitats Modelle lesen nur Deutsch "
                                 "(any_language: true analysiert ihn trotzdem)")
    try:
        article = await state_of(request).analyser(req.text, req.date, req.title)
    except AnalysisFailed as exc:
        raise HTTPException(503, str(exc)) from None
    except LimitError as exc:  # too many tokens (413) or too slow (422): the reason says which
        raise HTTPException(exc.status, str(exc)) from None
    except InputError as exc:
        raise HTTPException(422, str(exc)) from None
    if req.url or req.source:
        article = article.model_copy(update={"url": req.url, "source": req.source})
    return article


@router.post("/analyze", response_model=Article, dependencies=[Depends(rate_limit)])
async def analyze_text(request: Request) -> Any:
    """Analyse a text and return its Article JSON without storing it.

    Body: JSON ``{"text": …, "date": "2022-03", "title": …}`` or ``text/plain`` (then
    ``?date=…&title=…``). Limits: 1 MB (413), UTF-8 only (400), non-empty text (422),
    ``ZITAT_MAX_TOKENS`` tokens (413), ``ZITAT_MAX_SECONDS`` of analysis (422),
    ``ZITAT_ANALYZE_RATE`` analyses a minute per client address (429).
    """
    return await _analyze(request, await read_analyze_request(request))


@router.post("/articles", response_model=IngestResult, status_code=201,
             dependencies=[Depends(rate_limit)])
async def ingest_article(request: Request) -> Any:
    """Analyse and store an article. Only when the server runs with ``--allow-ingest``
    (403 otherwise) and with ``Authorization: Bearer <token>`` (401 otherwise)."""
    state = state_of(request)
    if not state.allow_ingest:
        raise HTTPException(403, "this server is read-only; start it with --allow-ingest "
                                 "--token …")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # compared as bytes: compare_digest refuses str with non-ASCII characters (a 500)
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode("latin-1"), (state.token or "").encode("utf-8")):
        raise HTTPException(401, "missing or wrong bearer token",
                            headers={"WWW-Authenticate": "Bearer"})
    article = await _analyze(request, await read_analyze_request(request))
    result = await state.write(Store.add_articles, [article])
    return JSONResponse(
        IngestResult(id=article.id, added=result.added == 1,
                     quotes=len(article.quotes)).model_dump(),
        status_code=201 if result.added else 200,
    )

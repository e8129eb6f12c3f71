"""HTML pages: overview, search, article, speaker (server-rendered, German labels)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from zitat.schema import QUOTE_TYPES
from zitat.store.records import SearchQuery
from zitat.web.charts import month_bars
from zitat.web.deps import find_article, find_profile, search_query, state_of, templates
from zitat.web.highlight import article_marks, highlight, legend, mark_terms

router = APIRouter(include_in_schema=False)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become links; `javascript:` and the like stay text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@router.get("/", response_class=HTMLResponse)
async def overview(request: Request) -> Any:
    """Corpus figures, quotes over time, top speakers, latest quotes."""
    state = state_of(request)
    stats = await state.query(state.store.stats)
    top = await state.query(state.store.speakers, 10, 0)
    latest = await state.query(state.store.search, SearchQuery(limit=8))
    return templates.TemplateResponse(request, "index.html", {
        "stats": stats, "top": top, "latest": [(h, mark_terms(h.text, None)) for h in latest],
        "chart": month_bars(stats.quotes_per_month, label="Zitate pro Monat im Korpus"),
    })


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, query: Annotated[SearchQuery, Depends(search_query)]) -> Any:
    """Free text plus facets; every search is a shareable GET URL."""
    state = state_of(request)
    page = query.model_copy(update={"limit": query.limit + 1})  # one more: is there a next page?
    hits = await state.query(state.store.search, page)
    more = len(hits) > query.limit
    hits = hits[: query.limit]
    params = {k: v for k, v in request.query_params.items() if v and k != "offset"}

    def page_url(offset: int) -> str:
        return "/search?" + urlencode({**params, "offset": offset})

    return templates.TemplateResponse(request, "search.html", {
        "query": query, "types": QUOTE_TYPES,
        "results": [(h, mark_terms(h.text, query.text)) for h in hits],
        "prev_url": page_url(max(0, query.offset - query.limit)) if query.offset else None,
        "next_url": page_url(query.offset + query.limit) if more else None,
        "export": urlencode(params),
    })


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> Any:
    """The article text with every annotation highlighted, and its quotes."""
    state = state_of(request)
    art = await find_article(state, article_id, f"Kein Artikel {article_id}")
    names = {e.id: e.name for e in art.entities}
    speaker_links: dict[str, int | None] = {}
    for q in art.quotes:
        name = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
        if name and name not in speaker_links:
            speaker_links[name] = await state.query(state.store.find_speaker, name)
    clusters = await state.query(state.store.article_clusters, art.id)
    rows = []
    for q in art.quotes:
        name = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
        cluster_id, outlets = clusters.get(q.id, (None, 0))
        rows.append({"q": q, "speaker": name, "speaker_id": speaker_links.get(name or ""),
                     "cluster_id": cluster_id, "outlets": outlets})
    return templates.TemplateResponse(request, "article.html", {
        "art": art, "url": safe_url(art.url), "body": highlight(art.text, article_marks(art)),
        "legend": legend(), "rows": rows,
    })


@router.get("/speakers/{speaker}", response_class=HTMLResponse)
async def speaker(request: Request, speaker: str) -> Any:
    """A speaker's profile: variants, roles with dates, timeline, places, latest quotes."""
    profile = await find_profile(state_of(request), speaker)
    return templates.TemplateResponse(request, "speaker.html", {
        "p": profile,
        "chart": month_bars(profile.quotes_per_month, label=f"Zitate von {profile.name} pro Monat"),
    })

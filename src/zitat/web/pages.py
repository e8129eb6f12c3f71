"""HTML pages: overview, search, article, speaker (server-rendered, German labels)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from zitat.schema import QUOTE_TYPES
from zitat.store import Store
from zitat.store.records import PlaceCount, SearchQuery
from zitat.store.shares import DIMENSION_LABELS, label
from zitat.web.charts import month_bars, place_map
from zitat.web.deps import (
    Reader,
    find_article,
    find_profile,
    result_page,
    search_query,
    state_of,
    templates,
)
from zitat.web.highlight import QUOTE_COLOURS, article_marks, highlight, legend, mark_terms

router = APIRouter(include_in_schema=False)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become links; `javascript:` and the like stay text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


@router.get("/", response_class=HTMLResponse)
async def overview(request: Request) -> Any:
    """Corpus figures, quotes over time, top speakers, latest quotes."""
    state = state_of(request)
    stats = await state.query(Store.stats)
    top = await state.query(Store.speakers, 10, 0)
    latest = await state.query(Store.search, SearchQuery(limit=8))
    places = await state.query(Store.place_counts, None, 60)
    return templates.TemplateResponse(request, "index.html", {
        "stats": stats, "top": top, "latest": [(h, mark_terms(h.text, None)) for h in latest],
        "chart": month_bars(stats.quotes_per_month, label="Zitate pro Monat im Korpus"),
        "map": place_map(places, label="Orte im Korpus"),
    })


#: the search parameter each facet sets when one of its values is clicked
FACET_PARAMS = {"speaker": "speaker", "type": "type", "year": None, "place": "place",
                "source": None}


@router.get("/search", response_class=HTMLResponse)
async def search(request: Request, query: Annotated[SearchQuery, Depends(search_query)]) -> Any:
    """Free text plus filters, with the total and facet counts; every search is a GET URL."""
    page = await result_page(state_of(request), query)
    facets = page.facets
    params = {k: v for k, v in request.query_params.items() if v and k != "offset"}

    def page_url(offset: int) -> str:
        return "/search?" + urlencode({**params, "offset": offset})

    def facet_url(name: str, value: str) -> str:
        """The current search narrowed to one facet value (a year narrows the dates)."""
        narrowed = {k: v for k, v in params.items() if k not in ("since", "until", name)}
        if name == "year":
            narrowed.update(since=value, until=value)
        else:
            narrowed[FACET_PARAMS[name] or name] = value
        return "/search?" + urlencode(narrowed)

    facet_links = {
        name: [(f, facet_url(name, f.value)) for f in values]
        for name, values in facets.items() if values and (FACET_PARAMS[name] or name == "year")
    }
    # a facet without a filter of its own (source) is shown as counts only
    facet_links.update({name: [(f, None) for f in values]
                        for name, values in facets.items()
                        if values and not FACET_PARAMS[name] and name != "year"})
    after = query.offset + query.limit
    return templates.TemplateResponse(request, "search.html", {
        "query": query, "types": QUOTE_TYPES, "total": page.total, "exact": page.exact,
        "facets": [(name, facet_links[name]) for name in FACET_PARAMS if name in facet_links],
        "results": [(h, mark_terms(h.text, query.text)) for h in page.hits],
        "prev_url": page_url(max(0, query.offset - query.limit)) if query.offset else None,
        "next_url": page_url(after) if page.more else None,
        "export": urlencode(params),
    })


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> Any:
    """The article text with every annotation highlighted, and its quotes."""
    state = state_of(request)
    art = await find_article(state, article_id, f"Kein Artikel {article_id}")
    names = {e.id: e.name for e in art.entities}

    def steps(call: Reader) -> tuple[dict[str, int | None], Any, dict[str, int]]:
        speaker_links: dict[str, int | None] = {}
        for q in art.quotes:
            name = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
            if name and name not in speaker_links:
                speaker_links[name] = call(Store.find_speaker, name)
        clusters = call(Store.article_clusters, art.id)
        known = {name: i for name, i in speaker_links.items() if i is not None}
        # every person named in the article links to their page when the store knows them
        entity_links: dict[str, int] = {}
        for e in art.entities:
            if e.label == "PER" and e.name in known:
                entity_links[e.id] = known[e.name]
            elif e.label == "PER":
                found = call(Store.speaker_candidates, e.name)
                if len(found) == 1:
                    entity_links[e.id] = found[0].id
        return speaker_links, clusters, entity_links

    # the article's reads in one trip to the thread pool (see WebState.reads)
    speaker_links, clusters, entity_links = await state.reads(steps)
    rows = []
    for number, q in enumerate(art.quotes, 1):
        name = q.speaker and (names.get(q.speaker.entity or "") or q.speaker.text)
        cluster_id, outlets = clusters.get(q.id, (None, 0))
        rows.append({"q": q, "number": number, "colour": (number - 1) % QUOTE_COLOURS,
                     "speaker": name, "speaker_id": speaker_links.get(name or ""),
                     "cluster_id": cluster_id, "outlets": outlets})
    known = {name: i for name, i in speaker_links.items() if i is not None}
    return templates.TemplateResponse(request, "article.html", {
        "art": art, "url": safe_url(art.url),
        "body": highlight(art.text, article_marks(art, known)),
        "legend": legend(), "rows": rows, "entity_links": entity_links,
    })


#: the confidence a speaker page asks of an attribution unless all are asked for: the
#: quote and its speaker are more likely right than wrong (zitat.nlp.confidence)
SPEAKER_PAGE_CONFIDENCE = 0.5


@router.get("/speakers/{speaker}", response_class=HTMLResponse)
async def speaker(request: Request, speaker: str, alle: bool = False) -> Any:
    """A speaker's profile: variants, roles with dates, timeline, places, latest quotes;
    for a name that fits several speakers, the list to choose from (HTTP 300).

    Counts and quotes take only confident attributions (confidence ≥
    :data:`SPEAKER_PAGE_CONFIDENCE`) unless ``alle=1`` asks for all; the page links to both.
    """
    state = state_of(request)
    found = await find_profile(state, speaker, None if alle else SPEAKER_PAGE_CONFIDENCE)
    if isinstance(found, list):
        return templates.TemplateResponse(request, "speakers_choice.html",
                                          {"name": speaker, "candidates": found}, status_code=300)
    profile = found

    def steps(call: Reader) -> tuple[dict[str, int], list[PlaceCount], Any]:
        # co-mentioned people link to their pages when the name means one speaker
        co_links: dict[str, int] = {}
        for name, _ in profile.co_mentioned:
            candidates = call(Store.speaker_candidates, name)
            if len(candidates) == 1:
                co_links[name] = candidates[0].id
        return (co_links, call(Store.place_counts, profile.id, 60),
                call(Store.speaker_attributes, profile.id))

    co_links, places, attrs = await state.reads(steps)  # one trip (see WebState.reads)
    return templates.TemplateResponse(request, "speaker.html", {
        "p": found, "co_links": co_links, "label": label, "dim_labels": DIMENSION_LABELS,
        "attrs": attrs,
        "map": place_map(places, label=f"Orte in den Artikeln mit Zitaten von {found.name}"),
        "chart": month_bars(found.quotes_per_month, label=f"Zitate von {found.name} pro Monat"),
    })

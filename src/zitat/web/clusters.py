"""One statement across outlets: the cluster page ``/zitate/{id}``, search grouped by
statement (``/zitate``) and their API routes (``/api/clusters``)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from zitat.store import Store
from zitat.store.clusters import GROUP_FETCH, group_hits
from zitat.store.records import HitGroup, SearchQuery, StatementCluster
from zitat.web.deps import WebState, search_query, state_of, templates
from zitat.web.highlight import mark_terms

api = APIRouter(prefix="/api", tags=["api"])
pages = APIRouter(include_in_schema=False)


async def find_cluster(state: WebState, cluster_id: int) -> StatementCluster:
    """A statement cluster by id; 404 when there is none."""
    found = await state.query(Store.cluster, cluster_id)
    if found is None:
        raise HTTPException(404, f"Keine Aussage {cluster_id}")
    return found


async def grouped(state: WebState, query: SearchQuery) -> list[HitGroup]:
    """The search grouped by statement: ``query.limit`` groups, from the newest hit."""
    wide = query.model_copy(update={"limit": query.limit * GROUP_FETCH,
                                    "offset": query.offset * GROUP_FETCH})
    hits = await state.query(Store.search, wide)
    return group_hits(hits, query.limit)


@api.get("/clusters/{cluster_id}", response_model=StatementCluster)
async def cluster_json(request: Request, cluster_id: int) -> Any:
    """One statement: first appearance, every appearance, outlets, variants with their
    word-level differences, and whether the versions credit different speakers."""
    return await find_cluster(state_of(request), cluster_id)


@api.get("/clusters", response_model=list[HitGroup])
async def clusters_search(request: Request,
                          query: Annotated[SearchQuery, Depends(search_query)]) -> Any:
    """The quote search grouped by statement (``limit`` groups)."""
    return await grouped(state_of(request), query)


@pages.get("/zitate/{cluster_id}", response_class=HTMLResponse)
async def cluster_page(request: Request, cluster_id: int) -> Any:
    """Timeline of appearances, outlets, variant differences, conflicting attributions."""
    c = await find_cluster(state_of(request), cluster_id)
    return templates.TemplateResponse(request, "cluster.html", {"c": c})


@pages.get("/zitate", response_class=HTMLResponse)
async def grouped_page(request: Request,
                       query: Annotated[SearchQuery, Depends(search_query)]) -> Any:
    """The search grouped by statement: one entry per statement, with its other versions."""
    groups = await grouped(state_of(request), query)
    params = {k: v for k, v in request.query_params.items() if v and k != "offset"}
    return templates.TemplateResponse(request, "grouped.html", {
        "query": query,
        "groups": [(g, [(h, mark_terms(h.text, query.text)) for h in g.hits]) for g in groups],
        "search_url": "/search?" + urlencode(params),
    })

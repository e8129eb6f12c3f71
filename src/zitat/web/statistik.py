"""Who gets to speak: the share statistics as an API route and the page ``/statistik``.

Both take the same parameters (``by``, ``since``, ``until``, ``source``, ``q``, ``top``)
and show the same numbers; the page draws them as SVG bars with their 95 % intervals and
as tables, next to the accuracy of each speaker attribute measured on the hand-labelled
evaluation set (``bench/bench_speaker_attributes.py --write``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from zitat.errors import StoreError
from zitat.render import shares_csv as render_csv
from zitat.store import Store
from zitat.store.shares import (
    DIMENSION_LABELS,
    DIMENSIONS,
    ShareQuery,
    ShareTable,
    label,
)
from zitat.web.deps import checked_date, find_profile, state_of, templates
from zitat.web.share_charts import share_bars

#: accuracies written by bench/bench_speaker_attributes.py --write
ACCURACY = Path(__file__).resolve().parents[1] / "nlp" / "data" / "attribute_accuracy.json"

api_router = APIRouter(prefix="/api", tags=["api"])
page_router = APIRouter(include_in_schema=False)

ByParam = Annotated[str, Query(description="Dimensions, comma-separated; the first is split "
                                           "into shares within groups of the others: "
                                           + ", ".join(DIMENSIONS))]


def share_query(by: str = "gender", since: str | None = None, until: str | None = None,
                source: str | None = None, q: str | None = None, top: int = 10) -> ShareQuery:
    """The :class:`ShareQuery` of the request's parameters (400 on a bad one)."""
    dims = [b.strip() for b in by.split(",") if b.strip()]
    bad = [b for b in dims if b not in DIMENSIONS]
    if not dims or bad:
        raise HTTPException(400, f"by: unknown {', '.join(bad) or '(none)'}; "
                                 f"one or more of {', '.join(DIMENSIONS)}")
    if not 1 <= top <= 1000:
        raise HTTPException(400, "top: 1 … 1000")
    return ShareQuery(by=dims, since=checked_date(since, "since"),
                      until=checked_date(until, "until"), source=source or None,
                      text=q or None, top=top)


async def _table(request: Request, query: ShareQuery) -> ShareTable:
    state = state_of(request)
    try:
        return await state.query(Store.shares, query)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from None


@api_router.get("/shares", response_model=ShareTable)
async def shares(request: Request, by: ByParam = "gender", since: str | None = None,
                 until: str | None = None, source: str | None = None, q: str | None = None,
                 top: int = 10) -> ShareTable:
    """Shares of quotes and of distinct speakers with 95 % Wilson intervals, and the share
    of the ``top`` most quoted speakers, per group."""
    return await _table(request, share_query(by, since, until, source, q, top))


@api_router.get("/shares.csv", response_class=PlainTextResponse)
async def shares_csv(request: Request, by: ByParam = "gender", since: str | None = None,
                     until: str | None = None, source: str | None = None,
                     q: str | None = None) -> str:
    """The same shares as CSV (as ``zitat stats --by … --format csv``)."""
    return render_csv(await _table(request, share_query(by, since, until, source, q)))


@api_router.get("/speakers/{speaker}/attributes")
async def speaker_attributes(request: Request, speaker: str) -> dict[str, Any]:
    """A speaker's kind, role class, party and gender: the value, the articles' votes, the
    evidence words and whether it was corrected by hand."""
    state = state_of(request)
    profile = await find_profile(state, speaker)
    return {"id": profile.id, "name": profile.name,
            **await state.query(Store.speaker_attributes, profile.id)}


def accuracies() -> dict[str, Any] | None:
    """The attribute accuracies of the evaluation set, or ``None`` when not measured."""
    try:
        return json.loads(ACCURACY.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


#: what the page offers to split by, and to group by
_SPLITS = ("gender", "role_class", "party", "kind", "cue_class", "mode", "mood")
_GROUPS = ("", "source", "month", "year", "gender", "role_class", "kind")


@page_router.get("/statistik", response_class=HTMLResponse)
async def statistik(request: Request, by: str = "gender", group: str = "",
                    since: str | None = None, until: str | None = None,
                    source: str | None = None, q: str | None = None) -> Any:
    """Who gets to speak: shares as SVG charts and tables, with intervals and accuracies."""
    if by not in _SPLITS or group not in _GROUPS or group == by:
        raise HTTPException(400, "by/group: unknown dimension")
    query = share_query(",".join(d for d in (by, group) if d), since, until, source, q)
    table = await _table(request, query)
    groups: dict[tuple[tuple[str, str], ...], list[Any]] = {}
    for r in table.rows:
        groups.setdefault(tuple(r.group.items()), []).append(r)
    sections = []
    for key, rows in groups.items():
        title = ", ".join(f"{DIMENSION_LABELS[k]}: {label(k, v)}" for k, v in key) or "Alle Zitate"
        sections.append({
            "title": title, "rows": rows,
            "quotes_chart": share_bars(
                [(label(by, r.value), r.quote_share, r.quote_low, r.quote_high, r.quotes)
                 for r in rows], label=f"Anteil der Zitate nach {DIMENSION_LABELS[by]} – {title}"),
            "speakers_chart": share_bars(
                [(label(by, r.value), r.speaker_share, r.speaker_low, r.speaker_high, r.speakers)
                 for r in rows],
                label=f"Anteil der Sprecher nach {DIMENSION_LABELS[by]} – {title}"),
        })
    return templates.TemplateResponse(request, "statistik.html", {
        "table": table, "sections": sections, "by": by, "group": group, "label": label,
        "splits": [(d, DIMENSION_LABELS[d]) for d in _SPLITS],
        "groups": [(d, DIMENSION_LABELS.get(d, "keine")) for d in _GROUPS],
        "since": since or "", "until": until or "", "source": source or "", "q": q or "",
        "dim_label": DIMENSION_LABELS[by], "accuracy": accuracies(),
    })

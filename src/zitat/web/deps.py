"""What the routers share: the app's state, the templates and the search dependencies.

The API (:mod:`zitat.web.api`) and the pages (:mod:`zitat.web.pages`) both depend on this
module and never on each other; :mod:`zitat.web.app` assembles them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import HTTPException, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from zitat.schema import Article, normalize_date
from zitat.store import Store
from zitat.store.records import SearchQuery, SpeakerProfile, SpeakerSummary, quote_type
from zitat.web import labels

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
# German words for the contract's codes, in every template
templates.env.filters.update({
    "quote_type": labels.quote_type, "medium": labels.medium, "entity_label": labels.entity_label,
    "time_value": labels.time_value, "granularity": labels.granularity,
    "time_type": labels.time_type, "de_date": labels.german_date,
})
templates.env.globals["FACET_NAMES"] = labels.FACETS
templates.env.globals["QUOTE_TYPE_NAMES"] = labels.QUOTE_TYPES
T = TypeVar("T")
#: the date forms a date parameter accepts, in the words of the error message
DATE_FORMS = "JJJJ, JJJJ-MM, JJJJ-MM-TT, TT.MM.JJJJ oder MM.JJJJ"

#: bounds of query parameters: SQLite integers end at 2**63 - 1, LIKE patterns at 50,000 bytes
MAX_OFFSET = 1_000_000_000
MAX_TERM = 500
MAX_NAME = 200


class WebState:
    """What the request handlers share: the store (behind a lock) and the ingest policy."""

    def __init__(self, store: Store, *, allow_ingest: bool, token: str | None) -> None:
        self.store = store
        self.allow_ingest = allow_ingest
        self.token = token
        self.lock = threading.Lock()

    async def query(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a store call in the thread pool, one at a time (one connection)."""

        def locked() -> T:
            with self.lock:
                return fn(*args)

        return await run_in_threadpool(locked)


def state_of(request: Request) -> WebState:
    """The application's shared state."""
    return request.app.state.zitat


def checked_date(value: str | None, name: str) -> str | None:
    """A date parameter in ISO or German notation as ``YYYY[-MM[-DD]]``; 422 naming it."""
    if not value or not value.strip():
        return None
    try:
        return normalize_date(value)
    except ValueError:
        raise HTTPException(
            422, f"{name}: {value!r} ist kein gültiges Datum ({DATE_FORMS})") from None


#: the ``min_confidence`` query parameter of searches and speaker profiles
MinConfidence = Annotated[float | None, Query(
    ge=0.0, le=1.0,
    description="Only quotes whose confidence (the probability that quote and speaker are "
                "right) is at least this, e.g. 0.5.")]


def search_query(
    q: Annotated[str | None, Query(
        max_length=MAX_TERM,
        description="Words in the quote or the speaker's name; case, umlauts and ß are folded.",
    )] = None,
    speaker: Annotated[str | None, Query(
        max_length=MAX_NAME, description="Any name variant of the speaker.")] = None,
    type: Annotated[str | None, Query(max_length=40, description="Quotation type.")] = None,
    since: Annotated[str | None, Query(
        max_length=10, description="Article date from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(
        max_length=10, description="Article date until (YYYY[-MM[-DD]]).")] = None,
    place: Annotated[str | None, Query(
        max_length=MAX_NAME, description="Articles mentioning this place.")] = None,
    about: Annotated[str | None, Query(
        max_length=10, description="Quotes talking about this time.")] = None,
    min_confidence: MinConfidence = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SearchQuery:
    """The search parameters shared by the API, the exports and the search page."""
    if type and type.strip():
        try:
            type = quote_type(type)
        except ValueError:
            names = ", ".join(f"{code} ({label})" for code, label in labels.QUOTE_TYPES.items())
            raise HTTPException(422, f"type: {type!r} ist kein Zitattyp; erlaubt: {names}") \
                from None
    return SearchQuery(
        text=(q or "").strip() or None, speaker=(speaker or "").strip() or None,
        type=type or None, since=checked_date(since, "since"),
        until=checked_date(until, "until"), place=(place or "").strip() or None,
        about=checked_date(about, "about"), min_confidence=min_confidence,
        limit=limit, offset=offset,
    )


async def find_article(state: WebState, article_id: str, missing: str) -> Article:
    """A stored article by id; 404 with the message ``missing`` when there is none."""
    found = await state.query(state.store.get_article, article_id)
    if found is None:
        raise HTTPException(404, missing)
    return found


async def find_profile(state: WebState, key: str, min_confidence: float | None = None,
                       ) -> SpeakerProfile | list[SpeakerSummary]:
    """A speaker profile by store id or by a name; for a name that fits several speakers
    (a surname) the candidates, most quotes first; 404 when none fits.

    Ids are ASCII digits within SQLite's integer range; other all-digit keys (``²``,
    ``٣``) and over-long names cannot name anyone, and never reach the store.
    """
    if (key.isdigit() and not (key.isascii() and len(key) <= 18)) or len(key) > MAX_NAME:
        raise HTTPException(404, f"Kein Sprecher „{key[:MAX_NAME]}“")
    candidates = await state.query(state.store.speaker_candidates, key)
    if len(candidates) > 1:
        return candidates
    profile = await state.query(state.store.speaker, candidates[0].id, 10, min_confidence) \
        if candidates else None
    if profile is None:
        raise HTTPException(404, f"Kein Sprecher „{key}“")
    return profile

"""What the routers share: the app's state, the templates and the search dependencies.

The API (:mod:`zitat.web.api`) and the pages (:mod:`zitat.web.pages`) both depend on this
module and never on each other; :mod:`zitat.web.app` assembles them.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Concatenate, ParamSpec, TypeVar

from fastapi import HTTPException, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from zitat.schema import Article, normalize_date
from zitat.store import Store
from zitat.store.records import (
    FacetValue,
    QuoteHit,
    SearchQuery,
    SpeakerProfile,
    SpeakerSummary,
    quote_type,
)
from zitat.web import labels
from zitat.web.analyser import Analyser

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
P = ParamSpec("P")
#: the date forms a date parameter accepts, in the words of the error message
DATE_FORMS = "JJJJ, JJJJ-MM, JJJJ-MM-TT, TT.MM.JJJJ oder MM.JJJJ"

#: bounds of query parameters: SQLite integers end at 2**63 - 1, LIKE patterns at 50,000 bytes
MAX_OFFSET = 1_000_000_000
MAX_TERM = 500
MAX_NAME = 200


#: store calls whose answers the server keeps until an article is added: aggregates over
#: the whole store or a whole result set, the costly part of a search page at 100,000
#: articles (issue 24: a facet count took a second, a search page many times that), and
#: the pages of searches, which popular searches ask for again and again
CACHED = frozenset({"count", "facets", "match_window", "stats", "speakers", "place_counts",
                    "search"})
#: searches of at most this many quotes are kept (a page of the API or the search page
#: and the quote after it); exports of thousands are not
CACHED_SEARCH_ROWS = 101
#: answers kept at most (least recently used go first)
CACHE_SIZE = 1024
#: the longest an answer is kept (seconds), for changes that add no article (`zitat recluster`,
#: speaker attributes re-derived)
CACHE_SECONDS = 60
#: read connections at most: one per core. A store that the page cache holds makes the
#: queries CPU-bound, and more connections than cores only contend for them (the load
#: benchmark on 2 cores, issue 24: 4 readers 5.1-5.7 ms of server CPU a read, 2 readers
#: 4.2 ms and 10-20 % more reads a second)
READERS = max(2, os.cpu_count() or 2)


#: what :meth:`WebState.reads` hands its steps: ``call(Store.method, *args)`` runs a read
Reader = Callable[..., Any]


class ReaderPool:
    """Read-only stores, one per store call in flight, so that requests read in parallel.

    SQLite in WAL mode and PostgreSQL let readers on separate connections run at once,
    each seeing the last committed state, while a writer writes; one shared connection
    (behind one lock) made 16 concurrent clients queue for it (issue 24, load benchmark).
    A store is opened when all open ones are busy, up to ``size``; a call beyond that waits.
    """

    def __init__(self, opener: Callable[[], Store], size: int = READERS) -> None:
        self._opener = opener
        self._idle: list[Store] = []
        self._opened: list[Store] = []
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._quick: Store | None = None
        self._quick_lock = threading.Lock()

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store for this thread alone until the block ends."""
        with self._slots:
            with self._lock:
                found = self._idle.pop() if self._idle else None
            if found is None:
                found = self._opener()
                with self._lock:
                    self._opened.append(found)
            try:
                yield found
            finally:
                with self._lock:
                    self._idle.append(found)

    @contextmanager
    def quick(self) -> Iterator[Store]:
        """A connection of its own for questions of microseconds (the data version every
        request asks for): never queued behind the searches holding the pool's
        connections, one at a time."""
        with self._quick_lock:
            if self._quick is None:
                self._quick = self._opener()
            yield self._quick

    def close(self) -> None:
        """Close every store the pool opened."""
        with self._lock:
            opened, self._opened, self._idle = self._opened, [], []
        with self._quick_lock:
            if self._quick is not None:
                opened.append(self._quick)
                self._quick = None
        for store in opened:
            store.close()


class WebState:
    """What the request handlers share: the store, read connections, a cache of the
    store's aggregate answers, the ingest policy and where texts are analysed.

    Reads run on the connections of ``readers`` in parallel; without a pool (a store
    handed in, an in-memory database) they share ``store`` behind a lock. Writes always
    go through ``store``, one at a time.
    """

    def __init__(self, store: Store, *, allow_ingest: bool, token: str | None,
                 readers: ReaderPool | None = None, analyser: Analyser | None = None) -> None:
        self.store = store
        self.analyser = analyser or Analyser(child=False)
        self.readers = readers
        self.allow_ingest = allow_ingest
        self.token = token
        self.lock = threading.Lock()  # the writes, and the reads when there is no pool
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[str, Any] = OrderedDict()
        self._version: int | None = None  # the store's data_version of the cached answers
        self._computing: dict[str, threading.Lock] = {}  # answers being computed, by key
        self.writes = 0  # writes through this server (part of :meth:`version`)

    @contextmanager
    def _reader(self) -> Iterator[Store]:
        if self.readers is None:
            with self.lock:
                yield self.store
        else:
            with self.readers.store() as store:
                yield store

    def version(self) -> tuple[int, int] | None:
        """What answers rendered from the store are valid for: the writes through this
        server and the store's data version (which other processes' writes change too);
        None for a store without data versions. A blocking call, on a connection of its
        own (:meth:`ReaderPool.quick`): a kept answer does not wait for a search."""
        with self.readers.quick() if self.readers is not None else self._reader() as store:
            if not hasattr(store, "data_version"):
                return None
            return self.writes, store.data_version()

    def _key(self, name: str, store: Store, args: tuple[Any, ...]) -> str | None:
        if name not in CACHED or not hasattr(store, "data_version"):
            return None
        if name == "search":  # one entry per page, and pages only
            query = args[0]
            if not isinstance(query, SearchQuery) or query.limit > CACHED_SEARCH_ROWS:
                return None
            return name + "\x00" + query.model_dump_json()
        # counts and facets do not depend on the page: one entry for all pages
        parts = [a.model_copy(update={"limit": 20, "offset": 0}).model_dump_json()
                 if isinstance(a, SearchQuery) else repr(a) for a in args]
        return name + "\x00" + "\x00".join(parts)

    def _lookup(self, key: str, version: int) -> tuple[bool, Any]:
        """(found, answer) from the cache, which is emptied when the store changed."""
        with self._cache_lock:
            if version != self._version:
                self._cache.clear()
                self._version = version
            entry = self._cache.get(key)
            if entry is not None and time.monotonic() - entry[0] < CACHE_SECONDS:
                self._cache.move_to_end(key)
                return True, entry[1]
            return False, None

    def _remember(self, key: str, version: int, result: Any) -> None:
        with self._cache_lock:
            if version != self._version:
                return  # the store changed while this was computed
            self._cache[key] = (time.monotonic(), result)
            self._cache.move_to_end(key)
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _cached_call(self, store: Store, name: str, args: tuple[Any, ...]) -> Any:
        """``store.<name>(*args)``, from the cache when the store has not changed since.

        Concurrent requests for an answer that is not cached yet wait for the one that
        computes it instead of computing it again (the first page of a popular search,
        the overview's figures right after an ingest).
        """
        call = getattr(store, name)
        key = self._key(name, store, args)
        if key is None:
            return call(*args)
        version = store.data_version()
        found, result = self._lookup(key, version)
        if found:
            return result
        with self._cache_lock:
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            found, result = self._lookup(key, version)
            if found:
                return result
            try:
                result = call(*args)
                self._remember(key, version, result)
            finally:
                with self._cache_lock:
                    self._computing.pop(key, None)
        return result

    async def query(self, method: Callable[Concatenate[Store, P], T], *args: P.args,
                    **kwargs: P.kwargs) -> T:
        """Run a read of the store (``Store.search`` and the like, with its arguments) in
        the thread pool on a read connection; counts, facets and rankings come from the
        cache while no article was added."""
        if kwargs:
            raise TypeError("store calls take positional arguments")
        name = method.__name__

        def read() -> T:
            with self._reader() as store:
                return self._cached_call(store, name, args)  # type: ignore[no-any-return]

        return await run_in_threadpool(read)

    async def reads(self, steps: Callable[[Reader], T]) -> T:
        """Run several reads of the store that depend on each other in one trip to the
        thread pool and on one read connection: ``steps`` gets a :data:`Reader`, which
        runs a store method as :meth:`query` does (from the cache where it may).

        A page of a search, or a speaker's, took two to four trips, each queued again
        behind every other request's reads when the server is busy (issue 24, load
        benchmark); one trip waits once.
        """
        def read() -> T:
            with self._reader() as store:
                def call(method: Callable[..., Any], *args: Any) -> Any:
                    return self._cached_call(store, method.__name__, args)
                return steps(call)

        return await run_in_threadpool(read)

    async def write(self, method: Callable[Concatenate[Store, P], T], *args: P.args,
                    **kwargs: P.kwargs) -> T:
        """Run a write of the store (``Store.add_articles``) in the thread pool, one at a
        time; the cache is emptied and :meth:`version` changes (readers also see the new
        data_version)."""
        name = method.__name__

        def locked() -> T:
            with self.lock:
                result = getattr(self.store, name)(*args, **kwargs)
            with self._cache_lock:
                self._cache.clear()
                self.writes += 1
            return result  # type: ignore[no-any-return]

        return await run_in_threadpool(locked)

    def close(self) -> None:
        """Close the read connections (the store itself belongs to whoever opened it) and
        end the analysis process."""
        if self.readers is not None:
            self.readers.close()
        self.analyser.close()


#: matches a search page counts at most: beyond it the page says "more than 1,000" and
#: the facets count the newest 1,000, so that neither costs more for a word in every tenth
#: quote than for a rare one (issue 24: exact counts and facets of 16,000 matches took
#: 200 ms a search)
COUNT_LIMIT = 1000


@dataclass(frozen=True)
class ResultPage:
    """One page of a search as the API and the search page show it.

    Attributes:
        hits: the page's quotes.
        total: the matches counted, at most :data:`COUNT_LIMIT`.
        exact: whether ``total`` is all of them (else more match).
        more: whether a next page has quotes.
        facets: counts by facet, of all matches when ``exact``, else of the newest
            :data:`COUNT_LIMIT`; empty when not asked for.
    """

    hits: list[QuoteHit]
    total: int
    exact: bool
    more: bool
    facets: dict[str, list[FacetValue]]


async def result_page(state: WebState, query: SearchQuery, facets: bool = True) -> ResultPage:
    """The page of quotes ``query`` asks for, its (bounded) total and facets."""
    # one quote more than the page tells whether a next page exists, also past the count
    rows = query.limit + 1

    def steps(call: Reader) -> ResultPage:
        if facets:
            # one statement finds the matches: their number, facets and the first pages' ids
            window = call(Store.match_window, query, 10, COUNT_LIMIT)
            counted, counts = window.total, window.facets
            ids = window.page(query.offset, rows)
        else:
            counted = call(Store.count, query, COUNT_LIMIT + 1)
            counts, ids = {}, None
        if ids is not None:
            found = call(Store.quotes_by_id, ids)
        else:  # a page beyond the window
            found = call(Store.search, query.model_copy(update={"limit": rows}))
        return ResultPage(hits=found[:query.limit], total=min(counted, COUNT_LIMIT),
                          exact=counted <= COUNT_LIMIT, more=len(found) > query.limit,
                          facets=counts)

    return await state.reads(steps)


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


async def search_query(
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
    """The search parameters shared by the API, the exports and the search page.

    A coroutine, though it waits for nothing: FastAPI runs a plain function dependency in
    its thread pool, a trip that a busy server queues behind the store reads of every
    other request (issue 24, load benchmark)."""
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
    found = await state.query(Store.get_article, article_id)
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

    def steps(call: Reader) -> SpeakerProfile | list[SpeakerSummary] | None:
        candidates = call(Store.speaker_candidates, key)
        if len(candidates) > 1:
            return candidates  # type: ignore[no-any-return]
        return call(Store.speaker, candidates[0].id, 10, min_confidence) \
            if candidates else None

    found = await state.reads(steps)  # one trip to the thread pool (see WebState.reads)
    if found is None:
        raise HTTPException(404, f"Kein Sprecher „{key}“")
    return found

"""``zitat watch``: poll RSS/Atom feeds and pages at an interval and store what is new.

Each poll of a feed is one conditional request (``If-None-Match`` / ``If-Modified-Since``
from the stored validators) with a polite ``User-Agent``. A changed feed is decoded and
read by the input-reader registry (the feed reader for RSS/Atom, the HTML reader for a
page; feedparser never fetches by itself); entries whose URL or text is already stored are
skipped; the rest are analysed and written in batches (one transaction each). Only after
a feed's articles are committed are its validators and next poll time stored, so a stop at
any point loses nothing: a restarted watch polls that feed again and skips what it has.

Errors back off per feed: the next poll of a failing feed waits
``interval * 2**failures`` (at most :data:`MAX_BACKOFF`); one success resets it. SIGINT
and SIGTERM end the watch after the current article batch is committed (exit code 0).
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from spacy.language import Language

from zitat import __version__
from zitat.analysis import analyze_many
from zitat.errors import InputError
from zitat.ingest import read_text
from zitat.ingest.decode import decode_bytes
from zitat.reports import RunReport
from zitat.schema import Article, RawArticle, Rejected, article_id
from zitat.store.feeds import FeedState
from zitat.store.rows import utc_now
from zitat.store.sql import SQLStore
from zitat.writer import BatchWriter

log = logging.getLogger(__name__)

USER_AGENT = f"zitat-watch/{__version__} (+https://example.org/zitat; polite feed reader)"
#: The longest wait of a failing feed (seconds).
MAX_BACKOFF = 6 * 3600.0
#: Seconds a request may take.
TIMEOUT = 30.0


@dataclass(frozen=True)
class Response:
    """What a fetch returns: the status, the body (empty for 304) and the validators."""

    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


Fetch = Callable[[str, FeedState], Response]


def fetch(url: str, state: FeedState) -> Response:
    """One conditional GET of ``url`` with the validators of ``state``.

    Returns:
        The response; a 304 is a :class:`Response` with status 304.

    Raises:
        OSError: a network error or an HTTP status other than 200 and 304.
    """
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    try:
        with urlopen(Request(url, headers=headers), timeout=TIMEOUT) as resp:
            return Response(resp.status, resp.read(), resp.headers.get("ETag"),
                            resp.headers.get("Last-Modified"))
    except HTTPError as exc:
        if exc.code == 304:
            return Response(304, b"", state.etag, state.last_modified)
        raise


def read_feed_list(path: str | Path) -> list[str]:
    """The URLs of a list file: one per line; blank lines and ``#`` comments are skipped.

    Raises:
        InputError: a line that is not an http(s) URL.
    """
    urls = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.startswith(("http://", "https://")):
            raise InputError(f"{path}:{n}: not an http(s) URL: {line[:80]}")
        urls.append(line)
    return list(dict.fromkeys(urls))


@dataclass
class WatchReport:
    """What a watch did: polls, answers, articles."""

    polls: int = 0
    not_modified: int = 0
    errors: int = 0
    run: RunReport = field(default_factory=RunReport)


class Watcher:
    """Polls feeds into a store; see the module docstring for the rules.

    Args:
        store: an open, writable store (its feed state is read and written).
        urls: feeds and pages to poll.
        interval: seconds between polls of one feed.
        nlp: the pipeline (default: the shipped one).
        batch_size: articles per transaction.
        fetcher: how a URL is fetched (tests and other transports).
        clock: the current time in seconds (tests).
    """

    def __init__(self, store: SQLStore, urls: Iterable[str], *, interval: float = 900.0,
                 nlp: Language | None = None, batch_size: int = 16,
                 fetcher: Fetch = fetch, clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.urls = list(urls)
        self.interval = interval
        self.nlp = nlp
        self.batch_size = batch_size
        self.fetcher = fetcher
        self.clock = clock
        self.stopping = False
        self.report = WatchReport()

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        """Ask the watch to end after the current batch (the SIGINT/SIGTERM handler)."""
        if signum is not None:
            log.info("signal %s: stopping after the current batch", signum)
        self.stopping = True

    def backoff(self, failures: int) -> float:
        """Seconds before the next poll after ``failures`` errors in a row."""
        return min(self.interval * 2 ** max(failures, 0), MAX_BACKOFF)

    def _new(self, records: Iterable[RawArticle | Rejected]) -> Iterator[RawArticle | Rejected]:
        """The records whose URL and text are not stored yet (each seen once per poll)."""
        seen: set[str] = set()
        for rec in records:
            if isinstance(rec, RawArticle):
                key = article_id(rec.text)
                if (rec.url and self.store.has_url(rec.url)) or key in seen \
                        or self.store.has_article(key):
                    self.report.run.read += 1
                    self.report.run.skipped += 1
                    continue
                seen.add(key)
                if rec.url:
                    seen.add(rec.url)
            yield rec

    def poll(self, url: str) -> bool:
        """Poll one feed now; ``True`` when all of it was handled (not stopped midway)."""
        state = self.store.feed_state(url)
        now = self.clock()
        self.report.polls += 1
        try:
            resp = self.fetcher(url, state)
        except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts are OSErrors
            failures = state.failures + 1
            self.report.errors += 1
            reason = f"HTTP {exc.code}" if isinstance(exc, HTTPError) else str(
                exc.reason if isinstance(exc, URLError) else exc)
            log.warning("%s: %s (failure %d, next poll in %.0f s)", url, reason, failures,
                        self.backoff(failures))
            self.store.save_feed_state(state.model_copy(update={
                "failures": failures, "next_poll": now + self.backoff(failures),
                "last_status": reason[:200], "last_polled": utc_now()}))
            return True
        if resp.status == 304:
            self.report.not_modified += 1
        elif not self._store_body(url, resp.body):
            return False  # stopped: the feed is polled again from the start next time
        self.store.save_feed_state(FeedState(
            url=url, etag=resp.etag, last_modified=resp.last_modified,
            next_poll=now + self.interval, failures=0, last_status=str(resp.status),
            last_polled=utc_now()))
        return True

    def _store_body(self, url: str, body: bytes) -> bool:
        """Read, filter, analyse and store one response; ``False`` when stopped midway."""
        try:
            text, _encoding = decode_bytes(body, url)
        except InputError as exc:
            log.warning("%s: %s", url, exc)
            return True
        records = self._new(read_text(text, url))
        run = self.report.run
        with BatchWriter(self.store, run, batch_size=self.batch_size) as writer:
            for item in analyze_many(records, nlp=self.nlp, batch_size=self.batch_size):
                writer.read()
                if isinstance(item, Rejected):
                    run.rejected += 1
                    run.count_reason(item.reason)
                    log.info("%s: %s", item.origin, item.reason)
                    continue
                assert isinstance(item, Article)
                writer.add(item)
                if self.stopping:  # commit what is analysed, leave the rest for next time
                    writer.flush()
                    return False
            writer.flush()
        return True

    def due(self) -> list[str]:
        """The feeds whose next poll time has come, in list order."""
        now = self.clock()
        return [u for u in self.urls if self.store.feed_state(u).next_poll <= now]

    def run(self, *, max_polls: int | None = None, once: bool = False,
            handle_signals: bool = True, tick: float = 0.5) -> WatchReport:
        """Poll until stopped: by a signal, after ``max_polls`` rounds, or after one round.

        Args:
            max_polls: rounds over the due feeds before returning (``None``: no limit).
            once: one round over the feeds due now (none due: return at once).
            handle_signals: stop cleanly on SIGINT/SIGTERM (main thread only).
            tick: the longest sleep between checks for a stop or a due feed.
        """
        rounds = 1 if once else max_polls
        previous = {}
        if handle_signals:
            for sig in (signal.SIGINT, signal.SIGTERM):
                previous[sig] = signal.signal(sig, self.stop)
        try:
            done = 0
            while not self.stopping and (rounds is None or done < rounds):
                due = self.due()
                if not due and once:  # `--once` (cron): nothing due is nothing to do
                    break
                if not due:
                    time.sleep(min(tick, max(0.0, self._next_due() - self.clock())))
                    continue
                for url in due:
                    if self.stopping or not self.poll(url):
                        break
                done += 1
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return self.report

    def _next_due(self) -> float:
        return min((self.store.feed_state(u).next_poll for u in self.urls),
                   default=self.clock() + self.interval)

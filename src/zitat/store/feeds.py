"""The state of ``zitat watch`` in the store: per feed its validators and back-off.

Kept in the store (table ``watch_feeds``, migration ``0006_watch``), so a restarted watch
resumes with conditional requests and the back-off of each feed. Articles already stored
are recognised by URL (indexed ``articles.url``) and by content (the article id is the
hash of the normalised text), so nothing needs a separate list of seen items.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class FeedState(BaseModel):
    """What the watch remembers of one feed or page.

    Attributes:
        url: the feed's URL.
        etag: the ``ETag`` of the last full response (sent as ``If-None-Match``).
        last_modified: its ``Last-Modified`` (sent as ``If-Modified-Since``).
        next_poll: when to poll next (seconds since the epoch).
        failures: errors in a row (the back-off grows with them; a success resets it).
        last_status: the last outcome (``200``, ``304``, an error message).
        last_polled: when it was last polled (ISO 8601, UTC).
    """

    model_config = ConfigDict(frozen=True)

    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: float = 0.0
    failures: int = 0
    last_status: str | None = None
    last_polled: str | None = None


_COLUMNS = ("url", "etag", "last_modified", "next_poll", "failures", "last_status",
            "last_polled")


class FeedStates:
    """Feed state and URL look-ups of a :class:`~zitat.store.sql.SQLStore` (a mixin)."""

    execute: Any
    _transaction: Any

    def feed_state(self, url: str) -> FeedState:
        """The stored state of a feed (a new feed: due now, no validators)."""
        row = self.execute("SELECT * FROM watch_feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(**{c: row[c] for c in _COLUMNS}) if row else FeedState(url=url)

    def feed_states(self) -> list[FeedState]:
        """Every feed the watch has polled, by URL."""
        rows = self.execute("SELECT * FROM watch_feeds ORDER BY url").fetchall()
        return [FeedState(**{c: r[c] for c in _COLUMNS}) for r in rows]

    def save_feed_state(self, state: FeedState) -> None:
        """Store a feed's state (one transaction)."""
        values = [getattr(state, c) for c in _COLUMNS]
        cols = ", ".join(_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
        with self._transaction():
            # identifiers are the constant column names above
            self.execute(
                f"INSERT INTO watch_feeds({cols}) VALUES ({', '.join('?' * len(_COLUMNS))})"
                f" ON CONFLICT (url) DO UPDATE SET {updates}",
                values,
            )

    def has_url(self, url: str) -> bool:
        """Whether an article with this URL is stored."""
        row = self.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone()
        return row is not None

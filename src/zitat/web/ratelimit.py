"""Per-client rate limits of the costly endpoints (analysis): a token bucket per IP.

Each client address has a bucket of ``burst`` tokens refilled at ``per_minute`` tokens a
minute; a request takes one or is answered 429 with ``Retry-After``. In-process and in
memory, like the server's single store connection: it protects one ``zitat serve``, not a
fleet. Behind a reverse proxy every client has the proxy's address, so limit there.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

#: client addresses remembered at most; idle (full) buckets are forgotten first
MAX_CLIENTS = 10_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float


class TokenBuckets:
    """A token bucket per key (client address)."""

    def __init__(self, per_minute: int, burst: int, *,
                 clock: Callable[[], float] = time.monotonic,
                 max_clients: int = MAX_CLIENTS) -> None:
        """Args:
            per_minute: tokens added per minute; 0 switches the limit off.
            burst: bucket size (requests allowed at once); at least 1.
            clock: seconds, monotonic (tests pass a fake).
            max_clients: buckets kept before idle ones are dropped.
        """
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def take(self, key: str) -> float:
        """Take a token for ``key``.

        Returns:
            0.0 when the request may go ahead, else the seconds until a token is free.
        """
        if not self.enabled:
            return 0.0
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_clients:
                    self._forget_idle(now)
                bucket = self._buckets[key] = _Bucket(float(self.burst), now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled (their clients are idle); if all are busy, the
        older half: a flood of addresses must not grow memory without bound."""
        full = [k for k, b in self._buckets.items()
                if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        if len(self._buckets) >= self.max_clients:
            for k in list(self._buckets)[: len(self._buckets) // 2]:
                del self._buckets[k]


def retry_after(wait: float) -> str:
    """``Retry-After`` header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(wait)))

"""A cache of whole GET responses (issue 24, load benchmark): the body a page or an API
search rendered, kept while the store is unchanged.

The store calls behind a page are cached already (:class:`~zitat.web.deps.WebState`), but
a repeated page still cost 3-5 ms of CPU for routing, validation, pydantic serialisation
and Jinja rendering, under the GIL that every request shares; about half of the load
benchmark's reads repeat an earlier one (popular searches, the overview). A kept response
is sent as it was, for well under a millisecond.

An entry is valid for the store's data version it was rendered at and at most
:data:`~zitat.web.deps.CACHE_SECONDS` (changes that add no article: ``zitat recluster``),
as the store-call cache; a write through the server changes the version too. Kept:
``GET`` answers with status 200 of up to :data:`MAX_BODY` bytes, keyed by scheme, host
(absolute links in the API's ``next``/``previous`` name it) and the request target. Never
kept: other methods, static files, the docs, exports (``.csv``, ``.jsonl``: read anew each
time, as they are meant to be), larger answers and errors.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: the largest body kept (a search page is 20-60 KB)
MAX_BODY = 512 * 1024
#: bytes of bodies kept at most (least recently used go first)
MAX_BYTES = 48 * 1024 * 1024
#: paths never kept: files that are cheap already, the docs, exports
SKIP_PREFIXES = ("/static", "/static-docs", "/docs", "/openapi.json")
SKIP_SUFFIXES = (".csv", ".jsonl")


@dataclass(frozen=True)
class Kept:
    """A response as it was sent: status, headers, body; when and at which data version."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    version: Hashable
    at: float


class ResponseCache:
    """Pure ASGI middleware: answers a repeated ``GET`` from :class:`Kept` responses.

    Args:
        app: the application.
        version: the store's current data version (a blocking call; run in the thread
            pool): an entry of another version is never sent; None: nothing is kept
            (a store without versions).
        max_age: seconds an entry lives at most.
        max_bytes: the bodies' total size kept at most.
    """

    def __init__(self, app: ASGIApp, version: Callable[[], Hashable | None], max_age: float,
                 max_bytes: int = MAX_BYTES) -> None:
        self.app = app
        self.version = version
        self.max_age = max_age
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._kept: OrderedDict[bytes, Kept] = OrderedDict()
        self._bytes = 0

    @staticmethod
    def _key(scope: Scope) -> bytes | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        path: str = scope["path"]
        if path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES):
            return None
        host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        return b" ".join((scope["scheme"].encode(), host, scope.get("raw_path") or
                          path.encode(), scope.get("query_string") or b""))

    def _get(self, key: bytes, version: Hashable) -> Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            if kept.version != version or time.monotonic() - kept.at > self.max_age:
                del self._kept[key]
                self._bytes -= len(kept.body)
                return None
            self._kept.move_to_end(key)
            return kept

    def _put(self, key: bytes, kept: Kept) -> None:
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._kept[key] = kept
            self._bytes += len(kept.body)
            while self._bytes > self.max_bytes and self._kept:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= len(dropped.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        version = await run_in_threadpool(self.version)
        if version is None:
            await self.app(scope, receive, send)
            return
        kept = self._get(key, version)
        if kept is not None:
            await send({"type": "http.response.start", "status": kept.status,
                        "headers": kept.headers})
            await send({"type": "http.response.body", "body": kept.body})
            return
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def recording(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY:
                    keep, chunks[:] = False, []
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep and start is not None:
                    self._put(key, Kept(status=200, headers=list(start.get("headers", [])),
                                        body=b"".join(chunks), version=version,
                                        at=time.monotonic()))
            await send(message)

        await self.app(scope, receive, recording)

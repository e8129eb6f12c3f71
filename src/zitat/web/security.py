"""HTTP hardening shared by every route: security headers, URL length, server limits.

A pure ASGI middleware (no body buffering, streaming responses pass through) adds the
headers browsers need to refuse framing, MIME sniffing and foreign scripts, answers
414 for an over-long request target before any route parses it, and says in a
``Server-Timing: app;dur=<ms>`` header how long the application took until the response
started (the load benchmark compares it with what its clients measured: issue 24).
"""

from __future__ import annotations

import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: longest request target (path plus query string) served; longer gets 414
MAX_URL_BYTES = 8192
#: how much of an unfinished request (line plus headers) uvicorn's h11 parser buffers: large
#: enough that an over-long URL is parsed and answered 414, not cut off with a reset
H11_MAX_INCOMPLETE_EVENT_SIZE = 256 * 1024

#: pages load only their own styles; no scripts, frames, plugins or foreign form targets
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: Swagger UI (/docs) starts itself with an inline script
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")
HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
}


#: the headers of pages and of the docs, built once (not per response)
_PAGE_HEADERS = (*HEADERS.items(), (b"content-security-policy", PAGE_CSP.encode()))
_DOCS_HEADERS = (*HEADERS.items(), (b"content-security-policy", DOCS_CSP.encode()))


def security_headers(path: str) -> tuple[tuple[bytes, bytes], ...]:
    """The headers every response for ``path`` carries."""
    return _DOCS_HEADERS if path == "/docs" else _PAGE_HEADERS


def server_timing(started: float) -> tuple[bytes, bytes]:
    """The ``Server-Timing`` header of a response whose handling started at ``started``
    (:func:`time.perf_counter`): milliseconds the application took until the response
    started. Set outside the response cache, so a kept response tells its own time."""
    return b"server-timing", b"app;dur=%.2f" % (1000 * (time.perf_counter() - started))


class SecurityMiddleware:
    """Adds :func:`security_headers` and :func:`server_timing` to every HTTP response;
    414 for over-long URLs."""

    def __init__(self, app: ASGIApp, max_url_bytes: int = MAX_URL_BYTES) -> None:
        self.app = app
        self.max_url_bytes = max_url_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        extra = security_headers(scope.get("path", ""))
        target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if target > self.max_url_bytes:
            body = (f'{{"detail": "request URL over {self.max_url_bytes:,} bytes"}}').encode()
            await send({"type": "http.response.start", "status": 414, "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()), *extra]})
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [
                    *message.get("headers", []), *((k, v) for k, v in extra if k not in names),
                    server_timing(started)]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def uvicorn_limits() -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run``/``uvicorn.Config``: the h11 parser (whose
    buffer limit can be set, unlike httptools') with room for an over-long URL."""
    return {"http": "h11", "h11_max_incomplete_event_size": H11_MAX_INCOMPLETE_EVENT_SIZE}

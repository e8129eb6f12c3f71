"""Plain text: the whole file is one article."""

from __future__ import annotations

from collections.abc import Iterator

from zitat.schema import RawArticle, Rejected, normalize_text


def read_plain_text(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """The whole text as one article (origin ``source:1``), or a reject when it is empty."""
    body = normalize_text(text).strip()
    if body:
        yield RawArticle(text=body, origin=f"{source}:1")
    else:
        yield Rejected(origin=source, reason="empty file")

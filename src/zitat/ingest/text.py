"""Plain text: the whole file is one article; a headline on the first line is its title."""

from __future__ import annotations

from collections.abc import Iterator

from zitat.ingest.headline import split_headline
from zitat.schema import RawArticle, Rejected, normalize_text


def read_plain_text(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """The whole text as one article (origin ``source:1``), or a reject when it is empty.

    A first line that looks like a headline (:func:`split_headline`) becomes the title.
    """
    body = normalize_text(text).strip()
    if body:
        title, body = split_headline(body)
        yield RawArticle(text=body, title=title, origin=f"{source}:1")
    else:
        yield Rejected(origin=source, reason="empty file")

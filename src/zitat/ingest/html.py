"""HTML pages: main text, title and date via trafilatura (dates by htmldate)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from zitat.schema import RawArticle, Rejected, normalize_text

log = logging.getLogger(__name__)


def read_html(text: str, source: str, url: str | None = None) -> Iterator[RawArticle | Rejected]:
    """Extract the article of one HTML page."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, url=url, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        log.debug("trafilatura failed on %s", source, exc_info=True)
        yield Rejected(origin=source, reason=f"HTML extraction failed: {exc!r}")
        return
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        yield Rejected(origin=source, reason="no article text found in HTML", preview=text[:200])
        return
    date = getattr(doc, "date", None) or None

    def clean(value: str | None) -> str | None:
        return normalize_text(value) if value else None

    yield RawArticle(
        text=normalize_text(body),
        date=date[:10] if date else None,
        title=clean(getattr(doc, "title", None)),
        url=url or clean(getattr(doc, "url", None)),
        source=clean(getattr(doc, "sitename", None)),
        origin=source,
    )

"""RSS and Atom feeds: each entry becomes an article."""

from __future__ import annotations

import time
from collections.abc import Iterator

from zitat.schema import RawArticle, Rejected, normalize_text


def _entry_text(entry: dict) -> str:
    import lxml.html

    html = ""
    if entry.get("content"):
        html = max((c.get("value", "") for c in entry["content"]), key=len)
    html = html or entry.get("summary", "") or ""
    if "<" not in html:
        return html
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    paragraphs = [p.text_content().strip() for p in tree.iter("p")]
    if paragraphs:
        return "\n\n".join(p for p in paragraphs if p)
    return tree.text_content()


def read_feed(data: bytes | str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read every entry of an RSS/Atom feed (file content or a URL's body)."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.entries:
        yield Rejected(origin=source, reason=f"not a readable feed: {parsed.get('bozo_exception')!r}")
        return
    feed_title = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, start=1):
        origin = f"{source}#{i}"
        text = normalize_text(_entry_text(entry)).strip()
        if not text:
            yield Rejected(origin=origin, reason="feed entry without text")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = time.strftime("%Y-%m-%d", stamp) if stamp else None
        yield RawArticle(
            text=text,
            date=date,
            title=entry.get("title"),
            url=entry.get("link"),
            source=feed_title,
            origin=origin,
        )

"""RSS and Atom feeds: each entry becomes an article."""

from __future__ import annotations

import io
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


def _clean(value: str | None) -> str | None:
    return normalize_text(value) if value else None


def read_feed(data: bytes | str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read every entry of an RSS/Atom feed (file content or a URL's body).

    The content always reaches feedparser as a stream: given a ``str`` or ``bytes``,
    feedparser would take a body such as ``file:///etc/passwd`` or
    ``http://127.0.0.1/...`` for a path or URL and read or fetch it.
    """
    import feedparser

    raw = data.encode("utf-8") if isinstance(data, str) else data
    parsed = feedparser.parse(io.BytesIO(raw))
    if parsed.get("bozo") and not parsed.entries:
        yield Rejected(origin=source, reason=f"not a readable feed: {parsed.get('bozo_exception')!r}",
                       preview=raw[:200].decode("utf-8", "replace"))
        return
    if not parsed.entries:
        yield Rejected(origin=source, reason="feed without entries",
                       preview=raw[:200].decode("utf-8", "replace"))
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
            title=_clean(entry.get("title")),
            url=_clean(entry.get("link")),
            source=_clean(feed_title),
            origin=origin,
        )

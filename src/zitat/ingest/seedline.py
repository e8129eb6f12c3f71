"""The date-header format: `` date 2022-03 <text>``, one article per line or per file.

An article starts at each header line; lines without a header continue the current
article (so a file holding one article with paragraphs works as well as one article per
line). The date keeps its precision: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. When the
article's first line is a headline followed by more lines, it becomes the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zitat.ingest.headline import split_headline
from zitat.schema import RawArticle, Rejected, normalize_date, normalize_text

HEADER_RE = re.compile(r"^[ \t]?date[ \t]+(\S+)(?:[ \t]+(.*))?$")


def is_seedline(first_line: str) -> bool:
    """True if a text starts with a date header (the format is then detected automatically)."""
    return HEADER_RE.match(first_line.rstrip("\n")) is not None


def read_seedlines(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """Split a decoded text in the date-header format into raw articles.

    Args:
        text: the whole decoded file.
        source: file name, used for ``file:line`` origins.

    Yields:
        One :class:`RawArticle` per header, or a :class:`Rejected` for a bad header or
        text before the first header; a file without any line of text is one reject.
    """
    if not text.strip():
        yield Rejected(origin=source, reason="empty file")
        return
    current: tuple[int, str, list[str]] | None = None

    def finish() -> Iterator[RawArticle | Rejected]:
        if current is None:
            return
        lineno, date, parts = current
        origin = f"{source}:{lineno}"
        body = normalize_text("\n".join(parts)).strip()  # a no-op on decoded files
        if not body:
            yield Rejected(origin=origin, reason="date header without article text")
            return
        try:
            date = normalize_date(date)  # German notation too: 03.11.2023
        except ValueError as exc:
            yield Rejected(origin=origin, reason=str(exc), preview=body[:200])
            return
        title, body = split_headline(body)
        yield RawArticle(text=body, date=date, title=title, source=None, origin=origin)

    for lineno, line in enumerate(text.split("\n"), start=1):
        m = HEADER_RE.match(line)
        if m:
            yield from finish()
            current = (lineno, m.group(1), [m.group(2) or ""])
        elif current is not None:
            current[2].append(line)
        elif line.strip():
            yield Rejected(
                origin=f"{source}:{lineno}",
                reason="text before the first date header",
                preview=line[:200],
            )
    yield from finish()

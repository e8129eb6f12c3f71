"""Search folding for German: case, umlauts and ß fold the same way in text and query."""

from __future__ import annotations

import calendar
import re
import unicodedata

from zitat.schema import parse_date

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Fold for search: casefold (ß→ss), strip diacritics (ä→a, é→e).

    ``Rentenversicherung`` and ``RENTENVERSICHERUNG`` fold alike; so do ``Straße``,
    ``STRASSE`` and ``strasse``; ``Müller`` matches a query ``muller`` or ``Müller``.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_terms(query: str) -> list[str]:
    """Folded search terms of a free-text query (words; order kept, duplicates dropped)."""
    seen: dict[str, None] = {}
    for w in _WORD_RE.findall(fold(query)):
        seen.setdefault(w, None)
    return list(seen)


def date_range(value: str) -> tuple[str, str]:
    """First and last day covered by a date of any precision (``2022-03`` → March 1–31)."""
    year, month, day = parse_date(value)
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    if day is None:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return (f"{year:04d}-{month:02d}-{day:02d}",) * 2  # type: ignore[return-value]


def speaker_key(label: str, name: str) -> str:
    """Key that identifies an entity across articles."""
    return f"{label}:{' '.join(fold(name).split())}"

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


#: An ASCII transliteration of an umlaut: ``ae``/``oe``/``ue`` not after a vowel or ``q``
#: (``Mueller``, ``Oesterreich``; not ``Steuer``, ``Trauer``, ``neue``, ``Quelle``).
_DIGRAPH_RE = re.compile(r"(?<![aeiouq])([aou])e")


def search_fold(text: str) -> str:
    """:func:`fold`, then ASCII transliterations collapsed: ``Mueller``, ``Müller`` and
    ``muller`` all become ``muller``; ``Oesterreich`` becomes ``osterreich``.

    The choice: a digraph ``ae``/``oe``/``ue`` only collapses when the vowel does not
    follow another vowel or ``q``, so the ``eue``/``aue`` of ``Steuer``, ``Trauer``,
    ``neue`` and the ``que`` of ``Quelle`` stay. Words like ``aktuell`` or ``Israel``
    collapse too (``aktull``, ``isral``); that is harmless because query and text fold
    alike, and the index keeps the plain folded form next to the collapsed one (see
    :func:`search_body`), so no word becomes unfindable.
    """
    return _DIGRAPH_RE.sub(r"\1", fold(text))


def search_body(text: str) -> str:
    """The indexed search text: ``fold(text)`` plus, after a newline, the collapsed form
    (:func:`search_fold`) of every word that has a transliteration digraph.

    Keeping both forms lets old databases (indexed with :func:`fold` alone) and new ones
    answer the same queries: :func:`query_alternatives` looks for either form.
    """
    folded = fold(text)
    extra: dict[str, None] = {}
    for w in _WORD_RE.findall(folded):
        collapsed = _DIGRAPH_RE.sub(r"\1", w)
        if collapsed != w:
            extra.setdefault(collapsed, None)
    return f"{folded}\n{' '.join(extra)}" if extra else folded


def query_alternatives(term: str) -> list[str]:
    """The forms of one query term any of which is a match: folded and collapsed.

    ``mueller`` → ``["mueller", "muller"]`` (finds ``Mueller`` and ``Müller``);
    ``Müller`` → ``["muller"]`` (finds ``Müller`` and, through the collapsed forms that
    :func:`search_body` indexes, ``Mueller``).
    """
    folded = fold(term)
    return list(dict.fromkeys([folded, _DIGRAPH_RE.sub(r"\1", folded)]))


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


def period_conditions(since: str | None, until: str | None) -> tuple[list[str], list[str]]:
    """SQL conditions (on ``quotes q``) and parameters: the quote's date range overlaps the
    period from ``since`` to ``until`` (either may be open), each taken at its precision
    (``--since 2022-03`` starts on March 1, ``--until 2022-03`` ends on March 31)."""
    where, params = [], []
    if since:
        where.append("q.date_end >= ?")
        params.append(date_range(since)[0])
    if until:
        where.append("q.date_start <= ?")
        params.append(date_range(until)[1])
    return where, params


def speaker_key(label: str, name: str) -> str:
    """Key that identifies an entity across articles."""
    return f"{label}:{' '.join(fold(name).split())}"


def about_clause(value: str, ph: str) -> tuple[str, list[str]]:
    """SQL condition (on ``times t``) and parameters: the time value overlaps ``value``.

    Time values keep their precision (``2022-03-15``, ``2022-03``, ``2022-03-WXX-4``,
    ``2022``), so each is compared at its own precision: an underspecified Thursday in
    March 2022 talks about March 2022 and matches ``--about 2022-03-10``. ``ph`` is the
    driver's placeholder (``?`` or ``%s``); the SQL is portable between SQLite and
    PostgreSQL.
    """
    lo, hi = date_range(value)

    def digit(pos: int) -> str:
        return f"substr(t.value, {pos}, 1) BETWEEN '0' AND '9'"

    sql = (
        f"(({digit(9)} AND substr(t.value, 1, 10) BETWEEN {ph} AND {ph})"
        f" OR ({digit(6)} AND NOT {digit(9)} AND substr(t.value, 1, 7) BETWEEN {ph} AND {ph})"
        f" OR ({digit(1)} AND NOT {digit(6)} AND substr(t.value, 1, 4) BETWEEN {ph} AND {ph}))"
    )
    return sql, [lo, hi, lo[:7], hi[:7], lo[:4], hi[:4]]

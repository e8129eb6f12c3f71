"""JSON Lines (one article object per line) and JSON files (an object or a list)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from zitat.schema import RawArticle, Rejected, normalize_date, normalize_text

_FIELDS = ("text", "date", "title", "url", "source")


def record_from_obj(obj: Any, origin: str) -> RawArticle | Rejected:
    """Validate one decoded JSON value as an article record.

    ``text`` is required; ``date``, ``title``, ``url``, ``source`` are optional; any other
    field is kept in ``meta``.
    """
    if not isinstance(obj, dict):
        return Rejected(origin=origin, reason=f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(origin=origin, reason="missing or empty 'text' field", preview=str(obj)[:200])
    date = obj.get("date")
    if date is not None:
        date = str(date).strip()[:10] if isinstance(date, str) and "T" in date else str(date).strip()
        try:
            date = normalize_date(date)  # German notation too: 03.11.2023
        except ValueError as exc:
            return Rejected(origin=origin, reason=str(exc), preview=text[:200])
    strings = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in ("title", "url", "source")}
    meta = {k: v for k, v in obj.items() if k not in _FIELDS}
    return RawArticle(
        text=normalize_text(text), date=date or None, meta=meta, origin=origin, **strings
    )


def read_jsonl(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read JSON Lines; blank lines are skipped, malformed lines rejected with their number."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        origin = f"{source}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(origin=origin, reason=f"malformed JSON: {exc.msg} at column {exc.colno}",
                           preview=line[:200])
            continue
        yield record_from_obj(obj, origin)


def read_json(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read a JSON file holding one article object or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(origin=f"{source}:{exc.lineno}", reason=f"malformed JSON: {exc.msg}")
        return
    items = data if isinstance(data, list) else [data]
    for i, obj in enumerate(items, start=1):
        yield record_from_obj(obj, f"{source}#{i}")

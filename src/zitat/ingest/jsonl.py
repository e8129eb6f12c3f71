"""JSON Lines (one article object per line) and JSON files (an object or a list)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from zitat.schema import RawArticle, Rejected, normalize_date, normalize_text

_FIELDS = ("text", "date", "title", "url", "source")

#: deepest nesting of arrays/objects a record may have; deeper values are refused before
#: they reach code that recurses over them (serialisers, the store)
MAX_DEPTH = 64


class JSONInputError(ValueError):
    """A JSON text that cannot be accepted: malformed, too deep, or a number out of range."""


def _depth_exceeds(text: str, limit: int) -> bool:
    """Whether brackets outside string literals nest deeper than ``limit`` (a linear scan,
    so that a line nested 100,000 levels deep never reaches the recursive decoder)."""
    if text.count("[") + text.count("{") <= limit:  # the common case: no scan needed
        return False
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def parse_json(text: str) -> Any:
    """Decode one JSON text, refusing what would crash or burden the code after it.

    Args:
        text: a JSON document (one JSONL line, a JSON file, a request body).

    Returns:
        The decoded value.

    Raises:
        JSONInputError: malformed JSON, nesting deeper than :data:`MAX_DEPTH`, or an
            integer too long to convert (Python refuses more than 4,300 digits).
    """
    if _depth_exceeds(text, MAX_DEPTH):
        raise JSONInputError(f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONInputError(f"malformed JSON: {exc.msg} at line {exc.lineno} column "
                             f"{exc.colno}") from None
    except RecursionError:  # the scan above should prevent it; never let it escape
        raise JSONInputError("JSON nested too deeply") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string"
        raise JSONInputError(f"unreadable JSON value: {exc}") from None


def _clean(value: Any) -> str | None:
    """An optional string field as NFC text without NUL/BOM characters (like the text)."""
    return normalize_text(str(value)) if value is not None else None


def record_from_obj(obj: Any, origin: str) -> RawArticle | Rejected:
    """Validate one decoded JSON value as an article record.

    ``text`` is required; ``date``, ``title``, ``url``, ``source`` are optional; any other
    field is kept in ``meta``.
    """
    if not isinstance(obj, dict):
        return Rejected(origin=origin, reason=f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejected(origin=origin, reason="missing or empty 'text' field",
                        preview=_preview(obj))
    date = obj.get("date")
    if date is not None:
        date = str(date).strip()[:10] if isinstance(date, str) and "T" in date else str(date).strip()
        try:
            date = normalize_date(date)  # German notation too: 03.11.2023
        except ValueError as exc:
            return Rejected(origin=origin, reason=str(exc), preview=text[:200])
    strings = {k: _clean(obj.get(k)) for k in ("title", "url", "source")}
    meta = {k: v for k, v in obj.items() if k not in _FIELDS}
    return RawArticle(
        text=normalize_text(text), date=date or None, meta=meta, origin=origin, **strings
    )


def _preview(obj: dict[str, Any]) -> str:
    try:
        return str(obj)[:200]
    except ValueError:  # an integer too long for str()
        return "<unprintable record>"


def read_jsonl(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read JSON Lines; blank lines are skipped, malformed lines rejected with their number.

    A file without any record is rejected as a whole (as an empty text file is), so that
    nothing is read silently as nothing.
    """
    seen = False
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        origin = f"{source}:{lineno}"
        try:
            obj = parse_json(line)
        except JSONInputError as exc:
            yield Rejected(origin=origin, reason=str(exc), preview=line[:200])
            continue
        yield record_from_obj(obj, origin)
    if not seen:
        yield Rejected(origin=source, reason="empty file")


def read_json(text: str, source: str) -> Iterator[RawArticle | Rejected]:
    """Read a JSON file holding one article object or a list of them."""
    try:
        data = parse_json(text)
    except JSONInputError as exc:
        yield Rejected(origin=source, reason=str(exc), preview=text[:200])
        return
    items = data if isinstance(data, list) else [data]
    if not items:
        yield Rejected(origin=source, reason="empty JSON list")
    for i, obj in enumerate(items, start=1):
        yield record_from_obj(obj, f"{source}#{i}")

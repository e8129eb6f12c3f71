"""CSV (and TSV): one article per row, from named columns.

The separator (``,``, ``;`` or tab) is taken from the header line, so a spreadsheet's
German CSV export (``;``, often with a byte order mark) reads as it is. Which columns hold
the text, date, title, URL and source is configurable (``--text-column`` …); dates may be
German (``03.11.2023``). Other columns are kept in ``meta``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from zitat.ingest.jsonl import record_from_obj
from zitat.schema import RawArticle, Rejected, normalize_date


@dataclass(frozen=True)
class Columns:
    """The CSV column that holds each field of an article (``url``/``source`` optional)."""

    text: str = "text"
    date: str | None = "date"
    title: str | None = "title"
    url: str | None = "url"
    source: str | None = "source"


def _separator(header: str) -> str:
    counts = {sep: header.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(
    text: str, source: str, columns: Columns = Columns()
) -> Iterator[RawArticle | Rejected]:
    """Read CSV rows as articles (origin ``source:line``); a missing text column rejects the
    file, an empty text or a bad date rejects the row."""
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    rows = csv.DictReader(io.StringIO(text), delimiter=_separator(header))
    names = rows.fieldnames or []
    if columns.text not in names:
        yield Rejected(origin=f"{source}:1",
                       reason=f"no text column {columns.text!r} (columns: {', '.join(names)}); "
                              "name it with --text-column", preview=header[:200])
        return
    fields = {"text": columns.text, "date": columns.date, "title": columns.title,
              "url": columns.url, "source": columns.source}
    used = {c for c in fields.values() if c}
    for row in rows:
        origin = f"{source}:{rows.line_num}"
        record: dict[str, object] = {
            field: (row.get(col) or "").strip() or None for field, col in fields.items() if col
        }
        record.update({k: v for k, v in row.items() if k not in used and k is not None})
        date = record.get("date")
        if isinstance(date, str):
            try:
                record["date"] = normalize_date(date)
            except ValueError as exc:
                yield Rejected(origin=origin, reason=str(exc), preview=str(record["text"])[:200])
                continue
        yield record_from_obj(record, origin)

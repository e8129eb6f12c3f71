"""Readers: every input format yields :class:`~zitat.schema.RawArticle` records.

Formats (the table in :mod:`zitat.ingest.registry`): the date-header line format
(``seedline``), plain text (``txt``), ``jsonl``, ``json``, ``html``, RSS/Atom ``feed`` and
``parquet``; directories are read recursively by extension,
``-`` reads standard input, ``http(s)://`` URLs are fetched (HTML pages or feeds).
Whatever cannot be read becomes a :class:`~zitat.schema.Rejected` record with its origin.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from zitat.errors import InputError
from zitat.ingest.decode import decode_file, reject_damaged
from zitat.ingest.delimited import Columns, read_csv
from zitat.ingest.language import keep_german
from zitat.ingest.registry import EXTENSIONS, READERS, Records, binary_reader, reader, sniff
from zitat.schema import RawArticle, Rejected

log = logging.getLogger(__name__)

#: ``auto`` and every format of :data:`zitat.ingest.registry.READERS`
FORMATS = ("auto", *READERS)

__all__ = ["EXTENSIONS", "FORMATS", "Columns", "RawArticle", "Rejected", "read_inputs",
           "read_text", "sniff"]


def _dated(records: Records, date: str | None) -> Iterator[RawArticle | Rejected]:
    """The records, with ``date`` given to those that have none."""
    for rec in records:
        if isinstance(rec, RawArticle) and rec.date is None and date is not None:
            rec = rec.model_copy(update={"date": date})
        yield rec


def read_text(
    text: str, source: str, fmt: str = "auto", date: str | None = None,
    columns: Columns | None = None,
) -> Iterator[RawArticle | Rejected]:
    """Read decoded content in one format.

    Args:
        text: decoded, NFC-normalised content.
        source: name used in origins (file name or ``<stdin>``).
        fmt: one of :data:`FORMATS` with a text reader; ``auto`` sniffs the content.
        date: date for records that have none (``--date``).
        columns: the CSV columns to read (CSV only; default ``text``, ``date``, ``title``).

    Raises:
        ValueError: an unknown format, or a binary one (read those from bytes).
    """
    chosen = reader(sniff(text, source) if fmt == "auto" else fmt)
    if chosen.read_text is None:
        raise ValueError(f"{chosen.name} is a binary format: read it with read_inputs")
    if chosen.name == "csv" and columns is not None:
        yield from _dated(read_csv(text, source, columns), date)
        return
    yield from _dated(chosen.read_text(text, source), date)


def _read_bytes(
    data: bytes, source: str, fmt: str, date: str | None, columns: Columns | None = None
) -> Iterator[RawArticle | Rejected]:
    binary = binary_reader(data, fmt)
    if binary is not None and binary.read_bytes is not None:
        yield from _dated(binary.read_bytes(data, source), date)
        return
    try:
        decoded = decode_file(data, source)
    except InputError as exc:
        yield Rejected(origin=source, reason=exc.reason, preview=repr(data[:60]))
        return
    yield from reject_damaged(read_text(decoded.text, source, fmt, date, columns), decoded)


def _fetch(url: str) -> bytes:
    from urllib.request import Request, urlopen

    req = Request(url, headers={"User-Agent": "zitat/0.1 (+https://example.org/zitat)"})
    with urlopen(req, timeout=30) as resp:
        return resp.read()


def _files(directory: Path) -> list[Path]:
    """Readable files below ``directory``; files of unknown type are named in a warning, so
    that nothing is left out unnoticed (a file given by name is always read)."""
    files, skipped = [], []
    for p in sorted(directory.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        (files if p.suffix.lower() in EXTENSIONS else skipped).append(p)
    if skipped:
        names = ", ".join(str(p.relative_to(directory)) for p in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        log.warning("%s: skipped %d file(s) of unknown type: %s%s (known: %s; give a file by "
                    "name to read it anyway)", directory, len(skipped), names, more,
                    " ".join(sorted(EXTENSIONS)))
    return files


def read_inputs(
    inputs: Iterable[str],
    fmt: str = "auto",
    date: str | None = None,
    *,
    any_language: bool = False,
    columns: Columns | None = None,
) -> Iterator[RawArticle | Rejected]:
    """Read files, directories, URLs or ``-`` (stdin) into raw articles, in order.

    Args:
        inputs: paths, directories (recursive, by extension), URLs or ``-``.
        fmt: force one format for all inputs (default: detect per file).
        date: date for records without one.
        any_language: keep articles that are not German (else rejected with the reason).
        columns: which CSV columns hold text, date, title, url and source.

    Yields:
        Raw articles and rejected records, never raising for bad input.
    """
    yield from keep_german(_read_each(inputs, fmt, date, columns), any_language=any_language)


def _read_each(
    inputs: Iterable[str], fmt: str, date: str | None, columns: Columns | None
) -> Iterator[RawArticle | Rejected]:
    for item in inputs:
        if item == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", fmt, date, columns)
        elif item.startswith(("http://", "https://")):
            try:
                data = _fetch(item)
            except OSError as exc:
                yield Rejected(origin=item, reason=f"cannot fetch URL: {exc}")
                continue
            yield from _read_bytes(data, item, fmt, date, columns)
        else:
            path = Path(item)
            if path.is_dir():
                files = _files(path)
                if not files:
                    yield Rejected(origin=item, reason="directory holds no readable files")
                for f in files:
                    yield from _read_bytes(f.read_bytes(), str(f), fmt, date, columns)
            elif path.is_file():
                yield from _read_bytes(path.read_bytes(), str(path), fmt, date, columns)
            else:
                yield Rejected(origin=item, reason="no such file or directory")

"""Readers: every input format yields :class:`~zitat.schema.RawArticle` records.

Formats: the date-header line format (``seedline``), plain text (``txt``), ``jsonl``,
``json``, ``html`` and RSS/Atom ``feed``; directories are read recursively by extension,
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
from zitat.ingest.feed import read_feed
from zitat.ingest.html import read_html
from zitat.ingest.jsonl import read_json, read_jsonl
from zitat.ingest.seedline import is_seedline, read_seedlines
from zitat.schema import RawArticle, Rejected, normalize_text

log = logging.getLogger(__name__)

FORMATS = ("auto", "seedline", "txt", "jsonl", "json", "html", "feed")
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".html": "html", ".htm": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed",
}

__all__ = ["FORMATS", "RawArticle", "Rejected", "read_inputs", "read_text"]


def sniff(text: str, name: str = "") -> str:
    """Guess the format of decoded content (and its file name)."""
    ext = EXTENSIONS.get(Path(name).suffix.lower()) if name else None
    head = text.lstrip()[:2000]
    first_line = text.split("\n", 1)[0]
    if is_seedline(first_line):
        return "seedline"
    if ext in ("jsonl", "json", "html"):
        return ext
    lowered = head.lower()
    if lowered.startswith("<?xml") or "<rss" in lowered or "<feed" in lowered:
        return "feed" if ("<rss" in lowered or "<feed" in lowered or ext == "feed") else "html"
    if lowered.startswith("<!doctype html") or lowered.startswith("<html"):
        return "html"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    return ext or "txt"


def read_text(
    text: str, source: str, fmt: str = "auto", date: str | None = None
) -> Iterator[RawArticle | Rejected]:
    """Read decoded content in one format.

    Args:
        text: decoded, NFC-normalised content.
        source: name used in origins (file name or ``<stdin>``).
        fmt: one of :data:`FORMATS`; ``auto`` sniffs the content.
        date: date for records that have none (``--date``).
    """
    fmt = sniff(text, source) if fmt == "auto" else fmt
    if fmt == "seedline":
        records: Iterable[RawArticle | Rejected] = read_seedlines(text, source)
    elif fmt == "jsonl":
        records = read_jsonl(text, source)
    elif fmt == "json":
        records = read_json(text, source)
    elif fmt == "html":
        records = read_html(text, source)
    elif fmt == "feed":
        records = read_feed(text, source)
    elif fmt == "txt":
        body = normalize_text(text).strip()
        records = (
            [RawArticle(text=body, origin=f"{source}:1")]
            if body
            else [Rejected(origin=source, reason="empty file")]
        )
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for rec in records:
        if isinstance(rec, RawArticle) and rec.date is None and date is not None:
            rec = rec.model_copy(update={"date": date})
        yield rec


def _read_bytes(data: bytes, source: str, fmt: str, date: str | None) -> Iterator[RawArticle | Rejected]:
    try:
        decoded = decode_file(data, source)
    except InputError as exc:
        yield Rejected(origin=source, reason=exc.reason, preview=repr(data[:60]))
        return
    yield from reject_damaged(read_text(decoded.text, source, fmt, date), decoded)


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
    inputs: Iterable[str], fmt: str = "auto", date: str | None = None
) -> Iterator[RawArticle | Rejected]:
    """Read files, directories, URLs or ``-`` (stdin) into raw articles, in order.

    Args:
        inputs: paths, directories (recursive, by extension), URLs or ``-``.
        fmt: force one format for all inputs (default: detect per file).
        date: date for records without one.

    Yields:
        Raw articles and rejected records, never raising for bad input.
    """
    for item in inputs:
        if item == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", fmt, date)
        elif item.startswith(("http://", "https://")):
            try:
                data = _fetch(item)
            except OSError as exc:
                yield Rejected(origin=item, reason=f"cannot fetch URL: {exc}")
                continue
            yield from _read_bytes(data, item, fmt, date)
        else:
            path = Path(item)
            if path.is_dir():
                files = _files(path)
                if not files:
                    yield Rejected(origin=item, reason="directory holds no readable files")
                for f in files:
                    yield from _read_bytes(f.read_bytes(), str(f), fmt, date)
            elif path.is_file():
                yield from _read_bytes(path.read_bytes(), str(path), fmt, date)
            else:
                yield Rejected(origin=item, reason="no such file or directory")

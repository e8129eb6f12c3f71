"""The one table of input formats: name → reader, file extensions and content sniffing.

To add a format, write a reader module (``read_x(text, source)`` for text formats,
``read_x(data, source)`` for binary ones) and add one :class:`Reader` to :data:`READERS`;
``read_text``, ``read_inputs``, the CLI's ``--input-format`` choices, the directory
listing and the sniffing all come from this table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from zitat.ingest.delimited import read_csv
from zitat.ingest.feed import read_feed
from zitat.ingest.html import read_html
from zitat.ingest.jsonl import read_json, read_jsonl
from zitat.ingest.parquet import MAGIC as PARQUET_MAGIC
from zitat.ingest.parquet import read_parquet
from zitat.ingest.seedline import is_seedline, read_seedlines
from zitat.ingest.text import read_plain_text
from zitat.schema import RawArticle, Rejected

Records = Iterable[RawArticle | Rejected]


@dataclass(frozen=True)
class Sample:
    """What content sniffing looks at."""

    text: str
    by_name: str | None
    """The text format the file name's extension stands for, if any."""

    @cached_property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]

    @cached_property
    def head(self) -> str:
        """The first 2,000 characters after leading white space."""
        return self.text.lstrip()[:2000]

    @cached_property
    def lowered(self) -> str:
        return self.head.lower()


@dataclass(frozen=True)
class Reader:
    """One input format.

    A text format has ``read_text`` (decoded content in), a binary one ``read_bytes`` and
    the ``magic`` bytes its files start with. Sniffing (format ``auto``) runs in three
    rounds: readers with ``content_first`` whose ``sniff`` matches; then the extension of
    a reader that ``trusts_extension``; then every other ``sniff`` by ``rank``. Failing
    all, the extension decides, and without one the content is plain text.
    """

    name: str
    label: str
    """How ``--help`` names the format."""
    extensions: tuple[str, ...] = ()
    read_text: Callable[[str, str], Records] | None = None
    read_bytes: Callable[[bytes, str], Records] | None = None
    magic: bytes | None = None
    sniff: Callable[[Sample], bool] | None = None
    rank: int = 0
    content_first: bool = False
    trusts_extension: bool = False


def _looks_like_feed(s: Sample) -> bool:
    return ("<rss" in s.lowered or "<feed" in s.lowered
            or (s.lowered.startswith("<?xml") and s.by_name == "feed"))


#: every input format, in the order ``--input-format`` lists them
READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("seedline", "date-header lines", read_text=read_seedlines,
           sniff=lambda s: is_seedline(s.first_line), content_first=True),
    Reader("txt", "text", (".txt", ".text"), read_text=read_plain_text),
    Reader("jsonl", "JSONL", (".jsonl", ".ndjson"), read_text=read_jsonl,
           sniff=lambda s: s.head.startswith("{"), rank=3, trusts_extension=True),
    Reader("json", "JSON", (".json",), read_text=read_json,
           sniff=lambda s: s.head.startswith("["), rank=4, trusts_extension=True),
    Reader("html", "HTML", (".html", ".htm"), read_text=read_html,
           sniff=lambda s: s.lowered.startswith(("<?xml", "<!doctype html", "<html")), rank=2,
           trusts_extension=True),
    Reader("feed", "RSS/Atom", (".xml", ".rss", ".atom"), read_text=read_feed,
           sniff=_looks_like_feed, rank=1),
    Reader("csv", "CSV", (".csv", ".tsv"), read_text=read_csv, trusts_extension=True),
    Reader("parquet", "Parquet", (".parquet",), read_bytes=read_parquet, magic=PARQUET_MAGIC),
)}
#: what content that no sniffer recognises is read as
FALLBACK = "txt"

#: file extension → format, for every format (directories are read by these)
EXTENSIONS: dict[str, str] = {ext: r.name for r in READERS.values() for ext in r.extensions}
_TEXT_EXTENSIONS = {ext: name for ext, name in EXTENSIONS.items() if READERS[name].read_text}
_SNIFFERS = sorted((r for r in READERS.values() if r.sniff and r.read_text),
                   key=lambda r: r.rank)


def reader(fmt: str) -> Reader:
    """The reader of a format name.

    Raises:
        ValueError: an unknown name.
    """
    try:
        return READERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of auto, "
                         f"{', '.join(READERS)}") from None


def sniff(text: str, name: str = "") -> str:
    """Guess the text format of decoded content (and its file name)."""
    by_name = _TEXT_EXTENSIONS.get(Path(name).suffix.lower()) if name else None
    sample = Sample(text, by_name)
    for r in _SNIFFERS:
        if r.content_first and r.sniff and r.sniff(sample):
            return r.name
    if by_name and READERS[by_name].trusts_extension:
        return by_name
    for r in _SNIFFERS:
        if not r.content_first and r.sniff and r.sniff(sample):
            return r.name
    return by_name or FALLBACK


def binary_reader(data: bytes, fmt: str) -> Reader | None:
    """The binary reader for raw input: the one ``fmt`` names, or for ``auto`` the one
    whose magic bytes ``data`` starts with; ``None`` when the input is to be decoded."""
    if fmt != "auto":
        chosen = reader(fmt)
        return chosen if chosen.read_bytes else None
    return next((r for r in READERS.values()
                 if r.read_bytes and r.magic and data.startswith(r.magic)), None)


def detected_formats() -> str:
    """The formats ``auto`` tells apart, for help texts."""
    return ", ".join(r.label for r in READERS.values())

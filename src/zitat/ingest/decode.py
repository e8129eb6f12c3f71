"""Bytes to text, once, line by line: one bad byte spoils only its own record.

A file is decoded as a whole when it can be (a BOM of UTF-8, UTF-16 or UTF-32 chooses the
codec; otherwise UTF-8). When it is not valid UTF-8, each line is decoded on its own:

* a line that is valid UTF-8 is taken as it is, so its neighbours never become mojibake;
* a line without a single UTF-8 multi-byte sequence is a legacy line and read as cp1252
  (repaired, with a warning that names it);
* a line that mixes UTF-8 with bytes that are not is *damaged*: its bad bytes become
  U+FFFD and the record holding it is rejected with the reason (:func:`reject_damaged`),
  so that re-ingesting the fixed file adds that one record and duplicates none.

A raw NUL byte damages its line the same way (it is a sign of a file cut short or
overwritten); binary data (by magic number or control characters) is refused as a whole.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from zitat.errors import InputError
from zitat.schema import RawArticle, Rejected, normalize_text

log = logging.getLogger(__name__)

# Control characters that never occur in text files (tab, LF, CR, FF are allowed; NUL is
# judged per line, since one stray NUL must not reject a whole file).
_CONTROL_BYTES = bytes(b for b in range(1, 32) if b not in (9, 10, 12, 13))
#: file signatures of common binary formats
_MAGIC = (b"%PDF-", b"\x1f\x8b", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8",
          b"\x7fELF", b"SQLite format 3\x00", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd",
          b"7z\xbc\xaf\x27\x1c", b"Rar!")
#: byte-order marks, longest first (the UTF-32 LE mark starts like the UTF-16 LE one)
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: one well-formed UTF-8 multi-byte sequence
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
DAMAGE_MARK = "\ufffd"


@dataclass(frozen=True)
class Decoded:
    """Decoded file content and what decoding had to do to it."""

    text: str
    encoding: str
    damaged: dict[int, str] = field(default_factory=dict)
    """Line number → reason, for lines whose bad bytes became U+FFFD."""
    repaired: dict[int, str] = field(default_factory=dict)
    """Line number → how the line was read when it was not UTF-8 (``cp1252``)."""


def looks_binary(data: bytes) -> bool:
    """True for a known binary signature, or when control characters (other than NUL) make
    up more than 5 % of the first 8 KB, or NUL bytes more than a third without being UTF-16."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith(_MAGIC):
        return True
    control = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    if control / len(sample) > 0.05:
        return True
    return sample.count(b"\x00") / len(sample) > 1 / 3 and _utf16_without_bom(sample) is None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on one side of every byte pair (ASCII-heavy text)."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 16:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _mark_nuls(lines: list[str], damaged: dict[int, str]) -> None:
    for i, line in enumerate(lines):
        if "\x00" in line:
            lines[i] = line.replace("\x00", DAMAGE_MARK)
            damaged.setdefault(i + 1, "NUL byte in the text (a damaged file?)")


def decode_file(data: bytes, origin: str | None = None) -> Decoded:
    """Decode file content to NFC text, line by line where it must (see the module).

    Args:
        data: raw bytes of a file or stream.
        origin: file name for messages.

    Returns:
        A :class:`Decoded`.

    Raises:
        InputError: when the data is binary (not text).
    """
    where = origin or "<input>"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_whole(data[len(bom):], codec, where)
    if looks_binary(data):
        raise InputError("binary data, not text", origin)
    if b"\x00" in data[:8192] and (codec := _utf16_without_bom(data[:8192])):
        return _decode_whole(data, codec, where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_lines(data, where)
    damaged: dict[int, str] = {}
    if "\x00" in text:
        lines = text.split("\n")
        _mark_nuls(lines, damaged)
        text = "\n".join(lines)
    return Decoded(normalize_text(text), "utf-8", damaged)


def _decode_whole(data: bytes, codec: str, where: str) -> Decoded:
    try:
        text = data.decode(codec)
        damaged: dict[int, str] = {}
    except UnicodeDecodeError as exc:
        log.warning("%s: invalid %s at byte %d", where, codec, exc.start)
        text = data.decode(codec, errors="replace")
        damaged = {i: f"invalid {codec}" for i, line in enumerate(text.split("\n"), start=1)
                   if DAMAGE_MARK in line}
    lines = text.split("\n")
    _mark_nuls(lines, damaged)
    return Decoded(normalize_text("\n".join(lines)), codec, damaged)


def _decode_lines(data: bytes, where: str) -> Decoded:
    lines: list[str] = []
    damaged: dict[int, str] = {}
    repaired: dict[int, str] = {}
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        if _UTF8_MULTIBYTE.search(raw):
            lines.append(raw.decode("utf-8", errors="replace"))
            damaged[lineno] = (f"invalid UTF-8 at byte {first_bad + 1} of line {lineno}; fix "
                               "the file and read it again")
            continue
        line = raw.decode("cp1252", errors="replace")
        if DAMAGE_MARK in line:  # bytes cp1252 leaves undefined
            damaged[lineno] = f"line {lineno} is neither UTF-8 nor cp1252"
        else:
            repaired[lineno] = "cp1252"
        lines.append(line)
    _mark_nuls(lines, damaged)
    if repaired:
        shown = ", ".join(map(str, list(repaired)[:5])) + (" …" if len(repaired) > 5 else "")
        log.warning("%s: %d line(s) not UTF-8 (line %s); read as cp1252", where,
                    len(repaired), shown)
    if damaged:
        log.warning("%s: %d line(s) with bytes that are not text; their records are rejected",
                    where, len(damaged))
    return Decoded(normalize_text("\n".join(lines)), "cp1252" if repaired else "utf-8",
                   damaged, repaired)


def decode_bytes(data: bytes, origin: str | None = None) -> tuple[str, str]:
    """Decode file content to NFC text (see :func:`decode_file`).

    Returns:
        ``(text, encoding)``.

    Raises:
        InputError: when the data is binary (not text).
    """
    decoded = decode_file(data, origin)
    return decoded.text, decoded.encoding


def _is_damaged(rec: RawArticle) -> bool:
    fields = (rec.text, rec.title or "", rec.url or "", rec.source or "")
    if any(DAMAGE_MARK in f for f in fields):
        return True
    return bool(rec.meta) and DAMAGE_MARK in json.dumps(rec.meta, ensure_ascii=False,
                                                       default=str)


def _damage_reason(origin: str | None, damaged: dict[int, str]) -> str:
    """The damage of the record at ``origin``: the first damaged line at or after its first
    line (``file:line`` origins), else the file's first damage."""
    tail = (origin or "").rsplit(":", 1)[-1]
    start = int(tail) if tail.isascii() and tail.isdigit() else 0
    lineno = min((n for n in damaged if n >= start), default=min(damaged))
    return damaged[lineno]


def reject_damaged(records: Iterable[RawArticle | Rejected],
                   decoded: Decoded) -> Iterator[RawArticle | Rejected]:
    """Pass records through, rejecting those that hold a damaged line's replacement marks.

    Only files with damage are checked, so a U+FFFD a clean file really contains is kept.
    """
    if not decoded.damaged:
        yield from records
        return
    for rec in records:
        if isinstance(rec, RawArticle) and _is_damaged(rec):
            yield Rejected(origin=rec.origin, preview=rec.text[:200],
                           reason=f"not text: {_damage_reason(rec.origin, decoded.damaged)}")
        else:
            yield rec

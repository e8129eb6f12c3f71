"""Bytes to text, once: UTF-8, then cp1252 with a warning; binary data is refused."""

from __future__ import annotations

import logging

from zitat.errors import InputError
from zitat.schema import normalize_text

log = logging.getLogger(__name__)

# Control characters that never occur in text files (tab, LF, CR, FF are allowed).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or many control characters."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(sample.count(bytes([b])) for b in _BINARY_BYTES)
    return control / len(sample) > 0.05


def decode_bytes(data: bytes, origin: str | None = None) -> tuple[str, str]:
    """Decode file content to NFC text.

    Args:
        data: raw bytes of a file or stream.
        origin: file name for messages.

    Returns:
        ``(text, encoding)``; encoding is ``utf-8`` or ``cp1252``.

    Raises:
        InputError: when the data is binary (not text).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if looks_binary(data):
        raise InputError("binary data, not text", origin)
    try:
        return normalize_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        log.warning(
            "%s: invalid UTF-8 at byte %d; decoding as cp1252", origin or "<input>", exc.start
        )
        return normalize_text(data.decode("cp1252", errors="replace")), "cp1252"

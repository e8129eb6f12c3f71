"""zitat's error hierarchy: one module, short codes in messages."""

from __future__ import annotations


class ZitatError(Exception):
    """Base class of every error zitat raises on purpose."""


class InputError(ZitatError):
    """A record or file that cannot be read as an article (reported, then skipped)."""

    def __init__(self, reason: str, origin: str | None = None) -> None:
        super().__init__(f"{origin}: {reason}" if origin else reason)
        self.reason = reason
        self.origin = origin


class StoreError(ZitatError):
    """The store cannot be opened or written (bad path or URL, newer schema, …)."""


class ModelError(ZitatError):
    """The shipped pipeline cannot be loaded."""

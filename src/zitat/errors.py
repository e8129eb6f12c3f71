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


class LimitError(InputError):
    """An article over a resource limit (``ZITAT_MAX_TOKENS``, ``ZITAT_MAX_SECONDS``):
    rejected with the reason like any bad record, the run goes on. ``status`` is the HTTP
    status the analyse endpoint answers with (413 too large, 422 too slow)."""

    def __init__(self, reason: str, origin: str | None = None, *, status: int = 422) -> None:
        super().__init__(reason, origin)
        self.status = status


class StoreError(ZitatError):
    """The store cannot be opened or written (bad path or URL, newer schema, …)."""


class ModelError(ZitatError):
    """The shipped pipeline cannot be loaded."""

"""The per-article deadline (``ZITAT_MAX_SECONDS``, issue 24, finding 3).

The analysis sets a deadline for the article (or batch) it runs; zitat's components call
:func:`check_deadline` on entry and in their loops over sentences, quotes and mentions,
which raises :class:`~zitat.errors.LimitError` once it has passed. The deadline lives in
a thread-local, so the server's analyses in its thread pool each keep their own; the
core model's components (tok2vec, NER) are not interrupted, but their time is bounded by
the token limit (``ZITAT_MAX_TOKENS``) and grows linearly with it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from time import monotonic

from zitat.errors import LimitError

_local = threading.local()
#: the clock the deadline reads (a test puts a fake one here)
clock = monotonic


@contextmanager
def article_deadline(seconds: float, articles: int = 1) -> Iterator[None]:
    """Analyses in this block must end within ``seconds`` per article (0: no limit).

    Args:
        seconds: the per-article limit, named in the reason of the error.
        articles: articles analysed together in the block (a batch gets their sum).
    """
    previous = getattr(_local, "deadline", None)
    _local.deadline = (clock() + seconds * articles, seconds) if seconds > 0 else None
    try:
        yield
    finally:
        _local.deadline = previous


def check_deadline() -> None:
    """Raise when the current article's deadline has passed (a no-op without one).

    Raises:
        LimitError: the analysis took longer than ``ZITAT_MAX_SECONDS``.
    """
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and clock() > deadline[0]:
        raise LimitError(f"analysis took longer than {deadline[1]:g} s, the per-article "
                         "limit (set ZITAT_MAX_SECONDS to raise it)", status=422)

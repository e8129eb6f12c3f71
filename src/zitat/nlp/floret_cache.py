"""Floret vectors that remember the vectors they have computed.

A floret table stores no vector per word: ``Vectors.get_batch`` hashes every token's
character n-grams and averages their rows on each call. In the core model that was a
third of the time of the tok2vec and NER layers together (both embed the same tokens, and
news text repeats its words), so :class:`CachedFloretVectors` computes each distinct key
once and keeps its vector in a bounded table. Results are the same floats as spaCy's.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.util import registry
from spacy.vectors import Mode, Vectors
from spacy.vocab import Vocab

#: distinct keys kept before the cache starts afresh (100 floats each: 40 MB at most)
MAX_CACHED = 100_000


class CachedFloretVectors(Vectors):
    """spaCy ``Vectors`` whose floret ``get_batch`` computes each key's vector once."""

    def __init__(self, *args: Any, max_cached: int = MAX_CACHED, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_cached = max_cached
        self.clear_cache()

    def clear_cache(self) -> None:
        """Forget every cached vector (called whenever the table changes)."""
        self._rows: dict[int, int] = {}
        self._table: numpy.ndarray | None = None

    def get_batch(self, keys: Any) -> Any:
        """The vectors of ``keys`` (ints or strings), as ``Vectors.get_batch`` returns them."""
        if self.mode != Mode.floret or not isinstance(keys, numpy.ndarray) or not keys.size:
            return super().get_batch(keys)
        distinct, inverse = numpy.unique(keys, return_inverse=True)
        rows = numpy.fromiter(
            (self._rows.get(k, -1) for k in distinct.tolist()), dtype=numpy.intp,
            count=len(distinct),
        )
        missing = rows < 0
        if missing.any():
            new_keys = distinct[missing]
            if len(self._rows) + len(new_keys) > self.max_cached:
                self.clear_cache()
                return super().get_batch(keys)
            new = numpy.asarray(super().get_batch(new_keys))
            if self._table is None:
                self._table = numpy.empty((self.max_cached, new.shape[1]), dtype=new.dtype)
            start = len(self._rows)
            self._table[start:start + len(new)] = new
            fresh = numpy.arange(start, start + len(new), dtype=numpy.intp)
            self._rows.update(zip(new_keys.tolist(), fresh.tolist(), strict=True))
            rows[missing] = fresh
        assert self._table is not None
        return self._table[rows[inverse]]

    # every way the table can change drops the cached vectors
    def add(self, *args: Any, **kwargs: Any) -> Any:
        self.clear_cache()
        return super().add(*args, **kwargs)

    def resize(self, *args: Any, **kwargs: Any) -> Any:
        self.clear_cache()
        return super().resize(*args, **kwargs)

    def from_disk(self, *args: Any, **kwargs: Any) -> Any:
        self.clear_cache()
        return super().from_disk(*args, **kwargs)

    def from_bytes(self, *args: Any, **kwargs: Any) -> Any:
        self.clear_cache()
        return super().from_bytes(*args, **kwargs)


@registry.vectors("zitat.CachedFloretVectors.v1")
def create_cached_floret_vectors() -> Any:
    """The ``[nlp.vectors]`` factory that :func:`zitat.nlp.pipeline.load_core` selects."""

    def create(vocab: Vocab) -> CachedFloretVectors:
        return CachedFloretVectors(strings=vocab.strings)

    return create

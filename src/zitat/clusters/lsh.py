"""MinHash signatures (``datasketch``) and LSH band keys a store can index.

Two sets with Jaccard similarity ``s`` share at least one of ``bands`` band keys with
probability ``1 - (1 - s**rows)**bands``. A store keeps each item's band keys in an indexed
column and finds candidates with one ``key IN (…)`` query; candidates are then verified
exactly (:mod:`zitat.clusters.match`), so the parameters trade candidates for recall.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

#: The seed of the permutations: signatures must be comparable across runs and processes.
SEED = 26


@dataclass(frozen=True)
class LSHParams:
    """Banding of MinHash signatures.

    Attributes:
        name: a short label, mixed into every band key (articles and quotes never collide).
        bands: number of bands.
        rows: signature values per band (``num_perm = bands * rows``).
    """

    name: str
    bands: int
    rows: int

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows

    def candidate_probability(self, similarity: float) -> float:
        """Probability that two sets of this Jaccard similarity become candidates."""
        return 1.0 - (1.0 - similarity**self.rows) ** self.bands


#: Articles: 4-word shingles; a copy trimmed to half with light edits (Jaccard ≈ 0.45)
#: is a candidate with probability 0.98.
ARTICLE_LSH = LSHParams("a", bands=42, rows=3)
#: Statements: content-word keys; a paraphrase sharing a third of the keys is a candidate
#: with probability 0.97.
QUOTE_LSH = LSHParams("q", bands=32, rows=2)


def _same(value: int) -> int:
    return value


@lru_cache(maxsize=8)
def _template(num_perm: int, hashed: bool) -> MinHash:
    # imported here: datasketch loads SciPy (about a second), which `zitat --help`, the
    # web server's start and every store that is only read do not need
    from datasketch import MinHash

    # datasketch draws its permutations from SEED each time a MinHash is built; building
    # one template and copying it skips that per item. CRC-32 instead of datasketch's
    # default SHA-1 per token: a third of the time, and the permutations spread it.
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_same if hashed else zlib.crc32)


def token_hash(token: str) -> int:
    """The 32-bit hash of a token that :func:`hashed_signature` expects."""
    return zlib.crc32(token.encode("utf-8"))


def signature(tokens: Iterable[str], params: LSHParams) -> np.ndarray:
    """The MinHash signature (``params.num_perm`` values) of a set of tokens."""
    mh = _template(params.num_perm, False).copy()
    mh.update_batch([t.encode("utf-8") for t in tokens])
    return mh.hashvalues


def hashed_signature(hashes: Iterable[int], params: LSHParams) -> np.ndarray:
    """:func:`signature` of tokens given by their :func:`token_hash` values."""
    mh = _template(params.num_perm, True).copy()
    mh.update_batch(list(hashes))
    return mh.hashvalues


def band_keys(sig: np.ndarray, params: LSHParams) -> list[int]:
    """One key per band: a signed 63-bit hash of the band's values and its number.

    The keys fit a signed 64-bit column of every SQL engine.
    """
    keys = []
    r = params.rows
    for b in range(params.bands):
        digest = hashlib.blake2b(
            params.name.encode() + struct.pack("<H", b) + sig[b * r:(b + 1) * r].tobytes(),
            digest_size=8,
        ).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def exact_key(tokens: Iterable[str]) -> int:
    """One key for an exact token sequence (a repeat in the same words), in the range of
    :func:`band_keys`."""
    digest = hashlib.blake2b("\x1f".join(["=", *tokens]).encode("utf-8"), digest_size=8)
    return int.from_bytes(digest.digest(), "little") >> 1

"""Where a statement came from: wire copies and statement clusters (pure functions).

* :mod:`~zitat.clusters.text`: the words of a text with quote marks, case and spacing
  normalised; word shingles of articles; the content-word keys of a statement; word-level
  differences between two variants.
* :mod:`~zitat.clusters.lsh`: MinHash signatures (``datasketch``) and their band keys, the
  candidates of locality-sensitive hashing that a store keeps in an indexed table.
* :mod:`~zitat.clusters.match`: when two articles are copies of one agency text, and
  when two quotations are versions of one statement.

Nothing here does I/O: the store (:mod:`zitat.store.clusters`) asks for candidates by band
key, verifies them with :mod:`match` and keeps the links; ``zitat batch`` does the same in
bulk with Spark.
"""

from zitat.clusters.lsh import (
    ARTICLE_LSH,
    QUOTE_LSH,
    LSHParams,
    band_keys,
    exact_key,
    hashed_signature,
    signature,
)
from zitat.clusters.match import (
    QuoteKey,
    containment,
    quote_key,
    same_statement,
    wire_similarity,
)
from zitat.clusters.text import shingle_hashes, shingles, statement_keys, word_diff, words

__all__ = [
    "ARTICLE_LSH",
    "QUOTE_LSH",
    "LSHParams",
    "QuoteKey",
    "band_keys",
    "containment",
    "exact_key",
    "hashed_signature",
    "quote_key",
    "same_statement",
    "shingle_hashes",
    "shingles",
    "signature",
    "statement_keys",
    "wire_similarity",
    "word_diff",
    "words",
]

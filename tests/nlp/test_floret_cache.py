"""Cached floret vectors: the same floats as spaCy's, computed once per word."""

from __future__ import annotations

import numpy
from spacy.strings import StringStore
from spacy.vectors import Vectors

from zitat.nlp.floret_cache import CachedFloretVectors

WORDS = ["Bundesregierung", "Straße", "Außenministerin", "Brüssel", "sagte", "sei", "Straße",
         "Weißrussland", "Moldau", "Litauen", "sagte", "Bundesregierung"]


def _pair(max_cached: int) -> tuple[Vectors, CachedFloretVectors, numpy.ndarray]:
    rng = numpy.random.default_rng(7)
    data = rng.standard_normal((64, 6)).astype("float32")
    settings = {"mode": "floret", "minn": 3, "maxn": 5, "hash_count": 2}
    strings = StringStore(WORDS)
    plain = Vectors(strings=strings, data=data.copy(), **settings)
    cached = CachedFloretVectors(strings=strings, data=data.copy(), max_cached=max_cached,
                                 **settings)
    keys = numpy.asarray([strings[w] for w in WORDS], dtype="uint64")
    return plain, cached, keys


def test_same_vectors_as_spacy_and_each_word_computed_once():
    plain, cached, keys = _pair(max_cached=100)
    expected = numpy.asarray(plain.get_batch(keys))
    first = cached.get_batch(keys)
    assert numpy.array_equal(first, expected)
    assert len(cached._rows) == len(set(WORDS))  # repeats are computed once
    again = cached.get_batch(keys[::-1])
    assert numpy.array_equal(again, expected[::-1])
    assert not numpy.array_equal(expected[0], expected[1])  # distinct words, distinct vectors


def test_a_full_cache_starts_afresh_and_stays_correct():
    plain, cached, keys = _pair(max_cached=4)
    for _ in range(3):
        assert numpy.array_equal(cached.get_batch(keys), numpy.asarray(plain.get_batch(keys)))
        assert numpy.array_equal(cached.get_batch(keys[:3]), numpy.asarray(plain.get_batch(keys[:3])))
    assert len(cached._rows) <= 4


def test_changing_the_table_drops_the_cache():
    plain, cached, keys = _pair(max_cached=100)
    before = cached.get_batch(keys).copy()
    plain.data[:] *= 2  # another table, loaded into the cached one
    cached.from_bytes(plain.to_bytes())
    after = cached.get_batch(keys)
    assert numpy.allclose(after, 2 * before)
    assert numpy.array_equal(after, numpy.asarray(plain.get_batch(keys)))


def test_the_shipped_core_model_uses_it():
    from zitat.nlp.pipeline import load_core

    nlp = load_core()
    assert isinstance(nlp.vocab.vectors, CachedFloretVectors)
    doc = nlp("Die Außenministerin sagte in Brüssel, die Lage sei ernst.")
    assert doc.ents and len(nlp.vocab.vectors._rows) >= len(doc) - 2

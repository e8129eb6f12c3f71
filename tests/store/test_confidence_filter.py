"""Searches and speaker profiles filtered by a quote's confidence, on every backend."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tests.confidence_articles import DOUBTFUL, SURE
from tests.store.conftest import stored
from zitat.store import SearchQuery


@pytest.fixture
def store(store_url):
    yield from stored(store_url, [SURE, DOUBTFUL])


def test_search_min_confidence_keeps_confident_quotes(store):
    everything = store.search(SearchQuery(speaker="Keller"))
    assert sorted(h.confidence for h in everything) == [0.22, 0.86]
    confident = store.search(SearchQuery(speaker="Keller", min_confidence=0.5))
    assert [h.text for h in confident] == [SURE.quotes[0].text]
    assert store.count(SearchQuery(min_confidence=0.5)) == 1
    assert store.count(SearchQuery(min_confidence=0.22)) == 2  # the bound itself is kept
    assert store.search(SearchQuery(min_confidence=0.9)) == []


def test_min_confidence_is_a_probability():
    with pytest.raises(ValidationError):
        SearchQuery(min_confidence=1.5)
    with pytest.raises(ValidationError):
        SearchQuery(min_confidence=-0.1)


def test_speaker_profile_counts_confident_attributions_and_the_rest(store):
    entity_id = store.find_speaker("Jonas Keller")
    full = store.speaker(entity_id)
    assert full.quotes == 2 and full.uncertain == 0 and full.min_confidence is None
    sure = store.speaker(entity_id, min_confidence=0.5)
    assert sure.quotes == 1 and sure.uncertain == 1 and sure.min_confidence == 0.5
    assert sure.quotes_per_month == {"2023-03": 1}
    assert [h.text for h in sure.latest] == [SURE.quotes[0].text]

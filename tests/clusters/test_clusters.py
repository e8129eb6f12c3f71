"""Pure wire-copy and statement matching: normalisation, LSH keys, pair rules, diffs."""

from __future__ import annotations

import pytest

from zitat.clusters import (
    ARTICLE_LSH,
    QUOTE_LSH,
    band_keys,
    quote_key,
    same_statement,
    shingles,
    signature,
    statement_keys,
    wire_similarity,
    word_diff,
    words,
)

SAID = "„Wir werden die Mieten in den großen Städten für fünf Jahre begrenzen“"


@pytest.mark.parametrize("variant", [
    "»Wir werden die Mieten in den großen Städten für fünf Jahre begrenzen«",
    '"wir werden die Mieten in den großen  Städten für fünf Jahre begrenzen."',
    "‚Wir werden die Mieten in den großen Städten für fünf Jahre begrenzen‘",
])
def test_quote_marks_case_and_spacing_do_not_change_the_words(variant):
    assert words(variant) == words(SAID)


def test_statement_keys_drop_pronouns_and_auxiliaries():
    reported = "sie werde die Mieten in den großen Städten für fünf Jahre begrenzen"
    assert statement_keys(reported) == statement_keys(SAID)
    assert "werde" not in statement_keys(SAID)


def test_direct_versions_match_whoever_they_are_credited_to():
    a = quote_key(1, SAID, "Direct", "e1")
    shortened = quote_key(2, "„Wir werden die Mieten in den großen Städten begrenzen“",
                          "Direct", "e2")
    assert same_statement(a, shortened)


def test_a_reported_version_needs_the_same_speaker():
    a = quote_key(1, SAID, "Direct", "e1")
    text = "die Mieten in großen Städten würden für fünf Jahre begrenzt"
    assert same_statement(a, quote_key(2, text, "Indirect", "e1"))
    assert not same_statement(a, quote_key(3, text, "Indirect", "e7"))
    assert not same_statement(a, quote_key(4, text, "Indirect", None))


def test_different_statements_on_one_topic_do_not_match():
    a = quote_key(1, SAID, "Direct", "e1")
    b = quote_key(2, "„Die Mieten in den Städten steigen seit Jahren schneller als die Löhne“",
                  "Direct", "e1")
    assert not same_statement(a, b)


def test_short_common_phrases_are_one_statement_only_from_one_speaker():
    assert not same_statement(quote_key(1, "„Das ist falsch“", "Direct", "e1"),
                              quote_key(2, "„Das ist falsch“", "Direct", "e2"))
    assert not same_statement(quote_key(1, "„Das ist falsch“", "Direct", None),
                              quote_key(2, "„Das ist falsch“", "Direct", None))
    # a short statement reprinted with its speaker is one statement
    assert same_statement(quote_key(1, "„Ich übernehme die Verantwortung“", "Direct", "e1"),
                          quote_key(2, "ich übernehme die Verantwortung", "Indirect", "e1"))
    assert not same_statement(quote_key(1, "„Das ist falsch“", "Direct", "e1"),
                              quote_key(2, "„Das ist nicht falsch“", "Direct", "e1"))


def test_band_keys_are_stable_and_share_bands_for_similar_sets():
    a = statement_keys(SAID)
    keys = band_keys(signature(a, QUOTE_LSH), QUOTE_LSH)
    assert keys == band_keys(signature(set(a), QUOTE_LSH), QUOTE_LSH)
    assert len(keys) == QUOTE_LSH.bands
    assert all(0 <= k < 2**63 for k in keys)
    b = statement_keys("„Wir werden die Mieten in den großen Städten begrenzen“")
    assert set(keys) & set(band_keys(signature(b, QUOTE_LSH), QUOTE_LSH))
    # articles and quotes never share a key, even for one token set
    assert not set(keys) & set(band_keys(signature(a, ARTICLE_LSH), ARTICLE_LSH))


def test_candidate_probability_follows_the_banding():
    assert QUOTE_LSH.candidate_probability(0.5) > 0.99
    assert ARTICLE_LSH.candidate_probability(0.05) < 0.01


def test_wire_similarity_needs_overlap_and_length():
    text = " ".join(f"Satz {i} über den Haushalt der Stadt Bremen im Jahr {2000 + i}."
                    for i in range(12))
    trimmed = text[: len(text) * 2 // 3]
    assert wire_similarity(shingles(text), shingles(trimmed)) == pytest.approx(1.0, abs=0.02)
    assert wire_similarity(shingles(text), shingles("Ein ganz anderer kurzer Text.")) is None
    other = " ".join(f"Meldung {i}: Der Zug nach Kassel fällt heute wegen Bauarbeiten aus."
                     for i in range(12))
    assert wire_similarity(shingles(text), shingles(other)) is None


def test_word_diff_shows_added_and_left_out_words():
    diff = word_diff("„Wir senken die Steuern im kommenden Jahr“", "»Wir senken die Steuern«")
    assert diff == [("=", "»Wir senken die Steuern«"), ("-", "im kommenden Jahr“")]
    diff = word_diff("Wir senken die Steuern", "Wir senken die Steuern deutlich")
    assert diff == [("=", "Wir senken die Steuern"), ("+", "deutlich")]

"""The quotation taggers' input: compounds the tokenizer split are joined again."""

from __future__ import annotations

import spacy

from zitat.nlp.quote_model import compound_words
from zitat.nlp.tokenization import zitat_tokenizer


def test_split_compounds_are_one_word_for_the_taggers():
    nlp = zitat_tokenizer(spacy.blank("de"), hyphen_split=True)
    doc = nlp("Der US-Außenminister sagte dem Weser-Kurier - knapp - zu Rohstoff- und Zollfragen.")
    words, word_of = compound_words(doc)
    assert [t.text for t in words] == [
        "Der", "US-Außenminister", "sagte", "dem", "Weser-Kurier", "-", "knapp", "-", "zu",
        "Rohstoff-", "und", "Zollfragen", "."]
    assert words.text == doc.text
    assert [words[k].text for k in word_of[1:4]] == ["US-Außenminister"] * 3


def test_hyphen_between_digits_stays_split_as_spacy_splits_it():
    doc = spacy.blank("de")("Von 2014-2015 sagte sie das.")
    words, _ = compound_words(doc)
    assert [t.text for t in words] == [t.text for t in doc]


def test_unsplit_doc_is_passed_through():
    doc = spacy.blank("de")("Der US-Außenminister sagte das.")
    words, word_of = compound_words(doc)
    assert words is doc and word_of == list(range(len(doc)))

"""zitat's tokenizer changes: ``@`` split off a handle, nowhere else; optionally hyphenated
compounds split as UD German writes them."""

from __future__ import annotations

import pytest
import spacy

from zitat.nlp.tokenization import split_hyphens, with_handle_prefix, zitat_tokenizer


def _tokens(text: str) -> list[str]:
    return [t.text for t in with_handle_prefix(spacy.blank("de"))(text)]


def test_handle_is_split_from_its_at_sign():
    assert _tokens("RT @Stadtwerke_Oberau: Heute kein Strom.") == [
        "RT", "@", "Stadtwerke_Oberau", ":", "Heute", "kein", "Strom", "."]


def test_at_sign_inside_an_address_stays():
    assert "presse@oberau.de" in _tokens("Fragen an presse@oberau.de, sagte sie.")


def test_other_tokens_as_spacy_splits_them():
    text = "#Hamburg: Die Halle (ab 9 Uhr) öffnet, sagte Dr. Lenz."
    assert _tokens(text) == [t.text for t in spacy.blank("de")(text)]


def test_split_survives_saving_the_pipeline(tmp_path):
    with_handle_prefix(spacy.blank("de")).to_disk(tmp_path / "m")
    assert [t.text for t in spacy.load(tmp_path / "m")("@faznet")] == ["@", "faznet"]


def _split_tokens(text: str) -> list[str]:
    return [t.text for t in zitat_tokenizer(spacy.blank("de"), hyphen_split=True)(text)]


def test_hyphen_split_is_off_by_default():
    assert "Lufthansa-Streik" in [t.text for t in zitat_tokenizer(spacy.blank("de"))(
        "Der Lufthansa-Streik geht weiter.")]


def test_hyphen_split_cuts_compounds_as_ud_writes_them():
    assert _split_tokens("Der Lufthansa-Streik trifft die Rohstoff- und Umweltpolitik.") == [
        "Der", "Lufthansa", "-", "Streik", "trifft", "die", "Rohstoff", "-", "und",
        "Umweltpolitik", "."]


def test_hyphen_split_leaves_dashes_addresses_and_handles():
    assert _split_tokens("Sie - so heißt es - schrieb an info@stadt-oberau.de und @faznet.") \
        == ["Sie", "-", "so", "heißt", "es", "-", "schrieb", "an", "info@stadt-oberau.de",
            "und", "@", "faznet", "."]


@pytest.mark.parametrize("word", ["EU-Ebene", "Hans-Peter", "Rohstoff-", "HP-Oracle-Deal",
                                  "Covid-19", "Straße", "-", "--"])
def test_pre_tokenized_words_split_as_the_tokenizer_splits_them(word):
    assert split_hyphens(word) == _split_tokens(word)


def test_hyphen_split_survives_saving_the_pipeline(tmp_path):
    zitat_tokenizer(spacy.blank("de"), hyphen_split=True).to_disk(tmp_path / "m")
    assert [t.text for t in spacy.load(tmp_path / "m")("EU-Ebene")] == ["EU", "-", "Ebene"]

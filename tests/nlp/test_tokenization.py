"""zitat's tokenizer change: ``@`` split off a handle, nowhere else."""

from __future__ import annotations

import spacy

from zitat.nlp.tokenization import with_handle_prefix


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

"""The name lexicon as lexeme flags: what the NER's tok2vec reads for each word."""

from __future__ import annotations

import gzip

import pytest
import spacy

from zitat.nlp.lexicon_features import (
    FIRST_NAME,
    FLAGS,
    LEXICON,
    NOUN,
    PLACE,
    SURNAME,
    load_lexicon,
    make_lexicon_features,
    word_class,
)
from zitat.train.lexicon import _one_word, _with_genitive, write_lexicon

FLAG_ATTRS = [f"FLAG{FLAGS[bit]}" for bit in (FIRST_NAME, SURNAME, PLACE, NOUN)]


def _flags(nlp: spacy.language.Language, text: str) -> dict[str, list[int]]:
    doc = nlp(text)
    return {tok.text: list(row) for tok, row in zip(doc, doc.to_array(FLAG_ATTRS), strict=True)}


def test_word_class_exact_form_and_all_caps() -> None:
    lexicon = {"Moldau": PLACE, "Olaf": FIRST_NAME, "Haus": NOUN}
    assert word_class(lexicon, "Moldau") == PLACE
    assert word_class(lexicon, "MOLDAU") == PLACE  # headline caps
    assert word_class(lexicon, "moldau") == 0  # case carries meaning in German
    assert word_class(lexicon, "Olafs") == 0


def test_shipped_lexicon_flags_on_a_news_sentence() -> None:
    nlp = spacy.blank("de")
    make_lexicon_features()(nlp)
    flags = _flags(nlp, "Kanzler Olaf Scholz sagte in Brüssel, die Regierung plane Hilfen für Litauen.")
    assert flags["Olaf"][0] == 1 and flags["Scholz"][1] == 1
    assert flags["Brüssel"][2] == 1 and flags["Litauen"][2] == 1
    assert flags["Regierung"][3] == 1 and flags["Kanzler"][3] == 1
    assert flags["sagte"] == [0, 0, 0, 0] and flags[","] == [0, 0, 0, 0]
    assert flags["Regierung"][0] == 0 and flags["Olaf"][3] == 0


def test_flags_set_on_lexemes_that_existed_before_install() -> None:
    nlp = spacy.blank("de")
    nlp.vocab["Brüssel"]  # made before the getter, like tokenizer exceptions
    make_lexicon_features()(nlp)
    assert nlp.vocab["Brüssel"].check_flag(FLAGS[PLACE])


def test_lexicon_round_trip_and_genitives(tmp_path) -> None:
    path = tmp_path / "lex.tsv.gz"
    write_lexicon({"Weißrussland": PLACE, "Müller": SURNAME | NOUN}, path)
    assert load_lexicon(path) == {"Weißrussland": PLACE, "Müller": SURNAME | NOUN}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        assert fh.readline() == f"Müller\t{SURNAME | NOUN}\n"  # sorted, one form per line
    assert list(_with_genitive(["Merkel", "Scholz", "Paris"])) == ["Merkel", "Merkels", "Scholz", "Paris"]
    assert _one_word("Baden-Baden") and _one_word("O’Neill")
    assert not _one_word("Abu Dhabi") and not _one_word("A") and not _one_word("G7")


def test_shipped_lexicon_size() -> None:
    counts = {bit: 0 for bit in (FIRST_NAME, SURNAME, PLACE, NOUN)}
    for mask in load_lexicon(LEXICON).values():
        for bit in counts:
            counts[bit] += bool(mask & bit)
    # thousands of each class: a truncated or empty build fails here
    assert all(n > 10_000 for n in counts.values()), counts


def test_build_merges_the_sources() -> None:
    pytest.importorskip("faker")
    pytest.importorskip("german_nouns")
    from zitat.train.lexicon import build_lexicon

    lexicon = build_lexicon()
    assert lexicon["Annalena"] & FIRST_NAME and lexicon["Moldau"] & PLACE
    assert lexicon["Ministeriums"] & NOUN

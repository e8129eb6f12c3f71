"""The STTS→UPOS lookup component and the silver-tag helpers it is trained with."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from zitat.nlp.stts_upos import SttsUpos
from zitat.train.silver import normalize_stts, stts_upos_table


def test_normalize_stts_spellings() -> None:
    assert normalize_stts("VV(FIN)") == "VVFIN"
    assert normalize_stts("ADJ(D)") == "ADJD"
    assert normalize_stts("PROAV") == "PAV"
    assert normalize_stts("APPR_ART") == "APPRART"
    assert normalize_stts("NNA") == "NN"
    assert normalize_stts("$(") == "$("  # not mistaken for a parenthesised subtag
    assert normalize_stts("XY", "–") == "$("
    assert normalize_stts("XY", "GPA-djp") == "XY"


def _doc(nlp: spacy.language.Language, words: list[str], tags: list[str],
         pos: list[str] | None = None) -> Doc:
    return Doc(nlp.vocab, words=words, tags=tags, pos=pos)


def test_table_keeps_only_word_exceptions() -> None:
    nlp = spacy.blank("de")
    docs = [_doc(nlp, ["Das", "Haus", "alle", "alle"], ["PDS", "NN", "PIS", "PIS"],
                 ["PRON", "NOUN", "DET", "DET"]),
            _doc(nlp, ["viele", "es"], ["PIS", "PDS"], ["PRON", "PRON"]),
            _doc(nlp, ["einige", "manche"], ["PIS", "PIS"], ["PRON", "PRON"])]
    by_tag, by_word = stts_upos_table(docs)
    assert by_tag == {"PDS": "PRON", "NN": "NOUN", "PIS": "PRON"}
    assert by_word == {"PIS": {"alle": "DET"}}


def test_finite_verbs_get_a_mood() -> None:
    nlp = spacy.blank("de")
    mapper = nlp.add_pipe("zitat_stts_upos")
    mapper.by_tag = {"VVFIN": "VERB"}
    doc = _doc(nlp, ["sie", "sehen", "es"], ["PPER", "VVFIN", "PPER"], ["PRON", "VERB", "PRON"])
    doc[1].set_morph("VerbForm=Inf")
    doc[2].set_morph("Case=Acc")
    mapper(doc)
    assert str(doc[1].morph) == "Mood=Ind|VerbForm=Inf"
    assert str(doc[2].morph) == "Case=Acc"


def test_component_maps_and_round_trips(tmp_path) -> None:
    nlp = spacy.blank("de")
    mapper = nlp.add_pipe("zitat_stts_upos")
    mapper.by_tag = {"NN": "NOUN", "PIS": "PRON"}
    mapper.by_word = {"PIS": {"alle": "DET"}}
    doc = _doc(nlp, ["Alle", "Häuser", "x", "Roth"], ["PIS", "NN", "UNKNOWN", "NN"],
               ["PRON", "ADJ", "X", "PROPN"])
    nlp.get_pipe("zitat_stts_upos")(doc)
    # unknown tag: left alone; a name the morphologizer found stays a name
    assert [t.pos_ for t in doc] == ["DET", "NOUN", "X", "PROPN"]
    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert isinstance(loaded.get_pipe("zitat_stts_upos"), SttsUpos)
    assert loaded.get_pipe("zitat_stts_upos").by_word == {"PIS": {"alle": "DET"}}

"""The STTS→UPOS lookup component and the silver-tag helpers it is trained with."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from zitat.nlp.stts_upos import (
    SttsUpos,
    clause_segments,
    konjunktiv_by_form,
    orphan_infinitives,
)
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


def _tagged(pairs: str) -> Doc:
    """'Die/ART Preise/NN steigen/VVINF ./$.' → a Doc with those tags."""
    words, tags = zip(*(p.rsplit("/", 1) for p in pairs.split()), strict=True)
    return Doc(spacy.blank("de").vocab, words=list(words), tags=list(tags))


def _orphans(pairs: str) -> list[int]:
    doc = _tagged(pairs)
    return orphan_infinitives([t.tag_ for t in doc], [t.text for t in doc])


def test_an_infinitive_alone_in_its_clause_is_a_finite_plural() -> None:
    # main clause without any finite verb, and a subordinate clause after a finite one
    pairs = "Die/ART Preise/NN steigen/VVINF ,/$, weil/KOUS die/ART Kosten/NN wachsen/VVINF ./$."
    assert _orphans(pairs) == [2, 7]
    doc = _tagged(pairs)
    nlp = spacy.blank("de")
    nlp.add_pipe("zitat_stts_upos")(doc)
    assert doc[2].tag_ == "VVFIN"
    assert doc[7].morph.get("Mood") == ["Ind"] and doc[7].morph.get("VerbForm") == ["Fin"]


def test_real_infinitives_stay_infinitives() -> None:
    # governed by a modal, by "zu", a zu-infinitive the tagger missed, or the finite verb of
    # the sentence before an inserted clause
    assert _orphans(
        "Die/ART Länder/NN wollen/VMFIN sparen/VVINF ./$.") == []
    assert _orphans(
        "Sie/PPER hofft/VVFIN ,/$, das/ART Ziel/NN zu/PTKZU erreichen/VVINF ./$.") == []
    assert _orphans(
        "Es/PPER gilt/VVFIN ,/$, Fehler/NN nachzuahmen/VVINF ./$.") == []
    assert _orphans(
        "Der/ART Minister/NN werde/VAFIN ,/$, so/ADV Berlin/NE ,/$, nicht/PTKNEG "
        "zurücktreten/VVINF ./$.") == []
    # the next sentence starts afresh
    assert _orphans(
        "Sie/PPER kam/VVFIN ./$. Die/ART Kinder/NN spielen/VVINF ./$.") == [5]


def test_konjunktiv_forms_get_mood_sub() -> None:
    nlp = spacy.blank("de")
    mapper = nlp.add_pipe("zitat_stts_upos")
    # indirect speech: "sei" and "habe" (third person) are Konjunktiv I, "wäre" Konjunktiv II
    doc = _tagged("Die/ART Ministerin/NN sagte/VVFIN ,/$, der/ART Plan/NN sei/VAFIN gut/ADJD "
                  ",/$, sie/PPER habe/VAFIN ihn/PPER geprüft/VVPP ,/$, ein/ART Stopp/NN "
                  "wäre/VAFIN falsch/ADJD ./$.")
    for i in (2, 6, 10, 16):
        doc[i].set_morph("Mood=Ind|VerbForm=Fin")
    mapper(doc)
    assert [doc[i].morph.get("Mood") for i in (2, 6, 10, 16)] == [
        ["Ind"], ["Sub"], ["Sub"], ["Sub"]]


def test_indicative_look_alikes_stay_indicative() -> None:
    # first person, the past "wurde", and "-te" forms (past and Konjunktiv II look alike)
    doc = _tagged("Ich/PPER habe/VAFIN es/PPER gesehen/VVPP ,/$, es/PPER wurde/VAFIN "
                  "gebaut/VVPP und/KON kostete/VVFIN viel/PIS ./$.")
    tags, lowers = [t.tag_ for t in doc], [t.lower_ for t in doc]
    assert [i for s, e, _ in clause_segments(tags)
            for i in konjunktiv_by_form(tags, lowers, s, e)] == []


def test_haben_and_werden_without_another_verb_are_full_verbs() -> None:
    nlp = spacy.blank("de")
    mapper = nlp.add_pipe("zitat_stts_upos")
    mapper.by_tag = {"VAFIN": "AUX", "VVPP": "VERB"}
    doc = _tagged("Die/ART Stadt/NN hat/VAFIN zwei/CARD Bahnhöfe/NN ,/$, sie/PPER hat/VAFIN "
                  "beide/PIS gebaut/VVPP ,/$, das/PDS ist/VAFIN teuer/ADJD ./$.")
    mapper(doc)
    # possession: VERB; auxiliary of a participle: AUX; the copula "sein" stays AUX
    assert [doc[i].pos_ for i in (2, 7, 12)] == ["VERB", "AUX", "AUX"]

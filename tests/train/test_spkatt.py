"""The SpkAtt-2023 reader: roles mapped to the quotation taggers' labels, unknowns missing."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SHARED_DATA
from zitat.train.spkatt import message_type, read_speech, read_spkatt, write_docbins

#: a hand-written speech in SpkAtt's format (fictional)
SPEECH = {
    "Sentences": [
        {"SentenceId": 0, "Tokens": ["Frau", "Präsidentin", "!"]},
        {"SentenceId": 1, "Tokens": ["Die", "Ministerin", "hat", "uns", "gestern", "gesagt",
                                     ",", "dass", "die", "Schulen", "mehr", "Geld", "bekommen",
                                     "."]},
        {"SentenceId": 2, "Tokens": ["Kollege", "Brandt", "hat", "dazu", "gesprochen", "."]},
        {"SentenceId": 3, "Tokens": ["Er", "rief", ":", "„", "Das", "reicht", "nicht", "!", "“"]},
        {"SentenceId": 4, "Tokens": ["Das", "Wetter", "war", "schön", "."]},
    ],
    "Annotations": [
        {"Cue": ["1:5"], "Source": ["1:0", "1:1"], "Addr": ["1:3"], "PTC": [],
         "Message": ["1:7", "1:8", "1:9", "1:10", "1:11", "1:12"], "Topic": [], "Evidence": [],
         "Medium": []},
        {"Cue": ["2:4"], "Source": ["2:0", "2:1"], "Addr": [], "PTC": [], "Message": [],
         "Topic": ["2:3"], "Evidence": [], "Medium": []},
        {"Cue": ["3:1"], "Source": ["3:0"], "Addr": [], "PTC": [],
         "Message": ["3:4", "3:5", "3:6", "3:7"], "Topic": [], "Evidence": [], "Medium": []},
    ],
}


def _words(doc, ids):
    return [doc["tokens"][i]["text"] for i in ids]


def test_roles_and_types_map_to_the_quotation_format():
    doc = read_speech(SPEECH, "rede")
    assert all(doc["originalText"][t["charBegin"]:t["charEnd"]] == t["text"]
               for t in doc["tokens"])
    assert doc["originalText"].startswith("Frau Präsidentin! Die Ministerin hat uns")
    indirect, reported, direct = doc["annotations"]
    assert indirect["type"] == "Indirect"
    assert _words(doc, indirect["quote"]["tokenIds"])[:2] == ["dass", "die"]
    assert _words(doc, indirect["speaker"]["tokenIds"]) == ["Die", "Ministerin"]
    assert _words(doc, indirect["addressee"]["tokenIds"]) == ["uns"]
    assert _words(doc, indirect["cue"]["tokenIds"]) == ["gesagt"]
    # an event without a message still teaches the roles, but no quotation span
    assert reported["quote"]["tokenIds"] == []
    assert _words(doc, reported["speaker"]["tokenIds"]) == ["Kollege", "Brandt"]
    assert direct["type"] == "Direct"


def test_unknown_labels_are_missing_not_outside():
    doc = read_speech(SPEECH, "rede")
    words = {i: t["text"] for i, t in enumerate(doc["tokens"])}
    missing_role = {words[i] for i in doc["missingRole"]}
    # the rest of an event's sentence could be frame: unknown; a topic too
    assert {"gestern", "hat", "dazu"} <= missing_role
    # role and message tokens and sentences without an event are known
    assert not {"Ministerin", "gesagt", "Schulen", "Wetter", "Präsidentin"} & missing_role
    # a report without a message: its sentence's quotation labels are unknown
    missing_quote = {words[i] for i in doc["missingQuote"]}
    assert {"Kollege", "gesprochen"} <= missing_quote
    assert not {"Schulen", "Wetter", "reicht"} & missing_quote


@pytest.mark.parametrize(("tokens", "sents", "expected"), [
    (["dass", "es", "regnet"], {1}, "Indirect"),
    (["die", "Schulen", "bekommen", "mehr", "Geld"], {1}, "Indirect"),
    (["die", "Schulen", "bekommen", "mehr", "Geld"], {2}, "FreeIndirect"),
    (["„", "Das", "reicht", "“"], {1}, "Direct"),
    (["das"], {1}, None),
    (["Was"], {1}, None),
    (["von", "einer", "Krise"], {1}, None),
])
def test_message_type(tokens, sents, expected):
    assert message_type(tokens, sents, {1}, "", "") == expected


def test_docbins_carry_missing_labels_as_empty_tags(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    doc = read_speech(SPEECH, "rede")
    write_docbins([doc], tmp_path / "q.spacy", tmp_path / "r.spacy")
    vocab = spacy.blank("de").vocab
    (qdoc,) = DocBin().from_disk(tmp_path / "q.spacy").get_docs(vocab)
    (rdoc,) = DocBin().from_disk(tmp_path / "r.spacy").get_docs(vocab)
    tags = {t.text: (q.tag_, t.tag_) for q, t in zip(qdoc, rdoc, strict=True)}
    assert tags["Ministerin"] == ("O", "SPK") and tags["gesagt"] == ("O", "CUE")
    assert tags["uns"] == ("O", "ADR") and tags["dass"] == ("B-Indirect", "O")
    assert tags["Schulen"] == ("I-Indirect", "O") and tags["Wetter"] == ("O", "O")
    assert tags["gestern"] == ("O", "") and tags["gesprochen"] == ("", "CUE")
    assert len(list(qdoc.sents)) == 5


@pytest.mark.skipif(not (SHARED_DATA / "speaker-attribution-spkatt2023").exists(),
                    reason="SpkAtt data not in ../shared")
def test_reads_the_shared_corpus():
    folder = SHARED_DATA / "speaker-attribution-spkatt2023" / "dev"
    docs = list(read_spkatt(folder))
    assert len(docs) == len(list(folder.glob("*.json")))
    raw = json.loads(next(iter(sorted(folder.glob("*.json")))).read_text(encoding="utf-8"))
    assert len(docs[0]["tokens"]) == sum(len(s["Tokens"]) for s in raw["Sentences"])
    assert len(docs[0]["annotations"]) == len(raw["Annotations"])  # every event, roles at least


def test_arms_table_has_one_row_per_arm_and_split():
    from zitat.train.spkatt import arms_table

    def trio(f1):
        return {"p": f1 + 1, "r": f1 - 1, "f1": f1}

    scores = {"documents": 3, "messages": trio(70.0), "roles": trio(60.0), "joint": trio(65.0),
              "form": trio(71.0), "stwr": trio(50.0),
              "per_role": {"speaker": trio(55.0), "addressee": trio(20.0)},
              "per_type_quote": {"Reported": trio(40.0)}}
    table = arms_table({"mixed": {"dev": scores, "train": scores}}).splitlines()
    assert len(table) == 4
    assert table[2] == ("| mixed | dev | 66.0 / 64.0 / 65.0 | 70.0 | 60.0 | 71.0 | 50.0 | 55.0 "
                        "| 20.0 | 40.0 | 0.0 |")

"""The floret vectors' text: issue 23's sources, and nothing of the held-out or tuning parts."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
import spacy

from tests.conftest import SHARED_DATA
from zitat.train.smartdata import part_of
from zitat.train.vectors import (
    smartdata_train_texts,
    spkatt_sentences,
    wikiwars_texts,
    write_text,
)

#: fictional short news items; enough that each part of the SHA-1 split gets some
ITEMS = [f"Die Stadtwerke Lindenau erhöhen den Gaspreis um {n} Prozent.\nDas teilte "
         f"Sprecherin Jana Roth am {n}. Mai mit." for n in range(40)]


def _smartdata(path: Path, texts: list[str]) -> Path:
    # the corpus' format: concatenated JSON objects in one gzip file
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": str(i), "text": {"string": text}}) + "\n")
    return path


def test_smartdata_gives_only_training_documents_once(tmp_path):
    parts = {t: part_of(t) for t in ITEMS}
    assert set(parts.values()) == {"train", "tune", "heldout"}  # the fixture covers each part
    path = _smartdata(tmp_path / "train.json.gz", ITEMS + ITEMS[:5])  # 5 duplicated texts
    got = list(smartdata_train_texts(path))
    want = [p for t in ITEMS if parts[t] == "train" for p in t.split("\n")]
    assert got == want
    held = [t for t in ITEMS if parts[t] != "train"]
    assert not any(t.split("\n")[0] in got for t in held)


def test_smartdata_leaves_out_paragraphs_of_heldout_documents(tmp_path):
    parts = {t: part_of(t) for t in ITEMS}
    held = next(t for t in ITEMS if parts[t] == "heldout")
    # a training document that repeats the held-out document's first paragraph
    shared_lead = next(t for t in (f"{held.split(chr(10))[0]}\nMehr dazu folgt{'.' * n}"
                                   for n in range(1, 50)) if part_of(t) == "train")
    path = _smartdata(tmp_path / "train.json.gz", [held, shared_lead])
    assert list(smartdata_train_texts(path)) == [shared_lead.split("\n")[1]]


def test_wikiwars_reads_the_text_between_text_tags(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "01_Krieg.sgm").write_text(
        "<DOC>\n<DOCID>01_Krieg</DOCID>\n<DATETIME> 2011-02-16T17:00:00 </DATETIME>\n"
        "<TEXT>\nDer Erbfolgekrieg\n\nEr begann im Frühjahr 1701 und endete 1714.\n</TEXT>\n"
        "</DOC>\n", encoding="utf-8")
    assert list(wikiwars_texts(tmp_path)) == [
        "Der Erbfolgekrieg", "Er begann im Frühjahr 1701 und endete 1714."]


def test_spkatt_sentences_of_train_and_dev(tmp_path):
    for split, tokens in (("train", ["Frau", "Präsidentin", "!"]),
                          ("dev", ["Wir", "lehnen", "den", "Antrag", "ab", "."])):
        (tmp_path / split).mkdir()
        (tmp_path / split / "rede.json").write_text(json.dumps(
            {"Sentences": [{"SentenceId": 0, "Tokens": tokens}], "Annotations": []}),
            encoding="utf-8")
    assert sorted(spkatt_sentences(tmp_path)) == [
        ["Frau", "Präsidentin", "!"], ["Wir", "lehnen", "den", "Antrag", "ab", "."]]


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_DATA / "speaker-attribution-spkatt2023").is_dir(),
                    reason="shared data not available")
def test_all_sources_add_text_and_no_heldout_smartdata(tmp_path):
    base = write_text(SHARED_DATA, None, "base")
    out = tmp_path / "text.txt"
    full = write_text(SHARED_DATA, out, "all")
    assert full["base"] == base["total"]
    assert min(full["spkatt"], full["smartdata"], full["wikiwarsde"]) > 10_000
    lines = set(out.read_text(encoding="utf-8").splitlines())
    from zitat.train.smartdata import read_smartdata

    held = (r["text"]["string"] for r in read_smartdata(
        SHARED_DATA / "ner-smartdata" / "train.json.gz"))
    # the longest paragraph of a held-out or tuning text (boilerplate such as
    # "Fehler melden" is shared with training texts), tokenized, is no line of the text
    longest = (max(t.split("\n"), key=len) for t in held if part_of(t) != "train")
    tok = spacy.blank("de").tokenizer
    checked = 0
    for para in itertools.islice((p for p in longest if len(p.split()) > 12), 80):
        assert " ".join(t.text for t in tok(para) if not t.is_space) not in lines
        checked += 1
    assert checked == 80

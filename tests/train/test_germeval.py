"""GermEval re-tokenized by the hyphen rules: entities keep their pieces, ``*part`` name
pieces become entities, the text stays the corpus' text (hand-written TSV)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zitat.train.core import germeval_docs
from zitat.train.germeval import read_germeval, read_germeval_split

TSV = """\
# http://example.org/1 [2026-01-01]
1\tDer\tO\tO
2\tSPD-Chef\tB-ORGpart\tO
3\tHans-Peter\tB-PER\tO
4\tKluge\tI-PER\tO
5\tsprach\tO\tO
6\tin\tO\tO
7\tBaden-Württemberg\tB-LOC\tO
8\tüber\tO\tO
9\tden\tO\tO
10\tExil-KPD-Vorstand\tB-ORGpart\tO
11\tund\tO\tO
12\tdie\tO\tO
13\tVenusphase\tB-LOCpart\tO
14\t.\tO\tO

"""


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    path = tmp_path / "ge.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def _entities(tokens: list[str], tags: list[str]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for tok, tag in zip(tokens, tags, strict=True):
        if tag.startswith("B-"):
            out.append((tok, tag[2:]))
        elif tag.startswith("I-"):
            out[-1] = (out[-1][0] + ("" if tok == "-" or out[-1][0].endswith("-") else " ")
                       + tok, out[-1][1])
    return out


def test_unsplit_reading_drops_parts(tsv):
    ((words, tags),) = list(read_germeval(tsv))
    assert words[1] == "SPD-Chef" and tags[1] == "O"


def test_split_reading_makes_name_pieces_entities(tsv):
    ((tokens, tags, _),) = list(read_germeval_split(tsv))
    assert tokens[:8] == ["Der", "SPD", "-", "Chef", "Hans", "-", "Peter", "Kluge"]
    assert _entities(tokens, tags) == [
        ("SPD", "ORG"), ("Hans-Peter Kluge", "PER"), ("Baden-Württemberg", "LOC"),
        ("KPD", "ORG")]


def test_split_reading_can_leave_parts_unannotated(tsv):
    ((tokens, tags, _),) = list(read_germeval_split(tsv, parts="missing"))
    assert tags[tokens.index("SPD")] == ""
    assert tags[tokens.index("Chef")] == "O"


def test_split_documents_keep_the_corpus_text(tsv):
    (plain,) = germeval_docs(tsv)
    (split,) = germeval_docs(tsv, split=True)
    assert split.text == plain.text
    assert len(split) > len(plain)
    assert [(e.text, e.label_) for e in split.ents][:2] == [("SPD", "ORG"),
                                                            ("Hans-Peter Kluge", "PER")]

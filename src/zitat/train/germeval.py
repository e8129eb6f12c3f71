"""GermEval 2014 NER data (TSV): the NER training corpus and a source of vector text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

#: GermEval's outer labels → the pipeline's labels
LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}


def read_germeval(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a GermEval 2014 TSV file as (words, outer BIO tags with our labels)."""
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                yield words, tags
            words, tags = [], []
            continue
        cols = line.split("\t")
        words.append(cols[1])
        tag = cols[2]
        if tag == "O" or "deriv" in tag or "part" in tag:
            tags.append("O")
        else:
            prefix, label = tag.split("-", 1)
            tags.append(f"{prefix}-{LABELS[label]}")
    if words:
        yield words, tags

"""GermEval 2014 NER data (TSV): the NER training corpus and a source of vector text.

GermEval keeps hyphenated compounds whole (``EU-Ebene``) and marks a compound that contains
a name as ``ORGpart``/``LOCpart``/``PERpart``/``OTHpart``; zitat counts those, like the
``deriv`` adjectives (``deutschen``), as no entity. Since core model 0.9.0 zitat's tokenizer
splits hyphenated compounds the UD way (:mod:`zitat.nlp.tokenization`), and
:func:`read_germeval_split` re-tokenizes GermEval the same way for training: the pieces of
an entity word all belong to the entity (``Hans``, ``-``, ``Peter``), and a ``*part``
compound's **name pieces become the entity** (``EU``, ``-``, ``Ebene`` → ``EU`` ORG), as
DFKI SmartData annotates them and as a reader sees them once the name is a token of its own:
the pieces before the compound's last hyphen (``Georg-Bergler`` in
``Georg-Bergler-Preis``), after a leading modifier (``Ex-``, ``Exil-``, lower-case
pieces: ``KPD`` in ``Exil-KPD``). A ``*part`` word without a hyphen (``Venusphase``) stays
"O": its name is no token of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from zitat.nlp.tokenization import split_hyphens

#: GermEval's outer labels → the pipeline's labels
LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
#: leading compound pieces that modify the name after them (`Ex-Bayern-Profi`, `Exil-KPD`)
MODIFIERS = frozenset({"Ex", "Exil", "Anti", "Pro", "Pseudo", "Neo", "Post", "Prä", "Vize",
                       "Nicht", "Alt", "Ur", "Groß", "Klein", "Nord", "Süd", "Ost", "West"})


def _raw_sentences(path: Path) -> Iterator[tuple[list[str], list[str]]]:
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
        tags.append(cols[2])
    if words:
        yield words, tags


def _outer(tag: str) -> str:
    if tag == "O" or "deriv" in tag or "part" in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{LABELS[label]}"


def read_germeval(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Sentences of a GermEval 2014 TSV file as (words, outer BIO tags with our labels)."""
    for words, tags in _raw_sentences(path):
        yield words, [_outer(t) for t in tags]


def _name_pieces(pieces: list[str]) -> tuple[int, int]:
    """(start, end) of the name among a ``*part`` compound's pieces; (0, 0) for none."""
    start = 0
    while start < len(pieces) - 1 and (pieces[start] in MODIFIERS or pieces[start] == "-"
                                       or pieces[start][:1].islower()):
        start += 1
    rest = pieces[start:]
    if "-" not in rest:  # `Exil-KPD`: the name is the last piece
        return (start, len(pieces)) if start > 0 and rest and rest[0][:1].isupper() else (0, 0)
    end = len(pieces) - 1 - pieces[::-1].index("-")  # before the last hyphen
    return (start, end) if end > start else (0, 0)


def read_germeval_split(path: Path, parts: str = "entity"
                        ) -> Iterator[tuple[list[str], list[str], list[bool]]]:
    """Sentences as (tokens, BIO tags, spaces) re-tokenized by zitat's hyphen rules (module
    doc).

    ``spaces`` says whether a token is followed by a space: the pieces of one word are not,
    so the text is the unsplit corpus' text (words joined by spaces) and its character
    offsets stay valid. ``parts="missing"`` leaves a ``*part`` compound's name pieces
    unannotated (neither entity nor "O") instead of making them entities.
    """
    for words, raw in _raw_sentences(path):
        tokens: list[str] = []
        tags: list[str] = []
        firsts: list[bool] = []  # a token opens a word (for the spaces of the text)
        for i, (word, tag) in enumerate(zip(words, raw, strict=True)):
            pieces = split_hyphens(word)
            outer = _outer(tag)
            if outer != "O":
                label = outer[2:]
                piece_tags = [outer] + [f"I-{label}"] * (len(pieces) - 1)
            elif "part" in tag:
                label = LABELS[tag.split("-", 1)[1][:3]]
                cont = i + 1 < len(raw) and raw[i + 1].startswith("I-") and "part" in raw[i + 1]
                inside = tag.startswith("I-") and tags and tags[-1] != "O"
                if len(pieces) == 1:  # `Round` of `Round Table-Präsident`, or `Venusphase`
                    piece_tags = [f"{'I' if inside else 'B'}-{label}" if cont else "O"]
                else:
                    s, e = (0, pieces.index("-")) if inside else _name_pieces(pieces)
                    piece_tags = ["O"] * len(pieces)
                    for k in range(s, e):
                        piece_tags[k] = ("" if parts == "missing"
                                         else f"{'I' if k > s or inside else 'B'}-{label}")
            else:
                piece_tags = ["O"] * len(pieces)
            tokens += pieces
            tags += piece_tags
            firsts += [True] + [False] * (len(pieces) - 1)
        spaces = [*firsts[1:], True]
        yield tokens, tags, spaces

"""Sentence boundaries from punctuation: ``sentence_spans`` and the ``zitat_sentences`` component.

zitat's rules need clause punctuation, and a statistical parser trained on little news
text splits worse than these rules (`Dr.`, `3. März`, `z. B.` stay whole; a closing
quotation mark stays with its sentence). Nothing in zitat reads the dependency parse, so
by default the pipeline runs this splitter instead of the parser (see ``ZITAT_PARSE``).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from zitat.nlp.extensions import doc_text

Span = tuple[int, int]

_SPLIT_RE = re.compile(r"[.!?]+[\"“”«»’‘]?(?=\s+[„\"»«‚A-ZÄÖÜ0-9])|\n")
#: abbreviations, ordinals (`3. März`) and initials end in a full stop that ends nothing
_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b(?:Dr|Prof|St|Nr|bzw|ca|vgl|Mio|Mrd|Abs|Art|Jh|Jan|Feb|Apr|Aug|Sept?|Okt|Nov|Dez)"
    r"|\b\d{1,2}|\b[A-Za-zÄÖÜäöü])\.$"
)


def _trim(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences of ``text``, without surrounding white space."""
    spans: list[Span] = []
    start = 0
    for m in _SPLIT_RE.finditer(text):
        if m.group() != "\n" and _NO_SPLIT_BEFORE.search(text[max(0, m.start() - 8):m.start() + 1]):
            continue
        if m.end() > start:
            spans.append(_trim(text, start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append(_trim(text, start, len(text)))
    return [sp for sp in spans if sp[1] > sp[0]]


class SentenceSplitter:
    """Sets ``token.is_sent_start`` from :func:`sentence_spans`."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # arrays, not a Token object per token: this runs on every article
        offsets = doc.to_array([IDX]).astype("int64").ravel()
        starts = numpy.searchsorted(offsets, [s for s, _ in sentence_spans(doc_text(doc))])
        flags = numpy.full((len(doc), 1), -1, dtype="int64")
        flags[starts[starts < len(doc)], 0] = 1
        flags[0, 0] = 1
        doc.from_array([SENT_START], flags.astype("uint64"))
        return doc


@Language.factory("zitat_sentences", assigns=["token.is_sent_start"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Factory of the ``zitat_sentences`` component."""
    return SentenceSplitter(name)

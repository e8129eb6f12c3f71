"""Sentence boundaries from punctuation: the one module that splits sentences in zitat.

Three splitters, each for its own job; they differ on purpose, and each user names the one
it needs:

* :func:`sentence_spans` — the splitter proper, behind the ``zitat_sentences`` component
  and the quotation rules that work sentence by sentence: `Dr.`, `3. März`, `z. B.` stay
  whole, a closing quotation mark stays with its sentence, and a boundary needs a capital,
  a digit or an opening mark after it.
* :func:`boundary_near` — the nearest boundary before or after a position, looser (any
  `.`, `!` or `?` before white space, no abbreviations): how far the attribution of a
  quotation in marks may reach (``zitat.nlp.quotes``).
* :func:`rough_sentence_starts` — white space after `.`, `!` or `?` before a capital or an
  opening mark, and line breaks: the stretches whose tense the time expressions read
  (``zitat.nlp.timex``). Replacing it by :func:`sentence_spans` changed the times of 10 of
  1,028 10kGNAD articles (the tense window of `Dr. …`, `…“ Am Samstag`), so it stays.

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


#: any run of sentence-final punctuation (with a closing mark) before white space, or a line break
_LOOSE_END = re.compile(r"[.!?]+[\"“”«»‘’]?(?=\s|$)|\n")
#: white space after sentence-final punctuation before a capital or an opening mark
_ROUGH_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"»])|\n")


def boundary_near(text: str, pos: int, direction: int, limit: int = 400) -> int:
    """The nearest loose sentence boundary from ``pos``, at most ``limit`` characters away.

    Args:
        text: the text.
        pos: a character offset.
        direction: > 0 for the end of the sentence at ``pos`` (the offset of its final
            punctuation), else its start (the offset after the previous boundary).
        limit: how far to look; without a boundary the limit itself is returned.

    Returns:
        A character offset.
    """
    if direction > 0:
        end = min(len(text), pos + limit)
        m = next((m for m in _LOOSE_END.finditer(text, pos, end) if not _after_title(text, m)),
                 None)
        return m.start() if m else end
    start = max(0, pos - limit)
    last = start
    for m in _LOOSE_END.finditer(text, start, pos):
        if not _after_title(text, m):
            last = m.end()
    return last


#: titles and initials in a name: their full stop ends no sentence (`Prof. Dr. Matthias W. Beckmann`)
_TITLE_BEFORE = re.compile(r"\b(?:Dr|Prof|[A-ZÄÖÜ])$")


def _after_title(text: str, m: re.Match[str]) -> bool:
    return m.group() == "." and bool(_TITLE_BEFORE.search(text, max(0, m.start() - 5), m.start()))


def rough_sentence_starts(text: str) -> list[int]:
    """Start offsets of the roughly split sentences of ``text`` (the first is 0)."""
    return [0] + [m.end() for m in _ROUGH_BREAK.finditer(text)]


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

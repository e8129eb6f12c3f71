"""DFKI SmartData v1 (train split) as NER training and evaluation documents.

The corpus (``../shared/data/ner-smartdata/train.json.gz``, CC BY 4.0) holds 1,244 German
news articles, RSS items, tweets and traffic reports with character-offset mentions of 16
types. zitat's NER has the labels PER, ORG, LOC (and MISC from GermEval), so the types are
mapped (:data:`TYPE_MAP`):

* ``person`` → PER; ``organization``, ``organization-company`` → ORG; ``location``,
  ``location-city`` → LOC (the mapping zitat is scored with on this corpus).
* ``location-street``, ``location-stop``, ``location-route`` → **not entities** ("O").
  They are road numbers (``B 312``, ``A7``), streets, stations (``Hannover Hbf``) and train
  or bus lines (``ICE 1716``, ``RE 7``, ``Zug``) of the traffic reports; the corpus' own
  PER/ORG/LOC scoring counts them as non-entities, and zitat's places (a gazetteer of
  settlements and countries) could not resolve them anyway. Training them as "O" teaches
  the tagger exactly that on the traffic reports, where they are most of the mentions.
* ``org-position`` (``Geschäftsführer``, ``Vorstandschef``) → not an entity: a role word,
  never a name in GermEval either; zitat finds roles with its own rules.
* dates, numbers, durations, distances, triggers, disaster types → not entities.
* A ``location`` mention that starts lower-case (``deutschen``, ``französische``, ``beiden
  Richtungen``: SmartData annotates nationality adjectives as locations, GermEval calls
  them ``LOCderiv``, which zitat does not count as entities) is set **missing** in the
  training documents, so the two corpora do not teach opposite things; in the evaluation
  documents it stays LOC, as the corpus' scoring has it.
* A title or form of address at the start of a person span (``Dr.``, ``Prof.``, ``Herr``,
  ``Frau``; 8 spans) is left out of the training span, as GermEval and zitat write names.

Overlapping mentions (an organisation containing a city, 54 pairs) keep the longer span.

The held-out fifth is fixed by document: a document is held out when the SHA-1 of its text
is 0 modulo 5 (the text, not the id, so that the 17 duplicated texts, some under two ids,
always fall on the same side). Of the other four fifths, SHA-1 ≡ 1 modulo 10 is the tuning
split that selects checkpoints; the held-out fifth is scored once, never used for choices.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

#: SmartData mention types → zitat's NER labels; every other type is not an entity
TYPE_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
}
#: types that are deliberately "O" (documented above); listed so the choice is explicit
NOT_ENTITIES = frozenset({"location-street", "location-stop", "location-route", "org-position"})

PARTS = ("train", "tune", "heldout")
#: titles and forms of address that SmartData includes in a few person spans (`Dr. Helmut
#: Pauls`, `Frau Merkel`); GermEval and zitat leave them out, so training spans drop them
TITLES = frozenset({"Dr.", "Dr", "Prof.", "Prof", "Herr", "Herrn", "Frau"})


def read_smartdata(path: Path) -> Iterator[dict]:
    """The corpus' documents: concatenated JSON objects in one gzip file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        raw = fh.read()
    decoder = json.JSONDecoder()
    pos = 0
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            return
        obj, pos = decoder.raw_decode(raw, pos)
        yield obj


def part_of(text: str) -> str:
    """``heldout``, ``tune`` or ``train``: the fixed split of a document by the SHA-1 of its text."""
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    if h % 5 == 0:
        return "heldout"
    return "tune" if h % 10 == 1 else "train"


def mentions(doc: dict) -> list[tuple[int, int, str]]:
    """(start, end, label) of the mapped PER/ORG/LOC mentions of a corpus document."""
    out = []
    for m in (doc.get("conceptMentions") or {}).get("array") or []:
        label = TYPE_MAP.get(m["type"])
        if label is not None:
            out.append((m["span"]["start"], m["span"]["end"], label))
    return out


def to_doc(nlp: Language, doc: dict, training: bool) -> tuple[Doc, int]:
    """One corpus document as a spaCy ``Doc`` with entities; returns it and the number of
    mentions that could not be aligned with tokens (they are set missing)."""
    text = doc["text"]["string"]
    sdoc = nlp.make_doc(text)
    spans: list[Span] = []
    missing: list[Span] = []
    lost = 0
    for start, end, label in mentions(doc):
        # strip white space the annotators included
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        span = sdoc.char_span(start, end, label=label)
        if span is None:  # inside a token (`E-Plus-Übernahme`): the token's label is unknown
            lost += 1
            span = sdoc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                missing.append(span)
            continue
        if training and label == "LOC" and text[start].islower():
            missing.append(span)  # nationality adjectives: GermEval's LOCderiv, see above
            continue
        if training and label == "PER":
            while len(span) > 1 and span[0].text in TITLES:  # `Dr. Helmut Pauls` → name only
                span = Span(sdoc, span.start + 1, span.end, label="PER")
        spans.append(span)
    ents = filter_spans(spans)
    missing = [m for m in filter_spans(missing)
               if not any(m.start < e.end and e.start < m.end for e in ents)]
    sdoc.set_ents(ents, missing=missing if training else [], default="outside")
    return sdoc, lost


def smartdata_docs(nlp: Language, path: Path, part: str) -> list[Doc]:
    """The documents of one ``part`` (``train``, ``tune`` or ``heldout``) as spaCy Docs.

    Training and tuning documents carry the training conventions (nationality adjectives
    missing); held-out documents keep every mapped mention, as the corpus is scored.
    """
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; expected one of {PARTS}")
    seen: set[str] = set()
    docs = []
    for raw in read_smartdata(path):
        text = raw["text"]["string"]
        if part_of(text) != part or text in seen:  # duplicates once
            continue
        seen.add(text)
        sdoc, _ = to_doc(nlp, raw, training=part != "heldout")
        docs.append(sdoc)
    return docs

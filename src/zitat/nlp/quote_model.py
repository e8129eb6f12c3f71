"""The learned quotation taggers: token tags → quotation spans with roles.

Two small spaCy pipelines shipped in ``zitat/models/de_zitat_quotes`` (``quote``: B/I/O
tags per quotation type, ``role``: CUE/SPK/ADR/FRM/O) run on a copy of the main Doc's
tokens, so their offsets are the main Doc's offsets.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "de_zitat_quotes"
Span = tuple[int, int]


@dataclass
class TaggedQuote:
    """A quotation found by the tagger, in token indices of the main Doc."""

    type: str
    tokens: list[int]
    roles: dict[str, list[int]] = field(default_factory=dict)
    confidence: float = 0.6


@lru_cache(maxsize=2)
def load_taggers(path: str = str(MODEL_DIR)) -> tuple[Language, Language] | None:
    """The quote and role tagger pipelines, or None when they are not installed."""
    base = Path(path)
    if not (base / "quote" / "config.cfg").exists() or not (base / "role" / "config.cfg").exists():
        return None
    return spacy.load(base / "quote"), spacy.load(base / "role")


def _joins(doc: Doc, i: int) -> bool:
    """Token ``i`` belongs to the word of token ``i - 1``: a hyphen the hyphen split cut off
    a compound (`EU` ``-`` `Ebene`, `Rohstoff` ``-``), or the piece after such a hyphen.
    A hyphen between digits (`2014-2015`) stays split: spaCy's own tokenizer splits it too,
    so the taggers' input is unchanged for a model without the hyphen split."""
    if i == 0 or doc[i - 1].whitespace_:
        return False
    if doc[i].text == "-":
        after = doc[i + 1].text[:1] if i + 1 < len(doc) and not doc[i].whitespace_ else ""
        return doc[i - 1].text[-1:].isalnum() and not (
            doc[i - 1].text[-1:].isdigit() and after.isdigit())
    return doc[i - 1].text == "-" and i >= 2 and not doc[i - 2].whitespace_ \
        and doc[i - 2].text[-1:].isalnum() and doc[i].text[:1].isalnum() \
        and not (doc[i - 2].text[-1:].isdigit() and doc[i].text[:1].isdigit())


def compound_words(doc: Doc) -> tuple[Doc, list[int]]:
    """``doc`` with the hyphenated compounds the tokenizer splits (since core model 0.9.0,
    :mod:`zitat.nlp.tokenization`) joined into one token again, as the quotation corpus
    writes them and the taggers learned them, and for each token of ``doc`` the index of its
    word in the joined Doc."""
    if not any(t.text == "-" for t in doc):
        return doc, list(range(len(doc)))
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    word_of: list[int] = []
    for t in doc:
        if _joins(doc, t.i):
            words[-1] += t.text
            spaces[-1] = bool(t.whitespace_)
        else:
            words.append(t.text)
            spaces.append(bool(t.whitespace_))
            starts.append(bool(t.is_sent_start))
        word_of.append(len(words) - 1)
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=starts), word_of


def _tags(nlp: Language, docs: list[Doc]) -> list[list[str]]:
    """The tagger's labels for each token of ``docs`` (scratch Docs), run as one batch: per
    call, the model's overhead costs as much as a short Doc.

    The taggers run on the Docs' words (:func:`compound_words`: hyphenated compounds whole,
    as they were trained), and each token takes its word's label. The Docs stay in the
    main pipeline's vocab, whose lexemes exist already: the taggers' hash features (NORM,
    PREFIX, SUFFIX, SHAPE) come out the same, and the taggers' vocab does not grow with
    every new word; the labels are read from the tagger's strings."""
    if not docs:
        return []
    joined = [compound_words(doc) for doc in docs]
    words = [w for w, _ in joined]
    for _, proc in nlp.pipeline:
        words = list(proc.pipe(words, batch_size=64)) if hasattr(proc, "pipe") else \
            [proc(doc) for doc in words]
    strings = nlp.vocab.strings
    out = []
    for wdoc, (_, word_of) in zip(words, joined, strict=True):
        labels = [strings[t.tag] if t.tag else "" for t in wdoc]
        out.append([labels[k] for k in word_of])
    return out


def sub_doc(doc: Doc, index: list[int]) -> Doc:
    """A Doc of the tokens ``doc[i] for i in index`` (whole sentences, in order); a gap in
    ``index`` starts a new sentence."""
    return Doc(doc.vocab, words=[doc[i].text for i in index],
               spaces=[bool(doc[i].whitespace_) for i in index],
               sent_starts=[doc[i].is_sent_start or (k > 0 and index[k - 1] != i - 1)
                            for k, i in enumerate(index)])


def tag_quotes(
    doc: Doc, taggers: tuple[Language, Language], min_tokens: int = 3, min_ratio: float = 0.3
) -> list[TaggedQuote]:
    """Run both taggers on ``doc`` (a scratch Doc, see :func:`sub_doc`) and group the tags
    into quotations with roles; see :func:`tag_quotes_many`."""
    return tag_quotes_many([doc], taggers, min_tokens, min_ratio)[0]


def tag_quotes_many(
    docs: list[Doc], taggers: tuple[Language, Language], min_tokens: int = 3,
    min_ratio: float = 0.3,
) -> list[list[TaggedQuote]]:
    """:func:`tag_quotes` for a batch of scratch Docs, each tagger run once on all of them.

    Roles are taken from the quotation's own sentence; a quotation without a speaker in
    its sentence looks at the sentence before (speaker and cue only). The role tagger only
    sees the sentences where the quote tagger found enough quotation tokens (and the
    sentence before each), which saves most of its cost.
    """
    plans: list[tuple[list[str], list[Any], list[int]] | None] = []
    role_inputs: list[Doc] = []
    for doc, quote_tags in zip(docs, _tags(taggers[0], docs), strict=True):
        sents = list(doc.sents) if len(doc) else []
        hits = [k for k, sent in enumerate(sents)
                if sum(quote_tags[i] not in ("O", "") for i in range(sent.start, sent.end))
                >= min_tokens]
        if not hits:
            plans.append(None)
            continue
        needed = sorted(set(hits) | {k - 1 for k in hits if k > 0})
        index = [i for k in needed for i in range(sents[k].start, sents[k].end)]
        plans.append((quote_tags, sents, index))
        role_inputs.append(sub_doc(doc, index))
    role_results = iter(_tags(taggers[1], role_inputs))
    out: list[list[TaggedQuote]] = []
    for doc, plan in zip(docs, plans, strict=True):
        if plan is None:
            out.append([])
            continue
        quote_tags, sents, index = plan
        role_tags = ["O"] * len(doc)
        for i, tag in zip(index, next(role_results), strict=True):
            role_tags[i] = tag
        out.append(_group(doc, quote_tags, role_tags, sents, min_tokens, min_ratio))
    return out


def _group(doc: Doc, quote_tags: list[str], role_tags: list[str], sents: list[Any],
           min_tokens: int, min_ratio: float) -> list[TaggedQuote]:
    """One quotation per sentence with enough quotation tokens, with its roles."""
    out: list[TaggedQuote] = []
    for k, sent in enumerate(sents):
        idx = [i for i in range(sent.start, sent.end)
               if quote_tags[i] not in ("O", "") and role_tags[i] == "O"]
        content = [i for i in range(sent.start, sent.end) if not doc[i].is_punct]
        if len(idx) < min_tokens or len(idx) < min_ratio * max(1, len(content)):
            continue
        labels = Counter(quote_tags[i].partition("-")[2] for i in idx)
        # one quotation per sentence: from the first to the last quote token, minus the
        # frame tokens that interrupt it
        toks = [i for i in range(idx[0], idx[-1] + 1) if role_tags[i] == "O"]
        quote_set = set(toks)
        roles: dict[str, list[int]] = {}
        for i in range(sent.start, sent.end):
            if role_tags[i] != "O" and i not in quote_set:
                roles.setdefault(role_tags[i], []).append(i)
        if "SPK" not in roles and k > 0:
            prev = sents[k - 1]
            for i in range(prev.start, prev.end):
                if role_tags[i] in ("SPK",):
                    roles.setdefault("SPK", []).append(i)
        typ = labels.most_common(1)[0][0]
        out.append(TaggedQuote(type=typ, tokens=toks, roles=roles,
                               confidence=round(len(idx) / max(1, len(content)), 2)))
    return out

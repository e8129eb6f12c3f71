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


def _tags(nlp: Language, doc: Doc) -> list[str]:
    """The tagger's labels for ``doc`` (a scratch Doc: its tags are overwritten).

    The Doc stays in the main pipeline's vocab, whose lexemes exist already: the taggers'
    hash features (NORM, PREFIX, SUFFIX, SHAPE) come out the same, and the taggers' vocab
    does not grow with every new word; the labels are read from the tagger's strings."""
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    strings = nlp.vocab.strings
    return [strings[t.tag] if t.tag else "" for t in doc]


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
    into quotations with roles.

    Roles are taken from the quotation's own sentence; a quotation without a speaker in
    its sentence looks at the sentence before (speaker and cue only). The role tagger only
    sees the sentences where the quote tagger found enough quotation tokens (and the
    sentence before each), which saves most of its cost.
    """
    if len(doc) == 0:
        return []
    quote_tags = _tags(taggers[0], doc)
    sents = list(doc.sents)
    hits = [k for k, sent in enumerate(sents)
            if sum(quote_tags[i] not in ("O", "") for i in range(sent.start, sent.end))
            >= min_tokens]
    if not hits:
        return []
    needed = sorted(set(hits) | {k - 1 for k in hits if k > 0})
    index = [i for k in needed for i in range(sents[k].start, sents[k].end)]
    role_tags = ["O"] * len(doc)
    for i, tag in zip(index, _tags(taggers[1], sub_doc(doc, index)), strict=True):
        role_tags[i] = tag
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

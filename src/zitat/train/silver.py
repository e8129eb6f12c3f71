"""Silver STTS tags from HanTa for the core pipeline's ``tagger`` component.

The treebanks here are small (GSD test, PUD test, LIT test), so the shared tok2vec sees few
words. The Hannover Tagger (HanTa, LGPL-3.0-or-later, its German model ships in the wheel)
tags unlabeled German news with STTS; on the training treebanks its tags agree with gold
XPOS on 96.5 % of GSD's words (92.4 % of LIT's, whose conventions differ). The silver docs
carry *only* ``token.tag_``: POS, FEATS, lemmas and heads stay missing, so the
morphologizer, lemmatizer and parser ignore them and only the ``tagger`` (and through it
the shared tok2vec) learns from them.

Unlabeled text: 10kGNAD articles and the ``originalText`` of the quotation corpus'
*training* split (never its dev split).
"""

from __future__ import annotations

import csv
import json
import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
import spacy.morphology
from spacy.tokens import Doc

from zitat.nlp.stts_upos import MOOD_OF_TAG

log = logging.getLogger(__name__)

_PUNCT = re.compile(r"^[^\w\s]+$")
_PAREN = re.compile(r"^([A-Z]+)\(([A-Z]+)\)$")
#: HanTa's and the treebanks' tag variants → the STTS the tagger learns
_STTS_ALIASES = {"PROAV": "PAV", "APPR_ART": "APPRART", "PIDAT": "PIAT", "NNA": "NN",
                 "NNI": "NN"}
#: treebanks whose XPOS column is STTS (PUD's XPOS is an English-style tag set)
STTS_CORPORA = ("de_gsd-ud-test", "de_lit-ud-test")


#: UD German's UPOS for each STTS tag (GSD/PUD conventions: modal verbs AUX, separable
#: verb particles ADP); :func:`stts_upos_table` refines it per word from gold data
STTS_UPOS = {
    "NN": "NOUN", "NE": "PROPN", "ART": "DET", "APPR": "ADP", "APPRART": "ADP", "APPO": "ADP",
    "APZR": "ADP", "ADV": "ADV", "$.": "PUNCT", "$,": "PUNCT", "$(": "PUNCT", "ADJA": "ADJ",
    "ADJD": "ADJ", "VVFIN": "VERB", "VVINF": "VERB", "VVPP": "VERB", "VVIZU": "VERB",
    "VVIMP": "VERB", "VAFIN": "AUX", "VAINF": "AUX", "VAPP": "AUX", "VAIMP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX", "KON": "CCONJ", "KOUS": "SCONJ",
    "KOUI": "SCONJ", "KOKOM": "CCONJ", "PPER": "PRON", "PRF": "PRON", "PIS": "PRON",
    "PDS": "PRON", "PRELS": "PRON", "PWS": "PRON", "PPOSS": "PRON", "PPOSAT": "DET",
    "PIAT": "DET", "PDAT": "DET", "PWAT": "DET", "PRELAT": "DET", "CARD": "NUM",
    "PTKNEG": "PART", "PTKVZ": "ADP", "PTKZU": "PART", "PTKA": "PART", "PTKANT": "PART",
    "PAV": "ADV", "PWAV": "ADV", "TRUNC": "X", "FM": "X", "XY": "X", "ITJ": "INTJ",
}


def normalize_stts(tag: str, word: str | None = None) -> str:
    """One spelling of STTS for gold and silver: ``VV(FIN)`` → ``VVFIN``, ``PROAV`` → ``PAV``,
    merged ``APPR_ART`` → ``APPRART``; HanTa's ``XY``/``FM`` on pure punctuation → ``$(``."""
    tag = _STTS_ALIASES.get(_PAREN.sub(r"\1\2", tag), _PAREN.sub(r"\1\2", tag))
    if word is not None and tag in ("XY", "FM") and _PUNCT.match(word):
        return "$("
    return tag


def gold_stts(doc: Doc, corpus: str) -> Doc:
    """Normalize a treebank doc's XPOS to the tagger's STTS, or set it missing (PUD)."""
    for tok in doc:
        if corpus in STTS_CORPORA and tok.tag_:
            tok.tag_ = normalize_stts(tok.tag_, tok.text)
        else:
            tok.tag = 0
    return doc


def unlabeled_texts(shared: Path) -> Iterator[str]:
    """10kGNAD article texts, then the quotation corpus' training texts."""
    with (shared / "news-10kgnad" / "articles.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.reader(f, delimiter=";", quotechar="'"):
            if len(row) >= 2 and row[1].strip():
                yield row[1]
    with (shared / "quotations" / "train.jsonl").open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)["originalText"]


def unlabeled_sentences(texts: Iterable[str], min_len: int = 4,
                        max_len: int = 60) -> Iterator[list[tuple[str, bool]]]:
    """Distinct sentences as (word, space after) lists: spaCy's German tokenizer and a
    punctuation sentence splitter (the pipeline sees the same tokenization at run time)."""
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    seen: set[str] = set()
    for doc in nlp.pipe(texts, batch_size=64):
        for sent in doc.sents:
            words = [(t.text, bool(t.whitespace_)) for t in sent if not t.is_space]
            key = sent.text.strip()
            if min_len <= len(words) <= max_len and key not in seen:
                seen.add(key)
                yield words


def random_sentences(shared: Path, n_sents: int, seed: int) -> list[list[tuple[str, bool]]]:
    """``n_sents`` distinct unlabeled sentences in a random order fixed by ``seed``."""
    sents = list(unlabeled_sentences(unlabeled_texts(shared)))
    random.Random(seed).shuffle(sents)
    return sents[:n_sents]


def silver_ner_docs(shared: Path, model: Path, n_sents: int, seed: int = 101,
                    per_doc: int = 10) -> list[Doc]:
    """``n_sents`` random unlabeled sentences with the entities a trained NER pipeline
    finds (self-training), ``per_doc`` to a Doc; every other token is ``O``.

    ``seed`` differs from :func:`silver_docs`' so that the two silver sets are not the
    same sentences.
    """
    nlp = spacy.load(model)
    sents = random_sentences(shared, n_sents, seed)
    docs = []
    for i in range(0, len(sents), per_doc):
        group = sents[i:i + per_doc]
        words = [w for sent in group for w, _ in sent]
        spaces = [sp for sent in group for _, sp in sent]
        spaces[-1] = False
        starts = [k == 0 for sent in group for k in range(len(sent))]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts))
    out = []
    for doc in nlp.pipe(docs, batch_size=64):
        silver = Doc(doc.vocab, words=[t.text for t in doc],
                     spaces=[bool(t.whitespace_) for t in doc],
                     sent_starts=[bool(t.is_sent_start) for t in doc])
        silver.ents = [silver.char_span(e.start_char, e.end_char, label=e.label_) for e in doc.ents]
        out.append(silver)
    log.info("silver NER: %d sentences, %d entities, %d docs", len(sents),
             sum(len(d.ents) for d in out), len(out))
    return out


def silver_docs(shared: Path, n_sents: int, seed: int = 13, per_doc: int = 10) -> list[Doc]:
    """``n_sents`` random unlabeled sentences tagged by HanTa, ``per_doc`` to a Doc.

    Only ``tag_`` and sentence starts are set; the parser skips docs without heads.
    """
    from HanTa import HanoverTagger as ht  # type: ignore[import-not-found]  # train extra

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    sents = random_sentences(shared, n_sents, seed)
    vocab = spacy.blank("de").vocab
    docs = []
    for i in range(0, len(sents), per_doc):
        words, spaces, tags, starts = [], [], [], []
        for sent in sents[i:i + per_doc]:
            analysed = tagger.tag_sent([w for w, _ in sent])
            for k, ((word, space), (_, _, tag)) in enumerate(zip(sent, analysed, strict=True)):
                words.append(word)
                spaces.append(space)
                tags.append(normalize_stts(tag, word))
                starts.append(k == 0)
        spaces[-1] = False
        docs.append(Doc(vocab, words=words, spaces=spaces, tags=tags, sent_starts=starts))
    log.info("silver: %d sentences, %d tokens, %d docs", len(sents),
             sum(len(d) for d in docs), len(docs))
    return docs


def stts_upos_table(docs: Iterable[Doc], min_count: int = 2) -> tuple[dict[str, str],
                                                                     dict[str, dict[str, str]]]:
    """UPOS per STTS tag, and per (STTS tag, lowercased word) where that differs, from gold.

    Returns ``(by_tag, by_word)``, ``by_word[tag][lower] = upos``: only the word entries
    seen ``min_count`` times whose majority differs from the tag's, so the table stays small.
    """
    tag_counts: dict[str, Counter[str]] = defaultdict(Counter)
    word_counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for doc in docs:
        for tok in doc:
            if tok.tag_ and tok.pos_:
                tag_counts[tok.tag_][tok.pos_] += 1
                word_counts[(tok.tag_, tok.lower_)][tok.pos_] += 1
    by_tag = {tag: c.most_common(1)[0][0] for tag, c in tag_counts.items()}
    by_word: dict[str, dict[str, str]] = defaultdict(dict)
    for (tag, lower), c in word_counts.items():
        upos, n = c.most_common(1)[0]
        if n >= min_count and upos != by_tag[tag]:
            by_word[tag][lower] = upos
    return by_tag, dict(by_word)


def hanta_retag(docs: Iterable[Doc]) -> list[Doc]:
    """Copies of ``docs`` whose ``tag_`` is HanTa's (normalized) STTS, sentence by sentence.

    The UPOS table is learned on these: HanTa's tags (and its errors) resemble what the
    silver-trained tagger predicts at run time better than the treebank's gold XPOS do.
    """
    from HanTa import HanoverTagger as ht  # type: ignore[import-not-found]  # train extra

    tagger = ht.HanoverTagger("morphmodel_ger.pgz")
    out = []
    for doc in docs:
        copy = doc.copy()
        for sent in copy.sents:
            for tok, (word, _, tag) in zip(sent, tagger.tag_sent([t.text for t in sent]), strict=True):
                tok.tag_ = normalize_stts(tag, word)
        out.append(copy)
    return out


def add_upos_mapper(nlp: spacy.language.Language, by_tag: dict[str, str],
                    by_word: dict[str, dict[str, str]], name: str = "stts_upos",
                    after: str = "morphologizer") -> None:
    """Add ``zitat_stts_upos`` after the morphologizer: UPOS from the tagger's STTS (per
    word where the table says so); tags missing from the table keep the morphologizer's."""
    mapper = nlp.add_pipe("zitat_stts_upos", name=name, after=after)
    mapper.by_tag = {**STTS_UPOS, **by_tag}
    mapper.by_word = by_word
    # the FEATS the added Mood can produce go into the model's StringStore, so that docs
    # compared against another vocab (bench_pipeline's gold docs) can resolve them
    for label in nlp.get_pipe(after).labels:
        feats = {k: v for k, v in spacy.morphology.Morphology.feats_to_dict(label).items()
                 if k != "POS"}
        if "Mood" not in feats:
            for mood in set(MOOD_OF_TAG.values()):
                nlp.vocab.morphology.add({**feats, "Mood": mood})

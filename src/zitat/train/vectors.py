"""Static floret word vectors for the core pipeline, trained on unlabeled German text.

Text (read from ``../shared/data``, written only to the git-ignored work directory):

* quotation corpus: ``originalText`` of ``quotations/train.jsonl`` and ``dev.jsonl``;
* ``news-10kgnad/articles.csv`` (article texts);
* REDEWIEDERGABE ``speech-redewiedergabe/tsv/*.tsv`` (normalised tokens, ``normtok``);
* the *training* sentences of the core pipeline: UD German GSD test, PUD test, LIT test and
  GermEval 2014 test;
* since issue 23: the SpkAtt-2023 Bundestag speeches (``speaker-attribution-spkatt2023``,
  ``train/`` and ``dev/``, their ``Sentences[i].Tokens``), the texts of DFKI SmartData's
  **training** part (:func:`zitat.train.smartdata.part_of`; never its tuning split or the
  held-out fifth) and the 22 WikiWarsDE Wikipedia articles (``timex-wikiwarsde/in``, the
  plain text between ``<TEXT>`` tags).

The held-out sets (UD GSD **dev**, GermEval 2014 **dev**, SmartData's held-out fifth) are
never read here. ``--sources base`` writes the text of the vectors up to 0.8.0 only.

floret (fastText with subword hashing into one small table) keeps the vector table small
and gives every word, also unseen ones, a vector from its character n-grams; spaCy loads
the table with ``spacy init vectors --mode floret``.

Usage: ``python -m zitat.train.vectors --out DIR [--shared-data DIR] [--sources base|all]
[--set KEY=VALUE ...] [--count-only]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy

from zitat.settings import get_settings
from zitat.train.germeval import read_germeval
from zitat.train.smartdata import part_of, read_smartdata

log = logging.getLogger(__name__)

#: floret hyper-parameters (table of ``bucket`` x ``dim`` float32 values: 50k x 100 = 20 MB).
FLORET = {
    "model": "skipgram",
    "dim": 100,
    "bucket": 50000,
    "minn": 4,
    "maxn": 5,
    "hashCount": 2,
    "minCount": 2,
    "epoch": 15,
    "ws": 5,
    "neg": 10,
    "lr": 0.05,
    "thread": 1,
    "mode": "floret",
}

#: UD files whose sentences are training material of the core pipeline (never GSD dev).
UD_TRAIN = ("de_gsd-ud-test", "de_pud-ud-test", "de_lit-ud-test")
NER_TRAIN = "NER-de-test.tsv"
#: text sets: ``base`` is the text of the vectors up to 0.8.0, ``all`` adds issue 23's sources
SOURCES = ("base", "all")
_TEXT_BLOCK = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def _raw_texts(shared: Path) -> Iterator[str]:
    """Untokenised paragraphs: quotation corpus and 10kGNAD."""
    for name in ("train.jsonl", "dev.jsonl"):
        with (shared / "quotations" / name).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("originalText", "")
                    yield from (p for p in text.split("\n") if p.strip())
    csv.field_size_limit(10**8)
    with (shared / "news-10kgnad" / "articles.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) >= 2:
                yield row[1]


def smartdata_train_texts(path: Path) -> Iterator[str]:
    """Paragraphs of DFKI SmartData's *training* documents only (each distinct text once):
    its tuning split chooses checkpoints and its held-out fifth scores the model. A
    paragraph that also stands in a tuning or held-out document (a shared lead of two
    versions of a news item, boilerplate: 32 of them) is left out too.

    Args:
        path: the corpus file, ``ner-smartdata/train.json.gz``.

    Returns:
        The paragraphs, untokenised, in corpus order.
    """
    docs = [raw["text"]["string"] for raw in read_smartdata(path)]
    elsewhere = {p.strip() for t in docs if part_of(t) != "train" for p in t.split("\n")}
    seen: set[str] = set()
    for text in docs:
        if part_of(text) == "train" and text not in seen:
            seen.add(text)
            yield from (p for p in text.split("\n") if p.strip() and p.strip() not in elsewhere)


def wikiwars_texts(folder: Path) -> Iterator[str]:
    """Paragraphs of the WikiWarsDE articles: the plain text between ``<TEXT>`` tags of
    ``in/*.sgm`` (the files without TIMEX annotation).

    Args:
        folder: ``timex-wikiwarsde``.

    Returns:
        The non-empty lines (headings and paragraphs), untokenised.
    """
    for path in sorted((folder / "in").glob("*.sgm")):
        for block in _TEXT_BLOCK.findall(path.read_text(encoding="utf-8")):
            yield from (p.strip() for p in block.split("\n") if p.strip())


def spkatt_sentences(folder: Path) -> Iterator[list[str]]:
    """The tokens of every sentence of the SpkAtt-2023 speeches (``train/`` and ``dev/``).

    Args:
        folder: ``speaker-attribution-spkatt2023``.

    Returns:
        Each sentence's ``Tokens`` list, speech by speech.
    """
    for path in sorted(folder.glob("*/*.json")):
        for sent in json.loads(path.read_text(encoding="utf-8"))["Sentences"]:
            yield sent["Tokens"]


def _tokenised_sentences(shared: Path) -> Iterator[list[str]]:
    """Sentences that already come as tokens: REDEWIEDERGABE, UD and GermEval training files."""
    for path in sorted((shared / "speech-redewiedergabe" / "tsv").glob("*.tsv")):
        sent: list[str] = []
        with path.open(encoding="utf-8") as fh:
            header = fh.readline().rstrip("\n").split("\t")
            if "normtok" not in header:
                continue
            tok_i, start_i = header.index("normtok"), header.index("sentstart")
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                if len(cols) <= max(tok_i, start_i):
                    continue
                if cols[start_i] == "yes" and sent:
                    yield sent
                    sent = []
                sent.append(cols[tok_i])
        if sent:
            yield sent
    for name in UD_TRAIN:
        sent = []
        for line in (shared / "ud-german" / f"{name}.conllu").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                if sent:
                    yield sent
                sent = []
                continue
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                sent.append(cols[1])
        if sent:
            yield sent
    for words, _ in read_germeval(shared / "ner-germeval2014" / NER_TRAIN):
        yield words


def _sentences(shared: Path, sources: str) -> Iterator[tuple[str, list[str]]]:
    """(source name, tokens) of every line of the vector text."""
    tokenizer = spacy.blank("de").tokenizer
    for doc in tokenizer.pipe(_raw_texts(shared), batch_size=256):
        yield "base", [t.text for t in doc if not t.is_space]
    for words in _tokenised_sentences(shared):
        yield "base", words
    if sources == "all":
        for words in spkatt_sentences(shared / "speaker-attribution-spkatt2023"):
            yield "spkatt", words
        for source, texts in (
            ("smartdata", smartdata_train_texts(shared / "ner-smartdata" / "train.json.gz")),
            ("wikiwarsde", wikiwars_texts(shared / "timex-wikiwarsde")),
        ):
            for doc in tokenizer.pipe(texts, batch_size=256):
                yield source, [t.text for t in doc if not t.is_space]


def write_text(shared: Path, path: Path | None, sources: str = "all") -> dict[str, int]:
    """Write the vector training text, one space-separated tokenised line each.

    Args:
        shared: the shared data folder.
        path: the text file to write; None only counts.
        sources: ``base`` (the text up to 0.8.0) or ``all`` (with issue 23's sources).

    Returns:
        Tokens per source (``base``, ``spkatt``, ``smartdata``, ``wikiwarsde``) and ``total``.
    """
    counts: dict[str, int] = {}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with (path.open("w", encoding="utf-8") if path is not None else open(os.devnull, "w")) as out:
        for source, words in _sentences(shared, sources):
            words = [w for w in words if w.strip() and " " not in w]
            if words:
                out.write(" ".join(words) + "\n")
                counts[source] = counts.get(source, 0) + len(words)
    counts["total"] = sum(counts.values())
    return counts


def train_vectors(shared: Path, workdir: Path, sources: str = "all", **overrides: object) -> Path:
    """Train floret vectors and convert them to a spaCy vectors pipeline; returns its directory."""
    import floret  # the train extra; imported only when vectors are trained

    workdir.mkdir(parents=True, exist_ok=True)
    text = workdir / "vectors-text.txt"
    counts = write_text(shared, text, sources)
    log.info("vector text (%s): %s tokens", sources, counts)
    params = {**FLORET, **overrides}
    model = floret.train_unsupervised(str(text), **params)  # thread=1: deterministic
    floret_path = workdir / "vectors.floret"
    model.save_floret_vectors(str(floret_path))
    out = workdir / "vectors-model"
    subprocess.run(
        [sys.executable, "-m", "spacy", "init", "vectors", "de", str(floret_path), str(out),
         "--mode", "floret"],
        check=True,
    )
    text.unlink()  # derived from the shared data: do not keep a copy around
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sources", choices=SOURCES, default="all",
                        help="base: the text of the vectors up to 0.8.0; all: with issue 23's")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a floret setting, e.g. bucket=100000 (repeatable)")
    parser.add_argument("--count-only", action="store_true",
                        help="print the tokens per source of both text sets and stop")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    if args.count_only:
        for sources in SOURCES:
            print(sources, write_text(args.shared_data, None, sources))
        return
    if args.out is None:
        parser.error("--out is required unless --count-only")
    overrides = {}
    for item in args.set:
        key, value = item.split("=", 1)
        overrides[key] = type(FLORET[key])(value) if key in FLORET else value
    print(train_vectors(args.shared_data, args.out, args.sources, **overrides))


if __name__ == "__main__":
    main()

"""Static floret word vectors for the core pipeline, trained on unlabeled German text.

Text (read from ``../shared/data``, written only to the git-ignored work directory):

* quotation corpus: ``originalText`` of ``quotations/train.jsonl`` and ``dev.jsonl``;
* ``news-10kgnad/articles.csv`` (article texts);
* REDEWIEDERGABE ``speech-redewiedergabe/tsv/*.tsv`` (normalised tokens, ``normtok``);
* the *training* sentences of the core pipeline: UD German GSD test, PUD test, LIT test and
  GermEval 2014 test.

The held-out sets (UD GSD **dev**, GermEval 2014 **dev**) are never read here.

floret (fastText with subword hashing into one small table) keeps the vector table small
and gives every word, also unseen ones, a vector from its character n-grams; spaCy loads
the table with ``spacy init vectors --mode floret``.

Usage: ``python -m zitat.train.vectors --out DIR [--shared-data DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy

from zitat.settings import get_settings
from zitat.train.germeval import read_germeval

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


def write_text(shared: Path, path: Path) -> int:
    """Write the vector training text, one space-separated tokenised line each; returns tokens."""
    tokenizer = spacy.blank("de").tokenizer
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for doc in tokenizer.pipe(_raw_texts(shared), batch_size=256):
            words = [t.text for t in doc if not t.is_space]
            if words:
                out.write(" ".join(words) + "\n")
                n += len(words)
        for words in _tokenised_sentences(shared):
            words = [w for w in words if w.strip() and " " not in w]
            if words:
                out.write(" ".join(words) + "\n")
                n += len(words)
    return n


def train_vectors(shared: Path, workdir: Path, **overrides: object) -> Path:
    """Train floret vectors and convert them to a spaCy vectors pipeline; returns its directory."""
    import floret  # the train extra; imported only when vectors are trained

    workdir.mkdir(parents=True, exist_ok=True)
    text = workdir / "vectors-text.txt"
    n = write_text(shared, text)
    log.info("vector text: %d tokens", n)
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
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    print(train_vectors(args.shared_data, args.out))


if __name__ == "__main__":
    main()

"""Build the training corpora of the core German pipeline and train it.

Data (read from ``../shared/data``, never copied into the repository):

* UD German GSD test, PUD test, LIT test → tagger/morphologizer, lemmatizer, parser.
  GSD **dev** is held out for evaluation and never used for training or model selection.
* GermEval 2014 test (5.1k sentences) → NER (outer layer; OTH → MISC; ``deriv``/``part``
  labels are not entities). GermEval **dev** is held out for evaluation.
* A tuning split for model selection: every 10th document of the training material.

Usage: ``python -m zitat.train.core [--shared-data DIR] [--out DIR] [--max-steps N]``.
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
CONFIG = Path(__file__).resolve().parent / "configs" / "core.cfg"
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


def germeval_docs(path: Path, per_doc: int = 10) -> list[Doc]:
    """GermEval sentences grouped into Docs with entity annotation."""
    nlp = spacy.blank("de")
    docs = []
    batch: list[tuple[list[str], list[str]]] = []

    def flush() -> None:
        words = [w for ws, _ in batch for w in ws]
        tags = [t for _, ts in batch for t in ts]
        sent_starts = [i == 0 for ws, _ in batch for i in range(len(ws))]
        # fix I- after O (invalid BIO) so spaCy accepts the sequence
        fixed, prev = [], "O"
        for t in tags:
            if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
                t = "B-" + t[2:]
            fixed.append(t)
            prev = t
        doc = Doc(nlp.vocab, words=words, ents=fixed, sent_starts=sent_starts)
        docs.append(doc)
        batch.clear()

    for sent in read_germeval(path):
        batch.append(sent)
        if len(batch) >= per_doc:
            flush()
    if batch:
        flush()
    return docs


def build_corpora(shared: Path, out: Path, seed: int = 13) -> dict[str, Path]:
    """Write train/tune/heldout DocBins; returns their paths."""
    nlp = spacy.blank("de")
    out.mkdir(parents=True, exist_ok=True)
    ud = shared / "ud-german"
    tmp = out / "ud"
    tmp.mkdir(exist_ok=True)
    for name in ("de_gsd-ud-test", "de_pud-ud-test", "de_lit-ud-test", "de_gsd-ud-dev"):
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(ud / f"{name}.conllu"), str(tmp),
             "-c", "conllu", "-n", "10"],
            check=True, capture_output=True,
        )
    train_docs: list[Doc] = []
    for name in ("de_gsd-ud-test", "de_pud-ud-test", "de_lit-ud-test"):
        train_docs += list(DocBin().from_disk(tmp / f"{name}.spacy").get_docs(nlp.vocab))
    ner_docs = germeval_docs(shared / "ner-germeval2014" / "NER-de-test.tsv")
    train_docs += ner_docs
    random.Random(seed).shuffle(train_docs)
    tune = train_docs[::10]
    train = [d for i, d in enumerate(train_docs) if i % 10]
    paths = {
        "train": out / "train.spacy",
        "tune": out / "tune.spacy",
        "heldout_ud": out / "heldout_ud.spacy",
        "heldout_ner": out / "heldout_ner.spacy",
    }
    DocBin(docs=train, store_user_data=False).to_disk(paths["train"])
    DocBin(docs=tune, store_user_data=False).to_disk(paths["tune"])
    shutil.copy(tmp / "de_gsd-ud-dev.spacy", paths["heldout_ud"])
    DocBin(docs=germeval_docs(shared / "ner-germeval2014" / "NER-de-dev.tsv")).to_disk(
        paths["heldout_ner"]
    )
    log.info("train %d docs, tune %d docs", len(train), len(tune))
    return paths


def main(argv: list[str] | None = None) -> None:
    """Build corpora, train with the repo's config, copy the best model into the package."""
    from zitat.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--workdir", type=Path, default=REPO / "training" / "core")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "zitat" / "models" / "de_zitat_core")
    parser.add_argument("--max-steps", type=int, default=6000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    paths = build_corpora(args.shared_data, args.workdir / "corpus")
    subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(args.workdir / "out"),
         "--paths.train", str(paths["train"]), "--paths.dev", str(paths["tune"]),
         "--training.max_steps", str(args.max_steps)],
        check=True,
    )
    best = args.workdir / "out" / "model-best"
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(best, args.out)
    log.info("model written to %s", args.out)


if __name__ == "__main__":
    main()

"""Build the training corpora of the core German pipeline, train it and assemble it.

Data (read from ``../shared/data``, never copied into the repository):

* UD German GSD test, PUD test, LIT test → morphologizer (UPOS + FEATS), lemmatizer, parser;
  GSD's and LIT's XPOS (STTS) → ``tagger`` (PUD's XPOS is not STTS and is left missing).
  LIT has almost no morphological features (e.g. 12 ``Mood=`` in 5.6k verbs), so on LIT
  the POS+FEATS label is set *missing* for every word class that carries features in GSD
  (it is kept for punctuation, adpositions, conjunctions, adverbs, …); LIT still trains the
  lemmatizer and the parser. GSD **dev** is held out for evaluation and never used for
  training or model selection.
* GermEval 2014 test (5.1k sentences) → NER (outer layer; OTH → MISC; ``deriv``/``part``
  labels are not entities). GermEval **dev** is held out for evaluation.
* Silver STTS: unlabeled news sentences tagged by HanTa (:mod:`zitat.train.silver`) →
  ``tagger`` only (and through it the shared tok2vec).
* Static floret vectors trained on unlabeled text (see :mod:`zitat.train.vectors`).
* Tuning splits for model selection: every 10th document of each training corpus.

Two pipelines are trained separately, each with its own tok2vec, so that the treebank and
the NER data do not have to share one corpus: ``ud`` (tok2vec, morphologizer,
trainable_lemmatizer, parser; ``configs/ud.cfg``) and ``ner`` (tok2vec, ner;
``configs/ner.cfg``). The NER component is then given its own copy of its tok2vec
(``replace_listeners``) and added to the UD pipeline. Final UPOS comes from the tagger's
STTS through a lookup component (``stts_upos``, :mod:`zitat.nlp.stts_upos`: a table
learned from GSD's training documents, plus ``Mood`` for finite verbs without one; other
FEATS stay the morphologizer's). Pipeline: tok2vec, tagger, morphologizer, stts_upos,
trainable_lemmatizer, parser, ner.

``--mode joint`` trains everything on one mixed corpus with one shared tok2vec
(``configs/core.cfg``) instead; measured worse (tune-split UPOS 65 / LAS 47 after 2,200
steps against 91 / 72 for the separate UD pipeline), so it is not the default.

The NER's tok2vec also embeds four name-lexicon flags per word (first name, surname,
place, common noun: :mod:`zitat.nlp.lexicon_features`, built by ``make lexicon``) and is
trained with averaged parameters (``configs/ner.cfg``, since 0.8.0). Optionally the NER then
tags 10,000 unlabeled news sentences and is trained again on them and the gold documents
(``--ner-self-training`` rounds, :func:`self_train_ner`; one round up to 0.7.0, none since
0.8.0: with averaged parameters it no longer helped on the tuning splits).

Usage: ``python -m zitat.train.core [--shared-data DIR] [--workdir DIR] [--out DIR]
[--mode separate|joint] [--ud-steps N] [--ud-patience N] [--ner-steps N] [--no-vectors | --vectors DIR]
[--ud-model DIR] [--ner-model DIR] [--silver-sents N] [--ner-self-training N]
[--ner-silver-sents N] [--ner-self-steps N] [--ner-width N] [--ner-set KEY=VALUE]``
(``--ud-model``/``--ner-model`` reuse trained
pipelines, also an assembled core model such as the shipped one, whose NER is then
replaced; ``--vectors`` also takes a pipeline directory). Defaults reproduce the shipped
candidate: floret vectors (~7 min), silver tags (~2 min), UD pipeline up to 12,000 steps
with dropout 0.2, stopped after 3,000 steps without a better tuning score (the shipped run
stopped at 9,000: 64 min), NER pipeline 3,000 steps (8–13 min on a busy core) on one CPU
core. The shipped model (0.8.0) was built with ``--vectors <0.7.0 model> --ud-model <0.7.0
model>``: vectors and UD side are 0.6.0's, byte for byte (see the model card).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

import zitat.train.spacy_code  # noqa: F401  (the models' registered functions)
from zitat.nlp.tokenization import zitat_tokenizer
from zitat.settings import get_settings
from zitat.train.germeval import read_germeval, read_germeval_split
from zitat.train.silver import (
    add_upos_mapper,
    gold_stts,
    hanta_retag,
    silver_docs,
    silver_ner_docs,
    stts_upos_table,
)
from zitat.train.vectors import train_vectors

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
CONFIGS = Path(__file__).resolve().parent / "configs"
UD_CONFIG = CONFIGS / "ud.cfg"
NER_CONFIG = CONFIGS / "ner.cfg"
JOINT_CONFIG = CONFIGS / "core.cfg"
#: registrations (e.g. the NER's lexicon features) the configs refer to
SPACY_CODE = Path(__file__).resolve().parent / "spacy_code.py"

UD_TRAIN = ("de_gsd-ud-test", "de_pud-ud-test", "de_lit-ud-test")
UD_HELDOUT = "de_gsd-ud-dev"
#: word classes whose LIT annotation keeps its (feature-less) POS label; all others carry
#: features in GSD/PUD that LIT lacks, so their morphologizer label is missing on LIT.
LIT_KEEP_POS = {"PUNCT", "ADP", "CCONJ", "SCONJ", "INTJ", "SYM", "ADV"}


def germeval_docs(path: Path, per_doc: int = 10, split: bool = False,
                  parts: str = "entity") -> list[Doc]:
    """GermEval sentences grouped into Docs with entity annotation.

    With ``split`` the words are re-tokenized by zitat's hyphen rules and a ``*part``
    compound's name pieces are entities (:func:`zitat.train.germeval.read_germeval_split`);
    the text (words joined by spaces) is the same either way.
    """
    nlp = spacy.blank("de")
    docs = []
    batch: list[tuple[list[str], list[str], list[bool]]] = []

    def flush() -> None:
        words = [w for ws, _, _ in batch for w in ws]
        tags = [t for _, ts, _ in batch for t in ts]
        spaces = [s for _, _, ss in batch for s in ss]
        sent_starts = [i == 0 for ws, _, _ in batch for i in range(len(ws))]
        # fix I- after O (invalid BIO) so spaCy accepts the sequence
        fixed, prev = [], "O"
        for t in tags:
            if t.startswith("I-") and (prev in ("O", "") or prev[2:] != t[2:]):
                t = "B-" + t[2:]
            fixed.append(t)
            prev = t
        doc = Doc(nlp.vocab, words=words, spaces=spaces, ents=fixed, sent_starts=sent_starts)
        docs.append(doc)
        batch.clear()

    sentences = (read_germeval_split(path, parts) if split
                 else ((ws, ts, [True] * len(ws)) for ws, ts in read_germeval(path)))
    for sent in sentences:
        batch.append(sent)
        if len(batch) >= per_doc:
            flush()
    if batch:
        flush()
    return docs


def _convert_ud(ud: Path, tmp: Path, names: tuple[str, ...], merge_subtokens: bool = False) -> None:
    tmp.mkdir(parents=True, exist_ok=True)
    for name in names:
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(ud / f"{name}.conllu"), str(tmp),
             "-c", "conllu", "-n", "10", *(["-T"] if merge_subtokens else [])],
            check=True, capture_output=True,
        )


def lit_morph_missing(doc: Doc) -> Doc:
    """Mark LIT's POS+FEATS label missing where GSD/PUD would carry features."""
    for tok in doc:
        if tok.pos_ not in LIT_KEEP_POS:
            tok.pos = 0
            tok.set_morph(None)
    return doc


def _split(docs: list[Doc], seed: int) -> tuple[list[Doc], list[Doc]]:
    docs = list(docs)
    random.Random(seed).shuffle(docs)
    return [d for i, d in enumerate(docs) if i % 10], docs[::10]


def build_corpora(shared: Path, out: Path, seed: int = 13, merge_subtokens: bool = True,
                  silver_sents: int = 2000, ud: bool = True,
                  smartdata: bool = True, hyphen_split: bool = False,
                  germeval_parts: str = "entity") -> dict[str, Path]:
    """Write train/tune DocBins for the UD and the NER pipeline and the held-out sets.

    With ``merge_subtokens`` the training treebanks keep their surface tokens (``im``,
    ``zum`` as one token with the merged annotation, ``spacy convert -T``), as in real text;
    otherwise their text contains the syntactic words glued together (``indem``, ``zudem``).
    The held-out copy is converted the way bench/bench_pipeline.py converts it.
    ``silver_sents`` HanTa-tagged sentences are added to the UD training corpus (tags
    only); the STTS→UPOS table of the ``stts_upos`` component is written as JSON.
    Without ``ud`` only the NER corpora are written (for a run that reuses a UD side).
    With ``smartdata`` the NER corpora also hold DFKI SmartData's training and tuning
    documents (:mod:`zitat.train.smartdata`; its held-out fifth is never written here).
    With ``hyphen_split`` the NER corpora are tokenized with hyphenated compounds split
    (:func:`zitat.nlp.tokenization.with_hyphen_split`; GermEval re-tokenized the same way,
    its ``*part`` name pieces as ``germeval_parts`` says: ``entity`` or ``missing``).
    """
    nlp = zitat_tokenizer(spacy.blank("de"), hyphen_split)  # the model's tokenizer
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "ud_train": out / "ud_train.spacy",
        "ud_tune": out / "ud_tune.spacy",
        "ner_train": out / "ner_train.spacy",
        "ner_tune": out / "ner_tune.spacy",
        "joint_train": out / "joint_train.spacy",
        "joint_tune": out / "joint_tune.spacy",
        "heldout_ud": out / "heldout_ud.spacy",
        "heldout_ner": out / "heldout_ner.spacy",
        "stts_upos": out / "stts_upos.json",
    }
    # GermEval re-tokenized as the tokenizer splits running text (hyphens, UD style)
    ner_train, ner_tune = _split(germeval_docs(shared / "ner-germeval2014" / "NER-de-test.tsv",
                                               split=hyphen_split, parts=germeval_parts),
                                 seed)
    if smartdata:
        from zitat.train.smartdata import smartdata_docs

        path = shared / "ner-smartdata" / "train.json.gz"
        ner_train = ner_train + smartdata_docs(nlp, path, "train")
        random.Random(seed).shuffle(ner_train)
        ner_tune = ner_tune + smartdata_docs(nlp, path, "tune")
    DocBin(docs=ner_train, store_user_data=False).to_disk(paths["ner_train"])
    DocBin(docs=ner_tune, store_user_data=False).to_disk(paths["ner_tune"])
    DocBin(docs=germeval_docs(shared / "ner-germeval2014" / "NER-de-dev.tsv")).to_disk(
        paths["heldout_ner"]
    )
    log.info("NER: train %d docs, tune %d docs", len(ner_train), len(ner_tune))
    if not ud:
        return paths

    tmp = out / "ud"
    _convert_ud(shared / "ud-german", tmp / "train", UD_TRAIN, merge_subtokens)
    _convert_ud(shared / "ud-german", tmp, (UD_HELDOUT,))
    ud_docs: list[Doc] = []
    corpus_of: dict[int, str] = {}
    for name in UD_TRAIN:
        docs = list(DocBin().from_disk(tmp / "train" / f"{name}.spacy").get_docs(nlp.vocab))
        if name == "de_lit-ud-test":
            docs = [lit_morph_missing(d) for d in docs]
        docs = [gold_stts(d, name) for d in docs]
        corpus_of.update((id(d), name) for d in docs)
        ud_docs += docs
    ud_train, ud_tune = _split(ud_docs, seed)
    # UPOS per HanTa tag (and word) as GSD annotates it: the held-out treebank is GSD, and
    # PUD/LIT differ in conventions (e.g. adverbial adjectives ADJ in GSD, ADV in PUD)
    by_tag, by_word = stts_upos_table(
        hanta_retag([d for d in ud_train if corpus_of[id(d)] == "de_gsd-ud-test"]))
    (out / "stts_upos.json").write_text(
        json.dumps({"by_tag": by_tag, "by_word": by_word}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    ud_gold_train = ud_train
    if silver_sents:
        ud_train = ud_train + silver_docs(shared, silver_sents, seed)
        random.Random(seed).shuffle(ud_train)
    # one corpus for one shared tok2vec: UD docs have no entity annotation (missing, not
    # "O": the CoNLL-U files carry no NER tags), GermEval docs no UD annotation
    joint_train = ud_gold_train + ner_train
    random.Random(seed).shuffle(joint_train)
    for key, docs in (("ud_train", ud_train), ("ud_tune", ud_tune),
                      ("joint_train", joint_train), ("joint_tune", ud_tune + ner_tune)):
        DocBin(docs=docs, store_user_data=False).to_disk(paths[key])
    shutil.copy(tmp / f"{UD_HELDOUT}.spacy", paths["heldout_ud"])
    log.info("UD: train %d docs (with silver), tune %d docs", len(ud_train), len(ud_tune))
    return paths


def train(config: Path, output: Path, train_path: Path, dev_path: Path,
          vectors: Path | None, max_steps: int, overrides: dict[str, str] | None = None) -> Path:
    """Run ``spacy train``; returns the best checkpoint (on the tuning split)."""
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output),
           "--paths.train", str(train_path), "--paths.dev", str(dev_path),
           "--training.max_steps", str(max_steps), "--code", str(SPACY_CODE)]
    if vectors is not None:
        cmd += ["--paths.vectors", str(vectors)]
    else:  # the configs use static vectors
        cmd += ["--components.tok2vec.model.embed.include_static_vectors", "false"]
    for key, value in (overrides or {}).items():
        cmd += [f"--{key}", value]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    log.info("trained %s in %.0f s", config.name, time.perf_counter() - start)
    return output / "model-best"


def self_train_ner(shared: Path, workdir: Path, model: Path, paths: dict[str, Path],
                   vectors: Path | None, n_sents: int, max_steps: int,
                   overrides: dict[str, str] | None = None) -> Path:
    """One round of self-training: ``model`` tags ``n_sents`` unlabeled news sentences, and
    a new NER learns from them and the gold training docs; returns its best checkpoint."""

    vocab = spacy.blank("de").vocab
    docs = list(DocBin().from_disk(paths["ner_train"]).get_docs(vocab))
    docs += silver_ner_docs(shared, model, n_sents)
    random.Random(3).shuffle(docs)
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "ner_train_silver.spacy"
    DocBin(docs=docs).to_disk(corpus)
    return train(NER_CONFIG, workdir / "train", corpus, paths["ner_tune"], vectors, max_steps,
                 overrides)


def assemble(ud_model: Path, ner_model: Path, out: Path, upos_table: Path | None = None,
             hyphen_split: bool = False) -> None:
    """The UD pipeline, the ``stts_upos`` component (from ``upos_table``) and the NER
    component (with its own tok2vec copy) → ``out``. Either model may be an assembled core
    model: its NER already has its own tok2vec, or (``ud_model``) is replaced."""

    nlp = spacy.load(ud_model)
    if "ner" in nlp.pipe_names:  # an assembled core model: only its NER is replaced
        nlp.remove_pipe("ner")
    if upos_table is not None and "tagger" in nlp.pipe_names and "stts_upos" not in nlp.pipe_names:
        table = json.loads(upos_table.read_text(encoding="utf-8"))
        add_upos_mapper(nlp, table["by_tag"], table["by_word"])
    ner_nlp = spacy.load(ner_model)
    if "ner" in ner_nlp.get_pipe("tok2vec").listening_components:
        ner_nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.add_pipe("ner", source=ner_nlp)
    # the NER's tok2vec may read lexeme flags that its pipeline's after_creation installs
    after = ner_nlp.config["nlp"].get("after_creation")
    if after:
        nlp.config["nlp"]["after_creation"] = after
    finish(nlp, out, hyphen_split)


def finish(nlp: spacy.language.Language, out: Path, hyphen_split: bool = False) -> None:
    """Set the model's meta data and tokenizer (``@`` split off handles; with
    ``hyphen_split`` hyphenated compounds split too: :mod:`zitat.nlp.tokenization`) and
    write it to ``out``."""
    zitat_tokenizer(nlp, hyphen_split)
    nlp.meta.update({
        "name": "zitat_core",
        "version": "0.8.0",
        "description": "zitat's German core pipeline: STTS tagger (UD German GSD + LIT XPOS "
                       "and HanTa silver tags) with STTS->UPOS lookup, morphologizer, trainable "
                       "lemmatizer and parser (UD German GSD test + PUD test + LIT test), NER "
                       "(GermEval 2014 test and four fifths of DFKI SmartData v1 train, "
                       "name-lexicon features, averaged parameters), "
                       "floret vectors; see src/zitat/models/MODEL_CARD.md",
        "license": "CC BY-NC-SA 4.0",
        "sources": ["UD German GSD (CC BY-SA 4.0)", "UD German PUD (CC BY-SA 3.0)",
                    "UD German LIT (CC BY-NC-SA 4.0)", "GermEval 2014 NER (CC BY 4.0)",
                    "DFKI SmartData v1 train, four fifths (CC BY 4.0)",
                    "silver STTS tags: HanTa 1.2.1 (LGPL-3.0-or-later) on 10kGNAD and the "
                    "quotation corpus' train split (CC BY-NC-SA 4.0)",
                    "name lexicon: Faker (MIT), German Wiktionary via german-nouns "
                    "(CC BY-SA 4.0), GeoNames (CC BY 4.0)",
                    "vectors: quotation corpus (WikiNews, CC BY-NC-SA 4.0), 10kGNAD "
                    "(CC BY-NC-SA 4.0), REDEWIEDERGABE (CC BY-NC-SA 4.0)"],
    })
    if out.exists():
        shutil.rmtree(out)
    nlp.to_disk(out)
    log.info("model written to %s (pipeline %s)", out, nlp.pipe_names)


def main(argv: list[str] | None = None) -> None:
    """Build corpora and vectors, train both pipelines, assemble the core model into --out."""

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--workdir", type=Path, default=REPO / "training" / "core")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "zitat" / "models" / "de_zitat_core")
    parser.add_argument("--mode", choices=("joint", "separate"), default="separate",
                        help="joint: one corpus, one shared tok2vec (configs/core.cfg); separate: "
                             "UD and NER pipelines with their own tok2vec, then assembled")
    parser.add_argument("--joint-steps", type=int, default=4000)
    parser.add_argument("--ud-steps", type=int, default=12000)
    parser.add_argument("--ud-patience", type=int, default=3000,
                        help="stop the UD run after this many steps without a better "
                             "tuning score")
    parser.add_argument("--ner-steps", type=int, default=3000)
    parser.add_argument("--ner-self-training", type=int, default=0,
                        help="rounds of NER self-training on unlabeled news sentences (0: none)")
    parser.add_argument("--ner-silver-sents", type=int, default=10000,
                        help="unlabeled sentences the NER tags for each self-training round")
    parser.add_argument("--ner-self-steps", type=int, default=5000)
    parser.add_argument("--ner-width", type=int, default=None,
                        help="width of the NER's own tok2vec (configs/ner.cfg: 64)")
    parser.add_argument("--ner-set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a setting of configs/ner.cfg in both NER runs, e.g. "
                             "training.optimizer.use_averages=true (repeatable)")
    parser.add_argument("--silver-sents", type=int, default=2000,
                        help="HanTa-tagged unlabeled sentences for the tagger (0: none)")
    parser.add_argument("--no-smartdata", action="store_true",
                        help="train the NER on GermEval only (up to 0.6.0), without DFKI SmartData")
    parser.add_argument("--hyphen-split", action="store_true",
                        help="the NER corpora and the model's tokenizer split hyphenated "
                             "compounds as UD German does (measured, not shipped: see the "
                             "model card)")
    parser.add_argument("--germeval-parts", choices=("entity", "missing"), default="entity",
                        help="with --hyphen-split: a GermEval *part compound's name pieces "
                             "are entities, or unannotated (missing)")
    parser.add_argument("--no-vectors", action="store_true", help="train without static vectors")
    parser.add_argument("--vectors", type=Path, default=None,
                        help="use an existing spaCy vectors directory instead of training one")
    parser.add_argument("--ud-model", type=Path, default=None,
                        help="assemble with this trained UD pipeline instead of training one")
    parser.add_argument("--ner-model", type=Path, default=None,
                        help="assemble with this trained NER pipeline instead of training one")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    paths = build_corpora(args.shared_data, args.workdir / "corpus",
                          silver_sents=args.silver_sents,
                          ud=args.mode == "joint" or args.ud_model is None,
                          smartdata=not args.no_smartdata,
                          hyphen_split=args.hyphen_split, germeval_parts=args.germeval_parts)
    vectors = None
    if not args.no_vectors and not (args.mode == "separate" and args.ud_model and args.ner_model):
        if args.vectors is not None:
            vectors = args.vectors
        else:
            vectors = train_vectors(args.shared_data, args.workdir / "vectors")
    if args.mode == "joint":
        best = train(JOINT_CONFIG, args.workdir / "joint", paths["joint_train"],
                     paths["joint_tune"], vectors, args.joint_steps)
        finish(spacy.load(best), args.out, args.hyphen_split)
        return
    ud_overrides = {"training.patience": str(args.ud_patience)}
    ud_best = args.ud_model or train(UD_CONFIG, args.workdir / "ud", paths["ud_train"],
                                     paths["ud_tune"], vectors, args.ud_steps,
                                     ud_overrides)
    ner_overrides = dict(item.split("=", 1) for item in args.ner_set)
    if args.ner_width:
        ner_overrides["components.tok2vec.model.encode.width"] = str(args.ner_width)
    ner_best = args.ner_model or train(NER_CONFIG, args.workdir / "ner", paths["ner_train"],
                                       paths["ner_tune"], vectors, args.ner_steps, ner_overrides)
    if not args.ner_model:
        for round_ in range(1, args.ner_self_training + 1):
            ner_best = self_train_ner(args.shared_data, args.workdir / f"ner_self{round_}",
                                      ner_best, paths, vectors, args.ner_silver_sents,
                                      args.ner_self_steps, ner_overrides)
    assemble(ud_best, ner_best, args.out, paths["stts_upos"], args.hyphen_split)


if __name__ == "__main__":
    main()

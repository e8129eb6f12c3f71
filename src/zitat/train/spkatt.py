"""SpkAtt-2023 (GermEval 2023, task 1) as training data for the learned quotation taggers.

SpkAtt annotates speech, thought and writing events in speeches of the German Bundestag:
one JSON per speech, ``Sentences[i].Tokens`` and ``Annotations`` whose roles are lists of
``"sentence:token"`` ids. :func:`read_speech` turns one speech into a document of the
quotation corpus format (the format :func:`zitat.train.quotes.doc_from_corpus` reads), so
both taggers can learn from it with the same code as from the quotation corpus.

Role mapping (SpkAtt → quotation corpus; the two schemes differ, so tokens whose label
in the other scheme cannot be known are left *missing*, not ``O``):

=============================  ===============================================================
SpkAtt                         zitat tagger label
=============================  ===============================================================
``Cue``, ``PTC`` (its particle)  cue (``CUE``)
``Source``                     speaker (``SPK``)
``Addr``                       addressee (``ADR``)
``Message``                    the quotation's tokens (``B-/I-<type>``), type by form below
``Topic``, ``Evidence``,       missing in the role tagger (the quotation corpus would make
``Medium``, other words of     most of them frame, ``FRM``; SpkAtt has no frame role)
an event's sentence
=============================  ===============================================================

Type of a message (SpkAtt has none): **Direct** when its tokens are or sit between
quotation marks; **Indirect** when it is a clause — at least four tokens, or two and more opening
with a subordinator (`dass`, `ob`, a w-word) — in the cue's sentence; **FreeIndirect** when such
a clause lies wholly outside the cue's sentence. Short messages (`das`, `von einer
Schicksalsfrage`) and events without a message (`Kollege Müller hat gesprochen`) are what
the quotation corpus would call a Reported statement spanning its whole sentence, a
convention SpkAtt does not share: the quote tagger's labels of those sentences are left
missing. Sentences without any event are ``O`` for both taggers.

Usage (the experiment of issue 22): ``python -m zitat.train.spkatt --mode
spkatt|mixed|pretrain --workdir DIR`` trains the taggers of one arm (one core: set
``OMP_NUM_THREADS=1``); ``--mode score`` scores the shipped taggers and every trained arm
with the official metric on quotation dev and train (``zitat.eval.quotations``, the code
of ``bench/bench_quotes.py``) and prints the table of the model card.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

from zitat.settings import get_settings
from zitat.train.quotes import CONFIG, _read_jsonl, doc_from_corpus

log = logging.getLogger(__name__)

QUOTE_MARKS = frozenset("„“”\"»«‚‘")
SUBORDINATORS = frozenset(
    "dass daß ob wie was wer wen wem warum wo wann wieso weshalb weswegen welche welcher "
    "welches wohin woher womit wofür".split())
_NO_SPACE_BEFORE = frozenset(",.;:!?)]“”«")
#: SpkAtt role → quotation corpus role
ROLE_MAP = {"Cue": "cue", "PTC": "cue", "Source": "speaker", "Addr": "addressee"}
#: SpkAtt roles without a counterpart: their tokens are missing for the role tagger
UNMAPPED = ("Topic", "Evidence", "Medium")


def _ids(refs: list[str]) -> list[tuple[int, int]]:
    out = []
    for r in refs:
        s, _, t = r.partition(":")
        out.append((int(s), int(t)))
    return sorted(set(out))


def message_type(tokens: list[str], sents: set[int], cue_sents: set[int],
                 before: str, after: str) -> str | None:
    """The quotation type of a SpkAtt message, or None when it is not a clause.

    Args:
        tokens: the message's words in order.
        sents: the sentences the message lies in; ``cue_sents`` those of the cue.
        before, after: the words just before and after the message.
    """
    if any(t in QUOTE_MARKS for t in tokens) or (before in QUOTE_MARKS and after in QUOTE_MARKS):
        return "Direct"
    if len(tokens) < 4 and not (len(tokens) > 1 and tokens[0].lower() in SUBORDINATORS):
        return None
    return "FreeIndirect" if not sents & cue_sents else "Indirect"


def read_speech(data: dict[str, Any], name: str) -> dict[str, Any]:
    """One SpkAtt speech as a quotation-corpus document (tokens, sentences, annotations).

    Besides the corpus fields, ``missingQuote`` and ``missingRole`` list the token ids whose
    quote or role label is unknown in zitat's scheme (see the module docstring).
    """
    words: list[str] = []
    index: dict[tuple[int, int], int] = {}
    sentences = []
    for s in data["Sentences"]:
        sid = int(s["SentenceId"])
        ids = []
        for k, w in enumerate(s["Tokens"]):
            index[(sid, k)] = len(words)
            ids.append(len(words))
            words.append(w)
        sentences.append({"tokenIds": ids})
    tokens, parts, pos = [], [], 0
    for i, w in enumerate(words):
        if i and not (w in _NO_SPACE_BEFORE or words[i - 1] in ("„", "(", "[")):
            parts.append(" ")
            pos += 1
        tokens.append({"id": i, "text": w, "charBegin": pos, "charEnd": pos + len(w)})
        parts.append(w)
        pos += len(w)
    sent_of = {index[key]: key[0] for key in index}
    annotations, missing_quote, missing_role = [], set(), set()
    for a in data["Annotations"]:
        cue = [index[k] for k in _ids(a.get("Cue", []) + a.get("PTC", [])) if k in index]
        roles = {role: [] for role in ("cue", "speaker", "addressee")}
        for key, role in ROLE_MAP.items():
            roles[role] += [index[k] for k in _ids(a.get(key, [])) if k in index]
        msg = [index[k] for k in _ids(a.get("Message", [])) if k in index]
        cue_sents = {sent_of[i] for i in cue}
        event_sents = cue_sents | {sent_of[i] for ids in roles.values() for i in ids}
        for s in event_sents:  # the rest of an event's sentence: frame or not, unknown
            missing_role.update(sentences[s]["tokenIds"])
        for key in UNMAPPED:
            missing_role.update(index[k] for k in _ids(a.get(key, [])) if k in index)
        qtype = None
        if msg:
            before = words[msg[0] - 1] if msg[0] else ""
            after = words[msg[-1] + 1] if msg[-1] + 1 < len(words) else ""
            qtype = message_type([words[i] for i in msg], {sent_of[i] for i in msg},
                                 cue_sents, before, after)
        if qtype is None:
            for s in cue_sents or event_sents:
                missing_quote.update(sentences[s]["tokenIds"])
            # roles without a (clausal) message still teach the role tagger
            annotations.append({"type": "Reported", "quote": {"tokenIds": []},
                                **{r: {"tokenIds": sorted(set(v))} for r, v in roles.items()}})
            continue
        annotations.append({"type": qtype, "quote": {"tokenIds": msg},
                            **{r: {"tokenIds": sorted(set(v))} for r, v in roles.items()}})
    # labelled tokens are known, whatever else happens in their sentence
    for a in annotations:
        missing_quote.difference_update(a["quote"]["tokenIds"])
        for r in ("cue", "speaker", "addressee"):
            missing_role.difference_update(a[r]["tokenIds"])
    for a in annotations:  # message tokens are `O` for the role tagger, as in the corpus
        missing_role.difference_update(a["quote"]["tokenIds"])
    return {"documentName": name, "originalText": "".join(parts), "tokens": tokens,
            "sentences": sentences, "annotations": annotations,
            "missingQuote": sorted(missing_quote), "missingRole": sorted(missing_role)}


def read_spkatt(folder: Path) -> Iterator[dict[str, Any]]:
    """Every speech of a SpkAtt split folder (``train/`` or ``dev/``), in name order."""
    for f in sorted(folder.glob("*.json")):
        yield read_speech(json.loads(f.read_text(encoding="utf-8")), f.stem)


def write_docbins(items: list[dict[str, Any]], quote_out: Path, role_out: Path) -> int:
    """Like :func:`zitat.train.quotes.write_docbins`, with SpkAtt's unknown labels missing."""
    nlp = spacy.blank("de")
    qbin, rbin = DocBin(), DocBin()
    for item in items:
        doc = doc_from_corpus(nlp, item)
        qtags = [t.tag_ for t in doc]
        rtags = list(doc.user_data["role_tags"])
        for i in item.get("missingQuote", []):
            qtags[i] = ""  # spaCy's tagger treats an empty tag as missing
        for i in item.get("missingRole", []):
            rtags[i] = ""
        words = [t.text for t in doc]
        spaces = [bool(t.whitespace_) for t in doc]
        starts = [bool(t.is_sent_start) for t in doc]
        qbin.add(Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts, tags=qtags))
        rbin.add(Doc(nlp.vocab, words=words, spaces=spaces, tags=rtags))
    qbin.to_disk(quote_out)
    rbin.to_disk(role_out)
    return len(items)


def train_taggers(corpus: Path, train: str, out: Path, max_steps: int,
                  init_from: Path | None = None) -> None:
    """Train both taggers on ``corpus/<train>_{quote,role}.spacy`` (tuned on ``tune_*``).

    ``init_from``: a folder with ``quote``/``role`` pipelines whose tok2vec weights start
    the run (pretraining); their taggers' output layers are learned anew.
    """
    from thinc.api import Config

    for kind in ("quote", "role"):
        config = CONFIG
        if init_from is not None:
            # the tok2vec is sourced (weights and all) from the pretrained pipeline and
            # trained on; the tagger listens to it as before and starts from scratch
            cfg = Config().from_disk(CONFIG, interpolate=False)
            width = Config().from_disk(CONFIG)["components"]["tok2vec"]["model"]["encode"]["width"]
            cfg["components"]["tok2vec"] = {"source": str(init_from / kind / "model-best")}
            cfg["components"]["tagger"]["model"]["tok2vec"]["width"] = width
            config = out / f"{kind}.cfg"
            out.mkdir(parents=True, exist_ok=True)
            cfg.to_disk(config)
        cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(out / kind),
               "--paths.train", str(corpus / f"{train}_{kind}.spacy"),
               "--paths.dev", str(corpus / f"tune_{kind}.spacy"),
               "--training.max_steps", str(max_steps)]
        subprocess.run(cmd, check=True)


def score_arms(shared: Path, workdir: Path, arms: list[str], splits: tuple[str, ...]
               ) -> dict[str, dict[str, dict[str, Any]]]:
    """Score zitat with each arm's taggers on quotation splits (official metric).

    ``shipped`` means the taggers in the package, ``rules`` no taggers at all; any other
    arm the models that
    ``--mode <arm>`` wrote to ``workdir/models_<arm>``. Predictions are kept beside them
    (``pred_<arm>_<split>.jsonl``) for the official scorer script.
    """
    from zitat.analysis import default_pipeline
    from zitat.eval.quotations import evaluate_quotations
    from zitat.nlp.quote_model import load_taggers

    nlp = default_pipeline()
    finder = nlp.get_pipe("zitat_quotes")
    shipped = finder.taggers
    results: dict[str, dict[str, dict[str, Any]]] = {}
    try:
        for arm in arms:
            finder.taggers = shipped if arm == "shipped" else None if arm == "rules" else \
                load_taggers(str(workdir / f"models_{arm}"))
            for split in splits:
                scores = evaluate_quotations(shared / "quotations" / f"{split}.jsonl",
                                             workdir / f"pred_{arm}_{split}.jsonl", nlp)
                results.setdefault(arm, {})[split] = scores.to_dict()
                log.info("%s on %s:\n%s", arm, split, scores.table())
    finally:
        finder.taggers = shipped
    return results


def arms_table(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    """The experiment's table: F1 of the main figures per arm and split."""
    rows = ["| taggers trained on | split | Joint (P / R / F1) | Messages | Roles | Form | STWR "
            "| speaker | addressee | Reported | FreeIndirect |", "|" + "---|" * 11]
    for arm, by_split in results.items():
        for split, d in by_split.items():
            types = d["per_type_quote"]
            j = d["joint"]
            rows.append(
                f"| {arm} | {split} | {j['p']:.1f} / {j['r']:.1f} / {j['f1']:.1f} "
                f"| {d['messages']['f1']:.1f} | {d['roles']['f1']:.1f} | {d['form']['f1']:.1f} "
                f"| {d['stwr']['f1']:.1f} | {d['per_role']['speaker']['f1']:.1f} "
                f"| {d['per_role']['addressee']['f1']:.1f} "
                f"| {types.get('Reported', {}).get('f1', 0.0):.1f} "
                f"| {types.get('FreeIndirect', {}).get('f1', 0.0):.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Convert SpkAtt (and the quotation corpus), train the taggers of one experiment."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--mode", choices=("convert", "spkatt", "mixed", "pretrain", "score"),
                        default="convert")
    parser.add_argument("--max-steps", type=int, default=3000)
    parser.add_argument("--arms", default="shipped,spkatt,mixed",
                        help="with --mode score: the arms to score, comma-separated")
    parser.add_argument("--splits", default="dev,train",
                        help="with --mode score: quotation splits to score on")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    if args.mode == "score":
        arms = [a for a in args.arms.split(",") if a in ("shipped", "rules") or
                (args.workdir / f"models_{a}" / "quote").exists()]
        results = score_arms(args.shared_data, args.workdir, arms,
                             tuple(args.splits.split(",")))
        (args.workdir / f"scores_{'_'.join(arms)}.json").write_text(json.dumps(results, indent=1))
        print(arms_table(results))
        return
    corpus = args.workdir / "corpus"
    if not (corpus / "mixed_role.spacy").exists():
        corpus.mkdir(parents=True, exist_ok=True)
        spk_dir = args.shared_data / "speaker-attribution-spkatt2023"
        spk = [*read_spkatt(spk_dir / "train"), *read_spkatt(spk_dir / "dev")]
        qdir = args.shared_data / "quotations"
        quotes = _read_jsonl(qdir / "train.jsonl")
        dev = _read_jsonl(qdir / "dev.jsonl")
        write_docbins(spk, corpus / "spkatt_quote.spacy", corpus / "spkatt_role.spacy")
        write_docbins(quotes, corpus / "quotes_quote.spacy", corpus / "quotes_role.spacy")
        write_docbins([*quotes, *spk], corpus / "mixed_quote.spacy", corpus / "mixed_role.spacy")
        write_docbins(dev[: len(dev) // 2], corpus / "tune_quote.spacy", corpus / "tune_role.spacy")
        log.info("%d SpkAtt speeches, %d quotation documents converted", len(spk), len(quotes))
    if args.mode == "convert":
        return
    out = args.workdir / args.mode
    if args.mode == "pretrain":
        first = args.workdir / "spkatt"
        if not (first / "quote" / "model-best").exists():
            train_taggers(corpus, "spkatt", first, args.max_steps)
        train_taggers(corpus, "quotes", out, args.max_steps, init_from=first)
    else:
        train_taggers(corpus, args.mode, out, args.max_steps)
    models = args.workdir / f"models_{args.mode}"
    for kind in ("quote", "role"):
        if (models / kind).exists():
            shutil.rmtree(models / kind)
        shutil.copytree(out / kind / "model-best", models / kind)
    log.info("taggers of %s written to %s", args.mode, models)


if __name__ == "__main__":
    main()

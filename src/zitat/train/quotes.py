"""Training data and training run of the learned quotation taggers.

Two token taggers share one tok2vec: ``quote_tagger`` labels every token with
``B-<type>``/``I-<type>``/``O`` (quotation spans and their type) and ``role_tagger`` with
``CUE``/``SPK``/``ADR``/``FRM``/``O`` (the roles of any quotation). ``zitat_quotes``
turns the tags into quotations and attaches roles.

Data: ``../shared/data/quotations/train.jsonl`` for training; dev is split in half by
document order: the first half selects the best checkpoint, and all reported dev figures
are on the full dev set through ``zitat eval quotations``.

Usage: ``python -m zitat.train.quotes [--max-steps N]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin

from zitat.settings import get_settings

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[3]
CONFIG = Path(__file__).resolve().parent / "configs" / "quotes.cfg"
ROLE_TAGS = {"speaker": "SPK", "cue": "CUE", "addressee": "ADR", "frame": "FRM"}
ROLE_PRIORITY = ("frame", "addressee", "cue", "speaker")  # later wins


def doc_from_corpus(nlp: spacy.Language, item: dict[str, Any]) -> Doc:
    """A Doc on the corpus tokens with quote and role tags in ``token.tag_``/``token.user_data``."""
    tokens = sorted(item["tokens"], key=lambda t: t["id"])
    words = [t["text"] for t in tokens]
    spaces = [
        i + 1 < len(tokens) and tokens[i + 1]["charBegin"] > t["charEnd"]
        for i, t in enumerate(tokens)
    ]
    pos = {t["id"]: i for i, t in enumerate(tokens)}
    quote_tags = ["O"] * len(tokens)
    role_tags = ["O"] * len(tokens)
    anns = sorted(item.get("annotations", []), key=lambda a: -len(a["quote"]["tokenIds"]))
    for a in anns:  # longer quotes first: nested quotes overwrite their share of the parent
        ids = sorted(pos[i] for i in a["quote"]["tokenIds"] if i in pos)
        prev = None
        for k in ids:
            inside = prev is not None and k == prev + 1
            quote_tags[k] = ("I-" if inside else "B-") + a["type"]
            prev = k
    for role in ROLE_PRIORITY:
        for a in item.get("annotations", []):
            for i in (a.get(role) or {}).get("tokenIds", []):
                if i in pos:
                    role_tags[pos[i]] = ROLE_TAGS[role]
    sent_starts = [False] * len(tokens)
    for s in item.get("sentences", []):
        ids = s.get("tokenIds") or []
        if ids and ids[0] in pos:
            sent_starts[pos[ids[0]]] = True
    if sent_starts:
        sent_starts[0] = True
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts, tags=quote_tags)
    # spaCy's tagger reads token.tag_, so the role tags go to a second Doc (write_docbins)
    doc.user_data["role_tags"] = role_tags
    return doc


def write_docbins(items: Iterable[dict[str, Any]], quote_out: Path, role_out: Path) -> int:
    """Write one DocBin with quote tags and one with role tags (same tokens)."""
    nlp = spacy.blank("de")
    qbin, rbin = DocBin(), DocBin()
    n = 0
    for item in items:
        doc = doc_from_corpus(nlp, item)
        qbin.add(doc)
        roles = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
                    tags=doc.user_data["role_tags"])
        rbin.add(roles)
        n += 1
    qbin.to_disk(quote_out)
    rbin.to_disk(role_out)
    return n


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> None:
    """Convert the corpus, train both taggers, copy the best models into the package."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared-data", type=Path, default=Path(get_settings().shared_data))
    parser.add_argument("--workdir", type=Path, default=REPO / "training" / "quotes")
    parser.add_argument("--out", type=Path, default=REPO / "src" / "zitat" / "models" / "de_zitat_quotes")
    parser.add_argument("--max-steps", type=int, default=3000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    corpus = args.workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    qdir = args.shared_data / "quotations"
    train = _read_jsonl(qdir / "train.jsonl")
    dev = _read_jsonl(qdir / "dev.jsonl")
    write_docbins(train, corpus / "train_quote.spacy", corpus / "train_role.spacy")
    write_docbins(dev[: len(dev) // 2], corpus / "tune_quote.spacy", corpus / "tune_role.spacy")
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in ("quote", "role"):
        out = args.workdir / f"out_{kind}"
        subprocess.run(
            [sys.executable, "-m", "spacy", "train", str(CONFIG), "--output", str(out),
             "--paths.train", str(corpus / f"train_{kind}.spacy"),
             "--paths.dev", str(corpus / f"tune_{kind}.spacy"),
             "--training.max_steps", str(args.max_steps)],
            check=True,
        )
        target = args.out / kind
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(out / "model-best", target)
    log.info("quotation taggers written to %s", args.out)


if __name__ == "__main__":
    main()

"""Golden outputs: what zitat prints today, kept to prove that a redesign changes nothing.

Three sets, each a mapping key → canonical JSON of one record:

* ``demo``  — the Article JSON of every demo article (``examples/demo``), stored whole in
  ``demo.jsonl`` (the texts are this project's own);
* ``dev``   — ``zitat eval quotations`` predictions on ``../shared/data/quotations/dev.jsonl``;
* ``gnad``  — the Article JSON of the first 300 articles of ``news-10kgnad/articles.csv``.

Third-party texts never enter the repository: for ``dev`` and ``gnad`` only a SHA-256 per
record is stored (``dev.sha256``, ``gnad300.sha256``). The ``rule`` field of a quote (which
rule produced it) is left out of the comparison: it was added by the redesign; so are
the speaker attributes and framing of issue 27 (``kind``, ``role_class``, ``party``,
``gender``, ``cue_class``, ``mood``), which only add keys.

Usage::

    python tests/golden/golden.py write [--full DIR]   # regenerate (say why in the commit)
    python tests/golden/golden.py check [--full DIR]   # compare; --full writes JSON to diff
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO.parent / "shared" / "data"))
GNAD_LIMIT = 300
SETS = ("demo", "dev", "gnad")
FILES = {"demo": "demo.jsonl", "dev": "dev.sha256", "gnad": "gnad300.sha256"}
# Added after the golden files were written; not part of the comparison.
IGNORED_KEYS = frozenset({"rule",
                          # added by issue 27 (speaker attributes, framing): new keys only
                          "kind", "role_class", "party", "gender", "cue_class", "mood"})


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def canonical(record: dict) -> str:
    """One line of canonical JSON, without the ignored keys."""
    return json.dumps(_strip(record), ensure_ascii=False, sort_keys=True)


def digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def available(name: str) -> bool:
    """Whether the inputs of a golden set exist here (the shared data may be absent)."""
    if name == "demo":
        return True
    if name == "dev":
        return (SHARED_DATA / "quotations" / "dev.jsonl").exists()
    return (SHARED_DATA / "news-10kgnad" / "articles.csv").exists()


def produce(name: str) -> Iterator[tuple[str, str]]:
    """Run today's code on a golden set's inputs: (key, canonical JSON) per record."""
    from zitat.analysis import analyze_many, default_pipeline
    from zitat.schema import Article, RawArticle

    nlp = default_pipeline()
    if name == "demo":
        from zitat.ingest import read_inputs

        os.chdir(REPO)  # origins stay relative, as `make run` reads them
        raws = list(read_inputs(["examples/demo"]))
        for item in analyze_many(raws, nlp=nlp, workers=1):
            if isinstance(item, Article):
                yield item.id, canonical(json.loads(item.to_json()))
    elif name == "dev":
        from zitat.eval.corpus import predict_documents, read_corpus

        gold = list(read_corpus(SHARED_DATA / "quotations" / "dev.jsonl"))
        # keyed by position: document names are corpus titles, which stay out of the repo
        for i, pred in enumerate(predict_documents(gold, nlp)):
            yield f"{i:03d}", canonical(pred)
    else:
        csv.field_size_limit(10**8)
        with (SHARED_DATA / "news-10kgnad" / "articles.csv").open(encoding="utf-8") as fh:
            rows = [r for r in csv.reader(fh, delimiter=";", quotechar="'") if len(r) >= 2]
        raws = [RawArticle(text=r[1], source=f"10kgnad:{i}") for i, r in enumerate(rows[:GNAD_LIMIT])]
        for i, item in enumerate(analyze_many(raws, nlp=nlp, workers=1)):
            assert isinstance(item, Article), item
            yield f"{i:04d}", canonical(json.loads(item.to_json()))


def stored(name: str) -> dict[str, str]:
    """The stored golden record digests of a set: key → sha256."""
    path = HERE / FILES[name]
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if name == "demo":
            rec = json.loads(line)
            out[rec["id"]] = digest(canonical(rec))
        else:
            key, _, sha = line.partition("\t")
            out[key] = sha
    return out


def compare(name: str, full: Path | None = None) -> list[str]:
    """Differences between today's output and the stored golden set (empty: identical)."""
    want = stored(name)
    got: dict[str, str] = {}
    lines: list[str] = []
    for key, line in produce(name):
        got[key] = digest(line)
        lines.append(line)
    if full is not None:
        full.mkdir(parents=True, exist_ok=True)
        (full / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [f"{name}: {k} missing" for k in want if k not in got]
    problems += [f"{name}: {k} new" for k in got if k not in want]
    problems += [f"{name}: {k} differs" for k in want if k in got and got[k] != want[k]]
    return problems


def write(name: str, full: Path | None = None) -> int:
    """Regenerate a golden set from today's code; returns the number of records."""
    records = list(produce(name))
    if name == "demo":
        body = "\n".join(line for _, line in sorted(records)) + "\n"
    else:
        body = "".join(f"{k}\t{digest(line)}\n" for k, line in sorted(records))
    (HERE / FILES[name]).write_text(body, encoding="utf-8")
    if full is not None:
        full.mkdir(parents=True, exist_ok=True)
        (full / f"{name}.jsonl").write_text("\n".join(line for _, line in records) + "\n",
                                            encoding="utf-8")
    return len(records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("write", "check"))
    parser.add_argument("--set", choices=SETS, action="append", help="default: all available")
    parser.add_argument("--full", type=Path, help="also write the full JSON here (for diffing)")
    args = parser.parse_args(argv)
    failed = False
    for name in args.set or SETS:
        if not available(name):
            print(f"{name}: skipped, inputs not found under {SHARED_DATA}")
            continue
        if args.action == "write":
            print(f"{name}: {write(name, args.full)} records written")
        else:
            problems = compare(name, args.full)
            failed |= bool(problems)
            print(f"{name}: " + ("identical" if not problems else f"{len(problems)} differences"))
            for p in problems[:20]:
                print("  " + p)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())

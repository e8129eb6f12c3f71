"""The quotation corpus format: read gold documents, write predictions on gold tokens."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from zitat.analysis import analyze
from zitat.errors import InputError
from zitat.schema import Quote, Role


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    """Gold documents from a JSONL file or a folder of ``.json``/``.jsonl`` files."""
    files = sorted(path.rglob("*.json*")) if path.is_dir() else [path]
    for f in files:
        text = f.read_text(encoding="utf-8")
        if f.suffix == ".json":
            data = _parse(text, f"{f}")
            yield from data if isinstance(data, list) else [data]
        else:
            for n, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    yield _parse(line, f"{f}:{n}")


def _parse(text: str, origin: str) -> Any:
    """JSON of a gold file or line; a clear :class:`InputError` (file, line, reason) else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})", origin) from None
    docs = data if isinstance(data, list) else [data]
    for doc in docs:
        missing = [k for k in ("documentName", "originalText", "tokens") if k not in doc] \
            if isinstance(doc, dict) else ["a JSON object"]
        if missing:
            raise InputError(f"not a corpus document (missing {', '.join(missing)})", origin)
    return data


class TokenMap:
    """Maps character spans onto the gold token ids of one document."""

    def __init__(self, tokens: Sequence[dict[str, Any]]) -> None:
        self.tokens = sorted(tokens, key=lambda t: t["charBegin"])
        self.starts = [t["charBegin"] for t in self.tokens]

    def ids(self, start: int, end: int) -> list[int]:
        """Ids of tokens overlapping ``[start, end)``."""
        out = []
        i = max(0, bisect_right(self.starts, start) - 1)
        while i < len(self.tokens) and self.tokens[i]["charBegin"] < end:
            t = self.tokens[i]
            if t["charEnd"] > start:
                out.append(t["id"])
            i += 1
        return out

    def role(self, text: str, spans: Sequence[tuple[int, int]]) -> dict[str, Any]:
        """A role in the corpus format for character ``spans``."""
        by_id = {t["id"]: t for t in self.tokens}
        out_spans = []
        ids: list[int] = []
        for s, e in spans:
            span_ids = self.ids(s, e)
            if not span_ids:
                continue
            ids += span_ids
            first, last = by_id[span_ids[0]], by_id[span_ids[-1]]
            out_spans.append({"begin": span_ids[0], "end": span_ids[-1] + 1,
                              "charBegin": first["charBegin"], "charEnd": last["charEnd"]})
        return {
            "text": " ".join(text[sp["charBegin"]:sp["charEnd"]] for sp in out_spans),
            "spans": out_spans,
            "tokenIds": sorted(set(ids)),
        }


def _role_spans(role: Role | None) -> list[tuple[int, int]]:
    return list(role.spans) if role else []


def to_corpus_annotations(
    quotes: Sequence[Quote], text: str, tokens: TokenMap, *, with_confidence: bool = False
) -> list[dict[str, Any]]:
    """zitat quotes as corpus annotations on the gold tokens (quotes with no token dropped)."""
    anns: list[dict[str, Any]] = []
    index = {q.id: i for i, q in enumerate(quotes)}
    nested_parents = {q.nested_in for q in quotes if q.nested_in}
    for q in quotes:
        quote_role = tokens.role(text, q.spans)
        if not quote_role["tokenIds"]:
            continue
        anns.append({
            "id": len(anns),
            "type": q.type,
            "medium": q.medium,
            "quote": quote_role,
            "cue": tokens.role(text, _role_spans(q.cue)),
            "speaker": tokens.role(text, _role_spans(q.speaker)),
            "addressee": tokens.role(text, _role_spans(q.addressee)),
            "frame": tokens.role(text, _role_spans(q.frame)),
            "isNested": q.nested_in is not None and q.nested_in in index,
            "hasNested": q.id in nested_parents,
        })
        if with_confidence:
            anns[-1]["confidence"] = q.confidence
    return anns


def predict_documents(
    gold_docs: Sequence[dict[str, Any]], nlp: Any, *, with_confidence: bool = False
) -> list[dict[str, Any]]:
    """Run zitat on each gold document's ``originalText`` and convert to the corpus format.

    Args:
        gold_docs: documents of the corpus format.
        nlp: the zitat pipeline.
        with_confidence: also give each annotation zitat's ``confidence`` (not a corpus field;
            the official scorer ignores it).
    """
    preds = []
    for doc in tqdm(gold_docs, desc="quotations", unit=" docs", disable=None):
        text = doc["originalText"]
        quotes = document_quotes(doc, nlp)
        tokens = TokenMap(doc["tokens"])
        anns = to_corpus_annotations(quotes, text, tokens, with_confidence=with_confidence)
        preds.append({"documentName": doc["documentName"], "annotations": anns})
    return preds


def document_quotes(doc: dict[str, Any], nlp: Any) -> list[Quote]:
    """zitat's quotations of one gold document, offsets into its ``originalText``."""
    text = doc["originalText"]
    article = analyze(text, date=doc.get("date") or None, nlp=nlp) if text.strip() else None
    quotes = article.quotes if article else []
    # analyze() strips the text; offsets stay valid only if nothing was stripped in front
    shift = len(text) - len(text.lstrip())
    return [_shift(q, shift) for q in quotes] if shift else list(quotes)


def _shift(q: Quote, by: int) -> Quote:
    def move(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(s + by, e + by) for s, e in spans]

    def role(r: Role | None) -> Role | None:
        return r.model_copy(update={"spans": move(r.spans)}) if r else None

    return q.model_copy(update={
        "spans": move(q.spans), "cue": role(q.cue), "speaker": role(q.speaker),
        "addressee": role(q.addressee), "frame": role(q.frame),
    })

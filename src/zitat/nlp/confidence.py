"""A quotation's confidence: the probability that the quotation and its speaker are right.

The rules and the taggers each give a quotation a score of their own (a constant per rule,
the share of tagged tokens), which says little about how often such a quotation is right.
A small logistic model (``zitat/models/de_zitat_confidence.json``) turns what is known
about a finished quotation — the rule that found it, its type, what kind of speaker it
has (none, a pronoun, a description, a name), its length, its raw score — into the
probability that the quotation matches a gold quotation (token F1 ≥ 0.5) *and* its speaker
is right, the criterion of :mod:`zitat.eval.calibration`. It was fitted on the dev split
of the quotation corpus, which the taggers and the medium classifier never learned from
(``python -m zitat.train.calibration``; the model card gives the cross-fitted figures).

Applied with dictionary look-ups at the end of the ``zitat_quotes`` component; no other
component changes a quotation's confidence afterwards.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zitat.schema import Quote

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "de_zitat_confidence.json"

_WORD = re.compile(r"\w+")
#: personal pronouns a speaker span can be (`sagte er`, `so sie`, `wir fordern`)
_PRONOUNS = frozenset("er sie es ich wir ihr man du".split())
#: words that open a description rather than a name (`der Sprecher`, `ein Sprecher`)
_DETERMINERS = frozenset(
    "der die das des dem den ein eine einer eines einem einen dieser diese dieses "
    "sein seine ihr ihre mehrere viele einige".split())


def speaker_kind(speaker: str) -> str:
    """What a speaker span is: ``none``, ``pron``, ``desc`` (opens with a determiner),
    ``name`` (capitalised words only) or ``other``."""
    words = _WORD.findall(speaker)
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pron"
    if words[0].lower() in _DETERMINERS:
        return "desc"
    if all(w[:1].isupper() for w in words):
        return "name"
    return "other"


def _bucket(n: int, edges: Sequence[int]) -> str:
    """The first edge that ``n`` is below, as text (``<10``), else ``>=last``."""
    for e in edges:
        if n < e:
            return f"<{e}"
    return f">={edges[-1]}"


def quote_features(text: str, quote: Quote) -> list[str]:
    """Binary features of one finished quotation for the confidence model.

    Args:
        text: the document text (the quotation's offsets point into it).
        quote: the quotation as the ``zitat_quotes`` component made it, before calibration.

    Returns:
        Feature names, each once.
    """
    rule = quote.rule or "?"
    spk_text = quote.speaker.text if quote.speaker else ""
    kind = speaker_kind(spk_text)
    words = len(_WORD.findall(quote.text))
    feats = {
        # no rule × speaker or type × speaker pairs: on dev they overfitted (cross-fitted
        # log loss 0.483 without them, 0.483–0.490 with; train ECE 0.033 against 0.045)
        "bias", f"r={rule}", f"t={quote.type}", f"s={kind}",
        f"len={_bucket(words, (4, 8, 16, 32, 64))}",
        f"raw={min(9, int(quote.confidence * 10))}",
    }
    if quote.cue is None or not quote.cue.spans:
        feats.add("nocue")
    if quote.addressee is not None and quote.addressee.spans:
        feats.add("addr")
    if len(quote.spans) > 1:
        feats.add("split")
    if quote.nested_in is not None:
        feats.add("nested")
    if quote.speaker is not None and quote.speaker.spans:
        n = len(_WORD.findall(spk_text))
        feats.add(f"slen={_bucket(n, (2, 3, 5))}")
        s0, s1 = quote.speaker.spans[0][0], quote.speaker.spans[-1][1]
        gap = max(quote.start - s1, s0 - quote.end, 0)
        feats.add(f"sgap={_bucket(gap, (1, 40, 150))}")
        if "\n" in text[min(s1, quote.start):max(s0, quote.end)]:
            feats.add("spara")  # speaker and quotation in different paragraphs
    return sorted(feats)


@dataclass(frozen=True)
class Calibrator:
    """Logistic weights over :func:`quote_features` (unknown features weigh nothing)."""

    weights: dict[str, float]

    def probability(self, features: Sequence[str]) -> float:
        """P(quotation and speaker right | features)."""
        z = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def to_json(self) -> dict[str, object]:
        """The JSON form shipped in the package."""
        return {"model": "logistic", "features": "zitat.nlp.confidence.quote_features",
                "weights": dict(sorted(self.weights.items()))}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Calibrator:
        """Read the JSON form written by :meth:`to_json`."""
        return cls(weights={str(k): float(v) for k, v in dict(data["weights"]).items()})  # type: ignore[call-overload]


@lru_cache(maxsize=2)
def load_calibrator(path: str = str(MODEL_PATH)) -> Calibrator | None:
    """The shipped confidence model, or None when it is not installed."""
    p = Path(path)
    if not p.exists():
        log.warning("no confidence model at %s; quotations keep their rules' scores", p)
        return None
    return Calibrator.from_json(json.loads(p.read_text(encoding="utf-8")))


def calibrate(text: str, quotes: Sequence[Quote], calibrator: Calibrator | None) -> list[Quote]:
    """The quotations with their confidence replaced by the calibrated probability.

    Args:
        text: the document text.
        quotes: finished quotations of one document.
        calibrator: the confidence model; None leaves the quotations unchanged.

    Returns:
        New Quote records (rounded to 3 decimals, so that output stays stable).
    """
    if calibrator is None:
        return list(quotes)
    return [q.model_copy(update={"confidence": round(
        calibrator.probability(quote_features(text, q)), 3)}) for q in quotes]

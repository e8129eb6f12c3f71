"""Medium of a quotation (Speech, Writing, ST, SW, …) from a small learned classifier.

The corpus' medium labels depend on more than the cue verb: `nach Angaben der Polizei` is
SW, `laut einem Bericht` Writing, `laut Experten` Speech, `erklärte das Ministerium` SW.
A softmax classifier over sparse features of the quotation (type, the rules' own medium
guess, cue and speaker words) was trained on the training split of the
quotation corpus (``python -m zitat.train.medium``); its weights ship as JSON and are
applied here with plain dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "de_zitat_medium.json"

Span = tuple[int, int]
_WORD = re.compile(r"\w+")

def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _join(text: str, spans: Sequence[Span]) -> str:
    return " ".join(text[s:e] for s, e in spans)


def medium_features(
    text: str, qtype: str, cue: Sequence[Span], speaker: Sequence[Span], rule_medium: str
) -> list[str]:
    """Sparse binary features of one quotation for the medium classifier.

    Cross-validation on the training split (folds of whole documents) chose these: words
    of the frame, of the quotation's surroundings or of the whole article added nothing.

    Args:
        text: the document text; spans are character offsets into it.
        qtype: the quotation type (Direct, Indirect, …).
        cue, speaker: character spans of the quotation's cue and speaker.
        rule_medium: the medium the rules guessed from the cue alone.

    Returns:
        Feature names, each present once.
    """
    feats = {"bias", f"t={qtype}", f"h={rule_medium}", f"th={qtype}|{rule_medium}"}
    cue_words = _words(_join(text, cue))
    if cue_words:
        feats.add("c=" + " ".join(cue_words))
        feats.add("c0=" + cue_words[0])
        feats.add("cs=" + cue_words[0][:5])
        feats.update("cw=" + w for w in cue_words)
    else:
        feats.add("nocue")
    spk_words = _words(_join(text, speaker))
    if spk_words:
        last = spk_words[-1]
        feats.update(("s=" + last, "ss=" + last[-5:], "s0=" + spk_words[0]))
        feats.update("sw=" + w for w in spk_words)
        head = _join(text, speaker).split()
        if head and head[-1][:1].isupper() and len(spk_words) >= 2 and spk_words[0] not in (
                "der", "die", "das", "des", "dem", "den"):
            feats.add("sname")  # `Anna Beispiel`: a person named without article
    else:
        feats.add("nospk")
    return sorted(feats)


@dataclass(frozen=True)
class MediumModel:
    """Softmax weights: ``weights[feature][k]`` for class ``labels[k]``."""

    labels: tuple[str, ...]
    weights: dict[str, list[float]]

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """Class probabilities for a feature list (unknown features are ignored)."""
        scores = [0.0] * len(self.labels)
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    scores[k] += v
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.labels, exp, strict=True)}

    def predict(self, features: Sequence[str]) -> str:
        """The most probable medium."""
        probs = self.probabilities(features)
        return max(probs, key=probs.__getitem__)

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "weights": self.weights}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> MediumModel:
        return cls(labels=tuple(data["labels"]), weights=dict(data["weights"]))  # type: ignore[arg-type]


@lru_cache(maxsize=2)
def load_medium_model(path: str = str(MODEL_PATH)) -> MediumModel | None:
    """The shipped medium classifier, or None when it is not installed."""
    p = Path(path)
    if not p.exists():
        return None
    return MediumModel.from_json(json.loads(p.read_text(encoding="utf-8")))

"""The medium of a quotation (Speech, Writing, Thought, ST, SW, TW), decided here and only here.

Three layers, each a function of this module:

* :func:`medium_of` — the medium a cue signals, from the medium column of the cue lexicon
  (``zitat/nlp/data/cues.tsv``); :func:`report_medium` — that of a report without content,
  from its verb (stance or strong past, also lexicon columns, or its tense);
* :func:`rule_medium` — what the rules say for one quotation: the medium of the rule that
  found it (``laut X`` is SW), else its cue's, else by type;
* :func:`quote_medium` — the final label: the rules' guess corrected by a small learned
  classifier when it is installed.

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

from zitat.nlp.cues import LEXICON, MEDIA, is_stance, is_strong_past

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


#: per medium, the lexicon entries that signal it: ``part`` entries anywhere in the cue, the
#: others as the cue's first word (exact for ``form``, its start for ``stem``)
_MARKS = {m: LEXICON.medium_marks(m) for m in MEDIA}
_ANYWHERE = {m: tuple(f for how, f in marks if how == "part") for m, marks in _MARKS.items()}
_FIRST_FORMS = {m: frozenset(f for how, f in marks if how == "form") for m, marks in _MARKS.items()}
_FIRST_STEMS = {m: tuple(f for how, f in marks if how == "stem") for m, marks in _MARKS.items()}


def medium_of(cue: str) -> str:
    """Medium label for a cue text, as the quotation corpus uses them.

    Counts on the corpus' training split decided the lexicon's medium column: `sagte`, `so`,
    `wie`, `teilte … mit` are mostly Speech (no entry); `laut`, `nach Angaben`, `zufolge`,
    `demnach`, passive cues (`wurde … mitgeteilt`) mostly SW (speech or writing); `schrieb`,
    `berichtete`, `heißt es` Writing; `hofft`, `geht davon aus` ST (speech or thought). Writing
    is tried first, then ST, then SW.
    """
    c = cue.lower()
    if not c:
        return "SW"
    first = c.split()[0] if c.split() else ""
    for medium in MEDIA:
        if any(w in c for w in _ANYWHERE[medium]) or first in _FIRST_FORMS[medium] or \
                first.startswith(_FIRST_STEMS[medium]):
            return medium
    return "Speech"


def report_medium(verb: str) -> str:
    """Medium of a report without content by its verb, as counted on the corpus' training
    split: stances (`befürchtet`, `geht davon aus`) are ST, past tense mostly Speech, present
    tense SW."""
    if is_stance(verb):
        return "ST"
    if is_strong_past(verb) or verb.endswith(("te", "ten")) or verb in ("hatte", "hatten"):
        return "Speech"
    return "SW"


def continued_medium(text: str, own: str | None, cue: Sequence[Span]) -> str:
    """The medium a continuation takes from the quotation it continues: that quotation's
    own medium, else its cue's (SW without a cue)."""
    return own or medium_of(_join(text, cue))


def rule_medium(text: str, qtype: str, cue: Sequence[Span], own: str | None) -> str:
    """The medium the rules give a quotation: its rule's own (``own``), else its cue's, else
    by type (Speech for a direct quotation, SW for the others)."""
    if own:
        return own
    if cue:
        return medium_of(_join(text, cue))
    return "Speech" if qtype == "Direct" else "SW"


def quote_medium(
    text: str, qtype: str, cue: Sequence[Span], speaker: Sequence[Span], own: str | None,
    model: MediumModel | None = None,
) -> str:
    """The medium of one quotation: :func:`rule_medium`, corrected by ``model`` if given.

    Args:
        text: the document text; spans are character offsets into it.
        qtype: the quotation type (Direct, Indirect, …).
        cue, speaker: character spans of the quotation's cue and speaker.
        own: the medium the rule that found the quotation gave it, if any.
        model: the learned medium classifier (:func:`load_medium_model`).

    Returns:
        A medium label of the data contract.
    """
    medium = rule_medium(text, qtype, cue, own)
    if model is not None:
        medium = model.predict(medium_features(text, qtype, cue, speaker, medium))
    return medium

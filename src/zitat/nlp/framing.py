"""How a quotation is framed: the class of its cue word and the mood of indirect speech.

* **cue class** — what the reporting verb says about the statement: ``neutral`` (`sagte`,
  `erklärte`), ``distancing`` (`behauptete`), ``conceding`` (`räumte ein`, `gab zu`),
  ``emphatic`` (`betonte`, `unterstrich`), ``critical`` (`kritisierte`, `warnte`),
  ``demanding`` (`forderte`), ``announcing`` (`kündigte an`, `versprach`), ``denying``
  (`bestritt`, `dementierte`), ``thinking`` (`glaubt`, `hofft`), ``attribution`` (`laut`,
  `zufolge`: no verb), else ``other`` — the ``class`` column of the single cue lexicon
  ``nlp/data/cues.tsv``, looked up by :func:`zitat.nlp.cues.cue_class`.
* **mood** — for indirect speech only: ``konjunktiv`` when the reported clause has a
  Konjunktiv form (`sei`, `habe`, `würde`, `er plane`), else ``indicative``.
* **mode** — ``direct``, ``indirect`` (also free indirect) or ``reported`` from the type.
"""

from __future__ import annotations

import re

from zitat.nlp.cues import CUE_CLASSES, KONJUNKTIV, cue_class, konjunktiv_i_after_subject
from zitat.schema import Quote

_WORD = re.compile(r"\w+")

__all__ = ["CUE_CLASSES", "cue_class", "mode_of", "mood_of", "with_framing"]


def mode_of(quote_type: str) -> str:
    """``direct``, ``indirect`` or ``reported`` for a quotation type."""
    if quote_type == "Direct":
        return "direct"
    if quote_type == "Reported":
        return "reported"
    return "indirect"


def mood_of(quote: Quote) -> str | None:
    """``konjunktiv`` or ``indicative`` for indirect speech, ``None`` for other modes."""
    if mode_of(quote.type) != "indirect":
        return None
    words = _WORD.findall(quote.text)
    if any(w.casefold() in KONJUNKTIV for w in words):
        return "konjunktiv"
    # `dass er plane …`: the clause after the conjunction
    start = 1 if words and words[0].casefold() in ("dass", "ob", "wie", "weil") else 0
    if konjunktiv_i_after_subject(words[start:start + 3]):
        return "konjunktiv"
    return "indicative"


def with_framing(quotes: list[Quote]) -> list[Quote]:
    """The quotes with their cue class and mood filled in."""
    return [
        q.model_copy(update={"cue_class": cue_class(q.cue.text if q.cue else None),
                             "mood": mood_of(q)})
        for q in quotes
    ]

"""German temporal expressions, normalised against the article date: ``zitat_timex``.

Values follow TIMEX3 (``2022-03-03``, ``2022-03``, ``2022-W09``, ``2022-SU``, ``P3W``,
``XXXX-WXX-1``, ``2022-03-03T14:30``); the rules live in :mod:`zitat.nlp.timex_rules`.

Relative expressions are resolved **at the article date's precision**: with ``2022-03-10``
`an diesem Donnerstag` is ``2022-03-10``; with ``2022-03`` it is ``2022-03-WXX-4`` (a
Thursday in March, granularity ``weekday-in-month``); `gestern` with a month-only date
stays ``2022-03`` (granularity ``month``), never a made-up day; without any date the value
is underspecified (``XXXX-…``) or None, and the expression is still listed.

Two reference modes:

* **news** (default): every relative expression is resolved against the article date.
* **narrative** (``narrative=True``, for histories and backgrounders): the reference date
  is the last explicit date mentioned so far (``Am 1. September 1939 … Zwei Tage später …
  am 3. September``); a month or day without a year takes the reference year. ``heute``
  still means the time of writing (the article date).
"""

from __future__ import annotations

import logging
import re

from spacy.language import Language
from spacy.tokens import Doc

from zitat.errors import LimitError
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text  # (importing registers doc._.times)
from zitat.nlp.sentences import rough_sentence_starts
from zitat.nlp.timex_rules import GATES, RULES, Anchor, Context, Rule, sentence_tense
from zitat.schema import TimeExpr

log = logging.getLogger(__name__)

_DATE_VALUE = re.compile(r"^(?:BC)?\d{4}(?:-\d{2}(?:-\d{2})?)?(?:T|$)")


def _in_parentheses(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits inside a parenthesis on its line."""
    opening = text.rfind("(", max(0, start - 80), start)
    if opening < 0 or text.rfind(")", opening, start) >= 0 or "\n" in text[opening:start]:
        return False
    closing = text.find(")", end, end + 80)
    return closing >= 0 and "(" not in text[end:closing] and "\n" not in text[end:closing]


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str], Rule]]:
    found = []
    for order, (name, pattern, rule) in enumerate(RULES):
        gate = GATES.get(name)
        if gate is not None and gate.search(text) is None:
            continue
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, name, m, rule))
    # leftmost, then longest, then the rule listed first
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    return found


def find_times(text: str, anchor: str | None, *, narrative: bool = False) -> list[TimeExpr]:
    """Temporal expressions of ``text``, normalised against ``anchor`` (the article date).

    Args:
        text: article text.
        anchor: the article date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None.
        narrative: resolve relative expressions against the last explicit date mentioned
            (histories) instead of the article date (news).

    Returns:
        Non-overlapping expressions in text order. ``anchor`` of each is the reference
        date the value was resolved against, at its precision.
    """
    dct = Anchor.parse(anchor)
    ref = dct
    bounds = rough_sentence_starts(text)
    out: list[TimeExpr] = []
    last_end = -1
    sent_i = 0
    tense_cache: dict[int, int] = {}
    for start, end, _order, name, m, rule in _candidates(text):
        if start < last_end:
            continue
        while sent_i + 1 < len(bounds) and bounds[sent_i + 1] <= start:
            sent_i += 1
        if sent_i not in tense_cache:
            s_end = bounds[sent_i + 1] if sent_i + 1 < len(bounds) else len(text)
            tense_cache[sent_i] = sentence_tense(text[bounds[sent_i]:s_end])
        ctx = Context(ref=ref, dct=dct, tense=tense_cache[sent_i], narrative=narrative)
        try:
            result = rule(m, ctx)
        except (KeyError, ValueError, OverflowError):
            log.debug("timex rule %s failed on %r", name, m.group(0))
            continue
        if result is None:
            continue
        surface = text[start:end]
        lead = len(surface) - len(surface.lstrip())
        surface = surface.strip()
        out.append(TimeExpr(
            text=surface, span=(start + lead, start + lead + len(surface)),
            type=result.type,  # type: ignore[arg-type]
            value=result.value, granularity=result.granularity, anchor=ref.text, rule=name,
        ))
        last_end = end
        if (narrative and result.explicit and result.value and _DATE_VALUE.match(result.value)
                and not _in_parentheses(text, start, end)):
            # a date in parentheses is an aside ("die Balkankriege (1912/13)"), not a step
            # of the narrative, so it does not move the reference date
            ref = Anchor.parse(result.value)
    return out


class TimexTagger:
    """Sets ``doc._.times`` from the text and ``doc._.article_date``."""

    def __init__(self, name: str, narrative: bool = False) -> None:
        self.name = name
        self.narrative = narrative

    def __call__(self, doc: Doc) -> Doc:
        check_deadline()
        try:
            doc._.times = find_times(doc_text(doc), doc._.article_date, narrative=self.narrative)
        except LimitError:  # the article's deadline: it is rejected, not half-analysed
            raise
        except Exception:  # per-document boundary: a bad article must not stop the batch
            log.exception("temporal tagging failed")
            doc._.times = []
        return doc


@Language.factory(
    "zitat_timex",
    default_config={"narrative": False},
    assigns=["doc._.times"],
)
def make_timex_tagger(nlp: Language, name: str, narrative: bool) -> TimexTagger:
    """Factory of the ``zitat_timex`` component.

    Args:
        nlp: the pipeline.
        name: component name.
        narrative: resolve against the last mentioned date instead of the article date.

    Returns:
        The component.
    """
    return TimexTagger(name, narrative=narrative)

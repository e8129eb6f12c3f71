"""Quotation detection and role attribution: the ``zitat_quotes`` component.

Rules that are reliable in German news: text in quotation marks with a cue verb and a
speaker next to it (direct), clauses governed by a cue verb (`sagte, dass …`, `erklärte,
man werde …`), prepositional attributions (`laut X`, `X zufolge`, `nach Angaben von X`,
`wie X mitteilte`), and Konjunktiv sentences that continue a report.

The package, in the order a document goes through it:

* :mod:`.direct` — quotations in marks and their attribution (table ``ATTRIBUTIONS``);
* :mod:`.indirect` — the sentence rules (tables ``RULES_FREE``, ``RULES_AROUND_DIRECT``);
* :mod:`.continued` — continuations, nested phrases, the speaker carried over;
* :mod:`.learned` — the trained taggers where no rule fired;
* :mod:`.roles` — speaker, addressee, cue and frame, used by all of the above;
* :mod:`.spans` — the shared helpers.

Every quotation names the rule that found it (``Quote.rule``, one of :data:`RULE_NAMES`).
Cue words come from the lexicon (:mod:`zitat.nlp.cues`), the medium from
:mod:`zitat.nlp.medium`.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from zitat.errors import LimitError
from zitat.nlp.confidence import Calibrator, calibrate, load_calibrator
from zitat.nlp.cues import is_cue_word, is_particle
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.nlp.medium import MediumModel, load_medium_model, quote_medium
from zitat.nlp.quote_model import tag_quotes_many
from zitat.nlp.quotes.continued import (
    CONTINUED,
    NESTED,
    continue_last_speaker,
    continued_quotes,
    inherit_from_previous,
    mark_nesting,
    nested_phrases,
    subject_before_direct,
)
from zitat.nlp.quotes.direct import ATTRIBUTIONS, UNATTRIBUTED, direct_quotes
from zitat.nlp.quotes.indirect import (
    DIES_REPORT,
    RULES_AROUND_DIRECT,
    RULES_FREE,
    indirect_quotes,
)
from zitat.nlp.quotes.learned import LEARNED, learned_from_tags, learned_input
from zitat.nlp.quotes.roles import (
    addressee_after,
    addressee_near_cue,
    complete_cue,
    final_frame,
    frame_with_punctuation,
    plausible_speaker,
    speaker_after,
    speaker_before,
    subject_of_sentence,
)
from zitat.nlp.quotes.spans import Found, Span, role_of
from zitat.schema import Quote

__all__ = [
    "RULE_NAMES", "QuoteFinder", "addressee_after", "continued_quotes", "direct_quotes",
    "find_quotes", "find_quotes_many", "finish_quotes", "indirect_quotes", "learned_from_tags",
    "learned_input", "make_quote_finder", "nested_phrases", "rule_quotes", "speaker_after",
    "speaker_before",
]

log = logging.getLogger(__name__)

#: every name ``Quote.rule`` can carry, in the order the rules are tried: the attributions of
#: quotations in marks, then the sentence rules, then continuations, nested phrases and the
#: trained taggers
RULE_NAMES: tuple[str, ...] = (
    *(name for name, _ in ATTRIBUTIONS), UNATTRIBUTED, DIES_REPORT,
    *dict.fromkeys(rule.name for rule in (*RULES_FREE, *RULES_AROUND_DIRECT)),
    CONTINUED, NESTED, LEARNED,
)


def find_quotes(
    doc: Doc,
    taggers: tuple[Language, Language] | None = None,
    min_conf: float = 0.6,
    medium_model: MediumModel | None = None,
) -> list[Quote]:
    """All quotations of ``doc`` as contract records, in text order.

    Args:
        doc: a Doc with sentence boundaries.
        taggers: the trained quotation taggers; without them only the rules run.
        medium_model: the learned medium classifier; without it the cue decides the medium.

    Returns:
        Quotes with character spans; speaker roles carry no entity id yet.
    """
    if taggers is None:
        direct, _, others, _ = rule_quotes(doc)
        return finish_quotes(doc, direct, others, medium_model)
    return find_quotes_many([doc], taggers, min_conf, medium_model)[0]


def find_quotes_many(
    docs: list[Doc], taggers: tuple[Language, Language] | None = None,
    min_conf: float = 0.6, medium_model: MediumModel | None = None,
) -> list[list[Quote]]:
    """:func:`find_quotes` for a batch of Docs, the trained taggers run once on all."""
    stages = [rule_quotes(doc) for doc in docs]
    if taggers is not None:
        inputs = [learned_input(doc, [*taken, *(sp for q in others for sp in q.spans)])
                  for doc, (_, _, others, taken) in zip(docs, stages, strict=True)]
        tagged = iter(tag_quotes_many([x[0] for x in inputs if x is not None], taggers))
        for doc, (_, titles, others, taken), scratch in zip(docs, stages, inputs, strict=True):
            if scratch is not None:
                # the tagger only adds quotations where no rule fired
                covered = [*taken, *(sp for q in others for sp in q.spans)]
                others += [f for f in learned_from_tags(doc, next(tagged), scratch[1], covered,
                                                        titles) if f.confidence >= min_conf]
    return [finish_quotes(doc, direct, others, medium_model)
            for doc, (direct, _, others, _) in zip(docs, stages, strict=True)]


def rule_quotes(doc: Doc) -> tuple[list[Found], list[Span], list[Found], list[Span]]:
    """The rules' quotations: (direct ones, titles in marks, all others, spans taken)."""
    direct, titles = direct_quotes(doc)
    taken = [sp for q in direct for sp in q.spans]
    others = indirect_quotes(doc, taken)
    taken += [sp for q in others for sp in q.spans]
    others += continued_quotes(doc, direct + others, taken)
    return direct, titles, others, taken


def _containment(spans: list[Span]) -> Callable[[Span], bool]:
    """A test whether a span lies inside one of ``spans``, in O(log n) per question
    (a scan of all spans per quotation was quadratic: issue 24, finding 3)."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))  # the farthest end so far

    def inside(span: Span) -> bool:
        k = bisect_right(starts, span[0])  # spans starting at or before span
        return k > 0 and reach[k - 1] >= span[1]
    return inside


def finish_quotes(doc: Doc, direct: list[Found], others: list[Found],
                  medium_model: MediumModel | None = None) -> list[Quote]:
    """Nested phrases, speaker checks, frames, media and ids: the contract records."""
    text = doc_text(doc)
    others += nested_phrases(doc, others, [sp for q in direct for sp in q.spans])
    everything = sorted(direct + others, key=lambda f: f.spans[0][0])
    # a title in marks that names another quotation's source (`Wie „heise online“
    # berichtet`, `laut einem Artikel von „BBC News“`) is not a quotation itself
    inside_source = _containment([sp for f in everything for sp in f.speaker + f.addressee])
    everything = [f for f in everything if not (f.type == "Direct" and len(f.spans) == 1
                                                and inside_source(f.spans[0]))]
    starts = [f.spans[0][0] for f in everything]
    for f in everything:
        if f.speaker and not plausible_speaker(doc, f.speaker):
            f.speaker = []
        if f.type == "Direct" and not f.speaker:
            subject_of_sentence(doc, f)
        if (f.cue or f.type == "Reported") and not f.addressee and f.rule != LEARNED:
            # the rules look for a speaker first; whom it was said to is read from the frame
            # around the cue, and a passive cue (`Ihm wird vorgeworfen`) corrects the speaker
            f.addressee, speaker = addressee_near_cue(doc, f)
            if speaker is not None:
                f.speaker = speaker
        f.frame = [frame_with_punctuation(text, span, f.spans) for span in f.frame]
        if f.frame and f.frame[-1][0] >= f.spans[-1][1]:
            f.frame[-1] = final_frame(doc, f.frame[-1], starts)
        if f.cue and f.frame and not any(is_particle(text[a:b].lower()) for a, b in f.cue):
            # `teilte … mit`: the particle at the frame's end belongs to the cue verb
            tail = re.search(r"\b(\w+)\W*$", text[f.frame[-1][0]:f.frame[-1][1]])
            if tail and is_particle(tail.group(1).lower()) and f.cue[-1][1] < \
                    f.frame[-1][0] + tail.start(1) and is_cue_word(text[f.cue[0][0]:f.cue[0][1]]):
                at = f.frame[-1][0] + tail.start(1)
                f.cue = [*f.cue, (at, at + len(tail.group(1)))]
        f.cue = complete_cue(doc, f.cue)
    continue_last_speaker(everything)
    inherit_from_previous(text, everything)
    subject_before_direct(doc, everything)
    quotes = []
    for i, f in enumerate(everything, start=1):
        cue = role_of(text, f.cue)
        medium = quote_medium(text, f.type, f.cue, f.speaker, f.medium, medium_model)
        quotes.append(Quote(
            id=f"q{i}", type=f.type,  # type: ignore[arg-type]
            medium=medium,  # type: ignore[arg-type]
            text=" … ".join(text[s:e] for s, e in f.spans), spans=f.spans, cue=cue,
            speaker=role_of(text, f.speaker), addressee=role_of(text, f.addressee),
            frame=role_of(text, f.frame), confidence=f.confidence, rule=f.rule,
        ))
    return mark_nesting(quotes)


class QuoteFinder:
    """Sets ``doc._.quotes``; never fails a document (errors are logged, quotes left empty)."""

    def __init__(self, name: str, use_model: bool = True, use_medium_model: bool = True,
                 use_calibration: bool = True) -> None:
        from zitat.nlp.quote_model import load_taggers

        self.name = name
        self.taggers = load_taggers() if use_model else None
        self.medium_model = load_medium_model() if use_medium_model else None
        #: the confidence model (:mod:`zitat.nlp.confidence`); None keeps the rules' scores
        self.calibrator: Calibrator | None = load_calibrator() if use_calibration else None

    def __call__(self, doc: Doc) -> Doc:
        check_deadline()
        try:
            doc._.quotes = calibrate(doc_text(doc), find_quotes(
                doc, self.taggers, medium_model=self.medium_model), self.calibrator)
        except LimitError:  # the article's deadline: it is rejected, not half-analysed
            raise
        except Exception:  # per-document boundary: a rule bug must not lose the article
            log.exception("quotation rules failed on a document of %d characters", len(doc_text(doc)))
            doc._.quotes = []
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        """The quotations of a stream of Docs, the taggers run once per batch."""
        for batch in minibatch(docs, batch_size):
            check_deadline()
            try:
                found = find_quotes_many(batch, self.taggers, medium_model=self.medium_model)
            except LimitError:
                raise
            except Exception:  # find the document at fault, one by one
                log.exception("quotation batch failed; retrying its %d documents", len(batch))
                yield from (self(doc) for doc in batch)
                continue
            for doc, quotes in zip(batch, found, strict=True):
                doc._.quotes = calibrate(doc_text(doc), quotes, self.calibrator)
            yield from batch


@Language.factory(
    "zitat_quotes",
    default_config={"use_model": True, "use_medium_model": True, "use_calibration": True},
    requires=["doc.sents"],
    assigns=["doc._.quotes"],
)
def make_quote_finder(
    nlp: Language, name: str, use_model: bool, use_medium_model: bool, use_calibration: bool = True,
) -> QuoteFinder:
    """Factory of the ``zitat_quotes`` component.

    ``use_model=False`` runs the rules only; ``use_medium_model=False`` lets the cue alone
    decide the medium (how the medium classifier's training data is made);
    ``use_calibration=False`` keeps the rules' raw scores as confidence (how the confidence
    model's training data is made).
    """
    return QuoteFinder(name, use_model=use_model, use_medium_model=use_medium_model,
                       use_calibration=use_calibration)

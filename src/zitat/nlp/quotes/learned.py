"""The trained quotation taggers (:mod:`zitat.nlp.quote_model`) where no rule fired: which
sentences they read, and their tags turned into quotations (rule name :data:`LEARNED`)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from zitat.nlp.cues import KONJUNKTIV, SPEECH_SIGNALS
from zitat.nlp.extensions import doc_text
from zitat.nlp.quote_model import TaggedQuote, sub_doc
from zitat.nlp.quotes.spans import (
    Found,
    Span,
    SpanSet,
    nearest_group,
    token_groups,
)

#: rule name of the quotations the taggers find
LEARNED = "learned-tagger"
#: Konjunktiv forms and the lexicon's speech signals (`soll`, `laut`), one set: checked on
#: every token of the sentences the rules left
_SIGNALS = KONJUNKTIV | SPEECH_SIGNALS


def speech_signal(sent: SpacySpan) -> bool:
    """A Konjunktiv form, reportative `sollen` or an attribution word.

    Sentences with only a cue word or a quote mark are left to the rules: on dev the
    taggers added nothing there (Joint 67.8 with them, 67.9 without) and they cost a
    quarter of the quotation step."""
    for t in sent:
        w = t.lower_
        # the word list, not is_konjunktiv(): as many sentences are found and the
        # morphology look-ups on every token cost a third of the quotation step
        if w in _SIGNALS:
            return True
    return False


def learned_input(doc: Doc, taken: list[Span]) -> tuple[Doc, list[int]] | None:
    """What the trained taggers read: a scratch Doc of the sentences that no rule-found
    quotation covers and that carry some sign of reported speech, with their token
    indices in ``doc``; None when there is no such sentence."""
    # the taggers cost as much as the whole core pipeline, so they only see sentences
    # that no rule explained
    taken_set = SpanSet(taken)  # bisect per sentence, not a scan of every quote
    picked = [sent for sent in doc.sents
              if not taken_set.overlaps((sent.start_char, sent.end_char))
              and speech_signal(sent)]
    if not picked:
        return None
    index = [t.i for sent in picked for t in sent]
    return sub_doc(doc, index), index


def learned_from_tags(doc: Doc, tagged: list[TaggedQuote], index: list[int],
                      taken: list[Span], titles: list[Span]) -> list[Found]:
    """:func:`learned_quotes` from the taggers' output on :func:`learned_input`."""
    found = []
    taken_set, title_set = SpanSet(taken), SpanSet(titles)
    for tq in tagged:
        tq.tokens = [index[i] for i in tq.tokens]
        tq.roles = {role: [index[i] for i in idx] for role, idx in tq.roles.items()}
        spans = token_groups(doc, tq.tokens)
        if taken_set.overlaps((spans[0][0], spans[-1][1])):
            continue
        if tq.type == "Direct" and (title_set.overlaps((spans[0][0], spans[-1][1])) or not any(
                c in doc_text(doc)[a:b] for a, b in spans for c in "„“\"»«")):
            continue  # a direct quotation without quotation marks is a tagger slip
        qtoks = [doc[i] for i in tq.tokens]
        if tq.type != "Direct" and not any(t.pos_ in ("VERB", "AUX") for t in qtoks):
            continue  # reported content is a clause; `an den Plänen` is a fragment
        if tq.type == "Reported":
            sent = qtoks[0].sent
            words = [t for t in sent if not t.is_punct]
            if len([t for t in qtoks if not t.is_punct]) < 0.6 * len(words):
                continue  # a report is its whole sentence
        anchor = (spans[0][0], spans[-1][1])
        cue = token_groups(doc, tq.roles.get("CUE", []))
        speaker = nearest_group(token_groups(doc, tq.roles.get("SPK", [])), anchor)
        addressee = nearest_group(token_groups(doc, tq.roles.get("ADR", [])), anchor)
        frame_tokens = [i for tag in ("FRM", "CUE", "SPK", "ADR") for i in tq.roles.get(tag, [])]
        frame = token_groups(doc, frame_tokens)
        found.append(Found(type=tq.type, spans=spans, cue=cue, speaker=speaker,
                           addressee=addressee, frame=frame, rule=LEARNED,
                           confidence=0.5 + 0.4 * tq.confidence))
    return found

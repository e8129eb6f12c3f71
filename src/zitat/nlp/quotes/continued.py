"""Quotations that continue or nest in others: Konjunktiv sentences continuing a report,
short quoted phrases inside a report, the speaker carried over to a continuation, and the
``nested_in`` link of a direct quotation inside a reported one."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate

from spacy.tokens import Doc

from zitat.nlp.cues import (
    is_konjunktiv,
)
from zitat.nlp.deadline import check_deadline
from zitat.nlp.extensions import doc_text
from zitat.nlp.medium import continued_medium
from zitat.nlp.quotes.roles import clause_subject
from zitat.nlp.quotes.spans import (
    PRONOUNS,
    Found,
    Span,
    SpanSet,
    is_name_in_marks,
    marked_spans,
    overlaps,
    sentences_of,
    strip_span,
    titled_by_noun,
    tokens_in,
)
from zitat.nlp.sentences import boundary_near
from zitat.schema import Quote

#: rule names of the quotations found here
CONTINUED = "continued-konjunktiv"  # a Konjunktiv sentence after a report, without a cue
#: the same after a sentence whose subject speaks now (`X bedauerte die Entscheidung. Es
#: seien Fehler gemacht worden.`)
CONTINUED_SUBJECT = "continued-subject"
NESTED = "nested-phrase"  # a short phrase in marks inside a report


def continued_quotes(doc: Doc, found: list[Found], taken: list[Span]) -> list[Found]:
    """Konjunktiv sentences without a cue that continue the previous report."""
    text = doc_text(doc)
    out: list[Found] = []
    ordered = sorted(found, key=lambda f: f.spans[0][0])
    taken_set = SpanSet(taken)  # bisect per sentence (issue 24, finding 3)
    quoted = SpanSet(taken + [sp for f in found for sp in f.spans])
    last_sentence: Span | None = None  # the sentence before, when no quotation touches it
    for s, e in sentences_of(doc):
        check_deadline()
        before = last_sentence
        last_sentence = None if quoted.overlaps((s, e)) else (s, e)
        if taken_set.overlaps((s, e)):
            continue
        toks = tokens_in(doc, s, e)
        if not any(is_konjunktiv(t) for t in toks[:12]) or len(toks) < 4:
            continue
        if any(t.lower_ in ("ich", "wir", "du") or (t.lower_ == "ihr" and t.pos_ == "PRON")
               for t in toks):
            continue  # first or second person: a direct quotation without marks, not a report
        if toks[0].lower_ in ("ich", "wir") or toks[0].text.startswith(("„", '"', "»")):
            continue
        previous = [f for f in ordered + out if f.spans[-1][1] <= s and s - f.spans[-1][1] < 600]
        if not previous:
            continue
        prev = previous[-1]
        qs, qe = strip_span(text, s, e)
        speaker, rule = list(prev.speaker), CONTINUED
        if before is not None and prev.spans[-1][1] <= before[0]:
            # `Die Wahlkommission hat den Termin festgelegt. Mögliche Termine seien …`: a
            # sentence between the report and this one names who speaks now
            subject = clause_subject(doc, tokens_in(doc, *before))
            # a pronoun there most often takes up the speaker before: keep the name
            if subject and not (speaker and text[slice(*subject[0])].lower() in PRONOUNS):
                speaker, rule = subject, CONTINUED_SUBJECT
        out.append(Found(type="IndirectFreeIndirect", spans=[(qs, e if text[e - 1:e] == "." else qe)],
                         speaker=speaker, confidence=0.5, rule=rule,
                         medium=continued_medium(text, prev.medium, prev.cue)))
    return out


def nested_phrases(doc: Doc, reports: list[Found], direct: list[Span]) -> list[Found]:
    """Short quoted phrases inside a reported quotation (`Er warnte vor einer „tiefen
    Spaltung“ des Landes`): direct quotations nested in the report, with its cue, speaker
    and frame. Single words in marks are mostly scare quotes and stay out; longer phrases
    are found as quotations on their own."""
    text = doc_text(doc)
    out: list[Found] = []
    for m in marked_spans(doc):
        words = text[m.inner[0]:m.inner[1]].split()
        if m.depth or not 2 <= len(words) <= 3 or is_name_in_marks(words) or \
                overlaps((m.start, m.end), direct) or \
                titled_by_noun(doc, m.start, text[m.inner[0]:m.inner[1]]):
            continue
        parent = next((f for f in reports if f.type != "Direct" and
                       any(a <= m.start and m.end <= b for a, b in f.spans)), None)
        if parent is not None:
            out.append(Found(type="Direct", spans=[(m.start, m.end)], cue=list(parent.cue),
                             speaker=list(parent.speaker), frame=list(parent.frame),
                             confidence=0.5, rule=NESTED))
    return out


def continue_last_speaker(found: list[Found]) -> None:
    """A Konjunktiv continuation belongs to the speaker of the quote right before it. The
    rules chose that speaker before the learned tagger added its quotations (a quote with
    a missing opening mark, a report the rules missed); this re-reads it on the whole list,
    in text order, so that the current speaker drives the continuation, not an earlier one."""
    last: Found | None = None
    for f in sorted(found, key=lambda g: g.spans[0][0]):
        if f.rule == CONTINUED and last is not None and \
                last.spans[-1][1] <= f.spans[0][0]:
            f.speaker = list(last.speaker)
        if f.speaker:
            last = f


def subject_before_direct(doc: Doc, found: list[Found]) -> None:
    """A quotation that stands alone right after a sentence about someone (`Khan
    verurteilte die Haltung der Regierung. „Diese Regierung hat …“`) is that sentence's
    subject's: the speaker of the report the sentence is, or, when it is no quotation, its
    subject when that can speak."""
    text = doc_text(doc)
    by_end = sorted(found, key=lambda g: g.spans[-1][1])
    ends = [g.spans[-1][1] for g in by_end]
    spans = SpanSet([sp for f in found for sp in f.spans])
    for f in found:
        if f.type != "Direct" or f.speaker or f.cue:
            continue
        start = f.spans[0][0]
        if text[max(0, start - 2):start].strip() not in ("", ".", "!", "?"):
            continue  # not at a sentence start
        # the quotation ending right before this one (bisected: issue 24, finding 3)
        prev = [g for g in by_end[bisect_left(ends, start - 3):bisect_right(ends, start)]
                if g is not f]
        if prev and prev[-1].speaker and prev[-1].type != "Direct":
            f.speaker = list(prev[-1].speaker)
            continue
        before = boundary_near(text, max(0, start - 2), -1)
        if start - before < 10 or spans.overlaps((before, start - 1)):
            continue
        f.speaker = clause_subject(doc, tokens_in(doc, before, start))


def first_containing(items: list[Found]) -> Callable[[int], Found | None]:
    """A look-up of the first of ``items`` (in text order) whose span holds a position: by
    bisection over their starts and the running maximum of their ends, not a scan per
    question (issue 24, finding 3)."""
    ordered = sorted(items, key=lambda g: g.spans[0][0])
    starts = [g.spans[0][0] for g in ordered]
    reach = list(accumulate((g.spans[-1][1] for g in ordered), max))

    def find(pos: int) -> Found | None:
        k = bisect_right(starts, pos)  # those starting at or before pos
        i = bisect_right(reach, pos, 0, k)  # the first of them reaching past pos
        return ordered[i] if i < k else None

    return find


#: how far (characters) a quote may follow the previous one to continue its speaker's turn
_NEAR = 300


def inherit_from_previous(text: str, found: list[Found]) -> None:
    """Continuation quotes without a speaker take the previous quote's speaker and medium."""
    framed_report = first_containing([g for g in found if g.type != "Direct" and g.frame])
    prev: Found | None = None
    for f in found:
        if f.type in ("IndirectFreeIndirect", "FreeIndirect") and not f.speaker and prev:
            f.speaker = list(prev.speaker)
            f.medium = f.medium or continued_medium(text, prev.medium, prev.cue)
        elif f.type == "Direct" and not f.speaker:
            # a quoted phrase inside a report belongs to that report's speaker; a quote
            # right after another direct quote continues that speaker's turn
            inside = [g for g in found if g is not f and g.speaker
                      and g.spans[0][0] <= f.spans[0][0] < g.spans[-1][1]]
            source = inside[0] if inside else prev
            if source is not None and (inside or (
                    source.type == "Direct" and f.spans[0][0] - source.spans[-1][1] < _NEAR)):
                f.speaker = list(source.speaker)
            if inside and not f.cue:
                f.cue = list(inside[0].cue)  # the report's verb introduces the phrase too
                f.frame = f.frame or list(inside[0].frame)
        elif f.type == "Direct" and not f.frame:
            # its speaker found in its own sentence (`X erklärte, …„…“`): the report around
            # it has the frame
            report = framed_report(f.spans[0][0])
            start = f.spans[0][0]
            if report is not None:
                f.frame = list(report.frame)
            elif f.speaker and (b := boundary_near(text, start, -1)) <= f.speaker[0][0] < start:
                # `Der Landrat bezeichnete die Pläne als „…“`: the clause before the phrase
                f.frame = [strip_span(text, b, start)]
        if f.speaker:
            prev = f


def mark_nesting(quotes: list[Quote]) -> list[Quote]:
    """Direct quotes lying inside a reported quotation get that quotation as parent."""
    out = []
    reported = [p for p in quotes if p.type != "Direct"]
    starts = [p.spans[0][0] for p in reported]
    # In text order (as finish_quotes gives them) the first reported quotation that
    # contains q is the first whose end reaches q's: found by bisecting the running
    # maximum of the ends, not by a scan per quote (issue 24, finding 3).
    in_order = starts == sorted(starts)
    reach = list(accumulate((p.spans[-1][1] for p in reported), max))
    for q in quotes:
        parent: Quote | None = None
        if q.type == "Direct" and in_order:
            k = bisect_right(starts, q.spans[0][0])  # reported quotations starting before q
            i = bisect_left(reach, q.spans[-1][1], 0, k)
            parent = reported[i] if i < k else None
        elif q.type == "Direct":
            parent = next((p for p in reported if p.spans[0][0] <= q.spans[0][0]
                           and q.spans[-1][1] <= p.spans[-1][1]), None)
        out.append(q.model_copy(update={"nested_in": parent.id}) if parent else q)
    return out

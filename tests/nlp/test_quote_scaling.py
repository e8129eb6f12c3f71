"""The pipeline scales with the number of quotes (issue 24, finding 3).

An article of thousands of short quotes (``„Ja“, sagte er.`` again and again) used to
cost time quadratic in their number: per sentence, the rules summed over every quote of
the document, and per quote the place and attribute steps scanned every place and quote.
Four times the quotes must cost about four times the time (n log n: under 5x), never the
sixteen times of a quadratic step; the bound of 9x leaves room for noise. Times are CPU
times of this process, compared as a ratio: no absolute limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from zitat.nlp.extensions import register_extensions
from zitat.nlp.places import quote_places
from zitat.nlp.quotes import find_quotes
from zitat.nlp.quotes.spans import SpanSet, outside, overlaps
from zitat.nlp.speaker_attributes import with_attributes
from zitat.schema import Entity, Place, Quote, Role

#: the growth allowed for four times the input: n log n is under 5, quadratic 16
MAX_RATIO = 9.0


def _cpu(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def _ratio(run: Callable[[int], object], n: int) -> tuple[float, float]:
    """CPU time of ``run(n)`` and ``run(4n)`` (each the best of two, against noise)."""
    run(n // 10)  # warm up: imports, lexicons, caches
    small = min(_cpu(lambda: run(n)) for _ in range(2))
    large = min(_cpu(lambda: run(4 * n)) for _ in range(2))
    return small, large


def test_quote_rules_are_not_quadratic_in_the_number_of_quotes():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    register_extensions()
    counts = []

    def run(n: int) -> None:
        found = find_quotes(nlp(" ".join(["„Ja“, sagte er."] * n)))  # the rules alone
        counts.append((n, len(found)))

    small, large = _ratio(run, 1500)
    assert (1500, 1500) in counts and (6000, 6000) in counts
    assert large < MAX_RATIO * small, (small, large)


def _article_parts(n: int) -> tuple[str, list[Quote], list[Place], list[Entity]]:
    """``n`` times `Müller{i} kam. „Wir bleiben hier“, sagte er in Berlin.`, analysed by
    hand: a quote, its speaker entity (by the pronoun) and a place each."""
    text, quotes, places, entities = "", [], [], []
    for i in range(n):
        sent = f"Müller{i} kam. „Wir bleiben hier“, sagte er in Berlin. "
        base = len(text)
        text += sent

        def at(part: str, base: int = base, sent: str = sent) -> tuple[int, int]:
            return base + sent.index(part), base + sent.index(part) + len(part)
        quotes.append(Quote(id=f"q{i}", type="Direct", text="„Wir bleiben hier“",
                            spans=[at("„Wir bleiben hier“")], cue=Role(text="sagte",
                                                                         spans=[at("sagte")]),
                            speaker=Role(text="er", spans=[at(" er ")], entity=f"e{i}")))
        places.append(Place(text="Berlin", span=at("Berlin"), name="Berlin", feature="city"))
        entities.append(Entity(id=f"e{i}", label="PER", name=f"Müller{i}",
                               mentions=[at(f"Müller{i}")]))
    return text, quotes, places, entities


def test_quote_places_look_only_near_each_quote():
    """Every quote used to look at every place of the article."""
    found = []
    parts = {n: _article_parts(n) for n in (100, 1000, 4000)}  # built outside the timing

    def run(n: int) -> None:
        text, quotes, places, _ = parts[n]
        found.append(sum(q.place == "Berlin" for q in quote_places(text, quotes, places)))

    small, large = _ratio(run, 1000)
    assert 4000 in found  # every quote said in Berlin
    assert large < MAX_RATIO * small, (small, large)


def test_speaker_attributes_read_only_the_entitys_quotes():
    """Every entity used to read every quote of the article."""
    def run(n: int) -> None:
        text, quotes, _, entities = _article_parts(n)
        out = with_attributes(text, entities, quotes)
        assert all(e.gender and e.gender.value == "m" for e in out)  # by the pronoun

    small, large = _ratio(run, 1000)
    assert large < MAX_RATIO * small, (small, large)


_spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=12)


@settings(max_examples=300, deadline=None)
@given(_spans, st.tuples(st.integers(0, 60), st.integers(0, 60)), _spans)
def test_span_set_answers_as_the_scan_does(taken, span, several):
    """Overlapping, nested, repeated, empty and even inverted spans: the bisecting
    SpanSet gives exactly the answers of the scans it replaces."""
    spans = SpanSet(taken)
    assert spans.overlaps(span) == overlaps(span, taken)
    assert spans.covered(*span) == sum(max(0, min(span[1], b) - max(span[0], a))
                                       for a, b in taken)
    assert spans.outside(several) == outside(several, taken)

"""Doc → Article conversion: entity clean-up against the resolved places."""

from __future__ import annotations

from tests.conftest import span_of
from zitat.nlp.convert import places_as_locations
from zitat.schema import Entity, Place, Quote, Role

TEXT = "Moldau bittet um Hilfe. „Wir sind bereit“, sagte Radu Ciobanu in Chișinău."


def _place(part: str, name: str, country: str | None) -> Place:
    return Place(text=part, span=span_of(TEXT, part), name=name, country=country)


def test_silent_person_that_is_a_place_becomes_location():
    moldau = Entity(id="e1", label="PER", name="Moldau", mentions=[span_of(TEXT, "Moldau")])
    ciobanu = Entity(id="e2", label="PER", name="Radu Ciobanu",
                     mentions=[span_of(TEXT, "Radu Ciobanu")])
    quote = Quote(id="q1", type="Direct", medium="Speech", text="„Wir sind bereit“",
                  spans=[span_of(TEXT, "„Wir sind bereit“")],
                  speaker=Role(text="Radu Ciobanu", spans=[span_of(TEXT, "Radu Ciobanu")],
                               entity="e2"))
    out = places_as_locations([moldau, ciobanu], [_place("Moldau", "Moldova", "MD")], [quote])
    assert [(e.name, e.label) for e in out] == [("Moldau", "LOC"), ("Radu Ciobanu", "PER")]


def test_speaking_or_unresolved_entities_keep_their_label():
    moldau = Entity(id="e1", label="ORG", name="Moldau", mentions=[span_of(TEXT, "Moldau")])
    speaking = Quote(id="q1", type="Reported", medium="Speech", text="Moldau bittet um Hilfe.",
                     spans=[span_of(TEXT, "Moldau bittet um Hilfe.")],
                     speaker=Role(text="Moldau", spans=[span_of(TEXT, "Moldau")], entity="e1"))
    assert places_as_locations([moldau], [_place("Moldau", "Moldova", "MD")],
                               [speaking])[0].label == "ORG"
    unknown = [_place("Moldau", "Moldau", None)]  # the gazetteer did not know it
    assert places_as_locations([moldau], unknown, [])[0].label == "ORG"

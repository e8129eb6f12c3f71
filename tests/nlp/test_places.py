"""Places: German exonyms, inflection, ambiguity and false-positive avoidance."""

from __future__ import annotations

import pytest
import spacy

from zitat.nlp.places import find_places


def _resolved(text, ents=()):
    return [(p.text, p.name, p.country, p.feature) for p in find_places(text, list(ents))]


@pytest.mark.parametrize(
    ("text", "surface", "name", "name_en", "country"),
    [
        ("Die Minister trafen sich in Brüssel.", "Brüssel", "Brüssel", "Brussels", "BE"),
        ("Die Regierung in Moldau bat um Hilfe.", "Moldau", "Republik Moldau", "Moldova", "MD"),
        ("Die Republik Moldau bat um Hilfe.", "Republik Moldau", "Republik Moldau", "Moldova",
         "MD"),
        ("Weißrussland schloss die Grenze.", "Weißrussland", "Belarus", "Belarus", "BY"),
        ("Belarus schloss die Grenze.", "Belarus", "Belarus", "Belarus", "BY"),
        ("Die Lage in der Ukraine bleibt angespannt.", "Ukraine", "Ukraine", "Ukraine", "UA"),
        ("Die Flüchtlinge reisten weiter nach Polen.", "Polen", "Polen", "Poland", "PL"),
        ("Washingtons Haltung ist unverändert.", "Washingtons", "Washington", "Washington", "US"),
        ("Kiews Bürgermeister warnte erneut.", "Kiews", "Kiew", "Kyiv", "UA"),
        ("Litauen verstärkt seine Truppen.", "Litauen", "Litauen", "Lithuania", "LT"),
        ("Das Parlament tagt in Straßburg.", "Straßburg", "Straßburg", "Strasbourg", "FR"),
        ("Der Gipfel findet in Den Haag statt.", "Den Haag", "Den Haag", "The Hague", "NL"),
        ("Die Delegation flog nach Chișinău.", "Chișinău", "Chisinau", "Chisinau", "MD"),
        ("Die USA kündigten Sanktionen an.", "USA", "Vereinigte Staaten", "United States", "US"),
        ("Wiens Bürgermeister lud ein.", "Wiens", "Wien", "Vienna", "AT"),
        ("Die Messe zog nach Vienna um.", "Vienna", "Wien", "Vienna", "AT"),
        ("Deutschland liefert Hilfsgüter.", "Deutschland", "Deutschland", "Germany", "DE"),
        ("Der Zug aus München hatte Verspätung.", "München", "München", "Munich", "DE"),
        ("Sie pendelt nach Zürich.", "Zürich", "Zürich", "Zürich", "CH"),
    ],
)
def test_german_names_exonyms_and_inflections(text, surface, name, name_en, country):
    found = [(p.text, p.name, p.name_en, p.country) for p in find_places(text, [])]
    assert (surface, name, name_en, country) in found


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        ("Treffen in Wien.", "Wien", 48.2, 16.4),
        ("Treffen in Deutschland.", "Deutschland", 51.2, 9.7),
        ("Treffen in Moldau.", "Republik Moldau", 47.1, 28.8),
        ("Treffen in Brüssel.", "Brüssel", 50.85, 4.35),
    ],
)
def test_german_name_comes_with_country_code_and_coordinates(text, name, lat, lon):
    (p,) = find_places(text, [])
    assert p.name == name and p.country and len(p.country) == 2
    assert abs(p.lat - lat) < 0.5 and abs(p.lon - lon) < 0.5


def test_unknown_ner_place_keeps_its_text_as_name():
    text = "Die Feier fand in Kleinostheimerfeld statt."
    s = text.index("Kleinostheimerfeld")
    (p,) = find_places(text, [(s, s + 18, "LOC")])
    assert (p.name, p.name_en, p.lat) == ("Kleinostheimerfeld", None, None)


def test_every_place_has_coordinates_and_feature():
    (p,) = find_places("Die Konferenz beginnt in Leipzig.", [])
    assert p.feature == "city" and 51 < p.lat < 52 and 12 < p.lon < 13


def test_ambiguous_name_follows_nearby_places():
    us = _resolved("Der Sturm traf Paris in Texas am frühen Morgen schwer.")
    assert ("Paris", "Paris", "US", "city") in us
    fr = _resolved("Der Gipfel in Paris war für Frankreich ein Erfolg.")
    assert ("Paris", "Paris", "FR", "city") in fr


@pytest.mark.parametrize(
    "text",
    [
        "Das Essen in der Kantine war gut.",
        "Oberbürgermeisterin Sabine Roth sprach lange.",
        "Die Halle war bis auf den letzten Platz gefüllt.",
    ],
)
def test_common_words_and_surnames_are_not_places(text):
    persons = [(text.index("Sabine Roth"), text.index("Sabine Roth") + 11)] if "Roth" in text else []
    assert find_places(text, [], persons) == []


def test_common_word_city_with_preposition():
    assert [p.name for p in find_places("Am Abend regnete es in Essen.", [])] == ["Essen"]


def test_unknown_ner_location_keeps_text_without_coordinates():
    text = "Die Kämpfe um Nowa Kachowka gehen weiter."
    s = text.index("Nowa Kachowka")
    (p,) = find_places(text, [(s, s + 13, "LOC")])
    assert (p.text, p.name, p.country, p.lat) == ("Nowa Kachowka", "Nowa Kachowka", None, None)


def test_component_on_blank_pipeline():
    import zitat.nlp.places  # noqa: F401  (registers the factory)

    nlp = spacy.blank("de")
    nlp.add_pipe("zitat_places")
    doc = nlp("Von Berlin aus reiste sie nach Wien.")
    assert [p.country for p in doc._.places] == ["DE", "AT"]


def test_lone_place_the_tagger_called_a_person_is_still_a_place():
    text = "Teheran wies die Vorwürfe zurück."
    assert [p.country for p in find_places(text, [(0, 7, "PER")])] == ["IR"]
    text = "Die Regierung von Georgien wies die Kritik zurück."
    s = text.index("Regierung")
    assert [p.country for p in find_places(text, [(s, s + 22, "PER")])] == ["GE"]


def test_a_place_inside_a_personal_name_is_no_place():
    text = "Die Sängerin Nina Hagen trat in Köln auf."
    s = text.index("Nina")
    assert [p.name for p in find_places(text, [(s, s + 10, "PER")])] == ["Köln"]


def test_small_towns_coordinated_with_a_place_count():
    found = find_places("Die Ministerin besuchte Görlitz und Zittau.", [])
    assert [p.text for p in found] == ["Görlitz", "Zittau"]
    found = find_places("In Hannover, Bremen und Kassel blieben die Schulen zu.", [])
    assert [p.text for p in found] == ["Hannover", "Bremen", "Kassel"]


def test_inflected_multiword_country():
    text = "Der Emir der Vereinigten Arabischen Emirate reiste ab."
    assert [p.country for p in find_places(text, [])] == ["AE"]


def test_common_word_needs_the_preposition_right_before_it():
    assert find_places("In der Mitte des Saales stand ein Flügel.", []) == []


def test_quote_place_is_where_the_frame_says_it_was_said():
    from zitat.analysis import analyze

    art = analyze("„Wir stehen zusammen“, sagte Außenministerin Lena Hartmann am Dienstag "
                  "in Brüssel. Die Lage in Moldau sei ernst, fügte sie hinzu.")
    assert [q.place for q in art.quotes][:1] == ["Brüssel"]
    # a place inside the quotation is what it talks about, not where it was said
    assert all(q.place != "Republik Moldau" for q in art.quotes)

"""Addressees read from the frame around a cue (issue 22): `gegenüber`, interviews and
letters, `vor der Presse`, `sagte … zur Zeitung`, datives and objects of speech verbs, and
the passive (`Dem Minister wird vorgeworfen`), on hand-written German news sentences."""

from __future__ import annotations

import pytest


def _only(nlp, text):
    (q,) = nlp(text)._.quotes
    return q


def _text(role):
    return role.text if role else None


def _roles(nlp, text, speaker, addressee):
    """The one quotation of ``text``, after checking its speaker and addressee texts."""
    q = _only(nlp, text)
    assert (_text(q.speaker), _text(q.addressee)) == (speaker, addressee)
    return q


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        # a dative after the cue when the subject stands before it
        ("Die Landrätin Petra Kolb sagte der Lokalzeitung: „Wir bauen die Brücke neu.“",
         "Die Landrätin Petra Kolb", "der Lokalzeitung"),
        ("Ein Sprecher der Reederei sagte WELTBLICK ONLINE, die Fähre fahre wieder ab Montag.",
         "Ein Sprecher der Reederei", "WELTBLICK ONLINE"),
        # an interview or a conversation with someone
        ("„Wir haben das nicht kommen sehen“, sagte Jonas Brand in einem Interview mit der "
         "Abendpost.", "Jonas Brand", "der Abendpost"),
        ("Die Ministerin erklärte im Gespräch mit dem Stadtanzeiger, das Gesetz komme im Herbst.",
         "Die Ministerin", "dem Stadtanzeiger"),
        # an audience before which one speaks
        ("Der Trainer sagte vor der versammelten Presse, er bleibe bis zum Saisonende.",
         "Der Trainer", "der versammelten Presse"),
        # `sagte … zur Zeitung`: the preposition stays out, as in the corpus
        ("„Das war ein Weckruf“, sagte Mia Sommer nach dem Spiel zum „Abendkurier“.",
         "Mia Sommer", "„Abendkurier“"),
        # `appellierte an`, a letter `an`
        ("Die Bischöfin appellierte an die Gemeinden, die Flüchtlinge aufzunehmen.",
         "Die Bischöfin", "die Gemeinden"),
        ("Der Vorstand hat in einem Brief an die Belegschaft mitgeteilt, dass das Werk schließe.",
         "Der Vorstand", "die Belegschaft"),
    ],
)
def test_addressee_in_the_frame(nlp, text, speaker, addressee):
    _roles(nlp, text, speaker, addressee)


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        ("Umweltverbände werfen der Landesregierung vor, sie habe den Moorschutz verschleppt.",
         "Umweltverbände", "der Landesregierung"),
        ("Der Bürgermeister forderte die Anwohner am Freitag dazu auf, ihre Keller zu räumen.",
         "Der Bürgermeister", "die Anwohner"),
        # the object, not the prepositional phrase after it
        ("Die Gewerkschaft rief die Beschäftigten im Hafen auf, die Arbeit niederzulegen.",
         "Die Gewerkschaft", "die Beschäftigten"),
        # the perfect: the object stands between the auxiliary and the participle
        ("Der Stadtrat hat den 40 Mitarbeitern mitgeteilt, dass die Kantine schließe.",
         "Der Stadtrat", "den 40 Mitarbeitern"),
    ],
)
def test_object_of_an_addressing_verb(nlp, text, speaker, addressee):
    _roles(nlp, text, speaker, addressee)


@pytest.mark.parametrize(
    ("text", "speaker", "addressee", "cue"),
    [
        ("Dem früheren Bürgermeister wird vorgeworfen, Fördergelder veruntreut zu haben.",
         None, "Dem früheren Bürgermeister", "wird vorgeworfen"),
        # an adverb in front: the addressee follows the auxiliary
        ("Inzwischen wird dem Kassenwart des Vereins vorgeworfen, er habe Belege gefälscht.",
         None, "dem Kassenwart des Vereins", "wird vorgeworfen"),
        # the speaker of a passive is the `von` phrase, never the addressee
        ("Zudem wurde die Stadtverwaltung vom Mieterbund aufgefordert, die Mieten einzufrieren.",
         "Mieterbund", "die Stadtverwaltung", "wurde aufgefordert"),
    ],
)
def test_passive_cue_names_the_addressee(nlp, text, speaker, addressee, cue):
    q = _roles(nlp, text, speaker, addressee)
    assert q.cue.text.replace(" …", "") == cue


@pytest.mark.parametrize(
    "text",
    [
        # prepositional phrases and accusative objects are nobody's addressee
        "Der Sprecher sagte in einem Interview, dass die Firma keine Stellen abbaue.",
        "Die Ärztin warnte vor einer neuen Welle, wenn die Impfquote nicht steige.",
        "Die Feuerwehr bestätigte den Einsatz und teilte mit, es sei niemand verletzt worden.",
        "Der Kläger sagte mit der Begründung, er habe den Vertrag nie unterschrieben.",
        "Die Demonstranten forderten den Rücktritt des Landrats, um Neuwahlen zu erzwingen.",
    ],
)
def test_no_addressee_where_none_is_named(nlp, text):
    quotes = nlp(text)._.quotes
    assert quotes, "the statement itself is found"
    assert all(q.addressee is None for q in quotes)


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        # the object before the participle was taken for the subject
        ("Abgeordnete aus allen Fraktionen haben der Ministerin vorgeworfen, Zahlen zu schönen.",
         "Abgeordnete aus allen Fraktionen", "der Ministerin"),
        ("Die Reederei hatte den Hafenbehörden angeboten, das Wrack zu bergen.",
         "Die Reederei", "den Hafenbehörden"),
        # the object in front of the verb, the subject pronoun after it
        ("Der Landesregierung schlug er vor, die Schulen länger zu öffnen.", "er",
         "Der Landesregierung"),
        # the subject after the verb, the dative after the subject
        ("So riet die Verbraucherschützerin Ina Brandt den Kunden, die Verträge zu prüfen.",
         "die Verbraucherschützerin Ina Brandt", "den Kunden"),
    ],
)
def test_an_object_is_not_the_speaker(nlp, text, speaker, addressee):
    _roles(nlp, text, speaker, addressee)


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        ("Der Bürgerverein rief die Stadträte zur Ablehnung des Bebauungsplans auf.",
         "Der Bürgerverein", "die Stadträte"),
        ("Die Staatsanwälte werfen dem Bürgermeister Untreue in großem Stil vor.",
         "Die Staatsanwälte", "dem Bürgermeister"),
    ],
)
def test_report_without_content_has_its_object_as_addressee(nlp, text, speaker, addressee):
    assert _roles(nlp, text, speaker, addressee).type == "Reported"

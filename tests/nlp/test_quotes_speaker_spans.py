"""Speaker spans by German word order (issue 22): a fronted phrase before the cue verb,
adverbs between subject and verb, a reflexive after the verb, appositions, outlets with
their names and colons after clauses whose verb is no cue. Hand-written sentences."""

from __future__ import annotations

import pytest

from zitat.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline(components=("zitat_quotes",))


def _quotes(nlp, text):
    return nlp(text)._.quotes


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a prepositional phrase before the verb is no subject: the subject follows the verb
        ("Bezüglich der Ursache meldete die Nachrichtenagentur dpa, die Maschine sei ohne "
         "Treibstoff gewesen.", "die Nachrichtenagentur dpa"),
        ("Um 10:05 Uhr meldete das Portal „Netzwelt“, der Verein habe den Zusammenhang "
         "bestätigt.", "das Portal „Netzwelt“"),
        # … unless nothing that could be the subject follows it
        ("Von der Leyen betonte, die Hilfen würden rasch ausgezahlt.", "der Leyen"),
        # an adverb between the subject and its verb
        ("Die Gewerkschaft hingegen sagte, der Vorstand trage die volle Verantwortung.",
         "Die Gewerkschaft"),
        ("Die Ministerin jedoch erklärte, das Gesetz komme im Herbst.", "Die Ministerin"),
        # an adverb between the verb and its subject
        ("Die Lage sei ernst, sagte gestern ein Sprecher der Stadt.", "ein Sprecher der Stadt"),
        # a name in apposition after the verb belongs to the speaker, not to the content
        ("In einem Interview erklärte der Chef der Behörde, Hans Albers, die Firma habe gegen "
         "Auflagen verstoßen.", "der Chef der Behörde, Hans Albers"),
    ],
)
def test_speaker_of_the_cue_clause(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Indirect"
    assert q.speaker.text == speaker


def test_apposition_is_not_the_first_item_of_a_list(nlp):
    (q,) = _quotes(nlp, "Am Montag sagte der Bürgermeister, Berlin, Hamburg und Köln hätten "
                        "zugestimmt.")
    assert q.speaker.text == "der Bürgermeister"
    assert q.text == "Berlin, Hamburg und Köln hätten zugestimmt"


def test_es_gibt_names_no_speaker(nlp):
    (q,) = _quotes(nlp, "Es gibt Zweifel daran, ob das Lager tatsächlich von selbst in Brand "
                        "geraten ist.")
    assert q.speaker is None


def test_reflexive_after_the_cue_belongs_to_it(nlp):
    (q,) = _quotes(nlp, "„Ich halte die Gebühren für richtig“, äußerte sich Bauer gegenüber "
                        "dem „Kurier“.")
    assert (q.cue.text, q.speaker.text) == ("äußerte sich", "Bauer")
    assert q.addressee.text == "dem „Kurier“"


def test_possessive_nach_gives_way_to_the_named_speaker(nlp):
    # `seiner Meinung nach` takes up the subject of the cue verb; the continuation follows him
    text = ("In einem Interview erklärte der Chef der Behörde, Hans Albers, die Firma habe "
            "seiner Meinung nach gegen Auflagen verstoßen. Die Behörde gehe davon aus, dass "
            "weitere Verstöße folgen.")
    first, second = _quotes(nlp, text)
    assert first.cue.text == "erklärte"
    assert first.text == "die Firma habe seiner Meinung nach gegen Auflagen verstoßen"
    assert second.speaker.text == "der Chef der Behörde, Hans Albers"


def test_possessive_nach_alone_still_attributes(nlp):
    (q,) = _quotes(nlp, "Die Reform wird seiner Meinung nach vor allem kleine Betriebe belasten.")
    assert (q.rule, q.speaker.text) == ("indirect-postposed", "seiner Meinung")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Der Sprecher der Initiative, Jan Roth, wandte sich gegen die Behauptung, der Bau sei "
         "sicher: „Wo gebaut wird, bröckelt es.“", "Der Sprecher der Initiative, Jan Roth"),
        ("Die Sängerin Lena Hoff zur neuen Heimat: „Ich werde meine Wohnung in Köln behalten.“",
         "Die Sängerin Lena Hoff"),
        ("Dabei griff sie auch den Präsidenten direkt an: „Wer so spricht, verdient keine "
         "Toleranz.“", "sie"),
    ],
)
def test_colon_after_a_clause_names_its_subject(nlp, text, speaker):
    (q,) = _quotes(nlp, text)
    assert q.type == "Direct"
    assert q.speaker.text == speaker


def test_colon_after_a_statement_about_a_thing_names_no_one(nlp):
    text = "Die Lage ist klar: „Wir müssen jetzt handeln“, heißt es im Papier des Verbands."
    assert all(q.speaker is None or q.speaker.text != "Die Lage" for q in _quotes(nlp, text))

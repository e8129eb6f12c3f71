"""Reports without their content (type Reported) whose subject carries a genitive, an
apposition or a relative clause (issue 22), on hand-written German news sentences."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a genitive attribute after a noun that is no role word
        ("Die Verantwortlichen des Landesamtes kritisierten den Neubau der Umgehungsstraße.",
         "Die Verantwortlichen des Landesamtes"),
        # an apposition between commas is part of the subject
        ("Die größte Oppositionspartei, die Bürgerliste, bezeichnete den Haushalt als unsozial.",
         "Die größte Oppositionspartei, die Bürgerliste"),
        # a relative clause between commas is not
        ("Der Mieterverein, der rund 4000 Mitglieder vertritt, kritisierte die neue Satzung.",
         "Der Mieterverein"),
    ],
)
def test_report_subject_with_attribute_apposition_or_relative_clause(nlp, text, speaker):
    (q,) = nlp(text)._.quotes
    assert q.type == "Reported"
    assert q.speaker.text == speaker
    assert q.text.startswith(text[:12])


def test_a_clause_between_commas_that_is_no_relative_clause_is_no_subject(nlp):
    # `Die Brücke, sagte er, …`-like interruptions are left to the other rules
    quotes = nlp("Der Hafen, wenn er fertig ist, kritisierte niemand.")._.quotes
    assert all(q.speaker is None or q.speaker.text != "Der Hafen" for q in quotes)

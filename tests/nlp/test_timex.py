"""German temporal expressions, normalised at the article date's precision."""

from __future__ import annotations

import pytest
import spacy

from zitat.nlp.timex import find_times


def _one(text, anchor):
    found = find_times(text, anchor)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "anchor", "surface", "value", "granularity"),
    [
        # the month-precision rule: no invented day
        ("Die Gespräche beginnen an diesem Donnerstag.", "2022-03", "an diesem Donnerstag",
         "2022-03-WXX-4", "weekday-in-month"),
        ("Die Gespräche beginnen an diesem Donnerstag.", "2022-03-10", "an diesem Donnerstag",
         "2022-03-10", "day"),
        ("Die Gespräche beginnen an diesem Donnerstag.", "2022-03-08", "an diesem Donnerstag",
         "2022-03-10", "day"),
        ("Die Regel gilt von Samstag an.", "2022-03-10", "von Samstag an", "2022-03-12", "day"),
        ("Die Regel gilt von Samstag an.", "2022-03", "von Samstag an", "2022-03-WXX-6",
         "weekday-in-month"),
        ("Ab Montag wird gestreikt.", "2023-05-12", "Ab Montag", "2023-05-15", "day"),
        ("Vergangene Woche kam es zu Protesten.", "2022-03-10", "Vergangene Woche", "2022-W09",
         "week"),
        ("Gestern tagte der Ausschuss.", "2022-03-10", "Gestern", "2022-03-09", "day"),
        ("Gestern tagte der Ausschuss.", "2022-03", "Gestern", "2022-03", "month"),
        ("Das Gesetz soll Ende März in Kraft treten.", "2022-01-05", "Ende März", "2022-03",
         "month"),
        ("Kommenden Monat folgt die Abstimmung.", "2022-12", "Kommenden Monat", "2023-01", "month"),
        ("Anfang des Jahres stiegen die Preise.", "2023-06-01", "Anfang des Jahres", "2023", "year"),
        ("Im Herbst wird neu gewählt.", "2024-05", "Im Herbst", "2024-FA", "season"),
        ("Der Vertrag wurde am 3. März 2022 unterzeichnet.", None, "3. März 2022", "2022-03-03",
         "day"),
        ("Die Frist endet am 03.03.2022.", None, "03.03.2022", "2022-03-03", "day"),
        ("Die Sitzung beginnt um 14:30 Uhr.", "2022-03-10", "um 14:30 Uhr", "2022-03-10T14:30",
         "time"),
        ("Im März 2022 begann die Hilfe.", None, "Im März 2022", "2022-03", "month"),
        ("Seit drei Wochen wird verhandelt.", "2022-03", "Seit drei Wochen", "P3W", "duration"),
        ("Jeden Montag wird demonstriert.", "2022-03", "Jeden Montag", "XXXX-WXX-1", "set"),
        ("Vor drei Jahren war das anders.", "2022-03", "Vor drei Jahren", "2019", "year"),
    ],
)
def test_expressions_are_recognised_and_normalised(text, anchor, surface, value, granularity):
    t = _one(text, anchor)
    assert (t.text, t.value, t.granularity) == (surface, value, granularity)
    assert text[t.span[0]:t.span[1]] == surface
    assert t.anchor == anchor and t.rule


def test_without_article_date_relative_expressions_stay_unresolved():
    t = _one("Am Donnerstag trifft sich der Rat.", None)
    assert t.value == "XXXX-WXX-4"
    t = _one("Vergangene Woche trat er zurück.", None)
    assert t.value is None and t.text == "Vergangene Woche"


def test_counts_are_not_years():
    assert find_times("Rund 2000 Menschen protestierten in Leipzig.", "2022-03") == []
    (t,) = find_times("Im Jahr 2014 begann der Konflikt.", None)
    assert t.value == "2014"


def test_component_on_blank_pipeline():
    nlp = spacy.blank("de")
    import zitat.nlp.timex  # noqa: F401  (registers the factory)

    nlp.add_pipe("zitat_timex")
    doc = nlp.make_doc("Am Donnerstag sagte die Ministerin, heute sei ein guter Tag.")
    doc._.article_date = "2022-03-10"
    doc = nlp(doc)
    assert [(t.text, t.value) for t in doc._.times] == [
        ("Am Donnerstag", "2022-03-10"), ("heute", "2022-03-10")]

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


@pytest.mark.parametrize(
    ("text", "anchor", "surface", "value", "granularity"),
    [
        ("Die Ministerin kündigte an, morgen nach Kiew zu reisen.", "2022-03-10", "morgen",
         "2022-03-11", "day"),
        ("Vorgestern hatte der Rat getagt.", "2022-03-10", "Vorgestern", "2022-03-08", "day"),
        ("Am Donnerstag hatte die Kommission den Plan vorgestellt.", "2022-03-12", "Am Donnerstag",
         "2022-03-10", "day"),
        ("Kommenden Donnerstag wird abgestimmt.", "2022-03-10", "Kommenden Donnerstag",
         "2022-03-17", "day"),
        ("Nächstes Jahr soll die Brücke fertig sein.", "2022-03-10", "Nächstes Jahr", "2023",
         "year"),
        ("Mitte Mai will die Regierung entscheiden.", "2022-03-10", "Mitte Mai", "2022-05",
         "month"),
        ("Am Wochenende blieb es ruhig.", "2022-03-10", "Am Wochenende", "2022-W10-WE", "weekend"),
        ("In zwei Wochen beginnt der Gipfel.", "2022-03-10", "In zwei Wochen", "2022-W12",
         "week"),
        ("Die Tagung endet um 9 Uhr.", "2022-03-10", "um 9 Uhr", "2022-03-10T09:00", "time"),
        ("Die Tagung endet um 9 Uhr.", "2022-03", "um 9 Uhr", "T09:00", "time"),
        ("Die Frist lief am 3.3.22 ab.", "2022-03-10", "3.3.22", "2022-03-03", "day"),
        ("Der Bau soll im Jahr 2025 beginnen.", "2022-03-10", "im Jahr 2025", "2025", "year"),
        ("Drei Tage dauerte die Sitzung.", "2022-03-10", "Drei Tage", "P3D", "duration"),
        ("Der Markt findet täglich statt.", "2022-03-10", "täglich", "P1D", "set"),
        ("In den 1990er Jahren war das anders.", None, "1990er Jahren", "199", "decade"),
        ("Karthago fiel 146 v. Chr.", None, "146 v. Chr.", "BC0146", "year"),
    ],
)
def test_more_expressions(text, anchor, surface, value, granularity):
    t = _one(text, anchor)
    assert (t.text, t.value, t.granularity) == (surface, value, granularity)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gestern tagte der Ausschuss.", "2022-03"),
        ("Vergangene Woche kam es zu Protesten.", "2022-03"),
        ("Am Donnerstag sagte er ab.", "2022-03-WXX-4"),
        ("Vor drei Tagen sagte er ab.", None),
    ],
)
def test_month_only_anchor_never_invents_a_day(text, value):
    t = _one(text, "2022-03")
    assert t.value == value
    assert t.value is None or len(t.value.split("-")) < 3 or "X" in t.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Gestern tagte der Ausschuss.", "2022"),
        ("Am Donnerstag sagte er ab.", "2022-WXX-4"),
        ("Im Mai wurde gewählt.", "2022-05"),
    ],
)
def test_year_only_anchor(text, value):
    assert _one(text, "2022").value == value


def test_no_anchor_still_lists_relative_expressions():
    found = find_times("Gestern sagte sie, von Samstag an gelte im Herbst eine neue Regel.", None)
    assert [t.text for t in found] == ["Gestern", "von Samstag an", "im Herbst"]
    assert all(t.anchor is None for t in found)
    assert [t.value for t in found] == [None, "XXXX-WXX-6", "XXXX-FA"]


def test_narrative_mode_uses_the_last_explicit_date():
    text = ("Am 1. September 1939 begann der Angriff. Zwei Tage später erklärte Frankreich den "
            "Krieg. Am 17. September folgte der nächste Schritt.")
    news = find_times(text, "2011-02-16")
    story = find_times(text, "2011-02-16", narrative=True)
    assert [t.value for t in story] == ["1939-09-01", "1939-09-03", "1939-09-17"]
    assert story[2].anchor == "1939-09-01"  # the last *explicit* date
    # news: the nearest 17 September before a February article, and a plain duration
    assert news[2].value == "2010-09-17" and news[1].value == "P2D"


def test_parenthetical_years_do_not_move_the_narrative_reference():
    text = "Im Juni 1914 (nach den Balkankriegen 1912/13) stieg die Spannung. Am 28. Juli fiel der Schuss."
    assert find_times(text, None, narrative=True)[-1].value == "1914-07-28"


@pytest.mark.parametrize(
    "text",
    [
        "Die Halle bietet 1500 Plätze.",
        "Insgesamt 2019 Stimmen entfielen auf die Liste.",
        "Der Preis stieg auf 1999 Euro.",
        "August Müller leitet den Verein.",
        "Am Morgen des Gipfels war es still.",
    ],
)
def test_numbers_and_names_are_not_times(text):
    assert find_times(text, "2022-03-10") == []


def test_spans_point_into_the_text():
    text = "Seit Montag, 7. März 2022, gilt ab 14.30 Uhr die Regel; jeden Freitag wird geprüft."
    found = find_times(text, "2022-03-10")
    assert found
    for t in found:
        assert text[t.span[0]:t.span[1]] == t.text


def test_narrative_component_config():
    nlp = spacy.blank("de")
    import zitat.nlp.timex  # noqa: F401

    nlp.add_pipe("zitat_timex", config={"narrative": True})
    doc = nlp.make_doc("Im Mai 1940 griffen sie an. Am 14. Mai fiel die Stadt.")
    doc._.article_date = None
    doc = nlp(doc)
    assert [t.value for t in doc._.times] == ["1940-05", "1940-05-14"]

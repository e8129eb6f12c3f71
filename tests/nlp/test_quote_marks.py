"""German quotation marks: every style pairs, nesting and unbalanced marks."""

from __future__ import annotations

import pytest

from zitat.nlp.quote_marks import find_marked_spans


def _quoted(text: str, depth: int = 0) -> list[str]:
    return [text[m.start : m.end] for m in find_marked_spans(text) if m.depth == depth]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte: „Wir sind bereit.“ Dann ging er.", ["„Wir sind bereit.“"]),
        ("Er sagte: »Wir sind bereit.« Dann ging er.", ["»Wir sind bereit.«"]),
        ("Er sagte: «Wir sind bereit.» Dann ging er.", ["«Wir sind bereit.»"]),
        ('Er sagte: "Wir sind bereit." Dann ging er.', ['"Wir sind bereit."']),
        ("Er sagte: “Wir sind bereit.” Dann ging er.", ["“Wir sind bereit.”"]),
        ("„Erstens“, sagte sie, „zweitens.“", ["„Erstens“", "„zweitens.“"]),
        ('"Ja", sagte er, "nein."', ['"Ja"', '"nein."']),
    ],
)
def test_each_style_pairs(text, expected):
    assert _quoted(text) == expected


def test_single_marks_nested_inside_double():
    text = "„Das nenne ich ‚unerhört‘“, sagte die Ministerin."
    assert _quoted(text) == ["„Das nenne ich ‚unerhört‘“"]
    assert _quoted(text, depth=1) == ["‚unerhört‘"]


def test_unbalanced_quote_ends_at_paragraph():
    text = "Sie sagte: „Wir geben nicht auf. Niemals.\n\nIm Rathaus blieb es still."
    (m,) = find_marked_spans(text)
    assert not m.closed
    assert text[m.start : m.end] == "„Wir geben nicht auf. Niemals."


@pytest.mark.parametrize("closer", ["“", "”", "«"])
def test_quote_without_opening_mark_starts_with_its_sentence(closer):
    text = (f"Keller hält das Paket für unzureichend. Das ist ein Papiertiger{closer}, sagte "
            "Keller. „Gut“, sagte er.")
    first, second = find_marked_spans(text)
    assert text[first.start : first.end] == f"Das ist ein Papiertiger{closer}"
    assert first.opener == "" and first.closed
    assert text[first.inner[0] : first.inner[1]] == "Das ist ein Papiertiger"
    assert text[second.start : second.end] == "„Gut“"


def test_closing_mark_without_comma_opens_nothing():
    assert _quoted("Das Wort Papiertiger“ fiel oft. Er blieb ruhig.") == []


def test_apostrophes_are_not_quotes():
    assert _quoted("Geht's noch? Das war's, sagte er.") == []

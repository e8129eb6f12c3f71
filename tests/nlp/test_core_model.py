"""The shipped core pipeline on a hand-written German news paragraph (fictional).

Checks what zitat relies on: sentence boundaries around quotation marks and
abbreviations, named entities with German news spans, and verb mood (Konjunktiv).
"""

from __future__ import annotations

import pytest

from zitat.nlp.pipeline import CORE_MODEL, load_core

pytestmark = pytest.mark.slow

PARAGRAPH = (
    "Bundesinnenministerin Anna Wendtland hat am 3. März in Berlin neue Regeln vorgestellt. "
    "„Wir handeln jetzt“, sagte sie. Dr. Katharina Lenz von der Universität Leipzig sagte, "
    "die Pläne seien z. B. für kleine Gemeinden zu teuer. Die Polizei habe nicht genug "
    "Personal. Der Deutsche Gewerkschaftsbund kritisierte die Pläne in Hamburg."
)


@pytest.fixture(scope="module")
def doc():
    return load_core()(PARAGRAPH)


def test_shipped_model_is_inside_the_package():
    assert (CORE_MODEL / "config.cfg").is_file()
    assert {"parser", "ner", "morphologizer"} <= set(load_core().pipe_names)


def test_sentences_survive_abbreviations_dates_and_quote_marks(doc):
    assert [s.text for s in doc.sents] == [
        "Bundesinnenministerin Anna Wendtland hat am 3. März in Berlin neue Regeln vorgestellt.",
        "„Wir handeln jetzt“, sagte sie.",
        "Dr. Katharina Lenz von der Universität Leipzig sagte, die Pläne seien z. B. für "
        "kleine Gemeinden zu teuer.",
        "Die Polizei habe nicht genug Personal.",
        "Der Deutsche Gewerkschaftsbund kritisierte die Pläne in Hamburg.",
    ]


def test_entities_have_news_spans_without_titles(doc):
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("Anna Wendtland", "PER"), ("Berlin", "LOC"), ("Katharina Lenz", "PER"),
            ("Hamburg", "LOC")} <= ents
    assert any(label == "ORG" and "Gewerkschaftsbund" in text for text, label in ents)
    assert not any(text.startswith("Bundesinnenministerin") for text, _ in ents)


@pytest.mark.parametrize(
    ("word", "mood"),
    [("seien", "Sub"), ("habe", "Sub"), ("sagte", "Ind"), ("kritisierte", "Ind")],
)
def test_verb_mood_tells_konjunktiv_from_indicative(doc, word, mood):
    token = next(t for t in doc if t.text == word)
    assert token.morph.get("Mood") == [mood]

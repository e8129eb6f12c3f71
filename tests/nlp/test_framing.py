"""Framing of a quotation: cue class, mode and the mood of indirect speech."""

from __future__ import annotations

import pytest

from zitat.nlp.framing import cue_class, mode_of, mood_of, with_framing
from zitat.schema import Quote, Role


@pytest.mark.parametrize(("cue", "cls"), [
    ("sagte", "neutral"), ("erklärten", "neutral"), ("teilte … mit", "neutral"),
    ("behauptete", "distancing"), ("räumte … ein", "conceding"), ("gab zu", "conceding"),
    ("betonte", "emphatic"), ("unterstrich", "emphatic"), ("kritisierte", "critical"),
    ("warnte", "critical"), ("forderte", "demanding"), ("kündigte … an", "announcing"),
    ("bestritt", "denying"), ("wies … zurück", "denying"), ("hofft", "thinking"),
    ("laut", "attribution"), ("zufolge", "attribution"), ("Wie … mitteilte", "neutral"),
    ("jubelte", "other"),
])
def test_cue_class(cue: str, cls: str) -> None:
    assert cue_class(cue) == cls


def test_no_cue_has_no_class() -> None:
    assert cue_class(None) is None and cue_class("  ") is None


def _q(kind: str, text: str, cue: str | None = "sagte") -> Quote:
    return Quote(id="q1", type=kind, text=text, spans=[(0, len(text))],  # type: ignore[arg-type]
                 cue=Role(text=cue) if cue else None)


def test_mode_and_mood() -> None:
    assert mode_of("Direct") == "direct" and mode_of("Reported") == "reported"
    assert mode_of("FreeIndirect") == "indirect"
    assert mood_of(_q("Indirect", "die Lage sei unter Kontrolle")) == "konjunktiv"
    assert mood_of(_q("Indirect", "dass man prüfe, ob mehr Geld nötig ist")) == "konjunktiv"
    assert mood_of(_q("Indirect", "dass die Lage unter Kontrolle ist")) == "indicative"
    assert mood_of(_q("Direct", "Wir sind vorbereitet.")) is None


def test_with_framing_fills_the_quote_fields() -> None:
    out = with_framing([_q("Indirect", "die Preise würden steigen", "behauptete")])
    assert (out[0].cue_class, out[0].mood) == ("distancing", "konjunktiv")

"""Shared fixtures: hand-written German articles (fictional) and a fast blank pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zitat.schema import Article, Entity, Place, Quote, Role, TimeExpr

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("ZITAT_SHARED_DATA", REPO.parent / "shared" / "data"))


def span_of(text: str, part: str, start: int = 0) -> tuple[int, int]:
    """Character span of ``part`` in ``text`` (first occurrence after ``start``)."""
    i = text.index(part, start)
    return i, i + len(part)


@pytest.fixture(scope="session")
def blank_nlp():
    """Blank German pipeline without zitat components: fast, for I/O tests."""
    from zitat.nlp.pipeline import load_pipeline

    return load_pipeline(components=())


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Each test gets default settings and its own working directory."""
    from zitat.settings import get_settings

    for key in list(os.environ):
        if key.startswith("ZITAT_") and key != "ZITAT_SHARED_DATA":
            monkeypatch.delenv(key)
    get_settings.cache_clear()
    monkeypatch.chdir(tmp_path)
    yield
    get_settings.cache_clear()


def make_article(
    text: str,
    *,
    date: str | None = "2022-03-10",
    speaker: str = "Anna Beispiel",
    role: str | None = "Bundesinnenministerin",
    quote: str | None = None,
    title: str | None = None,
    place: str | None = None,
) -> Article:
    """A hand-built analysed article with one direct quote by ``speaker``."""
    from zitat.schema import article_id

    quote = quote or text[text.index("„") : text.index("“") + 1]
    q_span = span_of(text, quote)
    s_span = span_of(text, speaker)
    entities = [Entity(id="e1", label="PER", name=speaker, roles=[role] if role else [],
                       mentions=[s_span])]
    places = []
    if place:
        places = [Place(text=place, span=span_of(text, place), name=place, country="DE",
                        lat=52.5, lon=13.4, feature="city")]
    return Article(
        id=article_id(text), date=date, title=title, text=text,
        quotes=[Quote(id="q1", type="Direct", medium="Speech", text=quote, spans=[q_span],
                      speaker=Role(text=speaker, spans=[s_span], entity="e1"),
                      cue=Role(text="sagte", spans=[span_of(text, "sagte")]), confidence=0.9)],
        entities=entities,
        times=[TimeExpr(text="Donnerstag", span=span_of(text, "Donnerstag"), value="2022-03-10",
                        granularity="day", anchor=date)] if "Donnerstag" in text else [],
        places=places,
    )

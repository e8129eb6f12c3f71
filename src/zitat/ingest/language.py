"""Which language an article is in, offline (py3langid: a model of 97 languages shipped in
the package, about 0.2 ms an article once loaded).

zitat's models read German only: an English article analysed anyway yields speakers such
as "Monday". Readers' records pass :func:`keep_german`, which turns an article in another
language into a :class:`Rejected` with the reason, unless the user lets it through.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from zitat.schema import RawArticle, Rejected

#: texts shorter than this many words are not judged (too little evidence; headlines, tests)
MIN_WORDS = 12
#: the first characters of an article are enough to tell its language
SAMPLE_CHARS = 2000
#: German names of the languages most often met in news feeds, for the reject reason
NAMES = {
    "en": "Englisch", "fr": "Französisch", "it": "Italienisch", "es": "Spanisch",
    "nl": "Niederländisch", "pl": "Polnisch", "tr": "Türkisch", "ru": "Russisch",
    "uk": "Ukrainisch", "pt": "Portugiesisch", "cs": "Tschechisch", "da": "Dänisch",
    "sv": "Schwedisch", "de": "Deutsch",
}


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # imported and loaded on first use: the model takes about 2 s to load
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language of ``text``, or ``None`` for a text too short to
    judge (fewer than 12 words)."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return None
    code, _ = _identifier().classify(sample)
    return str(code)


def keep_german(
    records: Iterable[RawArticle | Rejected], *, any_language: bool = False
) -> Iterator[RawArticle | Rejected]:
    """Pass German articles (and rejects) on; an article in another language becomes a
    :class:`Rejected` naming the language. ``any_language`` lets every article through."""
    for rec in records:
        if any_language or isinstance(rec, Rejected):
            yield rec
            continue
        lang = detect_language(rec.text)
        if lang is None or lang == "de":
            yield rec
        else:
            yield Rejected(
                origin=rec.origin,
                reason=f"language: the text is {NAMES.get(lang, lang)} ({lang}), not German; "
                       "zitat's models read German only (--any-language analyses it anyway)",
                preview=rec.text[:200],
            )

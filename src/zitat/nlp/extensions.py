"""Doc extensions that carry zitat's annotations; registered once, here."""

from __future__ import annotations

from spacy.tokens import Doc

#: name -> default. Lists are created per doc by the components (getter-free defaults
#: must be immutable, so they default to None and components assign fresh lists).
DOC_EXTENSIONS: dict[str, object] = {
    "article_date": None,  # str | None: YYYY, YYYY-MM or YYYY-MM-DD, set before the pipeline runs
    "quotes": None,  # list[zitat.schema.Quote]
    "entities": None,  # list[zitat.schema.Entity]
    "times": None,  # list[zitat.schema.TimeExpr]
    "places": None,  # list[zitat.schema.Place]
}


def register_extensions(force: bool = False) -> None:
    """Register zitat's Doc extensions (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        if force or not Doc.has_extension(name):
            Doc.set_extension(name, default=default, force=True)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc: spaCy joins all tokens on every access, and
    each zitat component needs the text."""
    cached = doc.user_data.get("zitat_text")
    if cached is None:
        cached = doc.user_data["zitat_text"] = doc.text
    return cached

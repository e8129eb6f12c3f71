"""Shared fixtures of the NLP tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from zitat.nlp.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The shipped pipeline with the quotation component alone, loaded once per session
    (a module that needs other components defines its own ``nlp``)."""
    return load_pipeline(components=("zitat_quotes",))

"""Build the zitat pipeline: the shipped German model plus zitat's rule/learned components."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from zitat.errors import ModelError
from zitat.nlp import extensions  # noqa: F401  (registers Doc extensions)
from zitat.nlp.ops import use_matmul_ops
from zitat.settings import get_settings

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
CORE_MODEL = MODELS_DIR / "de_zitat_core"

#: zitat's components in pipeline order. Their factories, and the functions the core
#: model's config names (``zitat_stts_upos``, ``zitat.LexiconFeatures.v1``,
#: ``zitat.CachedFloretVectors.v1``), reach spaCy through the ``spacy_*`` entry points in
#: pyproject.toml, so that ``spacy.load`` finds them in any process where zitat is installed.
COMPONENTS: tuple[str, ...] = (
    "zitat_entity_rules", "zitat_quotes", "zitat_speakers", "zitat_timex", "zitat_places",
)

#: run-time overrides of the core model's config: floret vectors computed once per word
_CORE_OVERRIDES = {"nlp.vectors": {"@vectors": "zitat.CachedFloretVectors.v1"}}


def require_factory(name: str) -> None:
    """Fail with a clear message when spaCy does not know one of zitat's factories.

    Raises:
        ModelError: the factory is not registered (zitat installed without its entry
            points, e.g. run from a source tree that was never ``pip install``-ed).
    """
    if not Language.has_factory(name):
        raise ModelError(
            f"spaCy does not know the component {name!r}: install zitat (pip install -e .) "
            "so that its spacy_factories entry points are registered"
        )


def load_core(path: Path | None = None) -> Language:
    """Load the shipped linguistic pipeline, or a blank German one if none is installed.

    Args:
        path: a spaCy pipeline directory; defaults to the model shipped in the package.

    Returns:
        The pipeline without zitat's own components.
    """
    path = path or CORE_MODEL
    if (path / "config.cfg").exists():
        use_matmul_ops()  # before loading: layers take the current ops when they are built
        return spacy.load(path, config=_CORE_OVERRIDES)
    log.warning("no trained pipeline at %s; falling back to a blank German pipeline", path)
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


#: core components whose output no zitat component reads; skipped unless ZITAT_PARSE=1
PARSE_ONLY = ("parser", "trainable_lemmatizer", "lemmatizer")


def load_pipeline(
    path: str | None = None, components: tuple[str, ...] | None = None,
    parse: bool | None = None,
) -> Language:
    """The full zitat pipeline (cached per process).

    Args:
        path: directory of a core spaCy pipeline; default the shipped one.
        components: names of zitat components to add (default: all, in order).
        parse: run the dependency parser and lemmatiser (default: the ``ZITAT_PARSE``
            setting); without them, ``zitat_sentences`` sets the sentence boundaries.

    Returns:
        A spaCy ``Language`` whose docs carry ``doc._.quotes``, ``entities``, ``times``
        and ``places``.
    """
    if parse is None:
        parse = bool(get_settings().parse)
    return _load_pipeline(path, components, parse)


@lru_cache(maxsize=8)
def _load_pipeline(path: str | None, components: tuple[str, ...] | None, parse: bool) -> Language:
    nlp = load_core(Path(path) if path else None)
    if not parse and any(nlp.has_pipe(n) for n in PARSE_ONLY):
        for name in PARSE_ONLY:
            if nlp.has_pipe(name):
                nlp.disable_pipe(name)
        require_factory("zitat_sentences")
        nlp.add_pipe("zitat_sentences", first=True)
    wanted = COMPONENTS if components is None else components
    for name in COMPONENTS:
        if name in wanted:
            require_factory(name)
            nlp.add_pipe(name)
    return nlp

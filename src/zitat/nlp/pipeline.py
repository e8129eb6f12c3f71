"""Build the zitat pipeline: the shipped German model plus zitat's rule/learned components."""

from __future__ import annotations

import importlib
import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from zitat.nlp import extensions  # noqa: F401  (registers Doc extensions)

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
CORE_MODEL = MODELS_DIR / "de_zitat_core"

#: zitat's components in pipeline order, with the module that registers each factory.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("zitat_entity_rules", "zitat.nlp.entity_rules"),
    ("zitat_quotes", "zitat.nlp.quotes"),
    ("zitat_speakers", "zitat.nlp.speakers"),
    ("zitat_timex", "zitat.nlp.timex"),
    ("zitat_places", "zitat.nlp.places"),
)

#: modules that register custom tokenizer/ruler functions the core model's config refers to.
_CORE_REGISTRATIONS = ("zitat.nlp.tokenizer", "zitat.nlp.stts_upos", "zitat.nlp.floret_cache",
                       "zitat.nlp.lexicon_features")

#: run-time overrides of the core model's config: floret vectors computed once per word
_CORE_OVERRIDES = {"nlp.vectors": {"@vectors": "zitat.CachedFloretVectors.v1"}}


def _import_optional(module: str) -> None:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise


def load_core(path: Path | None = None) -> Language:
    """Load the shipped linguistic pipeline, or a blank German one if none is installed.

    Args:
        path: a spaCy pipeline directory; defaults to the model shipped in the package.

    Returns:
        The pipeline without zitat's own components.
    """
    for module in _CORE_REGISTRATIONS:
        _import_optional(module)
    path = path or CORE_MODEL
    if (path / "config.cfg").exists():
        from zitat.nlp.ops import use_matmul_ops

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
        from zitat.settings import get_settings

        parse = bool(get_settings().parse)
    return _load_pipeline(path, components, parse)


@lru_cache(maxsize=8)
def _load_pipeline(path: str | None, components: tuple[str, ...] | None, parse: bool) -> Language:
    nlp = load_core(Path(path) if path else None)
    if not parse and any(nlp.has_pipe(n) for n in PARSE_ONLY):
        import zitat.nlp.sentences  # noqa: F401  (registers zitat_sentences)

        for name in PARSE_ONLY:
            if nlp.has_pipe(name):
                nlp.disable_pipe(name)
        nlp.add_pipe("zitat_sentences", first=True)
    wanted = components if components is not None else tuple(n for n, _ in COMPONENTS)
    for name, module in COMPONENTS:
        if name in wanted:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
                continue
            nlp.add_pipe(name)
        if name in wanted and not nlp.has_pipe(name):
            log.warning("component %s is not available", name)
    return nlp

"""Name-lexicon classes as a token feature of the NER's tok2vec.

With 5,100 training sentences the entity tagger has seen few of the names news mention. A
lexicon of first names, surnames, places and common nouns (``name_lexicon.tsv.gz``, built
by :mod:`zitat.train.lexicon` from MIT/CC-licensed lists, see ``data/README.md``) tells it
for any word whether it *can* be one of these; the network learns how much to trust that.

Each class is a lexeme flag (``FLAG50``–``FLAG53``, free slots of spaCy's flag bits), so
spaCy's ``MultiHashEmbed`` embeds it like ``NORM`` or ``SHAPE`` (``attrs = [...,
"FLAG50", ...]``) and reads it at C speed. The pipeline's config installs the flags with
``[nlp.after_creation] @callbacks = "zitat.LexiconFeatures.v1"``.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.util import registry

FIRST_NAME = 1
SURNAME = 2
PLACE = 4
NOUN = 8

#: lexeme flag of each class bit
FLAGS = {FIRST_NAME: 50, SURNAME: 51, PLACE: 52, NOUN: 53}

LEXICON = Path(__file__).resolve().parent / "data" / "name_lexicon.tsv.gz"


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON) -> dict[str, int]:
    """Word form → class bit mask, read from a gzipped ``form<TAB>mask`` file."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {form: int(mask) for form, mask in (line.rstrip("\n").split("\t") for line in fh)}


def word_class(lexicon: dict[str, int], orth: str) -> int:
    """The class bits of one token text (exact form; an all-caps word also as title case)."""
    mask = lexicon.get(orth, 0)
    if not mask and len(orth) > 1 and orth.isupper():
        mask = lexicon.get(orth.title(), 0)
    return mask


def _has_class(lexicon: dict[str, int], bit: int) -> Callable[[str], bool]:
    def getter(orth: str) -> bool:
        return bool(word_class(lexicon, orth) & bit)

    return getter


@registry.callbacks("zitat.LexiconFeatures.v1")
def make_lexicon_features(path: str | None = None) -> Callable[[Language], Language]:
    """An ``after_creation`` callback that gives the vocab one lexeme flag per class."""

    def install(nlp: Language) -> Language:
        lexicon = load_lexicon(Path(path) if path else LEXICON)
        for bit, flag in FLAGS.items():
            # add_flag also sets the flag on lexemes that exist already
            nlp.vocab.add_flag(_has_class(lexicon, bit), flag_id=flag)
        return nlp

    return install

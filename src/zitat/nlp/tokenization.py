"""zitat's changes to spaCy's German tokenizer: ``@`` opens a token, hyphens split compounds.

* ``@`` as a prefix: spaCy's German tokenizer already splits ``#`` off a hashtag
  (``#Hamburg`` → ``#``, ``Hamburg``) but keeps a handle whole (``@SPIEGELONLINE``), so the
  name in it can never be an entity of its own; news feeds and RSS items quote tweets
  (``RT @faznet: …``), and DFKI SmartData annotates the name after the ``@`` (2 % of its
  mentions). ``@`` inside a word (``presse@stadt.de``) is no prefix and stays where it is.
* Hyphens the way UD German writes them (optional, :func:`with_hyphen_split`; measured for
  core model 0.9.0 and not shipped, see the model card): a hyphen between two
  letters or digits is a token of its own (``Lufthansa-Streik`` → ``Lufthansa``, ``-``,
  ``Streik``; ``Hans-Peter`` → ``Hans``, ``-``, ``Peter``) and so is the hyphen of a
  truncated word (``Rohstoff-`` in ``Rohstoff- und Umweltpolitik``). UD German GSD and PUD,
  which the tagger and parser learn from, split them so; and a name inside a compound
  (``EU`` in ``EU-Ebene``, 6 % of SmartData's mentions) can only be an entity of its own
  when it is a token of its own. spaCy's own German tokenizer splits only between digits.

The core model is built with this tokenizer (:mod:`zitat.train.core`), which is saved with
it, so nothing runs at load time and run time tokenizes as the model was trained; training
corpora are tokenized with it too (:func:`split_hyphens` re-tokenizes the pre-tokenized
GermEval words the same way). For a model built with the hyphen split, the entity rules
join a name the tagger stopped at a compound's hyphen (:mod:`zitat.nlp.entity_rules`) and
the quotation taggers see compounds whole (:func:`zitat.nlp.quote_model.compound_words`);
the rule-based role spans do not handle split compounds yet (the model card's 0.9.0
section); with spaCy's tokenization both are no-ops.
"""

from __future__ import annotations

import re

from spacy.lang.char_classes import ALPHA
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

#: prefixes added to the language's own
EXTRA_PREFIXES = ("@",)
#: a hyphen between letters or digits (UD German: `SPD - Wirtschaftsminister`)
HYPHEN_INFIX = rf"(?<=[{ALPHA}0-9])-(?=[{ALPHA}0-9])"
#: the hyphen of a truncated compound (`Rohstoff-` before `und`)
HYPHEN_SUFFIX = rf"(?<=[{ALPHA}0-9])-"

_PIECES = re.compile(HYPHEN_INFIX + "|" + HYPHEN_SUFFIX + "$")


def with_handle_prefix(nlp: Language) -> Language:
    """``nlp`` with ``@`` split off the start of a token (in place; returned for chaining)."""
    prefixes = list(nlp.Defaults.prefixes or ()) + [p for p in EXTRA_PREFIXES
                                                   if p not in (nlp.Defaults.prefixes or ())]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def with_hyphen_split(nlp: Language) -> Language:
    """``nlp`` with hyphenated compounds split as UD German does (in place; returned)."""
    infixes = [*(nlp.Defaults.infixes or ()), HYPHEN_INFIX]
    suffixes = [*(nlp.Defaults.suffixes or ()), HYPHEN_SUFFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def zitat_tokenizer(nlp: Language, hyphen_split: bool = False) -> Language:
    """``nlp`` with zitat's tokenizer changes: ``@`` split off, and with ``hyphen_split``
    hyphenated compounds split (in place; returned for chaining)."""
    with_handle_prefix(nlp)
    return with_hyphen_split(nlp) if hyphen_split else nlp


def split_hyphens(word: str) -> list[str]:
    """A pre-tokenized word's pieces under the hyphen rules above (``["EU", "-", "Ebene"]``).

    For corpora that come as words (GermEval), so that they are re-tokenized the way
    :func:`with_hyphen_split` tokenizes running text. A word without such a hyphen is
    returned whole.
    """
    pieces: list[str] = []
    start = 0
    for m in _PIECES.finditer(word):
        if m.start() > start:
            pieces.append(word[start:m.start()])
        pieces.append("-")
        start = m.end()
    if start < len(word):
        pieces.append(word[start:])
    return pieces or [word]

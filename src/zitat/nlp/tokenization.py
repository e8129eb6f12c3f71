"""zitat's one change to spaCy's German tokenizer: ``@`` opens a token as a prefix.

spaCy's German tokenizer already splits ``#`` off a hashtag (``#Hamburg`` → ``#``,
``Hamburg``) but keeps a handle whole (``@SPIEGELONLINE``), so the name in it can never be
an entity of its own; news feeds and RSS items quote tweets (``RT @faznet: …``), and
DFKI SmartData annotates the name after the ``@`` (2 % of its mentions). ``@`` inside a word
(``presse@stadt.de``) is no prefix and stays where it is. The core model is built with this
tokenizer (:mod:`zitat.train.core`), which is saved with it, so nothing runs at load time.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.util import compile_prefix_regex

#: prefixes added to the language's own
EXTRA_PREFIXES = ("@",)


def with_handle_prefix(nlp: Language) -> Language:
    """``nlp`` with ``@`` split off the start of a token (in place; returned for chaining)."""
    prefixes = list(nlp.Defaults.prefixes or ()) + [p for p in EXTRA_PREFIXES
                                                   if p not in (nlp.Defaults.prefixes or ())]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp

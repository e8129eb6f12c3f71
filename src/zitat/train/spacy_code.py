"""Functions zitat's training configs refer to, registered for ``spacy train --code``
(also those of the shipped core model, whose vectors a training run may load)."""

import zitat.nlp.lexicon_features  # zitat.LexiconFeatures.v1
import zitat.nlp.stts_upos  # noqa: F401

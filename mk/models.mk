# Retrain every shipped model from ../shared/data (see src/zitat/models/MODEL_CARD.md).
.PHONY: models models-core models-quotes models-medium lexicon

# the medium classifier learns from the quotation rules' output, so it comes after the taggers
models: models-core models-quotes models-medium gazetteer

# core: floret vectors (train extra), UD pipeline and NER pipeline, assembled (~35 min on 1 CPU)
models-core: lexicon
	$(PY) -m zitat.train.core

# word classes (first names, surnames, places, nouns) read by the NER's tok2vec
lexicon: install
	$(PY) -m pip install --quiet -e ".[train]"
	$(PY) -m pip install --quiet --no-deps "german-nouns==1.2.5"
	$(PY) -m zitat.train.lexicon

models-quotes: install
	$(PY) -m zitat.train.quotes

models-medium: install
	$(PY) -m zitat.train.medium

# Retrain every shipped model from ../shared/data (see src/zitat/models/MODEL_CARD.md).
.PHONY: models models-core models-quotes models-medium

# the medium classifier learns from the quotation rules' output, so it comes after the taggers
models: models-core models-quotes models-medium gazetteer

models-core: install
	$(PY) -m zitat.train.core

models-quotes: install
	$(PY) -m zitat.train.quotes

models-medium: install
	$(PY) -m zitat.train.medium

# Retrain every shipped model from ../shared/data (see src/zitat/models/MODEL_CARD.md).
.PHONY: models models-core models-quotes

models: models-core models-quotes gazetteer

models-core: install
	$(PY) -m zitat.train.core

models-quotes: install
	$(PY) -m zitat.train.quotes

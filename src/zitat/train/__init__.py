"""Training: converters from ../shared/data to spaCy DocBins, configs, training entry points."""

"""Scorers and format converters for evaluation corpora."""

"""spaCy pipeline: the shipped German model plus zitat's own components."""

"""Imported once by the worker forkserver so every forked worker starts warm: pipeline imported, spaCy
pipeline built, word frequencies loaded."""

from pipeline.nlp import build_nlp
from pipeline.process import process_file  # noqa: F401  (imports the readers and extractors)
from pipeline.text.words import zipf

build_nlp()
zipf("the")

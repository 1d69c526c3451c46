"""Text normalisation and repair, each step returning new text plus a map back to source offsets."""

from pipeline.text.mapped import MappedText
from pipeline.text.normalise import NormalisedDocument, normalise_document

__all__ = ["MappedText", "NormalisedDocument", "normalise_document"]

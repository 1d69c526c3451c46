"""Extractors: functions from a parsed document (normalised text, blocks, spaCy docs) to records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.records import Block, Provenance
from pipeline.text.normalise import NormalisedDocument

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document after normalisation, structure and NLP: what every extractor reads."""

    doc_id: str
    text: NormalisedDocument
    blocks: tuple[Block, ...]
    docs: tuple[Doc, ...]  # one spaCy Doc per block, same order


def provenance(parsed: ParsedDocument, block: Block, start: int, end: int, rule: str) -> Provenance:
    """Provenance of block.text[start:end]: page, page-level source offsets and normalised offsets."""
    norm_start, norm_end = block.start + start, block.start + end
    page, source_start, source_end = parsed.text.locate(norm_start, norm_end)
    return Provenance(parsed.doc_id, page, source_start, source_end, norm_start, norm_end, block.section, rule)


def squash(text: str) -> str:
    """Collapse runs of white space (wrapped lines, blank lines inside an item) to single spaces."""
    return " ".join(text.split())

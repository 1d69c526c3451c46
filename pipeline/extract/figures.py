"""Figures: numbers with their unit, counted noun, range and qualifier, and the sentence they stand in."""

from __future__ import annotations

from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.records import Figure


def extract_figures(parsed: ParsedDocument) -> list[Figure]:
    """Every figure the figure rules found, with its sentence for context."""
    figures: list[Figure] = []
    for block, doc in zip(parsed.blocks, parsed.docs):
        for span in doc.spans.get("figures", []):
            info = span._.figure
            start, end = info["start_char"], info["end_char"]
            prov = provenance(parsed, block, start, end, f"figure_{info['rule']}")
            figures.append(Figure(squash(block.text[start:end]), info["value"], info["value_max"], info["unit"],
                                  info["counted"], info["qualifier"], squash(span.sent.text), prov))
    return figures

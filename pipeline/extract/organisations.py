"""Organisation mentions: gazetteer matches and name-shape rules, one non-overlapping mention per name."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.records import Mention

# When candidate spans overlap, the more reliable rule wins; among equals, the longer span.
RULE_PRIORITY = {"gazetteer": 4, "acronym_definition": 3, "org_head_shape": 2, "cue_name": 2, "acronym_bare": 1}


def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Every organisation mention in the document, with provenance and the acronym declared beside it."""
    mentions: list[Mention] = []
    for block, doc in zip(parsed.blocks, parsed.docs):
        for span, rule, org_type, acronym, known_id in _choose(doc):
            prov = provenance(parsed, block, span.start_char, span.end_char, rule)
            mentions.append(Mention(squash(span.text), org_type, acronym, known_id, prov))
    return mentions


def _candidates(doc) -> list[tuple[Span, str, str, str | None, str | None]]:
    out = []
    for key in ("org_gazetteer", "org_gazetteer_acronyms"):
        for span in doc.spans.get(key, []):
            if _in_brackets(span):
                continue  # "Asian Development Bank (ADB)": the acronym belongs to the name before it
            out.append((span, "gazetteer", span.label_, None, span.id_ or None))
    for span in doc.spans.get("org_shapes", []):
        out.append((span, span._.rule, span._.org_type or "other", span._.acronym, None))
    return out


def _in_brackets(span: Span) -> bool:
    doc = span.doc
    return 0 < span.start and span.end < len(doc) and doc[span.start - 1].text == "(" and doc[span.end].text == ")"


def _choose(doc) -> list[tuple[Span, str, str, str | None, str | None]]:
    candidates = _candidates(doc)
    # Spans with identical boundaries pool what they know (gazetteer id, declared acronym).
    pooled: dict[tuple[int, int], list] = {}
    for span, rule, org_type, acronym, known_id in candidates:
        key = (span.start, span.end)
        if key not in pooled:
            pooled[key] = [span, rule, org_type, acronym, known_id]
            continue
        entry = pooled[key]
        if RULE_PRIORITY[rule] > RULE_PRIORITY[entry[1]]:
            entry[1], entry[2] = rule, org_type
        entry[3] = entry[3] or acronym
        entry[4] = entry[4] or known_id
    ranked = sorted(pooled.values(), key=lambda e: (-RULE_PRIORITY[e[1]], -(e[0].end - e[0].start), e[0].start))
    taken: set[int] = set()
    chosen = []
    for span, rule, org_type, acronym, known_id in ranked:
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append((span, rule, org_type, acronym, known_id))
    return sorted(chosen, key=lambda e: e[0].start)

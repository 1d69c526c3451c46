"""Recommendations: list items and prose inside sections headed as recommendations, plus formal
"We recommend that <addressee> ..." sentences anywhere, each with the audience it addresses.

Audience headings may come before the items they label or, in text extracted from some PDF layouts, after
them; a section's first audience heading tells which: if items came before it, labels trail their lists.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.config import PATTERNS_DIR
from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.records import Block, Recommendation

# A section ends after this many consecutive blocks that hold no recommendation.
MAX_GAP_BLOCKS = 3
AUDIENCE_LABEL_MAX_WORDS = 8
_ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
_MINOR = frozenset("a an and as at by for from in into of on or the to with under via de".split())
_LABEL_PREFIX = re.compile(r"^(?:for|to)\s+(?:the\s+)?", re.IGNORECASE)
# "Ministry of X (https://x.gov)", "X NGO - www.x.org": the address is not part of the name.
_ADDRESS = re.compile(r"[\s(–-]*(?:https?://|www\.)\S*[)\s]*|\((?:[\w-]+\.)+[a-z]{2,}/?\S*\)", re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    headings: re.Pattern[str]
    not_headings: re.Pattern[str]
    audience: re.Pattern[str]
    prose: re.Pattern[str]
    meta: re.Pattern[str]
    formal: re.Pattern[str]
    subject: re.Pattern[str]
    not_audience: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads((PATTERNS_DIR / "recommendations.json").read_text(encoding="utf-8"))

    def any_of(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    return _Rules(any_of("section_headings"), any_of("not_section_headings"), any_of("audience_terms"),
                  any_of("prose_cues"), any_of("meta_sentences"), re.compile(data["formal"]),
                  re.compile(data["addressee_subject"]), re.compile(rf"\b(?:{'|'.join(data['not_audience_words'])})",
                                                                   re.IGNORECASE))


def is_recommendation_heading(text: str) -> bool:
    rules = _rules()
    return bool(rules.headings.search(text)) and not rules.not_headings.search(text)


def audience_label(text: str) -> str | None:
    """The audience a short heading names ('Private Sector:', 'For donors'), or None if it is not one."""
    label = text.strip().rstrip(":").strip()
    words = label.split()
    if not words or len(words) > AUDIENCE_LABEL_MAX_WORDS or _rules().not_audience.search(label):
        return None  # "Agency Comments and Our Evaluation" is the next section, not an audience
    if text.strip().endswith(":") or _rules().audience.search(label):
        return _LABEL_PREFIX.sub("", label)
    return None


def looks_like_name(text: str) -> bool:
    """A list item that is an organisation's name, not an action ('Ministry of X (MX)', 'World Bank')."""
    stripped = _ADDRESS.sub(" ", text).strip()
    words = re.findall(r"[^\W\d_][\w'’-]*", stripped)
    if not words or len(words) > 16 or stripped.endswith((".", ";", ",", " and", " or")):
        return False
    if _ADDRESS.search(text.rstrip()[-60:]):
        return True  # "Name (www.name.org)": a directory entry
    content = [w for w in words if w.lower() not in _MINOR]
    lower = sum(1 for w in content if not w[0].isupper())
    # Names are capitalised throughout; one lower-case word is tolerated in a short one ("Labour relations").
    return bool(content) and (lower == 0 or (lower == 1 and len(content) <= 4))


def addressee(sentence: str) -> str | None:
    """'The Secretary of State should ...' / 'We recommend that the Administrator ...' -> the addressee."""
    rules = _rules()
    match = rules.formal.search(sentence) or rules.subject.search(sentence.strip())
    if match is None:
        return None
    words = match.group("addressee").split()
    while words and words[-1].lower() in _MINOR:
        words.pop()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words) or None


def extract_recommendations(parsed: ParsedDocument) -> list[Recommendation]:
    """Recommendations from recommendation sections, then formal recommendation sentences elsewhere."""
    blocks = parsed.blocks
    found: list[Recommendation] = []
    covered: set[int] = set()
    for index, block in enumerate(blocks):
        if block.kind == "heading" and index not in covered and is_recommendation_heading(block.text):
            end, items = _section(parsed, index)
            covered.update(range(index, end))
            found.extend(items)
    for index, (block, doc) in enumerate(zip(blocks, parsed.docs)):
        if index in covered or block.kind == "heading":
            continue
        for sentence in doc.sents:
            if _rules().formal.search(sentence.text):
                found.append(_make(parsed, block, sentence.start_char, sentence.end_char, "prose",
                                   addressee(sentence.text), "rec_formal_sentence"))
    return sorted(found, key=lambda r: r.prov.norm_start)


def _section(parsed: ParsedDocument, heading_index: int) -> tuple[int, list[Recommendation]]:
    """Walk the blocks under a recommendations heading; return (index after the section, recommendations)."""
    blocks, docs = parsed.blocks, parsed.docs
    heading = blocks[heading_index]
    heading_audience = _heading_audience(heading.text)
    section = squash(heading.text).rstrip(":")
    pending: list[tuple[Block, int, int, str, str]] = []  # block, start, end, kind, rule
    out: list[Recommendation] = []
    trailing: bool | None = None
    label: str | None = None
    gap = 0

    def flush(audience: str | None) -> None:
        for block, start, end, kind, rule in pending:
            text = block.text[start:end]
            out.append(_make(parsed, block, start, end, kind, audience or addressee(text) or heading_audience, rule,
                             section))
        pending.clear()

    index = heading_index + 1
    while index < len(blocks) and gap < MAX_GAP_BLOCKS:
        block = blocks[index]
        if block.kind == "heading":
            if is_recommendation_heading(block.text):
                break
            new_label = audience_label(block.text)
            if new_label is None:
                break
            if trailing is None:
                trailing = bool(pending)
            if trailing:
                flush(new_label)
            else:
                flush(label)
                label = new_label
            gap = 0
        elif block.kind == "item":
            if looks_like_name(block.text):
                break
            number = _ITEM_NUMBER.match(block.text) if block.marker == "numbered" else None
            pending.append((block, number.end() if number else 0, len(block.text.rstrip()), block.marker or "bullet",
                            f"rec_section_{block.marker or 'bullet'}"))
            gap = 0
        else:
            sentences = [s for s in docs[index].sents
                         if _rules().prose.search(s.text) and not _rules().meta.search(s.text)]
            for sentence in sentences:
                pending.append((block, sentence.start_char, sentence.end_char, "prose", "rec_section_prose"))
            gap = 0 if sentences else gap + 1
        index += 1
    flush(None if trailing else label)
    return index, out


def _heading_audience(heading: str) -> str | None:
    """'Recommendations to the Ministry of Health' -> 'Ministry of Health'."""
    match = re.search(r"\brecommendations?\s+(?:for|to)\s+(?:the\s+)?(.+)$", heading.strip().rstrip(":"), re.IGNORECASE)
    if match and _rules().audience.search(match.group(1)) and not re.search(r"\bsupport|improv|strengthen",
                                                                            match.group(1), re.IGNORECASE):
        return match.group(1)
    return None


def _make(parsed: ParsedDocument, block: Block, start: int, end: int, kind: str, audience: str | None,
          rule: str, section: str | None = None) -> Recommendation:
    """A recommendation from block.text[start:end]; inside a recommendations section, that section's heading."""
    text = block.text[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip(" ([{"))  # the sentencizer leaves "(" of "(Recommendation 1)" behind
    prov = provenance(parsed, block, start, end, rule)
    if section is not None:
        prov = replace(prov, section=section)
    return Recommendation(squash(block.text[start:end]), audience, kind, prov)

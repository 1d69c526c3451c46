"""Organisation mentions: gazetteer matches and name-shape rules, one non-overlapping mention per name; names
listed under (or, in some PDF layouts, above) a heading that labels a list of organisations ('Private Sector:',
'International Organizations and Agencies:'); acronyms declared in a glossary ('CDC  Centers for Disease Control')."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Span

from pipeline.config import PATTERNS_DIR
from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.extract.recommendations import looks_like_name
from pipeline.nlp.components import is_acronym, schwartz_hearst
from pipeline.records import Block, Mention
from pipeline.resolve.keys import is_place
from pipeline.text.words import is_known_word

# When candidate spans overlap, the more reliable rule wins; among equals, the longer span. A gazetteer acronym
# inside a defined name gives way to it ("UN Country Team (UNCT)" is not "UN").
RULE_PRIORITY = {"gazetteer": 4, "acronym_definition": 3, "org_office": 3, "org_head_shape": 2, "cue_name": 2,
                 "acronym_bare": 1}
GAZETTEER_ACRONYM_PRIORITY = 2.5
# A listed name has at most this many words; longer items are sentences or descriptions.
LIST_NAME_MAX_WORDS = 8
# Capital letters in the two words around an acronym from which the line counts as set in capitals ("Y A UN
# MANQUE"); two short acronyms side by side ("EU UN") are not a shouted line.
SHOUTED_NEIGHBOURS_MIN_CHARS = 5
# A listed item may open with a lower-case description of this many words before the quoted name.
DESCRIPTOR_MAX_WORDS = 3
_GLOSSARY_HEADING = re.compile(r"\b(?:abbreviations|acronyms|glossary)\b", re.IGNORECASE)
_GLOSSARY_LINE = re.compile(r"^(?P<acr>[A-Z][\w&./-]{1,11})[ \t]*(?:[-–—:=][ \t]*|[ \t])(?P<long>[A-Z].*?)[ \t]*$")
# Where a listed name ends: a bracket, a comma, a dash between spaces, a semicolon, an address.
_NAME_END = re.compile(r"\s*(?:[(\[,;]|\s[-–—]\s|https?://|www\.|$)")
_ROLE_DASH = re.compile(r"\s[-–—]\s+\S")
# "Non- Governmental", "Nur- Sultan": a hyphen left before a line break inside a name; a dash between names has a
# space on both sides.
_BROKEN_HYPHEN = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")
# "Caritas Czech Republic in Mongolia": a listed name ends before a place it works in; "CBO in Hissor district"
# describes an organisation without naming it.
_LISTED_PLACE = re.compile(r"\s(?:in|at)\s")
_QUOTE_OPEN = "“\"«„"
_QUOTE_CLOSE = "”\"»“"


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    roles = json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))["role_words"]
    return frozenset(roles["company"]) | frozenset(roles["other"])


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    return frozenset(json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))["heads"])


@lru_cache(maxsize=1)
def _unit_heads() -> frozenset[str]:
    return frozenset(json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))["unit_heads"])


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    return frozenset(json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))["generic_modifiers"])


def mention_text(text: str) -> str:
    """The printed name with wrapped lines joined and a hyphen broken at a line end rejoined."""
    return _BROKEN_HYPHEN.sub("-", squash(text))


@lru_cache(maxsize=1)
def _list_labels() -> list[tuple[re.Pattern[str], str]]:
    data = json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))
    return [(re.compile(pattern, re.IGNORECASE), org_type) for pattern, org_type in data["list_labels"]]


def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Every organisation mention in the document, with provenance and the acronym declared beside it."""
    mentions: list[Mention] = []
    covered: dict[int, list[tuple[int, int]]] = {}
    for index, (block, doc) in enumerate(zip(parsed.blocks, parsed.docs)):
        chosen = _choose(doc)
        for number, (span, rule, org_type, acronym, known_id) in enumerate(chosen):
            if number and _unit_of(chosen[number - 1][0], span):
                continue
            prov = provenance(parsed, block, span.start_char, span.end_char, rule)
            mentions.append(Mention(mention_text(span.text), org_type, acronym, known_id, prov))
            if rule != "acronym_bare":  # a bare acronym counts only if defined; a listed name may contain one
                covered.setdefault(index, []).append((span.start_char, span.end_char))
    listed = _listed_names(parsed, covered)
    spans = {(m.prov.norm_start, m.prov.norm_end) for m in listed}
    # A listed acronym ("• INTRAC") is a name in its own right, not a bare acronym waiting for a definition.
    mentions = [m for m in mentions if not (m.prov.rule == "acronym_bare" and (m.prov.norm_start, m.prov.norm_end) in spans)]
    return _with_glossary_acronyms(parsed, sorted([*mentions, *listed], key=lambda m: m.prov.norm_start))


def _candidates(doc) -> list[tuple[Span, str, str, str | None, str | None]]:
    out = []
    for key in ("org_gazetteer", "org_gazetteer_acronyms"):
        for span in doc.spans.get(key, []):
            if key == "org_gazetteer_acronyms" and _in_brackets(span):
                continue  # "Asian Development Bank (ADB)": the acronym belongs to the name before it
            if key == "org_gazetteer_acronyms" and _in_capitals(span):
                continue  # "IL Y A UN MANQUE": a word of a line set in capitals, not the acronym
            if _continues_name(span):
                continue  # "State Department for Cooperatives": a longer name than the known one
            out.append((span, "gazetteer", span.label_, None, span.id_ or None))
    for span in doc.spans.get("org_shapes", []):
        out.append((span, span._.rule, span._.org_type or "other", span._.acronym, None))
    return out


def _continues_name(span: Span) -> bool:
    """A known name ending in a head word that goes on with a complement ('of'/'for' and a capitalised word)."""
    doc = span.doc
    if not (span[-1].text in _head_words() and span.end + 1 < len(doc) and doc[span.end].text in ("of", "for")
            and doc[span.end + 1].text[:1].isupper()):
        return False
    complement = doc[span.end + 1:span.end + 4]
    return not any(is_place(complement[:n].text) for n in range(1, len(complement) + 1))  # "World Bank of Uzbekistan"


def _unit_of(before: Span, span: Span) -> bool:
    """'Ministry of Labour, Employment Directorate': a unit named in common words right after its organisation."""
    doc = span.doc
    return span.start == before.end + 1 and doc[before.end].text == "," and span[-1].text in _unit_heads() \
        and all(is_known_word(t.text) and not is_acronym(t.text) and not is_place(t.text) for t in span[:-1])


def _in_brackets(span: Span) -> bool:
    doc = span.doc
    return 0 < span.start and span.end < len(doc) and doc[span.start - 1].text == "(" and doc[span.end].text == ")"


def _in_capitals(span: Span) -> bool:
    """Both neighbours of the span are words set in capitals: a shouted line, where acronyms cannot be told apart."""
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return len(neighbours) == 2 and all(t.is_alpha and t.is_upper for t in neighbours) \
        and sum(len(t) for t in neighbours) >= SHOUTED_NEIGHBOURS_MIN_CHARS


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
        # a head word's type beats a role cue's guess ("staff at the Ministry of Justice" is no company)
        if RULE_PRIORITY[rule] > RULE_PRIORITY[entry[1]] or (rule, entry[1]) == ("org_head_shape", "cue_name"):
            entry[1], entry[2] = rule, org_type
        entry[3] = entry[3] or acronym
        entry[4] = entry[4] or known_id
    acronyms = {(span.start, span.end) for span in doc.spans.get("org_gazetteer_acronyms", [])} - {
        (span.start, span.end) for span in doc.spans.get("org_gazetteer", [])}

    def priority(entry: list) -> float:
        span, rule = entry[0], entry[1]
        return GAZETTEER_ACRONYM_PRIORITY if rule == "gazetteer" and (span.start, span.end) in acronyms \
            else RULE_PRIORITY[rule]

    ranked = sorted(pooled.values(), key=lambda e: (-priority(e), -(e[0].end - e[0].start), e[0].start))
    taken: set[int] = set()
    chosen = []
    for span, rule, org_type, acronym, known_id in ranked:
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        chosen.append((span, rule, org_type, acronym, known_id))
    return sorted(chosen, key=lambda e: e[0].start)


# -- lists of organisations -----------------------------------------------------------------------------------

def list_label_type(text: str) -> str | None:
    """The organisation type a heading labelling a list of organisations implies, or None if it labels none."""
    label = text.strip()
    if len(label.split()) > 8:
        return None
    return next((org_type for pattern, org_type in _list_labels() if pattern.search(label)), None)


def _listed_names(parsed: ParsedDocument, covered: dict[int, list[tuple[int, int]]]) -> list[Mention]:
    """Items of a list next to an organisation-list heading that name something no other rule recognised
    ('Okoo', 'Tasees-Afghanistan', 'Green TAL'); the heading after the list is preferred where the document's
    labels trail their lists."""
    blocks = parsed.blocks
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(blocks):
        if blocks[index].kind == "item":
            end = index
            while end < len(blocks) and blocks[end].kind == "item":
                end += 1
            runs.append((index, end))
            index = end
        else:
            index += 1
    labelled = []
    for start, end in runs:
        before = list_label_type(blocks[start - 1].text) if start > 0 and blocks[start - 1].kind == "heading" else None
        after = list_label_type(blocks[end].text) if end < len(blocks) and blocks[end].kind == "heading" else None
        labelled.append((start, end, before, after))
    trailing = sum(1 for *_, b, a in labelled if a and not b) >= sum(1 for *_, b, a in labelled if b and not a)
    out: list[Mention] = []
    for start, end, before, after in labelled:
        org_type = (after or before) if trailing else (before or after)
        if org_type is None:
            continue
        for index in range(start, end):
            mention = _listed_name(parsed, blocks[index], org_type, covered.get(index, []))
            if mention is not None:
                out.append(mention)
    return out


def _listed_name(parsed: ParsedDocument, block: Block, org_type: str,
                 covered: list[tuple[int, int]]) -> Mention | None:
    text = block.text
    dash = _ROLE_DASH.search(text)
    if dash and text[dash.end() - 1:].split()[0].lower().strip(",") in _role_words():
        return None  # "Aibek Sapashov – co-owner of Makers": a person; the role rule finds the organisation
    start = len(text) - len(text.lstrip())
    if text[start:].startswith("The "):
        start += 4
    quote = next((i for i, c in enumerate(text[start:], start) if c in _QUOTE_OPEN), None)
    descriptor = text[start:quote].split() if quote is not None else []
    if 2 <= len(descriptor) <= DESCRIPTOR_MAX_WORDS and all(w.islower() for w in descriptor[1:]):
        start = quote + 1  # 'Individual enterprise “Turkmen-Innovation”': the name is the quoted part
    end = _NAME_END.search(text, start).start()
    close = next((i for i, c in enumerate(text[start:end], start) if c in _QUOTE_CLOSE), None)
    end = close if close is not None and quote is not None and start == quote + 1 else end
    place = _LISTED_PLACE.search(text, start, end)
    if place is not None:
        if any(w[:1].islower() for w in text[place.end():end].split()):
            return None  # "CBO in Hissor district": a description
        end = place.start()
    name = text[start:end].strip()
    words = name.split()
    if not words or len(words) > LIST_NAME_MAX_WORDS or not looks_like_name(name) or not name[:1].isupper():
        return None
    if name in _generic_words():
        return None  # "CBO", "NGOs": a kind of organisation, not one
    if any(s < end and start < e for s, e in covered):
        return None  # another rule already found the name
    if not any(not is_known_word(w.strip("'’")) or is_acronym(w) for w in re.split(r"[\s-]+", name) if w):
        return None  # "Local Authorities", "Business": common words, not a name
    prov = provenance(parsed, block, start, start + len(name), "org_list_item")
    return Mention(mention_text(name), org_type, None, None, prov)


# -- acronym glossaries ---------------------------------------------------------------------------------------

def _glossary(parsed: ParsedDocument) -> dict[int, str]:
    """Normalised end offset of each long form in an acronym glossary -> its acronym."""
    out: dict[int, str] = {}
    text = parsed.text.text
    for block in parsed.blocks:
        if not (block.section and _GLOSSARY_HEADING.search(block.section)):
            continue
        position = block.start
        for line in text[block.start:block.end].split("\n"):
            match = _GLOSSARY_LINE.match(line)
            if match and is_acronym(match.group("acr")) \
                    and schwartz_hearst(match.group("acr"), match.group("long").split()) is not None:
                out[position + match.end("long")] = match.group("acr")
            position += len(line) + 1
    return out


def _with_glossary_acronyms(parsed: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    glossary = _glossary(parsed)
    if not glossary:
        return mentions
    return [replace(m, acronym=glossary[m.prov.norm_end]) if m.acronym is None and m.prov.norm_end in glossary
            and m.prov.rule != "acronym_bare" else m for m in mentions]

"""Organisation mentions: gazetteer matches and name-shape rules, one non-overlapping mention per name; names
listed under (or, in some PDF layouts, above) a heading that labels a list of organisations ('Private Sector:',
'International Organizations and Agencies:'); acronyms declared in a glossary ('CDC  Centers for Disease Control');
acronyms listed among names ('Stanford University, MIT, ...'); publishers of citations ('London: Frances Pinter.',
'Title. Kabar. (2018). http://en.kabar.kg/...')."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache, lru_cache

from spacy.tokens import Span

from pipeline.config import PATTERNS_DIR
from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.extract.recommendations import looks_like_name
from pipeline.nlp import gazetteer
from pipeline.nlp.components import is_acronym, schwartz_hearst
from pipeline.records import Block, Mention
from pipeline.resolve.keys import is_place, is_town, lexicon, name_key
from pipeline.text.words import dangling_adjectives, is_known_word

# When candidate spans overlap, the more reliable rule wins; among equals, the longer span. A gazetteer acronym
# or name inside a defined name gives way to it ("UN Country Team (UNCT)" is not "UN", "United Nations
# International Children's Emergency Fund (UNICEF)" is not "United Nations").
RULE_PRIORITY = {"gazetteer": 4, "acronym_definition": 3, "org_office": 3, "org_head_shape": 2, "cue_name": 2,
                 "acronym_bare": 1}
# An all-capitals word listed among organisation names ("Stanford University, MIT, ...") is published under this rule.
LISTED_ACRONYM_RULE = "org_list_acronym"
_STANDALONE_ACRONYM_RULES = frozenset({"acronym_bare", LISTED_ACRONYM_RULE})
# A coined one-word name ("Safaricom", "AgriHub") listed between organisation names.
LISTED_COINED_RULE = "org_list_coined"
# Names listed after a plural kind of organisation and a colon ("Formula companies: A, B, and C").
COLON_LIST_RULE = "org_colon_list"
# "the Water Sector Programme (WSP)": an acronym the document defines; not an organisation's unless a name rule
# found the long form.
_BRACKETED_ACRONYM = re.compile(r"\((?P<acr>[A-Z][\w&]{1,9})\)")
# Citations: a publisher after its town and a colon at the end of an entry ("New York, NY: Routledge." before a
# line end, an address or the next entry), or before a comma and its town when a doi or address follows
# ("Springer, Cham. https://doi.org/..."). The town opens an element of the entry (after ". ", ", ", ") " or a
# line start); the entry gives a year and then at least CITATION_TITLE_MIN_WORDS words of title before the town,
# so "2019. Kyrgyzstan: Civil Society Today." is a title, not a publisher.
PUBLISHER_RULE = "org_publisher"
CITATION_TITLE_MIN_WORDS = 3
# How far back from a publisher the rest of its entry (year, title) is looked for: a long entry's length.
CITATION_MAX_CHARS = 400
# Publishers' names are short ("Kluwer Academic/Plenum Publishers"); a longer capitalised run is a title.
PUBLISHER_MAX_WORDS = 6
# Rules whose names inside a publisher slot give way to the publisher's whole name ('Oxford University' in
# 'Oxford University Press', 'INTRAC' found bare); a gazetteer or defined name keeps the slot.
_PUBLISHER_YIELDS = frozenset({"acronym_bare", "org_head_shape", "cue_name"})
_PUB_WORD = r"[A-Z][\w&'’/-]*(?:\.(?=[A-Z]))?"
_PUB_NAME = rf"{_PUB_WORD}(?:\s(?:{_PUB_WORD}|of|and|for|the|&|de|du|und))*?"
_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?:,\s(?:[A-Z]{2}|D\.C\.|[A-Z][a-z]+))?"
_ELEMENT_START = r"(?:(?<=[.,)]\s)|(?<=^)|(?<=\n))"
_PUBLISHER_AFTER_PLACE = re.compile(
    rf"{_ELEMENT_START}(?P<place>{_PLACE}):\s(?P<pub>{_PUB_NAME})\.(?=\s*$|\s+(?:https?://|doi|[A-Z“‘\"(]))")
_PUBLISHER_BEFORE_PLACE = re.compile(
    rf"(?<=[.)]\s)(?P<pub>{_PUB_NAME}),\s(?P<place>{_PLACE})\.\s+(?=https?://|doi)")
# APA 7 and other styles print the publisher alone as the entry's last element ('... Title. Zed Books.'): a
# publisher there needs a publisher word at its end ('publisher_words'); a closing 'Civil Society Today.' is a
# title's, a closing 'Tokmok.' may be a town's.
_PUBLISHER_ENDING_ENTRY = re.compile(
    rf"(?<=[.?!]\s)(?P<pub>{_PUB_NAME})\.(?=\s*$|\s+(?:https?://|doi))")
# Web citations name their source as an element of the entry before its address ('Title. Kabar. (30 March 2018).
# http://en.kabar.kg/...', 'Title. Search for Common Ground. 2017. https://www.sfcg.org/...'): an element whose
# letters or initials spell the address's site name is the publishing organisation.
_SITE = re.compile(r"(?:https?://|(?<![\w@])www\.)(?P<host>[\w-]+(?:\.[\w-]+)+)[^\s]*", re.IGNORECASE)
_CITATION_ELEMENT = re.compile(rf"(?:(?<=[.?!]\s)|(?<=^)|(?<=^\s)|(?<=\n))(?P<pub>{_PUB_NAME})\.(?=\s)")
# Second-level labels under which sites register below a country code ('gov.kg', 'co.uk'): the site name is before.
_REGISTRY_LABELS = frozenset({"co", "com", "org", "gov", "ac", "edu", "net", "or", "go", "ne"})
_CITATION_YEAR = re.compile(r"(?<![\d/.-])(?:1[89]|20)\d\d[a-z]?(?![\d/-])")
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
# A name that ends its line on a word needing a noun ("of Foreign") takes at most this many capitalised words
# from the start of the next block ("Languages").
DANGLING_CONTINUATION_WORDS = 3
# The rest of an item in a labelled list of organisations joins the name found at its start when it is at most
# this many words and none of them is a word that starts a description ("in Tajikistan", "under the Government").
LIST_TAIL_MAX_WORDS = 6
_LIST_TAIL_STOPS = frozenset({"in", "at", "under", "within", "by", "with", "member", "is", "was", "and/or"})
_EXTENDABLE_RULES = frozenset({"org_head_shape", "acronym_definition"})
# Words after a name that make it a programme's, and how far back from them a programme's name is read.
_PROGRAMME_WORDS = frozenset({"program", "programme", "project"})
PROGRAMME_NAME_MAX_WORDS = 8
_QUOTE_OPEN = "“\"«„"
_QUOTE_CLOSE = "”\"»“"


@lru_cache(maxsize=1)
def _heads_lexicon() -> dict:
    """The organisation-shape lexicon (patterns/org_heads.json), read once for every word list below."""
    return json.loads((PATTERNS_DIR / "org_heads.json").read_text(encoding="utf-8"))


@cache
def _words(key: str) -> frozenset[str]:
    """One word list of the lexicon ('heads', 'unit_heads', 'publisher_places' ...) as a set."""
    return frozenset(_heads_lexicon()[key])


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    roles = _heads_lexicon()["role_words"]
    return frozenset(roles["company"]) | frozenset(roles["other"])


@lru_cache(maxsize=1)
def _appositive_cues() -> dict[str, str]:
    return _heads_lexicon()["appositive_cues"]


@lru_cache(maxsize=1)
def _finals() -> frozenset[str]:
    """Words ending names of concepts, systems and programmes ('Systems', 'Programme')."""
    return _words("concept_finals") | _words("programme_finals")


@lru_cache(maxsize=1)
def _gazetteer_by_acronym() -> dict[str, dict]:
    return {entry["acronym"]: entry for entry in gazetteer() if entry.get("acronym")}


def _content_words(name: str) -> set[str]:
    """The words of a name key that are not function words: 'United Nations Children's Fund' -> {united, ...}."""
    return set(name_key(name).split()) - {"of", "for", "the", "and", "on", "in", "de", "des", "du"}


def mention_text(text: str) -> str:
    """The printed name with wrapped lines joined and a hyphen broken at a line end rejoined."""
    return _BROKEN_HYPHEN.sub("-", squash(text))


@lru_cache(maxsize=1)
def _list_labels() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern, re.IGNORECASE), org_type) for pattern, org_type in _heads_lexicon()["list_labels"]]


def extract_mentions(parsed: ParsedDocument) -> list[Mention]:
    """Every organisation mention in the document, with provenance and the acronym declared beside it."""
    mentions: list[Mention] = []
    covered: dict[int, list[tuple[int, int]]] = {}
    not_orgs = _non_org_acronyms(parsed)
    for index, (block, doc) in enumerate(zip(parsed.blocks, parsed.docs)):
        chosen = _listed_coined(_listed_acronyms(_choose(doc), not_orgs), not_orgs)
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
    starts = [b.start for b in parsed.blocks]
    mentions = _whole_list_items(parsed, [m for m in (_across_lines(parsed, starts, m) for m in mentions) if m])
    mentions = _with_publishers(parsed, _without_programmes(parsed, mentions))
    mentions = [*mentions, *listed, *_colon_listed_names(parsed, [*mentions, *listed])]
    mentions = _with_glossary_acronyms(parsed, sorted(mentions, key=lambda m: m.prov.norm_start))
    return _typed_by_declaration(mentions)


# -- names across line breaks, whole list items, programmes ---------------------------------------------------

def _across_lines(parsed: ParsedDocument, starts: list[int], mention: Mention) -> Mention | None:
    """A name ends where its line ends on a word that needs a noun and the next block is that noun ('State
    University of Foreign' / 'Languages' in a table cell), or ends a heading whose next line opens with its head
    word ('... Eurasia Partnership' / 'Foundation (EPF), 2008-2013'); it was a system's or a programme's when that
    line opens with 'Systems' or 'Programme' (None); a place ending the line before a name is not part of it
    ('social innovations in Central Asia' / 'Social Innovations Research Committee')."""
    if mention.prov.rule in ("acronym_bare", LISTED_ACRONYM_RULE):
        return mention
    text = parsed.text.text
    start, end = mention.prov.norm_start, mention.prov.norm_end
    org_type = mention.org_type
    first_break = text.find("\n", start, end)
    if first_break != -1 and is_place(text[start:first_break].strip()) \
            and text[max(0, start - 12):start].rstrip().split()[-1:] in (["in"], ["across"], ["throughout"]):
        start = first_break + 1 + len(text[first_break + 1:end]) - len(text[first_break + 1:end].lstrip())
    after = bisect_right(starts, end)
    block = parsed.blocks[after] if after < len(starts) and not text[end:starts[after]].strip() else None
    if block is not None:
        line = text[block.start:block.end].split("\n")[0].strip()
        first = re.match(r"[^\W\d_][\w'’-]*", line)
        words = text[start:end].split()
        if words and words[-1] in dangling_adjectives():
            if 0 < len(line.split()) <= DANGLING_CONTINUATION_WORDS and all(
                    w[:1].isupper() and w.isalpha() for w in line.split()):
                end = block.start + len(line)
        elif first is not None and after > 0 and parsed.blocks[after - 1].kind == "heading":
            following = line[first.end():].split()[:1]
            if first.group() in _finals() and not (following and following[0][:1].isupper()):
                return None  # "... Land Administration" / "Systems in Belarus"; not "U.S. Government" / "Accountability
                # Office", a name of its own
            if first.group() in _words("heads") and line[first.end():].split()[:1] not in (["of"], ["for"], ["on"]):
                end = block.start + first.end()  # not "Committee on Appropriations": a name of its own
                org_type = _heads_lexicon()["heads"][first.group()]
    if (start, end) == (mention.prov.norm_start, mention.prov.norm_end):
        return mention
    page, source_start, source_end = parsed.text.locate(start, end)
    prov = replace(mention.prov, page=page, start=source_start, end=source_end, norm_start=start, norm_end=end)
    return replace(mention, text=mention_text(text[start:end]), org_type=org_type, prov=prov)


def _whole_list_items(parsed: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """In a list labelled as a list of organisations each item is one name: a name found at the start of an item
    takes the rest of it up to a bracket, address or dash ('Ministry of Employment and Labour relations', 'Coalition
    of PAs From Equality de jure to Equality de facto'); not a place it works in or a body it sits under."""
    text = parsed.text.text
    items = [b for start, end, org_type in _labelled_runs(parsed) if org_type for b in parsed.blocks[start:end]]
    if not items:
        return mentions
    starts = {b.start + len(b.text) - len(b.text.lstrip()): b for b in items}
    out = []
    for index, mention in enumerate(mentions):
        block = starts.get(mention.prov.norm_start) if mention.prov.rule in _EXTENDABLE_RULES else None
        if block is None:
            out.append(mention)
            continue
        end = mention.prov.norm_end
        stop = _NAME_END.search(text, end, block.end).start()
        tail = text[end:stop]
        following = mentions[index + 1].prov.norm_start if index + 1 < len(mentions) else block.end
        words = tail.split()
        if not tail.strip() or stop > following or not 0 < len(words) <= LIST_TAIL_MAX_WORDS \
                or any(not re.fullmatch(r"[^\W\d_][\w'’-]*", w) for w in words) \
                or any(w in _LIST_TAIL_STOPS for w in words):
            out.append(mention)
            continue
        page, source_start, source_end = parsed.text.locate(mention.prov.norm_start, stop)
        prov = replace(mention.prov, page=page, start=source_start, end=source_end, norm_end=stop)
        out.append(replace(mention, text=mention_text(text[mention.prov.norm_start:stop]), prov=prov))
    return out


def _without_programmes(parsed: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """A name opening with a head word that also names programmes ('Partnership', 'Initiative') is a programme in
    a document that calls it one ('the USAID Partnership for Innovations (P4I) program'): its mentions are left
    out (the acronym then has no organisation to stand for)."""
    names, acronyms = _programme_names(parsed)
    if not names and not acronyms:
        return mentions
    heads = _words("programme_heads")
    out = []
    for mention in mentions:
        words = mention.text.split()
        if mention.known_id is None and words and words[0] in heads and (
                name_key(mention.text) in names or mention.acronym in acronyms):
            continue
        out.append(mention)
    return out


def _programme_names(parsed: ParsedDocument) -> tuple[set[str], set[str]]:
    """Name keys of the capitalised names printed right before 'program(me)' or 'project' (with every shorter
    name they end in: 'USAID Partnership for Innovations' also gives 'Partnership for Innovations'), and the
    acronyms bracketed between such a name and the word."""
    names: set[str] = set()
    acronyms: set[str] = set()
    for doc in parsed.docs:
        for token in doc:
            if token.lower_ not in _PROGRAMME_WORDS or token.i < 2:
                continue
            i = token.i - 1
            if doc[i].text == ")" and i >= 3 and doc[i - 2].text == "(" and is_acronym(doc[i - 1].text):
                acronyms.add(doc[i - 1].text)
                i -= 3
            end, words = i + 1, 0
            while i >= 0 and words < PROGRAMME_NAME_MAX_WORDS and (
                    doc[i].text[:1].isupper() or doc[i].text in ("of", "for", "and", "on")):
                if doc[i].text[:1].isupper():
                    names.add(name_key(doc[i:end].text))
                i -= 1
                words += 1
    return names, acronyms


def _candidates(doc) -> list[tuple[Span, str, str, str | None, str | None]]:
    out = []
    units = _units_of_known(doc)
    owners = {owner for owner, _, _ in units.values()}
    for key in ("org_gazetteer", "org_gazetteer_acronyms"):
        for span in doc.spans.get(key, []):
            if key == "org_gazetteer_acronyms" and _in_brackets(span):
                continue  # "Asian Development Bank (ADB)": the acronym belongs to the name before it
            if key == "org_gazetteer_acronyms" and _in_capitals(span):
                continue  # "IL Y A UN MANQUE": a word of a line set in capitals, not the acronym
            if _continues_name(span):
                continue  # "State Department for Cooperatives": a longer name than the known one
            if (span.start, span.end) in owners:
                continue  # the owner named in a unit's name: "UNDP Independent Evaluation Office"
            out.append((span, "gazetteer", span.label_, None, span.id_ or None))
    for span in doc.spans.get("org_shapes", []):
        unit = units.get((span.start, span.end))
        org_type = unit[1] if unit else span._.org_type or "other"
        out.append((span, span._.rule, org_type, span._.acronym, unit[2] if unit else None))
    return out


def _units_of_known(doc) -> dict[tuple[int, int], tuple[tuple[int, int], str, str | None]]:
    """Shape names of a known organisation's units, typed as their owner: opening with the known acronym or name and
    going on to a head word of their own ('UNDP Independent Evaluation Office', 'United Nations Evaluation Group'),
    or a head word's name 'of' the known one ('Delegation of the European Union', 'Independent Evaluation Office of
    UNDP'), which speaks for its owner and resolves to it. Boundaries of the unit -> (boundaries of its owner, the
    owner's type, the owner's id when the unit resolves to it)."""
    known = [*doc.spans.get("org_gazetteer_acronyms", []), *doc.spans.get("org_gazetteer", [])]
    units = {}
    for span in doc.spans.get("org_shapes", []):
        if span._.rule != "org_head_shape" or len(span) <= 2:
            continue
        for owner in known:
            opening = owner.start == span.start and owner.end < span.end and span[-1].text in _words("heads") \
                and span[-1].text not in _words("programme_heads")
            link = owner.start - 1 - (doc[owner.start - 1].lower_ == "the")
            trailing = owner.end == span.end and span.start < link and doc[link].lower_ == "of" \
                and any(t.text in _words("heads") for t in doc[span.start:link])
            if opening or trailing:
                units[(span.start, span.end)] = ((owner.start, owner.end), owner.label_,
                                                 (owner.id_ or None) if trailing else None)
                break
    return units


def _continues_name(span: Span) -> bool:
    """A known name ending in a head word that goes on with a complement ('of'/'for' and a capitalised word)."""
    doc = span.doc
    if not (span[-1].text in _words("heads") and span.end + 1 < len(doc) and doc[span.end].text in ("of", "for")
            and doc[span.end + 1].text[:1].isupper()):
        return False
    complement = doc[span.end + 1:span.end + 4]
    return not any(is_place(complement[:n].text) for n in range(1, len(complement) + 1))  # "World Bank of Uzbekistan"


def _unit_of(before: Span, span: Span) -> bool:
    """'Ministry of Labour, Employment Directorate': a unit named in common words right after its organisation."""
    doc = span.doc
    return span.start == before.end + 1 and doc[before.end].text == "," and span[-1].text in _words("unit_heads") \
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
    for entry in pooled.values():
        if entry[1] == "acronym_definition" and entry[4] is None and entry[3] in _gazetteer_by_acronym():
            known = _gazetteer_by_acronym()[entry[3]]
            if _content_words(known["name"]) <= _content_words(entry[0].text):
                entry[2], entry[4] = known["type"], known["id"]  # "United Nations International Children's
                # Emergency Fund (UNICEF)": a longer form of a known organisation declaring its acronym
    acronyms = {(span.start, span.end) for span in doc.spans.get("org_gazetteer_acronyms", [])} - {
        (span.start, span.end) for span in doc.spans.get("org_gazetteer", [])}
    definitions = [(e[0].start, e[0].end) for e in pooled.values() if e[1] == "acronym_definition"]

    def priority(entry: list) -> float:
        span, rule = entry[0], entry[1]
        if rule == "gazetteer" and ((span.start, span.end) in acronyms or any(
                s <= span.start and span.end <= e and (s, e) != (span.start, span.end) for s, e in definitions)):
            return GAZETTEER_ACRONYM_PRIORITY
        return RULE_PRIORITY[rule]

    ranked = sorted(pooled.values(), key=lambda e: (-priority(e), -(e[0].end - e[0].start), e[0].start))
    taken: set[int] = set()
    chosen = []
    for span, rule, org_type, acronym, known_id in ranked:
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            span = _before_joined_name(span, rule, min(tokens & taken))
            if span is None or set(range(span.start, span.end)) & taken:
                continue
            tokens = set(range(span.start, span.end))
        taken |= tokens
        chosen.append((span, rule, org_type, acronym, known_id))
    return sorted(chosen, key=lambda e: e[0].start)


def _before_joined_name(span: Span, rule: str, first_taken: int) -> Span | None:
    """'the Ministry of Health and WHO', 'the Office of Audit, World Bank': a shape-rule name whose tail after 'and'
    or a comma is a name a surer rule found ends before that connector, when a head word is left; else None."""
    doc = span.doc
    joint = first_taken - 1
    if rule != "org_head_shape" or joint <= span.start or doc[joint].text not in ("and", "&", ","):
        return None
    trimmed = doc[span.start:joint]
    if not any(t.text in _words("heads") for t in trimmed) or not trimmed[-1].text[:1].isupper():
        return None
    return trimmed


def _typed_by_declaration(mentions: list[Mention]) -> list[Mention]:
    """An acronym standing alone ('KALRO' in a list of partners) takes the type of the name the document declares it
    for ('Kenya Agricultural and Livestock Research Organization (KALRO)'), when all its declarations agree."""
    declared: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.acronym and mention.prov.rule not in _STANDALONE_ACRONYM_RULES and mention.org_type != "other":
            declared.setdefault(mention.acronym, set()).add(mention.org_type)
    return [replace(m, org_type=next(iter(declared[m.text]))) if m.prov.rule in _STANDALONE_ACRONYM_RULES
            and m.org_type == "other" and len(declared.get(m.text, ())) == 1 else m for m in mentions]


# -- acronyms listed among names --------------------------------------------------------------------------------

def _non_org_acronyms(parsed: ParsedDocument) -> frozenset[str]:
    """Acronyms the document prints in brackets after something that is not an organisation's name ('the Water
    Sector Programme (WSP)'), with the lexicon's codes and generic words: never an organisation when listed."""
    declared = {span._.acronym for doc in parsed.docs for span in doc.spans.get("org_shapes", [])
                if span._.rule == "acronym_definition"}
    bracketed = {m.group("acr") for m in _BRACKETED_ACRONYM.finditer(parsed.text.text)}
    return frozenset(bracketed - declared - set(_gazetteer_by_acronym())) | _words("not_org_acronyms") \
        | _words("generic_modifiers")


def _listed_acronyms(chosen: list, not_orgs: frozenset[str]) -> list:
    """A bare acronym standing as an item of a list whose other items are organisation names ('the University of
    Stanford, MIT, University of Columbia and UNICEF') names an organisation; each neighbouring item must be a
    found name (or another such acronym) and at least one of the list a name, so 'UNDP, GDP and jobs' is no list
    of organisations."""
    if not any(entry[1] == "acronym_bare" for entry in chosen):
        return chosen
    doc = chosen[0][0].doc
    separators = _words("list_acronym_separators")

    def linked(left: Span, right: Span) -> bool:
        between = [t.text for t in doc[left.end:right.start]]
        return bool(between) and any(t in separators for t in between) \
            and all(t in separators or t.lower() == "the" for t in between)

    # runs of found names and acronyms joined only by list separators
    runs: list[list[int]] = []
    for number, entry in enumerate(chosen):
        if runs and linked(chosen[runs[-1][-1]][0], entry[0]):
            runs[-1].append(number)
        else:
            runs.append([number])
    out = list(chosen)
    for run in runs:
        if len(run) < 2 or all(chosen[n][1] == "acronym_bare" for n in run):
            continue
        for position, number in enumerate(run):
            span, rule = chosen[number][0], chosen[number][1]
            if rule != "acronym_bare" or span.text in not_orgs or is_place(span.text) or _in_capitals(span) \
                    or (name_key(span.text),) in lexicon().designators \
                    or (position and chosen[run[position - 1]][3] == span.text):
                continue  # "Acme Holdings, LLC": a legal form; "Ministry of Health, MOH": the name's acronym
            before = doc[span.start - 1] if span.start > 0 else None
            while before is not None and before.lower_ == "the" and before.i > 0:
                before = doc[before.i - 1]
            after = doc[span.end] if span.end < len(doc) else None
            if position == 0 and before is not None and before.text in separators:
                continue  # the item before is no name: "jobs, GDP and UNDP"
            if position == len(run) - 1 and after is not None and not after.is_sent_start \
                    and (after.text in separators or after.is_alpha or after.like_num):
                continue  # "UNDP and ABC staff", "UNDP, GDP and jobs": the acronym modifies or lists something else
            out[number] = (span, LISTED_ACRONYM_RULE, "other", None, chosen[number][4])
    return out


def _listed_coined(chosen: list, not_orgs: frozenset[str]) -> list:
    """A coined one-word name listed between two organisation names ('the Equity Bank, Safaricom, and the Kenya Red
    Cross', 'Strathmore University, iHub and the World Bank') is an organisation: a word no dictionary knows or
    one written in camel case, not a place, a generic word or a code."""
    if len(chosen) < 2:
        return chosen
    doc = chosen[0][0].doc
    separators = _words("list_acronym_separators")
    out = list(chosen)
    for (left, left_rule, *_), (right, right_rule, *_) in zip(chosen, chosen[1:]):
        if "acronym_bare" in (left_rule, right_rule):
            continue
        between = doc[left.end:right.start]
        words = [t for t in between if t.text not in separators and t.lower_ != "the"]
        if len(words) != 1 or not between or between[0].text not in separators or words[0].i == right.start - 1:
            continue  # one item between the names, set off from both by separators
        token = words[0]
        text = token.text
        camel = re.search(r"[a-z][A-Z]", text) is not None
        if (not camel and not (token.is_alpha and text[:1].isupper())) or text.isupper() \
                or text in not_orgs or is_place(text) or (is_known_word(text) and not camel):
            continue
        out.append((Span(doc, token.i, token.i + 1, label="ORG"), LISTED_COINED_RULE, "other", None, None))
    return sorted(out, key=lambda e: e[0].start)


# -- publishers in citations --------------------------------------------------------------------------------------


def _is_publishing_place(place: str) -> bool:
    """'London', 'New York, NY', 'Washington, DC', 'Cham': a town, with its state or country after a comma; not a
    country ('Afghanistan: Public Expenditure Update' is a title)."""
    town = place.split(",")[0].strip()
    return is_town(town) or town in _words("publisher_places")


def _publisher_slots(text: str) -> list[tuple[int, int]]:
    """Offsets in a block's text of the publishers named in its citation entries."""
    slots = []
    for pattern in (_PUBLISHER_AFTER_PLACE, _PUBLISHER_BEFORE_PLACE):
        for match in pattern.finditer(text):
            name = match.group("pub")
            if not _is_publishing_place(match.group("place")) or is_place(name) \
                    or len(name.split()) > PUBLISHER_MAX_WORDS:
                continue
            if not _after_citation_title(text, match.start()):
                continue  # "In London: the Mayor ...", "2019. Kyrgyzstan: Civil Society Today.": no citation
            slots.append((match.start("pub"), match.end("pub")))
    for match in _PUBLISHER_ENDING_ENTRY.finditer(text):
        if _publisher_alone(match.group("pub")) and _after_citation_title(text, match.start()):
            slots.append((match.start("pub"), match.end("pub")))
    return slots + _site_publisher_slots(text)


def _site_publisher_slots(text: str) -> list[tuple[int, int]]:
    """Elements of a web citation that spell the site name of the address after them ('BBC.' before
    www.bbc.com, 'International Partnership for Human Rights.' before www.iphronline.org)."""
    slots, entry_start = [], 0
    for site in _SITE.finditer(text):
        name = _site_name(site.group("host"))
        entry = text[max(entry_start, site.start() - CITATION_MAX_CHARS):site.start()]
        offset = site.start() - len(entry)
        entry_start = site.end()
        if len(name) < 3 or not _CITATION_YEAR.search(entry):
            continue  # 'GerHub. website: https://gerhub.org/': an address, no citation
        for match in _CITATION_ELEMENT.finditer(entry):
            pub = match.group("pub")
            words = pub.split()
            if len(words) > PUBLISHER_MAX_WORDS or is_place(pub) or (
                    len(words) == 1 and is_known_word(pub) and not pub.isupper()):
                continue  # 'History.' before www.history.com is a title's word as much as a channel's
            if _spells_site(words, name):
                slots.append((offset + match.start("pub"), offset + match.end("pub")))
    return slots


def _site_name(host: str) -> str:
    """'www.sfcg.org' -> 'sfcg', 'en.kabar.kg' -> 'kabar', 'mineconom.gov.kg' -> 'mineconom'."""
    labels = [label for label in host.lower().split(".") if label != "www"][:-1]
    if len(labels) > 1 and labels[-1] in _REGISTRY_LABELS:
        labels = labels[:-1]
    return labels[-1].replace("-", "") if labels else ""


def _spells_site(words: list[str], site: str) -> bool:
    """The name's letters, or its initials (with or without function words) before a web word, are the site's."""
    if re.sub(r"[^a-z0-9]", "", " ".join(words).lower()) == site:
        return True
    function_words = lexicon().function_words
    for initials in ("".join(w[0] for w in words), "".join(w[0] for w in words if w.lower() not in function_words)):
        initials = initials.lower()
        if len(initials) >= 3 and site.startswith(initials) and site[len(initials):] in _words("site_name_suffixes"):
            return True
    return False


def _after_citation_title(text: str, start: int) -> bool:
    """The entry before `start` gives a year and then a title of at least CITATION_TITLE_MIN_WORDS words."""
    entry = text[max(0, start - CITATION_MAX_CHARS):start]
    years = list(_CITATION_YEAR.finditer(entry))
    return bool(years) and len(re.findall(r"[^\W\d_]+", entry[years[-1].end():])) >= CITATION_TITLE_MIN_WORDS


def _publisher_alone(name: str) -> bool:
    """A name standing alone as a citation's last element is a publisher's when it ends in a publisher word ('Zed
    Books', 'Earthscan Publications'); a lone word there may be a town ('Tokmok') as well as a publisher."""
    words = name.split()
    return 1 < len(words) <= PUBLISHER_MAX_WORDS and words[-1] in _words("publisher_words") \
        and not is_place(name)


def _publisher_type(name: str) -> str:
    """A publisher is media unless its last head word says otherwise ('Pakistan Institute of International
    Affairs'); 'Oxford University Press' ends in Press."""
    heads = _heads_lexicon()["heads"]
    return next((heads[w] for w in reversed(name.split()) if w in heads), "media")


def _yields_to_publisher(mention: Mention, start: int, end: int) -> bool:
    """A bare acronym in the slot, or a shape-rule name strictly inside it, gives way to the publisher's name."""
    bounds = (mention.prov.norm_start, mention.prov.norm_end)
    if mention.prov.rule not in _PUBLISHER_YIELDS or not (start <= bounds[0] and bounds[1] <= end):
        return False
    return mention.prov.rule == "acronym_bare" or bounds != (start, end)


def _with_publishers(parsed: ParsedDocument, mentions: list[Mention]) -> list[Mention]:
    """Publishers of citation entries as organisation mentions; a known name in the slot stays as found, a shorter
    name or bare acronym inside it gives way ('Oxford University' in 'Oxford University Press', 'INTRAC')."""
    text = parsed.text.text
    added, dropped = [], set()
    for block in parsed.blocks:
        for start, end in _publisher_slots(block.text):
            slot_start, slot_end = block.start + start, block.start + end
            inside = [i for i, m in enumerate(mentions)
                      if m.prov.norm_start < slot_end and slot_start < m.prov.norm_end]
            if not all(_yields_to_publisher(mentions[i], slot_start, slot_end) for i in inside):
                continue  # "Washington, DC: World Bank": the gazetteer's name; a name running past the slot
            dropped.update(inside)
            name = text[slot_start:slot_end]
            prov = provenance(parsed, block, start, end, PUBLISHER_RULE)
            added.append(Mention(mention_text(name), _publisher_type(name), None, None, prov))
    if not added:
        return mentions
    return sorted([m for i, m in enumerate(mentions) if i not in dropped] + added, key=lambda m: m.prov.norm_start)


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
    out: list[Mention] = []
    for start, end, org_type in _labelled_runs(parsed):
        if org_type is None:
            continue
        for index in range(start, end):
            mention = _listed_name(parsed, blocks[index], org_type, covered.get(index, []))
            if mention is not None:
                out.append(mention)
    return out


def _labelled_runs(parsed: ParsedDocument) -> list[tuple[int, int, str | None]]:
    """Runs of list items (block index range) with the type their organisation-list heading gives, None when no
    heading labels them; the heading after the list is preferred where the document's labels trail their lists."""
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
    return [(start, end, (after or before) if trailing else (before or after))
            for start, end, before, after in labelled]


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
        org_type = _appositive_cues().get(descriptor[-1], org_type)  # "movement": a CSO whatever the heading says
    end = _NAME_END.search(text, start).start()
    close = next((i for i, c in enumerate(text[start:end], start) if c in _QUOTE_CLOSE), None)
    end = close if close is not None and quote is not None and start == quote + 1 else end
    place = _LISTED_PLACE.search(text, start, end)
    if place is not None:
        if any(w[:1].islower() for w in text[place.end():end].split()):
            return None  # "CBO in Hissor district": a description
        end = place.start()
    name = text[start:end].strip().rstrip(":").rstrip()
    words = name.split()
    headed = _headed_in_lower_case(words)
    if not words or len(words) > LIST_NAME_MAX_WORDS or not (headed or looks_like_name(name)) \
            or not name[:1].isupper():
        return None
    if name in _words("generic_modifiers"):
        return None  # "CBO", "NGOs": a kind of organisation, not one
    if any(s < end and start < e for s, e in covered):
        return None  # another rule already found the name
    if not headed and not any(not is_known_word(w.strip("'’")) or is_acronym(w)
                              for w in re.split(r"[\s-]+", name) if w):
        return None  # "Local Authorities", "Business": common words, not a name
    prov = provenance(parsed, block, start, start + len(name), "org_list_item")
    return Mention(mention_text(name), org_type, None, None, prov)


# Words of a sentence that never stand inside a listed name printed in sentence case.
_SENTENCE_WORDS = frozenset({"a", "an", "as", "to", "with", "by", "through", "into", "is", "are", "be", "should"})


def _headed_in_lower_case(words: list[str]) -> bool:
    """A listed name printed in sentence case that a singular head word still makes one: 'Communications and
    information technology authority', 'Chamber of commerce and industry of Kenya'; not 'Local authorities'."""
    heads = _words("heads")
    lexicon_ = _heads_lexicon()
    if len(words) < 3 or any(w.lower() in _role_words() for w in words) \
            or words[-1].lower() in lexicon_["people_nouns"] \
            or words[-2].capitalize() in lexicon_["not_heads_after"].get(words[-1].capitalize(), ()):
        return False  # "Ministry of finance officials": people of a body; "Connect Kenyan civil society"
    if any(w in _SENTENCE_WORDS or (w == "the" and words[i - 1] not in ("of", "for", "in", "on"))
           for i, w in enumerate(words)):
        return False  # "Leverage the position as an international organization": an action, not a name
    return words[-1].lower().capitalize() in heads and words[-1].islower() and words[-1] not in ("and", "of") \
        or (words[0] in heads and words[1] in ("of", "for") and words[2].islower())


# -- names listed after a kind of organisation and a colon -----------------------------------------------------

@lru_cache(maxsize=1)
def _plural_cues() -> dict[str, str]:
    """'companies' -> 'private': the plural of each appositive cue ('company'), with the type it gives."""
    out = {}
    for cue, org_type in _appositive_cues().items():
        out[cue[:-1] + "ies" if cue.endswith("y") else cue + "s"] = org_type
    return out


@lru_cache(maxsize=1)
def _colon_list() -> re.Pattern[str]:
    cues = "|".join(sorted(map(re.escape, _plural_cues()), key=len, reverse=True))
    return re.compile(rf"\b(?P<cue>{cues}):[ \t]+(?=[A-Z])")


_COLON_ITEM_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w&'’.-]*(?:\s(?:[A-Z][\w&'’.-]*|&|of|for))*")


def _colon_listed_names(parsed: ParsedDocument, found: list[Mention]) -> list[Mention]:
    """Names listed in a sentence after a plural kind of organisation and a colon ('Formula companies: Mead Johnson,
    Ross Laboratories, and Nestle produce ...'), typed by the kind; the list needs two names at least and ends at
    the first item that does not open with one (a place or generic word is no name)."""
    taken = [(m.prov.norm_start, m.prov.norm_end) for m in found]
    out: list[Mention] = []
    for block in parsed.blocks:
        for match in _colon_list().finditer(block.text):
            stop = re.search(r"[.;:!?](?:\s|$)|\n\s*\n", block.text[match.end():])
            segment_end = match.end() + (stop.start() if stop else len(block.text) - match.end())
            names, position = [], match.end()
            for item in _COLON_ITEM_SPLIT.split(block.text[match.end():segment_end]):
                offset = block.text.index(item, position)
                position = offset + len(item)
                lead = 4 if item.startswith("the ") else 0
                run = _CAPITALISED_RUN.match(item, lead)
                if run is None:
                    break
                name = run.group().strip()
                if len(name.split()) > LIST_NAME_MAX_WORDS or is_place(name) or name in _words("generic_modifiers"):
                    break
                names.append((offset + run.start(), offset + run.start() + len(name)))
                if run.end() < len(item.rstrip()):
                    break  # "Nestle produce formula": the list ends with this item
            if len(names) < 2:
                continue
            org_type = _plural_cues()[match.group("cue")]
            for start, end in names:
                bounds = (block.start + start, block.start + end)
                if any(s < bounds[1] and bounds[0] < e for s, e in taken):
                    continue  # another rule found the name ("Ross Laboratories" by its head word)
                prov = provenance(parsed, block, start, end, COLON_LIST_RULE)
                out.append(Mention(mention_text(block.text[start:end]), org_type, None, None, prov))
    return out


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

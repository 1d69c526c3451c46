"""Recommendations, each with the audience it addresses. Six rules, from the most specific:

- labelled: "Recommendation 3: UNDP should ..." (UN evaluations, OIG reports) anywhere in the document; the text
  is the rest of the paragraph or item, or the next one when the label stands alone or with a short title (field
  lines such as "Addressed to: UNFPA country office" or "Priority: High" in between give the audience), with the
  paragraphs after it that explain it (up to a management response, the next label, heading, numbered paragraph
  or annex title; the page's footnotes skipped); nothing up to the next label or heading is a recommendation of
  its own; a lead-in ending in a colon with lettered parts ("We recommend that the Director: a. ... b. ...", on
  lines of their own or inline) gives one recommendation a part, addressed to the lead-in's addressee; an
  addressee in a closing bracket ("(DSS Division X, in consultation with Y)") names the audience;
- marked: "The Secretary of State should ... (Recommendation 1)" (GAO) anywhere;
- answered: "(2) The Mission should ..." followed by "UNMISS accepted recommendation 2" (OIOS audits);
- sections: list items (a numbered one with the paragraphs that explain it, and numbered paragraphs that
  recommend nothing) and prose ("should", "we recommend ...") under a heading such as "Recommendations",
  "Recommendations for Executive Action" or "Matters for Congressional Consideration"; audience headings ("For
  USAID/Uganda", "FCDO", "Private sector:") may come before the items they label or, in text extracted from some
  PDF layouts, after them (a section's first audience heading tells which); theme headings ("5.2 Monitoring")
  keep the section going; an item may open with its audience ("UNDP and UNFPA: Strengthen ..."); a
  recommendations heading printed after its whole list (as in the atlas's regional chapter) is found by walking
  back over the labelled lists before it;
- tables: under a header row with a recommendation column ("Recommendation | Responsible | Priority"), each
  row's recommendation cell is one, addressed to the row's responsible ("Addressed to", "Entity") cell; the other
  cells (management response, actions, time frame) are not recommendations; in a management response table the
  addressee the text names comes first and the report's own statement of the recommendation wins;
- formal sentences anywhere: "We recommend that the Secretary ...", "GAO recommends that ...", "It is
  recommended that ..."; one that ends in a colon introduces the list items that follow.

A time frame or priority printed before a recommendation ("Short term:", "Priority: High –", "Immediate action:")
is left out of its text (records have no field for it).

Not recommendations: lead-in and meta sentences ("We are making the following three recommendations to DOD:",
"The team will recommend ...", "Recommendations should follow from the findings"), management and agency
responses ("The Bureau agreed ...", "DoD RESPONSE: Concur"), hindsight ("should have involved"), other documents'
recommendations reported ("The 2019 review recommended ...", "a study by the World Bank recommends ...", a list after
"The 2021 review made nine recommendations. The main ones were:", a heading such as "The Review's Recommendations" or
"How the Recommendations Were Developed"), lists of
organisation names after a recommendations list. A recommendation restated (summary and body, body and annex table,
the agency's letter, or the same text found by two rules) is kept once: the longer text wins, of two as long the
first printed, a formal sentence outside the recommendations or one in the agency's comments last; identical items
addressed to different audiences stay apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import islice

from pipeline.config import PATTERNS_DIR
from pipeline.extract import ParsedDocument, provenance, squash
from pipeline.records import Block, Provenance, Recommendation
from pipeline.structure import opens_report_section
from pipeline.text.normalise import CELL_SEPARATOR

# A section ends after this many consecutive blocks that hold no recommendation.
MAX_GAP_BLOCKS = 3
AUDIENCE_LABEL_MAX_WORDS = 8
# The paragraphs after a labelled recommendation that explain it are part of its text, up to this many characters
# (an explanation runs for a few paragraphs; more is the report going on).
MAX_EXPLANATION_CHARS = 2500
# A labelled recommendation's text must have at least this many characters to be one ("Recommendation 2:
# Closed" in a status table is not).
MIN_LABELLED_CHARS = 25
# At most this many field lines ("Addressed to: ...", "Priority: ...") stand between a label and its text.
MAX_FIELD_BLOCKS = 4
# Two recommendations to the same audience are one restated when at least this share of the shorter one's
# content words (framing such as "We recommend that" and the addressee's name left out) is in the longer one,
# and the shorter has at least RESTATEMENT_MIN_WORDS of them; shorter ones must match exactly.
RESTATEMENT_SHARE = 0.8
RESTATEMENT_MIN_WORDS = 6
# Two labelled recommendations with the same number ("Recommendation 3 (Government): fund maintenance" in the
# summary, "Recommendation 3" in the body) are one restated when at least this share of the shorter one's content
# words is in the longer one (a summary paraphrases; chapters that number their recommendations afresh do not
# repeat their words).
SAME_NUMBER_SHARE = 0.5
# When spans overlap, the more specific rule wins.
RULE_PRIORITY = {"rec_table": 5, "rec_response_table": 1, "rec_responded": 3, "rec_labelled": 4, "rec_marked": 4, "rec_section_numbered": 3, "rec_section_bullet": 3,
                 "rec_section_prose": 2, "rec_lead_in_item": 2, "rec_formal_sentence": 1}
_CLOSING_NOTE = re.compile(r"\(([^()]{2,120})\)[.;]?\s*$")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z)][.;])\s+(?=[A-Z])")
# "Recommendation 1: Strengthen monitoring ........ 45": a table of contents entry.
_TOC_LINE = re.compile(r"\.{4,}|(?:\s|\.)\d{1,3}\s*$")
_FOOTNOTE = re.compile(r"^\d{1,3}\s+[A-Z]")
# "UNMISS accepted recommendation 2": a response naming the recommendation it answers.
_ANSWERED = re.compile(r"\brecommendation\s+(?:no\.?\s*)?(\d{1,2})\b", re.IGNORECASE)
# An item's opening name and the colon or dash after it: "UNDP and UNFPA: ", "To donors – ".
_ITEM_AUDIENCE = re.compile(r"\s*(?P<name>[A-Z][^:–—.;]{1,70}?)\s*(?::|\s[–—-])\s+")
# "Addressed to: UNFPA country office", "Priority: Very high", "Based on conclusions: 1 and 3": a field of a
# recommendation's box, printed between its label and its text.
_FIELD = re.compile(r"^\s*[A-Z][\w/() -]{1,40}:\s*\S")
# "(1) develop a plan ... and (2) collect data ...": recommendations enumerated inside one sentence.
_ENUMERATED = re.compile(r"\s\((?:\d|[a-h]|i{1,3}|iv|v)\)\s")
# "a. Review ...", "...: (a) update ...; and (b) require ...": a lettered part of a recommendation, at the start of
# a line or after the colon, semicolon or comma that ends the part before.
_LETTERED = re.compile(r"(?:^\s*|(?<=[:;,.])\s+(?:and\s+|or\s+)?)\(?(?P<letter>[a-h])[.)]\s+(?=\S)")
_PART_END = re.compile(r"[\s;,]*(?:\b(?:and|or))?[\s;,]*$")
_ITEM_NUMBER = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+")
_MINOR = frozenset("a an and as at by for from in into of on or the to with under via de".split())
_LABEL_PREFIX = re.compile(r"^(?:for|to)\s+(?:the\s+)?", re.IGNORECASE)
# "For USAID/Uganda", "To the Board": a label naming its audience by a name, with no audience word in it.
_FOR_NAME = re.compile(r"^(?:[Ff]or|[Tt]o)\s+(?:the\s+)?[A-Z]")
# "FCDO", "USAID/Uganda", "UNICEF and WFP": a label that is an organisation's acronym (or two).
_ACRONYM_LABEL = re.compile(r"^[A-Z]{2,8}(?:/[A-Z][\w-]+)?(?:\s+(?:and|&)\s+[A-Z]{2,8}(?:/[A-Z][\w-]+)?)?$")
# "Ministry of X (https://x.gov)", "X NGO - www.x.org": the address is not part of the name.
_ADDRESS = re.compile(r"[\s(–-]*(?:https?://|www\.)\S*[)\s]*|\((?:[\w-]+\.)+[a-z]{2,}/?\S*\)", re.IGNORECASE)
_FRAMING = re.compile(r"\b(?:(?:we|gao|oig|the board)\s+(?:also\s+|further\s+)?(?:are\s+)?recommend(?:s|ing)?"
                      r"(?:\s+that)?|it is (?:also )?recommended that)\s+|\(recommendation \d+\)",
                      re.IGNORECASE)


@dataclass(frozen=True)
class _Rules:
    headings: re.Pattern[str]
    not_headings: re.Pattern[str]
    label: re.Pattern[str]
    marker: re.Pattern[str]
    audience: re.Pattern[str]
    prose: re.Pattern[str]
    meta: re.Pattern[str]
    responses: re.Pattern[str]
    reported: re.Pattern[str]
    formal: re.Pattern[str]
    subject: re.Pattern[str]
    common_subject: re.Pattern[str]
    not_note_audience: re.Pattern[str]
    addressed_to: re.Pattern[str]
    lead_in: re.Pattern[str]
    not_audience: re.Pattern[str]
    verbs: frozenset[str]
    recommendation_column: re.Pattern[str]
    audience_column: re.Pattern[str]
    response_column: re.Pattern[str]
    section_label: re.Pattern[str]
    not_recommending: re.Pattern[str]
    response_sections: re.Pattern[str]
    timeframe_prefix: re.Pattern[str]
    closing_note_partner: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = json.loads((PATTERNS_DIR / "recommendations.json").read_text(encoding="utf-8"))

    def any_of(key: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    return _Rules(any_of("section_headings"), any_of("not_section_headings"), re.compile(data["label"]),
                  re.compile(data["marker"], re.IGNORECASE), any_of("audience_terms"), any_of("prose_cues"),
                  any_of("meta_sentences"), any_of("responses"), any_of("reported"),
                  re.compile(data["formal"]), re.compile(data["addressee_subject"]),
                  re.compile(data["addressee_common_noun"]), re.compile(data["not_note_audience"], re.IGNORECASE),
                  re.compile(data["addressed_to"], re.IGNORECASE | re.MULTILINE), re.compile(data["lead_in_audience"]),
                  re.compile(rf"\b(?:{'|'.join(data['not_audience_words'])})", re.IGNORECASE),
                  frozenset(data["recommending_verbs"]),
                  re.compile(data["table_recommendation_column"], re.IGNORECASE),
                  re.compile(data["table_audience_column"], re.IGNORECASE),
                  re.compile(data["table_response_column"], re.IGNORECASE), re.compile(data["section_label"]),
                  any_of("not_recommending"),
                  re.compile(data["response_sections"], re.IGNORECASE),
                  re.compile(data["timeframe_prefix"], re.IGNORECASE),
                  re.compile(data["closing_note_partner"], re.IGNORECASE))


@dataclass(frozen=True)
class _Candidate:
    block: int
    start: int
    end: int
    kind: str
    audience: str | None
    rule: str
    section: str | None = None
    number: str | None = None  # the label's number ("Recommendation 3"), for restatements
    restatements: tuple[_Candidate, ...] = ()  # the candidates that restate this one, dropped in its favour


def is_recommendation_heading(text: str) -> bool:
    """A heading that opens a recommendations section (not a 'Recommendation 2: ...' label, not a status list)."""
    rules = _rules()
    return bool(rules.headings.search(text)) and not rules.not_headings.search(text) and not rules.label.match(text)


def audience_label(text: str) -> str | None:
    """The audience a short heading names ('Private Sector:', 'For donors'), or None if it is not one."""
    label = text.strip().rstrip(":").strip()
    words = label.split()
    if not words or len(words) > AUDIENCE_LABEL_MAX_WORDS or _rules().not_audience.search(label):
        return None  # "Agency Comments and Our Evaluation" is the next section, not an audience
    if _rules().label.match(label) or is_recommendation_heading(label):
        return None
    if text.strip().endswith(":") or _rules().audience.search(label) or _FOR_NAME.match(label) \
            or _ACRONYM_LABEL.match(label):
        return _LABEL_PREFIX.sub("", label)
    return None


def _audience_line(block: Block) -> bool:
    """A heading, or a short line the layout left as a paragraph that names an audience the way a heading does
    ('For the implementing partner'): no sentence punctuation, opened by 'For' or 'To'."""
    text = block.text.strip()
    return block.kind == "heading" or (block.kind == "paragraph" and _LABEL_PREFIX.match(text) is not None
                                       and not text.endswith((".", ";", ",", "?", "!"))
                                       and audience_label(text) is not None)


def looks_like_name(text: str) -> bool:
    """A list item that is an organisation's name, not an action ('Ministry of X (MX)', 'World Bank;')."""
    stripped = _ADDRESS.sub(" ", text).strip()
    stripped = re.sub(r"(?:[;,]|;?\s+and)$", "", stripped).strip()  # directory lists end items with ";"
    words = re.findall(r"[^\W\d_][\w'’-]*", stripped)
    if not words or len(words) > 16 or stripped.endswith((".", " or")):
        return False
    if _ADDRESS.search(text.rstrip()[-60:]):
        return True  # "Name (www.name.org)": a directory entry
    content = [w for w in words if w.lower() not in _MINOR]
    lower = sum(1 for w in content if not w[0].isupper())
    # Names are capitalised throughout; one lower-case word is tolerated in a short one ("Labour relations").
    return bool(content) and (lower == 0 or (lower == 1 and len(content) <= 4))


def addressee(text: str) -> str | None:
    """'The Secretary of State should ...' / 'We recommend that the Administrator ...' -> the addressee; in a
    passage, from its first sentence that names one ('Strengthen ownership. UNDP should ...' -> 'UNDP')."""
    rules = _rules()
    sentences = _SENTENCE_BREAK.split(text.strip())
    match = next((m for s in sentences if (m := rules.formal.search(s) or rules.subject.search(s))), None)
    if match is None:
        return None
    words = match.group("addressee").split()
    while words and words[-1].lower() in _MINOR:
        words.pop()
    if words and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words) or None


def body_addressed(text: str) -> str | None:
    """The office or body a recommending sentence opens with ('The country office should ...' -> 'country office'):
    the audience of last resort, when no name is given anywhere."""
    match = next((m for s in _SENTENCE_BREAK.split(text.strip()) if (m := _rules().common_subject.search(s))), None)
    return match.group("addressee") if match else None


def extract_recommendations(parsed: ParsedDocument) -> list[Recommendation]:
    """Recommendations found by the labelled, marked, section and formal-sentence rules, each once."""
    labelled, explained = _labelled(parsed)
    tabled, cells = _tables(parsed)
    candidates = [*labelled, *_marked(parsed), *_responded(parsed)]
    for index, block in enumerate(parsed.blocks):
        if block.kind == "heading" and is_recommendation_heading(block.text):
            candidates.extend(_section(parsed, index))
            candidates.extend(_section_before(parsed, index))
    candidates.extend(_formal(parsed))
    candidates = [c for c in candidates if (c.block not in explained or c.rule in ("rec_labelled", "rec_marked"))
                  and (c.block not in cells or cells[c.block][0] <= c.start < cells[c.block][1])]
    candidates = [*tabled, *(c for c in map(partial(_within_cell, parsed), candidates) if c is not None)]
    candidates = [_without_prefix(parsed, c) for c in candidates]
    covered = {i for c in candidates for i in _blocks_after(parsed, c)}
    candidates = [c for c in candidates if c.block not in covered or c.rule in ("rec_labelled", "rec_marked")]
    chosen = _without_restatements(parsed, _without_overlaps(candidates))
    return [_make(parsed, c) for c in sorted(chosen, key=lambda c: (c.block, c.start))]


# -- labelled and marked recommendations ---------------------------------------------------------------------

def _labelled(parsed: ParsedDocument) -> tuple[list[_Candidate], set[int]]:
    """'Recommendation 3: UNDP should ...' with the paragraphs that explain it, up to a management response;
    returns the candidates and the blocks after them up to the next label or heading."""
    rules, blocks = _rules(), parsed.blocks
    out: list[_Candidate] = []
    explained: set[int] = set()
    lead_audience: str | None = None  # "We recommend that the Mission Director take the following actions:"
    for index, block in enumerate(blocks):
        label = rules.label.match(block.text)
        if label is None:
            if block.kind == "heading":
                lead_audience = None
            elif (lead := _lead_in(parsed.docs[index])) is not None:
                lead_audience = lead or None
            continue
        target, start = index, label.end()
        title = block.text[start:].strip()
        fields: list[str] = []
        if len(title) < MIN_LABELLED_CHARS and not title.endswith("."):
            # the label stands alone or with a short title ("Recommendation 3: Strengthen partnerships"): the
            # recommendation is the next block
            target = index + 1
            while target < len(blocks) and target - index <= MAX_FIELD_BLOCKS and _FIELD.match(blocks[target].text) \
                    and not _recommends(blocks[target].text[_prefix_end(blocks[target].text):]):
                fields.append(blocks[target].text)  # "Addressed to: UNFPA country office", "Priority: High"
                target += 1
            if target >= len(blocks) or blocks[target].kind == "heading" or rules.label.match(blocks[target].text):
                continue
            start = _ITEM_NUMBER.match(blocks[target].text).end() if _ITEM_NUMBER.match(blocks[target].text) else 0
        start = _prefix_end(blocks[target].text, start)  # "Immediate action: Establish ...", "Priority: High. UNDP ..."
        text = blocks[target].text[start:]
        if len(text.strip()) < MIN_LABELLED_CHARS or rules.responses.match(text) or not _recommends(text) \
                or _TOC_LINE.search(text):
            continue
        note = label.group("note") or ""
        audience = addressee(text) or _addressed_to(note) or _note_audience(note) \
            or next(filter(None, map(_addressed_to, fields)), None) or closing_note_audience(text) or lead_audience \
            or _addressed_to(text) or body_addressed(text)
        end = len(blocks[target].text.rstrip())
        following = target + 1
        explaining = CELL_SEPARATOR not in blocks[target].text  # the next rows of a table are rows of their own
        while following < len(blocks) and blocks[following].kind != "heading" \
                and not rules.label.match(blocks[following].text):
            explained.add(following)
            after = blocks[following]
            if _is_footnote(blocks, following):
                following += 1  # the page's notes stand between the text and its explanation on the next page
                continue
            explaining = explaining and not rules.responses.match(after.text) and CELL_SEPARATOR not in after.text \
                and not _next_point(blocks, following, blocks[target].text) \
                and after.end - blocks[target].start - start <= MAX_EXPLANATION_CHARS
            if explaining:
                end = after.end - blocks[target].start
            following += 1
        section, number = _label_section(blocks, index), label.group("number")
        parts = _lettered_parts(blocks, target, start)
        out.extend(_Candidate(block, begin, stop, "numbered", audience, "rec_labelled", section, f"{number}{letter}")
                   for block, begin, stop, letter in parts)
        if not parts:
            out.append(_Candidate(target, start, end, "numbered", audience, "rec_labelled", section, number))
    return out, explained


def _lettered_parts(blocks: tuple[Block, ...], target: int, start: int) -> list[tuple[int, int, int, str]]:
    """'We recommend that the Commander: a. Review ... b. Establish ...': the parts a colon introduces, lettered a, b,
    ... in the same paragraph or in the items after it, each a recommendation of its own (as audit offices count
    and track them: 'Recommendation 1.a'); (block, start, end, letter) of each part, without its letter and the
    'and' joining it to the next; none unless there are two or more and each recommends."""
    text = blocks[target].text
    colon = text.find(":", start)
    if colon < 0:
        return []
    marks = [(target, m) for m in _LETTERED.finditer(text, colon + 1)]
    following = target + 1
    while following < len(blocks) and blocks[following].kind == "item" and (marks or not text[colon + 1:].strip()):
        marks.extend((following, m) for m in _LETTERED.finditer(blocks[following].text))
        following += 1
    run = []
    for block, mark in marks:
        if mark.group("letter") != "abcdefgh"[len(run)]:
            break
        run.append((block, mark))
    parts = []
    for (block, mark), after in zip(run, [*run[1:], None]):
        end = after[1].start() if after is not None and after[0] == block else len(blocks[block].text.rstrip())
        end = mark.end() + _PART_END.search(blocks[block].text[mark.end():end]).start()
        parts.append((block, mark.end(), end, mark.group("letter")))
    texts = [blocks[b].text[s:e] for b, s, e, _ in parts]
    # after "We recommend that X:" each part is an action unless it is a gerund ("by: (a) recruiting ...")
    formal = _rules().formal.search(text[start:colon + 1]) is not None
    if len(parts) < 2 or not all(_recommends(t) or (formal and not re.match(r"\s*\w+ing\b", t)) for t in texts):
        return []
    return parts


def _prefix_end(text: str, start: int = 0) -> int:
    """Where a recommendation starts after the time frame or priority printed before it ('Short term: ...',
    'Priority: High – ...', 'Immediate action: ...'); start if there is none."""
    match = _rules().timeframe_prefix.match(text, start)
    return match.end() if match else start


def _without_prefix(parsed: ParsedDocument, candidate: _Candidate) -> _Candidate:
    """The candidate without the time frame or priority it opens with ('Medium term: Introduce ...'); the addressee
    the rest names is its audience when it has none."""
    text = parsed.blocks[candidate.block].text
    start = _prefix_end(text, candidate.start)
    if start == candidate.start or start >= candidate.end:
        return candidate
    rest = text[start:candidate.end]
    return replace(candidate, start=start, audience=candidate.audience or addressee(rest) or body_addressed(rest))


def _next_point(blocks: tuple[Block, ...], index: int, lead: str) -> bool:
    """A block that goes on with the report rather than explaining the recommendation before it: a numbered
    paragraph (unless the recommendation's first block ends in a colon that introduces its parts: 'We recommend
    that the Commander: a. ... b. ...'), an annex or chapter title wrapped into a paragraph."""
    block = blocks[index]
    if block.kind == "item" and block.marker == "numbered" and not lead.rstrip().endswith(":"):
        return True
    return bool(_rules().section_label.match(block.text))


def _is_footnote(blocks: tuple[Block, ...], index: int) -> bool:
    """'1 We visited warehouses in ...': a numbered note with only other notes (and page furniture a short document
    leaves as headings) after it on its page."""
    page = blocks[index].page
    if not _FOOTNOTE.match(blocks[index].text):
        return False
    for block in islice(blocks, index + 1, None):  # blocks run in page order: stop at the page's end
        if block.page != page:
            return True
        if block.kind != "heading" and not _FOOTNOTE.match(block.text):
            return False
    return True


def _note_audience(note: str) -> str | None:
    """'Recommendation 5 (UNFPA and UNICEF): ...': a note that is a name, not a priority or a cross-reference."""
    note = _LABEL_PREFIX.sub("", note.strip())
    if not note[:1].isupper() or len(note.split()) > AUDIENCE_LABEL_MAX_WORDS \
            or _rules().not_note_audience.search(note):
        return None
    return note


def closing_note_audience(text: str) -> str | None:
    """'Publish the data every year (Ministry of Labour).': a summary item that names its addressee in a closing
    bracket; not a reference ('(see annex 2)', '(para. 14)') nor a priority ('(high)')."""
    match = _CLOSING_NOTE.search(text)
    if match is None or re.search(r"\d", match.group(1)):
        return None
    # "(DSS Division of Regional Operations, in consultation with the Office of Human Resources)": the first acts
    note = _note_audience(_rules().closing_note_partner.sub("", match.group(1)))
    if note is None or not (_rules().audience.search(note) or looks_like_name(note)):
        return None
    return note


def _cued(text: str) -> bool:
    """A recommending cue ('should', 'we recommend'), hindsight ('the programme should have involved the ministries'
    judges the past) and asides to the reader ('it should be noted that', 'should be read with caution') left
    out."""
    return bool(_rules().prose.search(_rules().not_recommending.sub(" ", text)))


def _recommends(text: str) -> bool:
    """A recommending cue ('should', 'we recommend') or an opening imperative ('Align the ...')."""
    first = re.match(r"\s*([A-Za-z]+)", text)
    return _cued(text) or (first is not None and first.group(1).lower() in _rules().verbs)


def _addressed_to(text: str) -> str | None:
    match = _rules().addressed_to.search(text)
    if match is None:
        return None
    return (match.group("addressee") or match.group("addressee2") or "").strip() or None


def _marked(parsed: ParsedDocument) -> list[_Candidate]:
    """'... (Recommendation 1)': the sentences from the block start (or the previous marker or lead-in colon)
    up to the marker."""
    out = []
    for index, block in enumerate(parsed.blocks):
        position = 0
        for marker in _rules().marker.finditer(block.text):
            start = position
            colon = block.text.rfind(": ", start, marker.start())
            if colon >= 0 and _rules().meta.search(block.text[start:colon]):
                start = colon + 2
            start = _recommending_start(block.text, start, marker.start())
            number = _ITEM_NUMBER.match(block.text[start:])
            start += number.end() if number else 0
            text = block.text[start:marker.end()]
            if text.strip() and not _rules().responses.match(text):
                kind = "numbered"
                out.append(_Candidate(index, start, marker.end(), kind, addressee(text) or _congress(marker.group(0))
                                      or body_addressed(text), "rec_marked", _section_of(block)))
            position = marker.end()
    return out


def _responded(parsed: ParsedDocument) -> list[_Candidate]:
    """'(2) The Mission should reconcile ...' then 'UNMISS accepted recommendation 2 ...': a numbered recommending
    item that the block after it answers by its number (OIOS audits print no label and no recommendations
    heading)."""
    rules, blocks = _rules(), parsed.blocks
    out = []
    for index, block in enumerate(blocks[:-1]):
        number = _ITEM_NUMBER.match(block.text)
        response = blocks[index + 1].text
        answered = _ANSWERED.search(response)
        if block.kind == "heading" or number is None or answered is None or not rules.responses.match(response) \
                or re.sub(r"\D", "", number.group(0)) != answered.group(1):
            continue
        text = block.text[number.end():]
        if _recommends(text):
            out.append(_Candidate(index, number.end(), len(block.text.rstrip()), "numbered",
                                  addressee(text) or body_addressed(text), "rec_responded", _section_of(block),
                                  answered.group(1)))
    return out


def _recommending_start(text: str, start: int, end: int) -> int:
    """Where the recommendation before a mark begins: its last recommending sentence that does not just elaborate
    the one before ('USAID/Haiti did not verify lists. We recommend that ... (Recommendation 1)'); else start."""
    starts = [start, *(m.end() for m in _SENTENCE_BREAK.finditer(text, start, end))]
    for begin in reversed(starts):
        sentence = text[begin:end]
        if _cued(sentence) and not _continues_explanation(sentence):
            return begin
    return start


def _congress(marker: str) -> str | None:
    return "Congress" if "consideration" in marker.lower() else None


def _label_section(blocks: tuple[Block, ...], index: int) -> str | None:
    """The section a label stands in: for a label printed as a heading ('Recommendation 2', then 'Priority:
    High'), the heading above it that is no label, no field and introduces no list ('Operational implications:')."""
    if blocks[index].kind != "heading":
        return _section_of(blocks[index])
    above = next((b for b in reversed(blocks[:index]) if b.kind == "heading" and not _rules().label.match(b.text)
                  and not _FIELD.match(b.text) and not b.text.rstrip().endswith(":")), None)
    return squash(above.text).rstrip(":") if above is not None else None


def _section_of(block: Block) -> str | None:
    return squash(block.section).rstrip(":") if block.section else None


# -- tables --------------------------------------------------------------------------------------------------

def _cells(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a table row written on one line."""
    spans, start = [], 0
    while (found := text.find(CELL_SEPARATOR, start)) >= 0:
        spans.append((start, found))
        start = found + len(CELL_SEPARATOR)
    spans.append((start, len(text.rstrip())))
    return spans


def _tables(parsed: ParsedDocument) -> tuple[list[_Candidate], dict[int, tuple[int, int]]]:
    """Rows under a header with a recommendation column: the candidates, and each row's recommendation cell."""
    rules, blocks = _rules(), parsed.blocks
    out: list[_Candidate] = []
    cells_of: dict[int, tuple[int, int]] = {}
    index = 0
    while index < len(blocks):
        header = [blocks[index].text[a:b].strip().rstrip(":") for a, b in _cells(blocks[index].text)]
        column = next((i for i, cell in enumerate(header) if rules.recommendation_column.match(cell)), None)
        if len(header) < 2 or column is None:
            index += 1
            continue
        audience_column = next((i for i, cell in enumerate(header) if rules.audience_column.match(cell)), None)
        responded = any(rules.response_column.match(cell) for cell in header)
        index += 1
        while index < len(blocks) and blocks[index].kind != "heading" and CELL_SEPARATOR in blocks[index].text:
            candidate = _table_row(parsed, index, column, audience_column, len(header), responded)
            if candidate is not None:
                out.append(candidate)
                cells_of[index] = (candidate.start, candidate.end)
            index += 1
    return out, cells_of


def _table_row(parsed: ParsedDocument, index: int, column: int, audience_column: int | None,
               width: int, responded: bool) -> _Candidate | None:
    """A row's recommendation cell (its label or number left out) with the audience its responsible cell names;
    a row with another number of cells than the header (empty or spanning cells) gives its longest cell and no
    column audience. In a management response table (a response or actions column) the responsible cell names who
    acts on the response, so the addressee the recommendation names comes first, and the report's own text of a
    recommendation it restates wins over the row (rule rec_response_table)."""
    rules, block = _rules(), parsed.blocks[index]
    spans = _cells(block.text)
    aligned = len(spans) == width
    start, end = spans[column] if aligned else max(spans, key=lambda span: span[1] - span[0])
    text = block.text[start:end]
    label = rules.label.match(text) or _ITEM_NUMBER.match(text)
    start += label.end() if label is not None else 0  # a cell with a label alone refers to one made elsewhere
    text = block.text[start:end]
    if len(text.strip()) < MIN_LABELLED_CHARS or rules.responses.match(text) or _TOC_LINE.search(text):
        return None
    column_audience = None
    if aligned and audience_column is not None:
        column_audience = squash(block.text[slice(*spans[audience_column])]) or None
    named = addressee(text) or body_addressed(text)
    # a response table's responsible cell names who acts on the response: the addressee the text names comes first,
    # unless it is an office without a name ("The country office should ...")
    if responded and named and any(word[0].isupper() for word in named.split()):
        audience = named
    else:
        audience = column_audience or named
    number = None if label is None else label.groupdict().get("number") or re.sub(r"\W", "", label.group(0))
    return _Candidate(index, start, end, "numbered" if label is not None else "bullet",
                      audience, "rec_response_table" if responded else "rec_table",
                      _section_of(block), number)


def _within_cell(parsed: ParsedDocument, candidate: _Candidate) -> _Candidate | None:
    """A candidate found in a table row ends with the cell it starts in; None if that cell is a bare label
    ("Recommendation 3 | ...": the labelled rule takes the next cell)."""
    text = parsed.blocks[candidate.block].text
    found = text.find(CELL_SEPARATOR, candidate.start, candidate.end)
    if found < 0:
        return candidate
    cell = text[candidate.start:found]
    label = _rules().label.match(cell) or _ITEM_NUMBER.match(cell + " ")
    return None if label is not None and not cell[label.end():].strip() else replace(candidate, end=found)


# -- sections ------------------------------------------------------------------------------------------------

def _section(parsed: ParsedDocument, heading_index: int) -> list[_Candidate]:
    """Walk the blocks under a recommendations heading."""
    blocks, docs, rules = parsed.blocks, parsed.docs, _rules()
    heading = blocks[heading_index]
    heading_audience = _heading_audience(heading.text)
    section = squash(heading.text).rstrip(":")
    # block, start, end, kind, rule, lead-in's audience, the item's own ("UNDP and UNFPA: strengthen ...")
    pending: list[tuple[int, int, int, str, str, str | None, str | None]] = []
    out: list[_Candidate] = []
    trailing: bool | None = None
    label: str | None = None
    lead_audience: str | None = None
    labels_seen = 0
    gap = 0

    def flush(audience: str | None) -> None:
        for index, start, end, kind, rule, lead, own in pending:
            text = blocks[index].text[start:end]
            out.append(_Candidate(index, start, end, kind, own or audience or addressee(text) or lead
                                  or heading_audience or closing_note_audience(text) or body_addressed(text), rule,
                                  section))
        pending.clear()

    index = heading_index + 1
    while index < len(blocks) and gap < MAX_GAP_BLOCKS:
        block = blocks[index]
        if _audience_line(block) and not _lead_in_line(block.text):
            if is_recommendation_heading(block.text) or rules.label.match(block.text):
                break
            new_label = audience_label(block.text)
            if new_label is None:
                if trailing or not _theme_heading(parsed, heading_index, index):
                    break
                trailing = trailing if pending else False  # a theme before the first items: labels lead lists
                gap = 0  # "Programme design": a theme the recommendations are grouped by, not their audience
                index += 1
                continue
            if trailing is None:
                trailing = bool(pending)
            if trailing:
                flush(new_label)
            else:
                flush(label)
                label = new_label
            labels_seen += 1
            lead_audience = None
            gap = 0
        elif block.kind == "item":
            if looks_like_name(block.text):
                break
            number = _ITEM_NUMBER.match(block.text) if block.marker == "numbered" else None
            if number and pending and pending[-1][3] == "numbered" and not _recommends(block.text[number.end():]) \
                    and _recommends(_pending_text(blocks, pending[-1])) and _explains(blocks, pending[-1], index):
                # "79. The recommendation is based on finding 4": a numbered paragraph that recommends nothing,
                # after one that does, explains it (reports that number every paragraph)
                item, start = pending[-1][:2]
                pending[-1] = (item, start, block.end - blocks[item].start, *pending[-1][3:])
            else:
                start = _prefix_end(block.text, number.end() if number else 0)
                own, start = _item_audience(block.text, start)
                pending.append((index, start, len(block.text.rstrip()), block.marker or "bullet",
                                f"rec_section_{block.marker or 'bullet'}", lead_audience, own))
            gap = 0
        elif pending and pending[-1][3] == "numbered" and _explains(blocks, pending[-1], index):
            item, start = pending[-1][:2]  # "1. UNDP should ..." then paragraphs explaining it
            pending[-1] = (item, start, block.end - blocks[item].start, *pending[-1][3:])
        elif _introduces_reported(docs[index]):
            gap += 1  # "The 2022 review made 15 recommendations. Among them were:": its list is another document's
            while index + 1 < len(blocks) and blocks[index + 1].kind == "item":
                index += 1
        else:
            sentences = _prose_recommendations(docs[index])
            lead = _lead_in(docs[index])
            if lead is None and _opens_with_action(docs[index]):
                # "Protect the budget for primary care. The Ministry should ...": a paragraph led by a (bold) action
                # is one recommendation, its lead with the sentences that explain it
                sentences = [(0, len(block.text.rstrip()))]
            if not sentences and lead is None and trailing and labels_seen and not pending:
                break  # labels trail their lists: a plain paragraph after the last label ends the section
            for start, end in sentences:
                pending.append((index, start, end, "prose", "rec_section_prose", lead_audience, None))
            if lead is not None:
                lead_audience = lead or lead_audience
            gap = 0 if sentences or lead is not None else gap + 1
        index += 1
    flush(None if trailing else label)
    return out


def _opens_with_action(doc) -> bool:
    """A paragraph whose first sentence is an instruction ('Release funds on time.'), not a meta or reported one."""
    first = next(iter(doc.sents), None)
    if first is None or not re.match(r"\s*[A-Z][a-z]+\b", first.text) or _rules().meta.search(first.text) \
            or _rules().reported.search(first.text):
        return False
    return re.match(r"\s*([A-Za-z]+)", first.text).group(1).lower() in _rules().verbs


def _lead_in_line(text: str) -> bool:
    """'The team recommends the following:': a lead-in the layout left on a line of its own, read as a paragraph."""
    return text.rstrip().endswith(":") and bool(re.search(r"\brecommend(?:s|ed)?\b", text, re.IGNORECASE))


def _theme_heading(parsed: ParsedDocument, heading_index: int, index: int) -> bool:
    """A heading inside a recommendations section that groups them by theme ('Targeting and coverage'): not a
    report section ('Conclusions', 'Annex 1'), numbered, if at all, under the recommendations heading ('6.2' under
    '6.'), and followed by an item or a recommending paragraph."""
    blocks = parsed.blocks
    text, following = blocks[index].text, blocks[index + 1] if index + 1 < len(blocks) else None
    if opens_report_section(text) or following is None:
        return False
    number = re.match(r"\s*(\d+(?:\.\d+)*|[IVX]+)\.?\s", text)
    parent = re.match(r"\s*(\d+(?:\.\d+)*|[IVX]+)\.?\s", blocks[heading_index].text)
    if number and not (parent and number.group(1).startswith(parent.group(1) + ".")):
        return False
    if not number and _rules().not_audience.search(text):
        return False  # "Agency Comments and Our Evaluation": the report's next part
    return following.kind == "item" or (following.kind == "paragraph" and bool(_prose_recommendations(
        parsed.docs[index + 1])))


def _item_audience(text: str, start: int) -> tuple[str | None, int]:
    """'UNDP and UNFPA: Strengthen ...', 'To donors – Provide ...': the audience an item opens with and where its
    recommendation starts; (None, start) when it opens with none."""
    match = _ITEM_AUDIENCE.match(text, start)
    if match is None or not _recommends(text[match.end():]):
        return None, start
    name = match.group("name").strip()
    if re.search(r"\d", name) or _rules().not_note_audience.search(name) \
            or not (_rules().audience.search(name) or _ACRONYM_LABEL.match(name)):
        return None, start  # "Phase 1: ...", "Short term: ...", "Capacity building: ...": no audience
    audience = audience_label(name + ":")
    return (audience, match.end()) if audience else (None, start)


def _pending_text(blocks: tuple[Block, ...], item: tuple) -> str:
    """The text of a pending section item (block, start, end, ...) within its first block."""
    return blocks[item[0]].text[item[1]:item[2]]


def _explains(blocks: tuple[Block, ...], item: tuple, index: int) -> bool:
    """A paragraph right after a numbered recommendation (or its explanation) that explains it: no lead-in to a
    list, no management response, no recommendation of its own ('We also recommend ...'), within
    MAX_EXPLANATION_CHARS of the item's start."""
    first, start, end = item[0], item[1], item[2]
    block = blocks[index]
    return blocks[first].start + end >= blocks[index - 1].end - 1 and not block.text.rstrip().endswith(":") \
        and not _rules().responses.match(block.text) and CELL_SEPARATOR not in block.text \
        and not _rules().section_label.match(block.text) and not _is_footnote(blocks, index) \
        and not _rules().formal.search(_SENTENCE_BREAK.split(block.text, maxsplit=1)[0]) \
        and block.end - blocks[first].start - start <= MAX_EXPLANATION_CHARS


def _section_before(parsed: ParsedDocument, heading_index: int) -> list[_Candidate]:
    """A recommendations heading printed after its whole list: trailing audience labels, each after its items,
    run back from the heading to the previous other block."""
    blocks = parsed.blocks
    if heading_index == 0 or blocks[heading_index - 1].kind != "heading" \
            or audience_label(blocks[heading_index - 1].text) is None:
        return []
    section = squash(blocks[heading_index].text).rstrip(":")
    out: list[_Candidate] = []
    label: str | None = None
    index = heading_index - 1
    while index >= 0:
        block = blocks[index]
        if block.kind == "heading":
            label = audience_label(block.text)
            if label is None:
                break
        elif block.kind == "item" and label is not None:
            if looks_like_name(block.text):
                break  # a directory of names, not a list of recommendations
            number = _ITEM_NUMBER.match(block.text) if block.marker == "numbered" else None
            out.append(_Candidate(index, number.end() if number else 0, len(block.text.rstrip()),
                                  block.marker or "bullet", label, f"rec_section_{block.marker or 'bullet'}", section))
        else:
            break
        index -= 1
    return out


def _prose_recommendations(doc) -> list[tuple[int, int]]:
    """Recommending sentences of a paragraph, each with the sentences that follow it up to the next one
    (explanations stay with their recommendation); meta, reported and response sentences are left out."""
    rules = _rules()
    spans: list[list[int]] = []
    for sentence in doc.sents:
        text = sentence.text
        if rules.responses.match(text):
            break
        recommending = _cued(text) and not rules.meta.search(text) \
            and not rules.reported.search(text) and not text.rstrip().endswith(":")
        if recommending:
            spans.append([sentence.start_char, sentence.end_char])
        elif spans and spans[-1][1] >= sentence.start_char - 1 and not rules.reported.search(text) \
                and not rules.meta.search(text) and _continues_explanation(text):
            spans[-1][1] = sentence.end_char
    return [(start, end) for start, end in spans]


def _continues_explanation(sentence: str) -> bool:
    """'This would ...', 'Such a plan ...', 'For example, ...': a sentence that elaborates the one before."""
    return bool(re.match(r"\s*(?:this|these|that|such|it|they|for example|for instance|in particular|"
                         r"specifically|e\.g\.|i\.e\.|doing so|in doing so|including)\b", sentence, re.IGNORECASE))


def _lead_in(doc) -> str | None:
    """A paragraph ending in a sentence that introduces a list ('We are making the following two recommendations
    to the Department of State:', 'we recommend that the Secretary take the following actions:'): the audience it
    names ('' if none); None if the paragraph introduces nothing."""
    sentences = list(doc.sents)
    text = sentences[-1].text.strip() if sentences else ""
    if not text.endswith(":"):
        return None
    match = _rules().lead_in.search(text)
    if match:
        return _trim(match.group("addressee"))
    return addressee(text) or ""


def _introduces_reported(doc) -> bool:
    """A paragraph introducing a list of another document's recommendations: its last sentence, or the one before
    a short closing one ('The most frequent were:'), reports them ('The 2022 review made 15 recommendations',
    'Its key recommendations were:')."""
    sentences = [s.text for s in doc.sents]
    if not sentences or not sentences[-1].rstrip().endswith(":"):
        return False
    reported = _rules().reported
    return bool(reported.search(sentences[-1])) or (len(sentences) > 1 and bool(reported.search(sentences[-2]))
                                                     and "recommend" not in sentences[-1].lower())


def _trim(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in _MINOR:
        words.pop()
    return " ".join(words)


def _heading_audience(heading: str) -> str | None:
    """'Recommendations to the Ministry of Health' -> 'Ministry of Health'."""
    match = re.search(r"\brecommendations?\s+(?:for|to)\s+(?:the\s+)?(.+)$", heading.strip().rstrip(":"), re.IGNORECASE)
    if match and _rules().audience.search(match.group(1)) and not re.search(r"\bsupport|improv|strengthen|advance",
                                                                            match.group(1), re.IGNORECASE):
        return match.group(1)
    if re.search(r"\bcongressional\b", heading, re.IGNORECASE):
        return "Congress"
    return None


# -- formal sentences ----------------------------------------------------------------------------------------

def _formal(parsed: ParsedDocument) -> list[_Candidate]:
    """'We recommend that ...' anywhere; one ending in a colon introduces the items after it."""
    rules, blocks = _rules(), parsed.blocks
    out: list[_Candidate] = []
    for index, (block, doc) in enumerate(zip(blocks, parsed.docs)):
        if block.kind == "heading":
            continue
        for sentence in doc.sents:
            text = sentence.text
            if not rules.formal.search(text) or rules.reported.search(text):
                continue
            audience = addressee(text)
            parts = _lettered_parts(blocks, index, sentence.start_char)
            if parts and all(part[0] == index for part in parts):  # "We recommend that X: (a) ...; and (b) ..."
                out.extend(_Candidate(index, begin, stop, "numbered", audience, "rec_lead_in_item", _section_of(block))
                           for _, begin, stop, _ in parts)
                continue
            if text.rstrip().endswith(":") and sentence.end_char >= len(block.text.rstrip()) - 1:
                following = index + 1
                while following < len(blocks) and blocks[following].kind == "item":
                    item = blocks[following]
                    number = _ITEM_NUMBER.match(item.text) if item.marker == "numbered" else None
                    out.append(_Candidate(following, number.end() if number else 0, len(item.text.rstrip()),
                                          item.marker or "bullet", audience, "rec_lead_in_item",
                                          _section_of(item)))
                    following += 1
                continue
            out.append(_Candidate(index, sentence.start_char, sentence.end_char, "prose", audience,
                                  "rec_formal_sentence"))
    return out


# -- choosing ------------------------------------------------------------------------------------------------

def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Per block, the more specific rule's span wins an overlap, then the longer; the winner keeps the loser's
    audience and section when it has none."""
    ranked = sorted(candidates, key=lambda c: (-RULE_PRIORITY[c.rule], -(c.end - c.start), c.block, c.start))
    chosen: list[_Candidate] = []
    for candidate in ranked:
        clash = next((i for i, c in enumerate(chosen) if c.block == candidate.block
                      and c.start < candidate.end and candidate.start < c.end), None)
        if clash is None:
            chosen.append(candidate)
            continue
        winner = chosen[clash]
        chosen[clash] = replace(winner, audience=winner.audience or candidate.audience,
                                section=winner.section or candidate.section)
    return chosen


def _content_words(text: str) -> frozenset[str]:
    """Words that carry a recommendation's content: no framing, no minor words."""
    core = _FRAMING.sub(" ", text)
    skip = _MINOR | {"should", "we", "recommend", "that"}
    return frozenset(w for w in re.findall(r"\w+", core.lower()) if w not in skip and not w.isdigit())


def _without_restatements(parsed: ParsedDocument, candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop a recommendation that restates another (summary and body, body and annex table): same audience (or
    none), same content; the longer version is kept (the body's, with its explanation), of two as long the first in
    the document, a formal sentence found anywhere or one in the agency's comments last; it takes the
    restatement's audience when it names none, and keeps the restatements to link them."""
    texts = [_span_text(parsed, c) for c in candidates]
    # A list item that opens with its label ("• Recommendation 2 (Donors): pool support") has its number too.
    labels = [_rules().label.match(t) for t in texts]
    candidates = [replace(c, number=c.number or (label.group("number") if label else None))
                  for c, label in zip(candidates, labels)]
    words = [_content_words(t[label.end():] if label else t) for t, label in zip(texts, labels)]
    # A formal sentence outside the recommendations (a letter's "we are recommending that ...") and the agency's
    # restatement in its comments give way to the report's own statement, however long.
    order = sorted(range(len(candidates)), key=lambda i: (
        candidates[i].rule == "rec_formal_sentence", _in_response(parsed, candidates[i]), -len(texts[i]),
        candidates[i].block, candidates[i].start))
    # A sentence enumerating several ("(1) develop ... and (2) collect ...") is weighed last, against them all.
    enumerated = [i for i in order if len(_enumerated_parts(texts[i])) >= 2]
    kept: list[int] = []
    for i in [i for i in order if i not in enumerated] + enumerated:
        if i in enumerated and _summarises(texts[i], candidates[i], [(words[k], candidates[k]) for k in kept]):
            continue
        restated = next((k for k in kept if _restates(words[i], words[k], candidates[i], candidates[k])), None)
        if restated is None:
            kept.append(i)
            continue
        kept_one = candidates[restated]
        candidates[restated] = replace(kept_one, audience=kept_one.audience or candidates[i].audience,
                                       restatements=(*kept_one.restatements, candidates[i]))
    return [candidates[i] for i in sorted(kept)]


def _enumerated_parts(text: str) -> list[frozenset[str]]:
    """The content words of each part of a sentence that enumerates actions ('to (1) develop ... and (2) ...')."""
    return [words for part in _ENUMERATED.split(text)[1:] if len(words := _content_words(part)) >= 3]


def _summarises(text: str, candidate: _Candidate, others: list[tuple[frozenset[str], _Candidate]]) -> bool:
    """'GAO recommends that DOD (1) develop a plan ... and (2) collect data ...': a sentence whose enumerated
    recommendations are each made in full elsewhere (a highlights page) is not one of its own."""
    return all(any(_restates(part, other, candidate, other_candidate) for other, other_candidate in others)
               for part in _enumerated_parts(text))


def _in_response(parsed: ParsedDocument, candidate: _Candidate) -> bool:
    """A candidate under a heading of the agency's comments ('Appendix II: Comments from the Department of
    Defense', 'Management response')."""
    section = parsed.blocks[candidate.block].section or ""
    return bool(_rules().response_sections.search(section) or _rules().response_sections.search(
        candidate.section or ""))


def _restates(a: frozenset[str], b: frozenset[str], first: _Candidate, second: _Candidate) -> bool:
    """Same audience (or one unknown, or, for two with the same number, one naming part of the other: 'UNDP' and
    'UNDP country office') and the same content, the addressee's name left out of both (a summary names it in a
    bracket, a table in a column of its own). Without a shared number, two chapters' items to 'International
    Organizations' and 'International Organizations / Donors' are different countries' recommendations."""
    audience_a, audience_b = first.audience, second.audience
    same_number = first.number is not None and first.number == second.number
    if audience_a and audience_b:
        names_a, names_b = (frozenset(re.findall(r"\w+", x.lower())) - _MINOR for x in (audience_a, audience_b))
        if not (names_a == names_b or (same_number and (names_a <= names_b or names_b <= names_a))):
            return False
    names = {w.lower() for w in re.findall(r"\w+", f"{audience_a or ''} {audience_b or ''}")}
    a, b = a - names, b - names
    if same_number and min(len(a), len(b)):
        return len(a & b) >= SAME_NUMBER_SHARE * min(len(a), len(b))
    if min(len(a), len(b)) < RESTATEMENT_MIN_WORDS:
        return a == b
    return len(a & b) >= RESTATEMENT_SHARE * min(len(a), len(b))


def _blocks_after(parsed: ParsedDocument, candidate: _Candidate) -> range:
    """The blocks after the candidate's first that its span runs into (the paragraphs explaining it)."""
    first = parsed.blocks[candidate.block]
    last = candidate.block
    while last + 1 < len(parsed.blocks) and parsed.blocks[last + 1].start - first.start < candidate.end:
        last += 1
    return range(candidate.block + 1, last + 1)


def _span_text(parsed: ParsedDocument, candidate: _Candidate) -> str:
    """The candidate's text: block.text[start:end], continued into the blocks after it when end passes its end
    (offsets count from the block's start in the document text; the blocks' own texts are used, footnotes
    between them left out)."""
    blocks = parsed.blocks
    first = blocks[candidate.block]
    if candidate.end <= len(first.text):
        return first.text[candidate.start:candidate.end]
    pieces = [first.text[candidate.start:]]
    for index in range(candidate.block + 1, len(blocks)):
        offset = blocks[index].start - first.start
        if offset >= candidate.end:
            break
        if not _is_footnote(blocks, index):
            pieces.append(" " + blocks[index].text[:candidate.end - offset])
    return "".join(pieces)


def _make(parsed: ParsedDocument, candidate: _Candidate) -> Recommendation:
    """A recommendation from its span with provenance (and its restatements'); the section is the recommendations
    heading."""
    trimmed, prov = _trimmed(parsed, candidate)
    return Recommendation(squash(_span_text(parsed, trimmed)), candidate.audience, candidate.kind, prov,
                          tuple(_trimmed(parsed, other)[1] for other in candidate.restatements))


def _trimmed(parsed: ParsedDocument, candidate: _Candidate) -> tuple[_Candidate, Provenance]:
    """The candidate without the white space around it, and its provenance."""
    text = _span_text(parsed, candidate)
    start = candidate.start + len(text) - len(text.lstrip())
    end = candidate.end - (len(text) - len(text.rstrip(" ([{")))  # the sentencizer leaves "(" of "(Recommendation 1)"
    prov = provenance(parsed, parsed.blocks[candidate.block], start, end, candidate.rule)
    if candidate.section is not None:
        prov = replace(prov, section=candidate.section)
    return replace(candidate, start=start, end=end), prov

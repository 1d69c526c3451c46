"""Structure: split normalised text into headings, list items and paragraphs, each tagged with its section.

Works on text alone (the readers give no font information that survives every format), from the shapes
reports use: bullet markers, "1." / "(a)" numbering, short stand-alone title-like lines for headings, and
wrapped lines (including lines a PDF split with a stray blank line) joined back into their block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from functools import lru_cache

from pipeline.config import PACKAGE_DIR
from pipeline.records import Block
from pipeline.text.normalise import BULLET, CELL_SEPARATOR, NormalisedDocument
from pipeline.text.words import dangling_adjectives

# Headings are short: longer lines are body text even when they stand alone.
HEADING_MAX_CHARS = 100
HEADING_MAX_WORDS = 12
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+(?=\S)")
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+(?=[A-Z])")
# "III. Testing and shared arrangements", "4.2 Value for money", "B. Fuel consumption": a chapter number in Roman
# numerals, a numbered subsection or a capital letter marks a title even in sentence case (a list is numbered "1.",
# "a." or "i.", not "III.", "4.2" or "B.").
_CHAPTER_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|[IVX]{1,5}\.|[A-H]\.)\s+(?=[A-Z])")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_MINOR_WORDS = frozenset("a an and as at by for from in into of on or the to with under via de du des la le et".split())
_TERMINAL = (".", ",", ";", "!", "?")
# "We recommend that the Bureau:": a line opened by a pronoun subject is a sentence introducing a list, not a title.
_PRONOUN_START = re.compile(r"(?:we|it|they|i)\s", re.IGNORECASE)
# "Children (WIC). WIC is administered": a sentence boundary inside a line means body text, not a title.
_SENTENCE_INSIDE = re.compile(r"[a-z)\]]\.\s+[A-Z]")
# A footnote at a page's foot: its number, then its text (the number raised, so glued to it: "1As noted").
_FOOTNOTE = re.compile(r"^\d{1,3}(?:\s+\S|[A-Z][a-z])")
# A line ending in a joining word, comma or hyphen stops mid-sentence; across a page break, so does any line
# ending in a lower-case word without punctuation.
_JOINING_END = re.compile(r"(?:,|-|\b(?:" + "|".join(
    "a an and as at by for from in into of on or the to with under via about that which who whose".split()) + r"))$")
_OPEN_END = re.compile(r"[a-z]$|" + _JOINING_END.pattern)
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")
# A title line ending on a capitalised word that the next line plainly continues is one block with it, not a
# heading ('Before the Subcommittee on Federal' / 'Workforce, Postal Service, and the District of ...'): the next
# line opens with a list of capitalised names, or with a firm's name ('Aircraft Ltd.'), or the line ends on an
# adjective that needs its noun.
_NAME = r"[A-Z][\w'’&-]*(?:\s+(?:of\s+|and\s+|the\s+)*[A-Z][\w'’&-]*)*"
_NAME_LIST_START = re.compile(rf"^{_NAME},\s+(?:(?:and|or)\s+)?{_NAME}(?:,|\s+(?:and|or)\s)")
_FIRM_START = re.compile(rf"^{_NAME}\s+(?:Ltd|Inc|Corp|Co|LLC|plc|GmbH|AG|SA|S\.A)\b\.?")
# "2. Synthesis of evaluation findings" alone between blank lines titles a section when "1." of its numbering was a
# title; under a recommendations heading a short numbered line is kept an item, since a recommendation may read
# like a title ("1. Strengthen coordination between ministries").
_LIST_NUMBER = re.compile(r"^\(?(\d{1,2})[.)]\s+(?=\S)")
_RECOMMENDATIONS = re.compile(r"\brecommend", re.IGNORECASE)


@lru_cache(maxsize=1)
def _section_words() -> frozenset[str]:
    lines = (PACKAGE_DIR / "text" / "data" / "section_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def opens_report_section(line: str) -> bool:
    """A title that opens a part of the report by its first word ('Conclusions', 'Annex 2. People met',
    'Lessons learned'), its number left aside."""
    words = re.findall(r"[^\W\d_][\w'’-]*", _SECTION_NUMBER.sub("", line.strip()))
    return bool(words) and words[0].lower() in _section_words()


@dataclass
class _Open:
    kind: str
    start: int
    end: int
    marker: str | None


def is_heading_line(line: str, standalone: bool) -> bool:
    """A short title-like line: no sentence punctuation at its end, capitalised words, standing alone."""
    text = line.strip()
    if not text or len(text) > HEADING_MAX_CHARS or text.endswith(_TERMINAL) or _SENTENCE_INSIDE.search(text) \
            or CELL_SEPARATOR in text:
        return False  # a table row ("Recommendation | Responsible") is data, not a title
    body = _SECTION_NUMBER.sub("", text)
    words = re.findall(r"[^\W\d_][\w'’-]*", body)
    if not words or len(words) > HEADING_MAX_WORDS or not (body[0].isupper() or body[0].isdigit()):
        return False
    if words[-1].lower() in _MINOR_WORDS:
        return False  # "The Aga Khan Foundation funded the": a sentence broken at a line end
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    if text.endswith(":"):
        return len(words) <= 8 and not _PRONOUN_START.match(body)
    if not standalone:
        return False
    return len(words) <= 3 or capitalised >= 0.6 * max(1, len(content)) or words[0].lower() in _section_words() \
        or bool(_CHAPTER_NUMBER.match(text))


def split_blocks(doc: NormalisedDocument) -> list[Block]:
    """Blocks in reading order, each with the text of the heading it falls under."""
    text = doc.text
    lines = _lines(text)
    blocks: list[Block] = []
    current: _Open | None = None
    closed_by_blank = False
    runs_on = False
    numbering: list[list] = []  # runs of "1.", "2." ... numbers: [last number, kind of the first, its section]

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(_block(doc, current))
            current = None

    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if not line.strip():
            if current is not None and current.kind != "heading":
                closed_by_blank = True
            continue
        previous_blank = index == 0 or not text[lines[index - 1][0]:lines[index - 1][1]].strip()
        next_blank = index + 1 == len(lines) or not text[lines[index + 1][0]:lines[index + 1][1]].strip()
        next_line = text[lines[index + 1][0]:lines[index + 1][1]] if index + 1 < len(lines) else ""
        if _PAGE_NUMBER.match(line.strip()) and (previous_blank or next_blank):
            continue  # a page number alone between blank lines is page furniture, not body text
        joins_next = False
        if runs_on and current is not None:
            current.end = end  # the line that a title line stopping inside a name goes on with
        elif line.startswith(BULLET):
            close()
            current = _Open("item", start + len(BULLET) + 1, end, "bullet")
        elif _NUMBERED.match(line) and not _looks_like_heading_number(line):
            close()
            if previous_blank and next_blank and _numbers_a_section(line, numbering, blocks):
                blocks.append(_block(doc, _Open("heading", start, end, None)))
            else:
                current = _Open("item", start, end, "numbered")
        elif not next_line[:1].islower() and not (current is not None and current.kind != "heading"
                                                  and not previous_blank and _ends_open(text, lines[index - 1], line)) \
                and not (not next_blank and _wraps_like_body(line)) \
                and is_heading_line(line, standalone=previous_blank or next_blank or current is None
                                    or current.kind == "heading"):
            close()
            if not next_blank and _name_runs_on(line, next_line):
                current = _Open("paragraph", start, end, None)
                joins_next = True
            else:
                blocks.append(_block(doc, _Open("heading", start, end, None)))
        elif current is not None and (not closed_by_blank or _continues(current, text, line)) \
                and not (CELL_SEPARATOR in line or CELL_SEPARATOR in text[current.start:current.end]) \
                and not (current.kind == "paragraph" and _leaves_name_lines(text[current.start:current.end], line)):
            current.end = end  # a table row ("Recommendation | Addressed to") is a block of its own
        elif current is None and blocks and closed_by_blank and blocks[-1].kind != "heading" \
                and _continues(_Open(blocks[-1].kind, blocks[-1].start, blocks[-1].end, blocks[-1].marker), text, line):
            reopened = blocks.pop()
            current = _Open(reopened.kind, reopened.start, end, reopened.marker)
        else:
            close()
            current = _Open("paragraph", start, end, None)
        if number := _LIST_NUMBER.match(line):
            titled = bool(blocks) and blocks[-1].start == start and blocks[-1].kind == "heading"
            _count(numbering, int(number.group(1)), "heading" if titled else "item",
                   _last_heading(blocks[:-1] if titled else blocks))
        closed_by_blank, runs_on = False, joins_next
    close()
    return _with_sections(_join_across_pages(doc, _rejoin_stranded_lines(doc, blocks)))


def _count(numbering: list[list], number: int, kind: str, section: str | None) -> None:
    """Add a numbered line to the latest run it continues (its number follows that run's last), or start a run."""
    run = next((r for r in reversed(numbering) if r[0] == number - 1), None)
    if run is None:
        numbering.append([number, kind, section])
    else:
        run[0] = number


def _last_heading(blocks: list[Block]) -> str | None:
    return next((b.text for b in reversed(blocks) if b.kind == "heading"), None)


def _numbers_a_section(line: str, numbering: list[list], blocks: list[Block]) -> bool:
    """A numbered title standing alone ('2. Synthesis of evaluation findings') whose number continues a run of
    numbered titles ('1. Introduction'), neither under a recommendations heading."""
    number = _LIST_NUMBER.match(line)
    if number is None or int(number.group(1)) < 2:
        return False
    body = line[number.end():].strip()
    words = _WORD.findall(body)
    if not words or not body[0].isupper() or len(body) > HEADING_MAX_CHARS or len(words) > HEADING_MAX_WORDS \
            or body.endswith(_TERMINAL) or body.endswith(":") or _SENTENCE_INSIDE.search(body) \
            or words[-1].lower() in _MINOR_WORDS:
        return False
    run = next((r for r in reversed(numbering) if r[0] == int(number.group(1)) - 1), None)
    section = _last_heading(blocks)
    return run is not None and run[1] == "heading" and not any(
        _RECOMMENDATIONS.search(text or "") for text in (run[2], section))


def _name_runs_on(line: str, next_line: str) -> bool:
    """A title-like line stops inside a name that the next line goes on with (see _NAME_LIST_START)."""
    words = _WORD.findall(line)
    if not words or not words[-1][0].isupper() or line.rstrip().endswith(":"):
        return False
    following = next_line.strip()
    inside_name = any(w.lower() in _MINOR_WORDS for w in words[1:])  # 'Subcommittee on ...', not 'David D. Bellis'
    return bool(inside_name and _NAME_LIST_START.match(following) or _FIRM_START.match(following)) \
        or (words[-1] in dangling_adjectives() and following[:1].isupper())


def _is_name_line(line: str) -> bool:
    """A short line of capitalised names, as in an addressee block ('Subcommittee on Agriculture, Rural
    Development,' / 'and Related Agencies' / 'House of Representatives'): no sentence ends in it."""
    text = line.strip()
    words = _WORD.findall(text)
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    return (bool(content) and len(words) <= HEADING_MAX_WORDS and not text.endswith((".", ";", "!", "?", ":"))
            and not _SENTENCE_INSIDE.search(text) and all(w[0].isupper() for w in content))


def _leaves_name_lines(block: str, line: str) -> bool:
    """A paragraph that so far holds only lines of names (an addressee block) ending on a name is over when a
    line that reads like the start of body text follows ('House of Representatives' / 'We reviewed the ...')."""
    lines = block.split("\n")
    words = _WORD.findall(lines[-1])
    return (len(lines) >= 2 and all(_is_name_line(part) for part in lines) and bool(words)
            and words[-1][0].isupper() and line[:1].isupper() and not _is_name_line(line) and _wraps_like_body(line)
            and len(line.strip()) > max(len(part.strip()) for part in lines) and "..." not in block + line)


def _wraps_like_body(line: str) -> bool:
    """A line with text right below it that reads like the start of a paragraph, not a title: a lower-case
    word that is not a minor word ('We recommend that the Secretary of Agriculture direct the Food and')."""
    words = re.findall(r"[^\W\d_][\w'’-]*", _SECTION_NUMBER.sub("", line.strip()))
    return len(words) > 3 and any(w[0].islower() and w.lower() not in _MINOR_WORDS for w in words)


def _ends_open(text: str, previous: tuple[int, int], line: str) -> bool:
    """The previous line stops mid-sentence ('... for Women, Infants and'), or stops without punctuation before a
    line ending in a colon ('... also has two primary' / 'SI support organizations:'): this line continues it."""
    before = text[previous[0]:previous[1]].rstrip()
    return bool(_JOINING_END.search(before)) or (line.rstrip().endswith(":") and before[-1:].islower())


def _join_across_pages(doc: NormalisedDocument, blocks: list[Block]) -> list[Block]:
    """A paragraph or item cut by a page break, with only the page's footnotes between the parts, is one block;
    the footnotes (and the page break) inside it read as spaces, so offsets stay those of the document text."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        after = index + 1
        if after < len(blocks) and blocks[after].page == block.page and _FOOTNOTE.match(blocks[after].text):
            while after < len(blocks) and blocks[after].page == block.page:
                after += 1  # the footnotes and their wrapped lines, to the foot of the page
        following = blocks[after] if after < len(blocks) else None
        if (following is not None and block.kind in ("paragraph", "item") and following.kind == "paragraph"
                and following.page == block.page + 1
                and (_OPEN_END.search(block.text.rstrip()) and not following.text[:1].isdigit()
                     or following.text[:1].islower() and not block.text.rstrip().endswith((".", "!", "?", ":")))):
            gap = doc.text[block.end:following.start]
            text = block.text + " " * len(gap) + following.text
            out.append(Block(block.kind, block.start, following.end, text, block.page, block.marker))
            out.extend(blocks[index + 1:after])
            index = after + 1
            continue
        out.append(block)
        index += 1
    return sorted(out, key=lambda b: b.start)


def _rejoin_stranded_lines(doc: NormalisedDocument, blocks: list[Block]) -> list[Block]:
    """A one-line fragment between an unfinished list item and the next item or heading is the end of that
    item, cut off by a stray blank line in extraction ('... CSOs on SI at Central' / 'Asia regional level')."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        previous = out[-1] if out else None
        if (block.kind == "paragraph" and "\n" not in doc.text[block.start:block.end]
                and CELL_SEPARATOR not in block.text  # a table row stands on its own
                and not (block.text[:1].isupper() and block.text.rstrip().endswith((".", "!", "?")))
                and previous is not None and previous.kind == "item"
                and not previous.text.rstrip().endswith((".", "!", "?", ";", ":"))
                and (following is None or following.kind in ("item", "heading"))):
            out[-1] = _block(doc, _Open("item", previous.start, block.end, previous.marker))
            continue
        out.append(block)
    return out


def _continues(block: _Open, text: str, line: str) -> bool:
    """After a blank line, a line starting in lower case continues an unfinished item or paragraph."""
    return line[:1].islower() and not text[block.start:block.end].rstrip().endswith((".", "!", "?", ":"))


def _looks_like_heading_number(line: str) -> bool:
    return bool(_SECTION_NUMBER.match(line)) and is_heading_line(line, standalone=True) and len(line) < 60


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _block(doc: NormalisedDocument, block: _Open) -> Block:
    text = doc.text[block.start:block.end].replace("\n", " ")
    return Block(block.kind, block.start, block.end, text, doc.page_of(block.start), block.marker)


def _with_sections(blocks: list[Block]) -> list[Block]:
    out, section = [], None
    for block in blocks:
        if block.kind == "heading":
            section = " ".join(block.text.split()).rstrip(":")
            out.append(block)
        else:
            out.append(replace(block, section=section))
    return out

"""Normalise page texts into one document text with an offset map back to (page, source offset).

Before the page steps, running headers, footers and page numbers (lines repeated at the top or bottom of
several pages) are taken out of the body and kept as page furniture. Steps, in order: line endings; Unicode NFKC
(ligature code points such as U+FB01 become "fi"); unmapped "(cid:N)" glyphs (a bullet at line start, otherwise
dropped); list bullet glyphs to one marker; footnote reference numbers stuck to words ("Agenda150",
"rates.1 We"); words hyphenated across line ends (joined only when the result is a known word); letter-spaced
words; lost "fi"/"fl"/"ff" ligatures; white space. Last, over the whole document, stray blank lines inside a
sentence (a PDF's paragraph break in mid-sentence, or a page break) are taken out where the text plainly
continues.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Iterable
from functools import lru_cache

from pipeline.config import KNOWN_WORD_ZIPF, PACKAGE_DIR, REPAIR_MIN_GAIN_ZIPF
from pipeline.text.mapped import MappedText
from pipeline.text.words import is_known_word, zipf, zipf_once

BULLET = "•"
# Joins the cells of a table row on its line (the HTML reader writes rows so).
CELL_SEPARATOR = " | "
PAGE_SEPARATOR = "\n\n"
# The sequences a font drops when its ligature glyphs have no Unicode mapping, longest first.
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
# Steps whose changes are counted per document and published as documents.repairs_<step>.
REPAIR_STEPS = ("cid_glyphs", "bullets", "hyphenation", "letter_spacing", "ligatures", "furniture", "footnote_marks",
                "stray_breaks")
# A line at a page's top or bottom is furniture (running header, footer, page number) when, with its digits
# ignored, it stands at the edge of at least this many pages.
FURNITURE_MIN_PAGES = 3
# How many non-blank lines at each end of a page are looked at for furniture.
FURNITURE_EDGE_LINES = 2
# Running headers are short; a longer repeated line is body text that happens to repeat.
FURNITURE_MAX_WORDS = 14
# Longest run of pieces a letter-spaced word is rebuilt from ("r e s u l t i n g" has 9).
MAX_SPACED_PIECES = 24
# A capitalised word is repaired only if it is this rare as it stands (a name such as "Nance" is commoner) and
# the repair is a common word (Zipf 4: "Specific", "Office"); the same holds for the part after a prefix.
DAMAGED_MAX_ZIPF = 1.0
# Words that English text has almost only as a contraction's tail after an apostrophe ("we've", "they'll");
# wordfreq counts them as frequent words, so standing alone they would never look damaged.
CONTRACTION_TAILS = frozenset({"ve", "ll"})
CAPITALISED_REPAIR_MIN_ZIPF = 4.0
# A long word that is no word at all (Zipf 0) seldom turns into a real word by chance when a ligature is
# inserted, so a long word's repair may be a rarer word ("micronance" -> "microfinance", Zipf 2.6; "benetted" ->
# "benefitted", 3.0; capitalised "Nonprot" -> "Nonprofit", 3.9). Shorter words keep the stricter floors above:
# for them an accidental word is likely ("Ofr", "Nance").
LONG_WORD_LETTERS = 7
LONG_WORD_REPAIR_ZIPF = 2.5
LONG_CAPITALISED_REPAIR_MIN_ZIPF = 3.5
# Letter-spaced pieces that join into a long word ("sy s temat i za t ion") spell a real word even when it is rare:
# no run of fragments that long spells a word by accident.
LONG_JOIN_LETTERS = 10
LONG_JOIN_ZIPF = 1.5
# A document's usual long line is this percentile of its line lengths (lines of at least FULL_LINE_MIN_WORDS
# words); a line at least FULL_LINE_SHARE of it long was wrapped by the layout, so a blank line after it may be
# stray. The atlas wraps at ~100 characters; its stray breaks follow lines of 83-95, its real ones lines of ~56.
LONG_LINE_PERCENTILE = 0.9
FULL_LINE_MIN_WORDS = 4
FULL_LINE_SHARE = 0.75


@lru_cache(maxsize=1)
def _bullet_glyphs() -> str:
    lines = (PACKAGE_DIR / "text" / "data" / "bullets.txt").read_text(encoding="utf-8").splitlines()
    return "".join(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CID = re.compile(r"\(cid:\d+\)")
# A cid glyph alone at the start of a line, before text: a bullet from a symbol font without a Unicode map.
_CID_BULLET = re.compile(r"(?m)^[ \t]*\(cid:\d+\)[ \t]+(?=\S)")
# "Agenda150", "rates.1 We": a reference number glued to a word or to its closing punctuation. Not inside URLs
# or file names (followed by "." and a letter, or preceded by "/", ".", "=" ...), not a 4-digit year.
_FOOTNOTE_MARK = re.compile(
    r"(?<![\w./=@#&?-])(?P<word>[A-Za-z][a-z]{2,})(?P<mark>\d{1,3})(?=[\s,;:)]|\.(?:\s|$)|$)"
    r"|(?<=[a-z]{2}[.,;:)\u201d\u2019\"])(?P<after>\d{1,3})(?=[ \t]+[A-Z\u201c\"(]|[ \t]*$)", re.MULTILINE)
_DIGITS = re.compile(r"\d+")
_ROMAN = re.compile(r"(?<![\w'’-])[ivxlc]{1,6}(?![\w'’-])")
_LINE = re.compile(r"[^\n]*(?:\n|$)")
_HYPHENATED = re.compile(r"\b([A-Za-z]+)(-[ \t]*\n[ \t]*)([a-z]+)\b")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_TEXT_EDGES = re.compile(r"\A\s+|\s+\Z")
_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
# Runs of letter groups separated by one or two spaces, on one line: where letter-spaced words hide.
_SPACED_RUN = re.compile(r"(?<![\w-])[A-Za-z]+(?: {1,2}[A-Za-z]+)+(?![\w-])")
_SINGLE_LETTER_WORDS = frozenset({"a", "A", "I"})
_APOSTROPHES = frozenset("'’‘`´")
_CONTRACTION_HOSTS = frozenset({"i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what", "would",
                                "could", "should", "might", "must"})
# The other parts of a hyphenated compound around a word ("Not-for-" before "Prot").
_COMPOUND_LEFT = re.compile(r"(?<![\w-])(?:[A-Za-z]+-)+\Z")
_COMPOUND_RIGHT = re.compile(r"(?:-[A-Za-z]+)+")
_COMPOUND_CHARS = 60
# How much text after a gap is looked at: its line and the one after (to tell a heading from a continuation).
_LOOKAHEAD_CHARS = 600
# One blank line between two lines of text: where a stray paragraph break may sit.
_GAP = re.compile(r"(?<=[^\n])\n\n(?=[^\n])")
# Line openings that start a new item or section: bullets and dashes, "1.", "(a)", "iv)", "2.3 Scope".
_LIST_START = re.compile(r"^(?:[-*\u2013\u2014]\s|\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})[.)](?:\s|$)|\d{1,2}(?:\.\d{1,2})+\s"
                         r"|[IVX]{1,5}\.\s)", re.IGNORECASE)
# A sentence or label is over at a line end: . ! ? : ; (maybe inside a closing quote or bracket).
_ENDS_CLAUSE = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
_FIRST_WORD = re.compile(r"[\"'\u201c\u2018(]?([^\W\d_][\w'\u2019&.-]*)")
_LAST_WORD = re.compile(r"([^\W\d_][\w'\u2019&.-]*)[\"'\u201d\u2019)\]]*$")
# Quotes and brackets opened (at a word start) or closed (at a word end) in a block, to see one left open.
_OPENERS = re.compile(r"[(\[\u201c\u2018]|(?<![\w])[\"'](?=\w)")
_CLOSERS = re.compile(r"[)\]\u201d]|(?<=[\w.,!?])[\"'\u2019](?!\w)")


@lru_cache(maxsize=1)
def _word_prefixes() -> tuple[str, ...]:
    lines = (PACKAGE_DIR / "text" / "data" / "word_prefixes.txt").read_text(encoding="utf-8").splitlines()
    return tuple(sorted((x.strip() for x in lines if x.strip() and not x.startswith("#")), key=len, reverse=True))


@lru_cache(maxsize=1)
def _continuation_words() -> frozenset[str]:
    lines = (PACKAGE_DIR / "text" / "data" / "continuation_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _bullet_pattern() -> re.Pattern[str]:
    glyphs = re.escape(_bullet_glyphs())
    # A glyph (or a private-use code point, as symbol fonts emit) at the start of a line, before text.
    return re.compile(rf"(?m)^[ \t]*(?:[{glyphs}]|[\ue000-\uf8ff])[ \t]*(?=\S)")


@dataclass(frozen=True, slots=True)
class NormalisedDocument:
    """The whole document's normalised text; pages joined by PAGE_SEPARATOR (a space where a page break falls in
    mid-sentence)."""

    text: str
    pages: tuple[MappedText, ...]
    page_starts: tuple[int, ...]
    repairs: dict[str, int] = field(default_factory=dict)
    furniture: tuple[tuple[int, str], ...] = ()  # (page number from 1, line): running headers, footers, page numbers

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """Map a span of `text` to (page number from 1, source start, source end) within that page."""
        index = bisect.bisect_right(self.page_starts, start) - 1
        base = self.page_starts[index]
        page = self.pages[index]
        local_end = min(end - base, len(page.text))
        source_start, source_end = page.source_span(start - base, max(local_end, start - base))
        return index + 1, source_start, source_end

    def page_of(self, offset: int) -> int:
        return bisect.bisect_right(self.page_starts, offset)


def normalise_page(text: str, repairs: Counter[str], furniture: frozenset[str] = frozenset(),
                   removed: list[str] | None = None) -> MappedText:
    """Normalise one page's text; count each kind of repair in `repairs`. Edge lines whose furniture key is in
    `furniture` are taken out of the text and appended to `removed`."""
    mapped = MappedText.identity(text)
    if furniture:
        mapped = _remove_furniture(mapped, furniture, repairs, removed if removed is not None else [])
    steps: list[tuple[str, re.Pattern[str], object]] = [
        ("newlines", _NEWLINES, "\n"),
        ("unicode", _NON_ASCII, _nfkc),
        ("bullets", _CID_BULLET, f"{BULLET} "),
        ("cid_glyphs", _CID, ""),
        ("bullets", _bullet_pattern(), f"{BULLET} "),
        ("footnote_marks", _FOOTNOTE_MARK, _drop_footnote_mark),
        ("ligatures", _WORD, _repair_ligature),
        ("spaces", _SPACES, " "),
        ("line_edges", _EDGE_SPACES, "\n"),
        ("blank_lines", _BLANK_LINES, "\n\n"),
        ("text_edges", _TEXT_EDGES, ""),
    ]
    for name, pattern, repl in steps:
        if name == "spaces":
            mapped, count = dehyphenate(mapped)
            repairs["hyphenation"] += count
        if name == "ligatures":  # letter spacing first: "signi cant" must be one word before its repair
            mapped, count = rejoin_letter_spacing(mapped)
            repairs["letter_spacing"] += count
        mapped, count = mapped.sub(pattern, repl)
        if name in REPAIR_STEPS:
            repairs[name] += count
    return mapped


def normalise_document(pages: tuple[str, ...]) -> NormalisedDocument:
    """Normalise every page and join them; page boundaries are kept for provenance, furniture aside."""
    repairs: Counter[str] = Counter()
    furniture = furniture_keys(pages)
    removed: list[tuple[int, str]] = []
    mapped_pages = []
    for number, page in enumerate(pages, start=1):
        lines: list[str] = []
        mapped_pages.append(normalise_page(page, repairs, furniture, lines))
        removed.extend((number, line) for line in lines)
    long_line = long_line_length(page.text for page in mapped_pages)
    for index, page in enumerate(mapped_pages):
        mapped_pages[index], count = join_stray_breaks(page, long_line)
        repairs["stray_breaks"] += count
    # A page break in mid-sentence joins the pages with a space, as a stray blank line inside a page is.
    separators = []
    for before, after in zip(mapped_pages, mapped_pages[1:]):
        stray = bool(before.text and after.text) and is_stray_break(
            before.text[_block_start(before.text, len(before.text)):] + PAGE_SEPARATOR + after.text[:_LOOKAHEAD_CHARS],
            long_line)
        separators.append(" " if stray else PAGE_SEPARATOR)
        repairs["stray_breaks"] += stray
    starts: list[int] = []
    pieces: list[str] = []
    position = 0
    for page, separator in zip(mapped_pages, [*separators, ""]):
        starts.append(position)
        pieces += [page.text, separator]
        position += len(page.text) + len(separator)
    return NormalisedDocument("".join(pieces), tuple(mapped_pages), tuple(starts), dict(repairs), tuple(removed))


def long_line_length(texts: Iterable[str]) -> int:
    """The document's usual long line: LONG_LINE_PERCENTILE of the lengths of its lines of running text."""
    lengths = sorted(len(line) for text in texts for line in text.split("\n")
                     if len(line.split()) >= FULL_LINE_MIN_WORDS)
    return lengths[min(len(lengths) - 1, int(LONG_LINE_PERCENTILE * len(lengths)))] if lengths else 0


def join_stray_breaks(mapped: MappedText, long_line: int) -> tuple[MappedText, int]:
    """Replace each gap `is_stray_break` judges stray by a space: the two lines read as one, so the line after
    cannot pass for a heading ('... the Ministry of Poverty' / 'Reduction and Economic Growth')."""
    edits = [(m.start(), m.end(), " ") for m in _GAP.finditer(mapped.text)
             if is_stray_break(mapped.text[_block_start(mapped.text, m.start()):m.end() + _LOOKAHEAD_CHARS], long_line)]
    return mapped.edit(edits), len(edits)


def _block_start(text: str, end: int) -> int:
    """Where the block of lines ending at `end` starts: after the last blank line before it."""
    gap = text.rfind("\n\n", 0, end)
    return gap + 2 if gap >= 0 else 0


def is_stray_break(text: str, long_line: int) -> bool:
    """Whether the first blank line in `text` (a block, the blank line, what follows) breaks a sentence that goes
    on: the line before it wrapped (full, no closing . ! ? : ;) and the line after continues it (lower case; or
    the line before ends on a function word, leaves a quote or bracket open, or stops inside a capitalised name)
    and is no bullet, list number, heading or label."""
    block, _, rest = text.partition(PAGE_SEPARATOR)
    lines = rest.split("\n")
    before, after = block.rsplit("\n", 1)[-1].rstrip(), lines[0].strip()
    if (not long_line or len(before) < FULL_LINE_SHARE * long_line or _ENDS_CLAUSE.search(before)
            or not after or after.startswith(BULLET) or _LIST_START.match(after) or CELL_SEPARATOR in before
            or CELL_SEPARATOR in after):
        return False
    if after[0].islower():
        return True
    last, first = _LAST_WORD.search(before), _FIRST_WORD.match(after)
    if first is None or _is_heading(after, [line for line in lines[1:] if line.strip()][:1], long_line):
        return False
    if last is not None and last.group(1).lower() in _continuation_words():
        return True
    if len(_OPENERS.findall(block)) > len(_CLOSERS.findall(block)):
        return True
    # "... under the Ministry of Poverty" / "Reduction and Economic Growth": the name goes on.
    return (last is not None and last.group(1)[0].isupper() and first.group(1)[0].isupper()
            and first.group(1).lower() not in _continuation_words())


def _is_heading(line: str, following: list[str], long_line: int) -> bool:
    """A label ('Private sector:'), a line in capitals, or a short line with body text right after it."""
    if line.endswith(":") or (line.upper() == line and any(c.isalpha() for c in line)):
        return True
    if len(line) >= FULL_LINE_SHARE * long_line or _ENDS_CLAUSE.search(line) or not following:
        return False
    body = following[0].strip()
    return not body.startswith(BULLET) and not _LIST_START.match(body) and (
        len(body) >= FULL_LINE_SHARE * long_line or bool(re.search(r"[.!?]$", body)))


def furniture_key(line: str) -> str:
    """A line compared with its numbers ignored: 'Page 12 GAO-06-282' and 'Page ii GAO-06-282' share a key."""
    key = _DIGITS.sub("#", unicodedata.normalize("NFKC", line)).lower()
    return " ".join(_ROMAN.sub("#", key).split())


def _edge_indices(count: int) -> list[int]:
    """Positions of the edge lines among a page's `count` non-blank lines (fewer on a short page)."""
    edge = FURNITURE_EDGE_LINES if count > 2 * FURNITURE_EDGE_LINES + 1 else 1
    return sorted(set(range(min(edge, count))) | set(range(max(count - edge, 0), count)))


def _edge_lines(text: str) -> list[str]:
    lines = [line for line in _NEWLINES.sub("\n", text).split("\n") if line.strip()]
    return [lines[i] for i in _edge_indices(len(lines))]


def furniture_keys(pages: tuple[str, ...]) -> frozenset[str]:
    """Keys of lines at the top or bottom of at least FURNITURE_MIN_PAGES pages, plus lone page numbers."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({furniture_key(line) for line in _edge_lines(page)})
    # A repeated line ending like a sentence is body text ("Recommendation 2: The Secretary should ...").
    keys = {key for key, count in seen.items()
            if count >= FURNITURE_MIN_PAGES and len(key.split()) <= FURNITURE_MAX_WORDS and key.strip("# ")
            and not key.endswith((".", "!", "?", ";", ":", ","))}
    if len(pages) > 1:
        keys |= {key for key in seen if _LONE_PAGE_NUMBER.match(key)}
    return frozenset(keys)


_LONE_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013(]?\s*#\s*[-\u2013)]?(?:\s*(?:of|/)\s*#)?$")


def _remove_furniture(mapped: MappedText, keys: frozenset[str], repairs: Counter[str],
                      removed: list[str]) -> MappedText:
    """Delete the furniture lines at the page's edges (deletions only, so offsets stay exact)."""
    spans = [(m.start(), m.end()) for m in _LINE.finditer(mapped.text) if m.end() > m.start()]
    content = [i for i, (s, e) in enumerate(spans) if mapped.text[s:e].strip()]
    edge = {content[i] for i in _edge_indices(len(content))}
    edits = []
    for index in sorted(edge):
        start, end = spans[index]
        line = mapped.text[start:end]
        if furniture_key(line) in keys:
            edits.append((start, end, ""))
            removed.append(line.strip())
    repairs["furniture"] += len(edits)
    return mapped.edit(edits)


def _drop_footnote_mark(match: re.Match[str]) -> str | None:
    """'Agenda150' -> 'Agenda' when the letters are an English word (not 'iKomek109', 'COVID19', 'G20')."""
    if match.group("after") is not None:
        return ""
    word = match.group("word")
    return word if is_known_word(word) else None

def _nfkc(match: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def dehyphenate(mapped: MappedText) -> tuple[MappedText, int]:
    """'strength-\\nened' -> 'strengthened' when that is a known word; otherwise the hyphen stays and only the
    line break goes ('self-\\nreliance' -> 'self-reliance'). Edits only delete, so offsets stay exact."""
    edits: list[tuple[int, int, str]] = []
    joined = 0
    for match in _HYPHENATED.finditer(mapped.text):
        left, right = match.group(1), match.group(3)
        whole = (left + right).lower()
        if is_known_word(whole) and not (is_known_word(left) and is_known_word(right)
                                         and zipf(f"{left}-{right}".lower()) > zipf(whole)):
            edits.append((match.start(2), match.end(2), ""))
            joined += 1
        else:
            edits.append((match.start(2) + 1, match.end(2), ""))
    return mapped.edit(edits), joined


def rejoin_letter_spacing(mapped: MappedText) -> tuple[MappedText, int]:
    """'count r ies  a round the wor ld' -> 'countries  a round the world': delete the gaps inside a run of pieces
    that spells a known word when at least one piece is not a word itself; pieces that are all real words
    ('a round') are never glued. Where a line is spaced out letter by letter, a double space marks the word
    boundary and is never crossed. Only gaps are deleted, so the offset map stays exact."""
    edits: list[tuple[int, int, str]] = []
    rebuilt = 0
    for match in _SPACED_RUN.finditer(mapped.text):
        for group in re.finditer(r"[A-Za-z]+(?: [A-Za-z]+)*", match.group(0)):
            base = match.start() + group.start()
            pieces = [(base + m.start(), base + m.end()) for m in re.finditer(r"[A-Za-z]+", group.group(0))]
            if len(pieces) < 2 or not any(_is_fragment(mapped.text[s:e]) for s, e in pieces):
                continue
            i = 0
            while i < len(pieces):
                for j in range(min(len(pieces), i + MAX_SPACED_PIECES), i + 1, -1):
                    words = [mapped.text[s:e] for s, e in pieces[i:j]]
                    if _gluable(words):
                        edits.extend((pieces[k][1], pieces[k + 1][0], "") for k in range(i, j - 1))
                        rebuilt += 1
                        i = j
                        break
                else:
                    i += 1
    return mapped.edit(edits), rebuilt


def _gluable(words: list[str]) -> bool:
    if not any(_is_fragment(w) for w in words) or not _consistent_case(words):
        return False
    if words[0] in _SINGLE_LETTER_WORDS and any(len(w) > 1 for w in words[1:]):
        return False  # "a nal" is "a (fi)nal", not "anal"
    joined = "".join(words).lower()
    # "signi cant", "of ce": the gap is where a ligature glyph was lost; the ligature step restores it.
    floor = LONG_JOIN_ZIPF if len(joined) >= LONG_JOIN_LETTERS else KNOWN_WORD_ZIPF
    return zipf(joined) >= floor or (len(words) == 2 and restore_ligature(joined) is not None)


def _is_fragment(piece: str) -> bool:
    if len(piece) == 1:
        return piece not in _SINGLE_LETTER_WORDS
    return zipf(piece.lower()) < KNOWN_WORD_ZIPF


def _consistent_case(pieces: list[str]) -> bool:
    """Only the first piece may start with a capital ('A s i a'), or all are capitals ('U N D P' is not joined)."""
    return all(p.islower() for p in pieces[1:]) and not (len(pieces[0]) > 1 and pieces[0].isupper())


def _repair_ligature(match: re.Match[str]) -> str | None:
    word = match.group(0)
    if word in CONTRACTION_TAILS:
        # "on ve priority areas": common only as the tail of a contraction ("we've"), so standing alone it is a
        # word that lost its ligature ("five"), unless a lost apostrophe left it after its pronoun ("we ve").
        before = match.string[max(0, match.start() - 12):match.start()]
        host = before.split()[-1].lower() if before.strip() else ""
        if before[-1:] in _APOSTROPHES or host in _CONTRACTION_HOSTS:
            return None
        return _best_insertion(word, CAPITALISED_REPAIR_MIN_ZIPF)
    if word[:1].isupper():
        # Capitalised: only a sentence-initial common word ("Specically"), never a name ("Nance", "Ofr"). Beside
        # a prefix or a function word in a title-case compound ("Non-Prot", "Not-for-Prot") it is no name, so a
        # rare-ish word there is repaired when the repair is far commoner (restore_ligature's gain) and common.
        compound = _after_prefix(match.string, match.start(), match.end())
        repaired = restore_ligature(word.lower()) if compound or zipf(word.lower()) < DAMAGED_MAX_ZIPF else None
        floor = LONG_CAPITALISED_REPAIR_MIN_ZIPF if _long_unknown(word.lower()) else CAPITALISED_REPAIR_MIN_ZIPF
        return repaired.capitalize() if repaired and zipf(repaired) >= floor else None
    return restore_ligature(word)


def _long_unknown(word: str) -> bool:
    """A long word that wordfreq has never seen: damaged for sure, and unlikely to become a word by accident."""
    return len(word) >= LONG_WORD_LETTERS and zipf(word) == 0


def _after_prefix(text: str, start: int, end: int) -> bool:
    """The word at text[start:end] is a part of a hyphenated compound whose other parts include a word prefix or a
    function word ('Non-Prot', 'Not-for-Prot'), not a double name ('Jean-Nance')."""
    if text[start - 1:start] != "-" and text[end:end + 1] != "-":
        return False
    left, right = _COMPOUND_LEFT.search(text, max(0, start - _COMPOUND_CHARS), start), _COMPOUND_RIGHT.match(text, end)
    others = (left.group(0) if left else "").split("-") + (right.group(0) if right else "").split("-")
    words = set(_word_prefixes()) | _continuation_words()
    return any(part.lower() in words for part in others if part)


@lru_cache(maxsize=50_000)
def restore_ligature(word: str) -> str | None:
    """'signicant' -> 'significant': insert the ligature letters a font lost, if that makes a far commoner word;
    also after a prefix written solid ('micronancing' -> 'microfinancing'). None when no repair applies."""
    current = zipf(word)
    if current >= KNOWN_WORD_ZIPF + 1.0:
        return None
    known = LONG_WORD_REPAIR_ZIPF if _long_unknown(word) else KNOWN_WORD_ZIPF
    best = _best_insertion(word, max(current + REPAIR_MIN_GAIN_ZIPF, known))
    if best is not None:
        return best
    for prefix in _word_prefixes():
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4 and zipf(rest) < DAMAGED_MAX_ZIPF:
            repaired = _best_insertion(rest, CAPITALISED_REPAIR_MIN_ZIPF)
            if repaired is not None:
                return prefix + repaired
    return None


def _best_insertion(word: str, floor: float) -> str | None:
    best, best_score = None, floor
    for i in range(len(word) + 1):
        for ligature in LIGATURES:
            candidate = word[:i] + ligature + word[i:]
            score = zipf_once(candidate)  # dozens of candidates a word, nearly all non-words
            if score > best_score:
                best, best_score = candidate, score
    return best

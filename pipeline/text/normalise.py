"""Normalise page texts into one document text with an offset map back to (page, source offset).

Steps, in order: line endings; Unicode NFKC (ligature code points such as U+FB01 become "fi"); list bullet
glyphs to one marker; words hyphenated across line ends (joined only when the result is a known word); lost
"fi"/"fl"/"ff" ligatures; white space.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.config import KNOWN_WORD_ZIPF, PACKAGE_DIR, REPAIR_MIN_GAIN_ZIPF
from pipeline.text.mapped import MappedText
from pipeline.text.words import is_known_word, zipf

BULLET = "•"
PAGE_SEPARATOR = "\n\n"
# The sequences a font drops when its ligature glyphs have no Unicode mapping, longest first.
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
# Steps whose changes are counted per document (published as documents.repairs_<step>).
REPAIR_STEPS = ("cid_glyphs", "bullets", "hyphenation", "letter_spacing", "ligatures")
# Longest run of pieces a letter-spaced word is rebuilt from ("r e s u l t i n g" has 9).
MAX_SPACED_PIECES = 24


@lru_cache(maxsize=1)
def _bullet_glyphs() -> str:
    lines = (PACKAGE_DIR / "text" / "data" / "bullets.txt").read_text(encoding="utf-8").splitlines()
    return "".join(line.strip() for line in lines if line.strip() and not line.startswith("#"))


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CID = re.compile(r"\(cid:\d+\)")
_HYPHENATED = re.compile(r"\b([A-Za-z]+)(-[ \t]*\n[ \t]*)([a-z]+)\b")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_TEXT_EDGES = re.compile(r"\A\s+|\s+\Z")
_WORD = re.compile(r"\b[a-z]{2,}\b")
# Runs of letter groups separated by one or two spaces, on one line: where letter-spaced words hide.
_SPACED_RUN = re.compile(r"(?<![\w-])[A-Za-z]+(?: {1,2}[A-Za-z]+)+(?![\w-])")
_SINGLE_LETTER_WORDS = frozenset({"a", "A", "I"})


def _bullet_pattern() -> re.Pattern[str]:
    glyphs = re.escape(_bullet_glyphs())
    # A glyph (or a private-use code point, as symbol fonts emit) at the start of a line, before text.
    return re.compile(rf"(?m)^[ \t]*(?:[{glyphs}]|[\ue000-\uf8ff])[ \t]*(?=\S)")


@dataclass(frozen=True, slots=True)
class NormalisedDocument:
    """The whole document's normalised text; pages joined by PAGE_SEPARATOR."""

    text: str
    pages: tuple[MappedText, ...]
    page_starts: tuple[int, ...]
    repairs: dict[str, int] = field(default_factory=dict)

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


def normalise_page(text: str, repairs: Counter[str]) -> MappedText:
    """Normalise one page's text; count each kind of repair in `repairs`."""
    mapped = MappedText.identity(text)
    steps: list[tuple[str, re.Pattern[str], object]] = [
        ("newlines", _NEWLINES, "\n"),
        ("unicode", _NON_ASCII, _nfkc),
        ("cid_glyphs", _CID, ""),
        ("bullets", _bullet_pattern(), f"{BULLET} "),
        ("ligatures", _WORD, _restore_ligature),
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
    """Normalise every page and join them; page boundaries are kept for provenance."""
    repairs: Counter[str] = Counter()
    mapped_pages = tuple(normalise_page(page, repairs) for page in pages)
    starts: list[int] = []
    position = 0
    for page in mapped_pages:
        starts.append(position)
        position += len(page.text) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(page.text for page in mapped_pages)
    return NormalisedDocument(text, mapped_pages, tuple(starts), dict(repairs))


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
    return zipf("".join(words).lower()) >= KNOWN_WORD_ZIPF


def _is_fragment(piece: str) -> bool:
    if len(piece) == 1:
        return piece not in _SINGLE_LETTER_WORDS
    return zipf(piece.lower()) < KNOWN_WORD_ZIPF


def _consistent_case(pieces: list[str]) -> bool:
    """Only the first piece may start with a capital ('A s i a'), or all are capitals ('U N D P' is not joined)."""
    return all(p.islower() for p in pieces[1:]) and not (len(pieces[0]) > 1 and pieces[0].isupper())


def _restore_ligature(match: re.Match[str]) -> str | None:
    """'signicant' -> 'significant': insert the ligature letters a font lost, if that makes a far commoner word."""
    word = match.group(0)
    current = zipf(word)
    if current >= KNOWN_WORD_ZIPF + 1.0:
        return None
    best, best_score = None, max(current + REPAIR_MIN_GAIN_ZIPF, KNOWN_WORD_ZIPF)
    for i in range(len(word) + 1):
        for ligature in LIGATURES:
            candidate = word[:i] + ligature + word[i:]
            score = zipf(candidate)
            if score > best_score:
                best, best_score = candidate, score
    return best

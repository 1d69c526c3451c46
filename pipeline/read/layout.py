"""Page layout: a pdfplumber page's words -> text lines in reading order.

Words come from the page's glyphs (pipeline.read.glyphs: one walk over the parsed page, grouped as pdfplumber's
extract_words would).

Words are grouped into rows by position, and a row splits into segments where a gap is wider than a column
gutter. A vertical gutter that no row crosses over a run of rows, with lines of running text on both sides, makes
columns, read left column first (recursively, so three columns work too). A narrow left column of short labels
beside a column of running text is a margin of side headings (GAO style): each heading becomes a paragraph of its
own, placed before the body line it stands beside, instead of being interleaved with the body lines.

Glyph-level repairs that need geometry also happen here: footnote reference numbers set in raised small type
("Agenda¹⁵⁰") are dropped, text of a different size printed over a line (an invisible bookmark title) is kept on
a line of its own, and two fragments split by the gap of a ligature glyph the font could not map ("signi cant")
are glued so that the ligature repair of normalisation restores the letters (and counts the repair).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

from pipeline.read.glyphs import PageGlyphs, glyph_words, page_glyphs
from pipeline.text.normalise import restore_ligature
from pipeline.text.words import is_known_word

# Glyphs further apart than this (points) are separate words (pdfplumber's x_tolerance; its default, 3, glues
# words of tightly set text).
WORD_GAP = 1.5
# Words whose tops differ by less than this (points) share a row.
LINE_TOLERANCE = 3.0
# A gap wider than this many font sizes (of the smaller neighbour) splits a row into segments; word spaces in
# justified text stay below 1 em, column gutters and margin gaps are wider.
SEGMENT_GAP_EM = 1.2
# Fewest rows with text on both sides of a gutter before it counts as one (fewer is a table row or chance).
MIN_TWO_SIDED_ROWS = 3
# A side of a gutter is running text when its lines hold at least this many words (median); table cells and
# side headings hold fewer.
TEXT_COLUMN_WORDS = 4
# Side headings fill at most this share of the rows beside the body and end left of this share of the page.
SIDE_HEADING_ROW_SHARE = 0.5
SIDE_HEADING_MAX_X = 0.45
# Reference marks: digits in type at most this size relative to the word they follow, raised above its baseline.
SUPERSCRIPT_SIZE_RATIO = 0.8
# Words closer than this many font sizes touch (one word split by a change of font or size).
TOUCH_EM = 0.08
# The gap a missing ligature glyph leaves is wider than a word space and at most about one em ("ffi").
LIGATURE_GAP_EM = (0.35, 1.0)
# Lost ligatures are looked for only on pages where at least this share of words is English.
ENGLISH_SHARE = 0.5
# When at least this share of a page's words is upright, the rotated rest is dropped.
UPRIGHT_SHARE = 0.8
# A run of rows under one gutter also ends at a vertical gap of this many line heights (a footer, a new region).
RUN_BREAK_LINES = 5.0
# Columns inside columns are not nested deeper than this.
MAX_DEPTH = 3

Word = dict
Row = list[Word]
_CID = re.compile(r"\(cid:\d+\)")


def page_text(page, glyphs: PageGlyphs | None = None) -> str:
    """The page's text, lines in reading order, a blank line between paragraphs (from `glyphs`, the page's
    glyphs when the caller has them already)."""
    glyphs = page_glyphs(page) if glyphs is None else glyphs
    return "\n".join(layout_lines(glyph_words(glyphs.glyphs, x_tolerance=WORD_GAP), float(page.width)))


def layout_lines(words: Sequence[Word], page_width: float) -> list[str]:
    """Lines of text from positioned words (pdfplumber word dicts with x0, x1, top, bottom, text, size)."""
    words = [w for w in words if w["text"].strip()]
    upright = [w for w in words if w.get("upright", True)]
    if len(upright) >= UPRIGHT_SHARE * len(words):
        words = upright  # rotated margin text (an arXiv stamp, a "DRAFT" label) is not part of the body
    rows = _rows(_drop_reference_marks(words))
    english = bool(words) and sum(is_known_word(w["text"].strip(".,;:()")) for w in words) >= ENGLISH_SHARE * len(words)
    lines = _layout(rows, page_width, 0, english)
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


# -- rows -----------------------------------------------------------------------------------------------------

def _size(word: Word) -> float:
    return float(word.get("size") or (word["bottom"] - word["top"]) or 10.0)


def _drop_reference_marks(words: list[Word]) -> list[Word]:
    """Footnote references: short digit runs in smaller raised type touching the word before them."""
    marks = set()
    for index, word in enumerate(words):
        text = word["text"].strip(",")
        if not (text.replace(",", "").isdigit() and len(text) <= 5):
            continue
        for other in words:
            if other is word or other["text"][-1:].isdigit():
                continue
            touching = -1.5 <= word["x0"] - other["x1"] <= TOUCH_EM * _size(other) + 0.5
            raised = word["bottom"] < other["bottom"] - 0.15 * _size(other) and word["bottom"] > other["top"]
            if touching and raised and _size(word) <= SUPERSCRIPT_SIZE_RATIO * _size(other):
                marks.add(index)
                break
    return [w for i, w in enumerate(words) if i not in marks]


def _rows(words: list[Word]) -> list[Row]:
    """Group words into rows by their tops; text of another size printed over a row becomes its own row."""
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[Row] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        out.extend(_split_overprint(row))
    return out


def _split_overprint(row: Row) -> list[Row]:
    """Words of clearly different sizes overlapping each other are two texts printed over one another."""
    sizes = sorted({round(_size(w)) for w in row})
    if len(sizes) < 2:
        return [row]
    overlapping = any(a["x1"] - 0.5 > b["x0"] and round(_size(a)) != round(_size(b))
                      for a, b in zip(row, row[1:]))
    if not overlapping:
        return [row]
    groups: dict[int, Row] = {}
    for word in row:
        groups.setdefault(round(_size(word)), []).append(word)
    return sorted(groups.values(), key=lambda g: min(w["top"] for w in g))


def _segments(row: Row) -> list[Row]:
    segments: list[Row] = [[row[0]]]
    for left, right in zip(row, row[1:]):
        if right["x0"] - left["x1"] > SEGMENT_GAP_EM * min(_size(left), _size(right)):
            segments.append([right])
        else:
            segments[-1].append(right)
    return segments


def _row_text(row: Row, english: bool = True) -> str:
    """Words joined by spaces; touching pieces, and pieces split only by a lost ligature glyph, joined."""
    parts = [row[0]["text"]]
    for left, right in zip(row, row[1:]):
        gap = right["x0"] - left["x1"]
        size = min(_size(left), _size(right))
        if gap <= TOUCH_EM * size or (english and LIGATURE_GAP_EM[0] * size <= gap <= LIGATURE_GAP_EM[1] * size
                                      and _lost_ligature(parts[-1], right["text"])):
            parts[-1] += right["text"]
        else:
            parts.append(right["text"])
    return " ".join(parts)


def _lost_ligature(left: str, right: str) -> bool:
    """'signi' + 'cant': neither piece a word, but together with a ligature restored they are one."""
    a, b = (left.split() or [left])[-1].lstrip("(“\"'‘"), right.rstrip(".,;:!?)”\"'’")
    if not (a.isalpha() and b.isalpha() and b.islower()) or (is_known_word(a) and is_known_word(b)):
        return False
    return restore_ligature(a + b) is not None


# -- reading order --------------------------------------------------------------------------------------------

def _layout(rows: list[Row], page_width: float, depth: int, english: bool) -> list[str]:
    rows = [r for r in rows if r]
    if not rows:
        return []
    for start, end, x, two_sided in (_gutters(rows) if depth < MAX_DEPTH else []):
        run = rows[start:end]
        left = [r for r in ([w for w in row if _centre(w) < x] for row in run) if r]
        right = [r for r in ([w for w in row if _centre(w) >= x] for row in run) if r]
        if two_sided >= MIN_TWO_SIDED_ROWS and _is_text_column(left) and _is_text_column(right):
            middle = _layout(left, page_width, depth + 1, english) + [""] + _layout(right, page_width, depth + 1, english)
        elif _is_text_column(right) and _are_side_headings(left, right, page_width):
            middle = _with_side_headings(left, right, english)
        else:
            continue
        return _join_blocks(_layout(rows[:start], page_width, depth + 1, english), middle,
                            _layout(rows[end:], page_width, depth + 1, english))
    return _render(rows, english)


def _join_blocks(*blocks: list[str]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if not block:
            continue
        if out and out[-1]:
            out.append("")
        out.extend(block)
    return out


def _centre(word: Word) -> float:
    return (word["x0"] + word["x1"]) / 2


def _gutters(rows: list[Row]) -> list[tuple[int, int, float, int]]:
    """Candidate gutters, best first: (first row, end row, x, support) for the longest run of rows that no
    segment crosses at x. Support counts the rows with text on both sides, plus, where the columns' lines are
    not level with each other (so most rows hold text of one column only), the rows of the less full side.
    x is taken from the gaps between segments, and from the left edges of rows that start right of others."""
    segmented = [_segments(r) for r in rows]
    line = median(max(w["bottom"] for w in r) - min(w["top"] for w in r) for r in rows)
    breaks = {i for i in range(1, len(rows))
              if min(w["top"] for w in rows[i]) - max(w["bottom"] for w in rows[i - 1]) > RUN_BREAK_LINES * line}
    xs = {round((a[-1]["x1"] + b[0]["x0"]) / 2) for segs in segmented for a, b in zip(segs, segs[1:])}
    # Columns whose lines never share a row leave no gap inside a row: the gutter is just left of where the
    # right column's rows start.
    starts = {round(segs[0][0]["x0"]) for segs in segmented}
    xs |= {start - 1 for start in starts if start > min(starts) + 2}  # nothing can be left of the leftmost
    found: dict[tuple[int, int], tuple[int, int, float, int]] = {}
    for x in sorted(xs):
        start, both, left, right = 0, 0, 0, 0
        for index, segs in enumerate([*segmented, None]):
            crossed = segs is None or any(s[0]["x0"] < x - 1 and s[-1]["x1"] > x + 1 for s in segs)
            if crossed or index in breaks:
                key, support = (start, index), both + min(left, right)
                if support and (key not in found or support > found[key][3]):
                    found[key] = (start, index, float(x), support)
                start, both, left, right = (index + 1, 0, 0, 0) if crossed else (index, 0, 0, 0)
            if crossed:
                continue
            has_left, has_right = any(s[-1]["x1"] <= x for s in segs), any(s[0]["x0"] >= x for s in segs)
            both += has_left and has_right
            left += has_left and not has_right
            right += has_right and not has_left
    return sorted(found.values(), key=lambda c: (-c[3], -(c[1] - c[0]), c[2]))


def _words_per_row(rows: list[Row]) -> float:
    return median(len(r) for r in rows) if rows else 0.0


def _is_text_column(rows: list[Row]) -> bool:
    return len(rows) >= MIN_TWO_SIDED_ROWS and _words_per_row(rows) >= TEXT_COLUMN_WORDS


def _are_side_headings(left: list[Row], right: list[Row], page_width: float) -> bool:
    """Short lines of words (not bullets or list numbers) in a narrow margin beside many more body lines."""
    return (0 < len(left) <= SIDE_HEADING_ROW_SHARE * len(right)
            and max(w["x1"] for r in left for w in r) < SIDE_HEADING_MAX_X * page_width
            and _words_per_row(left) < TEXT_COLUMN_WORDS
            and all(any(sum(c.isalpha() for c in _CID.sub("", w["text"])) >= 2 for w in r) for r in left))


def _with_side_headings(left: list[Row], right: list[Row], english: bool) -> list[str]:
    """Body lines in order, each group of margin lines as a paragraph before the body line beside its top."""
    groups: list[list[Row]] = []
    for row in left:
        previous = groups[-1][-1] if groups else None
        height = _size(row[0])
        if previous is not None and row[0]["top"] - max(w["bottom"] for w in previous) <= 0.8 * height:
            groups[-1].append(row)
        else:
            groups.append([row])
    headings = [(min(w["top"] for w in g[0]), " ".join(_row_text(r, english) for r in g)) for g in groups]
    out: list[str] = []
    body: list[Row] = []
    for row in right:
        top = min(w["top"] for w in row)
        while headings and headings[0][0] <= top + LINE_TOLERANCE:
            out = _join_blocks(out, _render(body, english), [headings.pop(0)[1]])
            body = []
        body.append(row)
    out = _join_blocks(out, _render(body, english))
    for _, heading in headings:
        out = _join_blocks(out, [heading])
    return out


def _render(rows: list[Row], english: bool) -> list[str]:
    """Rows as lines; a vertical gap taller than a line is a paragraph break."""
    out: list[str] = []
    previous_bottom = None
    for row in rows:
        top = min(w["top"] for w in row)
        height = max(w["bottom"] - w["top"] for w in row)
        if previous_bottom is not None and top - previous_bottom > height * 0.9 and out and out[-1]:
            out.append("")
        out.append(_row_text(row, english))
        previous_bottom = max(w["bottom"] for w in row)
    return out

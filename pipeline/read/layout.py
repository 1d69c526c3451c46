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

Tables become one line per row with the cells joined by CELL_SEPARATOR, rows apart like paragraphs (as the HTML
reader writes them), so that a recommendations table's columns stay apart. A ruled table is found from the page's
rulings (horizontal rules of one width, at least three: rows are the bands between them, columns come from
vertical rules or else from the gaps no word crosses); an unruled table is a run of rows whose segments line up in
at least three columns, not all of them running text, under a header row of short cells set apart from the text
above. A cell's wrapped lines are joined; a table's rows are the bands between its rules, or else the lines a
wider vertical gap than a line's own sets apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from statistics import median

from pipeline.read.glyphs import PageGlyphs, Ruling, glyph_words, page_glyphs
from pipeline.text.normalise import CELL_SEPARATOR, restore_ligature
from pipeline.text.words import is_known_word

# Glyphs further apart than this (points) are separate words (pdfplumber's x_tolerance; its default, 3, glues
# words of tightly set text).
WORD_GAP = 1.5
# Words whose tops differ by less than this (points) share a row.
LINE_TOLERANCE = 3.0
# A gap wider than this many font sizes (of the smaller neighbour) splits a row into segments; word spaces in
# justified text stay below 1 em, column gutters and margin gaps are wider.
SEGMENT_GAP_EM = 1.2
# A gap inside a segment this many font sizes wide may still be a gutter (the narrowest seen, in the Federal
# Register's three columns, is 1.0 em, three times its word spaces; the widest word space of loosely justified
# text seen is 0.73 em).
GUTTER_GAP_EM = 0.9
# ... and at least this many points wide (the tiny type of a figure's labels has wide spaces relative to its size).
MIN_GUTTER = 6.0
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
# Tables. A stroke at most this thick (points) is a rule; a rule of a table is at least this share of the page
# wide; rules of one table start and end within EDGE_TOLERANCE of each other, and collinear pieces this close join.
RULE_THICKNESS = 2.0
MIN_RULE_SHARE = 0.2
EDGE_TOLERANCE = 3.0
# Fewest horizontal rules of a ruled table (a header band and one row); fewer only box a text. From this many
# bands with text on, the rules set every row apart (fewer: rules above and below the header only).
MIN_RULES = 3
RULED_ROWS = 3
# Fewest columns of an unruled table, item numbers and page numbers not counted (two aligned columns are as often
# a label list, an acronym list, a fact box or a contents page, which read well as they are), and fewest of its
# lines with text in two columns or more.
MIN_ALIGNED_COLUMNS = 3
MIN_TABLE_LINES = 3
# Inside a table, a vertical gap wider than this many font sizes separates rows (lines of one wrapped cell sit
# closer); a gap of more than MAX_ROW_GAP_EM ends an unruled table.
ROW_GAP_EM = 0.7
MAX_ROW_GAP_EM = 3.0
# Cells of a table may be closer than a segment gap, but not closer than this many font sizes (a word space is
# about a quarter of one).
CELL_GAP_EM = 0.6
# An unruled table starts with a row of short cells (its header) set apart from the text above: a row of three
# columns of running text is prose.
MAX_HEADER_WORDS = 6
# A column holding only these (bullets, item numbers, dot leaders, page numbers) is a list's or a contents
# page's, not a table's.
_MARKER = re.compile(r"^(?:[^\w\s]+|\(?(?:\d{1,3}(?:\.\d{1,3})*|[ivx]{1,5}|[A-Za-z])[.)]?)$")
# Dot leaders tie a table row's label to its value across a gap, which is then no gutter.
_LEADER = re.compile(r"^[.…·]{3,}$")
# The key of a placeholder word that stands for a whole table (its lines, already written).
_TABLE = "table_lines"

Word = dict
Row = list[Word]
# A horizontal rule (x0, x1, y) or a vertical one (x, top, bottom).
Edge = tuple[float, float, float]
_CID = re.compile(r"\(cid:\d+\)")


def page_text(page, glyphs: PageGlyphs | None = None) -> str:
    """The page's text, lines in reading order, a blank line between paragraphs (from `glyphs`, the page's
    glyphs when the caller has them already)."""
    glyphs = page_glyphs(page) if glyphs is None else glyphs
    return "\n".join(layout_lines(glyph_words(glyphs.glyphs, x_tolerance=WORD_GAP), float(page.width),
                                  glyphs.rulings))


def layout_lines(words: Sequence[Word], page_width: float, rulings: Sequence[Ruling] = ()) -> list[str]:
    """Lines of text from positioned words (pdfplumber word dicts with x0, x1, top, bottom, text, size) and the
    page's rulings (which draw tables)."""
    words = [w for w in words if w["text"].strip()]
    upright = [w for w in words if w.get("upright", True)]
    if len(upright) >= UPRIGHT_SHARE * len(words):
        words = upright  # rotated margin text (an arXiv stamp, a "DRAFT" label) is not part of the body
    english = bool(words) and sum(is_known_word(w["text"].strip(".,;:()")) for w in words) >= ENGLISH_SHARE * len(words)
    words = _drop_reference_marks(words)
    horizontal, vertical = _edges(rulings, MIN_RULE_SHARE * page_width)
    if horizontal:
        words = _ruled_tables(words, horizontal, vertical, english)
    lines = _layout(_rows(words), page_width, 0, english, horizontal)
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
    """Group words into rows by their tops; text of another size printed over a row becomes its own row; a table
    placeholder is a row of its own."""
    tables = [w for w in words if _TABLE in w]
    rows: list[Row] = []
    for word in sorted((w for w in words if _TABLE not in w), key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[Row] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        out.extend(_split_overprint(row))
    for table in sorted(tables, key=lambda w: w["top"]):
        out.insert(next((i for i, row in enumerate(out) if min(w["top"] for w in row) > table["top"]), len(out)),
                   [table])
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

def _layout(rows: list[Row], page_width: float, depth: int, english: bool, rules: list[Edge]) -> list[str]:
    rows, segmented = _aligned_tables([r for r in rows if r], english, rules)
    if not rows:
        return []
    for start, end, x, two_sided in (_gutters(rows, segmented) if depth < MAX_DEPTH else []):
        run = rows[start:end]
        left = [r for r in ([w for w in row if _centre(w) < x] for row in run) if r]
        right = [r for r in ([w for w in row if _centre(w) >= x] for row in run) if r]
        if two_sided >= MIN_TWO_SIDED_ROWS and _is_text_column(left) and _is_text_column(right):
            middle = (_layout(left, page_width, depth + 1, english, rules) + [""]
                      + _layout(right, page_width, depth + 1, english, rules))
        elif _is_text_column(right) and _are_side_headings(left, right, page_width):
            middle = _with_side_headings(left, right, english)
        else:
            continue
        return _join_blocks(_layout(rows[:start], page_width, depth + 1, english, rules), middle,
                            _layout(rows[end:], page_width, depth + 1, english, rules))
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


def _gutters(rows: list[Row], segmented: list[list[Row]]) -> list[tuple[int, int, float, int]]:
    """Candidate gutters, best first: (first row, end row, x, support) for the longest run of rows that no
    segment crosses at x. Support counts the rows with text on both sides, plus, where the columns' lines are
    not level with each other (so most rows hold text of one column only), the rows of the less full side.
    x is taken from the gaps between segments, and from the left edges of rows that start right of others.
    `segmented` holds each row's segments."""
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
            crossed = segs is None or any(_spans(s, x) for s in segs)
            if crossed or index in breaks:
                key, support = (start, index), both + min(left, right)
                if support and (key not in found or support > found[key][3]):
                    found[key] = (start, index, float(x), support)
                start, both, left, right = (index + 1, 0, 0, 0) if crossed else (index, 0, 0, 0)
            if crossed:
                continue
            has_left = any(w["x1"] <= x for s in segs for w in s)
            has_right = any(w["x0"] >= x for s in segs for w in s)
            both += has_left and has_right
            left += has_left and not has_right
            right += has_right and not has_left
    return sorted(found.values(), key=lambda c: (-c[3], -(c[1] - c[0]), c[2]))


def _spans(segment: Row, x: float) -> bool:
    """The segment runs across x with no gutter there. A column's long line may end closer to the next column
    than a segment gap, and its segment then holds both columns' words with a gap at x wider than GUTTER_GAP_EM
    and than twice the segment's usual word space (every space of a letter-spaced or loosely set line is wide),
    not after dot leaders; a segment of three words or fewer is no such line."""
    if segment[0]["x0"] >= x - 1 or segment[-1]["x1"] <= x + 1:
        return False
    gaps = [b["x0"] - a["x1"] for a, b in zip(segment, segment[1:])]
    if len(gaps) < 3:
        return True
    usual = median(gaps)
    return not any(a["x1"] <= x + 1 and b["x0"] >= x - 1 and not _LEADER.match(a["text"])
                   and gap > max(GUTTER_GAP_EM * _size(a), 2 * usual, MIN_GUTTER)
                   for a, b, gap in zip(segment, segment[1:], gaps))


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
        if _TABLE in row[0]:
            out = _join_blocks(out, row[0][_TABLE])
            out.append("")
            previous_bottom = row[0]["bottom"]
            continue
        top = min(w["top"] for w in row)
        height = max(w["bottom"] - w["top"] for w in row)
        if previous_bottom is not None and top - previous_bottom > height * 0.9 and out and out[-1]:
            out.append("")
        out.append(_row_text(row, english))
        previous_bottom = max(w["bottom"] for w in row)
    while out and not out[-1]:
        out.pop()
    return out


# -- tables ---------------------------------------------------------------------------------------------------

def _top(row: Row) -> float:
    return min(w["top"] for w in row)


def _bottom(row: Row) -> float:
    return max(w["bottom"] for w in row)


def _edges(rulings: Sequence[Ruling], min_length: float) -> tuple[list[Edge], list[Edge]]:
    """Horizontal rules (x0, x1, y), collinear touching pieces joined, and vertical ones (x, top, bottom): strokes,
    and the sides of rectangles (cell boxes, shaded rows)."""
    horizontal: list[Edge] = []
    vertical: list[Edge] = []
    for x0, top, x1, bottom, box in rulings:
        if box and x1 - x0 > RULE_THICKNESS and bottom - top > RULE_THICKNESS:
            horizontal += [(x0, x1, top), (x0, x1, bottom)]
            vertical += [(x0, top, bottom), (x1, top, bottom)]
        elif bottom - top <= RULE_THICKNESS:
            horizontal.append((x0, x1, (top + bottom) / 2))
        elif x1 - x0 <= RULE_THICKNESS:
            vertical.append(((x0 + x1) / 2, top, bottom))
    joined: list[Edge] = []
    for x0, x1, y in sorted(horizontal, key=lambda e: (round(e[2]), e[0])):
        if joined and abs(joined[-1][2] - y) <= 1 and x0 <= joined[-1][1] + EDGE_TOLERANCE:
            joined[-1] = (joined[-1][0], max(joined[-1][1], x1), joined[-1][2])
        else:
            joined.append((x0, x1, y))
    return [e for e in joined if e[1] - e[0] >= min_length], vertical


def _ruled_tables(words: list[Word], horizontal: list[Edge], vertical: list[Edge], english: bool) -> list[Word]:
    """The words with those of each ruled table (drawn by the `horizontal` and `vertical` edges) replaced by one
    placeholder word holding the table's lines."""
    groups: list[list[Edge]] = []
    for edge in sorted(horizontal, key=lambda e: e[2]):
        group = next((g for g in groups if abs(g[0][0] - edge[0]) <= EDGE_TOLERANCE
                      and abs(g[0][1] - edge[1]) <= EDGE_TOLERANCE), None)
        if group is None:
            groups.append([edge])
        elif edge[2] - group[-1][2] > 1:
            group.append(edge)
    tables = [part for group in groups for part in _connected(group, vertical) if len(part) >= MIN_RULES]
    for group in sorted(tables, key=lambda g: g[0][1] - g[0][0]):  # a table inside a box before the box
        x0, x1 = group[0][0], group[0][1]
        inside = [w for w in words if x0 - 1 <= _centre(w) <= x1 + 1 and group[0][2] < _middle(w) < group[-1][2]
                  and _TABLE not in w]
        lines = _ruled_table(group, inside, [v for v in vertical if x0 + EDGE_TOLERANCE < v[0] < x1 - EDGE_TOLERANCE],
                             english)
        if lines:
            taken = {id(w) for w in inside}
            words = [w for w in words if id(w) not in taken] + [_placeholder(inside, lines)]
    return words


def _ruled_table(rules: list[Edge], words: list[Word], inner: list[Edge], english: bool) -> list[str] | None:
    """The lines of the table whose horizontal `rules` and `inner` vertical rules hold `words`, or None when they
    only frame text (a box, a page's frame, columns of prose between rules)."""
    table: list[tuple[list[Row], list[float]]] = []
    for above, below in zip(rules, rules[1:]):
        band = [w for w in words if above[2] < _middle(w) < below[2]]
        if band:  # the band's columns: the vertical rules that cross it whole
            table.append((_rows(band), sorted({round(v[0], 1) for v in inner if v[1] <= above[2] + EDGE_TOLERANCE
                                                and v[2] >= below[2] - EDGE_TOLERANCE})))
    every_row = [r for rows, _ in table for r in rows]
    if not inner:
        table = [(rows, _coverage_bounds(every_row)) for rows, _ in table]
    if len(table) < RULED_ROWS or not inner:
        # Rules that do not set rows apart may frame columns of prose (a report's highlights page) or a box.
        if not _is_data_table(every_row, max(table, key=lambda band: len(band[0]))[1] if table else []):
            return None
    # A band holds one row, or rows set apart by gaps; with rules only above and below the header, the body's
    # rows may also be set close, one line each.
    table = [(rows, bounds) for band, bounds in table
             for rows in _logical_rows(band, bounds, by_first_column=len(table) < RULED_ROWS)]
    lines = _table_lines(table, english)
    if sum(CELL_SEPARATOR in line for line in lines) < 2:
        return None  # a box around a text (a code listing under its title bar), not a table
    return lines


def _connected(group: list[Edge], vertical: list[Edge]) -> list[list[Edge]]:
    """Where the rules of one width have vertical rules between them, only rules a vertical rule joins belong to
    one table (a page's header rule is no part of the boxed table further down)."""
    x0, x1 = group[0][0], group[0][1]
    sides = [v for v in vertical if x0 - EDGE_TOLERANCE <= v[0] <= x1 + EDGE_TOLERANCE]
    if not sides:
        return [group]
    parts = [[group[0]]]
    for above, below in zip(group, group[1:]):
        if any(v[1] <= above[2] + EDGE_TOLERANCE and v[2] >= below[2] - EDGE_TOLERANCE for v in sides):
            parts[-1].append(below)
        else:
            parts.append([below])
    return parts


def _middle(word: Word) -> float:
    return (word["top"] + word["bottom"]) / 2


def _coverage_bounds(rows: list[Row]) -> list[float]:
    """Column boundaries: the middles of the gaps (wider than a word space) that no word of any row crosses."""
    spans = sorted((w["x0"], w["x1"], _size(w)) for row in rows for w in row)
    bounds: list[float] = []
    if not spans:
        return bounds
    right = spans[0][1]
    for x0, x1, size in spans[1:]:
        if x0 - right > CELL_GAP_EM * size:
            bounds.append((right + x0) / 2)
        right = max(right, x1)
    return bounds


def _column(word: Word, bounds: list[float]) -> int:
    return sum(_centre(word) >= b for b in bounds)


def _is_data_table(rows: list[Row], bounds: list[float], min_columns: int = 2) -> bool:
    """Enough columns that are neither list markers nor page numbers, and not all of them running text."""
    lines_by_column: dict[int, list[str]] = {}
    words_by_column: dict[int, list[int]] = {}
    for row in rows:
        cells: dict[int, list[Word]] = {}
        for word in row:
            cells.setdefault(_column(word, bounds), []).append(word)
        for column, cell in cells.items():
            lines_by_column.setdefault(column, []).append(" ".join(w["text"] for w in cell))
            words_by_column.setdefault(column, []).append(len(cell))
    content = [c for c, texts in lines_by_column.items() if not all(_MARKER.match(t) for t in texts)]
    if len(content) < min_columns:
        return False
    return any(median(words_by_column[c]) < TEXT_COLUMN_WORDS for c in content)


def _cells(rows: list[Row], bounds: list[float], english: bool) -> list[str]:
    """The non-empty cells of a table row whose lines are `rows`: each column's pieces of line joined."""
    cells: list[str] = []
    for column in range(len(bounds) + 1):
        pieces = [_row_text(part, english) for part in ([w for w in row if _column(w, bounds) == column]
                                                        for row in rows) if part]
        text = ""
        for piece in pieces:
            if text.endswith("-") and text[-2:-1].isalpha() and piece[:1].islower() \
                    and is_known_word(text.split()[-1][:-1] + piece.split()[0]):
                text = text[:-1] + piece  # a word hyphenated at the cell's edge
            else:
                text = f"{text} {piece}" if text else piece
        text = text.replace(CELL_SEPARATOR.strip(), "/")  # a bar inside a cell must not split it
        if text:
            cells.append(text)
    return cells


def _logical_rows(lines: list[Row], bounds: list[float], by_first_column: bool = True,
                  rules: Sequence[Edge] = ()) -> list[list[Row]]:
    """Lines grouped into table rows: at horizontal `rules` between them; then at gaps wider than a wrapped cell's
    line spacing, or where there are none (and `by_first_column`), at each line with text in the first column
    and a cell that does not go on in lower case."""
    if not lines:
        return []
    x0, x1 = min(w["x0"] for row in lines for w in row), max(w["x1"] for row in lines for w in row)
    cuts = [i for i in range(1, len(lines)) if any(
        _bottom(lines[i - 1]) - 1 <= y <= _top(lines[i]) + 1 and a < x1 and b > x0 for a, b, y in rules)]
    if cuts:
        return [rows for start, end in zip([0, *cuts], [*cuts, len(lines)])
                for rows in _logical_rows(lines[start:end], bounds, by_first_column)]
    size = median(_size(w) for row in lines for w in row)
    gaps = [_top(b) - _bottom(a) > ROW_GAP_EM * size for a, b in zip(lines, lines[1:])]
    if not any(gaps) and by_first_column:
        gaps = [any(_column(w, bounds) == 0 for w in row) and not all(
            w["text"][:1].islower() for w in row if not any(_column(o, bounds) == _column(w, bounds)
                                                             and o["x0"] < w["x0"] for o in row))
            for row in lines[1:]]
    rows = [[lines[0]]]
    for line, new in zip(lines[1:], gaps):
        if new:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _table_lines(table: list[tuple[list[Row], list[float]]], english: bool) -> list[str]:
    out: list[str] = []
    for rows, bounds in table:
        cells = _cells(rows, bounds, english)
        if cells:
            out += [CELL_SEPARATOR.join(cells), ""]
    return out[:-1]


def _placeholder(words: list[Word], lines: list[str]) -> Word:
    """A word standing for a whole table in the reading order: the table's box, its lines already written."""
    return {"text": CELL_SEPARATOR.strip(), "x0": min(w["x0"] for w in words), "x1": max(w["x1"] for w in words),
            "top": min(w["top"] for w in words), "bottom": max(w["bottom"] for w in words),
            "size": median(_size(w) for w in words), "upright": True, _TABLE: lines}


def _aligned_tables(rows: list[Row], english: bool, rules: list[Edge]) -> tuple[list[Row], list[list[Row]]]:
    """The rows with each unruled table (a run of rows whose segments line up in columns; horizontal `rules` may
    separate its rows) replaced by one row holding its placeholder, and each row's segments."""
    segmented = [_segments(r) for r in rows]
    out: list[Row] = []
    out_segmented: list[list[Row]] = []
    index = 0
    while index < len(rows):
        segs = segmented[index]
        header = (len(segs) >= MIN_ALIGNED_COLUMNS and _TABLE not in segs[0][0]
                  and all(len(s) <= MAX_HEADER_WORDS for s in segs)
                  and (index == 0 or _top(rows[index]) - _bottom(rows[index - 1])
                       > ROW_GAP_EM * median(_size(w) for w in rows[index])))
        end = _run_end(rows, segmented, index) if header else index
        run = rows[index:end]
        bounds = _coverage_bounds(run) if end - index >= MIN_TABLE_LINES else []
        if len(bounds) + 1 >= MIN_ALIGNED_COLUMNS and _is_data_table(run, bounds, MIN_ALIGNED_COLUMNS) \
                and sum(len({_column(w, bounds) for w in row}) >= 2 for row in run) >= MIN_TABLE_LINES:
            table = [(rows_, bounds) for rows_ in _logical_rows(run, bounds, rules=rules)]
            out.append([_placeholder([w for row in run for w in row], _table_lines(table, english))])
            out_segmented.append([out[-1]])
            index = end
        else:
            out.append(rows[index])
            out_segmented.append(segs)
            index += 1
    return out, out_segmented


def _run_end(rows: list[Row], segmented: list[list[Row]], start: int) -> int:
    """The end of the run of rows from `start` whose segments cross none of the gaps between its first row's
    segments: rows of one segment only close to the row above (a wrapped cell), none after a wide gap."""
    gaps = [(a[-1]["x1"], b[0]["x0"]) for a, b in zip(segmented[start], segmented[start][1:])]
    size = median(_size(w) for w in rows[start])
    end = start + 1
    while end < len(rows) and _TABLE not in rows[end][0]:
        gap = _top(rows[end]) - _bottom(rows[end - 1])
        if gap > MAX_ROW_GAP_EM * size or (len(segmented[end]) == 1 and gap > ROW_GAP_EM * size):
            break
        if any(_crosses(s, left, right) for s in segmented[end] for left, right in gaps):
            break
        end += 1
    return end


def _crosses(segment: Row, left: float, right: float) -> bool:
    """A segment runs across the gap from `left` to `right` with no space wider than a word space inside it (cells
    of a table may be set closer than a segment gap)."""
    if segment[0]["x0"] > left + 1 or segment[-1]["x1"] < right - 1:
        return False
    return not any(b["x0"] - a["x1"] > CELL_GAP_EM * _size(a) and a["x1"] <= right and b["x0"] >= left
                   for a, b in zip(segment, segment[1:]))

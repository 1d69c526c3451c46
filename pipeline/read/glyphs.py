"""Words and image areas of a pdfplumber page from a single walk over its parsed layout.

pdfplumber's `page.chars` (behind `extract_words`, `page.images` and the other extractors) turns every glyph of
the page into a dict of about twenty resolved attributes (graphics state, colours, font, matrix) before anything
groups them; on text-heavy pages that conversion costs more than pdfminer's parsing. The reader needs the text,
box and size of each glyph, the size of each image and the ruling lines and rectangles that draw tables, so it
walks `page.layout` (pdfminer's LTPage, which pdfplumber parses once per page and caches until `page.close()`)
and groups glyphs into words exactly as
pdfplumber's WordExtractor does with the same settings (`x_tolerance`, `y_tolerance`, `extra_attrs=["size"]`,
`use_text_flow=False`, `keep_blank_chars=False`, ligatures expanded): the same words, in the same order, for
about half the cost of reading the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTRect

# pdfplumber's defaults for extract_words; the reader passes x_tolerance=1.5.
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0
# Ligature glyphs spelled out, as pdfplumber's extract_words does by default (expand_ligatures=True).
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

# A glyph: text, x0, x1, top, bottom, size, upright (page coordinates as pdfplumber gives them: top-down).
Glyph = tuple[str, float, float, float, float, float, bool]
_TEXT, _X0, _X1, _TOP, _BOTTOM, _SIZE, _UPRIGHT = range(7)
# A ruling: x0, top, x1, bottom and whether it is a rectangle (four edges) rather than a stroke (a line or a thin
# rectangle or curve, one edge).
Ruling = tuple[float, float, float, float, bool]


@dataclass(frozen=True)
class PageGlyphs:
    """A page's glyphs in content-stream order, the (width, height) of each of its images and its rulings."""

    glyphs: list[Glyph]
    images: list[tuple[float, float]]
    rulings: list[Ruling]


def page_glyphs(page) -> PageGlyphs:
    """Glyphs, image sizes and rulings of a pdfplumber page, from its cached pdfminer layout (figures included)."""
    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    glyphs: list[Glyph] = []
    images: list[tuple[float, float]] = []
    rulings: list[Ruling] = []
    stack = [iter(page.layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                glyphs.append((obj._text, obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top,
                               height - obj.y0 + mb_top, obj.size, obj.upright))
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
            elif isinstance(obj, LTImage):
                images.append((obj.x1 - obj.x0, obj.y1 - obj.y0))
            elif isinstance(obj, LTCurve):  # lines and rectangles too: they draw tables' rules and cells
                rulings.append((obj.x0 + mb_x0, height - obj.y1 + mb_top, obj.x1 + mb_x0, height - obj.y0 + mb_top,
                                isinstance(obj, LTRect)))
        else:
            stack.pop()
    return PageGlyphs(glyphs, images, rulings)


def glyph_words(glyphs: list[Glyph], x_tolerance: float = X_TOLERANCE,
                y_tolerance: float = Y_TOLERANCE) -> list[dict]:
    """Words as pdfplumber's extract_words(x_tolerance, y_tolerance, extra_attrs=["size"]) returns them: runs of
    glyphs sharing orientation and size, clustered into lines, split at spaces and gaps."""
    words: list[dict] = []
    for (upright, _size), run in groupby(glyphs, key=itemgetter(_UPRIGHT, _SIZE)):
        run = list(run)
        if upright:  # lines by top, glyphs left to right
            lines = _cluster(run, _TOP, y_tolerance)
            order = itemgetter(_X0)  # pdfplumber sorts by (x0, x0)
            along, across, gap, drift = _X0, _TOP, x_tolerance, y_tolerance
        else:  # rotated text: lines by x0, glyphs top to bottom
            lines = _cluster(run, _X0, x_tolerance)
            order = itemgetter(_TOP, _BOTTOM)
            along, across, gap, drift = _TOP, _X0, y_tolerance, x_tolerance
        end = _X1 if upright else _BOTTOM
        for line in lines:
            line.sort(key=order)
            current: list[Glyph] = []
            for glyph in line:
                text = glyph[_TEXT]
                if text.isspace():
                    _emit(words, current, upright)
                    current = []
                elif text == "":  # pdfplumber's split-at-punctuation test matches the empty string
                    _emit(words, current, upright)
                    _emit(words, [glyph], upright)
                    current = []
                elif current and (glyph[along] < current[-1][along] or glyph[along] > current[-1][end] + gap
                                  or abs(glyph[across] - current[-1][across]) > drift):
                    _emit(words, current, upright)
                    current = [glyph]
                else:
                    current.append(glyph)
            _emit(words, current, upright)
    return words


def _cluster(run: list[Glyph], key: int, tolerance: float) -> list[list[Glyph]]:
    """pdfplumber's cluster_objects: distinct key values chained within tolerance; glyphs in stream order."""
    values = sorted({glyph[key] for glyph in run})
    index: dict[float, int] = {}
    cluster, last = 0, None
    for value in values:
        if last is not None and value > last + tolerance:
            cluster += 1
        index[value] = cluster
        last = value
    lines: list[list[Glyph]] = [[] for _ in range(cluster + 1)] if values else []
    for glyph in run:
        lines[index[glyph[key]]].append(glyph)
    return lines


def _emit(words: list[dict], glyphs: list[Glyph], upright: bool) -> None:
    if not glyphs:
        return
    first = glyphs[0]
    words.append({
        "text": "".join(LIGATURES.get(g[_TEXT], g[_TEXT]) for g in glyphs),
        "x0": min(g[_X0] for g in glyphs), "x1": max(g[_X1] for g in glyphs),
        "top": min(g[_TOP] for g in glyphs), "bottom": max(g[_BOTTOM] for g in glyphs),
        "upright": upright, "size": first[_SIZE],
    })

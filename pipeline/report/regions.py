"""Small PNG crops of PDF pages around extracted items, with the item highlighted.

Items are located with pdfium (pypdfium2): its text of the page is searched for the item's words as the reader
returned them (`start/end` in the page text), and its character boxes give the item's place on the page. When
the same text occurs several times on a page, the occurrence with the same rank as in the reader's page text
is taken; when the reader ordered lines differently (tables, rotated text), each line of the item is searched on
its own. pdfium is used rather than pdfplumber because it finds and renders a page in milliseconds, while
parsing the page again with pdfminer costs about as much as reading it did.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from itertools import accumulate
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw

# 100 dpi keeps 11 pt text legible (about 15 px high) while a crop of a text column stays ~650-850 px wide.
RESOLUTION = 100
SCALE = RESOLUTION / 72
# Points of page shown above and below the item (snapped to whole lines), and the tallest region cut.
MARGIN_PT = 24
MAX_REGION_PT = 300
SIDE_MARGIN_PT = 10  # white space kept left and right of the page's text
EDGE_PT = 3  # white space kept above the first and below the last whole line of a crop
# A palette of this many colours keeps a text crop around 10-20 kB without visible loss.
PALETTE_COLOURS = 48
# Fast octree quantisation and zlib level 6 cost ~3 ms a crop; median cut with `optimize` (zlib 9 and every
# filter tried) cost ~17 ms for files ~10% larger (measured on 100 crops of the benchmark PDF): with hundreds of
# items per report, encoding was most of the report's own time.
QUANTIZE_METHOD = Image.Quantize.FASTOCTREE
PNG_COMPRESS_LEVEL = 6
HIGHLIGHT_FILL = (255, 205, 0, 90)
HIGHLIGHT_OUTLINE = (220, 120, 0, 255)

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels of the page render


@dataclass(frozen=True)
class RegionRequest:
    """One item to show: its id, 1-based page, and character span in that page's text as read."""

    item_id: str
    page: int
    start: int
    end: int


@dataclass(frozen=True)
class Region:
    """A written crop (`path` relative to the folder given to render_regions) or why there is none."""

    item_id: str
    path: str | None = None
    problem: str | None = None
    box: Box | None = None  # the item on the page: left, top, right, bottom in points from the top-left corner


def search_pattern(text: str) -> re.Pattern[str] | None:
    """The item's words in order, with any white space (or none: readers differ in word gaps) between them."""
    words = text.split()
    if not words:
        return None
    return re.compile(r"\s*".join(re.escape(word) for word in words))


def render_regions(pdf_path: Path, page_texts: tuple[str, ...], requests: list[RegionRequest], out_dir: Path,
                   prefix: str = "", password: str | None = None) -> dict[str, Region]:
    """Write one PNG per located item under out_dir (named prefix + item id); return a Region per request."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_page: dict[int, list[RegionRequest]] = defaultdict(list)
    for request in requests:
        by_page[request.page].append(request)
    try:
        pdf = pypdfium2.PdfDocument(str(pdf_path), password=password)
    except Exception as exc:  # pdfminer read this file, but pdfium may not (and the reverse)
        problem = f"{Path(pdf_path).name}: pdfium cannot open it for rendering ({type(exc).__name__}: {exc})"
        return {r.item_id: Region(r.item_id, problem=problem) for r in requests}
    regions: dict[str, Region] = {}
    try:
        for number in sorted(by_page):
            if not 1 <= number <= min(len(pdf), len(page_texts)):
                for request in by_page[number]:
                    regions[request.item_id] = Region(request.item_id, problem=f"page {number} is not in the PDF")
                continue
            try:
                regions.update(_render_page(pdf[number - 1], page_texts[number - 1], by_page[number], out_dir,
                                            prefix))
            except Exception as exc:  # one unrenderable page must not cost the other pages their images
                problem = f"page {number} could not be rendered ({type(exc).__name__}: {exc})"
                for request in by_page[number]:
                    regions.setdefault(request.item_id, Region(request.item_id, problem=problem))
    finally:
        pdf.close()
    return regions


def locate(pdfium_text: str, page_text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Character ranges of pdfium's page text that show page_text[start:end], or None if it is not there.

    The whole item is searched first; failing that, each of its lines on its own.
    """
    span = page_text[start:end]
    for pieces in ([(start, span)], _lines(start, span)):
        found: list[tuple[int, int]] = []
        for offset, piece in pieces:
            pattern = search_pattern(piece)
            if pattern is None:
                continue
            hits = [m.span() for m in pattern.finditer(pdfium_text)]
            if not hits:
                break
            rank = sum(1 for m in pattern.finditer(page_text) if m.start() < offset)
            found.append(hits[min(rank, len(hits) - 1)])
        else:
            if found:
                return found
    return None


def _lines(start: int, span: str) -> list[tuple[int, str]]:
    pieces, offset = [], start
    for line in span.split("\n"):
        if line.strip():
            pieces.append((offset, line))
        offset += len(line) + 1
    return pieces


@dataclass(frozen=True)
class _Rendered:
    """A page rendered once for all its items, with where its printed text lies (all in pixels)."""

    image: Image.Image
    posconv: object  # pdfium's page <-> bitmap coordinate converter for this render (crop box and rotation)
    left: float  # text extent, side margins included
    right: float
    by_bottom: list[float]  # text runs sorted by bottom, with the smallest top of the runs from there on
    min_top_from: list[float]
    by_top: list[float]  # text runs sorted by top, with the largest bottom of the runs up to there
    max_bottom_upto: list[float]

    @classmethod
    def of(cls, page, textpage) -> _Rendered:
        bitmap = page.render(scale=SCALE)
        image = bitmap.to_pil().convert("RGB")
        posconv = bitmap.get_posconv(page)
        runs = [_pixels(posconv, textpage.get_rect(i)) for i in range(textpage.count_rects())]
        runs = [r for r in runs if r[2] > 0 and r[0] < image.width and r[3] > 0 and r[1] < image.height]
        margin = SIDE_MARGIN_PT * SCALE
        left = max(0.0, min((r[0] for r in runs), default=0.0) - margin)
        right = min(float(image.width), max((r[2] for r in runs), default=float(image.width)) + margin)
        by_bottom = sorted(runs, key=lambda r: r[3])
        min_top_from = list(accumulate(reversed([r[1] for r in by_bottom]), min))[::-1]
        by_top = sorted(runs, key=lambda r: r[1])
        max_bottom_upto = list(accumulate((r[3] for r in by_top), max))
        return cls(image, posconv, left, right, [r[3] for r in by_bottom], min_top_from, [r[1] for r in by_top],
                   max_bottom_upto)

    def pixels(self, box: tuple[float, float, float, float]) -> Box:
        return _pixels(self.posconv, box)

    def vertical_span(self, first: float, last: float) -> tuple[float, float]:
        """Top and bottom of a crop around first..last: every line reaching into the margins is shown whole
        (never cut through), within twice the margin of the item."""
        margin = MARGIN_PT * SCALE
        i = bisect.bisect_left(self.by_bottom, first - margin)  # runs ending below the top margin's edge
        j = bisect.bisect_right(self.by_top, last + margin)  # runs starting above the bottom margin's edge
        top = min(self.min_top_from[i], first) if i < len(self.by_bottom) else first - margin
        bottom = max(self.max_bottom_upto[j - 1], last) if j else last + margin
        top = max(0.0, max(top, first - 2 * margin) - EDGE_PT * SCALE)
        bottom = min(bottom, last + 2 * margin) + EDGE_PT * SCALE
        return top, min(float(self.image.height), bottom, top + MAX_REGION_PT * SCALE)


def _pixels(posconv, box: tuple[float, float, float, float]) -> Box:
    """A pdfium box (left, bottom, right, top in page space) as left, top, right, bottom in render pixels."""
    left, bottom, right, top = box
    (x0, y0), (x1, y1) = posconv.to_bitmap(left, bottom), posconv.to_bitmap(right, top)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _render_page(page, page_text: str, requests: list[RegionRequest], out_dir: Path,
                 prefix: str) -> dict[str, Region]:
    textpage = page.get_textpage()
    try:
        pdfium_text = textpage.get_text_range()
        rendered: _Rendered | None = None
        regions: dict[str, Region] = {}
        for request in requests:
            if not page_text[request.start:request.end].strip():
                regions[request.item_id] = Region(request.item_id, problem="the item's span on the page is empty")
                continue
            ranges = locate(pdfium_text, page_text, request.start, request.end)
            if ranges is None:
                regions[request.item_id] = Region(
                    request.item_id, problem=f"the item's text was not found in page {request.page}'s text layer")
                continue
            rendered = rendered or _Rendered.of(page, textpage)
            regions[request.item_id] = _crop(rendered, textpage, pdfium_text, ranges, out_dir,
                                             f"{prefix}{request.item_id}.png", request.item_id)
        return regions
    finally:
        textpage.close()


def _crop(rendered: _Rendered, textpage, pdfium_text: str, ranges: list[tuple[int, int]], out_dir: Path,
          name: str, item_id: str) -> Region:
    boxes = [rendered.pixels(textpage.get_charbox(i)) for s, e in ranges for i in range(s, e)
             if not pdfium_text[i].isspace()]
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
    if not boxes:
        return Region(item_id, problem="the item's characters have no size on the page")
    item = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    top, bottom = rendered.vertical_span(item[1], item[3])
    crop = rendered.image.crop((round(rendered.left), round(top), round(rendered.right), round(bottom)))
    draw = ImageDraw.Draw(crop, "RGBA")
    for left, line_top, right, line_bottom in _line_boxes(boxes):
        draw.rectangle((left - rendered.left - 2, line_top - top - 1, right - rendered.left + 2,
                        line_bottom - top + 1), fill=HIGHLIGHT_FILL, outline=HIGHLIGHT_OUTLINE)
    crop.quantize(colors=PALETTE_COLOURS, method=QUANTIZE_METHOD).save(out_dir / name,
                                                                       compress_level=PNG_COMPRESS_LEVEL)
    return Region(item_id, path=name, box=(item[0] / SCALE, item[1] / SCALE, item[2] / SCALE, item[3] / SCALE))


def _line_boxes(boxes: list[Box]) -> list[Box]:
    """One box per printed line of the item, so a two-line item is not highlighted as one big rectangle."""
    lines: list[list[float]] = []
    for left, top, right, bottom in sorted(boxes, key=lambda b: (round(b[1]), b[0])):
        if lines and abs(lines[-1][1] - top) < max(1.0, (bottom - top) / 2):
            line = lines[-1]
            line[0], line[2], line[3] = min(line[0], left), max(line[2], right), max(line[3], bottom)
        else:
            lines.append([left, top, right, bottom])
    return [(a, b, c, d) for a, b, c, d in lines]

"""The reader's own glyph walk gives exactly the words pdfplumber's extract_words gives with the same settings
(it replaces them for speed, so any difference would silently change every PDF's text)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from pipeline.read.glyphs import glyph_words, page_glyphs
from pipeline.read.layout import WORD_GAP
from test_layout import lines_at, positioned_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
KEYS = ("text", "x0", "x1", "top", "bottom", "upright", "size")
PAGES_PER_CORPUS_FILE = 6


def _compare(page, x_tolerance: float) -> tuple[list, list]:
    ours = [tuple(w[k] for k in KEYS) for w in glyph_words(page_glyphs(page).glyphs, x_tolerance=x_tolerance)]
    page.close()  # the reference parses the page afresh
    theirs = [tuple(w[k] for k in KEYS) for w in page.extract_words(
        x_tolerance=x_tolerance, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])]
    return ours, theirs


@pytest.mark.parametrize("x_tolerance", [WORD_GAP, 3.0])
def test_words_match_pdfplumber_on_a_mixed_page(tmp_path: Path, x_tolerance: float):
    runs = [(72, 60, 16, "Annual Report 2023"),
            *lines_at(72, 100, ["Two columns of running text set in ten", "point type, with a second line"]),
            *lines_at(320, 100, ["The right column reads after the left", "one and has its own lines"]),
            (72, 160, 10, ["Agenda", ("sup", "150"), " and the signi", 0.5, "cant ", 0.2, "gap"]),
            (72, 180, 8, "Small print: (cid:12) , ; ."),
            (72, 181, 12, "Overprinted larger words")]
    path = positioned_pdf(tmp_path / "mixed.pdf", runs, rotated=[(590, 700, 9, "arXiv:2101.00001 [cs.CL]")])
    with pdfplumber.open(path) as pdf:
        ours, theirs = _compare(pdf.pages[0], x_tolerance)
    assert theirs, "the fixture page has words"
    assert any(not w[5] for w in theirs), "the fixture has rotated words"
    assert ours == theirs


def test_image_sizes_are_found_inside_figures_too(tmp_path: Path):
    """A page that is one image (a scan) is covered whole; its image sizes come from the glyph walk."""
    from PIL import Image

    image_path = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image_path)
    pdf_path = tmp_path / "scan.pdf"
    Image.open(image_path).save(pdf_path, "PDF", resolution=72)
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        images = page_glyphs(page).images
        assert images == [pytest.approx((image["x1"] - image["x0"], image["bottom"] - image["top"]))
                          for image in page.images]
        assert images and images[0] == pytest.approx((float(page.width), float(page.height)))


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is absent")
def test_words_match_pdfplumber_on_real_reports():
    compared = 0
    for path in sorted(CORPUS.glob("*.pdf")):
        try:
            pdf = pdfplumber.open(path)
            pages = pdf.pages[:PAGES_PER_CORPUS_FILE]
        except Exception:  # unreadable by pdfminer: the reader falls back to pdfium, no words to compare
            continue
        with pdf:
            for number, page in enumerate(pages, start=1):
                try:
                    ours, theirs = _compare(page, WORD_GAP)
                except Exception:  # a page pdfminer cannot parse fails the same way either path
                    continue
                assert ours == theirs, f"{path.name} page {number}"
                compared += 1
    assert compared >= 50


def test_rulings_are_the_lines_and_rectangles_pdfplumber_finds(tmp_path: Path):
    """Table rules and cell boxes come from the same walk as the glyphs, with pdfplumber's coordinates."""
    path = positioned_pdf(tmp_path / "ruled.pdf", lines_at(80, 100, ["Recommendation", "Train officers"]),
                          rules=[(72, 95, 300, 95), (150, 95, 150, 130)], boxes=[(72, 140, 300, 170)])
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        ours = sorted(page_glyphs(page).rulings)
        theirs = sorted((o["x0"], o["top"], o["x1"], o["bottom"], kind == "rect")
                        for kind, objects in (("line", page.lines), ("rect", page.rects)) for o in objects)
    assert len(ours) == 3
    assert ours == [pytest.approx(r) for r in theirs]

"""Benchmark inputs, generated from the sample reports in raw/ at run time (nothing generated is committed).

- a long text-heavy PDF: the sample text wrapped to the width of a Letter page, 40 lines a page with a running
  header and a page number (as a printed report has), repeated until it has the requested page count;
- a folder of small documents: runs of consecutive sample paragraphs as plain text, HTML pages and 1-3 page
  PDFs, each with its own title so no two files are identical.

PDFs are written by `tests/pdf_fixtures.py` (Helvetica, no embedded font), so pdfplumber parses real text
operators, one page at a time, exactly as it parses a report.
"""

from __future__ import annotations

import html
import random
import re
import textwrap
from pathlib import Path

from tests.pdf_fixtures import PAGE_HEIGHT, LEADING, MARGIN_TOP, write_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "raw"
# Characters per line: 11 pt Helvetica averages ~5.3 pt a character, so 88 fit the 468 pt text width of a
# Letter page with 1 inch margins (as in the sample atlas, whose lines run to ~90 characters).
WRAP_CHARS = 88
# Lines a page holds between the top and bottom margins at the fixture writer's leading (40 at 16 pt).
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN_TOP) // LEADING + 1
RUNNING_HEADER = "Social Innovations Atlas of Central Asia"
# The PDF writer sets text in WinAnsi (cp1252); glyphs outside it are replaced as a symbol font's are.
GLYPH_STANDINS = {"џ": "•"}
# Lines starting with these start a list item of their own.
BULLETS = ("•", "-", "–", "*")
# Small documents: paragraphs per document and pages per small PDF.
DOC_PARAGRAPHS = (3, 10)
DOC_KINDS = ("txt", "html", "pdf")


def _winansi(line: str) -> str:
    out = []
    for char in line:
        char = GLYPH_STANDINS.get(char, char)
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            char = "?"
        out.append(char)
    return "".join(out)


def sample_lines() -> list[str]:
    """The sample texts reflowed to a page's width: each paragraph (and each bulleted item) rewrapped as a
    typeset report sets it, a blank line between paragraphs."""
    lines: list[str] = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        for paragraph in re.split(r"\n\s*\n", _winansi(path.read_text(encoding="utf-8"))):
            items: list[list[str]] = []
            for line in paragraph.splitlines():
                line = line.strip()
                if line and (not items or line.startswith(BULLETS)):
                    items.append([line])
                elif line:
                    items[-1].append(line)
            for item in items:
                lines.extend(textwrap.wrap(" ".join(item), WRAP_CHARS, break_on_hyphens=False))
            if items:
                lines.append("")
    if not any(lines):
        raise FileNotFoundError(f"no sample text (*.txt) in {SAMPLES_DIR}")
    return lines


def sample_paragraphs() -> list[list[str]]:
    """The sample lines grouped into paragraphs (runs of non-blank lines)."""
    paragraphs: list[list[str]] = [[]]
    for line in sample_lines():
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def report_pages(pages: int) -> list[list[str]]:
    """`pages` pages of sample text, each with a running header and a page number, as lines."""
    body = sample_lines()
    per_page = LINES_PER_PAGE - 4  # header, blank, ..., blank, page number
    out: list[list[str]] = []
    position = 0
    while len(out) < pages:
        chunk = [body[(position + i) % len(body)] for i in range(per_page)]
        position += per_page
        out.append([RUNNING_HEADER, "", *chunk, "", str(len(out) + 1)])
    return out


def write_report(path: Path, pages: int) -> Path:
    """The long text-heavy PDF of the benchmark."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_pdf(path, report_pages(pages))


def _html(title: str, paragraphs: list[list[str]]) -> str:
    parts = [f"<!DOCTYPE html>\n<html><head><title>{html.escape(title)}</title></head><body>",
             "<nav><a href='/'>Home</a> | <a href='/reports'>Reports</a></nav>",
             f"<main><h1>{html.escape(title)}</h1>"]
    for paragraph in paragraphs:
        text = html.escape(" ".join(paragraph))
        if len(paragraph) == 1 and len(text) < 70:
            parts.append(f"<h2>{text}</h2>")
        elif text.startswith("•"):
            parts.append("<ul>" + "".join(f"<li>{item.strip()}</li>" for item in text.split("•") if item.strip())
                         + "</ul>")
        else:
            parts.append(f"<p>{text}</p>")
    parts.append("</main><footer>© the publisher</footer></body></html>")
    return "\n".join(parts) + "\n"


def _pdf_pages(title: str, paragraphs: list[list[str]]) -> list[list[str]]:
    lines = [title, ""]
    for paragraph in paragraphs:
        lines.extend([*paragraph, ""])
    per_page = LINES_PER_PAGE - 2
    return [[*lines[i:i + per_page], "", str(n + 1)] for n, i in enumerate(range(0, len(lines), per_page))]


def write_documents(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """`count` small documents (text, HTML, PDF in turn) of consecutive sample paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = sample_paragraphs()
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        size = rng.randint(*DOC_PARAGRAPHS)
        start = rng.randrange(len(paragraphs))
        chosen = [paragraphs[(start + i) % len(paragraphs)] for i in range(size)]
        title = f"Field report {number + 1}: {' '.join(chosen[0])[:60]}"
        kind = DOC_KINDS[number % len(DOC_KINDS)]
        path = folder / f"report_{number + 1:04d}.{kind}"
        if kind == "txt":
            path.write_text("\n\n".join([title, *("\n".join(p) for p in chosen)]) + "\n", encoding="utf-8")
        elif kind == "html":
            path.write_text(_html(title, chosen), encoding="utf-8")
        else:
            write_pdf(path, _pdf_pages(title, chosen))
        paths.append(path)
    return paths

"""HTML: the main text, with headings, list items and table rows kept on lines of their own.

A data table's row is one line, its cells joined by CELL_SEPARATOR, so that a recommendations table's columns
("Recommendation | Responsible | Priority") stay apart and the extractors can tell them; a layout table (whole
sections inside cells) is read as ordinary blocks.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning

from pipeline.config import PACKAGE_DIR
from pipeline.read.text import decode_text, repair_mojibake
from pipeline.records import RawDocument
from pipeline.text.normalise import BULLET, CELL_SEPARATOR

# Elements that never hold report text.
_DROP = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe",
         "button", "select")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "table", "tr", "ul", "ol", "dl", "dt", "dd",
           "figure", "figcaption", "pre", "address", "caption", "br", "hr", "td", "th"}
# A table whose cells hold headings, nested tables or this much text lays out a page; it is not data.
LAYOUT_CELL_CHARS = 3000
# Cells that only hold a currency sign or a closing sign belong to the cell beside them ("$ | 1,234 | %").
_OPENING_CELL = re.compile(r"^[$€£¥(]$")
_CLOSING_CELL = re.compile(r"^(?:%|\)|\)%|%\))$")
# A first cell that only holds a bullet or an item number makes the row a list item (EDGAR lays lists out so).
_MARKER_CELL = re.compile(r"^(?:[^\w\s$€£¥(]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")
# Titles of the pages web servers send instead of a document (data, one regular expression a line).
ERROR_TITLES_FILE = PACKAGE_DIR / "read" / "data" / "error_page_titles.txt"


@lru_cache(maxsize=1)
def _error_titles() -> re.Pattern:
    lines = ERROR_TITLES_FILE.read_text(encoding="utf-8").splitlines()
    return re.compile("|".join(f"(?:{line})" for line in lines if line.strip() and not line.startswith("#")),
                      re.IGNORECASE)


def read_html(data: bytes) -> RawDocument:
    """Extract readable text: headings and list items as lines, paragraphs separated by blank lines."""
    text, _ = decode_text(data)
    with warnings.catch_warnings():
        # XHTML (SEC filings, saved pages) is read as HTML on purpose: the HTML parser forgives broken markup.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    error_page = _error_page(soup)  # before page furniture (where some servers put the h1) is dropped
    for name in _DROP:
        for tag in soup.find_all(name):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    lines: list[str] = []
    _walk(root, lines, [])
    out = "\n".join(lines)
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    out, repair = repair_mojibake(out.strip() + "\n")
    return RawDocument("text/html", (out,), tuple(note for note in (error_page, repair) if note))


def _error_page(soup: BeautifulSoup) -> str | None:
    """A note when the page's title says it is a web server's error page rather than a document."""
    for tag in (soup.title, soup.find("h1")):
        title = " ".join(tag.get_text(" ").split()) if tag else ""
        if title and _error_titles().search(title):
            return (f"the page looks like a web server's error page ('{title[:80]}'), not a report: the download "
                    "probably failed; download the report again")
    return None


def _walk(node: Tag, lines: list[str], current: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # skips comments, CDATA, doctype
                current.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name in _HEADINGS:
            _flush(lines, current)
            lines.extend(["", _inline(child), ""])
        elif name == "li":
            _flush(lines, current)
            inner: list[str] = []
            sub: list[str] = []
            _walk(child, sub, inner)
            _flush(sub, inner)
            first, *rest = [line for line in sub if line.strip()] or [""]
            lines.append(f"{BULLET} {first.strip()}")
            lines.extend(rest)
        elif name == "table" and not _is_layout(child):
            _flush(lines, current)
            _table(child, lines)
        elif name in _BLOCKS:
            _flush(lines, current)
            _walk(child, lines, current)
            _flush(lines, current)
            if name in ("p", "table", "ul", "ol", "blockquote", "pre"):
                lines.append("")
        else:
            _walk(child, lines, current)


def _is_layout(table: Tag) -> bool:
    """A table that lays out a page (headings, nested tables or long text in a cell) rather than holding data."""
    if table.find(["table", *_HEADINGS]) is not None:
        return True
    return any(len(cell.get_text()) > LAYOUT_CELL_CHARS for cell in table.find_all(["td", "th"]))


def _table(table: Tag, lines: list[str]) -> None:
    """The caption, then each row on a line of its own, cells joined, rows separated like paragraphs."""
    caption = table.find("caption")
    if caption is not None and _inline(caption):
        lines.extend([_inline(caption), ""])
    for row in table.find_all("tr"):
        cells: list[str] = []
        for cell in row.find_all(["td", "th"], recursive=False):
            text = _inline(cell).replace(CELL_SEPARATOR, " / ")  # a bar inside a cell must not split it
            if not text:
                continue
            if cells and (_OPENING_CELL.match(cells[-1]) or _CLOSING_CELL.match(text)):
                cells[-1] += text
            else:
                cells.append(text)
        if len(cells) > 1 and _MARKER_CELL.match(cells[0]):
            marker = BULLET if cells[0][-1:] not in ".)" else cells[0]
            lines.extend([f"{marker} {CELL_SEPARATOR.join(cells[1:])}", ""])
        elif cells:
            lines.extend([CELL_SEPARATOR.join(cells), ""])


def _inline(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _flush(lines: list[str], current: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        lines.append(text)
    current.clear()

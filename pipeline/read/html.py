"""HTML: the main text, with headings and list items kept on lines of their own."""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag, XMLParsedAsHTMLWarning

from pipeline.config import PACKAGE_DIR
from pipeline.read.text import decode_text, repair_mojibake
from pipeline.records import RawDocument

# Elements that never hold report text.
_DROP = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "iframe",
         "button", "select")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {"p", "div", "section", "article", "main", "blockquote", "table", "tr", "ul", "ol", "dl", "dt", "dd",
           "figure", "figcaption", "pre", "address", "caption", "br", "hr", "td", "th"}
BULLET = "•"
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
        elif name in _BLOCKS:
            _flush(lines, current)
            _walk(child, lines, current)
            _flush(lines, current)
            if name in ("p", "table", "ul", "ol", "blockquote", "pre"):
                lines.append("")
        else:
            _walk(child, lines, current)


def _inline(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def _flush(lines: list[str], current: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        lines.append(text)
    current.clear()

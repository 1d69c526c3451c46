"""PDF with pdfplumber, one page at a time; each page is closed so memory does not grow with page count."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from pipeline.read.errors import ReadError
from pipeline.records import RawDocument

# Words whose tops differ by less than this (points) share a line.
LINE_TOLERANCE = 3.0


def read_pdf(path: Path, password: str | None = None) -> RawDocument:
    """Return one text per page, lines rebuilt from word positions."""
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PDFPasswordIncorrect as exc:
        raise ReadError("encrypted", "the PDF is encrypted and no valid password was given") from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReadError("corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pdfminer raises many ad-hoc types on broken files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise ReadError("encrypted", f"the PDF could not be decrypted ({exc})") from exc
        raise ReadError("corrupt", f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    pages: list[str] = []
    warnings: list[str] = []
    with pdf:
        try:
            page_list = pdf.pages
        except Exception as exc:
            raise ReadError("corrupt", f"the PDF page tree is broken ({type(exc).__name__}: {exc})") from exc
        for number, page in enumerate(page_list, start=1):
            try:
                pages.append(page_text(page))
            except Exception as exc:
                # Keep what parsed: one broken page must not lose the rest of the report.
                warnings.append(f"page {number}: text could not be extracted ({type(exc).__name__}: {exc})")
                pages.append("")
            finally:
                page.close()
    if not pages:
        raise ReadError("corrupt", "the PDF has no pages")
    return RawDocument("application/pdf", tuple(pages), tuple(warnings))


def page_text(page) -> str:
    """Group the page's words into lines by position, top to bottom, left to right."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=1.5)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    out: list[str] = []
    previous_bottom = None
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        top = min(w["top"] for w in line)
        height = max(w["bottom"] - w["top"] for w in line)
        if previous_bottom is not None and top - previous_bottom > height * 0.9:
            out.append("")  # a vertical gap taller than a line: paragraph break
        out.append(" ".join(w["text"] for w in line))
        previous_bottom = max(w["bottom"] for w in line)
    return "\n".join(out)

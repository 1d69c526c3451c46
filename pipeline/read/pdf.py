"""PDF with pdfplumber, one page at a time; each page is closed so memory does not grow with page count."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from pipeline.read.errors import ReadError
from pipeline.read.layout import page_text
from pipeline.records import RawDocument


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

"""Readers: a file's bytes -> pages of text. Type is detected from content, never from the extension.

The readers' libraries (pdfminer, pdfium, lxml, charset detection) load when a file of their type is first read,
so importing the package for its errors and statuses (the table schemas do) stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import MAX_PAGES
from pipeline.read.detect import name_mismatch, sniff_media_type, unsupported_reason
from pipeline.read.errors import ReadError
from pipeline.records import RawDocument

if TYPE_CHECKING:
    from pipeline.read.pdf import PdfPart

__all__ = ["ReadError", "read_document", "sniff_media_type"]


def read_document(path: Path, data: bytes, password: str | None = None, *, max_pages: int = MAX_PAGES,
                  ocr: bool = True, pdf_parts: Sequence[PdfPart] | None = None) -> RawDocument:
    """Read one file whose bytes are already loaded; raise ReadError with a status and a cause when nothing
    could be read. A file read in part or with problems comes back with its status and warnings. A long PDF
    whose pages were read in parallel (`pipeline.read.pdf.read_pdf_part`) passes its parts as `pdf_parts`."""
    media_type = sniff_media_type(data)
    if media_type == "application/pdf":
        from pipeline.read.pdf import read_pdf

        raw = read_pdf(path, password=password, max_pages=max_pages, ocr=ocr, parts=pdf_parts)
    elif media_type == "text/html":
        from pipeline.read.html import read_html

        raw = read_html(data)
    elif media_type == "text/plain":
        from pipeline.read.text import read_text

        raw = read_text(data)
    elif media_type == "empty":
        raise ReadError("empty", "the file is empty (no content but white space)" if data else
                                 "the file is empty (0 bytes)")
    else:
        raise ReadError("unsupported", unsupported_reason(data))
    mismatch = name_mismatch(path, media_type)
    if mismatch is None:
        return raw
    # The content wins; the name's claim is reported, and is the status when nothing worse happened.
    return replace(raw, warnings=(mismatch, *raw.warnings), status="mislabelled" if raw.status == "ok" else raw.status)

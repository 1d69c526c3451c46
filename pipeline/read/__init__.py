"""Readers: a file's bytes -> pages of text. Type is detected from content, never from the extension."""

from __future__ import annotations

from pathlib import Path

from pipeline.read.detect import sniff_media_type
from pipeline.read.errors import ReadError
from pipeline.read.html import read_html
from pipeline.read.pdf import read_pdf
from pipeline.read.text import read_text
from pipeline.records import RawDocument

__all__ = ["ReadError", "read_document", "sniff_media_type"]


def read_document(path: Path, data: bytes, password: str | None = None) -> RawDocument:
    """Read one file whose bytes are already loaded; raise ReadError with a status and a cause."""
    media_type = sniff_media_type(data)
    if media_type == "application/pdf":
        return read_pdf(path, password=password)
    if media_type == "text/html":
        return read_html(data)
    if media_type == "text/plain":
        return read_text(data)
    if media_type == "empty":
        raise ReadError("empty", "the file is empty (0 bytes of content)")
    raise ReadError("unsupported", "not a PDF, HTML or text file (binary content of an unknown type)")

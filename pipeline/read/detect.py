"""Content sniffing: what a file really is, whatever its name says."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from pipeline.config import PACKAGE_DIR

_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
# How far into a file the PDF header may sit (the PDF spec allows leading junk; readers accept ~1 KB).
_PDF_HEADER_WINDOW = 1024
_SNIFF_BYTES = 4096
# Magic numbers of formats the pipeline does not read, with what to tell the user (data, not code).
SIGNATURES_FILE = PACKAGE_DIR / "read" / "data" / "signatures.json"
# File name extensions that claim a type; a file whose content is another type is "mislabelled". Other
# extensions (.md, .csv, none) make no claim the pipeline can check.
EXTENSION_TYPES = {".pdf": "application/pdf", ".htm": "text/html", ".html": "text/html", ".xhtml": "text/html",
                   ".txt": "text/plain"}
TYPE_NAMES = {"application/pdf": "a PDF", "text/html": "an HTML page", "text/plain": "plain text"}


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[bytes, str, str], ...]:
    entries = json.loads(SIGNATURES_FILE.read_text(encoding="utf-8"))
    return tuple((bytes.fromhex(e["magic"]), e["what"], e["advice"]) for e in entries)


def known_signature(data: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) for a format the pipeline recognises but does not read, else None."""
    for magic, what, advice in _signatures():
        if data.startswith(magic):
            return what, advice
    return None


def sniff_media_type(data: bytes) -> str:
    """Return application/pdf, text/html, text/plain, empty or application/octet-stream."""
    if not data.strip():
        return "empty"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "application/pdf"
    if known_signature(data):
        return "application/octet-stream"  # RTF and PostScript are text, but not text to read as prose
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _HTML_START.match(head):
        return "text/html"
    if _looks_textual(head):
        return "text/plain"
    return "application/octet-stream"


def unsupported_reason(data: bytes) -> str:
    """Why a file of unknown or unsupported type is not read, and what to do about it."""
    found = known_signature(data)
    if found:
        what, advice = found
        return f"the content is {what}, which the pipeline does not read: {advice}"
    return "not a PDF, HTML or text file (binary content of an unknown type)"


def name_mismatch(path: Path, media_type: str) -> str | None:
    """A note when the file's extension claims another type than its content, else None."""
    claimed = EXTENSION_TYPES.get(Path(path).suffix.lower())
    if claimed is None or claimed == media_type or media_type not in TYPE_NAMES:
        return None
    return (f"named {Path(path).suffix} but the content is {TYPE_NAMES[media_type]}, not {TYPE_NAMES[claimed]}; "
            f"read as {TYPE_NAMES[media_type]}")


def _looks_textual(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(head) * 0.01
